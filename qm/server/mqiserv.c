/*
 * mqiserv.c: request dispatch, MQCONN, MQDISC, MQCMIT, MQBACK, units of work,
 * replies parked on the log and parked MQGETs (see mqiserv.h).
 */
#include "qm/server/mqiserv.h"
#include "qm/server/oam_srv.h"

#include "cmqcfc.h"
#include "cmqzc.h"
#include "qm/server/authn.h"
#include "qm/server/pubsub.h"
#include "qm/home/msgcat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/server/channel.h"
#include "qm/server/daemon.h"
#include "qm/server/listen.h"
#include "qm/server/ring.h"
#include "qm/store/qmlog.h"

/* ---- small helpers ------------------------------------------------------------- */

void mqi_blank(char *field, size_t n, const char *s)
{
	size_t l = s ? strnlen(s, n) : 0;
	memcpy(field, s, l);
	memset(field + l, ' ', n - l);
}

void mqi_field(char *out, const char *field, size_t n)
{
	size_t l = 0;
	while (l < n && field[l])
		l++;
	while (l > 0 && field[l - 1] == ' ')
		l--;
	memcpy(out, field, l);
	out[l] = 0;
}

MQLONG mqi_quiesce_reason(struct qm *qm, int fiq)
{
	if (qm->state == QM_STOPPING || qm->state == QM_PREEMPTING || qm->state == QM_ENDED)
		return MQRC_Q_MGR_STOPPING;
	if (qm->state == QM_QUIESCING && fiq)
		return MQRC_Q_MGR_QUIESCING;
	return MQRC_NONE;
}

struct hobj *mqi_hobj(struct conn *c, MQHOBJ h)
{
	if (h < 1 || (size_t)h > c->nh)
		return NULL;
	return c->h[h - 1];
}

MQLONG mqi_log_reason(int rc)
{
	switch (rc) {
	case QM_ENOMEM: return MQRC_STORAGE_NOT_AVAILABLE;
	case QM_ELOGFULL: return MQRC_RESOURCE_PROBLEM;
	case QM_ENOSPC: return MQRC_RESOURCE_PROBLEM;   /* no disk for a log extent (issue 9 defect 10) */
	case MQI_EBACKED_OUT: return MQRC_BACKED_OUT;
	case QM_EFAILED: return MQRC_RESOURCE_PROBLEM;
	default: return MQRC_UNEXPECTED_ERROR;
	}
}

uint64_t mqi_new_uow_id(struct qm *qm)
{
	return ++qm->next_uow_id;
}

void mqi_uow_begin(struct qm *qm, struct conn *c)
{
	if (c->uow_active)
		return;
	uow_init(&c->uow, mqi_new_uow_id(qm));
	c->uow_active = 1;
	c->uow_log_id = 0;
	c->uow_first_lsn = 0;
	c->uow_logged = 0;
	c->uow_start_ms = qm_now_ms();
	c->uow_log_ms = 0;
}

int mqi_log_op(struct qm *qm, struct conn *c, int in_uow, uint16_t type, const char *qname, const void *data,
	       size_t len, uint64_t *lsn, uint64_t *last)
{
	if (in_uow && !c->uow_log_id)
		c->uow_log_id = ++qm->next_log_uow_id;
	int rc = dur_append(qm, type, in_uow ? c->uow_log_id : 0, qname, data, len, 0, lsn, last);
	if (in_uow && c->uow_backed_out) {
		/* its own unit of work was the oldest and went to free the log: a
		 * record appended for it now is backed out at restart anyway */
		c->uow_backed_out = 0;
		return MQI_EBACKED_OUT;
	}
	if (rc)
		return rc;
	if (in_uow) {
		if (!c->uow_first_lsn) {
			c->uow_first_lsn = *lsn;
			c->uow_log_ms = qm_now_ms();
		}
		c->uow_logged++;
	}
	return QM_OK;
}

/* ---- units of work and parked replies ---------------------------------------------- */

static void close_all_handles(struct qm *qm, struct conn *c)
{
	for (size_t i = 0; i < c->nh; i++)
		if (c->h[i])
			mqi_close_obj(qm, c, c->h[i], MQCO_NONE);
}

static void uow_reset(struct conn *c)
{
	c->uow_active = 0;
	c->uow_committing = 0;
	c->uow_log_id = 0;
	c->uow_first_lsn = 0;
	c->uow_logged = 0;
	c->uow_start_ms = c->uow_log_ms = 0;
}

static void commit_conn_uow(struct qm *qm, struct conn *c)
{
	uow_commit(&c->uow);
	uow_reset(c);
	trig_uow_end(qm, c);   /* its trigger messages, now (trigger.c) */
}

static void disconnect(struct qm *qm, struct conn *c)
{
	close_all_handles(qm, c);
	if (c->connected) {
		c->connected = 0;
		if (qm->napps)
			qm->napps--;
	}
}

void mqi_pending_act(struct qm *qm, struct pending *p)
{
	struct conn *c = p->c;
	switch (p->act) {
	case PA_COMMIT_TUOW:
		uow_commit(&p->tuow);
		break;
	case PA_COMMIT_CONN_UOW:
		commit_conn_uow(qm, c);
		if (c->dead)
			close_all_handles(qm, c);
		break;
	case PA_DISC:
		commit_conn_uow(qm, c);
		disconnect(qm, c);
		break;
	case PA_NONE:
		break;
	}
}

/* ---- parked MQGETs ------------------------------------------------------------------ */

void mqi_wake_hook(struct queue *q, void *arg)
{
	struct qm *qm = arg;
	for (size_t i = 0; i < qm->nwoken; i++)
		if (qm->woken[i] == q)
			return;
	if (qm->nwoken == qm->capwoken) {
		size_t cap = qm->capwoken ? 2 * qm->capwoken : 16;
		struct queue **v = realloc(qm->woken, cap * sizeof *v);
		if (!v)
			return;   /* the waiters are retried at their deadline */
		qm->woken = v;
		qm->capwoken = cap;
	}
	qm->woken[qm->nwoken++] = q;
}

void mqi_getwait_free(struct qm *qm, struct getwait *w)
{
	for (unsigned i = 0; i < w->n; i++)
		queue_waiter_remove(&w->e[i].w);
	if (w->prev)
		w->prev->next = w->next;
	else if (qm->waits == w)
		qm->waits = w->next;
	if (w->next)
		w->next->prev = w->prev;
	struct conn *c = w->c;
	free(w);
	conn_unref(qm, c);
}

void mqi_service_woken(struct qm *qm)
{
	while (qm->nwoken) {
		struct queue *q = qm->woken[--qm->nwoken];
		queue_wake_clear(q);
		for (struct qwaiter *x = queue_waiter_first(q), *nx; x; x = nx) {
			struct getwait *w = x->ctx;
			/* a CBGET may wait on q through two handles: the next waiter
			 * is one that freeing w leaves in place */
			nx = queue_waiter_next(x);
			while (nx && nx->ctx == w)
				nx = queue_waiter_next(nx);
			if (mqi_get_retry(qm, w))
				mqi_getwait_free(qm, w);
		}
	}
	mqi_report_flush(qm);   /* expiration reports the retried gets found (report.c) */
}

static void fail_wait(struct qm *qm, struct getwait *w, MQLONG rc)
{
	struct conn *c = w->c;
	if (!c->dead) {
		struct rep r;
		rep_start(&r, w->op, w->req_id, MQCC_FAILED, rc);
		if (w->op == PROTO_CBGET)
			rep_i32(&r, -1);   /* for none of its consumers in particular */
		conn_reply(qm, c, &r);
		if (!c->dead)
			conn_done(qm, c);
	}
	mqi_getwait_free(qm, w);
}

int64_t mqi_timer(struct qm *qm, int64_t now_ms)
{
	int64_t next = INT64_MAX;
	for (struct getwait *w = qm->waits, *nx; w; w = nx) {
		nx = w->next;
		if (w->deadline_ms <= now_ms) {
			/* one last look: a message may have arrived in the same instant */
			if (mqi_get_retry(qm, w))
				mqi_getwait_free(qm, w);
			else
				fail_wait(qm, w, MQRC_NO_MSG_AVAILABLE);
		} else if (w->deadline_ms < next) {
			next = w->deadline_ms;
		}
	}
	int64_t au = authn_timer(qm, now_ms);      /* refused MQCONNs whose FAILDLAY is over */
	if (au < next)
		next = au;
	int64_t mk = mqi_mark_timer(qm, now_ms);   /* co-op browse marks past MARKINT */
	if (qm->nwoken)
		return now_ms;   /* an expired mark woke a queue: its waiters are retried this round */
	return mk < next ? mk : next;
}

void mqi_fail_waits(struct qm *qm, MQLONG reason, int fiq_only)
{
	for (struct getwait *w = qm->waits, *nx; w; w = nx) {
		nx = w->next;
		int fiq = 0;
		for (unsigned i = 0; i < w->n; i++)
			fiq |= (w->e[i].gmo.Options & MQGMO_FAIL_IF_QUIESCING) != 0;
		if (!fiq_only || fiq)
			fail_wait(qm, w, reason);
	}
}

int mqi_getwait_has(const struct getwait *w, MQHOBJ hobj)
{
	for (unsigned i = 0; i < w->n; i++)
		if (w->e[i].hobj == hobj)
			return 1;
	return 0;
}

void mqi_cbcancel(struct qm *qm, struct conn *c, const uint8_t *body, size_t len)
{
	struct rd d = { .p = body, .len = len };
	uint32_t gen = rd_u32(&d);
	if (d.bad || len != 4) {
		conn_fail(qm, c);
		return;
	}
	c->cb_cancelled = gen;
	for (struct getwait *w = qm->waits; w; w = w->next)
		if (w->c == c && w->op == PROTO_CBGET && c->cb_gen && c->cb_gen == c->cb_cancelled) {
			fail_wait(qm, w, MQRC_NO_MSG_AVAILABLE);
			return;
		}
}

/* ---- MQCONN, MQDISC, MQCMIT, MQBACK ---------------------------------------------------- */

/* Answer MQCONN: connect c (rc MQRC_NONE) or refuse it.  Called at once by
 * do_conn, or later by authn.c when a password check was parked. */
static void conn_answer(struct qm *qm, struct conn *c, MQLONG cc, MQLONG rc)
{
	/* connect authority on the queue manager (oam_srv.c), for the user the
	 * connection is once authentication is done */
	if (cc == MQCC_OK && !c->connected) {
		oam_call(0, NULL, NULL, 0);
		if ((rc = oam_check(qm, c, MQOT_Q_MGR, qm->paths.name, MQZAO_CONNECT, NULL, MQRQ_CONN_NOT_AUTHORIZED)))
			cc = MQCC_FAILED;
	}
	if (cc != MQCC_FAILED && !c->connected) {
		c->connected = 1;
		qm->napps++;
	}
	struct rep r;
	rep_start(&r, PROTO_CONN, c->req_id, cc, rc);
	if (cc != MQCC_FAILED) {
		char f[MQ_Q_MGR_NAME_LENGTH];
		mqi_blank(f, sizeof f, qm->paths.name);
		rep_bytes(&r, f, sizeof f);
		rep_i32(&r, qm->os.qmgr.ccsid);
		rep_u32(&r, c->id);
		rep_u32(&r, (uint32_t)(qm->start_ms / 1000));
		c->conn_ms = qm_now_ms();
	}
	conn_reply(qm, c, &r);
	conn_done(qm, c);
}

void mqi_conn_finish(struct qm *qm, struct conn *c, MQLONG rc)
{
	if (rc == MQRC_NONE && qm->state != QM_RUNNING)   /* it began to end while the check ran */
		rc = qm->state == QM_QUIESCING ? MQRC_Q_MGR_QUIESCING : MQRC_Q_MGR_STOPPING;
	conn_answer(qm, c, rc == MQRC_NONE ? MQCC_OK : MQCC_FAILED, rc);
}

static void do_conn(struct qm *qm, struct conn *c, struct rd *d)
{
	char name[MQ_Q_MGR_NAME_LENGTH], appname[MQ_APPL_NAME_LENGTH], qmname[MQ_Q_MGR_NAME_LENGTH + 1];
	rd_bytes(d, name, sizeof name);
	MQLONG options = rd_i32(d);
	rd_bytes(d, appname, sizeof appname);
	uint32_t pid = rd_u32(d), tid = rd_u32(d);
	/* the MQCSP's user id and password (qm/proto.h): every length checked
	 * before anything is read, and the password's bytes wiped in the
	 * request buffer on every path once it has been looked at */
	struct authn_cred cred = { 0 };
	size_t cred_at = d->at;
	cred.auth = rd_u32(d);
	cred.ulen = rd_u32(d);
	MQLONG csp_rc = MQRC_NONE;
	if (!d->bad && cred.ulen > PROTO_CSP_USER_MAX)
		csp_rc = MQRC_CSP_ERROR;
	cred.user = (const char *)rd_ptr(d, d->bad || csp_rc ? 0 : cred.ulen);
	cred.plen = d->bad || csp_rc ? 0 : rd_u32(d);
	cred.password = (uint8_t *)(uintptr_t)rd_ptr(d, cred.plen);
	if (!d->bad && !csp_rc && cred.plen > MQ_CSP_PASSWORD_LENGTH)
		csp_rc = MQRC_NOT_AUTHORIZED;   /* MQ: a password longer than MQ_CSP_PASSWORD_LENGTH */
	if ((d->bad || csp_rc) && cred_at < d->len) {
		/* whatever follows the fixed part may hold a password: wiped */
		explicit_bzero((uint8_t *)(uintptr_t)(d->p + cred_at), d->len - cred_at);
		cred.plen = 0;
	}
	if (!d->bad && !csp_rc && cred.auth != PROTO_AUTH_NONE && cred.auth != PROTO_AUTH_USER_PWD)
		csp_rc = MQRC_CSP_ERROR;
	(void)options;
	(void)pid;             /* the peer's credentials say which process it is */
	c->tid = tid;
	if (d->bad || (!csp_rc && d->at != d->len)) {
		conn_fail(qm, c);
		return;
	}
	mqi_field(qmname, name, sizeof name);
	if (!c->connected) {   /* its name, for DISPLAY CONN and an authority event */
		mqi_field(c->appname, appname, sizeof appname);
		if (!c->appname[0]) {
			char path[64];
			snprintf(path, sizeof path, "/proc/%ld/comm", (long)c->pid);
			FILE *f = fopen(path, "r");
			if (f) {
				if (fgets(c->appname, sizeof c->appname, f))
					c->appname[strcspn(c->appname, "\n")] = 0;
				fclose(f);
			}
		}
	}
	MQLONG cc = MQCC_OK, rc = MQRC_NONE;
	if (c->connected) {
		cc = MQCC_WARNING;
		rc = MQRC_ALREADY_CONNECTED;
	} else if (qmname[0] && strcmp(qmname, qm->paths.name) != 0) {
		cc = MQCC_FAILED;
		rc = MQRC_Q_MGR_NAME_ERROR;
	} else if (qm->state == QM_QUIESCING) {
		cc = MQCC_FAILED;
		rc = MQRC_Q_MGR_QUIESCING;
	} else if (qm->state != QM_RUNNING) {
		cc = MQCC_FAILED;
		rc = MQRC_Q_MGR_STOPPING;
	} else if (csp_rc) {
		cc = MQCC_FAILED;
		rc = csp_rc;
	}
	if (cc == MQCC_OK) {
		/* connection authentication (authn.h): now, or parked on its worker;
		 * the connect authority is checked in conn_answer, on the user it
		 * proved when ADOPTCTX(YES) */
		switch (authn_conn(qm, c, &cred)) {
		case AUTHN_PARKED:
			return;
		case AUTHN_REFUSE:
			cc = MQCC_FAILED;
			rc = MQRC_NOT_AUTHORIZED;
			break;
		default:
			break;
		}
	} else if (cred.password && cred.plen) {
		explicit_bzero(cred.password, cred.plen);
	}
	conn_answer(qm, c, cc, rc);
}

/* Log the end (LOG_REC_UOW_COMMIT or LOG_REC_UOW_BACKOUT) of c's unit of work. */
static int log_uow_end(struct qm *qm, struct conn *c, uint16_t type, uint64_t *lsn)
{
	uint8_t buf[32];
	struct qmlog_uow u = { .time_ms = qm_now_ms(), .ops = c->uow_logged };
	int k = qmlog_enc_uow(buf, sizeof buf, &u);
	return dur_append(qm, type, c->uow_log_id, NULL, buf, (size_t)k, LOG_APPEND_RESERVED, lsn, NULL);
}

static void backout_conn_uow(struct qm *qm, struct conn *c)
{
	if (!c->uow_active)
		return;
	if (c->uow_logged) {
		uint64_t lsn;
		/* Not waited for: if this record is lost, restart backs the unit of
		 * work out anyway (it has no commit record). */
		log_uow_end(qm, c, LOG_REC_UOW_BACKOUT, &lsn);
	}
	uow_backout(&c->uow);
	uow_reset(c);
	trig_uow_end(qm, c);   /* delivered on backout too, as MQ (trigger.c) */
}

/* Commit c's unit of work; for MQDISC also close its handles.  Replies. */
static void do_commit(struct qm *qm, struct conn *c, int disc)
{
	uint16_t op = disc ? PROTO_DISC : PROTO_CMIT;
	if (c->uow_active && c->uow_logged) {
		uint64_t lsn;
		if (log_uow_end(qm, c, LOG_REC_UOW_COMMIT, &lsn)) {
			/* the commit could not be logged: the unit of work is backed out */
			backout_conn_uow(qm, c);
			if (disc)
				disconnect(qm, c);
			conn_reply_codes(qm, c, disc ? MQCC_WARNING : MQCC_FAILED, MQRC_BACKED_OUT);
			conn_done(qm, c);
			return;
		}
		c->uow_committing = 1;
		struct rep r;
		rep_start(&r, op, c->req_id, MQCC_OK, MQRC_NONE);
		if (dur_park(qm, c, lsn, disc ? PA_DISC : PA_COMMIT_CONN_UOW, &r, NULL)) {
			rep_free(&r);
			conn_fail(qm, c);
		}
		return;   /* WAL rule 2: the reply waits for the commit record */
	}
	if (c->uow_active)
		commit_conn_uow(qm, c);
	if (disc)
		disconnect(qm, c);
	mqi_service_woken(qm);
	conn_reply_codes(qm, c, MQCC_OK, MQRC_NONE);
	conn_done(qm, c);
}

int mqi_backout_oldest_uow(struct qm *qm, uint64_t restart_lsn)
{
	struct conn *v = NULL;
	for (struct conn *c = qm->conns; c; c = c->next)
		if (c->uow_active && !c->uow_committing && c->uow_first_lsn &&
		    (!v || c->uow_first_lsn < v->uow_first_lsn))
			v = c;
	if (!v || v->uow_first_lsn > restart_lsn)
		return QM_ENOTFOUND;
	ERRLOG(&qm->el, AMQ_TXN_BACKED_OUT_FOR_LOG, qm->paths.name);
	backout_conn_uow(qm, v);
	v->uow_backed_out = 1;
	mqi_service_woken(qm);
	return QM_OK;
}

static void do_back(struct qm *qm, struct conn *c)
{
	c->uow_backed_out = 0;   /* MQBACK of a unit of work already backed out is fine */
	backout_conn_uow(qm, c);
	mqi_service_woken(qm);
	conn_reply_codes(qm, c, MQCC_OK, MQRC_NONE);
	conn_done(qm, c);
}

void mqi_backout_all(struct qm *qm)
{
	for (struct conn *c = qm->conns; c; c = c->next)
		if (!c->uow_committing)
			backout_conn_uow(qm, c);
}

void mqi_conn_gone(struct qm *qm, struct conn *c)
{
	for (struct getwait *w = qm->waits, *nx; w; w = nx) {
		nx = w->next;
		if (w->c == c)
			mqi_getwait_free(qm, w);
	}
	if (c->uow_committing) {
		/* the commit record is on its way: the parked reply commits and then
		 * closes the handles (mqi_pending_act) */
		if (c->connected) {
			c->connected = 0;
			if (qm->napps)
				qm->napps--;
		}
		return;
	}
	backout_conn_uow(qm, c);
	disconnect(qm, c);
	mqi_service_woken(qm);
}

/* ---- dispatch ------------------------------------------------------------------------------ */

static void dispatch(struct qm *qm, struct conn *c, const struct proto_hdr *h, const uint8_t *body, size_t len);

void mqi_dispatch(struct qm *qm, struct conn *c, const struct proto_hdr *h, const uint8_t *body, size_t len)
{
	dispatch(qm, c, h, body, len);
	mqi_report_flush(qm);   /* expiration reports the request's searches found (report.c) */
}

static void dispatch(struct qm *qm, struct conn *c, const struct proto_hdr *h, const uint8_t *body, size_t len)
{
	struct rd d = { .p = body, .len = len };
	if (h->op == PROTO_ADMIN_STOP) {
		uint32_t mode = rd_u32(&d);
		if (d.bad) {
			conn_fail(qm, c);
			return;
		}
		qm_admin_stop(qm, c, mode);
		return;
	}
	if (h->op == PROTO_ADMIN_CSRV) {
		uint32_t action = rd_u32(&d);
		if (d.bad || d.at != d.len) {
			conn_fail(qm, c);
			return;
		}
		qm_admin_csrv(qm, c, action);
		return;
	}
	if (h->op == PROTO_ADMIN_MQSC || h->op == PROTO_ADMIN_PCF) {
		mqi_admin_mqsc(qm, c, &d, h->op == PROTO_ADMIN_PCF);
		return;
	}
	if (h->op == PROTO_ADMIN_PCFEV) {
		mqi_admin_pcfev(qm, c, &d);
		return;
	}
	if (h->op == PROTO_ADMIN_MEDIA) {
		mqi_admin_media(qm, c, &d);
		return;
	}
	if (h->op == PROTO_ADMIN_DUMPCFG) {
		mqi_admin_dumpcfg(qm, c, &d);
		return;
	}
	if (h->op == PROTO_ADMIN_LSR) {
		listen_admin(qm, c, &d, &chl_handler);   /* runmqlsr, endmqlsr (server/listen.c) */
		return;
	}
	if (h->op == PROTO_CONN) {
		do_conn(qm, c, &d);
		return;
	}
	if (h->op == PROTO_ATTACH) {
		ring_attach(qm, c, &d);
		return;
	}
	if (h->op == PROTO_CBCANCEL) {
		/* no CBGET is parked: it was answered, or it is still on its way */
		mqi_cbcancel(qm, c, body, len);
		if (!c->dead && !c->broken)
			conn_done(qm, c);
		return;
	}
	if ((h->op < PROTO_DISC || h->op > PROTO_SET) && h->op != PROTO_STAT && h->op != PROTO_CBGET &&
	    h->op != PROTO_SUB && h->op != PROTO_SUBRQ) {
		conn_fail(qm, c);
		return;
	}
	if (!c->connected) {
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_HCONN_ERROR);
		conn_done(qm, c);
		return;
	}
	if (mqi_quiesce_reason(qm, 0) == MQRC_Q_MGR_STOPPING) {
		c->stopping_sent = 1;
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_Q_MGR_STOPPING);
		conn_done(qm, c);
		return;
	}
	if (c->uow_backed_out && (h->op == PROTO_PUT || h->op == PROTO_PUT1 || h->op == PROTO_GET || h->op == PROTO_CBGET ||
				  h->op == PROTO_CMIT)) {
		/* AMQ7469: this unit of work was backed out to free the log */
		c->uow_backed_out = 0;
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_BACKED_OUT);
		conn_done(qm, c);
		return;
	}
	switch (h->op) {
	case PROTO_DISC: do_commit(qm, c, 1); break;
	case PROTO_OPEN: mqi_open(qm, c, &d); break;
	case PROTO_CLOSE: mqi_close(qm, c, &d); break;
	case PROTO_PUT: mqi_put(qm, c, &d); break;
	case PROTO_PUT1: mqi_put1(qm, c, &d); break;
	case PROTO_GET: mqi_get(qm, c, &d); break;
	case PROTO_CMIT: do_commit(qm, c, 0); break;
	case PROTO_BACK: do_back(qm, c); break;
	case PROTO_INQ: mqi_inq(qm, c, &d); break;
	case PROTO_SET: mqi_set(qm, c, &d); break;
	case PROTO_STAT: mqi_stat(qm, c, &d); break;
	case PROTO_CBGET: mqi_cbget(qm, c, &d); break;
	case PROTO_SUB: ps_sub(qm, c, &d); break;
	case PROTO_SUBRQ: ps_subrq(qm, c, &d); break;
	default: conn_fail(qm, c); break;
	}
}

const struct conn_handler mqi_handler = { mqi_dispatch, mqi_conn_gone, mqi_cbcancel };
