/*
 * amqscbf: consume messages from one or more queues with a callback
 * (MQCB and MQCTL), in the order they arrive, until Enter is pressed.
 *
 *   amqscbf [-m QMgrName] [-o OpenOptions] QName [QName ...]   (up to 10 queues)
 *
 * Registers one message consumer per queue (opened MQOO_INPUT_AS_Q_DEF +
 * MQOO_FAIL_IF_QUIESCING unless -o gives the options as a number), starts the
 * connection with MQOP_START and waits for a line on standard input (or its
 * end), then stops it.  The consumer runs on a thread of libmqm; for each
 * message it prints "Message Call (<n> Bytes) :" and the first 200 bytes (a
 * non-printing byte as '.'), and for an event "Event Call : Reason = <n>", as
 * IBM MQ's sample of the same name does.  `-r` (reconnect options of client
 * connections) is accepted and ignored: Quire connects locally.
 *
 * Written for Quire from the behaviour of IBM MQ's sample; it uses only
 * <cmqc.h> and the C library:
 *   cc -Iinclude samples/amqscbf.c -Lbuild/lib -lmqm_r -o amqscbf
 */
#include <cmqc.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_QUEUES 10
#define SHOWN 200

static void MQENTRY consumer(MQHCONN hconn, PMQVOID pmd, PMQVOID pgmo, PMQVOID buffer, PMQCBC context)
{
	PMQGMO gmo = pgmo;
	const unsigned char *data = buffer;
	(void)hconn;
	(void)pmd;
	switch (context->CallType) {
	case MQCBCT_MSG_REMOVED:
	case MQCBCT_MSG_NOT_REMOVED: {
		MQLONG n = gmo->ReturnedLength;
		if (context->Reason)
			printf("Message Call (%d Bytes) : Reason = %d\n", (int)n, (int)context->Reason);
		else
			printf("Message Call (%d Bytes) :\n", (int)n);
		for (MQLONG i = 0; i < n && i < SHOWN; i++)
			putchar(isprint(data[i]) ? data[i] : '.');
		putchar('\n');
		break;
	}
	case MQCBCT_EVENT_CALL:
		printf("Event Call : Reason = %d\n", (int)context->Reason);
		break;
	default:
		printf("Calltype = %d\n", (int)context->CallType);
		break;
	}
	fflush(stdout);
}

static void set_name(MQCHAR *field, size_t size, const char *name)
{
	size_t n = strlen(name);
	memset(field, 0, size);
	memcpy(field, name, n < size ? n : size);
}

static int usage(void)
{
	fprintf(stderr, "Usage: amqscbf [-m QMgrName] [-o OpenOptions] [-r d|r|m] QName [QName ...]\n");
	return 1;
}

int main(int argc, char **argv)
{
	MQCHAR48 qmname;
	MQHCONN hconn = MQHC_UNUSABLE_HCONN;
	MQCNO cno = {MQCNO_DEFAULT};
	MQCTLO ctlo = {MQCTLO_DEFAULT};
	MQLONG cc, rc = MQRC_NONE, oopts = MQOO_INPUT_AS_Q_DEF | MQOO_FAIL_IF_QUIESCING;
	const char *qm = "", *queues[MAX_QUEUES];
	int nq = 0, status = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-m") == 0 && i + 1 < argc)
			qm = argv[++i];
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			oopts = (MQLONG)atol(argv[++i]);
		else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
			i++;
		else if (argv[i][0] == '-' || nq == MAX_QUEUES)
			return usage();
		else
			queues[nq++] = argv[i];
	}
	if (nq == 0)
		return usage();
	printf("Sample AMQSCBF0 start\n");
	set_name(qmname, sizeof qmname, qm);
	MQCONNX(qmname, &cno, &hconn, &cc, &rc);
	if (cc == MQCC_FAILED) {
		printf("MQCONNX ended with reason code %d\n", (int)rc);
		return 1;
	}
	for (int i = 0; i < nq; i++) {
		MQOD od = {MQOD_DEFAULT};
		MQMD md = {MQMD_DEFAULT};
		MQGMO gmo = {MQGMO_DEFAULT};
		MQCBD cbd = {MQCBD_DEFAULT};
		MQHOBJ hobj;
		set_name(od.ObjectName, sizeof od.ObjectName, queues[i]);
		MQOPEN(hconn, &od, oopts, &hobj, &cc, &rc);
		if (cc == MQCC_FAILED) {
			printf("MQOPEN ended with reason code %d\n", (int)rc);
			status = 1;
			goto end;
		}
		cbd.CallbackFunction = (MQPTR)consumer;
		gmo.Options = MQGMO_NO_SYNCPOINT;
		MQCB(hconn, MQOP_REGISTER, &cbd, hobj, &md, &gmo, &cc, &rc);
		if (cc == MQCC_FAILED) {
			printf("MQCB ended with reason code %d\n", (int)rc);
			status = 1;
			goto end;
		}
	}
	MQCTL(hconn, MQOP_START, &ctlo, &cc, &rc);
	if (cc == MQCC_FAILED) {
		printf("MQCTL ended with reason code %d\n", (int)rc);
		status = 1;
		goto end;
	}
	printf("Press enter to end\n");
	fflush(stdout);
	{
		char line[16];
		if (!fgets(line, sizeof line, stdin))
			line[0] = 0;
	}
	MQCTL(hconn, MQOP_STOP, &ctlo, &cc, &rc);
	if (cc == MQCC_FAILED) {
		printf("MQCTL ended with reason code %d\n", (int)rc);
		status = 1;
	}
end:
	MQDISC(&hconn, &cc, &rc);
	printf("Sample AMQSCBF0 end\n");
	return status;
}
