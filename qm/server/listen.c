/*
 * listen.c: the listening sockets of the running queue manager (listen.h).
 */
#include "qm/server/listen.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "log/qmerr.h"
#include "qm/proto.h"
#include "qm/qmrun.h"

int listen_unix(struct qm *qm, const struct conn_handler *h, char *err, size_t n)
{
	char dir[PATH_MAX + 16];
	snprintf(dir, sizeof dir, "%s/%s", qm->paths.data_dir, PROTO_SOCK_DIR);
	if (mkdir(dir, 0770) != 0 && errno != EEXIST) {
		snprintf(err, n, "cannot create %s: %s", dir, strerror(errno));
		return QM_EIO;
	}
	struct listener *l = calloc(1, sizeof *l);
	if (!l) {
		snprintf(err, n, "out of memory");
		return QM_ENOMEM;
	}
	struct sockaddr_un sa;
	int dirfd;
	if (proto_sock_addr(qm->paths.data_dir, &sa, &dirfd) != QM_OK) {
		snprintf(err, n, "cannot reach %s: %s", dir, strerror(errno));
		free(l);
		return QM_EIO;
	}
	unlink(sa.sun_path);   /* a socket left by a process that died: we hold the lock */
	l->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	l->is_unix = 1;
	l->handler = h;
	mode_t old = umask(0117);
	int rc = l->fd < 0 ? -1 : bind(l->fd, (struct sockaddr *)&sa, sizeof sa);
	umask(old);
	if (rc == 0)
		rc = listen(l->fd, 512);
	int e = errno;
	if (dirfd >= 0)
		close(dirfd);
	if (rc != 0) {
		snprintf(err, n, "cannot listen on %s/%s: %s", dir, PROTO_SOCK_NAME, strerror(e));
		if (l->fd >= 0) {
			close(l->fd);
			unlink(sa.sun_path);
		}
		free(l);
		return QM_EIO;
	}
	l->next = qm->listeners;
	qm->listeners = l;
	return QM_OK;
}

int listen_watch(struct qm *qm)
{
	for (struct listener *l = qm->listeners; l; l = l->next) {
		struct epoll_event ev = { .events = EPOLLIN, .data.ptr = l };
		if (epoll_ctl(qm->epfd, EPOLL_CTL_ADD, l->fd, &ev) != 0)
			return -1;
	}
	return 0;
}

struct listener *listen_find(struct qm *qm, void *p)
{
	for (struct listener *l = qm->listeners; l; l = l->next)
		if (p == l)
			return l;
	return NULL;
}

void listen_pause(struct qm *qm, int64_t now)
{
	if (qm->accept_resume_ms)
		return;
	for (struct listener *l = qm->listeners; l; l = l->next)
		epoll_ctl(qm->epfd, EPOLL_CTL_DEL, l->fd, NULL);
	qm->accept_resume_ms = now + LISTEN_PAUSE_MS;
}

void listen_resume(struct qm *qm, int64_t now)
{
	if (!qm->accept_resume_ms || now < qm->accept_resume_ms)
		return;
	qm->accept_resume_ms = 0;
	listen_watch(qm);
}

void listen_unlink_unix(struct qm *qm)
{
	struct sockaddr_un sa;
	int dirfd;
	if (proto_sock_addr(qm->paths.data_dir, &sa, &dirfd) == QM_OK)
		unlink(sa.sun_path);
	if (dirfd >= 0)
		close(dirfd);
}

void listen_close_all(struct qm *qm)
{
	while (qm->listeners) {
		struct listener *l = qm->listeners;
		qm->listeners = l->next;
		if (l->fd >= 0)
			close(l->fd);
		if (l->is_unix)
			listen_unlink_unix(qm);
		free(l);
	}
}
