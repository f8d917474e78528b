/*
 * mqai.c: the MQ Administration Interface (MQAI) of libmqm: data bags and
 * their items, mqPad and mqTrim (cmqbc.h declares every MQAI call, with IBM's
 * parameters).
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
 * The PCF form of a bag, and the calls that use it (mqBagToBuffer,
 * mqBufferToBag, mqPutBag, mqGetBag, mqExecute), are in mqai_pcf.c; what both
 * files share is in mqai_int.h.
 *
 * Decisions where IBM's documentation is silent or Quire differs (those of
 * the PCF form are in mqai_pcf.c):
 *   - mqSet* with MQIND_NONE and no occurrence of the selector adds one.
 *   - mqInquireInteger on a 64-bit integer item gives MQRC_SELECTOR_WRONG_TYPE;
 *     mqInquireInteger64 reads both integer types.
 *   - mqInquireString blank-pads the buffer after the string; a string longer
 *     than the buffer gives MQCC_WARNING, MQRC_STRING_TRUNCATED (2311) with the
 *     full length in StringLength. Byte strings are not padded.
 */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qm/mqi/mqai_int.h"

pthread_mutex_t mqai_mu = PTHREAD_MUTEX_INITIALIZER;
static bag **slots;
static uint16_t *gens;
static size_t nslots;

/* ------------------------------------------------------------------------ */
/* handles and bags                                                         */

bag *mqai_lookup(MQHBAG h)
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

MQLONG mqai_reg(bag *b)
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

void mqai_destroy(bag *b);

void mqai_item_free(item *it)
{
	free(it->data);
	it->data = NULL;
	if (it->type == MQITEM_BAG && it->owned) {
		bag *c = mqai_lookup(it->child);
		if (c)
			mqai_destroy(c);
	}
}

/* frees a bag, its items and the system bags they own; unregisters it */
void mqai_destroy(bag *b)
{
	for (size_t i = 0; i < b->n; i++)
		mqai_item_free(&b->it[i]);
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

bag *mqai_bag_new(MQLONG options, int system)
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

MQLONG mqai_sysv(const bag *b, MQLONG sel)
{
	return (MQLONG)b->it[-sel - 1].num;
}

/* the user items go; the system items return to their defaults */
void mqai_clear_items(bag *b)
{
	for (size_t i = SYS_ITEMS; i < b->n; i++)
		mqai_item_free(&b->it[i]);
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
MQLONG mqai_same_type(const bag *b, MQLONG sel, MQLONG type)
{
	for (size_t i = SYS_ITEMS; i < b->n; i++)
		if (b->it[i].sel == sel)
			return b->it[i].type == type ? MQRC_NONE : MQRC_INCONSISTENT_ITEM_TYPE;
	return MQRC_NONE;
}

size_t mqai_count_of(const bag *b, MQLONG sel)
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
	size_t n = mqai_count_of(b, sel);
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

MQLONG mqai_append(bag *b, const item *v)
{
	MQLONG rc = grow(b, b->n + 1);
	if (rc != MQRC_NONE)
		return rc;
	b->it[b->n++] = *v;
	return MQRC_NONE;
}

static void remove_at(bag *b, size_t pos)
{
	mqai_item_free(&b->it[pos]);
	memmove(&b->it[pos], &b->it[pos + 1], (b->n - pos - 1) * sizeof b->it[0]);
	b->n--;
}

/* ------------------------------------------------------------------------ */
/* the calls' common parts                                                  */


void mqai_leave(PMQLONG pcc, PMQLONG prc, MQLONG rc)
{
	pthread_mutex_unlock(&mqai_mu);
	*prc = rc;
	*pcc = rc == MQRC_NONE ? MQCC_OK
	     : rc == MQRC_STRING_TRUNCATED ? MQCC_WARNING : MQCC_FAILED;
}

/* a bag the application may change */
MQLONG mqai_writable(MQHBAG h, bag **out)
{
	bag *b = mqai_lookup(h);
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
	MQLONG rc = mqai_writable(h, &b);
	if (rc == MQRC_NONE)
		rc = sel_for_type(b, sel, v->type);
	if (rc == MQRC_NONE)
		rc = mqai_same_type(b, sel, v->type);
	if (rc == MQRC_NONE && (v->type == MQITEM_STRING || v->type == MQITEM_STRING_FILTER))
		v->ccsid = mqai_sysv(b, MQIASY_CODED_CHAR_SET_ID);
	v->sel = sel;
	if (rc == MQRC_NONE)
		rc = mqai_append(b, v);
	if (rc != MQRC_NONE)
		free(v->data);
	return rc;
}

/* mqSet*: replace occurrence idx, or all of them (MQIND_ALL), or the only one */
static MQLONG set_value(MQHBAG h, MQLONG sel, MQLONG idx, item *v)
{
	bag *b;
	size_t pos = 0;
	MQLONG rc = mqai_writable(h, &b);
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
		v->ccsid = mqai_sysv(b, MQIASY_CODED_CHAR_SET_ID);
	if (idx == MQIND_ALL) {
		for (size_t i = b->n; i-- > SYS_ITEMS;)
			if (b->it[i].sel == sel)
				remove_at(b, i);
		if ((rc = mqai_append(b, v)) == MQRC_NONE)
			return MQRC_NONE;
		goto out;
	}
	if (idx == MQIND_NONE && mqai_count_of(b, sel) == 0) {
		if ((rc = mqai_append(b, v)) == MQRC_NONE)
			return MQRC_NONE;
		goto out;
	}
	if ((rc = find(b, sel, idx, &pos)) != MQRC_NONE)
		goto out;
	if (b->it[pos].type != v->type) {
		rc = MQRC_SELECTOR_WRONG_TYPE;
		goto out;
	}
	mqai_item_free(&b->it[pos]);
	b->it[pos] = *v;
	return MQRC_NONE;
out:
	free(v->data);
	return rc;
}

/* mqInquire*: the item of (sel, idx), which must be of one of two types */
static MQLONG get_item(MQHBAG h, MQLONG sel, MQLONG idx, MQLONG t1, MQLONG t2, const item **out)
{
	bag *b = mqai_lookup(h);
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
	MQAI_ENTER(pCompCode, pReason);
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
		bag *b = mqai_bag_new(Options, 0);
		if (!b || mqai_reg(b) != MQRC_NONE) {
			if (b)
				mqai_destroy(b);     /* not registered: handle 0 */
			rc = MQRC_STORAGE_NOT_AVAILABLE;
		} else {
			*pBag = b->handle;
		}
	}
	mqai_leave(pCompCode, pReason, rc);
}

void MQENTRY mqDeleteBag(PMQHBAG pBag, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	MQLONG rc = MQRC_NONE;
	bag *b = pBag ? mqai_lookup(*pBag) : NULL;
	if (!b)
		rc = MQRC_HBAG_ERROR;
	else if (b->system)
		rc = MQRC_SYSTEM_BAG_NOT_DELETABLE;
	else {
		mqai_destroy(b);
		*pBag = MQHB_UNUSABLE_HBAG;
	}
	mqai_leave(pCompCode, pReason, rc);
}

void MQENTRY mqClearBag(MQHBAG Bag, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	bag *b;
	MQLONG rc = mqai_writable(Bag, &b);
	if (rc == MQRC_NONE)
		mqai_clear_items(b);
	mqai_leave(pCompCode, pReason, rc);
}

void MQENTRY mqTruncateBag(MQHBAG Bag, MQLONG ItemCount, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	bag *b;
	MQLONG rc = mqai_writable(Bag, &b);
	if (rc == MQRC_NONE && (ItemCount < 0 || (size_t)ItemCount > b->n - SYS_ITEMS))
		rc = MQRC_ITEM_COUNT_ERROR;
	if (rc == MQRC_NONE)
		while (b->n > SYS_ITEMS + (size_t)ItemCount)
			remove_at(b, b->n - 1);
	mqai_leave(pCompCode, pReason, rc);
}

void MQENTRY mqCountItems(MQHBAG Bag, MQLONG Selector, PMQLONG pItemCount, PMQLONG pCompCode,
			  PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	bag *b = mqai_lookup(Bag);
	MQLONG rc = !b ? MQRC_HBAG_ERROR : !pItemCount ? MQRC_ITEM_COUNT_ERROR : sel_readable(Selector);
	if (rc == MQRC_NONE)
		*pItemCount = (MQLONG)mqai_count_of(b, Selector);
	mqai_leave(pCompCode, pReason, rc);
}

void MQENTRY mqDeleteItem(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, PMQLONG pCompCode,
			  PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	bag *b;
	size_t pos;
	MQLONG rc = mqai_writable(Bag, &b);
	if (rc != MQRC_NONE) {
	} else if (Selector < 0 && !is_any(Selector)) {
		rc = Selector >= -SYS_ITEMS ? MQRC_SYSTEM_ITEM_NOT_DELETABLE : MQRC_SELECTOR_NOT_SUPPORTED;
	} else if (ItemIndex == MQIND_ALL) {
		MQLONG sel = Selector == MQSEL_ANY_SELECTOR ? MQSEL_ANY_USER_SELECTOR : Selector;
		if (sel == MQSEL_ANY_SYSTEM_SELECTOR)
			rc = MQRC_SYSTEM_ITEM_NOT_DELETABLE;
		else if (mqai_count_of(b, sel) == 0)
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
	mqai_leave(pCompCode, pReason, rc);
}

void MQENTRY mqInquireItemInfo(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, PMQLONG pOutSelector,
			       PMQLONG pItemType, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	bag *b = mqai_lookup(Bag);
	size_t pos;
	MQLONG rc = !b ? MQRC_HBAG_ERROR : !pOutSelector ? MQRC_OUT_SELECTOR_ERROR
		  : !pItemType ? MQRC_ITEM_TYPE_ERROR : sel_readable(Selector);
	if (rc == MQRC_NONE && (rc = find(b, Selector, ItemIndex, &pos)) == MQRC_NONE) {
		*pOutSelector = b->it[pos].sel;
		*pItemType = b->it[pos].type;
	}
	mqai_leave(pCompCode, pReason, rc);
}

/* ------------------------------------------------------------------------ */
/* adding                                                                   */

void MQENTRY mqAddInteger(MQHBAG Bag, MQLONG Selector, MQLONG ItemValue, PMQLONG pCompCode,
			  PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	item v = {.type = MQITEM_INTEGER, .num = ItemValue};
	mqai_leave(pCompCode, pReason, add_value(Bag, Selector, &v));
}

void MQENTRY mqAddInteger64(MQHBAG Bag, MQLONG Selector, MQINT64 ItemValue, PMQLONG pCompCode,
			    PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	item v = {.type = MQITEM_INTEGER64, .num = ItemValue};
	mqai_leave(pCompCode, pReason, add_value(Bag, Selector, &v));
}

void MQENTRY mqAddIntegerFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemValue, MQLONG Operator,
				PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	item v = {.type = MQITEM_INTEGER_FILTER, .num = ItemValue, .op = Operator};
	MQLONG rc = mqai_lookup(Bag) ? check_op(v.type, Operator) : MQRC_HBAG_ERROR;
	mqai_leave(pCompCode, pReason, rc != MQRC_NONE ? rc : add_value(Bag, Selector, &v));
}

static MQLONG add_bytes(MQHBAG Bag, MQLONG Selector, MQLONG type, MQLONG op, MQLONG len,
			const void *buf)
{
	item v = {.type = type, .op = op};
	MQLONG rc = mqai_lookup(Bag) ? MQRC_NONE : MQRC_HBAG_ERROR;
	if (rc == MQRC_NONE && (type == MQITEM_STRING_FILTER || type == MQITEM_BYTE_STRING_FILTER))
		rc = check_op(type, op);
	if (rc == MQRC_NONE)
		rc = take_bytes(len, buf, type == MQITEM_STRING || type == MQITEM_STRING_FILTER, &v);
	return rc != MQRC_NONE ? rc : add_value(Bag, Selector, &v);
}

void MQENTRY mqAddString(MQHBAG Bag, MQLONG Selector, MQLONG BufferLength, PMQCHAR pBuffer,
			 PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	mqai_leave(pCompCode, pReason, add_bytes(Bag, Selector, MQITEM_STRING, 0, BufferLength, pBuffer));
}

void MQENTRY mqAddStringFilter(MQHBAG Bag, MQLONG Selector, MQLONG BufferLength, PMQCHAR pBuffer,
			       MQLONG Operator, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	mqai_leave(pCompCode, pReason,
	      add_bytes(Bag, Selector, MQITEM_STRING_FILTER, Operator, BufferLength, pBuffer));
}

void MQENTRY mqAddByteString(MQHBAG Bag, MQLONG Selector, MQLONG BufferLength, PMQBYTE pBuffer,
			     PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	mqai_leave(pCompCode, pReason, add_bytes(Bag, Selector, MQITEM_BYTE_STRING, 0, BufferLength, pBuffer));
}

void MQENTRY mqAddByteStringFilter(MQHBAG Bag, MQLONG Selector, MQLONG BufferLength, PMQBYTE pBuffer,
				   MQLONG Operator, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	mqai_leave(pCompCode, pReason,
	      add_bytes(Bag, Selector, MQITEM_BYTE_STRING_FILTER, Operator, BufferLength, pBuffer));
}

void MQENTRY mqAddInquiry(MQHBAG Bag, MQLONG Selector, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	bag *b = mqai_lookup(Bag);
	MQLONG rc = !b ? MQRC_HBAG_ERROR : b->system ? MQRC_SYSTEM_BAG_NOT_ALTERABLE
		  : !(b->options & MQCBO_ADMIN_BAG) ? MQRC_BAG_WRONG_TYPE
		  : Selector < 0 ? MQRC_SELECTOR_OUT_OF_RANGE : MQRC_NONE;
	if (rc == MQRC_NONE) {
		item v = {.type = MQITEM_INTEGER, .num = Selector, .inquiry = 1};
		rc = add_value(Bag, MQIACF_INQUIRY, &v);
	}
	mqai_leave(pCompCode, pReason, rc);
}

/* is `inner` b itself or nested anywhere in b? */
static int contains(const bag *b, const bag *inner, int depth)
{
	if (b == inner)
		return 1;
	if (depth > MAX_DEPTH)
		return 1;
	for (size_t i = SYS_ITEMS; i < b->n; i++) {
		const bag *c = b->it[i].type == MQITEM_BAG ? mqai_lookup(b->it[i].child) : NULL;
		if (c && contains(c, inner, depth + 1))
			return 1;
	}
	return 0;
}

void MQENTRY mqAddBag(MQHBAG Bag, MQLONG Selector, MQHBAG ItemValue, PMQLONG pCompCode,
		      PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	bag *b = mqai_lookup(Bag), *c = mqai_lookup(ItemValue);
	MQLONG rc = !b ? MQRC_HBAG_ERROR : b->system ? MQRC_SYSTEM_BAG_NOT_ALTERABLE
		  : (b->options & (MQCBO_ADMIN_BAG | MQCBO_COMMAND_BAG)) ? MQRC_BAG_WRONG_TYPE
		  : !c ? MQRC_HBAG_ERROR
		  : (!(c->options & MQCBO_GROUP_BAG) || c->system) ? MQRC_BAG_WRONG_TYPE
		  : contains(c, b, 0) ? MQRC_HBAG_ERROR : MQRC_NONE;
	if (rc == MQRC_NONE) {
		item v = {.type = MQITEM_BAG, .child = ItemValue};
		rc = add_value(Bag, Selector, &v);
	}
	mqai_leave(pCompCode, pReason, rc);
}

/* ------------------------------------------------------------------------ */
/* setting                                                                  */

void MQENTRY mqSetInteger(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG ItemValue,
			  PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	item v = {.type = MQITEM_INTEGER, .num = ItemValue};
	mqai_leave(pCompCode, pReason, set_value(Bag, Selector, ItemIndex, &v));
}

void MQENTRY mqSetInteger64(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQINT64 ItemValue,
			    PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	item v = {.type = MQITEM_INTEGER64, .num = ItemValue};
	mqai_leave(pCompCode, pReason, set_value(Bag, Selector, ItemIndex, &v));
}

void MQENTRY mqSetIntegerFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG ItemValue,
				MQLONG Operator, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	item v = {.type = MQITEM_INTEGER_FILTER, .num = ItemValue, .op = Operator};
	MQLONG rc = mqai_lookup(Bag) ? check_op(v.type, Operator) : MQRC_HBAG_ERROR;
	mqai_leave(pCompCode, pReason, rc != MQRC_NONE ? rc : set_value(Bag, Selector, ItemIndex, &v));
}

static MQLONG set_bytes(MQHBAG Bag, MQLONG Selector, MQLONG idx, MQLONG type, MQLONG op, MQLONG len,
			const void *buf)
{
	item v = {.type = type, .op = op};
	MQLONG rc = mqai_lookup(Bag) ? MQRC_NONE : MQRC_HBAG_ERROR;
	if (rc == MQRC_NONE && (type == MQITEM_STRING_FILTER || type == MQITEM_BYTE_STRING_FILTER))
		rc = check_op(type, op);
	if (rc == MQRC_NONE)
		rc = take_bytes(len, buf, type == MQITEM_STRING || type == MQITEM_STRING_FILTER, &v);
	return rc != MQRC_NONE ? rc : set_value(Bag, Selector, idx, &v);
}

void MQENTRY mqSetString(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG BufferLength,
			 PMQCHAR pBuffer, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	mqai_leave(pCompCode, pReason,
	      set_bytes(Bag, Selector, ItemIndex, MQITEM_STRING, 0, BufferLength, pBuffer));
}

void MQENTRY mqSetStringFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG BufferLength,
			       PMQCHAR pBuffer, MQLONG Operator, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	mqai_leave(pCompCode, pReason,
	      set_bytes(Bag, Selector, ItemIndex, MQITEM_STRING_FILTER, Operator, BufferLength, pBuffer));
}

void MQENTRY mqSetByteString(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG BufferLength,
			     PMQBYTE pBuffer, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	mqai_leave(pCompCode, pReason,
	      set_bytes(Bag, Selector, ItemIndex, MQITEM_BYTE_STRING, 0, BufferLength, pBuffer));
}

void MQENTRY mqSetByteStringFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG BufferLength,
				   PMQBYTE pBuffer, MQLONG Operator, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	mqai_leave(pCompCode, pReason, set_bytes(Bag, Selector, ItemIndex, MQITEM_BYTE_STRING_FILTER,
					    Operator, BufferLength, pBuffer));
}

/* ------------------------------------------------------------------------ */
/* inquiring                                                                */

void MQENTRY mqInquireInteger(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, PMQLONG pItemValue,
			      PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	const item *it;
	MQLONG rc = get_item(Bag, Selector, ItemIndex, MQITEM_INTEGER, MQITEM_INTEGER, &it);
	if (rc == MQRC_NONE && !pItemValue)
		rc = MQRC_ITEM_VALUE_ERROR;
	if (rc == MQRC_NONE)
		*pItemValue = (MQLONG)it->num;
	mqai_leave(pCompCode, pReason, rc);
}

void MQENTRY mqInquireInteger64(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, PMQINT64 pItemValue,
				PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	const item *it;
	MQLONG rc = get_item(Bag, Selector, ItemIndex, MQITEM_INTEGER, MQITEM_INTEGER64, &it);
	if (rc == MQRC_NONE && !pItemValue)
		rc = MQRC_ITEM_VALUE_ERROR;
	if (rc == MQRC_NONE)
		*pItemValue = it->num;
	mqai_leave(pCompCode, pReason, rc);
}

void MQENTRY mqInquireIntegerFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, PMQLONG pItemValue,
				    PMQLONG pOperator, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
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
	mqai_leave(pCompCode, pReason, rc);
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
	MQAI_ENTER(pCompCode, pReason);
	mqai_leave(pCompCode, pReason, inq_bytes(Bag, Selector, ItemIndex, MQITEM_STRING, BufferLength,
					    pBuffer, pStringLength, pCodedCharSetId, NULL));
}

void MQENTRY mqInquireStringFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG BufferLength,
				   PMQCHAR pBuffer, PMQLONG pStringLength, PMQLONG pCodedCharSetId,
				   PMQLONG pOperator, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	mqai_leave(pCompCode, pReason, inq_bytes(Bag, Selector, ItemIndex, MQITEM_STRING_FILTER, BufferLength,
					    pBuffer, pStringLength, pCodedCharSetId, pOperator));
}

void MQENTRY mqInquireByteString(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, MQLONG BufferLength,
				 PMQBYTE pBuffer, PMQLONG pByteStringLength, PMQLONG pCompCode,
				 PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	mqai_leave(pCompCode, pReason, inq_bytes(Bag, Selector, ItemIndex, MQITEM_BYTE_STRING, BufferLength,
					    pBuffer, pByteStringLength, NULL, NULL));
}

void MQENTRY mqInquireByteStringFilter(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex,
				       MQLONG BufferLength, PMQBYTE pBuffer, PMQLONG pByteStringLength,
				       PMQLONG pOperator, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	mqai_leave(pCompCode, pReason, inq_bytes(Bag, Selector, ItemIndex, MQITEM_BYTE_STRING_FILTER,
					    BufferLength, pBuffer, pByteStringLength, NULL, pOperator));
}

void MQENTRY mqInquireBag(MQHBAG Bag, MQLONG Selector, MQLONG ItemIndex, PMQHBAG pItemValue,
			  PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	const item *it;
	MQLONG rc = get_item(Bag, Selector, ItemIndex, MQITEM_BAG, MQITEM_BAG, &it);
	if (rc == MQRC_NONE && !pItemValue)
		rc = MQRC_ITEM_VALUE_ERROR;
	if (rc == MQRC_NONE)
		*pItemValue = mqai_lookup(it->child) ? it->child : MQHB_UNUSABLE_HBAG;
	mqai_leave(pCompCode, pReason, rc);
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
