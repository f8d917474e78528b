/*
 * fuzz_mqsc: the MQSC reader and parser.
 *
 * Input: the bytes of an MQSC script, as runmqsc would read them from
 * standard input.  Each command the reader gives (continuations joined,
 * comments dropped, bad input reported) goes through mqsc_check, the whole of
 * runmqsc -v, and the raw input as one command too.  A reader that returns
 * without using up its input, or a command longer than its input, is a bug.
 */
#include <stdlib.h>
#include <string.h>

#include "qm/admin/mqsc.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mqsc_reader *r = mqsc_reader_from_mem((const char *)data, size);
	if (!r)
		return 0;
	char *cmd = NULL;
	int rc, n = 0;
	while ((rc = mqsc_reader_next(r, &cmd)) != 0) {
		if (++n > (int)size + 1)
			abort();   /* every call must use up at least one line */
		if (rc == 1 && cmd) {
			if (strlen(cmd) > size)
				abort();
			struct mqsc_out out = { 0 };
			mqsc_check(cmd, &out);
			mqsc_out_free(&out);
		}
		free(cmd);
		cmd = NULL;
	}
	mqsc_reader_free(r);

	char *whole = malloc(size + 1);
	if (!whole)
		return 0;
	memcpy(whole, data, size);
	whole[size] = 0;
	struct mqsc_out out = { 0 };
	mqsc_check(whole, &out);
	mqsc_out_free(&out);
	free(whole);
	return 0;
}
