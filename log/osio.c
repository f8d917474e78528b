/* osio.c: the real system-call table and the durable-I/O helpers over it. */
#include "log/osio.h"
#include "log/qmerr.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static int real_open(const char *p, int f, mode_t m) { return open(p, f | O_CLOEXEC, m); }
static int real_fallocate(int fd, off_t off, off_t len)
{
	int e = posix_fallocate(fd, off, len);   /* returns the error, errno untouched */
	if (e) {
		errno = e;
		return -1;
	}
	return 0;
}

const struct osio_ops osio_real = {
	.open = real_open, .close = close, .pwrite = pwrite, .pread = pread,
	.fdatasync = fdatasync, .fsync = fsync, .rename = rename, .unlink = unlink,
	.fallocate = real_fallocate, .ftruncate = ftruncate, .mkdir = mkdir, .rmdir = rmdir,
};
const struct osio_ops *osio = &osio_real;

void osio_set(const struct osio_ops *ops) { osio = ops ? ops : &osio_real; }

int os_errno_rc(void)
{
	if (errno == ENOSPC || errno == EDQUOT || errno == EFBIG)
		return QM_ENOSPC;
	if (errno == ENOENT)
		return QM_ENOENT;
	if (errno == EACCES || errno == EPERM)
		return QM_EPERM;
	return QM_EIO;
}

int os_pwrite_full(int fd, const void *buf, size_t n, off_t off)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t w = osio->pwrite(fd, p, n, off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return os_errno_rc();
		}
		if (w == 0) {
			errno = ENOSPC;
			return QM_ENOSPC;
		}
		p += w; n -= (size_t)w; off += w;
	}
	return QM_OK;
}

int os_pread_full(int fd, void *buf, size_t n, off_t off, size_t *got)
{
	char *p = buf;
	size_t done = 0;
	while (done < n) {
		ssize_t r = osio->pread(fd, p + done, n - done, off + (off_t)done);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (got)
				*got = done;
			return os_errno_rc();
		}
		if (r == 0)
			break;
		done += (size_t)r;
	}
	if (got)
		*got = done;
	return done == n ? QM_OK : QM_ECORRUPT;
}

#ifdef QUIRE_TEST_HOOKS
/* Crash points: compiled into test builds only (make test, make check; see
 * log/osio.h); a release build has no trace of QM_CRASH_AT. */
static struct {
	pthread_once_t once;
	pthread_mutex_t mu;
	char name[64];
	long nth, hits;
	const char *logpath;
	long sync_delay_ms;      /* QM_SYNC_DELAY_MS: each "sync" point sleeps first */
	int armed;
} cp = { .once = PTHREAD_ONCE_INIT, .mu = PTHREAD_MUTEX_INITIALIZER };

static void cp_init(void)
{
	const char *at = getenv("QM_CRASH_AT");
	cp.logpath = getenv("QM_CRASHPOINT_LOG");
	if (at) {
		const char *colon = strrchr(at, ':');
		if (colon && (size_t)(colon - at) < sizeof cp.name) {
			memcpy(cp.name, at, (size_t)(colon - at));
			cp.nth = atol(colon + 1);
		}
	}
	const char *delay = getenv("QM_SYNC_DELAY_MS");
	cp.sync_delay_ms = delay ? atol(delay) : 0;
	cp.armed = cp.nth > 0 || cp.logpath || cp.sync_delay_ms > 0;
}

void qm_crashpoint(const char *name)
{
	pthread_once(&cp.once, cp_init);
	if (!cp.armed)
		return;
	pthread_mutex_lock(&cp.mu);
	if (cp.logpath) {
		FILE *f = fopen(cp.logpath, "a");   /* a test aid, not durable state */
		if (f) {
			fprintf(f, "%s\n", name);
			fclose(f);
		}
	}
	if (cp.nth > 0 && strcmp(name, cp.name) == 0 && ++cp.hits == cp.nth)
		raise(SIGKILL);
	pthread_mutex_unlock(&cp.mu);
	if (cp.sync_delay_ms > 0 && strcmp(name, "sync") == 0) {
		struct timespec t = { cp.sync_delay_ms / 1000, (cp.sync_delay_ms % 1000) * 1000000L };
		nanosleep(&t, NULL);   /* a slow disk, so that what waits for a flush can be seen */
	}
}
#endif /* QUIRE_TEST_HOOKS */

/* A thread that works ahead of need (the log's extent formatter): its syncs
 * are the crash point "sync-ahead", so that "sync:n" counts the same syncs,
 * in the same order, whatever that thread is doing. */
static __thread int ahead;

void os_thread_ahead(void)
{
	ahead = 1;
}

/* WAL rule 8: a failed sync is reported once and never retried. */
int os_fdatasync(int fd)
{
	qm_crashpoint(ahead ? "sync-ahead" : "sync");
	return osio->fdatasync(fd) ? os_errno_rc() : QM_OK;
}

int os_fsync(int fd)
{
	qm_crashpoint(ahead ? "sync-ahead" : "sync");
	return osio->fsync(fd) ? os_errno_rc() : QM_OK;
}

int os_fsync_dir(const char *path)
{
	int fd = osio->open(path, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return os_errno_rc();
	int rc = os_fsync(fd);
	int e = errno;
	osio->close(fd);
	errno = e;
	return rc;
}

int os_fsync_parent(const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	if (!slash)
		return os_fsync_dir(".");
	size_t n = (size_t)(slash - path);
	if (n == 0)
		n = 1;
	if (n >= sizeof dir) {
		errno = ENAMETOOLONG;
		return QM_EINVAL;
	}
	memcpy(dir, path, n);
	dir[n] = 0;
	return os_fsync_dir(dir);
}

int os_preallocate(int fd, off_t len)
{
	/* fallocate first: ENOSPC now rather than half way, and contiguous
	 * blocks; then real zeros, because blocks that fallocate leaves
	 * "unwritten" make every later fdatasync on them commit the file
	 * system's journal as well (a third slower here, bench/README.md) */
	if (osio->fallocate(fd, 0, len) != 0 && errno != EOPNOTSUPP && errno != EINVAL && errno != ENOSYS)
		return os_errno_rc();
	static const char zero[1 << 20];
	for (off_t off = 0; off < len; off += (off_t)sizeof zero) {
		size_t n = (size_t)(len - off) < sizeof zero ? (size_t)(len - off) : sizeof zero;
		int rc = os_pwrite_full(fd, zero, n, off);
		if (rc)
			return rc;
	}
	return os_fsync(fd);
}

int os_replace_file(const char *path, const void *buf, size_t n)
{
	return os_replace_file_step(path, buf, n, NULL);
}

int os_replace_file_step(const char *path, const void *buf, size_t n, enum os_step *stepp)
{
	char tmp[PATH_MAX];
	int rc, fd, e;
	enum os_step dummy;
	enum os_step *step = stepp ? stepp : &dummy;
	*step = OS_STEP_WRITE;
	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
		errno = ENAMETOOLONG;
		return QM_EINVAL;
	}
	fd = osio->open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0660);
	if (fd < 0)
		return os_errno_rc();
	rc = os_pwrite_full(fd, buf, n, 0);
	if (rc == QM_OK) {
		*step = OS_STEP_SYNC;
		rc = os_fsync(fd);
	}
	e = errno;
	osio->close(fd);
	if (rc == QM_OK) {
		*step = OS_STEP_RENAME;
		if (osio->rename(tmp, path) != 0) {
			rc = os_errno_rc();
			e = errno;
		}
	}
	if (rc != QM_OK) {
		osio->unlink(tmp);
		errno = e;
		return rc;
	}
	*step = OS_STEP_DIRSYNC;
	rc = os_fsync_parent(path);
	if (rc == QM_OK)
		*step = OS_STEP_NONE;
	return rc;
}

int os_rename_durable(const char *from, const char *to)
{
	if (osio->rename(from, to) != 0)
		return os_errno_rc();
	int rc = os_fsync_parent(to);
	if (rc == QM_OK)
		rc = os_fsync_parent(from);
	return rc;
}

int os_unlink_durable(const char *path)
{
	if (osio->unlink(path) != 0)
		return os_errno_rc();
	return os_fsync_parent(path);
}

int os_mkdir_p(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);
	if (n == 0 || n >= sizeof buf) {
		errno = ENAMETOOLONG;
		return QM_EINVAL;
	}
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; ; p++) {
		if (*p == '/' || *p == 0) {
			char c = *p;
			*p = 0;
			if (osio->mkdir(buf, mode) == 0) {
				int rc = os_fsync_parent(buf);
				if (rc)
					return rc;
			} else if (errno != EEXIST) {
				return os_errno_rc();
			} else {
				struct stat st;
				if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
					errno = ENOTDIR;
					return QM_EINVAL;
				}
			}
			*p = c;
			if (c == 0)
				break;
		}
	}
	return QM_OK;
}

int os_lock_file(const char *path, int *fdp)
{
	int fd = osio->open(path, O_RDWR | O_CREAT, 0660);
	if (fd < 0)
		return os_errno_rc();
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			int rc = os_errno_rc(), e = errno;
			osio->close(fd);
			errno = e;
			return rc;
		}
	}
	*fdp = fd;
	return QM_OK;
}

int os_read_file(const char *path, char **bufp, size_t *np)
{
	int fd = osio->open(path, O_RDONLY, 0);
	if (fd < 0)
		return os_errno_rc();
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int rc = os_errno_rc();
		osio->close(fd);
		return rc;
	}
	size_t n = (size_t)st.st_size;
	char *buf = malloc(n + 1);
	if (!buf) {
		osio->close(fd);
		return QM_ENOMEM;
	}
	size_t got = 0;
	int rc = os_pread_full(fd, buf, n, 0, &got);
	int e = errno;
	osio->close(fd);
	if (rc != QM_OK && rc != QM_ECORRUPT) {
		free(buf);
		errno = e;
		return rc;
	}
	buf[got] = 0;
	*bufp = buf;
	*np = got;
	return QM_OK;
}
