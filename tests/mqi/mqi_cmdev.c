/*
 * mqi_cmdev.c: command events (CMDEV, qm/server/cfgev.c) as an event
 * monitor sees them on SYSTEM.ADMIN.COMMAND.EVENT (t6177).  Each MQSC
 * command is run by runmqsc (direct: MQEVO_CONSOLE; -w, through the command
 * server: MQEVO_MSG), then the event it made (or its absence) is checked
 * byte by byte: the MQMD, the MQCFH, the two MQCFGR groups and each
 * parameter in them (EventUserId, EventOrigin, EventQMgr, Command; the MQSC
 * text), every length, nothing left over.  ENABLED, NODISPLAY, DISABLED and
 * ALTER QMGR's rule (an event when CMDEV was or is not DISABLED).
 *
 * usage: mqi_cmdev QMGR      (runmqsc on PATH; CMDEV DISABLED at the start)
 * Prints "ok N - what"; exits 1 when a check failed.
 */
#include <pwd.h>
#include <stdint.h>
#include <unistd.h>

#include <cmqc.h>
#include <cmqcfc.h>

#include "mqt.h"

static MQHCONN hc;
static MQHOBJ hev;
static const char *qm;
static char me[64];

static void run(const char *opts, const char *cmd)
{
	char line[1024];
	snprintf(line, sizeof line, "echo \"%s\" | runmqsc %s %s >/dev/null 2>&1", cmd, opts, qm);
	if (system(line) == -1)
		printf("# cannot run runmqsc\n");
}

static MQLONG l(const unsigned char *b, size_t off) { MQLONG v; memcpy(&v, b + off, 4); return v; }

/* blank-padded field f of n is s */
static int padded(const char *f, size_t n, const char *s)
{
	size_t k = strlen(s);
	if (k > n || memcmp(f, s, k))
		return 0;
	for (size_t i = k; i < n; i++)
		if (f[i] != ' ')
			return 0;
	return 1;
}

/* The command message's context in a command event (at o; the request's
 * MQMD rq when known): EventAccountingToken, EventIdentityData,
 * EventApplType, EventApplName, EventApplOrigin.  The offset after. */
static size_t context(const unsigned char *b, size_t o, const MQMD *rq, const char *what)
{
	CHECK(l(b, o) == MQCFT_BYTE_STRING && l(b, o + 4) == 48 && l(b, o + 8) == MQBACF_EVENT_ACCOUNTING_TOKEN &&
	      l(b, o + 12) == 32 && (!rq || !memcmp(b + o + 16, rq->AccountingToken, 32)),
	      "%s: EventAccountingToken (MQCFBS, 32 bytes)", what);
	o += 48;
	CHECK(l(b, o) == MQCFT_STRING && l(b, o + 4) == 52 && l(b, o + 8) == MQCACF_EVENT_APPL_IDENTITY &&
	      l(b, o + 16) == 32 && (!rq || !memcmp(b + o + 20, rq->ApplIdentityData, 32)), "%s: EventIdentityData", what);
	o += 52;
	CHECK(l(b, o) == MQCFT_INTEGER && l(b, o + 8) == MQIACF_EVENT_APPL_TYPE &&
	      (rq ? l(b, o + 12) == rq->PutApplType : l(b, o + 12) == MQAT_UNIX), "%s: EventApplType %d", what,
	      (int)l(b, o + 12));
	o += 16;
	CHECK(l(b, o) == MQCFT_STRING && l(b, o + 4) == 48 && l(b, o + 8) == MQCACF_EVENT_APPL_NAME &&
	      l(b, o + 16) == 28 && (rq ? !memcmp(b + o + 20, rq->PutApplName, 28) : padded((char *)b + o + 20, 28, "runmqsc")),
	      "%s: EventApplName %.28s", what, (const char *)b + o + 20);
	o += 48;
	CHECK(l(b, o) == MQCFT_STRING && l(b, o + 4) == 24 && l(b, o + 8) == MQCACF_EVENT_APPL_ORIGIN &&
	      l(b, o + 16) == 4 && (!rq || !memcmp(b + o + 20, rq->ApplOriginData, 4)), "%s: EventApplOrigin", what);
	return o + 24;
}

/* The event of command text: every field. */
static void expect(const char *text, MQLONG mqcmd, MQLONG origin, const char *what)
{
	unsigned char b[40000];
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG cc, rc, len = 0;
	gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT;
	gmo.WaitInterval = 5000;
	MQGET(hc, hev, &md, &gmo, sizeof b, b, &len, &cc, &rc);
	CHECK(cc == MQCC_OK, "%s: an event (rc %d)", what, (int)rc);
	if (cc != MQCC_OK)
		return;
	size_t n = (size_t)len, tl = strlen(text);
	size_t ctxlen = origin == MQEVO_MSG ? 48 + 52 + 16 + 48 + 24 : 0;
	size_t want = 36 + 16 + (20 + 12) + 16 + (20 + 48) + ctxlen + 16 + 16 + 20 + ((tl + 3) & ~(size_t)3);
	CHECK(n == want, "%s: the message is %zu bytes (want %zu)", what, n, want);
	if (n != want)
		return;
	CHECK(!memcmp(md.Format, MQFMT_EVENT, 8) && md.MsgType == MQMT_DATAGRAM && md.PutApplType == MQAT_QMGR &&
	      md.Encoding == MQENC_NATIVE, "%s: MQMD Format MQEVENT, datagram, PutApplType MQAT_QMGR, native", what);
	MQCFH h;
	memcpy(&h, b, sizeof h);
	CHECK(h.Type == MQCFT_EVENT && h.StrucLength == 36 && h.Version == 1 && h.Command == MQCMD_COMMAND_EVENT &&
	      h.MsgSeqNumber == 1 && h.Control == MQCFC_LAST && h.CompCode == MQCC_WARNING &&
	      h.Reason == MQRC_COMMAND_MQSC && h.ParameterCount == 2,
	      "%s: MQCFH event 99, reason 2412, warning, 2 parameters (%d %d %d)", what, (int)h.Command, (int)h.Reason,
	      (int)h.ParameterCount);
	size_t o = 36;
	CHECK(l(b, o) == MQCFT_GROUP && l(b, o + 4) == MQCFGR_STRUC_LENGTH && l(b, o + 8) == MQGACF_COMMAND_CONTEXT &&
	      l(b, o + 12) == (origin == MQEVO_MSG ? 9 : 4), "%s: MQCFGR CommandContext of %d", what,
	      origin == MQEVO_MSG ? 9 : 4);
	o += 16;
	CHECK(l(b, o) == MQCFT_STRING && l(b, o + 4) == 32 && l(b, o + 8) == MQCACF_EVENT_USER_ID &&
	      l(b, o + 12) == md.CodedCharSetId && l(b, o + 16) == 12 && padded((char *)b + o + 20, 12, me),
	      "%s: EventUserId %s", what, me);
	o += 32;
	CHECK(l(b, o) == MQCFT_INTEGER && l(b, o + 4) == 16 && l(b, o + 8) == MQIACF_EVENT_ORIGIN &&
	      l(b, o + 12) == origin, "%s: EventOrigin %d (want %d)", what, (int)l(b, o + 12), (int)origin);
	o += 16;
	CHECK(l(b, o) == MQCFT_STRING && l(b, o + 4) == 68 && l(b, o + 8) == MQCACF_EVENT_Q_MGR && l(b, o + 16) == 48 &&
	      padded((char *)b + o + 20, 48, qm), "%s: EventQMgr", what);
	o += 68;
	if (origin == MQEVO_MSG)
		o = context(b, o, NULL, what);
	CHECK(l(b, o) == MQCFT_INTEGER && l(b, o + 4) == 16 && l(b, o + 8) == MQIACF_COMMAND && l(b, o + 12) == mqcmd,
	      "%s: Command %d (want %d)", what, (int)l(b, o + 12), (int)mqcmd);
	o += 16;
	CHECK(l(b, o) == MQCFT_GROUP && l(b, o + 4) == 16 && l(b, o + 8) == MQGACF_COMMAND_DATA && l(b, o + 12) == 1,
	      "%s: MQCFGR CommandData of 1", what);
	o += 16;
	CHECK(l(b, o) == MQCFT_STRING && (size_t)l(b, o + 4) == 20 + ((tl + 3) & ~(size_t)3) &&
	      l(b, o + 8) == MQCACF_COMMAND_MQSC && (size_t)l(b, o + 16) == tl && !memcmp(b + o + 20, text, tl),
	      "%s: MQCACF_COMMAND_MQSC '%s'", what, text);
}

static void none(const char *what)
{
	unsigned char b[40000];
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG cc, rc, len = 0;
	gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT;
	gmo.WaitInterval = 500;
	MQGET(hc, hev, &md, &gmo, sizeof b, b, &len, &cc, &rc);
	CHECK(rc == MQRC_NO_MSG_AVAILABLE, "%s: no event", what);
}

static MQHOBJ hcmd, hrep;

/* A PCF request (kind 0: no parameters; 1: MQIACF_Q_MGR_ATTRS [MQCA_Q_MGR_NAME];
 * 2: MQCA_Q_NAME 'CD.*'; 3: a parameter the command does not take) to the
 * command server; its reply got; the request's MQMD (context filled in by
 * the put) in *rq. */
static unsigned char req[256];
static size_t reqlen;
static void pcf(MQLONG cmd, int kind, MQMD *rq)
{
	MQCFH h = { MQCFH_DEFAULT };
	h.Type = MQCFT_COMMAND;
	h.Command = cmd;
	h.ParameterCount = kind ? 1 : 0;
	memcpy(req, &h, sizeof h);
	reqlen = sizeof h;
	MQLONG v[8];
	if (kind == 1) {
		v[0] = MQCFT_INTEGER_LIST, v[1] = 20, v[2] = MQIACF_Q_MGR_ATTRS, v[3] = 1, v[4] = MQCA_Q_MGR_NAME;
		memcpy(req + reqlen, v, 20);
		reqlen += 20;
	} else if (kind == 2) {
		v[0] = MQCFT_STRING, v[1] = 24, v[2] = MQCA_Q_NAME, v[3] = MQCCSI_DEFAULT, v[4] = 4;
		memcpy(req + reqlen, v, 20);
		memcpy(req + reqlen + 20, "CD.*", 4);
		reqlen += 24;
	} else if (kind == 4) {   /* INQUIRE_SUBSCRIPTION SubName CD.S2 */
		v[0] = MQCFT_STRING, v[1] = 28, v[2] = MQCACF_SUB_NAME, v[3] = MQCCSI_DEFAULT, v[4] = 5;
		memcpy(req + reqlen, v, 20);
		memcpy(req + reqlen + 20, "CD.S2   ", 8);
		reqlen += 28;
	} else if (kind == 3) {
		v[0] = MQCFT_INTEGER, v[1] = 16, v[2] = MQIA_MAX_Q_DEPTH, v[3] = 1;
		memcpy(req + reqlen, v, 16);
		reqlen += 16;
	}
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc, len;
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, 8);
	memcpy(md.ReplyToQ, "CD.REPLY", 8);
	memset(md.ReplyToQ + 8, ' ', sizeof md.ReplyToQ - 8);
	pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID;
	MQPUT(hc, hcmd, &md, &pmo, (MQLONG)reqlen, req, &cc, &rc);
	*rq = md;
	unsigned char b[8192];
	MQMD rmd = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	gmo.Version = MQGMO_VERSION_2;
	gmo.MatchOptions = MQMO_MATCH_CORREL_ID;
	gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT;
	gmo.WaitInterval = 10000;
	memcpy(rmd.CorrelId, md.MsgId, sizeof rmd.CorrelId);
	MQGET(hc, hrep, &rmd, &gmo, sizeof b, b, &len, &cc, &rc);
	if (cc != MQCC_OK)
		printf("# no reply to the PCF command %d: %d\n", (int)cmd, (int)rc);
}

/* The command event of the last pcf(): every field, its parameters the request's. */
static void expect_pcf(MQLONG cmd, MQLONG nparm, const MQMD *rq, const char *what)
{
	unsigned char b[8192];
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG cc, rc, len = 0;
	gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT;
	gmo.WaitInterval = 5000;
	MQGET(hc, hev, &md, &gmo, sizeof b, b, &len, &cc, &rc);
	CHECK(cc == MQCC_OK, "%s: an event (rc %d)", what, (int)rc);
	if (cc != MQCC_OK)
		return;
	size_t plen = reqlen - 36;
	size_t want = 36 + 16 + 32 + 16 + 68 + 48 + 52 + 16 + 48 + 24 + 16 + 16 + plen;
	CHECK((size_t)len == want, "%s: %d bytes (want %zu)", what, (int)len, want);
	if ((size_t)len != want)
		return;
	MQCFH h;
	memcpy(&h, b, sizeof h);
	CHECK(h.Type == MQCFT_EVENT && h.Command == MQCMD_COMMAND_EVENT && h.Reason == MQRC_COMMAND_PCF &&
	      h.CompCode == MQCC_WARNING && h.ParameterCount == 2 && h.Control == MQCFC_LAST,
	      "%s: MQCFH event 99, reason 2413, 2 groups", what);
	size_t o = 36;
	CHECK(l(b, o) == MQCFT_GROUP && l(b, o + 8) == MQGACF_COMMAND_CONTEXT && l(b, o + 12) == 9,
	      "%s: CommandContext of 9", what);
	o += 16;
	CHECK(l(b, o + 8) == MQCACF_EVENT_USER_ID && !memcmp(b + o + 20, rq->UserIdentifier, 12),
	      "%s: EventUserId the request's UserIdentifier (%.12s)", what, rq->UserIdentifier);
	o += 32;
	CHECK(l(b, o + 8) == MQIACF_EVENT_ORIGIN && l(b, o + 12) == MQEVO_MSG, "%s: EventOrigin MQEVO_MSG", what);
	o += 16;
	CHECK(l(b, o + 8) == MQCACF_EVENT_Q_MGR && padded((char *)b + o + 20, 48, qm), "%s: EventQMgr", what);
	o += 68;
	o = context(b, o, rq, what);
	CHECK(l(b, o) == MQCFT_INTEGER && l(b, o + 8) == MQIACF_COMMAND && l(b, o + 12) == cmd, "%s: Command %d", what,
	      (int)cmd);
	o += 16;
	CHECK(l(b, o) == MQCFT_GROUP && l(b, o + 8) == MQGACF_COMMAND_DATA && l(b, o + 12) == nparm,
	      "%s: CommandData of %d", what, (int)nparm);
	o += 16;
	CHECK(!memcmp(b + o, req + 36, plen), "%s: the request's parameters, as they came", what);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mqi_cmdev QMGR\n");
		return 2;
	}
	qm = argv[1];
	struct passwd *pw = getpwuid(getuid());
	snprintf(me, sizeof me, "%s", pw ? pw->pw_name : "");
	hc = mqt_conn(qm, 0);
	if (hc == MQHC_UNUSABLE_HCONN || mqt_open(hc, "SYSTEM.ADMIN.COMMAND.EVENT", MQOO_INPUT_EXCLUSIVE, &hev) ||
	    mqt_open(hc, "SYSTEM.ADMIN.COMMAND.QUEUE", MQOO_OUTPUT, &hcmd) ||
	    mqt_open(hc, "CD.REPLY", MQOO_INPUT_EXCLUSIVE, &hrep)) {
		printf("# cannot open SYSTEM.ADMIN.COMMAND.EVENT, the command queue or CD.REPLY\n");
		return 1;
	}
	run("", "DEFINE QLOCAL(CD.Q0)");
	none("CMDEV(DISABLED): DEFINE");
	run("", "ALTER QMGR CMDEV(ENABLED)");
	expect("ALTER QMGR CMDEV(ENABLED)", MQCMD_CHANGE_Q_MGR, MQEVO_CONSOLE, "ALTER QMGR CMDEV(ENABLED)");
	run("", "DEFINE QLOCAL(CD.Q1) DESCR('a b')");
	expect("DEFINE QLOCAL(CD.Q1) DESCR('a b')", MQCMD_CREATE_Q, MQEVO_CONSOLE, "DEFINE QLOCAL");
	run("", "DEF QL(CD.Q2) LIKE(CD.Q1)");
	expect("DEF QL(CD.Q2) LIKE(CD.Q1)", MQCMD_COPY_Q, MQEVO_CONSOLE, "DEFINE LIKE");
	run("", "DISPLAY QLOCAL(CD.Q1) MAXDEPTH");
	expect("DISPLAY QLOCAL(CD.Q1) MAXDEPTH", MQCMD_INQUIRE_Q, MQEVO_CONSOLE, "DISPLAY QLOCAL");
	run("", "DEFINE PROCESS(CD.P1)");
	expect("DEFINE PROCESS(CD.P1)", MQCMD_CREATE_PROCESS, MQEVO_CONSOLE, "DEFINE PROCESS");
	run("", "DISPLAY QSTATUS(CD.Q1)");
	expect("DISPLAY QSTATUS(CD.Q1)", MQCMD_INQUIRE_Q_STATUS, MQEVO_CONSOLE, "DISPLAY QSTATUS");
	run("", "CLEAR QLOCAL(CD.Q1)");
	expect("CLEAR QLOCAL(CD.Q1)", MQCMD_CLEAR_Q, MQEVO_CONSOLE, "CLEAR QLOCAL");
	/* the subscription commands are MQ's subscription PCF commands */
	run("", "DEFINE SUB(CD.S1) TOPICSTR('cd/s') DEST(CD.Q1)");
	expect("DEFINE SUB(CD.S1) TOPICSTR('cd/s') DEST(CD.Q1)", MQCMD_CREATE_SUBSCRIPTION, MQEVO_CONSOLE,
	       "DEFINE SUB");
	run("", "ALTER SUB(CD.S1) USERDATA('u')");
	expect("ALTER SUB(CD.S1) USERDATA('u')", MQCMD_CHANGE_SUBSCRIPTION, MQEVO_CONSOLE, "ALTER SUB");
	run("", "DISPLAY SUB(CD.S1)");
	expect("DISPLAY SUB(CD.S1)", MQCMD_INQUIRE_SUBSCRIPTION, MQEVO_CONSOLE, "DISPLAY SUB");
	run("", "DISPLAY SBSTATUS(CD.S1)");
	expect("DISPLAY SBSTATUS(CD.S1)", MQCMD_INQUIRE_SUB_STATUS, MQEVO_CONSOLE, "DISPLAY SBSTATUS");
	run("", "DELETE SUB(CD.S1)");
	expect("DELETE SUB(CD.S1)", MQCMD_DELETE_SUBSCRIPTION, MQEVO_CONSOLE, "DELETE SUB");
	run("", "DEFINE QLOCAL(CD.Q1)");
	run("", "DEFINE QLOCAL(");
	run("", "DISPLAY QLOCAL(CD.NONE)");
	none("a refused DEFINE, a syntax error, a DISPLAY of nothing");

	run("", "ALTER QMGR CMDEV(NODISPLAY)");
	expect("ALTER QMGR CMDEV(NODISPLAY)", MQCMD_CHANGE_Q_MGR, MQEVO_CONSOLE, "ALTER QMGR CMDEV(NODISPLAY)");
	run("", "DISPLAY QMGR CMDEV");
	run("", "DISPLAY QUEUE(CD.*)");
	none("NODISPLAY: DISPLAY QMGR, DISPLAY QUEUE");
	run("", "PING QMGR");
	expect("PING QMGR", MQCMD_PING_Q_MGR, MQEVO_CONSOLE, "NODISPLAY: PING QMGR");
	run("", "DELETE QLOCAL(CD.Q2)");
	expect("DELETE QLOCAL(CD.Q2)", MQCMD_DELETE_Q, MQEVO_CONSOLE, "NODISPLAY: DELETE QLOCAL");
	run("-w 10", "ALTER QLOCAL(CD.Q1) MAXDEPTH(5)");
	expect("ALTER QLOCAL(CD.Q1) MAXDEPTH(5)", MQCMD_CHANGE_Q, MQEVO_MSG, "through the command server");
	none("only the one through the command server");

	/* PCF commands of the command server: MQRC_COMMAND_PCF, the request's
	 * context and its parameters as they came */
	MQMD rq;
	run("", "ALTER QMGR CMDEV(ENABLED)");
	expect("ALTER QMGR CMDEV(ENABLED)", MQCMD_CHANGE_Q_MGR, MQEVO_CONSOLE, "ALTER QMGR CMDEV(ENABLED) again");
	pcf(MQCMD_PING_Q_MGR, 0, &rq);
	expect_pcf(MQCMD_PING_Q_MGR, 0, &rq, "PCF PING_Q_MGR");
	pcf(MQCMD_INQUIRE_Q_MGR, 1, &rq);
	expect_pcf(MQCMD_INQUIRE_Q_MGR, 1, &rq, "PCF INQUIRE_Q_MGR (MQIACF_Q_MGR_ATTRS)");
	pcf(MQCMD_INQUIRE_Q_NAMES, 2, &rq);
	expect_pcf(MQCMD_INQUIRE_Q_NAMES, 1, &rq, "PCF INQUIRE_Q_NAMES");
	run("", "DEFINE SUB(CD.S2) TOPICSTR('cd/s') DEST(CD.Q1)");
	expect("DEFINE SUB(CD.S2) TOPICSTR('cd/s') DEST(CD.Q1)", MQCMD_CREATE_SUBSCRIPTION, MQEVO_CONSOLE,
	       "DEFINE SUB again");
	pcf(MQCMD_INQUIRE_SUBSCRIPTION, 4, &rq);
	expect_pcf(MQCMD_INQUIRE_SUBSCRIPTION, 1, &rq, "PCF INQUIRE_SUBSCRIPTION");
	none("INQUIRE_Q_NAMES: its own event only (not the DISPLAY the server runs for it)");
	pcf(MQCMD_INQUIRE_Q_MGR, 3, &rq);
	none("a PCF command that fails (an unknown parameter)");
	run("", "ALTER QMGR CMDEV(NODISPLAY)");
	expect("ALTER QMGR CMDEV(NODISPLAY)", MQCMD_CHANGE_Q_MGR, MQEVO_CONSOLE, "NODISPLAY again");
	pcf(MQCMD_INQUIRE_Q_MGR, 1, &rq);
	none("NODISPLAY: PCF INQUIRE_Q_MGR");
	pcf(MQCMD_PING_Q_MGR, 0, &rq);
	expect_pcf(MQCMD_PING_Q_MGR, 0, &rq, "NODISPLAY: PCF PING_Q_MGR");

	run("", "ALTER QMGR CMDEV(DISABLED)");
	expect("ALTER QMGR CMDEV(DISABLED)", MQCMD_CHANGE_Q_MGR, MQEVO_CONSOLE, "ALTER QMGR CMDEV(DISABLED): CMDEV was on");
	run("", "DEFINE QLOCAL(CD.Q3)");
	run("", "ALTER QMGR DESCR('x')");
	none("DISABLED again: DEFINE, ALTER QMGR");
	return mqt_done();
}
