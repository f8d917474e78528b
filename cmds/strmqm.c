/*
 * strmqm: start a queue manager.
 *
 *   strmqm [-z] [-f] [-r | -a] [QMgrName]     (no name: the default queue manager)
 *
 * strmqm checks that the queue manager exists and is not running, prints
 * "Quire queue manager 'QM1' starting.", then forks; the child becomes a
 * session leader and re-executes this binary as the queue manager process
 * ("amqzxma0 --qmgr-run QM1 FD", qm/server/daemon.c), which reports its start on
 * the pipe FD.  strmqm prints the progress lines (log replay, units of work)
 * and exits 0 once the queue manager accepts connections ("... started using
 * V0.1.0.0."), or prints why it did not start and exits with:
 *    3  the queue manager is being created
 *    5  it is running already (AMQ7005)
 *   16  it does not exist (AMQ7048)
 *   23  its log is not available (AMQ7017 with the detail; AMQ6767 in the error log names a missing log file)
 *   36  the command line is not valid
 *   71  anything else: a damaged queue manager object (AMQ7472), a bad qm.ini
 *       (AMQ7888), the process could not be started or died while starting,
 *       a damaged queue a unit of work in flight at the crash touched that
 *       could not be rebuilt from its media image (AMQ7908E names it)
 * -z suppresses the messages on the console (the error log still has them).
 * -f makes the queue manager's missing folders again (its standard ones and
 * each object's, empty) before the start, as MQ's fix option does, so that
 * with linear logging the start rebuilds what they held from the media images.
 *
 * Backup queue managers (qm/store/backup.c, docs/backup.md), done in this
 * process under the queue manager's lock, nothing started:
 * -r replays the log extents copied in from the original (linear logging,
 *    LogManagement Manual or Archive) and marks the queue manager a backup:
 *    AMQ7950I says up to which LSN and extent.  Exit codes: 0 replayed; 23 the
 *    log could not be replayed (AMQ7957E why, AMQ6767E naming a missing
 *    extent); 71 refused (AMQ7953E circular logging or LogManagement
 *    Automatic, AMQ7954E activated already).
 * -a activates a backup (AMQ7955I), which is not started, once its copied
 *    log replays as -r would (23 with AMQ7957E when it does not); 71 with
 *    AMQ7956E when it is not a backup.  A plain strmqm of a backup not activated is
 *    refused with AMQ7952E (71).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log/qmerr.h"
#include "qm/home/cmdout.h"
#include "qm/home/errlog.h"
#include "qm/home/msgcat.h"
#include "csrv/csrv.h"
#include "qm/server/daemon.h"
#include "qm/home/qmgr.h"
#include "qm/qmrun.h"
#include "qm/store/backup.h"
#include "qm/store/objstore.h"
#include "qm/store/qmcreate.h"

#define DAEMON_FLAG "--qmgr-run"

static void usage(void)
{
	fprintf(stderr, "usage: strmqm [-z] [-f] [-r | -a] [QMgrName]\n");
}

/* Read the child's start report.  Returns strmqm's exit code. */
static int follow(int fd, pid_t child, const char *name, int quiet)
{
	FILE *f = fdopen(fd, "r");
	char line[1300];
	long code = -1;
	if (!f)
		return 71;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		if (line[0] == 'I' && line[1] == ' ' && code < 0) {
			if (!quiet)
				printf("%s\n", line + 2);
			fflush(stdout);
		} else if ((line[0] == 'E' || line[0] == 'D') && line[1] == ' ') {
			char *text = line + 2;
			if (line[0] == 'E') {
				char *end;
				code = strtol(line + 2, &end, 10);
				text = *end ? end + 1 : end;
			}
			if (!quiet && *text)
				fprintf(stderr, "%s\n", text);
		} else if (line[0] == 'R' && code < 0) {
			fclose(f);
			cmd_say(quiet, AMQ_QMGR_STARTED, name, QM_VERSION_TEXT, NULL);
			return 0;
		}
	}
	fclose(f);
	int st = 0;
	waitpid(child, &st, 0);
	if (code > 0 && code < 256)
		return (int)code;
	if (!quiet)
		fprintf(stderr, "strmqm: the queue manager process ended while starting (%s %d); see the error log\n",
			WIFSIGNALED(st) ? "signal" : "exit code", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	return 71;
}

/* strmqm -r, strmqm -a: here, under the queue manager's lock. */
static int backup(const struct qm_paths *p, int activate, int quiet)
{
	struct qm *qm = qm_new(-1);
	if (!qm)
		return 71;
	qm->paths = *p;
	int rc = qmgr_lock(&qm->paths, &qm->lockfd), code = 71;
	if (rc) {
		if (!quiet)
			cmd_error(NULL, AMQ_QMGR_RUNNING, p->name, NULL);
		free(qm);
		return rc == QM_ELOCKED ? 5 : 71;
	}
	struct store_backup_result res;
	memset(&res, 0, sizeof res);
	if (activate)
		store_backup_activate(qm, &res, &code);
	else
		store_backup_replay(qm, &res, &code);
	for (int i = 0; i < res.nline && !quiet; i++) {
		const struct store_backup_line *l = &res.line[i];
		const char *a[5] = { NULL, NULL, NULL, NULL, NULL };
		for (int k = 0; k < l->nins; k++)
			a[k] = l->ins[k];
		if (l->error)
			cmd_error(NULL, l->msgid, a[0], a[1], a[2], a[3], a[4], NULL);
		else
			cmd_say(0, l->msgid, a[0], a[1], a[2], a[3], a[4], NULL);
	}
	objstore_close(&qm->os);
	qmgr_unlock(qm->lockfd);
	free(qm);
	return code;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], DAEMON_FLAG) == 0) {
		qm_csrv_start = csrv_start;   /* the command server (csrv/csrv.c) */
		qm_csrv_control = csrv_control;
		return qm_daemon_main(argv[2], atoi(argv[3]));
	}

	int quiet = 0, fix = 0, replay = 0, activate = 0, opt;
	opterr = 0;
	while ((opt = getopt(argc, argv, "zfra")) != -1) {
		switch (opt) {
		case 'r':
			replay = 1;
			break;
		case 'a':
			activate = 1;
			break;
		case 'z':
			quiet = 1;
			break;
		case 'f':
			fix = 1;
			break;
		default:
			cmd_usage_error("strmqm", "unknown flag -%c", optopt);
			usage();
			return 36;
		}
	}
	if (replay && activate) {
		cmd_usage_error("strmqm", "-r and -a cannot be given together");
		usage();
		return 36;
	}
	if (argc - optind > 1) {
		cmd_usage_error("strmqm", "unexpected argument '%s'", argv[optind + 1]);
		usage();
		return 36;
	}
	const char *name = optind < argc ? argv[optind] : "";
	struct qm_paths p;
	int rc = cmd_locate("strmqm", name, quiet, &p);
	if (rc)
		return rc;
	enum qm_status st;
	if (qmgr_status(&p, &st, NULL) == QM_OK && st == QMS_BEING_CREATED) {
		if (!quiet)
			cmd_error(NULL, AMQ_QMGR_BEING_CREATED, p.name, NULL);
		return 3;
	}
	if (qmgr_is_running(&p)) {
		if (!quiet)
			cmd_error(NULL, AMQ_QMGR_RUNNING, p.name, NULL);
		return 5;
	}
	if (replay || activate)
		return backup(&p, activate, quiet);
	if (fix) {
		/* -f: missing folders made again, so that media recovery can run */
		char err[PATH_MAX + 128];
		int made;
		if (qmgr_fix_folders(&p, &made, err, sizeof err) != QM_OK) {
			if (!quiet)
				fprintf(stderr, "strmqm: %s\n", err);
			return 71;
		}
		if (made && !quiet)
			printf("strmqm: %d missing folder%s of queue manager '%s' made again.\n", made, made == 1 ? "" : "s",
			       p.name);
	}
	{
		/* the queue manager's files closed to other users, group mqm when it
		 * exists, and what it makes from now on too (qm/store/qmperm.c) */
		char err[PATH_MAX + 128];
		qmgr_umask();
		if (qmgr_secure(&p, err, sizeof err) != QM_OK && !quiet)
			fprintf(stderr, "strmqm: warning: %s\n", err);
	}
	cmd_say(quiet, AMQ_QMGR_STARTING, p.name, NULL);
	fflush(stdout);
	fflush(stderr);
	int fds[2];
	if (pipe(fds) != 0) {
		fprintf(stderr, "strmqm: cannot create a pipe: %s\n", strerror(errno));
		return 71;
	}
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "strmqm: cannot start the queue manager process: %s\n", strerror(errno));
		return 71;
	}
	if (pid == 0) {
		char fdtext[16];
		close(fds[0]);
		setsid();
		snprintf(fdtext, sizeof fdtext, "%d", fds[1]);
		execl("/proc/self/exe", "amqzxma0", DAEMON_FLAG, p.name, fdtext, (char *)NULL);
		dprintf(fds[1], "E 71 strmqm: cannot run the queue manager process: %s\n", strerror(errno));
		_exit(71);
	}
	close(fds[1]);
	return follow(fds[0], pid, p.name, quiet);
}
