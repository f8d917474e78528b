/*
 * qmcreate.h: creating and deleting a queue manager (crtmqm, dltmqm).
 *
 *   qmgr_create(&opts, &res, err, n) crtmqm: folders, qm.ini, log, objects, mqs.ini
 *   qmgr_delete(&p, err, n)          dltmqm: refused while it runs
 *   qmgr_fix_folders(&p, &made, err, n)   strmqm -f: missing folders made again
 *   qmgr_umask(); qmgr_secure(&p, err, n) crtmqm and strmqm: files closed to others (qmperm.c)
 *
 * Error handling: QM_OK or a QM_E* code with a message in err.
 */
#ifndef QUIRE_QMCREATE_H
#define QUIRE_QMCREATE_H

#include <stddef.h>

#include "qm/home/qmgr.h"

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
/* strmqm -f: the queue manager's standard folders and each object's folder
 * that are missing made again, empty (*made counts them), so that the start
 * can rebuild what they held from the media images (linear logging).  The
 * data folder itself must be there. */
int qmgr_fix_folders(const struct qm_paths *p, int *made, char *err, size_t n);

/* Files closed to other users (qmperm.c): every folder under the data and log
 * folders 02770, every file and socket 0660, group mqm when it exists.  QM_OK,
 * or QM_EPERM with err naming the first path that could not be changed. */
int qmgr_secure(const struct qm_paths *p, char *err, size_t n);
/* The process umask 007: what is made later is 0660 / 02770 as asked. */
void qmgr_umask(void);

#endif
