/*
 * selector.h: message selectors (MQ's subset of SQL92 conditional expressions)
 * compiled once and evaluated against a message's properties.
 *
 * Pure code: no I/O, no queue manager state, only libc and cmqc.h, so that
 * every room above the engine may use it: MQOPEN of a queue with
 * MQOD.SelectionString (qm/server/mqiserv_open.c, mqiserv_get.c) and MQSUB's
 * MQSD.SelectionString for subscriptions.  The grammar and every decision
 * are at the top of selector.c.
 *
 * API (for MQSUB as for MQOPEN):
 *
 *   struct sel *s; size_t pos;
 *   MQLONG rc = sel_compile(text, len, &s, &pos);
 *       MQRC_NONE: s is the compiled selector (NULL when the text is empty
 *       or all blanks: no selection, every message matches).
 *       MQRC_SELECTION_STRING_ERROR (2519): longer than MQ_SELECTOR_LENGTH.
 *       MQRC_SELECTOR_SYNTAX_ERROR (2459): pos is the offset of the fault.
 *       MQRC_SELECTOR_ALWAYS_FALSE (2504): it names no property and is FALSE.
 *       MQRC_STORAGE_NOT_AVAILABLE.
 *   int yes = sel_match(s, lookup, arg);
 *       1 when the selector is TRUE for the message whose values lookup
 *       gives; 0 when FALSE or UNKNOWN (SQL's three-valued logic).
 *   sel_free(s);
 *
 * lookup(arg, name, namelen, &v) is asked for each identifier the selector
 * names, exactly as written (case kept, "Root.MQMD.Priority", "usr.colour",
 * "colour"); it fills v and returns 1, or returns 0 when the message has no
 * such value (SQL NULL).  qm/engine/msgprops.h gives one over a message's
 * MQRFH2 properties and its MQMD (msgprops_lookup): names without a folder
 * are the usr folder's, as MQ's property names.
 *
 * A compiled selector is read only by sel_match: one may be shared by
 * threads.  sel_text(s) is the text it was compiled from (NUL-terminated).
 *
 * For subscriptions (MQSUB's MQSD.SelectionString), the way MQOPEN uses it
 * (qm/server/mqiserv_open.c open_selection, mqiserv_get.c sel_accept):
 *   - at MQSUB: sel_compile(the string's bytes, its length, &sub->sel, &pos);
 *     a NULL result with MQRC_NONE means no selection.  MQ's reasons: 2519
 *     for an MQCHARV not valid or too long (libmqm can check the MQCHARV as
 *     mqm_od_selection does for MQOD), and for a syntax fault MQ documents
 *     MQRC_SELECTION_NOT_AVAILABLE (2551) when a subscription is created and
 *     MQRC_SELECTOR_SYNTAX_ERROR (2459) when one is resumed (MQOPEN of a
 *     queue answers 2459);
 *   - per publication: msgprops_match(sub->sel, &md, data, len)
 *     (qm/engine/msgprops.h) with the MQMD and data as put (the properties
 *     are the MQRFH2s at the front of the data): 1 delivers it;
 *   - a durable subscription keeps sel_text(sub->sel) with its definition and
 *     compiles it again at restart (it compiled once, so it compiles again);
 *   - sel_free(sub->sel) when the subscription goes.
 */
#ifndef QUIRE_SELECTOR_H
#define QUIRE_SELECTOR_H

#include <stddef.h>
#include <stdint.h>

#include "cmqc.h"

enum sel_type { SEL_NULL = 0, SEL_BOOL, SEL_INT, SEL_DBL, SEL_STR, SEL_BYTES };

/* A typed value: a property's, a literal's, or an expression's. */
struct sel_val {
	int type;            /* enum sel_type */
	int b;               /* SEL_BOOL: 0 or 1 */
	int64_t i;           /* SEL_INT (every MQTYPE_INT* property) */
	double d;            /* SEL_DBL (MQTYPE_FLOAT32/64) */
	const uint8_t *s;    /* SEL_STR (UTF-8 bytes), SEL_BYTES */
	size_t len;
};

typedef int (*sel_lookup_fn)(void *arg, const char *name, size_t namelen, struct sel_val *v);

struct sel;

MQLONG sel_compile(const char *text, size_t len, struct sel **out, size_t *errpos);
int sel_match(const struct sel *s, sel_lookup_fn lookup, void *arg);
/* 1 when s (or NULL) selects every message without looking at it: it names
 * no property (a TRUE one: a FALSE one is refused with 2504) */
int sel_always_true(const struct sel *s);
/* SQL's result: 1 TRUE, 0 FALSE, -1 UNKNOWN (for tests and callers that care) */
int sel_eval(const struct sel *s, sel_lookup_fn lookup, void *arg);
const char *sel_text(const struct sel *s);
void sel_free(struct sel *s);

#endif
