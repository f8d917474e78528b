/*
 * fuzz_selector: message selectors (qm/engine/selector.c) and the queue
 * manager's reader of message properties (qm/engine/msgprops.c), as MQOPEN
 * with a SelectionString and MQGET use them.
 *
 * Input: the selection string up to the first NUL byte (all of it when there
 * is none, and then no message); after the NUL, byte 0 says the MQRFH2's
 * integers are native (even) or big-endian (odd), and the rest is the
 * message data, its MQMD's Format MQHRF2.  Invariants: compiling gives
 * MQRC_NONE, 2459 with an offset inside the text, 2504 (FALSE without a
 * property), 2519 only past MQ_SELECTOR_LENGTH, or no storage; a compiled
 * selector keeps its text, one always TRUE is TRUE for every message,
 * evaluates to TRUE, FALSE or UNKNOWN the same way twice, sel_match is TRUE
 * exactly, and NOT (text), when it compiles, is its three-valued negation;
 * the properties read have names and stay inside what was allocated.
 */
#include <stdlib.h>
#include <string.h>

#include "qm/engine/msgprops.h"
#include "qm/engine/selector.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t tl = nul ? (size_t)(nul - data) : size;
	const uint8_t *msg = nul ? nul + 1 : NULL;
	size_t ml = nul ? size - tl - 1 : 0;
	struct sel *s;
	size_t pos;
	MQLONG rc = sel_compile((const char *)data, tl, &s, &pos);
	if (rc == MQRC_STORAGE_NOT_AVAILABLE)
		return 0;
	if (rc == MQRC_SELECTOR_SYNTAX_ERROR) {
		if (s || pos > tl)
			fuzz_die("a refusal with a selector or an offset past the text");
		return 0;
	}
	if (rc == MQRC_SELECTION_STRING_ERROR) {
		if (s || tl <= MQ_SELECTOR_LENGTH)
			fuzz_die("2519 for a text within MQ_SELECTOR_LENGTH");
		return 0;
	}
	if (rc == MQRC_SELECTOR_ALWAYS_FALSE) {
		if (s)
			fuzz_die("2504 with a selector");
		return 0;
	}
	if (rc != MQRC_NONE)
		fuzz_die("a reason other than 2459, 2504, 2519 or no storage");
	if (s && (strlen(sel_text(s)) > tl || memcmp(sel_text(s), data, strlen(sel_text(s)))))
		fuzz_die("the selector's text is not the input");

	MQMD md = { MQMD_DEFAULT };
	md.Version = MQMD_VERSION_2;
	memcpy(md.Format, MQFMT_RF_HEADER_2, MQ_FORMAT_LENGTH);
	md.Encoding = ml && (msg[0] & 1) ? MQENC_INTEGER_NORMAL : MQENC_NATIVE;
	struct msgprops p;
	uint8_t *copy = NULL;
	if (ml > 1) {
		/* exactly the message's bytes, so that ASan sees any read past them */
		copy = malloc(ml - 1);
		if (!copy) {
			sel_free(s);
			return 0;
		}
		memcpy(copy, msg + 1, ml - 1);
	}
	msgprops_read(&p, &md, copy, ml > 1 ? ml - 1 : 0);
	for (size_t i = 0; i < p.n; i++) {
		if (!p.v[i].namelen || strlen(p.v[i].name) != p.v[i].namelen)
			fuzz_die("a property without a whole name");
		if ((p.v[i].v.type == SEL_STR || p.v[i].v.type == SEL_BYTES) && p.v[i].v.len && !p.v[i].v.s)
			fuzz_die("a value without its bytes");
	}
	int e = sel_eval(s, msgprops_lookup, &p);
	if (sel_always_true(s) && (e != 1 || !msgprops_match(s, &md, copy, ml > 1 ? ml - 1 : 0)))
		fuzz_die("a selector always TRUE that is not");
	if (e != 1 && e != 0 && e != -1)
		fuzz_die("an evaluation neither TRUE, FALSE nor UNKNOWN");
	if (sel_eval(s, msgprops_lookup, &p) != e || sel_match(s, msgprops_lookup, &p) != (e == 1))
		fuzz_die("evaluations that differ");
	if (s) {
		char *neg = malloc(tl + 8);
		if (neg) {
			struct sel *n;
			memcpy(neg, "NOT (", 5);
			memcpy(neg + 5, data, tl);
			memcpy(neg + 5 + tl, ")", 1);
			if (sel_compile(neg, tl + 6, &n, &pos) == MQRC_NONE) {
				int ne = sel_eval(n, msgprops_lookup, &p);
				if (ne != (e == -1 ? -1 : !e))
					fuzz_die("NOT (s) is not the three-valued negation of s");
				sel_free(n);
			}
			free(neg);
		}
	}
	msgprops_free(&p);
	free(copy);
	sel_free(s);
	return 0;
}
