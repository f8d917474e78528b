/* qmharness.c: see qmharness.h. */
#include "tests/unit/qmharness.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/home/config.h"
#include "qm/server/daemon.h"
#include "qm/server/oam_srv.h"
#include "qm/store/qmcreate.h"

static int seqno;

void qmh_create(const struct qmh_opts *o, struct qm_paths *p)
{
	char root[4096], err[1024];
	if (!o->same_root || !getenv("MQ_DATA_PATH")) {
		const char *base = getenv("QUIRE_TEST_DIR");
		snprintf(root, sizeof root, "%s/qmh%d-%d", base ? base : "/tmp", (int)getpid(), ++seqno);
		setenv("MQ_DATA_PATH", root, 1);
	}
	struct qmgr_create_opts c = { .name = o->name ? o->name : "QM1", .max_handles = -1, .max_umsgs = -1,
				      .log_mgmt = -1, .log_type = o->linear ? CFG_LOG_LINEAR : CFG_LOG_CIRCULAR,
				      .log_file_pages = o->pages ? o->pages : 64,
				      .log_primary = o->primary ? o->primary : 2,
				      .log_secondary = o->secondary ? o->secondary : 1 };
	struct qmgr_create_result res;
	if (qmgr_create(&c, &res, err, sizeof err))
		fail_msg("qmgr_create: %s", err);
	*p = res.paths;
}

struct qm *qmh_open(const char *name, qm_watcher_fn *watcher, void *arg)
{
	char err[1024];
	struct qm *qm = qm_new(-1);
	assert_non_null(qm);
	if (qmgr_locate(name ? name : "QM1", &qm->paths, err, sizeof err))
		fail_msg("qmgr_locate: %s", err);
	assert_int_equal(qmgr_lock(&qm->paths, &qm->lockfd), QM_OK);
	if (watcher)
		assert_int_equal(qm_watch(qm, watcher, arg), QM_OK);
	return qm;
}

void qmh_close(struct qm *qm)
{
	if (qm->lg)
		log_close(qm->lg);
	qm_qobj_free_all(qm);
	oam_free_all(qm);   /* the authority records and group cache, when a test used them */
	objstore_close(&qm->os);
	qmgr_unlock(qm->lockfd);
	free(qm->woken);
	free(qm);
}

int qmh_errlog_count(const struct qm_paths *p, const char *text)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/AMQERR01.LOG", p->errors_dir);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char line[4096];
	int n = 0;
	while (fgets(line, sizeof line, f))
		n += strstr(line, text) != NULL;
	fclose(f);
	return n;
}

void qmh_noise(void *buf, size_t n, uint64_t seed)
{
	uint8_t *b = buf;
	uint64_t x = seed * 2654435761u + 88172645463325252ull;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		b[i] = (uint8_t)x;
	}
}
