/*
 * chlauth.h: channel authentication records (CHLAUTH, issue 15): what a
 * record is, MQ's generic IP address patterns, the record's stored form, the
 * changes SET CHLAUTH makes to a set of records, and the one decision the
 * channel runtime and DISPLAY CHLAUTH MATCH(RUNCHECK) share (chl_decide).
 *
 * Pure code: no queue manager, no I/O.  The records are kept by the server
 * (qm/server/chlauth.c: persistent messages on SYSTEM.CHLAUTH.DATA.QUEUE);
 * MQSC (qm/admin/mqsc_chlauth.c) reaches them through struct mqsc_runtime.
 */
#ifndef QUIRE_CHLAUTH_H
#define QUIRE_CHLAUTH_H

#include <stddef.h>
#include <stdint.h>

/* TYPE: MQ's MQCAUT_* values */
enum { CHL_BLOCKUSER = 1, CHL_BLOCKADDR = 2, CHL_SSLPEERMAP = 3, CHL_ADDRESSMAP = 4, CHL_USERMAP = 5 };
/* USERSRC: MQUSRC_*; CHCKCLNT: MQCHK_* (ASQMGR 4, REQUIRED 3, REQDADM 2) */
enum { CHL_SRC_MAP = 0, CHL_SRC_NOACCESS = 1, CHL_SRC_CHANNEL = 2 };
enum { CHL_CHK_REQDADM = 2, CHL_CHK_REQUIRED = 3, CHL_CHK_ASQMGR = 4 };

#define CHL_PROFILE_LEN 20     /* MQ_CHANNEL_NAME_LENGTH */
#define CHL_DESCR_LEN 64       /* MQ_CHLAUTH_DESC_LENGTH */
#define CHL_USER_LEN 12        /* MQ_MCA_USER_ID_LENGTH: MCAUSER, USERLIST entries */
#define CHL_ADDR_LEN 264       /* MQ_CONN_NAME_LENGTH: ADDRESS, ADDRLIST entries */
#define CHL_DN_LEN 1024        /* MQ_CLIENT_USER_ID_LENGTH, MQ_DISTINGUISHED_NAME_LENGTH */
#define CHL_LIST_MAX 100       /* USERLIST, ADDRLIST: at most 100 entries */

struct chl_rec {
	uint8_t id[24];                    /* the server's key for the record (its message's MsgId) */
	int type;                          /* CHL_BLOCKUSER ... */
	char profile[CHL_PROFILE_LEN + 1]; /* generic channel name ('*' anywhere) */
	char descr[CHL_DESCR_LEN + 1];
	char address[CHL_ADDR_LEN + 1];    /* ADDRESS (mapping types; "" none) */
	char clntuser[CHL_DN_LEN + 1];     /* USERMAP */
	char sslpeer[CHL_DN_LEN + 1];      /* SSLPEERMAP */
	char sslcerti[CHL_DN_LEN + 1];     /* SSLPEERMAP ("" any issuer) */
	char mcauser[CHL_USER_LEN + 1];    /* USERSRC(MAP) */
	int usersrc;                       /* CHL_SRC_* (mapping types) */
	int chckclnt;                      /* CHL_CHK_* (mapping types unless NOACCESS) */
	int warn;                          /* WARN(YES) */
	int nlist;                         /* USERLIST / ADDRLIST entries */
	char (*list)[CHL_ADDR_LEN + 1];    /* malloc'd, nlist entries (NULL when none) */
	int64_t alt_ms;                    /* ALTDATE/ALTTIME (ms since the epoch) */
};

struct chl_set {
	struct chl_rec *v;
	size_t n, cap;
};

void chl_rec_free(struct chl_rec *r);            /* its list; the struct itself stays */
int chl_rec_copy(struct chl_rec *dst, const struct chl_rec *src);   /* 0, -1 out of memory */
void chl_set_free(struct chl_set *s);
/* Append a copy of r: 0, or -1 out of memory. */
int chl_set_add(struct chl_set *s, const struct chl_rec *r);
/* Remove entry i (its list freed), keeping the order of the others. */
void chl_set_del(struct chl_set *s, size_t i);

const char *chl_type_name(int type);   /* "BLOCKUSER" ..., "" when not one */
int chl_type_of(const char *word);     /* CHL_*, 0 when not one */

/* ---- generic names and addresses --------------------------------------------------- */

/* A generic name ('*' matches any run of characters, none included) matches s. */
int chl_glob(const char *pat, const char *s);
/* Could some channel name match both generic names (MATCH(ALL))? */
int chl_glob_overlap(const char *a, const char *b);
/* How specific a channel profile is: more characters that are not '*' is more specific. */
int chl_profile_rank(const char *profile);

/* MQ's generic IP address: "*", an IPv4 or IPv6 address whose parts may be
 * '*' (one or more parts) or a range "lo-hi".  0 when valid; else the
 * MQRCCF_* reason (IPADDR_ERROR, IPADDR_RANGE_ERROR) and why in err. */
int chl_addr_check(const char *pat, char *err, size_t errlen);
/* A concrete peer address (IPv4, IPv6, IPv4-mapped IPv6) matches pat. */
int chl_addr_match(const char *pat, const char *addr);
/* 1 when addr is a single address (no '*', no range): RUNCHECK's ADDRESS. */
int chl_addr_plain(const char *addr);
/* Two patterns of one profile whose ranges overlap without one holding the
 * other (MQRCCF_IPADDR_RANGE_CONFLICT). */
int chl_addr_conflict(const char *a, const char *b);

/* A DN pattern (SSLPEER's rules: attribute=value pairs, '*' at the start or
 * end of a value) is well formed: 0, or -1 with why in err. */
int chl_dn_check(const char *pat, char *err, size_t errlen);
/* Every attribute the pattern names is in dn with a matching value
 * (attribute names and values compared without regard to case). */
int chl_dn_match(const char *pat, const char *dn);

/* ---- the stored form ----------------------------------------------------------------- */

/* The record as the server stores it (layout at the top of chlauth.c),
 * malloc'd (*len); NULL out of memory. */
uint8_t *chl_encode(const struct chl_rec *r, uint32_t *len);
/* 0 and *r filled (free with chl_rec_free), or -1 when b is not a record. */
int chl_decode(const uint8_t *b, uint32_t len, struct chl_rec *r);

/* ---- the decision ---------------------------------------------------------------------- */

struct chl_input {
	const char *channel;       /* the channel's name ("" or NULL: not known yet: BLOCKADDR only) */
	const char *address;       /* the peer's IP address (text) */
	const char *clntuser;      /* the user the client asserted ("" none) */
	const char *sslpeer;       /* the certificate's subject DN (NULL: none) */
	const char *sslcerti;      /* its issuer DN (NULL: none) */
	const char *chl_mcauser;   /* the channel's MCAUSER attribute ("" or NULL: none) */
	/* is user an administrator (a member of mqm, the queue manager's owner)? */
	int (*is_admin)(void *arg, const char *user);
	void *arg;
};

enum { CHL_ALLOWED = 0, CHL_BLOCKED_ADDR = 1, CHL_BLOCKED_USER = 2, CHL_BLOCKED_NOACCESS = 3 };

struct chl_result {
	int outcome;                 /* CHL_ALLOWED or why it is blocked */
	const struct chl_rec *rule;  /* the record that blocked it (or warned), else NULL */
	int warned;                  /* a WARN(YES) record would have blocked it: allowed, to be logged */
	int warn_outcome;            /* then which CHL_BLOCKED_* it would have been */
	const struct chl_rec *map;   /* the mapping record that applied (SSLPEERMAP, USERMAP, ADDRESSMAP), or NULL */
	char mcauser[CHL_DN_LEN + 1];   /* the user the channel runs as */
	char blocked_user[CHL_DN_LEN + 1];   /* CHL_BLOCKED_USER: the user found in USERLIST */
	int chckclnt;                /* the CHCKCLNT of the mapping that applied (CHL_CHK_ASQMGR when none) */
	int mapped;                  /* a USERSRC(MAP) record set mcauser */
};

/* MQ's order: BLOCKADDR (every record of profile '*'); with no channel name
 * that is all.  Then the mapping record of the most specific channel profile
 * with one that matches (SSLPEERMAP before USERMAP before ADDRESSMAP within
 * it, then the most specific ADDRESS): USERSRC(NOACCESS) blocks, MAP sets the
 * MCAUSER, CHANNEL keeps the channel's (or, blank, the client's user).  Then
 * the BLOCKUSER record of the most specific profile that has one, against
 * the MCAUSER the channel would run as (*MQADMIN: any administrator).  A
 * record with WARN(YES) that would block is noted and passed over. */
void chl_decide(const struct chl_set *s, const struct chl_input *in, struct chl_result *r);

/* ---- SET CHLAUTH's change ------------------------------------------------------------ */

enum { CHL_ACT_ADD = 5, CHL_ACT_REPLACE = 6, CHL_ACT_REMOVE = 7, CHL_ACT_REMOVEALL = 8 };   /* MQACT_* */

/* The record a SET names matches r (the same profile, type and mapping key). */
int chl_same_key(const struct chl_rec *a, const struct chl_rec *b);

/* Apply SET CHLAUTH's action with the record it built (req: its profile,
 * type and what the command gave) to the set s, giving the records to delete
 * (indexes into s, *ndel) and the ones to write (out, a new set).
 * 0, or the MQRCCF_* reason why not with err saying so (nothing changes):
 * CHLAUTH_NOT_FOUND, CHLAUTH_ALREADY_EXISTS, CHLAUTH_MAX_EXCEEDED,
 * IPADDR_RANGE_CONFLICT; -1 out of memory. */
int chl_apply(const struct chl_set *s, const struct chl_rec *req, int action, size_t *del, size_t *ndel,
	      struct chl_set *out, char *err, size_t errlen);

/* The SET CHLAUTH ... ACTION(REPLACE) command that makes r again (dmpmqcfg),
 * one attribute a line continued with " +" or (oneline) on one line;
 * malloc'd, NULL out of memory. */
char *chl_set_text(const struct chl_rec *r, int oneline);

/* The three records crtmqm's queue manager starts with (MQ's defaults);
 * free with chl_set_free.  0, -1 out of memory. */
int chl_defaults(struct chl_set *s, int64_t now_ms);

#endif
