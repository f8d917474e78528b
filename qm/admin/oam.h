/*
 * oam.h: the object authority manager's records and its decision (issue 15).
 *
 * A record says: entity (a principal, MQZAET_PRINCIPAL, or a group,
 * MQZAET_GROUP) has authorities (MQZAO_* bits, cmqzc.h) on the objects of one
 * type (MQOT_Q, MQOT_Q_MGR, MQOT_PROCESS, MQOT_TOPIC, MQOT_NAMELIST,
 * MQOT_CHANNEL, MQOT_CLNTCONN_CHANNEL, MQOT_LISTENER, MQOT_SERVICE,
 * MQOT_AUTH_INFO, MQOT_COMM_INFO, MQOT_REMOTE_Q_MGR_NAME) whose name matches a
 * profile: an object name, or a generic profile with MQ's OAM wildcards:
 *   ?    any one character (not a '.')
 *   *    as a whole qualifier (between dots) any one qualifier; inside a
 *        qualifier any characters within it (zero or more, no '.')
 *   **   at most once; as the whole profile every name; as a qualifier zero
 *        or more qualifiers (ABC.**.XYZ, ABC.**, **.XYZ)
 * When several profiles of one entity match a name, only the most specific
 * applies (MQ's "profile priorities"): profiles are compared left to right
 * and where they first differ a plain character beats a generic one ('?'
 * beats '*', '*' beats '**'); a profile with no wildcard beats all.
 *
 * The decision (oam_authority): the union, over the principal's groups (and,
 * with SecurityPolicy=user, the principal's own records), of each entity's
 * most specific matching record.  Administrators are decided by the caller
 * (qm/server/oam_srv.c): they have every authority whatever the records say.
 *
 * The table is kept in memory: an index by (type, profile) for the records of
 * plain names (a hash) and a list per type of the generic ones.  Where the
 * records live on disk is qm/server/oam_srv.c's business (the encoding of one
 * record, oam_rec_encode/decode, is here; its layout is at the top of oam.c).
 *
 * Group membership (oam_groups): the groups of a user name from the system's
 * user and group databases (getpwnam, getgrouplist), cached by name until
 * oam_groups_flush (REFRESH SECURITY).
 */
#ifndef QUIRE_OAM_H
#define QUIRE_OAM_H

#include <stddef.h>
#include <stdint.h>

#define OAM_ENTITY_SIZE 65     /* an entity name: at most 64 characters (MQ_ENTITY_NAME_LENGTH) */
#define OAM_PROFILE_SIZE 49    /* a profile: at most 48 characters */
#define OAM_HASH 256

struct oam_rec {
	int32_t objtype;                 /* MQOT_* */
	int32_t enttype;                 /* MQZAET_PRINCIPAL or MQZAET_GROUP */
	char entity[OAM_ENTITY_SIZE];
	char profile[OAM_PROFILE_SIZE];
	uint32_t auth;                   /* MQZAO_* */
	uint8_t id[24];                  /* the MsgId of its message on the queue (oam_srv.c) */
	int generic;
	struct oam_rec *next;            /* in its hash bucket, or in its type's generic list */
};

struct oam_user;                       /* a cached group membership */

struct oam {
	struct oam_rec *hash[OAM_HASH];  /* plain profiles */
	struct oam_rec *gen;             /* generic profiles */
	size_t n;
	struct oam_user *users;          /* group membership cache */
};

void oam_init(struct oam *t);
void oam_free(struct oam *t);

/* ---- names --------------------------------------------------------------- */

/* An object type from setmqaut's -t word (queue, q, qmgr, process, prcs,
 * topic, top, namelist, nl, channel, chl, clntconn, clcn, listener, lstr,
 * service, srvc, authinfo, comminfo, rqmname, rqmn) or MQSC's OBJTYPE value
 * (QUEUE, QMGR, ...), any case: MQOT_*, or 0 when not one. */
int32_t oam_type_of(const char *word);
/* setmqaut's word for a type ("queue", "qmgr", ...). */
const char *oam_type_word(int32_t objtype);
/* MQSC's word for a type ("QUEUE", "QMGR", ...). */
const char *oam_type_mqsc(int32_t objtype);
/* The authorities a type takes (MQZAO_* bits: +all on that type is these). */
uint32_t oam_type_auths(int32_t objtype);
/* One authority word without its sign, any case ("put", "allmqi", "none"):
 * its MQZAO_* bits (MQZAO_NONE for "none"), or -1 when not one. */
int64_t oam_auth_of(const char *word);
/* The authorities of mask as words separated by sep, in MQ's order, lower
 * case (setmqaut's) or upper (MQSC's); "none" when empty. */
void oam_auth_words(uint32_t mask, int upper, const char *sep, char *out, size_t n);

/* A profile MQ accepts for a type: 0, or -1 with why (a sentence). */
int oam_profile_check(int32_t objtype, const char *profile, char *why, size_t n);
int oam_is_generic(const char *profile);
/* Does the name match the profile (the wildcards above)? */
int oam_match(const char *profile, const char *name);
/* > 0 when profile a is more specific than b, < 0 when less, 0 the same. */
int oam_specific(const char *a, const char *b);

/* ---- the table --------------------------------------------------------------- */

/* The record of exactly (type, entity type, entity, profile), or NULL. */
struct oam_rec *oam_find(const struct oam *t, int32_t objtype, int32_t enttype, const char *entity,
			 const char *profile);
/* Add a copy of r (replacing the record with the same key): 0, or -1 out of memory. */
int oam_put(struct oam *t, const struct oam_rec *r);
/* Remove the record with r's key (nothing when none). */
void oam_remove(struct oam *t, int32_t objtype, int32_t enttype, const char *entity, const char *profile);
/* Call fn for every record (in no particular order); fn returning nonzero stops. */
int oam_each(const struct oam *t, int (*fn)(const struct oam_rec *r, void *arg), void *arg);
/* The authority one entity has on (type, name) from its most specific
 * matching record (0: none; *used: that record, or NULL). */
uint32_t oam_entity_auth(const struct oam *t, int32_t objtype, int32_t enttype, const char *entity,
			 const char *name, const struct oam_rec **used);
/* The union over the groups (and, with user_policy, over principal's own
 * records) of oam_entity_auth. */
uint32_t oam_authority(const struct oam *t, int32_t objtype, const char *name, const char *principal,
		       const char *const *groups, size_t ngroups, int user_policy);

/* ---- records on disk --------------------------------------------------------- */

/* The record's bytes (malloc'd, *len), NULL out of memory. */
uint8_t *oam_rec_encode(const struct oam_rec *r, uint32_t *len);
/* 0 and *r filled (id left as it was), or -1 when the bytes are no record. */
int oam_rec_decode(const uint8_t *b, uint32_t len, struct oam_rec *r);

/* ---- group membership ---------------------------------------------------------- */

/* The groups user is in (its primary group first): a NULL-ended array of
 * names owned by the cache, valid until oam_groups_flush; *n their number.
 * A user the system does not know has none (NULL, *n 0). */
const char *const *oam_groups(struct oam *t, const char *user, size_t *n);
/* Is user in group (by the cache)? */
int oam_in_group(struct oam *t, const char *user, const char *group);
/* The primary group of user ("" when the system does not know it). */
const char *oam_primary_group(struct oam *t, const char *user);
void oam_groups_flush(struct oam *t);

#endif
