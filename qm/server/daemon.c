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
 * Under systemd (packaging/systemd/quire@.service runs strmqm, Type=notify)
 * the process is the same, started the same way, so dspmq, endmqm and a
 * second strmqm see no difference; it also tells systemd (server/sdnotify.h):
 * MAINPID once it holds the lock (it is the service's main process, not
 * strmqm), the start's phases and restart recovery's progress as STATUS
 * lines, READY=1 once the TCP listeners are started too, STOPPING=1 when
 * endmqm or SIGTERM begins the end.  When stderr is the journal it is kept
 * (not /dev/null) and every error log entry is echoed to it.
 *
 * Start order: qmgr_lock (the data folder), qmstatus.ini "Starting", qm.ini,
 * the error log, log_open (which locks the log folder), the queue manager
 * object and catalog, the queue files, log replay, units of work resolved,
 * QMGR_START, a checkpoint, then the socket <data>/@ipcc/quire.sock (mode
 * 0660), qmstatus.ini "Running", AMQ8003 and "R".
 *
 * The loop (one thread, epoll): the listening socket, the connections, an
 * eventfd the log writer's notify hook writes after every flush (dur_release
 * then sends the replies parked on it: server/durable.c), a signalfd (SIGTERM: end
 * immediately), and the doorbells of the shared-memory channels
 * (server/ring.h), whose requests are taken after each round (ring_poll);
 * while those alone keep it awake it asks epoll only every RING_EPOLL_EVERY
 * rounds.  The epoll timeout serves the parked MQGETs' wait intervals
 * and the time-based checkpoint.  After each round, a bounded compaction
 * step of the queue stores (store_background) when there is one to do and
 * the loop is idle, or BG_EVERY_MS has passed since the last: the loop
 * chooses it and reads what it copies, a thread of its own writes, syncs
 * and deletes, and the loop applies it once that thread has written the
 * eventfd (store_background_poll).  Logger events (loggerev_poll) are looked
 * for after each round and once at the start.
 *
 * The end (the loop reads qm->state after each round; see qm/qmrun.h for the
 * states): AMQ7891 in the error log, end_run (back out, checkpoint, QMGR_STOP),
 * log_close, qmstatus.ini "Ended normally/immediately/preemptively", AMQ8004,
 * the socket removed, the lock released, and only then the connections
 * closed: endmqm -w, which waits for its connection to close, thus returns
 * once the queue manager can be started again.
 *
 * A failed log (WAL rule 8) ends the process at once without writing any
 * queue file: "Ended unexpectedly", exit code 1; restart recovery runs at the
 * next strmqm.
 */
#include "qm/server/daemon.h"
#include "qm/server/oam_srv.h"

#include "qm/qmrun.h"
#include "qm/server/ring.h"

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
#include "qm/server/authn.h"
#include "qm/server/channel.h"
#include "qm/server/conn.h"
#include "qm/server/convert.h"
#include "qm/server/listen.h"
#include "qm/server/loggerev.h"
#include "qm/server/mqiserv.h"
#include "qm/server/pubsub.h"
#include "qm/server/sdnotify.h"
#include "qm/server/tls.h"
#include "qm/store/store.h"
#include "qm/home/msgcat.h"
#include "qm/proto.h"

static char tag_event, tag_signal;
/* systemd, when it started us (NOTIFY_SOCKET): sdnotify.h */
static struct sdnotify sdn = { .fd = -1 };
static int journal;   /* stderr is the journal: kept after the start, the error log echoed to it */

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

/* strmqm watches the start through its pipe: each phase as an "I" line (the
 * message text without its id), a failure as "E" and "D" lines. */
static void ready_watch(struct qm *qm, const struct qm_event *ev, void *arg)
{
	(void)arg;
	char line[1024];
	if (ev->kind == QM_EV_PHASE) {
		if (msgcat_format(line, sizeof line, ev->msgid, ev->ins, ev->nins) == QM_OK || line[0]) {
			const char *text = strchr(line, ' ');
			qm_ready_say(qm, 'I', 0, text ? text + 1 : line);
		}
	} else if (ev->kind == QM_EV_FAILED) {
		msgcat_format(line, sizeof line, ev->msgid, ev->ins, ev->nins);
		qm_ready_say(qm, 'E', ev->exit_code, line);
		if (ev->detail && *ev->detail)
			qm_ready_say(qm, 'D', 0, ev->detail);
	}
}

/* ---- ending ------------------------------------------------------------------- */

/* The loop ends when qm->state says so: the state is the flag it reads. */
static void loop_maybe_end(struct qm *qm)
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
	if (c && mqi_admin_refused(qm, c))   /* administrators only */
		return;
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
	sdn_stopping(&sdn, qm);
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
	loop_maybe_end(qm);
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

/* ---- the loop --------------------------------------------------------------------- */

static int64_t ckpt_deadline(struct qm *qm)
{
	if (!qm->ops_since_ckpt)
		return INT64_MAX;
	int64_t at = qm->last_ckpt_ms + (int64_t)qm->cfg.tuning.checkpoint_seconds * 1000;
	return at > qm->ckpt_retry_ms ? at : qm->ckpt_retry_ms;   /* a full disk backs off */
}

/* A compaction step: about this many bytes of I/O, at least this often. */
#define BG_BUDGET   (1u << 20)
#define BG_EVERY_MS 50

static int is_loop_tag(struct qm *qm, void *p)
{
	return p == &tag_event || p == &tag_signal || p == &ring_door_tag || p == &authn_tag || listen_find(qm, p);
}

static void loop(struct qm *qm, int sigfd)
{
	struct epoll_event ev[64];
	while (qm->state != QM_ENDED && !qm->log_failed && !qm->store_failed) {
		int64_t now = qm_now_ms();
		int64_t next = mqi_timer(qm, now);
		if (store_checkpoint_due(qm, now))
			dur_checkpoint_start(qm);
		if (qm->state == QM_ENDED || qm->log_failed || qm->store_failed)
			break;
		int64_t ck = ckpt_deadline(qm);
		if (ck < next)
			next = ck;
		ck = mqi_media_auto_deadline(qm);   /* IMGSCHED(AUTO)'s next look */
		if (ck < next)
			next = ck;
		ck = chl_timer(qm, now);   /* client connections' heartbeats (server/channel.c) */
		if (ck < next)
			next = ck;
		listen_resume(qm, now);
		if (qm->accept_resume_ms && qm->accept_resume_ms < next)
			next = qm->accept_resume_ms;
		int timeout = -1;
		if (next != INT64_MAX) {
			int64_t d = next - qm_now_ms();
			timeout = d < 0 ? 0 : d > 60000 ? 60000 : (int)d;
		}
		timeout = dur_before_wait(qm, timeout);
		if (qm->bg_pending && !qm->bg_flight && !qm->ckpt_flight)
			timeout = 0;   /* compaction to do: look for work, start a step if there is none */
		if (store_checkpoint_writing(qm) || store_media_writing(qm))
			timeout = 0;   /* a checkpoint's batch writes, a media image's parts: a round after each round of events */
		ring_wake(qm);   /* the replies of the steps after ring_poll, and of dur_release */
		/* a request through shared memory waiting, or come while the loop
		 * looked (ring_spin) or told the channels it sleeps: no sleep.  When
		 * that alone keeps the loop awake and no reply waits for the log
		 * (whose writer says so through epoll), epoll is asked only every
		 * RING_EPOLL_EVERY rounds (a few microseconds each): its system
		 * call was a tenth of the loop's time with 8 busy applications */
		int ring_work = 0;
		if (timeout != 0 && (ring_pending(qm) || ring_spin(qm) || ring_before_sleep(qm))) {
			timeout = 0;
			ring_work = 1;
		}
		int n = 0;
		if (ring_work && !qm->pend_head && ++qm->ring_rounds < RING_EPOLL_EVERY) {
			n = 0;
		} else {
			qm->ring_rounds = 0;
			n = epoll_wait(qm->epfd, ev, 64, timeout);
		}
		ring_after_sleep(qm);
		if (n < 0 && errno != EINTR)
			break;
		dur_after_wait(qm, n);
		/* hold every connection of this batch so none is freed under us */
		for (int i = 0; i < n; i++)
			if (!is_loop_tag(qm, ev[i].data.ptr))
				((struct conn *)ev[i].data.ptr)->refs++;
		for (int i = 0; i < n; i++) {
			void *p = ev[i].data.ptr;
			struct listener *l;
			if ((l = listen_find(qm, p)) != NULL) {
				for (int k = 0; k < 64 && l->fd >= 0; k++) {
					int r = conn_accept(qm, l);
					if (r == CONN_ACCEPT_STUCK)
						listen_pause(qm, qm_now_ms());
					if (r != CONN_ACCEPT_MORE)
						break;
				}
			} else if (p == &ring_door_tag) {
				/* a request through shared memory: ring_poll below takes it */
			} else if (p == &tag_event) {
				dur_log_woke(qm);
			} else if (p == &authn_tag) {
				authn_poll(qm);      /* password checks done (authn.c) */
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
		for (int i = 0; i < n; i++)
			if (!is_loop_tag(qm, ev[i].data.ptr))
				conn_unref(qm, ev[i].data.ptr);
		ring_poll(qm);               /* requests through shared memory (a doorbell only wakes the loop) */
		mqi_service_woken(qm);
		ring_wake(qm);               /* before the round's longer steps below, not after them */
		store_checkpoint_step(qm);   /* a checkpoint's next round of batch writes */
		mqi_media_step(qm);          /* rcdmqimg's next image part, or its answer */
		mqi_media_auto(qm, qm_now_ms());   /* IMGSCHED(AUTO): an image when one is due */
		store_checkpoint_poll(qm);   /* a checkpoint whose batches are synced: its end */
		loggerev_poll(qm);           /* LOGGEREV: an event for each new log extent */
		conn_reap(qm);
		listen_reap();   /* listeners closed this round (runmqlsr gone, endmqlsr) */
		loop_maybe_end(qm);
		/* the queue stores' compaction, a bounded step at a time (its I/O
		 * on its own thread): one begins when the loop is idle, and every
		 * BG_EVERY_MS however busy it is */
		if (store_background_poll(qm))
			qm->bg_last_ms = qm_now_ms();
		/* ... and at once after each checkpoint: a checkpoint waits for a
		 * step in flight (store_checkpoint_due), so that under a steady
		 * load checkpoints and steps take turns rather than checkpoints
		 * alone, one due as soon as the last has ended */
		if (qm->bg_pending && !qm->bg_flight && !qm->ckpt_flight &&
		    (n == 0 || qm->bg_ckpt_seen != qm->ckpt_count || qm_now_ms() - qm->bg_last_ms >= BG_EVERY_MS)) {
			qm->bg_ckpt_seen = qm->ckpt_count;
			qm->bg_pending = store_background(qm, BG_BUDGET);
			if (!qm->bg_flight)
				qm->bg_last_ms = qm_now_ms();
		}
	}
}

/* The end of a run whose log works: back out what is open, flush and
 * release what waits, a last checkpoint, QMGR_STOP (store_stop). */
static int end_run(struct qm *qm)
{
	if (!qm->lg || qm->log_failed || log_failed(qm->lg))
		return QM_EFAILED;
	dur_drain(qm);
	mqi_media_settle(qm);   /* rcdmqimg's images under way are finished and answered */
	/* MQ's images at the end: the queue manager object, objects that are
	 * not local queues, empty local queues (linear logging) */
	store_media_shutdown(qm, dur_oldest_needed(qm));
	int rc = dur_checkpoint(qm);
	return rc ? rc : store_stop(qm);
}

/* ---- the process ------------------------------------------------------------------ */

/* stdin, stdout and stderr to /dev/null, once strmqm has gone: stderr (and
 * stdout) are kept when they are the journal, which has the error log's
 * entries (errlog_echo) */
static void detach_stdio(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return;
	dup2(fd, 0);
	if (!journal) {
		dup2(fd, 1);
		dup2(fd, 2);
	}
	if (fd > 2)
		close(fd);
}

static void free_conns(struct qm *qm)
{
	while (qm->conns) {
		struct conn *c = qm->conns;
		qm->conns = c->next;
		ring_release(qm, c);   /* a client asleep on its channel is told at once */
		if (c->fd >= 0)
			c->xp->close(c);
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
	qm->lockfd = qm->epfd = qm->evfd = -1;
	for (int i = 0; i < QM_RESERVE_FDS; i++)
		qm->reserve_fd[i] = -1;
	qm->pid = getpid();
	qm->start_ms = qm_now_ms();
	qm->uid = getuid();
	conn_uid_name(qm->uid, qm->user, sizeof qm->user);
	qm->hooks.wake = mqi_wake_hook;
	qm->hooks.expired = dur_msg_expired;
	qm->hooks.ids = store_msg_ids;
	qm->hooks.untag = mqi_mark_untag;
	return qm;
}

int (*qm_csrv_start)(const char *qmname, const char *data_dir);
int (*qm_csrv_control)(int action, const char *qmname, const char *data_dir, int *before);

void qm_admin_csrv(struct qm *qm, struct conn *c, uint32_t action)
{
	if (mqi_admin_refused(qm, c))   /* administrators only */
		return;
	c->is_admin = 1;
	if (!qm_csrv_control) {
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_FUNCTION_NOT_SUPPORTED);
		conn_done(qm, c);
		return;
	}
	if (action < PROTO_CSRV_START || action > PROTO_CSRV_STATUS) {
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_OPTIONS_ERROR);
		conn_done(qm, c);
		return;
	}
	/* no start while the queue manager ends */
	if (action == PROTO_CSRV_START && qm->state != QM_RUNNING)
		action = PROTO_CSRV_STATUS;
	int before = PROTO_CSRV_STOPPED;
	int after = qm_csrv_control((int)action, qm->paths.name, qm->paths.data_dir, &before);
	struct rep r;
	rep_start(&r, PROTO_ADMIN_CSRV, c->req_id, MQCC_OK, MQRC_NONE);
	rep_u32(&r, (uint32_t)before);
	rep_u32(&r, (uint32_t)after);
	conn_reply(qm, c, &r);
	if (!c->dead)
		conn_done(qm, c);
}

int qm_daemon_main(const char *qmname, int readyfd)
{
	struct qm *qm = qm_new(readyfd);
	char err[700];
	if (!qm)
		return 71;
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	tls_serve();   /* TCP clients that begin with a TLS ClientHello (server/tls.c) */
	signal(SIGINT, SIG_IGN);
	int code = 71, sigfd = -1;
	qm_watch(qm, ready_watch, NULL);
	sdn_open(&sdn);   /* nothing when systemd did not start us */
	qm_watch(qm, sdn_watch, &sdn);
	journal = sdn_journal_stderr();
	if (journal)
		errlog_echo(2);

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
	sdn_starting(&sdn, qm);   /* MAINPID: this process is the service (sdnotify.h) */
	/* before log_open starts the writer thread, which inherits the mask:
	 * SIGTERM is only ever taken by the loop's signalfd */
	sigset_t ss;
	sigemptyset(&ss);
	sigaddset(&ss, SIGTERM);
	sigprocmask(SIG_BLOCK, &ss, NULL);
	if (store_start(qm, &code) != QM_OK)
		goto failed;

	fd_limits(qm);
	sigfd = signalfd(-1, &ss, SFD_NONBLOCK | SFD_CLOEXEC);
	qm->epfd = epoll_create1(EPOLL_CLOEXEC);
	qm->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	err[0] = 0;
	if (sigfd < 0 || qm->epfd < 0 || qm->evfd < 0 || listen_unix(qm, &mqi_handler, err, sizeof err) != QM_OK ||
	    listen_watch(qm) || add_fd(qm, qm->evfd, &tag_event) || add_fd(qm, sigfd, &tag_signal)) {
		char line[800];
		snprintf(line, sizeof line, "the queue manager cannot accept connections: %s",
			 err[0] ? err : strerror(errno));
		qm_start_fail(qm, 71, line, AMQ_QMGR_NOT_AVAILABLE, qm->paths.name, NULL);
		code = 71;
		end_run(qm);
		goto failed;
	}
	qm->loop_thread = pthread_self();
	log_set_notify(qm->lg, dur_notify, qm);
	authn_refresh(qm, err, sizeof err);   /* CONNAUTH's policy (a bad one is said in the error log) */
	qm->state = QM_RUNNING;
	qm->last_ckpt_ms = qm_now_ms();
	qmgr_status_write(&qm->paths, QMS_RUNNING, qm->pid);
	ERRLOG(&qm->el, AMQ_QMGR_STARTED, qm->paths.name, QM_VERSION_TEXT);
	loggerev_poll(qm);   /* LOGGEREV: the event of the start */
	qm_ready_say(qm, 'R', 0, "");
	if (qm_csrv_start && qm->os.qmgr.cmd_server_control == MQSVC_CONTROL_Q_MGR)
		qm_csrv_start(qm->paths.name, qm->paths.data_dir);
	listen_start_auto(qm, &chl_handler);   /* LISTENER objects with CONTROL(QMGR) or (STARTONLY) */
	sdn_ready(&sdn, qm);   /* READY=1: recovery done, the socket and the listeners listening */
	close(qm->readyfd);
	qm->readyfd = -1;
	detach_stdio();

	loop(qm, sigfd);

	enum qm_status end = qm->stop_mode == PROTO_STOP_PREEMPTIVE ? QMS_ENDED_PREEMPTIVELY
			     : qm->stop_mode == PROTO_STOP_IMMEDIATE ? QMS_ENDED_IMMEDIATELY : QMS_ENDED_NORMALLY;
	code = 0;
	if (qm->log_failed) {
		/* defect 6: say what failed (operation, extent, LSNs, errno) */
		const char *why = qm->lg ? log_failure(qm->lg) : "";
		ERRLOG(&qm->el, AMQ_LOG_NOT_AVAILABLE, qm->paths.name, why && *why ? why : "the log failed");
		end = QMS_ENDED_UNEXPECTEDLY;
		code = 1;
	} else if (qm->store_failed) {
		/* AMQ7897 said which file: end as after a kill, restart recovers */
		end = QMS_ENDED_UNEXPECTEDLY;
		code = 1;
	} else {
		ERRLOG(&qm->el, AMQ_QMGR_ENDING, qm->paths.name);
		if (end_run(qm) != QM_OK) {
			end = QMS_ENDED_UNEXPECTEDLY;
			code = 1;
		}
	}
	store_checkpoint_settle(qm);   /* after a failure, a checkpoint may still be in flight */
	log_set_notify(qm->lg, NULL, NULL);
	/* what the connections hold, before the queues go (nothing is logged:
	 * every unit of work has been backed out or committed) */
	for (struct conn *c = qm->conns; c; c = c->next)
		mqi_conn_gone(qm, c);
	authn_shutdown(qm);   /* password checks not answered: dropped, their passwords wiped */
	log_close(qm->lg);
	qm->lg = NULL;
	qmgr_status_write(&qm->paths, end, qm->pid);
	if (end != QMS_ENDED_UNEXPECTEDLY)
		ERRLOG(&qm->el, AMQ_QMGR_ENDED, qm->paths.name);
	sdn_ended(&sdn, qmgr_status_text(end));
	sdn_close(&sdn);
	listen_close_all(qm);
	listen_reap();
	ps_free_all(qm);   /* the subscriptions left (durable ones are on their queue) */
	oam_free_all(qm);  /* the authority records (on their queue) */
	qm_qobj_free_all(qm);
	objstore_close(&qm->os);
	/* replies still parked (only after a log failure): nothing to send */
	dur_discard(qm);
	conv_reset();   /* MQGMO_CONVERT's converters */
	qmgr_unlock(qm->lockfd);
	/* endmqm -w sees its connection close now, with the lock free */
	free_conns(qm);
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
	sdn_close(&sdn);   /* (the failure was its last STATUS line: sdn_watch) */
	if (qm->lg)
		log_close(qm->lg);
	ps_free_all(qm);   /* the subscriptions left (durable ones are on their queue) */
	oam_free_all(qm);  /* the authority records (on their queue) */
	qm_qobj_free_all(qm);
	objstore_close(&qm->os);
	qmgr_status_write(&qm->paths, QMS_ENDED_UNEXPECTEDLY, qm->pid);
	qmgr_unlock(qm->lockfd);
	if (sigfd >= 0)
		close(sigfd);
	listen_close_all(qm);
	listen_reap();
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
