/*
 * test_selector.c: message selectors (qm/engine/selector.c) and the
 * queue manager's reader of message properties (qm/engine/msgprops.c).
 *
 * Every operator on values of each type, SQL's three-valued logic with
 * missing properties, the literals' forms, each syntax error with its
 * offset, the length limit; then properties read from MQRFH2s built here
 * (types, nesting, entities, both byte orders, Root.MQMD fields) and hostile
 * headers that must be read without going past the data.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qm/engine/msgprops.h"
#include "qm/engine/selector.h"

/* the values a test message has */
static int lookup(void *arg, const char *name, size_t nl, struct sel_val *v)
{
	(void)arg;
	static const uint8_t bytes[] = { 0x0a, 0xfc, 0x23 };
	memset(v, 0, sizeof v[0]);
#define IS(s) (nl == strlen(s) && !memcmp(name, s, nl))
	if (IS("i")) { v->type = SEL_INT; v->i = 10; }
	else if (IS("j")) { v->type = SEL_INT; v->i = -3; }
	else if (IS("big")) { v->type = SEL_INT; v->i = INT64_MAX; }
	else if (IS("d")) { v->type = SEL_DBL; v->d = 2.5; }
	else if (IS("s")) { v->type = SEL_STR; v->s = (const uint8_t *)"red"; v->len = 3; }
	else if (IS("word")) { v->type = SEL_STR; v->s = (const uint8_t *)"a_b%c'd"; v->len = 7; }
	else if (IS("utf")) { v->type = SEL_STR; v->s = (const uint8_t *)"caf\xc3\xa9"; v->len = 5; }
	else if (IS("t")) { v->type = SEL_BOOL; v->b = 1; }
	else if (IS("f")) { v->type = SEL_BOOL; v->b = 0; }
	else if (IS("myBytes")) { v->type = SEL_BYTES; v->s = bytes; v->len = 3; }
	else if (IS("Root.MQMD.Priority")) { v->type = SEL_INT; v->i = 4; }
	else if (IS("a.b.c")) { v->type = SEL_INT; v->i = 7; }
	else return 0;   /* n, and everything else: missing */
#undef IS
	return 1;
}

/* 1 TRUE, 0 FALSE, -1 UNKNOWN; -2 refused */
static int ev(const char *text)
{
	struct sel *s;
	size_t pos;
	MQLONG rc = sel_compile(text, strlen(text), &s, &pos);
	if (rc) {
		print_message("refused %d at %zu: %s\n", (int)rc, pos, text);
		return -2;
	}
	int r = sel_eval(s, lookup, NULL);
	assert_int_equal(sel_match(s, lookup, NULL), r == 1);
	sel_free(s);
	return r;
}

#define T(x) assert_int_equal(ev(x), 1)
#define F(x) assert_int_equal(ev(x), 0)
#define U(x) assert_int_equal(ev(x), -1)

/* refused with 2459 at the offset given */
static void bad_at(const char *text, size_t at)
{
	struct sel *s = (struct sel *)1;
	size_t pos = 999999;
	MQLONG rc = sel_compile(text, strlen(text), &s, &pos);
	if (rc != MQRC_SELECTOR_SYNTAX_ERROR || pos != at)
		print_error("'%s': rc %d pos %zu, wanted 2459 at %zu\n", text, (int)rc, pos, at);
	assert_int_equal(rc, MQRC_SELECTOR_SYNTAX_ERROR);
	assert_int_equal(pos, at);
	assert_null(s);
}

static void test_selector__comparisons(void **st)
{
	(void)st;
	T("i = 10"); F("i = 11"); T("i <> 11"); F("i <> 10");
	T("i > 9"); F("i > 10"); T("i >= 10"); T("i < 11"); F("i < 10"); T("i <= 10"); F("i <= 9");
	T("d = 2.5"); T("d > 2"); T("d < 2.6e0"); T("i > d"); T("2.5 = d"); T("10.0 = i");
	T("s = 'red'"); F("s = 'Red'"); T("s <> 'blue'"); F("s = 'red '");
	T("t = TRUE"); T("f = false"); T("t <> f"); T("t");
	T("myBytes = \"0x0AFC23\""); F("myBytes = \"0x0AFC2300\""); F("myBytes = \"0x000AFC23\"");
	F("myBytes = \"0x23FC0A\"");
	/* unlike types compare FALSE; strings and booleans have only = and <> */
	F("s = i"); T("NOT (s = i)"); F("i = t"); U("s < word"); U("t > f"); U("myBytes >= myBytes");
	T("Root.MQMD.Priority = 4"); T("a.b.c = 7");
}

static void test_selector__arithmetic(void **st)
{
	(void)st;
	T("i + 1 = 11"); T("i - 11 = -1"); T("i * 3 = 30"); T("i / 3 = 3"); T("i / 4.0 = 2.5");
	T("-i = -10"); T("- -i = 10"); T("+i = 10"); T("j * -1 = 3"); T("i + j * 2 = 4"); T("(i + j) * 2 = 14");
	T("i - 2 - 3 = 5"); T("i / 5 / 2 = 1"); T("d * 2 = 5"); T("1 + 2 * 3 = 7");
	T("-7 / 2 = -3");                                  /* toward zero, as Java */
	T("big + big > big"); T("big * -2 < 0");           /* overflow: approximate */
	U("i / 0 = 1"); U("d / 0 = 1"); U("i / 0.0 > 0");  /* division by zero: UNKNOWN */
	U("s + 1 = 1"); U("n + 1 = 1"); U("-n = 1");
}

static void test_selector__logic(void **st)
{
	(void)st;
	/* AND, OR, NOT with TRUE, FALSE and UNKNOWN (n is missing) */
	T("t AND t"); F("t AND f"); F("f AND t"); F("f AND f");
	U("t AND n = 1"); F("f AND n = 1"); F("n = 1 AND f"); U("n = 1 AND n = 2");
	T("t OR f"); T("f OR t"); F("f OR f"); T("t OR n = 1"); T("n = 1 OR t"); U("f OR n = 1"); U("n = 1 OR n = 2");
	F("NOT t"); T("NOT f"); U("NOT n = 1"); U("NOT (n = 1)"); T("NOT NOT t");
	T("t OR f AND f");                 /* AND before OR */
	F("(t OR f) AND f");
	T("NOT f AND t");                  /* NOT before AND */
	U("n"); U("i");                    /* a missing or non-boolean condition */
	U("n = 1"); U("n <> 1"); U("n > 1"); U("1 = n"); U("n = n");
}

static void test_selector__predicates(void **st)
{
	(void)st;
	T("i BETWEEN 5 AND 10"); T("i BETWEEN 10 AND 10"); F("i BETWEEN 11 AND 20"); T("i NOT BETWEEN 11 AND 20");
	F("i NOT BETWEEN 1 AND 20"); T("d BETWEEN 2 AND 3"); T("i BETWEEN j + 3 AND i * 2");
	U("n BETWEEN 1 AND 2"); U("n NOT BETWEEN 1 AND 2"); U("i BETWEEN n AND 20"); F("i BETWEEN n AND 5");
	F("s BETWEEN 1 AND 2");
	T("s LIKE 'r%'"); T("s LIKE '%d'"); T("s LIKE 'r_d'"); T("s LIKE '%'"); T("s LIKE '%e%'"); F("s LIKE 'r_'");
	F("s LIKE 'R%'"); T("s NOT LIKE 'b%'"); F("s NOT LIKE 'r%'"); T("s LIKE 'red'"); F("s LIKE 'reds'");
	T("s LIKE '%%r%%e%%d%%'"); T("s LIKE '___'"); F("s LIKE '____'");
	T("word LIKE 'a\\_b\\%c''d' ESCAPE '\\'"); F("word LIKE 'a\\_bX%' ESCAPE '\\'");
	T("word LIKE 'a!_b%' ESCAPE '!'"); T("word LIKE '%''%'");
	T("utf LIKE 'caf_'"); T("utf LIKE '%\xc3\xa9'"); F("utf LIKE 'caf__'");
	T("utf LIKE 'caf\xc3\xa9\xc3\xa9' ESCAPE '\xc3\xa9'");
	U("n LIKE 'a%'"); U("n NOT LIKE 'a%'"); F("i LIKE '1%'"); T("i NOT LIKE '1%'");
	T("s IN ('blue', 'red')"); F("s IN ('blue', 'green')"); T("s NOT IN ('blue')"); F("s NOT IN ('red')");
	T("s IN ('red')"); U("n IN ('a')"); U("n NOT IN ('a')"); F("i IN ('10')");
	T("n IS NULL"); F("n IS NOT NULL"); F("s IS NULL"); T("s IS NOT NULL"); T("i IS NOT NULL");
	T("n IS NULL AND s IS NOT NULL"); T("NOT (n IS NOT NULL)");
	/* keywords in any case; names keep theirs */
	T("s like 'r%' and i between 1 and 10 or FaLsE"); T("s iN ('red') AnD nOt f");
	T("I IS NULL");
}

static void test_selector__literals(void **st)
{
	(void)st;
	T("i = 0xA"); T("i = 0XA"); T("i = 012"); T("i = 10L"); T("i = 10l"); T("i = 0x0aL");
	T("d = 25E-1"); T("d = .25e1"); T("d = 2.5F"); T("d = 2.5d"); T("i = 10."); T("i = 1E1"); T("d = 0.025E+2");
	T("'it''s' = 'it''s'"); T("'' = ''"); T("TRUE"); T("TRUE = TRUE"); T("NOT FALSE"); T("TRUE <> FALSE");
	T("i = 9223372036854775807 - 9223372036854775797");
	T("s = 'red' ") ; T("  \t\n s = 'red'");
	T("\"0x00\" = \"0x00\"");
}

static void test_selector__syntax_errors(void **st)
{
	(void)st;
	struct sel *s;
	size_t pos;
	/* empty or blank: no selection */
	assert_int_equal(sel_compile("", 0, &s, &pos), MQRC_NONE);
	assert_null(s);
	assert_int_equal(sel_compile("  \t ", 4, &s, &pos), MQRC_NONE);
	assert_null(s);
	assert_int_equal(sel_match(NULL, lookup, NULL), 1);

	bad_at("a == b", 3);            /* == is not = */
	bad_at("a != b", 2);            /* nor != <> */
	bad_at("a = 1 && b = 2", 6);
	bad_at("a = 1 || b = 2", 6);
	bad_at("a = 1 AND", 9);
}

static void test_selector__syntax_errors2(void **st)
{
	(void)st;
	bad_at("a =", 3);               /* the end where a value was wanted */
	bad_at("(a = 1", 6);
	bad_at("a = 1)", 5);
	bad_at("a = 'open", 4);         /* an unterminated string */
	bad_at("a = \"0xAFC23\"", 4);   /* odd hex digits */
	bad_at("a = \"0x\"", 4);        /* no byte */
	bad_at("a = \"abc\"", 4);       /* double quotes only for byte strings */
	bad_at("a = 09", 5);            /* 9 is not octal */
	bad_at("a = 12abc", 6);
	bad_at("a = 0x", 4);
	bad_at("a = 0xG", 4);
	bad_at("a = 1e", 4);
	bad_at("a = 1.5.2", 7);
	bad_at("a = 99999999999999999999", 4);
	bad_at("a = 0x8000000000000000", 4);
	bad_at("a = 1e999", 4);
	bad_at("20 < b < 30", 7);       /* (20 < b) < 30: a boolean and a number */
	bad_at("'a' = 1", 4);           /* unlike literals */
	bad_at("'a' < 'b'", 4);         /* strings: = and <> only */
	bad_at("s < 'z'", 2);
	bad_at("TRUE + 1", 5);
	bad_at("NOT 5", 0);
	bad_at("1 + 2", 0);             /* a number is not a condition */
	bad_at("'abc'", 0);
	bad_at("a AND 5", 2);
	bad_at("5 OR a", 2);
	bad_at("-'a' = b", 0);
	bad_at("a LIKE b", 7);          /* the pattern is a string literal */
	bad_at("'a' LIKE 'b'", 0);      /* LIKE, IN, IS take an identifier */
	bad_at("1 IS NULL", 0);
	bad_at("a LIKE 'x' ESCAPE 'ab'", 18);
	bad_at("a LIKE 'x' ESCAPE ''", 18);
	bad_at("a LIKE 'x!' ESCAPE '!'", 7);    /* the escape ends the pattern */
	bad_at("a LIKE 'x!y' ESCAPE '!'", 7);   /* the escape before a plain character */
	bad_at("a IN ()", 6);
	bad_at("a IN ('x',)", 10);
	bad_at("a IN ('x' 'y')", 10);
	bad_at("a IN (1, 2)", 6);       /* string literals only */
	bad_at("a IN 'x'", 5);
	bad_at("a IS 5", 5);
	bad_at("a IS NOT", 8);
	bad_at("a NOT = 1", 6);
	bad_at("a BETWEEN 1", 11);
	bad_at("a BETWEEN 1 OR 2", 12);
	bad_at("a BETWEEN 'x' AND 'y'", 2);
	bad_at("NULL = a", 0);          /* keywords are not names */
	bad_at("a = NULL", 4);
	bad_at("AND = 1", 0);
	bad_at("a. = 1", 0);
	bad_at("a..b = 1", 0);
	bad_at("1a = 1", 1);
	bad_at("#a = 1", 0);
	bad_at("a = 1 b", 6);
	bad_at("a = [1]", 4);
	bad_at("a ! b", 2);
	bad_at("a = 1 & b = 2", 6);
	bad_at("a = 1 | b = 2", 6);
	bad_at("x = 1 OR Root.MQMD.priority = 1", 9);   /* field names as the MQMD declares them */
	bad_at("Root.MQMD.Nothing IS NULL", 0);
	bad_at("Root.MQMD = 1", 0);
	bad_at("Root.Body = 'x'", 0);                    /* extended selection: not served */
	assert_int_equal(ev("Root.MQMD.OriginalLength IS NULL AND RootX = 1 OR Rooty.a IS NULL"), 1);
}

/* no property named: TRUE selects everything, FALSE or UNKNOWN is refused (2504) */
static void test_selector__constant(void **st)
{
	(void)st;
	static const char *const never[] = { "FALSE", "1 = 2", "NOT TRUE", "'a' = 'b'", "TRUE AND FALSE", "1 / 0 = 1",
					     "2 BETWEEN 3 AND 4", "\"0x01\" <> \"0x01\"" };
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++) {
		struct sel *s = (struct sel *)1;
		size_t pos;
		assert_int_equal(sel_compile(never[i], strlen(never[i]), &s, &pos), MQRC_SELECTOR_ALWAYS_FALSE);
		assert_null(s);
	}
	static const char *const always[] = { "TRUE", "1 = 1", "TRUE <> FALSE", "(1 + 2) * 3 = 9 OR FALSE" };
	for (size_t i = 0; i < sizeof always / sizeof always[0]; i++) {
		struct sel *s;
		size_t pos;
		assert_int_equal(sel_compile(always[i], strlen(always[i]), &s, &pos), MQRC_NONE);
		assert_true(sel_always_true(s));
		assert_true(msgprops_match(s, NULL, NULL, 0));
		sel_free(s);
	}
	struct sel *s;
	size_t pos;
	assert_int_equal(sel_compile("i = 1 OR TRUE", 13, &s, &pos), MQRC_NONE);   /* a property named: evaluated */
	assert_false(sel_always_true(s));
	sel_free(s);
	assert_true(sel_always_true(NULL));
}

static void test_selector__limits(void **st)
{
	(void)st;
	struct sel *s;
	size_t pos, n = MQ_SELECTOR_LENGTH + 1;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memset(big, ' ', n);
	memcpy(big, "i = 10", 6);
	big[n] = 0;
	assert_int_equal(sel_compile(big, n, &s, &pos), MQRC_SELECTION_STRING_ERROR);
	assert_null(s);
	assert_int_equal(sel_compile(big, n - 1, &s, &pos), MQRC_NONE);   /* 10240 is allowed */
	assert_true(sel_match(s, lookup, NULL));
	assert_int_equal(strlen(sel_text(s)), n - 1);
	assert_memory_equal(sel_text(s), big, n - 1);
	sel_free(s);

	/* nesting: 200 parentheses are fine, 201 are refused */
	char buf[2048];
	size_t k = 0;
	for (int i = 0; i < 200; i++) buf[k++] = '(';
	memcpy(buf + k, "t", 1); k += 1;
	for (int i = 0; i < 200; i++) buf[k++] = ')';
	buf[k] = 0;
	T(buf);
	k = 0;
	for (int i = 0; i < 201; i++) buf[k++] = '(';
	buf[k++] = 't';
	for (int i = 0; i < 201; i++) buf[k++] = ')';
	buf[k] = 0;
	bad_at(buf, 200);
	/* long chains: 1,000 ANDs fine, more refused, never deep recursion */
	size_t cap = 10240;
	char *chain = malloc(cap + 1);
	assert_non_null(chain);
	k = 0;
	k += (size_t)sprintf(chain, "t");
	for (int i = 0; i < 999; i++)
		k += (size_t)sprintf(chain + k, " AND t");
	k += (size_t)sprintf(chain + k, " AND t");
	T(chain);
	k += (size_t)sprintf(chain + k, " AND t");
	assert_int_equal(sel_compile(chain, k, &s, &pos), MQRC_SELECTOR_SYNTAX_ERROR);
	free(chain);
	/* a NUL inside the text is a fault, not an end */
	assert_int_equal(sel_compile("t\0 OR f", 7, &s, &pos), MQRC_SELECTOR_SYNTAX_ERROR);
	assert_int_equal(pos, 1);
	free(big);
}

/* ------------------------------------------------------------------------ */
/* msgprops                                                                 */

static void put32(uint8_t *p, uint32_t v, int big)
{
	for (int i = 0; i < 4; i++)
		p[big ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

/* An MQRFH2 of folders (padded with blanks), then Format fmt. */
static size_t rfh2(uint8_t *b, int big, uint32_t nvccsid, const char *fmt, const char *const *folders, int n)
{
	size_t pos = 36;
	memset(b, 0, 36);
	memcpy(b, "RFH ", 4);
	put32(b + 4, 2, big);
	put32(b + 12, big ? 1 : 546, big);
	put32(b + 16, 1208, big);
	memset(b + 20, ' ', 8);
	memcpy(b + 20, fmt, strlen(fmt));
	put32(b + 32, nvccsid, big);
	for (int i = 0; i < n; i++) {
		size_t l = strlen(folders[i]), pl = (l + 3) / 4 * 4;
		put32(b + pos, (uint32_t)pl, big);
		memcpy(b + pos + 4, folders[i], l);
		memset(b + pos + 4 + l, ' ', pl - l);
		pos += 4 + pl;
	}
	put32(b + 8, (uint32_t)pos, big);
	return pos;
}

static int sel_on(const char *text, const MQMD *md, const uint8_t *d, size_t len)
{
	struct sel *s;
	size_t pos;
	assert_int_equal(sel_compile(text, strlen(text), &s, &pos), MQRC_NONE);
	int r = msgprops_match(s, md, d, len);
	sel_free(s);
	return r;
}

static void test_selector__msgprops(void **st)
{
	(void)st;
	uint8_t b[2048];
	static const char *const folders[] = {
		"<mcd><Msd>jms_text</Msd></mcd>",
		"<usr><colour>red</colour><size dt=\"i4\">12</size><w dt='r8'>1.5</w><ok dt=\"boolean\">1</ok>"
		"<id dt=\"bin.hex\">0AFC23</id><a><b dt=\"i8\">-9000000000</b></a><none xsi:nil=\"true\"></none>"
		"<amp>&lt;x&amp;y&gt;&#65;&#x42;</amp><e/><small dt=\"i1\">-5</small><odd dt=\"xyz\">q</odd></usr>",
		"<psc><Command>RegSub</Command></psc>",
	};
	MQMD md = { MQMD_DEFAULT };
	md.Version = MQMD_VERSION_2;
	md.Priority = 7;
	md.Encoding = MQENC_NATIVE;
	memcpy(md.Format, MQFMT_RF_HEADER_2, 8);
	memcpy(md.MsgId, "ABC", 3);
	size_t n = rfh2(b, 0, 1208, "MQSTR", folders, 3);
	memcpy(b + n, "body", 4);
	struct msgprops p;
	msgprops_read(&p, &md, b, n + 4);
	assert_int_equal(p.bad, 0);
	assert_int_equal(p.n, 12);
	msgprops_free(&p);
	assert_true(sel_on("colour = 'red' AND usr.colour = 'red'", &md, b, n + 4));
	assert_true(sel_on("size = 12 AND size > 11.5 AND w = 1.5 AND ok AND ok = TRUE", &md, b, n + 4));
	assert_true(sel_on("id = \"0x0AFC23\" AND usr.a.b = -9000000000 AND a.b IS NULL AND small = -5", &md, b, n + 4));
	assert_true(sel_on("none IS NULL AND missing IS NULL AND e = '' AND e IS NOT NULL", &md, b, n + 4));
	assert_true(sel_on("amp = '<x&y>AB' AND odd = 'q'", &md, b, n + 4));
	assert_true(sel_on("mcd.Msd = 'jms_text' AND Root.MQMD.Priority = 7", &md, b, n + 4));
	/* a header with a psc folder is not only properties: the MQMD view stays before it */
	assert_true(sel_on("Root.MQMD.Format = 'MQHRF2' AND Root.MQMD.Persistence = 2", &md, b, n + 4));
	assert_true(sel_on("Root.MQMD.MsgId = \"0x414243000000000000000000000000000000000000000000\"", &md, b,
			   n + 4));
	assert_false(sel_on("Command = 'RegSub' OR psc.Command = 'RegSub'", &md, b, n + 4));
	/* a version-1 MQMD has no GroupId */
	md.Version = MQMD_VERSION_1;
	assert_true(sel_on("Root.MQMD.GroupId IS NULL AND Root.MQMD.MsgId IS NOT NULL", &md, b, n + 4));
	md.Version = MQMD_VERSION_2;

	/* big-endian integers, a second MQRFH2 after the first, the last value wins */
	static const char *const f1[] = { "<usr><k dt=\"i4\">1</k></usr>" };
	static const char *const f2[] = { "<usr><k dt=\"i4\">2</k><only>x</only></usr>" };
	size_t n1 = rfh2(b, 1, 1208, "MQHRF2", f1, 1);
	size_t n2 = rfh2(b + n1, 1, 1208, "MQSTR", f2, 1);
	md.Encoding = MQENC_INTEGER_NORMAL;
	assert_true(sel_on("k = 2 AND only = 'x'", &md, b, n1 + n2));
	/* Root.MQMD as a getter sees it: what follows the MQRFH2s (here no psc folder) */
	assert_true(sel_on("Root.MQMD.Format = 'MQSTR' AND Root.MQMD.CodedCharSetId = 1208 AND Root.MQMD.Encoding = 1",
			   &md, b, n1 + n2));
	/* the MQMD does not say MQHRF2: no properties read */
	memcpy(md.Format, "MQSTR   ", 8);
	assert_true(sel_on("k IS NULL", &md, b, n1 + n2));
	memcpy(md.Format, MQFMT_RF_HEADER_2, 8);
	/* a folder in a CCSID not ASCII-based is left out: the message is then
	 * selected by no selector that names a property */
	n = rfh2(b, 0, 1200, "MQSTR", folders + 1, 1);
	md.Encoding = MQENC_NATIVE;
	msgprops_read(&p, &md, b, n);
	assert_int_equal(p.n, 0);
	assert_int_equal(p.bad, 1);
	msgprops_free(&p);
	assert_false(sel_on("colour IS NULL", &md, b, n));
	assert_false(sel_on("Root.MQMD.Priority = 7", &md, b, n));
	assert_true(sel_on("TRUE", &md, b, n));
}

static void test_selector__msgprops_hostile(void **st)
{
	(void)st;
	uint8_t b[1024];
	static const char *const good[] = { "<usr><x dt=\"i4\">5</x><y><z>deep</z></y></usr>", "<jms><Pri>4</Pri></jms>" };
	MQMD md = { MQMD_DEFAULT };
	md.Encoding = MQENC_NATIVE;
	memcpy(md.Format, MQFMT_RF_HEADER_2, 8);
	size_t n = rfh2(b, 0, 1208, "MQSTR", good, 2);
	struct msgprops p;
	/* every truncation: read within the bytes given (ASan checks), no property from a cut header */
	for (size_t len = 0; len < n; len++) {
		uint8_t *c = malloc(len ? len : 1);
		assert_non_null(c);
		memcpy(c, b, len);
		msgprops_read(&p, &md, c, len);
		assert_int_equal(p.n, 0);
		msgprops_free(&p);
		free(c);
	}
	/* every byte changed to each of a few values: never past the data, the rest well formed */
	static const uint8_t vals[] = { 0, '<', '>', '/', '"', '&', ' ', 0xff, 0x7f, 'a' };
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < sizeof vals; k++) {
			uint8_t *c = malloc(n);
			assert_non_null(c);
			memcpy(c, b, n);
			c[i] = vals[k];
			msgprops_read(&p, &md, c, n);
			for (size_t j = 0; j < p.n; j++)
				assert_true(p.v[j].namelen > 0 && strlen(p.v[j].name) == p.v[j].namelen);
			msgprops_free(&p);
			free(c);
		}
	/* broken XML: the folder is left out, bad is set, the other folder kept */
	static const char *const broken[][2] = {
		{ "<usr><x>1</y></usr>", "<jms><Pri>4</Pri></jms>" },
		{ "<usr><x dt=\"i4\">one</x></usr>", "<jms><Pri>4</Pri></jms>" },
		{ "<usr><x dt=\"i1\">300</x></usr>", "<jms><Pri>4</Pri></jms>" },
		{ "<usr><x>&bogus;</x></usr>", "<jms><Pri>4</Pri></jms>" },
		{ "<usr><x.y>1</x.y></usr>", "<jms><Pri>4</Pri></jms>" },
		{ "<usr><x dt=\"bin.hex\">ABC</x></usr>", "<jms><Pri>4</Pri></jms>" },
		{ "<usr>text</usr>", "<jms><Pri>4</Pri></jms>" },
		{ "<usr><x>1</x></usr>junk", "<jms><Pri>4</Pri></jms>" },
	};
	for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
		n = rfh2(b, 0, 1208, "MQSTR", broken[i], 2);
		msgprops_read(&p, &md, b, n);
		assert_int_equal(p.bad, 1);
		assert_int_equal(p.n, 1);
		assert_string_equal(p.v[0].name, "jms.Pri");
		msgprops_free(&p);
	}
	/* nesting beyond 16 levels */
	char deep[512] = "<usr>";
	for (int i = 0; i < 20; i++) strcat(deep, "<a>");
	strcat(deep, "1");
	for (int i = 0; i < 20; i++) strcat(deep, "</a>");
	strcat(deep, "</usr>");
	const char *dv[] = { deep };
	n = rfh2(b, 0, 1208, "MQSTR", dv, 1);
	msgprops_read(&p, &md, b, n);
	assert_int_equal(p.bad, 1);
	assert_int_equal(p.n, 0);
	msgprops_free(&p);
	/* lengths that lie: StrucLength past the data, a folder past the header */
	n = rfh2(b, 0, 1208, "MQSTR", good, 2);
	put32(b + 8, (uint32_t)n + 4, 0);
	msgprops_read(&p, &md, b, n);
	assert_int_equal(p.n, 0);
	assert_int_equal(p.bad, 1);
	msgprops_free(&p);
	put32(b + 8, (uint32_t)n, 0);
	put32(b + 36, 0x7ffffffc, 0);
	msgprops_read(&p, &md, b, n);
	assert_int_equal(p.n, 0);
	assert_int_equal(p.bad, 1);
	msgprops_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_selector__comparisons),
		cmocka_unit_test(test_selector__arithmetic),
		cmocka_unit_test(test_selector__logic),
		cmocka_unit_test(test_selector__predicates),
		cmocka_unit_test(test_selector__literals),
		cmocka_unit_test(test_selector__syntax_errors),
		cmocka_unit_test(test_selector__syntax_errors2),
		cmocka_unit_test(test_selector__constant),
		cmocka_unit_test(test_selector__limits),
		cmocka_unit_test(test_selector__msgprops),
		cmocka_unit_test(test_selector__msgprops_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
