/*
 * pubsub_put.c: a publication (MQPUT or MQPUT1 to a topic handle) delivered
 * to every matching subscription (pubsub.c has the subscriptions).
 *
 * Matching: each subscription's topic string against the publication's, by
 * MQ's topic-level wildcards ('#', '+' as whole levels) or, for one made with
 * MQSO_WILDCARD_CHAR, its character wildcards ('*' any characters, '?' one,
 * '%' escaping them: objects/topictree.h), except a wildcard subscription
 * that a topic object's WILDCARD(BLOCK) at or above the publication's topic
 * blocks (pubsub.c ps_blocked).  Not matched: subscriptions made
 * with MQSO_PUBLICATIONS_ON_REQUEST, with MQPMO_NOT_OWN_SUBS those of the
 * publishing connection, and those whose SelectionString is not TRUE for the
 * publication (msgprops_match: its MQRFH2 properties and its MQMD as put,
 * Priority resolved from the topic when AS_TOPIC_DEF).
 *
 * Each copy (one per matching subscription, in the order the subscriptions
 * were made, newest first):
 *   MQMD      the publisher's, filled as a put's (mqiserv_put.c); MsgId: the
 *             publisher's when it gave one, else one made for each copy (the
 *             publisher's MQMD returns the first); CorrelId the subscription's
 *             SubCorrelId (a subscription made with MQSO_SET_CORREL_ID and
 *             MQCI_NONE keeps the publisher's); Persistence MQPER_PERSISTENCE_
 *             AS_TOPIC_DEF resolved from DEFPSIST up the tree; Priority
 *             AS_TOPIC_DEF from DEFPRTY, then the subscription's PubPriority
 *             (AS_PUBLISHED: as put; AS_Q_DEF: the destination queue's DEFPRTY;
 *             0-9); identity context the subscription's (UserIdentifier the
 *             subscriber's, AccountingToken and ApplIdentityData its
 *             PubAccountingToken and PubApplIdentityData); origin context the
 *             publisher's.
 *   data      an MQRFH2 (version 2, NameValueCCSID 1208) with the folder
 *             <mqps>: Top, the publication's topic string (the property
 *             MQTopicString) and, when the subscription has SubUserData, Sud
 *             (MQSubUserData); then the publisher's data, the MQRFH2 carrying
 *             its Format, Encoding and CodedCharSetId (MQMD Format MQHRF2).
 *             MQ's PSPROP(MSGPROP), the default: a getter with a message handle
 *             sees the properties, one without (PROPCTL COMPAT) the body alone.
 *
 * All or none: every destination is checked first (the queue exists and is
 * local, PUT(ENABLED), MAXMSGL, MAXDEPTH counting the copies before it, not
 * damaged).  A copy a queue refuses goes, with USEDLQ(YES) resolved and a
 * DEADQ that takes it, to the dead-letter queue behind an MQDLH (Reason the
 * refusal, DestQName the subscription's queue); otherwise it is dropped when
 * the delivery rule allows (PMSGDLV for persistent, NPMSGDLV for
 * nonpersistent publications: ALLAVAIL always, ALLDUR for a non-durable
 * subscription), and else the put fails with 2502 MQRC_PUBLICATION_FAILURE
 * (Quire's choice among MQ's reasons) and no copy is put.  Under syncpoint
 * the copies are in the caller's unit of work (MAXUMSGS counts every copy:
 * 2024); outside it they are one unit of work of the queue manager's own:
 * persistent copies are logged under it, its commit record ends them, and
 * the reply and their visibility wait until that record is durable (WAL rule
 * 2); with nothing logged they are visible at once, together.
 * A persistent copy to a temporary dynamic queue (a non-durable managed
 * subscription's) keeps MQPER_PERSISTENT in its MQMD and is not logged: the
 * queue and the subscription end with the queue manager anyway (MQ's
 * documentation is silent; Quire's choice, so a getter sees the publisher's
 * persistence).
 * No subscription matched: MQCC_OK, or with MQPMO_WARN_IF_NO_SUBS_MATCHED
 * MQCC_WARNING 2550 MQRC_NO_SUBS_MATCHED.  PUB(DISABLED) resolved: 2051.
 * MQPMO_RETAIN: the publication also replaces the topic's retained one in the
 * same unit of work (pubsub_ret.c), or fails with 2479 MQRC_PUT_NOT_RETAINED
 * when it cannot be kept (nothing published).  Copies make trigger messages as puts do; they make no
 * COA reports and no queue depth events (not served).
 */
#include "qm/server/pubsub.h"

#include "qm/engine/msgprops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "objects/topictree.h"
#include "qm/store/qmlog.h"
#include "qm/store/store.h"

int ps_match(const char *pat, int wchar, const char *str)
{
	return wchar ? topictree_match_char(pat, str) : topictree_match(pat, str);
}

/* ---- the copy's MQRFH2 ------------------------------------------------------------------ */

struct sbuf {
	uint8_t *p;
	size_t n, cap;
	int bad;
};

static void sb_add(struct sbuf *b, const void *s, size_t n)
{
	if (b->bad)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n)
			cap *= 2;
		uint8_t *q = realloc(b->p, cap);
		if (!q) {
			b->bad = 1;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void sb_text(struct sbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *e = s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" : s[i] == '&' ? "&amp;" : NULL;
		if (e)
			sb_add(b, e, strlen(e));
		else
			sb_add(b, s + i, 1);
	}
}

static void put_i32(uint8_t *p, MQLONG v)
{
	memcpy(p, &v, 4);   /* MQENC_NATIVE: the MQRFH2's integers in this machine's order */
}

/* The copy's data for subscription s into b: the MQRFH2, then data.  md is
 * the publication's (Format, Encoding, CCSID go into the MQRFH2). */
static int copy_data(struct sbuf *b, const struct ps_sub *s, const char *topic, const MQMD *md, const uint8_t *data,
		     uint32_t len, int retained)
{
	struct sbuf x = { 0 };
	sb_add(&x, "<mqps><Top>", 11);
	sb_text(&x, topic, strlen(topic));
	sb_add(&x, "</Top>", 6);
	if (retained)
		sb_add(&x, "<Ret dt='boolean'>1</Ret>", 25);
	if (s->udlen) {
		sb_add(&x, "<Sud>", 5);
		sb_text(&x, s->udata, s->udlen);
		sb_add(&x, "</Sud>", 6);
	}
	sb_add(&x, "</mqps>", 7);
	while (!x.bad && x.n % 4)
		sb_add(&x, " ", 1);
	if (x.bad) {
		free(x.p);
		return -1;
	}
	uint8_t h[MQRFH_STRUC_LENGTH_FIXED_2 + 4];
	memcpy(h, MQRFH_STRUC_ID, 4);
	put_i32(h + 4, MQRFH_VERSION_2);
	put_i32(h + 8, (MQLONG)(sizeof h + x.n));
	put_i32(h + 12, md->Encoding);
	put_i32(h + 16, md->CodedCharSetId);
	memcpy(h + 20, md->Format, MQ_FORMAT_LENGTH);
	put_i32(h + 28, MQRFH_NONE);
	put_i32(h + 32, 1208);
	put_i32(h + 36, (MQLONG)x.n);
	sb_add(b, h, sizeof h);
	sb_add(b, x.p, x.n);
	sb_add(b, data, len);
	free(x.p);
	return b->bad ? -1 : 0;
}

/* ---- delivery ------------------------------------------------------------------------------ */

struct copy {
	struct ps_sub *s;
	struct qobj *q;               /* where it goes (the subscription's queue, or the DEADQ) */
	MQLONG dlq_reason;            /* non-zero: to the DEADQ behind an MQDLH with this Reason */
};

/* Would queue o take one more message of n bytes (k already planned for it)? */
static MQLONG queue_takes(struct qm *qm, struct qobj *o, uint32_t n, uint64_t k)
{
	if (!o || o->deleted || !o->q)
		return MQRC_UNKNOWN_OBJECT_NAME;
	if (o->damaged)
		return MQRC_OBJECT_DAMAGED;
	if (o->def.inhibit_put == MQQA_PUT_INHIBITED)
		return MQRC_PUT_INHIBITED;
	if (n > (uint32_t)qm->os.qmgr.max_msg_length)
		return MQRC_MSG_TOO_BIG_FOR_Q_MGR;
	if (n > (uint32_t)o->def.max_msg_length)
		return MQRC_MSG_TOO_BIG_FOR_Q;
	if (o->q->depth + k >= (uint64_t)o->def.max_q_depth)
		return MQRC_Q_FULL;
	return MQRC_NONE;
}

static uint64_t planned(const struct copy *v, size_t n, const struct qobj *o)
{
	uint64_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += v[i].q == o;
	return k;
}

/* An MQDLH in front of the copy's data (its MQMD then says MQFMT_DEAD_LETTER_HEADER). */
static int dlh_wrap(struct qm *qm, struct sbuf *b, MQMD *cm, MQLONG reason, const char *dest)
{
	MQDLH h = { MQDLH_DEFAULT };
	h.Reason = reason;
	mqi_blank(h.DestQName, sizeof h.DestQName, dest);
	mqi_blank(h.DestQMgrName, sizeof h.DestQMgrName, qm->paths.name);
	h.Encoding = cm->Encoding;
	h.CodedCharSetId = cm->CodedCharSetId;
	memcpy(h.Format, cm->Format, MQ_FORMAT_LENGTH);
	h.PutApplType = MQAT_QMGR;
	mqi_blank(h.PutApplName, sizeof h.PutApplName, qm->paths.name);
	struct timespec ts;
	struct tm g;
	char t[32];
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &g);
	snprintf(t, sizeof t, "%04d%02d%02d%02d%02d%02d%02d", g.tm_year + 1900, g.tm_mon + 1, g.tm_mday, g.tm_hour,
		 g.tm_min, g.tm_sec, (int)(ts.tv_nsec / 10000000));
	memcpy(h.PutDate, t, 8);
	memcpy(h.PutTime, t + 8, 8);
	struct sbuf x = { 0 };
	sb_add(&x, &h, sizeof h);
	sb_add(&x, b->p, b->n);
	if (x.bad) {
		free(x.p);
		return -1;
	}
	free(b->p);
	*b = x;
	cm->Encoding = MQENC_NATIVE;
	cm->CodedCharSetId = qm->os.qmgr.ccsid;
	memcpy(cm->Format, MQFMT_DEAD_LETTER_HEADER, MQ_FORMAT_LENGTH);
	return 0;
}

/* Log a persistent copy (under xuow, or c's unit of work when sync). */
static int copy_log(struct qm *qm, struct conn *c, struct qobj *base, struct qmsg *m, const uint8_t *data,
		    uint32_t len, int sync, uint64_t xuow, int64_t now, uint64_t *last)
{
	struct objfile_msg fm;
	store_msg_header(m, &fm);
	fm.put_time_ms = now;
	size_t need = qmlog_put_size(base->def.name, len);
	uint8_t *buf = malloc(need);
	int k = buf ? qmlog_enc_put(buf, need, base->def.name, &fm, data) : QM_ENOMEM;
	int rc = k < 0 ? k : QM_OK;
	uint64_t first = 0;
	if (!rc && sync)
		rc = mqi_log_op(qm, c, 1, LOG_REC_MSG_PUT, base->def.name, buf, (size_t)k, &first, last);
	else if (!rc)
		rc = dur_append(qm, LOG_REC_MSG_PUT, xuow, base->def.name, buf, (size_t)k, 0, &first, last);
	free(buf);
	if (!rc) {
		m->mem->put_lsn = first;
		if (!sync && !qm->step_uow_first)
			qm->step_uow_first = first;
	}
	return rc;
}

int ps_copy_make(struct qm *qm, const struct ps_sub *s, const struct qobj *sq, const char *topic, MQMD *cm,
		 const uint8_t *data, uint32_t len, int retained, uint8_t **out, size_t *outlen)
{
	(void)qm;
	static const MQBYTE24 none;
	if (!(s->options & MQSO_SET_CORREL_ID) || memcmp(s->correl, none, sizeof none) != 0)
		memcpy(cm->CorrelId, s->correl, sizeof cm->CorrelId);
	if (s->pub_priority == MQPRI_PRIORITY_AS_Q_DEF)
		cm->Priority = sq ? sq->def.def_priority : cm->Priority;
	else if (s->pub_priority >= 0)
		cm->Priority = s->pub_priority;
	mqi_blank(cm->UserIdentifier, sizeof cm->UserIdentifier, s->user);
	memcpy(cm->AccountingToken, s->acct, sizeof cm->AccountingToken);
	memcpy(cm->ApplIdentityData, s->appl_id, sizeof cm->ApplIdentityData);
	struct sbuf b = { 0 };
	if (s->psprop == MQPSPROP_NONE) {
		sb_add(&b, data, len);   /* PSPROP(NONE): the publication's data alone */
		if (b.bad || (!len && !(b.p = malloc(1)))) {
			free(b.p);
			return -1;
		}
	} else {
		if (copy_data(&b, s, topic, cm, data, len, retained))
			return -1;
		memcpy(cm->Format, MQFMT_RF_HEADER_2, MQ_FORMAT_LENGTH);
		cm->Encoding = MQENC_NATIVE;
		cm->CodedCharSetId = 1208;
	}
	*out = b.p;
	*outlen = b.n;
	return 0;
}

MQLONG ps_publish(struct qm *qm, struct conn *c, struct hobj *h, MQMD *md, const MQPMO *pmo, const uint8_t *data,
		  uint32_t len, const MQMD *pass, MQLONG *cc, uint64_t *lsn, struct pending **park)
{
	MQLONG o = pmo->Options;
	int sync = (o & MQPMO_SYNCPOINT) != 0;
	*cc = MQCC_FAILED;
	*lsn = 0;
	*park = NULL;
	int retain = (o & MQPMO_RETAIN) != 0;
	const char *topic = h->topic->str;
	if (retain && ps_ret_check(qm, topic, len))
		return MQRC_PUT_NOT_RETAINED;   /* MQ: and the publication goes to no one */
	(void)ps_load(qm);   /* the durable subscriptions, once after a start (pubsub_dur.c) */
	struct objdef res;
	if (ps_resolve(qm, topic, &res) != QM_OK)
		return MQRC_STORAGE_NOT_AVAILABLE;
	if (res.inhibit_pub == MQTA_PUB_INHIBITED)
		return MQRC_PUT_INHIBITED;
	MQLONG persistence = md->Persistence == MQPER_PERSISTENCE_AS_TOPIC_DEF ? res.topic_def_persistence : md->Persistence;
	if (md->Priority == MQPRI_PRIORITY_AS_TOPIC_DEF)
		md->Priority = res.def_priority;
	int none = 1;   /* does the publisher give its own MsgId (then every copy keeps it)? */
	for (size_t i = 0; i < sizeof md->MsgId; i++)
		none &= md->MsgId[i] == 0;
	int own_id = !(o & MQPMO_NEW_MSG_ID) && !none;
	/* the subscriptions and where their copies go */
	size_t n = 0, cap = 0;
	struct copy *v = NULL;
	MQLONG rule = persistence == MQPER_PERSISTENT ? res.pm_delivery : res.npm_delivery;
	const char *dlq = qm->os.qmgr.dead_letter_q_name;
	uint32_t clen = len + 512 + (uint32_t)strlen(topic) * 5;   /* a bound on a copy's size with its MQRFH2 */
	MQLONG rc = MQRC_NONE;
	size_t matched = 0, blk_lv, blk_ch;
	ps_block_at(qm, topic, &blk_lv, &blk_ch);   /* WILDCARD(BLOCK) above or at the topic */
	for (struct ps_sub *s = qm->subs; s && !rc; s = s->next) {
		if ((s->options & MQSO_PUBLICATIONS_ON_REQUEST) || ((o & MQPMO_NOT_OWN_SUBS) && s->owner == c))
			continue;
		int wc = (s->options & MQSO_WILDCARD_CHAR) != 0;
		if (!ps_match(s->topic, wc, topic) || ps_blocked(s->topic, wc, blk_lv, blk_ch))
			continue;
		if (s->sel && !msgprops_match(s->sel, md, data, len))
			continue;   /* its SelectionString is not TRUE for this publication */
		matched++;
		if (n == cap) {
			size_t nc = cap ? 2 * cap : 8;
			struct copy *nv = realloc(v, nc * sizeof *nv);
			if (!nv) {
				rc = MQRC_STORAGE_NOT_AVAILABLE;
				break;
			}
			v = nv;
			cap = nc;
		}
		struct qobj *q = qm_qfind(qm, s->dest);
		uint32_t need = clen + s->udlen * 5;
		MQLONG why = queue_takes(qm, q, need, planned(v, n, q));
		if (!why) {
			v[n++] = (struct copy){ s, q, 0 };
			continue;
		}
		struct qobj *dq = res.use_dlq == MQUSEDLQ_YES && dlq[0] ? qm_qfind(qm, dlq) : NULL;
		if (dq && !queue_takes(qm, dq, need + (uint32_t)sizeof(MQDLH), planned(v, n, dq))) {
			v[n++] = (struct copy){ s, dq, why };
			continue;
		}
		if (rule == MQDLV_ALL || (rule == MQDLV_ALL_DUR && s->durable))
			rc = MQRC_PUBLICATION_FAILURE;
	}
	if (!rc && sync && (c->uow_active ? c->uow.nmsgs : 0) + n + (size_t)retain * 2 > (uint64_t)qm->os.qmgr.max_uncommitted_msgs)
		rc = MQRC_SYNCPOINT_LIMIT_REACHED;
	if (!rc && persistence == MQPER_PERSISTENT && (n || retain) && (!qm->lg || qm->log_failed))
		rc = MQRC_Q_MGR_NOT_AVAILABLE;
	struct pending *p = NULL;
	if (!rc && (n || retain) && !sync && !(p = calloc(1, sizeof *p)))
		rc = MQRC_STORAGE_NOT_AVAILABLE;
	if (rc) {
		free(v);
		return rc;
	}
	/* the publisher's descriptor as a put fills it */
	MQLONG caller_version = md->Version;
	mqi_put_fill_md(qm, c, h->obj, md, o, persistence, pass);
	md->Version = MQMD_VERSION_2;
	uint64_t xuow = 0;
	if (p) {
		uow_init(&p->tuow, mqi_new_uow_id(qm));
		xuow = ++qm->next_log_uow_id;
		qm->step_uow_id = xuow;   /* a checkpoint meanwhile (a full log) lists it */
		qm->step_uow_first = 0;
	}
	int64_t now = qm_now_ms();
	int qrc = QM_OK, logged = 0;
	uint64_t last = 0;
	for (size_t i = 0; i < n && !qrc; i++) {
		struct ps_sub *s = v[i].s;
		struct qobj *q = v[i].q;
		MQMD cm = *md;
		if (i && !own_id)
			mqi_new_id(qm, cm.MsgId);
		struct sbuf b = { 0 };
		if (ps_copy_make(qm, s, v[i].dlq_reason ? qm_qfind(qm, s->dest) : q, topic, &cm, data, len, 0, &b.p, &b.n)) {
			qrc = QM_ENOMEM;
			break;
		}
		if (v[i].dlq_reason && dlh_wrap(qm, &b, &cm, v[i].dlq_reason, s->dest)) {
			free(b.p);
			qrc = QM_ENOMEM;
			break;
		}
		struct qmsg *m = qmsg_new(&cm, b.p, b.n);
		if (!m) {
			free(b.p);
			qrc = QM_ENOMEM;
			break;
		}
		qmsg_set_expiry(m, now);
		m->mem->seq = q->q->next_seq ? q->q->next_seq : 1;
		if (persistence == MQPER_PERSISTENT && !q->temp) {
			if (sync)
				mqi_uow_begin(qm, c);
			qrc = copy_log(qm, c, q, m, b.p, (uint32_t)b.n, sync, xuow, now, &last);
			logged += !qrc;
		}
		free(b.p);
		if (!qrc) {
			if (sync)
				mqi_uow_begin(qm, c);
			qrc = queue_add(q->q, m, sync ? &c->uow : &p->tuow);
		}
		if (qrc) {
			qmsg_free(m);
			break;
		}
		q->lput_ms = now;
		trig_put(qm, c, q, m, sync);
		s->lmsg_ms = now;   /* DISPLAY SBSTATUS (not undone by a backout: MQ's count is of puts made) */
		s->nummsgs++;
	}
	if (!qrc && retain) {
		/* the topic's retained publication replaced, in the same unit of work (pubsub_ret.c) */
		MQMD rm = *md;
		int k = 0;
		qrc = ps_ret_stage(qm, sync ? c : NULL, sync ? &c->uow : &p->tuow, xuow, topic, &rm, data, len, now, &k,
				   &last);
		logged += k;
	}
	if (!qrc && p && logged) {
		uint8_t ub[32];
		struct qmlog_uow u = { .time_ms = now, .ops = (uint64_t)logged };
		int k = qmlog_enc_uow(ub, sizeof ub, &u);
		qrc = k < 0 ? k : dur_append(qm, LOG_REC_UOW_COMMIT, xuow, NULL, ub, (size_t)k, LOG_APPEND_RESERVED, &last,
					     NULL);
	}
	if (p)
		qm->step_uow_id = 0;   /* from here the parked reply keeps its records (p->first) */
	free(v);
	md->Version = caller_version;
	if (qrc) {
		/* outside syncpoint nothing of it stays (no commit record: restart
		 * backs out what was logged); under syncpoint what was put is the
		 * unit of work's, as the log says, and the application backs out */
		if (p) {
			uow_backout(&p->tuow);
			free(p);
		}
		return mqi_log_reason(qrc);
	}
	if (p && logged) {
		p->first = qm->step_uow_first;
		*park = p;
		*lsn = last;
	} else if (p) {
		uow_commit(&p->tuow);   /* nothing logged: all visible now, together */
		free(p);
	}
	h->topic->lpub_ms = now;   /* DISPLAY TPSTATUS TYPE(PUB) */
	h->topic->npubs++;
	if (!matched && (o & MQPMO_WARN_IF_NO_SUBS_MATCHED)) {
		*cc = MQCC_WARNING;
		return MQRC_NO_SUBS_MATCHED;
	}
	*cc = MQCC_OK;
	return MQRC_NONE;
}
