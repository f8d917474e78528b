/*
 * qmrun.c: the startup events of struct qm (see qmrun.h): who watches, and
 * the shorthands that emit.
 */
#include "qm/qmrun.h"

#include <stdarg.h>

#include "log/qmerr.h"

int qm_watch(struct qm *qm, qm_watcher_fn *fn, void *arg)
{
	if (qm->nwatch >= QM_WATCHERS)
		return QM_EINVAL;
	qm->watch[qm->nwatch].fn = fn;
	qm->watch[qm->nwatch].arg = arg;
	qm->nwatch++;
	return QM_OK;
}

void qm_emit(struct qm *qm, const struct qm_event *ev)
{
	for (int i = 0; i < qm->nwatch; i++)
		qm->watch[i].fn(qm, ev, qm->watch[i].arg);
}

static void take_inserts(struct qm_event *ev, va_list ap)
{
	const char *x;
	while (ev->nins < 9 && (x = va_arg(ap, const char *)) != NULL)
		ev->ins[ev->nins++] = x;
}

void qm_phase(struct qm *qm, int msgid, ...)
{
	struct qm_event ev = { .kind = QM_EV_PHASE, .msgid = msgid };
	va_list ap;
	va_start(ap, msgid);
	take_inserts(&ev, ap);
	va_end(ap);
	qm_emit(qm, &ev);
}

void qm_progress(struct qm *qm, enum qm_progress what, uint64_t done, uint64_t total, uint64_t msgs, uint64_t lsn,
		 uint64_t from_lsn, uint64_t end_lsn)
{
	struct qm_event ev = { .kind = QM_EV_PROGRESS, .what = what, .done = done, .total = total, .msgs = msgs,
			       .lsn = lsn, .from_lsn = from_lsn, .end_lsn = end_lsn };
	qm_emit(qm, &ev);
}

void qm_start_fail(struct qm *qm, int code, const char *detail, int msgid, ...)
{
	struct qm_event ev = { .kind = QM_EV_FAILED, .msgid = msgid, .exit_code = code, .detail = detail };
	va_list ap;
	va_start(ap, msgid);
	take_inserts(&ev, ap);
	va_end(ap);
	qm_emit(qm, &ev);
}
