/*
 * rbapps.h: recoverybench's applications, each a thread with its own
 * connection (libmqm, as any MQ program): the loaders (batches of puts under
 * syncpoint, MQCMIT each), the drainers (gets under syncpoint, oldest first
 * or, sparse, two of every three under a browse cursor), the probe (a small
 * put and its MQCMIT, timed together, at a steady pace) and the replay
 * writers (put+get pairs); what each saw (latencies, counts, the first
 * failure); and the MQI helpers they share.  Bodies are windows into one
 * pool of incompressible bytes.
 */
#ifndef QUIRE_RBAPPS_H
#define QUIRE_RBAPPS_H

#include "bench/benchutil.h"
#include "cmqc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MSG_SIZE 1024
#define PROBE_SIZE 256
#define POOL_SIZE (1u << 20)
#define GET_WAIT_MS 30000
#define MAX_BACKOUTS 1000

static uint8_t *pool;   /* POOL_SIZE incompressible bytes; a message is a window */

/* One application thread: its connection, its queue, what it saw. */
struct app {
	pthread_t th;
	int id;
	const char *qm, *queue;
	long count;                 /* loader: messages to put */
	int batch;                  /* messages per MQCMIT */
	int gap_us;                 /* probe: pause between put+commits */
	pthread_barrier_t *go;
	atomic_int *stop;           /* probe, pairs: end after this batch */
	struct lat put, cmt, op;    /* MQPUT (drainer: MQGET), MQCMIT, probe put+commit; ns */
	long done;                  /* messages committed (pairs: put+get pairs) */
	int sparse;                 /* drainer: get two of every three, under a browse cursor */
	long seen;                  /* sparse drainer: messages browsed */
	atomic_long progress;       /* pairs: done, for the main thread */
	long backouts;              /* units of work the queue manager backed out */
	uint64_t end_ns;
	const char *fail_verb;
	MQLONG fail_reason;
	MQHCONN hc;
	MQHOBJ ho;
};

static int app_fail(struct app *a, const char *verb, MQLONG reason)
{
	if (!a->fail_verb) {
		a->fail_verb = verb;
		a->fail_reason = reason;
	}
	if (a->stop)
		atomic_store(a->stop, 1);
	return -1;
}

static void app_open(struct app *a, MQLONG options)
{
	MQCHAR48 qm;
	MQOD od = {MQOD_DEFAULT};
	MQLONG cc, rc;
	a->hc = MQHC_UNUSABLE_HCONN;
	a->ho = MQHO_UNUSABLE_HOBJ;
	set_name(qm, sizeof qm, a->qm);
	MQCONN(qm, &a->hc, &cc, &rc);
	if (cc == MQCC_FAILED) {
		a->hc = MQHC_UNUSABLE_HCONN;
		app_fail(a, "MQCONN", rc);
		return;
	}
	set_name(od.ObjectName, sizeof od.ObjectName, a->queue);
	MQOPEN(a->hc, &od, options | MQOO_FAIL_IF_QUIESCING, &a->ho, &cc, &rc);
	if (cc == MQCC_FAILED) {
		a->ho = MQHO_UNUSABLE_HOBJ;
		app_fail(a, "MQOPEN", rc);
	}
}

static void app_close(struct app *a)
{
	MQLONG cc, rc;
	if (a->ho != MQHO_UNUSABLE_HOBJ) {
		if (a->fail_verb)
			MQBACK(a->hc, &cc, &rc);
		MQCLOSE(a->hc, &a->ho, MQCO_NONE, &cc, &rc);
		if (cc == MQCC_FAILED)
			app_fail(a, "MQCLOSE", rc);
	}
	if (a->hc != MQHC_UNUSABLE_HCONN) {
		MQDISC(&a->hc, &cc, &rc);
		if (cc == MQCC_FAILED)
			app_fail(a, "MQDISC", rc);
	}
}

/* A unit of work the queue manager backed out (its log was full): the
 * caller does it again.  0 when it may, -1 after too many. */
static int backed_out(struct app *a)
{
	MQLONG cc, rc;
	MQBACK(a->hc, &cc, &rc);
	if (++a->backouts > MAX_BACKOUTS)
		return app_fail(a, "MQCMIT (backed out too often)", MQRC_BACKED_OUT);
	return 0;
}

static int put1(struct app *a, const void *data, MQLONG len, int timed)
{
	MQMD md = {MQMD_DEFAULT};
	MQPMO pmo = {MQPMO_DEFAULT};
	MQLONG cc, rc;
	md.Persistence = MQPER_PERSISTENT;
	pmo.Options = MQPMO_SYNCPOINT | MQPMO_NEW_MSG_ID | MQPMO_FAIL_IF_QUIESCING;
	uint64_t t0 = now_ns();
	MQPUT(a->hc, a->ho, &md, &pmo, len, (MQBYTE *)data, &cc, &rc);
	if (timed && lat_add(&a->put, now_ns() - t0))
		return app_fail(a, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
	if (cc == MQCC_FAILED)
		return rc == MQRC_BACKED_OUT ? 1 : app_fail(a, "MQPUT", rc);
	return 0;
}

static int get1(struct app *a, void *buf, MQLONG len)
{
	MQMD md = {MQMD_DEFAULT};
	MQGMO gmo = {MQGMO_DEFAULT};
	MQLONG cc, rc, got = 0;
	gmo.Version = MQGMO_VERSION_2;
	gmo.MatchOptions = MQMO_NONE;
	gmo.Options = MQGMO_WAIT | MQGMO_SYNCPOINT | MQGMO_FAIL_IF_QUIESCING;
	gmo.WaitInterval = GET_WAIT_MS;
	MQGET(a->hc, a->ho, &md, &gmo, len, buf, &got, &cc, &rc);
	if (cc == MQCC_FAILED)
		return rc == MQRC_BACKED_OUT ? 1 : app_fail(a, "MQGET", rc);
	if (got != len)
		return app_fail(a, "MQGET (wrong length)", MQRC_NONE);
	return 0;
}

static int commit(struct app *a, struct lat *l)
{
	MQLONG cc, rc;
	uint64_t t0 = now_ns();
	MQCMIT(a->hc, &cc, &rc);
	if (l && lat_add(l, now_ns() - t0))
		return app_fail(a, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
	if (cc == MQCC_FAILED)
		return rc == MQRC_BACKED_OUT ? 1 : app_fail(a, "MQCMIT", rc);
	return 0;
}

static const uint8_t *msg_at(long i)
{
	return pool + (size_t)((unsigned long)i * 4099u % (POOL_SIZE - MSG_SIZE));
}

/* Deep queue loader: count messages in batches, one MQCMIT each. */
static void *loader_main(void *arg)
{
	struct app *a = arg;
	app_open(a, MQOO_OUTPUT);
	pthread_barrier_wait(a->go);
	long i = (long)a->id * 7919;
	while (a->ho != MQHO_UNUSABLE_HOBJ && !a->fail_verb && a->done < a->count) {
		long n = a->count - a->done < a->batch ? a->count - a->done : a->batch;
		int rc = 0;
		for (long k = 0; k < n && !rc; k++)
			rc = put1(a, msg_at(i + k), MSG_SIZE, 1);
		if (!rc)
			rc = commit(a, &a->cmt);
		if (rc < 0 || (rc > 0 && backed_out(a)))
			break;
		if (rc == 0) {
			a->done += n;
			i += n;
		}
	}
	a->end_ns = now_ns();
	app_close(a);
	return NULL;
}

/* The sparse drainer's get: browse on (the body left on the queue) until a
 * message that is not every third one, then get it under the cursor. */
static int sparse_get1(struct app *a, void *buf, MQLONG len)
{
	MQMD md = {MQMD_DEFAULT};
	MQGMO gmo = {MQGMO_DEFAULT};
	MQLONG cc, rc, got = 0;
	gmo.Version = MQGMO_VERSION_2;
	gmo.MatchOptions = MQMO_NONE;
	do {
		gmo.Options = MQGMO_BROWSE_NEXT | MQGMO_ACCEPT_TRUNCATED_MSG | MQGMO_NO_WAIT | MQGMO_FAIL_IF_QUIESCING;
		MQGET(a->hc, a->ho, &md, &gmo, 0, buf, &got, &cc, &rc);
		if (cc == MQCC_FAILED)
			return app_fail(a, "MQGET (browse)", rc);
	} while (++a->seen % 3 == 0);
	md = (MQMD){MQMD_DEFAULT};
	gmo.Options = MQGMO_MSG_UNDER_CURSOR | MQGMO_SYNCPOINT | MQGMO_FAIL_IF_QUIESCING;
	MQGET(a->hc, a->ho, &md, &gmo, len, buf, &got, &cc, &rc);
	if (cc == MQCC_FAILED)
		return rc == MQRC_BACKED_OUT ? 1 : app_fail(a, "MQGET (under the cursor)", rc);
	return got == len ? 0 : app_fail(a, "MQGET (wrong length)", MQRC_NONE);
}

/* Deep queue drainer: count messages got in batches under syncpoint, one
 * MQCMIT each (the gets timed into put). */
static void *drainer_main(void *arg)
{
	struct app *a = arg;
	uint8_t *buf = malloc(MSG_SIZE);
	app_open(a, MQOO_INPUT_SHARED | (a->sparse ? MQOO_BROWSE : 0));
	pthread_barrier_wait(a->go);
	while (buf && a->ho != MQHO_UNUSABLE_HOBJ && !a->fail_verb && a->done < a->count) {
		long n = a->count - a->done < a->batch ? a->count - a->done : a->batch;
		int rc = 0;
		for (long k = 0; k < n && !rc; k++) {
			uint64_t t0 = now_ns();
			rc = a->sparse ? sparse_get1(a, buf, MSG_SIZE) : get1(a, buf, MSG_SIZE);
			if (!rc && lat_add(&a->put, now_ns() - t0))
				rc = app_fail(a, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
		}
		if (!rc)
			rc = commit(a, &a->cmt);
		if (rc < 0 || (rc > 0 && backed_out(a)))
			break;
		if (rc == 0)
			a->done += n;
	}
	a->end_ns = now_ns();
	free(buf);
	app_close(a);
	return NULL;
}

/* Probe: one 256 B put and its MQCMIT, timed together, until stop. */
static void *probe_main(void *arg)
{
	struct app *a = arg;
	app_open(a, MQOO_OUTPUT);
	pthread_barrier_wait(a->go);
	long i = 0;
	while (a->ho != MQHO_UNUSABLE_HOBJ && !a->fail_verb && !atomic_load(a->stop)) {
		uint64_t t0 = now_ns();
		int rc = put1(a, msg_at(i++), PROBE_SIZE, 0);
		if (!rc)
			rc = commit(a, NULL);
		if (lat_add(&a->op, now_ns() - t0))
			app_fail(a, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
		if (rc < 0 || (rc > 0 && backed_out(a)))
			break;
		if (rc == 0)
			a->done++;
		if (a->gap_us)
			usleep((useconds_t)a->gap_us);
	}
	app_close(a);
	return NULL;
}

/* Replay writer: batches of puts, MQCMIT, as many gets, MQCMIT, until stop. */
static void *pairs_main(void *arg)
{
	struct app *a = arg;
	uint8_t got[MSG_SIZE];
	app_open(a, MQOO_OUTPUT | MQOO_INPUT_SHARED);
	pthread_barrier_wait(a->go);
	long i = (long)a->id * 7919;
	while (a->ho != MQHO_UNUSABLE_HOBJ && !a->fail_verb && !atomic_load(a->stop)) {
		int rc = 0;
		for (int k = 0; k < a->batch && !rc; k++)
			rc = put1(a, msg_at(i + k), MSG_SIZE, 0);
		if (!rc)
			rc = commit(a, NULL);
		if (rc < 0 || (rc > 0 && backed_out(a)))
			break;
		if (rc > 0)
			continue;
		i += a->batch;
		for (;;) {
			for (int k = 0; k < a->batch && !rc; k++)
				rc = get1(a, got, MSG_SIZE);
			if (!rc)
				rc = commit(a, NULL);
			if (rc <= 0 || backed_out(a))
				break;
			rc = 0;   /* the gets were backed out: get them again */
		}
		if (rc)
			break;
		a->done += a->batch;
		atomic_store(&a->progress, a->done);
	}
	a->end_ns = now_ns();
	app_close(a);
	return NULL;
}

static int app_report(const struct app *a, const char *role)
{
	if (!a->fail_verb)
		return 0;
	fail("%s %d: %s ended with reason code %d", role, a->id, a->fail_verb, (int)a->fail_reason);
	return -1;
}

/* MQCONN in a loop until it works (at most 60 s); the connection, or
 * MQHC_UNUSABLE_HCONN. */
static MQHCONN connect_retry(const char *qmname)
{
	MQCHAR48 qm;
	MQHCONN hc;
	MQLONG cc, rc = 0;
	set_name(qm, sizeof qm, qmname);
	for (int i = 0; i < 60000; i++) {
		MQCONN(qm, &hc, &cc, &rc);
		if (cc != MQCC_FAILED)
			return hc;
		usleep(1000);
	}
	fail("MQCONN to %s failed for 60 s (reason %d)", qmname, (int)rc);
	return MQHC_UNUSABLE_HCONN;
}

/* The current depth of a queue, or -1. */
static long depth_of(MQHCONN hc, const char *queue)
{
	MQOD od = {MQOD_DEFAULT};
	MQHOBJ ho;
	MQLONG cc, rc, sel = MQIA_CURRENT_Q_DEPTH, d = -1;
	set_name(od.ObjectName, sizeof od.ObjectName, queue);
	MQOPEN(hc, &od, MQOO_INQUIRE, &ho, &cc, &rc);
	if (cc == MQCC_FAILED) {
		fail("MQOPEN %s for inquire: reason %d", queue, (int)rc);
		return -1;
	}
	MQINQ(hc, ho, 1, &sel, 1, &d, 0, NULL, &cc, &rc);
	if (cc == MQCC_FAILED) {
		fail("MQINQ %s: reason %d", queue, (int)rc);
		d = -1;
	}
	MQCLOSE(hc, &ho, MQCO_NONE, &cc, &rc);
	return (long)d;
}

static void lat_merge(struct lat *all, const struct lat *l)
{
	for (size_t k = 0; k < l->n; k++)
		if (lat_add(all, l->v[k]))
			return;
}

static double lat_max_ms(const struct lat *l)
{
	return l->n ? (double)l->v[l->n - 1] / 1e6 : 0;
}

static void lat_sort(struct lat *l)
{
	qsort(l->v, l->n, sizeof l->v[0], cmp_u64);
}

#endif
