/*
 * test_mqi_client.c: libmqm's client side (qm/mqi/client.c, ccdt.c): MQSERVER
 * and connection name lists, MQCD checks, the JSON CCDT reader and channel
 * selection, the choice of binding, and MQCONNX against a fake listener (a
 * thread of the test speaking CHLOPEN, CONN, HEARTBEAT ... of qm/proto.h on
 * TCP loopback): what CHLOPEN carries, refusals, a first address that is down,
 * something that is not a listener, heartbeats answered while idle and inside
 * a call, a silent queue manager found dead after 2 x HBINT, MAXMSGL on put.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <cmqxc.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "qm/mqi/ccdt.h"
#include "qm/mqi/mqm_int.h"

/* ------------------------------------------------------------------------ */
/* Parsers                                                                  */

static void test_mqi_client__conname(void **state)
{
	(void)state;
	struct mqm_cd cd;
	const char *s = "host.example(1415), 10.0.0.1 ,[::1](2000),fe80::1%eth0(3000)";
	assert_int_equal(mqm_conname_parse(s, strlen(s), &cd), 0);
	assert_int_equal(cd.naddr, 4);
	assert_string_equal(cd.addr[0].host, "host.example");
	assert_int_equal(cd.addr[0].port, 1415);
	assert_string_equal(cd.addr[1].host, "10.0.0.1");
	assert_int_equal(cd.addr[1].port, 1414);     /* MQ's default port */
	assert_string_equal(cd.addr[2].host, "::1");
	assert_int_equal(cd.addr[2].port, 2000);
	assert_string_equal(cd.addr[3].host, "fe80::1%eth0");
	assert_int_equal(cd.addr[3].port, 3000);
	const char *bad[] = { "", "h(0)", "h(65536)", "h(12a)", "h()", "h,,g", "h)", "[::1(1)", "h o(1)",
			      "h;rm(1)", "h(123456)" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(mqm_conname_parse(bad[i], strlen(bad[i]), &cd), -1);
	char many[1024] = "";
	for (int i = 0; i < MQM_CD_MAX_ADDRS + 1; i++)
		strcat(many, i ? ",h" : "h");
	assert_int_equal(mqm_conname_parse(many, strlen(many), &cd), -1);
	many[strlen(many) - 2] = 0;
	assert_int_equal(mqm_conname_parse(many, strlen(many), &cd), 0);
	assert_int_equal(cd.naddr, MQM_CD_MAX_ADDRS);
}

static void test_mqi_client__mqserver(void **state)
{
	(void)state;
	struct mqm_cd cd;
	assert_int_equal(mqm_mqserver_parse("DEV.APP.SVRCONN/TCP/localhost(1414)", &cd), MQRC_NONE);
	assert_string_equal(cd.channel, "DEV.APP.SVRCONN");
	assert_int_equal(cd.naddr, 1);
	assert_int_equal(cd.addr[0].port, 1414);
	assert_int_equal(cd.maxmsgl, 4194304);
	assert_int_equal(cd.hbint, 1);
	assert_int_equal(mqm_mqserver_parse("C/tcp/h1(1),h2(2)", &cd), MQRC_NONE);
	assert_int_equal(cd.naddr, 2);
	const char *bad[] = { "C", "C/TCP", "C/LU62/h", "/TCP/h", "C H/TCP/h", "C/TCP/", "C/TCP/h(x)",
			      "CHANNEL.NAME.TOO.LONG1/TCP/h" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(mqm_mqserver_parse(bad[i], &cd), MQRC_Q_MGR_NAME_ERROR);
}

static void test_mqi_client__mqcd(void **state)
{
	(void)state;
	MQCD mq = { MQCD_CLIENT_CONN_DEFAULT };
	struct mqm_cd cd;
	memcpy(mq.ChannelName, "A.B", 3);
	memcpy(mq.ConnectionName, "h(99)", 5);
	assert_int_equal(mqm_cd_from_mqcd(&mq, &cd), MQRC_NONE);
	assert_string_equal(cd.channel, "A.B");
	assert_int_equal(cd.addr[0].port, 99);
	assert_int_equal(cd.hbint, 1);
	mq.HeartbeatInterval = 300;
	mq.MaxMsgLength = 1000;
	memcpy(mq.SSLCipherSpec, "TLS_AES_128_GCM_SHA256", 22);
	assert_int_equal(mqm_cd_from_mqcd(&mq, &cd), MQRC_NONE);
	assert_string_equal(cd.cipher, "");           /* SSLCipherSpec is Version 7 */
	mq.Version = MQCD_CURRENT_VERSION;
	assert_int_equal(mqm_cd_from_mqcd(&mq, &cd), MQRC_NONE);
	assert_int_equal(cd.hbint, 300);
	assert_int_equal(cd.maxmsgl, 1000);
	assert_string_equal(cd.cipher, "TLS_AES_128_GCM_SHA256");
	char peer[] = "CN=QM1, O=Quire  ";
	mq.SSLPeerNamePtr = peer;
	mq.SSLPeerNameLength = (MQLONG)strlen(peer);
	memcpy(mq.CertificateLabel, "qmlabel", 7);
	assert_int_equal(mqm_cd_from_mqcd(&mq, &cd), MQRC_NONE);
	assert_string_equal(cd.peer, "CN=QM1, O=Quire");
	assert_string_equal(cd.label, "qmlabel");
	mq.SSLPeerNameLength = -1;
	assert_int_equal(mqm_cd_from_mqcd(&mq, &cd), MQRC_CD_ERROR);
	mq.SSLPeerNameLength = 0;
	mq.SSLPeerNamePtr = NULL;
	/* Version 1 takes ShortConnectionName and the defaults after it */
	MQCD v1 = mq;
	v1.Version = MQCD_VERSION_1;
	memcpy(v1.ShortConnectionName, "s(5)", 4);
	assert_int_equal(mqm_cd_from_mqcd(&v1, &cd), MQRC_NONE);
	assert_int_equal(cd.addr[0].port, 5);
	assert_int_equal(cd.hbint, 1);
	assert_string_equal(cd.cipher, "");
	MQCD b;
	b = mq; b.Version = 13;                  assert_int_equal(mqm_cd_from_mqcd(&b, &cd), MQRC_CD_ERROR);
	b = mq; b.Version = 0;                   assert_int_equal(mqm_cd_from_mqcd(&b, &cd), MQRC_CD_ERROR);
	b = mq; b.ChannelType = MQCHT_SVRCONN;   assert_int_equal(mqm_cd_from_mqcd(&b, &cd), MQRC_CD_ERROR);
	b = mq; b.TransportType = MQXPT_LU62;    assert_int_equal(mqm_cd_from_mqcd(&b, &cd), MQRC_CD_ERROR);
	b = mq; memset(b.ChannelName, ' ', 20);  assert_int_equal(mqm_cd_from_mqcd(&b, &cd), MQRC_CD_ERROR);
	b = mq; memset(b.ConnectionName, ' ', 264); assert_int_equal(mqm_cd_from_mqcd(&b, &cd), MQRC_CD_ERROR);
	b = mq; b.MaxMsgLength = -1;             assert_int_equal(mqm_cd_from_mqcd(&b, &cd), MQRC_CD_ERROR);
	b = mq; b.HeartbeatInterval = -1;        assert_int_equal(mqm_cd_from_mqcd(&b, &cd), MQRC_CD_ERROR);
	b = mq; b.Version = 9; b.SharingConversations = -1;
	assert_int_equal(mqm_cd_from_mqcd(&b, &cd), MQRC_CD_ERROR);
}

static const char CCDT[] =
	"\xEF\xBB\xBF{ \"channel\": [\n"
	" { \"name\": \"ZED\", \"type\": \"clientConnection\",\n"
	"   \"clientConnection\": { \"connection\": [ { \"host\": \"h1\", \"port\": 1500 } ], \"queueManager\": \"QM1\" } },\n"
	" { \"name\": \"ALPHA\", \"type\": \"clientConnection\", \"general\": { \"description\": \"a\\u00e9\\ud83d\\ude00\", \"maximumMessageLength\": 2048 },\n"
	"   \"clientConnection\": { \"connection\": [ { \"host\": \"h2\" }, { \"host\": \"::1\", \"port\": 1 } ], \"queueManager\": \"QM1\" },\n"
	"   \"connectionManagement\": { \"heartbeatInterval\": 30, \"sharingConversations\": 1, \"clientWeight\": 0 },\n"
	"   \"transmissionSecurity\": { \"cipherSpecification\": \"ANY_TLS12\", \"certificateLabel\": \"x\", \"certificatePeerName\": \"CN=a\", }, },\n"
	" { \"name\": \"W\", \"type\": \"clientConnection\", \"connectionManagement\": { \"clientWeight\": 5 },\n"
	"   \"clientConnection\": { \"connection\": [ { \"host\": \"h3\" } ], \"queueManager\": \"QM1\" } },\n"
	" { \"name\": \"SVR\", \"type\": \"serverConnection\" },\n"
	" { \"name\": \"ANY\", \"type\": \"clientConnection\", \"clientConnection\": { \"connection\": [ { \"host\": \"h4\" } ] } }\n"
	"] }\n";

static void test_mqi_client__ccdt(void **state)
{
	(void)state;
	struct mqm_cd *cds;
	size_t n;
	char err[256];
	assert_int_equal(mqm_ccdt_parse(CCDT, strlen(CCDT), &cds, &n, err, sizeof err), 0);
	assert_int_equal(n, 4);                  /* the serverConnection entry skipped */
	assert_string_equal(cds[1].channel, "ALPHA");
	assert_int_equal(cds[1].naddr, 2);
	assert_int_equal(cds[1].addr[0].port, 1414);
	assert_int_equal(cds[1].addr[1].port, 1);
	assert_int_equal(cds[1].hbint, 30);
	assert_int_equal(cds[1].maxmsgl, 2048);
	assert_int_equal(cds[1].sharecnv, 1);
	assert_string_equal(cds[1].cipher, "ANY_TLS12");
	assert_string_equal(cds[1].label, "x");
	assert_string_equal(cds[1].peer, "CN=a");
	assert_string_equal(cds[3].qmgr, "");
	free(cds);

	/* selection: QM1's channels, weight 0 first in name order */
	struct mqm_plan pl;
	memset(&pl, 0, sizeof pl);
	assert_int_equal(mqm_ccdt_select(CCDT, strlen(CCDT), "t", "QM1", &pl), MQRC_NONE);
	assert_int_equal(pl.n, 3);
	assert_string_equal(pl.cds[0].channel, "ALPHA");
	assert_string_equal(pl.cds[1].channel, "ZED");
	assert_string_equal(pl.cds[2].channel, "W");
	mqm_plan_free(&pl);
	assert_int_equal(mqm_ccdt_select(CCDT, strlen(CCDT), "t", "", &pl), MQRC_NONE);
	assert_int_equal(pl.n, 1);
	assert_string_equal(pl.cds[0].channel, "ANY");
	mqm_plan_free(&pl);
	assert_int_equal(mqm_ccdt_select(CCDT, strlen(CCDT), "t", "QM2", &pl), MQRC_Q_MGR_NAME_ERROR);

	/* damaged tables: each refused with what is wrong */
	const char *bad[] = {
		"", "[]", "{", "{\"channel\": 5}", "{\"channel\": [1]}", "{\"channel\": []} x",
		"{\"channel\": [{\"type\": \"clientConnection\"}]}",
		"{\"channel\": [{\"name\": \"A\"}]}",
		"{\"channel\": [{\"name\": \"A B\", \"type\": \"clientConnection\"}]}",
		"{\"channel\": [{\"name\": \"A\", \"type\": \"clientConnection\"}]}",
		"{\"channel\": [{\"name\": \"A\", \"type\": \"clientConnection\", \"clientConnection\": {\"connection\": []}}]}",
		"{\"channel\": [{\"name\": \"A\", \"type\": \"clientConnection\", \"clientConnection\": {\"connection\": [{\"host\": \"h\", \"port\": 70000}]}}]}",
		"{\"channel\": [{\"name\": \"A\", \"type\": \"clientConnection\", \"clientConnection\": {\"connection\": [{\"host\": \"h\", \"port\": 1.5}]}}]}",
		"{\"channel\": [{\"name\": \"A\", \"type\": \"clientConnection\", \"clientConnection\": {\"connection\": [{\"host\": \"h\"}]}, \"connectionManagement\": {\"heartbeatInterval\": \"30\"}}]}",
		"{\"channel\": [{\"name\": \"A\", \"type\": \"clientConnection\", \"clientConnection\": {\"connection\": [{\"host\": \"h\"}], \"queueManager\": 7}}]}",
		"{\"a\": \"\\x\"}", "{\"a\": \"\\ud800\"}", "{\"a\": \"\\udc00\"}", "{\"a\": \"\x01\"}",
		"{\"a\": \"\xC0\xAF\"}", "{\"a\": \"\xED\xA0\x80\"}", "{\"a\": 01}", "{\"a\": -}", "{\"a\": 1.}",
		"{\"a\": tru}", "{\"a\" 1}", "{,}", "{\"a\": [1,,2]}", "{\"a\": \"x",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err[0] = 0;
		assert_int_equal(mqm_ccdt_parse(bad[i], strlen(bad[i]), &cds, &n, err, sizeof err), -1);
		assert_null(cds);
		assert_true(err[0] != 0);
	}
	/* nesting is bounded */
	char deep[200];
	memset(deep, '[', sizeof deep);
	assert_int_equal(mqm_ccdt_parse(deep, sizeof deep, &cds, &n, err, sizeof err), -1);
	assert_non_null(strstr(err, "deeply"));
	/* no "channel" at all: a table without channels */
	assert_int_equal(mqm_ccdt_parse("{}", 2, &cds, &n, err, sizeof err), 0);
	assert_int_equal(n, 0);
}

/* ------------------------------------------------------------------------ */
/* A fake listener                                                          */

enum mode { M_OK, M_REFUSE, M_GARBAGE, M_HB_IDLE, M_HB_CALL, M_DEAD, M_RECON, M_RECON_PUT };

struct fake {
	int lfd, port;
	enum mode mode;
	MQLONG hbint;               /* what CHLOPEN's reply negotiates */
	pthread_t t;
	/* what it saw */
	char channel[21], qmgr[49], user[64];
	MQLONG maxmsgl, hb_asked;
	int hb_answered;
	int conns;
	/* M_RECON: what each connection saw */
	uint8_t open1[600];
	size_t open1_len;
	int open_same;              /* the second connection's OPEN was the first's */
	uint32_t put_hobj[2], get_hobj[2];
	uint8_t conn_req[2][2048];  /* each connection's CONN request */
	uint32_t conn_len[2];
};

static int read_frame(int fd, struct proto_hdr *h, uint8_t *body, size_t cap, int ms)
{
	uint8_t hdr[PROTO_HDR_SIZE];
	size_t got = 0;
	while (got < sizeof hdr) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, ms) != 1)
			return -1;
		ssize_t k = recv(fd, hdr + got, sizeof hdr - got, 0);
		if (k <= 0)
			return -1;
		got += (size_t)k;
	}
	if (proto_hdr_decode(hdr, h) != 0)
		return -1;
	for (got = 0; got < h->len;) {
		uint8_t sink[4096];
		uint8_t *dst = got < cap ? body + got : sink;
		size_t want = got < cap ? cap - got : sizeof sink;
		if (want > h->len - got)
			want = h->len - got;
		ssize_t k = recv(fd, dst, want, 0);
		if (k <= 0)
			return -1;
		got += (size_t)k;
	}
	return 0;
}

static void send_frame(int fd, uint16_t op, uint16_t flags, uint32_t id, const void *body, size_t len)
{
	uint8_t hdr[PROTO_HDR_SIZE];
	struct proto_hdr h = { PROTO_MAGIC, (uint32_t)len, op, flags, id };
	proto_hdr_encode(hdr, &h);
	struct iovec v[2] = { { hdr, sizeof hdr }, { (void *)body, len } };
	proto_send_all(fd, v, 2);
}

static void reply_ccrc(int fd, const struct proto_hdr *h, MQLONG cc, MQLONG rc, const void *more, size_t n)
{
	uint8_t b[1024];
	put_u32(b, (uint32_t)cc);
	put_u32(b + 4, (uint32_t)rc);
	if (n)
		memcpy(b + 8, more, n);
	send_frame(fd, h->op, PROTO_F_REPLY, h->id, b, 8 + n);
}

static void *fake_main(void *arg)
{
	struct fake *f = arg;
	int fd = accept(f->lfd, NULL, NULL);
	if (fd < 0)
		return NULL;
	f->conns++;
	struct proto_hdr h;
	uint8_t body[8192];
	if (f->mode == M_GARBAGE) {
		const char *t = "HTTP/1.0 400 Bad Request\r\n\r\n";
		(void)read_frame(fd, &h, body, sizeof body, 5000);
		(void)!write(fd, t, strlen(t));
		close(fd);
		return NULL;
	}
	if (read_frame(fd, &h, body, sizeof body, 5000) || h.op != MQM_OP_CHLOPEN)
		goto out;
	mqm_name_get((char *)body, 20, f->channel);
	f->maxmsgl = (MQLONG)get_u32(body + 24);
	f->hb_asked = (MQLONG)get_u32(body + 28);
	mqm_name_get((char *)body + 36, 48, f->qmgr);
	uint32_t un = get_u32(body + 84);
	if (un < sizeof f->user)
		memcpy(f->user, body + 88, un);
	if (f->mode == M_REFUSE) {
		reply_ccrc(fd, &h, MQCC_FAILED, MQRC_UNKNOWN_CHANNEL_NAME, NULL, 0);
		goto out;
	}
	uint8_t rep[12 + 48];
	put_u32(rep, 1000);             /* the lower MAXMSGL */
	put_u32(rep + 4, (uint32_t)f->hbint);
	put_u32(rep + 8, 10);
	mqm_name_put((char *)rep + 12, 48, "QMX");
	reply_ccrc(fd, &h, MQCC_OK, MQRC_NONE, rep, sizeof rep);
	if (read_frame(fd, &h, body, sizeof body, 5000) || h.op != PROTO_CONN)
		goto out;
	uint8_t crep[48 + 12];
	mqm_name_put((char *)crep, 48, "QMX");
	put_u32(crep + 48, 819);
	put_u32(crep + 52, 7);
	put_u32(crep + 56, 1234);
	reply_ccrc(fd, &h, MQCC_OK, MQRC_NONE, crep, sizeof crep);
	if (f->mode == M_HB_IDLE) {
		/* the application is idle: libmqm's watcher must answer */
		struct timespec ts = { 0, 300 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		send_frame(fd, MQM_OP_HEARTBEAT, 0, 0, NULL, 0);
		if (read_frame(fd, &h, body, sizeof body, 3000) == 0 && h.op == MQM_OP_HEARTBEAT &&
		    (h.flags & PROTO_F_REPLY) && h.len == 0)
			f->hb_answered++;
	}
	for (;;) {
		if (read_frame(fd, &h, body, sizeof body, 20000))
			break;
		if (h.op == PROTO_DISC) {
			reply_ccrc(fd, &h, MQCC_OK, MQRC_NONE, NULL, 0);
			break;
		}
		if (h.op == PROTO_CMIT && f->mode == M_DEAD)
			continue;       /* never answers: the client must give up after 2 x HBINT */
		if (h.op == PROTO_CMIT && f->mode == M_HB_CALL) {
			struct proto_hdr q;
			send_frame(fd, MQM_OP_HEARTBEAT, 0, 0, NULL, 0);
			if (read_frame(fd, &q, body, sizeof body, 3000) == 0 && q.op == MQM_OP_HEARTBEAT &&
			    (q.flags & PROTO_F_REPLY))
				f->hb_answered++;
		}
		reply_ccrc(fd, &h, MQCC_OK, MQRC_NONE, NULL, 0);
	}
out:
	close(fd);
	return NULL;
}

/* CHLOPEN and CONN on a new connection (M_RECON's); the socket or -1. */
static int recon_accept(struct fake *f)
{
	struct proto_hdr h;
	uint8_t body[2048];
	int fd = accept(f->lfd, NULL, NULL);
	if (fd < 0)
		return -1;
	f->conns++;
	if (read_frame(fd, &h, body, sizeof body, 5000) || h.op != MQM_OP_CHLOPEN)
		goto bad;
	uint8_t rep[12 + 48];
	put_u32(rep, 100000);
	put_u32(rep + 4, 0);
	put_u32(rep + 8, 10);
	mqm_name_put((char *)rep + 12, 48, "QMX");
	reply_ccrc(fd, &h, MQCC_OK, MQRC_NONE, rep, sizeof rep);
	if (read_frame(fd, &h, body, sizeof body, 5000) || h.op != PROTO_CONN)
		goto bad;
	if (f->conns <= 2 && h.len <= sizeof f->conn_req[0]) {
		f->conn_len[f->conns - 1] = h.len;
		memcpy(f->conn_req[f->conns - 1], body, h.len);
	}
	uint8_t crep[48 + 12];
	mqm_name_put((char *)crep, 48, "QMX");
	put_u32(crep + 48, 819);
	put_u32(crep + 52, (uint32_t)f->conns);
	put_u32(crep + 56, 1234);
	reply_ccrc(fd, &h, MQCC_OK, MQRC_NONE, crep, sizeof crep);
	return fd;
bad:
	close(fd);
	return -1;
}

/* M_RECON: connection 1 serves OPEN (hobj 5) and a PUT, then drops the
 * connection under the next request; connection 2 must see the OPEN again
 * (answered hobj 9) and then the interrupted request with hobj 9 (a GET:
 * answered 2033), then a PUT with hobj 9, then DISC.  M_RECON_PUT: the
 * request dropped is a PUT (the client must not send it again). */
static void *recon_main(void *arg)
{
	struct fake *f = arg;
	struct proto_hdr h;
	uint8_t body[2048], zero[sizeof(MQMD) + sizeof(MQPMO) + sizeof(MQOD)];
	memset(zero, 0, sizeof zero);
	int fd = recon_accept(f);
	if (fd < 0)
		return NULL;
	if (read_frame(fd, &h, f->open1, sizeof f->open1, 5000) || h.op != PROTO_OPEN)
		goto out;
	f->open1_len = h.len;
	uint8_t orep[4 + sizeof(MQOD)];
	memset(orep, 0, sizeof orep);
	put_u32(orep, 5);
	reply_ccrc(fd, &h, MQCC_OK, MQRC_NONE, orep, sizeof orep);
	if (read_frame(fd, &h, body, sizeof body, 5000) || h.op != PROTO_PUT)
		goto out;
	f->put_hobj[0] = get_u32(body);
	reply_ccrc(fd, &h, MQCC_OK, MQRC_NONE, zero, sizeof(MQMD) + sizeof(MQPMO));
	if (read_frame(fd, &h, body, sizeof body, 5000))
		goto out;
	if (h.op == PROTO_GET)
		f->get_hobj[0] = get_u32(body);
	close(fd);                          /* the connection breaks under it */
	if ((fd = recon_accept(f)) < 0)
		return NULL;
	if (read_frame(fd, &h, body, sizeof body, 5000) || h.op != PROTO_OPEN)
		goto out;
	f->open_same = h.len == f->open1_len && memcmp(body, f->open1, h.len) == 0;
	put_u32(orep, 9);
	reply_ccrc(fd, &h, MQCC_OK, MQRC_NONE, orep, sizeof orep);
	for (;;) {
		if (read_frame(fd, &h, body, sizeof body, 10000))
			break;
		if (h.op == PROTO_GET) {
			f->get_hobj[1] = get_u32(body);
			reply_ccrc(fd, &h, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, NULL, 0);
		} else if (h.op == PROTO_PUT) {
			f->put_hobj[1] = get_u32(body);
			reply_ccrc(fd, &h, MQCC_OK, MQRC_NONE, zero, sizeof(MQMD) + sizeof(MQPMO));
		} else {
			reply_ccrc(fd, &h, MQCC_OK, MQRC_NONE, NULL, 0);
			if (h.op == PROTO_DISC)
				break;
		}
	}
out:
	close(fd);
	return NULL;
}

static void fake_start(struct fake *f, enum mode m, MQLONG hbint)
{
	memset(f, 0, sizeof *f);
	f->mode = m;
	f->hbint = hbint;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t al = sizeof a;
	f->lfd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(f->lfd >= 0);
	assert_int_equal(bind(f->lfd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(f->lfd, 4), 0);
	getsockname(f->lfd, (struct sockaddr *)&a, &al);
	f->port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&f->t, NULL, m == M_RECON || m == M_RECON_PUT ? recon_main : fake_main, f),
			 0);
}

static void fake_stop(struct fake *f)
{
	shutdown(f->lfd, SHUT_RDWR);
	pthread_join(f->t, NULL);
	close(f->lfd);
}

/* a port where nothing listens (bound, then closed) */
static int dead_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t al = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	bind(fd, (struct sockaddr *)&a, sizeof a);
	getsockname(fd, (struct sockaddr *)&a, &al);
	close(fd);
	return ntohs(a.sin_port);
}

static void clear_env(void)
{
	unsetenv("MQSERVER");
	unsetenv("MQCCDTURL");
	unsetenv("MQCHLLIB");
	unsetenv("MQCHLTAB");
	unsetenv("MQ_CONNECT_TYPE");
}

static void set_server(const char *chl, const char *conname)
{
	char v[512];
	snprintf(v, sizeof v, "%s/TCP/%s", chl, conname);
	setenv("MQSERVER", v, 1);
}

static void test_mqi_client__connect(void **state)
{
	(void)state;
	struct fake f;
	char cn[300];
	MQHCONN h;
	MQLONG cc, rc;
	clear_env();
	fake_start(&f, M_OK, 0);
	/* the first address is down: the second is used */
	snprintf(cn, sizeof cn, "127.0.0.1(%d),127.0.0.1(%d)", dead_port(), f.port);
	set_server("DEV.APP.SVRCONN", cn);
	MQCONN("QMX", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	assert_int_equal(cc, MQCC_OK);
	assert_string_equal(f.channel, "DEV.APP.SVRCONN");
	assert_string_equal(f.qmgr, "QMX");            /* the name to check */
	assert_int_equal(f.maxmsgl, 4194304);
	assert_true(f.user[0] != 0);                   /* the OS user, for CHLAUTH */
	/* a message over the negotiated MAXMSGL (1000): 2010, nothing sent */
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	char buf[1001] = { 0 };
	MQPUT(h, 1, &md, &pmo, sizeof buf, buf, &cc, &rc);
	assert_int_equal(rc, MQRC_DATA_LENGTH_ERROR);
	MQCMIT(h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	MQDISC(&h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	fake_stop(&f);
	assert_int_equal(f.conns, 1);

	/* "*QM": no name sent to check */
	fake_start(&f, M_OK, 0);
	snprintf(cn, sizeof cn, "127.0.0.1(%d)", f.port);
	set_server("C", cn);
	MQCONN("*SALE", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	assert_string_equal(f.qmgr, "");
	MQDISC(&h, &cc, &rc);
	fake_stop(&f);

	/* another name than the listener's: 2058 */
	fake_start(&f, M_OK, 0);
	snprintf(cn, sizeof cn, "127.0.0.1(%d)", f.port);
	set_server("C", cn);
	MQCONN("QMY", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_Q_MGR_NAME_ERROR);
	fake_stop(&f);

	/* refusal passed on */
	fake_start(&f, M_REFUSE, 0);
	snprintf(cn, sizeof cn, "127.0.0.1(%d)", f.port);
	set_server("NOPE", cn);
	MQCONN("", &h, &cc, &rc);
	assert_int_equal(cc, MQCC_FAILED);
	assert_int_equal(rc, MQRC_UNKNOWN_CHANNEL_NAME);
	fake_stop(&f);

	/* not a listener */
	fake_start(&f, M_GARBAGE, 0);
	snprintf(cn, sizeof cn, "127.0.0.1(%d)", f.port);
	set_server("C", cn);
	MQCONN("", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_CHANNEL_CONFIG_ERROR);
	fake_stop(&f);

	/* nothing anywhere */
	snprintf(cn, sizeof cn, "127.0.0.1(%d),no-such-host.invalid", dead_port());
	set_server("C", cn);
	MQCONN("", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_HOST_NOT_AVAILABLE);
	set_server("C", "h(x)");
	MQCONN("", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_Q_MGR_NAME_ERROR);
	clear_env();
}

static void test_mqi_client__mqcd_and_ccdt(void **state)
{
	(void)state;
	struct fake f;
	MQHCONN h;
	MQLONG cc, rc;
	clear_env();
	fake_start(&f, M_OK, 0);
	MQCD cd = { MQCD_CLIENT_CONN_DEFAULT };
	MQCNO cno = { MQCNO_DEFAULT };
	cno.Version = MQCNO_VERSION_2;
	cno.ClientConnPtr = &cd;
	memcpy(cd.ChannelName, "BY.MQCD", 7);
	snprintf(cd.ConnectionName, sizeof cd.ConnectionName, "localhost(%d)", f.port);
	cd.MaxMsgLength = 5000;
	/* the MQCD wins over MQSERVER */
	set_server("OTHER", "127.0.0.1(1)");
	MQCONNX("", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	assert_string_equal(f.channel, "BY.MQCD");
	assert_int_equal(f.maxmsgl, 5000);
	MQDISC(&h, &cc, &rc);
	fake_stop(&f);
	/* a channel with a CipherSpec needs TLS (client_tls.c): without a key
	 * repository (no MQSCO, no MQSSLKEYR) 2381, and nothing goes out in the clear */
	fake_start(&f, M_OK, 0);
	snprintf(cd.ConnectionName, sizeof cd.ConnectionName, "localhost(%d)", f.port);
	cd.Version = MQCD_VERSION_7;
	memcpy(cd.SSLCipherSpec, "ANY_TLS12", 9);
	unsetenv("MQSSLKEYR");
	MQCONNX("", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_KEY_REPOSITORY_ERROR);
	fake_stop(&f);
	assert_string_equal(f.channel, "");          /* no CHLOPEN went out in the clear */
	memset(cd.SSLCipherSpec, ' ', sizeof cd.SSLCipherSpec);
	cd.ChannelType = MQCHT_SVRCONN;
	MQCONNX("", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_CD_ERROR);
	/* an MQSCO (Version 4): checked and kept for TLS */
	{
		struct mqm_cno o;
		struct mqm_plan pl;
		int client;
		MQSCO sco = { MQSCO_DEFAULT };
		MQCNO c4 = { MQCNO_DEFAULT };
		c4.Version = MQCNO_VERSION_4;
		c4.Options = MQCNO_CLIENT_BINDING;
		c4.SSLConfigPtr = &sco;
		memcpy(sco.KeyRepository, "/keys/client", 12);
		set_server("C", "127.0.0.1(1)");
		assert_int_equal(mqm_check_cno(&c4, &o), MQRC_NONE);
		assert_int_equal(mqm_client_choose(&c4, &o, "", &pl, &client), MQRC_NONE);
		assert_int_equal(client, 1);
		assert_true(pl.have_sco);
		assert_memory_equal(pl.sco.KeyRepository, "/keys/client", 12);
		mqm_plan_free(&pl);
		sco.Version = 8;
		assert_int_equal(mqm_client_choose(&c4, &o, "", &pl, &client), MQRC_SCO_ERROR);
		sco.Version = 1;
		c4.SSLConfigOffset = 4;
		assert_int_equal(mqm_client_choose(&c4, &o, "", &pl, &client), MQRC_SCO_ERROR);
		unsetenv("MQSERVER");
	}
	cno.ClientConnOffset = 8;
	MQCONNX("", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_CLIENT_CONN_ERROR);
	clear_env();

	/* a CCDT by MQCCDTURL (file://) and by MQCHLLIB/MQCHLTAB */
	const char *dir = getenv("QUIRE_TEST_DIR");
	char path[512], url[600], text[2048];
	snprintf(path, sizeof path, "%s/ccdt.json", dir ? dir : "/tmp");
	fake_start(&f, M_OK, 0);
	snprintf(text, sizeof text,
		 "{\"channel\":[{\"name\":\"DOWN\",\"type\":\"clientConnection\",\"clientConnection\":"
		 "{\"connection\":[{\"host\":\"127.0.0.1\",\"port\":%d}],\"queueManager\":\"QMX\"}},"
		 "{\"name\":\"UP\",\"type\":\"clientConnection\",\"clientConnection\":"
		 "{\"connection\":[{\"host\":\"127.0.0.1\",\"port\":%d}],\"queueManager\":\"QMX\"},"
		 "\"connectionManagement\":{\"heartbeatInterval\":7}}]}", dead_port(), f.port);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	snprintf(url, sizeof url, "file://%s", path);
	setenv("MQCCDTURL", url, 1);
	MQCONN("QMX", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	assert_string_equal(f.channel, "UP");        /* DOWN first (name order), then UP */
	assert_int_equal(f.hb_asked, 7);
	MQDISC(&h, &cc, &rc);
	fake_stop(&f);
	MQCONN("QMZ", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_Q_MGR_NAME_ERROR);  /* no channel for QMZ */
	setenv("MQCCDTURL", "http://example.com/ccdt.json", 1);
	MQCONN("QMX", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_CLIENT_CONN_ERROR);
	unsetenv("MQCCDTURL");
	fp = fopen(path, "w");
	fputs("{\"channel\":[{\"name\":\"UP\",", fp);      /* damaged */
	fclose(fp);
	char d2[512];
	snprintf(d2, sizeof d2, "%s", path);
	*strrchr(d2, '/') = 0;
	setenv("MQCHLLIB", d2, 1);
	setenv("MQCHLTAB", "ccdt.json", 1);
	MQCONN("QMX", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_CLIENT_CONN_ERROR);
	setenv("MQCHLTAB", "missing.json", 1);
	MQCONN("QMX", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_CLIENT_CONN_ERROR);
	clear_env();
}

static void test_mqi_client__binding(void **state)
{
	(void)state;
	MQHCONN h;
	MQLONG cc, rc;
	char data[512];
	/* an empty data path: a local connection finds no queue manager (2058), a
	 * client one finds nothing listening (2538) */
	const char *dir = getenv("QUIRE_TEST_DIR");
	snprintf(data, sizeof data, "%s", dir ? dir : "/tmp/quire-no-such-dir");
	setenv("MQ_DATA_PATH", data, 1);
	clear_env();
	char cn[64];
	snprintf(cn, sizeof cn, "127.0.0.1(%d)", dead_port());
	MQCNO cno = { MQCNO_DEFAULT };
	set_server("C", cn);
	MQCONNX("QM", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_HOST_NOT_AVAILABLE);     /* MQSERVER makes it a client */
	cno.Options = MQCNO_LOCAL_BINDING;
	MQCONNX("QM", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_Q_MGR_NAME_ERROR);       /* local despite MQSERVER */
	cno.Options = MQCNO_NONE;
	setenv("MQ_CONNECT_TYPE", "LOCAL", 1);
	MQCONNX("QM", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_Q_MGR_NAME_ERROR);
	cno.Options = MQCNO_CLIENT_BINDING;                /* the option wins over the variable */
	MQCONNX("QM", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_HOST_NOT_AVAILABLE);
	clear_env();
	cno.Options = MQCNO_CLIENT_BINDING;                /* a client with no channel anywhere */
	MQCONNX("QM", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_Q_MGR_NAME_ERROR);
	setenv("MQ_CONNECT_TYPE", "CLIENT", 1);
	cno.Options = MQCNO_NONE;
	MQCONNX("QM", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_Q_MGR_NAME_ERROR);
	cno.Options = MQCNO_FASTPATH_BINDING;              /* MQ_CONNECT_TYPE is for standard bindings only */
	MQCONNX("QM", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_Q_MGR_NAME_ERROR);
	clear_env();
	/* a client may ask for "*QM"; a local connection may not */
	cno.Options = MQCNO_NONE;
	MQCONNX("*QM", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_Q_MGR_NAME_ERROR);
	set_server("C", cn);
	MQCONNX("*QM", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_HOST_NOT_AVAILABLE);
	MQCONNX("*Q M", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_Q_MGR_NAME_ERROR);
	clear_env();
}

static void test_mqi_client__heartbeat(void **state)
{
	(void)state;
	struct fake f;
	char cn[64];
	MQHCONN h;
	MQLONG cc, rc;
	clear_env();

	/* idle: the watcher answers */
	fake_start(&f, M_HB_IDLE, 1);
	snprintf(cn, sizeof cn, "127.0.0.1(%d)", f.port);
	set_server("C", cn);
	MQCONN("", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	struct timespec ts = { 2, 500 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	assert_int_equal(f.hb_answered, 1);
	MQCMIT(h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	MQDISC(&h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	fake_stop(&f);

	/* inside a call: answered, then the reply comes */
	fake_start(&f, M_HB_CALL, 1);
	snprintf(cn, sizeof cn, "127.0.0.1(%d)", f.port);
	set_server("C", cn);
	MQCONN("", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	MQCMIT(h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	assert_int_equal(f.hb_answered, 1);
	MQDISC(&h, &cc, &rc);
	fake_stop(&f);

	/* a queue manager that says nothing for 2 x HBINT is dead: 2009 */
	fake_start(&f, M_DEAD, 1);
	snprintf(cn, sizeof cn, "127.0.0.1(%d)", f.port);
	set_server("C", cn);
	MQCONN("", &h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	time_t t0 = time(NULL);
	MQCMIT(h, &cc, &rc);
	assert_int_equal(rc, MQRC_CONNECTION_BROKEN);
	assert_true(time(NULL) - t0 >= 1 && time(NULL) - t0 <= 4);
	MQCMIT(h, &cc, &rc);
	assert_int_equal(rc, MQRC_CONNECTION_BROKEN);
	MQDISC(&h, &cc, &rc);
	assert_int_equal(rc, MQRC_CONNECTION_BROKEN);
	fake_stop(&f);
	clear_env();
}

static void test_mqi_client__clientini(void **state)
{
	(void)state;
	const char *dir = getenv("QUIRE_TEST_DIR");
	char path[512];
	snprintf(path, sizeof path, "%s/my-client.ini", dir ? dir : "/tmp");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("# a comment\nClientExitPath:\n   ExitsDefaultPath=/x\n   DefRecon=NO\n"
	      "channels:\n  serverconnectionparms = INI.CHL/TCP/127.0.0.1(1)  \n"
	      "  DefRecon=MAYBE\n  DefRecon=QMGR\n  MQReconnectTimeout=-4\n  MQReconnectTimeout=7\n"
	      "  ChannelDefinitionDirectory=/ccdt\n  ChannelDefinitionFile=t.json\n  ; another\n"
	      "  no equals sign here\nTCP:\n  DefRecon=YES\n", f);
	fclose(f);
	struct mqm_clientini ci;
	char url[600];
	snprintf(url, sizeof url, "file://%s", path);
	setenv("MQCLNTCF", url, 1);
	mqm_clientini_read(&ci);
	assert_true(ci.found);
	assert_string_equal(ci.path, path);
	assert_string_equal(ci.server, "INI.CHL/TCP/127.0.0.1(1)");
	assert_int_equal(ci.defrecon, MQRCN_Q_MGR);      /* MAYBE refused; ClientExitPath's and TCP's not read */
	assert_int_equal(ci.recon_timeout, 7);
	assert_string_equal(ci.chldir, "/ccdt");
	assert_string_equal(ci.chlfile, "t.json");

	/* its channel comes after MQSERVER, and its DefRecon before the channel's */
	struct mqm_cno o;
	struct mqm_plan pl;
	int client;
	MQCNO cno = { MQCNO_DEFAULT };
	cno.Options = MQCNO_CLIENT_BINDING;
	clear_env();
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_NONE);
	assert_int_equal(mqm_client_choose(&cno, &o, "", &pl, &client), MQRC_NONE);
	assert_string_equal(pl.cds[0].channel, "INI.CHL");
	assert_int_equal(pl.recon_timeout, 7);
	assert_int_equal(mqm_client_recon_mode(&pl, MQCNO_NONE), 2);
	assert_int_equal(mqm_client_recon_mode(&pl, MQCNO_RECONNECT), 1);
	assert_int_equal(mqm_client_recon_mode(&pl, MQCNO_RECONNECT_DISABLED), 0);
	pl.ini_defrecon = MQRCN_DISABLED;
	assert_int_equal(mqm_client_recon_mode(&pl, MQCNO_RECONNECT), 0);
	mqm_plan_free(&pl);
	set_server("ENV.CHL", "127.0.0.1(1)");
	assert_int_equal(mqm_client_choose(&cno, &o, "", &pl, &client), MQRC_NONE);
	assert_string_equal(pl.cds[0].channel, "ENV.CHL");
	mqm_plan_free(&pl);
	clear_env();
	/* the file alone does not make a connection a client one */
	cno.Options = MQCNO_NONE;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_NONE);
	assert_int_equal(mqm_client_choose(&cno, &o, "", &pl, &client), MQRC_NONE);
	assert_int_equal(client, 0);
	/* a file that cannot be read is passed over */
	setenv("MQCLNTCF", "/no/such/file.ini", 1);
	mqm_clientini_read(&ci);
	assert_false(ci.found && strcmp(ci.path, "/no/such/file.ini") == 0);
	unsetenv("MQCLNTCF");
}

static int events[8], nevents;
static void evh(MQHCONN h, PMQVOID md, PMQVOID gmo, PMQVOID buf, PMQCBC ctx)
{
	(void)h; (void)md; (void)gmo; (void)buf;
	if (nevents < 8)
		events[nevents++] = ctx->Reason;
}

static void test_mqi_client__reconnect(void **state)
{
	(void)state;
	struct fake f;
	char cn[64];
	MQHCONN h;
	MQHOBJ ho;
	MQLONG cc, rc, dl;
	MQCNO cno = { MQCNO_DEFAULT };
	MQOD od = { MQOD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQCBD cbd = { MQCBD_DEFAULT };
	char buf[16] = "hello";
	clear_env();
	setenv("QUIRE_RECONNECT_DELAY_MS", "50", 1);
	fake_start(&f, M_RECON, 0);
	snprintf(cn, sizeof cn, "127.0.0.1(%d)", f.port);
	set_server("C", cn);
	cno.Options = MQCNO_RECONNECT;
	MQCONNX("QMX", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	cbd.CallbackType = MQCBT_EVENT_HANDLER;
	cbd.CallbackFunction = (MQPTR)evh;
	MQCB(h, MQOP_REGISTER, &cbd, MQHO_NONE, NULL, NULL, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	memcpy(od.ObjectName, "Q1", 2);
	MQOPEN(h, &od, MQOO_OUTPUT | MQOO_INPUT_AS_Q_DEF, &ho, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	assert_true(ho != 5);                          /* libmqm's own handle */
	pmo.Options = MQPMO_SYNCPOINT;
	MQPUT(h, ho, &md, &pmo, 5, buf, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	assert_int_equal(f.put_hobj[0], 5);            /* translated for the queue manager */
	/* the connection breaks under this get: reconnected, Q1 opened again,
	 * the get sent again with the new handle */
	MQMD gmd = { MQMD_DEFAULT };
	MQGET(h, ho, &gmd, &gmo, sizeof buf, buf, &dl, &cc, &rc);
	assert_int_equal(rc, MQRC_NO_MSG_AVAILABLE);
	assert_int_equal(f.conns, 2);
	assert_int_equal(f.get_hobj[0], 5);
	assert_int_equal(f.get_hobj[1], 9);
	assert_true(f.open_same);
	/* CONN again as it was first sent (its length too), but for its thread id */
	assert_int_equal(f.conn_len[1], f.conn_len[0]);
	assert_memory_equal(f.conn_req[1], f.conn_req[0], 48 + 4 + 28 + 4);
	assert_memory_equal(f.conn_req[1] + 88, f.conn_req[0] + 88, f.conn_len[0] - 88);
	assert_int_equal(nevents, 2);
	assert_int_equal(events[0], MQRC_RECONNECTING);
	assert_int_equal(events[1], MQRC_RECONNECTED);
	/* the put under syncpoint went with the old connection */
	MQCMIT(h, &cc, &rc);
	assert_int_equal(cc, MQCC_FAILED);
	assert_int_equal(rc, MQRC_BACKED_OUT);
	MQCMIT(h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	pmo.Options = MQPMO_NO_SYNCPOINT;
	MQPUT(h, ho, &md, &pmo, 5, buf, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	assert_int_equal(f.put_hobj[1], 9);
	MQDISC(&h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	fake_stop(&f);

	/* the connection breaks under a put: 2549, not sent again; then the
	 * listener is gone for good: 2548 after the timeout, for every call */
	nevents = 0;
	setenv("QUIRE_RECONNECT_TIMEOUT", "1", 1);
	fake_start(&f, M_RECON_PUT, 0);
	snprintf(cn, sizeof cn, "127.0.0.1(%d)", f.port);
	set_server("C", cn);
	MQCONNX("QMX", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	MQCB(h, MQOP_REGISTER, &cbd, MQHO_NONE, NULL, NULL, &cc, &rc);
	MQOPEN(h, &od, MQOO_OUTPUT, &ho, &cc, &rc);
	MQPUT(h, ho, &md, &pmo, 5, buf, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	MQPUT(h, ho, &md, &pmo, 5, buf, &cc, &rc);
	assert_int_equal(cc, MQCC_FAILED);
	assert_int_equal(rc, MQRC_CALL_INTERRUPTED);
	assert_int_equal(f.put_hobj[1], 0);           /* the interrupted put was not sent again */
	MQDISC(&h, &cc, &rc);
	fake_stop(&f);
	assert_int_equal(nevents, 2);
	nevents = 0;
	fake_start(&f, M_RECON_PUT, 0);
	snprintf(cn, sizeof cn, "127.0.0.1(%d)", f.port);
	set_server("C", cn);
	MQCONNX("QMX", &cno, &h, &cc, &rc);
	assert_int_equal(rc, MQRC_NONE);
	MQCB(h, MQOP_REGISTER, &cbd, MQHO_NONE, NULL, NULL, &cc, &rc);
	MQOPEN(h, &od, MQOO_OUTPUT, &ho, &cc, &rc);
	MQPUT(h, ho, &md, &pmo, 5, buf, &cc, &rc);
	shutdown(f.lfd, SHUT_RDWR);                    /* nothing listens any more */
	close(f.lfd);
	time_t t0 = time(NULL);
	MQPUT(h, ho, &md, &pmo, 5, buf, &cc, &rc);
	assert_int_equal(rc, MQRC_RECONNECT_FAILED);
	assert_true(time(NULL) - t0 <= 3);
	MQCMIT(h, &cc, &rc);
	assert_int_equal(rc, MQRC_RECONNECT_FAILED);
	assert_int_equal(nevents, 2);
	assert_int_equal(events[1], MQRC_RECONNECT_FAILED);
	MQDISC(&h, &cc, &rc);
	assert_int_equal(rc, MQRC_RECONNECT_FAILED);
	pthread_join(f.t, NULL);

	/* MQCNO_RECONNECT_DISABLED, and without reconnection: 2009 */
	fake_start(&f, M_RECON, 0);
	snprintf(cn, sizeof cn, "127.0.0.1(%d)", f.port);
	set_server("C", cn);
	cno.Options = MQCNO_RECONNECT_DISABLED;
	MQCONNX("QMX", &cno, &h, &cc, &rc);
	MQOPEN(h, &od, MQOO_OUTPUT | MQOO_INPUT_AS_Q_DEF, &ho, &cc, &rc);
	assert_int_equal(ho, 5);                       /* no translation without reconnection */
	MQPUT(h, ho, &md, &pmo, 5, buf, &cc, &rc);
	MQGET(h, ho, &gmd, &gmo, sizeof buf, buf, &dl, &cc, &rc);
	assert_int_equal(rc, MQRC_CONNECTION_BROKEN);
	MQDISC(&h, &cc, &rc);
	fake_stop(&f);
	unsetenv("QUIRE_RECONNECT_DELAY_MS");
	unsetenv("QUIRE_RECONNECT_TIMEOUT");
	clear_env();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mqi_client__conname),
		cmocka_unit_test(test_mqi_client__mqserver),
		cmocka_unit_test(test_mqi_client__mqcd),
		cmocka_unit_test(test_mqi_client__ccdt),
		cmocka_unit_test(test_mqi_client__connect),
		cmocka_unit_test(test_mqi_client__mqcd_and_ccdt),
		cmocka_unit_test(test_mqi_client__binding),
		cmocka_unit_test(test_mqi_client__heartbeat),
		cmocka_unit_test(test_mqi_client__reconnect),
		cmocka_unit_test(test_mqi_client__clientini),
	};
	/* no mqclient.ini of the machine's or the user's in the way */
	const char *dir = getenv("QUIRE_TEST_DIR");
	if (dir) {
		setenv("HOME", dir, 1);
		setenv("MQ_DATA_PATH", dir, 1);
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
