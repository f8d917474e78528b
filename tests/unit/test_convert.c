/*
 * test_convert.c: MQGMO_CONVERT's conversion of MQ's own formats
 * (qm/server/convert_hdr.c) and the CCSID table (qm/ccsid.c).
 *
 * Each header format, built with cmqc.h's structures in Latin-1 (819) and
 * the native (little-endian) encoding, is converted to EBCDIC (37, 500 or
 * 1047) and big-endian integers; the fields are read back from the bytes,
 * and the result converted back must be the original, byte for byte.  Then
 * each failure: its reason, and nothing returned.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cmqc.h"
#include "cmqcfc.h"
#include "qm/ccsid.h"
#include "qm/server/convert.h"
#include "qm/server/convert_hdr.h"

#define NORMAL (MQENC_INTEGER_NORMAL | MQENC_DECIMAL_NORMAL | MQENC_FLOAT_IEEE_NORMAL)
#define QM 819

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* s in EBCDIC 37 (the characters used here are the same in 500 and 1047) */
static void ebc(const char *s, size_t n, uint8_t *out)
{
	void *o;
	uint32_t ol, full;
	assert_int_equal(conv_string(819, MQENC_NATIVE, 37, MQENC_NATIVE, s, (uint32_t)n, (uint32_t)n, &o, &ol, &full),
			 MQRC_NONE);
	assert_int_equal(ol, n);
	memcpy(out, o, n);
	free(o);
}

static void assert_ebc(const void *got, const char *want, size_t n)
{
	uint8_t e[512];
	ebc(want, n, e);
	assert_memory_equal(got, e, n);
}

static void fill(MQCHAR *f, size_t n, const char *s)
{
	memset(f, ' ', n);
	memcpy(f, s, strlen(s) < n ? strlen(s) : n);
}

/* Convert msg (fmt, 819, native) to (to, NORMAL), check it comes back the
 * same converted to (819, native); the converted bytes in *out. */
static void round_trip(const char *fmt, const void *msg, uint32_t n, MQLONG to, struct conv_msg *out)
{
	assert_int_equal(conv_message(fmt, 819, MQENC_NATIVE, msg, n, to, NORMAL, QM, out), MQRC_NONE);
	assert_int_equal(out->ccsid, to);
	assert_int_equal(out->encoding, NORMAL);
	struct conv_msg back, fixed;
	assert_int_equal(conv_message(fmt, to, NORMAL, out->data, out->len, 819, MQENC_NATIVE, QM, &back), MQRC_NONE);
	assert_int_equal(back.len, n);
	/* the same, but for each MQCCSI_INHERIT: the CCSID it stood for */
	if (conv_inherit(fmt, 819, MQENC_NATIVE, msg, n, QM, &fixed)) {
		assert_memory_equal(back.data, fixed.data, n);
		free(fixed.data);
	} else {
		assert_memory_equal(back.data, msg, n);
	}
	free(back.data);
}

static void test_convert__ccsid_table(void **state)
{
	(void)state;
	const MQLONG known[] = { 1208, 819, 1200, 13488, 17584, 37, 500, 273, 437, 850, 1047, 1051, 5488, 954, 943, 1386,
				 932, 930, 939, 1399, 1252, 923, 950, 970 };
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		const char *n = ccsid_iconv_name(known[i], MQENC_NATIVE);
		assert_non_null(n);
		void *o;
		uint32_t ol, full;
		/* every name in the table is one this glibc's iconv opens */
		assert_int_equal(conv_string(1208, MQENC_NATIVE, known[i], MQENC_NATIVE, "AB", 2, 64, &o, &ol, &full),
				 MQRC_NONE);
		assert_true(ol >= 2);
		free(o);
	}
	assert_null(ccsid_iconv_name(9999, MQENC_NATIVE));
	assert_string_equal(ccsid_iconv_name(1200, MQENC_INTEGER_NORMAL), "UTF-16BE");
	assert_string_equal(ccsid_iconv_name(1200, MQENC_INTEGER_REVERSED), "UTF-16LE");
	unsigned char b[2];
	assert_int_equal(ccsid_blank(37, MQENC_NATIVE, b), 1);
	assert_int_equal(b[0], 0x40);
	assert_int_equal(ccsid_blank(1208, MQENC_NATIVE, b), 1);
	assert_int_equal(b[0], 0x20);
	assert_int_equal(ccsid_blank(1200, MQENC_INTEGER_NORMAL, b), 2);
	assert_int_equal(b[0] == 0 && b[1] == 0x20, 1);
	/* a Shift-JIS katakana to EBCDIC Japanese and back */
	void *o, *o2;
	uint32_t ol, ol2, full;
	assert_int_equal(conv_string(943, 0, 930, 0, "A\x83\x41", 3, 64, &o, &ol, &full), MQRC_NONE);
	assert_int_equal(conv_string(930, 0, 943, 0, o, ol, 64, &o2, &ol2, &full), MQRC_NONE);
	assert_int_equal(ol2, 3);
	assert_memory_equal(o2, "A\x83\x41", 3);
	free(o);
	free(o2);
}

static void test_convert__builtin(void **state)
{
	(void)state;
	assert_true(conv_builtin(MQFMT_DEAD_LETTER_HEADER));
	assert_true(conv_builtin(MQFMT_XMIT_Q_HEADER));
	assert_true(conv_builtin(MQFMT_RF_HEADER_2));
	assert_true(conv_builtin(MQFMT_PCF));
	assert_true(conv_builtin(MQFMT_EVENT));
	assert_true(conv_builtin(MQFMT_ADMIN));
	assert_true(conv_builtin(MQFMT_TRIGGER));
	assert_true(conv_builtin(MQFMT_IMS_VAR_STRING));
	assert_false(conv_builtin(MQFMT_NONE));
	assert_false(conv_builtin("MYFMT   "));
}

/* MQDLH + MQFMT_STRING in 819 to EBCDIC 37, big-endian */
static void test_convert__dlh(void **state)
{
	(void)state;
	struct {
		MQDLH d;
		char s[5];
	} m;
	MQDLH d = { MQDLH_DEFAULT };
	d.Reason = MQRC_Q_FULL;
	fill(d.DestQName, 48, "APP.Q");
	fill(d.DestQMgrName, 48, "QM1");
	d.Encoding = MQENC_NATIVE;
	d.CodedCharSetId = MQCCSI_INHERIT;
	memcpy(d.Format, MQFMT_STRING, 8);
	d.PutApplType = MQAT_UNIX;
	fill(d.PutApplName, 28, "amqsput");
	memcpy(d.PutDate, "20261206", 8);
	memcpy(d.PutTime, "16300000", 8);
	m.d = d;
	memcpy(m.s, "H\xe9llo", 5);
	struct conv_msg c;
	round_trip(MQFMT_DEAD_LETTER_HEADER, &m, sizeof m, 37, &c);
	const uint8_t *p = c.data;
	assert_int_equal(c.len, sizeof m);
	assert_ebc(p, "DLH ", 4);
	assert_int_equal(be32(p + 4), 1);
	assert_int_equal(be32(p + 8), MQRC_Q_FULL);
	assert_ebc(p + 12, d.DestQName, 48);
	assert_ebc(p + 60, d.DestQMgrName, 48);
	assert_int_equal(be32(p + 108), NORMAL);   /* the data after it: converted */
	assert_int_equal(be32(p + 112), 37);
	assert_ebc(p + 116, MQFMT_STRING, 8);
	assert_int_equal(be32(p + 124), MQAT_UNIX);
	assert_ebc(p + 128, d.PutApplName, 28);
	assert_ebc(p + 156, "2026120616300000", 16);
	assert_memory_equal(p + 172, "\xc8\x51\x93\x93\x96", 5);   /* H e-acute l l o in 37 */
	free(c.data);

	/* MQFMT_NONE after it: the header converted, the data as it is, and the
	 * header says its CCSID (the INHERIT replaced) and Encoding */
	memcpy(m.d.Format, MQFMT_NONE, 8);
	assert_int_equal(conv_message(MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 500, NORMAL, QM, &c),
			 MQRC_NONE);
	p = c.data;
	assert_int_equal(be32(p + 108), MQENC_NATIVE);
	assert_int_equal(be32(p + 112), 819);
	assert_memory_equal(p + 172, "H\xe9llo", 5);
	free(c.data);

	/* CodedCharSetId 0: the data is in the queue manager's CCSID */
	memcpy(m.d.Format, MQFMT_STRING, 8);
	m.d.CodedCharSetId = 0;
	assert_int_equal(conv_message(MQFMT_DEAD_LETTER_HEADER, 1208, MQENC_NATIVE, &m, sizeof m, 1047, NORMAL, QM, &c),
			 MQRC_NONE);
	assert_memory_equal((uint8_t *)c.data + 172, "\xc8\x51\x93\x93\x96", 5);
	free(c.data);
}

/* A header in a mixed single/double-byte EBCDIC set (930, Japanese) and in
 * Shift-JIS (943): its ASCII names stay one byte each, the string after it
 * carries the katakana with its shifts */
static void test_convert__dbcs(void **state)
{
	(void)state;
	struct {
		MQDLH d;
		char s[4];
	} m;
	memset(&m, 0, sizeof m);
	MQDLH d = { MQDLH_DEFAULT };
	d.Encoding = MQENC_NATIVE;
	d.CodedCharSetId = 943;
	memcpy(d.Format, MQFMT_STRING, 8);
	fill(d.DestQName, 48, "APP.Q");
	m.d = d;
	memcpy(m.s, "A\x83\x41", 3);   /* A, katakana A in Shift-JIS; then a NUL */
	struct conv_msg c;
	assert_int_equal(conv_message(MQFMT_DEAD_LETTER_HEADER, 943, MQENC_NATIVE, &m, sizeof m, 930, NORMAL, QM, &c),
			 MQRC_NONE);
	const uint8_t *p = c.data;
	assert_int_equal(be32(p + 112), 930);
	assert_int_equal(p[0], 0xc4);   /* D in EBCDIC */
	assert_int_equal(c.len, sizeof m + 2);   /* shift-out and shift-in around the katakana */
	assert_int_equal(p[172], 0xc1);
	assert_int_equal(p[173], 0x0e);
	assert_int_equal(p[176], 0x0f);
	struct conv_msg b;
	assert_int_equal(conv_message(MQFMT_DEAD_LETTER_HEADER, 930, NORMAL, c.data, c.len, 943, MQENC_NATIVE, QM, &b),
			 MQRC_NONE);
	assert_int_equal(b.len, sizeof m);
	assert_memory_equal(b.data, &m, sizeof m);
	free(b.data);
	free(c.data);
}

/* Without CONVERT: MQCCSI_INHERIT replaced, nothing else changed */
static void test_convert__inherit_on_plain_get(void **state)
{
	(void)state;
	struct {
		MQDLH d;
		MQRFH r;
		char s[3];
	} m;
	MQDLH d = { MQDLH_DEFAULT };
	MQRFH r = { MQRFH_DEFAULT };
	d.CodedCharSetId = MQCCSI_INHERIT;
	d.Encoding = MQENC_NATIVE;
	memcpy(d.Format, MQFMT_RF_HEADER_1, 8);
	r.CodedCharSetId = 850;
	memcpy(r.Format, MQFMT_STRING, 8);
	m.d = d;
	m.r = r;
	memcpy(m.s, "abc", 3);
	struct conv_msg c;
	assert_int_equal(conv_inherit(MQFMT_DEAD_LETTER_HEADER, 1208, MQENC_NATIVE, &m, sizeof m, QM, &c), 1);
	assert_int_equal(c.len, sizeof m);
	MQDLH *od = c.data;
	assert_int_equal(od->CodedCharSetId, 1208);
	assert_memory_equal((uint8_t *)c.data + sizeof(MQDLH), &m.r, sizeof m.r + 3);
	free(c.data);
	m.d.CodedCharSetId = 1208;
	assert_int_equal(conv_inherit(MQFMT_DEAD_LETTER_HEADER, 1208, MQENC_NATIVE, &m, sizeof m, QM, &c), 0);
	assert_null(c.data);
	assert_int_equal(conv_inherit(MQFMT_STRING, 1208, MQENC_NATIVE, "abc", 3, QM, &c), 0);
}

/* MQXQH with its MQMD, then MQMDE, then MQWIH, then MQCIH v2, then MQIIH */
static void test_convert__xqh_mde_wih_cih_iih(void **state)
{
	(void)state;
	struct {
		MQXQH x;
		MQMDE e;
		MQWIH w;
		MQCIH c;
		MQIIH i;
		char s[4];
	} m;
	MQXQH x = { MQXQH_DEFAULT };
	fill(x.RemoteQName, 48, "REMOTE.Q");
	fill(x.RemoteQMgrName, 48, "QM2");
	x.MsgDesc.Encoding = MQENC_NATIVE;
	x.MsgDesc.CodedCharSetId = 819;
	x.MsgDesc.Expiry = 1234;
	memcpy(x.MsgDesc.Format, MQFMT_MD_EXTENSION, 8);
	memset(x.MsgDesc.MsgId, 0xA5, 24);
	fill(x.MsgDesc.ReplyToQ, 48, "REPLY");
	MQMDE e = { MQMDE_DEFAULT };
	e.Encoding = MQENC_NATIVE;
	e.CodedCharSetId = MQCCSI_INHERIT;
	memcpy(e.Format, MQFMT_WORK_INFO_HEADER, 8);
	e.MsgSeqNumber = 7;
	memset(e.GroupId, 0x11, 24);
	MQWIH w = { MQWIH_DEFAULT };
	w.Encoding = MQENC_NATIVE;
	w.CodedCharSetId = 819;
	memcpy(w.Format, MQFMT_CICS, 8);
	fill(w.ServiceName, 32, "SVC");
	MQCIH c = { MQCIH_DEFAULT };
	c.Encoding = MQENC_NATIVE;
	c.CodedCharSetId = 819;
	memcpy(c.Format, MQFMT_IMS, 8);
	c.GetWaitInterval = 5000;
	memcpy(c.TransactionId, "TRN1", 4);
	c.InputItem = 3;
	MQIIH ii = { MQIIH_DEFAULT };
	ii.Encoding = MQENC_NATIVE;
	ii.CodedCharSetId = 819;
	memcpy(ii.Format, MQFMT_STRING, 8);
	fill(ii.LTermOverride, 8, "LTERM");
	m.x = x;
	m.e = e;
	m.w = w;
	m.c = c;
	m.i = ii;
	memcpy(m.s, "DATA", 4);
	struct conv_msg cm;
	round_trip(MQFMT_XMIT_Q_HEADER, &m, sizeof m, 37, &cm);
	const uint8_t *p = cm.data;
	assert_ebc(p, "XQH ", 4);
	assert_ebc(p + 8, x.RemoteQName, 48);
	const uint8_t *md = p + 104;
	assert_ebc(md, "MD  ", 4);
	assert_int_equal(be32(md + 16), 1234);
	assert_int_equal(be32(md + 24), NORMAL);
	assert_int_equal(be32(md + 28), 37);
	assert_ebc(md + 32, MQFMT_MD_EXTENSION, 8);
	assert_memory_equal(md + 48, x.MsgDesc.MsgId, 24);   /* bytes: as they were */
	const uint8_t *pe = p + sizeof(MQXQH);
	assert_ebc(pe, "MDE ", 4);
	assert_int_equal(be32(pe + 8), MQMDE_LENGTH_2);
	assert_int_equal(be32(pe + 16), 37);
	assert_int_equal(be32(pe + 56), 7);
	const uint8_t *pw = pe + sizeof(MQMDE);
	assert_ebc(pw + 32, w.ServiceName, 32);
	const uint8_t *pc = pw + sizeof(MQWIH);
	assert_ebc(pc, "CIH ", 4);
	assert_int_equal(be32(pc + 4), 2);
	assert_int_equal(be32(pc + 48), 5000);
	assert_ebc(pc + 124, "TRN1", 4);
	assert_int_equal(be32(pc + 172), 3);
	const uint8_t *pi = pc + sizeof(MQCIH);
	assert_ebc(pi + 32, ii.LTermOverride, 8);
	assert_ebc(pi + sizeof(MQIIH), "DATA", 4);
	free(cm.data);
}

/* MQRFH2 with a UTF-16 folder and an MQRFH, to big-endian: the folders'
 * lengths swapped, UTF-16 swapped, UTF-8 untouched */
static void test_convert__rfh2_rfh(void **state)
{
	(void)state;
	uint8_t m[256];
	size_t n = 0;
	MQRFH2 r2 = { MQRFH2_DEFAULT };
	r2.StrucLength = MQRFH_STRUC_LENGTH_FIXED_2 + 4 + 8 + 4 + 4;
	r2.Encoding = MQENC_NATIVE;
	r2.CodedCharSetId = MQCCSI_INHERIT;
	memcpy(r2.Format, MQFMT_RF_HEADER_2, 8);
	r2.NameValueCCSID = 1200;
	memcpy(m, &r2, sizeof r2);
	n = sizeof r2;
	int32_t l = 8;
	memcpy(m + n, &l, 4);
	memcpy(m + n + 4, "<\0a\0>\0 \0", 8);   /* UTF-16LE */
	l = 4;
	memcpy(m + n + 12, &l, 4);
	memcpy(m + n + 16, "\0\0\0\0", 4);
	n += 20;
	MQRFH2 r3 = { MQRFH2_DEFAULT };
	r3.StrucLength = MQRFH_STRUC_LENGTH_FIXED_2 + 4 + 8;
	r3.Encoding = MQENC_NATIVE;
	r3.CodedCharSetId = 819;
	memcpy(r3.Format, MQFMT_RF_HEADER_1, 8);
	memcpy(m + n, &r3, sizeof r3);
	n += sizeof r3;
	l = 8;
	memcpy(m + n, &l, 4);
	memcpy(m + n + 4, "<b>\xc3\xa9</b", 8);   /* UTF-8: not converted */
	n += 12;
	MQRFH r = { MQRFH_DEFAULT };
	r.StrucLength = MQRFH_STRUC_LENGTH_FIXED + 8;
	r.Encoding = MQENC_NATIVE;
	r.CodedCharSetId = 819;
	memcpy(r.Format, MQFMT_STRING, 8);
	memcpy(m + n, &r, sizeof r);
	memcpy(m + n + sizeof r, "a=\xe9 b=c", 8);
	n += sizeof r + 8;
	memcpy(m + n, "xyz", 3);
	n += 3;
	struct conv_msg c;
	round_trip(MQFMT_RF_HEADER_2, m, (uint32_t)n, 1047, &c);
	const uint8_t *p = c.data;
	assert_int_equal(c.len, n);
	assert_ebc(p, "RFH ", 4);
	assert_int_equal(be32(p + 4), 2);
	assert_int_equal(be32(p + 8), r2.StrucLength);
	assert_int_equal(be32(p + 32), 1200);
	assert_int_equal(be32(p + 36), 8);
	assert_memory_equal(p + 40, "\0<\0a\0>\0 ", 8);
	assert_int_equal(be32(p + 48), 4);
	const uint8_t *q = p + sizeof r2 + 20;
	assert_int_equal(be32(q + 36), 8);
	assert_memory_equal(q + 40, "<b>\xc3\xa9</b", 8);
	const uint8_t *pr = q + sizeof r3 + 12;
	assert_ebc(pr, "RFH ", 4);
	assert_int_equal(be32(pr + 8), MQRFH_STRUC_LENGTH_FIXED + 8);
	assert_memory_equal(pr + 32, "\x81\x7e\x51\x40\x82\x7e\x83\x00", 8);   /* a=e-acute b=c NUL in 1047 */
	assert_ebc(pr + 40, "xyz", 3);
	free(c.data);

	/* to UTF-8, the NameValueString grows: StrucLength rounded up to 4 */
	assert_int_equal(conv_message(MQFMT_RF_HEADER_2, 819, MQENC_NATIVE, m, (uint32_t)n, 1208, MQENC_NATIVE, QM, &c),
			 MQRC_NONE);
	assert_int_equal(c.len, n + 4);
	pr = (const uint8_t *)c.data + (pr - p);
	MQLONG sl;
	memcpy(&sl, pr + 8, 4);
	assert_int_equal(sl, MQRFH_STRUC_LENGTH_FIXED + 12);
	assert_memory_equal(pr + 32, "a=\xc3\xa9 b=c\0   ", 12);
	free(c.data);

	/* a NameValueCCSID MQ does not allow, when the header needs converting */
	MQLONG bad = 819;
	memcpy(m + 32, &bad, 4);
	assert_int_equal(conv_message(MQFMT_RF_HEADER_2, 819, MQENC_NATIVE, m, (uint32_t)n, 37, NORMAL, QM, &c),
			 MQRC_SOURCE_CCSID_ERROR);
	assert_null(c.data);
}

/* MQDH with two MQOR and two MQPMR (MsgId and Feedback) */
static void test_convert__dh(void **state)
{
	(void)state;
	uint8_t m[400];
	MQDH dh = { MQDH_DEFAULT };
	dh.Encoding = MQENC_NATIVE;
	dh.CodedCharSetId = 819;
	memcpy(dh.Format, MQFMT_STRING, 8);
	dh.PutMsgRecFields = MQPMRF_MSG_ID | MQPMRF_FEEDBACK;
	dh.RecsPresent = 2;
	dh.ObjectRecOffset = sizeof dh;
	dh.PutMsgRecOffset = sizeof dh + 2 * 96;
	dh.StrucLength = sizeof dh + 2 * 96 + 2 * 28;
	memcpy(m, &dh, sizeof dh);
	for (int i = 0; i < 2; i++) {
		MQOR o;
		fill(o.ObjectName, 48, i ? "Q.TWO" : "Q.ONE");
		fill(o.ObjectQMgrName, 48, "QM1");
		memcpy(m + sizeof dh + i * 96, &o, 96);
		memset(m + dh.PutMsgRecOffset + i * 28, 0x30 + i, 24);
		MQLONG fb = 300 + i;
		memcpy(m + dh.PutMsgRecOffset + i * 28 + 24, &fb, 4);
	}
	memcpy(m + dh.StrucLength, "msg", 3);
	uint32_t n = (uint32_t)dh.StrucLength + 3;
	struct conv_msg c;
	round_trip(MQFMT_DIST_HEADER, m, n, 37, &c);
	const uint8_t *p = c.data;
	assert_int_equal(be32(p + 36), 2);
	assert_ebc(p + 48, "Q.ONE", 5);
	assert_ebc(p + 48 + 96, "Q.TWO", 5);
	assert_ebc(p + 48 + 96 + 48, "QM1 ", 4);
	assert_memory_equal(p + dh.PutMsgRecOffset, m + dh.PutMsgRecOffset, 24);
	assert_int_equal(be32(p + dh.PutMsgRecOffset + 24), 300);
	assert_int_equal(be32(p + dh.PutMsgRecOffset + 28 + 24), 301);
	assert_ebc(p + dh.StrucLength, "msg", 3);
	free(c.data);
	/* a record outside StrucLength */
	MQLONG off = dh.StrucLength;
	memcpy(m + 40, &off, 4);
	assert_int_equal(conv_message(MQFMT_DIST_HEADER, 819, MQENC_NATIVE, m, n, 37, NORMAL, QM, &c), MQRC_FORMAT_ERROR);
}

/* MQRMH: its strings at their offsets */
static void test_convert__rmh(void **state)
{
	(void)state;
	uint8_t m[200];
	MQRMH r = { MQRMH_DEFAULT };
	r.Encoding = MQENC_NATIVE;
	r.CodedCharSetId = 819;
	memcpy(r.Format, MQFMT_NONE, 8);
	r.SrcNameLength = 6;
	r.SrcNameOffset = sizeof r;
	r.DestNameLength = 5;
	r.DestNameOffset = sizeof r + 8;
	r.StrucLength = sizeof r + 16;
	memcpy(m, &r, sizeof r);
	memcpy(m + sizeof r, "f\xe9le.a  dest.    ", 16);
	struct conv_msg c;
	round_trip(MQFMT_REF_MSG_HEADER, m, (uint32_t)r.StrucLength, 37, &c);
	assert_ebc((uint8_t *)c.data + sizeof r + 8, "dest.", 5);
	assert_int_equal(be32((uint8_t *)c.data + 72), 6);
	free(c.data);
	/* to UTF-8 the e-acute needs 2 bytes where there is 1: 2190 */
	assert_int_equal(conv_message(MQFMT_REF_MSG_HEADER, 819, MQENC_NATIVE, m, (uint32_t)r.StrucLength, 1208,
				      MQENC_NATIVE, QM, &c),
			 MQRC_CONVERTED_STRING_TOO_BIG);
}

/* PCF: an event with MQCFIN, MQCFST (UTF-8 to 37), MQCFSL, MQCFIL,
 * MQCFIN64, MQCFBS, MQCFGR holding an MQCFST */
static uint8_t *pcf_put(uint8_t *p, const void *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

static void test_convert__pcf(void **state)
{
	(void)state;
	uint8_t m[1024], *p = m;
	MQCFH h = { MQCFH_DEFAULT };
	h.Type = MQCFT_EVENT;
	h.Command = MQCMD_PERFM_EVENT;
	h.Reason = MQRC_Q_DEPTH_HIGH;
	h.ParameterCount = 7;
	p = pcf_put(p, &h, sizeof h);
	MQLONG in[4] = { MQCFT_INTEGER, 16, MQIA_HIGH_Q_DEPTH, 80 };
	p = pcf_put(p, in, 16);
	MQLONG st[5] = { MQCFT_STRING, 28, MQCA_Q_NAME, 0, 6 };
	p = pcf_put(p, st, 20);
	p = pcf_put(p, "Q\xc3\xa9.ABC", 8);   /* 6 bytes in 1208: "Qé.A" (5 chars), padded */
	MQLONG sl[6] = { MQCFT_STRING_LIST, 32, MQCACF_Q_NAMES, 819, 2, 4 };
	p = pcf_put(p, sl, 24);
	p = pcf_put(p, "AB  CD  ", 8);
	MQLONG il[6] = { MQCFT_INTEGER_LIST, 24, MQIACF_Q_ATTRS, 2, 11, -12 };
	p = pcf_put(p, il, 24);
	struct {
		MQLONG t, l, par, res;
		MQINT64 v;
	} i64 = { MQCFT_INTEGER64, 24, MQIAMO64_BROWSE_BYTES, 0, 0x0102030405060708LL };
	p = pcf_put(p, &i64, 24);
	MQLONG bs[4] = { MQCFT_BYTE_STRING, 20, MQBACF_CONNECTION_ID, 3 };
	p = pcf_put(p, bs, 16);
	p = pcf_put(p, "\x01\x02\x03\x00", 4);
	MQLONG gr[4] = { MQCFT_GROUP, 16, MQGACF_Q_STATISTICS_DATA, 1 };
	p = pcf_put(p, gr, 16);
	MQLONG st2[5] = { MQCFT_STRING, 24, MQCA_Q_MGR_NAME, 1208, 3 };
	p = pcf_put(p, st2, 20);
	p = pcf_put(p, "QM1 ", 4);
	uint32_t n = (uint32_t)(p - m);
	struct conv_msg c;
	assert_int_equal(conv_message(MQFMT_EVENT, 1208, MQENC_NATIVE, m, n, 37, NORMAL, QM, &c), MQRC_NONE);
	const uint8_t *q = c.data;
	assert_int_equal(be32(q), MQCFT_EVENT);
	assert_int_equal(be32(q + 12), MQCMD_PERFM_EVENT);
	assert_int_equal(be32(q + 28), MQRC_Q_DEPTH_HIGH);
	assert_int_equal(be32(q + 32), 7);
	q += 36;
	assert_int_equal(be32(q + 8), MQIA_HIGH_Q_DEPTH);
	assert_int_equal(be32(q + 12), 80);
	q += 16;
	/* "Qé.A" plus "BC": 6 bytes became 5 in EBCDIC: StrucLength 20 + 8 */
	assert_int_equal(be32(q + 4), 28);
	assert_int_equal(be32(q + 12), 0);   /* MQCCSI_DEFAULT stays: the message's, now 37 */
	assert_int_equal(be32(q + 16), 5);
	assert_memory_equal(q + 20, "\xd8\x51\x4b\xc1\xc2", 5);
	q += 28;
	assert_int_equal(be32(q + 12), 37);
	assert_int_equal(be32(q + 16), 2);
	assert_int_equal(be32(q + 20), 4);
	assert_ebc(q + 24, "AB  CD  ", 8);
	q += 32;
	assert_int_equal(be32(q + 16), 11);
	assert_int_equal((int32_t)be32(q + 20), -12);
	q += 24;
	assert_memory_equal(q + 16, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	q += 24;
	assert_int_equal(be32(q + 12), 3);
	assert_memory_equal(q + 16, "\x01\x02\x03", 3);
	q += 20;
	assert_int_equal(be32(q), MQCFT_GROUP);
	assert_int_equal(be32(q + 12), 1);
	q += 16;
	assert_int_equal(be32(q + 12), 37);
	assert_ebc(q + 20, "QM1", 3);
	assert_int_equal((size_t)(q + 24 - (const uint8_t *)c.data), c.len);
	/* and back: the same strings, in 1208 */
	struct conv_msg b;
	assert_int_equal(conv_message(MQFMT_EVENT, 37, NORMAL, c.data, c.len, 1208, MQENC_NATIVE, QM, &b), MQRC_NONE);
	assert_int_equal(b.len, c.len);   /* the e-acute is two bytes again: 6, padded to 8 as 5 was */
	assert_int_equal(*(MQLONG *)((uint8_t *)b.data + 36 + 16 + 16), 6);
	assert_memory_equal((uint8_t *)b.data + 36 + 16 + 20, "Q\xc3\xa9.AB", 6);
	free(b.data);
	free(c.data);

	/* a parameter count larger than the structures there are */
	MQLONG cnt = 8;
	memcpy(m + 32, &cnt, 4);
	assert_int_equal(conv_message(MQFMT_EVENT, 1208, MQENC_NATIVE, m, n, 37, NORMAL, QM, &c), MQRC_FORMAT_ERROR);
	cnt = 6;   /* fewer: bytes left over */
	memcpy(m + 32, &cnt, 4);
	assert_int_equal(conv_message(MQFMT_EVENT, 1208, MQENC_NATIVE, m, n, 37, NORMAL, QM, &c), MQRC_FORMAT_ERROR);
	cnt = 7;
	memcpy(m + 32, &cnt, 4);
	MQLONG lie = 4000;   /* MQCFST StringLength beyond its StrucLength */
	memcpy(m + 36 + 16 + 16, &lie, 4);
	assert_int_equal(conv_message(MQFMT_EVENT, 1208, MQENC_NATIVE, m, n, 37, NORMAL, QM, &c), MQRC_FORMAT_ERROR);
}

/* MQTM and IMS variable strings */
static void test_convert__tm_imsvs(void **state)
{
	(void)state;
	MQTM t = { MQTM_DEFAULT };
	fill(t.QName, 48, "APP.Q");
	fill(t.ProcessName, 48, "PROC");
	fill(t.ApplId, 256, "/bin/true");
	t.ApplType = MQAT_UNIX;
	struct conv_msg c;
	round_trip(MQFMT_TRIGGER, &t, sizeof t, 500, &c);
	assert_ebc(c.data, "TM  ", 4);
	assert_int_equal(be32((uint8_t *)c.data + 168), MQAT_UNIX);
	assert_ebc((uint8_t *)c.data + 172, t.ApplId, 256);
	free(c.data);
	assert_int_equal(conv_message(MQFMT_TRIGGER, 819, MQENC_NATIVE, &t, sizeof t - 1, 500, NORMAL, QM, &c),
			 MQRC_FORMAT_ERROR);

	uint8_t v[] = { 7, 0, 0, 0, 'a', 'b', 'c', 5, 0, 1, 0, 'z' };
	round_trip(MQFMT_IMS_VAR_STRING, v, sizeof v, 37, &c);
	assert_memory_equal(c.data, "\0\x07\0\0\x81\x82\x83\0\x05\0\x01\xa9", 12);
	free(c.data);
	v[7] = 9;   /* LL beyond the end */
	assert_int_equal(conv_message(MQFMT_IMS_VAR_STRING, 819, MQENC_NATIVE, v, sizeof v, 37, NORMAL, QM, &c),
			 MQRC_FORMAT_ERROR);
}

/* The failures: reason, and nothing returned */
static void test_convert__errors(void **state)
{
	(void)state;
	struct {
		MQDLH d;
		char s[4];
	} m;
	MQDLH d = { MQDLH_DEFAULT };
	d.Encoding = MQENC_NATIVE;
	d.CodedCharSetId = 819;
	memcpy(d.Format, MQFMT_STRING, 8);
	m.d = d;
	memcpy(m.s, "ab\x80z", 4);
	struct conv_msg c;
#define FAILS(rc_, ...)                                                  \
	do {                                                              \
		assert_int_equal(conv_message(__VA_ARGS__, QM, &c), (rc_)); \
		assert_null(c.data);                                      \
	} while (0)
	FAILS(MQRC_SOURCE_CCSID_ERROR, MQFMT_DEAD_LETTER_HEADER, 9999, MQENC_NATIVE, &m, sizeof m, 37, NORMAL);
	FAILS(MQRC_TARGET_CCSID_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 8888, NORMAL);
	/* a header cannot be in UTF-16 */
	FAILS(MQRC_TARGET_CCSID_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 1200, NORMAL);
	FAILS(MQRC_SOURCE_INTEGER_ENC_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, 0x220, &m, sizeof m, 37, NORMAL);
	FAILS(MQRC_SOURCE_DECIMAL_ENC_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, 0x232, &m, sizeof m, 37, NORMAL);
	FAILS(MQRC_SOURCE_FLOAT_ENC_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, 0x522, &m, sizeof m, 37, NORMAL);
	FAILS(MQRC_TARGET_INTEGER_ENC_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 37, 0x113);
	FAILS(MQRC_TARGET_DECIMAL_ENC_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 37, 0x141);
	FAILS(MQRC_TARGET_FLOAT_ENC_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 37, 0x611);
	/* 0x80 in 819 to 37 works; in ASCII (367) it is not a character */
	m.d.CodedCharSetId = MQCCSI_INHERIT;
	FAILS(MQRC_NOT_CONVERTED, MQFMT_DEAD_LETTER_HEADER, 367, MQENC_NATIVE, &m, sizeof m, 37, NORMAL);
	/* the DLH's own data in a CCSID not known */
	m.d.CodedCharSetId = 7777;
	FAILS(MQRC_SOURCE_CCSID_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 37, NORMAL);
	m.d.CodedCharSetId = 819;
	/* the data's encoding does not matter for a string, a header's does */
	m.d.Encoding = 0;
	assert_int_equal(conv_message(MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 37, NORMAL, QM, &c),
			 MQRC_NONE);
	free(c.data);
	memcpy(m.d.Format, MQFMT_DEAD_LETTER_HEADER, 8);
	FAILS(MQRC_SOURCE_INTEGER_ENC_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 37, NORMAL);
	m.d.Encoding = MQENC_NATIVE;
	FAILS(MQRC_FORMAT_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 37, NORMAL);   /* short */
	memcpy(m.d.Format, "MYFMT   ", 8);
	FAILS(MQRC_FORMAT_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 37, NORMAL);
	/* ... fine when that data is already what was asked for */
	m.d.CodedCharSetId = 37;
	m.d.Encoding = NORMAL;
	assert_int_equal(conv_message(MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 37, NORMAL, QM, &c),
			 MQRC_NONE);
	free(c.data);
	memcpy(m.d.Format, MQFMT_STRING, 8);
	memcpy(m.d.StrucId, "DLX ", 4);
	FAILS(MQRC_FORMAT_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 37, NORMAL);
	memcpy(m.d.StrucId, "DLH ", 4);
	m.d.Version = 2;
	FAILS(MQRC_FORMAT_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 37, NORMAL);
	m.d.Version = 1;
	FAILS(MQRC_FORMAT_ERROR, MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, 100, 37, NORMAL);
	/* a field that cannot grow: a name of 48 e-acutes to UTF-8 */
	memset(m.d.DestQName, 0xe9, 48);
	FAILS(MQRC_CONVERTED_STRING_TOO_BIG, MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 1208,
	      MQENC_NATIVE);
	/* ... one with blanks after it can */
	memset(m.d.DestQName + 4, ' ', 44);
	assert_int_equal(conv_message(MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 1208, MQENC_NATIVE, QM,
				      &c),
			 MQRC_NONE);
	assert_memory_equal((uint8_t *)c.data + 12, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9    ", 12);
	assert_memory_equal((uint8_t *)c.data + 12 + 44, "    ", 4);
	free(c.data);
	/* ... and one with a NUL: what follows the NUL goes */
	memset(m.d.DestQName, 0xe9, 48);
	m.d.DestQName[20] = 0;
	assert_int_equal(conv_message(MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, &m, sizeof m, 1208, MQENC_NATIVE, QM,
				      &c),
			 MQRC_NONE);
	assert_int_equal(((uint8_t *)c.data)[12 + 40], 0);
	assert_int_equal(((uint8_t *)c.data)[12 + 47], ' ');
	free(c.data);
#undef FAILS
}

/* Every truncation and every one-byte change of a chain: a reason or a
 * result, never a read outside the message (ASan in make check) */
static void test_convert__hostile(void **state)
{
	(void)state;
	uint8_t m[512];
	MQDLH d = { MQDLH_DEFAULT };
	d.Encoding = MQENC_NATIVE;
	d.CodedCharSetId = 819;
	memcpy(d.Format, MQFMT_RF_HEADER_2, 8);
	memcpy(m, &d, sizeof d);
	MQRFH2 r = { MQRFH2_DEFAULT };
	r.StrucLength = 36 + 12;
	r.Encoding = MQENC_NATIVE;
	r.CodedCharSetId = 819;
	memcpy(r.Format, MQFMT_ADMIN, 8);
	memcpy(m + sizeof d, &r, sizeof r);
	MQLONG l = 8;
	memcpy(m + sizeof d + 36, &l, 4);
	memcpy(m + sizeof d + 40, "<a></a> ", 8);
	uint8_t *p = m + sizeof d + 48;
	MQCFH h = { MQCFH_DEFAULT };
	h.ParameterCount = 2;
	memcpy(p, &h, sizeof h);
	MQLONG st[5] = { MQCFT_STRING, 24, MQCA_Q_NAME, 0, 3 };
	memcpy(p + 36, st, 20);
	memcpy(p + 56, "ABC ", 4);
	MQLONG gr[4] = { MQCFT_GROUP, 16, 1, 0 };
	memcpy(p + 60, gr, 16);
	uint32_t n = (uint32_t)(p + 76 - m);
	struct conv_msg c;
	assert_int_equal(conv_message(MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, m, n, 37, NORMAL, QM, &c), MQRC_NONE);
	free(c.data);
	for (uint32_t k = 0; k < n; k++) {
		uint8_t *cut = malloc(k ? k : 1);
		memcpy(cut, m, k);
		MQLONG rc = conv_message(MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, cut, k, 37, NORMAL, QM, &c);
		assert_int_not_equal(rc, MQRC_NONE);
		free(cut);
	}
	for (uint32_t k = 0; k < n; k++)
		for (int v = 0; v < 256; v += 51) {
			uint8_t save = m[k];
			m[k] = (uint8_t)v;
			if (conv_message(MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, m, n, 37, NORMAL, QM, &c) == MQRC_NONE)
				free(c.data);
			if (conv_inherit(MQFMT_DEAD_LETTER_HEADER, 819, MQENC_NATIVE, m, n, QM, &c))
				free(c.data);
			m[k] = save;
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_convert__ccsid_table),
		cmocka_unit_test(test_convert__builtin),
		cmocka_unit_test(test_convert__dlh),
		cmocka_unit_test(test_convert__dbcs),
		cmocka_unit_test(test_convert__inherit_on_plain_get),
		cmocka_unit_test(test_convert__xqh_mde_wih_cih_iih),
		cmocka_unit_test(test_convert__rfh2_rfh),
		cmocka_unit_test(test_convert__dh),
		cmocka_unit_test(test_convert__rmh),
		cmocka_unit_test(test_convert__pcf),
		cmocka_unit_test(test_convert__tm_imsvs),
		cmocka_unit_test(test_convert__errors),
		cmocka_unit_test(test_convert__hostile),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	conv_reset();
	return rc;
}
