/*
 * convert_hdr.h: MQGET's conversion of MQ's own message formats
 * (convert_hdr.c): the headers that chain (MQDLH, MQXQH, MQRFH, MQRFH2,
 * MQCIH, MQIIH, MQDH, MQMDE, MQRMH, MQWIH) and the formats that end a
 * message (MQFMT_STRING, MQFMT_ADMIN / EVENT / PCF, MQFMT_TRIGGER,
 * MQFMT_IMS_VAR_STRING), as MQ's queue manager converts them without an exit.
 * The rules (what each header holds, what is checked, which reason for which
 * failure) are at the top of convert_hdr.c; the rules of what a get returns
 * are in mqiserv_get.c's get_data, the only caller.
 *
 *   conv_builtin(fmt)            1 for a format this file converts as a
 *                                message's first part (a header, PCF, MQTM,
 *                                IMS variable strings), 0 for the others
 *   conv_message(fmt, ccsid, enc, in, n, to, to_enc, qm_ccsid, &out)
 *       the whole message converted: MQRC_NONE and out (data to free, its
 *       length, the CCSID and Encoding its MQMD now says), or a reason and
 *       nothing allocated (the message is then returned as it is)
 *   conv_inherit(fmt, ccsid, enc, in, n, qm_ccsid, &out)
 *       a get without CONVERT: each MQCCSI_INHERIT in the headers replaced by
 *       the CCSID it stands for (MQ's rule: MQGET never returns
 *       MQCCSI_INHERIT); 1 with out when something was replaced, else 0
 */
#ifndef QUIRE_QM_SERVER_CONVERT_HDR_H
#define QUIRE_QM_SERVER_CONVERT_HDR_H

#include <stdint.h>

#include "cmqc.h"

struct conv_msg {
	void *data;        /* malloc'd */
	uint32_t len;
	MQLONG ccsid, encoding;
};

int conv_builtin(const MQCHAR *fmt);

MQLONG conv_message(const MQCHAR *fmt, MQLONG ccsid, MQLONG enc, const void *in, uint32_t n, MQLONG to,
		    MQLONG to_enc, MQLONG qm_ccsid, struct conv_msg *out);

int conv_inherit(const MQCHAR *fmt, MQLONG ccsid, MQLONG enc, const void *in, uint32_t n, MQLONG qm_ccsid,
		 struct conv_msg *out);

#endif
