/*
 * msgstore.c: the queue manager's side of the queue stores (objects/qstore.h),
 * one per local queue in its folder queues/<folder>/ beside its definition
 * file q (store.h).
 *
 * A persistent message lives in memory from its put (its descriptor and
 * body in m->mem, the engine's q->unstored list) until a checkpoint writes
 * it to the store (store_queue_batch: one batch per changed queue,
 * reflecting the checkpoint's LSN).  Then only the engine's small record of
 * it stays in memory (m->qe, its ids as hashes) and its body too while the
 * queue's bodies in memory stay under Tuning QueueBufferSize; an MQGET or a
 * browse reads the rest back (store_msg_load).  Gets and backouts of stored
 * messages reach the store at the next checkpoint through q->chg.
 * Between checkpoints the event loop runs bounded compaction steps
 * (store_background), their I/O on a thread of their own.
 *
 * Failures: a batch that finds the disk full is discarded with the store as
 * it was (the checkpoint is deferred, the log keeps everything); any other
 * write or sync failure leaves the store FAILED and the queue manager ends
 * (store_failed, AMQ7897S): restart brings the store back to its last batch
 * and replays the log from there.  A record that reads back wrong is damage:
 * the MQGET fails and the error log names the file and offset.
 */
#include "qm/store/store.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "log/qmerr.h"
#include "objects/qstore.h"
#include "qm/home/msgcat.h"
#include "qm/qmrun.h"

int store_queue_dir(struct qm *qm, const struct qobj *o, char *out, size_t n)
{
	const struct objcat_entry *e = objcat_find(&qm->os.cat, o->def.type, o->def.name);
	if (!e)
		return QM_ENOTFOUND;
	return objfile_queue_dir(qm->os.data_dir, e->folder, out, n);
}

int store_queue_open(struct qm *qm, struct qobj *o, int (*each)(void *arg, const struct qs_entry *e), void *arg,
		     uint64_t *lsn, char *err, size_t n)
{
	char dir[4200];
	if (store_queue_dir(qm, o, dir, sizeof dir)) {
		snprintf(err, n, "queue %s is not in the catalog", o->def.name);
		return QM_ENOTFOUND;
	}
	return qstore_open(dir, qm->os.qmgr.identity, o->def.name, NULL, each, arg, &o->store, lsn, err, n);
}

int store_queue_renew(struct qm *qm, struct qobj *o)
{
	char dir[4200], err[512];
	store_media_abandon(qm, o);
	store_checkpoint_settle(qm);
	store_background_settle(qm);
	if (o->q)
		queue_discard(o->q);   /* (a queue found damaged while running keeps its messages, which point into the store) */
	qstore_close(o->store);
	o->store = NULL;
	if (store_queue_dir(qm, o, dir, sizeof dir) != QM_OK)
		return QM_ENOTFOUND;
	int rc = qstore_destroy(dir, err, sizeof err);
	if (!rc)
		rc = qstore_create(dir, qm->os.qmgr.identity, o->def.name, qm->os.last_lsn, NULL, &o->store, err,
				   sizeof err);
	if (rc) {
		ERRLOG(&qm->el, AMQ_FILE_WRITE_FATAL, qm->paths.name, dir, err);
		return rc;
	}
	if (o->q)
		queue_changes_clear(o->q);
	o->file_lsn = qm->os.last_lsn;
	return QM_OK;
}

/* ---- reading stored messages ------------------------------------------------------ */

/* A stored message that reads back wrong: said (AMQ7905), and the queue is
 * damaged from now on (AMQ7472; MQOPEN, MQGET and MQPUT give 2101) until
 * rcrmqobj rebuilds it or it is deleted.  Its messages stay in memory, no
 * checkpoint writes its store, and the log it needs is kept (keep_lsn). */
static void read_failed(struct qm *qm, struct qobj *o, int rc)
{
	const char *why = o->store ? qstore_last_error(o->store) : "";
	ERRLOG(&qm->el, AMQ_MSG_READ_FAILED, qm->paths.name, o->def.name, why[0] ? why : qm_strerror(rc));
	if (rc != QM_ENOMEM && !o->damaged) {
		o->damaged = 1;
		o->keep_lsn = store_restart_now(qm);
		ERRLOG(&qm->el, AMQ_OBJECT_DAMAGED, o->def.name, objdef_type_name(o->def.type));
	}
}

/* The header of m's record in o's queue store (a failed read said, and o
 * marked damaged, by read_failed). */
static int read_hdr(struct qm *qm, struct qobj *o, const struct qmsg *m, struct objfile_msg *h)
{
	if (!o || !o->store || !m->qe)
		return QM_EINVAL;
	int rc = qstore_read(o->store, m->qe, h, NULL, 0);
	if (rc)
		read_failed(qm, o, rc);
	return rc;
}

int store_msg_md(struct qm *qm, struct qobj *o, const struct qmsg *m, MQMD *md)
{
	if (m->mem) {
		*md = m->mem->md;
		md->BackoutCount = m->backout;
		return QM_OK;
	}
	struct objfile_msg h;
	int rc = read_hdr(qm, o, m, &h);
	if (rc)
		return rc;
	memcpy(md, h.mqmd, sizeof *md);
	md->BackoutCount = m->backout;
	return QM_OK;
}

int store_msg_ids(struct queue *q, const struct qmsg *m, MQBYTE24 ids[3], void *arg)
{
	struct qm *qm = arg;
	struct qobj *o = q->user;
	struct objfile_msg h;
	int rc = read_hdr(qm, o, m, &h);
	if (rc)
		return rc;
	memcpy(ids[0], h.msgid, 24);
	memcpy(ids[1], h.correlid, 24);
	memcpy(ids[2], h.groupid, 24);
	return QM_OK;
}

int store_msg_load(struct qm *qm, struct qobj *o, const struct qmsg *m, MQMD *md, const void **data, void **owned)
{
	*owned = NULL;
	if (m->mem) {   /* (MQGET's usual way: no header to build) */
		*md = m->mem->md;
		md->BackoutCount = m->backout;
		*data = m->mem->len ? m->mem->data : NULL;
		return QM_OK;
	}
	struct objfile_msg h;
	int rc = store_msg_record(qm, o, m, &h, data, owned);
	if (rc)
		return rc;
	memcpy(md, h.mqmd, sizeof *md);
	md->BackoutCount = m->backout;
	return QM_OK;
}

/* ---- checkpoints ----------------------------------------------------------------------- */

/* PutDate/PutTime (GMT) as milliseconds since 1970; 0 when not a date. */
static int64_t put_time_ms(const MQMD *md)
{
	int v[8];
	for (int i = 0; i < 8; i++) {
		if (md->PutDate[i] < '0' || md->PutDate[i] > '9' || md->PutTime[i] < '0' || md->PutTime[i] > '9')
			return 0;
		v[i] = md->PutDate[i] - '0';
	}
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3] - 1900;
	tm.tm_mon = v[4] * 10 + v[5] - 1;
	tm.tm_mday = v[6] * 10 + v[7];
	const char *t = md->PutTime;
	tm.tm_hour = (t[0] - '0') * 10 + t[1] - '0';
	tm.tm_min = (t[2] - '0') * 10 + t[3] - '0';
	tm.tm_sec = (t[4] - '0') * 10 + t[5] - '0';
	time_t s = timegm(&tm);
	if (s < 0)
		return 0;
	return (int64_t)s * 1000 + ((t[6] - '0') * 10 + t[7] - '0') * 10;
}

void store_msg_header(const struct qmsg *m, struct objfile_msg *fm)
{
	const MQMD *md = &m->mem->md;
	memset(fm, 0, sizeof *fm);
	fm->seq = m->mem->seq;
	fm->put_lsn = m->mem->put_lsn;
	fm->put_time_ms = put_time_ms(md);
	fm->expiry_ms = m->mem->expiry_ms ? m->mem->expiry_ms : -1;
	fm->priority = m->prio;
	fm->persistence = 1;
	fm->backout_count = m->backout;
	memcpy(fm->msgid, md->MsgId, 24);
	memcpy(fm->correlid, md->CorrelId, 24);
	memcpy(fm->groupid, md->GroupId, 24);
	memcpy(fm->mqmd, md, OBJFILE_MQMD_LEN);
	fm->data_len = m->mem->len;
}

int store_msg_record(struct qm *qm, struct qobj *o, const struct qmsg *m, struct objfile_msg *h, const void **data,
		     void **owned)
{
	*owned = NULL;
	if (m->mem) {
		store_msg_header(m, h);
		*data = m->mem->len ? m->mem->data : NULL;
		return QM_OK;
	}
	if (!o->store || !m->qe)
		return QM_EINVAL;
	uint32_t len = qmsg_len(m);
	void *buf = malloc(len ? len : 1);
	if (!buf)
		return QM_ENOMEM;
	int rc = qstore_read(o->store, m->qe, h, buf, len);
	if (rc) {
		free(buf);
		read_failed(qm, o, rc);
		return rc;
	}
	h->backout_count = m->backout;
	*data = len ? buf : NULL;
	*owned = buf;
	return QM_OK;
}

struct stored {
	struct qmsg *m;
	const struct qs_entry *e;
	int32_t backout;         /* the count its record carries: m's at the batch's LSN */
};

/* Unpin v[0..n) and free v: the batch stored none of them. */
static void unpin_all(struct stored *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		queue_pinned_unstored(v[i].m);
	free(v);
}

int store_queue_batch(struct qm *qm, struct qobj *o, uint64_t b, struct store_batch *bt, char *err, size_t n)
{
	struct queue *q = o->q;
	int rc;
	err[0] = 0;
	memset(bt, 0, sizeof *bt);
	if (!o->store && (rc = store_queue_open(qm, o, NULL, NULL, NULL, err, n)) != QM_OK)
		return rc;
	struct qstore *s = o->store;
	if (q->chg_lost) {
		snprintf(err, n, "queue %s: changes to its store were lost (out of memory)", o->def.name);
		return QM_ENOMEM;
	}
	size_t np = 0, cap = 0;
	struct stored *v = NULL;
	if (!q->nchg && !q->unstored_bytes)
		return QM_OK;   /* nothing for the store: it stays as it is, at its LSN */
	if ((rc = qstore_batch_begin(s, b)) != QM_OK)
		goto out;
	for (size_t i = 0; !rc && i < q->nchg; i++) {
		const struct qchange *c = &q->chg[i];
		rc = c->kind == QCHG_BACKOUT ? qstore_set_backout(s, c->put_lsn, c->backout)
					     : qstore_remove(s, c->put_lsn);
	}
	/* the messages committed at b, pinned: store_batch_write writes them,
	 * a round at a time, while the queue goes on */
	for (struct qmsg *m = queue_unstored_first(q); !rc && m; m = queue_unstored_next(m)) {
		if (qmsg_put_uow(m))
			continue;   /* not committed: the log holds it until then */
		if (np == cap) {
			size_t nc = cap ? 2 * cap : 256;
			struct stored *nv = realloc(v, nc * sizeof *nv);
			if (!nv) {
				rc = QM_ENOMEM;
				break;
			}
			v = nv;
			cap = nc;
		}
		qmsg_pin(m);
		v[np++] = (struct stored){ .m = m, .backout = m->backout };
	}
	if (rc) {
		qstore_batch_abort(s);
		unpin_all(v, np);
		goto out;
	}
	bt->o = o;
	bt->lsn = b;
	bt->nchg = q->nchg;
	bt->v = v;
	bt->np = np;
	return QM_OK;
out:
	if (rc && !err[0])
		snprintf(err, n, "%s", qstore_last_error(s)[0] ? qstore_last_error(s) : qm_strerror(rc));
	return rc;
}

int store_batch_write(struct store_batch *bt, size_t *budget, char *err, size_t n)
{
	err[0] = 0;
	if (!bt->o || bt->sealed)
		return QM_OK;
	struct qstore *s = bt->o->store;
	struct stored *v = bt->v;
	int rc = QM_OK;
	while (!rc && bt->nw < bt->np && *budget) {
		struct stored *w = &v[bt->nw];
		struct objfile_msg h;
		store_msg_header(w->m, &h);
		h.backout_count = w->backout;
		rc = qstore_put(s, &h, w->m->mem->len ? w->m->mem->data : NULL, &w->e);
		if (!rc) {
			size_t k = QS_REC_HDR + h.data_len;
			*budget = k < *budget ? *budget - k : 0;
			bt->nw++;
		}
	}
	if (!rc && bt->nw == bt->np && (rc = qstore_batch_seal(s)) == QM_OK)
		bt->sealed = 1;
	if (rc) {
		snprintf(err, n, "%s", qstore_last_error(s)[0] ? qstore_last_error(s) : qm_strerror(rc));
		qstore_batch_abort(s);
		unpin_all(v, bt->np);
		memset(bt, 0, sizeof *bt);
	}
	return rc;
}

int store_batch_sync(struct store_batch *bt)
{
	return bt->o ? qstore_batch_sync(bt->o->store) : QM_OK;
}

int store_batch_done(struct qm *qm, struct store_batch *bt, int rc, char *err, size_t n)
{
	err[0] = 0;
	struct qobj *o = bt->o;
	if (!o)
		return QM_OK;
	struct queue *q = o->q;
	struct stored *v = bt->v;
	if (!bt->sealed) {   /* not all written: the checkpoint failed */
		qstore_batch_abort(o->store);
		unpin_all(v, bt->np);
		memset(bt, 0, sizeof *bt);
		return QM_OK;
	}
	rc = qstore_batch_finish(o->store, rc);
	if (!rc) {
		uint64_t budget = (uint64_t)qm->cfg.tuning.queue_buffer_size;
		for (size_t i = 0; i < bt->np; i++)
			queue_pinned_stored(q, v[i].m, v[i].e, v[i].backout, q->kept + qs_entry_data_len(v[i].e) <= budget);
		queue_changes_done(q, bt->nchg);
		o->file_lsn = bt->lsn;
	} else {
		snprintf(err, n, "%s", qstore_last_error(o->store)[0] ? qstore_last_error(o->store) : qm_strerror(rc));
		unpin_all(v, bt->np);
		v = NULL;
	}
	free(v);
	memset(bt, 0, sizeof *bt);
	return rc;
}

/* ---- between other work ----------------------------------------------------------------- */

/* A compaction step between qstore_compact_begin and _end. */
struct bg_flight {
	struct qobj *o;
	pthread_t thread;
	int threaded;
	int rc;                  /* qstore_compact_io's */
	atomic_int done;
	int evfd;                /* the loop's eventfd, written once done */
};

static void *bg_thread(void *arg)
{
	struct bg_flight *f = arg;
	/* below the event loop and the log writer, as a checkpoint's syncs */
	(void)setpriority(PRIO_PROCESS, (id_t)gettid(), QM_CKPT_NICE);
	f->rc = qstore_compact_io(f->o->store);
	atomic_store(&f->done, 1);
	uint64_t one = 1;
	ssize_t k = write(f->evfd, &one, sizeof one);
	(void)k;
	return NULL;
}

/* The step's result applied: a full disk waits for the next checkpoint,
 * anything else but success is fatal (rule C7 of the store). */
static void bg_land(struct qm *qm, struct bg_flight *f)
{
	if (f->threaded)
		pthread_join(f->thread, NULL);
	struct qobj *o = f->o;
	int more = 0;
	int rc = qstore_compact_end(o->store, f->rc, &more);
	qm->bg_flight = NULL;
	free(f);
	if (rc == QM_ENOSPC) {
		more = 0;   /* try again after the next checkpoint */
	} else if (rc) {
		ERRLOG(&qm->el, AMQ_FILE_WRITE_FATAL, qm->paths.name, o->def.name, qstore_last_error(o->store));
		qm->store_failed = 1;
	}
	o->bg_more = more;
}

int store_background_poll(struct qm *qm)
{
	struct bg_flight *f = qm->bg_flight;
	if (!f || !atomic_load(&f->done))
		return 0;
	bg_land(qm, f);
	return 1;
}

void store_background_settle(struct qm *qm)
{
	if (qm->bg_flight)
		bg_land(qm, qm->bg_flight);
}

/* Launch o's step: its I/O on a thread of its own, or here without one. */
static void bg_launch(struct qm *qm, struct qobj *o)
{
	struct bg_flight *f = calloc(1, sizeof *f);
	if (!f) {
		int more = 0;
		int rc = qstore_compact_end(o->store, qstore_compact_io(o->store), &more);
		o->bg_more = rc ? 0 : more;
		return;
	}
	f->o = o;
	f->evfd = qm->evfd;
	qm->bg_flight = f;
	if (pthread_create(&f->thread, NULL, bg_thread, f) == 0) {
		f->threaded = 1;
		return;
	}
	f->rc = qstore_compact_io(o->store);
	bg_land(qm, f);
}

int store_background(struct qm *qm, size_t budget)
{
	if (qm->store_failed || qm->log_failed)
		return 0;
	if (qm->bg_flight)
		return 1;   /* one at a time: store_background_poll lands it */
	if (qm->ckpt_flight)
		return 1;   /* the stores only read until it ends: after it */
	/* one queue per call, round robin, so one deep queue does not starve the rest */
	unsigned start = qm->bg_next % QM_QHASH;
	for (unsigned k = 0; k < QM_QHASH; k++) {
		unsigned i = (start + k) % QM_QHASH;
		for (struct qobj *o = qm->qhash[i]; o; o = o->hnext) {
			if (!o->store || !o->bg_more || o->damaged || o == qm->media_obj)
				continue;   /* (an image being written reads the store by places) */
			int rc = qstore_compact_begin(o->store, budget);
			if (rc == QM_OK) {
				qm->bg_next = i;
				bg_launch(qm, o);
				return 1;
			}
			o->bg_more = 0;
			qm->bg_next = i + 1;
			if (rc == QM_ENOENT || rc == QM_ENOSPC)
				return 1;   /* (ENOSPC: again after the next checkpoint) */
			ERRLOG(&qm->el, AMQ_FILE_WRITE_FATAL, qm->paths.name, o->def.name, qstore_last_error(o->store));
			qm->store_failed = 1;
			return 0;
		}
	}
	return 0;
}
