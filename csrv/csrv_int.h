/*
 * csrv_int.h: what the command server's files share (not for others).
 *
 *   csrv.c      the thread, its loop, the checks of a request, replies,
 *               PING_Q_MGR, ESCAPE, INQUIRE_Q_MGR, INQUIRE_Q_NAMES, dispatch
 *   csrv_obj.c  the PCF commands carried out by the MQSC processor through
 *               PROTO_ADMIN_PCF: queues, processes, topics (inquire, names,
 *               create, change, copy, delete, clear), CHANGE_Q_MGR, the status
 *               commands, STOP_CONNECTION, RESET_Q_MGR
 *   csrv_sub.c  the subscription commands, INQUIRE_TOPIC_STATUS of
 *               subscriptions and publishers
 */
#ifndef QUIRE_CSRV_INT_H
#define QUIRE_CSRV_INT_H

#include <stddef.h>
#include <stdint.h>

#include "cmqc.h"
#include "cmqcfc.h"

struct csrv {
	MQCHAR48 qmname;     /* blank-padded */
	char data_dir[4096];
	MQHCONN hc;
	MQHOBJ hqm;          /* the queue manager object, for MQINQ */
	uint32_t admin_id;
	const MQMD *cur_md;  /* the request in hand (its context goes with its MQSC: events) */
	MQLONG cur_cmd;      /* its Command: MQSC for another than MQCMD_ESCAPE is the server's own */
};

/* ---- the request's parameters (checked by csrv.c's parse) ---- */

struct parm {
	MQLONG type, id;
	MQLONG ival;                   /* MQCFIN, MQCFIF's value */
	MQLONG op;                     /* MQCFIF, MQCFSF: the Operator */
	const char *s;                 /* MQCFST, MQCFSL, MQCFBS, MQCFSF: the bytes (not NUL-ended) */
	MQLONG slen;
	const unsigned char *list;     /* MQCFIL: the values (native MQLONGs) */
	MQLONG count;
};

struct req {
	MQCFH cfh;
	struct parm *p;
	MQLONG np;
};

MQLONG get_l(const unsigned char *b);
/* The MQRCCF_*_PARM_ID_ERROR of p's type. */
MQLONG parm_id_error(const struct parm *p);
/* Every parameter must be one of allowed[] (type, id pairs, 0-ended): 0 or the reason. */
MQLONG only(const struct req *r, const MQLONG *allowed);
const struct parm *find(const struct req *r, MQLONG type, MQLONG id);

/* ---- replies ---- */

struct out {
	unsigned char *b;
	size_t len, cap;
	MQLONG nparm;
	int oom;
};

struct reply {
	struct out *msg;   /* the messages' parameters, one out per message */
	size_t n, cap;
	MQLONG cc, rc;     /* the command's result, on the last message */
};

void out_raw(struct out *o, const void *p, size_t n);
void out_l(struct out *o, MQLONG v);
void add_int(struct out *o, MQLONG id, MQLONG v);
/* MQCFBS of the n bytes b */
void add_bytes(struct out *o, MQLONG id, const unsigned char *b, size_t n);
/* n hex digits to n / 2 bytes at out: 1, or 0 when they are not all hex */
int unhex(const char *s, size_t n, unsigned char *out);
/* MQCFST of the string s (n bytes) blank-padded to width (0: n) */
void add_str(struct out *o, MQLONG id, const char *s, size_t n, size_t width);
struct out *reply_new(struct reply *rp);
void reply_free(struct reply *rp);

/* One MQSC command through the queue manager's processor with op
 * PROTO_ADMIN_MQSC (runmqsc's columns) or PROTO_ADMIN_PCF (DISPLAY's items as
 * records, qm/proto.h): its status (MQSC_*) and response text (malloc'd), or
 * -1 when the queue manager could not be asked. */
int csrv_run(struct csrv *cs, int op, const char *cmd, size_t len, char **text);

/* ---- csrv_obj.c: MQSC commands built and their answers read ---- */

/* csrv_obj.c: 1 when it serves r's Command (rp filled), 0 when not. */
int csrv_obj_command(struct csrv *cs, const struct req *r, struct reply *rp);
/* csrv_status.c: the same for the status commands, STOP_CONNECTION, RESET_Q_MGR. */
int csrv_status_command(struct csrv *cs, const struct req *r, struct reply *rp);
/* csrv_sub.c: the same for the subscription commands. */
int csrv_sub_command(struct csrv *cs, const struct req *r, struct reply *rp);
/* csrv_sub.c: INQUIRE_TOPIC_STATUS of MQIACF_TOPIC_SUB (pub 0) or _PUB (1)
 * for the topic string str (n bytes): rp filled; 1. */
int csrv_sub_topic_status(struct csrv *cs, const struct req *r, struct reply *rp, const char *str, size_t n,
			  int pub);

/* An MQSC command being built (out of memory: oom, and the command fails). */
struct text {
	char *b;
	size_t len, cap;
	int oom;
};
void t_add(struct text *t, const char *s, size_t n);
void t_str(struct text *t, const char *s);
/* 'value' with each quote doubled, as MQSC reads a quoted value */
void t_quoted(struct text *t, const char *s, size_t n);
void fail(struct reply *rp, MQLONG rc);
/* only(), the filter excepted (NULL: none). */
MQLONG only_but(const struct req *r, const MQLONG *allowed, const struct parm *filter);
/* The request's filter (MQCFIF or MQCFSF), or NULL. */
const struct parm *find_filter(const struct req *r);
/* f as " WHERE(kw op value)" on t (MQSC's WHERE: the same operators as
 * MQCFOP_*): an integer filter's value is ival_text (its MQSC text), a
 * string filter's its string, quoted.  0, or the reason: kw NULL (no such
 * attribute, or not of the filter's type) MQRCCF_CFIF_/CFSF_PARM_ID_ERROR,
 * an operator MQ does not have (or a generic one on an integer)
 * MQRCCF_CFIF_/CFSF_OPERATOR_ERROR. */
MQLONG where_words(const struct parm *f, const char *kw, const char *ival_text, struct text *t);
/* Carry out t through PROTO_ADMIN_PCF: 0 when it succeeded (its text in *out
 * when out is given, malloc'd), or the reason (rp failed: the AMQ message's
 * MQRCCF_*, csrv_obj.c's table). */
MQLONG run_cmd(struct csrv *cs, const struct text *t, char **out, struct reply *rp);

/* One record of DISPLAY's answer. */
struct rec {
	const char *kw;
	size_t kwlen;
	const char *v;
	size_t vlen;
};
/* A record's value as a decimal integer: 1, or 0 when it is not one. */
int rec_num(const struct rec *r, MQLONG *v);
/* The next record of the object at *p: 1, or 0 at the object's end. */
int next_rec(const char **p, const char *end, struct rec *r);
/* The start of the next object's records after p, or NULL. */
const char *next_obj(const char *p, const char *end);
int rec_is(const struct rec *r, const char *kw);
/* id is in the MQCFIL attribute list (MQIACF_ALL: all; no list: all). */
int wanted_id(const struct parm *attrs, MQLONG id);

#endif
