/*
 * qmharness.h: a real queue manager in a scratch folder for unit tests of
 * the store and the server's seams (no process, no socket).  Linked into
 * every unit test program (the helpers of tests/unit/ that are not tests).
 *
 *   struct qm_paths p;
 *   qmh_create(&(struct qmh_opts){ .name = "QM1" }, &p);   crtmqm's work, fresh MQ_DATA_PATH
 *   struct qm *qm = qmh_open("QM1", NULL, NULL);            located and locked
 *   store_start(qm, &code) ... the code under test ...
 *   qmh_close(qm);                                          log closed, lock released
 *
 * Failures stop the test (cmocka fail_msg).
 */
#ifndef QUIRE_QMHARNESS_H
#define QUIRE_QMHARNESS_H

#include <stdint.h>

#include "qm/home/qmgr.h"
#include "qm/qmrun.h"

struct qmh_opts {
	const char *name;        /* NULL: QM1 */
	int linear;              /* 0: circular */
	int pages;               /* LogFilePages, 0: 64 */
	int primary, secondary;  /* 0: 2 and 1 */
	int same_root;           /* 1: keep the MQ_DATA_PATH of the previous qmh_create */
};

void qmh_create(const struct qmh_opts *o, struct qm_paths *p);
/* Locate and lock; watcher (may be NULL) is added before anything runs. */
struct qm *qmh_open(const char *name, qm_watcher_fn *watcher, void *arg);
void qmh_close(struct qm *qm);
/* Lines of the queue manager's AMQERR01.LOG that contain text. */
int qmh_errlog_count(const struct qm_paths *p, const char *text);
/* n incompressible bytes from a seed (lz4 must not hide the size of a record). */
void qmh_noise(void *buf, size_t n, uint64_t seed);

#endif
