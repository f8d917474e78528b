/*
 * benchdisk.h: the disk's limits, measured one way for every benchmark that
 * prints its figures beside them (mqbench, recoverybench):
 *   raw_sync   the raw fdatasync rate: a 4 KiB pwrite at a fixed offset of a
 *              written file (RAW_AT_FIXED; or on the next page of a
 *              fallocated file, RAW_AT_FRESH, which is what the log does on a
 *              new extent; or on the next page of a written file, wrapping at
 *              its end, RAW_AT_NEXT: sequential appends to a preallocated
 *              file, what the log does on a reused extent), then fdatasync,
 *              in a loop; with the device's flushes per fdatasync where its
 *              counter can be read;
 *   seq_bw     sequential write bandwidth (1 MiB writes into a new file, up
 *              to 512 MiB or the time given, then one fdatasync; MB/s over
 *              the whole time) and read bandwidth (that file read back with
 *              1 MiB reads once POSIX_FADV_DONTNEED dropped it from the page
 *              cache, checked with mincore);
 *   devstat_*  the block device's counters (/sys/dev/block/M:m/stat).
 * Header-only like benchutil.h.  An I/O error is said on stdout, prefixed
 * with the program's name, and marked in the result (failed).
 */
#ifndef QUIRE_BENCHDISK_H
#define QUIRE_BENCHDISK_H

#include "bench/benchutil.h"
#include "log/osio.h"
#include "log/qmerr.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define RAW_WSIZE 4096u
#define RAW_FIXED_SIZE (1u << 20)
#define RAW_FRESH_SIZE (256u << 20)
#define RAW_NEXT_SIZE (64u << 20)
#define SEQ_CHUNK (1u << 20)
#define SEQ_MAX (512ull << 20)

/* ---- the block device's counters ----------------------------------------------- */

/* Fields of /sys/dev/block/M:m/stat (from 0): sectors written (512 B), and
 * completed flush requests (kernels from 5.5 on). */
#define DEVSTAT_SECTORS_WRITTEN 6
#define DEVSTAT_FLUSHES 15

/* /sys/dev/block/M:m/stat of the device holding dir, or "" when there is
 * none to read. */
static inline void devstat_path(const char *dir, char *out, size_t len)
{
	struct stat st;
	out[0] = '\0';
	if (stat(dir, &st) != 0)
		return;
	char p[128];
	snprintf(p, sizeof p, "/sys/dev/block/%u:%u/stat", major(st.st_dev), minor(st.st_dev));
	if (access(p, R_OK) == 0)
		snprintf(out, len, "%s", p);
}

/* A field of that file, or -1 when unknown (no file, or too few fields). */
static inline int64_t devstat_field(const char *path, int field)
{
	if (!path[0] || field < 0 || field > 31)
		return -1;
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	unsigned long long v[32];
	int n = 0;
	while (n <= field && fscanf(f, "%llu", &v[n]) == 1)
		n++;
	fclose(f);
	return n > field ? (int64_t)v[field] : -1;
}

/* ---- the page cache ---------------------------------------------------------------- */

/* Bytes of the first len bytes of fd in the page cache (mincore); len when
 * it cannot be told. */
static inline uint64_t cached_bytes(int fd, uint64_t len)
{
	if (!len)
		return 0;
	void *m = mmap(NULL, (size_t)len, PROT_READ, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return len;
	long pg = sysconf(_SC_PAGESIZE);
	size_t np = (size_t)((len + (uint64_t)pg - 1) / (uint64_t)pg);
	unsigned char *vec = malloc(np);
	uint64_t in = np;
	if (vec && mincore(m, (size_t)len, vec) == 0) {
		in = 0;
		for (size_t i = 0; i < np; i++)
			in += vec[i] & 1;
	}
	free(vec);
	munmap(m, (size_t)len);
	in *= (uint64_t)pg;
	return in > len ? len : in;
}

/* ---- the raw fdatasync rate ---------------------------------------------------------- */

struct raw_result {
	double rate;            /* fdatasyncs per second */
	double p50, p99;        /* ms */
	double dev_per_sync;    /* device flushes per fdatasync, -1 unknown */
	int ok;                 /* measured */
	int failed;             /* an I/O error (said) */
};

/* Where raw_sync writes (its argument `fresh`). */
#define RAW_AT_FIXED 0   /* offset 0 of a written file */
#define RAW_AT_FRESH 1   /* the next page of a fallocated file, up to its end */
#define RAW_AT_NEXT 2    /* the next page of a written file, back to 0 at its end */

/* write + fdatasync of RAW_WSIZE bytes in a loop for `seconds`, in a file of
 * its own in dir, placed as `fresh` says (RAW_AT_*).  devstat:
 * devstat_path's, or "". */
static inline struct raw_result raw_sync(const char *dir, const char *devstat, int fresh, double seconds)
{
	struct raw_result r = { .dev_per_sync = -1 };
	const char *prog = program_invocation_short_name;
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/%s-raw-%d.dat", dir, prog, (int)getpid());
	int fd = osio->open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		printf("%s: create \"%s\" failed: %s\n", prog, path, strerror(errno));
		r.failed = 1;
		return r;
	}
	uint64_t fsize = fresh == RAW_AT_FRESH ? RAW_FRESH_SIZE : fresh == RAW_AT_NEXT ? RAW_NEXT_SIZE : RAW_FIXED_SIZE;
	uint8_t *buf = calloc(1, RAW_FIXED_SIZE);
	struct lat lat = { 0 };
	int rc = QM_ENOMEM;
	if (buf && fresh == RAW_AT_FRESH) {
		rc = os_preallocate(fd, (off_t)fsize);
	} else if (buf) {
		rc = QM_OK;
		for (uint64_t at = 0; !rc && at < fsize; at += RAW_FIXED_SIZE)
			rc = os_pwrite_full(fd, buf, RAW_FIXED_SIZE, (off_t)at);
		if (!rc)
			rc = os_fsync(fd);
	}
	if (rc) {
		printf("%s: prepare \"%s\" failed: %s\n", prog, path, strerror(errno));
		r.failed = 1;
		goto out;
	}
	fill_random(buf, RAW_WSIZE, 42);
	uint64_t n = 0, off = 0, t0 = now_ns(), t1 = t0, limit = (uint64_t)(seconds * 1e9);
	int64_t d0 = devstat_field(devstat, DEVSTAT_FLUSHES);
	while (t1 - t0 < limit) {
		if (off + RAW_WSIZE > fsize) {
			if (fresh == RAW_AT_FRESH)
				break;      /* every block is written now: stop, as timed */
			off = 0;
		}
		uint64_t a = now_ns();
		buf[0] = (uint8_t)n;
		if (os_pwrite_full(fd, buf, RAW_WSIZE, (off_t)off) || os_fdatasync(fd)) {
			printf("%s: write+fdatasync \"%s\" failed: %s\n", prog, path, strerror(errno));
			r.failed = 1;
			goto out;
		}
		t1 = now_ns();
		if (lat_add(&lat, t1 - a))
			goto out;
		n++;
		if (fresh != RAW_AT_FIXED)
			off += RAW_WSIZE;
	}
	int64_t d1 = devstat_field(devstat, DEVSTAT_FLUSHES);
	qsort(lat.v, lat.n, sizeof lat.v[0], cmp_u64);
	r.rate = (double)n / ((double)(t1 - t0) / 1e9);
	r.p50 = pct_ms(&lat, 50);
	r.p99 = pct_ms(&lat, 99);
	if (d0 >= 0 && d1 > d0 && n)
		r.dev_per_sync = (double)(d1 - d0) / (double)n;
	r.ok = n > 0;
out:
	free(lat.v);
	free(buf);
	osio->close(fd);
	osio->unlink(path);
	return r;
}

/* ---- sequential bandwidth ---------------------------------------------------------- */

struct seq_result {
	double write_mbs, read_mbs;   /* MB/s, 10^6 bytes */
	double mib;                   /* the file's size */
	int write_ok, read_ok;        /* measured */
	int failed;                   /* an I/O error (said) */
	char read_note[128];          /* how the read was measured, or why it was not */
};

static inline struct seq_result seq_bw(const char *dir, double seconds)
{
	struct seq_result r = { 0 };
	const char *prog = program_invocation_short_name;
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/%s-seq-%d.dat", dir, prog, (int)getpid());
	int fd = osio->open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	uint8_t *buf = malloc(SEQ_CHUNK);
	const char *what = "create";
	if (fd < 0 || !buf)
		goto bad;
	fill_random(buf, SEQ_CHUNK, 7);
	uint64_t off = 0, t0 = now_ns(), limit = (uint64_t)(seconds * 1e9);
	what = "sequential write";
	while (off < SEQ_MAX && now_ns() - t0 < limit) {
		buf[0] = (uint8_t)(off >> 20);
		if (os_pwrite_full(fd, buf, SEQ_CHUNK, (off_t)off))
			goto bad;
		off += SEQ_CHUNK;
	}
	what = "fdatasync";
	if (os_fdatasync(fd))
		goto bad;
	r.write_mbs = (double)off / 1e6 / ((double)(now_ns() - t0) / 1e9);
	r.mib = (double)off / (1 << 20);
	r.write_ok = 1;
	posix_fadvise(fd, 0, (off_t)off, POSIX_FADV_DONTNEED);
	double left = 100.0 * (double)cached_bytes(fd, off) / (double)off;
	if (left > 5) {
		snprintf(r.read_note, sizeof r.read_note,
			 "not measured: %.0f%% of the file stayed cached after POSIX_FADV_DONTNEED", left);
		goto out;
	}
	t0 = now_ns();
	what = "sequential read";
	for (uint64_t at = 0; at < off; at += SEQ_CHUNK)
		if (os_pread_full(fd, buf, SEQ_CHUNK, (off_t)at, NULL))
			goto bad;
	r.read_mbs = (double)off / 1e6 / ((double)(now_ns() - t0) / 1e9);
	r.read_ok = 1;
	snprintf(r.read_note, sizeof r.read_note, "page cache dropped first");
	goto out;
bad:
	printf("%s: %s \"%s\" failed: %s\n", prog, what, path, strerror(errno));
	r.failed = 1;
out:
	free(buf);
	if (fd >= 0) {
		osio->close(fd);
		osio->unlink(path);
	}
	return r;
}

#endif
