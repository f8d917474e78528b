/*
 * test_startup.c: the seams between the store and the server, on a real
 * queue manager in a scratch folder (no process, no socket):
 *   - store_start reports each phase as an event to every watcher, in order,
 *     and the error log (a watcher the store adds) keeps them;
 *   - a start that fails says so once, as a QM_EV_FAILED event with strmqm's
 *     exit code and the reason;
 *   - restart recovery's progress comes as QM_EV_PROGRESS events beside the
 *     phases (queues loaded of the catalog, log records replayed with the LSN
 *     reached), which systemd's STATUS lines are made of (server/sdnotify.c);
 *   - store_append gives a full log back to its caller without taking a
 *     checkpoint itself; dur_append (the server's) checkpoints and goes on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log/log.h"
#include "log/logrec.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/home/qmgr.h"
#include "qm/qmrun.h"
#include "qm/server/daemon.h"
#include "qm/server/durable.h"
#include "qm/store/qmcreate.h"
#include "qm/store/store.h"
#include "tests/unit/qmharness.h"

/* What a watcher saw: kind and msgid of each phase or failure, the last
 * failure; the progress events apart (how many, the last of each kind). */
struct seen {
	int n;
	int kind[64];
	int msgid[64];
	int exit_code;
	char detail[512];
	int nprog, nload, nreplay;
	struct qm_event load, replay;
	int prog_after_phase;   /* a LOAD event came after the first phase */
};

static void watcher(struct qm *qm, const struct qm_event *ev, void *arg)
{
	(void)qm;
	struct seen *s = arg;
	if (ev->kind == QM_EV_PROGRESS) {
		s->nprog++;
		if (ev->what == QM_PROG_LOAD) {
			s->nload++;
			s->load = *ev;
			if (s->n)
				s->prog_after_phase = 1;
		} else if (ev->what == QM_PROG_REPLAY) {
			s->nreplay++;
			s->replay = *ev;
		}
		return;
	}
	if (s->n < 64) {
		s->kind[s->n] = ev->kind;
		s->msgid[s->n] = ev->msgid;
		s->n++;
	}
	if (ev->kind == QM_EV_FAILED) {
		s->exit_code = ev->exit_code;
		snprintf(s->detail, sizeof s->detail, "%s", ev->detail ? ev->detail : "");
	}
}

/* A new queue manager QM1 (circular log of 2 + 1 extents of 64 pages). */
static void make_qm(struct qm_paths *p)
{
	qmh_create(&(struct qmh_opts){ .name = "QM1" }, p);
}

static struct qm *open_qm(struct seen *s) { return qmh_open("QM1", watcher, s); }
static void close_qm(struct qm *qm) { qmh_close(qm); }
static int errlog_has(const struct qm_paths *p, const char *text) { return qmh_errlog_count(p, text) > 0; }

static void test_startup__phases_reach_every_watcher_in_order(void **st)
{
	(void)st;
	struct qm_paths p;
	make_qm(&p);
	struct seen s = { 0 }, s2 = { 0 };
	struct qm *qm = open_qm(&s);
	assert_int_equal(qm_watch(qm, watcher, &s2), QM_OK);
	int code = -1;
	assert_int_equal(store_start(qm, &code), QM_OK);
	assert_int_equal(code, 0);
	const int want[] = { AMQ_REPLAY_RECORDS, AMQ_REPLAY_COMPLETE, AMQ_RECOVERY_RECORDS, AMQ_TXN_STATE_RECOVERED };
	assert_int_equal(s.n, 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(s.kind[i], QM_EV_PHASE);
		assert_int_equal(s.msgid[i], want[i]);
		assert_int_equal(s2.msgid[i], want[i]);
	}
	assert_int_equal(s2.n, 4);
	/* the progress: one LOAD event per object of the catalog, the last one
	 * saying all of them, before any phase; the replay's whole count at the
	 * end of its pass, up to the log's end */
	assert_int_equal(s.nload, (int)qm->os.cat.n);
	assert_true(qm->os.cat.n > 10);
	assert_int_equal(s.load.done, qm->os.cat.n);
	assert_int_equal(s.load.total, qm->os.cat.n);
	assert_int_equal(s.load.msgs, 0);
	assert_false(s.prog_after_phase);
	assert_int_equal(s.nreplay, 1);
	assert_true(s.replay.done >= 1);
	assert_true(s.replay.end_lsn > 0);
	assert_int_equal(s.replay.lsn, s.replay.end_lsn);
	assert_true(s.replay.from_lsn <= s.replay.lsn);
	assert_int_equal(s2.nprog, s.nprog);
	/* the store's own watcher, the error log, kept them too */
	assert_true(errlog_has(&p, "AMQ7230I"));
	assert_true(errlog_has(&p, "AMQ7232I"));
	close_qm(qm);
}

static void test_startup__watchers_are_bounded(void **st)
{
	(void)st;
	struct qm *qm = qm_new(-1);
	assert_non_null(qm);
	struct seen s = { 0 };
	for (int i = 0; i < QM_WATCHERS; i++)
		assert_int_equal(qm_watch(qm, watcher, &s), QM_OK);
	assert_int_equal(qm_watch(qm, watcher, &s), QM_EINVAL);
	qm_phase(qm, AMQ_REPLAY_COMPLETE, "QM1", (const char *)NULL);
	assert_int_equal(s.n, QM_WATCHERS);
	free(qm);
}

static void test_startup__a_failed_start_is_one_failed_event(void **st)
{
	(void)st;
	struct qm_paths p;
	make_qm(&p);
	char ext[4200];
	snprintf(ext, sizeof ext, "%s/active/S0000000.LOG", p.log_dir);
	assert_int_equal(unlink(ext), 0);
	struct seen s = { 0 };
	struct qm *qm = open_qm(&s);
	int code = 0;
	assert_int_not_equal(store_start(qm, &code), QM_OK);
	assert_int_equal(code, 23);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.kind[0], QM_EV_FAILED);
	assert_int_equal(s.msgid[0], AMQ_LOG_NOT_AVAILABLE);
	assert_int_equal(s.exit_code, 23);
	/* AMQ7017 says which file (issue 9 defect 6), on the console and in the error log */
	assert_true(errlog_has(&p, "S0000000.LOG"));
	close_qm(qm);
}

static void test_startup__append_leaves_log_full_to_its_caller(void **st)
{
	(void)st;
	struct qm_paths p;
	make_qm(&p);
	struct seen s = { 0 };
	struct qm *qm = open_qm(&s);
	int code;
	assert_int_equal(store_start(qm, &code), QM_OK);
	/* incompressible records until the circular log has no room */
	enum { SZ = 48 * 1024 };
	uint8_t *buf = malloc(SZ);
	assert_non_null(buf);
	qmh_noise(buf, SZ, 1);
	uint64_t ckpts = qm->ckpt_count, lsn = 0;
	int rc = QM_OK, n = 0;
	while (rc == QM_OK && n < 1000) {
		buf[0] = (uint8_t)n++;
		rc = store_append(qm, LOG_REC_TEST, 0, NULL, buf, SZ, 0, &lsn, NULL);
	}
	assert_int_equal(rc, QM_ELOGFULL);
	assert_true(n > 5);
	assert_int_equal(qm->ckpt_count, ckpts);   /* the store did not decide to checkpoint */
	assert_int_equal(qm->log_failed, 0);
	/* the server's append does: a checkpoint, then the record goes */
	assert_int_equal(dur_append(qm, LOG_REC_TEST, 0, NULL, buf, SZ, 0, &lsn, NULL), QM_OK);
	assert_int_equal(qm->ckpt_count, ckpts + 1);
	assert_int_equal(log_flush(qm->lg, lsn), QM_OK);
	free(buf);
	close_qm(qm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_startup__phases_reach_every_watcher_in_order),
		cmocka_unit_test(test_startup__watchers_are_bounded),
		cmocka_unit_test(test_startup__a_failed_start_is_one_failed_event),
		cmocka_unit_test(test_startup__append_leaves_log_full_to_its_caller),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
