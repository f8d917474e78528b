/*
 * mqbench.c: MQI load on a running queue manager, beside the disk's own
 * fdatasync rate measured in the same run.
 *
 * bench/mqbench.sh makes a throwaway queue manager, starts it, defines the
 * queue and runs this program; by hand:
 *   mqbench --qmgr QM --queue Q --logdir DATA/log/QM [--seconds S]
 *           [--raw-seconds S] [--apps 1,8,32] [--np-apps LIST]
 *           [--sizes 256,2048,65536] [--np-sizes 256,1024,2048,65536]
 *           [--no-diag]
 * (--np-apps: the numbers of applications of the nonpersistent cases, by
 * default those of --apps; bench/peerbench.sh runs only the cases it needs)
 *
 * What it measures (after waiting for the log folder's device to be quiet,
 * benchprobe.h settle: crtmqm's zero-filled extents keep it busy a while):
 *   1. the raw fdatasync rate of the log's file system: a 4 KiB pwrite at a
 *      fixed offset of a written file in the log folder, then fdatasync, in a
 *      loop for --raw-seconds (2 s), the same reference logbench uses; and,
 *      as a diagnostic, the same with each write on the next page of a
 *      fallocated file, which is what the log does on a new extent;
 *   2. for each case (persistent or not, message size, number of
 *      applications) N threads, each an application with its own connection,
 *      loop over put+get pairs on one shared queue for --seconds (3 s):
 *        persistent:    MQPUT under syncpoint, MQCMIT, MQGET under syncpoint,
 *                       MQCMIT: two commits per message;
 *        nonpersistent: MQPUT and MQGET outside syncpoint.
 *      A message is one put plus its get: msgs/s counts them, the latency is
 *      that of the whole pair (commits included), p50 and p99 over all pairs.
 *      The queue never runs dry: each application gets only after its own
 *      put, so the queue holds a message for every application waiting.
 *      Payloads are pseudo-random bytes, so the log cannot compress them.
 *   3. fdatasyncs/s.  The queue manager does not publish its log's sync
 *      count to applications, so it is not read from it.  What is measured
 *      is the block device's count of completed flush requests
 *      (/sys/dev/block/M:m/stat, field 16) over each case, divided by the
 *      device flushes one raw fdatasync costs (measured in step 1).  It
 *      counts every process's flushes on that disk, so it is an estimate
 *      that holds on a quiet machine; where the counter is missing the
 *      column says "n/m" (not measured).
 *   4. the goals, PASS or MISS: persistent with 1 application at >= 80% of
 *      the raw fdatasync rate in commits/s (the 256 B case); persistent with
 *      32 applications at >= 10x the 1-application msgs/s (group commit);
 *      nonpersistent 1 KiB at >= 100,000 msgs/s (the best application count).
 *
 * A benchmark, not a test: it exits 0 whether the goals are met or not, and
 * 1 only when something failed (an MQI call, an I/O error, bad options).
 * Given a lone folder argument and no --qmgr (as bench/run.sh calls every
 * benchmark), it says that mqbench.sh runs it and exits 0.
 */
#include "bench/benchdisk.h"
#include "bench/benchprobe.h"
#include "cmqc.h"
#include "log/logrec.h"
#include "log/osio.h"
#include "log/qmerr.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#define MAXLIST 8
#define MAXAPPS 256
#define GET_WAIT_MS 30000

struct opts {
	char qmgr[MQ_Q_MGR_NAME_LENGTH + 1];
	char queue[MQ_Q_NAME_LENGTH + 1];
	char logdir[PATH_MAX];
	double seconds, raw_seconds;
	int apps[MAXLIST], napps;
	int npapps[MAXLIST], nnpapps;    /* nonpersistent; nnpapps 0: as apps */
	int psizes[MAXLIST], npsizes;
	int nsizes[MAXLIST], nnsizes;
	int diag;
};

/* ---- 1. the raw fdatasync rate: raw_sync, bench/benchdisk.h ---------------- */

/* ---- 2. the applications --------------------------------------------------- */

struct bcase {
	const struct opts *o;
	int persistent, size, napps;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int connected, go;               /* under mu */
	uint64_t deadline;               /* set before go */
	atomic_int stop;                 /* set on the first failure */
};

struct app {
	struct bcase *cs;
	pthread_t th;
	int id;
	uint64_t pairs, end_ns;
	struct lat lat;
	const char *fail_verb;           /* the MQI call that failed, or NULL */
	MQLONG fail_reason;
};

/* The application's first failure, kept; every application stops.  -1. */
static int app_fail(struct app *a, const char *verb, MQLONG reason)
{
	if (!a->fail_verb) {
		a->fail_verb = verb;
		a->fail_reason = reason;
	}
	atomic_store(&a->cs->stop, 1);
	return -1;
}

/* MQCMIT when the case is persistent: 0, or -1 after app_fail. */
static int commit_if_persistent(struct app *a, MQHCONN hc)
{
	MQLONG cc, rc;
	if (!a->cs->persistent)
		return 0;
	MQCMIT(hc, &cc, &rc);
	return cc == MQCC_OK ? 0 : app_fail(a, "MQCMIT", rc);
}

/* One put+get pair; returns 0, or -1 after app_fail. */
static int pair(struct app *a, MQHCONN hc, MQHOBJ ho, uint8_t *data, uint8_t *got)
{
	struct bcase *cs = a->cs;
	MQMD md = {MQMD_DEFAULT};
	MQPMO pmo = {MQPMO_DEFAULT};
	MQGMO gmo = {MQGMO_DEFAULT};
	MQLONG cc, rc, len = 0;

	md.Persistence = cs->persistent ? MQPER_PERSISTENT : MQPER_NOT_PERSISTENT;
	pmo.Options = MQPMO_NEW_MSG_ID | MQPMO_FAIL_IF_QUIESCING |
		      (cs->persistent ? MQPMO_SYNCPOINT : MQPMO_NO_SYNCPOINT);
	MQPUT(hc, ho, &md, &pmo, cs->size, data, &cc, &rc);
	if (cc != MQCC_OK)
		return app_fail(a, "MQPUT", rc);
	if (commit_if_persistent(a, hc))
		return -1;
	/* Any message: a version 2 MQGMO with MQMO_NONE matches no ids. */
	MQMD gmd = {MQMD_DEFAULT};
	gmo.Version = MQGMO_VERSION_2;
	gmo.MatchOptions = MQMO_NONE;
	gmo.Options = MQGMO_WAIT | MQGMO_FAIL_IF_QUIESCING |
		      (cs->persistent ? MQGMO_SYNCPOINT : MQGMO_NO_SYNCPOINT);
	gmo.WaitInterval = GET_WAIT_MS;
	MQGET(hc, ho, &gmd, &gmo, cs->size, got, &len, &cc, &rc);
	if (cc != MQCC_OK)
		return app_fail(a, "MQGET", rc);
	if (len != cs->size)
		return app_fail(a, "MQGET (wrong length)", MQRC_NONE);
	return commit_if_persistent(a, hc);
}

static void *app_main(void *arg)
{
	struct app *a = arg;
	struct bcase *cs = a->cs;
	MQHCONN hc = MQHC_UNUSABLE_HCONN;
	MQHOBJ ho = MQHO_UNUSABLE_HOBJ;
	MQCHAR48 qm;
	MQOD od = {MQOD_DEFAULT};
	MQLONG cc, rc;
	uint8_t *data = malloc((size_t)cs->size), *got = malloc((size_t)cs->size);

	if (!data || !got) {
		app_fail(a, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
	} else {
		fill_random(data, (size_t)cs->size, (uint64_t)a->id + 1);
		set_name(qm, sizeof qm, cs->o->qmgr);
		MQCONN(qm, &hc, &cc, &rc);
		if (cc == MQCC_FAILED) {
			hc = MQHC_UNUSABLE_HCONN;
			app_fail(a, "MQCONN", rc);
		} else {
			set_name(od.ObjectName, sizeof od.ObjectName, cs->o->queue);
			MQOPEN(hc, &od, MQOO_INPUT_SHARED | MQOO_OUTPUT | MQOO_FAIL_IF_QUIESCING, &ho, &cc, &rc);
			if (cc == MQCC_FAILED) {
				ho = MQHO_UNUSABLE_HOBJ;
				app_fail(a, "MQOPEN", rc);
			}
		}
	}
	/* Connected (or failed): wait for every other application. */
	pthread_mutex_lock(&cs->mu);
	cs->connected++;
	pthread_cond_broadcast(&cs->cv);
	while (!cs->go)
		pthread_cond_wait(&cs->cv, &cs->mu);
	uint64_t deadline = cs->deadline;
	pthread_mutex_unlock(&cs->mu);

	while (ho != MQHO_UNUSABLE_HOBJ && !atomic_load(&cs->stop)) {
		uint64_t t0 = now_ns();
		if (t0 >= deadline)
			break;
		if (pair(a, hc, ho, data, got))
			break;
		uint64_t t1 = now_ns();
		if (lat_add(&a->lat, t1 - t0)) {
			app_fail(a, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
			break;
		}
		a->pairs++;
		a->end_ns = t1;
	}
	if (ho != MQHO_UNUSABLE_HOBJ) {
		if (cs->persistent && a->fail_verb)
			MQBACK(hc, &cc, &rc);
		MQCLOSE(hc, &ho, MQCO_NONE, &cc, &rc);
		if (cc == MQCC_FAILED)
			app_fail(a, "MQCLOSE", rc);
	}
	if (hc != MQHC_UNUSABLE_HCONN) {
		MQDISC(&hc, &cc, &rc);
		if (cc == MQCC_FAILED)
			app_fail(a, "MQDISC", rc);
	}
	free(data);
	free(got);
	return NULL;
}

struct result {
	int persistent, size, napps, ok;
	uint64_t pairs;
	double secs, rate, commits, p50, p99;
	double devflush;        /* device flushes/s, -1 not measured */
	double syncs;           /* estimated fdatasyncs/s, -1 not measured */
};

/* One case: napps applications for o->seconds.  Returns 0, or -1 when an
 * application failed (the reasons are printed). */
static int run_case(const struct opts *o, int persistent, int size, int napps, double dev_per_sync,
		    const char *devstat, struct result *res)
{
	struct bcase cs = { .o = o, .persistent = persistent, .size = size, .napps = napps };
	struct app *apps = calloc((size_t)napps, sizeof *apps);
	int err = 0, started = 0;

	memset(res, 0, sizeof *res);
	res->persistent = persistent;
	res->size = size;
	res->napps = napps;
	res->devflush = res->syncs = -1;
	if (!apps)
		return -1;
	pthread_mutex_init(&cs.mu, NULL);
	pthread_cond_init(&cs.cv, NULL);
	atomic_store(&cs.stop, 0);
	for (; started < napps; started++) {
		apps[started].cs = &cs;
		apps[started].id = started;
		int e = pthread_create(&apps[started].th, NULL, app_main, &apps[started]);
		if (e) {
			printf("mqbench: pthread_create failed: %s\n", strerror(e));
			atomic_store(&cs.stop, 1);
			err = -1;
			break;
		}
	}
	pthread_mutex_lock(&cs.mu);
	while (cs.connected < started)
		pthread_cond_wait(&cs.cv, &cs.mu);
	uint64_t t0 = now_ns();
	int64_t d0 = devstat_field(devstat, DEVSTAT_FLUSHES);
	cs.deadline = t0 + (uint64_t)(o->seconds * 1e9);
	cs.go = 1;
	pthread_cond_broadcast(&cs.cv);
	pthread_mutex_unlock(&cs.mu);

	uint64_t end = t0;
	for (int i = 0; i < started; i++) {
		pthread_join(apps[i].th, NULL);
		if (apps[i].end_ns > end)
			end = apps[i].end_ns;
	}
	int64_t d1 = devstat_field(devstat, DEVSTAT_FLUSHES);
	struct lat all = { 0 };
	for (int i = 0; i < started; i++) {
		res->pairs += apps[i].pairs;
		for (size_t k = 0; k < apps[i].lat.n; k++)
			if (lat_add(&all, apps[i].lat.v[k]))
				err = -1;
		if (apps[i].fail_verb) {
			printf("mqbench: application %d: %s ended with reason code %d\n", i, apps[i].fail_verb,
			       (int)apps[i].fail_reason);
			err = -1;
		}
		free(apps[i].lat.v);
	}
	qsort(all.v, all.n, sizeof all.v[0], cmp_u64);
	res->secs = (double)(end - t0) / 1e9;
	if (res->secs > 0) {
		res->rate = (double)res->pairs / res->secs;
		res->commits = persistent ? 2 * res->rate : 0;
		if (d0 >= 0 && d1 >= d0) {
			res->devflush = (double)(d1 - d0) / res->secs;
			if (dev_per_sync > 0)
				res->syncs = res->devflush / dev_per_sync;
		}
	}
	res->p50 = pct_ms(&all, 50);
	res->p99 = pct_ms(&all, 99);
	res->ok = !err && res->pairs > 0;
	free(all.v);
	pthread_mutex_destroy(&cs.mu);
	pthread_cond_destroy(&cs.cv);
	free(apps);
	return res->ok ? 0 : -1;
}

/* ---- options, printing, main ---------------------------------------------- */

static void usage(void)
{
	printf("usage: mqbench --qmgr QM --queue Q [--logdir DIR] [--seconds S] [--raw-seconds S]\n"
	       "               [--apps 1,8,32] [--np-apps LIST] [--sizes 256,2048,65536]\n"
	       "               [--np-sizes 256,1024,2048,65536] [--no-diag]\n"
	       "  --qmgr QM        the running queue manager (bench/mqbench.sh makes one)\n"
	       "  --queue Q        a local queue on it, shared by every application\n"
	       "  --logdir DIR     its log folder, where the raw fdatasync rate is measured\n"
	       "  --seconds S      duration of each case (3)\n"
	       "  --raw-seconds S  duration of the raw fdatasync loop (2)\n"
	       "  --apps LIST      numbers of applications (1,8,32)\n"
	       "  --np-apps LIST   numbers of applications of the nonpersistent cases (those of --apps)\n"
	       "  --sizes LIST     message sizes of the persistent cases (256,2048,65536)\n"
	       "  --np-sizes LIST  message sizes of the nonpersistent cases (256,1024,2048,65536)\n"
	       "  --no-diag        skip the diagnostic raw line (next page of a fallocated file)\n");
}

static int set_opt(void *arg, const char *a, const char *v)
{
	struct opts *o = arg;
	if (!strcmp(a, "--no-diag"))
		o->diag = 0;
	else if (!strcmp(a, "--qmgr"))
		return strlen(v) > MQ_Q_MGR_NAME_LENGTH || !snprintf(o->qmgr, sizeof o->qmgr, "%s", v);
	else if (!strcmp(a, "--queue"))
		return strlen(v) > MQ_Q_NAME_LENGTH || !snprintf(o->queue, sizeof o->queue, "%s", v);
	else if (!strcmp(a, "--logdir"))
		return strlen(v) >= sizeof o->logdir || !snprintf(o->logdir, sizeof o->logdir, "%s", v);
	else if (!strcmp(a, "--seconds"))
		return parse_secs(v, &o->seconds);
	else if (!strcmp(a, "--raw-seconds"))
		return parse_secs(v, &o->raw_seconds);
	else if (!strcmp(a, "--apps"))
		return (o->napps = bench_int_list(v, o->apps, MAXLIST, 1, MAXAPPS)) < 0;
	else if (!strcmp(a, "--np-apps"))
		return (o->nnpapps = bench_int_list(v, o->npapps, MAXLIST, 1, MAXAPPS)) < 0;
	else if (!strcmp(a, "--sizes"))
		return (o->npsizes = bench_int_list(v, o->psizes, MAXLIST, 1, 4 << 20)) < 0;
	else if (!strcmp(a, "--np-sizes"))
		return (o->nnsizes = bench_int_list(v, o->nsizes, MAXLIST, 1, 4 << 20)) < 0;
	return 0;
}

static const struct bench_cli cli = {
	.prog = "mqbench",
	.flags = (const char *const[]){ "--no-diag", NULL },
	.valued = (const char *const[]){ "--qmgr", "--queue", "--logdir", "--seconds", "--raw-seconds", "--apps",
					 "--np-apps", "--sizes", "--np-sizes", NULL },
	.set = set_opt,
	.usage = usage,
	.lone_folder = "mqbench needs a running queue manager: bench/mqbench.sh makes one and runs it "
		       "(sh bench/mqbench.sh build)",
};

/* -1: go on; else the exit status (bench_cmdline) */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const int apps[] = { 1, 8, 32 }, ps[] = { 256, 2048, 65536 }, ns[] = { 256, 1024, 2048, 65536 };
	memset(o, 0, sizeof *o);
	o->seconds = 3;
	o->raw_seconds = 2;
	o->diag = 1;
	o->napps = 3;
	memcpy(o->apps, apps, sizeof apps);
	o->npsizes = 3;
	memcpy(o->psizes, ps, sizeof ps);
	o->nnsizes = 4;
	memcpy(o->nsizes, ns, sizeof ns);
	int rc = bench_cmdline(&cli, argc, argv, o);
	if (rc < 0 && !o->nnpapps) {
		o->nnpapps = o->napps;
		memcpy(o->npapps, o->apps, sizeof o->apps);
	}
	return rc;
}

static void print_raw(const char *what, const struct raw_result *r)
{
	if (!r->ok) {
		printf("  %-44s  not measured\n", what);
		return;
	}
	printf("  %-44s %8.0f /s  p50 %6.3f ms  p99 %6.3f ms", what, r->rate, r->p50, r->p99);
	if (r->dev_per_sync > 0)
		printf("  (%.2f device flushes each)", r->dev_per_sync);
	printf("\n");
}

static void print_head(void)
{
	printf("  %-13s %7s %5s %10s %10s %6s %8s %8s %12s %10s\n", "mode", "size", "apps", "msgs/s",
	       "commits/s", "%raw", "p50 ms", "p99 ms", "fdatasync/s", "commits/fs");
}

static void print_row(const struct result *r, double raw)
{
	char sz[32], c[32], pr[16], fs[32], cpf[32];
	if (r->persistent) {
		snprintf(c, sizeof c, "%.0f", r->commits);
		if (raw > 0)
			snprintf(pr, sizeof pr, "%.0f%%", 100 * r->commits / raw);
		else
			snprintf(pr, sizeof pr, "-");
	} else {
		snprintf(c, sizeof c, "-");
		snprintf(pr, sizeof pr, "-");
	}
	if (r->syncs >= 0)
		snprintf(fs, sizeof fs, "~%.0f", r->syncs);
	else
		snprintf(fs, sizeof fs, "n/m");
	if (r->persistent && r->syncs > 0)
		snprintf(cpf, sizeof cpf, "~%.1f", r->commits / r->syncs);
	else
		snprintf(cpf, sizeof cpf, "-");
	printf("  %-13s %7s %5d %10.0f %10s %6s %8.3f %8.3f %12s %10s%s\n",
	       r->persistent ? "persistent" : "nonpersistent", bench_size_name(r->size, sz, sizeof sz), r->napps, r->rate,
	       c, pr, r->p50, r->p99, fs, cpf, r->ok ? "" : "  (failed)");
	fflush(stdout);
}

static const struct result *find(const struct result *rs, int n, int persistent, int size, int napps)
{
	for (int i = 0; i < n; i++)
		if (rs[i].persistent == persistent && rs[i].size == size && rs[i].napps == napps && rs[i].ok)
			return &rs[i];
	return NULL;
}

static void goals(const struct opts *o, const struct result *rs, int n, double raw)
{
	char sz[32];
	printf("\ngoals\n");
	/* persistent: the smallest size */
	int ps = o->psizes[0];
	for (int i = 1; i < o->npsizes; i++)
		if (o->psizes[i] < ps)
			ps = o->psizes[i];
	bench_size_name(ps, sz, sizeof sz);
	const struct result *p1 = find(rs, n, 1, ps, 1), *p32 = find(rs, n, 1, ps, 32);
	if (!p1 || raw <= 0)
		printf("  n/a   persistent %s, 1 application at >= 80%% of the raw fdatasync rate: %s\n", sz,
		       raw <= 0 ? "raw rate not measured" : "case not run");
	else
		printf("  %s  persistent %s, 1 application: %.0f commits/s = %.0f%% of the raw fdatasync rate "
		       "%.0f/s (goal >= 80%%)\n", p1->commits >= 0.8 * raw ? "PASS" : "MISS", sz, p1->commits,
		       100 * p1->commits / raw, raw);
	if (!p1 || !p32)
		printf("  n/a   persistent %s, 32 applications at >= 10x one application: case not run\n", sz);
	else
		printf("  %s  persistent %s, 32 applications: %.0f msgs/s = %.1fx one application's %.0f "
		       "(goal >= 10x)\n", p32->rate >= 10 * p1->rate ? "PASS" : "MISS", sz, p32->rate,
		       p32->rate / p1->rate, p1->rate);
	const struct result *best = NULL;
	for (int i = 0; i < n; i++)
		if (!rs[i].persistent && rs[i].size == 1024 && rs[i].ok && (!best || rs[i].rate > best->rate))
			best = &rs[i];
	if (!best)
		printf("  n/a   nonpersistent 1 KiB at >= 100,000 msgs/s: case not run\n");
	else
		printf("  %s  nonpersistent 1 KiB: %.0f msgs/s with %d application%s (goal >= 100,000)\n",
		       best->rate >= 100000 ? "PASS" : "MISS", best->rate, best->napps, best->napps == 1 ? "" : "s");
}

int main(int argc, char **argv)
{
	struct opts o;
	int prc = parse_opts(argc, argv, &o);
	if (prc >= 0)
		return prc;

	char devstat[160] = "";
	printf("mqbench: MQI load on queue manager %s, queue %s\n", o.qmgr, o.queue);
	if (o.logdir[0]) {
		devstat_path(o.logdir, devstat, sizeof devstat);
		printf("log folder %s (%s)\n", o.logdir, fs_name(o.logdir));
		if (devstat_field(devstat, DEVSTAT_FLUSHES) < 0)
			devstat[0] = '\0';
	}
	printf("device flush counter: %s\n", devstat[0] ? devstat : "none (fdatasync/s not measured)");

	struct raw_result raw = { .dev_per_sync = -1 }, fresh = { .dev_per_sync = -1 };
	printf("\nlimits of the log's file system\n");
	if (o.logdir[0]) {
		/* crtmqm's zero-filled extents (and a peer's files deleted just
		 * before, in peerbench.sh) leave the device busy for seconds */
		printf("  the log folder's device quiet after %.1f s (benchprobe.h settle)\n", settle(o.logdir));
		raw = raw_sync(o.logdir, devstat, 0, o.raw_seconds);
		print_raw("raw fdatasync (4 KiB write, fixed offset)", &raw);
		if (o.diag) {
			fresh = raw_sync(o.logdir, devstat, 1, o.raw_seconds / 2);
			print_raw("diag: 4 KiB to the next fallocated page", &fresh);
		}
	} else {
		printf("  no --logdir: raw fdatasync rate not measured\n");
	}

	int ncases = o.napps * o.npsizes + o.nnpapps * o.nnsizes, n = 0, broke = 0;
	struct result *rs = calloc((size_t)ncases, sizeof *rs);
	if (!rs)
		return 1;
	printf("\nMQI load: %.1f s per case; a message is one put plus its get; persistent: put and get\n"
	       "each under syncpoint with its own MQCMIT (2 commits a message); fdatasync/s estimated\n"
	       "from the device's flush count (~, whole disk)\n\n", o.seconds);
	print_head();
	for (int p = 1; p >= 0; p--) {
		int ns = p ? o.npsizes : o.nnsizes;
		const int *sizes = p ? o.psizes : o.nsizes;
		int na = p ? o.napps : o.nnpapps;
		const int *apps = p ? o.apps : o.npapps;
		for (int s = 0; s < ns; s++)
			for (int a = 0; a < na; a++) {
				if (run_case(&o, p, sizes[s], apps[a], raw.dev_per_sync, devstat, &rs[n]))
					broke = 1;
				print_row(&rs[n], raw.ok ? raw.rate : 0);
				n++;
			}
	}
	goals(&o, rs, n, raw.ok ? raw.rate : 0);
	free(rs);
	if (broke)
		printf("\nmqbench: some cases failed (reasons above)\n");
	return broke || (o.logdir[0] && !raw.ok);
}
