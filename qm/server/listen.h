/*
 * listen.h: where the running queue manager's connections come from.  Each
 * listener is a listening socket with the frame handler its connections use
 * (conn.h struct conn_handler): today the Unix socket <data>/@ipcc/quire.sock
 * served by the MQI (mqi_handler); a TCP listener or an administration
 * channel would add its own socket and handler.
 *
 *   listen_unix(qm, &mqi_handler, err, n)  bind, listen, add to qm->listeners
 *   listen_watch(qm, tag)                  into the loop's epoll (tag: the listener)
 *   listen_pause(qm, now) / listen_resume(qm, now)
 *                                          no descriptor left even to refuse:
 *                                          stop watching for a moment
 *   listen_close_all(qm)                   close, and remove the Unix socket
 */
#ifndef QUIRE_LISTEN_H
#define QUIRE_LISTEN_H

#include <stddef.h>
#include <stdint.h>

struct qm;
struct conn_handler;

struct listener {
	int fd;
	int is_unix;                  /* its path is removed at close */
	const struct conn_handler *handler;
	struct listener *next;
};

int listen_unix(struct qm *qm, const struct conn_handler *h, char *err, size_t n);
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
