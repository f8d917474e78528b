/* test_queue.c: the in-memory queue engine (qm/engine/queue.h).  In-memory only:
 * no test touches a file, so none needs a folder.  Messages only the queue
 * store holds, and what the engine keeps for the store: test_queue_store.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tests/unit/queuetest.h"

static void test_queue__priority_order(void **state)
{
	(void)state;
	char buf[256];
	struct queue *q = newq(0);
	put(q, NULL, "a", 0, 0, 0, 0);
	put(q, NULL, "b", 5, 0, 0, 0);
	put(q, NULL, "c", 9, 0, 0, 0);
	put(q, NULL, "d", 5, 0, 0, 0);
	put(q, NULL, "e", 0, 0, 0, 0);
	put(q, NULL, "f", 9, 0, 0, 0);
	put(q, NULL, "g", 12, 0, 0, 0);    /* above 9: ordered as 9 */
	put(q, NULL, "h", 3, 0, 0, 0);
	order(q, buf);
	assert_string_equal(buf, "c f g b d h a e");
	assert_int_equal(q->depth, 8);
	drain(q, buf, sizeof buf);
	assert_string_equal(buf, "c f g b d h a e");
	assert_int_equal(q->depth, 0);
	assert_int_equal(q->bytes, 0);
	freeq(q);
}

static void test_queue__fifo_order(void **state)
{
	(void)state;
	char buf[256];
	struct queue *q = newq(1);
	put(q, NULL, "a", 0, 0, 0, 0);
	put(q, NULL, "b", 9, 0, 0, 0);
	put(q, NULL, "c", 5, 0, 0, 0);
	put(q, NULL, "d", 9, 0, 0, 0);
	order(q, buf);
	assert_string_equal(buf, "a b c d");

	/* ALTER MSGDLVSQ(PRIORITY) re-orders, and back again */
	assert_int_equal(queue_set_fifo(q, 0), QM_OK);
	order(q, buf);
	assert_string_equal(buf, "b d c a");
	put(q, NULL, "e", 5, 0, 0, 0);
	order(q, buf);
	assert_string_equal(buf, "b d c e a");
	assert_int_equal(queue_set_fifo(q, 1), QM_OK);
	put(q, NULL, "f", 9, 0, 0, 0);
	drain(q, buf, sizeof buf);
	assert_string_equal(buf, "a b c d e f");
	freeq(q);
}

static void test_queue__reload_with_sequence(void **state)
{
	(void)state;
	char buf[256];
	struct queue *q = newq(0);
	unsigned long long seqs[] = { 10, 5, 7, 2 };
	const char *tags[] = { "s10", "s5", "s7", "s2" };
	for (int i = 0; i < 4; i++) {
		struct qmsg *m = mk(tags[i], 4, 0, 0, 0);
		m->mem->seq = seqs[i];
		assert_int_equal(queue_add(q, m, NULL), QM_OK);
	}
	order(q, buf);
	assert_string_equal(buf, "s2 s5 s7 s10");
	assert_int_equal(q->next_seq, 11);
	struct qmsg *m = put(q, NULL, "new", 4, 0, 0, 0);
	assert_int_equal(qmsg_seq(m), 11);
	drain(q, buf, sizeof buf);
	assert_string_equal(buf, "s2 s5 s7 s10 new");
	freeq(q);
}

static void test_queue__match(void **state)
{
	(void)state;
	char t[64];
	struct queue *q = newq(0);
	put(q, NULL, "m1", 0, 1, 100, 7);
	put(q, NULL, "m2", 0, 2, 200, 7);
	put(q, NULL, "m3", 0, 3, 100, 8);
	put(q, NULL, "m4", 9, 4, 100, 0);    /* priority 9: first among CorrelId 100 */
	put(q, NULL, "m5", 0, 5, 0, 8);      /* CorrelId NONE */
	put(q, NULL, "m6", 0, 2, 300, 0);    /* duplicate MsgId 2 */

	struct qmatch mt = match(MQMO_MATCH_MSG_ID, 3, 0, 0);
	struct qmsg *m = queue_find(q, &mt, NOW);
	assert_non_null(m);
	tag_of(m, t);
	assert_string_equal(t, "m3");

	mt = match(MQMO_MATCH_MSG_ID, 2, 0, 0);
	tag_of(queue_find(q, &mt, NOW), t);
	assert_string_equal(t, "m2");

	mt = match(MQMO_MATCH_CORREL_ID, 0, 100, 0);
	tag_of(queue_find(q, &mt, NOW), t);
	assert_string_equal(t, "m4");

	mt = match(MQMO_MATCH_GROUP_ID, 0, 0, 8);
	tag_of(queue_find(q, &mt, NOW), t);
	assert_string_equal(t, "m3");

	/* combinations */
	mt = match(MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID, 2, 300, 0);
	tag_of(queue_find(q, &mt, NOW), t);
	assert_string_equal(t, "m6");
	mt = match(MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID, 3, 200, 0);
	assert_null(queue_find(q, &mt, NOW));
	mt = match(MQMO_MATCH_CORREL_ID | MQMO_MATCH_GROUP_ID, 0, 100, 8);
	tag_of(queue_find(q, &mt, NOW), t);
	assert_string_equal(t, "m3");
	mt = match(MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID | MQMO_MATCH_GROUP_ID, 1, 100, 7);
	tag_of(queue_find(q, &mt, NOW), t);
	assert_string_equal(t, "m1");
	mt = match(MQMO_MATCH_MSG_ID | MQMO_MATCH_GROUP_ID, 1, 0, 8);
	assert_null(queue_find(q, &mt, NOW));

	/* NONE values match anything (a version-1 MQGMO with MQMI_NONE/MQCI_NONE) */
	mt = match(MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID, 0, 0, 0);
	tag_of(queue_find(q, &mt, NOW), t);
	assert_string_equal(t, "m4");
	mt = match(MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID, 5, 0, 0);
	tag_of(queue_find(q, &mt, NOW), t);
	assert_string_equal(t, "m5");
	/* values given without their option do not restrict */
	mt = match(MQMO_NONE, 5, 200, 0);
	tag_of(queue_find(q, &mt, NOW), t);
	assert_string_equal(t, "m4");

	/* no such ids */
	mt = match(MQMO_MATCH_MSG_ID, 99, 0, 0);
	assert_null(queue_find(q, &mt, NOW));
	mt = match(MQMO_MATCH_CORREL_ID, 0, 999, 0);
	assert_null(queue_find(q, &mt, NOW));
	mt = match(MQMO_MATCH_GROUP_ID, 0, 0, 9);
	assert_null(queue_find(q, &mt, NOW));

	/* removing the matched message moves on to the next with that id */
	mt = match(MQMO_MATCH_MSG_ID, 2, 0, 0);
	m = queue_find(q, &mt, NOW);
	queue_remove(q, m);
	qmsg_free(m);
	tag_of(queue_find(q, &mt, NOW), t);
	assert_string_equal(t, "m6");
	freeq(q);
}

/* The caller's accept test (qmatch.accept): asked after the ids match, on
 * the scan and on the index path, and for browse next after the cursor. */
static int accept_tag(struct queue *q, struct qmsg *m, void *arg)
{
	(void)q;
	char t[64];
	tag_of(m, t);
	int *asked = arg;
	asked[0]++;
	return strcmp(t, "a1") != 0 && strcmp(t, "a3") != 0;   /* a1 and a3 refused */
}

static void test_queue__match_accept(void **state)
{
	(void)state;
	char t[64];
	int asked[1] = { 0 };
	struct queue *q = newq(0);
	put(q, NULL, "a1", 0, 1, 100, 0);
	put(q, NULL, "a2", 0, 2, 100, 0);
	put(q, NULL, "a3", 0, 3, 200, 0);
	put(q, NULL, "a4", 0, 4, 200, 0);
	struct qmatch mt = match(MQMO_NONE, 0, 0, 0);
	mt.accept = accept_tag;
	mt.accept_arg = asked;
	tag_of(queue_find(q, &mt, NOW), t);
	assert_string_equal(t, "a2");   /* a1 refused */
	assert_int_equal(asked[0], 2);
	/* the CorrelId index path: a3 refused, a4 taken; a1 and a2 never asked */
	mt = match(MQMO_MATCH_CORREL_ID, 0, 200, 0);
	mt.accept = accept_tag;
	mt.accept_arg = asked;
	asked[0] = 0;
	tag_of(queue_find(q, &mt, NOW), t);
	assert_string_equal(t, "a4");
	assert_int_equal(asked[0], 2);
	/* browse next after a2: a3 refused, a4 */
	struct qcursor *c = queue_cursor_new(q);
	assert_non_null(c);
	mt = match(MQMO_NONE, 0, 0, 0);
	mt.accept = accept_tag;
	mt.accept_arg = asked;
	struct qmsg *m = queue_find(q, &mt, NOW);
	queue_cursor_set(c, m);
	tag_of(queue_find_after(c, &mt, NOW), t);
	assert_string_equal(t, "a4");
	/* refusing everything finds nothing */
	mt = match(MQMO_MATCH_MSG_ID, 1, 0, 0);
	mt.accept = accept_tag;
	mt.accept_arg = asked;
	assert_null(queue_find(q, &mt, NOW));
	queue_cursor_free(c);
	freeq(q);
}

static void test_queue__uncommitted_put(void **state)
{
	(void)state;
	char buf[256];
	struct queue *q = newq(0);
	struct uow u;
	uow_init(&u, 42);
	struct qmsg *a = put(q, &u, "a", 4, 1, 0, 0);
	put(q, NULL, "b", 4, 2, 0, 0);
	put(q, &u, "c", 4, 3, 0, 0);
	assert_int_equal(qmsg_put_uow(a), 42);
	assert_int_equal(q->depth, 3);
	assert_int_equal(q->uncommitted_puts, 2);
	assert_int_equal(u.nmsgs, 2);

	/* invisible to gets, matched gets and browses alike */
	struct qmatch mt = match(MQMO_MATCH_MSG_ID, 1, 0, 0);
	assert_null(queue_find(q, &mt, NOW));
	struct qmsg *m = queue_find(q, NULL, NOW);
	tag_of(m, buf);
	assert_string_equal(buf, "b");
	struct qcursor *c = queue_cursor_new(q);
	queue_cursor_set(c, m);
	assert_null(queue_find_after(c, NULL, NOW));
	queue_cursor_free(c);

	uow_commit(&u);
	assert_int_equal(u.nmsgs, 0);
	assert_null(uow_first(&u));
	assert_int_equal(q->uncommitted_puts, 0);
	assert_int_equal(qmsg_put_uow(a), 0);
	tag_of(queue_find(q, &mt, NOW), buf);
	assert_string_equal(buf, "a");
	drain(q, buf, sizeof buf);
	assert_string_equal(buf, "a b c");

	/* backout of puts frees them */
	put(q, &u, "x", 4, 0, 0, 0);
	put(q, &u, "y", 9, 0, 0, 0);
	assert_int_equal(q->depth, 2);
	uow_backout(&u);
	assert_int_equal(q->depth, 0);
	assert_int_equal(q->uncommitted_puts, 0);
	assert_null(queue_first(q));
	freeq(q);
}

static void test_queue__syncpoint_get_backout(void **state)
{
	(void)state;
	char buf[256];
	struct queue *q = newq(0);
	struct uow u;
	uow_init(&u, 7);
	put(q, NULL, "a", 4, 1, 0, 0);
	put(q, NULL, "b", 9, 2, 0, 0);
	put(q, NULL, "c", 4, 3, 0, 0);
	put(q, NULL, "d", 0, 4, 0, 0);

	struct qmsg *m = queue_find(q, NULL, NOW);
	tag_of(m, buf);
	assert_string_equal(buf, "b");
	assert_int_equal(queue_hide(q, m, &u), QM_OK);
	assert_int_equal(queue_hide(q, m, &u), QM_EINVAL);    /* not visible any more */
	m = queue_find(q, NULL, NOW);
	tag_of(m, buf);
	assert_string_equal(buf, "a");
	assert_int_equal(queue_hide(q, m, &u), QM_OK);
	struct qmatch mt = match(MQMO_MATCH_MSG_ID, 1, 0, 0);
	assert_null(queue_find(q, &mt, NOW));
	tag_of(queue_find(q, NULL, NOW), buf);
	assert_string_equal(buf, "c");
	assert_int_equal(q->depth, 4);
	assert_int_equal(q->uncommitted_gets, 2);
	assert_int_equal(u.nmsgs, 2);

	uow_backout(&u);
	assert_int_equal(q->uncommitted_gets, 0);
	assert_int_equal(u.nmsgs, 0);
	order(q, buf);
	assert_string_equal(buf, "b a c d");
	m = queue_find(q, NULL, NOW);
	tag_of(m, buf);
	assert_string_equal(buf, "b");
	assert_int_equal(m->backout, 1);
	assert_int_equal(qmsg_get_uow(m), 0);

	/* again: the count keeps growing; c was never got */
	assert_int_equal(queue_hide(q, m, &u), QM_OK);
	uow_backout(&u);
	assert_int_equal(m->backout, 2);
	mt = match(MQMO_MATCH_MSG_ID, 3, 0, 0);
	assert_int_equal(queue_find(q, &mt, NOW)->backout, 0);

	/* commit removes and frees the got messages */
	m = queue_find(q, NULL, NOW);
	assert_int_equal(queue_hide(q, m, &u), QM_OK);
	uow_commit(&u);
	assert_int_equal(q->depth, 3);
	drain(q, buf, sizeof buf);
	assert_string_equal(buf, "a c d");
	freeq(q);
}

/* Visible-list placement when messages become visible out of order. */
static void test_queue__visible_position(void **state)
{
	(void)state;
	char buf[256];
	struct queue *q = newq(0);
	struct uow u1, u2;
	uow_init(&u1, 1);
	uow_init(&u2, 2);
	put(q, &u1, "a", 5, 0, 0, 0);
	put(q, NULL, "b", 5, 0, 0, 0);
	put(q, &u2, "c", 9, 0, 0, 0);
	put(q, &u1, "d", 0, 0, 0, 0);
	put(q, NULL, "e", 5, 0, 0, 0);
	put(q, &u2, "f", 5, 0, 0, 0);
	put(q, NULL, "g", 9, 0, 0, 0);
	uow_commit(&u2);
	struct qmsg *m = queue_find(q, NULL, NOW);   /* c */
	assert_int_equal(queue_hide(q, m, &u1), QM_OK);
	uow_commit(&u1);
	drain(q, buf, sizeof buf);
	assert_string_equal(buf, "g a b e f d");

	/* FIFO queue */
	assert_int_equal(queue_set_fifo(q, 1), QM_OK);
	put(q, &u1, "a", 5, 0, 0, 0);
	put(q, NULL, "b", 9, 0, 0, 0);
	put(q, &u2, "c", 0, 0, 0, 0);
	put(q, NULL, "d", 1, 0, 0, 0);
	uow_commit(&u2);
	m = queue_find(q, NULL, NOW);
	queue_hide(q, m, &u2);
	uow_commit(&u1);
	uow_backout(&u2);
	drain(q, buf, sizeof buf);
	assert_string_equal(buf, "a b c d");
	freeq(q);
}

static void test_queue__browse(void **state)
{
	(void)state;
	char buf[64];
	struct queue *q = newq(0);
	put(q, NULL, "a", 5, 1, 0, 0);
	struct qmsg *b = put(q, NULL, "b", 5, 2, 0, 0);
	put(q, NULL, "c", 5, 3, 0, 0);
	put(q, NULL, "d", 5, 4, 0, 0);
	struct qcursor *c = queue_cursor_new(q);
	assert_null(queue_cursor_msg(c, NOW));               /* before the first */

	struct qmsg *m = queue_find_after(c, NULL, NOW);      /* before first: = browse first */
	tag_of(m, buf);
	assert_string_equal(buf, "a");
	queue_cursor_set(c, m);
	assert_ptr_equal(queue_cursor_msg(c, NOW), m);
	m = queue_find_after(c, NULL, NOW);
	tag_of(m, buf);
	assert_string_equal(buf, "b");
	queue_cursor_set(c, m);

	/* added ahead of the cursor (higher priority): not seen by browse next;
	 * added behind it: seen */
	put(q, NULL, "X9", 9, 0, 0, 0);
	put(q, NULL, "e", 5, 0, 0, 0);

	/* remove the message under the cursor and the next one */
	queue_remove(q, b);
	qmsg_free(b);
	assert_null(queue_cursor_msg(c, NOW));               /* 2034 */
	m = queue_find_after(c, NULL, NOW);
	tag_of(m, buf);
	assert_string_equal(buf, "c");
	queue_remove(q, m);
	qmsg_free(m);
	m = queue_find_after(c, NULL, NOW);
	tag_of(m, buf);
	assert_string_equal(buf, "d");
	queue_cursor_set(c, m);

	/* message under cursor hidden by another's syncpoint get, then backed out */
	struct uow u;
	uow_init(&u, 3);
	assert_int_equal(queue_hide(q, m, &u), QM_OK);
	assert_null(queue_cursor_msg(c, NOW));
	uow_backout(&u);
	assert_ptr_equal(queue_cursor_msg(c, NOW), m);

	/* get under cursor, then browse next carries on */
	queue_remove(q, m);
	qmsg_free(m);
	assert_null(queue_cursor_msg(c, NOW));
	m = queue_find_after(c, NULL, NOW);
	tag_of(m, buf);
	assert_string_equal(buf, "e");
	queue_cursor_set(c, m);
	assert_null(queue_find_after(c, NULL, NOW));          /* 2033, cursor unchanged */
	put(q, NULL, "f", 0, 0, 0, 0);
	tag_of(queue_find_after(c, NULL, NOW), buf);
	assert_string_equal(buf, "f");

	/* browse first again sees X9 first */
	queue_cursor_reset(c);
	tag_of(queue_find_after(c, NULL, NOW), buf);
	assert_string_equal(buf, "X9");

	/* removing every message leaves the cursor usable */
	m = queue_find(q, NULL, NOW);
	queue_cursor_set(c, m);
	drain(q, buf, sizeof buf);
	assert_string_equal(buf, "X9 a e f");
	assert_null(queue_find_after(c, NULL, NOW));
	put(q, NULL, "g", 0, 0, 0, 0);
	put(q, NULL, "h", 9, 0, 0, 0);   /* priority 9 but newer than X9: after it */
	m = queue_find_after(c, NULL, NOW);
	tag_of(m, buf);
	assert_string_equal(buf, "h");
	queue_cursor_set(c, m);
	tag_of(queue_find_after(c, NULL, NOW), buf);
	assert_string_equal(buf, "g");

	/* the cursor's message removed, then a message added between the
	 * message before it and its place: still not seen by browse next */
	drain(q, buf, sizeof buf);
	put(q, NULL, "p9", 9, 0, 0, 0);
	m = put(q, NULL, "p5", 5, 0, 0, 0);
	put(q, NULL, "q5", 5, 0, 0, 0);
	queue_cursor_set(c, m);
	queue_remove(q, m);
	qmsg_free(m);
	put(q, NULL, "r9", 9, 0, 0, 0);
	tag_of(queue_find_after(c, NULL, NOW), buf);
	assert_string_equal(buf, "q5");
	order(q, buf);
	assert_string_equal(buf, "p9 r9 q5");
	drain(q, buf, sizeof buf);
	put(q, NULL, "j", 0, 0, 0, 0);
	put(q, NULL, "k", 0, 0, 0, 0);

	/* a second cursor, and freeing cursors with anchors */
	struct qcursor *c2 = queue_cursor_new(q);
	m = queue_find(q, NULL, NOW);
	queue_cursor_set(c2, m);
	queue_cursor_set(c, m);
	assert_int_equal(queue_free(q), QM_EINVAL);           /* cursors still open */
	queue_remove(q, m);
	qmsg_free(m);
	tag_of(queue_find_after(c2, NULL, NOW), buf);
	assert_string_equal(buf, "k");
	queue_cursor_free(c);
	queue_cursor_free(c2);
	freeq(q);
}

static void test_queue__browse_matched(void **state)
{
	(void)state;
	char buf[64];
	struct queue *q = newq(0);
	put(q, NULL, "a", 5, 0, 100, 0);
	put(q, NULL, "b", 5, 0, 200, 0);
	put(q, NULL, "c", 5, 0, 100, 0);
	put(q, NULL, "d", 9, 0, 100, 0);
	put(q, NULL, "e", 0, 0, 100, 0);
	struct qcursor *c = queue_cursor_new(q);
	struct qmatch mt = match(MQMO_MATCH_CORREL_ID, 0, 100, 0);
	const char *want[] = { "d", "a", "c", "e" };
	for (int i = 0; i < 4; i++) {
		struct qmsg *m = queue_find_after(c, &mt, NOW);
		assert_non_null(m);
		tag_of(m, buf);
		assert_string_equal(buf, want[i]);
		queue_cursor_set(c, m);
	}
	assert_null(queue_find_after(c, &mt, NOW));
	put(q, NULL, "f", 0, 0, 100, 0);
	tag_of(queue_find_after(c, &mt, NOW), buf);
	assert_string_equal(buf, "f");
	queue_cursor_free(c);
	freeq(q);
}

struct expired_log {
	int n;
	char tags[16][8];
	uint64_t lsn[16];
};

static void on_expired(struct queue *q, struct qmsg *m, uint64_t put_lsn, void *arg)
{
	struct expired_log *el = arg;
	assert_null(qmsg_queue(m));       /* already off the queue */
	(void)q;
	tag_of(m, el->tags[el->n]);
	el->lsn[el->n] = put_lsn;
	el->n++;
	qmsg_free(m);
}

static void test_queue__expiry(void **state)
{
	(void)state;
	char buf[128];
	struct expired_log el = { 0 };
	static const struct queue_hooks hooks = { .wake = NULL, .expired = on_expired, .ids = NULL };
	struct queue *q = newq(0);
	queue_set_hooks(q, &hooks, &el);

	struct qmsg *m = mk("p", 5, 1, 0, 0);
	m->mem->md.Expiry = 10;                       /* 1 second */
	m->mem->md.Persistence = MQPER_PERSISTENT;
	m->mem->put_lsn = 4096;
	qmsg_set_expiry(m, NOW);
	assert_int_equal(qmsg_expiry_ms(m), NOW + 1000);
	assert_int_equal(qmsg_expiry_left(m, NOW + 450), 6);
	assert_int_equal(qmsg_expiry_left(m, NOW + 999), 1);
	assert_int_equal(queue_add(q, m, NULL), QM_OK);
	m = mk("n", 5, 2, 0, 0);
	m->mem->md.Expiry = 50;
	qmsg_set_expiry(m, NOW);
	assert_int_equal(queue_add(q, m, NULL), QM_OK);
	m = mk("u", 5, 3, 0, 0);
	m->mem->md.Expiry = MQEI_UNLIMITED;
	qmsg_set_expiry(m, NOW);
	assert_int_equal(qmsg_expiry_ms(m), 0);
	assert_int_equal(qmsg_expiry_left(m, NOW), MQEI_UNLIMITED);
	assert_int_equal(queue_add(q, m, NULL), QM_OK);

	/* not yet expired */
	tag_of(queue_find(q, NULL, NOW + 999), buf);
	assert_string_equal(buf, "p");
	assert_int_equal(el.n, 0);

	/* p expired: skipped and reported, with its put LSN */
	tag_of(queue_find(q, NULL, NOW + 1000), buf);
	assert_string_equal(buf, "n");
	assert_int_equal(el.n, 1);
	assert_string_equal(el.tags[0], "p");
	assert_int_equal(el.lsn[0], 4096);
	assert_int_equal(q->depth, 2);

	/* a matched get for an expired message: no message, and it is removed */
	struct qmatch mt = match(MQMO_MATCH_MSG_ID, 2, 0, 0);
	assert_null(queue_find(q, &mt, NOW + 5000));
	assert_int_equal(el.n, 2);
	assert_string_equal(el.tags[1], "n");
	assert_int_equal(q->depth, 1);

	/* a hidden expired message stays until it is visible again */
	struct uow u;
	uow_init(&u, 9);
	m = mk("h", 5, 4, 0, 0);
	m->mem->md.Expiry = 1;
	qmsg_set_expiry(m, NOW);
	assert_int_equal(queue_add(q, m, NULL), QM_OK);
	assert_int_equal(queue_hide(q, m, &u), QM_OK);
	assert_int_equal(queue_expire(q, NOW + 10000), 0);
	assert_int_equal(q->depth, 2);
	uow_backout(&u);

	/* browse and under-cursor never return it either */
	struct qcursor *c = queue_cursor_new(q);
	queue_cursor_set(c, m);
	assert_null(queue_cursor_msg(c, NOW + 10000));
	assert_int_equal(el.n, 3);
	assert_string_equal(el.tags[2], "h");
	assert_null(queue_find_after(c, NULL, NOW + 10000));  /* u is before h's place */
	tag_of(queue_find(q, NULL, NOW + 10000), buf);
	assert_string_equal(buf, "u");
	queue_cursor_free(c);

	/* the sweep */
	for (int i = 0; i < 3; i++) {
		m = mk("s", 5, 0, 0, 0);
		m->mem->md.Expiry = 1 + i;
		qmsg_set_expiry(m, NOW);
		assert_int_equal(queue_add(q, m, NULL), QM_OK);
	}
	assert_int_equal(queue_expire(q, NOW + 250), 2);
	assert_int_equal(el.n, 5);
	assert_int_equal(q->depth, 2);

	/* without a hook the engine frees expired messages itself */
	queue_set_hooks(q, NULL, NULL);
	assert_int_equal(queue_expire(q, NOW + 100000), 1);
	assert_int_equal(q->depth, 1);
	freeq(q);
}

static void test_queue__depth_counters(void **state)
{
	(void)state;
	struct queue *q = newq(0);
	struct uow u;
	uow_init(&u, 5);
	put(q, NULL, "aaaa", 5, 0, 0, 0);
	put(q, &u, "bb", 5, 0, 0, 0);
	struct qmsg *m = queue_find(q, NULL, NOW);
	assert_int_equal(queue_hide(q, m, &u), QM_OK);
	assert_int_equal(q->depth, 2);
	assert_int_equal(q->uncommitted_puts, 1);
	assert_int_equal(q->uncommitted_gets, 1);
	assert_int_equal(q->bytes, 6);
	assert_int_equal(u.nmsgs, 2);
	assert_null(queue_find(q, NULL, NOW));

	uint64_t n = 99;
	assert_int_equal(queue_purge(q, &n), QM_EINVAL);     /* uncommitted messages */
	assert_int_equal(queue_free(q), QM_EINVAL);
	assert_int_equal(q->depth, 2);

	uow_commit(&u);
	assert_int_equal(q->depth, 1);
	assert_int_equal(q->uncommitted_puts, 0);
	assert_int_equal(q->uncommitted_gets, 0);
	assert_int_equal(q->bytes, 2);
	put(q, NULL, "c", 1, 0, 0, 0);
	assert_int_equal(queue_purge(q, &n), QM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(q->depth, 0);
	assert_int_equal(q->bytes, 0);

	/* queue_remove of a message in a unit of work takes it out of it */
	m = put(q, &u, "d", 1, 0, 0, 0);
	queue_remove(q, m);
	qmsg_free(m);
	assert_int_equal(u.nmsgs, 0);
	assert_int_equal(q->uncommitted_puts, 0);
	assert_int_equal(q->depth, 0);
	freeq(q);
}

static void test_queue__iterate(void **state)
{
	(void)state;
	char buf[64];
	struct queue *q = newq(0);
	struct uow u;
	uow_init(&u, 11);
	put(q, NULL, "a", 1, 0, 0, 0);
	put(q, &u, "b", 9, 0, 0, 0);
	put(q, NULL, "c", 5, 0, 0, 0);
	struct qmsg *m = queue_find(q, NULL, NOW);
	queue_hide(q, m, &u);
	order(q, buf);
	assert_string_equal(buf, "b c a");
	/* checkpoint view: committed messages, those hidden by a get included */
	int committed = 0, hidden = 0;
	for (m = queue_first(q); m; m = queue_next(m)) {
		if (qmsg_put_uow(m) == 0)
			committed++;
		if (qmsg_get_uow(m) == 11)
			hidden++;
	}
	assert_int_equal(committed, 2);
	assert_int_equal(hidden, 1);
	/* the unit of work's messages in call order, with their kinds and queue */
	m = uow_first(&u);
	tag_of(m, buf);
	assert_string_equal(buf, "b");
	assert_int_equal(qmsg_put_uow(m), 11);
	assert_ptr_equal(qmsg_queue(m), q);
	m = uow_next(m);
	tag_of(m, buf);
	assert_string_equal(buf, "c");
	assert_int_equal(qmsg_get_uow(m), 11);
	assert_null(uow_next(m));
	uow_backout(&u);
	freeq(q);
}

static void test_queue__uow_several_queues(void **state)
{
	(void)state;
	char buf[64];
	struct queue *q1 = newq(0), *q2 = newq(1);
	struct uow u;
	uow_init(&u, 77);
	put(q2, NULL, "in", 5, 0, 0, 0);

	/* get from q2, put the reply to q1 and a copy to q2, then back out */
	struct qmsg *m = queue_find(q2, NULL, NOW);
	assert_int_equal(queue_hide(q2, m, &u), QM_OK);
	put(q1, &u, "reply", 5, 0, 0, 0);
	put(q2, &u, "copy", 5, 0, 0, 0);
	assert_int_equal(u.nmsgs, 3);
	assert_null(queue_find(q1, NULL, NOW));
	assert_null(queue_find(q2, NULL, NOW));
	uow_backout(&u);
	assert_int_equal(q1->depth, 0);
	assert_int_equal(q2->depth, 1);
	m = queue_find(q2, NULL, NOW);
	assert_int_equal(m->backout, 1);

	/* the same, committed */
	assert_int_equal(queue_hide(q2, m, &u), QM_OK);
	put(q1, &u, "reply", 5, 0, 0, 0);
	put(q2, &u, "copy", 5, 0, 0, 0);
	uow_commit(&u);
	assert_int_equal(u.nmsgs, 0);
	drain(q1, buf, sizeof buf);
	assert_string_equal(buf, "reply");
	drain(q2, buf, sizeof buf);
	assert_string_equal(buf, "copy");

	/* restart recovery resolving one message at a time */
	struct qmsg *p = put(q1, &u, "p", 5, 0, 0, 0);
	put(q2, NULL, "g", 5, 0, 0, 0);
	struct qmsg *g = queue_find(q2, NULL, NOW);
	queue_hide(q2, g, &u);
	queue_commit_put(p);
	queue_backout_get(g);
	assert_int_equal(u.nmsgs, 0);
	assert_int_equal(g->backout, 1);
	drain(q1, buf, sizeof buf);
	assert_string_equal(buf, "p");
	drain(q2, buf, sizeof buf);
	assert_string_equal(buf, "g");
	freeq(q1);
	freeq(q2);
}

struct wake_log {
	int n;
	struct queue *last;
};

static void on_wake(struct queue *q, void *arg)
{
	struct wake_log *wl = arg;
	wl->n++;
	wl->last = q;
}

static void test_queue__waiters(void **state)
{
	(void)state;
	struct wake_log wl = { 0, NULL };
	static const struct queue_hooks hooks = { .wake = on_wake, .expired = NULL, .ids = NULL };
	struct queue *q = newq(0);
	queue_set_hooks(q, &hooks, &wl);
	struct uow u;
	uow_init(&u, 3);

	/* no waiters: no wake-up */
	put(q, NULL, "x", 5, 0, 0, 0);
	assert_int_equal(wl.n, 0);
	char buf[64];
	drain(q, buf, sizeof buf);

	int ids[3] = { 1, 2, 3 };
	struct qwaiter w[3];
	for (int i = 0; i < 3; i++)
		queue_waiter_add(q, &w[i], &ids[i]);

	/* an uncommitted put wakes nobody; its commit does, once */
	put(q, &u, "a", 5, 0, 0, 0);
	assert_int_equal(wl.n, 0);
	uow_commit(&u);
	assert_int_equal(wl.n, 1);
	assert_ptr_equal(wl.last, q);
	put(q, NULL, "b", 5, 0, 0, 0);
	assert_int_equal(wl.n, 1);                /* still pending */

	/* the daemon services the queue: waiters in arrival order */
	queue_wake_clear(q);
	int seen[3], ns = 0;
	struct qwaiter *x, *nx;
	for (x = queue_waiter_first(q); x; x = nx) {
		nx = queue_waiter_next(x);
		seen[ns++] = *(int *)x->ctx;
		struct qmsg *m = queue_find(q, NULL, NOW);
		if (m) {
			queue_remove(q, m);
			qmsg_free(m);
			queue_waiter_remove(x);
		}
	}
	assert_int_equal(ns, 3);
	assert_int_equal(seen[0], 1);
	assert_int_equal(seen[1], 2);
	assert_int_equal(seen[2], 3);
	assert_ptr_equal(queue_waiter_first(q), &w[2]);   /* 1 and 2 got a message */
	assert_null(queue_waiter_next(&w[2]));
	assert_null(w[0].q);
	queue_waiter_remove(&w[0]);                      /* not waiting: no-op */

	/* a backed-out get wakes the remaining waiter */
	queue_waiter_add(q, &w[0], &ids[0]);
	put(q, NULL, "c", 5, 0, 0, 0);
	assert_int_equal(wl.n, 2);
	queue_wake_clear(q);
	struct qmsg *m = queue_find(q, NULL, NOW);
	queue_hide(q, m, &u);
	assert_int_equal(wl.n, 2);
	uow_backout(&u);
	assert_int_equal(wl.n, 3);
	assert_ptr_equal(queue_waiter_first(q), &w[2]);
	assert_ptr_equal(queue_waiter_next(&w[2]), &w[0]);

	assert_int_equal(queue_free(q), QM_EINVAL);      /* waiters still parked */
	queue_waiter_remove(&w[2]);
	queue_waiter_remove(&w[0]);
	assert_null(queue_waiter_first(q));
	freeq(q);
}

/* 100,000 messages: matched gets by MsgId and CorrelId in an order unlike
 * the queue's, unmatched gets past a deep pile of hidden messages. */
static void test_queue__many(void **state)
{
	(void)state;
	enum { N = 100000 };
	struct queue *q = newq(0);
	for (unsigned i = 1; i <= N; i++)
		put(q, NULL, "m", (int)(i % 10), i, i % 1000 + 1, 0);
	assert_int_equal(q->depth, N);

	/* by MsgId, from the last to the first: each found, exactly that one */
	for (unsigned i = N; i > N / 2; i--) {
		struct qmatch mt = match(MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID, i, 0, 0);
		struct qmsg *m = queue_find(q, &mt, NOW);
		assert_non_null(m);
		MQBYTE24 want;
		id_set(want, i);
		assert_memory_equal(m->mem->md.MsgId, want, 24);
		queue_remove(q, m);
		qmsg_free(m);
	}
	assert_int_equal(q->depth, N / 2);

	/* by CorrelId: 1000 ids, 50 messages each */
	for (unsigned k = 1000; k >= 1; k--) {
		struct qmatch mt = match(MQMO_MATCH_CORREL_ID, 0, k, 0);
		struct qmsg *m = queue_find(q, &mt, NOW);
		assert_non_null(m);
		assert_memory_equal(m->mem->md.CorrelId, mt.correl_id, 24);
		/* all of one CorrelId share a priority: the oldest comes first */
		assert_int_equal(m->prio, (k - 1) % 10);
		assert_int_equal(qmsg_seq(m), k == 1 ? 1000 : k - 1);
		queue_remove(q, m);
		qmsg_free(m);
	}
	assert_int_equal(q->depth, N / 2 - 1000);

	/* hide 10,000 under a unit of work: gets still go straight to the rest */
	struct uow u;
	uow_init(&u, 1);
	for (int i = 0; i < 10000; i++) {
		struct qmsg *m = queue_find(q, NULL, NOW);
		assert_int_equal(queue_hide(q, m, &u), QM_OK);
	}
	uint64_t left = q->depth - 10000;
	for (uint64_t i = 0; i < left; i++) {
		struct qmsg *m = queue_find(q, NULL, NOW);
		assert_non_null(m);
		queue_remove(q, m);
		qmsg_free(m);
	}
	assert_null(queue_find(q, NULL, NOW));
	uow_backout(&u);
	assert_int_equal(q->depth, 10000);
	struct qmsg *prev = NULL;
	for (struct qmsg *m = queue_first(q); m; m = queue_next(m)) {
		assert_int_equal(m->backout, 1);
		if (prev)
			assert_true(prev->prio > m->prio || (prev->prio == m->prio && qmsg_seq(prev) < qmsg_seq(m)));
		prev = m;
	}
	assert_int_equal(queue_purge(q, NULL), QM_OK);

	/* a big unit of work of puts interleaved with committed puts, then commit */
	for (unsigned i = 0; i < N; i++)
		put(q, (i % 2) ? &u : NULL, "m", 5, 0, 0, 0);
	uow_commit(&u);
	prev = NULL;
	uint64_t n = 0;
	for (struct qmsg *m; (m = queue_find(q, NULL, NOW)) != NULL; n++) {
		if (prev)
			assert_true(qmsg_seq(prev) < qmsg_seq(m));
		queue_remove(q, m);
		if (prev)
			qmsg_free(prev);
		prev = m;
	}
	qmsg_free(prev);
	assert_int_equal(n, N);
	freeq(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queue__priority_order),
		cmocka_unit_test(test_queue__fifo_order),
		cmocka_unit_test(test_queue__reload_with_sequence),
		cmocka_unit_test(test_queue__match),
		cmocka_unit_test(test_queue__match_accept),
		cmocka_unit_test(test_queue__uncommitted_put),
		cmocka_unit_test(test_queue__syncpoint_get_backout),
		cmocka_unit_test(test_queue__visible_position),
		cmocka_unit_test(test_queue__browse),
		cmocka_unit_test(test_queue__browse_matched),
		cmocka_unit_test(test_queue__expiry),
		cmocka_unit_test(test_queue__depth_counters),
		cmocka_unit_test(test_queue__iterate),
		cmocka_unit_test(test_queue__uow_several_queues),
		cmocka_unit_test(test_queue__waiters),
		cmocka_unit_test(test_queue__many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
