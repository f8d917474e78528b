/*
 * test_chlauth_srv.c: the running queue manager's side of channel
 * authentication records (qm/server/chlauth_srv.c) on a real queue manager
 * in a scratch folder: MQ's defaults written at the first use (and only
 * then), a change written as one unit of work and read back after a
 * restart, and chl_srv_check as the channel runtime calls it: each outcome
 * with its error log entry (AMQ9782E once a minute for an address, AMQ9776E,
 * AMQ9777E, AMQ8959W for WARN(YES)), CHLAUTH(DISABLED) letting everyone in.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmqc.h"
#include "cmqcfc.h"
#include "qm/engine/queue.h"
#include "log/qmerr.h"
#include "qm/server/chlauth_srv.h"
#include "qm/store/store.h"
#include "tests/unit/qmharness.h"

static struct qm *start(const char *name, int create, struct qm_paths *p)
{
	if (create)
		qmh_create(&(struct qmh_opts){ .name = name }, p);
	struct qm *qm = qmh_open(name, NULL, NULL);
	int code = 0;
	assert_int_equal(store_start(qm, &code), QM_OK);
	return qm;
}

static int check(struct qm *qm, const char *chl, const char *addr, const char *user, struct chl_result *r)
{
	struct chl_input in = { .channel = chl, .address = addr, .clntuser = user, .chl_mcauser = "" };
	return chl_srv_check(qm, &in, r);
}

static void test_chlauth_srv__records_and_check(void **state)
{
	(void)state;
	struct qm_paths p;
	struct qm *qm = start("QCH", 1, &p);
	struct chl_set s;
	struct chl_result r;
	/* the defaults, written at the first use */
	assert_int_equal(chl_srv_records(qm, &s), 0);
	assert_int_equal(s.n, 3);
	/* remove SYSTEM.* and add a BLOCKADDR and a WARN(YES) mapping, one unit of work */
	uint8_t del[1][24];
	size_t k;
	for (k = 0; k < s.n && strcmp(s.v[k].profile, "SYSTEM.*"); k++)
		;
	assert_true(k < s.n);
	memcpy(del[0], s.v[k].id, 24);
	struct chl_set add = { 0 };
	struct chl_rec b;
	memset(&b, 0, sizeof b);
	b.type = CHL_BLOCKADDR;
	snprintf(b.profile, sizeof b.profile, "*");
	char one[1][CHL_ADDR_LEN + 1] = { "192.0.2.*" };
	b.list = one;
	b.nlist = 1;
	assert_int_equal(chl_set_add(&add, &b), 0);
	struct chl_rec w;
	memset(&w, 0, sizeof w);
	w.type = CHL_ADDRESSMAP;
	snprintf(w.profile, sizeof w.profile, "WARN.*");
	snprintf(w.address, sizeof w.address, "*");
	w.usersrc = CHL_SRC_NOACCESS;
	w.warn = 1;
	assert_int_equal(chl_set_add(&add, &w), 0);
	assert_int_equal(chl_rt_write(qm, (const uint8_t (*)[24])del, 1, &add), MQRC_NONE);
	chl_set_free(&add);
	chl_set_free(&s);
	assert_int_equal(chl_srv_records(qm, &s), 0);
	assert_int_equal(s.n, 4);
	chl_set_free(&s);

	/* the checks, and what the error log says */
	assert_int_equal(check(qm, NULL, "192.0.2.7", "alice", &r), CHL_BLOCKED_ADDR);
	assert_int_equal(check(qm, NULL, "192.0.2.7", "alice", &r), CHL_BLOCKED_ADDR);
	assert_int_equal(qmh_errlog_count(&p, "AMQ9782E"), 1);   /* once a minute for an address */
	assert_int_equal(check(qm, NULL, "192.0.2.8", "alice", &r), CHL_BLOCKED_ADDR);
	assert_int_equal(qmh_errlog_count(&p, "AMQ9782E"), 2);
	assert_int_equal(check(qm, "DEV.APP.SVRCONN", "10.1.1.1", qm->user, &r), CHL_BLOCKED_USER);
	assert_int_equal(qmh_errlog_count(&p, "AMQ9776E"), 1);
	assert_int_equal(check(qm, "DEV.APP.SVRCONN", "10.1.1.1", "qtst-alice", &r), CHL_ALLOWED);
	assert_string_equal(r.mcauser, "qtst-alice");
	assert_null(r.rule);
	assert_int_equal(check(qm, "SYSTEM.DEF.SVRCONN", "10.1.1.1", "qtst-alice", &r), CHL_ALLOWED);   /* removed */
	assert_int_equal(check(qm, "WARN.ONE", "10.1.1.1", "qtst-alice", &r), CHL_ALLOWED);
	assert_true(r.warned);
	assert_int_equal(qmh_errlog_count(&p, "AMQ8959W"), 1);
	/* Channel Blocked events, with CHLEV(ENABLED) */
	struct qobj *evq = qm_qfind(qm, "SYSTEM.ADMIN.CHANNEL.EVENT");
	assert_non_null(evq);
	uint64_t d0 = evq->q->depth;
	qm->os.qmgr.channel_event = MQEVR_ENABLED;
	assert_int_equal(check(qm, "DEV.APP.SVRCONN", "10.1.1.2", qm->user, &r), CHL_BLOCKED_USER);
	assert_int_equal(evq->q->depth, d0 + 1);
	struct qmatch mt;
	memset(&mt, 0, sizeof mt);
	struct qmsg *m = queue_find(evq->q, &mt, qm_now_ms());
	assert_non_null(m);
	MQMD md;
	const void *body;
	void *owned = NULL;
	assert_int_equal(store_msg_load(qm, evq, m, &md, &body, &owned), QM_OK);
	assert_memory_equal(md.Format, MQFMT_EVENT, 8);
	MQCFH h;
	memcpy(&h, body, sizeof h);
	assert_int_equal(h.Command, MQCMD_CHANNEL_EVENT);
	assert_int_equal(h.Reason, MQRC_CHANNEL_BLOCKED);
	assert_int_equal(h.ParameterCount, 5);   /* qmgr, qualifier, channel, user, address */
	const uint8_t *pp = (const uint8_t *)body + MQCFH_STRUC_LENGTH;
	MQCFST st;
	memcpy(&st, pp, sizeof st);
	assert_int_equal(st.Parameter, MQCA_Q_MGR_NAME);
	pp += st.StrucLength;
	MQCFIN in;
	memcpy(&in, pp, sizeof in);
	assert_int_equal(in.Parameter, MQIACF_REASON_QUALIFIER);
	assert_int_equal(in.Value, MQRQ_CHANNEL_BLOCKED_USERID);
	pp += in.StrucLength;
	memcpy(&st, pp, sizeof st);
	assert_int_equal(st.Parameter, MQCACH_CHANNEL_NAME);
	assert_memory_equal(pp + MQCFST_STRUC_LENGTH_FIXED, "DEV.APP.SVRCONN     ", 20);
	pp += st.StrucLength;
	memcpy(&st, pp, sizeof st);
	assert_int_equal(st.Parameter, MQCACF_USER_IDENTIFIER);
	pp += st.StrucLength;
	memcpy(&st, pp, sizeof st);
	assert_int_equal(st.Parameter, MQCACH_CONNECTION_NAME);
	assert_memory_equal(pp + MQCFST_STRUC_LENGTH_FIXED, "10.1.1.2 ", 9);
	free(owned);
	assert_int_equal(check(qm, NULL, "192.0.2.99", "alice", &r), CHL_BLOCKED_ADDR);
	assert_int_equal(check(qm, "WARN.TWO", "10.1.1.3", "qtst-alice", &r), CHL_ALLOWED);
	assert_int_equal(evq->q->depth, d0 + 3);   /* the address, and the warning */
	qm->os.qmgr.channel_event = MQEVR_DISABLED;
	assert_int_equal(check(qm, "DEV.APP.SVRCONN", "10.1.1.2", qm->user, &r), CHL_BLOCKED_USER);
	assert_int_equal(evq->q->depth, d0 + 3);   /* none while CHLEV is DISABLED */

	/* CHLAUTH(DISABLED): no record is used */
	qm->os.qmgr.chlauth_records = MQCHLA_DISABLED;
	assert_int_equal(check(qm, "DEV.APP.SVRCONN", "192.0.2.7", qm->user, &r), CHL_ALLOWED);
	assert_string_equal(r.mcauser, qm->user);
	qm->os.qmgr.chlauth_records = MQCHLA_ENABLED;
	qmh_close(qm);

	/* after a restart: the change is there, the defaults are not made again */
	qm = start("QCH", 0, &p);
	assert_int_equal(chl_srv_records(qm, &s), 0);
	assert_int_equal(s.n, 4);
	for (k = 0; k < s.n; k++)
		assert_string_not_equal(s.v[k].profile, "SYSTEM.*");
	chl_set_free(&s);
	assert_int_equal(check(qm, "SYSTEM.ADMIN.SVRCONN", "10.1.1.1", "qtst-alice", &r), CHL_ALLOWED);
	assert_int_equal(check(qm, "SYSTEM.ADMIN.SVRCONN", "10.1.1.1", "", &r), CHL_BLOCKED_USER);
	qmh_close(qm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chlauth_srv__records_and_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
