/*
 * selector.c: message selectors, MQ's subset of SQL92 conditional
 * expressions (selector.h has the API).  Compiled once to a tree; evaluated
 * per message over the values a lookup callback gives.
 *
 * Grammar (keywords in any case; property names keep theirs):
 *
 *   selector   := or-expr                       (empty or blanks: no selection)
 *   or-expr    := and-expr { OR and-expr }
 *   and-expr   := not-expr { AND not-expr }
 *   not-expr   := NOT not-expr | predicate
 *   predicate  := sum [ cmp sum
 *                     | [NOT] BETWEEN sum AND sum
 *                     | [NOT] LIKE 'pattern' [ESCAPE 'c']     (left: an identifier)
 *                     | [NOT] IN ( 'string' { , 'string' } )  (left: an identifier)
 *                     | IS [NOT] NULL ]                       (left: an identifier)
 *   cmp        := = | <> | < | > | <= | >=
 *   sum        := product { (+|-) product }
 *   product    := unary { (*|/) unary }
 *   unary      := (+|-) unary | primary
 *   primary    := literal | identifier | ( or-expr )
 *
 * Literals: 'string' ('' is a quote; any bytes inside); "0x0AFC23", a byte
 * string (double quotes, 0x or 0X, an even number of hex digits, at least
 * one byte); exact numbers 57, 0x1F (hex), 0177 (octal: a leading 0, digits
 * 0-7, so 09 is an error), with an optional L; approximate numbers 7., .5,
 * 95.7, 7E3, -57.9E2, with an optional F or D; TRUE, FALSE.  Identifiers:
 * a letter, _ or $ then letters, digits, _, $ and dots (Root.MQMD.Priority,
 * usr.colour, colour), up to MQ_MAX_PROPERTY_NAME_LENGTH bytes, not one of
 * the keywords (NOT AND OR BETWEEN LIKE IN IS NULL ESCAPE TRUE FALSE), and
 * under "Root." only Root.MQMD.<Field> with a field of the MQMD as its C
 * declaration names it (Root.MQMD.Priority; not Root.MQMD.priority, not
 * Root.Body: MQ's extended selection is not served), else 2459; bytes
 * of 0x80 and above count as letters (UTF-8 names).  Operators are exactly
 * these: == != && || ! * in place of % and the like are errors, as MQ's
 * rules say.  Evaluation is left to right within a level of precedence, so
 * 20 < b < 30 is (20 < b) < 30: a boolean compared with a number, refused.
 *
 * Reasons: MQRC_SELECTOR_SYNTAX_ERROR (2459) for any fault, with the offset
 * of the token at fault; MQRC_SELECTION_STRING_ERROR (2519) for a text
 * longer than MQ_SELECTOR_LENGTH (10240), as MQ says for the MQCHARV;
 * MQRC_SELECTOR_ALWAYS_FALSE (2504) for a selector that names no property
 * and is FALSE without one (MQ's "Selection behavior": 1 = 2, FALSE); one
 * that is UNKNOWN without one (1 / 0 = 1) can select nothing either and is
 * refused the same way (our decision).  One that is TRUE (TRUE <> FALSE)
 * selects every message: sel_always_true says so, and callers need not read
 * a message's properties for it.
 *
 * Values and three-valued logic (SQL92 as JMS uses it):
 *   - an identifier the message lacks, or a property of MQTYPE_NULL, is
 *     NULL (UNKNOWN): comparisons and arithmetic with it are UNKNOWN; AND is
 *     FALSE if either side is FALSE, OR TRUE if either is TRUE; NOT UNKNOWN
 *     is UNKNOWN; IS NULL is TRUE for it.  A message is selected only when
 *     the whole selector is TRUE.
 *   - every MQTYPE_INT* is an exact number (64-bit), FLOAT32/64 approximate;
 *     exact with exact stays exact (7 / 2 is 3, truncated toward zero, as
 *     Java), an overflow becomes approximate; any approximate side makes the
 *     operation approximate.  Division by zero is UNKNOWN (our decision: MQ
 *     and JMS are silent).
 *   - strings (and byte strings) compare only with = and <>, byte for byte
 *     (a byte string must have the same length and bytes); booleans only with
 *     = and <>.  <, >, <=, >= of strings or booleans are UNKNOWN.
 *   - values of unlike types (a string property against a number, a number
 *     property used as a condition) compare FALSE, as JMS says for "non-like
 *     type values"; used as a condition (AND, OR, NOT, the whole selector) a
 *     value that is not a boolean is UNKNOWN; arithmetic on one is UNKNOWN.
 *   - literals of unlike types that the text shows ('a' = 1, 'a' < 'b',
 *     TRUE + 1, NOT 5, a whole selector that is a number) are refused with
 *     2459 when compiled, where the type is known without a message.
 *   - LIKE: % any run of characters, _ one character (UTF-8), the ESCAPE
 *     character (exactly one character) before %, _ or itself makes it plain;
 *     before anything else it is refused.  A non-string value is FALSE.
 *   - IN: string literals only (as MQ and JMS define it); a non-string FALSE.
 * Not served: JMS header names (JMSPriority ...) mapped to MQMD fields in
 * selectors (they are looked up as written, so "JMSPriority" is the usr
 * property of that name), the extended selection of message content, the
 * smallest 64-bit integer as a literal (-9223372036854775808 overflows
 * before the minus), nesting deeper than 200 levels of
 * parentheses, NOT or signs, or a tree deeper than 1,000 operators (a chain
 * of 1,000 ANDs): 2459, so that evaluation's recursion stays bounded.
 */
#include "qm/engine/selector.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NEST 200
#define MAX_HEIGHT 1000

enum tok {
	T_END, T_LP, T_RP, T_COMMA, T_EQ, T_NE, T_LT, T_GT, T_LE, T_GE, T_PLUS, T_MINUS, T_STAR, T_SLASH,
	T_STR, T_BYTES, T_INT, T_DBL, T_IDENT,
	T_AND, T_OR, T_NOT, T_BETWEEN, T_LIKE, T_IN, T_IS, T_NULL, T_ESCAPE, T_TRUE, T_FALSE,
};

enum op {
	N_LIT, N_IDENT, N_NEG, N_ADD, N_SUB, N_MUL, N_DIV,
	N_EQ, N_NE, N_LT, N_GT, N_LE, N_GE, N_AND, N_OR, N_NOT,
	N_BETWEEN, N_LIKE, N_IN, N_ISNULL,
};

/* what the text shows of a node's type, for the checks at compile time */
enum kind { K_ANY, K_BOOL, K_NUM, K_STR, K_BYTES };

/* a LIKE pattern's step: a character to match, _ or % */
struct pstep {
	int kind;        /* 0: the bytes c[0..n), 1: _, 2: % */
	uint8_t c[4];
	uint8_t n;
};

struct node {
	int op, neg, kind;
	int h;                         /* height of the tree under it (evaluation recurses so deep) */
	struct node *a, *b, *c;
	struct sel_val lit;            /* N_LIT */
	char *name;                    /* N_IDENT */
	size_t namelen;
	uint8_t *buf;                  /* owned bytes of a literal */
	struct pstep *pat;             /* N_LIKE */
	size_t npat;
	struct node **list;            /* N_IN: literals */
	size_t nlist;
	struct node *next_alloc;
};

struct sel {
	struct node *root;
	struct node *nodes;            /* every node, to free */
	char *text;
	int has_ident;                 /* it names a property or field */
};

struct ps {
	const char *base, *p, *end;
	int tok;
	size_t tpos;                   /* offset of the current token */
	/* the current token's value */
	int64_t ival;
	double dval;
	uint8_t *sval;                 /* T_STR, T_BYTES (malloc'd, handed to a node or freed) */
	size_t slen;
	const char *id;
	size_t idlen;
	int err;                       /* 0, or an MQRC */
	size_t errpos;
	int depth;
	struct sel *s;
};

/* ------------------------------------------------------------------------ */
/* the lexer                                                                */

static int fail(struct ps *ps, size_t pos)
{
	if (!ps->err) {
		ps->err = MQRC_SELECTOR_SYNTAX_ERROR;
		ps->errpos = pos;
	}
	return -1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static int id_start(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$' || c >= 0x80;
}

static int id_part(unsigned char c)
{
	return id_start(c) || (c >= '0' && c <= '9') || c == '.';
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static const struct { const char *w; int t; } keywords[] = {
	{ "AND", T_AND }, { "OR", T_OR }, { "NOT", T_NOT }, { "BETWEEN", T_BETWEEN }, { "LIKE", T_LIKE },
	{ "IN", T_IN }, { "IS", T_IS }, { "NULL", T_NULL }, { "ESCAPE", T_ESCAPE }, { "TRUE", T_TRUE },
	{ "FALSE", T_FALSE },
};

static int lex_number(struct ps *ps)
{
	const char *s = ps->p, *q = s;
	size_t pos = (size_t)(s - ps->base);
	if (q + 1 < ps->end && q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) {
		uint64_t v = 0;
		q += 2;
		if (q >= ps->end || hexval((unsigned char)*q) < 0)
			return fail(ps, pos);
		while (q < ps->end && hexval((unsigned char)*q) >= 0) {
			if (v > (uint64_t)INT64_MAX >> 4)
				return fail(ps, pos);
			v = v << 4 | (uint64_t)hexval((unsigned char)*q++);
		}
		if (v > (uint64_t)INT64_MAX)
			return fail(ps, pos);
		ps->ival = (int64_t)v;
		ps->tok = T_INT;
		if (q < ps->end && (*q == 'L' || *q == 'l'))
			q++;
	} else {
		int approx = 0;
		while (q < ps->end && *q >= '0' && *q <= '9')
			q++;
		if (q < ps->end && *q == '.') {
			approx = 1;
			q++;
			while (q < ps->end && *q >= '0' && *q <= '9')
				q++;
		}
		if (q < ps->end && (*q == 'e' || *q == 'E')) {
			const char *e = q + 1;
			if (e < ps->end && (*e == '+' || *e == '-'))
				e++;
			if (e >= ps->end || *e < '0' || *e > '9')
				return fail(ps, pos);
			while (e < ps->end && *e >= '0' && *e <= '9')
				e++;
			q = e;
			approx = 1;
		}
		size_t n = (size_t)(q - s);
		char buf[64];
		if (n >= sizeof buf)
			return fail(ps, pos);   /* no number needs 64 characters */
		memcpy(buf, s, n);
		buf[n] = 0;
		if (approx) {
			char *e;
			errno = 0;
			ps->dval = strtod(buf, &e);
			if (*e || (errno == ERANGE && isinf(ps->dval)))
				return fail(ps, pos);
			ps->tok = T_DBL;
			if (q < ps->end && (*q == 'f' || *q == 'F' || *q == 'd' || *q == 'D'))
				q++;
		} else {
			int64_t v = 0;
			int octal = n > 1 && buf[0] == '0';
			for (size_t i = 0; i < n; i++) {
				int d = buf[i] - '0';
				if (octal && d > 7)
					return fail(ps, pos + i);
				int base = octal ? 8 : 10;
				if (v > (INT64_MAX - d) / base)
					return fail(ps, pos);
				v = v * base + d;
			}
			ps->ival = v;
			ps->tok = T_INT;
			if (q < ps->end && (*q == 'L' || *q == 'l'))
				q++;
		}
	}
	if (q < ps->end && (id_part((unsigned char)*q) || *q == '\'' || *q == '"'))
		return fail(ps, (size_t)(q - ps->base));   /* 12abc, 7.5.1, 0x1G */
	ps->p = q;
	return 0;
}

static int lex_string(struct ps *ps)
{
	const char *q = ps->p + 1;
	size_t pos = (size_t)(ps->p - ps->base), n = 0;
	uint8_t *b = malloc((size_t)(ps->end - ps->p) + 1);
	if (!b) {
		ps->err = MQRC_STORAGE_NOT_AVAILABLE;
		return -1;
	}
	for (;;) {
		if (q >= ps->end) {
			free(b);
			return fail(ps, pos);
		}
		if (*q == '\'') {
			if (q + 1 < ps->end && q[1] == '\'') {
				b[n++] = '\'';
				q += 2;
				continue;
			}
			q++;
			break;
		}
		b[n++] = (uint8_t)*q++;
	}
	b[n] = 0;
	ps->sval = b;
	ps->slen = n;
	ps->tok = T_STR;
	ps->p = q;
	return 0;
}

static int lex_bytes(struct ps *ps)
{
	const char *q = ps->p + 1;
	size_t pos = (size_t)(ps->p - ps->base);
	if (q + 1 >= ps->end || q[0] != '0' || (q[1] != 'x' && q[1] != 'X'))
		return fail(ps, pos);   /* double quotes are for byte strings only */
	q += 2;
	const char *h = q;
	while (q < ps->end && hexval((unsigned char)*q) >= 0)
		q++;
	size_t nh = (size_t)(q - h);
	if (q >= ps->end || *q != '"' || nh == 0 || nh % 2)
		return fail(ps, pos);
	uint8_t *b = malloc(nh / 2 + 1);
	if (!b) {
		ps->err = MQRC_STORAGE_NOT_AVAILABLE;
		return -1;
	}
	for (size_t i = 0; i < nh / 2; i++)
		b[i] = (uint8_t)(hexval((unsigned char)h[2 * i]) << 4 | hexval((unsigned char)h[2 * i + 1]));
	ps->sval = b;
	ps->slen = nh / 2;
	ps->tok = T_BYTES;
	ps->p = q + 1;
	return 0;
}

/* A name under "Root." must be Root.MQMD.<Field>, a field of the MQMD as its
 * C declaration names it (libmqm's Root.MQMD properties, qm/mqi/propmd.c):
 * another is not a valid property name, so the selector is refused. */
static const char *const md_fields[] = {
	"Report", "MsgType", "Expiry", "Feedback", "Encoding", "CodedCharSetId", "Format", "Priority",
	"Persistence", "MsgId", "CorrelId", "BackoutCount", "ReplyToQ", "ReplyToQMgr", "UserIdentifier",
	"AccountingToken", "ApplIdentityData", "PutApplType", "PutApplName", "PutDate", "PutTime",
	"ApplOriginData", "GroupId", "MsgSeqNumber", "Offset", "MsgFlags", "OriginalLength",
};

static int root_name_ok(const char *id, size_t n)
{
	static const char root[] = "Root.", md[] = "Root.MQMD.";
	if (n < sizeof root - 1 || memcmp(id, root, sizeof root - 1) != 0)
		return 1;
	if (n <= sizeof md - 1 || memcmp(id, md, sizeof md - 1) != 0)
		return 0;
	const char *f = id + sizeof md - 1;
	size_t fl = n - (sizeof md - 1);
	for (size_t i = 0; i < sizeof md_fields / sizeof md_fields[0]; i++)
		if (strlen(md_fields[i]) == fl && !memcmp(md_fields[i], f, fl))
			return 1;
	return 0;
}

/* The next token into ps (the value of a string token not taken is freed). */
static int next(struct ps *ps)
{
	if (ps->err)
		return -1;
	free(ps->sval);
	ps->sval = NULL;
	while (ps->p < ps->end && is_space(*ps->p))
		ps->p++;
	ps->tpos = (size_t)(ps->p - ps->base);
	if (ps->p >= ps->end) {
		ps->tok = T_END;
		return 0;
	}
	unsigned char c = (unsigned char)*ps->p;
	const char *q = ps->p;
	switch (c) {
	case '(': ps->tok = T_LP; ps->p++; return 0;
	case ')': ps->tok = T_RP; ps->p++; return 0;
	case ',': ps->tok = T_COMMA; ps->p++; return 0;
	case '=': ps->tok = T_EQ; ps->p++; return 0;
	case '+': ps->tok = T_PLUS; ps->p++; return 0;
	case '-': ps->tok = T_MINUS; ps->p++; return 0;
	case '*': ps->tok = T_STAR; ps->p++; return 0;
	case '/': ps->tok = T_SLASH; ps->p++; return 0;
	case '<':
		ps->p++;
		if (ps->p < ps->end && *ps->p == '>') { ps->tok = T_NE; ps->p++; }
		else if (ps->p < ps->end && *ps->p == '=') { ps->tok = T_LE; ps->p++; }
		else ps->tok = T_LT;
		return 0;
	case '>':
		ps->p++;
		if (ps->p < ps->end && *ps->p == '=') { ps->tok = T_GE; ps->p++; }
		else ps->tok = T_GT;
		return 0;
	case '\'':
		return lex_string(ps);
	case '"':
		return lex_bytes(ps);
	default:
		break;
	}
	if ((c >= '0' && c <= '9') || (c == '.' && q + 1 < ps->end && q[1] >= '0' && q[1] <= '9'))
		return lex_number(ps);
	if (!id_start(c))
		return fail(ps, ps->tpos);
	while (q < ps->end && id_part((unsigned char)*q))
		q++;
	ps->id = ps->p;
	ps->idlen = (size_t)(q - ps->p);
	ps->p = q;
	if (ps->id[ps->idlen - 1] == '.' || ps->idlen > MQ_MAX_PROPERTY_NAME_LENGTH)
		return fail(ps, ps->tpos);
	for (size_t i = 0; i + 1 < ps->idlen; i++)
		if (ps->id[i] == '.' && ps->id[i + 1] == '.')
			return fail(ps, ps->tpos);
	for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++)
		if (strlen(keywords[k].w) == ps->idlen && strncasecmp(keywords[k].w, ps->id, ps->idlen) == 0) {
			ps->tok = keywords[k].t;
			return 0;
		}
	if (!root_name_ok(ps->id, ps->idlen))
		return fail(ps, ps->tpos);
	ps->tok = T_IDENT;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* the parser                                                               */

static struct node *mk(struct ps *ps, int op, int kind)
{
	struct node *n = calloc(1, sizeof *n);
	if (!n) {
		ps->err = MQRC_STORAGE_NOT_AVAILABLE;
		return NULL;
	}
	n->op = op;
	n->kind = kind;
	if (op == N_IDENT)
		ps->s->has_ident = 1;
	n->next_alloc = ps->s->nodes;
	ps->s->nodes = n;
	return n;
}

static struct node *or_expr(struct ps *ps);
static struct node *grown(struct ps *ps, struct node *n);
static struct node *sum(struct ps *ps);

/* kind checks: a known kind that cannot be what the operator needs */
static int want(struct ps *ps, const struct node *n, int kind, size_t pos)
{
	if (n->kind != K_ANY && n->kind != kind)
		return fail(ps, pos);
	return 0;
}

static struct node *primary(struct ps *ps)
{
	struct node *n;
	size_t pos = ps->tpos;
	switch (ps->tok) {
	case T_LP:
		if (++ps->depth > MAX_NEST) {
			fail(ps, pos);
			return NULL;
		}
		if (next(ps))
			return NULL;
		n = or_expr(ps);
		if (!n)
			return NULL;
		if (ps->tok != T_RP) {
			fail(ps, ps->tpos);
			return NULL;
		}
		ps->depth--;
		return next(ps) ? NULL : n;
	case T_INT: case T_DBL:
		if (!(n = mk(ps, N_LIT, K_NUM)))
			return NULL;
		if (ps->tok == T_INT) {
			n->lit.type = SEL_INT;
			n->lit.i = ps->ival;
		} else {
			n->lit.type = SEL_DBL;
			n->lit.d = ps->dval;
		}
		return next(ps) ? NULL : n;
	case T_STR: case T_BYTES:
		if (!(n = mk(ps, N_LIT, ps->tok == T_STR ? K_STR : K_BYTES)))
			return NULL;
		n->lit.type = ps->tok == T_STR ? SEL_STR : SEL_BYTES;
		n->buf = ps->sval;
		n->lit.s = ps->sval;
		n->lit.len = ps->slen;
		ps->sval = NULL;
		return next(ps) ? NULL : n;
	case T_TRUE: case T_FALSE:
		if (!(n = mk(ps, N_LIT, K_BOOL)))
			return NULL;
		n->lit.type = SEL_BOOL;
		n->lit.b = ps->tok == T_TRUE;
		return next(ps) ? NULL : n;
	case T_IDENT:
		if (!(n = mk(ps, N_IDENT, K_ANY)))
			return NULL;
		if (!(n->name = malloc(ps->idlen + 1))) {
			ps->err = MQRC_STORAGE_NOT_AVAILABLE;
			return NULL;
		}
		memcpy(n->name, ps->id, ps->idlen);
		n->name[ps->idlen] = 0;
		n->namelen = ps->idlen;
		return next(ps) ? NULL : n;
	default:
		fail(ps, pos);
		return NULL;
	}
}

static struct node *unary(struct ps *ps)
{
	if (ps->tok == T_PLUS || ps->tok == T_MINUS) {
		int minus = ps->tok == T_MINUS;
		size_t pos = ps->tpos;
		if (++ps->depth > MAX_NEST) {
			fail(ps, pos);
			return NULL;
		}
		if (next(ps))
			return NULL;
		struct node *a = unary(ps);
		ps->depth--;
		if (!a || want(ps, a, K_NUM, pos))
			return NULL;
		if (!minus)
			return a;
		if (a->op == N_LIT) {   /* a negative literal */
			if (a->lit.type == SEL_INT)
				a->lit.i = -a->lit.i;
			else
				a->lit.d = -a->lit.d;
			return a;
		}
		struct node *n = mk(ps, N_NEG, K_NUM);
		if (n)
			n->a = a;
		return grown(ps, n);
	}
	return primary(ps);
}

/* n's height from its children's: a tree deeper than MAX_HEIGHT is refused
 * (a long chain of AND, OR or + is one level deeper for each operator). */
static struct node *grown(struct ps *ps, struct node *n)
{
	if (!n)
		return NULL;
	int h = 0;
	if (n->a && n->a->h > h) h = n->a->h;
	if (n->b && n->b->h > h) h = n->b->h;
	if (n->c && n->c->h > h) h = n->c->h;
	n->h = h + 1;
	if (n->h > MAX_HEIGHT) {
		fail(ps, ps->tpos);
		return NULL;
	}
	return n;
}

static struct node *binary(struct ps *ps, int op, int kind, struct node *a, struct node *b)
{
	struct node *n = mk(ps, op, kind);
	if (n) {
		n->a = a;
		n->b = b;
	}
	return grown(ps, n);
}

static struct node *product(struct ps *ps)
{
	struct node *a = unary(ps);
	while (a && (ps->tok == T_STAR || ps->tok == T_SLASH)) {
		int op = ps->tok == T_STAR ? N_MUL : N_DIV;
		size_t pos = ps->tpos;
		if (want(ps, a, K_NUM, pos) || next(ps))
			return NULL;
		struct node *b = unary(ps);
		if (!b || want(ps, b, K_NUM, pos))
			return NULL;
		a = binary(ps, op, K_NUM, a, b);
	}
	return a;
}

static struct node *sum(struct ps *ps)
{
	struct node *a = product(ps);
	while (a && (ps->tok == T_PLUS || ps->tok == T_MINUS)) {
		int op = ps->tok == T_PLUS ? N_ADD : N_SUB;
		size_t pos = ps->tpos;
		if (want(ps, a, K_NUM, pos) || next(ps))
			return NULL;
		struct node *b = product(ps);
		if (!b || want(ps, b, K_NUM, pos))
			return NULL;
		a = binary(ps, op, K_NUM, a, b);
	}
	return a;
}

/* A LIKE pattern into steps; an escape before anything but %, _ or itself
 * is refused. */
static int like_pattern(struct ps *ps, struct node *n, const uint8_t *p, size_t len, const uint8_t *esc,
			size_t esclen, size_t pos)
{
	if (!(n->pat = calloc(len + 1, sizeof *n->pat))) {
		ps->err = MQRC_STORAGE_NOT_AVAILABLE;
		return -1;
	}
	size_t i = 0;
	while (i < len) {
		size_t cl = 1;
		if (p[i] >= 0xf0) cl = 4;
		else if (p[i] >= 0xe0) cl = 3;
		else if (p[i] >= 0xc0) cl = 2;
		if (cl > len - i)
			cl = len - i;
		struct pstep *st = &n->pat[n->npat];
		if (esc && cl == esclen && memcmp(p + i, esc, cl) == 0) {
			i += cl;
			if (i >= len)
				return fail(ps, pos);
			size_t nl = 1;
			if (p[i] >= 0xf0) nl = 4;
			else if (p[i] >= 0xe0) nl = 3;
			else if (p[i] >= 0xc0) nl = 2;
			if (nl > len - i)
				nl = len - i;
			if (!(nl == 1 && (p[i] == '%' || p[i] == '_')) && !(nl == esclen && memcmp(p + i, esc, nl) == 0))
				return fail(ps, pos);
			st->kind = 0;
			memcpy(st->c, p + i, nl);
			st->n = (uint8_t)nl;
			i += nl;
		} else if (cl == 1 && p[i] == '%') {
			if (n->npat && n->pat[n->npat - 1].kind == 2) {
				i++;
				continue;   /* %% is % */
			}
			st->kind = 2;
			i++;
		} else if (cl == 1 && p[i] == '_') {
			st->kind = 1;
			i++;
		} else {
			st->kind = 0;
			memcpy(st->c, p + i, cl);
			st->n = (uint8_t)cl;
			i += cl;
		}
		n->npat++;
	}
	return 0;
}

static size_t utf8_len(const uint8_t *s, size_t left)
{
	size_t cl = 1;
	if (s[0] >= 0xf0) cl = 4;
	else if (s[0] >= 0xe0) cl = 3;
	else if (s[0] >= 0xc0) cl = 2;
	return cl > left ? left : cl;
}

static struct node *predicate(struct ps *ps)
{
	size_t lpos = ps->tpos;
	struct node *a = sum(ps);
	if (!a)
		return NULL;
	int neg = 0;
	size_t pos = ps->tpos;
	switch (ps->tok) {
	case T_EQ: case T_NE: case T_LT: case T_GT: case T_LE: case T_GE: {
		int t = ps->tok;
		static const int ops[] = { [T_EQ] = N_EQ, [T_NE] = N_NE, [T_LT] = N_LT, [T_GT] = N_GT,
					   [T_LE] = N_LE, [T_GE] = N_GE };
		if (next(ps))
			return NULL;
		struct node *b = sum(ps);
		if (!b)
			return NULL;
		if (t == T_EQ || t == T_NE) {
			if (a->kind != K_ANY && b->kind != K_ANY && a->kind != b->kind) {
				fail(ps, pos);
				return NULL;
			}
		} else if (want(ps, a, K_NUM, pos) || want(ps, b, K_NUM, pos)) {
			return NULL;
		}
		return binary(ps, ops[t], K_BOOL, a, b);
	}
	case T_NOT:
		neg = 1;
		if (next(ps))
			return NULL;
		if (ps->tok != T_BETWEEN && ps->tok != T_LIKE && ps->tok != T_IN) {
			fail(ps, ps->tpos);
			return NULL;
		}
		break;
	case T_BETWEEN: case T_LIKE: case T_IN: case T_IS:
		break;
	default:
		return a;
	}
	pos = ps->tpos;
	int t = ps->tok;
	if (t != T_BETWEEN && a->op != N_IDENT) {
		fail(ps, lpos);   /* LIKE, IN and IS NULL take an identifier */
		return NULL;
	}
	if (next(ps))
		return NULL;
	struct node *n;
	if (t == T_BETWEEN) {
		if (want(ps, a, K_NUM, pos))
			return NULL;
		struct node *lo = sum(ps);
		if (!lo || want(ps, lo, K_NUM, pos))
			return NULL;
		if (ps->tok != T_AND) {
			fail(ps, ps->tpos);
			return NULL;
		}
		if (next(ps))
			return NULL;
		struct node *hi = sum(ps);
		if (!hi || want(ps, hi, K_NUM, pos) || !(n = mk(ps, N_BETWEEN, K_BOOL)))
			return NULL;
		n->a = a;
		n->b = lo;
		n->c = hi;
	} else if (t == T_LIKE) {
		if (ps->tok != T_STR) {
			fail(ps, ps->tpos);
			return NULL;
		}
		uint8_t *pat = ps->sval;
		size_t patlen = ps->slen, ppos = ps->tpos;
		ps->sval = NULL;
		if (!(n = mk(ps, N_LIKE, K_BOOL))) {
			free(pat);
			return NULL;
		}
		n->buf = pat;
		n->a = a;
		if (next(ps))
			return NULL;
		const uint8_t *esc = NULL;
		size_t esclen = 0;
		uint8_t escb[4];
		if (ps->tok == T_ESCAPE) {
			if (next(ps))
				return NULL;
			if (ps->tok != T_STR || ps->slen == 0 || utf8_len(ps->sval, ps->slen) != ps->slen) {
				fail(ps, ps->tpos);
				return NULL;
			}
			memcpy(escb, ps->sval, ps->slen);
			esc = escb;
			esclen = ps->slen;
			if (next(ps))
				return NULL;
		}
		if (like_pattern(ps, n, pat, patlen, esc, esclen, ppos))
			return NULL;
	} else if (t == T_IN) {
		if (ps->tok != T_LP) {
			fail(ps, ps->tpos);
			return NULL;
		}
		if (!(n = mk(ps, N_IN, K_BOOL)))
			return NULL;
		n->a = a;
		size_t cap = 0;
		for (;;) {
			if (next(ps))
				return NULL;
			if (ps->tok != T_STR) {
				fail(ps, ps->tpos);
				return NULL;
			}
			struct node *l = primary(ps);
			if (!l)
				return NULL;
			if (n->nlist == cap) {
				size_t nc = cap ? cap * 2 : 4;
				struct node **v = realloc(n->list, nc * sizeof *v);
				if (!v) {
					ps->err = MQRC_STORAGE_NOT_AVAILABLE;
					return NULL;
				}
				n->list = v;
				cap = nc;
			}
			n->list[n->nlist++] = l;
			if (ps->tok == T_RP)
				break;
			if (ps->tok != T_COMMA) {
				fail(ps, ps->tpos);
				return NULL;
			}
		}
		if (next(ps))
			return NULL;
	} else {   /* IS [NOT] NULL */
		if (ps->tok == T_NOT) {
			neg = 1;
			if (next(ps))
				return NULL;
		}
		if (ps->tok != T_NULL) {
			fail(ps, ps->tpos);
			return NULL;
		}
		if (next(ps) || !(n = mk(ps, N_ISNULL, K_BOOL)))
			return NULL;
		n->a = a;
	}
	n->neg = neg;
	return grown(ps, n);
}

static struct node *not_expr(struct ps *ps)
{
	if (ps->tok == T_NOT) {
		size_t pos = ps->tpos;
		if (++ps->depth > MAX_NEST) {
			fail(ps, pos);
			return NULL;
		}
		if (next(ps))
			return NULL;
		struct node *a = not_expr(ps);
		ps->depth--;
		if (!a || want(ps, a, K_BOOL, pos))
			return NULL;
		struct node *n = mk(ps, N_NOT, K_BOOL);
		if (n)
			n->a = a;
		return grown(ps, n);
	}
	return predicate(ps);
}

static struct node *and_expr(struct ps *ps)
{
	struct node *a = not_expr(ps);
	while (a && ps->tok == T_AND) {
		size_t pos = ps->tpos;
		if (want(ps, a, K_BOOL, pos) || next(ps))
			return NULL;
		struct node *b = not_expr(ps);
		if (!b || want(ps, b, K_BOOL, pos))
			return NULL;
		a = binary(ps, N_AND, K_BOOL, a, b);
	}
	return a;
}

static struct node *or_expr(struct ps *ps)
{
	struct node *a = and_expr(ps);
	while (a && ps->tok == T_OR) {
		size_t pos = ps->tpos;
		if (want(ps, a, K_BOOL, pos) || next(ps))
			return NULL;
		struct node *b = and_expr(ps);
		if (!b || want(ps, b, K_BOOL, pos))
			return NULL;
		a = binary(ps, N_OR, K_BOOL, a, b);
	}
	return a;
}

void sel_free(struct sel *s)
{
	if (!s)
		return;
	struct node *n = s->nodes;
	while (n) {
		struct node *nx = n->next_alloc;
		free(n->name);
		free(n->buf);
		free(n->pat);
		free(n->list);
		free(n);
		n = nx;
	}
	free(s->text);
	free(s);
}

static int no_values(void *arg, const char *name, size_t namelen, struct sel_val *v)
{
	(void)arg;
	(void)name;
	(void)namelen;
	(void)v;
	return 0;
}

MQLONG sel_compile(const char *text, size_t len, struct sel **out, size_t *errpos)
{
	*out = NULL;
	if (errpos)
		*errpos = 0;
	if (len > MQ_SELECTOR_LENGTH)
		return MQRC_SELECTION_STRING_ERROR;
	size_t i = 0;
	while (i < len && is_space(text[i]))
		i++;
	if (i == len)
		return MQRC_NONE;   /* no selection */
	struct sel *s = calloc(1, sizeof *s);
	if (!s || !(s->text = malloc(len + 1))) {
		free(s);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	memcpy(s->text, text, len);
	s->text[len] = 0;
	struct ps ps;
	memset(&ps, 0, sizeof ps);
	ps.base = ps.p = s->text;
	ps.end = s->text + len;
	ps.s = s;
	struct node *root = NULL;
	if (next(&ps) == 0 && (root = or_expr(&ps)) != NULL) {
		if (ps.tok != T_END)
			fail(&ps, ps.tpos);
		else
			want(&ps, root, K_BOOL, 0);
	}
	free(ps.sval);
	if (ps.err) {
		if (errpos)
			*errpos = ps.errpos;
		sel_free(s);
		return ps.err;
	}
	s->root = root;
	/* no property named: its value is known now (MQ's selection behavior):
	 * TRUE selects everything, FALSE (or UNKNOWN) nothing, refused */
	if (!s->has_ident && sel_eval(s, no_values, NULL) != 1) {
		sel_free(s);
		return MQRC_SELECTOR_ALWAYS_FALSE;
	}
	*out = s;
	return MQRC_NONE;
}

int sel_always_true(const struct sel *s)
{
	return !s || !s->has_ident;
}

const char *sel_text(const struct sel *s)
{
	return s ? s->text : "";
}

/* ------------------------------------------------------------------------ */
/* evaluation                                                               */

struct ev {
	sel_lookup_fn lookup;
	void *arg;
};

#define U (-1)   /* UNKNOWN */

static struct sel_val v_null(void)
{
	struct sel_val v;
	memset(&v, 0, sizeof v);
	return v;
}

static struct sel_val v_bool(int t)
{
	struct sel_val v = v_null();
	if (t != U) {
		v.type = SEL_BOOL;
		v.b = t;
	}
	return v;
}

static struct sel_val v_dbl(double d)
{
	struct sel_val v = v_null();
	v.type = SEL_DBL;
	v.d = d;
	return v;
}

static int is_num(const struct sel_val *v)
{
	return v->type == SEL_INT || v->type == SEL_DBL;
}

static double as_dbl(const struct sel_val *v)
{
	return v->type == SEL_INT ? (double)v->i : v->d;
}

static struct sel_val eval(const struct ev *e, const struct node *n);

/* a value as a condition: TRUE, FALSE or UNKNOWN */
static int truth(const struct sel_val *v)
{
	return v->type == SEL_BOOL ? v->b : U;
}

static struct sel_val arith(int op, struct sel_val a, struct sel_val b)
{
	if (!is_num(&a) || !is_num(&b))
		return v_null();
	if (a.type == SEL_INT && b.type == SEL_INT) {
		struct sel_val r = v_null();
		r.type = SEL_INT;
		switch (op) {
		case N_ADD: if (!__builtin_add_overflow(a.i, b.i, &r.i)) return r; break;
		case N_SUB: if (!__builtin_sub_overflow(a.i, b.i, &r.i)) return r; break;
		case N_MUL: if (!__builtin_mul_overflow(a.i, b.i, &r.i)) return r; break;
		default:
			if (b.i == 0)
				return v_null();
			if (!(a.i == INT64_MIN && b.i == -1)) {
				r.i = a.i / b.i;
				return r;
			}
			break;
		}
	}
	double x = as_dbl(&a), y = as_dbl(&b);
	switch (op) {
	case N_ADD: return v_dbl(x + y);
	case N_SUB: return v_dbl(x - y);
	case N_MUL: return v_dbl(x * y);
	default: return y == 0.0 ? v_null() : v_dbl(x / y);
	}
}

/* a comparison: TRUE, FALSE or UNKNOWN */
static int compare(int op, const struct sel_val *a, const struct sel_val *b)
{
	if (a->type == SEL_NULL || b->type == SEL_NULL)
		return U;
	int c;
	if (is_num(a) && is_num(b)) {
		if (a->type == SEL_INT && b->type == SEL_INT) {
			c = a->i < b->i ? -1 : a->i > b->i;
		} else {
			double x = as_dbl(a), y = as_dbl(b);
			if (isnan(x) || isnan(y))
				return op == N_NE;
			c = x < y ? -1 : x > y;
		}
	} else if (a->type != b->type) {
		return 0;   /* unlike types: FALSE (JMS) */
	} else {
		if (op != N_EQ && op != N_NE)
			return U;   /* strings, byte strings, booleans: only = and <> */
		if (a->type == SEL_BOOL)
			c = a->b != b->b;
		else
			c = a->len != b->len || (a->len && memcmp(a->s, b->s, a->len) != 0);
	}
	switch (op) {
	case N_EQ: return c == 0;
	case N_NE: return c != 0;
	case N_LT: return c < 0;
	case N_GT: return c > 0;
	case N_LE: return c <= 0;
	default: return c >= 0;
	}
}

static int and3(int a, int b)
{
	if (a == 0 || b == 0)
		return 0;
	return a == U || b == U ? U : 1;
}

static int not3(int a)
{
	return a == U ? U : !a;
}

static int like(const struct pstep *p, size_t np, const uint8_t *s, size_t n)
{
	size_t pi = 0, si = 0, star_p = (size_t)-1, star_s = 0;
	while (si < n) {
		if (pi < np && p[pi].kind == 2) {
			star_p = pi++;
			star_s = si;
			continue;
		}
		size_t cl = utf8_len(s + si, n - si);
		if (pi < np && (p[pi].kind == 1 || (p[pi].n == cl && memcmp(p[pi].c, s + si, cl) == 0))) {
			pi++;
			si += cl;
			continue;
		}
		if (star_p == (size_t)-1)
			return 0;
		/* the last % takes one character more */
		pi = star_p + 1;
		star_s += utf8_len(s + star_s, n - star_s);
		si = star_s;
	}
	while (pi < np && p[pi].kind == 2)
		pi++;
	return pi == np;
}

static struct sel_val eval(const struct ev *e, const struct node *n)
{
	struct sel_val a, b, c;
	int t;
	switch (n->op) {
	case N_LIT:
		return n->lit;
	case N_IDENT:
		a = v_null();
		if (!e->lookup(e->arg, n->name, n->namelen, &a))
			return v_null();
		return a;
	case N_NEG:
		a = eval(e, n->a);
		if (a.type == SEL_INT && a.i != INT64_MIN) {
			a.i = -a.i;
			return a;
		}
		if (is_num(&a))
			return v_dbl(-as_dbl(&a));
		return v_null();
	case N_ADD: case N_SUB: case N_MUL: case N_DIV:
		a = eval(e, n->a);
		b = eval(e, n->b);
		return arith(n->op, a, b);
	case N_EQ: case N_NE: case N_LT: case N_GT: case N_LE: case N_GE:
		a = eval(e, n->a);
		b = eval(e, n->b);
		return v_bool(compare(n->op, &a, &b));
	case N_AND:
		a = eval(e, n->a);
		t = truth(&a);
		if (t == 0)
			return v_bool(0);
		b = eval(e, n->b);
		return v_bool(and3(t, truth(&b)));
	case N_OR:
		a = eval(e, n->a);
		t = truth(&a);
		if (t == 1)
			return v_bool(1);
		b = eval(e, n->b);
		return v_bool(not3(and3(not3(t), not3(truth(&b)))));
	case N_NOT:
		a = eval(e, n->a);
		return v_bool(not3(truth(&a)));
	case N_BETWEEN:
		a = eval(e, n->a);
		b = eval(e, n->b);
		c = eval(e, n->c);
		t = and3(compare(N_GE, &a, &b), compare(N_LE, &a, &c));
		if (!is_num(&a) && a.type != SEL_NULL)
			t = 0;   /* a non-number is never between */
		return v_bool(n->neg ? not3(t) : t);
	case N_LIKE:
		a = eval(e, n->a);
		if (a.type == SEL_NULL)
			return v_null();
		t = a.type == SEL_STR && like(n->pat, n->npat, a.s, a.len);
		return v_bool(n->neg ? !t : t);
	case N_IN:
		a = eval(e, n->a);
		if (a.type == SEL_NULL)
			return v_null();
		t = 0;
		if (a.type == SEL_STR)
			for (size_t i = 0; i < n->nlist && !t; i++)
				t = compare(N_EQ, &a, &n->list[i]->lit) == 1;
		return v_bool(n->neg ? !t : t);
	default:   /* N_ISNULL */
		a = eval(e, n->a);
		t = a.type == SEL_NULL;
		return v_bool(n->neg ? !t : t);
	}
}

int sel_eval(const struct sel *s, sel_lookup_fn lookup, void *arg)
{
	if (!s || !s->root)
		return 1;
	struct ev e = { lookup, arg };
	struct sel_val v = eval(&e, s->root);
	return truth(&v);
}

int sel_match(const struct sel *s, sel_lookup_fn lookup, void *arg)
{
	return sel_eval(s, lookup, arg) == 1;
}
