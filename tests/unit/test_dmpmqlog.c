/* test_dmpmqlog.c: the dmpmqlog command run on logs made here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log/log.h"
#include "log/osio.h"
#include "log/qmerr.h"

static char dir[4096], out[1 << 20];
static int seqno;

/* Run dmpmqlog with args; output (stdout and stderr) into out; exit status. */
static int run(const char *args)
{
	const char *bin = getenv("QUIRE_BIN");
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "%s/dmpmqlog %s 2>&1", bin ? bin : "build/bin", args);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t n = fread(out, 1, sizeof out - 1, p);
	out[n] = 0;
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int count(const char *needle)
{
	int n = 0;
	for (const char *p = out; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static struct log *make(uint32_t type, uint64_t *lsns, int n, size_t len)
{
	const char *base = getenv("QUIRE_TEST_DIR");
	snprintf(dir, sizeof dir, "%s/dl%d-%d", base ? base : "/tmp", (int)getpid(), ++seqno);
	assert_int_equal(os_mkdir_p(dir, 0700), QM_OK);
	char why[256];
	struct log_config c = { .path = dir, .type = type, .primary = 2, .secondary = 1, .pages = 64 };
	memcpy(c.qmid, "fedcba9876543210", 16);
	assert_int_equal(log_create(&c, why, sizeof why), QM_OK);
	struct log *lg;
	struct log_open_report rep;
	assert_int_equal(log_open(dir, LOG_OPEN_WRITE, 0, &lg, &rep), QM_OK);
	uint8_t *b = malloc(len);
	for (int i = 0; i < n; i++) {
		for (size_t k = 0; k < len; k++)
			b[k] = (uint8_t)(rand() >> 3);
		memcpy(b, "QUIRE-REC", 9);
		struct log_rec r = { .type = i % 2 ? LOG_REC_UOW_COMMIT : LOG_REC_TEST, .uow = (uint64_t)i + 1,
				     .obj = 7, .data = b, .len = len };
		assert_int_equal(log_append(lg, &r, &lsns[i], NULL), QM_OK);
		assert_int_equal(log_flush(lg, lsns[i]), QM_OK);
	}
	free(b);
	return lg;
}

static void test_dmpmqlog__header_and_records(void **s)
{
	(void)s;
	uint64_t l[8];
	struct log *lg = make(LOG_CIRCULAR, l, 6, 100);
	assert_int_equal(log_close(lg), QM_OK);
	char a[8192], lsn[20];
	snprintf(a, sizeof a, "-f %s", dir);
	assert_int_equal(run(a), 0);
	assert_non_null(strstr(out, "LOG FILE HEADER"));
	assert_non_null(strstr(out, "logactive ...... 2"));
	assert_non_null(strstr(out, "loginactive .... 1"));
	assert_non_null(strstr(out, "logsize ........ 64 pages"));
	assert_non_null(strstr(out, "hflag1 ......... CIRCULAR"));
	assert_non_null(strstr(out, "HeadExtentID ... 0 (S0000000.LOG)"));
	assert_int_equal(count("LOG RECORD - LSN"), 6);
	assert_int_equal(count("LogRecdType . . : Commit Transaction (5)"), 3);
	assert_int_equal(count("LogRecdType . . : Test (100)"), 3);
	assert_int_equal(count("|QUIRE-REC"), 6);
	assert_non_null(strstr(out, "6 log records formatted"));
	snprintf(a, sizeof a, "LSN <%s>", log_lsn_str(l[2], lsn));
	assert_non_null(strstr(out, a));
	/* -s and -e select a range */
	snprintf(a, sizeof a, "-f %s -s %s -e ", dir, log_lsn_str(l[2], lsn));
	log_lsn_str(l[4], lsn);
	strcat(a, lsn);
	assert_int_equal(run(a), 0);
	assert_int_equal(count("LOG RECORD - LSN"), 2);
	/* -b starts at the base */
	snprintf(a, sizeof a, "-b -f %s", dir);
	assert_int_equal(run(a), 0);
	assert_int_equal(count("LOG RECORD - LSN"), 6);
}

static void test_dmpmqlog__large_record_and_extent(void **s)
{
	(void)s;
	uint64_t l[12];
	struct log *lg = make(LOG_LINEAR, l, 12, 70000);   /* two parts each, several extents */
	assert_int_equal(log_close(lg), QM_OK);
	char a[8192];
	snprintf(a, sizeof a, "-f %s", dir);
	assert_int_equal(run(a), 0);
	assert_non_null(strstr(out, "hflag1 ......... LOG RETAIN"));
	assert_int_equal(count("Length  . . . . : 70000 bytes in 2 parts"), 12);
	snprintf(a, sizeof a, "-n 2 -f %s", dir);
	assert_int_equal(run(a), 0);
	assert_true(count("LOG RECORD - LSN") < 12 && count("LOG RECORD - LSN") > 0);
	assert_non_null(strstr(out, "S0000002.LOG offset"));
}

static void test_dmpmqlog__bad_flags(void **s)
{
	(void)s;
	assert_int_equal(run("-x"), 1);
	assert_non_null(strstr(out, "unknown flag -x"));
	assert_int_equal(run("-b -s 0000:0000:0000:1000 -f /tmp"), 1);
	assert_non_null(strstr(out, "only one of -b, -s and -n"));
	assert_int_equal(run("-s 12:zz -f /tmp"), 1);
	assert_non_null(strstr(out, "nnnn:nnnn:nnnn:nnnn"));
	assert_int_equal(run("-n 10000000 -f /tmp"), 1);
	assert_int_equal(run("-f"), 1);
	assert_non_null(strstr(out, "needs a value"));
	assert_int_equal(run(""), 1);
	assert_int_equal(run("-f /nonexistent/log"), 2);
	assert_non_null(strstr(out, "/nonexistent/log/amqhlctl.lfh"));
	uint64_t l[2];
	struct log *lg = make(LOG_CIRCULAR, l, 2, 10);
	assert_int_equal(log_close(lg), QM_OK);
	char a[8192];
	snprintf(a, sizeof a, "-n 0 -f %s", dir);
	assert_int_equal(run(a), 2);
	assert_non_null(strstr(out, "linear"));
}

static void test_dmpmqlog__damaged_log(void **s)
{
	(void)s;
	uint64_t l[6];
	struct log *lg = make(LOG_CIRCULAR, l, 6, 200);
	assert_int_equal(log_close(lg), QM_OK);
	char p[8192], a[8192], lsn[20];
	snprintf(p, sizeof p, "%s/active/S0000000.LOG", dir);
	int fd = open(p, O_RDWR);
	uint8_t b;
	assert_int_equal(pread(fd, &b, 1, (off_t)(l[2] % (64 * 4096)) + 100), 1);
	b ^= 0x10;
	assert_int_equal(pwrite(fd, &b, 1, (off_t)(l[2] % (64 * 4096)) + 100), 1);
	close(fd);
	snprintf(a, sizeof a, "-f %s", dir);
	assert_int_equal(run(a), 2);
	assert_non_null(strstr(out, "S0000000.LOG"));
	assert_non_null(strstr(out, log_lsn_str(l[2], lsn)));
	assert_non_null(strstr(out, "bad checksum"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dmpmqlog__header_and_records),
		cmocka_unit_test(test_dmpmqlog__large_record_and_extent),
		cmocka_unit_test(test_dmpmqlog__bad_flags),
		cmocka_unit_test(test_dmpmqlog__damaged_log),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
