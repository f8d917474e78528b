/*
 * dspmq: display queue managers and their status.
 *
 *   dspmq [-m QMgrName] [-s | -o status | -o default | -o all | -o installation] [-x] [-a] [-n]
 *
 *   (no -o)      QMNAME(name) padded to column 58, then STATUS(...)
 *   -o default   DEFAULT(yes|no) instead of the status
 *   -o all       STATUS, DEFAULT, STANDBY, INSTNAME, INSTPATH, INSTVER
 *   -o installation  INSTNAME, INSTPATH, INSTVER
 *   -x           an INSTANCE(host) MODE(Active) line under each running one
 *   -a           only queue managers that are running
 *   -n           accepted (no translation is ever done)
 * Status is read from qmstatus.ini and the data folder's lock: a queue
 * manager whose process died without ending shows "Ended unexpectedly".
 *
 * Exit status: 0; 36 bad arguments; 71 unexpected error; 72 the queue manager
 * named with -m does not exist.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log/qmerr.h"
#include "qm/home/cmdout.h"
#include "qm/home/config.h"
#include "qm/home/errlog.h"
#include "qm/home/msgcat.h"
#include "qm/home/qmgr.h"

enum { O_STATUS = 1, O_DEFAULT = 2, O_INST = 4 };

static void usage(void)
{
	fprintf(stderr, "Usage: dspmq [-m QMgrName] [-s | -o status | -o default | -o all | -o installation] [-x] [-a] [-n]\n");
}

static void show(const char *name, int is_default, int what, int instances, int active_only)
{
	struct qm_paths p;
	char err[1024], line[512];
	enum qm_status st = QMS_UNKNOWN;
	if (qmgr_locate(name, &p, err, sizeof err) == QM_OK || p.data_dir[0])
		qmgr_status(&p, &st, NULL);
	int running = st == QMS_RUNNING || st == QMS_QUIESCING || st == QMS_STARTING ||
		      st == QMS_ENDING_IMMEDIATELY || st == QMS_ENDING_PREEMPTIVELY;
	if (active_only && !running)
		return;
	int n = snprintf(line, sizeof line, "QMNAME(%s)", name);
	if (n < 58)
		n += snprintf(line + n, sizeof line - (size_t)n, "%*s", 58 - n, "");
	else
		line[n++] = ' ', line[n] = 0;
	if (what & O_STATUS)
		n += snprintf(line + n, sizeof line - (size_t)n, "STATUS(%s) ", qmgr_status_text(st));
	if (what & O_DEFAULT)
		n += snprintf(line + n, sizeof line - (size_t)n, "DEFAULT(%s) ", is_default ? "yes" : "no");
	if ((what & O_STATUS) && (what & O_DEFAULT))
		n += snprintf(line + n, sizeof line - (size_t)n, "STANDBY(Not permitted) ");
	if (what & O_INST)
		n += snprintf(line + n, sizeof line - (size_t)n, "INSTNAME(%s) INSTPATH(%s) INSTVER(%s) ",
			      ERRLOG_INSTALLATION, "/opt/quire", ERRLOG_VRMF);
	while (n > 0 && line[n - 1] == ' ')
		line[--n] = 0;
	printf("%s\n", line);
	if (instances && running) {
		char host[256] = "localhost";
		gethostname(host, sizeof host - 1);
		printf("    INSTANCE(%s) MODE(Active)\n", host);
	}
}

int main(int argc, char **argv)
{
	const char *only = NULL;
	int what = O_STATUS, instances = 0, active = 0, c;
	opterr = 0;
	while ((c = getopt(argc, argv, "m:so:xan")) != -1) {
		switch (c) {
		case 'm':
			only = optarg;
			break;
		case 's':
			what = O_STATUS;
			break;
		case 'o':
			if (!strcmp(optarg, "status"))
				what = O_STATUS;
			else if (!strcmp(optarg, "default"))
				what = O_DEFAULT;
			else if (!strcmp(optarg, "all"))
				what = O_STATUS | O_DEFAULT | O_INST;
			else if (!strcmp(optarg, "installation"))
				what = O_INST;
			else {
				cmd_usage_error("dspmq", "-o %s is not one of status, default, all, installation", optarg);
				usage();
				return 36;
			}
			break;
		case 'x':
			instances = 1;
			break;
		case 'a':
			active = 1;
			break;
		case 'n':
			break;
		default:
			if (optopt == 'm' || optopt == 'o')
				cmd_usage_error("dspmq", "flag -%c needs a value", optopt);
			else
				cmd_usage_error("dspmq", "unknown flag -%c", optopt);
			usage();
			return 36;
		}
	}
	if (optind < argc) {
		cmd_usage_error("dspmq", "unexpected argument '%s'", argv[optind]);
		usage();
		return 36;
	}
	char mqs[4096], err[1024];
	struct mqs_ini m;
	cfg_mqs_path(mqs, sizeof mqs);
	int rc = mqs_load(&m, mqs, err, sizeof err);
	if (rc == QM_ENOENT)
		mqs_init(&m, cfg_data_root());
	else if (rc) {
		fprintf(stderr, "dspmq: %s\n", err);
		return 71;
	}
	if (only) {
		if (!mqs_find(&m, only)) {
			cmd_qmgr_unknown("dspmq", only);
			mqs_release(&m);
			return 72;
		}
		show(only, !strcmp(m.default_qmgr, only), what, instances, active);
	} else {
		for (int i = 0; i < m.nqmgrs; i++)
			show(m.qmgrs[i].name, !strcmp(m.default_qmgr, m.qmgrs[i].name), what, instances, active);
	}
	mqs_release(&m);
	return 0;
}
