/*
 * test_mqai.c: qm/mqi/mqai.c, the MQAI's bags (cmqbc.h), without a queue
 * manager: every call's misuse reason codes, the index and selector rules,
 * PCF written by mqBagToBuffer checked byte for byte, mqBufferToBag reading
 * it back item for item, and hostile buffers (every prefix, every single
 * byte changed, and random corruptions) that must give a reason and leave the
 * bag as it was. mqPutBag, mqGetBag and mqExecute against a queue manager are
 * in tests/integration/t6150-mqai.sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <cmqc.h>
#include <cmqcfc.h>
#include <cmqbc.h>

/* Runs a call whose last two arguments are the locals cc and rc, checks both. */
#define CHECK(call, ecc, erc) do { \
		cc = rc = -9; \
		call; \
		assert_int_equal(rc, erc); \
		assert_int_equal(cc, ecc); \
	} while (0)
#define OK(call) CHECK(call, MQCC_OK, MQRC_NONE)
#define FAILS(call, erc) CHECK(call, MQCC_FAILED, erc)

static MQLONG cc, rc;

static MQHBAG bag_of(MQLONG options)
{
	MQHBAG b = MQHB_UNUSABLE_HBAG;
	OK(mqCreateBag(options, &b, &cc, &rc));
	assert_true(b > 0);
	return b;
}

static MQLONG count(MQHBAG b, MQLONG sel)
{
	MQLONG n = -1;
	OK(mqCountItems(b, sel, &n, &cc, &rc));
	return n;
}

static MQLONG int_at(MQHBAG b, MQLONG sel, MQLONG idx)
{
	MQLONG v = -12345;
	OK(mqInquireInteger(b, sel, idx, &v, &cc, &rc));
	return v;
}

static MQLONG rd32(const unsigned char *p)
{
	MQLONG v;
	memcpy(&v, p, 4);
	return v;
}

/* ------------------------------------------------------------------------ */

static void test_mqai__create_delete(void **state)
{
	(void)state;
	MQHBAG b = bag_of(MQCBO_USER_BAG), a = bag_of(MQCBO_ADMIN_BAG);
	assert_int_not_equal(a, b);
	/* nine system items, no user items */
	assert_int_equal(count(b, MQSEL_ALL_SELECTORS), 9);
	assert_int_equal(count(b, MQSEL_ALL_USER_SELECTORS), 0);
	assert_int_equal(count(b, MQSEL_ALL_SYSTEM_SELECTORS), 9);
	assert_int_equal(int_at(b, MQIASY_BAG_OPTIONS, MQIND_NONE), 0);
	assert_int_equal(int_at(b, MQIASY_TYPE, MQIND_NONE), MQCFT_USER);
	/* an administration bag implies list form, reordering and selector checks */
	assert_int_equal(int_at(a, MQIASY_BAG_OPTIONS, MQIND_NONE),
			 MQCBO_ADMIN_BAG | MQCBO_LIST_FORM_ALLOWED | MQCBO_REORDER_AS_REQUIRED |
			 MQCBO_CHECK_SELECTORS);
	assert_int_equal(int_at(a, MQIASY_TYPE, MQIND_NONE), MQCFT_COMMAND);
	assert_int_equal(int_at(a, MQIASY_CONTROL, MQIND_NONE), MQCFC_LAST);
	assert_int_equal(int_at(a, MQIASY_MSG_SEQ_NUMBER, MQIND_NONE), 1);

	MQHBAG x = 77;
	FAILS(mqCreateBag(MQCBO_SYSTEM_BAG, &x, &cc, &rc), MQRC_OPTIONS_ERROR);
	FAILS(mqCreateBag(MQCBO_ADMIN_BAG | MQCBO_GROUP_BAG, &x, &cc, &rc), MQRC_OPTIONS_ERROR);
	FAILS(mqCreateBag(0x100, &x, &cc, &rc), MQRC_OPTIONS_ERROR);
	assert_int_equal(x, 77);
	FAILS(mqCreateBag(MQCBO_NONE, NULL, &cc, &rc), MQRC_HBAG_ERROR);

	MQHBAG old = b;
	OK(mqDeleteBag(&b, &cc, &rc));
	assert_int_equal(b, MQHB_UNUSABLE_HBAG);
	FAILS(mqDeleteBag(&old, &cc, &rc), MQRC_HBAG_ERROR);
	FAILS(mqAddInteger(old, 1, 1, &cc, &rc), MQRC_HBAG_ERROR);
	FAILS(mqCountItems(old, MQSEL_ALL_SELECTORS, &x, &cc, &rc), MQRC_HBAG_ERROR);
	FAILS(mqDeleteBag(NULL, &cc, &rc), MQRC_HBAG_ERROR);
	MQHBAG none = MQHB_NONE;
	FAILS(mqDeleteBag(&none, &cc, &rc), MQRC_HBAG_ERROR);
	/* a new bag never gets the old handle back */
	MQHBAG c = bag_of(MQCBO_USER_BAG);
	assert_int_not_equal(c, old);
	/* no completion code or reason to set: nothing happens */
	mqAddInteger(c, 1, 1, NULL, &rc);
	assert_int_equal(count(c, MQSEL_ALL_USER_SELECTORS), 0);
	OK(mqDeleteBag(&c, &cc, &rc));
	OK(mqDeleteBag(&a, &cc, &rc));
}

static void test_mqai__items(void **state)
{
	(void)state;
	MQHBAG b = bag_of(MQCBO_USER_BAG);
	MQLONG v, sel, type, len, ccsid, op;
	MQINT64 v64;
	char buf[16];
	MQBYTE bytes[8];

	OK(mqSetInteger(b, MQIASY_CODED_CHAR_SET_ID, MQIND_NONE, 1208, &cc, &rc));
	OK(mqAddInteger(b, 10, 100, &cc, &rc));
	OK(mqAddInteger(b, 10, 101, &cc, &rc));
	OK(mqAddInteger64(b, 11, -5000000000LL, &cc, &rc));
	OK(mqAddString(b, 12, MQBL_NULL_TERMINATED, "hello", &cc, &rc));
	OK(mqAddString(b, 13, 3, "abcdef", &cc, &rc));
	OK(mqAddByteString(b, 14, 3, (PMQBYTE)"\x01\x00\x02", &cc, &rc));
	OK(mqAddIntegerFilter(b, 15, 7, MQCFOP_GREATER, &cc, &rc));
	OK(mqAddStringFilter(b, 16, MQBL_NULL_TERMINATED, "Q*", MQCFOP_LIKE, &cc, &rc));
	OK(mqAddByteStringFilter(b, 17, 2, (PMQBYTE)"\xff\xfe", MQCFOP_EQUAL, &cc, &rc));
	assert_int_equal(count(b, MQSEL_ALL_USER_SELECTORS), 9);
	assert_int_equal(count(b, 10), 2);
	assert_int_equal(count(b, 99), 0);

	assert_int_equal(int_at(b, 10, 0), 100);
	assert_int_equal(int_at(b, 10, 1), 101);
	FAILS(mqInquireInteger(b, 10, MQIND_NONE, &v, &cc, &rc), MQRC_SELECTOR_NOT_UNIQUE);
	FAILS(mqInquireInteger(b, 10, 2, &v, &cc, &rc), MQRC_INDEX_NOT_PRESENT);
	FAILS(mqInquireInteger(b, 10, MQIND_ALL, &v, &cc, &rc), MQRC_INDEX_ERROR);
	FAILS(mqInquireInteger(b, 10, -7, &v, &cc, &rc), MQRC_INDEX_ERROR);
	FAILS(mqInquireInteger(b, 99, 0, &v, &cc, &rc), MQRC_SELECTOR_NOT_PRESENT);
	FAILS(mqInquireInteger(b, 10, 0, NULL, &cc, &rc), MQRC_ITEM_VALUE_ERROR);
	FAILS(mqInquireInteger(b, 11, 0, &v, &cc, &rc), MQRC_SELECTOR_WRONG_TYPE);
	FAILS(mqInquireInteger(b, 12, 0, &v, &cc, &rc), MQRC_SELECTOR_WRONG_TYPE);
	FAILS(mqInquireInteger(b, -55, MQIND_NONE, &v, &cc, &rc), MQRC_SELECTOR_NOT_SUPPORTED);
	OK(mqInquireInteger64(b, 11, 0, &v64, &cc, &rc));
	assert_true(v64 == -5000000000LL);
	OK(mqInquireInteger64(b, 10, 1, &v64, &cc, &rc));
	assert_true(v64 == 101);

	/* strings: blank-padded, truncation is a warning, the bag's CCSID */
	memset(buf, '#', sizeof buf);
	OK(mqInquireString(b, 12, 0, 8, buf, &len, &ccsid, &cc, &rc));
	assert_memory_equal(buf, "hello   #", 9);
	assert_int_equal(len, 5);
	assert_int_equal(ccsid, 1208);
	CHECK(mqInquireString(b, 12, 0, 2, buf, &len, NULL, &cc, &rc), MQCC_WARNING,
	      MQRC_STRING_TRUNCATED);
	assert_memory_equal(buf, "he", 2);
	assert_int_equal(len, 5);
	/* a zero-length buffer asks the length: the string is truncated to nothing */
	CHECK(mqInquireString(b, 13, 0, 0, NULL, &len, NULL, &cc, &rc), MQCC_WARNING,
	      MQRC_STRING_TRUNCATED);
	assert_int_equal(len, 3);
	FAILS(mqInquireString(b, 12, 0, -1, buf, &len, NULL, &cc, &rc), MQRC_BUFFER_LENGTH_ERROR);
	FAILS(mqInquireString(b, 12, 0, 4, NULL, &len, NULL, &cc, &rc), MQRC_BUFFER_ERROR);
	FAILS(mqInquireString(b, 14, 0, 4, buf, &len, NULL, &cc, &rc), MQRC_SELECTOR_WRONG_TYPE);
	memset(bytes, 9, sizeof bytes);
	OK(mqInquireByteString(b, 14, 0, 8, bytes, &len, &cc, &rc));
	assert_memory_equal(bytes, "\x01\x00\x02\x09", 4);
	assert_int_equal(len, 3);

	OK(mqInquireIntegerFilter(b, 15, MQIND_NONE, &v, &op, &cc, &rc));
	assert_int_equal(v, 7);
	assert_int_equal(op, MQCFOP_GREATER);
	OK(mqInquireStringFilter(b, 16, 0, 4, buf, &len, &ccsid, &op, &cc, &rc));
	assert_memory_equal(buf, "Q*  ", 4);
	assert_int_equal(op, MQCFOP_LIKE);
	OK(mqInquireByteStringFilter(b, 17, 0, 2, bytes, &len, &op, &cc, &rc));
	assert_memory_equal(bytes, "\xff\xfe", 2);
	FAILS(mqInquireIntegerFilter(b, 15, 0, &v, NULL, &cc, &rc), MQRC_FILTER_OPERATOR_ERROR);

	OK(mqInquireItemInfo(b, MQSEL_ANY_USER_SELECTOR, 2, &sel, &type, &cc, &rc));
	assert_int_equal(sel, 11);
	assert_int_equal(type, MQITEM_INTEGER64);
	OK(mqInquireItemInfo(b, MQSEL_ANY_SELECTOR, 0, &sel, &type, &cc, &rc));
	assert_int_equal(sel, MQIASY_CODED_CHAR_SET_ID);
	OK(mqInquireItemInfo(b, 17, MQIND_NONE, &sel, &type, &cc, &rc));
	assert_int_equal(type, MQITEM_BYTE_STRING_FILTER);
	FAILS(mqInquireItemInfo(b, 17, 0, NULL, &type, &cc, &rc), MQRC_OUT_SELECTOR_ERROR);
	FAILS(mqInquireItemInfo(b, 17, 0, &sel, NULL, &cc, &rc), MQRC_ITEM_TYPE_ERROR);
	FAILS(mqCountItems(b, 10, NULL, &cc, &rc), MQRC_ITEM_COUNT_ERROR);
	OK(mqDeleteBag(&b, &cc, &rc));
}

static void test_mqai__add_misuse(void **state)
{
	(void)state;
	MQHBAG u = bag_of(MQCBO_USER_BAG), a = bag_of(MQCBO_ADMIN_BAG);
	FAILS(mqAddInteger(u, -3, 1, &cc, &rc), MQRC_SELECTOR_OUT_OF_RANGE);
	/* checked selectors: each type in its range */
	FAILS(mqAddInteger(a, MQCA_Q_NAME, 1, &cc, &rc), MQRC_SELECTOR_OUT_OF_RANGE);
	FAILS(mqAddString(a, MQIA_CURRENT_Q_DEPTH, 1, "x", &cc, &rc), MQRC_SELECTOR_OUT_OF_RANGE);
	FAILS(mqAddByteString(a, MQCA_Q_NAME, 1, (PMQBYTE)"x", &cc, &rc), MQRC_SELECTOR_OUT_OF_RANGE);
	OK(mqAddInteger(a, MQIA_Q_TYPE, MQQT_LOCAL, &cc, &rc));
	OK(mqAddString(a, MQCA_Q_NAME, 2, "Q1", &cc, &rc));
	OK(mqAddInteger(u, MQCA_Q_NAME, 1, &cc, &rc));             /* unchecked: anything >= 0 */
	FAILS(mqAddString(u, MQCA_Q_NAME, 1, "x", &cc, &rc), MQRC_INCONSISTENT_ITEM_TYPE);
	FAILS(mqAddInteger64(u, MQCA_Q_NAME, 1, &cc, &rc), MQRC_INCONSISTENT_ITEM_TYPE);
	/* lengths and buffers */
	FAILS(mqAddString(u, 5, -2, "x", &cc, &rc), MQRC_BUFFER_LENGTH_ERROR);
	FAILS(mqAddString(u, 5, 3, NULL, &cc, &rc), MQRC_BUFFER_ERROR);
	FAILS(mqAddString(u, 5, MQBL_NULL_TERMINATED, NULL, &cc, &rc), MQRC_BUFFER_ERROR);
	FAILS(mqAddByteString(u, 5, MQBL_NULL_TERMINATED, (PMQBYTE)"x", &cc, &rc),
	      MQRC_BUFFER_LENGTH_ERROR);
	OK(mqAddString(u, 6, 0, NULL, &cc, &rc));
	/* filter operators */
	FAILS(mqAddIntegerFilter(u, 7, 1, 99, &cc, &rc), MQRC_FILTER_OPERATOR_ERROR);
	FAILS(mqAddIntegerFilter(u, 7, 1, MQCFOP_LIKE, &cc, &rc), MQRC_FILTER_OPERATOR_ERROR);
	FAILS(mqAddStringFilter(u, 7, 1, "x", 0, &cc, &rc), MQRC_FILTER_OPERATOR_ERROR);
	/* mqAddInquiry: administration bags only */
	FAILS(mqAddInquiry(u, MQCA_Q_NAME, &cc, &rc), MQRC_BAG_WRONG_TYPE);
	FAILS(mqAddInquiry(a, -1, &cc, &rc), MQRC_SELECTOR_OUT_OF_RANGE);
	OK(mqAddInquiry(a, MQCA_Q_NAME, &cc, &rc));
	/* nothing half-done: the failed calls added nothing */
	assert_int_equal(count(u, MQSEL_ALL_USER_SELECTORS), 2);
	assert_int_equal(count(a, MQSEL_ALL_USER_SELECTORS), 3);
	OK(mqDeleteBag(&u, &cc, &rc));
	OK(mqDeleteBag(&a, &cc, &rc));
}

static void test_mqai__set_delete_truncate(void **state)
{
	(void)state;
	MQHBAG b = bag_of(MQCBO_USER_BAG);
	MQLONG v, sel, type;
	OK(mqAddInteger(b, 1, 10, &cc, &rc));
	OK(mqAddInteger(b, 2, 20, &cc, &rc));
	OK(mqAddInteger(b, 1, 11, &cc, &rc));
	OK(mqSetInteger(b, 1, 1, 12, &cc, &rc));
	assert_int_equal(int_at(b, 1, 1), 12);
	FAILS(mqSetInteger(b, 1, MQIND_NONE, 5, &cc, &rc), MQRC_SELECTOR_NOT_UNIQUE);
	FAILS(mqSetInteger(b, 1, 2, 5, &cc, &rc), MQRC_INDEX_NOT_PRESENT);
	FAILS(mqSetInteger(b, 3, 0, 5, &cc, &rc), MQRC_SELECTOR_NOT_PRESENT);
	FAILS(mqSetInteger(b, 1, -3, 5, &cc, &rc), MQRC_INDEX_ERROR);
	FAILS(mqSetString(b, 1, 0, 1, "x", &cc, &rc), MQRC_SELECTOR_WRONG_TYPE);
	/* MQIND_NONE with no occurrence adds one */
	OK(mqSetInteger(b, 3, MQIND_NONE, 30, &cc, &rc));
	assert_int_equal(int_at(b, 3, MQIND_NONE), 30);
	/* MQIND_ALL: every occurrence goes, one new at the end, any type */
	OK(mqSetString(b, 1, MQIND_ALL, 2, "xy", &cc, &rc));
	assert_int_equal(count(b, 1), 1);
	OK(mqInquireItemInfo(b, MQSEL_ANY_USER_SELECTOR, 2, &sel, &type, &cc, &rc));
	assert_int_equal(sel, 1);
	assert_int_equal(type, MQITEM_STRING);
	/* system items */
	OK(mqSetInteger(b, MQIASY_COMMAND, MQIND_NONE, MQCMD_INQUIRE_Q, &cc, &rc));
	assert_int_equal(int_at(b, MQIASY_COMMAND, MQIND_NONE), MQCMD_INQUIRE_Q);
	FAILS(mqSetInteger(b, MQIASY_BAG_OPTIONS, MQIND_NONE, 1, &cc, &rc),
	      MQRC_SYSTEM_ITEM_NOT_ALTERABLE);
	FAILS(mqSetInteger(b, MQIASY_COMMAND, 0, 1, &cc, &rc), MQRC_MULTIPLE_INSTANCE_ERROR);
	FAILS(mqSetInteger(b, -77, MQIND_NONE, 1, &cc, &rc), MQRC_SELECTOR_NOT_SUPPORTED);
	FAILS(mqSetString(b, MQIASY_COMMAND, MQIND_NONE, 1, "x", &cc, &rc), MQRC_SELECTOR_WRONG_TYPE);
	FAILS(mqDeleteItem(b, MQIASY_COMMAND, MQIND_NONE, &cc, &rc), MQRC_SYSTEM_ITEM_NOT_DELETABLE);
	FAILS(mqDeleteItem(b, MQSEL_ANY_SYSTEM_SELECTOR, MQIND_ALL, &cc, &rc),
	      MQRC_SYSTEM_ITEM_NOT_DELETABLE);
	/* deleting */
	OK(mqAddInteger(b, 4, 40, &cc, &rc));
	OK(mqAddInteger(b, 4, 41, &cc, &rc));
	FAILS(mqDeleteItem(b, 4, MQIND_NONE, &cc, &rc), MQRC_SELECTOR_NOT_UNIQUE);
	OK(mqDeleteItem(b, 4, 0, &cc, &rc));
	assert_int_equal(int_at(b, 4, MQIND_NONE), 41);
	OK(mqAddInteger(b, 4, 42, &cc, &rc));
	OK(mqDeleteItem(b, 4, MQIND_ALL, &cc, &rc));
	assert_int_equal(count(b, 4), 0);
	FAILS(mqDeleteItem(b, 4, MQIND_ALL, &cc, &rc), MQRC_SELECTOR_NOT_PRESENT);
	FAILS(mqDeleteItem(b, 2, 1, &cc, &rc), MQRC_INDEX_NOT_PRESENT);
	/* truncating: user items 2, 3, 1 */
	assert_int_equal(count(b, MQSEL_ALL_USER_SELECTORS), 3);
	FAILS(mqTruncateBag(b, 4, &cc, &rc), MQRC_ITEM_COUNT_ERROR);
	FAILS(mqTruncateBag(b, -1, &cc, &rc), MQRC_ITEM_COUNT_ERROR);
	OK(mqTruncateBag(b, 1, &cc, &rc));
	assert_int_equal(count(b, MQSEL_ALL_USER_SELECTORS), 1);
	assert_int_equal(int_at(b, 2, MQIND_NONE), 20);
	/* clearing: user items go, system items return to their defaults */
	OK(mqClearBag(b, &cc, &rc));
	assert_int_equal(count(b, MQSEL_ALL_SELECTORS), 9);
	assert_int_equal(int_at(b, MQIASY_COMMAND, MQIND_NONE), MQCMD_NONE);
	FAILS(mqInquireInteger(b, 2, 0, &v, &cc, &rc), MQRC_SELECTOR_NOT_PRESENT);
	OK(mqDeleteBag(&b, &cc, &rc));
}

static void test_mqai__nested(void **state)
{
	(void)state;
	MQHBAG u = bag_of(MQCBO_USER_BAG), g = bag_of(MQCBO_GROUP_BAG), g2 = bag_of(MQCBO_GROUP_BAG);
	MQHBAG a = bag_of(MQCBO_ADMIN_BAG), got = 0;
	unsigned char buf[256];
	MQLONG len;
	FAILS(mqAddBag(a, 8001, g, &cc, &rc), MQRC_BAG_WRONG_TYPE);
	FAILS(mqAddBag(u, 8001, a, &cc, &rc), MQRC_BAG_WRONG_TYPE);
	FAILS(mqAddBag(g, 8001, g, &cc, &rc), MQRC_HBAG_ERROR);
	FAILS(mqAddBag(u, 8001, 12345678, &cc, &rc), MQRC_HBAG_ERROR);
	OK(mqAddBag(u, 8001, g, &cc, &rc));
	OK(mqAddBag(g, 8002, g2, &cc, &rc));
	FAILS(mqAddBag(g2, 8003, g, &cc, &rc), MQRC_HBAG_ERROR);     /* a cycle */
	OK(mqInquireBag(u, 8001, 0, &got, &cc, &rc));
	assert_int_equal(got, g);
	FAILS(mqInquireBag(u, 8001, 0, NULL, &cc, &rc), MQRC_ITEM_VALUE_ERROR);
	/* the application's nested bag stays its own: once deleted it is missed */
	OK(mqDeleteBag(&g2, &cc, &rc));
	FAILS(mqBagToBuffer(MQHB_NONE, u, sizeof buf, buf, &len, &cc, &rc), MQRC_HBAG_ERROR);
	OK(mqDeleteItem(g, 8002, MQIND_NONE, &cc, &rc));
	OK(mqBagToBuffer(MQHB_NONE, u, sizeof buf, buf, &len, &cc, &rc));
	assert_int_equal(len, 36 + 16);

	/* read back: the group is a system bag, which cannot be changed or deleted */
	MQHBAG r = bag_of(MQCBO_USER_BAG), sys = 0;
	OK(mqAddInteger(g, 5, 55, &cc, &rc));
	OK(mqBagToBuffer(MQHB_NONE, u, sizeof buf, buf, &len, &cc, &rc));
	OK(mqBufferToBag(MQHB_NONE, len, buf, r, &cc, &rc));
	OK(mqInquireBag(r, 8001, MQIND_NONE, &sys, &cc, &rc));
	assert_int_equal(int_at(sys, 5, MQIND_NONE), 55);
	FAILS(mqAddInteger(sys, 6, 1, &cc, &rc), MQRC_SYSTEM_BAG_NOT_ALTERABLE);
	FAILS(mqClearBag(sys, &cc, &rc), MQRC_SYSTEM_BAG_NOT_ALTERABLE);
	FAILS(mqDeleteBag(&sys, &cc, &rc), MQRC_SYSTEM_BAG_NOT_DELETABLE);
	FAILS(mqBufferToBag(MQHB_NONE, len, buf, sys, &cc, &rc), MQRC_SYSTEM_BAG_NOT_ALTERABLE);
	/* it goes with its bag */
	MQHBAG keep = sys;
	OK(mqClearBag(r, &cc, &rc));
	FAILS(mqAddInteger(keep, 6, 1, &cc, &rc), MQRC_HBAG_ERROR);
	OK(mqDeleteBag(&r, &cc, &rc));
	OK(mqDeleteBag(&u, &cc, &rc));
	OK(mqDeleteBag(&g, &cc, &rc));
	OK(mqDeleteBag(&a, &cc, &rc));
}

/* the PCF of an administration bag, byte for byte */
static void test_mqai__to_buffer(void **state)
{
	(void)state;
	MQHBAG a = bag_of(MQCBO_ADMIN_BAG);
	unsigned char buf[512];
	MQLONG len = -1;
	OK(mqSetInteger(a, MQIASY_COMMAND, MQIND_NONE, MQCMD_INQUIRE_Q, &cc, &rc));
	OK(mqAddString(a, MQCA_Q_NAME, MQBL_NULL_TERMINATED, "A*", &cc, &rc));
	OK(mqAddInteger(a, MQIA_Q_TYPE, MQQT_LOCAL, &cc, &rc));
	OK(mqAddInquiry(a, MQCA_Q_NAME, &cc, &rc));
	OK(mqAddInteger(a, MQIACF_Q_STATUS_ATTRS, 1, &cc, &rc));
	OK(mqAddInteger(a, MQIACF_Q_STATUS_ATTRS, 2, &cc, &rc));
	OK(mqAddInquiry(a, MQIA_CURRENT_Q_DEPTH, &cc, &rc));
	OK(mqAddString(a, MQCACF_USER_IDENTIFIER, 2, "ab", &cc, &rc));
	OK(mqAddString(a, MQCACF_USER_IDENTIFIER, 4, "cdef", &cc, &rc));

	/* too small: the length it needs */
	FAILS(mqBagToBuffer(MQHB_NONE, a, 10, buf, &len, &cc, &rc), MQRC_BUFFER_LENGTH_ERROR);
	MQLONG need = len;
	FAILS(mqBagToBuffer(a, a, sizeof buf, buf, &len, &cc, &rc), MQRC_OPTIONS_ERROR);
	FAILS(mqBagToBuffer(MQHB_NONE, a, sizeof buf, NULL, &len, &cc, &rc), MQRC_BUFFER_ERROR);
	FAILS(mqBagToBuffer(MQHB_NONE, a, sizeof buf, buf, NULL, &cc, &rc), MQRC_DATA_LENGTH_ERROR);
	OK(mqBagToBuffer(MQHB_NONE, a, sizeof buf, buf, &len, &cc, &rc));
	assert_int_equal(len, need);
	/* MQCFH */
	const unsigned char *p = buf;
	assert_int_equal(rd32(p), MQCFT_COMMAND);
	assert_int_equal(rd32(p + 4), MQCFH_STRUC_LENGTH);
	assert_int_equal(rd32(p + 8), MQCFH_VERSION_1);
	assert_int_equal(rd32(p + 12), MQCMD_INQUIRE_Q);
	assert_int_equal(rd32(p + 16), 1);
	assert_int_equal(rd32(p + 20), MQCFC_LAST);
	assert_int_equal(rd32(p + 32), 5);   /* string, integer, inquiry list, integer list, string list */
	p += 36;
	/* MQCFST "A*" (20 + 4) */
	assert_int_equal(rd32(p), MQCFT_STRING);
	assert_int_equal(rd32(p + 4), 24);
	assert_int_equal(rd32(p + 8), MQCA_Q_NAME);
	assert_int_equal(rd32(p + 12), MQCCSI_Q_MGR);
	assert_int_equal(rd32(p + 16), 2);
	assert_memory_equal(p + 20, "A*\0\0", 4);
	p += 24;
	/* MQCFIN */
	assert_int_equal(rd32(p), MQCFT_INTEGER);
	assert_int_equal(rd32(p + 4), 16);
	assert_int_equal(rd32(p + 8), MQIA_Q_TYPE);
	assert_int_equal(rd32(p + 12), MQQT_LOCAL);
	p += 16;
	/* the inquiry items: one MQCFIL of MQIACF_Q_ATTRS where the first stood */
	assert_int_equal(rd32(p), MQCFT_INTEGER_LIST);
	assert_int_equal(rd32(p + 4), 24);
	assert_int_equal(rd32(p + 8), MQIACF_Q_ATTRS);
	assert_int_equal(rd32(p + 12), 2);
	assert_int_equal(rd32(p + 16), MQCA_Q_NAME);
	assert_int_equal(rd32(p + 20), MQIA_CURRENT_Q_DEPTH);
	p += 24;
	/* adjacent integers in list form */
	assert_int_equal(rd32(p), MQCFT_INTEGER_LIST);
	assert_int_equal(rd32(p + 4), 24);
	assert_int_equal(rd32(p + 8), MQIACF_Q_STATUS_ATTRS);
	assert_int_equal(rd32(p + 12), 2);
	assert_int_equal(rd32(p + 16), 1);
	assert_int_equal(rd32(p + 20), 2);
	p += 24;
	/* adjacent strings: MQCFSL, blank-padded to the longest */
	assert_int_equal(rd32(p), MQCFT_STRING_LIST);
	assert_int_equal(rd32(p + 4), 24 + 8);
	assert_int_equal(rd32(p + 8), MQCACF_USER_IDENTIFIER);
	assert_int_equal(rd32(p + 16), 2);
	assert_int_equal(rd32(p + 20), 4);
	assert_memory_equal(p + 24, "ab  cdef", 8);
	p += 32;
	assert_int_equal(p - buf, len);

	/* an inquiry for a command that has no attribute list */
	OK(mqSetInteger(a, MQIASY_COMMAND, MQIND_NONE, MQCMD_CHANGE_Q, &cc, &rc));
	FAILS(mqBagToBuffer(MQHB_NONE, a, sizeof buf, buf, &len, &cc, &rc), MQRC_INQUIRY_COMMAND_ERROR);
	OK(mqDeleteBag(&a, &cc, &rc));
}

/* one of each kind of item through mqBagToBuffer and back */
static MQHBAG sample_bag(void)
{
	MQHBAG u = bag_of(MQCBO_USER_BAG), g = bag_of(MQCBO_GROUP_BAG);
	OK(mqSetInteger(u, MQIASY_TYPE, MQIND_NONE, MQCFT_RESPONSE, &cc, &rc));
	OK(mqSetInteger(u, MQIASY_REASON, MQIND_NONE, MQRCCF_COMMAND_FAILED, &cc, &rc));
	OK(mqSetInteger(u, MQIASY_COMP_CODE, MQIND_NONE, MQCC_FAILED, &cc, &rc));
	OK(mqSetInteger(u, MQIASY_CODED_CHAR_SET_ID, MQIND_NONE, 819, &cc, &rc));
	OK(mqAddInteger(u, 1, -1, &cc, &rc));
	OK(mqAddInteger64(u, 2, 1LL << 40, &cc, &rc));
	OK(mqAddString(u, 3, 5, "five5", &cc, &rc));
	OK(mqAddByteString(u, 4, 5, (PMQBYTE)"\0\1\2\3\4", &cc, &rc));
	OK(mqAddIntegerFilter(u, 5, 3, MQCFOP_NOT_LESS, &cc, &rc));
	OK(mqAddStringFilter(u, 6, 3, "a%b", MQCFOP_LIKE, &cc, &rc));
	OK(mqAddByteStringFilter(u, 7, 1, (PMQBYTE)"\x7f", MQCFOP_NOT_EQUAL, &cc, &rc));
	OK(mqAddString(g, 9, 2, "in", &cc, &rc));
	OK(mqAddBag(u, 8, g, &cc, &rc));
	OK(mqAddInteger(u, 10, 1, &cc, &rc));
	OK(mqAddInteger(u, 10, 2, &cc, &rc));
	return u;   /* g is nested; deleted with sample_free */
}

static void sample_free(MQHBAG u)
{
	MQHBAG g;
	OK(mqInquireBag(u, 8, 0, &g, &cc, &rc));
	OK(mqDeleteBag(&u, &cc, &rc));
	OK(mqDeleteBag(&g, &cc, &rc));
}

/* every item of a and b, and the MQCFH system items, are the same */
static void assert_same_bag(MQHBAG a, MQHBAG b, int depth)
{
	MQLONG n = count(a, MQSEL_ALL_USER_SELECTORS);
	assert_int_equal(count(b, MQSEL_ALL_USER_SELECTORS), n);
	for (MQLONG s = MQIASY_TYPE; s >= MQIASY_REASON; s--)
		assert_int_equal(int_at(a, s, MQIND_NONE), int_at(b, s, MQIND_NONE));
	for (MQLONG i = 0; i < n; i++) {
		MQLONG sa, ta, sb, tb;
		OK(mqInquireItemInfo(a, MQSEL_ANY_USER_SELECTOR, i, &sa, &ta, &cc, &rc));
		OK(mqInquireItemInfo(b, MQSEL_ANY_USER_SELECTOR, i, &sb, &tb, &cc, &rc));
		assert_int_equal(sa, sb);
		assert_int_equal(ta, tb);
		unsigned char x[64], y[64];
		MQLONG lx, ly, ox = 0, oy = 0, cx = 0, cy = 0;
		MQINT64 ix, iy;
		MQHBAG na, nb;
		switch (ta) {
		case MQITEM_INTEGER: case MQITEM_INTEGER64:
			OK(mqInquireInteger64(a, MQSEL_ANY_USER_SELECTOR, i, &ix, &cc, &rc));
			OK(mqInquireInteger64(b, MQSEL_ANY_USER_SELECTOR, i, &iy, &cc, &rc));
			assert_true(ix == iy);
			break;
		case MQITEM_INTEGER_FILTER:
			OK(mqInquireIntegerFilter(a, MQSEL_ANY_USER_SELECTOR, i, &lx, &ox, &cc, &rc));
			OK(mqInquireIntegerFilter(b, MQSEL_ANY_USER_SELECTOR, i, &ly, &oy, &cc, &rc));
			assert_int_equal(lx, ly);
			break;
		case MQITEM_STRING:
			OK(mqInquireString(a, MQSEL_ANY_USER_SELECTOR, i, 64, (PMQCHAR)x, &lx, &cx, &cc, &rc));
			OK(mqInquireString(b, MQSEL_ANY_USER_SELECTOR, i, 64, (PMQCHAR)y, &ly, &cy, &cc, &rc));
			break;
		case MQITEM_STRING_FILTER:
			OK(mqInquireStringFilter(a, MQSEL_ANY_USER_SELECTOR, i, 64, (PMQCHAR)x, &lx, &cx, &ox,
						 &cc, &rc));
			OK(mqInquireStringFilter(b, MQSEL_ANY_USER_SELECTOR, i, 64, (PMQCHAR)y, &ly, &cy, &oy,
						 &cc, &rc));
			break;
		case MQITEM_BYTE_STRING:
			OK(mqInquireByteString(a, MQSEL_ANY_USER_SELECTOR, i, 64, x, &lx, &cc, &rc));
			OK(mqInquireByteString(b, MQSEL_ANY_USER_SELECTOR, i, 64, y, &ly, &cc, &rc));
			break;
		case MQITEM_BYTE_STRING_FILTER:
			OK(mqInquireByteStringFilter(a, MQSEL_ANY_USER_SELECTOR, i, 64, x, &lx, &ox, &cc, &rc));
			OK(mqInquireByteStringFilter(b, MQSEL_ANY_USER_SELECTOR, i, 64, y, &ly, &oy, &cc, &rc));
			break;
		case MQITEM_BAG:
			OK(mqInquireBag(a, MQSEL_ANY_USER_SELECTOR, i, &na, &cc, &rc));
			OK(mqInquireBag(b, MQSEL_ANY_USER_SELECTOR, i, &nb, &cc, &rc));
			assert_true(depth < 4);
			assert_same_bag(na, nb, depth + 1);
			break;
		default:
			fail();
		}
		if (ta != MQITEM_INTEGER && ta != MQITEM_INTEGER64 && ta != MQITEM_INTEGER_FILTER &&
		    ta != MQITEM_BAG) {
			assert_int_equal(lx, ly);
			assert_memory_equal(x, y, (size_t)lx);
			assert_int_equal(cx, cy);
		}
		assert_int_equal(ox, oy);
	}
}

static void test_mqai__round_trip(void **state)
{
	(void)state;
	MQHBAG u = sample_bag(), r = bag_of(MQCBO_USER_BAG);
	unsigned char buf[1024];
	MQLONG len;
	OK(mqBagToBuffer(MQHB_NONE, u, sizeof buf, buf, &len, &cc, &rc));
	assert_int_equal(rd32(buf + 8), MQCFH_VERSION_3);    /* 64-bit integers, filters, a group */
	assert_int_equal(rd32(buf + 32), 10);                /* a user bag: no list form */
	OK(mqAddInteger(r, 99, 1, &cc, &rc));                /* replaced by the message */
	OK(mqBufferToBag(MQHB_NONE, len, buf, r, &cc, &rc));
	assert_int_equal(count(r, 99), 0);
	assert_same_bag(u, r, 0);
	/* the string kept the CCSID it was added with */
	MQLONG ccsid;
	CHECK(mqInquireString(r, 3, 0, 0, NULL, NULL, &ccsid, &cc, &rc), MQCC_WARNING,
	      MQRC_STRING_TRUNCATED);
	assert_int_equal(ccsid, 819);
	/* and the bag encodes to the same bytes again */
	unsigned char again[1024];
	MQLONG len2;
	OK(mqBagToBuffer(MQHB_NONE, r, sizeof again, again, &len2, &cc, &rc));
	assert_int_equal(len2, len);
	assert_memory_equal(again, buf, (size_t)len);

	/* lists read back as one item per value */
	MQHBAG a = bag_of(MQCBO_ADMIN_BAG), back = bag_of(MQCBO_ADMIN_BAG);
	OK(mqAddInteger64(a, MQIAMO64_BROWSE_BYTES, 5, &cc, &rc));
	OK(mqAddInteger64(a, MQIAMO64_BROWSE_BYTES, 6, &cc, &rc));
	OK(mqAddString(a, MQCA_Q_NAME, 1, "A", &cc, &rc));
	OK(mqAddString(a, MQCA_Q_NAME, 3, "BCD", &cc, &rc));
	OK(mqBagToBuffer(MQHB_NONE, a, sizeof buf, buf, &len, &cc, &rc));
	assert_int_equal(rd32(buf + 36), MQCFT_INTEGER64_LIST);
	OK(mqBufferToBag(MQHB_NONE, len, buf, back, &cc, &rc));
	assert_int_equal(count(back, MQIAMO64_BROWSE_BYTES), 2);
	MQINT64 v;
	OK(mqInquireInteger64(back, MQIAMO64_BROWSE_BYTES, 1, &v, &cc, &rc));
	assert_true(v == 6);
	char s[4];
	MQLONG sl;
	OK(mqInquireString(back, MQCA_Q_NAME, 0, 3, s, &sl, NULL, &cc, &rc));
	assert_memory_equal(s, "A  ", 3);                     /* blank-padded in the list */
	assert_int_equal(sl, 3);
	OK(mqDeleteBag(&a, &cc, &rc));
	OK(mqDeleteBag(&back, &cc, &rc));
	OK(mqDeleteBag(&r, &cc, &rc));
	sample_free(u);
}

static void test_mqai__from_buffer_misuse(void **state)
{
	(void)state;
	MQHBAG r = bag_of(MQCBO_USER_BAG);
	unsigned char buf[64] = {0};
	FAILS(mqBufferToBag(r, 36, buf, r, &cc, &rc), MQRC_OPTIONS_ERROR);
	FAILS(mqBufferToBag(MQHB_NONE, -1, buf, r, &cc, &rc), MQRC_BUFFER_LENGTH_ERROR);
	FAILS(mqBufferToBag(MQHB_NONE, 36, NULL, r, &cc, &rc), MQRC_BUFFER_ERROR);
	FAILS(mqBufferToBag(MQHB_NONE, 36, buf, 4242, &cc, &rc), MQRC_HBAG_ERROR);
	FAILS(mqBufferToBag(MQHB_NONE, 0, NULL, r, &cc, &rc), MQRC_BAG_CONVERSION_ERROR);
	/* the same selector with two types */
	MQLONG msg[] = {MQCFT_RESPONSE, 36, 1, 0, 1, 1, 0, 0, 2,
			MQCFT_INTEGER, 16, 7, 1,
			MQCFT_STRING, 24, 7, 0, 1, 0x20202041};
	FAILS(mqBufferToBag(MQHB_NONE, sizeof msg, msg, r, &cc, &rc), MQRC_INCONSISTENT_ITEM_TYPE);
	assert_int_equal(count(r, MQSEL_ALL_USER_SELECTORS), 0);
	/* bytes after the last parameter */
	msg[8] = 1;
	FAILS(mqBufferToBag(MQHB_NONE, sizeof msg, msg, r, &cc, &rc), MQRC_BAG_CONVERSION_ERROR);
	OK(mqBufferToBag(MQHB_NONE, 36 + 16, msg, r, &cc, &rc));
	assert_int_equal(int_at(r, 7, MQIND_NONE), 1);
	assert_int_equal(int_at(r, MQIASY_TYPE, MQIND_NONE), MQCFT_RESPONSE);

	/* an MQCFSL of empty strings: a few are strings, 65537 would fill memory
	 * from 24 bytes (found by fuzz_mqai) */
	MQLONG sl[] = {MQCFT_RESPONSE, 36, 1, 0, 1, 1, 0, 0, 1,
		       MQCFT_STRING_LIST, 24, MQCA_Q_NAME, 0, 3, 0};
	OK(mqBufferToBag(MQHB_NONE, sizeof sl, sl, r, &cc, &rc));
	assert_int_equal(count(r, MQCA_Q_NAME), 3);
	sl[13] = 65537;
	FAILS(mqBufferToBag(MQHB_NONE, sizeof sl, sl, r, &cc, &rc), MQRC_BAG_CONVERSION_ERROR);
	assert_int_equal(count(r, MQCA_Q_NAME), 3);

	/* an MQIACF_INQUIRY parameter read into an administration bag is a plain
	 * integer: only mqAddInquiry's items become the command's attribute list */
	MQHBAG a = bag_of(MQCBO_ADMIN_BAG);
	MQLONG inq[] = {MQCFT_COMMAND, 36, 1, MQCMD_CHANGE_Q, 1, 1, 0, 0, 1,
			MQCFT_INTEGER, 16, MQIACF_INQUIRY, MQCA_Q_NAME};
	unsigned char out[64];
	MQLONG len;
	OK(mqBufferToBag(MQHB_NONE, sizeof inq, inq, a, &cc, &rc));
	OK(mqBagToBuffer(MQHB_NONE, a, sizeof out, out, &len, &cc, &rc));
	assert_int_equal(len, sizeof inq);
	assert_memory_equal(out, inq, sizeof inq);
	OK(mqDeleteBag(&a, &cc, &rc));
	OK(mqDeleteBag(&r, &cc, &rc));
}

/* ------------------------------------------------------------------------ */
/* hostile buffers                                                          */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

/* the bag still holds exactly the one item it had */
static void assert_untouched(MQHBAG r)
{
	assert_int_equal(count(r, MQSEL_ALL_USER_SELECTORS), 1);
	assert_int_equal(int_at(r, 424242, MQIND_NONE), 7);
}

static void try_buffer(MQHBAG r, const unsigned char *b, MQLONG len, int *good)
{
	cc = rc = -9;
	mqBufferToBag(MQHB_NONE, len, (PMQVOID)b, r, &cc, &rc);
	if (cc == MQCC_OK) {
		(*good)++;
		/* whatever it read encodes again */
		MQLONG need = 0;
		unsigned char *out = malloc(4096);
		assert_non_null(out);
		mqBagToBuffer(MQHB_NONE, r, 4096, out, &need, &cc, &rc);
		assert_true(rc == MQRC_NONE || rc == MQRC_BUFFER_LENGTH_ERROR);
		free(out);
		OK(mqClearBag(r, &cc, &rc));
		OK(mqAddInteger(r, 424242, 7, &cc, &rc));
		return;
	}
	assert_int_equal(cc, MQCC_FAILED);
	assert_true(rc == MQRC_BAG_CONVERSION_ERROR || rc == MQRC_INCONSISTENT_ITEM_TYPE);
	assert_untouched(r);
}

static void test_mqai__hostile_buffers(void **state)
{
	(void)state;
	MQHBAG u = sample_bag(), r = bag_of(MQCBO_USER_BAG);
	unsigned char good[1024], *b;
	MQLONG len;
	int ok = 0;
	OK(mqBagToBuffer(MQHB_NONE, u, sizeof good, good, &len, &cc, &rc));
	OK(mqAddInteger(r, 424242, 7, &cc, &rc));

	/* every prefix (each one exactly in a buffer of its own length) */
	for (MQLONG n = 0; n < len; n++) {
		b = malloc(n ? (size_t)n : 1);
		assert_non_null(b);
		memcpy(b, good, (size_t)n);
		try_buffer(r, b, n, &ok);
		free(b);
	}
	assert_int_equal(ok, 0);
	/* every byte set to each of a few values */
	static const unsigned char vals[] = {0x00, 0x01, 0x03, 0x7f, 0x80, 0xff};
	b = malloc((size_t)len);
	assert_non_null(b);
	for (MQLONG i = 0; i < len; i++)
		for (size_t k = 0; k < sizeof vals; k++) {
			memcpy(b, good, (size_t)len);
			b[i] = vals[k];
			try_buffer(r, b, len, &ok);
		}
	/* random corruptions: several bytes or a 32-bit field at a time */
	for (int t = 0; t < 20000; t++) {
		memcpy(b, good, (size_t)len);
		int edits = 1 + (int)(next() % 4);
		for (int e = 0; e < edits; e++) {
			uint32_t at = next() % (uint32_t)len;
			if (next() & 1) {
				b[at] = (unsigned char)next();
			} else {
				MQLONG v = (MQLONG)next();
				static const MQLONG special[] = {0, -1, 4, 8, 16, 0x7fffffff, (MQLONG)0x80000000};
				if (next() & 1)
					v = special[next() % 7];
				at &= ~3u;
				if (at + 4 <= (uint32_t)len)
					memcpy(b + at, &v, 4);
			}
		}
		try_buffer(r, b, len, &ok);
	}
	free(b);
	assert_true(ok > 0);   /* some changes (to values, not lengths) are still good PCF */
	/* deeply nested groups */
	MQLONG deep[9 + 4 * 40];
	MQLONG hdr[9] = {MQCFT_USER, 36, 3, 0, 1, 1, 0, 0, 1};
	memcpy(deep, hdr, sizeof hdr);
	for (int i = 0; i < 40; i++) {
		MQLONG gr[4] = {MQCFT_GROUP, 16, 8001, i < 39 ? 1 : 0};
		memcpy(&deep[9 + 4 * i], gr, sizeof gr);
	}
	FAILS(mqBufferToBag(MQHB_NONE, sizeof deep, deep, r, &cc, &rc), MQRC_BAG_CONVERSION_ERROR);
	assert_untouched(r);
	deep[9 + 4 * 19 + 3] = 0;           /* 20 deep is fine */
	OK(mqBufferToBag(MQHB_NONE, 36 + 16 * 20, deep, r, &cc, &rc));
	OK(mqDeleteBag(&r, &cc, &rc));
	sample_free(u);
}

static void test_mqai__pad_trim(void **state)
{
	(void)state;
	char buf[8], s[9];
	memset(buf, '#', sizeof buf);
	OK(mqPad("abc", 6, buf, &cc, &rc));
	assert_memory_equal(buf, "abc   ##", 8);
	CHECK(mqPad("abcdefgh", 4, buf, &cc, &rc), MQCC_WARNING, MQRC_STRING_TRUNCATED);
	assert_memory_equal(buf, "abcd", 4);
	FAILS(mqPad(NULL, 4, buf, &cc, &rc), MQRC_STRING_ERROR);
	FAILS(mqPad("a", -1, buf, &cc, &rc), MQRC_BUFFER_LENGTH_ERROR);
	FAILS(mqPad("a", 4, NULL, &cc, &rc), MQRC_BUFFER_ERROR);
	OK(mqTrim(8, "ab cd   ", s, &cc, &rc));
	assert_string_equal(s, "ab cd");
	memcpy(s, "xyz     ", 8);
	OK(mqTrim(8, s, s, &cc, &rc));                  /* in place, as samples do */
	assert_string_equal(s, "xyz");
	OK(mqTrim(3, "   ", s, &cc, &rc));
	assert_string_equal(s, "");
	FAILS(mqTrim(-1, "x", s, &cc, &rc), MQRC_BUFFER_LENGTH_ERROR);
	FAILS(mqTrim(1, NULL, s, &cc, &rc), MQRC_BUFFER_ERROR);
	FAILS(mqTrim(1, "x", NULL, &cc, &rc), MQRC_STRING_ERROR);
}

static void test_mqai__execute_misuse(void **state)
{
	(void)state;
	MQHBAG u = bag_of(MQCBO_USER_BAG), a = bag_of(MQCBO_ADMIN_BAG), o = bag_of(MQCBO_USER_BAG);
	/* checked before anything is sent: no connection is needed for these */
	FAILS(mqExecute(1, MQCMD_INQUIRE_Q, MQHB_NONE, u, a, MQHO_NONE, MQHO_NONE, &cc, &rc),
	      MQRC_BAG_WRONG_TYPE);
	FAILS(mqExecute(1, MQCMD_INQUIRE_Q, MQHB_NONE, 31337, a, MQHO_NONE, MQHO_NONE, &cc, &rc),
	      MQRC_HBAG_ERROR);
	OK(mqAddInteger(o, MQIACF_WAIT_INTERVAL, -1, &cc, &rc));
	FAILS(mqExecute(1, MQCMD_INQUIRE_Q, o, a, u, MQHO_NONE, MQHO_NONE, &cc, &rc), MQRC_OPTIONS_ERROR);
	OK(mqSetInteger(o, MQIACF_WAIT_INTERVAL, MQIND_ALL, 100, &cc, &rc));
	OK(mqAddInteger(o, MQIA_Q_TYPE, 1, &cc, &rc));
	FAILS(mqExecute(1, MQCMD_INQUIRE_Q, o, a, u, MQHO_NONE, MQHO_NONE, &cc, &rc), MQRC_OPTIONS_ERROR);
	OK(mqAddInquiry(a, MQCA_Q_NAME, &cc, &rc));
	FAILS(mqExecute(1, MQCMD_CHANGE_Q, MQHB_NONE, a, u, MQHO_NONE, MQHO_NONE, &cc, &rc),
	      MQRC_INQUIRY_COMMAND_ERROR);
	/* a handle that is no connection: MQOPEN's reason */
	FAILS(mqExecute(12345, MQCMD_INQUIRE_Q, MQHB_NONE, a, u, MQHO_NONE, MQHO_NONE, &cc, &rc),
	      MQRC_HCONN_ERROR);
	/* mqPutBag and mqGetBag check the bag first */
	MQMD md = {MQMD_DEFAULT};
	MQPMO pmo = {MQPMO_DEFAULT};
	MQGMO gmo = {MQGMO_DEFAULT};
	FAILS(mqPutBag(1, 1, &md, &pmo, 31337, &cc, &rc), MQRC_HBAG_ERROR);
	FAILS(mqGetBag(1, 1, &md, &gmo, 31337, &cc, &rc), MQRC_HBAG_ERROR);
	FAILS(mqGetBag(1, 1, NULL, &gmo, u, &cc, &rc), MQRC_MD_ERROR);
	OK(mqDeleteBag(&u, &cc, &rc));
	OK(mqDeleteBag(&a, &cc, &rc));
	OK(mqDeleteBag(&o, &cc, &rc));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mqai__create_delete),
		cmocka_unit_test(test_mqai__items),
		cmocka_unit_test(test_mqai__add_misuse),
		cmocka_unit_test(test_mqai__set_delete_truncate),
		cmocka_unit_test(test_mqai__nested),
		cmocka_unit_test(test_mqai__to_buffer),
		cmocka_unit_test(test_mqai__round_trip),
		cmocka_unit_test(test_mqai__from_buffer_misuse),
		cmocka_unit_test(test_mqai__hostile_buffers),
		cmocka_unit_test(test_mqai__pad_trim),
		cmocka_unit_test(test_mqai__execute_misuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
