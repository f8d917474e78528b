/*
 * mqi_pssel.c: MQSD.SelectionString on MQSUB (issue 14): which subscriber
 * gets which publication, MQ's reasons for a bad selector at create and at
 * resume, ALTER of a selector refused, a durable subscription's selector kept
 * across a restart.  Run by tests/integration/t7205-pssel.sh:
 *   mqi_pssel QM create    non-durable subscriptions with selectors, their
 *                          publications checked; a durable D.SEL with one,
 *                          closed, and publications while it is away
 *   mqi_pssel QM restart   (after a restart) ALTER 2524, RESUME with a bad
 *                          selector 2459, more publications, D.SEL resumed:
 *                          only the ones its selector takes, in order; removed
 *   mqi_pssel QM admin     publications to sel/admin (red, blue, red 200): the
 *                          script's DEFINE SUB ADM.SEL with SELECTOR colour =
 *                          'red' to ADMQ gets the red ones only
 */
#include "mqt.h"

#include <cmqc.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

static MQHCONN hc;

static void charv(MQCHARV *v, const char *s)
{
	v->VSPtr = (MQPTR)s;
	v->VSOffset = 0;
	v->VSLength = (MQLONG)strlen(s);
	v->VSCCSID = MQCCSI_APPL;
}

static MQLONG setp(MQHMSG h, const char *name, MQLONG type, MQLONG len, const void *val)
{
	MQSMPO smpo = { MQSMPO_DEFAULT };
	MQPD pd = { MQPD_DEFAULT };
	MQCHARV n = { MQCHARV_DEFAULT };
	MQLONG c, rc;
	n.VSPtr = (MQPTR)name;
	n.VSLength = MQVS_NULL_TERMINATED;
	MQSETMP(hc, h, &smpo, &n, &pd, type, len, (void *)val, &c, &rc);
	return rc;
}

/* Publish body on topic with property colour (NULL: none) and size (<0:
 * none) at priority prio; the reason, *cc. */
static MQLONG pubp(const char *topic, const char *body, const char *colour, int size, int prio, MQLONG pers,
		   MQLONG popts, MQLONG *cc)
{
	MQOD od = { MQOD_DEFAULT };
	MQHOBJ ht;
	MQLONG rc, c2, r2;
	od.Version = MQOD_VERSION_4;
	od.ObjectType = MQOT_TOPIC;
	charv(&od.ObjectString, topic);
	MQOPEN(hc, &od, MQOO_OUTPUT, &ht, cc, &rc);
	if (rc)
		return rc;
	MQCMHO cmho = { MQCMHO_DEFAULT };
	MQHMSG m = MQHM_NONE;
	MQCRTMH(hc, &cmho, &m, cc, &rc);
	if (colour && !rc)
		rc = setp(m, "colour", MQTYPE_STRING, (MQLONG)strlen(colour), colour);
	if (size >= 0 && !rc) {
		MQLONG x = size;
		rc = setp(m, "size", MQTYPE_INT32, 4, &x);
	}
	if (!rc) {
		MQMD md = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		md.Priority = prio;
		md.Persistence = pers;
		memcpy(md.Format, MQFMT_STRING, 8);
		pmo.Version = MQPMO_VERSION_3;
		pmo.Options = MQPMO_NO_SYNCPOINT | popts;
		pmo.OriginalMsgHandle = m;
		MQPUT(hc, ht, &md, &pmo, (MQLONG)strlen(body), (void *)body, cc, &rc);
	}
	MQDMHO dmho = { MQDMHO_DEFAULT };
	MQDLTMH(hc, &m, &dmho, &c2, &r2);
	MQCLOSE(hc, &ht, MQCO_NONE, &c2, &r2);
	return rc;
}

/* MQSUB of name (NULL: none) on topic with selection sel (NULL: none). */
static MQLONG subs(const char *name, const char *topic, const char *sel, MQLONG opts, MQHOBJ *hq, MQHOBJ *hs)
{
	MQSD sd = { MQSD_DEFAULT };
	MQLONG cc, rc;
	sd.Options = opts;
	if (topic)
		charv(&sd.ObjectString, topic);
	if (name)
		charv(&sd.SubName, name);
	if (sel)
		charv(&sd.SelectionString, sel);
	MQSUB(hc, &sd, hq, hs, &cc, &rc);
	return rc;
}

/* Every message on h, their bodies joined by ',' into out. */
static void drain(MQHOBJ h, char *out, size_t olen)
{
	out[0] = 0;
	for (;;) {
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		char b[128];
		MQLONG dl = 0, cc, rc;
		gmo.Options = MQGMO_NO_WAIT | MQGMO_NO_SYNCPOINT | MQGMO_NO_PROPERTIES;
		memset(b, 0, sizeof b);
		MQGET(hc, h, &md, &gmo, sizeof b - 1, b, &dl, &cc, &rc);
		if (rc)
			break;
		if (out[0])
			strncat(out, ",", olen - strlen(out) - 1);
		strncat(out, b, olen - strlen(out) - 1);
	}
}

#define MANAGED (MQSO_CREATE | MQSO_MANAGED | MQSO_NON_DURABLE)
#define DURABLE (MQSO_CREATE | MQSO_MANAGED | MQSO_DURABLE)

static void run_create(void)
{
	MQHOBJ q[4] = { MQHO_NONE, MQHO_NONE, MQHO_NONE, MQHO_NONE }, s[4], hx = MQHO_NONE, sx;
	MQLONG cc, rc;
	char got[512];
	EXPECT(subs(NULL, "sel/paint", "colour = = 'red'", MANAGED, &hx, &sx), 0, MQRC_SELECTION_NOT_AVAILABLE, 0,
	       "a syntax fault at create: 2551");
	EXPECT(subs(NULL, "sel/paint", "colour IN ('red'", MANAGED, &hx, &sx), 0, MQRC_SELECTION_NOT_AVAILABLE, 0,
	       "an unclosed IN list at create: 2551");
	EXPECT(subs(NULL, "sel/paint", "1 = 2", MANAGED, &hx, &sx), 0, MQRC_SELECTOR_ALWAYS_FALSE, 0,
	       "a selector FALSE for every message: 2504");
	EXPECT(subs("D.BAD", "sel/dur", "colour = = 'red'", DURABLE, &hx, &sx), 0, MQRC_SELECTION_NOT_AVAILABLE, 0,
	       "a durable one with a syntax fault: 2551, not made");
	EXPECT(subs("D.BAD", NULL, NULL, MQSO_RESUME | MQSO_DURABLE, &hx, &sx), 0, MQRC_NO_SUBSCRIPTION, 0,
	       "... and it does not exist (2428)");
	EXPECT(subs(NULL, "sel/paint", "colour = 'red'", MANAGED, &q[0], &s[0]), 0, 0, 0, "S0: colour = 'red'");
	EXPECT(subs(NULL, "sel/paint", "size > 10 AND colour <> 'red'", MANAGED, &q[1], &s[1]), 0, 0, 0,
	       "S1: size > 10 AND colour <> 'red'");
	EXPECT(subs(NULL, "sel/#", "Root.MQMD.Priority > 5", MANAGED, &q[2], &s[2]), 0, 0, 0,
	       "S2 on sel/#: Root.MQMD.Priority > 5");
	EXPECT(subs(NULL, "sel/paint", "   ", MANAGED, &q[3], &s[3]), 0, 0, 0, "S3: a blank selection (none)");
	EXPECT(pubp("sel/paint", "P1", "red", 5, 0, MQPER_NOT_PERSISTENT, 0, &cc), 0, 0, 0, "P1 red 5 prio 0");
	EXPECT(pubp("sel/paint", "P2", "blue", 20, 0, MQPER_NOT_PERSISTENT, 0, &cc), 0, 0, 0, "P2 blue 20 prio 0");
	EXPECT(pubp("sel/paint", "P3", NULL, -1, 8, MQPER_NOT_PERSISTENT, 0, &cc), 0, 0, 0, "P3 no properties prio 8");
	EXPECT(pubp("sel/paint", "P4", "red", 50, 9, MQPER_PERSISTENT, 0, &cc), 0, 0, 0, "P4 red 50 prio 9 persistent");
	EXPECT(pubp("sel/paint", "P5", "green", 1, 0, MQPER_NOT_PERSISTENT, 0, &cc), 0, 0, 0, "P5 green 1 prio 0");
	static const char *const want[4] = { "P4,P1", "P2", "P4,P3", "P4,P3,P1,P2,P5" };
	/* (a queue gives higher priority first: P4 (9) before P3 (8) before the 0s) */
	for (int i = 0; i < 4; i++) {
		drain(q[i], got, sizeof got);
		CHECK(strcmp(got, want[i]) == 0, "S%d got '%s' (want '%s')", i, got, want[i]);
	}
	/* a publication no selector takes: no subscription matched */
	MQHOBJ q5 = MQHO_NONE, s5;
	EXPECT(subs(NULL, "sel/only", "colour = 'red'", MANAGED, &q5, &s5), 0, 0, 0, "S5 on sel/only: colour = 'red'");
	rc = pubp("sel/only", "N1", "blue", 1, 0, MQPER_NOT_PERSISTENT, MQPMO_WARN_IF_NO_SUBS_MATCHED, &cc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_NO_SUBS_MATCHED, "a publication S5's selector refuses: 2550 warning");
	rc = pubp("sel/only", "N2", "red", 1, 0, MQPER_NOT_PERSISTENT, MQPMO_WARN_IF_NO_SUBS_MATCHED, &cc);
	EXPECT(cc, rc, MQCC_OK, 0, "one it takes: no warning");
	drain(q5, got, sizeof got);
	CHECK(strcmp(got, "N2") == 0, "S5 got '%s'", got);
	/* the other MQCHARV forms: VSOffset from the MQSD, and MQVS_NULL_TERMINATED */
	{
		struct sdsel {
			MQSD sd;
			char sel[32];
		} x;
		MQSD d0 = { MQSD_DEFAULT };
		MQHOBJ q6 = MQHO_NONE, s6, q7 = MQHO_NONE, s7;
		x.sd = d0;
		x.sd.Options = MANAGED;
		charv(&x.sd.ObjectString, "sel/forms");
		strcpy(x.sel, "colour = 'red'");
		x.sd.SelectionString.VSOffset = (MQLONG)offsetof(struct sdsel, sel);
		x.sd.SelectionString.VSLength = (MQLONG)strlen(x.sel);
		MQSUB(hc, &x.sd, &q6, &s6, &cc, &rc);
		EXPECT(cc, rc, 0, 0, "S6 with its SelectionString by VSOffset");
		MQSD d7 = { MQSD_DEFAULT };
		d7.Options = MANAGED;
		charv(&d7.ObjectString, "sel/forms");
		d7.SelectionString.VSPtr = (MQPTR) "colour = 'blue'";
		d7.SelectionString.VSLength = MQVS_NULL_TERMINATED;
		MQSUB(hc, &d7, &q7, &s7, &cc, &rc);
		EXPECT(cc, rc, 0, 0, "S7 with MQVS_NULL_TERMINATED");
		pubp("sel/forms", "F1", "red", 1, 0, MQPER_NOT_PERSISTENT, 0, &cc);
		pubp("sel/forms", "F2", "blue", 1, 0, MQPER_NOT_PERSISTENT, 0, &cc);
		drain(q6, got, sizeof got);
		CHECK(strcmp(got, "F1") == 0, "S6 got '%s' (want F1)", got);
		drain(q7, got, sizeof got);
		CHECK(strcmp(got, "F2") == 0, "S7 got '%s' (want F2)", got);
		MQCLOSE(hc, &s6, MQCO_REMOVE_SUB, &cc, &rc);
		MQCLOSE(hc, &s7, MQCO_REMOVE_SUB, &cc, &rc);
	}
	for (int i = 0; i < 4; i++)
		MQCLOSE(hc, &s[i], MQCO_REMOVE_SUB, &cc, &rc);
	MQCLOSE(hc, &s5, MQCO_REMOVE_SUB, &cc, &rc);
	/* a durable one, away while publications come */
	MQHOBJ dq = MQHO_NONE, ds;
	EXPECT(subs("D.SEL", "sel/dur", "colour = 'red' OR size >= 100", DURABLE, &dq, &ds), 0, 0, 0,
	       "durable D.SEL: colour = 'red' OR size >= 100");
	MQCLOSE(hc, &ds, MQCO_KEEP_SUB, &cc, &rc);
	EXPECT(cc, rc, 0, 0, "D.SEL closed, kept");
	MQCLOSE(hc, &dq, MQCO_NONE, &cc, &rc);
	pubp("sel/dur", "D1", "red", 1, 0, MQPER_PERSISTENT, 0, &cc);
	pubp("sel/dur", "D2", "blue", 1, 0, MQPER_PERSISTENT, 0, &cc);
	pubp("sel/dur", "D3", "blue", 100, 0, MQPER_PERSISTENT, 0, &cc);
}

static void run_restart(void)
{
	MQHOBJ dq = MQHO_NONE, ds, hx = MQHO_NONE, sx;
	MQLONG cc, rc;
	char got[512];
	EXPECT(subs("D.SEL", "sel/dur", "colour = 'blue'", MQSO_ALTER | MQSO_DURABLE | MQSO_MANAGED, &hx, &sx), 0,
	       MQRC_SELECTOR_NOT_ALTERABLE, 0, "ALTER of the selector: 2524");
	EXPECT(subs("D.SEL", NULL, "size >", MQSO_RESUME | MQSO_DURABLE, &hx, &sx), 0, MQRC_SELECTOR_SYNTAX_ERROR, 0,
	       "RESUME with a syntax fault: 2459");
	pubp("sel/dur", "D4", "red", 1, 0, MQPER_PERSISTENT, 0, &cc);
	pubp("sel/dur", "D5", "green", 2, 0, MQPER_PERSISTENT, 0, &cc);
	EXPECT(subs("D.SEL", NULL, NULL, MQSO_RESUME | MQSO_DURABLE, &dq, &ds), 0, 0, 0,
	       "RESUME D.SEL after the restart (no selection given: its own kept)");
	drain(dq, got, sizeof got);
	CHECK(strcmp(got, "D1,D3,D4") == 0, "D.SEL got '%s' (want D1,D3,D4: the selector compiled again)", got);
	MQCLOSE(hc, &ds, MQCO_NONE, &cc, &rc);
	/* RESUME returns the selector in MQSD.SelectionString: whole, and cut to VSBufSize */
	static const char want[] = "colour = 'red' OR size >= 100";
	for (int k = 0; k < 2; k++) {
		MQSD sd = { MQSD_DEFAULT };
		char buf[64];
		memset(buf, 0, sizeof buf);
		sd.Options = MQSO_RESUME | MQSO_DURABLE;
		charv(&sd.SubName, "D.SEL");
		sd.SelectionString.VSPtr = buf;
		sd.SelectionString.VSBufSize = k ? 6 : (MQLONG)sizeof buf - 1;
		MQSUB(hc, &sd, &dq, &ds, &cc, &rc);
		EXPECT(cc, rc, 0, 0, k ? "RESUME with a 6-byte SelectionString buffer" : "RESUME with a SelectionString buffer");
		CHECK(sd.SelectionString.VSLength == (MQLONG)strlen(want) &&
			      strcmp(buf, k ? "colour" : want) == 0,
		      "MQSD.SelectionString '%s' VSLength %d", buf, (int)sd.SelectionString.VSLength);
		MQCLOSE(hc, &ds, MQCO_NONE, &cc, &rc);
	}
	EXPECT(subs("D.SEL", "sel/dur", "colour = 'red' OR size >= 100", MQSO_ALTER | MQSO_DURABLE | MQSO_MANAGED,
		    &dq, &ds), 0, 0, 0, "ALTER with the same selector");
	MQCLOSE(hc, &ds, MQCO_REMOVE_SUB, &cc, &rc);
	EXPECT(cc, rc, 0, 0, "D.SEL removed");
	MQCLOSE(hc, &dq, MQCO_NONE, &cc, &rc);
}

static void run_admin(void)
{
	MQLONG cc;
	MQHOBJ q;
	char got[512];
	EXPECT(pubp("sel/admin", "A1", "red", 1, 0, MQPER_PERSISTENT, 0, &cc), 0, 0, 0, "A1 red");
	EXPECT(pubp("sel/admin", "A2", "blue", 1, 0, MQPER_PERSISTENT, 0, &cc), 0, 0, 0, "A2 blue");
	EXPECT(pubp("sel/admin", "A3", "red", 200, 0, MQPER_PERSISTENT, 0, &cc), 0, 0, 0, "A3 red 200");
	EXPECT(mqt_open(hc, "ADMQ", MQOO_INPUT_AS_Q_DEF, &q), 0, 0, 0, "open ADMQ");
	drain(q, got, sizeof got);
	CHECK(strcmp(got, "A1,A3") == 0, "ADM.SEL's queue ADMQ got '%s' (want A1,A3)", got);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: mqi_pssel QM create|restart\n");
		return 2;
	}
	hc = mqt_conn(argv[1], 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 2;
	if (!strcmp(argv[2], "create"))
		run_create();
	else if (!strcmp(argv[2], "restart"))
		run_restart();
	else if (!strcmp(argv[2], "admin"))
		run_admin();
	MQLONG cc, rc;
	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}
