/* test_msgcat.c: the catalog's formatters with inserts too long for the
 * buffer (shortened with "...", never an empty or headless message), and how
 * the commands print a queue manager name they do not know (qm/home/cmdout.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log/qmerr.h"
#include "qm/home/cmdout.h"
#include "qm/home/msgcat.h"

static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);
	assert_non_null(s);
	memset(s, c, n);
	s[n] = 0;
	return s;
}

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && !strcmp(s + a - b, tail);
}

/* A 5,000-character insert in a 2 KiB buffer: the whole message, with the
 * insert's start and "..." (before the fix: the text cut mid-insert, and
 * QM_ETOOBIG made every command print nothing). */
static void test_msgcat__long_insert_shortened(void **state)
{
	(void)state;
	char *name = repeat('A', 5000), buf[2048];
	const char *ins[] = { name };
	int rc = msgcat_format(buf, sizeof buf, AMQ_QMGR_UNKNOWN, ins, 1);
	assert_int_equal(rc, QM_ETOOBIG);
	assert_true(strlen(buf) < sizeof buf);
	assert_true(strlen(buf) > sizeof buf - 10);     /* uses the room it has */
	assert_int_equal(strncmp(buf, "AMQ7048E: Queue manager name 'AAAA", 34), 0);
	assert_true(ends_with(buf, "AAA...' is not valid or not known."));
	free(name);
}

/* Several inserts: the short ones stay whole, the long one is cut; each
 * appearance of an insert counts. */
static void test_msgcat__short_inserts_kept(void **state)
{
	(void)state;
	char *big = repeat('x', 3000), buf[200];
	const char *ins[] = { big, "qlocal" };
	assert_int_equal(msgcat_format(buf, sizeof buf, AMQ_OBJECT_DAMAGED, ins, 2), QM_ETOOBIG);
	assert_int_equal(strncmp(buf, "AMQ7472W: Object xxx", 20), 0);
	assert_true(ends_with(buf, "xxx... of type qlocal is damaged."));
	assert_int_equal(strlen(buf), sizeof buf - 1);
	/* two long inserts share the room evenly */
	char *b2 = repeat('y', 3000);
	const char *two[] = { big, b2 };
	assert_int_equal(msgcat_expand(buf, 64, "<%1|%2>", two, 2), QM_ETOOBIG);
	assert_string_equal(buf, "<xxxxxxxxxxxxxxxxxxxxxxxxxxx...|yyyyyyyyyyyyyyyyyyyyyyyyyyy...>");
	/* one insert named twice */
	assert_int_equal(msgcat_expand(buf, 32, "%1=%1", two, 1), QM_ETOOBIG);
	assert_string_equal(buf, "xxxxxxxxxxxx...=xxxxxxxxxxxx...");
	/* fits exactly: nothing shortened */
	assert_int_equal(msgcat_expand(buf, 6, "a%1b", (const char *const[]){ "123" }, 1), QM_OK);
	assert_string_equal(buf, "a123b");
	free(big);
	free(b2);
}

/* A shortened insert never ends in half a UTF-8 character. */
static void test_msgcat__utf8_not_split(void **state)
{
	(void)state;
	char in[400] = "", buf[16];
	for (int i = 0; i < 100; i++)
		strcat(in, "\xc3\xa9");          /* e acute, 2 bytes */
	assert_int_equal(msgcat_expand(buf, sizeof buf, "[%1]", (const char *const[]){ in }, 1), QM_ETOOBIG);
	/* room for 13 bytes of insert: 10 of text, backed off to 10 (5 chars) */
	assert_string_equal(buf, "[\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...]");
}

/* Too little room even for "...": what fits of it; too little for the text
 * itself: the text is cut, but the id always leads. */
static void test_msgcat__tiny_buffers(void **state)
{
	(void)state;
	char *big = repeat('z', 1000), buf[64];
	assert_int_equal(msgcat_expand(buf, 7, "ab%1cd", (const char *const[]){ big }, 1), QM_ETOOBIG);
	assert_string_equal(buf, "ab..cd");
	assert_int_equal(msgcat_format(buf, 14, AMQ_QMGR_UNKNOWN, (const char *const[]){ big }, 1), QM_ETOOBIG);
	assert_string_equal(buf, "AMQ7048E: Que");
	assert_int_equal(msgcat_format(buf, 5, AMQ_QMGR_UNKNOWN, (const char *const[]){ big }, 1), QM_ETOOBIG);
	assert_string_equal(buf, "AMQ7");
	free(big);
}

/* The explanation, wrapped, keeps its end too. */
static void test_msgcat__part_wrapped(void **state)
{
	(void)state;
	char *name = repeat('Q', 9000), buf[1024];
	const char *ins[] = { name };
	assert_int_equal(msgcat_format_part(buf, sizeof buf, AMQ_QMGR_UNKNOWN, MSGCAT_EXPLANATION, ins, 1, 79),
			 QM_ETOOBIG);
	assert_true(strlen(buf) < sizeof buf);
	assert_non_null(strstr(buf, "No queue manager called\n'QQQ"));
	assert_non_null(strstr(buf, "QQQ...'\nis listed in mqs.ini"));   /* the long word alone */
	assert_true(ends_with(buf, "'/' and '%')."));
	free(name);
}

/* What cmd_error prints: the output of a command, caught from stderr. */
static char *stderr_of(void (*fn)(const char *), const char *arg)
{
	char path[] = "/tmp/test_msgcat.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(stderr);
	int saved = dup(2);
	dup2(fd, 2);
	fn(arg);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	char *out = calloc(1, 65536);
	assert_non_null(out);
	assert_true(pread(fd, out, 65535, 0) >= 0);
	close(fd);
	unlink(path);
	return out;
}

static void call_error(const char *name) { cmd_error(NULL, AMQ_QMGR_UNKNOWN, name, NULL); }
static void call_unknown(const char *name) { cmd_qmgr_unknown("strmqm", name); }

/* A name of 5,000 characters: 48 of them and "...", and the rule it breaks
 * (before the fix cmd_error printed nothing at all). */
static void test_msgcat__cmd_error_long_name(void **state)
{
	(void)state;
	char *name = repeat('A', 5000);
	char *out = stderr_of(call_error, name);
	char want[400];
	snprintf(want, sizeof want, "AMQ7048E: Queue manager name '%.48s...' is not valid or not known.\n", name);
	assert_string_equal(out, want);
	free(out);
	out = stderr_of(call_unknown, name);
	snprintf(want, sizeof want, "AMQ7048E: Queue manager name '%.48s...' is not valid or not known.\n"
		 "strmqm: the queue manager name '%.60s...' is 5000 characters long, more than 48\n", name, name);
	assert_string_equal(out, want);
	free(out);
	/* 48 is allowed: shown whole, no second line when merely unknown */
	name[48] = 0;
	out = stderr_of(call_unknown, name);
	snprintf(want, sizeof want, "AMQ7048E: Queue manager name '%s' is not valid or not known.\n", name);
	assert_string_equal(out, want);
	free(out);
	free(name);
}

/* Bad characters: control characters never reach the terminal. */
static void test_msgcat__cmd_error_bad_chars(void **state)
{
	(void)state;
	char *out = stderr_of(call_unknown, "QM\033[2J\n1");
	assert_string_equal(out, "AMQ7048E: Queue manager name 'QM?[2J?1' is not valid or not known.\n"
			    "strmqm: the queue manager name 'QM?[2J?1' contains \\x1b at position 3; allowed are "
			    "A-Z a-z 0-9 . / _ %\n");
	free(out);
	out = stderr_of(call_unknown, "A B");
	assert_string_equal(out, "AMQ7048E: Queue manager name 'A B' is not valid or not known.\n"
			    "strmqm: the queue manager name 'A B' contains ' ' at position 2; allowed are "
			    "A-Z a-z 0-9 . / _ %\n");
	free(out);
	char shown[52];
	assert_string_equal(cmd_show_name(shown, sizeof shown, "QM1"), "QM1");
	assert_string_equal(cmd_show_name(shown, sizeof shown, NULL), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_msgcat__long_insert_shortened),
		cmocka_unit_test(test_msgcat__short_inserts_kept),
		cmocka_unit_test(test_msgcat__utf8_not_split),
		cmocka_unit_test(test_msgcat__tiny_buffers),
		cmocka_unit_test(test_msgcat__part_wrapped),
		cmocka_unit_test(test_msgcat__cmd_error_long_name),
		cmocka_unit_test(test_msgcat__cmd_error_bad_chars),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
