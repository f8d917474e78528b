/*
 * fuzz_convert: MQGMO_CONVERT of MQ's own formats (qm/server/convert_hdr.c),
 * what the queue manager runs over a message an application put, with every
 * length and offset in it read from the message.
 *
 * Input: byte 0 the MQMD's Format (an index into the formats below), byte 1
 * the message's CCSID and byte 2 the one asked for (indexes into the CCSIDs
 * below), byte 3 the encodings (bit 0: the message's integers big-endian,
 * bit 1: those asked for), then the message data.  Invariants: a refusal is
 * one of MQ's conversion reasons and returns nothing; a result is at most 4
 * times the input and 64 KiB longer, says the CCSID and Encoding asked for,
 * and converted again to what it now is comes back byte for byte (a
 * conversion is complete: nothing in it still needs converting); without
 * CONVERT (conv_inherit) the result is as long as the input.
 */
#include <stdlib.h>
#include <string.h>

#include "cmqc.h"
#include "qm/server/convert.h"
#include "qm/server/convert_hdr.h"
#include "tests/fuzz/fuzz.h"

static const char *const fmts[] = {
	MQFMT_DEAD_LETTER_HEADER, MQFMT_XMIT_Q_HEADER, MQFMT_RF_HEADER_1, MQFMT_RF_HEADER_2, MQFMT_CICS, MQFMT_IMS,
	MQFMT_DIST_HEADER, MQFMT_MD_EXTENSION, MQFMT_REF_MSG_HEADER, MQFMT_WORK_INFO_HEADER, MQFMT_ADMIN,
	MQFMT_EVENT, MQFMT_PCF, MQFMT_TRIGGER, MQFMT_IMS_VAR_STRING,
};
static const MQLONG ccsids[] = { 819, 1208, 37, 500, 1047, 437, 850, 1200, 943, 930, 9999, 0, 367, 1252, 5488, 273 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4 || size > (1u << 24))
		return 0;
	const char *fmt = fmts[data[0] % (sizeof fmts / sizeof fmts[0])];
	MQLONG from = ccsids[data[1] % (sizeof ccsids / sizeof ccsids[0])];
	MQLONG to = ccsids[data[2] % (sizeof ccsids / sizeof ccsids[0])];
	MQLONG fenc = data[3] & 1 ? MQENC_INTEGER_NORMAL : MQENC_NATIVE;
	MQLONG tenc = data[3] & 2 ? MQENC_INTEGER_NORMAL : MQENC_NATIVE;
	const uint8_t *m = data + 4;
	uint32_t n = (uint32_t)(size - 4);
	if (to == 0)
		to = 819;   /* a getter's MQCCSI_Q_MGR is resolved before the call */
	struct conv_msg c, again;
	MQLONG rc = conv_message(fmt, from, fenc, m, n, to, tenc, 819, &c);
	switch (rc) {
	case MQRC_NONE:
		break;
	case MQRC_FORMAT_ERROR:
	case MQRC_SOURCE_CCSID_ERROR:
	case MQRC_TARGET_CCSID_ERROR:
	case MQRC_SOURCE_INTEGER_ENC_ERROR:
	case MQRC_SOURCE_DECIMAL_ENC_ERROR:
	case MQRC_SOURCE_FLOAT_ENC_ERROR:
	case MQRC_TARGET_INTEGER_ENC_ERROR:
	case MQRC_NOT_CONVERTED:
	case MQRC_CONVERTED_STRING_TOO_BIG:
	case MQRC_STORAGE_NOT_AVAILABLE:
		if (c.data)
			fuzz_die("a refusal returned data");
		break;
	default:
		fuzz_die("a reason conversion does not give");
	}
	if (rc == MQRC_NONE) {
		if ((uint64_t)c.len > 4 * (uint64_t)n + 65536 || c.ccsid != to || c.encoding != tenc)
			fuzz_die("a result too long, or not what was asked for");
		if (conv_message(fmt, to, tenc, c.data, c.len, to, tenc, 819, &again) != MQRC_NONE)
			fuzz_die("a converted message does not convert to itself");
		if (again.len != c.len || memcmp(again.data, c.data, c.len) != 0)
			fuzz_die("a converted message changed when converted to itself");
		free(again.data);
		free(c.data);
	}
	if (conv_inherit(fmt, from, fenc, m, n, 819, &c)) {
		if (c.len != n)
			fuzz_die("MQCCSI_INHERIT replaced changed the length");
		free(c.data);
	}
	return 0;
}
