/*
 * msgprops.h: a message's properties as the queue manager reads them for
 * selection: the leading MQRFH2s' folders (the XML libmqm writes,
 * qm/mqi/rfh2.c) into names, types and values, and the MQMD's fields as
 * Root.MQMD.<Field>.  Pure code (libc, cmqc.h): the rules at the top of
 * msgprops.c.
 *
 *   struct msgprops p;
 *   msgprops_read(&p, md, data, len);       (never fails: what cannot be read
 *                                            is left out, p.bad says so)
 *   sel_match(sel, msgprops_lookup, &p);   (qm/engine/selector.h)
 *   msgprops_free(&p);
 *
 * msgprops_match(sel, md, data, len) does the three at once: 1 when the
 * message is selected (a NULL or always-TRUE selector selects everything;
 * a message with properties that could not be read, p.bad, nothing else).
 */
#ifndef QUIRE_MSGPROPS_H
#define QUIRE_MSGPROPS_H

#include <stddef.h>
#include <stdint.h>

#include "cmqc.h"
#include "qm/engine/selector.h"

struct msgprop {
	char *name;            /* "usr.colour", "mcd.Msd", "jms.Pri" (owned, with the value's bytes) */
	size_t namelen;
	struct sel_val v;      /* SEL_NULL for xsi:nil */
};

struct msgprops {
	const MQMD *md;        /* Root.MQMD's fields (NULL: none): &body_md after msgprops_read */
	MQMD body_md;          /* the MQMD given, with the Format, Encoding and CodedCharSetId of what
				* follows the MQRFH2s of properties (what a getter's MQMD says) */
	struct msgprop *v;
	size_t n, cap;
	int bad;               /* an MQRFH2 or its XML could not be read: its properties left out */
};

void msgprops_read(struct msgprops *p, const MQMD *md, const uint8_t *data, size_t len);
void msgprops_free(struct msgprops *p);
/* sel_lookup_fn over p (arg): a name without a dot is usr's ("colour" is
 * "usr.colour"); libmqm's JMS synonyms (JMSType is mcd.Type ...); Root.MQMD.X
 * is the MQMD's field X. */
int msgprops_lookup(void *arg, const char *name, size_t namelen, struct sel_val *v);
int msgprops_match(const struct sel *s, const MQMD *md, const uint8_t *data, size_t len);

#endif
