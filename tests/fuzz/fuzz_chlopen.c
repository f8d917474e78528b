/*
 * fuzz_chlopen: what a network peer reaches first on a TCP listener.
 *
 * Set-up, once: a queue manager QF made in the scratch folder (as crtmqm does)
 * with queues FUZZ.Q1 and FUZZ.Q2 and SVRCONN channels FUZZ.SVRCONN (MCAUSER
 * the user running the fuzzer, so a client gets as far as the MQI) and
 * FUZZ.SMALL (MAXMSGL 1000, HBINT 1, MAXINST 1), CHLAUTH disabled and CONNAUTH
 * blank (the transport is fuzzed here, not the password check); started in
 * this process (as strmqm's daemon does, without its loop) with a real TCP
 * listener on 127.0.0.1, a port the system chose (listen_tcp, chl_handler).
 * Per input: a TCP connection to that listener accepted by the real
 * conn_accept (CONNAME, channel handler, first-bytes state), the input
 * written to it as the peer's bytes, the server code reading and serving
 * them (conn_readable: the first-bytes rule chl_sniff, PROTO_CHLOPEN's
 * decoder chl_open, the client frame path chl_frame with its MAXMSGL check
 * and refusals, and behind it mqi_dispatch and every MQI verb), replies
 * parked on the log released as the loop releases them, every reply read and
 * thrown away, then the connection dropped as when the peer goes away (its
 * unit of work backed out).  A first byte 0x16 (a TLS ClientHello) is
 * refused: this process serves no TLS (conn_tls_start is not set).
 *
 * Invariants checked after each input (abort() when broken): the listener's
 * session count and the queue manager's connection count are back where
 * they were (no connection left behind).
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/server/channel.h"
#include "qm/server/conn.h"
#include "qm/server/daemon.h"
#include "qm/server/durable.h"
#include "qm/server/listen.h"
#include "qm/server/mqiserv.h"
#include "qm/admin/mqsc.h"
#include "qm/qmrun.h"
#include "qm/store/store.h"
#include "tests/fuzz/fuzz.h"

static struct qm *qm;
static struct listener *lsr;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct passwd *pw = getpwuid(getuid());
	char chl[256];
	snprintf(chl, sizeof chl, "DEFINE CHANNEL(FUZZ.SVRCONN) CHLTYPE(SVRCONN) MCAUSER('%s')",
		 pw ? pw->pw_name : "root");
	char small[256];
	snprintf(small, sizeof small,
		 "DEFINE CHANNEL(FUZZ.SMALL) CHLTYPE(SVRCONN) MAXMSGL(1000) HBINT(1) MAXINST(1) MCAUSER('%s')",
		 pw ? pw->pw_name : "root");
	const char *defs[] = { "DEFINE QLOCAL(FUZZ.Q1) MAXDEPTH(1000)", "DEFINE QLOCAL(FUZZ.Q2) MAXMSGL(65536)", chl,
			       small, "ALTER QMGR CHLAUTH(DISABLED) CONNAUTH(' ')" };
	qm = fuzz_qm_start("chlopen", "QF", defs, sizeof defs / sizeof defs[0]);
	char err[1024];
	int eno = 0;
	if (listen_tcp(qm, &chl_handler, "127.0.0.1", 0, 16, &lsr, &eno, err, sizeof err) != QM_OK)
		fuzz_die(err);
	return 0;
}

/* Replies read back: FUZZ_CHLOPEN_VERBOSE=1 prints each one's op and codes
 * (to see that a seed reaches what it means to). */
static size_t have;
static void drain_reset(void)
{
	have = 0;
}

static void drain(int fd)
{
	static int verbose = -1;
	static uint8_t buf[1 << 20];
	ssize_t k;
	if (verbose < 0)
		verbose = getenv("FUZZ_CHLOPEN_VERBOSE") != NULL;
	while ((k = recv(fd, buf + have, sizeof buf - have, MSG_DONTWAIT)) > 0) {
		have += (size_t)k;
		size_t at = 0;
		while (have - at >= PROTO_HDR_SIZE) {
			struct proto_hdr h;
			proto_hdr_decode(buf + at, &h);
			if (have - at < PROTO_HDR_SIZE + (size_t)h.len && PROTO_HDR_SIZE + (size_t)h.len <= sizeof buf)
				break;
			const uint8_t *b = buf + at + PROTO_HDR_SIZE;
			if (verbose && h.len >= 8 && have - at >= PROTO_HDR_SIZE + 8)
				fprintf(stderr, "reply op %u id %u cc %u rc %u\n", h.op, h.id, (unsigned)(b[0] | b[1] << 8),
					(unsigned)(b[4] | b[5] << 8 | b[6] << 16));
			else if (verbose)
				fprintf(stderr, "reply op %u id %u len %u\n", h.op, h.id, h.len);
			at += PROTO_HDR_SIZE + (size_t)h.len;
			if (at > have)
				at = have;
		}
		memmove(buf, buf + at, have - at);
		have -= at;
		if (have == sizeof buf)
			have = 0;
	}
}

/* A client socket connected to the listener, and its connection accepted by
 * conn_accept (the one it puts at the head of qm->conns). */
static struct conn *dial(int *peer)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)lsr->port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* from 32 loopback addresses in turn, each closed by a reset: thousands
	 * of connections a second would otherwise use up one address's ports
	 * in TIME_WAIT (each address is also its own peer for AMQ9207's once a
	 * minute) */
	static unsigned n;
	struct sockaddr_in from = { .sin_family = AF_INET };
	from.sin_addr.s_addr = htonl(INADDR_LOOPBACK + 1 + n++ % 32);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&from, sizeof from) != 0 ||
	    connect(fd, (struct sockaddr *)&a, sizeof a) != 0)
		fuzz_die("cannot connect to the listener");
	int fl = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	struct conn *before = qm->conns;
	if (conn_accept(qm, lsr) != CONN_ACCEPT_MORE || qm->conns == before || !qm->conns->client)
		fuzz_die("conn_accept made no client connection");
	*peer = fd;
	return qm->conns;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!qm)
		LLVMFuzzerInitialize(NULL, NULL);
	if (qm->log_failed)
		fuzz_die("the log failed");
	unsigned nconns = qm->nconns, sessions = lsr->sessions;
	int peer;
	struct conn *c = dial(&peer);
	c->refs++;   /* held here, as the loop holds a connection of its batch */

	size_t at = 0;
	for (int rounds = 0; !c->dead && rounds < 100000; rounds++) {
		if (at < size) {
			ssize_t k = send(peer, data + at, size - at, MSG_NOSIGNAL | MSG_DONTWAIT);
			if (k > 0)
				at += (size_t)k;
			else if (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
				at = size;   /* the queue manager closed it: the rest is never read */
		} else if (rounds > 0) {
			shutdown(peer, SHUT_WR);
		}
		conn_readable(qm, c);
		if (!c->dead && c->pollout)
			conn_writable(qm, c);
		fuzz_qm_settle(qm);
		drain(peer);
		if (at >= size && (c->dead || (!c->busy && c->rlen < PROTO_HDR_SIZE)))
			break;
	}
	if (!c->dead)
		conn_drop(qm, c);
	conn_unref(qm, c);
	fuzz_qm_settle(qm);
	drain(peer);
	struct linger lg = { 1, 0 };
	setsockopt(peer, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
	close(peer);
	drain_reset();
	if (qm->nconns != nconns || lsr->sessions != sessions)
		fuzz_die("a connection was left behind");
	if (qm->state != QM_RUNNING)
		fuzz_die("a client changed the queue manager's state");
	if (qm->ops_since_ckpt)
		dur_checkpoint(qm);
	return 0;
}
