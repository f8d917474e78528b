/* test_objdef_chl.c: channel, listener and authentication information
 * definitions, and the queue manager's security attributes (issue 15):
 * defaults, set/get by keyword and id, ranges, the types refused, names,
 * encoding and decoding. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/objdef.h"
#include "cmqc.h"
#include "cmqxc.h"
#include "cmqcfc.h"
#include "log/byteorder.h"
#include "log/qmerr.h"

static void text_is(const struct objdef *d, const char *kw, const char *want)
{
	char buf[1100];
	assert_int_equal(objdef_get_text(d, kw, buf, sizeof buf), QM_OK);
	if (strcmp(buf, want) != 0)
		fail_msg("%s is '%s', expected '%s'", kw, buf, want);
}

static int32_t geti(const struct objdef *d, int32_t id)
{
	int32_t v = -12345;
	assert_int_equal(objdef_get_int(d, id, &v), QM_OK);
	return v;
}

static void set_ok(struct objdef *d, const char *kw, const char *v)
{
	char err[300];
	if (objdef_set(d, kw, v, err, sizeof err) != QM_OK)
		fail_msg("%s(%s): %s", kw, v ? v : "", err);
}

static void set_bad(struct objdef *d, const char *kw, const char *v, int want, const char *msg)
{
	char err[300] = "";
	struct objdef before = *d;
	assert_int_equal(objdef_set(d, kw, v, err, sizeof err), want);
	if (msg && strcmp(err, msg) != 0)
		fail_msg("%s(%s): '%s', expected '%s'", kw, v ? v : "", err, msg);
	assert_true(objdef_equal(d, &before));   /* nothing half done */
}

/* Encode, decode, compare; the decoded copy is returned in *out. */
static void round_trip(const struct objdef *d, struct objdef *out)
{
	static uint8_t buf[OBJDEF_ENC_MAX];
	size_t len = 0;
	char err[300];
	assert_int_equal(objdef_encode(d, buf, sizeof buf, &len), QM_OK);
	assert_int_equal(get_u32(buf + 4), (uint32_t)objdef_type_mqot(d->type));
	if (objdef_decode(buf, len, out, err, sizeof err) != QM_OK)
		fail_msg("decode: %s", err);
	assert_true(objdef_equal(d, out));
}

static void test_chl__channel_defaults(void **state)
{
	(void)state;
	struct objdef d;
	assert_int_equal(objdef_init_default(OBJDEF_CHANNEL, &d), QM_OK);
	assert_string_equal(d.name, "SYSTEM.DEF.SVRCONN");
	assert_string_equal(objdef_type_name(OBJDEF_CHANNEL), "channel");
	assert_int_equal(objdef_type_mqot(OBJDEF_CHANNEL), MQOT_CHANNEL);
	text_is(&d, "CHANNEL", "SYSTEM.DEF.SVRCONN");
	text_is(&d, "CHLTYPE", "SVRCONN");
	text_is(&d, "TRPTYPE", "TCP");
	text_is(&d, "MAXMSGL", "4194304");
	text_is(&d, "HBINT", "300");
	text_is(&d, "MAXINST", "999999999");
	text_is(&d, "MAXINSTC", "999999999");
	text_is(&d, "SHARECNV", "10");
	text_is(&d, "SSLCAUTH", "REQUIRED");
	text_is(&d, "MCAUSER", "");
	text_is(&d, "SSLCIPH", "");
	text_is(&d, "SSLPEER", "");
	text_is(&d, "DESCR", "");
	text_is(&d, "CERTLABL", "");
	/* constants: what is true of Quire's channels, shown as MQ shows them */
	text_is(&d, "DISCINT", "0");
	text_is(&d, "KAINT", "AUTO");
	text_is(&d, "MONCHL", "QMGR");
	text_is(&d, "SCYEXIT", "");
	set_bad(&d, "KAINT", "30", QM_EPERM, "KAINT cannot be set: Quire does not have the feature it controls");
	set_bad(&d, "SCYEXIT", "myexit", QM_EPERM, NULL);
	/* MQ's PCF ids */
	assert_int_equal(geti(&d, MQIACH_CHANNEL_TYPE), MQCHT_SVRCONN);
	assert_int_equal(geti(&d, MQIACH_XMIT_PROTOCOL_TYPE), MQXPT_TCP);
	assert_int_equal(geti(&d, MQIACH_MAX_MSG_LENGTH), 4194304);
	assert_int_equal(geti(&d, MQIACH_HB_INTERVAL), 300);
	assert_int_equal(geti(&d, MQIACH_MAX_INSTANCES), 999999999);
	assert_int_equal(geti(&d, MQIACH_MAX_INSTS_PER_CLIENT), 999999999);
	assert_int_equal(geti(&d, MQIACH_SHARING_CONVERSATIONS), 10);
	assert_int_equal(geti(&d, MQIACH_SSL_CLIENT_AUTH), MQSCA_REQUIRED);
	char name[MQ_CHANNEL_NAME_LENGTH];
	assert_int_equal(objdef_get_chars(&d, MQCACH_CHANNEL_NAME, name, sizeof name), QM_OK);
	assert_memory_equal(name, "SYSTEM.DEF.SVRCONN  ", MQ_CHANNEL_NAME_LENGTH);
	/* a queue's MAXMSGL id is not a channel's */
	int32_t v;
	assert_int_equal(objdef_get_int(&d, MQIA_MAX_MSG_LENGTH, &v), QM_ENOTFOUND);
	assert_null(objdef_attr_find(OBJDEF_CHANNEL, "MAXDEPTH"));
	assert_null(objdef_attr_find(OBJDEF_CHANNEL, "CRDATE"));
	assert_int_equal(objdef_validate(&d, NULL, 0), QM_OK);
}

static void test_chl__channel_set(void **state)
{
	(void)state;
	struct objdef d, back;
	char err[300];
	objdef_init_default(OBJDEF_CHANNEL, &d);
	assert_int_equal(objdef_set_name(&d, "DEV.APP.SVRCONN", err, sizeof err), QM_OK);
	set_ok(&d, "chltype", "svrconn");
	set_ok(&d, "MAXMSGL", "104857600");
	set_ok(&d, "HBINT", "0");
	set_ok(&d, "MAXINST", "50");
	set_ok(&d, "MAXINSTC", "0");
	set_ok(&d, "SHARECNV", "1");
	set_ok(&d, "SSLCAUTH", "OPTIONAL");
	set_ok(&d, "MCAUSER", "app");
	set_ok(&d, "SSLCIPH", "ANY_TLS12_OR_HIGHER");
	set_ok(&d, "SSLPEER", "CN=client,O=Quire Test,C=GB");
	set_ok(&d, "DESCR", "the applications' channel");
	set_ok(&d, "CERTLABL", "appcert");
	text_is(&d, "MAXMSGL", "104857600");
	text_is(&d, "HBINT", "0");
	text_is(&d, "SSLCAUTH", "OPTIONAL");
	text_is(&d, "MCAUSER", "app");
	text_is(&d, "SSLPEER", "CN=client,O=Quire Test,C=GB");
	assert_int_equal(geti(&d, MQIACH_MAX_INSTANCES), 50);
	objdef_stamp(&d, 1700000000, 1);
	assert_string_not_equal(d.altdate, "");
	assert_string_equal(d.crdate, "");   /* a channel has no CRDATE, as MQ */
	round_trip(&d, &back);
	text_is(&back, "SSLCIPH", "ANY_TLS12_OR_HIGHER");
	text_is(&back, "CERTLABL", "appcert");
	text_is(&back, "SSLPEER", "CN=client,O=Quire Test,C=GB");
	assert_string_equal(back.name, "DEV.APP.SVRCONN");

	/* by id, as PCF sets them */
	assert_int_equal(objdef_set_int(&d, MQIACH_HB_INTERVAL, 60, err, sizeof err), QM_OK);
	assert_int_equal(d.hb_interval, 60);
	assert_int_equal(objdef_set_str(&d, MQCACH_MCA_USER_ID, "mqapp       ", 12, err, sizeof err), QM_OK);
	assert_string_equal(d.mca_user_id, "mqapp");

	/* ranges and values MQ refuses */
	set_bad(&d, "MAXMSGL", "104857601", QM_EINVAL, "MAXMSGL(104857601) is out of range: MAXMSGL must be 0 to 104857600");
	set_bad(&d, "HBINT", "1000000", QM_EINVAL, "HBINT(1000000) is out of range: HBINT must be 0 to 999999");
	set_bad(&d, "MAXINST", "-1", QM_EINVAL, NULL);
	set_bad(&d, "SHARECNV", "1000000000", QM_EINVAL, NULL);
	set_bad(&d, "SSLCAUTH", "NEVER", QM_EINVAL, "SSLCAUTH(NEVER) is not valid: SSLCAUTH must be REQUIRED or OPTIONAL");
	/* only server-connection channels are served */
	set_bad(&d, "CHLTYPE", "SDR", QM_EINVAL, "CHLTYPE(SDR) is not valid: CHLTYPE must be SVRCONN");
	set_bad(&d, "CHLTYPE", "CLNTCONN", QM_EINVAL, NULL);
	assert_int_equal(objdef_set_int(&d, MQIACH_CHANNEL_TYPE, MQCHT_SENDER, err, sizeof err), QM_EINVAL);
	set_bad(&d, "TRPTYPE", "LU62", QM_EINVAL, "TRPTYPE(LU62) is not valid: TRPTYPE must be TCP");
	set_bad(&d, "MCAUSER", "abcdefghijklm", QM_EINVAL, "MCAUSER is 13 characters long; at most 12 are allowed");
	set_bad(&d, "SSLCIPH", "TLS_AES_256_GCM_SHA384_TOO_LONG_NAME", QM_EINVAL, NULL);
	set_bad(&d, "CHANNEL", "X", QM_EPERM, NULL);
	set_bad(&d, "ALTDATE", "2024-01-01", QM_EPERM, NULL);
	set_bad(&d, "MAXDEPTH", "5", QM_ENOTFOUND, "MAXDEPTH is not an attribute of a channel");

	/* a channel name is at most 20 characters (MQ_CHANNEL_NAME_LENGTH) */
	assert_int_equal(objdef_set_name(&d, "ABCDEFGHIJ.KLMNOPQRS", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set_name(&d, "ABCDEFGHIJ.KLMNOPQRST", err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "the channel name 'ABCDEFGHIJ.KLMNOPQRST' is 21 characters long; at most 20 are allowed");
	assert_string_equal(d.name, "ABCDEFGHIJ.KLMNOPQRS");
	/* LIKE: everything but the name and the dates */
	struct objdef like;
	assert_int_equal(objdef_inherit(&like, &back, OBJDEF_CHANNEL, err, sizeof err), QM_OK);
	assert_string_equal(like.name, "");
	assert_string_equal(like.altdate, "");
	text_is(&like, "SSLPEER", "CN=client,O=Quire Test,C=GB");
	assert_int_equal(like.max_instances, 50);
	struct objdef q;
	objdef_init_default(OBJDEF_QLOCAL, &q);
	assert_int_equal(objdef_inherit(&like, &q, OBJDEF_CHANNEL, err, sizeof err), QM_EINVAL);
}

static void test_chl__listener(void **state)
{
	(void)state;
	struct objdef d, back;
	char err[300];
	objdef_init_default(OBJDEF_LISTENER, &d);
	assert_string_equal(d.name, "SYSTEM.DEFAULT.LISTENER.TCP");
	text_is(&d, "LISTENER", "SYSTEM.DEFAULT.LISTENER.TCP");
	text_is(&d, "TRPTYPE", "TCP");
	text_is(&d, "PORT", "0");
	text_is(&d, "BACKLOG", "0");
	text_is(&d, "CONTROL", "MANUAL");
	text_is(&d, "IPADDR", "");
	text_is(&d, "DESCR", "");
	assert_int_equal(geti(&d, MQIACH_LISTENER_CONTROL), MQSVC_CONTROL_MANUAL);
	assert_int_equal(objdef_set_name(&d, "DEV.LISTENER.TCP", err, sizeof err), QM_OK);
	set_ok(&d, "PORT", "1414");
	set_ok(&d, "CONTROL", "QMGR");
	set_ok(&d, "BACKLOG", "100");
	set_ok(&d, "IPADDR", "127.0.0.1");
	set_ok(&d, "DESCR", "developer listener");
	assert_int_equal(geti(&d, MQIACH_PORT), 1414);
	assert_int_equal(geti(&d, MQIACH_LISTENER_CONTROL), MQSVC_CONTROL_Q_MGR);
	assert_int_equal(geti(&d, MQIACH_BACKLOG), 100);
	set_ok(&d, "CONTROL", "STARTONLY");
	assert_int_equal(d.listener_control, MQSVC_CONTROL_Q_MGR_START);
	objdef_stamp(&d, 1700000000, 1);
	round_trip(&d, &back);
	text_is(&back, "IPADDR", "127.0.0.1");
	text_is(&back, "CONTROL", "STARTONLY");
	set_bad(&d, "PORT", "65536", QM_EINVAL, "PORT(65536) is out of range: PORT must be 0 to 65535");
	set_bad(&d, "PORT", "-1", QM_EINVAL, NULL);
	set_bad(&d, "CONTROL", "AUTO", QM_EINVAL, "CONTROL(AUTO) is not valid: CONTROL must be MANUAL, QMGR or STARTONLY");
	set_bad(&d, "TRPTYPE", "NETBIOS", QM_EINVAL, NULL);
	set_bad(&d, "HBINT", "5", QM_ENOTFOUND, NULL);
	/* a listener name may be 48 characters */
	assert_int_equal(objdef_set_name(&d, "L23456789012345678901234567890123456789012345678", err, sizeof err),
			 QM_OK);
}

static void test_chl__authinfo(void **state)
{
	(void)state;
	struct objdef d, back;
	char err[300];
	objdef_init_default(OBJDEF_AUTHINFO, &d);
	assert_string_equal(d.name, "SYSTEM.DEFAULT.AUTHINFO.IDPWOS");
	text_is(&d, "AUTHINFO", "SYSTEM.DEFAULT.AUTHINFO.IDPWOS");
	text_is(&d, "AUTHTYPE", "IDPWOS");
	text_is(&d, "CHCKLOCL", "OPTIONAL");
	text_is(&d, "CHCKCLNT", "REQDADM");
	text_is(&d, "ADOPTCTX", "YES");
	text_is(&d, "FAILDLAY", "1");
	text_is(&d, "AUTHENMD", "OS");
	assert_int_equal(geti(&d, MQIA_AUTH_INFO_TYPE), MQAIT_IDPW_OS);
	assert_int_equal(geti(&d, MQIA_CHECK_LOCAL_BINDING), MQCHK_OPTIONAL);
	assert_int_equal(geti(&d, MQIA_CHECK_CLIENT_BINDING), MQCHK_REQUIRED_ADMIN);
	assert_int_equal(geti(&d, MQIA_ADOPT_CONTEXT), MQADPCTX_YES);
	assert_int_equal(geti(&d, MQIA_AUTHENTICATION_FAIL_DELAY), 1);
	assert_int_equal(geti(&d, MQIA_AUTHENTICATION_METHOD), MQAUTHENTICATE_OS);
	assert_int_equal(objdef_set_name(&d, "USE.PW", err, sizeof err), QM_OK);
	set_ok(&d, "CHCKLOCL", "REQUIRED");
	set_ok(&d, "CHCKCLNT", "NONE");
	set_ok(&d, "ADOPTCTX", "NO");
	set_ok(&d, "FAILDLAY", "60");
	set_ok(&d, "AUTHENMD", "PAM");
	set_ok(&d, "DESCR", "passwords through PAM");
	assert_int_equal(d.check_local, MQCHK_REQUIRED);
	assert_int_equal(d.check_client, MQCHK_NONE);
	assert_int_equal(d.authentication_method, MQAUTHENTICATE_PAM);
	objdef_stamp(&d, 1700000000, 0);
	round_trip(&d, &back);
	text_is(&back, "AUTHENMD", "PAM");
	text_is(&back, "CHCKLOCL", "REQUIRED");
	set_bad(&d, "FAILDLAY", "61", QM_EINVAL, "FAILDLAY(61) is out of range: FAILDLAY must be 0 to 60");
	set_bad(&d, "CHCKCLNT", "ASQMGR", QM_EINVAL,
		"CHCKCLNT(ASQMGR) is not valid: CHCKCLNT must be NONE, OPTIONAL, REQUIRED or REQDADM");
	/* only IDPWOS is served */
	set_bad(&d, "AUTHTYPE", "IDPWLDAP", QM_EINVAL, "AUTHTYPE(IDPWLDAP) is not valid: AUTHTYPE must be IDPWOS");
	set_bad(&d, "AUTHTYPE", "CRLLDAP", QM_EINVAL, NULL);
	assert_int_equal(objdef_set_int(&d, MQIA_AUTH_INFO_TYPE, MQAIT_OCSP, err, sizeof err), QM_EINVAL);
}

static void test_chl__qmgr_security(void **state)
{
	(void)state;
	struct objdef d, back;
	char err[300];
	assert_int_equal(objdef_qmgr_new(&d, "QM1", 1700000000, err, sizeof err), QM_OK);
	text_is(&d, "CONNAUTH", "");
	text_is(&d, "CHLAUTH", "ENABLED");
	text_is(&d, "AUTHOREV", "DISABLED");
	text_is(&d, "CHLEV", "DISABLED");
	text_is(&d, "SSLEV", "DISABLED");
	text_is(&d, "SSLKEYR", "");
	text_is(&d, "CERTLABL", "");
	set_ok(&d, "CONNAUTH", "SYSTEM.DEFAULT.AUTHINFO.IDPWOS");
	set_ok(&d, "CHLAUTH", "DISABLED");
	set_ok(&d, "AUTHOREV", "ENABLED");
	set_ok(&d, "CHLEV", "ENABLED");
	set_ok(&d, "SSLEV", "ENABLED");
	set_ok(&d, "SSLKEYR", "/var/quire/qmgrs/QM1/ssl/key");
	set_ok(&d, "CERTLABL", "qm1cert");
	assert_int_equal(geti(&d, MQIA_CHLAUTH_RECORDS), MQCHLA_DISABLED);
	assert_int_equal(geti(&d, MQIA_AUTHORITY_EVENT), MQEVR_ENABLED);
	char buf[MQ_SSL_KEY_REPOSITORY_LENGTH];
	assert_int_equal(objdef_get_chars(&d, MQCA_SSL_KEY_REPOSITORY, buf, sizeof buf), QM_OK);
	assert_memory_equal(buf, "/var/quire/qmgrs/QM1/ssl/key ", 29);
	assert_int_equal(objdef_get_chars(&d, MQCA_CONN_AUTH, buf, MQ_AUTH_INFO_NAME_LENGTH), QM_OK);
	assert_memory_equal(buf, "SYSTEM.DEFAULT.AUTHINFO.IDPWOS ", 31);
	round_trip(&d, &back);
	text_is(&back, "SSLKEYR", "/var/quire/qmgrs/QM1/ssl/key");
	text_is(&back, "CONNAUTH", "SYSTEM.DEFAULT.AUTHINFO.IDPWOS");
	text_is(&back, "CHLAUTH", "DISABLED");
	set_bad(&d, "CONNAUTH", "BAD NAME", QM_EINVAL, NULL);
	set_bad(&d, "CHLAUTH", "YES", QM_EINVAL, "CHLAUTH(YES) is not valid: CHLAUTH must be DISABLED or ENABLED");
	assert_null(objdef_attr_find(OBJDEF_QMGR, "SSLPEER"));
	assert_null(objdef_attr_find(OBJDEF_CHANNEL, "SSLKEYR"));
}

/* A queue manager encoded before these attributes existed decodes with their
 * defaults: build such an encoding by dropping their tags from today's. */
static void test_chl__older_qmgr_decodes(void **state)
{
	(void)state;
	static uint8_t buf[OBJDEF_ENC_MAX], old[OBJDEF_ENC_MAX];
	struct objdef d, back;
	char err[300];
	size_t len, olen = 12;
	uint32_t n = 0, count;
	assert_int_equal(objdef_qmgr_new(&d, "QM1", 1700000000, err, sizeof err), QM_OK);
	assert_int_equal(objdef_encode(&d, buf, sizeof buf, &len), QM_OK);
	count = get_u32(buf + 8);
	memcpy(old, buf, 12);
	for (size_t off = 12; off < len;) {
		uint32_t tag = get_u32(buf + off), l = get_u32(buf + off + 4);
		if (tag != MQIA_AUTHORITY_EVENT && tag != MQIA_CHANNEL_EVENT && tag != MQIA_SSL_EVENT &&
		    tag != MQIA_CHLAUTH_RECORDS && tag != MQCA_SSL_KEY_REPOSITORY && tag != MQCA_CERT_LABEL &&
		    tag != MQCA_CONN_AUTH) {
			memcpy(old + olen, buf + off, 8 + l);
			olen += 8 + l;
			n++;
		}
		off += 8 + l;
	}
	assert_int_equal(n, count - 7);
	put_u32(old + 8, n);
	assert_int_equal(objdef_decode(old, olen, &back, err, sizeof err), QM_OK);
	assert_true(objdef_equal(&d, &back));
	assert_int_equal(back.chlauth_records, MQCHLA_ENABLED);
}

/* Corrupt encodings of the new types are refused, never half read. */
static void test_chl__decode_rules(void **state)
{
	(void)state;
	static uint8_t buf[OBJDEF_ENC_MAX];
	struct objdef d, back;
	char err[300];
	size_t len;
	objdef_init_default(OBJDEF_CHANNEL, &d);
	assert_int_equal(objdef_encode(&d, buf, sizeof buf, &len), QM_OK);
	/* CHLTYPE 1 (MQCHT_SENDER): not served, so corrupt */
	size_t off = 12;
	while (off < len && get_u32(buf + off) != MQIACH_CHANNEL_TYPE)
		off += 8 + get_u32(buf + off + 4);
	assert_true(off < len);
	put_u32(buf + off + 8, MQCHT_SENDER);
	assert_int_equal(objdef_decode(buf, len, &back, err, sizeof err), QM_ECORRUPT);
	assert_non_null(strstr(err, "CHLTYPE value 1 is not valid"));
	put_u32(buf + off + 8, MQCHT_SVRCONN);
	assert_int_equal(objdef_decode(buf, len, &back, err, sizeof err), QM_OK);
	/* a channel whose name is 21 characters is corrupt */
	objdef_init_default(OBJDEF_CHANNEL, &d);
	memcpy(d.name, "ABCDEFGHIJKLMNOPQRSTU", 22);
	assert_int_equal(objdef_validate(&d, err, sizeof err), QM_EINVAL);
	assert_int_equal(objdef_encode(&d, buf, sizeof buf, &len), QM_EINVAL);
	/* a listener's encoding with a queue's tag is corrupt */
	objdef_init_default(OBJDEF_LISTENER, &d);
	assert_int_equal(objdef_encode(&d, buf, sizeof buf, &len), QM_OK);
	put_u32(buf + 12, MQIA_MAX_Q_DEPTH);
	assert_int_equal(objdef_decode(buf, len, &back, err, sizeof err), QM_ECORRUPT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chl__channel_defaults),
		cmocka_unit_test(test_chl__channel_set),
		cmocka_unit_test(test_chl__listener),
		cmocka_unit_test(test_chl__authinfo),
		cmocka_unit_test(test_chl__qmgr_security),
		cmocka_unit_test(test_chl__older_qmgr_decodes),
		cmocka_unit_test(test_chl__decode_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
