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
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/qmrun.h"
#include "objects/qstore.h"

/* A MSGS part holds messages up to about this much (one bigger message
 * makes a part of its own); the log splits records into parts anyway. */
#define MEDIA_PART_BYTES (1u << 20)

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

static int append(struct qm *qm, uint64_t obj, const void *p, size_t len, uint64_t *lsn, uint64_t *last)
{
	return store_append_obj(qm, LOG_REC_MEDIA_IMAGE, 0, obj, p, len, 0, lsn, last);
}

static int image_of(const struct qobj *o)
{
	return o && o->q ? 1 : 0;
}

/* A local queue's messages that belong in its image: persistent, their put
 * committed (a get not yet committed leaves them in). */
static int in_image(const struct qmsg *m)
{
	return qmsg_put_lsn(m) && !qmsg_put_uow(m);
}

/* The MSGS parts of o's image. */
static int image_msgs(struct qm *qm, struct qobj *o, uint64_t obj, struct image *im, char *why, size_t n)
{
	size_t cap = MEDIA_PART_BYTES + 4096, len = 0;
	uint8_t *buf = malloc(cap);
	if (!buf)
		return QM_ENOMEM;
	uint32_t count = 0;
	uint64_t got = 0, bytes = 0;
	int rc = QM_OK;
	for (struct qmsg *m = queue_first(o->q); !rc && m; m = queue_next(m)) {
		if (!in_image(m))
			continue;
		struct objfile_msg h;
		const void *data;
		void *owned;
		if ((rc = store_msg_record(qm, o, m, &h, &data, &owned)) != QM_OK) {
			snprintf(why, n, "message put at LSN %llu of queue %s cannot be read back: %s",
				 (unsigned long long)qmsg_put_lsn(m), o->def.name, qm_strerror(rc));
			break;
		}
		size_t need = qmlog_image_msg_size(h.data_len);
		if (count && len + need > MEDIA_PART_BYTES) {   /* the part is full: out with it */
			qmlog_image_msgs_count(buf, count);
			rc = append(qm, obj, buf, len, NULL, &im->last);
			count = 0;
		}
		if (!rc && !count) {
			if (cap < need + 64) {
				uint8_t *nb = realloc(buf, need + 64);
				if (!nb) {
					free(owned);
					rc = QM_ENOMEM;
					break;
				}
				buf = nb;
				cap = need + 64;
			}
			int k = qmlog_enc_image_msgs_head(buf, cap, o->def.name);
			if (k < 0)
				rc = k;
			len = (size_t)(k < 0 ? 0 : k);
		}
		if (!rc) {
			qmlog_image_msg_put(buf + len, &h, data);
			len += need;
			count++;
			got++;
			bytes += h.data_len;
		}
		free(owned);
	}
	if (!rc && count) {
		qmlog_image_msgs_count(buf, count);
		rc = append(qm, obj, buf, len, NULL, &im->last);
	}
	free(buf);
	if (!rc && (got != im->msgs || bytes != im->bytes)) {
		snprintf(why, n, "queue %s changed while its image was written", o->def.name);
		rc = QM_EINVAL;
	}
	return rc;
}

/* Append o's image (NULL: the queue manager object); durable once
 * im->last is. */
static int image_write(struct qm *qm, struct qobj *o, uint64_t floor, struct image *im, char *why, size_t n)
{
	memset(im, 0, sizeof *im);
	const struct objdef *def = o ? &o->def : &qm->os.qmgr;
	const char *name = o ? o->def.name : qm->paths.name;
	uint64_t obj = objstore_obj_id(def->type, name);
	if (image_of(o))
		for (struct qmsg *m = queue_first(o->q); m; m = queue_next(m))
			if (in_image(m)) {
				im->msgs++;
				im->bytes += qmsg_len(m);
			}
	uint8_t dbuf[OBJDEF_ENC_MAX], bbuf[OBJDEF_ENC_MAX + 64];
	size_t dlen;
	int rc = objdef_encode(def, dbuf, sizeof dbuf, &dlen);
	struct log_info li;
	if (!rc)
		rc = log_info(qm->lg, &li);
	if (rc) {
		snprintf(why, n, "the definition of %s cannot be encoded: %s", name, qm_strerror(rc));
		return rc;
	}
	/* BEGIN goes at li.next_lsn or just after (a page or extent end's filler) */
	im->from = floor < li.next_lsn ? floor : li.next_lsn;
	int k = qmlog_enc_image_begin(bbuf, sizeof bbuf, im->from, im->msgs, im->bytes, dbuf, dlen);
	rc = k < 0 ? k : append(qm, obj, bbuf, (size_t)k, &im->begin, &im->last);
	if (!rc && im->msgs)
		rc = image_msgs(qm, o, obj, im, why, n);
	if (!rc && im->msgs) {
		k = qmlog_enc_image_end(bbuf, sizeof bbuf, name, im->begin, im->from, im->msgs, im->bytes);
		rc = k < 0 ? k : append(qm, obj, bbuf, (size_t)k, NULL, &im->last);
	}
	if (rc && !why[0]) {
		char detail[256] = "";
		if (rc == QM_ELOGFULL || rc == QM_EFAILED)
			log_last_error(qm->lg, detail, sizeof detail);
		snprintf(why, n, "its image could not be written to the log: %s%s%s", qm_strerror(rc),
			 detail[0] ? ": " : "", detail);
	}
	return rc;
}

static void image_taken(struct qm *qm, struct qobj *o, const struct image *im)
{
	if (o) {
		o->image_lsn = im->begin;
		o->media_lsn = im->from;
	} else {
		qm->qmgr_image_lsn = im->begin;
		qm->qmgr_media_lsn = im->from;
	}
}

int store_media_image(struct qm *qm, struct qobj *o, uint64_t floor, uint64_t *msgs, uint64_t *bytes, char *why,
		      size_t n)
{
	why[0] = 0;
	*msgs = *bytes = 0;
	int rc = linear_only(qm, why, n);
	if (rc)
		return rc;
	if (o && o->damaged) {
		snprintf(why, n, "%s is damaged: re-create it with rcrmqobj or delete it first", o->def.name);
		return QM_EDAMAGED;
	}
	if (o && o->temp) {
		snprintf(why, n, "%s is a temporary dynamic queue, which is never recoverable", o->def.name);
		return QM_EINVAL;
	}
	struct image im;
	rc = image_write(qm, o, floor, &im, why, n);
	if (!rc)
		rc = log_flush(qm->lg, im.last);   /* the whole image durable: only then does it count */
	if (rc) {
		if (rc == QM_EFAILED)
			qm->log_failed = 1;
		if (!why[0])
			snprintf(why, n, "the log could not be flushed: %s", qm_strerror(rc));
		return rc;
	}
	image_taken(qm, o, &im);
	*msgs = im.msgs;
	*bytes = im.bytes;
	store_media_medialog(qm);
	return QM_OK;
}

void store_media_shutdown(struct qm *qm, uint64_t floor)
{
	char why[512];
	if (!qm->lg || qm->log_failed || linear_only(qm, why, sizeof why))
		return;
	/* every image appended, one flush, then they count */
	struct image qim, *v = NULL;
	struct qobj **objs = NULL;
	size_t nv = 0;
	int rc = image_write(qm, NULL, floor, &qim, why, sizeof why);
	uint64_t last = qim.last;
	if (!rc && qm->nqueues) {
		v = malloc(qm->nqueues * sizeof *v);
		objs = malloc(qm->nqueues * sizeof *objs);
		if (!v || !objs)
			rc = QM_ENOMEM;
	}
	for (unsigned i = 0; !rc && i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; !rc && o && nv < qm->nqueues; o = o->hnext) {
			if (o->damaged || !store_media_recoverable(qm, o))
				continue;
			if (o->q && queue_first(o->q))
				continue;   /* a queue holding messages: rcdmqimg or IMGSCHED(AUTO) images it */
			why[0] = 0;
			if ((rc = image_write(qm, o, floor, &v[nv], why, sizeof why)) == QM_OK) {
				objs[nv++] = o;
				last = v[nv - 1].last;
			}
		}
	if (!rc)
		rc = log_flush(qm->lg, last);
	if (!rc) {
		image_taken(qm, NULL, &qim);
		for (size_t i = 0; i < nv; i++)
			image_taken(qm, objs[i], &v[i]);
	} else {
		if (rc == QM_EFAILED)
			qm->log_failed = 1;
		ERRLOG(&qm->el, AMQ_MEDIA_IMAGE_FAILED, qm->paths.name, why[0] ? why : qm_strerror(rc));
	}
	free(v);
	free(objs);
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
	int rc = write_store(qm, o, t, end, why, n);
	if (rc) {
		/* the old store is gone: the queue is damaged until a new attempt */
		queue_discard(o->q);
		o->damaged = 1;
		o->keep_lsn = o->media_lsn;
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
		o->keep_lsn = o->media_lsn;
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
	rc = store_media_replay(qm, t, end, missing, mlen, why, n);
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
