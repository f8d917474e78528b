/* test_queue_store.c: the queue engine's side of the queue store
 * (qm/engine/queue.h "Stored messages"): messages loaded from store entries,
 * ids checked through the hook, the unstored list and its bytes, the
 * changes a checkpoint gives the store, the indexes growing in steps.
 * In-memory only: entries are made by hand, no store is opened. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "objects/qstore.h"
#include "tests/unit/queuetest.h"

/* ---- stored messages (only the queue store has the descriptor and body) ---- */

/* A queue store entry as qstore_open or qstore_put would give it, filled by
 * hand (no store is opened): ids from numbers as id_set makes them. */
static void entry(struct qs_entry *e, uint64_t lsn, uint64_t seq, int prio, unsigned msgid,
		  unsigned correlid, unsigned groupid, uint32_t dlen, int32_t backout)
{
	MQBYTE24 id;
	memset(e, 0, sizeof *e);
	e->put_lsn = lsn;
	e->seq = seq;
	e->priority = (uint8_t)prio;
	e->expiry_ms = -1;
	id_set(id, msgid);
	e->msgid_hash = qstore_id_hash(id);
	id_set(id, correlid);
	e->correlid_hash = qstore_id_hash(id);
	id_set(id, groupid);
	e->groupid_hash = qstore_id_hash(id);
	e->loc.seg = 1;
	e->loc.off = QS_PAGE;
	e->loc.len = QS_REC_HDR + dlen;
	e->backout_count = backout;
}

/* A message loaded from e (restart), added committed. */
static struct qmsg *stored(struct queue *q, const struct qs_entry *e)
{
	struct qmsg *m = qmsg_new_stored(e);
	assert_non_null(m);
	assert_int_equal(queue_add(q, m, NULL), QM_OK);
	return m;
}

/* hooks.ids: the ids "read through the store", by put LSN; may differ from
 * what the entry's hashes say (a hash collision). */
struct ids_tab {
	struct queue *q;
	int calls;
	int fail;                /* what the hook returns */
	int n;
	uint64_t lsn[8];
	unsigned id[8][3];       /* MsgId, CorrelId, GroupId numbers */
};

static int on_ids(struct queue *q, const struct qmsg *m, MQBYTE24 ids[3], void *arg)
{
	struct ids_tab *t = arg;
	assert_ptr_equal(q, t->q);
	assert_null(m->mem);              /* only asked for messages without memory */
	t->calls++;
	for (int i = 0; i < t->n; i++) {
		if (t->lsn[i] != qmsg_put_lsn(m))
			continue;
		for (int k = 0; k < 3; k++)
			id_set(ids[k], t->id[i][k]);
		return t->fail;
	}
	fail_msg("ids hook: no message with put LSN %llu", (unsigned long long)qmsg_put_lsn(m));
	return -1;
}

static void ids_set(struct ids_tab *t, uint64_t lsn, unsigned msgid, unsigned correlid, unsigned groupid)
{
	assert_true(t->n < 8);
	t->lsn[t->n] = lsn;
	t->id[t->n][0] = msgid;
	t->id[t->n][1] = correlid;
	t->id[t->n][2] = groupid;
	t->n++;
}

static void test_queue__stored_order(void **state)
{
	(void)state;
	char buf[128];
	struct ids_tab it = { 0 };
	static const struct queue_hooks hooks = { .wake = NULL, .expired = NULL, .ids = on_ids };
	struct queue *q = newq(0);
	it.q = q;
	queue_set_hooks(q, &hooks, &it);

	struct qs_entry e[4];
	entry(&e[0], 100, 2, 5, 1, 0, 0, 10, 3);
	entry(&e[1], 200, 4, 9, 2, 0, 0, 0, 0);
	entry(&e[2], 300, 1, 5, 3, 30, 0, 5, 0);    /* older than what is already there */
	entry(&e[3], 400, 6, 9, 4, 0, 0, 1, 0);
	e[3].expiry_ms = NOW + 1000;
	for (int i = 0; i < 4; i++)
		ids_set(&it, e[i].put_lsn, i + 1, i == 2 ? 30 : 0, 0);

	struct qmsg *s0 = stored(q, &e[0]);
	struct qmsg *s1 = stored(q, &e[1]);
	struct qmsg *a = mk("a", 5, 11, 0, 0);
	a->mem->seq = 3;
	assert_int_equal(queue_add(q, a, NULL), QM_OK);
	struct qmsg *s2 = stored(q, &e[2]);
	struct qmsg *s3 = stored(q, &e[3]);
	struct qmsg *b = put(q, NULL, "b", 5, 12, 0, 0);

	/* everything from the entry, nothing in memory */
	assert_null(s0->mem);
	assert_ptr_equal(s0->qe, &e[0]);
	assert_int_equal(qmsg_seq(s0), 2);
	assert_int_equal(qmsg_put_lsn(s0), 100);
	assert_int_equal(qmsg_expiry_ms(s0), 0);           /* -1: never */
	assert_int_equal(qmsg_len(s0), 10);
	assert_int_equal(s0->backout, 3);
	assert_int_equal(s0->prio, 5);
	assert_true(qmsg_hash(s0, 0) == e[0].msgid_hash && qmsg_hash(s0, 0) != 0);
	assert_true(qmsg_hash(s0, 1) == 0 && qmsg_hash(s0, 2) == 0);
	assert_null(qmsg_body(s0));
	assert_int_equal(qmsg_hash(s2, 1), e[2].correlid_hash);
	assert_int_equal(qmsg_expiry_ms(s3), NOW + 1000);
	assert_int_equal(qmsg_seq(b), 7);                   /* above the largest loaded */
	assert_int_equal(q->next_seq, 8);

	/* counted in CURDEPTH; only the in-memory bodies in bytes; not unstored */
	assert_int_equal(q->depth, 6);
	assert_int_equal(q->bytes, 2);
	assert_int_equal(q->kept, 0);
	assert_null(queue_unstored_first(q));
	assert_int_equal(q->nchg, 0);

	order(q, buf);
	assert_string_equal(buf, "@200 @400 @300 @100 a b");
	assert_ptr_equal(queue_find(q, NULL, NOW), s1);
	assert_int_equal(it.calls, 0);                 /* no ids asked for an unmatched get */

	/* matched gets find stored messages through the index, like in-memory ones */
	struct qmatch mt = match(MQMO_MATCH_MSG_ID, 3, 0, 0);
	assert_ptr_equal(queue_find(q, &mt, NOW), s2);
	assert_int_equal(it.calls, 1);
	mt = match(MQMO_MATCH_CORREL_ID, 0, 30, 0);
	assert_ptr_equal(queue_find(q, &mt, NOW), s2);
	assert_int_equal(it.calls, 2);
	mt = match(MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID, 1, 0, 0);   /* version 1, MQCI_NONE */
	assert_ptr_equal(queue_find(q, &mt, NOW), s0);
	mt = match(MQMO_MATCH_MSG_ID, 11, 0, 0);
	assert_ptr_equal(queue_find(q, &mt, NOW), a);
	assert_int_equal(it.calls, 3);                 /* a's ids are in memory */

	/* browse walks them in the same order */
	struct qcursor *c = queue_cursor_new(q);
	struct qmsg *want[] = { s1, s3, s2, s0, a, b };
	for (int i = 0; i < 6; i++) {
		struct qmsg *m = queue_find_after(c, NULL, NOW);
		assert_ptr_equal(m, want[i]);
		queue_cursor_set(c, m);
	}
	assert_null(queue_find_after(c, NULL, NOW));
	queue_cursor_free(c);

	/* FIFO orders them by sequence only */
	assert_int_equal(queue_set_fifo(q, 1), QM_OK);
	order(q, buf);
	assert_string_equal(buf, "@300 @100 a @200 @400 b");
	assert_int_equal(queue_set_fifo(q, 0), QM_OK);

	/* a stored message expires from its entry's expiry; -1 never does */
	assert_int_equal(queue_expire(q, NOW + 999), 0);
	assert_int_equal(queue_expire(q, NOW + 1000), 1);
	assert_int_equal(q->depth, 5);
	assert_int_equal(queue_expire(q, NOW + 1000000000LL), 0);

	drain(q, buf, sizeof buf);
	assert_string_equal(buf, "@200 @300 @100 a b");
	assert_int_equal(q->depth, 0);
	assert_int_equal(q->bytes, 0);
	freeq(q);
}

static void test_queue__stored_match_ids(void **state)
{
	(void)state;
	struct ids_tab it = { 0 };
	static const struct queue_hooks hooks = { .wake = NULL, .expired = NULL, .ids = on_ids };
	struct queue *q = newq(0);
	it.q = q;
	queue_set_hooks(q, &hooks, &it);

	/* both entries carry the hash of MsgId 7; s1's real MsgId is 8 */
	struct qs_entry e[3];
	entry(&e[0], 100, 0, 5, 7, 0, 60, 4, 0);
	entry(&e[1], 200, 0, 5, 7, 50, 0, 4, 0);
	ids_set(&it, 100, 8, 0, 60);
	ids_set(&it, 200, 7, 50, 0);
	e[0].seq = 1;
	e[1].seq = 2;
	struct qmsg *s1 = stored(q, &e[0]);
	struct qmsg *s2 = stored(q, &e[1]);
	assert_int_equal(qmsg_hash(s1, 0), qmsg_hash(s2, 0));

	/* s1 comes first and its hash matches, but its id does not */
	struct qmatch mt = match(MQMO_MATCH_MSG_ID, 7, 0, 0);
	assert_ptr_equal(queue_find(q, &mt, NOW), s2);
	assert_int_equal(it.calls, 2);
	struct qcursor *c = queue_cursor_new(q);
	assert_ptr_equal(queue_find_after(c, &mt, NOW), s2);
	queue_cursor_set(c, s2);
	assert_null(queue_find_after(c, &mt, NOW));
	queue_cursor_free(c);
	assert_int_equal(it.calls, 4);

	/* no hash matches: the hook is not asked */
	it.calls = 0;
	mt = match(MQMO_MATCH_MSG_ID, 9, 0, 0);
	assert_null(queue_find(q, &mt, NOW));
	mt = match(MQMO_MATCH_MSG_ID, 8, 0, 0);        /* s1's real id, but not the hash it has */
	assert_null(queue_find(q, &mt, NOW));
	mt = match(MQMO_MATCH_CORREL_ID, 0, 51, 0);
	assert_null(queue_find(q, &mt, NOW));
	mt = match(MQMO_MATCH_GROUP_ID, 0, 0, 61);
	assert_null(queue_find(q, &mt, NOW));
	mt = match(MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID, 7, 51, 0);
	assert_null(queue_find(q, &mt, NOW));
	assert_int_equal(it.calls, 0);

	/* CorrelId and GroupId (a scan) are checked the same way */
	mt = match(MQMO_MATCH_CORREL_ID, 0, 50, 0);
	assert_ptr_equal(queue_find(q, &mt, NOW), s2);
	mt = match(MQMO_MATCH_GROUP_ID, 0, 0, 60);
	assert_ptr_equal(queue_find(q, &mt, NOW), s1);
	mt = match(MQMO_MATCH_MSG_ID | MQMO_MATCH_GROUP_ID, 7, 0, 60);   /* s1's MsgId is 8 */
	assert_null(queue_find(q, &mt, NOW));
	assert_int_equal(it.calls, 3);

	/* an in-memory message with the same id needs no hook */
	it.calls = 0;
	struct qmsg *m = put(q, NULL, "m7", 9, 7, 0, 0);
	mt = match(MQMO_MATCH_MSG_ID, 7, 0, 0);
	assert_ptr_equal(queue_find(q, &mt, NOW), m);
	assert_int_equal(it.calls, 0);
	queue_remove(q, m);
	qmsg_free(m);

	/* a stored message whose memory is kept matches from memory; once it is
	 * dropped, through the hook */
	m = mk("k", 9, 21, 0, 0);
	m->mem->put_lsn = 300;
	assert_int_equal(queue_add(q, m, NULL), QM_OK);
	entry(&e[2], 300, qmsg_seq(m), 9, 21, 0, 0, 1, 0);
	ids_set(&it, 300, 21, 0, 0);
	queue_set_stored(q, m, &e[2], 1);
	mt = match(MQMO_MATCH_MSG_ID, 21, 0, 0);
	assert_ptr_equal(queue_find(q, &mt, NOW), m);
	assert_int_equal(it.calls, 0);
	queue_drop_mem(q, m);
	assert_ptr_equal(queue_find(q, &mt, NOW), m);
	assert_int_equal(it.calls, 1);

	/* ids that cannot be read: taken as matching (the caller's read fails) */
	it.fail = QM_EIO;
	mt = match(MQMO_MATCH_MSG_ID, 7, 0, 0);
	assert_ptr_equal(queue_find(q, &mt, NOW), s1);
	it.fail = 0;

	/* without an ids hook likewise */
	queue_set_hooks(q, NULL, NULL);
	assert_ptr_equal(queue_find(q, &mt, NOW), s1);
	freeq(q);
}

static void test_queue__unstored(void **state)
{
	(void)state;
	char buf[32];
	struct queue *q = newq(0);
	struct uow u;
	uow_init(&u, 4);

	struct qmsg *p = mk("persist", 5, 1, 0, 0);
	p->mem->md.Persistence = MQPER_PERSISTENT;
	p->mem->put_lsn = 1000;
	assert_int_equal(queue_add(q, p, NULL), QM_OK);
	struct qmsg *n = put(q, NULL, "non", 5, 2, 0, 0);    /* put_lsn 0 */
	struct qmsg *p2 = mk("pp", 5, 3, 0, 0);
	p2->mem->put_lsn = 2000;
	assert_int_equal(queue_add(q, p2, &u), QM_OK);       /* under syncpoint: listed too */

	assert_ptr_equal(queue_unstored_first(q), p);
	assert_ptr_equal(queue_unstored_next(p), p2);
	assert_null(queue_unstored_next(p2));
	for (struct qmsg *m = queue_unstored_first(q); m; m = queue_unstored_next(m))
		assert_ptr_not_equal(m, n);
	assert_int_equal(q->bytes, 12);
	assert_int_equal(q->kept, 0);

	/* stored, memory freed */
	struct qs_entry e[4];
	entry(&e[0], 1000, qmsg_seq(p), 5, 1, 0, 0, 7, 0);
	queue_set_stored(q, p, &e[0], 0);
	assert_null(p->mem);
	assert_ptr_equal(p->qe, &e[0]);
	assert_null(qmsg_body(p));
	assert_int_equal(qmsg_len(p), 7);
	assert_int_equal(q->bytes, 5);
	assert_int_equal(q->kept, 0);
	assert_ptr_equal(queue_unstored_first(q), p2);
	assert_null(queue_unstored_next(p2));
	assert_int_equal(q->depth, 3);
	assert_ptr_equal(queue_find(q, NULL, NOW), p);       /* still first on the queue */

	/* stored, memory kept (a cache) */
	uow_commit(&u);
	entry(&e[1], 2000, qmsg_seq(p2), 5, 3, 0, 0, 2, 0);
	queue_set_stored(q, p2, &e[1], 1);
	assert_non_null(p2->mem);
	assert_ptr_equal(p2->qe, &e[1]);
	assert_null(queue_unstored_first(q));
	assert_int_equal(q->bytes, 5);
	assert_int_equal(q->kept, 2);
	tag_of(p2, buf);
	assert_string_equal(buf, "pp");
	queue_drop_mem(q, p2);
	assert_null(p2->mem);
	assert_int_equal(q->bytes, 3);
	assert_int_equal(q->kept, 0);

	/* dropping memory is for stored messages only */
	queue_drop_mem(q, n);
	assert_non_null(n->mem);
	assert_int_equal(q->bytes, 3);

	/* an unstored message leaving the queue leaves the list */
	struct qmsg *p3 = mk("p3", 5, 0, 0, 0);
	p3->mem->put_lsn = 3000;
	assert_int_equal(queue_add(q, p3, NULL), QM_OK);
	struct qmsg *p4 = mk("p4", 5, 0, 0, 0);
	p4->mem->put_lsn = 4000;
	assert_int_equal(queue_add(q, p4, &u), QM_OK);
	assert_ptr_equal(queue_unstored_first(q), p3);
	assert_ptr_equal(queue_unstored_next(p3), p4);
	queue_remove(q, p3);
	qmsg_free(p3);
	assert_ptr_equal(queue_unstored_first(q), p4);
	uow_backout(&u);                                      /* frees p4 */
	assert_null(queue_unstored_first(q));
	assert_int_equal(q->bytes, 3);

	/* a stored message with kept memory leaving the queue gives both back */
	struct qmsg *p5 = mk("p5555", 5, 0, 0, 0);
	p5->mem->put_lsn = 5000;
	assert_int_equal(queue_add(q, p5, NULL), QM_OK);
	entry(&e[2], 5000, qmsg_seq(p5), 5, 0, 0, 0, 5, 0);
	queue_set_stored(q, p5, &e[2], 1);
	assert_int_equal(q->bytes, 8);
	assert_int_equal(q->kept, 5);
	queue_remove(q, p5);
	qmsg_free(p5);
	assert_int_equal(q->bytes, 3);
	assert_int_equal(q->kept, 0);

	drain(q, buf, sizeof buf);
	assert_string_equal(buf, "@1000 non @2000");
	assert_int_equal(q->bytes, 0);
	freeq(q);
}

static void chg_check(const struct queue *q, size_t n, const struct qchange *want)
{
	assert_int_equal(q->nchg, n);
	assert_int_equal(q->chg_lost, 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(q->chg[i].put_lsn, want[i].put_lsn);
		assert_int_equal(q->chg[i].kind, want[i].kind);
		if (want[i].kind == QCHG_BACKOUT)
			assert_int_equal(q->chg[i].backout, want[i].backout);
	}
}

static void test_queue__changes(void **state)
{
	(void)state;
	char buf[64];
	struct queue *q = newq(0);
	struct uow u;
	uow_init(&u, 8);
	struct qs_entry e[5];
	entry(&e[0], 100, 1, 5, 1, 0, 0, 3, 2);
	entry(&e[1], 200, 2, 5, 2, 0, 0, 3, 0);
	entry(&e[2], 300, 3, 5, 3, 0, 0, 3, 0);
	struct qmsg *s1 = stored(q, &e[0]);
	struct qmsg *s2 = stored(q, &e[1]);
	struct qmsg *s3 = stored(q, &e[2]);
	struct qmsg *pu = mk("pu", 5, 4, 0, 0);              /* persistent, not stored yet */
	pu->mem->put_lsn = 400;
	assert_int_equal(queue_add(q, pu, NULL), QM_OK);
	struct qmsg *np = put(q, NULL, "np", 5, 5, 0, 0);    /* nonpersistent */
	assert_int_equal(q->nchg, 0);

	/* a stored message got: gone */
	assert_ptr_equal(queue_find(q, NULL, NOW), s1);
	queue_remove(q, s1);
	assert_null(s1->qe);
	qmsg_free(s1);
	chg_check(q, 1, (struct qchange[]){ { 100, 0, QCHG_GONE } });

	/* a get of a stored message backed out: the new count, each time */
	assert_int_equal(queue_hide(q, s2, &u), QM_OK);
	assert_int_equal(q->nchg, 1);                        /* nothing until it ends */
	uow_backout(&u);
	assert_int_equal(s2->backout, 1);
	assert_null(s2->mem);
	assert_int_equal(queue_hide(q, s2, &u), QM_OK);
	uow_backout(&u);
	assert_int_equal(s2->backout, 2);
	chg_check(q, 3, (struct qchange[]){ { 100, 0, QCHG_GONE }, { 200, 1, QCHG_BACKOUT },
					    { 200, 2, QCHG_BACKOUT } });

	/* unstored messages: no changes, though their counts move */
	assert_int_equal(queue_hide(q, pu, &u), QM_OK);
	assert_int_equal(queue_hide(q, np, &u), QM_OK);
	uow_backout(&u);
	assert_int_equal(pu->backout, 1);
	assert_int_equal(pu->mem->md.BackoutCount, 1);
	assert_int_equal(np->backout, 1);
	assert_int_equal(np->mem->md.BackoutCount, 1);
	queue_remove(q, np);
	qmsg_free(np);
	struct qmsg *pu2 = mk("pu2", 5, 0, 0, 0);            /* persistent: got before it was stored */
	pu2->mem->put_lsn = 450;
	assert_int_equal(queue_add(q, pu2, NULL), QM_OK);
	queue_remove(q, pu2);
	qmsg_free(pu2);
	pu2 = mk("pu3", 5, 0, 0, 0);                         /* a persistent put backed out */
	pu2->mem->put_lsn = 460;
	assert_int_equal(queue_add(q, pu2, &u), QM_OK);
	uow_backout(&u);
	assert_int_equal(q->nchg, 3);

	/* cleared by the checkpoint; changes start again at the front */
	queue_changes_clear(q);
	assert_int_equal(q->nchg, 0);
	assert_int_equal(q->chg_lost, 0);

	/* stored with its memory kept: the count in the descriptor too, and recorded */
	entry(&e[3], 400, qmsg_seq(pu), 5, 4, 0, 0, 2, 1);
	queue_set_stored(q, pu, &e[3], 1);
	assert_int_equal(queue_hide(q, pu, &u), QM_OK);
	uow_backout(&u);
	assert_int_equal(pu->backout, 2);
	assert_int_equal(pu->mem->md.BackoutCount, 2);

	/* a get committed, and an expiry, are removals */
	assert_int_equal(queue_hide(q, s3, &u), QM_OK);
	uow_commit(&u);
	struct qmsg *s4;
	entry(&e[4], 500, 10, 5, 0, 0, 0, 1, 0);
	e[4].expiry_ms = NOW + 1;
	s4 = stored(q, &e[4]);
	assert_int_equal(queue_expire(q, NOW + 1), 1);
	(void)s4;
	chg_check(q, 3, (struct qchange[]){ { 400, 2, QCHG_BACKOUT }, { 300, 0, QCHG_GONE },
					    { 500, 0, QCHG_GONE } });

	/* a purge removes what is stored */
	queue_changes_clear(q);
	order(q, buf);
	assert_string_equal(buf, "@200 pu");
	assert_int_equal(queue_purge(q, NULL), QM_OK);
	chg_check(q, 2, (struct qchange[]){ { 200, 0, QCHG_GONE }, { 400, 0, QCHG_GONE } });
	assert_int_equal(q->bytes, 0);
	assert_int_equal(q->kept, 0);
	queue_changes_clear(q);
	assert_int_equal(q->nchg, 0);
	freeq(q);
}

/* The MsgId index grows a step at a time (msgindex.c): while its old table
 * is being emptied into the new one, every id is still found, removed ids
 * are gone, and a removal of an id not moved yet works. */
static void test_queue__index_grows_in_steps(void **state)
{
	(void)state;
	enum { N = 5000 };
	struct queue *q = newq(1);
	static struct qmsg *v[N + 1];
	uint64_t x = 88172645463325252ull;
	for (unsigned i = 1; i <= N; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		v[i] = mk("g", 5, i, 0, 0);
		assert_int_equal(queue_add(q, v[i], NULL), QM_OK);
		/* an earlier id, found wherever it is at this moment */
		unsigned j = 1 + (unsigned)(x % i);
		struct qmatch mt = match(MQMO_MATCH_MSG_ID, j, 0, 0);
		struct qmsg *f = queue_find(q, &mt, NOW);
		if (v[j]) {
			assert_ptr_equal(f, v[j]);
		} else {
			assert_null(f);
		}
		if (i % 3 == 0) {   /* and removals while it grows */
			unsigned r = 1 + (unsigned)((x >> 32) % i);
			if (v[r]) {
				queue_remove(q, v[r]);
				qmsg_free(v[r]);
				v[r] = NULL;
			}
		}
	}
	for (unsigned i = 1; i <= N; i++) {
		struct qmatch mt = match(MQMO_MATCH_MSG_ID, i, 0, 0);
		struct qmsg *f = queue_find(q, &mt, NOW);
		if (v[i]) {
			assert_ptr_equal(f, v[i]);
		} else {
			assert_null(f);
		}
	}
	assert_true(q->mid.cap >= N / 2);
	freeq(q);
}

/* Ids carried by several messages (msgindex.c groups): each id's messages
 * come out in queue order, whatever is removed from the middle, hidden, or
 * reordered by a change of MSGDLVSQ; and while the table grows in steps,
 * ids with several messages are moved with it. */
static void test_queue__index_groups(void **state)
{
	(void)state;
	char buf[128];
	struct queue *q = newq(0);
	static const int prio[] = { 3, 8, 3, 5, 8, 0 };
	struct qmsg *g[6];
	for (int i = 0; i < 6; i++) {
		char tag[2] = { (char)('a' + i), 0 };
		g[i] = put(q, NULL, tag, prio[i], 0, 7, 0);
	}
	put(q, NULL, "x", 4, 0, 9, 0);
	struct qmatch m7 = match(MQMO_MATCH_CORREL_ID, 0, 7, 0);
	assert_ptr_equal(queue_find(q, &m7, NOW), g[1]);     /* b e d a c f */
	queue_remove(q, g[3]);                               /* d, from the middle */
	qmsg_free(g[3]);
	struct uow u;
	uow_init(&u, 3);
	assert_int_equal(queue_hide(q, g[1], &u), QM_OK);    /* b hidden */
	assert_ptr_equal(queue_find(q, &m7, NOW), g[4]);
	struct qcursor *c = queue_cursor_new(q);
	queue_cursor_set(c, g[4]);
	assert_ptr_equal(queue_find_after(c, &m7, NOW), g[0]);
	queue_cursor_free(c);
	assert_int_equal(queue_set_fifo(q, 1), QM_OK);      /* a c e f by arrival */
	assert_ptr_equal(queue_find(q, &m7, NOW), g[0]);
	uow_backout(&u);                                     /* b back, after a */
	struct qmsg *m;
	int n = 0;
	buf[0] = 0;
	while ((m = queue_find(q, &m7, NOW)) != NULL) {
		tag_of(m, buf + n);
		n += (int)strlen(buf + n);
		queue_remove(q, m);
		qmsg_free(m);
	}
	assert_string_equal(buf, "abcef");
	drain(q, buf, sizeof buf);
	assert_string_equal(buf, "x");

	/* growing with groups: 3 messages for each of 3000 CorrelIds, the
	 * first of a random earlier id got now and then (priority order) */
	assert_int_equal(queue_set_fifo(q, 0), QM_OK);
	enum { IDS = 3000 };
	static int left[IDS + 1];
	uint64_t x = 88172645463325252ull;
	for (unsigned i = 1; i <= IDS; i++) {
		for (int k = 0; k < 3; k++)
			put(q, NULL, "g", (int)(i + (unsigned)k) % 10, 0, i, 0);
		left[i] = 3;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		unsigned j = 1 + (unsigned)(x % i);
		struct qmatch mt = match(MQMO_MATCH_CORREL_ID, 0, j, 0);
		m = queue_find(q, &mt, NOW);
		if (!left[j]) {
			assert_null(m);
			continue;
		}
		assert_non_null(m);
		assert_memory_equal(m->mem->md.CorrelId, mt.correl_id, 24);
		queue_remove(q, m);
		qmsg_free(m);
		left[j]--;
	}
	for (unsigned i = 1; i <= IDS; i++) {
		struct qmatch mt = match(MQMO_MATCH_CORREL_ID, 0, i, 0);
		int prev = 10;
		for (n = 0; (m = queue_find(q, &mt, NOW)) != NULL; n++) {
			assert_true(m->prio <= prev);                /* queue order within the id */
			prev = m->prio;
			queue_remove(q, m);
			qmsg_free(m);
		}
		assert_int_equal(n, left[i]);
	}
	assert_int_equal(q->depth, 0);
	assert_int_equal(q->cid.n, 0);
	freeq(q);
}

/* A batch in flight (its syncs on another thread while the queue goes on):
 * its messages are pinned; one got and freed meanwhile is recorded as gone
 * and freed when the batch lands, one whose get was backed out meanwhile has
 * its new count recorded, the others are simply stored; changes recorded
 * meanwhile stay for the next batch; a failed batch leaves them unstored. */
static void test_queue__pinned_batch(void **state)
{
	(void)state;
	struct queue *q = newq(1);
	struct qmsg *m[4];
	for (int i = 0; i < 4; i++) {
		m[i] = mk("pin", 5, 10 + (unsigned)i, 0, 0);
		m[i]->mem->put_lsn = 100 + 100 * (uint64_t)i;
		assert_int_equal(queue_add(q, m[i], NULL), QM_OK);
	}
	struct qs_entry e[4];
	for (int i = 0; i < 4; i++) {
		entry(&e[i], 100 + 100 * (uint64_t)i, qmsg_seq(m[i]), 5, 10 + (unsigned)i, 0, 0, 3, 0);
		qmsg_pin(m[i]);
	}
	/* meanwhile: m[0] got and freed; m[1] got under a unit of work and backed out */
	queue_remove(q, m[0]);
	qmsg_free(m[0]);                                /* only marked: still pinned */
	struct uow u;
	uow_init(&u, 9);
	assert_int_equal(queue_hide(q, m[1], &u), QM_OK);
	uow_backout(&u);
	assert_int_equal(m[1]->backout, 1);
	assert_int_equal(q->nchg, 0);                   /* none of them stored yet */
	/* the first two land with the batch */
	queue_pinned_stored(q, m[0], &e[0], 0, 0);      /* frees m[0] */
	queue_pinned_stored(q, m[1], &e[1], 0, 0);
	assert_int_equal(q->nchg, 2);
	assert_int_equal(q->chg[0].kind, QCHG_GONE);
	assert_true(q->chg[0].put_lsn == 100);
	assert_int_equal(q->chg[1].kind, QCHG_BACKOUT);
	assert_true(q->chg[1].put_lsn == 200);
	assert_int_equal(q->chg[1].backout, 1);
	assert_ptr_equal(m[1]->qe, &e[1]);
	assert_null(m[1]->mem);                         /* not kept */
	/* a later batch took the first change only */
	queue_changes_done(q, 1);
	assert_int_equal(q->nchg, 1);
	assert_int_equal(q->chg[0].kind, QCHG_BACKOUT);
	/* the other two were in a batch that failed: as if never batched */
	queue_remove(q, m[3]);
	qmsg_free(m[3]);
	queue_pinned_unstored(m[3]);                    /* freed now */
	queue_pinned_unstored(m[2]);
	assert_null(m[2]->qe);
	assert_non_null(m[2]->mem);
	assert_ptr_equal(queue_unstored_first(q), m[2]);
	assert_int_equal(q->depth, 2);
	queue_changes_clear(q);
	freeq(q);
}

/* The bytes the next checkpoint must write: committed persistent messages
 * not yet stored, per queue and in the caller's total; puts under a unit
 * of work count from their commit; a stored, got, backed-out or discarded
 * message stops counting. */
static void test_queue__unstored_bytes(void **state)
{
	(void)state;
	uint64_t total = 0;
	struct queue *q = newq(1);
	q->unstored_total = &total;
	struct qmsg *a = mk("aaaa", 5, 1, 0, 0), *b = mk("bbbbbb", 5, 2, 0, 0), *c = mk("cc", 5, 3, 0, 0);
	struct qmsg *n = mk("nonpersistent", 5, 4, 0, 0);
	a->mem->put_lsn = 4096;
	b->mem->put_lsn = 8192;
	c->mem->put_lsn = 12288;
	struct uow u;
	uow_init(&u, 7);
	assert_int_equal(queue_add(q, a, NULL), QM_OK);
	assert_int_equal(queue_add(q, b, &u), QM_OK);
	assert_int_equal(queue_add(q, n, NULL), QM_OK);
	assert_int_equal(q->unstored_bytes, 4 + QS_REC_HDR);   /* b is not committed, n not persistent */
	uow_commit(&u);
	assert_int_equal(q->unstored_bytes, 10 + 2 * QS_REC_HDR);
	assert_int_equal(total, 10 + 2 * QS_REC_HDR);
	struct qs_entry e;
	memset(&e, 0, sizeof e);
	e.put_lsn = 4096;
	e.loc.len = QS_REC_HDR + 4;
	queue_set_stored(q, a, &e, 0);
	assert_int_equal(q->unstored_bytes, 6 + QS_REC_HDR);
	assert_int_equal(queue_add(q, c, &u), QM_OK);
	uow_backout(&u);                               /* c never counted */
	assert_int_equal(q->unstored_bytes, 6 + QS_REC_HDR);
	queue_remove(q, b);                            /* got before a checkpoint */
	qmsg_free(b);
	assert_int_equal(q->unstored_bytes, 0);
	assert_int_equal(total, 0);
	struct qmsg *d = mk("dddddddd", 5, 5, 0, 0);
	d->mem->put_lsn = 16384;
	assert_int_equal(queue_add(q, d, NULL), QM_OK);
	assert_int_equal(total, 8 + QS_REC_HDR);
	queue_discard(q);                              /* and a queue thrown away */
	assert_int_equal(total, 0);
	assert_int_equal(q->nchg, 0);                  /* a's removal recorded nothing */
	assert_int_equal(q->depth, 0);
	freeq(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queue__stored_order),
		cmocka_unit_test(test_queue__stored_match_ids),
		cmocka_unit_test(test_queue__unstored),
		cmocka_unit_test(test_queue__changes),
		cmocka_unit_test(test_queue__index_grows_in_steps),
		cmocka_unit_test(test_queue__index_groups),
		cmocka_unit_test(test_queue__pinned_batch),
		cmocka_unit_test(test_queue__unstored_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
