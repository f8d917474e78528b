/*
 * amqsgbr: browse a queue and print the start of each message, leaving every
 * message where it is.
 *
 *   amqsgbr QName [QMgrName]
 *
 * Opens the queue for browse and browses from the first message to the last
 * with MQGMO_BROWSE_NEXT, asking for the data in the queue manager's
 * character set (MQGMO_CONVERT) and accepting truncation: each message is
 * printed as "<number> <first 50 characters>", numbered from 1 in queue
 * order, as IBM MQ's sample of the same name does.  It does not wait: when
 * the cursor reaches the end it prints "no more messages".  A failed call
 * prints its reason code and the program exits 1.
 *
 * Written for Quire from the behaviour of IBM MQ's sample; it uses only
 * <cmqc.h> and the C library:
 *   cc -Iinclude samples/amqsgbr.c -Lbuild/lib -lmqm_r -o amqsgbr
 */
#include <cmqc.h>

#include <stdio.h>
#include <string.h>

#define SHOWN 50   /* characters of each message printed */

static void set_name(MQCHAR *field, size_t size, const char *name)
{
	size_t n = strlen(name);
	memset(field, 0, size);
	memcpy(field, name, n < size ? n : size);
}

int main(int argc, char **argv)
{
	MQCHAR48 qmname;
	MQHCONN hconn = MQHC_UNUSABLE_HCONN;
	MQHOBJ hobj = MQHO_UNUSABLE_HOBJ;
	MQOD od = {MQOD_DEFAULT};
	MQMD md = {MQMD_DEFAULT};
	MQGMO gmo = {MQGMO_DEFAULT};
	MQLONG cc, reason, conn_reason, datalen;
	char buf[SHOWN];
	int failed = 0, n = 0;

	printf("Sample AMQSGBR0 (browse) start\n");
	if (argc < 2 || argc > 3) {
		printf("usage: amqsgbr QName [QMgrName]\n");
		printf("Sample AMQSGBR0 (browse) end\n");
		return 1;
	}

	set_name(qmname, sizeof qmname, argc > 2 ? argv[2] : "");
	MQCONN(qmname, &hconn, &cc, &conn_reason);
	if (cc == MQCC_FAILED) {
		printf("MQCONN ended with reason code %d\n", (int)conn_reason);
		printf("Sample AMQSGBR0 (browse) end\n");
		return 1;
	}

	set_name(od.ObjectName, sizeof od.ObjectName, argv[1]);
	MQOPEN(hconn, &od, MQOO_BROWSE | MQOO_FAIL_IF_QUIESCING, &hobj, &cc, &reason);
	if (reason != MQRC_NONE)
		printf("MQOPEN ended with reason code %d\n", (int)reason);
	if (cc == MQCC_FAILED) {
		printf("unable to open queue for browse\n");
		failed = 1;
	} else {
		printf("\nMessages for %s\n\n", argv[1]);
	}

	gmo.Options = MQGMO_BROWSE_NEXT | MQGMO_NO_WAIT | MQGMO_ACCEPT_TRUNCATED_MSG | MQGMO_CONVERT |
		      MQGMO_FAIL_IF_QUIESCING;
	while (!failed) {
		/* A version 1 MQGMO matches on MsgId and CorrelId: ask for any message,
		 * in the queue manager's character set. */
		memcpy(md.MsgId, MQMI_NONE, sizeof md.MsgId);
		memcpy(md.CorrelId, MQCI_NONE, sizeof md.CorrelId);
		md.Encoding = MQENC_NATIVE;
		md.CodedCharSetId = MQCCSI_Q_MGR;
		MQGET(hconn, hobj, &md, &gmo, (MQLONG)sizeof buf, buf, &datalen, &cc, &reason);
		if (reason == MQRC_NO_MSG_AVAILABLE) {
			printf("no more messages\n");
			break;
		}
		/* a long message is only shown in part; a conversion warning is said */
		if (reason != MQRC_NONE && reason != MQRC_TRUNCATED_MSG_ACCEPTED)
			printf("MQGET ended with reason code %d\n", (int)reason);
		if (cc == MQCC_FAILED) {
			failed = 1;
			break;
		}
		printf("%d <%.*s>\n", ++n, (int)(datalen < (MQLONG)sizeof buf ? datalen : (MQLONG)sizeof buf), buf);
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
	printf("Sample AMQSGBR0 (browse) end\n");
	return failed;
}
