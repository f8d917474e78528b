/*
 * endmqlsr: end the TCP listeners of a running queue manager.
 *
 *   endmqlsr [-m QMgrName] [-w]
 *
 * Every TCP listener of the queue manager stops (those runmqlsr started, which
 * then end, and those START LISTENER or the queue manager's start started);
 * channels already running go on, as MQ's do.  -w is accepted (the listeners
 * have stopped when endmqlsr returns either way).
 *
 * Exit codes: 0 done; 16 no such queue manager; 36 bad command line; 40 the
 * queue manager is not running (AMQ8146E); 119 not its owner's user.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmqc.h"
#include "log/byteorder.h"
#include "qm/home/cmdout.h"
#include "qm/home/msgcat.h"
#include "qm/home/qmgr.h"
#include "qm/proto.h"

int main(int argc, char **argv)
{
	const char *qm = "";
	int opt;
	opterr = 0;
	while ((opt = getopt(argc, argv, "m:w")) != -1) {
		switch (opt) {
		case 'm': qm = optarg; break;
		case 'w': break;
		default:
			cmd_usage_error("endmqlsr", optopt == 'm' ? "flag -m needs a value" : "unknown flag -%c", optopt);
			fprintf(stderr, "usage: endmqlsr [-m QMgrName] [-w]\n");
			return 36;
		}
	}
	if (optind < argc) {
		cmd_usage_error("endmqlsr", "unexpected argument '%s'", argv[optind]);
		return 36;
	}
	struct qm_paths p;
	int rc = cmd_locate("endmqlsr", qm, 0, &p);
	if (rc)
		return rc;
	int fd = qmgr_is_running(&p) ? proto_connect(p.data_dir) : -1;
	if (fd < 0) {
		cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
		return 40;
	}
	uint8_t body[16] = { 0 }, *rep = NULL;
	put_u32(body, PROTO_LSR_STOP_ALL);
	size_t rlen;
	if (proto_call(fd, PROTO_ADMIN_LSR, 1, body, sizeof body, &rep, &rlen) || rlen < 8) {
		cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
		free(rep);
		close(fd);
		return 40;
	}
	int32_t cc = (int32_t)get_u32(rep), reason = (int32_t)get_u32(rep + 4);
	free(rep);
	close(fd);
	if (cc == MQCC_FAILED) {
		if (reason == MQRC_NOT_AUTHORIZED) {
			fprintf(stderr, "endmqlsr: only the queue manager's user may end its listeners\n");
			return 119;
		}
		fprintf(stderr, "endmqlsr: the queue manager refused the request (reason %d)\n", (int)reason);
		return 20;
	}
	return 0;
}
