/*
 * amqsreq: send each line of standard input as a request and print the
 * replies.
 *
 *   amqsreq QName [QMgrName [ReplyToQ]]
 *
 * Opens the reply queue for input: ReplyToQ if given, else the model queue
 * SYSTEM.SAMPLE.REPLY, whose dynamic queue (AMQ.*) goes away when the
 * program ends.  Then puts each line of standard input on QName as a request
 * message (MQMT_REQUEST, format MQSTR, not under syncpoint, a new MsgId,
 * MQRO_EXCEPTION_WITH_DATA, ReplyToQ that queue) until the end of input or an
 * empty line, and gets the replies, printing each as "response <text>" (a
 * report as "report with feedback = N").  It waits 5 minutes for the first
 * reply, as IBM MQ's sample of the same name does, and 15 seconds for each
 * next one; QUIRE_SAMPLE_WAIT=seconds sets both.  "no more replies" when the
 * wait expires.  A failed call prints its reason code and the program exits 1.
 *
 * amqsech answers such requests (see samples/README.md).
 *
 * Written for Quire from the behaviour of IBM MQ's sample; it uses only
 * <cmqc.h> and the C library:
 *   cc -Iinclude samples/amqsreq.c -Lbuild/lib -lmqm_r -o amqsreq
 */
#include <cmqc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_WAIT_MS 300000
#define NEXT_WAIT_MS 15000

static void set_name(MQCHAR *field, size_t size, const char *name)
{
	size_t n = strlen(name);
	memset(field, 0, size);
	memcpy(field, name, n < size ? n : size);
}

/* QUIRE_SAMPLE_WAIT seconds in milliseconds, or dflt. */
static MQLONG wait_ms(MQLONG dflt)
{
	const char *s = getenv("QUIRE_SAMPLE_WAIT");
	char *end;
	double sec;
	if (!s || !*s)
		return dflt;
	sec = strtod(s, &end);
	if (*end || sec < 0 || sec > 86400)
		return dflt;
	return (MQLONG)(sec * 1000 + 0.5);
}

/* A fixed field as text, without its trailing blanks and NULs. */
static int field_len(const MQCHAR *f, int n)
{
	while (n > 0 && (f[n - 1] == ' ' || f[n - 1] == '\0'))
		n--;
	return n;
}

int main(int argc, char **argv)
{
	MQCHAR48 qmname;
	MQHCONN hconn = MQHC_UNUSABLE_HCONN;
	MQHOBJ hout = MQHO_UNUSABLE_HOBJ, hreply = MQHO_UNUSABLE_HOBJ;
	MQOD od = {MQOD_DEFAULT}, rod = {MQOD_DEFAULT};
	MQMD md = {MQMD_DEFAULT};
	MQPMO pmo = {MQPMO_DEFAULT};
	MQGMO gmo = {MQGMO_DEFAULT};
	MQLONG cc, reason, conn_reason, datalen;
	char buf[65536];
	int failed = 0, first = 1;

	printf("Sample AMQSREQ0 start\n");
	if (argc < 2 || argc > 4) {
		printf("usage: amqsreq QName [QMgrName [ReplyToQ]]\n");
		printf("Sample AMQSREQ0 end\n");
		return 1;
	}

	set_name(qmname, sizeof qmname, argc > 2 ? argv[2] : "");
	MQCONN(qmname, &hconn, &cc, &conn_reason);
	if (cc == MQCC_FAILED) {
		printf("MQCONN ended with reason code %d\n", (int)conn_reason);
		printf("Sample AMQSREQ0 end\n");
		return 1;
	}

	/* the queue the requests go to */
	set_name(od.ObjectName, sizeof od.ObjectName, argv[1]);
	MQOPEN(hconn, &od, MQOO_OUTPUT | MQOO_FAIL_IF_QUIESCING, &hout, &cc, &reason);
	if (reason != MQRC_NONE)
		printf("MQOPEN ended with reason code %d\n", (int)reason);
	if (cc == MQCC_FAILED) {
		printf("unable to open server queue for output\n");
		failed = 1;
	} else {
		printf("server queue is %s\n", argv[1]);
	}

	/* the queue the replies come to: a dynamic queue of the model unless named */
	if (!failed) {
		set_name(rod.ObjectName, sizeof rod.ObjectName, argc > 3 ? argv[3] : "SYSTEM.SAMPLE.REPLY");
		set_name(rod.DynamicQName, sizeof rod.DynamicQName, "AMQ.*");
		MQOPEN(hconn, &rod, MQOO_INPUT_EXCLUSIVE | MQOO_FAIL_IF_QUIESCING, &hreply, &cc, &reason);
		if (reason != MQRC_NONE)
			printf("MQOPEN ended with reason code %d\n", (int)reason);
		if (cc == MQCC_FAILED) {
			printf("unable to open reply queue\n");
			failed = 1;
		} else {
			printf("replies to %.*s\n", field_len(rod.ObjectName, MQ_Q_NAME_LENGTH), rod.ObjectName);
		}
	}

	/* the requests */
	pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID | MQPMO_NEW_CORREL_ID | MQPMO_FAIL_IF_QUIESCING;
	while (!failed && fgets(buf, sizeof buf, stdin)) {
		size_t n = strlen(buf);
		if (n > 0 && buf[n - 1] == '\n')
			buf[--n] = '\0';
		if (n == 0)
			break;
		memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
		md.MsgType = MQMT_REQUEST;
		md.Report = MQRO_EXCEPTION_WITH_DATA;
		memcpy(md.ReplyToQ, rod.ObjectName, MQ_Q_NAME_LENGTH);
		memset(md.ReplyToQMgr, 0, sizeof md.ReplyToQMgr);
		MQPUT(hconn, hout, &md, &pmo, (MQLONG)n, buf, &cc, &reason);
		if (reason != MQRC_NONE)
			printf("MQPUT ended with reason code %d\n", (int)reason);
		if (cc == MQCC_FAILED)
			failed = 1;
	}

	/* the replies */
	gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT | MQGMO_CONVERT | MQGMO_ACCEPT_TRUNCATED_MSG |
		      MQGMO_FAIL_IF_QUIESCING;
	while (!failed && hreply != MQHO_UNUSABLE_HOBJ) {
		gmo.WaitInterval = first ? wait_ms(FIRST_WAIT_MS) : wait_ms(NEXT_WAIT_MS);
		memcpy(md.MsgId, MQMI_NONE, sizeof md.MsgId);
		memcpy(md.CorrelId, MQCI_NONE, sizeof md.CorrelId);
		md.Encoding = MQENC_NATIVE;
		md.CodedCharSetId = MQCCSI_Q_MGR;
		MQGET(hconn, hreply, &md, &gmo, (MQLONG)sizeof buf - 1, buf, &datalen, &cc, &reason);
		if (reason == MQRC_NO_MSG_AVAILABLE) {
			printf("no more replies\n");
			break;
		}
		if (reason != MQRC_NONE && reason != MQRC_TRUNCATED_MSG_ACCEPTED)
			printf("MQGET ended with reason code %d\n", (int)reason);
		if (cc == MQCC_FAILED) {
			failed = 1;
			break;
		}
		first = 0;
		if (md.MsgType == MQMT_REPORT)
			printf("  report with feedback = %d\n", (int)md.Feedback);
		printf("response <%.*s>\n", (int)(datalen < (MQLONG)sizeof buf - 1 ? datalen : (MQLONG)sizeof buf - 1),
		       buf);
	}

	if (hout != MQHO_UNUSABLE_HOBJ) {
		MQCLOSE(hconn, &hout, MQCO_NONE, &cc, &reason);
		if (reason != MQRC_NONE) {
			printf("MQCLOSE ended with reason code %d\n", (int)reason);
			failed = 1;
		}
	}
	if (hreply != MQHO_UNUSABLE_HOBJ) {
		MQCLOSE(hconn, &hreply, MQCO_NONE, &cc, &reason);
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
	printf("Sample AMQSREQ0 end\n");
	return failed;
}
