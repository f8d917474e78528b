/*
 * amqsech: the echo server for amqsreq; a triggered application.
 *
 *   amqsech TriggerMessage
 *
 * The argument is what a trigger monitor passes an application it starts: the
 * trigger message's MQTMC2 structure as one string (StrucId "TMC ", Version
 * "   2", then QName, ProcessName, TriggerData, ApplType, ApplId, EnvData,
 * UserData and QMgrName, each blank-padded to its MQ length).  The program
 * gets the request messages from QName on QMgrName, waiting 5 seconds for each
 * next one (QUIRE_SAMPLE_WAIT=seconds sets another wait), and answers each
 * with the same data on its ReplyToQ and ReplyToQMgr: MsgType MQMT_REPLY, the
 * request's MsgId as CorrelId (its CorrelId with MQRO_PASS_CORREL_ID), a new
 * MsgId unless MQRO_PASS_MSG_ID, and the requester's identity context (the
 * queue opened with MQOO_SAVE_ALL_CONTEXT, the reply put with
 * MQPMO_PASS_IDENTITY_CONTEXT from that handle), as IBM MQ's sample of the
 * same name does.  A
 * message that is not a request is said and not answered.  When the wait
 * expires it ends.  A failed call prints its reason code; the program exits 1.
 *
 * Written for Quire from the behaviour of IBM MQ's sample; it uses only
 * <cmqc.h> and the C library:
 *   cc -Iinclude samples/amqsech.c -Lbuild/lib -lmqm_r -o amqsech
 */
#include <cmqc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WAIT_MS 5000

/* QUIRE_SAMPLE_WAIT seconds in milliseconds, or WAIT_MS. */
static MQLONG wait_ms(void)
{
	const char *s = getenv("QUIRE_SAMPLE_WAIT");
	char *end;
	double sec;
	if (!s || !*s)
		return WAIT_MS;
	sec = strtod(s, &end);
	if (*end || sec < 0 || sec > 86400)
		return WAIT_MS;
	return (MQLONG)(sec * 1000 + 0.5);
}

int main(int argc, char **argv)
{
	MQTMC2 tmc;
	MQHCONN hconn = MQHC_UNUSABLE_HCONN;
	MQHOBJ hobj = MQHO_UNUSABLE_HOBJ;
	MQOD od = {MQOD_DEFAULT}, rod = {MQOD_DEFAULT};
	MQMD md = {MQMD_DEFAULT};
	MQGMO gmo = {MQGMO_DEFAULT};
	MQPMO pmo = {MQPMO_DEFAULT};
	MQLONG cc, reason, conn_reason, datalen;
	MQCHAR48 qmname;
	char buf[65536];
	size_t arglen;
	int failed = 0;

	printf("Sample AMQSECHA start\n");
	arglen = argc == 2 ? strlen(argv[1]) : 0;
	if (argc != 2 || arglen < sizeof tmc.StrucId || memcmp(argv[1], MQTMC_STRUC_ID, 4) != 0) {
		printf("usage: amqsech TriggerMessage (an MQTMC2 as a string, as a trigger monitor passes it)\n");
		printf("Sample AMQSECHA end\n");
		return 1;
	}
	/* a short argument (trailing blanks dropped on the way) reads as blanks */
	memset(&tmc, ' ', sizeof tmc);
	memcpy(&tmc, argv[1], arglen < sizeof tmc ? arglen : sizeof tmc);

	memcpy(qmname, tmc.QMgrName, sizeof qmname);
	MQCONN(qmname, &hconn, &cc, &conn_reason);
	if (cc == MQCC_FAILED) {
		printf("MQCONN ended with reason code %d\n", (int)conn_reason);
		printf("Sample AMQSECHA end\n");
		return 1;
	}

	memcpy(od.ObjectName, tmc.QName, sizeof od.ObjectName);
	MQOPEN(hconn, &od, MQOO_INPUT_AS_Q_DEF | MQOO_SAVE_ALL_CONTEXT | MQOO_FAIL_IF_QUIESCING, &hobj, &cc, &reason);
	if (reason != MQRC_NONE)
		printf("MQOPEN ended with reason code %d\n", (int)reason);
	if (cc == MQCC_FAILED) {
		printf("unable to open queue for input\n");
		failed = 1;
	}

	gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT | MQGMO_CONVERT | MQGMO_ACCEPT_TRUNCATED_MSG |
		      MQGMO_FAIL_IF_QUIESCING;
	gmo.WaitInterval = wait_ms();
	while (!failed) {
		memcpy(md.MsgId, MQMI_NONE, sizeof md.MsgId);
		memcpy(md.CorrelId, MQCI_NONE, sizeof md.CorrelId);
		md.Encoding = MQENC_NATIVE;
		md.CodedCharSetId = MQCCSI_Q_MGR;
		MQGET(hconn, hobj, &md, &gmo, (MQLONG)sizeof buf, buf, &datalen, &cc, &reason);
		if (reason == MQRC_NO_MSG_AVAILABLE)
			break;
		if (reason != MQRC_NONE && reason != MQRC_TRUNCATED_MSG_ACCEPTED)
			printf("MQGET ended with reason code %d\n", (int)reason);
		if (cc == MQCC_FAILED) {
			failed = 1;
			break;
		}
		if (md.MsgType != MQMT_REQUEST) {
			printf("message is not a request (MsgType %d): not answered\n", (int)md.MsgType);
			continue;
		}
		/* the reply: the same data, to where the request says */
		memcpy(rod.ObjectName, md.ReplyToQ, sizeof rod.ObjectName);
		memcpy(rod.ObjectQMgrName, md.ReplyToQMgr, sizeof rod.ObjectQMgrName);
		if (!(md.Report & MQRO_PASS_CORREL_ID))
			memcpy(md.CorrelId, md.MsgId, sizeof md.CorrelId);
		pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_PASS_IDENTITY_CONTEXT | MQPMO_FAIL_IF_QUIESCING;
		pmo.Context = hobj;   /* the request's identity, saved by its get */
		if (!(md.Report & MQRO_PASS_MSG_ID))
			pmo.Options |= MQPMO_NEW_MSG_ID;
		md.MsgType = MQMT_REPLY;
		md.Report = MQRO_NONE;
		memset(md.ReplyToQ, ' ', sizeof md.ReplyToQ);
		memset(md.ReplyToQMgr, ' ', sizeof md.ReplyToQMgr);
		MQPUT1(hconn, &rod, &md, &pmo, datalen < (MQLONG)sizeof buf ? datalen : (MQLONG)sizeof buf, buf, &cc,
		       &reason);
		if (reason != MQRC_NONE)
			printf("MQPUT1 ended with reason code %d\n", (int)reason);
		if (cc == MQCC_FAILED)
			failed = 1;
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
	printf("Sample AMQSECHA end\n");
	return failed;
}
