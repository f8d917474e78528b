/*
 * tlsctx.c: the PEM key repository and OpenSSL's contexts (tlsctx.h).
 */
#include "qm/tlsctx.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

/* The verify callback's note, kept with each SSL (ex_data). */
#define VERIFY_NOTE_MAX 600
static int note_index = -1;
static pthread_once_t note_once = PTHREAD_ONCE_INIT;

static void note_free(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
	(void)parent; (void)ad; (void)idx; (void)argl; (void)argp;
	free(ptr);
}

static void note_init(void)
{
	note_index = SSL_get_ex_new_index(0, NULL, NULL, NULL, note_free);
}

static int verify_cb(int ok, X509_STORE_CTX *x)
{
	if (ok)
		return ok;
	SSL *ssl = X509_STORE_CTX_get_ex_data(x, SSL_get_ex_data_X509_STORE_CTX_idx());
	if (ssl == NULL || note_index < 0 || SSL_get_ex_data(ssl, note_index) != NULL)
		return ok;   /* the first failure is the one to tell */
	char *note = malloc(VERIFY_NOTE_MAX);
	if (note == NULL)
		return ok;
	X509 *cert = X509_STORE_CTX_get_current_cert(x);
	char subj[256] = "", iss[256] = "";
	if (cert != NULL) {
		tls_dn_string(X509_get_subject_name(cert), subj, sizeof subj);
		tls_dn_string(X509_get_issuer_name(cert), iss, sizeof iss);
	}
	int err = X509_STORE_CTX_get_error(x);
	snprintf(note, VERIFY_NOTE_MAX, "[Subject=]%s[Issuer=]%s: %s (%d)", subj, iss,
		 X509_verify_cert_error_string(err), err);
	if (!SSL_set_ex_data(ssl, note_index, note))
		free(note);
	return ok;
}

void tls_verify_failure(SSL *ssl, char *out, size_t n)
{
	if (n == 0)
		return;
	out[0] = '\0';
	if (ssl == NULL || note_index < 0)
		return;
	const char *note = SSL_get_ex_data(ssl, note_index);
	if (note != NULL)
		snprintf(out, n, "%s", note);
}

void tls_last_error(char *out, size_t n)
{
	if (n == 0)
		return;
	out[0] = '\0';
	unsigned long e, last = 0;
	while ((e = ERR_get_error()) != 0)
		last = e;
	if (last != 0)
		ERR_error_string_n(last, out, n);
}

int tls_repo_path(char *out, size_t n, const char *stem, const char *label, const char *what)
{
	size_t ll = 0;
	if (label != NULL) {
		ll = strlen(label);
		while (ll > 0 && label[ll - 1] == ' ')
			ll--;
	}
	int k;
	if (ll == 0) {
		k = snprintf(out, n, "%s.%s", stem, what);
	} else {
		if (label[0] == '.' || memchr(label, '/', ll) != NULL || memchr(label, '\0', ll) != NULL)
			return -1;
		k = snprintf(out, n, "%s-%.*s.%s", stem, (int)ll, label, what);
	}
	return k < 0 || (size_t)k >= n ? -1 : 0;
}

static int why_set(char *why, size_t nwhy, int rc, const char *fmt, const char *a, const char *b)
{
	if (why != NULL && nwhy > 0)
		snprintf(why, nwhy, fmt, a, b);
	return rc;
}

int tls_ctx_new(SSL_CTX **out, enum tls_side side, const char *stem, const char *label,
		const struct tls_ciph *cs, char *why, size_t nwhy)
{
	*out = NULL;
	pthread_once(&note_once, note_init);
	if (stem == NULL || stem[0] == '\0')
		return why_set(why, nwhy, TLS_EREPO, "no key repository is named%s%s", "", "");
	char crt[4096], key[4096], ca[4096];
	if (tls_repo_path(crt, sizeof crt, stem, label, "crt") != 0 ||
	    tls_repo_path(key, sizeof key, stem, label, "key") != 0 ||
	    tls_repo_path(ca, sizeof ca, stem, NULL, "ca") != 0)
		return why_set(why, nwhy, TLS_EREPO, "the key repository name '%s' or certificate label '%s' is not usable",
			       stem, label ? label : "");

	char l12[1024], l13[512];
	int protos = tlsciph_ossl_lists(side == TLS_SIDE_SERVER ? NULL : cs, l12, sizeof l12, l13, sizeof l13);
	if (protos == 0)
		return why_set(why, nwhy, TLS_ECIPH, "no TLS suite to offer%s%s", "", "");

	SSL_CTX *ctx = SSL_CTX_new(side == TLS_SIDE_SERVER ? TLS_server_method() : TLS_client_method());
	if (ctx == NULL)
		return why_set(why, nwhy, TLS_EREPO, "OpenSSL could not make a context%s%s", "", "");
	SSL_CTX_set_min_proto_version(ctx, protos & TLSCIPH_TLS12 ? TLS1_2_VERSION : TLS1_3_VERSION);
	SSL_CTX_set_max_proto_version(ctx, protos & TLSCIPH_TLS13 ? TLS1_3_VERSION : TLS1_2_VERSION);
	/* a peer that goes without close_notify is an end, not a protocol error */
	SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE |
			    SSL_OP_IGNORE_UNEXPECTED_EOF);
	SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	/* an empty TLS 1.2 list is refused by OpenSSL: a TLS 1.3-only side has
	 * the 1.2 protocol switched off anyway */
	if ((l12[0] != '\0' && SSL_CTX_set_cipher_list(ctx, l12) != 1) ||
	    SSL_CTX_set_ciphersuites(ctx, l13) != 1) {
		SSL_CTX_free(ctx);
		ERR_clear_error();
		return why_set(why, nwhy, TLS_ECIPH, "OpenSSL has none of the suites %s %s", l12, l13);
	}

	struct stat st;
	int need_cert = side == TLS_SIDE_SERVER;
	int have_cert = stat(crt, &st) == 0;
	if (need_cert || have_cert) {
		if (SSL_CTX_use_certificate_chain_file(ctx, crt) != 1) {
			SSL_CTX_free(ctx);
			char e[256];
			tls_last_error(e, sizeof e);
			return why_set(why, nwhy, TLS_EREPO, "the certificate file %s could not be used: %s", crt,
				       have_cert ? e : strerror(ENOENT));
		}
		if (stat(key, &st) != 0) {
			SSL_CTX_free(ctx);
			return why_set(why, nwhy, TLS_EREPO, "the private key file %s: %s", key, strerror(errno));
		}
		if ((st.st_mode & 077) != 0) {
			SSL_CTX_free(ctx);
			return why_set(why, nwhy, TLS_EREPO,
				       "the private key file %s may be read or written by others (mode must be 0600%s)",
				       key, " or stricter");
		}
		if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1 ||
		    SSL_CTX_check_private_key(ctx) != 1) {
			SSL_CTX_free(ctx);
			char e[256];
			tls_last_error(e, sizeof e);
			return why_set(why, nwhy, TLS_EREPO, "the private key file %s could not be used: %s", key, e);
		}
	}
	int have_ca = stat(ca, &st) == 0;
	if (have_ca) {
		if (SSL_CTX_load_verify_locations(ctx, ca, NULL) != 1) {
			SSL_CTX_free(ctx);
			char e[256];
			tls_last_error(e, sizeof e);
			return why_set(why, nwhy, TLS_EREPO, "the CA file %s could not be used: %s", ca, e);
		}
	} else if (side == TLS_SIDE_CLIENT) {
		SSL_CTX_free(ctx);
		return why_set(why, nwhy, TLS_EREPO, "the CA file %s: %s", ca, strerror(ENOENT));
	}
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, verify_cb);
	if (side == TLS_SIDE_SERVER) {
		/* each client is asked for its certificate; the names of the CAs it may
		 * come from go with the request */
		if (have_ca) {
			STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(ca);
			if (names != NULL)
				SSL_CTX_set_client_CA_list(ctx, names);
		}
		SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
		SSL_CTX_set_num_tickets(ctx, 0);
	}
	ERR_clear_error();
	*out = ctx;
	return TLS_OK;
}

static const struct { int nid; const char *name; } dn_names[] = {
	{ NID_commonName, "CN" }, { NID_title, "T" }, { NID_organizationalUnitName, "OU" },
	{ NID_organizationName, "O" }, { NID_domainComponent, "DC" }, { NID_streetAddress, "STREET" },
	{ NID_localityName, "L" }, { NID_stateOrProvinceName, "ST" }, { NID_postalCode, "PC" },
	{ NID_countryName, "C" }, { NID_pkcs9_emailAddress, "E" }, { NID_serialNumber, "SERIALNUMBER" },
	{ NID_userId, "UID" }, { NID_dnQualifier, "DNQ" }, { NID_pkcs9_unstructuredName, "UNSTRUCTUREDNAME" },
	{ NID_pkcs9_unstructuredAddress, "UNSTRUCTUREDADDRESS" },
};

void tls_dn_string(const X509_NAME *name, char *out, size_t n)
{
	if (n == 0)
		return;
	out[0] = '\0';
	if (name == NULL)
		return;
	size_t len = 0;
	int count = X509_NAME_entry_count(name);
	for (int i = count - 1; i >= 0; i--) {
		const X509_NAME_ENTRY *e = X509_NAME_get_entry(name, i);
		int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
		const char *type = NULL;
		for (size_t k = 0; k < sizeof dn_names / sizeof dn_names[0]; k++)
			if (dn_names[k].nid == nid)
				type = dn_names[k].name;
		if (type == NULL)
			continue;
		unsigned char *utf8 = NULL;
		int ul = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e));
		if (ul < 0)
			continue;
		char val[512];
		size_t vl = 0;
		for (int k = 0; k < ul && vl + 2 < sizeof val; k++) {
			char ch = (char)utf8[k];
			if (ch == ',' || ch == ';' || ch == '"' || ch == '\\')
				val[vl++] = '\\';
			val[vl++] = ch;
		}
		val[vl] = '\0';
		OPENSSL_free(utf8);
		int k = snprintf(out + len, n - len, "%s%s=%s", len ? "," : "", type, val);
		if (k < 0 || (size_t)k >= n - len) {
			out[len] = '\0';
			return;
		}
		len += (size_t)k;
	}
}

int tls_proto_bit(const SSL *ssl)
{
	switch (SSL_version(ssl)) {
	case TLS1_2_VERSION: return TLSCIPH_TLS12;
	case TLS1_3_VERSION: return TLSCIPH_TLS13;
	default: return 0;
	}
}

/* The socket BIO: the descriptor in the BIO's data. */
static BIO_METHOD *sock_method;
static pthread_once_t sock_once = PTHREAD_ONCE_INIT;

static int sock_write(BIO *b, const char *buf, int n)
{
	int fd = (int)(intptr_t)BIO_get_data(b);
	BIO_clear_retry_flags(b);
	ssize_t k;
	do
		k = send(fd, buf, (size_t)n, MSG_NOSIGNAL);
	while (k < 0 && errno == EINTR);
	if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		BIO_set_retry_write(b);
	return (int)k;
}

static int sock_read(BIO *b, char *buf, int n)
{
	int fd = (int)(intptr_t)BIO_get_data(b);
	BIO_clear_retry_flags(b);
	ssize_t k;
	do
		k = recv(fd, buf, (size_t)n, 0);
	while (k < 0 && errno == EINTR);
	if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		BIO_set_retry_read(b);
	return (int)k;
}

static int sock_puts(BIO *b, const char *s)
{
	return sock_write(b, s, (int)strlen(s));
}

static long sock_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	(void)b; (void)num; (void)ptr;
	return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static int sock_create(BIO *b)
{
	BIO_set_init(b, 1);
	return 1;
}

static void sock_init(void)
{
	BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "quire socket");
	if (m == NULL)
		return;
	BIO_meth_set_write(m, sock_write);
	BIO_meth_set_read(m, sock_read);
	BIO_meth_set_puts(m, sock_puts);
	BIO_meth_set_ctrl(m, sock_ctrl);
	BIO_meth_set_create(m, sock_create);
	sock_method = m;
}

int tls_set_socket(SSL *ssl, int fd)
{
	pthread_once(&sock_once, sock_init);
	if (sock_method == NULL)
		return 0;
	BIO *b = BIO_new(sock_method);
	if (b == NULL)
		return 0;
	BIO_set_data(b, (void *)(intptr_t)fd);
	SSL_set_bio(ssl, b, b);
	return 1;
}
