/*
 * mqi_netfuzz: a network fuzzer against a running queue manager's TCP
 * listener, with a good client beside it (t8600).
 *
 *   mqi_netfuzz QM PORT CHANNEL GOODQ FUZZQ SECONDS [SEED [THREADS]]
 *
 * For SECONDS, THREADS threads (default 8) each open connection after
 * connection to 127.0.0.1:PORT and send what a hostile or broken peer would:
 * random bytes, IBM MQ's TSH and TLS-looking starts (0x16 0x03 ...), a valid
 * CHLOPEN on CHANNEL followed by an MQI session on FUZZQ (CONN, OPEN, PUT
 * persistent and not, under syncpoint and not, GET with and without a wait,
 * INQ, CMIT, BACK, CLOSE, DISC) mutated (bits flipped, a frame's declared
 * length changed to a near, a zero, a huge or an over-the-limit one, fields
 * set to extreme values, opcodes and flags changed, bytes inserted, frames
 * repeated, the stream truncated), sent at once, in random pieces or byte by
 * byte slowly, and ended by a close, a reset (SO_LINGER 0), a half close
 * (shutdown of the sending side, then reading until the queue manager
 * closes) or a stall; bursts of many connections held open at once with
 * half a CHLOPEN.  Replies are read and thrown away.
 *
 * Meanwhile one good client (libmqm as a client: MQSERVER from the
 * environment) connects to QM and, until the fuzzers stop, puts a persistent
 * message of random size (1 byte to 64 KiB, its bytes a function of its
 * sequence number) on GOODQ under syncpoint, commits, gets it back by MsgId
 * under syncpoint, commits, and checks it byte for byte.  Each cycle must
 * take less than 15 s (a queue manager that hangs fails it).
 *
 * Prints "fuzz connections=N scenarios=..." and "good ok=N bad=M
 * slowest=MS"; exits 0 when every good message came back intact (and at
 * least one did), 1 otherwise (the first failures are printed as "BAD ...").
 * SEED (default: the time) makes a run repeatable as far as the threads'
 * interleaving allows; it is printed first.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <cmqc.h>

/* qm/proto.h, as a peer on the network sees it */
#define MAGIC 0x46505251u
#define MAX_BODY (110u * 1024u * 1024u)
enum { OP_CONN = 1, OP_DISC = 2, OP_OPEN = 3, OP_CLOSE = 4, OP_PUT = 5, OP_PUT1 = 6, OP_GET = 7, OP_CMIT = 8,
       OP_BACK = 9, OP_INQ = 10, OP_SET = 11, OP_STAT = 13, OP_CBGET = 14, OP_SUB = 16, OP_CHLOPEN = 18,
       OP_HEARTBEAT = 19 };

static const char *qmname, *channel, *goodq, *fuzzq;
static int port;
static volatile int stop;
static int64_t end_ms;

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* xorshift64*: each thread its own state */
static uint64_t rnd(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 2685821657736338717ull;
}

static unsigned below(uint64_t *s, unsigned n)
{
	return n ? (unsigned)(rnd(s) % n) : 0;
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void blank(char *f, size_t n, const char *s)
{
	size_t l = strlen(s);
	if (l > n)
		l = n;
	memcpy(f, s, l);
	memset(f + l, ' ', n - l);
}

/* ---- a session, frame by frame ---------------------------------------------------- */

#define SESS_MAX (256u * 1024u)
#define FRAMES_MAX 64
struct sess {
	uint8_t *b;
	size_t len;
	size_t at[FRAMES_MAX];   /* where each frame starts */
	int n;
	uint32_t id;
};

static void frame(struct sess *s, unsigned op, const void *a, size_t an, const void *b, size_t bn)
{
	if (s->len + 16 + an + bn > SESS_MAX || s->n >= FRAMES_MAX)
		return;
	uint8_t *h = s->b + s->len;
	s->at[s->n++] = s->len;
	put32(h, MAGIC);
	put32(h + 4, (uint32_t)(an + bn));
	h[8] = (uint8_t)op;
	h[9] = (uint8_t)(op >> 8);
	h[10] = h[11] = 0;
	put32(h + 12, ++s->id);
	s->len += 16;
	if (an)
		memcpy(s->b + s->len, a, an);
	s->len += an;
	if (bn)
		memcpy(s->b + s->len, b, bn);
	s->len += bn;
}

static void f_chlopen(struct sess *s, int maxmsgl, int hbint)
{
	uint8_t b[20 + 16 + 48 + 4 + 8];
	blank((char *)b, 20, channel);
	put32(b + 20, 1);
	put32(b + 24, (uint32_t)maxmsgl);
	put32(b + 28, (uint32_t)hbint);
	put32(b + 32, 10);
	blank((char *)b + 36, 48, "");
	put32(b + 84, 4);
	memcpy(b + 88, "fuzz", 4);
	frame(s, OP_CHLOPEN, b, 92, NULL, 0);
}

static void f_conn(struct sess *s)
{
	uint8_t b[100];
	memset(b, ' ', 88);
	blank((char *)b, 48, qmname);
	put32(b + 48, 0);
	blank((char *)b + 52, 28, "mqi_netfuzz");
	put32(b + 80, 0);
	put32(b + 84, 0);
	put32(b + 88, 0);
	put32(b + 92, 0);
	put32(b + 96, 0);
	frame(s, OP_CONN, b, sizeof b, NULL, 0);
}

static void f_open(struct sess *s, int options)
{
	uint8_t o[4];
	MQOD od = { MQOD_DEFAULT };
	blank(od.ObjectName, sizeof od.ObjectName, fuzzq);
	put32(o, (uint32_t)options);
	frame(s, OP_OPEN, o, 4, &od, sizeof od);
}

static void f_put(struct sess *s, uint32_t hobj, int persistent, int sync, size_t n, uint64_t *r)
{
	static __thread uint8_t b[4 + sizeof(MQMD) + sizeof(MQPMO) + 4 + 4096];
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	if (n > 4096)
		n = 4096;
	md.Persistence = persistent ? MQPER_PERSISTENT : MQPER_NOT_PERSISTENT;
	memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	pmo.Options = sync ? MQPMO_SYNCPOINT : MQPMO_NO_SYNCPOINT;
	put32(b, hobj);
	memcpy(b + 4, &md, sizeof md);
	memcpy(b + 4 + sizeof md, &pmo, sizeof pmo);
	put32(b + 4 + sizeof md + sizeof pmo, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		b[8 + sizeof md + sizeof pmo + i] = (uint8_t)rnd(r);
	frame(s, OP_PUT, b, 8 + sizeof md + sizeof pmo + n, NULL, 0);
}

static void f_get(struct sess *s, uint32_t hobj, int options, int wait_ms, uint32_t buflen)
{
	uint8_t b[4 + sizeof(MQMD) + sizeof(MQGMO) + 4];
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	gmo.Options = options;
	gmo.WaitInterval = wait_ms;
	put32(b, hobj);
	memcpy(b + 4, &md, sizeof md);
	memcpy(b + 4 + sizeof md, &gmo, sizeof gmo);
	put32(b + 4 + sizeof md + sizeof gmo, buflen);
	frame(s, OP_GET, b, sizeof b, NULL, 0);
}

static void f_inq(struct sess *s, uint32_t hobj)
{
	uint8_t b[24];
	put32(b, hobj);
	put32(b + 4, 2);
	put32(b + 8, 1);
	put32(b + 12, 48);
	put32(b + 16, (uint32_t)MQIA_CURRENT_Q_DEPTH);
	put32(b + 20, (uint32_t)MQCA_Q_NAME);
	frame(s, OP_INQ, b, sizeof b, NULL, 0);
}

static void f_close(struct sess *s, uint32_t hobj)
{
	uint8_t b[8];
	put32(b, hobj);
	put32(b + 4, 0);
	frame(s, OP_CLOSE, b, sizeof b, NULL, 0);
}

/* A valid session on FUZZQ, in a random shape. */
static void session(struct sess *s, uint64_t *r)
{
	f_chlopen(s, below(r, 4) ? 4194304 : (int)below(r, 5000), below(r, 2) ? 300 : (int)below(r, 3));
	f_conn(s);
	f_open(s, MQOO_OUTPUT | MQOO_INPUT_SHARED | MQOO_INQUIRE | MQOO_BROWSE);
	int n = 1 + (int)below(r, 8);
	for (int i = 0; i < n; i++) {
		switch (below(r, 8)) {
		case 0: case 1: case 2:
			f_put(s, 1, (int)below(r, 2), (int)below(r, 2), below(r, 3) ? below(r, 200) : below(r, 4096), r);
			break;
		case 3:
			f_get(s, 1, (below(r, 2) ? MQGMO_SYNCPOINT : MQGMO_NO_SYNCPOINT) | MQGMO_ACCEPT_TRUNCATED_MSG, 0,
			      below(r, 5000));
			break;
		case 4:
			f_get(s, 1, MQGMO_WAIT | MQGMO_SYNCPOINT, below(r, 2) ? MQWI_UNLIMITED : (int)below(r, 500), 4096);
			break;
		case 5:
			f_inq(s, 1);
			break;
		case 6:
			frame(s, below(r, 2) ? OP_CMIT : OP_BACK, NULL, 0, NULL, 0);
			break;
		default:
			frame(s, OP_HEARTBEAT, NULL, 0, NULL, 0);
			break;
		}
	}
	if (below(r, 2)) {
		f_close(s, 1);
		frame(s, OP_DISC, NULL, 0, NULL, 0);
	}
}

static const uint32_t odd_values[] = { 0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0x80000000u,
				       0xffffffffu, 0xfffffffeu, MAX_BODY, MAX_BODY + 1, 104857600, 104857601, 4194304,
				       4194305, 1000, 1001, 48, 364, 424 };

static uint32_t odd(uint64_t *r)
{
	return odd_values[below(r, sizeof odd_values / sizeof odd_values[0])];
}

/* Mutate the session: the CHLOPEN (frame 0) is kept whole most of the
 * time, so that the mutations reach the MQI. */
static void mutate(struct sess *s, uint64_t *r)
{
	int first = s->n > 1 && below(r, 8) ? 1 : 0;
	size_t from = first < s->n ? s->at[first] : 0;
	int k = 1 + (int)below(r, 4);
	for (int m = 0; m < k && s->len > from; m++) {
		int f = first + (int)below(r, (unsigned)(s->n - first));
		size_t fa = s->at[f];
		switch (below(r, 9)) {
		case 0:   /* bits flipped */
			for (int i = 0, nb = 1 + (int)below(r, 8); i < nb; i++) {
				size_t at = from + below(r, (unsigned)(s->len - from));
				s->b[at] ^= (uint8_t)(1u << below(r, 8));
			}
			break;
		case 1: {   /* a frame's declared length */
			uint32_t len = (uint32_t)(s->b[fa + 4] | s->b[fa + 5] << 8 | s->b[fa + 6] << 16 |
						  (uint32_t)s->b[fa + 7] << 24);
			uint32_t v;
			switch (below(r, 4)) {
			case 0: v = len + 1 + below(r, 8); break;
			case 1: v = len > 8 ? len - 1 - below(r, 8) : 0; break;
			default: v = odd(r); break;
			}
			put32(s->b + fa + 4, v);
			break;
		}
		case 2: {   /* a field of a body set to an extreme value */
			size_t end = f + 1 < s->n ? s->at[f + 1] : s->len;
			if (end - fa > 20) {
				size_t at = fa + 16 + 4 * below(r, (unsigned)((end - fa - 16) / 4));
				put32(s->b + at, odd(r));
			}
			break;
		}
		case 3:   /* the opcode */
			s->b[fa + 8] = (uint8_t)(below(r, 3) ? below(r, 20) : below(r, 256));
			s->b[fa + 9] = below(r, 8) ? 0 : (uint8_t)below(r, 256);
			break;
		case 4:   /* the flags: a reply, or anything */
			s->b[fa + 10] = below(r, 2) ? 1 : (uint8_t)below(r, 256);
			break;
		case 5:   /* truncated */
			s->len = from + below(r, (unsigned)(s->len - from));
			return;
		case 6: {   /* bytes inserted */
			size_t n = 1 + below(r, 64);
			if (s->len + n <= SESS_MAX) {
				size_t at = from + below(r, (unsigned)(s->len - from + 1));
				memmove(s->b + at + n, s->b + at, s->len - at);
				for (size_t i = 0; i < n; i++)
					s->b[at + i] = (uint8_t)rnd(r);
				s->len += n;
				for (int i = 0; i < s->n; i++)
					if (s->at[i] >= at)
						s->at[i] += n;
			}
			break;
		}
		case 7: {   /* a frame repeated at the end */
			size_t end = f + 1 < s->n ? s->at[f + 1] : s->len;
			if (end > fa && s->len + (end - fa) <= SESS_MAX) {
				memmove(s->b + s->len, s->b + fa, end - fa);
				s->len += end - fa;
			}
			break;
		}
		default:   /* the magic */
			s->b[fa + below(r, 4)] ^= (uint8_t)(1 + below(r, 255));
			break;
		}
	}
}

/* ---- sending and ending ------------------------------------------------------------- */

static int dial(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		return -1;
	}
	struct timeval tv = { 2, 0 };
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	return fd;
}

/* Read and throw away for up to ms, or until the peer closes: 1 when it did. */
static int soak(int fd, int ms)
{
	int64_t until = now_ms() + ms;
	char buf[65536];
	for (;;) {
		int64_t left = until - now_ms();
		if (left <= 0)
			return 0;
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int k = poll(&p, 1, (int)left);
		if (k <= 0)
			continue;
		ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
			return 1;
	}
}

static int send_some(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
		soak(fd, 0);   /* replies read as they come: the queue manager never waits on us */
	}
	return 0;
}

static void deliver(int fd, const uint8_t *b, size_t len, uint64_t *r)
{
	switch (below(r, 4)) {
	case 0: {   /* byte by byte, slowly, for the first few hundred */
		size_t slow = len < 300 ? len : 300;
		for (size_t i = 0; i < slow && !stop; i++) {
			if (send_some(fd, b + i, 1))
				return;
			if (below(r, 4) == 0)
				usleep(1000 * below(r, 3));
		}
		send_some(fd, b + slow, len - slow);
		break;
	}
	case 1:   /* in random pieces */
		for (size_t at = 0; at < len;) {
			size_t n = 1 + below(r, 512);
			if (n > len - at)
				n = len - at;
			if (send_some(fd, b + at, n))
				return;
			at += n;
		}
		break;
	default:
		send_some(fd, b, len);
		break;
	}
}

enum { SC_RANDOM, SC_TSH, SC_TLS, SC_SESSION, SC_MUTATED, SC_HUGE, SC_BURST, SC_ABANDON, SC_N };
static const char *const sc_names[SC_N] = { "random", "tsh", "tls", "session", "mutated", "huge", "burst",
					    "abandon" };
static unsigned long sc_count[SC_N];
static unsigned long conns_made;
static pthread_mutex_t count_mu = PTHREAD_MUTEX_INITIALIZER;

static void finish(int fd, uint64_t *r)
{
	switch (below(r, 4)) {
	case 0: {   /* reset */
		struct linger lg = { 1, 0 };
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
		break;
	}
	case 1:   /* half closed: read until the queue manager closes (or 3 s) */
		shutdown(fd, SHUT_WR);
		soak(fd, 3000);
		break;
	case 2:   /* a stall, reading */
		soak(fd, (int)below(r, 800));
		break;
	default:
		soak(fd, 20);
		break;
	}
	close(fd);
}

static void *fuzzer(void *arg)
{
	uint64_t r = (uint64_t)(uintptr_t)arg * 0x9e3779b97f4a7c15ull + 1;
	struct sess s;
	s.b = malloc(SESS_MAX);
	if (!s.b)
		return NULL;
	while (!stop && now_ms() < end_ms) {
		int sc = (int)below(&r, SC_N);
		s.len = 0;
		s.n = 0;
		s.id = 0;
		int made = 0;
		if (sc == SC_BURST) {
			/* many at once, each with half a CHLOPEN, then all closed */
			int fds[40], n = 10 + (int)below(&r, 30);
			f_chlopen(&s, 0, 0);
			for (int i = 0; i < n; i++) {
				fds[i] = dial();
				if (fds[i] >= 0) {
					made++;
					send_some(fds[i], s.b, 1 + below(&r, (unsigned)s.len - 1));
				}
			}
			usleep(1000 * below(&r, 200));
			for (int i = 0; i < n; i++)
				if (fds[i] >= 0)
					finish(fds[i], &r);
		} else {
			int fd = dial();
			if (fd < 0) {
				usleep(10000);
				continue;
			}
			made = 1;
			switch (sc) {
			case SC_RANDOM:
				s.len = 1 + below(&r, 2000);
				for (size_t i = 0; i < s.len; i++)
					s.b[i] = (uint8_t)rnd(&r);
				if (below(&r, 2))
					put32(s.b, MAGIC);   /* ours, then garbage */
				break;
			case SC_TSH:
			case SC_TLS:
				s.len = 4 + below(&r, 600);
				for (size_t i = 0; i < s.len; i++)
					s.b[i] = (uint8_t)rnd(&r);
				if (sc == SC_TSH) {
					memcpy(s.b, below(&r, 2) ? "TSH " : "TSHM", 4);
				} else {
					s.b[0] = 0x16;   /* a TLS record, handshake, then nonsense */
					s.b[1] = 3;
					s.b[2] = (uint8_t)below(&r, 4);
				}
				break;
			case SC_HUGE: {
				/* a valid CHLOPEN, then a frame that says it is huge and a little of it */
				f_chlopen(&s, 0, 0);
				if (below(&r, 2))
					f_conn(&s);
				uint8_t h[16];
				put32(h, MAGIC);
				put32(h + 4, below(&r, 2) ? MAX_BODY : odd(&r));
				h[8] = (uint8_t)(below(&r, 2) ? OP_PUT : below(&r, 20));
				h[9] = h[10] = h[11] = 0;
				put32(h + 12, 9);
				memcpy(s.b + s.len, h, 16);
				s.len += 16;
				size_t some = below(&r, 100000);
				memset(s.b + s.len, 'h', some);
				s.len += some;
				break;
			}
			case SC_ABANDON:
				/* a unit of work left open: persistent puts under syncpoint, a get
				 * parked with a wait, and the connection gone */
				f_chlopen(&s, 0, 0);
				f_conn(&s);
				f_open(&s, MQOO_OUTPUT | MQOO_INPUT_SHARED);
				f_put(&s, 1, 1, 1, below(&r, 2000), &r);
				f_get(&s, 1, MQGMO_SYNCPOINT | MQGMO_WAIT, MQWI_UNLIMITED, 4096);
				break;
			default:
				session(&s, &r);
				if (sc == SC_MUTATED)
					mutate(&s, &r);
				break;
			}
			deliver(fd, s.b, s.len, &r);
			finish(fd, &r);
		}
		pthread_mutex_lock(&count_mu);
		sc_count[sc]++;
		conns_made += (unsigned long)made;
		pthread_mutex_unlock(&count_mu);
	}
	free(s.b);
	return NULL;
}

/* ---- the good client ------------------------------------------------------------------ */

static unsigned long good_ok, good_bad;
static int64_t slowest;

static void fill(uint8_t *b, size_t n, uint64_t seq)
{
	uint64_t r = seq * 0x2545f4914f6cdd1dull + 7;
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)rnd(&r);
}

static void bad(const char *what, MQLONG rc, uint64_t seq)
{
	if (good_bad < 10)
		printf("BAD seq %llu: %s rc=%d\n", (unsigned long long)seq, what, (int)rc);
	good_bad++;
}

static void *good(void *arg)
{
	(void)arg;
	MQHCONN hc = MQHC_UNUSABLE_HCONN;
	MQHOBJ ho = MQHO_UNUSABLE_HOBJ;
	MQLONG cc, rc;
	char qm[MQ_Q_MGR_NAME_LENGTH];
	blank(qm, sizeof qm, qmname);
	MQCONN(qm, &hc, &cc, &rc);
	if (cc == MQCC_FAILED) {
		bad("MQCONN", rc, 0);
		return NULL;
	}
	MQOD od = { MQOD_DEFAULT };
	blank(od.ObjectName, sizeof od.ObjectName, goodq);
	MQOPEN(hc, &od, MQOO_OUTPUT | MQOO_INPUT_SHARED, &ho, &cc, &rc);
	if (cc == MQCC_FAILED) {
		bad("MQOPEN", rc, 0);
		MQDISC(&hc, &cc, &rc);
		return NULL;
	}
	static uint8_t out[65536], in[65536 + 16];
	uint64_t r = 12345;
	for (uint64_t seq = 1; !stop; seq++) {
		int64_t t0 = now_ms();
		size_t n = 1 + below(&r, sizeof out);
		fill(out, n, seq);
		MQMD md = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		md.Persistence = MQPER_PERSISTENT;
		pmo.Options = MQPMO_SYNCPOINT | MQPMO_NEW_MSG_ID;
		MQPUT(hc, ho, &md, &pmo, (MQLONG)n, out, &cc, &rc);
		if (cc != MQCC_OK) {
			bad("MQPUT", rc, seq);
			break;
		}
		MQCMIT(hc, &cc, &rc);
		if (cc != MQCC_OK) {
			bad("MQCMIT after the put", rc, seq);
			break;
		}
		MQMD gd = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		gmo.Version = MQGMO_VERSION_2;
		gmo.MatchOptions = MQMO_MATCH_MSG_ID;
		gmo.Options = MQGMO_SYNCPOINT | MQGMO_WAIT;
		gmo.WaitInterval = 10000;
		memcpy(gd.MsgId, md.MsgId, sizeof gd.MsgId);
		MQLONG dl = 0;
		MQGET(hc, ho, &gd, &gmo, (MQLONG)sizeof in, in, &dl, &cc, &rc);
		if (cc != MQCC_OK) {
			bad("MQGET", rc, seq);
			break;
		}
		MQCMIT(hc, &cc, &rc);
		if (cc != MQCC_OK) {
			bad("MQCMIT after the get", rc, seq);
			break;
		}
		if ((size_t)dl != n || memcmp(in, out, n) != 0 || gd.Persistence != MQPER_PERSISTENT)
			bad("the message got is not the one put", 0, seq);
		else
			good_ok++;
		int64_t took = now_ms() - t0;
		if (took > slowest)
			slowest = took;
		if (took > 15000)
			bad("a put and get took over 15 s", (MQLONG)took, seq);
	}
	MQCLOSE(hc, &ho, MQCO_NONE, &cc, &rc);
	MQDISC(&hc, &cc, &rc);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 7) {
		fprintf(stderr, "usage: mqi_netfuzz QM PORT CHANNEL GOODQ FUZZQ SECONDS [SEED [THREADS]]\n");
		return 2;
	}
	qmname = argv[1];
	port = atoi(argv[2]);
	channel = argv[3];
	goodq = argv[4];
	fuzzq = argv[5];
	int secs = atoi(argv[6]);
	uint64_t seed = argc > 7 ? strtoull(argv[7], NULL, 10) : (uint64_t)time(NULL);
	int nthreads = argc > 8 ? atoi(argv[8]) : 8;
	if (nthreads < 1 || nthreads > 64 || secs < 1 || port <= 0 || port > 65535) {
		fprintf(stderr, "mqi_netfuzz: bad arguments\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("seed %llu\n", (unsigned long long)seed);
	end_ms = now_ms() + (int64_t)secs * 1000;
	pthread_t g, t[64];
	if (pthread_create(&g, NULL, good, NULL) != 0)
		return 1;
	for (int i = 0; i < nthreads; i++)
		pthread_create(&t[i], NULL, fuzzer, (void *)(uintptr_t)(seed * 64 + (uint64_t)i + 1));
	for (int i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	stop = 1;
	pthread_join(g, NULL);
	printf("fuzz connections=%lu scenarios:", conns_made);
	for (int i = 0; i < SC_N; i++)
		printf(" %s=%lu", sc_names[i], sc_count[i]);
	printf("\ngood ok=%lu bad=%lu slowest=%lldms\n", good_ok, good_bad, (long long)slowest);
	return good_bad == 0 && good_ok > 0 ? 0 : 1;
}
