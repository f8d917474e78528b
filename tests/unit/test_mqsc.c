/* test_mqsc.c: MQSC commands on a real queue manager's objects (no process). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log/log.h"
#include "log/osio.h"
#include "log/qmerr.h"
#include "qm/errlog.h"
#include "qm/mqsc.h"
#include "qm/objstore.h"
#include "qm/qmgr.h"

static struct objstore os;
static struct log *lg;
static struct mqsc_out out;
static int seqno;

static int setup(void **s)
{
	(void)s;
	char root[4096], err[1024];
	const char *base = getenv("QUIRE_TEST_DIR");
	snprintf(root, sizeof root, "%s/mqsc%d-%d", base ? base : "/tmp", (int)getpid(), ++seqno);
	setenv("MQ_DATA_PATH", root, 1);
	struct qmgr_create_opts o = { .name = "QM1", .max_handles = -1, .max_umsgs = -1, .log_mgmt = -1,
				      .log_file_pages = 64 };
	struct qmgr_create_result res;
	if (qmgr_create(&o, &res, err, sizeof err))
		fail_msg("qmgr_create: %s", err);
	struct log_open_report rep;
	assert_int_equal(log_open(res.paths.log_dir, LOG_OPEN_WRITE, 0, &lg, &rep), QM_OK);
	if (objstore_open(&os, res.paths.data_dir, lg, err, sizeof err))
		fail_msg("objstore_open: %s", err);
	return 0;
}

static int teardown(void **s)
{
	(void)s;
	objstore_close(&os);
	log_close(lg);
	mqsc_out_free(&out);
	return 0;
}

static int ex(const char *cmd)
{
	mqsc_out_free(&out);
	return mqsc_exec(&os, NULL, cmd, &out);
}

static void has(const char *s)
{
	if (!out.text || !strstr(out.text, s))
		fail_msg("output lacks \"%s\":\n%s", s, out.text ? out.text : "(none)");
}

static void test_mqsc__define_display_alter_delete(void **s)
{
	(void)s;
	assert_int_equal(ex("DEFINE QLOCAL(DEV.QUEUE.1) MAXDEPTH(100) DESCR('Dev queue 1')"), MQSC_OK);
	has("AMQ8006I: Quire queue DEV.QUEUE.1 created.");
	assert_int_equal(ex("define qlocal(DEV.QUEUE.1)"), MQSC_FAILED);
	has("AMQ8150E");
	assert_int_equal(ex("DISPLAY QLOCAL(DEV.QUEUE.1) MAXDEPTH DESCR"), MQSC_OK);
	has("AMQ8409I: Display Queue details.");
	has("   QUEUE(DEV.QUEUE.1)                      TYPE(QLOCAL)");
	has("MAXDEPTH(100)");
	has("DESCR(Dev queue 1)");
	assert_int_equal(ex("ALTER QLOCAL(DEV.QUEUE.1) MAXDEPTH(200) PUT(DISABLED)"), MQSC_OK);
	has("AMQ8008I: Quire queue DEV.QUEUE.1 changed.");
	assert_int_equal(ex("DIS Q(DEV.QUEUE.1) ALL"), MQSC_OK);
	has("MAXDEPTH(200)");
	has("PUT(DISABLED)");
	has("DESCR(Dev queue 1)");               /* ALTER keeps what it is not told */
	/* DEFINE REPLACE starts again from the defaults */
	assert_int_equal(ex("DEFINE QLOCAL(DEV.QUEUE.1) REPLACE MAXMSGL(1000)"), MQSC_OK);
	has("AMQ8008I");
	assert_int_equal(ex("DIS QL(DEV.QUEUE.1) MAXDEPTH MAXMSGL PUT"), MQSC_OK);
	has("MAXDEPTH(5000)");
	has("MAXMSGL(1000)");
	has("PUT(ENABLED)");
	/* LIKE */
	assert_int_equal(ex("DEFINE QLOCAL(PLAIN.Q)"), MQSC_OK);
	assert_int_equal(ex("DIS QL(PLAIN.Q) DESCR"), MQSC_OK);
	has("DESCR()");                            /* MQ's default description is blank */
	assert_int_equal(ex("ALTER QLOCAL(PLAIN.Q) TRIGGER TRIGTYPE(EVERY) INITQ(SYSTEM.DEFAULT.INITIATION.QUEUE)"), MQSC_OK);
	assert_int_equal(ex("DIS QL(PLAIN.Q) TRIGGER TRIGTYPE INITQ QDEPTHHI RETINTVL"), MQSC_OK);
	has("TRIGTYPE(EVERY)");
	has("INITQ(SYSTEM.DEFAULT.INITIATION.QUEUE)");
	has("QDEPTHHI(80)");
	has("RETINTVL(999999999)");
	assert_int_equal(ex("ALTER QLOCAL(PLAIN.Q) TRIGTYPE(SOMETIMES)"), MQSC_SYNTAX);
	assert_int_equal(ex("DEFINE QLOCAL(DEV.QUEUE.2) LIKE(DEV.QUEUE.1)"), MQSC_OK);
	assert_int_equal(ex("DIS QL(DEV.QUEUE.2) MAXMSGL"), MQSC_OK);
	has("MAXMSGL(1000)");
	/* alias and model */
	assert_int_equal(ex("DEFINE QALIAS(DEV.ALIAS) TARGET(DEV.QUEUE.1)"), MQSC_OK);
	assert_int_equal(ex("DEFINE QMODEL(DEV.MODEL) DEFTYPE(PERMDYN)"), MQSC_OK);
	assert_int_equal(ex("DISPLAY QUEUE(DEV.*) TYPE(QALIAS) TARGET"), MQSC_OK);
	has("QUEUE(DEV.ALIAS)");
	has("TARGET(DEV.QUEUE.1)");
	assert_null(strstr(out.text, "DEV.QUEUE.2"));
	assert_int_equal(ex("DISPLAY QUEUE(DEV.*)"), MQSC_OK);
	has("QUEUE(DEV.QUEUE.2)");
	has("TYPE(QMODEL)");
	/* delete */
	assert_int_equal(ex("DELETE QLOCAL(DEV.QUEUE.2)"), MQSC_OK);
	has("AMQ8007I: Quire queue DEV.QUEUE.2 deleted.");
	assert_int_equal(ex("DELETE QLOCAL(DEV.QUEUE.2)"), MQSC_FAILED);
	has("AMQ8147E: Quire object DEV.QUEUE.2 not found.");
	assert_int_equal(ex("DELETE QLOCAL(DEV.ALIAS)"), MQSC_FAILED);   /* it is an alias */
	assert_int_equal(ex("DISPLAY QLOCAL(NOSUCH)"), MQSC_FAILED);
	has("AMQ8147E");
}

static void test_mqsc__qmgr(void **s)
{
	(void)s;
	assert_int_equal(ex("DISPLAY QMGR"), MQSC_OK);
	has("AMQ8408I");
	has("QMNAME(QM1)");
	has("MAXUMSGS(10000)");
	assert_int_equal(ex("ALTER QMGR DEADQ(DEV.DEAD.LETTER.QUEUE) MAXUMSGS(50)"), MQSC_OK);
	has("AMQ8005I: Quire queue manager QM1 changed.");
	assert_int_equal(ex("DIS QMGR DEADQ MAXUMSGS"), MQSC_OK);
	has("DEADQ(DEV.DEAD.LETTER.QUEUE)");
	has("MAXUMSGS(50)");
	assert_null(strstr(out.text, "CCSID"));
	/* it is durable: reopen the objects */
	char err[1024], dir[4096];
	snprintf(dir, sizeof dir, "%s", os.data_dir);
	objstore_close(&os);
	assert_int_equal(objstore_open(&os, dir, lg, err, sizeof err), QM_OK);
	assert_string_equal(os.qmgr.dead_letter_q_name, "DEV.DEAD.LETTER.QUEUE");
}

static void test_mqsc__syntax_errors(void **s)
{
	(void)s;
	const char *bad[] = {
		"FROB QLOCAL(X)", "DEFINE", "DEFINE QLOCAL", "DEFINE QLOCAL()", "DEFINE QFOO(X)",
		"DEFINE QLOCAL(X) MAXDEPTH(-1)", "DEFINE QLOCAL(X) MAXDEPTH(ABC)", "DEFINE QLOCAL(X) NOSUCHATTR(1)",
		"DEFINE QLOCAL(X) DESCR('unterminated)", "DEFINE QLOCAL(X) MAXDEPTH(5", "DEFINE QLOCAL(BAD*NAME)",
		"DEFINE QLOCAL(X) REPLACE NOREPLACE", "DEFINE QUEUE(X)", "DELETE QLOCAL(X) MAXDEPTH(1)",
		"DEFINE QMGR", "DEFINE QLOCAL(X) TARGET(Y)", "DISPLAY QUEUE(*) TYPE(QMGR)", "DISPLAY QMGR(X)",
		"ALTER QLOCAL(SYSTEM.DEFAULT.LOCAL.QUEUE) CURDEPTH(5)",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = ex(bad[i]);
		if (rc != MQSC_SYNTAX)
			fail_msg("\"%s\" gave %d:\n%s", bad[i], rc, out.text ? out.text : "");
		has("AMQ8405E");
	}
	/* nothing was created by any of them */
	assert_int_equal(ex("DISPLAY QUEUE(X)"), MQSC_FAILED);
	/* quoting keeps case and doubles quotes */
	assert_int_equal(ex("DEFINE QLOCAL('lower.case') DESCR('it''s')"), MQSC_OK);
	assert_int_equal(ex("DIS QL('lower.case') DESCR"), MQSC_OK);
	has("QUEUE(lower.case)");
	has("DESCR(it's)");
	assert_int_equal(mqsc_check("DEFINE QLOCAL(A) MAXDEPTH(1)", &out), MQSC_OK);
	assert_int_equal(mqsc_check("DEFINE QLOCAL(A) MAXDEPTH(", &out), MQSC_SYNTAX);
}

static void test_mqsc__damaged_object(void **s)
{
	(void)s;
	struct errlog el;
	char path[8192], *log = NULL;
	size_t n;
	assert_int_equal(errlog_open_qm(&el, os.data_dir, "QM1", ERRLOG_DEFAULT_SIZE), QM_OK);
	os.el = &el;
	assert_int_equal(ex("DEFINE QLOCAL(DEV.Q)"), MQSC_OK);
	snprintf(path, sizeof path, "%s/queues/DEV!Q/q", os.data_dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(ex("DISPLAY QLOCAL(DEV.Q)"), MQSC_FAILED);
	has("AMQ8149E: Object DEV.Q is damaged.");
	assert_null(strstr(out.text, "AMQ8147E"));
	assert_int_equal(ex("ALTER QLOCAL(DEV.Q) MAXDEPTH(9)"), MQSC_FAILED);
	has("AMQ8149E");
	snprintf(path, sizeof path, "%s/errors/AMQERR01.LOG", os.data_dir);
	assert_int_equal(os_read_file(path, &log, &n), QM_OK);
	assert_non_null(strstr(log, "AMQ7472W: Object DEV.Q of type qlocal is damaged."));
	free(log);
	/* a damaged object can still be deleted, and then defined again */
	assert_int_equal(ex("DELETE QLOCAL(DEV.Q)"), MQSC_OK);
	assert_int_equal(ex("DEFINE QLOCAL(DEV.Q)"), MQSC_OK);
	assert_int_equal(ex("DISPLAY QLOCAL(DEV.Q)"), MQSC_OK);
}

static int one_msg(void *ctx, struct objfile_msg *m, const void **data)
{
	int *left = ctx;
	if (!*left)
		return 0;
	memset(m, 0, sizeof *m);
	m->seq = (uint64_t)*left;
	m->priority = 5;
	m->persistence = 1;
	m->expiry_ms = -1;
	m->data_len = 5;
	*data = "hello";
	(*left)--;
	return 1;
}

static int count_msg(void *ctx, const struct objfile_msg *m, const void *data, uint64_t off)
{
	(void)off;
	int *n = ctx;
	if (m->data_len == 5 && memcmp(data, "hello", 5) == 0)
		(*n)++;
	return 0;
}

/* DEFINE REPLACE and ALTER change the definition and keep the messages the
 * queue file holds (a crash after it must not lose them) */
static void test_mqsc__replace_keeps_messages(void **s)
{
	(void)s;
	char err[512];
	assert_int_equal(ex("DEFINE QLOCAL(KEEP.Q)"), MQSC_OK);
	const struct objcat_entry *e = objcat_find(&os.cat, OBJDEF_QLOCAL, "KEEP.Q");
	assert_non_null(e);
	struct objdef def;
	assert_int_equal(objstore_load(&os, OBJDEF_QLOCAL, "KEEP.Q", &def, err, sizeof err), QM_OK);
	int left = 3;
	assert_int_equal(objfile_write_queue(os.data_dir, e->folder, os.qmgr.identity, &def, 4096, 3, one_msg, &left,
					     err, sizeof err), QM_OK);
	assert_int_equal(ex("DEFINE QLOCAL(KEEP.Q) REPLACE MAXDEPTH(77)"), MQSC_OK);
	assert_int_equal(ex("ALTER QLOCAL(KEEP.Q) DESCR('kept')"), MQSC_OK);
	int n = 0;
	uint64_t lsn = 0, count = 0;
	assert_int_equal(objfile_read_queue(os.data_dir, e->folder, os.qmgr.identity, OBJDEF_QLOCAL, "KEEP.Q", &def, &lsn,
					    &count, count_msg, &n, err, sizeof err), QM_OK);
	assert_int_equal(count, 3);
	assert_int_equal(n, 3);
	assert_int_equal(def.max_q_depth, 77);
	assert_string_equal(def.descr, "kept");
	assert_true(lsn == 4096);
}

static void test_mqsc__reader(void **s)
{
	(void)s;
	int p[2];
	assert_int_equal(pipe(p), 0);
	const char *in = "* a comment\n\nDEFINE QLOCAL(A) +\n     MAXDEPTH(5)\nDEFINE QLOCAL(B) DESCR('two -\n  spaces')\n"
			 "   END   \n";
	assert_int_equal(write(p[1], in, strlen(in)), (ssize_t)strlen(in));
	close(p[1]);
	struct mqsc_reader *r = mqsc_reader_new(p[0]);
	char *c;
	assert_int_equal(mqsc_reader_next(r, &c), 1);
	assert_string_equal(c, "DEFINE QLOCAL(A) MAXDEPTH(5)");
	free(c);
	assert_int_equal(mqsc_reader_next(r, &c), 1);
	assert_string_equal(c, "DEFINE QLOCAL(B) DESCR('two   spaces')");
	free(c);
	assert_int_equal(mqsc_reader_next(r, &c), 1);
	assert_string_equal(c, "END");
	free(c);
	assert_int_equal(mqsc_reader_next(r, &c), 0);
	mqsc_reader_free(r);
	close(p[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mqsc__define_display_alter_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mqsc__qmgr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mqsc__syntax_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mqsc__damaged_object, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mqsc__replace_keeps_messages, setup, teardown),
		cmocka_unit_test(test_mqsc__reader),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
