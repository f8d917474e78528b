/*
 * amqsinq: inquire the attributes of a queue with MQINQ and print them, one
 * per line, with their MQSC names: CURDEPTH(3), MAXDEPTH(5000), PUT(ENABLED)...
 *
 *   amqsinq QName [QMgrName]
 *
 * Opens the queue for inquire and asks for every attribute in the table
 * below in one MQINQ call: integer values come back in selector order in
 * IntAttrs, character values one after the other in CharAttrs, each at its
 * full MQ length.  Attributes that do not apply to this type of queue (an
 * alias queue has no depth) come back as MQIAV_NOT_APPLICABLE or asterisks
 * with warning 2068, and are left out.  If the queue manager does not know
 * one of the selectors (2067), each attribute is asked for on its own and
 * the unknown ones are left out.  A failed call prints its reason code and
 * the program exits 1.
 *
 * IBM MQ has a sample of this name with another purpose (a server that
 * answers inquiry requests); this one shows MQINQ from the command line.
 * It uses only <cmqc.h> and the C library:
 *   cc -Iinclude samples/amqsinq.c -Lbuild/lib -lmqm_r -o amqsinq
 */
#include <cmqc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How a value prints: a number, a name from a list, a keyword pair such as
 * SHARE/NOSHARE, or text. */
enum kind { K_INT, K_ENUM, K_FLAG, K_CHARS };

struct name_of { MQLONG v; const char *name; };

struct attr {
	MQLONG sel;
	const char *kw;              /* MQSC keyword; K_FLAG: the keyword for 1 */
	enum kind kind;
	MQLONG len;                  /* K_CHARS: the MQ length of the value */
	const struct name_of *names; /* K_ENUM; K_FLAG: names[0] is the keyword for 0 */
};

static const struct name_of qtypes[] = {
	{MQQT_LOCAL, "QLOCAL"}, {MQQT_MODEL, "QMODEL"}, {MQQT_ALIAS, "QALIAS"},
	{MQQT_REMOTE, "QREMOTE"}, {MQQT_CLUSTER, "QCLUSTER"}, {0, NULL}};
static const struct name_of enabled[] = {
	{MQQA_PUT_ALLOWED, "ENABLED"}, {MQQA_PUT_INHIBITED, "DISABLED"}, {0, NULL}};
static const struct name_of yesno[] = {
	{MQPER_NOT_PERSISTENT, "NO"}, {MQPER_PERSISTENT, "YES"}, {0, NULL}};
static const struct name_of sopt[] = {
	{MQOO_INPUT_SHARED, "SHARED"}, {MQOO_INPUT_EXCLUSIVE, "EXCL"}, {0, NULL}};
static const struct name_of dlvsq[] = {
	{MQMDS_PRIORITY, "PRIORITY"}, {MQMDS_FIFO, "FIFO"}, {0, NULL}};
static const struct name_of usage[] = {
	{MQUS_NORMAL, "NORMAL"}, {MQUS_TRANSMISSION, "XMITQ"}, {0, NULL}};
static const struct name_of deftype[] = {
	{MQQDT_PREDEFINED, "PREDEFINED"}, {MQQDT_PERMANENT_DYNAMIC, "PERMDYN"},
	{MQQDT_TEMPORARY_DYNAMIC, "TEMPDYN"}, {MQQDT_SHARED_DYNAMIC, "SHAREDYN"}, {0, NULL}};
static const struct name_of indxtype[] = {
	{MQIT_NONE, "NONE"}, {MQIT_MSG_ID, "MSGID"}, {MQIT_CORREL_ID, "CORRELID"},
	{MQIT_MSG_TOKEN, "MSGTOKEN"}, {MQIT_GROUP_ID, "GROUPID"}, {0, NULL}};
static const struct name_of trigtype[] = {
	{MQTT_NONE, "NONE"}, {MQTT_FIRST, "FIRST"}, {MQTT_EVERY, "EVERY"}, {MQTT_DEPTH, "DEPTH"}, {0, NULL}};
static const struct name_of noshare[] = {{0, "NOSHARE"}};
static const struct name_of nohardenbo[] = {{0, "NOHARDENBO"}};
static const struct name_of notrigger[] = {{0, "NOTRIGGER"}};

static const struct attr attrs[] = {
	{MQCA_Q_NAME, "QUEUE", K_CHARS, MQ_Q_NAME_LENGTH, NULL},
	{MQIA_Q_TYPE, "TYPE", K_ENUM, 0, qtypes},
	{MQCA_Q_DESC, "DESCR", K_CHARS, MQ_Q_DESC_LENGTH, NULL},
	{MQCA_BASE_Q_NAME, "TARGET", K_CHARS, MQ_Q_NAME_LENGTH, NULL},
	{MQIA_CURRENT_Q_DEPTH, "CURDEPTH", K_INT, 0, NULL},
	{MQIA_MAX_Q_DEPTH, "MAXDEPTH", K_INT, 0, NULL},
	{MQIA_MAX_MSG_LENGTH, "MAXMSGL", K_INT, 0, NULL},
	{MQIA_INHIBIT_PUT, "PUT", K_ENUM, 0, enabled},
	{MQIA_INHIBIT_GET, "GET", K_ENUM, 0, enabled},
	{MQIA_DEF_PERSISTENCE, "DEFPSIST", K_ENUM, 0, yesno},
	{MQIA_DEF_PRIORITY, "DEFPRTY", K_INT, 0, NULL},
	{MQIA_DEF_INPUT_OPEN_OPTION, "DEFSOPT", K_ENUM, 0, sopt},
	{MQIA_SHAREABILITY, "SHARE", K_FLAG, 0, noshare},
	{MQIA_MSG_DELIVERY_SEQUENCE, "MSGDLVSQ", K_ENUM, 0, dlvsq},
	{MQIA_USAGE, "USAGE", K_ENUM, 0, usage},
	{MQIA_DEFINITION_TYPE, "DEFTYPE", K_ENUM, 0, deftype},
	{MQIA_INDEX_TYPE, "INDXTYPE", K_ENUM, 0, indxtype},
	{MQIA_OPEN_INPUT_COUNT, "IPPROCS", K_INT, 0, NULL},
	{MQIA_OPEN_OUTPUT_COUNT, "OPPROCS", K_INT, 0, NULL},
	{MQIA_BACKOUT_THRESHOLD, "BOTHRESH", K_INT, 0, NULL},
	{MQCA_BACKOUT_REQ_Q_NAME, "BOQNAME", K_CHARS, MQ_Q_NAME_LENGTH, NULL},
	{MQIA_HARDEN_GET_BACKOUT, "HARDENBO", K_FLAG, 0, nohardenbo},
	{MQIA_RETENTION_INTERVAL, "RETINTVL", K_INT, 0, NULL},
	{MQIA_Q_DEPTH_HIGH_LIMIT, "QDEPTHHI", K_INT, 0, NULL},
	{MQIA_Q_DEPTH_LOW_LIMIT, "QDEPTHLO", K_INT, 0, NULL},
	{MQIA_TRIGGER_CONTROL, "TRIGGER", K_FLAG, 0, notrigger},
	{MQIA_TRIGGER_TYPE, "TRIGTYPE", K_ENUM, 0, trigtype},
	{MQIA_TRIGGER_DEPTH, "TRIGDPTH", K_INT, 0, NULL},
	{MQIA_TRIGGER_MSG_PRIORITY, "TRIGMPRI", K_INT, 0, NULL},
	{MQCA_INITIATION_Q_NAME, "INITQ", K_CHARS, MQ_Q_NAME_LENGTH, NULL},
	{MQCA_PROCESS_NAME, "PROCESS", K_CHARS, MQ_PROCESS_NAME_LENGTH, NULL},
	{MQCA_TRIGGER_DATA, "TRIGDATA", K_CHARS, MQ_TRIGGER_DATA_LENGTH, NULL},
	{MQCA_CREATION_DATE, "CRDATE", K_CHARS, MQ_CREATION_DATE_LENGTH, NULL},
	{MQCA_CREATION_TIME, "CRTIME", K_CHARS, MQ_CREATION_TIME_LENGTH, NULL},
	{MQCA_ALTERATION_DATE, "ALTDATE", K_CHARS, MQ_DATE_LENGTH, NULL},
	{MQCA_ALTERATION_TIME, "ALTTIME", K_CHARS, MQ_TIME_LENGTH, NULL},
};
#define NATTRS ((int)(sizeof attrs / sizeof attrs[0]))

static void set_name(MQCHAR *field, size_t size, const char *name)
{
	size_t n = strlen(name);
	memset(field, 0, size);
	memcpy(field, name, n < size ? n : size);
}

static int is_int(MQLONG sel)
{
	return sel >= MQIA_FIRST && sel <= MQIA_LAST;
}

/* Print one attribute; values that do not apply to this queue are skipped. */
static void print_attr(const struct attr *a, MQLONG ival, const MQCHAR *cval)
{
	if (a->kind == K_CHARS) {
		MQLONG n = a->len, i;
		int stars = 1;
		for (i = 0; i < n; i++)
			if (cval[i] != '*')
				stars = 0;
		if (stars)
			return;
		while (n > 0 && (cval[n - 1] == ' ' || cval[n - 1] == '\0'))
			n--;
		printf("  %s(%.*s)\n", a->kw, (int)n, cval);
		return;
	}
	if (ival == MQIAV_NOT_APPLICABLE)
		return;
	if (a->kind == K_FLAG) {
		printf("  %s\n", ival ? a->kw : a->names[0].name);
	} else if (a->kind == K_ENUM) {
		const struct name_of *n;
		for (n = a->names; n->name; n++)
			if (n->v == ival) {
				printf("  %s(%s)\n", a->kw, n->name);
				return;
			}
		printf("  %s(%d)\n", a->kw, (int)ival);
	} else {
		printf("  %s(%d)\n", a->kw, (int)ival);
	}
}

/* Every attribute in one MQINQ.  Returns the reason code of the call. */
static MQLONG inquire_all(MQHCONN hconn, MQHOBJ hobj)
{
	MQLONG sel[NATTRS], ints[NATTRS], cc, reason;
	MQCHAR chars[NATTRS * MQ_TRIGGER_DATA_LENGTH];
	MQLONG nint = 0, nchar = 0;
	int i;

	for (i = 0; i < NATTRS; i++) {
		sel[i] = attrs[i].sel;
		if (is_int(sel[i]))
			nint++;
		else
			nchar += attrs[i].len;
	}
	MQINQ(hconn, hobj, NATTRS, sel, nint, ints, nchar, chars, &cc, &reason);
	if (cc == MQCC_FAILED)
		return reason;
	if (reason != MQRC_NONE && reason != MQRC_SELECTOR_NOT_FOR_TYPE)
		printf("MQINQ ended with reason code %d\n", (int)reason);
	{
		MQLONG ii = 0, ci = 0;
		for (i = 0; i < NATTRS; i++) {
			if (is_int(sel[i])) {
				print_attr(&attrs[i], ints[ii++], NULL);
			} else {
				print_attr(&attrs[i], 0, chars + ci);
				ci += attrs[i].len;
			}
		}
	}
	return MQRC_NONE;
}

/* One MQINQ per attribute, leaving out those the queue manager refuses. */
static MQLONG inquire_each(MQHCONN hconn, MQHOBJ hobj)
{
	int i;
	for (i = 0; i < NATTRS; i++) {
		MQLONG sel = attrs[i].sel, ival = 0, cc, reason;
		MQCHAR cval[MQ_TRIGGER_DATA_LENGTH];
		if (is_int(sel))
			MQINQ(hconn, hobj, 1, &sel, 1, &ival, 0, NULL, &cc, &reason);
		else
			MQINQ(hconn, hobj, 1, &sel, 0, NULL, attrs[i].len, cval, &cc, &reason);
		if (reason == MQRC_SELECTOR_ERROR || reason == MQRC_SELECTOR_NOT_FOR_TYPE)
			continue;
		if (cc == MQCC_FAILED)
			return reason;
		print_attr(&attrs[i], ival, cval);
	}
	return MQRC_NONE;
}

int main(int argc, char **argv)
{
	MQCHAR48 qmname;
	MQHCONN hconn = MQHC_UNUSABLE_HCONN;
	MQHOBJ hobj = MQHO_UNUSABLE_HOBJ;
	MQOD od = {MQOD_DEFAULT};
	MQLONG cc, reason, conn_reason;
	int failed = 0;

	printf("Sample AMQSINQ0 start\n");
	if (argc < 2 || argc > 3) {
		printf("usage: amqsinq QName [QMgrName]\n");
		printf("Sample AMQSINQ0 end\n");
		return 1;
	}

	set_name(qmname, sizeof qmname, argc > 2 ? argv[2] : "");
	MQCONN(qmname, &hconn, &cc, &conn_reason);
	if (cc == MQCC_FAILED) {
		printf("MQCONN ended with reason code %d\n", (int)conn_reason);
		printf("Sample AMQSINQ0 end\n");
		return 1;
	}

	set_name(od.ObjectName, sizeof od.ObjectName, argv[1]);
	MQOPEN(hconn, &od, MQOO_INQUIRE | MQOO_FAIL_IF_QUIESCING, &hobj, &cc, &reason);
	if (reason != MQRC_NONE)
		printf("MQOPEN ended with reason code %d\n", (int)reason);
	if (cc == MQCC_FAILED) {
		printf("unable to open queue for inquire\n");
		failed = 1;
	} else {
		printf("attributes of queue %s\n", argv[1]);
		reason = inquire_all(hconn, hobj);
		if (reason == MQRC_SELECTOR_ERROR)
			reason = inquire_each(hconn, hobj);
		if (reason != MQRC_NONE) {
			printf("MQINQ ended with reason code %d\n", (int)reason);
			failed = 1;
		}
	}

	if (hobj != MQHO_UNUSABLE_HOBJ) {
		MQCLOSE(hconn, &hobj, MQCO_NONE, &cc, &reason);
		if (reason != MQRC_NONE) {
			printf("MQCLOSE ended with reason code %d\n", (int)reason);
			failed = 1;
		}
	}
	if (conn_reason != MQRC_ALREADY_CONNECTED) {
		MQDISC(&hconn, &cc, &reason);
		if (reason != MQRC_NONE) {
			printf("MQDISC ended with reason code %d\n", (int)reason);
			failed = 1;
		}
	}
	printf("Sample AMQSINQ0 end\n");
	return failed;
}
