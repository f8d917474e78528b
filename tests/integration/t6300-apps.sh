# Applications: one killed inside a unit of work (its puts vanish, its gets
# come back with BackoutCount 1), many at once (threads and processes, each
# message received exactly once), and a program compiled with -lmqm_r next to
# one that loads libmqm_r.so with dlopen.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
holder=
trap 'exit 1' INT TERM HUP
trap 'endmqm -p QA >/dev/null 2>&1; [ -n "$holder" ] && kill $holder 2>/dev/null' EXIT

run 0 crtmqm QA
run 0 strmqm QA
run 0 runmqsc QA <<'MQSC'
DEFINE QLOCAL(A.Q)
DEFINE QLOCAL(A.MANY) MAXDEPTH(100000)
DEFINE QLOCAL(A.M1)
DEFINE QLOCAL(A.M2)
DEFINE QLOCAL(A.M3)
DEFINE QLOCAL(A.M4)
MQSC

note "an application killed inside a unit of work"
run 0 "$T/mqi_tool" QA put A.Q 3 p nosp keep
"$T/mqi_tool" QA hold A.Q 2 2 p >hold.out 2>&1 &
holder=$!
wait_for 20 'grep -q READY hold.out'
run 0 "$T/mqi_tool" QA depth A.Q
[ "$OUT" = 5 ] || fail "depth with the unit of work open: $OUT, expected 5"
kill -9 $holder
wait $holder 2>/dev/null
holder=
# the queue manager notices the socket close and backs out; wait for the
# held puts to go
wait_for 20 '[ "$("$T/mqi_tool" QA depth A.Q)" = 3 ]'
run 0 "$T/mqi_tool" QA browse A.Q
[ "$OUT" = "keep-0 bo=1 pers=1
keep-1 bo=1 pers=1
keep-2 bo=0 pers=1" ] || fail "after the kill: $OUT"
run 0 "$T/mqi_tool" QA get A.Q 3

note "malformed frames close only their own connection"
cat >bad.c <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
static int conn(const char *path)
{
	struct sockaddr_un sa;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	strncpy(sa.sun_path, path, sizeof sa.sun_path - 1);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) { perror("connect"); exit(1); }
	return fd;
}
static void hdr(unsigned char *p, unsigned magic, unsigned len, unsigned op)
{
	for (int i = 0; i < 4; i++) { p[i] = magic >> (8 * i); p[4 + i] = len >> (8 * i); p[12 + i] = 7 >> (8 * i); }
	p[8] = op; p[9] = op >> 8; p[10] = p[11] = 0;
}
/* a connection that did MQCONN (216 bytes of body: blanks and zeros) */
static int connected(const char *path)
{
	unsigned char b[16 + 216], r[256];
	int fd = conn(path);
	memset(b, 0, sizeof b);
	hdr(b, 0x46505251u, 216, 1);
	memset(b + 16, ' ', 48);
	send(fd, b, sizeof b, MSG_NOSIGNAL);
	recv(fd, r, sizeof r, 0);
	return fd;
}
/* send n bytes on fd, then expect the server to close the connection */
static int closed_after(int fd, const unsigned char *b, size_t n)
{
	if (send(fd, b, n, MSG_NOSIGNAL) != (ssize_t)n) return 1;
	unsigned char r[256];
	ssize_t k;
	while ((k = recv(fd, r, sizeof r, 0)) > 0) ;
	close(fd);
	return k == 0;
}
int main(int argc, char **argv)
{
	const char *path = argv[1];
	unsigned char b[4096];
	int ok = 1;
	(void)argc;
	memset(b, 0xA5, sizeof b);
	ok &= closed_after(conn(path), b, 64);                 /* not a frame at all */
	hdr(b, 0x46505251u, 0xFFFFFFF0u, 5);                   /* a body far too long */
	ok &= closed_after(conn(path), b, 16);
	hdr(b, 0x46505251u, 10, 3);                            /* MQOPEN with 10 bytes of body */
	ok &= closed_after(connected(path), b, 26);
	hdr(b, 0x46505251u, 4, 77);                            /* an unknown verb */
	ok &= closed_after(connected(path), b, 20);
	{                                                      /* a PUT whose data is missing */
		unsigned char p[16 + 4 + 364 + 184 + 4];
		memset(p, 0, sizeof p);
		hdr(p, 0x46505251u, sizeof p - 16, 5);
		p[16] = 1;
		p[sizeof p - 4] = 0xff;
		ok &= closed_after(connected(path), p, sizeof p);
	}
	printf(ok ? "closed\n" : "NOT CLOSED\n");
	return !ok;
}
C
cc -std=c99 -D_GNU_SOURCE -o bad bad.c || fail "cannot build bad.c"
"$T/mqi_tool" QA put A.Q 1 p nosp before >/dev/null
run 0 ./bad "$MQ_DATA_PATH/qmgrs/QA/@ipcc/quire.sock"
has closed
run 0 "$T/mqi_tool" QA get A.Q 1
[ "$OUT" = before-0 ] || fail "after the malformed frames: $OUT"

note "many applications at once: threads"
run 0 "$T/mqi_multi" QA A.MANY thr 8 6 150
has "0 failed"
note "many applications at once: processes (a queue each, all at the same time)"
pids=
for k in 1 2 3 4; do
	"$T/mqi_multi" QA A.M$k proc$k 3 2 100 >multi$k.out 2>&1 &
	pids="$pids $!"
done
for p in $pids; do wait $p || fail "mqi_multi process $p failed: $(cat multi*.out)"; done
for k in 1 2 3 4; do grep -q "0 failed" multi$k.out || fail "process $k: $(cat multi$k.out)"; done
run 0 "$T/mqi_tool" QA depth A.MANY
[ "$OUT" = 0 ] || fail "A.MANY depth $OUT after the consumers"

note "a program that loads libmqm_r.so with dlopen, beside one linked with -lmqm_r"
top=$(dirname "$QUIRE_BUILD")
san=$(san_cflags)
cat >dl.c <<'C'
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <cmqc.h>
int main(int argc, char **argv)
{
	void *lib = dlopen("libmqm_r.so", RTLD_NOW);
	if (!lib) { printf("dlopen: %s\n", dlerror()); return 1; }
	PMQ_CONN_CALL conn = (PMQ_CONN_CALL)dlsym(lib, "MQCONN");
	PMQ_OPEN_CALL open = (PMQ_OPEN_CALL)dlsym(lib, "MQOPEN");
	PMQ_PUT_CALL put = (PMQ_PUT_CALL)dlsym(lib, "MQPUT");
	PMQ_CMIT_CALL cmit = (PMQ_CMIT_CALL)dlsym(lib, "MQCMIT");
	PMQ_DISC_CALL disc = (PMQ_DISC_CALL)dlsym(lib, "MQDISC");
	if (!conn || !open || !put || !cmit || !disc) { printf("dlsym failed\n"); return 1; }
	MQHCONN hc; MQHOBJ h; MQLONG cc, rc;
	MQOD od = {MQOD_DEFAULT}; MQMD md = {MQMD_DEFAULT}; MQPMO pmo = {MQPMO_DEFAULT};
	conn(argv[1], &hc, &cc, &rc); printf("CONN %d\n", (int)rc);
	strncpy(od.ObjectName, argv[2], sizeof od.ObjectName);
	open(hc, &od, MQOO_OUTPUT, &h, &cc, &rc); printf("OPEN %d\n", (int)rc);
	md.Persistence = MQPER_PERSISTENT;
	pmo.Options = MQPMO_SYNCPOINT;
	put(hc, h, &md, &pmo, 7, "dlopen!", &cc, &rc); printf("PUT %d\n", (int)rc);
	cmit(hc, &cc, &rc); printf("CMIT %d\n", (int)rc);
	disc(&hc, &cc, &rc); printf("DISC %d\n", (int)rc);
	return 0;
}
C
cc -std=c99 $san -I"$top/include" -o dl dl.c -ldl || fail "cannot build the dlopen program"
ldd ./dl | grep -q libmqm && fail "the dlopen program is linked with libmqm"
run 0 env LD_LIBRARY_PATH="$QUIRE_BUILD/lib" ./dl QA A.Q
has "PUT 0"
has "CMIT 0"
has "DISC 0"
run 0 "$T/mqi_tool" QA get A.Q 1
[ "$OUT" = "dlopen!" ] || fail "the program linked with -lmqm_r got '$OUT'"
run 0 endmqm -w QA
sanitizer_check
exit 0
