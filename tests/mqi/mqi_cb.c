/*
 * mqi_cb: MQCB and MQCTL (asynchronous consumption), against a running queue
 * manager with the queues of tests/integration/t6100-mqi-verbs.sh: T.CB1,
 * T.CB2, T.CB3 (empty) and T.BIG MAXMSGL(100000).
 *
 * Consumers are called on libmqm's thread (MQOP_START) or the caller's
 * (MQOP_START_WAIT); every call is recorded in a log the checks read.
 *
 *   usage: mqi_cb QMGR
 */
#include "mqt.h"

#include <pthread.h>
#include <time.h>
#include <unistd.h>

static MQHCONN hc, hp;   /* the consuming connection, and one that puts (another connection) */
static const char *qmname;

/* ---- what the callbacks saw ---- */
#define LOG_MAX 512
struct rec {
	MQLONG type, reason, state, hobj, datalen;
	int tag;              /* which callback: its CallbackArea */
	char data[64];
	int bocount;
	pthread_t thread;
};
static struct rec logv[LOG_MAX];
static int nlog;
static pthread_mutex_t logmu = PTHREAD_MUTEX_INITIALIZER;

/* behaviours the consumer is asked for, by tag */
static int stop_after = -1;       /* MQCTL STOP once this many messages came */
static int dereg_self;            /* deregister itself at its first message */
static int back_first;            /* MQBACK the first delivery */
static int put_echo;              /* MQPUT each message to T.CB3 */
static MQHOBJ echo_h = MQHO_UNUSABLE_HOBJ;
static int grow_on_2080;          /* re-register with a larger MaxMsgLength on 2080 */
static MQLONG cb_put_rc = -1;     /* MQPUT from inside a callback */
static int nmsgs;

static void record(MQLONG type, PMQCBC x, PMQGMO gmo, void *buf, PMQMD md)
{
	pthread_mutex_lock(&logmu);
	if (nlog < LOG_MAX) {
		struct rec *r = &logv[nlog++];
		memset(r, 0, sizeof *r);
		r->type = type;
		r->reason = x->Reason;
		r->state = x->State;
		r->hobj = x->Hobj;
		r->datalen = x->DataLength;
		r->tag = (int)(intptr_t)x->CallbackArea;
		r->thread = pthread_self();
		if (buf && gmo) {
			MQLONG n = gmo->ReturnedLength < 63 ? gmo->ReturnedLength : 63;
			if (n > 0)
				memcpy(r->data, buf, (size_t)n);
		}
		if (md)
			r->bocount = (int)md->BackoutCount;
	}
	pthread_mutex_unlock(&logmu);
}

static void MQENTRY consumer(MQHCONN h, PMQVOID pmd, PMQVOID pgmo, PMQVOID buf, PMQCBC x)
{
	PMQMD md = pmd;
	PMQGMO gmo = pgmo;
	MQLONG cc, rc;
	record(x->CallType, x, gmo, buf, md);
	if (x->CallType != MQCBCT_MSG_REMOVED && x->CallType != MQCBCT_MSG_NOT_REMOVED)
		return;
	if (x->Reason == MQRC_TRUNCATED_MSG_FAILED && grow_on_2080) {
		MQCBD cbd = { MQCBD_DEFAULT };
		MQGMO g = { MQGMO_DEFAULT };
		cbd.CallbackFunction = (MQPTR)consumer;
		cbd.CallbackArea = x->CallbackArea;
		cbd.MaxMsgLength = x->DataLength;
		g.Options = MQGMO_NO_SYNCPOINT;
		MQCB(h, MQOP_REGISTER, &cbd, x->Hobj, md, &g, &cc, &rc);
		grow_on_2080 = 0;
		return;
	}
	nmsgs++;
	if (put_echo && echo_h != MQHO_UNUSABLE_HOBJ) {
		MQMD m = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		pmo.Options = MQPMO_NO_SYNCPOINT;
		MQPUT(h, echo_h, &m, &pmo, gmo->ReturnedLength, buf, &cc, &rc);
		cb_put_rc = rc;
	}
	if (back_first && md->BackoutCount == 0) {
		MQBACK(h, &cc, &rc);
		return;
	}
	if (back_first)
		MQCMIT(h, &cc, &rc);
	if (dereg_self) {
		MQCB(h, MQOP_DEREGISTER, NULL, x->Hobj, NULL, NULL, &cc, &rc);
		return;
	}
	if (stop_after > 0 && nmsgs >= stop_after) {
		MQCTLO ctlo = { MQCTLO_DEFAULT };
		MQCTL(h, MQOP_STOP, &ctlo, &cc, &rc);
	}
}

static void MQENTRY events(MQHCONN h, PMQVOID pmd, PMQVOID pgmo, PMQVOID buf, PMQCBC x)
{
	(void)h; (void)pmd; (void)pgmo; (void)buf;
	record(x->CallType, x, NULL, NULL, NULL);
}

static int count(MQLONG type, int tag)
{
	int n = 0;
	pthread_mutex_lock(&logmu);
	for (int i = 0; i < nlog; i++)
		if (logv[i].type == type && (tag < 0 || logv[i].tag == tag))
			n++;
	pthread_mutex_unlock(&logmu);
	return n;
}

static const struct rec *nth(MQLONG type, int tag, int k)
{
	const struct rec *found = NULL;
	pthread_mutex_lock(&logmu);
	for (int i = 0; i < nlog && !found; i++)
		if (logv[i].type == type && (tag < 0 || logv[i].tag == tag) && k-- == 0)
			found = &logv[i];
	pthread_mutex_unlock(&logmu);
	return found;
}

static void sleep_ms(int ms)
{
	struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000L };
	nanosleep(&t, NULL);
}

/* Wait up to ms for count(type, tag) >= n. */
static int wait_count(MQLONG type, int tag, int n, int ms)
{
	for (int i = 0; i < ms / 10; i++) {
		if (count(type, tag) >= n)
			return 1;
		sleep_ms(10);
	}
	return count(type, tag) >= n;
}

static void reset_log(void)
{
	pthread_mutex_lock(&logmu);
	nlog = 0;
	pthread_mutex_unlock(&logmu);
	nmsgs = 0;
}

static MQLONG reg(MQHOBJ h, int tag, MQLONG cbdopts, MQLONG gmoopts, MQLONG wait, MQLONG maxlen, MQLONG op)
{
	MQCBD cbd = { MQCBD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG cc, rc;
	cbd.CallbackFunction = (MQPTR)consumer;
	cbd.CallbackArea = (MQPTR)(intptr_t)tag;
	cbd.Options = cbdopts;
	cbd.MaxMsgLength = maxlen;
	gmo.Options = gmoopts;
	gmo.WaitInterval = wait;
	MQCB(hc, op, &cbd, h, &md, &gmo, &cc, &rc);
	return rc;
}

static MQLONG ctl(MQHCONN h, MQLONG op, MQLONG *ccout)
{
	MQCTLO ctlo = { MQCTLO_DEFAULT };
	MQLONG cc, rc;
	MQCTL(h, op, &ctlo, &cc, &rc);
	if (ccout)
		*ccout = cc;
	return rc;
}

static void putn(const char *q, const char *prefix, int n, MQLONG persistence)
{
	MQHOBJ h;
	char text[64];
	mqt_open(hp, q, MQOO_OUTPUT, &h);
	for (int i = 0; i < n; i++) {
		snprintf(text, sizeof text, "%s%d", prefix, i);
		mqt_put(hp, h, text, MQPMO_NO_SYNCPOINT, persistence, NULL);
	}
	mqt_close(hp, &h);
}

static int depth(const char *q)
{
	MQHOBJ h;
	MQLONG sel = MQIA_CURRENT_Q_DEPTH, d = -1, cc, rc;
	MQLONG orc = mqt_open(hp, q, MQOO_INQUIRE, &h);
	if (orc != MQRC_NONE) {
		printf("# MQOPEN %s: %d\n", q, (int)orc);
		return -1;
	}
	MQINQ(hp, h, 1, &sel, 1, &d, 0, NULL, &cc, &rc);
	if (rc)
		printf("# MQINQ %s: %d\n", q, (int)rc);
	mqt_close(hp, &h);
	return (int)d;
}

static void misuse(void)
{
	MQHOBJ hin, hout;
	MQCBD cbd = { MQCBD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQCTLO ctlo = { MQCTLO_DEFAULT };
	MQLONG cc, rc;

	mqt_open(hc, "T.CB1", MQOO_INPUT_SHARED, &hin);
	mqt_open(hc, "T.CB1", MQOO_OUTPUT, &hout);
	cbd.CallbackFunction = (MQPTR)consumer;

	MQCB(hc, MQOP_REGISTER | MQOP_DEREGISTER, &cbd, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPERATION_ERROR, "MQCB REGISTER+DEREGISTER");
	MQCB(hc, MQOP_REGISTER | MQOP_SUSPEND | MQOP_RESUME, &cbd, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPERATION_ERROR, "MQCB SUSPEND+RESUME");
	MQCB(hc, 0, &cbd, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPERATION_ERROR, "MQCB no operation");
	MQCB(hc, MQOP_REGISTER, NULL, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CBD_ERROR, "MQCB REGISTER without MQCBD");
	MQCBD bad = cbd;
	memcpy(bad.StrucId, "XXXX", 4);
	MQCB(hc, MQOP_REGISTER, &bad, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CBD_ERROR, "MQCBD StrucId");
	bad = cbd;
	bad.Version = 2;
	MQCB(hc, MQOP_REGISTER, &bad, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CBD_ERROR, "MQCBD Version 2");
	bad = cbd;
	bad.CallbackType = 7;
	MQCB(hc, MQOP_REGISTER, &bad, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CALLBACK_TYPE_ERROR, "MQCBD CallbackType 7");
	bad = cbd;
	bad.Options = 0x40000000;
	MQCB(hc, MQOP_REGISTER, &bad, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CBD_OPTIONS_ERROR, "MQCBD Options unknown");
	bad = cbd;
	bad.MaxMsgLength = -5;
	MQCB(hc, MQOP_REGISTER, &bad, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MAX_MSG_LENGTH_ERROR, "MQCBD MaxMsgLength -5");
	bad = cbd;
	bad.CallbackFunction = NULL;
	MQCB(hc, MQOP_REGISTER, &bad, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CALLBACK_ROUTINE_ERROR, "neither function nor name");
	bad = cbd;
	strncpy(bad.CallbackName, "libc.so.6(strlen)", sizeof bad.CallbackName);
	MQCB(hc, MQOP_REGISTER, &bad, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CALLBACK_ROUTINE_ERROR, "both function and name");
	bad.CallbackFunction = NULL;
	strncpy(bad.CallbackName, "libquire-no-such-lib.so(fn)", sizeof bad.CallbackName);
	MQCB(hc, MQOP_REGISTER, &bad, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MODULE_NOT_FOUND, "CallbackName: no such library");
	strncpy(bad.CallbackName, "libc.so.6(quire_no_such_function)", sizeof bad.CallbackName);
	MQCB(hc, MQOP_REGISTER, &bad, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MODULE_ENTRY_NOT_FOUND, "CallbackName: no such function");
	strncpy(bad.CallbackName, "(fn)", sizeof bad.CallbackName);
	MQCB(hc, MQOP_REGISTER, &bad, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CALLBACK_ROUTINE_ERROR, "CallbackName without a library");
	MQCB(hc, MQOP_REGISTER, &cbd, 4711, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HOBJ_ERROR, "consumer on a handle that is not open");
	MQCB(hc, MQOP_REGISTER, &cbd, hout, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NOT_OPEN_FOR_INPUT, "consumer on a handle open for output");
	gmo.Options = MQGMO_BROWSE_NEXT;
	MQCB(hc, MQOP_REGISTER, &cbd, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NOT_OPEN_FOR_BROWSE, "browsing consumer on a handle not open to browse");
	gmo.Options = MQGMO_MSG_UNDER_CURSOR;
	MQCB(hc, MQOP_REGISTER, &cbd, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPTIONS_ERROR, "consumer with MSG_UNDER_CURSOR");
	gmo.Options = MQGMO_WAIT;
	gmo.WaitInterval = -7;
	MQCB(hc, MQOP_REGISTER, &cbd, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_WAIT_INTERVAL_ERROR, "consumer with WaitInterval -7");
	MQGMO gbad = { MQGMO_DEFAULT };
	memcpy(gbad.StrucId, "GMOX", 4);
	MQCB(hc, MQOP_REGISTER, &cbd, hin, &md, &gbad, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_GMO_ERROR, "consumer with a bad MQGMO");
	MQCB(hc, MQOP_DEREGISTER, NULL, hin, NULL, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CALLBACK_NOT_REGISTERED, "DEREGISTER of nothing");
	MQCB(hc, MQOP_SUSPEND, NULL, hin, NULL, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CALLBACK_NOT_REGISTERED, "SUSPEND of nothing");
	MQCB(4711, MQOP_REGISTER, &cbd, hin, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_HCONN_ERROR, "MQCB on a bad Hconn");

	MQCTL(hc, 99, &ctlo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPERATION_ERROR, "MQCTL operation 99");
	MQCTL(hc, MQOP_START, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CTLO_ERROR, "MQCTL without MQCTLO");
	MQCTLO cbad = ctlo;
	memcpy(cbad.StrucId, "CTLX", 4);
	MQCTL(hc, MQOP_START, &cbad, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CTLO_ERROR, "MQCTLO StrucId");
	cbad = ctlo;
	cbad.Options = 0x10;
	MQCTL(hc, MQOP_START, &cbad, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPTIONS_ERROR, "MQCTLO Options unknown");
	MQCTL(hc, MQOP_SUSPEND, &ctlo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPERATION_NOT_ALLOWED, "SUSPEND while stopped");
	MQCTL(hc, MQOP_RESUME, &ctlo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPERATION_NOT_ALLOWED, "RESUME while stopped");
	MQCTL(hc, MQOP_START_WAIT, &ctlo, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_CALLBACKS_ACTIVE, "START_WAIT with no consumer");
	MQCTL(hc, MQOP_STOP, &ctlo, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "STOP while stopped");
	mqt_close(hc, &hin);
	mqt_close(hc, &hout);
}

/* MQOP_START: two consumers on their own thread, the state rules, SUSPEND
 * and RESUME, STOP and START again. */
static void started(void)
{
	MQHOBJ h1, h2, hout;
	MQLONG cc, rc;
	const MQLONG all = MQCBDO_REGISTER_CALL | MQCBDO_START_CALL | MQCBDO_STOP_CALL | MQCBDO_DEREGISTER_CALL;
	reset_log();
	mqt_open(hc, "T.CB1", MQOO_INPUT_SHARED, &h1);
	mqt_open(hc, "T.CB2", MQOO_INPUT_SHARED, &h2);
	mqt_open(hc, "T.CB3", MQOO_OUTPUT, &hout);
	rc = reg(h1, 1, all, MQGMO_NO_SYNCPOINT | MQGMO_WAIT, MQWI_UNLIMITED, MQCBD_FULL_MSG_LENGTH, MQOP_REGISTER);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "register the consumer of T.CB1");
	CHECK(count(MQCBCT_REGISTER_CALL, 1) == 1 && pthread_equal(nth(MQCBCT_REGISTER_CALL, 1, 0)->thread, pthread_self()),
	      "REGISTER_CALL made on the registering thread, before MQCB returned");
	rc = reg(h2, 2, all, MQGMO_NO_SYNCPOINT | MQGMO_WAIT, MQWI_UNLIMITED, MQCBD_FULL_MSG_LENGTH, MQOP_REGISTER);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "register the consumer of T.CB2");
	putn("T.CB1", "one-", 3, MQPER_PERSISTENT);
	putn("T.CB2", "two-", 2, MQPER_NOT_PERSISTENT);
	CHECK(count(MQCBCT_MSG_REMOVED, -1) == 0, "nothing consumed before MQCTL START");

	rc = ctl(hc, MQOP_START, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCTL START");
	CHECK(wait_count(MQCBCT_MSG_REMOVED, -1, 5, 5000), "the five messages consumed");
	CHECK(count(MQCBCT_MSG_REMOVED, 1) == 3 && count(MQCBCT_MSG_REMOVED, 2) == 2, "three from T.CB1, two from T.CB2");
	int inorder = 1;
	for (int i = 0; i < 3; i++) {
		char want[16];
		snprintf(want, sizeof want, "one-%d", i);
		const struct rec *r = nth(MQCBCT_MSG_REMOVED, 1, i);
		inorder &= r && strcmp(r->data, want) == 0 && r->datalen == (MQLONG)strlen(want) && r->hobj == h1;
	}
	CHECK(inorder, "T.CB1's messages in order, with their lengths and handle");
	const struct rec *s1 = nth(MQCBCT_START_CALL, 1, 0), *m1 = nth(MQCBCT_MSG_REMOVED, -1, 0);
	CHECK(s1 && count(MQCBCT_START_CALL, 2) == 1 && s1 < m1, "START_CALL for each before the first message");
	CHECK(m1 && !pthread_equal(m1->thread, pthread_self()), "consumers run on a thread of libmqm");
	CHECK(depth("T.CB1") == 0 && depth("T.CB2") == 0, "both queues emptied");

	rc = mqt_put(hc, hout, "x", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL);
	CHECK(rc == MQRC_HCONN_ASYNC_ACTIVE, "MQPUT from another thread while started: 2500 (got %d)", (int)rc);
	rc = reg(h1, 1, 0, MQGMO_NO_SYNCPOINT, 0, MQCBD_FULL_MSG_LENGTH, MQOP_REGISTER);
	CHECK(rc == MQRC_HCONN_ASYNC_ACTIVE, "MQCB from another thread while started: 2500 (got %d)", (int)rc);
	rc = ctl(hc, MQOP_START, &cc);
	CHECK(rc == MQRC_HCONN_ASYNC_ACTIVE, "MQCTL START again: 2500 (got %d)", (int)rc);
	rc = ctl(hc, MQOP_START_WAIT, &cc);
	CHECK(rc == MQRC_OPERATION_NOT_ALLOWED, "START_WAIT while started: 2534 (got %d)", (int)rc);

	rc = ctl(hc, MQOP_SUSPEND, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCTL SUSPEND from another thread");
	rc = mqt_put(hc, hout, "while-suspended", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "the connection is the application's while suspended");
	putn("T.CB1", "late-", 1, MQPER_NOT_PERSISTENT);
	sleep_ms(200);
	CHECK(count(MQCBCT_MSG_REMOVED, 1) == 3 && depth("T.CB1") == 1, "nothing consumed while suspended");
	rc = ctl(hc, MQOP_START, &cc);
	CHECK(rc == MQRC_OPERATION_NOT_ALLOWED, "START while suspended: 2534 (got %d)", (int)rc);
	rc = ctl(hc, MQOP_RESUME, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCTL RESUME");
	CHECK(wait_count(MQCBCT_MSG_REMOVED, 1, 4, 5000), "the message put meanwhile consumed after RESUME");

	/* a consumer suspended on its own: the other goes on */
	rc = ctl(hc, MQOP_SUSPEND, &cc);
	rc = reg(h2, 2, 0, 0, 0, 0, MQOP_SUSPEND);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "MQCB SUSPEND of T.CB2's consumer (connection suspended)");
	rc = ctl(hc, MQOP_RESUME, &cc);
	putn("T.CB2", "held-", 1, MQPER_NOT_PERSISTENT);
	putn("T.CB1", "free-", 1, MQPER_NOT_PERSISTENT);
	CHECK(wait_count(MQCBCT_MSG_REMOVED, 1, 5, 5000) && count(MQCBCT_MSG_REMOVED, 2) == 2 && depth("T.CB2") == 1,
	      "a suspended consumer gets nothing, the other does");

	rc = ctl(hc, MQOP_STOP, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCTL STOP from another thread");
	CHECK(count(MQCBCT_STOP_CALL, 1) == 1 && count(MQCBCT_STOP_CALL, 2) == 1, "STOP_CALL for each");
	CHECK(nth(MQCBCT_STOP_CALL, 1, 0)->state == MQCS_STOPPED, "STOP_CALL's State is MQCS_STOPPED");
	rc = mqt_put(hc, hout, "after-stop", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "MQPUT after STOP");
	CHECK(count(MQCBCT_DEREGISTER_CALL, -1) == 0, "STOP leaves the callbacks registered");
	rc = reg(h2, 2, 0, 0, 0, 0, MQOP_RESUME);
	rc = ctl(hc, MQOP_START, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCTL START again");
	CHECK(wait_count(MQCBCT_MSG_REMOVED, 2, 3, 5000) && count(MQCBCT_START_CALL, 2) == 2,
	      "a resumed consumer gets what waited, after a second START_CALL");

	/* MQDISC while started stops, deregisters and disconnects */
	MQHCONN keep = hc;
	MQDISC(&hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQDISC while started");
	CHECK(count(MQCBCT_STOP_CALL, -1) == 4 && count(MQCBCT_DEREGISTER_CALL, 1) == 1 &&
	      count(MQCBCT_DEREGISTER_CALL, 2) == 1, "MQDISC: STOP_CALL and DEREGISTER_CALL for each");
	CHECK(nth(MQCBCT_DEREGISTER_CALL, 1, 0)->hobj == MQHO_UNUSABLE_HOBJ, "DEREGISTER_CALL of MQDISC: MQHO_UNUSABLE_HOBJ");
	MQLONG dummy;
	MQCTL(keep, MQOP_START, &(MQCTLO){ MQCTLO_DEFAULT }, &dummy, &rc);
	CHECK(rc == MQRC_HCONN_ERROR, "MQCTL on the disconnected handle: 2018 (got %d)", (int)rc);
	hc = mqt_conn(qmname, 0);
	/* drain T.CB3 (the puts above) */
	MQHOBJ h3;
	char buf[64];
	mqt_open(hp, "T.CB3", MQOO_INPUT_SHARED, &h3);
	int n3 = 0;
	while (mqt_get(hp, h3, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL) == MQRC_NONE)
		n3++;
	mqt_close(hp, &h3);
	CHECK(n3 == 2, "the two puts made while suspended and stopped arrived (%d)", n3);
}

/* MQOP_START_WAIT on this thread: verbs from inside callbacks, STOP from a
 * callback, syncpoint, a consumer deregistering itself, wait intervals,
 * MaxMsgLength, MQCLOSE. */
static void waiting(void)
{
	MQHOBJ h1, h2;
	MQLONG cc, rc;
	reset_log();
	mqt_open(hc, "T.CB1", MQOO_INPUT_SHARED, &h1);
	mqt_open(hc, "T.CB3", MQOO_OUTPUT, &echo_h);
	putn("T.CB1", "w-", 4, MQPER_PERSISTENT);
	put_echo = 1;
	stop_after = 4;
	reg(h1, 1, MQCBDO_START_CALL | MQCBDO_STOP_CALL, MQGMO_NO_SYNCPOINT, 0, MQCBD_FULL_MSG_LENGTH, MQOP_REGISTER);
	rc = ctl(hc, MQOP_START_WAIT, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "START_WAIT returns after a callback's STOP");
	CHECK(count(MQCBCT_MSG_REMOVED, 1) == 4 && pthread_equal(nth(MQCBCT_MSG_REMOVED, 1, 0)->thread, pthread_self()),
	      "four messages, on the caller's thread");
	CHECK(cb_put_rc == MQRC_NONE && depth("T.CB3") == 4, "MQPUT from inside a callback works (%d)", (int)cb_put_rc);
	CHECK(count(MQCBCT_STOP_CALL, 1) == 1, "STOP_CALL after the callback's STOP");
	put_echo = 0;
	stop_after = -1;
	mqt_close(hc, &echo_h);
	echo_h = MQHO_UNUSABLE_HOBJ;

	/* syncpoint: backed out once, given again with BackoutCount 1, committed */
	reset_log();
	putn("T.CB1", "sp-", 1, MQPER_PERSISTENT);
	back_first = 1;
	stop_after = 1;
	reg(h1, 1, 0, MQGMO_SYNCPOINT, 0, MQCBD_FULL_MSG_LENGTH, MQOP_REGISTER);
	rc = ctl(hc, MQOP_START_WAIT, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "START_WAIT with a syncpoint consumer");
	CHECK(count(MQCBCT_MSG_REMOVED, 1) == 2 && nth(MQCBCT_MSG_REMOVED, 1, 0)->bocount == 0 &&
	      nth(MQCBCT_MSG_REMOVED, 1, 1)->bocount == 1, "MQBACK in a callback gives the message again, BackoutCount 1");
	CHECK(depth("T.CB1") == 0, "MQCMIT in the callback removed it");
	back_first = 0;
	stop_after = -1;

	/* a consumer that deregisters itself: START_WAIT ends with 2446 */
	reset_log();
	putn("T.CB1", "d-", 2, MQPER_NOT_PERSISTENT);
	dereg_self = 1;
	reg(h1, 1, MQCBDO_DEREGISTER_CALL, MQGMO_NO_SYNCPOINT, 0, MQCBD_FULL_MSG_LENGTH, MQOP_REGISTER);
	rc = ctl(hc, MQOP_START_WAIT, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_CALLBACKS_ACTIVE, "START_WAIT once no consumer is left");
	CHECK(count(MQCBCT_MSG_REMOVED, 1) == 1 && count(MQCBCT_DEREGISTER_CALL, 1) == 1 &&
	      nth(MQCBCT_MSG_REMOVED, 1, 0) < nth(MQCBCT_DEREGISTER_CALL, 1, 0) && depth("T.CB1") == 1,
	      "one message, then DEREGISTER_CALL after the callback returned");
	dereg_self = 0;

	/* wait intervals: 2033 each 150 ms for WAIT(150); once for NO_WAIT */
	reset_log();
	mqt_open(hc, "T.CB2", MQOO_INPUT_SHARED, &h2);
	{
		MQHOBJ hx;
		char b[32];
		mqt_open(hp, "T.CB1", MQOO_INPUT_SHARED, &hx);
		while (mqt_get(hp, hx, MQGMO_NO_SYNCPOINT, 0, b, sizeof b, NULL) == MQRC_NONE)
			;
		mqt_close(hp, &hx);
	}
	reg(h1, 1, 0, MQGMO_NO_SYNCPOINT | MQGMO_WAIT, 150, MQCBD_FULL_MSG_LENGTH, MQOP_REGISTER);
	reg(h2, 2, 0, MQGMO_NO_SYNCPOINT, 0, MQCBD_FULL_MSG_LENGTH, MQOP_REGISTER);
	rc = ctl(hc, MQOP_START, &cc);
	sleep_ms(700);
	rc = ctl(hc, MQOP_STOP, &cc);
	int e1 = count(MQCBCT_EVENT_CALL, 1), e2 = count(MQCBCT_EVENT_CALL, 2);
	CHECK(e1 >= 2 && e1 <= 5, "WaitInterval 150: 2033 about every 150 ms (%d in 700 ms)", e1);
	CHECK(e2 == 1, "NO_WAIT: 2033 once while its queue stays empty (%d)", e2);
	CHECK(nth(MQCBCT_EVENT_CALL, 1, 0)->reason == MQRC_NO_MSG_AVAILABLE, "the event's Reason is 2033");

	/* MaxMsgLength: a short consumer sees 2080, the message stays; it
	 * registers itself again with room and gets it */
	reset_log();
	putn("T.CB1", "a-message-of-20-byte", 1, MQPER_NOT_PERSISTENT);
	grow_on_2080 = 1;
	stop_after = 1;
	reg(h1, 1, 0, MQGMO_NO_SYNCPOINT | MQGMO_WAIT, MQWI_UNLIMITED, 8, MQOP_REGISTER);
	reg(h2, 2, 0, 0, 0, 0, MQOP_DEREGISTER);
	rc = ctl(hc, MQOP_START_WAIT, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "START_WAIT with MaxMsgLength 8");
	const struct rec *t = nth(MQCBCT_MSG_NOT_REMOVED, 1, 0), *g = nth(MQCBCT_MSG_REMOVED, 1, 0);
	CHECK(t && t->reason == MQRC_TRUNCATED_MSG_FAILED && t->datalen == 21, "2080, MSG_NOT_REMOVED, DataLength 21");
	CHECK(g && strcmp(g->data, "a-message-of-20-byte0") == 0, "re-registered with room: the whole message");
	stop_after = -1;

	/* MQCLOSE deregisters: DEREGISTER_CALL with MQHO_UNUSABLE_HOBJ */
	reset_log();
	reg(h1, 1, MQCBDO_DEREGISTER_CALL, MQGMO_NO_SYNCPOINT, 0, MQCBD_FULL_MSG_LENGTH, MQOP_REGISTER);
	mqt_close(hc, &h1);
	CHECK(count(MQCBCT_DEREGISTER_CALL, 1) == 1 && nth(MQCBCT_DEREGISTER_CALL, 1, 0)->hobj == MQHO_UNUSABLE_HOBJ,
	      "MQCLOSE: DEREGISTER_CALL with MQHO_UNUSABLE_HOBJ");
	rc = reg(h1, 1, 0, 0, 0, 0, MQOP_DEREGISTER);
	mqt_close(hc, &h2);
}

/* Whole messages larger than the first buffer; a get-inhibited queue. */
static void big_and_inhibited(void)
{
	MQHOBJ hb, hq, h1;
	MQLONG cc, rc;
	static char body[90000];
	reset_log();
	for (size_t i = 0; i < sizeof body; i++)
		body[i] = (char)('a' + (i * 7919) % 26);
	mqt_open(hp, "T.BIG", MQOO_OUTPUT, &hq);
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	pmo.Options = MQPMO_NO_SYNCPOINT;
	MQPUT(hp, hq, &md, &pmo, (MQLONG)sizeof body, body, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "put 90,000 bytes");
	mqt_close(hp, &hq);
	if (rc != MQRC_NONE)
		return;   /* (the START_WAIT below would wait for it for ever) */
	mqt_open(hc, "T.BIG", MQOO_INPUT_SHARED, &hb);
	stop_after = 1;
	reg(hb, 3, 0, MQGMO_NO_SYNCPOINT | MQGMO_WAIT | MQGMO_ACCEPT_TRUNCATED_MSG, MQWI_UNLIMITED, MQCBD_FULL_MSG_LENGTH,
	    MQOP_REGISTER);
	rc = ctl(hc, MQOP_START_WAIT, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "START_WAIT for a 90,000-byte message");
	const struct rec *r = nth(MQCBCT_MSG_REMOVED, 3, 0);
	CHECK(r && r->datalen == 90000 && r->reason == MQRC_NONE && memcmp(r->data, body, 63) == 0,
	      "MQCBD_FULL_MSG_LENGTH: the whole message, not truncated");
	CHECK(count(MQCBCT_MSG_NOT_REMOVED, 3) == 0, "and no 2080 reached the consumer");
	stop_after = -1;
	reg(hb, 3, 0, 0, 0, 0, MQOP_DEREGISTER);
	mqt_close(hc, &hb);

	/* get inhibited: EVENT_CALL 2016, suspended for the time being, then
	 * the message once gets are allowed again */
	MQHOBJ hs;
	MQLONG sel = MQIA_INHIBIT_GET, val = MQQA_GET_INHIBITED;
	reset_log();
	mqt_open(hp, "T.CB1", MQOO_SET, &hs);
	MQSET(hp, hs, 1, &sel, 1, &val, 0, NULL, &cc, &rc);
	mqt_open(hc, "T.CB1", MQOO_INPUT_SHARED, &h1);
	rc = reg(h1, 1, 0, MQGMO_NO_SYNCPOINT | MQGMO_WAIT, MQWI_UNLIMITED, MQCBD_FULL_MSG_LENGTH, MQOP_REGISTER);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "register on a get-inhibited queue");
	rc = ctl(hc, MQOP_START, &cc);
	CHECK(wait_count(MQCBCT_EVENT_CALL, 1, 1, 3000) && nth(MQCBCT_EVENT_CALL, 1, 0)->reason == MQRC_GET_INHIBITED &&
	      nth(MQCBCT_EVENT_CALL, 1, 0)->state == MQCS_SUSPENDED_TEMPORARY,
	      "EVENT_CALL 2016, State MQCS_SUSPENDED_TEMPORARY");
	putn("T.CB1", "inh-", 1, MQPER_NOT_PERSISTENT);
	val = MQQA_GET_ALLOWED;
	MQSET(hp, hs, 1, &sel, 1, &val, 0, NULL, &cc, &rc);
	CHECK(wait_count(MQCBCT_MSG_REMOVED, 1, 1, 5000), "consumed once gets are allowed again");
	rc = ctl(hc, MQOP_STOP, &cc);
	mqt_close(hp, &hs);
	mqt_close(hc, &h1);
}

/* MQCTL STOP whose CBCANCEL overtakes the dispatcher's CBGET: in a test build
 * libmqm holds each CBGET back 400 ms (QUIRE_TEST_CBGET_DELAY_MS), so the
 * CBCANCEL, sent once, reaches the queue manager first; the CBGET that comes
 * after it must still end at once (it waits without limit otherwise), and
 * take no message.  STOP runs on a thread of its own so that a hang is
 * reported as a failed check, not a test that never ends. */
static volatile int stop_done;
static MQLONG stop_cc, stop_rc;

static void *stop_thread(void *arg)
{
	(void)arg;
	stop_rc = ctl(hc, MQOP_STOP, &stop_cc);
	__atomic_store_n(&stop_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void cancel_first(void)
{
	MQHOBJ h1;
	MQLONG cc, rc;
	reset_log();
	setenv("QUIRE_TEST_CBGET_DELAY_MS", "400", 1);
	mqt_open(hc, "T.CB1", MQOO_INPUT_SHARED, &h1);
	reg(h1, 1, 0, MQGMO_NO_SYNCPOINT | MQGMO_WAIT, MQWI_UNLIMITED, MQCBD_FULL_MSG_LENGTH, MQOP_REGISTER);
	rc = ctl(hc, MQOP_START, &cc);
	CHECK(rc == MQRC_NONE, "MQCTL START (%d)", (int)rc);
	sleep_ms(100);   /* the dispatcher is holding its CBGET back */
	pthread_t t;
	pthread_create(&t, NULL, stop_thread, NULL);
	int ms = 0;
	while (!__atomic_load_n(&stop_done, __ATOMIC_ACQUIRE) && ms < 10000) {
		sleep_ms(10);
		ms += 10;
	}
	unsetenv("QUIRE_TEST_CBGET_DELAY_MS");
	CHECK(stop_done && stop_cc == MQCC_OK && stop_rc == MQRC_NONE,
	      "MQCTL STOP returns when its CBCANCEL overtakes the CBGET (%d ms, rc %d)", ms, (int)stop_rc);
	if (!stop_done)
		exit(mqt_done());   /* the STOP hangs: nothing more can be tried on this connection */
	pthread_join(t, NULL);
	putn("T.CB1", "after-", 1, MQPER_NOT_PERSISTENT);
	sleep_ms(200);
	CHECK(count(MQCBCT_MSG_REMOVED, 1) == 0 && depth("T.CB1") == 1, "nothing consumed after the STOP");
	rc = ctl(hc, MQOP_START, &cc);
	CHECK(rc == MQRC_NONE && wait_count(MQCBCT_MSG_REMOVED, 1, 1, 5000),
	      "started again: the next CBGET is not taken as cancelled");
	ctl(hc, MQOP_STOP, &cc);
	mqt_close(hc, &h1);
}

/* An event handler, and a queue manager that ends under the consumers:
 * run by t6100 with "ending" while the script runs endmqm. */
static int ending(void)
{
	MQHOBJ h1;
	MQLONG cc, rc;
	MQCBD cbd = { MQCBD_DEFAULT };
	cbd.CallbackType = MQCBT_EVENT_HANDLER;
	cbd.CallbackFunction = (MQPTR)events;
	cbd.CallbackArea = (MQPTR)(intptr_t)9;
	MQCB(hc, MQOP_REGISTER, &cbd, MQHO_NONE, NULL, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "register an event handler");
	mqt_open(hc, "T.CB1", MQOO_INPUT_SHARED, &h1);
	reg(h1, 1, 0, MQGMO_NO_SYNCPOINT | MQGMO_WAIT | MQGMO_FAIL_IF_QUIESCING, MQWI_UNLIMITED, MQCBD_FULL_MSG_LENGTH,
	    MQOP_REGISTER);
	printf("# started: end the queue manager now\n");
	fflush(stdout);
	rc = ctl(hc, MQOP_START_WAIT, &cc);
	CHECK(cc == MQCC_FAILED && (rc == MQRC_Q_MGR_QUIESCING || rc == MQRC_Q_MGR_STOPPING),
	      "START_WAIT ends when the queue manager ends (%d)", (int)rc);
	CHECK(count(MQCBCT_EVENT_CALL, 9) == 1 && nth(MQCBCT_EVENT_CALL, 9, 0)->reason == rc,
	      "the event handler heard it: %d", (int)rc);
	return mqt_done();
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mqi_cb QMGR [ending]\n");
		return 2;
	}
	qmname = argv[1];
	hc = mqt_conn(qmname, 0);
	CHECK(hc != MQHC_UNUSABLE_HCONN, "connected to %s", qmname);
	if (argc > 2 && strcmp(argv[2], "ending") == 0)
		return ending();
	hp = mqt_conn(qmname, 1);   /* shared: a connection of its own */
	const char *qs[] = { "T.CB1", "T.CB2", "T.CB3", "T.BIG" };
	for (int i = 0; i < 4; i++) {   /* what an earlier run left */
		MQHOBJ h;
		static char b[100000];
		mqt_open(hp, qs[i], MQOO_INPUT_SHARED, &h);
		while (mqt_get(hp, h, MQGMO_NO_SYNCPOINT | MQGMO_ACCEPT_TRUNCATED_MSG, 0, b, sizeof b, NULL) == MQRC_NONE)
			;
		mqt_close(hp, &h);
	}
	misuse();
	started();
	waiting();
	big_and_inhibited();
	cancel_first();
	MQLONG cc, rc;
	MQDISC(&hc, &cc, &rc);
	MQDISC(&hp, &cc, &rc);
	return mqt_done();
}
