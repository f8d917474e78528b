/*
 * mqiserv.h: the MQI verbs as the queue manager serves them, one request
 * frame (qm/proto.h) at a time, with MQ's completion and reason codes.
 *
 *   mqiserv.c        dispatch, MQCONN, MQDISC, MQCMIT, MQBACK, units of work,
 *                    replies parked on the log, parked MQGETs and their timer,
 *                    quiescing, a connection that goes away
 *   mqiserv_open.c   MQOPEN, MQCLOSE, the queue objects, dynamic queues
 *   mqiserv_put.c    MQPUT, MQPUT1
 *   mqiserv_get.c    MQGET (browse, cursors, matching, truncation, waiting)
 *   mqiserv_mark.c   MQGMO_LOCK/UNLOCK and browse marks (MARK_BROWSE_*, CO_OP)
 *   mqiserv_props.c  what a getter sees of a message's properties (PROPCTL, MQGMO)
 *   mqiserv_group.c  message groups and segments (MQMD version 2, LOGICAL_ORDER, COMPLETE_MSG)
 *   mqiserv_inq.c    MQINQ, MQSET
 *   perfev.c         queue depth events
 *   qmgrev.c         event messages (PCF) for every kind, inhibit events
 *   admincfg.c       dmpmqcfg's pages of definitions
 *
 * Every handler replies exactly once (conn_reply, or parks the reply with
 * dur_park / a getwait) and then calls conn_done, except while parked.
 * Nothing a request carries is trusted: lengths, versions, handles and
 * options are checked before use, and a structure that fails gives MQ's
 * reason code for it, never a crash.
 *
 * WAL rules (log/README.md) as the handlers apply them:
 *   rule 1: a persistent put or get is appended to the log before the queue
 *           changes, and nonpersistent messages are never logged;
 *   rule 2: a reply that acknowledges a persistent put or get outside
 *           syncpoint, or a commit, waits (parked) until log_durable_lsn has
 *           passed its record; until then the message stays invisible (or
 *           hidden) in a one-call unit of work.
 */
#ifndef QUIRE_MQISERV_H
#define QUIRE_MQISERV_H

#include <stddef.h>
#include <stdint.h>

#include "cmqc.h"
#include "qm/engine/selector.h"
#include "qm/server/conn.h"
#include "qm/server/durable.h"
#include "qm/proto.h"
#include "qm/qmrun.h"

/* An object handle (Hobj) of a connection. */
struct hobj {
	MQHOBJ id;
	MQLONG options;               /* MQOO_* as given (INPUT_AS_Q_DEF resolved in input_mode) */
	MQLONG input_mode;            /* 0, MQOO_INPUT_SHARED or MQOO_INPUT_EXCLUSIVE */
	int is_qmgr;                  /* opened the queue manager object (MQOT_Q_MGR) */
	struct qobj *obj;             /* what was opened (alias, local, the dynamic queue) */
	struct qobj *base;            /* the local queue it resolves to (== obj for locals) */
	struct qcursor *cursor;       /* browse cursor, made at the first browse */
	int cursor_valid;             /* the cursor is on a message (for MSG_UNDER_CURSOR) */
	struct qmsg *locked;          /* the message it locked (MQGMO_LOCK), or NULL (mqiserv_mark.c) */
	uint64_t nmarks;              /* messages it marked (MQGMO_MARK_BROWSE_HANDLE) */
	char resolved[OBJDEF_NAME_SIZE];
	struct grp_handle *grp;       /* its places in groups and logical messages (mqiserv_group.c), or NULL */
	struct sel *sel;              /* MQOD.SelectionString compiled (qm/engine/selector.h), or NULL: MQGET
				       * sees only the messages it selects (mqiserv_get.c) */
	/* MQOO_SAVE_ALL_CONTEXT: the context of the last message a destructive
	 * get took through this handle (mqi_ctx_note), which MQPUT and MQPUT1
	 * pass with MQPMO_PASS_*_CONTEXT naming this handle in MQPMO.Context */
	int ctx_saved;                /* 0: none yet, or the last get was a browse (2098) */
	MQMD ctx;                     /* its context fields (UserIdentifier .. ApplOriginData) */
	struct ps_topic *topic;       /* a topic opened for output (pubsub.c: obj its topic object or NULL,
				       * base NULL), else NULL */
	struct ps_sub *sub;           /* an Hsub, MQSUB's handle (pubsub.c: obj and base NULL), else NULL */
};

/* One get a parked request waits for: an MQGET has one, an MQCB dispatcher's
 * CBGET one per active consumer (qm/proto.h). */
struct getwait_ent {
	struct qwaiter w;             /* on its queue's waiters; w.ctx is the getwait */
	MQHOBJ hobj;
	MQMD md;
	MQGMO gmo;
	uint32_t buflen;
};

/* A parked MQGET with a wait interval, or a parked CBGET. */
struct getwait {
	struct conn *c;
	uint32_t req_id;
	uint16_t op;                  /* PROTO_GET or PROTO_CBGET: the reply's opcode */
	int64_t deadline_ms;          /* INT64_MAX: MQWI_UNLIMITED */
	struct getwait *prev, *next;  /* qm->waits */
	unsigned n, first;            /* entries; a retry tries them from e[first] round */
	struct getwait_ent e[];
};
/* The most entries a CBGET may carry (consumers on one connection). */
#define MQI_CBGET_MAX 256

/* ---- called by the loop (daemon.c, conn.c) ---- */
/* The frame handler of the MQI listener (listen.h): mqi_dispatch and
 * mqi_conn_gone. */
extern const struct conn_handler mqi_handler;
void mqi_dispatch(struct qm *qm, struct conn *c, const struct proto_hdr *h, const uint8_t *body, size_t len);
/* The connection is going away: back out, close handles, cancel waits. */
void mqi_conn_gone(struct qm *qm, struct conn *c);
/* A parked reply's record is durable: do what it waited for (durable.c). */
void mqi_pending_act(struct qm *qm, struct pending *p);
/* Retry the parked MQGETs of the queues whose waiters were woken. */
void mqi_service_woken(struct qm *qm);
/* Fail the parked MQGETs whose wait interval is over; the next deadline
 * (INT64_MAX: none). */
int64_t mqi_timer(struct qm *qm, int64_t now_ms);
/* The queue manager starts to quiesce or stop: fail parked MQGETs (all of
 * them, or with fiq_only those that asked FAIL_IF_QUIESCING). */
void mqi_fail_waits(struct qm *qm, MQLONG reason, int fiq_only);
/* The engine's wake hook. */
void mqi_wake_hook(struct queue *q, void *arg);
/* Units of work still open (shutdown): back them out, logged. */
void mqi_backout_all(struct qm *qm);

/* ---- shared by the handlers ---- */
/* MQRC_Q_MGR_QUIESCING / MQRC_Q_MGR_STOPPING / 0 for a call, given whether
 * it asked FAIL_IF_QUIESCING. */
MQLONG mqi_quiesce_reason(struct qm *qm, int fiq);
struct hobj *mqi_hobj(struct conn *c, MQHOBJ h);
/* Make c's unit of work active (first syncpoint call). */
void mqi_uow_begin(struct qm *qm, struct conn *c);
uint64_t mqi_new_uow_id(struct qm *qm);
/* Log one persistent operation of c's unit of work (uow != 0) or of none.
 * *lsn names the record; *last is the LSN its reply waits for (log.h). */
int mqi_log_op(struct qm *qm, struct conn *c, int in_uow, uint16_t type, const char *qname, const void *data,
	       size_t len, uint64_t *lsn, uint64_t *last);
/* Delete a queue object now: out of the table and the catalog, its
 * messages and store gone (handles on it get MQRC_Q_DELETED). */
void queue_obj_delete(struct qm *qm, struct qobj *o);
/* A message was got from base (not browsed): LGETDATE/LGETTIME and QTIME. */
void mqi_note_get(struct qobj *base, const MQMD *md, int64_t now_ms);
/* Administration only from the queue manager's own user: 1 after answering
 * 2035 to anyone else (the request is done), 0 for the owner. */
int mqi_admin_refused(struct qm *qm, struct conn *c);
/* The MQZAO_* authorities MQOPEN's options need (mqiserv_open.c), and the
 * check of them on (objtype, name) for c, with MQOO_ALTERNATE_USER_AUTHORITY
 * the alternate user's (oam_srv.c): MQRC_NONE or 2035. */
uint32_t mqi_open_need(MQLONG options);
MQLONG mqi_open_authority(struct qm *qm, struct conn *c, const MQOD *od, MQLONG options, int32_t objtype,
			  const char *name, uint32_t need);
/* An MQRC for a QM_E* failure of the log (or MQI_EBACKED_OUT). */
MQLONG mqi_log_reason(int rc);
/* mqi_log_op: the unit of work the record was for was backed out to free
 * the log (2003).  Not a QM_E* code: it never leaves the server. */
#define MQI_EBACKED_OUT (-31001)
/* The log is full: back out the unit of work whose first record is the
 * oldest, if it is at or below restart_lsn (it is what holds the log),
 * logging its backout in the reserved space; its application gets 2003 on
 * its next call.  QM_ENOTFOUND when no unit of work holds the log. */
int mqi_backout_oldest_uow(struct qm *qm, uint64_t restart_lsn);
/* Blank-padded copy of a C string into a fixed MQCHARn field. */
void mqi_blank(char *field, size_t n, const char *s);
/* A fixed field (blank or NUL padded) to a C string of at most n chars. */
void mqi_field(char *out, const char *field, size_t n);

/* mqiserv_open.c */
void mqi_open(struct qm *qm, struct conn *c, struct rd *d);
void mqi_close(struct qm *qm, struct conn *c, struct rd *d);
/* Open for MQPUT1: od in, the handle out (NULL, with cc and rc set, on
 * failure); ostr (n bytes) a topic's ObjectString. */
struct hobj *mqi_open_obj(struct qm *qm, struct conn *c, MQOD *od, MQLONG options, const char *ostr, uint32_t n,
			  MQLONG *cc, MQLONG *rc);
/* A dynamic queue from model m, named from od->DynamicQName (*rc on failure). */
struct qobj *mqi_make_dynamic(struct qm *qm, struct qobj *m, const MQOD *od, MQLONG *rc);
/* A new handle in c's table (zeroed but its id), NULL when out of memory;
 * and its release (freed). */
struct hobj *mqi_hobj_alloc(struct conn *c);
void mqi_hobj_release(struct conn *c, struct hobj *h);
/* adminrt.c: the ConnectionId libmqm gave connection c's application. */
void conn_identifier(struct qm *qm, const struct conn *c, uint8_t id[24]);
/* pubsub.c: MQSUB (PROTO_SUB). */
void ps_sub(struct qm *qm, struct conn *c, struct rd *d);
/* Close a handle (options MQCO_ values); returns the reason (0 ok). */
MQLONG mqi_close_obj(struct qm *qm, struct conn *c, struct hobj *h, MQLONG options);
/* runmqsc: one MQSC command, carried out on the running objects. */
void mqi_admin_mqsc(struct qm *qm, struct conn *c, struct rd *d, int fields);
/* rcdmqimg and rcrmqobj (qm/admin/mediacmd.h): a request queued as a
 * command, carried on by mqi_media_step after each round of events (1 while
 * an image has parts still to write: the loop then waits for nothing) and
 * answered when it is done; mqi_media_settle finishes them all (the end);
 * mqi_media_schedule queues an image of one object for IMGSCHED(AUTO). */
void mqi_admin_media(struct qm *qm, struct conn *c, struct rd *d);
int mqi_media_step(struct qm *qm);
void mqi_media_settle(struct qm *qm);
int mqi_media_schedule(struct qm *qm, int type, const char *name);
/* IMGSCHED(AUTO) with linear logging: when no image is being written, one
 * object whose latest image is IMGINTVL minutes old or IMGLOGLN megabytes of
 * log back gets one (the queue manager object first, then the queues round
 * robin; with none due, the next look is a second later): one at a time, a
 * part per round of events, so images are spread out and never hold
 * applications up.  (The test hook
 * QUIRE_IMGINTVL_MS sets the length of IMGINTVL's minute.) */
void mqi_media_auto(struct qm *qm, int64_t now);
/* When the loop must look next (INT64_MAX: IMGSCHED(MANUAL), or nothing to time). */
int64_t mqi_media_auto_deadline(const struct qm *qm);
/* Check an MQOD (StrucId, Version); 0 when good. */
MQLONG mqi_check_od(const MQOD *od);

/* admincfg.c */
/* dmpmqcfg (qm/admin/dumpcfg.h): one page of the dump of the definitions,
 * answered at once (it reads the object files: the loop waits meanwhile). */
void mqi_admin_dumpcfg(struct qm *qm, struct conn *c, struct rd *d);

/* mqiserv_put.c */
/* A new unique MsgId, CorrelId or GroupId ("AMQ " + the queue manager's name + a count). */
void mqi_new_id(struct qm *qm, MQBYTE24 id);
/* The descriptor of an application's message as it will be stored:
 * persistence and priority resolved, ids made, context filled (the top of
 * mqiserv_put.c).  md->Version is left to the caller. */
void mqi_put_fill_md(struct qm *qm, struct conn *c, const struct qobj *obj, MQMD *md, MQLONG o, MQLONG persistence,
		     const MQMD *pass);
void mqi_put(struct qm *qm, struct conn *c, struct rd *d);
void mqi_put1(struct qm *qm, struct conn *c, struct rd *d);
/* MQSTAT (MQSTAT_TYPE_ASYNC_ERROR): the asynchronous puts' status, then reset */
void mqi_stat(struct qm *qm, struct conn *c, struct rd *d);
/* A message the queue manager puts itself (event messages) on the local
 * queue qname, or the local queue an alias qname names: the checks, logging
 * and durability of an application's MQPUT outside syncpoint (a persistent
 * message is logged, and visible once its record is durable).  md is the
 * whole descriptor with its context filled by the caller; Persistence and
 * Priority AS_Q_DEF, MsgId MQMI_NONE and CodedCharSetId MQCCSI_Q_MGR are
 * resolved here.  MQRC_NONE, or the reason it was not put (nothing changed). */
MQLONG mqi_put_system(struct qm *qm, const char *qname, MQMD *md, const void *data, uint32_t len);
/* The same, but under c's unit of work when c is given (a report message of
 * a put or get under syncpoint: there only if that unit commits).  *lsn
 * (not changed when nothing is logged): the last part of the record a
 * persistent one outside a unit of work waits for. */
MQLONG mqi_put_report(struct qm *qm, struct conn *c, const char *qname, MQMD *md, const void *data, uint32_t len,
		      uint64_t *lsn);
/* report.c: a confirm-on-arrival report of message md (its data, len
 * bytes), just put on base by connection c (NULL: the queue manager's own
 * put, none), under c's unit of work when sync; lsn: the put's record.
 * Returns the LSN the put's reply must wait for as well (0: none): the
 * report's record when it was logged outside a unit of work. */
uint64_t mqi_report_coa(struct qm *qm, struct conn *c, const struct qobj *base, const MQMD *md, const uint8_t *data,
			uint32_t len, int sync, uint64_t lsn);
/* A confirm-on-delivery report of message md (its data, len bytes, as put),
 * made before its get is logged (which may take its body out of memory),
 * put once the get is done (under c's unit of work when sync), then freed.
 * NULL: none to make (the calls take NULL). */
struct mqi_cod;
struct mqi_cod *mqi_report_cod_prep(struct qm *qm, const MQMD *md, const void *data, uint32_t len);
/* lsn: the get's record; returns what the get's reply waits for as well,
 * as mqi_report_coa. */
uint64_t mqi_report_cod_put(struct qm *qm, struct conn *c, const struct mqi_cod *d, int sync, uint64_t lsn);
void mqi_report_cod_free(struct mqi_cod *d);
/* The expired hook's part (durable.c): an expiration report of message m of
 * queue qname, when it asked for one, kept until mqi_report_flush puts the
 * reports waiting (after each request and wake-up: no put may happen inside
 * the engine's finders). */
void mqi_report_expired(struct qm *qm, const char *qname, const struct qmsg *m);
void mqi_report_flush(struct qm *qm);
/* The descriptor of a message the queue manager puts itself: a datagram of
 * format fmt and the given persistence, never expiring, in the queue
 * manager's CCSID and this machine's encoding, its context the queue
 * manager's (PutApplType MQAT_QMGR, PutApplName and ReplyToQMgr its name). */
void mqi_system_md(struct qm *qm, MQMD *md, const char *fmt, MQLONG persistence);

/* mqiserv_props.c: the properties (leading MQRFH2s) of a message being got */
struct mqi_props_split {
	uint32_t skip;      /* bytes of leading MQRFH2s that hold only properties (0: none) */
	int compat;         /* one of their folders is mcd, jms, usr or mqext */
	MQMD md;            /* the message's MQMD describing what follows them */
};
enum { MQI_PROPS_KEEP, MQI_PROPS_STRIP, MQI_PROPS_APART };
void mqi_props_split(const MQMD *mmd, const uint8_t *data, uint32_t len, struct mqi_props_split *s);
int mqi_props_mode(const struct hobj *h, const MQGMO *gmo, const struct mqi_props_split *s);

/* mqiserv_mde.c: the MQMDE for an MQMD version 1 (the rules at its top).
 * mde_put: an MQMDE at the start of the data taken off into md's version-2
 * fields, Format, Encoding and CCSID (md->Version then 2; *data and *len
 * past it), or left as data; MQRC_NONE or 2248.  mde_get: for an MQMD
 * version 1 (want) and a message whose version-2 fields are not the
 * defaults, *body becomes an MQMDE and the data (in *owned, for the caller
 * to free) and *mmd points at xmd saying so; -1 when out of memory. */
MQLONG mde_put(struct qm *qm, MQMD *md, const uint8_t **data, uint32_t *len);
int mde_get(struct qm *qm, const MQMD *want, const MQMD **mmd, const void **body, uint32_t *len, MQMD *xmd,
	    void **owned);
/* A segment of Format MQFMT_DEAD_LETTER_HEADER: 1 with *out (to free) the
 * data with an MQMDE after the MQDLH and smd the MQMD to keep (version-2
 * fields at the defaults); 0 when md is not such a put; -1 out of memory. */
int mde_dlh_segment(struct qm *qm, const MQMD *md, const uint8_t *data, uint32_t len, MQMD *smd, uint8_t **out,
		    uint32_t *outlen);

/* mqiserv_group.c: message groups and segments (the rules at its top) */
struct grp_handle;
/* The segments of a logical message an MQGMO_COMPLETE_MSG get returns whole. */
struct grp_set {
	struct qmsg **m;              /* in Offset order, m[0] the one found */
	unsigned n, cap;
	uint32_t len;                 /* their data's length together */
};
/* What a get looks for beyond the ids (the finder's accept test). */
struct grp_find {
	struct qm *qm;
	struct qobj *base;
	MQLONG mo;                    /* MATCH_MSG_SEQ_NUMBER, MATCH_OFFSET, MATCH_MSG_TOKEN */
	MQLONG seq, off;
	uint64_t token;
	int logical, complete, all_segs, all_msgs;
	int next;                     /* LOGICAL_ORDER inside a group: only the next one */
	MQLONG want_seq, want_off, start_off;
	int want_seg;
	int from_start;               /* browse next: look from the start of the queue */
	int keep_cursor;              /* a logical browse inside a group: the cursor stays */
	MQLONG user_mo;               /* the caller's match options (2247 when the next one differs) */
	MQMD user_md;
};
void grp_free(struct hobj *h);
MQLONG grp_put_check(struct qm *qm, struct hobj *h, MQMD *md, const MQPMO *pmo, uint32_t len, MQLONG *warn);
void grp_put_done(struct hobj *h, const MQMD *md, const MQPMO *pmo, uint32_t len);
/* The queue manager may segment md's message (MQMF_SEGMENTATION_ALLOWED, a
 * format it can cut). */
int grp_may_segment(const MQMD *md);
/* Put the message in segments of at most limit bytes, as one step (the
 * put_store of mqiserv_put.c for each, logged under one unit of work);
 * *last and *lastlen: the last segment, for the handle's place. */
MQLONG grp_put_segmented(struct qm *qm, struct conn *c, struct hobj *h, MQMD *md, MQLONG o, MQLONG persistence,
			 const MQMD *pass, const uint8_t *data, uint32_t len, uint32_t limit, uint64_t *lsn,
			 struct pending **park, MQMD *last, uint32_t *lastlen);
MQLONG grp_close_warning(const struct hobj *h);
MQLONG grp_get_check(struct hobj *h, const MQMD *md, const MQGMO *gmo);
MQLONG grp_match(struct qm *qm, struct hobj *h, const MQMD *md, const MQGMO *gmo, struct qmatch *mt,
		 struct grp_find *gf);
MQLONG grp_found(const struct grp_find *gf, const struct qmsg *m, const MQMD *mmd);
int grp_complete(struct qm *qm, const struct grp_find *gf, struct qmsg *m, MQMD *mmd, const void **body,
		 void **owned, struct grp_set *set);
void grp_status(MQGMO *gmo, const MQMD *md);
MQLONG grp_get_rules(const struct hobj *h, const MQGMO *gmo, int sync, MQLONG *cc);
void grp_got(struct hobj *h, const MQGMO *gmo, const MQMD *mmd, uint32_t len, int sync);
MQLONG grp_remove(struct qm *qm, struct conn *c, struct qobj *base, const struct grp_set *set, int sync,
		  struct pending **park, uint64_t *lsn);
/* A get through h succeeded: with MQOO_SAVE_ALL_CONTEXT, a destructive get
 * (md its message's descriptor) saves the message's context on h, a browse
 * (md NULL) leaves h with none (mqiserv_put.c, rules at its top). */
void mqi_ctx_note(struct hobj *h, const MQMD *md);

/* mqiserv_get.c */
void mqi_get(struct qm *qm, struct conn *c, struct rd *d);
/* CBGET: the first message of several handles (MQCB consumers), waiting for
 * any of them; CBCANCEL ends c's parked CBGET (no reply of its own). */
void mqi_cbget(struct qm *qm, struct conn *c, struct rd *d);
void mqi_cbcancel(struct qm *qm, struct conn *c, const uint8_t *body, size_t len);
/* w waits on a get of handle hobj (any of its entries). */
int mqi_getwait_has(const struct getwait *w, MQHOBJ hobj);
/* Try a parked get again: 1 when it was answered (and w can go). */
int mqi_get_retry(struct qm *qm, struct getwait *w);
void mqi_getwait_free(struct qm *qm, struct getwait *w);

/* mqiserv_mark.c: browse locks and marks (the rules at the top of the file).
 *   mqi_mark_check   the options' rules that need the handle: 2046 or 0
 *   mqi_mark_match   a find for handle h passes over what h must not see
 *                    (locked by another handle; marked, with
 *                    UNMARKED_BROWSE_MSG): x lives while mt is used
 *   mqi_mark_hidden  m is locked by a handle other than h (MSG_UNDER_CURSOR)
 *   mqi_mark_browse  h's browse returns m with options o: the lock and marks
 *                    it asks for, all or nothing (2200, 2071, or 0)
 *   mqi_mark_unlock  MQGMO_UNLOCK: 0, or 2209 when h has no lock
 *   mqi_mark_got     m is got destructively: its lock and marks go
 *   mqi_mark_close   h closes: its lock, its marks, and the cooperating set's
 *                    marks when h was the set's last handle on its queue
 *   mqi_mark_timer   co-op marks older than MARKINT go; the next deadline
 *   mqi_mark_untag   the engine's untag hook (queue.h "Tags") */
struct mqi_mark_ctx {
	struct qm *qm;
	struct hobj *h;
	MQLONG options;
	int64_t now;
};
MQLONG mqi_mark_check(const struct hobj *h, MQLONG o);
void mqi_mark_match(struct mqi_mark_ctx *x, struct qm *qm, struct hobj *h, MQLONG options, int64_t now,
		    struct qmatch *mt);
int mqi_mark_hidden(struct qm *qm, const struct hobj *h, const struct qmsg *m);
MQLONG mqi_mark_browse(struct qm *qm, struct hobj *h, struct qmsg *m, MQLONG o, int64_t now);
MQLONG mqi_mark_unlock(struct qm *qm, struct hobj *h);
void mqi_mark_got(struct qm *qm, struct qmsg *m);
void mqi_mark_close(struct qm *qm, struct hobj *h);
int64_t mqi_mark_timer(struct qm *qm, int64_t now);
void mqi_mark_untag(struct queue *q, struct qmsg *m, void *arg);

/* mqiserv_inq.c */
void mqi_inq(struct qm *qm, struct conn *c, struct rd *d);
/* trigger.c: trigger messages (MQTM) under MQ's conditions.
 *   trig_put       a message m was put on local queue base (by c under its
 *                  unit of work when sync; c NULL: the queue manager's own)
 *   trig_uow_end   c's unit of work committed or backed out: the trigger
 *                  messages it made are put on their initiation queues
 *   trig_altered   TRIGGER/TRIGTYPE/TRIGDPTH/TRIGMPRI/INITQ/PROCESS of local
 *                  queue o set (MQSET, ALTER): FIRST and DEPTH conditions
 *                  already met make a trigger message now
 *   trig_initq_opened  local queue iq was opened for input (a trigger
 *                  monitor): the queues it serves whose conditions are met
 *   trig_conn_free c goes: what it held is freed */
void trig_put(struct qm *qm, struct conn *c, struct qobj *base, const struct qmsg *m, int sync);
void trig_uow_end(struct qm *qm, struct conn *c);
void trig_altered(struct qm *qm, struct qobj *o);
void trig_initq_opened(struct qm *qm, struct qobj *iq);
void trig_conn_free(struct conn *c);
/* perfev.c: queue depth events (PERFMEV), rules at the top of the file:
 * after an application's put on o (c NULL: the queue manager's own, not
 * counted), after its destructive get, and after a put refused with 2053. */
void perfev_put(struct qm *qm, struct conn *c, struct qobj *o);
void perfev_got(struct qm *qm, struct conn *c, struct qobj *o);
void perfev_full(struct qm *qm, struct conn *c, struct qobj *o);
/* qmgrev.c: an event message in MQ's PCF event format (MQCFH, then MQCFST
 * and MQCFIN parameters; layout at the top of qmgrev.c), put on its event
 * queue with the queue manager's own MQMD (evmsg_put: the reason it was not
 * put, said once in the error log until one is put again, *said_failed). */
struct evmsg {
	uint8_t buf[33280];           /* the largest, an MQSC command event, takes 32,762 characters and 128 bytes */
	size_t off;
	MQLONG nparm;                 /* parameters added (evmsg_begin's nparams -1: counted into the MQCFH at the put) */
	int count;
	MQLONG seq, ctl;              /* MsgSeqNumber and Control of the MQCFH (1, MQCFC_LAST unless evmsg_seq) */
	int over;                     /* a parameter did not fit: the message is not put */
};
void evmsg_begin(struct evmsg *e, MQLONG command, MQLONG reason, MQLONG nparams);
void evmsg_seq(struct evmsg *e, MQLONG seq, MQLONG control);
void evmsg_str(struct evmsg *e, MQLONG param, MQLONG ccsid, const char *s, size_t len);
void evmsg_int(struct evmsg *e, MQLONG param, int64_t v);
/* MQCFGR: a group of the next count parameters (MQ's command events) */
void evmsg_group(struct evmsg *e, MQLONG param, MQLONG count);
/* MQCFBS: the n bytes of b */
void evmsg_bytes(struct evmsg *e, MQLONG param, const uint8_t *b, size_t n);
/* n bytes of PCF parameters as they are, count of them (a command event's copy of a command's) */
void evmsg_raw(struct evmsg *e, const uint8_t *p, size_t n, MQLONG count);
MQLONG evmsg_put(struct qm *qm, struct evmsg *e, const char *queue, int *said_failed);
/* The same with CorrelId correl (24 bytes; the pair of a change event shares one). */
MQLONG evmsg_put_correl(struct qm *qm, struct evmsg *e, const char *queue, const uint8_t *correl,
			int *said_failed);
/* Inhibit events (INHIBTEV): an application's MQGET through h failed with
 * MQRC_GET_INHIBITED, or its MQPUT/MQPUT1 with MQRC_PUT_INHIBITED (reason):
 * Get Inhibited or Put Inhibited on SYSTEM.ADMIN.QMGR.EVENT when enabled. */
void qmgrev_inhibited(struct qm *qm, struct conn *c, const struct hobj *h, MQLONG reason);
void mqi_set(struct qm *qm, struct conn *c, struct rd *d);
/* Who and what made a configuration or command event: MQ's EventOrigin
 * (MQEVO_CONSOLE, MQEVO_MSG, MQEVO_MQSET) and EventUserId; for MQEVO_MSG
 * the command message's context (qm/proto.h). */
struct evorigin {
	MQLONG origin;
	const char *user;
	const struct proto_evctx *ctx;
};
/* The origin parameters every configuration and command event starts with
 * (EventUserId, EventOrigin, EventQMgr, and with a context
 * EventAccountingToken, EventApplIdentity, EventApplType, EventApplName,
 * EventApplOrigin): how many it added. */
MQLONG evmsg_origin(struct qm *qm, struct evmsg *e, const struct evorigin *og);
/* cfgev.c: configuration events (CONFIGEV), rules at the top of the file:
 * reason MQRC_CONFIG_CREATE_OBJECT (after), _CHANGE_OBJECT (before and
 * after: a pair of messages) or _DELETE_OBJECT (before), once the change is
 * durable. */
void cfgev_object(struct qm *qm, const struct evorigin *og, MQLONG reason, const struct objdef *before,
		  const struct objdef *after);
/* cfgev.c: command events (CMDEV): the MQSC command text ran successfully;
 * mqcmd the PCF command it is, inquire when it only shows, cmdev_before
 * CMDEV before it ran (ALTER QMGR makes one when CMDEV was or is on). */
void cmdev_mqsc(struct qm *qm, const struct evorigin *og, MQLONG mqcmd, int inquire, const char *text,
		MQLONG cmdev_before);
/* The command server's ADMIN_PCFEV: the command event of a PCF command (qm/proto.h). */
void mqi_admin_pcfev(struct qm *qm, struct conn *c, struct rd *d);

#endif
