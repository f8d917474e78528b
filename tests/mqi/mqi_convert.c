/*
 * mqi_convert: MQGET with MQGMO_CONVERT, against a running queue manager with
 * the queue T.Q2 of tests/integration/t6100-mqi-verbs.sh, empty.
 *
 * Each case puts one message with a chosen CodedCharSetId, Encoding and
 * Format, gets it with CONVERT into a buffer of a chosen size, and checks the
 * bytes, DataLength, the returned CCSID and Encoding and the reason
 * (qm/server/mqiserv_get.c get_data has the rules).
 *
 *   usage: mqi_convert QMGR
 */
#include "mqt.h"

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
	unsigned char buf[64];
};

/* Get (options besides CONVERT given) into a buffer of buflen, asking for
 * ccsid and enc. */
static void get_as(MQLONG options, MQLONG buflen, MQLONG ccsid, MQLONG enc, struct got *g)
{
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	md.CodedCharSetId = ccsid;
	md.Encoding = enc;
	gmo.Options = MQGMO_NO_SYNCPOINT | options;
	memset(g->buf, 0x7e, sizeof g->buf);
	g->len = -1;
	MQGET(hc, hq, &md, &gmo, buflen, g->buf, &g->len, &g->cc, &g->rc);
	g->ccsid = md.CodedCharSetId;
	g->enc = md.Encoding;
}

static int bytes_are(const struct got *g, const void *want, size_t n)
{
	return memcmp(g->buf, want, n) == 0 && g->buf[n] == 0x7e;
}

static void drain(void)
{
	struct got g;
	do
		get_as(MQGMO_ACCEPT_TRUNCATED_MSG, 64, MQCCSI_Q_MGR, MQENC_NATIVE, &g);
	while (g.cc != MQCC_FAILED);
}

int main(int argc, char **argv)
{
	struct got g;
	MQLONG cc, rc;
	if (argc != 2) {
		fprintf(stderr, "usage: mqi_convert QMGR\n");
		return 2;
	}
	hc = mqt_conn(argv[1], 0);
	CHECK(hc != MQHC_UNUSABLE_HCONN, "connected to %s", argv[1]);
	CHECK(mqt_open(hc, "T.Q2", MQOO_INPUT_SHARED | MQOO_OUTPUT | MQOO_BROWSE, &hq) == MQRC_NONE, "open T.Q2");
	drain();

	/* UTF-8 to Latin-1 */
	put_as("h\xc3\xa9llo w\xc3\xb6rld", 13, 1208, MQENC_NATIVE, MQFMT_STRING);
	get_as(MQGMO_CONVERT, 64, 819, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "UTF-8 to 819");
	CHECK(g.len == 11 && bytes_are(&g, "h\xe9llo w\xf6rld", 11) && g.ccsid == 819,
	      "the Latin-1 bytes, DataLength 11, CCSID 819 (len %d ccsid %d)", (int)g.len, (int)g.ccsid);

	/* Latin-1 to EBCDIC (CCSID 37) and back through a browse */
	put_as("HELLO", 5, 819, MQENC_NATIVE, MQFMT_STRING);
	get_as(MQGMO_CONVERT | MQGMO_BROWSE_FIRST, 64, 37, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "browse 819 to 37");
	CHECK(g.len == 5 && bytes_are(&g, "\xc8\xc5\xd3\xd3\xd6", 5) && g.ccsid == 37, "EBCDIC bytes, CCSID 37");
	get_as(0, 64, 37, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "the browsed message is still there; got without CONVERT");
	CHECK(g.len == 5 && bytes_are(&g, "HELLO", 5) && g.ccsid == 819, "without CONVERT: as put, CCSID 819");

	/* UTF-16: byte order from the Encoding */
	put_as("abc", 3, 1208, MQENC_NATIVE, MQFMT_STRING);
	get_as(MQGMO_CONVERT, 64, 1200, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "UTF-8 to 1200, native encoding");
	CHECK(g.len == 6 && bytes_are(&g, "a\0b\0c\0", 6) && g.ccsid == 1200 && g.enc == MQENC_NATIVE,
	      "little-endian UTF-16 (MQENC_INTEGER_REVERSED)");
	put_as("abc", 3, 1208, MQENC_NATIVE, MQFMT_STRING);
	get_as(MQGMO_CONVERT, 64, 1200, MQENC_NORMAL, &g);
	EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "UTF-8 to 1200, MQENC_NORMAL");
	CHECK(g.len == 6 && bytes_are(&g, "\0a\0b\0c", 6) && g.enc == MQENC_NORMAL, "big-endian UTF-16");
	put_as("\0x\0y", 4, 1200, MQENC_NORMAL, MQFMT_STRING);
	get_as(MQGMO_CONVERT, 64, 1208, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "big-endian 1200 to UTF-8");
	CHECK(g.len == 2 && bytes_are(&g, "xy", 2) && g.ccsid == 1208, "xy in UTF-8");

	/* what is not converted */
	put_as("abc", 3, 1208, MQENC_NATIVE, MQFMT_NONE);
	get_as(MQGMO_CONVERT, 64, 819, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_WARNING, MQRC_FORMAT_ERROR, "MQFMT_NONE to another CCSID: 2110");
	CHECK(g.len == 3 && bytes_are(&g, "abc", 3) && g.ccsid == 1208, "returned as put, CCSID 1208");
	put_as("abc", 3, 1208, MQENC_NATIVE, MQFMT_NONE);
	get_as(MQGMO_CONVERT, 64, 1208, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "MQFMT_NONE already in the CCSID asked for: no warning");
	put_as("abc", 3, 9999, MQENC_NATIVE, MQFMT_STRING);
	get_as(MQGMO_CONVERT, 64, 1208, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_WARNING, MQRC_SOURCE_CCSID_ERROR, "a source CCSID Quire does not know: 2111");
	CHECK(g.len == 3 && bytes_are(&g, "abc", 3) && g.ccsid == 9999, "returned as put");
	put_as("abc", 3, 9999, MQENC_NATIVE, MQFMT_STRING);
	get_as(MQGMO_CONVERT, 64, 9999, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "a CCSID Quire does not know, asked for as it is: nothing to convert");
	put_as("abc", 3, 1208, MQENC_NATIVE, MQFMT_STRING);
	get_as(MQGMO_CONVERT, 64, 8888, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_WARNING, MQRC_TARGET_CCSID_ERROR, "a target CCSID Quire does not know: 2115");
	put_as("1 \xe2\x82\xac", 5, 1208, MQENC_NATIVE, MQFMT_STRING);
	get_as(MQGMO_CONVERT, 64, 819, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_WARNING, MQRC_NOT_CONVERTED, "a euro sign has no Latin-1 equivalent: 2119");
	CHECK(g.len == 5 && bytes_are(&g, "1 \xe2\x82\xac", 5) && g.ccsid == 1208, "returned as put");
	CHECK(mqt_depth(hc, "T.Q2") == 0, "each of those messages was got, as MQ does with a warning");

	/* sizes */
	put_as("ab", 2, 1208, MQENC_NATIVE, MQFMT_STRING);
	get_as(MQGMO_CONVERT, 3, 1200, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_WARNING, MQRC_CONVERTED_MSG_TOO_BIG, "fits before conversion, not after: 2120");
	CHECK(g.len == 2 && bytes_are(&g, "ab", 2) && g.ccsid == 1208 && mqt_depth(hc, "T.Q2") == 0,
	      "returned as put, and got");
	put_as("\xc0\xc0\xc0\xc0", 4, 819, MQENC_NATIVE, MQFMT_STRING);
	get_as(MQGMO_CONVERT, 3, 1208, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_FAILED, "too long for the buffer: 2080");
	CHECK(g.len == 8 && mqt_depth(hc, "T.Q2") == 1, "DataLength is the converted length 8; the message stays (%d)",
	      (int)g.len);
	get_as(MQGMO_CONVERT | MQGMO_ACCEPT_TRUNCATED_MSG, 3, 1208, MQENC_NATIVE, &g);
	EXPECT(g.cc, g.rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_ACCEPTED, "accepted truncated: 2079");
	CHECK(g.len == 8 && bytes_are(&g, "\xc3\x80", 2) && g.ccsid == 1208,
	      "only the whole converted characters that fit (one, 2 of the 3 bytes), DataLength 8");

	/* MQCCSI_Q_MGR asks for the queue manager's CCSID */
	{
		MQHOBJ hm;
		MQOD od = { MQOD_DEFAULT };
		MQLONG sel = MQIA_CODED_CHAR_SET_ID, qccsid = -1;
		od.ObjectType = MQOT_Q_MGR;
		MQOPEN(hc, &od, MQOO_INQUIRE, &hm, &cc, &rc);
		MQINQ(hc, hm, 1, &sel, 1, &qccsid, 0, NULL, &cc, &rc);
		mqt_close(hc, &hm);
		put_as("\xe9t\xe9", 3, 819, MQENC_NATIVE, MQFMT_STRING);
		get_as(MQGMO_CONVERT, 64, MQCCSI_Q_MGR, MQENC_NATIVE, &g);
		EXPECT(g.cc, g.rc, MQCC_OK, MQRC_NONE, "MQCCSI_Q_MGR");
		if (qccsid == 1208)
			CHECK(g.len == 5 && bytes_are(&g, "\xc3\xa9t\xc3\xa9", 5) && g.ccsid == 1208,
			      "converted to the queue manager's 1208");
		else
			CHECK(g.ccsid == qccsid, "converted to the queue manager's %d", (int)qccsid);
	}

	mqt_close(hc, &hq);
	MQDISC(&hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQDISC");
	return mqt_done();
}
