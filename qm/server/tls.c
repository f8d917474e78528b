/*
 * tls.c: TLS on client connections, the queue manager's side (tls.h).
 *
 * OpenSSL runs on the connection's own non-blocking socket (SSL_set_fd):
 * SSL_ERROR_WANT_READ / WANT_WRITE become EAGAIN and tls_conn_wants().  The
 * server accepts only the suites of the CipherSpec table (qm/tlsciph.h),
 * TLS 1.2 and 1.3, and lets the channel decide after the handshake, once
 * CHLOPEN names it: the handshake cannot know the channel (MQ's clients
 * name it in SNI; Quire's wire protocol names it in CHLOPEN, after TLS).
 */
#include "qm/server/tls.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/ssl.h>

#include <sys/epoll.h>
#include <unistd.h>

#include "cmqcfc.h"
#include "qm/home/errlog.h"
#include "qm/home/msgcat.h"
#include "qm/qmrun.h"
#include "qm/server/channel.h"
#include "qm/server/conn.h"
#include "qm/server/mqiserv.h"
#include "qm/tlsciph.h"
#include "qm/tlsctx.h"

/* the channel before CHLOPEN names it, as MQ shows it (no trigraph) */
#define UNNAMED "?\?\?\?"

struct tls_srv {
	SSL_CTX *ctx;
};

struct tls_conn {
	SSL *ssl;
	unsigned wants;
	int established;
	int failed;                 /* the handshake failed (logged once) */
	char conname[64];
	const struct errlog *el;
	struct qm *qm;              /* for SSLEV's events (NULL: none, as in the unit test) */
};

int tls_srv_load(struct tls_srv **out, const char *stem, const char *label, char *why, size_t nwhy)
{
	*out = NULL;
	struct tls_srv *s = calloc(1, sizeof *s);
	if (s == NULL) {
		snprintf(why, nwhy, "out of memory");
		return -1;
	}
	if (tls_ctx_new(&s->ctx, TLS_SIDE_SERVER, stem, label, NULL, why, nwhy) != TLS_OK) {
		free(s);
		return -1;
	}
	*out = s;
	return 0;
}

void tls_srv_release(struct tls_srv *s)
{
	if (s == NULL)
		return;
	SSL_CTX_free(s->ctx);   /* the connections made from it hold their own reference */
	free(s);
}

static struct tls_srv *current;   /* tls_srv_get's, the event loop's */

struct tls_srv *tls_srv_get(const char *stem, const char *label, const struct errlog *el)
{
	if (current != NULL)
		return current;
	char why[600];
	if (tls_srv_load(&current, stem, label, why, sizeof why) != 0) {
		current = NULL;
		if (el)
			ERRLOG(el, AMQ_TLS_KEY_REPOSITORY, UNNAMED, why);
	}
	return current;
}

void tls_srv_refresh(void)
{
	tls_srv_release(current);
	current = NULL;
}

struct tls_conn *tls_conn_new(struct tls_srv *s, int fd, const char *conname, const struct errlog *el)
{
	if (s == NULL)
		return NULL;
	struct tls_conn *t = calloc(1, sizeof *t);
	if (t == NULL)
		return NULL;
	t->ssl = SSL_new(s->ctx);
	if (t->ssl == NULL || tls_set_socket(t->ssl, fd) != 1) {
		SSL_free(t->ssl);
		free(t);
		ERR_clear_error();
		return NULL;
	}
	SSL_set_accept_state(t->ssl);
	snprintf(t->conname, sizeof t->conname, "%s", conname ? conname : "");
	t->el = el;
	return t;
}

int tls_conn_established(const struct tls_conn *t)
{
	return t != NULL && t->established;
}

unsigned tls_conn_wants(const struct tls_conn *t)
{
	return t ? t->wants : 0;
}

const char *tls_conn_cipherspec(const struct tls_conn *t)
{
	if (t == NULL || !t->established)
		return "";
	const struct tls_ciph *cs = tlsciph_by_ossl(SSL_get_cipher_name(t->ssl));
	return cs ? cs->name : SSL_get_cipher_name(t->ssl);
}

/* Channel SSL Error events (MQ's, SSLEV(ENABLED) on the queue manager) on
 * SYSTEM.ADMIN.CHANNEL.EVENT: Command MQCMD_CHANNEL_EVENT (46), Reason
 * MQRC_CHANNEL_SSL_ERROR (2371); the data (qmgrev.c's format): MQCFST
 * MQCA_Q_MGR_NAME; MQCFIN MQIACF_REASON_QUALIFIER (MQRQ_SSL_HANDSHAKE_ERROR
 * 13, _CIPHER_SPEC_ERROR 14, _CLIENT_AUTH_ERROR 15, _PEER_NAME_ERROR 16);
 * MQCFST MQCACH_CHANNEL_NAME (not for a handshake error: the channel is not
 * named yet); MQCFST MQCACH_CONNECTION_NAME; for a handshake error MQCFST
 * MQCACH_SSL_HANDSHAKE_STAGE (32: "SSL_do_handshake") and MQCFIN
 * MQIACH_SSL_RETURN_CODE (OpenSSL's verify result, or its error's reason
 * code); for a peer name error MQCFST MQCACH_SSL_PEER_NAME (1024: the
 * certificate's DN).  Not sent: XmitQName (no sender channels). */
static int sslev_said;   /* AMQ7930W said since the last SSL event put */

static void ssl_event(struct qm *qm, MQLONG rq, const char *chl, const char *conname, MQLONG sslrc,
		      const char *dn)
{
	if (qm == NULL || qm->os.qmgr.ssl_event != MQEVR_ENABLED)
		return;
	MQLONG ccsid = qm->os.qmgr.ccsid;
	struct evmsg *e = malloc(sizeof *e);
	if (e == NULL)
		return;
	evmsg_begin(e, MQCMD_CHANNEL_EVENT, MQRC_CHANNEL_SSL_ERROR, -1);
	evmsg_str(e, MQCA_Q_MGR_NAME, ccsid, qm->paths.name, MQ_Q_MGR_NAME_LENGTH);
	evmsg_int(e, MQIACF_REASON_QUALIFIER, rq);
	if (chl != NULL)
		evmsg_str(e, MQCACH_CHANNEL_NAME, ccsid, chl, MQ_CHANNEL_NAME_LENGTH);
	evmsg_str(e, MQCACH_CONNECTION_NAME, ccsid, conname ? conname : "", MQ_CONN_NAME_LENGTH);
	if (rq == MQRQ_SSL_HANDSHAKE_ERROR) {
		evmsg_str(e, MQCACH_SSL_HANDSHAKE_STAGE, ccsid, "SSL_do_handshake", MQ_SSL_HANDSHAKE_STAGE_LENGTH);
		evmsg_int(e, MQIACH_SSL_RETURN_CODE, sslrc);
	}
	if (rq == MQRQ_SSL_PEER_NAME_ERROR)
		evmsg_str(e, MQCACH_SSL_PEER_NAME, ccsid, dn ? dn : "", MQ_SSL_PEER_NAME_LENGTH);
	evmsg_put(qm, e, "SYSTEM.ADMIN.CHANNEL.EVENT", &sslev_said);
	free(e);
}

/* The handshake failed: one error log entry saying why. */
static void handshake_failed(struct tls_conn *t, int err, int eof)
{
	if (t->failed)
		return;
	t->failed = 1;
	char note[600], e[256];
	tls_verify_failure(t->ssl, note, sizeof note);
	unsigned long code = ERR_peek_last_error();
	tls_last_error(e, sizeof e);
	long vr = SSL_get_verify_result(t->ssl);
	ssl_event(t->qm, MQRQ_SSL_HANDSHAKE_ERROR, NULL, t->conname,
		  (MQLONG)(vr != X509_V_OK ? vr : (long)ERR_GET_REASON(code)), NULL);
	if (t->el == NULL)
		return;
	if (note[0] != '\0')
		ERRLOG(t->el, AMQ_TLS_BAD_CERT, UNNAMED, t->conname, note);
	else if (eof || err == SSL_ERROR_SYSCALL || (err == SSL_ERROR_SSL && strstr(e, "wrong version number")))
		ERRLOG(t->el, AMQ_TLS_CLOSED_BY_REMOTE, UNNAMED, t->conname);
	else
		ERRLOG(t->el, AMQ_TLS_HANDSHAKE_FAILED, UNNAMED, t->conname, e[0] ? e : "no reason given");
}

/* An OpenSSL result that is not data: EAGAIN (wants set), 0 for the peer's
 * close_notify, -1 with errno for the end. */
static ssize_t io_end(struct tls_conn *t, int r)
{
	int err = SSL_get_error(t->ssl, r);
	switch (err) {
	case SSL_ERROR_WANT_READ:
		t->wants = TLS_WANT_READ;
		errno = EAGAIN;
		return -1;
	case SSL_ERROR_WANT_WRITE:
		t->wants = TLS_WANT_WRITE;
		errno = EAGAIN;
		return -1;
	case SSL_ERROR_ZERO_RETURN:
		if (!t->established)
			handshake_failed(t, err, 1);
		return 0;
	case SSL_ERROR_SYSCALL:
		if (!t->established)
			handshake_failed(t, err, 1);
		ERR_clear_error();
		if (errno == 0 || errno == EAGAIN)
			return 0;   /* the peer went without close_notify */
		return -1;
	default:
		if (!t->established)
			handshake_failed(t, err, 0);
		ERR_clear_error();
		errno = EPROTO;
		return -1;
	}
}

static void note_established(struct tls_conn *t)
{
	if (!t->established && SSL_is_init_finished(t->ssl))
		t->established = 1;
}

ssize_t tls_conn_recv(struct tls_conn *t, void *buf, size_t n)
{
	size_t got = 0;
	t->wants = 0;
	while (got < n) {
		size_t want = n - got > (size_t)1 << 30 ? (size_t)1 << 30 : n - got;
		errno = 0;
		ERR_clear_error();   /* the queue is the thread's: another connection's errors must not count */
		int r = SSL_read(t->ssl, (char *)buf + got, (int)want);
		note_established(t);
		if (r > 0) {
			got += (size_t)r;
			continue;
		}
		if (got > 0) {
			/* what came is given now; the condition shows again at the next call */
			int err = SSL_get_error(t->ssl, r);
			if (err == SSL_ERROR_WANT_WRITE)
				t->wants = TLS_WANT_WRITE;
			ERR_clear_error();
			return (ssize_t)got;
		}
		return io_end(t, r);
	}
	return (ssize_t)got;
}

ssize_t tls_conn_send(struct tls_conn *t, const void *buf, size_t n)
{
	t->wants = 0;
	if (n == 0)
		return 0;
	size_t want = n > (size_t)1 << 30 ? (size_t)1 << 30 : n;
	errno = 0;
	ERR_clear_error();
	int r = SSL_write(t->ssl, buf, (int)want);
	note_established(t);
	if (r > 0)
		return r;
	ssize_t k = io_end(t, r);
	if (k == 0) {
		errno = EPIPE;
		return -1;
	}
	return k;
}

void tls_conn_close(struct tls_conn *t)
{
	if (t == NULL)
		return;
	if (t->established && !t->failed)
		(void)SSL_shutdown(t->ssl);   /* close_notify if the socket takes it now; never waits */
	ERR_clear_error();
	SSL_free(t->ssl);
	free(t);
}

static int blank(const char *s)
{
	if (s == NULL)
		return 1;
	while (*s == ' ')
		s++;
	return *s == '\0';
}

/* s without trailing blanks, into out */
static const char *trim(const char *s, char *out, size_t n)
{
	snprintf(out, n, "%s", s ? s : "");
	size_t l = strlen(out);
	while (l > 0 && out[l - 1] == ' ')
		out[--l] = '\0';
	return out;
}

static MQLONG channel_check(struct tls_conn *t, const struct tls_chl *ch, const char *conname,
			    const struct errlog *el, char *peer_dn, size_t n, MQLONG *rq, char *dn_out, size_t dn_n);

MQLONG tls_channel_check(struct tls_conn *t, const struct tls_chl *ch, const char *conname,
			 const struct errlog *el, char *peer_dn, size_t n)
{
	MQLONG rq;
	char dn[8];
	return channel_check(t, ch, conname, el, peer_dn, n, &rq, dn, sizeof dn);
}

/* The checks; *rq the event's reason qualifier of a refusal, dn_out the
 * certificate's DN (for a peer name error's event). */
static MQLONG channel_check(struct tls_conn *t, const struct tls_chl *ch, const char *conname,
			    const struct errlog *el, char *peer_dn, size_t n, MQLONG *rq, char *dn_out, size_t dn_n)
{
	*rq = MQRQ_SSL_CIPHER_SPEC_ERROR;
	if (dn_n > 0)
		dn_out[0] = '\0';
	char chl[64], ciph[64], peer[TLSPEER_MAX + 1];
	trim(ch->name, chl, sizeof chl);
	trim(ch->sslciph, ciph, sizeof ciph);
	trim(ch->sslpeer, peer, sizeof peer);
	if (n > 0)
		peer_dn[0] = '\0';
	if (conname == NULL)
		conname = "";

	if (t == NULL) {
		if (blank(ciph))
			return MQRC_NONE;
		if (el)
			ERRLOG(el, AMQ_TLS_REMOTE_NO_CIPHER, chl, conname, ciph);
		return MQRC_Q_MGR_NOT_AVAILABLE;
	}
	if (!t->established)
		return MQRC_SSL_INITIALIZATION_ERROR;   /* not reached: CHLOPEN comes after the handshake */

	const char *agreed = tls_conn_cipherspec(t);
	const struct tls_ciph *cs = tlsciph_find(ciph);
	if (blank(ciph) || cs == NULL ||
	    !tlsciph_accepts(cs, SSL_get_cipher_name(t->ssl), tls_proto_bit(t->ssl))) {
		if (el)
			ERRLOG(el, AMQ_TLS_CIPHER_MISMATCH, chl, agreed, blank(ciph) ? " " : ciph, conname);
		return MQRC_SSL_INITIALIZATION_ERROR;
	}

	X509 *cert = SSL_get1_peer_certificate(t->ssl);
	char dn[TLSPEER_MAX + 1] = "";
	if (cert != NULL) {
		tls_dn_string(X509_get_subject_name(cert), dn, sizeof dn);
		X509_free(cert);
		/* OpenSSL's verification passed or the handshake would have failed */
	}
	if (dn_n > 0)
		snprintf(dn_out, dn_n, "%s", dn);
	if (cert == NULL && (ch->sslcauth_required || !blank(peer))) {
		*rq = MQRQ_SSL_CLIENT_AUTH_ERROR;
		if (el)
			ERRLOG(el, AMQ_TLS_NO_CLIENT_CERT, chl, conname);
		return MQRC_SSL_INITIALIZATION_ERROR;
	}
	if (!blank(peer)) {
		struct tls_peer p;
		char why[160];
		int ok = tlspeer_parse(&p, peer, why, sizeof why) == 0 && tlspeer_match(&p, dn);
		tlspeer_free(&p);
		if (!ok) {
			*rq = MQRQ_SSL_PEER_NAME_ERROR;
			if (el)
				ERRLOG(el, AMQ_TLS_PEER_MISMATCH, chl, dn, peer, conname);
			return MQRC_SSL_INITIALIZATION_ERROR;
		}
	}
	if (n > 0)
		snprintf(peer_dn, n, "%s", dn);
	return MQRC_NONE;
}

size_t tls_conn_pending(struct tls_conn *t)
{
	int k = t ? SSL_pending(t->ssl) : 0;
	return k > 0 ? (size_t)k : 0;
}

/* ---- the connection's transport (conn.h: c->xp) ---------------------------------------- */

/* c->xp_ctx of a TLS connection */
struct tls_xp {
	struct tls_conn *t;
	struct qm *qm;
	unsigned recv_wants_out;    /* the last recv waits for the socket to be writable */
	unsigned send_wants_in;     /* the last send waits for it to be readable */
};

/* What TLS waits for beyond the loop's usual events, told to the loop
 * (c->xp_want) when it changes: a recv that must write first (EPOLLOUT), a
 * send that must read first (EPOLLIN).  A recv waiting for data and a send
 * waiting for room are what the loop watches anyway. */
static void xp_want(struct conn *c, struct tls_xp *x)
{
	unsigned ev = (x->recv_wants_out ? EPOLLOUT : 0u) | (x->send_wants_in ? EPOLLIN : 0u);
	if (ev != c->xp_want) {
		c->xp_want = ev;
		conn_xp_rearm(x->qm, c);
	}
}

static ssize_t xp_recv(struct conn *c, void *buf, size_t n)
{
	struct tls_xp *x = c->xp_ctx;
	ssize_t k = tls_conn_recv(x->t, buf, n);
	int e = errno;
	x->recv_wants_out = tls_conn_wants(x->t) == TLS_WANT_WRITE;
	xp_want(c, x);
	errno = e;
	return k;
}

static ssize_t xp_send(struct conn *c, const void *buf, size_t n)
{
	struct tls_xp *x = c->xp_ctx;
	ssize_t k = tls_conn_send(x->t, buf, n);
	int e = errno;
	x->send_wants_in = tls_conn_wants(x->t) == TLS_WANT_READ;
	xp_want(c, x);
	errno = e;
	return k;
}

static void xp_close(struct conn *c)
{
	struct tls_xp *x = c->xp_ctx;
	if (x != NULL) {
		tls_conn_close(x->t);
		free(x);
	}
	c->xp_ctx = NULL;
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

static size_t xp_pending(struct conn *c)
{
	struct tls_xp *x = c->xp_ctx;
	return x ? tls_conn_pending(x->t) : 0;
}

const struct conn_xport conn_xport_tls = { "tls", xp_recv, xp_send, xp_close, xp_pending };

/* <qm data dir>/ssl/key when SSLKEYR is blank (MQ's default stem) */
static void qm_stem(const struct qm *qm, char *out, size_t n)
{
	const char *k = qm->os.qmgr.ssl_key_repository;
	size_t l = k ? strlen(k) : 0;
	while (l > 0 && k[l - 1] == ' ')
		l--;
	if (l > 0)
		snprintf(out, n, "%.*s", (int)l, k);
	else
		snprintf(out, n, "%s/ssl/key", qm->paths.data_dir);
}

/* conn_tls_start: the client's first byte was 0x16. */
static int tls_start(struct qm *qm, struct conn *c)
{
	char stem[PATH_MAX + 32], label[sizeof qm->os.qmgr.cert_label];
	qm_stem(qm, stem, sizeof stem);
	snprintf(label, sizeof label, "%s", qm->os.qmgr.cert_label);
	struct tls_srv *s = tls_srv_get(stem, label, &qm->el);
	if (s == NULL)
		return -1;
	struct tls_xp *x = calloc(1, sizeof *x);
	if (x == NULL)
		return -1;
	x->qm = qm;
	x->t = tls_conn_new(s, c->fd, c->conname, &qm->el);
	if (x->t == NULL) {
		free(x);
		return -1;
	}
	x->t->qm = qm;
	c->xp = &conn_xport_tls;
	c->xp_ctx = x;
	return 0;
}

void tls_serve(void)
{
	conn_tls_start = tls_start;
}

MQLONG tls_chlopen(struct qm *qm, struct conn *c, const struct chl_attrs *a)
{
	struct tls_conn *t = NULL;
	if (c->xp == &conn_xport_tls && c->xp_ctx != NULL)
		t = ((struct tls_xp *)c->xp_ctx)->t;
	struct tls_chl ch = { a->name, a->sslciph, a->sslcauth_required, a->sslpeer };
	MQLONG rq;
	char dn[TLSPEER_MAX + 1];
	MQLONG rc = channel_check(t, &ch, c->conname, &qm->el, c->sslpeer, sizeof c->sslpeer, &rq, dn, sizeof dn);
	if (rc != MQRC_NONE)
		ssl_event(qm, rq, a->name, c->conname, 0, dn);
	return rc;
}
