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
 *   log_info(lg, &li)                     cheap: CURRLOG, RECLOG, MEDIALOG, ARCHLOG, sizes
 * Administration of a linear log (issue 11; the queue manager's thread that
 * runs the command calls these; each takes the log's lock itself):
 *   log_advance_extent(lg, why, n)        RESET QMGR TYPE(ADVANCELOG)
 *   log_archived(lg, "S0000003.LOG", 0, &rep)   SET LOG ARCHIVED (LogManagement Archive)
 *   log_archived(lg, name, LOG_ARCH_THROUGH, &rep)  RESET QMGR TYPE(ARCHLOG) ARCHIVED(name)
 *   log_extent_number(name, &n)           parses an S extent name
 *   log_set_limits, log_set_management    qm.ini's Log stanza, once at the start
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

/* ---- administration of a linear log (issue 11) ---------------------------
 *
 * Extent words, as MQ uses them (mq-admin-facts.md 3.2-3.6).  The extent
 * being written is CURRLOG (cur_seq below); an extent before it is finished:
 * no record will ever be written to it again.  RECLOG is the extent of the
 * restart LSN, MEDIALOG that of the media LSN.  An extent before RECLOG is
 * inactive; before both RECLOG and MEDIALOG it is superfluous and, per
 * LogManagement, freed: Manual never frees; Automatic recycles it (renamed
 * Rnnnnnnn.LOG, up to LogPrimaryFiles of them) or deletes it; Archive does
 * the same once it has also been reported archived.  Extents are freed
 * oldest first, so a superfluous extent waits while an older one does. */

/* "S0000005.LOG" -> 5: exactly 'S', seven decimal digits and ".LOG" (upper
 * case, nothing before or after).  QM_OK, or QM_EINVAL for anything else
 * (an R name, a bare number, lower case, a path).  n may be NULL. */
int log_extent_number(const char *name, uint32_t *n);

/* RESET QMGR TYPE(ADVANCELOG).  Linear logs only: a circular log is refused
 * with QM_EINVAL (why says so).  Everything appended before the call is
 * written and synced; then the rest of the extent being written is skipped
 * (one PAD record from the next record's place to the extent's end, of
 * which only the header's page is written: logrec.h rule P4) and that PAD is
 * synced too; the next extent is prepared and named in the control file
 * before it (WAL rule 5).  When it returns QM_OK the finished extent is
 * complete and durable (an administrator or a backup script may copy it at
 * once) and new records go to the next extent, which exists and is CURRLOG.
 * It always advances, even from an extent that holds no record yet.
 * Errors: QM_EINVAL circular; QM_EFAILED the log failed (before or while
 * doing this); QM_ECLOSED closing; QM_ENOSPC no room for the next extent
 * (nothing was written, the log stays usable).  why (n bytes, may be NULL)
 * says what on every error.  It waits for a flush and possibly for a new
 * extent's preallocation (when none was formatted ahead); appends wait
 * meanwhile. */
int log_advance_extent(struct log *lg, char *why, size_t n);
/* The same, and on QM_OK what it did (out may be NULL). */
struct log_advance {
	uint64_t done_seq;       /* the extent finished by the call */
	uint64_t cur_seq;        /* the extent now being written: done_seq + 1 */
	char done[16];           /* its name, "S0000004.LOG" */
	char cur[16];            /* CURRLOG now, "S0000005.LOG" */
};
int log_advance_extent_ex(struct log *lg, struct log_advance *out, char *why, size_t n);

/* SET LOG ARCHIVED(name): log_archived(lg, name, 0, &rep), one extent.
 * RESET QMGR TYPE(ARCHLOG) ARCHIVED(name): log_archived(lg, name,
 * LOG_ARCH_THROUGH, &rep), that extent and every older one still in the log.
 * Any finished S extent may be named, also one still needed for restart or
 * media recovery; notifications may come in any order.  After a notification
 * that recorded something, the extents that are now archived and
 * superfluous are freed (the usual rules above) and the control file is
 * written durably before the call returns.  Returns one of these (never a
 * QM_ code; rep->why says what for every result but LOG_ARCH_OK), checking in
 * this order: the log failed, the management, the name, the extent: */
enum log_arch_result {
	LOG_ARCH_OK = 0,         /* recorded (THROUGH: at least one extent newly recorded) */
	LOG_ARCH_REPEAT,         /* not an error: the extent (THROUGH: every extent up to
				    it) was already reported archived; nothing changed.  MQ
				    writes a message to the error log for each repeat */
	LOG_ARCH_NOT_ARCHIVE,    /* LogManagement is not Archive, or the log is circular */
	LOG_ARCH_BAD_NAME,       /* not S + 7 digits + .LOG (an R name, junk): see
				    log_extent_number */
	LOG_ARCH_UNKNOWN,        /* the log does not hold that extent: never written (also
				    one prepared ahead of CURRLOG, still empty), or
				    already freed */
	LOG_ARCH_CURRENT,        /* the extent being written now (CURRLOG) */
	LOG_ARCH_ERROR           /* the log failed, or could not record it (rep->rc) */
};
#define LOG_ARCH_THROUGH 1       /* RESET QMGR TYPE(ARCHLOG): also every older extent */
struct log_arch_report {
	uint64_t seq;            /* the named extent's sequence, when the log holds it */
	uint32_t marked;         /* extents newly recorded as archived by this call */
	uint32_t repeats;        /* extents named (THROUGH: in the range) already recorded */
	int named_repeat;        /* the named extent itself was already recorded */
	uint32_t freed;          /* extents freed by this call (recycled or deleted) */
	int rc;                  /* LOG_ARCH_ERROR: the QM_ code (QM_EFAILED: the log failed) */
	char why[300];           /* every result but LOG_ARCH_OK: what, naming the extent */
};
int log_archived(struct log *lg, const char *name, int flags, struct log_arch_report *rep);

/* What the log knows about itself, for DISPLAY QMSTATUS, the logger events,
 * AMQ7467I/AMQ7468I/AMQ7490I and the tests.  Cheap: a copy of counters and
 * a scan of the archived bitmap (Archive only), all under the log's lock, so
 * every field is of one moment.  Sequences are extent numbers before the
 * 10^7 wrap; the names are the files' (sequence mod 10^7). */
struct log_info {
	uint32_t type, mgmt, primary, secondary, pages;
	uint64_t base_lsn;       /* start of the extent holding the head */
	uint64_t head_lsn;       /* restart LSN */
	uint64_t media_lsn;
	uint64_t next_lsn;       /* where the next record goes */
	uint64_t durable_lsn;    /* DISKLSN: every record before it is on disk; extent s is
				    complete on disk once durable_lsn >= (s + 1) * extent_bytes */
	uint64_t last_lsn;       /* last record appended */
	uint64_t head_seq;       /* the oldest extent of the log: circular the ring's
				    head, linear RECLOG */
	uint64_t cur_seq;        /* CURRLOG: the extent being written (next_lsn's).  The
				    control file may already name the one after it,
				    prepared ahead and still empty */
	uint64_t reclog_seq, medialog_seq;
	uint32_t nfiles;         /* circular: the ring's extents; linear: the S extents
				    on disk (the oldest not freed .. the newest prepared) */
	uint64_t n_created, n_reused, n_deleted;   /* AMQ7490I, kept in amqhlctl.lfh */
	uint64_t flushes, syncs;
	char currlog[16], reclog[16], medialog[16];   /* "S0000005.LOG" */
	uint8_t qmid[16];        /* the queue manager identity of the log (amqhlctl.lfh) */
	uint64_t seal_errors;    /* seal updates that failed (harmless: the seal stays older) */
	/* DISPLAY QMSTATUS (issue 11).  Byte figures; the MQSC side makes MB and
	 * percentages of them. */
	uint64_t extent_bytes;   /* LOGEXTSZ: LogFilePages x 4096 */
	uint64_t start_lsn;      /* LOGSTRL: the first LSN of the log (sequence 0's first
				    record: every log starts at sequence 0).  The control
				    file keeps no start date or time: there is none here */
	char archlog[16];        /* ARCHLOG: the oldest extent waiting to be reported
				    archived: the oldest finished S extent (before
				    CURRLOG, not yet freed) not reported archived.  ""
				    unless LogManagement Archive, or when none waits */
	uint64_t archlog_seq;    /* its sequence (0 when archlog is "") */
	uint32_t arch_waiting;   /* how many finished extents wait (Archive; else 0) */
	uint64_t rec_bytes;      /* RECSZ: log restart needs: from the start of the RECLOG
				    extent to the end of the log (next_lsn), header
				    pages and skipped ends included */
	uint64_t media_bytes;    /* MEDIASZ: the same from the start of MEDIALOG's extent
				    (linear; 0 for circular) */
	uint64_t arch_bytes;     /* ARCHSZ: extents neither restart nor media recovery
				    needs (before both RECLOG and MEDIALOG) that wait to
				    be reported archived, x extent_bytes (Archive; else 0) */
	uint64_t reuse_bytes;    /* REUSESZ: extents ready for reuse x extent_bytes:
				    linear the R files, circular the ring's free extents */
	uint32_t active_extents; /* extents restart needs: RECLOG .. CURRLOG */
	uint64_t primary_bytes;  /* LogPrimaryFiles x extent_bytes: LOGINUSE is
				    rec_bytes x 100 / primary_bytes */
};
int log_info(struct log *lg, struct log_info *li);

/* LogPrimaryFiles and LogSecondaryFiles from qm.ini, taking effect at the
 * start (issue 9 defect 3: the control file's values used to win for ever).
 * Circular: the ring may grow to primary + secondary files and keeps primary
 * of them; a total below the extents in use now is refused (QM_EINVAL, why
 * says so, the old values stay).  Linear: primary is how many recycled files
 * are kept.  Written to the control file durably. */
int log_set_limits(struct log *lg, uint32_t primary, uint32_t secondary, char *why, size_t whylen);
/* LogManagement from qm.ini, taking effect at the start like MQ's (the
 * control file's value, set by crtmqm, used to win for ever): LOG_MANUAL,
 * LOG_AUTOMATIC or LOG_ARCHIVE.  A circular log takes only Manual (QM_EINVAL,
 * why says so).  A change is written to the control file durably, and what
 * the new management frees is freed at once (Manual -> Automatic: every
 * extent before both RECLOG and MEDIALOG).  Switching to Archive: extents
 * reported archived in an earlier Archive period stay so, every other
 * finished extent waits for its notification.  QM_EFAILED if the control
 * file could not be written (the log is FAILED, WAL rule 8). */
int log_set_management(struct log *lg, uint32_t mgmt, char *why, size_t whylen);
/* Reserved bytes kept for LOG_APPEND_RESERVED appends (tests read it). */
uint64_t log_reserve_bytes(struct log *lg);

#endif
