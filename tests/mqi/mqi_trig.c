/*
 * mqi_trig: process definitions through the MQI and trigger messages under
 * MQ's conditions, against a running queue manager with the objects of
 * tests/integration/t7100-trigger.sh:
 *   PROCESS(TP) APPLICID('/bin/true') ENVRDATA('&') USERDATA('ud') DESCR('trig test')
 *   QLOCAL(TI)                                     the initiation queue
 *   QLOCAL(TF) TRIGGER TRIGTYPE(FIRST) TRIGDATA('td') PROCESS(TP) INITQ(TI)
 *   QLOCAL(TE) TRIGGER TRIGTYPE(EVERY) PROCESS(TP) INITQ(TI)
 *   QLOCAL(TD) TRIGGER TRIGTYPE(DEPTH) TRIGDPTH(3) PROCESS(TP) INITQ(TI)
 *   QLOCAL(TM) TRIGGER TRIGTYPE(EVERY) TRIGMPRI(5) PROCESS(TP) INITQ(TI)
 *   QLOCAL(TN) NOTRIGGER TRIGTYPE(EVERY) PROCESS(TP) INITQ(TI)
 *   QLOCAL(TX) TRIGGER TRIGTYPE(EVERY) PROCESS(NO.SUCH.PROCESS) INITQ(TI)
 * each empty, and no trigger monitor running.  The program plays the
 * trigger monitor itself (an input handle on TI) and counts what arrives.
 *
 *   usage: mqi_trig QMGR
 */
#include "mqt.h"

static MQHCONN hc;

static MQLONG depth(const char *q)
{
	MQHOBJ h;
	MQLONG sel = MQIA_CURRENT_Q_DEPTH, v = -1, cc, rc;
	if (mqt_open(hc, q, MQOO_INQUIRE, &h) != MQRC_NONE)
		return -1;
	MQINQ(hc, h, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc);
	return cc == MQCC_OK ? v : -1;
}

static MQLONG put(const char *q, MQLONG prio, int sync)
{
	MQOD od = { MQOD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	mqt_name(od.ObjectName, sizeof od.ObjectName, q);
	md.Priority = prio;
	memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	pmo.Options = sync ? MQPMO_SYNCPOINT : MQPMO_NO_SYNCPOINT;
	MQPUT1(hc, &od, &md, &pmo, 4, "data", &cc, &rc);
	return rc;
}

/* Get everything from q (through h if given): how many. */
static int drain(const char *q, MQHOBJ h)
{
	MQHOBJ own = MQHO_UNUSABLE_HOBJ;
	char buf[2048];
	int n = 0;
	if (h == MQHO_UNUSABLE_HOBJ) {
		if (mqt_open(hc, q, MQOO_INPUT_SHARED, &own) != MQRC_NONE)
			return -1;
		h = own;
	}
	for (;;) {
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		MQLONG len, cc, rc;
		gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_ACCEPT_TRUNCATED_MSG;
		MQGET(hc, h, &md, &gmo, (MQLONG)sizeof buf, buf, &len, &cc, &rc);
		if (cc == MQCC_FAILED)
			break;
		n++;
	}
	if (own != MQHO_UNUSABLE_HOBJ) {
		MQLONG cc, rc;
		MQCLOSE(hc, &own, MQCO_NONE, &cc, &rc);
	}
	return n;
}

static int field_is(const char *field, size_t n, const char *s)
{
	char buf[300];
	mqt_name(buf, n, s);
	return memcmp(buf, field, n) == 0;
}

static MQLONG set_int(const char *q, MQLONG sel, MQLONG v)
{
	MQHOBJ h;
	MQLONG cc, rc = mqt_open(hc, q, MQOO_SET, &h);
	if (rc != MQRC_NONE)
		return rc;
	MQSET(hc, h, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
	MQLONG c2, r2;
	MQCLOSE(hc, &h, MQCO_NONE, &c2, &r2);
	return rc;
}

static MQLONG inq_int(const char *q, MQLONG sel)
{
	MQHOBJ h;
	MQLONG v = -99, cc, rc;
	if (mqt_open(hc, q, MQOO_INQUIRE, &h) != MQRC_NONE)
		return -99;
	MQINQ(hc, h, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc);
	return v;
}

static void process_inq(void)
{
	MQOD od = { MQOD_DEFAULT };
	MQHOBJ h;
	MQLONG cc, rc;
	od.ObjectType = MQOT_PROCESS;
	mqt_name(od.ObjectName, sizeof od.ObjectName, "TP");
	MQOPEN(hc, &od, MQOO_INQUIRE, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQOPEN of process TP for inquire");
	MQLONG sel[] = { MQCA_PROCESS_NAME, MQCA_APPL_ID, MQCA_ENV_DATA, MQCA_USER_DATA, MQCA_PROCESS_DESC,
			 MQCA_ALTERATION_DATE, MQCA_ALTERATION_TIME, MQIA_APPL_TYPE };
	MQLONG ints[1] = { -1 };
	char chars[48 + 256 + 128 + 128 + 64 + 12 + 8];
	MQINQ(hc, h, 8, sel, 1, ints, (MQLONG)sizeof chars, chars, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQINQ of the process's attributes");
	const char *p = chars;
	CHECK(field_is(p, 48, "TP"), "MQCA_PROCESS_NAME");
	p += 48;
	CHECK(field_is(p, 256, "/bin/true"), "MQCA_APPL_ID");
	p += 256;
	CHECK(field_is(p, 128, "&"), "MQCA_ENV_DATA");
	p += 128;
	CHECK(field_is(p, 128, "ud"), "MQCA_USER_DATA");
	p += 128;
	CHECK(field_is(p, 64, "trig test"), "MQCA_PROCESS_DESC");
	p += 64;
	CHECK(p[4] == '-' && p[7] == '-', "MQCA_ALTERATION_DATE yyyy-mm-dd");
	p += 12;
	CHECK(p[2] == '.' && p[5] == '.', "MQCA_ALTERATION_TIME hh.mm.ss");
	CHECK(ints[0] == MQAT_UNIX, "MQIA_APPL_TYPE is MQAT_UNIX (%d)", (int)ints[0]);
	/* a queue's attribute is not a process's: 2067 (MQ's 2068 is for queues only) */
	MQLONG qsel[] = { MQIA_CURRENT_Q_DEPTH, MQIA_Q_TYPE };
	MQLONG qv[2] = { 5, 5 };
	MQINQ(hc, h, 2, qsel, 2, qv, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_ERROR, "MQINQ of queue attributes on a process");
	CHECK(qv[0] == 5 && qv[1] == 5, "IntAttrs untouched by the failed call");
	MQLONG ssel = MQIA_APPL_TYPE, sv = MQAT_CICS;
	MQSET(hc, h, 1, &ssel, 1, &sv, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NOT_OPEN_FOR_SET, "MQSET on a process handle");
	{
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		char b[8];
		MQLONG len;
		MQGET(hc, h, &md, &gmo, (MQLONG)sizeof b, b, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_NOT_OPEN_FOR_INPUT, "MQGET on a process handle");
		MQPUT(hc, h, &md, &pmo, 1, b, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_NOT_OPEN_FOR_OUTPUT, "MQPUT on a process handle");
	}
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCLOSE of the process");

	mqt_name(od.ObjectName, sizeof od.ObjectName, "NO.SUCH.PROCESS");
	MQOPEN(hc, &od, MQOO_INQUIRE, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_UNKNOWN_OBJECT_NAME, "MQOPEN of a process that does not exist");
	mqt_name(od.ObjectName, sizeof od.ObjectName, "TP");
	MQOPEN(hc, &od, MQOO_OUTPUT, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPTION_NOT_VALID_FOR_TYPE, "MQOPEN of a process for output");
	MQOPEN(hc, &od, MQOO_INPUT_SHARED | MQOO_INQUIRE, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPTION_NOT_VALID_FOR_TYPE, "MQOPEN of a process for input");
	/* a queue's name is not a process's: TF is a queue, not a process */
	mqt_name(od.ObjectName, sizeof od.ObjectName, "TF");
	MQOPEN(hc, &od, MQOO_INQUIRE, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_UNKNOWN_OBJECT_NAME, "MQOPEN of process TF (a queue's name)");
}

/* The one trigger message on TI, checked for queue q. */
static void check_tm(MQHOBJ hti, const char *q, const char *tdata)
{
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQTM tm;
	MQLONG len, cc, rc;
	gmo.Options = MQGMO_NO_SYNCPOINT;
	MQGET(hc, hti, &md, &gmo, (MQLONG)sizeof tm, &tm, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQGET of the trigger message");
	if (cc != MQCC_OK)
		return;
	CHECK(len == MQTM_LENGTH_1, "an MQTM of %d bytes", (int)len);
	CHECK(!memcmp(md.Format, MQFMT_TRIGGER, MQ_FORMAT_LENGTH), "Format MQTRIG");
	CHECK(md.Persistence == MQPER_NOT_PERSISTENT, "nonpersistent");
	CHECK(md.MsgType == MQMT_DATAGRAM && md.PutApplType == MQAT_QMGR, "a datagram put by the queue manager");
	CHECK(!memcmp(tm.StrucId, MQTM_STRUC_ID, 4) && tm.Version == MQTM_VERSION_1, "StrucId TM, version 1");
	CHECK(field_is(tm.QName, 48, q), "QName %s", q);
	CHECK(field_is(tm.ProcessName, 48, "TP"), "ProcessName TP");
	CHECK(field_is(tm.TriggerData, 64, tdata), "TriggerData '%s'", tdata);
	CHECK(tm.ApplType == MQAT_UNIX, "ApplType MQAT_UNIX");
	CHECK(field_is(tm.ApplId, 256, "/bin/true"), "ApplId");
	CHECK(field_is(tm.EnvData, 128, "&") && field_is(tm.UserData, 128, "ud"), "EnvData and UserData");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mqi_trig QMGR\n");
		return 2;
	}
	if ((hc = mqt_conn(argv[1], 0)) == MQHC_UNUSABLE_HCONN)
		return 1;
	MQLONG cc, rc;
	process_inq();

	/* no trigger monitor has TI open: no trigger message */
	EXPECT(MQCC_OK, put("TF", 0, 0), MQCC_OK, MQRC_NONE, "put on TF");
	CHECK(depth("TI") == 0, "no trigger message while no monitor has the initiation queue open");
	CHECK(drain("TF", MQHO_UNUSABLE_HOBJ) == 1, "TF emptied");

	MQHOBJ hti;
	EXPECT(MQCC_OK, mqt_open(hc, "TI", MQOO_INPUT_SHARED, &hti), MQCC_OK, MQRC_NONE, "the monitor opens TI");

	/* FIRST: the first message, not the second */
	put("TF", 0, 0);
	CHECK(depth("TI") == 1, "FIRST: a trigger message for the first message");
	put("TF", 0, 0);
	CHECK(depth("TI") == 1, "FIRST: none for the second");
	check_tm(hti, "TF", "td");
	CHECK(drain("TF", MQHO_UNUSABLE_HOBJ) == 2, "TF emptied");

	/* EVERY: one for each */
	for (int i = 0; i < 3; i++)
		put("TE", 0, 0);
	CHECK(depth("TI") == 3, "EVERY: three trigger messages for three messages");
	check_tm(hti, "TE", "");
	CHECK(drain("TI", hti) == 2 && drain("TE", MQHO_UNUSABLE_HOBJ) == 3, "TI and TE emptied");

	/* DEPTH 3: at the third; then TRIGGER is off */
	put("TD", 0, 0);
	put("TD", 0, 0);
	CHECK(depth("TI") == 0, "DEPTH: none below TRIGDPTH");
	put("TD", 0, 0);
	CHECK(depth("TI") == 1, "DEPTH: one when the depth reaches TRIGDPTH");
	CHECK(inq_int("TD", MQIA_TRIGGER_CONTROL) == MQTC_OFF, "DEPTH: TRIGGER switched off");
	put("TD", 0, 0);
	CHECK(depth("TI") == 1, "DEPTH: no more once off");
	check_tm(hti, "TD", "");
	/* MQSET turning TRIGGER on with the depth already there: at once */
	EXPECT(MQCC_OK, set_int("TD", MQIA_TRIGGER_CONTROL, MQTC_ON), MQCC_OK, MQRC_NONE, "MQSET TRIGGER on TD");
	CHECK(depth("TI") == 1, "MQSET TRIGGER(ON) with the conditions met makes one");
	CHECK(inq_int("TD", MQIA_TRIGGER_CONTROL) == MQTC_OFF, "and TRIGGER is off again");
	CHECK(drain("TI", hti) == 1 && drain("TD", MQHO_UNUSABLE_HOBJ) == 4, "TI and TD emptied");

	/* TRIGMPRI 5: priority 4 does not count, 5 does */
	put("TM", 4, 0);
	CHECK(depth("TI") == 0, "TRIGMPRI: none for a message below it");
	put("TM", 5, 0);
	CHECK(depth("TI") == 1, "TRIGMPRI: one for a message at it");
	CHECK(drain("TI", hti) == 1 && drain("TM", MQHO_UNUSABLE_HOBJ) == 2, "TI and TM emptied");

	/* NOTRIGGER, a missing process: none */
	put("TN", 0, 0);
	put("TX", 0, 0);
	CHECK(depth("TI") == 0, "none for NOTRIGGER, none when the process does not exist");

	/* FIRST with the queue open for input: none; EVERY still triggers */
	MQHOBJ hin;
	mqt_open(hc, "TF", MQOO_INPUT_SHARED, &hin);
	put("TF", 0, 0);
	CHECK(depth("TI") == 0, "FIRST: none while an application has the queue open for input");
	CHECK(drain("TF", hin) == 1, "TF emptied");
	MQCLOSE(hc, &hin, MQCO_NONE, &cc, &rc);
	mqt_open(hc, "TE", MQOO_INPUT_SHARED, &hin);
	put("TE", 0, 0);
	CHECK(depth("TI") == 1, "EVERY: one even with the queue open for input");
	int nte = drain("TE", hin), nti = drain("TI", hti);
	CHECK(nte == 1 && nti == 1, "TE and TI emptied (%d, %d)", nte, nti);
	MQCLOSE(hc, &hin, MQCO_NONE, &cc, &rc);

	/* GET(DISABLED) on the application queue: none */
	set_int("TE", MQIA_INHIBIT_GET, MQQA_GET_INHIBITED);
	put("TE", 0, 0);
	CHECK(depth("TI") == 0, "none while gets are inhibited on the queue (%d)", (int)depth("TI"));
	set_int("TE", MQIA_INHIBIT_GET, MQQA_GET_ALLOWED);
	CHECK(drain("TE", MQHO_UNUSABLE_HOBJ) == 1, "TE emptied");

	/* under syncpoint: made when the unit of work ends, committed or backed out */
	put("TF", 0, 1);
	CHECK(depth("TI") == 0, "syncpoint: none before the commit");
	MQCMIT(hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCMIT");
	CHECK(depth("TI") == 1, "syncpoint: one at the commit");
	check_tm(hti, "TF", "td");
	CHECK(drain("TF", MQHO_UNUSABLE_HOBJ) == 1, "TF emptied");
	put("TE", 0, 1);
	CHECK(depth("TI") == 0, "syncpoint: none before the backout");
	MQBACK(hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQBACK");
	CHECK(depth("TI") == 1 && depth("TE") == 0, "backed out: the message gone, its trigger message made (as MQ)");
	CHECK(drain("TI", hti) == 1, "TI emptied");

	/* the monitor opening TI with a message already waiting on TF (FIRST) */
	MQCLOSE(hc, &hti, MQCO_NONE, &cc, &rc);
	put("TF", 0, 0);
	CHECK(depth("TI") == 0, "no monitor: none");
	mqt_open(hc, "TI", MQOO_INPUT_SHARED, &hti);
	CHECK(depth("TI") == 1, "the monitor opening the initiation queue makes one for the waiting message");
	check_tm(hti, "TF", "td");
	CHECK(drain("TF", MQHO_UNUSABLE_HOBJ) == 1, "TF emptied");
	MQCLOSE(hc, &hti, MQCO_NONE, &cc, &rc);
	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}
