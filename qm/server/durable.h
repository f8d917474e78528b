/*
 * durable.h: the durability pipeline of the running queue manager: how a
 * reply that acknowledges a persistent change waits for its log record
 * (WAL rule 2), and how the log is flushed for it.  durable.c reads top to
 * bottom in the order one persistent MQPUT outside syncpoint goes through:
 *
 *   1. append    dur_append: the record goes into the log buffer (WAL rule
 *                1: before the queue changes); a full log is relieved by a
 *                checkpoint here and the record goes again
 *   2. park      dur_park: the reply, and the one-call unit of work that
 *                keeps the message invisible, wait in qm->pend_head..tail
 *   3. flush     dur_before_wait / dur_after_wait, around the loop's
 *                epoll_wait: with a single connection and nothing else
 *                ready the loop leads the flush itself; otherwise the log
 *                writer thread flushes and the loop serves the others
 *                meanwhile (group commit)
 *   4. release   dur_release (after an inline flush, or when the writer's
 *                notify hook wakes the loop through qm->evfd): every parked
 *                reply whose record is durable has its action done (commit
 *                the one-call unit of work, the connection's unit of work,
 *                MQDISC) and is sent, in order
 *
 * Also here, because they append outside any request: the expiry of a
 * persistent message (its removal is logged, not waited for), the
 * checkpoint the server takes (it knows the active units of work), and the
 * drain at the end (back out, flush, release).
 */
#ifndef QUIRE_DURABLE_H
#define QUIRE_DURABLE_H

#include <stddef.h>
#include <stdint.h>

#include "qm/engine/queue.h"

struct qm;
struct conn;
struct rep;

/* What happens when a parked reply's record is durable (before it is sent). */
enum pending_act { PA_NONE = 0, PA_COMMIT_TUOW, PA_COMMIT_CONN_UOW, PA_DISC };
struct pending {
	uint64_t lsn;
	uint64_t first;               /* the record's first part (0: lsn) */
	struct conn *c;
	enum pending_act act;
	struct uow tuow;              /* PA_COMMIT_TUOW: the one-call unit of work */
	uint8_t *reply;               /* the whole frame, malloc'd (NULL: no reply) */
	size_t reply_len;
	struct pending *next;
};

/* 1. Append a record; on QM_ELOGFULL checkpoint and try once more.  *lsn
 * names the record, *last (may be NULL) is the LSN a reply parks on. */
int dur_append(struct qm *qm, uint16_t type, uint64_t uow, const char *qname, const void *data, size_t len,
	       int flags, uint64_t *lsn, uint64_t *last);
/* 2. Park the reply r until the record at lsn (the last part's) is durable, then do act.  p is
 * a pending the caller made with calloc (its tuow in use), or NULL for a new
 * one.  c is NULL (and r NULL) for a put of the queue manager's own
 * (mqi_put_system): PA_COMMIT_TUOW only, nothing is sent.  QM_ENOMEM: the reply could not be kept (or, p NULL, nothing was
 * parked); the caller drops the connection. */
int dur_park(struct qm *qm, struct conn *c, uint64_t lsn, enum pending_act act, struct rep *r, struct pending *p);
/* An object's definition was changed in memory (MQSET, the queue manager's
 * own switches: trigger.c, perfev.c) with its record at lsn not yet durable.
 * Until it is, replies that show definitions (MQINQ, MQSC) wait for it
 * (dur_reply_defs), so none shows a value a crash could take back. */
void dur_defs_changed(struct qm *qm, uint64_t lsn);
/* Send r, c's reply that shows object definitions, or park it until the last
 * such change is durable; then c is done.  QM_ENOMEM as dur_park. */
int dur_reply_defs(struct qm *qm, struct conn *c, struct rep *r);
/* 3. The loop's epoll timeout given that replies are parked (0 when any are). */
int dur_before_wait(struct qm *qm, int timeout);
/* After epoll_wait returned nready: flush inline (nothing else to do) and
 * release, or ask the log writer to flush. */
void dur_after_wait(struct qm *qm, int nready);
/* The log writer's eventfd is readable: release (or note a failed log). */
void dur_log_woke(struct qm *qm);
/* 4. The log is durable below durable_lsn: act on and send parked replies. */
void dur_release(struct qm *qm, uint64_t durable_lsn);
/* The notify hook the log writer calls after each flush (log_set_notify). */
void dur_notify(void *arg, uint64_t durable_lsn, int failed);

/* A checkpoint with the active units of work and the oldest parked record. */
int dur_checkpoint(struct qm *qm);
/* The oldest record the units of work active now and the parked replies
 * still need (UINT64_MAX: none): a media image's recovery reads from there. */
uint64_t dur_oldest_needed(struct qm *qm);
/* The loop's routine checkpoint: its queue store syncs off the loop
 * (store_checkpoint_start; the loop polls for its end). */
int dur_checkpoint_start(struct qm *qm);
/* The queue hook for an expired message: log its removal, free it. */
void dur_msg_expired(struct queue *q, struct qmsg *m, uint64_t put_lsn, void *arg);
/* The end: back out open units of work, flush, release what waits. */
void dur_drain(struct qm *qm);
/* After a failed log: free the replies still parked (nothing is sent). */
void dur_discard(struct qm *qm);

#endif
