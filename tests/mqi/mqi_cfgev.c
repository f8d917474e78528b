/*
 * mqi_cfgev.c: configuration events (CONFIGEV, qm/server/cfgev.c) as an
 * event monitor sees them on SYSTEM.ADMIN.CONFIG.EVENT (t6176).  Each change
 * is made by runmqsc (direct: MQEVO_CONSOLE; with -w, through the command
 * server: MQEVO_MSG) or by MQSET (MQEVO_MQSET), then every event message it
 * made is got and checked field by field: the MQMD, the MQCFH, the PCF
 * structure (every length, the exact parameter count, nothing left over),
 * the origin (EventUserId, EventOrigin, EventQMgr), the object's identity and
 * the attributes changed, before and after.
 *
 * usage: mqi_cfgev QMGR      (runmqsc on PATH; CONFIGEV DISABLED at the start)
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

/* ---- one event message, parsed ---- */
struct prm {
	MQLONG type, id, ival;
	const char *s;
	MQLONG slen;
};
struct ev {
	MQMD md;
	MQCFH h;
	struct prm p[512];
	int np;
	int ok;                /* every structure well formed and counted exactly */
	int nbs;               /* MQCFBS EventAccountingToken seen */
	unsigned char b[65536];
};

static int get_event(struct ev *e, MQLONG wait)
{
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG cc, rc, len = 0;
	gmo.Options = MQGMO_NO_SYNCPOINT | (wait ? MQGMO_WAIT : 0);
	gmo.WaitInterval = wait;
	MQGET(hc, hev, &md, &gmo, sizeof e->b, e->b, &len, &cc, &rc);
	if (cc == MQCC_FAILED)
		return 0;
	e->md = md;
	e->np = 0;
	e->nbs = 0;
	e->ok = len >= MQCFH_STRUC_LENGTH;
	if (!e->ok)
		return 1;
	memcpy(&e->h, e->b, sizeof e->h);
	size_t off = (size_t)e->h.StrucLength;
	for (MQLONG i = 0; i < e->h.ParameterCount && e->ok; i++) {
		MQLONG t, sl;
		if (off + 16 > (size_t)len) {
			e->ok = 0;
			break;
		}
		memcpy(&t, e->b + off, 4);
		memcpy(&sl, e->b + off + 4, 4);
		if (sl < 16 || sl % 4 || off + (size_t)sl > (size_t)len || e->np >= 512) {
			e->ok = 0;
			break;
		}
		struct prm *p = &e->p[e->np++];
		p->type = t;
		memcpy(&p->id, e->b + off + 8, 4);
		if (t == MQCFT_INTEGER) {
			if (sl != MQCFIN_STRUC_LENGTH)
				e->ok = 0;
			memcpy(&p->ival, e->b + off + 12, 4);
		} else if (t == MQCFT_STRING) {
			MQLONG ccsid;
			memcpy(&ccsid, e->b + off + 12, 4);
			memcpy(&p->slen, e->b + off + 16, 4);
			if (p->slen < 0 || MQCFST_STRUC_LENGTH_FIXED + (size_t)p->slen > (size_t)sl ||
			    (size_t)sl != ((MQCFST_STRUC_LENGTH_FIXED + (size_t)p->slen + 3) & ~(size_t)3) ||
			    ccsid != md.CodedCharSetId)
				e->ok = 0;
			p->s = (const char *)e->b + off + MQCFST_STRUC_LENGTH_FIXED;
		} else if (t == MQCFT_BYTE_STRING && p->id == MQBACF_EVENT_ACCOUNTING_TOKEN) {
			MQLONG bl;
			memcpy(&bl, e->b + off + 12, 4);
			if (bl != MQ_ACCOUNTING_TOKEN_LENGTH || (size_t)sl != MQCFBS_STRUC_LENGTH_FIXED + 32)
				e->ok = 0;
			e->np--;   /* kept apart: counted, checked, not a string or integer */
			e->nbs++;
		} else {
			e->ok = 0;
		}
		off += (size_t)sl;
	}
	if (off != (size_t)len)
		e->ok = 0;
	return 1;
}

static const struct prm *fp(const struct ev *e, MQLONG type, MQLONG id)
{
	for (int i = 0; i < e->np; i++)
		if (e->p[i].type == type && e->p[i].id == id)
			return &e->p[i];
	return NULL;
}

static int ival(const struct ev *e, MQLONG id, MQLONG *v)
{
	const struct prm *p = fp(e, MQCFT_INTEGER, id);
	if (p)
		*v = p->ival;
	return p != NULL;
}

/* the string parameter id is s blank-padded to exactly len */
static int sis(const struct ev *e, MQLONG id, const char *s, MQLONG len)
{
	const struct prm *p = fp(e, MQCFT_STRING, id);
	if (!p || p->slen != len)
		return 0;
	size_t l = strlen(s);
	if ((MQLONG)l > len || memcmp(p->s, s, l))
		return 0;
	for (MQLONG i = (MQLONG)l; i < len; i++)
		if (p->s[i] != ' ')
			return 0;
	return 1;
}

/* how many times id is there (each parameter once) */
static int times(const struct ev *e, MQLONG id)
{
	int n = 0;
	for (int i = 0; i < e->np; i++)
		n += e->p[i].id == id;
	return n;
}

/* The checks every configuration event passes. */
static void common(const struct ev *e, MQLONG reason, MQLONG origin, const char *user, MQLONG mqot,
		   MQLONG name_id, const char *name, MQLONG seq, MQLONG ctl, const char *what)
{
	CHECK(e->ok, "%s: PCF well formed, every length right, exactly ParameterCount (%d) parameters", what,
	      (int)e->h.ParameterCount);
	CHECK(!memcmp(e->md.Format, MQFMT_EVENT, 8) && e->md.MsgType == MQMT_DATAGRAM && e->md.PutApplType == MQAT_QMGR,
	      "%s: MQMD Format MQEVENT, MQMT_DATAGRAM, PutApplType MQAT_QMGR", what);
	CHECK(e->h.Type == MQCFT_EVENT && e->h.StrucLength == MQCFH_STRUC_LENGTH && e->h.Version == MQCFH_VERSION_1 &&
	      e->h.Command == MQCMD_CONFIG_EVENT, "%s: MQCFH Type MQCFT_EVENT, Version 1, Command MQCMD_CONFIG_EVENT (%d)",
	      what, (int)e->h.Command);
	CHECK(e->h.CompCode == MQCC_WARNING && e->h.Reason == reason, "%s: CompCode MQCC_WARNING, Reason %d (want %d)",
	      what, (int)e->h.Reason, (int)reason);
	CHECK(e->h.MsgSeqNumber == seq && e->h.Control == ctl, "%s: MsgSeqNumber %d Control %d", what,
	      (int)e->h.MsgSeqNumber, (int)e->h.Control);
	MQLONG v = -1;
	CHECK(sis(e, MQCACF_EVENT_USER_ID, user, MQ_USER_ID_LENGTH), "%s: EventUserId %s", what, user);
	CHECK(ival(e, MQIACF_EVENT_ORIGIN, &v) && v == origin, "%s: EventOrigin %d (want %d)", what, (int)v, (int)origin);
	CHECK(sis(e, MQCACF_EVENT_Q_MGR, qm, MQ_Q_MGR_NAME_LENGTH), "%s: EventQMgr", what);
	CHECK(ival(e, MQIACF_OBJECT_TYPE, &v) && v == mqot, "%s: ObjectType %d (want %d)", what, (int)v, (int)mqot);
	CHECK(sis(e, name_id, name, MQ_OBJECT_NAME_LENGTH), "%s: the object's name %s", what, name);
	CHECK(e->np >= 2 && e->p[0].id == MQCACF_EVENT_USER_ID && e->p[1].id == MQIACF_EVENT_ORIGIN,
	      "%s: the origin first", what);
	int once = 1;
	for (int i = 0; i < e->np; i++)
		if (times(e, e->p[i].id) != 1)
			once = 0;
	CHECK(once, "%s: every parameter once", what);
	CHECK(fp(e, MQCFT_STRING, MQCA_ALTERATION_DATE) && fp(e, MQCFT_STRING, MQCA_ALTERATION_TIME),
	      "%s: AlterationDate and AlterationTime among the attributes", what);
}

static void mqsc(const char *opts, const char *cmd)
{
	char line[1024];
	snprintf(line, sizeof line, "echo \"%s\" | runmqsc %s %s >/dev/null 2>&1", cmd, opts, qm);
	if (system(line) == -1)
		printf("# cannot run runmqsc\n");
}

static void none(const char *what)
{
	struct ev *e = malloc(sizeof *e);
	CHECK(e && !get_event(e, 500), "%s: no event", what);
	free(e);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mqi_cfgev QMGR\n");
		return 2;
	}
	qm = argv[1];
	struct passwd *pw = getpwuid(getuid());
	snprintf(me, sizeof me, "%s", pw ? pw->pw_name : "");
	hc = mqt_conn(qm, 0);
	if (hc == MQHC_UNUSABLE_HCONN || mqt_open(hc, "SYSTEM.ADMIN.CONFIG.EVENT", MQOO_INPUT_EXCLUSIVE, &hev)) {
		printf("# cannot open SYSTEM.ADMIN.CONFIG.EVENT\n");
		return 1;
	}
	struct ev *e = malloc(sizeof *e), *f = malloc(sizeof *f);
	if (!e || !f)
		return 1;
	MQLONG v, w;

	mqsc("", "DEFINE QLOCAL(CE.X)");
	none("CONFIGEV(DISABLED): DEFINE");

	/* the switch itself: a change of the queue manager */
	mqsc("", "ALTER QMGR CONFIGEV(ENABLED)");
	CHECK(get_event(e, 5000) && get_event(f, 5000), "ALTER QMGR CONFIGEV(ENABLED): two messages");
	common(e, MQRC_CONFIG_CHANGE_OBJECT, MQEVO_CONSOLE, me, MQOT_Q_MGR, MQCA_Q_MGR_NAME, qm, 1, MQCFC_NOT_LAST,
	       "qmgr before");
	common(f, MQRC_CONFIG_CHANGE_OBJECT, MQEVO_CONSOLE, me, MQOT_Q_MGR, MQCA_Q_MGR_NAME, qm, 2, MQCFC_LAST,
	       "qmgr after");
	CHECK(ival(e, MQIA_CONFIGURATION_EVENT, &v) && v == MQEVR_DISABLED && ival(f, MQIA_CONFIGURATION_EVENT, &w) &&
	      w == MQEVR_ENABLED, "qmgr: CONFIGEV before DISABLED, after ENABLED");
	CHECK(!memcmp(e->md.CorrelId, f->md.CorrelId, MQ_CORREL_ID_LENGTH) &&
	      memcmp(e->md.CorrelId, MQCI_NONE, MQ_CORREL_ID_LENGTH), "qmgr: the pair shares a CorrelId (not none)");
	CHECK(fp(f, MQCFT_STRING, MQCA_Q_MGR_DESC) && fp(f, MQCFT_INTEGER, MQIA_MAX_HANDLES) &&
	      fp(f, MQCFT_STRING, MQCA_DEAD_LETTER_Q_NAME), "qmgr: its attributes (DESCR, MAXHANDS, DEADQ)");
	/* then, as MQ's automatic Refresh Queue Manager: every object */
	{
		int n = 0, seen_qm = 0, seen_x = 0, seen_sys = 0, all_ok = 1;
		while (get_event(e, 1000)) {
			n++;
			MQLONG t = -1;
			ival(e, MQIACF_OBJECT_TYPE, &t);
			if (!e->ok || e->h.Reason != MQRC_CONFIG_REFRESH_OBJECT || e->h.Control != MQCFC_LAST ||
			    e->h.MsgSeqNumber != 1)
				all_ok = 0;
			if (t == MQOT_Q_MGR && sis(e, MQCA_Q_MGR_NAME, qm, 48))
				seen_qm = 1;
			if (t == MQOT_Q && sis(e, MQCA_Q_NAME, "CE.X", 48)) {
				seen_x = 1;
				common(e, MQRC_CONFIG_REFRESH_OBJECT, MQEVO_CONSOLE, me, MQOT_Q, MQCA_Q_NAME, "CE.X", 1,
				       MQCFC_LAST, "refresh on enabling: CE.X");
			}
			if (t == MQOT_Q && sis(e, MQCA_Q_NAME, "SYSTEM.DEFAULT.LOCAL.QUEUE", 48))
				seen_sys = 1;
		}
		CHECK(all_ok && n >= 20 && seen_qm && seen_x && seen_sys,
		      "enabling: a Refresh object event (2370) for every object (%d: the queue manager, CE.X, "
		      "SYSTEM.DEFAULT.LOCAL.QUEUE among them)", n);
	}

	/* create */
	mqsc("", "DEFINE QLOCAL(CE.Q1) MAXDEPTH(123) DESCR('cfg one')");
	CHECK(get_event(e, 5000), "DEFINE QLOCAL: an event");
	common(e, MQRC_CONFIG_CREATE_OBJECT, MQEVO_CONSOLE, me, MQOT_Q, MQCA_Q_NAME, "CE.Q1", 1, MQCFC_LAST, "create");
	CHECK(ival(e, MQIA_Q_TYPE, &v) && v == MQQT_LOCAL, "create: QType MQQT_LOCAL");
	CHECK(ival(e, MQIA_MAX_Q_DEPTH, &v) && v == 123, "create: MaxQDepth 123");
	CHECK(sis(e, MQCA_Q_DESC, "cfg one", MQ_Q_DESC_LENGTH), "create: QDesc 'cfg one', 64 characters");
	CHECK(ival(e, MQIA_DEF_PERSISTENCE, &v) && ival(e, MQIA_INHIBIT_GET, &v) && ival(e, MQIA_MAX_MSG_LENGTH, &v) &&
	      fp(e, MQCFT_STRING, MQCA_INITIATION_Q_NAME), "create: the other attributes (DEFPSIST, GET, MAXMSGL, INITQ)");
	CHECK(!fp(e, MQCFT_STRING, MQCA_BASE_OBJECT_NAME) && !fp(e, MQCFT_STRING, MQCA_APPL_ID),
	      "create: no attribute of another type");
	CHECK(!memcmp(e->md.CorrelId, MQCI_NONE, MQ_CORREL_ID_LENGTH), "create: CorrelId none");
	CHECK(!fp(e, MQCFT_INTEGER, MQIACF_EVENT_APPL_TYPE) && !fp(e, MQCFT_STRING, MQCACF_EVENT_APPL_NAME),
	      "create: no message context for a console command");
	none("after the create");

	/* change by ALTER, by DEFINE REPLACE, by MQSET */
	mqsc("", "ALTER QLOCAL(CE.Q1) MAXDEPTH(456)");
	CHECK(get_event(e, 5000) && get_event(f, 5000), "ALTER QLOCAL: two messages");
	common(e, MQRC_CONFIG_CHANGE_OBJECT, MQEVO_CONSOLE, me, MQOT_Q, MQCA_Q_NAME, "CE.Q1", 1, MQCFC_NOT_LAST,
	       "alter before");
	common(f, MQRC_CONFIG_CHANGE_OBJECT, MQEVO_CONSOLE, me, MQOT_Q, MQCA_Q_NAME, "CE.Q1", 2, MQCFC_LAST,
	       "alter after");
	CHECK(ival(e, MQIA_MAX_Q_DEPTH, &v) && v == 123 && ival(f, MQIA_MAX_Q_DEPTH, &w) && w == 456,
	      "alter: MaxQDepth 123 before, 456 after (%d, %d)", (int)v, (int)w);
	CHECK(sis(f, MQCA_Q_DESC, "cfg one", MQ_Q_DESC_LENGTH), "alter: QDesc kept");
	CHECK(!memcmp(e->md.CorrelId, f->md.CorrelId, MQ_CORREL_ID_LENGTH), "alter: the pair shares a CorrelId");
	MQBYTE24 first;
	memcpy(first, e->md.CorrelId, sizeof first);

	mqsc("", "DEFINE QLOCAL(CE.Q1) REPLACE MAXDEPTH(789)");
	CHECK(get_event(e, 5000) && get_event(f, 5000), "DEFINE REPLACE of an existing queue: two messages");
	common(e, MQRC_CONFIG_CHANGE_OBJECT, MQEVO_CONSOLE, me, MQOT_Q, MQCA_Q_NAME, "CE.Q1", 1, MQCFC_NOT_LAST,
	       "replace before");
	common(f, MQRC_CONFIG_CHANGE_OBJECT, MQEVO_CONSOLE, me, MQOT_Q, MQCA_Q_NAME, "CE.Q1", 2, MQCFC_LAST,
	       "replace after");
	CHECK(ival(e, MQIA_MAX_Q_DEPTH, &v) && v == 456 && ival(f, MQIA_MAX_Q_DEPTH, &w) && w == 789,
	      "replace: MaxQDepth 456 before, 789 after");
	CHECK(memcmp(first, e->md.CorrelId, sizeof first), "replace: another pair, another CorrelId");

	MQHOBJ hq;
	MQLONG cc, rc, sel = MQIA_INHIBIT_PUT, val = MQQA_PUT_INHIBITED;
	CHECK(mqt_open(hc, "CE.Q1", MQOO_SET, &hq) == MQRC_NONE, "MQOPEN CE.Q1 for set");
	MQSET(hc, hq, 1, &sel, 1, &val, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQSET InhibitPut");
	mqt_close(hc, &hq);
	CHECK(get_event(e, 5000) && get_event(f, 5000), "MQSET: two messages");
	common(e, MQRC_CONFIG_CHANGE_OBJECT, MQEVO_MQSET, me, MQOT_Q, MQCA_Q_NAME, "CE.Q1", 1, MQCFC_NOT_LAST,
	       "mqset before");
	common(f, MQRC_CONFIG_CHANGE_OBJECT, MQEVO_MQSET, me, MQOT_Q, MQCA_Q_NAME, "CE.Q1", 2, MQCFC_LAST,
	       "mqset after");
	CHECK(ival(e, MQIA_INHIBIT_PUT, &v) && v == MQQA_PUT_ALLOWED && ival(f, MQIA_INHIBIT_PUT, &w) &&
	      w == MQQA_PUT_INHIBITED, "mqset: InhibitPut allowed before, inhibited after");

	/* a process, a topic (its string at MQ's 10,240), an alias */
	mqsc("", "DEFINE PROCESS(CE.P1) APPLICID('/bin/true')");
	CHECK(get_event(e, 5000), "DEFINE PROCESS: an event");
	common(e, MQRC_CONFIG_CREATE_OBJECT, MQEVO_CONSOLE, me, MQOT_PROCESS, MQCA_PROCESS_NAME, "CE.P1", 1, MQCFC_LAST,
	       "process");
	CHECK(sis(e, MQCA_APPL_ID, "/bin/true", MQ_PROCESS_APPL_ID_LENGTH), "process: ApplId, 256 characters");
	CHECK(!fp(e, MQCFT_INTEGER, MQIA_Q_TYPE), "process: no QType");
	mqsc("", "DEFINE TOPIC(CE.T1) TOPICSTR('ce/t1')");
	CHECK(get_event(e, 5000), "DEFINE TOPIC: an event");
	common(e, MQRC_CONFIG_CREATE_OBJECT, MQEVO_CONSOLE, me, MQOT_TOPIC, MQCA_TOPIC_NAME, "CE.T1", 1, MQCFC_LAST,
	       "topic");
	CHECK(sis(e, MQCA_TOPIC_STRING, "ce/t1", MQ_TOPIC_STR_LENGTH), "topic: TopicString 'ce/t1', 10,240 characters");
	mqsc("", "DEFINE QALIAS(CE.A1) TARGET(CE.X)");
	CHECK(get_event(e, 5000), "DEFINE QALIAS: an event");
	common(e, MQRC_CONFIG_CREATE_OBJECT, MQEVO_CONSOLE, me, MQOT_Q, MQCA_Q_NAME, "CE.A1", 1, MQCFC_LAST, "alias");
	CHECK(ival(e, MQIA_Q_TYPE, &v) && v == MQQT_ALIAS && sis(e, MQCA_BASE_OBJECT_NAME, "CE.X", MQ_Q_NAME_LENGTH),
	      "alias: QType MQQT_ALIAS, BaseObjectName CE.X");
	CHECK(!fp(e, MQCFT_INTEGER, MQIA_MAX_Q_DEPTH), "alias: no MaxQDepth");

	/* refused commands make none */
	mqsc("", "DEFINE QLOCAL(CE.X)");
	mqsc("", "ALTER QLOCAL(CE.NONE) MAXDEPTH(1)");
	mqsc("", "DELETE QLOCAL(CE.NONE)");
	none("refused DEFINE, ALTER, DELETE");

	/* delete: the attributes as they were (MQSET's change included) */
	mqsc("", "DELETE QLOCAL(CE.Q1)");
	CHECK(get_event(e, 5000), "DELETE QLOCAL: an event");
	common(e, MQRC_CONFIG_DELETE_OBJECT, MQEVO_CONSOLE, me, MQOT_Q, MQCA_Q_NAME, "CE.Q1", 1, MQCFC_LAST, "delete");
	CHECK(ival(e, MQIA_MAX_Q_DEPTH, &v) && v == 789 && ival(e, MQIA_INHIBIT_PUT, &w) && w == MQQA_PUT_INHIBITED,
	      "delete: MaxQDepth 789 and InhibitPut inhibited, as it was");
	mqsc("", "DELETE PROCESS(CE.P1)");
	CHECK(get_event(e, 5000), "DELETE PROCESS: an event");
	common(e, MQRC_CONFIG_DELETE_OBJECT, MQEVO_CONSOLE, me, MQOT_PROCESS, MQCA_PROCESS_NAME, "CE.P1", 1, MQCFC_LAST,
	       "delete process");
	mqsc("", "DELETE TOPIC(CE.T1)");
	CHECK(get_event(e, 5000), "DELETE TOPIC: an event");
	common(e, MQRC_CONFIG_DELETE_OBJECT, MQEVO_CONSOLE, me, MQOT_TOPIC, MQCA_TOPIC_NAME, "CE.T1", 1, MQCFC_LAST,
	       "delete topic");

	/* REFRESH QMGR TYPE(CONFIGEV): selected by OBJECT, NAME, INCLINT */
	mqsc("", "REFRESH QMGR TYPE(CONFIGEV) OBJECT(QLOCAL) NAME(CE.*)");
	CHECK(get_event(e, 5000), "REFRESH OBJECT(QLOCAL) NAME(CE.*): an event");
	common(e, MQRC_CONFIG_REFRESH_OBJECT, MQEVO_CONSOLE, me, MQOT_Q, MQCA_Q_NAME, "CE.X", 1, MQCFC_LAST,
	       "refresh CE.X");
	CHECK(ival(e, MQIA_Q_TYPE, &v) && v == MQQT_LOCAL, "refresh: QType MQQT_LOCAL");
	none("REFRESH OBJECT(QLOCAL) NAME(CE.*): only CE.X (the alias CE.A1 is not a local queue)");
	mqsc("", "REFRESH QMGR TYPE(CONFIGEV) OBJECT(QMGR)");
	CHECK(get_event(e, 5000), "REFRESH OBJECT(QMGR): an event");
	common(e, MQRC_CONFIG_REFRESH_OBJECT, MQEVO_CONSOLE, me, MQOT_Q_MGR, MQCA_Q_MGR_NAME, qm, 1, MQCFC_LAST,
	       "refresh qmgr");
	none("REFRESH OBJECT(QMGR): one");
	mqsc("", "REFRESH QMGR TYPE(CONFIGEV) NAME(CE.*) INCLINT(10)");
	int got = 0;
	while (get_event(e, 1000))
		got += e->h.Reason == MQRC_CONFIG_REFRESH_OBJECT;
	CHECK(got == 2, "REFRESH NAME(CE.*) INCLINT(10): CE.X and CE.A1, altered in the last 10 minutes (%d)", got);
	/* channels (issue 15): crtmqm's three server-connection channels, each
	 * with MQOT_CHANNEL and its 20-character MQCACH_CHANNEL_NAME */
	mqsc("", "REFRESH QMGR TYPE(CONFIGEV) OBJECT(CHANNEL) NAME(SYSTEM.*)");
	got = 0;
	int chl_ok = 1;
	while (get_event(e, 1000)) {
		got += e->h.Reason == MQRC_CONFIG_REFRESH_OBJECT;
		MQLONG ot = -1;
		chl_ok &= ival(e, MQIACF_OBJECT_TYPE, &ot) && ot == MQOT_CHANNEL &&
			  (sis(e, MQCACH_CHANNEL_NAME, "SYSTEM.DEF.SVRCONN", MQ_CHANNEL_NAME_LENGTH) ||
			   sis(e, MQCACH_CHANNEL_NAME, "SYSTEM.ADMIN.SVRCONN", MQ_CHANNEL_NAME_LENGTH) ||
			   sis(e, MQCACH_CHANNEL_NAME, "SYSTEM.AUTO.SVRCONN", MQ_CHANNEL_NAME_LENGTH));
	}
	CHECK(got == 3 && chl_ok, "REFRESH OBJECT(CHANNEL): SYSTEM.DEF/ADMIN/AUTO.SVRCONN, MQOT_CHANNEL (%d)", got);
	mqsc("", "REFRESH QMGR TYPE(CONFIGEV) OBJECT(NAMELIST)");
	mqsc("", "REFRESH QMGR TYPE(EXPIRY)");
	none("REFRESH OBJECT(NAMELIST) (Quire has none), REFRESH TYPE(EXPIRY) (refused)");

	/* through the command server: a command message */
	mqsc("-w 10", "DEFINE QLOCAL(CE.Q3)");
	CHECK(get_event(e, 5000), "DEFINE through the command server: an event");
	common(e, MQRC_CONFIG_CREATE_OBJECT, MQEVO_MSG, me, MQOT_Q, MQCA_Q_NAME, "CE.Q3", 1, MQCFC_LAST,
	       "command server");
	{
		const struct prm *acct = NULL;
		for (int i = 0; i < e->np; i++)
			if (e->p[i].id == MQBACF_EVENT_ACCOUNTING_TOKEN)
				acct = &e->p[i];
		CHECK(ival(e, MQIACF_EVENT_APPL_TYPE, &v) && v == MQAT_UNIX &&
		      sis(e, MQCACF_EVENT_APPL_NAME, "runmqsc", MQ_APPL_NAME_LENGTH) &&
		      fp(e, MQCFT_STRING, MQCACF_EVENT_APPL_IDENTITY) && fp(e, MQCFT_STRING, MQCACF_EVENT_APPL_ORIGIN),
		      "command server: the command message's context (EventApplType, EventApplName runmqsc, "
		      "EventApplIdentity, EventApplOrigin)");
		CHECK(acct == NULL && e->nbs == 1, "command server: EventAccountingToken, one MQCFBS of 32 bytes");
	}
	none("after the command server's");

	/* the switch off: none */
	mqsc("", "ALTER QMGR CONFIGEV(DISABLED)");
	mqsc("", "DEFINE QLOCAL(CE.Q2)");
	none("CONFIGEV(DISABLED) again: ALTER QMGR, DEFINE");
	free(e);
	free(f);
	return mqt_done();
}
