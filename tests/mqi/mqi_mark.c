/*
 * mqi_mark: browse with lock (MQGMO_LOCK/UNLOCK) and browse marks
 * (MARK_BROWSE_HANDLE/CO_OP, UNMARK_*, UNMARKED_BROWSE_MSG, MQOO_CO_OP),
 * against a running queue manager with the queues of
 * tests/integration/t6100-mqi-verbs.sh: T.MARK, T.MARK.H, T.MARK.CO (empty)
 * and the queue manager's MARKINT altered to a short interval (1500 ms).
 *
 *   usage: mqi_mark QMGR                   every check
 *          mqi_mark QMGR lockhold QUEUE    lock the first message of QUEUE,
 *                                          say "locked", wait to be killed
 */
#include "mqt.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *qmname;
static const char *self;

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void msleep(int ms)
{
	struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (nanosleep(&t, &t) && errno == EINTR)
		;
}

/* MQGET with options o (any message, or the one with MsgId id), wait w;
 * the text into buf, cc and rc out. */
static MQLONG get(MQHCONN hc, MQHOBJ h, MQLONG o, MQLONG w, const MQBYTE24 id, char *buf, size_t n, MQLONG *pcc,
		  MQMD *mdout)
{
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG cc, rc, len = 0;
	md.Version = MQMD_VERSION_2;
	gmo.Version = MQGMO_VERSION_2;
	gmo.MatchOptions = id ? MQMO_MATCH_MSG_ID : MQMO_NONE;
	if (id)
		memcpy(md.MsgId, id, sizeof md.MsgId);
	gmo.Options = o;
	gmo.WaitInterval = w;
	buf[0] = 0;
	MQGET(hc, h, &md, &gmo, (MQLONG)n - 1, buf, &len, &cc, &rc);
	if (cc != MQCC_FAILED && rc != MQRC_NO_MSG_LOCKED && len >= 0)
		buf[(size_t)len < n ? (size_t)len : n - 1] = 0;   /* (truncated: what fitted) */
	if (pcc)
		*pcc = cc;
	if (mdout)
		*mdout = md;
	return rc;
}

/* A browse or get that should return text want. */
static void expect_msg(MQHCONN hc, MQHOBJ h, MQLONG o, const char *want, const char *what)
{
	char buf[64];
	MQLONG cc, rc = get(hc, h, o, 0, NULL, buf, sizeof buf, &cc, NULL);
	CHECK(cc == MQCC_OK && strcmp(buf, want) == 0, "%s: cc %d rc %d '%s' (want '%s')", what, (int)cc, (int)rc,
	      buf, want);
}

/* A browse or get that should fail (or warn) with reason want. */
static void expect_rc(MQHCONN hc, MQHOBJ h, MQLONG o, MQLONG wcc, MQLONG want, const char *what)
{
	char buf[64];
	MQLONG cc, rc = get(hc, h, o, 0, NULL, buf, sizeof buf, &cc, NULL);
	EXPECT(cc, rc, wcc, want, what);
}

static void put(MQHCONN hc, MQHOBJ h, const char *text, MQMD *md)
{
	MQLONG rc = mqt_put(hc, h, text, MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, md);
	CHECK(rc == MQRC_NONE, "put '%s': rc %d", text, (int)rc);
}

static void drain(MQHCONN hc, const char *q)
{
	MQHOBJ h;
	char buf[64];
	if (mqt_open(hc, q, MQOO_INPUT_SHARED, &h) != MQRC_NONE)
		return;
	while (get(hc, h, MQGMO_NO_SYNCPOINT | MQGMO_ACCEPT_TRUNCATED_MSG, 0, NULL, buf, sizeof buf, NULL, NULL) ==
	       MQRC_NONE)
		;
	mqt_close(hc, &h);
}

/* ---- a get that waits, on its own thread and connection ---- */
struct waiter {
	pthread_t t;
	const char *q;
	MQLONG options, wait;
	MQLONG cc, rc;
	char buf[64];
	int64_t took;
	volatile int ready;
};

static void *wait_main(void *arg)
{
	struct waiter *w = arg;
	MQHCONN hc = mqt_conn(qmname, 0);
	MQHOBJ h;
	MQLONG oo = (w->options & (MQGMO_BROWSE_FIRST | MQGMO_BROWSE_NEXT)) ? MQOO_BROWSE : MQOO_INPUT_SHARED;
	if (w->options & MQGMO_MARK_BROWSE_CO_OP)
		oo |= MQOO_CO_OP;
	w->rc = mqt_open(hc, w->q, oo, &h);
	w->cc = MQCC_FAILED;
	w->ready = 1;
	if (w->rc == MQRC_NONE) {
		int64_t t0 = now_ms();
		w->rc = get(hc, h, w->options | MQGMO_WAIT, w->wait, NULL, w->buf, sizeof w->buf, &w->cc, NULL);
		w->took = now_ms() - t0;
		mqt_close(hc, &h);
	}
	MQLONG cc, rc;
	MQDISC(&hc, &cc, &rc);
	return NULL;
}

static void wait_start(struct waiter *w, const char *q, MQLONG options, MQLONG wait)
{
	memset(w, 0, sizeof *w);
	w->q = q;
	w->options = options;
	w->wait = wait;
	pthread_create(&w->t, NULL, wait_main, w);
	while (!w->ready)
		msleep(5);
	msleep(300);   /* parked in the queue manager by now */
}

/* ---- the checks ---- */

static void options(MQHCONN hc)
{
	MQHOBJ h, ho, hco;
	MQLONG rc = mqt_open(hc, "T.MARK", MQOO_BROWSE | MQOO_INPUT_SHARED, &h);
	CHECK(rc == MQRC_NONE, "open T.MARK browse+input: %d", (int)rc);
	drain(hc, "T.MARK");
	MQHOBJ hp;
	mqt_open(hc, "T.MARK", MQOO_OUTPUT, &hp);
	put(hc, hp, "opt", NULL);
	expect_rc(hc, h, MQGMO_LOCK, MQCC_FAILED, MQRC_OPTIONS_ERROR, "LOCK without a browse option");
	expect_rc(hc, h, MQGMO_LOCK | MQGMO_BROWSE_FIRST | MQGMO_SYNCPOINT, MQCC_FAILED, MQRC_OPTIONS_ERROR,
		  "LOCK with SYNCPOINT");
	expect_rc(hc, h, MQGMO_UNLOCK | MQGMO_BROWSE_FIRST, MQCC_FAILED, MQRC_OPTIONS_ERROR, "UNLOCK with a browse");
	expect_rc(hc, h, MQGMO_UNLOCK | MQGMO_SYNCPOINT, MQCC_FAILED, MQRC_OPTIONS_ERROR, "UNLOCK with SYNCPOINT");
	expect_rc(hc, h, MQGMO_UNLOCK | MQGMO_WAIT, MQCC_FAILED, MQRC_OPTIONS_ERROR, "UNLOCK with WAIT");
	expect_rc(hc, h, MQGMO_UNLOCK | MQGMO_LOCK | MQGMO_BROWSE_FIRST, MQCC_FAILED, MQRC_OPTIONS_ERROR,
		  "UNLOCK with LOCK");
	expect_rc(hc, h, MQGMO_UNLOCK, MQCC_WARNING, MQRC_NO_MSG_LOCKED, "UNLOCK with no message locked: 2209");
	expect_rc(hc, h, MQGMO_UNLOCK | MQGMO_NO_SYNCPOINT, MQCC_WARNING, MQRC_NO_MSG_LOCKED,
		  "UNLOCK | NO_SYNCPOINT, no lock: 2209");
	expect_rc(hc, hp, MQGMO_UNLOCK, MQCC_WARNING, MQRC_NO_MSG_LOCKED, "UNLOCK needs no open option (output handle)");
	expect_rc(hc, h, MQGMO_MARK_BROWSE_HANDLE, MQCC_FAILED, MQRC_OPTIONS_ERROR, "MARK_BROWSE_HANDLE on a get");
	expect_rc(hc, h, MQGMO_UNMARK_BROWSE_HANDLE | MQGMO_NO_SYNCPOINT, MQCC_FAILED, MQRC_OPTIONS_ERROR,
		  "UNMARK_BROWSE_HANDLE on a get");
	expect_rc(hc, h, MQGMO_BROWSE_FIRST | MQGMO_MARK_BROWSE_HANDLE | MQGMO_UNMARK_BROWSE_HANDLE, MQCC_FAILED,
		  MQRC_OPTIONS_ERROR, "MARK and UNMARK_BROWSE_HANDLE together");
	expect_rc(hc, h, MQGMO_BROWSE_FIRST | MQGMO_MARK_BROWSE_CO_OP, MQCC_FAILED, MQRC_OPTIONS_ERROR,
		  "MARK_BROWSE_CO_OP on a handle without MQOO_CO_OP");
	expect_rc(hc, h, MQGMO_BROWSE_FIRST | MQGMO_UNMARK_BROWSE_CO_OP, MQCC_FAILED, MQRC_OPTIONS_ERROR,
		  "UNMARK_BROWSE_CO_OP on a handle without MQOO_CO_OP");
	expect_rc(hc, h, MQGMO_UNMARKED_BROWSE_MSG, MQCC_FAILED, MQRC_OPTIONS_ERROR, "UNMARKED_BROWSE_MSG on a get");
	expect_rc(hc, h, MQGMO_BROWSE_FIRST, MQCC_OK, MQRC_NONE, "browse first (the cursor on 'opt')");
	expect_rc(hc, h, MQGMO_BROWSE_MSG_UNDER_CURSOR | MQGMO_UNMARKED_BROWSE_MSG, MQCC_FAILED, MQRC_OPTIONS_ERROR,
		  "UNMARKED_BROWSE_MSG with BROWSE_MSG_UNDER_CURSOR");
	rc = mqt_open(hc, "T.MARK", MQOO_INPUT_SHARED | MQOO_CO_OP, &hco);
	CHECK(rc == MQRC_OPTIONS_ERROR, "MQOPEN MQOO_CO_OP without MQOO_BROWSE: %d (want 2046)", (int)rc);
	rc = mqt_open(hc, "T.MARK", MQOO_BROWSE | MQOO_CO_OP, &hco);
	CHECK(rc == MQRC_NONE, "MQOPEN BROWSE | CO_OP: %d", (int)rc);
	expect_rc(hc, hco, MQGMO_MARK_BROWSE_CO_OP | MQGMO_UNMARK_BROWSE_CO_OP | MQGMO_BROWSE_FIRST, MQCC_FAILED,
		  MQRC_OPTIONS_ERROR, "MARK and UNMARK_BROWSE_CO_OP together");
	expect_rc(hc, hco, MQGMO_MARK_BROWSE_CO_OP | MQGMO_NO_SYNCPOINT, MQCC_FAILED, MQRC_OPTIONS_ERROR,
		  "MARK_BROWSE_CO_OP without a browse option");
	mqt_open(hc, "T.MARK", MQOO_OUTPUT, &ho);
	expect_rc(hc, ho, MQGMO_BROWSE_FIRST | MQGMO_LOCK, MQCC_FAILED, MQRC_NOT_OPEN_FOR_BROWSE,
		  "LOCK on a handle not open for browse: 2036");
	mqt_close(hc, &ho);
	mqt_close(hc, &hco);
	mqt_close(hc, &hp);
	mqt_close(hc, &h);
	drain(hc, "T.MARK");
}

/* Locks, two handles on two connections, and a second handle of the
 * locking connection. */
static void locks(MQHCONN c1, MQHCONN c2)
{
	MQHOBJ a, a2, b, p;
	const MQLONG oo = MQOO_BROWSE | MQOO_INPUT_SHARED;
	CHECK(mqt_open(c1, "T.MARK", oo, &a) == MQRC_NONE && mqt_open(c1, "T.MARK", oo, &a2) == MQRC_NONE &&
	      mqt_open(c2, "T.MARK", oo, &b) == MQRC_NONE && mqt_open(c2, "T.MARK", MQOO_OUTPUT, &p) == MQRC_NONE,
	      "open T.MARK: two handles on one connection, two on another");
	MQMD m1, m2;
	put(c2, p, "m1", &m1);
	put(c2, p, "m2", &m2);
	expect_msg(c1, a, MQGMO_BROWSE_FIRST | MQGMO_LOCK, "m1", "A: browse first with LOCK");
	expect_msg(c2, b, MQGMO_BROWSE_FIRST, "m2", "B: browse first passes over A's locked m1");
	expect_msg(c1, a2, MQGMO_BROWSE_FIRST, "m2", "A2 (A's connection, another handle) does not see m1 either");
	char buf[64];
	MQLONG cc, rc = get(c2, b, MQGMO_NO_SYNCPOINT, 0, m1.MsgId, buf, sizeof buf, &cc, NULL);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "B: get of m1 by MsgId while locked: 2033");
	expect_msg(c2, b, MQGMO_NO_SYNCPOINT, "m2", "B: a destructive get takes m2, not the locked m1");
	expect_rc(c2, b, MQGMO_NO_SYNCPOINT, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "B: nothing else to get");
	expect_msg(c1, a, MQGMO_BROWSE_MSG_UNDER_CURSOR, "m1", "A: browse under cursor keeps the lock");
	expect_rc(c2, b, MQGMO_BROWSE_FIRST, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "B: m1 still locked");
	expect_rc(c1, a, MQGMO_UNLOCK, MQCC_OK, MQRC_NONE, "A: UNLOCK");
	expect_rc(c1, a, MQGMO_UNLOCK, MQCC_WARNING, MQRC_NO_MSG_LOCKED, "A: UNLOCK again: 2209");
	expect_msg(c2, b, MQGMO_BROWSE_FIRST, "m1", "B: m1 seen once unlocked");

	/* a failed browse keeps the lock, a completed one releases it */
	expect_msg(c1, a, MQGMO_BROWSE_FIRST | MQGMO_LOCK, "m1", "A: lock m1 again");
	expect_rc(c1, a, MQGMO_BROWSE_NEXT, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "A: browse next finds nothing");
	expect_rc(c2, b, MQGMO_BROWSE_FIRST, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE,
		  "B: the failed browse (2033) left m1 locked");
	put(c2, p, "m3", NULL);
	expect_msg(c1, a, MQGMO_BROWSE_NEXT, "m3", "A: browse next (no LOCK) completes with m3");
	expect_msg(c2, b, MQGMO_BROWSE_FIRST, "m1", "B: ... which released the lock on m1");
	expect_msg(c1, a, MQGMO_BROWSE_FIRST | MQGMO_LOCK, "m1", "A: lock m1");
	expect_msg(c1, a, MQGMO_BROWSE_NEXT | MQGMO_LOCK, "m3", "A: browse next with LOCK moves the lock to m3");
	expect_msg(c2, b, MQGMO_BROWSE_FIRST, "m1", "B: m1 free again");
	expect_rc(c2, b, MQGMO_BROWSE_NEXT, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "B: m3 locked");

	/* under the cursor: B's cursor is on m1; A locks m1 */
	expect_msg(c1, a, MQGMO_BROWSE_FIRST | MQGMO_LOCK, "m1", "A: lock m1 (m3 unlocked)");
	expect_rc(c2, b, MQGMO_BROWSE_MSG_UNDER_CURSOR, MQCC_FAILED, MQRC_NO_MSG_UNDER_CURSOR,
		  "B: browse under cursor of a message A locked since: 2034");
	expect_rc(c2, b, MQGMO_MSG_UNDER_CURSOR | MQGMO_NO_SYNCPOINT, MQCC_FAILED, MQRC_NO_MSG_UNDER_CURSOR,
		  "B: get under cursor of it: 2034");
	expect_msg(c1, a, MQGMO_MSG_UNDER_CURSOR | MQGMO_NO_SYNCPOINT, "m1", "A: gets its locked message");
	expect_rc(c1, a, MQGMO_UNLOCK, MQCC_WARNING, MQRC_NO_MSG_LOCKED, "A: the get released the lock: 2209");

	/* a get under syncpoint of the locked message, backed out: unlocked */
	expect_msg(c1, a, MQGMO_BROWSE_FIRST | MQGMO_LOCK, "m3", "A: lock m3");
	expect_msg(c1, a, MQGMO_MSG_UNDER_CURSOR | MQGMO_SYNCPOINT, "m3", "A: get it under syncpoint");
	MQBACK(c1, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "A: MQBACK");
	expect_msg(c2, b, MQGMO_BROWSE_FIRST, "m3", "B: m3 back, not locked");
	expect_rc(c1, a, MQGMO_UNLOCK, MQCC_WARNING, MQRC_NO_MSG_LOCKED, "A: no lock after the backout");

	/* MQCLOSE releases it */
	expect_msg(c1, a, MQGMO_BROWSE_FIRST | MQGMO_LOCK, "m3", "A: lock m3 again");
	expect_rc(c2, b, MQGMO_BROWSE_FIRST, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "B: m3 locked");
	CHECK(mqt_close(c1, &a) == MQRC_NONE, "A: MQCLOSE");
	expect_msg(c2, b, MQGMO_BROWSE_FIRST, "m3", "B: MQCLOSE released the lock");

	/* a get that waits wakes when the lock goes (UNLOCK, then MQDISC) */
	CHECK(mqt_open(c1, "T.MARK", oo, &a) == MQRC_NONE, "A: reopen");
	expect_msg(c1, a, MQGMO_BROWSE_FIRST | MQGMO_LOCK, "m3", "A: lock m3");
	struct waiter w;
	wait_start(&w, "T.MARK", MQGMO_NO_SYNCPOINT, 10000);
	CHECK(w.cc == MQCC_FAILED && w.took == 0, "a get that waits is parked while m3 is locked");
	int64_t t0 = now_ms();
	expect_rc(c1, a, MQGMO_UNLOCK, MQCC_OK, MQRC_NONE, "A: UNLOCK");
	pthread_join(w.t, NULL);
	CHECK(w.cc == MQCC_OK && strcmp(w.buf, "m3") == 0 && now_ms() - t0 < 3000,
	      "the waiting get got m3 when it was unlocked: cc %d rc %d '%s' after %lld ms", (int)w.cc, (int)w.rc,
	      w.buf, (long long)(now_ms() - t0));
	put(c2, p, "m4", NULL);
	expect_msg(c1, a, MQGMO_BROWSE_FIRST | MQGMO_LOCK, "m4", "A: lock m4");
	wait_start(&w, "T.MARK", MQGMO_BROWSE_FIRST, 10000);
	CHECK(w.cc == MQCC_FAILED && w.took == 0, "a browse that waits is parked while m4 is locked");
	MQDISC(&c1, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "A's connection: MQDISC");
	pthread_join(w.t, NULL);
	CHECK(w.cc == MQCC_OK && strcmp(w.buf, "m4") == 0, "MQDISC released the lock: the waiting browse saw m4 (%d %d)",
	      (int)w.cc, (int)w.rc);
	mqt_close(c2, &b);
	mqt_close(c2, &p);
	drain(c2, "T.MARK");
}

/* A lock held by a process killed with SIGKILL goes with its connection. */
static void killed(MQHCONN hc)
{
	MQHOBJ p, g;
	mqt_open(hc, "T.MARK", MQOO_OUTPUT, &p);
	mqt_open(hc, "T.MARK", MQOO_INPUT_SHARED, &g);
	put(hc, p, "k1", NULL);
	int fd[2];
	if (pipe(fd)) {
		CHECK(0, "pipe");
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		execl(self, self, qmname, "lockhold", "T.MARK", (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	char line[64] = "";
	ssize_t n = read(fd[0], line, sizeof line - 1);
	line[n > 0 ? n : 0] = 0;
	CHECK(strncmp(line, "locked", 6) == 0, "another process locked k1: '%s'", line);
	char buf[64];
	MQLONG cc, rc = get(hc, g, MQGMO_NO_SYNCPOINT, 0, NULL, buf, sizeof buf, &cc, NULL);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "k1 is hidden by the other process's lock");
	kill(pid, SIGKILL);
	int st;
	waitpid(pid, &st, 0);
	close(fd[0]);
	rc = get(hc, g, MQGMO_NO_SYNCPOINT | MQGMO_WAIT, 5000, NULL, buf, sizeof buf, &cc, NULL);
	CHECK(cc == MQCC_OK && strcmp(buf, "k1") == 0, "kill -9 of the locking process released k1: %d %d '%s'",
	      (int)cc, (int)rc, buf);
	mqt_close(hc, &g);
	mqt_close(hc, &p);
}

static int lockhold(const char *q)
{
	MQHCONN hc = mqt_conn(qmname, 0);
	MQHOBJ h;
	char buf[64];
	MQLONG cc;
	if (mqt_open(hc, q, MQOO_BROWSE, &h) != MQRC_NONE ||
	    get(hc, h, MQGMO_BROWSE_FIRST | MQGMO_LOCK, 0, NULL, buf, sizeof buf, &cc, NULL) != MQRC_NONE) {
		printf("failed\n");
		return 1;
	}
	printf("locked %s\n", buf);
	fflush(stdout);
	for (;;)
		pause();
}

/* Browse-and-mark per handle: the dispatcher's scan, with two handles. */
static void handle_marks(MQHCONN c1, MQHCONN c2)
{
	MQHOBJ a, b, p, g;
	const MQLONG oo = MQOO_BROWSE | MQOO_INPUT_SHARED;
	CHECK(mqt_open(c1, "T.MARK.H", oo, &a) == MQRC_NONE && mqt_open(c2, "T.MARK.H", MQOO_BROWSE, &b) == MQRC_NONE &&
	      mqt_open(c2, "T.MARK.H", MQOO_OUTPUT, &p) == MQRC_NONE &&
	      mqt_open(c2, "T.MARK.H", MQOO_INPUT_SHARED, &g) == MQRC_NONE,
	      "open T.MARK.H on two connections");
	put(c2, p, "h1", NULL);
	put(c2, p, "h2", NULL);
	put(c2, p, "h3", NULL);
	expect_msg(c1, a, MQGMO_BROWSE_HANDLE, "h1", "A: BROWSE_HANDLE (first, unmarked, mark) gives h1");
	expect_msg(c1, a, MQGMO_BROWSE_HANDLE, "h2", "A: again from the first: h2");
	expect_msg(c2, b, MQGMO_BROWSE_HANDLE, "h1", "B: its own marks: h1");
	put(c2, p, "h4", NULL);
	expect_msg(c1, a, MQGMO_BROWSE_HANDLE, "h3", "A: h3");
	expect_msg(c1, a, MQGMO_BROWSE_HANDLE, "h4", "A: h4, put after the scan began");
	expect_rc(c1, a, MQGMO_BROWSE_HANDLE, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "A: every message marked: 2033");
	expect_msg(c1, a, MQGMO_BROWSE_FIRST, "h1", "A: a plain browse still sees marked messages");
	expect_rc(c1, a, MQGMO_BROWSE_FIRST | MQGMO_UNMARKED_BROWSE_MSG, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE,
		  "A: browse first unmarked (no mark asked): 2033");
	expect_msg(c1, a, MQGMO_BROWSE_FIRST | MQGMO_UNMARK_BROWSE_HANDLE, "h1", "A: unmark h1");
	expect_msg(c1, a, MQGMO_BROWSE_HANDLE, "h1", "A: h1 unmarked, so found again");
	expect_msg(c2, b, MQGMO_BROWSE_HANDLE, "h2", "B: h2");
	expect_msg(c1, a, MQGMO_NO_SYNCPOINT, "h1", "A: get h1");
	expect_msg(c2, b, MQGMO_BROWSE_HANDLE, "h3", "B: h3 (h1 got, h2 marked)");
	expect_msg(c2, b, MQGMO_BROWSE_NEXT | MQGMO_UNMARKED_BROWSE_MSG, "h4", "B: browse next unmarked: h4");
	expect_msg(c2, b, MQGMO_BROWSE_FIRST | MQGMO_UNMARKED_BROWSE_MSG, "h4", "B: h4 was not marked");
	/* B, all marked, waits for a new message */
	expect_msg(c2, b, MQGMO_BROWSE_HANDLE, "h4", "B: h4 marked now");
	MQLONG cc, rc;
	char buf[64];
	int64_t t0 = now_ms();
	rc = get(c2, b, MQGMO_BROWSE_HANDLE | MQGMO_WAIT, 300, NULL, buf, sizeof buf, &cc, NULL);
	CHECK(cc == MQCC_FAILED && rc == MQRC_NO_MSG_AVAILABLE && now_ms() - t0 >= 250,
	      "B: a waiting BROWSE_HANDLE with every message marked runs out: %d", (int)rc);
	MQCLOSE(c1, &a, MQCO_NONE, &cc, &rc);
	CHECK(mqt_open(c1, "T.MARK.H", MQOO_BROWSE, &a) == MQRC_NONE, "A: closed and reopened");
	expect_msg(c1, a, MQGMO_BROWSE_HANDLE, "h2", "A: its marks went with MQCLOSE: h2 first again");
	mqt_close(c1, &a);
	mqt_close(c2, &b);
	mqt_close(c2, &p);
	mqt_close(c2, &g);
	drain(c1, "T.MARK.H");
}

/* A locked message that expires takes its lock with it; a browse answered
 * 2080 marks nothing, one answered 2079 marks the message. */
static void edges(MQHCONN c1, MQHCONN c2)
{
	MQHOBJ a, b, p;
	MQLONG cc, rc;
	char buf[64];
	CHECK(mqt_open(c1, "T.MARK", MQOO_BROWSE, &a) == MQRC_NONE && mqt_open(c2, "T.MARK", MQOO_BROWSE, &b) == MQRC_NONE &&
	      mqt_open(c2, "T.MARK", MQOO_OUTPUT, &p) == MQRC_NONE,
	      "open T.MARK for the edges");
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	md.Expiry = 2;   /* 0.2 s */
	pmo.Options = MQPMO_NO_SYNCPOINT;
	MQPUT(c2, p, &md, &pmo, 2, (void *)"e1", &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "put e1 expiring in 0.2 s");
	expect_msg(c1, a, MQGMO_BROWSE_FIRST | MQGMO_LOCK, "e1", "A: lock e1");
	msleep(400);
	expect_rc(c2, b, MQGMO_BROWSE_FIRST, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "B: e1 has expired (and gone)");
	expect_rc(c1, a, MQGMO_UNLOCK, MQCC_WARNING, MQRC_NO_MSG_LOCKED, "A: the lock went with the expired e1: 2209");

	put(c2, p, "truncated", NULL);
	rc = get(c1, a, MQGMO_BROWSE_HANDLE, 0, NULL, buf, 5, &cc, NULL);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_FAILED, "A: BROWSE_HANDLE into 4 bytes: 2080");
	rc = get(c1, a, MQGMO_BROWSE_HANDLE | MQGMO_ACCEPT_TRUNCATED_MSG, 0, NULL, buf, 5, &cc, NULL);
	CHECK(cc == MQCC_WARNING && rc == MQRC_TRUNCATED_MSG_ACCEPTED && strcmp(buf, "trun") == 0,
	      "A: 2080 marked nothing: the same message, accepted truncated (2079): '%s'", buf);
	expect_rc(c1, a, MQGMO_BROWSE_HANDLE, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "A: 2079 marked it");
	rc = get(c1, a, MQGMO_BROWSE_FIRST | MQGMO_LOCK, 0, NULL, buf, 5, &cc, NULL);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_FAILED, "A: browse with LOCK into 4 bytes: 2080");
	expect_msg(c2, b, MQGMO_BROWSE_FIRST, "truncated", "B: 2080 locked nothing");
	mqt_close(c1, &a);
	mqt_close(c2, &b);
	mqt_close(c2, &p);
	drain(c1, "T.MARK");
}

/* An MQCB consumer that browses with BROWSE_HANDLE (first, unmarked, mark)
 * is given each message once, the way a dispatcher scans a queue. */
static pthread_mutex_t cbmu = PTHREAD_MUTEX_INITIALIZER;
static char cbseen[8][16];
static int ncbseen;

static void MQENTRY browse_consumer(MQHCONN h, PMQVOID pmd, PMQVOID pgmo, PMQVOID buf, PMQCBC x)
{
	(void)h;
	(void)pmd;
	(void)pgmo;
	if (x->CallType != MQCBCT_MSG_NOT_REMOVED)
		return;
	pthread_mutex_lock(&cbmu);
	if (ncbseen < 8) {
		MQLONG n = x->DataLength < 15 ? x->DataLength : 15;
		memcpy(cbseen[ncbseen], buf, (size_t)n);
		cbseen[ncbseen][n] = 0;
	}
	ncbseen++;
	pthread_mutex_unlock(&cbmu);
}

static void consumer_marks(MQHCONN c2)
{
	MQHCONN c3 = mqt_conn(qmname, 1);
	MQHOBJ h, p;
	MQLONG cc, rc;
	CHECK(mqt_open(c3, "T.MARK.H", MQOO_BROWSE, &h) == MQRC_NONE &&
	      mqt_open(c2, "T.MARK.H", MQOO_OUTPUT, &p) == MQRC_NONE, "open T.MARK.H for an MQCB browse consumer");
	MQCBD cbd = { MQCBD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	cbd.CallbackFunction = (MQPTR)browse_consumer;
	gmo.Options = MQGMO_BROWSE_HANDLE;
	MQCB(c3, MQOP_REGISTER, &cbd, h, &md, &gmo, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCB REGISTER a consumer with MQGMO_BROWSE_HANDLE");
	MQCTLO ctlo = { MQCTLO_DEFAULT };
	MQCTL(c3, MQOP_START, &ctlo, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCTL START");
	put(c2, p, "b1", NULL);
	put(c2, p, "b2", NULL);
	put(c2, p, "b3", NULL);
	for (int i = 0; i < 300; i++) {
		pthread_mutex_lock(&cbmu);
		int n = ncbseen;
		pthread_mutex_unlock(&cbmu);
		if (n >= 3)
			break;
		msleep(10);
	}
	msleep(300);   /* time for a message to come twice */
	MQCTL(c3, MQOP_STOP, &ctlo, &cc, &rc);
	pthread_mutex_lock(&cbmu);
	CHECK(ncbseen == 3 && strcmp(cbseen[0], "b1") == 0 && strcmp(cbseen[1], "b2") == 0 &&
	      strcmp(cbseen[2], "b3") == 0, "the consumer was given b1, b2, b3 once each (%d calls)", ncbseen);
	pthread_mutex_unlock(&cbmu);
	mqt_close(c2, &p);
	MQDISC(&c3, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQDISC of the consumer's connection");
	drain(c2, "T.MARK.H");
}

/* Co-operative browsing: two handles opened with MQOO_CO_OP on two
 * connections share their co-op marks; MARKINT expires them. */
static void coop(MQHCONN c1, MQHCONN c2)
{
	MQHOBJ x, y, n, p, g, q;
	MQLONG cc, rc;
	const MQLONG oo = MQOO_BROWSE | MQOO_CO_OP;
	CHECK(mqt_open(c1, "T.MARK.CO", oo, &x) == MQRC_NONE && mqt_open(c2, "T.MARK.CO", oo, &y) == MQRC_NONE &&
	      mqt_open(c1, "T.MARK.CO", MQOO_BROWSE, &n) == MQRC_NONE &&
	      mqt_open(c2, "T.MARK.CO", MQOO_OUTPUT, &p) == MQRC_NONE &&
	      mqt_open(c1, "T.MARK.CO", MQOO_INPUT_SHARED, &g) == MQRC_NONE,
	      "open T.MARK.CO: X and Y co-operating on two connections, N not");
	MQHOBJ qm;
	MQOD od = { MQOD_DEFAULT };
	od.ObjectType = MQOT_Q_MGR;
	MQOPEN(c1, &od, MQOO_INQUIRE, &qm, &cc, &rc);
	MQLONG sel = MQIA_MSG_MARK_BROWSE_INTERVAL, markint = -2;
	MQINQ(c1, qm, 1, &sel, 1, &markint, 0, NULL, &cc, &rc);
	CHECK(cc == MQCC_OK && markint == 1500, "MQINQ MQIA_MSG_MARK_BROWSE_INTERVAL: %d (ALTER QMGR MARKINT(1500))",
	      (int)markint);
	MQCLOSE(c1, &qm, MQCO_NONE, &cc, &rc);

	MQMD d2;
	put(c2, p, "c1", NULL);
	put(c2, p, "c2", &d2);
	put(c2, p, "c3", NULL);
	put(c2, p, "c4", NULL);
	/* the dispatchers' scan: every message to exactly one of them */
	expect_msg(c1, x, MQGMO_BROWSE_CO_OP, "c1", "X: BROWSE_CO_OP gives c1");
	expect_msg(c2, y, MQGMO_BROWSE_CO_OP, "c2", "Y: c2 (c1 marked for the set)");
	expect_msg(c1, x, MQGMO_BROWSE_CO_OP, "c3", "X: c3");
	expect_msg(c2, y, MQGMO_BROWSE_CO_OP, "c4", "Y: c4");
	expect_rc(c1, x, MQGMO_BROWSE_CO_OP, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "X: all marked for the set: 2033");
	expect_rc(c2, y, MQGMO_BROWSE_FIRST | MQGMO_UNMARKED_BROWSE_MSG, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE,
		  "Y: UNMARKED_BROWSE_MSG passes over the set's marks");
	expect_msg(c1, n, MQGMO_BROWSE_FIRST | MQGMO_UNMARKED_BROWSE_MSG, "c1",
		   "N (no MQOO_CO_OP): the set's marks are not its own");
	msleep(700);   /* c1's new mark below outlives the others by as much */
	expect_msg(c2, y, MQGMO_BROWSE_FIRST, "c1", "Y: a plain browse sees c1");
	expect_rc(c2, y, MQGMO_BROWSE_MSG_UNDER_CURSOR | MQGMO_MARK_BROWSE_CO_OP, MQCC_FAILED,
		  MQRC_MSG_MARKED_BROWSE_CO_OP, "Y: marking c1 again for the set: 2200");
	expect_msg(c2, y, MQGMO_BROWSE_MSG_UNDER_CURSOR | MQGMO_UNMARK_BROWSE_CO_OP, "c1",
		   "Y: UNMARK_BROWSE_CO_OP of c1");
	expect_msg(c1, x, MQGMO_BROWSE_CO_OP, "c1", "X: c1 is the set's to browse again");
	char buf[64];
	rc = get(c1, g, MQGMO_NO_SYNCPOINT, 0, d2.MsgId, buf, sizeof buf, &cc, NULL);
	CHECK(cc == MQCC_OK && strcmp(buf, "c2") == 0, "a destructive get of marked c2 by MsgId: %d '%s'", (int)rc, buf);

	/* MARKINT: a browse that waits for an unmarked message sees the oldest
	 * mark expire */
	int64_t t0 = now_ms();
	rc = get(c2, y, MQGMO_BROWSE_CO_OP | MQGMO_WAIT, 10000, NULL, buf, sizeof buf, &cc, NULL);
	int64_t took = now_ms() - t0;
	CHECK(cc == MQCC_OK && strcmp(buf, "c3") == 0 && took >= 400 && took < 6000,
	      "Y: waiting BROWSE_CO_OP gets c3 when its mark expires (MARKINT): %d '%s' after %lld ms", (int)rc, buf,
	      (long long)took);
	msleep(1700);
	expect_msg(c1, x, MQGMO_BROWSE_CO_OP, "c1", "X: after MARKINT every mark is gone: c1 first");

	/* the set keeps its marks while one of its handles is open, and loses
	 * them when the last closes */
	MQCLOSE(c1, &x, MQCO_NONE, &cc, &rc);
	expect_msg(c2, y, MQGMO_BROWSE_CO_OP, "c3", "Y: X closed, its mark on c1 stays for the set: c3");
	CHECK(mqt_open(c1, "T.MARK.CO", oo, &x) == MQRC_NONE, "X: reopened");
	expect_msg(c1, x, MQGMO_BROWSE_CO_OP, "c4", "X: c4");
	expect_rc(c1, x, MQGMO_BROWSE_CO_OP, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "X: the set's marks cover all three");
	MQCLOSE(c1, &x, MQCO_NONE, &cc, &rc);
	MQCLOSE(c2, &y, MQCO_NONE, &cc, &rc);
	CHECK(mqt_open(c2, "T.MARK.CO", oo, &q) == MQRC_NONE, "the set's last handle closed; a new one opened");
	expect_msg(c2, q, MQGMO_BROWSE_CO_OP, "c1", "the set's marks went with its last handle: c1");
	/* a waiting co-op browse is woken by an UNMARK */
	CHECK(mqt_open(c1, "T.MARK.CO", oo, &x) == MQRC_NONE, "X: opened");
	expect_msg(c1, x, MQGMO_BROWSE_CO_OP, "c3", "X: c3");
	expect_msg(c1, x, MQGMO_BROWSE_CO_OP, "c4", "X: c4");
	struct waiter w;
	wait_start(&w, "T.MARK.CO", MQGMO_BROWSE_CO_OP, 10000);
	CHECK(w.cc == MQCC_FAILED && w.took == 0, "a co-op browse waits: every message is marked");
	expect_msg(c1, x, MQGMO_BROWSE_MSG_UNDER_CURSOR | MQGMO_UNMARK_BROWSE_CO_OP, "c4", "X: unmark c4");
	pthread_join(w.t, NULL);
	CHECK(w.cc == MQCC_OK && strcmp(w.buf, "c4") == 0 && w.took < 1400,
	      "the waiting co-op browse got c4 at the unmark: %d '%s' after %lld ms", (int)w.rc, w.buf,
	      (long long)w.took);
	mqt_close(c1, &x);
	mqt_close(c2, &q);
	mqt_close(c1, &n);
	mqt_close(c2, &p);
	mqt_close(c1, &g);
	drain(c1, "T.MARK.CO");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mqi_mark QMGR [lockhold QUEUE]\n");
		return 2;
	}
	qmname = argv[1];
	self = argv[0];
	if (argc == 4 && strcmp(argv[2], "lockhold") == 0)
		return lockhold(argv[3]);
	MQHCONN c1 = mqt_conn(qmname, 1), c2 = mqt_conn(qmname, 1);   /* shared: two connections */
	if (c1 == MQHC_UNUSABLE_HCONN || c2 == MQHC_UNUSABLE_HCONN)
		return 1;
	options(c1);
	locks(c1, c2);   /* ends c1 (MQDISC) */
	c1 = mqt_conn(qmname, 1);
	killed(c1);
	handle_marks(c1, c2);
	edges(c1, c2);
	consumer_marks(c2);
	coop(c1, c2);
	MQLONG cc, rc;
	MQDISC(&c1, &cc, &rc);
	MQDISC(&c2, &cc, &rc);
	return mqt_done();
}
