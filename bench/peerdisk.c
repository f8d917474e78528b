/*
 * peerdisk.c: the two disk limits bench/peerbench.sh sets Quire and its peers
 * beside, measured with benchdisk.h as mqbench measures its own:
 *   fixed   a 4 KiB pwrite at offset 0 of a written file, then fdatasync, in
 *           a loop (the raw fdatasync rate);
 *   append  each 4 KiB pwrite on the next page of a preallocated file whose
 *           blocks were written first (64 MiB, back to its start at its
 *           end), then fdatasync: sequential appends, what a log does on an
 *           extent it reuses.  A Quire message costs two such commits.
 *
 *   peerdisk --dir DIR --raw-seconds S
 *
 * Prints one line for each, meant for peerbench.sh to read:
 *   limit fixed RATE P50_MS P99_MS
 *   limit append RATE P50_MS P99_MS
 * (RATE in fdatasyncs per second; "limit NAME failed" when it could not be
 * measured).  Exit status 1 when a write or fdatasync failed (said on
 * stdout), else 0.  Given a lone folder (as bench/run.sh calls every
 * benchmark) it says that peerbench.sh runs it and exits 0.
 */
#include "bench/benchdisk.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

struct opts {
	char dir[PATH_MAX];
	double raw_seconds;
};

static void usage(void)
{
	printf("usage: peerdisk --dir DIR --raw-seconds S\n"
	       "  --dir DIR        a folder on the disk to measure (never a tmpfs)\n"
	       "  --raw-seconds S  duration of each loop\n");
}

static int set_opt(void *arg, const char *a, const char *v)
{
	struct opts *o = arg;
	if (!strcmp(a, "--dir"))
		return strlen(v) >= sizeof o->dir || !snprintf(o->dir, sizeof o->dir, "%s", v);
	if (!strcmp(a, "--raw-seconds"))
		return parse_secs(v, &o->raw_seconds);
	return 0;
}

static const struct bench_cli cli = {
	.prog = "peerdisk",
	.flags = (const char *const[]){ NULL },
	.valued = (const char *const[]){ "--dir", "--raw-seconds", NULL },
	.set = set_opt,
	.usage = usage,
	.lone_folder = "peerdisk is run by bench/peerbench.sh (sh bench/peerbench.sh build)",
};

static void print_limit(const char *name, const struct raw_result *r)
{
	if (r->ok)
		printf("limit %s %.0f %.3f %.3f\n", name, r->rate, r->p50, r->p99);
	else
		printf("limit %s failed\n", name);
}

int main(int argc, char **argv)
{
	struct opts o = { .raw_seconds = 2 };
	int rc = bench_cmdline(&cli, argc, argv, &o);
	if (rc >= 0)
		return rc;
	struct raw_result fixed = raw_sync(o.dir, "", RAW_AT_FIXED, o.raw_seconds);
	print_limit("fixed", &fixed);
	struct raw_result append = raw_sync(o.dir, "", RAW_AT_NEXT, o.raw_seconds);
	print_limit("append", &append);
	return fixed.failed || append.failed;
}
