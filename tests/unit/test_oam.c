/* test_oam.c: the authority manager's profiles, most specific match, union over groups, records. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cmqc.h"
#include "cmqzc.h"
#include "qm/admin/oam.h"

static void test_oam__match(void **state)
{
	(void)state;
	assert_true(oam_match("Q1", "Q1"));
	assert_false(oam_match("Q1", "Q12"));
	assert_true(oam_match("AB.*", "AB.CD"));
	assert_false(oam_match("AB.*", "AB.CD.EF"));   /* '*' is one qualifier */
	assert_true(oam_match("AB.C*", "AB.CD"));
	assert_true(oam_match("AB.C*", "AB.C"));
	assert_false(oam_match("AB.C*", "AB.D"));
	assert_true(oam_match("A?C", "ABC"));
	assert_false(oam_match("A?C", "A.C"));
	assert_false(oam_match("A?C", "AC"));
	assert_true(oam_match("**", "ANY.THING.AT.ALL"));
	assert_true(oam_match("AB.**", "AB.CD.EF"));
	assert_true(oam_match("AB.**", "AB"));
	assert_true(oam_match("AB.**.XY", "AB.XY"));
	assert_true(oam_match("AB.**.XY", "AB.C.D.XY"));
	assert_false(oam_match("AB.**.XY", "AB.C.D.XZ"));
	assert_true(oam_match("**.XY", "XY"));
	assert_true(oam_match("**.XY", "A.B.XY"));
	assert_true(oam_match("*.XY", "A.XY"));
	assert_false(oam_match("*.XY", "A.B.XY"));
	assert_true(oam_match("*", "Q1"));
	assert_false(oam_match("*", "A.B"));
}

static void test_oam__specific(void **state)
{
	(void)state;
	assert_true(oam_specific("AB.C*", "AB.*") > 0);
	assert_true(oam_specific("AB.*", "AB.C*") < 0);
	assert_true(oam_specific("AB.CD", "AB.C*") > 0);
	assert_true(oam_specific("AB.?D", "AB.*") > 0);
	assert_true(oam_specific("AB.*", "AB.**") > 0);
	assert_true(oam_specific("AB.*", "**") > 0);
	assert_int_equal(oam_specific("AB.*", "AB.*"), 0);
}

static void test_oam__profile_check(void **state)
{
	(void)state;
	char why[200];
	assert_int_equal(oam_profile_check(MQOT_Q, "A.**.B", why, sizeof why), 0);
	assert_int_equal(oam_profile_check(MQOT_Q, "A.**.**", why, sizeof why), -1);
	assert_int_equal(oam_profile_check(MQOT_Q, "A B", why, sizeof why), -1);
	assert_int_equal(oam_profile_check(MQOT_Q, "", why, sizeof why), -1);
	char lng[60];
	memset(lng, 'A', 49);
	lng[49] = 0;
	assert_int_equal(oam_profile_check(MQOT_Q, lng, why, sizeof why), -1);
}

static struct oam_rec rec(int32_t type, int32_t et, const char *ent, const char *prof, uint32_t a)
{
	struct oam_rec r;
	memset(&r, 0, sizeof r);
	r.objtype = type;
	r.enttype = et;
	strcpy(r.entity, ent);
	strcpy(r.profile, prof);
	r.auth = a;
	return r;
}

static void test_oam__decision(void **state)
{
	(void)state;
	struct oam t;
	oam_init(&t);
	struct oam_rec r = rec(MQOT_Q, MQZAET_GROUP, "g1", "AB.*", MQZAO_OUTPUT);
	assert_int_equal(oam_put(&t, &r), 0);
	r = rec(MQOT_Q, MQZAET_GROUP, "g1", "AB.C*", MQZAO_INPUT);
	assert_int_equal(oam_put(&t, &r), 0);
	r = rec(MQOT_Q, MQZAET_GROUP, "g2", "AB.CD", MQZAO_BROWSE);
	assert_int_equal(oam_put(&t, &r), 0);
	r = rec(MQOT_Q, MQZAET_PRINCIPAL, "u1", "AB.CD", MQZAO_INQUIRE);
	assert_int_equal(oam_put(&t, &r), 0);
	r = rec(MQOT_TOPIC, MQZAET_GROUP, "g1", "AB.CD", MQZAO_SUBSCRIBE);
	assert_int_equal(oam_put(&t, &r), 0);
	assert_int_equal(t.n, 5);
	/* the most specific of g1's profiles: AB.C* gives get, not put */
	assert_int_equal(oam_entity_auth(&t, MQOT_Q, MQZAET_GROUP, "g1", "AB.CD", NULL), MQZAO_INPUT);
	assert_int_equal(oam_entity_auth(&t, MQOT_Q, MQZAET_GROUP, "g1", "AB.XY", NULL), MQZAO_OUTPUT);
	const char *g12[] = { "g1", "g2" };
	/* the union over groups */
	assert_int_equal(oam_authority(&t, MQOT_Q, "AB.CD", "u1", g12, 2, 0), MQZAO_INPUT | MQZAO_BROWSE);
	/* the principal's own only under the user policy */
	assert_int_equal(oam_authority(&t, MQOT_Q, "AB.CD", "u1", g12, 2, 1),
			 MQZAO_INPUT | MQZAO_BROWSE | MQZAO_INQUIRE);
	assert_int_equal(oam_authority(&t, MQOT_Q, "AB.CD", "u1", g12 + 1, 1, 0), MQZAO_BROWSE);
	assert_int_equal(oam_authority(&t, MQOT_Q, "ZZ", "u1", g12, 2, 1), 0);
	/* replace, then remove */
	r = rec(MQOT_Q, MQZAET_GROUP, "g1", "AB.C*", MQZAO_INPUT | MQZAO_OUTPUT);
	assert_int_equal(oam_put(&t, &r), 0);
	assert_int_equal(t.n, 5);
	assert_int_equal(oam_entity_auth(&t, MQOT_Q, MQZAET_GROUP, "g1", "AB.CD", NULL), MQZAO_INPUT | MQZAO_OUTPUT);
	oam_remove(&t, MQOT_Q, MQZAET_GROUP, "g1", "AB.C*");
	assert_int_equal(t.n, 4);
	assert_int_equal(oam_entity_auth(&t, MQOT_Q, MQZAET_GROUP, "g1", "AB.CD", NULL), MQZAO_OUTPUT);
	oam_free(&t);
}

static void test_oam__words_and_records(void **state)
{
	(void)state;
	assert_int_equal(oam_auth_of("PUT"), MQZAO_OUTPUT);
	assert_int_equal(oam_auth_of("none"), 0);
	assert_int_equal(oam_auth_of("bogus"), -1);
	assert_int_equal(oam_type_of("q"), MQOT_Q);
	assert_int_equal(oam_type_of("QMGR"), MQOT_Q_MGR);
	assert_int_equal(oam_type_of("nonsense"), 0);
	char w[200];
	oam_auth_words(MQZAO_OUTPUT | MQZAO_INPUT | MQZAO_DISPLAY, 1, ",", w, sizeof w);
	assert_string_equal(w, "GET,PUT,DSP");
	oam_auth_words(0, 0, " ", w, sizeof w);
	assert_string_equal(w, "none");
	struct oam_rec r = rec(MQOT_TOPIC, MQZAET_PRINCIPAL, "someone", "SPORTS.**", MQZAO_SUBSCRIBE), back;
	uint32_t len;
	uint8_t *b = oam_rec_encode(&r, &len);
	assert_non_null(b);
	memset(&back, 0, sizeof back);
	assert_int_equal(oam_rec_decode(b, len, &back), 0);
	assert_string_equal(back.entity, "someone");
	assert_string_equal(back.profile, "SPORTS.**");
	assert_int_equal(back.auth, MQZAO_SUBSCRIBE);
	assert_int_equal(oam_rec_decode(b, len - 1, &back), -1);
	b[0] = 'X';
	assert_int_equal(oam_rec_decode(b, len, &back), -1);
	free(b);
}

static void test_oam__groups(void **state)
{
	(void)state;
	struct oam t;
	oam_init(&t);
	size_t n;
	const char *const *g = oam_groups(&t, "root", &n);
	assert_true(n >= 1);
	assert_string_equal(g[0], "root");
	assert_true(oam_in_group(&t, "root", "root"));
	assert_null(oam_groups(&t, "qtst-nobody-here", &n));
	assert_int_equal(n, 0);
	oam_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oam__match),
		cmocka_unit_test(test_oam__specific),
		cmocka_unit_test(test_oam__profile_check),
		cmocka_unit_test(test_oam__decision),
		cmocka_unit_test(test_oam__words_and_records),
		cmocka_unit_test(test_oam__groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
