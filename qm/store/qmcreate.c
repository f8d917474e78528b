/*
 * qmcreate.c: creating and deleting a queue manager (crtmqm, dltmqm; see
 * qmcreate.h): its folders, qm.ini, its log, its objects and its stanza in
 * mqs.ini.
 *
 * Creation is made safe against being cut short (killed, disk full) by a
 * marker file, <data dir>/.crtmqm, that exists from the first folder made to
 * the last durable step:
 *   1. folders, the marker, qm.ini, the log, every object (logged, then filed),
 *      qmstatus.ini;
 *   2. the QueueManager stanza is added to mqs.ini (durably);
 *   3. the marker is removed (durably): the queue manager exists.
 * A failure in 1 or 2 removes everything made.  A crtmqm killed before 3 leaves
 * the marker: the next crtmqm of that name removes the leftovers and starts
 * again, and strmqm refuses to start it ("being created").
 */
#include "qm/store/qmcreate.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log/log.h"
#include "log/osio.h"
#include "log/qmerr.h"
#include "objects/names.h"
#include "objects/objdef.h"
#include "qm/store/objstore.h"

/* ---- removing a tree ------------------------------------------------------- */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		osio->rmdir(path);
	else
		osio->unlink(path);
	return 0;
}

static int remove_tree(const char *path)
{
	if (access(path, F_OK) != 0)
		return QM_OK;
	nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS);
	if (access(path, F_OK) == 0)
		return QM_EIO;
	return os_fsync_parent(path);
}

/* ---- create and delete ------------------------------------------------------ */

/* Remove what a crtmqm that was cut short left: its data folder (which holds
 * the marker) and its log folder (qm.ini says where, else default_log). */
static void remove_leftover(const char *data_dir, const char *default_log)
{
	char ini[PATH_MAX], why[256];
	struct qm_config oc;
	cfg_qm_ini_path(data_dir, ini, sizeof ini);
	if (qm_config_load(&oc, ini, why, sizeof why) == QM_OK && oc.log.path[0])
		remove_tree(oc.log.path);
	else
		remove_tree(default_log);
	remove_tree(data_dir);
}

static int mkdirs(const char *data_dir, char *err, size_t n)
{
	/* ssl/: where SSLKEYR's key repository is kept (crtmqm's SSLKEYR is <data dir>/ssl/key) */
	static const char *const sub[] = { "/errors", "/qmanager", "/queues", "/" "@ipcc", "/ssl" };
	char p[PATH_MAX + 32];
	for (size_t i = 0; i < sizeof sub / sizeof sub[0]; i++) {
		snprintf(p, sizeof p, "%s%s", data_dir, sub[i]);
		int rc = os_mkdir_p(p, 02770);
		if (rc) {
			snprintf(err, n, "could not create folder \"%s\": %s", p, strerror(errno));
			return rc;
		}
	}
	return QM_OK;
}

int qmgr_fix_folders(const struct qm_paths *p, int *made, char *err, size_t n)
{
	struct stat sb;
	*made = 0;
	if (stat(p->data_dir, &sb) != 0) {
		snprintf(err, n, "the queue manager's folder \"%s\" is missing: restore it from a backup", p->data_dir);
		return QM_ENOENT;
	}
	static const char *const sub[] = { "/errors", "/qmanager", "/queues", "/" "@ipcc" };
	char path[PATH_MAX + 64];
	for (size_t i = 0; i < sizeof sub / sizeof sub[0]; i++) {
		snprintf(path, sizeof path, "%s%s", p->data_dir, sub[i]);
		if (stat(path, &sb) == 0)
			continue;
		int rc = os_mkdir_p(path, 02770);
		if (rc) {
			snprintf(err, n, "could not create folder \"%s\": %s", path, strerror(errno));
			return rc;
		}
		(*made)++;
	}
	/* each object's folder, as the catalog names it (a catalog that cannot
	 * be read names none: the start says why) */
	struct objdef qmdef;
	struct objcat cat;
	char why[512];
	memset(&cat, 0, sizeof cat);
	if (objfile_read_qmgr(p->data_dir, NULL, &qmdef, NULL, why, sizeof why) == QM_OK &&
	    objfile_read_catalog(p->data_dir, qmdef.identity, &cat, NULL, why, sizeof why) == QM_OK) {
		for (size_t i = 0; i < cat.n; i++) {
			char dir[PATH_MAX + 64];
			if (objfile_queue_dir(p->data_dir, cat.v[i].folder, dir, sizeof dir) != QM_OK || stat(dir, &sb) == 0)
				continue;
			int rc = os_mkdir_p(dir, 02770);
			if (rc) {
				snprintf(err, n, "could not create folder \"%s\": %s", dir, strerror(errno));
				objcat_free(&cat);
				return rc;
			}
			(*made)++;
		}
	}
	objcat_free(&cat);
	return QM_OK;
}

/* Build the queue manager: everything of step 1 (see the top of the file). */
static int build(const struct qmgr_create_opts *o, struct qm_config *cfg, struct qmgr_create_result *res,
		 char *err, size_t n)
{
	struct qm_paths *p = &res->paths;
	char path[PATH_MAX + 32];
	/* the folder, then at once the marker: a folder left without a marker
	 * is empty, and crtmqm removes an empty folder of its name */
	int rc = os_mkdir_p(p->data_dir, 02770);
	if (rc) {
		snprintf(err, n, "could not create folder \"%s\": %s", p->data_dir, strerror(errno));
		return rc;
	}
	snprintf(path, sizeof path, "%s/%s", p->data_dir, QMGR_MARKER);
	int fd = osio->open(path, O_WRONLY | O_CREAT, 0660);   /* its existence is all it says */
	if (fd < 0 || (osio->close(fd), (rc = os_fsync_parent(path)))) {
		rc = rc ? rc : os_errno_rc();
		snprintf(err, n, "could not create \"%s\": %s", path, strerror(errno));
		return rc;
	}
	if ((rc = mkdirs(p->data_dir, err, n)))
		return rc;
	if ((rc = qm_config_write(cfg, p->qm_ini, o->name, err, n)))
		return rc;
	struct objdef qm;
	if ((rc = objdef_qmgr_new(&qm, o->name, time(NULL), err, n)))
		return rc;
	if (o->descr && (rc = objdef_set(&qm, "DESCR", o->descr, err, n)))
		return rc;
	/* MQ's crtmqm: connection authentication by the operating system's
	 * passwords (the object is among the default objects below), and the
	 * key repository's stem in the queue manager's folder (left blank when
	 * the path passes SSLKEYR's 256 characters: ALTER QMGR SSLKEYR then) */
	if ((rc = objdef_set(&qm, "CONNAUTH", "SYSTEM.DEFAULT.AUTHINFO.IDPWOS", err, n)))
		return rc;
	char keyr[PATH_MAX + 16];
	snprintf(keyr, sizeof keyr, "%s/ssl/key", p->data_dir);
	if (strlen(keyr) <= 256 && (rc = objdef_set(&qm, "SSLKEYR", keyr, err, n)))
		return rc;
	if (o->def_xmitq && *o->def_xmitq && (rc = objdef_set(&qm, "DEFXMITQ", o->def_xmitq, err, n)))
		return rc;
	if (o->dead_letter_q && *o->dead_letter_q && (rc = objdef_set(&qm, "DEADQ", o->dead_letter_q, err, n)))
		return rc;
	char num[16];
	if (o->max_handles >= 0) {
		snprintf(num, sizeof num, "%d", o->max_handles);
		if ((rc = objdef_set(&qm, "MAXHANDS", num, err, n)))
			return rc;
	}
	if (o->max_umsgs >= 0) {
		snprintf(num, sizeof num, "%d", o->max_umsgs);
		if ((rc = objdef_set(&qm, "MAXUMSGS", num, err, n)))
			return rc;
	}
	struct log_config lc = { .path = p->log_dir, .type = (uint32_t)cfg->log.type, .mgmt = (uint32_t)cfg->log.management,
				 .primary = (uint32_t)cfg->log.primary_files, .secondary = (uint32_t)cfg->log.secondary_files,
				 .pages = (uint32_t)cfg->log.file_pages };
	if (lc.type == LOG_CIRCULAR)
		lc.mgmt = LOG_MANUAL;
	memcpy(lc.qmid, qm.identity, 16);
	if ((rc = log_create(&lc, err, n)))
		return rc;
	struct log *lg;
	struct log_open_report rep;
	if ((rc = log_open(p->log_dir, LOG_OPEN_WRITE, (uint32_t)cfg->log.buffer_pages, &lg, &rep))) {
		snprintf(err, n, "%s", rep.why);
		return rc;
	}
	struct objstore os;
	rc = objstore_create_qmgr(&os, p->data_dir, lg, &qm, err, n);
	size_t count = 0;
	const struct objdef_sysobj *so = rc ? NULL : objdef_system_objects(&count);
	for (size_t i = 0; !rc && i < count; i++) {
		struct objdef def;
		int replaced = 0;
		rc = objdef_system_build(&so[i], &def, err, n);
		if (!rc) {
			objdef_stamp(&def, time(NULL), 1);
			rc = objstore_define(&os, &def, OBJSTORE_REPLACE, &replaced, err, n);
		}
		if (rc)
			res->failed++;
		else if (replaced)
			res->replaced++;
		else
			res->created++;
	}
	if (!rc && o->dead_letter_q && *o->dead_letter_q && !objcat_find(&os.cat, OBJDEF_QLOCAL, o->dead_letter_q)) {
		/* -u names a dead-letter queue: MQ only records the name; a local
		 * queue of that name is not created for it */
	}
	/* the restart point: the log from here on is all a restart needs */
	if (!rc && os.last_lsn)
		rc = log_set_restart_lsn(lg, os.last_lsn);
	objstore_close(&os);
	int crc = log_close(lg);
	if (!rc && crc) {
		snprintf(err, n, "could not close the log: %s", qm_strerror(crc));
		rc = crc;
	}
	if (!rc)
		rc = qmgr_status_write(p, QMS_ENDED_IMMEDIATELY, 0);
	return rc;
}

static void apply_flags(const struct qmgr_create_opts *o, struct qm_config *c)
{
	if (o->log_type)
		c->log.type = (enum cfg_log_type)o->log_type;
	if (o->log_mgmt >= 0)
		c->log.management = (enum cfg_log_mgmt)o->log_mgmt;
	if (o->log_file_pages)
		c->log.file_pages = o->log_file_pages;
	if (o->log_primary)
		c->log.primary_files = o->log_primary;
	if (o->log_secondary)
		c->log.secondary_files = o->log_secondary;
}

int qmgr_create(const struct qmgr_create_opts *o, struct qmgr_create_result *res, char *err, size_t n)
{
	char why[256], mqs[PATH_MAX], dir[NAMES_FILE_SIZE], parent[PATH_MAX];
	const char *root = cfg_data_root();
	struct mqs_ini m;
	struct qm_config cfg;
	int lk = -1, rc;
	memset(res, 0, sizeof *res);
	if (names_check(o->name, why, sizeof why)) {
		/* why names the name, shortened when it is too long */
		snprintf(err, n, "queue manager name is not valid: %s", why);
		return QM_EINVAL;
	}
	snprintf(parent, sizeof parent, "%s/qmgrs", root);
	if ((rc = os_mkdir_p(parent, 02775))) {
		snprintf(err, n, "could not create folder \"%s\": %s", parent, strerror(errno));
		return rc;
	}
	snprintf(parent, sizeof parent, "%s/errors", root);
	os_mkdir_p(parent, 02775);
	if ((rc = mqs_lock(root, &lk))) {
		snprintf(err, n, "could not lock %s/mqs.ini: %s", root, strerror(errno));
		return rc;
	}
	cfg_mqs_path(mqs, sizeof mqs);
	rc = mqs_load(&m, mqs, err, n);
	if (rc == QM_ENOENT) {
		mqs_init(&m, root);
		rc = QM_OK;
	}
	if (rc) {
		mqs_unlock(lk);
		return rc;
	}
	const struct mqs_qmgr *old = mqs_find(&m, o->name);
	if (old) {
		char d[PATH_MAX];
		mqs_qmgr_data_dir(old, d, sizeof d);
		if (!qmgr_being_created(d)) {
			snprintf(err, n, "queue manager '%s' already exists", o->name);
			mqs_release(&m);
			mqs_unlock(lk);
			return QM_EEXIST;
		}
		/* a crtmqm that never finished: take its leftovers away and redo */
		char ld[PATH_MAX];
		qmgr_default_log_dir(&m, root, old->directory, ld, sizeof ld);
		remove_leftover(d, ld);
		mqs_remove_qmgr(&m, o->name);
		if ((rc = mqs_save(&m, mqs, err, n))) {
			mqs_release(&m);
			mqs_unlock(lk);
			return rc;
		}
	}
	/* the folder name: the transformed name, or name.000 ... if taken; an
	 * unregistered folder left by a killed crtmqm (marker inside) is reused */
	const char *data_parent = o->data_path && *o->data_path ? o->data_path : NULL;
	snprintf(parent, sizeof parent, "%s", data_parent ? data_parent : "");
	if (!data_parent)
		snprintf(parent, sizeof parent, "%s/qmgrs", root);
	names_to_file(o->name, dir, sizeof dir);
	char cand[PATH_MAX + 64];
	snprintf(cand, sizeof cand, "%s/%s", parent, dir);
	osio->rmdir(cand);   /* an empty folder: a crtmqm killed before its marker */
	if (access(cand, F_OK) == 0 && qmgr_being_created(cand)) {
		char ld[PATH_MAX];
		qmgr_default_log_dir(&m, root, dir, ld, sizeof ld);
		remove_leftover(cand, ld);
	}
	if ((rc = names_unique_dir(parent, o->name, dir, sizeof dir))) {
		snprintf(err, n, "no free folder name for '%s' in \"%s\"", o->name, parent);
		goto out;
	}
	qm_config_init(&cfg);
	qm_config_apply_log_defaults(&cfg, &m.log_defaults);
	apply_flags(o, &cfg);
	struct qm_paths *p = &res->paths;
	snprintf(p->name, sizeof p->name, "%s", o->name);
	snprintf(p->data_dir, sizeof p->data_dir, "%s/%s", parent, dir);
	if (o->log_path && *o->log_path)
		snprintf(p->log_dir, sizeof p->log_dir, "%s/%s", o->log_path, dir);
	else
		qmgr_default_log_dir(&m, root, dir, p->log_dir, sizeof p->log_dir);
	snprintf(cfg.log.path, sizeof cfg.log.path, "%s", p->log_dir);
	cfg_qm_ini_path(p->data_dir, p->qm_ini, sizeof p->qm_ini);
	snprintf(p->errors_dir, sizeof p->errors_dir, "%s/errors", p->data_dir);
	if ((rc = qm_config_validate(&cfg, err, n)))
		goto out;
	if (access(p->log_dir, F_OK) == 0) {
		char ctl[PATH_MAX + 32];
		snprintf(ctl, sizeof ctl, "%s/%s", p->log_dir, LOG_CTL_NAME);
		if (access(ctl, F_OK) == 0) {
			/* a log folder without a queue manager: leftovers of a
			 * crtmqm killed before its data folder existed, or a
			 * deleted queue manager's log; never reuse it */
			snprintf(err, n, "log folder \"%s\" already holds a log", p->log_dir);
			rc = QM_EEXIST;
			goto out;
		}
	}
	rc = build(o, &cfg, res, err, n);
	if (!rc) {
		struct mqs_qmgr q;
		memset(&q, 0, sizeof q);
		snprintf(q.name, sizeof q.name, "%s", o->name);
		snprintf(q.prefix, sizeof q.prefix, "%s", root);
		snprintf(q.directory, sizeof q.directory, "%s", dir);
		if (data_parent)
			snprintf(q.data_path, sizeof q.data_path, "%s", p->data_dir);
		rc = mqs_add_qmgr(&m, &q);
		if (!rc && o->make_default)
			rc = mqs_set_default(&m, o->name);
		if (!rc)
			rc = mqs_save(&m, mqs, err, n);
	}
	if (!rc) {
		char mk[PATH_MAX + 32];
		snprintf(mk, sizeof mk, "%s/%s", p->data_dir, QMGR_MARKER);
		rc = os_unlink_durable(mk);
		if (rc)
			snprintf(err, n, "could not remove \"%s\": %s", mk, strerror(errno));
	} else {
		int e = errno;
		remove_tree(p->log_dir);
		remove_tree(p->data_dir);
		errno = e;
	}
out:
	mqs_release(&m);
	mqs_unlock(lk);
	return rc;
}

int qmgr_delete(const struct qm_paths *p, char *err, size_t n)
{
	char mqs[PATH_MAX];
	struct mqs_ini m;
	int lk = -1, rc;
	const char *root = cfg_data_root();
	int fd;
	if (qmgr_lock(p, &fd) == QM_ELOCKED) {
		snprintf(err, n, "queue manager '%s' is running", p->name);
		return QM_ELOCKED;
	}
	if ((rc = mqs_lock(root, &lk))) {
		qmgr_unlock(fd);
		snprintf(err, n, "could not lock %s/mqs.ini: %s", root, strerror(errno));
		return rc;
	}
	cfg_mqs_path(mqs, sizeof mqs);
	rc = mqs_load(&m, mqs, err, n);
	if (!rc) {
		rc = mqs_remove_qmgr(&m, p->name);
		if (rc == QM_ENOTFOUND)
			snprintf(err, n, "queue manager '%s' does not exist", p->name);
		if (!rc)
			rc = mqs_save(&m, mqs, err, n);
		mqs_release(&m);
	}
	mqs_unlock(lk);
	if (!rc) {
		/* unlisted first, so a half-deleted queue manager is never shown */
		int r1 = remove_tree(p->log_dir), r2 = remove_tree(p->data_dir);
		if (r1 || r2) {
			snprintf(err, n, "could not remove every file of '%s' (\"%s\", \"%s\")", p->name, p->data_dir,
				 p->log_dir);
			rc = QM_EIO;
		}
	}
	qmgr_unlock(fd);
	return rc;
}
