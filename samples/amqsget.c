/*
 * amqsget: get every message from a queue and print it, until the queue has
 * stayed empty for the wait interval.
 *
 *   amqsget QName [QMgrName]
 *
 * Opens the queue for input (shared or exclusive as the queue defines) and
 * gets messages, not under syncpoint, waiting up to 15 seconds for each, as
 * IBM MQ's sample of the same name does.  The environment variable
 * QUIRE_SAMPLE_WAIT sets another wait in seconds (for example 0.5; 0 does
 * not wait).  Each message is printed as "message <text>"; when the wait
 * expires the program prints "no more messages" and ends.  Messages of any
 * length are received: when one is longer than the buffer, the buffer grows
 * and the get is repeated.  A failed call prints its reason code and the
 * program exits 1.  With MQSAMP_USER_ID set it connects with that user id and
 * the password it asks for on the first line of standard input (MQCSP), as
 * IBM's samples do.
 *
 * Written for Quire from the behaviour of IBM MQ's sample; it uses only
 * <cmqc.h> and the C library:
 *   cc -Iinclude samples/amqsget.c -Lbuild/lib -lmqm_r -o amqsget
 */
#include <cmqc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define DEFAULT_WAIT_MS 15000

static void set_name(MQCHAR *field, size_t size, const char *name)
{
	size_t n = strlen(name);
	memset(field, 0, size);
	memcpy(field, name, n < size ? n : size);
}

/* The wait interval in milliseconds: QUIRE_SAMPLE_WAIT seconds, or 15 s. */
static MQLONG wait_ms(void)
{
	const char *s = getenv("QUIRE_SAMPLE_WAIT");
	char *end;
	double sec;
	if (!s || !*s)
		return DEFAULT_WAIT_MS;
	sec = strtod(s, &end);
	if (*end || sec < 0 || sec > 86400) {
		printf("QUIRE_SAMPLE_WAIT '%s' is not a number of seconds (0 to 86400); waiting 15 s\n", s);
		return DEFAULT_WAIT_MS;
	}
	return (MQLONG)(sec * 1000 + 0.5);
}

/* Connect as IBM's samples do: with MQSAMP_USER_ID set, an MQCSP with that
 * user id and the password read from the first line of standard input
 * (prompted, not echoed when it is a terminal), through MQCONNX; else MQCONN.
 * The password is wiped once MQCONNX has it. */
static const char *sample_connect(MQCHAR *qmname, MQHCONN *hconn, MQLONG *cc, MQLONG *reason)
{
	const char *user = getenv("MQSAMP_USER_ID");
	if (!user || !*user) {
		MQCONN(qmname, hconn, cc, reason);
		return "MQCONN";
	}
	char pw[MQ_CSP_PASSWORD_LENGTH + 2] = "";
	struct termios old, quiet;
	int tty = isatty(0) && tcgetattr(0, &old) == 0;
	printf("Enter password: ");
	fflush(stdout);
	if (tty) {
		quiet = old;
		quiet.c_lflag &= (tcflag_t)~ECHO;
		tcsetattr(0, TCSANOW, &quiet);
	}
	if (!fgets(pw, sizeof pw, stdin))
		pw[0] = 0;
	if (tty) {
		tcsetattr(0, TCSANOW, &old);
		printf("\n");
	}
	pw[strcspn(pw, "\r\n")] = 0;
	MQCNO cno = {MQCNO_DEFAULT};
	MQCSP csp = {MQCSP_DEFAULT};
	cno.Version = MQCNO_VERSION_5;
	cno.SecurityParmsPtr = &csp;
	csp.AuthenticationType = MQCSP_AUTH_USER_ID_AND_PWD;
	csp.CSPUserIdPtr = (MQPTR)user;
	csp.CSPUserIdLength = (MQLONG)strlen(user);
	csp.CSPPasswordPtr = pw;
	csp.CSPPasswordLength = (MQLONG)strlen(pw);
	MQCONNX(qmname, &cno, hconn, cc, reason);
	memset(pw, 0, sizeof pw);
	return "MQCONNX";
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
	MQLONG buflen = 65536;
	char *buf;
	int failed = 0;

	printf("Sample AMQSGET0 start\n");
	if (argc < 2 || argc > 3) {
		printf("usage: amqsget QName [QMgrName]\n");
		printf("Sample AMQSGET0 end\n");
		return 1;
	}
	buf = malloc((size_t)buflen);
	if (!buf) {
		printf("out of memory\n");
		return 1;
	}

	set_name(qmname, sizeof qmname, argc > 2 ? argv[2] : "");
	const char *verb = sample_connect(qmname, &hconn, &cc, &conn_reason);
	if (cc == MQCC_FAILED) {
		printf("%s ended with reason code %d\n", verb, (int)conn_reason);
		printf("Sample AMQSGET0 end\n");
		free(buf);
		return 1;
	}

	set_name(od.ObjectName, sizeof od.ObjectName, argv[1]);
	MQOPEN(hconn, &od, MQOO_INPUT_AS_Q_DEF | MQOO_FAIL_IF_QUIESCING, &hobj, &cc, &reason);
	if (reason != MQRC_NONE)
		printf("MQOPEN ended with reason code %d\n", (int)reason);
	if (cc == MQCC_FAILED) {
		printf("unable to open queue for input\n");
		failed = 1;
	}

	gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT | MQGMO_FAIL_IF_QUIESCING;
	gmo.WaitInterval = wait_ms();

	while (!failed) {
		/* A version 1 MQGMO matches on MsgId and CorrelId: ask for any message. */
		memcpy(md.MsgId, MQMI_NONE, sizeof md.MsgId);
		memcpy(md.CorrelId, MQCI_NONE, sizeof md.CorrelId);
		md.Encoding = MQENC_NATIVE;
		md.CodedCharSetId = MQCCSI_Q_MGR;
		MQGET(hconn, hobj, &md, &gmo, buflen, buf, &datalen, &cc, &reason);
		if (reason == MQRC_TRUNCATED_MSG_FAILED && datalen > buflen) {
			char *nb = realloc(buf, (size_t)datalen);
			if (!nb) {
				printf("out of memory for a message of %d bytes\n", (int)datalen);
				failed = 1;
				break;
			}
			buf = nb;
			buflen = datalen;
			continue; /* the message stayed on the queue */
		}
		if (reason == MQRC_NO_MSG_AVAILABLE) {
			printf("no more messages\n");
			break;
		}
		if (reason != MQRC_NONE)
			printf("MQGET ended with reason code %d\n", (int)reason);
		if (cc == MQCC_FAILED) {
			failed = 1;
			break;
		}
		printf("message <%.*s>\n", (int)(datalen < buflen ? datalen : buflen), buf);
	}
	free(buf);

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
	printf("Sample AMQSGET0 end\n");
	return failed;
}
