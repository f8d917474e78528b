/*
 * qtable.c: the queue objects of the running queue manager (see qtable.h).
 */
#include "qm/engine/qtable.h"
#include "objects/qstore.h"

#include <stdlib.h>
#include <string.h>

#include "log/qmerr.h"
#include "qm/engine/queue.h"
#include "qm/qmrun.h"

static unsigned qhash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h % QM_QHASH;
}

struct qobj *qm_qfind(struct qm *qm, const char *name)
{
	for (struct qobj *o = qm->qhash[qhash(name)]; o; o = o->hnext)
		if (objdef_is_queue(o->def.type) && strcmp(o->def.name, name) == 0)
			return o;
	return NULL;
}

struct qobj *qm_pfind(struct qm *qm, const char *name)
{
	for (struct qobj *o = qm->qhash[qhash(name)]; o; o = o->hnext)
		if (o->def.type == OBJDEF_PROCESS && strcmp(o->def.name, name) == 0)
			return o;
	return NULL;
}

struct qobj *qm_tfind(struct qm *qm, const char *name)
{
	for (struct qobj *o = qm->qhash[qhash(name)]; o; o = o->hnext)
		if (o->def.type == OBJDEF_TOPIC && strcmp(o->def.name, name) == 0)
			return o;
	return NULL;
}

/* Any type's object, in its type's namespace (objdef_namespace(): channels,
 * listeners and authentication information objects each have their own). */
struct qobj *qm_ofind(struct qm *qm, int type, const char *name)
{
	int ns = objdef_namespace(type);
	if (ns <= 1)
		return qm_qfind(qm, name);
	for (struct qobj *o = qm->qhash[qhash(name)]; o; o = o->hnext)
		if (objdef_namespace(o->def.type) == ns && strcmp(o->def.name, name) == 0)
			return o;
	return NULL;
}

int qm_qinsert(struct qm *qm, struct qobj *o)
{
	if (qm_ofind(qm, o->def.type, o->def.name))
		return QM_EEXIST;
	unsigned k = qhash(o->def.name);
	o->hnext = qm->qhash[k];
	qm->qhash[k] = o;
	qm->nqueues++;
	return QM_OK;
}

void qm_qremove(struct qm *qm, struct qobj *o)
{
	for (struct qobj **pp = &qm->qhash[qhash(o->def.name)]; *pp; pp = &(*pp)->hnext)
		if (*pp == o) {
			*pp = o->hnext;
			qm->nqueues--;
			return;
		}
}

int qm_qobj_new(struct qm *qm, const struct objdef *def, struct qobj **out)
{
	struct qobj *o = calloc(1, sizeof *o);
	if (!o)
		return QM_ENOMEM;
	o->def = *def;
	o->qtime_short_us = o->qtime_long_us = -1;
	if (def->type == OBJDEF_QLOCAL) {
		int rc = queue_new(def->name, def->msg_delivery_sequence == MQMDS_FIFO, &o->q);
		if (rc) {
			free(o);
			return rc;
		}
		queue_set_hooks(o->q, &qm->hooks, qm);
		o->q->unstored_total = &qm->unstored_bytes;
		o->q->user = o;
	}
	*out = o;
	return QM_OK;
}

void qm_qobj_destroy(struct qm *qm, struct qobj *o)
{
	if (qm->media_obj == o)
		qm->media_obj = NULL;   /* its media image under way ends as failed (store/media.c) */
	struct queue *q = o->q;
	if (q) {
		/* no longer to be retried by the wake hook's list */
		for (size_t i = 0; i < qm->nwoken; i++)
			if (qm->woken[i] == q)
				qm->woken[i] = qm->woken[--qm->nwoken];
		queue_discard(q);   /* the store is closed below: nothing to tell it */
		queue_free(q);
	}
	qstore_close(o->store);
	free(o);
}

void qm_qobj_free_all(struct qm *qm)
{
	for (unsigned k = 0; k < QM_QHASH; k++) {
		struct qobj *o = qm->qhash[k];
		while (o) {
			struct qobj *nx = o->hnext;
			qm_qobj_destroy(qm, o);
			o = nx;
		}
		qm->qhash[k] = NULL;
	}
	qm->nqueues = 0;
}
