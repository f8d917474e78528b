/*
 * queue.h: the in-memory queue engine of the running queue manager: the
 * messages of each local queue in delivery order, their MsgId and CorrelId
 * indexes, visibility under units of work, browse cursors, expiry, and the
 * wake-up of parked MQGETs.
 *
 * The engine is single-threaded: the daemon's event loop owns every queue,
 * message, cursor and unit of work, and nothing here takes a lock.  It knows
 * nothing of the log: the caller writes (and waits for) log records and then
 * tells the engine what happened.  It never frees a message the caller still
 * owns and never calls back into the caller except through the two hooks
 * (wake, expired) described below.
 *
 * Calling sequence (the daemon):
 *   queue_new("DEV.QUEUE.1", fifo, &q);        one per local queue
 *   queue_set_hooks(q, &hooks, arg);            wake and expired callbacks
 *
 *   MQPUT:  m = qmsg_new(&md2, data, len);      md2: a full version-2 MQMD whose
 *                                               Priority is already resolved
 *           qmsg_set_expiry(m, now_ms);         from md2.Expiry
 *           m->mem->put_lsn = lsn;              persistent: its put record
 *           queue_add(q, m, NULL);              committed now (visible), or
 *           queue_add(q, m, uow);               under syncpoint (invisible)
 *   MQGET:  m = queue_find(q, &match, now_ms);  first visible match, or NULL
 *           ...copy m->mem->md and the body (or read them through the store)...
 *           queue_remove(q, m); qmsg_free(m);   not under syncpoint, or
 *           queue_hide(q, m, uow);              under syncpoint
 *   browse: c = queue_cursor_new(q);
 *           m = queue_find(q, &match, now);      MQGMO_BROWSE_FIRST, then
 *           m = queue_find_after(c, &match, now); MQGMO_BROWSE_NEXT
 *           queue_cursor_set(c, m);             once the reply is accepted
 *                                               (2080 leaves the cursor alone)
 *           m = queue_cursor_msg(c, now);       (BROWSE_)MSG_UNDER_CURSOR
 *           queue_cursor_free(c);               MQCLOSE
 *   MQCMIT: uow_commit(uow);  MQBACK, broken connection: uow_backout(uow);
 *   waits:  queue_waiter_add(q, &req->w, req);  park an MQGET with a wait;
 *           hooks.wake(q) says "retry the waiters of q" (see "Waiters")
 *   checkpoint: for (m = queue_first(q); m; m = queue_next(m)) ...
 *   delete: queue_free(q) (refused while anything still refers to q)
 *
 * Error handling: functions returning int give QM_OK or a negative QM_* code
 * from log/qmerr.h: QM_ENOMEM (nothing changed), QM_EINVAL (the call breaks
 * a rule stated at the function; nothing changed).  Finders return NULL when
 * no message qualifies (the caller's MQRC_NO_MSG_AVAILABLE 2033, or for
 * queue_cursor_msg MQRC_NO_MSG_UNDER_CURSOR 2034).
 *
 * Ordering.  MSGDLVSQ(PRIORITY): priority 9 first, and within one priority
 * by ascending sequence number (FIFO).  MSGDLVSQ(FIFO): by sequence number
 * only.  Every message keeps its place while it is invisible (an uncommitted
 * put, or a get pending under a unit of work): commit makes it visible where
 * it was put, and backing out a get shows it again in its original position.
 * Sequence numbers are per queue and grow with every add; a caller that
 * reloads messages (restart) sets m->mem->seq itself (unique on the
 * queue; any order, in order is fastest) and the queue continues above the
 * largest number it has seen.  Priorities outside 0..9
 * are ordered as 0 or 9 (m->md.Priority itself is left as the caller set it).
 *
 * Visibility.  A message is visible when it is in no unit of work.  No
 * one, not even the unit of work that put it, can get or browse an
 * uncommitted put (as in MQ).  CURDEPTH (q->depth) counts every message on
 * the queue, visible or not, as MQ's CURDEPTH does.
 *
 * Indexes.  Both a MsgId and a CorrelId index are always kept, whatever the
 * queue's INDXTYPE: two hash maps from a 24-byte id to the messages carrying
 * it, each list in queue order.  Their cost is small, they make MQGMO
 * version 1 gets (which always match MsgId and CorrelId) fast on every queue,
 * and INDXTYPE may be altered without a rebuild.  MQMI_NONE and MQCI_NONE are
 * not indexed (matching on them matches anything, so no lookup needs them).
 * GroupId matching scans the queue.
 *
 * Matching.  struct qmatch holds MQMO_MATCH_MSG_ID, MQMO_MATCH_CORREL_ID and
 * MQMO_MATCH_GROUP_ID and the values; the caller works out the effective
 * options (a version-1 MQGMO means MSG_ID | CORREL_ID).  A value that is all
 * zeros (MQMI_NONE, MQCI_NONE, MQGI_NONE) matches anything, so its option is
 * ignored.  Other MQMO_* bits are ignored here: MsgSeqNumber, Offset,
 * MsgToken and the group and segment rules are the caller's accept test
 * (mt->accept), asked of each message whose ids match.
 *
 * Expiry.  qmsg_expiry_ms(m) is absolute (ms since the epoch, 0: never).  Finders
 * take the current time; a visible message whose expiry_ms <= now is never
 * returned: the finder takes it off the queue (as if got, outside any unit of
 * work) and hands it to hooks.expired with its put LSN, which owns it from
 * then on (it logs the removal of a persistent message, then calls qmsg_free).  Without an expired
 * hook the engine frees it.  Invisible expired messages stay until they become
 * visible (a backed-out get) and are found.  queue_expire() sweeps a queue.
 *
 * Browse cursors.  A cursor remembers the position (priority, sequence) of
 * the message it was last set on, so it stays valid whatever is added or
 * removed: queue_find_after returns the first visible match strictly after
 * that position in queue order (messages added before the position are not
 * seen until the next browse first, as in MQ).  queue_cursor_msg returns the
 * message at the position if it is still on the queue, visible and not
 * expired, else NULL.  A cursor belongs to one queue and must be freed before
 * the queue.
 *
 * Waiters.  A parked MQGET embeds a struct qwaiter and adds it to its queue;
 * waiters are kept in arrival order.  When a message becomes visible on a
 * queue that has waiters (queue_add committed, commit of a put, backout of a
 * get) the engine marks the queue wake-pending and calls hooks.wake(q, arg)
 * once; further wake-ups are suppressed until the daemon calls
 * queue_wake_clear(q).  The wake and expired hooks run in the middle of
 * engine calls (uow_commit, queue_find, for example), so they must not call
 * any engine function but qmsg_free: they note q (or log the removal of m)
 * for later.  Later, outside engine calls, the daemon services
 * each noted queue:
 *     queue_wake_clear(q);
 *     for (w = queue_waiter_first(q); w; w = nx) {
 *         nx = queue_waiter_next(w);
 *         retry the get of w; if it completed (or failed): queue_waiter_remove(w);
 *     }
 * Retrying a get never wakes a queue, so the loop is safe as long as it
 * removes no waiter other than w (collect others and remove them after).
 *
 * Units of work.  struct uow (one per connection at a time) lists the
 * messages it put and the messages it got, in the order of the calls; the
 * kind of each is qmsg_put_uow(m) == id or qmsg_get_uow(m) == id.  A
 * message in a unit of work carries a small record of it (m->u), allocated
 * when it joins: queue_add under a unit of work and queue_hide can fail for
 * want of memory unless qmsg_uow_room(m) said yes before.  uow_commit makes its
 * puts visible and frees the messages it got; uow_backout frees its puts and
 * shows its gets again with BackoutCount + 1.  u->nmsgs is the count for
 * MAXUMSGS (MQRC_SYNCPOINT_LIMIT_REACHED 2024 is the caller's check).
 *
 * Tags.  The caller may tag a message it keeps something about (a browse
 * lock, browse marks: qm/server/mqiserv_mark.c) with qmsg_set_tagged.  Finders
 * ask mt->skip (when set) about each tagged visible candidate and pass over
 * those it refuses, so one caller's lock hides a message from others without
 * the engine knowing why.  When a tagged message leaves its queue by any path
 * (queue_remove: a get, a commit, expiry, purge, discard) the tag is cleared
 * and hooks.untag is called first, so that the caller forgets m before it
 * is freed; like the other hooks it runs inside engine calls and must call
 * no engine function.  A lock released shows a message to the waiters that
 * could not see it: the caller wakes them (its wake hook, called directly).
 *
 * Deleting a queue.  queue_free refuses (QM_EINVAL, nothing freed) while the
 * queue has messages in a unit of work, cursors or waiters: back out or commit
 * the units of work and close the handles first (MQ refuses DELETE QLOCAL
 * while the queue is open or has uncommitted messages).  queue_purge (CLEAR
 * QLOCAL, DELETE QLOCAL PURGE) refuses the same way when there are
 * uncommitted messages.  At shutdown: back out every unit of work, free the
 * cursors, remove the waiters, then free the queues.
 *
 * Stored messages.  A persistent message's descriptor and body are in
 * m->mem from its put until a checkpoint writes it to the queue store
 * (objects/qstore.h); queue_set_stored then records its entry (m->qe) and
 * frees m->mem, and the caller reads it back through the store when an
 * MQGET or browse needs it.  Messages loaded from the store at restart have
 * no m->mem at all.  Matching on MsgId, CorrelId or GroupId compares the
 * 64-bit hashes (qmsg_hash) first, then the ids themselves: from m->mem, or
 * through hooks.ids for a stored message.  The engine keeps what the next
 * checkpoint must tell the store: q->unstored (persistent messages whose put
 * it must write; q->unstored_bytes, and the caller's total through
 * q->unstored_total, count the committed ones) and q->chg (stored messages
 * that left the queue: QCHG_GONE;
 * whose backout count changed: QCHG_BACKOUT), which the checkpoint applies
 * in order and then empties (q->nchg = 0).  q->bytes counts the bodies held
 * in memory.
 */
#ifndef QUIRE_QUEUE_H
#define QUIRE_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "cmqc.h"
#include "objects/qstore.h"
#include "qm/engine/dlist.h"

struct queue;
struct uow;
struct qcursor;

/* A message's place in one of its queue's two orders (Q_ALL: every message;
 * Q_VIS: the visible ones), and the ends of an order.  In priority order,
 * ptail[p] is the last message of priority p. */
struct qmsg;
struct qlink {
	struct qmsg *prev, *next;
};
struct qorder {
	struct qmsg *head, *tail;
	struct qmsg *ptail[10];
};
enum { Q_ALL = 0, Q_VIS = 1 };

/* A message's descriptor and body while they are in memory: from its put
 * until the queue store holds it (then read through the store), and always
 * for nonpersistent messages.  data[] holds len bytes.  The fields from seq
 * to len describe the message while it has no store entry (read them with
 * the qmsg_* accessors below, which take them from the entry once there is
 * one); qmsg_new fills them, and the caller sets put_lsn, expiry_ms
 * (qmsg_set_expiry) and, when reloading, seq before queue_add. */
struct qmsg_mem {
	MQMD md;                 /* the full version-2 descriptor, as returned by MQGET */
	uint64_t seq;            /* arrival order on its queue (0: assigned by queue_add) */
	uint64_t put_lsn;        /* LSN of its put log record; 0: nonpersistent or not logged */
	int64_t expiry_ms;       /* absolute expiry, ms since the epoch; 0: never */
	uint64_t hash[3];        /* qstore_id_hash of MsgId, CorrelId, GroupId (0: NONE) */
	uint32_t len;            /* body length */
	struct dnode snode;      /* engine private: on q->unstored (persistent, not yet stored) */
	struct qmsg *owner;      /* engine private: the message it belongs to */
	unsigned char data[];
};

/* One message on a queue: 72 bytes, because a deep queue holds millions.
 * What a message is (sequence, put LSN, expiry, id hashes, length) lives in
 * m->mem until the queue store holds it, and in its store entry m->qe after
 * that (a stored message keeps m->mem only while its body is cached); the
 * accessors below read the right one.  The unit of work a message is in
 * hangs off it only while it is in one (m->u).  Every field belongs to the
 * engine and is read-only for the caller.  A message without m->mem that
 * has left its queue (queue_remove) has neither: read what you need before. */
struct qmsg_uow;
struct qmsg {
	struct qmsg_mem *mem;    /* descriptor and body, or NULL when only the store has them */
	const struct qs_entry *qe;   /* its entry in the queue store, or NULL (not stored) */
	int32_t backout;         /* BackoutCount: the one MQGET returns (md's is not kept up to date) */

	/* engine private */
	uint32_t anchors;                      /* cursors anchored on this message */
	struct qlink lk[2];                    /* lk[Q_ALL]: every message, queue order;
						* lk[Q_VIS]: visible messages only */
	struct qmsg_uow *u;                    /* its unit of work (queue.c), or NULL */
	unsigned char prio;                    /* ordering priority 0..9 */
	unsigned char flags;                   /* QMSG_* */
};
enum { QMSG_ON_QUEUE = 1, QMSG_VISIBLE = 2, QMSG_PINNED = 4, QMSG_FREED = 8, QMSG_TAGGED = 16 };

static inline uint64_t qmsg_seq(const struct qmsg *m)
{
	return m->mem ? m->mem->seq : m->qe->seq;
}
static inline uint64_t qmsg_put_lsn(const struct qmsg *m)
{
	return m->mem ? m->mem->put_lsn : m->qe->put_lsn;
}
/* 0: never */
static inline int64_t qmsg_expiry_ms(const struct qmsg *m)
{
	if (m->mem)
		return m->mem->expiry_ms;
	return m->qe->expiry_ms < 0 ? 0 : m->qe->expiry_ms;
}
static inline uint32_t qmsg_len(const struct qmsg *m)
{
	return m->mem ? m->mem->len : qs_entry_data_len(m->qe);
}
/* i: 0 MsgId, 1 CorrelId, 2 GroupId */
static inline uint64_t qmsg_hash(const struct qmsg *m, int i)
{
	if (m->mem)
		return m->mem->hash[i];
	return i == 0 ? m->qe->msgid_hash : i == 1 ? m->qe->correlid_hash : m->qe->groupid_hash;
}
static inline int qmsg_visible(const struct qmsg *m)
{
	return (m->flags & QMSG_VISIBLE) != 0;
}
static inline int qmsg_on_queue(const struct qmsg *m)
{
	return (m->flags & QMSG_ON_QUEUE) != 0;
}
/* The id of the unit of work that put m and has not committed (put) or got
 * it and has not committed (get); 0: none. */
uint64_t qmsg_put_uow(const struct qmsg *m);
uint64_t qmsg_get_uow(const struct qmsg *m);

/* Match criteria for queue_find / queue_find_after. */
struct qmatch {
	MQLONG options;          /* MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID | MQMO_MATCH_GROUP_ID */
	MQBYTE24 msg_id;
	MQBYTE24 correl_id;
	MQBYTE24 group_id;
	/* see "Tags": asked of tagged messages only; non-zero passes m over */
	int (*skip)(const struct qmsg *m, void *arg);
	void *skip_arg;
	/* one more test of the caller's (NULL: none), after the ids match: 1
	 * when m qualifies.  It may read m (and the store through the caller's
	 * own means) but must call no engine function that changes anything. */
	int (*accept)(struct queue *q, struct qmsg *m, void *arg);
	void *accept_arg;
};

/* Hooks: see "Waiters", "Expiry" and "Stored messages" above.  Any may be
 * NULL. */
struct queue_hooks {
	void (*wake)(struct queue *q, void *arg);
	void (*expired)(struct queue *q, struct qmsg *m, uint64_t put_lsn, void *arg);   /* owns m */
	/* the MsgId, CorrelId and GroupId of a message without m->mem; non-zero:
	 * they could not be read (the message is then taken as matching, and
	 * the caller's read of it fails) */
	int (*ids)(struct queue *q, const struct qmsg *m, MQBYTE24 ids[3], void *arg);
	/* a tagged message leaves its queue (see "Tags") */
	void (*untag)(struct queue *q, struct qmsg *m, void *arg);
};

/* A change to the queue store's messages since the last checkpoint. */
struct qchange {
	uint64_t put_lsn;
	int32_t backout;         /* QCHG_BACKOUT: the new count */
	int32_t kind;            /* QCHG_GONE: removed; QCHG_BACKOUT: count changed */
};
enum { QCHG_GONE = 1, QCHG_BACKOUT = 2 };

/* A parked MQGET; embed it in the request.  Engine private fields. */
struct qwaiter {
	struct queue *q;         /* the queue it waits on, NULL when not waiting */
	struct dnode node;       /* in q->waiters */
	void *ctx;               /* the caller's */
};

/* One hash index (MsgId or CorrelId; msgindex.c).  Private. */
struct qidx {
	uintptr_t *slot;         /* open addressing: a message or a group of them per id */
	size_t cap;              /* a power of two, or 0 */
	size_t n;                /* ids, in both tables */
	uintptr_t *old;          /* while growing: the table being emptied into slot */
	size_t ocap, moved;      /* its size, and how many of its slots are emptied */
	int which;               /* MSGINDEX_MSGID or MSGINDEX_CORRELID (msgindex.h) */
	struct dlist groups;     /* every group (struct qidx_grp node): the slots' pointers are tagged */
};

struct queue {
	char name[49];
	void *user;              /* the caller's (its object record) */

	/* read-only counters */
	uint64_t depth;          /* CURDEPTH: every message, visible or not */
	uint64_t uncommitted_puts;   /* messages put under a unit of work not yet committed */
	uint64_t uncommitted_gets;   /* messages got under a unit of work not yet committed */
	uint64_t bytes;          /* body bytes held in memory */
	uint64_t kept;           /* of those, the bodies of stored messages (a cache: QueueBufferSize) */
	uint64_t unstored_bytes; /* store records (QS_REC_HDR + body) of committed persistent messages
				  * not yet stored: what the next checkpoint's batch writes; 0 when none */
	uint64_t *unstored_total;/* the caller's sum of unstored_bytes over its queues (may be NULL) */
	uint64_t next_seq;       /* the sequence number the next add gets */
	int fifo;                /* MSGDLVSQ(FIFO) */

	/* engine private */
	struct qorder ord[2];              /* ord[Q_ALL]: every message, queue order;
					    * ord[Q_VIS]: the visible ones */
	struct qidx mid, cid;
	struct dlist cursors;    /* struct qcursor node (queue.c) */
	struct dlist waiters;    /* struct qwaiter node, in the order they came */
	struct dlist unstored;   /* persistent messages not in the store yet (qmsg_mem snode) */
	struct qchange *chg;     /* store changes since queue_changes_clear, in order */
	size_t nchg, capchg;
	int chg_lost;            /* a change could not be recorded (out of memory) */
	int discarding;          /* queue_discard is at work: no changes recorded */
	const struct queue_hooks *hooks;
	void *hook_arg;
	int wake_pending;
};

/* A unit of work; the caller embeds or allocates it and calls uow_init. */
struct uow {
	uint64_t id;             /* non-zero, unique among live units of work */
	uint64_t nmsgs;          /* messages put plus messages got in it */
	/* engine private */
	struct dlist msgs;       /* its messages (struct qmsg unode), in the order they joined */
};

/* ---- messages ---- */

/* A new message with a copy of *md (364 bytes; the caller makes it a full
 * version 2) and of len bytes of data; its prio, hashes and backout come
 * from md.  NULL when out of memory. */
struct qmsg *qmsg_new(const MQMD *md, const void *data, size_t len);
/* A message the queue store holds (restart): everything from its entry, no
 * descriptor or body in memory.  NULL when out of memory. */
struct qmsg *qmsg_new_stored(const struct qs_entry *e);
/* Free a message that is on no queue (NULL is fine). */
void qmsg_free(struct qmsg *m);
/* The body in memory (NULL when len is 0 or m->mem is NULL: read it through
 * the store). */
const void *qmsg_body(struct qmsg *m);
/* expiry_ms from md.Expiry (tenths of a second; MQEI_UNLIMITED or <= 0:
 * never), counted from put_ms. */
void qmsg_set_expiry(struct qmsg *m, int64_t put_ms);
/* The Expiry an MQGET returns in the MQMD: tenths of a second left (at least
 * 1), or MQEI_UNLIMITED. */
MQLONG qmsg_expiry_left(const struct qmsg *m, int64_t now_ms);

/* ---- queues ---- */

int queue_new(const char *name, int fifo, struct queue **out);
/* QM_EINVAL (and nothing freed) while the queue has uncommitted messages,
 * cursors or waiters; otherwise frees every message and the queue. */
int queue_free(struct queue *q);
void queue_set_hooks(struct queue *q, const struct queue_hooks *h, void *arg);
/* ALTER MSGDLVSQ: re-orders the messages already there by the new rule. */
int queue_set_fifo(struct queue *q, int fifo);

/* Put m on q (m on no queue), committed when u is NULL, else under u.
 * Assigns the sequence number when m->mem->seq is 0.  QM_ENOMEM: m is not
 * on the queue. */
int queue_add(struct queue *q, struct qmsg *m, struct uow *u);
/* Take m (on q) off q, whatever its state (leaving any unit of work it is
 * in; cursors on it stay valid); the caller owns m afterwards. */
void queue_remove(struct queue *q, struct qmsg *m);
/* A get under syncpoint: m (visible) is hidden until u ends.
 * QM_EINVAL when m is not visible; QM_ENOMEM (nothing changed) when m's
 * record of the unit of work cannot be allocated. */
int queue_hide(struct queue *q, struct qmsg *m, struct uow *u);
/* Make sure m can join a unit of work (queue_add under one, queue_hide)
 * without allocating: QM_OK, or QM_ENOMEM.  For a caller that must not fail
 * after it logged the change. */
int qmsg_uow_room(struct qmsg *m);
/* Remove every message; QM_EINVAL when any is in a unit of work.  *count
 * (may be NULL) is the number removed. */
int queue_purge(struct queue *q, uint64_t *count);

/* First visible, unexpired message matching mt (NULL: any) in queue order. */
struct qmsg *queue_find(struct queue *q, const struct qmatch *mt, int64_t now_ms);
/* Remove every visible expired message (through hooks.expired); returns how many. */
uint64_t queue_expire(struct queue *q, int64_t now_ms);

/* Every message, visible or not, in queue order (checkpoints, queue files). */
struct qmsg *queue_first(struct queue *q);
struct qmsg *queue_next(struct qmsg *m);

/* ---- the queue store's side (see "Stored messages") ---- */

/* Persistent messages not yet stored, in the order they were added (those
 * still under a unit of work that put them included: skip them). */
struct qmsg *queue_unstored_first(struct queue *q);
struct qmsg *queue_unstored_next(struct qmsg *m);
/* m is in the store now, as e: off the unstored list; its descriptor and
 * body are freed unless keep. */
void queue_set_stored(struct queue *q, struct qmsg *m, const struct qs_entry *e, int keep);
/* Drop m's descriptor and body (stored messages only; the store has them). */
void queue_drop_mem(struct queue *q, struct qmsg *m);
/* About to add n messages (a load): size the indexes for them at once. */
void queue_reserve(struct queue *q, size_t n);
/* Remove and free every message, whatever its state (units of work
 * included), recording nothing for the store: it is being closed or thrown
 * away (a queue deleted or freed, a damaged one at restart). */
void queue_discard(struct queue *q);
/* The store has taken every change in q->chg: empty it. */
void queue_changes_clear(struct queue *q);
/* The store has taken the first n changes of q->chg (a batch whose syncs
 * ran while the queue went on): drop them, keep the later ones. */
void queue_changes_done(struct queue *q, size_t n);

/* A batch in flight: its syncs run on another thread while the queue goes on
 * (the checkpoint's store I/O off the event loop).  The messages it stores
 * are pinned first (qmsg_pin): they may be got, backed out or freed
 * meanwhile, but qmsg_free of a pinned message only marks it.  When the
 * batch ends, each is unpinned by one of: */
void qmsg_pin(struct qmsg *m);
/* The batch is durable, with m as e carrying backout count `backout`: m is
 * stored (as queue_set_stored, keep likewise) when still on q; a change in
 * its backout count meanwhile is recorded (QCHG_BACKOUT); a message that left
 * q meanwhile is recorded as gone (QCHG_GONE), and freed if it was freed. */
void queue_pinned_stored(struct queue *q, struct qmsg *m, const struct qs_entry *e, int32_t backout, int keep);
/* The batch failed: m is as if never batched (freed if it was freed). */
void queue_pinned_unstored(struct qmsg *m);

/* ---- browse cursors ---- */

/* A cursor on q, positioned before the first message.  NULL: out of memory. */
struct qcursor *queue_cursor_new(struct queue *q);
void queue_cursor_free(struct qcursor *c);
/* Back before the first message. */
void queue_cursor_reset(struct qcursor *c);
/* Position c on m (a message on c's queue). */
void queue_cursor_set(struct qcursor *c, struct qmsg *m);
/* First visible, unexpired match after c's position (from the start when c
 * is before the first message).  Does not move c. */
struct qmsg *queue_find_after(struct qcursor *c, const struct qmatch *mt, int64_t now_ms);
/* The message c is on, if still on the queue, visible and unexpired. */
struct qmsg *queue_cursor_msg(struct qcursor *c, int64_t now_ms);

/* ---- waiters ---- */

void queue_waiter_add(struct queue *q, struct qwaiter *w, void *ctx);
void queue_waiter_remove(struct qwaiter *w);   /* no-op when not waiting */
struct qwaiter *queue_waiter_first(struct queue *q);
struct qwaiter *queue_waiter_next(struct qwaiter *w);
void queue_wake_clear(struct queue *q);

/* ---- tags (see "Tags") ---- */

static inline int qmsg_tagged(const struct qmsg *m)
{
	return (m->flags & QMSG_TAGGED) != 0;
}
void qmsg_set_tagged(struct qmsg *m, int on);

/* ---- units of work ---- */

void uow_init(struct uow *u, uint64_t id);
/* Apply: puts become visible (waking waiters), got messages are removed
 * from their queues and freed.  u is empty afterwards and can be reused. */
void uow_commit(struct uow *u);
/* Undo: puts are removed and freed, got messages are visible again in
 * their places with m->backout + 1 (recorded as QCHG_BACKOUT when stored).  u is empty afterwards. */
void uow_backout(struct uow *u);
/* The messages of u in the order they joined it (put: qmsg_put_uow(m) ==
 * u->id, get: qmsg_get_uow(m) == u->id; the queue is qmsg_queue(m), for a
 * message in a unit of work only: NULL otherwise). */
struct qmsg *uow_first(struct uow *u);
struct qmsg *uow_next(struct qmsg *m);
struct queue *qmsg_queue(const struct qmsg *m);

/* The lower-level steps uow_commit and uow_backout use, for restart
 * recovery that resolves one message at a time.  m must be in a unit of
 * work in the matching state; they take it out of it. */
void queue_commit_put(struct qmsg *m);
void queue_backout_put(struct qmsg *m);   /* removes and frees m */
void queue_commit_get(struct qmsg *m);    /* removes and frees m */
void queue_backout_get(struct qmsg *m);

#endif
