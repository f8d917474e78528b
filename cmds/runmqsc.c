/*
 * runmqsc: run MQSC commands against a running queue manager.
 *
 *   runmqsc [-e] [-v] [-w WaitTime] [-f InputFile] [QMgrName]  < commands
 *
 *   -e   do not echo each command before its response
 *   -v   check the syntax of the commands only; nothing is run and the
 *        queue manager need not be running
 *   -w   wait at most WaitTime seconds (1 to 999999) for each command's
 *        response; a queue manager that does not answer in time gets
 *        AMQ8416E and runmqsc stops there (exit 20).  MQ's -w sends the
 *        commands through the command server's queue to a queue manager that
 *        may be remote; Quire has no command server yet, so -w applies the
 *        wait to the local queue manager's answers, which is the part a
 *        script relies on (it never hangs longer than WaitTime per command)
 *   -f   read the commands from InputFile instead of standard input
 * Commands are read one per line; a line ending in '+'
 * or '-' continues on the next ('+' drops the next line's leading blanks);
 * lines starting with '*' are comments.  Each command goes to the queue
 * manager (qm/proto.h, PROTO_ADMIN_MQSC), which carries it out with
 * qm/admin/mqsc.c and sends back the response lines.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "cmqstrc.h"
#include "log/byteorder.h"
#include "log/qmerr.h"
#include "qm/home/cmdout.h"
#include "qm/home/errlog.h"
#include "qm/admin/mqsc.h"
#include "qm/home/msgcat.h"
#include "qm/proto.h"
#include "qm/home/qmgr.h"


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

#define USAGE "Usage: runmqsc [-e] [-v] [-w WaitTime] [-f InputFile] [QMgrName]\n"

int main(int argc, char **argv)
{
	int echo = 1, verify = 0;
	long wait = 0;
	const char *name = NULL, *file = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-e"))
			echo = 0;
		else if (!strcmp(argv[i], "-v"))
			verify = 1;
		else if (!strcmp(argv[i], "-w") || !strcmp(argv[i], "-f")) {
			if (i + 1 >= argc) {
				cmd_usage_error("runmqsc", "flag %s needs a value", argv[i]);
				fprintf(stderr, USAGE);
				return 20;
			}
			if (argv[i][1] == 'f') {
				file = argv[++i];
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
			cmd_usage_error("runmqsc", "flag %s is not supported (runmqsc takes -e, -v, -w WaitTime and "
					"-f InputFile)", argv[i]);
			fprintf(stderr, USAGE);
			return 20;
		} else if (name) {
			cmd_usage_error("runmqsc", "more than one queue manager name given");
			return 20;
		} else
			name = argv[i];
	}
	struct qm_paths p;
	char err[1024];
	int rc = qmgr_locate(name, &p, err, sizeof err);
	if (rc && !verify) {
		cmd_qmgr_unknown("runmqsc", name ? name : "");
		return 20;
	}
	int fd = -1;
	if (!verify) {
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
		printf("Starting MQSC for queue manager %s.\n\n\n", p.name);
	int in = 0;
	if (file && (in = open(file, O_RDONLY | O_CLOEXEC)) < 0) {
		cmd_usage_error("runmqsc", "cannot open the input file '%s': %s", file, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 20;
	}
	if (wait && fd >= 0) {
		struct timeval tv = { .tv_sec = wait };
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	}
	struct mqsc_reader *r = mqsc_reader_new(in);
	if (in > 0)
		close(in);
	if (!r) {
		cmd_usage_error("runmqsc", "cannot read the commands from %s: %s", file ? file : "standard input",
				strerror(errno));
		if (fd >= 0)
			close(fd);
		return 20;
	}
	char *cmd;
	int nread = 0, nsyntax = 0, nfailed = 0, broken = 0, got;
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
		} else if (roundtrip(fd, (uint32_t)nread, cmd, &status, &text) != 0) {
			if (wait && (errno == EAGAIN || errno == EWOULDBLOCK))
				say(AMQ_MQSC_TIMED_OUT, NULL);
			else
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
	summary(nread, nsyntax, nfailed);
	if (broken)
		return 20;
	return nsyntax || nfailed ? 10 : 0;
}
