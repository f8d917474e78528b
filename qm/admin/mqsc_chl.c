/*
 * mqsc_chl.c: what is particular to channels, listeners and authentication
 * information objects in MQSC (DEFINE/ALTER/DELETE/DISPLAY go through
 * mqsc_obj.c like every other object):
 *   - CHLTYPE is required on DEFINE and ALTER CHANNEL, AUTHTYPE on DEFINE and
 *     ALTER AUTHINFO, as MQ; a type MQ has but Quire does not serve (SDR,
 *     CLNTCONN, ..., IDPWLDAP, OCSP, ...) is refused saying so;
 *   - DISPLAY's filters: TYPE(SVRCONN|ALL|...) of channels, TRPTYPE(TCP|ALL|...)
 *     of listeners, AUTHTYPE(IDPWOS|ALL|...) of authentication information;
 *   - DISPLAY's attribute order (MQ's) and the response messages.
 */
#include "qm/admin/mqsc_int.h"

#include <stdio.h>
#include <string.h>

#include "qm/home/msgcat.h"
#include "qm/tlsciph.h"

/* MQ's channel types, authentication information types and listener
 * transports: the ones Quire does not serve are refused by name. */
static const char *const mq_chltypes[] = { "SDR", "SVR", "RCVR", "RQSTR", "CLNTCONN", "SVRCONN", "CLUSSDR",
					   "CLUSRCVR", "AMQP", "MQTT", NULL };
static const char *const mq_authtypes[] = { "IDPWOS", "IDPWLDAP", "CRLLDAP", "OCSP", NULL };
static const char *const mq_trptypes[] = { "TCP", "LU62", "NETBIOS", "SPX", NULL };

/* The keyword that names the type of an object of this kind, and MQ's values. */
static const char *type_kw(int type, const char *const **values, const char **served)
{
	if (type == OBJDEF_CHANNEL) {
		*values = mq_chltypes;
		*served = "SVRCONN";
		return "CHLTYPE";
	}
	if (type == OBJDEF_AUTHINFO) {
		*values = mq_authtypes;
		*served = "IDPWOS";
		return "AUTHTYPE";
	}
	*values = mq_trptypes;
	*served = "TCP";
	return "TRPTYPE";
}

/* SSLCIPH must be a CipherSpec Quire has (qm/tlsciph.h: MQ's AMQ8242E, as
 * MQ refuses an unknown or deprecated one) and SSLPEER a valid pattern (MQ
 * checks it when it is entered; AMQ8970E, our number), on any channel:
 * blank clears either. */
static int tls_attrs_check(struct cmd *c, struct mqsc_out *o)
{
	char buf[1400], cl[64];
	struct word *w = mqsc_find(c, "SSLCIPH");
	if (w && w->val && w->val[strspn(w->val, " ")] != '\0' && !tlsciph_find_n(w->val, strlen(w->val))) {
		const char *ins[1] = { mqsc_clip(w->val, cl, sizeof cl) };
		msgcat_format(buf, sizeof buf, AMQ_SSLCIPH_WRONG, ins, 1);
		mqsc_out_put(o, "%s", buf);
		return MQSC_FAILED;
	}
	w = mqsc_find(c, "SSLPEER");
	if (w && w->val && w->val[strspn(w->val, " ")] != '\0') {
		struct tls_peer p;
		char why[200];
		if (tlspeer_parse(&p, w->val, why, sizeof why) != 0) {
			const char *ins[1] = { why };
			msgcat_format(buf, sizeof buf, AMQ_SSLPEER_WRONG, ins, 1);
			mqsc_out_put(o, "%s", buf);
			return MQSC_FAILED;
		}
		tlspeer_free(&p);
	}
	return MQSC_OK;
}

int mqsc_chl_check(struct cmd *c, const char *verb, int type, struct mqsc_out *o)
{
	if (type != OBJDEF_CHANNEL && type != OBJDEF_AUTHINFO && type != OBJDEF_LISTENER)
		return MQSC_OK;
	if (type == OBJDEF_CHANNEL && tls_attrs_check(c, o) != MQSC_OK)
		return MQSC_FAILED;
	const char *const *values, *served;
	const char *kw = type_kw(type, &values, &served);
	struct word *w = mqsc_find(c, kw);
	char cl[64];
	if (!w) {
		if (type == OBJDEF_LISTENER)
			return MQSC_OK;   /* TRPTYPE(TCP) is the default */
		return mqsc_syntax(o, "%s %s needs %s(%s)", verb, type == OBJDEF_CHANNEL ? "CHANNEL" : "AUTHINFO", kw,
				   served);
	}
	if (!w->val || !*w->val)
		return mqsc_syntax(o, "%s needs a value: %s", kw, served);
	if (!strcmp(w->val, served))
		return MQSC_OK;   /* objdef_set takes it */
	if (mqsc_kw_in(w->val, values))
		return mqsc_syntax(o, "%s(%s) is not served: Quire has %s objects of %s(%s) only", kw, w->val,
				   type == OBJDEF_CHANNEL ? "channel" : type == OBJDEF_AUTHINFO ?
				   "authentication information" : "listener", kw, served);
	return mqsc_syntax(o, "%s(%s) is not valid: %s must be %s", kw, mqsc_clip(w->val, cl, sizeof cl), kw, served);
}

int mqsc_chl_filter(struct cmd *c, int type, int *filter, struct mqsc_out *o)
{
	const char *const *values, *served;
	const char *kw = type_kw(type, &values, &served);
	if (type == OBJDEF_CHANNEL)   /* DISPLAY CHANNEL's filter is TYPE; CHLTYPE(value) is taken as it too */
		kw = mqsc_find(c, "TYPE") || !mqsc_find(c, "CHLTYPE") || !mqsc_find(c, "CHLTYPE")->val ? "TYPE" : "CHLTYPE";
	struct word *w = mqsc_find(c, kw);
	if (!w || !w->val)
		return MQSC_OK;   /* (a bare AUTHTYPE or TRPTYPE asks for the attribute) */
	w->used = 1;
	if (!strcmp(w->val, "ALL") || !strcmp(w->val, served))
		return MQSC_OK;
	if (mqsc_kw_in(w->val, values)) {
		*filter = -1;   /* a type MQ has and Quire does not: none match */
		return MQSC_OK;
	}
	return mqsc_syntax(o, "%s must be ALL or one of MQ's types (%s is served)", kw, served);
}

/* DISPLAY's order, MQ's: the name and type first, the rest as MQ lists them. */
static const char *const chl_order[] = { "CHLTYPE", "ALTDATE", "ALTTIME", "CERTLABL", "DESCR", "DISCINT", "HBINT",
					 "KAINT", "MAXINST", "MAXINSTC", "MAXMSGL", "MCAUSER", "MONCHL", "SCYDATA",
					 "SCYEXIT", "SHARECNV", "SSLCAUTH", "SSLCIPH", "SSLPEER", "TRPTYPE", NULL };
static const char *const lstr_order[] = { "CONTROL", "TRPTYPE", "PORT", "IPADDR", "BACKLOG", "DESCR", "ALTDATE",
					  "ALTTIME", NULL };
static const char *const auth_order[] = { "AUTHTYPE", "ADOPTCTX", "DESCR", "CHCKCLNT", "CHCKLOCL", "FAILDLAY",
					  "AUTHENMD", "ALTDATE", "ALTTIME", NULL };

size_t mqsc_chl_items(const struct objdef *def, struct items *it)
{
	char val[1100];
	const char *const *order = def->type == OBJDEF_CHANNEL ? chl_order :
				   def->type == OBJDEF_LISTENER ? lstr_order : auth_order;
	items_add(it, objdef_key_attr(def->type)->kw, "%s", def->name);
	for (const char *const *k = order; *k; k++)
		if (objdef_get_text(def, *k, val, sizeof val) >= 0)
			items_add(it, *k, "%s", val);
	/* always shown: the name, and a channel's or authinfo's type */
	return def->type == OBJDEF_LISTENER ? 1 : 2;
}

int mqsc_chl_msg(int type, int what)
{
	static const int ids[3][4] = {
		/* created, changed, deleted, display */
		{ AMQ_CHANNEL_CREATED, AMQ_CHANNEL_CHANGED, AMQ_CHANNEL_DELETED, AMQ_DISPLAY_CHANNEL },
		{ AMQ_LISTENER_CREATED, AMQ_LISTENER_CHANGED, AMQ_LISTENER_DELETED, AMQ_DISPLAY_LISTENER },
		{ AMQ_AUTHINFO_CREATED, AMQ_AUTHINFO_CHANGED, AMQ_AUTHINFO_DELETED, AMQ_DISPLAY_AUTHINFO },
	};
	int row = type == OBJDEF_CHANNEL ? 0 : type == OBJDEF_LISTENER ? 1 : 2;
	return ids[row][what];
}

int mqsc_chl_valid_channel_kw(const char *kw)
{
	return objdef_attr_find(OBJDEF_CHANNEL, kw) != NULL;
}

int mqsc_chl_valid_listener_kw(const char *kw)
{
	return objdef_attr_find(OBJDEF_LISTENER, kw) != NULL;
}

int mqsc_chl_valid_authinfo_kw(const char *kw)
{
	return objdef_attr_find(OBJDEF_AUTHINFO, kw) != NULL;
}
