/* test_errlog.c: the error log entry format, rotation, concurrency, and the message catalog. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "qm/home/errlog.h"
#include "qm/home/msgcat.h"
#include "log/osio.h"
#include "log/qmerr.h"

static void fresh_dir(char *out, size_t n)
{
	const char *base = getenv("QUIRE_TEST_DIR");
	snprintf(out, n, "%s/errlog.XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(out));
}

static char *read_all(const char *path)
{
	char *buf;
	size_t n;
	assert_int_equal(os_read_file(path, &buf, &n), QM_OK);
	return buf;
}

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static void match(const char *pattern, const char *line)
{
	regex_t re;
	assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
	int rc = regexec(&re, line, 0, NULL, 0);
	regfree(&re);
	if (rc != 0)
		fail_msg("line does not match\n line: '%s'\n  re:  '%s'", line, pattern);
}

/* Split text into lines (modifies text); returns the count. */
static int lines_of(char *text, char **v, int max)
{
	int n = 0;
	for (char *p = text; *p && n < max; ) {
		char *nl = strchr(p, '\n');
		assert_non_null(nl);   /* every line ends in a newline */
		*nl = 0;
		v[n++] = p;
		p = nl + 1;
	}
	return n;
}

static void test_errlog__entry_format_exact(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	char dir[256];
	struct errlog el;
	fresh_dir(dir, sizeof dir);
	assert_int_equal(errlog_open(&el, dir, "QM1", 0), QM_OK);
	assert_true(el.max_size == ERRLOG_DEFAULT_SIZE);
	snprintf(el.user, sizeof el.user, "mqm");
	snprintf(el.host, sizeof el.host, "box1");
	snprintf(el.program, sizeof el.program, "strmqm");
	struct errlog_stamp st = { { 1795313384, 567000000 }, 4242, 17 };  /* 2026-11-22T02:09:44.567Z */

	const char *ins[] = { "1234", "QM1" };
	char buf[8192];
	assert_int_equal(errlog_format(buf, sizeof buf, &el, &st, AMQ_REPLAY_RECORDS, ins, 2,
				       "qm/restart.c", 321), QM_OK);
	char expl[1024], act[256];
	msgcat_format_part(expl, sizeof expl, AMQ_REPLAY_RECORDS, MSGCAT_EXPLANATION, ins, 2, 79);
	msgcat_format_part(act, sizeof act, AMQ_REPLAY_RECORDS, MSGCAT_ACTION, ins, 2, 79);
	char want[8192];
	snprintf(want, sizeof want,
		 "11/22/26 02:09:44 - Process(4242.17) User(mqm) Program(strmqm)\n"
		 "                    Host(box1) Installation(Quire)\n"
		 "                    VRMF(0.1.0.0) QMgr(QM1)\n"
		 "                    Time(2026-11-22T02:09:44.567Z)\n"
		 "                    CommentInsert1(QM1)\n"
		 "                    ArithInsert1(1234)\n"
		 "                    \n"
		 "AMQ7229I: 1234 log records read on queue manager 'QM1' during the log replay\n"
		 "phase.\n"
		 "\n"
		 "EXPLANATION:\n"
		 "%s\n"
		 "\n"
		 "ACTION:\n"
		 "%s\n"
		 "----- restart.c : 321 ---------------------------------------------------------\n",
		 expl, act);
	assert_string_equal(buf, want);
	assert_string_equal(act, "None.");
	assert_string_equal(expl, "While starting, the queue manager read 1234 log records written since its last\n"
			    "checkpoint, to bring its queues up to date with the log.");

	/* the no-queue-manager form leaves QMgr() out */
	struct errlog sys;
	char root[256];
	fresh_dir(root, sizeof root);
	assert_int_equal(errlog_open_system(&sys, root), QM_OK);
	snprintf(sys.user, sizeof sys.user, "mqm");
	snprintf(sys.host, sizeof sys.host, "box1");
	snprintf(sys.program, sizeof sys.program, "dspmq");
	assert_int_equal(errlog_format(buf, sizeof buf, &sys, &st, AMQ_QMGR_UNKNOWN,
				       (const char *const[]){ "QMX" }, 1, "dspmq.c", 7), QM_OK);
	assert_non_null(strstr(buf, "\n                    VRMF(0.1.0.0)\n"));
	assert_null(strstr(buf, "QMgr("));
	assert_non_null(strstr(buf, "\nAMQ7048E: Queue manager name 'QMX' is not valid or not known.\n"));
	unsetenv("TZ");
	tzset();
}

static void test_errlog__entry_lines_written(void **state)
{
	(void)state;
	char dir[256], path[300];
	struct errlog el;
	fresh_dir(dir, sizeof dir);
	assert_int_equal(errlog_open_qm(&el, dir, "QM.A", 0), QM_OK);
	int line = __LINE__ + 1;
	assert_int_equal(ERRLOG(&el, AMQ_OBJECT_DAMAGED, "DEV.QUEUE.1", "qlocal"), QM_OK);
	snprintf(path, sizeof path, "%s/errors/AMQERR01.LOG", dir);
	char *text = read_all(path), *v[64];
	int n = lines_of(text, v, 64);
	char re[256];

	snprintf(re, sizeof re, "^[01][0-9]/[0-3][0-9]/[0-9]{2} [0-2][0-9]:[0-5][0-9]:[0-6][0-9] - "
		 "Process\\(%d\\.[0-9]+\\) User\\([^()]+\\) Program\\(test_errlog\\)$", (int)getpid());
	match(re, v[0]);
	match("^ {20}Host\\([^()]+\\) Installation\\(Quire\\)$", v[1]);
	assert_string_equal(v[2], "                    VRMF(0.1.0.0) QMgr(QM.A)");
	match("^ {20}Time\\(20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\\.[0-9]{3}Z\\)$", v[3]);
	assert_string_equal(v[4], "                    CommentInsert1(DEV.QUEUE.1)");
	assert_string_equal(v[5], "                    CommentInsert2(qlocal)");
	assert_string_equal(v[6], "                    ");
	assert_string_equal(v[7], "AMQ7472W: Object DEV.QUEUE.1 of type qlocal is damaged.");
	assert_string_equal(v[8], "");
	assert_string_equal(v[9], "EXPLANATION:");
	int i = 10;
	while (i < n && v[i][0])
		assert_true(strlen(v[i++]) <= 79);
	assert_true(i > 10);
	assert_string_equal(v[i++], "");
	assert_string_equal(v[i++], "ACTION:");
	while (i < n - 1)
		assert_true(strlen(v[i++]) <= 79);
	snprintf(re, sizeof re, "^----- test_errlog\\.c : %d -+$", line);
	match(re, v[n - 1]);
	assert_int_equal(strlen(v[n - 1]), 79);
	free(text);

	/* the thread id is the caller's kernel thread id */
	char buf[8192];
	assert_int_equal(errlog_format(buf, sizeof buf, &el, NULL, AMQ_QMGR_ENDED,
				       (const char *const[]){ "QM.A" }, 1, "x.c", 1), QM_OK);
	char want[64];
	snprintf(want, sizeof want, "Process(%d.%d)", (int)getpid(), (int)gettid());
	assert_non_null(strstr(buf, want));
}

static void test_errlog__inserts(void **state)
{
	(void)state;
	char dir[256], buf[8192];
	struct errlog el;
	struct errlog_stamp st = { { 0, 0 }, 1, 1 };
	fresh_dir(dir, sizeof dir);
	assert_int_equal(errlog_open(&el, dir, "QM1", 0), QM_OK);

	/* "aac": two numbers then a string; numbered within their kind */
	const char *ins[] = { "3", "5", "QM1" };
	assert_int_equal(errlog_format(buf, sizeof buf, &el, &st, AMQ_TXN_RESOLVED, ins, 3, "a.c", 1), QM_OK);
	assert_non_null(strstr(buf, "\n                    CommentInsert1(QM1)\n"
			       "                    ArithInsert1(3)\n"
			       "                    ArithInsert2(5)\n"
			       "                    \n"));
	assert_non_null(strstr(buf, "\nAMQ7233I: 3 of 5 in-flight units of work resolved for queue manager "
			       "'QM1'.\n"));

	/* a missing insert prints as nothing and has no insert line; NULL is
	 * skipped; wrapping folds the doubled blank */
	const char *one[] = { NULL, "QMZ" };
	assert_int_equal(errlog_format(buf, sizeof buf, &el, &st, AMQ_REPLAY_RECORDS, one, 2, "a.c", 1), QM_OK);
	assert_null(strstr(buf, "ArithInsert"));
	assert_non_null(strstr(buf, "CommentInsert1(QMZ)"));
	assert_non_null(strstr(buf, "\nAMQ7229I: log records read on queue manager 'QMZ'"));
	assert_int_equal(errlog_format(buf, sizeof buf, &el, &st, AMQ_QMGR_ENDED, NULL, 0, "a.c", 1), QM_OK);
	assert_null(strstr(buf, "Insert"));
	assert_non_null(strstr(buf, "\nAMQ8004I: Quire queue manager '' ended.\n"));

	/* ERRLOG with no inserts and with several */
	assert_int_equal(ERRLOG(&el, AMQ_SETUP_COMPLETED), QM_OK);
	assert_int_equal(ERRLOG(&el, AMQ_DEFAULT_OBJECTS_STATS, "12", "0", "1"), QM_OK);
	char path[300];
	errlog_file_path(&el, 1, path, sizeof path);
	char *text = read_all(path);
	assert_non_null(strstr(text, "\nAMQ7884I: Set-up complete.\n"));
	assert_non_null(strstr(text, "ArithInsert3(1)\n"));
	assert_non_null(strstr(text, "\nAMQ8048I: Default objects statistics : 12 created. 0 replaced. 1 failed.\n"));
	free(text);

	/* an id missing from the catalog is still logged, with its inserts */
	assert_int_equal(ERRLOG(&el, 9999, "what", "ever"), QM_ENOTFOUND);
	text = read_all(path);
	assert_non_null(strstr(text, "\nAMQ9999E: message 9999 is not in the catalog; inserts: 'what' 'ever'\n"));
	assert_non_null(strstr(text, "CommentInsert2(ever)"));
	free(text);

	/* a very long insert is cut but the entry keeps its shape */
	char big[20000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	const char *bi[] = { big, "t" };
	char small[4096];
	assert_int_equal(errlog_format(small, sizeof small, &el, &st, AMQ_OBJECT_DAMAGED, bi, 2, "a.c", 1),
			 QM_ETOOBIG);
	assert_int_equal(strlen(small), sizeof small - 1);
	assert_int_equal(small[sizeof small - 2], '\n');
	assert_int_equal(ERRLOG(&el, AMQ_OBJECT_DAMAGED, big, "qlocal"), QM_OK);
}

static void test_errlog__console(void **state)
{
	(void)state;
	char buf[512];
	assert_int_equal(errlog_console(buf, sizeof buf, AMQ_OBJECT_DAMAGED,
					(const char *const[]){ "Q1", "qlocal" }, 2), QM_OK);
	assert_string_equal(buf, "AMQ7472W: Object Q1 of type qlocal is damaged.");
	assert_int_equal(msgcat_format(buf, sizeof buf, AMQ_QMGR_RUNNING,
				       (const char *const[]){ "QM1" }, 1), QM_OK);
	assert_string_equal(buf, "AMQ7005E: Queue manager 'QM1' is running.");
	assert_int_equal(msgcat_format(buf, sizeof buf, AMQ_LOG_OLDEST_RESTART,
				       (const char *const[]){ "QM1", "S0000003.LOG" }, 2), QM_OK);
	assert_string_equal(buf, "AMQ7467I: The oldest log file needed to restart queue manager QM1 is S0000003.LOG.");
	assert_int_equal(msgcat_format(buf, sizeof buf, AMQ_CFG_BAD_VALUE,
				       (const char *const[]){ "/q/qm.ini", "/q/qm.ini line 2: bad value" }, 2), QM_OK);
	assert_string_equal(buf, "AMQ7888E: Configuration not valid: /q/qm.ini line 2: bad value.");
	assert_int_equal(msgcat_format(buf, sizeof buf, 4321, NULL, 0), QM_ENOTFOUND);
	assert_string_equal(buf, "AMQ4321E: message 4321 is not in the catalog; inserts:");
	char tiny[12];
	assert_int_equal(msgcat_format(tiny, sizeof tiny, AMQ_QMGR_RUNNING,
				       (const char *const[]){ "QM1" }, 1), QM_ETOOBIG);
	assert_string_equal(tiny, "AMQ7005E: Q");
	char nb[24];
	assert_string_equal(msgcat_num(nb, -12345678901LL), "-12345678901");
	assert_int_equal(msgcat_expand(buf, sizeof buf, "100%% of %1, %2 and %9%3", (const char *const[]){ "a", "b" }, 2),
			 QM_OK);
	assert_string_equal(buf, "100% of a, b and ");
}

static void test_errlog__wrap(void **state)
{
	(void)state;
	char out[512];
	assert_int_equal(msgcat_wrap(out, sizeof out, "aaa bbb ccc ddd", 7), QM_OK);
	assert_string_equal(out, "aaa bbb\nccc ddd");
	assert_int_equal(msgcat_wrap(out, sizeof out, "aaa  bbbb ccc", 7), QM_OK);
	assert_string_equal(out, "aaa\nbbbb\nccc");
	/* a word longer than the width stands alone */
	assert_int_equal(msgcat_wrap(out, sizeof out, "x /a/very/long/path/name y", 10), QM_OK);
	assert_string_equal(out, "x\n/a/very/long/path/name\ny");
	/* newlines in the text are kept */
	assert_int_equal(msgcat_wrap(out, sizeof out, "one\ntwo three", 20), QM_OK);
	assert_string_equal(out, "one\ntwo three");
	assert_int_equal(msgcat_wrap(out, sizeof out, "exactly ten", 11), QM_OK);
	assert_string_equal(out, "exactly ten");
	char tiny[6];
	assert_int_equal(msgcat_wrap(tiny, sizeof tiny, "abc def", 79), QM_ETOOBIG);
	assert_string_equal(tiny, "abc d");
}

/* The number carried in "CommentInsert1(n)" of each entry in text, in order. */
static int entry_numbers(const char *text, int *v, int max)
{
	int n = 0;
	for (const char *p = text; (p = strstr(p, "CommentInsert1(")) && n < max; p++)
		v[n++] = atoi(p + strlen("CommentInsert1("));
	return n;
}

static void test_errlog__rotation(void **state)
{
	(void)state;
	char dir[256], p1[300], p2[300], p3[300];
	struct errlog el;
	fresh_dir(dir, sizeof dir);
	assert_int_equal(errlog_open(&el, dir, "QM1", 8192), QM_OK);
	errlog_file_path(&el, 1, p1, sizeof p1);
	errlog_file_path(&el, 2, p2, sizeof p2);
	errlog_file_path(&el, 3, p3, sizeof p3);

	char num[24];
	int total = 0;
	/* fill 01 up to just under the limit: nothing rotates */
	for (;;) {
		struct stat st;
		char probe[8192];
		msgcat_num(num, total + 1);
		errlog_format(probe, sizeof probe, &el, NULL, AMQ_QMGR_STARTING,
			      (const char *const[]){ num }, 1, __FILE__, __LINE__);
		if (exists(p1)) {
			assert_int_equal(stat(p1, &st), 0);
			if (st.st_size + (off_t)strlen(probe) > 8192)
				break;
		}
		assert_int_equal(ERRLOG(&el, AMQ_QMGR_STARTING, num), QM_OK);
		total++;
	}
	assert_true(total >= 4);
	assert_false(exists(p2));
	int per_file = total;

	/* the next entry would pass the limit: 01 becomes 02 */
	msgcat_num(num, ++total);
	assert_int_equal(ERRLOG(&el, AMQ_QMGR_STARTING, num), QM_OK);
	assert_true(exists(p2));
	assert_false(exists(p3));
	char *t1 = read_all(p1), *t2 = read_all(p2);
	int v[200], n;
	n = entry_numbers(t1, v, 200);
	assert_int_equal(n, 1);
	assert_int_equal(v[0], total);
	n = entry_numbers(t2, v, 200);
	assert_int_equal(n, per_file);
	assert_int_equal(v[0], 1);
	assert_int_equal(v[n - 1], per_file);
	free(t1);
	free(t2);

	/* keep writing through two more rotations: 03 appears, then the oldest is dropped */
	for (int i = 0; i < 3 * per_file; i++) {
		msgcat_num(num, ++total);
		assert_int_equal(ERRLOG(&el, AMQ_QMGR_STARTING, num), QM_OK);
	}
	assert_true(exists(p3));
	char *t[3] = { read_all(p3), read_all(p2), read_all(p1) };
	int expect = -1, seen = 0;
	for (int f = 0; f < 3; f++) {
		struct stat st;
		assert_int_equal(stat(f == 0 ? p3 : f == 1 ? p2 : p1, &st), 0);
		assert_true(st.st_size <= 8192);
		n = entry_numbers(t[f], v, 200);
		assert_true(n > 0);
		for (int i = 0; i < n; i++) {
			if (expect >= 0)
				assert_int_equal(v[i], expect);   /* oldest to newest, no gap */
			expect = v[i] + 1;
		}
		seen += n;
		/* each file holds whole entries: it starts with a date line and
		 * ends with a separator */
		assert_true(t[f][2] == '/' && t[f][5] == '/');
		char *end = t[f] + strlen(t[f]) - 1;
		assert_int_equal(*end, '\n');
		*end = 0;
		char *last = strrchr(t[f], '\n') + 1;
		match("^----- test_errlog\\.c : [0-9]+ -+$", last);
		assert_int_equal(strlen(last), 79);
		free(t[f]);
	}
	assert_int_equal(expect, total + 1);      /* the newest is the last one written */
	assert_true(seen < total);                /* the oldest ones were dropped */
	assert_true(seen >= 2 * per_file);
}

static void test_errlog__recreated_after_delete(void **state)
{
	(void)state;
	char dir[256], errdir[300], p1[300];
	struct errlog el;
	fresh_dir(dir, sizeof dir);
	assert_int_equal(errlog_open_qm(&el, dir, "QM1", 0), QM_OK);
	snprintf(errdir, sizeof errdir, "%s/errors", dir);
	errlog_file_path(&el, 1, p1, sizeof p1);
	assert_int_equal(ERRLOG(&el, AMQ_QMGR_STARTING, "QM1"), QM_OK);
	assert_int_equal(unlink(p1), 0);
	assert_int_equal(ERRLOG(&el, AMQ_QMGR_ENDING, "QM1"), QM_OK);
	char *t = read_all(p1);
	assert_null(strstr(t, "AMQ7880I"));
	assert_non_null(strstr(t, "AMQ7891I: Quire queue manager 'QM1' ending."));
	free(t);

	/* the whole folder removed */
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", errdir);
	assert_int_equal(system(cmd), 0);
	assert_false(exists(errdir));
	assert_int_equal(ERRLOG(&el, AMQ_QMGR_ENDED, "QM1"), QM_OK);
	t = read_all(p1);
	assert_non_null(strstr(t, "AMQ8004I: Quire queue manager 'QM1' ended."));
	free(t);
}

static void test_errlog__system_folder(void **state)
{
	(void)state;
	char root[256], path[300];
	struct errlog el;
	fresh_dir(root, sizeof root);
	assert_int_equal(errlog_open_system(&el, root), QM_OK);
	assert_string_equal(el.qmname, "");
	assert_int_equal(ERRLOG(&el, AMQ_QMGR_UNKNOWN, "NOSUCH"), QM_OK);
	snprintf(path, sizeof path, "%s/errors/AMQERR01.LOG", root);
	assert_true(exists(path));
	char *t = read_all(path);
	assert_non_null(strstr(t, "AMQ7048E: Queue manager name 'NOSUCH' is not valid or not known."));
	assert_null(strstr(t, "QMgr("));
	free(t);
	snprintf(path, sizeof path, "%s/qmgrs", root);
	assert_false(exists(path));

	/* bad arguments */
	assert_int_equal(errlog_open(&el, "", "QM1", 0), QM_EINVAL);
	struct errlog none;
	memset(&none, 0, sizeof none);
	assert_int_equal(errlog_write(&none, AMQ_QMGR_ENDED, NULL, 0, "a.c", 1), QM_EINVAL);
	/* a folder that cannot be created */
	char file[300];
	snprintf(file, sizeof file, "%s/plainfile", root);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(path, sizeof path, "%s/plainfile/errors", root);
	assert_int_not_equal(errlog_open(&el, path, "QM1", 0), QM_OK);
}

struct writer {
	const struct errlog *el;
	int id;
	int count;
};

static void *write_many(void *arg)
{
	struct writer *w = arg;
	char num[24], who[24];
	snprintf(who, sizeof who, "writer%d", w->id);
	for (int i = 0; i < w->count; i++) {
		msgcat_num(num, i);
		/* CommentInsert1 = sequence, CommentInsert2 = writer */
		if (ERRLOG(w->el, AMQ_LOG_OLDEST_RESTART, num, who) != QM_OK)
			return (void *)1;
	}
	return NULL;
}

/* Every entry in text whole; count entries per writer, check their order. */
static void check_whole_entries(char *text, int *per, int nwriters, int *next)
{
	char *v[40000];
	int n = lines_of(text, v, 40000);
	assert_true(n < 40000);
	int i = 0;
	while (i < n) {
		/* header: date line, 5 continuation/insert lines, blank-indent line */
		match("^[0-9]{2}/[0-9]{2}/[0-9]{2} [0-9:]{8} - Process\\([0-9]+\\.[0-9]+\\) ", v[i]);
		assert_memory_equal(v[i + 1], "                    Host(", 25);
		assert_memory_equal(v[i + 2], "                    VRMF(", 25);
		assert_memory_equal(v[i + 3], "                    Time(", 25);
		int seq = -1, who = -1;
		assert_int_equal(sscanf(v[i + 4], "                    CommentInsert1(%d)", &seq), 1);
		assert_int_equal(sscanf(v[i + 5], "                    CommentInsert2(writer%d)", &who), 1);
		assert_string_equal(v[i + 6], "                    ");
		char want[200];
		snprintf(want, sizeof want, "AMQ7467I: The oldest log file needed to restart queue manager %d is writer%d.",
			 seq, who);
		assert_string_equal(v[i + 7], want);
		assert_true(who >= 0 && who < nwriters);
		assert_int_equal(seq, next[who]);     /* each writer's entries in order, none lost */
		next[who]++;
		per[who]++;
		i += 8;
		while (i < n && strncmp(v[i], "----- ", 6) != 0)
			i++;
		assert_true(i < n);
		assert_int_equal(strlen(v[i]), 79);
		i++;
	}
}

static void test_errlog__concurrent_writers(void **state)
{
	(void)state;
	char dir[256];
	struct errlog el;
	fresh_dir(dir, sizeof dir);
	assert_int_equal(errlog_open(&el, dir, "QM1", 64LL << 20), QM_OK);

	/* two threads here and a child process with two more threads */
	enum { COUNT = 300 };
	pid_t child = fork();
	assert_true(child >= 0);
	int base = child == 0 ? 2 : 0;
	struct writer w[2] = { { &el, base, COUNT }, { &el, base + 1, COUNT } };
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, write_many, &w[i]), 0);
	void *r0, *r1;
	pthread_join(t[0], &r0);
	pthread_join(t[1], &r1);
	if (child == 0)
		_exit(r0 || r1 ? 1 : 0);
	assert_null(r0);
	assert_null(r1);
	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	char p1[300];
	errlog_file_path(&el, 1, p1, sizeof p1);
	char *text = read_all(p1);
	int per[4] = { 0 }, next[4] = { 0 };
	check_whole_entries(text, per, 4, next);
	for (int i = 0; i < 4; i++)
		assert_int_equal(per[i], COUNT);
	free(text);
}

static void test_errlog__concurrent_rotation(void **state)
{
	(void)state;
	char dir[256];
	struct errlog el;
	fresh_dir(dir, sizeof dir);
	/* files of 110 entries: the 2 x 150 entries rotate twice and all fit
	 * in the three files */
	enum { COUNT = 150 };
	char probe[8192];
	assert_int_equal(errlog_open(&el, dir, "QM1", 0), QM_OK);
	assert_int_equal(errlog_format(probe, sizeof probe, &el, NULL, AMQ_LOG_OLDEST_RESTART,
				       (const char *const[]){ "149", "writer1" }, 2, __FILE__, 99999), QM_OK);
	el.max_size = 110 * (long long)strlen(probe);
	struct writer w[2] = { { &el, 0, COUNT }, { &el, 1, COUNT } };
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, write_many, &w[i]), 0);
	for (int i = 0; i < 2; i++) {
		void *r;
		pthread_join(t[i], &r);
		assert_null(r);
	}
	int per[2] = { 0 }, next[2] = { 0 };
	for (int k = 3; k >= 1; k--) {
		char p[300];
		errlog_file_path(&el, k, p, sizeof p);
		assert_true(exists(p));
		char *text = read_all(p);
		check_whole_entries(text, per, 2, next);
		free(text);
	}
	/* the oldest entries may have been dropped with AMQERR03, never the newest */
	assert_int_equal(next[0], COUNT);
	assert_int_equal(next[1], COUNT);
	assert_true(per[0] + per[1] > COUNT);
}

static void test_errlog__catalog_entries(void **state)
{
	(void)state;
	size_t n = msgcat_count();
	assert_true(n >= 45);
	assert_null(msgcat_at(n));
	for (size_t i = 0; i < n; i++) {
		const struct amq_msg *m = msgcat_at(i);
		assert_non_null(m);
		if (i > 0 && msgcat_at(i - 1)->id >= m->id)
			fail_msg("ids not ascending and unique at AMQ%04d", m->id);
		assert_true(m->id >= 1000 && m->id <= 9999);
		assert_non_null(strchr("IWES", m->severity));
		assert_true(m->text && m->text[0]);
		assert_true(m->explanation && m->explanation[0]);
		assert_true(m->action && m->action[0]);
		assert_non_null(m->kinds);
		assert_true(msgcat_find(m->id) == m);
		for (const char *k = m->kinds; *k; k++)
			assert_true(*k == 'a' || *k == 'c');
		/* every %N refers to a declared insert; text ends with a full stop */
		const char *parts[3] = { m->text, m->explanation, m->action };
		for (int p = 0; p < 3; p++)
			for (const char *s = parts[p]; *s; s++) {
				if (s[0] == '%' && s[1] == '%') {
					s++;
					continue;
				}
				if (s[0] == '%') {
					if (!(s[1] >= '1' && s[1] <= '9' && s[1] - '0' <= (int)strlen(m->kinds)))
						fail_msg("AMQ%04d: insert %%%c not declared", m->id, s[1]);
				}
			}
		assert_int_equal(m->text[strlen(m->text) - 1], '.');
		/* formats into an entry whose text lines fit in 79 columns */
		const char *ins[9] = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };
		char buf[8192];
		struct errlog el;
		memset(&el, 0, sizeof el);
		snprintf(el.dir, sizeof el.dir, "/nonexistent");
		assert_int_equal(errlog_format(buf, sizeof buf, &el, NULL, m->id, ins, 9, "a.c", 1), QM_OK);
		char *body = strstr(buf, "\nAMQ");
		assert_non_null(body);
		for (char *l = body + 1, *nl; (nl = strchr(l, '\n')); l = nl + 1)
			if (nl - l > 79)
				fail_msg("AMQ%04d: a line of %d columns", m->id, (int)(nl - l));
	}
	assert_null(msgcat_find(1));
	assert_null(msgcat_find(9998));

	/* the messages this project issues (the brief's list) are all there */
	static const int need[] = { 6206, 6287, 6708, 6709, 6767, 7001, 7005, 7006, 7008, 7017, 7030, 7048,
		7229, 7230, 7231, 7232, 7233, 7234, 7463, 7464, 7465, 7466, 7467, 7468, 7469, 7472, 7490,
		7880, 7881, 7882, 7883, 7884, 7885, 7886, 7887, 7888, 7889, 7890, 7891,
		8001, 8002, 8003, 8004, 8048, 8146, 8149, 8518 };
	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
		if (!msgcat_find(need[i]))
			fail_msg("AMQ%04d missing", need[i]);
	assert_int_equal(msgcat_find(AMQ_OBJECT_DAMAGED)->severity, 'W');
	assert_int_equal(msgcat_find(AMQ_QMGR_RUNNING)->severity, 'E');
	assert_int_equal(msgcat_find(AMQ_LOG_NOT_AVAILABLE)->severity, 'S');
	assert_int_equal(msgcat_find(AMQ_QMGR_STARTED)->severity, 'I');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errlog__entry_format_exact),
		cmocka_unit_test(test_errlog__entry_lines_written),
		cmocka_unit_test(test_errlog__inserts),
		cmocka_unit_test(test_errlog__console),
		cmocka_unit_test(test_errlog__wrap),
		cmocka_unit_test(test_errlog__rotation),
		cmocka_unit_test(test_errlog__recreated_after_delete),
		cmocka_unit_test(test_errlog__system_folder),
		cmocka_unit_test(test_errlog__concurrent_writers),
		cmocka_unit_test(test_errlog__concurrent_rotation),
		cmocka_unit_test(test_errlog__catalog_entries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
