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
 * log is full (the caller of store_append decides).
 *
 * The loop's routine checkpoints (store_checkpoint_start) neither wait for
 * the disk nor hold the loop long: CKPT_BEGIN is appended (its flush
 * requested), the batches opened and the messages they store pinned; then
 * the loop, after each round of events, encodes about QM_CKPT_ROUND_BYTES of
 * them into the batches' buffers (store_checkpoint_step), each record with
 * what its message was at b, while gets, backouts and new puts go on (they
 * are changes for the next checkpoint); then, in the flight, a thread of
 * their own (at nice QM_CKPT_NICE) waits for CKPT_BEGIN to be durable and
 * writes and syncs the batches (the journal record that commits a batch
 * comes after both) while the stores only read; then the loop applies them
 * and appends CKPT_END, which the log writer flushes while the loop goes on,
 * and once it is durable the restart LSN moves (in memory, and in the
 * control file when an extent is freed: log_advance_restart_lsn).  The
 * others (the start, the end, a full log) run all of it at once
 * (store_checkpoint); store_checkpoint_settle finishes one in flight, its
 * remaining rounds included, before anything that needs the stores still.
 * (recoverybench, 1,000,000 messages: a checkpoint's writes on the loop held
 * it up to 26 ms; in rounds, and with the data written off the loop, a
 * round is a few ms.)
 */
#include "qm/store/store.h"

#include <pthread.h>
#include <sys/resource.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/qmrun.h"

/* ---- appending ------------------------------------------------------------------ */

int store_append(struct qm *qm, uint16_t type, uint64_t uow, const char *qname, const void *data, size_t len,
		 int flags, uint64_t *lsn, uint64_t *last)
{
	return store_append_obj(qm, type, uow, qname ? objstore_obj_id(OBJDEF_QLOCAL, qname) : 0, data, len, flags, lsn,
				last);
}

int store_append_obj(struct qm *qm, uint16_t type, uint64_t uow, uint64_t obj, const void *data, size_t len,
		     int flags, uint64_t *lsn, uint64_t *last)
{
	struct log_rec r = { .type = type, .uow = uow, .obj = obj, .data = data, .len = len };
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
	static char last[16], lastm[16];
	struct log_info li;
	if (log_info(qm->lg, &li))
		return;
	int media = li.type == LOG_LINEAR;
	if (always || strcmp(last, li.reclog) != 0 || (media && strcmp(lastm, li.medialog) != 0)) {
		ERRLOG(&qm->el, AMQ_LOG_OLDEST_RESTART, qm->paths.name, li.reclog);
		if (media)
			ERRLOG(&qm->el, AMQ_LOG_OLDEST_MEDIA, qm->paths.name, li.medialog);
		/* AMQ7490I: what the log did with its extents since the last report */
		static uint64_t seen[3];
		static int have;
		uint64_t now[3] = { li.n_created, li.n_reused, li.n_deleted };
		if (media && (!have || memcmp(now, seen, sizeof now))) {
			char a[3][24];
			for (int i = 0; i < 3; i++)
				snprintf(a[i], sizeof a[i], "%llu", (unsigned long long)(have ? now[i] - seen[i] : now[i]));
			ERRLOG(&qm->el, AMQ_LOG_EXTENT_STATS, a[0], a[1], a[2]);
			memcpy(seen, now, sizeof seen);
			have = 1;
		}
		snprintf(last, sizeof last, "%s", li.reclog);
		snprintf(lastm, sizeof lastm, "%s", li.medialog);
	}
}

void store_say_oldest(struct qm *qm)
{
	say_oldest(qm, 1);
}

int store_checkpoint_due(struct qm *qm, int64_t now_ms)
{
	if (qm->ckpt_flight)
		return 0;   /* one at a time: the next once it has ended */
	if (now_ms < qm->ckpt_retry_ms)
		return 0;   /* the disk was full: back off (store_checkpoint) */
	/* log written since the last checkpoint, not since the restart LSN: a
	 * unit of work that holds the restart LSN would make this true on every
	 * pass of the loop (issue 9 defect 4, a checkpoint storm).  Log space
	 * does not wait for a compaction step in flight (store_checkpoint_start
	 * lands it first): a small log would fill meanwhile */
	uint64_t half = (uint64_t)qm->cfg.log.primary_files * (uint64_t)qm->cfg.log.file_pages * 4096u / 2;
	if (qm->last_lsn > qm->ckpt_lsn + half)
		return 1;
	if (qm->bg_flight)
		return 0;   /* the other reasons wait for the step to end */
	if (qm->ops_since_ckpt >= (uint64_t)qm->cfg.tuning.checkpoint_ops)
		return 1;
	/* the queue stores' share of a checkpoint blocks the loop while it
	 * writes: keep it short by not letting much put data wait for one */
	if (qm->unstored_bytes >= QM_CKPT_UNSTORED_BYTES)
		return 1;
	return qm->ops_since_ckpt && now_ms - qm->last_ckpt_ms >= (int64_t)qm->cfg.tuning.checkpoint_seconds * 1000;
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

/* A checkpoint between its CKPT_BEGIN and its CKPT_END: the store batches
 * whose syncs run on their own thread (async) or on the caller's. */
struct ckpt_flight {
	uint64_t b;              /* CKPT_BEGIN's LSN */
	uint64_t restart;        /* the restart LSN it moves to */
	int rflags;
	struct qmlog_ckpt_uow *uows;
	size_t nu;
	struct flight_batch {
		struct store_batch bt;
		int rc;          /* its syncs' result */
	} *v;
	size_t nb, capb;
	size_t nwritten;         /* batches written and sealed */
	int writing;             /* the loop writes the batches a round at a time */
	int failed;              /* a batch could not be written: no CKPT_END */
	pthread_t thread;
	int threaded;            /* the thread runs (joined by flight_landed) */
	int routine;             /* the loop's own (store_checkpoint_start) */
	int begin_pending;       /* CKPT_BEGIN not flushed yet: the thread flushes it first */
	struct log *lg;
	uint64_t end_lsn;        /* CKPT_END appended here: waiting for it to be durable */
	atomic_int done;         /* the thread has synced every batch */
	int evfd;                /* written once done (the loop's eventfd) */
};

static void flight_free(struct ckpt_flight *f)
{
	free(f->uows);
	free(f->v);
	free(f);
}

static int flight_add(struct ckpt_flight *f, const struct store_batch *bt)
{
	if (f->nb == f->capb) {
		size_t nc = f->capb ? 2 * f->capb : 8;
		struct flight_batch *nv = realloc(f->v, nc * sizeof *nv);
		if (!nv)
			return QM_ENOMEM;
		f->v = nv;
		f->capb = nc;
	}
	f->v[f->nb++] = (struct flight_batch){ .bt = *bt, .rc = QM_OK };
	return QM_OK;
}

/* WAL rule 1 first: no batch commits before CKPT_BEGIN is durable (its
 * data may be written already: only the journal record commits it). */
static void flight_sync(struct ckpt_flight *f)
{
	/* (no batch: CKPT_END's own flush covers CKPT_BEGIN) */
	int rc = f->begin_pending && f->nb ? log_flush(f->lg, f->b) : QM_OK;
	for (size_t i = 0; i < f->nb; i++)
		f->v[i].rc = rc ? rc : store_batch_sync(&f->v[i].bt);
}

/* Write about budget bytes of f's batches (SIZE_MAX: all of them); 1 while
 * some are left to write. */
static int flight_write(struct qm *qm, struct ckpt_flight *f, size_t budget)
{
	while (!f->failed && f->nwritten < f->nb && budget) {
		struct store_batch *bt = &f->v[f->nwritten].bt;
		struct qobj *o = bt->o;
		char err[512];
		int rc = store_batch_write(bt, &budget, err, sizeof err);
		if (rc) {
			queue_file_failed(qm, o, rc, err, 1);
			f->failed = rc;
		} else if (bt->sealed) {
			f->nwritten++;
		}
	}
	return !f->failed && f->nwritten < f->nb;
}

static void *flight_thread(void *arg)
{
	struct ckpt_flight *f = arg;
	/* below the event loop and the log writer: on a machine with few cores
	 * the batches' writes (page-cache copies) must not delay a reply */
	(void)setpriority(PRIO_PROCESS, (id_t)gettid(), QM_CKPT_NICE);
	flight_sync(f);
	atomic_store(&f->done, 1);
	uint64_t one = 1;
	ssize_t k = write(f->evfd, &one, sizeof one);
	(void)k;
	return NULL;
}

/* The queue objects whose definition file a checkpoint must write. */
static int defs_dirty(struct qm *qm)
{
	for (unsigned i = 0; i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; o; o = o->hnext)
			if (o->def_dirty && !o->temp && !o->damaged)
				return 1;
	return 0;
}

/* The first half, on the loop: CKPT_BEGIN appended, the definition files
 * that changed written, and each changed queue store's batch opened with its
 * messages pinned (flight_write then writes them).
 * WAL rule 1: every record below b is durable before a file may reflect b:
 * CKPT_BEGIN is flushed here unless defer_begin and no definition file is to
 * be written, and then flight_sync flushes it before the batches commit.
 * *out: the flight (NULL with the failure). */
static int ckpt_begin(struct qm *qm, const struct qmlog_ckpt_uow *uows, size_t nu, uint64_t floor,
		      int defer_begin, struct ckpt_flight **out)
{
	*out = NULL;
	if (qm->log_failed || log_failed(qm->lg))
		return QM_EFAILED;
	if (qm->store_failed)
		return QM_EIO;
	struct ckpt_flight *f = calloc(1, sizeof *f);
	if (!f || (nu && !(f->uows = malloc(nu * sizeof *uows)))) {
		free(f);
		return QM_ENOMEM;
	}
	if (nu)
		memcpy(f->uows, uows, nu * sizeof *uows);
	f->nu = nu;
	f->evfd = qm->evfd;
	f->lg = qm->lg;
	uint8_t buf[64];
	int k = qmlog_enc_ckpt_begin(buf, sizeof buf, qm_now_ms());
	/* a start may use the last reserve: a queue manager whose log filled
	 * must always start again (defect 3) */
	f->rflags = qm->state == QM_STARTING ? LOG_APPEND_RESTART : LOG_APPEND_RESERVED;
	int rc = store_append(qm, LOG_REC_CKPT_BEGIN, 0, NULL, buf, (size_t)k, f->rflags, &f->b, NULL);
	if (!rc && defer_begin && !defs_dirty(qm)) {
		f->begin_pending = 1;
		log_request_flush(qm->lg, f->b);
	} else if (!rc) {
		rc = log_flush(qm->lg, f->b);
	}
	if (rc) {
		flight_free(f);
		return rc;
	}
	uint64_t b = f->b;
	/* a queue's definition file when its definition changed, its store's
	 * batch when its messages did (msgstore.c) */
	for (unsigned i = 0; !rc && i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; !rc && o; o = o->hnext) {
			if (o->temp || o->damaged)
				continue;
			char err[512] = "";
			if (o->def_dirty && (rc = store_write_queue_file(qm, o, b, err, sizeof err)) != QM_OK)
				queue_file_failed(qm, o, rc, err, 0);
			/* changes to stored messages, or committed ones to store */
			if (!rc && o->q && (o->q->nchg || o->q->unstored_bytes)) {
				struct store_batch bt;
				if ((rc = store_queue_batch(qm, o, b, &bt, err, sizeof err)) != QM_OK) {
					queue_file_failed(qm, o, rc, err, 1);
				} else if (bt.o && (rc = flight_add(f, &bt)) != QM_OK) {
					store_batch_done(qm, &bt, rc, err, sizeof err);
				}
			}
		}
	f->failed = rc;
	uint64_t restart = b < floor ? b : floor, damaged = store_damaged_floor(qm);
	if (damaged < restart)
		restart = damaged;
	for (size_t i = 0; i < nu; i++)
		if (uows[i].first_lsn < restart)
			restart = uows[i].first_lsn;
	f->restart = restart;
	*out = f;
	return QM_OK;
}

/* The end, once CKPT_END is durable: the restart LSN moved.  Frees f. */
static int ckpt_finish(struct qm *qm, struct ckpt_flight *f, int rc)
{
	/* the loop's routine checkpoints move the control file's copy only when
	 * they free an extent (log_advance_restart_lsn); the others always */
	if (!rc)
		rc = f->routine ? log_advance_restart_lsn(qm->lg, f->restart) : log_set_restart_lsn(qm->lg, f->restart);
	if (!rc) {
		/* LOGUTIL: what restart needed just before this checkpoint freed it */
		if (qm->ckpt_restart_lsn && qm->last_lsn > qm->ckpt_restart_lsn &&
		    qm->last_lsn - qm->ckpt_restart_lsn > qm->peak_rec_bytes)
			qm->peak_rec_bytes = qm->last_lsn - qm->ckpt_restart_lsn;
		qm->ckpt_restart_lsn = f->restart;
		qm->ckpt_lsn = f->b;
		qm->ckpt_retry_ms = 0;
		qm->disk_full = 0;
		qm->ops_since_ckpt = 0;
		qm->last_ckpt_ms = qm_now_ms();
		qm->ckpt_count++;
		store_media_medialog(qm);
		say_oldest(qm, 0);
	}
	if (rc == QM_EFAILED)
		qm->log_failed = 1;
	flight_free(f);
	return rc;
}

/* The second half, on the loop once the batches are synced: each applied
 * (or discarded), then CKPT_END (b, the units of work, and every queue's
 * file LSN: defect 2) appended and, unless wait_end is 0 (f->end_lsn is then
 * left for store_checkpoint_poll), flushed and the checkpoint finished. */
static int ckpt_end(struct qm *qm, struct ckpt_flight *f, int wait_end)
{
	int rc = f->failed;
	for (size_t i = 0; i < f->nb; i++) {
		char err[512] = "";
		struct qobj *o = f->v[i].bt.o;
		int r = store_batch_done(qm, &f->v[i].bt, f->v[i].rc, err, sizeof err);
		if (r) {
			queue_file_failed(qm, o, r, err, 1);
			if (!rc)
				rc = r;
		} else if (o) {
			o->bg_more = qm->bg_pending = 1;
		}
	}
	uint64_t b = f->b, e;
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
	/* every object's media recovery LSN, the queue manager's first */
	size_t nm = 0;
	struct qmlog_ckpt_media *ms = rc ? NULL : malloc((qm->nqueues + 1) * sizeof *ms);
	if (!rc && !ms)
		rc = QM_ENOMEM;
	if (!rc) {
		ms[nm++] = (struct qmlog_ckpt_media){ .type = OBJDEF_QMGR, .name = qm->paths.name,
						      .media_lsn = qm->qmgr_media_lsn, .image_lsn = qm->qmgr_image_lsn };
		for (unsigned i = 0; i < QM_QHASH; i++)
			for (struct qobj *o = qm->qhash[i]; o && nm <= qm->nqueues; o = o->hnext)
				if (!o->temp)
					ms[nm++] = (struct qmlog_ckpt_media){ .type = o->def.type, .name = o->def.name,
									      .media_lsn = o->media_lsn,
									      .image_lsn = o->image_lsn };
	}
	if (!rc && (qm->log_failed || log_failed(qm->lg)))
		rc = QM_EFAILED;
	if (!rc) {
		size_t cap = qmlog_ckpt_end_size((uint32_t)f->nu, qs, (uint32_t)nq, ms, (uint32_t)nm);
		uint8_t *eb = malloc(cap);
		int k = eb ? qmlog_enc_ckpt_end(eb, cap, b, f->uows, (uint32_t)f->nu, qs, (uint32_t)nq, ms, (uint32_t)nm)
			   : QM_ENOMEM;
		rc = k < 0 ? k : store_append(qm, LOG_REC_CKPT_END, 0, NULL, eb, (size_t)k, f->rflags, &e, NULL);
		free(eb);
		if (!rc && !wait_end) {
			f->end_lsn = e;   /* the log writer flushes it; the loop polls */
			log_request_flush(qm->lg, e);
			free(qs);
			free(ms);
			return QM_OK;
		}
		if (!rc)
			rc = log_flush(qm->lg, e);
	}
	free(qs);
	free(ms);
	return ckpt_finish(qm, f, rc);
}

static int busy;   /* a checkpoint is being taken on the loop (not in flight) */

int store_checkpoint(struct qm *qm, const struct qmlog_ckpt_uow *uows, size_t nu, uint64_t floor)
{
	if (busy)
		return QM_EINVAL;   /* log full inside a checkpoint: give up on this one */
	int rc = store_checkpoint_settle(qm);
	if (rc == QM_EFAILED || qm->log_failed || qm->store_failed)
		return rc ? rc : qm->log_failed ? QM_EFAILED : QM_EIO;
	busy = 1;
	struct ckpt_flight *f;
	rc = ckpt_begin(qm, uows, nu, floor, 0, &f);
	if (!rc) {
		flight_write(qm, f, SIZE_MAX);
		flight_sync(f);
		rc = ckpt_end(qm, f, 1);
	}
	busy = 0;
	return rc;
}

/* The batches all written: their syncs on the flight's own thread, or here
 * when there is nothing to sync, a failure to report, or no thread. */
static int flight_launch(struct qm *qm, struct ckpt_flight *f)
{
	f->writing = 0;
	if (f->nb && !f->failed && pthread_create(&f->thread, NULL, flight_thread, f) == 0) {
		f->threaded = 1;
		return QM_OK;
	}
	flight_sync(f);
	int rc = ckpt_end(qm, f, 0);
	if (rc)
		qm->ckpt_flight = NULL;   /* it has ended (f is freed) */
	return rc;
}

int store_checkpoint_start(struct qm *qm, const struct qmlog_ckpt_uow *uows, size_t nu, uint64_t floor)
{
	if (busy || qm->ckpt_flight)
		return QM_EINVAL;
	store_background_settle(qm);   /* (store_checkpoint_due waits for it) */
	busy = 1;
	struct ckpt_flight *f;
	int rc = ckpt_begin(qm, uows, nu, floor, 1, &f);
	busy = 0;
	if (rc)
		return rc;
	f->routine = 1;
	f->writing = 1;
	qm->ckpt_flight = f;
	return store_checkpoint_step(qm);   /* the first round now */
}

int store_checkpoint_step(struct qm *qm)
{
	struct ckpt_flight *f = qm->ckpt_flight;
	if (!f || !f->writing || busy)
		return QM_OK;
	busy = 1;
	int rc = flight_write(qm, f, QM_CKPT_ROUND_BYTES) ? QM_OK : flight_launch(qm, f);
	busy = 0;
	return rc;
}

int store_checkpoint_writing(const struct qm *qm)
{
	return qm->ckpt_flight && qm->ckpt_flight->writing;
}

/* The synced batches applied and CKPT_END appended: the flight goes on until
 * CKPT_END is durable (QM_OK, qm->ckpt_flight still f), or has ended (a
 * failure, or nothing to append: qm->ckpt_flight NULL, f freed). */
static int flight_landed(struct qm *qm, struct ckpt_flight *f)
{
	pthread_join(f->thread, NULL);
	f->threaded = 0;
	busy = 1;
	int rc = ckpt_end(qm, f, 0);
	busy = 0;
	if (rc)
		qm->ckpt_flight = NULL;
	return rc;
}

int store_checkpoint_poll(struct qm *qm)
{
	struct ckpt_flight *f = qm->ckpt_flight;
	if (!f || f->writing)
		return QM_OK;   /* (store_checkpoint_step writes its rounds) */
	if (f->threaded) {
		if (!atomic_load(&f->done))
			return QM_OK;
		int rc = flight_landed(qm, f);
		if (rc)
			return rc;
	}
	if (log_durable_lsn(qm->lg) <= f->end_lsn && !log_failed(qm->lg))
		return QM_OK;   /* the writer's eventfd wakes the loop when it is */
	qm->ckpt_flight = NULL;
	return ckpt_finish(qm, f, log_failed(qm->lg) ? QM_EFAILED : QM_OK);
}

int store_checkpoint_settle(struct qm *qm)
{
	store_background_settle(qm);   /* a compaction step's I/O: the stores are then free */
	struct ckpt_flight *f = qm->ckpt_flight;
	if (!f)
		return QM_OK;
	if (f->writing) {   /* the rest of its writes, its syncs and its end, here */
		flight_write(qm, f, SIZE_MAX);
		f->writing = 0;
		flight_sync(f);
		qm->ckpt_flight = NULL;
		busy = 1;
		int rc = ckpt_end(qm, f, 1);
		busy = 0;
		return rc;
	}
	if (f->threaded) {
		int rc = flight_landed(qm, f);
		if (rc)
			return rc;
	}
	qm->ckpt_flight = NULL;
	return ckpt_finish(qm, f, log_flush(qm->lg, f->end_lsn));
}

uint64_t store_restart_now(struct qm *qm)
{
	struct log_info li;
	return qm->lg && log_info(qm->lg, &li) == QM_OK ? li.head_lsn : 0;
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
