/* test_queue.c: the in-memory queue engine (qm/engine/queue.h).  In-memory only:
 * no test touches a file, so none needs a folder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qm/engine/queue.h"
#include "log/qmerr.h"
#include "objects/qstore.h"

#define NOW 1000000000000LL   /* a fixed "now", ms since the epoch */

static void id_set(MQBYTE *id, unsigned n)
{
	memset(id, 0, 24);
	if (n) {
		memcpy(id, "ID", 2);
		for (int i = 0; i < 4; i++)
			id[20 + i] = (MQBYTE)(n >> (8 * i));
	}
}

/* A message whose body is `tag`, with priority p and ids from numbers (0: NONE). */
static struct qmsg *mk(const char *tag, int p, unsigned msgid, unsigned correlid, unsigned groupid)
{
	MQMD md = { MQMD_DEFAULT };
	md.Version = MQMD_VERSION_2;
	md.Priority = p;
	id_set(md.MsgId, msgid);
	id_set(md.CorrelId, correlid);
	id_set(md.GroupId, groupid);
	struct qmsg *m = qmsg_new(&md, tag, strlen(tag));
	assert_non_null(m);
	return m;
}

static struct qmsg *put(struct queue *q, struct uow *u, const char *tag, int p,
			unsigned msgid, unsigned correlid, unsigned groupid)
{
	struct qmsg *m = mk(tag, p, msgid, correlid, groupid);
	assert_int_equal(queue_add(q, m, u), QM_OK);
	return m;
}

/* The body as a string; "@<put LSN>" for a message only the store has. */
static void tag_of(struct qmsg *m, char *out)
{
	if (!m->mem) {
		sprintf(out, "@%llu", (unsigned long long)m->put_lsn);
		return;
	}
	memcpy(out, qmsg_body(m), m->len);
	out[m->len] = 0;
}

/* Get (not under syncpoint) every visible message; their tags joined by ' '. */
static void drain(struct queue *q, char *out, size_t n)
{
	struct qmsg *m;
	size_t at = 0;
	out[0] = 0;
	while ((m = queue_find(q, NULL, NOW)) != NULL) {
		char t[32];
		tag_of(m, t);
		assert_true(at + strlen(t) + 2 < n);
		if (at)
			out[at++] = ' ';
		strcpy(out + at, t);
		at += strlen(t);
		queue_remove(q, m);
		qmsg_free(m);
	}
}

/* The tags of every message in queue order (visible or not), by queue_first/next. */
static void order(struct queue *q, char *out)
{
	size_t at = 0;
	out[0] = 0;
	for (struct qmsg *m = queue_first(q); m; m = queue_next(m)) {
		if (at)
			out[at++] = ' ';
		tag_of(m, out + at);
		at += strlen(out + at);
	}
}

static struct queue *newq(int fifo)
{
	struct queue *q;
	assert_int_equal(queue_new("TEST.Q", fifo, &q), QM_OK);
	return q;
}

static void freeq(struct queue *q)
{
	assert_int_equal(queue_free(q), QM_OK);
}

static struct qmatch match(MQLONG o, unsigned msgid, unsigned correlid, unsigned groupid)
{
	struct qmatch mt;
	memset(&mt, 0, sizeof mt);
	mt.options = o;
	id_set(mt.msg_id, msgid);
	id_set(mt.correl_id, correlid);
	id_set(mt.group_id, groupid);
	return mt;
}

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
		m->seq = seqs[i];
		assert_int_equal(queue_add(q, m, NULL), QM_OK);
	}
	order(q, buf);
	assert_string_equal(buf, "s2 s5 s7 s10");
	assert_int_equal(q->next_seq, 11);
	struct qmsg *m = put(q, NULL, "new", 4, 0, 0, 0);
	assert_int_equal(m->seq, 11);
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
	assert_int_equal(a->put_uow, 42);
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
	assert_int_equal(a->put_uow, 0);
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
	assert_int_equal(m->get_uow, 0);

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

static void on_expired(struct queue *q, struct qmsg *m, void *arg)
{
	struct expired_log *el = arg;
	assert_null(qmsg_queue(m));       /* already off the queue */
	(void)q;
	tag_of(m, el->tags[el->n]);
	el->lsn[el->n] = m->put_lsn;
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
	m->put_lsn = 4096;
	qmsg_set_expiry(m, NOW);
	assert_int_equal(m->expiry_ms, NOW + 1000);
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
	assert_int_equal(m->expiry_ms, 0);
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
		if (m->put_uow == 0)
			committed++;
		if (m->get_uow == 11)
			hidden++;
	}
	assert_int_equal(committed, 2);
	assert_int_equal(hidden, 1);
	/* the unit of work's messages in call order, with their kinds and queue */
	m = uow_first(&u);
	tag_of(m, buf);
	assert_string_equal(buf, "b");
	assert_int_equal(m->put_uow, 11);
	assert_ptr_equal(qmsg_queue(m), q);
	m = uow_next(m);
	tag_of(m, buf);
	assert_string_equal(buf, "c");
	assert_int_equal(m->get_uow, 11);
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
		assert_int_equal(m->seq, k == 1 ? 1000 : k - 1);
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
			assert_true(prev->prio > m->prio || (prev->prio == m->prio && prev->seq < m->seq));
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
			assert_true(prev->seq < m->seq);
		queue_remove(q, m);
		if (prev)
			qmsg_free(prev);
		prev = m;
	}
	qmsg_free(prev);
	assert_int_equal(n, N);
	freeq(q);
}

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
		if (t->lsn[i] != m->put_lsn)
			continue;
		for (int k = 0; k < 3; k++)
			id_set(ids[k], t->id[i][k]);
		return t->fail;
	}
	fail_msg("ids hook: no message with put LSN %llu", (unsigned long long)m->put_lsn);
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
	a->seq = 3;
	assert_int_equal(queue_add(q, a, NULL), QM_OK);
	struct qmsg *s2 = stored(q, &e[2]);
	struct qmsg *s3 = stored(q, &e[3]);
	struct qmsg *b = put(q, NULL, "b", 5, 12, 0, 0);

	/* everything from the entry, nothing in memory */
	assert_null(s0->mem);
	assert_ptr_equal(s0->qe, &e[0]);
	assert_int_equal(s0->seq, 2);
	assert_int_equal(s0->put_lsn, 100);
	assert_int_equal(s0->expiry_ms, 0);           /* -1: never */
	assert_int_equal(s0->len, 10);
	assert_int_equal(s0->backout, 3);
	assert_int_equal(s0->prio, 5);
	assert_true(s0->hash[0] == e[0].msgid_hash && s0->hash[0] != 0);
	assert_true(s0->hash[1] == 0 && s0->hash[2] == 0);
	assert_null(qmsg_body(s0));
	assert_int_equal(s2->hash[1], e[2].correlid_hash);
	assert_int_equal(s3->expiry_ms, NOW + 1000);
	assert_int_equal(b->seq, 7);                   /* above the largest loaded */
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
	assert_int_equal(s1->hash[0], s2->hash[0]);

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
	m->put_lsn = 300;
	assert_int_equal(queue_add(q, m, NULL), QM_OK);
	entry(&e[2], 300, m->seq, 9, 21, 0, 0, 1, 0);
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
	p->put_lsn = 1000;
	assert_int_equal(queue_add(q, p, NULL), QM_OK);
	struct qmsg *n = put(q, NULL, "non", 5, 2, 0, 0);    /* put_lsn 0 */
	struct qmsg *p2 = mk("pp", 5, 3, 0, 0);
	p2->put_lsn = 2000;
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
	entry(&e[0], 1000, p->seq, 5, 1, 0, 0, 7, 0);
	queue_set_stored(q, p, &e[0], 0);
	assert_null(p->mem);
	assert_ptr_equal(p->qe, &e[0]);
	assert_null(qmsg_body(p));
	assert_int_equal(p->len, 7);
	assert_int_equal(q->bytes, 5);
	assert_int_equal(q->kept, 0);
	assert_ptr_equal(queue_unstored_first(q), p2);
	assert_null(queue_unstored_next(p2));
	assert_int_equal(q->depth, 3);
	assert_ptr_equal(queue_find(q, NULL, NOW), p);       /* still first on the queue */

	/* stored, memory kept (a cache) */
	uow_commit(&u);
	entry(&e[1], 2000, p2->seq, 5, 3, 0, 0, 2, 0);
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
	p3->put_lsn = 3000;
	assert_int_equal(queue_add(q, p3, NULL), QM_OK);
	struct qmsg *p4 = mk("p4", 5, 0, 0, 0);
	p4->put_lsn = 4000;
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
	p5->put_lsn = 5000;
	assert_int_equal(queue_add(q, p5, NULL), QM_OK);
	entry(&e[2], 5000, p5->seq, 5, 0, 0, 0, 5, 0);
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
	pu->put_lsn = 400;
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
	pu2->put_lsn = 450;
	assert_int_equal(queue_add(q, pu2, NULL), QM_OK);
	queue_remove(q, pu2);
	qmsg_free(pu2);
	pu2 = mk("pu3", 5, 0, 0, 0);                         /* a persistent put backed out */
	pu2->put_lsn = 460;
	assert_int_equal(queue_add(q, pu2, &u), QM_OK);
	uow_backout(&u);
	assert_int_equal(q->nchg, 3);

	/* cleared by the checkpoint; changes start again at the front */
	queue_changes_clear(q);
	assert_int_equal(q->nchg, 0);
	assert_int_equal(q->chg_lost, 0);

	/* stored with its memory kept: the count in the descriptor too, and recorded */
	entry(&e[3], 400, pu->seq, 5, 4, 0, 0, 2, 1);
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
	assert_true(q->mid.nbuckets >= N / 2);
	freeq(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queue__index_grows_in_steps),
		cmocka_unit_test(test_queue__priority_order),
		cmocka_unit_test(test_queue__fifo_order),
		cmocka_unit_test(test_queue__reload_with_sequence),
		cmocka_unit_test(test_queue__match),
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
		cmocka_unit_test(test_queue__stored_order),
		cmocka_unit_test(test_queue__stored_match_ids),
		cmocka_unit_test(test_queue__unstored),
		cmocka_unit_test(test_queue__changes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
