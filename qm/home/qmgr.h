/*
 * qmgr.h: a queue manager's home on disk: finding it, creating and deleting
 * it, its lock and its status file.
 *
 * Calling sequence:
 *   qmgr_locate(name, &p, err, n)    mqs.ini + qm.ini -> the paths (name "" or
 *                                    NULL: the default queue manager)
 *   qmgr_create(&opts, &res, err, n) crtmqm: folders, qm.ini, log, objects, mqs.ini
 *   qmgr_delete(&p, err, n)          dltmqm
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

/* Exclusive, non-blocking lock on the data folder, held by the running
 * queue manager for its lifetime: QM_ELOCKED when another process has it. */
int qmgr_lock(const struct qm_paths *p, int *fd);
void qmgr_unlock(int fd);
int qmgr_is_running(const struct qm_paths *p);

struct qmgr_create_opts {
	const char *name;
	const char *descr;           /* -c */
	const char *def_xmitq;       /* -d */
	const char *dead_letter_q;   /* -u */
	int max_handles;             /* -h, -1: default */
	int max_umsgs;               /* -x, -1: default */
	int make_default;            /* -q */
	int log_type;                /* -lc/-ll: CFG_LOG_*, 0: LogDefaults */
	int log_mgmt;                /* -lla/-lln: CFG_LOG_*, -1: default */
	const char *log_path;        /* -ld: the folder the QM's log folder goes in */
	int log_file_pages;          /* -lf, 0: default */
	int log_primary;             /* -lp, 0: default */
	int log_secondary;           /* -ls, 0: default */
	const char *data_path;       /* -md: the folder the QM's data folder goes in */
};

struct qmgr_create_result {
	struct qm_paths paths;
	int created, replaced, failed;   /* default objects statistics */
};

int qmgr_create(const struct qmgr_create_opts *o, struct qmgr_create_result *res, char *err, size_t n);
int qmgr_delete(const struct qm_paths *p, char *err, size_t n);

#endif
