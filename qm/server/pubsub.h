/*
 * pubsub.h: publish/subscribe through the MQI (issue 14): the topic handles,
 * the subscriptions, publishing.  The rules are at the top of pubsub.c
 * (topics, MQOPEN, MQSUB, MQCLOSE) and pubsub_put.c (publications).
 */
#ifndef QUIRE_PUBSUB_H
#define QUIRE_PUBSUB_H

#include "qm/server/mqiserv.h"
#include "qm/engine/selector.h"

/* A topic opened for output (hobj.topic). */
struct ps_topic {
	char *str;                    /* the full topic string (ResObjectString) */
	uint32_t len;
	int64_t lpub_ms;              /* its last publication (0: none) */
	int64_t npubs;                /* publications through it */
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
	struct sel *sel;              /* MQSD.SelectionString compiled (NULL: none); sel_text(sel) is kept */
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
	MQBYTE24 subid;               /* its SUBID (durable: its record's MsgId on PS_DSQ) */
	MQLONG subtype;               /* MQSUBTYPE_API (MQSUB) or MQSUBTYPE_ADMIN (DEFINE SUB) */
	MQLONG psprop;                /* PSPROP: MQPSPROP_* (MQSUB: MSGPROP) */
	char topicobj[OBJDEF_NAME_SIZE]; /* TOPICOBJ as given (blank: none) */
	int64_t cr_ms, alt_ms;        /* CRDATE/CRTIME, ALTDATE/ALTTIME */
	/* status, not kept across a restart (DISPLAY SBSTATUS) */
	int64_t resume_ms, lmsg_ms;   /* its last MQSUB, its last copy (0: none since the start) */
	int64_t nummsgs;              /* copies put for it since the start */
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
/* Has c (or the alternate user alt, non-empty) every authority in need on
 * the topic string str, from the topic objects on its path?  MQRC_NONE or
 * 2035 (said as oam_check says it). */
MQLONG ps_topic_authority(struct qm *qm, struct conn *c, const char *str, uint32_t need, const char *alt,
			  MQLONG qualifier);
struct hobj *ps_open_topic(struct qm *qm, struct conn *c, MQOD *od, MQLONG options, const char *s, uint32_t n,
			   MQLONG *cc, MQLONG *rc);
/* MQCLOSE of a topic handle or an Hsub: the reason (0 done, h released). */
MQLONG ps_close(struct qm *qm, struct conn *c, struct hobj *h, MQLONG options);
/* The subscription named (n bytes), or NULL; a new one into qm->subs; free
 * one not in the list. */
struct ps_sub *ps_sub_by_name(struct qm *qm, const char *name, uint32_t n);
void ps_sub_link(struct qm *qm, struct ps_sub *s);
void ps_sub_free(struct ps_sub *s);
/* The end of the process: every subscription's memory freed (nothing else changes). */
void ps_free_all(struct qm *qm);

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
/* The model of a new subscription's managed queue, a name for a durable
 * one's (pubsub.c). */
struct qobj *ps_managed_model(struct qm *qm, const struct objdef *res, int durable);
void ps_managed_dur_name(struct qm *qm, char *name);
/* Remove s: out of the list, its managed queue deleted (logged for a durable
 * one's), freed.  Its record is the caller's. */
void ps_sub_remove(struct qm *qm, struct ps_sub *s);
/* 1 when a character pattern's '%' escapes are right. */
int ps_char_pattern_ok(const char *p);

/* pubsub_admin.c: what MQSC sees and does (struct mqsc_runtime's subs,
 * pubs, sub_define, sub_delete; the rules atop the file). */
struct mqsc_sub;
struct mqsc_pub;
int ps_rt_subs(void *arg, struct mqsc_sub **v, size_t *n);
int ps_rt_pubs(void *arg, struct mqsc_pub **v, size_t *n);
int ps_rt_sub_define(void *arg, const struct mqsc_sub *in, int mode, char *err, size_t errlen);
int ps_rt_sub_delete(void *arg, const char *name);
/* dmpmqcfg: a DEFINE SUB line for each durable subscription whose name
 * matches pat ("*", "A*" or a name), counted in *objects: 0, or -1. */
struct mqsc_out;
int ps_dump_subs(struct qm *qm, const char *pat, struct mqsc_out *out, uint32_t *objects);

/* pubsub_put.c: one publication (put_check passed: md and pmo checked, the
 * context to pass in *pass) to every matching subscription.  *cc, and the
 * reason returned; *lsn and *park as put_store's (mqiserv_put.c). */
MQLONG ps_publish(struct qm *qm, struct conn *c, struct hobj *h, MQMD *md, const MQPMO *pmo, const uint8_t *data,
		  uint32_t len, const MQMD *pass, MQLONG *cc, uint64_t *lsn, struct pending **park);
/* A copy for subscription s of a publication on topic (its descriptor cm,
 * adjusted here: CorrelId, Priority with sq the subscription's queue,
 * identity; data as the subscription's PSPROP says, the mqps MQRFH2 with
 * Ret when retained): *out malloc'd.  0, or -1 out of memory. */
int ps_copy_make(struct qm *qm, const struct ps_sub *s, const struct qobj *sq, const char *topic, MQMD *cm,
		 const uint8_t *data, uint32_t len, int retained, uint8_t **out, size_t *outlen);

/* pubsub_ret.c: retained publications (the rules atop the file).
 *   ps_ret_check    the retained queue can take a publication of len bytes on
 *                   topic: 0, or -1
 *   ps_ret_stage    topic's retained publications replaced by md's (data,
 *                   len) under u (c's when under syncpoint, else the
 *                   publication's own, its log records under xuow); *logged
 *                   counts its records, *last the LSN of the last
 *   ps_ret_deliver  the retained publications s's topic matches, put on
 *                   its queue (persistent ones logged and durable on
 *                   return): MQRC_NONE with *count, or the reason */
#define PS_RPQ "SYSTEM.RETAINED.PUB.QUEUE"
int ps_ret_check(struct qm *qm, const char *topic, uint32_t len);
int ps_ret_stage(struct qm *qm, struct conn *c, struct uow *u, uint64_t xuow, const char *topic, MQMD *md,
		 const uint8_t *data, uint32_t len, int64_t now, int *logged, uint64_t *last);
MQLONG ps_ret_deliver(struct qm *qm, struct ps_sub *s, int *count);
/* MQSUBRQ (PROTO_SUBRQ). */
void ps_subrq(struct qm *qm, struct conn *c, struct rd *d);

/* 1 when topic string str matches subscription pattern pat (character
 * wildcards when wchar, else topic-level ones). */
int ps_match(const char *pat, int wchar, const char *str);
/* WILDCARD(BLOCK) on the topic objects along str's path: *levels and *chars
 * (0 and 0: none) the most levels and characters of such an object's topic
 * string that is str or a level above it; ps_blocked: 1 when subscription
 * pattern pat (wchar: MQSO_WILDCARD_CHAR) has its first wildcard at a level
 * (a character) before the end of that string, so its copies of str are not
 * made (MQ: a wildcard less specific than the topic object's string). */
void ps_block_at(struct qm *qm, const char *str, size_t *levels, size_t *chars);
int ps_blocked(const char *pat, int wchar, size_t levels, size_t chars);

#endif
