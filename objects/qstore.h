/*
 * qstore.h: the queue store: one per local queue, in the queue's folder
 * queues/<folder>/, holding its committed persistent messages so that a
 * checkpoint writes only what changed since the last one and memory holds a
 * small index entry per message, never a body.
 *
 * Today's queue file (objfile.h) is a whole-queue snapshot rewritten at each
 * checkpoint.  The store replaces it with three kinds of file, all written
 * through log/osio.h:
 *
 *   NNNNNNNN.qsd       data segment N (8 lower-case hex digits, from 1): the
 *                      message records, appended, never rewritten
 *   NNNNNNNN.qsi       the index journal, generation N: a snapshot of the
 *                      index, then one record per batch; one file normally,
 *                      two for a moment after a new snapshot
 *   NNNNNNNN.qsi.tmp   the next generation while it is being built; never read
 *
 * Other files in the folder (the definition file q) are not the store's.
 *
 * ---------------------------------------------------------------------------
 * FORMAT (version 1; every integer little-endian; XXH64 is xxhash's 64-bit)
 *
 * File header: bytes 0..127 of every .qsd and .qsi file; the first record
 * starts at offset 4096 (QS_PAGE).
 *   0     8   magic "QUIREQSD" (segment) or "QUIREQSI" (journal)
 *   8     4   format version, u32 = 1
 *   12    4   segment number, or journal generation, u32 >= 1 (= the name)
 *   16    16  queue manager identity
 *   32    1   queue name length N, 1..48
 *   33    48  queue name, N bytes then zeros
 *   81    39  zeros
 *   120   8   XXH64 (seed 0) of bytes 0..119
 *
 * Message record, in a segment at the offset its index entry names:
 *   0     4   magic "QSMR"
 *   4     4   record length R = 512 + D, u32
 *   8     488 the message header (objfile.h, OBJFILE_MSG_HDR_LEN) as
 *             objfile_msg_encode() writes it; its data length is D
 *   496   8   XXH64 of the D data bytes, seed = the put LSN
 *   504   8   XXH64 (seed 0) of bytes 0..503
 *   512   D   the data
 * A record is valid when its magic, length, header checksum, header fields
 * (objfile_msg_decode), data checksum are right and its put LSN and length
 * are the ones its index entry gives.  Records hold no location, so
 * compaction copies them byte for byte.  Each batch's (and each compaction
 * step's) first record starts on a 4096-byte boundary; a segment takes
 * records until the next would pass seg_bytes (one bigger than that fills
 * a segment of its own).
 *
 * Journal record (.qsi), each starting on a 4096-byte boundary:
 *   0     4   magic "QSJR"
 *   4     2   type: 1 BATCH (a part of a batch), 2 CHUNK (snapshot entries),
 *             3 SNAP_END (the snapshot is complete)
 *   6     2   flags: bit 0 LAST (the batch's last part: it commits the batch)
 *   8     4   record length R, u32, 56 .. 56 + QS_JPART_MAX + one op
 *   12    4   operation count
 *   16    8   record number in this file: 1, 2, 3 ... without gaps
 *   24    8   LSN the store reflects once this record commits
 *   32    4   append segment, u32: where the next batch's data goes ...
 *   36    4   append offset, u32 (a multiple of 4096)
 *   40    8   live messages once this record commits (LAST, SNAP_END)
 *   48    ... operations, each a type byte and fixed fields:
 *               1 PUT      put LSN u64, sequence u64, expiry i64 (-1 never),
 *                          MsgId, CorrelId and GroupId hashes u64 x 3,
 *                          segment u32, offset u32, length u32,
 *                          backout count i32, priority u8   (66 bytes)
 *               2 REMOVE   put LSN u64                      (9 bytes)
 *               3 BACKOUT  put LSN u64, backout count i32   (13 bytes)
 *               4 MOVE     put LSN u64, segment u32, offset u32 (17 bytes)
 *   R-8   8   XXH64 of bytes 0..R-9, seed = the file's generation
 *
 * A journal file reads as: [CHUNK and BATCH records] SNAP_END [BATCH ...].
 * Before SNAP_END the operations are applied leniently (PUT replaces an entry
 * of the same put LSN, REMOVE/BACKOUT/MOVE of an absent one do nothing): a
 * snapshot is built in steps while batches go on, and gets both the chunks of
 * entries as they are when each is written and a copy of every batch
 * committed meanwhile.  After SNAP_END they are strict: a PUT of a present or
 * any other operation on an absent put LSN is damage.  After SNAP_END and
 * after each LAST record the number of live messages must equal field 40.
 *
 * Validity: a record is valid when its magic, type, length (inside the file),
 * checksum and number (one more than the record before) are right.  Reading
 * from offset 4096, the journal ends after the last valid LAST or SNAP_END
 * record; valid BATCH parts after it without their LAST belong to a batch
 * that never committed.  If a record is invalid and a valid LAST or SNAP_END
 * record with a higher number lies at a later 4096-byte boundary, the damage
 * is in the committed part: QM_ECORRUPT, naming the file and offset (this
 * cannot come from a crash: see rule C3).  A journal without a SNAP_END, or
 * whose header names another version, queue manager or queue, is refused.
 *
 * Index entry in memory (struct qs_entry below): 72 bytes a message, plus
 * 6 to 11 bytes of hash table (at most 70% full) and 4 to 8 of per-segment
 * list: 86.6 bytes a message in all measured with 1,000,000 messages, up to
 * about 95 on small queues (qstore_stats: mem_bytes; bench/qstorebench.c).  MsgId, CorrelId and
 * GroupId are kept as 64-bit hashes (qstore_id_hash); the caller verifies a
 * match on the header qstore_read returns.
 *
 * ---------------------------------------------------------------------------
 * CRASH RULES
 *
 * C1. A batch commits atomically.  Commit: write the batch's data records
 *     (begun on a fresh 4 KiB page of the append segment), fdatasync every
 *     segment written, fsync the folder if a segment was created; then write
 *     the journal record(s) and fdatasync the journal.  The batch is durable,
 *     and the store reflects its LSN, when the LAST record is; before that
 *     the store is exactly as it was.
 * C2. Never ahead of data: a journal record names only data already synced,
 *     and the LSN it carries only when every change below it is in the batch
 *     (the caller's duty: a store reflecting LSN L holds exactly the committed
 *     persistent messages below L; the caller replays the log from L).
 * C3. A batch of several journal parts fdatasyncs the parts before it writes
 *     the LAST one, so a valid LAST record after an invalid one can only be
 *     damage, never a torn write.  A damaged LAST record of the very last
 *     batch cannot be told from a torn one: the store then opens at the
 *     previous LSN, and the caller must compare the LSN with the one its
 *     checkpoint recorded for the queue (as for queue files today).
 * C4. Durable bytes are never rewritten: data and journal records start on a
 *     fresh 4 KiB page after the last committed one; what lies after the last
 *     commit (in the journal, and in the append segment past the append
 *     offset) was never acknowledged and is cut off at open (not synced: if
 *     the cut is lost, open cuts it again).
 * (Blocks ahead of a segment's append position are reserved with
 * fallocate(FALLOC_FL_KEEP_SIZE), 4 MiB at a time: beyond the file's size,
 * so nothing below depends on them; a hint that may fail.)
 *
 * C5. New files are durable with their folder entries before a journal record
 *     names them.  A segment is deleted only after the journal records
 *     durably that no live message is in it.  The deletion is not synced:
 *     open deletes segments left with no live message (and segments above
 *     the append segment, made by a batch that never committed), and segment
 *     numbers only grow, so no later record can name a deleted segment.
 * C6. A snapshot goes to NNNNNNNN.qsi.tmp (generation + 1), is fdatasynced,
 *     renamed to NNNNNNNN.qsi with the folder fsynced, and only then is the
 *     old generation deleted (by the next compaction steps, not synced).
 *     Open uses the highest generation and deletes the others and every
 *     .qsi.tmp.
 * C7. Fail-stop: a failed fsync/fdatasync of a batch or compaction step (its
 *     segments, the folder, the journal) or of the folder after a snapshot's
 *     rename, a failed write other than ENOSPC to a segment or the journal,
 *     or a failed truncate of the journal puts the store into the FAILED
 *     state: QM_EFAILED for every later batch and compaction step (reads
 *     still work); nothing is retried.  The caller stops the queue manager;
 *     the next open recovers to the last commit.  ENOSPC while writing a
 *     batch or compaction step is not fatal: the call fails with QM_ENOSPC,
 *     the batch is discarded, the store is as before (on disk and in memory)
 *     and takes the next batch.  Any failure while building a snapshot,
 *     before its rename, only drops it (the journal is whole); so does
 *     failing to unlink what rules C5 and C6 delete.
 *
 * ---------------------------------------------------------------------------
 * CALLING SEQUENCE
 *
 *   qstore_create(dir, qmid, "DEV.QUEUE.1", lsn, NULL, &s, err, n);   new queue
 *   qstore_open(dir, qmid, "DEV.QUEUE.1", NULL, each, arg, &s, &lsn, err, n);
 *           each(arg, e) once per live message (any order; sort by e->seq),
 *           reading only the journal; *lsn: replay the log from there
 *   checkpoint of the queue at LSN b (messages committed since the last one):
 *     qstore_batch_begin(s, b);
 *     qstore_put(s, &hdr, data, &e);            each persistent message put
 *     qstore_set_backout(s, put_lsn, count);    each backout count changed
 *     qstore_remove(s, put_lsn);                each message got
 *     qstore_batch_commit(s);                   durable when it returns QM_OK
 *   MQGET/browse:  qstore_read(s, e, &hdr, buf, e_data_len);
 *   between other work:  qstore_compact_step(s, 1 << 20, &more);
 *           or, its I/O on another thread: qstore_compact_begin, _io, _end
 *   qstore_close(s);          DELETE QLOCAL: qstore_destroy(dir, err, n)
 *
 * Entries: an entry pointer (from each, qstore_put or qstore_find) stays
 * valid, at the same address, until the commit that removes its message, or
 * until qstore_batch_commit fails or qstore_batch_abort for a pointer that
 * qstore_put gave in that batch, or qstore_close.  Compaction changes
 * e->loc in place; everything else of an entry changes only at commit.
 *
 * Threading: a store is used by one thread at a time (the queue manager's
 * event loop), but for the writes and syncs of a sealed batch
 * (qstore_batch_seal below) or of a compaction step (qstore_compact_io);
 * nothing here locks.  A batch's puts only copy into its buffers (full ones
 * kept for its sync to write, their memory then reused): the thread that
 * puts never waits for the file system.  Reads may
 * come between batch calls (qstore_read of any entry, including one put in
 * the open or sealed batch: from those buffers).
 * qstore_compact_step is refused inside a batch.  Distinct stores are
 * independent.
 *
 * ERROR HANDLING
 * QM_OK, or: QM_EINVAL (a bad argument or call out of sequence; nothing
 * changed), QM_ENOENT (open: no store in the folder), QM_EEXIST (create: one
 * is there), QM_EFOREIGN (another queue manager's store), QM_EVERSION,
 * QM_ECORRUPT (damage: open, or a record at read/compaction time),
 * QM_ENOTFOUND (no such put LSN), QM_ETOOBIG (read: cap too small),
 * QM_ENOMEM, QM_ENOSPC (batch discarded, store usable), QM_EIO / QM_EPERM
 * (from a batch or compaction step: the store is FAILED, rule C7; from a
 * read: that read failed), QM_EFAILED (FAILED earlier), or a callback's own
 * non-zero code.  create/open/destroy fill err (may be NULL); the others
 * leave a message in qstore_last_error(s): lower case, naming the file and
 * offset, e.g. "queue store /q/00000003.qsd: offset 8192: message 73728:
 * data checksum does not match".
 */
#ifndef QUIRE_QSTORE_H
#define QUIRE_QSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "objects/objfile.h"

#define QS_VERSION      1
#define QS_PAGE         4096u            /* record alignment, first record offset */
#define QS_REC_HDR      512u             /* message record bytes before the data */
#define QS_JPART_MAX    (1u << 20)       /* operation bytes in one journal record */
#define QS_QMID_LEN     OBJDEF_IDENTITY_LEN

/* Where a message record is: segment file, offset, record length (header
 * included: data length + QS_REC_HDR). */
struct qs_loc {
	uint32_t seg;
	uint32_t off;
	uint32_t len;
};

/* One live message, owned by the store (see "Entries" above).  72 bytes. */
struct qs_entry {
	uint64_t put_lsn;        /* LSN of its put record: the message's name in the store */
	uint64_t seq;            /* FIFO order within priority */
	int64_t expiry_ms;       /* ms since 1970 UTC, -1 never */
	uint64_t msgid_hash;     /* qstore_id_hash() of MsgId, CorrelId, GroupId */
	uint64_t correlid_hash;
	uint64_t groupid_hash;
	struct qs_loc loc;       /* changed in place by compaction */
	int32_t backout_count;   /* the current one (the record keeps the one at put) */
	uint32_t vpos;           /* private: place in its segment's list */
	uint8_t priority;        /* 0..9 */
	uint8_t state;           /* private */
	uint16_t spare;
};

/* The data length of an entry's message. */
static inline uint32_t qs_entry_data_len(const struct qs_entry *e)
{
	return e->loc.len - QS_REC_HDR;
}

/* Tuning; NULL or zero fields take the defaults. */
struct qstore_opts {
	uint32_t seg_bytes;      /* a segment is closed once it holds this much: 16 MiB
				  * (4 KiB .. 1 GiB; one record may go past it) */
	uint32_t dead_pct;       /* compact a segment once this % of it is dead (and
				  * the dead bytes add up to a segment): 50 */
	uint64_t snap_min_bytes; /* no new snapshot while the journal is smaller: 1 MiB */
	/* open: called every 16 MiB of journal read, with bytes read and total */
	void (*progress)(void *arg, uint64_t done, uint64_t total);
	void *progress_arg;
};

struct qstore_stats {
	uint64_t lsn;            /* the LSN the store reflects */
	uint64_t live_msgs;
	uint64_t live_bytes;     /* records of live messages */
	uint64_t dead_bytes;     /* records of removed messages still in segments */
	uint64_t segments;
	uint64_t data_bytes;     /* in segment files */
	uint64_t index_bytes;    /* in the journal */
	uint64_t mem_bytes;      /* memory held for the index (entries, hash, lists) */
	uint64_t bytes_written;  /* since open: data, journal, snapshots, compaction */
	uint64_t bytes_read;     /* since open (open itself included) */
	uint64_t syncs;          /* fsync and fdatasync calls since open, folders included */
	uint64_t moved;          /* records copied by compaction since open */
	uint64_t segs_deleted;   /* since open */
	uint64_t snapshots;      /* index snapshots completed since open */
	int failed;              /* the FAILED state (rule C7) */
};

struct qstore;

/* Called once per live message at open; non-zero stops the open, which then
 * returns that code with nothing left open. */
typedef int (*qs_load_fn)(void *arg, const struct qs_entry *e);

/* A new, empty store reflecting lsn in folder dir (which must exist).
 * QM_EEXIST when a store is there.  Leftovers of an unfinished create or
 * destroy are removed first. */
int qstore_create(const char *dir, const uint8_t qmid[QS_QMID_LEN], const char *qname, uint64_t lsn,
		  const struct qstore_opts *opts, struct qstore **out, char *err, size_t errlen);

/* Open the store in dir, checking it belongs to qmid and qname; each (may be
 * NULL) gets every live message, then *lsn (may be NULL) the LSN the store
 * reflects.  Reads the journal only, never a segment.  Cleans up after a
 * crash (rules C4-C6). */
int qstore_open(const char *dir, const uint8_t qmid[QS_QMID_LEN], const char *qname,
		const struct qstore_opts *opts, qs_load_fn each, void *arg, struct qstore **out, uint64_t *lsn,
		char *err, size_t errlen);

/* Close (no I/O but closing; an unfinished snapshot is dropped).  An open
 * batch is discarded.  NULL is fine. */
void qstore_close(struct qstore *s);

/* Remove every file of the store in dir, durably (missing ones are fine). */
int qstore_destroy(const char *dir, char *err, size_t errlen);

/* A batch: the changes of one checkpoint, which will reflect lsn (>= the
 * store's LSN).  QM_EINVAL if a batch is open; QM_EFAILED when FAILED. */
int qstore_batch_begin(struct qstore *s, uint64_t lsn);
/* Write a message (hdr->put_lsn non-zero and not in the store; hdr->data_len
 * bytes at data).  *out (may be NULL) gets its entry.  After a failure other
 * than QM_EINVAL the batch can only be aborted (commit returns the failure). */
int qstore_put(struct qstore *s, const struct objfile_msg *hdr, const void *data, const struct qs_entry **out);
/* Remove a committed message (QM_ENOTFOUND; QM_EINVAL: put in this batch or
 * already removed in it). */
int qstore_remove(struct qstore *s, uint64_t put_lsn);
/* Set a committed message's backout count (>= 0). */
int qstore_set_backout(struct qstore *s, uint64_t put_lsn, int32_t count);
/* Make the batch durable (rule C1).  On failure the batch is discarded and
 * the store is as before it (rule C7 says whether it is FAILED).  The same
 * as qstore_batch_finish(s, qstore_batch_sync(s)) after qstore_batch_seal. */
int qstore_batch_commit(struct qstore *s);
/* The commit in three steps, so that its syncs can run on another thread
 * while the store's own thread goes on:
 *   qstore_batch_seal(s)       the store's thread: the batch closed and the
 *                              files it writes opened (a failure discards
 *                              the batch, as a failed commit does, and ends
 *                              the sequence);
 *   qstore_batch_sync(s)       any one thread: the batch's data written
 *                              (blocks reserved, then the bytes), the syncs
 *                              and the journal record(s) of rule C1; returns
 *                              their result (QM_ENOSPC: a full disk, the
 *                              store usable once the batch is discarded);
 *   qstore_batch_finish(s, rc) the store's thread, with sync's result: the
 *                              batch applied (QM_OK, returned) or discarded
 *                              (rc returned).
 * Between seal and finish the store's thread may only read (qstore_find,
 * qstore_read, qstore_stats); every other call is refused (QM_EINVAL) or,
 * for qstore_close, not allowed.  qstore_last_error may be the syncing
 * thread's. */
int qstore_batch_seal(struct qstore *s);
int qstore_batch_sync(struct qstore *s);
int qstore_batch_finish(struct qstore *s, int rc);
/* Discard the open batch (no-op when none). */
void qstore_batch_abort(struct qstore *s);

/* The entry of put_lsn (committed, or put in the open batch), or NULL. */
const struct qs_entry *qstore_find(const struct qstore *s, uint64_t put_lsn);
/* Read and validate e's record: *hdr (may be NULL) gets its header with the
 * current backout count, data (NULL: the header only, checked by its own
 * checksum) its qs_entry_data_len(e) bytes; QM_ETOOBIG if cap is smaller.
 * QM_ECORRUPT with the file, offset and reason in qstore_last_error. */
int qstore_read(struct qstore *s, const struct qs_entry *e, struct objfile_msg *hdr, void *data, size_t cap);

/* One bounded step of background work, about budget bytes of I/O (at least
 * one record) and at most four syncs (the segments written: two when one
 * fills, the folder for a new one, the journal; usually two): delete
 * segments with nothing live,
 * copy live records out of the most dead segment (then record their new
 * places, rule C1, and delete it), and build a new index snapshot in chunks
 * when the journal has grown past twice the index (rule C6).  *more (may be
 * NULL) is set when there is more to do.  QM_EINVAL inside a batch. */
int qstore_compact_step(struct qstore *s, size_t budget, int *more);
/* The same step in three, like a batch's commit, so that its I/O runs on
 * another thread while the store's thread goes on:
 *   qstore_compact_begin(s, budget)   the store's thread: the step chosen,
 *                                     what it copies read and buffered,
 *                                     the files it deletes forgotten;
 *                                     QM_ENOENT when there is nothing to do
 *                                     (no step; as any failure, which
 *                                     qstore_compact_step would return);
 *   qstore_compact_io(s)              any one thread: its writes, syncs,
 *                                     truncations and deletions; returns
 *                                     their result;
 *   qstore_compact_end(s, rc, &more)  the store's thread, with io's result:
 *                                     applied, or discarded; returns what
 *                                     qstore_compact_step would.
 * Between begin and end the store's thread may only read (qstore_find,
 * qstore_read, qstore_stats); a batch is refused (QM_EINVAL), and
 * qstore_close is not allowed. */
int qstore_compact_begin(struct qstore *s, size_t budget);
int qstore_compact_io(struct qstore *s);
int qstore_compact_end(struct qstore *s, int rc, int *more);

void qstore_stats(const struct qstore *s, struct qstore_stats *st);
uint64_t qstore_lsn(const struct qstore *s);
/* The last failure's message ("" when none). */
const char *qstore_last_error(const struct qstore *s);

/* The hash kept for a 24-byte id: 0 for an id of all zeros (MQMI_NONE ...),
 * otherwise never 0. */
uint64_t qstore_id_hash(const uint8_t id[24]);

#endif
