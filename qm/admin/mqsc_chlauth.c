/*
 * mqsc_chlauth.c: SET CHLAUTH and DISPLAY CHLAUTH (issue 15).  The records
 * and their rules are chlauth.h's; the running queue manager keeps them
 * (struct mqsc_runtime's chl_list and chl_write: qm/server/chlauth.c).
 *
 * SET CHLAUTH(profile) TYPE(t) [ACTION(ADD|REPLACE|REMOVE|REMOVEALL)] [DESCR]
 *   BLOCKUSER  USERLIST(u, ...) (up to 100 users of 12 characters; *MQADMIN: any
 *              administrator) [WARN]
 *   BLOCKADDR  profile '*'; ADDRLIST(pattern, ...) (up to 100) [WARN]
 *   ADDRESSMAP ADDRESS(pattern)
 *   USERMAP    CLNTUSER(user) [ADDRESS]
 *   SSLPEERMAP SSLPEER(DN pattern) [SSLCERTI(DN pattern)] [ADDRESS]
 *   mapping types: USERSRC(MAP (default) | NOACCESS | CHANNEL), MCAUSER (needed
 *              with MAP, refused otherwise), CHCKCLNT(ASQMGR | REQUIRED |
 *              REQDADM; not with NOACCESS), WARN(YES) only with NOACCESS.
 *   REMOVEALL takes none of USERLIST, ADDRLIST, ADDRESS, CLNTUSER, SSLPEER.
 * A keyword another TYPE takes, or a value not among a keyword's, is a
 * syntax error (AMQ8405E, as MQ's syntax diagram); a value a record cannot
 * have is AMQ8958E naming MQ's MQRCCF_* reason; AMQ8883E exists, AMQ8884E
 * not found; AMQ8877I done (logged and durable).
 *
 * DISPLAY CHLAUTH(name) [TYPE(ALL|...)] [MATCH(GENERIC|EXACT|ALL|RUNCHECK)]
 *   [ALL | attributes] [WHERE]; RUNCHECK with ADDRESS(a) CLNTUSER(u)
 *   [SSLPEER(dn) SSLCERTI(dn)]: the record chl_decide applies (the one that
 *   blocks, else the mapping), or AMQ9783I with the user the channel would
 *   run as.  AMQ8878I for each record; shown most specific profile first.
 */
#include "qm/admin/mqsc_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmqc.h"
#include "cmqcfc.h"
#include "qm/admin/chlauth.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/store/objstore.h"

static int invalid(struct mqsc_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int invalid(struct mqsc_out *o, const char *fmt, ...)
{
	char why[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	mqsc_say(o, AMQ_CHLAUTH_INVALID, why);
	return MQSC_FAILED;
}

/* kw's value: 1 (*v set, marked used), 0 absent, -1 given without a value (said). */
static int val_of(struct cmd *c, const char *kw, const char **v, struct mqsc_out *o)
{
	struct word *w = mqsc_find(c, kw);
	if (!w)
		return 0;
	if (!w->val) {
		mqsc_syntax(o, "%s needs a value in parentheses", kw);
		return -1;
	}
	w->used = 1;
	*v = w->val;
	return 1;
}

static int word_in(const char *v, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(v, list[i]))
			return i;
	return -1;
}

static int profile_ok(const char *p, struct mqsc_out *o)
{
	size_t l = strlen(p);
	if (!l || l > CHL_PROFILE_LEN)
		return mqsc_syntax(o, "channel profile '%.40s' must have 1 to %d characters", p, CHL_PROFILE_LEN);
	for (const char *s = p; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      strchr("._/%*", *s)))
			return mqsc_syntax(o, "channel profile '%s' holds '%c': a channel name has A-Z a-z 0-9 . _ / %% "
					   "and a profile '*' too", p, *s);
	return MQSC_OK;
}

/* Split a list value ("A,B") into r's list. */
static int split_list(const char *v, int type, struct chl_rec *r, struct mqsc_out *o)
{
	const char *kw = type == CHL_BLOCKUSER ? "USERLIST" : "ADDRLIST";
	size_t max = type == CHL_BLOCKUSER ? CHL_USER_LEN : CHL_ADDR_LEN;
	int n = 0;
	for (const char *p = v; *p; p++)
		n += *p == ',';
	n += *v != 0;
	if (n > CHL_LIST_MAX)
		return invalid(o, "%s has %d entries; at most %d (MQRCCF_CHLAUTH_MAX_EXCEEDED)", kw, n, CHL_LIST_MAX);
	if (!n)
		return MQSC_OK;
	r->list = calloc((size_t)n, sizeof *r->list);
	if (!r->list)
		return mqsc_oom(o);
	const char *p = v;
	for (int i = 0; i < n; i++) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (!l)
			return mqsc_syntax(o, "%s has an empty entry", kw);
		if (l > max)
			return invalid(o, "the %s entry '%.*s' is longer than %zu characters", kw, (int)(l > 64 ? 64 : l), p,
				       max);
		memcpy(r->list[r->nlist], p, l);
		r->list[r->nlist][l] = 0;
		r->nlist++;
		if (type == CHL_BLOCKADDR) {
			char err[300];
			int rc = chl_addr_check(r->list[i], err, sizeof err);
			if (rc)
				return invalid(o, "%s (%s)", err,
					       rc == MQRCCF_IPADDR_RANGE_ERROR ? "MQRCCF_IPADDR_RANGE_ERROR" : "MQRCCF_IPADDR_ERROR");
		} else if (r->list[i][0] == '*' && strcmp(r->list[i], "*MQADMIN")) {
			return invalid(o, "USERLIST entry '%s': the only special value is *MQADMIN", r->list[i]);
		}
		p = e ? e + 1 : p + l;
	}
	return MQSC_OK;
}

static const char *const usersrc_words[] = { "MAP", "NOACCESS", "CHANNEL", NULL };
static const char *const chk_words[] = { "REQDADM", "REQUIRED", "ASQMGR", NULL };   /* index + 2 = MQCHK_* */

static int exec_set(const struct mqsc_runtime *rt, struct cmd *c, const char *name, struct mqsc_out *o)
{
	int rc = profile_ok(name, o);
	if (rc)
		return rc;
	const char *v = NULL;
	int g = val_of(c, "TYPE", &v, o);
	if (g < 0)
		return MQSC_SYNTAX;
	if (!g)
		return mqsc_syntax(o, "SET CHLAUTH needs TYPE(BLOCKUSER | BLOCKADDR | SSLPEERMAP | ADDRESSMAP | USERMAP)");
	int type = chl_type_of(v);
	if (!type && !strcmp(v, "QMGRMAP"))
		return mqsc_syntax(o, "TYPE(QMGRMAP) is not served: this queue manager has no queue manager channels");
	if (!type)
		return mqsc_syntax(o, "TYPE(%s) is not one of BLOCKUSER, BLOCKADDR, SSLPEERMAP, ADDRESSMAP, USERMAP", v);
	int action = CHL_ACT_ADD;
	if ((g = val_of(c, "ACTION", &v, o)) < 0)
		return MQSC_SYNTAX;
	if (g) {
		static const char *const acts[] = { "ADD", "REPLACE", "REMOVE", "REMOVEALL", NULL };
		int k = word_in(v, acts);
		if (k < 0)
			return mqsc_syntax(o, "ACTION(%s) is not one of ADD, REPLACE, REMOVE, REMOVEALL", v);
		action = CHL_ACT_ADD + k;
	}
	int mapping = type != CHL_BLOCKUSER && type != CHL_BLOCKADDR;
	if (type == CHL_BLOCKADDR && strcmp(name, "*"))
		return invalid(o, "TYPE(BLOCKADDR) needs the channel profile '*' (MQRCCF_CHLAUTH_NAME_ERROR)");
	/* which keywords this type takes */
	static const struct { const char *kw; unsigned types; } kws[] = {
		{ "USERLIST", 1u << CHL_BLOCKUSER }, { "ADDRLIST", 1u << CHL_BLOCKADDR },
		{ "ADDRESS", 1u << CHL_ADDRESSMAP | 1u << CHL_USERMAP | 1u << CHL_SSLPEERMAP },
		{ "CLNTUSER", 1u << CHL_USERMAP }, { "SSLPEER", 1u << CHL_SSLPEERMAP }, { "SSLCERTI", 1u << CHL_SSLPEERMAP },
		{ "USERSRC", 1u << CHL_ADDRESSMAP | 1u << CHL_USERMAP | 1u << CHL_SSLPEERMAP },
		{ "MCAUSER", 1u << CHL_ADDRESSMAP | 1u << CHL_USERMAP | 1u << CHL_SSLPEERMAP },
		{ "CHCKCLNT", 1u << CHL_ADDRESSMAP | 1u << CHL_USERMAP | 1u << CHL_SSLPEERMAP },
	};
	for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++)
		if (mqsc_find(c, kws[i].kw) && !(kws[i].types & (1u << type)))
			return mqsc_syntax(o, "%s is not valid with TYPE(%s)", kws[i].kw, chl_type_name(type));
	struct chl_rec req;
	memset(&req, 0, sizeof req);
	req.type = type;
	snprintf(req.profile, sizeof req.profile, "%s", name);
	req.usersrc = CHL_SRC_MAP;
	req.chckclnt = CHL_CHK_ASQMGR;
	req.alt_ms = (int64_t)time(NULL) * 1000;
	int given_src = 0, given_chk = 0, given_mca = 0;
	static const char *const keyed[] = { "USERLIST", "ADDRLIST", "ADDRESS", "CLNTUSER", "SSLPEER", NULL };
	if (action == CHL_ACT_REMOVEALL)
		for (int i = 0; keyed[i]; i++)
			if (mqsc_find(c, keyed[i]))
				return mqsc_syntax(o, "ACTION(REMOVEALL) cannot be given %s", keyed[i]);
	rc = MQSC_OK;
	if ((g = val_of(c, "DESCR", &v, o)) < 0)
		rc = MQSC_SYNTAX;
	else if (g && strlen(v) > CHL_DESCR_LEN)
		rc = invalid(o, "DESCR has %zu characters; at most %d", strlen(v), CHL_DESCR_LEN);
	else if (g)
		snprintf(req.descr, sizeof req.descr, "%s", v);
	if (!rc && (g = val_of(c, "WARN", &v, o)) != 0) {
		if (g < 0 || (strcmp(v, "YES") && strcmp(v, "NO")))
			rc = g < 0 ? MQSC_SYNTAX : mqsc_syntax(o, "WARN(%s) is not YES or NO", v);
		else
			req.warn = !strcmp(v, "YES");
	}
	if (!rc && (g = val_of(c, type == CHL_BLOCKUSER ? "USERLIST" : "ADDRLIST", &v, o)) != 0 && !mapping)
		rc = g < 0 ? MQSC_SYNTAX : split_list(v, type, &req, o);
	if (!rc && !mapping && action != CHL_ACT_REMOVEALL && !req.nlist && action != CHL_ACT_REPLACE)
		rc = mqsc_syntax(o, "TYPE(%s) needs %s", chl_type_name(type), type == CHL_BLOCKUSER ? "USERLIST" : "ADDRLIST");
	if (!rc && mapping) {
		char err[300];
		if ((g = val_of(c, "ADDRESS", &v, o)) < 0)
			rc = MQSC_SYNTAX;
		else if (g) {
			int ar = chl_addr_check(v, err, sizeof err);
			if (ar)
				rc = invalid(o, "ADDRESS: %s (%s)", err,
					     ar == MQRCCF_IPADDR_RANGE_ERROR ? "MQRCCF_IPADDR_RANGE_ERROR" : "MQRCCF_IPADDR_ERROR");
			else
				snprintf(req.address, sizeof req.address, "%s", v);
		} else if (type == CHL_ADDRESSMAP && action != CHL_ACT_REMOVEALL)
			rc = mqsc_syntax(o, "TYPE(ADDRESSMAP) needs ADDRESS");
		if (!rc && type == CHL_USERMAP) {
			if ((g = val_of(c, "CLNTUSER", &v, o)) < 0)
				rc = MQSC_SYNTAX;
			else if (!g && action != CHL_ACT_REMOVEALL)
				rc = mqsc_syntax(o, "TYPE(USERMAP) needs CLNTUSER");
			else if (g && (!*v || strlen(v) > CHL_DN_LEN))
				rc = invalid(o, "CLNTUSER must have 1 to %d characters (MQRCCF_CHLAUTH_CLNTUSER_ERROR)",
					     CHL_DN_LEN);
			else if (g)
				snprintf(req.clntuser, sizeof req.clntuser, "%s", v);
		}
		if (!rc && type == CHL_SSLPEERMAP) {
			if ((g = val_of(c, "SSLPEER", &v, o)) < 0)
				rc = MQSC_SYNTAX;
			else if (!g && action != CHL_ACT_REMOVEALL)
				rc = mqsc_syntax(o, "TYPE(SSLPEERMAP) needs SSLPEER");
			else if (g && (strlen(v) > CHL_DN_LEN || chl_dn_check(v, err, sizeof err)))
				rc = invalid(o, "SSLPEER: %s", strlen(v) > CHL_DN_LEN ? "longer than 1024 characters" : err);
			else if (g)
				snprintf(req.sslpeer, sizeof req.sslpeer, "%s", v);
			if (!rc && (g = val_of(c, "SSLCERTI", &v, o)) != 0) {
				if (g < 0)
					rc = MQSC_SYNTAX;
				else if (strlen(v) > CHL_DN_LEN || (*v && chl_dn_check(v, err, sizeof err)))
					rc = invalid(o, "SSLCERTI: %s", strlen(v) > CHL_DN_LEN ? "longer than 1024 characters" : err);
				else
					snprintf(req.sslcerti, sizeof req.sslcerti, "%s", v);
			}
		}
		if (!rc && (g = val_of(c, "USERSRC", &v, o)) != 0) {
			int k = g > 0 ? word_in(v, usersrc_words) : -1;
			if (k < 0)
				rc = g < 0 ? MQSC_SYNTAX : mqsc_syntax(o, "USERSRC(%s) is not MAP, NOACCESS or CHANNEL", v);
			else {
				req.usersrc = k;
				given_src = 1;
			}
		}
		if (!rc && (g = val_of(c, "CHCKCLNT", &v, o)) != 0) {
			int k = g > 0 ? word_in(v, chk_words) : -1;
			if (k < 0)
				rc = g < 0 ? MQSC_SYNTAX : mqsc_syntax(o, "CHCKCLNT(%s) is not ASQMGR, REQUIRED or REQDADM", v);
			else {
				req.chckclnt = k + 2;
				given_chk = 1;
			}
		}
		if (!rc && (g = val_of(c, "MCAUSER", &v, o)) != 0) {
			if (g < 0)
				rc = MQSC_SYNTAX;
			else if (strlen(v) > CHL_USER_LEN)
				rc = invalid(o, "MCAUSER has %zu characters; at most %d", strlen(v), CHL_USER_LEN);
			else {
				snprintf(req.mcauser, sizeof req.mcauser, "%s", v);
				given_mca = 1;
			}
		}
		int adding = action == CHL_ACT_ADD || action == CHL_ACT_REPLACE;
		if (!rc && adding && req.usersrc == CHL_SRC_MAP && !req.mcauser[0])
			rc = invalid(o, "USERSRC(MAP) needs MCAUSER, the user the channel is to run as "
				     "(MQRCCF_CHLAUTH_USERSRC_ERROR)");
		if (!rc && given_mca && req.usersrc != CHL_SRC_MAP)
			rc = invalid(o, "MCAUSER is valid only with USERSRC(MAP) (MQRCCF_CHLAUTH_USERSRC_ERROR)");
		if (!rc && req.warn && req.usersrc != CHL_SRC_NOACCESS)
			rc = invalid(o, "WARN(YES) on a mapping record needs USERSRC(NOACCESS) (MQRCCF_CHLAUTH_WARN_ERROR)");
		if (!rc && given_chk && req.usersrc == CHL_SRC_NOACCESS)
			rc = invalid(o, "CHCKCLNT is not valid with USERSRC(NOACCESS) (MQRCCF_CHLAUTH_CHKCLI_ERROR)");
		(void)given_src;
	}
	if (!rc)
		rc = mqsc_rest_unused(c, "SET CHLAUTH", o);
	if (!rc && (!rt || !rt->chl_list || !rt->chl_write)) {
		mqsc_say(o, AMQ_QUIRE_ERROR, "channel authentication records need the running queue manager");
		rc = MQSC_FAILED;
	}
	if (rc) {
		chl_rec_free(&req);
		return rc;
	}
	struct chl_set s, add;
	if (rt->chl_list(rt->arg, &s)) {
		chl_rec_free(&req);
		mqsc_say(o, AMQ_QUIRE_ERROR, "the channel authentication records cannot be read (SYSTEM.CHLAUTH.DATA.QUEUE)");
		return MQSC_FAILED;
	}
	size_t *del = malloc((s.n + 1) * sizeof *del), ndel = 0;
	char err[600];
	int ar = del ? chl_apply(&s, &req, action, del, &ndel, &add, err, sizeof err) : -1;
	chl_rec_free(&req);
	if (ar == -1) {
		free(del);
		chl_set_free(&s);
		return mqsc_oom(o);
	}
	if (ar == MQRCCF_CHLAUTH_NOT_FOUND || ar == MQRCCF_CHLAUTH_ALREADY_EXISTS) {
		mqsc_say(o, ar == MQRCCF_CHLAUTH_NOT_FOUND ? AMQ_CHLAUTH_NOT_FOUND : AMQ_CHLAUTH_EXISTS, NULL);
		rc = MQSC_FAILED;
	} else if (ar) {
		rc = invalid(o, "%s (%s)", err,
			     ar == MQRCCF_CHLAUTH_MAX_EXCEEDED ? "MQRCCF_CHLAUTH_MAX_EXCEEDED" : "MQRCCF_IPADDR_RANGE_CONFLICT");
	} else {
		uint8_t (*ids)[24] = malloc((ndel + 1) * sizeof *ids);
		if (!ids)
			rc = mqsc_oom(o);
		for (size_t i = 0; !rc && i < ndel; i++)
			memcpy(ids[i], s.v[del[i]].id, 24);
		int wr = rc || (!ndel && !add.n) ? 0 : rt->chl_write(rt->arg, (const uint8_t (*)[24])ids, ndel, &add);
		free(ids);
		if (!rc && wr == MQRC_UNKNOWN_OBJECT_NAME) {
			mqsc_say(o, AMQ_OBJECT_NOT_FOUND, "SYSTEM.CHLAUTH.DATA.QUEUE");
			rc = MQSC_FAILED;
		} else if (!rc && wr) {
			char why[96];
			snprintf(why, sizeof why, "the records could not be written (reason %d)", wr);
			mqsc_say(o, AMQ_QUIRE_ERROR, why);
			rc = MQSC_FAILED;
		} else if (!rc) {
			mqsc_say(o, AMQ_CHLAUTH_SET, NULL);
		}
	}
	free(del);
	chl_set_free(&add);
	chl_set_free(&s);
	return rc;
}

/* ---- DISPLAY ------------------------------------------------------------------------------ */

static int valid_attr(const char *kw)
{
	static const char *const a[] = { "CHLAUTH", "TYPE", "DESCR", "CUSTOM", "ADDRESS", "ADDRLIST", "USERLIST",
					 "CLNTUSER", "SSLPEER", "SSLCERTI", "MCAUSER", "USERSRC", "CHCKCLNT", "WARN",
					 "ALTDATE", "ALTTIME", NULL };
	return mqsc_kw_in(kw, a);
}

static void list_text(const struct chl_rec *r, char *buf, size_t n)
{
	size_t at = 0;
	buf[0] = 0;
	for (int i = 0; i < r->nlist && at < n; i++)
		at += (size_t)snprintf(buf + at, n - at, "%s%s", i ? "," : "", r->list[i]);
}

/* The record's items: with all, in MQ's order; else the ones always shown first (*nkey of them). */
static void rec_items(const struct chl_rec *r, int all, struct items *it, size_t *nkey)
{
	int t = r->type, map = t != CHL_BLOCKUSER && t != CHL_BLOCKADDR;
	char date[16], tm[16];
	mqsc_date_time(r->alt_ms, date, tm);
	char *lt = malloc(CHL_LIST_MAX * (CHL_ADDR_LEN + 1) + 1);
	if (lt)
		list_text(r, lt, CHL_LIST_MAX * (CHL_ADDR_LEN + 1) + 1);
	const char *src = r->usersrc == CHL_SRC_NOACCESS ? "NOACCESS" : r->usersrc == CHL_SRC_CHANNEL ? "CHANNEL" : "MAP";
	const char *chk = r->chckclnt == CHL_CHK_REQUIRED ? "REQUIRED" : r->chckclnt == CHL_CHK_REQDADM ? "REQDADM" : "ASQMGR";
	items_add(it, "CHLAUTH", "%s", r->profile);
	items_add(it, "TYPE", "%s", chl_type_name(t));
	if (!all) {
		/* always shown: MQ's "always returned" of each type */
		if (!map)
			items_add(it, t == CHL_BLOCKUSER ? "USERLIST" : "ADDRLIST", "%s", lt ? lt : "");
		if (t == CHL_SSLPEERMAP)
			items_add(it, "SSLPEER", "%s", r->sslpeer);
		if (t == CHL_USERMAP)
			items_add(it, "CLNTUSER", "%s", r->clntuser);
		if (map && r->address[0])
			items_add(it, "ADDRESS", "%s", r->address);
		if (map && r->mcauser[0])
			items_add(it, "MCAUSER", "%s", r->mcauser);
		if (map)
			items_add(it, "USERSRC", "%s", src);
		if (r->warn)
			items_add(it, "WARN", "YES");
		*nkey = it->n;
		/* the others, when named */
		items_add(it, "DESCR", "%s", r->descr);
		items_add(it, "CUSTOM", "%s", "");
		if (t == CHL_SSLPEERMAP)
			items_add(it, "SSLCERTI", "%s", r->sslcerti);
		if (map && !r->address[0])
			items_add(it, "ADDRESS", "%s", "");
		if (map && !r->mcauser[0])
			items_add(it, "MCAUSER", "%s", "");
		if (!r->warn && (!map || r->usersrc == CHL_SRC_NOACCESS))
			items_add(it, "WARN", "NO");
		if (map && r->usersrc != CHL_SRC_NOACCESS)
			items_add(it, "CHCKCLNT", "%s", chk);
		items_add(it, "ALTDATE", "%s", date);
		items_add(it, "ALTTIME", "%s", tm);
		free(lt);
		return;
	}
	items_add(it, "DESCR", "%s", r->descr);
	items_add(it, "CUSTOM", "%s", "");
	if (t == CHL_SSLPEERMAP) {
		items_add(it, "SSLPEER", "%s", r->sslpeer);
		items_add(it, "SSLCERTI", "%s", r->sslcerti);
	}
	if (t == CHL_USERMAP)
		items_add(it, "CLNTUSER", "%s", r->clntuser);
	if (map)
		items_add(it, "ADDRESS", "%s", r->address);
	if (!map)
		items_add(it, t == CHL_BLOCKUSER ? "USERLIST" : "ADDRLIST", "%s", lt ? lt : "");
	if (map) {
		items_add(it, "USERSRC", "%s", src);
		if (r->usersrc == CHL_SRC_MAP)
			items_add(it, "MCAUSER", "%s", r->mcauser);
	}
	if (!map || r->usersrc == CHL_SRC_NOACCESS)
		items_add(it, "WARN", "%s", r->warn ? "YES" : "NO");
	if (map && r->usersrc != CHL_SRC_NOACCESS)
		items_add(it, "CHCKCLNT", "%s", chk);
	items_add(it, "ALTDATE", "%s", date);
	items_add(it, "ALTTIME", "%s", tm);
	*nkey = it->n;
	free(lt);
}

static int show_rec(const struct display *d, const struct chl_rec *r, struct mqsc_out *o)
{
	struct items it = { 0 };
	size_t nkey = 0;
	rec_items(r, d->all, &it, &nkey);
	int shown = 0;
	if (it.oom) {
		items_free(&it);
		return -1;
	}
	if (display_match(d, &it)) {
		mqsc_say(o, AMQ_DISPLAY_CHLAUTH, NULL);
		display_show(d, &it, nkey, o);
		shown = 1;
	}
	items_free(&it);
	return shown;
}

static const struct chl_set *sort_set;

static int by_rank(const void *a, const void *b)
{
	const struct chl_rec *x = &sort_set->v[*(const size_t *)a], *y = &sort_set->v[*(const size_t *)b];
	int d = chl_profile_rank(y->profile) - chl_profile_rank(x->profile);
	if (!d)
		d = strcmp(x->profile, y->profile);
	if (!d)
		d = x->type - y->type;
	if (!d)
		d = *(const size_t *)a < *(const size_t *)b ? -1 : 1;
	return d;
}

static int rt_admin(void *arg, const char *user)
{
	const struct mqsc_runtime *rt = arg;
	return rt->chl_is_admin ? rt->chl_is_admin(rt->arg, user) : 0;
}

/* The MCAUSER of channel name's definition ("" when none or no such channel). */
static void channel_mcauser(struct objstore *os, const char *name, char *out, size_t n)
{
	out[0] = 0;
	if (!os || strlen(name) > CHL_PROFILE_LEN || !objcat_find(&os->cat, OBJDEF_CHANNEL, name))
		return;
	struct objdef *def = malloc(sizeof *def);
	char err[256];
	if (def && objstore_load(os, OBJDEF_CHANNEL, name, def, err, sizeof err) == QM_OK)
		snprintf(out, n, "%s", def->mca_user_id);
	free(def);
}

static int exec_display(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *name,
			struct mqsc_out *o)
{
	if (strlen(name) > CHL_PROFILE_LEN)
		return mqsc_syntax(o, "channel profile '%.40s' has more than %d characters", name, CHL_PROFILE_LEN);
	const char *v = NULL;
	int type = 0, match = MQMATCH_GENERIC, g;
	if ((g = val_of(c, "TYPE", &v, o)) < 0)
		return MQSC_SYNTAX;
	if (g && strcmp(v, "ALL") && !(type = chl_type_of(v)))
		return mqsc_syntax(o, "TYPE(%s) is not ALL, BLOCKUSER, BLOCKADDR, SSLPEERMAP, ADDRESSMAP or USERMAP", v);
	if ((g = val_of(c, "MATCH", &v, o)) < 0)
		return MQSC_SYNTAX;
	if (g) {
		static const char *const m[] = { "GENERIC", "RUNCHECK", "EXACT", "ALL", NULL };
		if ((match = word_in(v, m)) < 0)
			return mqsc_syntax(o, "MATCH(%s) is not GENERIC, EXACT, ALL or RUNCHECK", v);
	}
	/* RUNCHECK's inputs: ADDRESS, CLNTUSER, SSLPEER, SSLCERTI with values */
	static const char *const inkw[] = { "ADDRESS", "CLNTUSER", "SSLPEER", "SSLCERTI" };
	const char *inv[4] = { NULL, NULL, NULL, NULL };
	for (int i = 0; i < 4; i++) {
		struct word *w = mqsc_find(c, inkw[i]);
		if (!w || !w->val)
			continue;
		if (match != MQMATCH_RUNCHECK)
			return mqsc_syntax(o, "%s(value) is valid only with MATCH(RUNCHECK)", inkw[i]);
		w->used = 1;
		inv[i] = w->val;
	}
	if (match == MQMATCH_RUNCHECK) {
		if (strchr(name, '*'))
			return invalid(o, "MATCH(RUNCHECK) needs a channel name, not a generic one "
				       "(MQRCCF_CHLAUTH_RUNCHECK_ERROR)");
		if (type)
			return invalid(o, "MATCH(RUNCHECK) needs TYPE(ALL) (MQRCCF_WRONG_CHLAUTH_TYPE)");
		if (!inv[0] || !chl_addr_plain(inv[0]))
			return invalid(o, "MATCH(RUNCHECK) needs ADDRESS with one IP address, not a pattern or host name "
				       "(MQRCCF_CHLAUTH_RUNCHECK_ERROR)");
		if (!inv[1])
			return invalid(o, "MATCH(RUNCHECK) needs CLNTUSER, the user the client asserts "
				       "(MQRCCF_CHLAUTH_RUNCHECK_ERROR)");
		if ((inv[2] && strchr(inv[2], '*')) || (inv[3] && strchr(inv[3], '*')))
			return invalid(o, "MATCH(RUNCHECK) takes SSLPEER and SSLCERTI without '*' "
				       "(MQRCCF_CHLAUTH_RUNCHECK_ERROR)");
	}
	struct display d;
	int rc = display_prepare(c, &d, !strchr(name, '*'), valid_attr, o);
	if (rc)
		return rc;
	if (!rt || !rt->chl_list) {
		mqsc_say(o, AMQ_QUIRE_ERROR, "channel authentication records need the running queue manager");
		return MQSC_FAILED;
	}
	if (match == MQMATCH_RUNCHECK && rt->chl_enabled && !rt->chl_enabled(rt->arg))
		return invalid(o, "the queue manager's CHLAUTH attribute is DISABLED: no record is used "
			       "(MQRCCF_CHLAUTH_DISABLED)");
	struct chl_set s;
	if (rt->chl_list(rt->arg, &s)) {
		mqsc_say(o, AMQ_QUIRE_ERROR, "the channel authentication records cannot be read (SYSTEM.CHLAUTH.DATA.QUEUE)");
		return MQSC_FAILED;
	}
	int shown = 0;
	if (match == MQMATCH_RUNCHECK) {
		char mca[CHL_USER_LEN + 1];
		channel_mcauser(os, name, mca, sizeof mca);   /* the channel's own MCAUSER, as the runtime uses it */
		struct chl_input in = { .channel = name, .address = inv[0], .clntuser = inv[1], .sslpeer = inv[2],
					.sslcerti = inv[3], .chl_mcauser = mca, .is_admin = rt_admin, .arg = (void *)rt };
		struct chl_result res;
		chl_decide(&s, &in, &res);
		const struct chl_rec *show = res.outcome != CHL_ALLOWED ? res.rule : res.map;
		if (show) {
			struct display dd = d;
			shown = show_rec(&dd, show, o);
			if (shown < 0)
				rc = mqsc_oom(o);
			else if (!shown)
				mqsc_say(o, AMQ_CHLAUTH_NOT_FOUND, NULL);
			if (!shown)
				rc = MQSC_FAILED;
		} else {
			mqsc_say(o, AMQ_CHL_RUNCHECK_USER, res.mcauser);
		}
		chl_set_free(&s);
		return rc;
	}
	size_t *ord = malloc((s.n + 1) * sizeof *ord), n = 0;
	if (!ord) {
		chl_set_free(&s);
		return mqsc_oom(o);
	}
	for (size_t i = 0; i < s.n; i++) {
		const struct chl_rec *r = &s.v[i];
		if (type && r->type != type)
			continue;
		int hit = match == MQMATCH_EXACT ? !strcmp(r->profile, name)
			  : match == MQMATCH_ALL ? chl_glob_overlap(name, r->profile)
			  : strchr(name, '*') ? chl_glob(name, r->profile) : !strcmp(r->profile, name);
		if (hit)
			ord[n++] = i;
	}
	sort_set = &s;
	if (n > 1)
		qsort(ord, n, sizeof *ord, by_rank);
	for (size_t i = 0; i < n && rc == MQSC_OK; i++) {
		int sh = show_rec(&d, &s.v[ord[i]], o);
		if (sh < 0)
			rc = mqsc_oom(o);
		shown += sh > 0;
	}
	if (!rc && !shown) {
		mqsc_say(o, AMQ_CHLAUTH_NOT_FOUND, NULL);
		rc = MQSC_FAILED;
	}
	free(ord);
	chl_set_free(&s);
	return rc;
}

int mqsc_exec_chlauth(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *verb,
		      const char *name, struct mqsc_out *o)
{
	if (!strcmp(verb, "SET"))
		return exec_set(rt, c, name, o);
	return exec_display(os, rt, c, name, o);
}
