/* test_objfile.c: object files: round trips, damage detection, writing safely. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "objects/objfile.h"
#include "objects/objdef.h"
#include "cmqc.h"
#include "log/qmerr.h"
#include "tests/unit/faultio.h"

/* --- helpers --------------------------------------------------------------- */

static const uint8_t ID_A[OBJDEF_IDENTITY_LEN] = { 0xa1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
static const uint8_t ID_B[OBJDEF_IDENTITY_LEN] = { 0xb2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };

/* A fresh queue manager folder with qmanager/ and queues/ in it. */
static void fresh_qmdir(char *out, size_t n)
{
	const char *base = getenv("QUIRE_TEST_DIR");
	char p[600];
	snprintf(out, n, "%s/objfile.XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(out));
	snprintf(p, sizeof p, "%s/qmanager", out);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof p, "%s/queues", out);
	assert_int_equal(mkdir(p, 0700), 0);
}

static void make_qmgr(struct objdef *qm)
{
	char err[200];
	assert_int_equal(objdef_qmgr_new(qm, "QM.ONE", 1700000000, err, sizeof err), QM_OK);
	memcpy(qm->identity, ID_A, sizeof ID_A);
	assert_int_equal(objdef_set(qm, "DEADQ", "DEV.DEAD.LETTER.QUEUE", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(qm, "IMGSCHED", "AUTO", err, sizeof err), QM_OK);
}

static void make_queue(struct objdef *q, int type, const char *name)
{
	char err[200];
	assert_int_equal(objdef_inherit(q, NULL, type, err, sizeof err), QM_OK);
	assert_int_equal(objdef_set_name(q, name, err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(q, "DESCR", "test queue", err, sizeof err), QM_OK);
	if (type == OBJDEF_QALIAS)
		assert_int_equal(objdef_set(q, "TARGET", "DEV.QUEUE.1", err, sizeof err), QM_OK);
	else
		assert_int_equal(objdef_set(q, "MAXDEPTH", "2000", err, sizeof err), QM_OK);
	objdef_stamp(q, 1700000000, 1);
}

static void slurp(const char *path, uint8_t **buf, size_t *n)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	*n = (size_t)st.st_size;
	*buf = malloc(*n ? *n : 1);
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, *buf, *n), (ssize_t)*n);
	close(fd);
}

/* Test-only, not durable: put bytes into a file as they are. */
static void spill(const char *path, const uint8_t *buf, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, n), (ssize_t)n);
	close(fd);
}

static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Message i of a generated queue. */
static size_t msg_size(uint64_t i)
{
	if (i % 10 == 0)
		return 0;
	if (i % 100 == 1)
		return 100 * 1024;
	return (size_t)(i * 7 % 3000);
}

static void msg_fill(uint64_t i, struct objfile_msg *m, uint8_t *data)
{
	memset(m, 0, sizeof *m);
	m->seq = 1000 + i;
	m->put_lsn = 4096 + i * 64;
	m->put_time_ms = 1700000000000LL + (int64_t)i;
	m->expiry_ms = i % 3 == 0 ? -1 : 1800000000000LL + (int64_t)i;
	m->priority = (int32_t)(i % 10);
	m->persistence = (int32_t)(i % 2);
	m->backout_count = (int32_t)(i % 4);
	for (int k = 0; k < 24; k++) {
		m->msgid[k] = (uint8_t)(i + (uint64_t)k);
		m->correlid[k] = (uint8_t)(i * 3 + (uint64_t)k);
		m->groupid[k] = (uint8_t)(i * 5 + (uint64_t)k);
	}
	for (int k = 0; k < OBJFILE_MQMD_LEN; k++)
		m->mqmd[k] = (uint8_t)(i * 11 + (uint64_t)k);
	memcpy(m->mqmd, "MD  ", 4);
	m->data_len = (uint32_t)msg_size(i);
	for (size_t j = 0; j < m->data_len; j++)
		data[j] = (uint8_t)(i * 31 + j);
}

struct gen {
	uint64_t i, n;
	uint8_t *buf;
	int fail_at;      /* >0: return an error at this message */
	int small;        /* bodies of 5 * i bytes instead of msg_size(i) */
};

static int gen_next(void *ctx, struct objfile_msg *m, const void **data)
{
	struct gen *g = ctx;
	if (g->i >= g->n)
		return 0;
	if (g->fail_at > 0 && (uint64_t)g->fail_at == g->i + 1)
		return QM_EIO;
	msg_fill(g->i, m, g->buf);
	if (g->small)
		m->data_len = (uint32_t)(5 * g->i);
	*data = g->buf;
	g->i++;
	return 1;
}

struct check {
	uint64_t seen;
	const char *path;
	uint8_t *expect;
	int stop_at;
};

static int check_msg(void *ctx, const struct objfile_msg *m, const void *data, uint64_t data_off)
{
	struct check *c = ctx;
	struct objfile_msg want;
	msg_fill(c->seen, &want, c->expect);
	assert_int_equal(m->seq, want.seq);
	assert_int_equal(m->put_lsn, want.put_lsn);
	assert_int_equal(m->put_time_ms, want.put_time_ms);
	assert_int_equal(m->expiry_ms, want.expiry_ms);
	assert_int_equal(m->priority, want.priority);
	assert_int_equal(m->persistence, want.persistence);
	assert_int_equal(m->backout_count, want.backout_count);
	assert_memory_equal(m->msgid, want.msgid, 24);
	assert_memory_equal(m->correlid, want.correlid, 24);
	assert_memory_equal(m->groupid, want.groupid, 24);
	assert_memory_equal(m->mqmd, want.mqmd, OBJFILE_MQMD_LEN);
	assert_int_equal(m->data_len, want.data_len);
	if (m->data_len) {
		assert_memory_equal(data, c->expect, m->data_len);
		/* data_off points at the same bytes in the file */
		uint8_t *again = malloc(m->data_len);
		int fd = open(c->path, O_RDONLY);
		assert_int_equal(pread(fd, again, m->data_len, (off_t)data_off), (ssize_t)m->data_len);
		close(fd);
		assert_memory_equal(again, c->expect, m->data_len);
		free(again);
	}
	c->seen++;
	if (c->stop_at > 0 && c->seen == (uint64_t)c->stop_at)
		return 4242;
	return 0;
}

static void write_queue(const char *qmdir, const char *folder, const struct objdef *q, uint64_t n, uint64_t lsn)
{
	char err[400];
	struct gen g = { 0, n, malloc(200 * 1024), 0, 0 };
	int rc = objfile_write_queue(qmdir, folder, ID_A, q, lsn, n, n ? gen_next : NULL, &g, err, sizeof err);
	if (rc)
		fail_msg("write queue: %s", err);
	assert_int_equal(g.i, n);
	free(g.buf);
}

static void read_queue_ok(const char *qmdir, const char *folder, const struct objdef *q, uint64_t n, uint64_t lsn)
{
	char err[400], path[700];
	struct objdef back;
	uint64_t got_lsn = 0, count = 99;
	assert_int_equal(objfile_path(qmdir, OBJFILE_QUEUE, folder, path, sizeof path), QM_OK);
	struct check c = { 0, path, malloc(200 * 1024), 0 };
	int rc = objfile_read_queue(qmdir, folder, ID_A, q->type, q->name, &back, &got_lsn, &count, check_msg, &c,
				    err, sizeof err);
	if (rc)
		fail_msg("read queue: %s", err);
	assert_true(objdef_equal(q, &back));
	assert_int_equal(got_lsn, lsn);
	assert_int_equal(count, n);
	assert_int_equal(c.seen, n);
	free(c.expect);
}

static void make_dir(const char *qmdir, const char *folder)
{
	char p[700];
	snprintf(p, sizeof p, "%s/queues/%s", qmdir, folder);
	assert_int_equal(mkdir(p, 0700), 0);
}

/* Every truncation and every flipped bit (or one bit per byte) of a file is
 * QM_EDAMAGED; read_fn reads the object and returns its code and message. */
typedef int (*read_fn)(const char *qmdir, char *err, size_t errlen);

static void damage_all(const char *qmdir, const char *path, read_fn rd, int every_bit)
{
	uint8_t *orig, *bad;
	size_t n;
	char err[400];
	slurp(path, &orig, &n);
	bad = malloc(n);
	assert_int_equal(rd(qmdir, err, sizeof err), QM_OK);
	for (size_t k = 0; k < n; k++) {
		spill(path, orig, k);
		err[0] = 0;
		int rc = rd(qmdir, err, sizeof err);
		if (rc != QM_EDAMAGED)
			fail_msg("truncated to %zu of %zu bytes: rc %d", k, n, rc);
		assert_non_null(strstr(err, path));
	}
	for (size_t k = 0; k < n; k++) {
		for (int bit = 0; bit < 8; bit++) {
			if (!every_bit && bit != (int)(k % 8))
				continue;
			memcpy(bad, orig, n);
			bad[k] ^= (uint8_t)(1u << bit);
			spill(path, bad, n);
			int rc = rd(qmdir, err, sizeof err);
			if (rc != QM_EDAMAGED)
				fail_msg("bit %d of byte %zu flipped: rc %d", bit, k, rc);
		}
	}
	/* one byte more */
	memcpy(bad, orig, n);
	spill(path, orig, n);
	int fd = open(path, O_WRONLY | O_APPEND);
	assert_int_equal(write(fd, "x", 1), 1);
	close(fd);
	assert_int_equal(rd(qmdir, err, sizeof err), QM_EDAMAGED);
	spill(path, orig, n);
	assert_int_equal(rd(qmdir, err, sizeof err), QM_OK);
	free(orig);
	free(bad);
}

static int rd_qmgr(const char *qmdir, char *err, size_t errlen)
{
	struct objdef qm;
	return objfile_read_qmgr(qmdir, ID_A, &qm, NULL, err, errlen);
}

static int rd_catalog(const char *qmdir, char *err, size_t errlen)
{
	struct objcat c;
	int rc = objfile_read_catalog(qmdir, ID_A, &c, NULL, err, errlen);
	objcat_free(&c);
	return rc;
}

static int rd_small_queue(const char *qmdir, char *err, size_t errlen)
{
	struct objdef q;
	return objfile_read_queue(qmdir, "SMALL!Q", ID_A, OBJDEF_QLOCAL, "SMALL.Q", &q, NULL, NULL, NULL, NULL, err,
				  errlen);
}

/* --- tests ----------------------------------------------------------------- */

static void test_objfile__qmgr_round_trip(void **state)
{
	(void)state;
	char qmdir[500], err[400], path[700];
	struct objdef qm, back;
	uint64_t lsn = 0;
	fresh_qmdir(qmdir, sizeof qmdir);
	make_qmgr(&qm);
	assert_int_equal(objfile_write_qmgr(qmdir, &qm, 0x123456789abcULL, err, sizeof err), QM_OK);
	assert_int_equal(objfile_path(qmdir, OBJFILE_QMGR, NULL, path, sizeof path), QM_OK);
	assert_non_null(strstr(path, "/qmanager/QMANAGER"));
	assert_true(file_exists(path));
	memset(&back, 0, sizeof back);
	assert_int_equal(objfile_read_qmgr(qmdir, ID_A, &back, &lsn, err, sizeof err), QM_OK);
	assert_true(objdef_equal(&qm, &back));
	assert_int_equal(lsn, 0x123456789abcULL);
	/* the identity comes from the file when none is expected */
	assert_int_equal(objfile_read_qmgr(qmdir, NULL, &back, NULL, err, sizeof err), QM_OK);
	assert_memory_equal(back.identity, ID_A, sizeof ID_A);
	/* the file starts with the magic, version 1, kind 1 and the identity */
	uint8_t *buf;
	size_t n;
	slurp(path, &buf, &n);
	assert_memory_equal(buf, "QUIREOBJ\1\0\0\0\1\0\0\0", 16);
	assert_memory_equal(buf + 16, ID_A, 16);
	assert_int_equal(buf[32] | buf[33] << 8, 5);    /* MQOT_Q_MGR */
	assert_int_equal(buf[48], 6);                   /* "QM.ONE" */
	assert_memory_equal(buf + 50, "QM.ONE", 6);
	free(buf);
	/* rewriting replaces it */
	assert_int_equal(objdef_set(&qm, "MAXHANDS", "42", err, sizeof err), QM_OK);
	assert_int_equal(objfile_write_qmgr(qmdir, &qm, 7, err, sizeof err), QM_OK);
	assert_int_equal(objfile_read_qmgr(qmdir, ID_A, &back, &lsn, err, sizeof err), QM_OK);
	assert_int_equal(back.max_handles, 42);
	assert_int_equal(lsn, 7);
	/* another queue manager's */
	assert_int_equal(objfile_read_qmgr(qmdir, ID_B, &back, &lsn, err, sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, "belongs to queue manager identity a1010203"));
	assert_non_null(strstr(err, path));
	/* a queue is not a queue manager */
	struct objdef q;
	make_queue(&q, OBJDEF_QLOCAL, "Q");
	assert_int_equal(objfile_write_qmgr(qmdir, &q, 7, err, sizeof err), QM_EINVAL);
}

static void test_objfile__qmgr_missing(void **state)
{
	(void)state;
	char qmdir[500], err[400];
	struct objdef qm;
	struct objcat c;
	fresh_qmdir(qmdir, sizeof qmdir);
	assert_int_equal(objfile_read_qmgr(qmdir, ID_A, &qm, NULL, err, sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, "QMANAGER: the file is missing"));
	assert_int_equal(objfile_read_catalog(qmdir, ID_A, &c, NULL, err, sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, "QMQMOBJCAT: the file is missing"));
	objcat_free(&c);
}

static void test_objfile__catalog(void **state)
{
	(void)state;
	char qmdir[500], err[400];
	struct objcat c, back;
	uint64_t lsn;
	fresh_qmdir(qmdir, sizeof qmdir);
	objcat_init(&c);
	/* empty */
	assert_int_equal(objfile_write_catalog(qmdir, ID_A, &c, 0, err, sizeof err), QM_OK);
	assert_int_equal(objfile_read_catalog(qmdir, ID_A, &back, &lsn, err, sizeof err), QM_OK);
	assert_int_equal(back.n, 0);
	objcat_free(&back);
	/* entries of every queue type, added out of order */
	assert_int_equal(objcat_add(&c, OBJDEF_QLOCAL, "Z.LAST", "Z!LAST"), QM_OK);
	assert_int_equal(objcat_add(&c, OBJDEF_QALIAS, "A.ALIAS", "A!ALIAS"), QM_OK);
	assert_int_equal(objcat_add(&c, OBJDEF_QMODEL, "M/MODEL", "M&MODEL"), QM_OK);
	assert_int_equal(objcat_add(&c, OBJDEF_QLOCAL, "m.model", "m!model.000"), QM_OK);
	assert_int_equal(objcat_add(&c, OBJDEF_QLOCAL, "A.ALIAS", "X"), QM_EEXIST);   /* one namespace */
	assert_int_equal(objcat_add(&c, OBJDEF_QMGR, "QM", "QM"), QM_EINVAL);
	assert_int_equal(objcat_add(&c, OBJDEF_QLOCAL, "BAD NAME", "X"), QM_EINVAL);
	assert_int_equal(objcat_add(&c, OBJDEF_QLOCAL, "OK", "../etc"), QM_EINVAL);
	assert_int_equal(objcat_add(&c, OBJDEF_QLOCAL, "OK", "a/b"), QM_EINVAL);
	assert_int_equal(c.n, 4);
	assert_string_equal(c.v[0].name, "A.ALIAS");
	assert_string_equal(c.v[3].name, "m.model");
	for (int i = 0; i < 300; i++) {
		char name[32], folder[32];
		snprintf(name, sizeof name, "APP.Q%03d", i);
		snprintf(folder, sizeof folder, "APP!Q%03d", i);
		assert_int_equal(objcat_add(&c, OBJDEF_QLOCAL, name, folder), QM_OK);
	}
	assert_int_equal(objfile_write_catalog(qmdir, ID_A, &c, 99, err, sizeof err), QM_OK);
	assert_int_equal(objfile_read_catalog(qmdir, ID_A, &back, &lsn, err, sizeof err), QM_OK);
	assert_int_equal(lsn, 99);
	assert_int_equal(back.n, c.n);
	for (size_t i = 0; i < c.n; i++) {
		assert_int_equal(back.v[i].type, c.v[i].type);
		assert_string_equal(back.v[i].name, c.v[i].name);
		assert_string_equal(back.v[i].folder, c.v[i].folder);
	}
	const struct objcat_entry *e = objcat_find(&back, OBJDEF_QLOCAL, "M/MODEL");
	assert_non_null(e);
	assert_int_equal(e->type, OBJDEF_QMODEL);
	assert_string_equal(e->folder, "M&MODEL");
	assert_null(objcat_find(&back, OBJDEF_QLOCAL, "m/model"));
	assert_null(objcat_find(&back, OBJDEF_QMGR, "A.ALIAS"));
	assert_int_equal(objcat_remove(&back, OBJDEF_QALIAS, "APP.Q150"), QM_OK);
	assert_null(objcat_find(&back, OBJDEF_QLOCAL, "APP.Q150"));
	assert_int_equal(objcat_remove(&back, OBJDEF_QALIAS, "APP.Q150"), QM_ENOENT);
	assert_int_equal(back.n, c.n - 1);
	objcat_free(&back);
	/* another queue manager's catalog */
	assert_int_equal(objfile_read_catalog(qmdir, ID_B, &back, &lsn, err, sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, "identity"));
	assert_int_equal(back.n, 0);
	objcat_free(&back);
	objcat_free(&c);
}

static void test_objfile__queue_types(void **state)
{
	(void)state;
	char qmdir[500], err[400];
	struct objdef q;
	fresh_qmdir(qmdir, sizeof qmdir);
	const struct { int type; const char *name, *folder; } qs[] = {
		{ OBJDEF_QLOCAL, "LOCAL.Q", "LOCAL!Q" },
		{ OBJDEF_QALIAS, "ALIAS.Q", "ALIAS!Q" },
		{ OBJDEF_QMODEL, "MODEL.Q", "MODEL!Q" },
	};
	for (size_t i = 0; i < 3; i++) {
		make_dir(qmdir, qs[i].folder);
		make_queue(&q, qs[i].type, qs[i].name);
		write_queue(qmdir, qs[i].folder, &q, 0, 10 + i);
		read_queue_ok(qmdir, qs[i].folder, &q, 0, 10 + i);
	}
	/* only local queues hold messages */
	make_queue(&q, OBJDEF_QALIAS, "ALIAS.Q");
	struct gen g = { 0, 1, malloc(200 * 1024), 0, 0 };
	assert_int_equal(objfile_write_queue(qmdir, "ALIAS!Q", ID_A, &q, 1, 1, gen_next, &g, err, sizeof err),
			 QM_EINVAL);
	free(g.buf);
	/* the expected type and name must match */
	assert_int_equal(objfile_read_queue(qmdir, "ALIAS!Q", ID_A, OBJDEF_QLOCAL, NULL, &q, NULL, NULL, NULL, NULL,
					    err, sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, "holds a qalias, the catalog says qlocal"));
	assert_int_equal(objfile_read_queue(qmdir, "ALIAS!Q", ID_A, 0, "OTHER.Q", &q, NULL, NULL, NULL, NULL,
					    err, sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, "holds queue ALIAS.Q, not OTHER.Q"));
	assert_int_equal(objfile_read_queue(qmdir, "ALIAS!Q", ID_A, 0, NULL, &q, NULL, NULL, NULL, NULL,
					    err, sizeof err), QM_OK);
	assert_int_equal(objfile_read_queue(qmdir, "ALIAS!Q", ID_B, 0, NULL, &q, NULL, NULL, NULL, NULL,
					    err, sizeof err), QM_EDAMAGED);
	/* bad folder names never become paths */
	assert_int_equal(objfile_read_queue(qmdir, "..", ID_A, 0, NULL, &q, NULL, NULL, NULL, NULL, err,
					    sizeof err), QM_EINVAL);
	assert_int_equal(objfile_write_queue(qmdir, "a/b", ID_A, &q, 0, 0, NULL, NULL, err, sizeof err), QM_EINVAL);
}

static void test_objfile__queue_messages(void **state)
{
	(void)state;
	char qmdir[500], path[700];
	struct objdef q;
	fresh_qmdir(qmdir, sizeof qmdir);
	make_dir(qmdir, "DEEP!Q");
	make_queue(&q, OBJDEF_QLOCAL, "DEEP.Q");
	assert_int_equal(objfile_path(qmdir, OBJFILE_QUEUE, "DEEP!Q", path, sizeof path), QM_OK);
	write_queue(qmdir, "DEEP!Q", &q, 1, 5);
	read_queue_ok(qmdir, "DEEP!Q", &q, 1, 5);
	/* 1000 messages: 0-byte and 100 KiB bodies among them; bigger than the
	 * write buffer, so the file is streamed */
	write_queue(qmdir, "DEEP!Q", &q, 1000, 0xfeedULL);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_true((size_t)st.st_size > OBJFILE_WBUF_SIZE);
	read_queue_ok(qmdir, "DEEP!Q", &q, 1000, 0xfeedULL);
	char tmp[720];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	assert_false(file_exists(tmp));
	/* a callback's code stops the read */
	char err[400];
	struct check c = { 0, path, malloc(200 * 1024), 7 };
	struct objdef back;
	assert_int_equal(objfile_read_queue(qmdir, "DEEP!Q", ID_A, 0, NULL, &back, NULL, NULL, check_msg, &c, err,
					    sizeof err), 4242);
	assert_int_equal(c.seen, 7);
	free(c.expect);
	/* back to empty */
	write_queue(qmdir, "DEEP!Q", &q, 0, 6);
	read_queue_ok(qmdir, "DEEP!Q", &q, 0, 6);
}

static void test_objfile__iterator_errors(void **state)
{
	(void)state;
	char qmdir[500], err[400], path[700];
	struct objdef q;
	fresh_qmdir(qmdir, sizeof qmdir);
	make_dir(qmdir, "Q");
	make_queue(&q, OBJDEF_QLOCAL, "Q");
	write_queue(qmdir, "Q", &q, 3, 1);
	assert_int_equal(objfile_path(qmdir, OBJFILE_QUEUE, "Q", path, sizeof path), QM_OK);
	uint8_t *before;
	size_t nbefore;
	slurp(path, &before, &nbefore);

	struct gen g = { 0, 2, malloc(200 * 1024), 0, 0 };
	assert_int_equal(objfile_write_queue(qmdir, "Q", ID_A, &q, 2, 3, gen_next, &g, err, sizeof err), QM_EINVAL);
	assert_non_null(strstr(err, "fewer messages than the 3 announced"));
	g.i = 0;
	g.n = 5;
	assert_int_equal(objfile_write_queue(qmdir, "Q", ID_A, &q, 2, 3, gen_next, &g, err, sizeof err), QM_EINVAL);
	assert_non_null(strstr(err, "more messages"));
	g.i = 0;
	g.n = 1500;
	g.fail_at = 1200;   /* after the file has started to stream */
	assert_int_equal(objfile_write_queue(qmdir, "Q", ID_A, &q, 2, 1500, gen_next, &g, err, sizeof err), QM_EIO);
	free(g.buf);
	/* the old file is untouched and no temporary is left behind */
	uint8_t *after;
	size_t nafter;
	slurp(path, &after, &nafter);
	assert_int_equal(nafter, nbefore);
	assert_memory_equal(after, before, nbefore);
	char tmp[720];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	assert_false(file_exists(tmp));
	free(before);
	free(after);
	read_queue_ok(qmdir, "Q", &q, 3, 1);
}

static int bad_priority(void *ctx, struct objfile_msg *m, const void **data)
{
	int *n = ctx;
	if ((*n)++ > 0)
		return 0;
	memset(m, 0, sizeof *m);
	m->priority = 10;
	*data = NULL;
	return 1;
}

static void test_objfile__message_rules(void **state)
{
	(void)state;
	char qmdir[500], err[400];
	struct objdef q;
	struct objfile_msg m, back;
	uint8_t h[OBJFILE_MSG_HDR_LEN], data[4096];
	fresh_qmdir(qmdir, sizeof qmdir);
	make_dir(qmdir, "Q");
	make_queue(&q, OBJDEF_QLOCAL, "Q");
	int n = 0;
	assert_int_equal(objfile_write_queue(qmdir, "Q", ID_A, &q, 0, 1, bad_priority, &n, err, sizeof err),
			 QM_EINVAL);
	assert_non_null(strstr(err, "priority 10 is not 0 to 9"));
	/* the header layout */
	msg_fill(5, &m, data);
	m.data_len = 0x01020304;
	objfile_msg_encode(&m, h);
	assert_int_equal(h[0], (1005 & 0xff));
	assert_int_equal(h[32], 5);          /* priority */
	assert_int_equal(h[36], 1);          /* persistence */
	assert_memory_equal(h + 48, m.msgid, 24);
	assert_memory_equal(h + 120, "MD  ", 4);
	assert_int_equal(h[484], 4);
	assert_int_equal(h[487], 1);
	m.data_len = 10;
	objfile_msg_encode(&m, h);
	assert_int_equal(objfile_msg_decode(h, &back, err, sizeof err), QM_OK);
	assert_memory_equal(&back, &m, sizeof m);
	/* each range */
	struct { size_t off; uint8_t val; const char *why; } bad[] = {
		{ 23, 0x80, "put time" }, { 31, 0x80, "expiry" }, { 32, 10, "priority" }, { 35, 0x80, "priority" },
		{ 36, 2, "persistence" }, { 43, 0x80, "backout" }, { 44, 1, "flags" }, { 487, 0x10, "data length" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint8_t x[OBJFILE_MSG_HDR_LEN];
		memcpy(x, h, sizeof x);
		x[bad[i].off] = bad[i].val;
		assert_int_equal(objfile_msg_decode(x, &back, err, sizeof err), QM_ECORRUPT);
		assert_non_null(strstr(err, bad[i].why));
	}
}

static void test_objfile__damage_qmgr(void **state)
{
	(void)state;
	char qmdir[500], err[400], path[700];
	struct objdef qm;
	fresh_qmdir(qmdir, sizeof qmdir);
	make_qmgr(&qm);
	assert_int_equal(objfile_write_qmgr(qmdir, &qm, 1, err, sizeof err), QM_OK);
	objfile_path(qmdir, OBJFILE_QMGR, NULL, path, sizeof path);
	damage_all(qmdir, path, rd_qmgr, 1);
}

static void test_objfile__damage_catalog(void **state)
{
	(void)state;
	char qmdir[500], err[400], path[700];
	struct objcat c;
	fresh_qmdir(qmdir, sizeof qmdir);
	objcat_init(&c);
	assert_int_equal(objcat_add(&c, OBJDEF_QLOCAL, "A.B", "A!B"), QM_OK);
	assert_int_equal(objcat_add(&c, OBJDEF_QALIAS, "C", "C.001"), QM_OK);
	assert_int_equal(objfile_write_catalog(qmdir, ID_A, &c, 1, err, sizeof err), QM_OK);
	objcat_free(&c);
	objfile_path(qmdir, OBJFILE_CATALOG, NULL, path, sizeof path);
	damage_all(qmdir, path, rd_catalog, 1);
}

static void test_objfile__damage_queue(void **state)
{
	(void)state;
	char qmdir[500], path[700];
	struct objdef q;
	fresh_qmdir(qmdir, sizeof qmdir);
	make_dir(qmdir, "SMALL!Q");
	make_queue(&q, OBJDEF_QLOCAL, "SMALL.Q");
	/* messages of 0, 5 and 10 bytes */
	char err[400];
	struct gen g = { 0, 3, malloc(200 * 1024), 0, 1 };
	assert_int_equal(objfile_write_queue(qmdir, "SMALL!Q", ID_A, &q, 1, 3, gen_next, &g, err, sizeof err), QM_OK);
	free(g.buf);
	objfile_path(qmdir, OBJFILE_QUEUE, "SMALL!Q", path, sizeof path);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size < 2100);   /* (small, so that flipping every bit stays quick) */
	damage_all(qmdir, path, rd_small_queue, 1);
}

static void test_objfile__damage_kinds(void **state)
{
	(void)state;
	char qmdir[500], err[400], qpath[700], mpath[700], cpath[700];
	struct objdef qm, q;
	struct objcat c;
	uint8_t *buf;
	size_t n;
	fresh_qmdir(qmdir, sizeof qmdir);
	make_qmgr(&qm);
	assert_int_equal(objfile_write_qmgr(qmdir, &qm, 1, err, sizeof err), QM_OK);
	objfile_path(qmdir, OBJFILE_QMGR, NULL, mpath, sizeof mpath);
	objfile_path(qmdir, OBJFILE_CATALOG, NULL, cpath, sizeof cpath);
	make_dir(qmdir, "SMALL!Q");
	objfile_path(qmdir, OBJFILE_QUEUE, "SMALL!Q", qpath, sizeof qpath);
	/* a queue manager file where a queue's should be */
	slurp(mpath, &buf, &n);
	spill(qpath, buf, n);
	spill(cpath, buf, n);
	free(buf);
	assert_int_equal(rd_small_queue(qmdir, err, sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, "file kind 1, expected 3"));
	assert_int_equal(objfile_read_catalog(qmdir, ID_A, &c, NULL, err, sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, "file kind 1, expected 2"));
	objcat_free(&c);
	/* something that is not an object file at all */
	static const char text[] = "hello, this is not an object file at all, honestly, it is just some text";
	spill(qpath, (const uint8_t *)text, sizeof text - 1);
	assert_int_equal(rd_small_queue(qmdir, err, sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, "bad magic"));
	/* a newer format */
	make_queue(&q, OBJDEF_QLOCAL, "SMALL.Q");
	write_queue(qmdir, "SMALL!Q", &q, 0, 1);
	slurp(qpath, &buf, &n);
	buf[8] = 2;
	spill(qpath, buf, n);
	free(buf);
	assert_int_equal(rd_small_queue(qmdir, err, sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, "format version 2"));
	/* a folder in place of the file */
	unlink(qpath);
	assert_int_equal(mkdir(qpath, 0700), 0);
	assert_int_equal(rd_small_queue(qmdir, err, sizeof err), QM_EDAMAGED);
	rmdir(qpath);
}

static void test_objfile__load_from_catalog(void **state)
{
	(void)state;
	char qmdir[500], err[400], folder[NAMES_FILE_SIZE], path[700];
	struct objdef q, back;
	struct objcat c;
	uint64_t count;
	fresh_qmdir(qmdir, sizeof qmdir);
	objcat_init(&c);
	make_queue(&q, OBJDEF_QLOCAL, "DEV.QUEUE.1");
	assert_int_equal(objfile_queue_dir_new(qmdir, q.name, folder, sizeof folder, err, sizeof err), QM_OK);
	assert_string_equal(folder, "DEV!QUEUE!1");
	assert_int_equal(objcat_add(&c, q.type, q.name, folder), QM_OK);
	write_queue(qmdir, folder, &q, 2, 3);
	assert_int_equal(objfile_load_queue(qmdir, ID_A, &c, "DEV.QUEUE.1", &back, NULL, &count, NULL, NULL, err,
					    sizeof err), QM_OK);
	assert_true(objdef_equal(&q, &back));
	assert_int_equal(count, 2);
	/* not catalogued: QM_ENOENT; catalogued but missing: QM_EDAMAGED */
	assert_int_equal(objfile_load_queue(qmdir, ID_A, &c, "DEV.QUEUE.2", &back, NULL, NULL, NULL, NULL, err,
					    sizeof err), QM_ENOENT);
	assert_string_equal(err, "queue DEV.QUEUE.2 is not in the object catalog");
	objfile_path(qmdir, OBJFILE_QUEUE, folder, path, sizeof path);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(objfile_load_queue(qmdir, ID_A, &c, "DEV.QUEUE.1", &back, NULL, NULL, NULL, NULL, err,
					    sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "the file is missing"));
	/* a second queue differing in case gets its own folder */
	char folder2[NAMES_FILE_SIZE];
	assert_int_equal(objfile_queue_dir_new(qmdir, "dev.queue.1", folder2, sizeof folder2, err, sizeof err),
			 QM_OK);
	assert_string_equal(folder2, "dev!queue!1.000");
	/* a queue file in the wrong folder is someone else's */
	struct objdef other;
	make_queue(&other, OBJDEF_QLOCAL, "dev.queue.1");
	write_queue(qmdir, folder, &other, 0, 1);
	assert_int_equal(objfile_load_queue(qmdir, ID_A, &c, "DEV.QUEUE.1", &back, NULL, NULL, NULL, NULL, err,
					    sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, "holds queue dev.queue.1, not DEV.QUEUE.1"));
	/* removal */
	assert_int_equal(objfile_queue_remove(qmdir, folder, err, sizeof err), QM_OK);
	char dir[700];
	snprintf(dir, sizeof dir, "%s/queues/%s", qmdir, folder);
	assert_false(file_exists(dir));
	assert_int_equal(objfile_queue_remove(qmdir, folder, err, sizeof err), QM_OK);
	assert_int_equal(objfile_queue_remove(qmdir, folder2, err, sizeof err), QM_OK);
	objcat_free(&c);
}

/* Writes fail cleanly and never damage the previous file; after a crash at any
 * point the file is the old one or the new one, whole. */
/* A process definition: its file under processes/ (kind 4), its own
 * namespace in the catalog (a queue of the same name beside it), refused
 * messages, damage found, the catalog read back with both. */
static void test_objfile__process(void **state)
{
	(void)state;
	char qmdir[500], err[400], pf[NAMES_FILE_SIZE], qf[NAMES_FILE_SIZE], path[700];
	struct objdef p, q, back;
	struct objcat c, c2;
	uint64_t lsn, count;
	fresh_qmdir(qmdir, sizeof qmdir);
	objcat_init(&c);
	objdef_init_default(OBJDEF_PROCESS, &p);
	assert_int_equal(objdef_set_name(&p, "APP.ONE", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(&p, "APPLICID", "/bin/app 'x'", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(&p, "APPLTYPE", "70000", err, sizeof err), QM_OK);
	make_queue(&q, OBJDEF_QLOCAL, "APP.ONE");
	assert_int_equal(objfile_obj_dir_new(qmdir, OBJDEF_PROCESS, p.name, pf, sizeof pf, err, sizeof err), QM_OK);
	assert_int_equal(objfile_queue_dir_new(qmdir, q.name, qf, sizeof qf, err, sizeof err), QM_OK);
	assert_string_equal(pf, "APP!ONE");
	assert_string_equal(qf, "APP!ONE");   /* another parent folder: no suffix needed */
	assert_int_equal(objcat_add(&c, OBJDEF_PROCESS, p.name, pf), QM_OK);
	assert_int_equal(objcat_add(&c, OBJDEF_QLOCAL, q.name, qf), QM_OK);
	assert_int_equal(objcat_add(&c, OBJDEF_PROCESS, p.name, pf), QM_EEXIST);
	assert_int_equal(objfile_write_queue(qmdir, pf, ID_A, &p, 7, 0, NULL, NULL, err, sizeof err), QM_OK);
	write_queue(qmdir, qf, &q, 1, 8);
	assert_int_equal(objfile_path(qmdir, OBJFILE_PROCESS, pf, path, sizeof path), QM_OK);
	assert_non_null(strstr(path, "/processes/APP!ONE/p"));
	assert_true(file_exists(path));
	assert_int_equal(objfile_read_queue(qmdir, pf, ID_A, OBJDEF_PROCESS, "APP.ONE", &back, &lsn, &count, NULL, NULL,
					    err, sizeof err), QM_OK);
	assert_true(objdef_equal(&p, &back));
	assert_int_equal(lsn, 7);
	assert_int_equal(count, 0);
	/* a process holds no messages */
	struct gen g = { 0, 1, malloc(200 * 1024), 0, 0 };
	assert_int_equal(objfile_write_queue(qmdir, pf, ID_A, &p, 1, 1, gen_next, &g, err, sizeof err), QM_EINVAL);
	free(g.buf);
	/* the same folder name as a queue reads the queue's file; a queue's file
	 * where the process's should be is damaged (file kind 3, not 4) */
	assert_int_equal(objfile_read_queue(qmdir, qf, ID_A, 0, NULL, &back, NULL, &count, NULL, NULL, err,
					    sizeof err), QM_OK);
	assert_int_equal(back.type, OBJDEF_QLOCAL);
	assert_int_equal(count, 1);
	char qpath[700];
	uint8_t *qb;
	size_t qn;
	objfile_path(qmdir, OBJFILE_QUEUE, qf, qpath, sizeof qpath);
	slurp(path, &qb, &qn);   /* keep the process's file */
	uint8_t *keep = qb;
	size_t keepn = qn;
	slurp(qpath, &qb, &qn);
	spill(path, qb, qn);
	free(qb);
	assert_int_equal(objfile_read_queue(qmdir, pf, ID_A, OBJDEF_PROCESS, NULL, &back, NULL, NULL, NULL, NULL, err,
					    sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, "file kind 3, expected 4"));
	spill(path, keep, keepn);
	free(keep);
	/* the catalog keeps both, each in its namespace */
	assert_int_equal(objfile_write_catalog(qmdir, ID_A, &c, 9, err, sizeof err), QM_OK);
	assert_int_equal(objfile_read_catalog(qmdir, ID_A, &c2, NULL, err, sizeof err), QM_OK);
	assert_int_equal(c2.n, 2);
	const struct objcat_entry *e = objcat_find(&c2, OBJDEF_PROCESS, "APP.ONE");
	assert_non_null(e);
	assert_int_equal(e->type, OBJDEF_PROCESS);
	e = objcat_find(&c2, OBJDEF_QALIAS, "APP.ONE");
	assert_non_null(e);
	assert_int_equal(e->type, OBJDEF_QLOCAL);
	objcat_free(&c2);
	/* damage: one flipped byte */
	uint8_t *buf;
	size_t n;
	slurp(path, &buf, &n);
	buf[n / 2] ^= 0x40;
	spill(path, buf, n);
	free(buf);
	assert_int_equal(objfile_read_queue(qmdir, pf, ID_A, OBJDEF_PROCESS, NULL, &back, NULL, NULL, NULL, NULL, err,
					    sizeof err), QM_EDAMAGED);
	/* removal: the folder under processes/ goes; the queue's stays */
	assert_int_equal(objfile_obj_remove(qmdir, OBJDEF_PROCESS, pf, err, sizeof err), QM_OK);
	assert_false(file_exists(path));
	assert_int_equal(objfile_obj_dir(qmdir, OBJDEF_QLOCAL, qf, path, sizeof path), QM_OK);
	assert_true(file_exists(path));
	assert_int_equal(objcat_remove(&c, OBJDEF_PROCESS, "APP.ONE"), QM_OK);
	assert_non_null(objcat_find(&c, OBJDEF_QLOCAL, "APP.ONE"));
	objcat_free(&c);
}

/* Channels, listeners and authentication information objects: each in its
 * own folder, file kind and catalog namespace (issue 15), all sharing one name. */
static void test_objfile__channel_types(void **state)
{
	(void)state;
	static const struct { int type, kind; const char *path; } t[] = {
		{ OBJDEF_CHANNEL, OBJFILE_CHANNEL, "/channels/DEV!APP/c" },
		{ OBJDEF_LISTENER, OBJFILE_LISTENER, "/listeners/DEV!APP/l" },
		{ OBJDEF_AUTHINFO, OBJFILE_AUTHINFO, "/authinfo/DEV!APP/a" },
	};
	char qmdir[500], err[400], f[3][NAMES_FILE_SIZE], path[700];
	struct objdef d[3], back;
	struct objcat c, c2;
	uint64_t lsn, count;
	fresh_qmdir(qmdir, sizeof qmdir);
	objcat_init(&c);
	for (int i = 0; i < 3; i++) {
		objdef_init_default(t[i].type, &d[i]);
		assert_int_equal(objdef_set_name(&d[i], "DEV.APP", err, sizeof err), QM_OK);
		assert_int_equal(objdef_set(&d[i], "DESCR", "kept on disk", err, sizeof err), QM_OK);
		assert_int_equal(objfile_obj_dir_new(qmdir, t[i].type, "DEV.APP", f[i], sizeof f[i], err, sizeof err),
				 QM_OK);
		assert_string_equal(f[i], "DEV!APP");
		assert_int_equal(objcat_add(&c, t[i].type, "DEV.APP", f[i]), QM_OK);
		assert_int_equal(objfile_write_queue(qmdir, f[i], ID_A, &d[i], 20 + (uint64_t)i, 0, NULL, NULL, err,
						     sizeof err), QM_OK);
		assert_int_equal(objfile_path(qmdir, t[i].kind, f[i], path, sizeof path), QM_OK);
		assert_non_null(strstr(path, t[i].path));
		assert_true(file_exists(path));
		assert_int_equal(objfile_read_queue(qmdir, f[i], ID_A, t[i].type, "DEV.APP", &back, &lsn, &count, NULL,
						    NULL, err, sizeof err), QM_OK);
		assert_true(objdef_equal(&d[i], &back));
		assert_int_equal(lsn, 20 + (uint64_t)i);
		assert_int_equal(count, 0);
	}
	/* the same name again in a namespace is refused; a queue may share it */
	assert_int_equal(objcat_add(&c, OBJDEF_CHANNEL, "DEV.APP", "DEV!APP"), QM_EEXIST);
	assert_int_equal(objcat_add(&c, OBJDEF_QLOCAL, "DEV.APP", "DEV!APP"), QM_OK);
	assert_int_equal(objfile_write_catalog(qmdir, ID_A, &c, 30, err, sizeof err), QM_OK);
	assert_int_equal(objfile_read_catalog(qmdir, ID_A, &c2, NULL, err, sizeof err), QM_OK);
	assert_int_equal(c2.n, 4);
	for (int i = 0; i < 3; i++) {
		const struct objcat_entry *e = objcat_find(&c2, t[i].type, "DEV.APP");
		assert_non_null(e);
		assert_int_equal(e->type, t[i].type);
	}
	objcat_free(&c2);
	/* a channel's file where a listener's should be is damaged (kind 6, not 7) */
	char lpath[700];
	uint8_t *b, *keep;
	size_t n, keepn;
	objfile_path(qmdir, OBJFILE_CHANNEL, f[0], path, sizeof path);
	objfile_path(qmdir, OBJFILE_LISTENER, f[1], lpath, sizeof lpath);
	slurp(lpath, &keep, &keepn);
	slurp(path, &b, &n);
	spill(lpath, b, n);
	free(b);
	assert_int_equal(objfile_read_queue(qmdir, f[1], ID_A, OBJDEF_LISTENER, NULL, &back, NULL, NULL, NULL, NULL,
					    err, sizeof err), QM_EDAMAGED);
	assert_non_null(strstr(err, "file kind 6, expected 7"));
	spill(lpath, keep, keepn);
	free(keep);
	/* removal takes only the one folder */
	assert_int_equal(objfile_obj_remove(qmdir, OBJDEF_CHANNEL, f[0], err, sizeof err), QM_OK);
	assert_false(file_exists(path));
	assert_true(file_exists(lpath));
	objcat_free(&c);
}

static void test_objfile__write_faults(void **state)
{
	(void)state;
	char qmdir[500], err[400], path[700];
	struct objdef q;
	fresh_qmdir(qmdir, sizeof qmdir);
	make_dir(qmdir, "Q");
	make_queue(&q, OBJDEF_QLOCAL, "Q");
	write_queue(qmdir, "Q", &q, 2, 1);
	objfile_path(qmdir, OBJFILE_QUEUE, "Q", path, sizeof path);
	faultio_install();
	/* ENOSPC while replacing a small file and while streaming a big one */
	for (int big = 0; big < 2; big++) {
		uint64_t n = big ? 1000 : 1;
		faultio_reset();
		faultio_fail_write(1, ENOSPC, "q.tmp");
		struct gen g = { 0, n, malloc(200 * 1024), 0, 0 };
		assert_int_equal(objfile_write_queue(qmdir, "Q", ID_A, &q, 9, n, gen_next, &g, err, sizeof err),
				 QM_ENOSPC);
		assert_non_null(strstr(err, "cannot write object file"));
		free(g.buf);
		read_queue_ok(qmdir, "Q", &q, 2, 1);
		/* a failed fsync too */
		faultio_reset();
		faultio_fail_sync(1, EIO, "q.tmp");
		g = (struct gen){ 0, n, malloc(200 * 1024), 0, 0 };
		assert_int_equal(objfile_write_queue(qmdir, "Q", ID_A, &q, 9, n, gen_next, &g, err, sizeof err),
				 QM_EIO);
		free(g.buf);
		read_queue_ok(qmdir, "Q", &q, 2, 1);
	}
	/* a crash at every step of a replace: old or new, never damaged */
	for (int big = 0; big < 2; big++) {
		uint64_t n = big ? 1000 : 4;
		for (int step = 1;; step++) {
			faultio_reset();
			faultio_crash_at(FAULTIO_ANY, step, NULL);
			struct gen g = { 0, n, malloc(200 * 1024), 0, 0 };
			int rc = objfile_write_queue(qmdir, "Q", ID_A, &q, 50, n, gen_next, &g, err, sizeof err);
			free(g.buf);
			int crashed = faultio_crashed();
			faultio_restart();
			faultio_reset();   /* disarm a crash point that did not fire */
			if (!crashed) {
				assert_int_equal(rc, QM_OK);
				assert_true(step > 5);   /* open, write(s), fsync, rename, folder fsync */
				read_queue_ok(qmdir, "Q", &q, n, 50);
				/* back to the old contents for the next round */
				faultio_reset();
				write_queue(qmdir, "Q", &q, 2, 1);
				break;
			}
			struct objdef back;
			uint64_t lsn = 0, count = 0;
			rc = objfile_read_queue(qmdir, "Q", ID_A, 0, NULL, &back, &lsn, &count, NULL, NULL, err,
						sizeof err);
			if (rc)
				fail_msg("crash at step %d (%s): %s", step, big ? "streamed" : "small", err);
			assert_true((lsn == 1 && count == 2) || (lsn == 50 && count == n));
			assert_true(step < 100);
		}
	}
	faultio_uninstall();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_objfile__qmgr_round_trip),
		cmocka_unit_test(test_objfile__qmgr_missing),
		cmocka_unit_test(test_objfile__catalog),
		cmocka_unit_test(test_objfile__queue_types),
		cmocka_unit_test(test_objfile__process),
		cmocka_unit_test(test_objfile__queue_messages),
		cmocka_unit_test(test_objfile__iterator_errors),
		cmocka_unit_test(test_objfile__message_rules),
		cmocka_unit_test(test_objfile__damage_qmgr),
		cmocka_unit_test(test_objfile__damage_catalog),
		cmocka_unit_test(test_objfile__damage_queue),
		cmocka_unit_test(test_objfile__damage_kinds),
		cmocka_unit_test(test_objfile__load_from_catalog),
		cmocka_unit_test(test_objfile__channel_types),
		cmocka_unit_test(test_objfile__write_faults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
