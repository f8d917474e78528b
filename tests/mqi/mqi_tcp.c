/*
 * mqi_tcp: a client of a queue manager's TCP listener speaking the wire
 * protocol directly (qm/proto.h: CHLOPEN, CONN and the MQI frames, written
 * out here: this program builds against the SDK headers only), for t8000 and
 * t8010 until libmqm's own client connections are there.
 *
 *   mqi_tcp PORT CHANNEL open [QMGR [MAXMSGL [HBINT]]]
 *       CHLOPEN; prints "cc=C rc=R maxmsgl=M hbint=H sharecnv=S qmgr=Q" (the
 *       negotiated values), or "cc=2 rc=R closed=Y|N" for a refusal (closed:
 *       the queue manager closed the connection after it)
 *   mqi_tcp PORT CHANNEL putget QUEUE SIZE [MAXMSGL]
 *       CHLOPEN, MQCONN, MQOPEN for output, a nonpersistent put of SIZE bytes,
 *       MQOPEN for input, MQGET; prints "conn=R put=R get=R len=N user=U"
 *       (user: the MQMD UserIdentifier of the message got); MQTCP_USER and
 *       MQTCP_PASSWORD give MQCONN an MQCSP user id and password
 *   mqi_tcp PORT CHANNEL silent QUEUE [ANSWER_SECS [park]]
 *       CHLOPEN asking HBINT 1, MQCONN, a persistent put under syncpoint,
 *       prints "PUT=R" (with park: then an MQGET under syncpoint on QUEUE
 *       waiting without limit, which waits: its own put is not committed,
 *       "PARKED") and then answers the queue manager's heartbeats for
 *       ANSWER_SECS (default 0) seconds, printing "alive after N heartbeats",
 *       then stops answering (reads them and says nothing, as a peer whose
 *       program hangs): prints "dropped after S s" when the queue manager
 *       closes the connection, "kept" when it has not after 30 s
 *   mqi_tcp PORT CHANNEL hold N
 *       N connections, each CHLOPEN and MQCONN; prints "ok=A refused=B
 *       other=C" (refused: a 2537 or 2025), then "READY", waits for a line
 *       on stdin, puts and gets one message on the last connection that
 *       worked ("last=OK"), and closes them all
 *   mqi_tcp PORT - hostile KIND
 *       KIND: garbage (bytes not ours), tsh (IBM MQ's client protocol's
 *       first bytes), short (half a frame header, then nothing), huge (a
 *       header announcing a 100 MiB CHLOPEN and 64 KiB of it), badmagic (a
 *       header with the wrong magic after "QRPF"), early (an MQCONN before
 *       CHLOPEN), reply (a reply frame first); prints "closed" when the queue
 *       manager closed the connection within 3 s, "open" otherwise
 *
 * The host is 127.0.0.1 (MQTCP_HOST overrides it: "::1" for IPv6).  The
 * OS user CHLOPEN asserts is the real one (MQTCP_HINT overrides it).
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <cmqc.h>

#define MAGIC 0x46505251u
enum { OP_CONN = 1, OP_DISC = 2, OP_OPEN = 3, OP_CLOSE = 4, OP_PUT = 5, OP_GET = 7, OP_CMIT = 8,
       OP_CHLOPEN = 18, OP_HEARTBEAT = 19 };
#define F_REPLY 1u

static void put32(unsigned char *p, unsigned v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static unsigned get32(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8 | (unsigned)p[2] << 16 | (unsigned)p[3] << 24;
}

static const char *port_s;

static int dial(void)
{
	const char *host = getenv("MQTCP_HOST");
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *ai = NULL;
	if (getaddrinfo(host ? host : "127.0.0.1", port_s, &hints, &ai) != 0)
		return -1;
	int fd = socket(ai->ai_family, SOCK_STREAM, 0);
	if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
		close(fd);
		fd = -1;
	}
	freeaddrinfo(ai);
	return fd;
}

static int send_all(int fd, const void *b, size_t n)
{
	const unsigned char *p = b;
	while (n) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static int recv_all(int fd, void *b, size_t n)
{
	unsigned char *p = b;
	while (n) {
		ssize_t k = recv(fd, p, n, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static int send_frame(int fd, unsigned op, unsigned flags, unsigned id, const void *body, size_t len)
{
	unsigned char h[16];
	put32(h, MAGIC);
	put32(h + 4, (unsigned)len);
	h[8] = (unsigned char)op;
	h[9] = (unsigned char)(op >> 8);
	h[10] = (unsigned char)flags;
	h[11] = (unsigned char)(flags >> 8);
	put32(h + 12, id);
	if (send_all(fd, h, sizeof h))
		return -1;
	return len ? send_all(fd, body, len) : 0;
}

static int heartbeats_seen;

/* Read one frame that is not a heartbeat request (those are answered; with
 * one_hb, one answered heartbeat is returned as op OP_HEARTBEAT, body NULL):
 * body malloc'd into *body; its length, or -1 when the connection closed. */
static long read_frame1(int fd, unsigned *op, unsigned char **body, int one_hb)
{
	for (;;) {
		unsigned char h[16];
		if (recv_all(fd, h, sizeof h))
			return -1;
		if (get32(h) != MAGIC)
			return -1;
		unsigned len = get32(h + 4);
		*op = (unsigned)(h[8] | h[9] << 8);
		unsigned flags = (unsigned)(h[10] | h[11] << 8);
		unsigned char *b = malloc(len ? len : 1);
		if (!b || recv_all(fd, b, len)) {
			free(b);
			return -1;
		}
		if (*op == OP_HEARTBEAT && !(flags & F_REPLY)) {
			heartbeats_seen++;
			free(b);
			if (send_frame(fd, OP_HEARTBEAT, F_REPLY, 0, NULL, 0))
				return -1;
			if (one_hb) {
				*body = NULL;
				return 0;
			}
			continue;
		}
		*body = b;
		return (long)len;
	}
}

static long read_frame(int fd, unsigned *op, unsigned char **body)
{
	return read_frame1(fd, op, body, 0);
}

/* A request and its reply: the reply's Reason (cc in *cc), -1 when closed. */
static long call(int fd, unsigned op, const void *body, size_t len, unsigned char **rep, long *rlen, int *cc)
{
	static unsigned id = 1;
	if (send_frame(fd, op, 0, id++, body, len))
		return -1;
	unsigned rop;
	unsigned char *b = NULL;
	long n = read_frame(fd, &rop, &b);
	if (n < 8) {
		free(b);
		return -1;
	}
	*cc = (int)get32(b);
	long rc = (long)get32(b + 4);
	if (rep)
		*rep = b;
	else
		free(b);
	if (rlen)
		*rlen = n;
	return rc;
}

static void blank(char *f, size_t n, const char *s)
{
	size_t l = strlen(s);
	if (l > n)
		l = n;
	memcpy(f, s, l);
	memset(f + l, ' ', n - l);
}

/* CHLOPEN: the Reason; the reply's body in *rep when asked for. */
static long chlopen(int fd, const char *channel, const char *qmgr, int maxmsgl, int hbint, unsigned char **rep, int *cc)
{
	unsigned char b[20 + 16 + 48 + 4 + 64];
	/* the OS user the client asserts: MQTCP_HINT, else the real one */
	const char *user = getenv("MQTCP_HINT");
	struct passwd *pw = user ? NULL : getpwuid(geteuid());
	if (!user)
		user = pw ? pw->pw_name : "";
	if (strlen(user) > 64)
		user = "";
	size_t at = 0;
	blank((char *)b, 20, channel);
	at = 20;
	put32(b + at, 1);
	put32(b + at + 4, (unsigned)maxmsgl);
	put32(b + at + 8, (unsigned)hbint);
	put32(b + at + 12, 10);
	at += 16;
	blank((char *)b + at, 48, qmgr);
	at += 48;
	put32(b + at, (unsigned)strlen(user));
	at += 4;
	memcpy(b + at, user, strlen(user));
	at += strlen(user);
	return call(fd, OP_CHLOPEN, b, at, rep, NULL, cc);
}

/* MQCONN (qm/proto.h CONN): with MQTCP_USER set, an MQCSP's user id and the
 * password MQTCP_PASSWORD (connection authentication, t8200) */
static long mqconn(int fd, int *cc)
{
	const char *user = getenv("MQTCP_USER"), *pw = getenv("MQTCP_PASSWORD");
	size_t ul = user ? strlen(user) : 0, pl = user && pw ? strlen(pw) : 0;
	if (ul > 1024 || pl > 256)
		return -1;
	unsigned char b[48 + 4 + 28 + 8 + 12 + 1024 + 256];
	memset(b, ' ', 88);
	put32(b + 48, 0);
	blank((char *)b + 52, 28, "mqi_tcp");
	put32(b + 80, 0);
	put32(b + 84, 0);
	put32(b + 88, user ? 1 : 0);
	put32(b + 92, (unsigned)ul);
	memcpy(b + 96, user ? user : "", ul);
	put32(b + 96 + ul, (unsigned)pl);
	memcpy(b + 100 + ul, pw ? pw : "", pl);
	long r = call(fd, OP_CONN, b, 100 + ul + pl, NULL, NULL, cc);
	memset(b, 0, sizeof b);
	return r;
}

static long mqopen(int fd, const char *q, int options, unsigned *hobj, int *cc)
{
	unsigned char b[4 + sizeof(MQOD)];
	MQOD od = { MQOD_DEFAULT };
	memcpy(od.ObjectName, q, strnlen(q, sizeof od.ObjectName));
	put32(b, (unsigned)options);
	memcpy(b + 4, &od, sizeof od);
	unsigned char *rep = NULL;
	long n = 0;
	long rc = call(fd, OP_OPEN, b, sizeof b, &rep, &n, cc);
	*hobj = rc >= 0 && n >= 12 ? get32(rep + 8) : 0;
	free(rep);
	return rc;
}

static long mqput(int fd, unsigned hobj, size_t size, int persistent, int syncpoint, int *cc)
{
	size_t n = 4 + sizeof(MQMD) + sizeof(MQPMO) + 4 + size;
	unsigned char *b = malloc(n);
	if (!b)
		return -1;
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	md.Persistence = persistent ? MQPER_PERSISTENT : MQPER_NOT_PERSISTENT;
	memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	pmo.Options = syncpoint ? MQPMO_SYNCPOINT : MQPMO_NO_SYNCPOINT;
	put32(b, hobj);
	memcpy(b + 4, &md, sizeof md);
	memcpy(b + 4 + sizeof md, &pmo, sizeof pmo);
	put32(b + 4 + sizeof md + sizeof pmo, (unsigned)size);
	memset(b + 8 + sizeof md + sizeof pmo, 'x', size);
	long rc = call(fd, OP_PUT, b, n, NULL, NULL, cc);
	free(b);
	return rc;
}

static long mqget(int fd, unsigned hobj, unsigned buflen, unsigned *datalen, char *user, int *cc)
{
	unsigned char b[4 + sizeof(MQMD) + sizeof(MQGMO) + 4];
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_NO_WAIT;
	put32(b, hobj);
	memcpy(b + 4, &md, sizeof md);
	memcpy(b + 4 + sizeof md, &gmo, sizeof gmo);
	put32(b + 4 + sizeof md + sizeof gmo, buflen);
	unsigned char *rep = NULL;
	long n = 0;
	long rc = call(fd, OP_GET, b, sizeof b, &rep, &n, cc);
	*datalen = 0;
	user[0] = 0;
	if (rc >= 0 && n >= (long)(8 + sizeof(MQMD) + sizeof(MQGMO) + 4)) {
		MQMD got;
		memcpy(&got, rep + 8, sizeof got);
		*datalen = get32(rep + 8 + sizeof(MQMD) + sizeof(MQGMO));
		memcpy(user, got.UserIdentifier, MQ_USER_ID_LENGTH);
		user[MQ_USER_ID_LENGTH] = 0;
		for (int i = MQ_USER_ID_LENGTH - 1; i >= 0 && user[i] == ' '; i--)
			user[i] = 0;
	}
	free(rep);
	return rc;
}

/* Did the peer close within ms milliseconds?  (What it sends is read.) */
static int closed_within(int fd, int ms)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		long left = ms - ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000);
		if (left <= 0)
			return 0;
		struct pollfd pf = { .fd = fd, .events = POLLIN };
		if (poll(&pf, 1, (int)left) <= 0)
			continue;
		char buf[4096];
		ssize_t k = recv(fd, buf, sizeof buf, 0);
		if (k == 0 || (k < 0 && errno != EINTR && errno != EAGAIN))
			return 1;
	}
}

static int do_open(const char *channel, int argc, char **argv)
{
	const char *qmgr = argc > 0 ? argv[0] : "";
	int maxmsgl = argc > 1 ? atoi(argv[1]) : 4194304;
	int hbint = argc > 2 ? atoi(argv[2]) : 300;
	int fd = dial();
	if (fd < 0) {
		printf("connect failed: %s\n", strerror(errno));
		return 1;
	}
	int cc = 0;
	unsigned char *rep = NULL;
	long rc = chlopen(fd, channel, qmgr, maxmsgl, hbint, &rep, &cc);
	if (rc < 0) {
		printf("closed without a reply\n");
		return 1;
	}
	if (cc == MQCC_FAILED) {
		printf("cc=%d rc=%ld closed=%s\n", cc, rc, closed_within(fd, 3000) ? "Y" : "N");
	} else {
		char q[49];
		memcpy(q, rep + 20, 48);
		q[48] = 0;
		for (int i = 47; i >= 0 && q[i] == ' '; i--)
			q[i] = 0;
		printf("cc=%d rc=%ld maxmsgl=%u hbint=%u sharecnv=%u qmgr=%s\n", cc, rc, get32(rep + 8), get32(rep + 12),
		       get32(rep + 16), q);
	}
	free(rep);
	close(fd);
	return 0;
}

static int do_putget(const char *channel, int argc, char **argv)
{
	if (argc < 2)
		return 2;
	const char *q = argv[0];
	size_t size = (size_t)atol(argv[1]);
	int maxmsgl = argc > 2 ? atoi(argv[2]) : 4194304;
	int fd = dial();
	int cc;
	long rc = fd < 0 ? -1 : chlopen(fd, channel, "", maxmsgl, 300, NULL, &cc);
	if (rc != 0) {
		printf("chlopen=%ld\n", rc);
		return 1;
	}
	long crc = mqconn(fd, &cc);
	unsigned ho, hi, dl = 0;
	char user[MQ_USER_ID_LENGTH + 1] = "";
	long orc = mqopen(fd, q, MQOO_OUTPUT, &ho, &cc);
	long prc = orc ? orc : mqput(fd, ho, size, 0, 0, &cc);
	long irc = mqopen(fd, q, MQOO_INPUT_AS_Q_DEF, &hi, &cc);
	long grc = irc ? irc : mqget(fd, hi, (unsigned)size + 16, &dl, user, &cc);
	printf("conn=%ld put=%ld get=%ld len=%u user=%s\n", crc, prc, grc, dl, user);
	call(fd, OP_DISC, NULL, 0, NULL, NULL, &cc);
	close(fd);
	return 0;
}

static int do_silent(const char *channel, int argc, char **argv)
{
	if (argc < 1)
		return 2;
	int answer = argc > 1 ? atoi(argv[1]) : 0;
	int fd = dial();
	int cc;
	long rc = fd < 0 ? -1 : chlopen(fd, channel, "", 4194304, 1, NULL, &cc);
	if (rc != 0) {
		printf("chlopen=%ld\n", rc);
		return 1;
	}
	unsigned ho;
	mqconn(fd, &cc);
	mqopen(fd, argv[0], MQOO_OUTPUT, &ho, &cc);
	printf("PUT=%ld\n", mqput(fd, ho, 100, 1, 1, &cc));
	if (argc > 2 && !strcmp(argv[2], "park")) {
		unsigned hi;
		mqopen(fd, argv[0], MQOO_INPUT_AS_Q_DEF, &hi, &cc);
		unsigned char b[4 + sizeof(MQMD) + sizeof(MQGMO) + 4];
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		gmo.Options = MQGMO_SYNCPOINT | MQGMO_WAIT;
		gmo.WaitInterval = MQWI_UNLIMITED;
		put32(b, hi);
		memcpy(b + 4, &md, sizeof md);
		memcpy(b + 4 + sizeof md, &gmo, sizeof gmo);
		put32(b + 4 + sizeof md + sizeof gmo, 1000);
		if (send_frame(fd, OP_GET, 0, 999, b, sizeof b) == 0)
			printf("PARKED\n");
	}
	fflush(stdout);
	time_t t0 = time(NULL);
	/* answer the heartbeats for a while */
	while (time(NULL) - t0 < answer) {
		struct pollfd pf = { .fd = fd, .events = POLLIN };
		if (poll(&pf, 1, 200) > 0) {
			unsigned op;
			unsigned char *b = NULL;
			if (read_frame1(fd, &op, &b, 1) < 0) {
				printf("closed while answering\n");
				return 1;
			}
			free(b);
		}
	}
	if (answer)
		printf("alive after %d heartbeats\n", heartbeats_seen);
	fflush(stdout);
	/* then silence */
	time_t t1 = time(NULL);
	if (closed_within(fd, 30000))
		printf("dropped after %ld s\n", (long)(time(NULL) - t1));
	else
		printf("kept\n");
	close(fd);
	return 0;
}

static int do_hold(const char *channel, int argc, char **argv)
{
	if (argc < 1)
		return 2;
	int n = atoi(argv[0]);
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)n + 64) {
		rl.rlim_cur = rl.rlim_max < (rlim_t)n + 64 ? rl.rlim_max : (rlim_t)n + 64;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	int *fds = calloc((size_t)n, sizeof *fds);
	int ok = 0, refused = 0, other = 0, last = -1;
	for (int i = 0; i < n; i++) {
		int cc;
		fds[i] = dial();
		long rc = fds[i] < 0 ? -1 : chlopen(fds[i], channel, "", 4194304, 300, NULL, &cc);
		if (rc == 0)
			rc = mqconn(fds[i], &cc);
		if (rc == 0) {
			ok++;
			last = i;
		} else if (rc == MQRC_CHANNEL_NOT_AVAILABLE || rc == MQRC_MAX_CONNS_LIMIT_REACHED) {
			refused++;
		} else {
			other++;
			if (other < 4)
				fprintf(stderr, "connection %d: %ld (%s)\n", i, rc, strerror(errno));
		}
	}
	printf("ok=%d refused=%d other=%d\nREADY\n", ok, refused, other);
	fflush(stdout);
	char line[16];
	if (!fgets(line, sizeof line, stdin))
		line[0] = 0;
	if (last >= 0) {
		int cc;
		unsigned ho, hi, dl;
		char user[MQ_USER_ID_LENGTH + 1];
		long orc = mqopen(fds[last], "SYSTEM.DEFAULT.LOCAL.QUEUE", MQOO_OUTPUT | MQOO_INPUT_AS_Q_DEF, &ho, &cc);
		hi = ho;
		long prc = orc ? orc : mqput(fds[last], ho, 10, 0, 0, &cc);
		long grc = prc ? prc : mqget(fds[last], hi, 100, &dl, user, &cc);
		printf("last=%s\n", grc == 0 ? "OK" : "FAILED");
	}
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	return 0;
}

static int do_hostile(const char *kind)
{
	int fd = dial();
	if (fd < 0) {
		printf("connect failed\n");
		return 1;
	}
	unsigned char h[16];
	if (!strcmp(kind, "garbage")) {
		send_all(fd, "GET / HTTP/1.0\r\n\r\n", 18);
	} else if (!strcmp(kind, "tsh")) {
		send_all(fd, "TSH \0\0\1\14", 8);
	} else if (!strcmp(kind, "short")) {
		put32(h, MAGIC);
		send_all(fd, h, 6);
	} else if (!strcmp(kind, "huge")) {
		static unsigned char chunk[65536];
		put32(h, MAGIC);
		put32(h + 4, 100u * 1024 * 1024);
		memset(h + 8, 0, 8);
		h[8] = OP_CHLOPEN;
		send_all(fd, h, 16);
		send_all(fd, chunk, sizeof chunk);
	} else if (!strcmp(kind, "badmagic")) {
		put32(h, MAGIC);
		put32(h + 4, 0);
		memset(h + 8, 0, 8);
		h[8] = OP_CHLOPEN;
		send_all(fd, h, 16);   /* a CHLOPEN with no body: malformed */
		put32(h, 0x12345678u);
		send_all(fd, h, 16);
	} else if (!strcmp(kind, "early")) {
		int cc;
		mqconn(fd, &cc);
	} else if (!strcmp(kind, "reply")) {
		send_frame(fd, OP_CONN, F_REPLY, 1, "\0\0\0\0\0\0\0\0", 8);
	} else {
		return 2;
	}
	printf("%s\n", closed_within(fd, 3000) ? "closed" : "open");
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: mqi_tcp PORT CHANNEL MODE ARGS...\n");
		return 2;
	}
	port_s = argv[1];
	const char *mode = argv[3];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(mode, "open"))
		return do_open(argv[2], argc - 4, argv + 4);
	if (!strcmp(mode, "putget"))
		return do_putget(argv[2], argc - 4, argv + 4);
	if (!strcmp(mode, "silent"))
		return do_silent(argv[2], argc - 4, argv + 4);
	if (!strcmp(mode, "hold"))
		return do_hold(argv[2], argc - 4, argv + 4);
	if (!strcmp(mode, "hostile") && argc > 4)
		return do_hostile(argv[4]);
	fprintf(stderr, "mqi_tcp: unknown mode %s\n", mode);
	return 2;
}
