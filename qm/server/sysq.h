/*
 * sysq.h: the queue manager's own records kept as persistent messages on a
 * system queue (SYSTEM.AUTH.DATA.QUEUE: oam_srv.c, SYSTEM.CHLAUTH.DATA.QUEUE:
 * chlauth_srv.c, SYSTEM.DURABLE.SUBSCRIBER.QUEUE: pubsub_dur.c, and the
 * retained publications' SYSTEM.RETAINED.PUB.QUEUE: pubsub_ret.c): reading
 * them, and rewriting them as one unit of work of the queue manager's own.
 *
 * Calling sequence (the event loop's thread; q a local queue with its
 * engine queue, q->q):
 *
 *   reading every record at a start:
 *     int bad = 0;
 *     if (sysq_walk(qm, q, one, arg, &bad))      -1: out of memory, or one said stop
 *             ...
 *     if (bad) ERRLOG(... AMQ_OBJECT_DAMAGED ...)  a message not read, or one refused
 *   where one(md, body, len, arg) gets each visible message in queue order,
 *   loaded (the store read it if memory did not hold it), and answers 0 (taken),
 *   1 (not a record of ours: counted in *bad, the walk goes on) or -1 (stop);
 *
 *   the messages themselves, unloaded (all, or those of one CorrelId):
 *     struct sysq_list l = { 0 };
 *     if (sysq_list(q, correl_or_NULL, &l)) ...   -1: out of memory
 *     ... l.v[0 .. l.n-1] ...
 *     free(l.v);
 *   sysq_find(q, msgid): the visible message with that MsgId, or NULL;
 *
 *   rewriting: get the messages gets[0 .. ngets-1] (found just before; not in
 *   a unit of work) and put puts[0 .. nputs-1] (Format, MsgId or a new one,
 *   the data), all as one unit of work logged by the queue manager (each get,
 *   each put, the commit record last) and flushed before it returns:
 *     MQLONG rc = sysq_write(qm, q, gets, ngets, puts, nputs);
 *   MQRC_NONE once the commit record is durable and the queue shows the change;
 *   otherwise nothing changed (a crash before the commit record: restart backs
 *   the unit of work out).  The refusals, checked in this order before anything
 *   is logged: MQRC_Q_MGR_NOT_AVAILABLE (no log, or the log failed),
 *   MQRC_STORAGE_NOT_AVAILABLE (no memory for a message to get's unit-of-work
 *   part: qmsg_uow_room), MQRC_Q_FULL (puts, and the queue's depth plus them
 *   over MAXDEPTH), then for each put in turn MQRC_MSG_TOO_BIG_FOR_Q (over
 *   MAXMSGL) or MQRC_STORAGE_NOT_AVAILABLE (out of memory); after: the log's
 *   reason (mqi_log_reason: of the reasons above, only
 *   MQRC_STORAGE_NOT_AVAILABLE).  Callers that answer other reasons for a
 *   full queue map them.  The messages put are persistent, MQMD version 2,
 *   priority 0, native encoding, the queue manager's context
 *   (mqi_system_md).
 */
#ifndef QUIRE_SYSQ_H
#define QUIRE_SYSQ_H

#include <stddef.h>
#include <stdint.h>

#include "cmqc.h"

struct qm;
struct qobj;
struct qmsg;

struct sysq_list {
	struct qmsg **v;
	size_t n, cap;
	int oom;
};

struct sysq_put {
	const char *format;    /* the MQMD's Format, 8 characters */
	const uint8_t *id;     /* the MsgId (24 bytes); NULL: a new one */
	const uint8_t *data;   /* len bytes (not NULL, even when len is 0) */
	uint32_t len;
};

int sysq_list(struct qobj *q, const uint8_t *correl, struct sysq_list *out);
int sysq_walk(struct qm *qm, struct qobj *q, int (*one)(const MQMD *md, const void *body, uint32_t len, void *arg),
	      void *arg, int *bad);
struct qmsg *sysq_find(struct qobj *q, const uint8_t id[24]);
MQLONG sysq_write(struct qm *qm, struct qobj *q, struct qmsg *const *gets, size_t ngets, const struct sysq_put *puts,
		  size_t nputs);

#endif
