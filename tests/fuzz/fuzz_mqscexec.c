/*
 * fuzz_mqscexec: MQSC commands carried out on a real queue manager's objects.
 *
 * Set-up, once: a queue manager QX made in the scratch folder as crtmqm makes
 * one (its log, the SYSTEM.* objects), its log opened and its object store
 * open, as runmqsc's commands find them inside the queue manager process; the
 * definitions crtmqm made are remembered.
 * Input: the bytes of an MQSC script, as runmqsc reads them (the same format
 * as fuzz_mqsc).  Each command the reader gives goes through mqsc_exec with a
 * runtime that answers as the queue manager process would (queue status,
 * whether a queue may be deleted); input that cannot be MQSC text must be
 * named by the reader (line and column).  At most MAX_CMDS commands an input.
 * After an input that changed anything (the store appended a log record) the
 * objects go back to what crtmqm made (new ones deleted, changed or deleted
 * ones defined again from the remembered definitions), so an input does the
 * same thing whenever it runs; the restart LSN follows the store so the
 * circular log never fills.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/admin/mqsc.h"
#include "qm/store/objstore.h"
#include "qm/home/qmgr.h"
#include "tests/fuzz/fuzz.h"

#define MAX_CMDS 64   /* per input: keeps one input's time bounded */

static struct objstore os;
static struct log *lg;
static struct objdef *saved;   /* the objects crtmqm made, then the queue manager */
static size_t nsaved;

/* The queue manager process's answers, made up from the queue's name so that
 * every branch can be reached: a name with "BUSY" is in use, one with "FULL"
 * holds messages (AMQ8148, AMQ8143 as mqsc.h says). */
static int rt_qstatus(void *arg, const char *name, struct mqsc_qstat *st)
{
	(void)arg;
	memset(st, 0, sizeof *st);
	st->curdepth = strstr(name, "FULL") ? 7 : 0;
	st->ipprocs = strstr(name, "BUSY") ? 1 : 0;
	st->uncom = strstr(name, "BUSY") ? 2 : 0;
	st->qtime_short_us = st->qtime_long_us = strstr(name, "FULL") ? 1500 : -1;
	st->now_ms = 1765000000000;
	st->oldest_ms = st->curdepth ? st->now_ms - 5000 : 0;
	return strstr(name, "GONE") ? -1 : strstr(name, "BROKEN") ? -2 : 0;
}

/* Two connections, one with a unit of work and handles on every queue the
 * fuzzer may name (DISPLAY CONN, DISPLAY QSTATUS TYPE(HANDLE)). */
static int rt_conns(void *arg, struct mqsc_conn **vp, size_t *np)
{
	(void)arg;
	struct mqsc_conn *v = calloc(2, sizeof *v);
	if (!v)
		return -1;
	for (int i = 0; i < 2; i++) {
		memcpy(v[i].connid, "AMQCQM1         ", 16);
		v[i].connid[16] = (uint8_t)(i + 1);
		v[i].pid = 100 + i;
		snprintf(v[i].appltag, sizeof v[i].appltag, "app%d", i);
		snprintf(v[i].user, sizeof v[i].user, "user");
	}
	v[1].uow = 1;
	v[1].uow_start_ms = v[1].uow_log_ms = 1765000000000;
	v[1].uow_id = 9;
	if ((v[1].h = calloc(2, sizeof *v[1].h))) {
		v[1].nh = 2;
		snprintf(v[1].h[0].objname, sizeof v[1].h[0].objname, "Q.BUSY");
		snprintf(v[1].h[0].base, sizeof v[1].h[0].base, "Q.BUSY");
		v[1].h[0].openopts = 0x2012;
		v[1].h[0].input_mode = 2;
		v[1].h[1].qmgr = 1;
		v[1].h[1].openopts = 0x20;
	}
	*vp = v;
	*np = 2;
	return 0;
}

static int rt_stop_conn(void *arg, const uint8_t tail[8])
{
	(void)arg;
	return tail[0] == 1 || tail[0] == 2 ? 0 : 8147;
}

static int rt_qclear(void *arg, const char *name)
{
	(void)arg;
	return strstr(name, "BUSY") ? 8148 : 0;
}

static void rt_qmstat(void *arg, struct mqsc_qmstat *st)
{
	(void)arg;
	memset(st, 0, sizeof *st);
	st->start_ms = 1765000000000;
	st->conns = 2;
	snprintf(st->logpath, sizeof st->logpath, "/var/mqm/log/QM1/active/");
}

static int rt_qdelete(void *arg, const char *name, int purge)
{
	(void)arg;
	if (strstr(name, "BUSY"))
		return 8148;
	if (strstr(name, "FULL") && !purge)
		return 8143;
	return 0;
}

static void rt_qdefined(void *arg, const struct objdef *def)
{
	(void)arg;
	if (!def || !objdef_is_catalogued(def->type))   /* a queue, a process or a topic */
		abort();
}

static void rt_qmgr_changed(void *arg, const struct objdef *qm)
{
	(void)arg;
	if (!qm || qm->type != OBJDEF_QMGR)
		abort();
}

static const struct mqsc_runtime rt = { .arg = NULL, .qstatus = rt_qstatus, .conns = rt_conns,
					.stop_conn = rt_stop_conn, .qclear = rt_qclear, .qmstat = rt_qmstat,
					.qdelete = rt_qdelete, .qdefined = rt_qdefined,
					.qmgr_changed = rt_qmgr_changed };

/* Two definitions alike but for when they were made or changed. */
static int same(const struct objdef *a, const struct objdef *b)
{
	struct objdef x = *a, y = *b;
	memset(x.crdate, 0, sizeof x.crdate);
	memset(y.crdate, 0, sizeof y.crdate);
	memset(x.crtime, 0, sizeof x.crtime);
	memset(y.crtime, 0, sizeof y.crtime);
	memset(x.altdate, 0, sizeof x.altdate);
	memset(y.altdate, 0, sizeof y.altdate);
	memset(x.alttime, 0, sizeof x.alttime);
	memset(y.alttime, 0, sizeof y.alttime);
	return memcmp(&x, &y, sizeof x) == 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[1024];
	struct qm_paths paths;
	fuzz_qmgr_create("mqscexec", "QX", 64, &paths);
	struct log_open_report rep;
	if (log_open(paths.log_dir, LOG_OPEN_WRITE, 0, &lg, &rep) != QM_OK)
		fuzz_die(rep.why);
	if (objstore_open(&os, paths.data_dir, lg, err, sizeof err))
		fuzz_die(err);
	saved = calloc(os.cat.n + 1, sizeof *saved);
	if (!saved)
		fuzz_die("out of memory");
	for (size_t i = 0; i < os.cat.n; i++)
		if (objstore_load(&os, os.cat.v[i].type, os.cat.v[i].name, &saved[nsaved++], err, sizeof err))
			fuzz_die(err);
	saved[nsaved] = os.qmgr;
	return 0;
}

static int was_made(int type, const char *name)
{
	for (size_t i = 0; i < nsaved; i++)
		if (saved[i].type == type && strcmp(saved[i].name, name) == 0)
			return 1;
	return 0;
}

/* Back to the objects crtmqm made. */
static void restore(void)
{
	char err[1024];
	struct objdef cur;
	for (size_t i = os.cat.n; i-- > 0;) {
		if (was_made(os.cat.v[i].type, os.cat.v[i].name))
			continue;
		char name[OBJDEF_NAME_SIZE];
		snprintf(name, sizeof name, "%s", os.cat.v[i].name);
		if (objstore_delete(&os, os.cat.v[i].type, name, err, sizeof err))
			fuzz_die(err);
	}
	for (size_t i = 0; i < nsaved; i++) {
		int rc = objstore_load(&os, saved[i].type, saved[i].name, &cur, err, sizeof err);
		if (rc == QM_OK && same(&cur, &saved[i]))
			continue;
		if (rc == QM_OK && cur.type != saved[i].type &&
		    objstore_delete(&os, cur.type, cur.name, err, sizeof err))
			fuzz_die(err);
		if (objstore_define(&os, &saved[i], OBJSTORE_REPLACE, NULL, err, sizeof err))
			fuzz_die(err);
	}
	if (!same(&os.qmgr, &saved[nsaved]) && objstore_alter_qmgr(&os, &saved[nsaved], err, sizeof err))
		fuzz_die(err);
	if (os.last_lsn && log_set_restart_lsn(lg, os.last_lsn) != QM_OK)
		fuzz_die("log_set_restart_lsn");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!lg)
		LLVMFuzzerInitialize(NULL, NULL);
	uint64_t lsn0 = os.last_lsn;
	struct mqsc_reader *r = mqsc_reader_from_mem((const char *)data, size);
	if (!r)
		return 0;
	static int verbose = -1;   /* FUZZ_MQSC_VERBOSE=1: each command and its response */
	if (verbose < 0)
		verbose = getenv("FUZZ_MQSC_VERBOSE") != NULL;
	char *cmd = NULL;
	int rc;
	for (int n = 0; n < MAX_CMDS && (rc = mqsc_reader_next(r, &cmd)) != 0; n++) {
		struct mqsc_out out = { 0 };
		if (rc == 1 && cmd) {
			int st = mqsc_exec(&os, &rt, cmd, &out);
			if (verbose)
				fprintf(stderr, "%s\n-> %d\n%.*s", cmd, st, (int)out.len, out.text ? out.text : "");
			if (st != MQSC_OK && st != MQSC_SYNTAX && st != MQSC_FAILED)
				abort();
			if (st != MQSC_OK && out.len == 0)
				abort();   /* a refused command always says why */
		} else if (rc == MQSC_READ_BAD) {
			const char *why = mqsc_reader_error(r);
			if (!why || !*why)
				abort();   /* input that cannot be MQSC is named, by line and column */
		}
		mqsc_out_free(&out);
		free(cmd);
		cmd = NULL;
	}
	free(cmd);
	mqsc_reader_free(r);
	if (log_failed(lg))
		fuzz_die("the log failed");
	if (os.last_lsn != lsn0)   /* every change is logged first (WAL rule 1) */
		restore();
	return 0;
}
