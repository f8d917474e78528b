/*
 * tlsctx.h: the key repository as PEM files and OpenSSL's contexts built from
 * it, for the queue manager's TLS listener side (qm/server/tls.c) and
 * libmqm's client side (qm/mqi/client_tls.c).  Linked into both, as
 * tlsciph.o is (OpenSSL 3: -lssl -lcrypto).
 *
 * The key repository.  MQ keeps keys in a CMS .kdb or a .p12 file named by a
 * stem (SSLKEYR, MQSSLKEYR, MQSCO.KeyRepository: "/var/mqm/qmgrs/QM1/ssl/key"
 * for key.kdb).  Quire keeps PEM files under the same stem:
 *
 *   <stem>.crt     this side's certificate, then the intermediates of its chain
 *   <stem>.key     its private key (unencrypted PEM); the file must not be
 *                  readable or writable by group or others (mode 0600 or
 *                  stricter), or the repository is refused
 *   <stem>.ca      the CA certificates this side trusts (one or more PEM)
 *
 * A certificate label (CERTLABL, MQSCO.CertificateLabel, MQCD.CertificateLabel)
 * names another certificate and key in the same repository:
 * <stem>-<label>.crt and <stem>-<label>.key (the label may not hold '/' or
 * start with '.').  Blank: <stem>.crt and <stem>.key (MQ's default label,
 * ibmwebspheremq<name>, has no meaning here).
 *
 * The queue manager needs .crt and .key (a listener with no certificate
 * cannot serve TLS) and .ca to check clients' certificates (without it every
 * client certificate offered is refused, and SSLCAUTH(REQUIRED) channels
 * refuse everyone).  A client needs .ca (the server's certificate is always
 * checked) and .crt/.key only when a channel asks for its certificate.
 *
 *   SSL_CTX *ctx;
 *   tls_ctx_new(&ctx, TLS_SIDE_SERVER, stem, label, NULL, why, sizeof why)
 *   tls_ctx_new(&ctx, TLS_SIDE_CLIENT, stem, label, cs, why, sizeof why)
 *   tls_dn_string(X509_get_subject_name(cert), dn, sizeof dn)
 *
 * The server's context offers every CipherSpec of the table (TLS 1.2 and
 * 1.3) and asks every client for its certificate: one the client offers is
 * verified against <stem>.ca (an untrusted or expired one fails the
 * handshake, SSLCAUTH OPTIONAL or REQUIRED alike), none offered is allowed
 * by the handshake and judged against the channel after it
 * (qm/server/tls.h).  A client's context offers only what its CipherSpec
 * names (one suite and its protocol, or an alias's protocols) and always
 * verifies the server's certificate.
 *
 * Error handling: tls_ctx_new returns TLS_OK, TLS_EREPO (a file missing,
 * unreadable, not PEM, the key not matching the certificate, the key's mode
 * too open: why says which) or TLS_ECIPH (no suite left to offer); nothing is
 * left allocated on failure.
 */
#ifndef QUIRE_QM_TLSCTX_H
#define QUIRE_QM_TLSCTX_H

#include <stddef.h>

#include <openssl/ssl.h>

#include "qm/tlsciph.h"

enum {
	TLS_OK = 0,
	TLS_EREPO = -1,
	TLS_ECIPH = -2
};

enum tls_side { TLS_SIDE_SERVER, TLS_SIDE_CLIENT };

/* The repository's file for what ("crt", "key", "ca") under stem and label
 * (NULL or blank: none).  -1 when the label is not usable or the path too long. */
int tls_repo_path(char *out, size_t n, const char *stem, const char *label, const char *what);

int tls_ctx_new(SSL_CTX **out, enum tls_side side, const char *stem, const char *label,
		const struct tls_ciph *cs, char *why, size_t nwhy);

/* A certificate name as MQ shows it: MQ's attribute names, most specific
 * first, ',' between ("CN=app1,OU=Test,O=Quire,C=GB"); attributes MQ has no
 * name for are left out; ',', ';', '"' and '\' in values escaped with '\'. */
void tls_dn_string(const X509_NAME *name, char *out, size_t n);

/* What went wrong in OpenSSL last (its error queue, emptied), for a log. */
void tls_last_error(char *out, size_t n);

/* What a handshake's verification of the peer's certificate said: the
 * certificate that failed (subject, issuer) and why, recorded by the verify
 * callback tls_ctx_new installs; "" when nothing failed. */
void tls_verify_failure(SSL *ssl, char *out, size_t n);

/* Put ssl on socket fd through Quire's own BIO: send(MSG_NOSIGNAL) and recv,
 * so a peer that has gone never raises SIGPIPE (libmqm may not touch the
 * application's signals).  1, or 0 when out of memory. */
int tls_set_socket(SSL *ssl, int fd);

/* The protocol bit (TLSCIPH_TLS12 / TLSCIPH_TLS13) of a finished handshake, 0
 * for anything else. */
int tls_proto_bit(const SSL *ssl);

#endif
