/*
 * convert.c: character data conversion for MQGMO_CONVERT (convert.h).
 *
 * A CCSID is mapped to one of glibc's iconv converters by qm/ccsid.c's table
 * (MQ's CCSIDs for the code pages people use on and with Linux: Unicode,
 * the ASCII-based and EBCDIC ones, single- and multi-byte).
 * Converters are opened once per pair and kept (a small cache, reset by
 * conv_reset); the loop is the only thread that converts.
 */
#include "qm/server/convert.h"
#include "qm/ccsid.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

const char *conv_iconv_name(MQLONG ccsid, MQLONG encoding)
{
	return ccsid_iconv_name(ccsid, encoding);
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
