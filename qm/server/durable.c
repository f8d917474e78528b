/*
 * durable.c: the durability pipeline: append, park, flush, release (see
 * durable.h for the order one persistent put goes through).
 */
#include "qm/server/durable.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/qmrun.h"
#include "qm/server/conn.h"
#include "qm/server/mqiserv.h"
#include "qm/store/store.h"

/* ---- 1. append ---------------------------------------------------------------------- */

static int checkpoint(struct qm *qm, int only_if_it_frees, int async);

/* A checkpoint when the log is full, only if it moves the restart LSN to a
 * later extent: one that frees nothing would only eat the space kept for
 * commits, backouts and the next start (issue 9 defect 3). */
static int checkpoint_if_it_frees(struct qm *qm)
{
	return checkpoint(qm, 1, 0);
}

int dur_append(struct qm *qm, uint16_t type, uint64_t uow, const char *qname, const void *data, size_t len,
	       int flags, uint64_t *lsn, uint64_t *last)
{
	int rc = store_append(qm, type, uow, qname, data, len, flags, lsn, last);
	if (rc != QM_ELOGFULL)
		return rc;
	/* a routine checkpoint in flight will free the space: a small log can
	 * fill before it lands when applications commit quickly; end it here
	 * and try again before the log is called full */
	if (qm->ckpt_flight && store_checkpoint_settle(qm) == QM_OK) {
		rc = store_append(qm, type, uow, qname, data, len, flags, lsn, last);
		if (rc != QM_ELOGFULL)
			return rc;
	}
	/* a checkpoint moves the restart LSN and frees extents; when the oldest
	 * unit of work holds it, that unit of work is backed out (AMQ7469) and
	 * the checkpoint taken again, oldest first, until the record fits */
	ERRLOG(&qm->el, AMQ_LOG_FULL, qm->paths.name);
	if (checkpoint_if_it_frees(qm) == QM_OK)
		rc = store_append(qm, type, uow, qname, data, len, flags, lsn, last);
	while (rc == QM_ELOGFULL && !qm->log_failed && !qm->store_failed &&
	       mqi_backout_oldest_uow(qm, qm->ckpt_restart_lsn) == QM_OK) {
		if (checkpoint_if_it_frees(qm) == QM_OK)
			rc = store_append(qm, type, uow, qname, data, len, flags, lsn, last);
	}
	return rc;
}

/* ---- 2. park -------------------------------------------------------------------------- */

int dur_park(struct qm *qm, struct conn *c, uint64_t lsn, enum pending_act act, struct rep *r, struct pending *p)
{
	int rc = QM_OK;
	if (!p)
		p = calloc(1, sizeof *p);
	if (!p)
		return QM_ENOMEM;
	p->lsn = lsn;
	p->c = c;
	p->act = act;
	if (r) {
		rep_finish(r);
		if (r->oom) {
			rc = QM_ENOMEM;   /* parked without a reply: the action still happens */
			rep_free(r);
		} else {
			p->reply = r->p;
			p->reply_len = r->len;
			r->p = NULL;
			r->len = r->cap = 0;
		}
	}
	if (c) {
		c->refs++;   /* (none for the queue manager's own put: mqi_put_system) */
		if (r)
			c->log_parked = 1;   /* its reply waits for a flush, not for a message */
	}
	if (qm->pend_tail)
		qm->pend_tail->next = p;
	else
		qm->pend_head = p;
	qm->pend_tail = p;
	/* the loop makes it durable: inline when idle, by the writer when busy */
	return rc;
}

void dur_defs_changed(struct qm *qm, uint64_t lsn)
{
	if (lsn > qm->defs_lsn)
		qm->defs_lsn = lsn;
}

int dur_reply_defs(struct qm *qm, struct conn *c, struct rep *r)
{
	if (qm->defs_lsn && qm->defs_lsn >= log_durable_lsn(qm->lg))
		return dur_park(qm, c, qm->defs_lsn, PA_NONE, r, NULL);
	conn_reply(qm, c, r);
	if (!c->dead)
		conn_done(qm, c);
	return QM_OK;
}

/* ---- 3. flush ------------------------------------------------------------------------- */

/* Replies parked for the log: the loop looks once more for work (a zero
 * timeout); when there is none and the queue manager has a single
 * connection that could send a request (the others' requests are parked
 * MQGET waits), the loop's thread leads the flush itself (no thread switch
 * for a lone committer).  Otherwise the log writer flushes (requested) and
 * the loop goes on serving the others until the writer's eventfd says the
 * flush is done: a flush the loop waited for would stall every other
 * application for as long as the disk takes (tens of ms on a busy disk). */
int dur_before_wait(struct qm *qm, int timeout)
{
	return qm->pend_head && qm->pend_tail->lsn > qm->flush_asked ? 0 : timeout;
}

/* Connections that may send a request while the loop flushes: all but those
 * whose one request is parked in an MQGET wait (the command server's, most
 * of the time, and any application waiting for a message). */
static int lone_committer(const struct qm *qm)
{
	unsigned n = qm->nconns;
	for (const struct getwait *w = qm->waits; w && n > 1; w = w->next)
		n--;
	return n <= 1;
}

void dur_after_wait(struct qm *qm, int nready)
{
	if (!qm->pend_head || nready < 0)
		return;
	uint64_t want = qm->pend_tail->lsn;
	if (nready == 0 && lone_committer(qm)) {
		if (log_flush(qm->lg, want) != QM_OK)
			qm->log_failed = 1;
		else
			dur_release(qm, log_durable_lsn(qm->lg));
	} else if (want > qm->flush_asked) {
		log_request_flush(qm->lg, want);
		qm->flush_asked = want;
	}
}

/* The log writer thread calls this after every flush: wake the loop. */
void dur_notify(void *arg, uint64_t durable_lsn, int failed)
{
	(void)durable_lsn;
	struct qm *qm = arg;
	if (!failed && pthread_equal(pthread_self(), qm->loop_thread))
		return;   /* the loop flushed inline and releases the replies itself */
	uint64_t one = 1;
	ssize_t k = write(qm->evfd, &one, sizeof one);
	(void)k;
}

void dur_log_woke(struct qm *qm)
{
	uint64_t v;
	ssize_t k = read(qm->evfd, &v, sizeof v);
	(void)k;
	if (log_failed(qm->lg))
		qm->log_failed = 1;
	else
		dur_release(qm, log_durable_lsn(qm->lg));
}

/* ---- 4. release ----------------------------------------------------------------------- */

void dur_release(struct qm *qm, uint64_t durable_lsn)
{
	while (qm->pend_head && qm->pend_head->lsn < durable_lsn) {
		struct pending *p = qm->pend_head;
		qm->pend_head = p->next;
		if (!qm->pend_head)
			qm->pend_tail = NULL;
		struct conn *c = p->c;
		mqi_pending_act(qm, p);
		if (p->reply && c && !c->dead) {
			conn_send(qm, c, p->reply, p->reply_len);
			if (!c->dead)
				conn_done(qm, c);
		}
		free(p->reply);
		free(p);
		if (c)
			conn_unref(qm, c);
	}
	mqi_service_woken(qm);
}

/* ---- outside any request ---------------------------------------------------------------- */

/* The units of work that have logged records, and the oldest record a
 * parked reply (or a unit of work already committing) still needs. */
static int collect_uows(struct qm *qm, struct qmlog_ckpt_uow **out, size_t *nout, uint64_t *floorp)
{
	size_t n = 0, cap = 0;
	struct qmlog_ckpt_uow *v = NULL;
	for (struct conn *c = qm->conns; c; c = c->next) {
		if (!c->uow_active || !c->uow_first_lsn)
			continue;
		if (n == cap) {
			size_t nc = cap ? 2 * cap : 8;
			struct qmlog_ckpt_uow *nv = realloc(v, nc * sizeof *nv);
			if (!nv) {
				free(v);
				return QM_ENOMEM;
			}
			v = nv;
			cap = nc;
		}
		v[n].id = c->uow_log_id;
		v[n].first_lsn = c->uow_first_lsn;
		n++;
	}
	if (qm->step_uow_id && qm->step_uow_first) {   /* one call's own unit of work, being appended */
		struct qmlog_ckpt_uow *nv = realloc(v, (n + 1) * sizeof *nv);
		if (!nv) {
			free(v);
			return QM_ENOMEM;
		}
		v = nv;
		v[n].id = qm->step_uow_id;
		v[n].first_lsn = qm->step_uow_first;
		n++;
	}
	/* parked replies, and units of work of connections already gone but
	 * still committing, keep their records */
	uint64_t floor = UINT64_MAX;
	for (struct pending *p = qm->pend_head; p; p = p->next) {
		uint64_t f = p->first ? p->first : p->lsn;
		if (f < floor)
			floor = f;
		if ((p->act == PA_COMMIT_CONN_UOW || p->act == PA_DISC) && p->c->uow_first_lsn &&
		    p->c->uow_first_lsn < floor)
			floor = p->c->uow_first_lsn;
	}
	*out = v;
	*nout = n;
	*floorp = floor;
	return QM_OK;
}

static int checkpoint(struct qm *qm, int only_if_it_frees, int async)
{
	struct qmlog_ckpt_uow *v;
	size_t n;
	uint64_t floor;
	int rc = collect_uows(qm, &v, &n, &floor);
	if (rc)
		return rc;
	uint64_t restart = floor, damaged = store_damaged_floor(qm);
	if (damaged < restart)
		restart = damaged;
	for (size_t i = 0; i < n; i++)
		if (v[i].first_lsn < restart)
			restart = v[i].first_lsn;
	uint64_t extsz = (uint64_t)qm->cfg.log.file_pages * 4096u;
	if (only_if_it_frees && restart != UINT64_MAX && restart / extsz <= qm->ckpt_restart_lsn / extsz)
		rc = QM_ELOGFULL;
	else
		rc = async ? store_checkpoint_start(qm, v, n, floor) : store_checkpoint(qm, v, n, floor);
	free(v);
	return rc;
}

uint64_t dur_oldest_needed(struct qm *qm)
{
	struct qmlog_ckpt_uow *v;
	size_t n;
	uint64_t floor;
	if (collect_uows(qm, &v, &n, &floor))
		return 0;   /* (out of memory: from the start of the log, which is always safe) */
	for (size_t i = 0; i < n; i++)
		if (v[i].first_lsn < floor)
			floor = v[i].first_lsn;
	free(v);
	return floor;
}

int dur_checkpoint(struct qm *qm)
{
	return checkpoint(qm, 0, 0);
}

int dur_checkpoint_start(struct qm *qm)
{
	return checkpoint(qm, 0, 1);
}

void dur_msg_expired(struct queue *q, struct qmsg *m, uint64_t put_lsn, void *arg)
{
	struct qm *qm = arg;
	mqi_report_expired(qm, q->name, m);   /* an expiration report? (report.c: put later) */
	if (put_lsn && qm->lg) {
		uint8_t buf[80];
		uint64_t lsn;
		int k = qmlog_enc_get_at(buf, sizeof buf, q->name, put_lsn, qm_now_ms());
		/* not waited for: if it is lost, the message expires again after a restart */
		if (k > 0)
			dur_append(qm, LOG_REC_MSG_GET, 0, q->name, buf, (size_t)k, 0, &lsn, NULL);
	}
	qmsg_free(m);
}

void dur_drain(struct qm *qm)
{
	if (!qm->lg || qm->log_failed || log_failed(qm->lg))
		return;
	mqi_backout_all(qm);
	if (qm->last_lsn)
		log_flush(qm->lg, qm->last_lsn);
	dur_release(qm, log_durable_lsn(qm->lg));
}

void dur_discard(struct qm *qm)
{
	while (qm->pend_head) {
		struct pending *p = qm->pend_head;
		qm->pend_head = p->next;
		free(p->reply);
		if (p->c)
			conn_unref(qm, p->c);
		free(p);
	}
	qm->pend_tail = NULL;
}
