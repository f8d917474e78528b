/*
 * faultio.h: a fault-injecting, crash-simulating table for log/osio.h.
 *
 * A test helper linked into every unit test binary (never into the library).
 * It wraps the real system calls of osio_real and can fail the Nth call of a
 * kind (EIO, ENOSPC, EINTR, a short write), run out of space after a byte
 * budget, and simulate a power loss that undoes every change not yet made
 * durable, optionally tearing the last pending write.
 *
 * Calling sequence:
 *   faultio_install();                      swap the table in, clean state
 *   faultio_fail_sync(2, EIO, "S0000001");  arm faults (counting starts now)
 *   ... run the code under test through osio ...
 *   faultio_crash();                        power loss: disk back to durable state,
 *                                           every fd opened through the layer dead
 *   ... reopen and recover through osio, check what survived ...
 *   faultio_uninstall();                    back to osio_real
 *
 * Durability model (pessimistic, like SQLite's crash VFS and ALICE):
 *   - bytes written with pwrite, and size changes by ftruncate, fallocate and
 *     open(O_TRUNC), become durable when that file (the same device and inode,
 *     through any fd) is fsynced or fdatasynced;
 *   - a directory entry made by open(O_CREAT), mkdir, rename, unlink or rmdir
 *     becomes durable when its folder is fsynced (os_fsync_dir: an fsync on a
 *     folder fd); a rename across folders needs both folders fsynced;
 *   - a failed (injected) sync makes nothing durable;
 *   - files and folders never touched through the layer count as durable.
 * Unlinked files and files replaced by rename are kept aside as hard links
 * named ".faultio-<pid>-<n>" in the same folder until the change is durable
 * (then removed) or a crash puts them back.
 *
 * Error handling: the wrapped calls follow the raw-call contract of osio.h
 * (-1 and errno).  Injected failures set the chosen errno.  After a crash an
 * fd opened through the layer before it fails every call with EBADF except
 * close, which releases it (its number stays reserved until then, so a late
 * close can never hit an fd opened after the crash).
 *
 * Thread-safe: one mutex serialises every wrapped call and every function
 * below, so a log writer thread may run while the test arms faults.
 */
#ifndef QUIRE_FAULTIO_H
#define QUIRE_FAULTIO_H

#include <stdbool.h>
#include <stddef.h>

/* Kinds of call, as a bit mask for faultio_fail_op and faultio_crash_at. */
enum faultio_op {
	FAULTIO_OPEN      = 1 << 0,
	FAULTIO_CLOSE     = 1 << 1,
	FAULTIO_PWRITE    = 1 << 2,
	FAULTIO_PREAD     = 1 << 3,
	FAULTIO_FDATASYNC = 1 << 4,
	FAULTIO_FSYNC     = 1 << 5,
	FAULTIO_RENAME    = 1 << 6,
	FAULTIO_UNLINK    = 1 << 7,
	FAULTIO_FALLOCATE = 1 << 8,
	FAULTIO_FTRUNCATE = 1 << 9,
	FAULTIO_MKDIR     = 1 << 10,
	FAULTIO_RMDIR     = 1 << 11,
};
#define FAULTIO_SYNC (FAULTIO_FDATASYNC | FAULTIO_FSYNC)
/* Every kind but close: the steps to enumerate when looking for crash points. */
#define FAULTIO_ANY  (0xfff & ~FAULTIO_CLOSE)

/* Counters since install, reset or faultio_stats_clear.  fsyncs counts every
 * fsync, dir_fsyncs the part of them made on a folder.  Calls are counted when
 * made, whether they then fail or not. */
struct faultio_stats {
	unsigned long long opens, closes, pwrites, preads;
	unsigned long long fsyncs, fdatasyncs, dir_fsyncs;
	unsigned long long renames, unlinks, fallocates, ftruncates, mkdirs, rmdirs;
	unsigned long long bytes_written;     /* by successful pwrites */
	unsigned long long bytes_allocated;   /* by successful fallocates */
	unsigned long long faults;            /* injected failures and short writes */
	unsigned long long crashes;           /* faultio_crash* and crash points fired */
	unsigned long long undo_failures;     /* crash steps that could not be undone */
};

/* Install the table (osio_set) from a clean state; uninstall restores osio_real.
 * Both forget every pending change, as if the disk had caught up. */
void faultio_install(void);
void faultio_uninstall(void);
/* Forget pending changes (they count as durable from now), faults, the space
 * budget and the counters.  The table stays installed. */
void faultio_reset(void);

/* Fail the nth call (1 = the next one) of a kind whose path contains
 * path_substr (NULL: any path), counting matching calls from now.  The failed
 * call does nothing and returns -1 with errno err.  faultio_fail_sync counts
 * fsync and fdatasync together; faultio_fail_write counts pwrite. */
void faultio_fail_sync(int nth, int err, const char *path_substr);
void faultio_fail_write(int nth, int err, const char *path_substr);
/* Make the nth pwrite short: write only its first keep bytes and return keep
 * (keep == 0: write nothing and return 0). */
void faultio_short_write(int nth, size_t keep);
void faultio_short_write_path(int nth, size_t keep, const char *path_substr);
/* The general form: ops is a mask of enum faultio_op.  persistent: the nth
 * matching call and every matching call after it fail (until reset or crash). */
void faultio_fail_op(unsigned ops, int nth, int err, const char *path_substr, bool persistent);

/* Stop with ENOSPC once bytes of pwrite and fallocate have been used (counted
 * from now; -1 = unlimited).  A pwrite that crosses the limit is cut short at
 * it; a fallocate that does not fit fails whole. */
void faultio_space_budget(long long bytes);

/* Power loss now: every change not yet durable is undone on disk, every fd
 * opened through the layer becomes dead, and faults and the budget are
 * disarmed.  Tracking restarts from this clean state (counters go on). */
void faultio_crash(void);
/* The same, but the most recent pending pwrite (to a file whose path contains
 * path_substr, NULL: any file) is kept in part on top of the durable state:
 * seed picks a prefix of k bytes, a prefix of whole 512-byte sectors, or a
 * random set of sectors.  Return the bytes of that write kept, or -1 if no
 * pending write matched (a plain crash). */
long long faultio_crash_torn(unsigned seed);
long long faultio_crash_torn_path(unsigned seed, const char *path_substr);
/* Keep exactly the first keep bytes of that write. */
long long faultio_crash_torn_prefix(const char *path_substr, size_t keep);

/* A crash point: the nth matching call (mask ops, path filter as above) does
 * not happen; a crash happens instead, that call fails with EIO, and every
 * later call fails too (EIO, or EBADF on an fd that died; close succeeds)
 * until faultio_restart(), like a process that is gone. */
void faultio_crash_at(unsigned ops, int nth, const char *path_substr);
bool faultio_crashed(void);        /* a crash point fired since the last restart */
void faultio_restart(void);        /* the process comes back: calls work again */

/* Hold every fsync and fdatasync of a path containing path_substr (NULL:
 * any) until faultio_release_syncs (or 20 s): the calling thread waits (other
 * threads' calls go on).  faultio_held waits up to timeout_ms for want calls to be
 * waiting and returns how many are. */
void faultio_hold_syncs(const char *path_substr);
int faultio_held(int want, int timeout_ms);
void faultio_release_syncs(void);

/* Pending (not yet durable) changes, in files or folder entries whose path
 * contains path_substr (NULL: all). */
unsigned faultio_pending(const char *path_substr);

struct faultio_stats faultio_stats(void);
/* Counters of the calls on paths (as given to open, rename ...) containing path_substr. */
struct faultio_stats faultio_stats_path(const char *path_substr);
void faultio_stats_clear(void);

#endif
