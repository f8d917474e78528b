/*
 * convert_hdr.c: MQGMO_CONVERT for MQ's built-in formats (convert_hdr.h).
 *
 * A message is a chain of parts.  The MQMD's Format, CodedCharSetId and
 * Encoding describe the first; each header's own Format, CodedCharSetId and
 * Encoding describe the part after it (MQXQH's: those of the MQMD it
 * carries).  Each part is converted from its own CCSID and encoding to the
 * ones the getter asked for:
 *   - integers (MQLONG, the 64-bit ones of PCF, IMS's 2-byte lengths) between
 *     MQENC_INTEGER_NORMAL (big-endian) and MQENC_INTEGER_REVERSED;
 *   - fixed-length character fields (names, StrucId, Format ...) between the
 *     CCSIDs, filled with the target's blanks; one that grows is shortened by
 *     dropping what follows its first NUL, then its trailing blanks, and when
 *     that is not enough the conversion fails with 2190
 *     MQRC_CONVERTED_STRING_TOO_BIG;
 *   - variable-length strings (MQRFH's NameValueString, MQRMH's names, PCF's
 *     strings, IMS variable strings) converted with their lengths (and
 *     StrucLength, kept a multiple of 4) set to the new length;
 *   - bytes (MsgId, CorrelId, tokens ...) copied.
 * A header's CodedCharSetId of MQCCSI_INHERIT stands for the header's own
 * CCSID, 0 (MQCCSI_Q_MGR) for the queue manager's.  Once the next part is
 * converted the header says the target's CCSID and Encoding; when the last
 * part is MQFMT_NONE (not converted, as MQ does after a header) it says that
 * part's own CCSID, MQCCSI_INHERIT replaced, and Encoding.
 *
 * What each format holds (the fields are MQ's; c = characters, l = MQLONG,
 * b = bytes), the checks made, and the length taken:
 *   MQDLH  "DLH " v1, 172 bytes
 *   MQXQH  "XQH " v1 with an MQMD version 1 ("MD  "), 428 bytes
 *   MQRFH  "RFH " v1, StrucLength >= 32: the fixed part, NameValueString in
 *          the header's CCSID
 *   MQRFH2 "RFH " v2, StrucLength >= 36: NameValueLength/NameValueData pairs
 *          filling it exactly; NameValueData is in NameValueCCSID (1200, 1208,
 *          13488 or 17584, else 2111) and is not converted, only its UTF-16
 *          byte order follows the integers' (MQ's rule)
 *   MQCIH  "CIH " v1 164 bytes or v2 180 (StrucLength says which)
 *   MQIIH  "IIH " v1, 84 bytes
 *   MQDH   "DH  " v1, StrucLength >= 48: RecsPresent MQOR records at
 *          ObjectRecOffset and MQPMR records (the fields PutMsgRecFields
 *          names) at PutMsgRecOffset, each inside StrucLength, not overlapping
 *   MQMDE  "MDE " v2, 72 bytes
 *   MQRMH  "RMH " v1, StrucLength >= 108: the four strings SrcEnv, SrcName,
 *          DestEnv, DestName at their offsets inside StrucLength; converted
 *          in place, so one that grows fails with 2190
 *   MQWIH  "WIH " v1, 120 bytes
 *   MQTM   "TM  " v1, the whole of the rest: 684 bytes (MQFMT_TRIGGER)
 *   PCF    (MQFMT_ADMIN, MQFMT_EVENT, MQFMT_PCF) MQCFH (StrucLength 36,
 *          Version 1 to 3) then ParameterCount structures, each of a known
 *          MQCFT_* type with a StrucLength inside the message and at least
 *          its fixed part; an MQCFGR's ParameterCount more follow it; the
 *          structures fill the rest exactly.  MQCFST, MQCFSL and MQCFSF
 *          strings are converted from their CodedCharSetId (0: the
 *          message's), which then says the target's (0 stays 0)
 *   MQFMT_IMS_VAR_STRING  LL (2-byte length, 4 or more, the 4 of LLZZ
 *          included) ZZ then characters, to the end; a converted string
 *          over 32767 bytes fails with 2190
 *   MQFMT_STRING  the rest, converted (convert.h)
 *
 * Failures (MQCC_WARNING, the message returned as it is, never a part of it
 * converted):
 *   2110 MQRC_FORMAT_ERROR        a header or PCF structure that is not what
 *                                 it says (StrucId, Version, a length or
 *                                 offset outside the message), a final format
 *                                 Quire does not convert in another CCSID or
 *                                 encoding than the one asked for
 *   2111 / 2115                   a source / target CCSID not in qm/ccsid.c,
 *                                 or one in which a header cannot be written
 *                                 (UTF-16: a header's characters are one byte
 *                                 each; MQ's rule for header CCSIDs)
 *   2112 / 2113 / 2114            a part's Encoding: integer (neither NORMAL
 *                                 nor REVERSED), decimal, float not known
 *   2116 / 2117 / 2118            the same for the Encoding asked for
 *   2119 MQRC_NOT_CONVERTED       a character not valid in its CCSID, or with
 *                                 no equivalent in the target's
 *   2190                          as above
 * MQ may convert some parts of such a message and not others; Quire converts
 * all or none, so the CCSID and Encoding fields always describe what follows.
 *
 * MQTMC2 is not a message format (runmqtrm passes it as a program's
 * argument, all characters): nothing names it in a Format, so nothing here
 * converts it.
 */
#include "qm/server/convert_hdr.h"
#include "qm/server/convert.h"
#include "qm/ccsid.h"
#include "cmqcfc.h"

#include <stdlib.h>
#include <string.h>

/* output buffer */
struct ob {
	uint8_t *p;
	size_t len, cap;
};

static int ob_room(struct ob *o, size_t n)
{
	if (n > SIZE_MAX / 4 - o->len)
		return -1;
	if (o->len + n <= o->cap)
		return 0;
	size_t c = o->cap ? o->cap : 256;
	while (c < o->len + n)
		c *= 2;
	uint8_t *p = realloc(o->p, c);
	if (!p)
		return -1;
	o->p = p;
	o->cap = c;
	return 0;
}

/* append n bytes (src NULL: zeros); the offset they start at, or -1 */
static long ob_put(struct ob *o, const void *src, size_t n)
{
	if (ob_room(o, n))
		return -1;
	long at = (long)o->len;
	if (n) {
		if (src)
			memcpy(o->p + o->len, src, n);
		else
			memset(o->p + o->len, 0, n);
	}
	o->len += n;
	return at;
}

static int rev(MQLONG enc)
{
	return (enc & MQENC_INTEGER_MASK) == MQENC_INTEGER_REVERSED;
}

static uint32_t get32(const uint8_t *p, MQLONG enc)
{
	if (rev(enc))
		return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	return (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}

static void put32(uint8_t *p, uint32_t v, MQLONG enc)
{
	for (int i = 0; i < 4; i++)
		p[rev(enc) ? i : 3 - i] = (uint8_t)(v >> (8 * i));
}

static void swapn(uint8_t *dst, const uint8_t *src, size_t n, int swap)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = swap ? src[n - 1 - i] : src[i];
}

/* The conversion under way. */
struct cx {
	const uint8_t *in;
	uint32_t n, pos;
	struct ob out;
	MQLONG qm;          /* the queue manager's CCSID */
	MQLONG to, to_enc;  /* asked for */
	int keep;           /* conv_inherit: every part stays as it is */
	int changed;        /* keep: an MQCCSI_INHERIT replaced */
};

/* One part: its format (ASCII), CCSID (resolved) and Encoding. */
struct part {
	char fmt[MQ_FORMAT_LENGTH];
	MQLONG ccsid, enc;
};

/* Where the header before the current part says the part's CCSID and
 * Encoding (offsets in the output, written in wenc), with the value its
 * CodedCharSetId field held. */
struct link {
	long ccsid_at, enc_at;
	MQLONG wenc, orig_ccsid;
};

static int same_chars(MQLONG from, MQLONG fenc, MQLONG to, MQLONG tenc)
{
	if (from != to)
		return 0;
	return !ccsid_is_utf16(from) || rev(fenc) == rev(tenc);
}

/* Convert a string of n bytes: *o (malloc'd, NULL for none) and *olen. */
static MQLONG chars_var(const uint8_t *src, uint32_t n, MQLONG from, MQLONG fenc, MQLONG to, MQLONG tenc, void **o,
			uint32_t *olen)
{
	*o = NULL;
	*olen = 0;
	if (same_chars(from, fenc, to, tenc) || n == 0) {
		if (n && !(*o = malloc(n)))
			return MQRC_STORAGE_NOT_AVAILABLE;
		if (n)
			memcpy(*o, src, n);
		*olen = n;
		return MQRC_NONE;
	}
	uint32_t full;
	return conv_string(from, fenc, to, tenc, src, n, UINT32_MAX, o, olen, &full);
}

/* Fill dst[0..n) with the target's blanks from dst[at..). */
static void pad_blanks(uint8_t *dst, size_t at, size_t n, MQLONG to, MQLONG tenc)
{
	unsigned char b[2];
	int k = ccsid_blank(to, tenc, b);
	if (k == 0) {
		b[0] = ' ';
		k = 1;
	}
	for (size_t i = at; i < n; i++)
		dst[i] = (k == 2 && (i - at) % 2 == 1) ? b[1] : b[0];
}

/* A fixed-length character field of n bytes converted into dst[0..n). */
static MQLONG chars_fixed(const uint8_t *src, size_t n, MQLONG from, MQLONG fenc, MQLONG to, MQLONG tenc,
			  uint8_t *dst)
{
	if (same_chars(from, fenc, to, tenc)) {
		memmove(dst, src, n);
		return MQRC_NONE;
	}
	void *o;
	uint32_t ol;
	MQLONG rc = chars_var(src, (uint32_t)n, from, fenc, to, tenc, &o, &ol);
	if (rc)
		return rc;
	uint8_t *c = o;
	if (ol > n) {
		/* what follows the first NUL, then trailing blanks, may go */
		unsigned unit = ccsid_is_utf16(to) ? 2 : 1;
		unsigned char b[2];
		int bk = ccsid_blank(to, tenc, b);
		for (uint32_t i = 0; i + unit <= ol; i += unit)
			if (c[i] == 0 && (unit == 1 || c[i + 1] == 0)) {
				ol = i + unit;
				break;
			}
		while (ol >= unit && ol > n && bk == (int)unit && memcmp(c + ol - unit, b, unit) == 0)
			ol -= unit;
		if (ol > n) {
			free(o);
			return MQRC_CONVERTED_STRING_TOO_BIG;
		}
	}
	if (ol)
		memcpy(dst, c, ol);
	pad_blanks(dst, ol, n, to, tenc);
	free(o);
	return MQRC_NONE;
}

/*
 * Convert the fields desc describes ("c48 l b24 ..."; c chars, l MQLONG,
 * q 64-bit integer, b bytes) from src, appending them to the output.
 * *size (when given) gets the fields' total length.
 */
/* The next field of a layout string at *d: its kind and length (l: 4, q:
 * 8, else the number after the letter); 0 at the end. */
static int desc_next(const char **d, char *kind, size_t *len)
{
	while (**d == ' ')
		(*d)++;
	if (!**d)
		return 0;
	*kind = *(*d)++;
	*len = 0;
	while (**d >= '0' && **d <= '9')
		*len = *len * 10 + (size_t)(*(*d)++ - '0');
	if (*kind == 'l')
		*len = 4;
	else if (*kind == 'q')
		*len = 8;
	return 1;
}

static MQLONG fields(struct cx *x, const char *desc, const uint8_t *src, MQLONG from, MQLONG fenc, MQLONG to,
		     MQLONG tenc)
{
	const char *d = desc;
	size_t off = 0, len;
	char kind;
	int swap = rev(fenc) != rev(tenc);
	while (desc_next(&d, &kind, &len)) {
		long at = ob_put(&x->out, NULL, len);
		if (at < 0)
			return MQRC_STORAGE_NOT_AVAILABLE;
		uint8_t *dst = x->out.p + at;
		if (kind == 'c') {
			MQLONG rc = chars_fixed(src + off, len, from, fenc, to, tenc, dst);
			if (rc)
				return rc;
		} else if (kind == 'b') {
			memcpy(dst, src + off, len);
		} else {
			swapn(dst, src + off, len, swap);
		}
		off += len;
	}
	return MQRC_NONE;
}

static size_t desc_len(const char *d)
{
	size_t total = 0, len;
	char kind;
	while (desc_next(&d, &kind, &len))
		total += len;
	return total;
}

/* n bytes of src in CCSID ccsid as ASCII (ISO-8859-1): 0, or -1 when they
 * are not characters there. */
static int as_ascii(const uint8_t *src, size_t n, MQLONG ccsid, char *dst)
{
	uint8_t tmp[MQ_FORMAT_LENGTH];
	if (n > sizeof tmp)
		return -1;
	if (chars_fixed(src, n, ccsid, MQENC_NATIVE, 819, MQENC_NATIVE, tmp))
		return -1;
	memcpy(dst, tmp, n);
	return 0;
}

static MQLONG enc_check(MQLONG e, int target)
{
	MQLONG i = e & MQENC_INTEGER_MASK, d = e & MQENC_DECIMAL_MASK, f = e & MQENC_FLOAT_MASK;
	if (i != MQENC_INTEGER_NORMAL && i != MQENC_INTEGER_REVERSED)
		return target ? MQRC_TARGET_INTEGER_ENC_ERROR : MQRC_SOURCE_INTEGER_ENC_ERROR;
	if (d != MQENC_DECIMAL_UNDEFINED && d != MQENC_DECIMAL_NORMAL && d != MQENC_DECIMAL_REVERSED)
		return target ? MQRC_TARGET_DECIMAL_ENC_ERROR : MQRC_SOURCE_DECIMAL_ENC_ERROR;
	if (f != MQENC_FLOAT_UNDEFINED && f != MQENC_FLOAT_IEEE_NORMAL && f != MQENC_FLOAT_IEEE_REVERSED &&
	    f != MQENC_FLOAT_S390 && f != MQENC_FLOAT_TNS)
		return target ? MQRC_TARGET_FLOAT_ENC_ERROR : MQRC_SOURCE_FLOAT_ENC_ERROR;
	return MQRC_NONE;
}

/* ------------------------------------------------------------------ */
/* The headers that chain. */

struct hdr {
	const char *fmt;      /* MQFMT_* */
	const char *id;       /* StrucId */
	MQLONG version;       /* 0: 1 or 2 (MQCIH) */
	const char *desc;     /* the fixed part */
	int has_sl;           /* StrucLength at 8 */
	size_t enc_at, ccsid_at, fmt_at;   /* where the next part is described */
	int var;              /* 0 fixed (StrucLength == the fixed part); 1 RFH, 2 RFH2, 3 DH, 4 RMH, 5 CIH */
};

#define MD1_DESC "c4 l l l l l l l c8 l l b24 b24 l c48 c48 c12 b32 c32 l c28 c8 c8 c4"
#define CIH1_DESC "c4 l l l l c8 l l l l l l l l l l l l b8 c4 c4 c8 c8 c8 c4 c4 c4 c4 c4 c4 c4 c4 c8 c8"

static const struct hdr hdrs[] = {
	{ MQFMT_DEAD_LETTER_HEADER, "DLH ", 1, "c4 l l c48 c48 l l c8 l c28 c8 c8", 0, 108, 112, 116, 0 },
	{ MQFMT_XMIT_Q_HEADER, "XQH ", 1, "c4 l c48 c48 " MD1_DESC, 0, 128, 132, 136, 0 },
	{ MQFMT_RF_HEADER_1, "RFH ", 1, "c4 l l l l c8 l", 1, 12, 16, 20, 1 },
	{ MQFMT_RF_HEADER_2, "RFH ", 2, "c4 l l l l c8 l l", 1, 12, 16, 20, 2 },
	{ MQFMT_CICS, "CIH ", 0, CIH1_DESC, 1, 12, 16, 20, 5 },
	{ MQFMT_IMS, "IIH ", 1, "c4 l l l l c8 l c8 c8 c8 c8 b16 c1 c1 c1 c1", 1, 12, 16, 20, 0 },
	{ MQFMT_DIST_HEADER, "DH  ", 1, "c4 l l l l c8 l l l l l", 1, 12, 16, 20, 3 },
	{ MQFMT_MD_EXTENSION, "MDE ", 2, "c4 l l l l c8 l b24 l l l l", 1, 12, 16, 20, 0 },
	{ MQFMT_REF_MSG_HEADER, "RMH ", 1, "c4 l l l l c8 l c8 b24 l l l l l l l l l l l", 1, 12, 16, 20, 4 },
	{ MQFMT_WORK_INFO_HEADER, "WIH ", 1, "c4 l l l l c8 l c32 c8 b16 c32", 1, 12, 16, 20, 0 },
};

static const struct hdr *find_hdr(const char *fmt)
{
	for (size_t i = 0; i < sizeof hdrs / sizeof hdrs[0]; i++)
		if (memcmp(hdrs[i].fmt, fmt, MQ_FORMAT_LENGTH) == 0)
			return &hdrs[i];
	return NULL;
}

enum { FIN_NONE, FIN_STRING, FIN_PCF, FIN_TM, FIN_IMSVS };

static int final_kind(const char *fmt)
{
	if (!memcmp(fmt, MQFMT_STRING, 8))
		return FIN_STRING;
	if (!memcmp(fmt, MQFMT_ADMIN, 8) || !memcmp(fmt, MQFMT_EVENT, 8) || !memcmp(fmt, MQFMT_PCF, 8))
		return FIN_PCF;
	if (!memcmp(fmt, MQFMT_TRIGGER, 8))
		return FIN_TM;
	if (!memcmp(fmt, MQFMT_IMS_VAR_STRING, 8))
		return FIN_IMSVS;
	return FIN_NONE;
}

int conv_builtin(const MQCHAR *fmt)
{
	return find_hdr(fmt) != NULL || final_kind(fmt) != FIN_NONE;
}

/* RFH's NameValueString: converted, StrucLength to 32 + its length rounded
 * up to 4 when that changes (blanks after it). */
static MQLONG rfh1_rest(struct cx *x, long base, const uint8_t *src, uint32_t sl, const struct part *p, MQLONG to,
			MQLONG tenc)
{
	void *o;
	uint32_t ol;
	MQLONG rc = chars_var(src + 32, sl - 32, p->ccsid, p->enc, to, tenc, &o, &ol);
	if (rc)
		return rc;
	uint32_t room = ol == sl - 32 ? ol : (ol + 3) / 4 * 4;
	long at = room > UINT32_MAX - 32 ? -1 : ob_put(&x->out, NULL, room);
	if (at < 0) {
		free(o);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	if (ol)
		memcpy(x->out.p + at, o, ol);
	pad_blanks(x->out.p + at, ol, room, to, tenc);
	free(o);
	put32(x->out.p + base + 8, 32 + room, tenc);
	return MQRC_NONE;
}

/* RFH2's NameValueLength / NameValueData pairs. */
static MQLONG rfh2_rest(struct cx *x, const uint8_t *src, uint32_t sl, const struct part *p, MQLONG to, MQLONG tenc)
{
	MQLONG nvccsid = (MQLONG)get32(src + 32, p->enc);
	int swap = rev(p->enc) != rev(tenc);
	if (!x->keep && (swap || p->ccsid != to) && nvccsid != 1208 && !ccsid_is_utf16(nvccsid))
		return MQRC_SOURCE_CCSID_ERROR;
	uint32_t at = 36;
	while (at < sl) {
		if (sl - at < 4)
			return MQRC_FORMAT_ERROR;
		uint32_t l = get32(src + at, p->enc);
		at += 4;
		if (l > sl - at || (swap && ccsid_is_utf16(nvccsid) && l % 2))
			return MQRC_FORMAT_ERROR;
		long o = ob_put(&x->out, NULL, 4 + (size_t)l);
		if (o < 0)
			return MQRC_STORAGE_NOT_AVAILABLE;
		put32(x->out.p + o, l, tenc);
		if (swap && ccsid_is_utf16(nvccsid))
			for (uint32_t i = 0; i < l; i += 2) {
				x->out.p[o + 4 + i] = src[at + i + 1];
				x->out.p[o + 4 + i + 1] = src[at + i];
			}
		else
			memcpy(x->out.p + o + 4, src + at, l);
		at += l;
	}
	return MQRC_NONE;
}

/* Is [off, off + len) inside [lo, sl)? */
static int inside(uint64_t off, uint64_t len, uint64_t lo, uint64_t sl)
{
	return off >= lo && off <= sl && len <= sl - off;
}

/* DH's records, converted in place in the copy of [48, sl). */
static MQLONG dh_rest(struct cx *x, long base, const uint8_t *src, uint32_t sl, const struct part *p, MQLONG to,
		      MQLONG tenc)
{
	uint32_t fields_ = get32(src + 32, p->enc), recs = get32(src + 36, p->enc);
	uint32_t oro = get32(src + 40, p->enc), pmo = get32(src + 44, p->enc);
	if (fields_ & ~(uint32_t)(MQPMRF_MSG_ID | MQPMRF_CORREL_ID | MQPMRF_GROUP_ID | MQPMRF_FEEDBACK |
				  MQPMRF_ACCOUNTING_TOKEN) || recs > sl)
		return MQRC_FORMAT_ERROR;
	uint64_t pmr = (fields_ & MQPMRF_MSG_ID ? 24 : 0) + (fields_ & MQPMRF_CORREL_ID ? 24 : 0) +
		       (fields_ & MQPMRF_GROUP_ID ? 24 : 0) + (fields_ & MQPMRF_FEEDBACK ? 4 : 0) +
		       (fields_ & MQPMRF_ACCOUNTING_TOKEN ? 32 : 0);
	uint64_t orl = (uint64_t)recs * 96, pml = (uint64_t)recs * pmr;
	if ((recs && !inside(oro, orl, 48, sl)) || (pml && !inside(pmo, pml, 48, sl)))
		return MQRC_FORMAT_ERROR;
	if (recs && pml && oro < pmo + pml && pmo < oro + orl)
		return MQRC_FORMAT_ERROR;   /* overlapping */
	if (ob_put(&x->out, src + 48, sl - 48) < 0)
		return MQRC_STORAGE_NOT_AVAILABLE;
	uint8_t *d = x->out.p + base;
	int swap = rev(p->enc) != rev(tenc);
	for (uint32_t i = 0; recs && i < recs; i++) {
		uint64_t o = oro + (uint64_t)i * 96;
		MQLONG rc = chars_fixed(src + o, 48, p->ccsid, p->enc, to, tenc, d + o);
		if (!rc)
			rc = chars_fixed(src + o + 48, 48, p->ccsid, p->enc, to, tenc, d + o + 48);
		if (rc)
			return rc;
	}
	for (uint32_t i = 0; pml && i < recs; i++) {
		uint64_t o = pmo + (uint64_t)i * pmr + (fields_ & MQPMRF_MSG_ID ? 24 : 0) +
			     (fields_ & MQPMRF_CORREL_ID ? 24 : 0) + (fields_ & MQPMRF_GROUP_ID ? 24 : 0);
		if (fields_ & MQPMRF_FEEDBACK)
			swapn(d + o, src + o, 4, swap);
	}
	return MQRC_NONE;
}

/* RMH's four strings, converted in place; a shorter one's length is set, the
 * bytes after it blanks. */
static MQLONG rmh_rest(struct cx *x, long base, const uint8_t *src, uint32_t sl, const struct part *p, MQLONG to,
		       MQLONG tenc)
{
	if (ob_put(&x->out, src + 108, sl - 108) < 0)
		return MQRC_STORAGE_NOT_AVAILABLE;
	for (int k = 0; k < 4; k++) {
		uint32_t len = get32(src + 64 + 8 * k, p->enc), off = get32(src + 68 + 8 * k, p->enc);
		if (len == 0)
			continue;
		if (!inside(off, len, 108, sl))
			return MQRC_FORMAT_ERROR;
		void *o;
		uint32_t ol;
		MQLONG rc = chars_var(src + off, len, p->ccsid, p->enc, to, tenc, &o, &ol);
		if (rc)
			return rc;
		if (ol > len) {
			free(o);
			return MQRC_CONVERTED_STRING_TOO_BIG;
		}
		uint8_t *d = x->out.p + base;
		if (ol)
			memcpy(d + off, o, ol);
		pad_blanks(d + off, ol, len, to, tenc);
		free(o);
		put32(d + 64 + 8 * k, ol, tenc);
	}
	return MQRC_NONE;
}

/* Convert the header h at x->pos (part p) to (to, tenc); the next part in
 * *next and where this header describes it in *lk. */
static MQLONG header(struct cx *x, const struct hdr *h, const struct part *p, MQLONG to, MQLONG tenc,
		     struct part *next, struct link *lk)
{
	const uint8_t *src = x->in + x->pos;
	uint32_t rest = x->n - x->pos;
	size_t fixed = desc_len(h->desc);
	if (rest < fixed)
		return MQRC_FORMAT_ERROR;
	char id[4];
	if (as_ascii(src, 4, p->ccsid, id) || memcmp(id, h->id, 4) != 0)
		return MQRC_FORMAT_ERROR;
	MQLONG ver = (MQLONG)get32(src + 4, p->enc);
	uint32_t sl = h->has_sl ? get32(src + 8, p->enc) : (uint32_t)fixed;
	const char *desc = h->desc;
	char cih2[sizeof CIH1_DESC + 16];
	if (h->var == 5) {   /* MQCIH: the version says the length */
		if (!((ver == 1 && sl == MQCIH_LENGTH_1) || (ver == 2 && sl == MQCIH_LENGTH_2)))
			return MQRC_FORMAT_ERROR;
		if (ver == 2) {
			strcpy(cih2, CIH1_DESC " l l l l");
			desc = cih2;
			fixed = MQCIH_LENGTH_2;
		}
	} else if (ver != h->version) {
		return MQRC_FORMAT_ERROR;
	}
	if (sl < fixed || sl > rest || (h->var == 0 && sl != fixed))
		return MQRC_FORMAT_ERROR;
	if (h->var == 0 && h == &hdrs[1]) {   /* MQXQH: its MQMD's StrucId and Version */
		if (as_ascii(src + 104, 4, p->ccsid, id) || memcmp(id, MQMD_STRUC_ID, 4) != 0 ||
		    get32(src + 108, p->enc) != MQMD_VERSION_1)
			return MQRC_FORMAT_ERROR;
	}
	/* the next part, as this header says it is */
	next->enc = (MQLONG)get32(src + h->enc_at, p->enc);
	MQLONG nc = (MQLONG)get32(src + h->ccsid_at, p->enc);
	next->ccsid = nc == MQCCSI_INHERIT ? p->ccsid : nc == MQCCSI_Q_MGR ? x->qm : nc;
	if (as_ascii(src + h->fmt_at, MQ_FORMAT_LENGTH, p->ccsid, next->fmt))
		return MQRC_FORMAT_ERROR;
	long base = (long)x->out.len;
	MQLONG rc = fields(x, desc, src, p->ccsid, p->enc, to, tenc);
	if (rc)
		return rc;
	switch (h->var) {
	case 1:
		rc = rfh1_rest(x, base, src, sl, p, to, tenc);
		break;
	case 2:
		rc = rfh2_rest(x, src, sl, p, to, tenc);
		break;
	case 3:
		rc = dh_rest(x, base, src, sl, p, to, tenc);
		break;
	case 4:
		rc = rmh_rest(x, base, src, sl, p, to, tenc);
		break;
	}
	if (rc)
		return rc;
	lk->ccsid_at = base + (long)h->ccsid_at;
	lk->enc_at = base + (long)h->enc_at;
	lk->wenc = tenc;
	lk->orig_ccsid = nc;
	x->pos += sl;
	return MQRC_NONE;
}

/* ------------------------------------------------------------------ */
/* The formats that end a message. */

/* One PCF string of n bytes at src in CCSID cs: appended converted. */
static MQLONG pcf_string(struct cx *x, const uint8_t *src, uint32_t n, MQLONG cs, const struct part *p, MQLONG tenc,
			 void **o, uint32_t *ol)
{
	MQLONG from = cs == MQCCSI_DEFAULT || cs == MQCCSI_INHERIT ? p->ccsid : cs;
	return chars_var(src, n, from, p->enc, x->to, tenc, o, ol);
}

static uint32_t pad4(uint32_t n)
{
	return (n + 3) / 4 * 4;
}

/* One PCF structure of type t and length sl at src; *groups its
 * ParameterCount when it is an MQCFGR. */
static MQLONG pcf_param(struct cx *x, const uint8_t *src, uint32_t t, uint32_t sl, const struct part *p,
			MQLONG tenc, uint64_t *groups)
{
	MQLONG e = p->enc;
	int swap = rev(e) != rev(tenc);
	long base = (long)x->out.len;
	MQLONG rc;
	switch (t) {
	case MQCFT_INTEGER:
		if (sl != 16)
			return MQRC_FORMAT_ERROR;
		return fields(x, "l l l l", src, p->ccsid, e, x->to, tenc);
	case MQCFT_INTEGER_FILTER:
		if (sl != 20)
			return MQRC_FORMAT_ERROR;
		return fields(x, "l l l l l", src, p->ccsid, e, x->to, tenc);
	case MQCFT_INTEGER64:
		if (sl != 24)
			return MQRC_FORMAT_ERROR;
		return fields(x, "l l l l q", src, p->ccsid, e, x->to, tenc);
	case MQCFT_GROUP:
		if (sl != 16)
			return MQRC_FORMAT_ERROR;
		*groups = get32(src + 12, e);
		return fields(x, "l l l l", src, p->ccsid, e, x->to, tenc);
	case MQCFT_INTEGER_LIST:
	case MQCFT_INTEGER64_LIST: {
		uint32_t w = t == MQCFT_INTEGER_LIST ? 4 : 8;
		if (sl < 16)
			return MQRC_FORMAT_ERROR;
		uint32_t count = get32(src + 12, e);
		if (count > (sl - 16) / w)
			return MQRC_FORMAT_ERROR;
		if ((rc = fields(x, "l l l l", src, p->ccsid, e, x->to, tenc)))
			return rc;
		long at = ob_put(&x->out, src + 16, sl - 16);
		if (at < 0)
			return MQRC_STORAGE_NOT_AVAILABLE;
		for (uint32_t i = 0; i < count; i++)
			swapn(x->out.p + at + (size_t)i * w, src + 16 + (size_t)i * w, w, swap);
		return MQRC_NONE;
	}
	case MQCFT_BYTE_STRING:
	case MQCFT_BYTE_STRING_FILTER: {
		uint32_t fix = t == MQCFT_BYTE_STRING ? 16 : 20;
		if (sl < fix || get32(src + fix - 4, e) > sl - fix)
			return MQRC_FORMAT_ERROR;
		if ((rc = fields(x, t == MQCFT_BYTE_STRING ? "l l l l" : "l l l l l", src, p->ccsid, e, x->to, tenc)))
			return rc;
		return ob_put(&x->out, src + fix, sl - fix) < 0 ? MQRC_STORAGE_NOT_AVAILABLE : MQRC_NONE;
	}
	case MQCFT_STRING:
	case MQCFT_STRING_FILTER: {
		/* MQCFST: Type, StrucLength, Parameter, CodedCharSetId, StringLength;
		 * MQCFSF: Type, StrucLength, Parameter, Operator, CodedCharSetId,
		 * FilterValueLength */
		uint32_t fix = t == MQCFT_STRING ? 20 : 24;
		if (sl < fix)
			return MQRC_FORMAT_ERROR;
		MQLONG cs = (MQLONG)get32(src + fix - 8, e);
		uint32_t len = get32(src + fix - 4, e);
		if (len > sl - fix)
			return MQRC_FORMAT_ERROR;
		void *o;
		uint32_t ol;
		if ((rc = pcf_string(x, src + fix, len, cs, p, tenc, &o, &ol)))
			return rc;
		uint32_t nsl = ol == len ? sl : fix + pad4(ol);
		rc = fields(x, t == MQCFT_STRING ? "l l l l l" : "l l l l l l", src, p->ccsid, e, x->to, tenc);
		long at = rc ? -1 : ob_put(&x->out, NULL, nsl - fix);
		if (at < 0) {
			free(o);
			return rc ? rc : MQRC_STORAGE_NOT_AVAILABLE;
		}
		uint8_t *d = x->out.p + base;
		if (ol)
			memcpy(d + fix, o, ol);
		if (ol == len)
			memcpy(d + fix + ol, src + fix + len, sl - fix - len);   /* the padding as it was */
		else
			memset(d + fix + ol, 0, nsl - fix - ol);
		free(o);
		put32(d + 4, nsl, tenc);
		put32(d + fix - 4, ol, tenc);
		if (cs != MQCCSI_DEFAULT)
			put32(d + fix - 8, (uint32_t)x->to, tenc);
		return MQRC_NONE;
	}
	case MQCFT_STRING_LIST: {
		/* Type, StrucLength, Parameter, CodedCharSetId, Count, StringLength */
		if (sl < 24)
			return MQRC_FORMAT_ERROR;
		MQLONG cs = (MQLONG)get32(src + 12, e);
		uint32_t count = get32(src + 16, e), len = get32(src + 20, e);
		if ((len && count > (sl - 24) / len) || (!len && count > sl))
			return MQRC_FORMAT_ERROR;
		void **os = calloc(count ? count : 1, sizeof *os);
		uint32_t *ls = calloc(count ? count : 1, sizeof *ls);
		uint32_t w = 0;
		rc = os && ls ? MQRC_NONE : MQRC_STORAGE_NOT_AVAILABLE;
		for (uint32_t i = 0; !rc && i < count; i++) {
			rc = pcf_string(x, src + 24 + (size_t)i * len, len, cs, p, tenc, &os[i], &ls[i]);
			if (!rc && ls[i] > w)
				w = ls[i];
		}
		uint64_t body = (uint64_t)w * count;
		if (!rc && body > UINT32_MAX / 2)
			rc = MQRC_STORAGE_NOT_AVAILABLE;
		uint32_t nsl = w == len ? sl : 24 + pad4((uint32_t)body);
		long at = -1;
		if (!rc && !(rc = fields(x, "l l l l l l", src, p->ccsid, e, x->to, tenc)))
			at = ob_put(&x->out, NULL, nsl - 24);
		if (!rc && at < 0)
			rc = MQRC_STORAGE_NOT_AVAILABLE;
		if (!rc) {
			uint8_t *d = x->out.p + base;
			for (uint32_t i = 0; i < count; i++) {
				if (ls[i])
					memcpy(d + 24 + (size_t)i * w, os[i], ls[i]);
				pad_blanks(d + 24 + (size_t)i * w, ls[i], w, x->to, tenc);
			}
			if (w == len)
				memcpy(d + 24 + body, src + 24 + body, sl - 24 - body);
			else
				memset(d + 24 + body, 0, nsl - 24 - body);
			put32(d + 4, nsl, tenc);
			put32(d + 20, w, tenc);
			if (cs != MQCCSI_DEFAULT)
				put32(d + 12, (uint32_t)x->to, tenc);
		}
		for (uint32_t i = 0; os && i < count; i++)
			free(os[i]);
		free(os);
		free(ls);
		return rc;
	}
	default:
		return MQRC_FORMAT_ERROR;
	}
}

static MQLONG pcf(struct cx *x, const struct part *p, MQLONG tenc)
{
	const uint8_t *src = x->in + x->pos;
	uint32_t rest = x->n - x->pos;
	if (rest < MQCFH_STRUC_LENGTH)
		return MQRC_FORMAT_ERROR;
	uint32_t sl = get32(src + 4, p->enc), ver = get32(src + 8, p->enc);
	if (sl != MQCFH_STRUC_LENGTH || ver < MQCFH_VERSION_1 || ver > MQCFH_VERSION_3)
		return MQRC_FORMAT_ERROR;
	MQLONG rc = fields(x, "l l l l l l l l l", src, p->ccsid, p->enc, x->to, tenc);
	if (rc)
		return rc;
	uint64_t left = get32(src + 32, p->enc);
	uint32_t at = MQCFH_STRUC_LENGTH;
	while (left > 0) {
		if (rest - at < 8)
			return MQRC_FORMAT_ERROR;
		uint32_t t = get32(src + at, p->enc), psl = get32(src + at + 4, p->enc);
		if (psl < 8 || psl > rest - at)
			return MQRC_FORMAT_ERROR;
		uint64_t groups = 0;
		if ((rc = pcf_param(x, src + at, t, psl, p, tenc, &groups)))
			return rc;
		at += psl;
		left = left - 1 + groups;
		if (left > rest)
			return MQRC_FORMAT_ERROR;   /* more structures than bytes */
	}
	if (at != rest)
		return MQRC_FORMAT_ERROR;
	x->pos = x->n;
	return MQRC_NONE;
}

static MQLONG imsvs(struct cx *x, const struct part *p, MQLONG tenc)
{
	const uint8_t *src = x->in + x->pos;
	uint32_t rest = x->n - x->pos, at = 0;
	int swap = rev(p->enc) != rev(tenc);
	while (at < rest) {
		if (rest - at < 4)
			return MQRC_FORMAT_ERROR;
		uint32_t ll = rev(p->enc) ? (uint32_t)src[at] | (uint32_t)src[at + 1] << 8
					  : (uint32_t)src[at + 1] | (uint32_t)src[at] << 8;
		if (ll < 4 || ll > rest - at)
			return MQRC_FORMAT_ERROR;
		void *o;
		uint32_t ol;
		MQLONG rc = chars_var(src + at + 4, ll - 4, p->ccsid, p->enc, x->to, tenc, &o, &ol);
		if (rc)
			return rc;
		if (ol > 32767 - 4) {
			free(o);
			return MQRC_CONVERTED_STRING_TOO_BIG;
		}
		long d = ob_put(&x->out, NULL, 4 + (size_t)ol);
		if (d < 0) {
			free(o);
			return MQRC_STORAGE_NOT_AVAILABLE;
		}
		uint32_t nl = 4 + ol;
		x->out.p[d + (rev(tenc) ? 0 : 1)] = (uint8_t)nl;
		x->out.p[d + (rev(tenc) ? 1 : 0)] = (uint8_t)(nl >> 8);
		swapn(x->out.p + d + 2, src + at + 2, 2, swap);   /* ZZ: two bytes of flags */
		if (ol)
			memcpy(x->out.p + d + 4, o, ol);
		free(o);
		at += ll;
	}
	x->pos = x->n;
	return MQRC_NONE;
}

/* The last part, of kind k: converted to the end. */
static MQLONG final_part(struct cx *x, int k, const struct part *p, MQLONG tenc)
{
	const uint8_t *src = x->in + x->pos;
	uint32_t rest = x->n - x->pos;
	switch (k) {
	case FIN_STRING: {
		void *o;
		uint32_t ol;
		MQLONG rc = chars_var(src, rest, p->ccsid, p->enc, x->to, tenc, &o, &ol);
		if (rc)
			return rc;
		long at = ob_put(&x->out, o, ol);
		free(o);
		x->pos = x->n;
		return at < 0 ? MQRC_STORAGE_NOT_AVAILABLE : MQRC_NONE;
	}
	case FIN_PCF:
		return pcf(x, p, tenc);
	case FIN_IMSVS:
		return imsvs(x, p, tenc);
	default: {   /* FIN_TM */
		char id[4];
		if (rest != MQTM_LENGTH_1 || as_ascii(src, 4, p->ccsid, id) || memcmp(id, MQTM_STRUC_ID, 4) ||
		    get32(src + 4, p->enc) != MQTM_VERSION_1)
			return MQRC_FORMAT_ERROR;
		MQLONG rc = fields(x, "c4 l c48 c48 c64 l c256 c128 c128", src, p->ccsid, p->enc, x->to, tenc);
		x->pos = x->n;
		return rc;
	}
	}
}

/* Write the link's CCSID and Encoding: the values the next part now has. */
static void set_link(struct cx *x, const struct link *lk, MQLONG ccsid, MQLONG enc)
{
	if (lk->ccsid_at < 0)
		return;
	put32(x->out.p + lk->ccsid_at, (uint32_t)ccsid, lk->wenc);
	put32(x->out.p + lk->enc_at, (uint32_t)enc, lk->wenc);
}

static MQLONG header_ccsid_ok(MQLONG ccsid, int target)
{
	if (!ccsid_iconv_name(ccsid, MQENC_NATIVE) || ccsid_is_utf16(ccsid))
		return target ? MQRC_TARGET_CCSID_ERROR : MQRC_SOURCE_CCSID_ERROR;
	return MQRC_NONE;
}

/* The walk over the parts; x->out holds the result when it returns 0. */
static MQLONG walk(struct cx *x, struct part cur)
{
	struct link lk = { -1, -1, 0, 0 };
	for (;;) {
		const struct hdr *h = find_hdr(cur.fmt);
		int k = final_kind(cur.fmt);
		MQLONG to = x->keep ? cur.ccsid : x->to, tenc = x->keep ? cur.enc : x->to_enc;
		MQLONG rc;
		if (h) {
			if (!x->keep && ((rc = enc_check(cur.enc, 0)) || (rc = header_ccsid_ok(cur.ccsid, 0)) ||
					 (rc = header_ccsid_ok(to, 1))))
				return rc;
			struct part next;
			struct link nl;
			if ((rc = header(x, h, &cur, to, tenc, &next, &nl)))
				return rc;
			/* this header's CodedCharSetId and Encoding, for now as they were
			 * (with MQCCSI_INHERIT said as what it stands for) */
			set_link(x, &nl, nl.orig_ccsid == MQCCSI_INHERIT ? next.ccsid : nl.orig_ccsid, next.enc);
			if (x->keep && nl.orig_ccsid == MQCCSI_INHERIT)
				x->changed = 1;
			if (!x->keep)
				set_link(x, &lk, to, tenc);   /* the part before this one was converted */
			lk = nl;
			cur = next;
			continue;
		}
		if (x->keep) {
			/* the rest as it is; the header before it says its CCSID */
			return ob_put(&x->out, x->in + x->pos, x->n - x->pos) < 0 ? MQRC_STORAGE_NOT_AVAILABLE : MQRC_NONE;
		}
		if (k == FIN_NONE) {
			/* MQFMT_NONE after a header is returned as it is (MQ's rule), the
			 * header saying what it is; another format Quire does not
			 * convert only when it already is what was asked for */
			int as_asked = cur.ccsid == to && cur.enc == tenc;
			if (memcmp(cur.fmt, MQFMT_NONE, MQ_FORMAT_LENGTH) != 0 && !as_asked)
				return MQRC_FORMAT_ERROR;
			if (ob_put(&x->out, x->in + x->pos, x->n - x->pos) < 0)
				return MQRC_STORAGE_NOT_AVAILABLE;
			if (as_asked)
				set_link(x, &lk, to, tenc);
			return MQRC_NONE;
		}
		if (k != FIN_STRING && (rc = enc_check(cur.enc, 0)))
			return rc;
		if (k == FIN_TM && ((rc = header_ccsid_ok(cur.ccsid, 0)) || (rc = header_ccsid_ok(to, 1))))
			return rc;
		if ((rc = final_part(x, k, &cur, tenc)))
			return rc;
		set_link(x, &lk, to, tenc);
		return MQRC_NONE;
	}
}

MQLONG conv_message(const MQCHAR *fmt, MQLONG ccsid, MQLONG enc, const void *in, uint32_t n, MQLONG to,
		    MQLONG to_enc, MQLONG qm_ccsid, struct conv_msg *out)
{
	memset(out, 0, sizeof *out);
	struct cx x = { .in = in ? in : (const void *)"", .n = n, .qm = qm_ccsid, .to = to, .to_enc = to_enc };
	struct part p;
	memcpy(p.fmt, fmt, MQ_FORMAT_LENGTH);
	p.ccsid = ccsid == MQCCSI_Q_MGR ? qm_ccsid : ccsid;
	p.enc = enc;
	MQLONG rc = enc_check(to_enc, 1);
	if (!rc && !ccsid_iconv_name(to, to_enc))
		rc = MQRC_TARGET_CCSID_ERROR;
	if (!rc)
		rc = walk(&x, p);
	if (!rc && x.out.len > UINT32_MAX)
		rc = MQRC_STORAGE_NOT_AVAILABLE;
	if (!rc && !x.out.p && !(x.out.p = malloc(1)))   /* an empty result is still a result */
		rc = MQRC_STORAGE_NOT_AVAILABLE;
	if (rc) {
		free(x.out.p);
		return rc;
	}
	out->data = x.out.p;
	out->len = (uint32_t)x.out.len;
	out->ccsid = to;
	out->encoding = to_enc;
	return MQRC_NONE;
}

int conv_inherit(const MQCHAR *fmt, MQLONG ccsid, MQLONG enc, const void *in, uint32_t n, MQLONG qm_ccsid,
		 struct conv_msg *out)
{
	memset(out, 0, sizeof *out);
	if (!find_hdr(fmt))
		return 0;
	struct cx x = { .in = in ? in : (const void *)"", .n = n, .qm = qm_ccsid, .keep = 1 };
	struct part p;
	memcpy(p.fmt, fmt, MQ_FORMAT_LENGTH);
	p.ccsid = ccsid == MQCCSI_Q_MGR ? qm_ccsid : ccsid;
	p.enc = enc;
	if (walk(&x, p) || !x.changed || x.out.len != n) {
		free(x.out.p);
		return 0;
	}
	out->data = x.out.p;
	out->len = n;
	out->ccsid = ccsid;
	out->encoding = enc;
	return 1;
}
