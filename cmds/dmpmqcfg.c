/*
 * dmpmqcfg: print the definitions of a running queue manager and its objects
 * as MQSC commands, so that `runmqsc QM2 < dump` re-creates them elsewhere.
 *
 *   dmpmqcfg [-m QMgrName] [-a] [-x all|object|authrec|chlauth] [-t type] [-n GenericName]
 *            [-o mqsc|1line|setmqaut] [-q ReplyQueue] [-s SeqNumber] [-z]
 *
 *   -m  the queue manager (default: the default queue manager)
 *   -a  every attribute DEFINE/ALTER can set; without it only those that
 *       differ from the type's defaults (qm/admin/dumpcfg.h says exactly which)
 *   -x  all (the definitions, the channel authentication records and, with -t
 *       all, the authority records as SET AUTHREC, issue 15), object (the
 *       definitions only), authrec (the authority records only, their
 *       profiles matching -n) or chlauth (the channel authentication records
 *       alone, SET CHLAUTH ... ACTION(REPLACE) lines after the objects; -n
 *       matches their channel profile); sub and policy are refused rather
 *       than giving an empty dump
 *   -t  all (default), queue/q, qlocal/ql, qalias/qa, qmodel/qm, qmgr, process/prcs, topic/top, sub,
 *       channel/chl, listener/lstr, authinfo; MQ's other types (qremote,
 *       clntconn, namelist ...) are accepted and match nothing: this queue
 *       manager has no such objects
 *   -n  a name or a generic name ending in * (default *)
 *   -o  mqsc (default: one attribute a line, continued with +), 1line (a
 *       command a line) or setmqaut (the authority records as setmqaut
 *       commands, the definitions as mqsc); grtmqmaut (IBM i's) is refused
 *   -q  MQ's reply queue for the command server: accepted and checked as a
 *       queue name, with no effect (the dump comes back on the admin connection)
 *   -s  MQ's reset of sender channels' sequence numbers: accepted and range
 *       checked (1-999999999), with no effect (there are no channels)
 *   -z  no warnings on standard error (the dump still says what it left out)
 *   -c, -u, -r (client connections, a user to connect as, a remote queue
 *       manager) are refused: this command only reaches a local queue manager
 *       through its own socket, as its owner.
 *
 * Output: MQ's comment header (date and time, user and host, queue manager
 * name, platform UNIX, command level, the command as issued), then the
 * commands.  The dump is gathered whole (the queue manager sends it a page
 * at a time) and printed only when it is complete.
 *
 * Exit status (the facts give none for MQ's dmpmqcfg): 0 the dump is
 * printed; 1 the command line is wrong or asks for something this queue
 * manager cannot dump; 2 no dump (queue manager unknown or not running
 * (AMQ8146E), not its owner (AMQ8135E), or the dump failed); 3 the dump is
 * printed but left out damaged objects (AMQ8149E for each, and a comment
 * line in the dump).
 */
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cmqc.h"
#include "log/byteorder.h"
#include "log/qmerr.h"
#include "objects/names.h"
#include "qm/admin/dumpcfg.h"
#include "qm/home/cmdout.h"
#include "qm/home/msgcat.h"
#include "qm/home/qmgr.h"
#include "qm/proto.h"

#define CMD "dmpmqcfg"
enum { RC_OK = 0, RC_ARGS = 1, RC_FAILED = 2, RC_DAMAGED = 3 };

static void usage(void)
{
	fprintf(stderr, "Usage: dmpmqcfg [-m QMgrName] [-a] [-x all|object|authrec|chlauth] [-t ObjectType] [-n GenericName]\n"
			"                [-o mqsc|1line|setmqaut] [-q ReplyQueue] [-s SeqNumber] [-z]\n"
			"ObjectType: all queue q qlocal ql qalias qa qmodel qm qmgr process prcs topic top sub channel chl\n"
			"            listener lstr authinfo (MQ's other types match nothing)\n");
}

static const struct {
	const char *word;
	uint32_t types;
} types[] = {
	{ "all", DUMPCFG_T_ALL }, { "queue", DUMPCFG_T_QUEUES }, { "q", DUMPCFG_T_QUEUES },
	{ "qlocal", OBJDEF_M(OBJDEF_QLOCAL) }, { "ql", OBJDEF_M(OBJDEF_QLOCAL) },
	{ "qalias", OBJDEF_M(OBJDEF_QALIAS) }, { "qa", OBJDEF_M(OBJDEF_QALIAS) },
	{ "qmodel", OBJDEF_M(OBJDEF_QMODEL) }, { "qm", OBJDEF_M(OBJDEF_QMODEL) },
	{ "qmgr", OBJDEF_M(OBJDEF_QMGR) }, { "process", OBJDEF_M(OBJDEF_PROCESS) }, { "prcs", OBJDEF_M(OBJDEF_PROCESS) },
	{ "topic", OBJDEF_M(OBJDEF_TOPIC) }, { "top", OBJDEF_M(OBJDEF_TOPIC) }, { "sub", DUMPCFG_T_SUB },
	/* MQ's types of objects this queue manager does not have */
	{ "authinfo", OBJDEF_M(OBJDEF_AUTHINFO) }, { "channel", OBJDEF_M(OBJDEF_CHANNEL) },
	{ "chl", OBJDEF_M(OBJDEF_CHANNEL) }, { "listener", OBJDEF_M(OBJDEF_LISTENER) },
	{ "lstr", OBJDEF_M(OBJDEF_LISTENER) },
	{ "qremote", 0 }, { "qr", 0 }, { "clntconn", 0 },
	{ "clcn", 0 }, { "comminfo", 0 }, { "namelist", 0 }, { "nl", 0 },
	{ "service", 0 }, { "srvc", 0 },
	{ "policy", 0 }, { "mqttchl", 0 },
};

/* A refused flag: what it asks for and why it cannot be done here. */
static int refuse(const char *flag, const char *why)
{
	cmd_usage_error(CMD, "%s is not supported: %s", flag, why);
	return RC_ARGS;
}

/* -n: a name, or a generic one ending in '*', of at most 48 characters. */
static int name_ok(const char *n)
{
	size_t len = strlen(n);
	if (!len || len > 48)
		return 0;
	if (!strcmp(n, "*"))
		return 1;
	char base[49], why[256];
	snprintf(base, sizeof base, "%.*s", (int)(n[len - 1] == '*' ? len - 1 : len), n);
	if (strchr(base, '*'))
		return 0;
	return names_check(base, why, sizeof why) == QM_OK;
}

/* The command as issued, for the header: its arguments as given (quoted
 * when they hold a blank). */
static void command_issued(int argc, char **argv, char *out, size_t n)
{
	size_t at = (size_t)snprintf(out, n, "%s", CMD);
	for (int i = 1; i < argc && at < n; i++) {
		const char *q = argv[i][0] && !strpbrk(argv[i], " \t") ? "" : "\"";
		at += (size_t)snprintf(out + at, n - at, " %s%s%s", q, argv[i], q);
	}
}

static void header(const char *qmname, int32_t cmdlevel, int argc, char **argv)
{
	char date[32] = "", tm_s[32] = "", host[256] = "?", user[64], issued[4096];
	time_t now = time(NULL);
	struct tm tm;
	if (localtime_r(&now, &tm)) {
		strftime(date, sizeof date, "%Y-%m-%d", &tm);
		strftime(tm_s, sizeof tm_s, "%H.%M.%S", &tm);
	}
	if (gethostname(host, sizeof host) != 0)
		snprintf(host, sizeof host, "?");
	host[sizeof host - 1] = 0;
	struct passwd *pw = getpwuid(geteuid());
	if (pw && pw->pw_name)
		snprintf(user, sizeof user, "%s", pw->pw_name);
	else
		snprintf(user, sizeof user, "%u", (unsigned)geteuid());
	command_issued(argc, argv, issued, sizeof issued);
	const char *stars = "*******************************************************************************";
	printf("%s\n", stars);
	printf("* Script generated on %s   at %s\n", date, tm_s);
	printf("* Script generated by user '%s' on host '%s'\n", user, host);
	printf("* Queue manager name: %s\n", qmname);
	printf("* Queue manager platform: UNIX\n");
	printf("* Queue manager command level: (%d/%d)\n", (int)cmdlevel, (int)MQCMDL_CURRENT_LEVEL);
	printf("* Command issued: %s\n", issued);
	printf("%s\n", stars);
}

/* AMQ8149E for each object the dump left out as damaged (its comment line
 * "* QLOCAL('NAME') left out: ..."). */
static void say_damaged(const struct mqsc_out *t)
{
	const char *p = t->text, *end = t->text + t->len;
	while (p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *q = len > 2 && p[0] == '*' && p[1] == ' ' ? memchr(p, '(', len) : NULL;
		const char *e = q ? strstr(q, "') left out: ") : NULL;
		if (q && e && e < p + len && q[1] == '\'') {
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)(e - q - 2), q + 2);
			cmd_error(NULL, AMQ_OBJECT_DAMAGED_CMD, name, NULL);
		}
		p = nl ? nl + 1 : NULL;
	}
}

int main(int argc, char **argv)
{
	const char *qmname = NULL, *tword = "all", *name = "*", *xword = "all", *oword = "mqsc";
	const char *replyq = NULL, *seqno = NULL;
	int all = 0, quiet = 0, opt;
	opterr = 0;
	while ((opt = getopt(argc, argv, ":m:ax:t:n:o:q:s:zc:u:r:")) != -1) {
		switch (opt) {
		case 'm': qmname = optarg; break;
		case 'a': all = 1; break;
		case 'x': xword = optarg; break;
		case 't': tword = optarg; break;
		case 'n': name = optarg; break;
		case 'o': oword = optarg; break;
		case 'q': replyq = optarg; break;
		case 's': seqno = optarg; break;
		case 'z': quiet = 1; break;
		case 'c':
			return refuse("-c (a client connection)", "dmpmqcfg reaches only a queue manager on this machine, "
				      "through its own socket; run it where the queue manager runs");
		case 'u':
			return refuse("-u (a user to connect as)", "only administrators may dump it, "
				      "and they are recognised by the socket, not by a user id and password");
		case 'r':
			return refuse("-r (a remote queue manager)", "this queue manager has no channels to reach "
				      "another one through; run dmpmqcfg on that queue manager's machine");
		case ':':
			cmd_usage_error(CMD, "flag -%c needs a value", optopt);
			usage();
			return RC_ARGS;
		default:
			if (optopt == '?') {
				usage();
				return RC_OK;
			}
			cmd_usage_error(CMD, "flag -%c is not valid", optopt);
			usage();
			return RC_ARGS;
		}
	}
	if (optind < argc) {
		cmd_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
		usage();
		return RC_ARGS;
	}
	if (!strcasecmp(xword, "sub"))
		return refuse("-x sub", "use -t sub, which dumps the subscriptions alone");
	if (!strcasecmp(xword, "policy"))
		return refuse("-x policy", "this queue manager has no security policies");
	if (strcasecmp(xword, "all") && strcasecmp(xword, "object") && strcasecmp(xword, "authrec") &&
	    strcasecmp(xword, "chlauth")) {
		cmd_usage_error(CMD, "-x '%s' is not valid: all, object, authrec, chlauth, sub or policy", xword);
		return RC_ARGS;
	}
	uint32_t flags = all ? DUMPCFG_F_ALL : 0;
	if (!strcasecmp(oword, "1line"))
		flags |= DUMPCFG_F_1LINE;
	else if (!strcasecmp(oword, "setmqaut"))
		flags |= DUMPCFG_F_SETMQAUT;
	else if (!strcasecmp(oword, "grtmqmaut"))
		return refuse("-o grtmqmaut", "grtmqmaut is IBM i's command; this queue manager runs on Linux");
	else if (strcasecmp(oword, "mqsc")) {
		cmd_usage_error(CMD, "-o '%s' is not valid: mqsc, 1line, setmqaut or grtmqmaut", oword);
		return RC_ARGS;
	}
	int ti = -1;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (!strcasecmp(tword, types[i].word))
			ti = (int)i;
	if (ti < 0) {
		cmd_usage_error(CMD, "object type '%s' is not valid", tword);
		usage();
		return RC_ARGS;
	}
	if (!name_ok(name)) {
		cmd_usage_error(CMD, "-n '%.60s' is not a valid object name or generic name (at most 48 characters "
				"of A-Z a-z 0-9 . _ / %%, and * only at the end)", name);
		return RC_ARGS;
	}
	if (replyq) {
		char why[256];
		if (strlen(replyq) > 48 || names_check(replyq, why, sizeof why) != QM_OK) {
			cmd_usage_error(CMD, "-q '%.60s' is not a valid queue name", replyq);
			return RC_ARGS;
		}
	}
	if (seqno) {
		char *e;
		long v = strtol(seqno, &e, 10);
		if (*e || e == seqno || v < 1 || v > 999999999) {
			cmd_usage_error(CMD, "-s '%.20s' is not a sequence number from 1 to 999999999", seqno);
			return RC_ARGS;
		}
	}
	uint32_t page_max = 0;
#ifdef QUIRE_TEST_HOOKS
	/* test hook: small pages, so that the tests see a dump of many pages */
	const char *pe = getenv("QUIRE_DMPMQCFG_PAGE");
	if (pe)
		page_max = (uint32_t)strtoul(pe, NULL, 10);
#endif

	struct qm_paths p;
	if (cmd_locate(CMD, qmname, 0, &p))
		return RC_FAILED;
	int fd = proto_connect(p.data_dir);
	if (fd < 0) {
		cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
		return RC_FAILED;
	}
	struct mqsc_out dump = { 0 };
	struct dumpcfg_cursor cur = { 0 };
	uint32_t damaged = 0, id = 1;
	int32_t cmdlevel = 0;
	int code = RC_OK, more = 1;
	size_t nl = strlen(name);
	while (more) {
		size_t cl = strlen(cur.name), blen = 24 + cl + nl;
		uint8_t body[24 + 2 * 48];
		put_u32(body, flags);
		/* -x all adds the authority records to -t all; -x authrec is only
		 * them; -x object: the definitions without the channel
		 * authentication records; -x chlauth: those records alone (SET
		 * CHLAUTH lines) */
		uint32_t tbits = types[ti].types;
		if (!strcasecmp(xword, "authrec"))
			tbits = DUMPCFG_T_AUTHREC;
		else if (!strcasecmp(xword, "all") && tbits == DUMPCFG_T_ALL)
			tbits |= DUMPCFG_T_AUTHREC;
		else if (!strcasecmp(xword, "object"))
			tbits &= ~DUMPCFG_T_CHLAUTH;
		else if (!strcasecmp(xword, "chlauth"))
			tbits &= DUMPCFG_T_CHLAUTH;
		put_u32(body + 4, tbits);
		put_u32(body + 8, page_max);
		put_u32(body + 12, cur.group);
		put_u32(body + 16, (uint32_t)cl);
		memcpy(body + 20, cur.name, cl);
		put_u32(body + 20 + cl, (uint32_t)nl);
		memcpy(body + 24 + cl, name, nl);
		uint8_t *rep = NULL;
		size_t rlen = 0;
		if (proto_call(fd, PROTO_ADMIN_DUMPCFG, id++, body, blen, &rep, &rlen) != 0) {
			cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
			code = RC_FAILED;
			break;
		}
		int32_t mqrc = (int32_t)get_u32(rep + 4);
		size_t m = rlen >= 28 ? get_u32(rep + 24) : 0, at = 28 + m;
		if (mqrc == MQRC_NOT_AUTHORIZED) {
			cmd_error(NULL, AMQ_NOT_AUTHORIZED, NULL);
			fprintf(stderr, "%s: only administrators of queue manager %s (its user, root, group mqm) may dump "
				"its configuration\n", CMD, p.name);
			code = RC_FAILED;
		} else if (mqrc != MQRC_NONE || rlen < 28 || m > 48 || rlen < at + 8 ||
			   get_u32(rep + at + 4) > rlen - at - 8) {
			fprintf(stderr, "%s: the queue manager could not make the dump (reason %d)\n", CMD, (int)mqrc);
			code = RC_FAILED;
		} else {
			damaged += get_u32(rep + 12);
			more = get_u32(rep + 16) != 0;
			cur.group = get_u32(rep + 20);
			memcpy(cur.name, rep + 28, m);
			cur.name[m] = 0;
			cmdlevel = (int32_t)get_u32(rep + at);
			if (mqsc_out_add(&dump, rep + at + 8, get_u32(rep + at + 4)) != 0) {
				fprintf(stderr, "%s: out of memory\n", CMD);
				code = RC_FAILED;
			}
		}
		free(rep);
		if (code)
			break;
	}
	close(fd);
	if (code == RC_OK) {
		header(p.name, cmdlevel, argc, argv);
		if (dump.len)
			fwrite(dump.text, 1, dump.len, stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "%s: the dump could not be written to standard output\n", CMD);
			code = RC_FAILED;
		} else if (damaged) {
			if (!quiet)
				say_damaged(&dump);
			code = RC_DAMAGED;
		}
	}
	mqsc_out_free(&dump);
	return code;
}
