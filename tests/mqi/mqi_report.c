/*
 * mqi_report: confirm-on-arrival and confirm-on-delivery reports
 * (qm/server/report.c), as MQ
 * documents MQMD.Report: a message put with MQRO_COA makes a report on its
 * ReplyToQ (MsgType MQMT_REPORT, Feedback MQFB_COA), with no data, the first
 * 100 bytes (COA_WITH_DATA) or all of it (COA_WITH_FULL_DATA); MsgId new or
 * passed (PASS_MSG_ID), CorrelId the message's MsgId or its CorrelId
 * (PASS_CORREL_ID); Expiry and DISCARD_MSG passed with
 * PASS_DISCARD_AND_EXPIRY; under syncpoint the report comes with the commit
 * and goes with a backout; MQRO_COD makes one when a get removes the message
 * (not a browse), with the get's commit under syncpoint; MQRO_EXPIRATION one
 * when the message is found expired.  IBM MQ's reference-message sample amqsprm waits
 * for this report.
 *
 *   usage: mqi_report QMGR DEST REPLY [DEADQ]   (empty local queues; DEADQ
 *          the queue manager's dead-letter queue: a report its reply queue
 *          refuses goes there)
 */
#include "mqt.h"

#include <unistd.h>

static MQHCONN hc;
static char qdest[49], qreply[49];

static MQLONG put(const char *body, MQLONG len, MQLONG report, MQLONG opts, MQMD *md)
{
	MQOD od = { MQOD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	mqt_name(od.ObjectName, sizeof od.ObjectName, qdest);
	md->Report = report;
	mqt_name(md->ReplyToQ, sizeof md->ReplyToQ, qreply);
	memcpy(md->Format, MQFMT_STRING, 8);
	pmo.Options = opts;
	MQPUT1(hc, &od, md, &pmo, len, (void *)body, &cc, &rc);
	return rc;
}

/* Get the next report from the reply queue (no wait): its reason, md, data. */
static MQLONG get_report(MQMD *md, char *buf, MQLONG cap, MQLONG *len)
{
	MQOD od = { MQOD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQHOBJ h;
	MQLONG cc, rc, rc2;
	MQMD d = { MQMD_DEFAULT };
	d.Version = MQMD_VERSION_2;
	*md = d;
	mqt_name(od.ObjectName, sizeof od.ObjectName, qreply);
	MQOPEN(hc, &od, MQOO_INPUT_SHARED, &h, &cc, &rc);
	if (cc == MQCC_FAILED)
		return rc;
	gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_ACCEPT_TRUNCATED_MSG;
	MQGET(hc, h, md, &gmo, cap, buf, len, &cc, &rc);
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc2);
	return rc;
}

/* One MQGET (options o) from the destination queue: its reason. */
static MQLONG dest_get(MQLONG o)
{
	MQOD od = { MQOD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQHOBJ h;
	MQLONG cc, rc, rc2, len;
	char b[512];
	mqt_name(od.ObjectName, sizeof od.ObjectName, qdest);
	MQOPEN(hc, &od, MQOO_INPUT_SHARED | MQOO_BROWSE, &h, &cc, &rc);
	if (cc == MQCC_FAILED)
		return rc;
	gmo.Options = o | MQGMO_ACCEPT_TRUNCATED_MSG;
	MQGET(hc, h, &md, &gmo, sizeof b, b, &len, &cc, &rc);
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc2);
	return rc;
}

/* MQSET INHIBIT_PUT of queue q. */
static void inhibit_put(const char *q, MQLONG v)
{
	MQOD od = { MQOD_DEFAULT };
	MQHOBJ h;
	MQLONG cc, rc, sel = MQIA_INHIBIT_PUT;
	mqt_name(od.ObjectName, sizeof od.ObjectName, q);
	MQOPEN(hc, &od, MQOO_SET, &h, &cc, &rc);
	MQSET(hc, h, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc);
}

/* Get the next message of queue q (no wait): its reason, md, data. */
static MQLONG get_from(const char *q, MQMD *md, char *buf, MQLONG cap, MQLONG *len)
{
	MQOD od = { MQOD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQHOBJ h;
	MQLONG cc, rc, rc2;
	mqt_name(od.ObjectName, sizeof od.ObjectName, q);
	MQOPEN(hc, &od, MQOO_INPUT_SHARED, &h, &cc, &rc);
	if (cc == MQCC_FAILED)
		return rc;
	gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_ACCEPT_TRUNCATED_MSG;
	MQGET(hc, h, md, &gmo, cap, buf, len, &cc, &rc);
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc2);
	return rc;
}

static void drain(const char *q)
{
	MQOD od = { MQOD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQHOBJ h;
	MQLONG cc, rc, len;
	char b[512];
	mqt_name(od.ObjectName, sizeof od.ObjectName, q);
	MQOPEN(hc, &od, MQOO_INPUT_SHARED, &h, &cc, &rc);
	gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_ACCEPT_TRUNCATED_MSG;
	do {
		MQMD md = { MQMD_DEFAULT };
		MQGET(hc, h, &md, &gmo, sizeof b, b, &len, &cc, &rc);
	} while (cc != MQCC_FAILED);
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc);
}

int main(int argc, char **argv)
{
	MQLONG cc, rc, len;
	char big[300], buf[512];
	MQMD md = { MQMD_DEFAULT }, r;
	if ((argc != 4 && argc != 5) || strlen(argv[2]) > 48 || strlen(argv[3]) > 48) {
		fprintf(stderr, "usage: mqi_report QMGR DEST REPLY [DEADQ]\n");
		return 2;
	}
	strcpy(qdest, argv[2]);
	strcpy(qreply, argv[3]);
	const char *dlq = argc == 5 ? argv[4] : NULL;
	hc = mqt_conn(argv[1], 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	for (int i = 0; i < (int)sizeof big; i++)
		big[i] = (char)('a' + i % 26);

	/* no report asked: none comes */
	rc = put("plain", 5, MQRO_NONE, MQPMO_NO_SYNCPOINT, &md);
	CHECK(rc == MQRC_NONE, "put without report options: rc %d", rc);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NO_MSG_AVAILABLE, "no report without MQRO_COA (rc %d)", rc);

	/* MQRO_COA: a report without data, CorrelId the message's MsgId */
	MQMD m1 = { MQMD_DEFAULT };
	m1.Priority = 4;
	m1.Persistence = MQPER_PERSISTENT;
	rc = put("hello", 5, MQRO_COA, MQPMO_NO_SYNCPOINT, &m1);
	CHECK(rc == MQRC_NONE, "put with MQRO_COA: rc %d", rc);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE, "a report came (rc %d)", rc);
	CHECK(r.MsgType == MQMT_REPORT && r.Feedback == MQFB_COA, "MQMT_REPORT, MQFB_COA (type %d feedback %d)",
	      r.MsgType, r.Feedback);
	CHECK(len == 0, "MQRO_COA: no data (len %d)", len);
	CHECK(!memcmp(r.CorrelId, m1.MsgId, 24) && memcmp(r.MsgId, m1.MsgId, 24) != 0,
	      "CorrelId is the message's MsgId, MsgId a new one");
	CHECK(r.Priority == 4 && r.Persistence == MQPER_PERSISTENT, "the message's priority and persistence (%d %d)",
	      r.Priority, r.Persistence);
	CHECK(r.Report == MQRO_NONE && r.Expiry == MQEI_UNLIMITED, "Report NONE, Expiry unlimited");
	CHECK(r.PutApplType == MQAT_QMGR && !memcmp(r.UserIdentifier, m1.UserIdentifier, 12),
	      "the queue manager's context, the sender's user id");
	CHECK(r.OriginalLength == MQOL_UNDEFINED,
	      "OriginalLength undefined: the message is no segment (%d)", r.OriginalLength);
	{
		/* a segment's report is that segment: its group fields, OriginalLength its length */
		MQMD ms = { MQMD_DEFAULT };
		ms.Version = MQMD_VERSION_2;
		memset(ms.GroupId, 0x5A, sizeof ms.GroupId);
		ms.MsgFlags = MQMF_LAST_SEGMENT;
		ms.Offset = 0;
		rc = put("segm7", 5, MQRO_COA, MQPMO_NO_SYNCPOINT, &ms);
		MQMD rs;
		char sb[64];
		MQLONG sl;
		MQLONG src = get_report(&rs, sb, sizeof sb, &sl);
		CHECK(rc == MQRC_NONE && src == MQRC_NONE && rs.OriginalLength == 5 && rs.MsgFlags == MQMF_LAST_SEGMENT &&
			      !memcmp(rs.GroupId, ms.GroupId, 24),
		      "a segment's report: its GroupId and MsgFlags, OriginalLength 5 (rc %d %d, %d)", rc, src,
		      rs.OriginalLength);
		dest_get(MQGMO_NO_SYNCPOINT);
	}

	/* COA_WITH_DATA: the first 100 bytes; WITH_FULL_DATA: all */
	MQMD m2 = { MQMD_DEFAULT };
	rc = put(big, sizeof big, MQRO_COA_WITH_DATA, MQPMO_NO_SYNCPOINT, &m2);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && len == 100 && !memcmp(buf, big, 100) && !memcmp(r.Format, MQFMT_STRING, 8),
	      "COA_WITH_DATA: the first 100 bytes, the message's Format (rc %d len %d)", rc, len);
	MQMD m3 = { MQMD_DEFAULT };
	rc = put(big, sizeof big, MQRO_COA_WITH_FULL_DATA, MQPMO_NO_SYNCPOINT, &m3);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && len == (MQLONG)sizeof big && !memcmp(buf, big, sizeof big),
	      "COA_WITH_FULL_DATA: all of it (rc %d len %d)", rc, len);

	/* PASS_MSG_ID, PASS_CORREL_ID, PASS_DISCARD_AND_EXPIRY */
	MQMD m4 = { MQMD_DEFAULT };
	memcpy(m4.MsgId, "my own message id.......", 24);
	memcpy(m4.CorrelId, "my own correl id........", 24);
	m4.Expiry = 100000;
	rc = put("x", 1, MQRO_COA | MQRO_PASS_MSG_ID | MQRO_PASS_CORREL_ID | MQRO_PASS_DISCARD_AND_EXPIRY |
				 MQRO_DISCARD_MSG, MQPMO_NO_SYNCPOINT, &m4);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && !memcmp(r.MsgId, "my own message id.......", 24) &&
		      !memcmp(r.CorrelId, "my own correl id........", 24),
	      "PASS_MSG_ID and PASS_CORREL_ID: the message's ids");
	CHECK(r.Report == MQRO_DISCARD_MSG && r.Expiry > 0 && r.Expiry <= 100000,
	      "PASS_DISCARD_AND_EXPIRY: DISCARD_MSG and the expiry passed (report %d expiry %d)", r.Report,
	      r.Expiry);

	/* under syncpoint: the report comes with the commit, goes with a backout */
	MQMD m5 = { MQMD_DEFAULT };
	rc = put("sync", 4, MQRO_COA, MQPMO_SYNCPOINT, &m5);
	CHECK(rc == MQRC_NONE, "put under syncpoint with MQRO_COA: rc %d", rc);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NO_MSG_AVAILABLE, "no report before the commit (rc %d)", rc);
	MQCMIT(hc, &cc, &rc);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && !memcmp(r.CorrelId, m5.MsgId, 24), "the report after MQCMIT (rc %d)", rc);
	MQMD m6 = { MQMD_DEFAULT };
	rc = put("back", 4, MQRO_COA, MQPMO_SYNCPOINT, &m6);
	MQBACK(hc, &cc, &rc);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NO_MSG_AVAILABLE, "no report after MQBACK (rc %d)", rc);

	/* confirm on delivery: a report when a get removes the message, not on a browse */
	drain(qdest);
	MQMD m7 = { MQMD_DEFAULT };
	rc = put(big, sizeof big, MQRO_COD_WITH_DATA, MQPMO_NO_SYNCPOINT, &m7);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NO_MSG_AVAILABLE, "MQRO_COD: no report on arrival (rc %d)", rc);
	CHECK(dest_get(MQGMO_BROWSE_FIRST) == MQRC_NONE, "browse it");
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NO_MSG_AVAILABLE, "no report for a browse (rc %d)", rc);
	CHECK(dest_get(MQGMO_NO_SYNCPOINT) == MQRC_NONE, "get it");
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && r.MsgType == MQMT_REPORT && r.Feedback == MQFB_COD && len == 100 &&
		      !memcmp(buf, big, 100) && !memcmp(r.CorrelId, m7.MsgId, 24),
	      "the COD report after the get: MQFB_COD, 100 bytes, CorrelId its MsgId (rc %d fb %d len %d)", rc,
	      r.Feedback, len);
	MQMD m8 = { MQMD_DEFAULT };
	m8.Persistence = MQPER_PERSISTENT;
	rc = put("cod", 3, MQRO_COD, MQPMO_NO_SYNCPOINT, &m8);
	CHECK(dest_get(MQGMO_SYNCPOINT) == MQRC_NONE, "get it under syncpoint");
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NO_MSG_AVAILABLE, "no COD report before the commit (rc %d)", rc);
	MQBACK(hc, &cc, &rc);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NO_MSG_AVAILABLE, "none after MQBACK (rc %d)", rc);
	CHECK(dest_get(MQGMO_SYNCPOINT) == MQRC_NONE, "get it again under syncpoint");
	MQCMIT(hc, &cc, &rc);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && r.Feedback == MQFB_COD && len == 0 && r.Persistence == MQPER_PERSISTENT &&
		      !memcmp(r.CorrelId, m8.MsgId, 24),
	      "one COD report after MQCMIT, persistent as the message (rc %d)", rc);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NO_MSG_AVAILABLE, "and only one (rc %d)", rc);

	/* expiration: a report when the queue manager discards the message, found expired */
	drain(qdest);
	MQMD m11 = { MQMD_DEFAULT };
	m11.Expiry = 1;   /* a tenth of a second */
	rc = put(big, sizeof big, MQRO_EXPIRATION_WITH_DATA, MQPMO_NO_SYNCPOINT, &m11);
	CHECK(rc == MQRC_NONE, "put with MQRO_EXPIRATION_WITH_DATA, Expiry 1: rc %d", rc);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NO_MSG_AVAILABLE, "no report before it expires (rc %d)", rc);
	usleep(300000);
	CHECK(dest_get(MQGMO_NO_SYNCPOINT) == MQRC_NO_MSG_AVAILABLE, "a get finds it expired: 2033");
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && r.MsgType == MQMT_REPORT && r.Feedback == MQFB_EXPIRATION && len == 100 &&
		      !memcmp(buf, big, 100) && !memcmp(r.CorrelId, m11.MsgId, 24),
	      "then the expiration report: MQFB_EXPIRATION, 100 bytes, CorrelId its MsgId (rc %d fb %d len %d)", rc,
	      r.Feedback, len);
	MQMD m12 = { MQMD_DEFAULT };
	m12.Expiry = 1;
	rc = put("quiet", 5, MQRO_NONE, MQPMO_NO_SYNCPOINT, &m12);
	usleep(300000);
	CHECK(dest_get(MQGMO_BROWSE_FIRST) == MQRC_NO_MSG_AVAILABLE, "a browse finds another expired");
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NO_MSG_AVAILABLE, "which asked for no report: none (rc %d)", rc);

	/* a report its reply queue refuses: on the dead-letter queue behind an MQDLH, or
	 * discarded when it says MQRO_DISCARD_MSG (the queue manager's DEADQ is argv[4]) */
	if (dlq) {
		MQMD m9 = { MQMD_DEFAULT }, dm = { MQMD_DEFAULT };
		inhibit_put(qreply, MQQA_PUT_INHIBITED);
		rc = put("dead", 4, MQRO_COA_WITH_DATA, MQPMO_NO_SYNCPOINT, &m9);
		CHECK(rc == MQRC_NONE, "put with COA, its reply queue put-inhibited: rc %d", rc);
		rc = get_from(dlq, &dm, buf, sizeof buf, &len);
		MQDLH *dh = (MQDLH *)buf;
		CHECK(rc == MQRC_NONE && !memcmp(dm.Format, MQFMT_DEAD_LETTER_HEADER, 8) && dm.MsgType == MQMT_REPORT &&
			      dm.Feedback == MQFB_COA && len == (MQLONG)sizeof(MQDLH) + 4,
		      "the report is on the dead-letter queue (rc %d len %d)", rc, len);
		CHECK(rc == MQRC_NONE && dh->Reason == MQRC_PUT_INHIBITED && !memcmp(dh->DestQName, qreply, strlen(qreply)) &&
			      !memcmp(dh->Format, MQFMT_STRING, 8) && !memcmp(buf + sizeof(MQDLH), "dead", 4) &&
			      !memcmp(dm.CorrelId, m9.MsgId, 24),
		      "behind an MQDLH: Reason 2051, DestQName the reply queue, the report's Format and data");
		MQMD m10 = { MQMD_DEFAULT };
		rc = put("gone", 4, MQRO_COA | MQRO_PASS_DISCARD_AND_EXPIRY | MQRO_DISCARD_MSG, MQPMO_NO_SYNCPOINT, &m10);
		rc = get_from(dlq, &dm, buf, sizeof buf, &len);
		CHECK(rc == MQRC_NO_MSG_AVAILABLE, "a report that says DISCARD_MSG is discarded (rc %d)", rc);
		inhibit_put(qreply, MQQA_PUT_ALLOWED);
	}

	/* a report is no report's subject: getting the reports made none */
	drain(qdest);
	rc = get_report(&r, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NO_MSG_AVAILABLE, "nothing more on the reply queue (rc %d)", rc);
	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}
