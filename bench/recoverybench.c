/*
 * recoverybench.c: restart recovery and deep queues, beside the disk's own
 * limits measured in the same run.
 *
 * bench/recoverybench.sh makes the throwaway data folder (MQ_DATA_PATH),
 * removes it whatever happens, and runs this program; by hand:
 *   recoverybench --bin BUILD/bin --data DIR [--msgs N] [--replay-mb M]
 *                 [--batch B] [--apps A] [--replay-batch B] [--probe-gap-us U]
 *                 [--raw-seconds S] [--warm] [--no-deep] [--no-replay]
 * DIR must be an empty folder of its own: the program makes and deletes two
 * queue managers in it (QMRBDEEP, QMRBREPLAY) with the commands of --bin.
 *
 * What it measures:
 *   0. the limits of DIR's file system: the raw fdatasync rate (a 4 KiB
 *      pwrite at a fixed offset of a written file, then fdatasync, in a loop
 *      for --raw-seconds), sequential write bandwidth (1 MiB writes into a
 *      new file, up to 512 MiB or --raw-seconds, then one fdatasync; MB/s
 *      over the whole time) and sequential read bandwidth (that file read
 *      back with 1 MiB reads once POSIX_FADV_DONTNEED dropped it from the
 *      page cache, checked with mincore), as logbench measures them
 *      (bench/benchdisk.h, which mqbench shares).
 *   1. deep queue: QMRBDEEP, made by crtmqm with its defaults; --apps (2)
 *      applications put --msgs (1,000,000) persistent 1 KiB messages of
 *      incompressible bytes onto queue RB.DEEP under syncpoint, MQCMIT every
 *      --batch (1000).  Meanwhile a probe application puts 256 B persistent
 *      messages onto RB.PROBE, each with its own MQCMIT, pausing
 *      --probe-gap-us (2000) between them (after a second alone, which says
 *      what one of its put+commits writes).  Printed: the load rate; the
 *      daemon's wchar and write_bytes (/proc/PID/io) over the load, and the
 *      block device's sectors written (every process's), each divided by the
 *      message bytes stored; its VmRSS and VmHWM (/proc/PID/status) before
 *      and after, per message, and projected to 5,000,000 messages; the
 *      latencies of the loaders' MQPUTs and MQCMITs and of the probe's
 *      put+commit (max and p99).  wchar is the figure judged: the log and
 *      the queue files are written with whole pages, so it is what reaches
 *      the disk; write_bytes counts a whole page-cache folio (up to 1 MiB on
 *      ext4 since Linux 6.16) each time a write dirties a clean one.
 *   2. restart after kill -9: SIGKILL to the daemon right after the load
 *      (the applications have disconnected), then, unless --warm, every file
 *      of the queue manager is synced and dropped from the page cache
 *      (POSIX_FADV_DONTNEED; as after a machine crash), then strmqm is timed
 *      until it returns, and MQCONN until it works; the phases come from the
 *      times at which strmqm printed its lines.  The depths of RB.DEEP and
 *      RB.PROBE must then be --msgs and the probe's committed puts: any
 *      other depth is a lost (or invented) message and the program exits 1.
 *      Then endmqm -w: this program is the child subreaper of the queue
 *      manager's process (prctl), so that process stays a zombie until it is
 *      reaped here and its /proc/PID/io holds its final counters: the
 *      restart's and the final checkpoint's writes are read there (less
 *      2b's, read around it).
 *  2b. compaction with a deep queue, before that endmqm: --apps applications
 *      get half of RB.DEEP (oldest first, under syncpoint, MQCMIT every
 *      --batch; bodies read back from the store, the cache dropped) while
 *      the probe and the machine alone (bench/benchprobe.h) run: the store
 *      deletes the segments they empty, a bounded step at a time.  Then one
 *      application browses on and gets two of every three messages under
 *      the cursor (a sixth of RB.DEEP): the store copies the live third of
 *      those segments out before it deletes them.  Printed for each: the
 *      drainers' MQGET and MQCMIT, the probe's put+commit (max, p99).
 *   3. replay rate: QMRBREPLAY, made with a log that takes no checkpoint for
 *      log use (primary files sized so that half of them is 2.6 times
 *      --replay-mb) and Tuning CheckpointOps=10000000, CheckpointSeconds=86400
 *      (their maxima).  --apps applications loop over batches of
 *      --replay-batch (100) persistent 1 KiB puts, MQCMIT, as many gets,
 *      MQCMIT (the queue stays small) until the log holds --replay-mb (1000)
 *      MB past its restart LSN (the seal file's synced end, log/logseal.h,
 *      read as they run); kill -9; the log's files dropped from the page
 *      cache; the log read once by log/logread.c from the restart LSN of the
 *      control file to its end (the bytes to replay, and the reader's own
 *      rate as a diagnostic); everything dropped again; strmqm timed.  Replay
 *      MB/s is the log's bytes from the restart LSN to its end over strmqm's
 *      time (the replay phase alone, from strmqm's lines, as a diagnostic).
 *      RB.PAIRS must be empty after the restart (every get was committed).
 *   4. the goals, PASS or MISS: bytes written per byte stored <= 3 (wchar of
 *      the load, the restart and the final checkpoint together; the load
 *      alone is printed too); 5,000,000 x 1 KiB under 1 GB resident
 *      (projected, and measured when --msgs is 5,000,000 or more); the
 *      longest probe put+commit and the longest loader commit under 20 ms;
 *      restart after kill -9 until MQCONN works under 3 s (the goal is set
 *      for 1,000,000 messages); no message lost; replay at half the
 *      sequential read bandwidth or better.
 *
 * A benchmark, not a test: it exits 0 whether the goals are met or not, and
 * 1 only when something broke (a command or an MQI call failed, a message
 * was lost, an I/O error, bad options).  Given only a folder (as bench/run.sh
 * calls every benchmark) it says that recoverybench.sh runs it and exits 0.
 */
#include "bench/benchcmd.h"
#include "bench/benchdisk.h"
#include "bench/benchprobe.h"
#include "bench/rbapps.h"
#include "cmqc.h"
#include "log/logread.h"
#include "log/logseal.h"
#include "qm/home/qmgr.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define QM_DEEP "QMRBDEEP"
#define QM_REPLAY "QMRBREPLAY"
#define Q_DEEP "RB.DEEP"
#define Q_PROBE "RB.PROBE"
#define Q_PAIRS "RB.PAIRS"
#define PAIR_LOG_EST 1500   /* log bytes of a 1 KiB put+get pair, roughly */
#define GOAL_AMPL 3.0
#define GOAL_RSS_MSGS 5000000.0
#define GOAL_RSS_BYTES (1024.0 * 1024 * 1024)
#define GOAL_PAUSE_MS 20.0
/* A pause at or over the goal is the machine's (summary: MACHINE) when the
 * machine alone showed a stall this close to it in the same run. */
#define MACHINE_SLACK_MS 5.0
#define GOAL_RESTART_S 3.0
#define GOAL_RESTART_MSGS 1000000L

struct opts {
	char bin[PATH_MAX], data[PATH_MAX];
	long msgs, replay_mb;
	int batch, apps, replay_batch, probe_gap_us;
	double raw_seconds;
	int warm, deep, replay;
};

/* RECOVERYBENCH_KEEP=1: the queue managers are not deleted (recoverybench.sh
 * then keeps the folder too). */
static int keep(void)
{
	const char *k = getenv("RECOVERYBENCH_KEEP");
	return k && !strcmp(k, "1");
}

static double mb(uint64_t bytes)
{
	return (double)bytes / 1e6;
}

/* The running queue manager's process id (-1 when it is not running). */
static pid_t qm_pid(const char *qm, struct qm_paths *paths)
{
	char err[512];
	enum qm_status s;
	pid_t pid;
	if (qmgr_locate(qm, paths, err, sizeof err) != 0) {
		fail("cannot find queue manager %s: %s", qm, err);
		return -1;
	}
	if (qmgr_status(paths, &s, &pid) != 0 || s != QMS_RUNNING || pid <= 0) {
		fail("queue manager %s is not running (%s)", qm, qmgr_status_text(s));
		return -1;
	}
	return pid;
}

/* Set Key=value in the Tuning stanza of a qm.ini (the key is there: crtmqm
 * writes every key). */
static int ini_set(const char *path, const char *key, long value)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char *out = NULL;
	size_t olen = 0;
	FILE *o = open_memstream(&out, &olen);
	char line[4096];
	int done = 0;
	size_t kl = strlen(key);
	while (o && fgets(line, sizeof line, f)) {
		const char *p = line + strspn(line, " \t");
		if (!strncasecmp(p, key, kl) && p[kl + strspn(p + kl, " \t")] == '=') {
			fprintf(o, "   %s=%ld\n", key, value);
			done = 1;
		} else
			fputs(line, o);
	}
	fclose(f);
	if (!o)
		return -1;
	fclose(o);
	int rc = -1;
	if (done && (f = fopen(path, "w")) != NULL) {
		rc = fwrite(out, 1, olen, f) == olen ? 0 : -1;
		if (fclose(f))
			rc = -1;
	}
	free(out);
	return rc;
}

/* Bytes the block device holding the data folder has written since boot,
 * every process's; 0 unknown. */
static char devstat[96];

static uint64_t dev_written(void)
{
	int64_t sectors = devstat_field(devstat, DEVSTAT_SECTORS_WRITTEN);
	return sectors > 0 ? (uint64_t)sectors * 512 : 0;
}

/* ---- the page cache ------------------------------------------------------------ */

static uint64_t drop_bytes, drop_cached;

static int drop_file(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)ftw;
	if (type != FTW_F || !S_ISREG(sb->st_mode) || !sb->st_size)
		return 0;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	fdatasync(fd);   /* a killed process may have left dirty pages */
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	drop_bytes += (uint64_t)sb->st_size;
	drop_cached += cached_bytes(fd, (uint64_t)sb->st_size);
	close(fd);
	return 0;
}

/* Drop every file under the folders from the page cache; returns the
 * percentage of their bytes that stayed cached. */
static double drop_cache(const char *d1, const char *d2)
{
	drop_bytes = drop_cached = 0;
	nftw(d1, drop_file, 16, FTW_PHYS);
	if (d2 && strcmp(d1, d2) != 0)
		nftw(d2, drop_file, 16, FTW_PHYS);
	return drop_bytes ? 100.0 * (double)drop_cached / (double)drop_bytes : 0;
}

/* What a restart after kill -9 took: strmqm until it returned, until MQCONN
 * worked, and its log replay phase (strmqm's lines; -1 unknown). */
struct restart {
	double strmqm_s, conn_s, phase_s;
	long long records;
};

/* ---- the figures --------------------------------------------------------------------- */

/* The machine alone during a phase (benchprobe.h; 0: not measured). */
struct alone {
	double disk_max, disk_p99;        /* the disk probe */
	double sched_max, sched_p99;      /* the scheduler probe's lateness */
};

struct figures {
	struct raw_result raw;            /* 0. the limits */
	struct seq_result seq;
	/* 1. deep queue */
	int deep_ran;
	long msgs, probe_msgs, backouts;
	long probe_cal_msgs;              /* the probe's puts while it ran alone */
	double probe_wc;                  /* wchar per probe put+commit, alone */
	uint64_t dev_load;                /* the device's bytes written during the load (0: unknown) */
	double load_s, load_rate;
	uint64_t stored;                  /* message bytes stored */
	struct pio io0, io1;              /* daemon before and after the load */
	struct pmem mem0, mem1, mem_restart;
	double cmt_max, cmt_p99, put_max, put_p99, probe_max, probe_p99, probe_p50;
	struct alone load_alone;          /* the machine alone during the load */
	double sched_idle;                /* its longest before the load, the machine idle */
	/* 2. restart */
	int restart_ran;
	double cached_pct;                /* of the queue manager's files, after the drop */
	struct restart restart;
	long depth, probe_depth;
	int lost;
	struct pio io_start, io_end;      /* restarted daemon: after the start, at its exit */
	int end_io_ok;
	/* 2b. compaction: half the deep queue got */
	struct drainfig {                 /* [0] oldest first, [1] sparse */
		int ran;
		long got, probe_msgs;
		double s, get_max, get_p99, cmt_max, cmt_p99, probe_max, probe_p99;
		struct alone alone;
	} drain[2];
	uint64_t drain_wchar;             /* the daemon's writes during 2b */
	/* 3. replay */
	int replay_ran;
	uint64_t replay_bytes, replay_written;
	struct restart replayed;
	double replay_mbs, reader_mbs, replay_cached_pct;
	long replay_pairs;
	int replay_lp, replay_lf;
};

static void print_limits(struct figures *f, const struct opts *o)
{
	printf("limits of the data folder's file system (%s, %s)\n", o->data, fs_name(o->data));
	f->raw = raw_sync(o->data, "", 0, o->raw_seconds);
	if (f->raw.ok)
		printf("  raw fdatasync, 4 KiB write at a fixed offset      %9.0f /s   p99 %.3f ms\n", f->raw.rate,
		       f->raw.p99);
	f->seq = seq_bw(o->data, o->raw_seconds);
	if (f->seq.write_ok)
		printf("  sequential write, 1 MiB writes + one fdatasync    %9.1f MB/s (%.0f MiB)\n", f->seq.write_mbs,
		       f->seq.mib);
	if (f->seq.read_ok)
		printf("  sequential read, 1 MiB reads                      %9.1f MB/s (%s)\n", f->seq.read_mbs,
		       f->seq.read_note);
	else if (f->seq.write_ok)
		printf("  sequential read: %s\n", f->seq.read_note);
	if (f->raw.failed || f->seq.failed)
		broke = 1;
	fflush(stdout);
}

/* ---- 1 and 2: the deep queue, and its restart after kill -9 ------------------------- */

static struct cmd *cmd_new(void)
{
	struct cmd *c = malloc(sizeof *c);
	if (!c)
		fail("out of memory");
	return c;
}

/* kill -9 of the queue manager's process *pid (if any), reaped; *pid is -1
 * after.  0, or -1 (said) when it did not end. */
static int kill9(pid_t *pid)
{
	pid_t p = *pid;
	*pid = -1;
	if (p <= 0)
		return 0;
	kill(p, SIGKILL);
	if (reap(p) == 0)
		return 0;
	fail("the queue manager's process %d did not end after SIGKILL", (int)p);
	return -1;
}

static int start_qm(const struct opts *o, const char *qm, struct cmd *c, struct qm_paths *paths, pid_t *pid)
{
	if (must("strmqm", c, run_in(o->bin, c, NULL, "strmqm", qm, NULL)))
		return -1;
	*pid = qm_pid(qm, paths);
	return *pid > 0 ? 0 : -1;
}

/* endmqm -w, then the final counters of the process, read while it is a
 * zombie (ours to reap).  Returns 1 when they were read at its exit. */
static int end_qm(const struct opts *o, const char *qm, pid_t pid, struct pio *io)
{
	struct cmd *c = cmd_new();
	int got = 0;
	if (!c)
		return 0;
	if (must("endmqm -w", c, run_in(o->bin, c, NULL, "endmqm", "-w", qm, NULL)) == 0 && pid > 0) {
		for (int i = 0; i < 1000 && proc_state(pid) && proc_state(pid) != 'Z'; i++)
			usleep(1000);
		if (proc_state(pid) == 'Z') {
			*io = proc_io(pid);
			got = io->ok;
		}
	}
	if (pid > 0)
		reap(pid);
	free(c);
	return got;
}

/* strmqm after kill -9, timed, and MQCONN until it works (*hc).  0, or -1
 * (said) when strmqm failed. */
static int restart_timed(const struct opts *o, struct cmd *c, const char *qm, struct restart *r, MQHCONN *hc)
{
	int rc = run_in(o->bin, c, NULL, "strmqm", qm, NULL);
	r->strmqm_s = (double)(c->t1 - c->t0) / 1e9;
	if (must("strmqm after kill -9", c, rc))
		return -1;
	*hc = connect_retry(qm);
	r->conn_s = (double)(now_ns() - c->t0) / 1e9;
	r->phase_s = line_at(c, "during the log replay phase");
	r->records = number_of(c, "during the log replay phase");
	return 0;
}

/* The end of a part: its queue manager killed if it still runs (pid > 0),
 * then deleted unless RECOVERYBENCH_KEEP=1. */
static void part_end(const struct opts *o, struct cmd *c, const char *qm, pid_t pid)
{
	kill9(&pid);
	if (!keep())
		run_in(o->bin, c, NULL, "dltmqm", qm, NULL);
	free(c);
	fflush(stdout);
}

/* A probe's latencies: their max and p99 in ms (left 0 when it failed or
 * has none), then freed. */
static void lat_figures(struct lat *l, int failed, double *max, double *p99)
{
	if (!failed && l->n) {
		lat_sort(l);
		*max = lat_max_ms(l);
		*p99 = pct_ms(l, 99);
	}
	free(l->v);
}

/* Run apps[0..nwork) with work and apps[nwork] (the probe) until the workers
 * end, beside the machine alone (benchprobe.h): *al gets what it showed,
 * [*t0, *t1) the workers' time. */
static void run_apps(const struct opts *o, struct app *apps, int nwork, void *(*work)(void *),
		     pthread_barrier_t *go, atomic_int *stop, struct alone *al, uint64_t *t0, uint64_t *t1)
{
	memset(al, 0, sizeof *al);
	for (int i = 0; i <= nwork; i++)
		if (pthread_create(&apps[i].th, NULL, i < nwork ? work : probe_main, &apps[i])) {
			/* cannot happen with 3 threads; never leave the barrier waiting */
			fail("pthread_create failed");
			exit(1);
		}
	pthread_barrier_wait(go);
	struct diskprobe dp = { .dir = o->data, .gap_us = o->probe_gap_us, .stop = stop };
	int dp_ok = pthread_create(&dp.th, NULL, diskprobe_main, &dp) == 0;
	struct schedprobe sp = { .stop = stop };
	int sp_ok = pthread_create(&sp.th, NULL, schedprobe_main, &sp) == 0;
	*t0 = *t1 = now_ns();
	for (int i = 0; i < nwork; i++) {
		pthread_join(apps[i].th, NULL);
		if (apps[i].end_ns > *t1)
			*t1 = apps[i].end_ns;
	}
	atomic_store(stop, 1);
	pthread_join(apps[nwork].th, NULL);
	if (dp_ok) {
		pthread_join(dp.th, NULL);
		lat_figures(&dp.op, dp.failed, &al->disk_max, &al->disk_p99);
	}
	if (sp_ok) {
		pthread_join(sp.th, NULL);
		lat_figures(&sp.late, sp.failed, &al->sched_max, &al->sched_p99);
	}
}

/* nwork applications on queue sharing total messages (count each, in
 * batches of o->batch) and a probe on Q_PROBE, all on QM_DEEP, released by
 * *go (initialized here); NULL when out of memory (said). */
static struct app *apps_new(const struct opts *o, int nwork, const char *queue, long total, pthread_barrier_t *go,
			    atomic_int *stop)
{
	atomic_store(stop, 0);
	struct app *apps = calloc((size_t)nwork + 1, sizeof *apps);
	if (!apps || pthread_barrier_init(go, NULL, (unsigned)nwork + 2)) {
		fail("out of memory");
		free(apps);
		return NULL;
	}
	for (int i = 0; i <= nwork; i++) {
		struct app *a = &apps[i];
		a->id = i;
		a->qm = QM_DEEP;
		a->go = go;
		a->queue = i < nwork ? queue : Q_PROBE;
		a->count = i < nwork ? total / nwork + (i < total % nwork) : 0;
		a->batch = o->batch;
		a->stop = stop;
		a->gap_us = o->probe_gap_us;
	}
	return apps;
}

/* What a phase's applications did (apps_collect). */
struct phase {
	int bad;                 /* an application failed (reported) */
	long done, probe_done, backouts;
	double op_max, op_p99, cmt_max, cmt_p99;       /* the workers' timed verb (put field), MQCMIT */
	double probe_max, probe_p99, probe_p50;
};

/* Report apps[0..nwork] (the last is the probe), gather their figures, free
 * them. */
static struct phase apps_collect(struct app *apps, int nwork, const char *role)
{
	struct phase ph = { 0 };
	struct lat op = { 0 }, cmt = { 0 };
	for (int i = 0; i <= nwork; i++) {
		ph.bad |= app_report(&apps[i], i < nwork ? role : "probe");
		lat_merge(&op, &apps[i].put);
		lat_merge(&cmt, &apps[i].cmt);
		ph.backouts += apps[i].backouts;
		if (i < nwork)
			ph.done += apps[i].done;
	}
	struct app *pr = &apps[nwork];
	ph.probe_done = pr->done;
	lat_sort(&op);
	lat_sort(&cmt);
	lat_sort(&pr->op);
	ph.op_max = lat_max_ms(&op);
	ph.op_p99 = pct_ms(&op, 99);
	ph.cmt_max = lat_max_ms(&cmt);
	ph.cmt_p99 = pct_ms(&cmt, 99);
	ph.probe_max = lat_max_ms(&pr->op);
	ph.probe_p99 = pct_ms(&pr->op, 99);
	ph.probe_p50 = pct_ms(&pr->op, 50);
	for (int i = 0; i <= nwork; i++) {
		free(apps[i].put.v);
		free(apps[i].cmt.v);
		free(apps[i].op.v);
	}
	free(op.v);
	free(cmt.v);
	free(apps);
	return ph;
}

static void drain(const struct opts *o, struct figures *f, int sparse);

static void deep(const struct opts *o, struct figures *f)
{
	struct cmd *c = cmd_new();
	struct qm_paths paths;
	pid_t pid = -1;
	char mqsc[512];
	if (!c)
		return;
	printf("\n1. deep queue: %ld persistent %d B messages onto %s, MQCMIT every %d, from %d application%s\n",
	       o->msgs, MSG_SIZE, Q_DEEP, o->batch, o->apps, o->apps == 1 ? "" : "s");
	printf("   queue manager %s made by crtmqm with its defaults (qm.ini: log, CheckpointOps, ...)\n", QM_DEEP);
	if (must("crtmqm", c, run_in(o->bin, c, NULL, "crtmqm", QM_DEEP, NULL)) ||
	    start_qm(o, QM_DEEP, c, &paths, &pid))
		goto out;
	snprintf(mqsc, sizeof mqsc,
		 "DEFINE QLOCAL(%s) MAXDEPTH(999999999) MAXMSGL(4194304) REPLACE\n"
		 "DEFINE QLOCAL(%s) MAXDEPTH(999999999) REPLACE\n", Q_DEEP, Q_PROBE);
	if (must("runmqsc", c, run_in(o->bin, c, mqsc, "runmqsc", QM_DEEP, NULL)))
		goto out;

	pthread_barrier_t go;
	atomic_int stop;
	struct app *apps = apps_new(o, o->apps, Q_DEEP, o->msgs, &go, &stop);
	if (!apps)
		goto out;
	printf("   the data folder's device quiet after %.1f s (bench/recoverybench.c settle)\n", settle(o->data));
	fflush(stdout);
	f->sched_idle = sched_idle_ms(SCHED_IDLE_S);
	printf("   the machine idle: a 1 ms sleep woke up to %.1f ms late in %.0f s\n", f->sched_idle, SCHED_IDLE_S);
	fflush(stdout);
	/* the probe alone for a second: what one of its put+commits writes */
	{
		pthread_barrier_t g1;
		atomic_int st1;
		atomic_store(&st1, 0);
		struct app *p1 = calloc(1, sizeof *p1);
		if (!p1 || pthread_barrier_init(&g1, NULL, 2)) {
			fail("out of memory");
			free(p1);
			goto out;
		}
		p1->qm = QM_DEEP;
		p1->queue = Q_PROBE;
		p1->go = &g1;
		p1->stop = &st1;
		p1->gap_us = o->probe_gap_us;
		struct pio a0 = proc_io(pid);
		if (pthread_create(&p1->th, NULL, probe_main, p1)) {
			fail("pthread_create failed");
			exit(1);
		}
		pthread_barrier_wait(&g1);
		usleep(1000000);
		atomic_store(&st1, 1);
		pthread_join(p1->th, NULL);
		struct pio a1 = proc_io(pid);
		pthread_barrier_destroy(&g1);
		f->probe_cal_msgs = p1->done;
		if (p1->done && a0.ok && a1.ok)
			f->probe_wc = (double)(a1.wchar - a0.wchar) / (double)p1->done;
		int pbad = app_report(p1, "probe");
		free(p1->op.v);
		free(p1);
		if (pbad) {
			free(apps);
			goto out;
		}
	}
	f->mem0 = proc_mem(pid);
	f->io0 = proc_io(pid);
	uint64_t dev0 = dev_written();
	uint64_t t0, t1;
	run_apps(o, apps, o->apps, loader_main, &go, &stop, &f->load_alone, &t0, &t1);
	pthread_barrier_destroy(&go);
	f->io1 = proc_io(pid);
	f->mem1 = proc_mem(pid);
	uint64_t dev1 = dev_written();
	f->dev_load = dev0 && dev1 > dev0 ? dev1 - dev0 : 0;

	struct phase ph = apps_collect(apps, o->apps, "loader");
	f->msgs = ph.done;
	f->backouts = ph.backouts;
	f->probe_msgs = ph.probe_done;
	f->deep_ran = !ph.bad;
	f->load_s = (double)(t1 - t0) / 1e9;
	f->load_rate = (double)f->msgs / f->load_s;
	f->stored = (uint64_t)f->msgs * MSG_SIZE + (uint64_t)f->probe_msgs * PROBE_SIZE;
	f->put_max = ph.op_max;
	f->put_p99 = ph.op_p99;
	f->cmt_max = ph.cmt_max;
	f->cmt_p99 = ph.cmt_p99;
	f->probe_max = ph.probe_max;
	f->probe_p99 = ph.probe_p99;
	f->probe_p50 = ph.probe_p50;
	if (ph.bad)
		goto out;

	uint64_t wb = f->io1.write_bytes - f->io0.write_bytes, wc = f->io1.wchar - f->io0.wchar;
	printf("   load: %ld messages in %.1f s = %.0f msgs/s (%.1f MB/s of message data; sequential write limit "
	       "%.1f MB/s)\n", f->msgs, f->load_s, f->load_rate, mb((uint64_t)f->msgs * MSG_SIZE) / f->load_s,
	       f->seq.write_mbs);
	if (f->backouts)
		printf("   the queue manager backed out %ld units of work (log full?); the applications did them again\n",
		       f->backouts);
	printf("   probe: %ld put+commits of %d B on %s, %d us apart", f->probe_msgs, PROBE_SIZE, Q_PROBE,
	       o->probe_gap_us);
	if (f->probe_wc > 0)
		printf("; alone (1 s before the load) each wrote %.1f KiB (wchar): ~%.1f MB of the load's writes are "
		       "the probe's", f->probe_wc / 1024, mb((uint64_t)(f->probe_wc * (double)f->probe_msgs)));
	printf("\n");
	if (f->io0.ok && f->io1.ok) {
		double st = (double)f->stored;
		printf("   daemon's writes during the load (/proc/%d/io), for %.1f MB of message data stored:\n", (int)pid,
		       mb(f->stored));
		printf("     wchar        %9.1f MB = %6.2f per byte stored (%llu write calls; %.0f MB/s)\n", mb(wc),
		       (double)wc / st, (unsigned long long)(f->io1.syscw - f->io0.syscw), mb(wc) / f->load_s);
		printf("     write_bytes  %9.1f MB = %6.2f per byte stored", mb(wb), (double)wb / st);
		if (wb > 2 * wc)
			printf(" (counts a whole page-cache folio each time a write dirties it: see bench/README.md)");
		printf("\n");
		if (f->dev_load)
			printf("     the device   %9.1f MB = %6.2f per byte stored (every process's writes to %s)\n",
			       mb(f->dev_load), (double)f->dev_load / st, devstat);
	} else {
		printf("   /proc/%d/io could not be read: bytes written not measured\n", (int)pid);
	}
	if (f->mem0.ok && f->mem1.ok) {
		double per = ((double)f->mem1.rss - (double)f->mem0.rss) / (double)(f->msgs ? f->msgs : 1);
		printf("   daemon's memory: VmRSS %.1f MB before the load, %.1f MB after (VmHWM %.1f MB): %.0f B per "
		       "message\n", mb(f->mem0.rss), mb(f->mem1.rss), mb(f->mem1.hwm), per);
	}
	printf("   latencies during the load: loaders' MQCMIT (%d messages) max %.1f ms, p99 %.1f ms; loaders' "
	       "MQPUT max %.1f ms, p99 %.3f ms\n", o->batch, f->cmt_max, f->cmt_p99, f->put_max, f->put_p99);
	printf("   probe put+commit: max %.1f ms, p99 %.2f ms, p50 %.2f ms (raw fdatasync p99 %.2f ms)\n",
	       f->probe_max, f->probe_p99, f->probe_p50, f->raw.p99);
	if (f->load_alone.disk_max > 0)
		printf("   the disk alone during the load (4 KiB pwrite + fdatasync in the data folder, %d us apart): "
		       "max %.1f ms, p99 %.2f ms\n", o->probe_gap_us, f->load_alone.disk_max, f->load_alone.disk_p99);
	if (f->load_alone.sched_max > 0)
		printf("   the scheduler alone during the load (a thread's 1 ms sleeps, how late it woke): max %.1f ms, "
		       "p99 %.2f ms\n", f->load_alone.sched_max, f->load_alone.sched_p99);
	fflush(stdout);

	/* 2. kill -9 right after the load, and the restart */
	printf("\n2. restart after kill -9 of %s with %ld messages on %s\n", QM_DEEP, f->msgs, Q_DEEP);
	if (kill9(&pid))
		goto out;
	if (!o->warm) {
		f->cached_pct = drop_cache(paths.data_dir, paths.log_dir);
		printf("   the queue manager's files (%.1f MB) synced and dropped from the page cache: %.0f%% stayed "
		       "cached\n", mb(drop_bytes), f->cached_pct);
	} else {
		printf("   --warm: the page cache left as the kill left it\n");
	}
	MQHCONN hc;
	if (restart_timed(o, c, QM_DEEP, &f->restart, &hc))
		goto out;
	pid = qm_pid(QM_DEEP, &paths);
	if (pid > 0) {
		f->io_start = proc_io(pid);
		f->mem_restart = proc_mem(pid);
	}
	if (hc == MQHC_UNUSABLE_HCONN)
		goto out;
	f->depth = depth_of(hc, Q_DEEP);
	f->probe_depth = depth_of(hc, Q_PROBE);
	MQLONG cc, mrc;
	MQDISC(&hc, &cc, &mrc);
	f->restart_ran = 1;
	printf("   strmqm returned after %.2f s; MQCONN worked after %.2f s", f->restart.strmqm_s, f->restart.conn_s);
	if (f->restart.phase_s >= 0)
		printf(" (log replay phase, %lld records, ended at %.2f s)", f->restart.records, f->restart.phase_s);
	printf("\n");
	if (f->io_start.ok)
		printf("   restart's I/O: wchar %.1f MB (write_bytes %.1f MB); read_bytes %.1f MB (rchar %.1f MB)\n",
		       mb(f->io_start.wchar), mb(f->io_start.write_bytes), mb(f->io_start.read_bytes),
		       mb(f->io_start.rchar));
	if (f->mem_restart.ok)
		printf("   daemon's memory after the restart: VmRSS %.1f MB, VmHWM %.1f MB\n", mb(f->mem_restart.rss),
		       mb(f->mem_restart.hwm));
	long probe_all = f->probe_msgs + f->probe_cal_msgs;
	f->lost = f->depth != f->msgs || f->probe_depth != probe_all;
	printf("   depth of %s: %ld (%ld put and committed); of %s: %ld (%ld)\n", Q_DEEP, f->depth, f->msgs, Q_PROBE,
	       f->probe_depth, probe_all);
	if (f->lost)
		fail("messages lost or invented across kill -9: the depths differ from what was committed");
	else {
		struct pio d0 = proc_io(pid);
		drain(o, f, 0);
		drain(o, f, 1);
		struct pio d1 = proc_io(pid);
		if (d0.ok && d1.ok)
			f->drain_wchar = d1.wchar - d0.wchar;   /* not in bytes-per-byte-stored */
	}
	f->end_io_ok = end_qm(o, QM_DEEP, pid, &f->io_end);
	pid = -1;
	if (f->end_io_ok)
		printf("   endmqm -w (final checkpoint): wchar %.1f MB (write_bytes %.1f MB), read at the process's exit\n",
		       mb(f->io_end.wchar - f->io_start.wchar - f->drain_wchar),
		       mb(f->io_end.write_bytes - f->io_start.write_bytes));
	else
		printf("   endmqm -w: the process's counters could not be read at its exit\n");
out:
	part_end(o, c, QM_DEEP, pid);
}

/* 2b. Compaction with a deep queue: o->apps applications get half of it
 * (oldest first, under syncpoint, MQCMIT every o->batch) while the probe and
 * the machine probes run; the queue store deletes the segments they empty,
 * a bounded step at a time between other work.  Then (sparse) one
 * application browses half of the rest and gets two of every three (a
 * sixth of the queue): segments two-thirds dead, whose live records the
 * store copies out before it deletes them. */
static void drain(const struct opts *o, struct figures *f, int sparse)
{
	struct drainfig *d = &f->drain[sparse];
	int napps = sparse ? 1 : o->apps;
	long want = sparse ? f->depth / 6 : f->depth / 2;
	if (want < o->apps)
		return;
	if (sparse)
		printf("   then 1 application browses %ld messages of %s and gets two of every three under the cursor "
		       "(MQCMIT every %d): %ld, the probe meanwhile\n", want * 3 / 2, Q_DEEP, o->batch, want);
	else
		printf("\n2b. compaction: %d applications get %ld of the %ld messages on %s, oldest first (MQCMIT every "
		       "%d), the probe meanwhile\n", o->apps, want, f->depth, Q_DEEP, o->batch);
	pthread_barrier_t go;
	atomic_int stop;
	struct app *apps = apps_new(o, napps, Q_DEEP, want, &go, &stop);
	if (!apps)
		return;
	for (int i = 0; i < napps; i++)
		apps[i].sparse = sparse;
	uint64_t t0, t1;
	run_apps(o, apps, napps, drainer_main, &go, &stop, &d->alone, &t0, &t1);
	struct phase ph = apps_collect(apps, napps, "drainer");
	*d = (struct drainfig){ .ran = !ph.bad, .got = ph.done, .probe_msgs = ph.probe_done, .s = (double)(t1 - t0) / 1e9,
				.get_max = ph.op_max, .get_p99 = ph.op_p99, .cmt_max = ph.cmt_max, .cmt_p99 = ph.cmt_p99,
				.probe_max = ph.probe_max, .probe_p99 = ph.probe_p99, .alone = d->alone };
	printf("   got %ld messages in %.1f s; MQGET max %.1f ms, p99 %.3f ms (bodies read back from the store: the "
	       "page cache was dropped); MQCMIT max %.1f ms, p99 %.1f ms\n", d->got, d->s, d->get_max, d->get_p99,
	       d->cmt_max, d->cmt_p99);
	printf("   probe put+commit: max %.1f ms, p99 %.2f ms (%ld); meanwhile the disk alone max %.1f ms, a 1 ms "
	       "sleep up to %.1f ms late\n", d->probe_max, d->probe_p99, d->probe_msgs, d->alone.disk_max,
	       d->alone.sched_max);
	fflush(stdout);
}

/* How far the log is written and synced: the sealed end LSN of the seal
 * file, rewritten after every flush (log/logseal.h); 0 when unknown. */
static uint64_t sealed_lsn(const char *logdir)
{
	char path[PATH_MAX + 32];
	uint8_t b[LOG_SEAL_SIZE];
	struct log_seal s;
	const char *why;
	snprintf(path, sizeof path, "%s/%s", logdir, LOG_SEAL_NAME);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	int rc = os_pread_full(fd, b, sizeof b, 0, NULL);
	close(fd);
	return rc || logseal_decode(b, sizeof b, &s, &why) ? 0 : s.sealed_lsn;
}

/* The restart LSN in the log's control file; 0 when it cannot be read. */
static uint64_t restart_lsn_of(const char *logdir)
{
	struct log_reader_opts ro = { .start = LOG_START_HEAD };
	struct log_reader *rd;
	char why[512];
	if (log_reader_open(logdir, &ro, &rd, why, sizeof why))
		return 0;
	uint64_t lsn = log_reader_ctl(rd)->restart_lsn;
	log_reader_close(rd);
	return lsn;
}

/* ---- 3. replay rate ------------------------------------------------------------------ */

static void replay(const struct opts *o, struct figures *f)
{
	struct cmd *c = cmd_new();
	struct qm_paths paths;
	pid_t pid = -1;
	char lp[16], lf[16], mqsc[256];
	if (!c)
		return;
	/* no checkpoint for log use: half the primary log is 2.6 x the target,
	 * in about 10 files (each at most 65535 pages) */
	double want = 2.6 * (double)o->replay_mb * 1e6;
	long pages = (long)(want / (10.0 * 4096)) + 1;
	if (pages < 1024)
		pages = 1024;
	if (pages > 65535)
		pages = 65535;
	long files = (long)(want / ((double)pages * 4096)) + 1;
	if (files < 2)
		files = 2;
	if (files > 500) {
		fail("--replay-mb %ld needs more than 500 log files", o->replay_mb);
		free(c);
		return;
	}
	f->replay_lp = (int)files;
	f->replay_lf = (int)pages;
	snprintf(lp, sizeof lp, "%ld", files);
	snprintf(lf, sizeof lf, "%ld", pages);
	printf("\n3. replay rate: about %ld MB of log since the last checkpoint, then kill -9 and strmqm\n",
	       o->replay_mb);
	printf("   queue manager %s: LogPrimaryFiles=%ld x LogFilePages=%ld (%.0f MB), CheckpointOps=10000000, "
	       "CheckpointSeconds=86400; %d applications, batches of %d puts, MQCMIT, %d gets, MQCMIT\n", QM_REPLAY,
	       files, pages, mb((uint64_t)files * (uint64_t)pages * 4096), o->apps, o->replay_batch, o->replay_batch);
	if (must("crtmqm", c, run_in(o->bin, c, NULL, "crtmqm", "-lp", lp, "-ls", "2", "-lf", lf, QM_REPLAY, NULL)))
		goto out;
	char err[512];
	if (qmgr_locate(QM_REPLAY, &paths, err, sizeof err)) {
		fail("cannot find %s: %s", QM_REPLAY, err);
		goto out;
	}
	if (ini_set(paths.qm_ini, "CheckpointOps", 10000000) || ini_set(paths.qm_ini, "CheckpointSeconds", 86400)) {
		fail("cannot set the Tuning keys in %s", paths.qm_ini);
		goto out;
	}
	if (start_qm(o, QM_REPLAY, c, &paths, &pid))
		goto out;
	snprintf(mqsc, sizeof mqsc, "DEFINE QLOCAL(%s) MAXDEPTH(999999999) REPLACE\n", Q_PAIRS);
	if (must("runmqsc", c, run_in(o->bin, c, mqsc, "runmqsc", QM_REPLAY, NULL)))
		goto out;

	pthread_barrier_t go;
	atomic_int stop;
	atomic_store(&stop, 0);
	struct app *apps = calloc((size_t)o->apps, sizeof *apps);
	if (!apps || pthread_barrier_init(&go, NULL, (unsigned)o->apps + 1)) {
		fail("out of memory");
		free(apps);
		goto out;
	}
	for (int i = 0; i < o->apps; i++) {
		apps[i].id = i;
		apps[i].qm = QM_REPLAY;
		apps[i].queue = Q_PAIRS;
		apps[i].batch = o->replay_batch;
		apps[i].go = &go;
		apps[i].stop = &stop;
	}
	struct pio io0 = proc_io(pid), io1;
	uint64_t from = restart_lsn_of(paths.log_dir);
	int by_seal = from && sealed_lsn(paths.log_dir) >= from;
	if (!by_seal)
		printf("   the seal file or the control file cannot be read: the log's size is estimated from the "
		       "messages (%d B each)\n", PAIR_LOG_EST);
	for (int i = 0; i < o->apps; i++)
		if (pthread_create(&apps[i].th, NULL, pairs_main, &apps[i])) {
			fail("pthread_create failed");
			exit(1);
		}
	pthread_barrier_wait(&go);
	uint64_t t0 = now_ns(), target = (uint64_t)o->replay_mb * 1000000u;
	for (;;) {
		usleep(20000);
		uint64_t now = 0;
		int any = 0;
		for (int i = 0; i < o->apps; i++) {
			any |= apps[i].fail_verb != NULL;
			now += (uint64_t)atomic_load(&apps[i].progress) * PAIR_LOG_EST;
		}
		if (by_seal) {
			uint64_t s = sealed_lsn(paths.log_dir);
			now = s > from ? s - from : 0;
		}
		if (now >= target || proc_state(pid) == 0 || proc_state(pid) == 'Z')
			break;
		if (any)
			break;
	}
	atomic_store(&stop, 1);
	int bad = 0;
	for (int i = 0; i < o->apps; i++) {
		pthread_join(apps[i].th, NULL);
		bad |= app_report(&apps[i], "application");
		f->replay_pairs += apps[i].done;
		free(apps[i].put.v);
		free(apps[i].cmt.v);
		free(apps[i].op.v);
	}
	pthread_barrier_destroy(&go);
	free(apps);
	io1 = proc_io(pid);
	double secs = (double)(now_ns() - t0) / 1e9;
	if (bad || !io1.ok)
		goto out;
	f->replay_written = io1.wchar - io0.wchar;
	printf("   written: %ld put+get pairs in %.1f s (%.0f pairs/s); daemon's wchar %.1f MB (%.1f MB/s)\n",
	       f->replay_pairs, secs, (double)f->replay_pairs / secs, mb(f->replay_written),
	       mb(f->replay_written) / secs);
	if (kill9(&pid))
		goto out;

	/* the log's bytes from the restart LSN to its end, and the reader's rate */
	double left = drop_cache(paths.log_dir, NULL);
	struct log_reader_opts ro = { .start = LOG_START_HEAD };
	struct log_reader *rd;
	struct log_reader_end end;
	uint64_t r0 = now_ns();
	if (log_reader_open(paths.log_dir, &ro, &rd, err, sizeof err)) {
		fail("cannot read the log of %s: %s", QM_REPLAY, err);
		goto out;
	}
	uint64_t restart_lsn = log_reader_ctl(rd)->restart_lsn;
	if (log_reader_end(rd, &end)) {
		fail("reading the log of %s: %s", QM_REPLAY, log_reader_error(rd));
		log_reader_close(rd);
		goto out;
	}
	log_reader_close(rd);
	double rs = (double)(now_ns() - r0) / 1e9;
	f->replay_bytes = end.end_lsn > restart_lsn ? end.end_lsn - restart_lsn : 0;
	f->reader_mbs = mb(f->replay_bytes) / rs;
	char l1[24], l2[24];
	printf("   log to replay: restart LSN <%s> to end <%s> = %.1f MB\n", log_lsn_str(restart_lsn, l1),
	       log_lsn_str(end.end_lsn, l2), mb(f->replay_bytes));
	if (restart_lsn > from)
		printf("   note: the restart LSN moved during the run: a checkpoint was taken\n");
	printf("   diag: log/logread.c alone reads it in %.2f s = %.1f MB/s (after dropping the log from the page "
	       "cache: %.0f%% stayed)\n", rs, f->reader_mbs, left);

	f->replay_cached_pct = drop_cache(paths.data_dir, paths.log_dir);
	printf("   the queue manager's files (%.1f MB) dropped from the page cache: %.0f%% stayed cached\n",
	       mb(drop_bytes), f->replay_cached_pct);
	MQHCONN hc;
	if (restart_timed(o, c, QM_REPLAY, &f->replayed, &hc))
		goto out;
	f->replay_mbs = mb(f->replay_bytes) / f->replayed.strmqm_s;
	pid = qm_pid(QM_REPLAY, &paths);
	if (hc == MQHC_UNUSABLE_HCONN)
		goto out;
	long d = depth_of(hc, Q_PAIRS);
	MQLONG cc, mrc;
	MQDISC(&hc, &cc, &mrc);
	f->replay_ran = 1;
	const struct restart *r = &f->replayed;
	printf("   strmqm returned after %.2f s (MQCONN after %.2f s", r->strmqm_s, r->conn_s);
	if (r->phase_s >= 0)
		printf("; %lld records read, log replay phase ended at %.2f s", r->records, r->phase_s);
	printf("): %.1f MB/s replayed (sequential read limit %.1f MB/s)\n", f->replay_mbs, f->seq.read_mbs);
	double first = line_at(c, "starting");
	if (r->phase_s > 0 && first >= 0 && r->phase_s > first)
		printf("   diag: the log replay phase alone (strmqm's lines) %.2f s = %.1f MB/s\n", r->phase_s - first,
		       mb(f->replay_bytes) / (r->phase_s - first));
	printf("   depth of %s after the restart: %ld (every get was committed: 0)\n", Q_PAIRS, d);
	if (d != 0)
		fail("%s holds %ld messages after the restart; every put was got and committed", Q_PAIRS, d);
	struct pio dummy;
	end_qm(o, QM_REPLAY, pid, &dummy);
	pid = -1;
out:
	part_end(o, c, QM_REPLAY, pid);
}

/* ---- summary ---------------------------------------------------------------------------- */

/* ok: -1 not measured, 0 MISS, 1 PASS, 2 MACHINE (pause_result) */
static void row(const char *goal, const char *figure, const char *target, int ok, const char *note)
{
	printf("  %-44s %-22s %-24s %s%s%s\n", goal, figure, target,
	       ok < 0 ? "n/a " : ok == 2 ? "MACHINE" : ok ? "PASS" : "MISS", note && *note ? "  " : "", note ? note : "");
}

/* A longest pause against the goal, beside the longest stall the machine
 * showed alone meanwhile (machine_ms: a bare fdatasync, a thread's sleep). */
static int pause_result(double fig_ms, double machine_ms)
{
	if (fig_ms < GOAL_PAUSE_MS)
		return 1;
	return machine_ms > 0 && fig_ms <= machine_ms + MACHINE_SLACK_MS ? 2 : 0;
}

static void summary(const struct opts *o, const struct figures *f)
{
	char fig[64], tgt[64], note[160];
	printf("\nsummary (each goal beside this run's limits: raw fdatasync %.0f/s, sequential write %.1f MB/s, "
	       "read %.1f MB/s)\n", f->raw.rate, f->seq.write_mbs, f->seq.read_mbs);
	printf("  %-44s %-22s %-24s %s\n", "goal", "figure", "target", "result");
	if (o->deep) {
		if (f->deep_ran && f->io0.ok && f->io1.ok) {
			uint64_t load = f->io1.wchar - f->io0.wchar, all = load;
			int whole = f->restart_ran && f->io_start.ok && f->end_io_ok;
			if (whole)
				all += f->io_end.wchar - f->drain_wchar;   /* the restarted process: start to exit, less 2b */
			double r = (double)all / (double)f->stored;
			snprintf(fig, sizeof fig, "%.2f", r);
			snprintf(note, sizeof note, "wchar; %s; load phase alone %.2f",
				 whole ? "load + restart + final checkpoint" : "load phase only (no final checkpoint read)",
				 (double)load / (double)f->stored);
			row("bytes written per byte stored", fig, "<= 3", r <= GOAL_AMPL, note);
		} else
			row("bytes written per byte stored", "-", "<= 3", -1, "not measured");
		if (f->deep_ran && f->mem0.ok && f->mem1.ok && f->msgs) {
			double per = ((double)f->mem1.rss - (double)f->mem0.rss) / (double)f->msgs;
			double proj = (double)f->mem0.rss + per * GOAL_RSS_MSGS;
			snprintf(fig, sizeof fig, "%.0f MB projected", proj / 1048576);
			snprintf(note, sizeof note, "%.0f B/message over %ld messages", per, f->msgs);
			row("resident memory, 5,000,000 x 1 KiB", fig, "< 1024 MB", proj < GOAL_RSS_BYTES, note);
			if (f->msgs >= (long)GOAL_RSS_MSGS) {
				snprintf(fig, sizeof fig, "%.0f MB VmHWM", (double)f->mem1.hwm / 1048576);
				row("resident memory, measured", fig, "< 1024 MB", (double)f->mem1.hwm < GOAL_RSS_BYTES,
				    NULL);
			}
		} else
			row("resident memory, 5,000,000 x 1 KiB", "-", "< 1024 MB", -1, "not measured");
		if (f->deep_ran) {
			/* beside each: the machine alone meanwhile (bench/README.md) */
			double both = f->load_alone.disk_max > f->load_alone.sched_max ? f->load_alone.disk_max : f->load_alone.sched_max;
			snprintf(fig, sizeof fig, "%.1f ms", f->probe_max);
			snprintf(note, sizeof note, "p99 %.2f ms; meanwhile the disk alone max %.1f ms, a 1 ms sleep %.1f ms late",
				 f->probe_p99, f->load_alone.disk_max, f->load_alone.sched_max);
			row("longest pause: probe put+commit", fig, "< 20 ms", pause_result(f->probe_max, both), note);
			snprintf(fig, sizeof fig, "%.1f ms", f->put_max);
			snprintf(note, sizeof note, "p99 %.2f ms; waits for no disk; meanwhile a 1 ms sleep %.1f ms late",
				 f->put_p99, f->load_alone.sched_max);
			row("longest pause: loaders' MQPUT", fig, "< 20 ms", pause_result(f->put_max, f->load_alone.sched_max), note);
			snprintf(fig, sizeof fig, "%.1f ms", f->cmt_max);
			snprintf(note, sizeof note, "p99 %.1f ms; meanwhile the disk alone max %.1f ms, a 1 ms sleep %.1f ms late",
				 f->cmt_p99, f->load_alone.disk_max, f->load_alone.sched_max);
			row("longest pause: loaders' MQCMIT", fig, "< 20 ms", pause_result(f->cmt_max, both), note);
			if (f->sched_idle > 0)
				printf("  (the machine idle before the load: a 1 ms sleep woke up to %.1f ms late in %.0f s)\n",
				       f->sched_idle, SCHED_IDLE_S);
		}
		for (int k = 0; k < 2; k++) {
			const struct drainfig *d = &f->drain[k];
			if (!d->ran)
				continue;
			const struct alone *al = &d->alone;
			double both = al->disk_max > al->sched_max ? al->disk_max : al->sched_max;
			char what[64];
			snprintf(what, sizeof what, "longest pause in compaction%s: probe", k ? " (sparse)" : "");
			snprintf(fig, sizeof fig, "%.1f ms", d->probe_max);
			snprintf(note, sizeof note, "p99 %.2f ms; meanwhile the disk alone max %.1f ms, a 1 ms sleep %.1f ms late",
				 d->probe_p99, al->disk_max, al->sched_max);
			row(what, fig, "< 20 ms", pause_result(d->probe_max, both), note);
			snprintf(what, sizeof what, "longest pause in compaction%s: MQCMIT", k ? " (sparse)" : "");
			snprintf(fig, sizeof fig, "%.1f ms", d->cmt_max);
			snprintf(note, sizeof note, "p99 %.1f ms; %ld got from the deep queue%s", d->cmt_p99, d->got,
				 k ? ", two of every three" : ", oldest first");
			row(what, fig, "< 20 ms", pause_result(d->cmt_max, both), note);
		}
		if (f->restart_ran) {
			snprintf(fig, sizeof fig, "%.2f s", f->restart.conn_s);
			snprintf(note, sizeof note, "%s; strmqm %.2f s; %ld messages (the goal is for 1,000,000)",
				 o->warm ? "warm cache" : "cache dropped", f->restart.strmqm_s, f->msgs);
			row("restart after kill -9 until MQCONN", fig, "< 3 s", f->restart.conn_s < GOAL_RESTART_S, note);
			snprintf(fig, sizeof fig, "%ld of %ld", f->depth, f->msgs);
			row("messages kept across kill -9", fig, "all", !f->lost, f->lost ? "BROKEN" : NULL);
		} else
			row("restart after kill -9", "-", "< 3 s", -1, "not run");
	}
	if (o->replay) {
		if (f->replay_ran && f->seq.read_ok) {
			snprintf(fig, sizeof fig, "%.1f MB/s", f->replay_mbs);
			snprintf(tgt, sizeof tgt, ">= %.1f MB/s (read/2)", f->seq.read_mbs / 2);
			snprintf(note, sizeof note, "%.1f MB replayed in %.2f s", mb(f->replay_bytes), f->replayed.strmqm_s);
			row("replay rate", fig, tgt, f->replay_mbs >= f->seq.read_mbs / 2, note);
		} else
			row("replay rate", f->replay_ran ? "-" : "not run", ">= read/2", -1,
			    f->replay_ran ? "sequential read not measured" : NULL);
	}
}

/* ---- options, main ------------------------------------------------------------------- */

static void usage(void)
{
	printf("usage: recoverybench --bin DIR --data DIR [--msgs N] [--replay-mb M] [--batch B] [--apps A]\n"
	       "                     [--replay-batch B] [--probe-gap-us U] [--raw-seconds S] [--warm]\n"
	       "                     [--no-deep] [--no-replay]\n"
	       "  --bin DIR           the commands (crtmqm, strmqm, ...): BUILD/bin\n"
	       "  --data DIR          an empty folder of its own, used as MQ_DATA_PATH\n"
	       "  --msgs N            messages on the deep queue (1000000)\n"
	       "  --replay-mb M       MB of log to replay (1000)\n"
	       "  --batch B           deep queue: messages per MQCMIT (1000)\n"
	       "  --apps A            loading applications (2)\n"
	       "  --replay-batch B    replay: puts (then gets) per MQCMIT (100)\n"
	       "  --probe-gap-us U    probe: pause between its put+commits (2000)\n"
	       "  --raw-seconds S     duration of each limit measurement (2)\n"
	       "  --warm              restart without dropping the page cache first\n"
	       "  --no-deep, --no-replay  skip parts 1-2 or part 3\n"
	       "  --seconds, --no-diag    accepted for BENCH_ARGS; no effect here\n"
	       "  RECOVERYBENCH_KEEP=1 in the environment: the queue managers are not deleted\n");
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int set_opt(void *arg, const char *a, const char *v)
{
	struct opts *o = arg;
	struct {
		const char *name;
		long lo, hi;
		long *l;
		int *i;
	} nums[] = {
		{ "--msgs", 1, 100000000, &o->msgs, NULL }, { "--replay-mb", 1, 100000, &o->replay_mb, NULL },
		{ "--batch", 1, 10000, NULL, &o->batch }, { "--apps", 1, 64, NULL, &o->apps },
		{ "--replay-batch", 1, 10000, NULL, &o->replay_batch },
		{ "--probe-gap-us", 0, 1000000, NULL, &o->probe_gap_us },
	};
	for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++) {
		long n;
		if (strcmp(a, nums[k].name))
			continue;
		if (parse_long(v, nums[k].lo, nums[k].hi, &n))
			return -1;
		if (nums[k].l)
			*nums[k].l = n;
		else
			*nums[k].i = (int)n;
		return 0;
	}
	if (!strcmp(a, "--warm"))
		o->warm = 1;
	else if (!strcmp(a, "--no-deep"))
		o->deep = 0;
	else if (!strcmp(a, "--no-replay"))
		o->replay = 0;
	else if (!strcmp(a, "--bin"))
		return strlen(v) >= sizeof o->bin || !snprintf(o->bin, sizeof o->bin, "%s", v);
	else if (!strcmp(a, "--data"))
		return strlen(v) >= sizeof o->data - 64 || !snprintf(o->data, sizeof o->data, "%s", v);
	else if (!strcmp(a, "--raw-seconds"))
		return parse_secs(v, &o->raw_seconds);
	return 0;   /* --no-diag, --seconds: accepted for BENCH_ARGS, no effect */
}

static const struct bench_cli cli = {
	.prog = "recoverybench",
	.flags = (const char *const[]){ "--warm", "--no-deep", "--no-replay", "--no-diag", NULL },
	.valued = (const char *const[]){ "--bin", "--data", "--msgs", "--replay-mb", "--batch", "--apps",
					 "--replay-batch", "--probe-gap-us", "--raw-seconds", "--seconds", NULL },
	.set = set_opt,
	.usage = usage,
	.lone_folder = "recoverybench makes its own queue managers: bench/recoverybench.sh runs it "
		       "(sh bench/recoverybench.sh build)",
};

/* -1: go on; else the exit status (bench_cmdline) */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	memset(o, 0, sizeof *o);
	o->msgs = 1000000;
	o->replay_mb = 1000;
	o->batch = 1000;
	o->apps = 2;
	o->replay_batch = 100;
	o->probe_gap_us = 2000;
	o->raw_seconds = 2;
	o->deep = o->replay = 1;
	return bench_cmdline(&cli, argc, argv, o);
}

int main(int argc, char **argv)
{
	struct opts o;
	int prc = parse_opts(argc, argv, &o);
	if (prc >= 0)
		return prc;
	signal(SIGPIPE, SIG_IGN);
	if (setenv("MQ_DATA_PATH", o.data, 1)) {
		printf("recoverybench: setenv: %s\n", strerror(errno));
		return 1;
	}
	/* the queue managers' processes become this program's children when
	 * strmqm exits, so their final /proc counters can be read */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0))
		printf("recoverybench: prctl(PR_SET_CHILD_SUBREAPER): %s; the final checkpoint's writes will not be "
		       "read\n", strerror(errno));
	pool = malloc(POOL_SIZE);
	struct figures *f = calloc(1, sizeof *f);
	if (!pool || !f)
		return 1;
	fill_random(pool, POOL_SIZE, 1234);
	printf("recoverybench: restart recovery and deep queues (data folder %s)\n", o.data);
	devstat_path(o.data, devstat, sizeof devstat);
	if (!dev_written())
		devstat[0] = '\0';
	printf("scale: --msgs %ld, --replay-mb %ld (the goals are set for 1,000,000 and 1000)\n\n", o.msgs, o.replay_mb);
	print_limits(f, &o);
	if (!broke && o.deep)
		deep(&o, f);
	if (!broke && o.replay)
		replay(&o, f);
	summary(&o, f);
	if (broke)
		printf("\nrecoverybench: something broke (see above)\n");
	free(pool);
	free(f);
	return broke;
}
