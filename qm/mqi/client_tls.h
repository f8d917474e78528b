/*
 * client_tls.h: TLS on a client connection, libmqm's side.  The client
 * connection code (the function that opens a connection from an MQCD) calls
 * ctls_connect on the connected TCP socket when the MQCD's SSLCipherSpec is
 * not blank, before it sends PROTO_CHLOPEN, and then moves every byte of the
 * connection through ctls_send_all / ctls_recv instead of the socket.
 *
 * The key repository (PEM files, qm/tlsctx.h): MQSCO.KeyRepository when an
 * MQSCO is given and its KeyRepository is not blank, else the environment's
 * MQSSLKEYR (MQ's order), else the CCDT's (the caller passes it); none:
 * 2381 MQRC_KEY_REPOSITORY_ERROR.  The certificate label: MQCD's
 * CertificateLabel (version 11+), else MQSCO's (version 5+), else none.
 *
 *   char repo[MQ_SSL_KEY_REPOSITORY_LENGTH + 1];
 *   rc = ctls_keyrepo(sco, ccdt_repo, repo, sizeof repo);
 *   rc = ctls_connect(&t, fd, cd->SSLCipherSpec, peer, peerlen, repo, label, 60000, why, n);
 *   ctls_send_all(t, iov, niov)       0, or -1 (the connection is broken)
 *   ctls_recv(t, buf, n)              as recv(2): bytes, 0 at the end, -1
 *   ctls_pending(t)                   bytes decrypted and not read yet: look
 *                                     at these before waiting on the socket
 *   ctls_reason(t)                    after a failed recv or send: 2393 when
 *                                     TLS ended it (an alert: under TLS 1.3 the
 *                                     queue manager refuses a client
 *                                     certificate after the client's handshake
 *                                     is done, so it shows at the first read),
 *                                     0 for a plain end
 *   ctls_close(t)                     close_notify, freed (the socket is the caller's)
 *   ctls_shutdown(t); ... ctls_free(t)  the same in two steps: close_notify
 *                                     while the socket is open, the memory
 *                                     once no thread can use t (a broken
 *                                     connection's socket closes before its
 *                                     handle is freed)
 *
 * The queue manager's certificate is checked against <stem>.ca (chain,
 * dates) and SSLPeerName; its host name is not compared with the address
 * dialled (MQ's clients check SSLPeerName only).  The channel's name is not
 * sent in SNI (MQ's clients do; Quire's queue manager learns it from CHLOPEN,
 * after the handshake, and judges the channel's TLS attributes then).
 *
 * Threads: a send may run beside a recv in another thread (MQCTL's
 * dispatcher); each OpenSSL call is made under the connection's lock and
 * waiting is done outside it (poll on the socket, which ctls_connect makes
 * non-blocking).
 *
 * Reasons (MQCC_FAILED with each):
 *   2381 MQRC_KEY_REPOSITORY_ERROR      no key repository named, or its files
 *                                       cannot be used (the .ca missing, the
 *                                       key's mode too open, not PEM ...)
 *   2393 MQRC_SSL_INITIALIZATION_ERROR  a CipherSpec Quire does not know, the
 *                                       handshake failed (the queue manager's
 *                                       certificate untrusted, expired or not
 *                                       valid yet; the queue manager refused
 *                                       ours; no common suite), or timed out
 *   2399 MQRC_SSL_PEER_NAME_ERROR       SSLPeerName is not a valid pattern
 *   2398 MQRC_SSL_PEER_NAME_MISMATCH    the queue manager's certificate does
 *                                       not match SSLPeerName
 * why says what happened in words (for the client's error log).
 */
#ifndef QUIRE_MQI_CLIENT_TLS_H
#define QUIRE_MQI_CLIENT_TLS_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/uio.h>

#include "cmqc.h"

struct ctls;

MQLONG ctls_keyrepo(const MQSCO *sco, const char *ccdt_repo, char *out, size_t n);

MQLONG ctls_connect(struct ctls **out, int fd, const char *cipherspec, const char *peername,
		    size_t peerlen, const char *keyrepo, const char *label, int timeout_ms,
		    char *why, size_t nwhy);
int ctls_send_all(struct ctls *t, const struct iovec *iov, int niov);
ssize_t ctls_recv(struct ctls *t, void *buf, size_t n);
size_t ctls_pending(struct ctls *t);
MQLONG ctls_reason(const struct ctls *t);
/* The CipherSpec agreed and the queue manager's certificate's DN. */
const char *ctls_cipherspec(const struct ctls *t);
const char *ctls_peer_dn(const struct ctls *t);
void ctls_close(struct ctls *t);
void ctls_shutdown(struct ctls *t);
void ctls_free(struct ctls *t);

#endif
