/*
 * mqi_inhibev: inhibit events (INHIBTEV) against a running queue manager
 * (tests/integration/t7120), with
 *   QLOCAL(IQ) GET(DISABLED) PUT(DISABLED), QALIAS(IA) TARGET(IQ),
 *   QLOCAL(IW), SYSTEM.ADMIN.QMGR.EVENT empty.
 *
 *   mqi_inhibev QMGR on    INHIBTEV(ENABLED): each failed put (MQPUT, MQPUT1,
 *                          through the alias) and get (MQGET, a browse, a
 *                          parked MQGET whose queue MQSET inhibits) makes one
 *                          Put or Get Inhibited event; every MQMD field and
 *                          PCF parameter checked (layout at the top of
 *                          qm/server/qmgrev.c)
 *   mqi_inhibev QMGR off   INHIBTEV(DISABLED): the same failures make none
 * One "ok" line per check; exit status 1 when any failed.
 */
#include "mqt.h"

#include <cmqcfc.h>
#include <sys/wait.h>
#include <unistd.h>

static MQHCONN hc;
#define EVQ "SYSTEM.ADMIN.QMGR.EVENT"

static MQLONG put1(const char *q)
{
	MQOD od = { MQOD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	mqt_name(od.ObjectName, sizeof od.ObjectName, q);
	pmo.Options = MQPMO_NO_SYNCPOINT;
	MQPUT1(hc, &od, &md, &pmo, 1, "x", &cc, &rc);
	return rc;
}

/* The next event message: its reason and queue name checked with every other
 * field; 0 when there is none. */
static int next_event(MQHOBJ ev, MQLONG reason, const char *qname, const char *what)
{
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQBYTE buf[1024];
	MQLONG len = 0, cc, rc;
	gmo.Options = MQGMO_NO_SYNCPOINT;
	MQGET(hc, ev, &md, &gmo, (MQLONG)sizeof buf, buf, &len, &cc, &rc);
	if (rc == MQRC_NO_MSG_AVAILABLE)
		return 0;
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, what);
	if (cc != MQCC_OK)
		return 0;
	CHECK(!memcmp(md.Format, MQFMT_EVENT, 8) && md.MsgType == MQMT_DATAGRAM && md.PutApplType == MQAT_QMGR &&
	      md.Encoding == MQENC_NATIVE && md.Expiry == MQEI_UNLIMITED && md.Feedback == MQFB_NONE,
	      "%s: MQMD format %.8s, datagram, MQAT_QMGR", what, md.Format);
	CHECK(len == 236, "%s: 236 bytes (%d)", what, (int)len);
	if (len != 236)
		return 1;
	MQCFH h;
	memcpy(&h, buf, sizeof h);
	CHECK(h.Type == MQCFT_EVENT && h.StrucLength == MQCFH_STRUC_LENGTH && h.Version == MQCFH_VERSION_1 &&
	      h.Command == MQCMD_Q_MGR_EVENT && h.MsgSeqNumber == 1 && h.Control == MQCFC_LAST &&
	      h.CompCode == MQCC_WARNING && h.ParameterCount == 4,
	      "%s: MQCFH event, MQCMD_Q_MGR_EVENT, 4 parameters (%d %d %d)", what, (int)h.Type, (int)h.Command,
	      (int)h.ParameterCount);
	CHECK(h.Reason == reason, "%s: Reason %d (want %d)", what, (int)h.Reason, (int)reason);
	MQCFST s;
	MQCFIN in;
	memcpy(&s, buf + 36, sizeof s);
	CHECK(s.Type == MQCFT_STRING && s.Parameter == MQCA_Q_MGR_NAME && s.StringLength == 48 && s.StrucLength == 68,
	      "%s: QMgrName MQCFST, 48 characters", what);
	memcpy(&s, buf + 104, sizeof s);
	char want[49];
	mqt_name(want, 48, qname);
	CHECK(s.Parameter == MQCA_Q_NAME && s.StringLength == 48 && !memcmp(buf + 124, want, 48),
	      "%s: QName %.48s", what, (const char *)buf + 124);
	memcpy(&in, buf + 172, sizeof in);
	CHECK(in.Type == MQCFT_INTEGER && in.StrucLength == 16 && in.Parameter == MQIA_APPL_TYPE && in.Value == MQAT_UNIX,
	      "%s: ApplType MQAT_UNIX (%d)", what, (int)in.Value);
	memcpy(&s, buf + 188, sizeof s);
	CHECK(s.Parameter == MQCACF_APPL_NAME && s.StringLength == 28 && s.StrucLength == 48 &&
	      !memcmp(buf + 208, "mqi_inhibev ", 12),
	      "%s: ApplName %.28s", what, (const char *)buf + 208);
	return 1;
}

static MQLONG get(MQHOBJ h, MQLONG opts, MQLONG wait)
{
	char b[16];
	return mqt_get(hc, h, opts, wait, b, sizeof b, NULL);
}

int main(int argc, char **argv)
{
	if (argc != 3 || (strcmp(argv[2], "on") && strcmp(argv[2], "off"))) {
		fprintf(stderr, "usage: mqi_inhibev QMGR on|off\n");
		return 2;
	}
	int on = !strcmp(argv[2], "on");
	hc = mqt_conn(argv[1], 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	MQHOBJ ev, iq, ia, iw, iws;
	MQLONG cc, rc;
	EXPECT(MQCC_OK, mqt_open(hc, EVQ, MQOO_INPUT_SHARED, &ev), MQCC_OK, MQRC_NONE, "open the event queue");
	EXPECT(MQCC_OK, mqt_open(hc, "IQ", MQOO_OUTPUT | MQOO_INPUT_SHARED | MQOO_BROWSE, &iq), MQCC_OK, MQRC_NONE,
	       "open IQ");
	EXPECT(MQCC_OK, mqt_open(hc, "IA", MQOO_OUTPUT | MQOO_INPUT_SHARED, &ia), MQCC_OK, MQRC_NONE, "open IA");

	EXPECT(MQCC_FAILED, mqt_put(hc, iq, "x", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL), MQCC_FAILED,
	       MQRC_PUT_INHIBITED, "MQPUT on IQ: 2051");
	EXPECT(MQCC_FAILED, put1("IQ"), MQCC_FAILED, MQRC_PUT_INHIBITED, "MQPUT1 on IQ: 2051");
	EXPECT(MQCC_FAILED, mqt_put(hc, ia, "x", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL), MQCC_FAILED,
	       MQRC_PUT_INHIBITED, "MQPUT through alias IA: 2051");
	EXPECT(MQCC_FAILED, get(iq, MQGMO_NO_SYNCPOINT, 0), MQCC_FAILED, MQRC_GET_INHIBITED, "MQGET on IQ: 2016");
	EXPECT(MQCC_FAILED, get(iq, MQGMO_BROWSE_FIRST, 0), MQCC_FAILED, MQRC_GET_INHIBITED, "browse IQ: 2016");
	EXPECT(MQCC_FAILED, get(ia, MQGMO_NO_SYNCPOINT, 0), MQCC_FAILED, MQRC_GET_INHIBITED, "MQGET through IA: 2016");

	/* a parked MQGET that MQSET GET(DISABLED) ends: another process sets it */
	EXPECT(MQCC_OK, mqt_open(hc, "IW", MQOO_INPUT_SHARED, &iw), MQCC_OK, MQRC_NONE, "open IW");
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		MQHCONN h2 = mqt_conn(argv[1], 0);
		usleep(300000);
		MQLONG sel = MQIA_INHIBIT_GET, v = MQQA_GET_INHIBITED;
		if (mqt_open(h2, "IW", MQOO_SET, &iws) != MQRC_NONE)
			_exit(1);
		MQSET(h2, iws, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
		_exit(rc == MQRC_NONE ? 0 : 1);
	}
	EXPECT(MQCC_FAILED, get(iw, MQGMO_NO_SYNCPOINT | MQGMO_WAIT, 10000), MQCC_FAILED, MQRC_GET_INHIBITED,
	       "a parked MQGET on IW when MQSET inhibits gets: 2016");
	int st = 0;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the other process's MQSET GET(DISABLED)");

	if (on) {
		CHECK(next_event(ev, MQRC_PUT_INHIBITED, "IQ", "MQPUT's event"), "Put Inhibited for MQPUT");
		CHECK(next_event(ev, MQRC_PUT_INHIBITED, "IQ", "MQPUT1's event"), "Put Inhibited for MQPUT1");
		CHECK(next_event(ev, MQRC_PUT_INHIBITED, "IA", "the alias put's event"),
		      "Put Inhibited naming the alias opened");
		CHECK(next_event(ev, MQRC_GET_INHIBITED, "IQ", "MQGET's event"), "Get Inhibited for MQGET");
		CHECK(next_event(ev, MQRC_GET_INHIBITED, "IQ", "the browse's event"), "Get Inhibited for a browse");
		CHECK(next_event(ev, MQRC_GET_INHIBITED, "IA", "the alias get's event"), "Get Inhibited naming the alias");
		CHECK(next_event(ev, MQRC_GET_INHIBITED, "IW", "the parked get's event"),
		      "Get Inhibited for the parked MQGET");
	}
	CHECK(!next_event(ev, 0, "", "no more"), "no other event message");
	mqt_close(hc, &iw);
	mqt_close(hc, &ia);
	mqt_close(hc, &iq);
	mqt_close(hc, &ev);
	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}
