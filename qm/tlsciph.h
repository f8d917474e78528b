/*
 * tlsciph.h: MQ's CipherSpec names (SSLCIPH, MQCD.SSLCipherSpec) and the TLS
 * suites they stand for, and MQ's SSLPEER patterns matched against a
 * certificate's Distinguished Name.  Shared by the queue manager (DEFINE
 * CHANNEL's check, the TLS listener: qm/server/tls.c) and libmqm's client
 * (qm/mqi/client_tls.c); only libc, linked into libmqm as ccsid.o is.
 *
 * CipherSpecs.  A name is either one suite (TLS 1.2's
 * TLS_RSA_WITH_AES_128_CBC_SHA256, ECDHE_RSA_AES_128_GCM_SHA256 ...; TLS 1.3's
 * TLS_AES_128_GCM_SHA256 ...) or an alias for a range of protocols (ANY,
 * ANY_TLS12, ANY_TLS12_OR_HIGHER, ANY_TLS13, ANY_TLS13_OR_HIGHER).  Names are
 * compared exactly (MQ's are upper case); trailing blanks are ignored (MQCHAR32
 * fields).  Names not in the table are refused: MQ's TLS 1.0 and SSL 3.0
 * CipherSpecs are deprecated and refused by MQ unless re-enabled, and Quire
 * does not re-enable them.  ANY here means TLS 1.2 or higher (MQ's ANY also
 * takes TLS 1.0 when it is enabled).
 *
 *   const struct tls_ciph *cs = tlsciph_find("ANY_TLS12_OR_HIGHER");  NULL: unknown
 *   tlsciph_ossl_list(cs, tls12, n13, tls13, n13)   OpenSSL's cipher list and
 *                                                   ciphersuites for one side
 *   tlsciph_accepts(cs, "ECDHE-RSA-AES128-GCM-SHA256", TLSCIPH_TLS12)
 *                                                   the suite a handshake chose
 *                                                   is what the channel asks for
 *
 * SSLPEER.  A pattern is a list of attribute=value pairs separated by ',' or
 * ';' (blanks around the separators ignored), the attribute types in upper
 * case from MQ's list (SERIALNUMBER, MAIL or E, UID or USERID, CN, T, OU, DC,
 * O, STREET, L, ST or SP or S, PC, C, UNSTRUCTUREDNAME, UNSTRUCTUREDADDRESS,
 * DNQ), no blank between the type and '=', a value optionally in double quotes
 * (then ',' and ';' may be in it), '*' at the start and/or end of a value as a
 * wildcard for any characters.  A DN matches when every attribute of the
 * pattern is in it with a matching value, letters compared without case;
 * attributes of the DN the pattern does not name are not looked at.  OU and DC
 * may be given more than once: the n-th OU of the pattern is matched against
 * the n-th OU of the DN (in the order the DN is written: CN first), so
 * "OU=IBM,OU=WEBSPHERE" needs at least two OUs, the first IBM, the second
 * WEBSPHERE.  The DN is the string tls_dn_string (qm/tlsctx.h) makes: MQ's
 * attribute names, most specific first ("CN=app1,OU=Test,O=Quire,C=GB").
 *
 *   struct tls_peer p;
 *   tlspeer_parse(&p, "CN=app*, O=Quire", why, sizeof why)  0, or -1 and why
 *   tlspeer_match(&p, dn)                                    1 match, 0 not
 *   tlspeer_free(&p)
 *
 * Error handling: tlspeer_parse says in why what is wrong (an unknown
 * attribute type, a missing '=', an unfinished quote, a '*' inside a value);
 * the callers turn that into MQ's refusals (AMQ8242E-style for SSLCIPH and
 * MQRCCF_SSL_PEER_NAME_ERROR for SSLPEER at DEFINE; 2393 and 2399 for a client).
 */
#ifndef QUIRE_QM_TLSCIPH_H
#define QUIRE_QM_TLSCIPH_H

#include <stddef.h>

enum {
	TLSCIPH_TLS12 = 1,          /* protocol bits */
	TLSCIPH_TLS13 = 2
};

struct tls_ciph {
	const char *name;           /* MQ's CipherSpec name */
	const char *ossl;           /* OpenSSL's name of the suite; NULL for an alias */
	unsigned hex;               /* the suite's IANA code (0 for an alias) */
	int protos;                 /* TLSCIPH_TLS12 | TLSCIPH_TLS13 it may use */
};

/* The table, in MQ's order of preference; n entries. */
const struct tls_ciph *tlsciph_table(size_t *n);

/* name with trailing blanks ignored, len bytes at most (an MQCHAR field) or a
 * C string (len (size_t)-1); NULL when not a CipherSpec Quire knows. */
const struct tls_ciph *tlsciph_find_n(const char *name, size_t len);
const struct tls_ciph *tlsciph_find(const char *name);

/* The suite with OpenSSL's name ossl (NULL: not in the table). */
const struct tls_ciph *tlsciph_by_ossl(const char *ossl);

/* OpenSSL's lists for a side that wants cs (NULL: everything in the table):
 * tls12 the TLS 1.2 cipher list ("" when none, "ECDHE-RSA-AES128-SHA256:..."),
 * tls13 the TLS 1.3 ciphersuites.  Returns the protocol bits, 0 when a buffer
 * is too small. */
int tlsciph_ossl_lists(const struct tls_ciph *cs, char *tls12, size_t n12, char *tls13, size_t n13);

/* Does a channel whose SSLCIPH is cs accept the suite a handshake chose
 * (OpenSSL's name) at protocol proto (TLSCIPH_TLS12 or TLSCIPH_TLS13)?  A
 * single suite must be that suite; an alias must cover the protocol. */
int tlsciph_accepts(const struct tls_ciph *cs, const char *ossl, int proto);

/* SSLPEER patterns */
#define TLSPEER_MAX 1024           /* MQ's SSLPEER length on Linux */

struct tls_peer_ava {
	char type[24];              /* canonical: E for MAIL, UID for USERID, ST for SP and S */
	char *value;                /* unquoted, wildcards kept */
};

struct tls_peer {
	struct tls_peer_ava *a;
	size_t n;
};

int tlspeer_parse(struct tls_peer *p, const char *pattern, char *why, size_t nwhy);
int tlspeer_match(const struct tls_peer *p, const char *dn);
void tlspeer_free(struct tls_peer *p);

/* The canonical type for a DN attribute's MQ name (e.g. "MAIL" -> "E"), or
 * NULL when MQ does not know it. */
const char *tlspeer_type(const char *type, size_t len);

#endif
