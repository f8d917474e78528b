/*
 * ccsid.h: MQ's coded character set identifiers and glibc's iconv names for
 * them (ccsid.c), shared by the queue manager's data conversion
 * (qm/server/convert.c, convert_hdr.c) and libmqm's MQXCNVC (qm/mqi/xcnvc.c).
 *
 * The table holds the CCSIDs people use on and with Linux whose character set
 * this glibc's iconv has: Unicode (1208 UTF-8; 1200, 13488 and 17584 UTF-16),
 * the Latin ASCII sets (819, 923, 1252, 437, 850 ...), the Windows and ISO
 * sets for other scripts, the single-byte EBCDIC sets of z/OS and IBM i (37,
 * 500, 273, 1047, 1140-1149 ...), and the multi-byte ones iconv knows: the
 * Japanese (932, 943, 954, 5050, 33722; the EBCDIC 930, 939, 1390, 1399),
 * Chinese (1386 GBK, 1383 EUC-CN, 5488 GB18030, 950 Big5, 964 EUC-TW; EBCDIC
 * 935, 937, 1388, 1371), Korean (970, 1363; EBCDIC 933, 1364).  A CCSID not in
 * the table is one Quire does not convert (MQ's 2111 and 2115).
 *
 * UTF-16 takes its byte order from the integer part of an Encoding, as MQ's
 * does: MQENC_INTEGER_REVERSED is little-endian, anything else big-endian.
 *
 *   ccsid_iconv_name(ccsid, encoding)   iconv's name, or NULL
 *   ccsid_is_utf16(ccsid)               1200, 13488, 17584
 *   ccsid_blank(ccsid, encoding, b)     the bytes of a blank there (1 or 2)
 *   ccsid_multibyte(ccsid)              a set with characters of more than
 *                                       one byte (DBCS, mixed, UTF-8, UTF-16)
 */
#ifndef QUIRE_QM_CCSID_H
#define QUIRE_QM_CCSID_H

#include "cmqc.h"

const char *ccsid_iconv_name(MQLONG ccsid, MQLONG encoding);
int ccsid_is_utf16(MQLONG ccsid);

/* A blank in ccsid, in b[0..return): 1 byte (0x20 in the ASCII-based sets,
 * 0x40 in EBCDIC), 2 for UTF-16 in the Encoding's byte order; 0 for a CCSID
 * not in the table. */
int ccsid_blank(MQLONG ccsid, MQLONG encoding, unsigned char b[2]);

int ccsid_multibyte(MQLONG ccsid);

#endif
