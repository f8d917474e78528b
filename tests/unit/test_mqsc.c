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
#include "objects/qstore.h"
#include "qm/home/errlog.h"
#include "qm/admin/mqsc.h"
#include "qm/store/objstore.h"
#include "qm/home/qmgr.h"
#include "qm/store/qmcreate.h"

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
	has("DESCR( )");                            /* MQ's default description is blank */
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

static int count_msg(void *arg, const struct qs_entry *e)
{
	int *n = arg;
	if (qs_entry_data_len(e) == 5)
		(*n)++;
	return 0;
}

/* DEFINE REPLACE and ALTER change the definition and keep the messages the
 * queue store holds (a crash after it must not lose them); the definition
 * file holds no messages */
static void test_mqsc__replace_keeps_messages(void **s)
{
	(void)s;
	char err[512], dir[4200];
	assert_int_equal(ex("DEFINE QLOCAL(KEEP.Q)"), MQSC_OK);
	const struct objcat_entry *e = objcat_find(&os.cat, OBJDEF_QLOCAL, "KEEP.Q");
	assert_non_null(e);
	snprintf(dir, sizeof dir, "%s/queues/%s", os.data_dir, e->folder);
	/* DEFINE made the store: three messages into it */
	struct qstore *st;
	uint64_t slsn = 0;
	assert_int_equal(qstore_open(dir, os.qmgr.identity, "KEEP.Q", NULL, NULL, NULL, &st, &slsn, err, sizeof err),
			 QM_OK);
	assert_int_equal(qstore_batch_begin(st, slsn + 4096), QM_OK);
	for (int i = 1; i <= 3; i++) {
		struct objfile_msg m;
		memset(&m, 0, sizeof m);
		m.seq = (uint64_t)i;
		m.put_lsn = 1000 + (uint64_t)i;
		m.priority = 5;
		m.persistence = 1;
		m.expiry_ms = -1;
		m.data_len = 5;
		assert_int_equal(qstore_put(st, &m, "hello", NULL), QM_OK);
	}
	assert_int_equal(qstore_batch_commit(st), QM_OK);
	qstore_close(st);
	assert_int_equal(ex("DEFINE QLOCAL(KEEP.Q) REPLACE MAXDEPTH(77)"), MQSC_OK);
	assert_int_equal(ex("ALTER QLOCAL(KEEP.Q) DESCR('kept')"), MQSC_OK);
	struct objdef def;
	uint64_t lsn = 0, count = 9;
	assert_int_equal(objfile_read_queue(os.data_dir, e->folder, os.qmgr.identity, OBJDEF_QLOCAL, "KEEP.Q", &def, &lsn,
					    &count, NULL, NULL, err, sizeof err), QM_OK);
	assert_int_equal(count, 0);
	assert_int_equal(def.max_q_depth, 77);
	assert_string_equal(def.descr, "kept");
	int n = 0;
	uint64_t lsn2 = 0;
	assert_int_equal(qstore_open(dir, os.qmgr.identity, "KEEP.Q", NULL, count_msg, &n, &st, &lsn2, err, sizeof err),
			 QM_OK);
	qstore_close(st);
	assert_int_equal(n, 3);
	assert_true(lsn2 == slsn + 4096);
	/* DELETE removes the store with the folder */
	assert_int_equal(ex("DELETE QLOCAL(KEEP.Q)"), MQSC_OK);
	assert_int_equal(access(dir, F_OK), -1);
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

/* "DEFINE QLOCAL(name) DESCR('" + n x ch + "')" + tail, malloc'd */
static char *with_value(const char *head, size_t n, char ch, const char *tail)
{
	size_t hl = strlen(head), tl = strlen(tail);
	char *c = malloc(hl + n + tl + 1);
	assert_non_null(c);
	memcpy(c, head, hl);
	memset(c + hl, ch, n);
	memcpy(c + hl + n, tail, tl + 1);
	return c;
}

/* issue 7.1: values filling the old 8 KiB value buffer made its room wrap
 * round and the parser wrote past the heap block (ASan heap-buffer-overflow,
 * the queue manager died).  Every value is checked now, and an over-long one
 * is a syntax error naming the attribute and its limit. */
static void test_mqsc__long_values(void **s)
{
	(void)s;
	/* a value running past the end of the old buffer (ASan stopped here) */
	char *c = with_value("DEFINE QLOCAL(X) DESCR('", 9000, 'a', "') TRIGDATA(");
	char *t = with_value(c, 100, 'y', ")");
	free(c);
	mqsc_out_free(&out);
	assert_int_equal(mqsc_check(t, &out), MQSC_SYNTAX);
	has("DESCR is 9000 characters long");
	assert_int_equal(ex(t), MQSC_SYNTAX);
	has("DESCR is 9000 characters long");
	free(t);
	/* the case: the old parser cut DESCR to 8189 characters and
	 * TRIGDATA's 'y' overwrote its count of the bytes used */
	c = with_value("DEFINE QLOCAL(X) DESCR('", 9000, 'a', "') TRIGDATA('y')");
	mqsc_out_free(&out);
	assert_int_equal(mqsc_check(c, &out), MQSC_SYNTAX);
	has("AMQ8405E: Syntax error detected in the MQSC command: DESCR is 9000 characters long; at most 64 are "
	    "allowed.");
	assert_int_equal(ex(c), MQSC_SYNTAX);
	has("DESCR is 9000 characters long; at most 64 are allowed");
	free(c);
	c = with_value("DEFINE QLOCAL(X) TRIGDATA(", 100, 'b', ")");
	assert_int_equal(ex(c), MQSC_SYNTAX);
	has("TRIGDATA is 100 characters long; at most 64 are allowed");
	free(c);
	assert_int_equal(ex("DISPLAY QUEUE(X)"), MQSC_FAILED);   /* nothing was made */

	/* many values, each within its limit, more than 8 KiB together: all kept */
	char *many = malloc(127 * 80 + 64);
	assert_non_null(many);
	strcpy(many, "DEFINE QLOCAL(MANY)");
	for (int i = 0; i < 126; i++)
		strcat(many, " DESCR('0123456789012345678901234567890123456789012345678901234567890123')");
	strcat(many, " DESCR('the last one wins')");
	assert_true(strlen(many) > 8192);
	assert_int_equal(ex(many), MQSC_OK);
	assert_int_equal(ex("DIS QL(MANY) DESCR"), MQSC_OK);
	has("DESCR(the last one wins)");
	free(many);

	/* a long value quoted in a message is cut, not echoed whole */
	c = with_value("ALTER QLOCAL(MANY) USAGE(", 5000, 'U', ")");
	assert_int_equal(ex(c), MQSC_SYNTAX);
	has("USAGE must be NORMAL or XMITQ");
	has("UUU...)");
	assert_true(out.len < 300);
	free(c);
	/* names too long: the object's, LIKE's and DISPLAY's */
	c = with_value("DEFINE QLOCAL(", 49, 'N', ")");
	assert_int_equal(ex(c), MQSC_SYNTAX);
	has("is 49 characters long, more than 48");
	free(c);
	c = with_value("DEFINE QLOCAL(Y) LIKE(", 3000, 'L', ")");
	assert_int_equal(ex(c), MQSC_SYNTAX);
	has("is 3000 characters long, more than 48");
	assert_int_equal(mqsc_check(c, &out), MQSC_SYNTAX);
	free(c);
	c = with_value("DISPLAY QLOCAL(", 60, 'D', "*)");
	assert_int_equal(ex(c), MQSC_SYNTAX);
	has("is 61 characters long, more than 48");
	free(c);
}

/* issue 7.3: MQ's limit for one command is 32,762 characters */
static void test_mqsc__command_length(void **s)
{
	(void)s;
	const size_t limit = 32762;
	char *c = malloc(limit + 2);
	assert_non_null(c);
	memset(c, ' ', limit + 1);
	memcpy(c, "DEFINE QLOCAL(LEN.OK) DESCR('x')", 32);
	c[limit] = 0;
	assert_int_equal(ex(c), MQSC_OK);              /* exactly at the limit */
	has("AMQ8006I: Quire queue LEN.OK created.");
	memcpy(c, "DEFINE QLOCAL(LEN.NO) DESCR('x')", 32);
	c[limit] = 'X';
	c[limit + 1] = 0;
	assert_int_equal(ex(c), MQSC_SYNTAX);
	has("AMQ8405E: Syntax error detected in the MQSC command: the command is 32763 characters long; an MQSC "
	    "command may have at most 32762.");
	mqsc_out_free(&out);
	assert_int_equal(mqsc_check(c, &out), MQSC_SYNTAX);
	has("the command is 32763 characters long");
	assert_int_equal(ex("DISPLAY QUEUE(LEN.NO)"), MQSC_FAILED);
	free(c);
	/* the check the queue manager makes on a client's text */
	mqsc_out_free(&out);
	assert_int_equal(mqsc_check_text("DIS QMGR\0X", 10, &out), MQSC_SYNTAX);
	has("column 9 of the command holds a NUL byte");
	mqsc_out_free(&out);
	assert_int_equal(mqsc_check_text("DIS QMGR", 8, &out), MQSC_OK);
	assert_null(out.text);
}

/* a reader over len bytes (NULs and all), from a file as runmqsc gets them */
static struct mqsc_reader *reader_of(const void *buf, size_t len)
{
	char path[4096];
	const char *base = getenv("QUIRE_TEST_DIR");
	snprintf(path, sizeof path, "%s/reader%d-%d", base ? base : "/tmp", (int)getpid(), ++seqno);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	struct mqsc_reader *r = mqsc_reader_new(fd);
	assert_non_null(r);
	close(fd);
	unlink(path);
	return r;
}

static void next_is(struct mqsc_reader *r, int want, const char *cmd, const char *err)
{
	char *c = NULL;
	int got = mqsc_reader_next(r, &c);
	if (got != want)
		fail_msg("reader gave %d (\"%s\"), expected %d (\"%s\")", got, c ? c : "", want, cmd ? cmd : "");
	if (cmd)
		assert_string_equal(c, cmd);
	if (err)
		assert_string_equal(mqsc_reader_error(r), err);
	free(c);
}

/* issue 7.2: a NUL byte made the reader spin for ever (strchr stopped at it
 * and the position never moved); so did a UTF-16 script.  The alarm turns a
 * hang into a failure. */
static void test_mqsc__reader_bad_input(void **s)
{
	(void)s;
	alarm(20);
	/* it ends */
	struct mqsc_reader *r = reader_of("A\0\nB\n", 5);
	char *c;
	int n = 0;
	while (mqsc_reader_next(r, &c)) {
		free(c);
		assert_true(++n <= 2);
	}
	assert_int_equal(n, 2);
	mqsc_reader_free(r);

	static const char nul[] = "A\0\nDEFINE QLOCAL(B) +\n  DESCR('x\0y')\nDIS QMGR\n* a \0 comment\nEND\n";
	r = reader_of(nul, sizeof nul - 1);
	next_is(r, MQSC_READ_BAD, "A?", "line 1, column 2: the input holds a NUL byte (is it UTF-16?)");
	next_is(r, MQSC_READ_BAD, "DEFINE QLOCAL(B) DESCR('x?y')",
		"line 3, column 11: the input holds a NUL byte (is it UTF-16?)");
	next_is(r, 1, "DIS QMGR", "");
	next_is(r, 1, "END", "");
	next_is(r, 0, NULL, NULL);
	mqsc_reader_free(r);

	/* UTF-16LE, with and without a byte order mark, and UTF-16BE: it ends,
	 * every command reported; the mark is named on line 1 */
	static const char text[] = "DEFINE QLOCAL(A)\r\nDIS QMGR\r\nEND\r\n";
	char u16[2 * sizeof text + 2];
	for (int form = 0; form < 3; form++) {
		size_t k = 0;
		if (form == 0) {
			u16[k++] = (char)0xFF;
			u16[k++] = (char)0xFE;
		}
		for (size_t i = 0; i < sizeof text - 1; i++) {
			u16[k++] = form == 2 ? 0 : text[i];
			u16[k++] = form == 2 ? text[i] : 0;
		}
		r = reader_of(u16, k);
		int got, bad = 0, cmds = 0;
		while ((got = mqsc_reader_next(r, &c)) != 0) {
			assert_int_equal(got, MQSC_READ_BAD);
			if (bad == 0 && form == 0)
				assert_string_equal(mqsc_reader_error(r), "line 1, column 1: the input starts with a UTF-16 "
					"byte order mark; MQSC input must be ASCII or UTF-8 text");
			else
				assert_non_null(strstr(mqsc_reader_error(r), "the input holds a NUL byte (is it UTF-16?)"));
			bad++;
			cmds++;
			free(c);
			assert_true(cmds <= 4);
		}
		assert_true(bad >= 3);
		mqsc_reader_free(r);
	}

	/* a UTF-8 byte order mark is skipped */
	static const char bom[] = "\xEF\xBB\xBF" "DEFINE QLOCAL(A)\nEND";
	r = reader_of(bom, sizeof bom - 1);
	next_is(r, 1, "DEFINE QLOCAL(A)", "");
	next_is(r, 1, "END", "");
	next_is(r, 0, NULL, NULL);
	mqsc_reader_free(r);

	/* from memory (the fuzzer's way in), and an empty input */
	r = mqsc_reader_from_mem("X\0Y", 3);
	next_is(r, MQSC_READ_BAD, "X?Y", "line 1, column 2: the input holds a NUL byte (is it UTF-16?)");
	next_is(r, 0, NULL, NULL);
	mqsc_reader_free(r);
	r = mqsc_reader_from_mem("", 0);
	next_is(r, 0, NULL, NULL);
	mqsc_reader_free(r);
	alarm(0);
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
		cmocka_unit_test_setup_teardown(test_mqsc__long_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mqsc__command_length, setup, teardown),
		cmocka_unit_test(test_mqsc__reader_bad_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
