/*
 * benchutil.h: small helpers the benchmarks share (clocks, random bytes lz4
 * cannot shrink, latency percentiles, the file system's name).  Header-only,
 * because every C file in bench/ is a program of its own.
 */
#ifndef QUIRE_BENCHUTIL_H
#define QUIRE_BENCHUTIL_H

#include <stdint.h>
#include <stdlib.h>
#include <sys/vfs.h>
#include <time.h>

static inline uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Bytes lz4 cannot shrink (xorshift64*). */
static inline void fill_random(uint8_t *b, size_t n, uint64_t seed)
{
	uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
	for (size_t i = 0; i < n; i++) {
		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		b[i] = (uint8_t)((x * 0x2545F4914F6CDD1Dull) >> 56);
	}
}

/* A growable list of latencies in nanoseconds. */
struct lat {
	uint64_t *v;
	size_t n, cap;
};

static inline int lat_add(struct lat *l, uint64_t ns)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4096;
		uint64_t *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = ns;
	return 0;
}

static inline int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Percentile p (0..100) in milliseconds of a sorted list. */
static inline double pct_ms(const struct lat *l, double p)
{
	if (!l->n)
		return 0;
	size_t i = (size_t)(p / 100.0 * (double)(l->n - 1) + 0.5);
	return (double)l->v[i] / 1e6;
}

static inline const char *fs_name(const char *dir)
{
	struct statfs s;
	if (statfs(dir, &s) != 0)
		return "unknown";
	switch ((unsigned long)s.f_type) {
	case 0xEF53: return "ext2/3/4";
	case 0x58465342: return "xfs";
	case 0x9123683E: return "btrfs";
	case 0x01021994: return "tmpfs";
	case 0x794c7630: return "overlayfs";
	case 0x2FC12FC1: return "zfs";
	case 0xF2F52010: return "f2fs";
	default: return "other";
	}
}

#endif
