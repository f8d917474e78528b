/*
 * test_sdnotify.c: what the queue manager process tells systemd
 * (qm/server/sdnotify.h), received on a fake NOTIFY_SOCKET bound here with
 * SO_PASSCRED, as systemd binds its own:
 *   - NOTIFY_SOCKET unset or empty: nothing at all (no descriptor, the
 *     environment as it was); an address kind not served (vsock:, a relative
 *     name): nothing sent;
 *   - a path and an abstract name ('@'): MAINPID (this process, which the
 *     kernel's credentials confirm) with the first STATUS; NOTIFY_SOCKET taken
 *     out of the environment;
 *   - the startup events as STATUS lines: a phase with its AMQ id, the load's
 *     and the replay's progress (queues of the catalog, messages; records, LSN,
 *     share done), rate-limited but for phases, each with EXTEND_TIMEOUT_USEC
 *     until READY; a failure with its detail; READY=1 with the restart's
 *     summary, and nothing of the start after it; STOPPING=1 with how;
 *   - the journal: JOURNAL_STREAM matching stderr or not, and the error log's
 *     echo ("<3>AMQnnnnE: ..." one line per entry; none by default);
 *   - a manager gone (nothing bound): sends fail at once, READY too; one that
 *     does not read: one STATUS line waits SDN_SEND_WAIT_MS, the next ones
 *     not at all, READY still does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "log/qmerr.h"
#include "qm/home/errlog.h"
#include "qm/home/msgcat.h"
#include "qm/qmrun.h"
#include "qm/server/daemon.h"
#include "qm/server/sdnotify.h"
#include "tests/unit/scratch.h"

/* The fake service manager's socket. */
struct mgr {
	int fd;
	char addr[108];
	char dir[256];
};

static void mgr_bind(struct mgr *m, int abstract)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	socklen_t len;
	m->dir[0] = 0;
	if (abstract) {
		snprintf(m->addr, sizeof m->addr, "@quire-test-sdn-%ld", (long)getpid());
		memcpy(sa.sun_path, m->addr, strlen(m->addr));
		sa.sun_path[0] = 0;
		len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(m->addr));
	} else {
		ut_scratch_dir("sdn", m->dir, sizeof m->dir);
		snprintf(m->addr, sizeof m->addr, "%s/notify", m->dir);
		snprintf(sa.sun_path, sizeof sa.sun_path, "%s", m->addr);
		len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(m->addr) + 1);
	}
	m->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	assert_true(m->fd >= 0);
	int one = 1;
	assert_int_equal(setsockopt(m->fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof one), 0);
	assert_int_equal(bind(m->fd, (struct sockaddr *)&sa, len), 0);
	assert_int_equal(setenv("NOTIFY_SOCKET", m->addr, 1), 0);
}

static void mgr_close(struct mgr *m)
{
	close(m->fd);
	if (m->dir[0])
		ut_rm_tree(m->dir);
}

/* The next datagram into buf (NUL-terminated) and its sender's pid; 0 when
 * none came within ms. */
static int mgr_recv(struct mgr *m, char *buf, size_t n, long *pid, int ms)
{
	struct pollfd pf = { .fd = m->fd, .events = POLLIN };
	if (poll(&pf, 1, ms) != 1)
		return 0;
	union {
		struct cmsghdr h;
		char space[CMSG_SPACE(sizeof(struct ucred))];
	} ctl;
	struct iovec iov = { buf, n - 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = &ctl, .msg_controllen = sizeof ctl };
	ssize_t k = recvmsg(m->fd, &mh, 0);
	assert_true(k > 0);
	buf[k] = 0;
	*pid = 0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
			struct ucred u;
			memcpy(&u, CMSG_DATA(c), sizeof u);
			*pid = (long)u.pid;
		}
	return 1;
}

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	assert_non_null(d);
	int n = 0;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static struct qm *fake_qm(void)
{
	struct qm *qm = qm_new(-1);
	assert_non_null(qm);
	snprintf(qm->paths.name, sizeof qm->paths.name, "QM1");
	return qm;
}

static void test_sdnotify__unset_or_empty_does_nothing(void **st)
{
	(void)st;
	struct qm *qm = fake_qm();
	for (int empty = 0; empty < 2; empty++) {
		if (empty)
			assert_int_equal(setenv("NOTIFY_SOCKET", "", 1), 0);
		else
			unsetenv("NOTIFY_SOCKET");
		int before = count_fds();
		struct sdnotify s;
		assert_int_equal(sdn_open(&s), QM_OK);
		assert_int_equal(s.fd, -1);
		assert_int_equal(count_fds(), before);   /* no socket made */
		sdn_starting(&s, qm);
		struct qm_event ev = { .kind = QM_EV_PHASE, .msgid = AMQ_REPLAY_COMPLETE, .ins = { "QM1" }, .nins = 1 };
		sdn_watch(qm, &ev, &s);
		sdn_ready(&s, qm);
		qm->state = QM_STOPPING;
		sdn_stopping(&s, qm);
		sdn_ended(&s, "Ended normally");
		assert_int_equal(sdn_send(&s, 1, "READY=1\n"), QM_OK);
		assert_int_equal(s.sent, 0);
		assert_int_equal(count_fds(), before);
		/* the environment as it was */
		const char *e = getenv("NOTIFY_SOCKET");
		if (empty)
			assert_true(e && !*e);
		else
			assert_null(e);
		sdn_close(&s);
	}
	unsetenv("NOTIFY_SOCKET");
	free(qm);
}

static void test_sdnotify__address_kinds_not_served_send_nothing(void **st)
{
	(void)st;
	const char *bad[] = { "vsock:2:1234", "relative/notify" };
	for (int i = 0; i < 2; i++) {
		assert_int_equal(setenv("NOTIFY_SOCKET", bad[i], 1), 0);
		struct sdnotify s;
		assert_int_equal(sdn_open(&s), QM_OK);
		assert_int_equal(s.fd, -1);
		assert_null(getenv("NOTIFY_SOCKET"));
		assert_int_equal(sdn_send(&s, 0, "READY=1\n"), QM_OK);
		assert_int_equal(s.sent, 0);
	}
}

/* sdn_starting's datagram on a socket of each kind: MAINPID is this process,
 * as the kernel's credentials say too. */
static void starting_on(int abstract)
{
	struct mgr m;
	mgr_bind(&m, abstract);
	struct sdnotify s;
	assert_int_equal(sdn_open(&s), QM_OK);
	assert_true(s.fd >= 0);
	assert_null(getenv("NOTIFY_SOCKET"));   /* nothing started after us speaks for the service */
	struct qm *qm = fake_qm();
	sdn_starting(&s, qm);
	char buf[2048], want[256];
	long pid;
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	assert_int_equal(pid, (long)getpid());
	snprintf(want, sizeof want,
		 "MAINPID=%ld\nSTATUS=Queue manager QM1 starting: restart recovery\nEXTEND_TIMEOUT_USEC=120000000\n",
		 (long)getpid());
	assert_string_equal(buf, want);
	assert_int_equal(s.sent, 1);
	sdn_close(&s);
	free(qm);
	mgr_close(&m);
}

static void test_sdnotify__path_socket(void **st)
{
	(void)st;
	starting_on(0);
}

static void test_sdnotify__abstract_socket(void **st)
{
	(void)st;
	starting_on(1);
}

static void test_sdnotify__start_events_become_status_lines(void **st)
{
	(void)st;
	struct mgr m;
	mgr_bind(&m, 1);
	assert_int_equal(setenv("QUIRE_PROGRESS_MS", "0", 1), 0);   /* every progress event a line */
	struct sdnotify s;
	assert_int_equal(sdn_open(&s), QM_OK);
	unsetenv("QUIRE_PROGRESS_MS");
	struct qm *qm = fake_qm();
	char buf[2048];
	long pid;

	/* a phase: its message with the AMQ id; the timeout extended */
	struct qm_event ph = { .kind = QM_EV_PHASE, .msgid = AMQ_REPLAY_COMPLETE, .ins = { "QM1" }, .nins = 1 };
	sdn_watch(qm, &ph, &s);
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	char text[600];
	msgcat_format(text, sizeof text, AMQ_REPLAY_COMPLETE, ph.ins, 1);
	assert_true(strncmp(text, "AMQ7230I: ", 10) == 0);
	char want[800];
	snprintf(want, sizeof want, "STATUS=%s\nEXTEND_TIMEOUT_USEC=120000000\n", text);
	assert_string_equal(buf, want);

	/* the load: queues of the catalog, messages */
	qm_watch(qm, sdn_watch, &s);
	qm_progress(qm, QM_PROG_LOAD, 3, 10, 12345, 0, 0, 0);
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	assert_string_equal(buf, "STATUS=Restart recovery of QM1: loading queues, 3 of 10 objects loaded, 12345 messages\n"
				 "EXTEND_TIMEOUT_USEC=120000000\n");
	qm_progress(qm, QM_PROG_LOAD, 10, 10, 20000, 0, 0, 0);
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	assert_non_null(strstr(buf, "10 of 10 objects loaded, 20000 messages"));

	/* the replay: records, the LSN reached of the end, the share done */
	qm_progress(qm, QM_PROG_REPLAY, 8192, 0, 0, 0x3000, 0x1000, 0x5000);
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	assert_string_equal(buf, "STATUS=Restart recovery of QM1: log replay, 8192 records, at LSN 0000:0000:0000:3000 of "
				 "0000:0000:0000:5000 (50%)\nEXTEND_TIMEOUT_USEC=120000000\n");
	qm_progress(qm, QM_PROG_REPLAY, 9000, 0, 0, 0x5000, 0x1000, 0x5000);
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	assert_non_null(strstr(buf, "9000 records, at LSN 0000:0000:0000:5000 of 0000:0000:0000:5000 (100%)"));

	/* rate-limited: a second progress event within the period is not sent,
	 * but a phase, the load's last object and a pass's end always are */
	s.every_ms = 60000;
	s.next_ms = 0;
	qm_progress(qm, QM_PROG_REPLAY, 9100, 0, 0, 0x4000, 0x1000, 0x5000);
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	qm_progress(qm, QM_PROG_REPLAY, 9150, 0, 0, 0x4100, 0x1000, 0x5000);
	qm_progress(qm, QM_PROG_LOAD, 9, 10, 20000, 0, 0, 0);
	assert_false(mgr_recv(&m, buf, sizeof buf, &pid, 100));
	qm_progress(qm, QM_PROG_LOAD, 10, 10, 20000, 0, 0, 0);
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	assert_non_null(strstr(buf, "10 of 10 objects loaded"));
	qm_progress(qm, QM_PROG_REPLAY, 9200, 0, 0, 0x5000, 0x1000, 0x5000);
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	assert_non_null(strstr(buf, "9200 records, at LSN 0000:0000:0000:5000 of 0000:0000:0000:5000 (100%)"));
	qm_phase(qm, AMQ_TXN_STATE_RECOVERED, "QM1", (const char *)NULL);
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	assert_true(strncmp(buf, "STATUS=AMQ7232I: ", 17) == 0);

	/* READY=1 with the summary (the last counts seen), no more extension */
	sdn_ready(&s, qm);
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	assert_true(strncmp(buf, "READY=1\nSTATUS=Running: queue manager QM1 accepts connections; restart recovery "
				 "replayed 9200 log records, loaded 10 objects with 20000 messages, in ", 140) == 0);
	assert_null(strstr(buf, "EXTEND_TIMEOUT_USEC"));
	/* after it, the start is over: a queue reloaded at run time says nothing */
	qm_progress(qm, QM_PROG_LOAD, 1, 10, 5, 0, 0, 0);
	qm_phase(qm, AMQ_REPLAY_COMPLETE, "QM1", (const char *)NULL);
	assert_false(mgr_recv(&m, buf, sizeof buf, &pid, 100));

	/* the end: STOPPING=1 and how, then how it ended */
	qm->state = QM_QUIESCING;
	sdn_stopping(&s, qm);
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	assert_string_equal(buf, "STOPPING=1\nSTATUS=Ending: controlled, once the applications have disconnected\n");
	qm->state = QM_STOPPING;
	sdn_stopping(&s, qm);
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	assert_string_equal(buf, "STOPPING=1\nSTATUS=Ending immediately\n");
	sdn_ended(&s, "Ended immediately");
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	assert_string_equal(buf, "STATUS=Ended immediately\n");
	assert_int_equal(pid, (long)getpid());
	sdn_close(&s);
	free(qm);
	mgr_close(&m);
}

static void test_sdnotify__a_failed_start_says_why(void **st)
{
	(void)st;
	struct mgr m;
	mgr_bind(&m, 0);
	struct sdnotify s;
	assert_int_equal(sdn_open(&s), QM_OK);
	struct qm *qm = fake_qm();
	qm_watch(qm, sdn_watch, &s);
	qm_start_fail(qm, 23, "extent S0000000.LOG\nis missing", AMQ_LOG_NOT_AVAILABLE, "QM1", "no log", (const char *)NULL);
	char buf[2048];
	long pid;
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 2000));
	assert_true(strncmp(buf, "STATUS=AMQ7017S: ", 17) == 0 || strncmp(buf, "STATUS=AMQ7017E: ", 17) == 0);
	/* one STATUS line: the detail's newline became a space */
	assert_non_null(strstr(buf, " (extent S0000000.LOG is missing)\nEXTEND_TIMEOUT_USEC=120000000\n"));
	assert_int_equal(s.sent, 1);
	sdn_close(&s);
	free(qm);
	mgr_close(&m);
}

/* A manager that has gone (nothing bound at the address): every send fails at
 * once, READY's wait included, and the queue manager goes on. */
static void test_sdnotify__a_manager_gone_costs_nothing(void **st)
{
	(void)st;
	char addr[64];
	snprintf(addr, sizeof addr, "@quire-test-sdn-gone-%ld", (long)getpid());
	assert_int_equal(setenv("NOTIFY_SOCKET", addr, 1), 0);
	struct sdnotify s;
	assert_int_equal(sdn_open(&s), QM_OK);
	assert_true(s.fd >= 0);
	struct qm *qm = fake_qm();
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(sdn_send(&s, 1, "READY=1\n"), QM_EIO);
	sdn_starting(&s, qm);
	sdn_ready(&s, qm);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 < 500);
	assert_int_equal(s.sent, 0);
	sdn_close(&s);
	free(qm);
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A manager that does not read: its socket's queue full, a STATUS line waits
 * SDN_SEND_WAIT_MS once, later ones not at all, READY and STOPPING still wait;
 * once it reads again, lines go and wait again. */
static void test_sdnotify__a_manager_stuck_slows_one_line(void **st)
{
	(void)st;
	struct mgr m;
	mgr_bind(&m, 1);
	struct sdnotify s;
	assert_int_equal(sdn_open(&s), QM_OK);
	struct qm *qm = fake_qm();
	int n = 0;
	while (sdn_send(&s, 0, "STATUS=filler\n") == QM_OK && n < 100000)
		n++;
	assert_true(n > 0 && n < 100000);
	qm_watch(qm, sdn_watch, &s);
	int64_t t0 = now_ms();
	qm_phase(qm, AMQ_REPLAY_COMPLETE, "QM1", (const char *)NULL);
	int64_t t1 = now_ms();
	assert_true(t1 - t0 >= SDN_SEND_WAIT_MS - 50);
	assert_int_equal(s.stuck, 1);
	qm_phase(qm, AMQ_REPLAY_COMPLETE, "QM1", (const char *)NULL);
	qm_progress(qm, QM_PROG_LOAD, 10, 10, 0, 0, 0, 0);
	int64_t t2 = now_ms();
	assert_true(t2 - t1 < 300);
	sdn_ready(&s, qm);
	assert_true(now_ms() - t2 >= SDN_SEND_WAIT_MS - 50);
	assert_int_equal((int)s.sent, n);
	/* it reads again: the next line goes */
	char buf[2048];
	long pid;
	for (int i = 0; i < n; i++)
		assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 1000));
	sdn_ended(&s, "Ended normally");
	assert_true(mgr_recv(&m, buf, sizeof buf, &pid, 1000));
	assert_string_equal(buf, "STATUS=Ended normally\n");
	assert_int_equal(s.stuck, 0);
	sdn_close(&s);
	free(qm);
	mgr_close(&m);
}

static void test_sdnotify__journal_stream_and_errlog_echo(void **st)
{
	(void)st;
	struct stat sb;
	assert_int_equal(fstat(2, &sb), 0);
	char v[64];
	unsetenv("JOURNAL_STREAM");
	assert_false(sdn_journal_stderr());
	snprintf(v, sizeof v, "%llu:%llu", (unsigned long long)sb.st_dev, (unsigned long long)sb.st_ino);
	assert_int_equal(setenv("JOURNAL_STREAM", v, 1), 0);
	assert_true(sdn_journal_stderr());
	snprintf(v, sizeof v, "%llu:%llu", (unsigned long long)sb.st_dev, (unsigned long long)sb.st_ino + 1);
	assert_int_equal(setenv("JOURNAL_STREAM", v, 1), 0);
	assert_false(sdn_journal_stderr());
	unsetenv("JOURNAL_STREAM");

	/* the echo: one line per entry, with its priority; a stream socket as the
	 * journal's is */
	char dir[256];
	ut_scratch_dir("sdnlog", dir, sizeof dir);
	struct errlog el;
	assert_int_equal(errlog_open(&el, dir, "QM1", 0), QM_OK);
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	ERRLOG(&el, AMQ_OBJECT_DAMAGED, "APP.Q", "qlocal");   /* no echo by default */
	char buf[4096];
	assert_true(read(sv[0], buf, sizeof buf) < 0);
	errlog_echo(sv[1]);
	ERRLOG(&el, AMQ_OBJECT_DAMAGED, "APP.Q", "qlocal");
	ERRLOG(&el, AMQ_REPLAY_COMPLETE, "QM1");
	ERRLOG(&el, AMQ_LOG_NOT_AVAILABLE, "QM1", "a reason\nin two lines");
	errlog_echo(-1);
	ERRLOG(&el, AMQ_REPLAY_COMPLETE, "QM1");
	ssize_t k = read(sv[0], buf, sizeof buf - 1);
	assert_true(k > 0);
	buf[k] = 0;
	char l1[600], l2[600], want[1300];
	const char *i1[] = { "APP.Q", "qlocal" }, *i2[] = { "QM1" };
	msgcat_format(l1, sizeof l1, AMQ_OBJECT_DAMAGED, i1, 2);
	msgcat_format(l2, sizeof l2, AMQ_REPLAY_COMPLETE, i2, 1);
	assert_true(strncmp(l1, "AMQ7472W: ", 10) == 0);
	snprintf(want, sizeof want, "<4>%s\n<6>%s\n<2>AMQ7017S: The log of queue manager 'QM1' is not available: a "
		 "reason in two lines.\n", l1, l2);
	assert_string_equal(buf, want);
	/* the file has all four */
	struct errlog *elp = &el;
	char path[PATH_MAX + 32];
	assert_int_equal(errlog_file_path(elp, 1, path, sizeof path), QM_OK);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	int n = 0;
	while (fgets(buf, sizeof buf, f))
		n += strncmp(buf, "AMQ7472W", 8) == 0 || strncmp(buf, "AMQ7230I", 8) == 0 || strncmp(buf, "AMQ7017S", 8) == 0;
	fclose(f);
	assert_int_equal(n, 5);
	close(sv[0]);
	close(sv[1]);
	ut_rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sdnotify__unset_or_empty_does_nothing),
		cmocka_unit_test(test_sdnotify__address_kinds_not_served_send_nothing),
		cmocka_unit_test(test_sdnotify__path_socket),
		cmocka_unit_test(test_sdnotify__abstract_socket),
		cmocka_unit_test(test_sdnotify__start_events_become_status_lines),
		cmocka_unit_test(test_sdnotify__a_failed_start_says_why),
		cmocka_unit_test(test_sdnotify__a_manager_gone_costs_nothing),
		cmocka_unit_test(test_sdnotify__a_manager_stuck_slows_one_line),
		cmocka_unit_test(test_sdnotify__journal_stream_and_errlog_echo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
