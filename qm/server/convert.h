/*
 * convert.h: data conversion for MQGET with MQGMO_CONVERT (convert.c).
 *
 * What MQ's queue manager converts without an exit, here for MQFMT_STRING:
 * the message's characters from its CodedCharSetId to the one the getter's
 * MQMD names (MQCCSI_Q_MGR: the queue manager's), through iconv.  The CCSIDs
 * known are those of conv_iconv_name(); the rules for what is returned (MQ's
 * reasons 2110, 2111, 2115, 2119, 2120) are in mqiserv_get.c.
 *
 * UTF-16 (CCSIDs 1200, 13488, 17584) takes its byte order from the
 * integer part of the MQMD's Encoding, as MQ does: MQENC_INTEGER_REVERSED is
 * little-endian, anything else big-endian.
 *
 * Calling sequence:
 *   conv_string(from, from_enc, to, to_enc, in, n, cap, &out, &outlen, &full)
 *       convert n bytes; the result (malloc'd, *out) holds at most cap bytes
 *       of whole characters, *full the length of the whole result
 *   conv_reset()   close the cached converters (the queue manager's end)
 */
#ifndef QUIRE_QM_SERVER_CONVERT_H
#define QUIRE_QM_SERVER_CONVERT_H

#include <stddef.h>
#include <stdint.h>

#include "cmqc.h"

/* iconv's name for a CCSID (with the encoding, for UTF-16), or NULL when
 * Quire does not convert it. */
const char *conv_iconv_name(MQLONG ccsid, MQLONG encoding);

/* Convert in[0..n) from CCSID `from` to `to` (the encodings matter for
 * UTF-16 only).  MQRC_NONE with *out (free it;
 * NULL when n is 0) holding the first whole characters of the result that
 * fit in cap bytes, *outlen their length and *full the length of the whole
 * result; or a reason and nothing allocated:
 *   MQRC_SOURCE_CCSID_ERROR  `from` is not one Quire converts
 *   MQRC_TARGET_CCSID_ERROR  `to` is not one Quire converts
 *   MQRC_NOT_CONVERTED       the data is not valid in `from`, or a character
 *                            has no equivalent in `to`
 *   MQRC_STORAGE_NOT_AVAILABLE */
MQLONG conv_string(MQLONG from, MQLONG from_enc, MQLONG to, MQLONG to_enc, const void *in, uint32_t n, uint32_t cap,
		   void **out, uint32_t *outlen, uint32_t *full);

/* Close the converters kept open between calls. */
void conv_reset(void);

#endif
