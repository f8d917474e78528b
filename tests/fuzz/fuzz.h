/*
 * fuzz.h: what every fuzz target of tests/fuzz/ provides.
 *
 * A target is one file fuzz_<name>.c defining LLVMFuzzerTestOneInput (and,
 * when it needs set-up, LLVMFuzzerInitialize).  It is linked either with
 * libFuzzer (make fuzz: clang -fsanitize=fuzzer,...) or with replay.c (make
 * test, make check: every file of corpus/<name>/ and regress/<name>/ run once
 * through the normal build).  A target never exits: an input that breaks a
 * rule crashes (ASan, UBSan, or abort() on a broken invariant).
 */
#ifndef QUIRE_FUZZ_H
#define QUIRE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A folder for the target's files (a queue manager, a log): made once, under
 * /dev/shm when it exists (fsync is cheap there), else $TMPDIR or /tmp. */
const char *fuzz_scratch_dir(void);

#endif
