/*
 * psbench.c: publish/subscribe load on a running queue manager (issue 14's
 * benchmark), beside the disk's limits measured in the same run.
 *
 * bench/psbench.sh makes a throwaway queue manager, runs mqbench's
 * point-to-point cases for the same message size on it (so the cost of
 * fan-out shows beside a plain put+get), then this program; by hand:
 *   psbench --qmgr QM --logdir DATA/log/QM [--seconds S] [--raw-seconds S]
 *           [--subs 1,10,100] [--pubs 1,4] [--size 1024] [--batch 10]
 *           [--modes np,p,pu,dp,dpu] [--consumers 10] [--window 1000]
 *
 * Limits first (benchdisk.h, as mqbench and recoverybench): the raw fdatasync
 * rate (4 KiB at a fixed offset of a written file in the log folder) and the
 * sequential write and read bandwidth there.
 *
 * Then each case: a mode, a number of subscriptions S and of publishing
 * applications P, for --seconds (3):
 *   np   nonpersistent publications, MQPUT outside syncpoint, non-durable
 *        managed subscriptions (MQSO_CREATE | MQSO_MANAGED | MQSO_NON_DURABLE,
 *        each its own temporary dynamic queue from SYSTEM.NDURABLE.MODEL.QUEUE)
 *   p    persistent publications outside syncpoint, the same subscriptions
 *   pu   persistent publications under syncpoint, an MQCMIT every --batch
 *        (10) puts, the same subscriptions
 *   dp, dpu  as p and pu with durable managed subscriptions (MQSO_DURABLE,
 *        PERMDYN queues from SYSTEM.DURABLE.MODEL.QUEUE): Quire logs a
 *        persistent copy only on a queue that outlives the queue manager
 *        (qm/server/pubsub_put.c: a temporary dynamic queue's copy is not
 *        logged), so p and pu make one log record a publication at most
 *        (the publisher's unit of work) and dp, dpu one a copy.
 * Every publisher is an application (thread) with its own connection, topic
 * string "psbench/t" opened with MQOO_OUTPUT.  Consumers: C threads (--consumers,
 * 10; never more than S), each with its own connection, make and drain S/C of
 * the subscriptions (a subscription's queue handle belongs to the connection
 * that made it): MQGET without wait round the queues, up to 64 copies from
 * each, then MQCMIT when a copy came under syncpoint (MQGMO_SYNCPOINT_IF_
 * PERSISTENT); a round that found nothing waits up to 100 ms on the next queue.
 * Why not a thread per subscription: 100 subscriptions would be 100 threads
 * and connections on this 2-core machine, each woken for every publication,
 * and the figure would be the scheduler's; with 10 a thread each, which is the
 * usual one-application-one-subscription shape, costs no more.
 * Flow control: a publisher that is --window (1000) publications ahead of the
 * slowest subscription waits (the managed queues' MAXDEPTH is 5000: a queue
 * that fills drops nonpersistent copies by NPMSGDLV(ALLAVAIL), which this
 * benchmark would count as lost).  So publications/s is what the consumers
 * sustain too, not a burst into deep queues.
 *
 * A publication: a 32-byte header (publisher, sequence, the MONOTONIC time
 * its MQPUT began, a checksum) and incompressible bytes (benchutil.h
 * fill_random) to --size.  Every copy is checked: its length, its checksum
 * against its bytes, and per subscription the count and the sum of the
 * checksums against what the publishers committed, and each publisher's
 * sequence in order.  A copy missing, extra, changed or out of order: the case
 * is BROKEN and the exit status 1.
 *
 * Figures: publications/s (committed ones, over the publishers' time), copies
 * delivered/s (copies got over the time from the start to the last copy),
 * publish latency p50/p99 (np, p, dp: the MQPUT; pu, dpu: from a
 * publication's MQPUT to the return of the MQCMIT that committed it),
 * consumer lag p50/p99 (from the publication's MQPUT to its copy's MQGET
 * return), tail (from the last commit to the last copy got) and fdatasync/s
 * estimated from the device's flush counter as mqbench does.
 *
 * A benchmark, not a test: exit 0 with whatever figures; 1 when something
 * broke (an MQI call failed, a copy was lost or changed, bad options).
 */
#include "bench/benchdisk.h"
#include "cmqc.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXLIST 8
#define MAXSUBS 1000
#define MAXPUBS 64
#define HDR 32
#define TOPIC "psbench/t"
#define DRAIN_IDLE_S 20          /* no copy for this long after the publishers ended: lost */
#define ROUND_MAX 64             /* copies from one queue a round */

enum { M_NP, M_P, M_PU, M_DP, M_DPU, M_COUNT };
static const char *const mode_names[M_COUNT] = { "np", "p", "pu", "dp", "dpu" };

struct opts {
	char qmgr[MQ_Q_MGR_NAME_LENGTH + 1];
	char logdir[PATH_MAX];
	double seconds, raw_seconds;
	int subs[MAXLIST], nsubs;
	int pubs[MAXLIST], npubs;
	int modes[M_COUNT], nmodes;
	int size, batch, consumers, window;
};

/* ---- the body ------------------------------------------------------------------ */

/* Header: u64 sequence, u32 publisher, u32 size, u64 put time (ns), u64 sum. */
static uint64_t body_sum(const uint8_t *b, size_t n)
{
	uint64_t h = 0x243F6A8885A308D3ull ^ n;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		if (i == 24)
			continue;                /* the sum itself */
		memcpy(&w, b + i, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15ull;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ b[i]) * 0x100000001B3ull;
	return h;
}

/* ---- a case ------------------------------------------------------------------- */

struct subst {                           /* one subscription, written by its consumer */
	atomic_uint_fast64_t got;
	uint64_t sumsum;
	uint64_t last_seq[MAXPUBS];      /* per publisher, seq + 1 of the last copy */
	int broken;                      /* a copy changed, out of order, or extra */
};

struct pscase {
	const struct opts *o;
	int mode, nsubs, npubs, ncons, number;   /* number: the case's, for durable SubNames */
	struct subst *subs;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int ready, go;                   /* under mu */
	uint64_t t0, deadline;
	atomic_int stop;                 /* a failure: everyone stops */
	atomic_uint_fast64_t committed;  /* publications committed, all publishers */
	atomic_int pubs_done;            /* publishers ended; expected is set */
	uint64_t expected, expected_sum;
};

struct worker {
	struct pscase *cs;
	pthread_t th;
	int id;
	uint64_t n, sum, end_ns;         /* publisher: committed, their sums; end: last commit / copy */
	struct lat lat;
	const char *fail_verb;
	MQLONG fail_reason;
};

static int wfail(struct worker *w, const char *verb, MQLONG reason)
{
	if (!w->fail_verb) {
		w->fail_verb = verb;
		w->fail_reason = reason;
	}
	atomic_store(&w->cs->stop, 1);
	return -1;
}

static int persistent_mode(int m) { return m != M_NP; }
static int sync_mode(int m) { return m == M_PU || m == M_DPU; }
static int durable_mode(int m) { return m == M_DP || m == M_DPU; }

static void wait_go(struct pscase *cs)
{
	pthread_mutex_lock(&cs->mu);
	cs->ready++;
	pthread_cond_broadcast(&cs->cv);
	while (!cs->go)
		pthread_cond_wait(&cs->cv, &cs->mu);
	pthread_mutex_unlock(&cs->mu);
}

static MQHCONN connect_qm(struct worker *w)
{
	MQHCONN hc;
	MQCHAR48 qm;
	MQLONG cc, rc;
	set_name(qm, sizeof qm, w->cs->o->qmgr);
	MQCONN(qm, &hc, &cc, &rc);
	if (cc == MQCC_FAILED) {
		wfail(w, "MQCONN", rc);
		return MQHC_UNUSABLE_HCONN;
	}
	return hc;
}

/* The slowest subscription's copies. */
static uint64_t slowest(struct pscase *cs)
{
	uint64_t m = UINT64_MAX;
	for (int i = 0; i < cs->nsubs; i++) {
		uint64_t g = atomic_load(&cs->subs[i].got);
		if (g < m)
			m = g;
	}
	return m;
}

/* ---- publishers ---------------------------------------------------------------- */

static void *pub_main(void *arg)
{
	struct worker *w = arg;
	struct pscase *cs = w->cs;
	const struct opts *o = cs->o;
	size_t size = (size_t)o->size, pool_len = size + 4096;
	uint8_t *pool = malloc(pool_len), *body = malloc(size);
	uint64_t *batch_t = calloc((size_t)o->batch, sizeof *batch_t), *batch_sum = calloc((size_t)o->batch, 8);
	MQHCONN hc = MQHC_UNUSABLE_HCONN;
	MQHOBJ ho = MQHO_UNUSABLE_HOBJ;
	MQLONG cc, rc;
	int sync = sync_mode(cs->mode), inbatch = 0;

	if (!pool || !body || !batch_t || !batch_sum) {
		wfail(w, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
	} else {
		fill_random(pool, pool_len, 1000 + (uint64_t)w->id);
		hc = connect_qm(w);
	}
	if (hc != MQHC_UNUSABLE_HCONN) {
		MQOD od = { MQOD_DEFAULT };
		od.Version = MQOD_VERSION_4;
		od.ObjectType = MQOT_TOPIC;
		od.ObjectString.VSPtr = (MQPTR)TOPIC;
		od.ObjectString.VSLength = (MQLONG)strlen(TOPIC);
		MQOPEN(hc, &od, MQOO_OUTPUT | MQOO_FAIL_IF_QUIESCING, &ho, &cc, &rc);
		if (cc == MQCC_FAILED) {
			ho = MQHO_UNUSABLE_HOBJ;
			wfail(w, "MQOPEN topic", rc);
		}
	}
	wait_go(cs);

	uint64_t seq = 0;
	while (ho != MQHO_UNUSABLE_HOBJ && !atomic_load(&cs->stop)) {
		uint64_t t0 = now_ns();
		if (t0 >= cs->deadline && !inbatch)
			break;
		if (!inbatch && (seq % 32 == 0 || sync)) {
			/* the window: wait for the slowest subscription */
			while (atomic_load(&cs->committed) > slowest(cs) + (uint64_t)o->window && !atomic_load(&cs->stop) &&
			       now_ns() < cs->deadline)
				sched_yield();
			t0 = now_ns();
			if (t0 >= cs->deadline)
				break;
		}
		/* the body: a window of the pool, then the header */
		size_t off = (size_t)((seq * 61) % 4096);
		memcpy(body, pool + off, size);
		uint32_t id = (uint32_t)w->id, sz = (uint32_t)size;
		memcpy(body, &seq, 8);
		memcpy(body + 8, &id, 4);
		memcpy(body + 12, &sz, 4);
		memcpy(body + 16, &t0, 8);
		uint64_t s = body_sum(body, size);
		memcpy(body + 24, &s, 8);

		MQMD md = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		md.Persistence = persistent_mode(cs->mode) ? MQPER_PERSISTENT : MQPER_NOT_PERSISTENT;
		pmo.Options = MQPMO_NEW_MSG_ID | MQPMO_FAIL_IF_QUIESCING | (sync ? MQPMO_SYNCPOINT : MQPMO_NO_SYNCPOINT);
		MQPUT(hc, ho, &md, &pmo, (MQLONG)size, body, &cc, &rc);
		if (cc != MQCC_OK) {
			wfail(w, "MQPUT", rc);
			break;
		}
		seq++;
		if (!sync) {
			uint64_t t1 = now_ns();
			if (lat_add(&w->lat, t1 - t0)) {
				wfail(w, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
				break;
			}
			w->n++;
			w->sum += s;
			w->end_ns = t1;
			atomic_fetch_add(&cs->committed, 1);
			continue;
		}
		batch_t[inbatch] = t0;
		batch_sum[inbatch] = s;
		inbatch++;
		if (inbatch < o->batch && now_ns() < cs->deadline)
			continue;
		MQCMIT(hc, &cc, &rc);
		if (cc != MQCC_OK) {
			wfail(w, "MQCMIT", rc);
			break;
		}
		uint64_t t1 = now_ns();
		for (int i = 0; i < inbatch; i++) {
			if (lat_add(&w->lat, t1 - batch_t[i]))
				wfail(w, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
			w->sum += batch_sum[i];
		}
		w->n += (uint64_t)inbatch;
		w->end_ns = t1;
		atomic_fetch_add(&cs->committed, (uint64_t)inbatch);
		inbatch = 0;
	}
	if (ho != MQHO_UNUSABLE_HOBJ) {
		if (inbatch)
			MQBACK(hc, &cc, &rc);   /* a failure left it: not counted */
		MQCLOSE(hc, &ho, MQCO_NONE, &cc, &rc);
		if (cc == MQCC_FAILED)
			wfail(w, "MQCLOSE topic", rc);
	}
	if (hc != MQHC_UNUSABLE_HCONN) {
		MQDISC(&hc, &cc, &rc);
		if (cc == MQCC_FAILED)
			wfail(w, "MQDISC", rc);
	}
	free(pool);
	free(body);
	free(batch_t);
	free(batch_sum);
	return NULL;
}

/* ---- consumers ----------------------------------------------------------------- */

/* One copy got from subscription s: checked and counted. */
static void take_copy(struct worker *w, struct subst *s, uint8_t *buf, MQLONG len, uint64_t now)
{
	struct pscase *cs = w->cs;
	uint64_t seq, t, sum;
	uint32_t pub, sz;
	if (len != cs->o->size || len < HDR) {
		s->broken = 1;
		return;
	}
	memcpy(&seq, buf, 8);
	memcpy(&pub, buf + 8, 4);
	memcpy(&sz, buf + 12, 4);
	memcpy(&t, buf + 16, 8);
	memcpy(&sum, buf + 24, 8);
	if (pub >= (uint32_t)cs->npubs || sz != (uint32_t)len || body_sum(buf, (size_t)len) != sum ||
	    seq + 1 <= s->last_seq[pub]) {
		s->broken = 1;
		return;
	}
	s->last_seq[pub] = seq + 1;
	s->sumsum += sum;
	if (now > t && lat_add(&w->lat, now - t))
		wfail(w, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
	w->n++;
	w->end_ns = now;
	atomic_fetch_add(&s->got, 1);
}

static void *cons_main(void *arg)
{
	struct worker *w = arg;
	struct pscase *cs = w->cs;
	const struct opts *o = cs->o;
	int first = w->id * cs->nsubs / cs->ncons, last = (w->id + 1) * cs->nsubs / cs->ncons, nq = last - first;
	MQHOBJ *hq = malloc(sizeof *hq * (size_t)nq), *hs = malloc(sizeof *hs * (size_t)nq);
	uint8_t *buf = malloc((size_t)o->size + 1024);
	MQHCONN hc = MQHC_UNUSABLE_HCONN;
	MQLONG cc, rc;
	int made = 0;

	if (!hq || !hs || !buf)
		wfail(w, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
	else
		hc = connect_qm(w);
	for (; hc != MQHC_UNUSABLE_HCONN && made < nq; made++) {
		MQSD sd = { MQSD_DEFAULT };
		char name[64];
		sd.Options = MQSO_CREATE | MQSO_MANAGED | MQSO_FAIL_IF_QUIESCING |
			     (durable_mode(cs->mode) ? MQSO_DURABLE : MQSO_NON_DURABLE);
		sd.ObjectString.VSPtr = (MQPTR)TOPIC;
		sd.ObjectString.VSLength = (MQLONG)strlen(TOPIC);
		snprintf(name, sizeof name, "PSBENCH.%d.%d.%d", (int)getpid(), cs->number, first + made);
		if (durable_mode(cs->mode)) {
			sd.SubName.VSPtr = name;
			sd.SubName.VSLength = (MQLONG)strlen(name);
		}
		hq[made] = MQHO_NONE;
		MQSUB(hc, &sd, &hq[made], &hs[made], &cc, &rc);
		if (cc == MQCC_FAILED) {
			wfail(w, "MQSUB", rc);
			break;
		}
	}
	wait_go(cs);

	uint64_t idle_from = 0;
	int next = 0;
	while (made == nq && hc != MQHC_UNUSABLE_HCONN && !atomic_load(&cs->stop)) {
		if (atomic_load(&cs->pubs_done)) {
			int all = 1;
			for (int i = 0; i < nq; i++)
				if (atomic_load(&cs->subs[first + i].got) < cs->expected)
					all = 0;
			if (all)
				break;
		}
		int got = 0, uncommitted = 0;
		for (int i = 0; i < nq && !atomic_load(&cs->stop); i++) {
			struct subst *s = &cs->subs[first + i];
			for (int k = 0; k < ROUND_MAX; k++) {
				MQMD md = { MQMD_DEFAULT };
				MQGMO gmo = { MQGMO_DEFAULT };
				MQLONG len = 0;
				gmo.Options = MQGMO_NO_WAIT | MQGMO_SYNCPOINT_IF_PERSISTENT | MQGMO_FAIL_IF_QUIESCING;
				MQGET(hc, hq[i], &md, &gmo, o->size + 1024, buf, &len, &cc, &rc);
				if (rc == MQRC_NO_MSG_AVAILABLE)
					break;
				if (cc != MQCC_OK) {
					wfail(w, "MQGET", rc);
					break;
				}
				take_copy(w, s, buf, len, now_ns());
				got++;
				uncommitted |= md.Persistence == MQPER_PERSISTENT;
			}
		}
		if (uncommitted) {
			MQCMIT(hc, &cc, &rc);
			if (cc != MQCC_OK)
				wfail(w, "MQCMIT", rc);
		}
		if (got) {
			idle_from = 0;
			continue;
		}
		if (atomic_load(&cs->pubs_done)) {
			uint64_t t = now_ns();
			if (!idle_from)
				idle_from = t;
			else if (t - idle_from > (uint64_t)DRAIN_IDLE_S * 1000000000ull)
				break;   /* copies missing: said by the caller */
		}
		/* nothing: wait on one queue (a publication reaches them all at once) */
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		MQLONG len = 0;
		gmo.Options = MQGMO_WAIT | MQGMO_SYNCPOINT_IF_PERSISTENT | MQGMO_FAIL_IF_QUIESCING;
		gmo.WaitInterval = 100;
		next = (next + 1) % nq;
		MQGET(hc, hq[next], &md, &gmo, o->size + 1024, buf, &len, &cc, &rc);
		if (rc == MQRC_NO_MSG_AVAILABLE)
			continue;
		if (cc != MQCC_OK) {
			wfail(w, "MQGET (wait)", rc);
			break;
		}
		take_copy(w, &cs->subs[first + next], buf, len, now_ns());
		if (md.Persistence == MQPER_PERSISTENT) {
			MQCMIT(hc, &cc, &rc);
			if (cc != MQCC_OK)
				wfail(w, "MQCMIT", rc);
		}
	}
	for (int i = 0; i < made; i++) {
		MQCLOSE(hc, &hs[i], durable_mode(cs->mode) ? MQCO_REMOVE_SUB : MQCO_NONE, &cc, &rc);
		if (cc == MQCC_FAILED)
			wfail(w, "MQCLOSE subscription", rc);
		MQCLOSE(hc, &hq[i], MQCO_NONE, &cc, &rc);
		if (cc == MQCC_FAILED)
			wfail(w, "MQCLOSE queue", rc);
	}
	if (hc != MQHC_UNUSABLE_HCONN) {
		MQBACK(hc, &cc, &rc);
		MQDISC(&hc, &cc, &rc);
		if (cc == MQCC_FAILED)
			wfail(w, "MQDISC", rc);
	}
	free(hq);
	free(hs);
	free(buf);
	return NULL;
}

/* ---- running a case ------------------------------------------------------------ */

struct result {
	int mode, nsubs, npubs, ok, lost;
	uint64_t pubs, copies, expected_copies;
	double pub_rate, copy_rate, pub_p50, pub_p99, lag_p50, lag_p99, tail_ms, syncs;
};

static int join_all(struct worker *ws, int n, struct lat *all, const char *what)
{
	int err = 0;
	for (int i = 0; i < n; i++) {
		pthread_join(ws[i].th, NULL);
		for (size_t k = 0; k < ws[i].lat.n; k++)
			if (lat_add(all, ws[i].lat.v[k]))
				err = -1;
		free(ws[i].lat.v);
		if (ws[i].fail_verb) {
			printf("psbench: %s %d: %s ended with reason code %d\n", what, i, ws[i].fail_verb,
			       (int)ws[i].fail_reason);
			err = -1;
		}
	}
	if (all->n)
		qsort(all->v, all->n, sizeof all->v[0], cmp_u64);
	return err;
}

static int run_case(const struct opts *o, int mode, int nsubs, int npubs, double dev_per_sync, const char *devstat,
		    struct result *res)
{
	static int cases;
	struct pscase cs = { .o = o, .mode = mode, .nsubs = nsubs, .npubs = npubs, .number = ++cases };
	cs.ncons = nsubs < o->consumers ? nsubs : o->consumers;
	cs.subs = calloc((size_t)nsubs, sizeof *cs.subs);
	struct worker *pubs = calloc((size_t)npubs, sizeof *pubs), *cons = calloc((size_t)cs.ncons, sizeof *cons);
	int err = 0, np = 0, nc = 0;

	memset(res, 0, sizeof *res);
	res->mode = mode;
	res->nsubs = nsubs;
	res->npubs = npubs;
	res->syncs = -1;
	if (!cs.subs || !pubs || !cons) {
		free(cs.subs);
		free(pubs);
		free(cons);
		return -1;
	}
	pthread_mutex_init(&cs.mu, NULL);
	pthread_cond_init(&cs.cv, NULL);
	for (; nc < cs.ncons; nc++) {
		cons[nc] = (struct worker){ .cs = &cs, .id = nc };
		if (pthread_create(&cons[nc].th, NULL, cons_main, &cons[nc])) {
			atomic_store(&cs.stop, 1);
			err = -1;
			break;
		}
	}
	for (; !err && np < npubs; np++) {
		pubs[np] = (struct worker){ .cs = &cs, .id = np };
		if (pthread_create(&pubs[np].th, NULL, pub_main, &pubs[np])) {
			atomic_store(&cs.stop, 1);
			err = -1;
			break;
		}
	}
	pthread_mutex_lock(&cs.mu);
	while (cs.ready < nc + np)
		pthread_cond_wait(&cs.cv, &cs.mu);
	cs.t0 = now_ns();
	int64_t d0 = devstat_field(devstat, DEVSTAT_FLUSHES);
	cs.deadline = cs.t0 + (uint64_t)(o->seconds * 1e9);
	cs.go = 1;
	pthread_cond_broadcast(&cs.cv);
	pthread_mutex_unlock(&cs.mu);

	struct lat plat = { 0 }, clat = { 0 };
	uint64_t pub_end = cs.t0;
	if (join_all(pubs, np, &plat, "publisher"))
		err = -1;
	for (int i = 0; i < np; i++) {
		cs.expected += pubs[i].n;
		cs.expected_sum += pubs[i].sum;
		if (pubs[i].end_ns > pub_end)
			pub_end = pubs[i].end_ns;
	}
	atomic_store(&cs.pubs_done, 1);
	if (join_all(cons, nc, &clat, "consumer"))
		err = -1;
	int64_t d1 = devstat_field(devstat, DEVSTAT_FLUSHES);
	uint64_t cons_end = cs.t0;
	for (int i = 0; i < nc; i++) {
		res->copies += cons[i].n;
		if (cons[i].end_ns > cons_end)
			cons_end = cons[i].end_ns;
	}
	res->pubs = cs.expected;
	res->expected_copies = cs.expected * (uint64_t)nsubs;
	for (int i = 0; i < nsubs && !err; i++) {
		struct subst *s = &cs.subs[i];
		uint64_t g = atomic_load(&s->got);
		if (s->broken || g != cs.expected || s->sumsum != cs.expected_sum) {
			printf("psbench: BROKEN: subscription %d of %d got %llu copies of %llu publications%s%s\n", i,
			       nsubs, (unsigned long long)g, (unsigned long long)cs.expected,
			       s->broken ? ", a copy changed, out of order or of the wrong length" : "",
			       !s->broken && g == cs.expected ? ", checksums differ" : "");
			res->lost = 1;
		}
	}
	double pub_s = (double)(pub_end - cs.t0) / 1e9, all_s = (double)(cons_end - cs.t0) / 1e9;
	if (pub_s > 0)
		res->pub_rate = (double)res->pubs / pub_s;
	if (all_s > 0) {
		res->copy_rate = (double)res->copies / all_s;
		if (d0 >= 0 && d1 >= d0 && dev_per_sync > 0)
			res->syncs = (double)(d1 - d0) / all_s / dev_per_sync;
	}
	res->tail_ms = cons_end > pub_end ? (double)(cons_end - pub_end) / 1e6 : 0;
	res->pub_p50 = pct_ms(&plat, 50);
	res->pub_p99 = pct_ms(&plat, 99);
	res->lag_p50 = pct_ms(&clat, 50);
	res->lag_p99 = pct_ms(&clat, 99);
	res->ok = !err && !res->lost && res->pubs > 0;
	free(plat.v);
	free(clat.v);
	pthread_mutex_destroy(&cs.mu);
	pthread_cond_destroy(&cs.cv);
	free(cs.subs);
	free(pubs);
	free(cons);
	return res->ok ? 0 : -1;
}

/* ---- options, printing, main --------------------------------------------------- */

static void usage(void)
{
	printf("usage: psbench --qmgr QM --logdir DIR [--seconds S] [--raw-seconds S] [--subs 1,10,100]\n"
	       "               [--pubs 1,4] [--size 1024] [--batch 10] [--modes np,p,pu,dp,dpu]\n"
	       "               [--consumers 10] [--window 1000]\n"
	       "  --qmgr QM        the running queue manager (bench/psbench.sh makes one)\n"
	       "  --logdir DIR     its log folder, where the disk's limits are measured\n"
	       "  --seconds S      publishing time of each case (3)\n"
	       "  --raw-seconds S  each limit measurement (2)\n"
	       "  --subs LIST      numbers of subscriptions (1,10,100)\n"
	       "  --pubs LIST      numbers of publishing applications (1,4)\n"
	       "  --size B         publication size in bytes, 64 or more (1024)\n"
	       "  --batch N        publications per MQCMIT in the pu and dpu modes (10)\n"
	       "  --modes LIST     np nonpersistent, p persistent, pu persistent under syncpoint (non-durable\n"
	       "                   subscriptions); dp, dpu as p, pu to durable ones (np,p,pu,dp,dpu)\n"
	       "  --consumers C    consumer threads at most, each draining its share of the queues (10)\n"
	       "  --window W       publications a publisher may be ahead of the slowest subscription (1000)\n"
	       "  --no-diag        accepted (for BENCH_ARGS), does nothing\n");
}

static int parse_modes(const char *s, struct opts *o)
{
	o->nmodes = 0;
	while (*s) {
		size_t n = strcspn(s, ",");
		int m = 0;
		while (m < M_COUNT && (strlen(mode_names[m]) != n || strncmp(s, mode_names[m], n)))
			m++;
		if (m == M_COUNT || o->nmodes == M_COUNT)
			return -1;
		o->modes[o->nmodes++] = m;
		s += n;
		if (*s == ',')
			s++;
	}
	return o->nmodes ? 0 : -1;
}

static int set_opt(void *arg, const char *a, const char *v)
{
	struct opts *o = arg;
	int one;
	if (!strcmp(a, "--no-diag"))
		return 0;   /* accepted for BENCH_ARGS: nothing to skip */
	if (!strcmp(a, "--qmgr"))
		return strlen(v) > MQ_Q_MGR_NAME_LENGTH || !snprintf(o->qmgr, sizeof o->qmgr, "%s", v);
	if (!strcmp(a, "--logdir"))
		return strlen(v) >= sizeof o->logdir || !snprintf(o->logdir, sizeof o->logdir, "%s", v);
	if (!strcmp(a, "--seconds"))
		return parse_secs(v, &o->seconds);
	if (!strcmp(a, "--raw-seconds"))
		return parse_secs(v, &o->raw_seconds);
	if (!strcmp(a, "--subs"))
		return (o->nsubs = bench_int_list(v, o->subs, MAXLIST, 1, MAXSUBS)) < 0;
	if (!strcmp(a, "--pubs"))
		return (o->npubs = bench_int_list(v, o->pubs, MAXLIST, 1, MAXPUBS)) < 0;
	if (!strcmp(a, "--modes"))
		return parse_modes(v, o);
	if (bench_int_list(v, &one, 1, 1, 4 << 20) != 1)
		return -1;
	if (!strcmp(a, "--size"))
		return (o->size = one) < 64;
	if (!strcmp(a, "--batch"))
		return (o->batch = one) > 10000;
	if (!strcmp(a, "--consumers"))
		return (o->consumers = one) > MAXSUBS;
	if (!strcmp(a, "--window"))
		o->window = one;
	return 0;
}

static const struct bench_cli cli = {
	.prog = "psbench",
	.flags = (const char *const[]){ "--no-diag", NULL },
	.valued = (const char *const[]){ "--qmgr", "--logdir", "--seconds", "--raw-seconds", "--subs", "--pubs",
					 "--size", "--batch", "--modes", "--consumers", "--window", NULL },
	.set = set_opt,
	.usage = usage,
	.lone_folder = "psbench needs a running queue manager: bench/psbench.sh makes one and runs it "
		       "(sh bench/psbench.sh build)",
};

static void print_raw(const char *what, const struct raw_result *r)
{
	if (!r->ok)
		printf("  %-44s  not measured\n", what);
	else
		printf("  %-44s %8.0f /s  p50 %6.3f ms  p99 %6.3f ms\n", what, r->rate, r->p50, r->p99);
}

static void print_row(const struct result *r)
{
	char fs[32];
	if (r->syncs >= 0)
		snprintf(fs, sizeof fs, "~%.0f", r->syncs);
	else
		snprintf(fs, sizeof fs, "n/m");
	printf("  %-4s %5d %4d %9.0f %10.0f %8.3f %8.3f %8.3f %8.3f %8.1f %11s  %s\n", mode_names[r->mode], r->nsubs,
	       r->npubs, r->pub_rate, r->copy_rate, r->pub_p50, r->pub_p99, r->lag_p50, r->lag_p99, r->tail_ms, fs,
	       r->ok ? "ok" : r->lost ? "BROKEN" : "failed");
}

int main(int argc, char **argv)
{
	static const int subs[] = { 1, 10, 100 }, pubs[] = { 1, 4 };
	struct opts o = { .seconds = 3, .raw_seconds = 2, .nsubs = 3, .npubs = 2, .nmodes = M_COUNT,
			  .size = 1024, .batch = 10, .consumers = 10, .window = 1000 };
	memcpy(o.subs, subs, sizeof subs);
	memcpy(o.pubs, pubs, sizeof pubs);
	for (int m = 0; m < M_COUNT; m++)
		o.modes[m] = m;
	int prc = bench_cmdline(&cli, argc, argv, &o);
	if (prc >= 0)
		return prc;

	char devstat[160] = "";
	devstat_path(o.logdir, devstat, sizeof devstat);
	if (devstat_field(devstat, DEVSTAT_FLUSHES) < 0)
		devstat[0] = '\0';
	printf("psbench: publish/subscribe on queue manager %s, topic string %s, %d-byte publications\n", o.qmgr, TOPIC,
	       o.size);
	printf("log folder %s (%s); device flush counter: %s\n", o.logdir, fs_name(o.logdir),
	       devstat[0] ? devstat : "none (fdatasync/s not measured)");

	printf("\nlimits of the log's file system\n");
	struct raw_result raw = raw_sync(o.logdir, devstat, RAW_AT_FIXED, o.raw_seconds);
	print_raw("raw fdatasync (4 KiB write, fixed offset)", &raw);
	struct seq_result seq = seq_bw(o.logdir, o.raw_seconds);
	if (seq.write_ok)
		printf("  %-44s %8.0f MB/s (%.0f MiB, one fdatasync)\n", "sequential write", seq.write_mbs, seq.mib);
	if (seq.read_ok)
		printf("  %-44s %8.0f MB/s (%s)\n", "sequential read", seq.read_mbs, seq.read_note);
	else if (seq.write_ok)
		printf("  %-44s  %s\n", "sequential read", seq.read_note);

	printf("\npublications: %.1f s a case; np nonpersistent, p persistent, pu persistent under syncpoint with\n"
	       "an MQCMIT every %d; d: durable managed subscriptions (copies logged), else non-durable managed;\n"
	       "consumers: up to %d threads draining their share of the subscriptions; pub ms: the MQPUT (pu, dpu:\n"
	       "MQPUT to its MQCMIT's return); lag ms: MQPUT to the copy's MQGET; tail: last commit to last copy\n\n",
	       o.seconds, o.batch, o.consumers);
	printf("  %-4s %5s %4s %9s %10s %8s %8s %8s %8s %8s %11s  %s\n", "mode", "subs", "pubs", "pubs/s", "copies/s",
	       "pub p50", "pub p99", "lag p50", "lag p99", "tail ms", "fdatasync/s", "check");
	int broke = raw.failed || seq.failed, lost = 0;
	for (int m = 0; m < o.nmodes; m++)
		for (int s = 0; s < o.nsubs; s++)
			for (int p = 0; p < o.npubs; p++) {
				struct result r;
				if (run_case(&o, o.modes[m], o.subs[s], o.pubs[p], raw.dev_per_sync, devstat, &r))
					broke = 1;
				lost |= r.lost;
				print_row(&r);
			}
	if (lost)
		printf("\npsbench: BROKEN: copies were lost, extra or changed (above)\n");
	else if (broke)
		printf("\npsbench: some cases failed (reasons above)\n");
	return broke;
}
