/*
 * mqsc_int.h: what the files of the MQSC processor share (not for others).
 *
 *   mqsc.c          output lines, parsing, the verbs and objects, dispatch
 *   mqsc_reader.c   runmqsc's input reader
 *   mqsc_show.c     DISPLAY's attribute lists: columns, explicit/ALL lists, WHERE
 *   mqsc_obj.c      DEFINE/ALTER/DELETE/DISPLAY/CLEAR of queues, processes and
 *                   topics, DISPLAY/ALTER QMGR
 *   mqsc_chl.c      what is particular to channels, listeners and
 *                   authentication information objects (required types,
 *                   DISPLAY's filters and order, messages)
 *   mqsc_topic.c    what is particular to topic objects (TOPICSTR's rules, their
 *                   display), DISPLAY TPSTATUS
 *   mqsc_status.c   DISPLAY QMSTATUS/QSTATUS/CONN, STOP CONN, PING QMGR,
 *                   RESET QMGR, SET LOG
 *   mqsc_auth.c     SET/DELETE/DISPLAY AUTHREC, DISPLAY ENTAUTH, REFRESH SECURITY
 *   mqsc_chst.c     channels and listeners at run time: DISPLAY CHSTATUS,
 *                   START/STOP CHANNEL, DISPLAY LSTATUS, START/STOP LISTENER
 *                   (taken before the dispatch: mqsc_chst_exec)
 */
#ifndef QUIRE_MQSC_INT_H
#define QUIRE_MQSC_INT_H

#include <stdint.h>

#include "qm/admin/mqsc.h"

#define MAX_WORDS 128

struct word {
	char kw[48];        /* upper case */
	char *val;          /* NULL: no parentheses; else points into cmd.buf */
	int used;
};

struct cmd {
	char verb[16];
	struct word w[MAX_WORDS];
	int n;
	char *buf;          /* the values, allocated for this command (see parse) */
	size_t cap, used;
};

/* What the command works on: the object keyword after the verb. */
enum mqsc_obj {
	MO_NONE = 0,
	MO_QMGR = 1, MO_QLOCAL = 2, MO_QALIAS = 3, MO_QMODEL = 4,   /* == OBJDEF_* */
	MO_PROCESS = 5,     /* == OBJDEF_PROCESS */
	MO_TOPIC = 6,       /* == OBJDEF_TOPIC */
	MO_CHANNEL = 7,     /* == OBJDEF_CHANNEL */
	MO_LISTENER = 8,    /* == OBJDEF_LISTENER */
	MO_AUTHINFO = 9,    /* == OBJDEF_AUTHINFO */
	MO_QUEUE = 10,      /* any queue (DISPLAY); every object type below it is an OBJDEF_* */
	MO_QMSTATUS, MO_QSTATUS, MO_CONN, MO_LOG, MO_TPSTATUS,
	MO_SUB, MO_SBSTATUS,   /* subscriptions (mqsc_sub.c) */
	MO_AUTHREC, MO_ENTAUTH, MO_SECURITY,   /* the authority manager (mqsc_auth.c) */
	MO_CHLAUTH,            /* channel authentication records (mqsc_chlauth.c) */
};

/* One response line from the catalog (ins may be NULL). */
void mqsc_say(struct mqsc_out *o, int id, const char *ins);
/* AMQ8405E with the reason; returns MQSC_SYNTAX. */
int mqsc_syntax(struct mqsc_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* AMQ8101E with "out of memory"; returns MQSC_FAILED. */
int mqsc_oom(struct mqsc_out *o);
/* The word kw among the command's keywords (not the object word), or NULL. */
struct word *mqsc_find(struct cmd *c, const char *kw);
/* The bare keyword kw (no value): 1 and marked used when present; a value
 * given to it is a syntax error (-1, said). */
int mqsc_flag(struct cmd *c, const char *kw, struct mqsc_out *o);
/* Every word not used yet is a syntax error naming it and the command. */
int mqsc_rest_unused(struct cmd *c, const char *what, struct mqsc_out *o);
/* A value as error messages quote it: at most 48 characters, then "...". */
const char *mqsc_clip(const char *v, char *buf, size_t n);
/* An object name MQ allows (AMQ8405E saying why not: MQSC_SYNTAX). */
int mqsc_check_name(const char *name, struct mqsc_out *o);
/* A generic name: "*", "ABC*", or a plain name. */
int mqsc_generic_match(const char *pat, const char *name);

/* ---- DISPLAY's attribute lists (mqsc_show.c) ---- */

/* The attributes of one thing shown: keyword and text, in the order added. */
struct item {
	char kw[16];
	char alt[16];       /* the other keyword of a pair (NOSHARE for SHARE), or "" */
	char *val;          /* text as shown between the parentheses; "" shows as "( )" */
	int bare;           /* shown as the keyword alone (SHARE, NOSHARE) */
};
struct items {
	struct item *v;
	size_t n, cap;
	int oom;
};
void items_reset(struct items *it);
void items_free(struct items *it);
void items_add(struct items *it, const char *kw, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A pair's item: shown as the bare keyword text; asked for as kw or alt. */
void items_bare(struct items *it, const char *kw, const char *alt, const char *text);
const struct item *items_get(const struct items *it, const char *kw);

/* How a DISPLAY command chose what to show: ALL, named attributes, WHERE.
 * display_prepare takes ALL, WHERE and every keyword valid() accepts (what
 * this DISPLAY may name; pairs name both keywords) from the command, and
 * refuses anything else.  display_show prints it: the key items
 * (the first nkey added) always, then ALL or the named ones (and WHERE's), in
 * the order they were added. */
struct where {
	int on;
	char kw[48];
	int op;
	char val[256];
};
struct display {
	int all;
	struct where where;
	struct cmd *c;
	const char *const *also;   /* shown as if named (DISPLAY QMSTATUS LOG), or NULL */
};
int display_prepare(struct cmd *c, struct display *d, int all_default, int (*valid)(const char *kw),
		    struct mqsc_out *o);
/* kw is in the NULL-ended list. */
int mqsc_kw_in(const char *kw, const char *const *list);
/* 1 when the item list passes WHERE (or there is none), 0 when not. */
int display_match(const struct display *d, const struct items *it);
void display_show(const struct display *d, const struct items *it, size_t nkey, struct mqsc_out *o);

/* ---- the commands ---- */

int mqsc_exec_obj(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *verb, int type,
		  const char *name, struct mqsc_out *o);
int mqsc_check_obj(struct cmd *c, const char *verb, int type, struct mqsc_out *o);
/* ---- channels, listeners, authentication information (mqsc_chl.c) ---- */

/* DEFINE/ALTER CHANNEL needs CHLTYPE, AUTHINFO AUTHTYPE (as MQ); a type MQ
 * has that Quire does not serve is refused saying so.  MQSC_OK for other
 * types.  The word stays unused: apply() sets it. */
int mqsc_chl_check(struct cmd *c, const char *verb, int type, struct mqsc_out *o);
/* DISPLAY's type filter (CHANNEL TYPE(..), LISTENER TRPTYPE(..), AUTHINFO
 * AUTHTYPE(..)): marked used; *filter set to -1 when it selects a type
 * Quire does not have (nothing matches). */
int mqsc_chl_filter(struct cmd *c, int type, int *filter, struct mqsc_out *o);
/* DISPLAY's items in MQ's order; returns how many are always shown. */
size_t mqsc_chl_items(const struct objdef *def, struct items *it);
/* The message id: what 0 created, 1 changed, 2 deleted, 3 display. */
int mqsc_chl_msg(int type, int what);
int mqsc_chl_valid_channel_kw(const char *kw);
int mqsc_chl_valid_listener_kw(const char *kw);
int mqsc_chl_valid_authinfo_kw(const char *kw);

/* ---- topics (mqsc_topic.c) ---- */

/* DEFINE/ALTER TOPIC's TOPICSTR rules on the definition about to be written:
 * old is the existing object (NULL: a new one), given whether the command
 * named TOPICSTR.  MQSC_OK, or the error said. */
int mqsc_topic_check(struct objstore *os, const struct mqsc_runtime *rt, const char *verb, struct objdef *def,
		     const struct objdef *old, int given, struct mqsc_out *o);
/* DISPLAY TOPIC's items of a topic object, in MQ's order. */
void mqsc_topic_items(const struct objdef *def, struct items *it);
int mqsc_exec_tpstatus(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *str,
		       struct mqsc_out *o);

/* REFRESH QMGR TYPE(CONFIGEV)'s work (also ALTER QMGR CONFIGEV from DISABLED
 * to ENABLED, as MQ): a Refresh object configuration event (rt->config,
 * MQRC_CONFIG_REFRESH_OBJECT) for each object whose type is in types (bits
 * 1 << OBJDEF_*), whose name matches generic, altered in the last inclint
 * minutes (0: any time).  The number of objects refreshed. */
int mqsc_refresh_config(struct objstore *os, const struct mqsc_runtime *rt, unsigned types, const char *generic,
			int inclint);
int mqsc_exec_status(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *verb,
		     int type, const char *name, struct mqsc_out *o);
/* ---- the authority manager (mqsc_auth.c) ---- */
int mqsc_exec_auth(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *verb, int type,
		   struct mqsc_out *o);
/* Parse a command into c (mqsc.c): MQSC_OK or the error said. */
int mqsc_parse(const char *s, size_t len, struct cmd *c, struct mqsc_out *o);
/* DISPLAY CHSTATUS, START/STOP CHANNEL, DISPLAY LSTATUS, START/STOP LISTENER
 * (mqsc_chst.c): -1 when cmdtext is none of them (the dispatch goes on),
 * else the command's MQSC_* status (rt NULL: its syntax checked only).
 * *mqcmd: the PCF command it is, for the command event. */
int mqsc_chst_exec(struct objstore *os, const struct mqsc_runtime *rt, const char *cmdtext, struct mqsc_out *o,
		   int32_t *mqcmd, int *inquire);
/* ---- subscriptions (mqsc_sub.c) ---- */
int mqsc_exec_sub(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *verb, int type,
		  const char *name, struct mqsc_out *o);
/* ---- channel authentication records (mqsc_chlauth.c) ---- */
int mqsc_exec_chlauth(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *verb,
		      const char *name, struct mqsc_out *o);
/* DISPLAY TPSTATUS(str) TYPE(SUB) (pub 0) or TYPE(PUB) (pub 1). */
int mqsc_tpstatus_subpub(const struct mqsc_runtime *rt, struct cmd *c, const char *str, int pub,
			 struct mqsc_out *o, const char *qmname);

/* The date and time MQSC shows for a time in ms since the epoch (local
 * time): "2026-12-06" and "05.21.45"; both "" for 0. */
void mqsc_date_time(int64_t ms, char date[16], char tm[16]);

#endif
