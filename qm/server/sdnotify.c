/*
 * sdnotify.c: the sd_notify protocol and the lines the queue manager process
 * sends through it (what, when and why: sdnotify.h).
 */
#include "qm/server/sdnotify.h"

#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log/logrec.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/qmrun.h"

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int sdn_open(struct sdnotify *s)
{
	memset(s, 0, sizeof *s);
	s->fd = -1;
	const char *e = getenv("NOTIFY_SOCKET");
	if (!e || !*e)
		return QM_OK;   /* no service manager: nothing, ever */
	size_t len = strlen(e);
	s->addr.sun_family = AF_UNIX;
	if ((e[0] != '/' && e[0] != '@') || len >= sizeof s->addr.sun_path) {
		unsetenv("NOTIFY_SOCKET");
		return QM_OK;   /* vsock: or a name too long: not served */
	}
	memcpy(s->addr.sun_path, e, len);
	if (e[0] == '@') {   /* abstract: a leading NUL, and the length says where it ends */
		s->addr.sun_path[0] = 0;
		s->alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
	} else {
		s->alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + 1);
	}
	unsetenv("NOTIFY_SOCKET");
	const char *p = getenv("QUIRE_PROGRESS_MS");
	s->every_ms = p && *p && atoi(p) >= 0 ? atoi(p) : SDN_PROGRESS_MS;
	s->start_ms = mono_ms();
	s->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	return s->fd < 0 ? QM_EIO : QM_OK;
}

void sdn_close(struct sdnotify *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

int sdn_send(struct sdnotify *s, int wait, const char *msg)
{
	if (s->fd < 0)
		return QM_OK;
	size_t len = strlen(msg);
	int64_t until = mono_ms() + SDN_SEND_WAIT_MS;
	for (;;) {
		ssize_t k = sendto(s->fd, msg, len, MSG_DONTWAIT | MSG_NOSIGNAL, (struct sockaddr *)&s->addr, s->alen);
		if (k == (ssize_t)len) {
			s->sent++;
			s->stuck = 0;
			return QM_OK;
		}
		if (k < 0 && errno == EINTR)
			continue;
		int64_t left = until - mono_ms();
		int full = k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
		if (full && wait && left <= 0)
			s->stuck = 1;   /* not read for SDN_SEND_WAIT_MS: STATUS lines no longer wait */
		if (k >= 0 || !wait || !full || left <= 0)
			return QM_EIO;
		struct pollfd pf = { .fd = s->fd, .events = POLLOUT };
		poll(&pf, 1, left > 50 ? 50 : (int)left);
	}
}

/* "KEY=..." lines end in '\n'; a STATUS value is one line: the text's own
 * newlines (a wrapped message) become spaces. */
static void add(char *buf, size_t n, size_t *at, const char *key, const char *text)
{
	int k = snprintf(buf + *at, n - *at, "%s=", key);
	if (k < 0 || (size_t)k >= n - *at)
		return;
	*at += (size_t)k;
	for (const char *t = text; *t && *at + 2 < n; t++)
		buf[(*at)++] = *t == '\n' || *t == '\r' ? ' ' : *t;
	buf[(*at)++] = '\n';
	buf[*at] = 0;
}

/* A STATUS line during the start carries the extension of its timeout.  It
 * waits for room as READY and STOPPING do (the loop is not running yet
 * during the start; the manager reads quickly), unless the manager has
 * already let a line wait out SDN_SEND_WAIT_MS. */
static void status(struct sdnotify *s, const char *text, const char *more)
{
	char msg[1600], ext[32];
	size_t at = 0;
	msg[0] = 0;
	if (more)
		at = (size_t)snprintf(msg, sizeof msg, "%s", more);
	add(msg, sizeof msg, &at, "STATUS", text);
	if (!s->ready) {
		snprintf(ext, sizeof ext, "%llu", SDN_EXTEND_USEC);
		add(msg, sizeof msg, &at, "EXTEND_TIMEOUT_USEC", ext);
	}
	sdn_send(s, more != NULL || !s->stuck, msg);
}

void sdn_starting(struct sdnotify *s, struct qm *qm)
{
	if (s->fd < 0)
		return;
	char more[64], text[160];
	snprintf(more, sizeof more, "MAINPID=%ld\n", (long)qm->pid);
	snprintf(text, sizeof text, "Queue manager %s starting: restart recovery", qm->paths.name);
	status(s, text, more);
}

static void progress(struct sdnotify *s, struct qm *qm, const struct qm_event *ev)
{
	char text[300], a[24], b[24];
	if (ev->what == QM_PROG_LOAD) {
		s->queues = ev->done;
		s->msgs = ev->msgs;
		snprintf(text, sizeof text, "Restart recovery of %s: loading queues, %llu of %llu objects loaded, %llu messages",
			 qm->paths.name, (unsigned long long)ev->done, (unsigned long long)ev->total,
			 (unsigned long long)ev->msgs);
	} else if (ev->what == QM_PROG_REPLAY) {
		/* (a stale queue file found means another pass from further back,
		 * counting again from 0: the last pass's count is the replay's, as
		 * AMQ7230I says it) */
		s->records = ev->done;
		uint64_t span = ev->end_lsn > ev->from_lsn ? ev->end_lsn - ev->from_lsn : 0;
		unsigned pct = span ? (unsigned)((ev->lsn - ev->from_lsn) * 100 / span) : 100;
		snprintf(text, sizeof text, "Restart recovery of %s: log replay, %llu records, at LSN %s of %s (%u%%)",
			 qm->paths.name, (unsigned long long)ev->done, log_lsn_str(ev->lsn, a), log_lsn_str(ev->end_lsn, b),
			 pct);
	} else {
		return;
	}
	/* the load's last object and a pass's end always say so */
	int last = ev->what == QM_PROG_LOAD ? ev->done == ev->total : ev->lsn == ev->end_lsn;
	int64_t now = mono_ms();
	if (now < s->next_ms && !last)
		return;
	s->next_ms = now + s->every_ms;
	status(s, text, NULL);
}

void sdn_watch(struct qm *qm, const struct qm_event *ev, void *arg)
{
	struct sdnotify *s = arg;
	if (!s || s->fd < 0 || s->ready)
		return;   /* (a queue reloaded at run time, rcrmqobj, is not the start) */
	char line[1024];
	switch (ev->kind) {
	case QM_EV_PROGRESS:
		progress(s, qm, ev);
		break;
	case QM_EV_PHASE:
	case QM_EV_FAILED:
		msgcat_format(line, sizeof line, ev->msgid, ev->ins, ev->nins);
		if (ev->kind == QM_EV_FAILED && ev->detail && *ev->detail) {
			size_t k = strlen(line);
			snprintf(line + k, sizeof line - k, " (%s)", ev->detail);
		}
		status(s, line, NULL);
		break;
	}
}

void sdn_ready(struct sdnotify *s, struct qm *qm)
{
	if (s->fd < 0)
		return;
	char text[400];
	int64_t ms = mono_ms() - s->start_ms;
	snprintf(text, sizeof text,
		 "Running: queue manager %s accepts connections; restart recovery replayed %llu log records, "
		 "loaded %llu objects with %llu messages, in %lld.%03lld s",
		 qm->paths.name, (unsigned long long)s->records, (unsigned long long)s->queues,
		 (unsigned long long)s->msgs, (long long)(ms / 1000), (long long)(ms % 1000));
	s->ready = 1;
	status(s, text, "READY=1\n");
}

void sdn_stopping(struct sdnotify *s, struct qm *qm)
{
	if (s->fd < 0)
		return;
	char text[200];
	switch (qm->state) {
	case QM_QUIESCING:
		snprintf(text, sizeof text, "Ending: controlled, once the applications have disconnected");
		break;
	case QM_STOPPING:
		snprintf(text, sizeof text, "Ending immediately");
		break;
	default:
		snprintf(text, sizeof text, "Ending preemptively");
		break;
	}
	s->ready = 1;
	status(s, text, "STOPPING=1\n");
}

void sdn_ended(struct sdnotify *s, const char *text)
{
	if (s->fd < 0)
		return;
	s->ready = 1;
	status(s, text, NULL);
}

int sdn_journal_stderr(void)
{
	const char *e = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	if (!e || sscanf(e, "%llu:%llu", &dev, &ino) != 2 || fstat(2, &st) != 0)
		return 0;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}
