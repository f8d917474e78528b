/* logrec.c: encoding, decoding and validation of log records and extent
 * headers.  The format is described in logrec.h. */
#include "log/logrec.h"
#include "log/qmerr.h"

#include <lz4.h>
#include <stdio.h>
#include <string.h>
#include <xxhash.h>

const char *log_rec_type_name(unsigned type)
{
	static const char *const names[] = {
		[LOG_REC_PAD] = "Pad",
		[LOG_REC_QMGR_START] = "Start Queue Manager",
		[LOG_REC_QMGR_STOP] = "Stop Queue Manager",
		[LOG_REC_UOW_BEGIN] = "Start Transaction",
		[LOG_REC_UOW_COMMIT] = "Commit Transaction",
		[LOG_REC_UOW_BACKOUT] = "Rollback Transaction",
		[LOG_REC_CKPT_BEGIN] = "Start Checkpoint",
		[LOG_REC_CKPT_END] = "End Checkpoint",
		[LOG_REC_MSG_PUT] = "Put Message",
		[LOG_REC_MSG_GET] = "Get Message",
		[LOG_REC_OBJ_CREATE] = "Create Object",
		[LOG_REC_OBJ_ALTER] = "Alter Object",
		[LOG_REC_OBJ_DELETE] = "Delete Object",
		[LOG_REC_MEDIA_IMAGE] = "Media Image",
		[LOG_REC_Q_CLEAR] = "Clear Queue",
		[LOG_REC_BACKOUT_CNT] = "Backout Count",
		[LOG_REC_TEST] = "Test",
	};
	if (type < sizeof names / sizeof names[0] && names[type])
		return names[type];
	return "Unknown";
}

void logrec_hdr_encode(uint8_t *o, const struct log_rec_hdr *h)
{
	put_u16(o + 0, h->type);
	put_u16(o + 2, h->flags);
	put_u32(o + 4, h->length);
	put_u64(o + 8, h->lsn);
	put_u64(o + 16, h->prev);
	put_u64(o + 24, h->uow);
	put_u64(o + 32, h->obj);
	put_u32(o + 40, h->raw_len);
	put_u32(o + 44, h->part);
	put_u32(o + 48, h->epoch);
	put_u32(o + 52, 0);
	put_u64(o + 56, h->checksum);
}

void logrec_hdr_decode(const uint8_t *in, struct log_rec_hdr *h)
{
	h->type = get_u16(in + 0);
	h->flags = get_u16(in + 2);
	h->length = get_u32(in + 4);
	h->lsn = get_u64(in + 8);
	h->prev = get_u64(in + 16);
	h->uow = get_u64(in + 24);
	h->obj = get_u64(in + 32);
	h->raw_len = get_u32(in + 40);
	h->part = get_u32(in + 44);
	h->epoch = get_u32(in + 48);
	h->checksum = get_u64(in + 56);
}

uint64_t logrec_checksum(const uint8_t *hdr, const uint8_t *payload, size_t stored_len)
{
	uint64_t h = XXH3_64bits(hdr, 56);
	if (get_u16(hdr) == LOG_REC_PAD)
		return h;
	return XXH3_64bits_withSeed(payload, stored_len, h);
}

int logrec_encode(uint8_t *out, struct log_rec_hdr *h, const void *payload, uint32_t raw_len)
{
	if (raw_len > LOG_PART_MAX || h->type == 0)
		return QM_EINVAL;
	uint32_t stored = raw_len;
	h->flags &= (uint16_t)~LOG_F_LZ4;
	if (raw_len >= 128 && h->type != LOG_REC_PAD) {
		int c = LZ4_compress_default(payload, (char *)out + LOG_HDR_SIZE, (int)raw_len,
					     (int)(LOG_REC_MAX - LOG_HDR_SIZE));
		if (c > 0 && (uint32_t)c + 16 < raw_len) {
			stored = (uint32_t)c;
			h->flags |= LOG_F_LZ4;
		}
	}
	if (!(h->flags & LOG_F_LZ4) && raw_len && h->type != LOG_REC_PAD)
		memcpy(out + LOG_HDR_SIZE, payload, raw_len);
	if (h->type == LOG_REC_PAD)
		memset(out + LOG_HDR_SIZE, 0, raw_len);
	h->raw_len = raw_len;
	h->length = LOG_HDR_SIZE + stored;
	h->checksum = 0;
	logrec_hdr_encode(out, h);
	h->checksum = logrec_checksum(out, out + LOG_HDR_SIZE, stored);
	put_u64(out + 56, h->checksum);
	return (int)h->length;
}

int logrec_validate(const uint8_t *rec, size_t avail, uint64_t pos, uint64_t ext_end,
		    struct log_rec_hdr *h, const char **why)
{
	const char *w = NULL;
	if (avail < LOG_HDR_SIZE || pos + LOG_HDR_SIZE > ext_end) {
		w = "record header does not fit";
		goto bad;
	}
	logrec_hdr_decode(rec, h);
	if (h->type == 0 || h->type >= LOG_REC_TYPE_MAX)
		w = h->type == 0 && h->length == 0 ? "no record (zero header)" : "bad record type";
	else if (h->length < LOG_HDR_SIZE ||
		 (h->length > LOG_REC_MAX && !(h->type == LOG_REC_PAD && h->raw_len == 0 && pos + h->length == ext_end)))
		w = "bad record length";   /* rule P4: a PAD may run to its extent's end */
	else if (pos + h->length > ext_end)
		w = "record crosses the end of its extent";
	else if (h->lsn != pos)
		w = "record LSN does not match its position (stale or misplaced)";
	else if (h->length > avail && !(h->type == LOG_REC_PAD && pos + h->length == ext_end))
		w = "record truncated";    /* rule P4's PAD: only its header is there to read */
	else if (h->raw_len > LOG_PART_MAX)
		w = "bad raw length";
	else if (!(h->flags & LOG_F_LZ4) && h->type != LOG_REC_PAD && h->raw_len != h->length - LOG_HDR_SIZE)
		w = "raw length does not match stored length";
	else if (logrec_checksum(rec, rec + LOG_HDR_SIZE, h->length - LOG_HDR_SIZE) != h->checksum)
		w = "bad checksum";
	if (!w)
		return QM_OK;
bad:
	if (why)
		*why = w;
	return QM_ECORRUPT;
}

int logrec_payload(const uint8_t *rec, const struct log_rec_hdr *h, uint8_t *out)
{
	uint32_t stored = h->length - LOG_HDR_SIZE;
	if (h->type == LOG_REC_PAD)
		return QM_OK;
	if (!(h->flags & LOG_F_LZ4)) {
		memcpy(out, rec + LOG_HDR_SIZE, stored);
		return QM_OK;
	}
	int n = LZ4_decompress_safe((const char *)rec + LOG_HDR_SIZE, (char *)out, (int)stored, (int)h->raw_len);
	return n == (int)h->raw_len ? QM_OK : QM_ECORRUPT;
}

void logext_hdr_encode(uint8_t *page, const struct log_ext_hdr *h)
{
	memset(page, 0, LOG_PAGE);
	put_u64(page + 0, LOG_EXT_MAGIC);
	put_u32(page + 8, LOG_FORMAT_VERSION);
	put_u32(page + 12, h->pages);
	memcpy(page + 16, h->qmid, 16);
	put_u64(page + 32, h->seq);
	put_u32(page + 40, h->fileno);
	put_u64(page + 48, h->ctime);
	put_u64(page + 56, XXH64(page, 56, 0));
}

int logext_hdr_decode(const uint8_t *page, struct log_ext_hdr *h, const char **why)
{
	if (get_u64(page) != LOG_EXT_MAGIC) {
		*why = "not a log extent (bad magic)";
		return QM_ECORRUPT;
	}
	if (XXH64(page, 56, 0) != get_u64(page + 56)) {
		*why = "extent header checksum mismatch";
		return QM_ECORRUPT;
	}
	h->version = get_u32(page + 8);
	if (h->version != LOG_FORMAT_VERSION) {
		*why = "unsupported extent format version";
		return QM_EVERSION;
	}
	h->pages = get_u32(page + 12);
	memcpy(h->qmid, page + 16, 16);
	h->seq = get_u64(page + 32);
	h->fileno = get_u32(page + 40);
	h->ctime = get_u64(page + 48);
	return QM_OK;
}

void log_extent_name(uint32_t fileno, char buf[16])
{
	snprintf(buf, 16, "S%07u.LOG", (unsigned)(fileno % 10000000u));
}

char *log_lsn_str(uint64_t lsn, char *buf)
{
	snprintf(buf, 20, "%04x:%04x:%04x:%04x", (unsigned)(lsn >> 48) & 0xffff,
		 (unsigned)(lsn >> 32) & 0xffff, (unsigned)(lsn >> 16) & 0xffff, (unsigned)lsn & 0xffff);
	return buf;
}

int log_lsn_parse(const char *s, uint64_t *lsn)
{
	uint64_t v = 0;
	int groups = 0, digits = 0;
	for (const char *p = s;; p++) {
		int d;
		if (*p >= '0' && *p <= '9') d = *p - '0';
		else if (*p >= 'a' && *p <= 'f') d = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F') d = *p - 'A' + 10;
		else if (*p == ':' || *p == 0) {
			if (digits == 0 || digits > 4)
				return QM_EINVAL;
			groups++;
			digits = 0;
			if (*p == 0)
				break;
			continue;
		} else
			return QM_EINVAL;
		v = (v << 4) | (uint64_t)d;
		digits++;
		if (digits > 4)
			return QM_EINVAL;
	}
	if (groups != 4)
		return QM_EINVAL;
	*lsn = v;
	return QM_OK;
}
