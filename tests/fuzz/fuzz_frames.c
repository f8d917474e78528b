/*
 * fuzz_frames: the request frames an application sends to the queue manager.
 *
 * Set-up, once: a queue manager QF made in the scratch folder (as crtmqm does)
 * and started in this process (as strmqm's daemon does, without its loop),
 * with two local queues FUZZ.Q1 and FUZZ.Q2 from crtmqm's defaults.
 * Per input: a new connection (one end of a socketpair, made as conn_accept
 * makes one), the input written to the other end as the application's bytes
 * (a sequence of qm/proto.h frames: CONN, then OPEN, PUT, GET, INQ ...; and
 * runmqsc's ADMIN_MQSC and endmqm's ADMIN_STOP, sent as the owner), the server
 * code reading and serving them (conn_readable), replies parked on the log
 * released as the loop releases them, every reply read and thrown away, then
 * the connection dropped (its unit of work backed out) as when the
 * application dies.  The queue manager lives on from input to input, as it
 * does for its applications (an ADMIN_STOP is undone after the input); a
 * checkpoint follows every input that did anything.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/server/conn.h"
#include "qm/server/daemon.h"
#include "qm/server/durable.h"
#include "qm/server/mqiserv.h"
#include "qm/admin/mqsc.h"
#include "qm/qmrun.h"
#include "qm/store/store.h"
#include "tests/fuzz/fuzz.h"

static struct qm *qm;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *defs[] = { "DEFINE QLOCAL(FUZZ.Q1) MAXDEPTH(1000)", "DEFINE QLOCAL(FUZZ.Q2) MAXMSGL(65536)" };
	qm = fuzz_qm_start("frames", "QF", defs, sizeof defs / sizeof defs[0]);
	return 0;
}

/* Replies read back: FUZZ_FRAMES_VERBOSE=1 prints each one's op and codes
 * (to see that a seed reaches what it means to). */
static void drain(int fd)
{
	static int verbose = -1;
	uint8_t buf[65536];
	ssize_t k;
	if (verbose < 0)
		verbose = getenv("FUZZ_FRAMES_VERBOSE") != NULL;
	while ((k = recv(fd, buf, sizeof buf, MSG_DONTWAIT)) > 0)
		for (ssize_t at = 0; verbose && at + (ssize_t)PROTO_HDR_SIZE + 8 <= k;) {
			struct proto_hdr h;
			proto_hdr_decode(buf + at, &h);
			const uint8_t *b = buf + at + PROTO_HDR_SIZE;
			fprintf(stderr, "reply op %u id %u cc %u rc %u\n", h.op, h.id,
				(unsigned)(b[0] | b[1] << 8), (unsigned)(b[4] | b[5] << 8 | b[6] << 16));
			at += PROTO_HDR_SIZE + h.len;
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!qm)
		LLVMFuzzerInitialize(NULL, NULL);
	if (qm->log_failed)
		fuzz_die("the log failed");
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) != 0)
		fuzz_die("socketpair");
	struct conn *c = calloc(1, sizeof *c);
	if (!c)
		fuzz_die("out of memory");
	c->fd = sv[0];
	c->door = c->passed_fd[0] = c->passed_fd[1] = -1;
	c->xp = &conn_xport_unix;   /* a local application's connection, as conn_accept makes it */
	c->handler = &mqi_handler;
	c->id = ++qm->next_conn_id;
	c->pid = getpid();
	c->uid = getuid();
	snprintf(c->user, sizeof c->user, "fuzz");
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP, .data.ptr = c };
	epoll_ctl(qm->epfd, EPOLL_CTL_ADD, c->fd, &ev);
	c->next = qm->conns;
	if (qm->conns)
		qm->conns->prev = c;
	qm->conns = c;
	qm->nconns++;
	c->refs++;   /* held here, as the loop holds a connection of its batch */

	size_t at = 0;
	for (int rounds = 0; !c->dead && rounds < 100000; rounds++) {
		if (at < size) {
			ssize_t k = send(sv[1], data + at, size - at, MSG_NOSIGNAL | MSG_DONTWAIT);
			if (k > 0)
				at += (size_t)k;
		} else if (rounds > 0) {
			shutdown(sv[1], SHUT_WR);
		}
		conn_readable(qm, c);
		if (!c->dead && c->pollout)
			conn_writable(qm, c);
		fuzz_qm_settle(qm);
		drain(sv[1]);
		if (at >= size && (c->dead || (!c->busy && c->rlen < PROTO_HDR_SIZE)))
			break;
	}
	if (!c->dead)
		conn_drop(qm, c);
	conn_unref(qm, c);
	fuzz_qm_settle(qm);
	close(sv[1]);
	/* An ADMIN_STOP frame (endmqm) began ending the queue manager; the loop
	 * would end it now.  Here it runs on, so later inputs are served too. */
	if (qm->state != QM_RUNNING) {
		qm->state = QM_RUNNING;
		qm->stop_mode = 0;
	}
	/* a checkpoint after every input that did anything (not when one is due
	 * by the clock): the queue files then hold what the inputs left, the same
	 * whenever they run, so a sequence of inputs replays the same way */
	if (qm->ops_since_ckpt)
		dur_checkpoint(qm);
	return 0;
}
