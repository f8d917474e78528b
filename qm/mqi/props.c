/*
 * props.c: message handles and message properties in libmqm: MQCRTMH,
 * MQDLTMH, MQSETMP, MQINQMP, MQDLTMP, MQMHBUF, MQBUFMH (props.h has the
 * property list and the name forms; rfh2.c the MQRFH2 they travel in).
 *
 * A message handle lives in this process only: the queue manager never sees
 * one.  Its properties reach a message as an MQRFH2 at the front of the
 * message data when it is put (mqm_hmsg_encode), and come back from one when
 * a message is got into a handle (mqm_hmsg_decode).
 *
 * Handles: an MQHMSG is (generation << 32) | (slot + 1), both at least 1, so
 * never MQHM_NONE (0) or MQHM_UNUSABLE_HMSG (-1), and a deleted handle's
 * value is refused (2460) even when its slot is used again.  A handle made
 * with a connection belongs to it: the other verbs want that Hconn (2018
 * otherwise) and MQDISC deletes its handles (mqm_props_conn_gone).  One made
 * with MQHC_UNASSOCIATED_HCONN takes MQHC_UNASSOCIATED_HCONN or any
 * connection of the process (MQ wants a connection on the thread then; Quire
 * does not, as nothing here needs the queue manager).
 *
 * Threads: one mutex over the handle table and every property list; each
 * verb holds it for its whole work (nothing here waits on anything else).
 *
 * MQINQMP's type conversion (MQIMPO_CONVERT_TYPE), as MQ's table has it:
 *   BOOLEAN  -> STRING ("TRUE"/"FALSE")
 *   BYTE_STRING -> STRING (two hex digits a byte)
 *   INT8 -> INT16 INT32 INT64 STRING; INT16 -> INT32 INT64 STRING;
 *   INT32 -> INT64 STRING; INT64 -> STRING
 *   FLOAT32 -> FLOAT64 STRING; FLOAT64 -> STRING
 *   STRING -> BOOLEAN ("TRUE"/"FALSE" in any case, "1"/"0"), INT8..INT64,
 *             FLOAT32, FLOAT64 (text that is not such a value, or out of
 *             range: MQRC_PROP_NUMBER_FORMAT_ERROR)
 *   NULL is returned as NULL whatever was asked; anything else 2470.
 * MQPD.Support, as MQ: it matters for IBM MQ-defined properties only
 * (mqm_prop_mq_defined: the folders jms, mcd, Root and those beginning "mq"
 * but mq_usr); every other property is MQPD_SUPPORT_OPTIONAL whatever MQSETMP
 * is given.  On a handle made with validation (MQCMHO_VALIDATE, the default)
 * Support is no input: the queue manager assigns it, OPTIONAL for every
 * property Quire knows (the JMS ones) and for one it does not recognise.  On
 * a handle made with MQCMHO_NO_VALIDATION it is an input for MQ-defined
 * properties, any value taken as MQ takes one it does not know (a bit in
 * MQPD_REJECT_UNSUP_MASK: REQUIRED; in MQPD_ACCEPT_UNSUP_IF_XMIT_MASK:
 * REQUIRED_IF_LOCAL; else OPTIONAL), so MQSETMP never fails on it.  MQPUT and
 * MQPUT1 then fail with MQRC_UNSUPPORTED_PROPERTY (2490), nothing put, when a
 * property is REQUIRED or REQUIRED_IF_LOCAL and Quire does not support it
 * (mqm_prop_supported: an MQ-defined property outside jms and mcd, such as
 * mqps.* of publish/subscribe or mqext.*); every Quire queue is local, so the
 * two are alike.  MQINQMP returns the Support kept; a property got from a
 * message's MQRFH2 (which has no place for it) is OPTIONAL, as MQ assigns
 * the ones it knows and those it does not recognise.
 * MQIMPO_CONVERT_VALUE: numbers in the RequestedEncoding's byte order;
 * strings need no conversion when RequestedCCSID is MQCCSI_APPL, their own
 * CCSID, or (for a value all ASCII) another ASCII-based one; otherwise the
 * value comes unconverted with MQRC_PROP_VALUE_NOT_CONVERTED (a warning).
 */
#include "qm/mqi/mqm_int.h"
#include "qm/mqi/props.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CANON_MAX (MQ_MAX_PROPERTY_NAME_LENGTH + 8)
#define APPL_CCSID 1208     /* the character set of a Quire application's strings */

/* ------------------------------------------------------------------------ */
/* message handles                                                          */

struct hmsg {
	int used;
	uint32_t gen;
	MQHCONN hconn;              /* or MQHC_UNASSOCIATED_HCONN */
	int validate;
	struct mqm_props props;
	size_t cur;                 /* the cursor: index of the property last returned */
	int cur_on;                 /* 0: no property under it (before the first, or deleted) */
	int cur_any;                /* the cursor has a position at all (INQ_NEXT goes past cur) */
	char *last;                 /* the name MQINQMP last looked for (INQ_NEXT with another: INQ_FIRST) */
	MQMD md;                    /* its message descriptor: the Root.MQMD.* fields (propmd.c) */
};

static pthread_mutex_t pm_lock = PTHREAD_MUTEX_INITIALIZER;
static struct hmsg *hms;
static size_t nhms;
static uint32_t next_gen = 1;

static struct hmsg *hm_find(MQHMSG h)
{
	uint64_t u = (uint64_t)h;
	uint64_t slot = (u & 0xffffffffu);
	uint32_t gen = (uint32_t)(u >> 32);
	if (h <= 0 || slot == 0 || slot > nhms)
		return NULL;
	if (!hms[slot - 1].used || hms[slot - 1].gen != gen)
		return NULL;
	return &hms[slot - 1];
}

/* Is Hconn one of this process's connections? */
static int conn_ok(MQHCONN h)
{
	struct mqm_conn *c;
	if (mqm_conn_get(h, &c))
		return 0;
	mqm_conn_put(c);
	return 1;
}

/* Under pm_lock: the handle Hmsg used with Hconn, or the reason not. */
static MQLONG hm_get(MQHCONN hconn, MQHMSG h, struct hmsg **out)
{
	struct hmsg *m = hm_find(h);
	*out = NULL;
	if (!m)
		return MQRC_HMSG_ERROR;
	if (m->hconn == MQHC_UNASSOCIATED_HCONN) {
		if (hconn != MQHC_UNASSOCIATED_HCONN && !conn_ok(hconn))
			return MQRC_HCONN_ERROR;
	} else if (hconn != m->hconn || !conn_ok(hconn)) {
		return MQRC_HCONN_ERROR;
	}
	*out = m;
	return 0;
}

static void hm_free(struct hmsg *m)
{
	free(m->last);
	m->last = NULL;
	mqm_props_clear(&m->props);
	m->used = 0;
}

void mqm_props_conn_gone(MQHCONN hconn)
{
	size_t i;
	pthread_mutex_lock(&pm_lock);
	for (i = 0; i < nhms; i++)
		if (hms[i].used && hms[i].hconn == hconn)
			hm_free(&hms[i]);
	pthread_mutex_unlock(&pm_lock);
}

static void done(PMQLONG pcc, PMQLONG prc, MQLONG rc)
{
	*prc = rc;
	*pcc = rc == MQRC_NONE ? MQCC_OK : MQCC_FAILED;
}

/* StrucId and Version 1 of the 12-byte option structures. */
static MQLONG opts_check(const void *o, const char *id, MQLONG bad, MQLONG *options)
{
	MQLONG v;
	if (!o || memcmp(o, id, 4) != 0)
		return bad;
	memcpy(&v, (const char *)o + 4, 4);
	if (v != 1)
		return bad;
	memcpy(options, (const char *)o + 8, 4);
	return 0;
}

void MQENTRY MQCRTMH(MQHCONN Hconn, PMQVOID pCrtMsgHOpts, PMQHMSG pHmsg, PMQLONG pCompCode,
		     PMQLONG pReason)
{
	MQLONG opts, rc;
	size_t i;
	if (!pCompCode || !pReason)
		return;
	if (Hconn != MQHC_UNASSOCIATED_HCONN && !conn_ok(Hconn)) {
		done(pCompCode, pReason, MQRC_HCONN_ERROR);
		return;
	}
	if ((rc = opts_check(pCrtMsgHOpts, MQCMHO_STRUC_ID, MQRC_CMHO_ERROR, &opts)) != 0) {
		done(pCompCode, pReason, rc);
		return;
	}
	if ((opts & ~(MQCMHO_VALIDATE | MQCMHO_NO_VALIDATION)) ||
	    (opts & MQCMHO_VALIDATE && opts & MQCMHO_NO_VALIDATION)) {
		done(pCompCode, pReason, MQRC_OPTIONS_ERROR);
		return;
	}
	if (!pHmsg) {
		done(pCompCode, pReason, MQRC_HMSG_ERROR);
		return;
	}
	pthread_mutex_lock(&pm_lock);
	for (i = 0; i < nhms && hms[i].used; i++)
		;
	if (i == nhms) {
		size_t n = nhms ? nhms * 2 : 16;
		struct hmsg *v = n <= 0xffffffffu ? realloc(hms, n * sizeof *v) : NULL;
		if (!v) {
			pthread_mutex_unlock(&pm_lock);
			done(pCompCode, pReason, MQRC_STORAGE_NOT_AVAILABLE);
			return;
		}
		memset(v + nhms, 0, (n - nhms) * sizeof *v);
		hms = v;
		nhms = n;
	}
	memset(&hms[i], 0, sizeof hms[i]);
	hms[i].used = 1;
	hms[i].gen = next_gen;
	next_gen = next_gen >= 0x7fffffffu ? 1 : next_gen + 1;
	hms[i].hconn = Hconn;
	hms[i].validate = !(opts & MQCMHO_NO_VALIDATION);
	{
		MQMD d = { MQMD_DEFAULT };
		d.Version = MQMD_VERSION_2;
		hms[i].md = d;
	}
	*pHmsg = (MQHMSG)(((uint64_t)hms[i].gen << 32) | (uint64_t)(i + 1));
	pthread_mutex_unlock(&pm_lock);
	done(pCompCode, pReason, MQRC_NONE);
}

void MQENTRY MQDLTMH(MQHCONN Hconn, PMQHMSG pHmsg, PMQVOID pDltMsgHOpts, PMQLONG pCompCode,
		     PMQLONG pReason)
{
	struct hmsg *m;
	MQLONG opts, rc;
	if (!pCompCode || !pReason)
		return;
	if (!pHmsg) {
		done(pCompCode, pReason, MQRC_HMSG_ERROR);
		return;
	}
	pthread_mutex_lock(&pm_lock);
	rc = hm_get(Hconn, *pHmsg, &m);
	if (!rc && (rc = opts_check(pDltMsgHOpts, MQDMHO_STRUC_ID, MQRC_DMHO_ERROR, &opts)) == 0 &&
	    opts != MQDMHO_NONE)
		rc = MQRC_OPTIONS_ERROR;
	if (!rc) {
		hm_free(m);
		*pHmsg = MQHM_UNUSABLE_HMSG;
	}
	pthread_mutex_unlock(&pm_lock);
	done(pCompCode, pReason, rc);
}

/* A name passed as an MQCHARV: into canon (CANON_MAX bytes) and raw/rawlen. */
static MQLONG charv_name(const void *pName, char *canon, const char **raw, size_t *rawlen)
{
	MQCHARV v;
	const char *s;
	size_t n;
	if (!pName)
		return MQRC_PROPERTY_NAME_ERROR;
	memcpy(&v, pName, sizeof v);
	s = v.VSPtr ? (const char *)v.VSPtr : v.VSOffset ? (const char *)pName + v.VSOffset : NULL;
	if (!s)
		return MQRC_PROPERTY_NAME_ERROR;
	if (v.VSLength == MQVS_NULL_TERMINATED) {
		const char *z = memchr(s, 0, MQ_MAX_PROPERTY_NAME_LENGTH + 1);
		if (!z)
			return MQRC_PROPERTY_NAME_LENGTH_ERR;
		n = (size_t)(z - s);
	} else {
		if (v.VSLength <= 0 || v.VSLength > MQ_MAX_PROPERTY_NAME_LENGTH)
			return MQRC_PROPERTY_NAME_LENGTH_ERR;
		n = (size_t)v.VSLength;
	}
	if (n == 0)
		return MQRC_PROPERTY_NAME_LENGTH_ERR;
	if (memchr(s, 0, n))
		return MQRC_PROPERTY_NAME_ERROR;
	*raw = s;
	*rawlen = n;
	mqm_prop_canon(s, n, canon);
	return 0;
}

static MQLONG pd_check(const MQPD *pd)
{
	if (!pd || memcmp(pd->StrucId, MQPD_STRUC_ID, 4) != 0 || pd->Version != MQPD_VERSION_1)
		return MQRC_PD_ERROR;
	/* (Support is no input to check: props.c's top) */
	if (pd->Options != MQPD_NONE ||
	    (pd->Context != MQPD_NO_CONTEXT && pd->Context != MQPD_USER_CONTEXT) ||
	    (pd->CopyOptions & ~(MQCOPY_ALL | MQCOPY_FORWARD | MQCOPY_PUBLISH | MQCOPY_REPLY | MQCOPY_REPORT)))
		return MQRC_PD_ERROR;
	return 0;
}

static size_t type_size(MQLONG t)
{
	switch (t) {
	case MQTYPE_INT8: return 1;
	case MQTYPE_INT16: return 2;
	case MQTYPE_INT32: case MQTYPE_FLOAT32: case MQTYPE_BOOLEAN: return 4;
	case MQTYPE_INT64: case MQTYPE_FLOAT64: return 8;
	default: return 0;
	}
}

static void swap_bytes(uint8_t *p, size_t n)
{
	size_t i;
	for (i = 0; i < n / 2; i++) {
		uint8_t t = p[i];
		p[i] = p[n - 1 - i];
		p[n - 1 - i] = t;
	}
}

/* Do numbers in encoding enc need their bytes swapped to or from native? */
static int swap_for(MQLONG enc, MQLONG type)
{
	MQLONG part, native;
	if (type == MQTYPE_FLOAT32 || type == MQTYPE_FLOAT64) {
		part = enc & MQENC_FLOAT_MASK;
		native = MQENC_NATIVE & MQENC_FLOAT_MASK;
		return (part == MQENC_FLOAT_IEEE_NORMAL || part == MQENC_FLOAT_IEEE_REVERSED) && part != native;
	}
	part = enc & MQENC_INTEGER_MASK;
	native = MQENC_NATIVE & MQENC_INTEGER_MASK;
	return (part == MQENC_INTEGER_NORMAL || part == MQENC_INTEGER_REVERSED) && part != native;
}

/* Would adding name to list break MQ's "no mixed content" rule (a.b and a.b.c)? */
static int mixed(const struct mqm_props *p, const char *name)
{
	size_t i, nl = strlen(name);
	for (i = 0; i < p->n; i++) {
		const char *o = p->v[i].name;
		size_t ol = p->v[i].namelen;
		if (ol > nl && !strncmp(o, name, nl) && o[nl] == '.')
			return 1;
		if (nl > ol && !strncmp(name, o, ol) && name[ol] == '.')
			return 1;
	}
	return 0;
}

void MQENTRY MQSETMP(MQHCONN Hconn, MQHMSG Hmsg, PMQVOID pSetPropOpts, PMQVOID pName, PMQVOID pPropDesc,
		     MQLONG Type, MQLONG ValueLength, PMQVOID pValue, PMQLONG pCompCode, PMQLONG pReason)
{
	struct hmsg *m;
	MQSMPO smpo;
	struct mqm_prop np;
	char *canon;
	const char *raw;
	size_t rawlen, i, at;
	uint8_t num[8];
	MQLONG rc, where;

	if (!pCompCode || !pReason)
		return;
	canon = malloc(CANON_MAX);
	if (!canon) {
		done(pCompCode, pReason, MQRC_STORAGE_NOT_AVAILABLE);
		return;
	}
	pthread_mutex_lock(&pm_lock);
	if ((rc = hm_get(Hconn, Hmsg, &m)) != 0)
		goto out;
	if (!pSetPropOpts || memcmp(pSetPropOpts, MQSMPO_STRUC_ID, 4) != 0) {
		rc = MQRC_SMPO_ERROR;
		goto out;
	}
	memcpy(&smpo, pSetPropOpts, sizeof smpo);
	where = smpo.Options;
	if (smpo.Version != MQSMPO_VERSION_1 ||
	    (where != MQSMPO_SET_FIRST && where != MQSMPO_SET_PROP_UNDER_CURSOR &&
	     where != MQSMPO_SET_PROP_AFTER_CURSOR && where != MQSMPO_SET_PROP_BEFORE_CURSOR &&
	     where != MQSMPO_APPEND_PROPERTY)) {
		rc = MQRC_SMPO_ERROR;
		goto out;
	}
	if ((rc = charv_name(pName, canon, &raw, &rawlen)) != 0)
		goto out;
	if (memchr(raw, '%', rawlen)) {
		rc = MQRC_PROPERTY_NAME_ERROR;
		goto out;
	}
	/* Root.MQMD.<Field>: a field of the handle's message descriptor (propmd.c) */
	const struct mqm_mdfield *mdf = mqm_mdfield_find(raw, rawlen);
	if (!mdf && mqm_mdfield_named(raw, rawlen)) {
		rc = MQRC_PROPERTY_NAME_ERROR;
		goto out;
	}
	if (!mdf && m->validate && (rc = mqm_prop_name_check(raw, rawlen)) != 0)
		goto out;
	if ((rc = pd_check(pPropDesc)) != 0)
		goto out;
	memset(&np, 0, sizeof np);
	np.name = canon;
	np.namelen = strlen(canon);
	np.type = Type;
	/* Support: assigned, OPTIONAL, unless an MQ-defined property is set on a
	 * handle without validation (props.c's top) */
	np.support = m->validate || !mqm_prop_mq_defined(canon) ? MQPD_SUPPORT_OPTIONAL
								: mqm_prop_support(((MQPD *)pPropDesc)->Support);
	np.context = ((MQPD *)pPropDesc)->Context;
	np.copy = ((MQPD *)pPropDesc)->CopyOptions;
	switch (Type) {
	case MQTYPE_NULL:
		if (ValueLength != 0)
			rc = MQRC_BUFFER_LENGTH_ERROR;
		np.val = num;
		break;
	case MQTYPE_BOOLEAN: case MQTYPE_INT8: case MQTYPE_INT16: case MQTYPE_INT32:
	case MQTYPE_INT64: case MQTYPE_FLOAT32: case MQTYPE_FLOAT64:
		if (ValueLength != (MQLONG)type_size(Type)) {
			rc = MQRC_BUFFER_LENGTH_ERROR;
			break;
		}
		if (!pValue) {
			rc = MQRC_BUFFER_ERROR;
			break;
		}
		memcpy(num, pValue, (size_t)ValueLength);
		if (Type == MQTYPE_BOOLEAN) {
			MQLONG b;
			memcpy(&b, num, 4);
			if (swap_for(smpo.ValueEncoding, MQTYPE_INT32))
				swap_bytes((uint8_t *)&b, 4);
			num[0] = b != 0;
			np.vlen = 1;
		} else {
			if (swap_for(smpo.ValueEncoding, Type))
				swap_bytes(num, (size_t)ValueLength);
			np.vlen = (size_t)ValueLength;
		}
		np.val = num;
		break;
	case MQTYPE_STRING:
	case MQTYPE_BYTE_STRING:
		if (Type == MQTYPE_STRING && ValueLength == MQVL_NULL_TERMINATED) {
			if (!pValue) {
				rc = MQRC_BUFFER_ERROR;
				break;
			}
			np.vlen = strlen(pValue);
		} else if (ValueLength < 0) {
			rc = MQRC_BUFFER_LENGTH_ERROR;
			break;
		} else {
			np.vlen = (size_t)ValueLength;
		}
		if (np.vlen && !pValue) {
			rc = MQRC_BUFFER_ERROR;
			break;
		}
		np.val = pValue ? pValue : num;
		np.ccsid = Type == MQTYPE_STRING ? (smpo.ValueCCSID == MQCCSI_APPL || smpo.ValueCCSID == MQCCSI_DEFAULT
						    ? APPL_CCSID : smpo.ValueCCSID) : 0;
		break;
	default:
		rc = MQRC_PROPERTY_TYPE_ERROR;
	}
	if (rc)
		goto out;
	if (mdf) {
		rc = mqm_mdfield_set(&m->md, mdf, Type, np.val, np.vlen);
		goto out;
	}
	if (m->validate && (!strcmp(canon, "jms.Seq") && Type != MQTYPE_INT32))
		rc = MQRC_PROPERTY_TYPE_ERROR;
	if (m->validate && !strcmp(canon, "jms.Cid") && Type != MQTYPE_STRING && Type != MQTYPE_BYTE_STRING)
		rc = MQRC_PROPERTY_TYPE_ERROR;
	if (m->validate && (!strcmp(canon, "jms.Rto") || !strcmp(canon, "mcd.Type") || !strcmp(canon, "jms.Gid")) &&
	    Type != MQTYPE_STRING)
		rc = MQRC_PROPERTY_TYPE_ERROR;
	if (rc)
		goto out;

	if (where == MQSMPO_SET_PROP_UNDER_CURSOR) {
		if (!m->cur_on || strcmp(m->props.v[m->cur].name, canon) != 0) {
			rc = MQRC_PROPERTY_NOT_AVAILABLE;
			goto out;
		}
		at = m->cur;
		if ((rc = mqm_props_insert(&m->props, at + 1, &np)) != 0)
			goto out;
		mqm_props_remove(&m->props, at);
		goto out;
	}
	if (where == MQSMPO_SET_FIRST) {
		for (i = 0; i < m->props.n; i++)
			if (!strcmp(m->props.v[i].name, canon))
				break;
		if (i < m->props.n) {
			if ((rc = mqm_props_insert(&m->props, i + 1, &np)) != 0)
				goto out;
			mqm_props_remove(&m->props, i);
			goto out;
		}
	}
	if (m->validate && mixed(&m->props, canon)) {
		rc = MQRC_PROPERTY_NAME_ERROR;
		goto out;
	}
	if (where == MQSMPO_SET_PROP_BEFORE_CURSOR || where == MQSMPO_SET_PROP_AFTER_CURSOR) {
		if (!m->cur_on) {
			rc = MQRC_PROPERTY_NOT_AVAILABLE;
			goto out;
		}
		at = where == MQSMPO_SET_PROP_BEFORE_CURSOR ? m->cur : m->cur + 1;
	} else {
		at = m->props.n;
	}
	if ((rc = mqm_props_insert(&m->props, at, &np)) != 0)
		goto out;
	if (m->cur_any && at <= m->cur)
		m->cur++;
out:
	pthread_mutex_unlock(&pm_lock);
	free(canon);
	done(pCompCode, pReason, rc);
}

/* ------------------------------------------------------------------------ */
/* MQINQMP                                                                  */

static int ascii_only(const uint8_t *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] >= 0x80)
			return 0;
	return 1;
}

static int ascii_based(MQLONG c)
{
	return c == 1208 || c == 819 || c == 437 || c == 850 || c == 1252 || c == 923 || c == 367 || c == 1051;
}

/* The value of p converted to type want: into out (malloc'd, *olen bytes). */
static MQLONG convert_type(const struct mqm_prop *p, MQLONG want, uint8_t **out, size_t *olen)
{
	char t[80];
	int64_t iv = 0;
	double dv = 0;
	uint8_t *o;
	size_t i;
	int isint = 0, isflt = 0;

	switch (p->type) {
	case MQTYPE_INT8: { int8_t v; memcpy(&v, p->val, 1); iv = v; isint = 1; break; }
	case MQTYPE_INT16: { int16_t v; memcpy(&v, p->val, 2); iv = v; isint = 2; break; }
	case MQTYPE_INT32: { int32_t v; memcpy(&v, p->val, 4); iv = v; isint = 4; break; }
	case MQTYPE_INT64: { int64_t v; memcpy(&v, p->val, 8); iv = v; isint = 8; break; }
	case MQTYPE_FLOAT32: { float v; memcpy(&v, p->val, 4); dv = v; isflt = 4; break; }
	case MQTYPE_FLOAT64: { double v; memcpy(&v, p->val, 8); dv = v; isflt = 8; break; }
	default: break;
	}
	if (want == MQTYPE_STRING) {
		if (p->type == MQTYPE_BOOLEAN) {
			snprintf(t, sizeof t, "%s", p->val[0] ? "TRUE" : "FALSE");
		} else if (p->type == MQTYPE_BYTE_STRING) {
			o = malloc(p->vlen * 2 + 1);
			if (!o)
				return MQRC_STORAGE_NOT_AVAILABLE;
			for (i = 0; i < p->vlen; i++)
				snprintf((char *)o + 2 * i, 3, "%02x", p->val[i]);
			*out = o;
			*olen = p->vlen * 2;
			return 0;
		} else if (isint) {
			snprintf(t, sizeof t, "%lld", (long long)iv);
		} else if (isflt) {
			snprintf(t, sizeof t, isflt == 4 ? "%.9g" : "%.17g", dv);
		} else {
			return MQRC_PROP_CONV_NOT_SUPPORTED;
		}
		*olen = strlen(t);
		if (!(*out = malloc(*olen + 1)))
			return MQRC_STORAGE_NOT_AVAILABLE;
		memcpy(*out, t, *olen + 1);
		return 0;
	}
	if (p->type == MQTYPE_STRING) {
		char *s = malloc(p->vlen + 1), *e;
		if (!s)
			return MQRC_STORAGE_NOT_AVAILABLE;
		memcpy(s, p->val, p->vlen);
		s[p->vlen] = 0;
		if (want == MQTYPE_BOOLEAN) {
			MQLONG b;
			if (!strcasecmp(s, "TRUE") || !strcmp(s, "1"))
				b = 1;
			else if (!strcasecmp(s, "FALSE") || !strcmp(s, "0"))
				b = 0;
			else {
				free(s);
				return MQRC_PROP_NUMBER_FORMAT_ERROR;
			}
			free(s);
			if (!(*out = malloc(4)))
				return MQRC_STORAGE_NOT_AVAILABLE;
			memcpy(*out, &b, 4);
			*olen = 4;
			return 0;
		}
		errno = 0;
		if (want == MQTYPE_FLOAT32 || want == MQTYPE_FLOAT64) {
			dv = strtod(s, &e);
			isflt = want == MQTYPE_FLOAT32 ? 4 : 8;
		} else if (type_size(want) && want != MQTYPE_BOOLEAN) {
			long long v = strtoll(s, &e, 10);
			iv = v;
			isint = (int)type_size(want);
		} else {
			free(s);
			return MQRC_PROP_CONV_NOT_SUPPORTED;
		}
		if (errno || e == s || *e || isspace((unsigned char)s[0]) ||
		    (isint == 1 && (iv < INT8_MIN || iv > INT8_MAX)) ||
		    (isint == 2 && (iv < INT16_MIN || iv > INT16_MAX)) ||
		    (isint == 4 && (iv < INT32_MIN || iv > INT32_MAX)) ||
		    (isflt == 4 && isfinite(dv) && fabs(dv) > 3.4028235e38)) {
			free(s);
			return MQRC_PROP_NUMBER_FORMAT_ERROR;
		}
		free(s);
	} else if (isint) {
		/* widening only */
		if (!(want == MQTYPE_INT16 && isint < 2) && !(want == MQTYPE_INT32 && isint < 4) &&
		    !(want == MQTYPE_INT64 && isint < 8))
			return MQRC_PROP_CONV_NOT_SUPPORTED;
		isint = (int)type_size(want);
	} else if (isflt == 4 && want == MQTYPE_FLOAT64) {
		isflt = 8;
	} else {
		return MQRC_PROP_CONV_NOT_SUPPORTED;
	}
	if (!(o = malloc(8)))
		return MQRC_STORAGE_NOT_AVAILABLE;
	if (isint == 1) { int8_t v = (int8_t)iv; memcpy(o, &v, 1); }
	else if (isint == 2) { int16_t v = (int16_t)iv; memcpy(o, &v, 2); }
	else if (isint == 4) { int32_t v = (int32_t)iv; memcpy(o, &v, 4); }
	else if (isint == 8) { memcpy(o, &iv, 8); }
	else if (isflt == 4) { float v = (float)dv; memcpy(o, &v, 4); }
	else { memcpy(o, &dv, 8); }
	*out = o;
	*olen = isint ? (size_t)isint : (size_t)isflt;
	return 0;
}

/* Where an MQCHARV inside the structure base points. */
static char *charv_at(void *base, MQCHARV *v)
{
	if (v->VSPtr)
		return v->VSPtr;
	if (v->VSOffset)
		return (char *)base + v->VSOffset;
	return NULL;
}

void MQENTRY MQINQMP(MQHCONN Hconn, MQHMSG Hmsg, PMQVOID pInqPropOpts, PMQVOID pName, PMQVOID pPropDesc,
		     PMQLONG pType, MQLONG ValueLength, PMQVOID pValue, PMQLONG pDataLength,
		     PMQLONG pCompCode, PMQLONG pReason)
{
	struct hmsg *m;
	MQIMPO impo;
	MQPD *pd = pPropDesc;
	char *canon = NULL;
	const char *raw;
	size_t rawlen, i, start, outlen = 0;
	const struct mqm_prop *p;
	struct mqm_prop mdp;        /* a Root.MQMD.* field, when the name is one */
	int field = 0;
	uint8_t *conv = NULL;
	const uint8_t *outv;
	MQLONG rc, opts, which, cc = MQCC_OK, warn = 0, rtype, renc = MQENC_NATIVE, rccsid = 0;

	if (!pCompCode || !pReason)
		return;
	pthread_mutex_lock(&pm_lock);
	if ((rc = hm_get(Hconn, Hmsg, &m)) != 0)
		goto out;
	if (!pInqPropOpts || memcmp(pInqPropOpts, MQIMPO_STRUC_ID, 4) != 0) {
		rc = MQRC_IMPO_ERROR;
		goto out;
	}
	memcpy(&impo, pInqPropOpts, sizeof impo);
	opts = impo.Options;
	which = opts & (MQIMPO_INQ_NEXT | MQIMPO_INQ_PROP_UNDER_CURSOR);
	if (impo.Version != MQIMPO_VERSION_1 || which == (MQIMPO_INQ_NEXT | MQIMPO_INQ_PROP_UNDER_CURSOR) ||
	    (opts & ~(MQIMPO_INQ_NEXT | MQIMPO_INQ_PROP_UNDER_CURSOR | MQIMPO_CONVERT_TYPE | MQIMPO_QUERY_LENGTH |
		      MQIMPO_CONVERT_VALUE))) {
		rc = MQRC_IMPO_ERROR;
		goto out;
	}
	if (!pd || memcmp(pd->StrucId, MQPD_STRUC_ID, 4) != 0 || pd->Version != MQPD_VERSION_1) {
		rc = MQRC_PD_ERROR;
		goto out;
	}
	if (!pType || (opts & MQIMPO_CONVERT_TYPE && *pType != MQTYPE_AS_SET && *pType != MQTYPE_NULL &&
		       *pType != MQTYPE_STRING && *pType != MQTYPE_BYTE_STRING && !type_size(*pType))) {
		rc = MQRC_PROPERTY_TYPE_ERROR;
		goto out;
	}
	if (ValueLength < 0) {
		rc = MQRC_BUFFER_LENGTH_ERROR;
		goto out;
	}
	if (ValueLength > 0 && !pValue && !(opts & MQIMPO_QUERY_LENGTH)) {
		rc = MQRC_BUFFER_ERROR;
		goto out;
	}
	if (!pDataLength) {
		rc = MQRC_DATA_LENGTH_ERROR;
		goto out;
	}
	if (!(canon = malloc(CANON_MAX))) {
		rc = MQRC_STORAGE_NOT_AVAILABLE;
		goto out;
	}
	if (which == MQIMPO_INQ_PROP_UNDER_CURSOR) {
		if (!m->cur_on) {
			rc = MQRC_PROPERTY_NOT_AVAILABLE;
			goto out;
		}
		i = m->cur;
	} else {
		if ((rc = charv_name(pName, canon, &raw, &rawlen)) != 0)
			goto out;
		if (rawlen == 1 && raw[0] == '%')
			strcpy(canon, "%");
		if (mqm_mdfield_named(raw, rawlen) && !memchr(raw, '%', rawlen)) {
			const struct mqm_mdfield *f = mqm_mdfield_find(raw, rawlen);
			if (!f) {
				rc = MQRC_PROPERTY_NAME_ERROR;
				goto out;
			}
			memset(&mdp, 0, sizeof mdp);
			memcpy(canon, raw, rawlen);
			canon[rawlen] = 0;
			mdp.name = canon;
			mdp.namelen = rawlen;
			mdp.type = f->type;
			mdp.val = (uint8_t *)mqm_mdfield_value(&m->md, f);
			mdp.vlen = f->size;
			mdp.ccsid = f->type == MQTYPE_STRING ? APPL_CCSID : 0;
			mdp.support = MQPD_SUPPORT_OPTIONAL;
			mdp.context = MQPD_NO_CONTEXT;
			mdp.copy = MQCOPY_DEFAULT;
			field = 1;
			goto found;
		}
		/* INQ_NEXT with another name than the last call's is INQ_FIRST, as MQ */
		if (which == MQIMPO_INQ_NEXT && (!m->last || strcmp(m->last, canon) != 0))
			which = MQIMPO_INQ_FIRST;
		if (!m->last || strcmp(m->last, canon) != 0) {
			char *l = strdup(canon);
			if (!l) {
				rc = MQRC_STORAGE_NOT_AVAILABLE;
				goto out;
			}
			free(m->last);
			m->last = l;
		}
		start = which == MQIMPO_INQ_NEXT && m->cur_any ? m->cur + 1 : 0;
		if (which == MQIMPO_INQ_NEXT && m->cur_any && !m->cur_on)
			start = m->cur;     /* the cursor sits where a deleted property was */
		for (i = start; i < m->props.n; i++)
			if (mqm_prop_match(m->props.v[i].name, canon))
				break;
		if (i >= m->props.n) {
			rc = MQRC_PROPERTY_NOT_AVAILABLE;
			goto out;
		}
	}
	p = &m->props.v[i];
found:
	if (field)
		p = &mdp;
	rtype = p->type;
	outv = p->val;
	outlen = p->vlen;
	if (p->type == MQTYPE_STRING)
		rccsid = p->ccsid;
	if (opts & MQIMPO_CONVERT_TYPE && *pType != MQTYPE_AS_SET && *pType != p->type && p->type != MQTYPE_NULL) {
		if ((rc = convert_type(p, *pType, &conv, &outlen)) != 0)
			goto out;
		rtype = *pType;
		outv = conv;
		if (rtype == MQTYPE_STRING)
			rccsid = APPL_CCSID;
	}
	if (rtype == MQTYPE_BOOLEAN && !conv) {
		/* kept as one byte, returned as an MQBOOL */
		MQLONG b = p->val[0] ? 1 : 0;
		if (!(conv = malloc(4))) {
			rc = MQRC_STORAGE_NOT_AVAILABLE;
			goto out;
		}
		memcpy(conv, &b, 4);
		outv = conv;
		outlen = 4;
	}
	if (opts & MQIMPO_CONVERT_VALUE) {
		if (rtype == MQTYPE_STRING) {
			MQLONG want = impo.RequestedCCSID;
			if (want == MQCCSI_APPL || want == MQCCSI_DEFAULT || want == MQCCSI_INHERIT)
				want = APPL_CCSID;
			if (want == rccsid || (ascii_based(want) && ascii_based(rccsid) && ascii_only(outv, outlen)))
				rccsid = want;
			else
				warn = MQRC_PROP_VALUE_NOT_CONVERTED;
		} else if (type_size(rtype)) {
			size_t n = rtype == MQTYPE_BOOLEAN ? 4 : outlen;
			if (swap_for(impo.RequestedEncoding, rtype == MQTYPE_BOOLEAN ? MQTYPE_INT32 : rtype)) {
				if (!conv) {
					if (!(conv = malloc(n))) {
						rc = MQRC_STORAGE_NOT_AVAILABLE;
						goto out;
					}
					memcpy(conv, outv, n);
					outv = conv;
				}
				swap_bytes(conv, n);
			}
			renc = impo.RequestedEncoding;
		}
	}
	/* the outputs */
	if (!(opts & MQIMPO_QUERY_LENGTH) && outlen > (size_t)ValueLength)
		warn = MQRC_PROPERTY_VALUE_TOO_BIG;
	if (!(opts & MQIMPO_QUERY_LENGTH) && outlen && ValueLength > 0)
		memcpy(pValue, outv, outlen < (size_t)ValueLength ? outlen : (size_t)ValueLength);
	*pDataLength = (MQLONG)outlen;
	*pType = rtype;
	pd->Support = p->support;
	pd->Context = p->context;
	pd->CopyOptions = p->copy;
	{
		MQIMPO *u = pInqPropOpts;
		char *rn = charv_at(u, &u->ReturnedName);
		u->ReturnedEncoding = renc;
		u->ReturnedCCSID = rccsid;
		memset(u->TypeString, 0, sizeof u->TypeString);
		if (p->typestr[0]) {
			memcpy(u->TypeString, p->typestr, strlen(p->typestr));
			if (!warn)
				warn = MQRC_PROP_TYPE_NOT_SUPPORTED;
		}
		if (rn || u->ReturnedName.VSBufSize > 0) {
			size_t bs = u->ReturnedName.VSBufSize > 0 ? (size_t)u->ReturnedName.VSBufSize : 0;
			const char *shown = mqm_prop_shown(p->name);
			size_t sl = strlen(shown);
			u->ReturnedName.VSLength = (MQLONG)sl;
			u->ReturnedName.VSCCSID = APPL_CCSID;
			if (sl > bs && rn) {
				/* MQ fails the call: the name does not fit */
				rc = MQRC_PROPERTY_NAME_TOO_BIG;
				goto out;
			}
			if (rn && sl)
				memcpy(rn, shown, sl);
		}
	}
	if (!field) {
		m->cur = i;
		m->cur_on = 1;
		m->cur_any = 1;
	}
	if (warn)
		cc = MQCC_WARNING;
out:
	pthread_mutex_unlock(&pm_lock);
	free(conv);
	free(canon);
	if (rc) {
		*pCompCode = MQCC_FAILED;
		*pReason = rc;
	} else {
		*pCompCode = cc;
		*pReason = warn;
	}
}

void MQENTRY MQDLTMP(MQHCONN Hconn, MQHMSG Hmsg, PMQVOID pDltPropOpts, PMQVOID pName, PMQLONG pCompCode,
		     PMQLONG pReason)
{
	struct hmsg *m;
	char *canon = NULL;
	const char *raw;
	size_t rawlen, i;
	MQLONG rc, opts, cc = MQCC_FAILED;

	if (!pCompCode || !pReason)
		return;
	pthread_mutex_lock(&pm_lock);
	if ((rc = hm_get(Hconn, Hmsg, &m)) != 0)
		goto out;
	if ((rc = opts_check(pDltPropOpts, MQDMPO_STRUC_ID, MQRC_DMPO_ERROR, &opts)) != 0)
		goto out;
	if (opts != MQDMPO_DEL_FIRST && opts != MQDMPO_DEL_PROP_UNDER_CURSOR) {
		rc = MQRC_DMPO_ERROR;
		goto out;
	}
	if (!(canon = malloc(CANON_MAX))) {
		rc = MQRC_STORAGE_NOT_AVAILABLE;
		goto out;
	}
	if ((rc = charv_name(pName, canon, &raw, &rawlen)) != 0)
		goto out;
	if (memchr(raw, '%', rawlen)) {
		rc = MQRC_PROPERTY_NAME_ERROR;
		goto out;
	}
	if (mqm_mdfield_named(raw, rawlen)) {
		/* a Root.MQMD.* field goes back to its default (propmd.c) */
		const struct mqm_mdfield *f = mqm_mdfield_find(raw, rawlen);
		if (!f) {
			rc = MQRC_PROPERTY_NAME_ERROR;
			goto out;
		}
		mqm_mdfield_reset(&m->md, f);
		goto out;
	}
	if (opts == MQDMPO_DEL_PROP_UNDER_CURSOR) {
		if (!m->cur_on || strcmp(m->props.v[m->cur].name, canon) != 0) {
			rc = MQRC_PROPERTY_NOT_AVAILABLE;
			goto out;
		}
		i = m->cur;
	} else {
		for (i = 0; i < m->props.n; i++)
			if (!strcmp(m->props.v[i].name, canon))
				break;
		if (i == m->props.n) {
			/* nothing of that name: MQ completes with a warning */
			cc = MQCC_WARNING;
			rc = MQRC_PROPERTY_NOT_AVAILABLE;
			goto out;
		}
	}
	mqm_props_remove(&m->props, i);
	if (m->cur_any) {
		if (i == m->cur)
			m->cur_on = 0;      /* INQ_NEXT continues at what followed it */
		else if (i < m->cur)
			m->cur--;
	}
	cc = MQCC_OK;
out:
	pthread_mutex_unlock(&pm_lock);
	free(canon);
	*pCompCode = rc ? cc : MQCC_OK;
	*pReason = rc;
}

/* ------------------------------------------------------------------------ */
/* MQMHBUF, MQBUFMH                                                         */

void MQENTRY MQMHBUF(MQHCONN Hconn, MQHMSG Hmsg, PMQVOID pMsgHBufOpts, PMQVOID pName, PMQVOID pMsgDesc,
		     MQLONG BufferLength, PMQVOID pBuffer, PMQLONG pDataLength, PMQLONG pCompCode,
		     PMQLONG pReason)
{
	struct hmsg *m;
	char *canon = NULL;
	const char *raw;
	size_t rawlen, len = 0, count = 0, i;
	uint8_t *rfh = NULL;
	MQLONG rc, opts, mdv;
	MQMD *md = pMsgDesc;

	if (!pCompCode || !pReason)
		return;
	pthread_mutex_lock(&pm_lock);
	if ((rc = hm_get(Hconn, Hmsg, &m)) != 0)
		goto out;
	if ((rc = opts_check(pMsgHBufOpts, MQMHBO_STRUC_ID, MQRC_MHBO_ERROR, &opts)) != 0)
		goto out;
	if (opts & ~(MQMHBO_PROPERTIES_IN_MQRFH2 | MQMHBO_DELETE_PROPERTIES)) {
		rc = MQRC_MHBO_ERROR;
		goto out;
	}
	if (!(canon = malloc(CANON_MAX))) {
		rc = MQRC_STORAGE_NOT_AVAILABLE;
		goto out;
	}
	if ((rc = charv_name(pName, canon, &raw, &rawlen)) != 0)
		goto out;
	if (rawlen == 1 && raw[0] == '%')
		strcpy(canon, "%");
	if (!(mdv = mqm_md_version(pMsgDesc, &rc)))
		goto out;
	if (BufferLength < 0) {
		rc = MQRC_BUFFER_LENGTH_ERROR;
		goto out;
	}
	if (!pDataLength) {
		rc = MQRC_DATA_LENGTH_ERROR;
		goto out;
	}
	if ((rc = mqm_rfh2_encode(&m->props, canon, MQENC_NATIVE, md->Encoding, md->CodedCharSetId, md->Format,
				  &rfh, &len, &count)) != 0)
		goto out;
	*pDataLength = (MQLONG)len;
	if (!count) {
		rc = MQRC_PROPERTY_NOT_AVAILABLE;
		goto out;
	}
	if (len > (size_t)BufferLength) {
		rc = MQRC_PROPERTY_VALUE_TOO_BIG;
		goto out;
	}
	if (!pBuffer) {
		rc = MQRC_BUFFER_ERROR;
		goto out;
	}
	memcpy(pBuffer, rfh, len);
	md->Encoding = MQENC_NATIVE;
	memcpy(md->Format, MQFMT_RF_HEADER_2, MQ_FORMAT_LENGTH);
	if (opts & MQMHBO_DELETE_PROPERTIES) {
		for (i = m->props.n; i-- > 0;)
			if (mqm_prop_match(m->props.v[i].name, canon))
				mqm_props_remove(&m->props, i);
		m->cur_any = m->cur_on = 0;
		m->cur = 0;
	}
out:
	pthread_mutex_unlock(&pm_lock);
	free(rfh);
	free(canon);
	done(pCompCode, pReason, rc);
}

/* Properties of the leading MQRFH2s of buf (format fmt, encoding enc) appended
 * to props; *strip the bytes those headers take when every one holds nothing
 * but properties (0 otherwise), with what then describes the data. */
static MQLONG rfh2_chain(const uint8_t *buf, size_t len, const char *fmt, MQLONG enc, MQLONG ccsid,
			 struct mqm_props *props, size_t *strip, MQLONG *nenc, MQLONG *nccsid, char *nfmt)
{
	size_t pos = 0;
	MQLONG rc;
	int all = 1;
	char f[8];
	memcpy(f, fmt, 8);
	*nenc = enc;
	*nccsid = ccsid;
	while (!memcmp(f, MQFMT_RF_HEADER_2, 8) && pos < len) {
		struct mqm_rfh2_info info;
		if ((rc = mqm_rfh2_decode(buf + pos, len - pos, enc, props, &info)) != 0)
			return rc;
		pos += info.len;
		all = all && info.only_props;
		enc = info.next_enc;
		memcpy(f, info.next_fmt, 8);
		if (all) {
			*nenc = info.next_enc;
			*nccsid = info.next_ccsid == MQCCSI_INHERIT ? *nccsid : info.next_ccsid;
			memcpy(nfmt, info.next_fmt, 8);
			*strip = pos;
		}
	}
	return 0;
}

void MQENTRY MQBUFMH(MQHCONN Hconn, MQHMSG Hmsg, PMQVOID pBufMsgHOpts, PMQVOID pMsgDesc,
		     MQLONG BufferLength, PMQVOID pBuffer, PMQLONG pDataLength, PMQLONG pCompCode,
		     PMQLONG pReason)
{
	struct hmsg *m;
	struct mqm_props got = { NULL, 0, 0 };
	MQLONG rc, opts, nenc, nccsid;
	MQMD *md = pMsgDesc;
	size_t strip = 0, i;
	char nfmt[8] = { 0 };

	if (!pCompCode || !pReason)
		return;
	pthread_mutex_lock(&pm_lock);
	if ((rc = hm_get(Hconn, Hmsg, &m)) != 0)
		goto out;
	if ((rc = opts_check(pBufMsgHOpts, MQBMHO_STRUC_ID, MQRC_BMHO_ERROR, &opts)) != 0)
		goto out;
	if (opts & ~MQBMHO_DELETE_PROPERTIES) {
		rc = MQRC_BMHO_ERROR;
		goto out;
	}
	if (!mqm_md_version(pMsgDesc, &rc))
		goto out;
	if (BufferLength < 0) {
		rc = MQRC_BUFFER_LENGTH_ERROR;
		goto out;
	}
	if (BufferLength > 0 && !pBuffer) {
		rc = MQRC_BUFFER_ERROR;
		goto out;
	}
	if (!pDataLength) {
		rc = MQRC_DATA_LENGTH_ERROR;
		goto out;
	}
	if ((rc = rfh2_chain(pBuffer, (size_t)BufferLength, md->Format, md->Encoding, md->CodedCharSetId, &got,
			     &strip, &nenc, &nccsid, nfmt)) != 0)
		goto out;
	/* a property already in the handle takes the new value; others are added */
	for (i = 0; i < got.n && !rc; i++) {
		size_t j;
		for (j = 0; j < m->props.n; j++)
			if (!strcmp(m->props.v[j].name, got.v[i].name))
				break;
		if (j < m->props.n) {
			if ((rc = mqm_props_insert(&m->props, j + 1, &got.v[i])) == 0)
				mqm_props_remove(&m->props, j);
		} else {
			rc = mqm_props_insert(&m->props, m->props.n, &got.v[i]);
		}
	}
	if (rc)
		goto out;
	if (opts & MQBMHO_DELETE_PROPERTIES && strip) {
		memmove(pBuffer, (uint8_t *)pBuffer + strip, (size_t)BufferLength - strip);
		md->Encoding = nenc;
		md->CodedCharSetId = nccsid;
		memcpy(md->Format, nfmt, 8);
		*pDataLength = BufferLength - (MQLONG)strip;
	} else {
		*pDataLength = BufferLength;
	}
out:
	pthread_mutex_unlock(&pm_lock);
	mqm_props_clear(&got);
	done(pCompCode, pReason, rc);
}

/* ------------------------------------------------------------------------ */
/* properties travelling with messages (MQPUT, MQPUT1, MQGET: verbs.c)      */

/* Properties of orig a message made with Action takes (MQPD CopyOptions). */
static int copied(const struct mqm_prop *p, MQLONG action)
{
	MQLONG bit = action == MQACTP_FORWARD ? MQCOPY_FORWARD : action == MQACTP_REPLY ? MQCOPY_REPLY
		   : action == MQACTP_REPORT ? MQCOPY_REPORT : 0;
	if (action == MQACTP_NEW)
		return 1;
	return (p->copy & MQCOPY_ALL) || (p->copy & bit);
}

MQLONG mqm_props_for_put(MQHCONN hconn, const MQPMO *pmo, MQMD *md, const void *buf, MQLONG len, void **nbuf,
			 MQLONG *nlen)
{
	struct hmsg *o = NULL, *n = NULL;
	struct mqm_props all = { NULL, 0, 0 };
	uint8_t *rfh = NULL, *out;
	size_t rl = 0, count = 0, i, j, norig;
	MQLONG rc = 0;

	*nbuf = NULL;
	if (pmo->Version < MQPMO_VERSION_3 || (pmo->OriginalMsgHandle == MQHM_NONE && pmo->NewMsgHandle == MQHM_NONE))
		return 0;
	if (pmo->Action != MQACTP_NEW && pmo->Action != MQACTP_FORWARD && pmo->Action != MQACTP_REPLY &&
	    pmo->Action != MQACTP_REPORT)
		return MQRC_ACTION_ERROR;
	pthread_mutex_lock(&pm_lock);
	if (pmo->OriginalMsgHandle != MQHM_NONE)
		rc = hm_get(hconn, pmo->OriginalMsgHandle, &o);
	if (!rc && pmo->NewMsgHandle != MQHM_NONE)
		rc = hm_get(hconn, pmo->NewMsgHandle, &n);
	if (rc == MQRC_HCONN_ERROR)
		rc = MQRC_HMSG_ERROR;
	for (i = 0; !rc && o && i < o->props.n; i++)
		if (copied(&o->props.v[i], pmo->Action))
			rc = mqm_props_insert(&all, all.n, &o->props.v[i]);
	/* the new handle's properties replace the original's of the same name */
	norig = all.n;
	for (i = 0; !rc && n && i < n->props.n; i++) {
		for (j = norig; j-- > 0;)
			if (!strcmp(all.v[j].name, n->props.v[i].name)) {
				mqm_props_remove(&all, j);
				norig--;
			}
		rc = mqm_props_insert(&all, all.n, &n->props.v[i]);
	}
	pthread_mutex_unlock(&pm_lock);
	/* every queue is local: REQUIRED and REQUIRED_IF_LOCAL both want support */
	for (i = 0; !rc && i < all.n; i++)
		if (all.v[i].support != MQPD_SUPPORT_OPTIONAL && !mqm_prop_supported(all.v[i].name))
			rc = MQRC_UNSUPPORTED_PROPERTY;
	if (!rc)
		rc = mqm_rfh2_encode(&all, NULL, MQENC_NATIVE, md->Encoding, MQCCSI_INHERIT, md->Format, &rfh, &rl,
				     &count);
	mqm_props_clear(&all);
	if (rc || !count)
		return rc;
	if (rl + (size_t)len > 0x7fffffff || !(out = malloc(rl + (size_t)len + 1))) {
		free(rfh);
		return rl + (size_t)len > 0x7fffffff ? MQRC_MSG_TOO_BIG_FOR_Q_MGR : MQRC_STORAGE_NOT_AVAILABLE;
	}
	memcpy(out, rfh, rl);
	if (len)
		memcpy(out + rl, buf, (size_t)len);
	free(rfh);
	md->Encoding = MQENC_NATIVE;
	memcpy(md->Format, MQFMT_RF_HEADER_2, MQ_FORMAT_LENGTH);
	*nbuf = out;
	*nlen = (MQLONG)(rl + (size_t)len);
	return 0;
}

MQLONG mqm_props_get_check(MQHCONN hconn, const MQGMO *gmo, MQLONG gmov, int *want)
{
	struct hmsg *m;
	MQLONG rc = 0;
	int has = gmov >= MQGMO_VERSION_4 && gmo->MsgHandle != MQHM_NONE;
	*want = 0;
	if (!has)
		return gmo->Options & MQGMO_PROPERTIES_IN_HANDLE ? MQRC_HMSG_ERROR : 0;
	pthread_mutex_lock(&pm_lock);
	rc = hm_get(hconn, gmo->MsgHandle, &m);
	pthread_mutex_unlock(&pm_lock);
	if (rc)
		return MQRC_HMSG_ERROR;
	*want = !(gmo->Options & (MQGMO_NO_PROPERTIES | MQGMO_PROPERTIES_FORCE_MQRFH2 |
				  MQGMO_PROPERTIES_COMPATIBILITY));
	return 0;
}

MQLONG mqm_props_got(MQHCONN hconn, MQHMSG hmsg, const uint8_t *p, size_t plen)
{
	struct hmsg *m;
	struct mqm_props got = { NULL, 0, 0 };
	size_t strip = 0;
	MQLONG rc, e, c;
	char f[8];
	if (plen && (rc = rfh2_chain(p, plen, MQFMT_RF_HEADER_2, MQENC_NATIVE, 0, &got, &strip, &e, &c, f)) != 0) {
		mqm_props_clear(&got);
		got.n = 0;
	} else {
		rc = 0;
	}
	pthread_mutex_lock(&pm_lock);
	if (hm_get(hconn, hmsg, &m) == 0) {
		/* what the handle held before goes: it now stands for this message */
		mqm_props_clear(&m->props);
		m->props = got;
		got.v = NULL;
		got.n = got.cap = 0;
		m->cur = 0;
		m->cur_on = m->cur_any = 0;
	}
	pthread_mutex_unlock(&pm_lock);
	mqm_props_clear(&got);
	return rc;
}

MQLONG mqm_props_md_get(MQHCONN hconn, MQHMSG hmsg, MQMD *md)
{
	struct hmsg *m;
	MQLONG rc;
	pthread_mutex_lock(&pm_lock);
	if ((rc = hm_get(hconn, hmsg, &m)) == 0)
		*md = m->md;
	pthread_mutex_unlock(&pm_lock);
	return rc ? MQRC_HMSG_ERROR : 0;
}

MQLONG mqm_props_md_set(MQHCONN hconn, MQHMSG hmsg, const MQMD *md)
{
	struct hmsg *m;
	MQLONG rc;
	pthread_mutex_lock(&pm_lock);
	if ((rc = hm_get(hconn, hmsg, &m)) == 0) {
		m->md = *md;
		memcpy(m->md.StrucId, MQMD_STRUC_ID, 4);
		m->md.Version = MQMD_VERSION_2;
	}
	pthread_mutex_unlock(&pm_lock);
	return rc ? MQRC_HMSG_ERROR : 0;
}
