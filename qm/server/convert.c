/*
 * convert.c: character data conversion for MQGMO_CONVERT (convert.h).
 *
 * A CCSID is mapped to one of glibc's iconv converters by the table below
 * (MQ's CCSIDs for the code pages people use on and with Linux: Unicode,
 * Latin ASCII ones, the Windows ones and the EBCDIC ones of z/OS and IBM i).
 * Converters are opened once per pair and kept (a small cache, reset by
 * conv_reset); the loop is the only thread that converts.
 */
#include "qm/server/convert.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	MQLONG ccsid;
	const char *name;
} ccsids[] = {
	{ 37, "IBM037" },     { 273, "IBM273" },    { 277, "IBM277" },     { 278, "IBM278" },
	{ 280, "IBM280" },    { 284, "IBM284" },    { 285, "IBM285" },     { 297, "IBM297" },
	{ 367, "ASCII" },     { 437, "IBM437" },    { 500, "IBM500" },     { 819, "ISO-8859-1" },
	{ 850, "IBM850" },    { 852, "IBM852" },    { 858, "IBM858" },     { 871, "IBM871" },
	{ 912, "ISO-8859-2" }, { 913, "ISO-8859-3" }, { 914, "ISO-8859-4" }, { 915, "ISO-8859-5" },
	{ 920, "ISO-8859-9" }, { 923, "ISO-8859-15" }, { 924, "IBM924" },  { 1047, "IBM1047" },
	{ 1140, "IBM1140" },  { 1141, "IBM1141" },  { 1142, "IBM1142" },   { 1143, "IBM1143" },
	{ 1144, "IBM1144" },  { 1145, "IBM1145" },  { 1146, "IBM1146" },   { 1147, "IBM1147" },
	{ 1148, "IBM1148" },  { 1149, "IBM1149" },  { 1208, "UTF-8" },     { 1250, "CP1250" },
	{ 1251, "CP1251" },   { 1252, "CP1252" },   { 1253, "CP1253" },    { 1254, "CP1254" },
	{ 1255, "CP1255" },   { 1256, "CP1256" },   { 1257, "CP1257" },    { 1258, "CP1258" },
	{ 5348, "CP1252" },
};

static int is_utf16(MQLONG ccsid)
{
	return ccsid == 1200 || ccsid == 13488 || ccsid == 17584;
}

const char *conv_iconv_name(MQLONG ccsid, MQLONG encoding)
{
	if (is_utf16(ccsid))
		return (encoding & MQENC_INTEGER_MASK) == MQENC_INTEGER_REVERSED ? "UTF-16LE" : "UTF-16BE";
	for (size_t i = 0; i < sizeof ccsids / sizeof ccsids[0]; i++)
		if (ccsids[i].ccsid == ccsid)
			return ccsids[i].name;
	return NULL;
}

#define CONV_CACHE 8

static struct {
	const char *from, *to;   /* the table's names: compared by address */
	iconv_t cd;
} cache[CONV_CACHE];
static unsigned cache_next;

static iconv_t converter(const char *from, const char *to)
{
	for (unsigned i = 0; i < CONV_CACHE; i++)
		if (cache[i].from == from && cache[i].to == to) {
			iconv(cache[i].cd, NULL, NULL, NULL, NULL);   /* back to the initial state */
			return cache[i].cd;
		}
	iconv_t cd = iconv_open(to, from);
	if (cd == (iconv_t)-1)
		return cd;
	unsigned k = cache_next++ % CONV_CACHE;
	if (cache[k].from)
		iconv_close(cache[k].cd);
	cache[k].from = from;
	cache[k].to = to;
	cache[k].cd = cd;
	return cd;
}

void conv_reset(void)
{
	for (unsigned i = 0; i < CONV_CACHE; i++)
		if (cache[i].from) {
			iconv_close(cache[i].cd);
			cache[i].from = cache[i].to = NULL;
		}
	cache_next = 0;
}

/* Run cd over in[0..n) into out[0..cap): 0 with *len bytes written (whole
 * characters; *stopped set when cap was reached first), or -1 for data that
 * cannot be converted. */
static int run(iconv_t cd, const void *in, size_t n, char *out, size_t cap, size_t *len, int *stopped)
{
	char *ip = (char *)(uintptr_t)in, *op = out;
	size_t il = n, ol = cap;
	*stopped = 0;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		if (errno != E2BIG)
			return -1;   /* EILSEQ, EINVAL (a character cut off at the end) */
		*stopped = 1;
	} else if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {   /* a shift back to the initial state */
		if (errno != E2BIG)
			return -1;
		*stopped = 1;
	}
	*len = (size_t)(op - out);
	return 0;
}

MQLONG conv_string(MQLONG from, MQLONG from_enc, MQLONG to, MQLONG to_enc, const void *in, uint32_t n, uint32_t cap,
		   void **out, uint32_t *outlen, uint32_t *full)
{
	*out = NULL;
	*outlen = *full = 0;
	const char *f = conv_iconv_name(from, from_enc), *t = conv_iconv_name(to, to_enc);
	if (!f)
		return MQRC_SOURCE_CCSID_ERROR;
	if (!t)
		return MQRC_TARGET_CCSID_ERROR;
	if (n == 0)
		return MQRC_NONE;
	iconv_t cd = converter(f, t);
	if (cd == (iconv_t)-1)
		return MQRC_NOT_CONVERTED;   /* this glibc lacks one of them */
	/* at most 3 bytes out for every byte in: UTF-8 from a single-byte set
	 * (a euro sign from one EBCDIC byte), UTF-16 from UTF-8 or a single-byte
	 * set 2, UTF-8 from UTF-16 1.5 */
	size_t big = (size_t)n * 3 + 16;
	char *all = malloc(big);
	if (!all)
		return MQRC_STORAGE_NOT_AVAILABLE;
	size_t len;
	int stopped;
	if (run(cd, in, n, all, big, &len, &stopped) || stopped || len > UINT32_MAX) {
		free(all);
		return MQRC_NOT_CONVERTED;
	}
	*full = (uint32_t)len;
	if (len > cap) {
		/* only the whole characters that fit in cap */
		if (run(cd, in, n, all, cap, &len, &stopped)) {
			free(all);
			return MQRC_NOT_CONVERTED;
		}
	}
	*out = all;
	*outlen = (uint32_t)len;
	return MQRC_NONE;
}
