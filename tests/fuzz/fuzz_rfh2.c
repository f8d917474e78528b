/*
 * fuzz_rfh2: libmqm's MQRFH2 decoder (qm/mqi/rfh2.c), what MQBUFMH and a get
 * into a message handle read from message data an application wrote.
 *
 * Input: byte 0 picks the encoding the caller says the header's integers are
 * in (even: MQENC_NATIVE, odd: MQENC_INTEGER_NORMAL); the rest is the data
 * that starts with the MQRFH2.  Invariants: a refusal is MQRC_RFH_FORMAT_ERROR
 * (or no storage) and appends nothing; what is accepted has a StrucLength
 * inside the input, and its properties encode again (mqm_rfh2_encode) to an
 * MQRFH2 that decodes to the same names, types and values.
 */
#include <stdlib.h>
#include <string.h>

#include "qm/mqi/proplist.c"
#include "qm/mqi/rfh2.c"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mqm_props p = { NULL, 0, 0 }, q = { NULL, 0, 0 };
	struct mqm_rfh2_info info, info2;
	MQLONG enc, rc;
	uint8_t *out = NULL;
	size_t len, count, i;
	int32_t v = 1;
	struct mqm_prop keep;

	if (size < 1)
		return 0;
	enc = data[0] & 1 ? MQENC_INTEGER_NORMAL : MQENC_NATIVE;
	memset(&keep, 0, sizeof keep);
	keep.name = "usr.keep";
	keep.namelen = 8;
	keep.type = MQTYPE_INT32;
	keep.val = (uint8_t *)&v;
	keep.vlen = 4;
	if (mqm_props_insert(&p, 0, &keep))
		return 0;
	rc = mqm_rfh2_decode(data + 1, size - 1, enc, &p, &info);
	if (rc) {
		if (rc != MQRC_RFH_FORMAT_ERROR && rc != MQRC_STORAGE_NOT_AVAILABLE)
			fuzz_die("a refusal other than MQRC_RFH_FORMAT_ERROR");
		if (p.n != 1)
			fuzz_die("a refusal appended properties");
		mqm_props_clear(&p);
		return 0;
	}
	if (info.len < 36 || info.len > size - 1 || info.len % 4)
		fuzz_die("an accepted StrucLength outside the input");
	mqm_props_remove(&p, 0);
	/* names with parts XML cannot carry do not come out of the decoder */
	rc = mqm_rfh2_encode(&p, NULL, MQENC_NATIVE, 0, 1208, MQFMT_NONE, &out, &len, &count);
	if (rc == MQRC_STORAGE_NOT_AVAILABLE) {
		mqm_props_clear(&p);
		return 0;
	}
	if (rc || count != p.n)
		fuzz_die("decoded properties do not encode again");
	if (count) {
		if (mqm_rfh2_decode(out, len, MQENC_NATIVE, &q, &info2) || q.n != p.n)
			fuzz_die("an encoded MQRFH2 does not decode");
		for (i = 0; i < p.n; i++) {
			const struct mqm_prop *a = &p.v[i], *b = &q.v[i];
			if (strcmp(a->name, b->name) || a->type != b->type || a->vlen != b->vlen ||
			    (a->type != MQTYPE_FLOAT32 && a->type != MQTYPE_FLOAT64 && a->vlen &&
			     memcmp(a->val, b->val, a->vlen)))
				fuzz_die("a property changed in the round trip");
		}
	}
	free(out);
	mqm_props_clear(&p);
	mqm_props_clear(&q);
	return 0;
}
