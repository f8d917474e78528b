/*
 * msgindex.h: the MsgId and CorrelId indexes of a queue (internal to the
 * queue engine: queue.c is the only caller; see queue.h "Indexes").
 *
 * An index maps the 64-bit hash of a 24-byte id (m->hash, qstore_id_hash) to
 * the list of messages on the queue carrying it, in queue order (the list
 * links are m->mid_* or m->cid_*, chosen by `which`).  Two ids with the same
 * hash share a list: the finder checks the ids themselves (queue.c
 * matches).  All-zero ids (MQMI_NONE, MQCI_NONE; hash 0) are not indexed.
 *
 * Calling sequence: msgindex_add when a message joins the queue (it must
 * already have its prio and seq), msgindex_remove when it leaves,
 * msgindex_first / msgindex_next to walk one id's messages,
 * msgindex_reorder after the queue's order rule changed, msgindex_free.
 *
 * Error handling: msgindex_add returns QM_ENOMEM (nothing changed) when it
 * cannot allocate the entry for a new id; everything else cannot fail.
 */
#ifndef QUIRE_MSGINDEX_H
#define QUIRE_MSGINDEX_H

#include "qm/engine/queue.h"

enum { MSGINDEX_MSGID = 0, MSGINDEX_CORRELID = 1 };

int msgindex_add(struct queue *q, struct qidx *ix, struct qmsg *m, int which);
void msgindex_remove(struct qidx *ix, struct qmsg *m, int which);
struct qmsg *msgindex_first(const struct qidx *ix, uint64_t hash);
struct qmsg *msgindex_next(const struct qmsg *m, int which);
void msgindex_reorder(struct queue *q, struct qidx *ix, int which);
void msgindex_free(struct qidx *ix);
/* Room for n more ids without growing step by step (a failure to allocate
 * leaves it as it was: slower, still right). */
void msgindex_reserve(struct qidx *ix, size_t n);

/* Queue order of two messages of q (<0: a first), from queue.c. */
int queue_msg_cmp(const struct queue *q, const struct qmsg *a, const struct qmsg *b);

#endif
