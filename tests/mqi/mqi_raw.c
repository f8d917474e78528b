/*
 * mqi_raw: hostile clients of the queue manager's socket, for t6310.
 *
 *   mqi_raw QM conns N                 N connections through libmqm (MQCONNX,
 *                                      handles shared so one thread holds them
 *                                      all); prints "ok=A refused=B other=C",
 *                                      then puts and gets one message on the
 *                                      first connection ("first=OK")
 *   mqi_raw QM churn ROUNDS            through libmqm: connects until refused with
 *                                      2025 (the queue manager is full), then
 *                                      ROUNDS times ends one connection and tries
 *                                      two more (the second is refused); prints
 *                                      "held=N refused=R other=O"
 *   mqi_raw QM inqbig N MIB            N raw connections, each MQCONN, MQOPEN of
 *                                      the queue manager for inquire, then 4
 *                                      MQINQ frames naming CharAttrLength MIB
 *                                      MiB, never reading the replies; holds
 *                                      them open 2 s (the caller measures the
 *                                      queue manager's memory meanwhile:
 *                                      prints READY, waits for a line on stdin)
 *   mqi_raw QM bighdr N                N raw connections, each sending a frame
 *                                      header that announces a 100 MiB PUT and
 *                                      65 bytes of it; prints READY, waits for a line on
 *                                      stdin, then closes them
 *   mqi_raw QM noread N                one raw connection sending N small
 *                                      requests without reading any reply;
 *                                      prints "dropped" when the queue manager
 *                                      closed it, "kept" when all were sent
 *   mqi_raw QM huge Q                  through libmqm: MQINQ of the queue manager's
 *                                      name with a CharAttrLength of 200 MiB, and
 *                                      MQSET of Q's INHIBIT_PUT with the same
 *                                      CharAttrLength (both valid in MQ); prints
 *                                      "inq=RC unchanged=Y|N set=RC"
 *   mqi_raw QM parkflood Q MIB         one raw connection: MQGET on Q waiting
 *                                      without limit (parked), then MIB MiB more
 *                                      sent while it waits; prints "dropped
 *                                      after N KiB" or "kept"
 *
 * The raw connections use the socket $MQ_DATA_PATH/qmgrs/QM/@ipcc/quire.sock.
 * The raw frames follow qm/proto.h (written out here: this program builds
 * against the SDK headers only, as an application does).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmqc.h>

#define MAGIC 0x46505251u
enum { OP_CONN = 1, OP_OPEN = 3, OP_GET = 7, OP_INQ = 10 };

static void put32(unsigned char *p, unsigned v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static unsigned get32(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8 | (unsigned)p[2] << 16 | (unsigned)p[3] << 24;
}

static int dial(const char *qm)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *root = getenv("MQ_DATA_PATH");
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s/qmgrs/%s/@ipcc/quire.sock", root ? root : "/var/mqm", qm);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		perror("connect");
		exit(1);
	}
	return fd;
}

static int send_frame(int fd, unsigned op, unsigned id, const unsigned char *body, size_t len)
{
	unsigned char h[16];
	put32(h, MAGIC);
	put32(h + 4, (unsigned)len);
	h[8] = (unsigned char)op;
	h[9] = (unsigned char)(op >> 8);
	h[10] = h[11] = 0;
	put32(h + 12, id);
	if (send(fd, h, sizeof h, MSG_NOSIGNAL) != (ssize_t)sizeof h)
		return -1;
	if (len && send(fd, body, len, MSG_NOSIGNAL) != (ssize_t)len)
		return -1;
	return 0;
}

/* Read one reply; its body (malloc'd) and length. */
static unsigned char *read_reply(int fd, size_t *len)
{
	unsigned char h[16];
	size_t got = 0;
	while (got < sizeof h) {
		ssize_t k = recv(fd, h + got, sizeof h - got, 0);
		if (k <= 0)
			return NULL;
		got += (size_t)k;
	}
	*len = get32(h + 4);
	unsigned char *b = malloc(*len + 1);
	for (got = 0; b && got < *len;) {
		ssize_t k = recv(fd, b + got, *len - got, 0);
		if (k <= 0) {
			free(b);
			return NULL;
		}
		got += (size_t)k;
	}
	return b;
}

/* MQCONN and MQOPEN of the queue manager for inquire: the Hobj. */
static unsigned conn_open(int fd, const char *qm)
{
	/* qm/proto.h CONN: qmgr, options, appname, pid, tid, then no MQCSP (auth, ulen, plen 0) */
	unsigned char conn[48 + 4 + 28 + 8 + 12];
	memset(conn, ' ', sizeof conn);
	memset(conn + 48 + 4 + 28 + 8, 0, 12);
	memcpy(conn, qm, strlen(qm) < 48 ? strlen(qm) : 48);
	put32(conn + 48, 0);
	put32(conn + 80, (unsigned)getpid());
	put32(conn + 84, 1);
	size_t n;
	unsigned char *r;
	if (send_frame(fd, OP_CONN, 1, conn, sizeof conn) || !(r = read_reply(fd, &n)) || n < 8 || get32(r)) {
		fprintf(stderr, "raw MQCONN failed\n");
		exit(1);
	}
	free(r);
	MQOD od = { MQOD_DEFAULT };
	od.ObjectType = MQOT_Q_MGR;
	unsigned char open[4 + sizeof od];
	put32(open, MQOO_INQUIRE);
	memcpy(open + 4, &od, sizeof od);
	if (send_frame(fd, OP_OPEN, 2, open, sizeof open) || !(r = read_reply(fd, &n)) || n < 12 || get32(r)) {
		fprintf(stderr, "raw MQOPEN failed\n");
		exit(1);
	}
	unsigned h = get32(r + 8);
	free(r);
	return h;
}

static unsigned char *inq_body(unsigned hobj, unsigned charlen, size_t *len)
{
	static unsigned char b[20];
	put32(b, hobj);
	put32(b + 4, 1);          /* one selector */
	put32(b + 8, 0);          /* no integers */
	put32(b + 12, charlen);
	put32(b + 16, MQCA_Q_MGR_NAME);
	*len = sizeof b;
	return b;
}

static int conns(const char *qm, int n)
{
	MQHCONN *h = calloc((size_t)n, sizeof *h);
	int ok = 0, refused = 0, other = 0, first = -1;
	for (int i = 0; i < n; i++) {
		MQCNO cno = { MQCNO_DEFAULT };
		MQLONG cc, rc;
		cno.Options = MQCNO_HANDLE_SHARE_BLOCK;
		MQCONNX((PMQCHAR)qm, &cno, &h[i], &cc, &rc);
		if (cc != MQCC_FAILED) {
			ok++;
			if (first < 0)
				first = i;
		} else if (rc == MQRC_MAX_CONNS_LIMIT_REACHED) {
			refused++;
		} else {
			other++;
			if (other == 1)
				fprintf(stderr, "MQCONNX %d: %d\n", i, (int)rc);
		}
	}
	printf("ok=%d refused=%d other=%d\n", ok, refused, other);
	if (first < 0)
		return 1;
	/* the connections made still work */
	MQOD od = { MQOD_DEFAULT };
	MQHOBJ ho;
	MQLONG cc, rc, dl;
	strncpy(od.ObjectName, "SYSTEM.DEFAULT.LOCAL.QUEUE", MQ_Q_NAME_LENGTH);
	MQOPEN(h[first], &od, MQOO_OUTPUT | MQOO_INPUT_SHARED, &ho, &cc, &rc);
	if (cc == MQCC_OK) {
		MQMD md = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		char buf[16];
		pmo.Options = MQPMO_NO_SYNCPOINT;
		MQPUT(h[first], ho, &md, &pmo, 5, "still", &cc, &rc);
		MQMD md2 = { MQMD_DEFAULT };
		gmo.Options = MQGMO_NO_SYNCPOINT;
		if (cc == MQCC_OK)
			MQGET(h[first], ho, &md2, &gmo, sizeof buf, buf, &dl, &cc, &rc);
		if (cc == MQCC_OK && dl == 5 && !memcmp(buf, "still", 5))
			printf("first=OK\n");
		else
			printf("first=%d\n", (int)rc);
	} else {
		printf("first=%d\n", (int)rc);
	}
	for (int i = 0; i < n; i++)
		if (h[i] != MQHC_UNUSABLE_HCONN && h[i])
			MQDISC(&h[i], &cc, &rc);
	free(h);
	return 0;
}

static int churn(const char *qm, int rounds)
{
	enum { MAXH = 4096 };
	MQHCONN *h = calloc(MAXH, sizeof *h);
	MQCNO cno = { MQCNO_DEFAULT };
	MQLONG cc, rc = MQRC_NONE;
	int n = 0, refused = 0, other = 0;
	cno.Options = MQCNO_HANDLE_SHARE_BLOCK;
	while (h && n < MAXH) {
		MQCONNX((PMQCHAR)qm, &cno, &h[n], &cc, &rc);
		if (cc == MQCC_FAILED)
			break;
		n++;
	}
	if (!n || rc != MQRC_MAX_CONNS_LIMIT_REACHED) {
		fprintf(stderr, "filling the queue manager: %d connections, then %d\n", n, (int)rc);
		return 1;
	}
	for (int i = 0; i < rounds; i++) {
		int s = i % n;
		MQDISC(&h[s], &cc, &rc);
		usleep(20000);   /* the queue manager sees it go */
		for (int k = 0; k < 2; k++) {
			MQHCONN x;
			MQCONNX((PMQCHAR)qm, &cno, &x, &cc, &rc);
			if (cc != MQCC_FAILED && h[s] == MQHC_UNUSABLE_HCONN)
				h[s] = x;
			else if (cc != MQCC_FAILED)
				MQDISC(&x, &cc, &rc);
			else if (rc == MQRC_MAX_CONNS_LIMIT_REACHED)
				refused++;
			else
				other++;
		}
	}
	printf("held=%d refused=%d other=%d\n", n, refused, other);
	for (int i = 0; i < n; i++)
		if (h[i] != MQHC_UNUSABLE_HCONN)
			MQDISC(&h[i], &cc, &rc);
	free(h);
	return 0;
}

/* Print READY, wait for a line on stdin, then close the n sockets. */
static int hold(int *fd, int n)
{
	printf("READY\n");
	fflush(stdout);
	char line[16];
	if (!fgets(line, sizeof line, stdin))
		line[0] = 0;
	for (int i = 0; i < n; i++)
		close(fd[i]);
	free(fd);
	return 0;
}

static int inqbig(const char *qm, int n, unsigned mib)
{
	int *fd = calloc((size_t)n, sizeof *fd);
	for (int i = 0; i < n; i++) {
		fd[i] = dial(qm);
		unsigned hobj = conn_open(fd[i], qm);
		size_t len;
		unsigned char *b = inq_body(hobj, mib * 1024u * 1024u, &len);
		for (unsigned k = 0; k < 4; k++)
			if (send_frame(fd[i], OP_INQ, 10 + k, b, len))
				break;
	}
	return hold(fd, n);
}

static int bighdr(const char *qm, int n)
{
	int *fd = calloc((size_t)n, sizeof *fd);
	for (int i = 0; i < n; i++) {
		fd[i] = dial(qm);
		unsigned char h[16 + 64];
		memset(h, 0, sizeof h);
		put32(h, MAGIC);
		put32(h + 4, 100u * 1024u * 1024u);
		h[8] = 5;   /* PUT */
		put32(h + 12, 1);
		if (send(fd[i], h, sizeof h, MSG_NOSIGNAL) != (ssize_t)sizeof h)
			return 1;
	}
	usleep(200000);
	/* more bytes, once the header has been read on its own */
	for (int i = 0; i < n; i++)
		if (send(fd[i], "x", 1, MSG_NOSIGNAL) != 1)
			return 1;
	return hold(fd, n);
}

static int noread(const char *qm, long n)
{
	int fd = dial(qm);
	unsigned hobj = conn_open(fd, qm);
	size_t len;
	unsigned char *b = inq_body(hobj, 48, &len);
	for (long i = 0; i < n; i++)
		if (send_frame(fd, OP_INQ, (unsigned)(100 + i), b, len)) {
			printf("dropped after %ld requests (%s)\n", i, strerror(errno));
			return 0;
		}
	printf("kept: %ld requests sent, none read\n", n);
	close(fd);
	return 0;
}

static int huge(const char *qm, const char *q)
{
	MQHCONN hc;
	MQHOBJ hq, ho;
	MQLONG cc, rc, irc, src;
	MQCONN((PMQCHAR)qm, &hc, &cc, &rc);
	if (cc == MQCC_FAILED) {
		fprintf(stderr, "MQCONN: %d\n", (int)rc);
		return 1;
	}
	MQOD od = { MQOD_DEFAULT };
	od.ObjectType = MQOT_Q_MGR;
	MQOPEN(hc, &od, MQOO_INQUIRE, &hq, &cc, &rc);
	MQOD qd = { MQOD_DEFAULT };
	memcpy(qd.ObjectName, q, strlen(q) < MQ_Q_NAME_LENGTH ? strlen(q) : MQ_Q_NAME_LENGTH);
	MQLONG rc2;
	MQOPEN(hc, &qd, MQOO_SET, &ho, &cc, &rc2);
	if (rc || rc2) {
		fprintf(stderr, "MQOPEN: %d %d\n", (int)rc, (int)rc2);
		return 1;
	}
	/* 200 MiB of address space, of which only the first page is touched */
	MQLONG len = 200 * 1024 * 1024;
	char *buf = malloc((size_t)len);
	if (!buf)
		return 1;
	memset(buf, '#', 64);
	MQLONG sel = MQCA_Q_MGR_NAME;
	MQINQ(hc, hq, 1, &sel, 0, NULL, len, buf, &cc, &irc);
	int unchanged = buf[MQ_Q_MGR_NAME_LENGTH] == '#' && !strncmp(buf, qm, strlen(qm));
	MQLONG ssel = MQIA_INHIBIT_PUT, val = MQQA_PUT_ALLOWED;
	MQSET(hc, ho, 1, &ssel, 1, &val, len, buf, &cc, &src);
	printf("inq=%d unchanged=%s set=%d\n", (int)irc, unchanged ? "Y" : "N", (int)src);
	free(buf);
	MQDISC(&hc, &cc, &rc);
	return 0;
}

static int parkflood(const char *qm, const char *q, unsigned mib)
{
	int fd = dial(qm);
	(void)conn_open(fd, qm);
	MQOD od = { MQOD_DEFAULT };
	memcpy(od.ObjectName, q, strlen(q) < MQ_Q_NAME_LENGTH ? strlen(q) : MQ_Q_NAME_LENGTH);
	unsigned char open[4 + sizeof od];
	put32(open, MQOO_INPUT_SHARED);
	memcpy(open + 4, &od, sizeof od);
	size_t n;
	unsigned char *r;
	if (send_frame(fd, OP_OPEN, 3, open, sizeof open) || !(r = read_reply(fd, &n)) || n < 12 || get32(r)) {
		fprintf(stderr, "raw MQOPEN of %s failed\n", q);
		return 1;
	}
	unsigned hobj = get32(r + 8);
	free(r);
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT;
	gmo.WaitInterval = MQWI_UNLIMITED;
	unsigned char get[4 + sizeof md + sizeof gmo + 4];
	put32(get, hobj);
	memcpy(get + 4, &md, sizeof md);
	memcpy(get + 4 + sizeof md, &gmo, sizeof gmo);
	put32(get + 4 + sizeof md + sizeof gmo, 100);
	if (send_frame(fd, OP_GET, 4, get, sizeof get))
		return 1;
	usleep(200000);   /* parked by now, whatever: the bytes below wait behind it either way */
	static unsigned char junk[64 * 1024];
	memset(junk, 'j', sizeof junk);
	for (unsigned long sent = 0; sent < (unsigned long)mib * 1024 * 1024;) {
		ssize_t k = send(fd, junk, sizeof junk, MSG_NOSIGNAL);
		if (k <= 0) {
			printf("dropped after %lu KiB (%s)\n", sent / 1024, strerror(errno));
			return 0;
		}
		sent += (unsigned long)k;
	}
	printf("kept: %u MiB sent while the request was parked\n", mib);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc >= 4 && !strcmp(argv[2], "conns"))
		return conns(argv[1], atoi(argv[3]));
	if (argc >= 4 && !strcmp(argv[2], "churn"))
		return churn(argv[1], atoi(argv[3]));
	if (argc >= 5 && !strcmp(argv[2], "inqbig"))
		return inqbig(argv[1], atoi(argv[3]), (unsigned)atoi(argv[4]));
	if (argc >= 4 && !strcmp(argv[2], "bighdr"))
		return bighdr(argv[1], atoi(argv[3]));
	if (argc >= 4 && !strcmp(argv[2], "noread"))
		return noread(argv[1], atol(argv[3]));
	if (argc >= 4 && !strcmp(argv[2], "huge"))
		return huge(argv[1], argv[3]);
	if (argc >= 5 && !strcmp(argv[2], "parkflood"))
		return parkflood(argv[1], argv[3], (unsigned)atoi(argv[4]));
	fprintf(stderr, "usage: mqi_raw QM conns N | QM churn ROUNDS | QM inqbig N MIB | QM bighdr N | QM noread N | QM huge Q | QM parkflood Q MIB\n");
	return 2;
}
