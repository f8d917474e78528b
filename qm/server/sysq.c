/*
 * sysq.c: records kept as persistent messages on a system queue, read and
 * rewritten for oam_srv.c, chlauth_srv.c, pubsub_dur.c and pubsub_ret.c.
 * The calling sequence and the reasons are in sysq.h; no format of its own
 * (each caller's record is described atop the caller).
 */
#include "qm/server/sysq.h"

#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/server/durable.h"
#include "qm/server/mqiserv.h"
#include "qm/store/qmlog.h"
#include "qm/store/store.h"

static int collect_one(struct queue *q, struct qmsg *m, void *arg)
{
	(void)q;
	struct sysq_list *c = arg;
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

/* The visible messages of q (with CorrelId correl, when not NULL) into out,
 * in queue order: 0, or -1 out of memory (out->v then freed). */
int sysq_list(struct qobj *q, const uint8_t *correl, struct sysq_list *out)
{
	struct qmatch mt;
	memset(&mt, 0, sizeof mt);
	if (correl) {
		mt.options = MQMO_MATCH_CORREL_ID;
		memcpy(mt.correl_id, correl, sizeof mt.correl_id);
	}
	mt.accept = collect_one;
	mt.accept_arg = out;
	(void)queue_find(q->q, &mt, qm_now_ms());
	if (out->oom) {
		free(out->v);
		out->v = NULL;
		out->n = out->cap = 0;
		return -1;
	}
	return 0;
}

int sysq_walk(struct qm *qm, struct qobj *q, int (*one)(const MQMD *md, const void *body, uint32_t len, void *arg),
	      void *arg, int *bad)
{
	struct sysq_list c = { 0 };
	if (sysq_list(q, NULL, &c))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < c.n && !rc; i++) {
		MQMD md;
		const void *body;
		void *owned = NULL;
		if (store_msg_load(qm, q, c.v[i], &md, &body, &owned) != QM_OK) {
			*bad = 1;
			continue;
		}
		int r = one(&md, body, (uint32_t)qmsg_len(c.v[i]), arg);
		if (r > 0)
			*bad = 1;
		else if (r < 0)
			rc = -1;
		free(owned);
	}
	free(c.v);
	return rc;
}

/* The visible message with MsgId id, or NULL. */
struct qmsg *sysq_find(struct qobj *q, const uint8_t id[24])
{
	struct qmatch mt;
	memset(&mt, 0, sizeof mt);
	mt.options = MQMO_MATCH_MSG_ID;
	memcpy(mt.msg_id, id, sizeof mt.msg_id);
	return queue_find(q->q, &mt, qm_now_ms());
}

/* The messages to put, made (not yet on the queue): MQRC_NONE or a refusal. */
static MQLONG make_puts(struct qm *qm, struct qobj *q, const struct sysq_put *puts, size_t nputs, struct qmsg **pm,
			int64_t now)
{
	for (size_t i = 0; i < nputs; i++) {
		if (puts[i].len > (uint32_t)q->def.max_msg_length)
			return MQRC_MSG_TOO_BIG_FOR_Q;
		MQMD md;
		mqi_system_md(qm, &md, puts[i].format, MQPER_PERSISTENT);
		md.Version = MQMD_VERSION_2;
		md.Priority = 0;
		if (puts[i].id)
			memcpy(md.MsgId, puts[i].id, sizeof md.MsgId);
		else
			mqi_new_id(qm, md.MsgId);
		md.Encoding = MQENC_NATIVE;
		pm[i] = qmsg_new(&md, puts[i].data, puts[i].len);
		if (!pm[i] || qmsg_uow_room(pm[i]) != QM_OK)
			return MQRC_STORAGE_NOT_AVAILABLE;
		qmsg_set_expiry(pm[i], now);
		pm[i]->mem->seq = q->q->next_seq ? q->q->next_seq : 1;
	}
	return MQRC_NONE;
}

/* Log and do the gets and puts under tu, then the commit record (none when
 * there is nothing to do: *nops 0): QM_OK, or the first failure. */
static int log_ops(struct qm *qm, struct qobj *q, struct uow *tu, uint64_t xuow, struct qmsg *const *gets,
		   size_t ngets, const struct sysq_put *puts, struct qmsg **pm, size_t nputs, int64_t now,
		   uint64_t *last, int *nops)
{
	uint64_t first = 0;
	int rc = QM_OK, ops = 0;
	for (size_t i = 0; i < ngets && !rc; i++) {
		uint8_t buf[80];
		int k = qmlog_enc_get_at(buf, sizeof buf, q->def.name, qmsg_put_lsn(gets[i]), now);
		rc = k < 0 ? k : dur_append(qm, LOG_REC_MSG_GET, xuow, q->def.name, buf, (size_t)k, 0, &first, last);
		if (!rc) {
			if (!qm->step_uow_first)
				qm->step_uow_first = first;
			ops++;
			rc = queue_hide(q->q, gets[i], tu);
		}
	}
	for (size_t i = 0; i < nputs && !rc; i++) {
		struct objfile_msg fm;
		store_msg_header(pm[i], &fm);
		fm.put_time_ms = now;
		size_t need = qmlog_put_size(q->def.name, puts[i].len);
		uint8_t *buf = malloc(need);
		int k = buf ? qmlog_enc_put(buf, need, q->def.name, &fm, puts[i].data) : QM_ENOMEM;
		rc = k < 0 ? k : dur_append(qm, LOG_REC_MSG_PUT, xuow, q->def.name, buf, (size_t)k, 0, &first, last);
		free(buf);
		if (!rc) {
			pm[i]->mem->put_lsn = first;
			if (!qm->step_uow_first)
				qm->step_uow_first = first;
			ops++;
			rc = queue_add(q->q, pm[i], tu);
			if (!rc)
				pm[i] = NULL;   /* the queue's now */
		}
	}
	if (!rc && ops) {
		uint8_t ub[32];
		struct qmlog_uow u = { .time_ms = now, .ops = (uint64_t)ops };
		int k = qmlog_enc_uow(ub, sizeof ub, &u);
		rc = k < 0 ? k : dur_append(qm, LOG_REC_UOW_COMMIT, xuow, NULL, ub, (size_t)k, LOG_APPEND_RESERVED, last,
					    NULL);
	}
	*nops = ops;
	return rc;
}

MQLONG sysq_write(struct qm *qm, struct qobj *q, struct qmsg *const *gets, size_t ngets, const struct sysq_put *puts,
		  size_t nputs)
{
	if (!qm->lg || qm->log_failed)
		return MQRC_Q_MGR_NOT_AVAILABLE;
	for (size_t i = 0; i < ngets; i++)
		if (qmsg_uow_room(gets[i]) != QM_OK)
			return MQRC_STORAGE_NOT_AVAILABLE;
	if (nputs && q->q->depth + nputs > (uint64_t)q->def.max_q_depth)
		return MQRC_Q_FULL;
	struct qmsg **pm = calloc(nputs + 1, sizeof *pm);
	if (!pm)
		return MQRC_STORAGE_NOT_AVAILABLE;
	int64_t now = qm_now_ms();
	MQLONG reason = make_puts(qm, q, puts, nputs, pm, now);
	if (!reason) {
		struct uow tu;
		uow_init(&tu, mqi_new_uow_id(qm));
		uint64_t xuow = ++qm->next_log_uow_id, last = 0;
		qm->step_uow_id = xuow;   /* a checkpoint meanwhile (a full log) lists it */
		qm->step_uow_first = 0;
		int ops = 0, rc = log_ops(qm, q, &tu, xuow, gets, ngets, puts, pm, nputs, now, &last, &ops);
		qm->step_uow_id = 0;
		if (!rc && ops)
			rc = log_flush(qm->lg, last);   /* durable before anything says so (WAL rule 2) */
		if (rc) {
			/* no commit record (or not durable: the log has failed, and the
			 * queue manager ends): restart backs it out; here it never was */
			uow_backout(&tu);
			reason = mqi_log_reason(rc);
		} else {
			if (qm->last_lsn < last)
				qm->last_lsn = last;
			uow_commit(&tu);
		}
	}
	for (size_t i = 0; i < nputs; i++)
		if (pm[i])
			qmsg_free(pm[i]);
	free(pm);
	return reason;
}
