/*
 * store.h: what the running queue manager keeps across a restart, as the
 * rooms above it use it: appending its log records, queue files,
 * checkpoints, the start (restart recovery) and the end.
 *
 *   restart.c      store_start: objects, queue stores, log replay, units of
 *                  work resolved, QMGR_START, the first checkpoint
 *   checkpoint.c   store_append, definition files, store_checkpoint, store_stop
 *   msgstore.c     the queue stores: a checkpoint's batch per queue, reading
 *                  stored messages back, compaction between other work
 *
 * The store knows nothing of connections.  What only the server knows it is
 * given: the units of work that have logged records and the oldest record a
 * parked reply still waits on (store_checkpoint's arguments).  Appending
 * never checkpoints by itself: store_append returns QM_ELOGFULL and the
 * caller, which knows those units of work, takes the checkpoint and tries
 * again (server/durable.c).
 */
#ifndef QUIRE_STORE_H
#define QUIRE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "cmqc.h"
#include "qm/store/qmlog.h"

struct qm;
struct qobj;

/* ---- checkpoint.c ---- */
/* Append a record (qname: the queue it is about, or NULL).  *lsn names it
 * (its first part), *last (may be NULL) is its last part's LSN: what a reply
 * that depends on it waits for (log.h).   QM_ELOGFULL is
 * the caller's to handle (checkpoint, then again); QM_EFAILED marks the log
 * failed (qm->log_failed).  Counts operations towards the next checkpoint. */
int store_append(struct qm *qm, uint16_t type, uint64_t uow, const char *qname, const void *data, size_t len,
		 int flags, uint64_t *lsn, uint64_t *last);
/* The same with the header's object id given (objstore_obj_id). */
int store_append_obj(struct qm *qm, uint16_t type, uint64_t uow, uint64_t obj, const void *data, size_t len,
		     int flags, uint64_t *lsn, uint64_t *last);
/* Take a checkpoint: flush the log, write each changed definition file and
 * a batch for each queue store with changes, log the checkpoint with the
 * active units of work uows[0..n) (their first records keep the log from
 * being reused), and move the restart LSN to the lowest of the checkpoint,
 * their first LSNs and floor (UINT64_MAX: none).  Blocks. */
int store_checkpoint(struct qm *qm, const struct qmlog_ckpt_uow *uows, size_t n, uint64_t floor);
/* The same without holding the loop long (the loop's routine checkpoints):
 * CKPT_BEGIN appended (its flush requested) and the definition files written
 * as store_checkpoint does, every batch opened and its messages pinned; then
 * store_checkpoint_step, which the loop calls after each round of events
 * (and, while store_checkpoint_writing, without waiting for any), writes
 * about QM_CKPT_ROUND_BYTES of the batches' messages; once all are written,
 * their syncs run on a thread of their own while the loop goes on; it writes
 * qm->evfd when they are done, and store_checkpoint_poll (called by the loop
 * after each round) then ends the checkpoint (CKPT_END, the restart LSN).
 * Ends at once when there is nothing to sync.  One at a time: QM_EINVAL
 * while one is in flight (store_checkpoint_due says no meanwhile). */
int store_checkpoint_start(struct qm *qm, const struct qmlog_ckpt_uow *uows, size_t n, uint64_t floor);
int store_checkpoint_step(struct qm *qm);
int store_checkpoint_writing(const struct qm *qm);
int store_checkpoint_poll(struct qm *qm);
/* A round of a routine checkpoint's batch writes: a few milliseconds of the
 * loop (page-cache writes of message records). */
#define QM_CKPT_ROUND_BYTES (256u << 10)
/* The nice value of the thread that writes and syncs a checkpoint's batches. */
#define QM_CKPT_NICE 10
/* Wait for the checkpoint in flight and end it (QM_OK when none).  Before
 * anything that would change a queue store other than by reading it: a
 * checkpoint, closing, destroying or renewing a store, compaction. */
int store_checkpoint_settle(struct qm *qm);
/* The oldest LSN a damaged queue keeps (UINT64_MAX: none): the restart LSN
 * never passes it (restart.c). */
uint64_t store_damaged_floor(struct qm *qm);
/* The restart LSN now: what an object found damaged while running keeps
 * (the restart LSN never moves back). */
uint64_t store_restart_now(struct qm *qm);
/* Is a checkpoint due (operations, time with activity, log used)? */
int store_checkpoint_due(struct qm *qm, int64_t now_ms);
/* AMQ7467I and (linear logging) AMQ7468I in the error log now (rcdmqimg -l). */
void store_say_oldest(struct qm *qm);
/* The end: QMGR_STOP, flushed (after the caller's last checkpoint). */
int store_stop(struct qm *qm);
/* Write the definition file q of o as of the record at lsn (durable
 * already).  On failure the old file stays as it was, err (may be NULL) says
 * why, and the caller decides what to say: QM_ENOSPC is a full disk,
 * anything else an I/O failure (store_checkpoint ends the queue manager for
 * it). */
int store_write_queue_file(struct qm *qm, struct qobj *o, uint64_t lsn, char *err, size_t errlen);
/* A checkpoint is due once the committed persistent messages that no queue
 * store holds yet reach this many bytes (qm->unstored_bytes): the stores'
 * batches, which the loop encodes a round at a time (their writes and syncs
 * run on the checkpoint's own thread), stay a few rounds long.  (Messages put and got between checkpoints never reach a store, so
 * they do not count.) */
#define QM_CKPT_UNSTORED_BYTES (1u << 20)
/* After a checkpoint found the disk full, the next is not due before this. */
#define QM_CKPT_RETRY_MS 5000

/* ---- msgstore.c ---- */
struct qs_entry;
struct qmsg;
struct queue;
struct objfile_msg;
/* The folder of o's files (queues/<folder>). */
int store_queue_dir(struct qm *qm, const struct qobj *o, char *out, size_t n);
/* Open o->store; each (may be NULL) gets every message it holds, *lsn (may
 * be NULL) the LSN it reflects.  qstore_open's codes. */
int store_queue_open(struct qm *qm, struct qobj *o, int (*each)(void *arg, const struct qs_entry *e), void *arg,
		     uint64_t *lsn, char *err, size_t n);
/* A damaged queue's definition replaced: its store made new and empty,
 * reflecting the replacing record (qm->os.last_lsn). */
int store_queue_renew(struct qm *qm, struct qobj *o);
/* One checkpoint batch for o at LSN b (the changes in o->q->chg, then every
 * message committed at b and not stored yet; then o->file_lsn = b), in steps
 * so that neither its writes nor its syncs hold the event loop long:
 * store_queue_batch opens it, applies the changes and pins the messages it
 * will store (bt->o NULL: nothing to write); store_batch_write writes about
 * *budget bytes of them a call (it takes what it writes from *budget) and
 * seals the batch after the last; then, on any thread, store_batch_sync;
 * then, on the loop again, store_batch_done with its result (a batch not
 * sealed yet is discarded).  Each record carries the BackoutCount its message
 * had at b; a later count is a change for the next batch.  On failure
 * nothing changed (QM_ENOSPC: the store is usable; others: see store_failed;
 * a failed store_batch_write has discarded the batch, bt->o NULL).  In
 * between the queue goes on, but its store only reads: no other batch, no
 * compaction, no close (store_checkpoint_settle first). */
struct store_batch {
	struct qobj *o;          /* NULL: none */
	uint64_t lsn;
	size_t nchg;             /* the changes of o->q->chg it took */
	void *v;                 /* the messages it stores (msgstore.c) */
	size_t np;
	size_t nw;               /* of which written */
	int sealed;              /* all written and the batch sealed */
};
int store_queue_batch(struct qm *qm, struct qobj *o, uint64_t b, struct store_batch *bt, char *err, size_t n);
int store_batch_write(struct store_batch *bt, size_t *budget, char *err, size_t n);
int store_batch_sync(struct store_batch *bt);
int store_batch_done(struct qm *qm, struct store_batch *bt, int rc, char *err, size_t n);
/* m's descriptor (BackoutCount current) and body: from memory, or read from
 * the store into *owned (the caller frees it).  A failed read is in the
 * error log (AMQ7905). */
int store_msg_load(struct qm *qm, struct qobj *o, const struct qmsg *m, MQMD *md, const void **data, void **owned);
/* m's descriptor alone (BackoutCount current): from memory, or the header
 * of its store record (no body read).  A failed read as store_msg_load. */
int store_msg_md(struct qm *qm, struct qobj *o, const struct qmsg *m, MQMD *md);
/* The engine's ids hook (queue.h): arg is the qm. */
int store_msg_ids(struct queue *q, const struct qmsg *m, MQBYTE24 ids[3], void *arg);
/* The message header of m (m->mem present) as its put record and its store
 * record carry it. */
void store_msg_header(const struct qmsg *m, struct objfile_msg *fm);
/* m's whole record as a queue store or a media image holds it: the header
 * (put LSN and BackoutCount current) and the body, from memory or read from
 * the store into *owned (the caller frees it; AMQ7905 when that fails). */
int store_msg_record(struct qm *qm, struct qobj *o, const struct qmsg *m, struct objfile_msg *h, const void **data,
		     void **owned);
/* One bounded step of compaction (about budget bytes) on a queue store that
 * has some to do: chosen and prepared here, its writes, syncs and deletions
 * on a thread of its own (at nice QM_CKPT_NICE) while the loop goes on, the
 * loop's eventfd written when they are done; store_background_poll applies
 * it.  1 while there may be more to do (call again), 0 when there is none.
 * One step at a time, none while a checkpoint is in flight, and no
 * checkpoint starts while a step is (store_checkpoint_due); a checkpoint
 * taken on the loop, store_checkpoint_settle and so everything that closes
 * or renews a store wait for it first (store_background_settle). */
int store_background(struct qm *qm, size_t budget);
/* A step whose I/O is done, applied (0 when none was, or it still runs). */
int store_background_poll(struct qm *qm);
void store_background_settle(struct qm *qm);

/* ---- media.c ---- */
/* Is the object recoverable (o NULL: the queue manager object, always)?
 * Local queues: IMGRCOVQ (QMGR: the queue manager's); alias and model
 * queues: the queue manager's IMGRCOVO; temporary dynamic queues never. */
int store_media_recoverable(const struct qm *qm, const struct qobj *o);
/* The oldest media recovery LSN of the recoverable objects (0: one is not
 * known, so the whole log is needed; UINT64_MAX: none). */
uint64_t store_media_oldest(const struct qm *qm);
/* Linear logging: move MEDIALOG (log_set_media_lsn) to the oldest media
 * recovery LSN when that has moved.  After each checkpoint and image. */
void store_media_medialog(struct qm *qm);
/* Record a media image of o (NULL: the queue manager object), a part at a
 * time while the loop goes on (qm->media_flight; one at a time):
 *   store_media_begin   BEGIN appended; a local queue's messages listed as
 *                       they are now (those the store holds by their place:
 *                       no compaction on that store until the image is done)
 *   store_media_step    after each round of events: the next MSGS part (about
 *                       QM_CKPT_ROUND_BYTES; none while more than 512 KiB of
 *                       the image waits for the disk), END after the last
 *                       and its flush requested; 1 while there is more to write
 *   store_media_poll    once END is durable: the object's image and media
 *                       recovery LSNs moved, MEDIALOG too; the flight ends.
 *                       QM_OK, 1 while not all written or not durable yet,
 *                       or the failure (why says it)
 *   store_media_drain   the rest written and flushed now (the end of a run);
 *                       store_media_poll then ends it
 * floor: the oldest first record of the units of work active now and of the
 * replies parked on the log (UINT64_MAX: none): recovery reads from there.
 * An object deleted or re-created meanwhile ends its image as failed
 * (store_media_abandon). */
int store_media_begin(struct qm *qm, struct qobj *o, uint64_t floor, char *why, size_t n);
int store_media_step(struct qm *qm);
/* An image has parts still to write (the loop should not wait for events). */
int store_media_writing(const struct qm *qm);
int store_media_poll(struct qm *qm, uint64_t *msgs, uint64_t *bytes, char *why, size_t n);
void store_media_drain(struct qm *qm);
void store_media_abandon(struct qm *qm, struct qobj *o);
/* Images at the end of a run, as MQ takes them: the queue manager object,
 * every recoverable object that is not a local queue, and local queues that
 * are empty, all appended, then one flush.  Linear logging only, and none
 * while an image is in flight (mqi_media_settle ends those first); failures
 * are in the error log. */
void store_media_shutdown(struct qm *qm, uint64_t floor);
/* Re-create o (NULL: the queue manager object) from its latest image and
 * every later record (linear logging): the definition, for a local queue
 * every committed persistent message (nonpersistent ones are lost), its
 * store and definition file written anew, then what memory holds replaced.
 * Refused (QM_EBUSY) while handles are open on it or a unit of work in
 * flight touches it.  missing names the log extent that was not there
 * (AMQ6767); on failure nothing changed. */
int store_media_recreate(struct qm *qm, struct qobj *o, char *missing, size_t mlen, char *why, size_t n);

/* The start found the queue manager object's file missing or damaged: with
 * linear logging it is re-created from its latest media image in the log
 * (the last checkpoint's entry, a later image, or its create record) and
 * every later record, and its file written again (MQ does so at the start);
 * with circular logging QM_EINVAL.  why says what failed. */
int store_media_qmgr_rebuild(struct qm *qm, char *why, size_t n);
/* Beyond MQ: local queue o as it was at end_lsn (0: now) or at end_ms (ms
 * since 1970; 0: none), from the latest image before then and the records
 * up to then (units of work open then backed out), copied into a new local
 * queue newname (defined, its messages logged as puts of one unit of work,
 * committed): an administrator gets back a queue as it was before a bad
 * application drained it.  *made: the new queue (also when only its
 * messages failed), *count its messages, *at the LSN the copy is as of
 * (the log before it).  Blocks the loop. */
int store_media_copy(struct qm *qm, struct qobj *o, uint64_t end_lsn, int64_t end_ms, const char *newname,
		     struct qobj **made, uint64_t *count, uint64_t *at, char *missing, size_t mlen, char *why, size_t n);

/* ---- restart.c ---- */
/* Media recovery's replay: o, a queue object not in the table (its q empty)
 * with image_lsn and media_lsn set, gets the definition of its image and,
 * for a local queue, its messages, then every later record up to end_lsn (0:
 * the end of the log) applied.  A unit of work still open at end_lsn that
 * touches it: QM_EBUSY, or with open_out backed out (as of a point in time
 * it was not committed). */
int store_media_replay(struct qm *qm, struct qobj *o, uint64_t end_lsn, int open_out, char *missing, size_t mlen,
		       char *why, size_t n);
/* o's messages in memory replaced by those its queue store holds (opened
 * anew), as a start loads them. */
int store_queue_reload(struct qm *qm, struct qobj *o, char *err, size_t n);
/* ---- restart.c: the start ---- */
/* Load objects and queue files, open the log, replay it, resolve units of
 * work, take a checkpoint.  Every phase is reported as an event (qmrun.h);
 * on failure *exit_code is strmqm's and a QM_EV_FAILED event has said why. */
int store_start(struct qm *qm, int *exit_code);

#endif
