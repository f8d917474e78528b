/* test_faultio.c: the fault-injecting osio table, on real files in $QUIRE_TEST_DIR. */
#include "tests/unit/faultio.h"
#include "log/osio.h"
#include "log/qmerr.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

struct ctx {
	char dir[PATH_MAX];
};

static int setup(void **state)
{
	const char *base = getenv("QUIRE_TEST_DIR");
	struct ctx *c = calloc(1, sizeof *c);
	if (!c)
		return -1;
	snprintf(c->dir, sizeof c->dir, "%s/faultio.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(c->dir)) {
		free(c);
		return -1;
	}
	faultio_install();
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	faultio_uninstall();
	free(*state);
	return 0;
}

/* dir/name into a static-sized buffer */
static void in_dir(char *out, const struct ctx *c, const char *name)
{
	int n = snprintf(out, PATH_MAX, "%s/%s", c->dir, name);
	assert_true(n > 0 && n < PATH_MAX);
}

/* Read a whole file without the layer; -1 when it does not exist. */
static long slurp(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		assert_int_equal(errno, ENOENT);
		return -1;
	}
	size_t got = 0;
	for (;;) {
		ssize_t r = read(fd, buf + got, cap - got);
		assert_true(r >= 0);
		if (r == 0)
			break;
		got += (size_t)r;
		assert_true(got < cap);
	}
	close(fd);
	return (long)got;
}

static void assert_bytes(const char *path, const void *want, size_t len)
{
	static char buf[1 << 16];
	long n = slurp(path, buf, sizeof buf);
	assert_int_equal(n, (long)len);
	if (len)
		assert_memory_equal(buf, want, len);
}

static void assert_contents(const char *path, const char *want)
{
	assert_bytes(path, want, strlen(want));
}

static bool exists(const char *path)
{
	struct stat sb;
	return lstat(path, &sb) == 0;
}

/* Files in the folder whose names start with prefix. */
static int count_named(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			n++;
	closedir(d);
	return n;
}

/* A file made durable the long way: create, write, fsync, fsync the folder. */
static void put_durable(const char *path, const char *data)
{
	int fd = osio->open(path, O_RDWR | O_CREAT | O_TRUNC, 0660);
	assert_true(fd >= 0);
	assert_int_equal(os_pwrite_full(fd, data, strlen(data), 0), QM_OK);
	assert_int_equal(os_fsync(fd), QM_OK);
	assert_int_equal(osio->close(fd), 0);
	assert_int_equal(os_fsync_parent(path), QM_OK);
}

static int open_rw(const char *path)
{
	int fd = osio->open(path, O_RDWR, 0);
	assert_true(fd >= 0);
	return fd;
}

static void test_faultio__write_lost_without_sync(void **state)
{
	struct ctx *c = *state;
	char p[PATH_MAX];
	in_dir(p, c, "_a_.dat");
	put_durable(p, "AAAAAAAAAAAAAAAA");
	assert_int_equal(faultio_pending(NULL), 0);

	int fd = open_rw(p);
	assert_int_equal(os_pwrite_full(fd, "BBBB", 4, 4), QM_OK);
	assert_int_equal(os_pwrite_full(fd, "CCCCCCCC", 8, 12), QM_OK);  /* grows the file */
	assert_int_equal(osio->ftruncate(fd, 2), 0);
	assert_int_equal(os_pwrite_full(fd, "DD", 2, 30), QM_OK);
	char want[32] = "AA";
	memcpy(want + 30, "DD", 2);
	assert_bytes(p, want, sizeof want);
	assert_int_equal(faultio_pending("_a_.dat"), 4);
	faultio_crash();
	assert_contents(p, "AAAAAAAAAAAAAAAA");
	assert_int_equal(faultio_pending(NULL), 0);
	assert_int_equal(faultio_stats().undo_failures, 0);
	assert_int_equal(faultio_stats().crashes, 1);
	assert_int_equal(osio->close(fd), 0);

	/* a new file whose data was never synced comes back empty */
	char q[PATH_MAX];
	in_dir(q, c, "_b_.dat");
	put_durable(q, "");
	fd = open_rw(q);
	assert_int_equal(os_pwrite_full(fd, "hello", 5, 0), QM_OK);
	assert_int_equal(os_fsync_parent(q), QM_OK);  /* the folder, not the file */
	faultio_crash();
	assert_contents(q, "");
	assert_int_equal(osio->close(fd), 0);
}

static void test_faultio__write_kept_with_sync(void **state)
{
	struct ctx *c = *state;
	char p[PATH_MAX];
	in_dir(p, c, "_a_.dat");
	put_durable(p, "0123456789");

	int fd = open_rw(p);
	assert_int_equal(os_pwrite_full(fd, "ab", 2, 0), QM_OK);
	assert_int_equal(os_fdatasync(fd), QM_OK);
	assert_int_equal(os_pwrite_full(fd, "cd", 2, 2), QM_OK);  /* after the sync: lost */
	faultio_crash();
	assert_contents(p, "ab23456789");

	/* a sync through another fd on the same file counts too */
	int w = open_rw(p);
	int r = osio->open(p, O_RDONLY, 0);
	assert_true(r >= 0);
	assert_int_equal(os_pwrite_full(w, "XYZ", 3, 7), QM_OK);
	assert_int_equal(os_fsync(r), QM_OK);
	faultio_crash();
	assert_contents(p, "ab23456XYZ");
	assert_int_equal(osio->close(w), 0);
	assert_int_equal(osio->close(r), 0);
	assert_int_equal(osio->close(fd), 0);
}

static void test_faultio__create_lost_without_dir_sync(void **state)
{
	struct ctx *c = *state;
	char p[PATH_MAX], d[PATH_MAX], q[PATH_MAX];
	in_dir(p, c, "new.dat");
	int fd = osio->open(p, O_RDWR | O_CREAT | O_EXCL, 0660);
	assert_true(fd >= 0);
	assert_int_equal(os_pwrite_full(fd, "data", 4, 0), QM_OK);
	assert_int_equal(os_fsync(fd), QM_OK);
	assert_int_equal(osio->close(fd), 0);
	assert_true(faultio_pending("new.dat") > 0);
	faultio_crash();
	assert_false(exists(p));

	/* the same with the folder synced survives */
	put_durable(p, "data");
	faultio_crash();
	assert_contents(p, "data");

	/* a folder made with mkdir goes, with all it holds, unless its parent is synced */
	in_dir(d, c, "sub");
	in_dir(q, c, "sub/f");
	assert_int_equal(osio->mkdir(d, 0770), 0);
	put_durable(q, "inside");
	faultio_crash();
	assert_false(exists(d));
	in_dir(q, c, "sub/deeper/f");
	assert_int_equal(os_mkdir_p(d, 0770), QM_OK);
	in_dir(d, c, "sub/deeper");
	assert_int_equal(os_mkdir_p(d, 0770), QM_OK);
	put_durable(q, "deep");
	faultio_crash();
	assert_contents(q, "deep");
	assert_int_equal(osio->rmdir(d), -1);  /* not empty */
	assert_int_equal(osio->unlink(q), 0);
	assert_int_equal(osio->rmdir(d), 0);
	faultio_crash();
	assert_contents(q, "deep");
	assert_int_equal(faultio_stats().undo_failures, 0);
}

static void test_faultio__unlink_and_rename_undone(void **state)
{
	struct ctx *c = *state;
	char a[PATH_MAX], b[PATH_MAX], x[PATH_MAX];
	in_dir(a, c, "a");
	in_dir(b, c, "b");
	in_dir(x, c, "x");
	put_durable(a, "alpha");
	put_durable(b, "beta");
	put_durable(x, "xray");

	assert_int_equal(osio->unlink(a), 0);
	assert_int_equal(osio->rename(b, x), 0);   /* over an existing file */
	assert_false(exists(a));
	assert_false(exists(b));
	assert_contents(x, "beta");
	faultio_crash();
	assert_contents(a, "alpha");
	assert_contents(b, "beta");
	assert_contents(x, "xray");
	assert_int_equal(count_named(c->dir, ".faultio"), 0);

	/* durable: the folder was synced */
	assert_int_equal(os_unlink_durable(a), QM_OK);
	assert_int_equal(os_rename_durable(b, x), QM_OK);
	assert_int_equal(count_named(c->dir, ".faultio"), 0);
	faultio_crash();
	assert_false(exists(a));
	assert_false(exists(b));
	assert_contents(x, "beta");

	/* unlinked while open, written after: the data undo still reaches it */
	int fd = open_rw(x);
	assert_int_equal(osio->unlink(x), 0);
	assert_int_equal(os_pwrite_full(fd, "ZZZZ", 4, 0), QM_OK);
	faultio_crash();
	assert_contents(x, "beta");
	assert_int_equal(osio->close(fd), 0);
	assert_int_equal(faultio_stats().undo_failures, 0);
}

static void test_faultio__truncate_and_fallocate_undone(void **state)
{
	struct ctx *c = *state;
	char p[PATH_MAX];
	in_dir(p, c, "t");
	put_durable(p, "keep me whole");

	int fd = osio->open(p, O_RDWR | O_TRUNC, 0);
	assert_true(fd >= 0);
	assert_contents(p, "");
	faultio_crash();
	assert_contents(p, "keep me whole");
	assert_int_equal(osio->close(fd), 0);

	fd = open_rw(p);
	assert_int_equal(osio->fallocate(fd, 0, 8192), 0);
	struct stat sb;
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_size, 8192);
	faultio_crash();
	assert_contents(p, "keep me whole");
	assert_int_equal(osio->close(fd), 0);

	fd = open_rw(p);
	assert_int_equal(os_preallocate(fd, 4096), QM_OK);  /* fallocate + fsync: durable */
	faultio_crash();
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_size, 4096);
	assert_int_equal(osio->close(fd), 0);
}

static void test_faultio__fds_dead_after_crash(void **state)
{
	struct ctx *c = *state;
	char p[PATH_MAX];
	in_dir(p, c, "f");
	put_durable(p, "v1");
	int fd = open_rw(p);
	faultio_crash();

	char buf[4];
	errno = 0;
	assert_int_equal(osio->pwrite(fd, "x", 1, 0), -1);
	assert_int_equal(errno, EBADF);
	assert_int_equal(osio->pread(fd, buf, 1, 0), -1);
	assert_int_equal(errno, EBADF);
	assert_int_equal(osio->fsync(fd), -1);
	assert_int_equal(errno, EBADF);
	/* the number stays taken until closed, so a new open gets another one */
	int fd2 = open_rw(p);
	assert_int_not_equal(fd2, fd);
	assert_int_equal(osio->close(fd), 0);
	assert_int_equal(os_pwrite_full(fd2, "v2", 2, 0), QM_OK);
	assert_int_equal(os_fsync(fd2), QM_OK);
	faultio_crash();
	assert_contents(p, "v2");
	assert_int_equal(osio->close(fd2), 0);
}

static void test_faultio__nth_fsync_fails(void **state)
{
	struct ctx *c = *state;
	char a[PATH_MAX], b[PATH_MAX];
	in_dir(a, c, "_a_.dat");
	in_dir(b, c, "_b_.dat");
	put_durable(a, "a0");
	put_durable(b, "b0");
	int fa = open_rw(a), fb = open_rw(b);

	faultio_fail_sync(2, EIO, NULL);
	assert_int_equal(os_fsync(fa), QM_OK);
	errno = 0;
	assert_int_equal(os_fdatasync(fb), QM_EIO);
	assert_int_equal(errno, EIO);
	assert_int_equal(os_fsync(fb), QM_OK);  /* one shot */
	assert_int_equal(faultio_stats().faults, 1);

	/* only for a path, counting from when armed; a failed sync keeps nothing */
	faultio_fail_sync(1, EIO, "_b_.dat");
	assert_int_equal(os_pwrite_full(fa, "a1", 2, 0), QM_OK);
	assert_int_equal(os_pwrite_full(fb, "b1", 2, 0), QM_OK);
	assert_int_equal(os_fdatasync(fa), QM_OK);
	assert_int_equal(os_fdatasync(fb), QM_EIO);
	faultio_crash();
	assert_contents(a, "a1");
	assert_contents(b, "b0");
	assert_int_equal(osio->close(fa), 0);
	assert_int_equal(osio->close(fb), 0);

	/* persistent: the 2nd and every later sync fail */
	fa = open_rw(a);
	faultio_fail_op(FAULTIO_SYNC, 2, EIO, NULL, true);
	assert_int_equal(os_fsync(fa), QM_OK);
	assert_int_equal(os_fsync(fa), QM_EIO);
	assert_int_equal(os_fsync(fa), QM_EIO);
	assert_int_equal(os_fsync_dir(c->dir), QM_EIO);
	faultio_reset();
	assert_int_equal(os_fsync(fa), QM_OK);

	/* a failed close still releases the fd */
	faultio_fail_op(FAULTIO_CLOSE, 1, EIO, NULL, false);
	errno = 0;
	assert_int_equal(osio->close(fa), -1);
	assert_int_equal(errno, EIO);
	assert_int_equal(fcntl(fa, F_GETFD), -1);
	assert_int_equal(faultio_stats().faults, 1);
}

static void test_faultio__short_and_failed_writes(void **state)
{
	struct ctx *c = *state;
	char p[PATH_MAX];
	in_dir(p, c, "w");
	put_durable(p, "");
	int fd = open_rw(p);
	faultio_stats_clear();

	faultio_short_write(1, 3);
	assert_int_equal(osio->pwrite(fd, "0123456789", 10, 0), 3);
	assert_contents(p, "012");
	faultio_short_write(1, 4);
	assert_int_equal(os_pwrite_full(fd, "abcdefghij", 10, 0), QM_OK);
	assert_contents(p, "abcdefghij");
	struct faultio_stats s = faultio_stats();
	assert_int_equal(s.pwrites, 3);  /* the raw one, then 4 and 6 bytes */
	assert_int_equal(s.bytes_written, 13);
	assert_int_equal(s.faults, 2);

	faultio_short_write_path(1, 0, "_other_");
	assert_int_equal(os_pwrite_full(fd, "x", 1, 0), QM_OK);  /* another path: untouched */
	faultio_reset();

	faultio_fail_write(2, ENOSPC, NULL);
	assert_int_equal(os_pwrite_full(fd, "1", 1, 0), QM_OK);
	errno = 0;
	assert_int_equal(os_pwrite_full(fd, "2", 1, 1), QM_ENOSPC);
	assert_int_equal(errno, ENOSPC);
	faultio_fail_write(1, EIO, "w");
	assert_int_equal(os_pwrite_full(fd, "3", 1, 2), QM_EIO);
	assert_contents(p, "1bcdefghij");

	/* EINTR is retried by os_pwrite_full */
	faultio_fail_op(FAULTIO_PWRITE, 1, EINTR, NULL, false);
	assert_int_equal(os_pwrite_full(fd, "4", 1, 3), QM_OK);
	assert_contents(p, "1bc4efghij");
	assert_int_equal(osio->close(fd), 0);
}

static void test_faultio__space_budget(void **state)
{
	struct ctx *c = *state;
	char p[PATH_MAX];
	static char big[100];
	memset(big, 'q', sizeof big);
	in_dir(p, c, "full");
	put_durable(p, "");
	int fd = open_rw(p);

	faultio_space_budget(100);
	assert_int_equal(os_pwrite_full(fd, big, 60, 0), QM_OK);
	errno = 0;
	assert_int_equal(os_pwrite_full(fd, big, 60, 60), QM_ENOSPC);
	assert_int_equal(errno, ENOSPC);
	struct stat sb;
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_size, 100);  /* the second write stopped at the limit */
	assert_int_equal(os_preallocate(fd, 4096), QM_ENOSPC);

	/* os_preallocate reserves (fallocate) and then writes zeros: the
	 * budget counts both */
	faultio_space_budget(8192);
	assert_int_equal(os_preallocate(fd, 4096), QM_OK);
	assert_int_equal(os_pwrite_full(fd, "z", 1, 0), QM_ENOSPC);
	faultio_space_budget(-1);
	assert_int_equal(os_pwrite_full(fd, big, sizeof big, 0), QM_OK);
	assert_int_equal(osio->close(fd), 0);
}

static void test_faultio__torn_write(void **state)
{
	struct ctx *c = *state;
	char p[PATH_MAX], o[PATH_MAX];
	enum { N = 4096 };
	static char old[N], w1[N], w2[N], now[3000 + N + 1], base[N];
	memset(old, '.', N);
	memset(w1, '1', N);
	memset(w2, '2', N);
	in_dir(p, c, "_torn_");
	in_dir(o, c, "_other_");
	old[N - 1] = 0;
	put_durable(p, old);  /* N - 1 dots */
	put_durable(o, "_other_");
	old[N - 1] = '.';

	/* keep a prefix of the last write; the earlier write to the file is dropped */
	int fd = open_rw(p), fo = open_rw(o);
	assert_int_equal(os_pwrite_full(fd, w1, 100, 0), QM_OK);
	assert_int_equal(os_pwrite_full(fd, w2, 1000, 50), QM_OK);
	assert_int_equal(os_pwrite_full(fo, "OTHER", 5, 0), QM_OK);  /* newer, other file */
	assert_int_equal(faultio_crash_torn_prefix("_torn_", 700), 700);
	assert_int_equal(slurp(p, now, sizeof now), N - 1);
	for (int i = 0; i < N - 1; i++)
		assert_int_equal(now[i], i >= 50 && i < 750 ? '2' : '.');
	assert_contents(o, "_other_");
	memcpy(base, now, N - 1);  /* the durable state from now on */
	assert_int_equal(osio->close(fd), 0);
	assert_int_equal(osio->close(fo), 0);

	/* random shapes: every byte is old or new, as many new as reported, the
	 * file grown only as far as kept bytes reach; both prefixes and scattered
	 * sectors come up */
	int shapes_seen = 0;
	for (unsigned seed = 1; seed <= 40; seed++) {
		fd = open_rw(p);  /* back to the same durable base each time */
		assert_int_equal(os_pwrite_full(fd, base, N - 1, 0), QM_OK);
		assert_int_equal(osio->ftruncate(fd, N - 1), 0);
		assert_int_equal(os_fsync(fd), QM_OK);
		assert_int_equal(os_pwrite_full(fd, w1, N, 3000), QM_OK);
		long long kept = faultio_crash_torn(seed);
		assert_true(kept >= 0 && kept < N);
		long n = slurp(p, now, sizeof now);
		assert_true(n >= N - 1 && n <= 3000 + N);
		long news = 0, last_new = -1;
		bool prefix = true;
		for (long i = 0; i < n; i++) {
			if (i < 3000) {
				assert_int_equal(now[i], base[i]);
			} else if (now[i] == '1') {
				prefix = prefix && (i == 3000 || now[i - 1] == '1');
				news++;
				last_new = i;
			} else {
				assert_true(i < N - 1 ? now[i] == base[i] : now[i] == 0);
			}
		}
		assert_int_equal(news, kept);
		if (last_new > 0 && last_new % 512 != 511 && last_new != 3000 + N - 1)
			assert_true(prefix);  /* only a byte prefix may end inside a sector */
		shapes_seen |= kept > 0 ? (prefix ? 1 : 2) : 0;
		if (n > N - 1)
			assert_int_equal(now[n - 1], '1');  /* growth only up to kept bytes */
		assert_int_equal(osio->close(fd), 0);
	}
	assert_int_equal(shapes_seen, 3);

	/* nothing pending: a plain crash */
	assert_int_equal(faultio_crash_torn(7), -1);
	assert_int_equal(faultio_stats().undo_failures, 0);
}

static void test_faultio__append_and_dsync(void **state)
{
	struct ctx *c = *state;
	char p[PATH_MAX], q[PATH_MAX];
	in_dir(p, c, "_app_");
	in_dir(q, c, "_dsync_");
	put_durable(p, "abc");
	put_durable(q, "abc");

	/* O_APPEND: the write lands at the end whatever the offset, and so does the tear */
	int fd = osio->open(p, O_WRONLY | O_APPEND, 0);
	assert_true(fd >= 0);
	assert_int_equal(os_pwrite_full(fd, "defgh", 5, 0), QM_OK);
	assert_contents(p, "abcdefgh");
	assert_int_equal(faultio_crash_torn_prefix("_app_", 2), 2);
	assert_contents(p, "abcde");
	assert_int_equal(osio->close(fd), 0);

	/* O_DSYNC: each write is durable when it returns */
	fd = osio->open(q, O_RDWR | O_DSYNC, 0);
	assert_true(fd >= 0);
	assert_int_equal(os_pwrite_full(fd, "XY", 2, 1), QM_OK);
	assert_int_equal(faultio_pending("_dsync_"), 0);
	faultio_crash();
	assert_contents(q, "aXY");
	assert_int_equal(osio->close(fd), 0);
}

/* os_replace_file: durable once it returned QM_OK */
static void test_faultio__replace_file_durable(void **state)
{
	struct ctx *c = *state;
	char p[PATH_MAX], t[PATH_MAX];
	in_dir(p, c, "_obj_");
	in_dir(t, c, "_obj_.tmp");
	assert_int_equal(os_replace_file(p, "first", 5), QM_OK);
	assert_int_equal(faultio_pending(NULL), 0);
	faultio_crash();
	assert_contents(p, "first");
	assert_int_equal(os_replace_file(p, "second", 6), QM_OK);
	faultio_crash_torn(3);
	assert_contents(p, "second");
	assert_false(exists(t));
	assert_int_equal(count_named(c->dir, ".faultio"), 0);
	struct faultio_stats s = faultio_stats_path(c->dir);
	assert_int_equal(s.dir_fsyncs, 2);
	assert_int_equal(s.fsyncs, 4);     /* the tmp file twice, the folder twice */
	assert_int_equal(s.renames, 2);
	assert_int_equal(s.bytes_written, 11);
	assert_int_equal(faultio_stats_path("_obj_.tmp").fsyncs, 2);
	assert_int_equal(faultio_stats_path("_obj_.tmp").dir_fsyncs, 0);
}

/* What a reader finds after a crash: old or new, never a mix, never the tmp. */
static void check_old_or_new(const struct ctx *c, const char *p, int rc, const char *oldv, const char *newv)
{
	static char buf[4096];
	char t[PATH_MAX];
	long n = slurp(p, buf, sizeof buf);
	bool is_old = n == (long)strlen(oldv) && memcmp(buf, oldv, (size_t)n) == 0;
	bool is_new = n == (long)strlen(newv) && memcmp(buf, newv, (size_t)n) == 0;
	assert_true(is_old || is_new);
	if (rc == QM_OK)
		assert_true(is_new);
	snprintf(t, sizeof t, "%s.tmp", p);
	assert_false(exists(t));
	assert_int_equal(count_named(c->dir, ".faultio"), 0);
	assert_int_equal(faultio_stats().undo_failures, 0);
}

static void test_faultio__replace_file_fault_each_step(void **state)
{
	struct ctx *c = *state;
	char p[PATH_MAX];
	const char *oldv = "old contents, a bit longer than the new";
	const char *newv = "new contents";
	in_dir(p, c, "_obj_");
	for (int persistent = 0; persistent <= 1; persistent++) {
		int steps = 0;
		for (int k = 1; ; k++) {
			assert_int_equal(os_replace_file(p, oldv, strlen(oldv)), QM_OK);
			faultio_reset();
			faultio_fail_op(FAULTIO_ANY, k, EIO, NULL, persistent);
			int rc = os_replace_file(p, newv, strlen(newv));
			bool fired = faultio_stats().faults > 0;
			if (fired)
				assert_int_not_equal(rc, QM_OK);
			if (k % 2)
				faultio_crash();
			else
				faultio_crash_torn(k);
			check_old_or_new(c, p, rc, oldv, newv);
			if (!fired) {
				assert_int_equal(rc, QM_OK);
				break;
			}
			steps++;
		}
		/* open tmp, write, fsync, rename, open folder, fsync folder */
		assert_int_equal(steps, 6);
	}
}

static void test_faultio__replace_file_crash_each_step(void **state)
{
	struct ctx *c = *state;
	char p[PATH_MAX];
	const char *oldv = "version one";
	const char *newv = "version two, longer";
	in_dir(p, c, "_obj_");
	int steps = 0;
	for (int k = 1; ; k++) {
		assert_int_equal(os_replace_file(p, oldv, strlen(oldv)), QM_OK);
		faultio_reset();
		faultio_crash_at(FAULTIO_ANY, k, NULL);
		int rc = os_replace_file(p, newv, strlen(newv));
		bool crashed = faultio_crashed();
		if (!crashed) {
			assert_int_equal(rc, QM_OK);
			faultio_crash();  /* power loss just after it returned */
			check_old_or_new(c, p, rc, oldv, newv);
			assert_contents(p, newv);
			break;
		}
		assert_int_not_equal(rc, QM_OK);
		assert_int_equal(faultio_stats().crashes, 1);
		/* the process is gone: nothing works until restart */
		assert_true(osio->open(p, O_RDONLY, 0) < 0);
		assert_int_equal(errno, EIO);
		faultio_restart();
		check_old_or_new(c, p, rc, oldv, newv);
		steps++;
	}
	assert_int_equal(steps, 6);
}

struct worker {
	char path[PATH_MAX];
	char byte;
	int rc;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	char buf[64];
	memset(buf, w->byte, sizeof buf);
	int fd = osio->open(w->path, O_RDWR, 0);
	w->rc = fd < 0 ? QM_EIO : QM_OK;
	for (int i = 0; i < 200 && w->rc == QM_OK; i++) {
		w->rc = os_pwrite_full(fd, buf, sizeof buf, (off_t)i * (off_t)sizeof buf);
		if (w->rc == QM_OK && i % 10 == 9)
			w->rc = os_fdatasync(fd);
	}
	if (fd >= 0)
		osio->close(fd);
	return NULL;
}

static void test_faultio__threads(void **state)
{
	struct ctx *c = *state;
	struct worker w[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		char name[16];
		snprintf(name, sizeof name, "_th%d_", i);
		in_dir(w[i].path, c, name);
		w[i].byte = (char)('a' + i);
		put_durable(w[i].path, "");
	}
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(w[i].rc, QM_OK);
	assert_int_equal(faultio_stats().fdatasyncs, 4 * 20);
	assert_int_equal(faultio_stats_path("_th2_").bytes_written, 200 * 64);
	faultio_crash();
	static char buf[200 * 64 + 1];
	for (int i = 0; i < 4; i++) {
		assert_int_equal(slurp(w[i].path, buf, sizeof buf), 200 * 64);
		for (int k = 0; k < 200 * 64; k++)
			assert_int_equal(buf[k], 'a' + i);
	}
}

static void test_faultio__stats(void **state)
{
	struct ctx *c = *state;
	char a[PATH_MAX], b[PATH_MAX];
	in_dir(a, c, "_s1_");
	in_dir(b, c, "_s2_");
	put_durable(a, "12345");
	put_durable(b, "1234567");
	struct faultio_stats s = faultio_stats();
	assert_int_equal(s.opens, 4);
	assert_int_equal(s.closes, 4);
	assert_int_equal(s.pwrites, 2);
	assert_int_equal(s.bytes_written, 12);
	assert_int_equal(s.fsyncs, 4);
	assert_int_equal(s.dir_fsyncs, 2);
	assert_int_equal(s.fdatasyncs, 0);
	assert_int_equal(faultio_stats_path("_s2_").bytes_written, 7);
	assert_int_equal(faultio_stats_path("_s2_").fsyncs, 1);
	assert_int_equal(faultio_stats_path(c->dir).fsyncs, 4);
	assert_int_equal(faultio_stats_path("nowhere").opens, 0);
	faultio_stats_clear();
	assert_int_equal(faultio_stats().opens, 0);
	assert_int_equal(faultio_stats_path("_s1_").bytes_written, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_faultio__write_lost_without_sync, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__write_kept_with_sync, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__create_lost_without_dir_sync, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__unlink_and_rename_undone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__truncate_and_fallocate_undone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__fds_dead_after_crash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__nth_fsync_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__short_and_failed_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__space_budget, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__torn_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__append_and_dsync, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__replace_file_durable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__replace_file_fault_each_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__replace_file_crash_each_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__threads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faultio__stats, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
