/*
 * runmqsc: run MQSC commands against a running queue manager.
 *
 *   runmqsc [-e] [-v] [-c] [-w WaitTime [-x] [-m LocalQMgrName]]
 *           [-f InputFile] [QMgrName]  < commands
 *
 *   -e   do not echo each command before its response
 *   -v   check the syntax of the commands only; nothing is run and the
 *        queue manager need not be running (-w, -x, -c and -m are ignored,
 *        as MQ ignores -w and -x with -v)
 *   -w   indirect mode, as MQ's: each command goes as an MQCMD_ESCAPE PCF
 *        request (MQIACF_ESCAPE_TYPE MQET_MQSC, MQCACF_ESCAPE_TEXT the
 *        command; MQMT_REQUEST, MQFMT_ADMIN, not persistent) through the MQI
 *        to SYSTEM.ADMIN.COMMAND.QUEUE at QMgrName, and its replies (one
 *        MQCACF_ESCAPE_TEXT line each, csrv/csrv.c) are got by CorrelId from
 *        a temporary dynamic queue made from the model
 *        SYSTEM.MQSC.REPLY.QUEUE, for at most WaitTime seconds (1 to
 *        999999).  A command whose replies do not all come in time gets
 *        AMQ8416E, counts as not processed, and the next command is sent
 *        (it may still run: the command server has it); at the end the
 *        replies that came late are shown and later ones are lost with the
 *        reply queue, as MQ does.  Exit 20 when any command timed out.  A
 *        queue manager that does not answer the MQI at all (hung) ends
 *        runmqsc with AMQ8416E and exit 20 WaitTime + 5 seconds into a call.
 *   -m   (with -w) the local queue manager runmqsc connects to.  MQ sends the
 *        commands from it to QMgrName through channels; Quire has none, so
 *        the target must be the local queue manager itself (any other gets
 *        MQRC_UNKNOWN_REMOTE_Q_MGR, said, exit 20).  Without -m the local
 *        queue manager is QMgrName (MQ's is the default queue manager, which
 *        with no channels could only reach itself).
 *   -x   (with -w) the target runs on z/OS: refused (exit 20), since Quire
 *        reaches only its own local queue managers.
 *   -c   MQ's client connection: runmqsc connects with MQCNO_CLIENT_BINDING
 *        (a TCP client connection through MQSERVER or a CCDT, qm/mqi/client.c)
 *        and works in indirect mode, as MQ's runmqsc does with a client; with no
 *        -w it waits RUNMQSC_CLIENT_WAIT seconds (our choice) for each
 *        command's replies.
 *   -f   read the commands from InputFile instead of standard input
 * Commands are read one per line; a line ending in '+'
 * or '-' continues on the next ('+' drops the next line's leading blanks);
 * lines starting with '*' are comments.  In direct mode (no -w, no -c) each
 * command goes to the queue manager (qm/proto.h, PROTO_ADMIN_MQSC), which
 * carries it out with qm/admin/mqsc.c and sends back the response lines; in
 * indirect mode the command server sends the same processor's lines back
 * through the reply queue, so both modes print the same responses.  The
 * command server answers an MQSC syntax error as a failed command
 * (MQRCCF_COMMAND_FAILED); indirect mode counts it as a syntax error, as
 * direct mode does, by its AMQ8405E line.  A request the command server
 * refuses with no lines (MQRC_NOT_AUTHORIZED, say) is shown as below.
 *
 * Exit status (MQ's): 0 every command ran; 10 one or more had a syntax error
 * or failed; 20 runmqsc could not work (bad arguments, queue manager not
 * available).
 *
 * Bad input never stops the run, as in MQ: a command holding a NUL byte (a
 * UTF-16 script, say) is reported with its line and column, a command longer
 * than MQ's 32,762 characters with its length; both count as syntax errors
 * and the next command is read.  The length is judged by the queue manager,
 * which answers it like any syntax error (or by mqsc_check with -v); only a
 * command too big to send at all is refused here, with the same message.
 * When the queue manager refuses a command (CompCode MQCC_FAILED), the
 * reason is printed: AMQ8135E for MQRC_NOT_AUTHORIZED, AMQ8101E naming any
 * other reason code.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "cmqc.h"
#include "cmqcfc.h"

#include "cmqstrc.h"
#include "log/byteorder.h"
#include "log/qmerr.h"
#include "qm/home/cmdout.h"
#include "qm/home/errlog.h"
#include "qm/admin/mqsc.h"
#include "qm/home/msgcat.h"
#include "qm/proto.h"
#include "qm/home/qmgr.h"

#define RUNMQSC_CLIENT_WAIT 60   /* -c without -w: seconds for each command's replies */


/* One catalog message as a response line (stdout, where responses go). */
static void say(int id, const char *ins)
{
	char line[1024];
	const char *v[1] = { ins };
	msgcat_format(line, sizeof line, id, v, ins ? 1 : 0);
	printf("%s\n", line);
}

/* Send one command; status and the response text (malloc'd) back.  A
 * command the queue manager refused gets MQSC_FAILED and, as its text, the
 * message for the reason code. */
static int roundtrip(int fd, uint32_t id, const char *cmd, uint32_t *status, char **text)
{
	size_t len = strlen(cmd), rlen;
	uint8_t *body = malloc(4 + len), *rep;
	if (!body)
		return -1;
	for (int i = 0; i < 4; i++)
		body[i] = (uint8_t)(len >> (8 * i));
	memcpy(body + 4, cmd, len);
	int rc = proto_call(fd, PROTO_ADMIN_MQSC, id, body, 4 + len, &rep, &rlen);
	free(body);
	if (rc)
		return -1;
	if ((int32_t)get_u32(rep) != 0 && rlen == 8) {   /* MQCC_FAILED with no body */
		int32_t reason = (int32_t)get_u32(rep + 4);
		char line[512], why[128];
		if (reason == MQRC_NOT_AUTHORIZED) {
			msgcat_format(line, sizeof line, AMQ_NOT_AUTHORIZED, NULL, 0);
		} else {
			const char *nm = MQRC_STR(reason);
			snprintf(why, sizeof why, "reason code %d%s%s", (int)reason, *nm ? ", " : "", nm);
			const char *v[1] = { why };
			msgcat_format(line, sizeof line, AMQ_QUIRE_ERROR, v, 1);
		}
		*status = MQSC_FAILED;
		*text = malloc(strlen(line) + 2);
		if (*text)
			sprintf(*text, "%s\n", line);
		free(rep);
		return *text ? 0 : -1;
	}
	uint32_t tl = rlen >= 16 ? get_u32(rep + 12) : 0;
	if (rlen < 16 || 16 + (size_t)tl > rlen) {
		free(rep);
		return -1;
	}
	*status = get_u32(rep + 8);
	memmove(rep, rep + 16, tl);
	rep[tl] = 0;
	*text = (char *)rep;
	return 0;
}

static void summary(int nread, int nsyntax, int nfailed)
{
	if (nread == 1)
		printf("One MQSC command read.\n");
	else
		printf("%d MQSC commands read.\n", nread);
	if (nsyntax == 0)
		printf("No commands have a syntax error.\n");
	else if (nsyntax == 1)
		printf("One command has a syntax error.\n");
	else
		printf("%d commands have a syntax error.\n", nsyntax);
	if (nfailed == 0)
		printf("All valid MQSC commands were processed.\n");
	else if (nfailed == 1)
		printf("One valid MQSC command could not be processed.\n");
	else
		printf("%d valid MQSC commands could not be processed.\n", nfailed);
}

/* ------------------------------------------------------------------------ */
/* indirect mode: MQCMD_ESCAPE through the command server (-w, -c)          */

/* A queue manager that does not answer the MQI at all (stopped, or hung)
 * would leave an MQI call waiting for ever: each call of indirect mode runs
 * under an alarm of WaitTime plus IND_GRACE seconds, whose end says AMQ8416E
 * and exits 20 (what was printed before is out already: stdout is line
 * buffered in indirect mode). */
#define IND_GRACE 5
static char ind_alarm_line[512];
static size_t ind_alarm_len;

static void ind_alarm(int sig)
{
	(void)sig;
	if (write(1, ind_alarm_line, ind_alarm_len) < 0)
		_exit(20);
	_exit(20);
}

static void ind_guard(long wait)
{
	if (!ind_alarm_len) {
		const char *v[1] = { NULL };
		msgcat_format(ind_alarm_line, sizeof ind_alarm_line - 1, AMQ_MQSC_TIMED_OUT, v, 0);
		ind_alarm_len = strlen(ind_alarm_line);
		ind_alarm_line[ind_alarm_len++] = '\n';
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = ind_alarm;
		sigaction(SIGALRM, &sa, NULL);
	}
	alarm(wait > 0 ? (unsigned)(wait + IND_GRACE) : 0);
}

struct ind {
	MQHCONN hc;
	MQHOBJ hcmd, hrep;
	MQCHAR48 repq;        /* the reply queue's name (a temporary dynamic queue) */
	long wait;            /* seconds for each command's replies */
	MQBYTE24 *late;       /* MsgIds of the requests that timed out */
	size_t nlate, caplate;
};

/* An MQI refusal as a response line: AMQ8135E for 2035, AMQ8101E naming
 * any other reason code (as roundtrip says the queue manager's refusals). */
static void say_reason(MQLONG reason)
{
	if (reason == MQRC_NOT_AUTHORIZED) {
		say(AMQ_NOT_AUTHORIZED, NULL);
		return;
	}
	char why[128];
	const char *nm = MQRC_STR(reason);
	snprintf(why, sizeof why, "reason code %d%s%s", (int)reason, *nm ? ", " : "", nm);
	say(AMQ_QUIRE_ERROR, why);
}

static void blank48(MQCHAR48 f, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n > MQ_Q_MGR_NAME_LENGTH)
		n = MQ_Q_MGR_NAME_LENGTH;
	memset(f, ' ', MQ_Q_MGR_NAME_LENGTH);
	memcpy(f, s, n);
}

/* Connect to the local queue manager, make the reply queue from
 * SYSTEM.MQSC.REPLY.QUEUE and open the target's command queue.  0, or 20
 * after saying why. */
static int ind_open(struct ind *x, const char *local, const char *target, int client)
{
	MQLONG cc, rc;
	MQCHAR48 qm;
	MQCNO cno = { MQCNO_DEFAULT };
	blank48(qm, local);
	cno.Version = MQCNO_VERSION_2;
	if (client)
		cno.Options |= MQCNO_CLIENT_BINDING;
	else
		cno.Options |= MQCNO_LOCAL_BINDING;   /* -w/-x without -c: this host's queue manager, whatever MQSERVER says */
	x->hc = MQHC_UNUSABLE_HCONN;
	x->hcmd = x->hrep = MQHO_UNUSABLE_HOBJ;
	MQCONNX(qm, &cno, &x->hc, &cc, &rc);
	if (cc == MQCC_FAILED) {
		if (rc == MQRC_NOT_AUTHORIZED)
			say(AMQ_NOT_AUTHORIZED, NULL);
		else if (rc == MQRC_Q_MGR_NOT_AVAILABLE || rc == MQRC_Q_MGR_NAME_ERROR ||
			 rc == MQRC_Q_MGR_QUIESCING || rc == MQRC_Q_MGR_STOPPING || rc == MQRC_CONNECTION_BROKEN)
			cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, local, NULL);
		else
			say_reason(rc);
		return 20;
	}
	MQOD od = { MQOD_DEFAULT };
	memcpy(od.ObjectName, "SYSTEM.MQSC.REPLY.QUEUE", 23);
	MQOPEN(x->hc, &od, MQOO_INPUT_EXCLUSIVE | MQOO_FAIL_IF_QUIESCING, &x->hrep, &cc, &rc);
	if (cc == MQCC_FAILED) {
		cmd_usage_error("runmqsc", "cannot make a reply queue from SYSTEM.MQSC.REPLY.QUEUE on queue manager '%s'",
				local);
		say_reason(rc);
		return 20;
	}
	memcpy(x->repq, od.ObjectName, MQ_Q_NAME_LENGTH);
	MQOD oc = { MQOD_DEFAULT };
	memcpy(oc.ObjectName, "SYSTEM.ADMIN.COMMAND.QUEUE", 26);
	blank48(oc.ObjectQMgrName, target);
	MQOPEN(x->hc, &oc, MQOO_OUTPUT | MQOO_FAIL_IF_QUIESCING, &x->hcmd, &cc, &rc);
	if (cc == MQCC_FAILED) {
		if (rc == MQRC_UNKNOWN_REMOTE_Q_MGR)
			cmd_usage_error("runmqsc", "queue manager '%s' cannot be reached from '%s': Quire has no "
					"channels, so indirect mode reaches the local queue manager only", target, local);
		say_reason(rc);
		return 20;
	}
	return 0;
}

static void ind_close(struct ind *x)
{
	MQLONG cc, rc;
	if (x->hcmd != MQHO_UNUSABLE_HOBJ)
		MQCLOSE(x->hc, &x->hcmd, MQCO_NONE, &cc, &rc);
	if (x->hrep != MQHO_UNUSABLE_HOBJ)
		MQCLOSE(x->hc, &x->hrep, MQCO_NONE, &cc, &rc);   /* a temporary dynamic queue: deleted */
	if (x->hc != MQHC_UNUSABLE_HCONN)
		MQDISC(&x->hc, &cc, &rc);
	free(x->late);
}

/* Print the MQCACF_ESCAPE_TEXT lines of one reply (data d, n bytes, native
 * encoding).  Its MQCFH is copied to *h; -1 when it is not a response. */
static int ind_print(const unsigned char *d, size_t n, MQCFH *h, int *lines, int *syntax)
{
	if (n < MQCFH_STRUC_LENGTH)
		return -1;
	memcpy(h, d, sizeof *h);
	if (h->Type != MQCFT_RESPONSE && h->Type != MQCFT_XR_ITEM && h->Type != MQCFT_XR_SUMMARY)
		return -1;
	size_t off = (size_t)h->StrucLength;
	for (MQLONG i = 0; i < h->ParameterCount && off + 8 <= n; i++) {
		MQLONG type, sl;
		memcpy(&type, d + off, 4);
		memcpy(&sl, d + off + 4, 4);
		if (sl < 8 || (size_t)sl > n - off)
			return -1;
		if (type == MQCFT_STRING && sl >= MQCFST_STRUC_LENGTH_FIXED) {
			MQCFST st;
			memcpy(&st, d + off, MQCFST_STRUC_LENGTH_FIXED);
			if (st.StringLength >= 0 && st.StringLength <= sl - MQCFST_STRUC_LENGTH_FIXED &&
			    st.Parameter == MQCACF_ESCAPE_TEXT) {
				const char *s = (const char *)d + off + MQCFST_STRUC_LENGTH_FIXED;
				int k = (int)st.StringLength;
				while (k && s[k - 1] == ' ')
					k--;
				printf("%.*s\n", k, s);
				if (k >= 8 && !strncmp(s, "AMQ8405E", 8))
					*syntax = 1;
				(*lines)++;
			}
		}
		off += (size_t)sl;
	}
	return 0;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Get the replies to the request whose MsgId is id, printing them, until
 * the last one (MQCFC_LAST) or until ms milliseconds have passed (ms 0: no
 * wait).  *status the command's (MQSC_*).  0 all came; 1 timed out; -1 the
 * queue manager failed (said). */
static int ind_replies(struct ind *x, const MQBYTE24 id, int64_t ms, uint32_t *status)
{
	int64_t end = now_ms() + ms;
	size_t cap = 64 * 1024;
	unsigned char *buf = malloc(cap);
	int lines = 0, syntax = 0, ret = 1;
	if (!buf)
		return -1;
	*status = MQSC_OK;
	for (;;) {
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		MQLONG cc, rc, dl = 0;
		int64_t left = end - now_ms();
		gmo.Version = MQGMO_VERSION_2;
		gmo.MatchOptions = MQMO_MATCH_CORREL_ID;
		gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_CONVERT | MQGMO_FAIL_IF_QUIESCING | (left > 0 ? MQGMO_WAIT : 0);
		gmo.WaitInterval = left > 0 ? (MQLONG)left : 0;
		memcpy(md.CorrelId, id, sizeof md.CorrelId);
		md.Encoding = MQENC_NATIVE;
		md.CodedCharSetId = MQCCSI_Q_MGR;
		MQGET(x->hc, x->hrep, &md, &gmo, (MQLONG)cap, buf, &dl, &cc, &rc);
		if (rc == MQRC_TRUNCATED_MSG_FAILED && (size_t)dl > cap) {
			unsigned char *nb = realloc(buf, (size_t)dl);
			if (!nb)
				break;
			buf = nb;
			cap = (size_t)dl;
			gmo.Options &= ~MQGMO_WAIT;
			MQGET(x->hc, x->hrep, &md, &gmo, (MQLONG)cap, buf, &dl, &cc, &rc);
		}
		if (rc == MQRC_NO_MSG_AVAILABLE)
			break;   /* timed out */
		if (cc == MQCC_FAILED) {
			say_reason(rc);
			ret = -1;
			break;
		}
		MQCFH h;
		int before = lines;
		if (ind_print(buf, (size_t)dl, &h, &lines, &syntax) != 0) {
			say_reason(MQRCCF_CFH_TYPE_ERROR);   /* not a PCF response: nothing to show */
			*status = MQSC_FAILED;
			continue;
		}
		/* MQSC's syntax error (AMQ8405E) is a failed command to the command
		 * server (MQRCCF_COMMAND_FAILED); runmqsc counts it as a syntax
		 * error, as direct mode does */
		if (h.CompCode == MQCC_FAILED) {
			*status = syntax ? MQSC_SYNTAX : MQSC_FAILED;
			if (lines == before && h.Reason != MQRCCF_COMMAND_FAILED)
				say_reason(h.Reason);   /* refused with no lines: the reason */
		}
		if (h.Control == MQCFC_LAST) {
			ret = 0;
			break;
		}
	}
	free(buf);
	return ret;
}

/* Put one command on the command queue as MQCMD_ESCAPE (MQIACF_ESCAPE_TYPE
 * MQET_MQSC, MQCACF_ESCAPE_TEXT the command): a non-persistent request whose
 * replies go to the reply queue; its MsgId back in id.  0, or the reason. */
static MQLONG ind_send(struct ind *x, const char *cmd, size_t len, MQBYTE24 id)
{
	size_t tl = (len + 3) & ~(size_t)3;
	size_t tot = MQCFH_STRUC_LENGTH + MQCFIN_STRUC_LENGTH + MQCFST_STRUC_LENGTH_FIXED + tl;
	unsigned char *b = calloc(1, tot);
	if (!b)
		return MQRC_STORAGE_NOT_AVAILABLE;
	MQCFH h = { MQCFH_DEFAULT };
	h.Type = MQCFT_COMMAND;
	h.Command = MQCMD_ESCAPE;
	h.ParameterCount = 2;
	MQCFIN in = { MQCFIN_DEFAULT };
	in.Parameter = MQIACF_ESCAPE_TYPE;
	in.Value = MQET_MQSC;
	MQCFST st = { MQCFST_DEFAULT };
	st.StrucLength = (MQLONG)(MQCFST_STRUC_LENGTH_FIXED + tl);
	st.Parameter = MQCACF_ESCAPE_TEXT;
	st.StringLength = (MQLONG)len;
	size_t off = 0;
	memcpy(b, &h, MQCFH_STRUC_LENGTH);
	off += MQCFH_STRUC_LENGTH;
	memcpy(b + off, &in, MQCFIN_STRUC_LENGTH);
	off += MQCFIN_STRUC_LENGTH;
	memcpy(b + off, &st, MQCFST_STRUC_LENGTH_FIXED);
	off += MQCFST_STRUC_LENGTH_FIXED;
	memcpy(b + off, cmd, len);
	memset(b + off + len, ' ', tl - len);
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	md.Persistence = MQPER_NOT_PERSISTENT;
	memcpy(md.ReplyToQ, x->repq, MQ_Q_NAME_LENGTH);
	pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID | MQPMO_FAIL_IF_QUIESCING;
	MQLONG cc, rc;
	MQPUT(x->hc, x->hcmd, &md, &pmo, (MQLONG)tot, b, &cc, &rc);
	free(b);
	if (cc == MQCC_FAILED)
		return rc;
	memcpy(id, md.MsgId, sizeof md.MsgId);
	return 0;
}

/* Remember a request whose replies did not come in time. */
static void ind_late(struct ind *x, const MQBYTE24 id)
{
	if (x->nlate == x->caplate) {
		size_t c = x->caplate ? x->caplate * 2 : 8;
		MQBYTE24 *n = realloc(x->late, c * sizeof *n);
		if (!n)
			return;
		x->late = n;
		x->caplate = c;
	}
	memcpy(x->late[x->nlate++], id, sizeof(MQBYTE24));
}

/* At the end: the replies of timed-out commands that have come since are
 * shown; any that come later are lost with the reply queue. */
static void ind_show_late(struct ind *x)
{
	for (size_t i = 0; i < x->nlate; i++) {
		uint32_t st;
		if (ind_replies(x, x->late[i], 0, &st) < 0)
			return;
	}
}

#define USAGE "Usage: runmqsc [-e] [-v] [-c] [-w WaitTime [-x] [-m LocalQMgrName]] [-f InputFile] [QMgrName]\n"


int main(int argc, char **argv)
{
	int echo = 1, verify = 0, client = 0, zos = 0;
	long wait = 0;
	const char *name = NULL, *file = NULL, *local = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-e"))
			echo = 0;
		else if (!strcmp(argv[i], "-v"))
			verify = 1;
		else if (!strcmp(argv[i], "-c"))
			client = 1;
		else if (!strcmp(argv[i], "-x"))
			zos = 1;
		else if (!strcmp(argv[i], "-w") || !strcmp(argv[i], "-f") || !strcmp(argv[i], "-m")) {
			if (i + 1 >= argc) {
				cmd_usage_error("runmqsc", "flag %s needs a value", argv[i]);
				fprintf(stderr, USAGE);
				return 20;
			}
			if (argv[i][1] == 'f') {
				file = argv[++i];
				continue;
			}
			if (argv[i][1] == 'm') {
				local = argv[++i];
				continue;
			}
			char *e;
			errno = 0;
			wait = strtol(argv[++i], &e, 10);
			if (errno || *e || e == argv[i] || wait < 1 || wait > 999999) {
				cmd_usage_error("runmqsc", "-w takes a wait time in seconds from 1 to 999999, not '%s'",
						argv[i]);
				return 20;
			}
		} else if (argv[i][0] == '-') {
			cmd_usage_error("runmqsc", "flag %s is not supported (runmqsc takes -e, -v, -c, -w WaitTime, -x, "
					"-m LocalQMgrName and -f InputFile)", argv[i]);
			fprintf(stderr, USAGE);
			return 20;
		} else if (name) {
			cmd_usage_error("runmqsc", "more than one queue manager name given");
			return 20;
		} else
			name = argv[i];
	}
	/* as MQ: -x and -m belong to indirect mode (-w); -v runs nothing, so
	 * -w and -x are ignored with it */
	if ((zos || local) && !wait && !verify) {
		cmd_usage_error("runmqsc", "%s is valid only with -w WaitTime (indirect mode)", zos ? "-x" : "-m");
		fprintf(stderr, USAGE);
		return 20;
	}
	if (verify) {
		wait = 0;
		client = 0;
		zos = 0;
		local = NULL;
	}
	if (zos) {
		cmd_usage_error("runmqsc", "-x says the target queue manager runs on z/OS: Quire reaches only its "
				"own local queue managers (no channels), none of them z/OS");
		return 20;
	}
	int indirect = wait || client;
	if (client && !wait)
		wait = RUNMQSC_CLIENT_WAIT;
	/* the target (QMgrName) is where the commands run; the local queue
	 * manager (-m, else the target itself: see the top) is the one
	 * runmqsc connects to */
	struct qm_paths p;
	char err[1024];
	int rc = qmgr_locate(indirect && local ? local : name, &p, err, sizeof err);
	if (rc && !verify) {
		cmd_qmgr_unknown("runmqsc", indirect && local ? local : name ? name : "");
		return 20;
	}
	const char *target = name ? name : p.name;
	int fd = -1;
	struct ind x = { .hc = MQHC_UNUSABLE_HCONN, .hcmd = MQHO_UNUSABLE_HOBJ, .hrep = MQHO_UNUSABLE_HOBJ };
	if (indirect) {
		x.wait = wait;
		setvbuf(stdout, NULL, _IOLBF, 0);
		ind_guard(wait);
		int r = ind_open(&x, p.name, target, client);
		ind_guard(0);
		if (r) {
			ind_close(&x);
			return r;
		}
	} else if (!verify) {
		fd = proto_connect(p.data_dir);
		if (fd < 0) {
			cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
			return 20;
		}
	}
	printf("Quire MQSC, version %s.\n", ERRLOG_VRMF);
	if (verify)
		printf("Checking the syntax of MQSC commands%s%s.\n\n\n", rc ? "" : " for queue manager ", rc ? "" : p.name);
	else
		printf("Starting MQSC for queue manager %s.\n\n\n", indirect ? target : p.name);
	int in = 0;
	if (file && (in = open(file, O_RDONLY | O_CLOEXEC)) < 0) {
		cmd_usage_error("runmqsc", "cannot open the input file '%s': %s", file, strerror(errno));
		if (fd >= 0)
			close(fd);
		ind_close(&x);
		return 20;
	}
	struct mqsc_reader *r = mqsc_reader_new(in);
	if (in > 0)
		close(in);
	if (!r) {
		cmd_usage_error("runmqsc", "cannot read the commands from %s: %s", file ? file : "standard input",
				strerror(errno));
		if (fd >= 0)
			close(fd);
		ind_close(&x);
		return 20;
	}
	char *cmd;
	int nread = 0, nsyntax = 0, nfailed = 0, broken = 0, ntimedout = 0, got;
	while ((got = mqsc_reader_next(r, &cmd)) != 0) {
		nread++;
		if (echo)
			printf("%6d : %s\n", nread, cmd);
		uint32_t status = 0;
		char *text = NULL;
		size_t len = strlen(cmd);
		if (got == MQSC_READ_BAD) {
			say(AMQ_MQSC_SYNTAX, mqsc_reader_error(r));
			nsyntax++;
			free(cmd);
			continue;
		}
		if (verify || len > PROTO_MAX_BODY - 4) {
			struct mqsc_out out = { 0 };
			status = (uint32_t)(verify ? mqsc_check(cmd, &out) : mqsc_check_text(cmd, len, &out));
			if (out.text)
				fputs(out.text, stdout);
			mqsc_out_free(&out);
		} else if (indirect) {
			MQBYTE24 id;
			ind_guard(wait);
			MQLONG why = ind_send(&x, cmd, len, id);
			int got_all = why ? -1 : ind_replies(&x, id, (int64_t)wait * 1000, &status);
			ind_guard(0);
			if (why)
				say_reason(why);
			if (got_all < 0) {
				broken = 1;
				free(cmd);
				break;
			}
			if (got_all > 0) {
				/* may still be carried out: counted as not processed */
				say(AMQ_MQSC_TIMED_OUT, NULL);
				ind_late(&x, id);
				ntimedout++;
				status = MQSC_FAILED;
			}
		} else if (roundtrip(fd, (uint32_t)nread, cmd, &status, &text) != 0) {
			cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
			broken = 1;
			free(cmd);
			break;
		} else {
			fputs(text, stdout);
			free(text);
		}
		if (status == MQSC_SYNTAX)
			nsyntax++;
		else if (status == MQSC_FAILED)
			nfailed++;
		int end = !strncasecmp(cmd, "END", 3) && (cmd[3] == 0 || cmd[3] == ' ');
		free(cmd);
		if (end)
			break;
	}
	mqsc_reader_free(r);
	if (fd >= 0)
		close(fd);
	if (indirect) {
		ind_guard(wait);
		if (!broken)
			ind_show_late(&x);
		ind_close(&x);
		ind_guard(0);
	}
	summary(nread, nsyntax, nfailed);
	if (broken || ntimedout)
		return 20;
	return nsyntax || nfailed ? 10 : 0;
}
