/*
 * logrec.h: the on-disk format of the recovery log (extents and records).
 *
 * All integers are little-endian and written with explicit encoders; nothing
 * is written as a native struct.  A change to any layout below bumps
 * LOG_FORMAT_VERSION and keeps a reader for the old one (STYLE rule 3).
 *
 * LSN
 *   A 64-bit logical byte address.  Extent number (sequence) s covers LSNs
 *   [s * E, (s + 1) * E) where E = LogFilePages * 4096, and the LSN's offset in
 *   that range is the byte offset in the extent file.  The first page of each
 *   extent is its header, so no record has an LSN with offset < 4096, and LSN 0
 *   means "none".  Shown as four 16-bit hex groups: 0000:0000:0001:1000.
 *
 * Extent file  <logpath>/active/Snnnnnnn.LOG, E bytes, preallocated
 *   page 0 (4096 bytes, the header; unused bytes zero):
 *     0   u64  magic LOG_EXT_MAGIC ("QUIREXT1" read as little-endian u64)
 *     8   u32  format version (LOG_FORMAT_VERSION)
 *     12  u32  LogFilePages
 *     16  16   queue manager identity
 *     32  u64  sequence s held by this file now (the LSN base is s * E)
 *     40  u32  file number n (the nnnnnnn of the name)
 *     44  u32  0
 *     48  u64  time the header was written (seconds since 1970)
 *     56  u64  XXH64 (seed 0) of bytes 0..55
 *   pages 1..: records.  A circular extent reused for a new sequence keeps its
 *   old records; they carry LSNs of the old sequence and so never validate.
 *   A reader refuses an extent file of any other size than E (truncated).
 *
 * Record (starts at an 8-aligned LSN; LOG_HDR_SIZE header then payload):
 *     0   u16  type (enum log_rec_type; codes are stable forever)
 *     2   u16  flags (LOG_F_*)
 *     4   u32  length: header plus stored payload, in bytes
 *     8   u64  lsn: this record's own LSN
 *     16  u64  prev: LSN of the record before it (0 for the first record)
 *     24  u64  unit of work id (0: none)
 *     32  u64  object id (0: none)
 *     40  u32  raw length: payload length before compression
 *     44  u32  part: index of this part within its logical record
 *     48  u32  epoch: random number chosen each time the log is opened for writing
 *     52  u32  0
 *     56  u64  checksum: h = XXH3-64 of bytes 0..55; for LOG_REC_PAD records
 *              h itself, otherwise XXH3-64 of the stored payload seeded with h
 *   then length - 64 bytes of payload (lz4 block when LOG_F_LZ4), then zero
 *   bytes up to the next multiple of 8.
 *
 * Placement
 *   P1  A record never starts in the last LOG_HDR_SIZE - 1 bytes of a page:
 *       the next record then starts at the next page boundary.
 *   P2  A record never crosses the end of its extent: the rest of the extent is
 *       filled with a PAD record (or skipped by P1) and the record starts at
 *       offset 4096 of the next extent.  Payloads above LOG_PART_MAX are split
 *       into parts (LOG_F_MORE on all but the last, part = 0, 1, ...), written
 *       consecutively.
 *   P3  Every flush (one write + fdatasync by the log writer) ends on a page
 *       boundary (a PAD record fills the last page) and its first record carries
 *       LOG_F_FLUSH.  So a later flush never rewrites a page an earlier flush
 *       made durable: durable bytes are never rewritten in place.
 *   P4  RESET QMGR TYPE(ADVANCELOG) (log_advance_extent) ends an extent early:
 *       one PAD record from a page boundary to the extent's end, raw length
 *       0, the only record allowed to be longer than LOG_REC_MAX.  Only its
 *       header's page is written; a reader never reads past its header (a
 *       PAD's checksum covers the header alone) and goes on at offset 4096 of
 *       the next extent.  The bytes it covers are whatever the file held
 *       (preallocated zeros, or a recycled file's old records, whose LSNs
 *       never validate).  Every log of format version 1 without such a PAD
 *       reads as before; a reader older than rule P4 stops at one as damage.
 *
 * Validity (the rule every reader applies)
 *   A record at position p is valid iff: its header lies in the extent, type is
 *   not 0, LOG_HDR_SIZE <= length <= LOG_REC_MAX (or rule P4's PAD) and
 *   p + length <= extent end, lsn == p, the checksum matches, raw length <=
 *   LOG_PART_MAX (and equals the stored payload length unless LOG_F_LZ4 or
 *   PAD).  The reader further accepts a valid
 *   record as the next one of the log iff prev == the LSN of the record before,
 *   and its epoch equals that record's epoch or it carries LOG_F_FLUSH.
 *   The end of the log: see log/README.md (WAL rules 6 and 7).
 */
#ifndef QUIRE_LOGREC_H
#define QUIRE_LOGREC_H

#include "log/byteorder.h"   /* put_u16..get_u64: the little-endian integers of the format */

#include <stddef.h>
#include <stdint.h>

#define LOG_FORMAT_VERSION 1u
#define LOG_PAGE           4096u
#define LOG_HDR_SIZE       64u
#define LOG_PART_MAX       (60u * 1024u)          /* payload bytes per part */
#define LOG_REC_MAX        (LOG_HDR_SIZE + LOG_PART_MAX + 1024u) /* lz4 may grow a little */
#define LOG_EXT_MAGIC      0x3154584552495551ull /* "QUIREXT1" */
#define LOG_EXT_HDR_USED   64u

/* Record flags. */
#define LOG_F_LZ4   0x0001u  /* payload is an lz4 block of raw length bytes */
#define LOG_F_MORE  0x0002u  /* more parts of this logical record follow */
#define LOG_F_FLUSH 0x0004u  /* first record of a flush */

/*
 * Record types.  The numbers are written to disk: never change or reuse one.
 * The log itself writes only PAD; the rest are the queue manager's, listed
 * here so that every code in the file format is defined in one place.
 */
enum log_rec_type {
	LOG_REC_PAD          = 1,  /* filler to a page or extent end */
	LOG_REC_QMGR_START   = 2,  /* queue manager started */
	LOG_REC_QMGR_STOP    = 3,  /* queue manager ended normally */
	LOG_REC_UOW_BEGIN    = 4,  /* first record of a unit of work */
	LOG_REC_UOW_COMMIT   = 5,
	LOG_REC_UOW_BACKOUT  = 6,
	LOG_REC_CKPT_BEGIN   = 7,
	LOG_REC_CKPT_END     = 8,  /* active units of work, media recovery LSNs */
	LOG_REC_MSG_PUT      = 9,  /* persistent message put (descriptor + data) */
	LOG_REC_MSG_GET      = 10, /* persistent message removed */
	LOG_REC_OBJ_CREATE   = 11, /* object created: whole definition */
	LOG_REC_OBJ_ALTER    = 12, /* object altered: whole definition */
	LOG_REC_OBJ_DELETE   = 13,
	LOG_REC_MEDIA_IMAGE  = 14, /* media image of an object */
	LOG_REC_Q_CLEAR      = 15, /* every message of a queue removed */
	LOG_REC_BACKOUT_CNT  = 16, /* a message's backout count raised */
	LOG_REC_TEST         = 100,/* free-form, used by tests and benchmarks */
	LOG_REC_TYPE_MAX     = 101
};

const char *log_rec_type_name(unsigned type);

/* A record header, decoded. */
struct log_rec_hdr {
	uint16_t type, flags;
	uint32_t length;
	uint64_t lsn, prev, uow, obj;
	uint32_t raw_len, part, epoch;
	uint64_t checksum;
};

static inline uint64_t log_align8(uint64_t v) { return (v + 7u) & ~(uint64_t)7u; }

/* Where a record at pos really starts: past an extent's header page, and
 * past the end of a page with fewer than LOG_HDR_SIZE bytes left (rule P1). */
static inline uint64_t log_norm_pos(uint64_t extsz, uint64_t pos)
{
	for (;;) {
		uint64_t off = pos % extsz, inpage = pos % LOG_PAGE;
		if (off < LOG_PAGE)
			pos += LOG_PAGE - off;
		else if (inpage && LOG_PAGE - inpage < LOG_HDR_SIZE)
			pos += LOG_PAGE - inpage;
		else
			return pos;
	}
}

/* Encode a header into 64 bytes; the checksum field is written as given. */
void logrec_hdr_encode(uint8_t *out, const struct log_rec_hdr *h);
void logrec_hdr_decode(const uint8_t *in, struct log_rec_hdr *h);
/* Checksum of an encoded record (header bytes 0..55 and, unless PAD, payload). */
uint64_t logrec_checksum(const uint8_t *hdr, const uint8_t *payload, size_t stored_len);
/* Fill in length/checksum and write header + payload to out (capacity
 * LOG_REC_MAX).  Compresses with lz4 when raw_len >= 128 and that saves
 * space.  Returns the record length or a negative QM_ code. */
int logrec_encode(uint8_t *out, struct log_rec_hdr *h, const void *payload, uint32_t raw_len);
/* Check an encoded record read at position pos (extent end at ext_end):
 * the validity rule above minus the chain checks.  Returns QM_OK or
 * QM_ECORRUPT with a reason in *why. */
int logrec_validate(const uint8_t *rec, size_t avail, uint64_t pos, uint64_t ext_end,
		    struct log_rec_hdr *h, const char **why);
/* Payload of a valid record into out (capacity >= h->raw_len). */
int logrec_payload(const uint8_t *rec, const struct log_rec_hdr *h, uint8_t *out);

/* Extent header page. */
struct log_ext_hdr {
	uint32_t version, pages;
	uint8_t qmid[16];
	uint64_t seq;
	uint32_t fileno;
	uint64_t ctime;
};
void logext_hdr_encode(uint8_t *page, const struct log_ext_hdr *h); /* writes LOG_PAGE bytes */
int logext_hdr_decode(const uint8_t *page, struct log_ext_hdr *h, const char **why);

/* "S0000005.LOG" for file number n (taken mod 10^7). */
void log_extent_name(uint32_t fileno, char buf[16]);

/* "0000:0000:0001:1000" (buf >= 20 bytes) and back. */
char *log_lsn_str(uint64_t lsn, char *buf);
int log_lsn_parse(const char *s, uint64_t *lsn);

#endif
