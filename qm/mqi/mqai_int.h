/*
 * mqai_int.h: what mqai.c (bags and items) and mqai_pcf.c (bags as PCF
 * messages) share. Nothing here is exported from libmqm (libmqm.map keeps
 * only the mq* calls); every function is called with mqai_mu held.
 */
#ifndef QUIRE_MQAI_INT_H
#define QUIRE_MQAI_INT_H

#include <pthread.h>
#include <stddef.h>

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
	int inquiry;          /* made by mqAddInquiry (written as the command's attribute list) */
} item;

typedef struct bag {
	MQLONG options;       /* as created, implied options added */
	int system;           /* made by the MQAI */
	MQHBAG handle;
	item *it;             /* it[0 .. SYS_ITEMS-1]: the system items */
	size_t n, cap;
} bag;

extern pthread_mutex_t mqai_mu;

/* Every call: nothing at all without both outputs, then the lock; mqai_leave
 * unlocks and sets CompCode from the reason (2311 is the one warning). */
#define MQAI_ENTER(pcc, prc)                      \
	do {                                     \
		if (!(pcc) || !(prc))                \
			return;                          \
		pthread_mutex_lock(&mqai_mu);             \
	} while (0)
void mqai_leave(PMQLONG pcc, PMQLONG prc, MQLONG rc);

bag *mqai_lookup(MQHBAG h);                /* NULL: no such bag (any more) */
MQLONG mqai_reg(bag *b);                   /* gives b a handle */
void mqai_destroy(bag *b);                 /* b, its items, the system bags they own */
bag *mqai_bag_new(MQLONG options, int system);   /* unregistered, system items set */
MQLONG mqai_sysv(const bag *b, MQLONG sel);      /* a system item's value (MQIASY_*) */
void mqai_clear_items(bag *b);
void mqai_item_free(item *it);
size_t mqai_count_of(const bag *b, MQLONG sel);
MQLONG mqai_same_type(const bag *b, MQLONG sel, MQLONG type);
MQLONG mqai_append(bag *b, const item *v);
MQLONG mqai_writable(MQHBAG h, bag **out);       /* 2320 or 2315 if not */

#endif /* QUIRE_MQAI_INT_H */
