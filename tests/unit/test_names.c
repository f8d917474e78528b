/* test_names.c: MQ name rules and the name-to-folder transformation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "objects/names.h"
#include "log/qmerr.h"

/* A fresh folder for one test under $QUIRE_TEST_DIR (or /tmp). */
static void fresh_dir(char *out, size_t n)
{
	const char *base = getenv("QUIRE_TEST_DIR");
	snprintf(out, n, "%s/names.XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(out));
}

static void mkdir_in(const char *dir, const char *name)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	assert_int_equal(mkdir(p, 0700), 0);
}

static void test_names__valid(void **state)
{
	(void)state;
	char why[200];
	const char *ok[] = { "Q", "QM1", "queue.manager", "A/B", "a_b", "100%", "x.y/z_1%",
			     "SYSTEM.DEFAULT.LOCAL.QUEUE", "lower.case", "0", NULL };
	for (int i = 0; ok[i]; i++) {
		why[0] = 0;
		assert_int_equal(names_check(ok[i], why, sizeof why), QM_OK);
		assert_string_equal(why, "");
	}
}

static void test_names__length(void **state)
{
	(void)state;
	char name[64], why[200];
	memset(name, 'A', 48);
	name[48] = 0;
	assert_int_equal(names_check(name, why, sizeof why), QM_OK);
	name[48] = 'B';
	name[49] = 0;
	assert_int_equal(names_check(name, why, sizeof why), QM_EINVAL);
	assert_non_null(strstr(why, "49 characters"));
	assert_non_null(strstr(why, "48"));
	/* 47 and 1 are fine too */
	name[47] = 0;
	assert_int_equal(names_check(name, NULL, 0), QM_OK);
}

static void test_names__empty_and_blank(void **state)
{
	(void)state;
	char why[200];
	assert_int_equal(names_check("", why, sizeof why), QM_EINVAL);
	assert_string_equal(why, "name is empty");
	assert_int_equal(names_check("    ", why, sizeof why), QM_EINVAL);
	assert_string_equal(why, "name is all blanks");
	assert_int_equal(names_check(NULL, why, sizeof why), QM_EINVAL);
	assert_int_equal(names_check(" QM1", why, sizeof why), QM_EINVAL);
	assert_non_null(strstr(why, "starts with a blank"));
	assert_int_equal(names_check("QM1 ", why, sizeof why), QM_EINVAL);
	assert_non_null(strstr(why, "ends with a blank"));
	assert_int_equal(names_check("Q M", why, sizeof why), QM_EINVAL);
	assert_non_null(strstr(why, "' '"));
	assert_non_null(strstr(why, "position 2"));
}

/* Every byte value: exactly A-Z a-z 0-9 . / _ % are accepted. */
static void test_names__every_character(void **state)
{
	(void)state;
	char name[8], why[200];
	int accepted = 0;
	for (int c = 1; c < 256; c++) {
		snprintf(name, sizeof name, "A%cB", c);
		int expect = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			     c == '.' || c == '/' || c == '_' || c == '%';
		int rc = names_check(name, why, sizeof why);
		assert_int_equal(rc, expect ? QM_OK : QM_EINVAL);
		assert_int_equal(names_char_ok(c), expect);
		if (expect) {
			accepted++;
		} else {
			assert_non_null(strstr(why, "position 2"));
			assert_non_null(strstr(why, "allowed are A-Z a-z 0-9 . / _ %"));
		}
	}
	assert_int_equal(accepted, 26 + 26 + 10 + 4);
	/* control bytes are shown escaped */
	assert_int_equal(names_check("A\tB", why, sizeof why), QM_EINVAL);
	assert_non_null(strstr(why, "\\x09"));
	assert_int_equal(names_check("A-B", why, sizeof why), QM_EINVAL);
	assert_non_null(strstr(why, "'-'"));
	assert_int_equal(names_check("A*", why, sizeof why), QM_EINVAL);
	assert_int_equal(names_check("A!B", why, sizeof why), QM_EINVAL);
	assert_int_equal(names_check("A&B", why, sizeof why), QM_EINVAL);
}

static void test_names__from_field(void **state)
{
	(void)state;
	char out[49], field[48];
	memset(field, ' ', sizeof field);
	memcpy(field, "QM1", 3);
	assert_int_equal(names_from_field(field, sizeof field, out), 3);
	assert_string_equal(out, "QM1");
	memset(field, 0, sizeof field);
	memcpy(field, "DEV.QUEUE.1", 11);
	assert_int_equal(names_from_field(field, sizeof field, out), 11);
	assert_string_equal(out, "DEV.QUEUE.1");
	memset(field, 'X', sizeof field);     /* no terminator: all 48 */
	assert_int_equal(names_from_field(field, sizeof field, out), 48);
	memset(field, ' ', sizeof field);
	assert_int_equal(names_from_field(field, sizeof field, out), 0);
	assert_string_equal(out, "");
}

static void test_names__to_file(void **state)
{
	(void)state;
	char out[NAMES_FILE_SIZE];
	assert_int_equal(names_to_file("QL.A", out, sizeof out), QM_OK);
	assert_string_equal(out, "QL!A");
	assert_int_equal(names_to_file("queue.manager", out, sizeof out), QM_OK);
	assert_string_equal(out, "queue!manager");
	assert_int_equal(names_to_file("A/B.C/D", out, sizeof out), QM_OK);
	assert_string_equal(out, "A&B!C&D");
	assert_int_equal(names_to_file("x_y%z", out, sizeof out), QM_OK);
	assert_string_equal(out, "x_y%z");
	assert_int_equal(names_to_file("DEV.QUEUE.1", out, sizeof out), QM_OK);
	assert_string_equal(out, "DEV!QUEUE!1");
	/* names that look like paths stay inside their folder (issue 15) */
	assert_int_equal(names_to_file("../x", out, sizeof out), QM_OK);
	assert_string_equal(out, "!!&x");
	assert_int_equal(names_to_file("a/b", out, sizeof out), QM_OK);
	assert_string_equal(out, "a&b");
	assert_int_equal(names_to_file("..", out, sizeof out), QM_OK);
	assert_string_equal(out, "!!");
	assert_int_equal(names_to_file("bad name", out, sizeof out), QM_EINVAL);
	assert_int_equal(names_to_file("ABCD", out, 4), QM_EINVAL);   /* no room for the NUL */
	assert_int_equal(names_to_file("ABCD", out, 5), QM_OK);
	/* and back */
	char back[64];
	assert_int_equal(names_from_file("A&B!C&D", back, sizeof back), QM_OK);
	assert_string_equal(back, "A/B.C/D");
	assert_int_equal(names_from_file("QL!A.003", back, sizeof back), QM_OK);
	assert_string_equal(back, "QL.A");
	assert_int_equal(names_from_file("QL.A", back, sizeof back), QM_EINVAL);
	assert_int_equal(names_from_file("", back, sizeof back), QM_EINVAL);
}

static void test_names__unique_dir(void **state)
{
	(void)state;
	char dir[400], out[NAMES_FILE_SIZE], missing[450];
	fresh_dir(dir, sizeof dir);

	/* an empty folder, and one that does not exist yet */
	assert_int_equal(names_unique_dir(dir, "QL.A", out, sizeof out), QM_OK);
	assert_string_equal(out, "QL!A");
	snprintf(missing, sizeof missing, "%s/nope", dir);
	assert_int_equal(names_unique_dir(missing, "QL.A", out, sizeof out), QM_OK);
	assert_string_equal(out, "QL!A");

	/* taken exactly: .000, then .001 */
	mkdir_in(dir, "QL!A");
	assert_int_equal(names_unique_dir(dir, "QL.A", out, sizeof out), QM_OK);
	assert_string_equal(out, "QL!A.000");
	mkdir_in(dir, "QL!A.000");
	assert_int_equal(names_unique_dir(dir, "QL.A", out, sizeof out), QM_OK);
	assert_string_equal(out, "QL!A.001");

	/* differs only in case from existing folders: ql.a collides with QL!A and QL!A.000 */
	assert_int_equal(names_unique_dir(dir, "ql.a", out, sizeof out), QM_OK);
	assert_string_equal(out, "ql!a.001");
	mkdir_in(dir, "Ql!a.001");
	assert_int_equal(names_unique_dir(dir, "QL.A", out, sizeof out), QM_OK);
	assert_string_equal(out, "QL!A.002");

	/* a gap is reused; unrelated names with a common prefix do not count */
	mkdir_in(dir, "QL!A.004");
	mkdir_in(dir, "QL!AB");
	mkdir_in(dir, "QL!A.00");
	assert_int_equal(names_unique_dir(dir, "QL.A", out, sizeof out), QM_OK);
	assert_string_equal(out, "QL!A.002");
	assert_int_equal(names_unique_dir(dir, "QL.AB", out, sizeof out), QM_OK);
	assert_string_equal(out, "QL!AB.000");

	/* a name of 48 characters still fits with its suffix */
	char name[49];
	memset(name, 'N', 48);
	name[48] = 0;
	mkdir_in(dir, name);
	assert_int_equal(names_unique_dir(dir, name, out, sizeof out), QM_OK);
	assert_int_equal(strlen(out), 52);
	assert_string_equal(out + 48, ".000");

	/* output too small, bad name */
	assert_int_equal(names_unique_dir(dir, "QL.A", out, 8), QM_EINVAL);
	assert_int_equal(names_unique_dir(dir, "QL A", out, sizeof out), QM_EINVAL);
}

static void test_names__unique_dir_exhausted(void **state)
{
	(void)state;
	char dir[400], out[NAMES_FILE_SIZE], sub[16];
	fresh_dir(dir, sizeof dir);
	mkdir_in(dir, "Q");
	for (int i = 0; i < 1000; i++) {
		snprintf(sub, sizeof sub, "q.%03d", i);
		mkdir_in(dir, sub);
	}
	assert_int_equal(names_unique_dir(dir, "Q", out, sizeof out), QM_EEXIST);
	assert_int_equal(names_unique_dir(dir, "R", out, sizeof out), QM_OK);
	assert_string_equal(out, "R");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names__valid),
		cmocka_unit_test(test_names__length),
		cmocka_unit_test(test_names__empty_and_blank),
		cmocka_unit_test(test_names__every_character),
		cmocka_unit_test(test_names__from_field),
		cmocka_unit_test(test_names__to_file),
		cmocka_unit_test(test_names__unique_dir),
		cmocka_unit_test(test_names__unique_dir_exhausted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
