/*
 * client_tls.c: TLS on a client connection, libmqm's side (client_tls.h).
 */
#include "qm/mqi/client_tls.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "qm/tlsciph.h"
#include "qm/tlsctx.h"

struct ctls {
	SSL_CTX *ctx;
	SSL *ssl;
	int fd;
	pthread_mutex_t lock;
	MQLONG reason;              /* 2393 once TLS ended the connection */
	char cipherspec[40];
	char peer_dn[TLSPEER_MAX + 1];
};

static void whyf(char *why, size_t n, const char *fmt, const char *a, const char *b)
{
	if (why != NULL && n > 0)
		snprintf(why, n, fmt, a, b);
}

static size_t field_len(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n;
}

MQLONG ctls_keyrepo(const MQSCO *sco, const char *ccdt_repo, char *out, size_t n)
{
	if (n == 0)
		return MQRC_KEY_REPOSITORY_ERROR;
	out[0] = '\0';
	const char *env = getenv("MQSSLKEYR");
	if (sco != NULL && field_len(sco->KeyRepository, sizeof sco->KeyRepository) > 0) {
		size_t l = field_len(sco->KeyRepository, sizeof sco->KeyRepository);
		if (l >= n)
			return MQRC_KEY_REPOSITORY_ERROR;
		memcpy(out, sco->KeyRepository, l);
		out[l] = '\0';
	} else if (env != NULL && env[0] != '\0') {
		if (strlen(env) >= n)
			return MQRC_KEY_REPOSITORY_ERROR;
		snprintf(out, n, "%s", env);
	} else if (ccdt_repo != NULL && ccdt_repo[0] != '\0') {
		if (strlen(ccdt_repo) >= n)
			return MQRC_KEY_REPOSITORY_ERROR;
		snprintf(out, n, "%s", ccdt_repo);
	} else {
		return MQRC_KEY_REPOSITORY_ERROR;
	}
	return MQRC_NONE;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait for the socket as OpenSSL asked (err WANT_READ/WANT_WRITE); -1 at
 * the deadline (deadline < 0: none) or on a poll error. */
static int wait_io(int fd, int err, long long deadline)
{
	struct pollfd p = { .fd = fd, .events = err == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN };
	for (;;) {
		int tmo = -1;
		if (deadline >= 0) {
			long long left = deadline - now_ms();
			if (left <= 0)
				return -1;
			tmo = (int)(left > 1000000 ? 1000000 : left);
		}
		int r = poll(&p, 1, tmo);
		if (r > 0)
			return 0;
		if (r == 0)
			return -1;
		if (errno != EINTR)
			return -1;
	}
}

MQLONG ctls_connect(struct ctls **out, int fd, const char *cipherspec, const char *peername,
		    size_t peerlen, const char *keyrepo, const char *label, int timeout_ms,
		    char *why, size_t nwhy)
{
	*out = NULL;
	if (why && nwhy)
		why[0] = '\0';
	char csname[MQ_SSL_CIPHER_SPEC_LENGTH + 1];
	size_t cl = field_len(cipherspec, MQ_SSL_CIPHER_SPEC_LENGTH);
	memcpy(csname, cipherspec, cl);
	csname[cl] = '\0';
	const struct tls_ciph *cs = tlsciph_find(csname);
	if (cs == NULL) {
		whyf(why, nwhy, "CipherSpec '%s' is not one Quire knows%s", csname, "");
		return MQRC_SSL_INITIALIZATION_ERROR;
	}
	struct tls_peer peer = { 0 };
	char pn[TLSPEER_MAX + 1] = "";
	if (peername != NULL && peerlen > 0) {
		size_t pl = field_len(peername, peerlen);
		if (pl > TLSPEER_MAX) {
			whyf(why, nwhy, "SSLPeerName is longer than %s characters%s", "1024", "");
			return MQRC_SSL_PEER_NAME_ERROR;
		}
		memcpy(pn, peername, pl);
		pn[pl] = '\0';
		for (size_t i = 0; i < pl; i++)
			if (pn[i] == '\0') {
				whyf(why, nwhy, "SSLPeerName holds a NUL character%s%s", "", "");
				return MQRC_SSL_PEER_NAME_ERROR;
			}
	}
	if (pn[0] != '\0') {
		char w[200];
		if (tlspeer_parse(&peer, pn, w, sizeof w) != 0) {
			whyf(why, nwhy, "SSLPeerName is not valid: %s%s", w, "");
			return MQRC_SSL_PEER_NAME_ERROR;
		}
	}

	struct ctls *t = calloc(1, sizeof *t);
	if (t == NULL) {
		tlspeer_free(&peer);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	t->fd = fd;
	pthread_mutex_init(&t->lock, NULL);
	int rc = tls_ctx_new(&t->ctx, TLS_SIDE_CLIENT, keyrepo, label, cs, why, nwhy);
	if (rc != TLS_OK) {
		tlspeer_free(&peer);
		ctls_close(t);
		return rc == TLS_ECIPH ? MQRC_SSL_INITIALIZATION_ERROR : MQRC_KEY_REPOSITORY_ERROR;
	}
	t->ssl = SSL_new(t->ctx);
	int fl = fcntl(fd, F_GETFL);
	if (t->ssl == NULL || tls_set_socket(t->ssl, fd) != 1 || fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) != 0) {
		whyf(why, nwhy, "OpenSSL could not start a connection%s%s", "", "");
		tlspeer_free(&peer);
		ctls_close(t);
		return MQRC_SSL_INITIALIZATION_ERROR;
	}
	SSL_set_connect_state(t->ssl);
	long long deadline = timeout_ms > 0 ? now_ms() + timeout_ms : -1;
	for (;;) {
		ERR_clear_error();
		int r = SSL_do_handshake(t->ssl);
		if (r == 1)
			break;
		int err = SSL_get_error(t->ssl, r);
		if ((err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) && wait_io(fd, err, deadline) == 0)
			continue;
		char note[600], e[256];
		tls_verify_failure(t->ssl, note, sizeof note);
		tls_last_error(e, sizeof e);
		if (note[0] != '\0')
			whyf(why, nwhy, "the queue manager's certificate was refused: %s%s", note, "");
		else if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE)
			whyf(why, nwhy, "the TLS handshake timed out%s%s", "", "");
		else if (e[0] != '\0')
			whyf(why, nwhy, "the TLS handshake failed: %s%s", e, "");
		else
			whyf(why, nwhy, "the connection was closed during the TLS handshake%s%s", "", "");
		tlspeer_free(&peer);
		ctls_close(t);
		return MQRC_SSL_INITIALIZATION_ERROR;
	}
	const struct tls_ciph *got = tlsciph_by_ossl(SSL_get_cipher_name(t->ssl));
	snprintf(t->cipherspec, sizeof t->cipherspec, "%s", got ? got->name : SSL_get_cipher_name(t->ssl));
	X509 *cert = SSL_get1_peer_certificate(t->ssl);
	if (cert != NULL) {
		tls_dn_string(X509_get_subject_name(cert), t->peer_dn, sizeof t->peer_dn);
		X509_free(cert);
	}
	if (peer.n > 0 && !tlspeer_match(&peer, t->peer_dn)) {
		whyf(why, nwhy, "the queue manager's certificate '%s' does not match SSLPeerName '%s'", t->peer_dn, pn);
		tlspeer_free(&peer);
		ctls_close(t);
		return MQRC_SSL_PEER_NAME_MISMATCH;
	}
	tlspeer_free(&peer);
	*out = t;
	return MQRC_NONE;
}

/* One OpenSSL call under the lock; waiting outside it. */
static int io(struct ctls *t, int wr, void *buf, size_t n)
{
	for (;;) {
		pthread_mutex_lock(&t->lock);
		ERR_clear_error();
		errno = 0;
		int want = n > (size_t)1 << 30 ? 1 << 30 : (int)n;
		int r = wr ? SSL_write(t->ssl, buf, want) : SSL_read(t->ssl, buf, want);
		int err = r > 0 ? SSL_ERROR_NONE : SSL_get_error(t->ssl, r);
		int saved = errno;
		if (err == SSL_ERROR_SSL)
			t->reason = MQRC_SSL_INITIALIZATION_ERROR;
		ERR_clear_error();
		if (wr && r <= 0 && err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE && !t->reason) {
			/* the queue manager may have said why before it closed (TLS 1.3
			 * refuses a client's certificate after the client's handshake):
			 * its alert is read, not lost behind the failed send */
			char one;
			int rr = SSL_read(t->ssl, &one, 1);
			if (rr <= 0 && SSL_get_error(t->ssl, rr) == SSL_ERROR_SSL)
				t->reason = MQRC_SSL_INITIALIZATION_ERROR;
			ERR_clear_error();
		}
		pthread_mutex_unlock(&t->lock);
		if (r > 0)
			return r;
		if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
			if (wait_io(t->fd, err, -1) != 0)
				return -1;
			continue;
		}
		if (err == SSL_ERROR_ZERO_RETURN || (err == SSL_ERROR_SYSCALL && saved == 0))
			return 0;
		errno = saved ? saved : EPROTO;
		return -1;
	}
}

/* n bytes through io, however it splits them: 0, or -1. */
static int write_full(struct ctls *t, const unsigned char *p, size_t n)
{
	while (n > 0) {
		int k = io(t, 1, (void *)p, n);
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* A frame's pieces gathered into records of up to CTLS_RECORD bytes (TLS's
 * largest): one SSL_write a record, not one a piece.  One a piece made a
 * frame's header, structures and body each a record of its own, each its own
 * send() and AEAD, and two reads for the queue manager (record header, then
 * body): five records for an MQPUT of 1 KiB (bench/README.md, netbench).
 * What is left of a piece when the buffer is empty goes straight out in whole
 * records, without a copy.  The buffer is the heap's (an application thread's
 * stack may be as small as PTHREAD_STACK_MIN, 16 KiB). */
#define CTLS_RECORD 16384
int ctls_send_all(struct ctls *t, const struct iovec *iov, int niov)
{
	size_t total = 0;
	for (int i = 0; i < niov; i++)
		total += iov[i].iov_len;
	unsigned char *buf = malloc(total < CTLS_RECORD ? (total ? total : 1) : CTLS_RECORD);
	if (!buf)
		return -1;
	size_t fill = 0;
	int rc = 0;
	for (int i = 0; i < niov && !rc; i++) {
		const unsigned char *p = iov[i].iov_base;
		size_t left = iov[i].iov_len;
		while (left > 0) {
			if (fill == 0 && left >= CTLS_RECORD) {
				size_t whole = left - left % CTLS_RECORD;
				if ((rc = write_full(t, p, whole)) != 0)
					break;
				p += whole;
				left -= whole;
				continue;
			}
			size_t take = left < CTLS_RECORD - fill ? left : CTLS_RECORD - fill;
			memcpy(buf + fill, p, take);
			fill += take;
			p += take;
			left -= take;
			if (fill == CTLS_RECORD) {
				if ((rc = write_full(t, buf, fill)) != 0)
					break;
				fill = 0;
			}
		}
	}
	if (!rc && fill)
		rc = write_full(t, buf, fill);
	free(buf);
	return rc;
}

ssize_t ctls_recv(struct ctls *t, void *buf, size_t n)
{
	if (n == 0)
		return 0;
	return io(t, 0, buf, n);
}

size_t ctls_pending(struct ctls *t)
{
	pthread_mutex_lock(&t->lock);
	int k = SSL_pending(t->ssl);
	pthread_mutex_unlock(&t->lock);
	return k > 0 ? (size_t)k : 0;
}

MQLONG ctls_reason(const struct ctls *t)
{
	return t ? t->reason : 0;
}

const char *ctls_cipherspec(const struct ctls *t)
{
	return t->cipherspec;
}

const char *ctls_peer_dn(const struct ctls *t)
{
	return t->peer_dn;
}

void ctls_shutdown(struct ctls *t)
{
	if (t == NULL || t->ssl == NULL)
		return;
	pthread_mutex_lock(&t->lock);
	if (SSL_is_init_finished(t->ssl) && !(SSL_get_shutdown(t->ssl) & SSL_SENT_SHUTDOWN))
		(void)SSL_shutdown(t->ssl);   /* close_notify if the socket takes it now */
	ERR_clear_error();
	pthread_mutex_unlock(&t->lock);
}

void ctls_free(struct ctls *t)
{
	if (t == NULL)
		return;
	SSL_free(t->ssl);
	SSL_CTX_free(t->ctx);
	ERR_clear_error();
	pthread_mutex_destroy(&t->lock);
	free(t);
}

void ctls_close(struct ctls *t)
{
	ctls_shutdown(t);
	ctls_free(t);
}
