/*
 * conn.h: one application connection of the running queue manager: its
 * socket (and its shared-memory channel, server/ring.h), the frames it sends
 * (qm/proto.h), its replies, its handles and its unit of work.
 *
 * Calling sequence (the event loop, qm/server/daemon.c):
 *   conn_accept(qm)                  a new socket: peer credentials, epoll;
 *                                    or refused (2025) at the connection or
 *                                    descriptor limit
 *   conn_readable(qm, c)             read; whole frames go to mqi_dispatch
 *                                    (qm/server/mqiserv.h) one at a time: while a
 *                                    request is parked (c->busy) the next
 *                                    frame waits in the buffer, except a
 *                                    PROTO_CBCANCEL, served at once (handler->cancel)
 *   conn_writable(qm, c)             send what is queued
 *   conn_reply(qm, c, &r)            queue a reply frame (mqiserv)
 *   conn_done(qm, c)                 the request is answered: take the next
 *   conn_fail(qm, c)                 something went wrong inside a handler: the
 *                                    loop drops it later (conn_reap)
 *   conn_drop(qm, c)                 the application is gone: back out its
 *                                    unit of work, close its handles
 *                                    (c->handler->gone), close the socket.  The struct lives on while
 *                                    parked replies or waits still point at
 *                                    it (refs) and is freed with the last.
 *
 * Error handling: a read or write error, a malformed frame or a peer that
 * hangs up drops the connection; nothing else is affected.
 *
 * Transports (c->xp, struct conn_xport).  The frame code never calls recv or
 * send itself: it asks the connection's transport, so that the same frames
 * go over the Unix socket, plain TCP and TLS.  conn_xport_unix (recvmsg, with
 * the descriptors ATTACH passes) and conn_xport_tcp (recv/send) are here; the
 * TLS one plugs in through conn_tls_start (NULL when the process has none).
 * The ops:
 *   recv(c, buf, n)   bytes read (> 0), 0 at the peer's orderly end, or -1
 *                     with errno: EAGAIN/EWOULDBLOCK when nothing can be read
 *                     now, EINTR to be tried again, anything else an error
 *                     (the connection is dropped)
 *   send(c, buf, n)   bytes taken (> 0), or -1 with errno as recv (EAGAIN:
 *                     try again when the loop says the socket is writable)
 *   close(c)          release the transport's state (c->xp_ctx) and close
 *                     c->fd (the frame code has already left epoll)
 *   pending(c)        bytes the transport has read from the socket and not
 *                     yet returned (TLS records decrypted ahead), so that the
 *                     frame code reads again without waiting for epoll; NULL
 *                     when it never holds any (plain sockets)
 * A transport that needs the socket to become readable to finish a send, or
 * writable to finish a read (TLS's want-read / want-write), sets c->xp_want
 * (EPOLLIN and/or EPOLLOUT bits) before it returns -1/EAGAIN and calls
 * conn_xp_rearm(qm, c); the loop then calls conn_writable on EPOLLOUT and
 * conn_readable on EPOLLIN as usual, and both retry the other direction while
 * xp_want is set.  The transport clears xp_want once it has what it wanted.
 *
 * Client connections (c->client: accepted on a TCP listener) start with
 * c->sniff set: the first bytes say what the peer speaks (qm/proto.h,
 * "TCP"): "QRPF" our frames, 0x16 a TLS ClientHello (conn_tls_start), "TSH"
 * IBM MQ's own client protocol (not served: AMQ9207 and closed), anything
 * else closed (AMQ9207 at most once a minute per address).  Their frames go
 * to the channel's handler (server/channel.c), which allows PROTO_CHLOPEN
 * first and nothing else before it.
 */
#ifndef QUIRE_CONN_H
#define QUIRE_CONN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cmqc.h"
#include "qm/engine/queue.h"

struct qm;
struct hobj;
struct conn;
struct listener;
struct proto_hdr;
struct trig_pending;
/* trigger.c: the trigger messages a connection still holds, freed. */
void trig_conn_free(struct conn *c);

/* What a listener's connections do with their frames (listen.h). */
struct conn_handler {
	/* one whole frame; the handler replies (conn_reply) and calls conn_done,
	 * or parks the request (c->busy stays set) */
	void (*frame)(struct qm *qm, struct conn *c, const struct proto_hdr *h, const uint8_t *body, size_t len);
	/* the connection is going away: release what it holds */
	void (*gone)(struct qm *qm, struct conn *c);
	/* a PROTO_CBCANCEL frame came while a request is parked (the only frame
	 * served then): end that request if it is a CBGET (NULL: none) */
	void (*cancel)(struct qm *qm, struct conn *c, const uint8_t *body, size_t len);
};

/* A connection's transport (see the top of this file). */
struct conn_xport {
	const char *name;             /* "unix", "tcp", "tls" */
	ssize_t (*recv)(struct conn *c, void *buf, size_t n);
	ssize_t (*send)(struct conn *c, const void *buf, size_t n);
	void (*close)(struct conn *c);
	size_t (*pending)(struct conn *c);
};
extern const struct conn_xport conn_xport_unix, conn_xport_tcp;
/* TLS: set by the TLS part.  Called when a client connection's first byte is
 * 0x16 (nothing has been read yet: the ClientHello is still in the socket):
 * set c->xp (and c->xp_ctx) to the TLS transport and return 0, or -1 to
 * refuse the connection (it is closed; the function said why in the error
 * log).  NULL: TLS is not served, the connection is closed with AMQ9207. */
extern int (*conn_tls_start)(struct qm *qm, struct conn *c);

struct conn {
	int fd;
	const struct conn_xport *xp;  /* its transport: never NULL */
	void *xp_ctx;                 /* the transport's own state (TLS), NULL for plain sockets */
	unsigned xp_want;             /* EPOLLIN/EPOLLOUT the transport waits for (see the top) */
	const struct conn_handler *handler;
	uint32_t id;
	pid_t pid;                    /* from SO_PEERCRED, never from the client */
	uid_t uid;
	char user[MQ_USER_ID_LENGTH + 1];       /* UserIdentifier for its messages */
	char appname[MQ_APPL_NAME_LENGTH + 1];  /* PutApplName */
	/* Who it is (issue 15).  A local connection (the Unix socket) is its uid
	 * from SO_PEERCRED and that uid's name in user.  A client connection
	 * (client set: it came through a TCP listener and a SVRCONN channel) has
	 * uid (uid_t)-1 and is known by name only: user is then the channel's
	 * MCAUSER, or the user its password proved (ADOPTCTX), or what CHLAUTH
	 * mapped it to.  user is the principal the authority manager checks and the
	 * UserIdentifier of its messages. */
	int client;                   /* came through a TCP listener */
	char channel[MQ_CHANNEL_NAME_LENGTH + 1];  /* its SVRCONN channel ("" for local) */
	char conname[MQ_CONN_NAME_LENGTH + 1];     /* the peer's address, "127.0.0.1" ("" for local) */
	char sslpeer[1025];           /* the DN of the client's certificate (TLS), "" when none */
	/* client connections (server/channel.c; all zero for local ones) */
	int sniff;                    /* its first bytes are not read yet (see the top) */
	int tls;                      /* it speaks TLS (its transport is the TLS one) */
	int chl_open;                 /* PROTO_CHLOPEN was accepted */
	char cliuser[1025];           /* the client's OS user name as its CHLOPEN said (CHLAUTH CLNTUSER) */
	int chl_mapped;               /* a CHLAUTH record (USERSRC(MAP)) set user at CHLOPEN: MQCSP's user does not replace it */
	int chl_chckclnt;             /* CHCKCLNT of the CHLAUTH mapping that applied (MQCHK_AS_Q_MGR: none), for CONNAUTH */
	char remote_qmgr[MQ_Q_MGR_NAME_LENGTH + 1];  /* the queue manager name it asked for */
	int32_t maxmsgl;              /* negotiated MAXMSGL (a put beyond it: 2010) */
	int32_t hbint;                /* negotiated HBINT in seconds (0: no heartbeats) */
	int32_t sharecnv;             /* negotiated SHARECNV */
	int64_t start_ms;             /* when it was accepted (CHSTATUS CHSTADA/CHSTATI) */
	int64_t last_rx_ms, last_tx_ms;   /* the last bytes received, sent (heartbeats) */
	int64_t hb_sent_ms;           /* a heartbeat request is out since then (0: none) */
	uint64_t msgs;                /* MQI calls served (CHSTATUS MSGS) */
	int64_t last_msg_ms;          /* the last of them (LSTMSGDA/LSTMSGTI) */
	uint64_t bytes_in, bytes_out; /* BYTSRCVD, BYTSSENT */
	struct listener *lsr;         /* the listener it came through (NULL once that one closed) */
	int is_admin;                 /* has sent ADMIN_STOP (endmqm): not an application */
	int connected;                /* MQCONN done */
	int dead;                     /* dropped: no more I/O */
	int broken;                   /* to be dropped by the loop (conn_reap): a send failed,
				       * a frame was malformed; nothing more is served or sent */
	unsigned refs;                /* parked replies and waits that point here */
	int busy;                     /* a request of this connection is parked */
	int serving;                  /* inside serve(): conn_done must not recurse */
	uint32_t req_id;              /* the request being served */
	uint16_t req_op;
	uint16_t get_op;              /* a get's reply: PROTO_GET, or PROTO_CBGET with */
	int32_t get_index;            /* ... the index of the consumer it is for (mqiserv_get.c) */
	uint32_t cb_gen;              /* the gen of the connection's last CBGET */
	uint32_t cb_cancelled;        /* the gen of the last CBCANCEL (0: none yet) */

	/* unit of work */
	struct uow uow;
	struct trig_pending *trig;    /* trigger messages its unit of work made, put when it ends (trigger.c) */
	int uow_active;               /* uow holds something or has logged something */
	int uow_committing;           /* its commit record is waiting for the log */
	uint64_t uow_log_id;          /* its id in log records (0: nothing logged yet) */
	uint64_t uow_first_lsn;       /* first record logged for it (0: none) */
	int64_t uow_start_ms;         /* when it became active (DISPLAY CONN UOWSTDA/UOWSTTI) */
	int64_t uow_log_ms;           /* when its first record was logged (UOWLOGDA/UOWLOGTI; 0: none) */
	int64_t conn_ms;              /* when MQCONN was done */
	/* MQPMO_ASYNC_RESPONSE puts since MQCONN or the last MQSTAT (mqiserv_put.c) */
	struct {
		MQLONG cc, rc;                /* the first warning, or the first failure after it */
		MQLONG ok, warn, fail;        /* puts by outcome */
		MQLONG objtype, open_options; /* the object of that first warning or failure */
		char obj[MQ_Q_NAME_LENGTH], obj_qmgr[MQ_Q_MGR_NAME_LENGTH];
		char resolved[MQ_Q_NAME_LENGTH], resolved_qmgr[MQ_Q_MGR_NAME_LENGTH];
	} astat;
	uint32_t tid;                 /* the thread that connected, as the client said (DISPLAY CONN TID) */
	uint32_t uow_logged;          /* records logged for it */
	int uow_backed_out;           /* backed out to free a full log (AMQ7469): its next
				       * call in that unit of work gets MQRC_BACKED_OUT */

	/* handles: h[i] is Hobj i + 1, NULL when free */
	struct hobj **h;
	size_t nh;
	unsigned nhandles;

	/* I/O */
	uint8_t *rbuf;
	size_t rlen, rcap;
	uint8_t *wbuf;
	size_t wlen, woff, wcap;
	int pollout;                  /* EPOLLOUT is armed */
	int stopping_sent;            /* a reply said MQRC_Q_MGR_STOPPING */
	int passed_fd[2];             /* descriptors that came with the frames (SCM_RIGHTS), for ATTACH */

	/* the shared-memory channel (server/ring.h), when attached */
	struct shmring *ring;
	int door;                     /* its doorbell, -1 when none */
	uint32_t ring_seen;           /* the last request number taken from it */
	uint32_t ring_cur;            /* the request being served came through it with this number */
	int via_ring;                 /* ... and its reply goes there */
	int log_parked;               /* ... and its reply was parked for the log (dur_park) */
	struct conn *prev, *next;
};

/* A reply frame under construction (header, then CompCode and Reason). */
struct rep {
	uint8_t *p;
	size_t len, cap;
	int oom;
};

void rep_start(struct rep *r, uint16_t op, uint32_t id, MQLONG cc, MQLONG rc);
void rep_bytes(struct rep *r, const void *b, size_t n);
void rep_u32(struct rep *r, uint32_t v);
void rep_i32(struct rep *r, int32_t v);
/* Reserve n bytes and return where they are (NULL when out of memory). */
uint8_t *rep_space(struct rep *r, size_t n);
/* Fill in the body length; the frame is r->p[0 .. r->len). */
void rep_finish(struct rep *r);
/* Change CompCode/Reason of a started reply. */
void rep_set_codes(struct rep *r, MQLONG cc, MQLONG rc);
void rep_free(struct rep *r);

/* A request body reader: every read past the end sets bad. */
struct rd {
	const uint8_t *p;
	size_t len, at;
	int bad;
};
uint32_t rd_u32(struct rd *d);
int32_t rd_i32(struct rd *d);
void rd_bytes(struct rd *d, void *out, size_t n);
const uint8_t *rd_ptr(struct rd *d, size_t n);

/* Take one pending connection: CONN_ACCEPT_MORE when one was accepted or
 * refused (there may be more), CONN_ACCEPT_DONE when none is pending (or an
 * error ended this round), CONN_ACCEPT_STUCK when one is pending but no
 * descriptor is left even to refuse it (the loop pauses the listener). */
enum { CONN_ACCEPT_DONE = 0, CONN_ACCEPT_MORE = 1, CONN_ACCEPT_STUCK = 2 };
int conn_accept(struct qm *qm, struct listener *l);
/* Open the descriptors kept to refuse connections at EMFILE (at start, and
 * again after they were used): 0, or -1 when not all could be opened. */
int conn_reserve_take(struct qm *qm);
/* The name of user uid (its number when it has none), cut to n - 1 bytes. */
void conn_uid_name(uid_t uid, char *out, size_t n);
/* The peer's address of socket fd as MQ shows a CONNAME: "127.0.0.1",
 * "::1" (an IPv4 peer of a dual-stack socket as IPv4); "" when unknown. */
void conn_peer_name(int fd, char *out, size_t n);
void conn_readable(struct qm *qm, struct conn *c);
void conn_writable(struct qm *qm, struct conn *c);
/* Queue the reply r (finished here) and free its buffer. */
void conn_reply(struct qm *qm, struct conn *c, struct rep *r);
/* Queue a frame already built (takes a copy): through the shared-memory
 * channel when the request came that way, else on the socket. */
void conn_send(struct qm *qm, struct conn *c, const uint8_t *frame, size_t len);
/* The socket half of conn_send: 0, or -1 when c is now to be dropped. */
int conn_send_socket(struct qm *qm, struct conn *c, const uint8_t *frame, size_t len);
/* A whole frame from the shared-memory channel (hdr: its 16 header bytes as
 * read; body: h.len bytes): copied into c's buffer and served as if it had
 * come on the socket (c idle, its buffer empty). */
void conn_take_frame(struct qm *qm, struct conn *c, const uint8_t *hdr, const uint8_t *body, size_t len);
/* A reply that is just CompCode and Reason. */
void conn_reply_codes(struct qm *qm, struct conn *c, MQLONG cc, MQLONG rc);
/* The current request is answered: serve the next buffered frame. */
void conn_done(struct qm *qm, struct conn *c);
void conn_drop(struct qm *qm, struct conn *c);
/* Mark c to be dropped at the top of the loop (conn_reap): safe anywhere,
 * while conn_drop backs out and closes handles and so must not run inside a
 * handler, a parked reply or the retry of parked MQGETs. */
void conn_fail(struct qm *qm, struct conn *c);
void conn_reap(struct qm *qm);
void conn_unref(struct qm *qm, struct conn *c);
/* The transport changed c->xp_want: watch the events it needs. */
void conn_xp_rearm(struct qm *qm, struct conn *c);

#endif
