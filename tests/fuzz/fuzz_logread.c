/*
 * fuzz_logread: the forward reader of the recovery log over extent files.
 *
 * Set-up, once: a linear log in the scratch folder (fuzz_log_create: two
 * extents of FUZZ_LOG_PAGES pages, S0000000.LOG and S0000001.LOG, with valid
 * header pages and a valid control file).
 * Input:
 *   0  u32 (little-endian) W:
 *        bits 0-27  where the bytes go: an offset into the records of the two
 *                   extents taken as one span (extent 0 after its header page,
 *                   then extent 1 after its header page), modulo that span's
 *                   size, rounded down to 8
 *        bit 28     make each record's LSN and checksum right first, walking
 *                   from that offset as the reader would (so that mutations of
 *                   links, epochs, flags, parts and payloads are not all
 *                   stopped by the checksum)
 *        bit 29     read from the base of the log (LOG_START_BASE) instead of
 *                   from the LSN of that offset (LOG_START_LSN)
 *        bit 30     include_pad: PAD records returned too
 *        bit 31     logical: parts joined into one record
 *   4  the bytes, written at that offset (cut at the end of extent 1); every
 *      other byte of both extents' records is zero
 * The reader (log_reader_open, log_reader_next to the end, log_reader_end)
 * validates what it finds; the payloads it returns go through dmpmqlog's
 * decoders (qmlog_describe).  A record longer than the rules allow, a failure
 * without a reason, or an end before the start is a bug.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log/logread.h"
#include "log/qmerr.h"
#include "qm/store/qmlog.h"
#include "tests/fuzz/fuzz.h"

#define SPAN (2u * FUZZ_LOG_BODY)

static char logdir[4200];
static int fd[2] = { -1, -1 };
static uint64_t dirty_from, dirty_to;   /* span bytes the last input wrote */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char why[512];
	snprintf(logdir, sizeof logdir, "%s/logread", fuzz_scratch_dir());
	if (fuzz_log_create(logdir, why, sizeof why))
		fuzz_die(why);
	for (int i = 0; i < 2; i++) {
		char path[4300];
		snprintf(path, sizeof path, "%s/active/S%07d.LOG", logdir, i);
		if ((fd[i] = open(path, O_RDWR | O_CLOEXEC)) < 0)
			fuzz_die(path);
	}
	return 0;
}

/* Write n bytes (zeros when p is NULL) at span offset at. */
static void span_write(uint64_t at, const uint8_t *p, uint64_t n)
{
	static const uint8_t zero[4096];
	while (n > 0) {
		int e = at >= FUZZ_LOG_BODY;
		uint64_t off = at - (e ? FUZZ_LOG_BODY : 0), room = FUZZ_LOG_BODY - off;
		size_t k = (size_t)(n < room ? n : room);
		if (!p && k > sizeof zero)
			k = sizeof zero;
		if (pwrite(fd[e], p ? p : zero, k, (off_t)(4096u + off)) != (ssize_t)k)
			fuzz_die("pwrite");
		at += k;
		n -= k;
		if (p)
			p += k;
	}
}

static uint64_t span_lsn(uint64_t at)
{
	uint64_t e = at / FUZZ_LOG_BODY;
	return e * FUZZ_LOG_EXT + 4096u + at % FUZZ_LOG_BODY;
}

/* The records in b (n bytes written at span offset at): LSN and checksum
 * made right, one after the other, as long as a header is there. */
static void fix_records(uint8_t *b, uint64_t at, uint64_t n)
{
	uint64_t lsn = log_norm_pos(FUZZ_LOG_EXT, span_lsn(at));
	for (;;) {
		uint64_t e = lsn / FUZZ_LOG_EXT, off = lsn % FUZZ_LOG_EXT;
		if (e > 1)
			return;
		uint64_t p = e * FUZZ_LOG_BODY + off - 4096u;   /* span offset of lsn */
		if (p < at || p - at + LOG_HDR_SIZE > n)
			return;
		uint8_t *rec = b + (p - at);
		struct log_rec_hdr h;
		logrec_hdr_decode(rec, &h);
		if (h.type == 0 || h.length < LOG_HDR_SIZE || off + h.length > FUZZ_LOG_EXT || p - at + h.length > n)
			return;
		h.lsn = lsn;
		logrec_hdr_encode(rec, &h);
		h.checksum = logrec_checksum(rec, rec + LOG_HDR_SIZE, h.length - LOG_HDR_SIZE);
		logrec_hdr_encode(rec, &h);
		lsn = log_norm_pos(FUZZ_LOG_EXT, lsn + log_align8(h.length));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fd[0] < 0)
		LLVMFuzzerInitialize(NULL, NULL);
	if (size < 4)
		return 0;
	uint32_t w = get_u32(data);
	uint64_t at = ((w & 0x0fffffffu) % SPAN) & ~(uint64_t)7;
	uint64_t n = size - 4 < SPAN - at ? size - 4 : SPAN - at;
	if (dirty_to > dirty_from)
		span_write(dirty_from, NULL, dirty_to - dirty_from);
	if ((w >> 28) & 1) {
		uint8_t *b = malloc(n ? n : 1);
		if (!b)
			return 0;
		memcpy(b, data + 4, n);
		fix_records(b, at, n);
		span_write(at, b, n);
		free(b);
	} else {
		span_write(at, data + 4, n);
	}
	dirty_from = at;
	dirty_to = at + n;

	struct log_reader_opts o = { .start = (w >> 29) & 1 ? LOG_START_BASE : LOG_START_LSN,
				     .lsn = span_lsn(at), .logical = (int)(w >> 31), .include_pad = (int)((w >> 30) & 1) };
	struct log_reader *r;
	char why[512] = "";
	if (log_reader_open(logdir, &o, &r, why, sizeof why) != QM_OK) {
		if (!why[0])
			fuzz_die("log_reader_open failed without a reason");
		return 0;
	}
	static int verbose = -1;   /* FUZZ_LOGREAD_VERBOSE=1: what the reader found */
	if (verbose < 0)
		verbose = getenv("FUZZ_LOGREAD_VERBOSE") != NULL;
	struct log_record rec;
	int rc;
	uint64_t last = 0;
	for (int k = 0; k < 100000 && (rc = log_reader_next(r, &rec)) == 1; k++) {
		if (rec.hdr.type == 0 || (rec.len && !rec.data) || (!o.logical && rec.len > LOG_PART_MAX) ||
		    rec.hdr.lsn <= last)
			abort();   /* a record the rules do not allow was handed out */
		last = rec.hdr.lsn;
		if (verbose)
			fprintf(stderr, "record %s type %u len %zu parts %u\n", log_lsn_str(rec.hdr.lsn, why), rec.hdr.type,
				rec.len, rec.parts);
		char line[2048];
		qmlog_describe(rec.hdr.type, rec.data, rec.len, line, sizeof line);
		if (!memchr(line, 0, sizeof line))
			abort();
	}
	if (rc < 0) {
		const char *e = log_reader_error(r);
		if (!e || !*e)
			abort();   /* corruption is reported by extent, offset and LSN */
		if (verbose)
			fprintf(stderr, "error: %s\n", e);
	} else {
		struct log_reader_end end;
		if (log_reader_end(r, &end) == QM_OK && (end.last_lsn >= end.end_lsn && end.last_lsn))
			abort();   /* the last record lies before the end */
		if (verbose)
			fprintf(stderr, "end %s, cut %llu bytes: %s\n", log_lsn_str(end.end_lsn, why),
				(unsigned long long)end.cut_bytes, end.cut_why);
	}
	log_reader_close(r);
	return 0;
}
