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
#include "qm/server/sysq.h"

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

MQLONG ps_dur_write(struct qm *qm, struct ps_sub *old, struct ps_sub *s)
{
	struct qobj *q = ps_dsq(qm);
	if (!q)
		return MQRC_DURABILITY_NOT_ALLOWED;
	if (!qm->lg || qm->log_failed)
		return MQRC_Q_MGR_NOT_AVAILABLE;
	struct qmsg *om = old ? sysq_find(q, old->subid) : NULL;
	uint8_t *data = NULL;
	uint32_t len = 0;
	if (s && !(data = rec_encode(s, &len)))
		return MQRC_STORAGE_NOT_AVAILABLE;
	/* the old record got and the new one put, one unit of work made durable
	 * before it returns */
	struct sysq_put put = { REC_FORMAT, s ? s->subid : NULL, data, len };
	MQLONG rc = sysq_write(qm, q, &om, om ? 1 : 0, &put, s ? 1 : 0);
	free(data);
	if (rc == MQRC_Q_FULL || rc == MQRC_MSG_TOO_BIG_FOR_Q)
		rc = MQRC_DURABILITY_NOT_ALLOWED;   /* the queue cannot take it (MQ's 2436) */
	return rc;
}

/* ---- loading ------------------------------------------------------------------------- */

/* One record read at the start (sysq_walk): 1 when it is not one (or its
 * name is taken already). */
static int load_one(const MQMD *md, const void *body, uint32_t len, void *arg)
{
	struct qm *qm = arg;
	struct ps_sub *s = memcmp(md->Format, REC_FORMAT, 8) == 0 ? rec_decode(body, len) : NULL;
	if (!s || ps_sub_by_name(qm, s->name, s->namelen)) {
		if (s)
			ps_sub_free(s);
		return 1;
	}
	memcpy(s->subid, md->MsgId, sizeof s->subid);
	ps_sub_link(qm, s);
	return 0;
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
	int bad = 0;
	if (sysq_walk(qm, q, load_one, qm, &bad))
		return -1;
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
