/* test_topictree.c: topic objects (their attributes, encoding and file) and
 * the topic tree: levels, nodes, MQ's wildcards and ASPARENT resolution. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmqc.h"
#include "log/qmerr.h"
#include "objects/objdef.h"
#include "objects/objfile.h"
#include "objects/topictree.h"
#include "objects/strintern.h"
#include "scratch.h"

static void topic(struct objdef *d, const char *name, const char *str, const char *const *kv)
{
	char err[300];
	assert_int_equal(objdef_init_default(OBJDEF_TOPIC, d), QM_OK);
	assert_int_equal(objdef_set_name(d, name, err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(d, "TOPICSTR", str, err, sizeof err), QM_OK);
	for (; kv && kv[0]; kv += 2) {
		int rc = objdef_set(d, kv[0], kv[1], err, sizeof err);
		if (rc)
			fail_msg("%s(%s): %s", kv[0], kv[1], err);
	}
}

static void text_is(const struct objdef *d, const char *kw, const char *want)
{
	char buf[256];
	assert_int_equal(objdef_get_text(d, kw, buf, sizeof buf), QM_OK);
	if (strcmp(buf, want))
		fail_msg("%s is %s, expected %s", kw, buf, want);
}

static void test_topic__defaults_and_values(void **state)
{
	(void)state;
	struct objdef d, b;
	char err[300];
	/* SYSTEM.DEFAULT.TOPIC: every inheritable attribute ASPARENT */
	assert_int_equal(objdef_init_default(OBJDEF_TOPIC, &d), QM_OK);
	assert_string_equal(d.name, "SYSTEM.DEFAULT.TOPIC");
	const char *asp[] = { "DEFPRTY", "DEFPSIST", "DEFPRESP", "DURSUB", "PUB", "SUB", "PMSGDLV", "NPMSGDLV",
			      "PUBSCOPE", "SUBSCOPE", "USEDLQ", "CAPEXPRY", NULL };
	for (const char **k = asp; *k; k++)
		text_is(&d, *k, "ASPARENT");
	text_is(&d, "WILDCARD", "PASSTHRU");
	text_is(&d, "TYPE", "LOCAL");
	text_is(&d, "PROXYSUB", "FIRSTUSE");
	text_is(&d, "CLROUTE", "DIRECT");
	text_is(&d, "MCAST", "DISABLED");
	text_is(&d, "MDURMDL", "");
	text_is(&d, "TOPICSTR", "");
	/* MQ's ids */
	int32_t v;
	assert_int_equal(objdef_get_int(&d, MQIA_TOPIC_DEF_PERSISTENCE, &v), QM_OK);
	assert_int_equal(v, MQPER_PERSISTENCE_AS_PARENT);
	assert_int_equal(objdef_get_int(&d, MQIA_DEF_PRIORITY, &v), QM_OK);
	assert_int_equal(v, MQPRI_PRIORITY_AS_PARENT);
	assert_int_equal(objdef_get_int(&d, MQIA_CAP_EXPIRY, &v), QM_OK);
	assert_int_equal(v, MQCEX_AS_PARENT);
	assert_int_equal(objdef_type_mqot(OBJDEF_TOPIC), MQOT_TOPIC);
	assert_int_equal(objdef_type_from_name("top"), OBJDEF_TOPIC);
	/* values and their ranges */
	assert_int_equal(objdef_set(&d, "DEFPRTY", "9", err, sizeof err), QM_OK);
	text_is(&d, "DEFPRTY", "9");
	assert_int_equal(objdef_set(&d, "DEFPRTY", "10", err, sizeof err), QM_EINVAL);
	assert_non_null(strstr(err, "ASPARENT"));
	assert_int_equal(objdef_set(&d, "CAPEXPRY", "NOLIMIT", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(&d, "CAPEXPRY", "3600", err, sizeof err), QM_OK);
	text_is(&d, "CAPEXPRY", "3600");
	assert_int_equal(objdef_set(&d, "CAPEXPRY", "0", err, sizeof err), QM_EINVAL);
	assert_int_equal(objdef_set(&d, "WILDCARD", "ASPARENT", err, sizeof err), QM_EINVAL);
	assert_int_equal(objdef_set(&d, "CLUSTER", "C1", err, sizeof err), QM_EPERM);
	assert_int_equal(objdef_set(&d, "MDURMDL", "bad name!", err, sizeof err), QM_EINVAL);
	assert_int_equal(objdef_set(&d, "MAXDEPTH", "5", err, sizeof err), QM_ENOTFOUND);
	/* SYSTEM.BASE.TOPIC as crtmqm makes it: MQ's values */
	size_t n;
	const struct objdef_sysobj *so = objdef_system_objects(&n);
	int found = 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(so[i].name, "SYSTEM.BASE.TOPIC")) {
			assert_int_equal(objdef_system_build(&so[i], &b, err, sizeof err), QM_OK);
			found = 1;
		}
	assert_true(found);
	text_is(&b, "TOPICSTR", "");
	text_is(&b, "DEFPRTY", "0");
	text_is(&b, "DEFPSIST", "NO");
	text_is(&b, "DURSUB", "YES");
	text_is(&b, "PMSGDLV", "ALLDUR");
	text_is(&b, "NPMSGDLV", "ALLAVAIL");
	text_is(&b, "PUBSCOPE", "ALL");
	text_is(&b, "USEDLQ", "YES");
	text_is(&b, "CAPEXPRY", "NOLIMIT");
	text_is(&b, "MDURMDL", "SYSTEM.DURABLE.MODEL.QUEUE");
	text_is(&b, "MNDURMDL", "SYSTEM.NDURABLE.MODEL.QUEUE");
}

static void test_topic__encoding_and_like(void **state)
{
	(void)state;
	struct objdef d, back, like;
	char err[300];
	/* the longest topic string MQ allows */
	char *s = malloc(10241);
	assert_non_null(s);
	for (int i = 0; i < 10240; i++)
		s[i] = i % 7 == 6 ? '/' : (char)('a' + i % 26);
	s[10240] = 0;
	const char *kv[] = { "DESCR", "long", "DEFPRTY", "4", "PUB", "DISABLED", "MNDURMDL", "M.Q", NULL };
	topic(&d, "LONG.T", s, kv);
	uint8_t *buf = malloc(OBJDEF_ENC_MAX);
	size_t len;
	assert_int_equal(objdef_encode(&d, buf, OBJDEF_ENC_MAX, &len), QM_OK);
	assert_true(len > 10240);
	assert_int_equal(objdef_decode(buf, len, &back, err, sizeof err), QM_OK);
	assert_true(objdef_equal(&d, &back));
	assert_string_equal(back.topic_str, s);
	/* one character more does not fit */
	char *s2 = malloc(10242);
	memcpy(s2, s, 10240);
	s2[10240] = 'x';
	s2[10241] = 0;
	assert_int_equal(objdef_set(&back, "TOPICSTR", s2, err, sizeof err), QM_EINVAL);
	/* LIKE copies everything but the name, the dates and TOPICSTR */
	assert_int_equal(objdef_inherit(&like, &d, OBJDEF_TOPIC, err, sizeof err), QM_OK);
	assert_string_equal(like.topic_str, "");
	text_is(&like, "DEFPRTY", "4");
	text_is(&like, "PUB", "DISABLED");
	text_is(&like, "MNDURMDL", "M.Q");
	/* a topic is not a queue */
	assert_int_equal(objdef_inherit(&like, &d, OBJDEF_QLOCAL, err, sizeof err), QM_EINVAL);
	/* a tag of a constant (CLUSTER) in a topic's encoding is corrupt */
	uint8_t small[64] = { 1, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 0xed, 0x07, 0, 0, 1, 0, 0, 0, 'C' };
	assert_int_equal(objdef_decode(small, 21, &back, err, sizeof err), QM_ECORRUPT);
	free(s);
	free(s2);
	free(buf);
}

static void test_topic__file(void **state)
{
	(void)state;
	char dir[256];
	ut_scratch_dir("topicfile", dir, sizeof dir);
	struct objdef qm, d, back;
	char err[400], folder[64], path[4096];
	assert_int_equal(objdef_qmgr_new(&qm, "QM1", 0, err, sizeof err), QM_OK);
	const char *kv[] = { "DURSUB", "NO", NULL };
	topic(&d, "SPORTS", "sports/#football", kv);
	char qmd[300];
	snprintf(qmd, sizeof qmd, "%s/qmanager", dir);
	assert_int_equal(mkdir(qmd, 0700), 0);
	assert_int_equal(objfile_obj_dir_new(dir, OBJDEF_TOPIC, d.name, folder, sizeof folder, err, sizeof err),
			 QM_OK);
	assert_int_equal(objfile_write_queue(dir, folder, qm.identity, &d, 7, 0, NULL, NULL, err, sizeof err), QM_OK);
	assert_int_equal(objfile_path(dir, OBJFILE_TOPIC, folder, path, sizeof path), QM_OK);
	assert_non_null(strstr(path, "/topics/SPORTS/t"));
	uint64_t lsn = 0;
	assert_int_equal(objfile_read_queue(dir, folder, qm.identity, OBJDEF_TOPIC, "SPORTS", &back, &lsn, NULL, NULL,
					    NULL, err, sizeof err), QM_OK);
	assert_true(objdef_equal(&d, &back));
	assert_int_equal(lsn, 7);
	/* read as a queue's file: not there (another folder); a topic never has messages */
	assert_int_not_equal(objfile_read_queue(dir, folder, qm.identity, 0, "SPORTS", &back, NULL, NULL, NULL, NULL,
						err, sizeof err), QM_OK);
	assert_int_equal(objfile_write_queue(dir, folder, qm.identity, &d, 8, 1, NULL, NULL, err, sizeof err),
			 QM_EINVAL);
	/* the catalog: a topic may share a queue's and a process's name */
	struct objcat c;
	objcat_init(&c);
	assert_int_equal(objcat_add(&c, OBJDEF_QLOCAL, "SPORTS", "SPORTS"), QM_OK);
	assert_int_equal(objcat_add(&c, OBJDEF_PROCESS, "SPORTS", "SPORTS"), QM_OK);
	assert_int_equal(objcat_add(&c, OBJDEF_TOPIC, "SPORTS", "SPORTS"), QM_OK);
	assert_int_equal(objcat_add(&c, OBJDEF_TOPIC, "SPORTS", "SPORTS.000"), QM_EEXIST);
	const struct objcat_entry *e = objcat_find(&c, OBJDEF_TOPIC, "SPORTS");
	assert_non_null(e);
	assert_int_equal(e->type, OBJDEF_TOPIC);
	assert_int_equal(objfile_write_catalog(dir, qm.identity, &c, 9, err, sizeof err), QM_OK);
	struct objcat c2;
	assert_int_equal(objfile_read_catalog(dir, qm.identity, &c2, NULL, err, sizeof err), QM_OK);
	assert_int_equal(c2.n, 3);
	assert_int_equal(objcat_find(&c2, OBJDEF_TOPIC, "SPORTS")->type, OBJDEF_TOPIC);
	objcat_free(&c);
	objcat_free(&c2);
	assert_int_equal(objfile_obj_remove(dir, OBJDEF_TOPIC, folder, err, sizeof err), QM_OK);
	assert_int_equal(objfile_read_queue(dir, folder, qm.identity, OBJDEF_TOPIC, "SPORTS", &back, NULL, NULL, NULL,
					    NULL, err, sizeof err), QM_EDAMAGED);
	ut_rm_tree(dir);
}

static void test_topictree__levels(void **state)
{
	(void)state;
	struct topictree t;
	struct objdef a, b, c, e, dflt;
	char err[300], buf[256];
	topictree_init(&t);
	topic(&a, "A", "sports/football", NULL);
	topic(&b, "B", "/sports", NULL);
	topic(&c, "C", "sports//x", NULL);
	topic(&e, "E", "sports/football", NULL);
	objdef_init_default(OBJDEF_TOPIC, &dflt);
	assert_int_equal(topictree_add(&t, &a, err, sizeof err), QM_OK);
	assert_int_equal(topictree_add(&t, &b, err, sizeof err), QM_OK);
	assert_int_equal(topictree_add(&t, &c, err, sizeof err), QM_OK);
	assert_int_equal(topictree_add(&t, &dflt, err, sizeof err), QM_OK);   /* the template: no node */
	assert_int_equal(topictree_add(&t, &e, err, sizeof err), QM_EEXIST);
	assert_non_null(strstr(err, "A"));
	/* sports, sports/football, "" (under the root), /sports, sports/"", sports//x */
	assert_int_equal(t.nodes, 6);
	const struct topic_node *nd = topictree_find(&t, "sports/football");
	assert_non_null(nd);
	assert_ptr_equal(nd->obj, &a);
	assert_string_equal(nd->level, "football");
	assert_int_equal(topictree_string(nd, buf, sizeof buf), QM_OK);
	assert_string_equal(buf, "sports/football");
	assert_null(topictree_find(&t, "sports")->obj);
	assert_ptr_equal(topictree_find(&t, "/sports")->obj, &b);
	assert_ptr_equal(topictree_find(&t, "sports//x")->obj, &c);
	assert_int_equal(topictree_string(topictree_find(&t, "/sports"), buf, sizeof buf), QM_OK);
	assert_string_equal(buf, "/sports");
	assert_int_equal(topictree_string(topictree_find(&t, "sports//x"), buf, sizeof buf), QM_OK);
	assert_string_equal(buf, "sports//x");
	assert_int_equal(topictree_string(nd, buf, 5), QM_ETOOBIG);
	assert_null(topictree_find(&t, "sports/tennis"));
	assert_null(topictree_find(&t, "Sports"));
	assert_ptr_equal(topictree_find(&t, ""), &t.root);
	topictree_free(&t);
}

static void test_topictree__match(void **state)
{
	(void)state;
	assert_true(topictree_match("#", "a/b/c"));
	assert_true(topictree_match("a/#", "a"));
	assert_true(topictree_match("a/#", "a/b/c"));
	assert_false(topictree_match("a/#", "ab"));
	assert_true(topictree_match("#/c", "a/b/c"));
	assert_true(topictree_match("#/c", "c"));
	assert_false(topictree_match("#/c", "a/b"));
	assert_true(topictree_match("a/+/c", "a/b/c"));
	assert_false(topictree_match("a/+/c", "a/b/b/c"));
	assert_false(topictree_match("a/+", "a"));
	assert_true(topictree_match("+", "a"));
	assert_false(topictree_match("+", "a/b"));
	assert_true(topictree_match("a/b", "a/b"));
	assert_false(topictree_match("a/b", "a/bc"));
	assert_false(topictree_match("a#", "a/b"));   /* '#' only as a whole level */
	assert_true(topictree_match("a#", "a#"));
	assert_true(topictree_match("+/#", "/x"));
	assert_true(topictree_match("a/#/#", "a"));
}

struct seen {
	char s[8][64];
	int n;
};
static int collect(void *ctx, const struct topic_node *nd, const char *str)
{
	struct seen *x = ctx;
	(void)nd;
	if (x->n < 8)
		snprintf(x->s[x->n++], 64, "%s", str);
	return 0;
}

/* MQSO_WILDCARD_CHAR: '*' any characters ('/' too), '?' one, '%' escapes */
static void test_topictree__match_char(void **state)
{
	(void)state;
	assert_true(topictree_match_char("*", ""));
	assert_true(topictree_match_char("*", "a/b/c"));
	assert_true(topictree_match_char("sports/f*", "sports/football"));
	assert_true(topictree_match_char("sports/f*", "sports/f"));
	assert_false(topictree_match_char("sports/f*", "sports/tennis"));
	assert_true(topictree_match_char("s*l", "sports/football"));
	assert_false(topictree_match_char("s*l", "sports/footballs"));
	assert_true(topictree_match_char("a?c", "abc"));
	assert_true(topictree_match_char("a?c", "a/c"));
	assert_false(topictree_match_char("a?c", "ac"));
	assert_false(topictree_match_char("a?c", "abbc"));
	assert_true(topictree_match_char("a*b*c", "axxbyyc"));
	assert_true(topictree_match_char("a*b*c", "abcbc"));
	assert_false(topictree_match_char("a*b*c", "axxbyy"));
	assert_true(topictree_match_char("a%*", "a*"));
	assert_false(topictree_match_char("a%*", "ab"));
	assert_true(topictree_match_char("%?%%", "?%"));
	assert_false(topictree_match_char("%?", "x"));
	assert_false(topictree_match_char("a%b", "ab"));   /* '%' before another character: nothing */
	assert_true(topictree_match_char("a/#", "a/#"));   /* '#' and '+' are plain characters here */
	assert_false(topictree_match_char("a/#", "a/b"));
	assert_true(topictree_match_char("**?**", "x"));
	assert_false(topictree_match_char("**?**", ""));
	assert_true(topictree_match_char("", ""));
	assert_false(topictree_match_char("", "a"));
	/* many stars against a long string stay quick (no backtracking blow-up) */
	char big[4001];
	memset(big, 'a', 4000);
	big[4000] = 0;
	assert_false(topictree_match_char("*a*a*a*a*a*a*a*a*b", big));
}

static void test_topictree__walk(void **state)
{
	(void)state;
	struct topictree t;
	struct objdef a, b, c;
	topictree_init(&t);
	topic(&a, "A", "z/b", NULL);
	topic(&b, "B", "z/a/deep", NULL);
	topic(&c, "C", "m", NULL);
	assert_int_equal(topictree_add(&t, &a, NULL, 0), QM_OK);
	assert_int_equal(topictree_add(&t, &b, NULL, 0), QM_OK);
	assert_int_equal(topictree_add(&t, &c, NULL, 0), QM_OK);
	struct seen x = { .n = 0 };
	assert_int_equal(topictree_walk(&t, "#", collect, &x), 0);
	assert_int_equal(x.n, 5);
	const char *want[] = { "m", "z", "z/a", "z/a/deep", "z/b" };
	for (int i = 0; i < 5; i++)
		assert_string_equal(x.s[i], want[i]);
	x.n = 0;
	assert_int_equal(topictree_walk(&t, "z/+", collect, &x), 0);
	assert_int_equal(x.n, 2);
	assert_string_equal(x.s[0], "z/a");
	assert_string_equal(x.s[1], "z/b");
	x.n = 0;
	assert_int_equal(topictree_walk(&t, "nothing", collect, &x), 0);
	assert_int_equal(x.n, 0);
	topictree_free(&t);
}

static void test_topictree__resolve(void **state)
{
	(void)state;
	struct topictree t;
	struct objdef base, sports, football, r;
	const struct objdef *admin;
	char err[300];
	topictree_init(&t);
	/* no base object: MQ's SYSTEM.BASE.TOPIC values */
	assert_int_equal(topictree_resolve(&t, "any/thing", &r, &admin), QM_OK);
	assert_null(admin);
	text_is(&r, "DEFPRTY", "0");
	text_is(&r, "DURSUB", "YES");
	text_is(&r, "NPMSGDLV", "ALLAVAIL");
	text_is(&r, "MDURMDL", "SYSTEM.DURABLE.MODEL.QUEUE");
	assert_string_equal(r.topic_str, "any/thing");
	/* the resolution points at the caller's string: nothing interned for it */
	char mine[] = "any/where/else";
	size_t interned = strintern_count();
	assert_int_equal(topictree_resolve(&t, mine, &r, &admin), QM_OK);
	assert_ptr_equal(r.topic_str, mine);
	assert_int_equal(strintern_count(), interned);
	/* longer than MQ's 10240: refused, out untouched */
	char *huge = malloc(10242);
	assert_non_null(huge);
	memset(huge, 'h', 10241);
	huge[10241] = 0;
	assert_int_equal(topictree_resolve(&t, huge, &r, &admin), QM_EINVAL);
	assert_ptr_equal(r.topic_str, mine);
	huge[10240] = 0;   /* 10240 exactly: a topic string */
	assert_int_equal(topictree_resolve(&t, huge, &r, &admin), QM_OK);
	assert_int_equal(strlen(r.topic_str), 10240);
	free(huge);
	/* the base altered, then a chain below it */
	const char *kb[] = { "DEFPRTY", "2", "DEFPSIST", "YES", "MNDURMDL", "BASE.NDUR", NULL };
	topic(&base, "SYSTEM.BASE.TOPIC", "", kb);
	assert_int_equal(objdef_set(&base, "DESCR", "base", err, sizeof err), QM_OK);
	const char *ks[] = { "DEFPRTY", "5", "PUB", "DISABLED", "MDURMDL", "SPORTS.DUR", NULL };
	topic(&sports, "SPORTS", "sports", ks);
	const char *kf[] = { "DURSUB", "NO", "PUB", "ENABLED", NULL };
	topic(&football, "FOOTBALL", "sports/football/uk", kf);
	assert_int_equal(topictree_add(&t, &base, err, sizeof err), QM_OK);
	assert_int_equal(topictree_add(&t, &sports, err, sizeof err), QM_OK);
	assert_int_equal(topictree_add(&t, &football, err, sizeof err), QM_OK);
	assert_ptr_equal(t.root.obj, &base);

	assert_int_equal(topictree_resolve(&t, "sports/football/uk", &r, &admin), QM_OK);
	assert_ptr_equal(admin, &football);
	assert_string_equal(r.name, "FOOTBALL");
	text_is(&r, "DURSUB", "NO");          /* its own */
	text_is(&r, "PUB", "ENABLED");        /* its own, though its parent disables */
	text_is(&r, "DEFPRTY", "5");          /* SPORTS, two levels up */
	text_is(&r, "MDURMDL", "SPORTS.DUR"); /* a blank name is ASPARENT */
	text_is(&r, "DEFPSIST", "YES");       /* the base's */
	text_is(&r, "MNDURMDL", "BASE.NDUR");
	text_is(&r, "SUB", "ENABLED");        /* the base's, MQ's value */

	/* a node with no object of its own, and a string that is no node */
	assert_int_equal(topictree_resolve(&t, "sports/football", &r, &admin), QM_OK);
	assert_null(admin);
	text_is(&r, "PUB", "DISABLED");
	text_is(&r, "DURSUB", "YES");
	assert_int_equal(topictree_resolve(&t, "sports/tennis/fr", &r, &admin), QM_OK);
	assert_null(admin);
	text_is(&r, "DEFPRTY", "5");
	text_is(&r, "PUB", "DISABLED");
	assert_int_equal(topictree_resolve(&t, "news", &r, &admin), QM_OK);
	text_is(&r, "DEFPRTY", "2");
	text_is(&r, "PUB", "ENABLED");

	/* the base itself ASPARENT: MQ's values stand in */
	assert_int_equal(objdef_set(&base, "DEFPRTY", "ASPARENT", err, sizeof err), QM_OK);
	assert_int_equal(topictree_resolve(&t, "news", &r, &admin), QM_OK);
	text_is(&r, "DEFPRTY", "0");
	/* values the tree does not decide stay the object's */
	text_is(&r, "WILDCARD", "PASSTHRU");
	topictree_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_topic__defaults_and_values),
		cmocka_unit_test(test_topic__encoding_and_like),
		cmocka_unit_test(test_topic__file),
		cmocka_unit_test(test_topictree__levels),
		cmocka_unit_test(test_topictree__match),
		cmocka_unit_test(test_topictree__match_char),
		cmocka_unit_test(test_topictree__walk),
		cmocka_unit_test(test_topictree__resolve),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
