/*
 * scratch.c: scratch folders for the unit tests (scratch.h).
 */
#include "tests/unit/scratch.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>

void ut_scratch_dir(const char *prefix, char *out, size_t n)
{
	const char *base = getenv("QUIRE_TEST_DIR");
	snprintf(out, n, "%s/%s.XXXXXX", base && *base ? base : "/tmp", prefix);
	if (!mkdtemp(out))
		fail_msg("cannot make a scratch folder %s", out);
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

int ut_rm_tree(const char *dir)
{
	return nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}
