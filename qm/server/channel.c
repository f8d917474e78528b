/*
 * channel.c: SVRCONN channels at run time (channel.h): the first bytes of a
 * client connection, CHLOPEN, the client's MQI frames, heartbeats.
 *
 * Choices where MQ's documentation is silent or not followed:
 * - "TSH" (IBM MQ's own client protocol) and anything else not ours are
 *   both AMQ9207, rate-limited alike (once a minute per address), so that a
 *   client retrying in a loop cannot fill the error log.
 * - A client's MAXMSGL of 0 or less means "no preference": the channel's.
 * - A refused CHLOPEN (2540, 2537, 2035, 2058, 2059) is said in the error log
 *   for 2540 (AMQ9519) and 2537 (AMQ9960), not for 2058 and 2059 (the
 *   client's mistake or the queue manager's end: the client is told).
 * - MSGS (DISPLAY CHSTATUS) counts the MQI requests served on the channel.
 * - Any bytes received after a heartbeat request count as its answer: the
 *   peer is alive.
 */
#include "qm/server/channel.h"
#include "log/byteorder.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/proto.h"
#include "qm/qmrun.h"
#include "qm/server/conn.h"
#include "qm/server/tls.h"
#include "qm/server/mqiserv.h"
#include "qm/engine/qtable.h"
#include "cmqxc.h"

/* ---- the lookup ---------------------------------------------------------------- */

static void chl_defaults(struct chl_attrs *a, const char *name)
{
	memset(a, 0, sizeof *a);
	snprintf(a->name, sizeof a->name, "%s", name);
	a->svrconn = 1;
	a->maxmsgl = 4194304;   /* MQ's default MAXMSGL */
	a->hbint = 300;
	a->maxinst = 999999999;
	a->maxinstc = 999999999;
	a->sharecnv = 10;
}

/* Trailing blanks off: out has at least MQ_CHANNEL_NAME_LENGTH + 1 bytes. */
static void chl_name(char *out, const char *name)
{
	size_t l = strnlen(name, MQ_CHANNEL_NAME_LENGTH);
	memcpy(out, name, l);
	while (l > 0 && out[l - 1] == ' ')
		l--;
	out[l] = 0;
}

#ifdef QUIRE_TEST_HOOKS
/* QUIRE_TEST_SVRCONN (channel.h): the channel called name, if it is there. */
static int test_channel(const char *name, struct chl_attrs *a)
{
	const char *env = getenv("QUIRE_TEST_SVRCONN");
	if (!env)
		return QM_ENOTFOUND;
	char buf[4096];
	snprintf(buf, sizeof buf, "%s", env);
	char *save1 = NULL;
	for (char *def = strtok_r(buf, ";", &save1); def; def = strtok_r(NULL, ";", &save1)) {
		char *save2 = NULL;
		char *nm = strtok_r(def, ",", &save2);
		if (!nm || strcmp(nm, name) != 0)
			continue;
		chl_defaults(a, name);
		for (char *kv = strtok_r(NULL, ",", &save2); kv; kv = strtok_r(NULL, ",", &save2)) {
			char *eq = strchr(kv, '=');
			if (!eq)
				continue;
			*eq++ = 0;
			long v = strtol(eq, NULL, 10);
			if (!strcmp(kv, "maxmsgl"))
				a->maxmsgl = (int32_t)v;
			else if (!strcmp(kv, "hbint"))
				a->hbint = (int32_t)v;
			else if (!strcmp(kv, "maxinst"))
				a->maxinst = (int32_t)v;
			else if (!strcmp(kv, "maxinstc"))
				a->maxinstc = (int32_t)v;
			else if (!strcmp(kv, "sharecnv"))
				a->sharecnv = (int32_t)v;
			else if (!strcmp(kv, "mcauser"))
				snprintf(a->mcauser, sizeof a->mcauser, "%s", eq);
			else if (!strcmp(kv, "type"))
				a->svrconn = !strcmp(eq, "svrconn");
		}
		return QM_OK;
	}
	return QM_ENOTFOUND;
}
#endif

int chl_find(struct qm *qm, const char *name, struct chl_attrs *a)
{
	char nm[MQ_CHANNEL_NAME_LENGTH + 1];
	chl_name(nm, name);
	if (!nm[0])
		return QM_ENOTFOUND;
	struct qobj *o = qm_ofind(qm, OBJDEF_CHANNEL, nm);
	if (!o || o->damaged) {
#ifdef QUIRE_TEST_HOOKS
		return test_channel(nm, a);
#else
		return QM_ENOTFOUND;
#endif
	}
	const struct objdef *d = &o->def;
	chl_defaults(a, nm);
	a->svrconn = d->channel_type == MQCHT_SVRCONN;
	a->maxmsgl = d->max_msg_length;
	a->hbint = d->hb_interval;
	a->maxinst = d->max_instances;
	a->maxinstc = d->max_insts_per_client;
	a->sharecnv = d->sharing_conversations;
	mqi_field(a->mcauser, d->mca_user_id, strnlen(d->mca_user_id, sizeof d->mca_user_id));
	mqi_field(a->sslciph, d->ssl_cipher_spec, strnlen(d->ssl_cipher_spec, sizeof d->ssl_cipher_spec));
	a->sslcauth_required = d->ssl_client_auth == MQSCA_REQUIRED;
	snprintf(a->sslpeer, sizeof a->sslpeer, "%s", d->ssl_peer_name ? d->ssl_peer_name : "");
	return QM_OK;
}

/* ---- channel status ------------------------------------------------------------- */

/* Channels STOP CHANNEL STATUS(STOPPED) stopped (not kept across a restart). */
#define STOPPED_MAX 256
static char stopped_names[STOPPED_MAX][MQ_CHANNEL_NAME_LENGTH + 1];

int chl_is_stopped(const char *name)
{
	for (int i = 0; i < STOPPED_MAX; i++)
		if (stopped_names[i][0] && !strcmp(stopped_names[i], name))
			return 1;
	return 0;
}

int chl_set_stopped(const char *name, int on)
{
	int free_at = -1;
	for (int i = 0; i < STOPPED_MAX; i++) {
		if (stopped_names[i][0] && !strcmp(stopped_names[i], name)) {
			if (!on)
				stopped_names[i][0] = 0;
			return 0;
		}
		if (!stopped_names[i][0] && free_at < 0)
			free_at = i;
	}
	if (!on)
		return 0;
	if (free_at < 0)
		return -1;
	snprintf(stopped_names[free_at], sizeof stopped_names[free_at], "%s", name);
	return 0;
}

const char *chl_stopped_at(int i)
{
	return i >= 0 && i < STOPPED_MAX && stopped_names[i][0] ? stopped_names[i] : (i < STOPPED_MAX ? "" : NULL);
}

unsigned chl_instances(struct qm *qm, const char *name, const char *conname)
{
	unsigned n = 0;
	for (struct conn *x = qm->conns; x; x = x->next)
		if (x->client && x->chl_open && !x->dead && !x->broken && !strcmp(x->channel, name) &&
		    (!conname || !strcmp(x->conname, conname)))
			n++;
	return n;
}

/* ---- first bytes -------------------------------------------------------------------- */

/* Addresses told about lately (AMQ9207 once a minute per address). */
#define BAD_PEERS 64
static struct {
	char addr[MQ_CONN_NAME_LENGTH + 1];
	int64_t ms;
} bad_peers[BAD_PEERS];

void chl_bad_peer(struct qm *qm, struct conn *c, const char *what, const uint8_t *bytes, size_t n)
{
	int64_t now = qm_now_ms();
	int slot = 0;
	for (int i = 0; i < BAD_PEERS; i++) {
		if (!strcmp(bad_peers[i].addr, c->conname)) {
			if (now - bad_peers[i].ms < 60000)
				return;
			slot = i;
			break;
		}
		if (bad_peers[i].ms < bad_peers[slot].ms)
			slot = i;   /* else the oldest entry makes room */
	}
	snprintf(bad_peers[slot].addr, sizeof bad_peers[slot].addr, "%s", c->conname);
	bad_peers[slot].ms = now;
	char desc[200];
	int at = snprintf(desc, sizeof desc, "%s", what);
	if (bytes && n) {
		at += snprintf(desc + at, sizeof desc - (size_t)at, " (bytes");
		for (size_t i = 0; i < n && at < (int)sizeof desc - 4; i++)
			at += snprintf(desc + at, sizeof desc - (size_t)at, " %02X", bytes[i]);
		snprintf(desc + at, sizeof desc - (size_t)at, ")");
	}
	ERRLOG(&qm->el, AMQ_BAD_COMMS_DATA, c->conname, desc);
}

int chl_sniff(struct qm *qm, struct conn *c)
{
	static const char ours[4] = { 'Q', 'R', 'P', 'F' }, tsh[3] = { 'T', 'S', 'H' };
	size_t n = c->rlen < 4 ? c->rlen : 4;
	if (memcmp(c->rbuf, ours, n) == 0) {
		if (n < 4)
			return 0;
		c->sniff = 0;
		return 1;
	}
	if (n <= 3 && memcmp(c->rbuf, tsh, n) == 0 && n < 3)
		return 0;
	if (n >= 3 && memcmp(c->rbuf, tsh, 3) == 0)
		chl_bad_peer(qm, c, "IBM MQ's own client protocol (TSH), which Quire does not serve", NULL, 0);
	else
		chl_bad_peer(qm, c, "bytes that are neither Quire's frames nor TLS", c->rbuf, n);
	return -1;
}

/* ---- CHLOPEN -------------------------------------------------------------------------- */

/* Refuse: the reply, then the connection closes (conn_reap, after the send). */
static void chl_refuse(struct qm *qm, struct conn *c, MQLONG rc)
{
	conn_reply_codes(qm, c, MQCC_FAILED, rc);
	conn_fail(qm, c);
}

static void chl_open(struct qm *qm, struct conn *c, const uint8_t *body, size_t len)
{
	struct rd d = { .p = body, .len = len };
	char chname[MQ_CHANNEL_NAME_LENGTH], qmname[MQ_Q_MGR_NAME_LENGTH];
	rd_bytes(&d, chname, sizeof chname);
	uint32_t version = rd_u32(&d);
	int32_t maxmsgl = rd_i32(&d), hbint = rd_i32(&d), sharecnv = rd_i32(&d);
	rd_bytes(&d, qmname, sizeof qmname);
	uint32_t n = rd_u32(&d);
	const uint8_t *hint = d.bad || n > PROTO_CHLOPEN_HINT_MAX ? NULL : rd_ptr(&d, n);
	if (d.bad || !hint || d.at != d.len || version < PROTO_CHLOPEN_VERSION) {
		conn_fail(qm, c);   /* not a client of ours */
		return;
	}
	chl_name(c->channel, chname);
	memcpy(c->cliuser, hint, n);
	c->cliuser[n] = 0;
	c->cliuser[strnlen(c->cliuser, n)] = 0;
	mqi_field(c->remote_qmgr, qmname, sizeof qmname);
	if (qm->state != QM_RUNNING) {
		chl_refuse(qm, c, MQRC_Q_MGR_NOT_AVAILABLE);
		return;
	}
	if (c->remote_qmgr[0] && strcmp(c->remote_qmgr, qm->paths.name) != 0) {
		chl_refuse(qm, c, MQRC_Q_MGR_NAME_ERROR);
		return;
	}
	struct chl_attrs a;
	if (chl_find(qm, c->channel, &a) != QM_OK || !a.svrconn) {
		ERRLOG(&qm->el, AMQ_CHANNEL_NOT_FOUND, c->channel, c->conname);
		chl_refuse(qm, c, MQRC_UNKNOWN_CHANNEL_NAME);
		return;
	}
	/* TLS first: SSLCIPH, SSLCAUTH and SSLPEER (server/tls.c), which sets
	 * c->sslpeer for CHLAUTH's SSLPEERMAP rules and DISPLAY CHSTATUS */
	MQLONG rc = tls_chlopen(qm, c, &a);
	if (rc != MQRC_NONE) {
		chl_refuse(qm, c, rc);
		return;
	}
	rc = chl_auth_open(qm, c, &a);
	if (rc != MQRC_NONE) {
		chl_refuse(qm, c, rc);
		return;
	}
	const char *why = NULL;
	char num[24], text[160];
	if (chl_is_stopped(c->channel)) {
		why = "the channel is stopped (STOP CHANNEL; START CHANNEL lets it run)";
	} else if (chl_instances(qm, c->channel, NULL) >= (unsigned)(a.maxinst < 0 ? 0 : a.maxinst)) {
		snprintf(text, sizeof text, "it has as many instances as its MAXINST (%s) allows",
			 msgcat_num(num, a.maxinst));
		why = text;
	} else if (chl_instances(qm, c->channel, c->conname) >= (unsigned)(a.maxinstc < 0 ? 0 : a.maxinstc)) {
		snprintf(text, sizeof text, "it has as many instances from that host as its MAXINSTC (%s) allows",
			 msgcat_num(num, a.maxinstc));
		why = text;
	}
	if (why) {
		ERRLOG(&qm->el, AMQ_CHANNEL_REFUSED, c->channel, c->conname, why);
		chl_refuse(qm, c, MQRC_CHANNEL_NOT_AVAILABLE);
		return;
	}
	c->maxmsgl = maxmsgl <= 0 || maxmsgl > a.maxmsgl ? a.maxmsgl : maxmsgl;
	c->hbint = hbint <= 0 || a.hbint <= 0 ? 0 : hbint > a.hbint ? hbint : a.hbint;
	c->sharecnv = sharecnv < 0 ? 0 : sharecnv < a.sharecnv ? sharecnv : a.sharecnv;
	c->chl_open = 1;
	struct rep r;
	rep_start(&r, PROTO_CHLOPEN, c->req_id, MQCC_OK, MQRC_NONE);
	rep_i32(&r, c->maxmsgl);
	rep_i32(&r, c->hbint);
	rep_i32(&r, c->sharecnv);
	char f[MQ_Q_MGR_NAME_LENGTH];
	mqi_blank(f, sizeof f, qm->paths.name);
	rep_bytes(&r, f, sizeof f);
	conn_reply(qm, c, &r);
	if (!c->dead && !c->broken)
		conn_done(qm, c);
}

/* ---- the client's frames ---------------------------------------------------------------- */

/* The data length a PUT (hobj, MQMD, MQPMO, u32 len) or PUT1 (MQOD, MQMD,
 * MQPMO, u32 len) carries, or -1 when the frame is too short (the MQI's own
 * checks then refuse it). */
static int64_t put_length(uint16_t op, const uint8_t *body, size_t len)
{
	size_t at = (op == PROTO_PUT ? 4 : sizeof(MQOD)) + sizeof(MQMD) + sizeof(MQPMO);
	if (len < at + 4)
		return -1;
	return (int64_t)((uint32_t)body[at] | (uint32_t)body[at + 1] << 8 | (uint32_t)body[at + 2] << 16 |
			 (uint32_t)body[at + 3] << 24);
}

static void chl_conn(struct qm *qm, struct conn *c, const struct proto_hdr *h, const uint8_t *body, size_t len)
{
	/* CONN (qm/proto.h): char qmgr[48]; i32 options; char appname[28]; u32
	 * pid; u32 tid; u32 auth; u32 ulen; user[ulen]; u32 plen; password[plen].
	 * Only the MQCSP's user id is taken here (the user the client asserts);
	 * the password is mqiserv.c's and authn.c's to read, check and wipe.  A
	 * frame too short or a user id too long is left to mqiserv.c to refuse. */
	char user[MQ_USER_ID_LENGTH + 1] = "";
	if (len >= 88 + 8) {
		uint32_t auth = get_u32(body + 88), ulen = get_u32(body + 92);
		if (auth == PROTO_AUTH_USER_PWD && ulen <= PROTO_CSP_USER_MAX && ulen <= len - 96) {
			size_t k = ulen < MQ_USER_ID_LENGTH ? ulen : MQ_USER_ID_LENGTH;
			mqi_field(user, (const char *)body + 96, k);
		}
	}
	struct chl_attrs a;
	if (chl_find(qm, c->channel, &a) != QM_OK)
		chl_defaults(&a, c->channel);   /* deleted meanwhile: its instances go on, as MQ's */
	MQLONG rc = c->connected ? MQRC_NONE : chl_auth_conn(qm, c, &a, user, "");
	if (rc != MQRC_NONE) {
		conn_reply_codes(qm, c, MQCC_FAILED, rc);
		conn_done(qm, c);
		return;
	}
	mqi_dispatch(qm, c, h, body, len);
}

static void chl_frame(struct qm *qm, struct conn *c, const struct proto_hdr *h, const uint8_t *body, size_t len)
{
	if (!c->chl_open) {
		if (h->op != PROTO_CHLOPEN) {
			conn_fail(qm, c);   /* CHLOPEN first, nothing else */
			return;
		}
		chl_open(qm, c, body, len);
		return;
	}
	switch (h->op) {
	case PROTO_CHLOPEN:
		conn_fail(qm, c);
		return;
	case PROTO_HEARTBEAT: {
		/* the client asks whether we are there: answered at once */
		uint8_t f[PROTO_HDR_SIZE];
		struct proto_hdr rh = { .magic = PROTO_MAGIC, .len = 0, .op = PROTO_HEARTBEAT, .flags = PROTO_F_REPLY,
					.id = h->id };
		proto_hdr_encode(f, &rh);
		if (len != 0) {
			conn_fail(qm, c);
			return;
		}
		conn_send(qm, c, f, sizeof f);
		if (!c->dead && !c->broken)
			conn_done(qm, c);
		return;
	}
	case PROTO_ATTACH:
	case PROTO_ADMIN_STOP: case PROTO_ADMIN_MQSC: case PROTO_ADMIN_MEDIA: case PROTO_ADMIN_DUMPCFG:
	case PROTO_ADMIN_CSRV: case PROTO_ADMIN_PCFEV: case PROTO_ADMIN_PCF: case PROTO_ADMIN_LSR:
		/* no shared memory across a network; administration is local */
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_NOT_AUTHORIZED);
		conn_done(qm, c);
		return;
	default:
		break;
	}
	c->msgs++;
	c->last_msg_ms = qm_now_ms();
	if (h->op == PROTO_CONN) {
		chl_conn(qm, c, h, body, len);
		return;
	}
	if (h->op == PROTO_PUT || h->op == PROTO_PUT1) {
		int64_t n = put_length(h->op, body, len);
		if (n > c->maxmsgl) {
			conn_reply_codes(qm, c, MQCC_FAILED, MQRC_DATA_LENGTH_ERROR);
			conn_done(qm, c);
			return;
		}
	}
	mqi_dispatch(qm, c, h, body, len);
}

static void chl_gone(struct qm *qm, struct conn *c)
{
	mqi_conn_gone(qm, c);
}

const struct conn_handler chl_handler = { chl_frame, chl_gone, mqi_cbcancel };

/* ---- heartbeats ------------------------------------------------------------------------- */

void chl_heartbeat_reply(struct qm *qm, struct conn *c, const struct proto_hdr *h)
{
	(void)qm;
	if (h->len != 0) {
		conn_fail(qm, c);
		return;
	}
	c->hb_sent_ms = 0;
}

static int64_t hb_next_ms;

int64_t chl_timer(struct qm *qm, int64_t now)
{
	if (now < hb_next_ms)
		return hb_next_ms;
	int any = 0;
	for (struct conn *c = qm->conns; c; c = c->next) {
		if (!c->client || c->dead || c->broken)
			continue;
		any = 1;
		if (!c->chl_open) {
			if (now - c->start_ms >= CHL_OPEN_TIMEOUT_MS)
				conn_fail(qm, c);   /* no first bytes, no CHLOPEN: not a client */
			continue;
		}
		if (c->hbint <= 0)
			continue;
		int64_t hb = (int64_t)c->hbint * 1000;
		if (c->hb_sent_ms) {
			int64_t wait = (c->hbint > CHL_HB_MIN_WAIT_S ? c->hbint : CHL_HB_MIN_WAIT_S) * 1000LL;
			if (c->last_rx_ms > c->hb_sent_ms) {
				c->hb_sent_ms = 0;   /* it sent something: alive */
			} else if (now - c->hb_sent_ms >= wait) {
				char num[24];
				ERRLOG(&qm->el, AMQ_HEARTBEAT_TIMEOUT, c->conname, c->channel, msgcat_num(num, c->hbint));
				conn_fail(qm, c);   /* dropped by the loop: its unit of work backed out */
			}
			continue;
		}
		int64_t last = c->last_rx_ms > c->last_tx_ms ? c->last_rx_ms : c->last_tx_ms;
		if (now - last >= hb) {
			uint8_t f[PROTO_HDR_SIZE];
			struct proto_hdr h = { .magic = PROTO_MAGIC, .len = 0, .op = PROTO_HEARTBEAT, .flags = 0, .id = 0 };
			proto_hdr_encode(f, &h);
			c->hb_sent_ms = now;
			conn_send_socket(qm, c, f, sizeof f);
		}
	}
	hb_next_ms = now + 1000;
	return any ? hb_next_ms : INT64_MAX;
}
