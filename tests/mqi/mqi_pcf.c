/*
 * mqi_pcf.c: the command server's object commands (csrv/csrv_obj.c) as a PCF
 * client sees them (t6165): queues, processes and topic objects created,
 * inquired, changed, copied, cleared and deleted by PCF requests put on
 * SYSTEM.ADMIN.COMMAND.QUEUE, and each reply compared attribute by attribute
 * with MQSC's view of the same object (DISPLAY ... ALL sent as MQCMD_ESCAPE,
 * runmqsc's own text): this program's own table of keywords and ids, not the
 * queue manager's, says which keyword is which parameter.  Error replies are
 * asserted with their reasons: unknown object, exists, in use, not empty,
 * wrong type, bad values, ids the command does not take, wrong parameter
 * types, missing parameters.  Filters (MQCFIF, MQCFSF) on INQUIRE_Q,
 * INQUIRE_Q_STATUS and INQUIRE_CONNECTION; the status commands compared with
 * DISPLAY QSTATUS / CONN / QMSTATUS / TPSTATUS; STOP_CONNECTION of a child's
 * connection; RESET_Q_MGR advancing the log.
 *
 * usage: mqi_pcf QMGR   (needs the local queue CSRV.REPLY)
 * Prints "ok N - what" lines; exits 1 if any check failed.
 */
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmqc.h>
#include <cmqcfc.h>

#include "pcft.h"

/* This test's tables (struct ta, pcft.h): MQSC keyword, PCF id, and for
 * values the MQSC words of each integer. */
static const struct ta qattrs[] = {
	{ "DESCR", MQCA_Q_DESC, 's', { { 0 } } },
	{ "MAXDEPTH", MQIA_MAX_Q_DEPTH, 'i', { { 0 } } },
	{ "MAXMSGL", MQIA_MAX_MSG_LENGTH, 'i', { { 0 } } },
	{ "DEFPRTY", MQIA_DEF_PRIORITY, 'i', { { 0 } } },
	{ "BOTHRESH", MQIA_BACKOUT_THRESHOLD, 'i', { { 0 } } },
	{ "TRIGDPTH", MQIA_TRIGGER_DEPTH, 'i', { { 0 } } },
	{ "DEFPSIST", MQIA_DEF_PERSISTENCE, 'e', { { "NO", MQPER_NOT_PERSISTENT }, { "YES", MQPER_PERSISTENT } } },
	{ "PUT", MQIA_INHIBIT_PUT, 'e', { { "ENABLED", MQQA_PUT_ALLOWED }, { "DISABLED", MQQA_PUT_INHIBITED } } },
	{ "GET", MQIA_INHIBIT_GET, 'e', { { "ENABLED", MQQA_GET_ALLOWED }, { "DISABLED", MQQA_GET_INHIBITED } } },
	{ "TRIGTYPE", MQIA_TRIGGER_TYPE, 'e',
	  { { "NONE", MQTT_NONE }, { "FIRST", MQTT_FIRST }, { "EVERY", MQTT_EVERY }, { "DEPTH", MQTT_DEPTH } } },
	{ "USAGE", MQIA_USAGE, 'e', { { "NORMAL", MQUS_NORMAL }, { "XMITQ", MQUS_TRANSMISSION } } },
	{ "SHARE", MQIA_SHAREABILITY, 'p', { { "SHARE", MQQA_SHAREABLE }, { "NOSHARE", MQQA_NOT_SHAREABLE } } },
	{ "INITQ", MQCA_INITIATION_Q_NAME, 's', { { 0 } } },
	{ "PROCESS", MQCA_PROCESS_NAME, 's', { { 0 } } },
	{ "TRIGDATA", MQCA_TRIGGER_DATA, 's', { { 0 } } },
	{ "CURDEPTH", MQIA_CURRENT_Q_DEPTH, 'i', { { 0 } } },
	{ NULL, 0, 0, { { 0 } } },
};

static const struct ta pattrs[] = {
	{ "DESCR", MQCA_PROCESS_DESC, 's', { { 0 } } },
	{ "APPLICID", MQCA_APPL_ID, 's', { { 0 } } },
	{ "ENVRDATA", MQCA_ENV_DATA, 's', { { 0 } } },
	{ "USERDATA", MQCA_USER_DATA, 's', { { 0 } } },
	{ "APPLTYPE", MQIA_APPL_TYPE, 'e', { { "UNIX", MQAT_UNIX }, { "CICS", MQAT_CICS } } },
	{ NULL, 0, 0, { { 0 } } },
};

static const struct ta tattrs[] = {
	{ "DESCR", MQCA_TOPIC_DESC, 's', { { 0 } } },
	{ "TOPICSTR", MQCA_TOPIC_STRING, 's', { { 0 } } },
	{ "DEFPRTY", MQIA_DEF_PRIORITY, 'e', { { "ASPARENT", MQPRI_PRIORITY_AS_PARENT } } },
	{ "DEFPSIST", MQIA_TOPIC_DEF_PERSISTENCE, 'e',
	  { { "ASPARENT", MQPER_PERSISTENCE_AS_PARENT }, { "NO", MQPER_NOT_PERSISTENT }, { "YES", MQPER_PERSISTENT } } },
	{ "DURSUB", MQIA_DURABLE_SUB, 'e',
	  { { "ASPARENT", MQSUB_DURABLE_AS_PARENT }, { "YES", MQSUB_DURABLE_ALLOWED }, { "NO", MQSUB_DURABLE_INHIBITED } } },
	{ NULL, 0, 0, { { 0 } } },
};

/* ---- the checks ---- */

static void queues(void)
{
	struct buf b;
	struct replies rs;
	char text[16384], s[256];
	MQLONG v;

	/* create, and MQSC sees it */
	cfh(&b, MQCMD_CREATE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfin(&b, MQIA_MAX_Q_DEPTH, 1234);
	cfst(&b, MQCA_Q_DESC, "a queue (made by PCF)");
	cfin(&b, MQIA_SHAREABILITY, MQQA_NOT_SHAREABLE);
	cfin(&b, MQIA_DEF_PERSISTENCE, MQPER_PERSISTENT);
	cfin(&b, MQIA_TRIGGER_TYPE, MQTT_DEPTH);
	cfst(&b, MQCA_TRIGGER_DATA, "it's");
	expect(&b, 0, "CREATE_Q PCF.Q1");
	mqsc("DISPLAY QLOCAL(PCF.Q1) ALL", text, sizeof text);
	CHECK(strstr(text, "MAXDEPTH(1234)") && strstr(text, "NOSHARE") && strstr(text, "DEFPSIST(YES)") &&
		      strstr(text, "TRIGTYPE(DEPTH)") && strstr(text, "DESCR(a queue (made by PCF))") &&
		      strstr(text, "TRIGDATA(it's)"),
	      "MQSC shows what CREATE_Q set");
	expect(&b, MQRCCF_OBJECT_ALREADY_EXISTS, "CREATE_Q of an existing queue");
	cfin(&b, MQIACF_REPLACE, MQRP_YES);
	expect(&b, 0, "CREATE_Q with Replace YES");

	/* inquire: one reply, every attribute as MQSC shows it */
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1 && head(&rs.r[0]).CompCode == MQCC_OK, "INQUIRE_Q PCF.Q1: %d reply", rs.n);
	CHECK(parm_str(&rs.r[0], MQCA_Q_NAME, s, sizeof s) && !strcmp(s, "PCF.Q1"), "QName %s", s);
	CHECK(parm_int(&rs.r[0], MQIA_Q_TYPE, &v) && v == MQQT_LOCAL, "QType %d", (int)v);
	compare(&rs.r[0], text, qattrs, "PCF.Q1");

	/* change */
	cfh(&b, MQCMD_CHANGE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfin(&b, MQIA_MAX_Q_DEPTH, 99);
	cfin(&b, MQIA_INHIBIT_GET, MQQA_GET_INHIBITED);
	cfst(&b, MQCA_Q_DESC, "changed");
	expect(&b, 0, "CHANGE_Q PCF.Q1");
	mqsc("DISPLAY QLOCAL(PCF.Q1) ALL", text, sizeof text);
	CHECK(strstr(text, "MAXDEPTH(99)") && strstr(text, "GET(DISABLED)") && strstr(text, "DESCR(changed)"),
	      "MQSC shows what CHANGE_Q set");
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1, "INQUIRE_Q after CHANGE_Q");
	compare(&rs.r[0], text, qattrs, "PCF.Q1 changed");

	/* errors of change */
	cfh(&b, MQCMD_CHANGE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_Q_TYPE, MQQT_ALIAS);
	cfst(&b, MQCA_Q_DESC, "x");
	expect(&b, MQRCCF_OBJECT_WRONG_TYPE, "CHANGE_Q with the wrong QType");
	cfh(&b, MQCMD_CHANGE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.NONE");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfin(&b, MQIA_MAX_Q_DEPTH, 5);
	expect(&b, MQRC_UNKNOWN_OBJECT_NAME, "CHANGE_Q of no queue");
	cfh(&b, MQCMD_CHANGE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfin(&b, MQIA_MAX_Q_DEPTH, -5);
	call(&b, &rs);
	CHECK(rs.ok && head(&rs.r[rs.n - 1]).Reason == MQRCCF_ATTR_VALUE_ERROR &&
		      parm_int(&rs.r[0], MQIACF_PARAMETER_ID, &v) && v == MQIA_MAX_Q_DEPTH,
	      "MaxQDepth -5: MQRCCF_ATTR_VALUE_ERROR naming MQIA_MAX_Q_DEPTH");
	cfh(&b, MQCMD_CHANGE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfin(&b, MQIA_TRIGGER_TYPE, 77);
	expect(&b, MQRCCF_ATTR_VALUE_ERROR, "TriggerType 77");
	cfh(&b, MQCMD_CHANGE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfin(&b, MQIA_DEF_PRIORITY, 10);
	expect(&b, MQRCCF_ATTR_VALUE_ERROR, "DefPriority 10");
	cfh(&b, MQCMD_CHANGE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfst(&b, MQCA_INITIATION_Q_NAME, "bad name!");
	expect(&b, MQRCCF_ATTR_VALUE_ERROR, "InitiationQName not a name");
	cfh(&b, MQCMD_CHANGE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfin(&b, MQIA_BASE_TYPE, MQOT_Q);
	expect(&b, MQRCCF_CFIN_PARM_ID_ERROR, "BaseType on a local queue");
	cfh(&b, MQCMD_CHANGE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfst(&b, MQIA_MAX_Q_DEPTH, "5");
	expect(&b, MQRCCF_CFST_PARM_ID_ERROR, "MaxQDepth as a string");
	cfh(&b, MQCMD_CHANGE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfin(&b, MQCA_Q_DESC, 5);
	expect(&b, MQRCCF_CFIN_PARM_ID_ERROR, "QDesc as an integer");
	cfh(&b, MQCMD_CHANGE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfin(&b, MQIA_CURRENT_Q_DEPTH, 5);
	expect(&b, MQRCCF_CFIN_PARM_ID_ERROR, "CurrentQDepth cannot be changed");
	cfh(&b, MQCMD_CHANGE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_MAX_Q_DEPTH, 5);
	expect(&b, MQRCCF_PARM_COUNT_TOO_SMALL, "CHANGE_Q without QType");
	cfh(&b, MQCMD_CREATE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q9");
	cfin(&b, MQIA_Q_TYPE, 99);
	expect(&b, MQRCCF_Q_TYPE_ERROR, "CREATE_Q with QType 99");
	cfh(&b, MQCMD_CREATE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q9");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfin(&b, MQIACF_REPLACE, 7);
	expect(&b, MQRCCF_REPLACE_VALUE_ERROR, "CREATE_Q with Replace 7");
	cfh(&b, MQCMD_CREATE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q9.THIS.NAME.IS.MUCH.TOO.LONG.FOR.A.QUEUE.NAME.X");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	expect(&b, MQRCCF_CFST_STRING_LENGTH_ERR, "CREATE_Q with a 50-character name");
	mqsc("DISPLAY QUEUE(PCF.Q9*)", text, sizeof text);
	CHECK(strstr(text, "AMQ8147E") != NULL, "none of the refused creates made a queue");

	/* copy */
	cfh(&b, MQCMD_COPY_Q);
	cfst(&b, MQCACF_FROM_Q_NAME, "PCF.Q1");
	cfst(&b, MQCACF_TO_Q_NAME, "PCF.Q2");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfst(&b, MQCA_Q_DESC, "the copy");
	expect(&b, 0, "COPY_Q PCF.Q1 to PCF.Q2");
	mqsc("DISPLAY QLOCAL(PCF.Q2) ALL", text, sizeof text);
	CHECK(strstr(text, "MAXDEPTH(99)") && strstr(text, "DESCR(the copy)") && strstr(text, "NOSHARE"),
	      "MQSC shows the copy: PCF.Q1's attributes and its own DESCR");
	expect(&b, MQRCCF_OBJECT_ALREADY_EXISTS, "COPY_Q onto an existing queue");
	cfh(&b, MQCMD_COPY_Q);
	cfst(&b, MQCACF_FROM_Q_NAME, "PCF.NONE");
	cfst(&b, MQCACF_TO_Q_NAME, "PCF.Q3");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	expect(&b, MQRC_UNKNOWN_OBJECT_NAME, "COPY_Q from no queue");

	/* an alias and a model, inquired generically with an attribute list */
	cfh(&b, MQCMD_CREATE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.AL");
	cfin(&b, MQIA_Q_TYPE, MQQT_ALIAS);
	cfst(&b, MQCA_BASE_Q_NAME, "PCF.Q1");
	expect(&b, 0, "CREATE_Q alias PCF.AL");
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.*");
	MQLONG sel[] = { MQIA_MAX_Q_DEPTH, MQCA_BASE_Q_NAME };
	cfil(&b, MQIACF_Q_ATTRS, 2, sel);
	call(&b, &rs);
	int seen = 0;
	for (int i = 0; i < rs.n; i++) {
		char nm[64], base[64];
		MQLONG t = 0, d = 0, x;
		parm_str(&rs.r[i], MQCA_Q_NAME, nm, sizeof nm);
		parm_int(&rs.r[i], MQIA_Q_TYPE, &t);
		int hasd = parm_int(&rs.r[i], MQIA_MAX_Q_DEPTH, &d);
		int hasb = parm_str(&rs.r[i], MQCA_BASE_Q_NAME, base, sizeof base);
		int hasx = parm_int(&rs.r[i], MQIA_DEF_PRIORITY, &x);
		if (!strcmp(nm, "PCF.Q1") && t == MQQT_LOCAL && hasd && d == 99 && !hasb && !hasx)
			seen |= 1;
		if (!strcmp(nm, "PCF.Q2") && t == MQQT_LOCAL && hasd && d == 99 && !hasx)
			seen |= 2;
		if (!strcmp(nm, "PCF.AL") && t == MQQT_ALIAS && !hasd && hasb && !strcmp(base, "PCF.Q1") && !hasx)
			seen |= 4;
	}
	CHECK(rs.ok && rs.n == 3 && seen == 7, "INQUIRE_Q PCF.* with QAttrs: %d replies, each with what was asked (%d)",
	      rs.n, seen);
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.*");
	cfin(&b, MQIA_Q_TYPE, MQQT_ALIAS);
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1 && parm_str(&rs.r[0], MQCA_Q_NAME, s, sizeof s) && !strcmp(s, "PCF.AL"),
	      "INQUIRE_Q PCF.* QType alias: PCF.AL alone");
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.NONE*");
	expect(&b, MQRC_UNKNOWN_OBJECT_NAME, "INQUIRE_Q of no queue");
	cfh(&b, MQCMD_INQUIRE_Q);
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	expect(&b, MQRCCF_PARM_COUNT_TOO_SMALL, "INQUIRE_Q without QName");
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfst(&b, MQCA_Q_DESC, "x");
	expect(&b, MQRCCF_CFST_PARM_ID_ERROR, "INQUIRE_Q with QDesc");

	/* clear and delete: not empty, in use, purge */
	MQHOBJ h;
	mqsc("ALTER QLOCAL(PCF.Q1) GET(ENABLED)", text, sizeof text);
	mqt_open(hc, "PCF.Q1", MQOO_OUTPUT, &h);
	mqt_put(hc, h, "one", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL);
	mqt_close(hc, &h);
	cfh(&b, MQCMD_DELETE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	expect(&b, MQRC_Q_NOT_EMPTY, "DELETE_Q of a queue with a message");
	cfh(&b, MQCMD_DELETE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIA_Q_TYPE, MQQT_MODEL);
	expect(&b, MQRCCF_OBJECT_WRONG_TYPE, "DELETE_Q with the wrong QType");
	cfh(&b, MQCMD_DELETE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIACF_PURGE, 5);
	expect(&b, MQRCCF_PURGE_VALUE_ERROR, "DELETE_Q with Purge 5");
	cfh(&b, MQCMD_CLEAR_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	expect(&b, 0, "CLEAR_Q PCF.Q1");
	CHECK(mqt_depth(hc, "PCF.Q1") == 0, "PCF.Q1 is empty after CLEAR_Q");
	cfh(&b, MQCMD_CLEAR_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.AL");
	expect(&b, MQRCCF_OBJECT_WRONG_TYPE, "CLEAR_Q of an alias");
	cfh(&b, MQCMD_CLEAR_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.NONE");
	expect(&b, MQRC_UNKNOWN_OBJECT_NAME, "CLEAR_Q of no queue");
	mqt_open(hc, "PCF.Q1", MQOO_INPUT_SHARED | MQOO_OUTPUT, &h);
	mqt_put(hc, h, "two", MQPMO_NO_SYNCPOINT, MQPER_PERSISTENT, NULL);
	cfh(&b, MQCMD_CLEAR_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	expect(&b, MQRC_OBJECT_IN_USE, "CLEAR_Q of an open queue");
	cfh(&b, MQCMD_DELETE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	cfin(&b, MQIACF_PURGE, MQPO_YES);
	expect(&b, MQRC_OBJECT_IN_USE, "DELETE_Q Purge of an open queue");
	mqt_close(hc, &h);
	expect(&b, 0, "DELETE_Q Purge of PCF.Q1 once closed");
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.Q1");
	expect(&b, MQRC_UNKNOWN_OBJECT_NAME, "INQUIRE_Q of the deleted queue");
	cfh(&b, MQCMD_DELETE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.AL");
	cfin(&b, MQIA_Q_TYPE, MQQT_ALIAS);
	expect(&b, 0, "DELETE_Q of the alias");
	cfh(&b, MQCMD_DELETE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.AL");
	expect(&b, MQRC_UNKNOWN_OBJECT_NAME, "DELETE_Q again");
}

static void processes(void)
{
	struct buf b;
	struct replies rs;
	char text[16384], s[256];

	cfh(&b, MQCMD_CREATE_PROCESS);
	cfst(&b, MQCA_PROCESS_NAME, "PCF.P1");
	cfst(&b, MQCA_APPL_ID, "/usr/bin/true");
	cfin(&b, MQIA_APPL_TYPE, MQAT_UNIX);
	cfst(&b, MQCA_USER_DATA, "user data");
	cfst(&b, MQCA_PROCESS_DESC, "a process");
	expect(&b, 0, "CREATE_PROCESS PCF.P1");
	expect(&b, MQRCCF_OBJECT_ALREADY_EXISTS, "CREATE_PROCESS again");
	mqsc("DISPLAY PROCESS(PCF.P1) ALL", text, sizeof text);
	cfh(&b, MQCMD_INQUIRE_PROCESS);
	cfst(&b, MQCA_PROCESS_NAME, "PCF.P1");
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1 && parm_str(&rs.r[0], MQCA_PROCESS_NAME, s, sizeof s) && !strcmp(s, "PCF.P1"),
	      "INQUIRE_PROCESS PCF.P1");
	compare(&rs.r[0], text, pattrs, "PCF.P1");

	cfh(&b, MQCMD_CHANGE_PROCESS);
	cfst(&b, MQCA_PROCESS_NAME, "PCF.P1");
	cfin(&b, MQIA_APPL_TYPE, MQAT_CICS);
	cfst(&b, MQCA_ENV_DATA, "env");
	expect(&b, 0, "CHANGE_PROCESS PCF.P1");
	mqsc("DISPLAY PROCESS(PCF.P1) ALL", text, sizeof text);
	CHECK(strstr(text, "APPLTYPE(CICS)") && strstr(text, "ENVRDATA(env)"), "MQSC shows what CHANGE_PROCESS set");
	cfh(&b, MQCMD_CHANGE_PROCESS);
	cfst(&b, MQCA_PROCESS_NAME, "PCF.P1");
	cfin(&b, MQIA_MAX_Q_DEPTH, 5);
	expect(&b, MQRCCF_CFIN_PARM_ID_ERROR, "CHANGE_PROCESS with MaxQDepth");
	cfh(&b, MQCMD_CHANGE_PROCESS);
	cfst(&b, MQCA_PROCESS_NAME, "PCF.P1");
	cfin(&b, MQIA_APPL_TYPE, -7);
	expect(&b, MQRCCF_ATTR_VALUE_ERROR, "ApplType -7");

	cfh(&b, MQCMD_COPY_PROCESS);
	cfst(&b, MQCACF_FROM_PROCESS_NAME, "PCF.P1");
	cfst(&b, MQCACF_TO_PROCESS_NAME, "PCF.P2");
	expect(&b, 0, "COPY_PROCESS PCF.P1 to PCF.P2");
	mqsc("DISPLAY PROCESS(PCF.P2) ALL", text, sizeof text);
	cfh(&b, MQCMD_INQUIRE_PROCESS);
	cfst(&b, MQCA_PROCESS_NAME, "PCF.P2");
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1, "INQUIRE_PROCESS PCF.P2");
	compare(&rs.r[0], text, pattrs, "PCF.P2");
	CHECK(strstr(text, "APPLTYPE(CICS)") && strstr(text, "APPLICID(/usr/bin/true)"), "the copy has PCF.P1's attributes");

	cfh(&b, MQCMD_INQUIRE_PROCESS_NAMES);
	cfst(&b, MQCA_PROCESS_NAME, "PCF.*");
	call(&b, &rs);
	MQLONG t = 0, sl = 0, cnt = 0, sl2 = 0;
	const unsigned char *p = rs.n ? find_parm(&rs.r[0], MQCACF_PROCESS_NAMES, &t) : NULL;
	if (p) {
		memcpy(&sl, p + 4, 4);
		memcpy(&cnt, p + 16, 4);
		memcpy(&sl2, p + 20, 4);
	}
	CHECK(rs.ok && rs.n == 1 && p && t == MQCFT_STRING_LIST && cnt == 2 && sl2 == 48 && sl == 24 + 96 &&
		      !memcmp(p + 24, "PCF.P1 ", 7) && !memcmp(p + 72, "PCF.P2 ", 7),
	      "INQUIRE_PROCESS_NAMES PCF.*: PCF.P1 and PCF.P2");
	cfh(&b, MQCMD_INQUIRE_PROCESS_NAMES);
	cfst(&b, MQCA_PROCESS_NAME, "NONE.*");
	call(&b, &rs);
	p = rs.n ? find_parm(&rs.r[0], MQCACF_PROCESS_NAMES, &t) : NULL;
	cnt = -1;
	if (p)
		memcpy(&cnt, p + 16, 4);
	CHECK(rs.ok && rs.n == 1 && head(&rs.r[0]).CompCode == MQCC_OK && cnt == 0,
	      "INQUIRE_PROCESS_NAMES of none: an empty list");

	cfh(&b, MQCMD_DELETE_PROCESS);
	cfst(&b, MQCA_PROCESS_NAME, "PCF.P1");
	expect(&b, 0, "DELETE_PROCESS PCF.P1");
	expect(&b, MQRC_UNKNOWN_OBJECT_NAME, "DELETE_PROCESS again");
	cfh(&b, MQCMD_DELETE_PROCESS);
	cfst(&b, MQCA_PROCESS_NAME, "PCF.P2");
	cfin(&b, MQIACF_PURGE, MQPO_YES);
	expect(&b, MQRCCF_CFIN_PARM_ID_ERROR, "DELETE_PROCESS with Purge");
	cfh(&b, MQCMD_DELETE_PROCESS);
	cfst(&b, MQCA_PROCESS_NAME, "PCF.P2");
	expect(&b, 0, "DELETE_PROCESS PCF.P2");
}

static void topics(void)
{
	struct buf b;
	struct replies rs;
	char text[16384];

	cfh(&b, MQCMD_CREATE_TOPIC);
	cfst(&b, MQCA_TOPIC_NAME, "PCF.T1");
	cfst(&b, MQCA_TOPIC_STRING, "pcf/one");
	cfin(&b, MQIA_TOPIC_DEF_PERSISTENCE, MQPER_PERSISTENT);
	cfst(&b, MQCA_TOPIC_DESC, "a topic");
	expect(&b, 0, "CREATE_TOPIC PCF.T1");
	mqsc("DISPLAY TOPIC(PCF.T1) ALL", text, sizeof text);
	cfh(&b, MQCMD_INQUIRE_TOPIC);
	cfst(&b, MQCA_TOPIC_NAME, "PCF.T1");
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1, "INQUIRE_TOPIC PCF.T1");
	compare(&rs.r[0], text, tattrs, "PCF.T1");
	cfh(&b, MQCMD_CREATE_TOPIC);
	cfst(&b, MQCA_TOPIC_NAME, "PCF.T2");
	expect(&b, MQRCCF_PARM_COUNT_TOO_SMALL, "CREATE_TOPIC without TopicString");
	cfst(&b, MQCA_TOPIC_STRING, "pcf/one");
	expect(&b, MQRCCF_TOPICSTR_ALREADY_EXISTS, "CREATE_TOPIC with PCF.T1's string");
	cfh(&b, MQCMD_CHANGE_TOPIC);
	cfst(&b, MQCA_TOPIC_NAME, "PCF.T1");
	cfin(&b, MQIA_DURABLE_SUB, MQSUB_DURABLE_INHIBITED);
	expect(&b, 0, "CHANGE_TOPIC DurableSubscriptions");
	mqsc("DISPLAY TOPIC(PCF.T1) ALL", text, sizeof text);
	CHECK(strstr(text, "DURSUB(NO)") != NULL, "MQSC shows what CHANGE_TOPIC set");
	cfh(&b, MQCMD_COPY_TOPIC);
	cfst(&b, MQCACF_FROM_TOPIC_NAME, "PCF.T1");
	cfst(&b, MQCACF_TO_TOPIC_NAME, "PCF.T2");
	cfst(&b, MQCA_TOPIC_STRING, "pcf/two");
	expect(&b, 0, "COPY_TOPIC PCF.T1 to PCF.T2");
	mqsc("DISPLAY TOPIC(PCF.T2) ALL", text, sizeof text);
	CHECK(strstr(text, "DURSUB(NO)") && strstr(text, "TOPICSTR(pcf/two)"), "the copy: PCF.T1's attributes, its string");
	cfh(&b, MQCMD_INQUIRE_TOPIC);
	cfst(&b, MQCA_TOPIC_NAME, "PCF.T2");
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1, "INQUIRE_TOPIC PCF.T2");
	compare(&rs.r[0], text, tattrs, "PCF.T2");
	cfh(&b, MQCMD_INQUIRE_TOPIC_NAMES);
	cfst(&b, MQCA_TOPIC_NAME, "PCF.*");
	call(&b, &rs);
	MQLONG t = 0, cnt = -1;
	const unsigned char *p = rs.n ? find_parm(&rs.r[0], MQCACF_TOPIC_NAMES, &t) : NULL;
	if (p)
		memcpy(&cnt, p + 16, 4);
	CHECK(rs.ok && p && cnt == 2, "INQUIRE_TOPIC_NAMES PCF.*: 2 names");
	cfh(&b, MQCMD_DELETE_TOPIC);
	cfst(&b, MQCA_TOPIC_NAME, "PCF.T1");
	expect(&b, 0, "DELETE_TOPIC PCF.T1");
	expect(&b, MQRC_UNKNOWN_OBJECT_NAME, "DELETE_TOPIC again");
	cfh(&b, MQCMD_DELETE_TOPIC);
	cfst(&b, MQCA_TOPIC_NAME, "PCF.T2");
	expect(&b, 0, "DELETE_TOPIC PCF.T2");
}

static void cfif(struct buf *b, MQLONG id, MQLONG op, MQLONG v)
{
	l(b, MQCFT_INTEGER_FILTER);
	l(b, MQCFIF_STRUC_LENGTH);
	l(b, id);
	l(b, op);
	l(b, v);
	count_parm(b);
}

static void cfsf(struct buf *b, MQLONG id, MQLONG op, const char *v)
{
	size_t n = strlen(v), sl = MQCFSF_STRUC_LENGTH_FIXED + ((n + 3) & ~(size_t)3);
	l(b, MQCFT_STRING_FILTER);
	l(b, (MQLONG)sl);
	l(b, id);
	l(b, op);
	l(b, MQCCSI_DEFAULT);
	l(b, (MQLONG)n);
	padded(b, v, n, ' ');
	count_parm(b);
}

/* The names of the replies, joined by spaces. */
static void names_of(const struct replies *rs, MQLONG id, char *out, size_t n)
{
	out[0] = 0;
	for (int i = 0; i < rs->n; i++) {
		char nm[64];
		if (parm_str(&rs->r[i], id, nm, sizeof nm)) {
			if (out[0])
				strncat(out, " ", n - strlen(out) - 1);
			strncat(out, nm, n - strlen(out) - 1);
		}
	}
}

static void filters(void)
{
	struct buf b;
	struct replies rs;
	char got[512];
	MQHOBJ h;
	cfh(&b, MQCMD_CREATE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F1");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfin(&b, MQIA_MAX_Q_DEPTH, 10);
	cfin(&b, MQIA_DEF_PERSISTENCE, MQPER_PERSISTENT);
	expect(&b, 0, "CREATE_Q PCF.F1");
	cfh(&b, MQCMD_CREATE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F2");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfin(&b, MQIA_MAX_Q_DEPTH, 20);
	cfst(&b, MQCA_Q_DESC, "keep");
	expect(&b, 0, "CREATE_Q PCF.F2");
	mqt_open(hc, "PCF.F1", MQOO_OUTPUT, &h);
	mqt_put(hc, h, "one", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL);
	mqt_close(hc, &h);

	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F*");
	cfif(&b, MQIA_MAX_Q_DEPTH, MQCFOP_GREATER, 15);
	call(&b, &rs);
	names_of(&rs, MQCA_Q_NAME, got, sizeof got);
	CHECK(rs.ok && !strcmp(got, "PCF.F2"), "INQUIRE_Q filter MaxQDepth > 15: %s", got);
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F*");
	cfif(&b, MQIA_MAX_Q_DEPTH, MQCFOP_NOT_GREATER, 20);
	call(&b, &rs);
	names_of(&rs, MQCA_Q_NAME, got, sizeof got);
	CHECK(rs.ok && !strcmp(got, "PCF.F1 PCF.F2"), "INQUIRE_Q filter MaxQDepth <= 20: %s", got);
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F*");
	cfsf(&b, MQCA_Q_DESC, MQCFOP_EQUAL, "keep");
	call(&b, &rs);
	names_of(&rs, MQCA_Q_NAME, got, sizeof got);
	CHECK(rs.ok && !strcmp(got, "PCF.F2"), "INQUIRE_Q filter QDesc = 'keep': %s", got);
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F*");
	cfsf(&b, MQCA_Q_DESC, MQCFOP_NOT_LIKE, "ke*");
	call(&b, &rs);
	names_of(&rs, MQCA_Q_NAME, got, sizeof got);
	CHECK(rs.ok && !strcmp(got, "PCF.F1"), "INQUIRE_Q filter QDesc not like 'ke*': %s", got);
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F*");
	cfif(&b, MQIA_DEF_PERSISTENCE, MQCFOP_EQUAL, MQPER_PERSISTENT);
	call(&b, &rs);
	names_of(&rs, MQCA_Q_NAME, got, sizeof got);
	CHECK(rs.ok && !strcmp(got, "PCF.F1"), "INQUIRE_Q filter DefPersistence = PERSISTENT: %s", got);
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F*");
	cfif(&b, MQIA_CURRENT_Q_DEPTH, MQCFOP_GREATER, 0);
	call(&b, &rs);
	names_of(&rs, MQCA_Q_NAME, got, sizeof got);
	CHECK(rs.ok && !strcmp(got, "PCF.F1"), "INQUIRE_Q filter CurrentQDepth > 0: %s", got);
	cfh(&b, MQCMD_INQUIRE_Q_STATUS);
	cfst(&b, MQCA_Q_NAME, "PCF.F*");
	cfif(&b, MQIA_CURRENT_Q_DEPTH, MQCFOP_EQUAL, 0);
	call(&b, &rs);
	names_of(&rs, MQCA_Q_NAME, got, sizeof got);
	CHECK(rs.ok && !strcmp(got, "PCF.F2"), "INQUIRE_Q_STATUS filter CurrentQDepth = 0: %s", got);
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F*");
	cfif(&b, MQIA_MAX_Q_DEPTH, MQCFOP_GREATER, 5000);
	call(&b, &rs);
	MQCFH hh = rs.n ? head(&rs.r[rs.n - 1]) : (MQCFH){ 0 };
	names_of(&rs, MQCA_Q_NAME, got, sizeof got);
	CHECK(rs.ok && hh.CompCode == MQCC_OK && !got[0], "INQUIRE_Q filter matching none: OK, no queue (%d)", (int)hh.Reason);

	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F*");
	cfif(&b, MQIA_MAX_Q_DEPTH, 99, 1);
	expect(&b, MQRCCF_CFIF_OPERATOR_ERROR, "filter operator 99");
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F*");
	cfif(&b, MQIA_MAX_Q_DEPTH, MQCFOP_LIKE, 1);
	expect(&b, MQRCCF_CFIF_OPERATOR_ERROR, "integer filter with LIKE");
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F*");
	cfsf(&b, MQIA_MAX_Q_DEPTH, MQCFOP_EQUAL, "10");
	expect(&b, MQRCCF_CFSF_PARM_ID_ERROR, "string filter on MaxQDepth");
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F*");
	cfif(&b, MQIA_MAX_Q_DEPTH, MQCFOP_GREATER, 1);
	cfsf(&b, MQCA_Q_DESC, MQCFOP_EQUAL, "keep");
	expect(&b, MQRCCF_TOO_MANY_FILTERS, "two filters");
	cfh(&b, MQCMD_CREATE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F3");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	cfif(&b, MQIA_MAX_Q_DEPTH, MQCFOP_GREATER, 1);
	expect(&b, MQRCCF_CFIF_PARM_ID_ERROR, "a filter on CREATE_Q");
	/* a byte string whose StringLength is over its room */
	cfh(&b, MQCMD_INQUIRE_CONNECTION);
	l(&b, MQCFT_BYTE_STRING);
	l(&b, MQCFBS_STRUC_LENGTH_FIXED + 8);
	l(&b, MQBACF_GENERIC_CONNECTION_ID);
	l(&b, 99);
	l(&b, 0);
	l(&b, 0);
	count_parm(&b);
	expect(&b, MQRCCF_CFBS_STRING_LENGTH_ERR, "MQCFBS StringLength 99 in 8 bytes");

	cfh(&b, MQCMD_DELETE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F1");
	cfin(&b, MQIACF_PURGE, MQPO_YES);
	expect(&b, 0, "DELETE_Q PCF.F1");
	cfh(&b, MQCMD_DELETE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.F2");
	expect(&b, 0, "DELETE_Q PCF.F2");
}

static void qmgr(void)
{
	struct buf b;
	struct replies rs;
	char s[256];
	cfh(&b, MQCMD_CHANGE_Q_MGR);
	cfst(&b, MQCA_Q_MGR_DESC, "changed by PCF");
	cfin(&b, MQIA_MAX_HANDLES, 4321);
	expect(&b, 0, "CHANGE_Q_MGR");
	cfh(&b, MQCMD_INQUIRE_Q_MGR);
	call(&b, &rs);
	MQLONG v = 0;
	CHECK(rs.ok && parm_str(&rs.r[0], MQCA_Q_MGR_DESC, s, sizeof s) && !strcmp(s, "changed by PCF") &&
		      parm_int(&rs.r[0], MQIA_MAX_HANDLES, &v) && v == 4321,
	      "INQUIRE_Q_MGR shows what CHANGE_Q_MGR set");
	cfh(&b, MQCMD_CHANGE_Q_MGR);
	cfin(&b, MQIA_MAX_HANDLES, -3);
	expect(&b, MQRCCF_ATTR_VALUE_ERROR, "CHANGE_Q_MGR MaxHandles -3");
	cfh(&b, MQCMD_CHANGE_Q_MGR);
	cfin(&b, MQIA_PLATFORM, MQPL_UNIX);
	expect(&b, MQRCCF_CFIN_PARM_ID_ERROR, "CHANGE_Q_MGR Platform (read-only)");
}

static void status(pid_t child)
{
	struct buf b;
	struct replies rs;
	char text[16384], s[256], want[256];
	MQLONG v;
	MQHOBJ h;

	cfh(&b, MQCMD_CREATE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.S1");
	cfin(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	expect(&b, 0, "CREATE_Q PCF.S1");
	mqt_open(hc, "PCF.S1", MQOO_INPUT_SHARED | MQOO_OUTPUT, &h);
	mqt_put(hc, h, "one", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL);
	mqt_put(hc, h, "two", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL);

	/* queue status, as DISPLAY QSTATUS shows it */
	mqsc("DISPLAY QSTATUS(PCF.S1) TYPE(QUEUE) ALL", text, sizeof text);
	cfh(&b, MQCMD_INQUIRE_Q_STATUS);
	cfst(&b, MQCA_Q_NAME, "PCF.S1");
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1 && head(&rs.r[0]).CompCode == MQCC_OK, "INQUIRE_Q_STATUS PCF.S1: %d reply", rs.n);
	static const struct ta qs[] = {
		{ "CURDEPTH", MQIA_CURRENT_Q_DEPTH, 'i', { { 0 } } },
		{ "IPPROCS", MQIA_OPEN_INPUT_COUNT, 'i', { { 0 } } },
		{ "OPPROCS", MQIA_OPEN_OUTPUT_COUNT, 'i', { { 0 } } },
		{ "LPUTDATE", MQCACF_LAST_PUT_DATE, 's', { { 0 } } },
		{ "LPUTTIME", MQCACF_LAST_PUT_TIME, 's', { { 0 } } },
		{ "UNCOM", MQIACF_UNCOMMITTED_MSGS, 'e', { { "NO", MQQSUM_NO }, { "YES", MQQSUM_YES } } },
		{ NULL, 0, 0, { { 0 } } },
	};
	compare(&rs.r[0], text, qs, "QSTATUS PCF.S1");
	CHECK(parm_int(&rs.r[0], MQIACF_Q_STATUS_TYPE, &v) && v == MQIACF_Q_STATUS, "QStatusType MQIACF_Q_STATUS");
	CHECK(parm_int(&rs.r[0], MQIA_CURRENT_Q_DEPTH, &v) && v == 2, "CurrentQDepth 2");

	/* handles: this program's own, with its connection id */
	cfh(&b, MQCMD_INQUIRE_Q_STATUS);
	cfst(&b, MQCA_Q_NAME, "PCF.S1");
	cfin(&b, MQIACF_Q_STATUS_TYPE, MQIACF_Q_HANDLE);
	call(&b, &rs);
	unsigned char connid[24];
	int mine = -1;
	for (int i = 0; i < rs.n; i++) {
		MQLONG pid = 0, in = -1, out = -1;
		parm_int(&rs.r[i], MQIACF_PROCESS_ID, &pid);
		parm_int(&rs.r[i], MQIACF_OPEN_INPUT_TYPE, &in);
		parm_int(&rs.r[i], MQIACF_OPEN_OUTPUT, &out);
		if (pid == (MQLONG)getpid() && in == MQQSO_SHARED && out == MQQSO_YES &&
		    parm_bytes(&rs.r[i], MQBACF_CONNECTION_ID, connid, sizeof connid) == 24)
			mine = i;
	}
	CHECK(rs.ok && rs.n == 1 && mine == 0, "INQUIRE_Q_STATUS handles: this program's, input shared, output, its ConnectionId");
	cfh(&b, MQCMD_INQUIRE_Q_STATUS);
	cfst(&b, MQCA_Q_NAME, "PCF.S1");
	cfin(&b, MQIACF_Q_STATUS_TYPE, 77);
	expect(&b, MQRCCF_PARM_VALUE_ERROR, "INQUIRE_Q_STATUS with StatusType 77");
	cfh(&b, MQCMD_INQUIRE_Q_STATUS);
	cfst(&b, MQCA_Q_NAME, "PCF.NONE");
	expect(&b, MQRC_UNKNOWN_OBJECT_NAME, "INQUIRE_Q_STATUS of no queue");

	/* the connection: by its id, then every handle of it */
	cfh(&b, MQCMD_INQUIRE_CONNECTION);
	cfbs(&b, MQBACF_CONNECTION_ID, connid, 24);
	call(&b, &rs);
	char cw[17];
	for (int i = 0; i < 8; i++)
		snprintf(cw + 2 * i, 3, "%02X", connid[16 + i]);
	char cmd[64];
	snprintf(cmd, sizeof cmd, "DISPLAY CONN(%s) ALL", cw);
	mqsc(cmd, text, sizeof text);
	static const struct ta cs[] = {
		{ "PID", MQIACF_PROCESS_ID, 'i', { { 0 } } },
		{ "TID", MQIACF_THREAD_ID, 'i', { { 0 } } },
		{ "APPLTAG", MQCACF_APPL_TAG, 's', { { 0 } } },
		{ "USERID", MQCACF_USER_IDENTIFIER, 's', { { 0 } } },
		{ "UOWSTATE", MQIACF_UOW_STATE, 'e', { { "NONE", MQUOWST_NONE }, { "ACTIVE", MQUOWST_ACTIVE } } },
		{ NULL, 0, 0, { { 0 } } },
	};
	CHECK(rs.ok && rs.n == 1 && parm_int(&rs.r[0], MQIACF_CONN_INFO_TYPE, &v) && v == MQIACF_CONN_INFO_CONN,
	      "INQUIRE_CONNECTION of this program: one reply, ConnInfoType CONN");
	compare(&rs.r[0], text, cs, "CONN");
	cfh(&b, MQCMD_INQUIRE_CONNECTION);
	cfbs(&b, MQBACF_CONNECTION_ID, connid, 24);
	cfin(&b, MQIACF_CONN_INFO_TYPE, MQIACF_CONN_INFO_HANDLE);
	call(&b, &rs);
	int q = 0;
	for (int i = 0; i < rs.n; i++)
		if (parm_str(&rs.r[i], MQCACF_OBJECT_NAME, s, sizeof s) && !strcmp(s, "PCF.S1") &&
		    parm_int(&rs.r[i], MQIACF_OBJECT_TYPE, &v) && v == MQOT_Q &&
		    parm_int(&rs.r[i], MQIACF_OPEN_OPTIONS, &v) && v == (MQOO_INPUT_SHARED | MQOO_OUTPUT))
			q++;
	CHECK(rs.ok && q == 1, "INQUIRE_CONNECTION HANDLE: PCF.S1 (its OpenOptions) among its %d handles", rs.n);
	cfh(&b, MQCMD_INQUIRE_CONNECTION);
	cfbs(&b, MQBACF_GENERIC_CONNECTION_ID, connid, 0);
	call(&b, &rs);
	int childconn = -1;
	unsigned char cid[24];
	for (int i = 0; i < rs.n; i++) {
		MQLONG pid = 0;
		if (parm_int(&rs.r[i], MQIACF_PROCESS_ID, &pid) && pid == (MQLONG)child &&
		    parm_bytes(&rs.r[i], MQBACF_CONNECTION_ID, cid, sizeof cid) == 24)
			childconn = i;
	}
	CHECK(rs.ok && rs.n >= 3 && childconn >= 0, "INQUIRE_CONNECTION of all: %d, the child's among them", rs.n);
	cfh(&b, MQCMD_INQUIRE_CONNECTION);
	cfbs(&b, MQBACF_GENERIC_CONNECTION_ID, connid, 0);
	cfif(&b, MQIACF_PROCESS_ID, MQCFOP_EQUAL, (MQLONG)getpid());
	call(&b, &rs);
	MQLONG fpid = 0;
	CHECK(rs.ok && rs.n == 1 && parm_int(&rs.r[0], MQIACF_PROCESS_ID, &fpid) && fpid == (MQLONG)getpid(),
	      "INQUIRE_CONNECTION of all filtered on ProcessId: this program's alone (%d)", rs.n);
	cfh(&b, MQCMD_INQUIRE_CONNECTION);
	expect(&b, MQRCCF_PARM_COUNT_TOO_SMALL, "INQUIRE_CONNECTION without an id");
	cfh(&b, MQCMD_INQUIRE_CONNECTION);
	cfbs(&b, MQBACF_CONNECTION_ID, connid, 20);
	expect(&b, MQRCCF_CONNECTION_ID_ERROR, "INQUIRE_CONNECTION of a 20-byte id");

	/* STOP_CONNECTION of the child's connection */
	unsigned char bogus[24];
	memset(bogus, 0xAB, sizeof bogus);
	cfh(&b, MQCMD_STOP_CONNECTION);
	cfbs(&b, MQBACF_CONNECTION_ID, bogus, 24);
	expect(&b, MQRCCF_CONNECTION_ID_ERROR, "STOP_CONNECTION of no connection");
	if (childconn >= 0) {
		cfh(&b, MQCMD_STOP_CONNECTION);
		cfbs(&b, MQBACF_CONNECTION_ID, cid, 24);
		expect(&b, 0, "STOP_CONNECTION of the child's connection");
		int gone = 0;
		for (int i = 0; i < 50 && !gone; i++) {
			cfh(&b, MQCMD_INQUIRE_CONNECTION);
			cfbs(&b, MQBACF_CONNECTION_ID, cid, 24);
			call(&b, &rs);
			gone = rs.ok && head(&rs.r[rs.n - 1]).Reason == MQRC_UNKNOWN_OBJECT_NAME;
			if (!gone)
				usleep(100000);
		}
		CHECK(gone, "the child's connection is gone");
	}

	/* the queue manager's status */
	mqsc("DISPLAY QMSTATUS ALL", text, sizeof text);
	cfh(&b, MQCMD_INQUIRE_Q_MGR_STATUS);
	call(&b, &rs);
	static const struct ta qms[] = {
		{ "QMNAME", MQCA_Q_MGR_NAME, 's', { { 0 } } },
		{ "STATUS", MQIACF_Q_MGR_STATUS, 'e', { { "RUNNING", MQQMSTA_RUNNING } } },
		{ "STARTDA", MQCACF_Q_MGR_START_DATE, 's', { { 0 } } },
		{ "STARTTI", MQCACF_Q_MGR_START_TIME, 's', { { 0 } } },
		{ "LOGTYPE", MQIACF_LOG_TYPE, 'e', { { "CIRCULAR", MQLOGTYPE_CIRCULAR }, { "LINEAR", MQLOGTYPE_LINEAR } } },
		{ "CURRLOG", MQCACF_CURRENT_LOG_EXTENT_NAME, 's', { { 0 } } },
		{ NULL, 0, 0, { { 0 } } },
	};
	CHECK(rs.ok && rs.n == 1 && parm_int(&rs.r[0], MQIACF_CMD_SERVER_STATUS, &v) && v == MQSVC_STATUS_RUNNING,
	      "INQUIRE_Q_MGR_STATUS: one reply, the command server running");
	compare(&rs.r[0], text, qms, "QMSTATUS");
	CHECK(parm_int(&rs.r[0], MQIACF_CONNECTION_COUNT, &v) && v >= 2, "ConnectionCount %d", (int)v);
	MQLONG only_name[] = { MQCA_Q_MGR_NAME };
	cfh(&b, MQCMD_INQUIRE_Q_MGR_STATUS);
	cfil(&b, MQIACF_Q_MGR_STATUS_ATTRS, 1, only_name);
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1 && parm_str(&rs.r[0], MQCA_Q_MGR_NAME, s, sizeof s) &&
		      !parm_int(&rs.r[0], MQIACF_CONNECTION_COUNT, &v),
	      "INQUIRE_Q_MGR_STATUS with QMStatusAttrs: what was asked");

	/* RESET_Q_MGR: the log moves to its next extent (a linear log) */
	mqsc_val(text, "CURRLOG", want, sizeof want);
	cfh(&b, MQCMD_RESET_Q_MGR);
	cfin(&b, MQIACF_ACTION, MQACT_ADVANCE_LOG);
	expect(&b, 0, "RESET_Q_MGR ADVANCE_LOG");
	mqsc("DISPLAY QMSTATUS LOG", text, sizeof text);
	mqsc_val(text, "CURRLOG", s, sizeof s);
	CHECK(want[0] && s[0] && strcmp(want, s), "CURRLOG %s after %s", s, want);
	cfh(&b, MQCMD_RESET_Q_MGR);
	cfin(&b, MQIACF_ACTION, MQACT_ARCHIVE_LOG);
	expect(&b, MQRCCF_PARM_COUNT_TOO_SMALL, "RESET_Q_MGR ARCHIVE_LOG without the extent");
	cfst(&b, MQCACF_ARCHIVE_LOG_EXTENT_NAME, want);
	/* LogManagement Manual (crtmqm -ll): MQSC's RESET QMGR TYPE(ARCHLOG) refuses (AMQ8953E) */
	expect(&b, MQRCCF_COMMAND_FAILED, "RESET_Q_MGR ARCHIVE_LOG with LogManagement Manual");
	cfh(&b, MQCMD_RESET_Q_MGR);
	cfin(&b, MQIACF_ACTION, MQACT_ARCHIVE_LOG);
	cfst(&b, MQCACF_ARCHIVE_LOG_EXTENT_NAME, "S9999999.LOG");
	expect(&b, MQRCCF_COMMAND_FAILED, "RESET_Q_MGR ARCHIVE_LOG of an extent that is not there");
	cfh(&b, MQCMD_RESET_Q_MGR);
	cfin(&b, MQIACF_ACTION, 99);
	expect(&b, MQRCCF_ACTION_VALUE_ERROR, "RESET_Q_MGR Action 99");
	cfh(&b, MQCMD_RESET_Q_MGR);
	expect(&b, MQRCCF_PARM_COUNT_TOO_SMALL, "RESET_Q_MGR without Action");

	/* topic status */
	cfh(&b, MQCMD_CREATE_TOPIC);
	cfst(&b, MQCA_TOPIC_NAME, "PCF.T3");
	cfst(&b, MQCA_TOPIC_STRING, "pcf/three");
	cfin(&b, MQIA_DURABLE_SUB, MQSUB_DURABLE_INHIBITED);
	expect(&b, 0, "CREATE_TOPIC PCF.T3");
	mqsc("DISPLAY TPSTATUS('pcf/three') ALL", text, sizeof text);
	cfh(&b, MQCMD_INQUIRE_TOPIC_STATUS);
	cfst(&b, MQCA_TOPIC_STRING, "pcf/three");
	call(&b, &rs);
	static const struct ta tps[] = {
		{ "TOPICSTR", MQCA_TOPIC_STRING, 's', { { 0 } } },
		{ "ADMIN", MQCA_ADMIN_TOPIC_NAME, 's', { { 0 } } },
		{ "DURSUB", MQIA_DURABLE_SUB, 'e', { { "YES", MQSUB_DURABLE_ALLOWED }, { "NO", MQSUB_DURABLE_INHIBITED } } },
		{ "DEFPSIST", MQIA_TOPIC_DEF_PERSISTENCE, 'e', { { "NO", MQPER_NOT_PERSISTENT }, { "YES", MQPER_PERSISTENT } } },
		{ "DEFPRTY", MQIA_DEF_PRIORITY, 'i', { { 0 } } },
		{ NULL, 0, 0, { { 0 } } },
	};
	CHECK(rs.ok && rs.n == 1 && head(&rs.r[0]).CompCode == MQCC_OK, "INQUIRE_TOPIC_STATUS pcf/three");
	compare(&rs.r[0], text, tps, "TPSTATUS");
	cfh(&b, MQCMD_INQUIRE_TOPIC_STATUS);
	cfst(&b, MQCA_TOPIC_STRING, "pcf/none");
	expect(&b, MQRCCF_TOPIC_STRING_NOT_FOUND, "INQUIRE_TOPIC_STATUS of no node");
	cfh(&b, MQCMD_INQUIRE_TOPIC_STATUS);
	cfst(&b, MQCA_TOPIC_STRING, "pcf/three");
	cfin(&b, MQIACF_TOPIC_STATUS_TYPE, MQIACF_TOPIC_SUB);
	expect(&b, MQRCCF_TOPIC_STRING_NOT_FOUND, "INQUIRE_TOPIC_STATUS of subscriptions where there are none");

	mqt_close(hc, &h);
	cfh(&b, MQCMD_DELETE_Q);
	cfst(&b, MQCA_Q_NAME, "PCF.S1");
	cfin(&b, MQIACF_PURGE, MQPO_YES);
	expect(&b, 0, "DELETE_Q PCF.S1");
	cfh(&b, MQCMD_DELETE_TOPIC);
	cfst(&b, MQCA_TOPIC_NAME, "PCF.T3");
	expect(&b, 0, "DELETE_TOPIC PCF.T3");
}

/* Damaged requests of the new commands: each answered (its last reply has
 * MQCFC_LAST), and the server still serves a good request after them. */
static void damaged(void)
{
	struct buf good[6], b;
	struct replies rs;
	MQLONG sel[] = { MQIA_MAX_Q_DEPTH, MQCA_Q_DESC };
	cfh(&good[0], MQCMD_INQUIRE_Q);
	cfst(&good[0], MQCA_Q_NAME, "PCF.*");
	cfil(&good[0], MQIACF_Q_ATTRS, 2, sel);
	cfh(&good[1], MQCMD_CREATE_Q);
	cfst(&good[1], MQCA_Q_NAME, "PCF.DMG");
	cfin(&good[1], MQIA_Q_TYPE, MQQT_LOCAL);
	cfst(&good[1], MQCA_Q_DESC, "damaged");
	cfin(&good[1], MQIA_MAX_Q_DEPTH, 7);
	cfh(&good[2], MQCMD_CHANGE_PROCESS);
	cfst(&good[2], MQCA_PROCESS_NAME, "PCF.DMG");
	cfst(&good[2], MQCA_APPL_ID, "x");
	cfh(&good[3], MQCMD_INQUIRE_Q_STATUS);
	cfst(&good[3], MQCA_Q_NAME, "PCF.*");
	cfsf(&good[3], MQCA_Q_NAME, MQCFOP_LIKE, "PCF.*");
	cfh(&good[4], MQCMD_INQUIRE_TOPIC_STATUS);
	cfst(&good[4], MQCA_TOPIC_STRING, "pcf/x");
	cfh(&good[5], MQCMD_COPY_TOPIC);
	cfst(&good[5], MQCACF_FROM_TOPIC_NAME, "SYSTEM.BASE.TOPIC");
	cfst(&good[5], MQCACF_TO_TOPIC_NAME, "PCF.DMG");
	cfst(&good[5], MQCA_TOPIC_STRING, "pcf/dmg");
	unsigned seed = 12345;
	int answered = 0, n = 240;
	for (int i = 0; i < n; i++) {
		b = good[i % 6];
		int flips = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 4;
		for (int f = 0; f < flips; f++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = 36 + (seed >> 8) % (b.n - 36);   /* the parameters, not the MQCFH */
			seed = seed * 1103515245u + 12345u;
			b.b[at] = (unsigned char)(seed >> 16);
		}
		call(&b, &rs);
		answered += rs.ok;
	}
	CHECK(answered == n, "%d of %d damaged requests answered", answered, n);
	cfh(&b, MQCMD_INQUIRE_Q);
	cfst(&b, MQCA_Q_NAME, "CSRV.REPLY");
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1 && head(&rs.r[0]).CompCode == MQCC_OK, "the command server answers still");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mqi_pcf QMGR\n");
		return 2;
	}
	/* a child with a connection of its own, for STOP_CONNECTION: it waits
	 * until its connection is broken (or 30 s) */
	pid_t child = fork();
	if (child == 0) {
		MQHCONN c = mqt_conn(argv[1], 0);
		MQHOBJ ch;
		if (c == MQHC_UNUSABLE_HCONN || mqt_open(c, "CSRV.REPLY", MQOO_INQUIRE, &ch) != MQRC_NONE)
			_exit(2);
		for (int i = 0; i < 300; i++) {
			MQLONG sel = MQIA_CURRENT_Q_DEPTH, d, cc, rc;
			MQINQ(c, ch, 1, &sel, 1, &d, 0, NULL, &cc, &rc);
			if (cc == MQCC_FAILED)
				_exit(0);
			usleep(100000);
		}
		_exit(1);
	}
	usleep(500000);
	if (pcft_open(argv[1]))
		return 2;
	queues();
	processes();
	topics();
	qmgr();
	filters();
	status(child);
	damaged();
	int wst = -1;
	waitpid(child, &wst, 0);
	CHECK(WIFEXITED(wst) && WEXITSTATUS(wst) == 0, "the child saw its connection stopped (%d)", wst);
	return pcft_close();
}
