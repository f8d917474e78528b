/*
 * test_mqi_validate.c: libmqm, the application side of the MQI (qm/mqi/): the
 * checks of validate.c on their own, and what the verbs copy back into
 * caller structures of every Version, byte for byte, with guard bytes after
 * short structures (the fake queue manager of mqi_fake.h).
 * test_mqi_calls.c has the verbs against the fake queue manager.
 */
#include "mqi_fake.h"

/* ------------------------------------------------------------------------ */
/* validate.c on its own                                                    */

static void test_mqi_validate__names(void **state)
{
	(void)state;
	char out[49], field[48];
	char full[48];
	memset(full, 'A', sizeof full);
	assert_int_equal(mqm_name_get("QM1\0junk", 48, out), 3);
	assert_string_equal(out, "QM1");
	assert_int_equal(mqm_name_get("QM1     ", 8, out), 3);
	assert_int_equal(mqm_name_get(full, 48, out), 48);
	assert_int_equal(mqm_name_get("        ", 8, out), 0);
	assert_int_equal(mqm_check_qmgr_name("QM1.a/b_%9"), MQRC_NONE);
	assert_int_equal(mqm_check_qmgr_name(""), MQRC_NONE);
	assert_int_equal(mqm_check_qmgr_name("QM 1"), MQRC_Q_MGR_NAME_ERROR);
	assert_int_equal(mqm_check_qmgr_name(" QM1"), MQRC_Q_MGR_NAME_ERROR);
	assert_int_equal(mqm_check_qmgr_name("QM-1"), MQRC_Q_MGR_NAME_ERROR);
	mqm_name_put(field, sizeof field, "QM1");
	assert_memory_equal(field, "QM1 ", 4);
	assert_int_equal(field[47], ' ');
}

static void test_mqi_validate__struc_ids(void **state)
{
	(void)state;
	MQOD od = { MQOD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG rc;
	struct {
		void *p;
		MQLONG *ver;
		MQLONG max, bad;
		MQLONG (*fn)(const void *, MQLONG *);
	} t[] = {
		{ &od, &od.Version, 4, MQRC_OD_ERROR, mqm_od_version },
		{ &md, &md.Version, 2, MQRC_MD_ERROR, mqm_md_version },
		{ &pmo, &pmo.Version, 3, MQRC_PMO_ERROR, mqm_pmo_version },
		{ &gmo, &gmo.Version, 4, MQRC_GMO_ERROR, mqm_gmo_version },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		for (MQLONG v = 1; v <= t[i].max; v++) {
			*t[i].ver = v;
			assert_int_equal(t[i].fn(t[i].p, &rc), v);
			assert_int_equal(rc, MQRC_NONE);
		}
		*t[i].ver = 0;
		assert_int_equal(t[i].fn(t[i].p, &rc), 0);
		assert_int_equal(rc, t[i].bad);
		*t[i].ver = t[i].max + 1;
		assert_int_equal(t[i].fn(t[i].p, &rc), 0);
		assert_int_equal(rc, t[i].bad);
		*t[i].ver = -1;
		assert_int_equal(t[i].fn(t[i].p, &rc), 0);
		assert_int_equal(rc, t[i].bad);
		*t[i].ver = 1;
		((char *)t[i].p)[3] = 'X';
		assert_int_equal(t[i].fn(t[i].p, &rc), 0);
		assert_int_equal(rc, t[i].bad);
		assert_int_equal(t[i].fn(NULL, &rc), 0);
		assert_int_equal(rc, t[i].bad);
	}
	/* another structure's StrucId is not accepted either */
	MQMD md2 = { MQMD_DEFAULT };
	memcpy(md2.StrucId, MQOD_STRUC_ID, 4);
	assert_int_equal(mqm_md_version(&md2, &rc), 0);
	assert_int_equal(rc, MQRC_MD_ERROR);
}

static void test_mqi_validate__options(void **state)
{
	(void)state;
	/* MQOPEN */
	assert_int_equal(mqm_check_open_options(MQOO_OUTPUT | MQOO_FAIL_IF_QUIESCING), MQRC_NONE);
	assert_int_equal(mqm_check_open_options(MQOO_INPUT_SHARED | MQOO_BROWSE | MQOO_INQUIRE |
						MQOO_SAVE_ALL_CONTEXT), MQRC_NONE);
	assert_int_equal(mqm_check_open_options(MQOO_BIND_ON_OPEN), MQRC_NONE);
	assert_int_equal(mqm_check_open_options(0), MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_open_options(MQOO_FAIL_IF_QUIESCING), MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_open_options(MQOO_INPUT_SHARED | MQOO_INPUT_EXCLUSIVE), MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_open_options(MQOO_OUTPUT | MQOO_BIND_ON_OPEN | MQOO_BIND_NOT_FIXED),
			 MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_open_options(MQOO_INPUT_SHARED | MQOO_READ_AHEAD | MQOO_NO_READ_AHEAD),
			 MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_open_options(MQOO_OUTPUT | MQOO_SAVE_ALL_CONTEXT), MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_open_options(MQOO_INPUT_SHARED | MQOO_SET_ALL_CONTEXT), MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_open_options(MQOO_OUTPUT | MQOO_SET_ALL_CONTEXT), MQRC_NONE);
	assert_int_equal(mqm_check_open_options(MQOO_INPUT_SHARED | MQOO_CO_OP), MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_open_options(MQOO_OUTPUT | 0x40000000), MQRC_OPTIONS_ERROR);
	/* MQCLOSE */
	assert_int_equal(mqm_check_close_options(MQCO_NONE), MQRC_NONE);
	assert_int_equal(mqm_check_close_options(MQCO_DELETE_PURGE), MQRC_NONE);
	assert_int_equal(mqm_check_close_options(MQCO_DELETE | MQCO_DELETE_PURGE), MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_close_options(MQCO_KEEP_SUB | MQCO_REMOVE_SUB), MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_close_options(0x100), MQRC_OPTIONS_ERROR);
	/* MQPMO */
	assert_int_equal(mqm_check_pmo_options(MQPMO_SYNCPOINT | MQPMO_NEW_MSG_ID, 0), MQRC_NONE);
	assert_int_equal(mqm_check_pmo_options(MQPMO_SYNCPOINT | MQPMO_NO_SYNCPOINT, 0), MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_pmo_options(MQPMO_DEFAULT_CONTEXT | MQPMO_NO_CONTEXT, 0),
			 MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_pmo_options(MQPMO_ASYNC_RESPONSE | MQPMO_SYNC_RESPONSE, 0),
			 MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_pmo_options(MQPMO_ALTERNATE_USER_AUTHORITY, 0), MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_pmo_options(MQPMO_ALTERNATE_USER_AUTHORITY, 1), MQRC_NONE);
	assert_int_equal(mqm_check_pmo_options(MQPMO_LOGICAL_ORDER, 0), MQRC_NONE);
	assert_int_equal(mqm_check_pmo_options(MQPMO_LOGICAL_ORDER, 1), MQRC_OPTIONS_ERROR);
	assert_int_equal(mqm_check_pmo_options(0x1, 0), MQRC_OPTIONS_ERROR);
	/* MQGMO */
	MQGMO g = { MQGMO_DEFAULT };
	struct { MQLONG o, rc; } gt[] = {
		{ MQGMO_WAIT | MQGMO_SYNCPOINT | MQGMO_FAIL_IF_QUIESCING | MQGMO_CONVERT, MQRC_NONE },
		{ MQGMO_BROWSE_FIRST | MQGMO_ACCEPT_TRUNCATED_MSG | MQGMO_NO_SYNCPOINT, MQRC_NONE },
		{ MQGMO_WAIT | MQGMO_SET_SIGNAL, MQRC_OPTIONS_ERROR },
		{ MQGMO_SET_SIGNAL, MQRC_OPTIONS_ERROR },
		{ MQGMO_SYNCPOINT | MQGMO_NO_SYNCPOINT, MQRC_OPTIONS_ERROR },
		{ MQGMO_SYNCPOINT | MQGMO_SYNCPOINT_IF_PERSISTENT, MQRC_OPTIONS_ERROR },
		{ MQGMO_BROWSE_FIRST | MQGMO_BROWSE_NEXT, MQRC_OPTIONS_ERROR },
		{ MQGMO_BROWSE_NEXT | MQGMO_MSG_UNDER_CURSOR, MQRC_OPTIONS_ERROR },
		{ MQGMO_BROWSE_NEXT | MQGMO_SYNCPOINT, MQRC_OPTIONS_ERROR },
		{ MQGMO_BROWSE_FIRST | MQGMO_SYNCPOINT_IF_PERSISTENT, MQRC_OPTIONS_ERROR },
		{ MQGMO_MARK_SKIP_BACKOUT, MQRC_OPTIONS_ERROR },
		{ MQGMO_MARK_SKIP_BACKOUT | MQGMO_SYNCPOINT, MQRC_NONE },
		{ MQGMO_LOCK, MQRC_OPTIONS_ERROR },
		{ MQGMO_LOCK | MQGMO_BROWSE_FIRST, MQRC_NONE },
		{ MQGMO_UNLOCK | MQGMO_NO_SYNCPOINT, MQRC_NONE },
		{ MQGMO_UNLOCK | MQGMO_WAIT, MQRC_OPTIONS_ERROR },
		{ MQGMO_NO_PROPERTIES | MQGMO_PROPERTIES_IN_HANDLE, MQRC_OPTIONS_ERROR },
		{ 0x20000000, MQRC_OPTIONS_ERROR },
	};
	for (size_t i = 0; i < sizeof gt / sizeof gt[0]; i++) {
		g.Options = gt[i].o;
		assert_int_equal(mqm_check_gmo(&g), gt[i].rc);
	}
	g.Options = MQGMO_WAIT;
	g.WaitInterval = MQWI_UNLIMITED;
	assert_int_equal(mqm_check_gmo(&g), MQRC_NONE);
	g.WaitInterval = -5;
	assert_int_equal(mqm_check_gmo(&g), MQRC_WAIT_INTERVAL_ERROR);
	g.Options = MQGMO_NO_WAIT;    /* the interval matters only with WAIT */
	assert_int_equal(mqm_check_gmo(&g), MQRC_NONE);
	g.MatchOptions = 0x1000;      /* ignored below Version 2 */
	assert_int_equal(mqm_check_gmo(&g), MQRC_NONE);
	g.Version = MQGMO_VERSION_2;
	assert_int_equal(mqm_check_gmo(&g), MQRC_MATCH_OPTIONS_ERROR);
	g.MatchOptions = MQMO_MATCH_GROUP_ID | MQMO_MATCH_MSG_TOKEN;
	assert_int_equal(mqm_check_gmo(&g), MQRC_NONE);
}

static void test_mqi_validate__fields(void **state)
{
	(void)state;
	MQMD md = { MQMD_DEFAULT };
	assert_int_equal(mqm_check_md_put(&md), MQRC_NONE);
	md.Persistence = 3;
	assert_int_equal(mqm_check_md_put(&md), MQRC_PERSISTENCE_ERROR);
	md.Persistence = MQPER_PERSISTENT;
	md.Priority = -2;
	assert_int_equal(mqm_check_md_put(&md), MQRC_PRIORITY_ERROR);
	md.Priority = 12;             /* above MaxPriority is the queue manager's warning */
	assert_int_equal(mqm_check_md_put(&md), MQRC_NONE);
	md.Expiry = 0;
	assert_int_equal(mqm_check_md_put(&md), MQRC_EXPIRY_ERROR);
	md.Expiry = 100;
	md.MsgType = 0;
	assert_int_equal(mqm_check_md_put(&md), MQRC_MSG_TYPE_ERROR);
	md.MsgType = MQMT_REQUEST;
	assert_int_equal(mqm_check_md_put(&md), MQRC_MISSING_REPLY_TO_Q);
	memcpy(md.ReplyToQ, "REPLY.Q", 7);
	assert_int_equal(mqm_check_md_put(&md), MQRC_NONE);
	md.MsgType = MQMT_DATAGRAM;
	memset(md.ReplyToQ, ' ', sizeof md.ReplyToQ);
	md.Report = MQRO_COA;
	assert_int_equal(mqm_check_md_put(&md), MQRC_MISSING_REPLY_TO_Q);
	md.Report = MQRO_PASS_MSG_ID | MQRO_DISCARD_MSG;
	assert_int_equal(mqm_check_md_put(&md), MQRC_NONE);
	md.Report = 0x10000000;       /* in MQRO_REJECT_UNSUP_MASK */
	assert_int_equal(mqm_check_md_put(&md), MQRC_REPORT_OPTIONS_ERROR);

	MQOD od = { MQOD_DEFAULT };
	assert_int_equal(mqm_check_od(&od), MQRC_NONE);
	od.ObjectType = MQOT_CHANNEL;
	assert_int_equal(mqm_check_od(&od), MQRC_OBJECT_TYPE_ERROR);
	od.ObjectType = MQOT_Q;
	od.RecsPresent = 2;           /* ignored in Version 1 */
	assert_int_equal(mqm_check_od(&od), MQRC_NONE);
	od.Version = MQOD_VERSION_2;
	assert_int_equal(mqm_check_od(&od), MQRC_FUNCTION_NOT_SUPPORTED);
	od.RecsPresent = -1;
	assert_int_equal(mqm_check_od(&od), MQRC_RECS_PRESENT_ERROR);

	MQLONG sel[3] = { MQIA_CURRENT_Q_DEPTH, MQCA_Q_NAME, MQIA_MAX_Q_DEPTH }, ints[2];
	MQCHAR chars[48];
	assert_int_equal(mqm_int_selectors(3, sel), 2);
	assert_int_equal(mqm_check_inq_args(3, sel, 2, ints, 48, chars, 0), MQRC_NONE);
	assert_int_equal(mqm_check_inq_args(-1, sel, 2, ints, 48, chars, 0), MQRC_SELECTOR_COUNT_ERROR);
	assert_int_equal(mqm_check_inq_args(257, sel, 2, ints, 48, chars, 0), MQRC_SELECTOR_LIMIT_EXCEEDED);
	assert_int_equal(mqm_check_inq_args(3, NULL, 2, ints, 48, chars, 0), MQRC_SELECTOR_ERROR);
	assert_int_equal(mqm_check_inq_args(3, sel, -1, ints, 48, chars, 0), MQRC_INT_ATTR_COUNT_ERROR);
	assert_int_equal(mqm_check_inq_args(3, sel, 2, NULL, 48, chars, 0), MQRC_INT_ATTRS_ARRAY_ERROR);
	assert_int_equal(mqm_check_inq_args(3, sel, 2, ints, -1, chars, 0), MQRC_CHAR_ATTR_LENGTH_ERROR);
	assert_int_equal(mqm_check_inq_args(3, sel, 2, ints, 48, NULL, 0), MQRC_CHAR_ATTRS_ERROR);
	/* arrays that nothing goes into may be NULL */
	assert_int_equal(mqm_check_inq_args(0, NULL, 0, NULL, 0, NULL, 0), MQRC_NONE);
	assert_int_equal(mqm_check_inq_args(1, sel, 5, ints, 10, NULL, 0), MQRC_NONE);
	assert_int_equal(mqm_check_inq_args(1, sel + 1, 0, NULL, 48, chars, 0), MQRC_NONE);
}

static void test_mqi_validate__cno(void **state)
{
	(void)state;
	struct mqm_cno o;
	MQCNO cno = { MQCNO_DEFAULT };
	for (MQLONG v = 1; v <= 8; v++) {
		cno.Version = v;
		assert_int_equal(mqm_check_cno(&cno, &o), MQRC_NONE);
		assert_int_equal(o.version, v);
	}
	cno.Version = 0;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_CNO_ERROR);
	cno.Version = 9;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_CNO_ERROR);
	assert_int_equal(mqm_check_cno(NULL, &o), MQRC_CNO_ERROR);
	cno.Version = 1;
	memcpy(cno.StrucId, "CNO_", 4);
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_CNO_ERROR);
	memcpy(cno.StrucId, MQCNO_STRUC_ID, 4);
	cno.Options = MQCNO_HANDLE_SHARE_BLOCK | MQCNO_HANDLE_SHARE_NO_BLOCK;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_OPTIONS_ERROR);
	cno.Options = MQCNO_RECONNECT | MQCNO_RECONNECT_DISABLED;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_OPTIONS_ERROR);
	cno.Options = MQCNO_FASTPATH_BINDING | MQCNO_SHARED_BINDING;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_OPTIONS_ERROR);
	cno.Options = 0x40000000;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_OPTIONS_ERROR);
	cno.Options = MQCNO_HANDLE_SHARE_BLOCK | MQCNO_RECONNECT_DISABLED;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_NONE);
	assert_int_equal(o.options, cno.Options);

	/* MQCSP by pointer (Version 5), ApplName (Version 7) */
	MQCSP csp = { MQCSP_DEFAULT };
	char user[] = "alice", pw[] = "s3cret";
	cno.Options = 0;
	cno.Version = MQCNO_VERSION_7;
	memcpy(cno.ApplName, "myapp                       ", 28);
	cno.SecurityParmsPtr = &csp;
	csp.AuthenticationType = MQCSP_AUTH_USER_ID_AND_PWD;
	csp.CSPUserIdPtr = user;
	csp.CSPUserIdLength = 5;
	csp.CSPPasswordPtr = pw;
	csp.CSPPasswordLength = 6;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_NONE);
	assert_true(o.have_csp);
	assert_string_equal(o.user, "alice");
	assert_string_equal(o.password, "s3cret");
	assert_string_equal(o.appname, "myapp");
	/* an MQCNO of Version 4 has no SecurityParmsPtr: the MQCSP is not read */
	cno.Version = MQCNO_VERSION_4;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_NONE);
	assert_false(o.have_csp);
	assert_string_equal(o.appname, "");
	cno.Version = MQCNO_VERSION_5;
	/* MQ 9.3's reasons: a password over MQ_CSP_PASSWORD_LENGTH (256) is 2035,
	 * a user id over 1024 bytes 2595 (both refused before they are read) */
	csp.CSPPasswordLength = 257;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_NOT_AUTHORIZED);
	csp.CSPPasswordLength = 6;
	csp.CSPUserIdLength = 1025;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_CSP_ERROR);
	csp.CSPUserIdLength = 5;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_NONE);
	assert_int_equal(o.user_len, 5);
	assert_int_equal(o.password_len, 6);
	csp.CSPPasswordLength = -1;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_CSP_ERROR);
	csp.CSPPasswordLength = 6;
	csp.Version = 4;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_CSP_ERROR);
	csp.Version = 1;
	csp.AuthenticationType = 7;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_CSP_ERROR);
	csp.AuthenticationType = MQCSP_AUTH_ID_TOKEN;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_CSP_ERROR);
	csp.Version = MQCSP_VERSION_3;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_NOT_AUTHORIZED);
	csp.AuthenticationType = MQCSP_AUTH_NONE;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_NONE);
	assert_false(o.have_csp);
	csp.AuthenticationType = MQCSP_AUTH_USER_ID_AND_PWD;
	csp.CSPUserIdPtr = NULL;
	assert_int_equal(mqm_check_cno(&cno, &o), MQRC_CSP_ERROR);

	/* everything by offset: MQCNO, then MQCSP, then the strings, in one block */
	struct cno_blk {
		MQCNO cno;
		MQCSP csp;
		char user[8], pw[8];
	} blk;
	MQCNO c0 = { MQCNO_DEFAULT };
	MQCSP s0 = { MQCSP_DEFAULT };
	blk.cno = c0;
	blk.csp = s0;
	blk.cno.Version = MQCNO_VERSION_5;
	blk.cno.SecurityParmsOffset = (MQLONG)offsetof(struct cno_blk, csp);
	blk.csp.AuthenticationType = MQCSP_AUTH_USER_ID_AND_PWD;
	memcpy(blk.user, "bob", 3);
	memcpy(blk.pw, "pw12", 4);
	blk.csp.CSPUserIdOffset = (MQLONG)(offsetof(struct cno_blk, user) - offsetof(struct cno_blk, csp));
	blk.csp.CSPUserIdLength = 3;
	blk.csp.CSPPasswordOffset = (MQLONG)(offsetof(struct cno_blk, pw) - offsetof(struct cno_blk, csp));
	blk.csp.CSPPasswordLength = 4;
	assert_int_equal(mqm_check_cno(&blk, &o), MQRC_NONE);
	assert_string_equal(o.user, "bob");
	assert_string_equal(o.password, "pw12");

	/* ConnectionId goes back only into Version 5 and later */
	MQBYTE24 id;
	memset(id, 'I', sizeof id);
	MQCNO c4 = { MQCNO_DEFAULT }, c5 = { MQCNO_DEFAULT };
	c4.Version = 4;
	c5.Version = 5;
	mqm_cno_out(&c4, id);
	mqm_cno_out(&c5, id);
	assert_memory_equal(c5.ConnectionId, id, 24);
	assert_memory_not_equal(c4.ConnectionId, id, 24);
}


static void test_mqi_validate__copies(void **state)
{
	(void)state;
	unsigned char ubuf[512];
	MQMD md1 = { MQMD_DEFAULT }, full, got;
	/* in: a Version 1 MQMD followed by other bytes gets the v2 defaults */
	memset(ubuf, GUARD, sizeof ubuf);
	md1.Priority = 3;
	memcpy(ubuf, &md1, MQMD_LENGTH_1);
	mqm_md_in(ubuf, 1, &full);
	assert_int_equal(full.Version, 1);
	assert_int_equal(full.Priority, 3);
	assert_int_equal(full.MsgSeqNumber, 1);
	assert_int_equal(full.OriginalLength, MQOL_UNDEFINED);
	assert_int_equal(full.Offset, 0);
	/* out (MQGET): everything within Version 1, nothing after it */
	memset(&got, 0x5a, sizeof got);
	mqm_md_out_get(ubuf, 1, &got);
	assert_memory_equal(ubuf, MQMD_STRUC_ID, 4);
	MQLONG v;
	memcpy(&v, ubuf + 4, 4);
	assert_int_equal(v, 1);
	assert_true(ubuf[8] == 0x5a && ubuf[MQMD_LENGTH_1 - 1] == 0x5a);
	assert_true(guard_ok(ubuf, MQMD_LENGTH_1, sizeof ubuf));
	/* out (MQPUT): ids and context, not Priority */
	memcpy(ubuf, &md1, MQMD_LENGTH_1);
	mqm_md_out_put(ubuf, 1, &got);
	memcpy(&full, ubuf, MQMD_LENGTH_1);
	assert_int_equal(full.Priority, 3);
	assert_int_equal(full.MsgId[0], 0x5a);
	assert_int_equal(full.PutDate[0], 0x5a);
	assert_true(guard_ok(ubuf, MQMD_LENGTH_1, sizeof ubuf));

	/* MQOD: pointers never travel; outputs stop at the caller's Version */
	MQOD od = { MQOD_DEFAULT }, fod, god;
	char str[] = "x";
	od.Version = MQOD_VERSION_4;
	od.ObjectString.VSPtr = str;
	od.ObjectRecPtr = str;
	mqm_od_in(&od, 4, &fod);
	assert_null(fod.ObjectString.VSPtr);
	assert_null(fod.ObjectRecPtr);
	assert_int_equal(fod.Version, 4);
	MQOD d1 = { MQOD_DEFAULT };
	memset(ubuf, GUARD, sizeof ubuf);
	memcpy(ubuf, &d1, MQOD_LENGTH_1);
	mqm_od_in(ubuf, 1, &fod);
	assert_int_equal(fod.ResolvedType, MQOT_NONE);
	god = fod;
	mqm_name_put(god.ResolvedQName, 48, "R");
	god.KnownDestCount = 1;
	mqm_od_out(ubuf, 1, &fod, &god);
	assert_true(guard_ok(ubuf, MQOD_LENGTH_1, sizeof ubuf));
	/* ObjectName comes back only when the queue manager changed it */
	memcpy(ubuf + offsetof(MQOD, ObjectName), "Q1\0garbage", 10);
	mqm_od_in(ubuf, 1, &fod);
	god = fod;
	mqm_od_out(ubuf, 1, &fod, &god);
	assert_memory_equal(ubuf + offsetof(MQOD, ObjectName), "Q1\0garbage", 10);
	mqm_name_put(god.ObjectName, 48, "AMQ.DYN");
	mqm_od_out(ubuf, 1, &fod, &god);
	assert_memory_equal(ubuf + offsetof(MQOD, ObjectName), "AMQ.DYN ", 8);
	/* Version 3: ResolvedQName, not ResolvedType (Version 4) */
	MQOD d3 = { MQOD_DEFAULT };
	d3.Version = 3;
	memset(ubuf, GUARD, sizeof ubuf);
	memcpy(ubuf, &d3, MQOD_LENGTH_3);
	mqm_od_in(ubuf, 3, &fod);
	god = fod;
	mqm_name_put(god.ResolvedQName, 48, "RQ");
	god.ResolvedType = MQOT_Q;
	mqm_od_out(ubuf, 3, &fod, &god);
	assert_memory_equal(ubuf + offsetof(MQOD, ResolvedQName), "RQ ", 3);
	assert_true(guard_ok(ubuf, MQOD_LENGTH_3, sizeof ubuf));

	/* MQPMO: pointers cleared; outputs of Version 1 */
	MQPMO pmo = { MQPMO_DEFAULT }, fp, gp;
	pmo.Version = 2;
	pmo.PutMsgRecPtr = str;
	mqm_pmo_in(&pmo, 2, &fp);
	assert_null(fp.PutMsgRecPtr);
	assert_int_equal(fp.PubLevel, 9);
	MQPMO p1 = { MQPMO_DEFAULT };
	memset(ubuf, GUARD, sizeof ubuf);
	memcpy(ubuf, &p1, MQPMO_LENGTH_1);
	gp = fp;
	gp.Timeout = 5;
	mqm_name_put(gp.ResolvedQName, 48, "PQ");
	mqm_pmo_out(ubuf, 1, &gp);
	memcpy(&fp, ubuf, MQPMO_LENGTH_1);
	assert_int_equal(fp.Timeout, -1);
	assert_memory_equal(fp.ResolvedQName, "PQ ", 3);
	assert_true(guard_ok(ubuf, MQPMO_LENGTH_1, sizeof ubuf));

	/* MQGMO Version 1: MatchOptions default (match MsgId and CorrelId) */
	MQGMO g1 = { MQGMO_DEFAULT }, fg, gg;
	memset(ubuf, GUARD, sizeof ubuf);
	memcpy(ubuf, &g1, MQGMO_LENGTH_1);
	mqm_gmo_in(ubuf, 1, &fg);
	assert_int_equal(fg.MatchOptions, MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID);
	assert_int_equal(fg.ReturnedLength, MQRL_UNDEFINED);
	gg = fg;
	gg.GroupStatus = 'L';
	gg.ReturnedLength = 3;
	mqm_name_put(gg.ResolvedQName, 48, "GQ");
	mqm_gmo_out(ubuf, 1, &gg);
	assert_memory_equal(ubuf + offsetof(MQGMO, ResolvedQName), "GQ ", 3);
	assert_true(guard_ok(ubuf, MQGMO_LENGTH_1, sizeof ubuf));
	/* Version 2 gets GroupStatus, not ReturnedLength (Version 3) */
	MQGMO g2 = { MQGMO_DEFAULT };
	g2.Version = 2;
	memset(ubuf, GUARD, sizeof ubuf);
	memcpy(ubuf, &g2, MQGMO_LENGTH_2);
	mqm_gmo_out(ubuf, 2, &gg);
	assert_int_equal(ubuf[offsetof(MQGMO, GroupStatus)], 'L');
	assert_true(guard_ok(ubuf, MQGMO_LENGTH_2, sizeof ubuf));
}


int main(void)
{
	/* the fake queue manager speaks the socket protocol only (the shared
	 * memory channel is tested against the real one: t6330-shmring.sh) */
	setenv("QUIRE_IPC", "socket", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mqi_validate__names),
		cmocka_unit_test(test_mqi_validate__struc_ids),
		cmocka_unit_test(test_mqi_validate__options),
		cmocka_unit_test(test_mqi_validate__fields),
		cmocka_unit_test(test_mqi_validate__cno),
		cmocka_unit_test(test_mqi_validate__copies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
