/*
 * tls.h: TLS on client connections, the queue manager's side: the key
 * repository loaded once for every listener (qm/tlsctx.h has its files), a
 * connection's TLS over its non-blocking socket inside the event loop, and the
 * checks of a channel's SSLCIPH, SSLCAUTH and SSLPEER when the client names
 * its channel (PROTO_CHLOPEN).
 *
 * Where it sits.  A TCP connection whose first byte is 0x16 (a TLS
 * ClientHello: the first-bytes rule of the listener, qm/proto.h) gets a
 * struct tls_conn over its socket; the connection's transport ops (c->xp,
 * conn.h) are then tls_conn_recv / tls_conn_send / tls_conn_close, with the
 * same contract as the plain ops: bytes moved, 0 for the peer's end, -1 with
 * errno EAGAIN when it would block, -1 with another errno (ECONNRESET,
 * EPROTO) when the connection is finished.  The handshake is done inside
 * them: the first recv calls go on with it, and only application data ever
 * comes out; nothing blocks the loop.
 *
 * Epoll.  TLS may need to write while the frame code reads (a handshake
 * message) or read while it writes (TLS 1.3's post-handshake messages).
 * After a call that returned EAGAIN, tls_conn_wants() says what it waits for
 * (TLS_WANT_READ, TLS_WANT_WRITE): the connection arms EPOLLOUT for a recv
 * that wants to write and, when the socket becomes writable, calls recv
 * again (and EPOLLIN for a send that wants to read).  tls_conn_recv returns
 * everything OpenSSL holds decrypted before it says EAGAIN, so "less than
 * asked for means drained" holds as it does for a socket (conn.c relies on
 * it with level-triggered epoll).
 *
 * Calling sequence:
 *   struct tls_srv *srv;                      at the first TLS client, and at
 *   tls_srv_load(&srv, sslkeyr, certlabl, why, n)   REFRESH SECURITY TYPE(SSL)
 *   struct tls_conn *t = tls_conn_new(srv, fd, conname, &qm->errlog);
 *   tls_conn_recv(t, buf, n) / tls_conn_send(t, p, n) / tls_conn_wants(t)
 *   rc = tls_channel_check(t, &chl, conname, el, c->sslpeer, sizeof c->sslpeer)
 *                                             at PROTO_CHLOPEN (t NULL for a
 *                                             plain connection): 0 or the MQRC
 *                                             the refusal carries
 *   tls_conn_close(t)                         close_notify when it can be sent at
 *                                             once, then freed (the socket is the
 *                                             caller's)
 *   tls_srv_release(srv)                      connections made keep it alive
 *
 * What is refused, and how (the entries go to the queue manager's error log;
 * MQ's numbers, qm/home/msgcat.h):
 *   the handshake fails: a client certificate that is untrusted, expired or not
 *       yet valid (AMQ9633E); the client goes before it ends (AMQ9665E); no
 *       common protocol or suite (AMQ9666E).  The connection is dropped.
 *   at CHLOPEN, the connection is refused with a reason for the client:
 *       a plain client on a channel with SSLCIPH: AMQ9639E, 2059 MQRC_Q_MGR_NOT_AVAILABLE
 *       a TLS client on a channel without SSLCIPH: AMQ9631E (required: none),
 *           2393 MQRC_SSL_INITIALIZATION_ERROR
 *       the suite agreed is not what SSLCIPH accepts: AMQ9631E, 2393
 *       no client certificate with SSLCAUTH(REQUIRED) or SSLPEER set: AMQ9637E, 2393
 *       the certificate's DN does not match SSLPEER: AMQ9636E, 2393
 *   The queue manager's key repository cannot be loaded: AMQ9657E, and the
 *   TLS connection is dropped (the loader's caller logs it: tls_srv_load says
 *   why).
 */
#ifndef QUIRE_SERVER_TLS_H
#define QUIRE_SERVER_TLS_H

#include <stddef.h>
#include <sys/types.h>

#include "cmqc.h"

struct errlog;
struct tls_srv;
struct tls_conn;

enum { TLS_WANT_READ = 1, TLS_WANT_WRITE = 2 };

/* The first byte of a TLS ClientHello record (the listener's rule). */
#define TLS_FIRST_BYTE 0x16

/* Load the key repository (stem: the queue manager's SSLKEYR, label: its
 * CERTLABL, blank for none).  0, or -1 with why. */
int tls_srv_load(struct tls_srv **out, const char *stem, const char *label, char *why, size_t nwhy);
void tls_srv_release(struct tls_srv *s);

/* The key repository new TLS connections use: loaded at the first one (stem
 * and label: the queue manager's SSLKEYR and CERTLABL then) and kept until
 * tls_srv_refresh (REFRESH SECURITY TYPE(SSL)), as MQ keeps its repository
 * until then.  NULL when it cannot be loaded: AMQ9657E is written (channel
 * unnamed yet, the reason) and the next TLS connection tries again.  The
 * event loop's thread only. */
struct tls_srv *tls_srv_get(const char *stem, const char *label, const struct errlog *el);
void tls_srv_refresh(void);

/* A TLS connection over fd (non-blocking, already accepted); conname (the
 * peer's address) and el name it in the error log.  NULL when out of memory. */
struct tls_conn *tls_conn_new(struct tls_srv *s, int fd, const char *conname, const struct errlog *el);
ssize_t tls_conn_recv(struct tls_conn *t, void *buf, size_t n);
ssize_t tls_conn_send(struct tls_conn *t, const void *buf, size_t n);
unsigned tls_conn_wants(const struct tls_conn *t);
int tls_conn_established(const struct tls_conn *t);
void tls_conn_close(struct tls_conn *t);

/* The name of the CipherSpec agreed ("TLS_AES_128_GCM_SHA256"), "" before
 * the handshake ends. */
const char *tls_conn_cipherspec(const struct tls_conn *t);

/* The channel attributes the checks need. */
struct tls_chl {
	const char *name;           /* the channel */
	const char *sslciph;        /* SSLCIPH ("" or blanks: none) */
	int sslcauth_required;      /* SSLCAUTH(REQUIRED) */
	const char *sslpeer;        /* SSLPEER ("" or blanks: none) */
};

/* At CHLOPEN: 0 when the connection may use the channel (peer_dn then holds
 * the client certificate's DN, "" when none: DISPLAY CHSTATUS SSLPEER), or
 * the MQRC of the refusal, its error log entry written. */
MQLONG tls_channel_check(struct tls_conn *t, const struct tls_chl *ch, const char *conname,
			 const struct errlog *el, char *peer_dn, size_t n);

/* Bytes OpenSSL holds decrypted that recv has not returned yet. */
size_t tls_conn_pending(struct tls_conn *t);

/* The event loop's side (conn.h's transport seam, channel.c's CHLOPEN). */
struct qm;
struct conn;
struct chl_attrs;
/* The TLS transport: c->xp of a connection that began with 0x16 (c->xp_ctx
 * its state); its ops set c->xp_want from what TLS waits for. */
extern const struct conn_xport conn_xport_tls;
/* Serve TLS: sets conn_tls_start (daemon start).  The key repository is the
 * queue manager's SSLKEYR (blank: <qm data dir>/ssl/key) and CERTLABL, loaded
 * at the first TLS client (tls_srv_get). */
void tls_serve(void);
/* At CHLOPEN, the channel found: tls_channel_check for the connection (a TLS
 * one or a plain one), c->sslpeer set; 0 or the refusal's reason. */
MQLONG tls_chlopen(struct qm *qm, struct conn *c, const struct chl_attrs *a);

#endif
