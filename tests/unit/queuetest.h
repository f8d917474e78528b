/*
 * queuetest.h: what the queue engine's tests share (test_queue.c,
 * test_queue_store.c): ids from numbers, messages whose body is a tag,
 * queues, matches, and the tags of a queue's messages in order.
 */
#ifndef QUIRE_QUEUETEST_H
#define QUIRE_QUEUETEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/qmerr.h"
#include "qm/engine/queue.h"

#define NOW 1000000000000LL   /* a fixed "now", ms since the epoch */

static inline void id_set(MQBYTE *id, unsigned n)
{
	memset(id, 0, 24);
	if (n) {
		memcpy(id, "ID", 2);
		for (int i = 0; i < 4; i++)
			id[20 + i] = (MQBYTE)(n >> (8 * i));
	}
}

/* A message whose body is `tag`, with priority p and ids from numbers (0: NONE). */
static inline struct qmsg *mk(const char *tag, int p, unsigned msgid, unsigned correlid, unsigned groupid)
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

static inline struct qmsg *put(struct queue *q, struct uow *u, const char *tag, int p,
			unsigned msgid, unsigned correlid, unsigned groupid)
{
	struct qmsg *m = mk(tag, p, msgid, correlid, groupid);
	assert_int_equal(queue_add(q, m, u), QM_OK);
	return m;
}

/* The body as a string; "@<put LSN>" for a message only the store has. */
static inline void tag_of(struct qmsg *m, char *out)
{
	if (!m->mem) {
		sprintf(out, "@%llu", (unsigned long long)qmsg_put_lsn(m));
		return;
	}
	memcpy(out, qmsg_body(m), qmsg_len(m));
	out[qmsg_len(m)] = 0;
}

/* Get (not under syncpoint) every visible message; their tags joined by ' '. */
static inline void drain(struct queue *q, char *out, size_t n)
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
static inline void order(struct queue *q, char *out)
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

static inline struct queue *newq(int fifo)
{
	struct queue *q;
	assert_int_equal(queue_new("TEST.Q", fifo, &q), QM_OK);
	return q;
}

static inline void freeq(struct queue *q)
{
	assert_int_equal(queue_free(q), QM_OK);
}

static inline struct qmatch match(MQLONG o, unsigned msgid, unsigned correlid, unsigned groupid)
{
	struct qmatch mt;
	memset(&mt, 0, sizeof mt);
	mt.options = o;
	id_set(mt.msg_id, msgid);
	id_set(mt.correl_id, correlid);
	id_set(mt.group_id, groupid);
	return mt;
}

#endif
