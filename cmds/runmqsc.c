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

static int write_all(int fd, const void *b, size_t n)
{
	const char *p = b;
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int read_all(int fd, void *b, size_t n)
{
	char *p = b;
	while (n) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static uint32_t le32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

/* Send one command; status and the response text (malloc'd) back. */
static int roundtrip(int fd, uint32_t id, const char *cmd, uint32_t *status, char **text)
{
	size_t len = strlen(cmd);
	uint8_t hdr[PROTO_HDR_SIZE], lenb[4];
	struct proto_hdr h = { .magic = PROTO_MAGIC, .len = (uint32_t)(4 + len), .op = PROTO_ADMIN_MQSC, .id = id };
	proto_hdr_encode(hdr, &h);
	for (int i = 0; i < 4; i++)
		lenb[i] = (uint8_t)(len >> (8 * i));
	if (write_all(fd, hdr, sizeof hdr) || write_all(fd, lenb, 4) || write_all(fd, cmd, len))
		return -1;
	if (read_all(fd, hdr, sizeof hdr) || proto_hdr_decode(hdr, &h) || h.len < 16)
		return -1;
	uint8_t *body = malloc(h.len + 1);
	if (!body || read_all(fd, body, h.len)) {
		free(body);
		return -1;
	}
	uint32_t tl = le32(body + 12);
	if ((int32_t)le32(body) != 0 && h.len == 8) {   /* MQCC_FAILED with no body */
		*status = MQSC_FAILED;
		*text = strdup("");
		free(body);
		return 0;
	}
	if (16 + (size_t)tl > h.len) {
		free(body);
		return -1;
	}
	*status = le32(body + 8);
	memmove(body, body + 16, tl);
	body[tl] = 0;
	*text = (char *)body;
	return 0;
}

static int connect_qm(const struct qm_paths *p)
{
	struct sockaddr_un sa;
	int dirfd;
	if (proto_sock_addr(p->data_dir, &sa, &dirfd))
		return -1;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int rc = fd >= 0 ? connect(fd, (struct sockaddr *)&sa, sizeof sa) : -1;
	if (dirfd >= 0)
		close(dirfd);
	if (rc) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
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
		fd = connect_qm(&p);
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
