/*
 * checkpoint.c: appending the queue manager's log records, queue files and
 * checkpoints, and the record that ends a run (store.h).
 *
 * Checkpoint (store_checkpoint): append CKPT_BEGIN at LSN b and flush it;
 * write the definition files that changed and one queue store batch for
 * each queue whose messages changed (msgstore.c), each now reflecting LSN b;
 * append CKPT_END (b and the active units of work with their first LSN) and
 * flush; then move the restart LSN to the lowest of b, the first record of
 * every active unit of work and the floor the caller gives (the oldest reply
 * still parked on the log: a put or get outside syncpoint whose record is
 * durable but not yet applied).  Taken at start, at the end, every Tuning
 * CheckpointOps logged operations, every CheckpointSeconds when something was
 * logged, when the log written since the restart LSN passes half of the
 * primary files, when QM_CKPT_UNSTORED_BYTES of committed persistent
 * messages wait for their queue stores (store_checkpoint_due), and when the
 * log is full (the caller of store_append decides).  Checkpoints block the
 * event loop while they write: that limit keeps it short (a batch writes
 * each of those messages, once).
 */
#include "qm/store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/qmrun.h"

/* ---- appending ------------------------------------------------------------------ */

int store_append(struct qm *qm, uint16_t type, uint64_t uow, const char *qname, const void *data, size_t len,
		 int flags, uint64_t *lsn, uint64_t *last)
{
	struct log_rec r = { .type = type, .uow = uow, .obj = qname ? objstore_obj_id(OBJDEF_QLOCAL, qname) : 0,
			     .data = data, .len = len };
	uint64_t end;
	int rc = log_append_ex(qm->lg, &r, flags, lsn, &end);
	if (rc == QM_EFAILED)
		qm->log_failed = 1;
	if (rc)
		return rc;
	if (last)
		*last = end;
	if (end > qm->last_lsn)
		qm->last_lsn = end;
	if (type == LOG_REC_MSG_PUT || type == LOG_REC_MSG_GET)
		qm->ops_since_ckpt++;
	return QM_OK;
}

/* ---- definition files ------------------------------------------------------------ */

int store_write_queue_file(struct qm *qm, struct qobj *o, uint64_t lsn, char *err, size_t errlen)
{
	char dummy[8];
	if (!err) {
		err = dummy;
		errlen = sizeof dummy;
	}
	const struct objcat_entry *e = objcat_find(&qm->os.cat, o->def.type, o->def.name);
	if (!e) {
		snprintf(err, errlen, "queue %s is not in the catalog", o->def.name);
		return QM_ENOTFOUND;
	}
	/* the definition only: the messages are in the queue store (msgstore.c);
	 * a failure leaves the old file as it was (objfile.h): it is not damaged */
	int rc = objfile_write_queue(qm->os.data_dir, e->folder, qm->os.qmgr.identity, &o->def, lsn, 0, NULL, NULL,
				     err, errlen);
	if (rc)
		return rc;
	o->def_lsn = lsn;
	o->def_dirty = 0;
	return QM_OK;
}

/* ---- checkpoints ---------------------------------------------------------------------- */

static void say_oldest(struct qm *qm, int always)
{
	static char last[16];
	struct log_info li;
	if (log_info(qm->lg, &li))
		return;
	if (always || strcmp(last, li.reclog) != 0) {
		ERRLOG(&qm->el, AMQ_LOG_OLDEST_RESTART, qm->paths.name, li.reclog);
		if (li.type == LOG_LINEAR)
			ERRLOG(&qm->el, AMQ_LOG_OLDEST_MEDIA, qm->paths.name, li.medialog);
		snprintf(last, sizeof last, "%s", li.reclog);
	}
}

int store_checkpoint_due(struct qm *qm, int64_t now_ms)
{
	if (now_ms < qm->ckpt_retry_ms)
		return 0;   /* the disk was full: back off (store_checkpoint) */
	if (qm->ops_since_ckpt >= (uint64_t)qm->cfg.tuning.checkpoint_ops)
		return 1;
	/* the queue stores' share of a checkpoint blocks the loop while it
	 * writes: keep it short by not letting much put data wait for one */
	if (qm->unstored_bytes >= QM_CKPT_UNSTORED_BYTES)
		return 1;
	if (qm->ops_since_ckpt && now_ms - qm->last_ckpt_ms >= (int64_t)qm->cfg.tuning.checkpoint_seconds * 1000)
		return 1;
	/* log written since the last checkpoint, not since the restart LSN: a
	 * unit of work that holds the restart LSN would make this true on every
	 * pass of the loop (issue 9 defect 4, a checkpoint storm) */
	uint64_t half = (uint64_t)qm->cfg.log.primary_files * (uint64_t)qm->cfg.log.file_pages * 4096u / 2;
	return qm->last_lsn > qm->ckpt_lsn + half;
}

/* A queue file that could not be written.  A full disk defers the
 * checkpoint (the old file and the log still hold everything) and is said
 * once per episode; anything else is fail-stop: a failed sync is never
 * retried (WAL rule 8), the queue manager ends and restart rebuilds the file
 * from the log. */
static void queue_file_failed(struct qm *qm, struct qobj *o, int rc, const char *err, int store)
{
	/* the queue's folder for its store, its definition file otherwise */
	char path[4200];
	if (store_queue_dir(qm, o, path, sizeof path) != QM_OK)
		snprintf(path, sizeof path, "%s", o->def.name);
	else if (!store)
		strncat(path, "/q", sizeof path - strlen(path) - 1);
	if (rc == QM_ENOSPC) {
		qm->ckpt_retry_ms = qm_now_ms() + QM_CKPT_RETRY_MS;
		if (!qm->disk_full)
			ERRLOG(&qm->el, AMQ_CKPT_DISK_FULL, qm->paths.name, path);
		qm->disk_full = 1;
	} else {
		ERRLOG(&qm->el, AMQ_FILE_WRITE_FATAL, qm->paths.name, path, err[0] ? err : qm_strerror(rc));
		qm->store_failed = 1;
	}
}

int store_checkpoint(struct qm *qm, const struct qmlog_ckpt_uow *uows, size_t nu, uint64_t floor)
{
	static int busy;
	if (busy)
		return QM_EINVAL;   /* log full inside a checkpoint: give up on this one */
	if (qm->log_failed || log_failed(qm->lg))
		return QM_EFAILED;
	if (qm->store_failed)
		return QM_EIO;
	busy = 1;
	uint8_t buf[64];
	uint64_t b, e;
	int k = qmlog_enc_ckpt_begin(buf, sizeof buf, qm_now_ms());
	/* a start may use the last reserve: a queue manager whose log filled
	 * must always start again (defect 3) */
	int rflags = qm->state == QM_STARTING ? LOG_APPEND_RESTART : LOG_APPEND_RESERVED;
	int rc = store_append(qm, LOG_REC_CKPT_BEGIN, 0, NULL, buf, (size_t)k, rflags, &b, NULL);
	if (!rc)
		rc = log_flush(qm->lg, b);
	/* WAL rule 1: every record below b is durable now; the files may reflect
	 * b.  A queue's definition file when its definition changed, its store's
	 * batch when its messages did (msgstore.c). */
	for (unsigned i = 0; !rc && i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; !rc && o; o = o->hnext) {
			if (o->temp || o->damaged)
				continue;
			char err[512] = "";
			if (o->def_dirty && (rc = store_write_queue_file(qm, o, b, err, sizeof err)) != QM_OK)
				queue_file_failed(qm, o, rc, err, 0);
			/* changes to stored messages, or committed ones to store */
			if (!rc && o->q && (o->q->nchg || o->q->unstored_bytes)) {
				if ((rc = store_queue_checkpoint(qm, o, b, err, sizeof err)) != QM_OK)
					queue_file_failed(qm, o, rc, err, 1);
				else
					o->bg_more = qm->bg_pending = 1;
			}
		}
	uint64_t restart = b < floor ? b : floor, damaged = store_damaged_floor(qm);
	if (damaged < restart)
		restart = damaged;
	for (size_t i = 0; i < nu; i++)
		if (uows[i].first_lsn < restart)
			restart = uows[i].first_lsn;
	/* a damaged queue keeps the log it needs to be rebuilt (defect 9), and
	 * every queue's file LSN goes in CKPT_END (defect 2: restart then knows
	 * a file older than this one for what it is) */
	size_t nq = 0, capq = 0;
	struct qmlog_ckpt_queue *qs = NULL;
	for (unsigned i = 0; !rc && i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; !rc && o; o = o->hnext) {
			if (!o->q || o->temp)
				continue;
			if (nq == capq) {
				size_t nc = capq ? 2 * capq : 64;
				struct qmlog_ckpt_queue *nv = realloc(qs, nc * sizeof *nv);
				if (!nv) {
					rc = QM_ENOMEM;
					break;
				}
				qs = nv;
				capq = nc;
			}
			qs[nq].name = o->def.name;
			qs[nq].file_lsn = o->file_lsn;
			nq++;
		}
	if (!rc) {
		size_t cap = qmlog_ckpt_end_size((uint32_t)nu, qs, (uint32_t)nq);
		uint8_t *eb = malloc(cap);
		k = eb ? qmlog_enc_ckpt_end(eb, cap, b, uows, (uint32_t)nu, qs, (uint32_t)nq) : QM_ENOMEM;
		rc = k < 0 ? k : store_append(qm, LOG_REC_CKPT_END, 0, NULL, eb, (size_t)k, rflags, &e, NULL);
		free(eb);
		if (!rc)
			rc = log_flush(qm->lg, e);
	}
	free(qs);
	if (!rc)
		rc = log_set_restart_lsn(qm->lg, restart);
	if (!rc) {
		qm->ckpt_restart_lsn = restart;
		qm->ckpt_lsn = b;
		qm->ckpt_retry_ms = 0;
		qm->disk_full = 0;
		qm->ops_since_ckpt = 0;
		qm->last_ckpt_ms = qm_now_ms();
		qm->ckpt_count++;
		say_oldest(qm, 0);
	}
	if (rc == QM_EFAILED)
		qm->log_failed = 1;
	busy = 0;
	return rc;
}

uint64_t store_damaged_floor(struct qm *qm)
{
	uint64_t floor = UINT64_MAX;
	for (unsigned i = 0; i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; o; o = o->hnext)
			if (o->damaged && o->keep_lsn && o->keep_lsn < floor)
				floor = o->keep_lsn;
	return floor;
}

/* ---- the end ---------------------------------------------------------------------- */

int store_stop(struct qm *qm)
{
	if (!qm->lg || qm->log_failed || log_failed(qm->lg))
		return QM_EFAILED;
	uint8_t buf[32];
	struct qmlog_stop s = { .time_ms = qm_now_ms(), .mode = (uint32_t)qm->stop_mode };
	int k = qmlog_enc_stop(buf, sizeof buf, &s);
	uint64_t lsn;
	int rc = store_append(qm, LOG_REC_QMGR_STOP, 0, NULL, buf, (size_t)k, LOG_APPEND_RESERVED, &lsn, NULL);
	if (!rc)
		rc = log_flush(qm->lg, lsn);
	return rc;
}
