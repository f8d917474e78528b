/*
 * pubsub_admin.c: subscriptions as MQSC sees and changes them (struct
 * mqsc_runtime's subs, pubs, sub_define, sub_delete; qm/admin/mqsc_sub.c
 * parses and shows).
 *
 * DEFINE SUB makes an administrative subscription (SUBTYPE(ADMIN)), always
 * durable, kept like an application's durable one (pubsub_dur.c): its topic
 * as MQSUB's (TOPICOBJ then TOPICSTR), DESTCLAS(PROVIDED) needs DEST, a local
 * queue that is not temporary dynamic; DESTCLAS(MANAGED) makes a permanent
 * dynamic queue from the topic's MDURMDL, as MQSUB does.  DURSUB(NO) or
 * SUB(DISABLED) resolved, a topic object that does not exist, a bad topic
 * string, no SYSTEM.DURABLE.SUBSCRIBER.QUEUE: AMQ8957E saying which.  A name
 * in use: AMQ8150E (REPLACE: as ALTER).  SELECTOR (mqsc_sub.c checked its
 * grammar) is compiled as MQSUB's SelectionString and kept in the record.
 * ALTER SUB (and DEFINE SUB REPLACE of one that exists) changes a durable
 * subscription, application's or administrative, in one logged rewrite of
 * its record: USERDATA, DEST (unmanaged), PSPROP, PUBPRTY, REQONLY, VARUSER,
 * EXPIRY, SUBLEVEL, SUBUSER, PUBACCT, PUBAPPID, DESTCORL; its topic, wildcard
 * scheme, DESTCLAS and SELECTOR cannot change (AMQ8957E), and a non-durable one cannot
 * be altered (it belongs to its application's handle).
 * DELETE SUB removes a durable subscription whose handle is not open (else
 * AMQ8148E, as MQ answers for one in use), and its managed queue; a
 * non-durable one is always in use.
 */
#include "qm/server/pubsub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmqcfc.h"
#include "log/qmerr.h"
#include "qm/admin/mqsc.h"
#include "qm/home/msgcat.h"
#include "qm/store/objstore.h"

static char *dup_s(const char *s)
{
	size_t n = strlen(s);
	char *d = malloc(n + 1);
	if (d)
		memcpy(d, s, n + 1);
	return d;
}

int ps_rt_subs(void *arg, struct mqsc_sub **vp, size_t *np)
{
	struct qm *qm = arg;
	*vp = NULL;
	*np = 0;
	if (ps_load(qm) != 0)
		return -1;
	size_t n = 0;
	for (struct ps_sub *s = qm->subs; s; s = s->next)
		n++;
	struct mqsc_sub *v = n ? calloc(n, sizeof *v) : NULL;
	if (n && !v)
		return -1;
	size_t k = 0;
	for (struct ps_sub *s = qm->subs; s; s = s->next, k++) {
		struct mqsc_sub *x = &v[k];
		x->name = dup_s(s->name ? s->name : "");
		x->topic = dup_s(s->topic);
		x->userdata = dup_s(s->udata ? s->udata : "");
		x->selector = dup_s(s->sel ? sel_text(s->sel) : "");
		if (!x->name || !x->topic || !x->userdata || !x->selector) {
			mqsc_subs_free(v, k + 1);
			return -1;
		}
		snprintf(x->topicobj, sizeof x->topicobj, "%s", s->topicobj);
		snprintf(x->dest, sizeof x->dest, "%s", s->dest);
		snprintf(x->user, sizeof x->user, "%s", s->user);
		memcpy(x->subid, s->subid, 24);
		memcpy(x->correl, s->correl, 24);
		memcpy(x->acct, s->acct, 32);
		mqi_field(x->applid, s->appl_id, 32);
		x->durable = s->durable;
		x->managed = s->managed[0] != 0;
		x->subtype = s->subtype;
		x->options = s->options;
		x->pubprty = s->pub_priority;
		x->expiry = s->expiry;
		x->level = s->level;
		x->psprop = s->psprop;
		x->cr_ms = s->cr_ms;
		x->alt_ms = s->alt_ms;
		x->active = s->hsub != NULL;
		if (s->owner)
			conn_identifier(qm, s->owner, x->conn);
		x->resume_ms = s->resume_ms;
		x->lmsg_ms = s->lmsg_ms;
		x->nummsgs = s->nummsgs;
	}
	*vp = v;
	*np = n;
	return 0;
}

int ps_rt_pubs(void *arg, struct mqsc_pub **vp, size_t *np)
{
	struct qm *qm = arg;
	size_t n = 0, k = 0;
	*vp = NULL;
	*np = 0;
	for (struct conn *c = qm->conns; c; c = c->next)
		for (size_t i = 0; i < c->nh; i++)
			n += c->h[i] && c->h[i]->topic;
	struct mqsc_pub *v = n ? calloc(n, sizeof *v) : NULL;
	if (n && !v)
		return -1;
	for (struct conn *c = qm->conns; c; c = c->next)
		for (size_t i = 0; i < c->nh; i++) {
			struct hobj *h = c->h[i];
			if (!h || !h->topic)
				continue;
			struct mqsc_pub *x = &v[k++];
			if (!(x->topic = dup_s(h->topic->str))) {
				mqsc_pubs_free(v, k);
				return -1;
			}
			conn_identifier(qm, c, x->conn);
			x->lpub_ms = h->topic->lpub_ms;
			x->npubs = h->topic->npubs;
		}
	*vp = v;
	*np = k;
	return 0;
}

#define REFUSE(...)                                         \
	do {                                                \
		snprintf(err, errlen, __VA_ARGS__);         \
		return AMQ_SUB_REFUSED;                     \
	} while (0)

/* The attributes MQSC may give, from in into s (all but the topic, the
 * wildcard scheme and DESTCLAS). */
static int take_fields(struct qm *qm, struct ps_sub *s, const struct mqsc_sub *in, char **ud)
{
	if (!(*ud = dup_s(in->userdata ? in->userdata : "")))
		return -1;
	s->udata = *ud;
	s->udlen = (uint32_t)strlen(*ud);
	s->pub_priority = in->pubprty;
	s->expiry = in->expiry;
	s->level = in->level;
	s->psprop = in->psprop;
	s->options = in->options | MQSO_DURABLE | (s->managed[0] ? MQSO_MANAGED : 0);
	snprintf(s->user, sizeof s->user, "%s", in->user[0] ? in->user : qm->user);
	static const uint8_t zero[24];
	if (memcmp(in->correl, zero, 24) != 0) {
		memcpy(s->correl, in->correl, 24);
		s->options |= MQSO_SET_CORREL_ID;
	}
	memcpy(s->acct, in->acct, 32);
	mqi_blank(s->appl_id, sizeof s->appl_id, in->applid);
	return 0;
}

static int sub_alter(struct qm *qm, struct ps_sub *s, const struct mqsc_sub *in, char *err, size_t errlen)
{
	if (!s->durable)
		REFUSE("subscription %s is not durable: it belongs to its application's handle", s->name ? s->name : "");
	if (strcmp(in->topic, s->topic) != 0)
		REFUSE("the topic string of a subscription cannot change (it is '%.64s')", s->topic);
	if (((in->options & MQSO_WILDCARD_CHAR) != 0) != ((s->options & MQSO_WILDCARD_CHAR) != 0))
		REFUSE("the wildcard schema of a subscription cannot change");
	if (in->managed != (s->managed[0] != 0))
		REFUSE("DESTCLAS of a subscription cannot change");
	if (strcmp(in->selector ? in->selector : "", s->sel ? sel_text(s->sel) : "") != 0)
		REFUSE("the SELECTOR of a subscription cannot change");
	struct ps_sub n = *s;
	if (!n.managed[0]) {
		struct qobj *d = qm_qfind(qm, in->dest);
		if (!d || !d->q || d->temp)
			REFUSE("DEST(%s) is not a local queue that may hold a durable subscription's publications", in->dest);
		snprintf(n.dest, sizeof n.dest, "%s", d->def.name);
	}
	char *ud;
	if (take_fields(qm, &n, in, &ud))
		REFUSE("out of memory");
	n.alt_ms = qm_now_ms();
	MQLONG rc = ps_dur_write(qm, s, &n);
	if (rc) {
		free(ud);
		REFUSE("its record could not be written (reason %d)", (int)rc);
	}
	free(s->udata);
	struct ps_sub *nx = s->next, *pv = s->prev;
	*s = n;
	s->next = nx;
	s->prev = pv;
	return 0;
}

int ps_rt_sub_define(void *arg, const struct mqsc_sub *in, int mode, char *err, size_t errlen)
{
	struct qm *qm = arg;
	err[0] = 0;
	if (ps_load(qm) != 0)
		REFUSE("the durable subscriptions cannot be read from %s", PS_DSQ);
	uint32_t nl = (uint32_t)strlen(in->name);
	struct ps_sub *old = ps_sub_by_name(qm, in->name, nl);
	if (mode == 2 && !old) {
		snprintf(err, errlen, "%s", in->name);
		return AMQ_OBJECT_NOT_FOUND;
	}
	if (old && mode == 0) {
		snprintf(err, errlen, "%s", in->name);
		return AMQ_OBJECT_EXISTS;
	}
	if (old)
		return sub_alter(qm, old, in, err, errlen);
	/* a new administrative subscription */
	char *str;
	MQLONG rc = ps_topic_string(qm, in->topicobj, in->topic, (uint32_t)strlen(in->topic), &str);
	if (rc == MQRC_UNKNOWN_OBJECT_NAME && in->topicobj[0])
		REFUSE("topic object %s does not exist", in->topicobj);
	if (rc)
		REFUSE("the topic (TOPICOBJ and TOPICSTR) is not valid (reason %d)", (int)rc);
	struct objdef res;
	int bad = (in->options & MQSO_WILDCARD_CHAR) && !ps_char_pattern_ok(str);
	if (bad || ps_resolve(qm, str, &res) != QM_OK) {
		free(str);
		REFUSE(bad ? "a '%%' in the topic string escapes neither '*', '?' nor '%%'" : "out of memory");
	}
	const char *why = res.inhibit_sub == MQTA_SUB_INHIBITED     ? "the topic is SUB(DISABLED)"
			  : res.durable_sub == MQSUB_DURABLE_INHIBITED ? "the topic is DURSUB(NO)"
			  : !ps_dsq(qm)                                 ? "there is no " PS_DSQ
									: NULL;
	struct qobj *model = NULL, *d = NULL;
	if (!why && in->managed && !(model = ps_managed_model(qm, &res, 1)))
		why = "the topic's MDURMDL is no permanent dynamic model queue";
	if (!why && !in->managed && (!(d = qm_qfind(qm, in->dest)) || !d->q || d->temp))
		why = "DEST names no local queue that may hold a durable subscription's publications";
	if (why) {
		free(str);
		REFUSE("%s", why);
	}
	struct ps_sub *s = calloc(1, sizeof *s);
	char *ud = NULL;
	if (!s || !(s->name = dup_s(in->name)) || take_fields(qm, s, in, &ud)) {
		if (s)
			ps_sub_free(s);
		free(str);
		REFUSE("out of memory");
	}
	s->topic = str;
	s->namelen = nl;
	s->durable = 1;
	s->subtype = MQSUBTYPE_ADMIN;
	if (in->selector && in->selector[0]) {
		size_t pos;
		MQLONG src = sel_compile(in->selector, strlen(in->selector), &s->sel, &pos);
		if (src) {
			ps_sub_free(s);
			REFUSE("SELECTOR is not a valid selection string (reason %d)", (int)src);
		}
	}
	snprintf(s->topicobj, sizeof s->topicobj, "%s", in->topicobj);
	s->cr_ms = s->alt_ms = qm_now_ms();
	if (!(s->options & MQSO_SET_CORREL_ID))
		mqi_new_id(qm, s->correl);
	mqi_new_id(qm, s->subid);
	if (model) {
		MQOD od = { MQOD_DEFAULT };
		ps_managed_dur_name(qm, s->managed);
		mqi_blank(od.DynamicQName, MQ_Q_NAME_LENGTH, s->managed);
		struct qobj *q = mqi_make_dynamic(qm, model, &od, &rc);
		if (!q) {
			ps_sub_free(s);
			REFUSE("its managed queue could not be made (reason %d)", (int)rc);
		}
		snprintf(s->dest, sizeof s->dest, "%s", q->def.name);
		s->options |= MQSO_MANAGED;
	} else {
		snprintf(s->dest, sizeof s->dest, "%s", d->def.name);
	}
	if ((rc = ps_dur_write(qm, NULL, s))) {
		if (model)
			ps_delete_permdyn(qm, s->managed);
		ps_sub_free(s);
		REFUSE("its record could not be written (reason %d)", (int)rc);
	}
	ps_sub_link(qm, s);
	return 0;
}

int ps_rt_sub_delete(void *arg, const char *name)
{
	struct qm *qm = arg;
	if (ps_load(qm) != 0)
		return AMQ_OBJECT_DAMAGED_CMD;
	struct ps_sub *s = ps_sub_by_name(qm, name, (uint32_t)strlen(name));
	if (!s)
		return AMQ_OBJECT_NOT_FOUND;
	if (s->hsub || !s->durable)
		return AMQ_OBJECT_IN_USE;
	if (ps_dur_write(qm, s, NULL))
		return AMQ_OBJECT_DAMAGED_CMD;
	ps_sub_remove(qm, s);
	return 0;
}

int ps_dump_subs(struct qm *qm, const char *pat, struct mqsc_out *out, uint32_t *objects)
{
	struct mqsc_sub *v;
	size_t n;
	if (ps_rt_subs(qm, &v, &n))
		return -1;
	size_t pl = strlen(pat);
	int generic = pl && pat[pl - 1] == '*';
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		if (!v[i].durable || (generic ? strncmp(v[i].name, pat, pl - 1) != 0 : strcmp(v[i].name, pat) != 0))
			continue;
		char *t = mqsc_sub_define_text(&v[i]);
		if (!t || mqsc_out_line(out, t, strlen(t)))
			rc = -1;
		free(t);
		(*objects)++;
	}
	mqsc_subs_free(v, n);
	return rc;
}
