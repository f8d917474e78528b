/*
 * mediabench.c: media images and media recovery (issue 10), beside the
 * disk's own limits measured in the same run.
 *
 * bench/mediabench.sh makes the throwaway data folder (MQ_DATA_PATH),
 * removes it whatever happens, and runs this program; by hand:
 *   mediabench --bin BUILD/bin --data DIR [--mb N] [--size B] [--baseline S]
 *              [--probe-gap-us U] [--raw-seconds S] [--warm]
 * DIR must be an empty folder of its own: the program makes and deletes one
 * queue manager in it (QMMEDIA, linear logging) with the commands of --bin.
 *
 * What it measures:
 *   0. the limits of DIR's file system (bench/benchdisk.h, as recoverybench):
 *      the raw fdatasync rate (4 KiB at a fixed offset), sequential write
 *      bandwidth (1 MiB writes, up to 512 MiB or --raw-seconds, then one
 *      fdatasync) and sequential read bandwidth (read back once the page
 *      cache dropped it).  The goals below are set against the write figure.
 *   1. the queue: QMMEDIA made by crtmqm -ll (linear logging, the log's
 *      other settings crtmqm's defaults); one application puts --mb (1024)
 *      MiB of persistent messages onto MB.MEDIA under syncpoint, an MQCMIT
 *      every 8 MiB.  Bodies: incompressible bytes of their own for each
 *      message (the log compresses each record with lz4: windows of one pool
 *      would shrink), sizes cycling 4, 8, 16, ... 256 KiB (--size B: all B).
 *      Then endmqm -w and strmqm: the final checkpoint puts every message in
 *      the queue store, and the restart reads only its index.
 *   2. rcdmqimg -t ql MB.MEDIA, timed from fork to exit, while a probe
 *      application (its own connection) loops over a 256 B persistent MQPUT,
 *      an MQGET and an MQCMIT under syncpoint on MB.PROBE (which holds one
 *      message, so that every get finds one), each call timed.  The probe
 *      runs --baseline (3) seconds alone first: its calls then are the
 *      baseline, those that overlap rcdmqimg's run are "during".  Unless
 *      --warm the queue's store files are synced and dropped from the page
 *      cache first, so that the image reads them from the disk.  Printed:
 *      rcdmqimg's time, MB/s (the queue's message bytes over that time), the
 *      queue manager's bytes written and read meanwhile (/proc/PID/io), the
 *      probe's max and p99 call before and during, the longest of each verb
 *      during, and a thread's 1 ms sleeps in each window (benchprobe.h: how
 *      long any thread waited for a core).  The image runs on the queue
 *      manager's loop or a part at a time between other work: the probe
 *      measures which, nothing here assumes it.
 *   3. media recovery: the probe ended (nothing has the queue open), the
 *      log dropped from the page cache (unless --warm), rcrmqobj -t ql
 *      MB.MEDIA timed; MB/s as above.  Then every message is browsed: their
 *      count, total bytes and each body (its size and bytes, in put order)
 *      must be what was put, else the program exits 1.
 *  3b. the store lost (a diagnostic): endmqm -w, the queue's store files
 *      (*.qsd, *.qsi in the folder dspmqfls names) deleted, the log dropped,
 *      strmqm, which rebuilds a damaged local queue from its image under
 *      linear logging ("Object MB.MEDIA, type qlocal recreated.": strmqm's
 *      whole time is the figure); should it leave the queue damaged (MQOPEN
 *      2101), rcrmqobj is timed instead.  The contents checked again.
 *   4. the goals, PASS or MISS: rcdmqimg and rcrmqobj at half the sequential
 *      write bandwidth or better; the longest pause the probe saw during
 *      rcdmqimg under 20 ms (MACHINE when a thread that only sleeps stalled
 *      as long meanwhile, as recoverybench judges); the contents exact after
 *      3 and 3b.
 *
 * A benchmark, not a test: it exits 0 whether the goals are met or not, and
 * 1 only when something broke (a command or an MQI call failed, the queue
 * came back wrong, an I/O error, bad options).  Given only a folder (as
 * bench/run.sh calls every benchmark) it says that mediabench.sh runs it and
 * exits 0.
 */
#include "bench/benchcmd.h"
#include "bench/benchdisk.h"
#include "bench/benchprobe.h"
/* recoverybench's applications: this program uses their MQI helpers only */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "bench/rbapps.h"
#pragma GCC diagnostic pop
#include "cmqc.h"
#include "qm/home/qmgr.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define QM "QMMEDIA"
#define Q_MEDIA "MB.MEDIA"
#define Q_PROBE "MB.PROBE"
#define MAX_BODY (4u << 20)       /* MAXMSGL of MB.MEDIA */
#define CYCLE_MIN 4096u           /* sizes 4 KiB << 0..CYCLE_STEPS-1 */
#define CYCLE_STEPS 7
#define FILL_BATCH (8u << 20)     /* message bytes per MQCMIT while filling */
#define BODY_SEED 0x6d656469ull   /* body k: fill_random(seed BODY_SEED + k) */
#define GOAL_BW_SHARE 0.5
#define GOAL_PAUSE_MS 20.0
#define MACHINE_SLACK_MS 5.0      /* as recoverybench: a pause the machine showed alone */

enum { V_PUT, V_GET, V_CMIT, NVERBS };

struct opts {
	char bin[PATH_MAX], data[PATH_MAX];
	long mb, size;
	double baseline, raw_seconds;
	int gap_us, warm;
};

static double mb(uint64_t bytes)
{
	return (double)bytes / 1e6;
}

/* MEDIABENCH_KEEP=1: the queue manager is ended, not deleted
 * (mediabench.sh then keeps the folder too). */
static int keep(void)
{
	const char *k = getenv("MEDIABENCH_KEEP");
	return k && !strcmp(k, "1");
}

/* Message k's size: --size, or the cycle; never past what is left. */
static size_t body_len(const struct opts *o, long k, uint64_t left)
{
	uint64_t n = o->size ? (uint64_t)o->size : (uint64_t)CYCLE_MIN << (k % CYCLE_STEPS);
	return (size_t)(n < left ? n : left);
}

/* ---- the queue manager ---------------------------------------------------------- */

struct qmref {
	const struct opts *o;
	struct qm_paths paths;
	pid_t pid;                  /* its process while it runs, else -1 */
	struct cmd *c;              /* the last command's output */
};

/* Run a command of --bin that must succeed.  0, or -1 (said, broke). */
static int qcmd(struct qmref *q, const char *input, const char *prog, const char *a1, const char *a2,
		const char *a3, const char *a4, const char *a5)
{
	char what[128];
	snprintf(what, sizeof what, "%s %s", prog, a1 ? a1 : "");
	return must(what, q->c, run_in(q->o->bin, q->c, input, prog, a1, a2, a3, a4, a5, NULL));
}

static int qm_start(struct qmref *q)
{
	char err[512] = "";
	enum qm_status s = QMS_UNKNOWN;
	if (qcmd(q, NULL, "strmqm", QM, NULL, NULL, NULL, NULL))
		return -1;
	if (qmgr_locate(QM, &q->paths, err, sizeof err) || qmgr_status(&q->paths, &s, &q->pid) ||
	    s != QMS_RUNNING || q->pid <= 0) {
		fail("queue manager %s is not running after strmqm (%s)", QM, err[0] ? err : qmgr_status_text(s));
		q->pid = -1;
		return -1;
	}
	return 0;
}

static int qm_end(struct qmref *q)
{
	q->pid = -1;
	return qcmd(q, NULL, "endmqm", "-w", QM, NULL, NULL, NULL);
}

/* The folder of MB.MEDIA's queue store: the line of dspmqfls that is a path. */
static int queue_dir(struct qmref *q, char *dir, size_t n)
{
	if (qcmd(q, NULL, "dspmqfls", "-m", QM, "-t", "ql", Q_MEDIA))
		return -1;
	for (const char *l = q->c->out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (*l == '/') {
			snprintf(dir, n, "%.*s", (int)strcspn(l, "\n"), l);
			return 0;
		}
	fail("dspmqfls named no folder for %s:\n%s", Q_MEDIA, q->c->out);
	return -1;
}

/* ---- files: the page cache, the queue store ---------------------------------------- */

static int has_suffix(const char *name, const char *sfx)
{
	size_t n = strlen(name), k = strlen(sfx);
	return n >= k && !strcmp(name + n - k, sfx);
}

/* Every regular file of folder dir (not below it) whose name ends in one of
 * sfx (NULL-ended; NULL: every file): synced and dropped from the page cache
 * (drop), or deleted (!drop).  *bytes gets their size; returns the
 * percentage of it that stayed cached (drop), or the files deleted. */
static double each_file(const char *dir, const char *const *sfx, int drop, uint64_t *bytes)
{
	DIR *d = opendir(dir);
	uint64_t total = 0, cached = 0, files = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		char path[PATH_MAX + 256];
		struct stat st;
		int want = !sfx;
		for (const char *const *s = sfx; s && *s; s++)
			want |= has_suffix(e->d_name, *s);
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (!want || stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		total += (uint64_t)st.st_size;
		files++;
		if (!drop) {
			if (unlink(path))
				fail("cannot delete %s: %s", path, strerror(errno));
			continue;
		}
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		fdatasync(fd);
		posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
		cached += cached_bytes(fd, (uint64_t)st.st_size);
		close(fd);
	}
	if (d)
		closedir(d);
	else
		fail("cannot read folder %s: %s", dir, strerror(errno));
	*bytes = total;
	if (!drop)
		return (double)files;
	return total ? 100.0 * (double)cached / (double)total : 0;
}

static const char *const store_files[] = { ".qsd", ".qsi", NULL };

/* ---- the queue: filled, then checked ------------------------------------------------- */

struct fill {
	long msgs;
	uint64_t bytes;
	double s;
};

/* Put o->mb MiB of persistent messages onto MB.MEDIA, an MQCMIT every
 * FILL_BATCH bytes (a batch backed out is put again).  0, or -1 (said). */
static int fill_queue(const struct opts *o, uint8_t *buf, struct fill *f)
{
	struct app a = { .qm = QM, .queue = Q_MEDIA };
	uint64_t want = (uint64_t)o->mb << 20, t0 = now_ns();
	long k = 0, k0 = 0;
	uint64_t bytes = 0, b0 = 0;
	app_open(&a, MQOO_OUTPUT);
	while (!a.fail_verb && bytes < want) {
		size_t len = body_len(o, k, want - bytes);
		fill_random(buf, len, BODY_SEED + (uint64_t)k);
		int rc = put1(&a, buf, (MQLONG)len, 0);
		if (!rc) {
			k++;
			bytes += len;
			if (bytes - b0 < FILL_BATCH && bytes < want)
				continue;
			if ((rc = commit(&a, NULL)) == 0) {
				k0 = k;
				b0 = bytes;
				continue;
			}
		}
		if (rc < 0 || backed_out(&a))
			break;
		k = k0;   /* backed out: that batch again */
		bytes = b0;
	}
	app_close(&a);
	f->msgs = k0;
	f->bytes = b0;
	f->s = (double)(now_ns() - t0) / 1e9;
	return app_report(&a, "filler");
}

/* Browse every message of MB.MEDIA: count, total bytes, and each body
 * against what was put (message k: body_len, fill_random).  0 when they
 * all match, -1 (said) otherwise. */
static int check_queue(const struct opts *o, const struct fill *f, uint8_t *got, uint8_t *want, long *n,
		       uint64_t *bytes)
{
	struct app a = { .qm = QM, .queue = Q_MEDIA };
	long wrong = 0, first_wrong = -1;
	*n = 0;
	*bytes = 0;
	app_open(&a, MQOO_BROWSE);
	while (a.ho != MQHO_UNUSABLE_HOBJ) {
		MQMD md = {MQMD_DEFAULT};
		MQGMO gmo = {MQGMO_DEFAULT};
		MQLONG cc, rc, len = 0;
		gmo.Version = MQGMO_VERSION_2;
		gmo.MatchOptions = MQMO_NONE;
		gmo.Options = MQGMO_BROWSE_NEXT | MQGMO_NO_WAIT | MQGMO_ACCEPT_TRUNCATED_MSG;
		MQGET(a.hc, a.ho, &md, &gmo, MAX_BODY, got, &len, &cc, &rc);
		if (cc == MQCC_FAILED) {
			if (rc != MQRC_NO_MSG_AVAILABLE)
				app_fail(&a, "MQGET (browse)", rc);
			break;
		}
		long k = (*n)++;
		*bytes += (uint64_t)len;
		uint64_t before = *bytes - (uint64_t)len;
		size_t wl = before < f->bytes ? body_len(o, k, f->bytes - before) : 0;
		if (wl == (size_t)len)
			fill_random(want, wl, BODY_SEED + (uint64_t)k);
		if (wl != (size_t)len || md.Persistence != MQPER_PERSISTENT || memcmp(got, want, wl)) {
			if (first_wrong < 0)
				first_wrong = k;
			wrong++;
		}
	}
	app_close(&a);
	if (app_report(&a, "checker"))
		return -1;
	if (*n == f->msgs && *bytes == f->bytes && !wrong)
		return 0;
	fail("%s holds %ld messages, %llu bytes; %ld were put, %llu bytes; %ld bodies differ from what was put "
	     "(the first: message %ld in queue order)", Q_MEDIA, *n, (unsigned long long)*bytes, f->msgs,
	     (unsigned long long)f->bytes, wrong, first_wrong);
	return -1;
}

/* The reason code MQOPEN gives for MB.MEDIA (0: it opened; -1: no
 * connection, said). */
static MQLONG open_reason(void)
{
	struct app a = { .qm = QM, .queue = Q_MEDIA };
	app_open(&a, MQOO_INQUIRE);
	MQLONG r = a.fail_verb ? a.fail_reason : 0;
	if (a.fail_verb && strcmp(a.fail_verb, "MQOPEN")) {
		app_report(&a, "opener");
		r = -1;
	}
	a.fail_verb = NULL;
	app_close(&a);
	return r;
}

/* ---- the probe ---------------------------------------------------------------------------- */

/* MQPUT, MQGET, MQCMIT under syncpoint on MB.PROBE in a loop, each call
 * timed: its start, its time and its verb (in three lists, by index). */
struct probe {
	struct app a;
	struct lat at, dur, verb;
};

static void *probe_run(void *arg)
{
	struct probe *p = arg;
	struct app *a = &p->a;
	uint8_t body[PROBE_SIZE], got[PROBE_SIZE];
	fill_random(body, sizeof body, 99);
	app_open(a, MQOO_OUTPUT | MQOO_INPUT_SHARED);
	/* one message first, committed: every get finds one, the depth stays 1 */
	int rc = a->ho == MQHO_UNUSABLE_HOBJ ? -1 : put1(a, body, PROBE_SIZE, 0);
	if (!rc)
		rc = commit(a, NULL);
	if (rc)
		app_fail(a, "priming " Q_PROBE, MQRC_NONE);
	pthread_barrier_wait(a->go);
	while (!rc && !atomic_load(a->stop)) {
		for (int v = 0; v < NVERBS && !rc; v++) {
			uint64_t t0 = now_ns();
			rc = v == V_PUT ? put1(a, body, PROBE_SIZE, 0) : v == V_GET ? get1(a, got, PROBE_SIZE) : commit(a, NULL);
			uint64_t d = now_ns() - t0;
			if (lat_add(&p->at, t0) || lat_add(&p->dur, d) || lat_add(&p->verb, (uint64_t)v))
				rc = app_fail(a, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
		}
		if (rc > 0)
			rc = backed_out(a);
		else if (!rc)
			a->done++;
		if (a->gap_us)
			usleep((useconds_t)a->gap_us);
	}
	app_close(a);
	return NULL;
}

/* The probe's calls in a window. */
struct window {
	double s;                        /* its length */
	long calls, cycles;              /* calls in it; MQCMITs that ended in it */
	double max, p99, p50;            /* ms, over every call */
	double max_at;                   /* s from the window's start to the longest call's start */
	double verb_max[NVERBS];
	double sched_max, sched_p99;     /* a thread's 1 ms sleeps meanwhile: how late */
};

/* The calls that overlap [t0, t1) (in_only: that lie wholly inside it). */
static void window_of(const struct probe *p, uint64_t t0, uint64_t t1, int in_only, struct window *w)
{
	struct lat l = { 0 };
	w->s = (double)(t1 - t0) / 1e9;
	for (size_t i = 0; i < p->at.n; i++) {
		uint64_t s = p->at.v[i], e = s + p->dur.v[i], v = p->verb.v[i];
		int in = in_only ? s >= t0 && e <= t1 : s < t1 && e > t0;
		if (!in)
			continue;
		lat_add(&l, p->dur.v[i]);
		double ms = (double)p->dur.v[i] / 1e6;
		if (ms >= w->verb_max[V_PUT] && ms >= w->verb_max[V_GET] && ms >= w->verb_max[V_CMIT])
			w->max_at = ((double)s - (double)t0) / 1e9;
		if (ms > w->verb_max[v])
			w->verb_max[v] = ms;
		w->cycles += v == V_CMIT && e <= t1;
	}
	lat_sort(&l);
	w->calls = (long)l.n;
	w->max = lat_max_ms(&l);
	w->p99 = pct_ms(&l, 99);
	w->p50 = pct_ms(&l, 50);
	free(l.v);
}

/* A thread's 1 ms sleeps (benchprobe.h), started and stopped around a window. */
struct sched {
	struct schedprobe sp;
	atomic_int stop;
	int ok;
};

static void sched_start(struct sched *s)
{
	memset(&s->sp, 0, sizeof s->sp);
	atomic_store(&s->stop, 0);
	s->sp.stop = &s->stop;
	s->ok = pthread_create(&s->sp.th, NULL, schedprobe_main, &s->sp) == 0;
}

static void sched_stop(struct sched *s, struct window *w)
{
	atomic_store(&s->stop, 1);
	if (!s->ok)
		return;
	pthread_join(s->sp.th, NULL);
	if (!s->sp.failed && s->sp.late.n) {
		lat_sort(&s->sp.late);
		w->sched_max = lat_max_ms(&s->sp.late);
		w->sched_p99 = pct_ms(&s->sp.late, 99);
	}
	free(s->sp.late.v);
}

/* ---- the figures ---------------------------------------------------------------------------- */

struct figures {
	struct raw_result raw;
	struct seq_result seq;
	struct fill fill;
	double fill_cached;               /* % of the store left cached before the image */
	uint64_t store_bytes;             /* the store's files before the image */
	int image_ran;
	double image_s, image_mbs;
	struct pio io0, io1;              /* the queue manager around rcdmqimg */
	struct window base, during;
	long probe_cycles;
	struct rebuild {                  /* rcr: rcrmqobj of the queue; lost: its store deleted */
		int ran, checked, ok;
		double log_cached;        /* % of the log left cached before */
		uint64_t log_bytes;
		double s, mbs;
		long msgs;                /* browsed afterwards */
		uint64_t bytes;
	} rcr, lost;
};

static void print_window(const char *what, const struct window *w)
{
	printf("   %-28s %7ld calls in %5.1f s (%6.0f put+get+commit/s): max %7.1f ms, p99 %6.2f ms, p50 %5.2f ms\n",
	       what, w->calls, w->s, w->s > 0 ? (double)w->cycles / w->s : 0, w->max, w->p99, w->p50);
	printf("   %-28s longest MQPUT %.1f ms, MQGET %.1f ms, MQCMIT %.1f ms (the longest call began at %+.2f s); a 1 "
	       "ms sleep woke up to %.1f ms late (p99 %.2f ms)\n", "", w->verb_max[V_PUT], w->verb_max[V_GET],
	       w->verb_max[V_CMIT], w->max_at, w->sched_max, w->sched_p99);
}

/* 2: rcdmqimg while the probe runs. */
static void image(struct qmref *q, struct figures *f)
{
	const struct opts *o = q->o;
	char dir[PATH_MAX];
	printf("\n2. rcdmqimg -t ql %s (%.1f MB of messages) while a probe loops over MQPUT, MQGET, MQCMIT of %d B "
	       "on %s\n", Q_MEDIA, mb(f->fill.bytes), PROBE_SIZE, Q_PROBE);
	if (queue_dir(q, dir, sizeof dir))
		return;
	if (!o->warm) {
		f->fill_cached = each_file(dir, store_files, 1, &f->store_bytes);
		printf("   the queue store's files (%.1f MB in %s) synced and dropped from the page cache: %.0f%% stayed "
		       "cached\n", mb(f->store_bytes), dir, f->fill_cached);
	} else
		printf("   --warm: the queue store left in the page cache\n");
	printf("   the data folder's device quiet after %.1f s (benchprobe.h settle)\n", settle(o->data));

	pthread_barrier_t go;
	atomic_int stop;
	atomic_store(&stop, 0);
	struct probe *p = calloc(1, sizeof *p);
	if (!p || pthread_barrier_init(&go, NULL, 2)) {
		fail("out of memory");
		free(p);
		return;
	}
	p->a = (struct app){ .qm = QM, .queue = Q_PROBE, .go = &go, .stop = &stop, .gap_us = o->gap_us };
	if (pthread_create(&p->a.th, NULL, probe_run, p)) {
		fail("pthread_create failed");
		exit(1);
	}
	pthread_barrier_wait(&go);
	struct sched sb, sd;
	uint64_t b0 = now_ns();
	sched_start(&sb);
	while (!p->a.fail_verb && now_ns() - b0 < (uint64_t)(o->baseline * 1e9))
		usleep(10000);
	sched_stop(&sb, &f->base);
	sched_start(&sd);
	f->io0 = proc_io(q->pid);
	int rc = run_in(o->bin, q->c, NULL, "rcdmqimg", "-m", QM, "-t", "ql", Q_MEDIA, NULL);
	f->io1 = proc_io(q->pid);
	sched_stop(&sd, &f->during);
	atomic_store(&stop, 1);
	pthread_join(p->a.th, NULL);
	pthread_barrier_destroy(&go);
	uint64_t i0 = q->c->t0, i1 = q->c->t1;
	window_of(p, b0, i0, 1, &f->base);
	window_of(p, i0, i1, 0, &f->during);
	f->probe_cycles = p->a.done;
	int pbad = app_report(&p->a, "probe");
	free(p->at.v);
	free(p->dur.v);
	free(p->verb.v);
	free(p);
	if (must("rcdmqimg", q->c, rc) || pbad)
		return;
	if (!strstr(q->c->out, "Media image for object " Q_MEDIA ", type qlocal recorded.")) {
		fail("rcdmqimg exited 0 without its \"recorded\" line:\n%s", q->c->out);
		return;
	}
	f->image_ran = 1;
	f->image_s = (double)(i1 - i0) / 1e9;
	f->image_mbs = mb(f->fill.bytes) / f->image_s;
	printf("   rcdmqimg: %.2f s = %.1f MB/s of messages (sequential write %.1f MB/s, read %.1f MB/s)\n", f->image_s,
	       f->image_mbs, f->seq.write_mbs, f->seq.read_mbs);
	if (f->io0.ok && f->io1.ok)
		printf("   the queue manager meanwhile (/proc/%d/io): wrote %.1f MB (wchar), read %.1f MB from the disk "
		       "(read_bytes; rchar %.1f MB)\n", (int)q->pid, mb(f->io1.wchar - f->io0.wchar),
		       mb(f->io1.read_bytes - f->io0.read_bytes), mb(f->io1.rchar - f->io0.rchar));
	printf("   the probe (%ld put+get+commits in all; a call overlapping rcdmqimg counts as during):\n",
	       f->probe_cycles);
	print_window("before (the probe alone)", &f->base);
	print_window("during rcdmqimg", &f->during);
	fflush(stdout);
}

/* The log synced and dropped from the page cache (unless --warm), so that
 * what reads it reads the disk. */
static void drop_log(struct qmref *q, struct rebuild *r)
{
	char logs[PATH_MAX + 16];
	if (q->o->warm) {
		printf("   --warm: the log left in the page cache\n");
		return;
	}
	snprintf(logs, sizeof logs, "%s/active", q->paths.log_dir);
	r->log_cached = each_file(logs, NULL, 1, &r->log_bytes);
	printf("   the log (%.1f MB in %s) synced and dropped from the page cache: %.0f%% stayed cached\n",
	       mb(r->log_bytes), logs, r->log_cached);
}

/* rcrmqobj -t ql MB.MEDIA, timed into r.  0, or -1 (said). */
static int rcrmqobj(struct qmref *q, struct rebuild *r)
{
	struct pio io0 = proc_io(q->pid);
	int rc = run_in(q->o->bin, q->c, NULL, "rcrmqobj", "-m", QM, "-t", "ql", Q_MEDIA, NULL);
	struct pio io1 = proc_io(q->pid);
	if (must("rcrmqobj", q->c, rc))
		return -1;
	if (!strstr(q->c->out, "Object " Q_MEDIA ", type qlocal recreated.")) {
		fail("rcrmqobj exited 0 without its \"recreated\" line:\n%s", q->c->out);
		return -1;
	}
	r->s = (double)(q->c->t1 - q->c->t0) / 1e9;
	if (io0.ok && io1.ok)
		printf("   the queue manager during rcrmqobj (/proc/%d/io): wrote %.1f MB (wchar), read %.1f MB from the "
		       "disk (read_bytes; rchar %.1f MB)\n", (int)q->pid, mb(io1.wchar - io0.wchar),
		       mb(io1.read_bytes - io0.read_bytes), mb(io1.rchar - io0.rchar));
	return 0;
}

/* The rebuilt queue: its figures printed, its contents browsed and checked. */
static void rebuilt(const struct opts *o, struct figures *f, struct rebuild *r, const char *how, uint8_t *b1,
		    uint8_t *b2)
{
	r->ran = 1;
	r->mbs = mb(f->fill.bytes) / r->s;
	printf("   %s: %.2f s = %.1f MB/s of messages (sequential write %.1f MB/s, read %.1f MB/s)\n", how, r->s, r->mbs,
	       f->seq.write_mbs, f->seq.read_mbs);
	uint64_t t0 = now_ns();
	r->checked = 1;
	r->ok = check_queue(o, &f->fill, b1, b2, &r->msgs, &r->bytes) == 0;
	printf("   browsed back in %.1f s: %ld messages, %llu bytes (put: %ld, %llu): %s\n",
	       (double)(now_ns() - t0) / 1e9, r->msgs, (unsigned long long)r->bytes, f->fill.msgs,
	       (unsigned long long)f->fill.bytes, r->ok ? "every body as put, in put order" : "WRONG");
	fflush(stdout);
}

/* 3: rcrmqobj of the queue as it is; then its store deleted and the queue
 * manager restarted: whatever rebuilds it (the start, or rcrmqobj when the
 * start leaves it damaged), timed.  The contents checked after each. */
static void recreate(struct qmref *q, struct figures *f, uint8_t *b1, uint8_t *b2)
{
	const struct opts *o = q->o;
	char dir[PATH_MAX];
	uint64_t gone;
	printf("\n3. media recovery: rcrmqobj -t ql %s (the probe ended: nothing has the queue open)\n", Q_MEDIA);
	drop_log(q, &f->rcr);
	if (rcrmqobj(q, &f->rcr))
		return;
	rebuilt(o, f, &f->rcr, "rcrmqobj", b1, b2);
	if (broke)
		return;

	printf("\n3b. the queue store lost: endmqm -w, %s's store files deleted, strmqm\n", Q_MEDIA);
	if (queue_dir(q, dir, sizeof dir) || qm_end(q))
		return;
	double files = each_file(dir, store_files, 0, &gone);
	printf("   deleted %.0f files (%.1f MB) in %s\n", files, mb(gone), dir);
	drop_log(q, &f->lost);
	if (broke || qm_start(q))
		return;
	f->lost.s = (double)(q->c->t1 - q->c->t0) / 1e9;
	if (strstr(q->c->out, "Object " Q_MEDIA ", type qlocal recreated.")) {
		rebuilt(o, f, &f->lost, "strmqm rebuilt the queue at the start (its whole time)", b1, b2);
		return;
	}
	MQLONG why = open_reason();
	printf("   strmqm (%.2f s) did not rebuild it: MQOPEN gives reason %d (%d: damaged)\n", f->lost.s, (int)why,
	       MQRC_OBJECT_DAMAGED);
	if (why != MQRC_OBJECT_DAMAGED) {
		fail("%s opens with reason %d after its store files were deleted, not %d (damaged)", Q_MEDIA, (int)why,
		     MQRC_OBJECT_DAMAGED);
		return;
	}
	if (rcrmqobj(q, &f->lost) == 0)
		rebuilt(o, f, &f->lost, "rcrmqobj of the damaged queue", b1, b2);
}

static void run(const struct opts *o, struct figures *f, uint8_t *b1, uint8_t *b2)
{
	struct qmref q = { .o = o, .pid = -1, .c = malloc(sizeof(struct cmd)) };
	char mqsc[512];
	if (!q.c) {
		fail("out of memory");
		return;
	}
	printf("\n1. %s: %ld MiB of persistent messages (%s) onto %s, MQCMIT every %u MiB\n", QM, o->mb,
	       o->size ? "all of --size" : "4, 8, 16, ... 256 KiB in turn", Q_MEDIA, FILL_BATCH >> 20);
	printf("   queue manager %s made by crtmqm -ll (linear logging; the log's sizes crtmqm's defaults)\n", QM);
	snprintf(mqsc, sizeof mqsc,
		 "DEFINE QLOCAL(%s) MAXDEPTH(999999999) MAXMSGL(%u) REPLACE\n"
		 "DEFINE QLOCAL(%s) MAXDEPTH(999999999) REPLACE\n", Q_MEDIA, MAX_BODY, Q_PROBE);
	if (qcmd(&q, NULL, "crtmqm", "-ll", QM, NULL, NULL, NULL) || qm_start(&q) ||
	    qcmd(&q, mqsc, "runmqsc", QM, NULL, NULL, NULL, NULL))
		goto out;
	if (fill_queue(o, b1, &f->fill))
		goto out;
	printf("   put %ld messages, %.1f MB, in %.1f s = %.1f MB/s\n", f->fill.msgs, mb(f->fill.bytes), f->fill.s,
	       mb(f->fill.bytes) / f->fill.s);
	/* the final checkpoint puts every message in the queue store */
	uint64_t t0 = now_ns();
	if (qm_end(&q) || qm_start(&q))
		goto out;
	MQHCONN hc = connect_retry(QM);
	if (hc == MQHC_UNUSABLE_HCONN)
		goto out;
	long depth = depth_of(hc, Q_MEDIA);
	MQLONG cc, rc;
	MQDISC(&hc, &cc, &rc);
	printf("   endmqm -w and strmqm (every message now in the queue store): %.1f s; depth %ld\n",
	       (double)(now_ns() - t0) / 1e9, depth);
	if (depth != f->fill.msgs) {
		fail("%s holds %ld messages after a restart; %ld were put and committed", Q_MEDIA, depth, f->fill.msgs);
		goto out;
	}
	image(&q, f);
	if (!broke)
		recreate(&q, f, b1, b2);
out:
	if (q.pid > 0)
		run_in(o->bin, q.c, NULL, "endmqm", "-i", QM, NULL);
	if (!keep())
		run_in(o->bin, q.c, NULL, "dltmqm", QM, NULL);
	free(q.c);
}

/* ---- summary ---------------------------------------------------------------------------- */

/* ok: -2 a diagnostic, not judged; -1 not measured; 0 MISS, 1 PASS, 2 MACHINE, 3 BROKEN */
static void goal(const char *what, const char *figure, const char *target, int ok, const char *note)
{
	static const char *const word[] = { "MISS", "PASS", "MACHINE", "BROKEN" };
	printf("  %-40s %-14s %-26s %-7s %s\n", what, figure, target, ok == -2 ? "diag" : ok < 0 ? "n/a" : word[ok], note ? note : "");
}

/* A rebuild's MB/s against the goal (diag: printed beside it, not judged). */
static void rebuild_row(const char *what, const struct rebuild *r, const char *tgt, double half, int diag)
{
	char fig[64], note[160];
	snprintf(fig, sizeof fig, "%.1f MB/s", r->mbs);
	snprintf(note, sizeof note, "%.2f s; the log %s", r->s, r->log_bytes ? "dropped from the page cache first" :
		 "left in the page cache");
	goal(what, r->ran ? fig : "-", tgt, !r->ran ? -1 : diag ? -2 : r->mbs >= half, r->ran ? note : "not run");
}

static void contents_row(const char *what, const struct rebuild *r, const struct figures *f)
{
	char fig[64], note[160];
	snprintf(fig, sizeof fig, "%ld msgs", r->msgs);
	snprintf(note, sizeof note, "%llu of %llu bytes; every body compared", (unsigned long long)r->bytes,
		 (unsigned long long)f->fill.bytes);
	goal(what, r->checked ? fig : "-", "all, exact", r->checked ? (r->ok ? 1 : 3) : -1,
	     r->checked ? note : "not checked");
}

static void summary(const struct figures *f)
{
	char fig[64], tgt[64], note[200];
	double half = f->seq.write_mbs * GOAL_BW_SHARE;
	printf("\nsummary (%.1f MB of messages; sequential write %.1f MB/s, read %.1f MB/s, raw fdatasync %.0f/s)\n",
	       mb(f->fill.bytes), f->seq.write_mbs, f->seq.read_mbs, f->raw.rate);
	printf("  %-40s %-14s %-26s %-7s %s\n", "goal", "figure", "target", "result", "note");
	snprintf(tgt, sizeof tgt, ">= %.1f MB/s (write/2)", half);
	snprintf(fig, sizeof fig, "%.1f MB/s", f->image_mbs);
	snprintf(note, sizeof note, "%.2f s", f->image_s);
	goal("rcdmqimg of the queue", f->image_ran ? fig : "-", tgt,
	     f->image_ran && f->seq.write_ok ? f->image_mbs >= half : -1, f->image_ran ? note : "not run");
	rebuild_row("rcrmqobj of the queue", &f->rcr, tgt, half, 0);
	if (f->image_ran) {
		const struct window *w = &f->during;
		int ok = w->max < GOAL_PAUSE_MS ? 1 :
			 w->sched_max > 0 && w->max <= w->sched_max + MACHINE_SLACK_MS ? 2 : 0;
		snprintf(fig, sizeof fig, "%.1f ms", w->max);
		snprintf(note, sizeof note, "p99 %.2f ms (before: max %.1f, p99 %.2f); a 1 ms sleep %.1f ms late meanwhile",
			 w->p99, f->base.max, f->base.p99, w->sched_max);
		goal("longest probe call during rcdmqimg", fig, "< 20 ms", ok, note);
	} else
		goal("longest probe call during rcdmqimg", "-", "< 20 ms", -1, "not run");
	contents_row("contents after rcrmqobj", &f->rcr, f);
	rebuild_row("store deleted: rebuilt (diagnostic)", &f->lost, tgt, half, 1);
	contents_row("contents after that rebuild", &f->lost, f);
}

/* ---- options, main ------------------------------------------------------------------- */

static void usage(void)
{
	printf("usage: mediabench --bin DIR --data DIR [--mb N] [--size B] [--baseline S] [--probe-gap-us U]\n"
	       "                  [--raw-seconds S] [--warm]\n"
	       "  --bin DIR           the commands (crtmqm, strmqm, rcdmqimg, ...): BUILD/bin\n"
	       "  --data DIR          an empty folder of its own, used as MQ_DATA_PATH\n"
	       "  --mb N              MiB of persistent messages on the queue (1024)\n"
	       "  --size B            every message B bytes (default: 4 KiB to 256 KiB in turn)\n"
	       "  --baseline S        seconds the probe runs alone before rcdmqimg (3)\n"
	       "  --probe-gap-us U    the probe's pause between its put+get+commits (0)\n"
	       "  --raw-seconds S     duration of each limit measurement (2)\n"
	       "  --warm              leave the queue store and the log in the page cache\n"
	       "  --seconds, --no-diag    accepted for BENCH_ARGS; no effect here\n"
	       "  MEDIABENCH_KEEP=1 in the environment: the queue manager is not deleted\n");
}

/* v a whole number in [lo, hi] into *out: 0, or -1. */
static int num_opt(const char *v, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (end == v || *end || errno || n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

static int set_opt(void *arg, const char *a, const char *v)
{
	struct opts *o = arg;
	long gap;
	if (!strcmp(a, "--warm"))
		o->warm = 1;
	else if (!strcmp(a, "--bin"))
		return strlen(v) >= sizeof o->bin || !snprintf(o->bin, sizeof o->bin, "%s", v);
	else if (!strcmp(a, "--data"))
		return strlen(v) >= sizeof o->data - 300 || !snprintf(o->data, sizeof o->data, "%s", v);
	else if (!strcmp(a, "--mb"))
		return num_opt(v, 1, 100000, &o->mb);
	else if (!strcmp(a, "--size"))
		return num_opt(v, 1, MAX_BODY, &o->size);
	else if (!strcmp(a, "--probe-gap-us")) {
		if (num_opt(v, 0, 1000000, &gap))
			return -1;
		o->gap_us = (int)gap;
	} else if (!strcmp(a, "--baseline"))
		return parse_secs(v, &o->baseline);
	else if (!strcmp(a, "--raw-seconds"))
		return parse_secs(v, &o->raw_seconds);
	return 0;   /* --no-diag, --seconds: accepted for BENCH_ARGS, no effect */
}

static const struct bench_cli cli = {
	.prog = "mediabench",
	.flags = (const char *const[]){ "--warm", "--no-diag", NULL },
	.valued = (const char *const[]){ "--bin", "--data", "--mb", "--size", "--baseline", "--probe-gap-us",
					 "--raw-seconds", "--seconds", NULL },
	.set = set_opt,
	.usage = usage,
	.lone_folder = "mediabench makes its own queue manager: bench/mediabench.sh runs it "
		       "(sh bench/mediabench.sh build)",
};

int main(int argc, char **argv)
{
	struct opts o = { .mb = 1024, .baseline = 3, .raw_seconds = 2 };
	int prc = bench_cmdline(&cli, argc, argv, &o);
	if (prc >= 0)
		return prc;
	signal(SIGPIPE, SIG_IGN);
	if (setenv("MQ_DATA_PATH", o.data, 1)) {
		printf("mediabench: setenv: %s\n", strerror(errno));
		return 1;
	}
	struct figures *f = calloc(1, sizeof *f);
	uint8_t *b1 = malloc(MAX_BODY), *b2 = malloc(MAX_BODY);
	if (!f || !b1 || !b2) {
		printf("mediabench: out of memory\n");
		return 1;
	}
	printf("mediabench: media images and media recovery (data folder %s)\n", o.data);
	printf("scale: --mb %ld (the goals are set for 1024: a queue of 1 GiB)\n\n", o.mb);
	/* the disk's limits, in the same run (benchdisk.h) */
	f->raw = raw_sync(o.data, "", 0, o.raw_seconds);
	f->seq = seq_bw(o.data, o.raw_seconds);
	printf("limits of the data folder's file system (%s): sequential write %.1f MB/s (1 MiB writes, %.0f MiB, one "
	       "fdatasync); sequential read %.1f MB/s (%s); raw fdatasync %.0f/s (4 KiB at a fixed offset, p99 %.3f "
	       "ms)\n", fs_name(o.data), f->seq.write_mbs, f->seq.mib, f->seq.read_mbs, f->seq.read_note,
	       f->raw.rate, f->raw.p99);
	broke |= f->raw.failed || f->seq.failed;
	if (!broke)
		run(&o, f, b1, b2);
	summary(f);
	if (broke)
		printf("\nmediabench: something broke (see above)\n");
	free(b1);
	free(b2);
	free(f);
	return broke;
}
