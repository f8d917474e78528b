/*
 * test_tls.c: TLS on client channels without a listener.
 *
 * The CipherSpec table and SSLPEER patterns (qm/tlsciph.c); then real
 * handshakes over a socketpair between the queue manager's side
 * (qm/server/tls.c: non-blocking, driven by poll as the event loop drives it)
 * in one thread and libmqm's side (qm/mqi/client_tls.c) in another, with
 * key repositories tests/integration/tls-certs.sh makes with the openssl
 * command: TLS 1.2 and 1.3, the channel's SSLCIPH, SSLCAUTH and SSLPEER, the
 * client's SSLPeerName, untrusted, expired and missing certificates, the
 * key's mode, a certificate label, a client that goes mid-handshake; each
 * refusal with its reason code and the error log entry the queue manager
 * writes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmqc.h"
#include "qm/home/errlog.h"
#include "qm/mqi/client_tls.h"
#include "qm/server/tls.h"
#include "qm/tlsciph.h"
#include "qm/tlsctx.h"
#include "tests/unit/scratch.h"

static void test_tls__table(void **state)
{
	(void)state;
	const struct tls_ciph *c = tlsciph_find("TLS_RSA_WITH_AES_128_CBC_SHA256");
	assert_non_null(c);
	assert_string_equal(c->ossl, "AES128-SHA256");
	assert_int_equal(c->protos, TLSCIPH_TLS12);
	assert_int_equal(c->hex, 0x003C);
	c = tlsciph_find("ECDHE_RSA_AES_128_GCM_SHA256");
	assert_non_null(c);
	assert_string_equal(c->ossl, "ECDHE-RSA-AES128-GCM-SHA256");
	c = tlsciph_find_n("TLS_AES_128_GCM_SHA256          ", 32);   /* an MQCHAR32 */
	assert_non_null(c);
	assert_int_equal(c->protos, TLSCIPH_TLS13);
	assert_non_null(tlsciph_find("TLS_AES_256_GCM_SHA384"));
	assert_non_null(tlsciph_find("TLS_CHACHA20_POLY1305_SHA256"));
	for (const char *const *a = (const char *const[]){ "ANY", "ANY_TLS12", "ANY_TLS12_OR_HIGHER",
			"ANY_TLS13", "ANY_TLS13_OR_HIGHER", NULL }; *a; a++) {
		c = tlsciph_find(*a);
		assert_non_null(c);
		assert_null(c->ossl);
	}
	/* refused: unknown, deprecated (TLS 1.0, SSL 3.0), case, blank */
	assert_null(tlsciph_find("TLS_RSA_WITH_AES_128_CBC_SHA"));
	assert_null(tlsciph_find("NULL_MD5"));
	assert_null(tlsciph_find("tls_aes_128_gcm_sha256"));
	assert_null(tlsciph_find("   "));
	assert_null(tlsciph_find("ANY_TLS14"));

	/* every suite of the table is one this OpenSSL has: a context offering all
	 * of them is accepted */
	char l12[1024], l13[512];
	assert_int_equal(tlsciph_ossl_lists(NULL, l12, sizeof l12, l13, sizeof l13), TLSCIPH_TLS12 | TLSCIPH_TLS13);
	assert_non_null(strstr(l12, "AES128-SHA256"));
	assert_non_null(strstr(l13, "TLS_AES_128_GCM_SHA256"));
	SSL_CTX *ctx = SSL_CTX_new(TLS_method());
	size_t n;
	const struct tls_ciph *t = tlsciph_table(&n);
	for (size_t i = 0; i < n; i++) {
		if (t[i].ossl == NULL)
			continue;
		int ok = t[i].protos & TLSCIPH_TLS13 ? SSL_CTX_set_ciphersuites(ctx, t[i].ossl)
						     : SSL_CTX_set_cipher_list(ctx, t[i].ossl);
		if (ok != 1)
			fail_msg("OpenSSL does not have %s (%s)", t[i].name, t[i].ossl);
		assert_ptr_equal(tlsciph_by_ossl(t[i].ossl), &t[i]);
	}
	SSL_CTX_free(ctx);
	/* one suite: only it; an alias: its protocols */
	assert_int_equal(tlsciph_ossl_lists(tlsciph_find("TLS_RSA_WITH_AES_128_CBC_SHA256"), l12, sizeof l12, l13, sizeof l13), TLSCIPH_TLS12);
	assert_string_equal(l12, "AES128-SHA256");
	assert_string_equal(l13, "");
	assert_int_equal(tlsciph_ossl_lists(tlsciph_find("ANY_TLS13"), l12, sizeof l12, l13, sizeof l13), TLSCIPH_TLS13);
	assert_string_equal(l12, "");
	assert_non_null(strstr(l13, "TLS_AES_256_GCM_SHA384"));
	assert_int_equal(tlsciph_ossl_lists(NULL, l12, 10, l13, sizeof l13), 0);   /* too small */

	/* what a channel accepts */
	const struct tls_ciph *one = tlsciph_find("ECDHE_RSA_AES_128_GCM_SHA256");
	assert_true(tlsciph_accepts(one, "ECDHE-RSA-AES128-GCM-SHA256", TLSCIPH_TLS12));
	assert_false(tlsciph_accepts(one, "ECDHE-RSA-AES256-GCM-SHA384", TLSCIPH_TLS12));
	assert_true(tlsciph_accepts(tlsciph_find("ANY_TLS12"), "AES128-SHA256", TLSCIPH_TLS12));
	assert_false(tlsciph_accepts(tlsciph_find("ANY_TLS12"), "TLS_AES_128_GCM_SHA256", TLSCIPH_TLS13));
	assert_true(tlsciph_accepts(tlsciph_find("ANY_TLS12_OR_HIGHER"), "TLS_AES_128_GCM_SHA256", TLSCIPH_TLS13));
	assert_true(tlsciph_accepts(tlsciph_find("ANY"), "AES128-SHA256", TLSCIPH_TLS12));
	assert_false(tlsciph_accepts(tlsciph_find("ANY_TLS13_OR_HIGHER"), "AES128-SHA256", TLSCIPH_TLS12));
	assert_true(tlsciph_accepts(tlsciph_find("TLS_AES_128_GCM_SHA256"), "TLS_AES_128_GCM_SHA256", TLSCIPH_TLS13));
	assert_false(tlsciph_accepts(tlsciph_find("ANY"), "RC4-MD5", TLSCIPH_TLS12));   /* not in the table */
	assert_false(tlsciph_accepts(NULL, "AES128-SHA256", TLSCIPH_TLS12));
}

static int peer(const char *pattern, const char *dn)
{
	struct tls_peer p;
	char why[160];
	if (tlspeer_parse(&p, pattern, why, sizeof why) != 0) {
		print_message("refused: %.60s: %s\n", pattern, why);
		return -1;
	}
	int m = tlspeer_match(&p, dn);
	tlspeer_free(&p);
	return m;
}

static void test_tls__sslpeer(void **state)
{
	(void)state;
	const char *dn = "CN=app1,OU=Apps,OU=Test,O=Quire,C=GB";
	assert_int_equal(peer("CN=app1", dn), 1);
	assert_int_equal(peer("CN=APP1", dn), 1);                  /* values without case */
	assert_int_equal(peer("CN=app2", dn), 0);
	assert_int_equal(peer("O=Quire, CN=app1", dn), 1);         /* any order, blanks */
	assert_int_equal(peer("CN=app1 ; O=Quire ;C=GB", dn), 1);  /* ';' too */
	assert_int_equal(peer("CN=app*", dn), 1);                  /* wildcards */
	assert_int_equal(peer("CN=*1", dn), 1);
	assert_int_equal(peer("CN=*pp*", dn), 1);
	assert_int_equal(peer("CN=*", dn), 1);
	assert_int_equal(peer("CN=x*", dn), 0);
	assert_int_equal(peer("CN=\"app1\"", dn), 1);              /* quoted */
	assert_int_equal(peer("OU=Apps", dn), 1);                  /* the first OU */
	assert_int_equal(peer("OU=Test", dn), 0);                  /* ... is not Test */
	assert_int_equal(peer("OU=Apps,OU=Test", dn), 1);          /* the first two, in order */
	assert_int_equal(peer("OU=Test,OU=Apps", dn), 0);
	assert_int_equal(peer("OU=Apps,OU=Test,OU=More", dn), 0);  /* a third the DN lacks */
	assert_int_equal(peer("L=London", dn), 0);                 /* an attribute the DN lacks */
	assert_int_equal(peer("SP=Kent", "CN=a,ST=Kent"), 1);      /* synonyms */
	assert_int_equal(peer("MAIL=a@b.c", "CN=a,E=A@B.C"), 1);
	assert_int_equal(peer("USERID=u1", "UID=u1,CN=a"), 1);
	assert_int_equal(peer("O=\"Quire, Ltd\"", "CN=a,O=Quire\\, Ltd"), 1);   /* escaped in the DN */
	assert_int_equal(peer("CN=a", ""), 0);
	/* refused patterns */
	assert_int_equal(peer("cn=app1", dn), -1);                 /* types in upper case */
	assert_int_equal(peer("XX=1", dn), -1);
	assert_int_equal(peer("CN =app1", dn), -1);                /* no blank before '=' */
	assert_int_equal(peer("CN=a*b", dn), -1);                  /* '*' inside */
	assert_int_equal(peer("CN=\"app1", dn), -1);               /* unclosed quote */
	assert_int_equal(peer("CN=app1,", dn), -1);
	assert_int_equal(peer("", dn), -1);
	assert_int_equal(peer("app1", dn), -1);
	char big[1100];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	memcpy(big, "CN=", 3);
	assert_int_equal(peer(big, dn), -1);                       /* over 1024 */
}

/* ---- handshakes ---- */

static char certs[4096];
static char logdir[4096];

static int setup_certs(void **state)
{
	(void)state;
	char dir[4096];
	ut_scratch_dir("tls", dir, sizeof dir);
	snprintf(certs, sizeof certs, "%s/certs", dir);
	snprintf(logdir, sizeof logdir, "%s/errors", dir);
	char cmd[9000];
	snprintf(cmd, sizeof cmd, "sh tests/integration/tls-certs.sh '%s'", certs);
	if (system(cmd) != 0) {
		print_error("tls-certs.sh failed (is the openssl command there?)\n");
		return -1;
	}
	return 0;
}

static void repo(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", certs, name);
}

struct side {
	/* server */
	struct tls_srv *srv;
	struct tls_chl chl;
	struct errlog el;
	int fd;
	int die_after;              /* >0: the client side closes after this many bytes of handshake */
	MQLONG srv_rc;              /* tls_channel_check; -1: the handshake failed */
	char dn[1100];
	char agreed[40];
	/* client */
	const char *ciph, *peername, *crepo, *label;
	MQLONG cli_rc, cli_after;   /* ctls_connect; then the reply's fate (0 got "OK", -2 the
				     * connection closed, else ctls_reason) */
	char why[700];
};

/* The queue manager's side: non-blocking, poll()ed with what TLS wants. */
static void *server(void *arg)
{
	struct side *s = arg;
	int fl = fcntl(s->fd, F_GETFL);
	fcntl(s->fd, F_SETFL, fl | O_NONBLOCK);
	struct tls_conn *t = tls_conn_new(s->srv, s->fd, "127.0.0.1", &s->el);
	char buf[64];
	size_t got = 0;
	s->srv_rc = -1;
	while (got < 7) {
		ssize_t k = tls_conn_recv(t, buf + got, sizeof buf - got);
		if (k > 0) {
			got += (size_t)k;
			continue;
		}
		if (k < 0 && errno == EAGAIN) {
			struct pollfd p = { .fd = s->fd,
				.events = tls_conn_wants(t) == TLS_WANT_WRITE ? POLLOUT : POLLIN };
			if (poll(&p, 1, 10000) <= 0)
				break;
			continue;
		}
		break;   /* 0 or an error: the handshake or the peer failed */
	}
	if (got == 7 && memcmp(buf, "CHLOPEN", 7) == 0) {
		snprintf(s->agreed, sizeof s->agreed, "%s", tls_conn_cipherspec(t));
		s->srv_rc = tls_channel_check(t, &s->chl, "127.0.0.1", &s->el, s->dn, sizeof s->dn);
		if (s->srv_rc == 0) {
			const char *ok = "OK";
			size_t off = 0;
			while (off < 2) {
				ssize_t k = tls_conn_send(t, ok + off, 2 - off);
				if (k > 0)
					off += (size_t)k;
				else if (k < 0 && errno == EAGAIN) {
					struct pollfd p = { .fd = s->fd, .events = POLLOUT | POLLIN };
					poll(&p, 1, 1000);
				} else
					break;
			}
		}
	}
	tls_conn_close(t);
	shutdown(s->fd, SHUT_RDWR);
	return NULL;
}

static void run(struct side *s)
{
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	s->fd = sv[0];
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, server, s), 0);
	struct ctls *c = NULL;
	char cs[MQ_SSL_CIPHER_SPEC_LENGTH];
	memset(cs, ' ', sizeof cs);
	memcpy(cs, s->ciph, strlen(s->ciph));
	s->cli_rc = ctls_connect(&c, sv[1], cs, s->peername, s->peername ? strlen(s->peername) : 0,
				 s->crepo, s->label, 10000, s->why, sizeof s->why);
	s->cli_after = -1;
	if (s->cli_rc == 0) {
		struct iovec v = { .iov_base = "CHLOPEN", .iov_len = 7 };
		if (ctls_send_all(c, &v, 1) != 0)
			s->cli_after = ctls_reason(c) ? ctls_reason(c) : -2;
		else {
			char r[2];
			size_t got = 0;
			while (got < 2) {
				ssize_t k = ctls_recv(c, r + got, 2 - got);
				if (k <= 0)
					break;
				got += (size_t)k;
			}
			s->cli_after = got == 2 && memcmp(r, "OK", 2) == 0 ? 0 : ctls_reason(c) ? ctls_reason(c) : -2;
		}
		ctls_close(c);
	}
	close(sv[1]);
	pthread_join(th, NULL);
	close(sv[0]);
	print_message("  %s -> %s: client %d (%s), then %d; server %d, agreed %s, dn '%s'\n", s->ciph,
		      s->chl.sslciph, (int)s->cli_rc, s->why, (int)s->cli_after, (int)s->srv_rc, s->agreed, s->dn);
}

static char *read_log(void)
{
	static char text[65536];
	char path[4200];
	snprintf(path, sizeof path, "%s/AMQERR01.LOG", logdir);
	FILE *f = fopen(path, "r");
	text[0] = '\0';
	if (f) {
		size_t k = fread(text, 1, sizeof text - 1, f);
		text[k] = '\0';
		fclose(f);
	}
	return text;
}

static void clear_log(void)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/AMQERR01.LOG", logdir);
	unlink(path);
}

static char srepo[4200], crepo[4200];

static void prepare(struct side *s, const char *ciph, const char *chl_ciph)
{
	memset(s, 0, sizeof *s);
	char why[600];
	repo(srepo, sizeof srepo, "srv");
	if (tls_srv_load(&s->srv, srepo, NULL, why, sizeof why) != 0)
		fail_msg("server repository: %s", why);
	assert_int_equal(errlog_open(&s->el, logdir, "QMT", 0), 0);
	s->chl.name = "TLS.SVRCONN";
	s->chl.sslciph = chl_ciph;
	s->chl.sslcauth_required = 1;
	s->chl.sslpeer = "";
	s->ciph = ciph;
	repo(crepo, sizeof crepo, "cli");
	s->crepo = crepo;
	clear_log();
}

static void test_tls__tls12_and_tls13(void **state)
{
	(void)state;
	struct side s;
	prepare(&s, "ECDHE_RSA_AES_128_GCM_SHA256", "ECDHE_RSA_AES_128_GCM_SHA256");
	run(&s);
	assert_int_equal(s.cli_rc, 0);
	assert_int_equal(s.srv_rc, 0);
	assert_int_equal(s.cli_after, 0);
	assert_string_equal(s.agreed, "ECDHE_RSA_AES_128_GCM_SHA256");
	assert_string_equal(s.dn, "CN=app1,OU=Apps,OU=Test,O=Quire,C=GB");
	tls_srv_release(s.srv);

	prepare(&s, "TLS_RSA_WITH_AES_128_CBC_SHA256", "ANY_TLS12");
	run(&s);
	assert_int_equal(s.srv_rc, 0);
	assert_int_equal(s.cli_after, 0);
	assert_string_equal(s.agreed, "TLS_RSA_WITH_AES_128_CBC_SHA256");
	tls_srv_release(s.srv);

	prepare(&s, "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384");
	run(&s);
	assert_int_equal(s.srv_rc, 0);
	assert_int_equal(s.cli_after, 0);
	assert_string_equal(s.agreed, "TLS_AES_256_GCM_SHA384");
	tls_srv_release(s.srv);

	/* aliases both ends: the highest protocol wins */
	prepare(&s, "ANY_TLS12_OR_HIGHER", "ANY_TLS13_OR_HIGHER");
	run(&s);
	assert_int_equal(s.srv_rc, 0);
	assert_int_equal(s.cli_after, 0);
	assert_non_null(tlsciph_find(s.agreed));
	assert_int_equal(tlsciph_find(s.agreed)->protos, TLSCIPH_TLS13);
	assert_string_equal(read_log(), "");
	tls_srv_release(s.srv);

	/* SSLCAUTH(OPTIONAL), a client without a certificate */
	prepare(&s, "ANY_TLS13", "ANY_TLS13");
	s.chl.sslcauth_required = 0;
	repo(crepo, sizeof crepo, "anon");
	run(&s);
	assert_int_equal(s.srv_rc, 0);
	assert_int_equal(s.cli_after, 0);
	assert_string_equal(s.dn, "");
	tls_srv_release(s.srv);

	/* SSLPEER matched, and the client's SSLPeerName */
	prepare(&s, "ANY", "ANY");
	s.chl.sslpeer = "CN=app*,OU=Apps,O=Quire";
	s.peername = "CN=QM1, O=Quire";
	run(&s);
	assert_int_equal(s.cli_rc, 0);
	assert_int_equal(s.srv_rc, 0);
	assert_int_equal(s.cli_after, 0);
	tls_srv_release(s.srv);

	/* a certificate label picks cli-alt.crt */
	prepare(&s, "ANY", "ANY");
	s.label = "alt";
	run(&s);
	assert_int_equal(s.srv_rc, 0);
	assert_string_equal(s.dn, "CN=alt1,OU=Apps,O=Quire,C=GB");
	tls_srv_release(s.srv);
}

static void test_tls__channel_refusals(void **state)
{
	(void)state;
	struct side s;
	/* the suite agreed is not the channel's */
	prepare(&s, "TLS_RSA_WITH_AES_128_CBC_SHA256", "ECDHE_RSA_AES_128_GCM_SHA256");
	run(&s);
	assert_int_equal(s.cli_rc, 0);
	assert_int_equal(s.srv_rc, MQRC_SSL_INITIALIZATION_ERROR);
	assert_int_equal(s.cli_after, -2);
	assert_non_null(strstr(read_log(), "AMQ9631E"));
	assert_non_null(strstr(read_log(), "TLS_RSA_WITH_AES_128_CBC_SHA256"));
	tls_srv_release(s.srv);

	/* TLS 1.2 client, TLS 1.3 channel */
	prepare(&s, "ANY_TLS12", "ANY_TLS13");
	run(&s);
	assert_int_equal(s.srv_rc, MQRC_SSL_INITIALIZATION_ERROR);
	assert_non_null(strstr(read_log(), "AMQ9631E"));
	tls_srv_release(s.srv);

	/* a TLS client on a channel without SSLCIPH */
	prepare(&s, "ANY", "");
	run(&s);
	assert_int_equal(s.srv_rc, MQRC_SSL_INITIALIZATION_ERROR);
	assert_non_null(strstr(read_log(), "AMQ9631E"));
	tls_srv_release(s.srv);

	/* SSLCAUTH(REQUIRED), no certificate */
	prepare(&s, "ANY", "ANY");
	repo(crepo, sizeof crepo, "anon");
	run(&s);
	assert_int_equal(s.srv_rc, MQRC_SSL_INITIALIZATION_ERROR);
	assert_non_null(strstr(read_log(), "AMQ9637E"));
	tls_srv_release(s.srv);

	/* SSLPEER not matched */
	prepare(&s, "ANY", "ANY");
	s.chl.sslpeer = "CN=someone";
	run(&s);
	assert_int_equal(s.srv_rc, MQRC_SSL_INITIALIZATION_ERROR);
	assert_non_null(strstr(read_log(), "AMQ9636E"));
	assert_non_null(strstr(read_log(), "CN=app1,OU=Apps"));
	tls_srv_release(s.srv);

	/* a plain client on a channel with SSLCIPH */
	struct errlog el;
	assert_int_equal(errlog_open(&el, logdir, "QMT", 0), 0);
	clear_log();
	struct tls_chl chl = { .name = "TLS.SVRCONN", .sslciph = "ANY_TLS12", .sslcauth_required = 1, .sslpeer = "" };
	char dn[64];
	assert_int_equal(tls_channel_check(NULL, &chl, "10.0.0.9", &el, dn, sizeof dn), MQRC_Q_MGR_NOT_AVAILABLE);
	assert_non_null(strstr(read_log(), "AMQ9639E"));
	assert_non_null(strstr(read_log(), "10.0.0.9"));
	chl.sslciph = "   ";
	assert_int_equal(tls_channel_check(NULL, &chl, "10.0.0.9", &el, dn, sizeof dn), 0);
}

static void test_tls__certificates(void **state)
{
	(void)state;
	struct side s;
	/* the client does not trust the queue manager's certificate */
	prepare(&s, "ANY", "ANY");
	repo(crepo, sizeof crepo, "wrongca");
	run(&s);
	assert_int_equal(s.cli_rc, MQRC_SSL_INITIALIZATION_ERROR);
	assert_non_null(strstr(s.why, "certificate was refused"));
	assert_int_equal(s.srv_rc, -1);
	tls_srv_release(s.srv);

	/* the queue manager does not trust the client's (TLS 1.2: the client's
	 * handshake fails; TLS 1.3: its first read does) */
	prepare(&s, "ANY_TLS12", "ANY");
	repo(crepo, sizeof crepo, "bad");
	run(&s);
	assert_int_equal(s.cli_rc, MQRC_SSL_INITIALIZATION_ERROR);
	assert_int_equal(s.srv_rc, -1);
	assert_non_null(strstr(read_log(), "AMQ9633E"));
	assert_non_null(strstr(read_log(), "intruder"));
	tls_srv_release(s.srv);

	prepare(&s, "ANY_TLS13", "ANY");
	repo(crepo, sizeof crepo, "bad");
	run(&s);
	assert_true(s.cli_rc == MQRC_SSL_INITIALIZATION_ERROR ||
		    (s.cli_rc == 0 && s.cli_after == MQRC_SSL_INITIALIZATION_ERROR));
	assert_int_equal(s.srv_rc, -1);
	assert_non_null(strstr(read_log(), "AMQ9633E"));
	tls_srv_release(s.srv);

	/* an expired client certificate */
	prepare(&s, "ANY_TLS12", "ANY");
	repo(crepo, sizeof crepo, "old");
	run(&s);
	assert_int_equal(s.cli_rc, MQRC_SSL_INITIALIZATION_ERROR);
	assert_int_equal(s.srv_rc, -1);
	assert_non_null(strstr(read_log(), "AMQ9633E"));
	assert_non_null(strstr(read_log(), "expired"));
	tls_srv_release(s.srv);

	/* the client's SSLPeerName: not matched, not valid */
	prepare(&s, "ANY", "ANY");
	s.peername = "CN=QM2";
	run(&s);
	assert_int_equal(s.cli_rc, MQRC_SSL_PEER_NAME_MISMATCH);
	assert_non_null(strstr(s.why, "CN=QM1"));
	tls_srv_release(s.srv);
	prepare(&s, "ANY", "ANY");
	s.peername = "cn=QM1";
	run(&s);
	assert_int_equal(s.cli_rc, MQRC_SSL_PEER_NAME_ERROR);
	tls_srv_release(s.srv);

	/* an unknown CipherSpec; no key repository */
	prepare(&s, "TLS_RSA_WITH_DES_CBC_SHA", "ANY");
	run(&s);
	assert_int_equal(s.cli_rc, MQRC_SSL_INITIALIZATION_ERROR);
	tls_srv_release(s.srv);
	prepare(&s, "ANY", "ANY");
	repo(crepo, sizeof crepo, "nothing");
	run(&s);
	assert_int_equal(s.cli_rc, MQRC_KEY_REPOSITORY_ERROR);
	tls_srv_release(s.srv);
}

static void test_tls__repository(void **state)
{
	(void)state;
	char why[600], stem[4200], key[4300];
	struct tls_srv *srv;
	repo(stem, sizeof stem, "srv");
	snprintf(key, sizeof key, "%s.key", stem);
	assert_int_equal(chmod(key, 0640), 0);
	assert_int_equal(tls_srv_load(&srv, stem, NULL, why, sizeof why), -1);
	assert_non_null(strstr(why, "0600"));
	assert_int_equal(chmod(key, 0600), 0);
	assert_int_equal(tls_srv_load(&srv, stem, NULL, why, sizeof why), 0);
	tls_srv_release(srv);
	assert_int_equal(tls_srv_load(&srv, stem, "nolabel", why, sizeof why), -1);   /* srv-nolabel.crt */
	assert_non_null(strstr(why, "srv-nolabel.crt"));
	assert_int_equal(tls_srv_load(&srv, stem, "../x", why, sizeof why), -1);
	assert_int_equal(tls_srv_load(&srv, "", NULL, why, sizeof why), -1);
	/* a key that is not the certificate's */
	char p[4300];
	repo(stem, sizeof stem, "mixed");
	snprintf(p, sizeof p, "cp '%s/srv.crt' '%s.crt' && cp '%s/cli.key' '%s.key'", certs, stem, certs, stem);
	assert_int_equal(system(p), 0);
	assert_int_equal(tls_srv_load(&srv, stem, NULL, why, sizeof why), -1);
	assert_non_null(strstr(why, "mixed.key"));
	/* the loop's repository: loaded once, kept until a refresh; a failed load
	 * is AMQ9657E and tried again at the next connection */
	struct errlog el;
	assert_int_equal(errlog_open(&el, logdir, "QMT", 0), 0);
	clear_log();
	char nostem[4200];
	repo(nostem, sizeof nostem, "absent");
	tls_srv_refresh();
	assert_null(tls_srv_get(nostem, NULL, &el));
	assert_non_null(strstr(read_log(), "AMQ9657E"));
	assert_non_null(strstr(read_log(), "absent.crt"));
	repo(stem, sizeof stem, "srv");
	struct tls_srv *cur = tls_srv_get(stem, NULL, &el);
	assert_non_null(cur);
	assert_ptr_equal(tls_srv_get(nostem, NULL, &el), cur);   /* kept: SSLKEYR changes need a refresh */
	tls_srv_refresh();
	assert_null(tls_srv_get(nostem, NULL, &el));
	tls_srv_refresh();

	/* the client's key repository from MQSCO, else MQSSLKEYR */
	MQSCO sco = { MQSCO_DEFAULT };
	char out[300];
	unsetenv("MQSSLKEYR");
	assert_int_equal(ctls_keyrepo(&sco, NULL, out, sizeof out), MQRC_KEY_REPOSITORY_ERROR);
	assert_int_equal(ctls_keyrepo(NULL, "/ccdt/key", out, sizeof out), 0);
	assert_string_equal(out, "/ccdt/key");
	setenv("MQSSLKEYR", "/env/key", 1);
	assert_int_equal(ctls_keyrepo(&sco, "/ccdt/key", out, sizeof out), 0);
	assert_string_equal(out, "/env/key");
	memcpy(sco.KeyRepository, "/sco/key", 8);
	assert_int_equal(ctls_keyrepo(&sco, NULL, out, sizeof out), 0);
	assert_string_equal(out, "/sco/key");
	unsetenv("MQSSLKEYR");
}

/* A client that goes mid-handshake: the server side ends that connection
 * alone (AMQ9665E), and the next client is served. */
static void test_tls__killed_mid_handshake(void **state)
{
	(void)state;
	struct side s;
	prepare(&s, "ANY", "ANY");
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	s.fd = sv[0];
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, server, &s), 0);
	/* the start of a ClientHello record, then nothing */
	static const unsigned char part[] = { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01 };
	assert_int_equal(write(sv[1], part, sizeof part), (ssize_t)sizeof part);
	usleep(50000);
	close(sv[1]);
	pthread_join(th, NULL);
	close(sv[0]);
	assert_int_equal(s.srv_rc, -1);
	assert_non_null(strstr(read_log(), "AMQ9665E"));
	/* garbage that is not TLS */
	clear_log();
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	s.fd = sv[0];
	assert_int_equal(pthread_create(&th, NULL, server, &s), 0);
	static const char junk[] = "\x16garbage that is not a TLS record at all..........";
	assert_int_equal(write(sv[1], junk, sizeof junk), (ssize_t)sizeof junk);
	pthread_join(th, NULL);
	close(sv[1]);
	close(sv[0]);
	assert_int_equal(s.srv_rc, -1);
	assert_true(strstr(read_log(), "AMQ9665E") != NULL || strstr(read_log(), "AMQ9666E") != NULL);
	/* and the repository serves the next client */
	s.ciph = "ANY";
	run(&s);
	assert_int_equal(s.srv_rc, 0);
	assert_int_equal(s.cli_after, 0);
	tls_srv_release(s.srv);
}

/* Much data both ways: records, partial writes and reads. */
static void *bulk_server(void *arg)
{
	struct side *s = arg;
	int fl = fcntl(s->fd, F_GETFL);
	fcntl(s->fd, F_SETFL, fl | O_NONBLOCK);
	struct tls_conn *t = tls_conn_new(s->srv, s->fd, "127.0.0.1", &s->el);
	static unsigned char buf[1 << 20];
	size_t got = 0, sent = 0;
	s->srv_rc = -1;
	/* echo everything back as it comes */
	while (sent < sizeof buf) {
		ssize_t k = got < sizeof buf ? tls_conn_recv(t, buf + got, sizeof buf - got) : -1;
		if (k > 0)
			got += (size_t)k;
		else if (k == 0 || (k < 0 && errno != EAGAIN && got < sizeof buf))
			break;
		unsigned want = got < sizeof buf ? tls_conn_wants(t) : 0;
		if (sent < got) {
			ssize_t w = tls_conn_send(t, buf + sent, got - sent);
			if (w > 0)
				sent += (size_t)w;
			else if (w < 0 && errno != EAGAIN)
				break;
			else
				want |= tls_conn_wants(t) ? tls_conn_wants(t) : TLS_WANT_WRITE;
		}
		struct pollfd p = { .fd = s->fd, .events = (short)((want & TLS_WANT_WRITE ? POLLOUT : 0) |
				  (got < sizeof buf ? POLLIN : 0)) };
		if (p.events)
			poll(&p, 1, 100);
	}
	if (sent == sizeof buf)
		s->srv_rc = 0;
	tls_conn_close(t);
	return NULL;
}

static void test_tls__bulk(void **state)
{
	(void)state;
	struct side s;
	prepare(&s, "ANY", "ANY");
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	s.fd = sv[0];
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, bulk_server, &s), 0);
	struct ctls *c;
	char cs[32];
	memset(cs, ' ', sizeof cs);
	memcpy(cs, "ANY", 3);
	assert_int_equal(ctls_connect(&c, sv[1], cs, NULL, 0, crepo, NULL, 10000, s.why, sizeof s.why), 0);
	static unsigned char out[1 << 20], back[1 << 20];
	for (size_t i = 0; i < sizeof out; i++)
		out[i] = (unsigned char)(i * 7 + (i >> 11));
	/* a writer thread would be the MQCTL case; here: write in pieces, read
	 * what comes back between them */
	size_t off = 0, got = 0;
	while (off < sizeof out) {
		size_t n = sizeof out - off > 100000 ? 100000 : sizeof out - off;
		struct iovec v = { .iov_base = out + off, .iov_len = n };
		assert_int_equal(ctls_send_all(c, &v, 1), 0);
		off += n;
		while (got < off) {
			ssize_t k = ctls_recv(c, back + got, sizeof back - got);
			assert_true(k > 0);
			got += (size_t)k;
		}
	}
	assert_memory_equal(out, back, sizeof out);
	assert_string_equal(ctls_peer_dn(c), "CN=QM1,OU=QM,O=Quire,C=GB");
	ctls_close(c);
	pthread_join(th, NULL);
	close(sv[0]);
	close(sv[1]);
	assert_int_equal(s.srv_rc, 0);
	tls_srv_release(s.srv);
}


/* Between the client and bulk_server: copies bytes both ways and counts the
 * TLS records of type application data (23) the client sends. */
struct relay {
	int cli, srv;                  /* the relay's ends of the two socketpairs */
	atomic_int app_records;
	atomic_int stop;
};

static void *relay_main(void *arg)
{
	struct relay *r = arg;
	unsigned char hdr[5], buf[65536];
	size_t hgot = 0, skip = 0;     /* the parser: header bytes seen, body bytes to skip */
	while (!atomic_load(&r->stop)) {
		struct pollfd p[2] = { { .fd = r->cli, .events = POLLIN }, { .fd = r->srv, .events = POLLIN } };
		if (poll(p, 2, 50) <= 0)
			continue;
		for (int d = 0; d < 2; d++) {
			if (!(p[d].revents & (POLLIN | POLLHUP)))
				continue;
			ssize_t k = read(p[d].fd, buf, sizeof buf);
			if (k <= 0)
				return NULL;
			if (write(d ? r->cli : r->srv, buf, (size_t)k) != k)
				return NULL;
			for (ssize_t i = 0; d == 0 && i < k;) {
				if (skip) {
					size_t n = (size_t)(k - i) < skip ? (size_t)(k - i) : skip;
					skip -= n;
					i += (ssize_t)n;
				} else {
					hdr[hgot++] = buf[i++];
					if (hgot == 5) {
						if (hdr[0] == 23)
							atomic_fetch_add(&r->app_records, 1);
						skip = (size_t)hdr[3] << 8 | hdr[4];
						hgot = 0;
					}
				}
			}
		}
	}
	return NULL;
}

/* echo n bytes sent as the pieces of v through bulk_server */
static void echo(struct ctls *c, struct iovec *v, int nv, size_t n)
{
	static unsigned char back[65536];
	assert_int_equal(ctls_send_all(c, v, nv), 0);
	size_t got = 0, at = 0;
	while (got < n) {
		ssize_t k = ctls_recv(c, back + got, n - got);
		assert_true(k > 0);
		got += (size_t)k;
	}
	for (int i = 0; i < nv; i++) {
		assert_memory_equal(back + at, v[i].iov_base, v[i].iov_len);
		at += v[i].iov_len;
	}
}

/* A frame in pieces goes out as few records as TLS allows (one up to 16 KiB),
 * not a record a piece (netbench found five records an MQPUT of 1 KiB). */
static void test_tls__frame_records(void **state)
{
	(void)state;
	struct side s;
	prepare(&s, "ANY", "ANY");
	int a[2], b[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, a), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, b), 0);
	struct relay r = { .cli = a[0], .srv = b[0] };
	atomic_store(&r.app_records, 0);
	atomic_store(&r.stop, 0);
	s.fd = b[1];
	pthread_t th, rt;
	assert_int_equal(pthread_create(&rt, NULL, relay_main, &r), 0);
	assert_int_equal(pthread_create(&th, NULL, bulk_server, &s), 0);
	struct ctls *c;
	char cs[32];
	memset(cs, ' ', sizeof cs);
	memcpy(cs, "ANY", 3);
	assert_int_equal(ctls_connect(&c, a[1], cs, NULL, 0, crepo, NULL, 10000, s.why, sizeof s.why), 0);
	static unsigned char big[40000];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (unsigned char)(i * 13 + 5);
	struct iovec ping = { .iov_base = "ping", .iov_len = 4 };
	echo(c, &ping, 1, 4);   /* everything of the handshake has passed the relay */
	int n0 = atomic_load(&r.app_records);
	/* a frame as libmqm sends an MQPUT: header, structures, a 1 KiB body */
	struct iovec put[5] = { { big, 8 }, { big + 8, 40 }, { big + 48, 364 }, { big + 412, 172 },
				{ big + 584, 1024 } };
	echo(c, put, 5, 1608);
	assert_int_equal(atomic_load(&r.app_records) - n0, 1);
	/* 40,000 bytes in three pieces: three records of at most 16 KiB */
	n0 = atomic_load(&r.app_records);
	struct iovec three[3] = { { big, 100 }, { big + 100, 39800 }, { big + 39900, 100 } };
	echo(c, three, 3, sizeof big);
	assert_int_equal(atomic_load(&r.app_records) - n0, 3);
	ctls_close(c);
	close(a[1]);
	atomic_store(&r.stop, 1);
	pthread_join(rt, NULL);
	shutdown(b[0], SHUT_RDWR);
	pthread_join(th, NULL);
	for (int i = 0; i < 2; i++) {
		close(a[i]);
		close(b[i]);
	}
	tls_srv_release(s.srv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tls__table),
		cmocka_unit_test(test_tls__sslpeer),
		cmocka_unit_test(test_tls__tls12_and_tls13),
		cmocka_unit_test(test_tls__channel_refusals),
		cmocka_unit_test(test_tls__certificates),
		cmocka_unit_test(test_tls__repository),
		cmocka_unit_test(test_tls__killed_mid_handshake),
		cmocka_unit_test(test_tls__bulk),
		cmocka_unit_test(test_tls__frame_records),
	};
	return cmocka_run_group_tests(tests, setup_certs, NULL);
}
