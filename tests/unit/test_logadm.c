/* test_logadm.c: administration of the linear log (issue 11): log_info's
 * DISPLAY QMSTATUS figures, log_advance_extent (RESET QMGR TYPE(ADVANCELOG)),
 * archive notifications (SET LOG ARCHIVED, RESET QMGR TYPE(ARCHLOG)) and the
 * AMQ7490I statistics per LogManagement.  Real logs in scratch folders.
 * (test_log.c, the rest of the log, is at the size limit.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log/log.h"
#include "log/logread.h"
#include "log/osio.h"
#include "log/qmerr.h"
#include "tests/unit/faultio.h"

#define PAGES 64
#define EXT ((uint64_t)PAGES * 4096)

static char dir[4096];
static int seqno;

static void fresh_dir(void)
{
	const char *base = getenv("QUIRE_TEST_DIR");
	snprintf(dir, sizeof dir, "%s/logadm%d-%d", base ? base : "/tmp", (int)getpid(), ++seqno);
	assert_int_equal(os_mkdir_p(dir, 0700), QM_OK);
}

static struct log *op(void)
{
	struct log *lg = NULL;
	struct log_open_report rep;
	int rc = log_open(dir, LOG_OPEN_WRITE, 0, &lg, &rep);
	if (rc)
		fail_msg("log_open: %s (%s)", qm_strerror(rc), rep.why);
	return lg;
}

/* A new log (PAGES-page extents) in a fresh folder, opened; faults: with
 * faultio installed (which also keeps the thread that formats extents
 * ahead from starting, so the statistics are exact). */
static struct log *new_log(uint32_t type, uint32_t mgmt, uint32_t prim, int faults)
{
	char why[256];
	fresh_dir();
	struct log_config c = { .path = dir, .type = type, .mgmt = mgmt, .primary = prim, .secondary = 2, .pages = PAGES };
	memcpy(c.qmid, "0123456789abcdef", 16);
	if (log_create(&c, why, sizeof why))
		fail_msg("log_create: %s", why);
	if (faults)
		faultio_install();
	return op();
}

static void fill(uint8_t *b, size_t n, uint64_t seed)
{
	uint64_t x = seed * 0x9e3779b97f4a7c15ull + 1;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		b[i] = (uint8_t)(x >> 24);
	}
}

/* A record of n bytes made by fill(uow), flushed when flush: its LSN. */
static uint64_t put(struct log *lg, uint64_t uow, size_t n, int flush)
{
	uint8_t *b = malloc(n);
	fill(b, n, uow);
	struct log_rec r = { .type = LOG_REC_TEST, .uow = uow, .data = b, .len = n };
	uint64_t lsn;
	int rc = log_append(lg, &r, &lsn, NULL);
	if (rc)
		fail_msg("log_append: %s", qm_strerror(rc));
	if (flush)
		assert_int_equal(log_flush(lg, lsn), QM_OK);
	free(b);
	return lsn;
}

/* Every record from the start o gives (logical; PADs too when pads is not
 * NULL, counted there): the uows in order, each payload checked against
 * fill(uow); the count. */
static int read_uows(struct log_reader_opts o, uint64_t *uows, int max, int *pads, uint64_t *pad_lsn)
{
	struct log_reader *r;
	char why[512];
	o.logical = 1;
	o.include_pad = pads != NULL;
	if (log_reader_open(dir, &o, &r, why, sizeof why))
		fail_msg("log_reader_open: %s", why);
	struct log_record rec;
	int n = 0, rc;
	while ((rc = log_reader_next(r, &rec)) == 1) {
		if (rec.hdr.type == LOG_REC_PAD) {
			if (rec.hdr.length > LOG_REC_MAX && pad_lsn)
				*pad_lsn = rec.hdr.lsn;   /* the long one of rule P4 */
			(*pads)++;
			continue;
		}
		uint8_t *exp = malloc(rec.len + 1);
		fill(exp, rec.len, rec.hdr.uow);
		if (memcmp(exp, rec.data, rec.len) != 0)
			fail_msg("payload of uow %llu differs", (unsigned long long)rec.hdr.uow);
		free(exp);
		if (n < max)
			uows[n] = rec.hdr.uow;
		n++;
	}
	if (rc < 0)
		fail_msg("reading the log: %s", log_reader_error(r));
	log_reader_close(r);
	return n;
}

static int file_exists(const char *name)
{
	char p[4200];
	snprintf(p, sizeof p, "%s/active/%s", dir, name);
	return access(p, F_OK) == 0;
}

/* Files in active/ named <prefix>nnnnnnn.LOG. */
static int count_files(char prefix)
{
	char p[4200];
	snprintf(p, sizeof p, "%s/active", dir);
	DIR *d = opendir(p);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		uint32_t f;
		char s[sizeof e->d_name];
		snprintf(s, sizeof s, "%s", e->d_name);
		if (s[0] != prefix)
			continue;
		s[0] = 'S';
		n += log_extent_number(s, &f) == QM_OK;
	}
	closedir(d);
	return n;
}

static struct log_info info(struct log *lg)
{
	struct log_info li;
	assert_int_equal(log_info(lg, &li), QM_OK);
	return li;
}

/* Appends 20000-byte records (uow 2, flushed) until the log writes extent
 * seq; the LSN of the first record in it. */
static uint64_t fill_to(struct log *lg, uint64_t seq)
{
	for (;;) {
		uint64_t l = put(lg, 2, 20000, 1);
		if (l / EXT >= seq)
			return l;
	}
}

/* ---- log_extent_number ------------------------------------------------ */

static void test_logadm__extent_number(void **s)
{
	(void)s;
	uint32_t n = 99;
	assert_int_equal(log_extent_number("S0000003.LOG", &n), QM_OK);
	assert_int_equal(n, 3);
	assert_int_equal(log_extent_number("S9999999.LOG", &n), QM_OK);
	assert_int_equal(n, 9999999);
	assert_int_equal(log_extent_number("S0000000.LOG", NULL), QM_OK);
	const char *bad[] = { "R0000002.LOG", "s0000002.log", "S0000002.log", "S000002.LOG", "S00000002.LOG",
			      "S00000a2.LOG", "S0000002.LOGX", " S0000002.LOG", "active/S0000002.LOG", "S-000002.LOG",
			      "S0000002", "2", "", "junk", NULL };
	for (int i = 0; bad[i]; i++)
		if (log_extent_number(bad[i], &n) != QM_EINVAL)
			fail_msg("\"%s\" was taken as an extent name", bad[i]);
	assert_int_equal(log_extent_number(NULL, &n), QM_EINVAL);
}

/* ---- RESET QMGR TYPE(ADVANCELOG) -------------------------------------- */

static void test_logadm__advance_reads_back(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_LINEAR, LOG_ARCHIVE, 3, 0);
	for (uint64_t u = 10; u < 15; u++)
		put(lg, u, 3000 + u * 7, u != 14);   /* the last one not flushed: the call makes it durable */
	struct log_advance adv;
	char why[300];
	assert_int_equal(log_advance_extent_ex(lg, &adv, why, sizeof why), QM_OK);
	assert_string_equal(adv.done, "S0000000.LOG");
	assert_string_equal(adv.cur, "S0000001.LOG");
	assert_true(adv.done_seq == 0 && adv.cur_seq == 1);
	struct log_info li = info(lg);
	assert_string_equal(li.currlog, "S0000001.LOG");
	assert_true(li.cur_seq == 1);
	assert_true(file_exists("S0000001.LOG"));
	assert_true(li.durable_lsn >= EXT);       /* extent 0 is complete on disk */
	assert_string_equal(li.archlog, "S0000000.LOG");   /* finished: waits for archiving */
	/* the finished extent can be copied at once: a reader of it alone (the
	 * log still open) finds every record appended before the call */
	uint64_t uows[32];
	int pads = 0;
	uint64_t pad_lsn = 0;
	assert_int_equal(read_uows((struct log_reader_opts){ .start = LOG_START_EXTENT, .extent = 0, .end_lsn = EXT },
				   uows, 32, &pads, &pad_lsn), 5);
	for (int i = 0; i < 5; i++)
		assert_int_equal(uows[i], 10 + i);
	assert_true(pad_lsn > 4096 && pad_lsn < EXT && pad_lsn % 4096 == 0);
	/* the next records go to the start of the new extent */
	uint64_t l = put(lg, 20, 500, 1);
	assert_true(l == EXT + 4096);
	put(lg, 21, 70000, 1);                    /* in two parts */
	/* twice more in a row: an extent with one record, then an empty one */
	assert_int_equal(log_advance_extent(lg, why, sizeof why), QM_OK);
	assert_int_equal(log_advance_extent_ex(lg, &adv, why, sizeof why), QM_OK);
	assert_string_equal(adv.done, "S0000002.LOG");
	assert_string_equal(info(lg).currlog, "S0000003.LOG");
	assert_true(file_exists("S0000003.LOG"));
	assert_true(put(lg, 22, 100, 0) == 3 * EXT + 4096);
	assert_int_equal(log_close(lg), QM_OK);
	/* reopen: the log ends after record 22 and goes on from there */
	lg = op();
	li = info(lg);
	assert_string_equal(li.currlog, "S0000003.LOG");
	uint64_t l23 = put(lg, 23, 100, 1);
	assert_true(l23 > 3 * EXT + 4096 && l23 < 4 * EXT);
	assert_int_equal(log_close(lg), QM_OK);
	pads = 0;
	int n = read_uows((struct log_reader_opts){ .start = LOG_START_BASE }, uows, 32, &pads, NULL);
	assert_int_equal(n, 9);
	const uint64_t want[] = { 10, 11, 12, 13, 14, 20, 21, 22, 23 };
	for (int i = 0; i < 9; i++)
		assert_int_equal(uows[i], want[i]);
	/* restart's view: log_open found the end (above); the reader's end agrees */
	struct log_reader *r;
	struct log_reader_end end;
	struct log_reader_opts o = { .start = LOG_START_HEAD };
	assert_int_equal(log_reader_open(dir, &o, &r, why, sizeof why), QM_OK);
	assert_int_equal(log_reader_end(r, &end), QM_OK);
	assert_true(end.last_lsn >= l23 && end.cut_lsn == 0);
	log_reader_close(r);
}

/* The advance survives a power loss at once: the PAD and everything before
 * it were synced, the next extent was named before it. */
static void test_logadm__advance_durable(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_LINEAR, LOG_MANUAL, 3, 1);
	for (uint64_t u = 2; u < 8; u++)
		put(lg, u, 5000, 0);                  /* none waited for */
	char why[300];
	assert_int_equal(log_advance_extent(lg, why, sizeof why), QM_OK);
	faultio_crash();
	log_close(lg);   /* only frees */
	faultio_reset();
	lg = op();
	assert_string_equal(info(lg).currlog, "S0000001.LOG");
	assert_true(put(lg, 9, 100, 1) == EXT + 4096);
	assert_int_equal(log_close(lg), QM_OK);
	faultio_uninstall();
	uint64_t uows[16];
	assert_int_equal(read_uows((struct log_reader_opts){ .start = LOG_START_HEAD }, uows, 16, NULL, NULL), 7);
	assert_int_equal(uows[0], 2);
	assert_int_equal(uows[5], 7);
	assert_int_equal(uows[6], 9);
}

/* An advance inside a recycled R file: the skipped bytes are the file's old
 * records (another sequence's LSNs), never read */
static void test_logadm__advance_recycled(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_LINEAR, LOG_AUTOMATIC, 2, 1);
	uint64_t l3 = fill_to(lg, 3);
	assert_int_equal(log_set_media_lsn(lg, l3), QM_OK);
	assert_int_equal(log_set_restart_lsn(lg, l3), QM_OK);
	assert_int_equal(count_files('R'), 2);
	uint64_t l4 = fill_to(lg, 4);                 /* S4 is a recycled file */
	struct log_info li = info(lg);
	assert_true(li.n_reused == 1);
	put(lg, 40, 1000, 0);
	put(lg, 41, 1000, 0);
	char why[300];
	assert_int_equal(log_advance_extent(lg, why, sizeof why), QM_OK);
	assert_true(info(lg).n_reused == 2);          /* S5 the other one */
	assert_true(put(lg, 50, 2000, 1) == 5 * EXT + 4096);
	assert_int_equal(log_close(lg), QM_OK);
	lg = op();
	put(lg, 51, 2000, 1);
	assert_int_equal(log_close(lg), QM_OK);
	faultio_uninstall();
	uint64_t uows[64];
	int n = read_uows((struct log_reader_opts){ .start = LOG_START_LSN, .lsn = l4 }, uows, 64, NULL, NULL);
	assert_int_equal(n, 5);
	const uint64_t want[] = { 2, 40, 41, 50, 51 };
	for (int i = 0; i < 5; i++)
		assert_int_equal(uows[i], want[i]);
	int pads = 0;
	uint64_t pad_lsn = 0;
	assert_int_equal(read_uows((struct log_reader_opts){ .start = LOG_START_EXTENT, .extent = 4 }, uows, 64, &pads,
				   &pad_lsn), 5);
	assert_true(pad_lsn / EXT == 4);
}

static void test_logadm__advance_refused(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 3, 0);
	put(lg, 2, 100, 1);
	char why[300];
	assert_int_equal(log_advance_extent(lg, why, sizeof why), QM_EINVAL);
	assert_non_null(strstr(why, "circular"));
	assert_int_equal(log_close(lg), QM_OK);
	/* no room for the next extent: refused, nothing written, the log usable */
	lg = new_log(LOG_LINEAR, LOG_MANUAL, 2, 1);
	put(lg, 4, 100, 1);
	assert_int_equal(log_advance_extent(lg, why, sizeof why), QM_OK);   /* to S1, made at crtmqm */
	put(lg, 6, 100, 1);
	uint64_t next = info(lg).next_lsn;
	faultio_space_budget(4096);
	assert_int_equal(log_advance_extent(lg, why, sizeof why), QM_ENOSPC);
	print_message("%s\n", why);
	assert_non_null(strstr(why, "S0000002.LOG"));
	faultio_space_budget(-1);
	assert_false(log_failed(lg));
	assert_true(info(lg).next_lsn == next);
	assert_string_equal(info(lg).currlog, "S0000001.LOG");
	put(lg, 8, 100, 1);
	assert_int_equal(log_close(lg), QM_OK);
	faultio_uninstall();
	uint64_t uows[4];
	assert_int_equal(read_uows((struct log_reader_opts){ .start = LOG_START_HEAD }, uows, 4, NULL, NULL), 3);
	assert_int_equal(uows[2], 8);
}

/* ---- DISPLAY QMSTATUS figures ----------------------------------------- */

static void test_logadm__info_figures(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_LINEAR, LOG_ARCHIVE, 2, 0);
	uint64_t first2 = fill_to(lg, 2), first4 = fill_to(lg, 4);
	put(lg, 2, 100, 1);
	assert_int_equal(log_set_media_lsn(lg, first2), QM_OK);
	assert_int_equal(log_set_restart_lsn(lg, first4), QM_OK);
	struct log_info li = info(lg);
	uint64_t end = li.next_lsn;
	assert_true(li.extent_bytes == EXT && li.primary_bytes == 2 * EXT && li.start_lsn == 4096);
	assert_string_equal(li.currlog, "S0000004.LOG");
	assert_string_equal(li.reclog, "S0000004.LOG");
	assert_string_equal(li.medialog, "S0000002.LOG");
	assert_true(li.rec_bytes == end - 4 * EXT);
	assert_true(li.media_bytes == end - 2 * EXT);
	assert_int_equal(li.active_extents, 1);
	/* S0..S3 finished, none archived: S0 and S1 are superfluous but wait */
	assert_string_equal(li.archlog, "S0000000.LOG");
	assert_true(li.archlog_seq == 0);
	assert_int_equal(li.arch_waiting, 4);
	assert_true(li.arch_bytes == 2 * EXT);
	assert_true(li.reuse_bytes == 0);
	/* archived out of order: S1 alone frees nothing (S0 is older); then S0
	 * frees both, recycled as R files */
	assert_int_equal(log_archived(lg, "S0000001.LOG", 0, NULL), LOG_ARCH_OK);
	li = info(lg);
	assert_string_equal(li.archlog, "S0000000.LOG");
	assert_true(li.arch_bytes == EXT && li.arch_waiting == 3);
	assert_int_equal(log_archived(lg, "S0000000.LOG", 0, NULL), LOG_ARCH_OK);
	li = info(lg);
	assert_string_equal(li.archlog, "S0000002.LOG");
	assert_true(li.arch_bytes == 0 && li.arch_waiting == 2);
	assert_true(li.reuse_bytes == 2 * EXT);
	assert_true(file_exists("R0000000.LOG") && file_exists("R0000001.LOG"));
	/* archived while still needed for media recovery: no longer waiting */
	assert_int_equal(log_archived(lg, "S0000003.LOG", 0, NULL), LOG_ARCH_OK);
	li = info(lg);
	assert_string_equal(li.archlog, "S0000002.LOG");
	assert_int_equal(li.arch_waiting, 1);
	assert_true(file_exists("S0000003.LOG"));
	assert_int_equal(log_archived(lg, "S0000002.LOG", 0, NULL), LOG_ARCH_OK);
	li = info(lg);
	assert_string_equal(li.archlog, "");          /* nothing waits: CURRLOG is not finished */
	assert_true(li.archlog_seq == 0 && li.arch_waiting == 0);
	assert_true(file_exists("S0000002.LOG"));     /* still MEDIALOG */
	assert_int_equal(log_close(lg), QM_OK);

	/* Manual and Automatic: no ARCHLOG, no ARCHSZ; Manual keeps everything */
	for (uint32_t m = LOG_MANUAL; m <= LOG_AUTOMATIC; m++) {
		lg = new_log(LOG_LINEAR, m, 2, 0);
		first2 = fill_to(lg, 2);
		fill_to(lg, 3);
		assert_int_equal(log_set_media_lsn(lg, first2), QM_OK);
		assert_int_equal(log_set_restart_lsn(lg, first2), QM_OK);
		li = info(lg);
		assert_string_equal(li.archlog, "");
		assert_true(li.arch_bytes == 0 && li.arch_waiting == 0);
		assert_true(li.reuse_bytes == (m == LOG_MANUAL ? 0 : 2 * EXT));
		assert_true(li.rec_bytes == li.next_lsn - 2 * EXT && li.media_bytes == li.rec_bytes);
		assert_int_equal(li.active_extents, 2);
		assert_int_equal(log_close(lg), QM_OK);
	}

	/* circular: the ring's free extents are ready for reuse */
	lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 3, 0);
	uint64_t l1 = fill_to(lg, 1);
	li = info(lg);
	assert_true(li.reuse_bytes == EXT);           /* S0 and S1 active, S2 free */
	assert_true(li.media_bytes == 0 && li.rec_bytes == li.next_lsn);
	assert_int_equal(li.active_extents, 2);
	assert_int_equal(log_set_restart_lsn(lg, l1), QM_OK);
	li = info(lg);
	assert_true(li.reuse_bytes == 2 * EXT);
	assert_true(li.rec_bytes == li.next_lsn - EXT);
	assert_string_equal(li.archlog, "");
	assert_int_equal(log_close(lg), QM_OK);
}

/* ---- SET LOG ARCHIVED, RESET QMGR TYPE(ARCHLOG) ----------------------- */

static int arch(struct log *lg, const char *name, int flags, struct log_arch_report *rep)
{
	int res = log_archived(lg, name, flags, rep);
	if (res != LOG_ARCH_OK)
		print_message("%s: %d %s\n", name, res, rep->why);
	return res;
}

static void test_logadm__archive_results(void **s)
{
	(void)s;
	struct log_arch_report rep;
	/* not Archive management */
	for (uint32_t m = LOG_MANUAL; m <= LOG_AUTOMATIC; m++) {
		struct log *lg = new_log(LOG_LINEAR, m, 2, 0);
		fill_to(lg, 1);
		assert_int_equal(arch(lg, "S0000000.LOG", 0, &rep), LOG_ARCH_NOT_ARCHIVE);
		assert_non_null(strstr(rep.why, m == LOG_MANUAL ? "Manual" : "Automatic"));
		assert_int_equal(log_close(lg), QM_OK);
	}
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 0);
	assert_int_equal(arch(lg, "S0000000.LOG", LOG_ARCH_THROUGH, &rep), LOG_ARCH_NOT_ARCHIVE);
	assert_non_null(strstr(rep.why, "circular"));
	assert_int_equal(arch(lg, "junk", 0, &rep), LOG_ARCH_NOT_ARCHIVE);   /* the management first */
	assert_int_equal(log_close(lg), QM_OK);

	lg = new_log(LOG_LINEAR, LOG_ARCHIVE, 2, 1);
	fill_to(lg, 5);
	/* names that are not S extents */
	assert_int_equal(arch(lg, "R0000002.LOG", 0, &rep), LOG_ARCH_BAD_NAME);
	assert_non_null(strstr(rep.why, "R0000002.LOG"));
	assert_int_equal(arch(lg, "junk", LOG_ARCH_THROUGH, &rep), LOG_ARCH_BAD_NAME);
	/* the extent being written, and ones the log never wrote */
	assert_int_equal(arch(lg, "S0000005.LOG", 0, &rep), LOG_ARCH_CURRENT);
	assert_non_null(strstr(rep.why, "S0000005.LOG"));
	assert_int_equal(arch(lg, "S0000005.LOG", LOG_ARCH_THROUGH, &rep), LOG_ARCH_CURRENT);
	assert_int_equal(arch(lg, "S0000009.LOG", 0, &rep), LOG_ARCH_UNKNOWN);
	assert_int_equal(arch(lg, "S9999999.LOG", LOG_ARCH_THROUGH, &rep), LOG_ARCH_UNKNOWN);
	assert_non_null(strstr(rep.why, "S0000000.LOG to S0000005.LOG"));
	/* one extent, then a repeat (not an error, nothing changes) */
	assert_int_equal(arch(lg, "S0000002.LOG", 0, &rep), LOG_ARCH_OK);
	assert_true(rep.seq == 2 && rep.marked == 1 && rep.repeats == 0 && rep.freed == 0 && !rep.named_repeat);
	assert_int_equal(arch(lg, "S0000002.LOG", 0, &rep), LOG_ARCH_REPEAT);
	assert_true(rep.marked == 0 && rep.repeats == 1 && rep.named_repeat);
	assert_non_null(strstr(rep.why, "S0000002.LOG"));
	/* RESET QMGR TYPE(ARCHLOG): S0..S3, S2 a repeat; nothing is superfluous
	 * yet (RECLOG and MEDIALOG are S0), so nothing is freed */
	assert_int_equal(arch(lg, "S0000003.LOG", LOG_ARCH_THROUGH, &rep), LOG_ARCH_OK);
	assert_true(rep.marked == 3 && rep.repeats == 1 && rep.freed == 0 && !rep.named_repeat);
	assert_int_equal(arch(lg, "S0000001.LOG", LOG_ARCH_THROUGH, &rep), LOG_ARCH_REPEAT);
	assert_true(rep.repeats == 2 && rep.named_repeat);
	struct log_info li = info(lg);
	assert_string_equal(li.archlog, "S0000004.LOG");
	assert_true(file_exists("S0000000.LOG"));
	/* durable at once: a power loss now keeps the notifications */
	faultio_crash();
	log_close(lg);
	faultio_reset();
	lg = op();
	li = info(lg);
	assert_string_equal(li.archlog, "S0000004.LOG");
	/* S4 too, and restart and media move to S5: S0..S4 are freed in one go
	 * (2 recycled, 3 deleted); a freed extent is then unknown */
	uint64_t l = put(lg, 2, 100, 1);
	assert_true(l / EXT == 5);
	assert_int_equal(arch(lg, "S0000004.LOG", 0, &rep), LOG_ARCH_OK);
	assert_int_equal(log_set_media_lsn(lg, l), QM_OK);
	assert_int_equal(log_set_restart_lsn(lg, l), QM_OK);
	li = info(lg);
	assert_true(li.n_deleted == 3);
	assert_int_equal(count_files('R'), 2);
	for (int i = 0; i <= 4; i++) {
		char name[16];
		log_extent_name((uint32_t)i, name);
		assert_false(file_exists(name));
		assert_int_equal(arch(lg, name, 0, &rep), LOG_ARCH_UNKNOWN);
	}
	assert_string_equal(li.archlog, "");
	assert_int_equal(log_close(lg), QM_OK);
	faultio_uninstall();
}

/* ---- AMQ7490I: created / reused / deleted per LogManagement ------------ */

static void test_logadm__statistics_per_mode(void **s)
{
	(void)s;
	for (uint32_t m = LOG_MANUAL; m <= LOG_ARCHIVE; m++) {
		/* faults: no extent formatted ahead, so every file is counted here */
		struct log *lg = new_log(LOG_LINEAR, m, 2, 1);
		uint64_t l6 = fill_to(lg, 6);
		assert_int_equal(log_set_media_lsn(lg, l6), QM_OK);
		assert_int_equal(log_set_restart_lsn(lg, l6), QM_OK);
		if (m == LOG_ARCHIVE) {
			struct log_info li = info(lg);
			assert_true(li.n_reused == 0 && li.n_deleted == 0);   /* nothing archived yet */
			assert_int_equal(count_files('R'), 0);
			struct log_arch_report rep;
			assert_int_equal(log_archived(lg, "S0000005.LOG", LOG_ARCH_THROUGH, &rep), LOG_ARCH_OK);
			assert_int_equal(rep.freed, 6);
		}
		struct log_info li = info(lg);
		print_message("mode %u: %llu created, %llu reused, %llu deleted\n", m, (unsigned long long)li.n_created,
			      (unsigned long long)li.n_reused, (unsigned long long)li.n_deleted);
		/* created: 2 primaries at crtmqm + S2..S6 */
		assert_true(li.n_created == 7);
		if (m == LOG_MANUAL) {
			assert_true(li.n_reused == 0 && li.n_deleted == 0);
			assert_int_equal(count_files('S'), 7);
			assert_int_equal(count_files('R'), 0);
		} else {
			/* S0..S5 freed: 2 kept as R files (LogPrimaryFiles), 4 deleted */
			assert_true(li.n_deleted == 4);
			assert_int_equal(count_files('R'), 2);
			assert_int_equal(count_files('S'), 1);
		}
		/* two more extents: Manual creates them, the others reuse the R files */
		uint64_t l8 = fill_to(lg, 8);
		li = info(lg);
		if (m == LOG_MANUAL) {
			assert_true(li.n_created == 9 && li.n_reused == 0 && li.n_deleted == 0);
			assert_int_equal(count_files('S'), 9);
		} else {
			assert_true(li.n_created == 7 && li.n_reused == 2 && li.n_deleted == 4);
			assert_int_equal(count_files('R'), 0);
			assert_int_equal(count_files('S'), 3);
		}
		assert_int_equal(count_files('S') + count_files('R'), (int)(li.n_created - li.n_deleted));
		/* Manual: moving both points to the end still frees nothing */
		assert_int_equal(log_set_media_lsn(lg, l8), QM_OK);
		assert_int_equal(log_set_restart_lsn(lg, l8), QM_OK);
		li = info(lg);
		if (m == LOG_MANUAL)
			assert_true(li.n_reused == 0 && li.n_deleted == 0 && count_files('S') == 9);
		assert_int_equal(log_close(lg), QM_OK);
		/* the counts are kept in the control file */
		lg = op();
		struct log_info li2 = info(lg);
		assert_true(li2.n_created == li.n_created && li2.n_reused == li.n_reused && li2.n_deleted == li.n_deleted);
		assert_int_equal(log_close(lg), QM_OK);
		faultio_uninstall();
	}
}

/* An extent formatted ahead (the former thread) is counted as created even
 * when the queue manager ends before it is used: the count is kept at close */
static void test_logadm__statistics_formed_ahead(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_LINEAR, LOG_MANUAL, 2, 0);
	fill_to(lg, 3);
	for (int i = 0; i < 500 && !file_exists("S0000004.LOG"); i++)
		usleep(10000);
	assert_true(file_exists("S0000004.LOG"));
	assert_int_equal(log_close(lg), QM_OK);
	lg = op();
	struct log_info li = info(lg);
	assert_int_equal(log_close(lg), QM_OK);
	assert_int_equal(count_files('S'), 5);
	assert_true(li.n_created == 5);
}

/* LogManagement changed in qm.ini takes effect at the start */
static void test_logadm__management_changed(void **s)
{
	(void)s;
	char why[300];
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 0);
	assert_int_equal(log_set_management(lg, LOG_ARCHIVE, why, sizeof why), QM_EINVAL);
	assert_non_null(strstr(why, "circular"));
	assert_int_equal(log_set_management(lg, LOG_MANUAL, why, sizeof why), QM_OK);
	assert_int_equal(log_close(lg), QM_OK);

	lg = new_log(LOG_LINEAR, LOG_MANUAL, 2, 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(log_advance_extent(lg, why, sizeof why), QM_OK);
	assert_string_equal(info(lg).archlog, "");
	assert_int_equal(log_set_management(lg, 7, why, sizeof why), QM_EINVAL);
	assert_int_equal(log_set_management(lg, LOG_ARCHIVE, why, sizeof why), QM_OK);
	struct log_info li = info(lg);
	assert_int_equal(li.mgmt, LOG_ARCHIVE);
	assert_string_equal(li.archlog, "S0000000.LOG");
	assert_int_equal(li.arch_waiting, 3);
	assert_int_equal(log_archived(lg, "S0000001.LOG", 0, NULL), LOG_ARCH_OK);
	assert_int_equal(log_close(lg), QM_OK);
	/* kept in the control file */
	lg = op();
	li = info(lg);
	assert_int_equal(li.mgmt, LOG_ARCHIVE);
	assert_int_equal(li.arch_waiting, 2);
	/* to Automatic with RECLOG and MEDIALOG at S3: S0..S2 go at once */
	uint64_t l = put(lg, 2, 100, 1);
	assert_int_equal(log_set_media_lsn(lg, l), QM_OK);
	assert_int_equal(log_set_restart_lsn(lg, l), QM_OK);
	assert_true(file_exists("S0000000.LOG"));   /* Archive: S0 not reported */
	assert_int_equal(log_set_management(lg, LOG_AUTOMATIC, why, sizeof why), QM_OK);
	assert_false(file_exists("S0000000.LOG") || file_exists("S0000001.LOG") || file_exists("S0000002.LOG"));
	li = info(lg);
	assert_string_equal(li.archlog, "");
	assert_int_equal(count_files('R'), 2);
	assert_int_equal(log_close(lg), QM_OK);
	lg = op();
	assert_int_equal(info(lg).mgmt, LOG_AUTOMATIC);
	assert_int_equal(log_close(lg), QM_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_logadm__extent_number),
		cmocka_unit_test(test_logadm__advance_reads_back),
		cmocka_unit_test(test_logadm__advance_durable),
		cmocka_unit_test(test_logadm__advance_recycled),
		cmocka_unit_test(test_logadm__advance_refused),
		cmocka_unit_test(test_logadm__info_figures),
		cmocka_unit_test(test_logadm__archive_results),
		cmocka_unit_test(test_logadm__statistics_per_mode),
		cmocka_unit_test(test_logadm__statistics_formed_ahead),
		cmocka_unit_test(test_logadm__management_changed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
