/*
 * mqi_fake.h: what the libmqm unit tests share (test_mqi_validate.c,
 * test_mqi_calls.c): the library's sources compiled into the program, so the
 * tests reach both the public verbs and the checks of validate.c; a data root
 * with an mqs.ini; and a fake queue manager (a listening socket at the place
 * proto_sock_addr gives, served by threads of the program that speak
 * qm/proto.h with fixed answers) that lets the verbs run whole.  Included
 * once per program; its functions are static inline so that each program
 * uses what it needs.
 */
#ifndef QUIRE_TESTS_MQI_FAKE_H
#define QUIRE_TESTS_MQI_FAKE_H
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qm/mqi/validate.c"
#include "qm/mqi/hconn.c"
#include "qm/mqi/verbs.c"
#include "qm/mqi/stubs.c"

#include "log/osio.h"
#include "qm/home/config.h"

/* Run an MQI call whose last two arguments are the locals cc and rc, and
 * check both. */
#define CHECK(call, ecc, erc) do { \
		cc = rc = -9; \
		call; \
		assert_int_equal(cc, ecc); \
		assert_int_equal(rc, erc); \
	} while (0)
#define CHECK_FAILED(call, erc) CHECK(call, MQCC_FAILED, erc)

/* ------------------------------------------------------------------------ */
/* A data root with an mqs.ini                                              */

static inline void root_make(char *root, size_t n)
{
	const char *base = getenv("QUIRE_TEST_DIR");
	snprintf(root, n, "%s/mqi.XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(root));
	assert_int_equal(setenv("MQ_DATA_PATH", root, 1), 0);
}

/* mqs.ini listing QM1 and QMDOWN (neither running), default dflt or none. */
static inline void mqs_write(const char *root, const char *dflt)
{
	struct mqs_ini m;
	struct mqs_qmgr q;
	char path[PATH_MAX], err[CFG_ERR_MAX];
	const char *names[] = { "QM1", "QMDOWN" };
	mqs_init(&m, root);
	for (int i = 0; i < 2; i++) {
		memset(&q, 0, sizeof q);
		snprintf(q.name, sizeof q.name, "%s", names[i]);
		snprintf(q.prefix, sizeof q.prefix, "%s", root);
		snprintf(q.directory, sizeof q.directory, "%s", names[i]);
		assert_int_equal(mqs_add_qmgr(&m, &q), 0);
	}
	if (dflt)
		assert_int_equal(mqs_set_default(&m, dflt), 0);
	snprintf(path, sizeof path, "%s/mqs.ini", root);
	assert_int_equal(mqs_save(&m, path, err, sizeof err), 0);
	mqs_release(&m);
	snprintf(path, sizeof path, "%s/qmgrs/QMDOWN/@ipcc", root);
	assert_int_equal(os_mkdir_p(path, 0700), 0);
}

/* ------------------------------------------------------------------------ */
/* The fake queue manager                                                   */

#define FAKE_MAXCONN 16
#define FAKE_OUT     65536

struct fake {
	char root[PATH_MAX], dir[PATH_MAX];
	int lfd;
	pthread_t acc;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int nconn;
	int cfd[FAKE_MAXCONN];
	pthread_t cthr[FAKE_MAXCONN];
	int frames[16];              /* requests received, by opcode */
	int total;
	uint16_t last_op;
	uint8_t last[FAKE_OUT];      /* the last request body (up to FAKE_OUT bytes) */
	size_t last_len;
	uint16_t close_op;           /* close the connection instead of answering this */
	uint16_t short_op;           /* answer this with a body too short to be a reply */
	uint16_t fail_op;            /* answer this with fail_cc, fail_rc and nothing else */
	MQLONG fail_cc, fail_rc;
	int hold;                    /* answers to GET wait while this is set */
	int in_get;                  /* a GET is being held */
	MQLONG get_cc, get_rc;       /* what the default GET answer says */
	uint32_t get_total;          /* ... and its message length */
};

static struct fake *g_fake;

static inline int send_full(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t k = send(fd, c, n, MSG_NOSIGNAL);
		if (k <= 0)
			return -1;
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

static inline int recv_full(int fd, void *p, size_t n)
{
	char *c = p;
	while (n) {
		ssize_t k = recv(fd, c, n, 0);
		if (k <= 0)
			return -1;
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

static inline size_t rep_head(uint8_t *out, MQLONG cc, MQLONG rc)
{
	put_u32(out, (uint32_t)cc);
	put_u32(out + 4, (uint32_t)rc);
	return 8;
}

/* The answer to a request: success with plausible outputs, unless the test
 * asked otherwise.  Returns 1 to close the connection instead. */
static inline int answer(struct fake *f, uint16_t op, const uint8_t *body, uint8_t *out, size_t *outlen)
{
	size_t n = rep_head(out, MQCC_OK, MQRC_NONE);
	if (op == f->close_op)
		return 1;
	if (op == f->short_op || op == f->fail_op) {
		*outlen = op == f->short_op ? 4 : rep_head(out, f->fail_cc, f->fail_rc);
		return 0;
	}
	switch (op) {
	case PROTO_CONN:
		mqm_name_put((char *)out + n, 48, "QM1");
		put_u32(out + n + 48, 1208);
		put_u32(out + n + 52, 7);
		put_u32(out + n + 56, 1765000000);   /* the queue manager's start */
		n += 60;
		break;
	case PROTO_OPEN: {
		MQOD od;
		memcpy(&od, body + 4, sizeof od);
		mqm_name_put(od.ResolvedQName, 48, "RESOLVED.Q");
		od.ResolvedType = MQOT_Q;
		od.KnownDestCount = 1;
		if (memcmp(od.ObjectName, "MODEL", 5) == 0)
			mqm_name_put(od.ObjectName, 48, "AMQ.DYN.1");
		put_u32(out + n, 42);
		memcpy(out + n + 4, &od, sizeof od);
		n += 4 + sizeof od;
		break;
	}
	case PROTO_PUT:
	case PROTO_PUT1: {
		size_t o = op == PROTO_PUT ? 4 : 0;
		MQOD od;
		MQMD md;
		MQPMO pmo;
		if (op == PROTO_PUT1) {
			memcpy(&od, body, sizeof od);
			mqm_name_put(od.ResolvedQName, 48, "PUT1.Q");
			o += sizeof od;
			memcpy(out + n, &od, sizeof od);
			n += sizeof od;
		}
		memcpy(&md, body + o, sizeof md);
		memcpy(&pmo, body + o + sizeof md, sizeof pmo);
		memset(md.MsgId, 'M', sizeof md.MsgId);
		memcpy(md.PutDate, "20260101", 8);
		memcpy(md.PutTime, "12000000", 8);
		mqm_name_put(md.PutApplName, 28, "fake");
		md.Priority = 4;             /* not an output: must not come back */
		memset(md.GroupId, 'G', sizeof md.GroupId);
		mqm_name_put(pmo.ResolvedQName, 48, "PUT.Q");
		pmo.Timeout = 99;            /* not an output */
		memcpy(out + n, &md, sizeof md);
		memcpy(out + n + sizeof md, &pmo, sizeof pmo);
		n += sizeof md + sizeof pmo;
		break;
	}
	case PROTO_GET: {
		MQMD md;
		MQGMO gmo;
		uint32_t buflen = get_u32(body + 4 + sizeof md + sizeof gmo);
		pthread_mutex_lock(&f->mu);
		f->in_get = 1;
		pthread_cond_broadcast(&f->cv);
		while (f->hold)
			pthread_cond_wait(&f->cv, &f->mu);
		f->in_get = 0;
		n = rep_head(out, f->get_cc, f->get_rc);
		uint32_t total = f->get_total;
		pthread_mutex_unlock(&f->mu);
		memcpy(&md, body + 4, sizeof md);
		memcpy(&gmo, body + 4 + sizeof md, sizeof gmo);
		memset((char *)&md + 8, 0x5a, sizeof md - 8);   /* every field after Version */
		md.Version = MQMD_VERSION_2;
		mqm_name_put(gmo.ResolvedQName, 48, "GOT.Q");
		gmo.GroupStatus = 'L';
		memset(gmo.MsgToken, 'T', sizeof gmo.MsgToken);
		gmo.ReturnedLength = (MQLONG)total;
		gmo.Reserved2 = 0;           /* plen: no properties apart (qm/proto.h, GET) */
		gmo.MsgHandle = 77;          /* not an output */
		memcpy(out + n, &md, sizeof md);
		memcpy(out + n + sizeof md, &gmo, sizeof gmo);
		n += sizeof md + sizeof gmo;
		uint32_t k = buflen < total ? buflen : total;
		put_u32(out + n, total);
		put_u32(out + n + 4, k);
		n += 8;
		for (uint32_t i = 0; i < k; i++)
			out[n + i] = (uint8_t)('0' + i % 10);
		n += k;
		break;
	}
	case PROTO_INQ: {
		uint32_t nint = get_u32(body + 8), charlen = get_u32(body + 12);
		for (uint32_t i = 0; i < nint; i++)
			put_u32(out + n + 4 * i, 100 + i);
		n += 4 * nint;
		/* one 48-byte attribute, whatever charlen says beyond it */
		uint32_t k = charlen < 48 ? charlen : 48;
		mqm_name_put((char *)out + n, k, "INQ.Q");
		n += k;
		break;
	}
	default:
		break;
	}
	*outlen = n;
	return 0;
}

struct conn_arg {
	struct fake *f;
	int fd;
};

static inline void *fake_conn(void *arg)
{
	struct conn_arg *a = arg;
	struct fake *f = a->f;
	int fd = a->fd;
	uint8_t hdr[PROTO_HDR_SIZE];
	uint8_t *out = malloc(FAKE_OUT);
	free(a);
	for (;;) {
		struct proto_hdr h;
		if (recv_full(fd, hdr, sizeof hdr) || proto_hdr_decode(hdr, &h))
			break;
		uint8_t *body = malloc(h.len ? h.len : 1);
		if (!body || recv_full(fd, body, h.len)) {
			free(body);
			break;
		}
		pthread_mutex_lock(&f->mu);
		f->frames[h.op & 15]++;
		f->total++;
		f->last_op = h.op;
		f->last_len = h.len;
		memcpy(f->last, body, h.len < FAKE_OUT ? h.len : FAKE_OUT);
		pthread_mutex_unlock(&f->mu);
		size_t n = 0;
		int close_it = answer(f, h.op, body, out, &n);
		free(body);
		if (close_it) {
			shutdown(fd, SHUT_RDWR);
			break;
		}
		struct proto_hdr r = { PROTO_MAGIC, (uint32_t)n, h.op, PROTO_F_REPLY, h.id };
		proto_hdr_encode(hdr, &r);
		if (send_full(fd, hdr, sizeof hdr) || send_full(fd, out, n))
			break;
	}
	free(out);
	return NULL;
}

static inline void *fake_accept(void *arg)
{
	struct fake *f = arg;
	for (;;) {
		int fd = accept(f->lfd, NULL, NULL);
		if (fd < 0)
			return NULL;
		pthread_mutex_lock(&f->mu);
		if (f->nconn == FAKE_MAXCONN) {
			pthread_mutex_unlock(&f->mu);
			close(fd);
			continue;
		}
		struct conn_arg *a = malloc(sizeof *a);
		a->f = f;
		a->fd = fd;
		f->cfd[f->nconn] = fd;
		pthread_create(&f->cthr[f->nconn], NULL, fake_conn, a);
		f->nconn++;
		pthread_mutex_unlock(&f->mu);
	}
}

/* A fresh data root whose QM1 (the default) is served by the fake. */
static inline struct fake *fake_start(void)
{
	struct fake *f = calloc(1, sizeof *f);
	struct sockaddr_un sa;
	int dirfd;
	char ipcc[PATH_MAX + 16];
	assert_non_null(f);
	root_make(f->root, sizeof f->root);
	mqs_write(f->root, "QM1");
	snprintf(f->dir, sizeof f->dir, "%s/qmgrs/QM1", f->root);
	snprintf(ipcc, sizeof ipcc, "%s/@ipcc", f->dir);
	assert_int_equal(os_mkdir_p(ipcc, 0700), 0);
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cv, NULL);
	f->get_total = 10;
	assert_int_equal(proto_sock_addr(f->dir, &sa, &dirfd), 0);
	f->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(f->lfd >= 0);
	assert_int_equal(bind(f->lfd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(f->lfd, 16), 0);
	if (dirfd >= 0)
		close(dirfd);
	assert_int_equal(pthread_create(&f->acc, NULL, fake_accept, f), 0);
	g_fake = f;
	return f;
}

static inline void fake_stop(struct fake *f)
{
	shutdown(f->lfd, SHUT_RDWR);
	pthread_join(f->acc, NULL);
	close(f->lfd);
	pthread_mutex_lock(&f->mu);
	f->hold = 0;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	for (int i = 0; i < f->nconn; i++) {
		shutdown(f->cfd[i], SHUT_RDWR);
		pthread_join(f->cthr[i], NULL);
		close(f->cfd[i]);
	}
	pthread_cond_destroy(&f->cv);
	pthread_mutex_destroy(&f->mu);
	g_fake = NULL;
	free(f);
}

/* f->last and f->frames are written before the reply goes out, so once a
 * call has returned the test thread reads them without the lock. */
static inline int fake_total(struct fake *f)
{
	pthread_mutex_lock(&f->mu);
	int n = f->total;
	pthread_mutex_unlock(&f->mu);
	return n;
}

static inline MQHCONN connect_qm1(void)
{
	MQHCONN h = MQHC_UNUSABLE_HCONN;
	MQLONG cc = -9, rc = -9;
	CHECK(MQCONN("QM1", &h, &cc, &rc), MQCC_OK, MQRC_NONE);
	assert_true(h > 0);
	return h;
}

static inline void disconnect(MQHCONN h)
{
	MQLONG cc = -9, rc = -9;
	CHECK(MQDISC(&h, &cc, &rc), MQCC_OK, MQRC_NONE);
	assert_int_equal(h, MQHC_UNUSABLE_HCONN);
}


/* Caller structures of Version 1 followed by guard bytes. */
#define GUARD 0xEE
static inline int guard_ok(const void *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (((const unsigned char *)p)[i] != GUARD)
			return 0;
	return 1;
}

#endif
