/* scratch.c: fuzz_scratch_dir and fuzz_log_create (tests/fuzz/fuzz.h). */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log/log.h"
#include "log/logctl.h"
#include "qm/home/qmgr.h"
#include "qm/store/qmcreate.h"
#include "tests/fuzz/fuzz.h"

static char dir[4096];

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	remove(path);
	return 0;
}

/* The folder goes when the process ends normally (a crash keeps it to look at). */
static void cleanup(void)
{
	if (dir[0])
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *fuzz_scratch_dir(void)
{
	if (dir[0])
		return dir;
	struct stat st;
	const char *base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0
				   ? "/dev/shm" : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(dir, sizeof dir, "%s/quire-fuzz.XXXXXX", base);
	if (!mkdtemp(dir)) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(cleanup);
	return dir;
}

int fuzz_log_create(const char *dir, char *why, size_t n)
{
	struct log_config c = { .path = dir, .type = LOG_LINEAR, .mgmt = LOG_MANUAL, .primary = 2, .secondary = 1,
				.pages = FUZZ_LOG_PAGES };
	memcpy(c.qmid, "quire-fuzz-log..", 16);
	if (log_create(&c, why, n))
		return -1;
	/* linear: S0000001.LOG is already formatted for sequence 1; make it part
	 * of the log as if the writer had moved on to it */
	struct logctl ctl;
	if (logctl_read(dir, &ctl, why, n))
		return -1;
	ctl.cur_seq = 1;
	if (logctl_write(dir, &ctl)) {
		snprintf(why, n, "logctl_write failed");
		return -1;
	}
	return 0;
}

void fuzz_die(const char *what)
{
	fprintf(stderr, "fuzz: %s\n", what);
	abort();
}

void fuzz_qmgr_create(const char *sub, const char *name, int pages, struct qm_paths *p)
{
	char root[4096], err[1024];
	snprintf(root, sizeof root, "%s/%s", fuzz_scratch_dir(), sub);
	setenv("MQ_DATA_PATH", root, 1);
	struct qmgr_create_opts o = { .name = name, .max_handles = -1, .max_umsgs = -1, .log_mgmt = -1,
				      .log_file_pages = pages };
	struct qmgr_create_result res;
	if (qmgr_create(&o, &res, err, sizeof err))
		fuzz_die(err);
	*p = res.paths;
}
