/*
 * mqi_props: message handles and message properties (MQCRTMH, MQDLTMH,
 * MQSETMP, MQINQMP, MQDLTMP, MQMHBUF, MQBUFMH) with their options and the
 * reasons of their misuse, against a running queue manager (for a
 * connection; the properties themselves live in libmqm), and properties
 * travelling with messages: MQPUT/MQPUT1 with an MQPMO version 3, MQGET with
 * an MQGMO version 4 MsgHandle and the property options, PROPCTL of the
 * queue (t6100: T.PROPS COMPAT, T.PROPS.NONE, T.PROPS.ALL, T.PROPS.FORCE,
 * T.PROPS.V6, T.SMALL MAXMSGL(10)), what a version 1 MQGMO program sees,
 * MQPD.Support (assigned, input without validation, 2490 on MQPUT/MQPUT1).
 *
 *   usage: mqi_props QMGR             every check
 *          mqi_props QMGR put Q       one persistent message with properties to Q
 *          mqi_props QMGR check Q     get it into a handle and compare every value
 */
#include "mqt.h"

#include <pthread.h>
#include <stdint.h>

static MQHCONN hc;

/* Is s somewhere in the n bytes at b (an MQRFH2 has binary zeros in it)? */
static int has(const uint8_t *b, MQLONG n, const char *s)
{
	return memmem(b, (size_t)n, s, strlen(s)) != NULL;
}

static MQCHARV nm(const char *s)
{
	MQCHARV v = { MQCHARV_DEFAULT };
	v.VSPtr = (MQPTR)s;
	v.VSLength = MQVS_NULL_TERMINATED;
	return v;
}

static MQLONG setp(MQHMSG h, const char *name, MQLONG type, MQLONG len, const void *val, MQLONG *cc)
{
	MQSMPO smpo = { MQSMPO_DEFAULT };
	MQPD pd = { MQPD_DEFAULT };
	MQCHARV n = nm(name);
	MQLONG c, rc;
	MQSETMP(hc, h, &smpo, &n, &pd, type, len, (void *)val, &c, &rc);
	if (cc)
		*cc = c;
	return rc;
}

static MQLONG setp_opt(MQHMSG h, MQLONG opt, const char *name, MQLONG v)
{
	MQSMPO smpo = { MQSMPO_DEFAULT };
	MQPD pd = { MQPD_DEFAULT };
	MQCHARV n = nm(name);
	MQLONG c, rc;
	smpo.Options = opt;
	MQSETMP(hc, h, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &c, &rc);
	return rc;
}

/* MQINQMP of name with options; the value into buf (cap bytes). */
static MQLONG inq(MQHMSG h, const char *name, MQLONG opts, MQLONG *type, void *buf, MQLONG cap, MQLONG *len,
		  MQLONG *cc, char *rname, MQLONG rcap)
{
	MQIMPO impo = { MQIMPO_DEFAULT };
	MQPD pd = { MQPD_DEFAULT };
	MQCHARV n = nm(name);
	MQLONG c, rc;
	impo.Options = opts;
	if (rname) {
		impo.ReturnedName.VSPtr = rname;
		impo.ReturnedName.VSBufSize = rcap;
	}
	MQINQMP(hc, h, &impo, &n, &pd, type, cap, buf, len, &c, &rc);
	if (rname && rc != MQRC_PROPERTY_NOT_AVAILABLE && impo.ReturnedName.VSLength >= 0 &&
	    impo.ReturnedName.VSLength < rcap)
		rname[impo.ReturnedName.VSLength] = 0;
	if (cc)
		*cc = c;
	return rc;
}

static MQHMSG crt(MQHCONN h, MQLONG opts)
{
	MQCMHO o = { MQCMHO_DEFAULT };
	MQHMSG m = MQHM_NONE;
	MQLONG cc, rc;
	o.Options = opts;
	MQCRTMH(h, &o, &m, &cc, &rc);
	return cc == MQCC_OK ? m : MQHM_NONE;
}

static void dlt(MQHMSG *m)
{
	MQDMHO o = { MQDMHO_DEFAULT };
	MQLONG cc, rc;
	MQDLTMH(hc, m, &o, &cc, &rc);
}

static void test_handles(void)
{
	MQCMHO o = { MQCMHO_DEFAULT };
	MQDMHO d = { MQDMHO_DEFAULT };
	MQHMSG m = MQHM_NONE, m2;
	MQLONG cc, rc;

	MQCRTMH(MQHC_UNASSOCIATED_HCONN, &o, &m, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCRTMH with MQHC_UNASSOCIATED_HCONN");
	CHECK(m != MQHM_NONE && m != MQHM_UNUSABLE_HMSG, "a usable handle");
	MQCRTMH(hc, &o, &m2, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCRTMH with a connection");
	CHECK(m2 != m, "two handles differ");
	MQCRTMH(12345, &o, &m2, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HCONN_ERROR, "MQCRTMH with a bad Hconn");
	memcpy(o.StrucId, "XXXX", 4);
	MQCRTMH(hc, &o, &m2, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CMHO_ERROR, "MQCRTMH with a bad StrucId");
	memcpy(o.StrucId, MQCMHO_STRUC_ID, 4);
	o.Version = 2;
	MQCRTMH(hc, &o, &m2, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CMHO_ERROR, "MQCRTMH with Version 2");
	o.Version = 1;
	o.Options = MQCMHO_VALIDATE | MQCMHO_NO_VALIDATION;
	MQCRTMH(hc, &o, &m2, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPTIONS_ERROR, "MQCRTMH with VALIDATE and NO_VALIDATION");
	o.Options = 0x100;
	MQCRTMH(hc, &o, &m2, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPTIONS_ERROR, "MQCRTMH with an unknown option");
	o.Options = 0;
	MQCRTMH(hc, &o, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HMSG_ERROR, "MQCRTMH with no Hmsg");

	/* an unassociated handle takes any Hconn of the process */
	{
		int32_t v = 1;
		MQSMPO smpo = { MQSMPO_DEFAULT };
		MQPD pd = { MQPD_DEFAULT };
		MQCHARV n = nm("x");
		MQSETMP(MQHC_UNASSOCIATED_HCONN, m, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQSETMP on an unassociated handle without a connection");
		MQSETMP(hc, m, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "and with a connection");
	}

	memcpy(d.StrucId, "DMHX", 4);
	MQDLTMH(hc, &m, &d, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_DMHO_ERROR, "MQDLTMH with a bad DMHO");
	memcpy(d.StrucId, MQDMHO_STRUC_ID, 4);
	MQDLTMH(hc, &m, &d, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQDLTMH");
	CHECK(m == MQHM_UNUSABLE_HMSG, "Hmsg is MQHM_UNUSABLE_HMSG after MQDLTMH");
	{
		MQHMSG old = m;
		MQDLTMH(hc, &old, &d, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_HMSG_ERROR, "MQDLTMH of MQHM_UNUSABLE_HMSG");
	}
	MQDLTMH(hc, NULL, &d, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HMSG_ERROR, "MQDLTMH with no Hmsg");

	/* a deleted handle's value stays refused when its slot is reused */
	{
		MQHMSG a = crt(hc, 0), b, a_old = a;
		dlt(&a);
		b = crt(hc, 0);
		CHECK(b != a_old, "a new handle never has a deleted one's value");
		rc = setp(a_old, "x", MQTYPE_NULL, 0, NULL, &cc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_HMSG_ERROR, "MQSETMP on a deleted handle");
		dlt(&b);
	}
}

static void test_types(void)
{
	MQHMSG m = crt(hc, 0);
	MQLONG cc, rc, type, len;
	uint8_t buf[256];
	MQBOOL bt = 1;
	int8_t i8 = -100;
	int16_t i16 = -30000;
	int32_t i32 = 123456789;
	int64_t i64 = -1234567890123456789LL;
	float f32 = 1.5f;
	double f64 = -2.25e100;
	const uint8_t bytes[5] = { 0, 1, 0xfe, 0xff, 0x80 };

	EXPECT(0, setp(m, "b", MQTYPE_BOOLEAN, 4, &bt, &cc), 0, MQRC_NONE, "MQSETMP MQTYPE_BOOLEAN");
	EXPECT(cc, 0, MQCC_OK, 0, "completion OK");
	EXPECT(0, setp(m, "i1", MQTYPE_INT8, 1, &i8, NULL), 0, MQRC_NONE, "MQSETMP MQTYPE_INT8");
	EXPECT(0, setp(m, "i2", MQTYPE_INT16, 2, &i16, NULL), 0, MQRC_NONE, "MQSETMP MQTYPE_INT16");
	EXPECT(0, setp(m, "i4", MQTYPE_INT32, 4, &i32, NULL), 0, MQRC_NONE, "MQSETMP MQTYPE_INT32");
	EXPECT(0, setp(m, "i8", MQTYPE_INT64, 8, &i64, NULL), 0, MQRC_NONE, "MQSETMP MQTYPE_INT64");
	EXPECT(0, setp(m, "f4", MQTYPE_FLOAT32, 4, &f32, NULL), 0, MQRC_NONE, "MQSETMP MQTYPE_FLOAT32");
	EXPECT(0, setp(m, "f8", MQTYPE_FLOAT64, 8, &f64, NULL), 0, MQRC_NONE, "MQSETMP MQTYPE_FLOAT64");
	EXPECT(0, setp(m, "s", MQTYPE_STRING, MQVL_NULL_TERMINATED, "hello <&> world", NULL), 0, MQRC_NONE,
	       "MQSETMP MQTYPE_STRING (MQVL_NULL_TERMINATED)");
	EXPECT(0, setp(m, "s2", MQTYPE_STRING, 3, "abcdef", NULL), 0, MQRC_NONE, "MQSETMP MQTYPE_STRING of 3 bytes");
	EXPECT(0, setp(m, "e", MQTYPE_STRING, 0, NULL, NULL), 0, MQRC_NONE, "MQSETMP an empty string");
	EXPECT(0, setp(m, "bs", MQTYPE_BYTE_STRING, 5, bytes, NULL), 0, MQRC_NONE, "MQSETMP MQTYPE_BYTE_STRING");
	EXPECT(0, setp(m, "n", MQTYPE_NULL, 0, NULL, NULL), 0, MQRC_NONE, "MQSETMP MQTYPE_NULL");

	type = MQTYPE_AS_SET;
	rc = inq(m, "b", 0, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	{
		MQBOOL b;
		memcpy(&b, buf, 4);
		CHECK(rc == 0 && type == MQTYPE_BOOLEAN && len == 4 && b == 1, "MQINQMP boolean: TRUE");
	}
	rc = inq(m, "i1", 0, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_INT8 && len == 1 && !memcmp(buf, &i8, 1), "MQINQMP int8");
	rc = inq(m, "i2", 0, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_INT16 && len == 2 && !memcmp(buf, &i16, 2), "MQINQMP int16");
	rc = inq(m, "i4", 0, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_INT32 && len == 4 && !memcmp(buf, &i32, 4), "MQINQMP int32");
	rc = inq(m, "i8", 0, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_INT64 && len == 8 && !memcmp(buf, &i64, 8), "MQINQMP int64");
	rc = inq(m, "f4", 0, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_FLOAT32 && len == 4 && !memcmp(buf, &f32, 4), "MQINQMP float32");
	rc = inq(m, "f8", 0, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_FLOAT64 && len == 8 && !memcmp(buf, &f64, 8), "MQINQMP float64");
	rc = inq(m, "s", 0, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_STRING && len == 15 && !memcmp(buf, "hello <&> world", 15),
	      "MQINQMP string");
	rc = inq(m, "s2", 0, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && len == 3 && !memcmp(buf, "abc", 3), "MQINQMP string of ValueLength 3");
	rc = inq(m, "e", 0, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_STRING && len == 0, "MQINQMP empty string");
	rc = inq(m, "bs", 0, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_BYTE_STRING && len == 5 && !memcmp(buf, bytes, 5), "MQINQMP byte string");
	rc = inq(m, "n", 0, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_NULL && len == 0, "MQINQMP null");

	/* truncation and QUERY_LENGTH */
	memset(buf, '#', sizeof buf);
	rc = inq(m, "s", 0, &type, buf, 5, &len, &cc, NULL, 0);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_PROPERTY_VALUE_TOO_BIG, "MQINQMP into too small a buffer");
	CHECK(len == 15 && !memcmp(buf, "hello", 5) && buf[5] == '#', "DataLength is the whole length, 5 bytes given");
	rc = inq(m, "s", MQIMPO_QUERY_LENGTH, &type, NULL, 0, &len, &cc, NULL, 0);
	CHECK(rc == 0 && len == 15 && type == MQTYPE_STRING, "MQIMPO_QUERY_LENGTH: type and length only");
	rc = inq(m, "x", MQIMPO_INQ_PROP_UNDER_CURSOR, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && len == 15 && !memcmp(buf, "hello <&> world", 15), "then INQ_PROP_UNDER_CURSOR gives the value");

	/* type conversion */
	type = MQTYPE_STRING;
	rc = inq(m, "i4", MQIMPO_CONVERT_TYPE, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_STRING && len == 9 && !memcmp(buf, "123456789", 9), "CONVERT_TYPE int32 -> string");
	type = MQTYPE_INT64;
	rc = inq(m, "i2", MQIMPO_CONVERT_TYPE, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	{
		int64_t v;
		memcpy(&v, buf, 8);
		CHECK(rc == 0 && type == MQTYPE_INT64 && len == 8 && v == -30000, "CONVERT_TYPE int16 -> int64");
	}
	type = MQTYPE_INT8;
	rc = inq(m, "i4", MQIMPO_CONVERT_TYPE, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROP_CONV_NOT_SUPPORTED, "CONVERT_TYPE int32 -> int8 (narrowing)");
	type = MQTYPE_FLOAT64;
	rc = inq(m, "f4", MQIMPO_CONVERT_TYPE, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	{
		double v;
		memcpy(&v, buf, 8);
		CHECK(rc == 0 && type == MQTYPE_FLOAT64 && v == 1.5, "CONVERT_TYPE float32 -> float64");
	}
	type = MQTYPE_STRING;
	rc = inq(m, "b", MQIMPO_CONVERT_TYPE, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && len == 4 && !memcmp(buf, "TRUE", 4), "CONVERT_TYPE boolean -> string TRUE");
	type = MQTYPE_STRING;
	rc = inq(m, "bs", MQIMPO_CONVERT_TYPE, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && len == 10 && !memcmp(buf, "0001feff80", 10), "CONVERT_TYPE byte string -> hex string");
	EXPECT(0, setp(m, "num", MQTYPE_STRING, MQVL_NULL_TERMINATED, "-42", NULL), 0, 0, "MQSETMP a numeric string");
	type = MQTYPE_INT32;
	rc = inq(m, "num", MQIMPO_CONVERT_TYPE, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	{
		int32_t v;
		memcpy(&v, buf, 4);
		CHECK(rc == 0 && type == MQTYPE_INT32 && v == -42, "CONVERT_TYPE string -> int32");
	}
	type = MQTYPE_BOOLEAN;
	rc = inq(m, "num", MQIMPO_CONVERT_TYPE, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROP_NUMBER_FORMAT_ERROR, "CONVERT_TYPE \"-42\" -> boolean");
	type = MQTYPE_INT32;
	rc = inq(m, "s", MQIMPO_CONVERT_TYPE, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROP_NUMBER_FORMAT_ERROR, "CONVERT_TYPE \"hello...\" -> int32");
	type = MQTYPE_INT8;
	EXPECT(0, setp(m, "big", MQTYPE_STRING, MQVL_NULL_TERMINATED, "300", NULL), 0, 0, "MQSETMP \"300\"");
	rc = inq(m, "big", MQIMPO_CONVERT_TYPE, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROP_NUMBER_FORMAT_ERROR, "CONVERT_TYPE \"300\" -> int8 (out of range)");
	type = MQTYPE_INT32;
	rc = inq(m, "n", MQIMPO_CONVERT_TYPE, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_NULL && len == 0, "a null property stays null whatever type is asked");
	type = 12345;
	rc = inq(m, "i4", MQIMPO_CONVERT_TYPE, &type, buf, sizeof buf, &len, &cc, NULL, 0);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_TYPE_ERROR, "CONVERT_TYPE to no type");

	/* CONVERT_VALUE: numbers in the RequestedEncoding */
	{
		MQIMPO impo = { MQIMPO_DEFAULT };
		MQPD pd = { MQPD_DEFAULT };
		MQCHARV n = nm("i4");
		uint8_t want[4] = { 0x07, 0x5b, 0xcd, 0x15 };   /* 123456789 big-endian */
		impo.Options = MQIMPO_CONVERT_VALUE;
		impo.RequestedEncoding = MQENC_INTEGER_NORMAL;
		type = MQTYPE_AS_SET;
		MQINQMP(hc, m, &impo, &n, &pd, &type, sizeof buf, buf, &len, &cc, &rc);
		CHECK(rc == 0 && !memcmp(buf, want, 4) && impo.ReturnedEncoding == MQENC_INTEGER_NORMAL,
		      "CONVERT_VALUE: int32 in MQENC_INTEGER_NORMAL");
		n = nm("s");
		impo.RequestedCCSID = 819;
		MQINQMP(hc, m, &impo, &n, &pd, &type, sizeof buf, buf, &len, &cc, &rc);
		CHECK(rc == 0 && impo.ReturnedCCSID == 819, "CONVERT_VALUE: an ASCII string in CCSID 819");
		impo.RequestedCCSID = 500;
		MQINQMP(hc, m, &impo, &n, &pd, &type, sizeof buf, buf, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_WARNING, MQRC_PROP_VALUE_NOT_CONVERTED, "CONVERT_VALUE to EBCDIC 500");
		CHECK(impo.ReturnedCCSID == 1208 && !memcmp(buf, "hello", 5), "the value comes unconverted, in 1208");
	}
	/* MQSMPO.ValueEncoding: a number given big-endian */
	{
		MQSMPO smpo = { MQSMPO_DEFAULT };
		MQPD pd = { MQPD_DEFAULT };
		MQCHARV n = nm("be");
		uint8_t be[4] = { 0, 0, 1, 2 };
		int32_t v;
		smpo.ValueEncoding = MQENC_INTEGER_NORMAL;
		MQSETMP(hc, m, &smpo, &n, &pd, MQTYPE_INT32, 4, be, &cc, &rc);
		type = MQTYPE_AS_SET;
		inq(m, "be", 0, &type, &v, 4, &len, NULL, NULL, 0);
		CHECK(rc == 0 && v == 258, "MQSMPO ValueEncoding MQENC_INTEGER_NORMAL is read as such");
	}
	dlt(&m);
}

static void test_names(void)
{
	MQHMSG m = crt(hc, MQCMHO_DEFAULT_VALIDATION), nv = crt(hc, MQCMHO_NO_VALIDATION);
	MQLONG cc, rc, type, len;
	char rn[64], big[5000];
	int32_t v = 7;
	static const char *bad[] = { "JMSFoo", "usr.JMSx", "NULL", "true", "usr.Like", "Root.x", "Body",
				     "mq.a.b", "a..b", "a.", ".a", "1abc", "a b", "a-b", "x%" };
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		rc = setp(m, bad[i], MQTYPE_INT32, 4, &v, &cc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_NAME_ERROR, bad[i]);
	}
	EXPECT(0, setp(nv, "NULL", MQTYPE_INT32, 4, &v, NULL), 0, 0, "MQCMHO_NO_VALIDATION takes \"NULL\"");
	EXPECT(0, setp(m, "JMSCorrelationID", MQTYPE_STRING, 3, "abc", NULL), 0, 0, "JMSCorrelationID may be set");
	type = MQTYPE_AS_SET;
	rc = inq(m, "jms.Cid", 0, &type, big, 10, &len, NULL, NULL, 0);
	CHECK(rc == 0 && len == 3, "and is jms.Cid");
	rc = setp(m, "JMSXGroupSeq", MQTYPE_STRING, 1, "1", &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_TYPE_ERROR, "JMSXGroupSeq must be an int32");
	EXPECT(0, setp(m, "mq_usr.a.b.c", MQTYPE_INT32, 4, &v, NULL), 0, 0, "mq_usr may have more than one dot");
	EXPECT(0, setp(m, "usr.a.b", MQTYPE_INT32, 4, &v, NULL), 0, 0, "usr.a.b");
	rc = setp(m, "usr.a.b.c", MQTYPE_INT32, 4, &v, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_NAME_ERROR, "usr.a.b.c beside usr.a.b (mixed content)");
	rc = setp(m, "usr.a", MQTYPE_INT32, 4, &v, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_NAME_ERROR, "usr.a above usr.a.b (mixed content)");
	/* lengths */
	rc = setp(m, "", MQTYPE_INT32, 4, &v, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_NAME_LENGTH_ERR, "an empty name");
	memset(big, 'a', 4096);
	big[4096] = 0;
	rc = setp(m, big, MQTYPE_INT32, 4, &v, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_NAME_LENGTH_ERR, "a name of 4096 characters");
	big[4095] = 0;
	rc = setp(m, big, MQTYPE_INT32, 4, &v, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "a name of 4095 characters");
	{
		MQSMPO smpo = { MQSMPO_DEFAULT };
		MQPD pd = { MQPD_DEFAULT };
		MQCHARV n = { MQCHARV_DEFAULT };
		MQSETMP(hc, m, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_NAME_ERROR, "a name with no string");
		n.VSPtr = "colour";
		n.VSLength = -5;
		MQSETMP(hc, m, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_NAME_LENGTH_ERR, "VSLength -5");
		n.VSLength = 6;
		MQSETMP(hc, m, &smpo, &n, &pd, MQTYPE_STRING, 3, "red", &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "a name by VSLength");
	}
	/* a plain name is a user property */
	type = MQTYPE_AS_SET;
	rc = inq(m, "usr.colour", 0, &type, big, 10, &len, NULL, rn, sizeof rn);
	CHECK(rc == 0 && len == 3 && !strcmp(rn, "colour"), "\"usr.colour\" finds \"colour\", ReturnedName without usr. (%s)", rn);
	rc = inq(m, "usr.a.b", 0, &type, big, 10, &len, NULL, rn, sizeof rn);
	CHECK(rc == 0 && !strcmp(rn, "usr.a.b"), "ReturnedName usr.a.b keeps its usr. (%s)", rn);
	rc = inq(m, "JMSCorrelationID", 0, &type, big, 10, &len, NULL, rn, sizeof rn);
	CHECK(rc == 0 && !strcmp(rn, "JMSCorrelationID"), "ReturnedName of jms.Cid is JMSCorrelationID (%s)", rn);
	rc = inq(m, "colour", 0, &type, big, 10, &len, &cc, rn, 4);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_NAME_TOO_BIG, "ReturnedName buffer too small");
	rc = inq(m, "nothing", 0, &type, big, 10, &len, &cc, NULL, 0);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_NOT_AVAILABLE, "MQINQMP of a property not there");
	dlt(&m);
	dlt(&nv);
}

static void test_cursor(void)
{
	MQHMSG m = crt(hc, 0);
	MQLONG cc, rc, type, len, vals[16];
	char rn[64], names[16][64];
	int n = 0, i;
	int32_t v;

	setp_opt(m, MQSMPO_SET_FIRST, "a", 1);
	setp_opt(m, MQSMPO_SET_FIRST, "b", 2);
	setp_opt(m, MQSMPO_APPEND_PROPERTY, "a", 3);
	setp_opt(m, MQSMPO_SET_FIRST, "jms.Pri", 4);
	setp_opt(m, MQSMPO_SET_FIRST, "c", 5);
	setp_opt(m, MQSMPO_SET_FIRST, "b", 20);    /* replaces b */

	for (rc = inq(m, "%", MQIMPO_INQ_FIRST, &type, &v, 4, &len, &cc, rn, sizeof rn); rc == 0 && n < 16;
	     rc = inq(m, "%", MQIMPO_INQ_NEXT, &type, &v, 4, &len, &cc, rn, sizeof rn)) {
		strcpy(names[n], rn);
		vals[n++] = v;
	}
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_NOT_AVAILABLE, "INQ_NEXT past the last");
	CHECK(n == 5 && !strcmp(names[0], "a") && vals[0] == 1 && !strcmp(names[1], "b") && vals[1] == 20 &&
	      !strcmp(names[2], "a") && vals[2] == 3 && !strcmp(names[3], "JMSPriority") && !strcmp(names[4], "c"),
	      "MQPROP_INQUIRE_ALL: all five in order, b replaced in place, a twice");
	n = 0;
	for (rc = inq(m, "usr.%", 0, &type, &v, 4, &len, &cc, rn, sizeof rn); rc == 0 && n < 16;
	     rc = inq(m, "usr.%", MQIMPO_INQ_NEXT, &type, &v, 4, &len, &cc, rn, sizeof rn))
		n++;
	CHECK(n == 4, "MQPROP_INQUIRE_ALL_USR: four (jms.Pri is not one)");
	n = 0;
	for (rc = inq(m, "a", 0, &type, &v, 4, &len, &cc, NULL, 0); rc == 0 && n < 16;
	     rc = inq(m, "a", MQIMPO_INQ_NEXT, &type, &v, 4, &len, &cc, NULL, 0))
		vals[n++] = v;
	CHECK(n == 2 && vals[0] == 1 && vals[1] == 3, "INQ_NEXT of one name finds both of it");
	rc = inq(m, "c", MQIMPO_INQ_NEXT, &type, &v, 4, &len, &cc, NULL, 0);
	CHECK(rc == 0 && v == 5, "INQ_NEXT with another name than the last call's starts at the first");
	for (rc = inq(m, "a", 0, &type, &v, 4, &len, &cc, NULL, 0), n = 0; rc == 0 && n < 1; n++)
		rc = inq(m, "a", MQIMPO_INQ_NEXT, &type, &v, 4, &len, &cc, NULL, 0);

	/* the cursor is on the second "a" (3): set under, before, after it */
	rc = setp_opt(m, MQSMPO_SET_PROP_UNDER_CURSOR, "a", 30);
	EXPECT(0, rc, 0, MQRC_NONE, "SET_PROP_UNDER_CURSOR");
	rc = setp_opt(m, MQSMPO_SET_PROP_BEFORE_CURSOR, "d", 40);
	EXPECT(0, rc, 0, MQRC_NONE, "SET_PROP_BEFORE_CURSOR");
	rc = setp_opt(m, MQSMPO_SET_PROP_AFTER_CURSOR, "e", 50);
	EXPECT(0, rc, 0, MQRC_NONE, "SET_PROP_AFTER_CURSOR");
	n = 0;
	for (rc = inq(m, "%", 0, &type, &v, 4, &len, &cc, NULL, 0); rc == 0 && n < 16;
	     rc = inq(m, "%", MQIMPO_INQ_NEXT, &type, &v, 4, &len, &cc, NULL, 0))
		vals[n++] = v;
	CHECK(n == 7 && vals[0] == 1 && vals[1] == 20 && vals[2] == 40 && vals[3] == 30 && vals[4] == 50 &&
	      vals[5] == 4 && vals[6] == 5, "order: a b d a(30) e jms.Pri c");
	rc = setp_opt(m, MQSMPO_SET_PROP_UNDER_CURSOR, "a", 1);
	EXPECT(0, rc, 0, MQRC_PROPERTY_NOT_AVAILABLE, "SET_PROP_UNDER_CURSOR of another name than the cursor's");

	/* MQDLTMP */
	{
		MQDMPO d = { MQDMPO_DEFAULT };
		MQCHARV nmv = nm("a");
		MQDLTMP(hc, m, &d, &nmv, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQDLTMP DEL_FIRST");
		inq(m, "a", 0, &type, &v, 4, &len, &cc, NULL, 0);
		CHECK(v == 30, "the first a went, the second stays");
		/* the cursor onto it through "%", so that INQ_NEXT of "%" goes on from there */
		for (rc = inq(m, "%", 0, &type, &v, 4, &len, &cc, NULL, 0); rc == 0 && v != 30;)
			rc = inq(m, "%", MQIMPO_INQ_NEXT, &type, &v, 4, &len, &cc, NULL, 0);
		d.Options = MQDMPO_DEL_PROP_UNDER_CURSOR;
		MQDLTMP(hc, m, &d, &nmv, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQDLTMP DEL_PROP_UNDER_CURSOR");
		rc = inq(m, "x", MQIMPO_INQ_PROP_UNDER_CURSOR, &type, &v, 4, &len, &cc, NULL, 0);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_NOT_AVAILABLE, "nothing under the cursor after");
		rc = inq(m, "%", MQIMPO_INQ_NEXT, &type, &v, 4, &len, &cc, NULL, 0);
		CHECK(rc == 0 && v == 50, "INQ_NEXT goes on with what followed it");
		d.Options = MQDMPO_DEL_FIRST;
		MQDLTMP(hc, m, &d, &nmv, &cc, &rc);
		EXPECT(cc, rc, MQCC_WARNING, MQRC_PROPERTY_NOT_AVAILABLE, "MQDLTMP of a property not there");
		d.Options = 99;
		MQDLTMP(hc, m, &d, &nmv, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_DMPO_ERROR, "MQDLTMP with bad options");
	}
	(void)i;
	dlt(&m);
}

static void test_misuse(void)
{
	MQHMSG m = crt(hc, 0), other;
	MQSMPO smpo = { MQSMPO_DEFAULT };
	MQIMPO impo = { MQIMPO_DEFAULT };
	MQPD pd = { MQPD_DEFAULT };
	MQCHARV n = nm("p");
	MQLONG cc, rc, type, len;
	int32_t v = 1;
	char buf[8];

	MQSETMP(hc, m + 1000, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HMSG_ERROR, "MQSETMP with a bad Hmsg");
	MQSETMP(hc + 1, m, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HCONN_ERROR, "MQSETMP with another Hconn than the handle's");
	MQSETMP(MQHC_UNASSOCIATED_HCONN, m, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HCONN_ERROR, "MQSETMP with MQHC_UNASSOCIATED_HCONN on a connection's handle");
	memcpy(smpo.StrucId, "SMPX", 4);
	MQSETMP(hc, m, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SMPO_ERROR, "MQSETMP with a bad SMPO");
	memcpy(smpo.StrucId, MQSMPO_STRUC_ID, 4);
	smpo.Options = 3;
	MQSETMP(hc, m, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SMPO_ERROR, "MQSETMP with two positions");
	smpo.Options = 0;
	pd.Context = 7;
	MQSETMP(hc, m, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PD_ERROR, "MQSETMP with a bad PD Context");
	pd.Context = 0;
	MQSETMP(hc, m, &smpo, &n, NULL, MQTYPE_INT32, 4, &v, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PD_ERROR, "MQSETMP with no PD");
	MQSETMP(hc, m, &smpo, &n, &pd, 3, 4, &v, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_TYPE_ERROR, "MQSETMP with Type 3");
	MQSETMP(hc, m, &smpo, &n, &pd, MQTYPE_INT32, 2, &v, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_BUFFER_LENGTH_ERROR, "MQSETMP int32 of ValueLength 2");
	MQSETMP(hc, m, &smpo, &n, &pd, MQTYPE_STRING, -7, "x", &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_BUFFER_LENGTH_ERROR, "MQSETMP string of ValueLength -7");
	MQSETMP(hc, m, &smpo, &n, &pd, MQTYPE_STRING, 4, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_BUFFER_ERROR, "MQSETMP with no Value");
	MQSETMP(hc, m, &smpo, &n, &pd, MQTYPE_NULL, 4, &v, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_BUFFER_LENGTH_ERROR, "MQSETMP null of ValueLength 4");
	MQSETMP(hc, m, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQSETMP p");

	memcpy(impo.StrucId, "IMPX", 4);
	MQINQMP(hc, m, &impo, &n, &pd, &type, 8, buf, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_IMPO_ERROR, "MQINQMP with a bad IMPO");
	memcpy(impo.StrucId, MQIMPO_STRUC_ID, 4);
	impo.Options = MQIMPO_INQ_NEXT | MQIMPO_INQ_PROP_UNDER_CURSOR;
	MQINQMP(hc, m, &impo, &n, &pd, &type, 8, buf, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_IMPO_ERROR, "MQINQMP with INQ_NEXT and UNDER_CURSOR");
	impo.Options = 0;
	MQINQMP(hc, m, &impo, &n, &pd, NULL, 8, buf, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_TYPE_ERROR, "MQINQMP with no Type");
	MQINQMP(hc, m, &impo, &n, NULL, &type, 8, buf, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PD_ERROR, "MQINQMP with no PD");
	MQINQMP(hc, m, &impo, &n, &pd, &type, -1, buf, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_BUFFER_LENGTH_ERROR, "MQINQMP with ValueLength -1");
	MQINQMP(hc, m, &impo, &n, &pd, &type, 8, buf, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_DATA_LENGTH_ERROR, "MQINQMP with no DataLength");

	/* MQDISC deletes the handles made with its connection */
	{
		MQHCONN h2 = mqt_conn(getenv("QMNAME"), 1);
		MQHCONN keep = hc;
		other = MQHM_NONE;
		if (h2 != MQHC_UNUSABLE_HCONN) {
			hc = h2;
			other = crt(h2, 0);
			setp(other, "q", MQTYPE_INT32, 4, &v, NULL);
			MQDISC(&h2, &cc, &rc);
			hc = keep;
		}
		rc = setp(other, "q", MQTYPE_INT32, 4, &v, &cc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_HMSG_ERROR, "a handle is gone after MQDISC of its connection");
	}
	dlt(&m);
}

static void test_buffers(void)
{
	MQHMSG m = crt(hc, 0), m2 = crt(hc, 0);
	MQMHBO mo = { MQMHBO_DEFAULT };
	MQBMHO bo = { MQBMHO_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQCHARV all = { MQPROP_INQUIRE_ALL }, usr = { MQPROP_INQUIRE_ALL_USR }, none = { MQCHARV_DEFAULT };
	MQLONG cc, rc, len, type, dl;
	uint8_t buf[4096], small[16];
	int32_t i4 = -5;
	int64_t i8 = 1LL << 40;
	double f8 = 0.1;
	MQBOOL b = 0;
	const uint8_t bytes[3] = { 0xde, 0xad, 0x00 };
	char rn[64];

	setp(m, "colour", MQTYPE_STRING, MQVL_NULL_TERMINATED, "r<e>d & 'x'", NULL);
	setp(m, "usr.deep.er.st", MQTYPE_INT32, 4, &i4, NULL);
	setp(m, "big", MQTYPE_INT64, 8, &i8, NULL);
	setp(m, "ratio", MQTYPE_FLOAT64, 8, &f8, NULL);
	setp(m, "flag", MQTYPE_BOOLEAN, 4, &b, NULL);
	setp(m, "raw", MQTYPE_BYTE_STRING, 3, bytes, NULL);
	setp(m, "nothing", MQTYPE_NULL, 0, NULL, NULL);
	setp(m, "JMSType", MQTYPE_STRING, MQVL_NULL_TERMINATED, "mytype", NULL);

	memcpy(md.Format, MQFMT_STRING, 8);
	md.CodedCharSetId = 1208;
	MQMHBUF(hc, m, &mo, &all, &md, sizeof small, small, &dl, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_VALUE_TOO_BIG, "MQMHBUF into 16 bytes");
	CHECK(dl > 36, "DataLength says how much is needed (%d)", (int)dl);
	MQMHBUF(hc, m, &mo, &none, &md, sizeof buf, buf, &dl, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_NAME_ERROR, "MQMHBUF with no name");
	{
		MQCHARV x = { MQCHARV_DEFAULT };
		x.VSPtr = "zzz%";
		x.VSLength = 4;
		MQMHBUF(hc, m, &mo, &x, &md, sizeof buf, buf, &dl, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_PROPERTY_NOT_AVAILABLE, "MQMHBUF of names that match nothing");
	}
	memcpy(mo.StrucId, "MHBX", 4);
	MQMHBUF(hc, m, &mo, &all, &md, sizeof buf, buf, &dl, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MHBO_ERROR, "MQMHBUF with a bad MHBO");
	memcpy(mo.StrucId, MQMHBO_STRUC_ID, 4);
	MQMHBUF(hc, m, &mo, &all, &md, sizeof buf, buf, &dl, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQMHBUF of every property");
	CHECK(!memcmp(buf, "RFH ", 4) && !memcmp(md.Format, MQFMT_RF_HEADER_2, 8) && dl % 4 == 0,
	      "an MQRFH2, and the MQMD says so");
	{
		MQRFH2 h;
		memcpy(&h, buf, sizeof h);
		CHECK(h.StrucLength == dl && h.Version == 2 && h.NameValueCCSID == 1208 &&
		      !memcmp(h.Format, MQFMT_STRING, 8) && h.CodedCharSetId == 1208,
		      "its StrucLength, Version, NameValueCCSID, and the Format and CCSID of what follows");
		CHECK(has(buf, dl, "<usr>") && has(buf, dl, "<mcd><Type>mytype</Type></mcd>") &&
		      has(buf, dl, "<colour>r&lt;e&gt;d &amp; &apos;x&apos;</colour>") &&
		      has(buf, dl, "<deep><er><st dt=\"i4\">-5</st></er></deep>") &&
		      has(buf, dl, "<raw dt=\"bin.hex\">dead00</raw>") &&
		      has(buf, dl, "<nothing xsi:nil=\"true\"></nothing>"),
		      "folders usr and mcd, escaped text, nested names, dt, bin.hex, xsi:nil");
	}
	/* body after it, then back into another handle */
	memcpy(buf + dl, "BODY", 4);
	memcpy(bo.StrucId, "BMHX", 4);
	MQBUFMH(hc, m2, &bo, &md, dl + 4, buf, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_BMHO_ERROR, "MQBUFMH with a bad BMHO");
	memcpy(bo.StrucId, MQBMHO_STRUC_ID, 4);
	bo.Options = MQBMHO_DELETE_PROPERTIES;
	MQBUFMH(hc, m2, &bo, &md, dl + 4, buf, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQBUFMH with DELETE_PROPERTIES");
	CHECK(len == 4 && !memcmp(buf, "BODY", 4) && !memcmp(md.Format, MQFMT_STRING, 8),
	      "the body alone stays, the MQMD describes it again");
	{
		char v[64];
		int32_t x;
		int64_t y;
		double z;
		MQBOOL bb = 7;
		type = MQTYPE_AS_SET;
		rc = inq(m2, "colour", 0, &type, v, sizeof v, &len, NULL, NULL, 0);
		CHECK(rc == 0 && type == MQTYPE_STRING && len == 11 && !memcmp(v, "r<e>d & 'x'", 11), "string back");
		rc = inq(m2, "usr.deep.er.st", 0, &type, &x, 4, &len, NULL, NULL, 0);
		CHECK(rc == 0 && type == MQTYPE_INT32 && x == -5, "nested int32 back");
		rc = inq(m2, "big", 0, &type, &y, 8, &len, NULL, NULL, 0);
		CHECK(rc == 0 && type == MQTYPE_INT64 && y == (1LL << 40), "int64 back");
		rc = inq(m2, "ratio", 0, &type, &z, 8, &len, NULL, NULL, 0);
		CHECK(rc == 0 && type == MQTYPE_FLOAT64 && z == 0.1, "float64 back exactly");
		rc = inq(m2, "flag", 0, &type, &bb, 4, &len, NULL, NULL, 0);
		CHECK(rc == 0 && type == MQTYPE_BOOLEAN && bb == 0, "boolean back");
		rc = inq(m2, "raw", 0, &type, v, sizeof v, &len, NULL, NULL, 0);
		CHECK(rc == 0 && type == MQTYPE_BYTE_STRING && len == 3 && !memcmp(v, bytes, 3), "byte string back");
		rc = inq(m2, "nothing", 0, &type, v, sizeof v, &len, NULL, NULL, 0);
		CHECK(rc == 0 && type == MQTYPE_NULL, "null back");
		rc = inq(m2, "JMSType", 0, &type, v, sizeof v, &len, NULL, rn, sizeof rn);
		CHECK(rc == 0 && len == 6 && !strcmp(rn, "JMSType"), "JMSType back (mcd.Type in the MQRFH2)");
	}
	/* only the user properties, deleted from the handle */
	mo.Options = MQMHBO_PROPERTIES_IN_MQRFH2 | MQMHBO_DELETE_PROPERTIES;
	memcpy(md.Format, MQFMT_NONE, 8);
	MQMHBUF(hc, m, &mo, &usr, &md, sizeof buf, buf, &dl, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQMHBUF of usr.% with DELETE_PROPERTIES");
	CHECK(has(buf, dl, "<usr>") && !has(buf, dl, "<mcd>"), "a usr folder and no mcd folder in it");
	type = MQTYPE_AS_SET;
	rc = inq(m, "%", 0, &type, rn, sizeof rn, &len, &cc, rn, sizeof rn);
	CHECK(rc == 0 && !strcmp(rn, "JMSType"), "only JMSType (mcd.Type) is left in the handle");

	/* a broken MQRFH2 */
	{
		MQMD md2 = { MQMD_DEFAULT };
		uint8_t bad[64];
		memcpy(md2.Format, MQFMT_RF_HEADER_2, 8);
		memset(bad, 0, sizeof bad);
		memcpy(bad, "RFH ", 4);
		bad[4] = 2;
		bad[8] = 200;     /* StrucLength past the buffer */
		MQBUFMH(hc, m2, &bo, &md2, sizeof bad, bad, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_RFH_FORMAT_ERROR, "MQBUFMH of an MQRFH2 longer than the buffer");
		memcpy(md2.Format, MQFMT_STRING, 8);
		MQBUFMH(hc, m2, &bo, &md2, sizeof bad, bad, &len, &cc, &rc);
		CHECK(rc == 0 && len == sizeof bad, "MQBUFMH of data that is not MQHRF2: nothing to take, all stays");
	}
	dlt(&m);
	dlt(&m2);
}

/* Threads: each its own handle, many calls at once. */
static void *worker(void *arg)
{
	MQHMSG m = crt(MQHC_UNASSOCIATED_HCONN, 0);
	long id = (long)arg;
	int i, bad = 0;
	char name[32];
	for (i = 0; i < 2000; i++) {
		MQSMPO smpo = { MQSMPO_DEFAULT };
		MQIMPO impo = { MQIMPO_DEFAULT };
		MQPD pd = { MQPD_DEFAULT };
		MQCHARV n;
		MQLONG cc, rc, type = MQTYPE_AS_SET, len;
		int32_t v = (int32_t)(id * 100000 + i), got = 0;
		snprintf(name, sizeof name, "p%d", i % 50);
		n = nm(name);
		MQSETMP(MQHC_UNASSOCIATED_HCONN, m, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &cc, &rc);
		if (rc)
			bad++;
		MQINQMP(MQHC_UNASSOCIATED_HCONN, m, &impo, &n, &pd, &type, 4, &got, &len, &cc, &rc);
		if (rc || got != v)
			bad++;
	}
	{
		MQDMHO o = { MQDMHO_DEFAULT };
		MQLONG cc, rc;
		MQDLTMH(MQHC_UNASSOCIATED_HCONN, &m, &o, &cc, &rc);
	}
	return (void *)(long)bad;
}

/* ---- properties with messages ---- */

static MQHOBJ openq(const char *q, MQLONG opts)
{
	MQHOBJ h = MQHO_UNUSABLE_HOBJ;
	MQLONG rc = mqt_open(hc, q, opts, &h);
	if (rc)
		printf("# MQOPEN %s: %d\n", q, (int)rc);
	return h;
}

static void closeq(MQHOBJ h)
{
	MQLONG cc, rc;
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc);
}

/* Put body with the properties of handle nh (MQPMO version 3); the reason. */
static MQLONG put_h(MQHOBJ q, MQHMSG orig, MQHMSG nh, MQLONG action, const char *body, MQLONG persistence)
{
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	memcpy(md.Format, MQFMT_STRING, 8);
	md.Persistence = persistence;
	pmo.Version = MQPMO_VERSION_3;
	pmo.Options = MQPMO_NO_SYNCPOINT;
	pmo.OriginalMsgHandle = orig;
	pmo.NewMsgHandle = nh;
	pmo.Action = action;
	MQPUT(hc, q, &md, &pmo, (MQLONG)strlen(body), (void *)body, &cc, &rc);
	return rc;
}

/* Get into buf with a version 4 MQGMO (handle h, options extra) or a version 1 one (h < 0). */
static MQLONG get_h(MQHOBJ q, MQHMSG h, MQLONG extra, void *buf, MQLONG cap, MQLONG *len, MQMD *mdo, MQLONG *cc)
{
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG c, rc;
	gmo.Options = MQGMO_NO_WAIT | MQGMO_NO_SYNCPOINT | extra;
	if (h >= 0) {
		gmo.Version = MQGMO_VERSION_4;
		gmo.MsgHandle = h;
	}
	*len = -1;
	MQGET(hc, q, &md, &gmo, cap, buf, len, &c, &rc);
	if (mdo)
		*mdo = md;
	if (cc)
		*cc = c;
	return rc;
}

static int32_t intprop(MQHMSG h, const char *name)
{
	int32_t v = -999;
	MQLONG type = MQTYPE_AS_SET, len;
	inq(h, name, 0, &type, &v, 4, &len, NULL, NULL, 0);
	return v;
}

static int nprops(MQHMSG h)
{
	MQLONG type, len, rc;
	char b[256];
	int n = 0;
	for (rc = inq(h, "%", 0, &type, b, sizeof b, &len, NULL, NULL, 0); rc == 0 || rc == MQRC_PROPERTY_VALUE_TOO_BIG;
	     rc = inq(h, "%", MQIMPO_INQ_NEXT, &type, b, sizeof b, &len, NULL, NULL, 0))
		n++;
	return n;
}

static void test_messages(void)
{
	MQHMSG nh = crt(hc, 0), gh = crt(hc, 0), other = crt(hc, 0);
	MQHOBJ q = openq("T.PROPS", MQOO_OUTPUT | MQOO_INPUT_SHARED | MQOO_BROWSE);
	MQLONG cc, rc, len;
	MQMD md;
	uint8_t buf[8192];
	int32_t v = 42;
	char s[64];
	MQLONG type;

	setp(nh, "colour", MQTYPE_STRING, MQVL_NULL_TERMINATED, "red", NULL);
	setp(nh, "size", MQTYPE_INT32, 4, &v, NULL);

	/* with a handle: properties in it, the body alone in the buffer */
	EXPECT(0, put_h(q, MQHM_NONE, nh, MQACTP_NEW, "hello", MQPER_NOT_PERSISTENT), 0, 0, "MQPUT with NewMsgHandle");
	setp(gh, "stale", MQTYPE_INT32, 4, &v, NULL);
	rc = get_h(q, gh, 0, buf, sizeof buf, &len, &md, &cc);
	CHECK(rc == 0 && len == 5 && !memcmp(buf, "hello", 5) && !memcmp(md.Format, MQFMT_STRING, 8),
	      "MQGET v4 with a handle (AS_Q_DEF, COMPAT): the body alone, Format MQSTR (DataLength %d)", (int)len);
	type = MQTYPE_AS_SET;
	rc = inq(gh, "colour", 0, &type, s, sizeof s, &len, NULL, NULL, 0);
	CHECK(rc == 0 && len == 3 && !memcmp(s, "red", 3) && intprop(gh, "size") == 42 && nprops(gh) == 2,
	      "the properties are in the handle, and only this message's");

	/* an old program (MQGMO version 1): PROPCTL COMPAT and a usr folder: the MQRFH2 in the data */
	put_h(q, MQHM_NONE, nh, MQACTP_NEW, "hello", MQPER_NOT_PERSISTENT);
	rc = get_h(q, -1, 0, buf, sizeof buf, &len, &md, &cc);
	CHECK(rc == 0 && len > 5 && !memcmp(buf, "RFH ", 4) && !memcmp(md.Format, MQFMT_RF_HEADER_2, 8) &&
	      !memcmp(buf + len - 5, "hello", 5), "MQGMO v1, PROPCTL COMPAT: the MQRFH2 and then the body");
	{
		/* and MQBUFMH gives the properties back from it */
		MQBMHO bo = { MQBMHO_DEFAULT };
		MQLONG dl;
		bo.Options = MQBMHO_DELETE_PROPERTIES;
		MQBUFMH(hc, other, &bo, &md, len, buf, &dl, &cc, &rc);
		CHECK(rc == 0 && dl == 5 && intprop(other, "size") == 42 && !memcmp(md.Format, MQFMT_STRING, 8),
		      "MQBUFMH of what the old program got: the properties and the body");
	}
	/* no property in mcd, jms, usr or mqext: COMPAT strips them */
	{
		MQHMSG x = crt(hc, 0);
		setp(x, "myfolder.v", MQTYPE_INT32, 4, &v, NULL);
		put_h(q, MQHM_NONE, x, MQACTP_NEW, "plain", MQPER_NOT_PERSISTENT);
		rc = get_h(q, -1, 0, buf, sizeof buf, &len, &md, &cc);
		CHECK(rc == 0 && len == 5 && !memcmp(buf, "plain", 5) && !memcmp(md.Format, MQFMT_STRING, 8),
		      "MQGMO v1, COMPAT, only a myfolder property: the body alone");
		dlt(&x);
	}
	/* the MQGMO property options */
	put_h(q, MQHM_NONE, nh, MQACTP_NEW, "hello", MQPER_NOT_PERSISTENT);
	rc = get_h(q, -1, MQGMO_PROPERTIES_IN_HANDLE, buf, sizeof buf, &len, &md, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HMSG_ERROR, "PROPERTIES_IN_HANDLE with no handle");
	rc = get_h(q, 999, 0, buf, sizeof buf, &len, &md, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HMSG_ERROR, "MQGMO v4 with a bad MsgHandle");
	rc = get_h(q, gh, MQGMO_PROPERTIES_FORCE_MQRFH2, buf, sizeof buf, &len, &md, &cc);
	CHECK(rc == 0 && !memcmp(buf, "RFH ", 4) && nprops(gh) == 2,
	      "PROPERTIES_FORCE_MQRFH2 with a handle: the MQRFH2 in the data, the handle ignored");
	put_h(q, MQHM_NONE, nh, MQACTP_NEW, "hello", MQPER_NOT_PERSISTENT);
	setp(gh, "mark", MQTYPE_INT32, 4, &v, NULL);
	rc = get_h(q, gh, MQGMO_NO_PROPERTIES, buf, sizeof buf, &len, &md, &cc);
	CHECK(rc == 0 && len == 5 && nprops(gh) == 3, "NO_PROPERTIES: the body alone, the handle ignored");
	put_h(q, MQHM_NONE, nh, MQACTP_NEW, "hello", MQPER_NOT_PERSISTENT);
	rc = get_h(q, -1, MQGMO_PROPERTIES_COMPATIBILITY, buf, sizeof buf, &len, &md, &cc);
	CHECK(rc == 0 && !memcmp(buf, "RFH ", 4), "PROPERTIES_COMPATIBILITY: the MQRFH2 (a usr folder)");
	put_h(q, MQHM_NONE, nh, MQACTP_NEW, "hello", MQPER_NOT_PERSISTENT);
	rc = get_h(q, gh, MQGMO_PROPERTIES_IN_HANDLE | MQGMO_BROWSE_FIRST, buf, sizeof buf, &len, &md, &cc);
	CHECK(rc == 0 && len == 5 && intprop(gh, "size") == 42, "a browse into a handle");
	rc = get_h(q, gh, MQGMO_PROPERTIES_IN_HANDLE, buf, sizeof buf, &len, &md, &cc);
	CHECK(rc == 0 && len == 5 && intprop(gh, "size") == 42, "PROPERTIES_IN_HANDLE");

	/* truncation counts the body alone */
	{
		MQHMSG big = crt(hc, 0);
		char lots[3000];
		memset(lots, 'x', sizeof lots - 1);
		lots[sizeof lots - 1] = 0;
		setp(big, "lots", MQTYPE_STRING, MQVL_NULL_TERMINATED, lots, NULL);
		setp(big, "size", MQTYPE_INT32, 4, &v, NULL);
		put_h(q, MQHM_NONE, big, MQACTP_NEW, "0123456789", MQPER_NOT_PERSISTENT);
		rc = get_h(q, gh, 0, buf, 4, &len, &md, &cc);
		EXPECT(cc, rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_FAILED, "a 10-byte body into 4 bytes");
		CHECK(len == 10, "DataLength is the body's length (%d), not the properties'", (int)len);
		rc = get_h(q, gh, MQGMO_ACCEPT_TRUNCATED_MSG, buf, 4, &len, &md, &cc);
		EXPECT(cc, rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_ACCEPTED, "accepted truncated");
		CHECK(len == 10 && !memcmp(buf, "0123", 4) && intprop(gh, "size") == 42,
		      "four bytes of the body, and all the properties in the handle");
		put_h(q, MQHM_NONE, big, MQACTP_NEW, "0123456789", MQPER_NOT_PERSISTENT);
		rc = get_h(q, gh, 0, buf, 10, &len, &md, &cc);
		CHECK(rc == 0 && len == 10, "a buffer the body's size is enough");
		/* properties count against MAXMSGL */
		{
			MQHOBJ sq = openq("T.SMALL", MQOO_OUTPUT);
			rc = put_h(sq, MQHM_NONE, nh, MQACTP_NEW, "12345", MQPER_NOT_PERSISTENT);
			EXPECT(0, rc, 0, MQRC_MSG_TOO_BIG_FOR_Q, "5 bytes and their properties to MAXMSGL(10)");
			closeq(sq);
		}
		dlt(&big);
	}

	/* an MQRFH2 an application wrote itself is read into the handle */
	{
		MQMHBO mo = { MQMHBO_DEFAULT };
		MQCHARV all = { MQPROP_INQUIRE_ALL };
		MQMD pmd = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		MQLONG dl;
		memcpy(pmd.Format, MQFMT_STRING, 8);
		MQMHBUF(hc, nh, &mo, &all, &pmd, sizeof buf, buf, &dl, &cc, &rc);
		memcpy(buf + dl, "by hand", 7);
		pmo.Options = MQPMO_NO_SYNCPOINT;
		MQPUT(hc, q, &pmd, &pmo, dl + 7, buf, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, 0, "MQPUT of data that starts with the application's MQRFH2");
		rc = get_h(q, gh, MQGMO_PROPERTIES_IN_HANDLE, buf, sizeof buf, &len, &md, &cc);
		CHECK(rc == 0 && len == 7 && !memcmp(buf, "by hand", 7) && intprop(gh, "size") == 42,
		      "got with PROPERTIES_IN_HANDLE: its properties in the handle, the body alone");
	}

	/* MQPMO Action and OriginalMsgHandle: CopyOptions decide what a reply takes */
	{
		MQHMSG o = crt(hc, 0);
		MQSMPO smpo = { MQSMPO_DEFAULT };
		MQPD pd = { MQPD_DEFAULT };
		MQCHARV n = nm("forreply");
		int32_t w = 7;
		setp(o, "notforreply", MQTYPE_INT32, 4, &w, NULL);    /* MQCOPY_DEFAULT: no REPLY */
		pd.CopyOptions = MQCOPY_REPLY;
		MQSETMP(hc, o, &smpo, &n, &pd, MQTYPE_INT32, 4, &w, &cc, &rc);
		EXPECT(0, put_h(q, o, MQHM_NONE, MQACTP_REPLY, "re", MQPER_NOT_PERSISTENT), 0, 0, "MQACTP_REPLY");
		get_h(q, gh, 0, buf, sizeof buf, &len, &md, &cc);
		CHECK(nprops(gh) == 1 && intprop(gh, "forreply") == 7, "a reply takes the MQCOPY_REPLY property only");
		EXPECT(0, put_h(q, o, nh, MQACTP_FORWARD, "fw", MQPER_NOT_PERSISTENT), 0, 0, "MQACTP_FORWARD with both");
		get_h(q, gh, 0, buf, sizeof buf, &len, &md, &cc);
		CHECK(nprops(gh) == 3 && intprop(gh, "notforreply") == 7 && intprop(gh, "size") == 42,
		      "a forward takes MQCOPY_DEFAULT ones, and the new handle's");
		rc = put_h(q, o, MQHM_NONE, 99, "x", MQPER_NOT_PERSISTENT);
		EXPECT(0, rc, 0, MQRC_ACTION_ERROR, "Action 99");
		rc = put_h(q, MQHM_NONE, 12345, MQACTP_NEW, "x", MQPER_NOT_PERSISTENT);
		EXPECT(0, rc, 0, MQRC_HMSG_ERROR, "a bad NewMsgHandle");
		dlt(&o);
	}
	/* MQPUT1 */
	{
		MQOD od = { MQOD_DEFAULT };
		MQMD pmd = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		mqt_name(od.ObjectName, sizeof od.ObjectName, "T.PROPS");
		pmo.Version = MQPMO_VERSION_3;
		pmo.Options = MQPMO_NO_SYNCPOINT;
		pmo.NewMsgHandle = nh;
		MQPUT1(hc, &od, &pmd, &pmo, 3, "one", &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, 0, "MQPUT1 with NewMsgHandle");
		rc = get_h(q, gh, 0, buf, sizeof buf, &len, &md, &cc);
		CHECK(rc == 0 && len == 3 && intprop(gh, "size") == 42, "its properties come into the handle");
	}
	closeq(q);

	/* PROPCTL of each queue, for a v1 getter and for a getter with a handle */
	{
		static const struct { const char *q; int v1_rfh2, h_props, h_rfh2; } t[] = {
			{ "T.PROPS.NONE", 0, 0, 0 }, { "T.PROPS.ALL", 1, 1, 0 },
			{ "T.PROPS.FORCE", 1, 0, 1 }, { "T.PROPS.V6", 1, 1, 0 },
			{ "T.PROPS.AL", 0, 0, 0 },    /* an alias's own PROPCTL(NONE), over T.PROPS */
		};
		size_t i;
		for (i = 0; i < sizeof t / sizeof t[0]; i++) {
			MQHOBJ x = openq(t[i].q, MQOO_OUTPUT | MQOO_INPUT_SHARED);
			put_h(x, MQHM_NONE, nh, MQACTP_NEW, "hello", MQPER_NOT_PERSISTENT);
			put_h(x, MQHM_NONE, nh, MQACTP_NEW, "hello", MQPER_NOT_PERSISTENT);
			rc = get_h(x, -1, 0, buf, sizeof buf, &len, &md, &cc);
			CHECK(rc == 0 && (!memcmp(buf, "RFH ", 4)) == t[i].v1_rfh2 && (len == 5) == !t[i].v1_rfh2,
			      "%s, MQGMO v1: %s", t[i].q, t[i].v1_rfh2 ? "the MQRFH2 in the data" : "the body alone");
			rc = get_h(x, gh, 0, buf, sizeof buf, &len, &md, &cc);
			CHECK(rc == 0 && (nprops(gh) == 2) == t[i].h_props && (!memcmp(buf, "RFH ", 4)) == t[i].h_rfh2,
			      "%s, with a handle: %s", t[i].q,
			      t[i].h_props ? "the properties in it" : t[i].h_rfh2 ? "the MQRFH2 in the data" : "none");
			closeq(x);
		}
	}
	dlt(&nh);
	dlt(&gh);
	dlt(&other);
}

/* ---- a persistent message with properties across a restart (t6100) ---- */

static const double pers_f8 = 6.02214076e23;
static const int64_t pers_i8 = -9000000000000000000LL;

static int pers_put(const char *qn)
{
	MQHMSG h = crt(hc, 0);
	MQHOBJ q = openq(qn, MQOO_OUTPUT);
	MQBOOL t = 1;
	int16_t i2 = -2;
	MQLONG rc;
	setp(h, "colour", MQTYPE_STRING, MQVL_NULL_TERMINATED, "ultramarine", NULL);
	setp(h, "flag", MQTYPE_BOOLEAN, 4, &t, NULL);
	setp(h, "i2", MQTYPE_INT16, 2, &i2, NULL);
	setp(h, "i8", MQTYPE_INT64, 8, &pers_i8, NULL);
	setp(h, "f8", MQTYPE_FLOAT64, 8, &pers_f8, NULL);
	setp(h, "raw", MQTYPE_BYTE_STRING, 3, "\x01\x00\xff", NULL);
	setp(h, "JMSType", MQTYPE_STRING, MQVL_NULL_TERMINATED, "kind", NULL);
	rc = put_h(q, MQHM_NONE, h, MQACTP_NEW, "persistent body", MQPER_PERSISTENT);
	EXPECT(0, rc, 0, 0, "a persistent message with properties put");
	closeq(q);
	dlt(&h);
	return mqt_done();
}

static int pers_check(const char *qn)
{
	MQHMSG h = crt(hc, 0);
	MQHOBJ q = openq(qn, MQOO_INPUT_SHARED);
	uint8_t buf[256], v[64];
	MQLONG cc, rc, len, type = MQTYPE_AS_SET;
	MQMD md;
	rc = get_h(q, h, MQGMO_PROPERTIES_IN_HANDLE, buf, sizeof buf, &len, &md, &cc);
	CHECK(rc == 0 && len == 15 && !memcmp(buf, "persistent body", 15) && md.Persistence == MQPER_PERSISTENT,
	      "the persistent message is there, its body alone");
	rc = inq(h, "colour", 0, &type, v, sizeof v, &len, NULL, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_STRING && len == 11 && !memcmp(v, "ultramarine", 11), "colour");
	rc = inq(h, "flag", 0, &type, v, sizeof v, &len, NULL, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_BOOLEAN && v[0] == 1, "flag");
	rc = inq(h, "i2", 0, &type, v, sizeof v, &len, NULL, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_INT16 && len == 2 && ((int16_t *)(void *)v)[0] == -2, "i2");
	{
		int64_t i8;
		double f8;
		rc = inq(h, "i8", 0, &type, &i8, 8, &len, NULL, NULL, 0);
		CHECK(rc == 0 && type == MQTYPE_INT64 && i8 == pers_i8, "i8");
		rc = inq(h, "f8", 0, &type, &f8, 8, &len, NULL, NULL, 0);
		CHECK(rc == 0 && type == MQTYPE_FLOAT64 && f8 == pers_f8, "f8");
	}
	rc = inq(h, "raw", 0, &type, v, sizeof v, &len, NULL, NULL, 0);
	CHECK(rc == 0 && type == MQTYPE_BYTE_STRING && len == 3 && !memcmp(v, "\x01\x00\xff", 3), "raw");
	rc = inq(h, "JMSType", 0, &type, v, sizeof v, &len, NULL, NULL, 0);
	CHECK(rc == 0 && len == 4 && !memcmp(v, "kind", 4), "JMSType");
	CHECK(nprops(h) == 7, "seven properties, no more");
	closeq(q);
	dlt(&h);
	return mqt_done();
}

/* MQSETMP of an INT32 with this Support; the reason. */
static MQLONG setp_sup(MQHMSG h, const char *name, MQLONG support)
{
	MQSMPO smpo = { MQSMPO_DEFAULT };
	MQPD pd = { MQPD_DEFAULT };
	MQCHARV n = nm(name);
	MQLONG c, rc, v = 7;
	pd.Support = support;
	MQSETMP(hc, h, &smpo, &n, &pd, MQTYPE_INT32, 4, &v, &c, &rc);
	return rc;
}

/* The Support MQINQMP returns for name (-1: the call failed). */
static MQLONG sup_of(MQHMSG h, const char *name)
{
	MQIMPO impo = { MQIMPO_DEFAULT };
	MQPD pd = { MQPD_DEFAULT };
	MQCHARV n = nm(name);
	MQLONG c, rc, type = MQTYPE_AS_SET, len, v;
	pd.Support = -5;
	MQINQMP(hc, h, &impo, &n, &pd, &type, 4, &v, &len, &c, &rc);
	return rc == MQRC_NONE ? pd.Support : -1;
}

static MQLONG put1_h(const char *q, MQHMSG nh)
{
	MQOD od = { MQOD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	mqt_name(od.ObjectName, sizeof od.ObjectName, q);
	pmo.Version = MQPMO_VERSION_3;
	pmo.Options = MQPMO_NO_SYNCPOINT;
	pmo.NewMsgHandle = nh;
	MQPUT1(hc, &od, &md, &pmo, 1, "s", &cc, &rc);
	return rc;
}

/* MQPD.Support: assigned with validation, an input for MQ-defined properties
 * without it, and MQPUT/MQPUT1's 2490 for a required one Quire lacks. */
static void test_support(void)
{
	MQHMSG v = crt(hc, MQCMHO_VALIDATE), nv = crt(hc, MQCMHO_NO_VALIDATION), g = crt(hc, 0);
	MQHOBJ q = openq("T.PROPS", MQOO_OUTPUT | MQOO_INPUT_SHARED);
	uint8_t buf[4096];
	MQLONG len, cc;
	MQLONG depth0 = mqt_depth(hc, "T.PROPS");

	/* with validation Support is no input: every property OPTIONAL */
	EXPECT(MQCC_OK, setp_sup(v, "usr.sup1", MQPD_SUPPORT_REQUIRED), MQCC_OK, MQRC_NONE,
	       "MQSETMP of a user property asking REQUIRED");
	CHECK(sup_of(v, "usr.sup1") == MQPD_SUPPORT_OPTIONAL, "a user property is OPTIONAL (%d)",
	      (int)sup_of(v, "usr.sup1"));
	EXPECT(MQCC_OK, setp_sup(v, "mqps.Sup", MQPD_SUPPORT_REQUIRED), MQCC_OK, MQRC_NONE,
	       "MQSETMP of mqps.Sup asking REQUIRED, with validation");
	CHECK(sup_of(v, "mqps.Sup") == MQPD_SUPPORT_OPTIONAL, "assigned OPTIONAL: not recognised");
	EXPECT(MQCC_OK, setp_sup(v, "usr.odd", 12345), MQCC_OK, MQRC_NONE, "an unknown Support value is no error");
	EXPECT(MQCC_OK, put_h(q, MQHM_NONE, v, MQACTP_NEW, "v", MQPER_NOT_PERSISTENT), MQCC_OK, MQRC_NONE,
	       "MQPUT with them");

	/* without validation: an input for MQ-defined properties */
	EXPECT(MQCC_OK, setp_sup(nv, "usr.sup2", MQPD_SUPPORT_REQUIRED), MQCC_OK, MQRC_NONE,
	       "MQSETMP of a user property asking REQUIRED, no validation");
	CHECK(sup_of(nv, "usr.sup2") == MQPD_SUPPORT_OPTIONAL, "a user property stays OPTIONAL");
	EXPECT(MQCC_OK, setp_sup(nv, "JMSCorrelationID", MQPD_SUPPORT_REQUIRED), MQCC_OK, MQRC_NONE,
	       "JMSCorrelationID REQUIRED, no validation");
	CHECK(sup_of(nv, "JMSCorrelationID") == MQPD_SUPPORT_REQUIRED, "kept REQUIRED (%d)",
	      (int)sup_of(nv, "JMSCorrelationID"));
	EXPECT(MQCC_OK, setp_sup(nv, "mqps.Opt", MQPD_SUPPORT_OPTIONAL), MQCC_OK, MQRC_NONE, "mqps.Opt OPTIONAL");
	EXPECT(MQCC_OK, put_h(q, MQHM_NONE, nv, MQACTP_NEW, "nv", MQPER_NOT_PERSISTENT), MQCC_OK, MQRC_NONE,
	       "MQPUT: a required JMS property is supported, an optional mqps one is carried");
	EXPECT(MQCC_OK, setp_sup(nv, "mqps.Req", MQPD_SUPPORT_REQUIRED), MQCC_OK, MQRC_NONE, "mqps.Req REQUIRED");
	CHECK(sup_of(nv, "mqps.Req") == MQPD_SUPPORT_REQUIRED, "mqps.Req REQUIRED kept");
	EXPECT(MQCC_FAILED, put_h(q, MQHM_NONE, nv, MQACTP_NEW, "x", MQPER_NOT_PERSISTENT), MQCC_FAILED,
	       MQRC_UNSUPPORTED_PROPERTY, "MQPUT with a required property Quire lacks: 2490");
	EXPECT(MQCC_FAILED, put1_h("T.PROPS", nv), MQCC_FAILED, MQRC_UNSUPPORTED_PROPERTY, "MQPUT1 the same: 2490");
	EXPECT(MQCC_FAILED, put_h(q, nv, MQHM_NONE, MQACTP_FORWARD, "x", MQPER_NOT_PERSISTENT), MQCC_FAILED,
	       MQRC_UNSUPPORTED_PROPERTY, "as the original message handle of a forward (copied): 2490");
	MQDLTMP(hc, nv, &(MQDMPO){ MQDMPO_DEFAULT }, &(MQCHARV){ .VSPtr = (MQPTR) "mqps.Req",
		.VSLength = MQVS_NULL_TERMINATED }, &cc, &len);
	EXPECT(MQCC_OK, setp_sup(nv, "mqext.Local", MQPD_SUPPORT_REQUIRED_IF_LOCAL), MQCC_OK, MQRC_NONE,
	       "mqext.Local REQUIRED_IF_LOCAL");
	EXPECT(MQCC_FAILED, put_h(q, MQHM_NONE, nv, MQACTP_NEW, "x", MQPER_NOT_PERSISTENT), MQCC_FAILED,
	       MQRC_UNSUPPORTED_PROPERTY, "REQUIRED_IF_LOCAL to a local queue: 2490");
	MQDLTMP(hc, nv, &(MQDMPO){ MQDMPO_DEFAULT }, &(MQCHARV){ .VSPtr = (MQPTR) "mqext.Local",
		.VSLength = MQVS_NULL_TERMINATED }, &cc, &len);
	/* values MQ does not know, taken by its masks */
	setp_sup(nv, "mq.a", 0x00200000);
	setp_sup(nv, "mq.b", 0x00000800);
	setp_sup(nv, "mq.c", 0x00000002);
	CHECK(sup_of(nv, "mq.a") == MQPD_SUPPORT_REQUIRED && sup_of(nv, "mq.b") == MQPD_SUPPORT_REQUIRED_IF_LOCAL &&
	      sup_of(nv, "mq.c") == MQPD_SUPPORT_OPTIONAL, "unknown Support values by MQ's masks (%d %d %d)",
	      (int)sup_of(nv, "mq.a"), (int)sup_of(nv, "mq.b"), (int)sup_of(nv, "mq.c"));
	CHECK(mqt_depth(hc, "T.PROPS") == depth0 + 2, "the refused puts put nothing (depth %d)",
	      (int)mqt_depth(hc, "T.PROPS"));

	/* got back: Support as MQ assigns, OPTIONAL */
	EXPECT(MQCC_OK, get_h(q, v, MQGMO_PROPERTIES_IN_HANDLE, buf, sizeof buf, &len, NULL, &cc), MQCC_OK, MQRC_NONE,
	       "get the first");
	EXPECT(MQCC_OK, get_h(q, g, MQGMO_PROPERTIES_IN_HANDLE, buf, sizeof buf, &len, NULL, &cc), MQCC_OK, MQRC_NONE,
	       "get the second");
	CHECK(sup_of(g, "JMSCorrelationID") == MQPD_SUPPORT_OPTIONAL && sup_of(g, "mqps.Opt") == MQPD_SUPPORT_OPTIONAL,
	      "got properties are OPTIONAL");
	closeq(q);
	dlt(&v);
	dlt(&nv);
	dlt(&g);
}

int main(int argc, char **argv)
{
	pthread_t t[4];
	long i, bad = 0;
	if (argc != 2 && argc != 4) {
		fprintf(stderr, "usage: mqi_props QMGR [put|check QUEUE]\n");
		return 2;
	}
	setenv("QMNAME", argv[1], 1);
	hc = mqt_conn(argv[1], 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	if (argc == 4)
		return !strcmp(argv[2], "put") ? pers_put(argv[3]) : pers_check(argv[3]);
	test_handles();
	test_types();
	test_names();
	test_cursor();
	test_misuse();
	test_buffers();
	test_messages();
	test_support();
	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (i = 0; i < 4; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += (long)r;
	}
	CHECK(bad == 0, "four threads, 2000 MQSETMP and MQINQMP each on their own handles: %ld wrong", bad);
	{
		MQLONG cc, rc;
		MQDISC(&hc, &cc, &rc);
	}
	return mqt_done();
}
