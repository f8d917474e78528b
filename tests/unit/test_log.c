/* test_log.c: the recovery log: records, extents, circular and linear space,
 * the end of the log, corruption, failures and group commit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log/log.h"
#include "log/logread.h"
#include "log/osio.h"
#include "log/qmerr.h"
#include "tests/unit/faultio.h"

static char dir[4096];
static int seqno;

static const char *fresh_dir(void)
{
	const char *base = getenv("QUIRE_TEST_DIR");
	if (!base)
		base = "/tmp";
	snprintf(dir, sizeof dir, "%s/log%d-%d", base, (int)getpid(), ++seqno);
	assert_int_equal(os_mkdir_p(dir, 0700), QM_OK);
	return dir;
}

static void mk(uint32_t type, uint32_t mgmt, uint32_t prim, uint32_t sec, uint32_t pages)
{
	char why[256];
	struct log_config c = { .path = dir, .type = type, .mgmt = mgmt, .primary = prim, .secondary = sec, .pages = pages };
	memcpy(c.qmid, "0123456789abcdef", 16);
	int rc = log_create(&c, why, sizeof why);
	if (rc)
		fail_msg("log_create: %s", why);
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

/* Test data: compressible text, or bytes from a xorshift generator that lz4
 * cannot shrink. */
static void fill(uint8_t *b, size_t n, unsigned seed, int compressible)
{
	uint64_t x = seed * 0x9e3779b97f4a7c15ull + 1;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		b[i] = compressible ? (uint8_t)("abcdefgh"[(i / 16 + seed) % 8]) : (uint8_t)(x >> 24);
	}
}

static uint64_t put(struct log *lg, uint16_t type, uint64_t uow, const void *d, size_t n)
{
	struct log_rec r = { .type = type, .uow = uow, .obj = uow * 3, .data = d, .len = n };
	uint64_t lsn = 0;
	int rc = log_append(lg, &r, &lsn, NULL);
	if (rc)
		fail_msg("log_append: %s", qm_strerror(rc));
	return lsn;
}

static uint64_t putf(struct log *lg, uint64_t uow, const void *d, size_t n)
{
	uint64_t lsn = put(lg, LOG_REC_TEST, uow, d, n);
	assert_int_equal(log_flush(lg, lsn), QM_OK);
	assert_true(log_durable_lsn(lg) > lsn);
	return lsn;
}

/* Read every logical record from the head; returns count, fills lsns/uows. */
static int read_all(enum log_start start, uint64_t *lsns, uint64_t *uows, int max, char *err, size_t errn)
{
	struct log_reader *r;
	struct log_reader_opts o = { .start = start, .logical = 1 };
	char why[512];
	int rc = log_reader_open(dir, &o, &r, why, sizeof why);
	if (rc) {
		snprintf(err, errn, "%s", why);
		return rc;
	}
	struct log_record rec;
	int n = 0;
	while ((rc = log_reader_next(r, &rec)) == 1) {
		if (n < max) {
			if (lsns)
				lsns[n] = rec.hdr.lsn;
			if (uows)
				uows[n] = rec.hdr.uow;
		}
		/* payload check: the data was made by fill(seed = uow) */
		uint8_t *exp = malloc(rec.len + 1);
		fill(exp, rec.len, (unsigned)rec.hdr.uow, (int)(rec.hdr.uow & 1));
		if (rec.hdr.type == LOG_REC_TEST && memcmp(exp, rec.data, rec.len) != 0)
			fail_msg("payload of record %d (uow %llu) differs", n, (unsigned long long)rec.hdr.uow);
		free(exp);
		n++;
	}
	if (rc < 0)
		snprintf(err, errn, "%s", log_reader_error(r));
	log_reader_close(r);
	return rc < 0 ? rc : n;
}

static uint64_t put_seed(struct log *lg, uint64_t seed, size_t n, int flush)
{
	uint8_t *b = malloc(n + 1);
	fill(b, n, (unsigned)seed, (int)(seed & 1));
	uint64_t lsn = flush ? putf(lg, seed, b, n) : put(lg, LOG_REC_TEST, seed, b, n);
	free(b);
	return lsn;
}

static void test_log__rec_roundtrip(void **s)
{
	(void)s;
	static uint8_t out[LOG_REC_MAX], data[LOG_PART_MAX], back[LOG_PART_MAX];
	size_t sizes[] = { 0, 1, 127, 128, 4096, LOG_PART_MAX };
	for (int comp = 0; comp < 2; comp++)
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			fill(data, sizes[i], (unsigned)i, comp);
			struct log_rec_hdr h = { .type = LOG_REC_MSG_PUT, .uow = 7, .obj = 9, .part = 2, .lsn = 4096 * 3,
						 .prev = 4096, .epoch = 5 }, d;
			int len = logrec_encode(out, &h, data, (uint32_t)sizes[i]);
			assert_true(len >= (int)LOG_HDR_SIZE);
			if (comp && sizes[i] >= 4096)
				assert_true(h.flags & LOG_F_LZ4);
			if (!comp)
				assert_false(h.flags & LOG_F_LZ4);
			const char *why = NULL;
			assert_int_equal(logrec_validate(out, (size_t)len, 4096 * 3, 1 << 20, &d, &why), QM_OK);
			assert_int_equal(d.uow, 7);
			assert_int_equal(d.obj, 9);
			assert_int_equal(d.part, 2);
			assert_int_equal(d.prev, 4096);
			assert_int_equal(d.raw_len, sizes[i]);
			assert_int_equal(logrec_payload(out, &d, back), QM_OK);
			assert_memory_equal(back, data, sizes[i]);
			/* the same bytes at another position are not valid (stale) */
			assert_int_equal(logrec_validate(out, (size_t)len, 4096 * 4, 1 << 20, &d, &why), QM_ECORRUPT);
		}
	char b[20];
	uint64_t v;
	assert_string_equal(log_lsn_str(0x0001000200030004ull, b), "0001:0002:0003:0004");
	assert_int_equal(log_lsn_parse("0001:0002:0003:0004", &v), QM_OK);
	assert_true(v == 0x0001000200030004ull);
	assert_int_equal(log_lsn_parse("1:2:3", &v), QM_EINVAL);
	assert_int_equal(log_lsn_parse("00001:0:0:0", &v), QM_EINVAL);
	assert_int_equal(log_lsn_parse("g:0:0:0", &v), QM_EINVAL);
}

static void test_log__config_check(void **s)
{
	(void)s;
	char why[256];
	struct log_config c = { .type = LOG_CIRCULAR, .primary = 3, .secondary = 2, .pages = 4096 };
	assert_int_equal(log_config_check(&c, why, sizeof why), QM_OK);
	c.primary = 1;
	assert_int_equal(log_config_check(&c, why, sizeof why), QM_EINVAL);
	assert_non_null(strstr(why, "LogPrimaryFiles"));
	c.primary = 510;
	c.secondary = 2;
	assert_int_equal(log_config_check(&c, why, sizeof why), QM_EINVAL);
	assert_non_null(strstr(why, "511"));
	c.primary = 3;
	c.pages = 63;
	assert_int_equal(log_config_check(&c, why, sizeof why), QM_EINVAL);
	c.pages = 64;
	c.mgmt = LOG_AUTOMATIC;
	assert_int_equal(log_config_check(&c, why, sizeof why), QM_EINVAL);
}

static void test_log__append_read_back(void **s)
{
	(void)s;
	fresh_dir();
	mk(LOG_CIRCULAR, LOG_MANUAL, 3, 2, 64);
	struct log *lg = op();
	size_t sizes[] = { 0, 1, 100, 4096, 70000, 200000, 33 };
	uint64_t lsns[16];
	for (size_t i = 0; i < 7; i++)
		lsns[i] = put_seed(lg, i + 1, sizes[i], i % 2);
	assert_int_equal(log_flush(lg, lsns[6]), QM_OK);
	assert_int_equal(log_close(lg), QM_OK);
	uint64_t got[16], uows[16];
	char err[512];
	int n = read_all(LOG_START_HEAD, got, uows, 16, err, sizeof err);
	if (n < 0)
		fail_msg("read: %s", err);
	assert_int_equal(n, 7);
	for (int i = 0; i < 7; i++) {
		assert_true(got[i] == lsns[i]);
		assert_int_equal(uows[i], i + 1);
	}
	/* reopen and go on: the chain continues */
	lg = op();
	uint64_t l8 = put_seed(lg, 8, 10, 1);
	assert_true(l8 > lsns[6]);
	assert_int_equal(log_close(lg), QM_OK);
	assert_int_equal(read_all(LOG_START_HEAD, NULL, NULL, 0, err, sizeof err), 8);
}

static int file_exists(const char *name)
{
	char p[4200];
	snprintf(p, sizeof p, "%s/active/%s", dir, name);
	return access(p, F_OK) == 0;
}

static void test_log__extent_switch_linear(void **s)
{
	(void)s;
	fresh_dir();
	mk(LOG_LINEAR, LOG_MANUAL, 2, 1, 64);
	struct log *lg = op();
	struct log_info li;
	for (int i = 0; i < 40; i++)
		put_seed(lg, (uint64_t)i * 2 + 100, 30000, 1);   /* about 1.2 MB: several extents */
	log_info(lg, &li);
	assert_true(li.cur_seq >= 4);
	for (uint64_t sq = 0; sq <= li.cur_seq; sq++) {
		char name[16];
		log_extent_name((uint32_t)sq, name);
		assert_true(file_exists(name));
	}
	assert_string_equal(li.reclog, "S0000000.LOG");
	assert_string_equal(li.medialog, "S0000000.LOG");
	assert_int_equal(log_close(lg), QM_OK);
	char err[512];
	assert_int_equal(read_all(LOG_START_HEAD, NULL, NULL, 0, err, sizeof err), 40);
}

static void test_log__circular_ring_and_full(void **s)
{
	(void)s;
	fresh_dir();
	mk(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64);
	struct log *lg = op();
	int rc = 0, n = 0;
	uint64_t last = 0;
	uint8_t b[20000];
	fill(b, sizeof b, 2, 0);
	while (n < 1000) {
		struct log_rec r = { .type = LOG_REC_TEST, .uow = 2, .data = b, .len = sizeof b };
		rc = log_append(lg, &r, &last, NULL);
		if (rc)
			break;
		n++;
	}
	assert_int_equal(rc, QM_ELOGFULL);
	assert_true(n > 20 && n < 40);            /* 3 extents of 252 KiB */
	assert_true(file_exists("S0000002.LOG")); /* the secondary was made */
	/* the reserve still takes a commit-sized record */
	struct log_rec small = { .type = LOG_REC_UOW_COMMIT, .uow = 2, .data = "c", .len = 1 };
	uint64_t l2;
	assert_int_equal(log_append_ex(lg, &small, LOG_APPEND_RESERVED, &l2, NULL), QM_OK);
	assert_int_equal(log_flush(lg, l2), QM_OK);
	/* move the restart point: extents are freed and reused in ring order */
	assert_int_equal(log_set_restart_lsn(lg, l2), QM_OK);
	struct log_info li;
	log_info(lg, &li);
	assert_int_equal(li.nfiles, 2);           /* back to the primary count */
	assert_int_equal(file_exists("S0000000.LOG") + file_exists("S0000001.LOG") + file_exists("S0000002.LOG"), 2);
	for (int i = 0; i < 12; i++) {
		struct log_rec r = { .type = LOG_REC_TEST, .uow = 2, .data = b, .len = sizeof b };
		assert_int_equal(log_append(lg, &r, &last, NULL), QM_OK);
	}
	assert_int_equal(log_flush(lg, last), QM_OK);
	log_info(lg, &li);
	assert_true(li.n_reused >= 1);
	assert_int_equal(log_close(lg), QM_OK);
	char err[512];
	int got = read_all(LOG_START_HEAD, NULL, NULL, 0, err, sizeof err);
	if (got < 0)
		fail_msg("%s", err);
	assert_int_equal(got, 13);                /* the commit and the 12 after it */
}

static void test_log__linear_management(void **s)
{
	(void)s;
	for (uint32_t mgmt = LOG_MANUAL; mgmt <= LOG_ARCHIVE; mgmt++) {
		fresh_dir();
		mk(LOG_LINEAR, mgmt, 2, 1, 64);
		struct log *lg = op();
		uint64_t first_in[8] = { 0 };
		for (int i = 0; i < 60; i++) {
			uint64_t l = put_seed(lg, 2, 20000, 1);
			uint64_t sq = l / (64 * 4096);
			if (sq < 8 && !first_in[sq])
				first_in[sq] = l;
		}
		assert_true(first_in[4] != 0);
		assert_int_equal(log_set_media_lsn(lg, first_in[2]), QM_OK);
		assert_int_equal(log_set_restart_lsn(lg, first_in[4]), QM_OK);
		struct log_info li;
		log_info(lg, &li);
		assert_string_equal(li.reclog, "S0000004.LOG");
		assert_string_equal(li.medialog, "S0000002.LOG");
		if (mgmt == LOG_MANUAL) {
			assert_true(file_exists("S0000000.LOG") && file_exists("S0000001.LOG"));
		} else if (mgmt == LOG_AUTOMATIC) {
			assert_false(file_exists("S0000000.LOG"));
			assert_false(file_exists("S0000001.LOG"));
			assert_true(file_exists("R0000000.LOG") || file_exists("R0000001.LOG"));
			assert_true(file_exists("S0000002.LOG"));
		} else {
			assert_true(file_exists("S0000000.LOG"));
			assert_int_equal(log_archived(lg, 0), QM_OK);
			assert_false(file_exists("S0000000.LOG"));
			assert_true(file_exists("S0000001.LOG"));  /* not yet archived */
			assert_int_equal(log_archived(lg, 2), QM_OK);  /* archived but needed for media */
			assert_true(file_exists("S0000002.LOG"));
			assert_int_equal(log_archived(lg, 1), QM_OK);
			assert_false(file_exists("S0000001.LOG"));
			assert_int_equal(log_archived(lg, 999), QM_EINVAL);
		}
		/* recycled files are used again for new extents */
		for (int i = 0; i < 30; i++)
			put_seed(lg, 2, 20000, 1);
		log_info(lg, &li);
		if (mgmt == LOG_AUTOMATIC)
			assert_true(li.n_reused >= 1);
		assert_int_equal(log_close(lg), QM_OK);
		char err[512];
		int n = read_all(LOG_START_HEAD, NULL, NULL, 0, err, sizeof err);
		if (n < 0)
			fail_msg("%s", err);
		assert_true(n > 30);
	}
}

static void ext_file(uint32_t f, char *p, size_t n)
{
	char name[16];
	log_extent_name(f, name);
	snprintf(p, n, "%s/active/%s", dir, name);
}

static void patch(const char *path, uint64_t off, const void *b, size_t n)
{
	int fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, b, n, (off_t)off), (ssize_t)n);
	close(fd);
}

static void slurp(const char *path, uint8_t *b, size_t n)
{
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, b, n, 0), (ssize_t)n);
	close(fd);
}

static void test_log__tail_cut_every_offset(void **s)
{
	(void)s;
	fresh_dir();
	mk(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64);
	struct log *lg = op();
	uint64_t l[6];
	for (int i = 0; i < 5; i++)
		l[i] = put_seed(lg, (uint64_t)i * 2 + 2, 300, 1);
	assert_int_equal(log_close(lg), QM_OK);
	char path[4200];
	ext_file(0, path, sizeof path);
	size_t esz = 64 * 4096;
	uint8_t *orig = malloc(esz), *junk = malloc(4096);
	slurp(path, orig, esz);
	uint64_t off = l[4] % esz;
	uint32_t len = LOG_HDR_SIZE + 300;
	for (uint32_t k = 0; k < len; k++) {
		patch(path, 0, orig, esz);
		/* everything of the last flush from byte k on is lost: zeros or garbage */
		size_t n = 4096 - (size_t)((off + k) % 4096);
		if (k % 2)
			memset(junk, 0, n);
		else
			fill(junk, n, k, 0);
		patch(path, off + k, junk, n);
		struct log *lg2 = NULL;
		struct log_open_report rep;
		int rc = log_open(dir, LOG_OPEN_WRITE, 0, &lg2, &rep);
		if (rc)
			fail_msg("k=%u: %s", k, rep.why);
		assert_true(rep.end_lsn == l[4]);
		assert_true(rep.last_lsn != 0 && rep.last_lsn < l[4]);
		l[5] = put_seed(lg2, 99, 10, 1);
		assert_true(l[5] == l[4]);             /* the cut tail's place is reused */
		assert_int_equal(log_close(lg2), QM_OK);
		uint64_t uows[8];
		char err[512];
		int got = read_all(LOG_START_HEAD, NULL, uows, 8, err, sizeof err);
		if (got < 0)
			fail_msg("k=%u: %s", k, err);
		assert_int_equal(got, 5);
		assert_int_equal(uows[3], 8);
		assert_int_equal(uows[4], 99);
	}
	free(orig);
	free(junk);
}

static void test_log__bit_flip_detected(void **s)
{
	(void)s;
	fresh_dir();
	mk(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64);
	struct log *lg = op();
	uint64_t l[10];
	for (int i = 0; i < 10; i++)
		l[i] = put_seed(lg, (uint64_t)i * 2 + 2, 200, 1);
	assert_int_equal(log_close(lg), QM_OK);
	char path[4200];
	ext_file(0, path, sizeof path);
	size_t esz = 64 * 4096;
	uint8_t *orig = malloc(esz);
	slurp(path, orig, esz);
	uint32_t len = LOG_HDR_SIZE + 200;
	for (uint32_t k = 0; k < len; k++) {
		uint8_t b = orig[l[3] % esz + k] ^ (uint8_t)(1u << (k % 8));
		patch(path, 0, orig, esz);
		patch(path, l[3] % esz + k, &b, 1);
		char err[512] = "";
		int rc = read_all(LOG_START_HEAD, NULL, NULL, 0, err, sizeof err);
		if (rc != QM_ECORRUPT)
			fail_msg("flip at byte %u of record 3 not reported (rc %d)", k, rc);
		assert_non_null(strstr(err, "S0000000.LOG"));
		assert_non_null(strstr(err, "offset"));
		char lsn[20];
		assert_non_null(strstr(err, log_lsn_str(l[3], lsn)));
		struct log *lg2;
		struct log_open_report rep;
		assert_int_equal(log_open(dir, LOG_OPEN_WRITE, 0, &lg2, &rep), QM_ECORRUPT);
		assert_non_null(strstr(rep.why, "S0000000.LOG"));
	}
	/* a flip in the last flush: it is cut off and reported, the rest kept */
	patch(path, 0, orig, esz);
	uint8_t b = orig[l[9] % esz + 70] ^ 1;
	patch(path, l[9] % esz + 70, &b, 1);
	struct log *lg2;
	struct log_open_report rep;
	assert_int_equal(log_open(dir, LOG_OPEN_WRITE, 0, &lg2, &rep), QM_OK);
	if (rep.cut_lsn != l[9])
		fail_msg("cut at %llx, expected %llx: %s", (unsigned long long)rep.cut_lsn, (unsigned long long)l[9], rep.why);
	assert_non_null(strstr(rep.why, "bad checksum"));
	assert_int_equal(log_close(lg2), QM_OK);
	free(orig);
}

static void test_log__stale_extent(void **s)
{
	(void)s;
	fresh_dir();
	mk(LOG_CIRCULAR, LOG_MANUAL, 3, 1, 64);
	struct log *lg = op();
	uint8_t b[20000];
	uint64_t last = 0;
	fill(b, sizeof b, 5, 0);
	/* fill extent 0 and go into 1 */
	for (int i = 0; i < 14; i++)
		last = putf(lg, 5, b, sizeof b);
	char path[4200];
	ext_file(0, path, sizeof path);
	size_t esz = 64 * 4096;
	uint8_t *old = malloc(esz);
	slurp(path, old, esz);              /* extent 0 as of the first pass */
	/* go round the ring until file 0 is used again */
	for (int i = 0; i < 40; i++) {
		last = putf(lg, 5, b, sizeof b);
		assert_int_equal(log_set_restart_lsn(lg, last), QM_OK);
	}
	struct log_info li;
	log_info(lg, &li);
	assert_true(li.n_reused >= 2);
	/* keep file 0 in the active part, then close */
	assert_int_equal(log_close(lg), QM_OK);
	struct log_reader *r;
	struct log_reader_opts o = { .start = LOG_START_BASE };
	char why[512];
	assert_int_equal(log_reader_open(dir, &o, &r, why, sizeof why), QM_OK);
	const struct logctl *c = log_reader_ctl(r);
	uint32_t active0 = c->ring[0];
	log_reader_close(r);
	ext_file(active0, path, sizeof path);
	uint8_t *cur = malloc(esz);
	slurp(path, cur, esz);
	ext_file(0, path, sizeof path);
	if (active0 != 0) {
		/* make the head extent file an old copy of itself: restore a copy of
		 * file 0 from the first pass over the head extent's file */
		ext_file(active0, path, sizeof path);
	}
	patch(path, 0, old, esz);
	struct log *lg2;
	struct log_open_report rep;
	int rc = log_open(dir, LOG_OPEN_WRITE, 0, &lg2, &rep);
	if (rc != QM_ECORRUPT)
		fail_msg("%s rc %d active0 %u head %llu: %s", dir, rc, active0, (unsigned long long)li.head_seq, rep.why);
	assert_non_null(strstr(rep.why, "stale"));
	free(old);
	free(cur);
}

static void test_log__missing_extent(void **s)
{
	(void)s;
	fresh_dir();
	mk(LOG_LINEAR, LOG_MANUAL, 2, 1, 64);
	struct log *lg = op();
	for (int i = 0; i < 30; i++)
		put_seed(lg, 4, 20000, 1);
	assert_int_equal(log_close(lg), QM_OK);
	char path[4200];
	ext_file(1, path, sizeof path);
	assert_int_equal(unlink(path), 0);
	struct log *lg2;
	struct log_open_report rep;
	int rc = log_open(dir, LOG_OPEN_WRITE, 0, &lg2, &rep);
	assert_int_equal(rc, QM_ENOENT);
	assert_non_null(strstr(rep.why, "S0000001.LOG"));
	char err[512];
	assert_int_equal(read_all(LOG_START_HEAD, NULL, NULL, 0, err, sizeof err), QM_ENOENT);
	assert_non_null(strstr(err, "S0000001.LOG"));
}

static void test_log__eio_on_fsync_fails_log(void **s)
{
	(void)s;
	fresh_dir();
	mk(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64);
	faultio_install();
	struct log *lg = op();
	uint64_t a = put_seed(lg, 2, 100, 1);
	faultio_fail_sync(1, EIO, "/active/S");
	uint8_t b[100];
	fill(b, sizeof b, 4, 1);
	uint64_t x = put(lg, LOG_REC_TEST, 4, b, sizeof b);
	assert_int_equal(log_flush(lg, x), QM_EFAILED);
	assert_true(log_failed(lg) != 0);
	assert_true(log_durable_lsn(lg) <= x);
	struct log_rec r = { .type = LOG_REC_TEST, .uow = 6, .data = b, .len = 10 };
	uint64_t y;
	assert_int_equal(log_append(lg, &r, &y, NULL), QM_EFAILED);
	assert_int_equal(log_flush(lg, x), QM_EFAILED);   /* never retried into success */
	assert_int_equal(log_close(lg), QM_EFAILED);
	faultio_crash();
	lg = op();
	assert_int_equal(log_close(lg), QM_OK);
	faultio_uninstall();
	uint64_t lsns[4];
	char err[512];
	int n = read_all(LOG_START_HEAD, lsns, NULL, 4, err, sizeof err);
	assert_true(n >= 1);
	assert_true(lsns[0] == a);
}

static void test_log__crash_keeps_acknowledged(void **s)
{
	(void)s;
	for (unsigned seed = 0; seed < 40; seed++) {
		fresh_dir();
		mk(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64);
		faultio_install();
		struct log *lg = op();
		int acked = 0;
		for (int i = 0; i < 5 + (int)(seed % 7); i++, acked++)
			put_seed(lg, (uint64_t)acked * 2 + 2, 50 + seed * 37 % 3000, 1);
		/* records appended but not waited for: the writer may or may not have
		 * written them when the power goes */
		for (int i = 0; i < 3; i++)
			put_seed(lg, 1000 + (uint64_t)i * 2, 4000, 0);
		if (seed % 2)
			faultio_crash_torn(seed);
		else
			faultio_crash();
		log_close(lg);   /* the writer dies with the crash; this only frees */
		faultio_reset();
		lg = op();
		assert_int_equal(log_close(lg), QM_OK);
		faultio_uninstall();
		uint64_t uows[64];
		char err[512];
		int n = read_all(LOG_START_HEAD, NULL, uows, 64, err, sizeof err);
		if (n < 0)
			fail_msg("seed %u: %s", seed, err);
		assert_true(n >= acked);
		for (int i = 0; i < acked; i++)
			assert_int_equal(uows[i], (uint64_t)i * 2 + 2);
		for (int i = acked; i < n; i++)
			assert_int_equal(uows[i], 1000 + (uint64_t)(i - acked) * 2);  /* a prefix, in order */
	}
}

#define GC_THREADS 8
#define GC_EACH 150
static struct log *gc_log;
static int gc_broken;

static void *gc_thread(void *arg)
{
	uint64_t id = (uint64_t)(uintptr_t)arg;
	uint8_t b[300];
	for (int i = 0; i < GC_EACH; i++) {
		uint64_t seed = (id << 16 | (uint64_t)i) * 2;
		fill(b, sizeof b, (unsigned)seed, 0);
		struct log_rec r = { .type = LOG_REC_TEST, .uow = seed, .data = b, .len = sizeof b };
		uint64_t lsn;
		if (log_append(gc_log, &r, &lsn, NULL) || log_flush(gc_log, lsn) || log_durable_lsn(gc_log) <= lsn)
			__atomic_store_n(&gc_broken, 1, __ATOMIC_SEQ_CST);
	}
	return NULL;
}

static void test_log__group_commit_threads(void **s)
{
	(void)s;
	fresh_dir();
	mk(LOG_CIRCULAR, LOG_MANUAL, 3, 2, 256);
	gc_log = op();
	pthread_t t[GC_THREADS];
	for (uintptr_t i = 0; i < GC_THREADS; i++)
		pthread_create(&t[i], NULL, gc_thread, (void *)i);
	for (int i = 0; i < GC_THREADS; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(gc_broken, 0);
	struct log_info li;
	log_info(gc_log, &li);
	assert_true(li.flushes <= GC_THREADS * GC_EACH);
	print_message("group commit: %d commits, %llu flushes\n", GC_THREADS * GC_EACH, (unsigned long long)li.flushes);
	assert_int_equal(log_close(gc_log), QM_OK);
	uint64_t *uows = calloc(GC_THREADS * GC_EACH, sizeof *uows);
	char err[512];
	int n = read_all(LOG_START_HEAD, NULL, uows, GC_THREADS * GC_EACH, err, sizeof err);
	assert_int_equal(n, GC_THREADS * GC_EACH);
	int next[GC_THREADS] = { 0 };
	for (int i = 0; i < n; i++) {
		uint64_t v = uows[i] / 2, id = v >> 16, k = v & 0xffff;
		assert_true(id < GC_THREADS);
		assert_int_equal(k, next[id]);       /* each thread's records in its order */
		next[id]++;
	}
	free(uows);
}

static uint64_t note_lsn;
static int note_calls, note_failed;

static void note(void *arg, uint64_t durable, int failed)
{
	(void)arg;
	__atomic_store_n(&note_lsn, durable, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&note_calls, 1, __ATOMIC_SEQ_CST);
	if (failed)
		__atomic_store_n(&note_failed, 1, __ATOMIC_SEQ_CST);
}

static void test_log__notify_without_blocking(void **s)
{
	(void)s;
	fresh_dir();
	mk(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64);
	struct log *lg = op();
	log_set_notify(lg, note, NULL);
	uint8_t b[64] = { 0 };
	uint64_t lsn = put(lg, LOG_REC_TEST, 2, b, 0);
	log_request_flush(lg, lsn);
	for (int i = 0; i < 5000 && __atomic_load_n(&note_lsn, __ATOMIC_SEQ_CST) <= lsn; i++)
		usleep(1000);
	assert_true(__atomic_load_n(&note_lsn, __ATOMIC_SEQ_CST) > lsn);
	assert_true(log_durable_lsn(lg) > lsn);
	assert_int_equal(note_failed, 0);
	assert_int_equal(log_close(lg), QM_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_log__rec_roundtrip),
		cmocka_unit_test(test_log__config_check),
		cmocka_unit_test(test_log__append_read_back),
		cmocka_unit_test(test_log__extent_switch_linear),
		cmocka_unit_test(test_log__circular_ring_and_full),
		cmocka_unit_test(test_log__linear_management),
		cmocka_unit_test(test_log__tail_cut_every_offset),
		cmocka_unit_test(test_log__bit_flip_detected),
		cmocka_unit_test(test_log__stale_extent),
		cmocka_unit_test(test_log__missing_extent),
		cmocka_unit_test(test_log__eio_on_fsync_fails_log),
		cmocka_unit_test(test_log__crash_keeps_acknowledged),
		cmocka_unit_test(test_log__group_commit_threads),
		cmocka_unit_test(test_log__notify_without_blocking),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
