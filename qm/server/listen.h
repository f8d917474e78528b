/*
 * listen.h: where the running queue manager's connections come from.  Each
 * listener is a listening socket with the frame handler its connections use
 * (conn.h struct conn_handler): the Unix socket <data>/@ipcc/quire.sock
 * served by the MQI (mqi_handler), and TCP listeners whose connections are
 * clients served through SVRCONN channels (chl_handler, server/channel.c).
 *
 *   listen_unix(qm, &mqi_handler, err, n)  bind, listen, add to qm->listeners
 *   listen_tcp(qm, &chl_handler, ip, port, backlog, &l, &eno, err, n)
 *                                          a TCP listener: ip "" is every
 *                                          address, IPv6 and IPv4 on one
 *                                          dual-stack socket (IPv4 alone when
 *                                          the host has no IPv6); SO_REUSEADDR;
 *                                          into the loop's epoll at once when
 *                                          the loop runs
 *   listen_watch(qm, tag)                  into the loop's epoll (tag: the listener)
 *   listen_pause(qm, now) / listen_resume(qm, now)
 *                                          no descriptor left even to refuse:
 *                                          stop watching for a moment
 *   listen_close(qm, l)                    one listener closed: its channels go on
 *                                          (as MQ's), the runmqlsr that owns it is
 *                                          told (its connection is closed)
 *   listen_close_all(qm)                   close, and remove the Unix socket
 *
 * Who owns a TCP listener: a runmqlsr (l->owner, its connection to the queue
 * manager: when that connection ends, so does the listener, and when the
 * listener is stopped the connection is closed, which ends runmqlsr), or a
 * LISTENER object (l->name) started by START LISTENER or by the queue
 * manager's start (CONTROL(QMGR), CONTROL(STARTONLY)).
 */
#ifndef QUIRE_LISTEN_H
#define QUIRE_LISTEN_H

#include <stddef.h>
#include <stdint.h>

#include <sys/types.h>

#include "cmqc.h"

struct qm;
struct conn;
struct conn_handler;

struct listener {
	int fd;
	int is_unix;                  /* its path is removed at close */
	int is_tcp;
	const struct conn_handler *handler;
	/* TCP listeners (DISPLAY LSTATUS) */
	char name[MQ_LISTENER_NAME_LENGTH + 1];  /* its LISTENER object, "" for one runmqlsr started */
	char ipaddr[MQ_IP_ADDRESS_LENGTH + 1];   /* as asked ("" for every address) */
	int port;
	int backlog;
	int control;                  /* MQSVC_CONTROL_* of its object (MANUAL for runmqlsr's) */
	int64_t start_ms;
	unsigned sessions;            /* connections accepted through it still open */
	struct conn *owner;           /* the runmqlsr connection that started it, NULL when none */
	pid_t pid;                    /* runmqlsr's process, else the queue manager's */
	unsigned seq;                 /* runmqlsr's listeners: SYSTEM.LISTENER.TCP.seq in DISPLAY LSTATUS */
	struct listener *next;
};

int listen_unix(struct qm *qm, const struct conn_handler *h, char *err, size_t n);
/* Listen on TCP: QM_OK with *out the new listener (in qm->listeners), or
 * QM_EIO with *eno the errno (EADDRINUSE: the port is in use) and err the
 * whole reason.  backlog <= 0: 255, as MQ's default. */
int listen_tcp(struct qm *qm, const struct conn_handler *h, const char *ipaddr, int port, int backlog,
	       struct listener **out, int *eno, char *err, size_t n);
/* Close one listener (see the top). */
void listen_close(struct qm *qm, struct listener *l);
/* c is going away: the listeners it owns (runmqlsr) close, and no
 * connection's lsr points at a listener that is gone. */
void listen_conn_gone(struct qm *qm, struct conn *c);
/* A LISTENER object's listener: START LISTENER, and the queue manager's
 * start for CONTROL(QMGR) and CONTROL(STARTONLY) (listen_start_auto).  0, or
 * the AMQ message id why not with err its insert (AMQ8147 no such object,
 * AMQ8962 running already or its port refused: AMQ9218 in the error log). */
int listen_start_object(struct qm *qm, const struct conn_handler *h, const char *name, char *err, size_t n);
void listen_start_auto(struct qm *qm, const struct conn_handler *h);
/* The running listener of object name, or NULL. */
struct listener *listen_by_name(struct qm *qm, const char *name);
/* Free the listeners closed during this round of the loop (after it). */
void listen_reap(void);
struct rd;
/* PROTO_ADMIN_LSR (runmqlsr, endmqlsr: qm/proto.h); h: the handler of the
 * TCP listeners' connections (chl_handler). */
void listen_admin(struct qm *qm, struct conn *c, struct rd *d, const struct conn_handler *h);
/* Watch every listener in qm->epfd (the epoll tag is the listener): 0 or -1. */
int listen_watch(struct qm *qm);
/* Is p (an epoll tag) one of the listeners? */
struct listener *listen_find(struct qm *qm, void *p);
/* No connection could be accepted nor refused: stop watching for
 * LISTEN_PAUSE_MS rather than spin; the loop's timeout resumes. */
#define LISTEN_PAUSE_MS 100
void listen_pause(struct qm *qm, int64_t now);
void listen_resume(struct qm *qm, int64_t now);
void listen_close_all(struct qm *qm);
/* Remove the Unix socket file of a queue manager that is not running. */
void listen_unlink_unix(struct qm *qm);

#endif
