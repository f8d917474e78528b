/*
 * qmgr.c: a queue manager's home: finding it, its lock and its status file
 * (see qmgr.h).  Creating and deleting one is qm/store/qmcreate.c.
 */
#include "qm/home/qmgr.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log/osio.h"
#include "log/qmerr.h"
#include "objects/names.h"

static const char *const status_text[] = {
	[QMS_UNKNOWN] = "Status not available",
	[QMS_STARTING] = "Starting",
	[QMS_RUNNING] = "Running",
	[QMS_QUIESCING] = "Quiescing",
	[QMS_ENDING_IMMEDIATELY] = "Ending immediately",
	[QMS_ENDING_PREEMPTIVELY] = "Ending preemptively",
	[QMS_ENDED_NORMALLY] = "Ended normally",
	[QMS_ENDED_IMMEDIATELY] = "Ended immediately",
	[QMS_ENDED_PREEMPTIVELY] = "Ended preemptively",
	[QMS_ENDED_UNEXPECTEDLY] = "Ended unexpectedly",
	[QMS_BEING_CREATED] = "Being created",
};

const char *qmgr_status_text(enum qm_status s)
{
	if ((unsigned)s < sizeof status_text / sizeof status_text[0] && status_text[s])
		return status_text[s];
	return status_text[QMS_UNKNOWN];
}

int qmgr_being_created(const char *data_dir)
{
	char p[PATH_MAX + 16];
	snprintf(p, sizeof p, "%s/%s", data_dir, QMGR_MARKER);
	return access(p, F_OK) == 0;
}

void qmgr_default_log_dir(const struct mqs_ini *m, const char *root, const char *dir, char *out, size_t n)
{
	if (m->log_defaults.path[0])
		snprintf(out, n, "%s/%s", m->log_defaults.path, dir);
	else
		snprintf(out, n, "%s/log/%s", root, dir);
}

int qmgr_locate(const char *name, struct qm_paths *p, char *err, size_t n)
{
	char mqs[PATH_MAX], why[256];
	struct mqs_ini m;
	const char *root = cfg_data_root();
	memset(p, 0, sizeof *p);
	/* a name that breaks MQ's rules is not known, whatever mqs.ini holds; the
	 * reason (from names_check) shows at most 60 of its characters */
	if (name && *name && names_check(name, why, sizeof why)) {
		snprintf(err, n, "queue manager %s", why);
		return QM_ENOTFOUND;
	}
	cfg_mqs_path(mqs, sizeof mqs);
	int rc = mqs_load(&m, mqs, err, n);
	if (rc == QM_ENOENT) {
		snprintf(err, n, "queue manager '%s' does not exist (no %s)", name && *name ? name : "(default)", mqs);
		return QM_ENOTFOUND;
	}
	if (rc)
		return rc;
	if (!name || !*name) {
		if (!m.default_qmgr[0]) {
			snprintf(err, n, "there is no default queue manager");
			mqs_release(&m);
			return QM_ENOTFOUND;
		}
		name = m.default_qmgr;
	}
	const struct mqs_qmgr *q = mqs_find(&m, name);
	if (!q) {
		snprintf(err, n, "queue manager '%s' does not exist", name);
		mqs_release(&m);
		return QM_ENOTFOUND;
	}
	snprintf(p->name, sizeof p->name, "%s", q->name);
	mqs_qmgr_data_dir(q, p->data_dir, sizeof p->data_dir);
	cfg_qm_ini_path(p->data_dir, p->qm_ini, sizeof p->qm_ini);
	snprintf(p->errors_dir, sizeof p->errors_dir, "%s/errors", p->data_dir);
	struct qm_config c;
	rc = qm_config_load(&c, p->qm_ini, err, n);
	if (rc == QM_OK) {
		if (c.log.path[0])
			snprintf(p->log_dir, sizeof p->log_dir, "%s", c.log.path);
		else
			qmgr_default_log_dir(&m, root, q->directory, p->log_dir, sizeof p->log_dir);
		size_t l = strlen(p->log_dir);
		while (l > 1 && p->log_dir[l - 1] == '/')
			p->log_dir[--l] = 0;
	}
	mqs_release(&m);
	return rc;
}

/* ---- status and lock ----------------------------------------------------- */

int qmgr_status_write(const struct qm_paths *p, enum qm_status s, pid_t pid)
{
	char path[PATH_MAX + 32], buf[512], when[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(path, sizeof path, "%s/qmstatus.ini", p->data_dir);
	int len = snprintf(buf, sizeof buf, "QueueManagerStatus:\n   CurrentStatus=%s\n   PID=%ld\n   Changed=%s\n",
			   qmgr_status_text(s), (long)pid, when);
	return os_replace_file(path, buf, (size_t)len);
}

#define QMGR_LOCK_TRIES 50

int qmgr_lock(const struct qm_paths *p, int *fd)
{
	*fd = open(p->data_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*fd < 0)
		return os_errno_rc();
	/* qmgr_is_running (dspmq, endmqm, strmqm's own check) holds a shared lock
	 * for the moment of its probe: a start that meets one would say "running"
	 * of a queue manager that is not.  So a refused lock is tried again for a
	 * while (QMGR_LOCK_TRIES, 5 ms apart: 250 ms), far longer than any probe
	 * holds it; a running queue manager holds it for good and is still
	 * refused, 250 ms later. */
	for (int i = 0; flock(*fd, LOCK_EX | LOCK_NB) != 0; i++) {
		if (errno != EWOULDBLOCK || i + 1 >= QMGR_LOCK_TRIES) {
			int e = errno;
			close(*fd);
			*fd = -1;
			errno = e;
			return e == EWOULDBLOCK ? QM_ELOCKED : os_errno_rc();
		}
		struct timespec t = { 0, 5 * 1000000L };
		nanosleep(&t, NULL);
	}
	return QM_OK;
}

void qmgr_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

int qmgr_is_running(const struct qm_paths *p)
{
	int fd = open(p->data_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	int running = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
	close(fd);
	return running;
}

int qmgr_status(const struct qm_paths *p, enum qm_status *s, pid_t *pid)
{
	char path[PATH_MAX + 32], *buf = NULL;
	size_t len;
	*s = QMS_UNKNOWN;
	if (pid)
		*pid = 0;
	if (qmgr_being_created(p->data_dir)) {
		*s = QMS_BEING_CREATED;
		return QM_OK;
	}
	snprintf(path, sizeof path, "%s/qmstatus.ini", p->data_dir);
	if (os_read_file(path, &buf, &len) == QM_OK) {
		const char *v = strstr(buf, "CurrentStatus=");
		if (v) {
			v += strlen("CurrentStatus=");
			for (unsigned i = 1; i < sizeof status_text / sizeof status_text[0]; i++)
				if (status_text[i] && strncmp(v, status_text[i], strlen(status_text[i])) == 0 &&
				    (v[strlen(status_text[i])] == '\n' || v[strlen(status_text[i])] == 0))
					*s = (enum qm_status)i;
		}
		const char *q = strstr(buf, "PID=");
		if (q && pid)
			*pid = (pid_t)atol(q + 4);
		free(buf);
	}
	int running = qmgr_is_running(p);
	int live = *s == QMS_STARTING || *s == QMS_RUNNING || *s == QMS_QUIESCING ||
		   *s == QMS_ENDING_IMMEDIATELY || *s == QMS_ENDING_PREEMPTIVELY;
	if (live && !running)
		*s = QMS_ENDED_UNEXPECTEDLY;
	else if (!live && running)
		*s = QMS_RUNNING;
	else if (*s == QMS_UNKNOWN && !running)
		*s = QMS_ENDED_IMMEDIATELY;
	return QM_OK;
}
