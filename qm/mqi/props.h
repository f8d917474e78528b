/*
 * props.h: message properties inside libmqm (props.c: message handles and
 * the property verbs; rfh2.c: properties to and from an MQRFH2).
 *
 * A property list is an ordered array: MQ lets a message hold several
 * properties of one name (MQSMPO_APPEND_PROPERTY) and has a cursor into the
 * order (MQIMPO_INQ_NEXT, MQSMPO_SET_PROP_AFTER_CURSOR, ...).
 *
 * Names are kept canonical: a name with no "." is a user property and is
 * kept as "usr.<name>" (so "colour" and "usr.colour" are one property, and
 * MQPROP_INQUIRE_ALL_USR, "usr.%", finds it); the JMS names an MQI program
 * may set are kept as the MQRFH2 field they stand for (JMSCorrelationID is
 * jms.Cid, JMSReplyTo jms.Rto, JMSType mcd.Type, JMSXGroupID jms.Gid,
 * JMSXGroupSeq jms.Seq).  The part before the first "." is the MQRFH2 folder
 * the property travels in; the rest, split at each ".", the nested elements.
 *
 * Values: numbers in native byte order; MQTYPE_BOOLEAN as one byte 0 or 1;
 * strings as bytes in `ccsid` (1208 once read from an MQRFH2), no NUL.
 */
#ifndef QUIRE_MQI_PROPS_H
#define QUIRE_MQI_PROPS_H

#include <stddef.h>
#include <stdint.h>

#include <cmqc.h>

struct mqm_prop {
	char *name;                 /* canonical, NUL-terminated (namelen bytes) */
	size_t namelen;
	MQLONG type;                /* MQTYPE_* */
	uint8_t *val;               /* vlen bytes (+1, a NUL, for strings) */
	size_t vlen;
	MQLONG ccsid;               /* strings: the character set of val */
	MQLONG support, context, copy;   /* MQPD */
	char typestr[9];            /* an MQRFH2 dt Quire does not know ("" otherwise) */
};

struct mqm_props {
	struct mqm_prop *v;
	size_t n, cap;
};

/* The list: add a copy at position `at` (n: the end); 0 or MQRC_STORAGE_NOT_AVAILABLE. */
MQLONG mqm_props_insert(struct mqm_props *p, size_t at, const struct mqm_prop *src);
void mqm_props_remove(struct mqm_props *p, size_t at);
void mqm_props_clear(struct mqm_props *p);
/* A copy of every property of src whose name matches pattern (NULL: all) appended to dst. */
MQLONG mqm_props_copy(struct mqm_props *dst, const struct mqm_props *src, const char *pattern);

/* The canonical form of a name of len bytes into out (MQ_MAX_PROPERTY_NAME_LENGTH + 8
 * bytes); its length.  A trailing "%" (a wildcard) is kept. */
size_t mqm_prop_canon(const char *name, size_t len, char *out);
/* The name MQINQMP returns for canonical name (ReturnedName), as MQ: a user
 * property without "usr." (when the rest has no "."), a JMS field by its JMS
 * name (jms.Pri: JMSPriority, mcd.Type: JMSType). */
const char *mqm_prop_shown(const char *name);
/* Does canonical name match pattern (canonical, possibly ending in "%")? */
int mqm_prop_match(const char *name, const char *pattern);
/* MQ's name rules for MQSETMP with validation: 0 or MQRC_PROPERTY_NAME_ERROR.
 * raw is the name as the caller gave it. */
MQLONG mqm_prop_name_check(const char *raw, size_t len);

/* MQPD.Support (props.c's top has the rules): is canonical name an IBM
 * MQ-defined property (the folders MQ reserves: jms, mcd, Root, and any
 * beginning "mq" but mq_usr)?  Does Quire support it (every property that is
 * not MQ-defined, and the JMS ones of jms and mcd, which it carries as MQ
 * does)?  A Support value as MQ takes one it does not know: in
 * MQPD_REJECT_UNSUP_MASK REQUIRED, in MQPD_ACCEPT_UNSUP_IF_XMIT_MASK
 * REQUIRED_IF_LOCAL, otherwise OPTIONAL. */
int mqm_prop_mq_defined(const char *name);
int mqm_prop_supported(const char *name);
MQLONG mqm_prop_support(MQLONG v);

/* ------------------------------------------------------------------------ */
/* rfh2.c                                                                   */

/* MQ's dt names of the MQRFH2 (i1 i2 i4 i8 r4 r8 boolean bin.hex string). */
const char *mqm_rfh2_dt(MQLONG type);

/* Encode the properties of p whose names match pattern (NULL: all) as one
 * MQRFH2 (version 2, NameValueCCSID 1208): its integers in `enc`'s integer
 * order, Encoding, CodedCharSetId and Format of the data that follows from
 * next_enc, next_ccsid, next_fmt.  *out is malloc'd (*outlen bytes, a
 * multiple of 4); *count the properties encoded (0: *out is NULL and nothing
 * is to be written).  0, MQRC_STORAGE_NOT_AVAILABLE, or MQRC_PROPERTY_NAME_ERROR
 * for a name no XML element can carry. */
MQLONG mqm_rfh2_encode(const struct mqm_props *p, const char *pattern, MQLONG enc, MQLONG next_enc,
		       MQLONG next_ccsid, const char *next_fmt, uint8_t **out, size_t *outlen, size_t *count);

/* What one MQRFH2 at the start of a buffer says. */
struct mqm_rfh2_info {
	size_t len;                 /* StrucLength */
	MQLONG next_enc, next_ccsid;
	char next_fmt[8];
	int only_props;             /* every folder holds properties (none is psc, pscr, ...) */
};
/* Decode the MQRFH2 at buf (len bytes; its integers in enc's order, or found
 * by looking when they make no sense that way) and append its properties to
 * out (nothing is appended on failure).  0, or MQRC_RFH_FORMAT_ERROR for
 * anything malformed (lengths, XML, a character set other than UTF-8/ASCII),
 * MQRC_STORAGE_NOT_AVAILABLE. */
MQLONG mqm_rfh2_decode(const uint8_t *buf, size_t len, MQLONG enc, struct mqm_props *out,
		       struct mqm_rfh2_info *info);

#endif
