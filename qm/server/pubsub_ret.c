/*
 * pubsub_ret.c: retained publications (issue 14, part 4): MQPMO_RETAIN,
 * their delivery to new subscriptions, MQSO_NEW_PUBLICATIONS_ONLY,
 * MQSO_PUBLICATIONS_ON_REQUEST with MQSUBRQ, the MQIsRetained property.
 *
 * Where they live.  As MQ keeps them: on the local queue
 * SYSTEM.RETAINED.PUB.QUEUE (crtmqm makes it: INDXTYPE(CORRELID)), one
 * message per topic string, the latest publication put with MQPMO_RETAIN
 * there.  A persistent one is a persistent message (logged, recovered after
 * endmqm and kill -9, imaged with the queue), a nonpersistent one a
 * nonpersistent message (gone when the queue manager ends, as MQ says of
 * nonpersistent retained publications).  A queue manager without the queue
 * answers MQPMO_RETAIN with 2479 MQRC_PUT_NOT_RETAINED (nothing published);
 * so does a publication the queue cannot take (MAXMSGL, MAXDEPTH, PUT).
 *
 * The message: its MQMD the publication's as put (context, Persistence,
 * Priority, Expiry ...), but Format "MQRETPUB", CorrelId the topic string's
 * hash (three 64-bit FNV-1a with different bases: the index finds a topic's
 * candidates, their data says whose they are); its data (integers
 * little-endian):
 *   0 "QRET"; 4 u32 version 1; 8 char[8] the publication's Format;
 *   16 i32 its Encoding; 20 i32 its CodedCharSetId; 24 u32 n; topic[n];
 *   then the publication's data.
 * Replacing: the publication's own unit of work (the caller's under
 * syncpoint, else the queue manager's one with the copies) takes the old
 * messages of that topic (a get, logged when persistent) and adds the new
 * one (logged when persistent): committed or backed out with the copies, so
 * MQBACK leaves the old retained publication.  Two units of work retaining
 * on one topic at once may both commit: the newer (by arrival on the queue)
 * is the one delivered, and the next retained publication on the topic
 * replaces both.
 * An expired retained publication is discarded as any expired message.
 *
 * Delivery.  MQSUB creating a subscription (not resuming one), without
 * MQSO_NEW_PUBLICATIONS_ONLY or MQSO_PUBLICATIONS_ON_REQUEST, and MQSUBRQ
 * (MQSR_ACTION_PUBLICATION) put a copy of each retained publication whose
 * topic the subscription matches on its queue, as a publication's copy
 * (pubsub_put.c: CorrelId, priority, identity, PSPROP) with MQIsRetained
 * (mqps.Ret, boolean) true; the copies' origin context is the publisher's.
 * They are one unit of work of the queue manager's own, flushed before the
 * call answers when any is logged; a copy the queue refuses is not put (the
 * rest are; Quire's choice).  MQSUBRQ with none: 2437 MQRC_NO_RETAINED_MSG;
 * MQSRO (optional) StrucId or Version wrong 2438 MQRC_SRO_ERROR, Options
 * other than MQSRO_FAIL_IF_QUIESCING 2046; Action not
 * MQSR_ACTION_PUBLICATION 2535 MQRC_ACTION_ERROR; Hsub not a subscription
 * handle 2019.  NumPubs is the number of copies put.
 */
#include "qm/server/pubsub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/byteorder.h"
#include "qm/engine/msgprops.h"
#include "log/log.h"
#include "log/qmerr.h"
#include "qm/store/qmlog.h"
#include "qm/store/store.h"
#include "qm/server/sysq.h"

#define RET_MAGIC "QRET"
#define RET_FORMAT "MQRETPUB"
#define RET_HEAD 28

static struct qobj *rpq(struct qm *qm)
{
	struct qobj *o = qm_qfind(qm, PS_RPQ);
	return o && o->q && !o->damaged && !o->deleted ? o : NULL;
}

static void topic_hash(const char *t, MQBYTE24 out)
{
	static const uint64_t base[3] = { 0xcbf29ce484222325ull, 0x84222325cbf29ce4ull, 0x9e3779b97f4a7c15ull };
	for (int k = 0; k < 3; k++) {
		uint64_t h = base[k];
		for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
			h ^= *p;
			h *= 0x100000001b3ull;
		}
		put_u64(out + 8 * k, h);
	}
}

int ps_ret_check(struct qm *qm, const char *topic, uint32_t len)
{
	struct qobj *q = rpq(qm);
	uint64_t need = (uint64_t)len + RET_HEAD + strlen(topic);
	if (!q || q->def.inhibit_put == MQQA_PUT_INHIBITED || need > (uint64_t)q->def.max_msg_length ||
	    need > (uint64_t)qm->os.qmgr.max_msg_length || q->q->depth >= (uint64_t)q->def.max_q_depth)
		return -1;
	return 0;
}

/* The visible messages of the retained queue (all, or topic's candidates). */
static int candidates(struct qobj *q, const char *topic, struct sysq_list *c)
{
	MQBYTE24 h;
	if (topic)
		topic_hash(topic, h);
	return sysq_list(q, topic ? h : NULL, c);
}

/* A retained message's parts: 0, or -1 when it is not one of ours. */
struct ret_msg {
	MQMD md;                      /* the publication's (Format, Encoding, CCSID restored) */
	char topic[MQ_TOPIC_STR_LENGTH + 1];
	const uint8_t *data;
	uint32_t len;
	void *owned;
};

static int ret_load(struct qm *qm, struct qobj *q, const struct qmsg *m, struct ret_msg *r)
{
	const void *body;
	r->owned = NULL;
	if (store_msg_load(qm, q, m, &r->md, &body, &r->owned) != QM_OK)
		return -1;
	const uint8_t *b = body;
	uint32_t len = qmsg_len(m);
	if (memcmp(r->md.Format, RET_FORMAT, 8) != 0 || len < RET_HEAD || memcmp(b, RET_MAGIC, 4) != 0 ||
	    get_u32(b + 4) != 1)
		goto bad;
	uint32_t tl = get_u32(b + 24);
	if (tl > MQ_TOPIC_STR_LENGTH || RET_HEAD + (uint64_t)tl > len || memchr(b + RET_HEAD, 0, tl))
		goto bad;
	memcpy(r->md.Format, b + 8, 8);
	r->md.Encoding = (MQLONG)get_u32(b + 16);
	r->md.CodedCharSetId = (MQLONG)get_u32(b + 20);
	memcpy(r->topic, b + RET_HEAD, tl);
	r->topic[tl] = 0;
	r->data = b + RET_HEAD + tl;
	r->len = len - RET_HEAD - tl;
	return 0;
bad:
	free(r->owned);
	r->owned = NULL;
	return -1;
}

/* Log a put or get on the retained queue: under c's unit of work, or under xuow. */
static int ret_log(struct qm *qm, struct conn *c, uint64_t xuow, uint16_t type, const char *qn, const void *buf,
		   size_t k, uint64_t *firstp, uint64_t *last)
{
	uint64_t first = 0;
	int rc = c ? mqi_log_op(qm, c, 1, type, qn, buf, k, &first, last)
		   : dur_append(qm, type, xuow, qn, buf, k, 0, &first, last);
	if (!rc && !c && !qm->step_uow_first)
		qm->step_uow_first = first;
	if (firstp)
		*firstp = first;
	return rc;
}

int ps_ret_stage(struct qm *qm, struct conn *c, struct uow *u, uint64_t xuow, const char *topic, MQMD *md,
		 const uint8_t *data, uint32_t len, int64_t now, int *logged, uint64_t *last)
{
	struct qobj *q = rpq(qm);
	*logged = 0;
	if (!q)
		return QM_EINVAL;   /* (ps_ret_check said yes just before: cannot happen) */
	if (c)
		mqi_uow_begin(qm, c);
	struct sysq_list cs = { 0 };
	int rc = candidates(q, topic, &cs) ? QM_ENOMEM : QM_OK;
	/* the old ones of this topic go */
	for (size_t i = 0; i < cs.n && !rc; i++) {
		struct ret_msg r;
		if (ret_load(qm, q, cs.v[i], &r))
			continue;
		int mine = strcmp(r.topic, topic) == 0;
		free(r.owned);
		if (!mine)
			continue;
		if ((rc = qmsg_uow_room(cs.v[i])) != QM_OK)
			break;
		uint64_t put_lsn = qmsg_put_lsn(cs.v[i]);
		if (put_lsn) {
			uint8_t buf[80];
			int k = qmlog_enc_get_at(buf, sizeof buf, q->def.name, put_lsn, now);
			rc = k < 0 ? k : ret_log(qm, c, xuow, LOG_REC_MSG_GET, q->def.name, buf, (size_t)k, NULL, last);
			*logged += !rc;
		}
		if (!rc)
			rc = queue_hide(q->q, cs.v[i], u);
	}
	free(cs.v);
	if (rc)
		return rc;
	/* the new one */
	size_t tl = strlen(topic), dl = RET_HEAD + tl + len;
	uint8_t *d = malloc(dl);
	if (!d)
		return QM_ENOMEM;
	memcpy(d, RET_MAGIC, 4);
	put_u32(d + 4, 1);
	memcpy(d + 8, md->Format, 8);
	put_u32(d + 16, (uint32_t)md->Encoding);
	put_u32(d + 20, (uint32_t)md->CodedCharSetId);
	put_u32(d + 24, (uint32_t)tl);
	memcpy(d + RET_HEAD, topic, tl);
	if (len)
		memcpy(d + RET_HEAD + tl, data, len);
	MQMD sm = *md;
	memcpy(sm.Format, RET_FORMAT, 8);
	topic_hash(topic, sm.CorrelId);
	mqi_new_id(qm, sm.MsgId);
	sm.Version = MQMD_VERSION_2;
	struct qmsg *m = qmsg_new(&sm, d, dl);
	if (!m) {
		free(d);
		return QM_ENOMEM;
	}
	qmsg_set_expiry(m, now);
	m->mem->seq = q->q->next_seq ? q->q->next_seq : 1;
	if (sm.Persistence == MQPER_PERSISTENT) {
		struct objfile_msg fm;
		store_msg_header(m, &fm);
		fm.put_time_ms = now;
		size_t need = qmlog_put_size(q->def.name, (uint32_t)dl);
		uint8_t *buf = malloc(need);
		int k = buf ? qmlog_enc_put(buf, need, q->def.name, &fm, d) : QM_ENOMEM;
		uint64_t first = 0;
		rc = k < 0 ? k : ret_log(qm, c, xuow, LOG_REC_MSG_PUT, q->def.name, buf, (size_t)k, &first, last);
		free(buf);
		if (!rc) {
			(*logged)++;
			m->mem->put_lsn = first;   /* its record's first part names it */
		}
	}
	free(d);
	if (!rc)
		rc = queue_add(q->q, m, u);
	if (rc)
		qmsg_free(m);
	return rc;
}

/* ---- delivery ------------------------------------------------------------------------- */

MQLONG ps_ret_deliver(struct qm *qm, struct ps_sub *s, int *count)
{
	*count = 0;
	struct qobj *q = rpq(qm);
	struct qobj *dq = qm_qfind(qm, s->dest);
	if (!q)
		return MQRC_NONE;   /* no retained publications */
	if (!dq || !dq->q)
		return MQRC_NONE;   /* its queue is gone: nothing can be put there */
	struct sysq_list cs = { 0 };
	if (candidates(q, NULL, &cs))
		return MQRC_STORAGE_NOT_AVAILABLE;
	/* the newest of each topic only (two units of work retaining at once) */
	struct uow tu;
	uow_init(&tu, mqi_new_uow_id(qm));
	uint64_t xuow = 0, last = 0;
	int rc = QM_OK, logged = 0;
	int64_t now = qm_now_ms();
	for (size_t i = 0; i < cs.n && !rc; i++) {
		struct ret_msg r;
		if (ret_load(qm, q, cs.v[i], &r))
			continue;
		int dup = 0;   /* a newer one (by arrival) of the same topic */
		for (size_t j = 0; j < cs.n && !dup; j++) {
			struct ret_msg r2;
			if (j == i || qmsg_seq(cs.v[j]) < qmsg_seq(cs.v[i]) || ret_load(qm, q, cs.v[j], &r2))
				continue;
			dup = strcmp(r2.topic, r.topic) == 0;
			free(r2.owned);
		}
		int wc = (s->options & MQSO_WILDCARD_CHAR) != 0;
		size_t blk_lv = 0, blk_ch = 0;
		if (!dup && ps_match(s->topic, wc, r.topic))
			ps_block_at(qm, r.topic, &blk_lv, &blk_ch);   /* WILDCARD(BLOCK), as for a publication */
		if (dup || !ps_match(s->topic, wc, r.topic) || ps_blocked(s->topic, wc, blk_lv, blk_ch) ||
		    (s->sel && !msgprops_match(s->sel, &r.md, r.data, r.len))) {   /* its selector: as for a publication */
			free(r.owned);
			continue;
		}
		MQMD cm = r.md;
		mqi_new_id(qm, cm.MsgId);
		uint8_t *b = NULL;
		size_t bl = 0;
		if (ps_copy_make(qm, s, dq, r.topic, &cm, r.data, r.len, 1, &b, &bl)) {
			free(r.owned);
			rc = QM_ENOMEM;
			break;
		}
		free(r.owned);
		if (bl > (size_t)dq->def.max_msg_length || bl > (size_t)qm->os.qmgr.max_msg_length ||
		    dq->def.inhibit_put == MQQA_PUT_INHIBITED || dq->q->depth >= (uint64_t)dq->def.max_q_depth ||
		    dq->damaged) {
			free(b);   /* the queue refuses this one: the others still go */
			continue;
		}
		cm.Version = MQMD_VERSION_2;
		struct qmsg *m = qmsg_new(&cm, b, bl);
		if (!m) {
			free(b);
			rc = QM_ENOMEM;
			break;
		}
		qmsg_set_expiry(m, now);
		m->mem->seq = dq->q->next_seq ? dq->q->next_seq : 1;
		if (cm.Persistence == MQPER_PERSISTENT && !dq->temp) {
			if (!xuow) {
				xuow = ++qm->next_log_uow_id;
				qm->step_uow_id = xuow;
				qm->step_uow_first = 0;
			}
			struct objfile_msg fm;
			store_msg_header(m, &fm);
			fm.put_time_ms = now;
			size_t need = qmlog_put_size(dq->def.name, (uint32_t)bl);
			uint8_t *buf = malloc(need);
			int k = buf ? qmlog_enc_put(buf, need, dq->def.name, &fm, b) : QM_ENOMEM;
			uint64_t first = 0;
			rc = k < 0 ? k : ret_log(qm, NULL, xuow, LOG_REC_MSG_PUT, dq->def.name, buf, (size_t)k, &first, &last);
			free(buf);
			if (!rc) {
				m->mem->put_lsn = first;
				logged++;
			}
		}
		free(b);
		if (!rc)
			rc = queue_add(dq->q, m, &tu);
		if (rc) {
			qmsg_free(m);
			break;
		}
		dq->lput_ms = now;
		s->lmsg_ms = now;
		s->nummsgs++;
		(*count)++;
	}
	free(cs.v);
	if (!rc && logged) {
		uint8_t ub[32];
		struct qmlog_uow u = { .time_ms = now, .ops = (uint64_t)logged };
		int k = qmlog_enc_uow(ub, sizeof ub, &u);
		rc = k < 0 ? k : dur_append(qm, LOG_REC_UOW_COMMIT, xuow, NULL, ub, (size_t)k, LOG_APPEND_RESERVED, &last,
					    NULL);
	}
	qm->step_uow_id = 0;
	if (!rc && logged)
		rc = log_flush(qm->lg, last);   /* durable before the call says so */
	if (rc) {
		uow_backout(&tu);
		*count = 0;
		return mqi_log_reason(rc);
	}
	if (qm->last_lsn < last)
		qm->last_lsn = last;
	uow_commit(&tu);
	mqi_service_woken(qm);
	return MQRC_NONE;
}

/* ---- MQSUBRQ ---------------------------------------------------------------------------- */

void ps_subrq(struct qm *qm, struct conn *c, struct rd *d)
{
	MQHOBJ hs = (MQHOBJ)rd_u32(d);
	MQLONG action = rd_i32(d);
	uint32_t has_sro = rd_u32(d);
	MQSRO sro;
	memset(&sro, 0, sizeof sro);
	if (has_sro)
		rd_bytes(d, &sro, sizeof sro);
	if (d->bad || d->at != d->len) {
		conn_fail(qm, c);
		return;
	}
	struct hobj *h = mqi_hobj(c, hs);
	MQLONG rc = MQRC_NONE;
	int count = 0;
	if (!h || !h->sub)
		rc = MQRC_HOBJ_ERROR;
	else if (action != MQSR_ACTION_PUBLICATION)
		rc = MQRC_ACTION_ERROR;
	else if (has_sro && (memcmp(sro.StrucId, MQSRO_STRUC_ID, 4) != 0 || sro.Version != MQSRO_VERSION_1))
		rc = MQRC_SRO_ERROR;
	else if (has_sro && (sro.Options & ~(MQLONG)MQSRO_FAIL_IF_QUIESCING))
		rc = MQRC_OPTIONS_ERROR;
	else if ((rc = mqi_quiesce_reason(qm, has_sro && (sro.Options & MQSRO_FAIL_IF_QUIESCING))) == MQRC_NONE &&
		 (rc = ps_ret_deliver(qm, h->sub, &count)) == MQRC_NONE && !count)
		rc = MQRC_NO_RETAINED_MSG;
	struct rep r;
	rep_start(&r, PROTO_SUBRQ, c->req_id, rc ? MQCC_FAILED : MQCC_OK, rc);
	if (!rc)
		rep_i32(&r, count);
	conn_reply(qm, c, &r);
	conn_done(qm, c);
}
