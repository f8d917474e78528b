/*
 * mqi_stat: MQSTAT and the puts made with MQPMO_ASYNC_RESPONSE, against a
 * running queue manager with the queues of tests/integration/t6100-mqi-verbs.sh
 * (T.Q1, T.SMALL MAXDEPTH(2) MAXMSGL(10), T.ALIAS TARGET(T.Q1), T.PRESP
 * DEFPRESP(ASYNC)), empty.
 *
 * Quire does each such put at once and returns its real outcome; MQSTAT
 * reports the counts of those puts and the first warning or failure (a
 * failure replacing a warning) with its object, then starts again.
 *
 *   usage: mqi_stat QMGR
 */
#include "mqt.h"

#include <stddef.h>

static MQHCONN hc;
static const char *qmname;

static int field_is(const char *field, size_t n, const char *s)
{
	char buf[64];
	mqt_name(buf, n, s);
	return memcmp(buf, field, n) == 0;
}

/* MQSTAT(ASYNC_ERROR) into a fresh version-2 MQSTS; its own reason returned. */
static MQLONG stat2(MQSTS *s)
{
	MQSTS d = { MQSTS_DEFAULT };
	MQLONG cc, rc;
	d.Version = MQSTS_VERSION_2;
	d.CompCode = -1;   /* to see that it is set */
	d.PutSuccessCount = d.PutWarningCount = d.PutFailureCount = -1;
	*s = d;
	MQSTAT(hc, MQSTAT_TYPE_ASYNC_ERROR, s, &cc, &rc);
	return rc;
}

/* One async put of text to h with the given priority: the put's reason. */
static MQLONG aput(MQHOBJ h, const char *text, MQLONG prio, MQLONG *ccout)
{
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	md.Priority = prio;
	memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	pmo.Options = MQPMO_ASYNC_RESPONSE | MQPMO_NO_SYNCPOINT;
	MQPUT(hc, h, &md, &pmo, (MQLONG)strlen(text), (void *)text, &cc, &rc);
	if (ccout)
		*ccout = cc;
	return rc;
}

static void drain(const char *q)
{
	MQHOBJ h;
	char buf[256];
	if (mqt_open(hc, q, MQOO_INPUT_SHARED, &h) != MQRC_NONE)
		return;
	while (mqt_get(hc, h, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL) == MQRC_NONE)
		;
	mqt_close(hc, &h);
}

int main(int argc, char **argv)
{
	MQSTS s;
	MQLONG cc, rc;
	MQHOBJ hsmall, halias;

	if (argc != 2) {
		fprintf(stderr, "usage: mqi_stat QMGR\n");
		return 2;
	}
	qmname = argv[1];
	hc = mqt_conn(qmname, 0);
	CHECK(hc != MQHC_UNUSABLE_HCONN, "connected to %s", qmname);

	/* nothing yet: OK, counts zero, no object */
	EXPECT(MQCC_OK, stat2(&s), MQCC_OK, MQRC_NONE, "MQSTAT on a new connection");
	CHECK(s.CompCode == MQCC_OK && s.Reason == MQRC_NONE, "no error recorded (%d %d)", (int)s.CompCode,
	      (int)s.Reason);
	CHECK(s.PutSuccessCount == 0 && s.PutWarningCount == 0 && s.PutFailureCount == 0,
	      "counts zero (%d %d %d)", (int)s.PutSuccessCount, (int)s.PutWarningCount, (int)s.PutFailureCount);
	CHECK(s.ObjectType == 0 && field_is(s.ObjectName, MQ_Q_NAME_LENGTH, ""), "no object named");

	/* two puts fit T.SMALL, the third finds it full, a long one is too big */
	CHECK(mqt_open(hc, "T.SMALL", MQOO_OUTPUT, &hsmall) == MQRC_NONE, "open T.SMALL");
	EXPECT(MQCC_OK, aput(hsmall, "one", 0, NULL), MQCC_OK, MQRC_NONE, "async put 1");
	EXPECT(MQCC_OK, aput(hsmall, "two", 0, NULL), MQCC_OK, MQRC_NONE, "async put 2");
	rc = aput(hsmall, "three", 0, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_Q_FULL, "async put 3 gets its real outcome at once");
	rc = aput(hsmall, "far too long for T.SMALL", 0, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MSG_TOO_BIG_FOR_Q, "async put 4 too big");
	/* a put without ASYNC_RESPONSE is not counted */
	CHECK(mqt_put(hc, hsmall, "sync", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL) == MQRC_Q_FULL,
	      "a synchronous put fails as before");
	EXPECT(MQCC_OK, stat2(&s), MQCC_OK, MQRC_NONE, "MQSTAT after the puts");
	CHECK(s.CompCode == MQCC_FAILED && s.Reason == MQRC_Q_FULL, "first failure kept: %d %d",
	      (int)s.CompCode, (int)s.Reason);
	CHECK(s.PutSuccessCount == 2 && s.PutWarningCount == 0 && s.PutFailureCount == 2,
	      "counts 2 ok 0 warning 2 failed (%d %d %d)", (int)s.PutSuccessCount, (int)s.PutWarningCount,
	      (int)s.PutFailureCount);
	CHECK(s.ObjectType == MQOT_Q && field_is(s.ObjectName, MQ_Q_NAME_LENGTH, "T.SMALL") &&
		      field_is(s.ResolvedObjectName, MQ_Q_NAME_LENGTH, "T.SMALL"),
	      "the object is T.SMALL");
	CHECK(field_is(s.ObjectQMgrName, MQ_Q_MGR_NAME_LENGTH, qmname) &&
		      field_is(s.ResolvedQMgrName, MQ_Q_MGR_NAME_LENGTH, qmname),
	      "on queue manager %s", qmname);
	CHECK(s.OpenOptions == MQOO_OUTPUT, "version 2: its open options (%d)", (int)s.OpenOptions);
	CHECK(s.ObjectString.VSLength == 0 && s.SubName.VSLength == 0 && s.SubOptions == 0,
	      "version 2: no object string or subscription for a queue");

	/* MQSTAT started again */
	EXPECT(MQCC_OK, stat2(&s), MQCC_OK, MQRC_NONE, "MQSTAT again");
	CHECK(s.CompCode == MQCC_OK && s.PutSuccessCount == 0 && s.PutFailureCount == 0 && s.ObjectType == 0,
	      "reset by the last MQSTAT");

	/* a warning is kept until a failure comes */
	CHECK(mqt_open(hc, "T.ALIAS", MQOO_OUTPUT | MQOO_FAIL_IF_QUIESCING, &halias) == MQRC_NONE,
	      "open T.ALIAS");
	rc = aput(halias, "high", 12, &cc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_PRIORITY_EXCEEDS_MAXIMUM, "async put with priority 12");
	EXPECT(MQCC_OK, aput(halias, "fine", 0, NULL), MQCC_OK, MQRC_NONE, "async put after it");
	EXPECT(MQCC_OK, stat2(&s), MQCC_OK, MQRC_NONE, "MQSTAT after a warning");
	CHECK(s.CompCode == MQCC_WARNING && s.Reason == MQRC_PRIORITY_EXCEEDS_MAXIMUM, "the warning: %d %d",
	      (int)s.CompCode, (int)s.Reason);
	CHECK(s.PutSuccessCount == 1 && s.PutWarningCount == 1 && s.PutFailureCount == 0,
	      "counts 1 1 0 (%d %d %d)", (int)s.PutSuccessCount, (int)s.PutWarningCount, (int)s.PutFailureCount);
	CHECK(field_is(s.ObjectName, MQ_Q_NAME_LENGTH, "T.ALIAS") &&
		      field_is(s.ResolvedObjectName, MQ_Q_NAME_LENGTH, "T.Q1"),
	      "named as opened (T.ALIAS), resolved to T.Q1");
	CHECK(s.OpenOptions == (MQOO_OUTPUT | MQOO_FAIL_IF_QUIESCING), "open options as given (%d)",
	      (int)s.OpenOptions);

	rc = aput(halias, "again high", 12, &cc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_PRIORITY_EXCEEDS_MAXIMUM, "another warning");
	{
		MQOD od = { MQOD_DEFAULT };
		MQMD md = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		mqt_name(od.ObjectName, sizeof od.ObjectName, "NO.SUCH.QUEUE");
		pmo.Options = MQPMO_ASYNC_RESPONSE | MQPMO_NO_SYNCPOINT;
		MQPUT1(hc, &od, &md, &pmo, 2, "x", &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_UNKNOWN_OBJECT_NAME, "async MQPUT1 to a queue that does not exist");
	}
	rc = aput(hsmall, "full", 0, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_Q_FULL, "a second failure");
	EXPECT(MQCC_OK, stat2(&s), MQCC_OK, MQRC_NONE, "MQSTAT after warning then failures");
	CHECK(s.CompCode == MQCC_FAILED && s.Reason == MQRC_UNKNOWN_OBJECT_NAME,
	      "the first failure replaced the warning: %d %d", (int)s.CompCode, (int)s.Reason);
	CHECK(s.PutSuccessCount == 0 && s.PutWarningCount == 1 && s.PutFailureCount == 2,
	      "counts 0 1 2 (%d %d %d)", (int)s.PutSuccessCount, (int)s.PutWarningCount, (int)s.PutFailureCount);
	CHECK(s.ObjectType == MQOT_Q && field_is(s.ObjectName, MQ_Q_NAME_LENGTH, "NO.SUCH.QUEUE") &&
		      field_is(s.ResolvedObjectName, MQ_Q_NAME_LENGTH, ""),
	      "the object as named, nothing resolved");

	/* a version-1 MQSTS is filled as far as it goes */
	{
		MQSTS s1 = { MQSTS_DEFAULT };
		char after[sizeof s1 + 16];
		memset(after, 0x5a, sizeof after);
		memcpy(after, &s1, offsetof(MQSTS, ObjectString));
		rc = aput(hsmall, "x", 0, &cc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_Q_FULL, "one more failure");
		MQSTAT(hc, MQSTAT_TYPE_ASYNC_ERROR, after, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQSTAT with a version-1 MQSTS");
		memcpy(&s1, after, offsetof(MQSTS, ObjectString));
		CHECK(s1.CompCode == MQCC_FAILED && s1.Reason == MQRC_Q_FULL && s1.PutFailureCount == 1,
		      "version 1 fields set");
		int untouched = 1;
		for (size_t i = offsetof(MQSTS, ObjectString); i < sizeof after; i++)
			if ((unsigned char)after[i] != 0x5a)
				untouched = 0;
		CHECK(untouched, "nothing written past a version-1 MQSTS");
	}

	/* DEFPRESP(ASYNC): a put with neither response option is asynchronous */
	{
		MQHOBJ hp;
		MQLONG sel = MQIA_DEF_PUT_RESPONSE_TYPE, v = -1;
		CHECK(mqt_open(hc, "T.PRESP", MQOO_OUTPUT | MQOO_INQUIRE, &hp) == MQRC_NONE, "open T.PRESP");
		MQINQ(hc, hp, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
		CHECK(cc == MQCC_OK && v == MQPRT_ASYNC_RESPONSE, "MQINQ DEF_PUT_RESPONSE_TYPE is ASYNC (%d)", (int)v);
		EXPECT(MQCC_OK, stat2(&s), MQCC_OK, MQRC_NONE, "MQSTAT to start again");
		CHECK(mqt_put(hc, hp, "as the queue says", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL) == MQRC_NONE,
		      "a put with MQPMO_RESPONSE_AS_Q_DEF");
		CHECK(mqt_put(hc, hp, "synchronous", MQPMO_NO_SYNCPOINT | MQPMO_SYNC_RESPONSE, MQPER_NOT_PERSISTENT,
			      NULL) == MQRC_NONE,
		      "a put with MQPMO_SYNC_RESPONSE");
		CHECK(mqt_put(hc, hsmall, "x", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL) ==
			      MQRC_Q_FULL,
		      "a put to a DEFPRESP(SYNC) queue");
		EXPECT(MQCC_OK, stat2(&s), MQCC_OK, MQRC_NONE, "MQSTAT");
		CHECK(s.PutSuccessCount == 1 && s.PutWarningCount == 0 && s.PutFailureCount == 0 && s.CompCode == MQCC_OK,
		      "only the put that took the queue's DEFPRESP(ASYNC) counted (%d %d %d)", (int)s.PutSuccessCount,
		      (int)s.PutWarningCount, (int)s.PutFailureCount);
		mqt_close(hc, &hp);
		drain("T.PRESP");
	}

	/* misuse */
	MQSTAT(hc, MQSTAT_TYPE_RECONNECTION, &s, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_ENVIRONMENT_ERROR, "MQSTAT_TYPE_RECONNECTION on a local connection");
	MQSTAT(hc, MQSTAT_TYPE_RECONNECTION_ERROR, &s, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_ENVIRONMENT_ERROR, "MQSTAT_TYPE_RECONNECTION_ERROR on a local connection");
	MQSTAT(hc, 99, &s, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_STAT_TYPE_ERROR, "an unknown type");
	MQSTAT(hc, MQSTAT_TYPE_ASYNC_ERROR, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_STS_ERROR, "no MQSTS");
	{
		MQSTS bad = { MQSTS_DEFAULT };
		memcpy(bad.StrucId, "STAX", 4);
		MQSTAT(hc, MQSTAT_TYPE_ASYNC_ERROR, &bad, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_STS_ERROR, "a wrong StrucId");
		memcpy(bad.StrucId, MQSTS_STRUC_ID, 4);
		bad.Version = 3;
		MQSTAT(hc, MQSTAT_TYPE_ASYNC_ERROR, &bad, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_STS_ERROR, "a version that does not exist");
	}
	MQSTAT(hc + 77, MQSTAT_TYPE_ASYNC_ERROR, &s, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HCONN_ERROR, "a handle that is not a connection");

	mqt_close(hc, &hsmall);
	mqt_close(hc, &halias);
	drain("T.SMALL");
	drain("T.Q1");
	MQDISC(&hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQDISC");
	return mqt_done();
}
