/*
 * benchutil.h: small helpers the benchmarks share (clocks, random bytes lz4
 * cannot shrink, latency percentiles, the file system's name, MQ name
 * fields, the command line).  Header-only, because every C file in bench/ is
 * a program of its own.  The disk's limits are in benchdisk.h.
 */
#ifndef QUIRE_BENCHUTIL_H
#define QUIRE_BENCHUTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* An MQ name field (MQCHAR48 and the like): name, padded with zeros. */
static inline void set_name(char *field, size_t size, const char *name)
{
	size_t n = strlen(name);
	memset(field, 0, size);
	memcpy(field, name, n < size ? n : size);
}

/* A comma list of integers, each in lo..hi, at most max of them, into out:
 * how many, or -1 when the list is empty or any of it is wrong. */
static inline int bench_int_list(const char *s, int *out, int max, int lo, int hi)
{
	int n = 0;
	while (*s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v < lo || v > hi || n == max)
			return -1;
		out[n++] = (int)v;
		s = end;
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return n ? n : -1;
}

/* A message size for a table: "4 KiB" when whole KiB, else "300 B". */
static inline const char *bench_size_name(int n, char *buf, size_t len)
{
	if (n >= 1024 && n % 1024 == 0)
		snprintf(buf, len, "%d KiB", n / 1024);
	else
		snprintf(buf, len, "%d B", n);
	return buf;
}

/* A duration option: 0 < S <= 3600 seconds.  0, or -1 when bad. */
static inline int parse_secs(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || v <= 0 || v > 3600)
		return -1;
	*out = v;
	return 0;
}

/* A benchmark's command line: options without a value (flags), options with
 * one (valued; the first two are required), set() to take each (0, or
 * nonzero for a bad value), and what to say when called the way bench/run.sh
 * calls every benchmark, with only a folder. */
struct bench_cli {
	const char *prog;
	const char *const *flags, *const *valued;   /* NULL-ended */
	int (*set)(void *o, const char *name, const char *value);   /* value NULL for a flag */
	void (*usage)(void);
	const char *lone_folder;
};

static inline int bench_cli_has(const char *const *names, const char *a)
{
	for (; *names; names++)
		if (!strcmp(*names, a))
			return 1;
	return 0;
}

/* Walks argv into o.  Returns -1 when the benchmark goes on, else its exit
 * status: 0 after --help (the usage) or a lone folder (lone_folder said), 1
 * after saying what is wrong (an unknown option, a missing or bad value, a
 * required option missing, an argument left over).  Makes stdout
 * line-buffered, so that figures show as they come. */
static inline int bench_cmdline(const struct bench_cli *cli, int argc, char **argv, void *o)
{
	int positional = 0, given[2] = { 0, 0 };
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			cli->usage();
			return 0;
		} else if (bench_cli_has(cli->flags, a)) {
			cli->set(o, a, NULL);
			continue;
		} else if (a[0] != '-') {
			positional++;
			continue;
		}
		if (!bench_cli_has(cli->valued, a)) {
			printf("%s: unknown option %s\n", cli->prog, a);
			cli->usage();
			return 1;
		}
		if (!v) {
			printf("%s: %s needs a value\n", cli->prog, a);
			return 1;
		}
		i++;
		if (cli->set(o, a, v)) {
			printf("%s: bad value '%s' for %s\n", cli->prog, v, a);
			return 1;
		}
		for (int k = 0; k < 2; k++)
			given[k] |= !strcmp(a, cli->valued[k]);
	}
	if (!given[0] && !given[1] && positional) {
		printf("%s\n", cli->lone_folder);
		return 0;
	}
	if (given[0] && given[1] && !positional)
		return -1;
	if (positional)
		printf("%s: unexpected argument\n", cli->prog);
	else
		printf("%s: %s is required\n", cli->prog, cli->valued[given[0] ? 1 : 0]);
	cli->usage();
	return 1;
}

#endif
