/*
 * msgindex.c: the MsgId and CorrelId hash indexes of a queue (msgindex.h).
 *
 * An open-addressing table (linear probing, at most 70% full) of 8-byte
 * slots, one per distinct id hash on the queue.  A slot holds
 *   - a message pointer, when one message carries the id (the usual case for
 *     MsgIds, and the only cost per message: 8 to 16 bytes of table), or
 *   - a group pointer (bit 0 set), when several do: struct qidx_grp, an array
 *     of the messages in queue order, taken from the front in O(1) (FIFO
 *     consumption), appended to in O(1) (new messages), and otherwise
 *     searched by binary search on the queue order and shifted;
 * with the top 16 bits of the id hash in the pointer's unused top 16 bits
 * (x86-64 and arm64 user addresses are below 2^48), so that a probe reads
 * a message only when those bits match.  0 is an empty slot.
 *
 * The groups are also listed (ix->groups, dlist.h), through plain pointers: a tagged
 * one is no reference to a leak checker, and msgindex_reorder and
 * msgindex_free then visit the groups without scanning the table.
 *
 * Removal from the table shifts the probe chain back (no tombstones), which
 * reads the hash of each message it moves.
 *
 * Growth: the table doubles when 70% full, a step at a time: the old table
 * stays beside the new one, and each add or remove moves MOVE_STEP of its
 * slots over, leaving TOMB behind so the probe chains of the rest still
 * work (nothing is ever added to the old table); lookups search both.  A
 * doubling starts with the new table 35% full and the old one has half its
 * slots, so the move ends long before the new table is full, and no call of
 * a queue with millions of messages pays for rehashing them all at once.
 */
#include "qm/engine/msgindex.h"

#include <stdlib.h>
#include <string.h>

#include "log/qmerr.h"

struct qidx_grp {
	uint64_t hash;
	struct qmsg **v;         /* v[head .. head + n): the messages, queue order */
	size_t head, n, cap;
	struct dnode node;       /* in ix->groups */
};

#define INITIAL_SLOTS 64
#define MOVE_STEP 16
#define TOMB ((uintptr_t)1)
#define GRP ((uintptr_t)1)
#define PTR_MASK (((uintptr_t)1 << 48) - 1)
#define FP_SHIFT 48

static uint64_t fp_of(uint64_t h)
{
	return h >> FP_SHIFT;
}

static int is_grp(uintptr_t v)
{
	return (v & GRP) != 0;
}

static struct qidx_grp *as_grp(uintptr_t v)
{
	return (struct qidx_grp *)(v & PTR_MASK & ~GRP);
}

static struct qmsg *as_msg(uintptr_t v)
{
	return (struct qmsg *)(v & PTR_MASK);
}

static uintptr_t enc(const void *p, uint64_t h, uintptr_t tag)
{
	return (uintptr_t)p | tag | ((uintptr_t)fp_of(h) << FP_SHIFT);
}

static int fits(const void *p)
{
	return ((uintptr_t)p & ~PTR_MASK) == 0 && ((uintptr_t)p & 7) == 0;
}

/* The full hash of the id a slot holds. */
static uint64_t slot_hash(uintptr_t v, int which)
{
	return is_grp(v) ? as_grp(v)->hash : qmsg_hash(as_msg(v), which);
}

/* The slot of table t (cap slots) holding hash h, or SIZE_MAX. */
static size_t find_in(const uintptr_t *t, size_t cap, uint64_t h, int which)
{
	if (!cap)
		return SIZE_MAX;
	size_t mask = cap - 1;
	uint64_t fp = fp_of(h);
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		uintptr_t v = t[i];
		if (v == 0)
			return SIZE_MAX;
		if (v != TOMB && (uint64_t)(v >> FP_SHIFT) == fp && slot_hash(v, which) == h)
			return i;
	}
}

/* Where h is: *t set to the table's slot, or NULL. */
static uintptr_t *find(const struct qidx *ix, uint64_t h)
{
	size_t i = find_in(ix->slot, ix->cap, h, ix->which);
	if (i != SIZE_MAX)
		return &ix->slot[i];
	if (ix->old && (i = find_in(ix->old, ix->ocap, h, ix->which)) != SIZE_MAX)
		return &ix->old[i];
	return NULL;
}

/* Put v (hash h, not in the table) in the first free slot of the new table. */
static void place(struct qidx *ix, uintptr_t v, uint64_t h)
{
	size_t mask = ix->cap - 1, i = h & mask;
	while (ix->slot[i])
		i = (i + 1) & mask;
	ix->slot[i] = v;
}

/* Move up to n slots of the old table into the new one. */
static void move_some(struct qidx *ix, size_t n)
{
	while (ix->old && n--) {
		uintptr_t v = ix->old[ix->moved];
		if (v && v != TOMB) {
			place(ix, v, slot_hash(v, ix->which));
			ix->old[ix->moved] = TOMB;
		}
		if (++ix->moved == ix->ocap) {
			free(ix->old);
			ix->old = NULL;
			ix->ocap = ix->moved = 0;
		}
	}
}

/* A new table of cap slots; the current one is emptied into it step by
 * step (all at once when asked: a load that sizes the table first).  A
 * failure to allocate leaves everything as it was. */
static int grow_to(struct qidx *ix, size_t cap, int at_once)
{
	move_some(ix, SIZE_MAX);   /* a growth still going: finish it first */
	uintptr_t *t = calloc(cap, sizeof *t);
	if (!t)
		return QM_ENOMEM;
	ix->old = ix->slot;
	ix->ocap = ix->cap;
	ix->moved = 0;
	ix->slot = t;
	ix->cap = cap;
	if (!ix->ocap) {
		free(ix->old);
		ix->old = NULL;
	} else if (at_once) {
		move_some(ix, SIZE_MAX);
	}
	return QM_OK;
}

static int over(size_t n, size_t cap)
{
	return n * 10 > cap * 7;
}

void msgindex_reserve(struct qidx *ix, size_t n)
{
	size_t cap = ix->cap ? ix->cap : INITIAL_SLOTS;
	while (over(ix->n + n, cap))
		cap *= 2;
	if (cap > ix->cap)
		(void)grow_to(ix, cap, 1);
}

/* ---- groups ---- */

/* The first position in g at or after which m belongs (queue order). */
static size_t grp_lower(struct queue *q, const struct qidx_grp *g, const struct qmsg *m)
{
	size_t lo = 0, hi = g->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (queue_msg_cmp(q, g->v[g->head + mid], m) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int grp_insert(struct queue *q, struct qidx_grp *g, struct qmsg *m)
{
	if (g->head + g->n == g->cap) {
		if (g->head >= g->cap / 2) {   /* half of it taken from the front: slide down */
			memmove(g->v, g->v + g->head, g->n * sizeof *g->v);
			g->head = 0;
		} else {
			size_t nc = g->cap * 2;
			struct qmsg **v = realloc(g->v, nc * sizeof *v);
			if (!v)
				return QM_ENOMEM;
			g->v = v;
			g->cap = nc;
		}
	}
	size_t at = g->n;
	if (g->n && queue_msg_cmp(q, g->v[g->head + g->n - 1], m) > 0) {
		at = grp_lower(q, g, m);
		memmove(g->v + g->head + at + 1, g->v + g->head + at, (g->n - at) * sizeof *g->v);
	}
	g->v[g->head + at] = m;
	g->n++;
	return QM_OK;
}

static void grp_delete(struct queue *q, struct qidx_grp *g, const struct qmsg *m)
{
	size_t at = 0;
	if (g->v[g->head] != m) {
		at = grp_lower(q, g, m);
		if (at >= g->n || g->v[g->head + at] != m) {   /* not in order: cannot happen, but be right */
			for (at = 0; at < g->n && g->v[g->head + at] != m; at++)
				;
			if (at == g->n)
				return;
		}
	}
	if (at < g->n / 2) {
		memmove(g->v + g->head + 1, g->v + g->head, at * sizeof *g->v);
		g->head++;
	} else {
		memmove(g->v + g->head + at, g->v + g->head + at + 1, (g->n - at - 1) * sizeof *g->v);
	}
	g->n--;
}

static void grp_free(struct qidx *ix, struct qidx_grp *g)
{
	dlist_remove(&ix->groups, &g->node);
	free(g->v);
	free(g);
}

/* ---- the index ---- */

int msgindex_add(struct queue *q, struct qidx *ix, struct qmsg *m)
{
	uint64_t h = qmsg_hash(m, ix->which);
	if (h == 0)
		return QM_OK;   /* MQMI_NONE, MQCI_NONE */
	if (!fits(m))
		return QM_ENOMEM;
	move_some(ix, MOVE_STEP);
	uintptr_t *s = find(ix, h);
	if (s && is_grp(*s))
		return grp_insert(q, as_grp(*s), m);
	if (s) {   /* a second message with the id: make a group */
		struct qidx_grp *g = malloc(sizeof *g);
		struct qmsg **v = malloc(4 * sizeof *v);
		if (!g || !v || !fits(g)) {
			free(g);
			free(v);
			return QM_ENOMEM;
		}
		struct qmsg *first = as_msg(*s);
		*g = (struct qidx_grp){ .hash = h, .v = v, .head = 0, .n = 1, .cap = 4 };
		dlist_append(&ix->groups, &g->node);
		v[0] = first;
		(void)grp_insert(q, g, m);   /* room for it: cannot fail */
		*s = enc(g, h, GRP);
		return QM_OK;
	}
	if (!ix->cap || over(ix->n + 1, ix->cap)) {
		if (grow_to(ix, ix->cap ? ix->cap * 2 : INITIAL_SLOTS, 0) != QM_OK &&
		    (!ix->cap || ix->n + 1 >= ix->cap - ix->cap / 16))
			return QM_ENOMEM;   /* no bigger table, and this one is nearly full */
	}
	place(ix, enc(m, h, 0), h);
	ix->n++;
	return QM_OK;
}

/* Empty slot i of the new table, shifting back the probe chain after it. */
static void slot_delete(struct qidx *ix, size_t i)
{
	size_t mask = ix->cap - 1, j = i;
	ix->slot[i] = 0;
	for (;;) {
		j = (j + 1) & mask;
		uintptr_t v = ix->slot[j];
		if (!v)
			return;
		size_t k = slot_hash(v, ix->which) & mask;
		/* v may move to i when its home k is not in (i, j] (cyclically) */
		if (i <= j ? (k <= i || k > j) : (k <= i && k > j)) {
			ix->slot[i] = v;
			ix->slot[j] = 0;
			i = j;
		}
	}
}

void msgindex_remove(struct queue *q, struct qidx *ix, struct qmsg *m)
{
	uint64_t h = qmsg_hash(m, ix->which);
	if (h == 0)
		return;
	move_some(ix, MOVE_STEP);
	uintptr_t *s = find(ix, h);
	if (!s)
		return;
	if (is_grp(*s)) {
		struct qidx_grp *g = as_grp(*s);
		grp_delete(q, g, m);
		if (g->n > 1)
			return;
		*s = enc(g->v[g->head], h, 0);   /* one left: the slot holds it */
		grp_free(ix, g);
		return;
	}
	if (as_msg(*s) != m)
		return;
	ix->n--;
	if (s >= ix->slot && s < ix->slot + ix->cap)
		slot_delete(ix, (size_t)(s - ix->slot));
	else
		*s = TOMB;   /* in the old table: nothing is added there, chains stay */
}

struct qmsg *msgindex_first(const struct qidx *ix, uint64_t hash, struct qidx_it *it)
{
	uintptr_t *s = hash ? find(ix, hash) : NULL;
	it->g = NULL;
	it->i = 0;
	if (!s)
		return NULL;
	if (!is_grp(*s))
		return as_msg(*s);
	it->g = as_grp(*s);
	return it->g->v[it->g->head];
}

struct qmsg *msgindex_next(struct qidx_it *it)
{
	if (!it->g || ++it->i >= it->g->n)
		return NULL;
	return it->g->v[it->g->head + it->i];
}

static int sort_cmp(const void *a, const void *b, void *q)
{
	return queue_msg_cmp(q, *(struct qmsg *const *)a, *(struct qmsg *const *)b);
}

void msgindex_reorder(struct queue *q, struct qidx *ix)
{
	for (struct dnode *n = ix->groups.head; n; n = n->next) {
		struct qidx_grp *g = DLIST_ENTRY(n, struct qidx_grp, node);
		qsort_r(g->v + g->head, g->n, sizeof *g->v, sort_cmp, q);
	}
}

void msgindex_free(struct qidx *ix)
{
	free(ix->old);
	while (ix->groups.head)
		grp_free(ix, DLIST_ENTRY(ix->groups.head, struct qidx_grp, node));
	free(ix->slot);
	int which = ix->which;
	memset(ix, 0, sizeof *ix);
	ix->which = which;
}
