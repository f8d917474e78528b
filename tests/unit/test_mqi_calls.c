/*
 * test_mqi_calls.c: libmqm's verbs run whole against the fake queue manager
 * of mqi_fake.h: connecting (refusals, the handshake's bound, bad handles,
 * the stubs), what the library sends and what it does with each reply (GET,
 * PUT, OPEN, CLOSE, INQ copied back at every Version), a broken connection,
 * threads and fork; the last test loads build/lib/libmqm_r.so with dlopen and
 * checks that it exports the verbs and nothing else.
 */
#include "mqi_fake.h"

/* ------------------------------------------------------------------------ */
/* Connecting                                                               */

static void test_mqi_calls__conn_errors(void **state)
{
	(void)state;
	char root[PATH_MAX];
	MQHCONN h = 123;
	MQLONG cc = -9, rc = -9;
	MQCNO cno = { MQCNO_DEFAULT };

	root_make(root, sizeof root);
	MQCONN("QM1", &h, &cc, &rc);          /* no mqs.ini at all */
	assert_int_equal(cc, MQCC_FAILED);
	assert_int_equal(rc, MQRC_Q_MGR_NAME_ERROR);
	assert_int_equal(h, 123);

	mqs_write(root, NULL);
	CHECK(MQCONN("NOPE", &h, &cc, &rc), MQCC_FAILED, MQRC_Q_MGR_NAME_ERROR);
	MQCONN("", &h, &cc, &rc);             /* no default queue manager */
	assert_int_equal(rc, MQRC_Q_MGR_NAME_ERROR);
	CHECK(MQCONN("QM 1", &h, &cc, &rc), MQCC_FAILED, MQRC_Q_MGR_NAME_ERROR);
	CHECK(MQCONN(NULL, &h, &cc, &rc), MQCC_FAILED, MQRC_Q_MGR_NAME_ERROR);
	CHECK(MQCONN("QM1", NULL, &cc, &rc), MQCC_FAILED, MQRC_HCONN_ERROR);
	MQCONN("QMDOWN", &h, &cc, &rc);       /* known, no socket listening */
	assert_int_equal(cc, MQCC_FAILED);
	assert_int_equal(rc, MQRC_Q_MGR_NOT_AVAILABLE);
	MQCONN("QM1", &h, &cc, &rc);          /* known, not even an @ipcc folder */
	assert_int_equal(rc, MQRC_Q_MGR_NOT_AVAILABLE);
	mqs_write(root, "QMDOWN");
	CHECK(MQCONN("                                                ", &h, &cc, &rc), MQCC_FAILED, MQRC_Q_MGR_NOT_AVAILABLE);
	CHECK(MQCONNX("QM1", NULL, &h, &cc, &rc), MQCC_FAILED, MQRC_CNO_ERROR);
	cno.Version = 9;
	CHECK(MQCONNX("QM1", &cno, &h, &cc, &rc), MQCC_FAILED, MQRC_CNO_ERROR);
	assert_int_equal(h, 123);
	/* no CompCode or Reason to report in: nothing happens */
	rc = -9;
	MQCONN("NOPE", &h, NULL, &rc);
	assert_int_equal(rc, -9);
}

/* ------------------------------------------------------------------------ */
/* Refused and unanswered connections                                       */

/* A fresh data root whose QM1 (the default) has a listening socket that
 * nobody serves: the caller accepts (or not) itself. */
static int qm1_listen(int backlog)
{
	char root[PATH_MAX], dir[PATH_MAX + 8], ipcc[PATH_MAX + 16];
	struct sockaddr_un sa;
	int dirfd;
	root_make(root, sizeof root);
	mqs_write(root, "QM1");
	snprintf(dir, sizeof dir, "%s/qmgrs/QM1", root);
	snprintf(ipcc, sizeof ipcc, "%s/@ipcc", dir);
	assert_int_equal(os_mkdir_p(ipcc, 0700), 0);
	assert_int_equal(proto_sock_addr(dir, &sa, &dirfd), 0);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(fd, backlog), 0);
	if (dirfd >= 0)
		close(dirfd);
	return fd;
}

/* The refusal of qm/proto.h: an unsolicited CONN reply, then the socket
 * closed, as the queue manager sends at its connection or descriptor limit. */
static void refuse_on(int fd)
{
	uint8_t f[PROTO_HDR_SIZE + 8];
	struct proto_hdr h = { PROTO_MAGIC, 8, PROTO_CONN, PROTO_F_REPLY, PROTO_REFUSED_ID };
	proto_hdr_encode(f, &h);
	rep_head(f + PROTO_HDR_SIZE, MQCC_FAILED, MQRC_MAX_CONNS_LIMIT_REACHED);
	assert_int_equal(send_full(fd, f, sizeof f), 0);
	close(fd);
}

struct refuser {
	int lfd, n;
	int after_header;            /* refuse once the request's header has come */
};

static void *refuser_thread(void *arg)
{
	struct refuser *r = arg;
	for (int i = 0; i < r->n; i++) {
		int fd = accept(r->lfd, NULL, NULL);
		if (fd < 0)
			return NULL;
		if (r->after_header) {
			/* the rest of the request stays unread: the close then
			 * resets the client's socket, behind the refusal */
			uint8_t hdr[PROTO_HDR_SIZE];
			if (recv_full(fd, hdr, sizeof hdr)) {
				close(fd);
				continue;
			}
		}
		refuse_on(fd);
	}
	return NULL;
}

static void test_mqi_calls__refused(void **state)
{
	(void)state;
	MQLONG cc = -9, rc = -9;
	MQHCONN h = 123;

	/* The refusal came and the socket closed before the request went out:
	 * the send fails (EPIPE) and the call still reads the refusal. */
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	refuse_on(sv[1]);
	struct mqm_conn *c = mqm_conn_new();
	assert_non_null(c);
	c->fd = sv[0];
	uint8_t body[300] = { 0 }, rep[64];
	struct iovec iov = { body, sizeof body };
	struct mqm_rx rx = { rep, sizeof rep, NULL, 0, 0, 0 };
	errno = 0;
	assert_int_equal(mqm_call(c, PROTO_CONN, &iov, 1, &rx, &cc, &rc), MQRC_NONE);
	assert_int_equal(cc, MQCC_FAILED);
	assert_int_equal(rc, MQRC_MAX_CONNS_LIMIT_REACHED);
	mqm_conn_free(c);

	/* A refusal is only an answer to CONN: to any other request it breaks
	 * the connection. */
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	refuse_on(sv[1]);
	c = mqm_conn_new();
	assert_non_null(c);
	c->fd = sv[0];
	assert_int_equal(mqm_call(c, PROTO_INQ, &iov, 1, &rx, &cc, &rc), MQRC_CONNECTION_BROKEN);
	mqm_conn_free(c);

	/* Whole MQCONNs against a queue manager that refuses every one: at once
	 * (the request may or may not have gone out) and after the request's
	 * header (the rest unread when the socket closes). */
	for (int after = 0; after <= 1; after++) {
		struct refuser r = { qm1_listen(16), 20, after };
		pthread_t t;
		assert_int_equal(pthread_create(&t, NULL, refuser_thread, &r), 0);
		for (int i = 0; i < r.n; i++) {
			h = 123;
			CHECK(MQCONN("QM1", &h, &cc, &rc), MQCC_FAILED, MQRC_MAX_CONNS_LIMIT_REACHED);
			assert_int_equal(h, 123);
		}
		pthread_join(t, NULL);
		close(r.lfd);
	}
}

/* A queue manager that never accepts nor answers: MQCONN gives up with
 * 2059 after the handshake bound, both when its connect() was queued and
 * the reply never comes, and when the listen backlog is full and connect()
 * itself waits.  The bound is shortened to 1 s here. */
static void test_mqi_calls__handshake_bound(void **state)
{
	(void)state;
	MQLONG cc = -9, rc = -9;
	MQHCONN h = 123;
	int lfd = qm1_listen(0);     /* one connection queued, then connect() waits */
	handshake_seconds = 1;
	time_t t0 = time(NULL);
	for (int i = 0; i < 2; i++) {
		CHECK(MQCONN("QM1", &h, &cc, &rc), MQCC_FAILED, MQRC_Q_MGR_NOT_AVAILABLE);
		assert_int_equal(h, 123);
	}
	time_t took = time(NULL) - t0;
	handshake_seconds = MQM_HANDSHAKE_SECONDS;
	close(lfd);
	/* two bounds of 1 s, with room for a loaded machine: never a hang */
	assert_true(took <= 20);
}

static void test_mqi_calls__bad_hconn(void **state)
{
	(void)state;
	MQLONG cc, rc, dl;
	MQHCONN h = 5;
	MQHOBJ ho = 1;
	MQOD od = { MQOD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG sel = MQIA_CURRENT_Q_DEPTH, ia;
	char buf[4];
	MQHCONN bad[] = { 0, -1, 5, 12345, 0x7fff0001, MQHC_UNUSABLE_HCONN };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK(MQOPEN(bad[i], &od, MQOO_OUTPUT, &ho, &cc, &rc), MQCC_FAILED, MQRC_HCONN_ERROR);
		CHECK(MQCLOSE(bad[i], &ho, 0, &cc, &rc), MQCC_FAILED, MQRC_HCONN_ERROR);
		CHECK(MQPUT(bad[i], 1, &md, &pmo, 4, buf, &cc, &rc), MQCC_FAILED, MQRC_HCONN_ERROR);
		CHECK(MQPUT1(bad[i], &od, &md, &pmo, 4, buf, &cc, &rc), MQCC_FAILED, MQRC_HCONN_ERROR);
		CHECK(MQGET(bad[i], 1, &md, &gmo, 4, buf, &dl, &cc, &rc), MQCC_FAILED, MQRC_HCONN_ERROR);
		CHECK(MQCMIT(bad[i], &cc, &rc), MQCC_FAILED, MQRC_HCONN_ERROR);
		CHECK(MQBACK(bad[i], &cc, &rc), MQCC_FAILED, MQRC_HCONN_ERROR);
		CHECK(MQINQ(bad[i], 1, 1, &sel, 1, &ia, 0, NULL, &cc, &rc), MQCC_FAILED, MQRC_HCONN_ERROR);
		CHECK(MQSET(bad[i], 1, 1, &sel, 1, &ia, 0, NULL, &cc, &rc), MQCC_FAILED, MQRC_HCONN_ERROR);
		h = bad[i];
		CHECK(MQDISC(&h, &cc, &rc), MQCC_FAILED, MQRC_HCONN_ERROR);
		assert_int_equal(h, bad[i]);
	}
	CHECK(MQDISC(NULL, &cc, &rc), MQCC_FAILED, MQRC_HCONN_ERROR);
}

static void test_mqi_calls__stubs(void **state)
{
	(void)state;
	MQLONG cc, rc;
	MQHOBJ a, b;
	MQHMSG hm = 0;
#define STUB(call) CHECK_FAILED(call, MQRC_FUNCTION_NOT_SUPPORTED)
	STUB(MQBEGIN(1, NULL, &cc, &rc));
#undef STUB
	/* MQSUB and MQSUBRQ are real (qm/mqi/sub.c, tests/mqi/mqi_pubsub.c): no connection is 2018 */
	CHECK_FAILED(MQSUB(1, NULL, &a, &b, &cc, &rc), MQRC_HCONN_ERROR);
	CHECK_FAILED(MQSUBRQ(1, 1, 0, NULL, &cc, &rc), MQRC_HCONN_ERROR);
	/* MQCB and MQCTL are real (qm/mqi/async.c, tests/mqi/mqi_cb.c): no connection is 2018 */
	CHECK_FAILED(MQCB(1, MQOP_REGISTER, NULL, 0, NULL, NULL, &cc, &rc), MQRC_HCONN_ERROR);
	CHECK_FAILED(MQCTL(1, MQOP_START, NULL, &cc, &rc), MQRC_HCONN_ERROR);
	/* the message-handle verbs are real now (qm/mqi/props.c, tests/mqi/mqi_props.c):
	 * no connection is 2018, no handle 2460 */
	CHECK_FAILED(MQCRTMH(1, NULL, &hm, &cc, &rc), MQRC_HCONN_ERROR);
	CHECK_FAILED(MQDLTMH(1, &hm, NULL, &cc, &rc), MQRC_HMSG_ERROR);
	CHECK_FAILED(MQSETMP(1, hm, NULL, NULL, NULL, 0, 0, NULL, &cc, &rc), MQRC_HMSG_ERROR);
	CHECK_FAILED(MQINQMP(1, hm, NULL, NULL, NULL, NULL, 0, NULL, NULL, &cc, &rc), MQRC_HMSG_ERROR);
	CHECK_FAILED(MQDLTMP(1, hm, NULL, NULL, &cc, &rc), MQRC_HMSG_ERROR);
	CHECK_FAILED(MQMHBUF(1, hm, NULL, NULL, NULL, 0, NULL, NULL, &cc, &rc), MQRC_HMSG_ERROR);
	CHECK_FAILED(MQBUFMH(1, hm, NULL, NULL, 0, NULL, NULL, &cc, &rc), MQRC_HMSG_ERROR);
	MQBEGIN(1, NULL, NULL, NULL);       /* nowhere to report: nothing happens */
	/* MQSTAT is real now (tests/mqi/mqi_stat.c): no connection is 2018 first */
	CHECK_FAILED(MQSTAT(1, MQSTAT_TYPE_ASYNC_ERROR, NULL, &cc, &rc), MQRC_HCONN_ERROR);
}

static void test_mqi_calls__connect(void **state)
{
	(void)state;
	struct fake *f = fake_start();
	MQHCONN h, h2;
	MQLONG cc, rc;

	h = connect_qm1();
	assert_int_equal(f->last_op, PROTO_CONN);
	assert_int_equal(f->last_len, 100);   /* 88 fixed, auth, ulen 0, plen 0 (qm/proto.h CONN) */
	assert_memory_equal(f->last, "QM1 ", 4);
	assert_int_equal(f->last[47], ' ');
	assert_int_equal(get_u32(f->last + 48), 0);
	assert_memory_equal(f->last + 52, "test_mqi_calls ", 15);
	assert_int_equal(get_u32(f->last + 80), (uint32_t)getpid());
	assert_int_equal(get_u32(f->last + 88), PROTO_AUTH_NONE);   /* no MQCSP */

	/* the same thread again: the same handle, with a warning */
	CHECK(MQCONN("QM1", &h2, &cc, &rc), MQCC_WARNING, MQRC_ALREADY_CONNECTED);
	assert_int_equal(h2, h);
	MQCONN("", &h2, &cc, &rc);                        /* the default is QM1 */
	assert_int_equal(rc, MQRC_ALREADY_CONNECTED);
	assert_int_equal(h2, h);
	CHECK(MQCONN("QMDOWN", &h2, &cc, &rc), MQCC_FAILED, MQRC_ANOTHER_Q_MGR_CONNECTED);
	assert_int_equal(fake_total(f), 1);

	/* a shared handle is a new connection every time */
	MQCNO cno = { MQCNO_DEFAULT };
	cno.Options = MQCNO_HANDLE_SHARE_BLOCK;
	CHECK(MQCONNX("QM1", &cno, &h2, &cc, &rc), MQCC_OK, MQRC_NONE);
	assert_true(h2 > 0 && h2 != h);
	disconnect(h2);

	disconnect(h);
	assert_int_equal(f->frames[PROTO_DISC], 2);
	MQCMIT(h, &cc, &rc);                              /* the old handle is dead */
	assert_int_equal(rc, MQRC_HCONN_ERROR);

	/* every MQCNO Version, and MQCSP user and password */
	for (MQLONG v = 1; v <= 8; v++) {
		MQCNO c = { MQCNO_DEFAULT };
		MQCSP csp = { MQCSP_DEFAULT };
		c.Version = v;
		if (v >= 5) {
			c.SecurityParmsPtr = &csp;
			csp.AuthenticationType = MQCSP_AUTH_USER_ID_AND_PWD;
			csp.CSPUserIdPtr = "app";
			csp.CSPUserIdLength = 3;
			csp.CSPPasswordPtr = "passw0rd";
			csp.CSPPasswordLength = 8;
		}
		if (v >= 7)
			memcpy(c.ApplName, "MyApp", 5);
		memset(c.ConnectionId, 0, sizeof c.ConnectionId);
		CHECK(MQCONNX("QM1", &c, &h, &cc, &rc), MQCC_OK, MQRC_NONE);
		/* qm/proto.h CONN: auth, ulen, user, plen, password after the fixed 88 bytes */
		if (v >= 5) {
			assert_int_equal(get_u32(f->last + 88), PROTO_AUTH_USER_PWD);
			assert_int_equal(get_u32(f->last + 92), 3);
			assert_memory_equal(f->last + 96, "app", 3);
			assert_int_equal(get_u32(f->last + 99), 8);
			assert_memory_equal(f->last + 103, "passw0rd", 8);
			assert_memory_equal(c.ConnectionId, "AMQCQM1 ", 8);
		} else {
			assert_int_equal(get_u32(f->last + 88), PROTO_AUTH_NONE);
			assert_int_equal(get_u32(f->last + 92), 0);
			assert_int_equal(get_u32(f->last + 96), 0);
		}
		if (v >= 7)
			assert_memory_equal(f->last + 52, "MyApp ", 6);
		disconnect(h);
	}
	/* MQCSP's limits: a user id of 1024 and a password of 256 bytes are sent whole;
	 * 1025 is 2595 MQRC_CSP_ERROR, a password of 257 is 2035, nothing sent */
	{
		static char longuser[1025], longpw[257];
		memset(longuser, 'u', sizeof longuser);
		memset(longpw, 'p', sizeof longpw);
		MQCNO c = { MQCNO_DEFAULT };
		MQCSP csp = { MQCSP_DEFAULT };
		c.Version = MQCNO_VERSION_5;
		c.SecurityParmsPtr = &csp;
		csp.AuthenticationType = MQCSP_AUTH_USER_ID_AND_PWD;
		csp.CSPUserIdPtr = longuser;
		csp.CSPUserIdLength = 1024;
		csp.CSPPasswordPtr = longpw;
		csp.CSPPasswordLength = 256;
		CHECK(MQCONNX("QM1", &c, &h, &cc, &rc), MQCC_OK, MQRC_NONE);
		assert_int_equal(get_u32(f->last + 92), 1024);
		assert_int_equal(get_u32(f->last + 96 + 1024), 256);
		assert_memory_equal(f->last + 100 + 1024, longpw, 256);
		disconnect(h);
		int sent = f->frames[PROTO_CONN];
		csp.CSPUserIdLength = 1025;
		CHECK(MQCONNX("QM1", &c, &h, &cc, &rc), MQCC_FAILED, MQRC_CSP_ERROR);
		csp.CSPUserIdLength = 3;
		csp.CSPPasswordLength = 257;
		CHECK(MQCONNX("QM1", &c, &h, &cc, &rc), MQCC_FAILED, MQRC_NOT_AUTHORIZED);
		csp.CSPPasswordLength = -1;
		CHECK(MQCONNX("QM1", &c, &h, &cc, &rc), MQCC_FAILED, MQRC_CSP_ERROR);
		/* by offset from the MQCSP */
		static struct { MQCSP csp; char user[3]; char pw[4]; } off = { { MQCSP_DEFAULT }, "app", "abcd" };
		off.csp.AuthenticationType = MQCSP_AUTH_USER_ID_AND_PWD;
		off.csp.CSPUserIdOffset = (MQLONG)offsetof(__typeof__(off), user);
		off.csp.CSPUserIdLength = 3;
		off.csp.CSPPasswordOffset = (MQLONG)offsetof(__typeof__(off), pw);
		off.csp.CSPPasswordLength = 4;
		c.SecurityParmsPtr = &off.csp;
		assert_int_equal(f->frames[PROTO_CONN], sent);
		CHECK(MQCONNX("QM1", &c, &h, &cc, &rc), MQCC_OK, MQRC_NONE);
		assert_memory_equal(f->last + 96, "app", 3);
		assert_int_equal(get_u32(f->last + 99), 4);
		assert_memory_equal(f->last + 103, "abcd", 4);
		disconnect(h);
	}
	fake_stop(f);
}

/* ------------------------------------------------------------------------ */
/* Checks that stop a call before anything is sent                          */

static void test_mqi_calls__no_send(void **state)
{
	(void)state;
	struct fake *f = fake_start();
	MQHCONN h = connect_qm1();
	MQLONG cc, rc, dl;
	MQHOBJ ho = 42;
	MQOD od = { MQOD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	char buf[16] = "hello";
	int before = fake_total(f);

	/* MQOPEN */
	CHECK_FAILED(MQOPEN(h, NULL, MQOO_OUTPUT, &ho, &cc, &rc), MQRC_OD_ERROR);
	od.Version = 5;
	CHECK_FAILED(MQOPEN(h, &od, MQOO_OUTPUT, &ho, &cc, &rc), MQRC_OD_ERROR);
	od.Version = 1;
	memcpy(od.StrucId, "OD_ ", 4);
	CHECK_FAILED(MQOPEN(h, &od, MQOO_OUTPUT, &ho, &cc, &rc), MQRC_OD_ERROR);
	memcpy(od.StrucId, MQOD_STRUC_ID, 4);
	CHECK_FAILED(MQOPEN(h, &od, MQOO_OUTPUT, NULL, &cc, &rc), MQRC_HOBJ_ERROR);
	CHECK_FAILED(MQOPEN(h, &od, 0, &ho, &cc, &rc), MQRC_OPTIONS_ERROR);
	CHECK_FAILED(MQOPEN(h, &od, MQOO_INPUT_SHARED | MQOO_INPUT_EXCLUSIVE, &ho, &cc, &rc), MQRC_OPTIONS_ERROR);
	od.ObjectType = 77;
	CHECK_FAILED(MQOPEN(h, &od, MQOO_OUTPUT, &ho, &cc, &rc), MQRC_OBJECT_TYPE_ERROR);
	od.ObjectType = MQOT_Q;
	assert_int_equal(ho, 42);
	/* MQCLOSE */
	CHECK_FAILED(MQCLOSE(h, NULL, MQCO_NONE, &cc, &rc), MQRC_HOBJ_ERROR);
	CHECK_FAILED(MQCLOSE(h, &ho, MQCO_DELETE | MQCO_DELETE_PURGE, &cc, &rc), MQRC_OPTIONS_ERROR);
	/* MQPUT */
	CHECK_FAILED(MQPUT(h, ho, NULL, &pmo, 5, buf, &cc, &rc), MQRC_MD_ERROR);
	md.Version = 3;
	CHECK_FAILED(MQPUT(h, ho, &md, &pmo, 5, buf, &cc, &rc), MQRC_MD_ERROR);
	md.Version = 1;
	CHECK_FAILED(MQPUT(h, ho, &md, NULL, 5, buf, &cc, &rc), MQRC_PMO_ERROR);
	pmo.Version = 4;
	CHECK_FAILED(MQPUT(h, ho, &md, &pmo, 5, buf, &cc, &rc), MQRC_PMO_ERROR);
	pmo.Version = 1;
	pmo.Options = MQPMO_SYNCPOINT | MQPMO_NO_SYNCPOINT;
	CHECK_FAILED(MQPUT(h, ho, &md, &pmo, 5, buf, &cc, &rc), MQRC_OPTIONS_ERROR);
	pmo.Options = MQPMO_NONE;
	CHECK_FAILED(MQPUT(h, ho, &md, &pmo, -1, buf, &cc, &rc), MQRC_BUFFER_LENGTH_ERROR);
	CHECK_FAILED(MQPUT(h, ho, &md, &pmo, 5, NULL, &cc, &rc), MQRC_BUFFER_ERROR);
	md.Persistence = 7;
	CHECK_FAILED(MQPUT(h, ho, &md, &pmo, 5, buf, &cc, &rc), MQRC_PERSISTENCE_ERROR);
	md.Persistence = MQPER_PERSISTENT;
	md.MsgType = MQMT_REQUEST;
	CHECK_FAILED(MQPUT(h, ho, &md, &pmo, 5, buf, &cc, &rc), MQRC_MISSING_REPLY_TO_Q);
	md.MsgType = MQMT_DATAGRAM;
	/* MQPUT1 */
	CHECK_FAILED(MQPUT1(h, NULL, &md, &pmo, 5, buf, &cc, &rc), MQRC_OD_ERROR);
	pmo.Options = MQPMO_LOGICAL_ORDER;
	CHECK_FAILED(MQPUT1(h, &od, &md, &pmo, 5, buf, &cc, &rc), MQRC_OPTIONS_ERROR);
	pmo.Options = MQPMO_NONE;
	CHECK_FAILED(MQPUT1(h, &od, &md, &pmo, -3, buf, &cc, &rc), MQRC_BUFFER_LENGTH_ERROR);
	/* MQGET */
	CHECK_FAILED(MQGET(h, ho, NULL, &gmo, 16, buf, &dl, &cc, &rc), MQRC_MD_ERROR);
	CHECK_FAILED(MQGET(h, ho, &md, NULL, 16, buf, &dl, &cc, &rc), MQRC_GMO_ERROR);
	gmo.Version = 5;
	CHECK_FAILED(MQGET(h, ho, &md, &gmo, 16, buf, &dl, &cc, &rc), MQRC_GMO_ERROR);
	gmo.Version = 1;
	memcpy(gmo.StrucId, "GMO\0", 4);
	CHECK_FAILED(MQGET(h, ho, &md, &gmo, 16, buf, &dl, &cc, &rc), MQRC_GMO_ERROR);
	memcpy(gmo.StrucId, MQGMO_STRUC_ID, 4);
	gmo.Options = MQGMO_WAIT | MQGMO_SET_SIGNAL;
	CHECK_FAILED(MQGET(h, ho, &md, &gmo, 16, buf, &dl, &cc, &rc), MQRC_OPTIONS_ERROR);
	gmo.Options = MQGMO_BROWSE_FIRST | MQGMO_BROWSE_NEXT;
	CHECK_FAILED(MQGET(h, ho, &md, &gmo, 16, buf, &dl, &cc, &rc), MQRC_OPTIONS_ERROR);
	gmo.Options = MQGMO_WAIT;
	gmo.WaitInterval = -2;
	CHECK_FAILED(MQGET(h, ho, &md, &gmo, 16, buf, &dl, &cc, &rc), MQRC_WAIT_INTERVAL_ERROR);
	gmo.Options = MQGMO_NO_WAIT;
	CHECK_FAILED(MQGET(h, ho, &md, &gmo, -1, buf, &dl, &cc, &rc), MQRC_BUFFER_LENGTH_ERROR);
	CHECK_FAILED(MQGET(h, ho, &md, &gmo, 16, NULL, &dl, &cc, &rc), MQRC_BUFFER_ERROR);
	CHECK_FAILED(MQGET(h, ho, &md, &gmo, 16, buf, NULL, &cc, &rc), MQRC_DATA_LENGTH_ERROR);
	/* MQINQ, MQSET */
	MQLONG sel[2] = { MQIA_CURRENT_Q_DEPTH, MQCA_Q_NAME }, ia[1];
	MQCHAR ca[48];
	CHECK_FAILED(MQINQ(h, ho, -1, sel, 1, ia, 48, ca, &cc, &rc), MQRC_SELECTOR_COUNT_ERROR);
	CHECK_FAILED(MQINQ(h, ho, 300, sel, 1, ia, 48, ca, &cc, &rc), MQRC_SELECTOR_LIMIT_EXCEEDED);
	CHECK_FAILED(MQINQ(h, ho, 2, NULL, 1, ia, 48, ca, &cc, &rc), MQRC_SELECTOR_ERROR);
	CHECK_FAILED(MQINQ(h, ho, 2, sel, -1, ia, 48, ca, &cc, &rc), MQRC_INT_ATTR_COUNT_ERROR);
	CHECK_FAILED(MQINQ(h, ho, 2, sel, 1, NULL, 48, ca, &cc, &rc), MQRC_INT_ATTRS_ARRAY_ERROR);
	CHECK_FAILED(MQINQ(h, ho, 2, sel, 1, ia, -1, ca, &cc, &rc), MQRC_CHAR_ATTR_LENGTH_ERROR);
	CHECK_FAILED(MQINQ(h, ho, 2, sel, 1, ia, 48, NULL, &cc, &rc), MQRC_CHAR_ATTRS_ERROR);
	CHECK_FAILED(MQSET(h, ho, 2, sel, 1, ia, -1, ca, &cc, &rc), MQRC_CHAR_ATTR_LENGTH_ERROR);
	assert_int_equal(fake_total(f), before);
	disconnect(h);
	fake_stop(f);
}

/* ------------------------------------------------------------------------ */
/* Whole calls against the fake queue manager                               */

static void test_mqi_calls__get_copyback(void **state)
{
	(void)state;
	struct fake *f = fake_start();
	MQHCONN h = connect_qm1();
	MQLONG cc, rc, dl = -1;
	unsigned char mdb[512], gmob[256], data[32];
	MQMD md1 = { MQMD_DEFAULT };
	MQGMO g1 = { MQGMO_DEFAULT };

	/* MQMD v1 and MQGMO v1 followed by guards; a 4-byte buffer for 10 bytes */
	memset(mdb, GUARD, sizeof mdb);
	memset(gmob, GUARD, sizeof gmob);
	memset(data, GUARD, sizeof data);
	memset(md1.MsgId, 'A', sizeof md1.MsgId);
	memcpy(mdb, &md1, MQMD_LENGTH_1);
	memcpy(gmob, &g1, MQGMO_LENGTH_1);
	f->get_cc = MQCC_WARNING;
	f->get_rc = MQRC_TRUNCATED_MSG_ACCEPTED;
	CHECK(MQGET(h, 42, mdb, gmob, 4, data, &dl, &cc, &rc), MQCC_WARNING, MQRC_TRUNCATED_MSG_ACCEPTED);
	assert_int_equal(dl, 10);
	assert_memory_equal(data, "0123", 4);
	assert_true(guard_ok(data, 4, sizeof data));
	/* the MQMD: all of Version 1 written, StrucId and Version kept, nothing after */
	MQLONG v;
	memcpy(&v, mdb + 4, 4);
	assert_int_equal(v, 1);
	assert_memory_equal(mdb, "MD  ", 4);
	for (size_t i = 8; i < MQMD_LENGTH_1; i++)
		assert_int_equal(mdb[i], 0x5a);
	assert_true(guard_ok(mdb, MQMD_LENGTH_1, sizeof mdb));
	assert_memory_equal(gmob + offsetof(MQGMO, ResolvedQName), "GOT.Q ", 6);
	assert_true(guard_ok(gmob, MQGMO_LENGTH_1, sizeof gmob));
	/* what was sent: the caller's Versions, full-size structures, defaults after */
	MQMD smd;
	MQGMO sgmo;
	assert_int_equal(f->last_op, PROTO_GET);
	assert_int_equal(f->last_len, 4 + sizeof(MQMD) + sizeof(MQGMO) + 4);
	assert_int_equal(get_u32(f->last), 42);
	memcpy(&smd, f->last + 4, sizeof smd);
	memcpy(&sgmo, f->last + 4 + sizeof smd, sizeof sgmo);
	assert_int_equal(smd.Version, 1);
	assert_int_equal(smd.MsgId[0], 'A');
	assert_int_equal(smd.MsgSeqNumber, 1);
	assert_int_equal(smd.OriginalLength, MQOL_UNDEFINED);
	assert_int_equal(sgmo.Version, 1);
	assert_int_equal(sgmo.MatchOptions, MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID);
	assert_int_equal(get_u32(f->last + 4 + sizeof smd + sizeof sgmo), 4);

	/* Version 2 MQMD and Version 3 MQGMO get their later fields too */
	MQMD md2 = { MQMD_DEFAULT };
	MQGMO g3 = { MQGMO_DEFAULT };
	md2.Version = 2;
	g3.Version = 3;
	g3.Reserved2 = 5;      /* (Version 4: libmqm's own field on the wire, never copied back) */
	f->get_cc = MQCC_OK;
	f->get_rc = MQRC_NONE;
	CHECK(MQGET(h, 42, &md2, &g3, sizeof data, data, &dl, &cc, &rc), MQCC_OK, MQRC_NONE);
	assert_int_equal(md2.Version, 2);
	assert_int_equal(md2.OriginalLength, 0x5a5a5a5a);
	assert_int_equal(g3.GroupStatus, 'L');
	assert_int_equal(g3.MsgToken[15], 'T');
	assert_int_equal(g3.ReturnedLength, 10);
	assert_int_equal(g3.Reserved2, 5);
	assert_memory_equal(data, "0123456789", 10);

	disconnect(h);
	fake_stop(f);
}

static void test_mqi_calls__get_nothing(void **state)
{
	(void)state;
	struct fake *f = fake_start();
	MQHCONN h = connect_qm1();
	MQLONG cc, rc, dl = 1234;
	MQMD md = { MQMD_DEFAULT }, orig;
	MQGMO gmo = { MQGMO_DEFAULT };
	char data[8] = "xxxxxxx";
	f->fail_op = PROTO_GET;
	f->fail_cc = MQCC_FAILED;
	f->fail_rc = MQRC_NO_MSG_AVAILABLE;
	orig = md;
	CHECK(MQGET(h, 42, &md, &gmo, sizeof data, data, &dl, &cc, &rc), MQCC_FAILED, MQRC_NO_MSG_AVAILABLE);
	assert_int_equal(dl, 1234);
	assert_memory_equal(&md, &orig, sizeof md);
	assert_string_equal(data, "xxxxxxx");
	disconnect(h);
	fake_stop(f);
}

static void test_mqi_calls__put_copyback(void **state)
{
	(void)state;
	struct fake *f = fake_start();
	MQHCONN h = connect_qm1();
	MQLONG cc, rc;
	unsigned char mdb[512], pmob[256];
	MQMD md1 = { MQMD_DEFAULT };
	MQPMO p1 = { MQPMO_DEFAULT };

	memset(mdb, GUARD, sizeof mdb);
	memset(pmob, GUARD, sizeof pmob);
	memcpy(mdb, &md1, MQMD_LENGTH_1);
	memcpy(pmob, &p1, MQPMO_LENGTH_1);
	CHECK(MQPUT(h, 42, mdb, pmob, 5, "hello", &cc, &rc), MQCC_OK, MQRC_NONE);
	memcpy(&md1, mdb, MQMD_LENGTH_1);
	assert_int_equal(md1.MsgId[0], 'M');
	assert_memory_equal(md1.PutDate, "20260101", 8);
	assert_memory_equal(md1.PutApplName, "fake ", 5);
	assert_int_equal(md1.Priority, MQPRI_PRIORITY_AS_Q_DEF);
	assert_int_equal(md1.Version, 1);
	assert_true(guard_ok(mdb, MQMD_LENGTH_1, sizeof mdb));
	memcpy(&p1, pmob, MQPMO_LENGTH_1);
	assert_memory_equal(p1.ResolvedQName, "PUT.Q ", 6);
	assert_int_equal(p1.Timeout, -1);
	assert_true(guard_ok(pmob, MQPMO_LENGTH_1, sizeof pmob));
	assert_int_equal(f->last_op, PROTO_PUT);
	assert_int_equal(f->last_len, 4 + sizeof(MQMD) + sizeof(MQPMO) + 4 + 5);
	assert_int_equal(get_u32(f->last + 4 + sizeof(MQMD) + sizeof(MQPMO)), 5);
	assert_memory_equal(f->last + 4 + sizeof(MQMD) + sizeof(MQPMO) + 4, "hello", 5);

	/* Version 2 MQMD gets the group fields; a v2 PMO's pointers do not travel */
	MQMD md2 = { MQMD_DEFAULT };
	MQPMO p2 = { MQPMO_DEFAULT };
	md2.Version = 2;
	p2.Version = 2;
	p2.PutMsgRecPtr = &md2;
	CHECK(MQPUT(h, 42, &md2, &p2, 0, NULL, &cc, &rc), MQCC_OK, MQRC_NONE);
	assert_int_equal(md2.GroupId[23], 'G');
	assert_ptr_equal(p2.PutMsgRecPtr, &md2);
	MQPMO sp;
	memcpy(&sp, f->last + 4 + sizeof(MQMD), sizeof sp);
	assert_null(sp.PutMsgRecPtr);
	assert_int_equal(sp.Version, 2);

	/* MQPUT1: the MQOD outputs too */
	MQOD od = { MQOD_DEFAULT };
	od.Version = 3;
	memcpy(od.ObjectName, "DEV.QUEUE.1", 11);
	CHECK(MQPUT1(h, &od, &md2, &p2, 3, "abc", &cc, &rc), MQCC_OK, MQRC_NONE);
	assert_memory_equal(od.ResolvedQName, "PUT1.Q ", 7);
	assert_memory_equal(od.ObjectName, "DEV.QUEUE.1\0", 12);
	disconnect(h);
	fake_stop(f);
}

static void test_mqi_calls__open_close_inq(void **state)
{
	(void)state;
	struct fake *f = fake_start();
	MQHCONN h = connect_qm1();
	MQLONG cc, rc;
	MQHOBJ ho = 0;
	unsigned char odb[512];
	MQOD od1 = { MQOD_DEFAULT };

	memset(odb, GUARD, sizeof odb);
	memcpy(od1.ObjectName, "MODEL.Q", 7);
	memcpy(odb, &od1, MQOD_LENGTH_1);
	CHECK(MQOPEN(h, odb, MQOO_INPUT_AS_Q_DEF | MQOO_INQUIRE, &ho, &cc, &rc), MQCC_OK, MQRC_NONE);
	assert_int_equal(ho, 42);
	assert_memory_equal(odb + offsetof(MQOD, ObjectName), "AMQ.DYN.1 ", 10);
	assert_true(guard_ok(odb, MQOD_LENGTH_1, sizeof odb));
	assert_int_equal(f->last_len, 4 + sizeof(MQOD));
	assert_int_equal(get_u32(f->last), MQOO_INPUT_AS_Q_DEF | MQOO_INQUIRE);

	/* MQINQ: only as many integers as integer selectors; the rest unchanged */
	MQLONG sel[3] = { MQIA_CURRENT_Q_DEPTH, MQCA_Q_NAME, MQIA_MAX_Q_DEPTH };
	MQLONG ia[5] = { -7, -7, -7, -7, -7 };
	MQCHAR ca[60];
	memset(ca, '#', sizeof ca);
	CHECK(MQINQ(h, ho, 3, sel, 5, ia, 60, ca, &cc, &rc), MQCC_OK, MQRC_NONE);
	assert_int_equal(ia[0], 100);
	assert_int_equal(ia[1], 101);
	assert_int_equal(ia[2], -7);
	assert_int_equal(ia[4], -7);
	assert_memory_equal(ca, "INQ.Q ", 6);
	assert_int_equal(ca[47], ' ');
	assert_int_equal(ca[48], '#');                    /* beyond what was returned */
	assert_int_equal(f->last_op, PROTO_INQ);
	assert_int_equal(get_u32(f->last + 4), 3);
	assert_int_equal(get_u32(f->last + 8), 2);      /* nint */
	assert_int_equal(get_u32(f->last + 12), 60);
	assert_int_equal(get_u32(f->last + 20), MQCA_Q_NAME);
	/* too few integers for the selectors: the queue manager is told so */
	CHECK(MQINQ(h, ho, 3, sel, 1, ia, 60, ca, &cc, &rc), MQCC_OK, MQRC_NONE);
	assert_int_equal(get_u32(f->last + 8), 1);

	/* MQSET sends the values */
	MQLONG ssel[2] = { MQIA_INHIBIT_PUT, MQCA_Q_DESC }, sv[1] = { MQQA_PUT_INHIBITED };
	MQCHAR desc[64];
	memset(desc, ' ', sizeof desc);
	memcpy(desc, "a queue", 7);
	CHECK(MQSET(h, ho, 2, ssel, 1, sv, 64, desc, &cc, &rc), MQCC_OK, MQRC_NONE);
	assert_int_equal(f->last_op, PROTO_SET);
	assert_int_equal(f->last_len, 16 + 8 + 4 + 64);
	assert_int_equal(get_u32(f->last + 24), MQQA_PUT_INHIBITED);
	assert_memory_equal(f->last + 28, "a queue ", 8);

	CHECK(MQCLOSE(h, &ho, MQCO_DELETE, &cc, &rc), MQCC_OK, MQRC_NONE);
	assert_int_equal(ho, MQHO_UNUSABLE_HOBJ);
	assert_int_equal(f->last_op, PROTO_CLOSE);
	assert_int_equal(get_u32(f->last), 42);
	assert_int_equal(get_u32(f->last + 4), MQCO_DELETE);
	CHECK(MQCMIT(h, &cc, &rc), MQCC_OK, MQRC_NONE);
	CHECK(MQBACK(h, &cc, &rc), MQCC_OK, MQRC_NONE);
	assert_int_equal(f->frames[PROTO_CMIT], 1);
	assert_int_equal(f->frames[PROTO_BACK], 1);
	disconnect(h);
	fake_stop(f);
}

/* ------------------------------------------------------------------------ */
/* Broken connections                                                       */

static void test_mqi_calls__broken(void **state)
{
	(void)state;
	struct fake *f = fake_start();
	MQHCONN h;
	MQLONG cc, rc;

	f->close_op = PROTO_CMIT;
	h = connect_qm1();
	CHECK(MQCMIT(h, &cc, &rc), MQCC_FAILED, MQRC_CONNECTION_BROKEN);
	int n = fake_total(f);
	CHECK(MQBACK(h, &cc, &rc), MQCC_FAILED, MQRC_CONNECTION_BROKEN);
	assert_int_equal(fake_total(f), n);               /* nothing sent any more */
	/* a broken thread connection is not "already connected" */
	MQHCONN h2;
	CHECK(MQCONN("QM1", &h2, &cc, &rc), MQCC_OK, MQRC_NONE);
	assert_true(h2 != h);
	disconnect(h2);
	CHECK(MQDISC(&h, &cc, &rc), MQCC_FAILED, MQRC_CONNECTION_BROKEN);
	assert_int_equal(h, MQHC_UNUSABLE_HCONN);

	/* the queue manager said it is stopping: a closed socket is 2162 */
	f->fail_op = PROTO_BACK;
	f->fail_cc = MQCC_FAILED;
	f->fail_rc = MQRC_Q_MGR_STOPPING;
	h = connect_qm1();
	CHECK(MQBACK(h, &cc, &rc), MQCC_FAILED, MQRC_Q_MGR_STOPPING);
	CHECK(MQCMIT(h, &cc, &rc), MQCC_FAILED, MQRC_Q_MGR_STOPPING);
	CHECK(MQDISC(&h, &cc, &rc), MQCC_FAILED, MQRC_Q_MGR_STOPPING);

	/* a reply that breaks the protocol breaks the connection */
	f->close_op = f->fail_op = 0;
	f->short_op = PROTO_CMIT;
	h = connect_qm1();
	CHECK(MQCMIT(h, &cc, &rc), MQCC_FAILED, MQRC_CONNECTION_BROKEN);
	CHECK(MQDISC(&h, &cc, &rc), MQCC_FAILED, MQRC_CONNECTION_BROKEN);

	/* the queue manager goes away altogether */
	f->short_op = 0;
	h = connect_qm1();
	fake_stop(f);
	CHECK(MQCMIT(h, &cc, &rc), MQCC_FAILED, MQRC_CONNECTION_BROKEN);
	MQDISC(&h, &cc, &rc);
	assert_int_equal(h, MQHC_UNUSABLE_HCONN);
}

/* ------------------------------------------------------------------------ */
/* Threads and processes                                                    */

struct thr_arg {
	MQHCONN h, got;
	MQLONG cc, rc;
};

static void *thr_connect(void *p)
{
	struct thr_arg *a = p;
	MQCONN("QM1", &a->got, &a->cc, &a->rc);
	return NULL;
}

static void *thr_get(void *p)
{
	struct thr_arg *a = p;
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	char buf[16];
	MQLONG dl;
	gmo.Options = MQGMO_WAIT;
	gmo.WaitInterval = MQWI_UNLIMITED;
	MQGET(a->h, 42, &md, &gmo, sizeof buf, buf, &dl, &a->cc, &a->rc);
	return NULL;
}

static void *thr_cmit(void *p)
{
	struct thr_arg *a = p;
	MQCMIT(a->h, &a->cc, &a->rc);
	return NULL;
}

static void test_mqi_calls__threads(void **state)
{
	(void)state;
	struct fake *f = fake_start();
	MQHCONN h = connect_qm1();
	struct thr_arg a = { 0 };
	pthread_t t;
	MQLONG cc, rc;

	/* another thread gets a connection of its own */
	assert_int_equal(pthread_create(&t, NULL, thr_connect, &a), 0);
	pthread_join(t, NULL);
	assert_int_equal(a.rc, MQRC_NONE);
	assert_true(a.got > 0 && a.got != h);
	/* ... which this thread may use and end */
	CHECK(MQCMIT(a.got, &cc, &rc), MQCC_OK, MQRC_NONE);
	disconnect(a.got);
	disconnect(h);

	/* HANDLE_SHARE_NO_BLOCK: a call while another is in progress is 2219;
	 * HANDLE_SHARE_BLOCK: it waits its turn */
	for (int mode = 0; mode < 2; mode++) {
		MQCNO cno = { MQCNO_DEFAULT };
		cno.Options = mode == 0 ? MQCNO_HANDLE_SHARE_NO_BLOCK : MQCNO_HANDLE_SHARE_BLOCK;
		CHECK(MQCONNX("QM1", &cno, &h, &cc, &rc), MQCC_OK, MQRC_NONE);
		pthread_mutex_lock(&f->mu);
		f->hold = 1;
		f->get_cc = MQCC_OK;
		f->get_rc = MQRC_NONE;
		pthread_mutex_unlock(&f->mu);
		memset(&a, 0, sizeof a);
		a.h = h;
		a.rc = -9;
		assert_int_equal(pthread_create(&t, NULL, thr_get, &a), 0);
		pthread_mutex_lock(&f->mu);
		while (!f->in_get)
			pthread_cond_wait(&f->cv, &f->mu);
		pthread_mutex_unlock(&f->mu);
		if (mode == 0) {
			CHECK(MQCMIT(h, &cc, &rc), MQCC_FAILED, MQRC_CALL_IN_PROGRESS);
			pthread_mutex_lock(&f->mu);
			f->hold = 0;
			pthread_cond_broadcast(&f->cv);
			pthread_mutex_unlock(&f->mu);
		} else {
			/* a second call waits for the first: both get their own reply */
			struct thr_arg b = { 0 };
			pthread_t t2;
			struct timespec ts = { 0, 50 * 1000 * 1000 };
			b.h = h;
			b.rc = -9;
			assert_int_equal(pthread_create(&t2, NULL, thr_cmit, &b), 0);
			nanosleep(&ts, NULL);
			pthread_mutex_lock(&f->mu);
			f->hold = 0;
			pthread_cond_broadcast(&f->cv);
			pthread_mutex_unlock(&f->mu);
			pthread_join(t2, NULL);
			assert_int_equal(b.cc, MQCC_OK);
			assert_int_equal(b.rc, MQRC_NONE);
		}
		pthread_join(t, NULL);
		assert_int_equal(a.rc, MQRC_NONE);
		disconnect(h);
	}
	fake_stop(f);
}

static void test_mqi_calls__fork(void **state)
{
	(void)state;
	struct fake *f = fake_start();
	MQHCONN h = connect_qm1();
	MQLONG cc, rc;
	int before = fake_total(f);

	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		MQHCONN hc = h;
		int bad = 0;
		MQCMIT(h, &cc, &rc);
		bad |= rc != MQRC_HCONN_ERROR;
		MQDISC(&hc, &cc, &rc);
		bad |= rc != MQRC_HCONN_ERROR || hc != h;
		/* the child's own connection is a new one */
		MQCONN("QM1", &hc, &cc, &rc);
		bad |= rc != MQRC_NONE || cc != MQCC_OK;
		MQDISC(&hc, &cc, &rc);
		bad |= rc != MQRC_NONE;
		_exit(bad ? 1 : 0);
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	/* the child sent nothing on the parent's connection: CONN + DISC of its own */
	assert_int_equal(fake_total(f), before + 2);
	CHECK(MQCMIT(h, &cc, &rc), MQCC_OK, MQRC_NONE);
	disconnect(h);
	fake_stop(f);
}

/* ------------------------------------------------------------------------ */
/* The shared library                                                        */

static void test_mqi_calls__exports(void **state)
{
	(void)state;
	char exe[PATH_MAX], lib[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	assert_true(n > 0);
	exe[n] = 0;
	char *slash = strrchr(exe, '/');
	*slash = 0;
	snprintf(lib, sizeof lib, "%s/../lib/libmqm_r.so", exe);
	void *dl = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
	assert_non_null(dl);
	const char *verbs[] = { "MQCONN", "MQCONNX", "MQDISC", "MQOPEN", "MQCLOSE", "MQPUT", "MQPUT1",
				"MQGET", "MQCMIT", "MQBACK", "MQBEGIN", "MQINQ", "MQSET", "MQSUB", "MQSUBRQ",
				"MQCB", "MQCTL", "MQSTAT", "MQCRTMH", "MQDLTMH", "MQSETMP", "MQINQMP",
				"MQDLTMP", "MQMHBUF", "MQBUFMH" };
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		assert_non_null(dlsym(dl, verbs[i]));
	const char *hidden[] = { "mqm_call", "mqm_check_cno", "mqm_conn_get", "mqs_load",
				 "cfg_data_root", "proto_sock_addr", "os_replace_file" };
	for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
		assert_null(dlsym(dl, hidden[i]));

	/* the loaded library works on its own */
	char root[PATH_MAX];
	root_make(root, sizeof root);
	mqs_write(root, NULL);
	MQHCONN h = 9;
	MQLONG cc = -9, rc = -9;
	PMQ_CONN_CALL conn = (PMQ_CONN_CALL)dlsym(dl, "MQCONN");
	CHECK(conn("NOPE", &h, &cc, &rc), MQCC_FAILED, MQRC_Q_MGR_NAME_ERROR);
	CHECK(conn("QMDOWN", &h, &cc, &rc), MQCC_FAILED, MQRC_Q_MGR_NOT_AVAILABLE);
	PMQ_BEGIN_CALL begin = (PMQ_BEGIN_CALL)dlsym(dl, "MQBEGIN");
	CHECK(begin(1, NULL, &cc, &rc), MQCC_FAILED, MQRC_FUNCTION_NOT_SUPPORTED);
	dlclose(dl);
}

int main(void)
{
	/* the fake queue manager speaks the socket protocol only (the shared
	 * memory channel is tested against the real one: t6330-shmring.sh) */
	setenv("QUIRE_IPC", "socket", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mqi_calls__conn_errors),
		cmocka_unit_test(test_mqi_calls__refused),
		cmocka_unit_test(test_mqi_calls__handshake_bound),
		cmocka_unit_test(test_mqi_calls__bad_hconn),
		cmocka_unit_test(test_mqi_calls__stubs),
		cmocka_unit_test(test_mqi_calls__connect),
		cmocka_unit_test(test_mqi_calls__no_send),
		cmocka_unit_test(test_mqi_calls__get_copyback),
		cmocka_unit_test(test_mqi_calls__get_nothing),
		cmocka_unit_test(test_mqi_calls__put_copyback),
		cmocka_unit_test(test_mqi_calls__open_close_inq),
		cmocka_unit_test(test_mqi_calls__broken),
		cmocka_unit_test(test_mqi_calls__threads),
		cmocka_unit_test(test_mqi_calls__fork),
		cmocka_unit_test(test_mqi_calls__exports),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
