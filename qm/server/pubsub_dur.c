/*
 * pubsub_dur.c: durable subscriptions (issue 14, part 2): how they are kept,
 * logged, found again after a restart, and removed.
 *
 * Where they live.  As MQ keeps them: each durable subscription is one
 * persistent message on the local queue SYSTEM.DURABLE.SUBSCRIBER.QUEUE
 * (crtmqm makes it: INDXTYPE(MSGID), DEFPSIST(YES)), its MsgId the
 * subscription's identifier (SUBID, made as a MsgId is), its CorrelId blank,
 * Format "MQSUBDEF".  So a durable subscription is logged, recovered at
 * restart (after endmqm or kill -9), imaged by rcdmqimg and rebuilt by
 * rcrmqobj exactly as a persistent message is (rcdmqimg -m QM -t ql
 * SYSTEM.DURABLE.SUBSCRIBER.QUEUE), with no log record kind and no file of
 * its own: that is the choice, because every durability rule (WAL, the
 * checkpoint, media recovery, damaged objects) is already kept for queues
 * and is tested there.  A queue manager created before that queue existed
 * has none: MQSO_DURABLE then gives 2436 MQRC_DURABILITY_NOT_ALLOWED, as
 * MQ's 2436 says ("SYSTEM.DURABLE.SUBSCRIBER.QUEUE is not available"), until
 * DEFINE QLOCAL(SYSTEM.DURABLE.SUBSCRIBER.QUEUE) makes it.  Applications
 * should not get from that queue (MQ's rule too); one that takes a record
 * away removes that subscription at the next start.
 *
 * The record (the message's data; integers little-endian):
 *   0   char[4]  "QSUB"
 *   4   u32      version (2; 1 as written before selectors: no selection string)
 *   8   i32      options (MQSO_* as created or last altered)
 *   12  i32      PubPriority, 16 i32 SubExpiry, 20 i32 SubLevel
 *   24  char[48] destination queue, 72 char[48] managed queue (blank: none)
 *   120 char[12] subscriber's user, 132 byte[24] SubCorrelId,
 *   156 byte[32] PubAccountingToken, 188 char[32] PubApplIdentityData
 *   220 i32 SUBTYPE (MQSUBTYPE_API or _ADMIN), 224 i32 PSPROP (MQPSPROP_*),
 *   228 char[48] TOPICOBJ, 276 i64 created, 284 i64 altered (ms since the epoch)
 *   292 u32 n + topic string, u32 n + SubName, u32 n + SubUserData,
 *       version 2: u32 n + SelectionString (n 0: none), compiled again at load
 * A record that does not decode is left on the queue and reported once in
 * the error log as damaged data (AMQ7472 naming the queue); the others load.
 *
 * Writing.  Creating, altering and removing a subscription change the queue
 * by a put, a get and a put, or a get, all logged as one unit of work of
 * the queue manager's own (its commit record last), and the call waits for
 * that record to be durable before it goes on (the loop blocks for one log
 * flush, as a permanent dynamic queue's creation does): MQSUB and MQCLOSE
 * then never acknowledge what a crash could take back, and a crash before
 * the commit record leaves the subscription as it was.
 *
 * Loading.  The queue is read once, before the first MQSUB, publication or
 * MQSC look at subscriptions after a start (ps_load): every committed
 * message decoded into a struct ps_sub with no handle (its subscriber
 * away).  Publications meanwhile wait on its queue.
 */
#include "qm/server/pubsub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/byteorder.h"
#include "log/log.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/store/objstore.h"
#include "qm/store/qmlog.h"
#include "qm/store/store.h"

#define REC_MAGIC "QSUB"
#define REC_FIXED 292
#define REC_FORMAT "MQSUBDEF"

static void put_field(uint8_t *p, const char *s, size_t n)
{
	size_t l = strnlen(s, n);
	memcpy(p, s, l);
	memset(p + l, ' ', n - l);
}

/* The record of s, malloc'd (*len); NULL when out of memory. */
static uint8_t *rec_encode(const struct ps_sub *s, uint32_t *len)
{
	uint32_t tl = (uint32_t)strlen(s->topic);
	const char *st = s->sel ? sel_text(s->sel) : "";
	uint32_t sl = (uint32_t)strlen(st);
	size_t n = REC_FIXED + 16 + tl + s->namelen + s->udlen + sl;
	uint8_t *b = calloc(1, n);
	if (!b)
		return NULL;
	memcpy(b, REC_MAGIC, 4);
	put_u32(b + 4, 2);
	put_u32(b + 8, (uint32_t)s->options);
	put_u32(b + 12, (uint32_t)s->pub_priority);
	put_u32(b + 16, (uint32_t)s->expiry);
	put_u32(b + 20, (uint32_t)s->level);
	put_field(b + 24, s->dest, 48);
	put_field(b + 72, s->managed, 48);
	put_field(b + 120, s->user, 12);
	memcpy(b + 132, s->correl, 24);
	memcpy(b + 156, s->acct, 32);
	memcpy(b + 188, s->appl_id, 32);
	put_u32(b + 220, (uint32_t)s->subtype);
	put_u32(b + 224, (uint32_t)s->psprop);
	put_field(b + 228, s->topicobj, 48);
	put_u64(b + 276, (uint64_t)s->cr_ms);
	put_u64(b + 284, (uint64_t)s->alt_ms);
	size_t at = REC_FIXED;
	put_u32(b + at, tl);
	memcpy(b + at + 4, s->topic, tl);
	at += 4 + tl;
	put_u32(b + at, s->namelen);
	if (s->namelen)
		memcpy(b + at + 4, s->name, s->namelen);
	at += 4 + s->namelen;
	put_u32(b + at, s->udlen);
	if (s->udlen)
		memcpy(b + at + 4, s->udata, s->udlen);
	at += 4 + s->udlen;
	put_u32(b + at, sl);
	memcpy(b + at + 4, st, sl);
	*len = (uint32_t)n;
	return b;
}

static void get_field(char *out, const uint8_t *p, size_t n)
{
	mqi_field(out, (const char *)p, n);
}

/* One string of the record at *at: malloc'd, NUL-terminated; NULL when it
 * runs past the end (*bad) or out of memory. */
static char *rec_str(const uint8_t *b, uint32_t len, size_t *at, uint32_t *n, int *bad)
{
	if (*bad || *at + 4 > len) {
		*bad = 1;
		return NULL;
	}
	uint32_t l = get_u32(b + *at);
	if (l > MQ_TOPIC_STR_LENGTH || *at + 4 + l > len) {
		*bad = 1;
		return NULL;
	}
	char *s = malloc((size_t)l + 1);
	if (!s) {
		*bad = 1;
		return NULL;
	}
	memcpy(s, b + *at + 4, l);
	s[l] = 0;
	*n = l;
	*at += 4 + l;
	return s;
}

static struct ps_sub *rec_decode(const uint8_t *b, uint32_t len)
{
	uint32_t ver = len >= 8 ? get_u32(b + 4) : 0;
	if (len < REC_FIXED + 12 || memcmp(b, REC_MAGIC, 4) != 0 || (ver != 1 && ver != 2))
		return NULL;
	struct ps_sub *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->options = (MQLONG)get_u32(b + 8);
	s->pub_priority = (MQLONG)get_u32(b + 12);
	s->expiry = (MQLONG)get_u32(b + 16);
	s->level = (MQLONG)get_u32(b + 20);
	get_field(s->dest, b + 24, 48);
	get_field(s->managed, b + 72, 48);
	get_field(s->user, b + 120, 12);
	memcpy(s->correl, b + 132, 24);
	memcpy(s->acct, b + 156, 32);
	memcpy(s->appl_id, b + 188, 32);
	s->subtype = (MQLONG)get_u32(b + 220);
	s->psprop = (MQLONG)get_u32(b + 224);
	get_field(s->topicobj, b + 228, 48);
	s->cr_ms = (int64_t)get_u64(b + 276);
	s->alt_ms = (int64_t)get_u64(b + 284);
	size_t at = REC_FIXED;
	int bad = 0;
	uint32_t tl = 0;
	s->topic = rec_str(b, len, &at, &tl, &bad);
	s->name = rec_str(b, len, &at, &s->namelen, &bad);
	s->udata = rec_str(b, len, &at, &s->udlen, &bad);
	if (ver == 2) {
		/* the SelectionString: it compiled at MQSUB, so it compiles again */
		uint32_t sl = 0;
		char *st = rec_str(b, len, &at, &sl, &bad);
		size_t pos;
		if (!bad && sl && sel_compile(st, sl, &s->sel, &pos) != MQRC_NONE)
			bad = 1;
		free(st);
	}
	if (bad || at != len || !s->namelen || !s->dest[0] || memchr(s->topic, 0, tl)) {
		ps_sub_free(s);
		return NULL;
	}
	s->durable = 1;
	return s;
}

/* ---- writing ------------------------------------------------------------------------- */

struct qobj *ps_dsq(struct qm *qm)
{
	struct qobj *o = qm_qfind(qm, PS_DSQ);
	return o && o->q && !o->damaged && !o->deleted ? o : NULL;
}

struct find_id {
	const MQBYTE24 *id;
};

/* The record of subscription id on the queue (visible, in no unit of work), or NULL. */
static struct qmsg *rec_find(struct qobj *q, const MQBYTE24 id)
{
	struct qmatch mt;
	memset(&mt, 0, sizeof mt);
	mt.options = MQMO_MATCH_MSG_ID;
	memcpy(mt.msg_id, id, sizeof mt.msg_id);
	return queue_find(q->q, &mt, qm_now_ms());
}

MQLONG ps_dur_write(struct qm *qm, struct ps_sub *old, struct ps_sub *s)
{
	struct qobj *q = ps_dsq(qm);
	if (!q)
		return MQRC_DURABILITY_NOT_ALLOWED;
	if (!qm->lg || qm->log_failed)
		return MQRC_Q_MGR_NOT_AVAILABLE;
	struct qmsg *om = old ? rec_find(q, old->subid) : NULL;
	uint8_t *data = NULL;
	uint32_t len = 0;
	struct qmsg *m = NULL;
	int64_t now = qm_now_ms();
	if (s) {
		if (!(data = rec_encode(s, &len)))
			return MQRC_STORAGE_NOT_AVAILABLE;
		if (len > (uint32_t)q->def.max_msg_length || q->q->depth >= (uint64_t)q->def.max_q_depth) {
			free(data);
			return MQRC_DURABILITY_NOT_ALLOWED;   /* the queue cannot take it (MQ's 2436) */
		}
		MQMD md;
		mqi_system_md(qm, &md, REC_FORMAT, MQPER_PERSISTENT);
		md.Version = MQMD_VERSION_2;
		md.Priority = 0;
		memcpy(md.MsgId, s->subid, sizeof md.MsgId);
		md.Encoding = MQENC_NATIVE;
		m = qmsg_new(&md, data, len);
		if (!m) {
			free(data);
			return MQRC_STORAGE_NOT_AVAILABLE;
		}
		qmsg_set_expiry(m, now);
		m->mem->seq = q->q->next_seq ? q->q->next_seq : 1;
	}
	if ((om && qmsg_uow_room(om) != QM_OK) || (m && qmsg_uow_room(m) != QM_OK)) {
		free(data);
		if (m)
			qmsg_free(m);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	struct uow tu;
	uow_init(&tu, mqi_new_uow_id(qm));
	uint64_t xuow = ++qm->next_log_uow_id, first = 0, last = 0;
	qm->step_uow_id = xuow;   /* a checkpoint meanwhile (a full log) lists it */
	qm->step_uow_first = 0;
	int rc = QM_OK, ops = 0;
	if (om) {
		uint8_t buf[80];
		int k = qmlog_enc_get_at(buf, sizeof buf, q->def.name, qmsg_put_lsn(om), now);
		rc = k < 0 ? k : dur_append(qm, LOG_REC_MSG_GET, xuow, q->def.name, buf, (size_t)k, 0, &first, &last);
		if (!rc) {
			qm->step_uow_first = first;
			ops++;
			rc = queue_hide(q->q, om, &tu);
		}
	}
	if (!rc && m) {
		struct objfile_msg fm;
		store_msg_header(m, &fm);
		fm.put_time_ms = now;
		size_t need = qmlog_put_size(q->def.name, len);
		uint8_t *buf = malloc(need);
		int k = buf ? qmlog_enc_put(buf, need, q->def.name, &fm, data) : QM_ENOMEM;
		rc = k < 0 ? k : dur_append(qm, LOG_REC_MSG_PUT, xuow, q->def.name, buf, (size_t)k, 0, &first, &last);
		free(buf);
		if (!rc) {
			m->mem->put_lsn = first;
			if (!qm->step_uow_first)
				qm->step_uow_first = first;
			ops++;
			rc = queue_add(q->q, m, &tu);
			if (!rc)
				m = NULL;   /* the queue's now */
		}
	}
	if (!rc && ops) {
		uint8_t ub[32];
		struct qmlog_uow u = { .time_ms = now, .ops = (uint64_t)ops };
		int k = qmlog_enc_uow(ub, sizeof ub, &u);
		rc = k < 0 ? k : dur_append(qm, LOG_REC_UOW_COMMIT, xuow, NULL, ub, (size_t)k, LOG_APPEND_RESERVED, &last,
					    NULL);
	}
	qm->step_uow_id = 0;
	free(data);
	if (m)
		qmsg_free(m);
	if (!rc && ops)
		rc = log_flush(qm->lg, last);   /* durable before anything says so (WAL rule 2) */
	if (rc) {
		/* no commit record (or not durable: the log has failed, and the
		 * queue manager ends): restart backs it out; here it never was */
		uow_backout(&tu);
		return mqi_log_reason(rc);
	}
	if (qm->last_lsn < last)
		qm->last_lsn = last;
	uow_commit(&tu);
	return MQRC_NONE;
}

/* ---- loading ------------------------------------------------------------------------- */

struct collect {
	struct qmsg **v;
	size_t n, cap;
	int oom;
};

static int collect_one(struct queue *q, struct qmsg *m, void *arg)
{
	(void)q;
	struct collect *c = arg;
	if (c->n == c->cap) {
		size_t nc = c->cap ? 2 * c->cap : 16;
		struct qmsg **v = realloc(c->v, nc * sizeof *v);
		if (!v) {
			c->oom = 1;
			return 0;
		}
		c->v = v;
		c->cap = nc;
	}
	c->v[c->n++] = m;
	return 0;   /* never "found": the search visits every visible message */
}

int ps_load(struct qm *qm)
{
	if (qm->subs_loaded)
		return 0;
	struct qobj *q = qm_qfind(qm, PS_DSQ);
	if (!q) {
		qm->subs_loaded = 1;   /* no such queue: no durable subscriptions */
		return 0;
	}
	if (!q->q || q->damaged)
		return -1;
	struct collect c = { 0 };
	struct qmatch mt;
	memset(&mt, 0, sizeof mt);
	mt.accept = collect_one;
	mt.accept_arg = &c;
	(void)queue_find(q->q, &mt, qm_now_ms());
	if (c.oom) {
		free(c.v);
		return -1;
	}
	int bad = 0;
	for (size_t i = 0; i < c.n; i++) {
		MQMD md;
		const void *body;
		void *owned = NULL;
		if (store_msg_load(qm, q, c.v[i], &md, &body, &owned) != QM_OK) {
			bad = 1;
			continue;
		}
		struct ps_sub *s = memcmp(md.Format, REC_FORMAT, 8) == 0 ? rec_decode(body, (uint32_t)qmsg_len(c.v[i])) : NULL;
		free(owned);
		if (!s || ps_sub_by_name(qm, s->name, s->namelen)) {
			bad = 1;
			if (s)
				ps_sub_free(s);
			continue;
		}
		memcpy(s->subid, md.MsgId, sizeof s->subid);
		ps_sub_link(qm, s);
	}
	free(c.v);
	if (bad)
		ERRLOG(&qm->el, AMQ_OBJECT_DAMAGED, PS_DSQ, "qlocal");
	qm->subs_loaded = 1;
	return 0;
}

/* ---- a managed durable queue --------------------------------------------------------- */

MQLONG ps_delete_permdyn(struct qm *qm, const char *name)
{
	struct qobj *o = qm_qfind(qm, name);
	if (!o || o->temp || o->def.definition_type != MQQDT_PERMANENT_DYNAMIC)
		return MQRC_NONE;   /* gone already (DELETE QLOCAL), or not ours to delete */
	char err[256];
	uint64_t lsn;
	if (o->q && o->q->depth) {
		uint8_t buf[64];
		int k = qmlog_enc_clear(buf, sizeof buf, o->def.name);
		if (k > 0)
			dur_append(qm, LOG_REC_Q_CLEAR, 0, o->def.name, buf, (size_t)k, 0, &lsn, NULL);
	}
	/* blocks the loop for one log flush (objstore: WAL rule 1) */
	store_checkpoint_settle(qm);
	if (objstore_delete(&qm->os, OBJDEF_QLOCAL, o->def.name, err, sizeof err))
		return MQRC_RESOURCE_PROBLEM;
	if (qm->os.last_lsn > qm->last_lsn)
		qm->last_lsn = qm->os.last_lsn;
	queue_obj_delete(qm, o);
	return MQRC_NONE;
}
