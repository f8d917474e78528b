/*
 * mqi_group: message groups and segments against a running queue manager:
 * the MQMD version 2 fields on MQPUT and their reason codes (2249 2250 2251
 * 2252 2253), MQPMO_LOGICAL_ORDER (GroupId, MsgSeqNumber and Offset set by
 * the queue manager; 2241 2242 2245 failures and warnings; MQCLOSE's
 * warnings), matching on GroupId, MsgSeqNumber, Offset and MsgToken (2256,
 * 2257), MQGMO_LOGICAL_ORDER for gets and browses (2247, 2259, 2241, 2245),
 * MQGMO_ALL_MSGS_AVAILABLE, ALL_SEGMENTS_AVAILABLE, COMPLETE_MSG (a 1 MiB
 * logical message of incompressible data in segments got whole; truncation;
 * backout), GroupStatus, SegmentStatus and Segmentation.
 * Segmentation by the queue manager (MQMF_SEGMENTATION_ALLOWED).
 * t6100 defines the queues: T.GRP, T.GRP2, T.GRP.PERS (DEFPSIST(YES)),
 * T.GRP.SMALL (MAXMSGL(1000)).
 *
 *   usage: mqi_group QMGR            every check
 *          mqi_group QMGR put Q      a persistent group of 3 and a persistent
 *                                    logical message of 1 MiB in 16 segments
 *          mqi_group QMGR check Q    both back, whole and in order; Q empty after
 *          mqi_group QMGR segs Q     only the segmented logical message
 *          mqi_group QMGR crashget Q a COMPLETE_MSG get outside syncpoint (the
 *                                    queue manager dies at the crash point
 *                                    grp-get: the call must fail)
 *          mqi_group QMGR whole Q    the segmented logical message got whole
 *          mqi_group QMGR syncget Q  a COMPLETE_MSG get under syncpoint, then
 *                                    waiting (the queue manager is killed)
 *          mqi_group QMGR count Q N  Q holds N messages (browsed)
 */
#include "mqt.h"

#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

static MQHCONN hc;

#define BIG (1024 * 1024)
#define NSEG 16

/* Incompressible bytes, the same for the same seed (xorshift). */
static void fill(uint8_t *b, size_t n, uint64_t seed)
{
	uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		b[i] = (uint8_t)(x >> 24);
	}
}

static MQLONG put_md(MQHOBJ h, MQMD *md, MQLONG pmoopt, const void *data, MQLONG len, MQLONG *cc)
{
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG c, rc;
	pmo.Options = pmoopt;
	MQPUT(hc, h, md, &pmo, len, (void *)data, &c, &rc);
	if (cc)
		*cc = c;
	return rc;
}

/* A version-2 MQMD with flags and the given group fields. */
static MQMD md2(MQLONG flags, const MQBYTE *gid, MQLONG seq, MQLONG off)
{
	MQMD md = { MQMD_DEFAULT };
	md.Version = MQMD_VERSION_2;
	md.MsgFlags = flags;
	if (gid)
		memcpy(md.GroupId, gid, MQ_GROUP_ID_LENGTH);
	md.MsgSeqNumber = seq;
	md.Offset = off;
	memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	return md;
}

/* MQGET with a version-3 MQGMO; *md in and out, gmo out. */
static MQLONG get3(MQHOBJ h, MQMD *md, MQLONG opts, MQLONG mo, void *buf, MQLONG buflen, MQLONG *len, MQGMO *gout,
		   MQLONG *cc)
{
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG c, rc, l = 0;
	gmo.Version = MQGMO_VERSION_3;
	gmo.Options = opts;
	gmo.MatchOptions = mo;
	if (gout && (mo & MQMO_MATCH_MSG_TOKEN))
		memcpy(gmo.MsgToken, gout->MsgToken, sizeof gmo.MsgToken);
	MQGET(hc, h, md, &gmo, buflen, buf, &l, &c, &rc);
	if (len)
		*len = l;
	if (gout)
		*gout = gmo;
	if (cc)
		*cc = c;
	return rc;
}

static MQLONG get_text(MQHOBJ h, MQLONG opts, char *buf, MQLONG cap, MQMD *md, MQGMO *g, MQLONG *cc)
{
	MQMD m = md2(0, NULL, 1, 0);
	MQLONG len = 0;
	MQLONG rc = get3(h, &m, opts, MQMO_NONE, buf, cap - 1, &len, g, cc);
	buf[len >= 0 && len < cap ? len : 0] = 0;
	if (md)
		*md = m;
	return rc;
}

static int is_none(const MQBYTE *id)
{
	static const MQBYTE24 none;
	return memcmp(id, none, 24) == 0;
}

static void drain(const char *q)
{
	MQHOBJ h;
	if (mqt_open(hc, q, MQOO_INPUT_SHARED, &h) != MQRC_NONE)
		return;
	static char buf[BIG + 16];
	MQLONG cc;
	MQGMO g;
	MQMD md;
	for (int i = 0; i < 1000; i++) {
		md = md2(0, NULL, 1, 0);
		MQLONG len;
		if (get3(h, &md, MQGMO_NO_SYNCPOINT | MQGMO_ACCEPT_TRUNCATED_MSG, MQMO_NONE, buf, 16, &len, &g, &cc) ==
		    MQRC_NO_MSG_AVAILABLE)
			break;
	}
	mqt_close(hc, &h);
}

/* ---- MQPUT ------------------------------------------------------------------------------------ */

static void put_checks(void)
{
	MQHOBJ h;
	MQLONG cc, rc;
	CHECK(mqt_open(hc, "T.GRP", MQOO_OUTPUT, &h) == MQRC_NONE, "open T.GRP for output");
	MQMD md = md2(0x20, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "x", 1, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MSG_FLAGS_ERROR, "MsgFlags with an unknown rejected bit: 2249");
	md = md2(0x00100000, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "x", 1, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MsgFlags with a bit of MQMF_ACCEPT_UNSUP_MASK: accepted");
	md = md2(0, NULL, 0, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "x", 1, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MSG_SEQ_NUMBER_ERROR, "MsgSeqNumber 0: 2250");
	md = md2(0, NULL, 1000000000, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "x", 1, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MSG_SEQ_NUMBER_ERROR, "MsgSeqNumber 1 000 000 000: 2250");
	md = md2(MQMF_SEGMENT, NULL, 1, -1);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "x", 1, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OFFSET_ERROR, "Offset -1: 2251");
	md = md2(MQMF_SEGMENT, NULL, 1, 999999999);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "xy", 2, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OFFSET_ERROR, "a segment past offset 999 999 999: 2251");
	/* OriginalLength: checked for a report that is a segment */
	md = md2(MQMF_SEGMENT, NULL, 1, 0);
	md.MsgType = MQMT_REPORT;
	md.Feedback = MQFB_COA;
	md.OriginalLength = 0;
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "xyz", 3, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_ORIGINAL_LENGTH_ERROR, "a report segment (not last) with OriginalLength 0: 2252");
	md = md2(MQMF_LAST_SEGMENT, NULL, 1, 0);
	md.MsgType = MQMT_REPORT;
	md.Feedback = MQFB_COA;
	md.OriginalLength = 2;
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "xyz", 3, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_ORIGINAL_LENGTH_ERROR, "a report segment with OriginalLength below its data: 2252");
	md.OriginalLength = 100;
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "xyz", 3, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "a report segment with OriginalLength 100");
	md = md2(MQMF_SEGMENT, NULL, 1, 0);
	md.OriginalLength = 77;
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "abcd", 4, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "a segment (not a report) with OriginalLength 77");
	md = md2(0, NULL, 1, 0);
	md.OriginalLength = -2;
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "x", 1, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "a message in no group with OriginalLength -2 (ignored)");
	{
		MQHOBJ hb;
		char b[16];
		MQGMO g;
		/* (the first is the message put with an MQMF_ACCEPT_UNSUP_MASK bit) */
		MQLONG ol[4] = { MQOL_UNDEFINED, 100, 4, MQOL_UNDEFINED };
		int good = mqt_open(hc, "T.GRP", MQOO_BROWSE, &hb) == MQRC_NONE;
		for (int i = 0; i < 4 && good; i++) {
			MQMD b2 = md2(0, NULL, 1, 0);
			rc = get3(hb, &b2, i ? MQGMO_BROWSE_NEXT : MQGMO_BROWSE_FIRST, MQMO_NONE, b, sizeof b, NULL, &g, &cc);
			if (rc || b2.OriginalLength != ol[i]) {
				printf("# %d: rc %d OriginalLength %d\n", i, (int)rc, (int)b2.OriginalLength);
				good = 0;
			}
		}
		mqt_close(hc, &hb);
		CHECK(good, "stored OriginalLength: the report's 100, the segment's own length 4, MQOL_UNDEFINED");
	}
	md = md2(MQMF_SEGMENT, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "", 0, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SEGMENT_LENGTH_ZERO, "a first segment of no data: 2253");
	md = md2(MQMF_LAST_SEGMENT, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "", 0, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "a last segment may be empty");

	/* without LOGICAL_ORDER: GroupId MQGI_NONE in a group gets a new one */
	md = md2(MQMF_MSG_IN_GROUP, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "g1", 2, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "put in a group with GroupId MQGI_NONE");
	CHECK(!is_none(md.GroupId) && memcmp(md.GroupId, "AMQ ", 4) == 0, "the queue manager made its GroupId");
	MQBYTE24 g1;
	memcpy(g1, md.GroupId, 24);
	md = md2(MQMF_LAST_MSG_IN_GROUP, g1, 2, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT, "g2", 2, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "the rest of the group with that GroupId");
	CHECK(memcmp(md.GroupId, g1, 24) == 0 && md.MsgSeqNumber == 2, "its GroupId and MsgSeqNumber kept");
	/* a version-1 MQMD: no group whatever follows it */
	MQMD v1 = { MQMD_DEFAULT };
	rc = put_md(h, &v1, MQPMO_NO_SYNCPOINT, "v1", 2, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "a version-1 MQMD puts");
	mqt_close(hc, &h);
	drain("T.GRP");
}

static void put_logical(void)
{
	MQHOBJ h;
	MQLONG cc, rc;
	CHECK(mqt_open(hc, "T.GRP", MQOO_OUTPUT, &h) == MQRC_NONE, "open T.GRP for output");
	MQMD md = md2(MQMF_MSG_IN_GROUP, (const MQBYTE *)"ignored ignored ignored ", 7, 99);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "A1", 2, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "LOGICAL_ORDER: first of a group");
	CHECK(!is_none(md.GroupId) && memcmp(md.GroupId, "ignored", 7) != 0 && md.MsgSeqNumber == 1 &&
		      md.Offset == 0,
	      "GroupId new, MsgSeqNumber 1, Offset 0 (the application's ignored)");
	MQBYTE24 ga;
	memcpy(ga, md.GroupId, 24);
	md = md2(MQMF_MSG_IN_GROUP, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "A2", 2, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "LOGICAL_ORDER: second");
	CHECK(memcmp(md.GroupId, ga, 24) == 0 && md.MsgSeqNumber == 2, "same GroupId, MsgSeqNumber 2");
	/* a message not in the group while it is incomplete */
	md = md2(0, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "no", 2, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_INCOMPLETE_GROUP, "LOGICAL_ORDER, not in the incomplete group: 2241");
	/* another syncpoint option inside the group */
	md = md2(MQMF_MSG_IN_GROUP, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "no", 2, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_INCONSISTENT_UOW, "LOGICAL_ORDER, syncpoint changed inside the group: 2245");
	/* a segmented third logical message */
	md = md2(MQMF_LAST_MSG_IN_GROUP | MQMF_SEGMENT, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "A3-one,", 7, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "LOGICAL_ORDER: first segment of the last logical message");
	CHECK(md.MsgSeqNumber == 3 && md.Offset == 0, "MsgSeqNumber 3, Offset 0");
	md = md2(MQMF_MSG_IN_GROUP | MQMF_SEGMENT, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "no", 2, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_INCOMPLETE_MSG, "LOGICAL_ORDER: a segment with other group flags: 2242");
	md = md2(MQMF_LAST_MSG_IN_GROUP, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "no", 2, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_INCOMPLETE_MSG, "LOGICAL_ORDER: not a segment while one is incomplete: 2242");
	/* MQCLOSE now: warning 2242, the handle closed */
	MQHOBJ h2;
	CHECK(mqt_open(hc, "T.GRP2", MQOO_OUTPUT, &h2) == MQRC_NONE, "open T.GRP2 for output");
	md = md2(MQMF_SEGMENT, NULL, 1, 0);
	rc = put_md(h2, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "s", 1, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "LOGICAL_ORDER: a segment outside a group");
	CHECK(!is_none(md.GroupId) && memcmp(md.GroupId, ga, 24) != 0, "a new GroupId of its own");
	MQCLOSE(hc, &h2, MQCO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_INCOMPLETE_MSG, "MQCLOSE with a logical message incomplete: 2242 warning");
	CHECK(h2 == MQHO_UNUSABLE_HOBJ, "the handle is closed all the same");
	CHECK(mqt_open(hc, "T.GRP2", MQOO_OUTPUT, &h2) == MQRC_NONE, "open T.GRP2 for output again");
	md = md2(MQMF_MSG_IN_GROUP, NULL, 1, 0);
	rc = put_md(h2, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "g", 1, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "LOGICAL_ORDER: a group begun");
	MQBYTE24 gg;
	memcpy(gg, md.GroupId, 24);
	md = md2(MQMF_MSG_IN_GROUP, gg, 2, 0);
	rc = put_md(h2, &md, MQPMO_NO_SYNCPOINT, "g2", 2, &cc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_INCOMPLETE_GROUP, "a put without LOGICAL_ORDER meanwhile: 2241 warning");
	md = md2(MQMF_MSG_IN_GROUP, gg, 3, 0);
	rc = put_md(h2, &md, MQPMO_NO_SYNCPOINT, "g3", 2, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "and the next without it: no warning");
	md = md2(MQMF_MSG_IN_GROUP, NULL, 1, 0);
	rc = put_md(h2, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "g4", 2, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "LOGICAL_ORDER again");
	CHECK(memcmp(md.GroupId, gg, 24) == 0 && md.MsgSeqNumber == 4, "it goes on from the puts without it (MsgSeqNumber 4)");
	MQCLOSE(hc, &h2, MQCO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_INCOMPLETE_GROUP, "MQCLOSE with the group incomplete: 2241 warning");
	drain("T.GRP2");

	md = md2(MQMF_LAST_MSG_IN_GROUP | MQMF_LAST_SEGMENT, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "two", 3, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "LOGICAL_ORDER: the last segment");
	CHECK(md.MsgSeqNumber == 3 && md.Offset == 7 && memcmp(md.GroupId, ga, 24) == 0, "MsgSeqNumber 3, Offset 7");
	md = md2(MQMF_MSG_IN_GROUP, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "B1", 2, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "LOGICAL_ORDER: the next group (under syncpoint)");
	CHECK(memcmp(md.GroupId, ga, 24) != 0 && md.MsgSeqNumber == 1, "a new GroupId, MsgSeqNumber 1 again");
	md = md2(MQMF_LAST_MSG_IN_GROUP, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "B2", 2, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "LOGICAL_ORDER: its last");
	md = md2(0, NULL, 1, 0);
	rc = put_md(h, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "C", 1, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "LOGICAL_ORDER: a message in no group");
	CHECK(is_none(md.GroupId) && md.MsgSeqNumber == 1, "GroupId MQGI_NONE, MsgSeqNumber 1");
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCLOSE with nothing incomplete");
	MQCMIT(hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCMIT");

	/* what is on T.GRP: A1 A2 A3(2 segments) B1 B2 C, in that order */
	CHECK(mqt_open(hc, "T.GRP", MQOO_INPUT_SHARED | MQOO_BROWSE, &h) == MQRC_NONE, "open T.GRP for input");
	char buf[64];
	MQGMO g;
	const char *want[] = { "A1", "A2", "A3-one,", "two", "B1", "B2", "C" };
	const char gs[] = { 'G', 'G', 'L', 'L', 'G', 'L', ' ' };
	const char ss[] = { ' ', ' ', 'S', 'L', ' ', ' ', ' ' };
	int good = 1;
	for (int i = 0; i < 7; i++) {
		rc = get_text(h, i ? MQGMO_BROWSE_NEXT : MQGMO_BROWSE_FIRST, buf, sizeof buf, &md, &g, &cc);
		if (rc || strcmp(buf, want[i]) || g.GroupStatus != gs[i] || g.SegmentStatus != ss[i] ||
		    g.Segmentation != MQSEG_INHIBITED) {
			printf("# %d: rc %d '%s' '%c' '%c'\n", i, (int)rc, buf, g.GroupStatus, g.SegmentStatus);
			good = 0;
		}
	}
	CHECK(good, "browsed: each message with its GroupStatus and SegmentStatus");
	mqt_close(hc, &h);
	drain("T.GRP");
}

/* ---- MQGET -------------------------------------------------------------------------------------- */

static void get_matching(void)
{
	MQHOBJ ho, hi;
	MQLONG cc, rc, len;
	char buf[64];
	MQGMO g;
	CHECK(mqt_open(hc, "T.GRP", MQOO_OUTPUT, &ho) == MQRC_NONE, "open for output");
	CHECK(mqt_open(hc, "T.GRP", MQOO_INPUT_SHARED | MQOO_BROWSE, &hi) == MQRC_NONE, "open for input");
	/* a group put out of order (no LOGICAL_ORDER): 2, 3 (last), 1 */
	MQMD md = md2(MQMF_MSG_IN_GROUP, NULL, 2, 0);
	rc = put_md(ho, &md, MQPMO_NO_SYNCPOINT, "m2", 2, &cc);
	MQBYTE24 gid;
	memcpy(gid, md.GroupId, 24);
	md = md2(MQMF_LAST_MSG_IN_GROUP, gid, 3, 0);
	put_md(ho, &md, MQPMO_NO_SYNCPOINT, "m3", 2, &cc);
	md = md2(MQMF_MSG_IN_GROUP, gid, 1, 0);
	put_md(ho, &md, MQPMO_NO_SYNCPOINT, "m1", 2, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "a group of 3 put out of order");

	md = md2(0, gid, 3, 0);
	rc = get3(hi, &md, MQGMO_BROWSE_FIRST, MQMO_MATCH_GROUP_ID | MQMO_MATCH_MSG_SEQ_NUMBER, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "browse matching GroupId and MsgSeqNumber 3");
	CHECK(len == 2 && memcmp(buf, "m3", 2) == 0 && g.GroupStatus == MQGS_LAST_MSG_IN_GROUP, "m3, last in group");
	MQBYTE token[16];
	memcpy(token, g.MsgToken, 16);
	md = md2(0, NULL, 5, 0);
	rc = get3(hi, &md, MQGMO_BROWSE_FIRST, MQMO_MATCH_MSG_SEQ_NUMBER, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "MsgSeqNumber 5: none");
	md = md2(0, NULL, 1, 1);
	rc = get3(hi, &md, MQGMO_BROWSE_FIRST, MQMO_MATCH_OFFSET, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "Offset 1: none");
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_BROWSE_FIRST, MQMO_MATCH_OFFSET, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "Offset 0: the first");
	CHECK(len == 2 && memcmp(buf, "m2", 2) == 0, "m2 (physically first)");
	md = md2(0, NULL, 1, 0);
	memcpy(g.MsgToken, token, 16);
	rc = get3(hi, &md, MQGMO_BROWSE_FIRST, MQMO_MATCH_MSG_TOKEN, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQMO_MATCH_MSG_TOKEN");
	CHECK(len == 2 && memcmp(buf, "m3", 2) == 0 && memcmp(g.MsgToken, token, 16) == 0, "m3 by its token");
	/* versions */
	MQMD v1 = { MQMD_DEFAULT };
	rc = get3(hi, &v1, MQGMO_BROWSE_FIRST, MQMO_MATCH_MSG_SEQ_NUMBER, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_WRONG_MD_VERSION, "MATCH_MSG_SEQ_NUMBER with an MQMD version 1: 2257");
	v1 = (MQMD){ MQMD_DEFAULT };
	rc = get3(hi, &v1, MQGMO_BROWSE_FIRST, MQMO_MATCH_OFFSET, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_WRONG_MD_VERSION, "MATCH_OFFSET with an MQMD version 1: 2257");
	{
		MQGMO g2 = { MQGMO_DEFAULT };
		g2.Version = MQGMO_VERSION_2;
		g2.Options = MQGMO_BROWSE_FIRST;
		g2.MatchOptions = MQMO_MATCH_MSG_TOKEN;
		md = md2(0, NULL, 1, 0);
		MQGET(hc, hi, &md, &g2, sizeof buf, buf, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_WRONG_GMO_VERSION, "MATCH_MSG_TOKEN with an MQGMO version 2: 2256");
		g2.Version = MQGMO_VERSION_1;
		g2.MatchOptions = MQMO_NONE;
		g2.Options = MQGMO_BROWSE_FIRST | MQGMO_COMPLETE_MSG;
		MQGET(hc, hi, &md, &g2, sizeof buf, buf, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_WRONG_GMO_VERSION, "COMPLETE_MSG with an MQGMO version 1: 2256");
		g2.Options = MQGMO_BROWSE_FIRST | MQGMO_LOGICAL_ORDER;
		MQGET(hc, hi, &md, &g2, sizeof buf, buf, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_WRONG_GMO_VERSION, "LOGICAL_ORDER with an MQGMO version 1: 2256");
		g2.Version = MQGMO_VERSION_2;
		g2.Options = MQGMO_BROWSE_FIRST;
		g2.MatchOptions = 0x40;
		MQGET(hc, hi, &md, &g2, sizeof buf, buf, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_MATCH_OPTIONS_ERROR, "an unknown match option: 2247");
	}

	/* LOGICAL_ORDER: 1, 2, 3 although put 2, 3, 1 */
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_LOGICAL_ORDER, MQMO_NONE, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "LOGICAL_ORDER get: the first of the group");
	CHECK(len == 2 && memcmp(buf, "m1", 2) == 0 && g.GroupStatus == MQGS_MSG_IN_GROUP, "m1 (MsgSeqNumber 1)");
	md = md2(0, NULL, 3, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_LOGICAL_ORDER, MQMO_MATCH_MSG_SEQ_NUMBER, buf, sizeof buf, &len,
		  &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MATCH_OPTIONS_ERROR, "LOGICAL_ORDER inside a group, MsgSeqNumber 3 asked: 2247");
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_SYNCPOINT | MQGMO_LOGICAL_ORDER, MQMO_NONE, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_INCONSISTENT_UOW, "LOGICAL_ORDER under syncpoint inside a group begun outside: 2245");
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_LOGICAL_ORDER, MQMO_MATCH_MSG_SEQ_NUMBER, buf, sizeof buf, &len,
		  &g, &cc);
	md = md2(0, NULL, 2, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_LOGICAL_ORDER, MQMO_MATCH_MSG_SEQ_NUMBER, buf, sizeof buf, &len,
		  &g, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "LOGICAL_ORDER: the second (MsgSeqNumber 2 asked and right)");
	CHECK(len == 2 && memcmp(buf, "m2", 2) == 0 && md.MsgSeqNumber == 2, "m2");
	/* a get without LOGICAL_ORDER now: warning 2241, and it happens */
	MQMD p = md2(0, NULL, 1, 0);
	put_md(ho, &p, MQPMO_NO_SYNCPOINT, "zz", 2, &cc);
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT, MQMO_NONE, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_INCOMPLETE_GROUP, "a get without LOGICAL_ORDER in an incomplete group: 2241");
	CHECK(len == 2 && memcmp(buf, "m3", 2) == 0, "it got the first on the queue (m3)");
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT, MQMO_NONE, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "the next without LOGICAL_ORDER: no warning");
	CHECK(len == 2 && memcmp(buf, "zz", 2) == 0, "zz");

	/* ALL_MSGS_AVAILABLE: a group without its last */
	md = md2(MQMF_MSG_IN_GROUP, NULL, 1, 0);
	put_md(ho, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "x1", 2, &cc);
	md = md2(MQMF_MSG_IN_GROUP, NULL, 1, 0);
	put_md(ho, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "x2", 2, &cc);
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_ALL_MSGS_AVAILABLE, MQMO_NONE, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "ALL_MSGS_AVAILABLE, the group incomplete: 2033");
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_ALL_MSGS_AVAILABLE | MQGMO_LOGICAL_ORDER, MQMO_NONE, buf, sizeof buf,
		  &len, &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "with LOGICAL_ORDER too: 2033");
	md = md2(MQMF_LAST_MSG_IN_GROUP, NULL, 1, 0);
	put_md(ho, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "x3", 2, &cc);
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_ALL_MSGS_AVAILABLE | MQGMO_LOGICAL_ORDER, MQMO_NONE, buf, sizeof buf,
		  &len, &g, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "ALL_MSGS_AVAILABLE once its last is there");
	CHECK(len == 2 && memcmp(buf, "x1", 2) == 0, "x1");
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_LOGICAL_ORDER, MQMO_NONE, buf, sizeof buf, &len, &g, &cc);
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_LOGICAL_ORDER, MQMO_NONE, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "then the rest in logical order");
	CHECK(len == 2 && memcmp(buf, "x3", 2) == 0 && g.GroupStatus == MQGS_LAST_MSG_IN_GROUP, "x3, the last");
	CHECK(mqt_depth(hc, "T.GRP") == 0, "T.GRP empty");

	/* LOGICAL_ORDER with ALL_SEGMENTS_AVAILABLE inside a group: its second
	 * logical message is segmented and incomplete */
	md = md2(MQMF_MSG_IN_GROUP, NULL, 1, 0);
	put_md(ho, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "y1", 2, &cc);
	md = md2(MQMF_LAST_MSG_IN_GROUP | MQMF_SEGMENT, NULL, 1, 0);
	put_md(ho, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "y2a", 3, &cc);
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_LOGICAL_ORDER | MQGMO_ALL_SEGMENTS_AVAILABLE, MQMO_NONE, buf, sizeof buf,
		  &len, &g, &cc);
	CHECK(rc == MQRC_NONE && len == 2 && memcmp(buf, "y1", 2) == 0, "LOGICAL_ORDER: y1");
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_LOGICAL_ORDER | MQGMO_ALL_SEGMENTS_AVAILABLE, MQMO_NONE, buf, sizeof buf,
		  &len, &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE,
	       "the next logical message with ALL_SEGMENTS_AVAILABLE, its last segment missing: 2033");
	md = md2(MQMF_LAST_MSG_IN_GROUP | MQMF_LAST_SEGMENT, NULL, 1, 0);
	put_md(ho, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "y2b", 3, &cc);
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_LOGICAL_ORDER | MQGMO_COMPLETE_MSG, MQMO_NONE, buf, sizeof buf, &len,
		  &g, &cc);
	CHECK(rc == MQRC_NONE && len == 6 && memcmp(buf, "y2ay2b", 6) == 0 && g.GroupStatus == MQGS_LAST_MSG_IN_GROUP &&
		      md.MsgSeqNumber == 2,
	      "then with COMPLETE_MSG: y2a + y2b whole, the last of the group");
	CHECK(mqt_depth(hc, "T.GRP") == 0, "T.GRP empty");

	/* ALL_SEGMENTS_AVAILABLE: a logical message without its last segment */
	md = md2(MQMF_SEGMENT, NULL, 1, 0);
	put_md(ho, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "abc", 3, &cc);
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_ALL_SEGMENTS_AVAILABLE, MQMO_NONE, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "ALL_SEGMENTS_AVAILABLE, the last segment missing: 2033");
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_COMPLETE_MSG, MQMO_NONE, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "COMPLETE_MSG, the last segment missing: 2033");
	md = md2(MQMF_LAST_SEGMENT, NULL, 1, 0);
	put_md(ho, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, "def", 3, &cc);
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_BROWSE_FIRST | MQGMO_ALL_SEGMENTS_AVAILABLE, MQMO_NONE, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "ALL_SEGMENTS_AVAILABLE once it is there");
	CHECK(len == 3 && memcmp(buf, "abc", 3) == 0 && g.SegmentStatus == MQSS_SEGMENT, "the first segment alone");
	/* COMPLETE_MSG too small: 2080, nothing moves */
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_COMPLETE_MSG, MQMO_NONE, buf, 4, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_FAILED, "COMPLETE_MSG into 4 bytes: 2080");
	CHECK(len == 6 && mqt_depth(hc, "T.GRP") == 2, "DataLength 6 (the whole), both segments still there");
	/* under syncpoint, backed out: both back */
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_SYNCPOINT | MQGMO_COMPLETE_MSG, MQMO_NONE, buf, sizeof buf, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "COMPLETE_MSG under syncpoint");
	CHECK(len == 6 && memcmp(buf, "abcdef", 6) == 0 && g.SegmentStatus == MQSS_LAST_SEGMENT &&
		      (md.MsgFlags & (MQMF_SEGMENT | MQMF_LAST_SEGMENT)) == MQMF_LAST_SEGMENT && md.Offset == 0,
	      "abcdef, the last (only) segment, Offset 0");
	MQBACK(hc, &cc, &rc);
	CHECK(mqt_depth(hc, "T.GRP") == 2, "backed out: both segments back");
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_COMPLETE_MSG | MQGMO_ACCEPT_TRUNCATED_MSG, MQMO_NONE, buf, 4, &len,
		  &g, &cc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_ACCEPTED, "COMPLETE_MSG with ACCEPT_TRUNCATED_MSG: 2079");
	CHECK(len == 6 && memcmp(buf, "abcd", 4) == 0 && mqt_depth(hc, "T.GRP") == 0,
	      "4 bytes of it, and every segment gone");

	/* browse in logical order: group D's first message physically after group E's */
	MQMD a = md2(MQMF_MSG_IN_GROUP, NULL, 1, 0), b, c2, d;
	put_md(ho, &a, MQPMO_NO_SYNCPOINT, "D1", 2, &cc);
	MQMD e = md2(MQMF_LAST_MSG_IN_GROUP, NULL, 2, 0);
	put_md(ho, &e, MQPMO_NO_SYNCPOINT, "E2", 2, &cc);
	b = md2(MQMF_LAST_MSG_IN_GROUP, a.GroupId, 2, 0);
	put_md(ho, &b, MQPMO_NO_SYNCPOINT, "D2", 2, &cc);
	c2 = md2(MQMF_MSG_IN_GROUP, e.GroupId, 1, 0);
	put_md(ho, &c2, MQPMO_NO_SYNCPOINT, "E1", 2, &cc);
	d = md2(0, NULL, 1, 0);
	put_md(ho, &d, MQPMO_NO_SYNCPOINT, "F", 1, &cc);
	const char *want[] = { "D1", "D2", "E1", "E2", "F" };
	int good = 1;
	for (int i = 0; i < 5; i++) {
		rc = get_text(hi, (i ? MQGMO_BROWSE_NEXT : MQGMO_BROWSE_FIRST) | MQGMO_LOGICAL_ORDER, buf, sizeof buf, NULL,
			      &g, &cc);
		if (rc || strcmp(buf, want[i])) {
			printf("# %d: rc %d '%s'\n", i, (int)rc, buf);
			good = 0;
		}
	}
	CHECK(good, "browse in logical order: D1 D2 E1 E2 F (physically D1 E2 D2 E1 F)");
	rc = get_text(hi, MQGMO_BROWSE_NEXT | MQGMO_LOGICAL_ORDER, buf, sizeof buf, NULL, &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "and no more");
	rc = get_text(hi, MQGMO_BROWSE_NEXT, buf, sizeof buf, NULL, &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_INCONSISTENT_BROWSE, "BROWSE_NEXT without LOGICAL_ORDER after one with: 2259");
	rc = get_text(hi, MQGMO_BROWSE_FIRST, buf, sizeof buf, NULL, &g, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "BROWSE_FIRST switches to physical order");
	CHECK(strcmp(buf, "D1") == 0, "D1");
	rc = get_text(hi, MQGMO_BROWSE_NEXT, buf, sizeof buf, NULL, &g, &cc);
	CHECK(rc == MQRC_NONE && strcmp(buf, "E2") == 0, "then E2 (physical)");
	rc = get_text(hi, MQGMO_BROWSE_NEXT | MQGMO_LOGICAL_ORDER, buf, sizeof buf, NULL, &g, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_INCONSISTENT_BROWSE, "BROWSE_NEXT with LOGICAL_ORDER after one without: 2259");
	/* destructive gets in logical order, under syncpoint, committed */
	good = 1;
	for (int i = 0; i < 5; i++) {
		rc = get_text(hi, MQGMO_SYNCPOINT | MQGMO_LOGICAL_ORDER, buf, sizeof buf, NULL, &g, &cc);
		if (rc || strcmp(buf, want[i]))
			good = 0;
	}
	CHECK(good, "got in logical order under syncpoint: D1 D2 E1 E2 F");
	MQCMIT(hc, &cc, &rc);
	CHECK(mqt_depth(hc, "T.GRP") == 0, "committed: the queue is empty");
	mqt_close(hc, &ho);
	mqt_close(hc, &hi);
}

/* ---- a get that waits for the rest of a group ------------------------------------------------ */

static const char *qmname;
static MQBYTE24 wait_gid;

/* On a connection of its own, 300 ms later: the group's last message. */
static void *put_last(void *arg)
{
	(void)arg;
	usleep(300000);
	MQHCONN h2 = mqt_conn(qmname, 0);
	MQHOBJ ho;
	MQLONG cc, rc;
	if (mqt_open(h2, "T.GRP", MQOO_OUTPUT, &ho) == MQRC_NONE) {
		MQMD md = md2(MQMF_LAST_MSG_IN_GROUP, wait_gid, 2, 0);
		MQPMO pmo = { MQPMO_DEFAULT };
		pmo.Options = MQPMO_NO_SYNCPOINT;
		MQPUT(h2, ho, &md, &pmo, 2, "w2", &cc, &rc);
		MQCLOSE(h2, &ho, MQCO_NONE, &cc, &rc);
	}
	MQDISC(&h2, &cc, &rc);
	return NULL;
}

static void wait_group(void)
{
	MQHOBJ ho, hi;
	MQLONG cc, rc, len;
	char buf[16];
	MQGMO g = { MQGMO_DEFAULT };
	CHECK(mqt_open(hc, "T.GRP", MQOO_OUTPUT, &ho) == MQRC_NONE, "open for output");
	CHECK(mqt_open(hc, "T.GRP", MQOO_INPUT_SHARED, &hi) == MQRC_NONE, "open for input");
	MQMD md = md2(MQMF_MSG_IN_GROUP, NULL, 1, 0);
	put_md(ho, &md, MQPMO_NO_SYNCPOINT, "w1", 2, &cc);
	memcpy(wait_gid, md.GroupId, 24);
	pthread_t t;
	pthread_create(&t, NULL, put_last, NULL);
	MQGMO gw = { MQGMO_DEFAULT };
	gw.Version = MQGMO_VERSION_2;
	gw.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT | MQGMO_LOGICAL_ORDER | MQGMO_ALL_MSGS_AVAILABLE;
	gw.MatchOptions = MQMO_NONE;
	gw.WaitInterval = 10000;
	md = md2(0, NULL, 1, 0);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	MQGET(hc, hi, &md, &gw, sizeof buf, buf, &len, &cc, &rc);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	pthread_join(t, NULL);
	long ms = (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000);
	CHECK(rc == MQRC_NONE && len == 2 && memcmp(buf, "w1", 2) == 0 && ms >= 250,
	      "a get with WAIT and ALL_MSGS_AVAILABLE waits for the group's last (put %ld ms later), then w1 (rc %d)", ms,
	      (int)rc);
	md = md2(0, NULL, 1, 0);
	rc = get3(hi, &md, MQGMO_NO_SYNCPOINT | MQGMO_LOGICAL_ORDER, MQMO_NONE, buf, sizeof buf, &len, &g, &cc);
	CHECK(rc == MQRC_NONE && len == 2 && memcmp(buf, "w2", 2) == 0 && g.GroupStatus == MQGS_LAST_MSG_IN_GROUP, "then w2");
	mqt_close(hc, &ho);
	mqt_close(hc, &hi);
}

/* ---- a 1 MiB logical message in segments ----------------------------------------------------- */

static void put_segs(const char *q, MQLONG persistence)
{
	MQHOBJ h;
	MQLONG cc, rc = 0;
	CHECK(mqt_open(hc, q, MQOO_OUTPUT, &h) == MQRC_NONE, "open %s for output", q);
	static uint8_t big[BIG];
	fill(big, BIG, 7);
	int good = 1;
	for (int i = 0; i < NSEG; i++) {
		MQMD md = md2(i == NSEG - 1 ? MQMF_LAST_SEGMENT : MQMF_SEGMENT, NULL, 1, 0);
		md.Persistence = persistence;
		memcpy(md.Format, MQFMT_NONE, MQ_FORMAT_LENGTH);
		rc = put_md(h, &md, MQPMO_NO_SYNCPOINT | MQPMO_LOGICAL_ORDER, big + i * (BIG / NSEG), BIG / NSEG, &cc);
		if (rc || md.Offset != i * (BIG / NSEG))
			good = 0;
	}
	CHECK(good, "1 MiB put as %d segments in logical order (Offsets set by the queue manager)", NSEG);
	mqt_close(hc, &h);
}

static void get_whole(const char *q)
{
	MQHOBJ h;
	MQLONG cc, rc, len = 0;
	CHECK(mqt_open(hc, q, MQOO_INPUT_SHARED, &h) == MQRC_NONE, "open %s for input", q);
	static uint8_t big[BIG], got[BIG + 100];
	fill(big, BIG, 7);
	MQMD md = md2(0, NULL, 1, 0);
	MQGMO g;
	rc = get3(h, &md, MQGMO_NO_SYNCPOINT | MQGMO_COMPLETE_MSG, MQMO_NONE, got, sizeof got, &len, &g, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "COMPLETE_MSG get of the 1 MiB logical message");
	CHECK(len == BIG && memcmp(got, big, BIG) == 0, "the whole of it, byte for byte (%d bytes)", (int)len);
	CHECK(g.SegmentStatus == MQSS_LAST_SEGMENT && md.Offset == 0, "returned as its only segment, Offset 0");
	CHECK(mqt_depth(hc, q) == 0, "every segment gone from %s", q);
	mqt_close(hc, &h);
}

/* Segmentation by the queue manager: T.GRP.SMALL has MAXMSGL(1000), so
 * segments of 992 bytes (1000 rounded down to 16). */
static void qm_segments(void)
{
	MQHOBJ ho, hi;
	MQLONG cc, rc, len;
	static uint8_t big[5000], got[6000];
	MQGMO g;
	fill(big, sizeof big, 3);
	CHECK(mqt_open(hc, "T.GRP.SMALL", MQOO_OUTPUT, &ho) == MQRC_NONE, "open T.GRP.SMALL for output");
	CHECK(mqt_open(hc, "T.GRP.SMALL", MQOO_INPUT_SHARED | MQOO_BROWSE, &hi) == MQRC_NONE, "open it for input");
	MQMD md = md2(0, NULL, 1, 0);
	memcpy(md.Format, MQFMT_NONE, MQ_FORMAT_LENGTH);
	rc = put_md(ho, &md, MQPMO_NO_SYNCPOINT, big, 5000, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MSG_TOO_BIG_FOR_Q, "5000 bytes on MAXMSGL(1000) without SEGMENTATION_ALLOWED: 2030");
	/* the queue manager's MAXUMSGS (t6100 sets 5: 6 segments are too many) */
	MQLONG maxumsgs = 0;
	{
		MQOD od = { MQOD_DEFAULT };
		MQHOBJ hq;
		MQLONG sel = MQIA_MAX_UNCOMMITTED_MSGS;
		od.ObjectType = MQOT_Q_MGR;
		MQOPEN(hc, &od, MQOO_INQUIRE, &hq, &cc, &rc);
		MQINQ(hc, hq, 1, &sel, 1, &maxumsgs, 0, NULL, &cc, &rc);
		MQCLOSE(hc, &hq, MQCO_NONE, &cc, &rc);
	}
	MQLONG pers[3] = { MQPER_NOT_PERSISTENT, MQPER_PERSISTENT, MQPER_PERSISTENT };
	MQLONG popt[3] = { MQPMO_NO_SYNCPOINT, MQPMO_NO_SYNCPOINT, MQPMO_SYNCPOINT };
	for (int k = 0; k < 3; k++) {
		md = md2(MQMF_SEGMENTATION_ALLOWED, NULL, 1, 0);
		memcpy(md.Format, MQFMT_NONE, MQ_FORMAT_LENGTH);
		md.Persistence = pers[k];
		rc = put_md(ho, &md, popt[k], big, 5000, &cc);
		if (k == 2 && maxumsgs < 6) {
			EXPECT(cc, rc, MQCC_FAILED, MQRC_SYNCPOINT_LIMIT_REACHED,
			       "6 segments under syncpoint with MAXUMSGS below 6: 2024");
			CHECK(mqt_depth(hc, "T.GRP.SMALL") == 0, "and none of them put");
			continue;
		}
		CHECK(cc == MQCC_OK && rc == MQRC_NONE, "5000 bytes with SEGMENTATION_ALLOWED (%s, %s): rc %d",
		      k ? "persistent" : "nonpersistent", k == 2 ? "syncpoint" : "no syncpoint", (int)rc);
		CHECK(!is_none(md.GroupId), "the queue manager gave it a GroupId");
		if (k == 2) {
			CHECK(mqt_depth(hc, "T.GRP.SMALL") == 6, "6 segments, uncommitted");
			MQCMIT(hc, &cc, &rc);
		}
		CHECK(mqt_depth(hc, "T.GRP.SMALL") == 6, "6 segments on the queue (5 of 992 bytes and one of 40)");
		MQMD b = md2(0, NULL, 1, 0);
		rc = get3(hi, &b, MQGMO_BROWSE_FIRST, MQMO_NONE, got, sizeof got, &len, &g, &cc);
		CHECK(rc == MQRC_NONE && len == 992 && g.SegmentStatus == MQSS_SEGMENT && g.Segmentation == MQSEG_ALLOWED &&
			      b.Offset == 0 && memcmp(b.GroupId, md.GroupId, 24) == 0 && memcmp(got, big, 992) == 0,
		      "the first segment: 992 bytes, Offset 0, SEGMENT, Segmentation ALLOWED");
		b = md2(0, md.GroupId, 1, 4960);
		rc = get3(hi, &b, MQGMO_BROWSE_FIRST, MQMO_MATCH_GROUP_ID | MQMO_MATCH_OFFSET, got, sizeof got, &len, &g, &cc);
		CHECK(rc == MQRC_NONE && len == 40 && g.SegmentStatus == MQSS_LAST_SEGMENT && memcmp(got, big + 4960, 40) == 0,
		      "the last: 40 bytes at Offset 4960, LAST_SEGMENT");
		b = md2(0, NULL, 1, 0);
		rc = get3(hi, &b, MQGMO_NO_SYNCPOINT | MQGMO_COMPLETE_MSG, MQMO_NONE, got, sizeof got, &len, &g, &cc);
		CHECK(rc == MQRC_NONE && len == 5000 && memcmp(got, big, 5000) == 0 && mqt_depth(hc, "T.GRP.SMALL") == 0,
		      "COMPLETE_MSG: the 5000 bytes whole, the queue empty");
	}
	/* a UTF-8 string is cut between characters: 1000 euro signs (3 bytes each) */
	char eur[3000];
	for (int i = 0; i < 1000; i++)
		memcpy(eur + 3 * i, "\xe2\x82\xac", 3);
	md = md2(MQMF_SEGMENTATION_ALLOWED, NULL, 1, 0);
	md.CodedCharSetId = 1208;
	rc = put_md(ho, &md, MQPMO_NO_SYNCPOINT, eur, 3000, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "a UTF-8 MQFMT_STRING of 3000 bytes with SEGMENTATION_ALLOWED");
	MQMD b = md2(0, NULL, 1, 0);
	rc = get3(hi, &b, MQGMO_NO_SYNCPOINT, MQMO_NONE, got, sizeof got, &len, &g, &cc);
	CHECK(rc == MQRC_NONE && len == 990, "its first segment ends between characters (990 bytes, not 992)");
	b = md2(0, NULL, 1, 0);
	rc = get3(hi, &b, MQGMO_NO_SYNCPOINT | MQGMO_LOGICAL_ORDER, MQMO_NONE, got, sizeof got, &len, &g, &cc);
	CHECK(rc == MQRC_NONE && b.Offset == 990 && (got[0] & 0xC0) != 0x80, "the next starts with a character (Offset 990)");
	drain("T.GRP.SMALL");
	/* MQ's own formats are not cut */
	md = md2(MQMF_SEGMENTATION_ALLOWED, NULL, 1, 0);
	memcpy(md.Format, MQFMT_RF_HEADER_2, MQ_FORMAT_LENGTH);
	rc = put_md(ho, &md, MQPMO_NO_SYNCPOINT, big, 5000, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MSG_TOO_BIG_FOR_Q, "MQFMT_RF_HEADER_2 with SEGMENTATION_ALLOWED: 2030");
	mqt_close(hc, &ho);
	mqt_close(hc, &hi);
}

/* A persistent group A1 A2 A3 put in logical order. */
static void put_group(const char *q)
{
	MQHOBJ h;
	MQLONG cc, rc;
	CHECK(mqt_open(hc, q, MQOO_OUTPUT, &h) == MQRC_NONE, "open %s for output", q);
	const char *t[] = { "P1", "P2", "P3" };
	int good = 1;
	for (int i = 0; i < 3; i++) {
		MQMD md = md2(i == 2 ? MQMF_LAST_MSG_IN_GROUP : MQMF_MSG_IN_GROUP, NULL, 1, 0);
		md.Persistence = MQPER_PERSISTENT;
		rc = put_md(h, &md, MQPMO_SYNCPOINT | MQPMO_LOGICAL_ORDER, t[i], 2, &cc);
		if (rc)
			good = 0;
	}
	MQCMIT(hc, &cc, &rc);
	CHECK(good && rc == MQRC_NONE, "a persistent group of 3 put in logical order and committed");
	mqt_close(hc, &h);
}

static void check_group(const char *q)
{
	MQHOBJ h;
	MQLONG cc, rc;
	char buf[16];
	MQGMO g;
	MQMD md;
	CHECK(mqt_open(hc, q, MQOO_INPUT_SHARED, &h) == MQRC_NONE, "open %s for input", q);
	const char *t[] = { "P1", "P2", "P3" };
	int good = 1;
	MQBYTE24 gid;
	for (int i = 0; i < 3; i++) {
		rc = get_text(h, MQGMO_SYNCPOINT | MQGMO_LOGICAL_ORDER | MQGMO_ALL_MSGS_AVAILABLE, buf, sizeof buf, &md,
			      &g, &cc);
		if (rc || strcmp(buf, t[i]) || md.MsgSeqNumber != i + 1 || (i && memcmp(gid, md.GroupId, 24)) ||
		    g.GroupStatus != (i == 2 ? MQGS_LAST_MSG_IN_GROUP : MQGS_MSG_IN_GROUP))
			good = 0;
		memcpy(gid, md.GroupId, 24);
	}
	MQCMIT(hc, &cc, &rc);
	CHECK(good, "the group back in logical order, its GroupId, MsgSeqNumbers and GroupStatus kept");
	mqt_close(hc, &h);
}

static int count(const char *q)
{
	MQHOBJ h;
	if (mqt_open(hc, q, MQOO_BROWSE, &h) != MQRC_NONE)
		return -1;
	int n = 0;
	char buf[16];
	for (;;) {
		MQMD md = md2(0, NULL, 1, 0);
		MQLONG cc, len;
		MQGMO g;
		MQLONG rc = get3(h, &md, (n ? MQGMO_BROWSE_NEXT : MQGMO_BROWSE_FIRST) | MQGMO_ACCEPT_TRUNCATED_MSG, MQMO_NONE,
				 buf, sizeof buf, &len, &g, &cc);
		if (cc == MQCC_FAILED)
			break;
		(void)rc;
		n++;
	}
	mqt_close(hc, &h);
	return n;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mqi_group QMGR [put|check|segs|whole|crashget|syncget|count Q [N]]\n");
		return 2;
	}
	hc = mqt_conn(argv[1], 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	if (argc >= 3) {
		const char *q = argc >= 4 ? argv[3] : "T.GRP.PERS";
		if (!strcmp(argv[2], "put")) {
			put_group(q);
			put_segs(q, MQPER_PERSISTENT);
		} else if (!strcmp(argv[2], "segs")) {
			put_segs(q, MQPER_PERSISTENT);
		} else if (!strcmp(argv[2], "check")) {
			check_group(q);
			get_whole(q);
		} else if (!strcmp(argv[2], "crashget")) {
			MQHOBJ h;
			static uint8_t got[BIG];
			MQLONG cc, len;
			MQGMO g;
			mqt_open(hc, q, MQOO_INPUT_SHARED, &h);
			MQMD md = md2(0, NULL, 1, 0);
			MQLONG rc = get3(h, &md, MQGMO_NO_SYNCPOINT | MQGMO_COMPLETE_MSG, MQMO_NONE, got, sizeof got, &len, &g,
					 &cc);
			CHECK(cc == MQCC_FAILED, "the COMPLETE_MSG get failed with the queue manager (rc %d)", (int)rc);
		} else if (!strcmp(argv[2], "whole")) {
			get_whole(q);
		} else if (!strcmp(argv[2], "syncget")) {
			MQHOBJ h;
			static uint8_t got[BIG];
			MQLONG cc, len;
			MQGMO g;
			mqt_open(hc, q, MQOO_INPUT_SHARED, &h);
			MQMD md = md2(0, NULL, 1, 0);
			MQLONG rc = get3(h, &md, MQGMO_SYNCPOINT | MQGMO_COMPLETE_MSG, MQMO_NONE, got, sizeof got, &len, &g, &cc);
			CHECK(rc == MQRC_NONE && len == BIG, "COMPLETE_MSG get under syncpoint, not committed");
			printf("# got, waiting\n");
			fflush(stdout);
			sleep(60);   /* the queue manager is killed meanwhile */
		} else if (!strcmp(argv[2], "count")) {
			int want = argc >= 5 ? atoi(argv[4]) : 0, n = count(q);
			CHECK(n == want, "%s holds %d messages (want %d)", q, n, want);
		}
		return mqt_done();
	}
	qmname = argv[1];
	drain("T.GRP");
	put_checks();
	put_logical();
	get_matching();
	wait_group();
	put_segs("T.GRP", MQPER_NOT_PERSISTENT);
	get_whole("T.GRP");
	put_segs("T.GRP.PERS", MQPER_PERSISTENT);
	get_whole("T.GRP.PERS");
	qm_segments();
	MQLONG cc, rc;
	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}
