/*
 * runmqsc: run MQSC commands against a running queue manager.
 *
 *   runmqsc [-e] [-v] [QMgrName]  < commands
 *
 *   -e   do not echo each command before its response
 *   -v   check the syntax of the commands only; nothing is run and the
 *        queue manager need not be running
 * Commands are read from standard input, one per line; a line ending in '+'
 * or '-' continues on the next ('+' drops the next line's leading blanks);
 * lines starting with '*' are comments.  Each command goes to the queue
 * manager (qm/proto.h, PROTO_ADMIN_MQSC), which carries it out with
 * qm/mqsc.c and sends back the response lines.
 *
 * Exit status (MQ's): 0 every command ran; 10 one or more had a syntax error
 * or failed; 20 runmqsc could not work (bad arguments, queue manager not
 * available).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "log/qmerr.h"
#include "qm/cmdout.h"
#include "qm/errlog.h"
#include "qm/mqsc.h"
#include "qm/msgcat.h"
#include "qm/proto.h"
#include "qm/qmgr.h"

static uint32_t le32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

/* Send one command; status and the response text (malloc'd) back. */
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
	if ((int32_t)le32(rep) != 0 && rlen == 8) {   /* MQCC_FAILED with no body */
		*status = MQSC_FAILED;
		*text = strdup("");
		free(rep);
		return 0;
	}
	uint32_t tl = rlen >= 16 ? le32(rep + 12) : 0;
	if (rlen < 16 || 16 + (size_t)tl > rlen) {
		free(rep);
		return -1;
	}
	*status = le32(rep + 8);
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

int main(int argc, char **argv)
{
	int echo = 1, verify = 0;
	const char *name = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-e"))
			echo = 0;
		else if (!strcmp(argv[i], "-v"))
			verify = 1;
		else if (argv[i][0] == '-') {
			cmd_usage_error("runmqsc", "flag %s is not supported (use -e or -v)", argv[i]);
			fprintf(stderr, "Usage: runmqsc [-e] [-v] [QMgrName]\n");
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
		cmd_error(NULL, AMQ_QMGR_UNKNOWN, name ? name : "", NULL);
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
	struct mqsc_reader *r = mqsc_reader_new(0);
	char *cmd;
	int nread = 0, nsyntax = 0, nfailed = 0, broken = 0;
	while (r && mqsc_reader_next(r, &cmd)) {
		nread++;
		if (echo)
			printf("%6d : %s\n", nread, cmd);
		uint32_t status = 0;
		char *text = NULL;
		if (verify) {
			struct mqsc_out out = { 0 };
			status = (uint32_t)mqsc_check(cmd, &out);
			if (out.text)
				fputs(out.text, stdout);
			mqsc_out_free(&out);
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
	summary(nread, nsyntax, nfailed);
	if (broken)
		return 20;
	return nsyntax || nfailed ? 10 : 0;
}
