/*
 * crtmqm: create a queue manager.
 *
 *   crtmqm [-c Text] [-d DefXmitQ] [-h MaxHandles] [-lc | -ll | -lla | -lln] [-ld LogPath]
 *          [-lf LogFilePages] [-lp LogPrimaryFiles] [-ls LogSecondaryFiles] [-md DataPath]
 *          [-q] [-u DeadLetterQ] [-x MaxUMsgs] [-z] QMgrName
 *
 *   -lc  circular logging (the default unless mqs.ini LogDefaults says otherwise)
 *   -ll  linear logging (LogManagement as LogDefaults says, Manual by default)
 *   -lla linear logging with LogManagement=Automatic;  -lln  with LogManagement=Manual
 *   -ld  the folder in which the queue manager's log folder is made
 *   -md  the folder in which the queue manager's data folder is made
 *   -q   make it the default queue manager;  -z  no messages on the console
 *
 * Exit status (MQ's): 0 created; 8 it already exists; 36 bad arguments;
 * 39 a value out of range; 69 no space; 71 unexpected error; 72 bad name;
 * 100 the log location cannot be used; 119 permission denied.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/qmerr.h"
#include "objects/names.h"
#include "qm/home/cmdout.h"
#include "qm/home/config.h"
#include "qm/home/errlog.h"
#include "qm/home/msgcat.h"
#include "qm/home/qmgr.h"
#include "qm/store/qmcreate.h"

static const char *cmd = "crtmqm";

static void usage(void)
{
	fprintf(stderr, "Usage: crtmqm [-c Text] [-d DefXmitQ] [-h MaxHandles] [-lc | -ll | -lla | -lln] [-ld LogPath]\n"
			"              [-lf LogFilePages] [-lp LogPrimaryFiles] [-ls LogSecondaryFiles] [-md DataPath]\n"
			"              [-q] [-u DeadLetterQ] [-x MaxUMsgs] [-z] QMgrName\n");
}

/* A number in [lo, hi] for flag f, or exit 39 naming the range. */
static int number(const char *f, const char *v, long lo, long hi)
{
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (!*v || *end || errno || x < lo || x > hi) {
		cmd_usage_error(cmd, "the value '%s' of flag %s is not valid: it must be a number from %ld to %ld", v, f,
				lo, hi);
		exit(39);
	}
	return (int)x;
}

int main(int argc, char **argv)
{
	struct qmgr_create_opts o = { .max_handles = -1, .max_umsgs = -1, .log_mgmt = -1 };
	int quiet = 0, logflags = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || !a[1]) {
			if (o.name) {
				cmd_usage_error(cmd, "more than one queue manager name given ('%s' and '%s')", o.name, a);
				usage();
				return 36;
			}
			o.name = a;
			continue;
		}
		static const char *const with_value[] = { "-c", "-d", "-h", "-ld", "-lf", "-lp", "-ls", "-md", "-u", "-x" };
		int needs = 0;
		for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
			if (!strcmp(a, with_value[k]))
				needs = 1;
		const char *v = NULL;
		if (needs) {
			if (i + 1 >= argc) {
				cmd_usage_error(cmd, "flag %s needs a value", a);
				usage();
				return 36;
			}
			v = argv[++i];
		}
		if (!strcmp(a, "-c")) {
			if (strlen(v) > 64) {
				cmd_usage_error(cmd, "the description given with -c is longer than 64 characters");
				return 39;
			}
			o.descr = v;
		} else if (!strcmp(a, "-d"))
			o.def_xmitq = v;
		else if (!strcmp(a, "-u"))
			o.dead_letter_q = v;
		else if (!strcmp(a, "-h"))
			o.max_handles = number(a, v, 1, 999999999);
		else if (!strcmp(a, "-x"))
			o.max_umsgs = number(a, v, 1, 999999999);
		else if (!strcmp(a, "-lc") || !strcmp(a, "-ll") || !strcmp(a, "-lla") || !strcmp(a, "-lln")) {
			if (logflags++) {
				cmd_usage_error(cmd, "give only one of -lc, -ll, -lla and -lln");
				usage();
				return 36;
			}
			o.log_type = a[2] == 'c' ? CFG_LOG_CIRCULAR : CFG_LOG_LINEAR;
			if (!strcmp(a, "-lla"))
				o.log_mgmt = CFG_LOG_AUTOMATIC;
			else if (!strcmp(a, "-lln"))
				o.log_mgmt = CFG_LOG_MANUAL;
		} else if (!strcmp(a, "-ld") || !strcmp(a, "-md")) {
			if (v[0] != '/') {
				cmd_usage_error(cmd, "the path given with %s must be absolute: '%s'", a, v);
				return 39;
			}
			if (a[1] == 'l')
				o.log_path = v;
			else
				o.data_path = v;
		} else if (!strcmp(a, "-lf"))
			o.log_file_pages = number(a, v, CFG_LOG_FILE_PAGES_MIN, CFG_LOG_FILE_PAGES_MAX);
		else if (!strcmp(a, "-lp"))
			o.log_primary = number(a, v, CFG_LOG_PRIMARY_MIN, CFG_LOG_PRIMARY_MAX);
		else if (!strcmp(a, "-ls"))
			o.log_secondary = number(a, v, CFG_LOG_SECONDARY_MIN, CFG_LOG_SECONDARY_MAX);
		else if (!strcmp(a, "-q"))
			o.make_default = 1;
		else if (!strcmp(a, "-z"))
			quiet = 1;
		else {
			cmd_usage_error(cmd, "unknown flag %s", a);
			usage();
			return 36;
		}
	}
	if (!o.name) {
		cmd_usage_error(cmd, "no queue manager name given");
		usage();
		return 36;
	}
	if (o.log_primary && o.log_secondary && o.log_primary + o.log_secondary > CFG_LOG_FILES_MAX) {
		cmd_usage_error(cmd, "-lp %d and -ls %d together exceed %d log files", o.log_primary, o.log_secondary,
				CFG_LOG_FILES_MAX);
		return 39;
	}
	if (names_check(o.name, NULL, 0) != QM_OK) {
		/* AMQ7048 and which rule the name breaks, the name shortened */
		cmd_qmgr_unknown(cmd, o.name);
		return 72;
	}
	struct errlog sys;
	errlog_open_system(&sys, cfg_data_root());
	struct qmgr_create_result res;
	char err[1024];
	qmgr_umask();   /* files 0660, folders 02770 whatever the user's umask (qm/store/qmperm.c) */
	int rc = qmgr_create(&o, &res, err, sizeof err);
	if (rc == QM_EEXIST && strstr(err, "already exists") && strstr(err, "queue manager")) {
		cmd_error(NULL, AMQ_QMGR_EXISTS, o.name, NULL);
		return 8;
	}
	if (rc) {
		fprintf(stderr, "crtmqm: %s\n", err);
		errlog_write(&sys, AMQ_QMGR_LOCATION_BAD, NULL, 0, __FILE__, __LINE__);
		switch (rc) {
		case QM_EINVAL:
			return strstr(err, "name") ? 72 : 39;
		case QM_ENOSPC:
			return 69;
		case QM_EPERM:
			return 119;
		case QM_EEXIST:
			return 100;
		default:
			return 71;
		}
	}
	if (qmgr_secure(&res.paths, err, sizeof err) != QM_OK)   /* closed to other users, group mqm */
		fprintf(stderr, "crtmqm: warning: %s\n", err);
	char created[24], replaced[24], failed[24];
	snprintf(created, sizeof created, "%d", res.created);
	snprintf(replaced, sizeof replaced, "%d", res.replaced);
	snprintf(failed, sizeof failed, "%d", res.failed);
	cmd_say(quiet, AMQ_QMGR_CREATED, o.name, NULL);
	cmd_say(quiet, AMQ_DIRECTORY_CREATED, res.paths.data_dir, NULL);
	cmd_say(quiet, AMQ_DEFAULT_OBJECTS_CREATING, o.name, NULL);
	cmd_say(quiet, AMQ_DEFAULT_OBJECTS_STATS, created, replaced, failed, NULL);
	cmd_say(quiet, AMQ_SETUP_COMPLETING, NULL);
	cmd_say(quiet, AMQ_SETUP_COMPLETED, NULL);
	struct errlog el;
	if (errlog_open_qm(&el, res.paths.data_dir, o.name, ERRLOG_DEFAULT_SIZE) == QM_OK) {
		ERRLOG(&el, AMQ_QMGR_CREATED, o.name);
		ERRLOG(&el, AMQ_DEFAULT_OBJECTS_STATS, created, replaced, failed);
	}
	return 0;
}
