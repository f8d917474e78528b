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

/* A broken set-up, or an invariant an input broke: say what and abort. */
void fuzz_die(const char *what) __attribute__((noreturn));

/* A queue manager made as crtmqm makes it, in fuzz_scratch_dir()/sub with
 * MQ_DATA_PATH pointing there, extents of pages pages: its paths in *p. */
struct qm_paths;
void fuzz_qmgr_create(const char *sub, const char *name, int pages, struct qm_paths *p);

/* The log of fuzz_logread (and of its seeds, gen_seeds.c): linear, extents of
 * FUZZ_LOG_PAGES pages, S0000000.LOG and S0000001.LOG both part of the log
 * (sequences 0 and 1), no record in either.  Made in dir (created); 0 or -1
 * with why filled in. */
#define FUZZ_LOG_PAGES 64u
#define FUZZ_LOG_EXT   ((uint64_t)FUZZ_LOG_PAGES * 4096u)   /* bytes of one extent */
#define FUZZ_LOG_BODY  (FUZZ_LOG_EXT - 4096u)               /* its records: after the header page */
int fuzz_log_create(const char *dir, char *why, size_t n);

/* A queue manager made as crtmqm makes it (fuzz_qmgr_create: sub, name, 256
 * pages an extent), the MQSC commands defs[0..ndefs-1] applied offline, then
 * started in this process as strmqm's daemon starts it, without its loop
 * (fuzzqm.c): the server code can be fed bytes.  Dies when any step fails. */
struct qm;
struct qm *fuzz_qm_start(const char *sub, const char *name, const char *const *defs, size_t ndefs);

/* What the loop does between events: replies parked on the log released as
 * their records become durable, woken MQGETs served, dropped connections
 * reaped. */
void fuzz_qm_settle(struct qm *qm);

#endif
