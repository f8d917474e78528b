/*
 * logbench.c: the recovery log's group commit beside the disk's own limits.
 *
 * Everything is measured in one run, in one folder, so the figures share a
 * file system and a moment:
 *   1. limits of the folder's file system: the raw fdatasync rate (a 256 B or
 *      4 KiB pwrite at a fixed offset of a written file, then fdatasync, in a
 *      loop); the same with each write going to the next 4 KiB page of a
 *      written file (the log on a reused extent) and of a fallocated file (the
 *      log on a new extent); sequential write bandwidth (1 MiB writes and one
 *      fdatasync at the end); sequential read bandwidth of that file once its
 *      pages are dropped from the cache (skipped if they cannot be dropped).
 *   2. the log: 1, 8 and 64 committer threads, each looping over log_append of
 *      one record (incompressible payload, 256 B or 4 KiB) and log_flush of its
 *      LSN, for a fixed time.  Commits/s, fdatasyncs/s (log_info syncs delta),
 *      records per fdatasync, the p50/p99 commit latency (append + flush), and
 *      the ratio to raw fdatasyncs timed in between (log_run says how).
 *      Diagnostics: one committer on a ring written once before ("reused"),
 *      and the most committers with fdatasync a no-op ("no sync", the CPU
 *      ceiling; never durable, only for this figure).
 *   3. a table, and the goals: one committer at >= 90% of the raw
 *      fdatasync rate, 64 committers at >= 20x one committer.
 *
 * This is a benchmark, not a test: it exits 0 whether goals are met or not,
 * and 1 only when something failed (an I/O error, a log error, bad options).
 *
 * Usage: logbench [DIR | --dir DIR] [--seconds S] [--raw-seconds S]
 *                 [--threads 1,8,64] [--sizes 256,4096] [--sync-delay-us N]
 *                 [--no-diag] [--keep]
 * --sync-delay-us N makes every fdatasync sleep N us more: a slower disk.
 * It works in DIR/logbench.<pid> (default build/bench-data/logbench.<pid>),
 * removed at the end unless --keep.  All output goes to stdout.
 */
#include "bench/benchutil.h"
#include "log/log.h"
#include "log/osio.h"
#include "log/qmerr.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#define MAXLIST 8
#define RAW_FILE_SIZE (1u << 20)
#define APPEND_FILE_SIZE (64u << 20)
#define SEQ_CHUNK (1u << 20)
#define SEQ_MAX (512ull << 20)

struct opts {
	char dir[PATH_MAX];
	double seconds, raw_seconds;
	int threads[MAXLIST], nthreads;
	int sizes[MAXLIST], nsizes;
	int keep, own_dir, diag;
};

/* ---- small helpers ------------------------------------------------------ */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}


static void die_io(const char *what, const char *path)
{
	printf("logbench: %s \"%s\" failed: %s\n", what, path, strerror(errno));
	fflush(stdout);
}

/* ---- 1. the machine's limits ---------------------------------------------- */

struct raw_result {
	double rate;            /* fdatasyncs per second */
	double p50, p99;        /* ms */
	int ok;
};

enum raw_mode {
	RAW_FIXED,     /* always at offset 0 of a file whose blocks were written */
	RAW_NEXT,      /* the next 4 KiB page of a file whose blocks were written */
	RAW_FRESH      /* the next 4 KiB page of a fallocated (unwritten) file */
};
static const char *const raw_names[] = { "fixed", "next", "fresh" };

/* A file to time write + fdatasync on, writes placed as mode says.  RAW_NEXT
 * is what the log does on a reused circular extent, RAW_FRESH what it does on
 * a new one (os_preallocate uses fallocate). */
struct rawfile {
	char path[PATH_MAX + 96];
	int fd;
	enum raw_mode mode;
	size_t wsize;
	uint8_t *buf;
	uint64_t off, fsize, n;
	double secs;
	struct lat lat;
};

static void raw_close(struct rawfile *f)
{
	free(f->lat.v);
	free(f->buf);
	if (f->fd >= 0) {
		osio->close(f->fd);
		osio->unlink(f->path);
	}
	f->fd = -1;
	f->buf = NULL;
	f->lat.v = NULL;
}

static int raw_open(struct rawfile *f, const char *dir, size_t wsize, enum raw_mode mode)
{
	memset(f, 0, sizeof *f);
	f->mode = mode;
	f->wsize = wsize;
	f->fsize = mode == RAW_FIXED ? RAW_FILE_SIZE : APPEND_FILE_SIZE;
	snprintf(f->path, sizeof f->path, "%s/raw-%s-%zu.dat", dir, raw_names[mode], wsize);
	f->fd = osio->open(f->path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (f->fd < 0) {
		die_io("create", f->path);
		return -1;
	}
	int rc = QM_ENOMEM;
	if ((f->buf = calloc(1, RAW_FILE_SIZE)) == NULL)
		;
	else if (mode == RAW_FRESH)
		rc = os_preallocate(f->fd, (off_t)f->fsize);
	else {
		rc = QM_OK;
		for (uint64_t at = 0; !rc && at < f->fsize; at += RAW_FILE_SIZE)
			rc = os_pwrite_full(f->fd, f->buf, RAW_FILE_SIZE, (off_t)at);
		if (!rc)
			rc = os_fsync(f->fd);
	}
	if (rc) {
		die_io("prepare", f->path);
		raw_close(f);
		return -1;
	}
	fill_random(f->buf, wsize, wsize);
	return 0;
}

/* Loop write + fdatasync for `seconds` more (or to the end of the file). */
static int raw_loop(struct rawfile *f, double seconds)
{
	double t0 = now_s(), t1 = t0;
	while (t1 - t0 < seconds) {
		if (f->off + f->wsize > f->fsize) {
			if (f->mode == RAW_FRESH)
				break;      /* every block is written now: stop, as timed */
			f->off = 0;
		}
		uint64_t a = now_ns();
		f->buf[0] = (uint8_t)f->n;
		if (os_pwrite_full(f->fd, f->buf, f->wsize, (off_t)f->off) || os_fdatasync(f->fd)) {
			die_io("write+fdatasync", f->path);
			return -1;
		}
		if (lat_add(&f->lat, now_ns() - a))
			return -1;
		f->n++;
		if (f->mode != RAW_FIXED)
			f->off += (f->wsize + LOG_PAGE - 1) / LOG_PAGE * LOG_PAGE;
		t1 = now_s();
	}
	f->secs += t1 - t0;
	return 0;
}

static struct raw_result raw_result_of(struct rawfile *f)
{
	struct raw_result r = { 0 };
	qsort(f->lat.v, f->lat.n, sizeof f->lat.v[0], cmp_u64);
	r.rate = f->secs > 0 ? (double)f->n / f->secs : 0;
	r.p50 = pct_ms(&f->lat, 50);
	r.p99 = pct_ms(&f->lat, 99);
	r.ok = f->n > 0;
	return r;
}

static struct raw_result raw_sync(const char *dir, size_t wsize, enum raw_mode mode, double seconds)
{
	struct rawfile f;
	struct raw_result r = { 0 };
	if (raw_open(&f, dir, wsize, mode))
		return r;
	if (raw_loop(&f, seconds) == 0)
		r = raw_result_of(&f);
	raw_close(&f);
	return r;
}

struct seq_result {
	double write_mbs, read_mbs;   /* MB/s (10^6 bytes) */
	double write_mib;
	int ok, read_ok;
	char read_note[128];
};

/* Pages of fd's first len bytes still in the page cache, in percent. */
static double cached_pct(int fd, uint64_t len)
{
	void *m = mmap(NULL, (size_t)len, PROT_READ, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return 100;
	long pg = sysconf(_SC_PAGESIZE);
	size_t np = (size_t)((len + (uint64_t)pg - 1) / (uint64_t)pg);
	unsigned char *vec = malloc(np);
	double pct = 100;
	if (vec && mincore(m, (size_t)len, vec) == 0) {
		size_t in = 0;
		for (size_t i = 0; i < np; i++)
			in += vec[i] & 1;
		pct = 100.0 * (double)in / (double)np;
	}
	free(vec);
	munmap(m, (size_t)len);
	return pct;
}

static struct seq_result seq_bw(const char *dir, double seconds)
{
	struct seq_result r = { 0 };
	char path[PATH_MAX + 96];
	snprintf(path, sizeof path, "%s/seq.dat", dir);
	int fd = osio->open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		die_io("create", path);
		return r;
	}
	uint8_t *buf = malloc(SEQ_CHUNK);
	if (!buf)
		goto out;
	fill_random(buf, SEQ_CHUNK, 7);
	uint64_t off = 0;
	double t0 = now_s();
	while (off < SEQ_MAX && now_s() - t0 < seconds) {
		buf[0] = (uint8_t)(off >> 20);
		if (os_pwrite_full(fd, buf, SEQ_CHUNK, (off_t)off)) {
			die_io("write", path);
			goto out;
		}
		off += SEQ_CHUNK;
	}
	if (os_fdatasync(fd)) {
		die_io("fdatasync", path);
		goto out;
	}
	double t1 = now_s();
	r.write_mbs = (double)off / 1e6 / (t1 - t0);
	r.write_mib = (double)off / (1 << 20);
	r.ok = 1;
	/* Read back only if the file's clean pages really left the cache. */
	posix_fadvise(fd, 0, (off_t)off, POSIX_FADV_DONTNEED);
	double left = cached_pct(fd, off);
	if (left > 5) {
		snprintf(r.read_note, sizeof r.read_note,
			 "skipped: %.0f%% of the file stayed cached after POSIX_FADV_DONTNEED", left);
		goto out;
	}
	t0 = now_s();
	for (uint64_t at = 0; at < off; at += SEQ_CHUNK) {
		size_t got;
		if (os_pread_full(fd, buf, SEQ_CHUNK, (off_t)at, &got)) {
			die_io("read", path);
			goto out;
		}
	}
	r.read_mbs = (double)off / 1e6 / (now_s() - t0);
	r.read_ok = 1;
	snprintf(r.read_note, sizeof r.read_note, "cache dropped with POSIX_FADV_DONTNEED; "
		 "a virtual disk may still serve it from the host's cache");
out:
	free(buf);
	osio->close(fd);
	osio->unlink(path);
	return r;
}

/* ---- 2. the log ------------------------------------------------------------ */

/* The committers of one run.  The main thread pauses them now and then to
 * time raw fdatasyncs in between (see log_run); pmu guards the pause state. */
struct run {
	struct log *lg;
	size_t recsize;
	atomic_int stop;
	atomic_uint_fast64_t last_lsn;   /* highest LSN known durable (a record's) */
	pthread_mutex_t pmu;
	pthread_cond_t pcv;
	int paused, parked, alive;
	int err;                         /* first error */
	char errwhat[64];
};

struct worker {
	struct run *run;
	pthread_t th;
	int id;
	uint64_t commits;
	struct lat lat;
};

static void run_error(struct run *r, int rc, const char *what)
{
	pthread_mutex_lock(&r->pmu);
	if (!r->err) {
		r->err = rc;
		snprintf(r->errwhat, sizeof r->errwhat, "%s", what);
	}
	atomic_store(&r->stop, 1);
	pthread_cond_broadcast(&r->pcv);
	pthread_mutex_unlock(&r->pmu);
}

/* Wait while the run is paused; returns 0 when stopped. */
static int run_gate(struct run *r)
{
	pthread_mutex_lock(&r->pmu);
	if (r->paused) {
		r->parked++;
		pthread_cond_broadcast(&r->pcv);
		while (r->paused && !atomic_load(&r->stop))
			pthread_cond_wait(&r->pcv, &r->pmu);
		r->parked--;
	}
	pthread_mutex_unlock(&r->pmu);
	return !atomic_load(&r->stop);
}

static void *committer(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->run;
	uint8_t *data = malloc(r->recsize);
	if (!data)
		run_error(r, QM_ENOMEM, "malloc");
	else
		fill_random(data, r->recsize, (uint64_t)w->id + 1000);
	struct log_rec rec = { .type = LOG_REC_TEST, .uow = (uint64_t)w->id + 1, .data = data, .len = r->recsize };
	while (data && run_gate(r)) {
		uint64_t lsn, a = now_ns();
		memcpy(data, &w->commits, sizeof w->commits);   /* every payload differs */
		int rc = log_append(r->lg, &rec, &lsn, NULL);
		if (rc) {
			run_error(r, rc, "log_append");
			break;
		}
		if ((rc = log_flush(r->lg, lsn))) {
			run_error(r, rc, "log_flush");
			break;
		}
		if (lat_add(&w->lat, now_ns() - a)) {
			run_error(r, QM_ENOMEM, "malloc");
			break;
		}
		w->commits++;
		uint64_t cur = atomic_load(&r->last_lsn);
		while (lsn > cur && !atomic_compare_exchange_weak(&r->last_lsn, &cur, lsn))
			;
	}
	free(data);
	pthread_mutex_lock(&r->pmu);
	r->alive--;
	pthread_cond_broadcast(&r->pcv);
	pthread_mutex_unlock(&r->pmu);
	return NULL;
}

/* Pause (1) or resume (0) the committers; pausing waits until every live one
 * is parked, so no commit is in flight afterwards. */
static void run_pause(struct run *r, int on)
{
	pthread_mutex_lock(&r->pmu);
	r->paused = on;
	pthread_cond_broadcast(&r->pcv);
	while (on && r->parked < r->alive && !atomic_load(&r->stop))
		pthread_cond_wait(&r->pcv, &r->pmu);
	pthread_mutex_unlock(&r->pmu);
}

struct log_result {
	int threads, flags;
	size_t recsize;
	double secs, commits_s, syncs_s, per_sync, vs_raw, p50, p99, mbs;
	uint64_t commits, syncs;
	struct raw_result raw;   /* raw fdatasyncs timed between the slices */
	int ok;
};

static int make_log(const char *path)
{
	char why[256];
	struct log_config c = { .path = path, .type = LOG_CIRCULAR, .mgmt = LOG_MANUAL,
				.primary = 10, .secondary = 5, .pages = 4096 };
	memcpy(c.qmid, "logbench-qmid-16", 16);
	int rc = log_create(&c, why, sizeof why);
	if (rc)
		printf("logbench: log_create \"%s\": %s: %s\n", path, qm_strerror(rc), why);
	return rc;
}

enum {
	RUN_REUSED = 1,   /* write the whole ring once first: extents are reused */
	RUN_NOSYNC = 2    /* fdatasync made a no-op: the CPU ceiling, not durable */
};

static int fake_fdatasync(int fd)
{
	(void)fd;
	return 0;
}

/* --sync-delay-us: every fdatasync (the log's and the raw loops') also sleeps
 * this long, to see how the log would do on a slower disk. */
static long sync_delay_us;
static struct osio_ops delayed;
static const struct osio_ops *base_ops = &osio_real;

static int delayed_fdatasync(int fd)
{
	int rc = osio_real.fdatasync(fd);
	struct timespec ts = { sync_delay_us / 1000000, sync_delay_us % 1000000 * 1000 };
	nanosleep(&ts, NULL);
	return rc;
}

/* Append 60 KiB records until every primary extent has been written once
 * and the ring has wrapped, moving the restart LSN along. */
static int fill_ring(struct log *lg)
{
	struct log_info li;
	log_info(lg, &li);
	uint64_t extsz = (uint64_t)li.pages * LOG_PAGE, target = li.cur_seq + li.primary, lsn = 0;
	uint8_t *big = malloc(LOG_PART_MAX);
	if (!big)
		return QM_ENOMEM;
	fill_random(big, LOG_PART_MAX, 99);
	struct log_rec rec = { .type = LOG_REC_TEST, .data = big, .len = LOG_PART_MAX };
	int rc = QM_OK;
	while (!rc && lsn / extsz < target) {
		if ((rc = log_append(lg, &rec, &lsn, NULL)))
			break;
		big[0]++;
		if (lsn / extsz > li.head_seq + 1) {
			if (!(rc = log_flush(lg, lsn)) && !(rc = log_set_restart_lsn(lg, lsn)))
				rc = log_info(lg, &li);
		}
	}
	if (!rc)
		rc = log_flush(lg, lsn);
	if (!rc)
		rc = log_set_restart_lsn(lg, lsn);
	free(big);
	return rc;
}

#define SLICE_LOG 0.30   /* seconds of committing between raw slices */
#define SLICE_RAW 0.15   /* seconds of raw fdatasyncs in between */

/* One measurement on a new log: nthreads committers, records of recsize, for
 * `seconds` of committing.  Unless RUN_NOSYNC, the committers are paused every
 * SLICE_LOG seconds while the main thread times raw fdatasyncs (a same-size
 * write at a fixed offset) for SLICE_RAW seconds: the log and the disk are
 * measured in the same moments, so a disk whose speed drifts (other work on
 * the machine, a host cache filling) does not skew the ratio. */
static struct log_result log_run(const char *dir, int nthreads, size_t recsize, double seconds, int flags)
{
	static struct osio_ops nosync;
	struct log_result res = { .threads = nthreads, .recsize = recsize, .flags = flags };
	char path[PATH_MAX + 96];
	struct rawfile rf;
	struct worker *w = NULL;
	int paired = !(flags & RUN_NOSYNC);
	snprintf(path, sizeof path, "%s/log-%d-%zu-%d", dir, nthreads, recsize, flags);
	if (make_log(path))
		return res;
	if (paired && raw_open(&rf, dir, recsize, RAW_FIXED))
		return res;
	struct log_open_report rep;
	struct run r = { .recsize = recsize, .paused = 1 };
	pthread_mutex_init(&r.pmu, NULL);
	pthread_cond_init(&r.pcv, NULL);
	int rc = log_open(path, LOG_OPEN_WRITE, 0, &r.lg, &rep);
	if (rc) {
		printf("logbench: log_open \"%s\": %s: %s\n", path, qm_strerror(rc), rep.why);
		r.lg = NULL;
		goto out;
	}
	if ((flags & RUN_REUSED) && (rc = fill_ring(r.lg)))
		run_error(&r, rc, "filling the ring");
	if (flags & RUN_NOSYNC) {
		nosync = *base_ops;
		nosync.fdatasync = fake_fdatasync;
		osio_set(&nosync);
	}
	w = calloc((size_t)nthreads, sizeof *w);
	int started = 0;
	if (!w && !r.err)
		run_error(&r, QM_ENOMEM, "malloc");
	for (; !r.err && started < nthreads; started++) {
		w[started].run = &r;
		w[started].id = started;
		pthread_mutex_lock(&r.pmu);
		r.alive++;
		pthread_mutex_unlock(&r.pmu);
		if (pthread_create(&w[started].th, NULL, committer, &w[started]) != 0) {
			pthread_mutex_lock(&r.pmu);
			r.alive--;
			pthread_mutex_unlock(&r.pmu);
			run_error(&r, QM_ENOMEM, "pthread_create");
			break;
		}
	}
	run_pause(&r, 1);
	struct log_info li0, li1;
	log_info(r.lg, &li0);
	uint64_t extsz = (uint64_t)li0.pages * LOG_PAGE;
	double logtime = 0;
	while (!atomic_load(&r.stop) && logtime < seconds) {
		double slice = paired ? SLICE_LOG : seconds;
		if (slice > seconds - logtime)
			slice = seconds - logtime;
		double t0 = now_s(), t1;
		run_pause(&r, 0);
		/* Keep the ring free: move the restart LSN to a durable record
		 * whenever the log has reached a newer extent than the head. */
		while ((t1 = now_s()) - t0 < slice && !atomic_load(&r.stop)) {
			struct timespec ts = { 0, 20 * 1000 * 1000 };
			nanosleep(&ts, NULL);
			uint64_t lsn = atomic_load(&r.last_lsn);
			struct log_info li;
			log_info(r.lg, &li);
			if (lsn && lsn / extsz > li.head_seq && (rc = log_set_restart_lsn(r.lg, lsn)))
				run_error(&r, rc, "log_set_restart_lsn");
		}
		run_pause(&r, 1);
		logtime += now_s() - t0;
		if (paired && !atomic_load(&r.stop) && raw_loop(&rf, SLICE_RAW * slice / SLICE_LOG))
			run_error(&r, QM_EIO, "raw fdatasync");
	}
	atomic_store(&r.stop, 1);
	run_pause(&r, 0);
	for (int i = 0; i < started; i++)
		pthread_join(w[i].th, NULL);
	log_info(r.lg, &li1);
	if (r.err)
		goto out;
	struct lat all = { 0 };
	for (int i = 0; i < started; i++) {
		res.commits += w[i].commits;
		for (size_t k = 0; k < w[i].lat.n; k++)
			if (lat_add(&all, w[i].lat.v[k])) {
				r.err = QM_ENOMEM;
				free(all.v);
				goto out;
			}
	}
	qsort(all.v, all.n, sizeof all.v[0], cmp_u64);
	res.secs = logtime;
	res.syncs = li1.syncs - li0.syncs;
	res.commits_s = (double)res.commits / res.secs;
	res.syncs_s = (double)res.syncs / res.secs;
	res.per_sync = res.syncs ? (double)res.commits / (double)res.syncs : 0;
	res.mbs = (double)(li1.durable_lsn - li0.durable_lsn) / 1e6 / res.secs;
	res.p50 = pct_ms(&all, 50);
	res.p99 = pct_ms(&all, 99);
	if (paired) {
		res.raw = raw_result_of(&rf);
		res.vs_raw = res.raw.rate > 0 ? res.commits_s / res.raw.rate : 0;
	}
	res.ok = 1;
	free(all.v);
out:
	if (r.err)
		printf("logbench: %d committers, %zu B: %s failed: %s\n", nthreads, recsize, r.errwhat,
		       qm_strerror(r.err));
	if (w)
		for (int i = 0; i < nthreads; i++)
			free(w[i].lat.v);
	free(w);
	rc = r.lg ? log_close(r.lg) : QM_OK;
	osio_set(base_ops);
	if (rc && res.ok) {
		printf("logbench: log_close \"%s\": %s\n", path, qm_strerror(rc));
		res.ok = 0;
	}
	if (paired)
		raw_close(&rf);
	pthread_mutex_destroy(&r.pmu);
	pthread_cond_destroy(&r.pcv);
	return res;
}

/* ---- options, cleanup, main ----------------------------------------------- */

static int parse_list(const char *s, int *out, int max)
{
	int n = 0;
	while (*s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v <= 0 || v > 1 << 20 || n == max)
			return -1;
		out[n++] = (int)v;
		s = *end == ',' ? end + 1 : end;
		if (*end && *end != ',')
			return -1;
	}
	return n ? n : -1;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	memset(o, 0, sizeof *o);
	o->seconds = 3;
	o->raw_seconds = 2;
	o->diag = 1;
	o->nthreads = parse_list("1,8,64", o->threads, MAXLIST);
	o->nsizes = parse_list("256,4096", o->sizes, MAXLIST);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--keep") || !strcmp(a, "--no-diag")) {
			if (a[2] == 'k')
				o->keep = 1;
			else
				o->diag = 0;
			continue;
		}
		if (a[0] != '-' && !o->dir[0]) {
			snprintf(o->dir, sizeof o->dir, "%s", a);
			continue;
		}
		if (!v)
			return -1;
		i++;
		if (!strcmp(a, "--dir"))
			snprintf(o->dir, sizeof o->dir, "%s", v);
		else if (!strcmp(a, "--seconds"))
			o->seconds = atof(v);
		else if (!strcmp(a, "--sync-delay-us"))
			sync_delay_us = atol(v);
		else if (!strcmp(a, "--raw-seconds"))
			o->raw_seconds = atof(v);
		else if (!strcmp(a, "--threads"))
			o->nthreads = parse_list(v, o->threads, MAXLIST);
		else if (!strcmp(a, "--sizes"))
			o->nsizes = parse_list(v, o->sizes, MAXLIST);
		else
			return -1;
	}
	if (o->seconds <= 0 || o->raw_seconds <= 0 || sync_delay_us < 0 || sync_delay_us > 1000000 || o->nthreads < 0 || o->nsizes < 0)
		return -1;
	for (int i = 0; i < o->nsizes; i++)
		if (o->sizes[i] > 16 << 20)
			return -1;
	if (!o->dir[0]) {
		snprintf(o->dir, sizeof o->dir, "build/bench-data/logbench.%d", (int)getpid());
		o->own_dir = 1;
	}
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	if (remove(path) != 0)
		printf("logbench: could not remove \"%s\": %s\n", path, strerror(errno));
	return 0;
}

/* Remove the folder this program made, with the logs and files in it. */
static void remove_tree(const char *path)
{
	nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *size_name(size_t n, char *buf, size_t len)
{
	if (n >= 1024 && n % 1024 == 0)
		snprintf(buf, len, "%zu KiB", n / 1024);
	else
		snprintf(buf, len, "%zu B", n);
	return buf;
}

static void print_raw(const char *what, size_t n, const struct raw_result *r)
{
	char sz[32];
	if (r->ok)
		printf("   fdatasync after a %-7s write %-28s: %8.0f /s   p50 %.3f ms  p99 %.3f ms\n",
		       size_name(n, sz, sizeof sz), what, r->rate, r->p50, r->p99);
}

static const char *run_name(int flags)
{
	return flags & RUN_NOSYNC ? "no sync" : flags & RUN_REUSED ? "reused" : "new";
}

static void print_run(const struct log_result *r)
{
	char sz[32];
	size_name(r->recsize, sz, sizeof sz);
	char rawr[16] = "-", ratio[16] = "-";
	if (r->raw.ok) {
		snprintf(rawr, sizeof rawr, "%.0f", r->raw.rate);
		snprintf(ratio, sizeof ratio, "%.2f", r->vs_raw);
	}
	if (!r->ok)
		printf("   %10d  %-7s  %-7s  failed\n", r->threads, sz, run_name(r->flags));
	else
		printf("   %10d  %-7s  %-7s %9.0f %9.0f %8.1f %8s %6s %7.1f %7.3f %7.3f\n", r->threads, sz,
		       run_name(r->flags), r->commits_s, r->syncs_s, r->per_sync, rawr, ratio, r->mbs, r->p50, r->p99);
}

static void print_head(void)
{
	printf("   committers  record   log      commits/s  syncs/s rec/sync    raw/s  x raw    MB/s  p50 ms  p99 ms\n");
}

int main(int argc, char **argv)
{
	struct opts o;
	int help = argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"));
	if (help || parse_opts(argc, argv, &o)) {
		fprintf(stderr, "usage: logbench [DIR | --dir DIR] [--seconds S] [--raw-seconds S] "
			"[--threads 1,8,64] [--sizes 256,4096] [--sync-delay-us N] [--no-diag] [--keep]\n");
		return help ? 0 : 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (sync_delay_us) {
		delayed = osio_real;
		delayed.fdatasync = delayed_fdatasync;
		base_ops = &delayed;
		osio_set(base_ops);
	}
	char work[PATH_MAX + 32];
	if (o.own_dir)
		snprintf(work, sizeof work, "%s", o.dir);
	else
		snprintf(work, sizeof work, "%s/logbench.%d", o.dir, (int)getpid());
	if (os_mkdir_p(work, 0700)) {
		die_io("mkdir", work);
		return 1;
	}
	int bad = 0;
	char sz[32];
	double t_start = now_s();
	printf("logbench: recovery log group commit, in %s (%s), %ld CPUs\n", work, fs_name(work),
	       sysconf(_SC_NPROCESSORS_ONLN));
	if (sync_delay_us)
		printf("   simulated slow disk: every fdatasync also sleeps %ld us (--sync-delay-us)\n", sync_delay_us);

	printf("\n1. limits of this file system (same folder, same run; raw = the first lines)\n");
	struct raw_result raw[MAXLIST], rnext[MAXLIST], rfresh[MAXLIST];
	for (int i = 0; i < o.nsizes; i++) {
		raw[i] = raw_sync(work, (size_t)o.sizes[i], RAW_FIXED, o.raw_seconds);
		bad |= !raw[i].ok;
		print_raw("at a fixed offset", (size_t)o.sizes[i], &raw[i]);
	}
	for (int i = 0; o.diag && i < o.nsizes; i++) {
		rnext[i] = raw_sync(work, (size_t)o.sizes[i], RAW_NEXT, o.raw_seconds);
		bad |= !rnext[i].ok;
		print_raw("to the next page, written", (size_t)o.sizes[i], &rnext[i]);
	}
	for (int i = 0; o.diag && i < o.nsizes; i++) {
		rfresh[i] = raw_sync(work, (size_t)o.sizes[i], RAW_FRESH, o.raw_seconds);
		bad |= !rfresh[i].ok;
		print_raw("to the next page, fallocated", (size_t)o.sizes[i], &rfresh[i]);
	}
	struct seq_result seq = seq_bw(work, o.raw_seconds);
	bad |= !seq.ok;
	if (seq.ok) {
		printf("   sequential write, 1 MiB writes + one fdatasync%19s: %8.1f MB/s (%.0f MiB)\n", "",
		       seq.write_mbs, seq.write_mib);
		if (seq.read_ok)
			printf("   sequential read, 1 MiB reads%37s: %8.1f MB/s (%s)\n", "", seq.read_mbs, seq.read_note);
		else
			printf("   sequential read: %s\n", seq.read_note);
	}

	printf("\n2. the log: circular, 10 primary + 5 secondary extents of 16 MiB, 2 MiB buffer, a new log\n"
	       "   for each line; every committer loops log_append + log_flush for %.1f s\n", o.seconds);
	struct log_result res[MAXLIST * MAXLIST + 2 * MAXLIST];
	int nres = 0;
	print_head();
	for (int s = 0; s < o.nsizes; s++)
		for (int t = 0; t < o.nthreads; t++) {
			struct log_result *r = &res[nres++];
			*r = log_run(work, o.threads[t], (size_t)o.sizes[s], o.seconds, 0);
			bad |= !r->ok;
			print_run(r);
		}
	int ndiag = nres;
	if (o.diag) {
		printf("\n   diagnostics, not goals: \"reused\" = the ring was written once before (the\n"
		       "   steady state of a circular log); \"no sync\" = fdatasync made a no-op (CPU ceiling)\n");
		print_head();
		for (int s = 0; s < o.nsizes; s++) {
			int tmax = o.threads[o.nthreads - 1];
			int runs[2][2] = { { 1, RUN_REUSED }, { tmax, RUN_NOSYNC } };
			for (int k = 0; k < 2; k++) {
				struct log_result *r = &res[nres++];
				*r = log_run(work, runs[k][0], (size_t)o.sizes[s], o.seconds, runs[k][1]);
					bad |= !r->ok;
				print_run(r);
			}
		}
	}

	printf("\n3. summary.  syncs/s: the log's fdatasyncs; raw/s: fdatasyncs after a same-size write at\n"
	       "   a fixed offset, timed between slices of the same run; x raw = commits/s / raw/s\n\n");
	print_head();
	for (int i = 0; i < nres; i++)
		print_run(&res[i]);
	for (int i = 0; i < o.nsizes; i++)
		if (raw[i].ok)
			printf("   %10s  %-7s  %-7s %9.0f %9.0f %8.1f %8.0f %6.2f %7s %7.3f %7.3f\n", "raw",
			       size_name((size_t)o.sizes[i], sz, sizeof sz), "part 1", raw[i].rate, raw[i].rate, 1.0,
			       raw[i].rate, 1.0, "", raw[i].p50, raw[i].p99);
	if (seq.ok)
		printf("   sequential write %.1f MB/s", seq.write_mbs);
	if (seq.ok && seq.read_ok)
		printf(", sequential read %.1f MB/s", seq.read_mbs);
	printf("\n\n   goals (new logs)\n");
	for (int s = 0; s < o.nsizes; s++) {
		struct log_result *one = NULL, *many = NULL;
		for (int i = 0; i < ndiag; i++)
			if (res[i].ok && res[i].recsize == (size_t)o.sizes[s]) {
				if (res[i].threads == 1)
					one = &res[i];
				if (res[i].threads == 64)
					many = &res[i];
			}
		size_name((size_t)o.sizes[s], sz, sizeof sz);
		if (one && one->raw.ok)
			printf("   %-4s  1 committer  >= 90%% of raw fdatasync, %-7s: %6.0f /s = %3.0f%% of %.0f /s\n",
			       one->vs_raw >= 0.90 ? "PASS" : "MISS", sz, one->commits_s, 100 * one->vs_raw,
			       one->raw.rate);
		if (one && many)
			printf("   %-4s 64 committers >= 20x 1 committer,    %-7s: %6.0f /s = %4.1fx of %.0f /s\n",
			       many->commits_s >= 20 * one->commits_s ? "PASS" : "MISS", sz, many->commits_s,
			       one->commits_s > 0 ? many->commits_s / one->commits_s : 0, one->commits_s);
	}
	if (!o.keep)
		remove_tree(work);
	else
		printf("\n   files kept in %s\n", work);
	printf("\nlogbench: %.0f s%s\n", now_s() - t_start, bad ? ", with failures (see above)" : "");
	return bad ? 1 : 0;
}
