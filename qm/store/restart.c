/*
 * restart.c: the start of a queue manager: objects, queue files, log replay,
 * units of work resolved (store.h).  Checkpoints and appending are in
 * checkpoint.c.
 *
 * What persists how:
 *   - object definitions: their files and the catalog (objstore; OBJ_CREATE,
 *     OBJ_ALTER, OBJ_DELETE records).  MQSET logs OBJ_ALTER and the file gets
 *     the new definition at the next checkpoint;
 *   - persistent messages: MSG_PUT / MSG_GET records (with the unit of work),
 *     UOW_COMMIT / UOW_BACKOUT, and at each checkpoint the queue file of every
 *     queue that changed, holding the committed persistent messages (and
 *     those got under a unit of work not yet committed) with the LSN of the
 *     checkpoint (WAL rule 1: written only once the log is durable past it);
 *   - nonpersistent messages and temporary dynamic queues: never.
 *
 * Restart (store_start): load the queue files, then read the log from the
 * restart LSN to its end and apply every record again, idempotently, keyed
 * by the put LSN that names each message:
 *   MSG_PUT      add the message unless a message with that put LSN is there
 *                (the queue file had it); under a unit of work, invisible;
 *   MSG_GET      remove (or, under a unit of work, hide) the message with that
 *                put LSN if it is there (if not, the file was written after);
 *   UOW_COMMIT   make the unit's puts visible and its gets final;
 *   UOW_BACKOUT  drop its puts, show its gets again with BackoutCount + 1
 *                (not counted again when the queue file is newer than the
 *                backout record: the file has the count already);
 *   Q_CLEAR, OBJ_CREATE  drop the queue's messages put before the record
 *                (a queue deleted with its messages, or defined again);
 *   OBJ_ALTER    take the definition when the queue file is older.
 * (A backup's replay also makes and drops the queues defined and deleted
 * after its copy point: store_backup_def, backup.c.)
 * This is exact whichever queue files were written when: a file reflecting
 * LSN L holds every committed effect below L, and applying a record again on
 * top of it changes nothing.  Units of work with no COMMIT or BACKOUT at the
 * end of the log are backed out (a UOW_BACKOUT record is logged for each).
 * So a kill -9 loses nothing that was acknowledged: every acknowledged
 * persistent put, get and commit has a durable record (WAL rule 2).
 *
 * Files that are not what the log expects (issue 9):
 *   - every CKPT_END lists each queue and the LSN its file reflects.  A file
 *     found older than the newest list replayed was replaced by an older copy:
 *     used as it is, it would bring back what was got and lose what was put.
 *     When the log still holds the checkpoint that wrote it and the records
 *     since (rebuild_start: its CKPT_BEGIN and the first records of the units
 *     of work active then), the whole replay runs again from there and
 *     rebuilds it exactly (a replay from earlier than the restart LSN is as
 *     idempotent as the usual one); otherwise the queue is marked damaged.
 *     Either way AMQ7900 says so.  Linear logs keep what a rebuild needs
 *     unless extents were deleted; circular ones only until they wrap.
 *   - a queue whose file cannot be read (or a stale one not rebuilt) is
 *     damaged (AMQ7472): it keeps the log from the restart LSN of this start
 *     (qobj.keep_lsn), which no checkpoint moves past while it is damaged, so
 *     a file put back later is brought up to date by the replay.
 */
#include "qm/store/store.h"
#include "qm/store/backup.h"

#include <errno.h>
#include <limits.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log/log.h"
#include "log/logctl.h"
#include "log/logread.h"
#include "log/qmerr.h"
#include "qm/qmrun.h"
#include "qm/home/msgcat.h"
#include "qm/store/qmlog.h"
#include "objects/qstore.h"

/* strmqm's exit codes (cmds/README.md) */
#define RC_LOG_UNAVAILABLE 23
#define RC_UNEXPECTED      71

/* ---- restart: loading ------------------------------------------------------------------- */

/* Progress of a long phase: said every PROGRESS_MS once it has taken that
 * long (QUIRE_PROGRESS_MS in the environment sets another period: tests;
 * 0 says it at every check, every 1024 messages or records, so that a test
 * does not depend on how fast the machine is). */
#define PROGRESS_MS 2000
struct progress {
	int64_t next_ms, every;
};

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void progress_init(struct progress *p)
{
	const char *e = getenv("QUIRE_PROGRESS_MS");
	p->every = e && *e && atoi(e) >= 0 ? atoi(e) : PROGRESS_MS;
	p->next_ms = mono_ms() + p->every;
}

static int progress_due(struct progress *p)
{
	int64_t now = mono_ms();
	if (now < p->next_ms)
		return 0;
	p->next_ms = now + p->every;
	return 1;
}

/* A phase of the start: an event for whoever watches (the error log, strmqm). */
#define report(qm, msgid, ...) qm_phase((qm), (msgid), __VA_ARGS__, (const char *)NULL)

/* put LSN -> message, for the replay: open addressing with linear probing
 * over message pointers alone (the key is qmsg_put_lsn(m); no allocation per
 * message: a deep queue loads millions of them), at most 70% full, deleted
 * by shifting back the entries after a hole. */
struct pmap {
	struct qmsg **v;
	size_t cap, n;           /* cap: a power of two, or 0 */
};

static size_t pmap_slot(const struct pmap *p, uint64_t lsn)
{
	return (size_t)((lsn * 0x9E3779B97F4A7C15ull) >> 17) & (p->cap - 1);
}

static void pmap_place(struct pmap *p, struct qmsg *m)
{
	size_t i = pmap_slot(p, qmsg_put_lsn(m));
	while (p->v[i])
		i = (i + 1) & (p->cap - 1);
	p->v[i] = m;
}

/* Room for n more entries (a load knows how many it brings). */
static int pmap_reserve(struct pmap *p, size_t n)
{
	if ((p->n + n) * 10 <= p->cap * 7)
		return QM_OK;
	size_t cap = p->cap ? p->cap : 1024;
	while ((p->n + n) * 10 > cap * 7)
		cap *= 2;
	struct qmsg **v = calloc(cap, sizeof *v);
	if (!v)
		return QM_ENOMEM;
	struct pmap np = { .v = v, .cap = cap, .n = p->n };
	for (size_t i = 0; i < p->cap; i++)
		if (p->v[i])
			pmap_place(&np, p->v[i]);
	free(p->v);
	*p = np;
	return QM_OK;
}

/* qmsg_put_lsn(m) is lsn */
static int pmap_put(struct pmap *p, uint64_t lsn, struct qmsg *m)
{
	if (!lsn)
		return QM_OK;   /* nonpersistent: never looked up */
	int rc = pmap_reserve(p, 1);
	if (rc)
		return rc;
	pmap_place(p, m);
	p->n++;
	return QM_OK;
}

static struct qmsg *pmap_get(struct pmap *p, uint64_t lsn)
{
	if (!p->cap || !lsn)
		return NULL;
	for (size_t i = pmap_slot(p, lsn); p->v[i]; i = (i + 1) & (p->cap - 1))
		if (qmsg_put_lsn(p->v[i]) == lsn)
			return p->v[i];
	return NULL;
}

/* Before the message goes: its put LSN is still qmsg_put_lsn(m). */
static void pmap_del(struct pmap *p, uint64_t lsn)
{
	if (!p->cap || !lsn)
		return;
	size_t mask = p->cap - 1, i = pmap_slot(p, lsn);
	while (p->v[i] && qmsg_put_lsn(p->v[i]) != lsn)
		i = (i + 1) & mask;
	if (!p->v[i])
		return;
	/* backward shift: move up each later entry of the run that may sit here */
	for (size_t j = (i + 1) & mask; p->v[j]; j = (j + 1) & mask) {
		size_t home = pmap_slot(p, qmsg_put_lsn(p->v[j]));
		if (((j - home) & mask) >= ((j - i) & mask)) {
			p->v[i] = p->v[j];
			i = j;
		}
	}
	p->v[i] = NULL;
	p->n--;
}

static void pmap_free(struct pmap *p)
{
	free(p->v);
	memset(p, 0, sizeof *p);
}

/* Loading a queue store: its entries gathered, sorted by sequence (the
 * store gives them in any order; the engine adds in order at O(1)), then
 * made into messages with no descriptor or body in memory. */
struct lctx {
	struct qm *qm;
	const struct qs_entry **v;
	size_t n, cap;
	const char *name;
	struct progress pg;
	uint64_t qdone, qtotal, msgs;   /* for the PROGRESS events: queues loaded before this one, of, their messages */
};

static int gather(void *ctx, const struct qs_entry *e)
{
	struct lctx *l = ctx;
	if (l->n == l->cap) {
		size_t nc = l->cap ? 2 * l->cap : 1024;
		const struct qs_entry **nv = realloc(l->v, nc * sizeof *nv);
		if (!nv)
			return QM_ENOMEM;
		l->v = nv;
		l->cap = nc;
	}
	l->v[l->n++] = e;
	if (l->n % 65536 == 0)   /* a deep queue: its count so far */
		qm_progress(l->qm, QM_PROG_LOAD, l->qdone, l->qtotal, l->msgs + l->n, 0, 0, 0);
	if (l->n % 1024 == 0 && progress_due(&l->pg)) {
		char n1[24];
		report(l->qm, AMQ_QUEUE_MSGS_LOADED, msgcat_num(n1, (long long)l->n), l->name, l->qm->paths.name);
	}
	return 0;
}

/* Sort by sequence: a radix sort on the 64-bit key, 16 bits at a time,
 * skipping the passes where every key has the same digit (a queue's
 * sequence numbers share their high bits). */
static int sort_by_seq(const struct qs_entry **v, size_t n)
{
	if (n < 2)
		return QM_OK;
	const struct qs_entry **tmp = malloc(n * sizeof *tmp);
	size_t *cnt = malloc(65536 * sizeof *cnt);
	if (!tmp || !cnt) {
		free(tmp);
		free(cnt);
		return QM_ENOMEM;
	}
	for (int shift = 0; shift < 64; shift += 16) {
		memset(cnt, 0, 65536 * sizeof *cnt);
		for (size_t i = 0; i < n; i++)
			cnt[(v[i]->seq >> shift) & 0xffff]++;
		if (cnt[(v[0]->seq >> shift) & 0xffff] == n)
			continue;
		size_t sum = 0;
		for (size_t d = 0; d < 65536; d++) {
			size_t c = cnt[d];
			cnt[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[cnt[(v[i]->seq >> shift) & 0xffff]++] = v[i];
		memcpy(v, tmp, n * sizeof *v);
	}
	free(tmp);
	free(cnt);
	return QM_OK;
}

static int load_store(struct qm *qm, struct qobj *o, struct pmap *map, uint64_t *lsn, char *err, size_t n,
		      uint64_t *msgs, uint64_t qdone)
{
	struct lctx l = { .qm = qm, .name = o->def.name, .qdone = qdone, .qtotal = qm->os.cat.n, .msgs = *msgs };
	progress_init(&l.pg);
	int rc = store_queue_open(qm, o, gather, &l, lsn, err, n);
	if (!rc)
		rc = sort_by_seq(l.v, l.n);
	if (!rc)
		rc = pmap_reserve(map, l.n);
	if (!rc)
		queue_reserve(o->q, l.n);
	for (size_t i = 0; !rc && i < l.n; i++) {
		struct qmsg *m = qmsg_new_stored(l.v[i]);
		if (!m) {
			rc = QM_ENOMEM;
			break;
		}
		if ((rc = queue_add(o->q, m, NULL)) != QM_OK) {
			qmsg_free(m);
			break;
		}
		rc = pmap_put(map, qmsg_put_lsn(m), m);
	}
	if (l.n >= 10000) {
		char n1[24];
		ERRLOG(&qm->el, AMQ_QUEUE_MSGS_LOADED, msgcat_num(n1, (long long)l.n), o->def.name, qm->paths.name);
	}
	if (!rc)
		*msgs += l.n;
	free(l.v);
	return rc;
}

/* A queue file older than the newest checkpoint says (defect 2), and what
 * restart does about it. */
enum { STALE_FOUND, STALE_REBUILD, STALE_DAMAGED };
struct stale {
	char name[OBJDEF_NAME_SIZE];
	uint64_t file_lsn;     /* what the file reflects */
	uint64_t expect_lsn;   /* what the newest CKPT_END says it should */
	uint64_t from_lsn;     /* STALE_REBUILD: the replay that rebuilds it starts here */
	int action;
};

struct replay_plan {
	struct stale *v;
	size_t n, cap;
	uint64_t keep_lsn;     /* the restart LSN at start: damaged objects keep the log from here */
};

static struct stale *plan_find(struct replay_plan *pl, const char *name)
{
	for (size_t i = 0; i < pl->n; i++)
		if (strcmp(pl->v[i].name, name) == 0)
			return &pl->v[i];
	return NULL;
}

/* A damaged queue: no messages, no store open, nothing for a checkpoint. */
static void drop_all_msgs(struct qobj *o, struct pmap *map)
{
	if (o->q) {
		for (struct qmsg *m = queue_first(o->q); m; m = queue_next(m))
			pmap_del(map, qmsg_put_lsn(m));
		queue_discard(o->q);
	}
	qstore_close(o->store);
	o->store = NULL;
}

/* Every object of the catalog into memory; damaged ones are marked, and so
 * are the stale files the plan could not rebuild.  A damaged queue keeps the
 * log from the restart LSN (defect 9). */
static int load_queues(struct qm *qm, struct pmap *map, struct replay_plan *pl)
{
	uint64_t msgs = 0;
	for (size_t i = 0; i < qm->os.cat.n; i++) {
		const struct objcat_entry *e = &qm->os.cat.v[i];
		struct objdef def;
		objdef_init_default(e->type, &def);
		objdef_set_name(&def, e->name, NULL, 0);
		struct qobj *o;
		int rc = qm_qobj_new(qm, &def, &o);
		if (rc)
			return rc;
		char err[512];
		uint64_t lsn = 0, slsn = 0, count = 0;
		/* the definition file: its messages section is empty (the queue
		 * store has them); one that holds messages is from an older format */
		rc = objfile_read_queue(qm->os.data_dir, e->folder, qm->os.qmgr.identity, e->type, e->name, &def, &lsn,
					&count, NULL, NULL, err, sizeof err);
		if (!rc && count)
			rc = QM_EDAMAGED;
		if (!rc && o->q) {
			if (def.msg_delivery_sequence == MQMDS_FIFO)
				queue_set_fifo(o->q, 1);
			rc = load_store(qm, o, map, &slsn, err, sizeof err, &msgs, i);
		}
		if (rc == QM_ENOMEM)
			return rc;
		struct stale *st = plan_find(pl, e->name);
		if (rc) {
			ERRLOG(&qm->el, AMQ_OBJECT_DAMAGED, e->name, objdef_type_name(e->type));
			o->damaged = 1;
			o->file_lsn = 0;
			o->keep_lsn = pl->keep_lsn;
			drop_all_msgs(o, map);
		} else if (st && st->action == STALE_DAMAGED) {
			o->def = def;
			o->damaged = 1;
			o->file_lsn = st->expect_lsn;
			o->keep_lsn = pl->keep_lsn;
			drop_all_msgs(o, map);
		} else {
			o->def = def;
			o->def_lsn = lsn;
			o->file_lsn = o->q ? slsn : lsn;
		}
		if ((rc = qm_qinsert(qm, o)) != QM_OK) {
			qm_qobj_destroy(qm, o);
			return rc;
		}
		qm_progress(qm, QM_PROG_LOAD, i + 1, qm->os.cat.n, msgs, 0, 0, 0);
	}
	return QM_OK;
}

/* ---- restart: replay -------------------------------------------------------------------- */

struct ruow {
	uint64_t id;
	struct uow u;
	uint32_t records;
	struct ruow *next;
};

struct replay {
	struct qm *qm;
	struct pmap map;
	struct ruow *uows;
	uint64_t records;
	uint64_t engine_ids;
	struct replay_plan *plan;
	int found;             /* stale files found in this pass */
	char missing[32];      /* a failed pass: the extent it could not open ("": none) */
	struct log_reader_partial partial[8];   /* unfinished records the reader dropped */
	int npartial;
	struct qobj *only;     /* media recovery: the one object rebuilt (not in the table); NULL: restart */
	struct dtouch { uint64_t uow; struct qobj *o; } *dt;   /* damaged queues units of work touched */
	size_t ndt, capdt;
	uint64_t image_lsn;    /* media recovery: only's image, loaded before the replay */
	char note[200];        /* why a record cannot be replayed, when the code alone does not say */
};

/* An object's latest image and media recovery LSN, as a record replayed
 * says (CKPT_END, OBJ_CREATE, a MEDIA_IMAGE complete): the newest wins. */
static void media_note(struct qm *qm, int type, const char *name, uint64_t media, uint64_t image)
{
	if (type == OBJDEF_QMGR) {
		if (image >= qm->qmgr_image_lsn) {
			qm->qmgr_image_lsn = image;
			qm->qmgr_media_lsn = media;
		}
		return;
	}
	struct qobj *o = qm_ofind(qm, type, name);
	if (o && !o->temp && o->def.type == type && image >= o->image_lsn) {
		o->image_lsn = image;
		o->media_lsn = media;
	}
}

static int media_from_ckpt(struct replay *r, const struct qmlog_ckpt_end *c)
{
	size_t pos = 0;
	for (uint32_t i = 0; i < c->nm; i++) {
		char name[OBJDEF_NAME_SIZE];
		int type;
		uint64_t media, image;
		if (qmlog_ckpt_media_next(c, &pos, &type, name, &media, &image))
			return QM_ECORRUPT;
		media_note(r->qm, type, name, media, image);
	}
	return QM_OK;
}

/* CKPT_END: the file each queue should at least reflect.  A damaged queue
 * remembers it (its next file must be that new); a loaded file older than it
 * was replaced by an older copy: noted for replay_log to deal with. */
static int check_files(struct replay *r, const struct qmlog_ckpt_end *cp)
{
	struct qmlog_ckpt_end c = *cp;
	size_t pos = 0;
	for (uint32_t i = 0; i < c.nq; i++) {
		char name[OBJDEF_NAME_SIZE];
		uint64_t want;
		if (qmlog_ckpt_queue_next(&c, &pos, name, &want))
			return QM_ECORRUPT;
		struct qobj *o = qm_qfind(r->qm, name);
		if (!o || !o->q || o->temp)
			continue;
		if (o->damaged) {
			if (want > o->file_lsn)
				o->file_lsn = want;
			continue;
		}
		if (o->file_lsn >= want)
			continue;
		struct stale *st = plan_find(r->plan, name);
		if (st) {
			if (st->action == STALE_FOUND && want > st->expect_lsn)
				st->expect_lsn = want;
			continue;   /* being rebuilt: its file is older on purpose */
		}
		struct replay_plan *pl = r->plan;
		if (pl->n == pl->cap) {
			size_t nc = pl->cap ? 2 * pl->cap : 8;
			struct stale *nv = realloc(pl->v, nc * sizeof *nv);
			if (!nv)
				return QM_ENOMEM;
			pl->v = nv;
			pl->cap = nc;
		}
		st = &pl->v[pl->n++];
		memset(st, 0, sizeof *st);
		snprintf(st->name, sizeof st->name, "%s", name);
		st->file_lsn = o->file_lsn;
		st->expect_lsn = want;
		st->action = STALE_FOUND;
		r->found++;
	}
	return QM_OK;
}

static struct ruow *ruow_get(struct replay *r, uint64_t id, int create)
{
	for (struct ruow *u = r->uows; u; u = u->next)
		if (u->id == id)
			return u;
	if (!create)
		return NULL;
	struct ruow *u = calloc(1, sizeof *u);
	if (!u)
		return NULL;
	u->id = id;
	uow_init(&u->u, ++r->engine_ids);
	u->next = r->uows;
	r->uows = u;
	return u;
}

static void ruow_drop(struct replay *r, struct ruow *x)
{
	for (struct ruow **pp = &r->uows; *pp; pp = &(*pp)->next)
		if (*pp == x) {
			*pp = x->next;
			free(x);
			return;
		}
}

static struct qobj *replay_queue(struct replay *r, const char *name)
{
	if (r->only)
		return r->only->q && strcmp(r->only->def.name, name) == 0 ? r->only : NULL;
	struct qobj *o = qm_qfind(r->qm, name);
	return o && o->q && !o->damaged ? o : NULL;
}

/* End a replayed unit of work: commit, or back out (counted when the
 * record at lsn is newer than the queue's file; lsn 0: in flight, counted). */
static void ruow_end(struct replay *r, struct ruow *x, int commit, uint64_t lsn)
{
	for (struct qmsg *m = uow_first(&x->u), *nx; m; m = nx) {
		nx = uow_next(m);
		struct queue *q = qmsg_queue(m);
		struct qobj *o = q ? q->user : NULL;
		if (qmsg_put_uow(m) == x->u.id) {
			if (commit) {
				queue_commit_put(m);
			} else {
				pmap_del(&r->map, qmsg_put_lsn(m));
				queue_backout_put(m);
			}
		} else {
			if (commit) {
				pmap_del(&r->map, qmsg_put_lsn(m));
				queue_commit_get(m);
			} else {
				queue_backout_get(m);
				if (lsn && o && lsn < o->file_lsn && m->backout > 0) {
					m->backout--;   /* the store counted it already */
					if (m->mem)
						m->mem->md.BackoutCount = m->backout;
					if (q->nchg && q->chg[q->nchg - 1].put_lsn == qmsg_put_lsn(m))
						q->nchg--;   /* and nothing changes for the store */
				}
			}
		}
	}
}

/* Remove the queue's messages put before lsn. */
static void drop_before(struct replay *r, struct qobj *o, uint64_t lsn)
{
	for (struct qmsg *m = queue_first(o->q), *nx; m; m = nx) {
		nx = queue_next(m);
		if (qmsg_put_lsn(m) && qmsg_put_lsn(m) < lsn) {
			pmap_del(&r->map, qmsg_put_lsn(m));
			queue_remove(o->q, m);
			qmsg_free(m);
		}
	}
}

/* A unit of work's put or get on a queue the replay skips: if the queue is
 * damaged and the unit still in flight at the end of the log, the queue is
 * needed for the start (MQ: rebuilt from its image with linear logging, or
 * the start fails). */
static int note_damaged_touch(struct replay *r, uint64_t uow, const char *name)
{
	if (!uow || r->only)
		return QM_OK;
	struct qobj *o = qm_qfind(r->qm, name);
	if (!o || !o->damaged || !o->q)
		return QM_OK;
	if (r->ndt == r->capdt) {
		size_t nc = r->capdt ? 2 * r->capdt : 16;
		struct dtouch *nv = realloc(r->dt, nc * sizeof *nv);
		if (!nv)
			return QM_ENOMEM;
		r->dt = nv;
		r->capdt = nc;
	}
	r->dt[r->ndt++] = (struct dtouch){ uow, o };
	return QM_OK;
}

/* Media recovery: a definition record of the object being rebuilt.  A
 * create after its image means it was deleted and defined again: its
 * messages before that are gone. */
static int replay_only_def(struct replay *r, const struct log_rec_hdr *h, const struct objdef *d)
{
	struct qobj *o = r->only;
	const char *name = d->type == OBJDEF_QMGR ? r->qm->paths.name : d->name;
	if (d->type != o->def.type || strcmp(name, o->def.type == OBJDEF_QMGR ? r->qm->paths.name : o->def.name) != 0)
		return QM_OK;
	if (h->lsn <= r->image_lsn)
		return QM_OK;   /* the image has it */
	if (h->type == LOG_REC_OBJ_CREATE && o->q)
		drop_before(r, o, h->lsn);
	int fifo = o->def.msg_delivery_sequence == MQMDS_FIFO;
	o->def = *d;
	o->def_lsn = h->lsn;
	if (o->q && fifo != (d->msg_delivery_sequence == MQMDS_FIFO))
		queue_set_fifo(o->q, !fifo);
	return QM_OK;
}

static int replay_one(struct replay *r, const struct log_record *rec)
{
	struct qm *qm = r->qm;
	const struct log_rec_hdr *h = &rec->hdr;
	struct ruow *x = NULL;
	int check_base = 1;
	if (!r->only && qm->backup_base && h->lsn >= qm->backup_base && (h->type == LOG_REC_OBJ_CREATE ||
	    h->type == LOG_REC_OBJ_DELETE || h->type == LOG_REC_OBJ_ALTER)) {
		struct qobj *gone;   /* a definition after a backup's copy: followed (backup.c) */
		int rc = store_backup_def(qm, h, rec->data, rec->len, &gone, r->note, sizeof r->note);
		for (size_t i = 0; gone && i < r->ndt; i++)
			if (r->dt[i].o == gone)
				r->dt[i--] = r->dt[--r->ndt];
		if (gone)
			drop_all_msgs(gone, &r->map);
		if (rc || (gone && (rc = store_backup_gone(qm, gone, h->lsn, r->note, sizeof r->note)) != QM_OK))
			return rc;
	}
	if (h->uow && (h->type == LOG_REC_MSG_PUT || h->type == LOG_REC_MSG_GET)) {
		if (!(x = ruow_get(r, h->uow, 1)))
			return QM_ENOMEM;
		x->records++;
	}
	switch (h->type) {
	case LOG_REC_MSG_PUT: {
		struct qmlog_put p;
		if (qmlog_dec_put(rec->data, rec->len, &p))
			return QM_ECORRUPT;
		struct qobj *o = replay_queue(r, p.qname);
		if (!o)
			return note_damaged_touch(r, h->uow, p.qname);
		if (pmap_get(&r->map, h->lsn))
			return QM_OK;
		MQMD md;
		memcpy(&md, p.m.mqmd, sizeof md);
		struct qmsg *m = qmsg_new(&md, p.data, p.m.data_len);
		if (!m)
			return QM_ENOMEM;
		m->mem->seq = p.m.seq;
		m->mem->put_lsn = h->lsn;
		m->mem->expiry_ms = p.m.expiry_ms < 0 ? 0 : p.m.expiry_ms;
		int rc = queue_add(o->q, m, x ? &x->u : NULL);
		if (rc) {
			qmsg_free(m);
			return rc;
		}
		return pmap_put(&r->map, h->lsn, m);
	}
	case LOG_REC_MSG_GET: {
		struct qmlog_msgref g;
		if (qmlog_dec_get(rec->data, rec->len, &g))
			return QM_ECORRUPT;
		struct qmsg *m = pmap_get(&r->map, g.put_lsn);
		struct qobj *o = m ? replay_queue(r, g.qname) : NULL;
		if (!m)
			return note_damaged_touch(r, h->uow, g.qname);   /* (a damaged queue has none in the map) */
		if (!o || !qmsg_on_queue(m))
			return QM_OK;   /* (the map holds only messages on their queues: the record's) */
		if (x) {
			if (qmsg_put_uow(m) == 0 && qmsg_get_uow(m) == 0)
				return queue_hide(o->q, m, &x->u) == QM_ENOMEM ? QM_ENOMEM : QM_OK;
			return QM_OK;
		}
		pmap_del(&r->map, g.put_lsn);
		queue_remove(o->q, m);
		qmsg_free(m);
		return QM_OK;
	}
	case LOG_REC_CKPT_END: {
		struct qmlog_ckpt_end c;
		if (r->only)
			return QM_OK;
		if (qm->backup_base && h->lsn >= qm->backup_base)
			check_base = 0;   /* the original's files, not a backup's copies (backup.c) */
		if (qmlog_dec_ckpt_end(rec->data, rec->len, &c))
			return QM_ECORRUPT;
		int rc = check_base ? check_files(r, &c) : QM_OK;
		return rc ? rc : media_from_ckpt(r, &c);
	}
	case LOG_REC_UOW_COMMIT:
	case LOG_REC_UOW_BACKOUT:
		if ((x = ruow_get(r, h->uow, 0)) != NULL) {
			x->records++;
			ruow_end(r, x, h->type == LOG_REC_UOW_COMMIT, h->lsn);
			ruow_drop(r, x);
		}
		return QM_OK;
	case LOG_REC_Q_CLEAR: {
		struct qmlog_msgref g;
		if (qmlog_dec_clear(rec->data, rec->len, &g))
			return QM_ECORRUPT;
		struct qobj *o = replay_queue(r, g.qname);
		if (o)
			drop_before(r, o, h->lsn);
		return QM_OK;
	}
	case LOG_REC_OBJ_CREATE:
	case LOG_REC_OBJ_ALTER: {
		struct objdef d;
		if (objdef_decode(rec->data, rec->len, &d, NULL, 0))
			return QM_ECORRUPT;
		if (r->only)
			return replay_only_def(r, h, &d);
		if (h->type == LOG_REC_OBJ_CREATE)   /* its first media image */
			media_note(qm, d.type, d.type == OBJDEF_QMGR ? qm->paths.name : d.name, h->lsn, h->lsn);
		if (!objdef_is_catalogued(d.type))
			return QM_OK;
		struct qobj *o = qm_ofind(qm, d.type, d.name);   /* (a process: an ALTER its file lacks) */
		if (!o || o->damaged || o->def.type != d.type)
			return QM_OK;
		if (h->type == LOG_REC_OBJ_CREATE && o->q)
			drop_before(r, o, h->lsn);
		if (h->type == LOG_REC_OBJ_ALTER && h->lsn >= o->def_lsn) {
			int fifo = o->def.msg_delivery_sequence == MQMDS_FIFO;
			o->def = d;
			o->def_dirty = 1;
			if (o->q && fifo != (d.msg_delivery_sequence == MQMDS_FIFO))
				queue_set_fifo(o->q, !fifo);
		}
		return QM_OK;
	}
	case LOG_REC_OBJ_DELETE:
		/* media recovery: the object deleted after its image (and defined
		 * again later, or it would not be recovered): nothing before counts */
		if (r->only && h->lsn > r->image_lsn && h->obj == objstore_obj_id(r->only->def.type, r->only->def.name) &&
		    r->only->q)
			drop_before(r, r->only, h->lsn);
		return QM_OK;
	case LOG_REC_MEDIA_IMAGE: {
		struct qmlog_image im;
		if (r->only)
			return QM_OK;   /* its image was loaded first (media_load_image) */
		if (qmlog_dec_image(rec->data, rec->len, &im))
			return QM_ECORRUPT;
		if (im.part == QMLOG_IMG_BEGIN && im.msgs == 0) {
			struct objdef d;
			if (objdef_decode(im.def, im.deflen, &d, NULL, 0))
				return QM_ECORRUPT;
			media_note(qm, d.type, d.type == OBJDEF_QMGR ? qm->paths.name : d.name, im.replay_from, h->lsn);
		} else if (im.part == QMLOG_IMG_END) {
			media_note(qm, OBJDEF_QLOCAL, im.qname, im.replay_from, im.begin_lsn);
		}
		return QM_OK;
	}
	default:
		return QM_OK;
	}
}

/* The error log keeps every phase of the start. */
static void errlog_watch(struct qm *qm, const struct qm_event *ev, void *arg)
{
	(void)arg;
	if (ev->kind == QM_EV_PHASE)
		errlog_write(&qm->el, ev->msgid, ev->ins, ev->nins, __FILE__, __LINE__);
}

/* Append at start: a full log is relieved by a checkpoint (no unit of work
 * is active yet), then the record goes again. */
static int start_append(struct qm *qm, uint16_t type, uint64_t uow, const void *data, size_t len, int flags,
			uint64_t *lsn)
{
	int rc = store_append(qm, type, uow, NULL, data, len, flags, lsn, NULL);
	if (rc == QM_ELOGFULL) {
		ERRLOG(&qm->el, AMQ_LOG_FULL, qm->paths.name);
		if (store_checkpoint(qm, NULL, 0, UINT64_MAX) == QM_OK)
			rc = store_append(qm, type, uow, NULL, data, len, flags, lsn, NULL);
	}
	return rc;
}

/* Where a replay must start to rebuild a file that reflects file_lsn: the
 * lowest of file_lsn and the first records of the units of work the
 * checkpoint that wrote it (CKPT_END of that CKPT_BEGIN) found active.
 * QM_ENOENT when the log no longer holds them. */
static int rebuild_start(struct qm *qm, uint64_t file_lsn, uint64_t end_lsn, uint64_t *from, char *why, size_t n)
{
	struct log_reader_opts ro = { .start = LOG_START_LSN, .lsn = file_lsn, .end_lsn = end_lsn, .logical = 1 };
	struct log_reader *rd;
	if (!file_lsn || log_reader_open(qm->paths.log_dir, &ro, &rd, why, n) != QM_OK) {
		if (!file_lsn)
			snprintf(why, n, "the file reflects no log position");
		return QM_ENOENT;
	}
	struct log_record rec;
	int k, rc = QM_ENOENT;
	char lsn[24];
	snprintf(why, n, "the log no longer holds the checkpoint at %s that wrote the file", log_lsn_str(file_lsn, lsn));
	while ((k = log_reader_next(rd, &rec)) == 1) {
		struct qmlog_ckpt_end c;
		if (rec.hdr.type != LOG_REC_CKPT_END || qmlog_dec_ckpt_end(rec.data, rec.len, &c) ||
		    c.begin_lsn != file_lsn)
			continue;
		*from = file_lsn;
		for (uint32_t i = 0; i < c.n; i++) {
			struct qmlog_ckpt_uow u;
			qmlog_ckpt_uow_at(&c, i, &u);
			if (u.first_lsn < *from)
				*from = u.first_lsn;
		}
		rc = QM_OK;
		break;
	}
	if (k < 0)
		snprintf(why, n, "%s", log_reader_error(rd));
	log_reader_close(rd);
	if (rc == QM_OK) {
		/* and the log still holds that far back */
		ro.lsn = *from;
		if (log_reader_open(qm->paths.log_dir, &ro, &rd, why, n) != QM_OK)
			return QM_ENOENT;
		k = log_reader_next(rd, &rec);
		if (k < 0) {
			snprintf(why, n, "%s", log_reader_error(rd));
			rc = QM_ENOENT;
		}
		log_reader_close(rd);
	}
	return rc;
}

/* Forget a pass: every queue, then its units of work (the messages of one
 * still open are linked into it until they are freed), the put LSN map. */
static void replay_reset(struct qm *qm, struct replay *r)
{
	qm_qobj_free_all(qm);
	while (r->uows) {
		struct ruow *x = r->uows;
		r->uows = x->next;
		free(x);
	}
	pmap_free(&r->map);
	r->ndt = 0;   /* (they pointed at the objects just freed) */
	r->records = 0;
	r->found = 0;
}

/* One pass: the queues loaded, the log replayed from start (0: the restart
 * LSN) to end_lsn.  QM_OK, or an error with why set. */
static int replay_pass(struct qm *qm, struct replay *r, uint64_t start, uint64_t end_lsn, char *why, size_t n)
{
	int rc = load_queues(qm, &r->map, r->plan);
	if (rc) {
		snprintf(why, n, "the queues could not be loaded: %s", qm_strerror(rc));
		return rc;
	}
	struct log_reader_opts ro = { .start = start ? LOG_START_LSN : LOG_START_HEAD, .lsn = start, .end_lsn = end_lsn,
				      .logical = 1, .copied = qm->backup_replay };
	struct log_reader *rd;
	rc = log_reader_open(qm->paths.log_dir, &ro, &rd, why, n);
	if (!rc) {
		struct log_record rec;
		int k;
		uint64_t from = 0;
		struct progress pg;
		progress_init(&pg);
		while ((k = log_reader_next(rd, &rec)) == 1) {
			if (!from)
				from = rec.hdr.lsn;
			if (++r->records % QM_PROGRESS_RECORDS == 0)
				qm_progress(qm, QM_PROG_REPLAY, r->records, 0, 0, rec.hdr.lsn, from, end_lsn);
			if (r->records % 1024 == 0 && progress_due(&pg)) {
				/* a long replay says how far it is (AMQ7904), every few seconds */
				char n1[24], pct[8];
				uint64_t span = end_lsn > from ? end_lsn - from : 1;
				snprintf(pct, sizeof pct, "%u", (unsigned)((rec.hdr.lsn - from) * 100 / span));
				report(qm, AMQ_REPLAY_PROGRESS, qm->paths.name, msgcat_num(n1, (long long)r->records), pct);
			}
			if ((rc = replay_one(r, &rec)) != QM_OK) {
				char lsn[24];
				snprintf(why, n, "log record at %s (%s) cannot be replayed: %s",
					 log_lsn_str(rec.hdr.lsn, lsn), log_rec_type_name(rec.hdr.type),
					 r->note[0] ? r->note : qm_strerror(rc));
				break;
			}
		}
		if (k < 0) {
			rc = k;
			snprintf(why, n, "%s", log_reader_error(rd));
			snprintf(r->missing, sizeof r->missing, "%s", log_reader_missing(rd));
		}
		r->npartial = log_reader_partials(rd, r->partial, 8);
		log_reader_close(rd);
		if (!rc)   /* the pass's whole count */
			qm_progress(qm, QM_PROG_REPLAY, r->records, 0, 0, end_lsn, from ? from : end_lsn, end_lsn);
	}
	return rc;
}

/* Defect 1: the first parts of a record whose last part never reached the
 * disk were never acknowledged; the reader left them out, and this says so. */
static void say_partials(struct qm *qm, const struct replay *r)
{
	int n = r->npartial < 8 ? r->npartial : 8;
	for (int i = 0; i < n; i++) {
		char a[24], b[24], parts[16];
		snprintf(parts, sizeof parts, "%u", r->partial[i].parts);
		ERRLOG(&qm->el, AMQ_LOG_RECORD_UNFINISHED, qm->paths.name, log_lsn_str(r->partial[i].first_lsn, a),
		       log_lsn_str(r->partial[i].last_lsn, b), parts);
	}
}

/* The stale files a pass found: rebuilt from the log when it still holds
 * what they need (the caller replays again from *from), damaged otherwise;
 * each said with AMQ7900.  Returns 1 when a new pass is needed. */
static int plan_stale(struct qm *qm, struct replay_plan *pl, uint64_t end_lsn, uint64_t *from)
{
	int again = 0;
	for (size_t i = 0; i < pl->n; i++) {
		struct stale *st = &pl->v[i];
		if (st->action != STALE_FOUND)
			continue;
		char why[512], what[700], l1[24], l2[24], l3[24];
		if (rebuild_start(qm, st->file_lsn, end_lsn, &st->from_lsn, why, sizeof why) == QM_OK) {
			st->action = STALE_REBUILD;
			if (st->from_lsn < *from)
				*from = st->from_lsn;
			again = 1;
			snprintf(what, sizeof what, "it reflects the log to %s, the last checkpoint wrote it at %s; it is "
				 "rebuilt from the log from %s", log_lsn_str(st->file_lsn, l1),
				 log_lsn_str(st->expect_lsn, l2), log_lsn_str(st->from_lsn, l3));
		} else {
			st->action = STALE_DAMAGED;
			snprintf(what, sizeof what, "it reflects the log to %s, the last checkpoint wrote it at %s, and %s; it is "
				 "marked damaged", log_lsn_str(st->file_lsn, l1), log_lsn_str(st->expect_lsn, l2), why);
			ERRLOG(&qm->el, AMQ_OBJECT_DAMAGED, st->name, "qlocal");
			again = 1;   /* load it again as damaged, with nothing replayed into it */
		}
		ERRLOG(&qm->el, AMQ_OBJECT_STALE, qm->paths.name, st->name, what, log_lsn_str(st->file_lsn, l1));
	}
	return again;
}

static int replay_log(struct qm *qm, uint64_t end_lsn, int *exit_code)
{
	struct replay_plan plan = { 0 };
	struct replay r = { .qm = qm, .plan = &plan };
	struct log_info li;
	char why[512];
	int rc = log_info(qm->lg, &li);
	plan.keep_lsn = li.head_lsn;
	uint64_t start = 0, from = li.head_lsn;
	/* a stale file found means one more pass, from further back (rebuilt)
	 * or without it (damaged); each pass can only add to the plan */
	for (int pass = 0; !rc; pass++) {
		rc = replay_pass(qm, &r, start, end_lsn, why, sizeof why);
		if (rc || !r.found || pass == 3)
			break;
		if (!plan_stale(qm, &plan, end_lsn, &from))
			break;
		replay_reset(qm, &r);
		start = from;
	}
	free(plan.v);
	if (!rc)
		say_partials(qm, &r);
	if (rc) {
		if (r.missing[0])   /* AMQ6767 only for an extent missing or not openable */
			ERRLOG(&qm->el, AMQ_LOG_FILE_NOT_OPENED, r.missing, why);
		ERRLOG(&qm->el, AMQ_LOG_NOT_AVAILABLE, qm->paths.name, why);
		qm_start_fail(qm, RC_LOG_UNAVAILABLE, NULL, AMQ_LOG_NOT_AVAILABLE, qm->paths.name, why, NULL);
		*exit_code = RC_LOG_UNAVAILABLE;
		pmap_free(&r.map);
		free(r.dt);
		return rc;
	}
	char n1[24], n2[24];
	report(qm, AMQ_REPLAY_RECORDS, msgcat_num(n1, (long long)r.records), qm->paths.name, NULL);
	report(qm, AMQ_REPLAY_COMPLETE, qm->paths.name, NULL, NULL);

	/* recovery: back out the units of work that did not end */
	uint64_t inflight = 0, recs = 0;
	for (struct ruow *x = r.uows; x; x = x->next) {
		inflight++;
		recs += x->records;
	}
	for (size_t i = 0; i < r.ndt; i++)
		if (ruow_get(&r, r.dt[i].uow, 0))
			r.dt[i].o->start_needs = 1;
	free(r.dt);
	report(qm, AMQ_RECOVERY_RECORDS, msgcat_num(n1, (long long)recs), qm->paths.name, NULL);
	report(qm, AMQ_TXN_STATE_RECOVERED, qm->paths.name, NULL, NULL);
	uint64_t resolved = 0;
	while (r.uows) {
		struct ruow *x = r.uows;
		uint8_t buf[32];
		struct qmlog_uow u = { .time_ms = qm_now_ms(), .ops = x->records };
		int k = qmlog_enc_uow(buf, sizeof buf, &u);
		uint64_t lsn;
		if (start_append(qm, LOG_REC_UOW_BACKOUT, x->id, buf, (size_t)k, LOG_APPEND_RESTART, &lsn) == QM_OK)
			resolved++;
		ruow_end(&r, x, 0, 0);
		ruow_drop(&r, x);
	}
	if (inflight)
		report(qm, AMQ_TXN_RESOLVED, msgcat_num(n1, (long long)resolved), msgcat_num(n2, (long long)inflight),
		       qm->paths.name);
	pmap_free(&r.map);
	qm->nwoken = 0;
	return QM_OK;
}

/* A backup's replay (backup.c): the catalog and queue files loaded and the
 * log from the restart LSN to end_lsn applied in memory, nothing written; the
 * units of work still in flight stay so (the next replay or the start after
 * strmqm -a resolves them).  Then everything loaded is freed again. */
int store_replay_only(struct qm *qm, uint64_t end_lsn, struct store_replay_stats *st, char *why, size_t n)
{
	struct replay_plan plan = { 0 };
	struct replay r = { .qm = qm, .plan = &plan };
	memset(st, 0, sizeof *st);
	int rc = replay_pass(qm, &r, 0, end_lsn, why, n);
	if (!rc && r.found) {
		snprintf(why, n, "queue %s's file is older than the copy's checkpoints say: the data folder is not a "
			 "consistent copy", plan.v[0].name);
		rc = QM_ECORRUPT;
	}
	if (rc && r.missing[0])
		snprintf(st->missing, sizeof st->missing, "%s", r.missing);
	st->records = r.records;
	st->npartial = r.npartial;
	if (r.npartial)
		st->partial_lsn = r.partial[0].first_lsn;
	for (struct ruow *x = r.uows; x; x = x->next)
		st->inflight++;
	for (unsigned i = 0; i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; o; o = o->hnext)
			if (o->q && !o->damaged)
				st->messages += o->q->depth;
	replay_reset(qm, &r);
	free(plan.v);
	free(r.dt);
	return rc;
}

/* ---- media recovery ------------------------------------------------------------------------ */

static int same_object(const struct objdef *d, const struct qobj *o)
{
	if (d->type != o->def.type)
		return 0;
	return d->type == OBJDEF_QMGR || strcmp(d->name, o->def.name) == 0;
}

/* A message of a MEDIA_IMAGE MSGS part onto the queue being rebuilt. */
static int image_msg_add(struct replay *r, const struct objfile_msg *h, const uint8_t *data)
{
	struct qobj *o = r->only;
	if (!h->put_lsn || pmap_get(&r->map, h->put_lsn))
		return QM_ECORRUPT;   /* every message of an image is persistent, and there once */
	MQMD md;
	memcpy(&md, h->mqmd, sizeof md);
	md.BackoutCount = h->backout_count;
	struct qmsg *m = qmsg_new(&md, data, h->data_len);
	if (!m)
		return QM_ENOMEM;
	m->mem->seq = h->seq;
	m->mem->put_lsn = h->put_lsn;
	m->mem->expiry_ms = h->expiry_ms < 0 ? 0 : h->expiry_ms;
	m->backout = h->backout_count;
	int rc = queue_add(o->q, m, NULL);
	if (rc) {
		qmsg_free(m);
		return rc;
	}
	return pmap_put(&r->map, h->put_lsn, m);
}

/* The first half of media recovery: the object's latest image, read from
 * r->image_lsn (an OBJ_CREATE or OBJ_ALTER record holding the whole
 * definition, or a MEDIA_IMAGE BEGIN and its parts up to END). */
static int media_load_image(struct replay *r, uint64_t end_lsn, char *why, size_t n)
{
	struct qm *qm = r->qm;
	struct qobj *o = r->only;
	char l1[24];
	struct log_reader_opts ro = { .start = LOG_START_LSN, .lsn = r->image_lsn, .end_lsn = end_lsn, .logical = 1 };
	struct log_reader *rd;
	int rc = log_reader_open(qm->paths.log_dir, &ro, &rd, why, n);
	if (rc) {
		snprintf(r->missing, sizeof r->missing, "%s", "");
		return rc;
	}
	struct log_record rec;
	int k, begun = 0, done = 0;
	uint64_t want = 0, got = 0, bytes = 0;
	uint64_t oid = objstore_obj_id(o->def.type, o->def.type == OBJDEF_QMGR ? qm->paths.name : o->def.name);
	rc = QM_OK;
	while (!rc && !done && (k = log_reader_next(rd, &rec)) == 1) {
		const struct log_rec_hdr *h = &rec.hdr;
		if (!begun) {
			struct objdef d;
			struct qmlog_image im;
			begun = 1;
			rc = QM_ECORRUPT;
			snprintf(why, n, "the log record at %s is not a media image of the object",
				 log_lsn_str(r->image_lsn, l1));
			if (h->lsn != r->image_lsn)
				break;
			if ((h->type == LOG_REC_OBJ_CREATE || h->type == LOG_REC_OBJ_ALTER) &&
			    !objdef_decode(rec.data, rec.len, &d, NULL, 0) && same_object(&d, o)) {
				o->def = d;
				rc = QM_OK;
				done = 1;
			} else if (h->type == LOG_REC_MEDIA_IMAGE && !qmlog_dec_image(rec.data, rec.len, &im) &&
				   im.part == QMLOG_IMG_BEGIN && !objdef_decode(im.def, im.deflen, &d, NULL, 0) &&
				   same_object(&d, o)) {
				o->def = d;
				want = im.msgs;
				rc = QM_OK;
				done = want == 0;
				if (!done && !o->q)
					rc = QM_ECORRUPT;
			}
			if (!rc && o->q)
				queue_set_fifo(o->q, o->def.msg_delivery_sequence == MQMDS_FIFO);
			continue;
		}
		struct qmlog_image im;
		if (h->type != LOG_REC_MEDIA_IMAGE || h->obj != oid)
			continue;
		if (qmlog_dec_image(rec.data, rec.len, &im) || (im.part != QMLOG_IMG_BEGIN && strcmp(im.qname, o->def.name))) {
			snprintf(why, n, "the media image part at %s is not valid", log_lsn_str(h->lsn, l1));
			rc = QM_ECORRUPT;
		} else if (im.part == QMLOG_IMG_MSGS) {
			size_t pos = 0;
			struct objfile_msg mh;
			const uint8_t *data;
			int x;
			while (!rc && (x = qmlog_image_msg_next(&im, &pos, &mh, &data)) == 1) {
				rc = image_msg_add(r, &mh, data);
				got++;
				bytes += mh.data_len;
			}
			if (!rc && x < 0)
				rc = x;
			if (rc)
				snprintf(why, n, "the media image part at %s cannot be loaded: %s", log_lsn_str(h->lsn, l1),
					 qm_strerror(rc));
		} else if (im.part == QMLOG_IMG_END && im.begin_lsn == r->image_lsn) {
			done = 1;
			if (im.msgs != got || im.bytes != bytes || got != want) {
				snprintf(why, n, "the media image at %s holds %llu messages, its end says %llu",
					 log_lsn_str(r->image_lsn, l1), (unsigned long long)got, (unsigned long long)im.msgs);
				rc = QM_ECORRUPT;
			}
		}
	}
	if (!rc && !done) {
		if (k < 0) {
			snprintf(why, n, "%s", log_reader_error(rd));
			snprintf(r->missing, sizeof r->missing, "%s", log_reader_missing(rd));
			rc = k;
		} else {
			snprintf(why, n, "the media image at %s is not complete in the log", log_lsn_str(r->image_lsn, l1));
			rc = QM_ECORRUPT;
		}
	}
	log_reader_close(rd);
	return rc;
}

int store_queue_reload(struct qm *qm, struct qobj *o, char *err, size_t n)
{
	struct pmap map = { 0 };
	uint64_t lsn = 0;
	queue_discard(o->q);
	qstore_close(o->store);
	o->store = NULL;
	queue_changes_clear(o->q);   /* a new store: what the old one was to be told is moot */
	uint64_t msgs = 0;
	int rc = load_store(qm, o, &map, &lsn, err, n, &msgs, 0);
	pmap_free(&map);
	if (rc) {
		queue_discard(o->q);
		qstore_close(o->store);
		o->store = NULL;
		return rc;
	}
	o->file_lsn = lsn;
	return QM_OK;
}

int store_media_replay(struct qm *qm, struct qobj *o, uint64_t end_lsn, int open_out, char *missing, size_t mlen,
		       char *why, size_t n)
{
	struct replay r = { .qm = qm, .only = o, .image_lsn = o->image_lsn };
	char l1[24];
	missing[0] = 0;
	if (!o->image_lsn || !o->media_lsn) {
		snprintf(why, n, "no media image of it is known");
		return QM_ENOENT;
	}
	o->file_lsn = o->def_lsn = o->image_lsn;
	int rc = media_load_image(&r, end_lsn, why, n);
	if (!rc) {
		struct log_reader_opts ro = { .start = LOG_START_LSN, .lsn = o->media_lsn, .end_lsn = end_lsn,
					      .logical = 1 };
		struct log_reader *rd;
		rc = log_reader_open(qm->paths.log_dir, &ro, &rd, why, n);
		if (!rc) {
			struct log_record rec;
			int k;
			while ((k = log_reader_next(rd, &rec)) == 1)
				if ((rc = replay_one(&r, &rec)) != QM_OK) {
					snprintf(why, n, "log record at %s (%s) cannot be replayed: %s",
						 log_lsn_str(rec.hdr.lsn, l1), log_rec_type_name(rec.hdr.type),
						 qm_strerror(rc));
					break;
				}
			if (!rc && k < 0) {
				rc = k;
				snprintf(why, n, "%s", log_reader_error(rd));
				snprintf(r.missing, sizeof r.missing, "%s", log_reader_missing(rd));
			}
			log_reader_close(rd);
		}
	}
	/* units of work still open at end_lsn: as of then not committed (a copy
	 * as of a point in time: backed out, with the backout counts as they
	 * were, which ruow_end leaves alone for a record older than the file);
	 * at the end of the log: in flight now */
	if (!rc && open_out) {
		o->file_lsn = UINT64_MAX;
		while (r.uows) {
			struct ruow *x = r.uows;
			ruow_end(&r, x, 0, 1);
			ruow_drop(&r, x);
		}
	}
	for (struct ruow *x = r.uows; !rc && x; x = x->next)
		for (struct qmsg *m = uow_first(&x->u); m; m = uow_next(m))
			if (o->q && qmsg_queue(m) == o->q) {
				snprintf(why, n, "a unit of work in flight has changed it: commit or back it out, then try again");
				rc = QM_EBUSY;
				break;
			}
	if (rc && o->q)
		queue_discard(o->q);   /* (before the units of work its messages may link to go) */
	while (r.uows) {
		struct ruow *x = r.uows;
		r.uows = x->next;
		free(x);   /* none holds a message of o now */
	}
	pmap_free(&r.map);
	snprintf(missing, mlen, "%s", r.missing);
	return rc;
}

/* ---- start ------------------------------------------------------------------------------- */

static void hex_id(const uint8_t id[16], char out[33])
{
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", id[i]);
}

/* The queue manager of mqs.ini whose QMANAGER file carries identity id
 * (for messages that name both sides); "" when none does. */
static void qmgr_with_identity(const uint8_t id[16], char *out, size_t n)
{
	char path[PATH_MAX], err[256];
	struct mqs_ini m;
	snprintf(out, n, "%s", "");
	if (cfg_mqs_path(path, sizeof path) || mqs_load(&m, path, err, sizeof err))
		return;
	for (int i = 0; i < m.nqmgrs && !out[0]; i++) {
		char dir[PATH_MAX];
		struct objdef d;
		if (mqs_qmgr_data_dir(&m.qmgrs[i], dir, sizeof dir) == QM_OK &&
		    objfile_read_qmgr(dir, NULL, &d, NULL, err, sizeof err) == QM_OK &&
		    memcmp(d.identity, id, 16) == 0)
			snprintf(out, n, "%s", m.qmgrs[i].name);
	}
	mqs_release(&m);
}

/* Issue 9 defect 8: the folder and the log must be this queue manager's.
 * The QMANAGER file names the queue manager its folder was made for, and its
 * identity is stamped in the log's control file and every extent: a Directory
 * or a LogPath that names another queue manager's files is refused before
 * anything is read from (or written to) them. */
static int check_identity(struct qm *qm, int *exit_code)
{
	if (strcmp(qm->os.qmgr.name, qm->paths.name) != 0) {
		char why[PATH_MAX + 128];
		snprintf(why, sizeof why, "%s/qmanager/QMANAGER names queue manager '%s'", qm->paths.data_dir,
			 qm->os.qmgr.name);
		ERRLOG(&qm->el, AMQ_QMGR_DIR_WRONG, qm->paths.name, qm->os.qmgr.name, why);
		qm_start_fail(qm, RC_UNEXPECTED, why, AMQ_QMGR_DIR_WRONG, qm->paths.name, qm->os.qmgr.name, why,
			      NULL);
		*exit_code = RC_UNEXPECTED;
		return QM_EFOREIGN;
	}
	struct logctl c;
	char why[512];
	if (logctl_read(qm->paths.log_dir, &c, why, sizeof why) != QM_OK)
		return QM_OK;   /* log_open says what is wrong with the log */
	if (memcmp(c.qmid, qm->os.qmgr.identity, 16) == 0)
		return QM_OK;
	char other[CFG_QMNAME_MAX + 64], hex[33], detail[PATH_MAX + 256];
	qmgr_with_identity(c.qmid, other, sizeof other);
	if (!other[0])
		snprintf(other, sizeof other, "%s", "a queue manager not in mqs.ini");
	else {
		char q[CFG_QMNAME_MAX + 4];
		snprintf(q, sizeof q, "'%s'", other);
		snprintf(other, sizeof other, "queue manager %s", q);
	}
	hex_id(c.qmid, hex);
	snprintf(detail, sizeof detail, "the log in %s belongs to %s (identity %s), not to '%s'", qm->paths.log_dir,
		 other, hex, qm->paths.name);
	ERRLOG(&qm->el, AMQ_LOG_WRONG_QMGR, qm->paths.name, qm->paths.log_dir, other, hex);
	ERRLOG(&qm->el, AMQ_LOG_NOT_AVAILABLE, qm->paths.name, detail);
	qm_start_fail(qm, RC_LOG_UNAVAILABLE, detail, AMQ_LOG_WRONG_QMGR, qm->paths.name, qm->paths.log_dir, other,
		      hex, NULL);
	*exit_code = RC_LOG_UNAVAILABLE;
	return QM_EFOREIGN;
}

/* With linear logging, every queue found damaged is rebuilt from its media
 * image now (MQ does so for those the start needs; all of them here,
 * so that a restart after damage leaves nothing for rcrmqobj to do).  One
 * that a unit of work in flight at the crash touched and that cannot be
 * rebuilt stops the start, saying which and why; the others stay damaged
 * (AMQ7472).  With circular logging they stay damaged, their uncommitted
 * messages ignored, as MQ does. */
static int recover_damaged(struct qm *qm, int *exit_code)
{
	struct log_info li;
	if (log_info(qm->lg, &li) != QM_OK || li.type != LOG_LINEAR)
		return QM_OK;
	for (unsigned i = 0; i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; o; o = o->hnext) {
			if (!o->damaged || o->temp)
				continue;
			char why[1024] = "", missing[64] = "";
			int rc = store_media_recoverable(qm, o)
				 ? store_media_recreate(qm, o, missing, sizeof missing, why, sizeof why)
				 : (snprintf(why, sizeof why, "it is not recoverable (IMGRCOVQ)"), QM_EINVAL);
			if (!rc) {
				report(qm, AMQ_OBJECT_RECREATED, o->def.name, objdef_type_name(o->def.type));
				continue;
			}
			if (missing[0])
				ERRLOG(&qm->el, AMQ_LOG_FILE_NOT_OPENED, missing, why);
			ERRLOG(&qm->el, AMQ_OBJECT_NOT_RECREATED, o->def.name, objdef_type_name(o->def.type), why);
			if (o->start_needs) {
				qm_start_fail(qm, RC_UNEXPECTED, why, AMQ_OBJECT_NOT_RECREATED, o->def.name,
					      objdef_type_name(o->def.type), why, NULL);
				*exit_code = RC_UNEXPECTED;
				return rc;
			}
		}
	return QM_OK;
}

int store_start(struct qm *qm, int *exit_code)
{
	char err[CFG_ERR_MAX + 256];
	*exit_code = RC_UNEXPECTED;
	int rc = qm_config_load(&qm->cfg, qm->paths.qm_ini, err, sizeof err);
	errlog_open_qm(&qm->el, qm->paths.data_dir, qm->paths.name, rc ? 0 : qm->cfg.error_log_size);
	qm_watch(qm, errlog_watch, NULL);
	if (rc) {
		ERRLOG(&qm->el, AMQ_CFG_BAD_VALUE, qm->paths.qm_ini, err);
		qm_start_fail(qm, RC_UNEXPECTED, NULL, AMQ_CFG_BAD_VALUE, qm->paths.qm_ini, err, NULL);
		return rc;
	}
	cfg_warnings_log(&qm->cfg.warnings, &qm->el);
	ERRLOG(&qm->el, AMQ_PRODUCT_BANNER, QM_VERSION_TEXT, "quire");

	/* the objects first: they say whose folder this is and whose log to expect */
	rc = objstore_open(&qm->os, qm->paths.data_dir, NULL, err, sizeof err);
	qm->os.el = &qm->el;
	if (rc) {
		/* the queue manager object damaged: re-created from the log when it
		 * is linear (as MQ), else the start fails saying why */
		char why[1024] = "";
		ERRLOG(&qm->el, AMQ_OBJECT_DAMAGED, qm->paths.name, "qmgr");
		objstore_close(&qm->os);
		if (store_media_qmgr_rebuild(qm, why, sizeof why) == QM_OK &&
		    (rc = objstore_open(&qm->os, qm->paths.data_dir, NULL, err, sizeof err)) == QM_OK) {
			report(qm, AMQ_OBJECT_RECREATED, qm->paths.name, "qmgr");
		} else {
			if (!rc)
				rc = QM_EDAMAGED;
			char detail[CFG_ERR_MAX + 1600];
			snprintf(detail, sizeof detail, "%s; %s", err, why);
			ERRLOG(&qm->el, AMQ_OBJECT_NOT_RECREATED, qm->paths.name, "qmgr", why);
			qm_start_fail(qm, RC_UNEXPECTED, detail, AMQ_OBJECT_DAMAGED, qm->paths.name, "qmgr", NULL);
			return rc;
		}
	}
	if ((rc = check_identity(qm, exit_code)) != QM_OK || (rc = store_backup_start(qm, exit_code)) != QM_OK)
		return rc;   /* (a backup queue manager starts only once activated) */

	struct log_open_report rep;
	memset(&rep, 0, sizeof rep);
	rc = log_open(qm->paths.log_dir, LOG_OPEN_WRITE, (uint32_t)cfg_log_buffer_pages(qm->cfg.log.buffer_pages),
		      &qm->lg, &rep);
	if (rc) {
		const char *why = rep.why[0] ? rep.why : qm_strerror(rc);
		if (rep.missing[0])   /* AMQ6767 only for an extent missing or not openable */
			ERRLOG(&qm->el, AMQ_LOG_FILE_NOT_OPENED, rep.missing, why);
		ERRLOG(&qm->el, AMQ_LOG_NOT_AVAILABLE, qm->paths.name, why);
		qm_start_fail(qm, RC_LOG_UNAVAILABLE, NULL, AMQ_LOG_NOT_AVAILABLE, qm->paths.name, why, NULL);
		*exit_code = RC_LOG_UNAVAILABLE;
		return rc;
	}
	if (rep.cut_lsn) {
		char lsn[20], bytes[24];
		snprintf(bytes, sizeof bytes, "%llu", (unsigned long long)rep.cut_bytes);
		ERRLOG(&qm->el, AMQ_LOG_TAIL_CUT, qm->paths.name, log_lsn_str(rep.cut_lsn, lsn), bytes, rep.why);
	}
	qm->next_log_uow_id = rep.end_lsn;
	qm->id_counter = (uint64_t)qm_now_ms() * 1000u << 8;

	qm->os.lg = qm->lg;
	/* qm.ini's LogPrimaryFiles and LogSecondaryFiles take effect now (defect 3) */
	struct log_info li;
	if (log_info(qm->lg, &li) == QM_OK &&
	    (li.primary != (uint32_t)qm->cfg.log.primary_files || li.secondary != (uint32_t)qm->cfg.log.secondary_files)) {
		char why[256], p1[16], s1[16];
		if (log_set_limits(qm->lg, (uint32_t)qm->cfg.log.primary_files, (uint32_t)qm->cfg.log.secondary_files, why,
				   sizeof why) != QM_OK) {
			snprintf(p1, sizeof p1, "%u", li.primary);
			snprintf(s1, sizeof s1, "%u", li.secondary);
			ERRLOG(&qm->el, AMQ_LOG_LIMITS_KEPT, qm->paths.name, p1, s1, why);
		}
	}
	/* ... and LogManagement (linear logs; a failure to write the control
	 * file fails the log, which the replay below reports) */
	if (li.type == LOG_LINEAR && li.mgmt != (uint32_t)qm->cfg.log.management) {
		char why[256];
		(void)log_set_management(qm->lg, (uint32_t)qm->cfg.log.management, why, sizeof why);
	}
	if ((rc = replay_log(qm, rep.end_lsn, exit_code)) != QM_OK)
		return rc;
	if ((rc = recover_damaged(qm, exit_code)) != QM_OK)
		return rc;

	uint8_t buf[64];
	struct qmlog_start st = { .time_ms = qm_now_ms(), .pid = (uint32_t)qm->pid };
	snprintf(st.version, sizeof st.version, "%s", QM_VERSION_TEXT);
	int k = qmlog_enc_start(buf, sizeof buf, &st);
	uint64_t lsn;
	/* reserved: a start always has room for its own records (defect 3) */
	rc = k < 0 ? k : start_append(qm, LOG_REC_QMGR_START, 0, buf, (size_t)k, LOG_APPEND_RESTART, &lsn);
	if (!rc)
		rc = store_checkpoint(qm, NULL, 0, UINT64_MAX);
	if (rc) {
		char why[600];
		if (log_last_error(qm->lg, why, sizeof why) == QM_OK)
			snprintf(why, sizeof why, "%s", qm_strerror(rc));
		ERRLOG(&qm->el, AMQ_LOG_NOT_AVAILABLE, qm->paths.name, why);
		qm_start_fail(qm, RC_LOG_UNAVAILABLE, NULL, AMQ_LOG_NOT_AVAILABLE, qm->paths.name, why, NULL);
		*exit_code = RC_LOG_UNAVAILABLE;
		return rc;
	}
	if ((rc = store_backup_started(qm, exit_code)) != QM_OK)
		return rc;
	*exit_code = 0;
	return QM_OK;
}
