# libmqm against a real queue manager: connecting and its reason codes, a
# program linked with -lmqm_r and one that loads libmqm_r.so with dlopen,
# MQRC_ALREADY_CONNECTED, fork, and what a waiting MQGET gets when the queue
# manager ends controlled (2161), immediately (2162) or dies (2009).
. "$(dirname "$0")/lib.sh"

top=$(dirname "$QUIRE_BUILD")
inc="$top/include"
lib="$QUIRE_BUILD/lib"
san=$(san_cflags)
trap 'endmqm -i QM1 >/dev/null 2>&1' EXIT

cat >mqiconn.c <<'EOF'
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmqc.h>

static MQLONG cc, rc;
static void say(const char *what) { printf("%s %d %d\n", what, (int)cc, (int)rc); fflush(stdout); }

int main(int argc, char **argv)
{
	MQHCONN h = MQHC_UNUSABLE_HCONN, h2;
	const char *mode = argv[1], *qm = argc > 2 ? argv[2] : "";
	MQCONN((PMQCHAR)qm, &h, &cc, &rc); say("CONN");
	if (cc == MQCC_FAILED)
		return 0;
	if (!strcmp(mode, "twice")) {
		MQCONN((PMQCHAR)qm, &h2, &cc, &rc); say("CONN2");
		printf("SAME %d\n", h2 == h);
		MQDISC(&h, &cc, &rc); say("DISC");
		printf("HCONN %d\n", (int)h);
		MQCMIT(h2, &cc, &rc); say("CMIT");
	} else if (!strcmp(mode, "fork")) {
		pid_t pid = fork();
		if (pid == 0) {
			MQCMIT(h, &cc, &rc); say("CHILD");
			_exit(0);
		}
		waitpid(pid, NULL, 0);
		MQCMIT(h, &cc, &rc); say("CMIT");
		MQDISC(&h, &cc, &rc); say("DISC");
	} else if (!strcmp(mode, "wait")) {
		MQOD od = {MQOD_DEFAULT};
		MQMD md = {MQMD_DEFAULT};
		MQGMO gmo = {MQGMO_DEFAULT};
		MQHOBJ o;
		MQLONG dl;
		char buf[16];
		strcpy(od.ObjectName, "SYSTEM.DEFAULT.LOCAL.QUEUE");
		MQOPEN(h, &od, MQOO_INPUT_AS_Q_DEF, &o, &cc, &rc); say("OPEN");
		gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT | (argc > 3 ? MQGMO_FAIL_IF_QUIESCING : 0);
		gmo.WaitInterval = MQWI_UNLIMITED;
		printf("WAITING\n"); fflush(stdout);
		MQGET(h, o, &md, &gmo, sizeof buf, buf, &dl, &cc, &rc); say("GET");
		MQCMIT(h, &cc, &rc); say("CMIT");
		MQDISC(&h, &cc, &rc); say("DISC");
	} else {
		MQDISC(&h, &cc, &rc); say("DISC");
		printf("HCONN %d\n", (int)h);
	}
	return 0;
}
EOF
cat >mqidl.c <<'EOF'
#include <dlfcn.h>
#include <stdio.h>
#include <cmqc.h>
int main(void)
{
	void *lib = dlopen("libmqm_r.so", RTLD_NOW);
	MQHCONN h;
	MQLONG cc, rc;
	if (!lib) { printf("DLOPEN %s\n", dlerror()); return 1; }
	PMQ_CONN_CALL conn = (PMQ_CONN_CALL)dlsym(lib, "MQCONN");
	PMQ_DISC_CALL disc = (PMQ_DISC_CALL)dlsym(lib, "MQDISC");
	printf("INTERNAL %s\n", dlsym(lib, "mqm_call") || dlsym(lib, "mqs_load") ? "visible" : "hidden");
	conn("", &h, &cc, &rc); printf("CONN %d %d\n", (int)cc, (int)rc);
	if (cc != MQCC_FAILED) { disc(&h, &cc, &rc); printf("DISC %d %d\n", (int)cc, (int)rc); }
	return 0;
}
EOF
# the compile lines of qm/mqi/README.md
run 0 cc -std=c99 -Wall -Wextra -Werror $san -I"$inc" mqiconn.c -L"$lib" -Wl,-rpath,"$lib" -lmqm_r -o mqiconn
run 0 cc -std=c99 -Wall -Wextra -Werror $san -I"$inc" mqidl.c -ldl -o mqidl

note "no queue managers at all; one that is not running; one that is not known"
run 0 ./mqiconn conn
has "CONN 2 2058"
run 0 crtmqm -q QM1
run 0 ./mqiconn conn QM1
has "CONN 2 2059"
run 0 ./mqiconn conn NOPE
has "CONN 2 2058"

note "connect and disconnect, by name and as the default"
run 0 strmqm QM1
run 0 ./mqiconn conn QM1
has "CONN 0 0"
has "DISC 0 0"
has "HCONN -1"
run 0 ./mqiconn conn
has "CONN 0 0"
run 0 env LD_LIBRARY_PATH="$lib" ./mqidl
has "INTERNAL hidden"
has "CONN 0 0"
has "DISC 0 0"

note "the same thread again: 2002 and the same handle; after MQDISC the handle is dead"
run 0 ./mqiconn twice QM1
has "CONN2 1 2002"
has "SAME 1"
has "HCONN -1"
has "CMIT 2 2018"

note "a child process may not use its parent's connection"
run 0 ./mqiconn fork QM1
has "CHILD 2 2018"
has "CMIT 0 0"

note "endmqm -c: a waiting MQGET with FAIL_IF_QUIESCING gets 2161, the application ends normally"
timeout 60 ./mqiconn wait QM1 fiq >w1.out 2>&1 &
app=$!
wait_line 10 w1.out WAITING
run 0 endmqm -c QM1
wait $app
OUT=$(cat w1.out)
has "GET 2 2161"
has "CMIT 0 0"
has "DISC 0 0"
# QM1 ends once its last application has left
wait_for 10 '[ "$(qm_status QM1)" = "Ended normally" ]'

note "endmqm -i: the waiting MQGET gets 2162, and so does everything after it"
run 0 strmqm QM1
timeout 60 ./mqiconn wait QM1 >w2.out 2>&1 &
app=$!
wait_line 10 w2.out WAITING
run 0 endmqm -i QM1
wait $app
OUT=$(cat w2.out)
has "GET 2 2162"
has "CMIT 2 2162"
has "DISC 2 2162"

note "the queue manager dies: 2009"
run 0 strmqm QM1
timeout 60 ./mqiconn wait QM1 >w3.out 2>&1 &
app=$!
wait_line 10 w3.out WAITING
pid=$(qm_pid QM1)
[ -n "$pid" ] || fail "no PID in qmstatus.ini"
kill -9 "$pid"
wait $app
OUT=$(cat w3.out)
has "GET 2 2009"
has "CMIT 2 2009"
has "DISC 2 2009"
run 0 ./mqiconn conn QM1
has "CONN 2 2059"
