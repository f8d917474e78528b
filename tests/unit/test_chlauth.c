/*
 * test_chlauth.c: channel authentication records (qm/admin/chlauth.c):
 * generic channel profiles and their overlap, MQ's generic IP addresses
 * (every rule of a valid pattern, ranges, '*' for one or more parts, IPv6
 * with "::", IPv4-mapped peers), distinguished name patterns, the stored
 * form (round trip and every truncation refused), SET CHLAUTH's actions on a
 * set, and the decision: BLOCKADDR first, the most specific profile, the
 * order SSLPEERMAP, USERMAP, ADDRESSMAP, BLOCKUSER against the resulting
 * user with *MQADMIN, WARN(YES), and MQ's three default records.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmqcfc.h"
#include "qm/admin/chlauth.h"

static void test_chlauth__glob(void **state)
{
	(void)state;
	assert_true(chl_glob("*", "ANY.CHANNEL"));
	assert_true(chl_glob("SYSTEM.*", "SYSTEM.DEF.SVRCONN"));
	assert_false(chl_glob("SYSTEM.*", "APP.SVRCONN"));
	assert_true(chl_glob("A*C", "ABC"));
	assert_true(chl_glob("A*C", "AC"));
	assert_false(chl_glob("A*C", "ACB"));
	assert_true(chl_glob("*.SVRCONN", "DEV.APP.SVRCONN"));
	assert_false(chl_glob("DEV.APP", "dev.app"));   /* case matters */
	/* MATCH(ALL): could one channel name match both */
	assert_true(chl_glob_overlap("SYSTEM.*.SVRCONN", "SYSTEM.*"));
	assert_true(chl_glob_overlap("SYSTEM.*.SVRCONN", "SYSTEM.ADMIN.SVRCONN"));
	assert_true(chl_glob_overlap("SYSTEM.*.SVRCONN", "*"));
	assert_false(chl_glob_overlap("SYSTEM.*.SVRCONN", "APP.*"));
	assert_false(chl_glob_overlap("SYSTEM.*.SVRCONN", "SYSTEM.DEF.RECEIVER"));
	/* specificity: more characters, and an exact name beats a generic one as long */
	assert_true(chl_profile_rank("SYSTEM.ADMIN.SVRCONN") > chl_profile_rank("SYSTEM.*"));
	assert_true(chl_profile_rank("SYSTEM.*") > chl_profile_rank("*"));
	assert_true(chl_profile_rank("ABC") > chl_profile_rank("ABC*"));
}

static void test_chlauth__addr_check(void **state)
{
	(void)state;
	char err[200];
	const char *good[] = { "*", "192.0.2.0", "192.0.2.*", "192.0.*", "192.0.*.2", "192.*.2", "192.0.2.1-8",
			       "192.0.*.1-8", "192.*.2.*", "2001:DB8:0:0:0:0:0:0", "2001:DB8:0:0:0:0:0:*",
			       "2001:DB8:0:0:0:*", "2001:DB8:0:0:0:*:0:1", "2001:*:1", "2001:DB8:0:0:0:0:0:0-8",
			       "2001:DB8:0:0:0:*:0:0-8", "2001:db8::1", "::1", "fe80::", NULL };
	for (int i = 0; good[i]; i++)
		if (chl_addr_check(good[i], err, sizeof err))
			fail_msg("%s refused: %s", good[i], err);
	const char *bad[] = { "192.0.2", "192.0*", "192.0.*.*", "2001::*", "1.2.3.4.5", "256.1.1.1", "a.b.c.d",
			      "1.2.3.", "", "1..2.3", "host.example.com", "1.2.3.4-", "12345::1", "1:2:3:4:5:6:7:8:9",
			      NULL };
	for (int i = 0; bad[i]; i++)
		assert_int_equal(chl_addr_check(bad[i], err, sizeof err), MQRCCF_IPADDR_ERROR);
	assert_int_equal(chl_addr_check("192.0.2.8-1", err, sizeof err), MQRCCF_IPADDR_RANGE_ERROR);
	assert_int_equal(chl_addr_check("192.0.2.5-5", err, sizeof err), MQRCCF_IPADDR_RANGE_ERROR);
}

static void test_chlauth__addr_match(void **state)
{
	(void)state;
	assert_true(chl_addr_match("*", "10.1.2.3"));
	assert_true(chl_addr_match("*", "2001:db8::1"));
	assert_true(chl_addr_match("10.1.2.3", "10.1.2.3"));
	assert_false(chl_addr_match("10.1.2.3", "10.1.2.4"));
	assert_true(chl_addr_match("10.1.*", "10.1.200.7"));
	assert_false(chl_addr_match("10.1.*", "10.2.0.1"));
	assert_true(chl_addr_match("192.*.2", "192.168.1.2"));     /* '*' stands for two parts */
	assert_false(chl_addr_match("192.*.2", "192.168.1.3"));
	assert_true(chl_addr_match("192.168.1.1-20", "192.168.1.1"));
	assert_true(chl_addr_match("192.168.1.1-20", "192.168.1.20"));
	assert_false(chl_addr_match("192.168.1.1-20", "192.168.1.21"));
	assert_false(chl_addr_match("192.168.1.1-20", "192.168.1.0"));
	assert_true(chl_addr_match("192.*.1-8", "192.9.9.8"));
	assert_true(chl_addr_match("10.1.2.3", "::ffff:10.1.2.3"));   /* IPv4-mapped peer */
	assert_false(chl_addr_match("10.1.2.3", "2001:db8::1"));
	assert_true(chl_addr_match("2001:DB8:0:0:0:0:0:*", "2001:db8::42"));
	assert_true(chl_addr_match("2001:db8::1-9", "2001:db8::9"));
	assert_false(chl_addr_match("2001:db8::1-9", "2001:db8::a"));
	assert_true(chl_addr_match("::1", "::1"));
	assert_false(chl_addr_match("10.*", "not-an-address"));
	assert_true(chl_addr_plain("10.1.2.3"));
	assert_false(chl_addr_plain("10.1.*"));
	/* ranges of one profile: nested or apart, never partly over each other */
	assert_false(chl_addr_conflict("10.0.1.1-20", "10.0.1.5-10"));
	assert_false(chl_addr_conflict("10.0.1.1-20", "10.0.1.30-40"));
	assert_true(chl_addr_conflict("10.0.1.1-20", "10.0.1.10-30"));
	assert_false(chl_addr_conflict("10.0.1.1-20", "10.0.2.10-30"));
}

static void test_chlauth__dn(void **state)
{
	(void)state;
	char err[200];
	assert_int_equal(chl_dn_check("CN=fred, O=Example", err, sizeof err), 0);
	assert_int_equal(chl_dn_check("CN=fr*", err, sizeof err), 0);
	assert_int_equal(chl_dn_check("CN=*ed", err, sizeof err), 0);
	assert_int_not_equal(chl_dn_check("CN=f*d", err, sizeof err), 0);
	assert_int_not_equal(chl_dn_check("no equals here", err, sizeof err), 0);
	assert_true(chl_dn_match("CN=fred", "CN=fred,O=Example,C=GB"));
	assert_true(chl_dn_match("o=example, cn=FRED", "CN=fred,O=Example,C=GB"));
	assert_true(chl_dn_match("CN=fr*", "CN=fred,O=Example"));
	assert_false(chl_dn_match("CN=fred,OU=Sales", "CN=fred,O=Example"));
	assert_false(chl_dn_match("CN=fred", NULL));
}

static struct chl_rec mk(int type, const char *profile)
{
	struct chl_rec r;
	memset(&r, 0, sizeof r);
	r.type = type;
	snprintf(r.profile, sizeof r.profile, "%s", profile);
	r.usersrc = CHL_SRC_MAP;
	r.chckclnt = CHL_CHK_ASQMGR;
	return r;
}

static void set_list(struct chl_rec *r, const char *a, const char *b)
{
	r->list = calloc(2, sizeof *r->list);
	assert_non_null(r->list);
	snprintf(r->list[0], sizeof r->list[0], "%s", a);
	r->nlist = 1;
	if (b) {
		snprintf(r->list[1], sizeof r->list[1], "%s", b);
		r->nlist = 2;
	}
}

static void test_chlauth__codec(void **state)
{
	(void)state;
	struct chl_rec r = mk(CHL_SSLPEERMAP, "APP.*"), d;
	snprintf(r.descr, sizeof r.descr, "it's a description");
	snprintf(r.sslpeer, sizeof r.sslpeer, "CN=fred,O=Example");
	snprintf(r.sslcerti, sizeof r.sslcerti, "CN=CA");
	snprintf(r.address, sizeof r.address, "10.*");
	snprintf(r.mcauser, sizeof r.mcauser, "app");
	r.chckclnt = CHL_CHK_REQUIRED;
	r.alt_ms = 1234567;
	uint32_t len;
	uint8_t *b = chl_encode(&r, &len);
	assert_non_null(b);
	assert_int_equal(chl_decode(b, len, &d), 0);
	assert_string_equal(d.profile, "APP.*");
	assert_string_equal(d.descr, r.descr);
	assert_string_equal(d.sslpeer, r.sslpeer);
	assert_string_equal(d.sslcerti, r.sslcerti);
	assert_string_equal(d.address, "10.*");
	assert_string_equal(d.mcauser, "app");
	assert_int_equal(d.type, CHL_SSLPEERMAP);
	assert_int_equal(d.chckclnt, CHL_CHK_REQUIRED);
	assert_int_equal(d.alt_ms, 1234567);
	chl_rec_free(&d);
	for (uint32_t cut = 0; cut < len; cut++)   /* every truncation is refused */
		assert_int_equal(chl_decode(b, cut, &d), -1);
	b[8] = 9;   /* no such type */
	assert_int_equal(chl_decode(b, len, &d), -1);
	free(b);
	struct chl_rec l = mk(CHL_BLOCKUSER, "*");
	set_list(&l, "*MQADMIN", "fred");
	b = chl_encode(&l, &len);
	assert_non_null(b);
	assert_int_equal(chl_decode(b, len, &d), 0);
	assert_int_equal(d.nlist, 2);
	assert_string_equal(d.list[1], "fred");
	chl_rec_free(&d);
	chl_rec_free(&l);
	free(b);
}

static int admins(void *arg, const char *user)
{
	(void)arg;
	return !user[0] || !strcmp(user, "mqm") || !strcmp(user, "root");
}

static int decide(const struct chl_set *s, const char *chl, const char *addr, const char *user, const char *dn,
		  struct chl_result *r)
{
	struct chl_input in = { .channel = chl, .address = addr, .clntuser = user, .sslpeer = dn,
				.chl_mcauser = "", .is_admin = admins };
	chl_decide(s, &in, r);
	return r->outcome;
}

static void test_chlauth__defaults(void **state)
{
	(void)state;
	struct chl_set s;
	struct chl_result r;
	assert_int_equal(chl_defaults(&s, 0), 0);
	assert_int_equal(s.n, 3);
	/* an administrator on any client channel: the BLOCKUSER *MQADMIN rule */
	assert_int_equal(decide(&s, "DEV.APP.SVRCONN", "10.0.0.1", "mqm", NULL, &r), CHL_BLOCKED_USER);
	assert_string_equal(r.rule->profile, "*");
	assert_string_equal(r.blocked_user, "mqm");
	/* a blank user runs as the queue manager's: an administrator too */
	assert_int_equal(decide(&s, "DEV.APP.SVRCONN", "10.0.0.1", "", NULL, &r), CHL_BLOCKED_USER);
	/* anyone else on an application channel */
	assert_int_equal(decide(&s, "DEV.APP.SVRCONN", "10.0.0.1", "app", NULL, &r), CHL_ALLOWED);
	assert_string_equal(r.mcauser, "app");
	assert_null(r.map);
	/* SYSTEM.* channels: NOACCESS, but SYSTEM.ADMIN.SVRCONN's own record allows */
	assert_int_equal(decide(&s, "SYSTEM.DEF.SVRCONN", "10.0.0.1", "app", NULL, &r), CHL_BLOCKED_NOACCESS);
	assert_string_equal(r.rule->profile, "SYSTEM.*");
	assert_int_equal(decide(&s, "SYSTEM.ADMIN.SVRCONN", "10.0.0.1", "app", NULL, &r), CHL_ALLOWED);
	assert_string_equal(r.map->profile, "SYSTEM.ADMIN.SVRCONN");
	assert_int_equal(decide(&s, "SYSTEM.ADMIN.SVRCONN", "10.0.0.1", "mqm", NULL, &r), CHL_BLOCKED_USER);
	/* no channel name yet (at accept): only BLOCKADDR, none here */
	assert_int_equal(decide(&s, "", "10.0.0.1", "mqm", NULL, &r), CHL_ALLOWED);
	chl_set_free(&s);
}

static void test_chlauth__precedence(void **state)
{
	(void)state;
	struct chl_set s = { 0 };
	struct chl_result r;
	struct chl_rec a = mk(CHL_ADDRESSMAP, "APP.*");
	snprintf(a.address, sizeof a.address, "10.*");
	snprintf(a.mcauser, sizeof a.mcauser, "addruser");
	assert_int_equal(chl_set_add(&s, &a), 0);
	struct chl_rec a2 = mk(CHL_ADDRESSMAP, "APP.*");
	snprintf(a2.address, sizeof a2.address, "10.1.1.1-9");
	snprintf(a2.mcauser, sizeof a2.mcauser, "narrow");
	assert_int_equal(chl_set_add(&s, &a2), 0);
	struct chl_rec u = mk(CHL_USERMAP, "APP.*");
	snprintf(u.clntuser, sizeof u.clntuser, "joe");
	snprintf(u.mcauser, sizeof u.mcauser, "joemapped");
	u.chckclnt = CHL_CHK_REQUIRED;
	assert_int_equal(chl_set_add(&s, &u), 0);
	struct chl_rec p = mk(CHL_SSLPEERMAP, "APP.*");
	snprintf(p.sslpeer, sizeof p.sslpeer, "CN=joe*");
	snprintf(p.mcauser, sizeof p.mcauser, "certuser");
	assert_int_equal(chl_set_add(&s, &p), 0);
	struct chl_rec x = mk(CHL_ADDRESSMAP, "APP.SPECIAL");
	snprintf(x.address, sizeof x.address, "*");
	x.usersrc = CHL_SRC_CHANNEL;
	assert_int_equal(chl_set_add(&s, &x), 0);
	/* the most specific ADDRESS of the profile */
	assert_int_equal(decide(&s, "APP.ONE", "10.1.1.5", "zed", NULL, &r), CHL_ALLOWED);
	assert_string_equal(r.mcauser, "narrow");
	assert_int_equal(decide(&s, "APP.ONE", "10.2.1.5", "zed", NULL, &r), CHL_ALLOWED);
	assert_string_equal(r.mcauser, "addruser");
	/* USERMAP before ADDRESSMAP, with its CHCKCLNT */
	assert_int_equal(decide(&s, "APP.ONE", "10.1.1.5", "joe", NULL, &r), CHL_ALLOWED);
	assert_string_equal(r.mcauser, "joemapped");
	assert_int_equal(r.chckclnt, CHL_CHK_REQUIRED);
	/* SSLPEERMAP before USERMAP */
	assert_int_equal(decide(&s, "APP.ONE", "10.1.1.5", "joe", "CN=joe smith,O=X", &r), CHL_ALLOWED);
	assert_string_equal(r.mcauser, "certuser");
	/* a more specific profile wins over every type of a less specific one */
	assert_int_equal(decide(&s, "APP.SPECIAL", "10.1.1.5", "joe", "CN=joe smith", &r), CHL_ALLOWED);
	assert_string_equal(r.mcauser, "joe");
	assert_string_equal(r.map->profile, "APP.SPECIAL");
	/* nothing matches: the client's user */
	assert_int_equal(decide(&s, "OTHER", "192.168.0.1", "zed", NULL, &r), CHL_ALLOWED);
	assert_string_equal(r.mcauser, "zed");
	/* the channel's MCAUSER before the client's */
	struct chl_input in = { .channel = "OTHER", .address = "1.1.1.1", .clntuser = "zed", .chl_mcauser = "chluser",
				.is_admin = admins };
	chl_decide(&s, &in, &r);
	assert_string_equal(r.mcauser, "chluser");
	/* BLOCKUSER against the mapped user, most specific profile's list only */
	struct chl_rec b = mk(CHL_BLOCKUSER, "*");
	set_list(&b, "narrow", "*MQADMIN");
	assert_int_equal(chl_set_add(&s, &b), 0);
	assert_int_equal(decide(&s, "APP.ONE", "10.1.1.5", "zed", NULL, &r), CHL_BLOCKED_USER);
	assert_string_equal(r.blocked_user, "narrow");
	struct chl_rec b2 = mk(CHL_BLOCKUSER, "APP.ONE");
	set_list(&b2, "nobody", NULL);
	assert_int_equal(chl_set_add(&s, &b2), 0);
	assert_int_equal(decide(&s, "APP.ONE", "10.1.1.5", "zed", NULL, &r), CHL_ALLOWED);   /* overrides '*' */
	assert_int_equal(decide(&s, "APP.TWO", "10.1.1.5", "zed", NULL, &r), CHL_BLOCKED_USER);
	/* the asserted user is an administrator but the channel runs as another: allowed */
	assert_int_equal(decide(&s, "APP.TWO", "10.2.2.2", "mqm", NULL, &r), CHL_ALLOWED);
	assert_string_equal(r.mcauser, "addruser");
	/* BLOCKADDR first, before the channel name is known */
	struct chl_rec ba = mk(CHL_BLOCKADDR, "*");
	set_list(&ba, "10.9.*", NULL);
	assert_int_equal(chl_set_add(&s, &ba), 0);
	assert_int_equal(decide(&s, NULL, "10.9.0.1", "zed", NULL, &r), CHL_BLOCKED_ADDR);
	assert_int_equal(decide(&s, "APP.SPECIAL", "10.9.0.1", "zed", NULL, &r), CHL_BLOCKED_ADDR);
	assert_int_equal(decide(&s, NULL, "10.8.0.1", "zed", NULL, &r), CHL_ALLOWED);
	chl_rec_free(&b);
	chl_rec_free(&b2);
	chl_rec_free(&ba);
	chl_set_free(&s);
}

static void test_chlauth__warn(void **state)
{
	(void)state;
	struct chl_set s = { 0 };
	struct chl_result r;
	struct chl_rec n = mk(CHL_ADDRESSMAP, "APP.*");
	snprintf(n.address, sizeof n.address, "10.*");
	n.usersrc = CHL_SRC_NOACCESS;
	n.warn = 1;
	assert_int_equal(chl_set_add(&s, &n), 0);
	assert_int_equal(decide(&s, "APP.ONE", "10.1.1.1", "zed", NULL, &r), CHL_ALLOWED);
	assert_true(r.warned);
	assert_int_equal(r.warn_outcome, CHL_BLOCKED_NOACCESS);
	assert_string_equal(r.mcauser, "zed");
	struct chl_rec ba = mk(CHL_BLOCKADDR, "*");
	set_list(&ba, "10.*", NULL);
	ba.warn = 1;
	assert_int_equal(chl_set_add(&s, &ba), 0);
	assert_int_equal(decide(&s, NULL, "10.1.1.1", "zed", NULL, &r), CHL_ALLOWED);
	assert_true(r.warned);
	assert_int_equal(r.warn_outcome, CHL_BLOCKED_ADDR);
	s.v[0].warn = 0;   /* now the NOACCESS record blocks */
	assert_int_equal(decide(&s, "APP.ONE", "10.1.1.1", "zed", NULL, &r), CHL_BLOCKED_NOACCESS);
	chl_rec_free(&ba);
	chl_set_free(&s);
}

static void test_chlauth__apply(void **state)
{
	(void)state;
	struct chl_set s = { 0 }, out;
	size_t del[8], nd;
	char err[300];
	struct chl_rec a = mk(CHL_ADDRESSMAP, "APP.*");
	snprintf(a.address, sizeof a.address, "10.0.1.1-20");
	a.usersrc = CHL_SRC_NOACCESS;
	assert_int_equal(chl_apply(&s, &a, CHL_ACT_ADD, del, &nd, &out, err, sizeof err), 0);
	assert_int_equal(nd, 0);
	assert_int_equal(out.n, 1);
	assert_int_equal(chl_set_add(&s, &out.v[0]), 0);
	chl_set_free(&out);
	assert_int_equal(chl_apply(&s, &a, CHL_ACT_ADD, del, &nd, &out, err, sizeof err), MQRCCF_CHLAUTH_ALREADY_EXISTS);
	assert_int_equal(chl_apply(&s, &a, CHL_ACT_REPLACE, del, &nd, &out, err, sizeof err), 0);
	assert_int_equal(nd, 1);
	assert_int_equal(out.n, 1);
	chl_set_free(&out);
	struct chl_rec c = a;
	snprintf(c.address, sizeof c.address, "10.0.1.10-30");
	assert_int_equal(chl_apply(&s, &c, CHL_ACT_ADD, del, &nd, &out, err, sizeof err), MQRCCF_IPADDR_RANGE_CONFLICT);
	snprintf(c.address, sizeof c.address, "10.0.1.5-9");
	assert_int_equal(chl_apply(&s, &c, CHL_ACT_ADD, del, &nd, &out, err, sizeof err), 0);
	chl_set_free(&out);
	assert_int_equal(chl_apply(&s, &c, CHL_ACT_REMOVE, del, &nd, &out, err, sizeof err), MQRCCF_CHLAUTH_NOT_FOUND);
	assert_int_equal(chl_apply(&s, &a, CHL_ACT_REMOVE, del, &nd, &out, err, sizeof err), 0);
	assert_int_equal(nd, 1);
	assert_int_equal(out.n, 0);
	assert_int_equal(chl_apply(&s, &c, CHL_ACT_REMOVEALL, del, &nd, &out, err, sizeof err), 0);
	assert_int_equal(nd, 1);
	/* lists: ADD adds to the list, REMOVE takes entries away, the last one the record */
	struct chl_rec b = mk(CHL_BLOCKUSER, "*");
	set_list(&b, "fred", NULL);
	assert_int_equal(chl_set_add(&s, &b), 0);
	struct chl_rec b2 = mk(CHL_BLOCKUSER, "*");
	set_list(&b2, "bob", "fred");
	assert_int_equal(chl_apply(&s, &b2, CHL_ACT_ADD, del, &nd, &out, err, sizeof err), 0);
	assert_int_equal(nd, 1);
	assert_int_equal(out.v[0].nlist, 2);
	chl_set_free(&out);
	struct chl_rec b3 = mk(CHL_BLOCKUSER, "*");
	set_list(&b3, "fred", NULL);
	assert_int_equal(chl_apply(&s, &b3, CHL_ACT_REMOVE, del, &nd, &out, err, sizeof err), 0);
	assert_int_equal(nd, 1);
	assert_int_equal(out.n, 0);   /* its last entry: the record goes */
	chl_rec_free(&b3);
	set_list(&b3, "zed", NULL);
	assert_int_equal(chl_apply(&s, &b3, CHL_ACT_REMOVE, del, &nd, &out, err, sizeof err), MQRCCF_CHLAUTH_NOT_FOUND);
	chl_rec_free(&b);
	chl_rec_free(&b2);
	chl_rec_free(&b3);
	chl_set_free(&s);
}

static void test_chlauth__set_text(void **state)
{
	(void)state;
	struct chl_set s;
	assert_int_equal(chl_defaults(&s, 0), 0);
	char *t = chl_set_text(&s.v[2], 1);
	assert_non_null(t);
	assert_string_equal(t, "SET CHLAUTH('*') TYPE(BLOCKUSER) DESCR('Default rule to disallow privileged users') "
			       "USERLIST('*MQADMIN') WARN(NO) ACTION(REPLACE)");
	free(t);
	snprintf(s.v[0].descr, sizeof s.v[0].descr, "it's");
	t = chl_set_text(&s.v[0], 1);
	assert_non_null(t);
	assert_non_null(strstr(t, "DESCR('it''s')"));
	assert_non_null(strstr(t, "USERSRC(CHANNEL) CHCKCLNT(ASQMGR) ACTION(REPLACE)"));
	free(t);
	chl_set_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chlauth__glob),
		cmocka_unit_test(test_chlauth__addr_check),
		cmocka_unit_test(test_chlauth__addr_match),
		cmocka_unit_test(test_chlauth__dn),
		cmocka_unit_test(test_chlauth__codec),
		cmocka_unit_test(test_chlauth__defaults),
		cmocka_unit_test(test_chlauth__precedence),
		cmocka_unit_test(test_chlauth__warn),
		cmocka_unit_test(test_chlauth__apply),
		cmocka_unit_test(test_chlauth__set_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
