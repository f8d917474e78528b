/*
 * fuzz_logrec: the log record reader and the queue manager's record payloads.
 *
 * Input: one encoded record (log/logrec.h: 64-byte header, then the stored
 * payload), as the reader finds it at LSN 4096 of an extent ending 256 KiB
 * later.  It goes through logrec_validate as it is, so the fuzzer tries the
 * header's every check; then, so that mutations of the payload are not all
 * stopped by the checksum, a second time with its LSN and checksum made
 * right: logrec_payload (lz4 decompression when the flag says so) and the
 * payload decoders of dmpmqlog (qmlog_describe) run on whatever passes.
 */
#include <stdlib.h>
#include <string.h>

#include "log/logrec.h"
#include "qm/store/qmlog.h"
#include "tests/fuzz/fuzz.h"

#define POS 4096u
#define EXT_END (POS + 256u * 1024u)

static void payload(const uint8_t *rec, size_t size)
{
	struct log_rec_hdr h;
	const char *why = NULL;
	if (logrec_validate(rec, size, POS, EXT_END, &h, &why) != 0) {
		if (!why)
			abort();   /* a refusal always says why */
		return;
	}
	uint8_t *out = malloc(h.raw_len ? h.raw_len : 1);
	if (!out)
		return;
	if (logrec_payload(rec, &h, out) == 0) {
		char line[2048];
		qmlog_describe(h.type, out, h.raw_len, line, sizeof line);
		if (memchr(line, 0, sizeof line) == NULL)
			abort();   /* the description is always terminated */
	}
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	payload(data, size);
	if (size < LOG_HDR_SIZE || size > LOG_REC_MAX)
		return 0;
	uint8_t *rec = malloc(size);
	if (!rec)
		return 0;
	memcpy(rec, data, size);
	struct log_rec_hdr h;
	logrec_hdr_decode(rec, &h);
	h.lsn = POS;
	h.length = (uint32_t)size;
	if (!(h.flags & LOG_F_LZ4) && h.type != LOG_REC_PAD)
		h.raw_len = (uint32_t)(size - LOG_HDR_SIZE);
	logrec_hdr_encode(rec, &h);
	h.checksum = logrec_checksum(rec, rec + LOG_HDR_SIZE, size - LOG_HDR_SIZE);
	logrec_hdr_encode(rec, &h);
	payload(rec, size);
	free(rec);
	return 0;
}
