/*
 * scratch.h: scratch folders for the unit tests (linked into every test
 * program, like faultio.c and qmharness.c).
 *
 *   char dir[256];
 *   ut_scratch_dir("qstore", dir, sizeof dir);   a new folder in QUIRE_TEST_DIR (or /tmp)
 *   ... the test ...
 *   ut_rm_tree(dir);                             it and everything below, through libc
 *                                                (never through the osio table)
 * A folder that cannot be made fails the test (cmocka).
 */
#ifndef QUIRE_SCRATCH_H
#define QUIRE_SCRATCH_H

#include <stddef.h>

void ut_scratch_dir(const char *prefix, char *out, size_t n);
int ut_rm_tree(const char *dir);

#endif
