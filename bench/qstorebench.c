/*
 * qstorebench.c: the queue store (objects/qstore.h) on a deep queue, beside
 * the disk's limits measured in the same run.
 *
 *   qstorebench [DIR | --dir DIR] [--msgs N] [--size B] [--batch K]
 *               [--budget BYTES] [--raw-seconds S] [--keep]
 *
 * In a folder of its own under DIR (bench/run.sh gives build/bench-data):
 *   1. the disk: sequential write bandwidth (1 MiB writes then one
 *      fdatasync, benchdisk.h) and the raw fdatasync rate (4 KiB);
 *   2. put: N messages (default 200,000) of B bytes (default 1024,
 *      incompressible), a checkpoint (one batch) every K (default 10,000),
 *      four compaction steps of BYTES (default 1 MiB) after each, as the
 *      queue manager's loop would run them between other work;
 *   3. open: the store closed and opened again, warm (the journal in the page
 *      cache) and cold (after POSIX_FADV_DONTNEED on the journal, checked
 *      with mincore): time, index bytes read, MB/s;
 *   4. memory: sizeof(struct qs_entry), the store's index memory a message
 *      (qstore_stats mem_bytes), and the process's RSS growth a message over
 *      the open;
 *   5. get: every message removed, oldest first (FIFO), a checkpoint every K,
 *      compaction steps between, then compaction to the end;
 *   6. the same cycle on N/4 messages got in random order (what MsgId gets
 *      leave: compaction copies live records out of sparse segments);
 *   7. bytes written per byte of message data over each cycle (data and
 *      journal records, snapshots, compaction, headers; what the store
 *      wrote), beside what whole-queue snapshots (today's queue file,
 *      488 + B bytes a message at every checkpoint) would have written;
 *      the longest checkpoint and compaction step.
 * Exit 1 only when something broke (an I/O error, a bad option).
 */
#include "bench/benchdisk.h"
#include "bench/benchutil.h"
#include "log/qmerr.h"
#include "objects/qstore.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define PROG "qstorebench"

static const uint8_t QMID[QS_QMID_LEN] = { 'q', 's', 't', 'o', 'r', 'e', 'b', 'e', 'n', 'c', 'h', 1, 2, 3, 4, 5 };

struct opts {
	char dir[PATH_MAX];
	size_t msgs, size, batch, budget;
	double raw_seconds;
	int keep;
};

struct cycle {
	const char *name;
	size_t n;
	double put_s, open_warm_s, open_cold_s, get_s, ckpt_max_ms, step_max_ms;
	uint64_t put_written, get_written, cold_read, index_bytes, data_bytes, moved, snapshots, segs_deleted;
	double mem_per_msg, rss_per_msg, cold_cached_pct;
	struct lat steps;     /* compaction step times, ns */
	double old_bytes;     /* whole-queue snapshots for the same checkpoints */
	uint64_t end_bytes;   /* data + index left at the end */
};

static void usage(void)
{
	printf("usage: " PROG " [DIR | --dir DIR] [--msgs N] [--size B] [--batch K] [--budget BYTES]\n"
	       "                   [--raw-seconds S] [--keep]\n");
}

static double ms_since(uint64_t t0)
{
	return (double)(now_ns() - t0) / 1e6;
}

static long rss_kb(void)
{
	long pages = 0, res = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &res) != 2)
			res = 0;
		fclose(f);
	}
	return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static int fail(const char *what, int rc, const char *err)
{
	printf(PROG ": %s: %s: %s\n", what, qm_strerror(rc), err ? err : "");
	return 1;
}

static int rm_store(const char *dir)
{
	char err[512];
	int rc = qstore_destroy(dir, err, sizeof err);
	if (rc)
		return fail("destroy", rc, err);
	rmdir(dir);
	return 0;
}

static void msg_of(size_t i, size_t size, struct objfile_msg *m)
{
	memset(m, 0, sizeof *m);
	m->seq = i + 1;
	m->put_lsn = 4096 + (uint64_t)i * 1100;
	m->put_time_ms = 1700000000000LL;
	m->expiry_ms = -1;
	m->priority = 5;
	m->persistence = 1;
	for (int k = 0; k < 8; k++)
		m->msgid[k] = (uint8_t)(i >> (8 * k));
	m->msgid[8] = 1;
	memcpy(m->mqmd, "MD  ", 4);
	m->data_len = (uint32_t)size;
}

/* Compaction steps: up to n, each timed. */
static int steps(struct qstore *s, const struct opts *o, int n, struct cycle *c)
{
	int more = 1;
	for (int k = 0; (n < 0 || k < n) && more; k++) {
		uint64_t t0 = now_ns();
		int rc = qstore_compact_step(s, o->budget, &more);
		double ms = ms_since(t0);
		if (rc)
			return fail("compaction step", rc, qstore_last_error(s));
		if (lat_add(&c->steps, now_ns() - t0))
			return fail("memory", QM_ENOMEM, "");
		if (ms > c->step_max_ms)
			c->step_max_ms = ms;
	}
	return 0;
}

static int count_one(void *arg, const struct qs_entry *e)
{
	(void)e;
	(*(size_t *)arg)++;
	return 0;
}

static int open_timed(const char *dir, struct qstore **s, double *secs, uint64_t *read, char *err, size_t n)
{
	size_t count = 0;
	uint64_t t0 = now_ns();
	int rc = qstore_open(dir, QMID, "BENCH.QUEUE", NULL, count_one, &count, s, NULL, err, n);
	*secs = (double)(now_ns() - t0) / 1e9;
	if (rc == QM_OK) {
		struct qstore_stats st;
		qstore_stats(*s, &st);
		*read = st.bytes_read;
	}
	return rc;
}

/* The journal out of the page cache: the % still cached after. */
static double drop_journal(const char *dir)
{
	char path[PATH_MAX + 32];
	double left = 0;
	for (unsigned gen = 1; gen < 1u << 20; gen++) {
		snprintf(path, sizeof path, "%s/%08x.qsi", dir, gen);
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		struct stat sb;
		fstat(fd, &sb);
		fdatasync(fd);
		posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
		if (sb.st_size)
			left = 100.0 * (double)cached_bytes(fd, (uint64_t)sb.st_size) / (double)sb.st_size;
		close(fd);
		break;
	}
	return left;
}

static int run_cycle(const struct opts *o, struct cycle *c, size_t n, int random_order)
{
	char dir[PATH_MAX + 64], err[512];
	struct qstore *s;
	struct qstore_stats st;
	struct objfile_msg m;
	snprintf(dir, sizeof dir, "%s/" PROG "-%d-%s", o->dir, (int)getpid(), c->name);
	if (mkdir(dir, 0700) != 0) {
		printf(PROG ": mkdir \"%s\" failed: %s\n", dir, strerror(errno));
		return 1;
	}
	c->n = n;
	uint8_t *data = malloc(o->size ? o->size : 1);
	size_t *order = malloc(n * sizeof *order);
	if (!data || !order)
		return fail("memory", QM_ENOMEM, "");
	fill_random(data, o->size, 99);
	int rc = qstore_create(dir, QMID, "BENCH.QUEUE", 1, NULL, &s, err, sizeof err);
	if (rc)
		return fail("create", rc, err);
	uint64_t lsn = 1, t0 = now_ns();
	size_t ckpts = 0;
	for (size_t i = 0; i < n;) {
		uint64_t c0 = now_ns();
		if ((rc = qstore_batch_begin(s, ++lsn)) != QM_OK)
			return fail("batch", rc, qstore_last_error(s));
		for (size_t k = 0; k < o->batch && i < n; k++, i++) {
			msg_of(i, o->size, &m);
			memcpy(data, &i, sizeof i < o->size ? sizeof i : o->size);
			if ((rc = qstore_put(s, &m, data, NULL)) != QM_OK)
				return fail("put", rc, qstore_last_error(s));
		}
		if ((rc = qstore_batch_commit(s)) != QM_OK)
			return fail("checkpoint", rc, qstore_last_error(s));
		double ms = ms_since(c0);
		if (ms > c->ckpt_max_ms)
			c->ckpt_max_ms = ms;
		c->old_bytes += (double)i * (double)(OBJFILE_MSG_HDR_LEN + o->size);
		ckpts++;
		if (steps(s, o, 4, c))
			return 1;
	}
	c->put_s = (double)(now_ns() - t0) / 1e9;
	qstore_stats(s, &st);
	c->put_written = st.bytes_written;
	c->index_bytes = st.index_bytes;
	c->data_bytes = st.data_bytes;
	uint64_t moved = st.moved, snaps = st.snapshots, dels = st.segs_deleted;
	qstore_close(s);

	/* open, warm then cold, and what a message costs in memory */
	uint64_t rd = 0;
	long rss0 = rss_kb();
	if ((rc = open_timed(dir, &s, &c->open_warm_s, &rd, err, sizeof err)) != QM_OK)
		return fail("open", rc, err);
	c->rss_per_msg = (double)(rss_kb() - rss0) * 1024.0 / (double)n;
	qstore_stats(s, &st);
	c->mem_per_msg = (double)st.mem_bytes / (double)n;
	qstore_close(s);
	c->cold_cached_pct = drop_journal(dir);
	if ((rc = open_timed(dir, &s, &c->open_cold_s, &c->cold_read, err, sizeof err)) != QM_OK)
		return fail("open", rc, err);

	/* get them all: FIFO, or in random order */
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	if (random_order)
		for (size_t i = n; i > 1; i--) {
			size_t j = (size_t)((uint64_t)rand() * (uint64_t)RAND_MAX % i);
			size_t t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
	qstore_stats(s, &st);
	uint64_t w0 = st.bytes_written;
	t0 = now_ns();
	for (size_t i = 0; i < n;) {
		uint64_t c0 = now_ns();
		if ((rc = qstore_batch_begin(s, ++lsn)) != QM_OK)
			return fail("batch", rc, qstore_last_error(s));
		for (size_t k = 0; k < o->batch && i < n; k++, i++) {
			msg_of(order[i], o->size, &m);
			if ((rc = qstore_remove(s, m.put_lsn)) != QM_OK)
				return fail("remove", rc, qstore_last_error(s));
		}
		if ((rc = qstore_batch_commit(s)) != QM_OK)
			return fail("checkpoint", rc, qstore_last_error(s));
		double ms = ms_since(c0);
		if (ms > c->ckpt_max_ms)
			c->ckpt_max_ms = ms;
		c->old_bytes += (double)(n - i) * (double)(OBJFILE_MSG_HDR_LEN + o->size);
		ckpts++;
		if (steps(s, o, 4, c))
			return 1;
	}
	if (steps(s, o, -1, c))
		return 1;
	c->get_s = (double)(now_ns() - t0) / 1e9;
	qstore_stats(s, &st);
	c->get_written = st.bytes_written - w0;
	c->moved = moved + st.moved;
	c->snapshots = snaps + st.snapshots;
	c->segs_deleted = dels + st.segs_deleted;
	c->end_bytes = st.data_bytes + st.index_bytes;
	qstore_close(s);
	free(data);
	free(order);
	return o->keep ? 0 : rm_store(dir);
}

static void print_cycle(const struct opts *o, const struct cycle *c, double seq_mbs)
{
	double stored = (double)c->n * (double)o->size;
	double total = (double)(c->put_written + c->get_written);
	printf("\n%s: %zu messages of %zu bytes, a checkpoint every %zu\n", c->name, c->n, o->size, o->batch);
	printf("  put + checkpoints          %8.2f s  %9.1f MB written  %6.1f MB/s  (disk %.0f MB/s)\n", c->put_s,
	       (double)c->put_written / 1e6, (double)c->put_written / 1e6 / c->put_s, seq_mbs);
	printf("  store on disk              %9.1f MB data, %.1f MB index (%.1f bytes a message)\n",
	       (double)c->data_bytes / 1e6, (double)c->index_bytes / 1e6, (double)c->index_bytes / (double)c->n);
	printf("  open, warm                 %8.3f s  (%.0f messages/s)\n", c->open_warm_s,
	       (double)c->n / c->open_warm_s);
	printf("  open, cold                 %8.3f s  %9.1f MB read  %6.1f MB/s  (journal %.0f%% cached after "
	       "DONTNEED)\n", c->open_cold_s, (double)c->cold_read / 1e6, (double)c->cold_read / 1e6 / c->open_cold_s,
	       c->cold_cached_pct);
	printf("  memory a message           %8zu bytes struct qs_entry, %.1f bytes index in all, %.1f bytes RSS\n",
	       sizeof(struct qs_entry), c->mem_per_msg, c->rss_per_msg);
	printf("  get + checkpoints          %8.2f s  %9.1f MB written  (%" PRIu64 " records moved, %" PRIu64
	       " segments deleted, %" PRIu64 " snapshots)\n", c->get_s, (double)c->get_written / 1e6, c->moved,
	       c->segs_deleted, c->snapshots);
	printf("  left at the end            %9.1f KB\n", (double)c->end_bytes / 1e3);
	struct lat l = c->steps;
	qsort(l.v, l.n, sizeof *l.v, cmp_u64);
	printf("  longest checkpoint         %8.1f ms\n", c->ckpt_max_ms);
	printf("  compaction steps           %8zu      p50 %.2f ms, p99 %.2f ms, longest %.1f ms (budget %zu KiB)\n",
	       l.n, pct_ms(&l, 50), pct_ms(&l, 99), c->step_max_ms, o->budget >> 10);
	printf("  bytes written a byte stored %7.2f  (whole-queue snapshots: %.1f, %.1f GB)\n", total / stored,
	       c->old_bytes / stored, c->old_bytes / 1e9);
}

int main(int argc, char **argv)
{
	struct opts o = { .msgs = 200000, .size = 1024, .batch = 10000, .budget = 1 << 20, .raw_seconds = 2 };
	snprintf(o.dir, sizeof o.dir, "build/bench-data");
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *end = NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage();
			return 0;
		} else if (!strcmp(a, "--keep")) {
			o.keep = 1;
		} else if (a[0] != '-') {
			snprintf(o.dir, sizeof o.dir, "%s", a);
		} else if (!v) {
			printf(PROG ": %s needs a value\n", a);
			return 1;
		} else if (!strcmp(a, "--dir")) {
			snprintf(o.dir, sizeof o.dir, "%s", v);
			i++;
		} else if (!strcmp(a, "--raw-seconds")) {
			if (parse_secs(v, &o.raw_seconds))
				goto bad;
			i++;
		} else if (!strcmp(a, "--msgs") || !strcmp(a, "--size") || !strcmp(a, "--batch") ||
			   !strcmp(a, "--budget")) {
			unsigned long long x = strtoull(v, &end, 10);
			if (end == v || *end || x == 0 || (!strcmp(a, "--size") && x > OBJFILE_DATA_MAX))
				goto bad;
			*(!strcmp(a, "--msgs") ? &o.msgs : !strcmp(a, "--size") ? &o.size :
			  !strcmp(a, "--batch") ? &o.batch : &o.budget) = (size_t)x;
			i++;
		} else if (!strcmp(a, "--seconds") || !strcmp(a, "--sizes") || !strcmp(a, "--threads")) {
			i++;   /* other benchmarks' options, given to all by BENCH_ARGS */
		} else {
			printf(PROG ": unknown option %s\n", a);
			usage();
			return 1;
		}
		continue;
bad:
		printf(PROG ": bad value '%s' for %s\n", v, a);
		return 1;
	}
	if (mkdir(o.dir, 0700) != 0 && errno != EEXIST) {
		printf(PROG ": mkdir \"%s\" failed: %s\n", o.dir, strerror(errno));
		return 1;
	}
	/* room for the store (records and journal) and the bandwidth file */
	struct statvfs vf;
	double need = (double)o.msgs * (double)(o.size + QS_REC_HDR + 66) * 1.1 + 600e6;
	if (statvfs(o.dir, &vf) == 0 && (double)vf.f_bavail * (double)vf.f_frsize < need) {
		printf(PROG ": %.1f GB free in %s, %.1f GB needed for %zu messages: try --msgs %zu\n",
		       (double)vf.f_bavail * (double)vf.f_frsize / 1e9, o.dir, need / 1e9, o.msgs, o.msgs / 5);
		return 1;
	}
	printf(PROG ": the queue store on a deep queue, in %s (%s)\n", o.dir, fs_name(o.dir));

	/* 1. the disk */
	struct seq_result seq = seq_bw(o.dir, o.raw_seconds);
	struct raw_result raw = raw_sync(o.dir, "", 0, o.raw_seconds / 2);
	if (seq.failed || raw.failed)
		return 1;
	printf("disk: sequential write %.0f MB/s (%.0f MiB, 1 MiB writes, one fdatasync)", seq.write_mbs, seq.mib);
	if (seq.read_ok)
		printf(", read %.0f MB/s", seq.read_mbs);
	printf("; raw fdatasync %.0f/s (4 KiB)\n", raw.rate);

	struct cycle fifo = { .name = "fifo" }, rnd = { .name = "random" };
	if (run_cycle(&o, &fifo, o.msgs, 0))
		return 1;
	print_cycle(&o, &fifo, seq.write_mbs);
	free(fifo.steps.v);
	size_t nr = o.msgs / 4 ? o.msgs / 4 : 1;
	if (run_cycle(&o, &rnd, nr, 1))
		return 1;
	print_cycle(&o, &rnd, seq.write_mbs);
	free(rnd.steps.v);
	return 0;
}
