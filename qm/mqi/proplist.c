/*
 * proplist.c: the property list and property names of libmqm (props.h):
 * insert, remove, copy; a name's canonical form, wildcard matching, and MQ's
 * rules for names set with validation (MQRC_PROPERTY_NAME_ERROR).  Only libc:
 * the fuzz target of the MQRFH2 (tests/fuzz/fuzz_rfh2.c) compiles it too.
 */
#include "qm/mqi/props.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------------ */
/* the property list                                                        */

MQLONG mqm_props_insert(struct mqm_props *p, size_t at, const struct mqm_prop *src)
{
	struct mqm_prop d = *src;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		struct mqm_prop *v = realloc(p->v, cap * sizeof *v);
		if (!v)
			return MQRC_STORAGE_NOT_AVAILABLE;
		p->v = v;
		p->cap = cap;
	}
	d.name = malloc(src->namelen + 1);
	d.val = malloc(src->vlen + 1);
	if (!d.name || !d.val) {
		free(d.name);
		free(d.val);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	memcpy(d.name, src->name, src->namelen);
	d.name[src->namelen] = 0;
	if (src->vlen)
		memcpy(d.val, src->val, src->vlen);
	d.val[src->vlen] = 0;
	if (at > p->n)
		at = p->n;
	memmove(p->v + at + 1, p->v + at, (p->n - at) * sizeof *p->v);
	p->v[at] = d;
	p->n++;
	return 0;
}

void mqm_props_remove(struct mqm_props *p, size_t at)
{
	if (at >= p->n)
		return;
	free(p->v[at].name);
	free(p->v[at].val);
	memmove(p->v + at, p->v + at + 1, (p->n - at - 1) * sizeof *p->v);
	p->n--;
}

void mqm_props_clear(struct mqm_props *p)
{
	while (p->n)
		mqm_props_remove(p, p->n - 1);
	free(p->v);
	p->v = NULL;
	p->cap = 0;
}

MQLONG mqm_props_copy(struct mqm_props *dst, const struct mqm_props *src, const char *pattern)
{
	size_t i;
	MQLONG rc;
	for (i = 0; i < src->n; i++)
		if (!pattern || mqm_prop_match(src->v[i].name, pattern))
			if ((rc = mqm_props_insert(dst, dst->n, &src->v[i])) != 0)
				return rc;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* names                                                                    */

static const char *const jms_syn[][2] = {
	{ "JMSCorrelationID", "jms.Cid" }, { "JMSReplyTo", "jms.Rto" }, { "JMSType", "mcd.Type" },
	{ "JMSXGroupID", "jms.Gid" }, { "JMSXGroupSeq", "jms.Seq" }, { "JMSDeliveryMode", "jms.Dlv" },
	{ "JMSDestination", "jms.Dst" }, { "JMSExpiration", "jms.Exp" }, { "JMSPriority", "jms.Pri" },
	{ "JMSTimestamp", "jms.Tms" },
	/* publish/subscribe: the properties the queue manager adds to a publication */
	{ "MQTopicString", "mqps.Top" }, { "MQSubUserData", "mqps.Sud" }, { "MQIsRetained", "mqps.Ret" },
};
#define N_JMS_SET 5     /* the first five may be set through the MQI */

size_t mqm_prop_canon(const char *name, size_t len, char *out)
{
	size_t i, body = len;
	if (body && name[body - 1] == '%')
		body--;
	if (len > MQ_MAX_PROPERTY_NAME_LENGTH)
		len = body = MQ_MAX_PROPERTY_NAME_LENGTH;
	for (i = 0; i < sizeof jms_syn / sizeof jms_syn[0]; i++)
		if (len == strlen(jms_syn[i][0]) && !memcmp(name, jms_syn[i][0], len)) {
			strcpy(out, jms_syn[i][1]);
			return strlen(out);
		}
	if (body && !memchr(name, '.', body)) {
		memcpy(out, "usr.", 4);
		memcpy(out + 4, name, len);
		out[len + 4] = 0;
		return len + 4;
	}
	memcpy(out, name, len);
	out[len] = 0;
	return len;
}

int mqm_prop_match(const char *name, const char *pattern)
{
	size_t pl = strlen(pattern);
	if (pl && pattern[pl - 1] == '%')
		return strncmp(name, pattern, pl - 1) == 0;
	return strcmp(name, pattern) == 0;
}

static int starts_ci(const char *s, size_t n, const char *pre)
{
	size_t pl = strlen(pre);
	return n >= pl && strncasecmp(s, pre, pl) == 0;
}

/* The folder of canonical name (the part before its first "."): is it n bytes equal to f, any case? */
static int folder_is(const char *name, const char *f)
{
	const char *dot = strchr(name, '.');
	size_t n = dot ? (size_t)(dot - name) : strlen(name);
	return n == strlen(f) && strncasecmp(name, f, n) == 0;
}

int mqm_prop_mq_defined(const char *name)
{
	size_t n = strlen(name);
	if (folder_is(name, "jms") || folder_is(name, "mcd") || starts_ci(name, n, "Root."))
		return 1;
	return starts_ci(name, n, "mq") && !starts_ci(name, n, "mq_usr");
}

int mqm_prop_supported(const char *name)
{
	return !mqm_prop_mq_defined(name) || folder_is(name, "jms") || folder_is(name, "mcd");
}

MQLONG mqm_prop_support(MQLONG v)
{
	if (v == MQPD_SUPPORT_OPTIONAL || v == MQPD_SUPPORT_REQUIRED || v == MQPD_SUPPORT_REQUIRED_IF_LOCAL)
		return v;
	if (v & MQPD_REJECT_UNSUP_MASK)
		return MQPD_SUPPORT_REQUIRED;
	if (v & MQPD_ACCEPT_UNSUP_IF_XMIT_MASK)
		return MQPD_SUPPORT_REQUIRED_IF_LOCAL;
	return MQPD_SUPPORT_OPTIONAL;
}

MQLONG mqm_prop_name_check(const char *raw, size_t len)
{
	static const char *const kw[] = { "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE",
					  "IN", "IS", "ESCAPE" };
	size_t i, dots = 0;
	const char *s = raw;
	size_t n = len;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)raw[i];
		int letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$' ||
			     (c >= 0x80 && c < 0xf0);
		if (c == '.') {
			if (i == 0 || i == len - 1 || raw[i - 1] == '.')
				return MQRC_PROPERTY_NAME_ERROR;
			dots++;
			continue;
		}
		if (!letter && !(i && raw[i - 1] != '.' && c >= '0' && c <= '9'))
			return MQRC_PROPERTY_NAME_ERROR;
	}
	if (len >= 3 && !memcmp(raw, "JMS", 3)) {
		for (i = 0; i < N_JMS_SET; i++)
			if (len == strlen(jms_syn[i][0]) && !memcmp(raw, jms_syn[i][0], len))
				return 0;
		return MQRC_PROPERTY_NAME_ERROR;
	}
	if (len >= 7 && !memcmp(raw, "usr.JMS", 7))
		return MQRC_PROPERTY_NAME_ERROR;
	if ((len >= 4 && (!memcmp(raw, "Body", 4) || !memcmp(raw, "Root", 4))))
		return MQRC_PROPERTY_NAME_ERROR;     /* Root.MQMD.<Field> is handled before this (propmd.c) */
	if (starts_ci(raw, len, "mq") && !starts_ci(raw, len, "mq_usr") && dots > 1)
		return MQRC_PROPERTY_NAME_ERROR;
	if (starts_ci(raw, len, "usr.")) {
		s += 4;
		n -= 4;
	}
	for (i = 0; i < sizeof kw / sizeof kw[0]; i++)
		if (n == strlen(kw[i]) && !strncasecmp(s, kw[i], n))
			return MQRC_PROPERTY_NAME_ERROR;
	return 0;
}

const char *mqm_prop_shown(const char *name)
{
	size_t i;
	/* (only where the short name leads back to it: "usr.a.b" stays, "a.b" would be folder a) */
	if (!strncmp(name, "usr.", 4) && !strchr(name + 4, '.'))
		return name + 4;
	for (i = 0; i < sizeof jms_syn / sizeof jms_syn[0]; i++)
		if (!strcmp(name, jms_syn[i][1]))
			return jms_syn[i][0];
	return name;
}
