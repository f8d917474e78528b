/*
 * runmqlsr: run a TCP listener for a running queue manager.
 *
 *   runmqlsr -t tcp [-m QMgrName] [-p Port] [-i IPAddr] [-b Backlog]
 *
 * The queue manager opens the port itself (qm/proto.h ADMIN_LSR: its
 * connections are served by its own event loop, server/channel.c);
 * runmqlsr asks it to, then stays in the foreground, as MQ's does, until the
 * listener is stopped (endmqlsr, STOP LISTENER is for objects) or the queue
 * manager ends: the queue manager closes runmqlsr's connection then.  Ending
 * runmqlsr (a signal) closes its connection, which closes the listener.
 *
 *   -t tcp   the only transport (lu62, netbios and spx are Windows MQ's)
 *   -p Port  default 1414 (0: the system chooses one; Quire's addition)
 *   -i IPAddr   one address (IPv4, IPv6 or a host name); default every
 *            address, IPv6 and IPv4
 *   -b Backlog  the listen backlog (default 255)
 *
 * Exit codes: 0 the listener ended normally (stopped, the queue manager
 * ended); 16 no such queue manager; 20 the port could not be listened on
 * (AMQ9218E, with the reason) or anything else failed; 36 bad command line;
 * 40 the queue manager is not running (AMQ8146E); 119 not its owner's user.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cmqc.h"
#include "log/byteorder.h"
#include "qm/home/cmdout.h"
#include "qm/home/msgcat.h"
#include "qm/home/qmgr.h"
#include "qm/proto.h"

static void usage(void)
{
	fprintf(stderr, "usage: runmqlsr -t tcp [-m QMgrName] [-p Port] [-i IPAddr] [-b Backlog]\n");
}

static int number(const char *s, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	const char *qm = "", *trpt = NULL, *ip = "";
	long port = 1414, backlog = 0;
	int opt;
	opterr = 0;
	while ((opt = getopt(argc, argv, "t:m:p:i:b:")) != -1) {
		switch (opt) {
		case 't': trpt = optarg; break;
		case 'm': qm = optarg; break;
		case 'p':
			if (number(optarg, 0, 65535, &port)) {
				cmd_usage_error("runmqlsr", "the port '%s' is not a number from 0 to 65535", optarg);
				return 36;
			}
			break;
		case 'i': ip = optarg; break;
		case 'b':
			if (number(optarg, 1, 999999999, &backlog)) {
				cmd_usage_error("runmqlsr", "the backlog '%s' is not a number from 1 to 999999999", optarg);
				return 36;
			}
			break;
		default:
			cmd_usage_error("runmqlsr", optopt == 't' || optopt == 'm' || optopt == 'p' || optopt == 'i' ||
						    optopt == 'b' ? "flag -%c needs a value" : "unknown flag -%c", optopt);
			usage();
			return 36;
		}
	}
	if (optind < argc) {
		cmd_usage_error("runmqlsr", "unexpected argument '%s'", argv[optind]);
		usage();
		return 36;
	}
	if (!trpt) {
		cmd_usage_error("runmqlsr", "-t is required (-t tcp)");
		usage();
		return 36;
	}
	if (strcasecmp(trpt, "tcp") != 0) {
		cmd_usage_error("runmqlsr", "the transport '%s' is not served: only tcp", trpt);
		return 36;
	}
	if (strlen(ip) > MQ_IP_ADDRESS_LENGTH) {
		cmd_usage_error("runmqlsr", "the address is longer than %d characters", MQ_IP_ADDRESS_LENGTH);
		return 36;
	}
	struct qm_paths p;
	int rc = cmd_locate("runmqlsr", qm, 0, &p);
	if (rc)
		return rc;
	int fd = qmgr_is_running(&p) ? proto_connect(p.data_dir) : -1;
	if (fd < 0) {
		cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
		return 40;
	}
	size_t n = strlen(ip);
	uint8_t body[16 + MQ_IP_ADDRESS_LENGTH], *rep = NULL;
	put_u32(body, PROTO_LSR_START);
	put_u32(body + 4, (uint32_t)port);
	put_u32(body + 8, (uint32_t)backlog);
	put_u32(body + 12, (uint32_t)n);
	memcpy(body + 16, ip, n);
	size_t rlen;
	if (proto_call(fd, PROTO_ADMIN_LSR, 1, body, 16 + n, &rep, &rlen) || rlen < 20) {
		cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
		free(rep);
		return 40;
	}
	int32_t cc = (int32_t)get_u32(rep), reason = (int32_t)get_u32(rep + 4);
	uint32_t tl = get_u32(rep + 16);
	if (cc == MQCC_FAILED) {
		if (reason == MQRC_NOT_AUTHORIZED) {
			fprintf(stderr, "runmqlsr: only the queue manager's user may start its listeners\n");
			free(rep);
			return 119;
		}
		char num[24], text[400];
		snprintf(num, sizeof num, "%ld", port);
		snprintf(text, sizeof text, "%.*s", (int)(tl <= rlen - 20 ? tl : 0), (const char *)rep + 20);
		cmd_error(NULL, AMQ_LISTENER_BIND, num, text[0] ? text : "the queue manager refused it", NULL);
		if (text[0])
			fprintf(stderr, "runmqlsr: %s\n", text);
		free(rep);
		return 20;
	}
	free(rep);
	/* listening: wait until the queue manager closes our connection */
	for (;;) {
		struct pollfd pf = { .fd = fd, .events = POLLIN };
		int k = poll(&pf, 1, -1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			break;
		uint8_t b[256];
		ssize_t r = recv(fd, b, sizeof b, 0);
		if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN))
			break;
	}
	close(fd);
	return 0;
}
