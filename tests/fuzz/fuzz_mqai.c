/*
 * fuzz_mqai: the MQAI's PCF reader and writer (qm/mqi/mqai_pcf.c).
 *
 * Input: a PCF message (MQCFH and its parameters, native encoding), as
 * mqBufferToBag or mqGetBag is given it. It is read into a user bag that
 * already holds one item, and into an administration bag (list form). The
 * rules the harness checks:
 *   - a refusal is MQRC_BAG_CONVERSION_ERROR or MQRC_INCONSISTENT_ITEM_TYPE
 *     with MQCC_FAILED, and the bag still holds exactly its one item;
 *   - what was read is written again by mqBagToBuffer, and that buffer is
 *     read and written once more to the same bytes (the writer's output is a
 *     fixed point of reading and writing).
 * The MQAI sources are compiled into the target; the MQI verbs mqai_pcf.c
 * names (MQPUT, MQGET, MQOPEN, MQINQ, MQCLOSE, for mqPutBag, mqGetBag and
 * mqExecute) are never called by the calls fuzzed here: they abort.
 */
#include <stdlib.h>
#include <string.h>

#include "qm/mqi/mqai.c"
#include "qm/mqi/mqai_pcf.c"
#include "tests/fuzz/fuzz.h"

#define NEVER(name) fuzz_die(name " reached from mqBufferToBag or mqBagToBuffer")
void MQENTRY MQOPEN(MQHCONN a, PMQVOID b, MQLONG c, PMQHOBJ d, PMQLONG e, PMQLONG f)
{ (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; NEVER("MQOPEN"); }
void MQENTRY MQCLOSE(MQHCONN a, PMQHOBJ b, MQLONG c, PMQLONG d, PMQLONG e)
{ (void)a; (void)b; (void)c; (void)d; (void)e; NEVER("MQCLOSE"); }
void MQENTRY MQPUT(MQHCONN a, MQHOBJ b, PMQVOID c, PMQVOID d, MQLONG e, PMQVOID f, PMQLONG g, PMQLONG h)
{ (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g; (void)h; NEVER("MQPUT"); }
void MQENTRY MQGET(MQHCONN a, MQHOBJ b, PMQVOID c, PMQVOID d, MQLONG e, PMQVOID f, PMQLONG g, PMQLONG h,
		   PMQLONG i)
{ (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g; (void)h; (void)i; NEVER("MQGET"); }
void MQENTRY MQINQ(MQHCONN a, MQHOBJ b, MQLONG c, PMQLONG d, MQLONG e, PMQLONG f, MQLONG g, PMQCHAR h,
		   PMQLONG i, PMQLONG j)
{ (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g; (void)h; (void)i; (void)j; NEVER("MQINQ"); }

#define MARK 1999     /* in MQIA_FIRST .. MQIA_LAST, which an administration bag checks */

static MQHBAG fresh(MQLONG options)
{
	MQHBAG b;
	MQLONG cc, rc;
	mqCreateBag(options, &b, &cc, &rc);
	if (cc != MQCC_OK)
		fuzz_die("mqCreateBag");
	mqAddInteger(b, MARK, 7, &cc, &rc);
	if (cc != MQCC_OK)
		fuzz_die("mqAddInteger");
	return b;
}

/* the whole bag written out; *len its length (malloc'd) */
static unsigned char *written(MQHBAG b, MQLONG *len)
{
	MQLONG cc, rc;
	mqBagToBuffer(MQHB_NONE, b, 0, NULL, len, &cc, &rc);
	if (rc == MQRC_NONE && *len == 0)
		fuzz_die("an empty message written");
	if (rc != MQRC_BUFFER_LENGTH_ERROR && rc != MQRC_NONE)
		fuzz_die("what was read cannot be written");
	unsigned char *buf = malloc((size_t)*len);
	if (!buf)
		fuzz_die("malloc");
	mqBagToBuffer(MQHB_NONE, b, *len, buf, len, &cc, &rc);
	if (cc != MQCC_OK)
		fuzz_die("mqBagToBuffer with the length it asked for");
	return buf;
}

static void one(const uint8_t *data, size_t size, MQLONG options)
{
	MQHBAG b = fresh(options);
	MQLONG cc, rc, n = -1;
	mqBufferToBag(MQHB_NONE, (MQLONG)size, (PMQVOID)data, b, &cc, &rc);
	if (cc != MQCC_OK) {
		if (cc != MQCC_FAILED ||
		    (rc != MQRC_BAG_CONVERSION_ERROR && rc != MQRC_INCONSISTENT_ITEM_TYPE))
			fuzz_die("a refusal with another reason");
		mqCountItems(b, MQSEL_ALL_USER_SELECTORS, &n, &cc, &rc);
		MQLONG v = 0;
		mqInquireInteger(b, MARK, MQIND_NONE, &v, &cc, &rc);
		if (n != 1 || v != 7)
			fuzz_die("a refused buffer changed the bag");
	} else {
		MQLONG len1, len2;
		unsigned char *w1 = written(b, &len1);
		MQHBAG c = fresh(options);
		mqBufferToBag(MQHB_NONE, len1, w1, c, &cc, &rc);
		if (cc != MQCC_OK)
			fuzz_die("the writer's output was refused");
		unsigned char *w2 = written(c, &len2);
		if (len1 != len2 || memcmp(w1, w2, (size_t)len1) != 0)
			fuzz_die("reading and writing again changed the bytes");
		free(w1);
		free(w2);
		mqDeleteBag(&c, &cc, &rc);
	}
	mqDeleteBag(&b, &cc, &rc);
	if (cc != MQCC_OK)
		fuzz_die("mqDeleteBag");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 20)
		return 0;
	one(data, size, MQCBO_USER_BAG);
	one(data, size, MQCBO_ADMIN_BAG);
	return 0;
}
