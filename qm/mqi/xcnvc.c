/*
 * xcnvc.c: the calls cmqxc.h declares for exits: MQXCNVC (convert
 * characters), MQXEP (register an API exit function) and MQXCLWLN (walk the
 * cluster workload records).
 *
 * MQXCNVC converts in the application's process, with glibc's iconv and the
 * CCSIDs of qm/ccsid.c (the queue manager converts MQGET's data with the
 * same table); it asks nothing of the queue manager, but Hconn must be a
 * connection of this process (2018).  Its rules, MQ's:
 *   - Options: MQDCC_DEFAULT_CONVERSION, MQDCC_FILL_TARGET_BUFFER,
 *     MQDCC_INT_DEFAULT_CONVERSION, one MQDCC_SOURCE_ENC_* and one
 *     MQDCC_TARGET_ENC_*; other bits 2046.  The encodings give UTF-16's byte
 *     order (NORMAL big-endian, REVERSED little-endian; NATIVE is REVERSED
 *     here); a value that is none of these is 2112 / 2116, and so is
 *     UNDEFINED for a UTF-16 CCSID;
 *   - SourceLength < 0, or odd for UTF-16: 2143; TargetLength < 0: 2144;
 *     a NULL buffer with a length: 2145 / 2146; DataLength NULL: 2010;
 *   - a CCSID not in the table: 2111 / 2115 (MQDCC_DEFAULT_CONVERSION and
 *     MQDCC_INT_DEFAULT_CONVERSION ask for the installation's default
 *     character set in its place; Quire has none configured, so they are
 *     accepted and change nothing);
 *   - a source that is not valid in a multi-byte or shifting set: 2150
 *     MQRC_DBCS_ERROR; a character that is not valid in a single-byte source,
 *     or has no equivalent in the target: 2119 MQRC_NOT_CONVERTED (MQ
 *     substitutes such characters; iconv has no substitute we could promise to
 *     be MQ's, so nothing is returned instead);
 *   - without FILL_TARGET_BUFFER: DataLength is the converted length; when it
 *     does not fit, the whole characters that do, and MQCC_WARNING 2120;
 *   - with FILL_TARGET_BUFFER: the buffer is filled exactly (DataLength ==
 *     TargetLength): blanks after a string that shrank; one that grew loses
 *     what follows its first NUL and then its trailing blanks, and when that
 *     is not enough the whole characters that fit, blanks after them, and
 *     2120; an odd TargetLength for UTF-16 is 2144.
 * MQCC_FAILED leaves the target buffer and DataLength as they were.
 *
 * MQXEP and MQXCLWLN exist only for exits the queue manager calls: an API
 * exit gets the Hconfig it passes to MQXEP in its MQAXP when the queue
 * manager initialises it, and a cluster workload exit gets the MQWXP and the
 * cache records MQXCLWLN walks.  Quire runs no API exits and no cluster
 * workload exits, so no caller can hold either: every MQXEP has an Hconfig
 * Quire never gave (MQCC_FAILED, 2280 MQRC_HCONFIG_ERROR, what MQ answers for
 * an Hconfig that is not valid), and every MQXCLWLN is a call made outside a
 * cluster workload exit (MQCC_FAILED, 2012 MQRC_ENVIRONMENT_ERROR, MQ's
 * answer for exactly that).
 */
#include "qm/mqi/mqm_int.h"
#include "qm/ccsid.h"

#include <cmqxc.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#define DCC_VALID (MQDCC_DEFAULT_CONVERSION | MQDCC_FILL_TARGET_BUFFER | MQDCC_INT_DEFAULT_CONVERSION | \
		   MQDCC_SOURCE_ENC_MASK | MQDCC_TARGET_ENC_MASK)

/* The MQENC integer order an MQDCC_*_ENC_* value (shifted down to 0, 1, 2)
 * stands for: 0 undefined, -1 not a value MQ defines. */
static MQLONG dcc_enc(MQLONG v)
{
	switch (v) {
	case 0:
		return 0;
	case 1:
		return MQENC_INTEGER_NORMAL;
	case 2:
		return MQENC_INTEGER_REVERSED;
	default:
		return -1;
	}
}

/* Run iconv from -> to over in[0..n) into out[0..cap): 0 with *len (whole
 * characters; *full set when all of the input went in), or errno's EILSEQ /
 * EINVAL for input that cannot be converted. */
static int run(iconv_t cd, const char *in, size_t n, char *out, size_t cap, size_t *len, int *full)
{
	char *ip = (char *)in, *op = out;
	size_t il = n, ol = cap;
	*full = 0;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		if (errno != E2BIG)
			return errno == EINVAL ? EINVAL : EILSEQ;
	} else if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {
		if (errno != E2BIG)
			return EILSEQ;
	} else {
		*full = 1;
	}
	*len = (size_t)(op - out);
	return 0;
}

/* Is in[0..n) valid in `from`?  (Converted to UTF-8, which holds every
 * character: a failure there is the source's.) */
static int source_valid(const char *from, const char *in, size_t n)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return 1;
	size_t cap = n * 4 + 16, len;
	char *tmp = malloc(cap);
	int full = 0, rc = tmp ? run(cd, in, n, tmp, cap, &len, &full) : 0;
	free(tmp);
	iconv_close(cd);
	return rc == 0;
}

static void blanks(PMQCHAR buf, size_t at, size_t n, MQLONG ccsid, MQLONG enc)
{
	unsigned char b[2];
	int k = ccsid_blank(ccsid, enc, b);
	for (size_t i = at; i < n; i++)
		buf[i] = (MQCHAR)(k == 2 && (i - at) % 2 ? b[1] : b[0]);
}

static MQLONG xcnvc(MQLONG opts, MQLONG sccsid, MQLONG slen, PMQCHAR src, MQLONG tccsid, MQLONG tlen, PMQCHAR dst,
		    PMQLONG pdl)
{
	if (opts & ~(MQLONG)DCC_VALID)
		return MQRC_OPTIONS_ERROR;
	MQLONG senc = dcc_enc((opts & MQDCC_SOURCE_ENC_MASK) / MQDCC_SOURCE_ENC_FACTOR);
	MQLONG tenc = dcc_enc((opts & MQDCC_TARGET_ENC_MASK) / MQDCC_TARGET_ENC_FACTOR);
	if (senc < 0 || (senc == 0 && ccsid_is_utf16(sccsid)))
		return MQRC_SOURCE_INTEGER_ENC_ERROR;
	if (tenc < 0 || (tenc == 0 && ccsid_is_utf16(tccsid)))
		return MQRC_TARGET_INTEGER_ENC_ERROR;
	if (slen < 0 || (ccsid_is_utf16(sccsid) && slen % 2))
		return MQRC_SOURCE_LENGTH_ERROR;
	if (tlen < 0)
		return MQRC_TARGET_LENGTH_ERROR;
	if (!src && slen > 0)
		return MQRC_SOURCE_BUFFER_ERROR;
	if (!dst && tlen > 0)
		return MQRC_TARGET_BUFFER_ERROR;
	if (!pdl)
		return MQRC_DATA_LENGTH_ERROR;
	const char *from = ccsid_iconv_name(sccsid, senc), *to = ccsid_iconv_name(tccsid, tenc);
	if (!from)
		return MQRC_SOURCE_CCSID_ERROR;
	if (!to)
		return MQRC_TARGET_CCSID_ERROR;
	int fill = (opts & MQDCC_FILL_TARGET_BUFFER) != 0;
	if (fill && ccsid_is_utf16(tccsid) && tlen % 2)
		return MQRC_TARGET_LENGTH_ERROR;

	iconv_t cd = iconv_open(to, from);
	if (cd == (iconv_t)-1)
		return MQRC_NOT_CONVERTED;   /* the table names a converter this glibc lacks */
	/* the whole conversion first, to see how long it is */
	size_t cap = (size_t)slen * 4 + 16, len;
	char *all = malloc(cap);
	int full;
	int e = all ? run(cd, src, (size_t)slen, all, cap, &len, &full) : ENOMEM;
	if (e == ENOMEM) {
		iconv_close(cd);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	if (e || !full) {
		free(all);
		iconv_close(cd);
		if (!source_valid(from, src, (size_t)slen))
			return ccsid_multibyte(sccsid) ? MQRC_DBCS_ERROR : MQRC_NOT_CONVERTED;
		return MQRC_NOT_CONVERTED;
	}
	size_t unit = ccsid_is_utf16(tccsid) ? 2 : 1;
	if (fill && len > (size_t)tlen) {
		/* what follows the first NUL, then trailing blanks, may go */
		unsigned char b[2];
		int bk = ccsid_blank(tccsid, tenc, b);
		for (size_t i = 0; i + unit <= len; i += unit)
			if (all[i] == 0 && (unit == 1 || all[i + 1] == 0)) {
				len = i + unit;
				break;
			}
		while (len > (size_t)tlen && len >= unit && bk == (int)unit && memcmp(all + len - unit, b, unit) == 0)
			len -= unit;
	}
	MQLONG rc = MQRC_NONE;
	if (len > (size_t)tlen) {
		/* only the whole characters that fit */
		if (run(cd, src, (size_t)slen, all, (size_t)tlen, &len, &full)) {
			free(all);
			iconv_close(cd);
			return MQRC_NOT_CONVERTED;
		}
		rc = MQRC_CONVERTED_MSG_TOO_BIG;
	}
	iconv_close(cd);
	if (len)
		memcpy(dst, all, len);
	free(all);
	if (fill) {
		blanks(dst, len, (size_t)tlen, tccsid, tenc);
		len = (size_t)tlen;
	}
	*pdl = (MQLONG)len;
	return rc;
}

void MQENTRY MQXCNVC(MQHCONN Hconn, MQLONG Options, MQLONG SourceCCSID, MQLONG SourceLength, PMQCHAR pSourceBuffer,
		     MQLONG TargetCCSID, MQLONG TargetLength, PMQCHAR pTargetBuffer, PMQLONG pDataLength,
		     PMQLONG pCompCode, PMQLONG pReason)
{
	if (!pCompCode || !pReason)
		return;
	struct mqm_conn *c;
	MQLONG rc = mqm_conn_get(Hconn, &c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	mqm_conn_put(c);
	rc = xcnvc(Options, SourceCCSID, SourceLength, pSourceBuffer, TargetCCSID, TargetLength, pTargetBuffer,
		   pDataLength);
	mqm_done(pCompCode, pReason, rc == MQRC_NONE ? MQCC_OK : rc == MQRC_CONVERTED_MSG_TOO_BIG ? MQCC_WARNING : MQCC_FAILED,
		 rc);
}

void MQENTRY MQXEP(MQHCONFIG Hconfig, MQLONG ExitReason, MQLONG Function, PMQFUNC pEntryPoint, PMQXEPO pExitOpts,
		   PMQLONG pCompCode, PMQLONG pReason)
{
	(void)Hconfig; (void)ExitReason; (void)Function; (void)pEntryPoint; (void)pExitOpts;
	if (pCompCode && pReason)
		mqm_done(pCompCode, pReason, MQCC_FAILED, MQRC_HCONFIG_ERROR);
}

void MQENTRY MQXCLWLN(PMQWXP pExitParms, MQPTR CurrentRecord, MQLONG NextOffset, PMQPTR pNextRecord,
		      PMQLONG pCompCode, PMQLONG pReason)
{
	(void)pExitParms; (void)CurrentRecord; (void)NextOffset; (void)pNextRecord;
	if (pCompCode && pReason)
		mqm_done(pCompCode, pReason, MQCC_FAILED, MQRC_ENVIRONMENT_ERROR);
}
