/*
 * msgindex.c: the MsgId and CorrelId hash indexes of a queue (msgindex.h).
 *
 * A chained hash table of entries, one per distinct id hash on the queue;
 * each entry holds the list of messages with that hash in queue order, linked
 * through the messages themselves.  The table doubles when it holds as many
 * ids as buckets (a failed resize keeps the old table: slower, still right).
 * The hash is the message's own (m->hash, XXH64 through qstore_id_hash); a
 * message added with the queue's newest sequence
 * number goes to the end of its id's list at once, so adds, removes and
 * lookups are O(1) apart from messages sharing an id.
 */
#include "qm/engine/msgindex.h"
#include "qm/engine/slab.h"

#include <stdlib.h>
#include <string.h>

#include "log/qmerr.h"

struct qidx_key {
	struct qidx_key *hnext;
	uint64_t hash;
	struct qmsg *head, *tail;
};

#define INITIAL_BUCKETS 64

static struct slab key_slab = SLAB_INIT(sizeof(struct qidx_key));

static struct qmsg **lprev(struct qmsg *m, int which)
{
	return which == MSGINDEX_MSGID ? &m->mid_prev : &m->cid_prev;
}

static struct qmsg **lnext(struct qmsg *m, int which)
{
	return which == MSGINDEX_MSGID ? &m->mid_next : &m->cid_next;
}

static struct qidx_key **lkey(struct qmsg *m, int which)
{
	return which == MSGINDEX_MSGID ? &m->mid_key : &m->cid_key;
}

static uint64_t msg_hash(const struct qmsg *m, int which)
{
	return m->hash[which == MSGINDEX_MSGID ? 0 : 1];
}

static struct qidx_key *lookup(const struct qidx *ix, uint64_t h)
{
	if (!ix->nbuckets)
		return NULL;
	struct qidx_key *k = ix->buckets[h & (ix->nbuckets - 1)];
	for (; k; k = k->hnext)
		if (k->hash == h)
			return k;
	return NULL;
}

static void grow_to(struct qidx *ix, size_t nb)
{
	struct qidx_key **b = calloc(nb, sizeof *b);
	if (!b)
		return;
	for (size_t i = 0; i < ix->nbuckets; i++) {
		struct qidx_key *k = ix->buckets[i], *nx;
		for (; k; k = nx) {
			nx = k->hnext;
			k->hnext = b[k->hash & (nb - 1)];
			b[k->hash & (nb - 1)] = k;
		}
	}
	free(ix->buckets);
	ix->buckets = b;
	ix->nbuckets = nb;
}

static void grow(struct qidx *ix)
{
	grow_to(ix, ix->nbuckets ? ix->nbuckets * 2 : INITIAL_BUCKETS);
}

void msgindex_reserve(struct qidx *ix, size_t n)
{
	size_t nb = ix->nbuckets ? ix->nbuckets : INITIAL_BUCKETS;
	while (nb < 2 * (ix->nkeys + n))
		nb *= 2;
	if (nb > ix->nbuckets)
		grow_to(ix, nb);
}

int msgindex_add(struct queue *q, struct qidx *ix, struct qmsg *m, int which)
{
	uint64_t h = msg_hash(m, which);
	*lkey(m, which) = NULL;
	*lprev(m, which) = *lnext(m, which) = NULL;
	if (h == 0)
		return QM_OK;   /* MQMI_NONE, MQCI_NONE */
	struct qidx_key *k = lookup(ix, h);
	if (!k) {
		if (ix->nkeys >= ix->nbuckets)
			grow(ix);
		if (!ix->nbuckets)
			return QM_ENOMEM;
		k = slab_alloc(&key_slab);
		if (!k)
			return QM_ENOMEM;
		k->hash = h;
		k->hnext = ix->buckets[h & (ix->nbuckets - 1)];
		ix->buckets[h & (ix->nbuckets - 1)] = k;
		ix->nkeys++;
	}
	/* queue order: walk back from the end past messages ordered after m */
	struct qmsg *at = k->tail;
	while (at && queue_msg_cmp(q, at, m) > 0)
		at = *lprev(at, which);
	*lprev(m, which) = at;
	*lnext(m, which) = at ? *lnext(at, which) : k->head;
	if (*lnext(m, which))
		*lprev(*lnext(m, which), which) = m;
	else
		k->tail = m;
	if (at)
		*lnext(at, which) = m;
	else
		k->head = m;
	*lkey(m, which) = k;
	return QM_OK;
}

static void key_delete(struct qidx *ix, struct qidx_key *k)
{
	struct qidx_key **pp = &ix->buckets[k->hash & (ix->nbuckets - 1)];
	while (*pp != k)
		pp = &(*pp)->hnext;
	*pp = k->hnext;
	ix->nkeys--;
	slab_free(&key_slab, k);
}

void msgindex_remove(struct qidx *ix, struct qmsg *m, int which)
{
	struct qidx_key *k = *lkey(m, which);
	if (!k)
		return;
	struct qmsg *p = *lprev(m, which), *n = *lnext(m, which);
	if (p)
		*lnext(p, which) = n;
	else
		k->head = n;
	if (n)
		*lprev(n, which) = p;
	else
		k->tail = p;
	*lprev(m, which) = *lnext(m, which) = NULL;
	*lkey(m, which) = NULL;
	if (!k->head)
		key_delete(ix, k);
}

struct qmsg *msgindex_first(const struct qidx *ix, uint64_t hash)
{
	struct qidx_key *k = hash ? lookup(ix, hash) : NULL;
	return k ? k->head : NULL;
}

struct qmsg *msgindex_next(const struct qmsg *m, int which)
{
	return which == MSGINDEX_MSGID ? m->mid_next : m->cid_next;
}

void msgindex_reorder(struct queue *q, struct qidx *ix, int which)
{
	(void)ix;
	/* Empty every list, then append the messages in the queue's new order. */
	for (struct qmsg *m = q->ord[Q_ALL].head; m; m = m->lk[Q_ALL].next) {
		struct qidx_key *k = *lkey(m, which);
		if (k)
			k->head = k->tail = NULL;
	}
	for (struct qmsg *m = q->ord[Q_ALL].head; m; m = m->lk[Q_ALL].next) {
		struct qidx_key *k = *lkey(m, which);
		if (!k)
			continue;
		*lnext(m, which) = NULL;
		*lprev(m, which) = k->tail;
		if (k->tail)
			*lnext(k->tail, which) = m;
		else
			k->head = m;
		k->tail = m;
	}
}

void msgindex_free(struct qidx *ix)
{
	for (size_t i = 0; i < ix->nbuckets; i++) {
		struct qidx_key *k = ix->buckets[i], *nx;
		for (; k; k = nx) {
			nx = k->hnext;
			slab_free(&key_slab, k);
		}
	}
	free(ix->buckets);
	memset(ix, 0, sizeof *ix);
}
