/* test_qmlog.c: the payloads of the queue manager's log records (qm/store/qmlog.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/logrec.h"
#include "log/qmerr.h"
#include "objects/objdef.h"
#include "qm/proto.h"
#include "qm/store/qmlog.h"

static struct objfile_msg sample_msg(uint32_t len)
{
	struct objfile_msg m;
	memset(&m, 0, sizeof m);
	m.seq = 77;
	m.put_lsn = 123456;   /* never written: the record's LSN is the put LSN */
	m.put_time_ms = 1700000000123;
	m.expiry_ms = -1;
	m.priority = 4;
	m.persistence = 1;
	m.backout_count = 2;
	memcpy(m.msgid, "AMQ QM1         \x01\x02\x03\x04\x05\x06\x07\x08", 24);
	memcpy(m.correlid, "CORRELATION-ID-123456789", 24);
	memset(m.mqmd, 0x5a, sizeof m.mqmd);
	m.data_len = len;
	return m;
}

static void test_qmlog__put_round_trip(void **state)
{
	(void)state;
	const char data[] = "hello, log";
	struct objfile_msg m = sample_msg(sizeof data - 1);
	size_t need = qmlog_put_size("DEV.QUEUE.1", m.data_len);
	uint8_t *buf = malloc(need);
	assert_non_null(buf);
	assert_int_equal(qmlog_enc_put(buf, need - 1, "DEV.QUEUE.1", &m, data), QM_ETOOBIG);
	assert_int_equal(qmlog_enc_put(buf, need, "DEV.QUEUE.1", &m, data), (int)need);
	assert_int_equal(buf[0], QMLOG_VERSION);
	struct qmlog_put p;
	assert_int_equal(qmlog_dec_put(buf, need, &p), QM_OK);
	assert_string_equal(p.qname, "DEV.QUEUE.1");
	assert_int_equal(p.m.seq, 77);
	assert_int_equal(p.m.put_lsn, 0);
	assert_int_equal(p.m.priority, 4);
	assert_int_equal(p.m.persistence, 1);
	assert_int_equal(p.m.backout_count, 2);
	assert_int_equal(p.m.put_time_ms, 1700000000123);
	assert_int_equal(p.m.expiry_ms, -1);
	assert_memory_equal(p.m.msgid, m.msgid, 24);
	assert_memory_equal(p.m.correlid, m.correlid, 24);
	assert_memory_equal(p.m.mqmd, m.mqmd, sizeof m.mqmd);
	assert_int_equal(p.m.data_len, sizeof data - 1);
	assert_memory_equal(p.data, data, sizeof data - 1);
	/* every shorter payload and a longer one are refused */
	for (size_t n = 0; n < need; n++)
		assert_int_not_equal(qmlog_dec_put(buf, n, &p), QM_OK);
	buf[0] = 9;
	assert_int_equal(qmlog_dec_put(buf, need, &p), QM_EVERSION);
	free(buf);
}

static void test_qmlog__names(void **state)
{
	(void)state;
	uint8_t buf[128];
	char n48[49];
	memset(n48, 'Q', 48);
	n48[48] = 0;
	int k = qmlog_enc_get(buf, sizeof buf, n48, 4096);
	assert_int_equal(k, 1 + 1 + 48 + 8);
	struct qmlog_msgref r;
	assert_int_equal(qmlog_dec_get(buf, (size_t)k, &r), QM_OK);
	assert_string_equal(r.qname, n48);
	assert_int_equal(r.put_lsn, 4096);
	char n49[50];
	memset(n49, 'Q', 49);
	n49[49] = 0;
	assert_int_equal(qmlog_enc_get(buf, sizeof buf, n49, 1), QM_EINVAL);
	assert_int_equal(qmlog_enc_get(buf, sizeof buf, "", 1), QM_EINVAL);
	/* a length byte of 0 or beyond 48 is damage */
	k = qmlog_enc_get(buf, sizeof buf, "Q", 7);
	buf[1] = 0;
	assert_int_equal(qmlog_dec_get(buf, (size_t)k, &r), QM_ECORRUPT);
	buf[1] = 49;
	assert_int_equal(qmlog_dec_get(buf, (size_t)k, &r), QM_ECORRUPT);
	/* a NUL inside the name */
	k = qmlog_enc_clear(buf, sizeof buf, "AB");
	buf[2] = 0;
	assert_int_equal(qmlog_dec_clear(buf, (size_t)k, &r), QM_ECORRUPT);
}

static void test_qmlog__small_records(void **state)
{
	(void)state;
	uint8_t buf[256];
	struct qmlog_start s = { .time_ms = 42, .pid = 999 };
	strcpy(s.version, "0.1.0.0");
	int k = qmlog_enc_start(buf, sizeof buf, &s);
	struct qmlog_start s2;
	assert_int_equal(qmlog_dec_start(buf, (size_t)k, &s2), QM_OK);
	assert_int_equal(s2.time_ms, 42);
	assert_int_equal(s2.pid, 999);
	assert_string_equal(s2.version, "0.1.0.0");
	assert_int_equal(qmlog_dec_start(buf, (size_t)k + 1, &s2), QM_ECORRUPT);

	struct qmlog_stop st = { .time_ms = 5, .mode = PROTO_STOP_IMMEDIATE }, st2;
	k = qmlog_enc_stop(buf, sizeof buf, &st);
	assert_int_equal(qmlog_dec_stop(buf, (size_t)k, &st2), QM_OK);
	assert_int_equal(st2.mode, PROTO_STOP_IMMEDIATE);

	struct qmlog_uow u = { .time_ms = 7, .ops = 3 }, u2;
	k = qmlog_enc_uow(buf, sizeof buf, &u);
	assert_int_equal(qmlog_dec_uow(buf, (size_t)k, &u2), QM_OK);
	assert_int_equal(u2.ops, 3);
	assert_int_equal(qmlog_dec_uow(buf, (size_t)k - 1, &u2), QM_ECORRUPT);

	struct qmlog_ckpt_uow uows[2] = { { 11, 4096 }, { 12, 8192 } }, x;
	struct qmlog_ckpt_queue qs[2] = { { "Q1", 4096 }, { "SYSTEM.DEFAULT.LOCAL.QUEUE", 0 } };
	struct qmlog_ckpt_media ms[2] = { { OBJDEF_QMGR, "QM1", 100, 200 }, { OBJDEF_QALIAS, "A1", 300, 300 } };
	k = qmlog_enc_ckpt_end(buf, sizeof buf, 12288, uows, 2, qs, 2, ms, 2);
	assert_int_equal((size_t)k, qmlog_ckpt_end_size(2, qs, 2, ms, 2));
	struct qmlog_ckpt_end c;
	assert_int_equal(qmlog_dec_ckpt_end(buf, (size_t)k, &c), QM_OK);
	assert_int_equal(c.begin_lsn, 12288);
	assert_int_equal(c.n, 2);
	qmlog_ckpt_uow_at(&c, 1, &x);
	assert_int_equal(x.id, 12);
	assert_int_equal(x.first_lsn, 8192);
	assert_int_equal(c.nq, 2);
	size_t pos = 0;
	char qn[OBJDEF_NAME_SIZE];
	uint64_t fl;
	assert_int_equal(qmlog_ckpt_queue_next(&c, &pos, qn, &fl), QM_OK);
	assert_string_equal(qn, "Q1");
	assert_int_equal(fl, 4096);
	assert_int_equal(qmlog_ckpt_queue_next(&c, &pos, qn, &fl), QM_OK);
	assert_string_equal(qn, "SYSTEM.DEFAULT.LOCAL.QUEUE");
	assert_int_equal(fl, 0);
	assert_int_equal(qmlog_ckpt_queue_next(&c, &pos, qn, &fl), QM_ECORRUPT);
	/* version 3: the media recovery LSNs */
	assert_int_equal(c.nm, 2);
	int ty;
	uint64_t ml, il;
	pos = 0;
	assert_int_equal(qmlog_ckpt_media_next(&c, &pos, &ty, qn, &ml, &il), QM_OK);
	assert_int_equal(ty, OBJDEF_QMGR);
	assert_string_equal(qn, "QM1");
	assert_int_equal(ml, 100);
	assert_int_equal(il, 200);
	assert_int_equal(qmlog_ckpt_media_next(&c, &pos, &ty, qn, &ml, &il), QM_OK);
	assert_int_equal(ty, OBJDEF_QALIAS);
	assert_string_equal(qn, "A1");
	assert_int_equal(qmlog_ckpt_media_next(&c, &pos, &ty, qn, &ml, &il), QM_ECORRUPT);
	assert_int_equal(qmlog_dec_ckpt_end(buf, (size_t)k - 1, &c), QM_ECORRUPT);
	assert_int_equal(qmlog_dec_ckpt_end(buf, (size_t)k + 1, &c), QM_ECORRUPT);
	/* version 1 (no queue list) is still read */
	uint8_t v1[64];
	v1[0] = 1;
	put_u64(v1 + 1, 12288);
	put_u32(v1 + 9, 1);
	put_u64(v1 + 13, 11);
	put_u64(v1 + 21, 4096);
	assert_int_equal(qmlog_dec_ckpt_end(v1, 29, &c), QM_OK);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.nq, 0);
	assert_int_equal(qmlog_dec_ckpt_end(v1, 28, &c), QM_ECORRUPT);

	struct qmlog_msgref r;
	k = qmlog_enc_bocnt(buf, sizeof buf, "Q1", 4160, 3);
	assert_int_equal(qmlog_dec_bocnt(buf, (size_t)k, &r), QM_OK);
	assert_int_equal(r.count, 3);
	assert_int_equal(r.put_lsn, 4160);
}

/* MEDIA_IMAGE parts: BEGIN with a definition, MSGS with messages that keep
 * their put LSNs, END; and what a damaged part gives. */
static void test_qmlog__media_image(void **state)
{
	(void)state;
	struct objdef d;
	objdef_init_default(OBJDEF_QLOCAL, &d);
	objdef_set_name(&d, "IMG.Q", NULL, 0);
	uint8_t def[OBJDEF_ENC_MAX], buf[4096];
	size_t dlen;
	assert_int_equal(objdef_encode(&d, def, sizeof def, &dlen), QM_OK);
	int k = qmlog_enc_image_begin(buf, sizeof buf, 4096, 2, 15, def, dlen);
	assert_true(k > 0);
	struct qmlog_image im;
	assert_int_equal(qmlog_dec_image(buf, (size_t)k, &im), QM_OK);
	assert_int_equal(im.part, QMLOG_IMG_BEGIN);
	assert_int_equal(im.replay_from, 4096);
	assert_int_equal(im.msgs, 2);
	assert_int_equal(im.bytes, 15);
	struct objdef d2;
	assert_int_equal(objdef_decode(im.def, im.deflen, &d2, NULL, 0), QM_OK);
	assert_string_equal(d2.name, "IMG.Q");

	/* two messages: their put LSNs and backout counts are the image's */
	k = qmlog_enc_image_msgs_head(buf, sizeof buf, "IMG.Q");
	assert_true(k > 0);
	size_t len = (size_t)k;
	struct objfile_msg a = sample_msg(5), b = sample_msg(10);
	a.put_lsn = 8192;
	b.put_lsn = 12288;
	b.backout_count = 7;
	qmlog_image_msg_put(buf + len, &a, "hello");
	len += qmlog_image_msg_size(a.data_len);
	qmlog_image_msg_put(buf + len, &b, "0123456789");
	len += qmlog_image_msg_size(b.data_len);
	qmlog_image_msgs_count(buf, 2);
	assert_int_equal(qmlog_dec_image(buf, len, &im), QM_OK);
	assert_int_equal(im.part, QMLOG_IMG_MSGS);
	assert_string_equal(im.qname, "IMG.Q");
	assert_int_equal(im.count, 2);
	size_t pos = 0;
	struct objfile_msg h;
	const uint8_t *data;
	assert_int_equal(qmlog_image_msg_next(&im, &pos, &h, &data), 1);
	assert_int_equal(h.put_lsn, 8192);
	assert_memory_equal(data, "hello", 5);
	assert_int_equal(qmlog_image_msg_next(&im, &pos, &h, &data), 1);
	assert_int_equal(h.put_lsn, 12288);
	assert_int_equal(h.backout_count, 7);
	assert_memory_equal(data, "0123456789", 10);
	assert_int_equal(qmlog_image_msg_next(&im, &pos, &h, &data), 0);
	/* a part cut short: the last message does not add up */
	assert_int_equal(qmlog_dec_image(buf, len - 3, &im), QM_OK);
	pos = 0;
	assert_int_equal(qmlog_image_msg_next(&im, &pos, &h, &data), 1);
	assert_int_equal(qmlog_image_msg_next(&im, &pos, &h, &data), QM_ECORRUPT);

	k = qmlog_enc_image_end(buf, sizeof buf, "IMG.Q", 4096, 2048, 2, 15);
	assert_int_equal(qmlog_dec_image(buf, (size_t)k, &im), QM_OK);
	assert_int_equal(im.part, QMLOG_IMG_END);
	assert_int_equal(im.begin_lsn, 4096);
	assert_int_equal(im.replay_from, 2048);
	assert_int_equal(im.msgs, 2);
	assert_int_equal(im.bytes, 15);
	assert_int_equal(qmlog_dec_image(buf, (size_t)k - 1, &im), QM_ECORRUPT);
	buf[1] = 9;   /* no such part */
	assert_int_equal(qmlog_dec_image(buf, (size_t)k, &im), QM_ECORRUPT);
	buf[0] = 2;   /* a version not known */
	assert_int_equal(qmlog_dec_image(buf, (size_t)k, &im), QM_EVERSION);
	char line[256];
	k = qmlog_enc_image_end(buf, sizeof buf, "IMG.Q", 4096, 2048, 2, 15);
	assert_int_equal(qmlog_describe(LOG_REC_MEDIA_IMAGE, buf, (size_t)k, line, sizeof line), QM_OK);
	assert_non_null(strstr(line, "media image of IMG.Q ends"));
}

static void test_qmlog__describe(void **state)
{
	(void)state;
	char out[512];
	uint8_t buf[1024];
	struct objfile_msg m = sample_msg(12);
	int k = qmlog_enc_put(buf, sizeof buf, "DEV.QUEUE.1", &m, "twelve bytes");
	assert_int_equal(qmlog_describe(LOG_REC_MSG_PUT, buf, (size_t)k, out, sizeof out), QM_OK);
	assert_non_null(strstr(out, "queue DEV.QUEUE.1 msgid 414D5120514D31"));
	assert_non_null(strstr(out, "priority 4 persistent, 12 bytes"));
	k = qmlog_enc_get(buf, sizeof buf, "DEV.QUEUE.1", 0x11000);
	assert_int_equal(qmlog_describe(LOG_REC_MSG_GET, buf, (size_t)k, out, sizeof out), QM_OK);
	assert_string_equal(out, "queue DEV.QUEUE.1 message put at 0000:0000:0001:1000");
	struct qmlog_uow u = { .time_ms = 0, .ops = 4 };
	k = qmlog_enc_uow(buf, sizeof buf, &u);
	assert_int_equal(qmlog_describe(LOG_REC_UOW_COMMIT, buf, (size_t)k, out, sizeof out), QM_OK);
	assert_string_equal(out, "committed 1970-01-01T00:00:00.000Z, 4 logged operations");
	struct objdef d;
	size_t len;
	assert_int_equal(objdef_init_default(OBJDEF_QLOCAL, &d), QM_OK);
	assert_int_equal(objdef_set_name(&d, "APP.Q", NULL, 0), QM_OK);
	assert_int_equal(objdef_encode(&d, buf, sizeof buf, &len), QM_OK);
	assert_int_equal(qmlog_describe(LOG_REC_OBJ_CREATE, buf, len, out, sizeof out), QM_OK);
	assert_string_equal(out, "define qlocal APP.Q");
	/* damage is said, not hidden */
	assert_int_equal(qmlog_describe(LOG_REC_MSG_GET, buf, 3, out, sizeof out), QM_ECORRUPT);
	assert_non_null(strstr(out, "get payload not valid (3 bytes)"));
	assert_int_equal(qmlog_describe(LOG_REC_TEST, buf, 3, out, sizeof out), QM_OK);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qmlog__put_round_trip),
		cmocka_unit_test(test_qmlog__names),
		cmocka_unit_test(test_qmlog__small_records),
		cmocka_unit_test(test_qmlog__media_image),
		cmocka_unit_test(test_qmlog__describe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
