/*
 * qmgr.h: a queue manager's home on disk: finding it, its lock and its
 * status file.  Creating and deleting it: qm/store/qmcreate.h.
 *
 * Calling sequence:
 *   qmgr_locate(name, &p, err, n)    mqs.ini + qm.ini -> the paths (name "" or
 *                                    NULL: the default queue manager)
 *   qmgr_lock(&p, &fd)               the running queue manager holds this lock on
 *                                    its data folder (and log_open holds the log's)
 *   qmgr_status(&p, &st, &pid)       what dspmq shows: qmstatus.ini, corrected to
 *                                    Ended unexpectedly when no process holds the lock
 *   qmgr_status_write(&p, st, pid)   the process keeps qmstatus.ini true
 *
 * qmstatus.ini (replaced whole with os_replace_file):
 *   QueueManagerStatus:
 *      CurrentStatus=Running
 *      PID=1234
 *      Changed=2026-11-22T02:03:04Z
 *
 * Error handling: QM_OK or a QM_E* code with a message in err.  QM_ENOTFOUND:
 * no such queue manager in mqs.ini (or no default); QM_ELOCKED: it is running.
 */
#ifndef QUIRE_QMGR_H
#define QUIRE_QMGR_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "qm/home/config.h"

struct qm_paths {
	char name[CFG_QMNAME_MAX + 1];
	char data_dir[PATH_MAX];     /* <prefix>/qmgrs/<Directory> or DataPath */
	char log_dir[PATH_MAX];      /* qm.ini LogPath */
	char errors_dir[PATH_MAX];   /* <data_dir>/errors */
	char qm_ini[PATH_MAX];
};

enum qm_status {
	QMS_UNKNOWN = 0, QMS_STARTING, QMS_RUNNING, QMS_QUIESCING, QMS_ENDING_IMMEDIATELY,
	QMS_ENDING_PREEMPTIVELY, QMS_ENDED_NORMALLY, QMS_ENDED_IMMEDIATELY, QMS_ENDED_PREEMPTIVELY,
	QMS_ENDED_UNEXPECTEDLY, QMS_BEING_CREATED,
};

int qmgr_locate(const char *name, struct qm_paths *p, char *err, size_t n);

const char *qmgr_status_text(enum qm_status s);      /* "Ended normally" ... */
int qmgr_status_write(const struct qm_paths *p, enum qm_status s, pid_t pid);
int qmgr_status(const struct qm_paths *p, enum qm_status *s, pid_t *pid);

/* Exclusive lock on the data folder, held by the running queue manager for
 * its lifetime: QM_ELOCKED when another process has it.  It does not wait for
 * a queue manager, but it does wait out qmgr_is_running's probe (a shared lock
 * held for an instant by dspmq or endmqm): tried again for 250 ms at most. */
int qmgr_lock(const struct qm_paths *p, int *fd);
void qmgr_unlock(int fd);
int qmgr_is_running(const struct qm_paths *p);

/* The marker file that exists while crtmqm has not finished (qmcreate.c). */
#define QMGR_MARKER ".crtmqm"
/* Is the queue manager at data_dir still being created (or was crtmqm cut
 * short)? */
int qmgr_being_created(const char *data_dir);
/* The default log folder of the queue manager in folder dir: mqs.ini's
 * LogDefaults LogDefaultPath/dir, else <root>/log/dir. */
struct mqs_ini;
void qmgr_default_log_dir(const struct mqs_ini *m, const char *root, const char *dir, char *out, size_t n);

#endif
