/*
 * mqi_ring: hostile users of the shared-memory channel (qm/shmring.h), for
 * t6330.  One raw connection on the socket, MQCONN, then:
 *
 *   mqi_ring QM attach    ATTACH offered wrong things, one case a line
 *                         "CASE cc=C rc=R" (each must be refused and the
 *                         connection go on), then a good one "good cc=0 rc=0",
 *                         an MQCMIT through the page ("cmit cc=0 rc=0"), and a
 *                         second ATTACH on the same connection (refused)
 *   mqi_ring QM scribble  a good ATTACH, then a frame with a broken header
 *                         written into the page: prints "dropped" when the
 *                         queue manager closed the connection (and said so in
 *                         the page), "kept" otherwise
 *
 * The layout and the frames are written out here (this program builds
 * against the SDK headers only, as an application does).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cmqc.h>

#define MAGIC 0x46505251u
#define RING_MAGIC 0x47525351u
#define AREA_OFF 4096u
#define AREA (1024u * 1024u)
#define SIZE (AREA_OFF + AREA)
enum { OP_CONN = 1, OP_CMIT = 8, OP_ATTACH = 12 };
enum { W_REQ_SEQ = 64 / 4, W_REP_SEQ = 128 / 4, W_REP_LEN = 132 / 4, W_CLOSED = 136 / 4, W_SRV_SLEEP = 256 / 4 };

static void put32(unsigned char *p, unsigned v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static unsigned get32(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8 | (unsigned)p[2] << 16 | (unsigned)p[3] << 24;
}

static void hdr(unsigned char *f, unsigned len, unsigned op, unsigned id)
{
	put32(f, MAGIC);
	put32(f + 4, len);
	f[8] = (unsigned char)op;
	f[9] = 0;
	f[10] = f[11] = 0;
	put32(f + 12, id);
}

static int dial(const char *qm)
{
	const char *dp = getenv("MQ_DATA_PATH");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s/qmgrs/%s/@ipcc/quire.sock", dp ? dp : "/var/mqm", qm);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		perror("connect");
		exit(1);
	}
	struct timeval tv = { 10, 0 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	return fd;
}

/* Read one reply frame: its body's first 8 bytes into cc and rc; -1 on EOF. */
static int reply(int fd, int *cc, int *rc)
{
	unsigned char h[16], b[512];
	if (recv(fd, h, 16, MSG_WAITALL) != 16)
		return -1;
	unsigned n = get32(h + 4);
	if (n > sizeof b || (n && recv(fd, b, n, MSG_WAITALL) != (ssize_t)n) || n < 8)
		return -1;
	*cc = (int)get32(b);
	*rc = (int)get32(b + 4);
	return 0;
}

static void conn(int fd, const char *qm)
{
	/* qm/proto.h CONN: qmgr, options, appname, pid, tid, then no MQCSP (auth, ulen, plen 0) */
	unsigned char f[16 + 48 + 4 + 28 + 8 + 12];
	memset(f, ' ', sizeof f);
	memset(f + 16 + 48 + 4 + 28 + 8, 0, 12);
	hdr(f, sizeof f - 16, OP_CONN, 1);
	memcpy(f + 16, qm, strlen(qm));
	put32(f + 16 + 48, 0);
	put32(f + 16 + 48 + 4 + 28, (unsigned)getpid());
	put32(f + 16 + 48 + 4 + 28 + 4, 0);
	int cc, rc;
	if (send(fd, f, sizeof f, MSG_NOSIGNAL) != (ssize_t)sizeof f || reply(fd, &cc, &rc) || cc != 0) {
		fprintf(stderr, "MQCONN failed\n");
		exit(1);
	}
}

/* Send ATTACH (version, size) with the n descriptors fds; its codes. */
static int attach(int fd, unsigned id, unsigned version, unsigned size, const int *fds, int n, int *cc, int *rc)
{
	unsigned char f[24];
	hdr(f, 8, OP_ATTACH, id);
	put32(f + 16, version);
	put32(f + 20, size);
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(4 * sizeof(int))];
	} ctl;
	memset(&ctl, 0, sizeof ctl);
	struct iovec v = { f, sizeof f };
	struct msghdr m = { .msg_iov = &v, .msg_iovlen = 1 };
	if (n) {
		m.msg_control = ctl.b;
		m.msg_controllen = CMSG_SPACE((size_t)n * sizeof(int));
		struct cmsghdr *c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN((size_t)n * sizeof(int));
		memcpy(CMSG_DATA(c), fds, (size_t)n * sizeof(int));
	}
	if (sendmsg(fd, &m, MSG_NOSIGNAL) != (ssize_t)sizeof f)
		return -1;
	return reply(fd, cc, rc);
}

/* A memfd of size bytes, sealed as asked, mapped into *map (with the magic). */
static int memfd(size_t size, int seal, uint32_t **map)
{
	int fd = memfd_create("mqi-ring-test", MFD_ALLOW_SEALING);
	if (fd < 0 || ftruncate(fd, (off_t)size) != 0)
		exit(1);
	if (seal && fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW) != 0)
		exit(1);
	uint32_t *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		exit(1);
	m[0] = RING_MAGIC;
	m[1] = 1;
	if (map)
		*map = m;
	else
		munmap(m, size);
	return fd;
}

static void show(const char *what, int r, int cc, int rc)
{
	if (r)
		printf("%s dropped\n", what);
	else
		printf("%s cc=%d rc=%d\n", what, cc, rc);
	fflush(stdout);
}

/* Post a frame through the page and wait for the answer (or the end). */
static int ring_call(uint32_t *g, int door, const unsigned char *frame, size_t n, unsigned seq)
{
	memcpy((unsigned char *)g + AREA_OFF, frame, n);
	__atomic_store_n(&g[W_REQ_SEQ], seq, __ATOMIC_SEQ_CST);
	uint64_t one = 1;
	if (write(door, &one, sizeof one) != sizeof one)
		return -1;
	for (int i = 0; i < 1000; i++) {
		if (__atomic_load_n(&g[W_CLOSED], __ATOMIC_SEQ_CST))
			return -2;
		if (__atomic_load_n(&g[W_REP_SEQ], __ATOMIC_SEQ_CST) == seq)
			return 0;
		usleep(10000);
	}
	return -1;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: mqi_ring QM attach|scribble\n");
		return 2;
	}
	const char *qm = argv[1];
	int fd = dial(qm), cc, rc, r;
	if (!strcmp(argv[2], "attach")) {
		int door = eventfd(0, 0), p[2];
		if (door < 0 || pipe(p) != 0)
			return 1;
		/* ATTACH before MQCONN */
		int good = memfd(SIZE, 1, NULL);
		int fds[2] = { good, door };
		r = attach(fd, 2, 1, SIZE, fds, 2, &cc, &rc);
		show("before-conn", r, cc, rc);
		conn(fd, qm);
		r = attach(fd, 3, 1, SIZE, fds, 0, &cc, &rc);
		show("no-fds", r, cc, rc);
		r = attach(fd, 4, 1, SIZE, fds, 1, &cc, &rc);
		show("one-fd", r, cc, rc);
		int unsealed = memfd(SIZE, 0, NULL);
		fds[0] = unsealed;
		r = attach(fd, 5, 1, SIZE, fds, 2, &cc, &rc);
		show("unsealed", r, cc, rc);
		int small = memfd(AREA_OFF, 1, NULL);
		fds[0] = small;
		r = attach(fd, 6, 1, SIZE, fds, 2, &cc, &rc);
		show("small", r, cc, rc);
		fds[0] = good;
		r = attach(fd, 7, 2, SIZE, fds, 2, &cc, &rc);
		show("version", r, cc, rc);
		fds[1] = p[0];
		r = attach(fd, 8, 1, SIZE, fds, 2, &cc, &rc);
		show("pipe-door", r, cc, rc);
		fds[0] = open("/dev/zero", O_RDWR);
		fds[1] = door;
		r = attach(fd, 9, 1, SIZE, fds, 2, &cc, &rc);
		show("not-memfd", r, cc, rc);
		int four[4] = { good, door, good, door };
		r = attach(fd, 10, 1, SIZE, four, 4, &cc, &rc);
		show("four-fds", r, cc, rc);
		uint32_t *g;
		int mine = memfd(SIZE, 1, &g);
		fds[0] = mine;
		fds[1] = door;
		r = attach(fd, 11, 1, SIZE, fds, 2, &cc, &rc);
		show("good", r, cc, rc);
		if (r || cc)
			return 1;
		unsigned char f[16];
		hdr(f, 0, OP_CMIT, 12);
		r = ring_call(g, door, f, sizeof f, 1);
		if (r == 0) {
			unsigned char *a = (unsigned char *)g + AREA_OFF;
			printf("cmit len=%u cc=%d rc=%d\n", g[W_REP_LEN], (int)get32(a + 16), (int)get32(a + 20));
		} else {
			printf("cmit failed %d\n", r);
		}
		/* a second ATTACH, on the socket */
		r = attach(fd, 13, 1, SIZE, fds, 2, &cc, &rc);
		show("again", r, cc, rc);
		return 0;
	}
	if (!strcmp(argv[2], "scribble")) {
		conn(fd, qm);
		uint32_t *g;
		int door = eventfd(0, 0);
		int fds[2] = { memfd(SIZE, 1, &g), door };
		r = attach(fd, 2, 1, SIZE, fds, 2, &cc, &rc);
		if (r || cc) {
			show("attach", r, cc, rc);
			return 1;
		}
		unsigned char f[16];
		hdr(f, 0, OP_CMIT, 3);
		f[0] ^= 0xff;   /* not the magic */
		r = ring_call(g, door, f, sizeof f, 1);
		char b[16];
		ssize_t k = recv(fd, b, sizeof b, 0);   /* the socket ends too */
		printf("%s%s\n", r == -2 ? "dropped" : "kept", k == 0 ? " eof" : "");
		return 0;
	}
	fprintf(stderr, "usage: mqi_ring QM attach|scribble\n");
	return 2;
}
