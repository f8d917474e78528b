/*
 * test_recovery.c: the defects of restart and checkpoints found by crashing
 * and starving a queue manager (issue 9), each on a real queue manager in a
 * scratch folder (tests/unit/qmharness.h), each a test that failed before its
 * fix:
 *   - defect 4: a unit of work holding the restart LSN made "half the log
 *     used" true on every pass, a checkpoint storm;
 *   - defect 5: a queue file whose fsync fails (EIO) was retried at every
 *     checkpoint, each logging a false AMQ7472: now fail-stop, said once;
 *   - defect 10: a full disk at a checkpoint wrote a false AMQ7472 every
 *     time and the next checkpoint came at once: now deferred, said once per
 *     episode, and a log extent that finds no disk gives 2102, not 2195;
 *   - defect 3: a full log keeps room for a start below the reserve for
 *     commits, and more files in qm.ini are taken at the start.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmqc.h"
#include "log/log.h"
#include "log/qmerr.h"
#include "qm/engine/qtable.h"
#include "qm/server/mqiserv.h"
#include "qm/store/store.h"
#include "tests/unit/faultio.h"
#include "tests/unit/qmharness.h"

static struct qm *start(const struct qmh_opts *o, struct qm_paths *p)
{
	qmh_create(o, p);
	struct qm *qm = qmh_open(o->name, NULL, NULL);
	int code = -1;
	assert_int_equal(store_start(qm, &code), QM_OK);
	assert_int_equal(code, 0);
	return qm;
}

/* defect 4 */
static void test_recovery__no_checkpoint_storm_behind_a_long_unit_of_work(void **st)
{
	(void)st;
	struct qm_paths p;
	/* 4 primaries of 256 KiB: "half the primary log" is 512 KiB */
	struct qm *qm = start(&(struct qmh_opts){ .primary = 4, .secondary = 2 }, &p);
	uint8_t buf[1024];
	uint64_t lsn;
	qmh_noise(buf, sizeof buf, 4);
	/* a unit of work logs one record and then stays open */
	assert_int_equal(store_append(qm, LOG_REC_TEST, 999, NULL, buf, sizeof buf, 0, &lsn, NULL), QM_OK);
	struct qmlog_ckpt_uow u = { .id = 999, .first_lsn = lsn };
	assert_int_equal(store_checkpoint(qm, &u, 1, UINT64_MAX), QM_OK);
	uint64_t before = qm->ckpt_count;
	/* 700 KiB of other work: the loop's test after each record */
	for (int i = 0; i < 700; i++) {
		buf[0] = (uint8_t)i;
		assert_int_equal(store_append(qm, LOG_REC_TEST, 0, NULL, buf, sizeof buf, 0, &lsn, NULL), QM_OK);
		if (store_checkpoint_due(qm, qm_now_ms()))
			assert_int_equal(store_checkpoint(qm, &u, 1, UINT64_MAX), QM_OK);
	}
	/* one checkpoint per half of the primary log written, not one per record */
	uint64_t taken = qm->ckpt_count - before;
	assert_true(taken >= 1);
	assert_true(taken <= 2);
	qmh_close(qm);
}

/* A queue with a persistent message its store does not have yet: the next
 * checkpoint must write it (its put LSN stands for a record; none is read) */
static struct qobj *dirty_queue(struct qm *qm)
{
	static uint64_t put_lsn = (uint64_t)1 << 40;
	struct qobj *o = qm_qfind(qm, "SYSTEM.DEFAULT.LOCAL.QUEUE");
	assert_non_null(o);
	MQMD md = { MQMD_DEFAULT };
	md.Version = MQMD_VERSION_2;
	md.Persistence = MQPER_PERSISTENT;
	struct qmsg *m = qmsg_new(&md, "body", 4);
	assert_non_null(m);
	m->put_lsn = put_lsn++;
	assert_int_equal(queue_add(o->q, m, NULL), QM_OK);
	o->dirty = 1;
	return o;
}

/* defect 5 */
static void test_recovery__failed_queue_file_sync_is_fail_stop(void **st)
{
	(void)st;
	struct qm_paths p;
	faultio_install();
	struct qm *qm = start(&(struct qmh_opts){ 0 }, &p);
	dirty_queue(qm);
	faultio_fail_sync(1, EIO, "/queues/");
	assert_int_not_equal(store_checkpoint(qm, NULL, 0, UINT64_MAX), QM_OK);
	assert_int_equal(qm->store_failed, 1);
	assert_int_equal(qm->log_failed, 0);
	assert_int_equal(qmh_errlog_count(&p, "AMQ7897S"), 1);
	assert_int_equal(qmh_errlog_count(&p, "AMQ7472"), 0);
	/* never retried: the next checkpoint touches no queue file and says nothing */
	struct faultio_stats s0 = faultio_stats_path("/queues/");
	for (int i = 0; i < 3; i++)
		assert_int_equal(store_checkpoint(qm, NULL, 0, UINT64_MAX), QM_EIO);
	struct faultio_stats s1 = faultio_stats_path("/queues/");
	assert_int_equal(s1.fsyncs + s1.fdatasyncs, s0.fsyncs + s0.fdatasyncs);
	assert_int_equal(s1.pwrites, s0.pwrites);
	assert_int_equal(qmh_errlog_count(&p, "AMQ7897S"), 1);
	qmh_close(qm);
	faultio_uninstall();
}

/* defect 10 */
static void test_recovery__full_disk_defers_checkpoints_and_says_so_once(void **st)
{
	(void)st;
	struct qm_paths p;
	faultio_install();
	struct qm *qm = start(&(struct qmh_opts){ 0 }, &p);
	uint64_t restart = qm->ckpt_restart_lsn;
	faultio_fail_op(FAULTIO_PWRITE | FAULTIO_FALLOCATE | FAULTIO_OPEN, 1, ENOSPC, "/queues/", true);
	for (int i = 0; i < 3; i++) {
		dirty_queue(qm);
		assert_int_equal(store_checkpoint(qm, NULL, 0, UINT64_MAX), QM_ENOSPC);
	}
	assert_int_equal(qm->store_failed, 0);
	assert_int_equal(qm->ckpt_restart_lsn, restart);   /* the log still holds what the file lacks */
	assert_int_equal(qmh_errlog_count(&p, "AMQ7898W"), 1);
	assert_int_equal(qmh_errlog_count(&p, "AMQ7472"), 0);
	/* backed off: not due again at once, however much work waits */
	qm->ops_since_ckpt = 1000000;
	assert_false(store_checkpoint_due(qm, qm_now_ms()));
	assert_true(store_checkpoint_due(qm, qm_now_ms() + QM_CKPT_RETRY_MS + 1));
	/* space again: the checkpoint goes, and a new episode is said again */
	faultio_reset();
	assert_int_equal(store_checkpoint(qm, NULL, 0, UINT64_MAX), QM_OK);
	assert_true(qm->ckpt_restart_lsn > restart);
	faultio_fail_op(FAULTIO_PWRITE | FAULTIO_FALLOCATE | FAULTIO_OPEN, 1, ENOSPC, "/queues/", true);
	dirty_queue(qm);
	assert_int_equal(store_checkpoint(qm, NULL, 0, UINT64_MAX), QM_ENOSPC);
	assert_int_equal(qmh_errlog_count(&p, "AMQ7898W"), 2);
	faultio_reset();
	qmh_close(qm);
	faultio_uninstall();
	/* a log that finds no disk for an extent is 2102 to the application */
	assert_int_equal(mqi_log_reason(QM_ENOSPC), MQRC_RESOURCE_PROBLEM);
	assert_int_equal(mqi_log_reason(QM_ELOGFULL), MQRC_RESOURCE_PROBLEM);
}

/* defect 3: below the reserve for commits and backouts there is one for a
 * start, and qm.ini's file counts take effect at the start */
static void test_recovery__a_full_log_keeps_room_for_a_start(void **st)
{
	(void)st;
	struct qm_paths p;
	struct qm *qm = start(&(struct qmh_opts){ 0 }, &p);
	uint8_t buf[2000];
	uint64_t lsn;
	int n = 0, rc;
	qmh_noise(buf, sizeof buf, 3);
	/* a unit of work holds the log from here */
	assert_int_equal(store_append(qm, LOG_REC_TEST, 7, NULL, buf, sizeof buf, 0, &lsn, NULL), QM_OK);
	while ((rc = store_append(qm, LOG_REC_TEST, 0, NULL, buf, sizeof buf, 0, &lsn, NULL)) == QM_OK)
		n++;
	assert_int_equal(rc, QM_ELOGFULL);
	/* commits and backouts go on in the reserve, until only a start's is left */
	int reserved = 0;
	while ((rc = store_append(qm, LOG_REC_UOW_COMMIT, 0, NULL, buf, 100, LOG_APPEND_RESERVED, &lsn, NULL)) == QM_OK)
		reserved++;
	assert_int_equal(rc, QM_ELOGFULL);
	assert_true(reserved > 10);
	/* and a start still has room for its records */
	for (int i = 0; i < 4; i++)
		assert_int_equal(store_append(qm, LOG_REC_UOW_BACKOUT, 0, NULL, buf, 100, LOG_APPEND_RESTART, &lsn, NULL),
				 QM_OK);
	assert_int_equal(log_flush(qm->lg, lsn), QM_OK);
	/* more secondaries: room again; fewer files than are in use: refused */
	char why[256];
	assert_int_equal(log_set_limits(qm->lg, 2, 4, why, sizeof why), QM_OK);
	assert_int_equal(store_append(qm, LOG_REC_TEST, 0, NULL, buf, sizeof buf, 0, &lsn, NULL), QM_OK);
	struct log_info li;
	assert_int_equal(log_info(qm->lg, &li), QM_OK);
	assert_int_equal(li.secondary, 4);
	while (store_append(qm, LOG_REC_TEST, 0, NULL, buf, sizeof buf, 0, &lsn, NULL) == QM_OK)
		;   /* now 6 extents hold the log */
	assert_int_equal(log_set_limits(qm->lg, 2, 1, why, sizeof why), QM_EINVAL);
	assert_non_null(strstr(why, "extents hold the log now"));
	assert_int_equal(log_info(qm->lg, &li), QM_OK);
	assert_int_equal(li.secondary, 4);
	qmh_close(qm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recovery__no_checkpoint_storm_behind_a_long_unit_of_work),
		cmocka_unit_test(test_recovery__failed_queue_file_sync_is_fail_stop),
		cmocka_unit_test(test_recovery__full_disk_defers_checkpoints_and_says_so_once),
		cmocka_unit_test(test_recovery__a_full_log_keeps_room_for_a_start),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
