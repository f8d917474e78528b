/*
 * dspmqfls: show the files behind a queue manager's objects.
 *
 *   dspmqfls [-m QMgrName] [-t ObjType] GenericObjName
 *
 *   ObjType: all (default), queue | q, qlocal | ql, qalias | qa, qmodel | qm,
 *            qmgr, ctlg | catalog, process | prcs (a process's folder under
 *            processes/)
 *   GenericObjName: a name, or a prefix ending in '*' ("*" for every object)
 * For each object: its type and name, then the path of its file or folder.
 *
 * Exit status: 0 (objects found or not); 10 no object matched; 36 bad arguments;
 * 71 unexpected error; 72 the queue manager does not exist.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log/qmerr.h"
#include "objects/objfile.h"
#include "qm/home/cmdout.h"
#include "qm/home/msgcat.h"
#include "qm/store/objstore.h"
#include "qm/home/qmgr.h"

enum { T_QLOCAL = 1, T_QALIAS = 2, T_QMODEL = 4, T_QMGR = 8, T_CTLG = 16, T_PROCESS = 32, T_TOPIC = 64,
       T_CHANNEL = 128, T_LISTENER = 256, T_AUTHINFO = 512,
       T_QUEUE = T_QLOCAL | T_QALIAS | T_QMODEL, T_ALL = 1023 };

static void usage(void)
{
	fprintf(stderr, "Usage: dspmqfls [-m QMgrName] [-t ObjType] GenericObjName\n"
			"  ObjType: all, queue|q, qlocal|ql, qalias|qa, qmodel|qm, qmgr, ctlg|catalog, process|prcs,\n"
			"           topic|top, channel|chl, listener|lstr, authinfo\n");
}

static int matches(const char *pat, const char *name)
{
	size_t n = strlen(pat);
	if (n && pat[n - 1] == '*')
		return strncmp(pat, name, n - 1) == 0;
	return strcmp(pat, name) == 0;
}

static void show(const char *type, const char *name, const char *path)
{
	printf("%-10s%s\n%s\n", type, name, path);
}

int main(int argc, char **argv)
{
	static const struct { const char *kw; int mask; } types[] = {
		{ "all", T_ALL }, { "queue", T_QUEUE }, { "q", T_QUEUE }, { "qlocal", T_QLOCAL }, { "ql", T_QLOCAL },
		{ "qalias", T_QALIAS }, { "qa", T_QALIAS }, { "qmodel", T_QMODEL }, { "qm", T_QMODEL },
		{ "qmgr", T_QMGR }, { "ctlg", T_CTLG }, { "catalog", T_CTLG }, { "process", T_PROCESS },
		{ "prcs", T_PROCESS }, { "topic", T_TOPIC }, { "top", T_TOPIC }, { "channel", T_CHANNEL },
		{ "chl", T_CHANNEL }, { "listener", T_LISTENER }, { "lstr", T_LISTENER }, { "authinfo", T_AUTHINFO },
	};
	const char *qm = NULL, *pat = NULL;
	int mask = T_ALL, c;
	opterr = 0;
	while ((c = getopt(argc, argv, "m:t:")) != -1) {
		if (c == 'm')
			qm = optarg;
		else if (c == 't') {
			mask = 0;
			for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
				if (!strcasecmp(optarg, types[i].kw))
					mask = types[i].mask;
			if (!mask) {
				cmd_usage_error("dspmqfls", "object type '%s' is not known", optarg);
				usage();
				return 36;
			}
		} else {
			cmd_usage_error("dspmqfls", optopt == 'm' || optopt == 't' ? "flag -%c needs a value" :
					"unknown flag -%c", optopt);
			usage();
			return 36;
		}
	}
	if (optind + 1 != argc) {
		cmd_usage_error("dspmqfls", optind >= argc ? "no object name given" : "more than one object name given");
		usage();
		return 36;
	}
	pat = argv[optind];
	struct qm_paths p;
	char err[1024], path[8192];
	int rc = qmgr_locate(qm, &p, err, sizeof err);
	if (rc == QM_ENOTFOUND) {
		cmd_qmgr_unknown("dspmqfls", qm);
		return 72;
	}
	if (rc) {
		fprintf(stderr, "dspmqfls: %s\n", err);
		return 71;
	}
	struct objstore os;
	rc = objstore_open(&os, p.data_dir, NULL, err, sizeof err);
	if (rc) {
		fprintf(stderr, "dspmqfls: %s\n", err);
		objstore_close(&os);
		return 71;
	}
	printf("Quire Display MQ Files\n\n");
	int found = 0;
	if ((mask & T_QMGR) && matches(pat, os.qmgr.name)) {
		objfile_path(p.data_dir, OBJFILE_QMGR, NULL, path, sizeof path);
		show("QMGR", os.qmgr.name, path);
		found++;
	}
	if ((mask & T_CTLG) && matches(pat, OBJFILE_CATALOG_NAME)) {
		objfile_path(p.data_dir, OBJFILE_CATALOG, NULL, path, sizeof path);
		show("CTLG", OBJFILE_CATALOG_NAME, path);
		found++;
	}
	for (size_t i = 0; i < os.cat.n; i++) {
		const struct objcat_entry *e = &os.cat.v[i];
		int m = e->type == OBJDEF_QLOCAL ? T_QLOCAL : e->type == OBJDEF_QALIAS ? T_QALIAS :
			e->type == OBJDEF_QMODEL ? T_QMODEL : e->type == OBJDEF_PROCESS ? T_PROCESS :
			e->type == OBJDEF_TOPIC ? T_TOPIC : e->type == OBJDEF_CHANNEL ? T_CHANNEL :
			e->type == OBJDEF_LISTENER ? T_LISTENER : e->type == OBJDEF_AUTHINFO ? T_AUTHINFO : 0;
		if (!(mask & m) || !matches(pat, e->name))
			continue;
		if (objfile_obj_dir(p.data_dir, e->type, e->folder, path, sizeof path) != QM_OK)
			continue;
		show(e->type == OBJDEF_QLOCAL ? "QLOCAL" : e->type == OBJDEF_QALIAS ? "QALIAS" :
		     e->type == OBJDEF_PROCESS ? "PROCESS" : e->type == OBJDEF_TOPIC ? "TOPIC" :
		     e->type == OBJDEF_CHANNEL ? "CHANNEL" : e->type == OBJDEF_LISTENER ? "LISTENER" :
		     e->type == OBJDEF_AUTHINFO ? "AUTHINFO" : "QMODEL", e->name, path);
		found++;
	}
	objstore_close(&os);
	if (!found) {
		fprintf(stderr, "dspmqfls: no object matches '%s'\n", pat);
		return 10;
	}
	return 0;
}
