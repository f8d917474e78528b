/*
 * qtable.h: the queue objects the running queue manager knows (local, alias,
 * model, remote queues; the queue manager object lives in the objstore): a
 * hash table by name in struct qm, each entry a struct qobj holding the
 * definition and, for a local queue, its queue of messages (queue.h).
 * Process definitions live in the same table (def.type OBJDEF_PROCESS, no
 * queue) in a namespace of their own: qm_qfind never returns one, qm_pfind
 * only those, so a process may have a queue's name, as in MQ.  Topic objects
 * (OBJDEF_TOPIC) likewise, in a third namespace (qm_tfind), and channels,
 * listeners and authentication information objects each in theirs
 * (qm_ofind, by objdef_namespace()).  They are here
 * so that checkpoints, media images and restart treat them as they treat
 * alias and model queues.
 *
 *   qm_qobj_new(qm, &def, &o);   a new object (a local queue gets its queue,
 *                                with the queue manager's hooks)
 *   qm_qinsert(qm, o);           QM_EEXIST when the name is taken (in its namespace)
 *   o = qm_qfind(qm, "Q1");      NULL when unknown
 *   qm_qremove(qm, o); qm_qobj_destroy(qm, o);   messages and all
 *   qm_qobj_free_all(qm);        shutdown
 *
 * Who fills it: the store at restart (every object of the catalog), the
 * server for dynamic queues and the administration callbacks (DEFINE,
 * DELETE through runmqsc).
 */
#ifndef QUIRE_QTABLE_H
#define QUIRE_QTABLE_H

#include <stdint.h>

#include "objects/objdef.h"

struct qm;
struct queue;
struct hobj;
struct qstore;

/* A queue object known to the running queue manager. */
struct qobj {
	struct objdef def;
	struct queue *q;              /* local queues (predefined and dynamic); NULL otherwise */
	int damaged;                  /* its file failed (AMQ7472): MQOPEN gives 2101 */
	int temp;                     /* temporary dynamic queue: memory only, not in the catalog */
	int deleted;                  /* permanent dynamic queue deleted while handles were open */
	int def_dirty;                /* its definition changed (MQSET) since its file was written */
	struct qstore *store;         /* local queues: its queue store (objects/qstore.h), once opened */
	int bg_more;                  /* its store may have compaction to do (store_background) */
	uint64_t file_lsn;            /* the LSN its queue store reflects (damaged: should reflect; 0 unknown) */
	uint64_t def_lsn;             /* the LSN its definition file q reflects */
	uint64_t keep_lsn;            /* damaged: the log from here rebuilds it; the restart LSN never passes it */
	uint64_t media_lsn;           /* media recovery reads the log from here (0: not known, the whole log) */
	uint64_t image_lsn;           /* its latest media image: MEDIA_IMAGE BEGIN or OBJ_CREATE (0: not known) */
	int start_needs;
	int64_t image_ms;             /* when its latest image was taken (0: not this run: the start) */              /* damaged at a start, and a unit of work in flight at the crash touched it */
	struct hobj *creator;         /* dynamic: the handle that created it, while open */
	unsigned nhandles;            /* open handles (on this object, not through aliases) */
	unsigned n_input, n_excl, n_output;   /* open handles by kind (local queues: counts via aliases too) */
	int64_t lput_ms, lget_ms;     /* the last MQPUT and MQGET since the start (0: none; DISPLAY QSTATUS) */
	int64_t trig_ms;              /* local queues: when its last trigger message was made (0: none; TRIGINT) */
	int trig_noted;               /* its missing process said (AMQ7912) since its last trigger or change */
	int64_t perf_reset_ms;        /* performance statistics (queue depth events): since when (0: the start) */
	int64_t perf_high;            /* the highest depth since then */
	int64_t perf_enq, perf_deq;   /* messages put and got since then */
	int64_t qtime_short_us;       /* time on the queue of the messages got: a short-term and */
	int64_t qtime_long_us;        /* a long-term average (-1: none got yet) */
	struct qobj *hnext;           /* hash chain */
};

#define QM_QHASH 256

struct qobj *qm_qfind(struct qm *qm, const char *name);     /* queues only */
struct qobj *qm_pfind(struct qm *qm, const char *name);     /* processes only */
struct qobj *qm_tfind(struct qm *qm, const char *name);     /* topic objects only */
struct qobj *qm_ofind(struct qm *qm, int type, const char *name);   /* by type's namespace */
int qm_qinsert(struct qm *qm, struct qobj *o);
void qm_qremove(struct qm *qm, struct qobj *o);
/* A new qobj for def (a local queue also gets its queue). */
int qm_qobj_new(struct qm *qm, const struct objdef *def, struct qobj **out);
/* Free an object not in the table, and its queue with every message on it
 * (whatever their unit of work). */
void qm_qobj_destroy(struct qm *qm, struct qobj *o);
/* Free every queue object (shutdown). */
void qm_qobj_free_all(struct qm *qm);

#endif
