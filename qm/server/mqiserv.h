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
 *   mqiserv_inq.c    MQINQ, MQSET
 *
 * Every handler replies exactly once (conn_reply, or parks the reply with
 * mqi_park / a getwait) and then calls conn_done, except while parked.
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
#include "qm/server/conn.h"
#include "qm/proto.h"
#include "qm/qmrun.h"

/* ---- called by the loop (daemon.c, conn.c) ---- */
void mqi_dispatch(struct qm *qm, struct conn *c, const struct proto_hdr *h, const uint8_t *body, size_t len);
/* The connection is going away: back out, close handles, cancel waits. */
void mqi_conn_gone(struct qm *qm, struct conn *c);
/* The log is durable below durable_lsn: act on and send parked replies. */
void mqi_log_durable(struct qm *qm, uint64_t durable_lsn);
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
/* Parked replies that wait for the log. */
int mqi_pending_count(struct qm *qm);

/* ---- shared by the handlers ---- */
/* MQRC_Q_MGR_QUIESCING / MQRC_Q_MGR_STOPPING / 0 for a call, given whether
 * it asked FAIL_IF_QUIESCING. */
MQLONG mqi_quiesce_reason(struct qm *qm, int fiq);
struct hobj *mqi_hobj(struct conn *c, MQHOBJ h);
/* Park the reply r until the record at lsn is durable, then do act.  p is a
 * pending the caller made with calloc (its tuow in use), or NULL for a new
 * one.  QM_ENOMEM: the reply could not be kept (or, p NULL, nothing was
 * parked); the caller drops the connection. */
int mqi_park(struct qm *qm, struct conn *c, uint64_t lsn, enum pending_act act, struct rep *r, struct pending *p);
/* Make c's unit of work active (first syncpoint call). */
void mqi_uow_begin(struct qm *qm, struct conn *c);
uint64_t mqi_new_uow_id(struct qm *qm);
/* Log one persistent operation of c's unit of work (uow != 0) or of none. */
int mqi_log_op(struct qm *qm, struct conn *c, int in_uow, uint16_t type, const char *qname, const void *data,
	       size_t len, uint64_t *lsn);
/* An MQRC for a QM_E* failure of the log. */
MQLONG mqi_log_reason(int rc);
/* Blank-padded copy of a C string into a fixed MQCHARn field. */
void mqi_blank(char *field, size_t n, const char *s);
/* A fixed field (blank or NUL padded) to a C string of at most n chars. */
void mqi_field(char *out, const char *field, size_t n);

/* mqiserv_open.c */
void mqi_open(struct qm *qm, struct conn *c, struct rd *d);
void mqi_close(struct qm *qm, struct conn *c, struct rd *d);
/* Open for MQPUT1: od in, the handle out (NULL, with cc and rc set, on failure). */
struct hobj *mqi_open_obj(struct qm *qm, struct conn *c, MQOD *od, MQLONG options, MQLONG *cc, MQLONG *rc);
/* Close a handle (options MQCO_ values); returns the reason (0 ok). */
MQLONG mqi_close_obj(struct qm *qm, struct conn *c, struct hobj *h, MQLONG options);
/* runmqsc: one MQSC command, carried out on the running objects. */
void mqi_admin_mqsc(struct qm *qm, struct conn *c, struct rd *d);
/* Check an MQOD (StrucId, Version); 0 when good. */
MQLONG mqi_check_od(const MQOD *od);

/* mqiserv_put.c */
void mqi_put(struct qm *qm, struct conn *c, struct rd *d);
void mqi_put1(struct qm *qm, struct conn *c, struct rd *d);

/* mqiserv_get.c */
void mqi_get(struct qm *qm, struct conn *c, struct rd *d);
/* Try a parked get again: 1 when it was answered (and w can go). */
int mqi_get_retry(struct qm *qm, struct getwait *w);
void mqi_getwait_free(struct qm *qm, struct getwait *w);

/* mqiserv_inq.c */
void mqi_inq(struct qm *qm, struct conn *c, struct rd *d);
void mqi_set(struct qm *qm, struct conn *c, struct rd *d);

#endif
