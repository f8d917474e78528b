/*
 * media.c: media images and media recovery (store.h): rcdmqimg's images,
 * the images at the end of a run, MEDIALOG, and rcrmqobj's re-creation.
 *
 * An object's media image is a run of MEDIA_IMAGE records (format in
 * qmlog.h): BEGIN with its whole definition, then for a local queue its
 * committed persistent messages in MSGS parts of about MEDIA_PART_BYTES, then
 * END.  Its create record (OBJ_CREATE with the whole definition) is its first
 * image.  Each object keeps two LSNs (qobj.image_lsn, media_lsn; the queue
 * manager object's in struct qm): where its latest image starts, and where
 * media recovery must start reading, which is earlier when units of work
 * active at the image (or replies parked on the log) wrote records for it
 * before.  Every CKPT_END lists both for every object; restart takes them
 * from the last checkpoint and from the creates and images after it.
 *
 * MEDIALOG: the oldest media recovery LSN of the recoverable objects, given
 * to the log after each checkpoint and image (log_set_media_lsn), so that
 * LogManagement Automatic and Archive free the extents older than both RECLOG
 * and MEDIALOG.  A damaged object keeps its LSN (rcrmqobj needs the log from
 * there); an object whose LSN is not known (made by a version that did not
 * record them) holds MEDIALOG where it is until its first image.
 *
 * Media recovery (store_media_recreate) reads the object's latest image,
 * then replays every later record for it (restart.c store_media_replay, the
 * same replay as a restart's, limited to that object), up to the end of the
 * log as it is when the command runs.  A local queue then gets a new queue
 * store: created reflecting LSN 0, its messages written in one batch that
 * reflects that end, then opened as a start opens it.  A crash in between
 * leaves a store reflecting 0, which the next start finds older than its
 * checkpoint says and marks damaged (restart.c): the object is as it was.
 *
 * Decisions where MQ's documentation is silent: model queues are
 * recoverable under IMGRCOVO, like alias queues; an image is refused for a
 * damaged object (its image would copy the damage), and media recovery while
 * the queue is open or has uncommitted messages (QM_EBUSY): MQ makes the
 * object unavailable during the rebuild, and an open handle would see its
 * messages change under it.
 */
#include "qm/store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmqc.h"
#include "log/log.h"
#include "log/logctl.h"
#include "log/logread.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/qmrun.h"
#include "objects/qstore.h"

/* A MSGS part holds messages up to about this much (one bigger message
 * makes a part of its own): one part is appended per round of the loop. */
#define MEDIA_PART_BYTES (256u << 10)

int store_media_recoverable(const struct qm *qm, const struct qobj *o)
{
	if (!o)
		return 1;
	if (o->temp)
		return 0;
	if (o->def.type == OBJDEF_QLOCAL) {
		int32_t v = o->def.image_recover_q;
		if (v == MQIMGRCOV_AS_Q_MGR)
			v = qm->os.qmgr.image_recover_q;
		return v == MQIMGRCOV_YES;
	}
	return qm->os.qmgr.image_recover_obj == MQIMGRCOV_YES;
}

uint64_t store_media_oldest(const struct qm *qm)
{
	uint64_t oldest = qm->qmgr_media_lsn;
	if (!oldest)
		return 0;
	for (unsigned i = 0; i < QM_QHASH; i++)
		for (const struct qobj *o = qm->qhash[i]; o; o = o->hnext) {
			if (!store_media_recoverable(qm, o))
				continue;
			if (!o->media_lsn)
				return 0;
			if (o->media_lsn < oldest)
				oldest = o->media_lsn;
		}
	return oldest;
}

void store_media_medialog(struct qm *qm)
{
	struct log_info li;
	if (!qm->lg || log_info(qm->lg, &li) || li.type != LOG_LINEAR)
		return;
	uint64_t m = store_media_oldest(qm);
	if (m && m > li.media_lsn && m < li.durable_lsn && log_set_media_lsn(qm->lg, m) == QM_EFAILED)
		qm->log_failed = 1;
}

static int linear_only(struct qm *qm, char *why, size_t n)
{
	struct log_info li;
	if (log_info(qm->lg, &li))
		return QM_EFAILED;
	if (li.type == LOG_LINEAR)
		return QM_OK;
	snprintf(why, n, "queue manager %s uses circular logging: media images and media recovery need linear logging",
		 qm->paths.name);
	return QM_EINVAL;
}

/* An image being written: its records appended, not yet durable. */
struct image {
	uint64_t begin, from, last;   /* BEGIN's LSN, the media recovery LSN, the last part's LSN */
	uint64_t msgs, bytes;
};

/* One message of a local queue's image, as it was at BEGIN: where the
 * store holds it (compaction of that store waits until the image is
 * written, so the place stays valid), or a copy of it when only memory has
 * it. */
struct item {
	struct qs_entry e;            /* stored: its entry as at BEGIN (e.put_lsn 0: copied) */
	int32_t backout;
	struct objfile_msg *copy;     /* copied: its header, then its body */
};

/* The image being written (qm->media_flight), a MSGS part at a time between
 * rounds of events (store_media_step), so that a deep queue's image never
 * holds the loop longer than one part. */
struct media_flight {
	struct qobj *o;               /* NULL: the queue manager object */
	char name[OBJDEF_NAME_SIZE];
	uint64_t obj;                 /* its object id in the records' headers */
	struct image im;
	struct item *v;
	size_t n, next;
	uint8_t *part;                /* the MSGS part being filled */
	size_t cap, len;
	uint32_t count;
	uint64_t got, gotbytes;
	int waiting;                  /* END appended: waiting for it to be durable */
	int rc;
	char why[512];
};

static int append(struct qm *qm, uint64_t obj, const void *p, size_t len, uint64_t *lsn, uint64_t *last)
{
	return store_append_obj(qm, LOG_REC_MEDIA_IMAGE, 0, obj, p, len, 0, lsn, last);
}

/* A local queue's messages that belong in its image: persistent, their put
 * committed (a get not yet committed leaves them in). */
static int in_image(const struct qmsg *m)
{
	return qmsg_put_lsn(m) && !qmsg_put_uow(m);
}

static void flight_free(struct qm *qm, struct media_flight *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].copy);
	free(f->v);
	free(f->part);
	qm->media_obj = NULL;
	if (qm->media_flight == f)
		qm->media_flight = NULL;
	free(f);
}

/* The messages of o's image as they are now. */
static int snapshot(struct qm *qm, struct media_flight *f)
{
	struct qobj *o = f->o;
	size_t cap = 0;
	for (struct qmsg *m = queue_first(o->q); m; m = queue_next(m))
		if (in_image(m))
			cap++;
	if (cap && !(f->v = calloc(cap, sizeof *f->v)))
		return QM_ENOMEM;
	for (struct qmsg *m = queue_first(o->q); m && f->n < cap; m = queue_next(m)) {
		if (!in_image(m))
			continue;
		struct item *it = &f->v[f->n];
		it->backout = m->backout;
		if (m->qe) {
			it->e = *m->qe;
		} else {
			struct objfile_msg h;
			const void *data;
			void *owned;
			int rc = store_msg_record(qm, o, m, &h, &data, &owned);
			if (!rc && !(it->copy = malloc(sizeof h + h.data_len)))
				rc = QM_ENOMEM;
			if (rc) {
				free(owned);
				return rc;
			}
			*it->copy = h;
			if (h.data_len)
				memcpy(it->copy + 1, data, h.data_len);
			free(owned);
		}
		f->im.msgs++;
		f->im.bytes += qmsg_len(m);
		f->n++;
	}
	return QM_OK;
}

static void flight_fail(struct media_flight *f, int rc, const char *fmt, const char *a)
{
	f->rc = rc;
	snprintf(f->why, sizeof f->why, fmt, a, qm_strerror(rc));
}

/* Append the part being filled. */
static int part_out(struct qm *qm, struct media_flight *f)
{
	if (!f->count)
		return QM_OK;
	qmlog_image_msgs_count(f->part, f->count);
	int rc = append(qm, f->obj, f->part, f->len, NULL, &f->im.last);
	f->count = 0;
	f->len = 0;
	return rc;
}

/* About budget bytes more of the image appended; END after the last. */
static void flight_write(struct qm *qm, struct media_flight *f, size_t budget)
{
	if (f->rc || f->waiting)
		return;
	if (f->o && qm->media_obj != f->o) {
		flight_fail(f, QM_ENOTFOUND, "%s was deleted or replaced while its image was written (%s)", f->name);
		return;
	}
	int rc = QM_OK;
	size_t done = 0;
	void *buf = NULL;
	size_t bufcap = 0;
	while (!rc && f->next < f->n && done < budget) {
		struct item *it = &f->v[f->next];
		struct objfile_msg h;
		const void *data = NULL;
		if (it->copy) {
			h = *it->copy;
			data = it->copy + 1;
		} else {
			uint32_t dl = qs_entry_data_len(&it->e);
			if (bufcap < dl + 1) {
				free(buf);
				bufcap = dl + 1;
				if (!(buf = malloc(bufcap))) {
					rc = QM_ENOMEM;
					break;
				}
			}
			if (!f->o->store || (rc = qstore_read(f->o->store, &it->e, &h, buf, dl)) != QM_OK) {
				if (!rc)
					rc = QM_EINVAL;
				flight_fail(f, rc, "a message of queue %s could not be read back for its image: %s", f->name);
				break;
			}
			data = buf;
		}
		h.backout_count = it->backout;
		size_t need = qmlog_image_msg_size(h.data_len);
		if (f->count && f->len + need > MEDIA_PART_BYTES)
			rc = part_out(qm, f);
		if (!rc && !f->count) {
			if (f->cap < need + 64) {
				uint8_t *nb = realloc(f->part, need + 64 > MEDIA_PART_BYTES + 64 ? need + 64 : MEDIA_PART_BYTES + 64);
				if (!nb) {
					rc = QM_ENOMEM;
					break;
				}
				f->part = nb;
				f->cap = need + 64 > MEDIA_PART_BYTES + 64 ? need + 64 : MEDIA_PART_BYTES + 64;
			}
			int k = qmlog_enc_image_msgs_head(f->part, f->cap, f->name);
			rc = k < 0 ? k : QM_OK;
			f->len = k < 0 ? 0 : (size_t)k;
		}
		if (!rc) {
			qmlog_image_msg_put(f->part + f->len, &h, data);
			f->len += need;
			f->count++;
			f->got++;
			f->gotbytes += h.data_len;
			f->next++;
			done += need;
		}
	}
	free(buf);
	if (!rc && !f->rc && f->next == f->n) {
		uint8_t b[128];
		rc = part_out(qm, f);
		int k = rc ? rc : qmlog_enc_image_end(b, sizeof b, f->name, f->im.begin, f->im.from, f->got, f->gotbytes);
		if (!rc)
			rc = k < 0 ? k : append(qm, f->obj, b, (size_t)k, NULL, &f->im.last);
		if (!rc)
			f->waiting = 1;
	}
	if (rc && !f->rc)
		flight_fail(f, rc, "the image of %s could not be written to the log: %s", f->name);
	if (rc == QM_EFAILED)
		qm->log_failed = 1;
}

static void image_taken(struct qm *qm, struct qobj *o, const struct image *im)
{
	if (o) {
		o->image_lsn = im->begin;
		o->media_lsn = im->from;
		o->image_ms = qm_now_ms();
	} else {
		qm->qmgr_image_lsn = im->begin;
		qm->qmgr_media_lsn = im->from;
		qm->qmgr_image_ms = qm_now_ms();
	}
}

int store_media_begin(struct qm *qm, struct qobj *o, uint64_t floor, char *why, size_t n)
{
	why[0] = 0;
	int rc = linear_only(qm, why, n);
	if (rc)
		return rc;
	if (qm->media_flight) {
		snprintf(why, n, "another media image is being written");
		return QM_EBUSY;
	}
	if (o && o->damaged) {
		snprintf(why, n, "%s is damaged: re-create it with rcrmqobj or delete it first", o->def.name);
		return QM_EDAMAGED;
	}
	if (o && o->temp) {
		snprintf(why, n, "%s is a temporary dynamic queue, which is never recoverable", o->def.name);
		return QM_EINVAL;
	}
	struct media_flight *f = calloc(1, sizeof *f);
	if (!f)
		return QM_ENOMEM;
	f->o = o;
	const struct objdef *def = o ? &o->def : &qm->os.qmgr;
	snprintf(f->name, sizeof f->name, "%s", o ? o->def.name : qm->paths.name);
	f->obj = objstore_obj_id(def->type, f->name);
	qm->media_obj = o;   /* (qm_qobj_destroy clears it: the image then fails) */
	if (o && o->q) {
		/* a compaction step in flight lands first; then none on this store
		 * until the image is written: the places it notes stay valid */
		store_background_settle(qm);
		if ((rc = snapshot(qm, f)) != QM_OK) {
			snprintf(why, n, "the messages of %s could not be listed for its image: %s", f->name,
				 qm_strerror(rc));
			flight_free(qm, f);
			return rc;
		}
	}
	uint8_t dbuf[OBJDEF_ENC_MAX], bbuf[OBJDEF_ENC_MAX + 64];
	size_t dlen;
	struct log_info li;
	if ((rc = objdef_encode(def, dbuf, sizeof dbuf, &dlen)) != QM_OK || (rc = log_info(qm->lg, &li)) != QM_OK) {
		snprintf(why, n, "the definition of %s cannot be encoded: %s", f->name, qm_strerror(rc));
		flight_free(qm, f);
		return rc;
	}
	/* BEGIN goes at li.next_lsn or just after (a page or extent end's filler) */
	f->im.from = floor < li.next_lsn ? floor : li.next_lsn;
	int k = qmlog_enc_image_begin(bbuf, sizeof bbuf, f->im.from, f->im.msgs, f->im.bytes, dbuf, dlen);
	rc = k < 0 ? k : append(qm, f->obj, bbuf, (size_t)k, &f->im.begin, &f->im.last);
	if (rc) {
		if (rc == QM_EFAILED)
			qm->log_failed = 1;
		char detail[256] = "";
		log_last_error(qm->lg, detail, sizeof detail);
		snprintf(why, n, "its image could not be written to the log: %s%s%s", qm_strerror(rc),
			 detail[0] ? ": " : "", detail);
		flight_free(qm, f);
		return rc;
	}
	f->waiting = f->n == 0;   /* BEGIN alone is the whole image */
	if (f->waiting)
		log_request_flush(qm->lg, f->im.last);
	qm->media_flight = f;
	return QM_OK;
}

/* The image's parts not yet durable: while they pass MEDIA_AHEAD_BYTES no
 * more is appended (the log is one stream: a commit waits for every byte
 * appended before its record, so image data far ahead of the disk would
 * hold each commit up for as long as it takes to write it). */
#define MEDIA_AHEAD_BYTES (512u << 10)

static int held_back(const struct qm *qm, const struct media_flight *f)
{
	uint64_t durable = log_durable_lsn(qm->lg);
	return f->im.last > durable && f->im.last - durable > MEDIA_AHEAD_BYTES;
}

int store_media_step(struct qm *qm)
{
	struct media_flight *f = qm->media_flight;
	if (!f || f->waiting || f->rc)
		return 0;
	if (held_back(qm, f)) {
		log_request_flush(qm->lg, f->im.last);   /* its end wakes the loop (the log's notify) */
		return 0;
	}
	flight_write(qm, f, QM_CKPT_ROUND_BYTES);
	log_request_flush(qm->lg, f->im.last);
	return !f->waiting && !f->rc;
}

int store_media_writing(const struct qm *qm)
{
	const struct media_flight *f = qm->media_flight;
	return f && !f->waiting && !f->rc && !held_back(qm, f);
}

/* The rest of f appended and flushed now (the end of a run). */
static void drain(struct qm *qm, struct media_flight *f)
{
	while (!f->rc && !f->waiting)
		flight_write(qm, f, SIZE_MAX);
	if (f->rc)
		return;
	int rc = log_flush(qm->lg, f->im.last);
	if (rc) {
		if (rc == QM_EFAILED)
			qm->log_failed = 1;
		flight_fail(f, rc, "the image of %s could not be made durable: %s", f->name);
	}
}

void store_media_drain(struct qm *qm)
{
	if (qm->media_flight)
		drain(qm, qm->media_flight);
}

int store_media_poll(struct qm *qm, uint64_t *msgs, uint64_t *bytes, char *why, size_t n)
{
	struct media_flight *f = qm->media_flight;
	if (!f)
		return QM_ENOENT;
	if (!f->rc && (!f->waiting || log_durable_lsn(qm->lg) <= f->im.last))
		return 1;   /* parts still to write, or END not durable yet */
	int rc = f->rc;
	if (!rc && f->o && qm->media_obj != f->o)
		flight_fail(f, rc = QM_ENOTFOUND, "%s was deleted or replaced while its image was written (%s)", f->name);
	if (!rc) {
		image_taken(qm, f->o, &f->im);
		store_media_medialog(qm);
	}
	*msgs = f->im.msgs;
	*bytes = f->im.bytes;
	snprintf(why, n, "%s", f->why);
	flight_free(qm, f);
	return rc;
}

void store_media_abandon(struct qm *qm, struct qobj *o)
{
	struct media_flight *f = qm->media_flight;
	if (f && f->o == o && !f->rc)
		flight_fail(f, QM_ENOTFOUND, "%s was deleted or replaced while its image was written (%s)", f->name);
	if (f && f->o == o)
		qm->media_obj = NULL;   /* (its store may be compacted again) */
}

/* o's image (NULL: the queue manager object) appended whole, not waited
 * for: *im says where it ends. */
static int append_whole(struct qm *qm, struct qobj *o, uint64_t floor, struct image *im, char *why, size_t n)
{
	int rc = store_media_begin(qm, o, floor, why, n);
	if (rc)
		return rc;
	struct media_flight *f = qm->media_flight;
	while (!f->rc && !f->waiting)
		flight_write(qm, f, SIZE_MAX);
	if ((rc = f->rc) != QM_OK)
		snprintf(why, n, "%s", f->why);
	*im = f->im;
	flight_free(qm, f);
	return rc;
}

/* At the end: every image appended (none in flight meanwhile), one flush,
 * and only then do they count. */
void store_media_shutdown(struct qm *qm, uint64_t floor)
{
	char why[512] = "";
	if (!qm->lg || qm->log_failed || qm->media_flight || linear_only(qm, why, sizeof why))
		return;
	size_t nv = 0;
	struct qobj **objs = malloc((qm->nqueues + 1) * sizeof *objs);
	struct image *v = malloc((qm->nqueues + 1) * sizeof *v);
	int rc = objs && v ? QM_OK : QM_ENOMEM;
	if (!rc && (rc = append_whole(qm, NULL, floor, &v[nv], why, sizeof why)) == QM_OK)
		objs[nv++] = NULL;
	for (unsigned i = 0; !rc && i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; !rc && o && nv <= qm->nqueues; o = o->hnext) {
			if (o->damaged || !store_media_recoverable(qm, o) || (o->q && queue_first(o->q)))
				continue;   /* a queue holding messages: rcdmqimg or IMGSCHED(AUTO) images it */
			if ((rc = append_whole(qm, o, floor, &v[nv], why, sizeof why)) == QM_OK)
				objs[nv++] = o;
		}
	if (!rc && nv)
		rc = log_flush(qm->lg, v[nv - 1].last);
	if (rc == QM_EFAILED)
		qm->log_failed = 1;
	for (size_t i = 0; !rc && i < nv; i++)
		image_taken(qm, objs[i], &v[i]);
	if (!rc)
		store_media_medialog(qm);
	else
		ERRLOG(&qm->el, AMQ_MEDIA_IMAGE_FAILED, qm->paths.name, why[0] ? why : qm_strerror(rc));
	free(objs);
	free(v);
}

/* ---- media recovery ---- */

/* Anything of o still in a unit of work (its messages, got or put). */
static int queue_in_uow(const struct qobj *o)
{
	if (!o->q)
		return 0;
	for (struct qmsg *m = queue_first(o->q); m; m = queue_next(m))
		if (qmsg_put_uow(m) || qmsg_get_uow(m))
			return 1;
	return 0;
}

/* The rebuilt messages of t into a new store for o that reflects lsn. */
static int write_store(struct qm *qm, struct qobj *o, struct qobj *t, uint64_t lsn, char *why, size_t n)
{
	char dir[4200], err[512] = "";
	store_checkpoint_settle(qm);
	store_background_settle(qm);
	qstore_close(o->store);
	o->store = NULL;
	int rc = store_queue_dir(qm, o, dir, sizeof dir);
	if (!rc)
		rc = qstore_destroy(dir, err, sizeof err);
	struct qstore *s = NULL;
	/* reflecting 0 until its batch commits: a crash before that leaves a
	 * store the next start finds stale and marks damaged */
	if (!rc)
		rc = qstore_create(dir, qm->os.qmgr.identity, o->def.name, 0, NULL, &s, err, sizeof err);
	if (!rc)
		rc = qstore_batch_begin(s, lsn);
	for (struct qmsg *m = t->q ? queue_first(t->q) : NULL; !rc && m; m = queue_next(m)) {
		struct objfile_msg h;
		store_msg_header(m, &h);
		rc = qstore_put(s, &h, m->mem->len ? m->mem->data : NULL, NULL);
	}
	if (!rc)
		rc = qstore_batch_commit(s);
	if (rc && s && !err[0])
		snprintf(err, sizeof err, "%s", qstore_last_error(s));
	qstore_close(s);
	if (rc)
		snprintf(why, n, "its queue store in %s could not be written: %s", dir, err[0] ? err : qm_strerror(rc));
	return rc;
}

static int recreate_queue(struct qm *qm, struct qobj *o, struct qobj *t, uint64_t end, char *why, size_t n)
{
	/* what memory holds goes first: its messages point into the old store */
	store_checkpoint_settle(qm);
	store_background_settle(qm);
	queue_discard(o->q);
	int rc = write_store(qm, o, t, end, why, n);
	if (rc) {
		/* the old store is gone: the queue is damaged until a new attempt */
		o->damaged = 1;
		o->keep_lsn = store_restart_now(qm);
		ERRLOG(&qm->el, AMQ_OBJECT_DAMAGED, o->def.name, objdef_type_name(o->def.type));
		return rc;
	}
	int fifo = o->def.msg_delivery_sequence == MQMDS_FIFO;
	o->def = t->def;
	if (fifo != (o->def.msg_delivery_sequence == MQMDS_FIFO))
		queue_set_fifo(o->q, !fifo);
	char err[512] = "";
	rc = store_queue_reload(qm, o, err, sizeof err);
	if (!rc)
		rc = store_write_queue_file(qm, o, end, err, sizeof err);
	if (rc) {
		snprintf(why, n, "%s", err[0] ? err : qm_strerror(rc));
		o->damaged = 1;
		o->keep_lsn = store_restart_now(qm);
		ERRLOG(&qm->el, AMQ_OBJECT_DAMAGED, o->def.name, objdef_type_name(o->def.type));
		return rc;
	}
	o->damaged = 0;
	o->keep_lsn = 0;
	o->file_lsn = end;
	return QM_OK;
}

int store_media_recreate(struct qm *qm, struct qobj *o, char *missing, size_t mlen, char *why, size_t n)
{
	why[0] = 0;
	missing[0] = 0;
	if (o)
		store_media_abandon(qm, o);   /* an image of it under way would copy what is being replaced */
	int rc = linear_only(qm, why, n);
	if (rc)
		return rc;
	if (o && o->temp) {
		snprintf(why, n, "%s is a temporary dynamic queue, which is never recoverable", o->def.name);
		return QM_EINVAL;
	}
	if (o && (o->nhandles || o->n_input || o->n_output)) {
		snprintf(why, n, "%s is open: close it first", o->def.name);
		return QM_EBUSY;
	}
	if (o && queue_in_uow(o)) {
		snprintf(why, n, "%s has uncommitted messages: commit or back them out first", o->def.name);
		return QM_EBUSY;
	}
	/* everything up to the end of the log durable, so the reader finds it */
	if (qm->last_lsn && (rc = log_flush(qm->lg, qm->last_lsn)) != QM_OK) {
		if (rc == QM_EFAILED)
			qm->log_failed = 1;
		snprintf(why, n, "the log could not be flushed: %s", qm_strerror(rc));
		return rc;
	}
	struct log_info li;
	if ((rc = log_info(qm->lg, &li)) != QM_OK)
		return rc;
	uint64_t end = li.next_lsn;
	struct qobj *t;
	if ((rc = qm_qobj_new(qm, o ? &o->def : &qm->os.qmgr, &t)) != QM_OK)
		return rc;
	t->image_lsn = o ? o->image_lsn : qm->qmgr_image_lsn;
	t->media_lsn = o ? o->media_lsn : qm->qmgr_media_lsn;
	rc = store_media_replay(qm, t, end, 0, missing, mlen, why, n);
	char err[512] = "";
	if (!rc && !o) {
		/* the queue manager object: its definition, logged and written whole */
		if ((rc = objstore_alter_qmgr(&qm->os, &t->def, err, sizeof err)) == QM_OK)
			qm->os.qmgr = t->def;
	} else if (!rc && !o->q) {
		/* an alias or model queue: its definition, logged and written whole */
		if ((rc = objstore_define(&qm->os, &t->def, OBJSTORE_REPLACE, NULL, err, sizeof err)) == QM_OK) {
			o->def = t->def;
			o->def_lsn = qm->os.last_lsn;
			o->damaged = 0;
		}
	} else if (!rc) {
		rc = recreate_queue(qm, o, t, end, why, n);
	}
	if (rc && !why[0])
		snprintf(why, n, "%s", err[0] ? err : qm_strerror(rc));
	if (qm->os.last_lsn > qm->last_lsn)
		qm->last_lsn = qm->os.last_lsn;
	qm_qobj_destroy(qm, t);
	return rc;
}

/* ---- the queue manager object at the start ---- */

/* Every record of the log from start (LOG_START_HEAD or _BASE) up to end
 * (0: its end) to fn, until fn returns non-zero.  The reader's failure is
 * returned with why, and missing names an extent that is not there. */
static int scan_log(struct qm *qm, enum log_start start, uint64_t end, int (*fn)(void *arg, const struct log_record *r),
		    void *arg, char *missing, size_t mlen, char *why, size_t n)
{
	struct log_reader_opts ro = { .start = start, .end_lsn = end, .logical = 1 };
	struct log_reader *rd;
	int rc = log_reader_open(qm->paths.log_dir, &ro, &rd, why, n);
	if (rc)
		return rc;
	struct log_record rec;
	int k;
	while ((k = log_reader_next(rd, &rec)) == 1 && !fn(arg, &rec))
		;
	if (k < 0) {
		snprintf(why, n, "%s", log_reader_error(rd));
		if (missing)
			snprintf(missing, mlen, "%s", log_reader_missing(rd));
	}
	log_reader_close(rd);
	return k < 0 ? k : QM_OK;
}

/* The queue manager object's latest image, as qmgr_image_find looks for it. */
struct qmgr_find {
	uint64_t oid, image, media;
	int creates;                  /* its create record counts too (a log from before media LSNs) */
};

static int qmgr_find_one(void *arg, const struct log_record *rec)
{
	struct qmgr_find *q = arg;
	const struct log_rec_hdr *h = &rec->hdr;
	struct qmlog_ckpt_end c;
	struct qmlog_image im;
	struct objdef d;
	if (h->type == LOG_REC_CKPT_END && !qmlog_dec_ckpt_end(rec->data, rec->len, &c)) {
		size_t pos = 0;
		for (uint32_t i = 0; i < c.nm; i++) {
			char name[OBJDEF_NAME_SIZE];
			int type;
			uint64_t ml, il;
			if (qmlog_ckpt_media_next(&c, &pos, &type, name, &ml, &il))
				break;
			if (type == OBJDEF_QMGR && il >= q->image) {
				q->image = il;
				q->media = ml;
			}
		}
	} else if (h->type == LOG_REC_MEDIA_IMAGE && h->obj == q->oid && !qmlog_dec_image(rec->data, rec->len, &im) &&
		   im.part == QMLOG_IMG_BEGIN && im.msgs == 0 && h->lsn >= q->image) {
		q->image = h->lsn;
		q->media = im.replay_from;
	} else if (q->creates && h->type == LOG_REC_OBJ_CREATE && !objdef_decode(rec->data, rec->len, &d, NULL, 0) &&
		   d.type == OBJDEF_QMGR && h->lsn >= q->image) {
		q->image = q->media = h->lsn;
	}
	return 0;
}

/* The queue manager object's latest image in the log of a queue manager
 * whose QMANAGER file is damaged: the last CKPT_END's entry for it and any
 * complete image after it, or (a log older than media LSNs in checkpoints)
 * its create record.  QM_ENOENT when the log holds none. */
static int qmgr_image_find(struct qm *qm, uint64_t *image, uint64_t *media, char *missing, size_t mlen, char *why,
			   size_t n)
{
	struct qmgr_find q = { .oid = objstore_obj_id(OBJDEF_QMGR, qm->paths.name) };
	int rc = scan_log(qm, LOG_START_HEAD, 0, qmgr_find_one, &q, missing, mlen, why, n);
	if (!rc && !q.image) {
		q.creates = 1;
		rc = scan_log(qm, LOG_START_BASE, 0, qmgr_find_one, &q, missing, mlen, why, n);
	}
	if (!rc && !q.image) {
		snprintf(why, n, "the log holds no media image of it");
		rc = QM_ENOENT;
	}
	*image = q.image;
	*media = q.media;
	return rc;
}

int store_media_qmgr_rebuild(struct qm *qm, char *why, size_t n)
{
	struct logctl c;
	if (logctl_read(qm->paths.log_dir, &c, why, n) != QM_OK)
		return QM_ENOENT;
	if (c.type != LOG_LINEAR) {
		snprintf(why, n, "the queue manager uses circular logging, so it cannot be re-created from the log: restore "
			 "its data and log from a backup");
		return QM_EINVAL;
	}
	struct objdef def;
	objdef_init_default(OBJDEF_QMGR, &def);
	objdef_set_name(&def, qm->paths.name, NULL, 0);
	struct qobj *t;
	int rc = qm_qobj_new(qm, &def, &t);
	if (rc)
		return rc;
	char missing[64] = "";
	if ((rc = qmgr_image_find(qm, &t->image_lsn, &t->media_lsn, missing, sizeof missing, why, n)) == QM_OK &&
	    (rc = store_media_replay(qm, t, 0, 0, missing, sizeof missing, why, n)) == QM_OK) {
		if (memcmp(t->def.identity, c.qmid, sizeof c.qmid) != 0) {
			snprintf(why, n, "the log's queue manager identity is not the one its media image holds");
			rc = QM_EFOREIGN;
		} else {
			rc = objfile_write_qmgr(qm->paths.data_dir, &t->def, t->def_lsn, why, n);
		}
	} else if (missing[0] && rc) {
		ERRLOG(&qm->el, AMQ_LOG_FILE_NOT_OPENED, missing, why);
	}
	qm_qobj_destroy(qm, t);
	return rc;
}

/* ---- a copy as of a point in time (beyond MQ) ---- */

/* The time a record carries (a get, a commit, a backout, a checkpoint, a
 * put's PutDate/PutTime), or -1.  (A put's time is its MQMD's, which an
 * application with set-all context may choose; gets logged before version 2
 * of MSG_GET carry none.) */
static int64_t record_time(const struct log_record *rec)
{
	int64_t t = -1;
	struct qmlog_uow u;
	struct qmlog_put p;
	struct qmlog_msgref g;
	switch (rec->hdr.type) {
	case LOG_REC_UOW_COMMIT:
	case LOG_REC_UOW_BACKOUT:
		if (!qmlog_dec_uow(rec->data, rec->len, &u))
			t = u.time_ms;
		break;
	case LOG_REC_CKPT_BEGIN:
		(void)qmlog_dec_ckpt_begin(rec->data, rec->len, &t);
		break;
	case LOG_REC_MSG_PUT:
		if (!qmlog_dec_put(rec->data, rec->len, &p) && p.m.put_time_ms)
			t = p.m.put_time_ms;
		break;
	case LOG_REC_MSG_GET:
		if (!qmlog_dec_get(rec->data, rec->len, &g))
			t = g.time_ms;
		break;
	default:
		break;
	}
	return t;
}

struct at_time {
	int64_t ms;
	uint64_t lsn;
};

static int at_time_one(void *arg, const struct log_record *rec)
{
	struct at_time *a = arg;
	if (record_time(rec) <= a->ms)
		return 0;
	a->lsn = rec->hdr.lsn;
	return 1;
}

/* The latest complete image of one queue that starts before a point (store_media_copy). */
struct before {
	const char *name;
	uint64_t oid, image, media, pend, pfrom;
};

static int before_one(void *arg, const struct log_record *rec)
{
	struct before *b = arg;
	const struct log_rec_hdr *h = &rec->hdr;
	struct qmlog_image im;
	struct objdef d;
	if (h->obj != b->oid)
		return 0;
	if (h->type == LOG_REC_OBJ_CREATE && !objdef_decode(rec->data, rec->len, &d, NULL, 0) &&
	    d.type == OBJDEF_QLOCAL && !strcmp(d.name, b->name)) {
		b->image = b->media = h->lsn;
	} else if (h->type == LOG_REC_MEDIA_IMAGE && !qmlog_dec_image(rec->data, rec->len, &im)) {
		if (im.part == QMLOG_IMG_BEGIN && im.msgs == 0) {
			b->image = h->lsn;
			b->media = im.replay_from;
		} else if (im.part == QMLOG_IMG_BEGIN) {
			b->pend = h->lsn;
			b->pfrom = im.replay_from;
		} else if (im.part == QMLOG_IMG_END && b->pend && im.begin_lsn == b->pend) {
			b->image = b->pend;
			b->media = b->pfrom;
		}
	}
	return 0;
}

/* The copy's messages logged as puts of one unit of work to the new queue,
 * committed, then put on it in memory with their new put LSNs. */
static int copy_messages(struct qm *qm, struct qobj *t, struct qobj *no, uint64_t *count, char *why, size_t n)
{
	size_t cap = 0, nm = 0;
	for (struct qmsg *m = queue_first(t->q); m; m = queue_next(m))
		cap++;
	uint64_t *lsns = cap ? malloc(cap * sizeof *lsns) : NULL;
	if (cap && !lsns)
		return QM_ENOMEM;
	uint64_t uow = ++qm->next_log_uow_id, last = 0;
	uint8_t *buf = NULL;
	size_t bcap = 0;
	int rc = QM_OK;
	for (struct qmsg *m = queue_first(t->q); !rc && m; m = queue_next(m)) {
		struct objfile_msg h;
		store_msg_header(m, &h);
		size_t need = qmlog_put_size(no->def.name, h.data_len);
		if (need > bcap) {
			uint8_t *nb = realloc(buf, need);
			if (!nb) {
				rc = QM_ENOMEM;
				break;
			}
			buf = nb;
			bcap = need;
		}
		int k = qmlog_enc_put(buf, bcap, no->def.name, &h, m->mem->len ? m->mem->data : NULL);
		rc = k < 0 ? k : store_append(qm, LOG_REC_MSG_PUT, uow, no->def.name, buf, (size_t)k, 0, &lsns[nm], &last);
		if (!rc)
			nm++;
	}
	uint8_t ub[32];
	struct qmlog_uow u = { .time_ms = qm_now_ms(), .ops = (uint32_t)nm };
	int k = qmlog_enc_uow(ub, sizeof ub, &u);
	uint64_t end;
	/* all or nothing: a commit, or (a put failed) a backout */
	int rc2 = store_append(qm, rc ? LOG_REC_UOW_BACKOUT : LOG_REC_UOW_COMMIT, uow, NULL, ub, (size_t)k,
			       LOG_APPEND_RESERVED, &end, NULL);
	if (!rc2)
		rc2 = log_flush(qm->lg, end);
	if (!rc)
		rc = rc2;
	if (rc == QM_EFAILED)
		qm->log_failed = 1;
	if (rc) {
		snprintf(why, n, "the copy's messages could not be logged: %s", qm_strerror(rc));
	} else {
		size_t i = 0;
		for (struct qmsg *m = queue_first(t->q); !rc && m && i < nm; m = queue_next(m), i++) {
			MQMD md = m->mem->md;
			md.BackoutCount = m->backout;
			struct qmsg *c = qmsg_new(&md, m->mem->data, m->mem->len);
			if (!c) {
				rc = QM_ENOMEM;
				break;
			}
			c->mem->seq = m->mem->seq;
			c->mem->put_lsn = lsns[i];
			c->mem->expiry_ms = m->mem->expiry_ms;
			c->backout = m->backout;
			if ((rc = queue_add(no->q, c, NULL)) != QM_OK)
				qmsg_free(c);
		}
		if (rc)   /* (logged and committed: a restart brings them) */
			snprintf(why, n, "the copy is in the log but not in memory (%s): restart the queue manager",
				 qm_strerror(rc));
		*count = nm;
	}
	free(buf);
	free(lsns);
	return rc;
}

int store_media_copy(struct qm *qm, struct qobj *o, uint64_t end_lsn, int64_t end_ms, const char *newname,
		     struct qobj **made, uint64_t *count, uint64_t *at, char *missing, size_t mlen, char *why, size_t n)
{
	why[0] = 0;
	*at = 0;
	missing[0] = 0;
	*made = NULL;
	*count = 0;
	int rc = linear_only(qm, why, n);
	if (rc)
		return rc;
	if (!o->q || o->temp) {
		snprintf(why, n, "only a local queue can be copied as of a point in time");
		return QM_EINVAL;
	}
	if (qm_qfind(qm, newname)) {
		snprintf(why, n, "an object named %s exists already", newname);
		return QM_EEXIST;
	}
	if (qm->last_lsn && (rc = log_flush(qm->lg, qm->last_lsn)) != QM_OK) {
		snprintf(why, n, "the log could not be flushed: %s", qm_strerror(rc));
		return rc;
	}
	struct log_info li;
	if ((rc = log_info(qm->lg, &li)) != QM_OK)
		return rc;
	uint64_t end = end_lsn && end_lsn < li.next_lsn ? end_lsn : li.next_lsn;
	if (end_ms) {
		/* the log as it was at that time ends at the first record stamped later */
		struct at_time a = { .ms = end_ms, .lsn = end };
		if ((rc = scan_log(qm, LOG_START_BASE, end, at_time_one, &a, missing, mlen, why, n)) != QM_OK)
			return rc;
		end = a.lsn;
	}
	*at = end;
	struct qobj *t;
	if ((rc = qm_qobj_new(qm, &o->def, &t)) != QM_OK)
		return rc;
	/* the latest complete image of it that starts before end */
	struct before bf = { .name = o->def.name, .oid = objstore_obj_id(OBJDEF_QLOCAL, o->def.name) };
	rc = scan_log(qm, LOG_START_BASE, end, before_one, &bf, missing, mlen, why, n);
	if (!rc && !bf.image) {
		snprintf(why, n, "the log holds no media image of %s from before that point (older log files may have been "
			 "freed or archived)", o->def.name);
		rc = QM_ENOENT;
	}
	t->image_lsn = bf.image;
	t->media_lsn = bf.media;
	if (!rc)
		rc = store_media_replay(qm, t, end, 1, missing, mlen, why, n);
	struct objdef def = t->def;
	char err[512] = "";
	if (!rc && (rc = objdef_set_name(&def, newname, err, sizeof err)) == QM_OK)
		rc = objstore_define(&qm->os, &def, 0, NULL, err, sizeof err);
	if (rc && !why[0])
		snprintf(why, n, "%s", err[0] ? err : qm_strerror(rc));
	struct qobj *no = NULL;
	if (!rc) {
		if (qm->os.last_lsn > qm->last_lsn)
			qm->last_lsn = qm->os.last_lsn;
		if ((rc = qm_qobj_new(qm, &def, &no)) == QM_OK) {
			no->file_lsn = no->def_lsn = no->media_lsn = no->image_lsn = qm->os.last_lsn;
			if (def.msg_delivery_sequence == MQMDS_FIFO)
				queue_set_fifo(no->q, 1);
			if ((rc = qm_qinsert(qm, no)) != QM_OK) {
				qm_qobj_destroy(qm, no);
				no = NULL;
			}
		}
		if (!no)
			snprintf(why, n, "%s was defined but could not be made in memory (%s): restart the queue manager",
				 newname, qm_strerror(rc));
	}
	if (!rc)
		rc = copy_messages(qm, t, no, count, why, n);
	if (!rc || no)
		*made = no;
	qm_qobj_destroy(qm, t);
	return rc;
}
