/*
 * amqstrg: a sample trigger monitor.
 *
 *   amqstrg [InitQName [QMgrName]]
 *
 * Waits on the initiation queue (SYSTEM.DEFAULT.INITIATION.QUEUE when none is
 * given) of QMgrName (the default queue manager when none is given) and, for
 * each trigger message (MQTM) of application type UNIX, starts the application
 * the way runmqtrm does: the command
 *
 *     ApplId "MQTMC2" EnvData
 *
 * through /bin/sh, waiting for it to end (EnvData "&" puts the application in
 * the background).  The MQTMC2 (the trigger message in character form, with
 * the queue manager's name) reaches the shell as its first positional
 * parameter and the command string holds "$1", so the application gets it as
 * one argument and nothing in it is ever read as shell.  Each command started
 * is printed.  A message that is not a trigger message, or one of another
 * application type, is said and skipped (the sample keeps no dead-letter
 * queue).  The sample ends when MQGET fails: the queue manager ending (2161,
 * 2162, 2009) prints that reason code too.
 *
 * Written for Quire from the behaviour of IBM MQ's sample of the same name;
 * it uses only <cmqc.h> and the C library:
 *   cc -Iinclude samples/amqstrg.c -Lbuild/lib -lmqm_r -o amqstrg
 */
#include <cmqc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* A blank-padded field as a C string without trailing blanks. */
static void trimmed(char *out, const char *f, size_t n)
{
	memcpy(out, f, n);
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == 0))
		n--;
	out[n] = 0;
}

static int printable(const char *f, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if ((unsigned char)f[i] < 0x20 || f[i] == 0x7f)
			return 0;
	return 1;
}

/* Start the application of tm; its exit status, or -1. */
static int start(const MQTM *tm, const MQCHAR48 qmname)
{
	MQTMC2 c;
	char applid[sizeof tm->ApplId + 1], env[sizeof tm->EnvData + 1], arg[sizeof c + 1];
	char cmd[sizeof applid + sizeof env + 16];
	char type[8];
	pid_t pid;
	int st;

	memset(&c, ' ', sizeof c);
	memcpy(c.StrucId, MQTMC_STRUC_ID, sizeof c.StrucId);
	memcpy(c.Version, MQTMC_VERSION_2, sizeof c.Version);
	memcpy(c.QName, tm->QName, sizeof c.QName);
	memcpy(c.ProcessName, tm->ProcessName, sizeof c.ProcessName);
	memcpy(c.TriggerData, tm->TriggerData, sizeof c.TriggerData);
	if (snprintf(type, sizeof type, "%4d", (int)tm->ApplType) == 4)
		memcpy(c.ApplType, type, 4);
	memcpy(c.ApplId, tm->ApplId, sizeof c.ApplId);
	memcpy(c.EnvData, tm->EnvData, sizeof c.EnvData);
	memcpy(c.UserData, tm->UserData, sizeof c.UserData);
	memcpy(c.QMgrName, qmname, sizeof c.QMgrName);
	memcpy(arg, &c, sizeof c);
	arg[sizeof c] = 0;

	trimmed(applid, tm->ApplId, sizeof tm->ApplId);
	trimmed(env, tm->EnvData, sizeof tm->EnvData);
	snprintf(cmd, sizeof cmd, "%s \"$1\"%s%s", applid, env[0] ? " " : "", env);
	printf("starting %s \"%s\"%s%s\n", applid, arg, env[0] ? " " : "", env);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, "sh", arg, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(int argc, char **argv)
{
	MQHCONN hconn = MQHC_UNUSABLE_HCONN;
	MQHOBJ hobj = MQHO_UNUSABLE_HOBJ, hq = MQHO_UNUSABLE_HOBJ;
	MQOD od = {MQOD_DEFAULT}, qod = {MQOD_DEFAULT};
	MQLONG cc, reason, conn_reason, len, sel = MQCA_Q_MGR_NAME;
	MQCHAR48 qmname, qmgr;
	const char *initq = argc > 1 ? argv[1] : "SYSTEM.DEFAULT.INITIATION.QUEUE";
	union { MQTM tm; char b[4096]; } buf;
	int failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);   /* a monitor's lines as they happen, even into a file */
	printf("Sample AMQSTRG0 start\n");
	if (argc > 3 || strlen(initq) > MQ_Q_NAME_LENGTH || (argc > 2 && strlen(argv[2]) > MQ_Q_MGR_NAME_LENGTH)) {
		printf("usage: amqstrg [InitQName [QMgrName]]\n");
		printf("Sample AMQSTRG0 end\n");
		return 1;
	}
	memset(qmname, ' ', sizeof qmname);
	if (argc > 2)
		memcpy(qmname, argv[2], strlen(argv[2]));
	MQCONN(qmname, &hconn, &cc, &conn_reason);
	if (cc == MQCC_FAILED) {
		printf("MQCONN ended with reason code %d\n", (int)conn_reason);
		printf("Sample AMQSTRG0 end\n");
		return 1;
	}
	/* the queue manager's name, for the MQTMC2 */
	memset(qmgr, ' ', sizeof qmgr);
	qod.ObjectType = MQOT_Q_MGR;
	MQOPEN(hconn, &qod, MQOO_INQUIRE, &hq, &cc, &reason);
	if (cc != MQCC_FAILED) {
		MQINQ(hconn, hq, 1, &sel, 0, NULL, (MQLONG)sizeof qmgr, qmgr, &cc, &reason);
		MQCLOSE(hconn, &hq, MQCO_NONE, &cc, &reason);
	}

	memset(od.ObjectName, ' ', sizeof od.ObjectName);
	memcpy(od.ObjectName, initq, strlen(initq));
	MQOPEN(hconn, &od, MQOO_INPUT_AS_Q_DEF | MQOO_FAIL_IF_QUIESCING, &hobj, &cc, &reason);
	if (reason != MQRC_NONE)
		printf("MQOPEN ended with reason code %d\n", (int)reason);
	if (cc == MQCC_FAILED) {
		printf("unable to open queue for input\n");
		failed = 1;
	} else {
		printf("initiation queue is %s\n", initq);
	}

	while (!failed) {
		MQMD md = {MQMD_DEFAULT};
		MQGMO gmo = {MQGMO_DEFAULT};
		gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT | MQGMO_FAIL_IF_QUIESCING | MQGMO_ACCEPT_TRUNCATED_MSG;
		gmo.WaitInterval = MQWI_UNLIMITED;
		MQGET(hconn, hobj, &md, &gmo, (MQLONG)sizeof buf, &buf, &len, &cc, &reason);
		if (cc == MQCC_FAILED) {
			printf("MQGET ended with reason code %d\n", (int)reason);
			/* the queue manager ending is the normal end of a trigger monitor */
			failed = reason != MQRC_Q_MGR_QUIESCING && reason != MQRC_Q_MGR_STOPPING &&
				 reason != MQRC_CONNECTION_QUIESCING && reason != MQRC_CONNECTION_BROKEN;
			break;
		}
		if (memcmp(md.Format, MQFMT_TRIGGER, MQ_FORMAT_LENGTH) != 0 || len != (MQLONG)sizeof(MQTM) ||
		    memcmp(buf.tm.StrucId, MQTM_STRUC_ID, 4) != 0 ||
		    !printable(buf.tm.QName, sizeof buf.tm.QName) ||
		    !printable(buf.tm.ProcessName, sizeof buf.tm.ProcessName) ||
		    !printable(buf.tm.TriggerData, sizeof buf.tm.TriggerData) ||
		    !printable(buf.tm.ApplId, sizeof buf.tm.ApplId) || !printable(buf.tm.EnvData, sizeof buf.tm.EnvData) ||
		    !printable(buf.tm.UserData, sizeof buf.tm.UserData)) {
			printf("not a trigger message: skipped\n");
			continue;
		}
		if (buf.tm.ApplType != MQAT_UNIX) {
			printf("application type %d is not UNIX: skipped\n", (int)buf.tm.ApplType);
			continue;
		}
		if (start(&buf.tm, qmgr) < 0)
			printf("the application could not be started\n");
	}

	if (hobj != MQHO_UNUSABLE_HOBJ)
		MQCLOSE(hconn, &hobj, MQCO_NONE, &cc, &reason);
	if (conn_reason != MQRC_ALREADY_CONNECTED)
		MQDISC(&hconn, &cc, &reason);
	printf("Sample AMQSTRG0 end\n");
	return failed;
}
