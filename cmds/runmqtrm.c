/*
 * runmqtrm: the trigger monitor.
 *
 *   runmqtrm [-m QMgrName] [-q InitiationQName] [-u UserId]
 *
 * Connects to QMgrName (the default queue manager without -m), opens the
 * initiation queue (SYSTEM.DEFAULT.INITIATION.QUEUE without -q) for input and
 * waits on it.  For each trigger message (an MQTM, Format MQFMT_TRIGGER) whose
 * ApplType is MQAT_UNIX (APPLTYPE(UNIX) or DEF) it starts the application as
 * MQ's trigger monitor does on UNIX: the command
 *
 *     ApplId "MQTMC2" EnvData
 *
 * run by /bin/sh, where MQTMC2 is the trigger message in character form
 * (version 2: with this queue manager's name at the end) as one argument,
 * ApplId and EnvData with their trailing blanks removed; EnvData "&" runs the
 * application in the background.  The monitor waits for the command to end
 * before it takes the next trigger message (as MQ's), and prints each command
 * it starts, then "End of application trigger.".
 *
 * Quoting.  ApplId and EnvData are shell text, as in MQ: they come from the
 * process definition (an administrator's) and may hold redirections, "&" and
 * further words.  The MQTMC2 is data that others may set (TRIGDATA through
 * MQSET, USERDATA): MQ writes it between double quotes inside the command
 * string, where a '"', '$' or '`' in it would be read by the shell.  Here the
 * command string is  ApplId "$1" EnvData  and the MQTMC2 is handed to the
 * shell as its first positional parameter, so the application gets exactly
 * the same single argument and nothing in the MQTMC2 is ever parsed as shell.
 * A trigger message holding a NUL or another control character in a
 * character field is not started (it cannot travel as an argument).
 *
 * A trigger message that is not one (wrong Format, length, StrucId or
 * Version), or names an ApplType other than UNIX, or whose command cannot be
 * started, goes to the queue manager's dead-letter queue behind an MQDLH with
 * Feedback MQFB_TM_ERROR, MQFB_APPL_TYPE_ERROR or MQFB_APPL_CANNOT_BE_STARTED
 * (as MQ's); it is dropped, with a line saying so, when there is none.
 *
 * The monitor ends when the queue manager ends or the connection breaks
 * (2161, 2162, 2202, 2009: "Quire trigger monitor ended.").  -u UserId is
 * accepted as MQ's and not used: the monitor and what it starts run as the
 * user who started it.
 *
 * Exit codes (MQ's): 0 the queue manager is ending; 10 interrupted by an
 * error (a failed MQGET); 20 not run (a bad command line, no connection, the
 * initiation queue cannot be opened).
 *
 * runmqtrm is an MQI application, as MQ's is: it links libmqm and uses only
 * <cmqc.h> and the C library, so the trigger path it exercises is the one
 * every application uses.
 */
#include <cmqc.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { RC_ENDING = 0, RC_ERROR = 10, RC_NOT_RUN = 20 };

static MQHCONN hconn = MQHC_UNUSABLE_HCONN;
static MQCHAR48 qmgr_name;

static void say(const char *fmt, const char *a)
{
	char when[64];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%m/%d/%Y  %I:%M:%S %p", &tm);
	printf("%s : ", when);
	printf(fmt, a);
	printf("\n");
	fflush(stdout);
}

static void usage(void)
{
	fprintf(stderr, "Usage: runmqtrm [-m QMgrName] [-q InitiationQName] [-u UserId]\n");
}

/* A blank-padded field as a C string without trailing blanks. */
static void field(char *out, const char *f, size_t n)
{
	memcpy(out, f, n);
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == 0))
		n--;
	out[n] = 0;
}

static int printable(const char *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)f[i] < 0x20 || f[i] == 0x7f)
			return 0;
	return 1;
}

/* The MQTM's character fields hold no control characters. */
static int tm_ok(const MQTM *tm)
{
	return printable(tm->QName, sizeof tm->QName) && printable(tm->ProcessName, sizeof tm->ProcessName) &&
	       printable(tm->TriggerData, sizeof tm->TriggerData) && printable(tm->ApplId, sizeof tm->ApplId) &&
	       printable(tm->EnvData, sizeof tm->EnvData) && printable(tm->UserData, sizeof tm->UserData);
}

static void to_tmc2(const MQTM *tm, MQTMC2 *c)
{
	char v[16];
	memset(c, ' ', sizeof *c);
	memcpy(c->StrucId, MQTMC_STRUC_ID, sizeof c->StrucId);
	memcpy(c->Version, MQTMC_VERSION_2, sizeof c->Version);
	memcpy(c->QName, tm->QName, sizeof c->QName);
	memcpy(c->ProcessName, tm->ProcessName, sizeof c->ProcessName);
	memcpy(c->TriggerData, tm->TriggerData, sizeof c->TriggerData);
	int k = snprintf(v, sizeof v, "%4d", (int)tm->ApplType);
	if (k == 4)
		memcpy(c->ApplType, v, 4);   /* (a user type above 9999 does not fit: blank) */
	memcpy(c->ApplId, tm->ApplId, sizeof c->ApplId);
	memcpy(c->EnvData, tm->EnvData, sizeof c->EnvData);
	memcpy(c->UserData, tm->UserData, sizeof c->UserData);
	memcpy(c->QMgrName, qmgr_name, sizeof c->QMgrName);
}

/* The trigger message on the dead-letter queue with feedback fb. */
static void dead_letter(const MQMD *md, const void *data, MQLONG len, MQLONG fb, const char *initq)
{
	MQHOBJ h = MQHO_UNUSABLE_HOBJ;
	MQOD od = {MQOD_DEFAULT};
	MQLONG cc, rc, sel = MQCA_DEAD_LETTER_Q_NAME;
	MQCHAR48 dlq;
	char name[49];
	od.ObjectType = MQOT_Q_MGR;
	MQOPEN(hconn, &od, MQOO_INQUIRE, &h, &cc, &rc);
	if (cc != MQCC_FAILED) {
		MQINQ(hconn, h, 1, &sel, 0, NULL, (MQLONG)sizeof dlq, dlq, &cc, &rc);
		MQCLOSE(hconn, &h, MQCO_NONE, &cc, &rc);
	}
	if (cc == MQCC_FAILED || (field(name, dlq, sizeof dlq), !name[0])) {
		say("The trigger message was dropped: the queue manager has no dead-letter queue (feedback %s).",
		    fb == MQFB_TM_ERROR ? "MQFB_TM_ERROR" : fb == MQFB_APPL_TYPE_ERROR ? "MQFB_APPL_TYPE_ERROR" :
		    "MQFB_APPL_CANNOT_BE_STARTED");
		return;
	}
	size_t n = sizeof(MQDLH) + (size_t)(len > 0 ? len : 0);
	char *buf = malloc(n);
	if (!buf)
		return;
	MQDLH dlh = {MQDLH_DEFAULT};
	dlh.Reason = fb;
	memset(dlh.DestQName, ' ', sizeof dlh.DestQName);
	memcpy(dlh.DestQName, initq, strlen(initq));
	memcpy(dlh.DestQMgrName, qmgr_name, sizeof dlh.DestQMgrName);
	dlh.Encoding = md->Encoding;
	dlh.CodedCharSetId = md->CodedCharSetId;
	memcpy(dlh.Format, md->Format, sizeof dlh.Format);
	dlh.PutApplType = MQAT_UNIX;
	memset(dlh.PutApplName, ' ', sizeof dlh.PutApplName);
	memcpy(dlh.PutApplName, "runmqtrm", 8);
	memcpy(buf, &dlh, sizeof dlh);
	if (len > 0)
		memcpy(buf + sizeof dlh, data, (size_t)len);
	MQMD dmd = *md;
	MQPMO pmo = {MQPMO_DEFAULT};
	memcpy(dmd.Format, MQFMT_DEAD_LETTER_HEADER, sizeof dmd.Format);
	dmd.Encoding = MQENC_NATIVE;
	pmo.Options = MQPMO_NO_SYNCPOINT;
	memcpy(od.ObjectName, dlq, sizeof od.ObjectName);
	od.ObjectType = MQOT_Q;
	MQPUT1(hconn, &od, &dmd, &pmo, (MQLONG)n, buf, &cc, &rc);
	free(buf);
	if (cc == MQCC_FAILED) {
		char r[16];
		snprintf(r, sizeof r, "%d", (int)rc);
		say("The trigger message could not be put on the dead-letter queue (reason %s): it was dropped.", r);
	} else {
		say("The trigger message was put on the dead-letter queue %s.", name);
	}
}

/* Run  ApplId "$1" EnvData  with the MQTMC2 as $1; 0 if the shell ran. */
static int start_app(const MQTM *tm)
{
	MQTMC2 c;
	char applid[sizeof tm->ApplId + 1], env[sizeof tm->EnvData + 1], tmc[sizeof c + 1];
	char cmd[sizeof applid + sizeof env + 16], shown[sizeof cmd + sizeof tmc + 8];
	to_tmc2(tm, &c);
	field(applid, tm->ApplId, sizeof tm->ApplId);
	field(env, tm->EnvData, sizeof tm->EnvData);
	memcpy(tmc, &c, sizeof c);
	tmc[sizeof c] = 0;
	snprintf(cmd, sizeof cmd, "%s \"$1\"%s%s", applid, env[0] ? " " : "", env);
	snprintf(shown, sizeof shown, "%s \"%s\"%s%s", applid, tmc, env[0] ? " " : "", env);
	say("%s", shown);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", tmc, (char *)NULL);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		;
	say("%s", "End of application trigger.");
	/* 127: the shell could not find or run the command */
	return WIFEXITED(st) && WEXITSTATUS(st) == 127 ? -1 : 0;
}

int main(int argc, char **argv)
{
	const char *qm = "", *initq = "SYSTEM.DEFAULT.INITIATION.QUEUE";
	int opt;
	opterr = 0;
	while ((opt = getopt(argc, argv, "m:q:u:")) != -1) {
		switch (opt) {
		case 'm':
			qm = optarg;
			break;
		case 'q':
			initq = optarg;
			break;
		case 'u':
			break;   /* accepted (see above) */
		default:
			usage();
			return RC_NOT_RUN;
		}
	}
	if (optind != argc || strlen(qm) > MQ_Q_MGR_NAME_LENGTH || strlen(initq) > MQ_Q_NAME_LENGTH || !*initq) {
		usage();
		return RC_NOT_RUN;
	}
	signal(SIGCHLD, SIG_DFL);
	say("%s", "Quire trigger monitor started.");
	MQCHAR48 qmn;
	MQLONG cc, rc;
	memset(qmn, ' ', sizeof qmn);
	memcpy(qmn, qm, strlen(qm));
	/* runmqtrm is MQ's server trigger monitor (runmqtmc is the client one):
	 * always a local connection, whatever MQSERVER says */
	MQCNO cno = { MQCNO_DEFAULT };
	cno.Options = MQCNO_LOCAL_BINDING;
	MQCONNX(qmn, &cno, &hconn, &cc, &rc);
	if (cc == MQCC_FAILED) {
		char r[16];
		snprintf(r, sizeof r, "%d", (int)rc);
		say("MQCONN failed with reason code %s: the trigger monitor is not run.", r);
		return RC_NOT_RUN;
	}
	/* this queue manager's name, for MQTMC2's QMgrName */
	MQOD od = {MQOD_DEFAULT};
	MQHOBJ h = MQHO_UNUSABLE_HOBJ;
	MQLONG sel = MQCA_Q_MGR_NAME;
	memset(qmgr_name, ' ', sizeof qmgr_name);
	od.ObjectType = MQOT_Q_MGR;
	MQOPEN(hconn, &od, MQOO_INQUIRE, &h, &cc, &rc);
	if (cc != MQCC_FAILED) {
		MQINQ(hconn, h, 1, &sel, 0, NULL, (MQLONG)sizeof qmgr_name, qmgr_name, &cc, &rc);
		MQCLOSE(hconn, &h, MQCO_NONE, &cc, &rc);
	}
	MQOD iod = {MQOD_DEFAULT};
	memcpy(iod.ObjectName, initq, strlen(initq));
	MQOPEN(hconn, &iod, MQOO_INPUT_AS_Q_DEF | MQOO_FAIL_IF_QUIESCING, &h, &cc, &rc);
	if (cc == MQCC_FAILED) {
		char r[16];
		snprintf(r, sizeof r, "%d", (int)rc);
		say("MQOPEN of the initiation queue failed with reason code %s: the trigger monitor is not run.", r);
		MQDISC(&hconn, &cc, &rc);
		return RC_NOT_RUN;
	}
	int code = RC_ENDING;
	for (;;) {
		printf("\n__________________________________________________\n");
		say("%s", "Waiting for a trigger message");
		union { MQTM tm; char b[8192]; } buf;
		MQMD md = {MQMD_DEFAULT};
		MQGMO gmo = {MQGMO_DEFAULT};
		MQLONG len = 0;
		gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT | MQGMO_FAIL_IF_QUIESCING | MQGMO_ACCEPT_TRUNCATED_MSG;
		gmo.WaitInterval = MQWI_UNLIMITED;
		MQGET(hconn, h, &md, &gmo, (MQLONG)sizeof buf, &buf, &len, &cc, &rc);
		if (rc == MQRC_Q_MGR_QUIESCING || rc == MQRC_Q_MGR_STOPPING || rc == MQRC_CONNECTION_QUIESCING ||
		    rc == MQRC_CONNECTION_BROKEN) {
			code = RC_ENDING;
			break;
		}
		if (cc == MQCC_FAILED) {
			char r[16];
			snprintf(r, sizeof r, "%d", (int)rc);
			say("MQGET of the initiation queue failed with reason code %s.", r);
			code = RC_ERROR;
			break;
		}
		MQLONG got = len < (MQLONG)sizeof buf ? len : (MQLONG)sizeof buf;
		if (memcmp(md.Format, MQFMT_TRIGGER, MQ_FORMAT_LENGTH) != 0 || got != (MQLONG)sizeof(MQTM) ||
		    memcmp(buf.tm.StrucId, MQTM_STRUC_ID, 4) != 0 || buf.tm.Version != MQTM_VERSION_1 ||
		    !tm_ok(&buf.tm)) {
			say("%s", "The message is not a valid trigger message (MQTM).");
			dead_letter(&md, &buf, got, MQFB_TM_ERROR, initq);
			continue;
		}
		if (buf.tm.ApplType != MQAT_UNIX) {
			char t[16];
			snprintf(t, sizeof t, "%d", (int)buf.tm.ApplType);
			say("The trigger message's application type %s is not one this trigger monitor starts.", t);
			dead_letter(&md, &buf, got, MQFB_APPL_TYPE_ERROR, initq);
			continue;
		}
		if (start_app(&buf.tm) != 0)
			dead_letter(&md, &buf, got, MQFB_APPL_CANNOT_BE_STARTED, initq);
	}
	MQCLOSE(hconn, &h, MQCO_NONE, &cc, &rc);
	MQDISC(&hconn, &cc, &rc);
	say("%s", "Quire trigger monitor ended.");
	return code;
}
