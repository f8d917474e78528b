/*
 * logctl.h: the log control file <logpath>/amqhlctl.lfh.
 *
 * The control file holds what is needed to manage the extents.  It is a
 * constant LOG_CTL_SIZE bytes, replaced only through os_replace_file (write
 * amqhlctl.lfh.tmp, fsync, rename, fsync the folder), so a torn write can never
 * damage the copy in use.  It is rewritten when an extent is added to the log,
 * when the oldest LSN needed for restart or media recovery moves, and when an
 * extent is reported archived; never per record.
 *
 * Layout (little-endian):
 *   0    u64  magic LOG_CTL_MAGIC ("QUIRELCF")
 *   8    u32  format version (1)
 *   12   u32  size of the file (LOG_CTL_SIZE)
 *   16   16   queue manager identity
 *   32   u32  log type: 1 CIRCULAR, 2 LINEAR
 *   36   u32  log management: 0 Manual, 1 Automatic, 2 Archive (LINEAR only)
 *   40   u32  LogFilePages
 *   44   u32  LogPrimaryFiles
 *   48   u32  LogSecondaryFiles
 *   52   u32  nring: entries used in ring[]
 *   56   u64  head_seq: the oldest extent still part of the log
 *   64   u64  cur_seq: the newest extent prepared for writing; the extents
 *             head_seq..cur_seq hold the log (none is missing)
 *   72   u64  restart LSN: oldest LSN needed to restart (the head LSN)
 *   80   u64  media LSN: oldest LSN needed for media recovery (0: none set)
 *   88   u64  update count, +1 at each rewrite
 *   96   u64  statistics: extents created
 *   104  u64  statistics: extents reused
 *   112  u64  statistics: extents deleted
 *   120  u64  archive base: sequence of bit 0 of the archived bitmap
 *   128  u32  ring[LOG_MAX_FILES]
 *             CIRCULAR: ring[0 .. cur_seq - head_seq] are the file numbers of
 *             the extents head_seq .. cur_seq in order; ring[that + 1 .. nring)
 *             are the free files, in the order they will be reused.
 *             LINEAR: file numbers are sequence mod 10^7; ring[0 .. nring)
 *             are the numbers of recycled R files waiting for reuse.
 *   2176 u8   archived[LOG_ARCH_BYTES]: bit i set when extent archive_base + i
 *             was reported archived (LINEAR, LogManagement Archive)
 *   4088 u64  XXH64 (seed 0) of bytes 0..4087
 */
#ifndef QUIRE_LOGCTL_H
#define QUIRE_LOGCTL_H

#include <stddef.h>
#include <stdint.h>

#include "log/osio.h"   /* enum os_step */

#define LOG_CTL_NAME    "amqhlctl.lfh"
#define LOG_CTL_SIZE    4096u
#define LOG_CTL_MAGIC   0x46434c4552495551ull /* "QUIRELCF" */
#define LOG_MAX_FILES   511u
#define LOG_ARCH_OFF    2176u
#define LOG_ARCH_BYTES  1912u
#define LOG_NAME_WRAP   10000000u

enum log_type { LOG_CIRCULAR = 1, LOG_LINEAR = 2 };
enum log_mgmt { LOG_MANUAL = 0, LOG_AUTOMATIC = 1, LOG_ARCHIVE = 2 };

struct logctl {
	uint8_t qmid[16];
	uint32_t type, mgmt, pages, primary, secondary, nring;
	uint64_t head_seq, cur_seq, restart_lsn, media_lsn, updates;
	uint64_t n_created, n_reused, n_deleted, arch_base;
	uint32_t ring[LOG_MAX_FILES];
	uint8_t archived[LOG_ARCH_BYTES];
};

/* Read and validate <logpath>/amqhlctl.lfh; why gets a reason on failure. */
int logctl_read(const char *logpath, struct logctl *c, char *why, size_t whylen);
/* Durably replace it (updates += 1 first). */
int logctl_write(const char *logpath, struct logctl *c);
/* The same; on failure *step says which step of os_replace_file_step failed
 * (before OS_STEP_DIRSYNC the file on disk is unchanged). */
int logctl_write_step(const char *logpath, struct logctl *c, enum os_step *step);

#endif
