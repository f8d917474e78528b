/* test_objdef.c: definitions, defaults, inheritance, range checks, encoding. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "objects/objdef.h"
#include "objects/strintern.h"
#include "cmqc.h"
#include "log/qmerr.h"

static const int all_types[] = { OBJDEF_QMGR, OBJDEF_QLOCAL, OBJDEF_QALIAS, OBJDEF_QMODEL, OBJDEF_PROCESS,
				  OBJDEF_TOPIC, OBJDEF_CHANNEL, OBJDEF_LISTENER, OBJDEF_AUTHINFO };
#define N_TYPES (sizeof all_types / sizeof all_types[0])

/* A text attribute's value as the definition holds it: an inline field, or an
 * interned one's pointer (OBJDEF_ISTR). */
static const char *text_field(const struct objdef *d, const struct objdef_attr *a)
{
	if (a->kind == OBJDEF_ISTR)
		return *(const char *const *)(const void *)((const char *)d + a->off);
	return (const char *)d + a->off;
}

/* Fill a text attribute with max 'X's (an ISTR through objdef_set_str: its
 * field is a pointer). */
static void fill_text(struct objdef *d, const struct objdef_attr *a)
{
	static char xs[10241];
	if (a->kind == OBJDEF_ISTR) {
		memset(xs, 'X', (size_t)a->max);
		xs[a->max] = 0;
		assert_int_equal(objdef_set_str(d, a->id, xs, (size_t)-1, NULL, 0), QM_OK);
	} else {
		memset((char *)d + a->off, 'X', (size_t)a->max);
	}
}

static int32_t geti(const struct objdef *d, int32_t id)
{
	int32_t v = -12345;
	assert_int_equal(objdef_get_int(d, id, &v), QM_OK);
	return v;
}

static void text_is(const struct objdef *d, const char *kw, const char *want)
{
	char buf[128];
	assert_int_equal(objdef_get_text(d, kw, buf, sizeof buf), QM_OK);
	assert_string_equal(buf, want);
}

/* A local queue with every attribute away from its default. */
static void odd_local(struct objdef *d)
{
	char err[200];
	assert_int_equal(objdef_init_default(OBJDEF_QLOCAL, d), QM_OK);
	assert_int_equal(objdef_set_name(d, "APP.ORDERS/IN_1%", err, sizeof err), QM_OK);
	const char *kv[][2] = {
		{ "DESCR", "orders from the shop, 'quoted' and caf\xc3\xa9" }, { "PUT", "DISABLED" },
		{ "GET", "DISABLED" }, { "DEFPRTY", "7" }, { "DEFPSIST", "YES" }, { "MAXDEPTH", "123456" },
		{ "MAXMSGL", "104857600" }, { "MSGDLVSQ", "FIFO" }, { "INDXTYPE", "CORRELID" },
		{ "NOSHARE", NULL }, { "DEFSOPT", "EXCL" }, { "USAGE", "XMITQ" }, { "BOQNAME", "APP.BACKOUT" },
		{ "BOTHRESH", "3" }, { "HARDENBO", NULL }, { "IMGRCOVQ", "NO" },
	};
	for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++) {
		int rc = objdef_set(d, kv[i][0], kv[i][1], err, sizeof err);
		if (rc)
			fail_msg("set %s: %s", kv[i][0], err);
	}
	d->definition_type = MQQDT_PERMANENT_DYNAMIC;
	objdef_stamp(d, 1700000000, 1);
}

static void odd_qmgr(struct objdef *d)
{
	char err[200];
	assert_int_equal(objdef_qmgr_new(d, "QM.TEST_1", 1700000000, err, sizeof err), QM_OK);
	const char *kv[][2] = {
		{ "DESCR", "test queue manager" }, { "DEADQ", "DEV.DEAD.LETTER.QUEUE" },
		{ "DEFXMITQ", "XMIT.Q" }, { "MAXMSGL", "32768" }, { "MAXHANDS", "999999999" },
		{ "MAXUMSGS", "1" }, { "CCSID", "819" }, { "IMGSCHED", "AUTO" }, { "IMGINTVL", "OFF" },
		{ "IMGLOGLN", "512" }, { "IMGRCOVO", "NO" }, { "IMGRCOVQ", "NO" },
	};
	for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++) {
		int rc = objdef_set(d, kv[i][0], kv[i][1], err, sizeof err);
		if (rc)
			fail_msg("set %s: %s", kv[i][0], err);
	}
}

static void odd_alias(struct objdef *d)
{
	char err[200];
	assert_int_equal(objdef_init_default(OBJDEF_QALIAS, d), QM_OK);
	assert_int_equal(objdef_set_name(d, "ALIAS.1", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(d, "TARGET", "SOME.TOPIC", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(d, "TARGTYPE", "TOPIC", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(d, "DEFPRTY", "9", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(d, "PUT", "DISABLED", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(d, "DESCR", "an alias", err, sizeof err), QM_OK);
	objdef_stamp(d, 1700000000, 0);
}

static void odd_model(struct objdef *d)
{
	char err[200];
	assert_int_equal(objdef_init_default(OBJDEF_QMODEL, d), QM_OK);
	assert_int_equal(objdef_set_name(d, "MODEL.1", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(d, "DEFTYPE", "PERMDYN", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(d, "MAXDEPTH", "0", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(d, "DEFPSIST", "YES", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(d, "INDXTYPE", "MSGID", err, sizeof err), QM_OK);
}

static void test_objdef__defaults_local(void **state)
{
	(void)state;
	struct objdef d;
	assert_int_equal(objdef_init_default(OBJDEF_QLOCAL, &d), QM_OK);
	assert_string_equal(d.name, "SYSTEM.DEFAULT.LOCAL.QUEUE");
	assert_int_equal(d.max_q_depth, 5000);
	assert_int_equal(d.max_msg_length, 4194304);
	assert_int_equal(d.def_priority, 0);
	assert_int_equal(d.def_persistence, MQPER_NOT_PERSISTENT);
	assert_int_equal(d.inhibit_put, MQQA_PUT_ALLOWED);
	assert_int_equal(d.inhibit_get, MQQA_GET_ALLOWED);
	assert_int_equal(d.msg_delivery_sequence, MQMDS_PRIORITY);
	assert_int_equal(d.index_type, 0);    /* MQIT_NONE */
	assert_int_equal(d.shareability, MQQA_SHAREABLE);
	assert_int_equal(d.def_input_open_option, MQOO_INPUT_SHARED);
	assert_int_equal(d.usage, MQUS_NORMAL);
	assert_int_equal(d.backout_threshold, 0);
	assert_int_equal(d.definition_type, MQQDT_PREDEFINED);
	assert_int_equal(d.image_recover_q, MQIMGRCOV_AS_Q_MGR);
	assert_string_equal(d.descr, "");
	assert_string_equal(d.backout_req_q_name, "");
	/* the MQSC view */
	text_is(&d, "PUT", "ENABLED");
	text_is(&d, "GET", "ENABLED");
	text_is(&d, "DEFPSIST", "NO");
	text_is(&d, "MAXDEPTH", "5000");
	text_is(&d, "MAXMSGL", "4194304");
	text_is(&d, "MSGDLVSQ", "PRIORITY");
	text_is(&d, "INDXTYPE", "NONE");
	text_is(&d, "SHARE", "SHARE");
	text_is(&d, "NOSHARE", "SHARE");
	text_is(&d, "DEFSOPT", "SHARED");
	text_is(&d, "USAGE", "NORMAL");
	text_is(&d, "DEFTYPE", "PREDEFINED");
	text_is(&d, "HARDENBO", "NOHARDENBO");
	text_is(&d, "IMGRCOVQ", "QMGR");
	text_is(&d, "QUEUE", "SYSTEM.DEFAULT.LOCAL.QUEUE");
	/* and the MQINQ view */
	assert_int_equal(geti(&d, MQIA_MAX_Q_DEPTH), 5000);
	assert_int_equal(geti(&d, MQIA_DEF_INPUT_OPEN_OPTION), MQOO_INPUT_SHARED);
	assert_int_equal(objdef_qtype(d.type), MQQT_LOCAL);
	assert_int_equal(objdef_validate(&d, NULL, 0), QM_OK);
	/* not attributes of a local queue */
	assert_null(objdef_attr_find(OBJDEF_QLOCAL, "TARGET"));
	assert_null(objdef_attr_find(OBJDEF_QLOCAL, "CURDEPTH"));
	assert_null(objdef_attr_find(OBJDEF_QLOCAL, "MAXHANDS"));
	assert_null(objdef_attr_find(OBJDEF_QLOCAL, "IDENTITY"));
}

static void test_objdef__defaults_alias_model(void **state)
{
	(void)state;
	struct objdef d;
	assert_int_equal(objdef_init_default(OBJDEF_QALIAS, &d), QM_OK);
	assert_string_equal(d.name, "SYSTEM.DEFAULT.ALIAS.QUEUE");
	text_is(&d, "TARGET", "");
	text_is(&d, "TARGTYPE", "QUEUE");
	text_is(&d, "PUT", "ENABLED");
	text_is(&d, "DEFPSIST", "NO");
	text_is(&d, "DEFPRTY", "0");
	assert_null(objdef_attr_find(OBJDEF_QALIAS, "MAXDEPTH"));
	assert_null(objdef_attr_find(OBJDEF_QALIAS, "CRDATE"));
	assert_null(objdef_attr_find(OBJDEF_QALIAS, "SHARE"));

	assert_int_equal(objdef_init_default(OBJDEF_QMODEL, &d), QM_OK);
	assert_string_equal(d.name, "SYSTEM.DEFAULT.MODEL.QUEUE");
	text_is(&d, "DEFTYPE", "TEMPDYN");
	text_is(&d, "MAXDEPTH", "5000");
	assert_null(objdef_attr_find(OBJDEF_QMODEL, "CRDATE"));
	assert_non_null(objdef_attr_find(OBJDEF_QMODEL, "ALTDATE"));
	assert_int_equal(objdef_validate(&d, NULL, 0), QM_OK);
}

static void test_objdef__defaults_qmgr(void **state)
{
	(void)state;
	struct objdef d;
	char err[200];
	assert_int_equal(objdef_init_default(OBJDEF_QMGR, &d), QM_OK);
	assert_string_equal(d.name, "");
	assert_int_equal(d.max_handles, 256);
	assert_int_equal(d.max_uncommitted_msgs, 10000);
	assert_int_equal(d.ccsid, 1208);
	assert_int_equal(d.max_msg_length, 4194304);
	assert_int_equal(d.max_priority, 9);
	assert_int_equal(d.command_level, MQCMDL_CURRENT_LEVEL);
	assert_int_equal(d.platform, MQPL_UNIX);
	assert_int_equal(d.image_schedule, MQMEDIMGSCHED_MANUAL);
	assert_int_equal(d.image_interval, 60);
	assert_int_equal(d.image_log_length, MQMEDIMGLOGLN_OFF);
	assert_int_equal(d.image_recover_obj, MQIMGRCOV_YES);
	assert_int_equal(d.image_recover_q, MQIMGRCOV_YES);
	assert_string_equal(d.command_input_q_name, "SYSTEM.ADMIN.COMMAND.QUEUE");
	text_is(&d, "IMGSCHED", "MANUAL");
	text_is(&d, "IMGINTVL", "60");
	text_is(&d, "IMGLOGLN", "OFF");
	text_is(&d, "IMGRCOVO", "YES");
	text_is(&d, "IMGRCOVQ", "YES");
	text_is(&d, "PLATFORM", "UNIX");
	text_is(&d, "MAXPRTY", "9");
	text_is(&d, "DEADQ", "");
	/* the queue manager's IMGRCOVQ has no QMGR value */
	assert_int_equal(objdef_set(&d, "IMGRCOVQ", "QMGR", err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "IMGRCOVQ(QMGR) is not valid: IMGRCOVQ must be NO or YES");
	/* no name yet: not valid */
	assert_int_equal(objdef_validate(&d, NULL, 0), QM_EINVAL);
}

static void test_objdef__qmgr_new(void **state)
{
	(void)state;
	struct objdef a, b;
	char err[200];
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(objdef_qmgr_new(&a, "QM1", 1700000000, err, sizeof err), QM_OK);
	assert_int_equal(objdef_qmgr_new(&b, "QM1", 1700000000, err, sizeof err), QM_OK);
	static const uint8_t zero[OBJDEF_IDENTITY_LEN];
	assert_memory_not_equal(a.identity, zero, OBJDEF_IDENTITY_LEN);
	assert_memory_not_equal(a.identity, b.identity, OBJDEF_IDENTITY_LEN);
	assert_string_equal(a.name, "QM1");
	assert_string_equal(a.crdate, "2023-11-14");
	assert_string_equal(a.crtime, "22.13.20");
	assert_string_equal(a.altdate, "2023-11-14");
	assert_string_equal(a.qmid, "QM1_2023-11-14_22.13.20");
	assert_int_equal(objdef_validate(&a, err, sizeof err), QM_OK);
	char hex[40];
	assert_int_equal(objdef_attr_text(&a, objdef_attr_by_id(OBJDEF_QMGR, OBJDEF_ID_QM_IDENTITY), hex,
					  sizeof hex), QM_OK);
	assert_int_equal(strlen(hex), 32);
	assert_int_equal(objdef_attr_text(&a, objdef_attr_by_id(OBJDEF_QMGR, OBJDEF_ID_QM_IDENTITY), hex,
					  32), QM_ETOOBIG);
	/* a 48-character name: QMID keeps 28 of it */
	char name[49];
	memset(name, 'Q', 48);
	name[48] = 0;
	assert_int_equal(objdef_qmgr_new(&a, name, 1700000000, err, sizeof err), QM_OK);
	assert_int_equal(strlen(a.qmid), 48);
	assert_string_equal(a.qmid + 28, "_2023-11-14_22.13.20");
	assert_int_equal(objdef_qmgr_new(&a, "bad name", 0, err, sizeof err), QM_EINVAL);
}

static void test_objdef__stamp(void **state)
{
	(void)state;
	struct objdef d;
	setenv("TZ", "UTC", 1);
	tzset();
	objdef_init_default(OBJDEF_QLOCAL, &d);
	objdef_stamp(&d, 0, 1);
	assert_string_equal(d.crdate, "1970-01-01");
	assert_string_equal(d.crtime, "00.00.00");
	objdef_stamp(&d, 86399 + 86400, 0);
	assert_string_equal(d.crdate, "1970-01-01");
	assert_string_equal(d.altdate, "1970-01-02");
	assert_string_equal(d.alttime, "23.59.59");
	/* alias queues have no creation date */
	objdef_init_default(OBJDEF_QALIAS, &d);
	objdef_stamp(&d, 0, 1);
	assert_string_equal(d.crdate, "");
	assert_string_equal(d.altdate, "1970-01-01");
}

static void test_objdef__inherit(void **state)
{
	(void)state;
	struct objdef tmpl, d;
	char err[200];
	/* DEFINE QLOCAL after someone altered SYSTEM.DEFAULT.LOCAL.QUEUE */
	objdef_init_default(OBJDEF_QLOCAL, &tmpl);
	assert_int_equal(objdef_set(&tmpl, "MAXDEPTH", "77", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(&tmpl, "DESCR", "site default", err, sizeof err), QM_OK);
	objdef_stamp(&tmpl, 1000, 1);
	assert_int_equal(objdef_inherit(&d, &tmpl, OBJDEF_QLOCAL, err, sizeof err), QM_OK);
	assert_int_equal(d.type, OBJDEF_QLOCAL);
	assert_string_equal(d.name, "");
	assert_int_equal(d.max_q_depth, 77);
	assert_string_equal(d.descr, "site default");
	assert_string_equal(d.crdate, "");
	assert_string_equal(d.altdate, "");
	assert_int_equal(objdef_set_name(&d, "DEV.QUEUE.1", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(&d, "MAXDEPTH", "10", err, sizeof err), QM_OK);
	assert_int_equal(d.max_q_depth, 10);
	assert_int_equal(tmpl.max_q_depth, 77);

	/* no template: the built-in defaults */
	assert_int_equal(objdef_inherit(&d, NULL, OBJDEF_QMODEL, err, sizeof err), QM_OK);
	assert_int_equal(d.definition_type, MQQDT_TEMPORARY_DYNAMIC);
	assert_string_equal(d.name, "");

	/* in place */
	d = tmpl;
	assert_int_equal(objdef_inherit(&d, &d, OBJDEF_QLOCAL, err, sizeof err), QM_OK);
	assert_int_equal(d.max_q_depth, 77);
	assert_string_equal(d.name, "");
	assert_int_equal(objdef_inherit(&d, NULL, 99, err, sizeof err), QM_EINVAL);
}

static void test_objdef__like(void **state)
{
	(void)state;
	struct objdef src, d, alias, model;
	char err[200];
	odd_local(&src);   /* a permanent dynamic queue, every attribute changed */
	assert_int_equal(objdef_inherit(&d, &src, OBJDEF_QLOCAL, err, sizeof err), QM_OK);
	objdef_set_name(&d, "COPY", err, sizeof err);
	/* everything but the name, dates and definition type is copied */
	for (size_t i = 0; i < objdef_attr_count(); i++) {
		const struct objdef_attr *a = objdef_attr_at(i);
		char x[128], y[128];
		if (!objdef_attr_has(a, OBJDEF_QLOCAL))
			continue;
		assert_int_equal(objdef_attr_text(&src, a, x, sizeof x), QM_OK);
		assert_int_equal(objdef_attr_text(&d, a, y, sizeof y), QM_OK);
		if (a->flags & (OBJDEF_F_KEY | OBJDEF_F_STAMP))
			assert_string_not_equal(x, y);
		else if (a->id == MQIA_DEFINITION_TYPE)
			assert_string_equal(y, "PREDEFINED");
		else
			assert_string_equal(x, y);
	}
	/* LIKE an object of another type */
	odd_alias(&alias);
	assert_int_equal(objdef_inherit(&d, &alias, OBJDEF_QLOCAL, err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "ALIAS.1 is a qalias, not a qlocal");
	assert_int_equal(objdef_inherit(&d, &src, OBJDEF_QMODEL, err, sizeof err), QM_EINVAL);
	assert_int_equal(objdef_inherit(&d, &src, OBJDEF_QALIAS, err, sizeof err), QM_EINVAL);
	/* a dynamic queue from a model */
	odd_model(&model);
	assert_int_equal(objdef_inherit(&d, &model, OBJDEF_QLOCAL, err, sizeof err), QM_OK);
	assert_int_equal(d.definition_type, MQQDT_PERMANENT_DYNAMIC);
	assert_int_equal(d.max_q_depth, 0);
	assert_int_equal(d.def_persistence, MQPER_PERSISTENT);
	assert_int_equal(d.index_type, 1);    /* MQIT_MSG_ID */
	/* a local queue is never a model's template */
	assert_int_equal(objdef_inherit(&d, &src, OBJDEF_QMODEL, err, sizeof err), QM_EINVAL);
}

/* Every settable integer attribute of every type at min-1, min, max, max+1, by
 * id and by MQSC text; every enum value and one bad value. */
static void test_objdef__ranges(void **state)
{
	(void)state;
	char err[300], val[32], want[300];
	int checked = 0;
	for (size_t t = 0; t < N_TYPES; t++) {
		int type = all_types[t];
		for (size_t i = 0; i < objdef_attr_count(); i++) {
			const struct objdef_attr *a = objdef_attr_at(i);
			struct objdef d;
			if (!objdef_attr_has(a, type) || (a->flags & OBJDEF_F_RO))
				continue;
			objdef_init_default(type, &d);
			if (type == OBJDEF_QMGR)
				strcpy(d.name, "QM");
			if (a->kind == OBJDEF_INT) {
				int64_t probe[4] = { (int64_t)a->min - 1, a->min, a->max, (int64_t)a->max + 1 };
				for (int k = 0; k < 4; k++) {
					int ok = k == 1 || k == 2;
					int rc = objdef_set_int(&d, a->id, (int32_t)probe[k], err, sizeof err);
					assert_int_equal(rc, ok ? QM_OK : QM_EINVAL);
					if (ok) {
						assert_int_equal(geti(&d, a->id), probe[k]);
					} else {
						assert_non_null(strstr(err, a->kw));
						assert_non_null(strstr(err, "out of range"));
						snprintf(want, sizeof want, "%d", (int)a->max);
						assert_non_null(strstr(err, want));
					}
					snprintf(val, sizeof val, "%lld", (long long)probe[k]);
					rc = objdef_set(&d, a->kw, val, err, sizeof err);
					assert_int_equal(rc, ok ? QM_OK : QM_EINVAL);
					if (!ok) {
						snprintf(want, sizeof want, "%s(%s) is out of range: %s must be ", a->kw,
							 val, a->kw);
						assert_memory_equal(err, want, strlen(want));
					}
					checked++;
				}
				assert_int_equal(objdef_set(&d, a->kw, "12x", err, sizeof err), QM_EINVAL);
				assert_non_null(strstr(err, "is not a number"));
				assert_int_equal(objdef_set(&d, a->kw, "", err, sizeof err), QM_EINVAL);
				assert_int_equal(objdef_set(&d, a->kw, "99999999999999999999", err, sizeof err),
						 QM_EINVAL);
			} else if (a->kind == OBJDEF_ENUM) {
				for (const struct objdef_enum *e = a->vals; e->kw; e++) {
					if (a->kw_off) {
						assert_int_equal(objdef_set(&d, e->kw, NULL, err, sizeof err), QM_OK);
					} else {
						assert_int_equal(objdef_set(&d, a->kw, e->kw, err, sizeof err), QM_OK);
					}
					assert_int_equal(geti(&d, a->id), e->val);
					char back[64];
					assert_int_equal(objdef_attr_text(&d, a, back, sizeof back), QM_OK);
					const struct objdef_enum *shown = a->vals;   /* (DEF is shown as UNIX) */
					while (shown->val != e->val)
						shown++;
					assert_string_equal(back, shown->kw);
					assert_int_equal(objdef_set_int(&d, a->id, e->val, err, sizeof err), QM_OK);
					checked++;
				}
				/* (an enum that takes numbers too: one outside its range) */
				int32_t bad = (a->flags & OBJDEF_F_ENUMINT) ? a->max + 1 : 12345;
				assert_int_equal(objdef_set_int(&d, a->id, bad, err, sizeof err), QM_EINVAL);
				assert_non_null(strstr(err, a->kw));
				if (!a->kw_off) {
					assert_int_equal(objdef_set(&d, a->kw, "BOGUS", err, sizeof err), QM_EINVAL);
					snprintf(want, sizeof want, "%s(BOGUS) is not valid: %s must be ", a->kw, a->kw);
					assert_memory_equal(err, want, strlen(want));
					assert_int_equal(objdef_set(&d, a->kw, NULL, err, sizeof err), QM_EINVAL);
				} else {
					assert_int_equal(objdef_set(&d, a->kw, "YES", err, sizeof err), QM_EINVAL);
				}
			}
		}
	}
	assert_true(checked > 60);
	/* read-only integers are checked too, when a definition is validated */
	for (size_t t = 0; t < N_TYPES; t++) {
		int type = all_types[t];
		for (size_t i = 0; i < objdef_attr_count(); i++) {
			const struct objdef_attr *a = objdef_attr_at(i);
			struct objdef d;
			if (!objdef_attr_has(a, type) || !(a->flags & OBJDEF_F_RO) || a->kind != OBJDEF_INT ||
			    (a->flags & OBJDEF_F_CONST))
				continue;   /* (a constant has no field to probe) */
			objdef_init_default(type, &d);
			strcpy(d.name, "X");
			int32_t *f = (int32_t *)(void *)((char *)&d + a->off);
			int64_t probe[4] = { (int64_t)a->min - 1, a->min, a->max, (int64_t)a->max + 1 };
			for (int k = 0; k < 4; k++) {
				*f = (int32_t)probe[k];
				assert_int_equal(objdef_validate(&d, err, sizeof err), k == 1 || k == 2 ? QM_OK : QM_EINVAL);
				if (k == 0 || k == 3)
					assert_non_null(strstr(err, a->kw));
			}
			checked++;
		}
	}
	assert_true(checked > 62);
}

static void test_objdef__messages(void **state)
{
	(void)state;
	struct objdef d;
	char err[300];
	objdef_init_default(OBJDEF_QLOCAL, &d);
	assert_int_equal(objdef_set(&d, "MAXDEPTH", "1000000000", err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "MAXDEPTH(1000000000) is out of range: MAXDEPTH must be 0 to 999999999");
	assert_int_equal(objdef_set(&d, "DEFPRTY", "10", err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "DEFPRTY(10) is out of range: DEFPRTY must be 0 to 9");
	assert_int_equal(objdef_set_int(&d, MQIA_MAX_MSG_LENGTH, 104857601, err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "MAXMSGL(104857601) is out of range: MAXMSGL must be 0 to 104857600");
	assert_int_equal(objdef_set(&d, "INDXTYPE", "KEY", err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "INDXTYPE(KEY) is not valid: INDXTYPE must be NONE, MSGID, CORRELID, "
				 "MSGTOKEN or GROUPID");
	assert_int_equal(objdef_set(&d, "TARGET", "X", err, sizeof err), QM_ENOTFOUND);
	assert_string_equal(err, "TARGET is not an attribute of a qlocal");
	assert_int_equal(objdef_set(&d, "CRDATE", "2020-01-01", err, sizeof err), QM_EPERM);
	assert_string_equal(err, "CRDATE cannot be set: the queue manager maintains it");
	assert_int_equal(objdef_set(&d, "DEFTYPE", "PERMDYN", err, sizeof err), QM_EPERM);
	assert_int_equal(objdef_set(&d, "QUEUE", "X", err, sizeof err), QM_EPERM);
	assert_int_equal(objdef_set_int(&d, MQIA_DEFINITION_TYPE, 2, err, sizeof err), QM_EPERM);
	assert_int_equal(objdef_set_int(&d, MQIA_MAX_HANDLES, 2, err, sizeof err), QM_ENOTFOUND);
	assert_int_equal(objdef_set_int(&d, MQCA_Q_DESC, 2, err, sizeof err), QM_ENOTFOUND);
	assert_int_equal(objdef_set(&d, "SHARE", "YES", err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "SHARE takes no value");

	struct objdef q;
	objdef_init_default(OBJDEF_QMGR, &q);
	assert_int_equal(objdef_set(&q, "MAXMSGL", "32767", err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "MAXMSGL(32767) is out of range: MAXMSGL must be 32768 to 104857600");
	assert_int_equal(objdef_set(&q, "IMGINTVL", "-1", err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "IMGINTVL(-1) is out of range: IMGINTVL must be OFF or 1 to 999999999");
	assert_int_equal(objdef_set(&q, "imgintvl", "off", err, sizeof err), QM_OK);
	assert_int_equal(q.image_interval, 0);
	assert_int_equal(objdef_set(&q, "IMGINTVL", "1", err, sizeof err), QM_OK);
	assert_int_equal(q.image_interval, 1);
	assert_int_equal(objdef_set(&q, "MAXPRTY", "9", err, sizeof err), QM_EPERM);
	assert_int_equal(objdef_set(&q, "CMDLEVEL", "900", err, sizeof err), QM_EPERM);
	assert_int_equal(objdef_set(&q, "QMID", "x", err, sizeof err), QM_EPERM);
	assert_int_equal(objdef_set(&q, "IDENTITY", "x", err, sizeof err), QM_ENOTFOUND);
	assert_int_equal(objdef_set(&q, "NOSUCH", "1", err, sizeof err), QM_ENOTFOUND);
	assert_string_equal(err, "NOSUCH is not an attribute of a qmgr");
}

static void test_objdef__strings(void **state)
{
	(void)state;
	struct objdef d;
	char err[300], buf[80];
	char s65[66];
	objdef_init_default(OBJDEF_QLOCAL, &d);
	memset(s65, 'd', 65);
	s65[65] = 0;
	assert_int_equal(objdef_set(&d, "DESCR", s65, err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "DESCR is 65 characters long; at most 64 are allowed");
	s65[64] = 0;
	assert_int_equal(objdef_set(&d, "DESCR", s65, err, sizeof err), QM_OK);
	assert_string_equal(d.descr, s65);
	/* trailing blanks are padding; leading ones are kept */
	assert_int_equal(objdef_set(&d, "DESCR", "  two words   ", err, sizeof err), QM_OK);
	assert_string_equal(d.descr, "  two words");
	assert_int_equal(objdef_set(&d, "DESCR", "tab\there", err, sizeof err), QM_EINVAL);
	assert_non_null(strstr(err, "\\x09"));
	assert_int_equal(objdef_set(&d, "DESCR", "", err, sizeof err), QM_OK);
	assert_string_equal(d.descr, "");
	/* name-valued attributes must hold names */
	assert_int_equal(objdef_set(&d, "BOQNAME", "NOT A NAME", err, sizeof err), QM_EINVAL);
	assert_non_null(strstr(err, "BOQNAME: name 'NOT A NAME' contains ' '"));
	assert_int_equal(objdef_set(&d, "BOQNAME", "BACK.OUT", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(&d, "BOQNAME", " ", err, sizeof err), QM_OK);
	assert_string_equal(d.backout_req_q_name, "");
	/* MQINQ form: blank padded to the full MQ length */
	assert_int_equal(objdef_set(&d, "BOQNAME", "BACK.OUT", err, sizeof err), QM_OK);
	memset(buf, '#', sizeof buf);
	assert_int_equal(objdef_get_chars(&d, MQCA_BACKOUT_REQ_Q_NAME, buf, sizeof buf), QM_OK);
	assert_memory_equal(buf, "BACK.OUT                                        #", 49);
	assert_int_equal(objdef_get_chars(&d, MQCA_BACKOUT_REQ_Q_NAME, buf, 47), QM_ETOOBIG);
	assert_int_equal(objdef_get_chars(&d, MQCA_Q_MGR_NAME, buf, sizeof buf), QM_ENOTFOUND);
	assert_int_equal(objdef_get_chars(&d, MQIA_MAX_Q_DEPTH, buf, sizeof buf), QM_ENOTFOUND);
	/* MQSET-style fixed fields */
	char field[64];
	memset(field, ' ', sizeof field);
	memcpy(field, "fixed", 5);
	assert_int_equal(objdef_set_str(&d, MQCA_Q_DESC, field, sizeof field, err, sizeof err), QM_OK);
	assert_string_equal(d.descr, "fixed");
	assert_int_equal(objdef_set_str(&d, MQCA_Q_DESC, "c string", (size_t)-1, err, sizeof err), QM_OK);
	assert_string_equal(d.descr, "c string");
	assert_int_equal(objdef_set_str(&d, MQCA_CREATION_DATE, "x", 1, err, sizeof err), QM_EPERM);
	assert_int_equal(objdef_set_str(&d, MQIA_USAGE, "x", 1, err, sizeof err), QM_ENOTFOUND);
	int32_t v;
	assert_int_equal(objdef_get_int(&d, MQCA_Q_DESC, &v), QM_ENOTFOUND);
	/* the name */
	assert_int_equal(objdef_set_name(&d, "", err, sizeof err), QM_EINVAL);
	assert_int_equal(objdef_set_name(&d, "A.B", err, sizeof err), QM_OK);
	assert_int_equal(objdef_get_chars(&d, MQCA_Q_NAME, buf, sizeof buf), QM_OK);
	assert_memory_equal(buf, "A.B ", 4);
}

/* issue 7.1: no string attribute takes a longer value by cutting it: every
 * settable one refuses one character more than its MQ length, naming the
 * attribute and the limit, by keyword (MQSC) and by id (MQSET) */
static void test_objdef__string_limits(void **state)
{
	(void)state;
	static char big[20001];   /* more than the longest string (TOPICSTR's 10240) */
	char err[300], want[160], seen[1000] = "";
	memset(big, 'Q', sizeof big - 1);
	for (size_t t = 0; t < sizeof all_types / sizeof all_types[0]; t++) {
		for (size_t i = 0; i < objdef_attr_count(); i++) {
			const struct objdef_attr *a = objdef_attr_at(i);
			if (!objdef_attr_has(a, all_types[t]) || !objdef_kind_is_text(a->kind) ||
			    (a->flags & (OBJDEF_F_RO | OBJDEF_F_HIDDEN)))
				continue;
			struct objdef d, before;
			objdef_init_default(all_types[t], &d);
			size_t max = (size_t)a->max;
			/* at the limit: all of it kept */
			big[max] = 0;
			assert_int_equal(objdef_set(&d, a->kw, big, err, sizeof err), QM_OK);
			assert_int_equal(strlen(text_field(&d, a)), max);
			big[max] = 'Q';
			before = d;
			/* one more, and far more: refused, nothing changed */
			size_t lens[] = { max + 1, sizeof big - 1 };
			for (int k = 0; k < 2; k++) {
				big[lens[k]] = 0;
				assert_int_equal(objdef_set(&d, a->kw, big, err, sizeof err), QM_EINVAL);
				snprintf(want, sizeof want, "%s is %zu characters long; at most %zu are allowed", a->kw,
					 lens[k], max);
				assert_string_equal(err, want);
				assert_int_equal(objdef_set_str(&d, a->id, big, lens[k], err, sizeof err), QM_EINVAL);
				assert_string_equal(err, want);
				assert_int_equal(objdef_set_str(&d, a->id, big, (size_t)-1, err, sizeof err), QM_EINVAL);
				assert_string_equal(err, want);
				big[lens[k]] = 'Q';
				assert_true(objdef_equal(&d, &before));
			}
			char one[80];
			snprintf(one, sizeof one, " %s/%s:%zu", objdef_type_name(all_types[t]), a->kw, max);
			strncat(seen, one, sizeof seen - strlen(seen) - 1);
		}
	}
	assert_string_equal(seen, " qmgr/DEADQ:48 qmgr/DESCR:64 qmgr/DEFXMITQ:48 qmgr/SSLKEYR:256 qmgr/CERTLABL:64"
			    " qmgr/CONNAUTH:48"
			    " qlocal/INITQ:48 qlocal/PROCESS:48 qlocal/DESCR:64 qlocal/BOQNAME:48 qlocal/TRIGDATA:64"
			    " qalias/TARGET:48 qalias/DESCR:64"
			    " qmodel/INITQ:48 qmodel/PROCESS:48 qmodel/DESCR:64 qmodel/BOQNAME:48 qmodel/TRIGDATA:64"
			    " process/APPLICID:256 process/ENVRDATA:128 process/DESCR:64 process/USERDATA:128"
			    " topic/DESCR:64 topic/TOPICSTR:10240 topic/MDURMDL:48 topic/MNDURMDL:48"
			    " channel/CERTLABL:64 channel/DESCR:64 channel/MCAUSER:12 channel/SSLCIPH:32 channel/SSLPEER:1024"
			    " listener/IPADDR:48 listener/DESCR:64 authinfo/DESCR:64");

	/* a long value is quoted cut short in a message */
	struct objdef d;
	objdef_init_default(OBJDEF_QLOCAL, &d);
	big[5000] = 0;
	assert_int_equal(objdef_set(&d, "USAGE", big, err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "USAGE(QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ...) is not valid: USAGE must be "
				 "NORMAL or XMITQ");
	assert_int_equal(objdef_set(&d, "MAXDEPTH", big, err, sizeof err), QM_EINVAL);
	assert_non_null(strstr(err, "QQQ...) is not a number: MAXDEPTH must be 0 to 999999999"));
	big[5000] = 'Q';
}

static void test_objdef__table(void **state)
{
	(void)state;
	/* per type, ids strictly ascend (the encoding's order) and keywords are unique */
	for (size_t t = 0; t < N_TYPES; t++) {
		int type = all_types[t];
		int32_t last = -1;
		for (size_t i = 0; i < objdef_attr_count(); i++) {
			const struct objdef_attr *a = objdef_attr_at(i);
			if (!objdef_attr_has(a, type))
				continue;
			assert_true(a->id > last);
			last = a->id;
			assert_ptr_equal(objdef_attr_by_id(type, a->id), a);
			if (a->flags & OBJDEF_F_HIDDEN)
				assert_null(objdef_attr_find(type, a->kw));
			else
				assert_ptr_equal(objdef_attr_find(type, a->kw), a);
			if (a->kw_off)
				assert_ptr_equal(objdef_attr_find(type, a->kw_off), a);
			if (a->kind == OBJDEF_ENUM)
				assert_non_null(a->vals);
		}
	}
	assert_null(objdef_attr_at(objdef_attr_count()));
	assert_string_equal(objdef_type_name(OBJDEF_QLOCAL), "qlocal");
	assert_int_equal(objdef_type_from_name("QLOCAL"), OBJDEF_QLOCAL);
	assert_int_equal(objdef_type_from_name("qa"), OBJDEF_QALIAS);
	assert_int_equal(objdef_type_from_name("channel"), OBJDEF_CHANNEL);
	assert_int_equal(objdef_type_from_name("CHL"), OBJDEF_CHANNEL);
	assert_int_equal(objdef_type_from_name("lstr"), OBJDEF_LISTENER);
	assert_int_equal(objdef_type_from_name("AUTHINFO"), OBJDEF_AUTHINFO);
	assert_int_equal(objdef_type_from_name("namelist"), 0);
	assert_int_equal(objdef_type_mqot(OBJDEF_QMODEL), MQOT_MODEL_Q);
	assert_int_equal(objdef_type_from_mqot(MQOT_LOCAL_Q), OBJDEF_QLOCAL);
	assert_int_equal(objdef_type_from_mqot(MQOT_Q_MGR), OBJDEF_QMGR);
	assert_int_equal(objdef_type_from_mqot(MQOT_CHANNEL), OBJDEF_CHANNEL);
	assert_int_equal(objdef_type_from_mqot(MQOT_LISTENER), OBJDEF_LISTENER);
	assert_int_equal(objdef_type_from_mqot(MQOT_AUTH_INFO), OBJDEF_AUTHINFO);
	assert_int_equal(objdef_type_from_mqot(MQOT_NAMELIST), 0);
	/* one namespace each: a channel, a listener and an authinfo may share a queue's name */
	assert_int_equal(objdef_namespace(OBJDEF_CHANNEL), 4);
	assert_int_equal(objdef_namespace(OBJDEF_LISTENER), 5);
	assert_int_equal(objdef_namespace(OBJDEF_AUTHINFO), 6);
	assert_null(objdef_type_name(0));
}

static void test_objdef__system_objects(void **state)
{
	(void)state;
	size_t n, i, j;
	const struct objdef_sysobj *so = objdef_system_objects(&n);
	const char *must[] = { "SYSTEM.DEFAULT.LOCAL.QUEUE", "SYSTEM.DEFAULT.MODEL.QUEUE",
			       "SYSTEM.DEFAULT.ALIAS.QUEUE", "SYSTEM.DEAD.LETTER.QUEUE",
			       "SYSTEM.ADMIN.COMMAND.QUEUE", "SYSTEM.ADMIN.LOGGER.EVENT",
			       "SYSTEM.ADMIN.QMGR.EVENT", "SYSTEM.ADMIN.PERFM.EVENT", "SYSTEM.MQSC.REPLY.QUEUE",
			       "SYSTEM.DEFAULT.INITIATION.QUEUE", NULL };
	assert_true(n >= 10);
	assert_string_equal(so[0].name, "SYSTEM.DEFAULT.LOCAL.QUEUE");
	for (i = 0; must[i]; i++) {
		for (j = 0; j < n && strcmp(so[j].name, must[i]) != 0; j++)
			;
		if (j == n)
			fail_msg("%s is missing", must[i]);
	}
	for (i = 0; i < n; i++) {
		struct objdef d;
		char err[200];
		int rc = objdef_system_build(&so[i], &d, err, sizeof err);
		if (rc)
			fail_msg("%s: %s", so[i].name, err);
		assert_string_equal(d.name, so[i].name);
		assert_int_equal(d.type, so[i].type);
		assert_int_equal(objdef_validate(&d, err, sizeof err), QM_OK);
		for (j = 0; j < i; j++)
			assert_string_not_equal(so[j].name, so[i].name);
		if (strcmp(so[i].name, "SYSTEM.MQSC.REPLY.QUEUE") == 0) {
			assert_int_equal(d.type, OBJDEF_QMODEL);
			assert_int_equal(d.definition_type, MQQDT_TEMPORARY_DYNAMIC);
		}
		if (strcmp(so[i].name, "SYSTEM.CLUSTER.TRANSMIT.QUEUE") == 0)
			assert_int_equal(d.usage, MQUS_TRANSMISSION);
		if (strcmp(so[i].name, "SYSTEM.AUTH.DATA.QUEUE") == 0)
			assert_int_equal(d.shareability, MQQA_NOT_SHAREABLE);
		/* the templates are exactly the built-in defaults, apart from DESCR */
		if (strncmp(so[i].name, "SYSTEM.DEFAULT.", 15) == 0 && i < 3) {
			struct objdef b;
			objdef_init_default(so[i].type, &b);
			memcpy(b.descr, d.descr, sizeof b.descr);
			assert_true(objdef_equal(&b, &d));
		}
	}
}

static void round_trip(const struct objdef *d)
{
	uint8_t buf[OBJDEF_ENC_MAX], again[OBJDEF_ENC_MAX];
	size_t len, len2;
	struct objdef out;
	char err[300];
	assert_int_equal(objdef_encode(d, buf, sizeof buf, &len), QM_OK);
	memset(&out, 0x5a, sizeof out);
	int rc = objdef_decode(buf, len, &out, err, sizeof err);
	if (rc)
		fail_msg("decode: %s", err);
	assert_true(objdef_equal(d, &out));
	assert_int_equal(objdef_encode(&out, again, sizeof again, &len2), QM_OK);
	assert_int_equal(len, len2);
	assert_memory_equal(buf, again, len);
	/* too small a buffer says how much is needed */
	assert_int_equal(objdef_encode(d, buf, len - 1, &len2), QM_ETOOBIG);
	assert_int_equal(len2, len);
}

static void test_objdef__encode_round_trip(void **state)
{
	(void)state;
	struct objdef d;
	odd_local(&d);
	round_trip(&d);
	odd_qmgr(&d);
	round_trip(&d);
	odd_alias(&d);
	round_trip(&d);
	odd_model(&d);
	round_trip(&d);
	for (size_t t = 0; t < N_TYPES; t++) {
		objdef_init_default(all_types[t], &d);
		if (all_types[t] == OBJDEF_QMGR)
			strcpy(d.name, "QM");
		round_trip(&d);
	}
	/* every string at full length still fits OBJDEF_ENC_MAX */
	for (size_t t = 0; t < N_TYPES; t++) {
		objdef_init_default(all_types[t], &d);
		for (size_t i = 0; i < objdef_attr_count(); i++) {
			const struct objdef_attr *a = objdef_attr_at(i);
			if (objdef_attr_has(a, d.type) && objdef_kind_is_text(a->kind) && !(a->flags & OBJDEF_F_CONST))
				fill_text(&d, a);
		}
		round_trip(&d);
	}
	/* an invalid definition is not encoded */
	uint8_t buf[OBJDEF_ENC_MAX];
	size_t len;
	odd_local(&d);
	d.max_q_depth = -1;
	assert_int_equal(objdef_encode(&d, buf, sizeof buf, &len), QM_EINVAL);
	odd_local(&d);
	d.name[0] = 0;
	assert_int_equal(objdef_encode(&d, buf, sizeof buf, &len), QM_EINVAL);
}

/* Process definitions: their attributes, APPLTYPE's keywords and user
 * values, the lengths, inheritance and the encoding. */
static void test_objdef__process(void **state)
{
	(void)state;
	struct objdef d, e, q;
	char err[300], big[300];
	assert_int_equal(objdef_init_default(OBJDEF_PROCESS, &d), QM_OK);
	assert_string_equal(d.name, "SYSTEM.DEFAULT.PROCESS");
	assert_int_equal(geti(&d, MQIA_APPL_TYPE), MQAT_UNIX);
	text_is(&d, "APPLTYPE", "UNIX");
	text_is(&d, "APPLICID", "");
	assert_string_equal(objdef_type_name(OBJDEF_PROCESS), "process");
	assert_int_equal(objdef_type_mqot(OBJDEF_PROCESS), MQOT_PROCESS);
	assert_int_equal(objdef_type_from_mqot(MQOT_PROCESS), OBJDEF_PROCESS);
	assert_int_equal(objdef_type_from_name("prcs"), OBJDEF_PROCESS);
	assert_int_equal(objdef_qtype(OBJDEF_PROCESS), 0);
	assert_false(objdef_is_queue(OBJDEF_PROCESS));
	/* a process has no queue attributes, a queue none of a process's */
	assert_null(objdef_attr_find(OBJDEF_PROCESS, "TRIGGER"));
	assert_null(objdef_attr_find(OBJDEF_PROCESS, "MAXDEPTH"));
	assert_null(objdef_attr_find(OBJDEF_QLOCAL, "APPLICID"));
	assert_int_equal(objdef_set(&d, "TRIGGER", NULL, err, sizeof err), QM_ENOTFOUND);
	assert_non_null(strstr(err, "TRIGGER is not an attribute of a process"));
	/* APPLTYPE: MQ's keywords (DEF is the platform's, shown as UNIX) and user values */
	assert_int_equal(objdef_set(&d, "APPLTYPE", "CICS", err, sizeof err), QM_OK);
	assert_int_equal(geti(&d, MQIA_APPL_TYPE), MQAT_CICS);
	assert_int_equal(objdef_set(&d, "APPLTYPE", "DEF", err, sizeof err), QM_OK);
	text_is(&d, "APPLTYPE", "UNIX");
	assert_int_equal(objdef_set(&d, "APPLTYPE", "65536", err, sizeof err), QM_OK);
	text_is(&d, "APPLTYPE", "65536");
	assert_int_equal(objdef_set(&d, "APPLTYPE", "999999999", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(&d, "APPLTYPE", "65535", err, sizeof err), QM_EINVAL);
	assert_non_null(strstr(err, "or a number from 65536 to 999999999"));
	assert_int_equal(objdef_set(&d, "APPLTYPE", "1000000000", err, sizeof err), QM_EINVAL);
	assert_int_equal(objdef_set(&d, "APPLTYPE", "BOGUS", err, sizeof err), QM_EINVAL);
	assert_int_equal(objdef_set_int(&d, MQIA_APPL_TYPE, 70000, err, sizeof err), QM_OK);
	assert_int_equal(objdef_set_int(&d, MQIA_APPL_TYPE, 12, err, sizeof err), QM_EINVAL);
	assert_int_equal(geti(&d, MQIA_APPL_TYPE), 70000);
	/* the lengths: APPLICID 256, ENVRDATA and USERDATA 128, DESCR 64 */
	memset(big, 'a', sizeof big);
	big[256] = 0;
	assert_int_equal(objdef_set(&d, "APPLICID", big, err, sizeof err), QM_OK);
	big[256] = 'a';
	big[257] = 0;
	assert_int_equal(objdef_set(&d, "APPLICID", big, err, sizeof err), QM_EINVAL);
	assert_non_null(strstr(err, "APPLICID is 257 characters long; at most 256 are allowed"));
	big[128] = 0;
	assert_int_equal(objdef_set(&d, "ENVRDATA", big, err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(&d, "USERDATA", big, err, sizeof err), QM_OK);
	big[128] = 'a';
	big[129] = 0;
	assert_int_equal(objdef_set(&d, "USERDATA", big, err, sizeof err), QM_EINVAL);
	char chars[256];
	assert_int_equal(objdef_get_chars(&d, MQCA_USER_DATA, chars, sizeof chars), QM_OK);
	assert_int_equal(objdef_set(&d, "DESCR", "a process", err, sizeof err), QM_OK);
	assert_int_equal(objdef_get_chars(&d, MQCA_PROCESS_DESC, chars, sizeof chars), QM_OK);
	assert_memory_equal(chars, "a process   ", 12);
	assert_int_equal(objdef_get_chars(&d, MQCA_Q_DESC, chars, sizeof chars), QM_ENOTFOUND);
	/* the name is read-only through MQSC and MQSET */
	assert_int_equal(objdef_set(&d, "PROCESS", "OTHER", err, sizeof err), QM_EPERM);
	assert_int_equal(objdef_set_name(&d, "APP.PROC", err, sizeof err), QM_OK);
	objdef_stamp(&d, 1700000000, 1);
	assert_string_equal(d.crdate, "");   /* a process has ALTDATE/ALTTIME only */
	assert_true(d.altdate[0] != 0);
	round_trip(&d);
	/* LIKE: from a process only */
	assert_int_equal(objdef_inherit(&e, &d, OBJDEF_PROCESS, err, sizeof err), QM_OK);
	assert_string_equal(e.appl_id, d.appl_id);
	assert_int_equal(e.appl_type, 70000);
	assert_string_equal(e.name, "");
	assert_string_equal(e.altdate, "");
	objdef_init_default(OBJDEF_QLOCAL, &q);
	assert_int_equal(objdef_inherit(&e, &q, OBJDEF_PROCESS, err, sizeof err), QM_EINVAL);
	assert_int_equal(objdef_inherit(&e, &d, OBJDEF_QLOCAL, err, sizeof err), QM_EINVAL);
	/* every string at full length encodes */
	objdef_init_default(OBJDEF_PROCESS, &d);
	for (size_t i = 0; i < objdef_attr_count(); i++) {
		const struct objdef_attr *a = objdef_attr_at(i);
		if (objdef_attr_has(a, d.type) && objdef_kind_is_text(a->kind) && !(a->flags & OBJDEF_F_KEY))
			fill_text(&d, a);
	}
	round_trip(&d);
	/* the queue manager's TRIGINT */
	objdef_init_default(OBJDEF_QMGR, &d);
	assert_int_equal(geti(&d, MQIA_TRIGGER_INTERVAL), 999999999);
	assert_int_equal(objdef_set(&d, "TRIGINT", "0", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(&d, "TRIGINT", "-1", err, sizeof err), QM_EINVAL);
	/* MARKINT: 5000 ms by default, a number or NOLIMIT (-1) */
	assert_int_equal(geti(&d, MQIA_MSG_MARK_BROWSE_INTERVAL), 5000);
	assert_int_equal(objdef_set(&d, "MARKINT", "NOLIMIT", err, sizeof err), QM_OK);
	assert_int_equal(geti(&d, MQIA_MSG_MARK_BROWSE_INTERVAL), MQMMBI_UNLIMITED);
	assert_int_equal(objdef_set(&d, "MARKINT", "0", err, sizeof err), QM_OK);
	assert_int_equal(objdef_set(&d, "MARKINT", "-2", err, sizeof err), QM_EINVAL);
	assert_non_null(strstr(err, "NOLIMIT, or a number from 0 to 999999999"));
	assert_null(objdef_attr_find(OBJDEF_QLOCAL, "MARKINT"));
	/* queue depth events: PERFMEV on the queue manager, the switches on queues */
	assert_int_equal(geti(&d, MQIA_PERFORMANCE_EVENT), MQEVR_DISABLED);
	objdef_init_default(OBJDEF_QLOCAL, &q);
	assert_int_equal(geti(&q, MQIA_Q_DEPTH_HIGH_EVENT), MQEVR_DISABLED);
	assert_int_equal(geti(&q, MQIA_Q_DEPTH_LOW_EVENT), MQEVR_DISABLED);
	assert_int_equal(geti(&q, MQIA_Q_DEPTH_MAX_EVENT), MQEVR_ENABLED);
	assert_int_equal(objdef_set(&q, "QDPHIEV", "ENABLED", err, sizeof err), QM_OK);
	assert_null(objdef_attr_find(OBJDEF_QALIAS, "QDPHIEV"));
	assert_null(objdef_attr_find(OBJDEF_QLOCAL, "PERFMEV"));
}

/* TOPICSTR (10240 characters) is held by pointer to an interned copy, so a
 * definition stays small and a copy by assignment stays correct and cheap. */
static void test_objdef__topicstr_interned(void **state)
{
	(void)state;
	char err[300];
	/* a definition is a small value again (it was 11.7 KB with TOPICSTR inline) */
	assert_true(sizeof(struct objdef) < 2048);
	const struct objdef_attr *a = objdef_attr_find(OBJDEF_TOPIC, "TOPICSTR");
	assert_non_null(a);
	assert_int_equal(a->kind, OBJDEF_ISTR);
	assert_int_equal(a->max, 10240);

	/* the same string is one shared copy: set twice, interned once */
	struct objdef d1, d2, e;
	objdef_init_default(OBJDEF_TOPIC, &d1);
	objdef_init_default(OBJDEF_TOPIC, &d2);
	assert_string_equal(objdef_topic_str(&d1), "");
	size_t n0 = strintern_count();
	assert_int_equal(objdef_set(&d1, "TOPICSTR", "test/objdef/interned   ", err, sizeof err), QM_OK);
	assert_int_equal(strintern_count(), n0 + 1);
	assert_int_equal(objdef_set_str(&d2, MQCA_TOPIC_STRING, "test/objdef/interned", (size_t)-1, err, sizeof err),
			 QM_OK);
	assert_int_equal(strintern_count(), n0 + 1);
	assert_ptr_equal(d1.topic_str, d2.topic_str);
	assert_ptr_equal(d1.topic_str, strintern("test/objdef/interned", 20));
	assert_string_equal(d1.topic_str, "test/objdef/interned");   /* trailing blanks gone */

	/* a copy by assignment shares it; setting the original leaves the copy alone */
	assert_int_equal(objdef_set_name(&d1, "T1", err, sizeof err), QM_OK);
	e = d1;
	assert_true(objdef_equal(&e, &d1));
	assert_int_equal(objdef_set(&d1, "TOPICSTR", "test/objdef/other", err, sizeof err), QM_OK);
	assert_string_equal(e.topic_str, "test/objdef/interned");
	assert_string_equal(d1.topic_str, "test/objdef/other");
	assert_false(objdef_equal(&e, &d1));
	/* a refused value changes nothing */
	assert_int_equal(objdef_set(&d1, "TOPICSTR", "bad\x01", err, sizeof err), QM_EINVAL);
	assert_string_equal(d1.topic_str, "test/objdef/other");

	/* decoding gives the interned copy too */
	uint8_t buf[OBJDEF_ENC_MAX], buf2[OBJDEF_ENC_MAX];
	size_t len, len2;
	struct objdef back;
	assert_int_equal(objdef_encode(&e, buf, sizeof buf, &len), QM_OK);
	assert_int_equal(objdef_decode(buf, len, &back, err, sizeof err), QM_OK);
	assert_ptr_equal(back.topic_str, e.topic_str);
	assert_true(objdef_equal(&back, &e));

	/* a NULL pointer (a zeroed definition) reads as "" everywhere */
	struct objdef z;
	objdef_init_default(OBJDEF_TOPIC, &z);
	assert_int_equal(objdef_set_name(&z, "T2", err, sizeof err), QM_OK);
	struct objdef zn = z;
	zn.topic_str = NULL;
	assert_string_equal(objdef_topic_str(&zn), "");
	assert_true(objdef_equal(&z, &zn));
	assert_int_equal(objdef_validate(&zn, err, sizeof err), QM_OK);
	char txt[16] = "x", chars[10240];
	assert_int_equal(objdef_get_text(&zn, "TOPICSTR", txt, sizeof txt), QM_OK);
	assert_string_equal(txt, "");
	assert_int_equal(objdef_get_chars(&zn, MQCA_TOPIC_STRING, chars, sizeof chars), QM_OK);
	for (size_t i = 0; i < sizeof chars; i++)
		assert_int_equal(chars[i], ' ');
	assert_int_equal(objdef_encode(&z, buf, sizeof buf, &len), QM_OK);
	assert_int_equal(objdef_encode(&zn, buf2, sizeof buf2, &len2), QM_OK);
	assert_int_equal(len, len2);
	assert_memory_equal(buf, buf2, len);

	/* the encoding is the characters, as when the field was inline: tag, length, text */
	assert_int_equal(objdef_encode(&e, buf, sizeof buf, &len), QM_OK);
	const uint8_t *p = buf + 12;
	int found = 0;
	while (p < buf + len) {
		uint32_t tag = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
		uint32_t l = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
		if (tag == MQCA_TOPIC_STRING) {
			assert_int_equal(l, 20);
			assert_memory_equal(p + 8, "test/objdef/interned", 20);
			found = 1;
		}
		p += 8 + l;
	}
	assert_true(found);
}

static void test_objdef__encode_layout(void **state)
{
	(void)state;
	struct objdef d;
	uint8_t buf[OBJDEF_ENC_MAX];
	size_t len;
	odd_alias(&d);
	assert_int_equal(objdef_encode(&d, buf, sizeof buf, &len), QM_OK);
	/* version 1, reserved 0, MQOT_ALIAS_Q 1002 = 0x3ea, then the count */
	static const uint8_t head[] = { 1, 0, 0, 0, 0xea, 0x03, 0, 0 };
	assert_memory_equal(buf, head, sizeof head);
	uint32_t count = buf[8] | buf[9] << 8 | buf[10] << 16 | (uint32_t)buf[11] << 24;
	size_t expect = 0;
	for (size_t i = 0; i < objdef_attr_count(); i++)
		expect += objdef_attr_has(objdef_attr_at(i), OBJDEF_QALIAS) &&
			  !(objdef_attr_at(i)->flags & OBJDEF_F_CONST);   /* constants are never encoded */
	assert_int_equal(count, expect);
	/* a constant: its value whatever the definition, not settable, and its
	 * tag in an encoding is corrupt (SCOPE, MQIA_SCOPE 45, QMGR 1) */
	int32_t v = -1;
	assert_int_equal(objdef_get_int(&d, MQIA_SCOPE, &v), QM_OK);
	assert_int_equal(v, MQSCO_Q_MGR);
	char err[200];
	assert_int_equal(objdef_set(&d, "SCOPE", "CELL", err, sizeof err), QM_EPERM);
	assert_non_null(strstr(err, "Quire does not have"));
	for (size_t o = 12; o + 8 <= len; o += 8 + (buf[o + 4] | buf[o + 5] << 8)) {
		uint32_t tag = buf[o] | buf[o + 1] << 8;
		assert_int_not_equal(tag, MQIA_SCOPE);
	}
	uint8_t bad[24] = { 1, 0, 0, 0, 0xea, 0x03, 0, 0, 1, 0, 0, 0, MQIA_SCOPE, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0 };
	struct objdef out;
	assert_int_equal(objdef_decode(bad, sizeof bad, &out, err, sizeof err), QM_ECORRUPT);
	/* first attribute: DEFPSIST (MQIA_DEF_PERSISTENCE 5), length 4, value 0 */
	static const uint8_t first[] = { 5, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0 };
	assert_memory_equal(buf + 12, first, sizeof first);
}

static void test_objdef__decode_truncated(void **state)
{
	(void)state;
	struct objdef d, out;
	uint8_t buf[OBJDEF_ENC_MAX];
	size_t len;
	char err[300];
	void (*makers[])(struct objdef *) = { odd_local, odd_qmgr, odd_alias, odd_model };
	for (size_t m = 0; m < 4; m++) {
		makers[m](&d);
		assert_int_equal(objdef_encode(&d, buf, sizeof buf, &len), QM_OK);
		for (size_t l = 0; l < len; l++) {
			/* a heap copy of exactly l bytes so ASan sees any overread */
			uint8_t *cut = malloc(l ? l : 1);
			memcpy(cut, buf, l);
			err[0] = 0;
			assert_int_equal(objdef_decode(cut, l, &out, err, sizeof err), QM_ECORRUPT);
			assert_true(strlen(err) > 0);
			free(cut);
		}
		/* one byte too many */
		buf[len] = 0;
		assert_int_equal(objdef_decode(buf, len + 1, &out, err, sizeof err), QM_ECORRUPT);
		assert_non_null(strstr(err, "1 bytes after"));
	}
}

/* Every single bit flip, and random multi-bit damage: never a crash, and
 * anything accepted is a valid definition that encodes to the same bytes. */
static void flip_check(const uint8_t *bytes, size_t len, int *accepted, int *rejected)
{
	struct objdef out;
	uint8_t *copy = malloc(len), again[OBJDEF_ENC_MAX];
	size_t len2;
	char err[300];
	memcpy(copy, bytes, len);
	int rc = objdef_decode(copy, len, &out, err, sizeof err);
	if (rc == QM_OK) {
		assert_int_equal(objdef_validate(&out, err, sizeof err), QM_OK);
		assert_int_equal(objdef_encode(&out, again, sizeof again, &len2), QM_OK);
		assert_int_equal(len2, len);
		assert_memory_equal(again, copy, len);
		(*accepted)++;
	} else {
		assert_true(rc == QM_ECORRUPT || rc == QM_EVERSION);
		(*rejected)++;
	}
	free(copy);
}

static void test_objdef__decode_bit_flips(void **state)
{
	(void)state;
	struct objdef d;
	uint8_t buf[OBJDEF_ENC_MAX], bad[OBJDEF_ENC_MAX];
	size_t len;
	int accepted = 0, rejected = 0;
	void (*makers[])(struct objdef *) = { odd_local, odd_qmgr, odd_alias, odd_model };
	srand(12345);
	for (size_t m = 0; m < 4; m++) {
		makers[m](&d);
		assert_int_equal(objdef_encode(&d, buf, sizeof buf, &len), QM_OK);
		for (size_t bit = 0; bit < len * 8; bit++) {
			memcpy(bad, buf, len);
			bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			flip_check(bad, len, &accepted, &rejected);
		}
		for (int r = 0; r < 3000; r++) {
			memcpy(bad, buf, len);
			int nflips = 1 + rand() % 8;
			for (int k = 0; k < nflips; k++)
				bad[(size_t)rand() % len] ^= (uint8_t)(1u << (rand() % 8));
			flip_check(bad, len, &accepted, &rejected);
		}
		/* random garbage of every small length */
		for (size_t l = 0; l < 64; l++) {
			for (size_t k = 0; k < l; k++)
				bad[k] = (uint8_t)rand();
			flip_check(bad, l, &accepted, &rejected);
		}
	}
	/* both outcomes happen: string bytes may change, structure may not */
	assert_true(accepted > 0);
	assert_true(rejected > accepted);
}

static void test_objdef__decode_rules(void **state)
{
	(void)state;
	struct objdef d, out;
	uint8_t buf[OBJDEF_ENC_MAX];
	size_t len;
	char err[300];
	odd_alias(&d);
	assert_int_equal(objdef_encode(&d, buf, sizeof buf, &len), QM_OK);
	buf[0] = 2;
	assert_int_equal(objdef_decode(buf, len, &out, err, sizeof err), QM_EVERSION);
	assert_non_null(strstr(err, "version 2"));
	buf[0] = 1;
	buf[4] = 0x04;   /* 1004: a local queue cannot have TARGET */
	assert_int_equal(objdef_decode(buf, len, &out, err, sizeof err), QM_ECORRUPT);
	buf[4] = 0x07;   /* 0x307 = 775: not a type */
	assert_int_equal(objdef_decode(buf, len, &out, err, sizeof err), QM_ECORRUPT);
	assert_non_null(strstr(err, "object type 775"));
	buf[4] = 0xea;
	assert_int_equal(objdef_decode(buf, len, &out, err, sizeof err), QM_OK);

	/* an old encoding without an attribute decodes with its default: drop
	 * DEFPSIST (the first attribute, 12 bytes) and lower the count */
	uint8_t old[OBJDEF_ENC_MAX];
	memcpy(old, buf, 12);
	memcpy(old + 12, buf + 24, len - 24);
	old[8]--;
	assert_int_equal(objdef_decode(old, len - 12, &out, err, sizeof err), QM_OK);
	assert_int_equal(out.def_persistence, MQPER_NOT_PERSISTENT);
	assert_int_equal(out.def_priority, 9);
	/* the same attribute twice is out of order */
	memcpy(old, buf, len);
	memcpy(old + len, buf + 12, 12);
	old[8]++;
	assert_int_equal(objdef_decode(old, len + 12, &out, err, sizeof err), QM_ECORRUPT);
	assert_non_null(strstr(err, "repeated or out of order"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_objdef__defaults_local),
		cmocka_unit_test(test_objdef__defaults_alias_model),
		cmocka_unit_test(test_objdef__defaults_qmgr),
		cmocka_unit_test(test_objdef__qmgr_new),
		cmocka_unit_test(test_objdef__stamp),
		cmocka_unit_test(test_objdef__inherit),
		cmocka_unit_test(test_objdef__like),
		cmocka_unit_test(test_objdef__ranges),
		cmocka_unit_test(test_objdef__messages),
		cmocka_unit_test(test_objdef__strings),
		cmocka_unit_test(test_objdef__string_limits),
		cmocka_unit_test(test_objdef__table),
		cmocka_unit_test(test_objdef__system_objects),
		cmocka_unit_test(test_objdef__encode_round_trip),
		cmocka_unit_test(test_objdef__process),
		cmocka_unit_test(test_objdef__topicstr_interned),
		cmocka_unit_test(test_objdef__encode_layout),
		cmocka_unit_test(test_objdef__decode_truncated),
		cmocka_unit_test(test_objdef__decode_bit_flips),
		cmocka_unit_test(test_objdef__decode_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
