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
#include "log/logseal.h"
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

static struct log *op_buf(uint32_t bufpages)
{
	struct log *lg = NULL;
	struct log_open_report rep;
	int rc = log_open(dir, LOG_OPEN_WRITE, bufpages, &lg, &rep);
	if (rc)
		fail_msg("log_open: %s (%s)", qm_strerror(rc), rep.why);
	return lg;
}

static struct log *op(void)
{
	return op_buf(0);
}

/* A new log in a fresh folder, opened; faults: with faultio installed
 * between its creation and its opening. */
static struct log *new_log(uint32_t type, uint32_t mgmt, uint32_t prim, uint32_t sec, uint32_t pages, int faults)
{
	fresh_dir();
	mk(type, mgmt, prim, sec, pages);
	if (faults)
		faultio_install();
	return op();
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

/* read_all from the head, which must work (else fails saying where: fmt);
 * the number of records. */
static int read_ok(uint64_t *lsns, uint64_t *uows, int max, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int read_ok(uint64_t *lsns, uint64_t *uows, int max, const char *fmt, ...)
{
	char err[512], where[128];
	int n = read_all(LOG_START_HEAD, lsns, uows, max, err, sizeof err);
	if (n < 0) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(where, sizeof where, fmt, ap);
		va_end(ap);
		fail_msg("%s: %s", where, err);
	}
	return n;
}

/* read_all from the head must fail with rc: its error. */
static const char *read_refused(int rc)
{
	static char err[512];
	err[0] = '\0';
	assert_int_equal(read_all(LOG_START_HEAD, NULL, NULL, 0, err, sizeof err), rc);
	return err;
}

/* log_open must refuse the log with rc: its reason. */
static const char *open_refused(int rc)
{
	static struct log_open_report rep;
	struct log *lg = NULL;
	assert_int_equal(log_open(dir, LOG_OPEN_WRITE, 0, &lg, &rep), rc);
	return rep.why;
}

static void assert_has_v(const char *text, va_list ap)
{
	for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
		if (!strstr(text, s))
			fail_msg("\"%s\" is not in \"%s\"", s, text);
}

/* Each string that follows (NULL ends them) is in text. */
static void assert_has(const char *text, ...)
{
	va_list ap;
	va_start(ap, text);
	assert_has_v(text, ap);
	va_end(ap);
}

/* The log failed, and its failure (printed) says each string that follows
 * (NULL ends them). */
static void assert_log_failed(struct log *lg, ...)
{
	va_list ap;
	assert_true(log_failed(lg) != 0);
	print_message("failure: %s\n", log_failure(lg));
	va_start(ap, lg);
	assert_has_v(log_failure(lg), ap);
	va_end(ap);
}

/* A reader of the log with these options, which must open. */
static struct log_reader *reader(struct log_reader_opts o)
{
	struct log_reader *rd;
	char why[512];
	assert_int_equal(log_reader_open(dir, &o, &rd, why, sizeof why), QM_OK);
	return rd;
}

static uint64_t put_seed(struct log *lg, uint64_t seed, size_t n, int flush)
{
	uint8_t *b = malloc(n + 1);
	fill(b, n, (unsigned)seed, (int)(seed & 1));
	uint64_t lsn = flush ? putf(lg, seed, b, n) : put(lg, LOG_REC_TEST, seed, b, n);
	free(b);
	return lsn;
}

/* A record of len incompressible bytes (fill's seed: uow), in as many parts
 * as it takes, appended and flushed: its first part's LSN, its last's in
 * *last. */
static uint64_t put_parts(struct log *lg, uint64_t uow, size_t len, uint64_t *last)
{
	uint8_t *b = malloc(len);
	fill(b, len, (unsigned)uow, 0);
	struct log_rec r = { .type = LOG_REC_TEST, .uow = uow, .data = b, .len = len };
	uint64_t first;
	assert_int_equal(log_append(lg, &r, &first, last), QM_OK);
	assert_int_equal(log_flush(lg, *last), QM_OK);
	free(b);
	return first;
}

/* Appends and flushes records of 20000 bytes (uow 2) until one fails, at
 * most max; with arm_seq >= 0, before each while the log is in extent
 * arm_seq, arms a failure of the second fsync of the log's folder from then
 * on (a new extent's: 1 its preallocation's fsync, 2 the folder's).  The
 * last return code. */
static int big_appends(struct log *lg, int max, int64_t arm_seq)
{
	int rc = QM_OK;
	uint8_t b[20000];
	fill(b, sizeof b, 2, 0);
	for (int i = 0; i < max && rc == QM_OK; i++) {
		if (arm_seq >= 0) {
			struct log_info li;
			log_info(lg, &li);
			if (li.cur_seq == (uint64_t)arm_seq)
				faultio_fail_op(FAULTIO_FSYNC, 2, EIO, "/active", false);
		}
		struct log_rec r = { .type = LOG_REC_TEST, .uow = 2, .data = b, .len = sizeof b };
		uint64_t l;
		rc = log_append(lg, &r, &l, NULL);
		if (!rc)
			rc = log_flush(lg, l);
	}
	return rc;
}

static int file_exists(const char *name)
{
	char p[4200];
	snprintf(p, sizeof p, "%s/active/%s", dir, name);
	return access(p, F_OK) == 0;
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

/* A copy of the first esz bytes of extent file 0; its path in path. */
static uint8_t *ext0_copy(char *path, size_t n, size_t esz)
{
	ext_file(0, path, n);
	uint8_t *b = malloc(esz);
	slurp(path, b, esz);
	return b;
}

/* Zero bytes [from, to) of extent file f. */
static void zero_range(uint32_t f, uint64_t from, uint64_t to)
{
	char path[4200];
	ext_file(f, path, sizeof path);
	size_t n = (size_t)(to - from);
	uint8_t *z = calloc(1, n);
	patch(path, from, z, n);
	free(z);
}

static const char *seal_path(void)
{
	static char p[4200];
	snprintf(p, sizeof p, "%s/%s", dir, LOG_SEAL_NAME);
	return p;
}

/* The seal file's bytes (logseal.h), to put an older one back: a torn write
 * happens only to a flush whose sync never completed, so the seal never
 * vouched for it. */
static void seal_get(uint8_t b[LOG_SEAL_SIZE])
{
	slurp(seal_path(), b, LOG_SEAL_SIZE);
}

static void seal_put(const uint8_t b[LOG_SEAL_SIZE])
{
	patch(seal_path(), 0, b, LOG_SEAL_SIZE);
}

/* Write the seal file (logseal.h) with this queue manager's identity, or another's. */
static void seal_set(uint64_t lsn, const char *qmid)
{
	struct log_seal sl = { .sealed_lsn = lsn, .epoch = 7 };
	memcpy(sl.qmid, qmid ? qmid : "0123456789abcdef", 16);
	assert_int_equal(logseal_create(dir, &sl), QM_OK);
}

/* n records of len bytes, uows 2, 4, 6, ..., each flushed: their LSNs in l
 * (if not NULL), and in seal (if not NULL) the seal file as it was before
 * the last one's flush. */
static void put_n(struct log *lg, int n, size_t len, uint64_t *l, uint8_t seal[LOG_SEAL_SIZE])
{
	for (int i = 0; i < n; i++) {
		if (seal && i == n - 1)
			seal_get(seal);
		uint64_t lsn = put_seed(lg, (uint64_t)i * 2 + 2, len, 1);
		if (l)
			l[i] = lsn;
	}
}

/* A linear log (mgmt; 64-page extents) of n records of 20000 bytes (uow 2,
 * each flushed); first_in[s] is the first record in extent s (s < 8). */
static struct log *linear_log(uint32_t mgmt, int n, uint64_t first_in[8])
{
	struct log *lg = new_log(LOG_LINEAR, mgmt, 2, 1, 64, 0);
	memset(first_in, 0, 8 * sizeof first_in[0]);
	for (int i = 0; i < n; i++) {
		uint64_t l = put_seed(lg, 2, 20000, 1);
		uint64_t sq = l / (64 * 4096);
		if (sq < 8 && !first_in[sq])
			first_in[sq] = l;
	}
	return lg;
}

/* A closed circular log (2 + 1 files of 64 pages) of put_n's n records of
 * len bytes (l, seal: as put_n's): a copy of its extent file 0, whose path
 * is put in path. */
static uint8_t *closed_log_copy(int n, size_t len, uint64_t *l, uint8_t seal[LOG_SEAL_SIZE], char *path, size_t pn)
{
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64, 0);
	put_n(lg, n, len, l, seal);
	assert_int_equal(log_close(lg), QM_OK);
	return ext0_copy(path, pn, 64 * 4096);
}

/* XOR the byte at off of the file with mask. */
static void flip(const char *path, uint64_t off, uint8_t mask)
{
	uint8_t b;
	int fd = open(path, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, &b, 1, (off_t)off), 1);
	b ^= mask;
	assert_int_equal(pwrite(fd, &b, 1, (off_t)off), 1);
	close(fd);
}

/* The sealed LSN of the seal file, which must be this log's. */
static uint64_t seal_lsn(void)
{
	struct log_seal sl;
	char why[300];
	assert_int_equal(logseal_read(dir, (const uint8_t *)"0123456789abcdef", &sl, why, sizeof why), QM_OK);
	return sl.sealed_lsn;
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
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 3, 2, 64, 0);
	size_t sizes[] = { 0, 1, 100, 4096, 70000, 200000, 33 };
	uint64_t lsns[16];
	for (size_t i = 0; i < 7; i++)
		lsns[i] = put_seed(lg, i + 1, sizes[i], i % 2);
	assert_int_equal(log_flush(lg, lsns[6]), QM_OK);
	assert_int_equal(log_close(lg), QM_OK);
	uint64_t got[16], uows[16];
	int n = read_ok(got, uows, 16, "read");
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
	assert_int_equal(read_ok(NULL, NULL, 0, "read after reopening"), 8);
}

static void test_log__extent_switch_linear(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_LINEAR, LOG_MANUAL, 2, 1, 64, 0);
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
	assert_int_equal(read_ok(NULL, NULL, 0, "read"), 40);
}

static void test_log__circular_ring_and_full(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64, 0);
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
	assert_int_equal(read_ok(NULL, NULL, 0, "read"), 13);   /* the commit and the 12 after it */
}

static void test_log__linear_management(void **s)
{
	(void)s;
	for (uint32_t mgmt = LOG_MANUAL; mgmt <= LOG_ARCHIVE; mgmt++) {
		uint64_t first_in[8];
		struct log *lg = linear_log(mgmt, 60, first_in);
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
			assert_int_equal(log_archived(lg, "S0000000.LOG", 0, NULL), LOG_ARCH_OK);
			assert_false(file_exists("S0000000.LOG"));
			assert_true(file_exists("S0000001.LOG"));  /* not yet archived */
			assert_int_equal(log_archived(lg, "S0000002.LOG", 0, NULL), LOG_ARCH_OK);  /* archived but needed for media */
			assert_true(file_exists("S0000002.LOG"));
			assert_int_equal(log_archived(lg, "S0000001.LOG", 0, NULL), LOG_ARCH_OK);
			assert_false(file_exists("S0000001.LOG"));
			assert_int_equal(log_archived(lg, "S0000999.LOG", 0, NULL), LOG_ARCH_UNKNOWN);
		}
		/* recycled files are used again for new extents */
		for (int i = 0; i < 30; i++)
			put_seed(lg, 2, 20000, 1);
		log_info(lg, &li);
		if (mgmt == LOG_AUTOMATIC)
			assert_true(li.n_reused >= 1);
		assert_int_equal(log_close(lg), QM_OK);
		assert_true(read_ok(NULL, NULL, 0, "LogManagement %u", mgmt) > 30);
	}
}

static void test_log__tail_cut_every_offset(void **s)
{
	(void)s;
	uint64_t l[6];
	uint8_t seal[LOG_SEAL_SIZE];   /* as it was before the last flush */
	char path[4200];
	size_t esz = 64 * 4096;
	uint8_t *orig = closed_log_copy(5, 300, l, seal, path, sizeof path), *junk = malloc(4096);
	uint64_t off = l[4] % esz;
	uint32_t len = LOG_HDR_SIZE + 300;
	for (uint32_t k = 0; k < len; k++) {
		patch(path, 0, orig, esz);
		seal_put(seal);   /* the last flush never finished its sync */
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
		assert_int_equal(read_ok(NULL, uows, 8, "k=%u", k), 5);
		assert_int_equal(uows[3], 8);
		assert_int_equal(uows[4], 99);
	}
	free(orig);
	free(junk);
}

static void test_log__bit_flip_detected(void **s)
{
	(void)s;
	uint64_t l[10];
	uint8_t seal[LOG_SEAL_SIZE];
	char path[4200];
	size_t esz = 64 * 4096;
	uint8_t *orig = closed_log_copy(10, 200, l, seal, path, sizeof path);
	uint32_t len = LOG_HDR_SIZE + 200;
	for (uint32_t k = 0; k < len; k++) {
		patch(path, 0, orig, esz);
		flip(path, l[3] % esz + k, (uint8_t)(1u << (k % 8)));
		char err[512] = "";
		int rc = read_all(LOG_START_HEAD, NULL, NULL, 0, err, sizeof err);
		if (rc != QM_ECORRUPT)
			fail_msg("flip at byte %u of record 3 not reported (rc %d)", k, rc);
		char lsn[20];
		assert_has(err, "S0000000.LOG", "offset", log_lsn_str(l[3], lsn), NULL);
		assert_has(open_refused(QM_ECORRUPT), "S0000000.LOG", NULL);
	}
	/* a flip in the last flush, whose sync never completed (the seal is
	 * older): it is cut off and reported, the rest kept */
	patch(path, 0, orig, esz);
	seal_put(seal);
	flip(path, l[9] % esz + 70, 1);
	struct log *lg2;
	struct log_open_report rep;
	assert_int_equal(log_open(dir, LOG_OPEN_WRITE, 0, &lg2, &rep), QM_OK);
	if (rep.cut_lsn != l[9])
		fail_msg("cut at %llx, expected %llx: %s", (unsigned long long)rep.cut_lsn, (unsigned long long)l[9], rep.why);
	assert_has(rep.why, "bad checksum", NULL);
	assert_int_equal(log_close(lg2), QM_OK);
	free(orig);
}

static void test_log__stale_extent(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 3, 1, 64, 0);
	uint8_t b[20000];
	uint64_t last = 0;
	fill(b, sizeof b, 5, 0);
	/* fill extent 0 and go into 1 */
	for (int i = 0; i < 14; i++)
		last = putf(lg, 5, b, sizeof b);
	char path[4200];
	size_t esz = 64 * 4096;
	uint8_t *old = ext0_copy(path, sizeof path, esz);   /* extent 0 as of the first pass */
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
	struct log_reader *r = reader((struct log_reader_opts){ .start = LOG_START_BASE });
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
	assert_has(rep.why, "stale", NULL);
	free(old);
	free(cur);
}

static void test_log__missing_extent(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_LINEAR, LOG_MANUAL, 2, 1, 64, 0);
	for (int i = 0; i < 30; i++)
		put_seed(lg, 4, 20000, 1);
	assert_int_equal(log_close(lg), QM_OK);
	char path[4200];
	ext_file(1, path, sizeof path);
	assert_int_equal(unlink(path), 0);
	assert_has(open_refused(QM_ENOENT), "S0000001.LOG", NULL);
	assert_has(read_refused(QM_ENOENT), "S0000001.LOG", NULL);
}

static void test_log__eio_on_fsync_fails_log(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64, 1);
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
	int n = read_ok(lsns, NULL, 4, "read after the crash");
	assert_true(n >= 1);
	assert_true(lsns[0] == a);
}

static void test_log__crash_keeps_acknowledged(void **s)
{
	(void)s;
	for (unsigned seed = 0; seed < 40; seed++) {
		struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64, 1);
		int acked = 5 + (int)(seed % 7);
		put_n(lg, acked, 50 + seed * 37 % 3000, NULL, NULL);
		/* records appended but not waited for: the writer may or may not have
		 * written them when the power goes */
		for (int i = 0; i < 3; i++)
			put_seed(lg, 1000 + (uint64_t)i * 2, 4000, 0);
		if (seed % 2)
			faultio_crash_torn_path(seed, "/active/S");   /* an extent's write, not the seal's */
		else
			faultio_crash();
		log_close(lg);   /* the writer dies with the crash; this only frees */
		faultio_reset();
		lg = op();
		assert_int_equal(log_close(lg), QM_OK);
		faultio_uninstall();
		uint64_t uows[64];
		int n = read_ok(NULL, uows, 64, "seed %u", seed);
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
	gc_log = new_log(LOG_CIRCULAR, LOG_MANUAL, 3, 2, 256, 0);
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
	int n = read_ok(NULL, uows, GC_THREADS * GC_EACH, "read");
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
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64, 0);
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

/* ---- issue 9 defect 1 (follow-up): unfinished multi-part records -------- */

/* What log_with_unfinished_record made. */
struct unfinished {
	uint64_t a, b;          /* the small record A, the unfinished record B */
	uint32_t np;            /* B's parts left */
	uint64_t plast;         /* the last of them */
	uint64_t cut;           /* where the log now ends */
};

/* A log of one small record A and a record B of four parts written in more
 * than one flush (the smallest buffer holds two parts, not three), then "a
 * crash" after which only B's first parts are on disk: everything from the
 * first flush that starts after B's part 0 is zeros, and the seal says no
 * more than that was synced. */
static void log_with_unfinished_record(struct unfinished *u)
{
	memset(u, 0, sizeof *u);
	fresh_dir();
	mk(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 256);
	struct log *lg = op_buf(18);   /* the smallest buffer (taken as 33 pages) */
	u->a = put_seed(lg, 2, 100, 1);
	uint64_t last, lb = put_parts(lg, 4, 3 * LOG_PART_MAX + 1000, &last);
	assert_int_equal(log_close(lg), QM_OK);
	/* the parts and the flush starts, read physically */
	struct log_reader *rd = reader((struct log_reader_opts){ .start = LOG_START_HEAD, .include_pad = 1 });
	struct log_record rec;
	uint64_t part_lsn[4] = { 0 }, flush_after = 0;
	int k, n = 0;
	while ((k = log_reader_next(rd, &rec)) == 1) {
		if (rec.hdr.type == LOG_REC_TEST && rec.hdr.uow == 4 && n < 4)
			part_lsn[n++] = rec.hdr.lsn;
		if (n && !flush_after && rec.hdr.lsn > lb && (rec.hdr.flags & LOG_F_FLUSH))
			flush_after = rec.hdr.lsn;
	}
	assert_int_equal(k, 0);
	log_reader_close(rd);
	assert_int_equal(n, 4);
	assert_true(part_lsn[0] == lb && flush_after > lb && flush_after <= part_lsn[3]);
	/* the flushes from there on never reached the disk */
	zero_range(0, flush_after, 256 * 4096);
	seal_set(flush_after, NULL);
	for (int i = 0; i < 4 && part_lsn[i] < flush_after; i++) {
		u->plast = part_lsn[i];
		u->np++;
	}
	u->cut = flush_after;
	u->b = lb;
}

/* What read_logical read. */
struct logical {
	int n;                               /* records */
	uint64_t lsns[8];
	uint32_t parts[8];
	int npt;                             /* partial records reported */
	struct log_reader_partial pt[4];
};

/* Read logically from the head: the records' LSNs and the partial report. */
static void read_logical(struct logical *lr)
{
	struct log_reader *rd = reader((struct log_reader_opts){ .start = LOG_START_HEAD, .logical = 1 });
	struct log_record rec;
	int k;
	lr->n = 0;
	while ((k = log_reader_next(rd, &rec)) == 1) {
		if (lr->n < 8) {
			lr->lsns[lr->n] = rec.hdr.lsn;
			lr->parts[lr->n] = rec.parts;
		}
		lr->n++;
	}
	if (k < 0)
		fail_msg("read: %s", log_reader_error(rd));
	lr->npt = log_reader_partials(rd, lr->pt, 4);
	log_reader_close(rd);
}

/* issue 9 defect 1 follow-up: the log ends inside a multi-part record */
static void test_log__partial_record_at_end(void **s)
{
	(void)s;
	struct unfinished u;
	log_with_unfinished_record(&u);
	struct logical r;
	read_logical(&r);
	assert_int_equal(r.n, 1);
	assert_true(r.lsns[0] == u.a);
	assert_int_equal(r.npt, 1);                 /* B was dropped, and said so */
	assert_true(r.pt[0].first_lsn == u.b);
	assert_true(r.pt[0].last_lsn == u.plast);
	assert_int_equal(r.pt[0].parts, u.np);
	assert_true(u.np >= 1 && u.np < 4);
	assert_int_equal(r.pt[0].type, LOG_REC_TEST);
	assert_int_equal(r.pt[0].uow, 4);
	/* log_open finds the end where the zeros begin */
	struct log *lg;
	struct log_open_report rep;
	assert_int_equal(log_open(dir, LOG_OPEN_WRITE, 0, &lg, &rep), QM_OK);
	assert_true(rep.end_lsn == u.cut);
	assert_int_equal(log_close(lg), QM_OK);
}

/* found by the crash suite: a reader that starts at an extent's start
 * (dmpmqlog -b, LOG_START_BASE, LOG_START_EXTENT) may land on the later parts
 * of a record begun in the extent before; they are skipped, and the records
 * after them read, instead of "part N found where part 0 was expected" */
static void test_log__start_of_extent_inside_a_record(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_LINEAR, LOG_MANUAL, 2, 1, 64, 0);
	size_t dlen = 5 * LOG_PART_MAX;
	uint8_t *d = malloc(dlen);
	fill(d, dlen, 8, 0);
	uint64_t big = 0, after = 0;
	/* records until one straddles the end of extent 0 */
	while (!big) {
		struct log_rec r = { .type = LOG_REC_TEST, .uow = 1, .data = d, .len = dlen };
		uint64_t first, last;
		assert_int_equal(log_append(lg, &r, &first, &last), QM_OK);
		if (first / (64 * 4096) == 0 && last / (64 * 4096) == 1)
			big = first;
	}
	after = put(lg, LOG_REC_TEST, 2, "after", 5);
	assert_int_equal(log_flush(lg, after), QM_OK);
	assert_int_equal(log_close(lg), QM_OK);
	struct log_reader *rd = reader((struct log_reader_opts){ .start = LOG_START_EXTENT, .extent = 1, .logical = 1 });
	struct log_record rec;
	int k, seen_after = 0;
	while ((k = log_reader_next(rd, &rec)) == 1) {
		assert_true(rec.hdr.lsn != big);
		if (rec.hdr.lsn == after)
			seen_after = 1;
	}
	if (k < 0)
		fail_msg("reader: %s", log_reader_error(rd));
	assert_int_equal(log_reader_partials(rd, NULL, 0), 0);
	assert_true(seen_after);
	log_reader_close(rd);
	free(d);
}

/* issue 9 defect 1 follow-up: new records follow an unfinished one (the
 * queue manager went on after the restart): part 0 of a new multi-part
 * record, then a whole record */
static void test_log__partial_record_then_new(void **s)
{
	(void)s;
	struct unfinished u;
	log_with_unfinished_record(&u);
	struct log *lg = op();
	uint64_t last, ld = put_parts(lg, 6, LOG_PART_MAX + 500, &last);
	uint64_t le = put_seed(lg, 8, 50, 1);
	assert_int_equal(log_close(lg), QM_OK);
	struct logical r;
	read_logical(&r);
	assert_int_equal(r.n, 3);
	assert_true(r.lsns[0] == u.a && r.lsns[1] == ld && r.lsns[2] == le);
	assert_int_equal(r.parts[1], 2);
	assert_int_equal(r.npt, 1);
	assert_true(r.pt[0].first_lsn == u.b && r.pt[0].last_lsn == u.plast);
	assert_int_equal(r.pt[0].parts, u.np);
	/* and a whole record right after the unfinished one counts the same */
	log_with_unfinished_record(&u);
	lg = op();
	le = put_seed(lg, 8, 50, 1);
	assert_int_equal(log_close(lg), QM_OK);
	read_logical(&r);
	assert_int_equal(r.n, 2);
	assert_true(r.lsns[1] == le);
	assert_int_equal(r.npt, 1);
	assert_true(r.pt[0].first_lsn == u.b);
}

/* ---- issue 9 defect 6: diagnostics ------------------------------------- */

/* issue 9 defect 6 (a): what failed, where, which LSNs, which errno */
/* Linear logs format the next extent ahead on a thread of their own: once
 * the log has moved into an extent, the one after it appears (without the
 * log's lock held while its zeros are written), and appending into it finds
 * it ready; everything appended reads back. */
static void test_log__next_extent_formatted_ahead(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_LINEAR, LOG_MANUAL, 2, 1, 64, 0);
	assert_int_equal(big_appends(lg, 30, -1), QM_OK);   /* 600 KB: into sequence 2 of 256 KiB extents */
	struct log_info li;
	assert_int_equal(log_info(lg, &li), QM_OK);
	assert_true(li.cur_seq >= 2);
	char next[32];
	snprintf(next, sizeof next, "S%07llu.LOG", (unsigned long long)(li.cur_seq + 1));
	for (int i = 0; i < 500 && !file_exists(next); i++)
		usleep(10000);
	assert_true(file_exists(next));
	char tmp[40];
	snprintf(tmp, sizeof tmp, "%s.fmt", next);
	assert_false(file_exists(tmp));
	uint64_t before = li.cur_seq;
	assert_int_equal(big_appends(lg, 15, -1), QM_OK);
	assert_int_equal(log_info(lg, &li), QM_OK);
	assert_true(li.cur_seq > before);
	log_close(lg);
	char err[512];
	assert_int_equal(read_all(LOG_START_BASE, NULL, NULL, 0, err, sizeof err), 45);
}

static void test_log__failure_text(void **s)
{
	(void)s;
	char lsn[20], buf[700];
	/* fdatasync */
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64, 1);
	put_seed(lg, 2, 100, 1);
	assert_string_equal(log_failure(lg), "");
	assert_int_equal(log_last_error(lg, buf, sizeof buf), QM_OK);
	faultio_fail_sync(1, EIO, "/active/S");
	uint64_t x = put(lg, LOG_REC_TEST, 4, "abc", 3);
	assert_int_equal(log_flush(lg, x), QM_EFAILED);
	const char *f = log_failure(lg);
	print_message("failure: %s\n", f);
	assert_has(f, "fdatasync", "S0000000.LOG", log_lsn_str(x, lsn), strerror(EIO), "errno 5", NULL);
	assert_int_not_equal(log_last_error(lg, buf, sizeof buf), QM_OK);
	assert_string_equal(buf, f);
	log_close(lg);
	faultio_uninstall();
	/* write */
	lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64, 1);
	faultio_fail_write(1, EIO, "/active/S");
	x = put(lg, LOG_REC_TEST, 4, "abc", 3);
	assert_int_equal(log_flush(lg, x), QM_EFAILED);
	assert_has(log_failure(lg), "write of log extent S0000000.LOG", "errno 5", NULL);
	log_close(lg);
	faultio_uninstall();
	/* creating an extent: its folder sync fails */
	lg = new_log(LOG_LINEAR, LOG_MANUAL, 2, 1, 64, 1);
	assert_int_not_equal(big_appends(lg, 40, 1), QM_OK);
	assert_log_failed(lg, "syncing the folder of new log extent S0000002.LOG", "errno 5", NULL);
	log_close(lg);
	faultio_uninstall();
}

/* issue 9 defect 6 (b): no space for a new extent is QM_ENOSPC, says why,
 * and the log goes on once there is space */
static void test_log__enospc_new_extent(void **s)
{
	(void)s;
	for (int variant = 3; variant >= 0; variant--) {
		/* 0 circular secondary, 1 linear new extent: no room for the extent;
		 * 2, 3 the same with room for the extent but not the control file */
		int linear = variant & 1, ctl = variant >= 2;
		struct log *lg = new_log(linear ? LOG_LINEAR : LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64, 1);
		uint8_t b[20000];
		fill(b, sizeof b, 2, 0);
		int rc = QM_OK, n = 0;
		struct log_info li;
		struct log_rec r = { .type = LOG_REC_TEST, .uow = 2, .data = b, .len = sizeof b };
		uint64_t l = 0;
		for (; n < 60; n++) {
			/* this append's own writes fit; a new extent (fallocate and zeros
			 * of 256 KiB each, its header) does not, or just does */
			faultio_space_budget(ctl ? 2 * 64 * 4096 + 4096 + 1000 : 100000);
			rc = log_append(lg, &r, &l, NULL);
			if (rc)
				break;
			assert_int_equal(log_flush(lg, l), QM_OK);
		}
		faultio_space_budget(-1);
		if (rc != QM_ENOSPC)
			fail_msg("variant %d: append %d: %s", variant, n, qm_strerror(rc));
		if (log_failed(lg))
			fail_msg("variant %d: the log failed on ENOSPC", variant);
		log_info(lg, &li);
		assert_int_equal(li.cur_seq, 1);
		/* space again: the same append goes through */
		assert_int_equal(log_append(lg, &r, &l, NULL), QM_OK);
		assert_int_equal(log_flush(lg, l), QM_OK);
		log_info(lg, &li);
		assert_int_equal(li.cur_seq, 2);
		/* and what happened was said */
		assert_string_equal(log_failure(lg), "");
		char why[700];
		assert_int_equal(log_last_error(lg, why, sizeof why), QM_ENOSPC);
		print_message("variant %d: %s\n", variant, why);
		assert_has(why, ctl ? "amqhlctl.lfh" : "S0000002.LOG", "errno 28", NULL);
		assert_int_equal(log_close(lg), QM_OK);
		faultio_uninstall();
		assert_int_equal(read_ok(NULL, NULL, 0, "variant %d", variant), n + 1);
	}
}

/* With faultio installed (before the log is made): a linear log
 * (LogManagement Automatic) filled over six extents; first_in[s] is the
 * first record in extent s. */
static struct log *linear_auto(uint64_t first_in[8])
{
	faultio_install();
	struct log *lg = linear_log(LOG_AUTOMATIC, 70, first_in);
	assert_true(first_in[5] != 0);
	/* media recovery needs nothing before extent 4 (frees nothing yet: the
	 * restart LSN is still in extent 0) */
	assert_int_equal(log_set_media_lsn(lg, first_in[4]), QM_OK);
	return lg;
}

/* Moves the restart LSN to lsn (freeing the extents before it) while the
 * next operation of the kinds ops on path fails with EIO: what
 * log_set_restart_lsn returns. */
static int restart_at_failing(struct log *lg, uint64_t lsn, unsigned ops, const char *path)
{
	faultio_fail_op(ops, 1, EIO, path, false);
	return log_set_restart_lsn(lg, lsn);
}

/* The R files the control file lists are the R files in the folder. */
static void check_r_list(const char *when)
{
	struct logctl c;
	char why[512];
	assert_int_equal(logctl_read(dir, &c, why, sizeof why), QM_OK);
	int on_disk = 0;
	for (uint32_t f = 0; f < 16; f++) {
		char name[16];
		log_extent_name(f, name);
		name[0] = 'R';
		int listed = 0;
		for (uint32_t i = 0; i < c.nring; i++)
			listed |= c.ring[i] == f;
		if (file_exists(name) != listed)
			fail_msg("%s: %s is %s but %s", when, name, file_exists(name) ? "in the folder" : "not in the folder",
				 listed ? "listed" : "not listed");
		on_disk += file_exists(name);
	}
	assert_int_equal((uint32_t)on_disk, c.nring);
}

/* issue 9 defect 6 (c): a failed folder sync after moving, recycling or
 * removing extents is fatal (WAL rule 8) */
static void test_log__release_dir_sync_fatal(void **s)
{
	(void)s;
	uint64_t first_in[8];
	/* moving S to R (and removing what does not fit the R list) */
	struct log *lg = linear_auto(first_in);
	assert_int_not_equal(restart_at_failing(lg, first_in[4], FAULTIO_FSYNC, "/active"), QM_OK);
	assert_log_failed(lg, "syncing the log folder", "S0000000.LOG to R0000000.LOG", "errno 5", NULL);
	uint64_t y;
	struct log_rec r = { .type = LOG_REC_TEST, .uow = 2, .data = "x", .len = 1 };
	assert_int_equal(log_append(lg, &r, &y, NULL), QM_EFAILED);
	log_close(lg);
	faultio_uninstall();

	/* recycling an R file for a new extent */
	lg = linear_auto(first_in);
	assert_int_equal(log_set_restart_lsn(lg, first_in[4]), QM_OK);
	assert_true(file_exists("R0000000.LOG") || file_exists("R0000001.LOG"));
	faultio_fail_op(FAULTIO_FSYNC, 1, EIO, "/active", false);
	assert_int_not_equal(big_appends(lg, 40, -1), QM_OK);
	assert_log_failed(lg, "syncing the log folder after renaming R000000", NULL);
	log_close(lg);
	faultio_uninstall();

	/* removing a circular secondary that is no longer needed */
	lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64, 1);
	uint64_t last = 0;
	for (int i = 0; i < 28; i++)   /* past 2 extents, short of the reserves */
		last = put_seed(lg, 2, 20000, 1);
	assert_true(file_exists("S0000002.LOG"));
	assert_int_not_equal(restart_at_failing(lg, last, FAULTIO_FSYNC, "/active"), QM_OK);
	assert_log_failed(lg, "after removing S000000", NULL);   /* the secondary freed */
	log_close(lg);
	faultio_uninstall();
}

/* issue 9 defect 6 (d): the list of R files stays true to the folder when a
 * rename fails, whether freeing an extent or recycling one */
static void test_log__r_list_true_to_disk(void **s)
{
	(void)s;
	uint64_t first_in[8];
	/* freeing: S0000000.LOG cannot be renamed to R0000000.LOG */
	struct log *lg = linear_auto(first_in);
	assert_int_equal(restart_at_failing(lg, first_in[4], FAULTIO_RENAME, "/active/S0000000"), QM_OK);
	assert_int_equal(log_failed(lg), 0);
	assert_true(file_exists("S0000000.LOG"));
	check_r_list("after a failed move to R");
	char why[700];
	assert_int_not_equal(log_last_error(lg, why, sizeof why), QM_OK);
	assert_has(why, "S0000000.LOG", NULL);
	assert_int_equal(log_close(lg), QM_OK);
	faultio_uninstall();

	/* recycling: the R file cannot be renamed to the new extent's name */
	lg = linear_auto(first_in);
	assert_int_equal(log_set_restart_lsn(lg, first_in[4]), QM_OK);
	check_r_list("after freeing");
	faultio_fail_op(FAULTIO_RENAME, 1, EIO, "/active/R", false);
	struct log_info li0, li;
	log_info(lg, &li0);
	for (int i = 0; i < 30; i++)
		put_seed(lg, 2, 20000, 1);
	log_info(lg, &li);
	assert_true(li.cur_seq > li0.cur_seq);
	assert_int_equal(log_failed(lg), 0);
	check_r_list("after a failed recycle");
	assert_int_equal(log_close(lg), QM_OK);
	faultio_uninstall();
	read_ok(NULL, NULL, 0, "read");
}

/* ---- issue 9 defect 7: truncated extents ------------------------------- */

/* issue 9 defect 7 (a): an extent shorter than its preallocated size is
 * refused, naming it and both sizes, not taken for the end of the log */
static void test_log__truncated_extent(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 256, 0);
	put_n(lg, 100, 100, NULL, NULL);   /* 100 flushes: all in extent 0, the active one */
	struct log_info li;
	log_info(lg, &li);
	assert_int_equal(li.cur_seq, 0);
	assert_int_equal(log_close(lg), QM_OK);
	char path[4200];
	ext_file(0, path, sizeof path);
	assert_int_equal(truncate(path, 4096), 0);   /* truncate -s 4096 */
	for (int noseal = 0; noseal < 2; noseal++) {
		if (noseal)   /* the size check alone, as for a log made before seals */
			assert_int_equal(unlink(seal_path()), 0);
		const char *why = open_refused(QM_ECORRUPT);
		print_message("%s\n", why);
		assert_has(why, "S0000000.LOG", "4096 bytes", "1048576 bytes", NULL);
		assert_has(read_refused(QM_ECORRUPT), "4096 bytes", NULL);
	}
}

/* issue 9 defect 7 (b): a log that ends before the restart LSN of the
 * control file is refused by log_open and log_reader_end */
static void test_log__end_before_restart_lsn(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64, 0);
	uint64_t l[20];
	put_n(lg, 20, 100, l, NULL);
	assert_int_equal(log_set_restart_lsn(lg, l[10]), QM_OK);
	assert_int_equal(log_close(lg), QM_OK);
	/* the records from the restart point on are gone (the size kept, no seal) */
	zero_range(0, l[10] % (64 * 4096), 64 * 4096);
	unlink(seal_path());   /* as a log made before seals: the restart LSN check alone */
	const char *why = open_refused(QM_ECORRUPT);
	print_message("%s\n", why);
	char lsn[20];
	assert_has(why, "before the restart point", log_lsn_str(l[10], lsn), "amqhlctl.lfh", NULL);
	struct log_reader *rd = reader((struct log_reader_opts){ .start = LOG_START_HEAD });
	struct log_reader_end end;
	assert_int_equal(log_reader_end(rd, &end), QM_ECORRUPT);
	assert_has(log_reader_error(rd), "before the restart point", NULL);
	log_reader_close(rd);
}

/* ---- issue 9 defect 11: damage inside the last flush -------------------- */

/* issue 9 defect 11: a flush whose sync completed (the seal says so) and
 * then fails its checksum is corruption, refused, not a torn tail */
static void test_log__sealed_damage_refused(void **s)
{
	(void)s;
	uint64_t l[10];
	uint8_t seal8[LOG_SEAL_SIZE];
	char path[4200], lsn[20];
	size_t esz = 64 * 4096;
	uint8_t *orig = closed_log_copy(10, 200, l, seal8, path, sizeof path);
	flip(path, l[9] % esz + 70, 1);
	/* sealed: refused, like damage in the middle */
	const char *why = open_refused(QM_ECORRUPT);
	print_message("%s\n", why);
	assert_has(why, "S0000000.LOG", "offset", log_lsn_str(l[9], lsn), "completely written and synced", NULL);
	assert_has(read_refused(QM_ECORRUPT), "completely written and synced", NULL);
	/* the same damage when the seal is older (its sync never completed): a
	 * torn tail, cut and reported */
	seal_put(seal8);
	struct log *lg2 = NULL;
	struct log_open_report rep;
	assert_int_equal(log_open(dir, LOG_OPEN_WRITE, 0, &lg2, &rep), QM_OK);
	assert_true(rep.cut_lsn == l[9]);
	assert_int_equal(log_close(lg2), QM_OK);
	/* the last flush gone entirely (zeros) while sealed: refused */
	patch(path, 0, orig, esz);
	lg2 = op();                        /* seals the end again */
	assert_int_equal(log_close(lg2), QM_OK);
	zero_range(0, l[9] % esz, esz);
	why = open_refused(QM_ECORRUPT);
	print_message("%s\n", why);
	assert_has(why, "completely written and synced", NULL);
	free(orig);
}

/* issue 9 defect 11: a log shorter than what was synced (here: an older
 * control file that ends the log an extent early) is refused */
static void test_log__shorter_than_sealed_refused(void **s)
{
	(void)s;
	fresh_dir();
	mk(LOG_LINEAR, LOG_MANUAL, 2, 1, 64);
	char ctl[4200];
	snprintf(ctl, sizeof ctl, "%s/amqhlctl.lfh", dir);
	uint8_t old[4096];
	slurp(ctl, old, sizeof old);       /* cur_seq 0 */
	struct log *lg = op();
	for (int i = 0; i < 30; i++)
		put_seed(lg, 2, 20000, 1);     /* into extent 2 */
	assert_int_equal(log_close(lg), QM_OK);
	patch(ctl, 0, old, sizeof old);
	const char *why = open_refused(QM_ECORRUPT);
	print_message("%s\n", why);
	assert_has(why, "the log ends at LSN", "completely written and synced", LOG_SEAL_NAME, NULL);
}

/* issue 9 defect 11: a seal that is not this log's (another queue manager,
 * a bad checksum) is ignored, said in the report, and replaced */
static void test_log__foreign_seal_ignored(void **s)
{
	(void)s;
	for (int bad = 0; bad < 2; bad++) {
		uint64_t l[5];
		char path[4200];
		free(closed_log_copy(5, 200, l, NULL, path, sizeof path));   /* its path only */
		/* a seal far past the end: it would refuse the log if it counted */
		if (bad == 0) {
			seal_set(1ull << 40, "another-queue-mg");
		} else {
			uint8_t sb[LOG_SEAL_SIZE];
			seal_set(1ull << 40, NULL);
			seal_get(sb);
			sb[60] ^= 0x10;
			seal_put(sb);
		}
		/* and the last flush damaged: a torn tail again, since nothing seals it */
		flip(path, l[4] % (64 * 4096) + 70, 4);
		struct log *lg2 = NULL;
		struct log_open_report rep;
		int rc = log_open(dir, LOG_OPEN_WRITE, 0, &lg2, &rep);
		if (rc)
			fail_msg("bad=%d: %s", bad, rep.why);
		print_message("%s\n", rep.seal_note);
		assert_has(rep.seal_note, bad ? "damaged" : "another queue manager", "ignored", NULL);
		assert_true(rep.sealed_lsn == 0);
		assert_true(rep.cut_lsn == l[4]);
		assert_int_equal(log_close(lg2), QM_OK);
		/* replaced by a seal of this log */
		assert_true(seal_lsn() == l[4]);
	}
}

/* issue 9 defect 11: a log made before seals (no seal file) opens as before
 * and gets one */
static void test_log__missing_seal_made(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64, 0);
	uint64_t l = put_seed(lg, 2, 200, 1);
	assert_int_equal(log_close(lg), QM_OK);
	assert_int_equal(unlink(seal_path()), 0);
	struct log_open_report rep;
	assert_int_equal(log_open(dir, LOG_OPEN_WRITE, 0, &lg, &rep), QM_OK);
	assert_has(rep.seal_note, "no seal file", NULL);
	assert_int_equal(access(seal_path(), F_OK), 0);
	uint64_t l2 = put_seed(lg, 4, 200, 1);
	assert_true(l2 > l);
	assert_int_equal(log_close(lg), QM_OK);
	assert_true(seal_lsn() > l2);
}

/* ---- issue 9 defect 8: the log's identity ------------------------------ */

/* issue 9 defect 8: log_info and the reader give the log's queue manager identity */
static void test_log__identity(void **s)
{
	(void)s;
	struct log *lg = new_log(LOG_CIRCULAR, LOG_MANUAL, 2, 1, 64, 0);
	struct log_info li;
	assert_int_equal(log_info(lg, &li), QM_OK);
	assert_memory_equal(li.qmid, "0123456789abcdef", 16);
	assert_int_equal(log_close(lg), QM_OK);
	struct log_reader *rd = reader((struct log_reader_opts){ .start = LOG_START_HEAD });
	assert_memory_equal(log_reader_qmid(rd), "0123456789abcdef", 16);
	assert_memory_equal(log_reader_ctl(rd)->qmid, "0123456789abcdef", 16);
	log_reader_close(rd);
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
		cmocka_unit_test(test_log__partial_record_at_end),
		cmocka_unit_test(test_log__partial_record_then_new),
		cmocka_unit_test(test_log__start_of_extent_inside_a_record),
		cmocka_unit_test(test_log__next_extent_formatted_ahead),
		cmocka_unit_test(test_log__failure_text),
		cmocka_unit_test(test_log__enospc_new_extent),
		cmocka_unit_test(test_log__release_dir_sync_fatal),
		cmocka_unit_test(test_log__r_list_true_to_disk),
		cmocka_unit_test(test_log__truncated_extent),
		cmocka_unit_test(test_log__end_before_restart_lsn),
		cmocka_unit_test(test_log__sealed_damage_refused),
		cmocka_unit_test(test_log__shorter_than_sealed_refused),
		cmocka_unit_test(test_log__foreign_seal_ignored),
		cmocka_unit_test(test_log__missing_seal_made),
		cmocka_unit_test(test_log__identity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
