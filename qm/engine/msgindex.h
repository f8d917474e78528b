/*
 * msgindex.h: the MsgId and CorrelId indexes of a queue (internal to the
 * queue engine: queue.c is the only caller; see queue.h "Indexes").
 *
 * An index maps the 64-bit hash of a 24-byte id (qmsg_hash, qstore_id_hash)
 * to the messages on the queue carrying it, in queue order.  Two ids with
 * the same hash share an entry: the finder checks the ids themselves
 * (queue.c matches).  All-zero ids (MQMI_NONE, MQCI_NONE; hash 0) are not
 * indexed.  Nothing is kept in the messages: an id carried by one message
 * costs one 8-byte slot of a table at most 70% full.
 *
 * Calling sequence: msgindex_add when a message joins the queue (it must
 * already have its prio and sequence number), msgindex_remove while it is
 * still on it (its hash is read from it), msgindex_first / msgindex_next to
 * walk one id's messages (any add or remove ends a walk: start again),
 * msgindex_reorder after the queue's order rule changed, msgindex_free.
 *
 * Error handling: msgindex_add returns QM_ENOMEM (nothing changed) when it
 * cannot allocate; everything else cannot fail.
 */
#ifndef QUIRE_MSGINDEX_H
#define QUIRE_MSGINDEX_H

#include "qm/engine/queue.h"

enum { MSGINDEX_MSGID = 0, MSGINDEX_CORRELID = 1 };

/* A walk over one id's messages. */
struct qidx_grp;
struct qidx_it {
	struct qidx_grp *g;      /* NULL: the id has one message */
	size_t i;
};

/* ix->which says which id it indexes (set once, before the first add). */
int msgindex_add(struct queue *q, struct qidx *ix, struct qmsg *m);
void msgindex_remove(struct queue *q, struct qidx *ix, struct qmsg *m);
struct qmsg *msgindex_first(const struct qidx *ix, uint64_t hash, struct qidx_it *it);
struct qmsg *msgindex_next(struct qidx_it *it);
void msgindex_reorder(struct queue *q, struct qidx *ix);
void msgindex_free(struct qidx *ix);
/* Room for n more ids without growing step by step (a failure to allocate
 * leaves it as it was: slower, still right). */
void msgindex_reserve(struct qidx *ix, size_t n);

/* Queue order of two messages of q (<0: a first), from queue.c. */
int queue_msg_cmp(const struct queue *q, const struct qmsg *a, const struct qmsg *b);

#endif
