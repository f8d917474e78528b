/* test_dumpcfg.c: dmpmqcfg's text (qm/admin/dumpcfg.c): quoting, defaults
 * left out, -a, 1line, the default objects' rule, and that what is written
 * reads back (through objdef_set, as runmqsc applies it) to the same
 * definition. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmqc.h"
#include "log/qmerr.h"
#include "objects/objdef.h"
#include "qm/admin/dumpcfg.h"

static void set(struct objdef *d, const char *kw, const char *v)
{
	char err[256];
	int rc = objdef_set(d, kw, v, err, sizeof err);
	if (rc != QM_OK)
		fail_msg("objdef_set %s(%s): %s", kw, v ? v : "", err);
}

static void make(struct objdef *d, int type, const char *name)
{
	char err[256];
	assert_int_equal(objdef_init_default(type, d), QM_OK);
	if (type != OBJDEF_QMGR)
		assert_int_equal(objdef_set_name(d, name, err, sizeof err), QM_OK);
	else
		snprintf(d->name, sizeof d->name, "%s", name);
	objdef_stamp(d, 1700000000, 1);
	d->altdate[0] = d->alttime[0] = 0;   /* no ALTDATE/ALTTIME comment lines unless a test sets them */
}

static char *dump(const struct objdef *d, const struct objdef *tmpl, uint32_t flags)
{
	struct mqsc_out out = { 0 };
	assert_int_equal(dumpcfg_object(d, tmpl, flags, &out), QM_OK);
	assert_non_null(out.text);
	return out.text;   /* the caller frees it */
}

static void has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("text lacks \"%s\":\n%s", want, text);
}

static void hasnt(const char *text, const char *want)
{
	if (strstr(text, want))
		fail_msg("text has \"%s\":\n%s", want, text);
}

/* Read a 1line command back the way runmqsc does: the verb, the object
 * word and its name, then KW(value) or a bare flag keyword; 'quoted' values
 * with '' as a quote.  Each attribute goes through objdef_set on a fresh
 * definition of the built-in defaults (plus the template's altered values,
 * as DEFINE would inherit them). */
static void read_back(const char *cmd, int type, const struct objdef *base, struct objdef *d)
{
	*d = *base;
	const char *p = cmd;
	int words = 0;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p || *p == '\n')
			break;
		char kw[64], val[512];
		size_t k = 0, v = 0;
		int has_val = 0;
		while (*p && *p != ' ' && *p != '(' && *p != '\n' && k + 1 < sizeof kw)
			kw[k++] = *p++;
		kw[k] = 0;
		if (*p == '(') {
			has_val = 1;
			p++;
			if (*p == '\'') {
				p++;
				for (;;) {
					assert_true(*p != 0);
					if (*p == '\'' && p[1] == '\'') {
						val[v++] = '\'';
						p += 2;
					} else if (*p == '\'') {
						p++;
						break;
					} else {
						val[v++] = *p++;
					}
					assert_true(v < sizeof val);
				}
			} else {
				while (*p && *p != ')')
					val[v++] = *p++;
			}
			assert_int_equal(*p, ')');
			p++;
		}
		val[v] = 0;
		words++;
		if (words == 1) {
			assert_string_equal(kw, type == OBJDEF_QMGR ? "ALTER" : "DEFINE");
			continue;
		}
		if (words == 2) {
			assert_string_equal(kw, dumpcfg_type_word(type));
			if (type != OBJDEF_QMGR) {
				assert_true(has_val);
				char err[256];
				assert_int_equal(objdef_set_name(d, val, err, sizeof err), QM_OK);
			}
			continue;
		}
		if (!strcmp(kw, "REPLACE") || !strcmp(kw, "FORCE"))
			continue;
		set(d, kw, has_val ? val : NULL);
	}
}

/* Every attribute DEFINE/ALTER can set is equal in the two. */
static void same_settable(const struct objdef *a, const struct objdef *b)
{
	for (size_t i = 0; i < objdef_attr_count(); i++) {
		const struct objdef_attr *at = objdef_attr_at(i);
		if (!dumpcfg_settable(at, a->type))
			continue;
		char x[256], y[256];
		assert_true(objdef_attr_text(a, at, x, sizeof x) >= 0);
		assert_true(objdef_attr_text(b, at, y, sizeof y) >= 0);
		if (strcmp(x, y))
			fail_msg("%s: %s was '%s', read back '%s'", a->name, at->kw, x, y);
	}
	assert_string_equal(a->name, b->name);
}

/* Definitions of each type with many attributes away from their defaults. */
static void odd_objects(struct objdef *v)
{
	make(&v[0], OBJDEF_QMGR, "QM1");
	set(&v[0], "DESCR", "the queue manager's (main) one");
	set(&v[0], "DEADQ", "APP.DLQ");
	set(&v[0], "MAXUMSGS", "777");
	set(&v[0], "IMGSCHED", "AUTO");
	set(&v[0], "IMGINTVL", "OFF");
	set(&v[0], "IMGLOGLN", "20");
	set(&v[0], "CCSID", "819");
	make(&v[1], OBJDEF_QLOCAL, "APP.Q1");
	set(&v[1], "DESCR", "it's ) (odd) '' text");
	set(&v[1], "MAXDEPTH", "100");
	set(&v[1], "NOSHARE", NULL);
	set(&v[1], "HARDENBO", NULL);
	set(&v[1], "TRIGGER", NULL);
	set(&v[1], "TRIGTYPE", "DEPTH");
	set(&v[1], "TRIGDATA", "a b  c 'd'");
	set(&v[1], "INITQ", "SYSTEM.DEFAULT.INITIATION.QUEUE");
	set(&v[1], "PUT", "DISABLED");
	set(&v[1], "DEFPSIST", "YES");
	set(&v[1], "MSGDLVSQ", "FIFO");
	set(&v[1], "IMGRCOVQ", "NO");
	make(&v[2], OBJDEF_QALIAS, "lower.alias");
	set(&v[2], "TARGET", "APP.Q1");
	set(&v[2], "GET", "DISABLED");
	set(&v[2], "DEFPRTY", "7");
	make(&v[3], OBJDEF_QMODEL, "APP.MODEL");
	set(&v[3], "DEFTYPE", "PERMDYN");
	set(&v[3], "MAXMSGL", "1000");
	set(&v[3], "DESCR", "'");
}

static void test_dumpcfg__quoting_and_defaults(void **state)
{
	(void)state;
	struct objdef v[4];
	odd_objects(v);
	snprintf(v[1].altdate, sizeof v[1].altdate, "2026-12-06");
	snprintf(v[1].alttime, sizeof v[1].alttime, "05.21.45");
	char *t = dump(&v[1], NULL, 0);
	has(t, "DEFINE QLOCAL('APP.Q1') +\n");
	has(t, "   DESCR('it''s ) (odd) '''' text') +\n");
	has(t, "   MAXDEPTH(100) +\n");
	has(t, "   NOSHARE +\n");
	has(t, "   TRIGGER +\n");
	has(t, "   TRIGDATA('a b  c ''d''') +\n");
	has(t, "   INITQ('SYSTEM.DEFAULT.INITIATION.QUEUE') +\n");
	has(t, "   REPLACE\n");
	/* defaults are left out, and so is whatever DEFINE cannot set */
	hasnt(t, "MAXMSGL");
	hasnt(t, "BOTHRESH");
	hasnt(t, "SHARE +\n   S");
	hasnt(t, "CRDATE");
	/* when it was altered: MQ's comment lines, never an attribute */
	has(t, "DEFINE QLOCAL('APP.Q1') +\n*  ALTDATE(2026-12-06) +\n*  ALTTIME(05.21.45) +\n   ");
	hasnt(t, "   ALTDATE");
	hasnt(t, "   ALTTIME");
	hasnt(t, "DEFTYPE");
	hasnt(t, "QUEUE(");
	/* attributes by keyword */
	assert_true(strstr(t, "DEFPSIST") < strstr(t, "DESCR"));
	assert_true(strstr(t, "DESCR") < strstr(t, "HARDENBO"));
	assert_true(strstr(t, "MAXDEPTH") < strstr(t, "NOSHARE"));
	free(t);
	t = dump(&v[0], NULL, 0);
	has(t, "ALTER QMGR +\n");
	has(t, "   DESCR('the queue manager''s (main) one') +\n");
	has(t, "   IMGINTVL(OFF) +\n");
	has(t, "   IMGLOGLN(20) +\n");
	hasnt(t, "REPLACE");
	hasnt(t, "QMID");
	hasnt(t, "CMDLEVEL");
	hasnt(t, "COMMANDQ");
	hasnt(t, "PLATFORM");
	hasnt(t, "MAXHANDS");
	has(t, "   FORCE\n");                        /* as MQ's dump ends ALTER QMGR */
	assert_int_equal(t[strlen(t) - 2], 'E');   /* the last line has no + */
	free(t);
	t = dump(&v[3], NULL, 0);
	has(t, "DESCR('''') +");
	free(t);
	/* a definition at its defaults: DEFINE with REPLACE alone; the queue manager: a comment */
	struct objdef d;
	make(&d, OBJDEF_QALIAS, "A");
	t = dump(&d, NULL, 0);
	assert_string_equal(t, "DEFINE QALIAS('A') +\n   REPLACE\n");
	free(t);
	make(&d, OBJDEF_QMGR, "QM1");
	t = dump(&d, NULL, 0);
	assert_true(t[0] == '*');
	assert_non_null(strstr(t, "ALTER QMGR"));
	assert_ptr_equal(strchr(t, '\n'), t + strlen(t) - 1);   /* one line */
	free(t);
}

static void test_dumpcfg__all_attributes(void **state)
{
	(void)state;
	struct objdef d;
	make(&d, OBJDEF_QLOCAL, "ALL.Q");
	char *t = dump(&d, NULL, DUMPCFG_F_ALL);
	has(t, "   DESCR(' ') +\n");
	has(t, "   MAXDEPTH(5000) +\n");
	has(t, "   MAXMSGL(4194304) +\n");
	has(t, "   NOHARDENBO +\n");
	has(t, "   SHARE +\n");
	has(t, "   NOTRIGGER +\n");
	has(t, "   BOQNAME(' ') +\n");
	hasnt(t, "CRDATE");
	hasnt(t, "DEFTYPE");
	/* one line a settable attribute, plus the DEFINE and REPLACE lines */
	size_t lines = 0, want = 2;
	for (const char *p = t; *p; p++)
		lines += *p == '\n';
	for (size_t i = 0; i < objdef_attr_count(); i++)
		want += dumpcfg_settable(objdef_attr_at(i), OBJDEF_QLOCAL) != 0;
	assert_int_equal(lines, want);
	free(t);
	make(&d, OBJDEF_QMGR, "QM1");
	t = dump(&d, NULL, DUMPCFG_F_ALL);
	has(t, "ALTER QMGR +\n");
	has(t, "   CCSID(1208) +\n");
	has(t, "   DEADQ(' ') +\n");
	has(t, "   IMGLOGLN(OFF) +\n");
	hasnt(t, "CMDLEVEL");
	hasnt(t, "QMID");
	hasnt(t, "IDENTITY");
	free(t);
}

static void test_dumpcfg__one_line(void **state)
{
	(void)state;
	struct objdef v[4];
	odd_objects(v);
	char *t = dump(&v[2], NULL, DUMPCFG_F_1LINE);
	assert_string_equal(t, "DEFINE QALIAS('lower.alias') DEFPRTY(7) GET(DISABLED) TARGET('APP.Q1') REPLACE\n");
	free(t);
	for (int i = 0; i < 4; i++) {
		t = dump(&v[i], NULL, DUMPCFG_F_1LINE | DUMPCFG_F_ALL);
		assert_ptr_equal(strchr(t, '\n'), t + strlen(t) - 1);
		assert_null(strstr(t, " +"));
		free(t);
	}
}

/* What each form writes, read back as runmqsc would, is the definition again:
 * -a from any starting point, the default form from the built-in defaults. */
static void test_dumpcfg__round_trip(void **state)
{
	(void)state;
	struct objdef v[4];
	odd_objects(v);
	for (int i = 0; i < 4; i++) {
		for (uint32_t f = 0; f < 2; f++) {
			uint32_t flags = DUMPCFG_F_1LINE | (f ? DUMPCFG_F_ALL : 0);
			char *t = dump(&v[i], NULL, flags);
			struct objdef base, back;
			make(&base, v[i].type, "X");
			if (f)   /* -a: whatever the template was */
				set(&base, "DESCR", "something else");
			read_back(t, v[i].type, &base, &back);
			if (v[i].type == OBJDEF_QMGR)
				snprintf(back.name, sizeof back.name, "%s", v[i].name);
			same_settable(&v[i], &back);
			free(t);
		}
	}
}

/* A default object altered on this queue manager: every object of its type
 * then says the attribute's value, even where it is the built-in default. */
static void test_dumpcfg__altered_default_object(void **state)
{
	(void)state;
	struct objdef tmpl, q;
	make(&tmpl, OBJDEF_QLOCAL, "SYSTEM.DEFAULT.LOCAL.QUEUE");
	set(&tmpl, "DEFPSIST", "YES");
	set(&tmpl, "MAXDEPTH", "42");
	make(&q, OBJDEF_QLOCAL, "APP.PLAIN");
	char *t = dump(&q, &tmpl, 0);
	has(t, "   DEFPSIST(NO) +\n");
	has(t, "   MAXDEPTH(5000) +\n");
	hasnt(t, "DESCR");
	free(t);
	/* read back onto a queue manager whose template is altered the same way */
	t = dump(&q, &tmpl, DUMPCFG_F_1LINE);
	struct objdef back;
	read_back(t, OBJDEF_QLOCAL, &tmpl, &back);
	same_settable(&q, &back);
	free(t);
	/* the template itself, and an object of another type, as before */
	t = dump(&tmpl, &tmpl, 0);
	has(t, "DEFINE QLOCAL('SYSTEM.DEFAULT.LOCAL.QUEUE') +\n   DEFPSIST(YES) +\n   MAXDEPTH(42) +\n   REPLACE\n");
	free(t);
	struct objdef a;
	make(&a, OBJDEF_QALIAS, "AL");
	t = dump(&a, &tmpl, 0);   /* a template of another type is ignored */
	assert_string_equal(t, "DEFINE QALIAS('AL') +\n   REPLACE\n");
	free(t);
}

/* What dumpcfg_settable takes, objdef_set accepts (its own value); what it
 * leaves out, objdef_set refuses or the type lacks. */
static void test_dumpcfg__settable_matches_objdef(void **state)
{
	(void)state;
	const int types[] = { OBJDEF_QMGR, OBJDEF_QLOCAL, OBJDEF_QALIAS, OBJDEF_QMODEL };
	for (size_t t = 0; t < 4; t++) {
		struct objdef d;
		make(&d, types[t], "SCRATCH");
		for (size_t i = 0; i < objdef_attr_count(); i++) {
			const struct objdef_attr *a = objdef_attr_at(i);
			if (!objdef_attr_has(a, types[t]) || (a->flags & OBJDEF_F_HIDDEN))
				continue;
			char val[256], err[256];
			assert_true(objdef_attr_text(&d, a, val, sizeof val) >= 0);
			int rc = a->kw_off ? objdef_set(&d, val, NULL, err, sizeof err) :
					     objdef_set(&d, a->kw, val, err, sizeof err);
			if (dumpcfg_settable(a, types[t]))
				assert_int_equal(rc, QM_OK);
			else
				assert_int_not_equal(rc, QM_OK);
		}
	}
}

static void test_dumpcfg__names(void **state)
{
	(void)state;
	assert_true(dumpcfg_name_match("*", "ANY"));
	assert_true(dumpcfg_name_match("APP.*", "APP.Q1"));
	assert_true(dumpcfg_name_match("APP.*", "APP."));
	assert_false(dumpcfg_name_match("APP.*", "APQ"));
	assert_true(dumpcfg_name_match("APP.Q1", "APP.Q1"));
	assert_false(dumpcfg_name_match("APP.Q1", "APP.Q10"));
	assert_false(dumpcfg_name_match("app.*", "APP.Q1"));
	assert_string_equal(dumpcfg_type_word(OBJDEF_QMODEL), "QMODEL");
	assert_null(dumpcfg_type_word(99));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dumpcfg__quoting_and_defaults),
		cmocka_unit_test(test_dumpcfg__all_attributes),
		cmocka_unit_test(test_dumpcfg__one_line),
		cmocka_unit_test(test_dumpcfg__round_trip),
		cmocka_unit_test(test_dumpcfg__altered_default_object),
		cmocka_unit_test(test_dumpcfg__settable_matches_objdef),
		cmocka_unit_test(test_dumpcfg__names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
