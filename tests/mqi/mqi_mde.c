/*
 * mqi_mde.c: the MQMDE (message descriptor extension) with MQMD version 1
 * against a running queue manager (rules: qm/server/mqiserv_mde.c).
 *
 *   mqi_mde QMGR             every check, on T.MDE (an empty local queue)
 *   mqi_mde QMGR put Q       puts two persistent messages with group fields
 *                            (one through an MQMDE, one with an MQMD v2)
 *   mqi_mde QMGR check Q     after a restart: gets them, with v2 and v1
 */
#include "mqt.h"

#include <stdint.h>

static MQHCONN hc;
static MQLONG qccsid;

static const MQBYTE24 gid_a = "MDE-GROUP-A-0123456789a";
static const MQBYTE24 gid_b = "MDE-GROUP-B-0123456789b";

/* An MQMDE of the given fields, describing data of format fmt. */
static MQMDE mde(const MQBYTE *gid, MQLONG seq, MQLONG off, MQLONG flags, const char *fmt, MQLONG enc, MQLONG ccsid)
{
	MQMDE e = { MQMDE_DEFAULT };
	if (gid)
		memcpy(e.GroupId, gid, sizeof e.GroupId);
	e.MsgSeqNumber = seq;
	e.Offset = off;
	e.MsgFlags = flags;
	memcpy(e.Format, fmt, MQ_FORMAT_LENGTH);
	e.Encoding = enc;
	e.CodedCharSetId = ccsid;
	return e;
}

/* MQPUT of an MQMDE followed by text (e NULL: the text alone), with md. */
static MQLONG put_e(MQHOBJ h, MQMD *md, const MQMDE *e, size_t elen, const char *text, MQLONG *cc)
{
	uint8_t buf[512];
	size_t n = 0;
	if (e) {
		memcpy(buf, e, elen);
		n = elen;
	}
	memcpy(buf + n, text, strlen(text));
	n += strlen(text);
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG c, rc;
	pmo.Options = MQPMO_NO_SYNCPOINT;
	MQPUT(hc, h, md, &pmo, (MQLONG)n, buf, &c, &rc);
	if (cc)
		*cc = c;
	return rc;
}

static MQMD md_v1(const char *fmt)
{
	MQMD md = { MQMD_DEFAULT };
	memcpy(md.Format, fmt, MQ_FORMAT_LENGTH);
	return md;
}

/* MQGET, any message; md's Version chosen by the caller. */
static MQLONG get(MQHOBJ h, MQMD *md, MQLONG opts, void *buf, MQLONG buflen, MQLONG *len, MQLONG *cc)
{
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG c, rc, l = -1;
	gmo.Version = MQGMO_VERSION_2;
	gmo.MatchOptions = MQMO_NONE;
	gmo.Options = opts;
	MQGET(hc, h, md, &gmo, buflen, buf, &l, &c, &rc);
	if (len)
		*len = l;
	if (cc)
		*cc = c;
	return rc;
}

static int fmt_is(const MQCHAR8 f, const char *want)
{
	return memcmp(f, want, MQ_FORMAT_LENGTH) == 0;
}

static int is_none(const MQBYTE *id)
{
	static const MQBYTE24 none;
	return memcmp(id, none, 24) == 0;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static MQLONG inq_ccsid(void)
{
	MQHOBJ h;
	MQOD od = { MQOD_DEFAULT };
	MQLONG sel = MQIA_CODED_CHAR_SET_ID, v = -1, cc, rc;
	od.ObjectType = MQOT_Q_MGR;
	MQOPEN(hc, &od, MQOO_INQUIRE, &h, &cc, &rc);
	if (rc != MQRC_NONE)
		return -1;
	MQINQ(hc, h, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc);
	return v;
}

/* ---- MQPUT with an MQMDE ------------------------------------------------------------------- */

static void put_v1_get_v2(MQHOBJ h)
{
	MQLONG cc, rc, len;
	char buf[256];
	/* version 1 + MQMDE: the MQMDE's fields are the message's */
	MQMD md = md_v1(MQFMT_MD_EXTENSION);
	MQMDE e = mde(gid_a, 3, 0, MQMF_MSG_IN_GROUP, MQFMT_STRING, 273, 437);
	rc = put_e(h, &md, &e, sizeof e, "hello", &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQPUT, MQMD v1 + MQMDE");
	MQMD g = { MQMD_DEFAULT };
	g.Version = MQMD_VERSION_2;
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQGET with MQMD v2");
	CHECK(len == 5 && memcmp(buf, "hello", 5) == 0, "the MQMDE was taken off the data (DataLength %d)", (int)len);
	CHECK(memcmp(g.GroupId, gid_a, 24) == 0 && g.MsgSeqNumber == 3 && g.Offset == 0 &&
	      g.MsgFlags == MQMF_MSG_IN_GROUP, "GroupId, MsgSeqNumber 3, Offset 0, MsgFlags from the MQMDE");
	CHECK(g.OriginalLength == MQOL_UNDEFINED, "OriginalLength MQOL_UNDEFINED (not a segment)");
	CHECK(fmt_is(g.Format, MQFMT_STRING) && g.Encoding == 273 && g.CodedCharSetId == 437,
	      "Format, Encoding, CodedCharSetId from the MQMDE (%.8s %d %d)", g.Format, (int)g.Encoding,
	      (int)g.CodedCharSetId);

	/* a segment through an MQMDE: OriginalLength its own length */
	md = md_v1(MQFMT_MD_EXTENSION);
	e = mde(gid_b, 1, 100, MQMF_SEGMENT, MQFMT_STRING, MQENC_NATIVE, qccsid);
	rc = put_e(h, &md, &e, sizeof e, "segment", &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQPUT, MQMD v1 + MQMDE of a segment at Offset 100");
	g = (MQMD){ MQMD_DEFAULT };
	g.Version = MQMD_VERSION_2;
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	CHECK(rc == MQRC_NONE && len == 7 && g.Offset == 100 && g.MsgFlags == MQMF_SEGMENT && g.OriginalLength == 7 &&
	      memcmp(g.GroupId, gid_b, 24) == 0, "the segment: Offset 100, MQMF_SEGMENT, OriginalLength 7");

	/* MQINHERIT in the MQMDE: the MQMDE's own CCSID */
	md = md_v1(MQFMT_MD_EXTENSION);
	e = mde(gid_a, 2, 0, MQMF_MSG_IN_GROUP, MQFMT_STRING, MQENC_NATIVE, MQCCSI_INHERIT);
	rc = put_e(h, &md, &e, sizeof e, "x", &cc);
	g = (MQMD){ MQMD_DEFAULT };
	g.Version = MQMD_VERSION_2;
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	CHECK(rc == MQRC_NONE && g.CodedCharSetId == qccsid, "MQCCSI_INHERIT in the MQMDE: the queue manager's CCSID %d",
	      (int)g.CodedCharSetId);

	/* version 2 at its defaults + MQMDE: honoured, the fields given back */
	md = md_v1(MQFMT_MD_EXTENSION);
	md.Version = MQMD_VERSION_2;
	e = mde(gid_a, 5, 0, MQMF_LAST_MSG_IN_GROUP, MQFMT_STRING, MQENC_NATIVE, qccsid);
	rc = put_e(h, &md, &e, sizeof e, "v2", &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQPUT, MQMD v2 at its defaults + MQMDE");
	CHECK(memcmp(md.GroupId, gid_a, 24) == 0 && md.MsgSeqNumber == 5 && md.MsgFlags == MQMF_LAST_MSG_IN_GROUP,
	      "the put's MQMD v2 says the MQMDE's fields");
	g = (MQMD){ MQMD_DEFAULT };
	g.Version = MQMD_VERSION_2;
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	CHECK(rc == MQRC_NONE && len == 2 && g.MsgSeqNumber == 5 && fmt_is(g.Format, MQFMT_STRING),
	      "got: MsgSeqNumber 5, Format MQSTR, 2 bytes");

	/* version 2 with its own fields + MQMDE: the MQMDE is data */
	md = md_v1(MQFMT_MD_EXTENSION);
	md.Version = MQMD_VERSION_2;
	md.MsgFlags = MQMF_MSG_IN_GROUP;
	memcpy(md.GroupId, gid_b, 24);
	e = mde(gid_a, 5, 0, MQMF_LAST_MSG_IN_GROUP, MQFMT_STRING, MQENC_NATIVE, qccsid);
	rc = put_e(h, &md, &e, sizeof e, "data", &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQPUT, MQMD v2 with group fields + MQMDE");
	g = (MQMD){ MQMD_DEFAULT };
	g.Version = MQMD_VERSION_2;
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	CHECK(rc == MQRC_NONE && len == (MQLONG)sizeof e + 4 && fmt_is(g.Format, MQFMT_MD_EXTENSION) &&
	      memcmp(g.GroupId, gid_b, 24) == 0 && g.MsgSeqNumber == 1 && memcmp(buf, "MDE ", 4) == 0,
	      "the MQMDE kept as data, the MQMD's own fields");

	/* not in the queue manager's encoding or CCSID: data */
	md = md_v1(MQFMT_MD_EXTENSION);
	md.Encoding = MQENC_INTEGER_NORMAL;
	rc = put_e(h, &md, &e, sizeof e, "enc", &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQPUT, MQMDE in another encoding");
	md = md_v1(MQFMT_MD_EXTENSION);
	md.CodedCharSetId = qccsid == 1208 ? 819 : 1208;
	rc = put_e(h, &md, &e, sizeof e, "ccs", &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQPUT, MQMDE in another CCSID");
	/* a later version: data */
	md = md_v1(MQFMT_MD_EXTENSION);
	MQMDE e3 = e;
	e3.Version = 3;
	rc = put_e(h, &md, &e3, sizeof e3, "ver", &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQPUT, MQMDE of Version 3");
	int good = 1;
	const char *tails[3] = { "enc", "ccs", "ver" };
	for (int i = 0; i < 3; i++) {
		g = (MQMD){ MQMD_DEFAULT };
		g.Version = MQMD_VERSION_2;
		rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
		if (rc != MQRC_NONE || len != (MQLONG)sizeof e + 3 || !fmt_is(g.Format, MQFMT_MD_EXTENSION) ||
		    !is_none(g.GroupId) || g.MsgFlags != 0 || memcmp(buf + sizeof e, tails[i], 3) != 0)
			good = 0;
	}
	CHECK(good, "each kept whole as data, Format MQHMDE, no group fields");

	/* MQPUT1 takes it too */
	MQOD od = { MQOD_DEFAULT };
	mqt_name(od.ObjectName, sizeof od.ObjectName, "T.MDE");
	md = md_v1(MQFMT_MD_EXTENSION);
	e = mde(gid_b, 7, 0, MQMF_MSG_IN_GROUP, MQFMT_STRING, MQENC_NATIVE, qccsid);
	uint8_t pb[sizeof e + 3];
	memcpy(pb, &e, sizeof e);
	memcpy(pb + sizeof e, "one", 3);
	MQPMO pmo = { MQPMO_DEFAULT };
	pmo.Options = MQPMO_NO_SYNCPOINT;
	MQPUT1(hc, &od, &md, &pmo, sizeof pb, pb, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQPUT1, MQMD v1 + MQMDE");
	g = (MQMD){ MQMD_DEFAULT };
	g.Version = MQMD_VERSION_2;
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	CHECK(rc == MQRC_NONE && len == 3 && g.MsgSeqNumber == 7 && memcmp(g.GroupId, gid_b, 24) == 0,
	      "MQPUT1's message: MsgSeqNumber 7, the MQMDE off");
}

static void put_errors(MQHOBJ h)
{
	MQLONG cc, rc, len;
	char buf[256];
	MQMDE good = mde(gid_a, 1, 0, MQMF_MSG_IN_GROUP, MQFMT_STRING, MQENC_NATIVE, qccsid);
	struct {
		const char *what;
		MQMDE e;
		size_t len;
	} bad[7];
	int n = 0;
	bad[n].what = "data shorter than an MQMDE";
	bad[n].e = good;
	bad[n++].len = 40;
	bad[n].what = "StrucId not \"MDE \"";
	bad[n].e = good;
	memcpy(bad[n].e.StrucId, "MDX ", 4);
	bad[n++].len = sizeof good;
	bad[n].what = "Version 1";
	bad[n].e = good;
	bad[n].e.Version = 1;
	bad[n++].len = sizeof good;
	bad[n].what = "StrucLength 80";
	bad[n].e = good;
	bad[n].e.StrucLength = 80;
	bad[n++].len = sizeof good;
	bad[n].what = "CodedCharSetId 0";
	bad[n].e = good;
	bad[n].e.CodedCharSetId = 0;
	bad[n++].len = sizeof good;
	bad[n].what = "CodedCharSetId MQCCSI_EMBEDDED";
	bad[n].e = good;
	bad[n].e.CodedCharSetId = MQCCSI_EMBEDDED;
	bad[n++].len = sizeof good;
	for (int i = 0; i < n; i++) {
		MQMD md = md_v1(MQFMT_MD_EXTENSION);
		uint8_t b[sizeof(MQMDE)];
		memcpy(b, &bad[i].e, sizeof b);
		MQPMO pmo = { MQPMO_DEFAULT };
		pmo.Options = MQPMO_NO_SYNCPOINT;
		MQPUT(hc, h, &md, &pmo, (MQLONG)bad[i].len, b, &cc, &rc);
		char what[80];
		snprintf(what, sizeof what, "MQMDE with %s: 2248", bad[i].what);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_MDE_ERROR, what);
	}
	/* its fields checked as a version 2 MQMD's */
	MQMD md = md_v1(MQFMT_MD_EXTENSION);
	MQMDE e = good;
	e.MsgSeqNumber = 0;
	rc = put_e(h, &md, &e, sizeof e, "z", &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MSG_SEQ_NUMBER_ERROR, "MQMDE MsgSeqNumber 0: 2250");
	md = md_v1(MQFMT_MD_EXTENSION);
	e = good;
	e.MsgFlags = 0x00000100;   /* in MQMF_REJECT_UNSUP_MASK, no flag of MQ's */
	rc = put_e(h, &md, &e, sizeof e, "z", &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MSG_FLAGS_ERROR, "MQMDE MsgFlags unknown: 2249");
	MQMD g = { MQMD_DEFAULT };
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "nothing was put");
}

/* ---- MQGET with an MQMD version 1 ----------------------------------------------------------- */

/* Put text with an MQMD version 2 in a group (seq, flags) or at the defaults (seq 0). */
static void put_v2(MQHOBJ h, const MQBYTE *gid, MQLONG seq, MQLONG off, MQLONG flags, const char *text,
		   MQLONG persistence)
{
	MQMD md = md_v1(MQFMT_STRING);
	md.Version = MQMD_VERSION_2;
	md.Persistence = persistence;
	if (seq) {
		memcpy(md.GroupId, gid, 24);
		md.MsgSeqNumber = seq;
		md.Offset = off;
		md.MsgFlags = flags;
	}
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	pmo.Options = MQPMO_NO_SYNCPOINT;
	MQPUT(hc, h, &md, &pmo, (MQLONG)strlen(text), (void *)text, &cc, &rc);
	if (rc != MQRC_NONE)
		printf("# put %s: %d\n", text, (int)rc);
}

/* The MQMDE at the start of buf as a v1 get of a message put by put_v2 returns it. */
static int mde_ok(const uint8_t *buf, const MQBYTE *gid, MQLONG seq, MQLONG off, MQLONG flags, MQLONG olen,
		  MQLONG ccsid)
{
	MQMDE e;
	memcpy(&e, buf, sizeof e);
	return memcmp(e.StrucId, MQMDE_STRUC_ID, 4) == 0 && e.Version == MQMDE_VERSION_2 &&
	       e.StrucLength == MQMDE_LENGTH_2 && e.Encoding == MQENC_NATIVE && e.CodedCharSetId == ccsid &&
	       fmt_is(e.Format, MQFMT_STRING) && e.Flags == MQMDEF_NONE && memcmp(e.GroupId, gid, 24) == 0 &&
	       e.MsgSeqNumber == seq && e.Offset == off && e.MsgFlags == flags && e.OriginalLength == olen;
}

static void get_v1(MQHOBJ h)
{
	MQLONG cc, rc, len;
	uint8_t buf[256];
	put_v2(h, gid_a, 4, 0, MQMF_LAST_MSG_IN_GROUP, "four", MQPER_NOT_PERSISTENT);
	/* a browse first: the same MQMDE */
	MQMD g = { MQMD_DEFAULT };
	rc = get(h, &g, MQGMO_BROWSE_FIRST, buf, sizeof buf, &len, &cc);
	CHECK(rc == MQRC_NONE && len == 72 + 4 && fmt_is(g.Format, MQFMT_MD_EXTENSION),
	      "browse with MQMD v1: Format MQHMDE, DataLength 76 (%d)", (int)len);
	g = (MQMD){ MQMD_DEFAULT };
	memset(buf, 0xEE, sizeof buf);
	memcpy(buf, "MDE ", 4);   /* one the application left there: ignored */
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQGET with MQMD v1 of a message in a group");
	CHECK(len == 76 && fmt_is(g.Format, MQFMT_MD_EXTENSION) && g.Encoding == MQENC_NATIVE &&
	      g.CodedCharSetId == qccsid, "MQMD: Format MQHMDE, MQENC_NATIVE, the queue manager's CCSID, DataLength 76");
	CHECK(mde_ok(buf, gid_a, 4, 0, MQMF_LAST_MSG_IN_GROUP, MQOL_UNDEFINED, qccsid),
	      "the MQMDE: every field (its Format, Encoding, CCSID the message's; the group fields)");
	CHECK(memcmp(buf + 72, "four", 4) == 0, "the data after it");

	/* a segment: OriginalLength */
	put_v2(h, gid_b, 2, 16, MQMF_LAST_SEGMENT | MQMF_MSG_IN_GROUP, "lastseg", MQPER_NOT_PERSISTENT);
	g = (MQMD){ MQMD_DEFAULT };
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	CHECK(rc == MQRC_NONE && len == 79 &&
	      mde_ok(buf, gid_b, 2, 16, MQMF_LAST_SEGMENT | MQMF_MSG_IN_GROUP, 7, qccsid) &&
	      memcmp(buf + 72, "lastseg", 7) == 0, "a segment's MQMDE: Offset 16, its flags, OriginalLength 7");

	/* the defaults: no MQMDE, with v1 or v2 */
	put_v2(h, NULL, 0, 0, 0, "plain", MQPER_NOT_PERSISTENT);
	g = (MQMD){ MQMD_DEFAULT };
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	CHECK(rc == MQRC_NONE && len == 5 && fmt_is(g.Format, MQFMT_STRING) && memcmp(buf, "plain", 5) == 0,
	      "a message at the defaults: no MQMDE for MQMD v1");
	MQMD md = md_v1(MQFMT_MD_EXTENSION);
	MQMDE e = mde(NULL, 1, 0, 0, MQFMT_STRING, MQENC_NATIVE, qccsid);
	put_e(h, &md, &e, sizeof e, "dflt", &cc);
	g = (MQMD){ MQMD_DEFAULT };
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	CHECK(rc == MQRC_NONE && len == 4 && fmt_is(g.Format, MQFMT_STRING),
	      "an MQMDE of the defaults put, none got back (Format MQSTR)");
	put_v2(h, gid_a, 2, 0, MQMF_MSG_IN_GROUP, "v2get", MQPER_NOT_PERSISTENT);
	g = (MQMD){ MQMD_DEFAULT };
	g.Version = MQMD_VERSION_2;
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	CHECK(rc == MQRC_NONE && len == 5 && fmt_is(g.Format, MQFMT_STRING) && g.MsgSeqNumber == 2,
	      "MQMD v2: never an MQMDE");

	/* truncation: the MQMDE counts */
	put_v2(h, gid_a, 9, 0, MQMF_MSG_IN_GROUP, "truncated!", MQPER_NOT_PERSISTENT);
	g = (MQMD){ MQMD_DEFAULT };
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, 40, &len, &cc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_FAILED, "a buffer shorter than the MQMDE: 2080");
	CHECK(len == 82 && fmt_is(g.Format, MQFMT_MD_EXTENSION), "DataLength 82 (the MQMDE and 10 bytes)");
	g = (MQMD){ MQMD_DEFAULT };
	memset(buf, 0, sizeof buf);
	rc = get(h, &g, MQGMO_NO_SYNCPOINT | MQGMO_ACCEPT_TRUNCATED_MSG, buf, 76, &len, &cc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_ACCEPTED, "ACCEPT_TRUNCATED_MSG, 76 bytes: 2079");
	CHECK(len == 82 && mde_ok(buf, gid_a, 9, 0, MQMF_MSG_IN_GROUP, MQOL_UNDEFINED, qccsid) &&
	      memcmp(buf + 72, "trun", 4) == 0 && buf[76] == 0, "the MQMDE and the first 4 bytes returned");
	g = (MQMD){ MQMD_DEFAULT };
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "the truncated message was removed");

	/* MQGMO_CONVERT: the MQMDE converted with the data */
	put_v2(h, gid_a, 6, 0, MQMF_MSG_IN_GROUP, "conv", MQPER_NOT_PERSISTENT);
	g = (MQMD){ MQMD_DEFAULT };
	g.Encoding = MQENC_INTEGER_NORMAL | MQENC_DECIMAL_NORMAL | MQENC_FLOAT_IEEE_NORMAL;
	g.CodedCharSetId = qccsid;
	rc = get(h, &g, MQGMO_NO_SYNCPOINT | MQGMO_CONVERT, buf, sizeof buf, &len, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQGET v1 with CONVERT to big-endian integers");
	CHECK(len == 76 && fmt_is(g.Format, MQFMT_MD_EXTENSION) && g.Encoding == 273 && memcmp(buf, "MDE ", 4) == 0 &&
	      be32(buf + 4) == 2 && be32(buf + 8) == 72 && be32(buf + 56) == 6 && be32(buf + 64) == MQMF_MSG_IN_GROUP &&
	      memcmp(buf + 72, "conv", 4) == 0, "the MQMD says 273, the MQMDE's numbers big-endian, the data after it");

	/* and the data after it into another CCSID: UTF-8 to ISO 8859-1 */
	MQMD pm = md_v1(MQFMT_STRING);
	pm.Version = MQMD_VERSION_2;
	pm.CodedCharSetId = 1208;
	pm.MsgFlags = MQMF_MSG_IN_GROUP;
	memcpy(pm.GroupId, gid_b, 24);
	MQPMO pmo = { MQPMO_DEFAULT };
	pmo.Options = MQPMO_NO_SYNCPOINT;
	MQPUT(hc, h, &pm, &pmo, 5, "caf\xc3\xa9", &cc, &rc);
	g = (MQMD){ MQMD_DEFAULT };
	g.Encoding = MQENC_NATIVE;
	g.CodedCharSetId = 819;
	rc = get(h, &g, MQGMO_NO_SYNCPOINT | MQGMO_CONVERT, buf, sizeof buf, &len, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQGET v1 with CONVERT to CCSID 819");
	MQMDE ce;
	memcpy(&ce, buf, sizeof ce);
	CHECK(len == 76 && g.CodedCharSetId == 819 && ce.CodedCharSetId == 819 && fmt_is(ce.Format, MQFMT_STRING) &&
	      memcmp(buf + 72, "caf\xe9", 4) == 0, "the MQMDE says 819 and the string after it is converted (%d %d)",
	      (int)g.CodedCharSetId, (int)ce.CodedCharSetId);
}

/* MQ's special case: a segment behind an MQDLH gets an MQMDE after it. */
static void dlh_segment(MQHOBJ h)
{
	MQLONG cc, rc, len;
	uint8_t buf[512];
	MQDLH d = { MQDLH_DEFAULT };
	d.Reason = MQRC_Q_FULL;
	d.Encoding = MQENC_NATIVE;
	d.CodedCharSetId = qccsid;
	memcpy(d.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	memcpy(buf, &d, sizeof d);
	memcpy(buf + sizeof d, "seg", 3);
	MQMD md = md_v1(MQFMT_DEAD_LETTER_HEADER);
	md.Version = MQMD_VERSION_2;
	md.MsgFlags = MQMF_SEGMENT;
	md.Offset = 32;
	memcpy(md.GroupId, gid_b, 24);
	MQPMO pmo = { MQPMO_DEFAULT };
	pmo.Options = MQPMO_NO_SYNCPOINT;
	MQPUT(hc, h, &md, &pmo, (MQLONG)sizeof d + 3, buf, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQPUT of a segment of Format MQDEAD");
	CHECK(md.MsgFlags == MQMF_SEGMENT && md.Offset == 32 && memcmp(md.GroupId, gid_b, 24) == 0,
	      "the putter's MQMD says the segment's fields");
	MQMD g = { MQMD_DEFAULT };
	g.Version = MQMD_VERSION_2;
	memset(buf, 0, sizeof buf);
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "got with MQMD v2");
	CHECK(len == (MQLONG)sizeof d + 72 + 3 && is_none(g.GroupId) && g.MsgFlags == MQMF_NONE && g.Offset == 0 &&
	      g.OriginalLength == MQOL_UNDEFINED && fmt_is(g.Format, MQFMT_DEAD_LETTER_HEADER),
	      "kept as no segment (version-2 fields the defaults), 72 bytes longer");
	MQDLH gd;
	memcpy(&gd, buf, sizeof gd);
	CHECK(fmt_is(gd.Format, MQFMT_MD_EXTENSION) && gd.Encoding == MQENC_NATIVE && gd.CodedCharSetId == qccsid &&
	      gd.Reason == MQRC_Q_FULL, "the MQDLH names the MQMDE after it");
	CHECK(mde_ok(buf + sizeof gd, gid_b, 1, 32, MQMF_SEGMENT, (MQLONG)sizeof d + 3, qccsid) &&
	      memcmp(buf + sizeof gd + 72, "seg", 3) == 0, "the MQMDE: the MQDLH's Format, the segment's fields");
}

/* An MQCB consumer registered with an MQMD version 1 gets the MQMDE too. */
static MQLONG cb_len = -1, cb_seq = -1;
static MQCHAR8 cb_fmt;

static void MQENTRY consumer(MQHCONN hconn, PMQVOID pmd, PMQVOID pgmo, PMQVOID buf, PMQCBC x)
{
	(void)pgmo;
	MQLONG cc, rc;
	if (x->CallType != MQCBCT_MSG_REMOVED)
		return;
	MQMD *md = pmd;
	memcpy(cb_fmt, md->Format, sizeof cb_fmt);
	cb_len = x->DataLength;
	MQMDE e;
	if (x->DataLength >= (MQLONG)sizeof e) {
		memcpy(&e, buf, sizeof e);
		cb_seq = memcmp(e.StrucId, MQMDE_STRUC_ID, 4) == 0 ? e.MsgSeqNumber : -2;
	}
	MQCTLO ctlo = { MQCTLO_DEFAULT };
	MQCTL(hconn, MQOP_STOP, &ctlo, &cc, &rc);
}

static void consume_v1(MQHOBJ h)
{
	MQLONG cc, rc;
	put_v2(h, gid_a, 8, 0, MQMF_MSG_IN_GROUP, "callback", MQPER_NOT_PERSISTENT);
	MQCBD cbd = { MQCBD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };   /* version 1 */
	MQGMO gmo = { MQGMO_DEFAULT };
	cbd.CallbackFunction = (MQPTR)consumer;
	gmo.Options = MQGMO_NO_SYNCPOINT;
	MQCB(hc, MQOP_REGISTER, &cbd, h, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCB with an MQMD version 1");
	MQCTLO ctlo = { MQCTLO_DEFAULT };
	MQCTL(hc, MQOP_START_WAIT, &ctlo, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "START_WAIT returns after the consumer's STOP");
	CHECK(fmt_is(cb_fmt, MQFMT_MD_EXTENSION) && cb_len == 72 + 8 && cb_seq == 8,
	      "the consumer got Format MQHMDE, DataLength 80, the MQMDE's MsgSeqNumber 8 (%d %d)", (int)cb_len,
	      (int)cb_seq);
	MQCB(hc, MQOP_DEREGISTER, NULL, h, NULL, NULL, &cc, &rc);
}

/* ---- across a restart ---------------------------------------------------------------------- */

static void put_pers(const char *q)
{
	MQHOBJ h;
	MQLONG cc;
	CHECK(mqt_open(hc, q, MQOO_OUTPUT, &h) == MQRC_NONE, "open %s for output", q);
	MQMD md = md_v1(MQFMT_MD_EXTENSION);
	md.Persistence = MQPER_PERSISTENT;
	MQMDE e = mde(gid_a, 2, 0, MQMF_LAST_MSG_IN_GROUP, MQFMT_STRING, MQENC_NATIVE, qccsid);
	MQLONG rc = put_e(h, &md, &e, sizeof e, "kept", &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "persistent put through an MQMDE");
	put_v2(h, gid_b, 3, 0, MQMF_MSG_IN_GROUP, "kept2", MQPER_PERSISTENT);
	mqt_close(hc, &h);
}

static void check_pers(const char *q)
{
	MQHOBJ h;
	MQLONG cc, rc, len;
	uint8_t buf[256];
	CHECK(mqt_open(hc, q, MQOO_INPUT_SHARED, &h) == MQRC_NONE, "open %s for input", q);
	MQMD g = { MQMD_DEFAULT };
	g.Version = MQMD_VERSION_2;
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	CHECK(rc == MQRC_NONE && len == 4 && memcmp(buf, "kept", 4) == 0 && memcmp(g.GroupId, gid_a, 24) == 0 &&
	      g.MsgSeqNumber == 2 && g.MsgFlags == MQMF_LAST_MSG_IN_GROUP && g.Persistence == MQPER_PERSISTENT,
	      "after the restart, MQMD v2: the MQMDE's fields kept");
	g = (MQMD){ MQMD_DEFAULT };
	rc = get(h, &g, MQGMO_NO_SYNCPOINT, buf, sizeof buf, &len, &cc);
	CHECK(rc == MQRC_NONE && len == 77 && fmt_is(g.Format, MQFMT_MD_EXTENSION) &&
	      mde_ok(buf, gid_b, 3, 0, MQMF_MSG_IN_GROUP, MQOL_UNDEFINED, qccsid) && memcmp(buf + 72, "kept2", 5) == 0,
	      "after the restart, MQMD v1: the MQMDE with every field");
	mqt_close(hc, &h);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mqi_mde QMGR [put|check Q]\n");
		return 2;
	}
	hc = mqt_conn(argv[1], 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	qccsid = inq_ccsid();
	CHECK(qccsid > 0, "the queue manager's CCSID (%d)", (int)qccsid);
	if (argc >= 4 && !strcmp(argv[2], "put")) {
		put_pers(argv[3]);
		return mqt_done();
	}
	if (argc >= 4 && !strcmp(argv[2], "check")) {
		check_pers(argv[3]);
		return mqt_done();
	}
	MQHOBJ h;
	CHECK(mqt_open(hc, "T.MDE", MQOO_OUTPUT | MQOO_INPUT_SHARED | MQOO_BROWSE, &h) == MQRC_NONE, "open T.MDE");
	put_v1_get_v2(h);
	put_errors(h);
	get_v1(h);
	dlh_segment(h);
	consume_v1(h);
	mqt_close(hc, &h);
	MQLONG cc, rc;
	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}
