/*
 * listen.c: the listening sockets of the running queue manager (listen.h).
 */
#include "qm/server/listen.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
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
#include "qm/server/conn.h"
#include "qm/home/msgcat.h"
#include "qm/engine/qtable.h"
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

/* Bind and listen on one address (ss), or -1 with errno. */
static int tcp_socket(const struct sockaddr *sa, socklen_t sl, int backlog, int v6only)
{
	int fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	int on = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
	if (sa->sa_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only);
	if (bind(fd, sa, sl) != 0 || listen(fd, backlog) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int listen_tcp(struct qm *qm, const struct conn_handler *h, const char *ipaddr, int port, int backlog,
	       struct listener **out, int *eno, char *err, size_t n)
{
	*eno = 0;
	if (port < 0 || port > 65535) {
		snprintf(err, n, "the port number %d is not valid (0 to 65535)", port);
		*eno = EINVAL;
		return QM_EIO;
	}
	if (backlog <= 0)
		backlog = 255;
	int fd = -1;
	if (!ipaddr || !*ipaddr) {
		/* every address: one dual-stack IPv6 socket, or IPv4 alone */
		struct sockaddr_in6 s6 = { .sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port),
					   .sin6_addr = IN6ADDR_ANY_INIT };
		fd = tcp_socket((struct sockaddr *)&s6, sizeof s6, backlog, 0);
		if (fd < 0 && (errno == EAFNOSUPPORT || errno == EADDRNOTAVAIL)) {
			struct sockaddr_in s4 = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
						  .sin_addr.s_addr = htonl(INADDR_ANY) };
			fd = tcp_socket((struct sockaddr *)&s4, sizeof s4, backlog, 0);
		}
	} else {
		/* one address: IPv4 or IPv6 numbers, or a host name (its first address) */
		struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE };
		struct addrinfo *ai = NULL;
		char ps[16];
		snprintf(ps, sizeof ps, "%d", port);
		int g = getaddrinfo(ipaddr, ps, &hints, &ai);
		if (g != 0) {
			snprintf(err, n, "the address '%s' is not known: %s", ipaddr, gai_strerror(g));
			*eno = EADDRNOTAVAIL;
			return QM_EIO;
		}
		errno = EADDRNOTAVAIL;
		for (struct addrinfo *a = ai; a && fd < 0; a = a->ai_next)
			fd = tcp_socket(a->ai_addr, a->ai_addrlen, backlog, 1);
		freeaddrinfo(ai);
	}
	if (fd < 0) {
		*eno = errno;
		snprintf(err, n, "%s", strerror(errno));
		return QM_EIO;
	}
	struct listener *l = calloc(1, sizeof *l);
	if (!l) {
		close(fd);
		*eno = ENOMEM;
		snprintf(err, n, "out of memory");
		return QM_ENOMEM;
	}
	l->fd = fd;
	l->is_tcp = 1;
	l->handler = h;
	snprintf(l->ipaddr, sizeof l->ipaddr, "%s", ipaddr ? ipaddr : "");
	l->port = port;
	if (port == 0) {   /* the port the system chose */
		struct sockaddr_storage ss;
		socklen_t sl = sizeof ss;
		if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
			l->port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
								 : ((struct sockaddr_in *)&ss)->sin_port);
	}
	l->backlog = backlog;
	l->control = MQSVC_CONTROL_MANUAL;
	l->start_ms = qm_now_ms();
	l->pid = qm->pid;
	static unsigned seq;
	l->seq = ++seq;
	l->next = qm->listeners;
	qm->listeners = l;
	if (qm->epfd >= 0 && !qm->accept_resume_ms) {
		struct epoll_event ev = { .events = EPOLLIN, .data.ptr = l };
		epoll_ctl(qm->epfd, EPOLL_CTL_ADD, l->fd, &ev);
	}
	*out = l;
	return QM_OK;
}

/* Listeners closed in this round of the loop: freed after it (listen_reap),
 * so that an event of the same round that names one is still known as a
 * listener's (listen_find), never taken for a connection's. */
static struct listener *closed_list;

void listen_close(struct qm *qm, struct listener *l)
{
	for (struct listener **pp = &qm->listeners; *pp; pp = &(*pp)->next)
		if (*pp == l) {
			*pp = l->next;
			break;
		}
	l->next = closed_list;
	closed_list = l;
	for (struct conn *c = qm->conns; c; c = c->next)
		if (c->lsr == l)
			c->lsr = NULL;   /* its channels go on, as MQ's do */
	if (l->fd >= 0) {
		if (qm->epfd >= 0)
			epoll_ctl(qm->epfd, EPOLL_CTL_DEL, l->fd, NULL);
		close(l->fd);
		l->fd = -1;
	}
	if (l->owner)
		conn_fail(qm, l->owner);   /* runmqlsr sees its connection close and ends */
	l->owner = NULL;
	if (l->is_unix)
		listen_unlink_unix(qm);
}

void listen_reap(void)
{
	while (closed_list) {
		struct listener *l = closed_list;
		closed_list = l->next;
		free(l);
	}
}

void listen_conn_gone(struct qm *qm, struct conn *c)
{
	for (struct listener *l = qm->listeners, *nx; l; l = nx) {
		nx = l->next;
		if (l->owner == c) {
			l->owner = NULL;
			listen_close(qm, l);
		}
	}
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
	for (struct listener *l = closed_list; l; l = l->next)
		if (p == l)
			return l;
	return NULL;
}

/* ---- LISTENER objects --------------------------------------------------------------- */

struct listener *listen_by_name(struct qm *qm, const char *name)
{
	for (struct listener *l = qm->listeners; l; l = l->next)
		if (l->is_tcp && l->name[0] && !strcmp(l->name, name))
			return l;
	return NULL;
}

int listen_start_object(struct qm *qm, const struct conn_handler *h, const char *name, char *err, size_t n)
{
	struct qobj *o = qm_ofind(qm, OBJDEF_LISTENER, name);
	if (!o || o->damaged) {
		snprintf(err, n, "%s", name);
		return AMQ_OBJECT_NOT_FOUND;
	}
	if (listen_by_name(qm, name)) {
		snprintf(err, n, "listener %s is running already", name);
		return AMQ_LISTENER_NOT_STARTED;
	}
	char ip[MQ_IP_ADDRESS_LENGTH + 1];
	size_t k = strnlen(o->def.ip_address, sizeof o->def.ip_address);
	while (k > 0 && o->def.ip_address[k - 1] == ' ')
		k--;
	memcpy(ip, o->def.ip_address, k);
	ip[k] = 0;
	int port = o->def.port ? o->def.port : 1414;   /* PORT(0): MQ's default port */
	struct listener *l;
	int eno;
	char why[300];
	if (listen_tcp(qm, h, ip, port, o->def.backlog, &l, &eno, why, sizeof why) != QM_OK) {
		char num[24];
		snprintf(num, sizeof num, "%d", port);
		ERRLOG(&qm->el, AMQ_LISTENER_BIND, num, why);
		snprintf(err, n, "listener %s could not listen on port %d: %s", name, port, why);
		return AMQ_LISTENER_NOT_STARTED;
	}
	snprintf(l->name, sizeof l->name, "%s", name);
	l->control = o->def.listener_control;
	return 0;
}

void listen_start_auto(struct qm *qm, const struct conn_handler *h)
{
	for (int i = 0; i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; o; o = o->hnext) {
			if (o->def.type != OBJDEF_LISTENER || o->damaged ||
			    (o->def.listener_control != MQSVC_CONTROL_Q_MGR &&
			     o->def.listener_control != MQSVC_CONTROL_Q_MGR_START))
				continue;
			char err[400];
			listen_start_object(qm, h, o->def.name, err, sizeof err);   /* a failure is in the error log */
		}
}

/* ---- runmqlsr and endmqlsr (qm/proto.h ADMIN_LSR) --------------------------------- */

static void lsr_reply(struct qm *qm, struct conn *c, MQLONG cc, MQLONG rc, uint32_t eno, uint32_t v,
		      const char *text)
{
	struct rep r;
	rep_start(&r, PROTO_ADMIN_LSR, c->req_id, cc, rc);
	rep_u32(&r, eno);
	rep_u32(&r, v);
	size_t n = strlen(text);
	rep_u32(&r, (uint32_t)n);
	rep_bytes(&r, text, n);
	conn_reply(qm, c, &r);
	if (!c->dead && !c->broken)
		conn_done(qm, c);
}

void listen_admin(struct qm *qm, struct conn *c, struct rd *d, const struct conn_handler *h)
{
	uint32_t action = rd_u32(d), port = rd_u32(d);
	int32_t backlog = rd_i32(d);
	uint32_t n = rd_u32(d);
	const uint8_t *ip = d->bad || n > MQ_IP_ADDRESS_LENGTH ? NULL : rd_ptr(d, n);
	if (d->bad || !ip || d->at != d->len) {
		conn_fail(qm, c);
		return;
	}
	if (c->client || c->uid != qm->uid) {
		lsr_reply(qm, c, MQCC_FAILED, MQRC_NOT_AUTHORIZED, 0, 0, "");
		return;
	}
	c->is_admin = 1;
	if (action == PROTO_LSR_STOP_ALL) {
		uint32_t k = 0;
		for (struct listener *l = qm->listeners, *nx; l; l = nx) {
			nx = l->next;
			if (l->is_tcp) {
				listen_close(qm, l);
				k++;
			}
		}
		lsr_reply(qm, c, MQCC_OK, MQRC_NONE, 0, k, "");
		return;
	}
	if (action != PROTO_LSR_START) {
		lsr_reply(qm, c, MQCC_FAILED, MQRC_OPTIONS_ERROR, 0, 0, "");
		return;
	}
	if (qm->state != QM_RUNNING) {
		lsr_reply(qm, c, MQCC_FAILED, MQRC_Q_MGR_STOPPING, 0, 0, "the queue manager is ending");
		return;
	}
	char ipaddr[MQ_IP_ADDRESS_LENGTH + 1];
	memcpy(ipaddr, ip, n);
	ipaddr[n] = 0;
	struct listener *l;
	int eno = 0;
	char err[300];
	if (listen_tcp(qm, h, ipaddr, (int)port, backlog, &l, &eno, err, sizeof err) != QM_OK) {
		char num[24];
		snprintf(num, sizeof num, "%u", port);
		ERRLOG(&qm->el, AMQ_LISTENER_BIND, num, err);
		lsr_reply(qm, c, MQCC_FAILED, MQRC_RESOURCE_PROBLEM, (uint32_t)eno, port, err);
		return;
	}
	l->owner = c;
	/* runmqlsr's process: the peer of its Unix socket */
	l->pid = c->pid;
	lsr_reply(qm, c, MQCC_OK, MQRC_NONE, 0, (uint32_t)l->port, "");
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
	while (qm->listeners)
		listen_close(qm, qm->listeners);
}
