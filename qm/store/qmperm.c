/*
 * qmperm.c: a queue manager's files closed to other users (issue 15).
 *
 * Rule: under the queue manager's data folder and its log folder every folder
 * is 02770 (setgid: what is made inside takes the folder's group), every file
 * and the @ipcc socket 0660, and all of them belong to group mqm when that
 * group exists (else they keep the group they have: the owner's, or the data
 * root's through setgid).  Nothing is readable, writable or listable by
 * anyone outside the owner and that group.
 *
 * crtmqm applies it when it has made the queue manager, strmqm at each start
 * (qmgr_secure, from cmds/crtmqm.c and cmds/strmqm.c), and both set the
 * process umask to 007 first (qmgr_umask) so that what the queue manager makes
 * later has these modes from the start whatever the user's umask was.
 *
 * Symbolic links are not followed (nftw FTW_PHYS, lchown, no chmod on links):
 * a link placed in the folder cannot make us change a file elsewhere.  A
 * group change refused (EPERM: a user who is not a member of mqm) is not an
 * error: the modes still shut others out.
 */
#include "qm/store/qmcreate.h"

#include <errno.h>
#include <ftw.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log/qmerr.h"

static gid_t mqm_gid;
static int have_mqm;
static int failures;
static char first_fail[PATH_MAX + 64];

static int fix_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)ftw;
	mode_t want;
	if (flag == FTW_SL || flag == FTW_SLN || S_ISLNK(st->st_mode))
		return 0;
	if (flag == FTW_D || flag == FTW_DP || S_ISDIR(st->st_mode))
		want = 02770;
	else if (S_ISREG(st->st_mode) || S_ISSOCK(st->st_mode))
		want = 0660;
	else
		return 0;
	if (have_mqm && st->st_gid != mqm_gid && lchown(path, (uid_t)-1, mqm_gid) != 0 && errno != EPERM) {
		if (!failures++)
			snprintf(first_fail, sizeof first_fail, "%s: %s", path, strerror(errno));
	}
	if ((st->st_mode & 07777) != want && chmod(path, want) != 0) {
		if (!failures++)
			snprintf(first_fail, sizeof first_fail, "%s: %s", path, strerror(errno));
	}
	return 0;
}

void qmgr_umask(void)
{
	umask(007);
}

int qmgr_secure(const struct qm_paths *p, char *err, size_t n)
{
	char buf[4096];
	struct group g, *gp = NULL;
	have_mqm = getgrnam_r("mqm", &g, buf, sizeof buf, &gp) == 0 && gp;
	mqm_gid = have_mqm ? gp->gr_gid : 0;
	failures = 0;
	first_fail[0] = 0;
	const char *dirs[2] = { p->data_dir, p->log_dir };
	for (int i = 0; i < 2; i++) {
		if (!dirs[i][0] || (i == 1 && strcmp(dirs[1], dirs[0]) == 0))
			continue;
		if (nftw(dirs[i], fix_one, 16, FTW_PHYS) != 0 && errno != ENOENT && !failures++)
			snprintf(first_fail, sizeof first_fail, "%s: %s", dirs[i], strerror(errno));
	}
	if (failures) {
		snprintf(err, n, "%d file%s could not be closed to other users (%s)", failures, failures == 1 ? "" : "s",
			 first_fail);
		return QM_EPERM;
	}
	return QM_OK;
}
