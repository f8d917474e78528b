/*
 * daemon.c: the queue manager process: start, the event loop, the end.
 *
 * Process model.  strmqm forks and the child re-executes the strmqm binary
 * (/proc/self/exe) as "amqzxma0 --qmgr-run QM FD" (cmds/strmqm.c), which calls
 * qm_daemon_main.  The process is a session leader (setsid, done by strmqm
 * before the exec) and reports its start on the pipe FD, one line each:
 *   "I <text>"          a progress line strmqm prints (log replay ...)
 *   "E <code> <text>"   the start failed: strmqm prints text (an AMQ message)
 *                       and, after it, the "D <detail>" lines that follow,
 *                       then exits with code when the pipe closes
 *   "R"                 accepting connections: strmqm exits 0
 * then points stdin, stdout and stderr at /dev/null and closes the pipe.
 *
 * Start order: qmgr_lock (the data folder), qmstatus.ini "Starting", qm.ini,
 * the error log, log_open (which locks the log folder), the queue manager
 * object and catalog, the queue files, log replay, units of work resolved,
 * QMGR_START, a checkpoint, then the socket <data>/@ipcc/quire.sock (mode
 * 0660), qmstatus.ini "Running", AMQ8003 and "R".
 *
 * The loop (one thread, epoll): the listening socket, the connections, an
 * eventfd the log writer's notify hook writes after every flush (mqi_log_durable
 * then sends the replies parked on it), and a signalfd (SIGTERM: end
 * immediately).  The epoll timeout serves the parked MQGETs' wait intervals
 * and the time-based checkpoint.
 *
 * The end (qm_loop_maybe_end decides when; see qm/qmrun.h for the states):
 * AMQ7891 in the error log, qm_shutdown (back out, checkpoint, QMGR_STOP),
 * log_close, qmstatus.ini "Ended normally/immediately/preemptively", AMQ8004,
 * the socket removed, the lock released, and only then the connections
 * closed: endmqm -w, which waits for its connection to close, thus returns
 * once the queue manager can be started again.
 *
 * A failed log (WAL rule 8) ends the process at once without writing any
 * queue file: "Ended unexpectedly", exit code 1; restart recovery runs at the
 * next strmqm.
 */
#include "qm/qmrun.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/server/conn.h"
#include "qm/server/mqiserv.h"
#include "qm/home/msgcat.h"
#include "qm/proto.h"

static char tag_listen, tag_event, tag_signal;

int64_t qm_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void qm_ready_say(struct qm *qm, char kind, int code, const char *text)
{
	if (qm->readyfd < 0)
		return;
	char line[1200];
	int n = kind == 'E' ? snprintf(line, sizeof line, "E %d %s\n", code, text)
			    : snprintf(line, sizeof line, "%c %s\n", kind, text ? text : "");
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line)
		n = (int)sizeof line - 1, line[n - 1] = '\n';
	const char *p = line;
	while (n > 0) {
		ssize_t k = write(qm->readyfd, p, (size_t)n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return;
		p += k;
		n -= (int)k;
	}
}

void qm_start_fail(struct qm *qm, int code, const char *detail, int msgid, ...)
{
	const char *ins[9];
	int n = 0;
	va_list ap;
	va_start(ap, msgid);
	const char *x;
	while (n < 9 && (x = va_arg(ap, const char *)) != NULL)
		ins[n++] = x;
	va_end(ap);
	char line[1024];
	msgcat_format(line, sizeof line, msgid, ins, n);
	qm_ready_say(qm, 'E', code, line);
	if (detail && *detail)
		qm_ready_say(qm, 'D', 0, detail);
}

/* The log writer thread calls this after every flush: wake the loop. */
static void log_notify(void *arg, uint64_t durable_lsn, int failed)
{
	(void)durable_lsn;
	(void)failed;
	struct qm *qm = arg;
	if (!failed && pthread_equal(pthread_self(), qm->loop_thread))
		return;   /* the loop flushed inline and delivers the replies itself */
	uint64_t one = 1;
	ssize_t k = write(qm->evfd, &one, sizeof one);
	(void)k;
}

/* ---- ending ------------------------------------------------------------------- */

void qm_loop_maybe_end(struct qm *qm)
{
	switch (qm->state) {
	case QM_QUIESCING:
		if (qm->napps == 0)
			qm->state = QM_ENDED;
		break;
	case QM_STOPPING:
		if (!qm->pend_head)
			qm->state = QM_ENDED;
		break;
	case QM_PREEMPTING:
		qm->state = QM_ENDED;
		break;
	default:
		break;
	}
}

void qm_admin_stop(struct qm *qm, struct conn *c, uint32_t mode)
{
	if (c && c->uid != qm->uid) {
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_NOT_AUTHORIZED);
		conn_done(qm, c);
		return;
	}
	if (mode < PROTO_STOP_CONTROLLED || mode > PROTO_STOP_PREEMPTIVE) {
		if (c) {
			conn_reply_codes(qm, c, MQCC_FAILED, MQRC_OPTIONS_ERROR);
			conn_done(qm, c);
		}
		return;
	}
	if (c) {
		c->is_admin = 1;
		conn_reply_codes(qm, c, MQCC_OK, MQRC_NONE);
		conn_done(qm, c);
	}
	enum qm_state want = mode == PROTO_STOP_PREEMPTIVE ? QM_PREEMPTING
			     : mode == PROTO_STOP_IMMEDIATE ? QM_STOPPING : QM_QUIESCING;
	if (want <= qm->state)
		return;   /* already ending at least as fast */
	qm->state = want;
	qm->stop_mode = (int)mode;
	switch (want) {
	case QM_QUIESCING:
		qmgr_status_write(&qm->paths, QMS_QUIESCING, qm->pid);
		ERRLOG(&qm->el, AMQ_QUIESCE_ACCEPTED, qm->paths.name);
		mqi_fail_waits(qm, MQRC_Q_MGR_QUIESCING, 1);
		break;
	case QM_STOPPING:
		qmgr_status_write(&qm->paths, QMS_ENDING_IMMEDIATELY, qm->pid);
		ERRLOG(&qm->el, AMQ_END_IMMEDIATE_ACCEPTED, qm->paths.name);
		mqi_fail_waits(qm, MQRC_Q_MGR_STOPPING, 0);
		break;
	default:
		qmgr_status_write(&qm->paths, QMS_ENDING_PREEMPTIVELY, qm->pid);
		ERRLOG(&qm->el, AMQ_END_PREEMPTIVE_ACCEPTED, qm->paths.name);
		mqi_fail_waits(qm, MQRC_Q_MGR_STOPPING, 0);
		for (struct conn *x = qm->conns, *nx; x; x = nx) {
			nx = x->next;
			if (!x->is_admin)
				conn_fail(qm, x);
		}
		break;
	}
	qm_loop_maybe_end(qm);
}

/* ---- the socket ----------------------------------------------------------------- */

static int listen_socket(struct qm *qm, char *err, size_t n)
{
	char dir[PATH_MAX + 16];
	snprintf(dir, sizeof dir, "%s/%s", qm->paths.data_dir, PROTO_SOCK_DIR);
	if (mkdir(dir, 0770) != 0 && errno != EEXIST) {
		snprintf(err, n, "cannot create %s: %s", dir, strerror(errno));
		return QM_EIO;
	}
	struct sockaddr_un sa;
	int dirfd;
	if (proto_sock_addr(qm->paths.data_dir, &sa, &dirfd) != QM_OK) {
		snprintf(err, n, "cannot reach %s: %s", dir, strerror(errno));
		return QM_EIO;
	}
	unlink(sa.sun_path);   /* a socket left by a process that died: we hold the lock */
	qm->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	mode_t old = umask(0117);
	int rc = qm->lfd < 0 ? -1 : bind(qm->lfd, (struct sockaddr *)&sa, sizeof sa);
	umask(old);
	if (rc == 0)
		rc = listen(qm->lfd, 512);
	int e = errno;
	if (dirfd >= 0)
		close(dirfd);
	if (rc != 0) {
		snprintf(err, n, "cannot listen on %s/%s: %s", dir, PROTO_SOCK_NAME, strerror(e));
		return QM_EIO;
	}
	return QM_OK;
}

static void unlink_socket(struct qm *qm)
{
	struct sockaddr_un sa;
	int dirfd;
	if (proto_sock_addr(qm->paths.data_dir, &sa, &dirfd) == QM_OK)
		unlink(sa.sun_path);
	if (dirfd >= 0)
		close(dirfd);
}

static int add_fd(struct qm *qm, int fd, void *tag)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = tag };
	return epoll_ctl(qm->epfd, EPOLL_CTL_ADD, fd, &ev);
}

/* ---- descriptors ------------------------------------------------------------------- */

/* Descriptors the process keeps for itself beyond its connections: the log's
 * extents, queue and object files written at checkpoints, the error log, the
 * lock, epoll, eventfd, signalfd, the listening socket and the reserve. */
#define QM_FD_HEADROOM 64u

/* At start: the soft descriptor limit raised to the hard one, the connection
 * limit that leaves QM_FD_HEADROOM (and the log's extents) free, and the
 * reserve descriptor that lets a connection be refused at EMFILE (conn.c). */
static void fd_limits(struct qm *qm)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	rlim_t cur = rl.rlim_cur == RLIM_INFINITY ? (rlim_t)1 << 20 : rl.rlim_cur;
	rlim_t keep = QM_FD_HEADROOM + (rlim_t)qm->cfg.log.primary_files + (rlim_t)qm->cfg.log.secondary_files;
	rlim_t max = cur > keep + 1 ? cur - keep : 1;
	qm->max_conns = max > 1000000 ? 1000000u : (unsigned)max;
	conn_reserve_take(qm);
}

/* No connection could be accepted nor refused (not even the reserve was
 * left): stop watching the listening socket for a moment rather than spin
 * on it; the timeout of the loop turns it on again. */
#define QM_ACCEPT_PAUSE_MS 100

static void accept_pause(struct qm *qm, int64_t now)
{
	if (qm->accept_resume_ms)
		return;
	epoll_ctl(qm->epfd, EPOLL_CTL_DEL, qm->lfd, NULL);
	qm->accept_resume_ms = now + QM_ACCEPT_PAUSE_MS;
}

static void accept_resume(struct qm *qm, int64_t now)
{
	if (!qm->accept_resume_ms || now < qm->accept_resume_ms)
		return;
	qm->accept_resume_ms = 0;
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &tag_listen };
	epoll_ctl(qm->epfd, EPOLL_CTL_ADD, qm->lfd, &ev);
}

/* ---- the loop --------------------------------------------------------------------- */

static int64_t ckpt_deadline(struct qm *qm)
{
	if (!qm->ops_since_ckpt)
		return INT64_MAX;
	return qm->last_ckpt_ms + (int64_t)qm->cfg.tuning.checkpoint_seconds * 1000;
}

static void loop(struct qm *qm, int sigfd)
{
	struct epoll_event ev[64];
	while (qm->state != QM_ENDED && !qm->log_failed) {
		int64_t now = qm_now_ms();
		int64_t next = mqi_timer(qm, now);
		if (qm_checkpoint_due(qm, now))
			qm_checkpoint(qm);
		if (qm->state == QM_ENDED || qm->log_failed)
			break;
		int64_t ck = ckpt_deadline(qm);
		if (ck < next)
			next = ck;
		accept_resume(qm, now);
		if (qm->accept_resume_ms && qm->accept_resume_ms < next)
			next = qm->accept_resume_ms;
		int timeout = -1;
		if (next != INT64_MAX) {
			int64_t d = next - qm_now_ms();
			timeout = d < 0 ? 0 : d > 60000 ? 60000 : (int)d;
		}
		/* replies parked for the log: when nothing else is ready, this
		 * thread leads the flush itself (no thread switch for a lone
		 * committer); while work keeps coming the log writer flushes
		 * (requested below) and the loop serves the others meanwhile */
		if (qm->pend_head)
			timeout = 0;
		int n = epoll_wait(qm->epfd, ev, 64, timeout);
		if (n < 0 && errno != EINTR)
			break;
		if (n == 0 && qm->pend_head) {
			if (log_flush(qm->lg, qm->pend_tail->lsn) != QM_OK)
				qm->log_failed = 1;
			else
				mqi_log_durable(qm, log_durable_lsn(qm->lg));
		} else if (n > 0 && qm->pend_head) {
			log_request_flush(qm->lg, qm->pend_tail->lsn);
		}
		/* hold every connection of this batch so none is freed under us */
		for (int i = 0; i < n; i++) {
			void *p = ev[i].data.ptr;
			if (p != &tag_listen && p != &tag_event && p != &tag_signal)
				((struct conn *)p)->refs++;
		}
		for (int i = 0; i < n; i++) {
			void *p = ev[i].data.ptr;
			if (p == &tag_listen) {
				for (int k = 0; k < 64; k++) {
					int r = conn_accept(qm);
					if (r == CONN_ACCEPT_STUCK)
						accept_pause(qm, qm_now_ms());
					if (r != CONN_ACCEPT_MORE)
						break;
				}
			} else if (p == &tag_event) {
				uint64_t v;
				ssize_t k = read(qm->evfd, &v, sizeof v);
				(void)k;
				if (log_failed(qm->lg))
					qm->log_failed = 1;
				else
					mqi_log_durable(qm, log_durable_lsn(qm->lg));
			} else if (p == &tag_signal) {
				struct signalfd_siginfo si;
				if (read(sigfd, &si, sizeof si) == (ssize_t)sizeof si && si.ssi_signo == SIGTERM)
					qm_admin_stop(qm, NULL, PROTO_STOP_IMMEDIATE);
			} else {
				struct conn *c = p;
				if (!c->dead && (ev[i].events & EPOLLOUT))
					conn_writable(qm, c);
				if (!c->dead && (ev[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
					conn_readable(qm, c);
			}
		}
		for (int i = 0; i < n; i++) {
			void *p = ev[i].data.ptr;
			if (p != &tag_listen && p != &tag_event && p != &tag_signal)
				conn_unref(qm, p);
		}
		mqi_service_woken(qm);
		conn_reap(qm);
		qm_loop_maybe_end(qm);
	}
}

/* ---- the process ------------------------------------------------------------------ */

static void detach_stdio(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static void free_conns(struct qm *qm)
{
	while (qm->conns) {
		struct conn *c = qm->conns;
		qm->conns = c->next;
		if (c->fd >= 0)
			close(c->fd);
		free(c->rbuf);
		free(c->wbuf);
		free(c->h);
		free(c);
	}
}

struct qm *qm_new(int readyfd)
{
	struct qm *qm = calloc(1, sizeof *qm);
	if (!qm)
		return NULL;
	qm->readyfd = readyfd;
	qm->lockfd = qm->epfd = qm->evfd = qm->lfd = -1;
	for (int i = 0; i < QM_RESERVE_FDS; i++)
		qm->reserve_fd[i] = -1;
	qm->pid = getpid();
	qm->uid = getuid();
	conn_uid_name(qm->uid, qm->user, sizeof qm->user);
	qm->hooks.wake = mqi_wake_hook;
	qm->hooks.expired = qm_msg_expired;
	return qm;
}

int qm_daemon_main(const char *qmname, int readyfd)
{
	struct qm *qm = qm_new(readyfd);
	char err[700];
	if (!qm)
		return 71;
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	int code = 71, sigfd = -1;

	if (qmgr_locate(qmname, &qm->paths, err, sizeof err) != QM_OK) {
		qm_start_fail(qm, 16, err, AMQ_QMGR_UNKNOWN, qmname, NULL);
		free(qm);
		return 16;
	}
	int rc = qmgr_lock(&qm->paths, &qm->lockfd);
	if (rc) {
		qm_start_fail(qm, rc == QM_ELOCKED ? 5 : 71, rc == QM_ELOCKED ? NULL : qm_strerror(rc), AMQ_QMGR_RUNNING,
			      qm->paths.name, NULL);
		free(qm);
		return rc == QM_ELOCKED ? 5 : 71;
	}
	qmgr_status_write(&qm->paths, QMS_STARTING, qm->pid);
	/* before log_open starts the writer thread, which inherits the mask:
	 * SIGTERM is only ever taken by the loop's signalfd */
	sigset_t ss;
	sigemptyset(&ss);
	sigaddset(&ss, SIGTERM);
	sigprocmask(SIG_BLOCK, &ss, NULL);
	if (qm_startup(qm, &code) != QM_OK)
		goto failed;

	fd_limits(qm);
	sigfd = signalfd(-1, &ss, SFD_NONBLOCK | SFD_CLOEXEC);
	qm->epfd = epoll_create1(EPOLL_CLOEXEC);
	qm->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (sigfd < 0 || qm->epfd < 0 || qm->evfd < 0 || listen_socket(qm, err, sizeof err) != QM_OK ||
	    add_fd(qm, qm->lfd, &tag_listen) || add_fd(qm, qm->evfd, &tag_event) || add_fd(qm, sigfd, &tag_signal)) {
		char line[800];
		snprintf(line, sizeof line, "the queue manager cannot accept connections: %s",
			 err[0] ? err : strerror(errno));
		qm_start_fail(qm, 71, line, AMQ_QMGR_NOT_AVAILABLE, qm->paths.name, NULL);
		code = 71;
		qm_shutdown(qm);
		goto failed;
	}
	qm->loop_thread = pthread_self();
	log_set_notify(qm->lg, log_notify, qm);
	qm->state = QM_RUNNING;
	qm->last_ckpt_ms = qm_now_ms();
	qmgr_status_write(&qm->paths, QMS_RUNNING, qm->pid);
	ERRLOG(&qm->el, AMQ_QMGR_STARTED, qm->paths.name, QM_VERSION_TEXT);
	qm_ready_say(qm, 'R', 0, "");
	close(qm->readyfd);
	qm->readyfd = -1;
	detach_stdio();

	loop(qm, sigfd);

	enum qm_status end = qm->stop_mode == PROTO_STOP_PREEMPTIVE ? QMS_ENDED_PREEMPTIVELY
			     : qm->stop_mode == PROTO_STOP_IMMEDIATE ? QMS_ENDED_IMMEDIATELY : QMS_ENDED_NORMALLY;
	code = 0;
	if (qm->log_failed) {
		ERRLOG(&qm->el, AMQ_LOG_NOT_AVAILABLE, qm->paths.name);
		end = QMS_ENDED_UNEXPECTEDLY;
		code = 1;
	} else {
		ERRLOG(&qm->el, AMQ_QMGR_ENDING, qm->paths.name);
		if (qm_shutdown(qm) != QM_OK) {
			end = QMS_ENDED_UNEXPECTEDLY;
			code = 1;
		}
	}
	log_set_notify(qm->lg, NULL, NULL);
	/* what the connections hold, before the queues go (nothing is logged:
	 * every unit of work has been backed out or committed) */
	for (struct conn *c = qm->conns; c; c = c->next)
		mqi_conn_gone(qm, c);
	log_close(qm->lg);
	qm->lg = NULL;
	qmgr_status_write(&qm->paths, end, qm->pid);
	if (end != QMS_ENDED_UNEXPECTEDLY)
		ERRLOG(&qm->el, AMQ_QMGR_ENDED, qm->paths.name);
	unlink_socket(qm);
	qm_qobj_free_all(qm);
	objstore_close(&qm->os);
	/* replies still parked (only after a log failure): nothing to send */
	while (qm->pend_head) {
		struct pending *p = qm->pend_head;
		qm->pend_head = p->next;
		free(p->reply);
		conn_unref(qm, p->c);
		free(p);
	}
	qm->pend_tail = NULL;
	qmgr_unlock(qm->lockfd);
	/* endmqm -w sees its connection close now, with the lock free */
	free_conns(qm);
	close(qm->lfd);
	close(qm->evfd);
	close(qm->epfd);
	close(sigfd);
	for (int i = 0; i < QM_RESERVE_FDS; i++)
		if (qm->reserve_fd[i] >= 0)
			close(qm->reserve_fd[i]);
	free(qm->woken);
	free(qm);
	return code;

failed:
	if (qm->lg)
		log_close(qm->lg);
	qm_qobj_free_all(qm);
	objstore_close(&qm->os);
	qmgr_status_write(&qm->paths, QMS_ENDED_UNEXPECTEDLY, qm->pid);
	qmgr_unlock(qm->lockfd);
	if (sigfd >= 0)
		close(sigfd);
	if (qm->lfd >= 0) {
		close(qm->lfd);
		unlink_socket(qm);
	}
	if (qm->evfd >= 0)
		close(qm->evfd);
	if (qm->epfd >= 0)
		close(qm->epfd);
	for (int i = 0; i < QM_RESERVE_FDS; i++)
		if (qm->reserve_fd[i] >= 0)
			close(qm->reserve_fd[i]);
	free(qm);
	return code ? code : 71;
}
