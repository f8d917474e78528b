/*
 * fuzzqm.c: a queue manager running inside a fuzz target's process, for the
 * targets that feed bytes to the server code (fuzz_frames, fuzz_chlopen).
 * fuzz.h says what each function does.
 */
#include <stdio.h>
#include <sys/epoll.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/admin/mqsc.h"
#include "qm/home/qmgr.h"
#include "qm/qmrun.h"
#include "qm/server/conn.h"
#include "qm/server/daemon.h"
#include "qm/server/durable.h"
#include "qm/server/mqiserv.h"
#include "qm/store/store.h"
#include "tests/fuzz/fuzz.h"

struct qm *fuzz_qm_start(const char *sub, const char *name, const char *const *defs, size_t ndefs)
{
	char err[1024];
	struct qm_paths paths;
	fuzz_qmgr_create(sub, name, 256, &paths);
	/* the definitions applied offline, as runmqsc -> objstore would */
	struct log *lg;
	struct log_open_report rep;
	struct objstore os;
	if (log_open(paths.log_dir, LOG_OPEN_WRITE, 0, &lg, &rep) ||
	    objstore_open(&os, paths.data_dir, lg, err, sizeof err))
		fuzz_die("cannot open the new queue manager");
	for (size_t i = 0; i < ndefs; i++) {
		struct mqsc_out out = { 0 };
		if (mqsc_exec(&os, NULL, defs[i], &out) != MQSC_OK)
			fuzz_die(out.text ? out.text : defs[i]);
		mqsc_out_free(&out);
	}
	objstore_close(&os);
	log_close(lg);

	/* started as strmqm's daemon starts it, without its loop */
	struct qm *qm = qm_new(-1);
	if (!qm)
		fuzz_die("out of memory");
	int code = 0;
	if (qmgr_locate(name, &qm->paths, err, sizeof err) || qmgr_lock(&qm->paths, &qm->lockfd))
		fuzz_die("cannot lock the queue manager");
	if (store_start(qm, &code) != QM_OK)
		fuzz_die("store_start failed");
	qm->epfd = epoll_create1(EPOLL_CLOEXEC);
	qm->loop_thread = pthread_self();
	qm->state = QM_RUNNING;
	qm->last_ckpt_ms = qm_now_ms();
	return qm;
}

void fuzz_qm_settle(struct qm *qm)
{
	for (int i = 0; i < 1000 && qm->pend_head && !qm->log_failed; i++) {
		if (log_flush(qm->lg, qm->pend_tail->lsn) != QM_OK) {
			qm->log_failed = 1;
			break;
		}
		dur_release(qm, log_durable_lsn(qm->lg));
	}
	mqi_service_woken(qm);
	conn_reap(qm);
}
