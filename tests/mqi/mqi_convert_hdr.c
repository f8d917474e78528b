/*
 * mqi_convert_hdr: MQGET with MQGMO_CONVERT of MQ's own formats, and the
 * exits' MQXCNVC, against a running queue manager with the queue T.Q2 of
 * tests/integration/t6100-mqi-verbs.sh.
 *
 * Three messages put in Latin-1 (819) with little-endian integers: an MQDLH
 * before a string, a PCF event (MQCFH, MQCFIN, MQCFST, MQCFIL), an MQRFH2
 * with a usr folder before a string; each got converted to EBCDIC (500 or 37)
 * with big-endian integers, every field of the result checked (the expected
 * EBCDIC from iconv here, not from Quire).  Then the warnings (2110, 2115)
 * with the message as it was put, MQCCSI_INHERIT replaced on a get without
 * CONVERT, and MQXCNVC on the connection (qm/mqi/xcnvc.c has its rules).
 *
 *   usage: mqi_convert_hdr QMGR
 */
#include "mqt.h"

#include <cmqcfc.h>
#include <cmqxc.h>
#include <iconv.h>
#include <stdint.h>

#define NORMAL (MQENC_INTEGER_NORMAL | MQENC_DECIMAL_NORMAL | MQENC_FLOAT_IEEE_NORMAL)

static MQHCONN hc;
static MQHOBJ hq;

static void put_as(const void *data, MQLONG len, MQLONG ccsid, MQLONG enc, const char *fmt)
{
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	md.CodedCharSetId = ccsid;
	md.Encoding = enc;
	memcpy(md.Format, fmt, MQ_FORMAT_LENGTH);
	pmo.Options = MQPMO_NO_SYNCPOINT;
	MQPUT(hc, hq, &md, &pmo, len, (void *)data, &cc, &rc);
	if (rc)
		printf("# MQPUT failed: %d\n", (int)rc);
}

struct got {
	MQLONG cc, rc, len, ccsid, enc;
	unsigned char buf[1024];
};

static void get_as(MQLONG options, MQLONG ccsid, MQLONG enc, struct got *g)
{
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	md.CodedCharSetId = ccsid;
	md.Encoding = enc;
	gmo.Options = MQGMO_NO_SYNCPOINT | options;
	memset(g->buf, 0x7e, sizeof g->buf);
	g->len = -1;
	MQGET(hc, hq, &md, &gmo, sizeof g->buf, g->buf, &g->len, &g->cc, &g->rc);
	g->ccsid = md.CodedCharSetId;
	g->enc = md.Encoding;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Is p[0..n) the string s (819) in CCSID cp ("IBM500", "IBM037")? */
static int is_ebc(const unsigned char *p, const char *s, size_t n, const char *cp)
{
	char want[512], *ip = (char *)s, *op = want;
	size_t il = n, ol = sizeof want;
	iconv_t cd = iconv_open(cp, "ISO-8859-1");
	if (cd == (iconv_t)-1)
		return 0;
	size_t r = iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	return r != (size_t)-1 && (size_t)(op - want) == n && memcmp(p, want, n) == 0;
}

static void blank(MQCHAR *f, size_t n, const char *s)
{
	memset(f, ' ', n);
	memcpy(f, s, strlen(s));
}

static void dlh_string(void)
{
	struct {
		MQDLH d;
		char s[6];
	} m;
	memset(&m, 0, sizeof m);   /* the 2 bytes of padding at its end too: they are data, NULs */
	MQDLH d = { MQDLH_DEFAULT };
	d.Reason = MQRC_Q_FULL;
	blank(d.DestQName, 48, "APP.ORDERS");
	blank(d.DestQMgrName, 48, "QM.FAR");
	d.Encoding = MQENC_NATIVE;
	d.CodedCharSetId = MQCCSI_INHERIT;
	memcpy(d.Format, MQFMT_STRING, 8);
	d.PutApplType = MQAT_UNIX;
	blank(d.PutApplName, 28, "amqsput");
	memcpy(d.PutDate, "20261206", 8);
	memcpy(d.PutTime, "16300099", 8);
	m.d = d;
	memcpy(m.s, "Caf\xe9 1", 6);
	struct got g;

	/* a get without CONVERT: as put, but MQCCSI_INHERIT said as 819 */
	put_as(&m, sizeof m, 819, MQENC_NATIVE, MQFMT_DEAD_LETTER_HEADER);
	get_as(0, 500, NORMAL, &g);
	EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "DLH without CONVERT");
	MQDLH *gd = (MQDLH *)g.buf;
	CHECK(g.len == (MQLONG)sizeof m && g.ccsid == 819 && g.enc == MQENC_NATIVE && gd->CodedCharSetId == 819 &&
		      memcmp(g.buf + sizeof(MQDLH), m.s, 6) == 0 && memcmp(gd->DestQName, d.DestQName, 48) == 0,
	      "as put, the DLH's MQCCSI_INHERIT replaced by 819 (%d)", (int)gd->CodedCharSetId);

	put_as(&m, sizeof m, 819, MQENC_NATIVE, MQFMT_DEAD_LETTER_HEADER);
	get_as(MQGMO_CONVERT, 500, NORMAL, &g);
	EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "DLH + string, 819 little-endian to 500 big-endian");
	const unsigned char *p = g.buf;
	CHECK(g.len == (MQLONG)sizeof m && g.ccsid == 500 && g.enc == NORMAL, "MQMD: 500, NORMAL, length %d",
	      (int)g.len);
	CHECK(is_ebc(p, "DLH ", 4, "IBM500"), "StrucId in EBCDIC");
	CHECK(be32(p + 4) == MQDLH_VERSION_1, "Version 1 big-endian");
	CHECK(be32(p + 8) == MQRC_Q_FULL, "Reason 2053 big-endian");
	CHECK(is_ebc(p + 12, d.DestQName, 48, "IBM500"), "DestQName");
	CHECK(is_ebc(p + 60, d.DestQMgrName, 48, "IBM500"), "DestQMgrName");
	CHECK(be32(p + 108) == NORMAL, "Encoding of the data: NORMAL");
	CHECK(be32(p + 112) == 500, "CodedCharSetId of the data: 500 (was MQCCSI_INHERIT)");
	CHECK(is_ebc(p + 116, MQFMT_STRING, 8, "IBM500"), "Format MQSTR in EBCDIC");
	CHECK(be32(p + 124) == MQAT_UNIX, "PutApplType");
	CHECK(is_ebc(p + 128, d.PutApplName, 28, "IBM500"), "PutApplName");
	CHECK(is_ebc(p + 156, "20261206", 8, "IBM500") && is_ebc(p + 164, "16300099", 8, "IBM500"), "PutDate, PutTime");
	CHECK(is_ebc(p + 172, "Caf\xe9 1", 6, "IBM500"), "the string after it, in 500");

	/* sizes: it fits as put, not converted (the e-acute is 2 bytes in UTF-8): 2120, got as it was */
	{
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		md.CodedCharSetId = 1208;
		md.Encoding = MQENC_NATIVE;
		gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_CONVERT;
		put_as(&m, sizeof m, 819, MQENC_NATIVE, MQFMT_DEAD_LETTER_HEADER);
		memset(g.buf, 0x7e, sizeof g.buf);
		MQGET(hc, hq, &md, &gmo, sizeof m, g.buf, &g.len, &g.cc, &g.rc);
		EXPECT(g.cc, g.rc, MQCC_WARNING, MQRC_CONVERTED_MSG_TOO_BIG, "DLH to 1208 one byte too big for the buffer: 2120");
		CHECK(g.len == (MQLONG)sizeof m && md.CodedCharSetId == 819 && memcmp(g.buf + 172, m.s, 6) == 0 &&
			      mqt_depth(hc, "T.Q2") == 0,
		      "returned as put, and got");
		/* too long before conversion too: truncated, DataLength the converted length */
		md = (MQMD){ MQMD_DEFAULT };
		md.CodedCharSetId = 1208;
		md.Encoding = MQENC_NATIVE;
		gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_CONVERT | MQGMO_ACCEPT_TRUNCATED_MSG;
		put_as(&m, sizeof m, 819, MQENC_NATIVE, MQFMT_DEAD_LETTER_HEADER);
		memset(g.buf, 0x7e, sizeof g.buf);
		MQGET(hc, hq, &md, &gmo, 100, g.buf, &g.len, &g.cc, &g.rc);
		EXPECT(g.cc, g.rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_ACCEPTED, "the converted DLH into 100 bytes: 2079");
		CHECK(g.len == (MQLONG)sizeof m + 1 && md.CodedCharSetId == 1208 && memcmp(g.buf, "DLH ", 4) == 0 &&
			      g.buf[100] == 0x7e,
		      "DataLength the converted length (%d), 100 bytes of it, CCSID 1208", (int)g.len);
	}

	/* a DLH cannot be written in UTF-16: 2115, the message as it was */
	put_as(&m, sizeof m, 819, MQENC_NATIVE, MQFMT_DEAD_LETTER_HEADER);
	get_as(MQGMO_CONVERT, 1200, NORMAL, &g);
	EXPECT(g.cc, g.rc, MQCC_WARNING, MQRC_TARGET_CCSID_ERROR, "DLH to 1200: 2115");
	CHECK(g.len == (MQLONG)sizeof m && g.ccsid == 819 && g.enc == MQENC_NATIVE &&
		      memcmp(g.buf + 12, d.DestQName, 48) == 0 && memcmp(g.buf + 172, m.s, 6) == 0,
	      "returned as put (CCSID 819, native)");
	/* a damaged DLH: 2110, as it was */
	memcpy(m.d.StrucId, "DLX ", 4);
	put_as(&m, sizeof m, 819, MQENC_NATIVE, MQFMT_DEAD_LETTER_HEADER);
	get_as(MQGMO_CONVERT, 37, NORMAL, &g);
	EXPECT(g.cc, g.rc, MQCC_WARNING, MQRC_FORMAT_ERROR, "a DLH whose StrucId is not DLH: 2110");
	CHECK(g.len == (MQLONG)sizeof m && memcmp(g.buf, "DLX ", 4) == 0 && g.ccsid == 819, "returned as put");
	CHECK(mqt_depth(hc, "T.Q2") == 0, "each was got");
}

static void pcf_event(void)
{
	unsigned char m[256], *p = m;
	MQCFH h = { MQCFH_DEFAULT };
	h.Type = MQCFT_EVENT;
	h.Command = MQCMD_PERFM_EVENT;
	h.MsgSeqNumber = 1;
	h.Control = MQCFC_LAST;
	h.CompCode = MQCC_WARNING;
	h.Reason = MQRC_Q_DEPTH_HIGH;
	h.ParameterCount = 3;
	memcpy(p, &h, sizeof h);
	p += sizeof h;
	MQLONG in[4] = { MQCFT_INTEGER, 16, MQIA_HIGH_Q_DEPTH, 80 };
	memcpy(p, in, 16);
	p += 16;
	MQLONG st[5] = { MQCFT_STRING, 20 + 12, MQCA_BASE_Q_NAME, MQCCSI_DEFAULT, 10 };
	memcpy(p, st, 20);
	memcpy(p + 20, "Q.\xc9T\xc9  \0\0\0\0\0", 12);   /* "Q.ÉTÉ" blank-padded to 10, 2 NULs */
	p += 32;
	MQLONG il[6] = { MQCFT_INTEGER_LIST, 24, MQIACF_Q_ATTRS, 2, -1, 70000 };
	memcpy(p, il, 24);
	p += 24;
	MQLONG n = (MQLONG)(p - m);
	struct got g;
	put_as(m, n, 819, MQENC_NATIVE, MQFMT_EVENT);
	get_as(MQGMO_CONVERT, 37, NORMAL, &g);
	EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "a PCF event, 819 little-endian to 37 big-endian");
	const unsigned char *q = g.buf;
	CHECK(g.len == n && g.ccsid == 37 && g.enc == NORMAL, "MQMD: 37, NORMAL, the same length (%d)", (int)g.len);
	CHECK(be32(q) == MQCFT_EVENT && be32(q + 4) == 36 && be32(q + 8) == MQCFH_VERSION_1 &&
		      be32(q + 12) == MQCMD_PERFM_EVENT && be32(q + 16) == 1 && be32(q + 20) == MQCFC_LAST &&
		      be32(q + 24) == MQCC_WARNING && be32(q + 28) == MQRC_Q_DEPTH_HIGH && be32(q + 32) == 3,
	      "MQCFH: every field big-endian");
	q += 36;
	CHECK(be32(q) == MQCFT_INTEGER && be32(q + 4) == 16 && be32(q + 8) == MQIA_HIGH_Q_DEPTH && be32(q + 12) == 80,
	      "MQCFIN");
	q += 16;
	CHECK(be32(q) == MQCFT_STRING && be32(q + 4) == 32 && be32(q + 8) == MQCA_BASE_Q_NAME &&
		      be32(q + 12) == MQCCSI_DEFAULT && be32(q + 16) == 10,
	      "MQCFST: StrucLength 32, CodedCharSetId still MQCCSI_DEFAULT (the message's, now 37), StringLength 10");
	CHECK(is_ebc(q + 20, "Q.\xc9T\xc9  \0\0\0", 10, "IBM037") && q[30] == 0 && q[31] == 0,
	      "the string in 37 (its NULs too), the padding as it was");
	q += 32;
	CHECK(be32(q) == MQCFT_INTEGER_LIST && be32(q + 12) == 2 && (int32_t)be32(q + 16) == -1 && be32(q + 20) == 70000,
	      "MQCFIL: count and values big-endian");

	/* PCF has no fixed-width names: to UTF-16 it goes (the string doubles) */
	put_as(m, n, 819, MQENC_NATIVE, MQFMT_EVENT);
	get_as(MQGMO_CONVERT, 1200, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "the PCF event to 1200");
	MQLONG sl, len;
	memcpy(&sl, g.buf + 36 + 16 + 4, 4);
	memcpy(&len, g.buf + 36 + 16 + 16, 4);
	CHECK(g.len == n + 8 && sl == 20 + 20 && len == 20 && memcmp(g.buf + 36 + 16 + 20, "Q\0.\0\xc9\0T\0\xc9\0 \0", 12) == 0,
	      "StringLength 20, StrucLength 40, UTF-16LE (len %d)", (int)g.len);
	/* a parameter count that lies: 2110 */
	h.ParameterCount = 9;
	memcpy(m, &h, sizeof h);
	put_as(m, n, 819, MQENC_NATIVE, MQFMT_EVENT);
	get_as(MQGMO_CONVERT, 37, NORMAL, &g);
	EXPECT(g.cc, g.rc, MQCC_WARNING, MQRC_FORMAT_ERROR, "an MQCFH counting more parameters than there are: 2110");
	CHECK(g.len == n && memcmp(g.buf, m, (size_t)n) == 0 && g.ccsid == 819, "returned as put");
}

static void rfh2_string(void)
{
	unsigned char m[256];
	MQRFH2 r = { MQRFH2_DEFAULT };
	const char *folder = "<usr><colour>r\xc3\xa9""d</colour></usr> ";   /* 32 bytes, UTF-8 */
	r.StrucLength = MQRFH_STRUC_LENGTH_FIXED_2 + 4 + 32;
	r.Encoding = MQENC_NATIVE;
	r.CodedCharSetId = MQCCSI_INHERIT;
	memcpy(r.Format, MQFMT_STRING, 8);
	r.NameValueCCSID = 1208;
	memcpy(m, &r, sizeof r);
	MQLONG l = 32;
	memcpy(m + 36, &l, 4);
	memcpy(m + 40, folder, 32);
	memcpy(m + 72, "Gr\xfc\xdf", 4);
	MQLONG n = 76;
	struct got g;
	put_as(m, n, 819, MQENC_NATIVE, MQFMT_RF_HEADER_2);
	get_as(MQGMO_CONVERT, 37, NORMAL, &g);
	EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "MQRFH2 + string, 819 little-endian to 37 big-endian");
	const unsigned char *p = g.buf;
	CHECK(g.len == n && g.ccsid == 37 && g.enc == NORMAL, "MQMD: 37, NORMAL, length %d", (int)g.len);
	CHECK(is_ebc(p, "RFH ", 4, "IBM037") && be32(p + 4) == MQRFH_VERSION_2 && be32(p + 8) == 72,
	      "StrucId, Version 2, StrucLength 72");
	CHECK(be32(p + 12) == NORMAL && be32(p + 16) == 37 && is_ebc(p + 20, MQFMT_STRING, 8, "IBM037"),
	      "Encoding, CodedCharSetId (was MQCCSI_INHERIT) and Format of what follows");
	CHECK(be32(p + 28) == 0 && be32(p + 32) == 1208, "Flags, NameValueCCSID 1208");
	CHECK(be32(p + 36) == 32 && memcmp(p + 40, folder, 32) == 0,
	      "NameValueLength big-endian, NameValueData untouched (UTF-8, MQ's rule)");
	CHECK(is_ebc(p + 72, "Gr\xfc\xdf", 4, "IBM037"), "the string after it, in 37");
}

static void xcnvc(void)
{
	MQLONG cc, rc, len;
	char out[32];
	memset(out, '~', sizeof out);
	MQXCNVC(hc, MQDCC_NONE, 819, 5, (PMQCHAR) "Caf\xe9!", 37, sizeof out, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQXCNVC 819 to 37");
	CHECK(len == 5 && is_ebc((unsigned char *)out, "Caf\xe9!", 5, "IBM037") && out[5] == '~', "5 EBCDIC bytes");
	memset(out, '~', sizeof out);
	MQXCNVC(hc, MQDCC_FILL_TARGET_BUFFER, 1208, 6, (PMQCHAR) "Caf\xc3\xa9!", 500, 8, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQXCNVC FILL_TARGET_BUFFER: shrinks, blanks after");
	CHECK(len == 8 && is_ebc((unsigned char *)out, "Caf\xe9!   ", 8, "IBM500"), "DataLength 8, EBCDIC blanks");
	MQXCNVC(hc, MQDCC_FILL_TARGET_BUFFER, 819, 7, (PMQCHAR) "\xe9\xe9\xe9    ", 1208, 6, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "FILL_TARGET_BUFFER: grows into trailing blanks that go");
	CHECK(len == 6 && memcmp(out, "\xc3\xa9\xc3\xa9\xc3\xa9", 6) == 0, "three e-acutes in UTF-8");
	MQXCNVC(hc, MQDCC_FILL_TARGET_BUFFER, 819, 8, (PMQCHAR) "\xe9\xe9\xe9\0\xe9\xe9\xe9\xe9", 1208, 7, out, &len,
		&cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "FILL_TARGET_BUFFER: what follows a NUL goes");
	CHECK(len == 7 && memcmp(out, "\xc3\xa9\xc3\xa9\xc3\xa9\0", 7) == 0, "three e-acutes and the NUL");
	MQXCNVC(hc, MQDCC_FILL_TARGET_BUFFER, 819, 4, (PMQCHAR) "\xe9\xe9\xe9x", 1208, 5, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_CONVERTED_MSG_TOO_BIG, "FILL_TARGET_BUFFER with nothing to drop: 2120");
	CHECK(len == 5 && memcmp(out, "\xc3\xa9\xc3\xa9 ", 5) == 0, "two whole characters, a blank after them");
	MQXCNVC(hc, MQDCC_NONE, 819, 3, (PMQCHAR) "\xe9\xe9\xe9", 1208, 5, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_CONVERTED_MSG_TOO_BIG, "too big for the target: 2120");
	CHECK(len == 4 && memcmp(out, "\xc3\xa9\xc3\xa9", 4) == 0, "the whole characters that fit (4 of 5 bytes)");
	MQXCNVC(hc, MQDCC_SOURCE_ENC_NORMAL | MQDCC_TARGET_ENC_REVERSED, 1200, 4, (PMQCHAR) "\0A\0B", 1200, 4, out, &len,
		&cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "UTF-16 big-endian to little-endian");
	CHECK(len == 4 && memcmp(out, "A\0B\0", 4) == 0, "swapped");
	MQXCNVC(hc, MQDCC_TARGET_ENC_NORMAL, 1200, 2, (PMQCHAR) "A\0", 819, 4, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SOURCE_INTEGER_ENC_ERROR, "UTF-16 with no source encoding: 2112");
	MQXCNVC(hc, MQDCC_SOURCE_ENC_NORMAL, 1200, 3, (PMQCHAR) "\0A\0", 819, 4, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SOURCE_LENGTH_ERROR, "an odd UTF-16 length: 2143");
	MQXCNVC(hc, MQDCC_FILL_TARGET_BUFFER | MQDCC_TARGET_ENC_NORMAL, 819, 1, (PMQCHAR) "A", 1200, 3, out, &len, &cc,
		&rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_TARGET_LENGTH_ERROR, "FILL_TARGET_BUFFER, UTF-16, odd TargetLength: 2144");
	MQXCNVC(hc, 0x1000, 819, 1, (PMQCHAR) "A", 37, 4, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPTIONS_ERROR, "an unknown option: 2046");
	MQXCNVC(hc, 0, 9999, 1, (PMQCHAR) "A", 37, 4, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SOURCE_CCSID_ERROR, "an unknown source CCSID: 2111");
	MQXCNVC(hc, 0, 819, 1, (PMQCHAR) "A", 9999, 4, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_TARGET_CCSID_ERROR, "an unknown target CCSID: 2115");
	MQXCNVC(hc, 0, 1208, 2, (PMQCHAR) "\xc3(", 819, 4, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_DBCS_ERROR, "UTF-8 that is not: 2150");
	MQXCNVC(hc, 0, 1208, 3, (PMQCHAR) "\xe2\x82\xac", 819, 4, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NOT_CONVERTED, "a euro sign to Latin-1: 2119");
	MQXCNVC(hc, 0, 819, -1, (PMQCHAR) "A", 37, 4, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SOURCE_LENGTH_ERROR, "SourceLength -1: 2143");
	MQXCNVC(hc, 0, 819, 1, (PMQCHAR) "A", 37, -1, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_TARGET_LENGTH_ERROR, "TargetLength -1: 2144");
	MQXCNVC(hc, 0, 819, 1, NULL, 37, 4, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SOURCE_BUFFER_ERROR, "no source buffer: 2145");
	MQXCNVC(hc, 0, 819, 1, (PMQCHAR) "A", 37, 4, NULL, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_TARGET_BUFFER_ERROR, "no target buffer: 2146");
	MQXCNVC(hc, 0, 819, 1, (PMQCHAR) "A", 37, 4, out, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_DATA_LENGTH_ERROR, "no DataLength: 2010");
	MQXCNVC(hc + 77, 0, 819, 1, (PMQCHAR) "A", 37, 4, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HCONN_ERROR, "a handle never given: 2018");
	MQXCNVC(hc, 0, 943, 3, (PMQCHAR) "A\x83\x41", 930, 16, out, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "Shift-JIS (943) to EBCDIC Japanese (930)");
	CHECK(len == 5 && (unsigned char)out[1] == 0x0e && (unsigned char)out[4] == 0x0f,
	      "A, then the katakana between shift-out and shift-in (%d bytes)", (int)len);
}

int main(int argc, char **argv)
{
	MQLONG cc, rc;
	struct got g;
	if (argc != 2) {
		fprintf(stderr, "usage: mqi_convert_hdr QMGR\n");
		return 2;
	}
	hc = mqt_conn(argv[1], 0);
	CHECK(hc != MQHC_UNUSABLE_HCONN, "connected to %s", argv[1]);
	CHECK(mqt_open(hc, "T.Q2", MQOO_INPUT_SHARED | MQOO_OUTPUT, &hq) == MQRC_NONE, "open T.Q2");
	do
		get_as(MQGMO_ACCEPT_TRUNCATED_MSG, MQCCSI_Q_MGR, MQENC_NATIVE, &g);
	while (g.cc != MQCC_FAILED);
	dlh_string();
	pcf_event();
	rfh2_string();
	xcnvc();
	mqt_close(hc, &hq);
	MQDISC(&hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQDISC");
	return mqt_done();
}
