/*
 * mqi_perfev: queue depth events (PERFMEV), against a running queue manager
 * with ALTER QMGR PERFMEV(ENABLED) and
 *   QLOCAL(PQ) MAXDEPTH(10) QDEPTHHI(50) QDEPTHLO(20) QDPHIEV(ENABLED)
 *              QDPLOEV(DISABLED) QDPMAXEV(DISABLED)
 * empty, and SYSTEM.ADMIN.PERFM.EVENT empty (tests/integration/t7110).  Each
 * event message's MQMD and PCF are checked whole (layout at the top of
 * qm/server/perfev.c), and the switches the queue manager turns.
 *
 *   usage: mqi_perfev QMGR
 */
#include "mqt.h"

#include <cmqcfc.h>

static MQHCONN hc;

static MQLONG put(const char *q, int sync)
{
	MQOD od = { MQOD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	mqt_name(od.ObjectName, sizeof od.ObjectName, q);
	pmo.Options = sync ? MQPMO_SYNCPOINT : MQPMO_NO_SYNCPOINT;
	MQPUT1(hc, &od, &md, &pmo, 1, "x", &cc, &rc);
	return rc;
}

static MQLONG get(MQHOBJ h, int sync)
{
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	char b[8];
	MQLONG len, cc, rc;
	gmo.Options = (sync ? MQGMO_SYNCPOINT : MQGMO_NO_SYNCPOINT) | MQGMO_ACCEPT_TRUNCATED_MSG;
	MQGET(hc, h, &md, &gmo, (MQLONG)sizeof b, b, &len, &cc, &rc);
	return rc;
}

static MQLONG inq(const char *q, MQLONG sel)
{
	MQHOBJ h;
	MQLONG v = -99, cc, rc;
	if (mqt_open(hc, q, MQOO_INQUIRE, &h) != MQRC_NONE)
		return -99;
	MQINQ(hc, h, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc);
	return v;
}

/* The switches of PQ: hi lo max as 1/0. */
static int switches(int hi, int lo, int max)
{
	return inq("PQ", MQIA_Q_DEPTH_HIGH_EVENT) == (hi ? MQEVR_ENABLED : MQEVR_DISABLED) &&
	       inq("PQ", MQIA_Q_DEPTH_LOW_EVENT) == (lo ? MQEVR_ENABLED : MQEVR_DISABLED) &&
	       inq("PQ", MQIA_Q_DEPTH_MAX_EVENT) == (max ? MQEVR_ENABLED : MQEVR_DISABLED);
}

/* The events waiting: how many; the first checked for reason, high depth,
 * enqueued and dequeued counts (-1: not checked). */
static int event(MQLONG reason, MQLONG high, MQLONG enq, MQLONG deq)
{
	MQHOBJ h;
	int n = 0;
	if (mqt_open(hc, "SYSTEM.ADMIN.PERFM.EVENT", MQOO_INPUT_SHARED, &h) != MQRC_NONE)
		return -1;
	for (;;) {
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		union { MQCFH h; char b[1024]; } buf;
		MQLONG len, cc, rc;
		gmo.Options = MQGMO_NO_SYNCPOINT;
		MQGET(hc, h, &md, &gmo, (MQLONG)sizeof buf, &buf, &len, &cc, &rc);
		if (cc == MQCC_FAILED)
			break;
		if (n++)
			continue;
		CHECK(!memcmp(md.Format, MQFMT_EVENT, MQ_FORMAT_LENGTH) && md.MsgType == MQMT_DATAGRAM &&
		      md.PutApplType == MQAT_QMGR, "an event message (MQEVENT, datagram, by the queue manager)");
		CHECK(len == 236, "236 bytes (%d)", (int)len);
		CHECK(buf.h.Type == MQCFT_EVENT && buf.h.StrucLength == MQCFH_STRUC_LENGTH &&
		      buf.h.Command == MQCMD_PERFM_EVENT && buf.h.MsgSeqNumber == 1 && buf.h.Control == MQCFC_LAST &&
		      buf.h.CompCode == MQCC_WARNING && buf.h.ParameterCount == 6, "MQCFH of a performance event");
		CHECK(buf.h.Reason == reason, "reason %d (want %d)", (int)buf.h.Reason, (int)reason);
		const MQCFST *s1 = (const MQCFST *)(const void *)(buf.b + 36);
		const MQCFST *s2 = (const MQCFST *)(const void *)(buf.b + 104);
		CHECK(s1->Type == MQCFT_STRING && s1->Parameter == MQCA_Q_MGR_NAME && s1->StringLength == 48 &&
		      s1->StrucLength == 68, "QMgrName");
		CHECK(s2->Type == MQCFT_STRING && s2->Parameter == MQCA_BASE_Q_NAME && s2->StringLength == 48 &&
		      !memcmp(buf.b + 104 + 20, "PQ  ", 4), "QName PQ");
		const MQCFIN *in = (const MQCFIN *)(const void *)(buf.b + 172);
		CHECK(in[0].Type == MQCFT_INTEGER && in[0].Parameter == MQIA_TIME_SINCE_RESET && in[0].Value >= 0,
		      "TimeSinceReset");
		CHECK(in[1].Parameter == MQIA_HIGH_Q_DEPTH && (high < 0 || in[1].Value == high),
		      "HighQDepth %d (want %d)", (int)in[1].Value, (int)high);
		CHECK(in[2].Parameter == MQIA_MSG_ENQ_COUNT && (enq < 0 || in[2].Value == enq),
		      "MsgEnqCount %d (want %d)", (int)in[2].Value, (int)enq);
		CHECK(in[3].Parameter == MQIA_MSG_DEQ_COUNT && (deq < 0 || in[3].Value == deq),
		      "MsgDeqCount %d (want %d)", (int)in[3].Value, (int)deq);
	}
	MQLONG cc, rc;
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc);
	return n;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mqi_perfev QMGR\n");
		return 2;
	}
	if ((hc = mqt_conn(argv[1], 0)) == MQHC_UNUSABLE_HCONN)
		return 1;
	MQHOBJ h;
	MQLONG cc, rc;
	EXPECT(MQCC_OK, mqt_open(hc, "PQ", MQOO_INPUT_SHARED, &h), MQCC_OK, MQRC_NONE, "open PQ");
	CHECK(switches(1, 0, 0), "at first: QDPHIEV only");
	/* up to 4 of 10: below the high limit (5) */
	for (int i = 0; i < 4; i++)
		put("PQ", 0);
	CHECK(event(0, -1, -1, -1) == 0, "no event below QDEPTHHI");
	/* the fifth: Queue Depth High; QDPLOEV and QDPMAXEV on, QDPHIEV off */
	put("PQ", 0);
	CHECK(event(MQRC_Q_DEPTH_HIGH, 5, 5, 0) == 1, "Queue Depth High at 5 of 10");
	CHECK(switches(0, 1, 1), "then QDPLOEV and QDPMAXEV, not QDPHIEV");
	put("PQ", 0);
	CHECK(event(0, -1, -1, -1) == 0, "no second Queue Depth High");
	/* down to 2 (20%): Queue Depth Low, at the get that reaches it */
	for (int i = 0; i < 3; i++)
		get(h, 0);
	CHECK(event(0, -1, -1, -1) == 0, "no event above QDEPTHLO");
	get(h, 0);
	CHECK(event(MQRC_Q_DEPTH_LOW, 6, 1, 4) == 1, "Queue Depth Low at 2 of 10 (since the last: 1 put, 4 got)");
	CHECK(switches(1, 0, 1), "then QDPHIEV and QDPMAXEV, not QDPLOEV");
	/* a get under syncpoint counts at once (as MQ's CURDEPTH) */
	for (int i = 0; i < 3; i++)
		put("PQ", 0);   /* 5: High again */
	CHECK(event(MQRC_Q_DEPTH_HIGH, -1, 3, 0) == 1, "Queue Depth High again");
	for (int i = 0; i < 3; i++)
		get(h, 1);      /* 2 left for the application: Low */
	CHECK(event(MQRC_Q_DEPTH_LOW, -1, 0, 3) == 1, "Queue Depth Low from gets under syncpoint");
	MQBACK(hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQBACK (the 3 back: depth 5, no event)");
	CHECK(event(0, -1, -1, -1) == 0, "no event from the backout");
	/* full: 10, then a put refused: Queue Full; QDPMAXEV off, QDPLOEV on */
	/* QDPHIEV is on again: the next put (depth 6) is High; then to 10 */
	for (int i = 0; i < 5; i++)
		put("PQ", 0);
	CHECK(event(MQRC_Q_DEPTH_HIGH, 6, 1, 0) == 1, "Queue Depth High at the first put above the limit");
	EXPECT(MQCC_FAILED, put("PQ", 0), MQCC_FAILED, MQRC_Q_FULL, "a put on a full queue");
	CHECK(event(MQRC_Q_FULL, 10, 4, 0) == 1, "Queue Full");
	CHECK(switches(0, 1, 0), "then QDPMAXEV off, QDPLOEV on");
	EXPECT(MQCC_FAILED, put("PQ", 0), MQCC_FAILED, MQRC_Q_FULL, "a put on a full queue again");
	CHECK(event(0, -1, -1, -1) == 0, "no second Queue Full");
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc);
	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}
