/*
 * logseal.h: the seal file <logpath>/amqhlseal.lfh: how far the log is known
 * to be written and synced.
 *
 * Why: a torn write can only damage the flush that was being written when
 * the power went (WAL rule 3), so damage inside the last flush of the log is
 * normally taken for a torn write and cut off (WAL rule 6).  But a flush whose
 * fdatasync completed may have been acknowledged; damage there is corruption
 * and must stop the operation like damage in the middle (WAL rule 7).  The
 * seal tells the two apart without an extra sync per flush.
 *
 * Layout (LOG_SEAL_SIZE bytes, little-endian):
 *   0   u64  magic LOG_SEAL_MAGIC ("QUIRESEL" read as little-endian u64)
 *   8   u32  format version (LOG_SEAL_VERSION)
 *   12  u32  size of the file (LOG_SEAL_SIZE)
 *   16  16   queue manager identity (as in amqhlctl.lfh)
 *   32  u32  epoch of the run of the log that wrote it (0: log_create, or
 *            log_open before its first flush)
 *   36  u32  0
 *   40  u64  sealed end LSN: the end of the last flush whose fdatasync
 *            completed (a page boundary; 0: nothing known)
 *   48  u64  0
 *   56  u64  XXH64 (seed 0) of bytes 0..55
 *
 * Rules:
 *   S1  The file is made durably (os_replace_file: temporary file, fsync,
 *       rename, folder fsync) by log_create, and by log_open when it is
 *       missing or not valid (logs made before it existed).
 *   S2  The writer rewrites it in place with one pwrite at offset 0, never
 *       synced, right after the fdatasync of a flush succeeded, with that
 *       flush's end.  log_open writes it the same way with the end of the log
 *       it found, after it has synced the extents up to that end.  It is never
 *       written before the bytes it vouches for are synced, so whenever it is
 *       present and valid it is true: every byte of the log below the sealed
 *       end LSN was written and synced.  A process kill keeps the latest value
 *       (page cache); a power loss may lose it, which only leaves an older
 *       value, still true.  A torn seal fails its checksum.
 *   S3  Reading (logread.c): validation failing at an LSN below the sealed end
 *       is corruption (refused, naming extent, offset and LSN), never a torn
 *       tail; a log that ends before the sealed end is refused (truncated).
 *       A seal that is missing, damaged (size, magic, version, checksum) or
 *       of another queue manager counts as sealed end 0: the end of the log
 *       is found as without it, and the reader says why in its report.
 */
#ifndef QUIRE_LOGSEAL_H
#define QUIRE_LOGSEAL_H

#include <stddef.h>
#include <stdint.h>

#define LOG_SEAL_NAME    "amqhlseal.lfh"
#define LOG_SEAL_SIZE    64u
#define LOG_SEAL_VERSION 1u
#define LOG_SEAL_MAGIC   0x4c45534552495551ull /* "QUIRESEL" */

struct log_seal {
	uint8_t qmid[16];
	uint32_t epoch;
	uint64_t sealed_lsn;
};

void logseal_encode(uint8_t out[LOG_SEAL_SIZE], const struct log_seal *s);
/* Check and decode n bytes; QM_ECORRUPT or QM_EVERSION with *why. */
int logseal_decode(const uint8_t *in, size_t n, struct log_seal *s, const char **why);
/* Read <logpath>/amqhlseal.lfh and check it belongs to qmid.  QM_OK; QM_ENOENT
 * when missing; QM_ECORRUPT, QM_EVERSION, QM_EFOREIGN (another queue manager)
 * or an I/O error, each with a reason in why. */
int logseal_read(const char *logpath, const uint8_t qmid[16], struct log_seal *s, char *why, size_t whylen);
/* Rule S1: make the file durably with these contents. */
int logseal_create(const char *logpath, const struct log_seal *s);
/* Rule S2: rewrite the open file fd in place, one pwrite, no sync. */
int logseal_update(int fd, const struct log_seal *s);

#endif
