/*
 * endmqm: end a queue manager.
 *
 *   endmqm [-c | -w | -i | -p] [-z] [QMgrName]
 *
 *   -c  controlled (the default): no new connections; calls that ask
 *       FAIL_IF_QUIESCING get MQRC_Q_MGR_QUIESCING (2161), others carry on;
 *       the queue manager ends when the last application disconnects.
 *       endmqm returns at once: "Request to quiesce ... accepted."
 *   -w  the same, and endmqm waits until the queue manager has ended.
 *   -i  immediate: calls in progress finish, later calls fail with
 *       MQRC_Q_MGR_STOPPING (2162, then 2009 once the connection closes),
 *       units of work still open are backed out; endmqm waits for the end.
 *   -p  preemptive: applications are cut off at once (their units of work
 *       backed out); endmqm waits, and if the process has not ended after
 *       PREEMPT_WAIT seconds it is killed (restart recovery then runs at the
 *       next strmqm).
 * The request goes over the queue manager's socket (PROTO_ADMIN_STOP); the
 * queue manager accepts it only from its own user (SO_PEERCRED).  Waiting is
 * for that connection to close, which the queue manager does after it has
 * released its lock, and then (at most 30 s) for its process to be gone.
 *
 * Exit codes: 0 accepted (-c) or ended (-w, -i, -p); 16 no such queue
 * manager (AMQ7048); 36 bad command line; 40 the queue manager is not
 * running (AMQ8146); 71 anything unexpected; 119 not allowed (another user).
 * -z suppresses the messages on the console.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "cmqc.h"
#include "log/byteorder.h"
#include "log/qmerr.h"
#include "qm/home/cmdout.h"
#include "qm/home/msgcat.h"
#include "qm/proto.h"
#include "qm/home/qmgr.h"

#define PREEMPT_WAIT 30
#define CONNECT_WAIT 30

static void usage(void)
{
	fprintf(stderr, "usage: endmqm [-c | -w | -i | -p] [-z] [QMgrName]\n");
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* The process is there and not only a zombie waiting for its parent (the
 * queue manager is a child of init, which may reap it late). */
static int alive(pid_t pid)
{
	if (pid <= 0 || kill(pid, 0) != 0)
		return 0;
	char path[64], buf[256];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	const char *rp = strrchr(buf, ')');   /* "pid (comm) S ..." */
	return !(rp && rp[1] == ' ' && rp[2] == 'Z');
}

/* Wait until the queue manager closes our connection (it has ended), at
 * most limit seconds (0: no limit).  1 when it closed. */
static int wait_closed(int fd, int limit)
{
	time_t start = time(NULL);
	for (;;) {
		struct pollfd pf = { .fd = fd, .events = POLLIN };
		int n = poll(&pf, 1, 1000);
		if (n > 0) {
			uint8_t b[256];
			ssize_t k = recv(fd, b, sizeof b, 0);
			if (k == 0 || (k < 0 && errno != EINTR && errno != EAGAIN))
				return 1;
		}
		if (limit && time(NULL) - start >= limit)
			return 0;
	}
}

int main(int argc, char **argv)
{
	int quiet = 0, opt;
	uint32_t mode = PROTO_STOP_CONTROLLED;
	int modes = 0;
	opterr = 0;
	while ((opt = getopt(argc, argv, "cwipz")) != -1) {
		switch (opt) {
		case 'c': mode = PROTO_STOP_CONTROLLED; modes++; break;
		case 'w': mode = PROTO_STOP_WAIT; modes++; break;
		case 'i': mode = PROTO_STOP_IMMEDIATE; modes++; break;
		case 'p': mode = PROTO_STOP_PREEMPTIVE; modes++; break;
		case 'z': quiet = 1; break;
		default:
			cmd_usage_error("endmqm", "unknown flag -%c", optopt);
			usage();
			return 36;
		}
	}
	if (modes > 1) {
		cmd_usage_error("endmqm", "give only one of -c, -w, -i and -p");
		usage();
		return 36;
	}
	if (argc - optind > 1) {
		cmd_usage_error("endmqm", "unexpected argument '%s'", argv[optind + 1]);
		usage();
		return 36;
	}
	const char *name = optind < argc ? argv[optind] : "";
	struct qm_paths p;
	int rc = cmd_locate("endmqm", name, quiet, &p);
	if (rc)
		return rc;
	/* a queue manager still starting has its lock but no socket yet */
	int fd = -1;
	for (int i = 0; i < CONNECT_WAIT * 20; i++) {
		if (!qmgr_is_running(&p))
			break;
		if ((fd = proto_connect(p.data_dir)) >= 0)
			break;
		nap_ms(50);
	}
	if (fd < 0) {
		if (!quiet)
			cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
		return 40;
	}
	uint8_t body[4], *rep = NULL;
	size_t rlen;
	for (int i = 0; i < 4; i++)
		body[i] = (uint8_t)(mode >> (8 * i));
	if (proto_call(fd, PROTO_ADMIN_STOP, 1, body, sizeof body, &rep, &rlen)) {
		close(fd);
		if (!qmgr_is_running(&p)) {
			if (!quiet)
				cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
			return 40;
		}
		if (!quiet)
			fprintf(stderr, "endmqm: no answer from queue manager '%s'\n", p.name);
		return 71;
	}
	int32_t cc = (int32_t)get_u32(rep);
	int32_t reason = (int32_t)get_u32(rep + 4);
	free(rep);
	if (cc == MQCC_FAILED) {
		close(fd);
		if (!quiet)
			fprintf(stderr, "endmqm: queue manager '%s' refused the request (reason %d%s)\n", p.name,
				(int)reason, reason == MQRC_NOT_AUTHORIZED ? ": not authorized" : "");
		return reason == MQRC_NOT_AUTHORIZED ? 119 : 71;
	}
	switch (mode) {
	case PROTO_STOP_CONTROLLED:
		cmd_say(quiet, AMQ_QUIESCE_ACCEPTED, p.name, NULL);
		close(fd);
		return 0;
	case PROTO_STOP_WAIT:
		cmd_say(quiet, AMQ_WAITING_FOR_END, p.name, NULL);
		break;
	case PROTO_STOP_IMMEDIATE:
		cmd_say(quiet, AMQ_END_IMMEDIATE_ACCEPTED, p.name, NULL);
		break;
	default:
		cmd_say(quiet, AMQ_END_PREEMPTIVE_ACCEPTED, p.name, NULL);
		break;
	}
	enum qm_status st;
	pid_t pid = 0;
	qmgr_status(&p, &st, &pid);
	int closed = wait_closed(fd, mode == PROTO_STOP_PREEMPTIVE ? PREEMPT_WAIT : 0);
	close(fd);
	if (!closed && pid > 0 && qmgr_is_running(&p))
		kill(pid, SIGKILL);
	/* the lock goes before the connection closes; then wait for the process
	 * itself to be gone (its last act is freeing memory) */
	for (int i = 0; i < 600 && (qmgr_is_running(&p) || alive(pid)); i++)
		nap_ms(50);
	cmd_say(quiet, AMQ_QMGR_ENDED, p.name, NULL);
	return 0;
}
