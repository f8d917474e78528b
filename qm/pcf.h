/*
 * pcf.h: reading one PCF parameter, checked (the one reader of PCF structures:
 * libmqm's mqBufferToBag and mqGetBag, qm/mqi/mqai_pcf.c, and the command
 * server's requests, csrv/csrv.c).
 *
 * The structures are cmqcfc.h's, in the native encoding: each starts with
 * Type, StrucLength, Parameter.  pcf_read_parm checks the one at p against
 * the room left in the message before reading any field past its head, and
 * says what is wrong with MQ's reason for it (the command server answers with
 * it; the MQAI says MQRC_BAG_CONVERSION_ERROR for any of them):
 *
 *   head (8 bytes) beyond the room                MQRCCF_CFH_PARM_COUNT_ERROR
 *   StrucLength not a multiple of 4, under the
 *     structure's fixed part or beyond the room   MQRCCF_<type>_LENGTH_ERROR
 *   MQCFIN, MQCFIF, MQCFGR, MQCFIN64: StrucLength
 *     not exactly theirs                          MQRCCF_CFIN_ / CFIF_ / CFGR_LENGTH_ERROR
 *   MQCFIL / MQCFIL64: Count negative             MQRCCF_CFIL_COUNT_ERROR
 *     StrucLength not 16 + 4 (8) * Count          MQRCCF_CFIL_LENGTH_ERROR
 *   MQCFST, MQCFBS: StringLength negative or over
 *     the room                                    MQRCCF_CFST_ / CFBS_STRING_LENGTH_ERR
 *   MQCFSL: Count or StringLength negative, or
 *     Count * StringLength over the room          MQRCCF_CFSL_TOTAL_LENGTH_ERROR
 *   MQCFSF, MQCFBF: FilterValueLength negative or
 *     over the room                               MQRCCF_CFSF_ / CFBF_FILTER_VAL_LEN_ERR
 *   MQCFGR: ParameterCount negative               MQRCCF_CFGR_PARM_COUNT_ERROR
 *   any other Type                                MQRCCF_STRUCTURE_TYPE_ERROR
 *
 * A group's parameters follow it (its count in .count); the caller reads them.
 * Only libc's memcpy: linked into libmqm as proto.o is.
 */
#ifndef QUIRE_PCF_H
#define QUIRE_PCF_H

#include <stddef.h>
#include <stdint.h>

struct pcf_parm {
	int32_t type, len, id;       /* Type, StrucLength, Parameter */
	int32_t ival;                /* MQCFIN Value, MQCFIF FilterValue */
	int64_t i64;                 /* MQCFIN64 Value */
	int32_t op;                  /* filters' Operator */
	int32_t ccsid;               /* MQCFST, MQCFSL, MQCFSF CodedCharSetId */
	int32_t count;               /* MQCFIL, MQCFIL64, MQCFSL Count; MQCFGR ParameterCount */
	int32_t slen;                /* MQCFST, MQCFBS StringLength; MQCFSL each string's;
				      * MQCFSF, MQCFBF FilterValueLength */
	const unsigned char *data;   /* the string, bytes, filter value, or the list's values */
};

/* The parameter at p, with room bytes of the message left: 0 and *out, or
 * the reason (above).  out->len bytes are the parameter's. */
int32_t pcf_read_parm(const unsigned char *p, size_t room, struct pcf_parm *out);

#endif
