/*
 * pubsub.h: publish/subscribe through the MQI (issue 14): the topic handles,
 * the subscriptions, publishing.  The rules are at the top of pubsub.c
 * (topics, MQOPEN, MQSUB, MQCLOSE) and pubsub_put.c (publications).
 */
#ifndef QUIRE_PUBSUB_H
#define QUIRE_PUBSUB_H

#include "qm/server/mqiserv.h"

/* A topic opened for output (hobj.topic). */
struct ps_topic {
	char *str;                    /* the full topic string (ResObjectString) */
	uint32_t len;
};

/* A subscription (qm->subs). */
struct ps_sub {
	struct ps_sub *next, *prev;
	char *topic;                  /* the full topic string, wildcards and all */
	char *name;                   /* SubName, or NULL */
	uint32_t namelen;
	char *udata;                  /* SubUserData ("" when none) */
	uint32_t udlen;
	MQLONG options;               /* MQSO_* as given */
	MQLONG pub_priority, expiry, level;
	int durable;
	char dest[OBJDEF_NAME_SIZE];  /* the local queue its copies go to */
	char managed[OBJDEF_NAME_SIZE]; /* its managed queue ("" for none): deleted with it */
	char user[MQ_USER_ID_LENGTH + 1];
	MQBYTE24 correl;              /* SubCorrelId */
	MQBYTE32 acct;                /* PubAccountingToken */
	MQCHAR32 appl_id;             /* PubApplIdentityData */
	struct conn *owner;           /* the connection of its Hsub (NULL: none open) */
	struct hobj *hsub;
	MQBYTE24 subid;               /* durable: its record's MsgId on PS_DSQ (SUBID) */
};

/* Where durable subscriptions are kept (pubsub_dur.c). */
#define PS_DSQ "SYSTEM.DURABLE.SUBSCRIBER.QUEUE"

/* pubsub.c */
/* The full topic string of ObjectName objname (C string, "" for none) and
 * the object string s (n bytes), malloc'd into *out; MQ's reason or 0. */
MQLONG ps_topic_string(struct qm *qm, const char *objname, const char *s, uint32_t n, char **out);
/* The resolved attributes of topic string str (out->topic_str points at
 * str); QM_OK or QM_ENOMEM. */
int ps_resolve(struct qm *qm, const char *str, struct objdef *out);
/* MQOPEN of MQOT_TOPIC (the object string s, n bytes). */
struct hobj *ps_open_topic(struct qm *qm, struct conn *c, MQOD *od, MQLONG options, const char *s, uint32_t n,
			   MQLONG *cc, MQLONG *rc);
/* MQCLOSE of a topic handle or an Hsub: the reason (0 done, h released). */
MQLONG ps_close(struct qm *qm, struct conn *c, struct hobj *h, MQLONG options);
/* The subscription named (n bytes), or NULL; a new one into qm->subs; free
 * one not in the list. */
struct ps_sub *ps_sub_by_name(struct qm *qm, const char *name, uint32_t n);
void ps_sub_link(struct qm *qm, struct ps_sub *s);
void ps_sub_free(struct ps_sub *s);

/* pubsub_dur.c: durable subscriptions (where and how, atop the file).
 *   ps_load           the durable ones into qm->subs, once after a start: 0, or
 *                     -1 when PS_DSQ cannot be read (damaged, out of memory)
 *   ps_dsq            PS_DSQ when it is a usable local queue, else NULL
 *   ps_dur_write      old's record replaced by s's (either may be NULL: a
 *                     create, a removal), one unit of work, durable on return
 *   ps_delete_permdyn a managed durable queue deleted (logged, with its messages) */
int ps_load(struct qm *qm);
struct qobj *ps_dsq(struct qm *qm);
MQLONG ps_dur_write(struct qm *qm, struct ps_sub *old, struct ps_sub *s);
MQLONG ps_delete_permdyn(struct qm *qm, const char *name);

/* pubsub_put.c: one publication (put_check passed: md and pmo checked, the
 * context to pass in *pass) to every matching subscription.  *cc, and the
 * reason returned; *lsn and *park as put_store's (mqiserv_put.c). */
MQLONG ps_publish(struct qm *qm, struct conn *c, struct hobj *h, MQMD *md, const MQPMO *pmo, const uint8_t *data,
		  uint32_t len, const MQMD *pass, MQLONG *cc, uint64_t *lsn, struct pending **park);
/* 1 when topic string str matches subscription pattern pat (character
 * wildcards when wchar, else topic-level ones). */
int ps_match(const char *pat, int wchar, const char *str);

#endif
