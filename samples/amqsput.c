/*
 * amqsput: put each line of standard input on a queue as one message.
 *
 *   amqsput QName [QMgrName]
 *
 * Connects to the queue manager (the default one when QMgrName is left out;
 * with MQSAMP_USER_ID set, with that user id and the password it asks for on
 * the first line of standard input, as IBM's samples do),
 * opens the queue for output and puts one MQFMT_STRING message per line, not
 * under syncpoint, with the persistence the queue defines (DEFPSIST).  It stops
 * at the end of input or at an empty line.  A failed call prints its reason
 * code ("MQOPEN ended with reason code 2085") and the program exits 1.
 *
 * Written for Quire from the behaviour of IBM MQ's sample of the same name; it
 * uses only <cmqc.h> and the C library, and builds like any MQ application:
 *   cc -Iinclude samples/amqsput.c -Lbuild/lib -lmqm_r -o amqsput
 */
#include <cmqc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Copy a name into a fixed-length MQ field, NUL padded. */
static void set_name(MQCHAR *field, size_t size, const char *name)
{
	size_t n = strlen(name);
	memset(field, 0, size);
	memcpy(field, name, n < size ? n : size);
}

/* Read one line of any length without its newline.  Returns 0 at the end of
 * input (nothing read), 1 for a line, -1 when memory runs out. */
static int read_line(char **buf, size_t *cap, size_t *len)
{
	int c;
	*len = 0;
	while ((c = getchar()) != EOF && c != '\n') {
		if (*len + 1 >= *cap) {
			size_t ncap = *cap ? *cap * 2 : 4096;
			char *nb = realloc(*buf, ncap);
			if (!nb)
				return -1;
			*buf = nb;
			*cap = ncap;
		}
		(*buf)[(*len)++] = (char)c;
	}
	if (c == EOF && *len == 0)
		return 0;
	if (*len > 0 && (*buf)[*len - 1] == '\r')
		(*len)--;
	return 1;
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
	MQPMO pmo = {MQPMO_DEFAULT};
	MQLONG cc, reason, conn_reason;
	char *buf = NULL;
	size_t cap = 0, len = 0;
	int failed = 0;

	printf("Sample AMQSPUT0 start\n");
	if (argc < 2 || argc > 3) {
		printf("usage: amqsput QName [QMgrName]\n");
		printf("Sample AMQSPUT0 end\n");
		return 1;
	}

	set_name(qmname, sizeof qmname, argc > 2 ? argv[2] : "");
	const char *verb = sample_connect(qmname, &hconn, &cc, &conn_reason);
	if (cc == MQCC_FAILED) {
		printf("%s ended with reason code %d\n", verb, (int)conn_reason);
		printf("Sample AMQSPUT0 end\n");
		return 1;
	}

	set_name(od.ObjectName, sizeof od.ObjectName, argv[1]);
	printf("target queue is %s\n", argv[1]);
	MQOPEN(hconn, &od, MQOO_OUTPUT | MQOO_FAIL_IF_QUIESCING, &hobj, &cc, &reason);
	if (reason != MQRC_NONE)
		printf("MQOPEN ended with reason code %d\n", (int)reason);
	if (cc == MQCC_FAILED) {
		printf("unable to open queue for output\n");
		failed = 1;
	}

	/* Each message gets a new MsgId and CorrelId from the queue manager. */
	memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_FAIL_IF_QUIESCING | MQPMO_NEW_MSG_ID | MQPMO_NEW_CORREL_ID;

	while (!failed) {
		int r = read_line(&buf, &cap, &len);
		if (r < 0) {
			printf("out of memory reading a line of %lu bytes\n", (unsigned long)len);
			failed = 1;
			break;
		}
		if (r == 0 || len == 0)
			break;
		MQPUT(hconn, hobj, &md, &pmo, (MQLONG)len, buf, &cc, &reason);
		if (reason != MQRC_NONE)
			printf("MQPUT ended with reason code %d\n", (int)reason);
		if (cc == MQCC_FAILED)
			failed = 1;
	}
	free(buf);

	if (hobj != MQHO_UNUSABLE_HOBJ) {
		MQCLOSE(hconn, &hobj, MQCO_NONE, &cc, &reason);
		if (reason != MQRC_NONE) {
			printf("MQCLOSE ended with reason code %d\n", (int)reason);
			failed = 1;
		}
	}
	/* A connection this program did not make is left as it was. */
	if (conn_reason != MQRC_ALREADY_CONNECTED) {
		MQDISC(&hconn, &cc, &reason);
		if (reason != MQRC_NONE) {
			printf("MQDISC ended with reason code %d\n", (int)reason);
			failed = 1;
		}
	}
	printf("Sample AMQSPUT0 end\n");
	return failed;
}
