/*
 * oam.c: the authority records in memory, generic profiles, the decision,
 * and group membership (oam.h says what each does).
 *
 * A record's bytes, as oam_srv.c keeps them on SYSTEM.AUTH.DATA.QUEUE (one
 * persistent message each, Format "MQAUTREC"; integers little-endian):
 *   0   char[4]  "QAUT"
 *   4   u32      version (1)
 *   8   i32      object type (MQOT_*)
 *   12  i32      entity type (MQZAET_PRINCIPAL, MQZAET_GROUP)
 *   16  u32      authorities (MQZAO_*)
 *   20  u32 n, entity[n] (1 .. 64), u32 m, profile[m] (1 .. 48)
 * Nothing may follow; a record that does not decode is no record.
 */
#include "qm/admin/oam.h"

#include <ctype.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmqc.h"
#include "cmqzc.h"
#include "log/byteorder.h"

void oam_init(struct oam *t)
{
	memset(t, 0, sizeof *t);
}

void oam_free(struct oam *t)
{
	for (int i = 0; i < OAM_HASH; i++)
		for (struct oam_rec *r = t->hash[i], *nx; r; r = nx) {
			nx = r->next;
			free(r);
		}
	for (struct oam_rec *r = t->gen, *nx; r; r = nx) {
		nx = r->next;
		free(r);
	}
	oam_groups_flush(t);
	memset(t, 0, sizeof *t);
}

/* ---- names ----------------------------------------------------------------------- */

static const struct {
	const char *word, *alt, *mqsc;
	int32_t type;
	uint32_t auths;
} types[] = {
#define ADM (MQZAO_CREATE | MQZAO_DELETE | MQZAO_DISPLAY | MQZAO_CHANGE)
	{ "queue", "q", "QUEUE", MQOT_Q,
	  MQZAO_BROWSE | MQZAO_INPUT | MQZAO_OUTPUT | MQZAO_INQUIRE | MQZAO_SET | MQZAO_PASS_IDENTITY_CONTEXT |
		  MQZAO_PASS_ALL_CONTEXT | MQZAO_SET_IDENTITY_CONTEXT | MQZAO_SET_ALL_CONTEXT | ADM | MQZAO_CLEAR },
	{ "qmgr", NULL, "QMGR", MQOT_Q_MGR,
	  MQZAO_CONNECT | MQZAO_INQUIRE | MQZAO_SET | MQZAO_SET_IDENTITY_CONTEXT | MQZAO_SET_ALL_CONTEXT |
		  MQZAO_ALTERNATE_USER_AUTHORITY | ADM | MQZAO_CONTROL | MQZAO_SYSTEM },
	{ "process", "prcs", "PROCESS", MQOT_PROCESS, MQZAO_INQUIRE | ADM },
	{ "topic", "top", "TOPIC", MQOT_TOPIC,
	  MQZAO_PUBLISH | MQZAO_SUBSCRIBE | MQZAO_RESUME | MQZAO_PASS_IDENTITY_CONTEXT | MQZAO_PASS_ALL_CONTEXT |
		  MQZAO_SET_IDENTITY_CONTEXT | MQZAO_SET_ALL_CONTEXT | ADM | MQZAO_CLEAR | MQZAO_CONTROL },
	{ "namelist", "nl", "NAMELIST", MQOT_NAMELIST, MQZAO_INQUIRE | ADM },
	{ "channel", "chl", "CHANNEL", MQOT_CHANNEL, ADM | MQZAO_CONTROL | MQZAO_CONTROL_EXTENDED },
	{ "clntconn", "clcn", "CLNTCONN", MQOT_CLNTCONN_CHANNEL, ADM },
	{ "listener", "lstr", "LISTENER", MQOT_LISTENER, ADM | MQZAO_CONTROL },
	{ "service", "srvc", "SERVICE", MQOT_SERVICE, ADM | MQZAO_CONTROL },
	{ "authinfo", NULL, "AUTHINFO", MQOT_AUTH_INFO, MQZAO_INQUIRE | ADM },
	{ "comminfo", NULL, "COMMINFO", MQOT_COMM_INFO, ADM },
	{ "rqmname", "rqmn", "RQMNAME", MQOT_REMOTE_Q_MGR_NAME, MQZAO_OUTPUT },
#undef ADM
};
#define NTYPES (sizeof types / sizeof types[0])

int32_t oam_type_of(const char *w)
{
	for (size_t i = 0; i < NTYPES; i++)
		if (!strcasecmp(w, types[i].word) || (types[i].alt && !strcasecmp(w, types[i].alt)))
			return types[i].type;
	return 0;
}

const char *oam_type_word(int32_t t)
{
	for (size_t i = 0; i < NTYPES; i++)
		if (types[i].type == t)
			return types[i].word;
	return "unknown";
}

const char *oam_type_mqsc(int32_t t)
{
	for (size_t i = 0; i < NTYPES; i++)
		if (types[i].type == t)
			return types[i].mqsc;
	return "UNKNOWN";
}

uint32_t oam_type_auths(int32_t t)
{
	for (size_t i = 0; i < NTYPES; i++)
		if (types[i].type == t)
			return types[i].auths;
	return 0;
}

/* The authorities in the order dspmqaut and DISPLAY AUTHREC list them. */
static const struct {
	const char *word;
	uint32_t bit;
} auths[] = {
	{ "get", MQZAO_INPUT },  { "browse", MQZAO_BROWSE },  { "put", MQZAO_OUTPUT },
	{ "inq", MQZAO_INQUIRE }, { "set", MQZAO_SET },        { "connect", MQZAO_CONNECT },
	{ "altusr", MQZAO_ALTERNATE_USER_AUTHORITY },         { "passid", MQZAO_PASS_IDENTITY_CONTEXT },
	{ "passall", MQZAO_PASS_ALL_CONTEXT },                 { "setid", MQZAO_SET_IDENTITY_CONTEXT },
	{ "setall", MQZAO_SET_ALL_CONTEXT },                   { "pub", MQZAO_PUBLISH },
	{ "sub", MQZAO_SUBSCRIBE },                            { "resume", MQZAO_RESUME },
	{ "crt", MQZAO_CREATE }, { "dlt", MQZAO_DELETE },     { "chg", MQZAO_CHANGE },
	{ "dsp", MQZAO_DISPLAY }, { "clr", MQZAO_CLEAR },      { "ctrl", MQZAO_CONTROL },
	{ "ctrlx", MQZAO_CONTROL_EXTENDED },                   { "system", MQZAO_SYSTEM },
};

int64_t oam_auth_of(const char *w)
{
	for (size_t i = 0; i < sizeof auths / sizeof auths[0]; i++)
		if (!strcasecmp(w, auths[i].word))
			return auths[i].bit;
	if (!strcasecmp(w, "all"))
		return MQZAO_ALL;
	if (!strcasecmp(w, "alladm"))
		return MQZAO_ALL_ADMIN;
	if (!strcasecmp(w, "allmqi"))
		return MQZAO_ALL_MQI;
	if (!strcasecmp(w, "none"))
		return MQZAO_NONE;
	return -1;
}

void oam_auth_words(uint32_t mask, int upper, const char *sep, char *out, size_t n)
{
	size_t at = 0;
	out[0] = 0;
	for (size_t i = 0; i < sizeof auths / sizeof auths[0]; i++) {
		if (!(mask & auths[i].bit))
			continue;
		int k = snprintf(out + at, at < n ? n - at : 0, "%s%s", at ? sep : "", auths[i].word);
		if (k < 0 || at + (size_t)k >= n)
			break;
		at += (size_t)k;
	}
	if (!at)
		snprintf(out, n, "none");
	if (upper)
		for (char *p = out; *p; p++)
			*p = (char)toupper((unsigned char)*p);
}

/* ---- profiles ----------------------------------------------------------------------- */

int oam_is_generic(const char *p)
{
	return strpbrk(p, "*?") != NULL;
}

int oam_profile_check(int32_t objtype, const char *p, char *why, size_t n)
{
	(void)objtype;   /* every type's names follow MQ's object name rules */
	size_t len = strlen(p);
	if (!len) {
		snprintf(why, n, "the profile name is empty");
		return -1;
	}
	if (len > OAM_PROFILE_SIZE - 1) {
		snprintf(why, n, "the profile name is %zu characters long, more than %d", len, OAM_PROFILE_SIZE - 1);
		return -1;
	}
	int dstars = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)p[i];
		if (!isalnum(ch) && !strchr("._/%*?", ch)) {
			snprintf(why, n, "the profile name holds '%c', which no object name can hold", ch);
			return -1;
		}
		if (ch == '*' && p[i + 1] == '*') {
			if (p[i + 2] == '*') {
				snprintf(why, n, "the profile name holds '***'");
				return -1;
			}
			dstars++;
			i++;
		}
	}
	if (dstars > 1) {
		snprintf(why, n, "'**' may appear only once in a profile name");
		return -1;
	}
	return 0;
}

/* Does name (to its end) match profile p (to its end)? */
static int match_at(const char *p, const char *s)
{
	for (;;) {
		if (p[0] == '*' && p[1] == '*') {
			/* zero or more qualifiers, or (inside a qualifier) anything */
			const char *rest = p + 2;
			if (!*rest)
				return 1;
			if (*rest == '.' && (p[-1] == '.' || p[-1] == 0) && match_at(rest + 1, s))
				return 1;   /* "**." stands for no qualifier at all */
			for (const char *t = s;; t++) {
				if (match_at(rest, t))
					return 1;
				if (!*t)
					return 0;
			}
		}
		if (*p == '*') {
			for (const char *t = s;; t++) {
				if (match_at(p + 1, t))
					return 1;
				if (!*t || *t == '.')
					return 0;
			}
		}
		if (*p == '.' && p[1] == '*' && p[2] == '*' && !p[3] && !*s)
			return 1;   /* "ABC.**" matches ABC itself: zero qualifiers */
		if (!*p)
			return !*s;
		if (!*s)
			return 0;
		if (*p == '?') {
			if (*s == '.')
				return 0;
		} else if (*p != *s) {
			return 0;
		}
		p++;
		s++;
	}
}

int oam_match(const char *profile, const char *name)
{
	/* match_at looks at p[-1] for "**": give it a NUL before the profile */
	char buf[OAM_PROFILE_SIZE + 1];
	size_t n = strlen(profile);
	if (n >= OAM_PROFILE_SIZE)
		return 0;
	buf[0] = 0;
	memcpy(buf + 1, profile, n + 1);
	return match_at(buf + 1, name);
}

/* The rank of the token at p: 3 a plain character, 2 '?', 1 '*', 0 '**'; its length in *len. */
static int rank_at(const char *p, size_t *len)
{
	*len = 1;
	if (p[0] == '*' && p[1] == '*') {
		*len = 2;
		return 0;
	}
	if (*p == '*')
		return 1;
	if (*p == '?')
		return 2;
	return 3;
}

int oam_specific(const char *a, const char *b)
{
	int ga = oam_is_generic(a), gb = oam_is_generic(b);
	if (ga != gb)
		return ga ? -1 : 1;
	while (*a && *b) {
		size_t la, lb;
		int ra = rank_at(a, &la), rb = rank_at(b, &lb);
		if (ra != rb)
			return ra > rb ? 1 : -1;
		if (ra == 3 && *a != *b)
			return 0;   /* different plain characters: neither (both cannot match one name here) */
		a += la;
		b += lb;
	}
	/* one is a prefix of the other: the longer says more */
	return *a ? 1 : *b ? -1 : 0;
}

/* ---- the table ----------------------------------------------------------------------- */

static unsigned hash_of(int32_t type, const char *profile)
{
	unsigned h = 2166136261u ^ (unsigned)type;
	for (const char *p = profile; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h % OAM_HASH;
}

static int same_key(const struct oam_rec *r, int32_t objtype, int32_t enttype, const char *entity,
		    const char *profile)
{
	return r->objtype == objtype && r->enttype == enttype && !strcmp(r->entity, entity) &&
	       !strcmp(r->profile, profile);
}

static struct oam_rec **chain_of(struct oam *t, int32_t objtype, const char *profile)
{
	return oam_is_generic(profile) ? &t->gen : &t->hash[hash_of(objtype, profile)];
}

struct oam_rec *oam_find(const struct oam *t, int32_t objtype, int32_t enttype, const char *entity,
			 const char *profile)
{
	struct oam_rec *r = oam_is_generic(profile) ? t->gen : t->hash[hash_of(objtype, profile)];
	for (; r; r = r->next)
		if (same_key(r, objtype, enttype, entity, profile))
			return r;
	return NULL;
}

int oam_put(struct oam *t, const struct oam_rec *in)
{
	struct oam_rec *r = oam_find(t, in->objtype, in->enttype, in->entity, in->profile);
	if (r) {
		struct oam_rec *next = r->next;
		*r = *in;
		r->next = next;
		r->generic = oam_is_generic(r->profile);
		return 0;
	}
	if (!(r = malloc(sizeof *r)))
		return -1;
	*r = *in;
	r->generic = oam_is_generic(r->profile);
	struct oam_rec **head = chain_of(t, r->objtype, r->profile);
	r->next = *head;
	*head = r;
	t->n++;
	return 0;
}

void oam_remove(struct oam *t, int32_t objtype, int32_t enttype, const char *entity, const char *profile)
{
	for (struct oam_rec **pp = chain_of(t, objtype, profile); *pp; pp = &(*pp)->next)
		if (same_key(*pp, objtype, enttype, entity, profile)) {
			struct oam_rec *r = *pp;
			*pp = r->next;
			free(r);
			t->n--;
			return;
		}
}

int oam_each(const struct oam *t, int (*fn)(const struct oam_rec *r, void *arg), void *arg)
{
	for (int i = 0; i < OAM_HASH; i++)
		for (const struct oam_rec *r = t->hash[i]; r; r = r->next)
			if (fn(r, arg))
				return 1;
	for (const struct oam_rec *r = t->gen; r; r = r->next)
		if (fn(r, arg))
			return 1;
	return 0;
}

uint32_t oam_entity_auth(const struct oam *t, int32_t objtype, int32_t enttype, const char *entity,
			 const char *name, const struct oam_rec **used)
{
	const struct oam_rec *best = oam_find(t, objtype, enttype, entity, name);
	if (!best || oam_is_generic(name))
		for (const struct oam_rec *r = t->gen; r; r = r->next)
			if (r->objtype == objtype && r->enttype == enttype && !strcmp(r->entity, entity) &&
			    oam_match(r->profile, name) && (!best || oam_specific(r->profile, best->profile) > 0))
				best = r;
	if (used)
		*used = best;
	return best ? best->auth : 0;
}

uint32_t oam_authority(const struct oam *t, int32_t objtype, const char *name, const char *principal,
		       const char *const *groups, size_t ngroups, int user_policy)
{
	uint32_t a = 0;
	if (user_policy && principal)
		a |= oam_entity_auth(t, objtype, MQZAET_PRINCIPAL, principal, name, NULL);
	for (size_t i = 0; i < ngroups; i++)
		a |= oam_entity_auth(t, objtype, MQZAET_GROUP, groups[i], name, NULL);
	return a;
}

/* ---- records on disk ---------------------------------------------------------------- */

#define REC_MAGIC "QAUT"

uint8_t *oam_rec_encode(const struct oam_rec *r, uint32_t *len)
{
	uint32_t el = (uint32_t)strlen(r->entity), pl = (uint32_t)strlen(r->profile);
	size_t n = 28 + (size_t)el + pl;
	uint8_t *b = calloc(1, n);
	if (!b)
		return NULL;
	memcpy(b, REC_MAGIC, 4);
	put_u32(b + 4, 1);
	put_u32(b + 8, (uint32_t)r->objtype);
	put_u32(b + 12, (uint32_t)r->enttype);
	put_u32(b + 16, r->auth);
	put_u32(b + 20, el);
	memcpy(b + 24, r->entity, el);
	put_u32(b + 24 + el, pl);
	memcpy(b + 28 + el, r->profile, pl);
	*len = (uint32_t)n;
	return b;
}

int oam_rec_decode(const uint8_t *b, uint32_t len, struct oam_rec *r)
{
	if (len < 28 || memcmp(b, REC_MAGIC, 4) || get_u32(b + 4) != 1)
		return -1;
	uint32_t el = get_u32(b + 20);
	if (el < 1 || el >= OAM_ENTITY_SIZE || 28 + (size_t)el > len)
		return -1;
	uint32_t pl = get_u32(b + 24 + el);
	if (pl < 1 || pl >= OAM_PROFILE_SIZE || 28 + (size_t)el + pl != len)
		return -1;
	struct oam_rec x;
	memset(&x, 0, sizeof x);
	x.objtype = (int32_t)get_u32(b + 8);
	x.enttype = (int32_t)get_u32(b + 12);
	x.auth = get_u32(b + 16);
	memcpy(x.entity, b + 24, el);
	memcpy(x.profile, b + 28 + el, pl);
	if (memchr(x.entity, 0, el) || memchr(x.profile, 0, pl) || !oam_type_auths(x.objtype) ||
	    (x.enttype != MQZAET_PRINCIPAL && x.enttype != MQZAET_GROUP))
		return -1;
	memcpy(x.id, r->id, sizeof x.id);
	x.generic = oam_is_generic(x.profile);
	*r = x;
	return 0;
}

/* ---- group membership ----------------------------------------------------------------- */

struct oam_user {
	char name[OAM_ENTITY_SIZE];
	char **groups;          /* NULL-ended, primary first */
	size_t n;
	struct oam_user *next;
};

static void user_free(struct oam_user *u)
{
	for (size_t i = 0; i < u->n; i++)
		free(u->groups[i]);
	free(u->groups);
	free(u);
}

void oam_groups_flush(struct oam *t)
{
	for (struct oam_user *u = t->users, *nx; u; u = nx) {
		nx = u->next;
		user_free(u);
	}
	t->users = NULL;
}

static struct oam_user *user_load(const char *name)
{
	struct oam_user *u = calloc(1, sizeof *u);
	if (!u)
		return NULL;
	snprintf(u->name, sizeof u->name, "%s", name);
	char buf[16384];
	struct passwd pw, *pp = NULL;
	if (getpwnam_r(name, &pw, buf, sizeof buf, &pp) || !pp)
		return u;   /* not known: no groups */
	int ng = 64;
	gid_t *g = NULL;
	for (int tries = 0; tries < 8; tries++) {
		gid_t *ng2 = realloc(g, (size_t)ng * sizeof *g);
		if (!ng2)
			break;
		g = ng2;
		int want = ng;
		if (getgrouplist(name, pp->pw_gid, g, &want) >= 0) {
			ng = want;
			goto got;
		}
		ng = want > ng ? want : 2 * ng;
	}
	free(g);
	return u;
got:
	u->groups = calloc((size_t)ng + 1, sizeof *u->groups);
	if (!u->groups) {
		free(g);
		return u;
	}
	/* the primary group first */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < ng; i++) {
			if ((pass == 0) != (g[i] == pp->pw_gid))
				continue;
			if (pass == 0 && u->n)
				continue;
			struct group gr, *gp = NULL;
			char gb[16384];
			char num[24];
			const char *gname;
			if (!getgrgid_r(g[i], &gr, gb, sizeof gb, &gp) && gp)
				gname = gp->gr_name;
			else {
				snprintf(num, sizeof num, "%u", (unsigned)g[i]);
				gname = num;
			}
			int dup = 0;
			for (size_t k = 0; k < u->n; k++)
				dup |= !strcmp(u->groups[k], gname);
			if (!dup && (u->groups[u->n] = strdup(gname)))
				u->n++;
		}
	free(g);
	return u;
}

static struct oam_user *user_of(struct oam *t, const char *name)
{
	for (struct oam_user *u = t->users; u; u = u->next)
		if (!strcmp(u->name, name))
			return u;
	struct oam_user *u = user_load(name);
	if (u) {
		u->next = t->users;
		t->users = u;
	}
	return u;
}

const char *const *oam_groups(struct oam *t, const char *user, size_t *n)
{
	struct oam_user *u = user_of(t, user);
	*n = u ? u->n : 0;
	return u && u->groups ? (const char *const *)u->groups : NULL;
}

int oam_in_group(struct oam *t, const char *user, const char *group)
{
	size_t n;
	const char *const *g = oam_groups(t, user, &n);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(g[i], group))
			return 1;
	return 0;
}

const char *oam_primary_group(struct oam *t, const char *user)
{
	size_t n;
	const char *const *g = oam_groups(t, user, &n);
	return n ? g[0] : "";
}
