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
 *     commits, and more files in qm.ini are taken at the start;
 *   - the queue store: a power loss at every call of a checkpoint (log,
 *     control file, store segments and journal alike), then a restart, finds
 *     exactly the messages whose puts the log made durable less the gets it
 *     made durable, each with its own descriptor and body;
 *   - a routine checkpoint writes its batches a round at a time while the
 *     queue goes on (gets of the messages it is storing, new puts), or all
 *     at once when settled early; after a power loss the restart finds
 *     exactly what the log made durable.
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
#include <unistd.h>

#include "objects/qstore.h"

#include "cmqc.h"
#include "log/log.h"
#include "log/qmerr.h"
#include "qm/engine/qtable.h"
#include "qm/server/mqiserv.h"
#include "qm/store/qmlog.h"
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
	m->mem->put_lsn = put_lsn++;
	assert_int_equal(queue_add(o->q, m, NULL), QM_OK);
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

/* ---- power loss in a checkpoint -------------------------------------------------- */

#define PL_QUEUE "SYSTEM.DEFAULT.LOCAL.QUEUE"

static int pl_big;   /* pl_len gives rd_len's sizes */
static uint32_t rd_len(int i);

static uint32_t pl_fixed;   /* non-zero: every body is this long */

static uint32_t pl_len(int i)
{
	if (pl_fixed)
		return pl_fixed;
	if (pl_big)
		return rd_len(i);
	return (uint32_t)(i % 3 == 0 ? 9000 + 37 * i : 200 + 61 * i);   /* some span several pages */
}

/* A persistent put outside syncpoint as the server does it: the record
 * durable first (WAL rules 1 and 2), then the message on the queue. */
static void pl_put(struct qm *qm, int i)
{
	struct qobj *o = qm_qfind(qm, PL_QUEUE);
	assert_non_null(o);
	uint32_t len = pl_len(i);
	uint8_t *data = malloc(len);
	assert_non_null(data);
	qmh_noise(data, len, (uint64_t)i + 1);
	MQMD md = { MQMD_DEFAULT };
	md.Version = MQMD_VERSION_2;
	md.Persistence = MQPER_PERSISTENT;
	md.Priority = i % 10;
	snprintf((char *)md.MsgId, sizeof md.MsgId, "pl-%d", i);
	struct qmsg *m = qmsg_new(&md, data, len);
	assert_non_null(m);
	m->mem->seq = o->q->next_seq;
	struct objfile_msg fm;
	store_msg_header(m, &fm);
	size_t need = qmlog_put_size(PL_QUEUE, len);
	uint8_t *buf = malloc(need);
	assert_non_null(buf);
	int k = qmlog_enc_put(buf, need, PL_QUEUE, &fm, data);
	assert_true(k > 0);
	uint64_t first, last;
	assert_int_equal(store_append(qm, LOG_REC_MSG_PUT, 0, PL_QUEUE, buf, (size_t)k, 0, &first, &last), QM_OK);
	assert_int_equal(log_flush(qm->lg, last), QM_OK);
	m->mem->put_lsn = first;
	assert_int_equal(queue_add(o->q, m, NULL), QM_OK);
	free(buf);
	free(data);
}

/* A persistent get outside syncpoint of message pl-id (id < 0: the first
 * in priority order), its body checked; returns its index. */
static int pl_get_id(struct qm *qm, int id)
{
	struct qobj *o = qm_qfind(qm, PL_QUEUE);
	struct qmatch mt = { .options = MQMO_MATCH_MSG_ID };
	if (id >= 0)
		snprintf((char *)mt.msg_id, sizeof mt.msg_id, "pl-%d", id);
	struct qmsg *m = queue_find(o->q, id >= 0 ? &mt : NULL, qm_now_ms());
	assert_non_null(m);
	MQMD md;
	const void *data;
	void *owned;
	assert_int_equal(store_msg_load(qm, o, m, &md, &data, &owned), QM_OK);
	int i = atoi((const char *)md.MsgId + 3);
	uint8_t *exp = malloc(pl_len(i));
	qmh_noise(exp, pl_len(i), (uint64_t)i + 1);
	assert_int_equal(qmsg_len(m), pl_len(i));
	assert_memory_equal(exp, data, pl_len(i));
	free(exp);
	free(owned);
	uint8_t buf[128];
	int k = qmlog_enc_get(buf, sizeof buf, PL_QUEUE, qmsg_put_lsn(m));
	uint64_t lsn;
	assert_int_equal(store_append(qm, LOG_REC_MSG_GET, 0, PL_QUEUE, buf, (size_t)k, 0, &lsn, &lsn), QM_OK);
	assert_int_equal(log_flush(qm->lg, lsn), QM_OK);
	queue_remove(o->q, m);
	qmsg_free(m);
	return i;
}

static int pl_get(struct qm *qm)
{
	return pl_get_id(qm, -1);
}

/* The queue holds exactly the messages marked in want, each whole. */
static void pl_expect(struct qm *qm, const char *want, int n, int at)
{
	struct qobj *o = qm_qfind(qm, PL_QUEUE);
	assert_non_null(o);
	char *seen = calloc((size_t)n, 1);
	assert_non_null(seen);
	for (struct qmsg *m = queue_first(o->q); m; m = queue_next(m)) {
		MQMD md;
		const void *data;
		void *owned;
		if (store_msg_load(qm, o, m, &md, &data, &owned) != QM_OK)
			fail_msg("power loss at call %d: a message reads back wrong", at);
		int i = atoi((const char *)md.MsgId + 3);
		if (i < 0 || i >= n || !want[i] || seen[i])
			fail_msg("power loss at call %d: message pl-%d is there and should not be (or twice)", at, i);
		seen[i] = 1;
		uint8_t *exp = malloc(pl_len(i));
		qmh_noise(exp, pl_len(i), (uint64_t)i + 1);
		if (qmsg_len(m) != pl_len(i) || memcmp(exp, data, qmsg_len(m)) != 0)
			fail_msg("power loss at call %d: message pl-%d has the wrong body", at, i);
		free(exp);
		free(owned);
	}
	for (int i = 0; i < n; i++)
		if (want[i] && !seen[i])
			fail_msg("power loss at call %d: acknowledged message pl-%d is lost", at, i);
	free(seen);
}

/* One run: 30 puts and a checkpoint (a first store batch), 8 gets and 12
 * more puts, then a checkpoint with a power loss at its nth call of any
 * kind on any file (0: none), a restart, and the contents checked.
 * Returns whether the power loss happened. */
static int pl_run(int nth)
{
	enum { N = 42 };
	char want[N];
	memset(want, 0, sizeof want);
	struct qm_paths p;
	faultio_install();
	struct qm *qm = start(&(struct qmh_opts){ .pages = 256 }, &p);
	for (int i = 0; i < 30; i++) {
		pl_put(qm, i);
		want[i] = 1;
	}
	assert_int_equal(store_checkpoint(qm, NULL, 0, UINT64_MAX), QM_OK);
	for (int k = 0; k < 8; k++)
		want[pl_get(qm)] = 0;
	for (int i = 30; i < N; i++) {
		pl_put(qm, i);
		want[i] = 1;
	}
	if (nth)
		faultio_crash_at(FAULTIO_ANY, nth, NULL);
	int rc = store_checkpoint(qm, NULL, 0, UINT64_MAX);
	int crashed = faultio_crashed();
	if (!crashed)
		assert_int_equal(rc, QM_OK);
	qmh_close(qm);
	if (!crashed)
		faultio_crash();   /* the power goes just after it */
	faultio_restart();
	faultio_reset();
	qm = qmh_open("QM1", NULL, NULL);
	int code = -1;
	if (store_start(qm, &code) != QM_OK)
		fail_msg("power loss at call %d: the restart failed (code %d)", nth, code);
	pl_expect(qm, want, N, nth);
	/* and again, after the restart's own checkpoint */
	qmh_close(qm);
	qm = qmh_open("QM1", NULL, NULL);
	assert_int_equal(store_start(qm, &code), QM_OK);
	pl_expect(qm, want, N, nth);
	qmh_close(qm);
	faultio_uninstall();
	return crashed;
}

static void test_recovery__power_loss_in_a_checkpoint(void **st)
{
	(void)st;
	int n, crashes = 0;
	for (n = 1; n < 400; n++) {
		if (!pl_run(n))
			break;   /* the checkpoint made fewer calls than n: every one was tried */
		crashes++;
	}
	assert_true(n < 400);
	assert_true(crashes >= 10);
	print_message("power loss at each of the %d calls of the checkpoint: nothing lost or invented\n", crashes);
}

/* Close qm, lose the power (only what was synced stays), restart, and check
 * the queue holds exactly want. */
static void pl_power_loss(struct qm *qm, const char *want, int n, int at)
{
	qmh_close(qm);
	faultio_crash();
	faultio_restart();
	faultio_reset();
	qm = qmh_open("QM1", NULL, NULL);
	int code = -1;
	assert_int_equal(store_start(qm, &code), QM_OK);
	pl_expect(qm, want, n, at);
	qmh_close(qm);
}

/* Messages big enough that the batch takes several rounds. */
static uint32_t rd_len(int i)
{
	return (uint32_t)(40000 + 997 * i);
}

static void test_recovery__checkpoint_in_rounds(void **st)
{
	(void)st;
	pl_big = 1;
	for (int early = 0; early < 2; early++) {
		enum { N = 40, M = 50 };
		char want[M];
		memset(want, 0, sizeof want);
		struct qm_paths p;
		faultio_install();
		struct qm *qm = start(&(struct qmh_opts){ .pages = 1024 }, &p);
		for (int i = 0; i < N; i++) {
			pl_put(qm, i);
			want[i] = 1;
		}
		uint64_t total = 0;
		for (int i = 0; i < N; i++)
			total += pl_len(i);
		assert_true(total > 3 * QM_CKPT_ROUND_BYTES);
		assert_int_equal(store_checkpoint_start(qm, NULL, 0, UINT64_MAX), QM_OK);
		assert_true(store_checkpoint_writing(qm));   /* one round written, more to go */
		assert_false(store_checkpoint_due(qm, qm_now_ms() + 3600 * 1000));
		int rounds = 1;
		/* between rounds: gets of messages the batch is storing, and puts
		 * it must leave to the next checkpoint */
		for (int k = 0; k < 5; k++)
			want[pl_get(qm)] = 0;
		for (int i = N; i < M; i++) {
			pl_put(qm, i);
			want[i] = 1;
		}
		if (early) {
			assert_int_equal(store_checkpoint_settle(qm), QM_OK);
		} else {
			while (store_checkpoint_writing(qm)) {
				assert_int_equal(store_checkpoint_step(qm), QM_OK);
				rounds++;
				want[pl_get(qm)] = 0;
			}
			assert_true(rounds >= 3);
			assert_int_equal(store_checkpoint_settle(qm), QM_OK);
		}
		assert_false(store_checkpoint_writing(qm));
		assert_true(qm->ckpt_flight == NULL);
		pl_power_loss(qm, want, M, early ? -2 : -1);
		faultio_uninstall();
	}
	pl_big = 0;
}

/* Wait (up to 20 s) for the compaction step in flight to be applied. */
static void bg_landed(struct qm *qm)
{
	for (int k = 0; k < 20000 && !store_background_poll(qm); k++)
		usleep(1000);
	assert_null(qm->bg_flight);
}

/* A compaction step's writes and syncs run off the loop: while its syncs
 * are held, the queue it compacts is read (messages being moved among them),
 * put to and got from, and no checkpoint starts; then the steps go on to
 * the end, and after a power loss the queue holds exactly what it should. */
static void test_recovery__compaction_off_the_loop(void **st)
{
	(void)st;
	enum { N = 300, M = 310, SEG = 127 };   /* 127 bodies of 128 KiB fill a 16 MiB segment */
	char want[M];
	memset(want, 0, sizeof want);
	pl_fixed = 128 << 10;
	struct qm_paths p;
	faultio_install();
	struct qm *qm = start(&(struct qmh_opts){ .pages = 8192 }, &p);
	for (int i = 0; i < N; i++) {
		pl_put(qm, i);
		want[i] = 1;
	}
	assert_int_equal(store_checkpoint(qm, NULL, 0, UINT64_MAX), QM_OK);
	/* two of every three messages of the first two segments */
	for (int i = 0; i < 2 * SEG; i++)
		if (i % 3) {
			pl_get_id(qm, i);
			want[i] = 0;
		}
	assert_int_equal(store_checkpoint(qm, NULL, 0, UINT64_MAX), QM_OK);
	struct qobj *o = qm_qfind(qm, PL_QUEUE);
	assert_true(qm->bg_pending && o->bg_more);

	/* a checkpoint in flight: no step beside it, and the work is not
	 * forgotten meanwhile (store_background keeps saying there is some) */
	pl_put(qm, N + 1);
	want[N + 1] = 1;
	assert_int_equal(store_checkpoint_start(qm, NULL, 0, UINT64_MAX), QM_OK);
	assert_non_null(qm->ckpt_flight);
	assert_int_equal(store_background(qm, 1 << 20), 1);
	assert_null(qm->bg_flight);
	assert_int_equal(store_checkpoint_settle(qm), QM_OK);

	faultio_hold_syncs(".qsd");   /* the step's data syncs wait */
	for (int k = 0; k < QM_QHASH && !qm->bg_flight; k++)   /* (queues with nothing to do first) */
		assert_int_equal(store_background(qm, 1 << 20), 1);
	assert_non_null(qm->bg_flight);
	assert_int_equal(faultio_held(1, 20000), 1);
	/* the loop goes on: reads of the records being copied, a put, a get */
	assert_false(store_checkpoint_due(qm, qm_now_ms() + 3600 * 1000));
	assert_int_equal(store_background_poll(qm), 0);
	pl_get_id(qm, 0);
	want[0] = 0;
	pl_get_id(qm, 3);
	want[3] = 0;
	pl_put(qm, N);
	want[N] = 1;
	assert_int_equal(store_background(qm, 1 << 20), 1);   /* one step at a time */
	faultio_release_syncs();
	bg_landed(qm);

	/* the rest of the compaction, a step at a time */
	int steps = 1;
	while (store_background(qm, 1 << 20)) {
		if (qm->bg_flight) {
			bg_landed(qm);
			steps++;
		}
		assert_true(steps < 1000);
	}
	struct qstore_stats qs;
	qstore_stats(o->store, &qs);
	assert_true(qs.moved >= SEG / 3);       /* the live third of a segment at least */
	assert_true(qs.segs_deleted >= 1);
	assert_true(steps > 4);
	pl_get_id(qm, 6);   /* a moved one, read from its new place */
	want[6] = 0;
	assert_int_equal(store_checkpoint(qm, NULL, 0, UINT64_MAX), QM_OK);
	pl_power_loss(qm, want, M, -3);
	faultio_uninstall();
	pl_fixed = 0;
}

/* Each test starts with the default body sizes, whatever one that failed
 * half-way left set. */
static int sizes_default(void **st)
{
	(void)st;
	pl_big = 0;
	pl_fixed = 0;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_recovery__checkpoint_in_rounds, sizes_default),
		cmocka_unit_test_setup(test_recovery__compaction_off_the_loop, sizes_default),
		cmocka_unit_test_setup(test_recovery__no_checkpoint_storm_behind_a_long_unit_of_work, sizes_default),
		cmocka_unit_test_setup(test_recovery__failed_queue_file_sync_is_fail_stop, sizes_default),
		cmocka_unit_test_setup(test_recovery__full_disk_defers_checkpoints_and_says_so_once, sizes_default),
		cmocka_unit_test_setup(test_recovery__a_full_log_keeps_room_for_a_start, sizes_default),
		cmocka_unit_test_setup(test_recovery__power_loss_in_a_checkpoint, sizes_default),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
