/*
 * ccsid.c: the CCSID table (ccsid.h).  Only libc: libmqm links this object
 * as it links qm/proto.o.
 */
#include "qm/ccsid.h"

#include <stddef.h>

/* EB: EBCDIC (the blank is 0x40); MB: characters of more than one byte */
#define EB 1
#define MB 2
static const struct {
	MQLONG ccsid;
	const char *name;
	unsigned char flags;
} ccsids[] = {
	/* EBCDIC single-byte */
	{ 37, "IBM037", EB },    { 273, "IBM273", EB },   { 277, "IBM277", EB },   { 278, "IBM278", EB },
	{ 280, "IBM280", EB },   { 284, "IBM284", EB },   { 285, "IBM285", EB },   { 297, "IBM297", EB },
	{ 420, "IBM420", EB },   { 424, "IBM424", EB },   { 500, "IBM500", EB },   { 870, "IBM870", EB },
	{ 871, "IBM871", EB },   { 875, "IBM875", EB },     { 1025, "IBM1025", EB },
	{ 1026, "IBM1026", EB }, { 1047, "IBM1047", EB }, { 1097, "IBM1097", EB }, { 1112, "IBM1112", EB },
	{ 1122, "IBM1122", EB }, { 1123, "IBM1123", EB }, { 1140, "IBM1140", EB }, { 1141, "IBM1141", EB },
	{ 1142, "IBM1142", EB }, { 1143, "IBM1143", EB }, { 1144, "IBM1144", EB }, { 1145, "IBM1145", EB },
	{ 1146, "IBM1146", EB }, { 1147, "IBM1147", EB }, { 1148, "IBM1148", EB }, { 1149, "IBM1149", EB },
	{ 1153, "IBM1153", EB }, { 1154, "IBM1154", EB }, { 1155, "IBM1155", EB }, { 1156, "IBM1156", EB },
	{ 1157, "IBM1157", EB }, { 1158, "IBM1158", EB },
	/* EBCDIC mixed single- and double-byte (shift out / shift in) */
	{ 930, "IBM930", EB|MB },   { 933, "IBM933", EB|MB },   { 935, "IBM935", EB|MB },   { 937, "IBM937", EB|MB },
	{ 939, "IBM939", EB|MB },   { 1364, "IBM1364", EB|MB }, { 1371, "IBM1371", EB|MB }, { 1388, "IBM1388", EB|MB },
	{ 1390, "IBM1390", EB|MB }, { 1399, "IBM1399", EB|MB },
	/* ASCII-based single-byte */
	{ 367, "ASCII", 0 },    { 437, "IBM437", 0 },   { 813, "ISO-8859-7", 0 }, { 819, "ISO-8859-1", 0 },
	{ 850, "IBM850", 0 },   { 852, "IBM852", 0 },   { 856, "IBM856", 0 },   { 858, "IBM858", 0 },
	{ 862, "IBM862", 0 },   { 864, "IBM864", 0 },   { 866, "IBM866", 0 },   { 869, "IBM869", 0 },
	{ 874, "IBM874", 0 },   { 878, "KOI8-R", 0 },   { 912, "ISO-8859-2", 0 }, { 913, "ISO-8859-3", 0 },
	{ 914, "ISO-8859-4", 0 }, { 915, "ISO-8859-5", 0 }, { 916, "ISO-8859-8", 0 }, { 920, "ISO-8859-9", 0 },
	{ 921, "ISO-8859-13", 0 }, { 923, "ISO-8859-15", 0 }, { 1051, "HP-ROMAN8", 0 }, { 1089, "ISO-8859-6", 0 },
	{ 1124, "IBM1124", 0 }, { 1129, "IBM1129", 0 }, { 1133, "IBM1133", 0 },
	{ 1161, "IBM1161", 0 }, { 1162, "CP874", 0 },   { 1163, "IBM1163", 0 }, { 1164, "IBM1164", 0 },
	{ 1168, "KOI8-U", 0 },  { 1250, "CP1250", 0 },  { 1251, "CP1251", 0 },  { 1252, "CP1252", 0 },
	{ 1253, "CP1253", 0 },  { 1254, "CP1254", 0 },  { 1255, "CP1255", 0 },  { 1256, "CP1256", 0 },
	{ 1257, "CP1257", 0 },  { 1258, "CP1258", 0 },  { 5348, "CP1252", 0 },
	/* ASCII-based multi-byte */
	{ 932, "IBM932", MB },   { 943, "IBM943", MB },   { 954, "EUC-JP", MB },   { 5050, "EUC-JP", MB },
	{ 33722, "EUC-JP", MB }, { 950, "BIG5", MB },     { 964, "EUC-TW", MB },   { 970, "EUC-KR", MB },
	{ 1363, "CP949", MB },   { 1383, "EUC-CN", MB },  { 1386, "GBK", MB },     { 5488, "GB18030", MB },
	{ 1208, "UTF-8", MB },
};

int ccsid_is_utf16(MQLONG ccsid)
{
	return ccsid == 1200 || ccsid == 13488 || ccsid == 17584;
}

static int reversed(MQLONG encoding)
{
	return (encoding & MQENC_INTEGER_MASK) == MQENC_INTEGER_REVERSED;
}

const char *ccsid_iconv_name(MQLONG ccsid, MQLONG encoding)
{
	if (ccsid_is_utf16(ccsid))
		return reversed(encoding) ? "UTF-16LE" : "UTF-16BE";
	for (size_t i = 0; i < sizeof ccsids / sizeof ccsids[0]; i++)
		if (ccsids[i].ccsid == ccsid)
			return ccsids[i].name;
	return NULL;
}

int ccsid_blank(MQLONG ccsid, MQLONG encoding, unsigned char b[2])
{
	if (ccsid_is_utf16(ccsid)) {
		b[0] = reversed(encoding) ? 0x20 : 0;
		b[1] = reversed(encoding) ? 0 : 0x20;
		return 2;
	}
	for (size_t i = 0; i < sizeof ccsids / sizeof ccsids[0]; i++)
		if (ccsids[i].ccsid == ccsid) {
			b[0] = ccsids[i].flags & EB ? 0x40 : 0x20;
			return 1;
		}
	return 0;
}

int ccsid_multibyte(MQLONG ccsid)
{
	if (ccsid_is_utf16(ccsid))
		return 1;
	for (size_t i = 0; i < sizeof ccsids / sizeof ccsids[0]; i++)
		if (ccsids[i].ccsid == ccsid)
			return (ccsids[i].flags & MB) != 0;
	return 0;
}
