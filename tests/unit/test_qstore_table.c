/*
 * test_qstore_table.c: the queue store's index as the queue manager came to
 * lean on it once wired in (issue 9); the store's other tests are in
 * test_qstore.c.
 *   - a batch with no operations (a checkpoint that found nothing to write)
 *     commits, moves the LSN and opens again: its empty journal record once
 *     made open copy from a NULL buffer (UBSan);
 *   - the put-LSN table grows a step at a time (qstore.c): puts and removes
 *     while its old table is still being emptied find and lose exactly the
 *     right entries, in memory and after a reopen;
 *   - a commit in three steps with its syncs on another thread (the
 *     checkpoint's store I/O off the event loop): reads meanwhile, other
 *     calls refused, the result applied or discarded as the sync says;
 *   - a batch's data is written by its syncs, not by its puts: until then
 *     the segment holds only its header, reads come from the buffers the
 *     batch keeps (full write buffers and records bigger than one), and
 *     after the sync and a reopen every body is there, byte for byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log/qmerr.h"
#include "objects/qstore.h"
#include "tests/unit/scratch.h"

static const uint8_t QMID[QS_QMID_LEN] = { 0xc3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
#define QNAME "Q.TABLE"

static uint64_t lsn_of(size_t i)
{
	return 1000 + 16 * (uint64_t)i;
}

static void put_one(struct qstore *s, size_t i)
{
	struct objfile_msg m;
	memset(&m, 0, sizeof m);
	m.seq = 1 + i;
	m.put_lsn = lsn_of(i);
	m.expiry_ms = -1;
	m.priority = (int32_t)(i % 10);
	m.persistence = 1;
	m.data_len = 8;
	snprintf((char *)m.msgid, sizeof m.msgid, "t-%zu", i);
	assert_int_equal(qstore_put(s, &m, "12345678", NULL), QM_OK);
}

/* A new store in a scratch folder (dir gets its path), reflecting lsn. */
static struct qstore *new_store(char *dir, size_t n, uint64_t lsn)
{
	char err[256];
	struct qstore *s;
	ut_scratch_dir("qstab", dir, n);
	assert_int_equal(qstore_create(dir, QMID, QNAME, lsn, NULL, &s, err, sizeof err), QM_OK);
	return s;
}

static void test_qstore_table__empty_batch(void **state)
{
	(void)state;
	char dir[256], err[256];
	struct qstore *s = new_store(dir, sizeof dir, 100);
	assert_int_equal(qstore_batch_begin(s, 200), QM_OK);
	assert_int_equal(qstore_batch_commit(s), QM_OK);
	assert_int_equal(qstore_batch_begin(s, 300), QM_OK);
	assert_int_equal(qstore_batch_commit(s), QM_OK);
	qstore_close(s);
	uint64_t lsn = 0;
	assert_int_equal(qstore_open(dir, QMID, QNAME, NULL, NULL, NULL, &s, &lsn, err, sizeof err), QM_OK);
	assert_true(lsn == 300);
	qstore_close(s);
	ut_rm_tree(dir);
}

struct seen {
	const uint8_t *live;
	size_t n, count, wrong;
};

static int each(void *arg, const struct qs_entry *e)
{
	struct seen *sn = arg;
	size_t i = (size_t)((e->put_lsn - 1000) / 16);
	sn->count++;
	if (i >= sn->n || !sn->live[i])
		sn->wrong++;
	return 0;
}

static void test_qstore_table__grows_in_steps(void **state)
{
	(void)state;
	enum { BATCH = 300, BATCHES = 30, N = BATCH * BATCHES };
	static uint8_t live[N];
	char dir[256], err[256];
	struct qstore *s = new_store(dir, sizeof dir, 10);
	uint64_t x = 2463534242u;
	size_t nlive = 0;
	for (size_t b = 0; b < BATCHES; b++) {
		assert_int_equal(qstore_batch_begin(s, 100 + b), QM_OK);
		for (size_t i = b * BATCH; i < (b + 1) * BATCH; i++)
			put_one(s, i);
		for (size_t k = 0; k < BATCH / 3 && b; k++) {   /* earlier live messages */
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			size_t i = (size_t)(x % (b * BATCH));
			if (live[i] == 1) {
				assert_int_equal(qstore_remove(s, lsn_of(i)), QM_OK);
				live[i] = 2;   /* removed in this batch */
			}
		}
		assert_int_equal(qstore_batch_commit(s), QM_OK);
		for (size_t i = 0; i < (b + 1) * BATCH; i++) {
			if (i >= b * BATCH)
				live[i] = 1;
			else if (live[i] == 2)
				live[i] = 0;
			const struct qs_entry *e = qstore_find(s, lsn_of(i));
			if (live[i] ? !e || e->put_lsn != lsn_of(i) : e != NULL)
				fail_msg("batch %zu: message %zu %s", b, i, live[i] ? "not found" : "still found");
		}
	}
	for (size_t i = 0; i < N; i++)
		nlive += live[i];
	qstore_close(s);
	struct seen sn = { .live = live, .n = N };
	assert_int_equal(qstore_open(dir, QMID, QNAME, NULL, each, &sn, &s, NULL, err, sizeof err), QM_OK);
	assert_int_equal(sn.wrong, 0);
	assert_int_equal(sn.count, nlive);
	for (size_t i = 0; i < N; i++)
		assert_true((qstore_find(s, lsn_of(i)) != NULL) == (live[i] != 0));
	qstore_close(s);
	ut_rm_tree(dir);
}

static void *sync_thread(void *arg)
{
	struct qstore *s = arg;
	return (void *)(intptr_t)qstore_batch_sync(s);
}

static void test_qstore_table__sealed_batch(void **state)
{
	(void)state;
	char dir[256], err[256];
	struct qstore *s = new_store(dir, sizeof dir, 100);
	assert_int_equal(qstore_batch_begin(s, 200), QM_OK);
	for (size_t i = 0; i < 10; i++)
		put_one(s, i);
	assert_int_equal(qstore_batch_commit(s), QM_OK);
	assert_int_equal(qstore_batch_begin(s, 300), QM_OK);
	for (size_t i = 10; i < 20; i++)
		put_one(s, i);
	assert_int_equal(qstore_remove(s, lsn_of(3)), QM_OK);
	assert_int_equal(qstore_batch_seal(s), QM_OK);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, sync_thread, s), 0);
	/* meanwhile: reads of committed and sealed entries; changes refused */
	struct objfile_msg h;
	char buf[8];
	assert_int_equal(qstore_read(s, qstore_find(s, lsn_of(3)), &h, buf, sizeof buf), QM_OK);
	assert_int_equal(qstore_read(s, qstore_find(s, lsn_of(15)), &h, buf, sizeof buf), QM_OK);
	assert_memory_equal(buf, "12345678", 8);
	assert_int_equal(qstore_remove(s, lsn_of(4)), QM_EINVAL);
	assert_int_equal(qstore_batch_begin(s, 400), QM_EINVAL);
	int more;
	assert_int_equal(qstore_compact_step(s, 1 << 20, &more), QM_EINVAL);
	void *ret;
	assert_int_equal(pthread_join(t, &ret), 0);
	assert_int_equal((int)(intptr_t)ret, QM_OK);
	assert_int_equal(qstore_batch_finish(s, QM_OK), QM_OK);
	assert_null(qstore_find(s, lsn_of(3)));
	/* a sealed batch whose sync is reported failed is discarded */
	assert_int_equal(qstore_batch_begin(s, 500), QM_OK);
	put_one(s, 20);
	assert_int_equal(qstore_remove(s, lsn_of(5)), QM_OK);
	assert_int_equal(qstore_batch_seal(s), QM_OK);
	assert_int_equal(qstore_batch_finish(s, QM_EIO), QM_EIO);
	assert_null(qstore_find(s, lsn_of(20)));
	assert_non_null(qstore_find(s, lsn_of(5)));
	qstore_close(s);
	uint64_t lsn = 0;
	uint8_t live[21] = { 0 };
	for (size_t i = 0; i < 20; i++)
		live[i] = i != 3;
	struct seen sn = { .live = live, .n = 21 };
	assert_int_equal(qstore_open(dir, QMID, QNAME, NULL, each, &sn, &s, &lsn, err, sizeof err), QM_OK);
	assert_true(lsn == 300);
	assert_int_equal(sn.count, 19);
	assert_int_equal(sn.wrong, 0);
	qstore_close(s);
	ut_rm_tree(dir);
}

/* Body i: len bytes no compressor could shorten. */
static void body_of(size_t i, uint8_t *b, size_t len)
{
	uint64_t x = 0x9e3779b97f4a7c15ULL * (i + 1);
	for (size_t k = 0; k < len; k++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		b[k] = (uint8_t)x;
	}
}

/* Messages from..N-1 of the test below read back whole (when: a label). */
static void expect_bodies(struct qstore *s, const size_t *len, size_t from, size_t n, uint8_t *want, uint8_t *got,
			  const char *when)
{
	struct objfile_msg h;
	for (size_t i = from; i < n; i++) {
		body_of(i, want, len[i]);
		memset(got, 0, len[i]);
		assert_int_equal(qstore_read(s, qstore_find(s, lsn_of(i)), &h, got, 1536 << 10), QM_OK);
		if (memcmp(got, want, len[i]) != 0)
			fail_msg("message %zu read back wrong %s", i, when);
	}
}

/* The bytes the store's data segments hold on disk. */
static long long seg_bytes_on_disk(const char *dir)
{
	long long n = 0;
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		if (l > 4 && strcmp(de->d_name + l - 4, ".qsd") == 0) {
			char p[600];
			struct stat st;
			snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
			assert_int_equal(stat(p, &st), 0);
			n += st.st_size;
		}
	}
	closedir(d);
	return n;
}

static void test_qstore_table__data_written_by_the_sync(void **state)
{
	(void)state;
	/* 7 records of 300 KiB fill the 1 MiB write buffer twice over; one of
	 * 1.5 MiB is bigger than the buffer */
	static const size_t len[] = { 300 << 10, 300 << 10, 300 << 10, 300 << 10, 1536 << 10,
				      300 << 10, 300 << 10, 300 << 10, 17 };
	enum { N = sizeof len / sizeof len[0] };
	char dir[256], err[256];
	uint8_t *want = malloc(1536 << 10), *got = malloc(1536 << 10);
	assert_non_null(want);
	assert_non_null(got);
	struct qstore *s = new_store(dir, sizeof dir, 100);
	long long before = seg_bytes_on_disk(dir);
	assert_int_equal(qstore_batch_begin(s, 200), QM_OK);
	for (size_t i = 0; i < N; i++) {
		struct objfile_msg m;
		memset(&m, 0, sizeof m);
		m.seq = 1 + i;
		m.put_lsn = lsn_of(i);
		m.expiry_ms = -1;
		m.persistence = 1;
		m.data_len = (uint32_t)len[i];
		body_of(i, want, len[i]);
		assert_int_equal(qstore_put(s, &m, want, NULL), QM_OK);
	}
	assert_int_equal(qstore_batch_seal(s), QM_OK);
	/* sealed, not synced: the segment has its header and nothing more */
	long long sealed = seg_bytes_on_disk(dir);
	assert_true(sealed - before <= 4096);
	expect_bodies(s, len, 0, N, want, got, "before its sync");
	pthread_t t;
	void *ret;
	assert_int_equal(pthread_create(&t, NULL, sync_thread, s), 0);
	assert_int_equal(pthread_join(t, &ret), 0);
	assert_int_equal((int)(intptr_t)ret, QM_OK);
	assert_int_equal(qstore_batch_finish(s, QM_OK), QM_OK);
	long long total = 0;
	for (size_t i = 0; i < N; i++)
		total += (long long)len[i];
	assert_true(seg_bytes_on_disk(dir) - sealed >= total);
	/* the next batch reuses the write buffers */
	assert_int_equal(qstore_batch_begin(s, 300), QM_OK);
	assert_int_equal(qstore_remove(s, lsn_of(0)), QM_OK);
	assert_int_equal(qstore_batch_commit(s), QM_OK);
	qstore_close(s);
	uint64_t lsn = 0;
	assert_int_equal(qstore_open(dir, QMID, QNAME, NULL, NULL, NULL, &s, &lsn, err, sizeof err), QM_OK);
	assert_true(lsn == 300);
	assert_null(qstore_find(s, lsn_of(0)));
	expect_bodies(s, len, 1, N, want, got, "after a reopen");
	qstore_close(s);
	free(want);
	free(got);
	ut_rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qstore_table__empty_batch),
		cmocka_unit_test(test_qstore_table__grows_in_steps),
		cmocka_unit_test(test_qstore_table__sealed_batch),
		cmocka_unit_test(test_qstore_table__data_written_by_the_sync),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
