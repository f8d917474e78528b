/*
 * ccdt.h: client channel definitions as libmqm's client side holds them,
 * whatever they came from (an MQCD, MQSERVER, a JSON CCDT), and the readers
 * of the text forms: a connection name list and a JSON CCDT (ccdt.c, which
 * needs only libc, so the fuzz target tests/fuzz/fuzz_ccdt.c compiles it).
 */
#ifndef QUIRE_MQM_CCDT_H
#define QUIRE_MQM_CCDT_H

#include <stddef.h>

#include <cmqc.h>

#define MQM_CD_MAX_ADDRS 32         /* addresses in one connection name list */
#define MQM_HOST_MAX 255            /* a host name or address (MQ's CONNAME is 264 in all) */
#define MQM_DEFAULT_PORT 1414
#define MQM_CCDT_MAX_BYTES (4u * 1024u * 1024u)   /* a JSON CCDT larger than this is refused */
#define MQM_CCDT_MAX_DEPTH 32       /* nesting of JSON objects and arrays */

struct mqm_addr {
	char host[MQM_HOST_MAX + 1];    /* a name, an IPv4 or an IPv6 address (no brackets) */
	int port;                       /* 1..65535 */
};

/* One client-connection channel. */
struct mqm_cd {
	char channel[MQ_CHANNEL_NAME_LENGTH + 1];   /* trimmed, 1..20 characters */
	char qmgr[MQ_Q_MGR_NAME_LENGTH + 1];        /* QMNAME of a CCDT entry, "" when none */
	struct mqm_addr addr[MQM_CD_MAX_ADDRS];
	int naddr;                                  /* 1..MQM_CD_MAX_ADDRS */
	MQLONG maxmsgl;                             /* MAXMSGL (0..104857600) */
	MQLONG hbint;                               /* HBINT, seconds (0..999999) */
	MQLONG sharecnv;                            /* SHARECNV (0..999999999) */
	MQLONG weight;                              /* CLNTWGHT (0..99) */
	char cipher[MQ_SSL_CIPHER_SPEC_LENGTH + 1]; /* SSLCIPH, "" when none */
	char peer[MQ_SSL_PEER_NAME_LENGTH + 1];     /* SSLPEER, "" when none (for TLS) */
	char label[MQ_CERT_LABEL_LENGTH + 1];       /* CERTLABL, "" when none (for TLS) */
	MQLONG defrecon;                            /* DEFRECON: MQRCN_NO (0), _YES, _Q_MGR, _DISABLED */
};

/* The channel defaults of MQCD_CLIENT_CONN_DEFAULT (MAXMSGL 4 MiB, HBINT 1,
 * SHARECNV 10) in cd, with no name and no address. */
void mqm_cd_defaults(struct mqm_cd *cd);

/* A connection name list: "host(port),host,..." (len bytes of s; blanks
 * around each part are dropped).  A host is a name, an IPv4 address, an IPv6
 * address with or without brackets; no port: 1414.  0, or -1 for an empty
 * part, a port outside 1..65535 or not all digits, a host too long or with a
 * character no host has, or more than MQM_CD_MAX_ADDRS parts. */
int mqm_conname_parse(const char *s, size_t len, struct mqm_cd *cd);

/* A channel name as MQ allows it: 1..20 of A-Z a-z 0-9 . / _ %. */
int mqm_channel_name_ok(const char *s, size_t len);

/* A JSON CCDT (len bytes) -> its client-connection channels (*cds, malloc'd,
 * *n of them; entries of another "type" are skipped).  0, or -1 when the text
 * is not JSON (RFC 8259, strictly: UTF-8, no control characters in strings,
 * escapes checked, nesting at most MQM_CCDT_MAX_DEPTH; a trailing comma
 * before } or ] is accepted, as IBM's own examples have one) or an attribute
 * Quire reads has the wrong type or a value outside MQ's range: then err
 * (errn bytes) says what, and *cds is NULL. */
int mqm_ccdt_parse(const char *text, size_t len, struct mqm_cd **cds, size_t *n, char *err, size_t errn);

#endif
