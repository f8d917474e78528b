/*
 * objdef_int.h: what objdef.c and objdef_chl.c share to build the attribute
 * table (type bits, row macros) and to reach it whole; not for use outside
 * the two.
 */
#ifndef QUIRE_OBJDEF_INT_H
#define QUIRE_OBJDEF_INT_H

#include <stddef.h>

#include "objects/objdef.h"

#define M_QMGR   OBJDEF_M(OBJDEF_QMGR)
#define M_LOCAL  OBJDEF_M(OBJDEF_QLOCAL)
#define M_ALIAS  OBJDEF_M(OBJDEF_QALIAS)
#define M_MODEL  OBJDEF_M(OBJDEF_QMODEL)
#define M_PROC   OBJDEF_M(OBJDEF_PROCESS)
#define M_TOPIC  OBJDEF_M(OBJDEF_TOPIC)
#define M_CHL    OBJDEF_M(OBJDEF_CHANNEL)
#define M_LSTR   OBJDEF_M(OBJDEF_LISTENER)
#define M_AUTH   OBJDEF_M(OBJDEF_AUTHINFO)
#define M_LM     (M_LOCAL | M_MODEL)
#define M_Q      (M_LOCAL | M_ALIAS | M_MODEL)
/* the types of objdef.c's own rows (the other three are objdef_chl.c's) */
#define M_ALL    (M_Q | M_QMGR | M_PROC | M_TOPIC)

#define OFF(f) offsetof(struct objdef, f)

#define INT_(kw, id, types, fl, lo, hi, field, dflt) \
	{ kw, NULL, id, OBJDEF_INT, fl, types, lo, hi, NULL, OFF(field), dflt, NULL }
#define ENUM_(kw, id, types, fl, vals, field, dflt) \
	{ kw, NULL, id, OBJDEF_ENUM, fl, types, 0, 0, vals, OFF(field), dflt, NULL }
#define PAIR_(kw, kwoff, id, types, vals, field, dflt) \
	{ kw, kwoff, id, OBJDEF_ENUM, 0, types, 0, 0, vals, OFF(field), dflt, NULL }
#define PAIRF_(kw, kwoff, id, types, fl, vals, field, dflt) \
	{ kw, kwoff, id, OBJDEF_ENUM, fl, types, 0, 0, vals, OFF(field), dflt, NULL }
#define STR_(kw, id, types, fl, len, field, dflt) \
	{ kw, NULL, id, OBJDEF_STR, fl, types, 0, len, NULL, OFF(field), 0, dflt }

/* Constants (OBJDEF_F_CONST): no field, never encoded, the value is the default. */
#define C_ (OBJDEF_F_RO | OBJDEF_F_CONST)
#define CINT_(kw, id, types, lo, hi, dflt) { kw, NULL, id, OBJDEF_INT, C_, types, lo, hi, NULL, 0, dflt, NULL }
#define CENUM_(kw, id, types, vals, dflt) { kw, NULL, id, OBJDEF_ENUM, C_, types, 0, 0, vals, 0, dflt, NULL }
#define CSTR_(kw, id, types, len, dflt) { kw, NULL, id, OBJDEF_STR, C_, types, 0, len, NULL, 0, 0, dflt }
/* A text held by pointer to an interned copy (OBJDEF_ISTR): the field is a const char *. */
#define ISTR_(kw, id, types, fl, len, field, dflt) \
	{ kw, NULL, id, OBJDEF_ISTR, fl, types, 0, len, NULL, OFF(field), 0, dflt }

/* The rows of channels, listeners and authentication information objects
 * (objdef_chl.c), in ascending id order; objdef.c's table reads them after
 * its own. */
extern const struct objdef_attr objdef_chl_attrs[];
extern const size_t objdef_chl_nattrs;

#endif
