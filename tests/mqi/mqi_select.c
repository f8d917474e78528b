/*
 * mqi_select: MQOPEN of a queue with MQOD version 4's SelectionString, and
 * MQGET returning only the messages the selector matches (browse and
 * destructive, with MsgId matching, a wait woken only by a matching message,
 * MQGMO_LOCK, through an alias), the MQCHARV in each form, and the reasons:
 * 2459 for a selector MQ's syntax refuses, 2519 for an MQCHARV not valid or
 * too long, 2516 on what cannot take a selector (output only, the queue
 * manager object, MQPUT1).
 *
 *   mqi_select QMGR QUEUE ALIAS           the checks (the queue empty, MSGDLVSQ(FIFO)), MQCB too
 *   mqi_select QMGR put QUEUE             persistent messages with properties
 *   mqi_select QMGR check QUEUE           after a restart: selected as before
 *   mqi_select QMGR waitput QUEUE         (run by the checks: the putter a wait sees)
 */
#include "mqt.h"

#include <stddef.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static MQHCONN hc;
static const char *qm;

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

/* Put body with the properties given as "name=s:text", "name=i:12",
 * "name=d:2.5", "name=b:1" (NULL-terminated list), at priority prio. */
static MQLONG put_props(MQHOBJ h, MQHCONN c, const char *body, int prio, MQLONG pers, const char *const *props,
			MQBYTE24 msgid)
{
	MQCMHO cmho = { MQCMHO_DEFAULT };
	MQHMSG m = MQHM_NONE;
	MQLONG cc, rc;
	MQCRTMH(c, &cmho, &m, &cc, &rc);
	if (rc)
		return rc;
	for (int i = 0; props && props[i]; i++) {
		char name[64];
		const char *eq = strchr(props[i], '=');
		memcpy(name, props[i], (size_t)(eq - props[i]));
		name[eq - props[i]] = 0;
		const char *v = eq + 3;
		switch (eq[1]) {
		case 's': rc = setp(m, name, MQTYPE_STRING, (MQLONG)strlen(v), v); break;
		case 'i': { MQLONG x = atoi(v); rc = setp(m, name, MQTYPE_INT32, 4, &x); break; }
		case 'd': { MQFLOAT64 x = atof(v); rc = setp(m, name, MQTYPE_FLOAT64, 8, &x); break; }
		default: { MQBOOL x = atoi(v); rc = setp(m, name, MQTYPE_BOOLEAN, 4, &x); break; }
		}
		if (rc)
			return rc;
	}
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	md.Version = MQMD_VERSION_2;
	md.Priority = prio;
	md.Persistence = pers;
	memcpy(md.Format, MQFMT_STRING, 8);
	pmo.Version = MQPMO_VERSION_3;
	pmo.Options = MQPMO_NO_SYNCPOINT;
	pmo.OriginalMsgHandle = m;
	MQPUT(c, h, &md, &pmo, (MQLONG)strlen(body), (void *)body, &cc, &rc);
	if (msgid)
		memcpy(msgid, md.MsgId, sizeof(MQBYTE24));
	MQDMHO dmho = { MQDMHO_DEFAULT };
	MQLONG c2, r2;
	MQDLTMH(c, &m, &dmho, &c2, &r2);
	return rc;
}

/* MQOPEN with MQOD version 4 and a selection string (NULL: none). */
static MQLONG open_sel(const char *q, MQLONG opts, const char *sel, MQHOBJ *h)
{
	MQOD od = { MQOD_DEFAULT };
	MQLONG cc, rc;
	od.Version = MQOD_VERSION_4;
	mqt_name(od.ObjectName, sizeof od.ObjectName, q);
	if (sel) {
		od.SelectionString.VSPtr = (MQPTR)sel;
		od.SelectionString.VSLength = (MQLONG)strlen(sel);
	}
	MQOPEN(hc, &od, opts, h, &cc, &rc);
	return rc;
}

/* The bodies a handle gets in turn until 2033, comma-separated (browse:
 * FIRST then NEXT; else destructive); the last reason in *last. */
static const char *seq(MQHOBJ h, int browse, MQLONG *last)
{
	static char out[512];
	char buf[256];
	MQLONG rc;
	out[0] = 0;
	for (int i = 0; i < 20; i++) {
		MQLONG o = MQGMO_NO_WAIT | MQGMO_NO_PROPERTIES | MQGMO_NO_SYNCPOINT;
		if (browse)
			o |= i ? MQGMO_BROWSE_NEXT : MQGMO_BROWSE_FIRST;
		rc = mqt_get(hc, h, o, 0, buf, sizeof buf, NULL);
		if (rc != MQRC_NONE)
			break;
		if (out[0])
			strcat(out, ",");
		strcat(out, buf);
	}
	if (last)
		*last = rc;
	return out;
}

/* Browse queue q with selector sel: the bodies selected must be want. */
static void browse_is(const char *q, const char *sel, const char *want)
{
	MQHOBJ h;
	MQLONG rc = open_sel(q, MQOO_BROWSE | MQOO_FAIL_IF_QUIESCING, sel, &h), last = 0;
	if (rc) {
		CHECK(0, "open %s with \"%s\": %d", q, sel ? sel : "", (int)rc);
		return;
	}
	const char *got = seq(h, 1, &last);
	CHECK(!strcmp(got, want) && last == MQRC_NO_MSG_AVAILABLE, "\"%s\" selects [%s] (got [%s], then %d)",
	      sel ? sel : "(no selection)", want, got, (int)last);
	mqt_close(hc, &h);
}

static void open_fails(const char *q, MQLONG opts, const char *sel, MQLONG want, const char *what)
{
	MQHOBJ h = MQHO_UNUSABLE_HOBJ;
	MQLONG rc = open_sel(q, opts, sel, &h);
	CHECK(rc == want && h == MQHO_UNUSABLE_HOBJ, "%s: MQOPEN %d (want %d)", what, (int)rc, (int)want);
	if (rc == MQRC_NONE)
		mqt_close(hc, &h);
}

static int64_t now_ms(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* MQCB's consumer: the bodies it was given, and a stop after the first */
static char cb_got[128];

static void MQENTRY consumer(MQHCONN h, PMQVOID pmd, PMQVOID pgmo, PMQVOID buf, PMQCBC x)
{
	PMQGMO gmo = pgmo;
	MQLONG cc, rc;
	(void)pmd;
	if (x->CallType != MQCBCT_MSG_REMOVED)
		return;
	if (cb_got[0])
		strcat(cb_got, ",");
	strncat(cb_got, buf, (size_t)(gmo->ReturnedLength < 16 ? gmo->ReturnedLength : 16));
	MQCTLO ctlo = { MQCTLO_DEFAULT };
	MQCTL(h, MQOP_STOP, &ctlo, &cc, &rc);
}

static int checks(const char *q, const char *alias)
{
	MQHOBJ out;
	MQLONG rc;
	MQBYTE24 id2;
	if (open_sel(q, MQOO_OUTPUT, NULL, &out)) {
		printf("# cannot open %s\n", q);
		return 1;
	}
	static const char *const p1[] = { "colour=s:red", "size=i:10", NULL };
	static const char *const p2[] = { "colour=s:blue", "size=i:20", "usr.shape=s:it's", NULL };
	static const char *const p3[] = { "colour=s:red", "size=i:30", "weight=d:2.5", "flag=b:1", NULL };
	static const char *const p5[] = { "colour=s:green_ish", "size=i:-5", "flag=b:0", NULL };
	EXPECT(0, put_props(out, hc, "m1", 1, MQPER_NOT_PERSISTENT, p1, NULL), 0, 0, "put m1");
	EXPECT(0, put_props(out, hc, "m2", 5, MQPER_NOT_PERSISTENT, p2, id2), 0, 0, "put m2");
	EXPECT(0, put_props(out, hc, "m3", 3, MQPER_PERSISTENT, p3, NULL), 0, 0, "put m3");
	EXPECT(0, put_props(out, hc, "m4", 0, MQPER_NOT_PERSISTENT, NULL, NULL), 0, 0, "put m4 (no properties)");
	EXPECT(0, put_props(out, hc, "m5", 2, MQPER_NOT_PERSISTENT, p5, NULL), 0, 0, "put m5");

	/* what each selector selects, browsing */
	browse_is(q, "colour = 'red'", "m1,m3");
	browse_is(q, "usr.colour = 'red'", "m1,m3");
	browse_is(q, "colour <> 'red'", "m2,m5");   /* m4: NULL <> 'red' is UNKNOWN */
	browse_is(q, "NOT (colour = 'red')", "m2,m5");
	browse_is(q, "colour IS NULL", "m4");
	browse_is(q, "colour IS NOT NULL AND size > 5", "m1,m2,m3");
	browse_is(q, "size BETWEEN 15 AND 30", "m2,m3");
	browse_is(q, "size NOT BETWEEN 15 AND 30", "m1,m5");
	browse_is(q, "size * 2 + 1 = 41 OR size / 4 = 7", "m2,m3");
	browse_is(q, "-size = 5", "m5");
	browse_is(q, "weight > 2.4 AND weight < 2.6", "m3");
	browse_is(q, "flag", "m3");
	browse_is(q, "flag = FALSE", "m5");
	browse_is(q, "NOT flag", "m5");   /* NOT UNKNOWN: m1, m2, m4 not selected */
	browse_is(q, "flag IS NULL OR NOT flag", "m1,m2,m4,m5");
	browse_is(q, "colour LIKE 'gr%' OR colour IN ('blue', 'black')", "m2,m5");
	browse_is(q, "colour LIKE 'green!_%' ESCAPE '!'", "m5");
	browse_is(q, "colour NOT LIKE '%e%'", "");
	browse_is(q, "shape = 'it''s'", "m2");
	browse_is(q, "Root.MQMD.Priority >= 3", "m2,m3");
	browse_is(q, "Root.MQMD.Persistence = 1", "m3");
	browse_is(q, "Root.MQMD.Format = 'MQSTR'", "m1,m2,m3,m4,m5");
	browse_is(q, "colour = 'purple'", "");
	browse_is(q, "size = 'red'", "");   /* a number against a string: FALSE */
	browse_is(q, "TRUE", "m1,m2,m3,m4,m5");
	browse_is(q, "TRUE <> FALSE", "m1,m2,m3,m4,m5");
	browse_is(alias, "colour = 'red' AND size > 10", "m3");

	/* no selection: a null or empty MQCHARV, or an MQOD version 3 */
	{
		MQHOBJ h;
		MQOD od = { MQOD_DEFAULT };
		MQLONG cc;
		od.Version = MQOD_VERSION_3;
		mqt_name(od.ObjectName, sizeof od.ObjectName, q);
		od.SelectionString.VSPtr = (MQPTR) "colour = 'red'";
		od.SelectionString.VSLength = 14;
		MQOPEN(hc, &od, MQOO_BROWSE, &h, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQOD version 3: SelectionString not looked at");
		CHECK(!strcmp(seq(h, 1, NULL), "m1,m2,m3,m4,m5"), "MQOD version 3 browses everything");
		mqt_close(hc, &h);
	}
	browse_is(q, "", "m1,m2,m3,m4,m5");
	browse_is(q, "   ", "m1,m2,m3,m4,m5");

	/* the MQCHARV's forms: NUL-terminated, by VSOffset, with VSBufSize */
	{
		struct {
			MQOD od;
			char sel[32];
		} s;
		MQOD d = { MQOD_DEFAULT };
		MQLONG cc;
		MQHOBJ h;
		s.od = d;
		s.od.Version = MQOD_VERSION_4;
		mqt_name(s.od.ObjectName, sizeof s.od.ObjectName, q);
		strcpy(s.sel, "size = 20");
		s.od.SelectionString.VSOffset = (MQLONG)offsetof(__typeof__(s), sel);
		s.od.SelectionString.VSLength = 9;
		MQOPEN(hc, &s.od, MQOO_BROWSE, &h, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "SelectionString by VSOffset");
		CHECK(!strcmp(seq(h, 1, NULL), "m2"), "VSOffset's selector selects m2");
		mqt_close(hc, &h);
		s.od.SelectionString.VSOffset = 0;
		s.od.SelectionString.VSPtr = (MQPTR) "size = 30";
		s.od.SelectionString.VSLength = MQVS_NULL_TERMINATED;
		MQOPEN(hc, &s.od, MQOO_BROWSE, &h, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "SelectionString NUL-terminated");
		CHECK(!strcmp(seq(h, 1, NULL), "m3"), "the NUL-terminated selector selects m3");
		mqt_close(hc, &h);
		/* the length given, not the NUL: "size = 3" of "size = 30" */
		s.od.SelectionString.VSPtr = (MQPTR) "size = 30";
		s.od.SelectionString.VSLength = 8;
		MQOPEN(hc, &s.od, MQOO_BROWSE, &h, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "SelectionString of VSLength 8");
		CHECK(!strcmp(seq(h, 1, NULL), ""), "VSLength is what is read");
		mqt_close(hc, &h);
		/* 2519: both VSPtr and VSOffset, neither, a bad length, too long */
		s.od.SelectionString.VSOffset = (MQLONG)offsetof(__typeof__(s), sel);
		s.od.SelectionString.VSLength = 9;
		h = MQHO_UNUSABLE_HOBJ;
		MQOPEN(hc, &s.od, MQOO_BROWSE, &h, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTION_STRING_ERROR, "VSPtr and VSOffset both set: 2519");
		s.od.SelectionString.VSPtr = NULL;
		s.od.SelectionString.VSOffset = 0;
		MQOPEN(hc, &s.od, MQOO_BROWSE, &h, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTION_STRING_ERROR, "a length and no string: 2519");
		s.od.SelectionString.VSPtr = (MQPTR) "size = 30";
		s.od.SelectionString.VSLength = -7;
		MQOPEN(hc, &s.od, MQOO_BROWSE, &h, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTION_STRING_ERROR, "VSLength -7: 2519");
		char *big = malloc(MQ_SELECTOR_LENGTH + 2);
		memset(big, ' ', MQ_SELECTOR_LENGTH + 1);
		memcpy(big, "size = 30", 9);
		big[MQ_SELECTOR_LENGTH + 1] = 0;
		s.od.SelectionString.VSPtr = big;
		s.od.SelectionString.VSLength = MQ_SELECTOR_LENGTH + 1;
		MQOPEN(hc, &s.od, MQOO_BROWSE, &h, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTION_STRING_ERROR, "VSLength 10241: 2519");
		s.od.SelectionString.VSLength = MQVS_NULL_TERMINATED;
		MQOPEN(hc, &s.od, MQOO_BROWSE, &h, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTION_STRING_ERROR, "NUL-terminated, 10241 long: 2519");
		s.od.SelectionString.VSLength = MQ_SELECTOR_LENGTH;
		MQOPEN(hc, &s.od, MQOO_BROWSE, &h, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "VSLength 10240 (MQ_SELECTOR_LENGTH) is allowed");
		CHECK(!strcmp(seq(h, 1, NULL), "m3"), "the 10240-byte selector selects m3");
		mqt_close(hc, &h);
		free(big);
		s.od.SelectionString.VSPtr = (MQPTR) "size = 30";
		s.od.SelectionString.VSLength = 9;
		s.od.SelectionString.VSCCSID = 500;
		h = MQHO_UNUSABLE_HOBJ;
		MQOPEN(hc, &s.od, MQOO_BROWSE, &h, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_SOURCE_CCSID_ERROR, "VSCCSID 500 (EBCDIC): 2111");
		s.od.SelectionString.VSCCSID = 1208;
		MQOPEN(hc, &s.od, MQOO_BROWSE, &h, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "VSCCSID 1208");
		mqt_close(hc, &h);
	}

	/* reasons: syntax, and where a selector cannot be */
	open_fails(q, MQOO_BROWSE, "colour == 'red'", MQRC_SELECTOR_SYNTAX_ERROR, "== : 2459");
	open_fails(q, MQOO_INPUT_SHARED, "colour = 'red' &&", MQRC_SELECTOR_SYNTAX_ERROR, "&& : 2459");
	open_fails(q, MQOO_INPUT_SHARED, "size > 1 <", MQRC_SELECTOR_SYNTAX_ERROR, "a comparison cut off: 2459");
	open_fails(q, MQOO_INPUT_SHARED, "(size > 1", MQRC_SELECTOR_SYNTAX_ERROR, "an open parenthesis: 2459");
	open_fails(q, MQOO_BROWSE, "20 < size < 30", MQRC_SELECTOR_SYNTAX_ERROR, "20 < size < 30: 2459");
	open_fails(q, MQOO_BROWSE, "1 = 2", MQRC_SELECTOR_ALWAYS_FALSE, "1 = 2, FALSE whatever the message: 2504");
	open_fails(q, MQOO_INPUT_SHARED, "FALSE OR 'a' = 'b'", MQRC_SELECTOR_ALWAYS_FALSE, "FALSE OR 'a' = 'b': 2504");
	open_fails(q, MQOO_BROWSE, "Root.MQMD.Colour = 'red'", MQRC_SELECTOR_SYNTAX_ERROR,
		   "Root.MQMD.Colour, no field of the MQMD: 2459");
	open_fails(q, MQOO_OUTPUT, "size = 1", MQRC_SELECTOR_INVALID_FOR_TYPE, "output only: 2516");
	open_fails(q, MQOO_INQUIRE, "size = 1", MQRC_SELECTOR_INVALID_FOR_TYPE, "inquire only: 2516");
	open_fails(q, MQOO_OUTPUT, "size ==", MQRC_SELECTOR_SYNTAX_ERROR, "a bad selector, output only: 2459 first");
	{
		MQHOBJ h = MQHO_UNUSABLE_HOBJ;
		rc = open_sel(q, MQOO_OUTPUT, "   ", &h);
		CHECK(rc == MQRC_NONE, "output only with a blank SelectionString: no selection, opened (%d)", (int)rc);
		mqt_close(hc, &h);
	}
	open_fails("NO.SUCH.QUEUE", MQOO_BROWSE, "colour == 'red'", MQRC_SELECTOR_SYNTAX_ERROR,
		   "a bad selector on a queue that does not exist: 2459 first");
	open_fails("NO.SUCH.QUEUE", MQOO_BROWSE, "size = 1", MQRC_UNKNOWN_OBJECT_NAME, "a queue that does not exist: 2085");
	{
		MQOD od = { MQOD_DEFAULT };
		MQLONG cc;
		MQHOBJ h = MQHO_UNUSABLE_HOBJ;
		od.Version = MQOD_VERSION_4;
		od.ObjectType = MQOT_Q_MGR;
		od.SelectionString.VSPtr = (MQPTR) "size = 1";
		od.SelectionString.VSLength = 8;
		MQOPEN(hc, &od, MQOO_INQUIRE, &h, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_INVALID_FOR_TYPE, "the queue manager object: 2516");
		MQMD md = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		od.ObjectType = MQOT_Q;
		mqt_name(od.ObjectName, sizeof od.ObjectName, q);
		MQPUT1(hc, &od, &md, &pmo, 1, "x", &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_INVALID_FOR_TYPE, "MQPUT1 with a selection: 2516");
		CHECK(mqt_depth(hc, q) == 5, "nothing was put");
	}

	/* MsgId matching and the selector: both must hold */
	{
		MQHOBJ h;
		char buf[64];
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		MQLONG cc, len;
		open_sel(q, MQOO_BROWSE, "colour = 'red'", &h);
		memcpy(md.MsgId, id2, sizeof md.MsgId);
		gmo.Options = MQGMO_BROWSE_FIRST | MQGMO_NO_PROPERTIES;
		MQGET(hc, h, &md, &gmo, sizeof buf, buf, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "m2's MsgId with colour = 'red': 2033");
		mqt_close(hc, &h);
		open_sel(q, MQOO_BROWSE, "colour = 'blue'", &h);
		memcpy(md.MsgId, id2, sizeof md.MsgId);
		MQGET(hc, h, &md, &gmo, sizeof buf, buf, &len, &cc, &rc);
		CHECK(rc == 0 && len == 2 && !memcmp(buf, "m2", 2), "m2's MsgId with colour = 'blue': m2 (%d)", (int)rc);
		mqt_close(hc, &h);
	}

	/* MQGMO_LOCK under a selector: the locked message is hidden from another handle */
	{
		MQHOBJ h, other;
		char buf[64];
		open_sel(q, MQOO_BROWSE, "size > 25", &h);
		open_sel(q, MQOO_BROWSE, "colour = 'red'", &other);
		rc = mqt_get(hc, h, MQGMO_BROWSE_FIRST | MQGMO_LOCK | MQGMO_NO_PROPERTIES, 0, buf, sizeof buf, NULL);
		CHECK(rc == 0 && !strcmp(buf, "m3"), "browse with lock under size > 25: m3 (%d %s)", (int)rc, buf);
		CHECK(!strcmp(seq(other, 1, NULL), "m1"), "another handle's colour = 'red' sees m1 only while m3 is locked");
		rc = mqt_get(hc, h, MQGMO_UNLOCK, 0, buf, sizeof buf, NULL);
		CHECK(rc == 0, "unlock (%d)", (int)rc);
		CHECK(!strcmp(seq(other, 1, NULL), "m1,m3"), "m3 seen again once unlocked");
		mqt_close(hc, &h);
		mqt_close(hc, &other);
	}

	/* destructive gets take only what is selected, in queue order */
	{
		MQHOBJ h;
		MQLONG last;
		open_sel(alias, MQOO_INPUT_SHARED, "colour = 'red'", &h);
		CHECK(!strcmp(seq(h, 0, &last), "m1,m3") && last == MQRC_NO_MSG_AVAILABLE, "got m1 and m3 through the alias");
		mqt_close(hc, &h);
		CHECK(mqt_depth(hc, q) == 3, "three left");
		browse_is(q, NULL, "m2,m4,m5");
	}

	/* a wait is satisfied only by a matching message: a child puts a
	 * non-matching one at 300 ms and a matching one at 900 ms */
	{
		MQHOBJ h;
		char buf[64];
		open_sel(q, MQOO_INPUT_SHARED, "colour = 'wanted'", &h);
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			execl("/proc/self/exe", "mqi_select", qm, "waitput", q, (char *)NULL);
			_exit(127);
		}
		int64_t t0 = now_ms();
		rc = mqt_get(hc, h, MQGMO_WAIT | MQGMO_NO_PROPERTIES, 10000, buf, sizeof buf, NULL);
		int64_t took = now_ms() - t0;
		CHECK(rc == 0 && !strcmp(buf, "w-yes") && took >= 800,
		      "the waiting get took the matching message only (%d %s after %lld ms)", (int)rc, buf, (long long)took);
		int st;
		waitpid(pid, &st, 0);
		rc = mqt_get(hc, h, MQGMO_WAIT | MQGMO_NO_PROPERTIES, 200, buf, sizeof buf, NULL);
		EXPECT(0, rc, 0, MQRC_NO_MSG_AVAILABLE, "then nothing more matches within 200 ms: 2033");
		mqt_close(hc, &h);
		browse_is(q, NULL, "m2,m4,m5,w-no");
	}

	/* a message whose usr folder is not well-formed XML: selected by no
	 * selector that names a property, got without one */
	{
		static const char folder[] = "<usr><colour>red</colour><size dt=\"i4\">x</size></usr>";
		MQBYTE data[256];
		MQLONG fl = (MQLONG)((sizeof folder - 1 + 3) / 4 * 4), sl = 36 + 4 + fl, v;
		memset(data, ' ', sizeof data);
		memcpy(data, "RFH ", 4);
		v = 2; memcpy(data + 4, &v, 4);
		memcpy(data + 8, &sl, 4);
		v = MQENC_NATIVE; memcpy(data + 12, &v, 4);
		v = 1208; memcpy(data + 16, &v, 4);
		memcpy(data + 20, MQFMT_STRING, 8);
		v = 0; memcpy(data + 28, &v, 4);
		v = 1208; memcpy(data + 32, &v, 4);
		memcpy(data + 36, &fl, 4);
		memcpy(data + 40, folder, sizeof folder - 1);
		memcpy(data + sl, "bad", 3);
		MQMD md = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		MQLONG cc;
		memcpy(md.Format, MQFMT_RF_HEADER_2, 8);
		pmo.Options = MQPMO_NO_SYNCPOINT;
		MQPUT(hc, out, &md, &pmo, sl + 3, data, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "put a message whose properties cannot be read");
		browse_is(q, "colour = 'red'", "");
		browse_is(q, "colour IS NULL", "m4");
		browse_is(q, "Root.MQMD.Priority = 0", "m4,w-no");
		browse_is(q, "TRUE", "m2,m4,m5,w-no,bad");
		browse_is(q, NULL, "m2,m4,m5,w-no,bad");
	}

	/* MQCB: a consumer on a handle with a selector is given only what it selects */
	{
		static const char *const px[] = { "colour=s:cbx", NULL };
		static const char *const py[] = { "colour=s:cby", NULL };
		MQHOBJ h;
		MQLONG cc;
		EXPECT(0, put_props(out, hc, "cb1", 0, MQPER_NOT_PERSISTENT, px, NULL), 0, 0, "put cb1");
		EXPECT(0, put_props(out, hc, "cb2", 0, MQPER_NOT_PERSISTENT, py, NULL), 0, 0, "put cb2");
		open_sel(q, MQOO_INPUT_SHARED, "colour = 'cby'", &h);
		MQCBD cbd = { MQCBD_DEFAULT };
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		cbd.CallbackFunction = (MQPTR)consumer;
		gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_NO_PROPERTIES;
		MQCB(hc, MQOP_REGISTER, &cbd, h, &md, &gmo, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCB on a handle with a selector");
		MQCTLO ctlo = { MQCTLO_DEFAULT };
		MQCTL(hc, MQOP_START_WAIT, &ctlo, &cc, &rc);
		CHECK(!strcmp(cb_got, "cb2"), "the consumer was given cb2 only ([%s], MQCTL %d)", cb_got, (int)rc);
		MQCB(hc, MQOP_DEREGISTER, NULL, h, NULL, NULL, &cc, &rc);
		mqt_close(hc, &h);
		browse_is(q, NULL, "m2,m4,m5,w-no,bad,cb1");
	}
	mqt_close(hc, &out);
	return mqt_done();
}

/* the other side of the wait: a non-matching message at 300 ms, a matching one at 900 ms */
static int waitput(const char *q)
{
	MQHOBJ o2;
	static const char *const pn[] = { "colour=s:unwanted", NULL };
	static const char *const pw[] = { "colour=s:wanted", NULL };
	if (open_sel(q, MQOO_OUTPUT, NULL, &o2))
		return 1;
	usleep(300000);
	MQLONG r1 = put_props(o2, hc, "w-no", 0, MQPER_NOT_PERSISTENT, pn, NULL);
	usleep(600000);
	MQLONG r2 = put_props(o2, hc, "w-yes", 0, MQPER_NOT_PERSISTENT, pw, NULL);
	return r1 || r2;
}

/* put / check across a restart: persistent messages, selected after it */
static int pers(const char *what, const char *q)
{
	if (!strcmp(what, "put")) {
		MQHOBJ out;
		static const char *const pa[] = { "kind=s:a", "n=i:1", NULL };
		static const char *const pb[] = { "kind=s:b", "n=i:2", NULL };
		static const char *const pc[] = { "kind=s:a", "n=i:3", NULL };
		open_sel(q, MQOO_OUTPUT, NULL, &out);
		EXPECT(0, put_props(out, hc, "p1", 0, MQPER_PERSISTENT, pa, NULL), 0, 0, "put p1");
		EXPECT(0, put_props(out, hc, "p2", 0, MQPER_PERSISTENT, pb, NULL), 0, 0, "put p2");
		EXPECT(0, put_props(out, hc, "p3", 0, MQPER_PERSISTENT, pc, NULL), 0, 0, "put p3");
		mqt_close(hc, &out);
		return mqt_done();
	}
	browse_is(q, "kind = 'a'", "p1,p3");
	browse_is(q, "n >= 2", "p2,p3");
	MQHOBJ h;
	MQLONG last;
	open_sel(q, MQOO_INPUT_SHARED, "kind = 'b' OR n = 3", &h);
	CHECK(!strcmp(seq(h, 0, &last), "p2,p3"), "got p2 and p3 after the restart");
	mqt_close(hc, &h);
	browse_is(q, NULL, "p1");
	return mqt_done();
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: mqi_select QMGR QUEUE ALIAS | QMGR put|check QUEUE\n");
		return 2;
	}
	qm = argv[1];
	hc = mqt_conn(qm, 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	if (!strcmp(argv[2], "waitput"))
		return waitput(argv[3]);
	if (!strcmp(argv[2], "put") || !strcmp(argv[2], "check"))
		return pers(argv[2], argv[3]);
	return checks(argv[2], argv[3]);
}
