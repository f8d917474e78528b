/*
 * osio.h: the one seam for durable file I/O.
 *
 * Every write to a file whose contents must survive a crash (log extents, the
 * log control file, object files, queue files, status files) goes through the
 * table `osio`.  Tests swap the table (osio_set) to inject EIO, ENOSPC, short
 * writes and crashes that lose what was not yet synced (tests/unit/faultio.c).
 * No stdio, mmap or raw syscall() writes durable files.
 *
 * Calling sequence:
 *   fd = osio->open(path, flags, mode);      raw calls: return -1 and set errno
 *   rc = os_pwrite_full(fd, buf, n, off);    helpers: return QM_OK or QM_E*
 *   rc = os_fdatasync(fd);
 *   rc = os_replace_file(path, buf, n);      write tmp, fsync, rename, fsync dir
 *
 * Error handling: helpers map errno to QM_ENOSPC (ENOSPC, EDQUOT, EFBIG) or
 * QM_EIO (anything else) and keep errno.  A failed fsync is never retried by
 * any helper: the caller treats it as fatal (WAL rule 8 in log/README.md).
 */
#ifndef QUIRE_OSIO_H
#define QUIRE_OSIO_H

#include <stddef.h>
#include <sys/types.h>

struct osio_ops {
	int     (*open)(const char *path, int flags, mode_t mode);
	int     (*close)(int fd);
	ssize_t (*pwrite)(int fd, const void *buf, size_t n, off_t off);
	ssize_t (*pread)(int fd, void *buf, size_t n, off_t off);
	int     (*fdatasync)(int fd);
	int     (*fsync)(int fd);
	int     (*rename)(const char *from, const char *to);
	int     (*unlink)(const char *path);
	int     (*fallocate)(int fd, off_t off, off_t len);
	int     (*ftruncate)(int fd, off_t len);
	int     (*mkdir)(const char *path, mode_t mode);
	int     (*rmdir)(const char *path);
};

/* The table in use; the real system calls unless a test swapped it. */
extern const struct osio_ops *osio;
extern const struct osio_ops osio_real;
void osio_set(const struct osio_ops *ops);   /* NULL restores osio_real */

/* Map the current errno to QM_ENOSPC or QM_EIO. */
int os_errno_rc(void);

/* Write or read exactly n bytes at off, looping over short transfers.  A read
 * that meets end of file returns QM_ECORRUPT with *got (if not NULL) set. */
int os_pwrite_full(int fd, const void *buf, size_t n, off_t off);
int os_pread_full(int fd, void *buf, size_t n, off_t off, size_t *got);

int os_fdatasync(int fd);
int os_fsync(int fd);
/* fsync the folder that holds path (or path itself if it is a folder). */
int os_fsync_dir(const char *path);
int os_fsync_parent(const char *path);

/* Reserve len bytes of real space: fallocate, then write zeros over them (so
 * later overwrites need no file-system metadata change), then fsync. */
int os_preallocate(int fd, off_t len);

/* The one durable-replace helper: write path.tmp, fsync it, rename it over
 * path, fsync the folder.  Nothing else renames persistent state. */
int os_replace_file(const char *path, const void *buf, size_t n);
/* The same; on failure *step (if not NULL) names the step that failed:
 * OS_STEP_WRITE, OS_STEP_SYNC or OS_STEP_RENAME (path itself is unchanged),
 * or OS_STEP_DIRSYNC (path was replaced, but the folder sync failed). */
enum os_step { OS_STEP_NONE = 0, OS_STEP_WRITE, OS_STEP_SYNC, OS_STEP_RENAME, OS_STEP_DIRSYNC };
int os_replace_file_step(const char *path, const void *buf, size_t n, enum os_step *step);

/* Durably rename (rename + fsync of both folders) and unlink (+ folder fsync). */
int os_rename_durable(const char *from, const char *to);
int os_unlink_durable(const char *path);

/* mkdir -p with mode; each folder created is made durable in its parent. */
int os_mkdir_p(const char *path, mode_t mode);

/* Open the lock file path (created with mode 0660 if missing) and take an
 * exclusive flock on it, waiting as long as another process holds it (EINTR
 * retried).  *fdp gets the descriptor only on success; closing it releases the
 * lock.  On failure nothing stays open and errno is kept (QM_ENOENT: the
 * folder is missing). */
int os_lock_file(const char *path, int *fdp);

/*
 * Crash points (reliability-plan §4.1): qm_crashpoint("name") kills the
 * process with SIGKILL at the nth time it is reached when the environment
 * holds QM_CRASH_AT=name:nth.  Every fsync and fdatasync of this layer is the
 * crash point "sync" (the kill comes just before the sync, so what the sync
 * would have made durable is at the mercy of the page cache, which survives a
 * process kill); on a thread that called os_thread_ahead (the log's extent
 * formatter, whose timing varies from run to run) they are "sync-ahead"
 * instead, so that "sync:n" stays repeatable.  With QM_CRASHPOINT_LOG=file, each point reached is
 * appended to that file, its name on a line.  With QM_SYNC_DELAY_MS=n each
 * "sync" point sleeps n ms first (a slow disk: what waits for a flush shows,
 * tests/mqi/mqi_defsdur.c).  Without the variables a crash point costs one
 * branch.
 *
 * Test builds only: the crash points exist when QUIRE_TEST_HOOKS is defined,
 * which the makefile does for TEST_HOOKS=1 (make test, make check, make unit,
 * integration, fuzz-replay), building into a folder of its own ($(B)-test:
 * build-test/, build-san-test/).  A plain make (make run, make bench) leaves
 * them out: qm_crashpoint() is then empty and the environment is never read.
 */
void os_thread_ahead(void);
#ifdef QUIRE_TEST_HOOKS
void qm_crashpoint(const char *name);
#else
static inline void qm_crashpoint(const char *name) { (void)name; }
#endif

/* Read a whole small file into a malloc'd buffer (NUL-terminated for text use). */
int os_read_file(const char *path, char **buf, size_t *n);

#endif
