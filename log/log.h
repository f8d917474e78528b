/*
 * log.h: the recovery log.
 *
 * Calling sequence (writer side, the queue manager):
 *   log_create(&cfg, why)                 once, by crtmqm: control file + primaries
 *   log_open(path, LOG_OPEN_WRITE, &lg, &rep)   finds the end, cuts an invalid tail,
 *                                          starts the writer thread
 *   log_append(lg, &rec, &lsn, &last)     any thread; the LSNs of its first and last parts
 *   log_flush(lg, last)                   waits until the record ending at last is durable
 *   log_set_restart_lsn / log_set_media_lsn   after a checkpoint / media image
 *   log_archived(lg, extent)              LogManagement Archive
 *   log_close(lg)                         flushes what was appended, stops the writer
 *   log_failure(lg), log_last_error(lg, buf, n)   what failed (diagnostics)
 * Reader side (offline, dmpmqlog, restart recovery): logread.h.
 *
 * Error handling: every function returns QM_OK or a negative QM_* code.  After
 * a failed write or sync the log is FAILED: log_append and log_flush return
 * QM_EFAILED for ever (WAL rule 8), log_failed() says so and log_failure()
 * says what failed.  QM_ELOGFULL means the circular log has no extent free;
 * QM_ENOSPC that the file system has no room for a new extent (or for the
 * control file naming it): in both nothing was appended, the log stays usable
 * and log_last_error() says why.
 *
 * States:   OPEN --(write/sync error)--> FAILED
 *             |                            |
 *             +--------log_close-----------+--> closed
 *   [log_open]  [writer_flush sets FAILED]  [log_close]
 */
#ifndef QUIRE_LOG_H
#define QUIRE_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "log/logctl.h"
#include "log/logrec.h"

struct log;

struct log_config {
	const char *path;      /* log folder: holds amqhlctl.lfh and active/ */
	uint8_t qmid[16];      /* queue manager identity stamped on every file */
	uint32_t type;         /* LOG_CIRCULAR or LOG_LINEAR */
	uint32_t mgmt;         /* LOG_MANUAL, LOG_AUTOMATIC, LOG_ARCHIVE (linear) */
	uint32_t primary;      /* LogPrimaryFiles 2..510 */
	uint32_t secondary;    /* LogSecondaryFiles 1..509, primary + secondary <= 511 */
	uint32_t pages;        /* LogFilePages */
};

/* Validate a configuration; why names the bad field and its range. */
int log_config_check(const struct log_config *cfg, char *why, size_t whylen);
/* Create the control file and preallocate the primary extents (all durable).
 * Fails with QM_EEXIST if a control file is already there. */
int log_create(const struct log_config *cfg, char *why, size_t whylen);

#define LOG_OPEN_WRITE 1

/* What log_open found. */
struct log_open_report {
	uint64_t end_lsn;        /* where the next record goes */
	uint64_t last_lsn;       /* the last valid record (0: none) */
	uint64_t cut_lsn;        /* start of a discarded incomplete flush (0: none) */
	uint64_t cut_bytes;      /* bytes discarded */
	char why[512];           /* on failure: extent, offset, LSN and reason;
				    with cut_lsn: why the tail was cut */
	char missing[32];        /* on failure: the extent missing or not openable ("": none) */
	uint64_t sealed_lsn;     /* the seal found (logseal.h; 0: none or ignored) */
	char seal_note[400];     /* why the seal was missing or ignored ("": used);
				    a new one is written at open (a warning, not an error) */
};

/* Open for writing (LOG_OPEN_WRITE): takes an exclusive lock on the folder,
 * finds the end (logread.h: refuses damage below the seal, a truncated
 * extent, a log ending before the seal or the restart LSN), syncs what lies
 * between the seal and that end and seals it (logseal.h).
 * bufpages: the in-memory log buffer in 4 KiB pages (0: 512; below 33 taken
 * as 33, the least that always holds the largest record at an extent end). */
int log_open(const char *path, int flags, uint32_t bufpages, struct log **out, struct log_open_report *rep);
int log_close(struct log *lg);

struct log_rec {
	uint16_t type;
	uint64_t uow, obj;
	const void *data;
	size_t len;              /* any size: split into parts above LOG_PART_MAX */
};

#define LOG_APPEND_RESERVED 1  /* may use the space kept for commit and backout */
#define LOG_APPEND_RESTART  2  /* may use every byte, also what RESERVED leaves: the
				  records of a start (backouts of units of work that did
				  not end, QMGR_START, its checkpoint), so a queue manager
				  whose log filled always starts again (issue 9 defect 3) */

/* *lsn: the LSN of the record's first part, which names it (a message's put
 * LSN).  *last (may be NULL): the LSN of its last part.  A record above
 * LOG_PART_MAX is written in parts that may reach the disk in different
 * flushes, so whoever acknowledges it waits for log_flush(*last), never
 * for *lsn (WAL rule 2). */
int log_append(struct log *lg, const struct log_rec *rec, uint64_t *lsn, uint64_t *last);
int log_append_ex(struct log *lg, const struct log_rec *rec, int flags, uint64_t *lsn, uint64_t *last);
/* Wait until every record up to and including the one at lsn is durable. */
int log_flush(struct log *lg, uint64_t lsn);
/* For an event loop that must not block: log_request_flush asks the writer to
 * make the record at lsn durable and returns at once; the writer thread calls
 * fn(arg, durable_lsn, failed) after every flush (and once when the log fails),
 * with the log's lock held: fn must only note the value and wake its loop
 * (e.g. write to an eventfd), never call back into the log. */
typedef void (*log_notify_fn)(void *arg, uint64_t durable_lsn, int failed);
void log_set_notify(struct log *lg, log_notify_fn fn, void *arg);
void log_request_flush(struct log *lg, uint64_t lsn);
/* Highest LSN such that every record before it is durable. */
uint64_t log_durable_lsn(struct log *lg);
int log_failed(struct log *lg);
/* Diagnostics.  log_failure: why the log is FAILED: the operation (write,
 * fdatasync, opening, creating or preallocating an extent, writing its
 * header, renaming, syncing the folder, writing the control file), the file,
 * the LSN range when records were being written, and the errno text and
 * number; "" while the log has not failed.  The text never changes once set,
 * so the pointer stays valid until log_close.
 * log_last_error: the last operation that failed without making the log
 * FAILED (an append refused with QM_ENOSPC or QM_ELOGFULL, a freed extent
 * that could not be moved or removed), or the failure once FAILED: returns its
 * QM_ code (QM_OK: none since log_open) and copies its text into buf (n bytes,
 * buf may be NULL).  A later success does not clear it. */
const char *log_failure(struct log *lg);
int log_last_error(struct log *lg, char *buf, size_t n);

/* The oldest LSN still needed for restart / for media recovery.  Both must be
 * durable LSNs of records; moving them forward frees extents (circular: for
 * reuse; linear: per LogManagement). */
int log_set_restart_lsn(struct log *lg, uint64_t lsn);
/* log_set_restart_lsn without rewriting the control file (a write and an
 * fsync under the log's lock, which every append waits for) when the new LSN
 * frees no extent: only the copy in memory moves, and the control file's
 * stays at an older checkpoint of the same extent until one is freed, the
 * control file is written for another reason or log_set_restart_lsn is
 * called.  A restart from there replays a little more, exactly as after a
 * crash between a checkpoint's end and its log_set_restart_lsn.  For the
 * frequent checkpoints of a busy queue manager. */
int log_advance_restart_lsn(struct log *lg, uint64_t lsn);
int log_set_media_lsn(struct log *lg, uint64_t lsn);
/* LogManagement Archive: extent number n has been archived. */
int log_archived(struct log *lg, uint32_t fileno);

struct log_info {
	uint32_t type, mgmt, primary, secondary, pages;
	uint64_t base_lsn;       /* start of the extent holding the head */
	uint64_t head_lsn;       /* restart LSN */
	uint64_t media_lsn;
	uint64_t next_lsn;       /* where the next record goes */
	uint64_t durable_lsn;
	uint64_t last_lsn;       /* last record appended */
	uint64_t head_seq, cur_seq, reclog_seq, medialog_seq;
	uint32_t nfiles;         /* extent files in use (circular ring size) */
	uint64_t n_created, n_reused, n_deleted;
	uint64_t flushes, syncs;
	char currlog[16], reclog[16], medialog[16];   /* "S0000005.LOG" */
	uint8_t qmid[16];        /* the queue manager identity of the log (amqhlctl.lfh) */
	uint64_t seal_errors;    /* seal updates that failed (harmless: the seal stays older) */
};
int log_info(struct log *lg, struct log_info *li);

/* LogPrimaryFiles and LogSecondaryFiles from qm.ini, taking effect at the
 * start (issue 9 defect 3: the control file's values used to win for ever).
 * Circular: the ring may grow to primary + secondary files and keeps primary
 * of them; a total below the extents in use now is refused (QM_EINVAL, why
 * says so, the old values stay).  Linear: primary is how many recycled files
 * are kept.  Written to the control file durably. */
int log_set_limits(struct log *lg, uint32_t primary, uint32_t secondary, char *why, size_t whylen);
/* Reserved bytes kept for LOG_APPEND_RESERVED appends (tests read it). */
uint64_t log_reserve_bytes(struct log *lg);

#endif
