/*
 * pcf.c: reading one PCF parameter, checked (pcf.h says what and why).
 */
#include "qm/pcf.h"

#include <string.h>

#include "cmqc.h"
#include "cmqcfc.h"

static int32_t rd32(const unsigned char *p)
{
	int32_t v;
	memcpy(&v, p, 4);
	return v;
}

/* StrucLength sl within room, a multiple of 4, at least fixed */
static int fits(int32_t sl, size_t room, int32_t fixed)
{
	return sl >= fixed && sl % 4 == 0 && (size_t)sl <= room;
}

int32_t pcf_read_parm(const unsigned char *p, size_t room, struct pcf_parm *o)
{
	memset(o, 0, sizeof *o);
	if (room < 8)
		return MQRCCF_CFH_PARM_COUNT_ERROR;
	o->type = rd32(p);
	o->len = rd32(p + 4);
	int32_t sl = o->len;
	switch (o->type) {
	case MQCFT_INTEGER:
		if (sl != MQCFIN_STRUC_LENGTH || room < (size_t)sl)
			return MQRCCF_CFIN_LENGTH_ERROR;
		o->id = rd32(p + 8);
		o->ival = rd32(p + 12);
		return 0;
	case MQCFT_INTEGER64:
		if (sl != MQCFIN64_STRUC_LENGTH || room < (size_t)sl)
			return MQRCCF_CFIN_LENGTH_ERROR;
		o->id = rd32(p + 8);
		memcpy(&o->i64, p + 16, 8);
		return 0;
	case MQCFT_INTEGER_LIST:
	case MQCFT_INTEGER64_LIST: {
		size_t w = o->type == MQCFT_INTEGER_LIST ? 4 : 8;
		if (!fits(sl, room, MQCFIL_STRUC_LENGTH_FIXED))
			return MQRCCF_CFIL_LENGTH_ERROR;
		o->id = rd32(p + 8);
		o->count = rd32(p + 12);
		if (o->count < 0)
			return MQRCCF_CFIL_COUNT_ERROR;
		if ((size_t)sl != MQCFIL_STRUC_LENGTH_FIXED + w * (size_t)o->count)
			return MQRCCF_CFIL_LENGTH_ERROR;
		o->data = p + MQCFIL_STRUC_LENGTH_FIXED;
		return 0;
	}
	case MQCFT_STRING:
		if (!fits(sl, room, MQCFST_STRUC_LENGTH_FIXED))
			return MQRCCF_CFST_LENGTH_ERROR;
		o->id = rd32(p + 8);
		o->ccsid = rd32(p + 12);
		o->slen = rd32(p + 16);
		if (o->slen < 0 || o->slen > sl - MQCFST_STRUC_LENGTH_FIXED)
			return MQRCCF_CFST_STRING_LENGTH_ERR;
		o->data = p + MQCFST_STRUC_LENGTH_FIXED;
		return 0;
	case MQCFT_STRING_LIST:
		if (!fits(sl, room, MQCFSL_STRUC_LENGTH_FIXED))
			return MQRCCF_CFSL_LENGTH_ERROR;
		o->id = rd32(p + 8);
		o->ccsid = rd32(p + 12);
		o->count = rd32(p + 16);
		o->slen = rd32(p + 20);
		if (o->count < 0 || o->slen < 0 ||
		    (uint64_t)o->count * (uint64_t)o->slen > (uint64_t)(sl - MQCFSL_STRUC_LENGTH_FIXED))
			return MQRCCF_CFSL_TOTAL_LENGTH_ERROR;
		o->data = p + MQCFSL_STRUC_LENGTH_FIXED;
		return 0;
	case MQCFT_BYTE_STRING:
		if (!fits(sl, room, MQCFBS_STRUC_LENGTH_FIXED))
			return MQRCCF_CFBS_LENGTH_ERROR;
		o->id = rd32(p + 8);
		o->slen = rd32(p + 12);
		if (o->slen < 0 || o->slen > sl - MQCFBS_STRUC_LENGTH_FIXED)
			return MQRCCF_CFBS_STRING_LENGTH_ERR;
		o->data = p + MQCFBS_STRUC_LENGTH_FIXED;
		return 0;
	case MQCFT_INTEGER_FILTER:
		if (sl != MQCFIF_STRUC_LENGTH || room < (size_t)sl)
			return MQRCCF_CFIF_LENGTH_ERROR;
		o->id = rd32(p + 8);
		o->op = rd32(p + 12);
		o->ival = rd32(p + 16);
		return 0;
	case MQCFT_STRING_FILTER:
		if (!fits(sl, room, MQCFSF_STRUC_LENGTH_FIXED))
			return MQRCCF_CFSF_LENGTH_ERROR;
		o->id = rd32(p + 8);
		o->op = rd32(p + 12);
		o->ccsid = rd32(p + 16);
		o->slen = rd32(p + 20);
		if (o->slen < 0 || o->slen > sl - MQCFSF_STRUC_LENGTH_FIXED)
			return MQRCCF_CFSF_FILTER_VAL_LEN_ERR;
		o->data = p + MQCFSF_STRUC_LENGTH_FIXED;
		return 0;
	case MQCFT_BYTE_STRING_FILTER:
		if (!fits(sl, room, MQCFBF_STRUC_LENGTH_FIXED))
			return MQRCCF_CFBF_LENGTH_ERROR;
		o->id = rd32(p + 8);
		o->op = rd32(p + 12);
		o->slen = rd32(p + 16);
		if (o->slen < 0 || o->slen > sl - MQCFBF_STRUC_LENGTH_FIXED)
			return MQRCCF_CFBF_FILTER_VAL_LEN_ERR;
		o->data = p + MQCFBF_STRUC_LENGTH_FIXED;
		return 0;
	case MQCFT_GROUP:
		if (sl != MQCFGR_STRUC_LENGTH || room < (size_t)sl)
			return MQRCCF_CFGR_LENGTH_ERROR;
		o->id = rd32(p + 8);
		o->count = rd32(p + 12);
		if (o->count < 0)
			return MQRCCF_CFGR_PARM_COUNT_ERROR;
		return 0;
	}
	return MQRCCF_STRUCTURE_TYPE_ERROR;
}
