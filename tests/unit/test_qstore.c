/* test_qstore.c: objects/qstore*.c: the queue store: round trips, many
 * checkpoints, open without bodies, compaction and snapshots, power loss at
 * every step of a batch and of compaction, EIO and ENOSPC, damage, another
 * queue manager's store, a deep queue. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log/qmerr.h"
#include "objects/qstore.h"
#include "tests/unit/faultio.h"
#include "tests/unit/scratch.h"

static const uint8_t QM_A[QS_QMID_LEN] = { 0xa1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
static const uint8_t QM_B[QS_QMID_LEN] = { 0xb2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
#define QNAME "DEV.QUEUE.1"

/* ---- messages: message i is fully determined by i ---------------------------------- */

static uint64_t lsn_of(size_t i) { return 1000 + 16 * (uint64_t)i; }
static size_t idx_of(uint64_t lsn) { return (size_t)((lsn - 1000) / 16); }

static int big_sizes;   /* some messages above 64 KiB (the two-read path) */

static uint32_t size_of(size_t i)
{
	if (i % 13 == 0)
		return 0;
	if (big_sizes && i % 97 == 5)
		return 70000 + (uint32_t)(i % 1000);
	return (uint32_t)(i * 37 % 1500);
}

static void msg_make(size_t i, struct objfile_msg *m, uint8_t *data)
{
	memset(m, 0, sizeof *m);
	m->seq = 5 + i;
	m->put_lsn = lsn_of(i);
	m->put_time_ms = 1700000000000LL + (int64_t)i;
	m->expiry_ms = i % 3 ? -1 : 1800000000000LL + (int64_t)i;
	m->priority = (int32_t)(i % 10);
	m->persistence = 1;
	m->backout_count = (int32_t)(i % 2);
	for (int k = 0; k < 24; k++) {
		m->msgid[k] = (uint8_t)(i + (size_t)k + 1);
		m->correlid[k] = i % 4 ? (uint8_t)(i * 3 + (size_t)k) : 0;   /* some MQCI_NONE */
		m->groupid[k] = 0;
	}
	for (int k = 0; k < OBJFILE_MQMD_LEN; k++)
		m->mqmd[k] = (uint8_t)(i * 11 + (size_t)k);
	m->data_len = size_of(i);
	for (uint32_t j = 0; j < m->data_len; j++)
		data[j] = (uint8_t)(i * 31 + j * 7);
}

/* ---- the model: what the store should hold --------------------------------------------- */

struct model {
	size_t n;              /* messages 0..n-1 were put at some time */
	uint8_t *live;
	int32_t *bo;
	uint64_t lsn;
};

static void model_init(struct model *md, size_t cap)
{
	memset(md, 0, sizeof *md);
	md->live = calloc(cap, 1);
	md->bo = calloc(cap, sizeof *md->bo);
}

static void model_copy(struct model *to, const struct model *from, size_t cap)
{
	model_init(to, cap);
	to->n = from->n;
	to->lsn = from->lsn;
	memcpy(to->live, from->live, cap);
	memcpy(to->bo, from->bo, cap * sizeof *to->bo);
}

static void model_free(struct model *md)
{
	free(md->live);
	free(md->bo);
}

static size_t model_count(const struct model *md)
{
	size_t c = 0;
	for (size_t i = 0; i < md->n; i++)
		c += md->live[i];
	return c;
}

/* One batch: put messages [from, to), remove rem[], set bo[] to bo_val. */
struct plan {
	uint64_t lsn;
	size_t from, to;
	size_t *rem, nrem;
	size_t *bo, nbo;
	int32_t bo_val;
};

static int run_plan(struct qstore *s, const struct plan *p)
{
	static uint8_t buf[72000];
	struct objfile_msg m;
	int rc = qstore_batch_begin(s, p->lsn);
	for (size_t i = p->from; rc == QM_OK && i < p->to; i++) {
		const struct qs_entry *e = NULL;
		msg_make(i, &m, buf);
		rc = qstore_put(s, &m, buf, &e);
		if (rc == QM_OK) {
			assert_non_null(e);
			assert_int_equal(e->put_lsn, lsn_of(i));
		}
	}
	for (size_t k = 0; rc == QM_OK && k < p->nbo; k++)
		rc = qstore_set_backout(s, lsn_of(p->bo[k]), p->bo_val);
	for (size_t k = 0; rc == QM_OK && k < p->nrem; k++)
		rc = qstore_remove(s, lsn_of(p->rem[k]));
	if (rc == QM_OK)
		return qstore_batch_commit(s);
	qstore_batch_abort(s);
	return rc;
}

/* One batch at lsn putting messages [from, to) with empty bodies (keeps the
 * data small when a test wants many journal parts); its commit's code. */
static int empty_bodies_batch(struct qstore *s, uint64_t lsn, size_t from, size_t to)
{
	struct objfile_msg m;
	uint8_t buf[1600];
	int rc = qstore_batch_begin(s, lsn);
	for (size_t i = from; rc == QM_OK && i < to; i++) {
		msg_make(i, &m, buf);
		m.data_len = 0;
		rc = qstore_put(s, &m, buf, NULL);
	}
	if (rc == QM_OK)
		rc = qstore_batch_commit(s);
	return rc;
}

static void model_apply(struct model *md, const struct plan *p)
{
	for (size_t i = p->from; i < p->to; i++) {
		md->live[i] = 1;
		md->bo[i] = (int32_t)(i % 2);
	}
	if (p->to > md->n)
		md->n = p->to;
	for (size_t k = 0; k < p->nbo; k++)
		md->bo[p->bo[k]] = p->bo_val;
	for (size_t k = 0; k < p->nrem; k++)
		md->live[p->rem[k]] = 0;
	md->lsn = p->lsn;
}

/* ---- comparing a store with a model ---------------------------------------------------- */

struct coll {
	const struct model *md;
	uint8_t *seen;
	size_t count;
	char why[300];
};

static int collect(void *arg, const struct qs_entry *e)
{
	struct coll *c = arg;
	size_t i = idx_of(e->put_lsn);
	if (e->put_lsn < 1000 || (e->put_lsn - 1000) % 16 || i >= c->md->n) {
		snprintf(c->why, sizeof c->why, "unknown message %llu", (unsigned long long)e->put_lsn);
		return 0;
	}
	if (c->seen[i]++)
		snprintf(c->why, sizeof c->why, "message %zu given twice", i);
	c->count++;
	return 0;
}

/* "" when s holds exactly md (every live message read back and checked),
 * else why not. */
static const char *store_differs(struct qstore *s, const struct model *md, char *why, size_t n)
{
	static uint8_t buf[72000];
	uint8_t want[72000];
	struct objfile_msg m, w;
	why[0] = 0;
	if (qstore_lsn(s) != md->lsn) {
		snprintf(why, n, "lsn %llu, not %llu", (unsigned long long)qstore_lsn(s), (unsigned long long)md->lsn);
		return why;
	}
	struct qstore_stats st;
	qstore_stats(s, &st);
	if (st.live_msgs != model_count(md)) {
		snprintf(why, n, "%llu live, not %zu", (unsigned long long)st.live_msgs, model_count(md));
		return why;
	}
	for (size_t i = 0; i < md->n; i++) {
		const struct qs_entry *e = qstore_find(s, lsn_of(i));
		if (!e != !md->live[i]) {
			snprintf(why, n, "message %zu is %s", i, e ? "there" : "missing");
			return why;
		}
		if (!e)
			continue;
		msg_make(i, &w, want);
		if (e->backout_count != md->bo[i] || e->seq != w.seq || e->priority != (uint8_t)w.priority ||
		    e->expiry_ms != w.expiry_ms || qs_entry_data_len(e) != w.data_len ||
		    e->msgid_hash != qstore_id_hash(w.msgid) || e->correlid_hash != qstore_id_hash(w.correlid) ||
		    e->groupid_hash != 0) {
			snprintf(why, n, "message %zu: index entry differs", i);
			return why;
		}
		int rc = qstore_read(s, e, &m, buf, sizeof buf);
		if (rc) {
			snprintf(why, n, "message %zu: read %s: %s", i, qm_strerror(rc), qstore_last_error(s));
			return why;
		}
		w.backout_count = md->bo[i];
		if (memcmp(&m, &w, sizeof m) != 0 || memcmp(buf, want, w.data_len) != 0) {
			snprintf(why, n, "message %zu: contents differ", i);
			return why;
		}
	}
	return why;
}

/* Open dir and compare with md; the open store in *sp (NULL: closed). */
static const char *open_differs(const char *dir, const struct qstore_opts *o, const struct model *md,
				struct qstore **sp, char *why, size_t n)
{
	struct coll c = { .md = md, .seen = calloc(md->n + 1, 1) };
	struct qstore *s = NULL;
	char err[512];
	uint64_t lsn = 0;
	int rc = qstore_open(dir, QM_A, QNAME, o, collect, &c, &s, &lsn, err, sizeof err);
	if (rc) {
		snprintf(why, n, "open: %s: %s", qm_strerror(rc), err);
	} else if (c.why[0]) {
		snprintf(why, n, "open: %s", c.why);
	} else if (c.count != model_count(md)) {
		snprintf(why, n, "open gave %zu messages, not %zu", c.count, model_count(md));
	} else if (lsn != md->lsn) {
		snprintf(why, n, "open says lsn %llu, not %llu", (unsigned long long)lsn, (unsigned long long)md->lsn);
	} else {
		store_differs(s, md, why, n);
	}
	free(c.seen);
	if (sp && !why[0])
		*sp = s;
	else
		qstore_close(s);
	return why;
}

static void expect_store(const char *dir, const struct qstore_opts *o, const struct model *md)
{
	char why[600];
	if (*open_differs(dir, o, md, NULL, why, sizeof why))
		fail_msg("%s: %s", dir, why);
}

/* ---- folders ------------------------------------------------------------------------------ */

static int count_files(const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *de;
	while (d && (de = readdir(d)) != NULL) {
		size_t a = strlen(de->d_name), b = strlen(suffix);
		n += a >= b && strcmp(de->d_name + a - b, suffix) == 0;
	}
	if (d)
		closedir(d);
	return n;
}

static void create_store(const char *dir, const struct qstore_opts *o, uint64_t lsn, struct qstore **s)
{
	char err[512];
	int rc = qstore_create(dir, QM_A, QNAME, lsn, o, s, err, sizeof err);
	if (rc)
		fail_msg("create %s: %s", qm_strerror(rc), err);
}

static void open_store(const char *dir, const struct qstore_opts *o, struct qstore **s)
{
	char err[512];
	int rc = qstore_open(dir, QM_A, QNAME, o, NULL, NULL, s, NULL, err, sizeof err);
	if (rc)
		fail_msg("open %s: %s", qm_strerror(rc), err);
}

static void commit_ok(struct qstore *s, struct model *md, const struct plan *p)
{
	int rc = run_plan(s, p);
	if (rc)
		fail_msg("batch at lsn %llu: %s: %s", (unsigned long long)p->lsn, qm_strerror(rc), qstore_last_error(s));
	model_apply(md, p);
}

static void compact_all(struct qstore *s, size_t budget)
{
	int more = 1, steps = 0;
	while (more) {
		int rc = qstore_compact_step(s, budget, &more);
		if (rc)
			fail_msg("compaction: %s: %s", qm_strerror(rc), qstore_last_error(s));
		assert_true(++steps < 100000);
	}
}

static uint64_t rnd_state = 88172645463325252ULL;
static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* Up to max live messages of md, picked at random (k of them). */
static size_t pick_live(const struct model *md, size_t *out, size_t max, unsigned pct)
{
	size_t k = 0;
	for (size_t i = 0; i < md->n && k < max; i++)
		if (md->live[i] && rnd() % 100 < pct)
			out[k++] = i;
	return k;
}

/* ---- tests -------------------------------------------------------------------------------- */

static void test_qstore__round_trip(void **state)
{
	(void)state;
	char dir[600], why[600];
	struct qstore *s;
	struct model md;
	ut_scratch_dir("qstore", dir, sizeof dir);
	model_init(&md, 100);
	big_sizes = 1;
	create_store(dir, NULL, 77, &s);
	md.lsn = 77;
	assert_int_equal(qstore_lsn(s), 77);
	assert_string_equal(store_differs(s, &md, why, sizeof why), "");
	/* a put is readable inside its batch, before the commit */
	uint8_t buf[72000], back[72000];
	struct objfile_msg m, r;
	const struct qs_entry *e;
	assert_int_equal(qstore_batch_begin(s, 100), QM_OK);
	msg_make(5, &m, buf);
	assert_int_equal(qstore_put(s, &m, buf, &e), QM_OK);
	assert_int_equal(qs_entry_data_len(e), 70005);
	assert_int_equal(qstore_read(s, e, &r, back, sizeof back), QM_OK);
	assert_memory_equal(back, buf, m.data_len);
	assert_ptr_equal(qstore_find(s, lsn_of(5)), e);
	for (size_t i = 0; i < 60; i++) {
		if (i == 5)
			continue;
		msg_make(i, &m, buf);
		assert_int_equal(qstore_put(s, &m, buf, NULL), QM_OK);
	}
	assert_int_equal(qstore_batch_commit(s), QM_OK);
	struct plan p0 = { .lsn = 100, .from = 0, .to = 60 };
	model_apply(&md, &p0);
	assert_string_equal(store_differs(s, &md, why, sizeof why), "");
	/* the header alone, and hashes */
	assert_int_equal(qstore_read(s, e, &r, NULL, 0), QM_OK);
	assert_int_equal(r.put_lsn, lsn_of(5));
	assert_int_equal(qstore_read(s, e, &r, back, 10), QM_ETOOBIG);
	uint8_t zero[24] = { 0 };
	assert_int_equal(qstore_id_hash(zero), 0);
	assert_int_not_equal(qstore_id_hash(m.msgid), 0);
	assert_int_equal(qstore_find(s, lsn_of(0))->correlid_hash, 0);   /* CorrelId NONE */
	/* removes and backouts, then close and open */
	size_t rem[] = { 0, 7, 59 }, bo[] = { 1, 2, 5 };
	struct plan p1 = { .lsn = 200, .from = 60, .to = 70, .rem = rem, .nrem = 3, .bo = bo, .nbo = 3, .bo_val = 9 };
	commit_ok(s, &md, &p1);
	assert_string_equal(store_differs(s, &md, why, sizeof why), "");
	qstore_close(s);
	expect_store(dir, NULL, &md);
	/* an empty batch at a later LSN moves the LSN only */
	open_store(dir, NULL, &s);
	struct plan p2 = { .lsn = 300 };
	commit_ok(s, &md, &p2);
	qstore_close(s);
	expect_store(dir, NULL, &md);
	big_sizes = 0;
	model_free(&md);
	ut_rm_tree(dir);
}

static int progress_calls;
static uint64_t progress_last, progress_total;
static void on_progress(void *arg, uint64_t done, uint64_t total)
{
	(void)arg;
	progress_calls++;
	assert_true(done >= progress_last && done <= total);
	progress_last = done;
	progress_total = total;
}

/* A message bigger than the write buffer (written and read straight), in a
 * mostly dead segment that compaction empties (read whole, written straight
 * again); open reports its progress. */
static void test_qstore__big_message_and_progress(void **state)
{
	(void)state;
	char dir[600], err[512];
	struct qstore *s;
	struct qstore_opts o = { .seg_bytes = 4 << 20, .progress = on_progress };
	size_t big = 1536u << 10, nsmall = 5000;
	uint8_t *data = malloc(big), *back = malloc(big), small[1000];
	struct objfile_msg m, r;
	const struct qs_entry *e;
	ut_scratch_dir("qstore", dir, sizeof dir);
	create_store(dir, &o, 1, &s);
	for (size_t j = 0; j < big; j++)
		data[j] = (uint8_t)(j * 13 + (j >> 12));
	/* segment 1: 2 MiB of small messages and the big one; then segments 2
	 * and 3 of small ones */
	assert_int_equal(qstore_batch_begin(s, 2), QM_OK);
	for (size_t i = 0; i < nsmall; i++) {
		if (i == 1387) {
			msg_make(nsmall, &m, back);
			m.data_len = (uint32_t)big;
			assert_int_equal(qstore_put(s, &m, data, &e), QM_OK);
			assert_int_equal(qstore_read(s, e, &r, back, big), QM_OK);   /* before the commit */
			assert_memory_equal(back, data, big);
		}
		msg_make(i, &m, back);
		m.data_len = sizeof small;
		memset(small, (int)i, sizeof small);
		assert_int_equal(qstore_put(s, &m, small, NULL), QM_OK);
	}
	assert_int_equal(qstore_batch_commit(s), QM_OK);
	assert_int_equal(e->loc.seg, 1);
	/* all the small ones of segment 1 go, every other one of segment 2 */
	assert_int_equal(qstore_batch_begin(s, 3), QM_OK);
	for (size_t i = 0; i < nsmall; i++) {
		const struct qs_entry *x = qstore_find(s, lsn_of(i));
		if (x->loc.seg == 1 || (x->loc.seg == 2 && i % 2))
			assert_int_equal(qstore_remove(s, lsn_of(i)), QM_OK);
	}
	assert_int_equal(qstore_batch_commit(s), QM_OK);
	compact_all(s, 1 << 20);
	struct qstore_stats st;
	qstore_stats(s, &st);
	assert_true(st.moved > 0);
	assert_int_not_equal(e->loc.seg, 1);   /* moved, in place */
	memset(back, 0, big);
	assert_int_equal(qstore_read(s, e, &r, back, big), QM_OK);
	assert_memory_equal(back, data, big);
	qstore_close(s);
	progress_calls = 0;
	progress_last = 0;
	assert_int_equal(qstore_open(dir, QM_A, QNAME, &o, NULL, NULL, &s, NULL, err, sizeof err), QM_OK);
	assert_true(progress_calls >= 1);
	assert_int_equal(progress_last, progress_total);
	e = qstore_find(s, lsn_of(nsmall));
	assert_int_not_equal(e->loc.seg, 1);
	memset(back, 0, big);
	assert_int_equal(qstore_read(s, e, &r, back, big), QM_OK);
	assert_memory_equal(back, data, big);
	assert_int_equal(r.data_len, big);
	for (size_t i = 0; i < nsmall; i++) {
		const struct qs_entry *x = qstore_find(s, lsn_of(i));
		if (!x)
			continue;
		assert_int_equal(qstore_read(s, x, &r, back, big), QM_OK);
		assert_int_equal(r.data_len, sizeof small);
		assert_int_equal(back[0], (uint8_t)i);
	}
	qstore_close(s);
	free(data);
	free(back);
	ut_rm_tree(dir);
}

/* Rules and misuse: nothing changes. */
static void test_qstore__calls_out_of_sequence(void **state)
{
	(void)state;
	char dir[600], err[512];
	struct qstore *s;
	uint8_t buf[2000];
	struct objfile_msg m;
	ut_scratch_dir("qstore", dir, sizeof dir);
	assert_int_equal(qstore_open(dir, QM_A, QNAME, NULL, NULL, NULL, &s, NULL, err, sizeof err), QM_ENOENT);
	assert_non_null(strstr(err, "no store"));
	create_store(dir, NULL, 10, &s);
	assert_int_equal(qstore_create(dir, QM_A, QNAME, 0, NULL, &s, err, sizeof err), QM_EEXIST);
	msg_make(1, &m, buf);
	assert_int_equal(qstore_put(s, &m, buf, NULL), QM_EINVAL);        /* no batch */
	assert_int_equal(qstore_batch_commit(s), QM_EINVAL);
	assert_int_equal(qstore_batch_begin(s, 9), QM_EINVAL);            /* below the store's LSN */
	assert_int_equal(qstore_batch_begin(s, 20), QM_OK);
	assert_int_equal(qstore_batch_begin(s, 20), QM_EINVAL);
	assert_int_equal(qstore_compact_step(s, 1 << 20, NULL), QM_EINVAL);
	assert_int_equal(qstore_put(s, &m, buf, NULL), QM_OK);
	assert_int_equal(qstore_put(s, &m, buf, NULL), QM_EINVAL);        /* the same put LSN */
	assert_int_equal(qstore_remove(s, lsn_of(1)), QM_EINVAL);         /* put in this batch */
	assert_int_equal(qstore_remove(s, lsn_of(2)), QM_ENOTFOUND);
	m.priority = 12;
	m.put_lsn = lsn_of(3);
	assert_int_equal(qstore_put(s, &m, buf, NULL), QM_EINVAL);
	assert_non_null(strstr(qstore_last_error(s), "priority"));
	assert_int_equal(qstore_batch_commit(s), QM_OK);
	assert_int_equal(qstore_batch_begin(s, 30), QM_OK);
	assert_int_equal(qstore_remove(s, lsn_of(1)), QM_OK);
	assert_int_equal(qstore_remove(s, lsn_of(1)), QM_EINVAL);         /* twice */
	assert_int_equal(qstore_set_backout(s, lsn_of(1), -1), QM_EINVAL);
	qstore_batch_abort(s);                                             /* the removal is undone */
	assert_non_null(qstore_find(s, lsn_of(1)));
	assert_int_equal(qstore_lsn(s), 20);
	qstore_close(s);
	struct model md;
	model_init(&md, 10);
	struct plan p = { .lsn = 20, .from = 1, .to = 2 };
	model_apply(&md, &p);
	expect_store(dir, NULL, &md);
	/* destroy, and create again */
	assert_int_equal(qstore_destroy(dir, err, sizeof err), QM_OK);
	assert_int_equal(count_files(dir, ".qsi") + count_files(dir, ".qsd"), 0);
	create_store(dir, NULL, 5, &s);
	qstore_close(s);
	model_free(&md);
	ut_rm_tree(dir);
}

/* Many checkpoints with puts, removals and backouts, compaction between
 * some; every reopen gives exactly the live set. */
static void test_qstore__many_checkpoints(void **state)
{
	(void)state;
	char dir[600], why[600];
	struct qstore *s;
	struct model md;
	struct qstore_opts o = { .seg_bytes = 64 << 10, .snap_min_bytes = 16 << 10 };
	size_t cap = 6000, rem[400], bo[100];
	ut_scratch_dir("qstore", dir, sizeof dir);
	model_init(&md, cap);
	create_store(dir, &o, 1, &s);
	uint64_t lsn = 1;
	size_t next = 0;
	for (int b = 0; b < 60; b++) {
		size_t nput = rnd() % 120;
		lsn += 1 + rnd() % 1000;
		struct plan p = { .lsn = lsn, .from = next, .to = next + nput };
		p.rem = rem;
		p.nrem = pick_live(&md, rem, 400, b % 7 == 3 ? 90 : 30);
		p.bo = bo;
		p.nbo = 0;
		for (size_t i = 0; i < md.n && p.nbo < 100; i++)
			if (md.live[i] && rnd() % 10 == 0) {
				int dup = 0;
				for (size_t k = 0; k < p.nrem; k++)
					dup |= rem[k] == i;
				if (!dup)
					bo[p.nbo++] = i;
			}
		p.bo_val = b;
		commit_ok(s, &md, &p);
		next += nput;
		assert_true(next <= cap);
		if (b % 4 == 1) {
			int more;
			for (int k = 0; k < 3; k++)
				assert_int_equal(qstore_compact_step(s, 32 << 10, &more), QM_OK);
		}
		if (b % 9 == 8) {
			assert_string_equal(store_differs(s, &md, why, sizeof why), "");
			qstore_close(s);
			if (*open_differs(dir, &o, &md, &s, why, sizeof why))
				fail_msg("after batch %d: %s", b, why);
		}
	}
	compact_all(s, 64 << 10);
	struct qstore_stats st;
	qstore_stats(s, &st);
	assert_true(st.moved > 0);
	assert_true(st.snapshots > 0);
	qstore_close(s);
	expect_store(dir, &o, &md);
	assert_int_equal(count_files(dir, ".qsi"), 1);
	assert_int_equal(count_files(dir, ".tmp"), 0);
	model_free(&md);
	ut_rm_tree(dir);
}

/* Open reads the journal only: no segment is opened or read. */
static void test_qstore__open_reads_no_bodies(void **state)
{
	(void)state;
	char dir[600];
	struct qstore *s;
	struct model md;
	ut_scratch_dir("qstore", dir, sizeof dir);
	model_init(&md, 3000);
	faultio_install();
	create_store(dir, NULL, 1, &s);
	for (size_t b = 0; b < 3; b++) {
		size_t rem[100];
		struct plan p = { .lsn = 10 + b, .from = b * 1000, .to = (b + 1) * 1000, .rem = rem };
		p.nrem = pick_live(&md, rem, 100, 20);
		commit_ok(s, &md, &p);
	}
	qstore_close(s);
	faultio_stats_clear();
	struct coll c = { .md = &md, .seen = calloc(md.n, 1) };
	char err[512];
	uint64_t lsn;
	assert_int_equal(qstore_open(dir, QM_A, QNAME, NULL, collect, &c, &s, &lsn, err, sizeof err), QM_OK);
	assert_int_equal(c.count, model_count(&md));
	struct faultio_stats seg = faultio_stats_path(".qsd"), jnl = faultio_stats_path(".qsi");
	assert_int_equal(seg.opens, 0);
	assert_int_equal(seg.preads, 0);
	assert_true(jnl.preads > 0);
	struct qstore_stats st;
	qstore_stats(s, &st);
	/* what open read is the journal, a small part of the store */
	assert_true(st.bytes_read <= st.index_bytes);
	assert_true(st.index_bytes * 5 < st.data_bytes);
	free(c.seen);
	qstore_close(s);
	faultio_uninstall();
	model_free(&md);
	ut_rm_tree(dir);
}

/* Compaction reclaims the space of removed messages and keeps every live one
 * readable, before and after a reopen; snapshots keep the journal small. */
static void test_qstore__compaction(void **state)
{
	(void)state;
	char dir[600], why[600];
	struct qstore *s;
	struct model md;
	struct qstore_opts o = { .seg_bytes = 128 << 10, .snap_min_bytes = 32 << 10 };
	size_t cap = 3000;
	size_t *rem = malloc(cap * sizeof *rem);
	ut_scratch_dir("qstore", dir, sizeof dir);
	model_init(&md, cap);
	big_sizes = 1;
	create_store(dir, &o, 1, &s);
	struct plan p = { .lsn = 2, .from = 0, .to = cap };
	commit_ok(s, &md, &p);
	struct qstore_stats before, after;
	qstore_stats(s, &before);
	assert_true(before.segments > 10);
	/* remove four in five, scattered */
	p = (struct plan){ .lsn = 3, .rem = rem };
	for (size_t i = 0; i < cap; i++)
		if (i % 5 != 2)
			rem[p.nrem++] = i;
	commit_ok(s, &md, &p);
	qstore_stats(s, &before);
	assert_true(before.dead_bytes > 3 * before.live_bytes);
	/* small steps, each bounded, each in three (begin, io, end) with every
	 * message read back between them, as the queue manager's loop reads
	 * while a step's I/O runs on another thread */
	int more = 1, steps = 0;
	while (more) {
		struct qstore_stats a, b;
		qstore_stats(s, &a);
		int rc = qstore_compact_begin(s, 64 << 10);
		if (rc == QM_ENOENT)
			break;
		assert_int_equal(rc, QM_OK);
		assert_int_equal(qstore_batch_begin(s, 9), QM_EINVAL);   /* the store only reads */
		assert_int_equal(qstore_compact_begin(s, 64 << 10), QM_EINVAL);
		assert_string_equal(store_differs(s, &md, why, sizeof why), "");
		rc = qstore_compact_io(s);
		assert_string_equal(store_differs(s, &md, why, sizeof why), "");
		assert_int_equal(qstore_compact_end(s, rc, &more), QM_OK);
		qstore_stats(s, &b);
		/* one record may exceed the budget (a 70 KB message is read and
		 * written), a snapshot chunk is at most the budget */
		assert_true(b.bytes_written - a.bytes_written <= 64 * 1024 + 2 * 71000 + 3 * 4096);
		assert_true(b.syncs - a.syncs <= 4);
		steps++;
	}
	assert_true(steps > 5);
	qstore_stats(s, &after);
	assert_true(after.moved > 0);
	assert_true(after.segs_deleted > 0);
	assert_true(after.data_bytes < before.data_bytes / 3);
	assert_true(after.dead_bytes * 2 <= after.data_bytes);
	assert_string_equal(store_differs(s, &md, why, sizeof why), "");
	/* remove everything: the store shrinks to about nothing */
	struct plan q = { .lsn = 4, .rem = rem };
	for (size_t i = 0; i < cap; i++)
		if (md.live[i])
			rem[q.nrem++] = i;
	commit_ok(s, &md, &q);
	compact_all(s, 1 << 20);
	qstore_stats(s, &after);
	assert_int_equal(after.live_msgs, 0);
	assert_true(after.data_bytes <= 8192);
	qstore_close(s);
	expect_store(dir, &o, &md);
	assert_true(count_files(dir, ".qsd") <= 1);
	big_sizes = 0;
	free(rem);
	model_free(&md);
	ut_rm_tree(dir);
}

/* A snapshot built over many steps while batches commit between them. */
static void test_qstore__snapshot_between_batches(void **state)
{
	(void)state;
	char dir[600], why[600];
	struct qstore *s;
	struct model md;
	struct qstore_opts o = { .seg_bytes = 1 << 20, .snap_min_bytes = 4096 };
	size_t cap = 4000, rem[200], bo[50];
	ut_scratch_dir("qstore", dir, sizeof dir);
	model_init(&md, cap);
	create_store(dir, &o, 1, &s);
	struct plan p = { .lsn = 2, .from = 0, .to = 2000 };
	commit_ok(s, &md, &p);
	size_t next = 2000;
	struct qstore_stats st;
	int more = 1, steps = 0;
	uint64_t lsn = 2;
	do {
		/* a step of one chunk (the budget is ~60 entries), then a batch */
		assert_int_equal(qstore_compact_step(s, 4096, &more), QM_OK);
		lsn++;
		p = (struct plan){ .lsn = lsn, .from = next, .to = next + 5, .rem = rem, .bo = bo, .bo_val = (int32_t)lsn };
		p.nrem = pick_live(&md, rem, 4, 3);
		for (size_t i = 0; i < md.n && p.nbo < 3; i++) {
			int dup = 0;
			for (size_t k = 0; k < p.nrem; k++)
				dup |= rem[k] == i;
			if (md.live[i] && !dup && rnd() % 50 == 0)
				bo[p.nbo++] = i;
		}
		next += 5;
		commit_ok(s, &md, &p);
		qstore_stats(s, &st);
		assert_true(++steps < 2000);
	} while (st.snapshots == 0);
	assert_true(steps > 10);
	compact_all(s, 4096);   /* the old generation goes, step by step */
	assert_int_equal(count_files(dir, ".qsi"), 1);
	assert_string_equal(store_differs(s, &md, why, sizeof why), "");
	qstore_close(s);
	expect_store(dir, &o, &md);
	model_free(&md);
	ut_rm_tree(dir);
}

/* ---- power loss ---------------------------------------------------------------------------- */

/* A store holding S0 in a fresh folder, durable: messages 0..n-1 put at LSN
 * 50 and 60 with 3..20 removed, then fillers small checkpoints (LSN 61 ...)
 * that change a backout count each and grow the journal. */
static void build_s0f(char *dir, size_t n, const struct qstore_opts *o, struct model *md, size_t cap,
		      size_t fillers)
{
	struct qstore *s;
	ut_scratch_dir("qstore", dir, 600);
	model_init(md, cap);
	faultio_reset();
	create_store(dir, o, 1, &s);
	struct plan p = { .lsn = 50, .from = 0, .to = 40 };
	commit_ok(s, md, &p);
	size_t rem[] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 };
	p = (struct plan){ .lsn = 60, .from = 40, .to = n, .rem = rem, .nrem = 18 };
	commit_ok(s, md, &p);
	for (size_t k = 1; k <= fillers; k++) {
		size_t one[] = { 20 + k };
		struct plan f = { .lsn = 60 + k, .bo = one, .nbo = 1, .bo_val = (int32_t)k };
		commit_ok(s, md, &f);
	}
	qstore_close(s);
	faultio_reset();   /* all of it durable */
}

static void build_s0(char *dir, size_t n, const struct qstore_opts *o, struct model *md, size_t cap)
{
	build_s0f(dir, n, o, md, cap, 0);
}

enum crash_kind { CRASH_AT, CRASH_TORN_AT_SYNC };

/* The batch S0 -> S1 with a power loss at its nth call (CRASH_AT, every kind
 * of call) or a failed nth sync followed by a power loss that tears the last
 * write (CRASH_TORN_AT_SYNC).  Returns whether the power loss happened. */
static int crash_batch_once(int n, enum crash_kind kind, const struct qstore_opts *o, size_t nput)
{
	char dir[600], why0[600], why1[600];
	struct model s0, s1;
	struct qstore *s;
	size_t cap = 40 + nput + 10;
	build_s0(dir, 40, o, &s0, cap);
	model_copy(&s1, &s0, cap);
	size_t rem[] = { 0, 1, 25, 39 }, bo[] = { 2, 30 };
	struct plan p = { .lsn = 70, .from = 40, .to = 40 + nput, .rem = rem, .nrem = 4, .bo = bo, .nbo = 2, .bo_val = 4 };
	model_apply(&s1, &p);
	open_store(dir, o, &s);
	faultio_reset();
	if (kind == CRASH_AT)
		faultio_crash_at(FAULTIO_ANY, n, NULL);
	else
		faultio_fail_sync(n, EIO, NULL);
	int rc = run_plan(s, &p);
	int crashed = kind == CRASH_AT ? faultio_crashed() : faultio_stats().faults > 0;
	qstore_close(s);          /* after a crash point the process is gone: its calls fail */
	if (kind == CRASH_TORN_AT_SYNC && crashed)
		faultio_crash_torn((unsigned)n);   /* the sync failed: power loss, a write torn */
	else if (!crashed)
		faultio_crash();                   /* power loss just after the batch */
	faultio_reset();
	if (!crashed)
		assert_int_equal(rc, QM_OK);
	if (rc == QM_OK && kind == CRASH_AT && crashed)
		fail_msg("crash at %d: the batch said OK", n);
	/* old or new, whole, never a mix */
	open_differs(dir, o, &s0, NULL, why0, sizeof why0);
	open_differs(dir, o, &s1, NULL, why1, sizeof why1);
	if (why0[0] && why1[0])
		fail_msg("power loss at call %d (%s): neither old (%s) nor new (%s)", n,
			 kind == CRASH_AT ? "crash" : "torn", why0, why1);
	if (rc == QM_OK && why1[0])
		fail_msg("power loss at call %d: the batch said OK but the store is old: %s", n, why1);
	/* and the store goes on */
	open_store(dir, o, &s);
	struct model *cur = why0[0] ? &s1 : &s0;
	struct plan p2 = { .lsn = 80, .from = 40 + nput, .to = 40 + nput + 3 };
	commit_ok(s, cur, &p2);
	qstore_close(s);
	expect_store(dir, o, cur);
	model_free(&s0);
	model_free(&s1);
	ut_rm_tree(dir);
	return crashed;
}

static void test_qstore__power_loss_in_a_batch(void **state)
{
	(void)state;
	/* a small segment so that the batch also makes a new segment */
	struct qstore_opts o = { .seg_bytes = 16 << 10 };
	faultio_install();
	int n;
	for (n = 1; crash_batch_once(n, CRASH_AT, &o, 30); n++)
		assert_true(n < 200);
	/* open the append segment, write, make a new one (open, header), write,
	 * sync both, open and sync the folder, write the journal, sync it */
	assert_true(n > 11);
	print_message("batch: %d crash points\n", n - 1);
	for (n = 1; crash_batch_once(n, CRASH_TORN_AT_SYNC, &o, 30); n++)
		assert_true(n < 50);
	assert_true(n > 4);
	faultio_uninstall();
}

/* A batch big enough for two journal parts (rule C3): crash at each sync. */
static void test_qstore__power_loss_in_a_two_part_batch(void **state)
{
	(void)state;
	struct qstore_opts o = { 0 };
	faultio_install();
	int n, seen = 0;
	for (n = 1;; n++) {
		char dir[600];
		struct model s0, s1;
		struct qstore *s;
		size_t nput = QS_JPART_MAX / 66 + 100, cap = 40 + nput + 10;
		build_s0(dir, 40, &o, &s0, cap);
		model_copy(&s1, &s0, cap);
		struct plan p = { .lsn = 70, .from = 40, .to = 40 + nput };
		model_apply(&s1, &p);
		open_store(dir, &o, &s);
		faultio_reset();
		faultio_crash_at(FAULTIO_SYNC, n, NULL);
		int rc = empty_bodies_batch(s, 70, 40, 40 + nput);
		int crashed = faultio_crashed();
		qstore_close(s);
		if (!crashed)
			faultio_crash();
		faultio_reset();
		struct qstore *r;
		char err[512];
		uint64_t lsn;
		assert_int_equal(qstore_open(dir, QM_A, QNAME, &o, NULL, NULL, &r, &lsn, err, sizeof err), QM_OK);
		struct qstore_stats st;
		qstore_stats(r, &st);
		if (lsn == 60)
			assert_int_equal(st.live_msgs, model_count(&s0));
		else
			assert_true(lsn == 70 && st.live_msgs == model_count(&s1) && (rc == QM_OK || crashed));
		assert_true(lsn == 70 || rc != QM_OK);
		seen |= lsn == 60 ? 1 : 2;
		qstore_close(r);
		model_free(&s0);
		model_free(&s1);
		ut_rm_tree(dir);
		if (!crashed)
			break;
		assert_true(n < 20);
	}
	/* the data's sync, the parts' sync, the LAST record's sync */
	assert_true(n >= 4);
	assert_int_equal(seen, 3);
	/* each sync fails and power goes, tearing the last write: the parts or
	 * the LAST record torn, valid records after a hole that is not damage */
	for (n = 1; n <= 3; n++)
		for (unsigned seed = 0; seed < 3; seed++) {
			char dir[600], err[512];
			struct model s0;
			struct qstore *s;
			size_t nput = QS_JPART_MAX / 66 + 100;
			build_s0(dir, 40, &o, &s0, 40 + nput + 10);
			open_store(dir, &o, &s);
			faultio_reset();
			faultio_fail_sync(n, EIO, NULL);
			int rc = empty_bodies_batch(s, 70, 40, 40 + nput);
			assert_int_equal(rc, QM_EIO);
			qstore_close(s);
			faultio_crash_torn(seed * 3 + (unsigned)n);
			faultio_reset();
			uint64_t lsn = 0;
			rc = qstore_open(dir, QM_A, QNAME, &o, NULL, NULL, &s, &lsn, err, sizeof err);
			if (rc)
				fail_msg("sync %d torn (seed %u): %s: %s", n, seed, qm_strerror(rc), err);
			assert_int_equal(lsn, 60);   /* the batch never committed */
			qstore_close(s);
			expect_store(dir, &o, &s0);
			model_free(&s0);
			ut_rm_tree(dir);
		}
	/* three parts synced, the LAST write failed, then part 1 lost: the
	 * valid part 2 after the hole has no LAST record, it is not damage */
	{
		char dir[600], err[512], jnl[700];
		struct model s0;
		struct qstore *s;
		struct qstore_stats st;
		size_t nput = 2 * (QS_JPART_MAX / 66) + 100;
		build_s0(dir, 40, &o, &s0, 40 + nput + 10);
		open_store(dir, &o, &s);
		qstore_stats(s, &st);
		off_t part1 = (off_t)((st.index_bytes + 4095) / 4096 * 4096);
		faultio_reset();
		faultio_fail_write(3, EIO, ".qsi");
		assert_int_equal(empty_bodies_batch(s, 70, 40, 40 + nput), QM_EIO);
		qstore_close(s);
		faultio_reset();
		snprintf(jnl, sizeof jnl, "%s/00000001.qsi", dir);
		struct stat sb;
		assert_int_equal(stat(jnl, &sb), 0);
		assert_true(sb.st_size > part1 + (off_t)QS_JPART_MAX);   /* the parts are there */
		int fd = open(jnl, O_WRONLY);
		static const uint8_t zero[64];
		assert_int_equal(pwrite(fd, zero, sizeof zero, part1), (ssize_t)sizeof zero);
		close(fd);
		uint64_t lsn = 0;
		int rc = qstore_open(dir, QM_A, QNAME, &o, NULL, NULL, &s, &lsn, err, sizeof err);
		if (rc)
			fail_msg("%s: %s", qm_strerror(rc), err);
		assert_int_equal(lsn, 60);
		qstore_close(s);
		expect_store(dir, &o, &s0);
		assert_int_equal(stat(jnl, &sb), 0);
		assert_true(sb.st_size <= part1);   /* cut at the last commit */
		model_free(&s0);
		ut_rm_tree(dir);
	}
	faultio_uninstall();
}

/* Power loss at every call of a run of compaction steps (moves, segment
 * deletions, a snapshot): the live set never changes, nothing torn is served. */
static void test_qstore__power_loss_in_compaction(void **state)
{
	(void)state;
	struct qstore_opts o = { .seg_bytes = 16 << 10, .snap_min_bytes = 4096 };
	faultio_install();
	int n, total = 0;
	for (n = 1;; n++) {
		char dir[600], why[600];
		struct model md;
		struct qstore *s;
		build_s0f(dir, 120, &o, &md, 200, 8);
		open_store(dir, &o, &s);
		faultio_reset();
		faultio_crash_at(FAULTIO_ANY, n, NULL);
		int more = 1, rc = QM_OK, steps = 0;
		while (more && rc == QM_OK && ++steps < 1000)
			rc = qstore_compact_step(s, 6 << 10, &more);
		int crashed = faultio_crashed();
		struct qstore_stats st;
		qstore_stats(s, &st);
		qstore_close(s);
		if (!crashed)
			faultio_crash();
		faultio_reset();
		if (!crashed) {
			assert_int_equal(rc, QM_OK);
			assert_true(st.moved > 0 && st.snapshots > 0 && st.segs_deleted > 0);
		}
		if (*open_differs(dir, &o, &md, NULL, why, sizeof why))
			fail_msg("power loss at call %d of compaction: %s", n, why);
		total++;
		model_free(&md);
		ut_rm_tree(dir);
		if (!crashed)
			break;
		assert_true(n < 2000);
	}
	assert_true(total > 20);
	print_message("compaction: %d crash points\n", total - 1);
	/* the same with torn writes at each sync */
	for (n = 1;; n++) {
		char dir[600], why[600];
		struct model md;
		struct qstore *s;
		build_s0f(dir, 120, &o, &md, 200, 8);
		open_store(dir, &o, &s);
		faultio_reset();
		faultio_fail_sync(n, EIO, NULL);
		int more = 1, rc = QM_OK, steps = 0;
		while (more && rc == QM_OK && ++steps < 1000)
			rc = qstore_compact_step(s, 6 << 10, &more);
		int fired = faultio_stats().faults > 0;
		qstore_close(s);
		if (fired)
			faultio_crash_torn((unsigned)n * 7);
		else
			faultio_crash();
		faultio_reset();
		if (*open_differs(dir, &o, &md, NULL, why, sizeof why))
			fail_msg("torn power loss at sync %d of compaction: %s", n, why);
		model_free(&md);
		ut_rm_tree(dir);
		if (!fired)
			break;
		assert_true(n < 500);
	}
	faultio_uninstall();
}

/* Power loss at every call while a snapshot is being built and a batch
 * commits in the middle of it (the batch is copied into the new generation):
 * old or new batch, whole, whatever generation open finds. */
static void test_qstore__power_loss_while_a_snapshot_is_built(void **state)
{
	(void)state;
	struct qstore_opts o = { .seg_bytes = 1 << 20, .snap_min_bytes = 4096 };
	faultio_install();
	int n, saw_new_gen = 0;
	for (n = 1;; n++) {
		char dir[600], why0[600], why1[600];
		struct model s0, s1;
		struct qstore *s;
		build_s0f(dir, 300, &o, &s0, 400, 14);   /* the journal past twice the index */
		model_copy(&s1, &s0, 400);
		size_t rem[] = { 30, 31, 200 }, bo[] = { 40 };
		struct plan p = { .lsn = 100, .from = 300, .to = 310, .rem = rem, .nrem = 3, .bo = bo, .nbo = 1, .bo_val = 8 };
		model_apply(&s1, &p);
		open_store(dir, &o, &s);
		faultio_reset();
		int more = 1, rc = QM_OK, brc = -1;
		/* one chunk (~60 entries) of the ~280, so the snapshot is under way */
		rc = qstore_compact_step(s, 4096, &more);
		if (rc == QM_OK)
			faultio_crash_at(FAULTIO_ANY, n, NULL);
		if (rc == QM_OK)
			rc = brc = run_plan(s, &p);
		for (int k = 0; rc == QM_OK && more && k < 100; k++)
			rc = qstore_compact_step(s, 4096, &more);
		int crashed = faultio_crashed();
		struct qstore_stats st;
		qstore_stats(s, &st);
		qstore_close(s);
		if (!crashed)
			faultio_crash();
		faultio_reset();
		if (!crashed && (rc != QM_OK || st.snapshots != 1))
			fail_msg("n %d: rc %d, %llu snapshots, %llu live, index %llu", n, rc,
				 (unsigned long long)st.snapshots, (unsigned long long)st.live_msgs,
				 (unsigned long long)st.index_bytes);
		saw_new_gen |= count_files(dir, "00000002.qsi") == 1;
		open_differs(dir, &o, &s0, NULL, why0, sizeof why0);
		open_differs(dir, &o, &s1, NULL, why1, sizeof why1);
		if (why0[0] && why1[0])
			fail_msg("power loss at call %d: neither old (%s) nor new (%s)", n, why0, why1);
		if (brc == QM_OK && why1[0])
			fail_msg("power loss at call %d: the batch said OK but: %s", n, why1);
		model_free(&s0);
		model_free(&s1);
		ut_rm_tree(dir);
		if (!crashed)
			break;
		assert_true(n < 500);
	}
	assert_true(n > 15);
	assert_true(saw_new_gen);
	faultio_uninstall();
}

/* ---- failures --------------------------------------------------------------------------------- */

/* A failed fsync fails the commit and the store refuses all further batches
 * (fail-stop); reads go on; after a restart it holds the old or new batch. */
static void test_qstore__eio_on_sync_is_fail_stop(void **state)
{
	(void)state;
	const char *where[] = { ".qsd", ".qsi" };
	faultio_install();
	for (int w = 0; w < 2; w++) {
		char dir[600], why0[600], why1[600];
		struct model s0, s1;
		struct qstore *s;
		build_s0(dir, 40, NULL, &s0, 100);
		model_copy(&s1, &s0, 100);
		struct plan p = { .lsn = 70, .from = 40, .to = 50 };
		model_apply(&s1, &p);
		open_store(dir, NULL, &s);
		faultio_reset();
		faultio_fail_sync(1, EIO, where[w]);
		assert_int_equal(run_plan(s, &p), QM_EIO);
		assert_non_null(strstr(qstore_last_error(s), "cannot sync"));
		assert_int_equal(qstore_batch_begin(s, 90), QM_EFAILED);
		assert_int_equal(qstore_compact_step(s, 1 << 20, NULL), QM_EFAILED);
		struct qstore_stats st;
		qstore_stats(s, &st);
		assert_true(st.failed);
		/* in memory the store is still the old one, and reads work */
		assert_string_equal(store_differs(s, &s0, why0, sizeof why0), "");
		qstore_close(s);
		faultio_crash();
		faultio_reset();
		open_differs(dir, NULL, &s0, NULL, why0, sizeof why0);
		open_differs(dir, NULL, &s1, NULL, why1, sizeof why1);
		if (why0[0] && why1[0])
			fail_msg("%s: neither old (%s) nor new (%s)", where[w], why0, why1);
		model_free(&s0);
		model_free(&s1);
		ut_rm_tree(dir);
	}
	faultio_uninstall();
}

/* ENOSPC during a batch (data or journal) fails it and leaves the previous
 * state, on disk and in memory; the next batch works. */
static void test_qstore__enospc_keeps_the_old_state(void **state)
{
	(void)state;
	struct qstore_opts o = { .seg_bytes = 24 << 10 };
	faultio_install();
	for (int w = 0; w < 3; w++) {
		char dir[600], why[600];
		struct model s0;
		struct qstore *s;
		build_s0(dir, 40, &o, &s0, 100);
		open_store(dir, &o, &s);
		faultio_reset();
		if (w == 0)
			faultio_space_budget(20000);                       /* in the data */
		else if (w == 1)
			faultio_fail_write(1, ENOSPC, ".qsi");             /* the journal record */
		else
			faultio_fail_op(FAULTIO_OPEN, 1, ENOSPC, ".qsd", false);   /* a new segment */
		size_t rem[] = { 0, 1 }, bo[] = { 2 };
		struct plan p = { .lsn = 70, .from = 40, .to = 70, .rem = rem, .nrem = 2, .bo = bo, .nbo = 1, .bo_val = 3 };
		int rc = run_plan(s, &p);
		if (rc != QM_ENOSPC)
			fail_msg("case %d: %s: %s", w, qm_strerror(rc), qstore_last_error(s));
		faultio_reset();
		struct qstore_stats st;
		qstore_stats(s, &st);
		assert_false(st.failed);
		assert_string_equal(store_differs(s, &s0, why, sizeof why), "");
		/* the next checkpoint takes the same changes */
		commit_ok(s, &s0, &p);
		assert_string_equal(store_differs(s, &s0, why, sizeof why), "");
		qstore_close(s);
		faultio_crash();
		faultio_reset();
		expect_store(dir, &o, &s0);
		model_free(&s0);
		ut_rm_tree(dir);
	}
	faultio_uninstall();
}

/* ---- identity and damage ---------------------------------------------------------------------- */

static void test_qstore__another_queue_managers_store(void **state)
{
	(void)state;
	char dir[600], err[512];
	struct qstore *s;
	struct model md;
	build_s0(dir, 40, NULL, &md, 50);
	assert_int_equal(qstore_open(dir, QM_B, QNAME, NULL, NULL, NULL, &s, NULL, err, sizeof err), QM_EFOREIGN);
	assert_non_null(strstr(err, "another queue manager"));
	assert_non_null(strstr(err, ".qsi"));
	assert_int_equal(qstore_open(dir, QM_A, "DEV.QUEUE.2", NULL, NULL, NULL, &s, NULL, err, sizeof err),
			 QM_ECORRUPT);
	assert_non_null(strstr(err, "holds queue DEV.QUEUE.1, not DEV.QUEUE.2"));
	/* a segment of another queue manager, under a good journal */
	char seg[700];
	snprintf(seg, sizeof seg, "%s/00000001.qsd", dir);
	int fd = open(seg, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, QM_B, 1, 16), 1);
	close(fd);
	open_store(dir, NULL, &s);
	const struct qs_entry *e = qstore_find(s, lsn_of(0));
	assert_non_null(e);
	assert_int_equal(e->loc.seg, 1);
	/* the header checksum catches it before the identity */
	assert_int_equal(qstore_read(s, e, NULL, NULL, 0), QM_ECORRUPT);
	assert_non_null(strstr(qstore_last_error(s), "00000001.qsd"));
	qstore_close(s);
	model_free(&md);
	ut_rm_tree(dir);
}

static void flip(const char *path, off_t off)
{
	int fd = open(path, O_RDWR);
	assert_true(fd >= 0);
	uint8_t b;
	assert_int_equal(pread(fd, &b, 1, off), 1);
	b ^= 0x40;
	assert_int_equal(pwrite(fd, &b, 1, off), 1);
	close(fd);
}

static void test_qstore__bad_checksums(void **state)
{
	(void)state;
	char dir[600], err[512], seg[700], jnl[700], back[700];
	struct qstore *s;
	struct model md;
	uint8_t buf[4000];
	build_s0(dir, 40, NULL, &md, 50);
	snprintf(seg, sizeof seg, "%s/00000001.qsd", dir);
	snprintf(jnl, sizeof jnl, "%s/00000001.qsi", dir);
	/* a message's data, then its header: read says where and why */
	open_store(dir, NULL, &s);
	const struct qs_entry *e = qstore_find(s, lsn_of(1));
	assert_true(qs_entry_data_len(e) > 10);
	flip(seg, e->loc.off + QS_REC_HDR + 3);
	assert_int_equal(qstore_read(s, e, NULL, buf, sizeof buf), QM_ECORRUPT);
	char want[200];
	snprintf(want, sizeof want, "00000001.qsd: offset %u: message %llu: data checksum does not match",
		 e->loc.off, (unsigned long long)lsn_of(1));
	if (!strstr(qstore_last_error(s), want))
		fail_msg("%s", qstore_last_error(s));
	assert_int_equal(qstore_read(s, e, NULL, NULL, 0), QM_OK);   /* the header alone is fine */
	flip(seg, e->loc.off + 40);
	assert_int_equal(qstore_read(s, e, NULL, NULL, 0), QM_ECORRUPT);
	assert_non_null(strstr(qstore_last_error(s), "header checksum"));
	/* compaction meets it too, and says so */
	qstore_close(s);
	/* the journal: damage in the first batch, followed by the second */
	snprintf(back, sizeof back, "%s/jnl.bak", dir);
	uint8_t *copy;
	struct stat sb;
	assert_int_equal(stat(jnl, &sb), 0);
	copy = malloc((size_t)sb.st_size);
	int fd = open(jnl, O_RDONLY);
	assert_int_equal(read(fd, copy, (size_t)sb.st_size), sb.st_size);
	close(fd);
	flip(jnl, 4096 + 4096 + 100);   /* generation 1: SNAP_END at 4096, batch 1 at 8192 */
	assert_int_equal(qstore_open(dir, QM_A, QNAME, NULL, NULL, NULL, &s, NULL, err, sizeof err), QM_ECORRUPT);
	if (!strstr(err, "offset 8192: record checksum does not match, and committed record"))
		fail_msg("%s", err);
	/* the last batch damaged: cannot be told from a torn write (rule C3):
	 * the store opens at the batch before */
	fd = open(jnl, O_WRONLY | O_TRUNC);
	assert_int_equal(write(fd, copy, (size_t)sb.st_size), sb.st_size);
	close(fd);
	flip(jnl, sb.st_size - 20);
	uint64_t lsn;
	assert_int_equal(qstore_open(dir, QM_A, QNAME, NULL, NULL, NULL, &s, &lsn, err, sizeof err), QM_OK);
	assert_int_equal(lsn, 50);
	qstore_close(s);
	/* the header */
	fd = open(jnl, O_WRONLY | O_TRUNC);
	assert_int_equal(write(fd, copy, (size_t)sb.st_size), sb.st_size);
	close(fd);
	flip(jnl, 40);
	assert_int_equal(qstore_open(dir, QM_A, QNAME, NULL, NULL, NULL, &s, NULL, err, sizeof err), QM_ECORRUPT);
	assert_non_null(strstr(err, "header checksum"));
	fd = open(jnl, O_WRONLY | O_TRUNC);
	assert_int_equal(write(fd, copy, (size_t)sb.st_size), sb.st_size);
	close(fd);
	/* a segment cut short, then gone */
	assert_int_equal(truncate(seg, 5000), 0);
	assert_int_equal(qstore_open(dir, QM_A, QNAME, NULL, NULL, NULL, &s, NULL, err, sizeof err), QM_ECORRUPT);
	assert_non_null(strstr(err, "bytes, its messages need"));
	assert_int_equal(unlink(seg), 0);
	assert_int_equal(qstore_open(dir, QM_A, QNAME, NULL, NULL, NULL, &s, NULL, err, sizeof err), QM_ECORRUPT);
	assert_non_null(strstr(err, "the segment is missing"));
	free(copy);
	model_free(&md);
	ut_rm_tree(dir);
}

/* Compaction that meets a damaged record stops with QM_ECORRUPT, moves
 * nothing, and the store stays usable. */
static void test_qstore__compaction_meets_damage(void **state)
{
	(void)state;
	char dir[600], seg[700], why[600];
	struct qstore *s;
	struct model md;
	struct qstore_opts o = { .seg_bytes = 16 << 10 };
	build_s0(dir, 120, &o, &md, 200);
	open_store(dir, &o, &s);
	/* the first segment is mostly dead after build_s0: its live records move */
	const struct qs_entry *e = qstore_find(s, lsn_of(2));
	assert_int_equal(e->loc.seg, 1);
	snprintf(seg, sizeof seg, "%s/00000001.qsd", dir);
	flip(seg, e->loc.off + 100);
	int more = 1, rc = QM_OK;
	for (int k = 0; k < 100 && more && rc == QM_OK; k++)
		rc = qstore_compact_step(s, 1 << 20, &more);
	assert_int_equal(rc, QM_ECORRUPT);
	assert_non_null(strstr(qstore_last_error(s), "00000001.qsd"));
	assert_int_equal(e->loc.seg, 1);
	struct qstore_stats st;
	qstore_stats(s, &st);
	assert_false(st.failed);
	md.live[2] = 0;   /* the damaged one aside, everything reads */
	struct plan p = { .lsn = 61 };
	assert_int_equal(qstore_batch_begin(s, 61), QM_OK);
	assert_int_equal(qstore_remove(s, lsn_of(2)), QM_OK);
	assert_int_equal(qstore_batch_commit(s), QM_OK);
	model_apply(&md, &p);
	compact_all(s, 1 << 20);
	assert_string_equal(store_differs(s, &md, why, sizeof why), "");
	qstore_close(s);
	model_free(&md);
	ut_rm_tree(dir);
}

/* ---- a deep queue ------------------------------------------------------------------------------ */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int count_entry(void *arg, const struct qs_entry *e)
{
	(void)e;
	(*(size_t *)arg)++;
	return 0;
}

/* 100,000 small messages: a checkpoint writes what changed, open reads the
 * index, memory is the index; then they all go and the space with them. */
static void test_qstore__deep_queue(void **state)
{
	(void)state;
	char dir[600], err[512];
	struct qstore *s;
	const size_t N = 100000, B = 10000;
	struct qstore_opts o = { .snap_min_bytes = 1 << 20 };
	ut_scratch_dir("qstore", dir, sizeof dir);
	create_store(dir, &o, 1, &s);
	struct objfile_msg m;
	uint8_t buf[2000];
	double t0 = now_s();
	uint64_t written = 0;
	for (size_t b = 0; b < N / B; b++) {
		struct qstore_stats a, z;
		qstore_stats(s, &a);
		assert_int_equal(qstore_batch_begin(s, 10 + b), QM_OK);
		for (size_t i = b * B; i < (b + 1) * B; i++) {
			msg_make(i, &m, buf);
			m.data_len = 16;
			assert_int_equal(qstore_put(s, &m, buf, NULL), QM_OK);
		}
		assert_int_equal(qstore_batch_commit(s), QM_OK);
		qstore_stats(s, &z);
		/* each checkpoint writes its own messages and index entries
		 * only, however deep the queue already is */
		assert_true(z.bytes_written - a.bytes_written < B * (QS_REC_HDR + 16 + 66) + 3 * 4096);
		written = z.bytes_written;
	}
	double t_put = now_s() - t0;
	struct qstore_stats st;
	qstore_stats(s, &st);
	double mem = (double)st.mem_bytes / (double)st.live_msgs;
	qstore_close(s);
	size_t count = 0;
	t0 = now_s();
	assert_int_equal(qstore_open(dir, QM_A, QNAME, &o, count_entry, &count, &s, NULL, err, sizeof err), QM_OK);
	double t_open = now_s() - t0;
	assert_int_equal(count, N);
	qstore_stats(s, &st);
	print_message("deep queue: %zu messages put in %.2f s (%.1f MB written), open %.3f s reading %.1f MB "
		      "(of %.1f MB), index %zu + %.1f bytes a message\n", N, t_put, (double)written / 1e6, t_open,
		      (double)st.bytes_read / 1e6, (double)(st.data_bytes + st.index_bytes) / 1e6,
		      sizeof(struct qs_entry), mem - (double)sizeof(struct qs_entry));
	assert_true(mem < 100);
	assert_true(st.bytes_read <= st.index_bytes);
	/* remove them all, in checkpoints of 25,000, compacting between */
	for (size_t b = 0; b < 4; b++) {
		assert_int_equal(qstore_batch_begin(s, 100 + b), QM_OK);
		for (size_t i = b * (N / 4); i < (b + 1) * (N / 4); i++)
			assert_int_equal(qstore_remove(s, lsn_of(i)), QM_OK);
		assert_int_equal(qstore_batch_commit(s), QM_OK);
		compact_all(s, 1 << 20);
	}
	qstore_stats(s, &st);
	assert_int_equal(st.live_msgs, 0);
	assert_true(st.data_bytes <= 16 << 20);
	assert_true(st.index_bytes < 1 << 20);
	qstore_close(s);
	count = 0;
	assert_int_equal(qstore_open(dir, QM_A, QNAME, &o, count_entry, &count, &s, NULL, err, sizeof err), QM_OK);
	assert_int_equal(count, 0);
	qstore_close(s);
	ut_rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qstore__round_trip),
		cmocka_unit_test(test_qstore__big_message_and_progress),
		cmocka_unit_test(test_qstore__calls_out_of_sequence),
		cmocka_unit_test(test_qstore__many_checkpoints),
		cmocka_unit_test(test_qstore__open_reads_no_bodies),
		cmocka_unit_test(test_qstore__compaction),
		cmocka_unit_test(test_qstore__snapshot_between_batches),
		cmocka_unit_test(test_qstore__power_loss_in_a_batch),
		cmocka_unit_test(test_qstore__power_loss_in_a_two_part_batch),
		cmocka_unit_test(test_qstore__power_loss_in_compaction),
		cmocka_unit_test(test_qstore__power_loss_while_a_snapshot_is_built),
		cmocka_unit_test(test_qstore__eio_on_sync_is_fail_stop),
		cmocka_unit_test(test_qstore__enospc_keeps_the_old_state),
		cmocka_unit_test(test_qstore__another_queue_managers_store),
		cmocka_unit_test(test_qstore__bad_checksums),
		cmocka_unit_test(test_qstore__compaction_meets_damage),
		cmocka_unit_test(test_qstore__deep_queue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
