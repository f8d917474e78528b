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
	size_t want = 36 + 16 + (20 + 12) + 16 + (20 + 48) + 16 + 16 + 20 + ((tl + 3) & ~(size_t)3);
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
	      l(b, o + 12) == 4, "%s: MQCFGR CommandContext of 4", what);
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
	if (hc == MQHC_UNUSABLE_HCONN || mqt_open(hc, "SYSTEM.ADMIN.COMMAND.EVENT", MQOO_INPUT_EXCLUSIVE, &hev)) {
		printf("# cannot open SYSTEM.ADMIN.COMMAND.EVENT\n");
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

	run("", "ALTER QMGR CMDEV(DISABLED)");
	expect("ALTER QMGR CMDEV(DISABLED)", MQCMD_CHANGE_Q_MGR, MQEVO_CONSOLE, "ALTER QMGR CMDEV(DISABLED): CMDEV was on");
	run("", "DEFINE QLOCAL(CD.Q3)");
	run("", "ALTER QMGR DESCR('x')");
	none("DISABLED again: DEFINE, ALTER QMGR");
	return mqt_done();
}
