/*
 * mqi_verbs: every MQI verb and the reason codes of issue 4, against a
 * running queue manager whose test queues tests/integration/t6100-mqi-verbs.sh
 * defined:
 *   T.Q1 T.Q2 T.Q3 T.INH T.UOW T.EXP T.MATCH T.BROWSE T.TRUNC T.WAIT   plain
 *   T.SMALL MAXDEPTH(2) MAXMSGL(10)       T.BIG MAXMSGL(100000)
 *   T.PERS DEFPSIST(YES) DEFPRTY(5)       T.FIFO MSGDLVSQ(FIFO)
 *   T.NOSHARE NOSHARE                     T.EXCLDEF DEFSOPT(EXCL)
 *   T.ALIAS TARGET(T.Q1)                  T.ALIAS.BAD TARGET(NO.SUCH.QUEUE)
 *   T.MODEL.TEMP DEFTYPE(TEMPDYN)         T.MODEL.PERM DEFTYPE(PERMDYN)
 *   ALTER QMGR MAXMSGL(32768) MAXUMSGS(5)
 *
 *   usage: mqi_verbs QMGR
 */
#include "mqt.h"

#include <pthread.h>
#include <pwd.h>
#include <time.h>
#include <unistd.h>

static const char *qmname;
static MQHCONN hc;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void nap(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static int all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return 0;
	return 1;
}

static int field_is(const char *field, size_t n, const char *s)
{
	char buf[64];
	mqt_name(buf, n, s);
	return memcmp(buf, field, n) == 0;
}

/* Empty a queue (no syncpoint). */
static void drain(const char *q)
{
	MQHOBJ h;
	char buf[256];
	if (mqt_open(hc, q, MQOO_INPUT_SHARED, &h) != MQRC_NONE)
		return;
	MQMD md;
	while (1) {
		MQLONG rc = mqt_get(hc, h, MQGMO_NO_SYNCPOINT | MQGMO_ACCEPT_TRUNCATED_MSG, 0, buf, sizeof buf, &md);
		if (rc != MQRC_NONE && rc != MQRC_TRUNCATED_MSG_ACCEPTED)
			break;
	}
	mqt_close(hc, &h);
}

/* ---- connections -------------------------------------------------------------- */

static void t_conn(void)
{
	MQCHAR48 name;
	MQHCONN h2;
	MQLONG cc, rc;
	mqt_name(name, sizeof name, qmname);
	MQCONN(name, &h2, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_ALREADY_CONNECTED, "MQCONN again in the same thread");
	CHECK(h2 == hc, "MQCONN again gives the same handle");

	mqt_name(name, sizeof name, "NO.SUCH.QM");
	MQCONN(name, &h2, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_Q_MGR_NAME_ERROR, "MQCONN to an unknown queue manager");

	/* MQCONNX version 8 with a user id and password in MQCSP */
	MQCNO cno = { MQCNO_DEFAULT };
	MQCSP csp = { MQCSP_DEFAULT };
	char user[] = "app", pw[] = "passw0rd";
	cno.Version = MQCNO_VERSION_8;
	cno.Options = MQCNO_HANDLE_SHARE_BLOCK;
	cno.SecurityParmsPtr = &csp;
	csp.AuthenticationType = MQCSP_AUTH_USER_ID_AND_PWD;
	csp.CSPUserIdPtr = user;
	csp.CSPUserIdLength = (MQLONG)strlen(user);
	csp.CSPPasswordPtr = pw;
	csp.CSPPasswordLength = (MQLONG)strlen(pw);
	mqt_name(name, sizeof name, qmname);
	/* a made-up user and password: connected when the queue manager checks
	 * nothing (CONNAUTH blank), refused 2035 when CONNAUTH names an AUTHINFO
	 * (CHCKLOCL OPTIONAL checks what is given, REQUIRED too; NONE is not
	 * looked for here) */
	char connauth[MQ_AUTH_INFO_NAME_LENGTH + 1] = "";
	{
		MQOD iod = { MQOD_DEFAULT };
		MQHOBJ hq;
		iod.ObjectType = MQOT_Q_MGR;
		MQOPEN(hc, &iod, MQOO_INQUIRE, &hq, &cc, &rc);
		MQLONG s = MQCA_CONN_AUTH;
		if (cc == MQCC_OK)
			MQINQ(hc, hq, 1, &s, 0, NULL, MQ_AUTH_INFO_NAME_LENGTH, connauth, &cc, &rc);
		CHECK(cc == MQCC_OK, "MQINQ of the queue manager's CONNAUTH (rc %d)", (int)rc);
		int l = MQ_AUTH_INFO_NAME_LENGTH;
		while (l > 0 && (connauth[l - 1] == ' ' || !connauth[l - 1]))
			connauth[--l] = 0;
		MQCLOSE(hc, &hq, MQCO_NONE, &cc, &rc);
	}
	MQCONNX(name, &cno, &h2, &cc, &rc);
	if (!connauth[0]) {
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCONNX v8 with MQCSP user and password (no CONNAUTH)");
		MQDISC(&h2, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQDISC");
	} else {
		EXPECT(cc, rc, MQCC_FAILED, MQRC_NOT_AUTHORIZED, "MQCONNX v8 with a made-up MQCSP user and password "
		       "(CONNAUTH set)");
	}
	MQHOBJ ho;
	MQOD od = { MQOD_DEFAULT };
	mqt_name(od.ObjectName, sizeof od.ObjectName, "T.Q1");
	MQHCONN gone = 0x7ff1;
	MQOPEN(gone, &od, MQOO_OUTPUT, &ho, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HCONN_ERROR, "MQOPEN on a handle that is not connected");

	/* blank name: the default queue manager (the script makes it the default) */
	MQCHAR48 blank;
	memset(blank, ' ', sizeof blank);
	h2 = mqt_conn("", 1);
	CHECK(h2 != MQHC_UNUSABLE_HCONN, "MQCONNX with a blank name reaches the default queue manager");
	if (h2 != MQHC_UNUSABLE_HCONN)
		MQDISC(&h2, &cc, &rc);
}

/* ---- MQOPEN, MQCLOSE ------------------------------------------------------------- */

static void t_open(void)
{
	MQHOBJ h;
	MQLONG cc, rc;
	EXPECT(MQCC_FAILED, mqt_open(hc, "NO.SUCH.QUEUE", MQOO_OUTPUT, &h), MQCC_FAILED, MQRC_UNKNOWN_OBJECT_NAME,
	       "MQOPEN unknown queue");
	EXPECT(MQCC_FAILED, mqt_open(hc, "T.ALIAS.BAD", MQOO_OUTPUT, &h), MQCC_FAILED, MQRC_UNKNOWN_ALIAS_BASE_Q,
	       "MQOPEN alias whose target does not exist");
	EXPECT(MQCC_FAILED, mqt_open(hc, "T.Q1", 0, &h), MQCC_FAILED, MQRC_OPTIONS_ERROR, "MQOPEN with no options");
	EXPECT(MQCC_FAILED, mqt_open(hc, "T.Q1", MQOO_INPUT_SHARED | MQOO_INPUT_EXCLUSIVE, &h), MQCC_FAILED,
	       MQRC_OPTIONS_ERROR, "MQOPEN with two input options");

	MQOD od = { MQOD_DEFAULT };
	od.Version = MQOD_VERSION_3;
	mqt_name(od.ObjectName, sizeof od.ObjectName, "T.ALIAS");
	MQOPEN(hc, &od, MQOO_OUTPUT | MQOO_INQUIRE | MQOO_FAIL_IF_QUIESCING, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQOPEN alias");
	CHECK(field_is(od.ResolvedQName, 48, "T.Q1"), "alias resolves to its TARGET T.Q1 (ResolvedQName)");
	CHECK(field_is(od.ResolvedQMgrName, 48, qmname), "ResolvedQMgrName is the queue manager");
	MQLONG sel = MQIA_Q_TYPE, v = 0;
	MQINQ(hc, h, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
	CHECK(rc == MQRC_NONE && v == MQQT_ALIAS, "MQINQ on the alias handle gives Q_TYPE alias (%d)", (int)v);
	mqt_close(hc, &h);

	MQOD qod = { MQOD_DEFAULT };
	qod.ObjectType = MQOT_Q_MGR;
	MQOPEN(hc, &qod, MQOO_INQUIRE, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQOPEN the queue manager for inquire");
	mqt_close(hc, &h);
	MQOPEN(hc, &qod, MQOO_OUTPUT, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPTION_NOT_VALID_FOR_TYPE, "MQOPEN the queue manager for output");
	MQOD nod = { MQOD_DEFAULT };
	nod.ObjectType = MQOT_NAMELIST;
	mqt_name(nod.ObjectName, 48, "SOME.NAMELIST");
	MQOPEN(hc, &nod, MQOO_INQUIRE, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OBJECT_TYPE_ERROR, "MQOPEN a namelist (not served)");
	MQOD rod = { MQOD_DEFAULT };
	mqt_name(rod.ObjectName, 48, "T.Q1");
	mqt_name(rod.ObjectQMgrName, 48, "OTHER.QM");
	MQOPEN(hc, &rod, MQOO_INPUT_SHARED, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_UNKNOWN_REMOTE_Q_MGR, "MQOPEN naming another queue manager");

	MQHOBJ bad = 999;
	MQCLOSE(hc, &bad, MQCO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HOBJ_ERROR, "MQCLOSE of an unknown handle");
	if (mqt_open(hc, "T.Q1", MQOO_OUTPUT, &h) == MQRC_NONE) {
		MQCLOSE(hc, &h, MQCO_DELETE, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_OPTION_NOT_VALID_FOR_TYPE, "MQCLOSE DELETE of a predefined queue");
		mqt_close(hc, &h);
	}
}

static void t_share(void)
{
	MQHCONN h2 = mqt_conn(qmname, 1);
	MQHOBJ a, b, c2;
	EXPECT(MQCC_OK, mqt_open(hc, "T.Q2", MQOO_INPUT_EXCLUSIVE, &a), MQCC_OK, MQRC_NONE, "open INPUT_EXCLUSIVE");
	EXPECT(MQCC_FAILED, mqt_open(h2, "T.Q2", MQOO_INPUT_SHARED, &b), MQCC_FAILED, MQRC_OBJECT_IN_USE,
	       "INPUT_SHARED while another has it exclusively");
	EXPECT(MQCC_FAILED, mqt_open(h2, "T.Q2", MQOO_INPUT_EXCLUSIVE, &b), MQCC_FAILED, MQRC_OBJECT_IN_USE,
	       "INPUT_EXCLUSIVE while another has it exclusively");
	EXPECT(MQCC_OK, mqt_open(h2, "T.Q2", MQOO_OUTPUT | MQOO_BROWSE, &b), MQCC_OK, MQRC_NONE,
	       "OUTPUT and BROWSE are not input");
	mqt_close(h2, &b);
	mqt_close(hc, &a);
	EXPECT(MQCC_OK, mqt_open(hc, "T.Q2", MQOO_INPUT_SHARED, &a), MQCC_OK, MQRC_NONE, "open INPUT_SHARED");
	EXPECT(MQCC_OK, mqt_open(h2, "T.Q2", MQOO_INPUT_AS_Q_DEF, &b), MQCC_OK, MQRC_NONE,
	       "INPUT_AS_Q_DEF (DEFSOPT SHARED) alongside");
	EXPECT(MQCC_FAILED, mqt_open(h2, "T.Q2", MQOO_INPUT_EXCLUSIVE, &c2), MQCC_FAILED, MQRC_OBJECT_IN_USE,
	       "INPUT_EXCLUSIVE while others have it shared");
	mqt_close(hc, &a);
	mqt_close(h2, &b);
	EXPECT(MQCC_OK, mqt_open(hc, "T.NOSHARE", MQOO_INPUT_SHARED, &a), MQCC_OK, MQRC_NONE, "NOSHARE queue, shared");
	EXPECT(MQCC_FAILED, mqt_open(h2, "T.NOSHARE", MQOO_INPUT_SHARED, &b), MQCC_FAILED, MQRC_OBJECT_IN_USE,
	       "a NOSHARE queue serves one input handle");
	mqt_close(hc, &a);
	EXPECT(MQCC_OK, mqt_open(hc, "T.EXCLDEF", MQOO_INPUT_AS_Q_DEF, &a), MQCC_OK, MQRC_NONE, "DEFSOPT(EXCL) as q def");
	EXPECT(MQCC_FAILED, mqt_open(h2, "T.EXCLDEF", MQOO_INPUT_SHARED, &b), MQCC_FAILED, MQRC_OBJECT_IN_USE,
	       "INPUT_AS_Q_DEF took DEFSOPT(EXCL)");
	mqt_close(hc, &a);
	MQLONG cc, rc;
	MQDISC(&h2, &cc, &rc);
}

/* ---- MQPUT, MQPUT1 ------------------------------------------------------------------ */

static void t_put(void)
{
	MQHOBJ h, in;
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	char buf[200];
	drain("T.Q1");
	mqt_open(hc, "T.Q1", MQOO_OUTPUT | MQOO_SET_ALL_CONTEXT, &h);
	mqt_open(hc, "T.Q1", MQOO_INPUT_SHARED, &in);
	md.Version = MQMD_VERSION_2;
	pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_NEW_CORREL_ID;
	MQPUT(hc, h, &md, &pmo, 5, "hello", &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQPUT");
	CHECK(memcmp(md.MsgId, "AMQ ", 4) == 0, "MsgId generated for MQMI_NONE (starts 'AMQ ')");
	CHECK(!all_zero(md.CorrelId, 24) && memcmp(md.CorrelId, md.MsgId, 24) != 0, "NEW_CORREL_ID generated");
	CHECK(field_is(pmo.ResolvedQName, 48, "T.Q1"), "PMO ResolvedQName");
	MQMD g;
	rc = mqt_get(hc, in, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &g);
	CHECK(rc == MQRC_NONE && !strcmp(buf, "hello"), "the message comes back (%d '%s')", (int)rc, buf);
	CHECK(memcmp(g.MsgId, md.MsgId, 24) == 0 && memcmp(g.CorrelId, md.CorrelId, 24) == 0,
	      "MQGET returns the generated ids");
	int digits = 1;
	for (int i = 0; i < 8; i++)
		digits &= g.PutDate[i] >= '0' && g.PutDate[i] <= '9' && g.PutTime[i] >= '0' && g.PutTime[i] <= '9';
	CHECK(digits, "PutDate and PutTime filled (%.8s %.8s)", g.PutDate, g.PutTime);
	time_t t = time(NULL);
	struct tm gm;
	gmtime_r(&t, &gm);
	char today[9];
	strftime(today, sizeof today, "%Y%m%d", &gm);
	CHECK(memcmp(g.PutDate, today, 8) == 0 || gm.tm_hour == 0, "PutDate is today in GMT");
	struct passwd *pw = getpwuid(getuid());
	char uid[13];
	snprintf(uid, sizeof uid, "%s", pw ? pw->pw_name : "");
	CHECK(field_is(g.UserIdentifier, 12, uid), "UserIdentifier is the user (%.12s)", g.UserIdentifier);
	CHECK(g.PutApplType == MQAT_UNIX, "PutApplType MQAT_UNIX");
	CHECK(memcmp(g.PutApplName, "mqi_verbs", 9) == 0, "PutApplName is the program (%.28s)", g.PutApplName);
	CHECK(field_is(g.ReplyToQMgr, 48, qmname), "blank ReplyToQMgr becomes the queue manager");
	CHECK(g.CodedCharSetId == 1208, "CCSID MQCCSI_Q_MGR becomes the queue manager's (%d)", (int)g.CodedCharSetId);
	CHECK(g.Priority == 0 && g.Persistence == MQPER_NOT_PERSISTENT, "priority and persistence as the queue");
	CHECK(g.BackoutCount == 0 && g.Version == MQMD_VERSION_2, "BackoutCount 0, Version kept");

	/* own MsgId kept without NEW_MSG_ID; replaced with it */
	MQMD m2 = { MQMD_DEFAULT };
	MQPMO p2 = { MQPMO_DEFAULT };
	memcpy(m2.MsgId, "MY-OWN-MESSAGE-ID-000001", 24);
	MQPUT(hc, h, &m2, &p2, 1, "x", &cc, &rc);
	CHECK(rc == MQRC_NONE && memcmp(m2.MsgId, "MY-OWN-MESSAGE-ID-000001", 24) == 0, "caller's MsgId kept");
	memcpy(m2.MsgId, "MY-OWN-MESSAGE-ID-000001", 24);
	p2.Options = MQPMO_NEW_MSG_ID;
	MQPUT(hc, h, &m2, &p2, 1, "x", &cc, &rc);
	CHECK(rc == MQRC_NONE && memcmp(m2.MsgId, "AMQ ", 4) == 0, "NEW_MSG_ID replaces it");
	drain("T.Q1");

	/* context */
	MQMD m3 = { MQMD_DEFAULT };
	MQPMO p3 = { MQPMO_DEFAULT };
	p3.Options = MQPMO_SET_ALL_CONTEXT;
	mqt_name(m3.UserIdentifier, 12, "someone");
	mqt_name(m3.PutApplName, 28, "elsewhere");
	memcpy(m3.PutDate, "19991231", 8);
	memcpy(m3.PutTime, "23595999", 8);
	MQPUT(hc, h, &m3, &p3, 1, "c", &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "SET_ALL_CONTEXT on a handle opened with it");
	rc = mqt_get(hc, in, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &g);
	CHECK(field_is(g.UserIdentifier, 12, "someone") && field_is(g.PutApplName, 28, "elsewhere") &&
	      memcmp(g.PutDate, "19991231", 8) == 0, "SET_ALL_CONTEXT keeps the caller's context");
	p3.Options = MQPMO_NO_CONTEXT;
	MQPUT(hc, h, &m3, &p3, 1, "c", &cc, &rc);
	rc = mqt_get(hc, in, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &g);
	CHECK(field_is(g.UserIdentifier, 12, "") && field_is(g.PutApplName, 28, "") && g.PutApplType == MQAT_NO_CONTEXT,
	      "NO_CONTEXT leaves the context blank");
	MQHOBJ plain;
	mqt_open(hc, "T.Q1", MQOO_OUTPUT, &plain);
	p3.Options = MQPMO_SET_ALL_CONTEXT;
	MQPUT(hc, plain, &m3, &p3, 1, "c", &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NOT_OPEN_FOR_SET_ALL, "SET_ALL_CONTEXT without MQOO_SET_ALL_CONTEXT: 2095");

	/* descriptor checks */
	MQMD m4 = { MQMD_DEFAULT };
	MQPMO p4 = { MQPMO_DEFAULT };
	m4.Persistence = 7;
	MQPUT(hc, plain, &m4, &p4, 1, "p", &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PERSISTENCE_ERROR, "Persistence 7");
	m4.Persistence = MQPER_PERSISTENCE_AS_Q_DEF;
	m4.Expiry = 0;
	MQPUT(hc, plain, &m4, &p4, 1, "p", &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_EXPIRY_ERROR, "Expiry 0");
	m4.Expiry = MQEI_UNLIMITED;
	m4.Priority = -5;
	MQPUT(hc, plain, &m4, &p4, 1, "p", &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PRIORITY_ERROR, "Priority -5");
	m4.Priority = 12;
	MQPUT(hc, plain, &m4, &p4, 1, "p", &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_PRIORITY_EXCEEDS_MAXIMUM, "Priority 12: put with a warning");
	m4.Priority = MQPRI_PRIORITY_AS_Q_DEF;
	m4.MsgType = MQMT_REQUEST;
	MQPUT(hc, plain, &m4, &p4, 1, "p", &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MISSING_REPLY_TO_Q, "a request without ReplyToQ");
	m4.MsgType = MQMT_DATAGRAM;
	p4.Options = MQPMO_SYNCPOINT | MQPMO_NO_SYNCPOINT;
	MQPUT(hc, plain, &m4, &p4, 1, "p", &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPTIONS_ERROR, "SYNCPOINT with NO_SYNCPOINT");
	MQPUT(hc, in, &m4, &pmo, 1, "p", &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NOT_OPEN_FOR_OUTPUT, "MQPUT on an input handle");
	MQHOBJ nohandle = 4242;
	MQPUT(hc, nohandle, &m4, &pmo, 1, "p", &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HOBJ_ERROR, "MQPUT on an unknown handle");
	drain("T.Q1");
	mqt_close(hc, &plain);
	mqt_close(hc, &h);
	mqt_close(hc, &in);

	/* queue definition defaults */
	MQHOBJ hp;
	drain("T.PERS");
	mqt_open(hc, "T.PERS", MQOO_OUTPUT | MQOO_INPUT_SHARED, &hp);
	MQMD m5 = { MQMD_DEFAULT };
	MQPMO p5 = { MQPMO_DEFAULT };
	MQPUT(hc, hp, &m5, &p5, 3, "def", &cc, &rc);
	rc = mqt_get(hc, hp, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &g);
	CHECK(rc == MQRC_NONE && g.Priority == 5 && g.Persistence == MQPER_PERSISTENT,
	      "PRIORITY_AS_Q_DEF and PERSISTENCE_AS_Q_DEF take DEFPRTY(5) DEFPSIST(YES) (%d %d)", (int)g.Priority,
	      (int)g.Persistence);
	mqt_close(hc, &hp);

	/* limits */
	MQHOBJ hs;
	drain("T.SMALL");
	mqt_open(hc, "T.SMALL", MQOO_OUTPUT, &hs);
	EXPECT(MQCC_FAILED, mqt_put(hc, hs, "eleven.byte", 0, MQPER_NOT_PERSISTENT, NULL), MQCC_FAILED,
	       MQRC_MSG_TOO_BIG_FOR_Q, "11 bytes on a MAXMSGL(10) queue");
	EXPECT(MQCC_OK, mqt_put(hc, hs, "one", 0, MQPER_NOT_PERSISTENT, NULL), MQCC_OK, MQRC_NONE, "first of MAXDEPTH(2)");
	EXPECT(MQCC_OK, mqt_put(hc, hs, "two", 0, MQPER_NOT_PERSISTENT, NULL), MQCC_OK, MQRC_NONE, "second");
	EXPECT(MQCC_FAILED, mqt_put(hc, hs, "three", 0, MQPER_NOT_PERSISTENT, NULL), MQCC_FAILED, MQRC_Q_FULL,
	       "third on a MAXDEPTH(2) queue");
	mqt_close(hc, &hs);
	drain("T.SMALL");
	MQHOBJ hb;
	mqt_open(hc, "T.BIG", MQOO_OUTPUT, &hb);
	char *big = malloc(40001);
	memset(big, 'b', 40000);
	big[40000] = 0;
	EXPECT(MQCC_FAILED, mqt_put(hc, hb, big, 0, MQPER_NOT_PERSISTENT, NULL), MQCC_FAILED, MQRC_MSG_TOO_BIG_FOR_Q_MGR,
	       "40000 bytes with the queue manager's MAXMSGL(32768)");
	big[30000] = 0;
	EXPECT(MQCC_OK, mqt_put(hc, hb, big, 0, MQPER_PERSISTENT, NULL), MQCC_OK, MQRC_NONE, "30000 bytes, persistent");
	free(big);
	mqt_close(hc, &hb);
	drain("T.BIG");

	/* MQPUT1 */
	MQOD od = { MQOD_DEFAULT };
	MQMD m6 = { MQMD_DEFAULT };
	MQPMO p6 = { MQPMO_DEFAULT };
	mqt_name(od.ObjectName, 48, "T.Q3");
	drain("T.Q3");
	MQPUT1(hc, &od, &m6, &p6, 4, "put1", &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQPUT1");
	CHECK(memcmp(m6.MsgId, "AMQ ", 4) == 0, "MQPUT1 returns the MsgId");
	CHECK(mqt_depth(hc, "T.Q3") == 1, "MQPUT1 put one message");
	mqt_name(od.ObjectName, 48, "NO.SUCH.QUEUE");
	MQPUT1(hc, &od, &m6, &p6, 4, "put1", &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_UNKNOWN_OBJECT_NAME, "MQPUT1 to an unknown queue");
	drain("T.Q3");
}

/* ---- MQGET ----------------------------------------------------------------------- */

struct putter {
	int delay_ms;
	const char *q, *text;
};

static void *put_later(void *arg)
{
	struct putter *p = arg;
	MQHCONN h2 = mqt_conn(qmname, 0);
	MQHOBJ h;
	MQLONG cc, rc;
	nap(p->delay_ms);
	mqt_open(h2, p->q, MQOO_OUTPUT, &h);
	mqt_put(h2, h, p->text, MQPMO_NO_SYNCPOINT, MQPER_PERSISTENT, NULL);
	mqt_close(h2, &h);
	MQDISC(&h2, &cc, &rc);
	return NULL;
}

static void t_get(void)
{
	MQHOBJ h, out;
	MQLONG cc, rc, len;
	char buf[200];
	MQMD md;
	drain("T.WAIT");
	mqt_open(hc, "T.WAIT", MQOO_INPUT_SHARED | MQOO_OUTPUT, &h);
	EXPECT(MQCC_FAILED, mqt_get(hc, h, MQGMO_NO_WAIT, 0, buf, sizeof buf, NULL), MQCC_FAILED, MQRC_NO_MSG_AVAILABLE,
	       "no-wait get of an empty queue");
	long long t0 = now_ms();
	rc = mqt_get(hc, h, MQGMO_WAIT, 300, buf, sizeof buf, NULL);
	long long dt = now_ms() - t0;
	CHECK(rc == MQRC_NO_MSG_AVAILABLE && dt >= 250 && dt < 5000, "wait 300 ms on an empty queue: 2033 after %lld ms",
	      dt);
	EXPECT(MQCC_FAILED, mqt_get(hc, h, MQGMO_WAIT, -7, buf, sizeof buf, NULL), MQCC_FAILED, MQRC_WAIT_INTERVAL_ERROR,
	       "WaitInterval -7");
	pthread_t th;
	struct putter p = { 200, "T.WAIT", "arrived" };
	pthread_create(&th, NULL, put_later, &p);
	rc = mqt_get(hc, h, MQGMO_WAIT | MQGMO_NO_SYNCPOINT, 10000, buf, sizeof buf, NULL);
	pthread_join(th, NULL);
	CHECK(rc == MQRC_NONE && !strcmp(buf, "arrived"), "a waiting get takes a message put later (%d)", (int)rc);
	struct putter p2 = { 200, "T.WAIT", "unlimited" };
	pthread_create(&th, NULL, put_later, &p2);
	rc = mqt_get(hc, h, MQGMO_WAIT | MQGMO_SYNCPOINT, MQWI_UNLIMITED, buf, sizeof buf, NULL);
	pthread_join(th, NULL);
	CHECK(rc == MQRC_NONE && !strcmp(buf, "unlimited"), "MQWI_UNLIMITED wait under syncpoint (%d)", (int)rc);
	MQCMIT(hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCMIT");
	mqt_close(hc, &h);

	/* priority order, FIFO within a priority; MSGDLVSQ(FIFO) */
	const char *qs[2] = { "T.Q2", "T.FIFO" };
	for (int k = 0; k < 2; k++) {
		drain(qs[k]);
		mqt_open(hc, qs[k], MQOO_INPUT_SHARED | MQOO_OUTPUT, &h);
		int prio[5] = { 1, 5, 3, 5, 1 };
		for (int i = 0; i < 5; i++) {
			MQMD m = { MQMD_DEFAULT };
			MQPMO pmo = { MQPMO_DEFAULT };
			char t[8];
			snprintf(t, sizeof t, "m%d", i);
			m.Priority = prio[i];
			MQPUT(hc, h, &m, &pmo, (MQLONG)strlen(t), t, &cc, &rc);
		}
		char order[32] = "";
		for (int i = 0; i < 5; i++) {
			mqt_get(hc, h, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL);
			strcat(order, buf);
		}
		CHECK(!strcmp(order, k ? "m0m1m2m3m4" : "m1m3m2m0m4"), "%s order: %s", qs[k], order);
		mqt_close(hc, &h);
	}

	/* matching */
	drain("T.MATCH");
	mqt_open(hc, "T.MATCH", MQOO_INPUT_SHARED | MQOO_OUTPUT | MQOO_BROWSE, &h);
	MQBYTE24 ids[3];
	for (int i = 0; i < 3; i++) {
		MQMD m = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		m.Version = MQMD_VERSION_2;
		snprintf((char *)m.CorrelId, 24, "CORREL-%d", i);
		snprintf((char *)m.GroupId, 24, "GROUP-%d", i);
		char t[8];
		snprintf(t, sizeof t, "c%d", i);
		MQPUT(hc, h, &m, &pmo, 2, t, &cc, &rc);
		memcpy(ids[i], m.MsgId, 24);
	}
	{
		/* MQMD version 2: these messages have GroupIds, which a version 1
		 * would get in an MQMDE before the data (tests/mqi/mqi_mde.c) */
		MQMD m = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };   /* version 1: matches MsgId and CorrelId */
		m.Version = MQMD_VERSION_2;
		snprintf((char *)m.CorrelId, 24, "CORREL-%d", 2);
		gmo.Options = MQGMO_BROWSE_FIRST;
		MQGET(hc, h, &m, &gmo, sizeof buf, buf, &len, &cc, &rc);
		CHECK(rc == MQRC_NONE && len == 2 && !memcmp(buf, "c2", 2), "GMO v1 matches the CorrelId (%d %d %.2s)", (int)rc, (int)len, buf);
		MQMD m2 = { MQMD_DEFAULT };
		MQGMO g2 = { MQGMO_DEFAULT };
		m2.Version = MQMD_VERSION_2;
		memcpy(m2.MsgId, ids[1], 24);
		g2.Options = MQGMO_BROWSE_FIRST;
		MQGET(hc, h, &m2, &g2, sizeof buf, buf, &len, &cc, &rc);
		CHECK(rc == MQRC_NONE && !memcmp(buf, "c1", 2), "GMO v1 matches the MsgId");
		MQMD m3 = { MQMD_DEFAULT };
		MQGMO g3 = { MQGMO_DEFAULT };
		m3.Version = MQMD_VERSION_2;
		memcpy(m3.MsgId, ids[1], 24);
		g3.Version = MQGMO_VERSION_2;
		g3.MatchOptions = MQMO_NONE;
		g3.Options = MQGMO_BROWSE_FIRST;
		MQGET(hc, h, &m3, &g3, sizeof buf, buf, &len, &cc, &rc);
		CHECK(rc == MQRC_NONE && !memcmp(buf, "c0", 2), "GMO v2 MQMO_NONE ignores the MsgId given");
		MQMD m4 = { MQMD_DEFAULT };
		MQGMO g4 = { MQGMO_DEFAULT };
		m4.Version = MQMD_VERSION_2;
		snprintf((char *)m4.GroupId, 24, "GROUP-%d", 1);
		g4.Version = MQGMO_VERSION_2;
		g4.MatchOptions = MQMO_MATCH_GROUP_ID;
		g4.Options = MQGMO_BROWSE_FIRST;
		MQGET(hc, h, &m4, &g4, sizeof buf, buf, &len, &cc, &rc);
		CHECK(rc == MQRC_NONE && !memcmp(buf, "c1", 2), "MATCH_GROUP_ID");
		MQMD m5 = { MQMD_DEFAULT };
		MQGMO g5 = { MQGMO_DEFAULT };
		snprintf((char *)m5.CorrelId, 24, "NO-SUCH");
		MQGET(hc, h, &m5, &g5, sizeof buf, buf, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "no message with that CorrelId");
	}
	mqt_close(hc, &h);
	drain("T.MATCH");

	/* truncation */
	drain("T.TRUNC");
	mqt_open(hc, "T.TRUNC", MQOO_INPUT_SHARED | MQOO_OUTPUT | MQOO_BROWSE, &h);
	mqt_put(hc, h, "0123456789abcdefghij", 0, MQPER_PERSISTENT, NULL);
	{
		MQMD m = { MQMD_DEFAULT };
		MQGMO g = { MQGMO_DEFAULT };
		memset(buf, 0, sizeof buf);
		MQGET(hc, h, &m, &g, 5, buf, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_FAILED, "buffer too short, no ACCEPT_TRUNCATED");
		CHECK(len == 20 && !memcmp(buf, "01234", 5) && m.Persistence == MQPER_PERSISTENT,
		      "DataLength is the whole length (%d), buffer and MQMD filled", (int)len);
		CHECK(mqt_depth(hc, "T.TRUNC") == 1, "2080 leaves the message");
		MQMD mm = { MQMD_DEFAULT };
		MQGMO gg = { MQGMO_DEFAULT };
		gg.Options = MQGMO_ACCEPT_TRUNCATED_MSG;
		MQGET(hc, h, &mm, &gg, 5, buf, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_ACCEPTED, "ACCEPT_TRUNCATED_MSG");
		CHECK(len == 20 && mqt_depth(hc, "T.TRUNC") == 0, "2079 removes the message");
	}
	mqt_close(hc, &h);

	/* browse and cursors */
	drain("T.BROWSE");
	mqt_open(hc, "T.BROWSE", MQOO_INPUT_SHARED | MQOO_OUTPUT | MQOO_BROWSE, &h);
	rc = mqt_get(hc, h, MQGMO_MSG_UNDER_CURSOR, 0, buf, sizeof buf, NULL);
	CHECK(rc == MQRC_NO_MSG_UNDER_CURSOR, "MSG_UNDER_CURSOR before any browse: 2034 (%d)", (int)rc);
	mqt_put(hc, h, "A", 0, MQPER_NOT_PERSISTENT, NULL);
	mqt_put(hc, h, "B", 0, MQPER_PERSISTENT, NULL);
	mqt_put(hc, h, "C", 0, MQPER_NOT_PERSISTENT, NULL);
	char seen[16] = "";
	rc = mqt_get(hc, h, MQGMO_BROWSE_FIRST, 0, buf, sizeof buf, NULL);
	strcat(seen, buf);
	rc = mqt_get(hc, h, MQGMO_BROWSE_NEXT, 0, buf, sizeof buf, NULL);
	strcat(seen, buf);
	rc = mqt_get(hc, h, MQGMO_BROWSE_MSG_UNDER_CURSOR, 0, buf, sizeof buf, NULL);
	strcat(seen, buf);
	CHECK(!strcmp(seen, "ABB"), "browse first, next, under cursor: %s", seen);
	rc = mqt_get(hc, h, MQGMO_MSG_UNDER_CURSOR | MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL);
	CHECK(rc == MQRC_NONE && !strcmp(buf, "B"), "get the message under the cursor");
	rc = mqt_get(hc, h, MQGMO_BROWSE_MSG_UNDER_CURSOR, 0, buf, sizeof buf, NULL);
	CHECK(rc == MQRC_NO_MSG_UNDER_CURSOR, "it is gone from under the cursor: 2034 (%d)", (int)rc);
	rc = mqt_get(hc, h, MQGMO_BROWSE_NEXT, 0, buf, sizeof buf, NULL);
	CHECK(rc == MQRC_NONE && !strcmp(buf, "C"), "browse next after it: C");
	rc = mqt_get(hc, h, MQGMO_BROWSE_NEXT, 0, buf, sizeof buf, NULL);
	CHECK(rc == MQRC_NO_MSG_AVAILABLE, "browse next at the end: 2033");
	CHECK(mqt_depth(hc, "T.BROWSE") == 2, "browsing removed nothing");
	mqt_open(hc, "T.BROWSE", MQOO_OUTPUT, &out);
	rc = mqt_get(hc, out, MQGMO_BROWSE_FIRST, 0, buf, sizeof buf, NULL);
	CHECK(rc == MQRC_NOT_OPEN_FOR_BROWSE, "browse on an output handle: 2036 (%d)", (int)rc);
	rc = mqt_get(hc, out, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL);
	CHECK(rc == MQRC_NOT_OPEN_FOR_INPUT, "get on an output handle: 2037 (%d)", (int)rc);
	rc = mqt_get(hc, h, MQGMO_BROWSE_FIRST | MQGMO_SYNCPOINT, 0, buf, sizeof buf, NULL);
	CHECK(rc == MQRC_OPTIONS_ERROR, "browse under syncpoint: 2046 (%d)", (int)rc);
	mqt_close(hc, &out);
	mqt_close(hc, &h);
	drain("T.BROWSE");

	/* expiry */
	drain("T.EXP");
	mqt_open(hc, "T.EXP", MQOO_INPUT_SHARED | MQOO_OUTPUT, &h);
	{
		MQMD m = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		m.Expiry = 1;   /* a tenth of a second */
		m.Persistence = MQPER_PERSISTENT;
		MQPUT(hc, h, &m, &pmo, 4, "gone", &cc, &rc);
		MQMD m2 = { MQMD_DEFAULT };
		m2.Expiry = 600;
		MQPUT(hc, h, &m2, &pmo, 4, "stay", &cc, &rc);
	}
	nap(300);
	rc = mqt_get(hc, h, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &md);
	CHECK(rc == MQRC_NONE && !strcmp(buf, "stay"), "an expired message is never returned (%s)", buf);
	CHECK(md.Expiry > 0 && md.Expiry <= 600, "Expiry returned is the time left (%d)", (int)md.Expiry);
	CHECK(mqt_depth(hc, "T.EXP") == 0, "the expired message was removed");
	mqt_close(hc, &h);

	/* GET(DISABLED) */
	MQHOBJ hi, hset;
	mqt_open(hc, "T.INH", MQOO_INPUT_SHARED | MQOO_OUTPUT, &hi);
	mqt_open(hc, "T.INH", MQOO_SET, &hset);
	MQLONG sel = MQIA_INHIBIT_GET, v = MQQA_GET_INHIBITED;
	MQSET(hc, hset, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQSET INHIBIT_GET");
	EXPECT(MQCC_FAILED, mqt_get(hc, hi, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL), MQCC_FAILED,
	       MQRC_GET_INHIBITED, "MQGET on GET(DISABLED)");
	v = MQQA_GET_ALLOWED;
	MQSET(hc, hset, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
	sel = MQIA_INHIBIT_PUT;
	v = MQQA_PUT_INHIBITED;
	MQSET(hc, hset, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
	EXPECT(MQCC_FAILED, mqt_put(hc, hi, "no", 0, MQPER_NOT_PERSISTENT, NULL), MQCC_FAILED, MQRC_PUT_INHIBITED,
	       "MQPUT on PUT(DISABLED)");
	v = MQQA_PUT_ALLOWED;
	MQSET(hc, hset, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
	EXPECT(MQCC_OK, mqt_put(hc, hi, "yes", 0, MQPER_NOT_PERSISTENT, NULL), MQCC_OK, MQRC_NONE, "enabled again");
	mqt_close(hc, &hi);
	mqt_close(hc, &hset);
	drain("T.INH");
}

/* ---- units of work --------------------------------------------------------------------- */

static void t_uow(void)
{
	MQHCONN h2 = mqt_conn(qmname, 1);
	MQHOBJ a, b;
	MQLONG cc, rc;
	char buf[100];
	MQMD md;
	drain("T.UOW");
	mqt_open(hc, "T.UOW", MQOO_INPUT_SHARED | MQOO_OUTPUT, &a);
	mqt_open(h2, "T.UOW", MQOO_INPUT_SHARED | MQOO_OUTPUT, &b);
	mqt_put(hc, a, "sp1", MQPMO_SYNCPOINT, MQPER_PERSISTENT, NULL);
	CHECK(mqt_depth(h2, "T.UOW") == 1, "CURDEPTH counts an uncommitted put");
	EXPECT(MQCC_FAILED, mqt_get(h2, b, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL), MQCC_FAILED,
	       MQRC_NO_MSG_AVAILABLE, "an uncommitted put is invisible to others");
	EXPECT(MQCC_FAILED, mqt_get(hc, a, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL), MQCC_FAILED,
	       MQRC_NO_MSG_AVAILABLE, "and to its own unit of work");
	MQCMIT(hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCMIT");
	rc = mqt_get(h2, b, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL);
	CHECK(rc == MQRC_NONE && !strcmp(buf, "sp1"), "visible after commit");

	mqt_put(hc, a, "sp2", MQPMO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL);
	MQBACK(hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQBACK");
	CHECK(mqt_depth(h2, "T.UOW") == 0, "a backed-out put is gone");

	mqt_put(hc, a, "bo", MQPMO_NO_SYNCPOINT, MQPER_PERSISTENT, NULL);
	rc = mqt_get(hc, a, MQGMO_SYNCPOINT, 0, buf, sizeof buf, &md);
	CHECK(rc == MQRC_NONE && md.BackoutCount == 0, "get under syncpoint");
	EXPECT(MQCC_FAILED, mqt_get(h2, b, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL), MQCC_FAILED,
	       MQRC_NO_MSG_AVAILABLE, "a message got under syncpoint is hidden");
	MQBACK(hc, &cc, &rc);
	rc = mqt_get(hc, a, MQGMO_SYNCPOINT, 0, buf, sizeof buf, &md);
	CHECK(rc == MQRC_NONE && md.BackoutCount == 1, "back on the queue with BackoutCount 1 (%d)", (int)md.BackoutCount);
	MQBACK(hc, &cc, &rc);
	rc = mqt_get(hc, a, MQGMO_SYNCPOINT_IF_PERSISTENT, 0, buf, sizeof buf, &md);
	CHECK(rc == MQRC_NONE && md.BackoutCount == 2, "and 2 after a second backout (%d)", (int)md.BackoutCount);
	MQBACK(hc, &cc, &rc);
	CHECK(mqt_depth(h2, "T.UOW") == 1, "SYNCPOINT_IF_PERSISTENT took it under syncpoint");
	rc = mqt_get(hc, a, MQGMO_SYNCPOINT, 0, buf, sizeof buf, &md);
	MQCMIT(hc, &cc, &rc);
	CHECK(mqt_depth(h2, "T.UOW") == 0, "a committed get removes it");

	/* MAXUMSGS(5) */
	int okn = 0;
	for (int i = 0; i < 5; i++)
		okn += mqt_put(hc, a, "u", MQPMO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL) == MQRC_NONE;
	CHECK(okn == 5, "five puts in a unit of work");
	EXPECT(MQCC_FAILED, mqt_put(hc, a, "u", MQPMO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL), MQCC_FAILED,
	       MQRC_SYNCPOINT_LIMIT_REACHED, "the sixth with MAXUMSGS(5)");
	MQBACK(hc, &cc, &rc);
	CHECK(mqt_depth(h2, "T.UOW") == 0, "backed out");

	/* MQDISC commits */
	MQHCONN h3 = mqt_conn(qmname, 1);
	MQHOBJ c3;
	mqt_open(h3, "T.UOW", MQOO_OUTPUT, &c3);
	mqt_put(h3, c3, "disc", MQPMO_SYNCPOINT, MQPER_PERSISTENT, NULL);
	MQDISC(&h3, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQDISC with a unit of work open");
	rc = mqt_get(h2, b, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL);
	CHECK(rc == MQRC_NONE && !strcmp(buf, "disc"), "MQDISC committed the put");
	mqt_close(hc, &a);
	mqt_close(h2, &b);
	MQDISC(&h2, &cc, &rc);
}

/* ---- MQINQ, MQSET ---------------------------------------------------------------------- */

static void t_inq(void)
{
	MQHOBJ h, q;
	MQLONG cc, rc;
	drain("T.Q3");
	mqt_open(hc, "T.Q3", MQOO_INQUIRE | MQOO_OUTPUT | MQOO_SET, &h);
	mqt_put(hc, h, "1", 0, MQPER_NOT_PERSISTENT, NULL);
	mqt_put(hc, h, "2", 0, MQPER_NOT_PERSISTENT, NULL);
	MQLONG sel[6] = { MQIA_CURRENT_Q_DEPTH, MQCA_Q_NAME, MQIA_MAX_Q_DEPTH, MQIA_INHIBIT_PUT, MQIA_Q_TYPE,
			  MQIA_OPEN_OUTPUT_COUNT };
	MQLONG ints[5] = { -9, -9, -9, -9, -9 };
	char chars[49];
	MQINQ(hc, h, 6, sel, 5, ints, 48, chars, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQINQ");
	CHECK(ints[0] == 2 && ints[1] == 5000 && ints[2] == MQQA_PUT_ALLOWED && ints[3] == MQQT_LOCAL && ints[4] == 1,
	      "CURDEPTH 2, MAXDEPTH 5000, PUT allowed, local, 1 output handle (%d %d %d %d %d)", (int)ints[0],
	      (int)ints[1], (int)ints[2], (int)ints[3], (int)ints[4]);
	CHECK(field_is(chars, 48, "T.Q3"), "Q_NAME blank padded to 48");
	MQINQ(hc, h, 6, sel, 2, ints, 48, chars, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_INT_ATTR_COUNT_TOO_SMALL, "IntAttrCount too small");
	CHECK(ints[0] == 2 && ints[1] == 5000, "the ints that fit are returned");
	MQINQ(hc, h, 6, sel, 5, ints, 20, chars, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_CHAR_ATTRS_TOO_SHORT, "CharAttrLength too short");
	MQLONG s2[2] = { MQCA_Q_MGR_NAME, MQIA_MAX_UNCOMMITTED_MSGS };
	MQINQ(hc, h, 2, s2, 1, ints, 48, chars, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_ERROR, "queue manager selectors on a queue: 2067");
	MQLONG s2b[2] = { MQCA_BASE_OBJECT_NAME, MQIA_BASE_TYPE };
	MQINQ(hc, h, 2, s2b, 1, ints, 48, chars, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_SELECTOR_NOT_FOR_TYPE, "alias queue selectors on a local queue: 2068");
	CHECK(chars[0] == '*' && chars[47] == '*' && ints[0] == MQIAV_NOT_APPLICABLE, "asterisks and MQIAV_NOT_APPLICABLE");
	MQLONG s3 = 1999;
	MQINQ(hc, h, 1, &s3, 1, ints, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_ERROR, "an unknown selector");
	MQLONG ss = MQIA_INHIBIT_PUT, sv = 5;
	MQSET(hc, h, 1, &ss, 1, &sv, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_INHIBIT_VALUE_ERROR, "MQSET INHIBIT_PUT 5");
	ss = MQIA_MAX_Q_DEPTH;
	sv = 10;
	MQSET(hc, h, 1, &ss, 1, &sv, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_ERROR, "MQSET MAXDEPTH (not settable)");

	/* the trigger attributes MQSET may change: all in one call, read back */
	{
		MQLONG ts[5] = { MQIA_TRIGGER_CONTROL, MQIA_TRIGGER_TYPE, MQIA_TRIGGER_DEPTH, MQIA_TRIGGER_MSG_PRIORITY,
				 MQCA_TRIGGER_DATA };
		MQLONG tv[4] = { MQTC_ON, MQTT_DEPTH, 7, 4 };
		char td[MQ_TRIGGER_DATA_LENGTH], back[MQ_TRIGGER_DATA_LENGTH + 1];
		mqt_name(td, sizeof td, "start the payroll");
		MQSET(hc, h, 5, ts, 4, tv, MQ_TRIGGER_DATA_LENGTH, td, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQSET TRIGGER, TRIGTYPE, TRIGDPTH, TRIGMPRI, TRIGDATA");
		MQLONG got[4] = { -9, -9, -9, -9 };
		MQINQ(hc, h, 5, ts, 4, got, MQ_TRIGGER_DATA_LENGTH, back, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQINQ of the trigger attributes");
		CHECK(got[0] == MQTC_ON && got[1] == MQTT_DEPTH && got[2] == 7 && got[3] == 4 &&
			      memcmp(back, td, sizeof td) == 0,
		      "they read back as set (%d %d %d %d)", (int)got[0], (int)got[1], (int)got[2], (int)got[3]);
		struct {
			MQLONG sel, val, reason;
			const char *what;
		} bad[] = {
			{ MQIA_TRIGGER_CONTROL, 7, MQRC_TRIGGER_CONTROL_ERROR, "TRIGGER 7" },
			{ MQIA_TRIGGER_TYPE, 9, MQRC_TRIGGER_TYPE_ERROR, "TRIGTYPE 9" },
			{ MQIA_TRIGGER_DEPTH, 0, MQRC_TRIGGER_DEPTH_ERROR, "TRIGDPTH 0" },
			{ MQIA_TRIGGER_MSG_PRIORITY, 10, MQRC_TRIGGER_MSG_PRIORITY_ERR, "TRIGMPRI 10" },
		};
		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			MQLONG two[2] = { MQIA_INHIBIT_PUT, bad[i].sel }, twov[2] = { MQQA_PUT_INHIBITED, bad[i].val };
			MQSET(hc, h, 2, two, 2, twov, 0, NULL, &cc, &rc);
			EXPECT(cc, rc, MQCC_FAILED, bad[i].reason, bad[i].what);
		}
		MQINQ(hc, h, 4, ts, 4, got, 0, NULL, &cc, &rc);
		MQLONG ip = MQIA_INHIBIT_PUT, ipv = -1;
		MQLONG cc2, rc2;
		MQINQ(hc, h, 1, &ip, 1, &ipv, 0, NULL, &cc2, &rc2);
		CHECK(got[0] == MQTC_ON && got[1] == MQTT_DEPTH && got[2] == 7 && got[3] == 4 &&
			      ipv == MQQA_PUT_ALLOWED,
		      "a refused MQSET changed nothing, not even the valid attribute before the bad one");
		tv[0] = MQTC_OFF;
		tv[1] = MQTT_FIRST;
		tv[2] = 1;
		tv[3] = 0;
		mqt_name(td, sizeof td, "");
		MQSET(hc, h, 5, ts, 4, tv, MQ_TRIGGER_DATA_LENGTH, td, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQSET the trigger attributes back");
	}

	MQOD od = { MQOD_DEFAULT };
	od.ObjectType = MQOT_Q_MGR;
	MQOPEN(hc, &od, MQOO_INQUIRE, &q, &cc, &rc);
	MQLONG s4[4] = { MQCA_Q_MGR_NAME, MQIA_MAX_MSG_LENGTH, MQIA_MAX_UNCOMMITTED_MSGS, MQIA_PLATFORM };
	MQINQ(hc, q, 4, s4, 3, ints, 48, chars, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQINQ on the queue manager");
	CHECK(field_is(chars, 48, qmname) && ints[0] == 32768 && ints[1] == 5 && ints[2] == MQPL_UNIX,
	      "Q_MGR_NAME, MAXMSGL 32768, MAXUMSGS 5, PLATFORM UNIX (%d %d %d)", (int)ints[0], (int)ints[1],
	      (int)ints[2]);
	MQSET(hc, q, 1, &ss, 1, &sv, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NOT_OPEN_FOR_SET, "MQSET on a handle not opened for set");
	mqt_close(hc, &q);
	MQHOBJ o2;
	mqt_open(hc, "T.Q3", MQOO_OUTPUT, &o2);
	MQINQ(hc, o2, 1, sel, 1, ints, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NOT_OPEN_FOR_INQUIRE, "MQINQ on a handle not opened for inquire");
	mqt_close(hc, &o2);
	mqt_close(hc, &h);
	drain("T.Q3");
}

/* ---- dynamic queues ------------------------------------------------------------------------- */

static void t_dynamic(void)
{
	MQOD od = { MQOD_DEFAULT };
	MQHOBJ h, h2;
	MQLONG cc, rc;
	char name[49], buf[64];
	mqt_name(od.ObjectName, 48, "T.MODEL.TEMP");
	memset(od.DynamicQName, 0, 48);
	strcpy(od.DynamicQName, "TT.*");
	MQOPEN(hc, &od, MQOO_INPUT_EXCLUSIVE | MQOO_OUTPUT, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQOPEN a TEMPDYN model");
	memcpy(name, od.ObjectName, 48);
	name[48] = 0;
	*strchr(name, ' ') = 0;
	CHECK(strncmp(name, "TT.", 3) == 0 && strlen(name) == 19, "dynamic name from 'TT.*': %s", name);
	EXPECT(MQCC_OK, mqt_put(hc, h, "temp", 0, MQPER_NOT_PERSISTENT, NULL), MQCC_OK, MQRC_NONE,
	       "nonpersistent put on a temporary queue");
	EXPECT(MQCC_FAILED, mqt_put(hc, h, "temp", 0, MQPER_PERSISTENT, NULL), MQCC_FAILED, MQRC_PERSISTENT_NOT_ALLOWED,
	       "persistent put on a temporary queue");
	EXPECT(MQCC_OK, mqt_open(hc, name, MQOO_OUTPUT, &h2), MQCC_OK, MQRC_NONE, "open it by its name");
	mqt_close(hc, &h);
	EXPECT(MQCC_FAILED, mqt_put(hc, h2, "x", 0, MQPER_NOT_PERSISTENT, NULL), MQCC_FAILED, MQRC_Q_DELETED,
	       "other handles see it deleted once its creator closes");
	mqt_close(hc, &h2);
	EXPECT(MQCC_FAILED, mqt_open(hc, name, MQOO_OUTPUT, &h2), MQCC_FAILED, MQRC_UNKNOWN_OBJECT_NAME,
	       "a temporary queue goes with its creating handle");

	MQOD d2 = { MQOD_DEFAULT };
	mqt_name(d2.ObjectName, 48, "T.MODEL.TEMP");
	MQOPEN(hc, &d2, MQOO_INQUIRE, &h, &cc, &rc);
	CHECK(rc == MQRC_NONE && memcmp(d2.ObjectName, "AMQ.", 4) == 0, "default DynamicQName AMQ.* (%.20s)",
	      d2.ObjectName);
	mqt_close(hc, &h);

	MQOD d3 = { MQOD_DEFAULT };
	mqt_name(d3.ObjectName, 48, "T.MODEL.TEMP");
	memset(d3.DynamicQName, 0, 48);
	strcpy(d3.DynamicQName, "A*B");
	MQOPEN(hc, &d3, MQOO_INQUIRE, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_DYNAMIC_Q_NAME_ERROR, "DynamicQName 'A*B'");
	strcpy(d3.DynamicQName, "T.Q1");
	mqt_name(d3.ObjectName, 48, "T.MODEL.TEMP");
	MQOPEN(hc, &d3, MQOO_INQUIRE, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OBJECT_ALREADY_EXISTS, "DynamicQName of an existing queue");

	MQOD d4 = { MQOD_DEFAULT };
	mqt_name(d4.ObjectName, 48, "T.MODEL.PERM");
	memset(d4.DynamicQName, 0, 48);
	strcpy(d4.DynamicQName, "PERM.DYN.Q1");
	MQOPEN(hc, &d4, MQOO_INPUT_SHARED | MQOO_OUTPUT, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQOPEN a PERMDYN model with a full name");
	CHECK(field_is(d4.ObjectName, 48, "PERM.DYN.Q1"), "the name is returned");
	EXPECT(MQCC_OK, mqt_put(hc, h, "perm", 0, MQPER_PERSISTENT, NULL), MQCC_OK, MQRC_NONE,
	       "persistent put on a permanent dynamic queue");
	MQCLOSE(hc, &h, MQCO_DELETE, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_Q_NOT_EMPTY, "MQCO_DELETE of a queue with messages");
	mqt_get(hc, h, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL);
	MQCLOSE(hc, &h, MQCO_DELETE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCO_DELETE once empty");
	EXPECT(MQCC_FAILED, mqt_open(hc, "PERM.DYN.Q1", MQOO_OUTPUT, &h), MQCC_FAILED, MQRC_UNKNOWN_OBJECT_NAME,
	       "deleted");
	strcpy(d4.DynamicQName, "PERM.DYN.Q2");
	mqt_name(d4.ObjectName, 48, "T.MODEL.PERM");
	MQOPEN(hc, &d4, MQOO_OUTPUT, &h, &cc, &rc);
	mqt_put(hc, h, "purge me", 0, MQPER_PERSISTENT, NULL);
	MQCLOSE(hc, &h, MQCO_DELETE_PURGE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCO_DELETE_PURGE with a message");
	EXPECT(MQCC_FAILED, mqt_open(hc, "PERM.DYN.Q2", MQOO_OUTPUT, &h), MQCC_FAILED, MQRC_UNKNOWN_OBJECT_NAME,
	       "purged and deleted");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mqi_verbs QMGR\n");
		return 2;
	}
	qmname = argv[1];
	hc = mqt_conn(qmname, 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	t_conn();
	t_open();
	t_share();
	t_put();
	t_get();
	t_uow();
	t_inq();
	t_dynamic();
	MQLONG cc, rc;
	MQDISC(&hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "final MQDISC");
	return mqt_done();
}
