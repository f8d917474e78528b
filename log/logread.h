/*
 * logread.h: reading the recovery log forward, validating every record.
 *
 * Calling sequence:
 *   log_reader_open(path, &opts, &r)     reads the control file (no lock taken)
 *   while ((rc = log_reader_next(r, &rec)) == 1) ... use rec ...
 *   rc == 0: the end of the log was reached; log_reader_end() says where and
 *            whether an incomplete flush was discarded.
 *   rc <  0: corruption or a missing extent; log_reader_error(r) names the
 *            extent, the offset and the LSN.
 *   log_reader_partials(r, ...)          logical: unfinished records dropped
 *   log_reader_close(r)
 *
 * A record is returned only once the reader has validated the log from it up
 * to the next page boundary where a flush can end (WAL rule 6), so a reader
 * never hands out a record that log_open would later cut off.
 *
 * Refusals besides damage in the middle (WAL rule 7): an extent whose size is
 * not LogFilePages x 4096 (truncated); validation failing below the seal's end
 * (logseal.h rule S3: the flush was completely written and synced); a log that
 * ends before the seal's end, or at or before the restart LSN of the control
 * file.  Each is QM_ECORRUPT with the extent, sizes or LSNs in the error.
 */
#ifndef QUIRE_LOGREAD_H
#define QUIRE_LOGREAD_H

#include <stddef.h>
#include <stdint.h>

#include "log/logctl.h"
#include "log/logrec.h"

struct log_reader;

enum log_start { LOG_START_HEAD = 0, LOG_START_BASE, LOG_START_LSN, LOG_START_EXTENT };

struct log_reader_opts {
	enum log_start start;
	uint64_t lsn;         /* LOG_START_LSN */
	uint32_t extent;      /* LOG_START_EXTENT: file number */
	uint64_t end_lsn;     /* stop before records at or after it (0: no limit) */
	int logical;          /* join parts into one record */
	int include_pad;      /* also return PAD records */
	int copied;           /* linear: also read the extents after the control file's
				 cur_seq that the log folder holds, in order while none is
				 missing (a backup queue manager's extents copied in since
				 its control file: qm/store/backup.c) */
};

struct log_record {
	struct log_rec_hdr hdr;    /* of the first part when logical */
	const uint8_t *data;       /* payload, decompressed; valid until the next call */
	size_t len;
	uint32_t parts;
	uint32_t fileno;           /* extent file holding the (first) record */
	uint64_t offset;           /* its byte offset in that file */
};

struct log_reader_end {
	uint64_t end_lsn;          /* first LSN after the log's last valid record */
	uint64_t last_lsn;         /* the last valid record (0: none) */
	uint32_t last_epoch;
	uint64_t cut_lsn;          /* start of a discarded incomplete tail (0: none) */
	uint64_t cut_bytes;
	char cut_why[160];
	uint64_t sealed_lsn;       /* the seal's end (logseal.h; 0: none or ignored) */
	char seal_note[320];       /* why the seal was ignored ("" when it was used) */
};

/* A logical record (log_reader_opts.logical) whose last part the reader never
 * found: the log ended inside it, or a new record followed its parts (the
 * queue manager went on after a restart).  Its parts were written but it was
 * never complete, so it was never acknowledged (WAL rule 2 waits for the last
 * part); the reader drops it and describes it here. */
struct log_reader_partial {
	uint64_t first_lsn;        /* its part 0: the LSN that names it */
	uint64_t last_lsn;         /* the last of its parts found */
	uint32_t parts;            /* parts found */
	uint16_t type;
	uint64_t uow;
};

int log_reader_open(const char *path, const struct log_reader_opts *opts, struct log_reader **out,
		    char *why, size_t whylen);
int log_reader_next(struct log_reader *r, struct log_record *rec);
const char *log_reader_error(struct log_reader *r);
/* After a failure: the extent file (S0000003.LOG) that was missing or could
 * not be opened, "" when the failure was something else (AMQ6767 is for
 * this case only). */
const char *log_reader_missing(const struct log_reader *r);
/* Validate to the end of the log (without returning records) and say where
 * it is.  Returns QM_OK or the error that stopped it. */
int log_reader_end(struct log_reader *r, struct log_reader_end *end);
const struct logctl *log_reader_ctl(struct log_reader *r);
/* The queue manager identity of the log (from amqhlctl.lfh). */
const uint8_t *log_reader_qmid(struct log_reader *r);
/* Unfinished logical records dropped so far (logical readers only): copies
 * the first max of them (oldest first) into out (may be NULL when max is 0)
 * and returns how many were dropped in all, which may be more than max. */
int log_reader_partials(struct log_reader *r, struct log_reader_partial *out, int max);
void log_reader_close(struct log_reader *r);

/* Shared with log.c: which file holds sequence seq, per the control file
 * (-1 when seq is outside the log). */
long logctl_fileno(const struct logctl *c, uint64_t seq);

#endif
