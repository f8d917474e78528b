/*
 * mqai.c: the MQ Administration Interface (MQAI) of libmqm: data bags, their
 * conversion to and from PCF messages, and the calls that put, get and execute
 * them (cmqbc.h declares them all, with IBM's parameters).
 *
 * A bag is a list of items in insertion order. Each item has a selector (>= 0
 * for the application's, the MQIASY_* values -1 .. -9 for the system items)
 * and a value of one type (MQITEM_*): integer, 64-bit integer, string, byte
 * string, the three filters, or a nested bag. Every bag starts with its nine
 * system items in the order MQIASY_CODED_CHAR_SET_ID (-1) .. MQIASY_VERSION
 * (-9): they are the MQCFH fields of the message the bag becomes, plus the bag
 * options (read only) and the CCSID given to strings added later. Selectors can
 * repeat (an index counts the occurrences of one selector from 0); MQSEL_ANY_*
 * selectors index all, the user or the system items.
 *
 * Handles. An MQHBAG is gen << 16 | (slot + 1) of a process-wide table, so a
 * deleted handle never names a later bag and is never MQHB_NONE (-2) or
 * MQHB_UNUSABLE_HBAG (-1). One mutex guards the table and every bag; the
 * calls that wait (mqPutBag, mqGetBag, mqExecute) do not hold it while in
 * MQPUT or MQGET.
 *
 * Bag kinds (mqCreateBag options): user bags (MQCBO_USER_BAG); administration
 * and command bags (MQCBO_ADMIN_BAG, MQCBO_COMMAND_BAG: list form, reordering
 * and selector checks implied; only they take mqAddInquiry); group bags
 * (MQCBO_GROUP_BAG: the only ones mqAddBag nests); and system bags, which only
 * the MQAI makes: one per group (MQCFGR) of a message read into a bag and one
 * per reply of mqExecute. System bags belong to the item that holds them (they
 * go with it) and cannot be changed or deleted by the application (2315, 2328).
 * A group bag nested with mqAddBag stays the application's: the containing
 * item holds its handle, and once that bag is deleted the item names no bag
 * (mqBagToBuffer then fails with MQRC_HBAG_ERROR).
 *
 * PCF written by mqBagToBuffer and mqPutBag (native encoding, little-endian
 * on x86-64; layouts of cmqcfc.h):
 *   MQCFH   Type, StrucLength 36, Version, Command, MsgSeqNumber, Control,
 *           CompCode, Reason from the system items; ParameterCount counts the
 *           top-level parameters. Version is raised to what the parameters
 *           need: 2 for a byte string, 3 for 64-bit integers, filters, groups.
 *   integer            MQCFIN (16)  or, adjacent occurrences in a bag with
 *                      MQCBO_LIST_FORM_ALLOWED, one MQCFIL (16 + 4n)
 *   64-bit integer     MQCFIN64 (24) or MQCFIL64 (16 + 8n)
 *   string             MQCFST (20 + length, to a multiple of 4) or, adjacent
 *                      occurrences of one CCSID, MQCFSL (24 + n * longest,
 *                      each string blank-padded to the longest)
 *   byte string        MQCFBS (16 + length, to a multiple of 4)
 *   filters            MQCFIF (20), MQCFSF (24 + length), MQCFBF (20 + length)
 *   bag                MQCFGR (16) whose ParameterCount parameters follow it
 *   mqAddInquiry items one MQCFIL at the place of the first, its Parameter the
 *                      attribute list of the command (MQIACF_Q_ATTRS for
 *                      MQCMD_INQUIRE_Q, ...; MQRC_INQUIRY_COMMAND_ERROR for a
 *                      command that has none)
 *   Padding bytes are zero. System items are never written as parameters.
 * mqBufferToBag reads the same structures back (MQCFIL and MQCFSL become one
 * item per value), checking every length against the buffer before reading:
 * a parameter whose StrucLength is under its fixed part, not a multiple of 4,
 * or beyond the buffer, a count or string length that does not fit its
 * StrucLength, an unknown Type, groups nested deeper than 32 or a second
 * occurrence of a selector with another type give MQRC_BAG_CONVERSION_ERROR
 * (2303) or MQRC_INCONSISTENT_ITEM_TYPE (2313), and leave the bag as it was.
 *
 * Decisions where IBM's documentation is silent or Quire differs:
 *   - mqSet* with MQIND_NONE and no occurrence of the selector adds one.
 *   - mqInquireInteger on a 64-bit integer item gives MQRC_SELECTOR_WRONG_TYPE;
 *     mqInquireInteger64 reads both integer types.
 *   - mqInquireString blank-pads the buffer after the string; a string longer
 *     than the buffer gives MQCC_WARNING, MQRC_STRING_TRUNCATED (2311) with the
 *     full length in StringLength. Byte strings are not padded.
 *   - MQCBO_REORDER_AS_REQUIRED is accepted; parameters are always written in
 *     insertion order (the command server reads them in any order).
 *   - mqBufferToBag and mqGetBag read native-encoding PCF only (a message with
 *     other integer encoding: MQRC_ENCODING_NOT_SUPPORTED 2308) and convert no
 *     strings (each keeps the CCSID of its parameter).
 *   - mqPutBag sets the MQMD Format to MQFMT_ADMIN (administration and command
 *     bags) or MQFMT_PCF (others) when the caller left it MQFMT_NONE.
 *   - mqExecute puts the command on SYSTEM.ADMIN.COMMAND.QUEUE (or AdminQ),
 *     with its replies to a temporary dynamic queue of SYSTEM.DEFAULT.MODEL.QUEUE
 *     (or ResponseQ), an Expiry of the wait interval, and waits for replies
 *     (MQIACF_WAIT_INTERVAL of the options bag, default 30000 ms) until one has
 *     MQCFC_LAST. Each reply becomes a system bag nested in ResponseBag under
 *     MQHA_BAG_HANDLE; a reply with CompCode not MQCC_OK makes the call fail with
 *     MQRCCF_COMMAND_FAILED (3008). No reply within the wait gives MQCC_FAILED,
 *     MQRC_NO_MSG_AVAILABLE (2033), as MQ gives when no command server runs:
 *     which is Quire's case until the command server arrives (issue 14); the
 *     expired request is then discarded by the queue manager.
 */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmqc.h>
#include <cmqcfc.h>
#include <cmqbc.h>

#define SYS_ITEMS 9           /* MQIASY_CODED_CHAR_SET_ID (-1) .. MQIASY_VERSION (-9) */
#define MAX_BAGS 65535        /* slots of the handle table */
#define MAX_DEPTH 32          /* groups nested in a message */
#define DEFAULT_WAIT_MS 30000 /* mqExecute without MQIACF_WAIT_INTERVAL */
#define FIRST_GET_BUFFER 65536

typedef struct item {
	MQLONG sel;
	MQLONG type;          /* MQITEM_* */
	MQLONG op;            /* filters: MQCFOP_* */
	MQLONG ccsid;         /* strings */
	MQINT64 num;          /* integers */
	MQLONG len;           /* strings, byte strings */
	unsigned char *data;  /* strings, byte strings (malloc'd) */
	MQHBAG child;         /* MQITEM_BAG */
	int owned;            /* child is a system bag this item owns */
} item;

typedef struct bag {
	MQLONG options;       /* as created, implied options added */
	int system;           /* made by the MQAI */
	MQHBAG handle;
	item *it;             /* it[0 .. SYS_ITEMS-1]: the system items */
	size_t n, cap;
} bag;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static bag **slots;
static uint16_t *gens;
static size_t nslots;

/* ------------------------------------------------------------------------ */
/* handles and bags                                                         */

static bag *lookup(MQHBAG h)
{
	if (h <= 0)
		return NULL;
	size_t slot = (size_t)(h & 0xffff);
	unsigned gen = (unsigned)h >> 16;
	if (slot == 0 || slot > nslots)
		return NULL;
	bag *b = slots[slot - 1];
	return b && gens[slot - 1] == gen ? b : NULL;
}

static MQLONG reg(bag *b)
{
	size_t i;
	for (i = 0; i < nslots && slots[i]; i++)
		;
	if (i == nslots) {
		if (nslots == MAX_BAGS)
			return MQRC_STORAGE_NOT_AVAILABLE;
		size_t ncap = nslots ? nslots * 2 : 64;
		if (ncap > MAX_BAGS)
			ncap = MAX_BAGS;
		bag **s = realloc(slots, ncap * sizeof *s);
		if (!s)
			return MQRC_STORAGE_NOT_AVAILABLE;
		slots = s;
		uint16_t *g = realloc(gens, ncap * sizeof *g);
		if (!g)
			return MQRC_STORAGE_NOT_AVAILABLE;
		gens = g;
		for (size_t j = nslots; j < ncap; j++) {
			slots[j] = NULL;
			gens[j] = 0;
		}
		nslots = ncap;
	}
	gens[i] = (uint16_t)(gens[i] % 0x7fff + 1);
	slots[i] = b;
	b->handle = (MQHBAG)((MQLONG)gens[i] << 16 | (MQLONG)(i + 1));
	return MQRC_NONE;
}

static void destroy(bag *b);

static void item_free(item *it)
{
	free(it->data);
	it->data = NULL;
	if (it->type == MQITEM_BAG && it->owned) {
		bag *c = lookup(it->child);
		if (c)
			destroy(c);
	}
}

/* frees a bag, its items and the system bags they own; unregisters it */
static void destroy(bag *b)
{
	for (size_t i = 0; i < b->n; i++)
		item_free(&b->it[i]);
	free(b->it);
	if (b->handle > 0)
		slots[(b->handle & 0xffff) - 1] = NULL;
	free(b);
}

static MQLONG grow(bag *b, size_t want)
{
	if (want <= b->cap)
		return MQRC_NONE;
	size_t ncap = b->cap ? b->cap * 2 : 16;
	while (ncap < want)
		ncap *= 2;
	item *n = realloc(b->it, ncap * sizeof *n);
	if (!n)
		return MQRC_STORAGE_NOT_AVAILABLE;
	b->it = n;
	b->cap = ncap;
	return MQRC_NONE;
}

static void sys_defaults(bag *b)
{
	int admin = (b->options & (MQCBO_ADMIN_BAG | MQCBO_COMMAND_BAG)) != 0;
	MQLONG v[SYS_ITEMS] = {
		MQCCSI_Q_MGR,                           /* -1 CODED_CHAR_SET_ID */
		admin ? MQCFT_COMMAND : MQCFT_USER,     /* -2 TYPE */
		MQCMD_NONE,                             /* -3 COMMAND */
		1,                                      /* -4 MSG_SEQ_NUMBER */
		MQCFC_LAST,                             /* -5 CONTROL */
		MQCC_OK,                                /* -6 COMP_CODE */
		MQRC_NONE,                              /* -7 REASON */
		b->options,                             /* -8 BAG_OPTIONS */
		MQCFH_VERSION_1,                        /* -9 VERSION */
	};
	for (int i = 0; i < SYS_ITEMS; i++) {
		memset(&b->it[i], 0, sizeof b->it[i]);
		b->it[i].sel = -(i + 1);
		b->it[i].type = MQITEM_INTEGER;
		b->it[i].num = v[i];
	}
}

static bag *bag_new(MQLONG options, int system)
{
	bag *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->options = options;
	b->system = system;
	if (grow(b, SYS_ITEMS) != MQRC_NONE) {
		free(b);
		return NULL;
	}
	b->n = SYS_ITEMS;
	sys_defaults(b);
	return b;
}

static MQLONG sysv(const bag *b, MQLONG sel)
{
	return (MQLONG)b->it[-sel - 1].num;
}

/* the user items go; the system items return to their defaults */
static void clear_items(bag *b)
{
	for (size_t i = SYS_ITEMS; i < b->n; i++)
		item_free(&b->it[i]);
	b->n = SYS_ITEMS;
	sys_defaults(b);
}

/* ------------------------------------------------------------------------ */
/* selectors and indexes                                                    */

static int matches(const item *it, MQLONG sel)
{
	switch (sel) {
	case MQSEL_ANY_SELECTOR: return 1;
	case MQSEL_ANY_USER_SELECTOR: return it->sel >= 0;
	case MQSEL_ANY_SYSTEM_SELECTOR: return it->sel < 0;
	default: return it->sel == sel;
	}
}

static int is_any(MQLONG sel)
{
	return sel == MQSEL_ANY_SELECTOR || sel == MQSEL_ANY_USER_SELECTOR ||
	       sel == MQSEL_ANY_SYSTEM_SELECTOR;
}

/* a selector to read or count: a user one, an MQSEL_ANY_*, or a system one */
static MQLONG sel_readable(MQLONG sel)
{
	if (sel >= 0 || is_any(sel))
		return MQRC_NONE;
	return sel >= -SYS_ITEMS ? MQRC_NONE : MQRC_SELECTOR_NOT_SUPPORTED;
}

/* the range MQCBO_CHECK_SELECTORS holds a user selector of a type to */
static MQLONG sel_for_type(const bag *b, MQLONG sel, MQLONG type)
{
	if (sel < 0)
		return MQRC_SELECTOR_OUT_OF_RANGE;
	if (!(b->options & MQCBO_CHECK_SELECTORS))
		return MQRC_NONE;
	MQLONG lo, hi;
	switch (type) {
	case MQITEM_STRING: case MQITEM_STRING_FILTER: lo = MQCA_FIRST; hi = MQCA_LAST; break;
	case MQITEM_BYTE_STRING: case MQITEM_BYTE_STRING_FILTER: lo = MQBA_FIRST; hi = MQBA_LAST; break;
	case MQITEM_BAG: lo = MQGA_FIRST; hi = MQGA_LAST; break;
	default: lo = MQIA_FIRST; hi = MQIA_LAST; break;
	}
	return sel >= lo && sel <= hi ? MQRC_NONE : MQRC_SELECTOR_OUT_OF_RANGE;
}

/* a later occurrence must have the type of the first */
static MQLONG same_type(const bag *b, MQLONG sel, MQLONG type)
{
	for (size_t i = SYS_ITEMS; i < b->n; i++)
		if (b->it[i].sel == sel)
			return b->it[i].type == type ? MQRC_NONE : MQRC_INCONSISTENT_ITEM_TYPE;
	return MQRC_NONE;
}

static size_t count_of(const bag *b, MQLONG sel)
{
	size_t n = 0;
	for (size_t i = 0; i < b->n; i++)
		n += (size_t)matches(&b->it[i], sel);
	return n;
}

/* the position of occurrence idx (>= 0, or MQIND_NONE: the only one) */
static MQLONG find(const bag *b, MQLONG sel, MQLONG idx, size_t *pos)
{
	if (idx < 0 && idx != MQIND_NONE)
		return MQRC_INDEX_ERROR;
	size_t n = count_of(b, sel);
	if (n == 0)
		return MQRC_SELECTOR_NOT_PRESENT;
	if (idx == MQIND_NONE) {
		if (n > 1)
			return MQRC_SELECTOR_NOT_UNIQUE;
		idx = 0;
	} else if ((size_t)idx >= n) {
		return MQRC_INDEX_NOT_PRESENT;
	}
	for (size_t i = 0; i < b->n; i++)
		if (matches(&b->it[i], sel) && idx-- == 0) {
			*pos = i;
			return MQRC_NONE;
		}
	return MQRC_INDEX_NOT_PRESENT;
}

static MQLONG append(bag *b, const item *v)
{
	MQLONG rc = grow(b, b->n + 1);
	if (rc != MQRC_NONE)
		return rc;
	b->it[b->n++] = *v;
	return MQRC_NONE;
}

static void remove_at(bag *b, size_t pos)
{
	item_free(&b->it[pos]);
	memmove(&b->it[pos], &b->it[pos + 1], (b->n - pos - 1) * sizeof b->it[0]);
	b->n--;
}

/* ------------------------------------------------------------------------ */
/* the calls' common parts                                                  */

#define ENTER(pcc, prc)                      \
	do {                                     \
		if (!(pcc) || !(prc))                \
			return;                          \
		pthread_mutex_lock(&mu);             \
	} while (0)

static void leave(PMQLONG pcc, PMQLONG prc, MQLONG rc)
{
	pthread_mutex_unlock(&mu);
	*prc = rc;
	*pcc = rc == MQRC_NONE ? MQCC_OK
	     : rc == MQRC_STRING_TRUNCATED ? MQCC_WARNING : MQCC_FAILED;
}

/* a bag the application may change */
static MQLONG writable(MQHBAG h, bag **out)
{
	bag *b = lookup(h);
	if (!b)
		return MQRC_HBAG_ERROR;
	if (b->system)
		return MQRC_SYSTEM_BAG_NOT_ALTERABLE;
	*out = b;
	return MQRC_NONE;
}

/* a value's bytes: BufferLength MQBL_NULL_TERMINATED (strings only) or >= 0 */
static MQLONG take_bytes(MQLONG len, const void *buf, int nul_ok, item *v)
{
	size_t n;
	if (len == MQBL_NULL_TERMINATED && nul_ok) {
		if (!buf)
			return MQRC_BUFFER_ERROR;
		n = strlen(buf);
		if (n > INT_MAX)
			return MQRC_BUFFER_LENGTH_ERROR;
	} else if (len < 0) {
		return MQRC_BUFFER_LENGTH_ERROR;
	} else {
		n = (size_t)len;
		if (n && !buf)
			return MQRC_BUFFER_ERROR;
	}
	v->data = malloc(n ? n : 1);
	if (!v->data)
		return MQRC_STORAGE_NOT_AVAILABLE;
	if (n)
		memcpy(v->data, buf, n);
	v->len = (MQLONG)n;
	return MQRC_NONE;
}

static MQLONG check_op(MQLONG type, MQLONG op)
{
	switch (op) {
	case MQCFOP_LESS: case MQCFOP_EQUAL: case MQCFOP_GREATER: case MQCFOP_NOT_LESS:
	case MQCFOP_NOT_EQUAL: case MQCFOP_NOT_GREATER: case MQCFOP_CONTAINS: case MQCFOP_EXCLUDES:
		return MQRC_NONE;
	case MQCFOP_LIKE: case MQCFOP_NOT_LIKE: case MQCFOP_CONTAINS_GEN: case MQCFOP_EXCLUDES_GEN:
		return type == MQITEM_INTEGER_FILTER ? MQRC_FILTER_OPERATOR_ERROR : MQRC_NONE;
	default:
		return MQRC_FILTER_OPERATOR_ERROR;
	}
}

/* mqAdd*: v (its data already taken) goes to the end of the bag */
static MQLONG add_value(MQHBAG h, MQLONG sel, item *v)
{
	bag *b;
	MQLONG rc = writable(h, &b);
	if (rc == MQRC_NONE)
		rc = sel_for_type(b, sel, v->type);
	if (rc == MQRC_NONE)
		rc = same_type(b, sel, v->type);
	if (rc == MQRC_NONE && (v->type == MQITEM_STRING || v->type == MQITEM_STRING_FILTER))
		v->ccsid = sysv(b, MQIASY_CODED_CHAR_SET_ID);
	v->sel = sel;
	if (rc == MQRC_NONE)
		rc = append(b, v);
	if (rc != MQRC_NONE)
		free(v->data);
	return rc;
}

/* mqSet*: replace occurrence idx, or all of them (MQIND_ALL), or the only one */
static MQLONG set_value(MQHBAG h, MQLONG sel, MQLONG idx, item *v)
{
	bag *b;
	size_t pos = 0;
	MQLONG rc = writable(h, &b);
	v->sel = sel;
	if (rc != MQRC_NONE)
		goto out;
	if (sel < 0) {
		if (sel < -SYS_ITEMS)
			rc = MQRC_SELECTOR_NOT_SUPPORTED;
		else if (sel == MQIASY_BAG_OPTIONS)
			rc = MQRC_SYSTEM_ITEM_NOT_ALTERABLE;
		else if (v->type != MQITEM_INTEGER)
			rc = MQRC_SELECTOR_WRONG_TYPE;
		else if (idx != MQIND_NONE)
			rc = MQRC_MULTIPLE_INSTANCE_ERROR;
		else
			b->it[-sel - 1].num = v->num;
		goto out;
	}
	if ((rc = sel_for_type(b, sel, v->type)) != MQRC_NONE)
		goto out;
	if (v->type == MQITEM_STRING || v->type == MQITEM_STRING_FILTER)
		v->ccsid = sysv(b, MQIASY_CODED_CHAR_SET_ID);
	if (idx == MQIND_ALL) {
		for (size_t i = b->n; i-- > SYS_ITEMS;)
			if (b->it[i].sel == sel)
				remove_at(b, i);
		if ((rc = append(b, v)) == MQRC_NONE)
			return MQRC_NONE;
		goto out;
	}
	if (idx == MQIND_NONE && count_of(b, sel) == 0) {
		if ((rc = append(b, v)) == MQRC_NONE)
			return MQRC_NONE;
		goto out;
	}
	if ((rc = find(b, sel, idx, &pos)) != MQRC_NONE)
		goto out;
	if (b->it[pos].type != v->type) {
		rc = MQRC_SELECTOR_WRONG_TYPE;
		goto out;
	}
	item_free(&b->it[pos]);
	b->it[pos] = *v;
	return MQRC_NONE;
out:
	free(v->data);
	return rc;
}

/* mqInquire*: the item of (sel, idx), which must be of one of two types */
static MQLONG get_item(MQHBAG h, MQLONG sel, MQLONG idx, MQLONG t1, MQLONG t2, const item **out)
{
	bag *b = lookup(h);
	size_t pos;
	MQLONG rc;
	if (!b)
		return MQRC_HBAG_ERROR;
	if ((rc = sel_readable(sel)) != MQRC_NONE)
		return rc;
	if ((rc = find(b, sel, idx, &pos)) != MQRC_NONE)
		return rc;
	if (b->it[pos].type != t1 && b->it[pos].type != t2)
		return MQRC_SELECTOR_WRONG_TYPE;
	*out = &b->it[pos];
	return MQRC_NONE;
}

/* copies a string or byte string out; strings are blank-padded */
static MQLONG copy_out(const item *it, MQLONG buflen, void *buf, PMQLONG plen, int pad)
{
	if (buflen < 0)
		return MQRC_BUFFER_LENGTH_ERROR;
	if (buflen > 0 && !buf)
		return MQRC_BUFFER_ERROR;
	MQLONG n = it->len < buflen ? it->len : buflen;
	if (n)
		memcpy(buf, it->data, (size_t)n);
	if (pad && buflen > n)
		memset((char *)buf + n, ' ', (size_t)(buflen - n));
	if (plen)
		*plen = it->len;
	return it->len > buflen ? MQRC_STRING_TRUNCATED : MQRC_NONE;
}

/* ------------------------------------------------------------------------ */
/* creating, deleting, counting                                             */

void MQENTRY mqCreateBag(MQLONG Options, PMQHBAG pBag, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	const MQLONG known = MQCBO_ADMIN_BAG | MQCBO_COMMAND_BAG | MQCBO_GROUP_BAG |
			     MQCBO_LIST_FORM_ALLOWED | MQCBO_REORDER_AS_REQUIRED | MQCBO_CHECK_SELECTORS;
	MQLONG kinds = Options & (MQCBO_ADMIN_BAG | MQCBO_COMMAND_BAG | MQCBO_GROUP_BAG);
	MQLONG rc = MQRC_NONE;
	if (!pBag) {
		rc = MQRC_HBAG_ERROR;
	} else if ((Options & ~known) || (kinds & (kinds - 1))) {
		rc = MQRC_OPTIONS_ERROR;    /* unknown, MQCBO_SYSTEM_BAG, or two kinds */
	} else {
		if (Options & (MQCBO_ADMIN_BAG | MQCBO_COMMAND_BAG))
			Options |= MQCBO_LIST_FORM_ALLOWED | MQCBO_REORDER_AS_REQUIRED |
				   MQCBO_CHECK_SELECTORS;
		bag *b = bag_new(Options, 0);
		if (!b || reg(b) != MQRC_NONE) {
			if (b)
				destroy(b);     /* not registered: handle 0 */
			rc = MQRC_STORAGE_NOT_AVAILABLE;
		} else {
			*pBag = b->handle;
		}
	}
	leave(pCompCode, pReason, rc);
}

void MQENTRY mqDeleteBag(PMQHBAG pBag, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	MQLONG rc = MQRC_NONE;
	bag *b = pBag ? lookup(*pBag) : NULL;
	if (!b)
		rc = MQRC_HBAG_ERROR;
	else if (b->system)
		rc = MQRC_SYSTEM_BAG_NOT_DELETABLE;
	else {
		destroy(b);
		*pBag = MQHB_UNUSABLE_HBAG;
	}
	leave(pCompCode, pReason, rc);
}

void MQENTRY mqClearBag(MQHBAG Bag, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	bag *b;
	MQLONG rc = writable(Bag, &b);
	if (rc == MQRC_NONE)
		clear_items(b);
	leave(pCompCode, pReason, rc);
}

void MQENTRY mqTruncateBag(MQHBAG Bag, MQLONG ItemCount, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	bag *b;
	MQLONG rc = writable(Bag, &b);
	if (rc == MQRC_NONE && (ItemCount < 0 || (size_t)ItemCount > b->n - SYS_ITEMS))
		rc = MQRC_ITEM_COUNT_ERROR;
	if (rc == MQRC_NONE)
		while (b->n > SYS_ITEMS + (size_t)ItemCount)
			remove_at(b, b->n - 1);
	leave(pCompCode, pReason, rc);
}

void MQENTRY mqCountItems(MQHBAG Bag, MQLONG Selector, PMQLONG pItemCount, PMQLONG pCompCode,
			  PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	bag *b = lookup(Bag);
	MQLONG rc = !b ? MQRC_HBAG_ERROR : !pItemCount ? MQRC_ITEM_COUNT_ERROR : sel_readable(Selector);
	if (rc == MQRC_NONE)
		*pItemCount = (MQLONG)count_of(b, Selector);
	leave(pCompCode, pReason, rc);
}

void MQENTRY mqDeleteItem(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, PMQLONG pCompCode,
			  PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	bag *b;
	size_t pos;
	MQLONG rc = writable(Bag, &b);
	if (rc != MQRC_NONE) {
	} else if (Selector < 0 && !is_any(Selector)) {
		rc = Selector >= -SYS_ITEMS ? MQRC_SYSTEM_ITEM_NOT_DELETABLE : MQRC_SELECTOR_NOT_SUPPORTED;
	} else if (ItemIndex == MQIND_ALL) {
		MQLONG sel = Selector == MQSEL_ANY_SELECTOR ? MQSEL_ANY_USER_SELECTOR : Selector;
		if (sel == MQSEL_ANY_SYSTEM_SELECTOR)
			rc = MQRC_SYSTEM_ITEM_NOT_DELETABLE;
		else if (count_of(b, sel) == 0)
			rc = MQRC_SELECTOR_NOT_PRESENT;
		else
			for (size_t i = b->n; i-- > SYS_ITEMS;)
				if (matches(&b->it[i], sel))
					remove_at(b, i);
	} else if ((rc = find(b, Selector, ItemIndex, &pos)) == MQRC_NONE) {
		if (pos < SYS_ITEMS)
			rc = MQRC_SYSTEM_ITEM_NOT_DELETABLE;
		else
			remove_at(b, pos);
	}
	leave(pCompCode, pReason, rc);
}

void MQENTRY mqInquireItemInfo(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, PMQLONG pOutSelector,
			       PMQLONG pItemType, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	bag *b = lookup(Bag);
	size_t pos;
	MQLONG rc = !b ? MQRC_HBAG_ERROR : !pOutSelector ? MQRC_OUT_SELECTOR_ERROR
		  : !pItemType ? MQRC_ITEM_TYPE_ERROR : sel_readable(Selector);
	if (rc == MQRC_NONE && (rc = find(b, Selector, ItemIndex, &pos)) == MQRC_NONE) {
		*pOutSelector = b->it[pos].sel;
		*pItemType = b->it[pos].type;
	}
	leave(pCompCode, pReason, rc);
}

/* ------------------------------------------------------------------------ */
/* adding                                                                   */

void MQENTRY mqAddInteger(MQHBAG Bag, MQLONG Selector, MQLONG ItemValue, PMQLONG pCompCode,
			  PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	item v = {.type = MQITEM_INTEGER, .num = ItemValue};
	leave(pCompCode, pReason, add_value(Bag, Selector, &v));
}

void MQENTRY mqAddInteger64(MQHBAG Bag, MQLONG Selector, MQINT64 ItemValue, PMQLONG pCompCode,
			    PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	item v = {.type = MQITEM_INTEGER64, .num = ItemValue};
	leave(pCompCode, pReason, add_value(Bag, Selector, &v));
}

void MQENTRY mqAddIntegerFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemValue, MQLONG Operator,
				PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	item v = {.type = MQITEM_INTEGER_FILTER, .num = ItemValue, .op = Operator};
	MQLONG rc = lookup(Bag) ? check_op(v.type, Operator) : MQRC_HBAG_ERROR;
	leave(pCompCode, pReason, rc != MQRC_NONE ? rc : add_value(Bag, Selector, &v));
}

static MQLONG add_bytes(MQHBAG Bag, MQLONG Selector, MQLONG type, MQLONG op, MQLONG len,
			const void *buf)
{
	item v = {.type = type, .op = op};
	MQLONG rc = lookup(Bag) ? MQRC_NONE : MQRC_HBAG_ERROR;
	if (rc == MQRC_NONE && (type == MQITEM_STRING_FILTER || type == MQITEM_BYTE_STRING_FILTER))
		rc = check_op(type, op);
	if (rc == MQRC_NONE)
		rc = take_bytes(len, buf, type == MQITEM_STRING || type == MQITEM_STRING_FILTER, &v);
	return rc != MQRC_NONE ? rc : add_value(Bag, Selector, &v);
}

void MQENTRY mqAddString(MQHBAG Bag, MQLONG Selector, MQLONG BufferLength, PMQCHAR pBuffer,
			 PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	leave(pCompCode, pReason, add_bytes(Bag, Selector, MQITEM_STRING, 0, BufferLength, pBuffer));
}

void MQENTRY mqAddStringFilter(MQHBAG Bag, MQLONG Selector, MQLONG BufferLength, PMQCHAR pBuffer,
			       MQLONG Operator, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	leave(pCompCode, pReason,
	      add_bytes(Bag, Selector, MQITEM_STRING_FILTER, Operator, BufferLength, pBuffer));
}

void MQENTRY mqAddByteString(MQHBAG Bag, MQLONG Selector, MQLONG BufferLength, PMQBYTE pBuffer,
			     PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	leave(pCompCode, pReason, add_bytes(Bag, Selector, MQITEM_BYTE_STRING, 0, BufferLength, pBuffer));
}

void MQENTRY mqAddByteStringFilter(MQHBAG Bag, MQLONG Selector, MQLONG BufferLength, PMQBYTE pBuffer,
				   MQLONG Operator, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	leave(pCompCode, pReason,
	      add_bytes(Bag, Selector, MQITEM_BYTE_STRING_FILTER, Operator, BufferLength, pBuffer));
}

void MQENTRY mqAddInquiry(MQHBAG Bag, MQLONG Selector, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	bag *b = lookup(Bag);
	MQLONG rc = !b ? MQRC_HBAG_ERROR : b->system ? MQRC_SYSTEM_BAG_NOT_ALTERABLE
		  : !(b->options & MQCBO_ADMIN_BAG) ? MQRC_BAG_WRONG_TYPE
		  : Selector < 0 ? MQRC_SELECTOR_OUT_OF_RANGE : MQRC_NONE;
	if (rc == MQRC_NONE) {
		item v = {.type = MQITEM_INTEGER, .num = Selector};
		rc = add_value(Bag, MQIACF_INQUIRY, &v);
	}
	leave(pCompCode, pReason, rc);
}

/* is `inner` b itself or nested anywhere in b? */
static int contains(const bag *b, const bag *inner, int depth)
{
	if (b == inner)
		return 1;
	if (depth > MAX_DEPTH)
		return 1;
	for (size_t i = SYS_ITEMS; i < b->n; i++) {
		const bag *c = b->it[i].type == MQITEM_BAG ? lookup(b->it[i].child) : NULL;
		if (c && contains(c, inner, depth + 1))
			return 1;
	}
	return 0;
}

void MQENTRY mqAddBag(MQHBAG Bag, MQLONG Selector, MQHBAG ItemValue, PMQLONG pCompCode,
		      PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	bag *b = lookup(Bag), *c = lookup(ItemValue);
	MQLONG rc = !b ? MQRC_HBAG_ERROR : b->system ? MQRC_SYSTEM_BAG_NOT_ALTERABLE
		  : (b->options & (MQCBO_ADMIN_BAG | MQCBO_COMMAND_BAG)) ? MQRC_BAG_WRONG_TYPE
		  : !c ? MQRC_HBAG_ERROR
		  : (!(c->options & MQCBO_GROUP_BAG) || c->system) ? MQRC_BAG_WRONG_TYPE
		  : contains(c, b, 0) ? MQRC_HBAG_ERROR : MQRC_NONE;
	if (rc == MQRC_NONE) {
		item v = {.type = MQITEM_BAG, .child = ItemValue};
		rc = add_value(Bag, Selector, &v);
	}
	leave(pCompCode, pReason, rc);
}

/* ------------------------------------------------------------------------ */
/* setting                                                                  */

void MQENTRY mqSetInteger(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG ItemValue,
			  PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	item v = {.type = MQITEM_INTEGER, .num = ItemValue};
	leave(pCompCode, pReason, set_value(Bag, Selector, ItemIndex, &v));
}

void MQENTRY mqSetInteger64(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQINT64 ItemValue,
			    PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	item v = {.type = MQITEM_INTEGER64, .num = ItemValue};
	leave(pCompCode, pReason, set_value(Bag, Selector, ItemIndex, &v));
}

void MQENTRY mqSetIntegerFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG ItemValue,
				MQLONG Operator, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	item v = {.type = MQITEM_INTEGER_FILTER, .num = ItemValue, .op = Operator};
	MQLONG rc = lookup(Bag) ? check_op(v.type, Operator) : MQRC_HBAG_ERROR;
	leave(pCompCode, pReason, rc != MQRC_NONE ? rc : set_value(Bag, Selector, ItemIndex, &v));
}

static MQLONG set_bytes(MQHBAG Bag, MQLONG Selector, MQLONG idx, MQLONG type, MQLONG op, MQLONG len,
			const void *buf)
{
	item v = {.type = type, .op = op};
	MQLONG rc = lookup(Bag) ? MQRC_NONE : MQRC_HBAG_ERROR;
	if (rc == MQRC_NONE && (type == MQITEM_STRING_FILTER || type == MQITEM_BYTE_STRING_FILTER))
		rc = check_op(type, op);
	if (rc == MQRC_NONE)
		rc = take_bytes(len, buf, type == MQITEM_STRING || type == MQITEM_STRING_FILTER, &v);
	return rc != MQRC_NONE ? rc : set_value(Bag, Selector, idx, &v);
}

void MQENTRY mqSetString(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG BufferLength,
			 PMQCHAR pBuffer, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	leave(pCompCode, pReason,
	      set_bytes(Bag, Selector, ItemIndex, MQITEM_STRING, 0, BufferLength, pBuffer));
}

void MQENTRY mqSetStringFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG BufferLength,
			       PMQCHAR pBuffer, MQLONG Operator, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	leave(pCompCode, pReason,
	      set_bytes(Bag, Selector, ItemIndex, MQITEM_STRING_FILTER, Operator, BufferLength, pBuffer));
}

void MQENTRY mqSetByteString(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG BufferLength,
			     PMQBYTE pBuffer, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	leave(pCompCode, pReason,
	      set_bytes(Bag, Selector, ItemIndex, MQITEM_BYTE_STRING, 0, BufferLength, pBuffer));
}

void MQENTRY mqSetByteStringFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG BufferLength,
				   PMQBYTE pBuffer, MQLONG Operator, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	leave(pCompCode, pReason, set_bytes(Bag, Selector, ItemIndex, MQITEM_BYTE_STRING_FILTER,
					    Operator, BufferLength, pBuffer));
}

/* ------------------------------------------------------------------------ */
/* inquiring                                                                */

void MQENTRY mqInquireInteger(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, PMQLONG pItemValue,
			      PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	const item *it;
	MQLONG rc = get_item(Bag, Selector, ItemIndex, MQITEM_INTEGER, MQITEM_INTEGER, &it);
	if (rc == MQRC_NONE && !pItemValue)
		rc = MQRC_ITEM_VALUE_ERROR;
	if (rc == MQRC_NONE)
		*pItemValue = (MQLONG)it->num;
	leave(pCompCode, pReason, rc);
}

void MQENTRY mqInquireInteger64(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, PMQINT64 pItemValue,
				PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	const item *it;
	MQLONG rc = get_item(Bag, Selector, ItemIndex, MQITEM_INTEGER, MQITEM_INTEGER64, &it);
	if (rc == MQRC_NONE && !pItemValue)
		rc = MQRC_ITEM_VALUE_ERROR;
	if (rc == MQRC_NONE)
		*pItemValue = it->num;
	leave(pCompCode, pReason, rc);
}

void MQENTRY mqInquireIntegerFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, PMQLONG pItemValue,
				    PMQLONG pOperator, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	const item *it;
	MQLONG rc = get_item(Bag, Selector, ItemIndex, MQITEM_INTEGER_FILTER, MQITEM_INTEGER_FILTER, &it);
	if (rc == MQRC_NONE && !pItemValue)
		rc = MQRC_ITEM_VALUE_ERROR;
	if (rc == MQRC_NONE && !pOperator)
		rc = MQRC_FILTER_OPERATOR_ERROR;
	if (rc == MQRC_NONE) {
		*pItemValue = (MQLONG)it->num;
		*pOperator = it->op;
	}
	leave(pCompCode, pReason, rc);
}

static MQLONG inq_bytes(MQHBAG Bag, MQLONG sel, MQLONG idx, MQLONG type, MQLONG buflen, void *buf,
			PMQLONG plen, PMQLONG pccsid, PMQLONG pop)
{
	const item *it;
	MQLONG rc = get_item(Bag, sel, idx, type, type, &it);
	if (rc == MQRC_NONE && (type == MQITEM_STRING_FILTER || type == MQITEM_BYTE_STRING_FILTER) && !pop)
		rc = MQRC_FILTER_OPERATOR_ERROR;
	if (rc != MQRC_NONE)
		return rc;
	rc = copy_out(it, buflen, buf, plen, type == MQITEM_STRING || type == MQITEM_STRING_FILTER);
	if (rc == MQRC_NONE || rc == MQRC_STRING_TRUNCATED) {
		if (pccsid)
			*pccsid = it->ccsid;
		if (pop)
			*pop = it->op;
	}
	return rc;
}

void MQENTRY mqInquireString(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG BufferLength,
			     PMQCHAR pBuffer, PMQLONG pStringLength, PMQLONG pCodedCharSetId,
			     PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	leave(pCompCode, pReason, inq_bytes(Bag, Selector, ItemIndex, MQITEM_STRING, BufferLength,
					    pBuffer, pStringLength, pCodedCharSetId, NULL));
}

void MQENTRY mqInquireStringFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG BufferLength,
				   PMQCHAR pBuffer, PMQLONG pStringLength, PMQLONG pCodedCharSetId,
				   PMQLONG pOperator, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	leave(pCompCode, pReason, inq_bytes(Bag, Selector, ItemIndex, MQITEM_STRING_FILTER, BufferLength,
					    pBuffer, pStringLength, pCodedCharSetId, pOperator));
}

void MQENTRY mqInquireByteString(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG BufferLength,
				 PMQBYTE pBuffer, PMQLONG pByteStringLength, PMQLONG pCompCode,
				 PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	leave(pCompCode, pReason, inq_bytes(Bag, Selector, ItemIndex, MQITEM_BYTE_STRING, BufferLength,
					    pBuffer, pByteStringLength, NULL, NULL));
}

void MQENTRY mqInquireByteStringFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex,
				       MQLONG BufferLength, PMQBYTE pBuffer, PMQLONG pByteStringLength,
				       PMQLONG pOperator, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	leave(pCompCode, pReason, inq_bytes(Bag, Selector, ItemIndex, MQITEM_BYTE_STRING_FILTER,
					    BufferLength, pBuffer, pByteStringLength, NULL, pOperator));
}

void MQENTRY mqInquireBag(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, PMQHBAG pItemValue,
			  PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	const item *it;
	MQLONG rc = get_item(Bag, Selector, ItemIndex, MQITEM_BAG, MQITEM_BAG, &it);
	if (rc == MQRC_NONE && !pItemValue)
		rc = MQRC_ITEM_VALUE_ERROR;
	if (rc == MQRC_NONE)
		*pItemValue = lookup(it->child) ? it->child : MQHB_UNUSABLE_HBAG;
	leave(pCompCode, pReason, rc);
}

/* ------------------------------------------------------------------------ */
/* bag -> PCF                                                               */

typedef struct out {
	unsigned char *p;     /* NULL: only count */
	size_t len, cap;
} out;

static void put32(out *o, MQLONG v)
{
	if (o->p && o->len + 4 <= o->cap)
		memcpy(o->p + o->len, &v, 4);
	o->len += 4;
}

static void put64(out *o, MQINT64 v)
{
	if (o->p && o->len + 8 <= o->cap)
		memcpy(o->p + o->len, &v, 8);
	o->len += 8;
}

static void putbytes(out *o, const void *s, size_t n, size_t width, int fill)
{
	if (o->p && o->len + width <= o->cap) {
		if (n)
			memcpy(o->p + o->len, s, n);
		memset(o->p + o->len + n, fill, width - n);
	}
	o->len += width;
}

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

static MQLONG attrs_of(MQLONG cmd)
{
	static const MQLONG map[][2] = {
		{MQCMD_INQUIRE_Q_MGR, MQIACF_Q_MGR_ATTRS}, {MQCMD_INQUIRE_PROCESS, MQIACF_PROCESS_ATTRS},
		{MQCMD_INQUIRE_Q, MQIACF_Q_ATTRS}, {MQCMD_INQUIRE_CHANNEL, MQIACF_CHANNEL_ATTRS},
		{MQCMD_INQUIRE_NAMELIST, MQIACF_NAMELIST_ATTRS},
		{MQCMD_INQUIRE_Q_STATUS, MQIACF_Q_STATUS_ATTRS},
		{MQCMD_INQUIRE_CHANNEL_STATUS, MQIACH_CHANNEL_INSTANCE_ATTRS},
		{MQCMD_INQUIRE_CLUSTER_Q_MGR, MQIACF_CLUSTER_Q_MGR_ATTRS},
		{MQCMD_INQUIRE_AUTH_INFO, MQIACF_AUTH_INFO_ATTRS},
		{MQCMD_INQUIRE_CONNECTION, MQIACF_CONNECTION_ATTRS},
		{MQCMD_INQUIRE_LISTENER, MQIACF_LISTENER_ATTRS},
		{MQCMD_INQUIRE_LISTENER_STATUS, MQIACF_LISTENER_STATUS_ATTRS},
		{MQCMD_INQUIRE_SERVICE, MQIACF_SERVICE_ATTRS},
		{MQCMD_INQUIRE_SERVICE_STATUS, MQIACF_SERVICE_STATUS_ATTRS},
		{MQCMD_INQUIRE_Q_MGR_STATUS, MQIACF_Q_MGR_STATUS_ATTRS},
		{MQCMD_INQUIRE_TOPIC, MQIACF_TOPIC_ATTRS}, {MQCMD_INQUIRE_SUBSCRIPTION, MQIACF_SUB_ATTRS},
		{MQCMD_INQUIRE_SUB_STATUS, MQIACF_SUB_STATUS_ATTRS},
		{MQCMD_INQUIRE_TOPIC_STATUS, MQIACF_TOPIC_STATUS_ATTRS},
		{MQCMD_INQUIRE_COMM_INFO, MQIACF_COMM_INFO_ATTRS},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i][0] == cmd)
			return map[i][1];
	return -1;
}

/* the parameters of b's user items; *count the top-level ones, *ver the MQCFH
 * version they need. cmd: the command (for mqAddInquiry items). */
static MQLONG enc_params(const bag *b, MQLONG cmd, out *o, MQLONG *count, MQLONG *ver, int depth)
{
	int list = (b->options & MQCBO_LIST_FORM_ALLOWED) != 0;
	int inquiry_done = 0;
	*count = 0;
	if (depth > MAX_DEPTH)
		return MQRC_HBAG_ERROR;
	for (size_t i = SYS_ITEMS; i < b->n;) {
		const item *it = &b->it[i];
		size_t run = 1;
		if (it->sel == MQIACF_INQUIRY && it->type == MQITEM_INTEGER &&
		    (b->options & MQCBO_ADMIN_BAG)) {
			i++;
			if (inquiry_done)
				continue;
			MQLONG attrs = attrs_of(cmd);
			if (attrs < 0)
				return MQRC_INQUIRY_COMMAND_ERROR;
			MQLONG n = (MQLONG)count_of(b, MQIACF_INQUIRY);
			put32(o, MQCFT_INTEGER_LIST);
			put32(o, MQCFIL_STRUC_LENGTH_FIXED + 4 * n);
			put32(o, attrs);
			put32(o, n);
			for (size_t j = SYS_ITEMS; j < b->n; j++)
				if (b->it[j].sel == MQIACF_INQUIRY)
					put32(o, (MQLONG)b->it[j].num);
			inquiry_done = 1;
			(*count)++;
			continue;
		}
		if (list && (it->type == MQITEM_INTEGER || it->type == MQITEM_INTEGER64 ||
			     it->type == MQITEM_STRING))
			while (i + run < b->n && b->it[i + run].sel == it->sel &&
			       b->it[i + run].type == it->type &&
			       (it->type != MQITEM_STRING || b->it[i + run].ccsid == it->ccsid))
				run++;
		(*count)++;
		switch (it->type) {
		case MQITEM_INTEGER:
			if (run == 1) {
				put32(o, MQCFT_INTEGER); put32(o, MQCFIN_STRUC_LENGTH);
				put32(o, it->sel); put32(o, (MQLONG)it->num);
			} else {
				put32(o, MQCFT_INTEGER_LIST);
				put32(o, (MQLONG)(MQCFIL_STRUC_LENGTH_FIXED + 4 * run));
				put32(o, it->sel); put32(o, (MQLONG)run);
				for (size_t j = 0; j < run; j++)
					put32(o, (MQLONG)it[j].num);
			}
			break;
		case MQITEM_INTEGER64:
			*ver = *ver < 3 ? 3 : *ver;
			if (run == 1) {
				put32(o, MQCFT_INTEGER64); put32(o, MQCFIN64_STRUC_LENGTH);
				put32(o, it->sel); put32(o, 0); put64(o, it->num);
			} else {
				put32(o, MQCFT_INTEGER64_LIST);
				put32(o, (MQLONG)(MQCFIL64_STRUC_LENGTH_FIXED + 8 * run));
				put32(o, it->sel); put32(o, (MQLONG)run);
				for (size_t j = 0; j < run; j++)
					put64(o, it[j].num);
			}
			break;
		case MQITEM_STRING:
			if (run == 1) {
				size_t w = pad4((size_t)it->len);
				if (MQCFST_STRUC_LENGTH_FIXED + w > INT_MAX)
					return MQRC_STRING_LENGTH_ERROR;
				put32(o, MQCFT_STRING); put32(o, (MQLONG)(MQCFST_STRUC_LENGTH_FIXED + w));
				put32(o, it->sel); put32(o, it->ccsid); put32(o, it->len);
				putbytes(o, it->data, (size_t)it->len, w, 0);
			} else {
				size_t longest = 0;
				for (size_t j = 0; j < run; j++)
					if ((size_t)it[j].len > longest)
						longest = (size_t)it[j].len;
				size_t w = pad4(longest * run);
				if (MQCFSL_STRUC_LENGTH_FIXED + w > INT_MAX)
					return MQRC_STRING_LENGTH_ERROR;
				put32(o, MQCFT_STRING_LIST); put32(o, (MQLONG)(MQCFSL_STRUC_LENGTH_FIXED + w));
				put32(o, it->sel); put32(o, it->ccsid); put32(o, (MQLONG)run);
				put32(o, (MQLONG)longest);
				for (size_t j = 0; j < run; j++)
					putbytes(o, it[j].data, (size_t)it[j].len, longest, ' ');
				putbytes(o, NULL, 0, w - longest * run, 0);
			}
			break;
		case MQITEM_BYTE_STRING: {
			size_t w = pad4((size_t)it->len);
			if (MQCFBS_STRUC_LENGTH_FIXED + w > INT_MAX)
				return MQRC_STRING_LENGTH_ERROR;
			*ver = *ver < 2 ? 2 : *ver;
			put32(o, MQCFT_BYTE_STRING); put32(o, (MQLONG)(MQCFBS_STRUC_LENGTH_FIXED + w));
			put32(o, it->sel); put32(o, it->len);
			putbytes(o, it->data, (size_t)it->len, w, 0);
			break;
		}
		case MQITEM_INTEGER_FILTER:
			*ver = *ver < 3 ? 3 : *ver;
			put32(o, MQCFT_INTEGER_FILTER); put32(o, MQCFIF_STRUC_LENGTH);
			put32(o, it->sel); put32(o, it->op); put32(o, (MQLONG)it->num);
			break;
		case MQITEM_STRING_FILTER: {
			size_t w = pad4((size_t)it->len);
			if (MQCFSF_STRUC_LENGTH_FIXED + w > INT_MAX)
				return MQRC_STRING_LENGTH_ERROR;
			*ver = *ver < 3 ? 3 : *ver;
			put32(o, MQCFT_STRING_FILTER); put32(o, (MQLONG)(MQCFSF_STRUC_LENGTH_FIXED + w));
			put32(o, it->sel); put32(o, it->op); put32(o, it->ccsid); put32(o, it->len);
			putbytes(o, it->data, (size_t)it->len, w, 0);
			break;
		}
		case MQITEM_BYTE_STRING_FILTER: {
			size_t w = pad4((size_t)it->len);
			if (MQCFBF_STRUC_LENGTH_FIXED + w > INT_MAX)
				return MQRC_STRING_LENGTH_ERROR;
			*ver = *ver < 3 ? 3 : *ver;
			put32(o, MQCFT_BYTE_STRING_FILTER); put32(o, (MQLONG)(MQCFBF_STRUC_LENGTH_FIXED + w));
			put32(o, it->sel); put32(o, it->op); put32(o, it->len);
			putbytes(o, it->data, (size_t)it->len, w, 0);
			break;
		}
		case MQITEM_BAG: {
			const bag *c = lookup(it->child);
			if (!c)
				return MQRC_HBAG_ERROR;
			*ver = *ver < 3 ? 3 : *ver;
			size_t at = o->len;
			MQLONG n, rc;
			put32(o, MQCFT_GROUP); put32(o, MQCFGR_STRUC_LENGTH);
			put32(o, it->sel); put32(o, 0);
			if ((rc = enc_params(c, cmd, o, &n, ver, depth + 1)) != MQRC_NONE)
				return rc;
			if (o->p && at + 16 <= o->cap)
				memcpy(o->p + at + 12, &n, 4);
			break;
		}
		default:
			return MQRC_UNEXPECTED_ERROR;
		}
		i += run;
	}
	return MQRC_NONE;
}

/* the whole message; hdr overrides the MQCFH fields when not NULL (mqExecute) */
static MQLONG encode(const bag *b, const MQCFH *hdr, out *o)
{
	MQLONG count = 0, ver = hdr ? hdr->Version : sysv(b, MQIASY_VERSION);
	MQLONG cmd = hdr ? hdr->Command : sysv(b, MQIASY_COMMAND);
	out body = {o->p ? o->p + MQCFH_STRUC_LENGTH : NULL, 0,
		    o->cap > MQCFH_STRUC_LENGTH ? o->cap - MQCFH_STRUC_LENGTH : 0};
	if (!o->p || o->cap < MQCFH_STRUC_LENGTH)
		body.p = NULL;
	MQLONG rc = enc_params(b, cmd, &body, &count, &ver, 0);
	if (rc != MQRC_NONE)
		return rc;
	if (body.len > (size_t)INT_MAX - MQCFH_STRUC_LENGTH)
		return MQRC_STRING_LENGTH_ERROR;
	put32(o, hdr ? hdr->Type : sysv(b, MQIASY_TYPE));
	put32(o, MQCFH_STRUC_LENGTH);
	put32(o, ver);
	put32(o, cmd);
	put32(o, hdr ? hdr->MsgSeqNumber : sysv(b, MQIASY_MSG_SEQ_NUMBER));
	put32(o, hdr ? hdr->Control : sysv(b, MQIASY_CONTROL));
	put32(o, hdr ? hdr->CompCode : sysv(b, MQIASY_COMP_CODE));
	put32(o, hdr ? hdr->Reason : sysv(b, MQIASY_REASON));
	put32(o, count);
	o->len += body.len;
	return MQRC_NONE;
}

/* encodes into a new malloc'd buffer */
static MQLONG encode_alloc(const bag *b, const MQCFH *hdr, unsigned char **buf, size_t *len)
{
	out o = {NULL, 0, 0};
	MQLONG rc = encode(b, hdr, &o);
	if (rc != MQRC_NONE)
		return rc;
	out w = {malloc(o.len), 0, o.len};
	if (!w.p)
		return MQRC_STORAGE_NOT_AVAILABLE;
	if ((rc = encode(b, hdr, &w)) != MQRC_NONE) {
		free(w.p);
		return rc;
	}
	*buf = w.p;
	*len = w.len;
	return MQRC_NONE;
}

void MQENTRY mqBagToBuffer(MQHBAG OptionsBag, MQHBAG DataBag, MQLONG BufferLength, PMQVOID pBuffer,
			   PMQLONG pDataLength, PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	bag *b = lookup(DataBag);
	MQLONG rc = OptionsBag != MQHB_NONE ? MQRC_OPTIONS_ERROR : !b ? MQRC_HBAG_ERROR
		  : BufferLength < 0 ? MQRC_BUFFER_LENGTH_ERROR
		  : (BufferLength > 0 && !pBuffer) ? MQRC_BUFFER_ERROR
		  : !pDataLength ? MQRC_DATA_LENGTH_ERROR : MQRC_NONE;
	if (rc == MQRC_NONE) {
		out o = {NULL, 0, 0};
		if ((rc = encode(b, NULL, &o)) == MQRC_NONE) {
			*pDataLength = (MQLONG)o.len;
			if (o.len > (size_t)BufferLength) {
				rc = MQRC_BUFFER_LENGTH_ERROR;
			} else {
				out w = {pBuffer, 0, (size_t)BufferLength};
				rc = encode(b, NULL, &w);
			}
		}
	}
	leave(pCompCode, pReason, rc);
}

/* ------------------------------------------------------------------------ */
/* PCF -> bag                                                               */

typedef struct in {
	const unsigned char *p;
	size_t len;
} in;

static MQLONG rd32(const unsigned char *p)
{
	MQLONG v;
	memcpy(&v, p, 4);
	return v;
}

static MQINT64 rd64(const unsigned char *p)
{
	MQINT64 v;
	memcpy(&v, p, 8);
	return v;
}

static MQLONG add_decoded(bag *b, item *v)
{
	MQLONG rc = same_type(b, v->sel, v->type);
	if (rc == MQRC_NONE)
		rc = append(b, v);
	if (rc != MQRC_NONE)
		item_free(v);
	return rc;
}

static MQLONG add_decoded_bytes(bag *b, MQLONG sel, MQLONG type, MQLONG op, MQLONG ccsid,
				const unsigned char *s, size_t n)
{
	item v = {.sel = sel, .type = type, .op = op, .ccsid = ccsid, .len = (MQLONG)n};
	v.data = malloc(n ? n : 1);
	if (!v.data)
		return MQRC_STORAGE_NOT_AVAILABLE;
	if (n)
		memcpy(v.data, s, n);
	return add_decoded(b, &v);
}

/* reads `count` parameters from *src into b (an unregistered or system bag) */
static MQLONG dec_params(bag *b, in *src, MQLONG count, int depth)
{
	const MQLONG bad = MQRC_BAG_CONVERSION_ERROR;
	if (count < 0 || depth > MAX_DEPTH)
		return bad;
	for (MQLONG k = 0; k < count; k++) {
		if (src->len < 8)
			return bad;
		const unsigned char *p = src->p;
		MQLONG type = rd32(p), sl = rd32(p + 4);
		if (sl < 12 || sl % 4 || (size_t)sl > src->len)
			return bad;
		size_t len = (size_t)sl;
		MQLONG sel = rd32(p + 8), rc = MQRC_NONE;
		src->p += len;
		src->len -= len;
		switch (type) {
		case MQCFT_INTEGER: {
			if (len != MQCFIN_STRUC_LENGTH)
				return bad;
			item v = {.sel = sel, .type = MQITEM_INTEGER, .num = rd32(p + 12)};
			rc = add_decoded(b, &v);
			break;
		}
		case MQCFT_INTEGER64: {
			if (len != MQCFIN64_STRUC_LENGTH)
				return bad;
			item v = {.sel = sel, .type = MQITEM_INTEGER64, .num = rd64(p + 16)};
			rc = add_decoded(b, &v);
			break;
		}
		case MQCFT_INTEGER_LIST:
		case MQCFT_INTEGER64_LIST: {
			size_t w = type == MQCFT_INTEGER_LIST ? 4 : 8;
			if (len < MQCFIL_STRUC_LENGTH_FIXED)
				return bad;
			MQLONG n = rd32(p + 12);
			if (n < 0 || (size_t)n > (len - MQCFIL_STRUC_LENGTH_FIXED) / w)
				return bad;
			for (MQLONG j = 0; j < n && rc == MQRC_NONE; j++) {
				const unsigned char *q = p + MQCFIL_STRUC_LENGTH_FIXED + (size_t)j * w;
				item v = {.sel = sel,
					  .type = w == 4 ? MQITEM_INTEGER : MQITEM_INTEGER64,
					  .num = w == 4 ? rd32(q) : rd64(q)};
				rc = add_decoded(b, &v);
			}
			break;
		}
		case MQCFT_STRING: {
			if (len < MQCFST_STRUC_LENGTH_FIXED)
				return bad;
			MQLONG n = rd32(p + 16);
			if (n < 0 || (size_t)n > len - MQCFST_STRUC_LENGTH_FIXED)
				return bad;
			rc = add_decoded_bytes(b, sel, MQITEM_STRING, 0, rd32(p + 12),
					       p + MQCFST_STRUC_LENGTH_FIXED, (size_t)n);
			break;
		}
		case MQCFT_STRING_LIST: {
			if (len < MQCFSL_STRUC_LENGTH_FIXED)
				return bad;
			MQLONG n = rd32(p + 16), sw = rd32(p + 20);
			size_t room = len - MQCFSL_STRUC_LENGTH_FIXED;
			if (n < 0 || sw < 0 || (sw == 0 ? 0 : (size_t)n > room / (size_t)sw))
				return bad;
			for (MQLONG j = 0; j < n && rc == MQRC_NONE; j++)
				rc = add_decoded_bytes(b, sel, MQITEM_STRING, 0, rd32(p + 12),
						       p + MQCFSL_STRUC_LENGTH_FIXED + (size_t)j * (size_t)sw,
						       (size_t)sw);
			break;
		}
		case MQCFT_BYTE_STRING: {
			if (len < MQCFBS_STRUC_LENGTH_FIXED)
				return bad;
			MQLONG n = rd32(p + 12);
			if (n < 0 || (size_t)n > len - MQCFBS_STRUC_LENGTH_FIXED)
				return bad;
			rc = add_decoded_bytes(b, sel, MQITEM_BYTE_STRING, 0, 0,
					       p + MQCFBS_STRUC_LENGTH_FIXED, (size_t)n);
			break;
		}
		case MQCFT_INTEGER_FILTER: {
			if (len != MQCFIF_STRUC_LENGTH)
				return bad;
			item v = {.sel = sel, .type = MQITEM_INTEGER_FILTER, .op = rd32(p + 12),
				  .num = rd32(p + 16)};
			rc = add_decoded(b, &v);
			break;
		}
		case MQCFT_STRING_FILTER: {
			if (len < MQCFSF_STRUC_LENGTH_FIXED)
				return bad;
			MQLONG n = rd32(p + 20);
			if (n < 0 || (size_t)n > len - MQCFSF_STRUC_LENGTH_FIXED)
				return bad;
			rc = add_decoded_bytes(b, sel, MQITEM_STRING_FILTER, rd32(p + 12), rd32(p + 16),
					       p + MQCFSF_STRUC_LENGTH_FIXED, (size_t)n);
			break;
		}
		case MQCFT_BYTE_STRING_FILTER: {
			if (len < MQCFBF_STRUC_LENGTH_FIXED)
				return bad;
			MQLONG n = rd32(p + 16);
			if (n < 0 || (size_t)n > len - MQCFBF_STRUC_LENGTH_FIXED)
				return bad;
			rc = add_decoded_bytes(b, sel, MQITEM_BYTE_STRING_FILTER, rd32(p + 12), 0,
					       p + MQCFBF_STRUC_LENGTH_FIXED, (size_t)n);
			break;
		}
		case MQCFT_GROUP: {
			if (len != MQCFGR_STRUC_LENGTH)
				return bad;
			bag *c = bag_new(MQCBO_GROUP_BAG, 1);
			if (!c)
				return MQRC_STORAGE_NOT_AVAILABLE;
			if ((rc = dec_params(c, src, rd32(p + 12), depth + 1)) != MQRC_NONE ||
			    (rc = reg(c)) != MQRC_NONE) {
				destroy(c);
				return rc;
			}
			item v = {.sel = sel, .type = MQITEM_BAG, .child = c->handle, .owned = 1};
			rc = add_decoded(b, &v);
			break;
		}
		default:
			return bad;
		}
		if (rc != MQRC_NONE)
			return rc;
	}
	return MQRC_NONE;
}

/* a whole message into the fresh unregistered bag t (its MQCFH into t's system items) */
static MQLONG decode(bag *t, const unsigned char *buf, size_t len)
{
	if (len < MQCFH_STRUC_LENGTH || rd32(buf + 4) != MQCFH_STRUC_LENGTH)
		return MQRC_BAG_CONVERSION_ERROR;
	MQLONG ver = rd32(buf + 8);
	if (ver < MQCFH_VERSION_1 || ver > MQCFH_VERSION_3)
		return MQRC_BAG_CONVERSION_ERROR;
	static const MQLONG at[][2] = {
		{MQIASY_TYPE, 0}, {MQIASY_VERSION, 8}, {MQIASY_COMMAND, 12},
		{MQIASY_MSG_SEQ_NUMBER, 16}, {MQIASY_CONTROL, 20}, {MQIASY_COMP_CODE, 24},
		{MQIASY_REASON, 28},
	};
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
		t->it[-at[i][0] - 1].num = rd32(buf + at[i][1]);
	in src = {buf + MQCFH_STRUC_LENGTH, len - MQCFH_STRUC_LENGTH};
	MQLONG rc = dec_params(t, &src, rd32(buf + 32), 0);
	if (rc == MQRC_NONE && src.len != 0)
		rc = MQRC_BAG_CONVERSION_ERROR;     /* bytes after the last parameter */
	return rc;
}

/* replaces the items of b (a user bag) by those of the message, or changes nothing */
static MQLONG decode_into(bag *b, const unsigned char *buf, size_t len)
{
	bag *t = bag_new(b->options, 0);
	if (!t)
		return MQRC_STORAGE_NOT_AVAILABLE;
	t->it[-MQIASY_CODED_CHAR_SET_ID - 1].num = sysv(b, MQIASY_CODED_CHAR_SET_ID);
	MQLONG rc = decode(t, buf, len);
	if (rc == MQRC_NONE) {
		item *old = b->it;
		size_t oldn = b->n;
		b->it = t->it;
		b->n = t->n;
		b->cap = t->cap;
		t->it = old;
		t->n = oldn;
	}
	destroy(t);          /* the old items on success, the partial ones on failure */
	return rc;
}

void MQENTRY mqBufferToBag(MQHBAG OptionsBag, MQLONG BufferLength, PMQVOID pBuffer, MQHBAG DataBag,
			   PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	bag *b = NULL;
	MQLONG rc = OptionsBag != MQHB_NONE ? MQRC_OPTIONS_ERROR : writable(DataBag, &b);
	if (rc == MQRC_NONE)
		rc = BufferLength < 0 ? MQRC_BUFFER_LENGTH_ERROR
		   : (BufferLength > 0 && !pBuffer) ? MQRC_BUFFER_ERROR : MQRC_NONE;
	if (rc == MQRC_NONE)
		rc = decode_into(b, pBuffer, (size_t)BufferLength);
	leave(pCompCode, pReason, rc);
}

/* ------------------------------------------------------------------------ */
/* bags as messages                                                         */

void MQENTRY mqPutBag(MQHCONN Hconn, MQHOBJ Hobj, PMQVOID pMsgDesc, PMQVOID pPutMsgOpts, MQHBAG Bag,
		      PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	bag *b = lookup(Bag);
	unsigned char *buf = NULL;
	size_t len = 0;
	int admin = b && (b->options & (MQCBO_ADMIN_BAG | MQCBO_COMMAND_BAG));
	MQLONG rc = !b ? MQRC_HBAG_ERROR : !pMsgDesc ? MQRC_MD_ERROR : encode_alloc(b, NULL, &buf, &len);
	pthread_mutex_unlock(&mu);
	if (rc != MQRC_NONE) {
		*pCompCode = MQCC_FAILED;
		*pReason = rc;
		return;
	}
	PMQMD md = pMsgDesc;
	if (memcmp(md->StrucId, MQMD_STRUC_ID, 4) == 0 && memcmp(md->Format, MQFMT_NONE, 8) == 0)
		memcpy(md->Format, admin ? MQFMT_ADMIN : MQFMT_PCF, 8);
	MQPUT(Hconn, Hobj, pMsgDesc, pPutMsgOpts, (MQLONG)len, buf, pCompCode, pReason);
	free(buf);
}

/* MQGET of a whole message into a malloc'd buffer (retried once at its size) */
static void get_whole(MQHCONN hc, MQHOBJ ho, PMQMD md, PMQVOID gmo, unsigned char **buf, MQLONG *dlen,
		      PMQLONG cc, PMQLONG rc)
{
	MQMD saved;
	size_t mdlen = md->Version >= MQMD_VERSION_2 ? sizeof(MQMD) : MQMD_LENGTH_1;
	MQLONG size = FIRST_GET_BUFFER;
	memcpy(&saved, md, mdlen);
	for (int attempt = 0; attempt < 3; attempt++) {
		unsigned char *b = malloc((size_t)size);
		if (!b) {
			*cc = MQCC_FAILED;
			*rc = MQRC_STORAGE_NOT_AVAILABLE;
			return;
		}
		MQGET(hc, ho, md, gmo, size, b, dlen, cc, rc);
		if (*rc == MQRC_TRUNCATED_MSG_FAILED && *dlen > size) {
			free(b);
			size = *dlen;
			memcpy(md, &saved, mdlen);
			continue;
		}
		if (*cc == MQCC_FAILED) {
			free(b);
			return;
		}
		*buf = b;
		return;
	}
}

void MQENTRY mqGetBag(MQHCONN Hconn, MQHOBJ Hobj, PMQVOID pMsgDesc, PMQVOID pGetMsgOpts, MQHBAG Bag,
		      PMQLONG pCompCode, PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	bag *b;
	MQLONG rc = writable(Bag, &b);
	if (rc == MQRC_NONE && !pMsgDesc)
		rc = MQRC_MD_ERROR;
	PMQMD md = pMsgDesc;
	if (rc == MQRC_NONE && (memcmp(md->StrucId, MQMD_STRUC_ID, 4) != 0 ||
				md->Version < MQMD_VERSION_1 || md->Version > MQMD_VERSION_2))
		rc = MQRC_MD_ERROR;
	pthread_mutex_unlock(&mu);
	if (rc != MQRC_NONE) {
		*pCompCode = MQCC_FAILED;
		*pReason = rc;
		return;
	}
	unsigned char *buf = NULL;
	MQLONG dlen = 0, cc, why;
	get_whole(Hconn, Hobj, md, pGetMsgOpts, &buf, &dlen, &cc, &why);
	if (!buf) {
		*pCompCode = cc;
		*pReason = why;
		return;
	}
	if (memcmp(md->Format, MQFMT_ADMIN, 8) && memcmp(md->Format, MQFMT_EVENT, 8) &&
	    memcmp(md->Format, MQFMT_PCF, 8))
		rc = MQRC_FORMAT_NOT_SUPPORTED;
	else if ((md->Encoding & MQENC_INTEGER_MASK) != (MQENC_NATIVE & MQENC_INTEGER_MASK))
		rc = MQRC_ENCODING_NOT_SUPPORTED;
	pthread_mutex_lock(&mu);
	if (rc == MQRC_NONE)
		rc = writable(Bag, &b);      /* another thread may have deleted it meanwhile */
	if (rc == MQRC_NONE)
		rc = decode_into(b, buf, (size_t)dlen);
	free(buf);
	leave(pCompCode, pReason, rc);
}

/* ------------------------------------------------------------------------ */
/* mqExecute                                                                */

/* the wait interval of an options bag (MQHB_NONE or one with only MQIACF_WAIT_INTERVAL) */
static MQLONG exec_options(MQHBAG ob, MQLONG *wait)
{
	*wait = DEFAULT_WAIT_MS;
	if (ob == MQHB_NONE)
		return MQRC_NONE;
	bag *b = lookup(ob);
	if (!b)
		return MQRC_HBAG_ERROR;
	for (size_t i = SYS_ITEMS; i < b->n; i++) {
		if (b->it[i].sel != MQIACF_WAIT_INTERVAL || b->it[i].type != MQITEM_INTEGER ||
		    b->it[i].num < 0)
			return MQRC_OPTIONS_ERROR;
		*wait = (MQLONG)b->it[i].num;
	}
	return MQRC_NONE;
}

/* adds one reply to the response bag: a system bag under MQHA_BAG_HANDLE */
static MQLONG exec_reply(MQHBAG rb, const unsigned char *buf, size_t len, MQLONG *control,
			 MQLONG *compcode)
{
	bag *r;
	MQLONG rc = writable(rb, &r);
	if (rc != MQRC_NONE)
		return rc;
	bag *c = bag_new(MQCBO_ADMIN_BAG | MQCBO_LIST_FORM_ALLOWED | MQCBO_REORDER_AS_REQUIRED |
			 MQCBO_CHECK_SELECTORS, 1);
	if (!c)
		return MQRC_STORAGE_NOT_AVAILABLE;
	if ((rc = decode(c, buf, len)) != MQRC_NONE || (rc = reg(c)) != MQRC_NONE) {
		destroy(c);
		return rc;
	}
	*control = sysv(c, MQIASY_CONTROL);
	*compcode = sysv(c, MQIASY_COMP_CODE);
	item v = {.sel = MQHA_BAG_HANDLE, .type = MQITEM_BAG, .child = c->handle, .owned = 1};
	return add_decoded(r, &v);
}

void MQENTRY mqExecute(MQHCONN Hconn, MQLONG Command, MQHBAG OptionsBag, MQHBAG AdminBag,
		       MQHBAG ResponseBag, MQHOBJ AdminQ, MQHOBJ ResponseQ, PMQLONG pCompCode,
		       PMQLONG pReason)
{
	ENTER(pCompCode, pReason);
	bag *ab = lookup(AdminBag), *rb = NULL;
	MQLONG wait = 0, cc = MQCC_OK, rc = exec_options(OptionsBag, &wait);
	unsigned char *msg = NULL;
	size_t msglen = 0;
	if (rc == MQRC_NONE)
		rc = !ab ? MQRC_HBAG_ERROR : !(ab->options & MQCBO_ADMIN_BAG) ? MQRC_BAG_WRONG_TYPE
		   : writable(ResponseBag, &rb);
	if (rc == MQRC_NONE) {
		MQCFH h = {MQCFH_DEFAULT};
		h.Command = Command;
		h.Version = sysv(ab, MQIASY_VERSION);
		rc = encode_alloc(ab, &h, &msg, &msglen);
	}
	if (rc == MQRC_NONE)
		clear_items(rb);
	pthread_mutex_unlock(&mu);
	if (rc != MQRC_NONE) {
		*pCompCode = MQCC_FAILED;
		*pReason = rc;
		return;
	}

	MQHOBJ aq = AdminQ, rq = ResponseQ;
	MQCHAR48 replyq;
	MQMD md = {MQMD_DEFAULT};
	MQPMO pmo = {MQPMO_DEFAULT};
	MQLONG why = MQRC_NONE, failed = 0;
	if (aq == MQHO_NONE) {
		MQOD od = {MQOD_DEFAULT};
		memcpy(od.ObjectName, "SYSTEM.ADMIN.COMMAND.QUEUE", 26);
		MQOPEN(Hconn, &od, MQOO_OUTPUT | MQOO_FAIL_IF_QUIESCING, &aq, &cc, &why);
		if (cc == MQCC_FAILED)
			goto done;
	}
	if (rq == MQHO_NONE) {
		MQOD od = {MQOD_DEFAULT};
		memcpy(od.ObjectName, "SYSTEM.DEFAULT.MODEL.QUEUE", 26);
		memcpy(od.DynamicQName, "AMQ.MQAI.*", 10);
		MQOPEN(Hconn, &od, MQOO_INPUT_EXCLUSIVE | MQOO_FAIL_IF_QUIESCING, &rq, &cc, &why);
		if (cc == MQCC_FAILED)
			goto done;
		memcpy(replyq, od.ObjectName, sizeof replyq);
	} else {
		MQLONG sel = MQCA_Q_NAME, none[1];
		MQINQ(Hconn, rq, 1, &sel, 0, none, (MQLONG)sizeof replyq, replyq, &cc, &why);
		if (cc == MQCC_FAILED)
			goto done;
	}

	memcpy(md.Format, MQFMT_ADMIN, 8);
	md.MsgType = MQMT_REQUEST;
	md.Expiry = wait / 100 > 0 ? wait / 100 : 1;
	memcpy(md.ReplyToQ, replyq, sizeof replyq);
	pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID | MQPMO_FAIL_IF_QUIESCING;
	MQPUT(Hconn, aq, &md, &pmo, (MQLONG)msglen, msg, &cc, &why);
	if (cc == MQCC_FAILED)
		goto done;

	MQBYTE24 request;
	memcpy(request, md.MsgId, sizeof request);
	for (;;) {
		MQMD rmd = {MQMD_DEFAULT};
		MQGMO gmo = {MQGMO_DEFAULT};
		unsigned char *reply = NULL;
		MQLONG dlen = 0, control = MQCFC_LAST, compcode = MQCC_OK;
		memcpy(rmd.CorrelId, request, sizeof request);
		gmo.Version = MQGMO_VERSION_2;
		gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT | MQGMO_FAIL_IF_QUIESCING;
		gmo.MatchOptions = MQMO_MATCH_CORREL_ID;
		gmo.WaitInterval = wait;
		get_whole(Hconn, rq, &rmd, &gmo, &reply, &dlen, &cc, &why);
		if (!reply) {
			cc = MQCC_FAILED;
			goto done;
		}
		pthread_mutex_lock(&mu);
		why = exec_reply(ResponseBag, reply, (size_t)dlen, &control, &compcode);
		pthread_mutex_unlock(&mu);
		free(reply);
		if (why != MQRC_NONE) {
			cc = MQCC_FAILED;
			goto done;
		}
		if (compcode != MQCC_OK)
			failed = 1;
		if (control == MQCFC_LAST)
			break;
	}
	cc = failed ? MQCC_FAILED : MQCC_OK;
	why = failed ? MQRCCF_COMMAND_FAILED : MQRC_NONE;
done:
	free(msg);
	MQLONG cc2, rc2;
	if (rq != ResponseQ && rq != MQHO_UNUSABLE_HOBJ && rq != MQHO_NONE)
		MQCLOSE(Hconn, &rq, MQCO_NONE, &cc2, &rc2);
	if (aq != AdminQ && aq != MQHO_UNUSABLE_HOBJ && aq != MQHO_NONE)
		MQCLOSE(Hconn, &aq, MQCO_NONE, &cc2, &rc2);
	*pCompCode = cc;
	*pReason = why;
}

/* ------------------------------------------------------------------------ */
/* blank-padded fields                                                      */

void MQENTRY mqPad(PMQCHAR pString, MQLONG BufferLength, PMQCHAR pBuffer, PMQLONG pCompCode,
		   PMQLONG pReason)
{
	if (!pCompCode || !pReason)
		return;
	MQLONG rc = !pString ? MQRC_STRING_ERROR : BufferLength < 0 ? MQRC_BUFFER_LENGTH_ERROR
		  : (BufferLength > 0 && !pBuffer) ? MQRC_BUFFER_ERROR : MQRC_NONE;
	if (rc == MQRC_NONE) {
		size_t n = strnlen(pString, (size_t)BufferLength + 1);
		if (n > (size_t)BufferLength) {
			n = (size_t)BufferLength;
			rc = MQRC_STRING_TRUNCATED;
		}
		memmove(pBuffer, pString, n);
		memset(pBuffer + n, ' ', (size_t)BufferLength - n);
	}
	*pReason = rc;
	*pCompCode = rc == MQRC_NONE ? MQCC_OK : rc == MQRC_STRING_TRUNCATED ? MQCC_WARNING : MQCC_FAILED;
}

void MQENTRY mqTrim(MQLONG BufferLength, PMQCHAR pBuffer, PMQCHAR pString, PMQLONG pCompCode,
		    PMQLONG pReason)
{
	if (!pCompCode || !pReason)
		return;
	MQLONG rc = BufferLength < 0 ? MQRC_BUFFER_LENGTH_ERROR
		  : (BufferLength > 0 && !pBuffer) ? MQRC_BUFFER_ERROR
		  : !pString ? MQRC_STRING_ERROR : MQRC_NONE;
	if (rc == MQRC_NONE) {
		size_t n = (size_t)BufferLength;
		while (n > 0 && pBuffer[n - 1] == ' ')
			n--;
		memmove(pString, pBuffer, n);    /* pString may be pBuffer itself */
		pString[n] = '\0';
	}
	*pReason = rc;
	*pCompCode = rc == MQRC_NONE ? MQCC_OK : MQCC_FAILED;
}
