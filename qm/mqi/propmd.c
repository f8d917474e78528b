/*
 * propmd.c: the message descriptor's fields as message properties
 * ("Root.MQMD.<Field>"), as MQ names them.
 *
 * Every message handle carries a message descriptor of its own (props.c),
 * MQMD_DEFAULT at MQCRTMH but at Version 2.  A property name "Root.MQMD." and
 * the name of a field of the C declaration of MQMD, in that case
 * ("Root.MQMD.Format", "Root.MQMD.CorrelId"), stands for that field of it:
 *
 *   - MQSETMP sets the field.  Numbers (Report, MsgType, Expiry, Feedback,
 *     Encoding, CodedCharSetId, Priority, Persistence, BackoutCount,
 *     PutApplType, MsgSeqNumber, Offset, MsgFlags, OriginalLength) take an
 *     MQTYPE_INT32; text fields (Format, ReplyToQ, ReplyToQMgr,
 *     UserIdentifier, ApplIdentityData, PutApplName, PutDate, PutTime,
 *     ApplOriginData) an MQTYPE_STRING, padded with blanks to the field's
 *     length; identifiers (MsgId, CorrelId, AccountingToken, GroupId) an
 *     MQTYPE_BYTE_STRING, padded with nulls.  Another type:
 *     MQRC_PROPERTY_TYPE_ERROR (2473); a value longer than the field:
 *     MQRC_PROPERTY_VALUE_TOO_BIG (2469), nothing changed (MQ's documentation
 *     gives no reason for either; these are Quire's choice).
 *   - MQINQMP of the exact name returns the field (text with its padding, as
 *     the MQMD holds it), in that type; CONVERT_TYPE and CONVERT_VALUE as for
 *     any property.  The field is not a property of the list: "%" and other
 *     wildcards do not return it, INQ_NEXT does not step to it and the
 *     cursor does not move (MQ keeps message descriptor fields out of the
 *     MQRFH2 and says nothing of them in a wildcard inquiry).
 *   - MQDLTMP sets the field back to its MQMD_DEFAULT value (Quire's
 *     choice: MQ's documentation is silent).
 *   - StrucId and Version are not fields as properties (MQ: not accessible);
 *     another name under "Root.MQMD." is MQRC_PROPERTY_NAME_ERROR (2442).
 *
 * The handle's descriptor is what MQPUT and MQPUT1 put with when they are
 * given no MsgDesc (or MQPMO_MD_FOR_OUTPUT_ONLY), and what MQGET matches with
 * and fills when given none (verbs.c; mqi/README.md "Message properties").
 * Only libc.
 */
#include "qm/mqi/mqm_int.h"

#include <stddef.h>
#include <string.h>

#define F(name, type) { #name, offsetof(MQMD, name), sizeof(((MQMD *)0)->name), type }

static const struct mqm_mdfield fields[] = {
	F(Report, MQTYPE_INT32),           F(MsgType, MQTYPE_INT32),
	F(Expiry, MQTYPE_INT32),           F(Feedback, MQTYPE_INT32),
	F(Encoding, MQTYPE_INT32),         F(CodedCharSetId, MQTYPE_INT32),
	F(Format, MQTYPE_STRING),          F(Priority, MQTYPE_INT32),
	F(Persistence, MQTYPE_INT32),      F(MsgId, MQTYPE_BYTE_STRING),
	F(CorrelId, MQTYPE_BYTE_STRING),   F(BackoutCount, MQTYPE_INT32),
	F(ReplyToQ, MQTYPE_STRING),        F(ReplyToQMgr, MQTYPE_STRING),
	F(UserIdentifier, MQTYPE_STRING),  F(AccountingToken, MQTYPE_BYTE_STRING),
	F(ApplIdentityData, MQTYPE_STRING), F(PutApplType, MQTYPE_INT32),
	F(PutApplName, MQTYPE_STRING),     F(PutDate, MQTYPE_STRING),
	F(PutTime, MQTYPE_STRING),         F(ApplOriginData, MQTYPE_STRING),
	F(GroupId, MQTYPE_BYTE_STRING),    F(MsgSeqNumber, MQTYPE_INT32),
	F(Offset, MQTYPE_INT32),           F(MsgFlags, MQTYPE_INT32),
	F(OriginalLength, MQTYPE_INT32),
};

#define PREFIX "Root.MQMD."

int mqm_mdfield_named(const char *raw, size_t len)
{
	return len >= sizeof PREFIX - 1 && !memcmp(raw, PREFIX, sizeof PREFIX - 1);
}

const struct mqm_mdfield *mqm_mdfield_find(const char *raw, size_t len)
{
	size_t i, p = sizeof PREFIX - 1;
	if (!mqm_mdfield_named(raw, len))
		return NULL;
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (len - p == strlen(fields[i].name) && !memcmp(raw + p, fields[i].name, len - p))
			return &fields[i];
	return NULL;
}

MQLONG mqm_mdfield_set(MQMD *md, const struct mqm_mdfield *f, MQLONG type, const void *val, size_t len)
{
	char *at = (char *)md + f->off;
	if (type != f->type)
		return MQRC_PROPERTY_TYPE_ERROR;
	if (type == MQTYPE_INT32) {
		memcpy(at, val, 4);    /* MQSETMP has checked the length and the byte order */
		return 0;
	}
	if (len > f->size)
		return MQRC_PROPERTY_VALUE_TOO_BIG;
	memset(at, type == MQTYPE_STRING ? ' ' : 0, f->size);
	if (len)
		memcpy(at, val, len);
	return 0;
}

void mqm_mdfield_reset(MQMD *md, const struct mqm_mdfield *f)
{
	MQMD d = { MQMD_DEFAULT };
	memcpy((char *)md + f->off, (const char *)&d + f->off, f->size);
}

const void *mqm_mdfield_value(const MQMD *md, const struct mqm_mdfield *f)
{
	return (const char *)md + f->off;
}
