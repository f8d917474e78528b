/*
 * mqsc_chst.c: SVRCONN channels and listeners at run time, in MQSC:
 *
 *   DISPLAY CHSTATUS(generic) [CONNAME(addr)] [ALL | attributes] [WHERE(...)]
 *       AMQ8417I for each instance: CHANNEL, CHLTYPE(SVRCONN), CONNAME,
 *       CURRENT, STATUS(RUNNING), SUBSTATE(RECEIVE) always; with ALL or by
 *       name MCAUSER, MSGS, LSTMSGDA, LSTMSGTI, BYTSSENT, BYTSRCVD, HBINT,
 *       MAXMSGL, SHARECNV, RAPPLTAG, SSLPEER, CHSTADA, CHSTATI.  A channel
 *       stopped with no instance shows STATUS(STOPPED).  None: AMQ8961I.
 *   STOP CHANNEL(name) [CONNAME(addr)] [MODE(QUIESCE | FORCE | TERMINATE)]
 *                      [STATUS(STOPPED | INACTIVE)]
 *       AMQ8019I.  Its instances end (those from CONNAME only, when given),
 *       their units of work backed out; STATUS(STOPPED), the default without
 *       CONNAME, refuses new instances (2537) until START CHANNEL; INACTIVE
 *       (the default with CONNAME, the only status CONNAME takes) does not.
 *       A channel neither running nor asked STOPPED: AMQ9533E.
 *   START CHANNEL(name)
 *       AMQ8018I: a stopped SVRCONN channel may run again.
 *   DISPLAY LSTATUS(generic) [ALL | attributes] [WHERE(...)]
 *       AMQ8631I for each running TCP listener: LISTENER, STATUS(RUNNING),
 *       PID always; with ALL or by name STARTDA, STARTTI, DESCR, TRPTYPE,
 *       CONTROL, IPADDR, PORT, BACKLOG, SESSIONS.  runmqlsr's listeners show
 *       as SYSTEM.LISTENER.TCP.n, as MQ's.
 *   START LISTENER(name)   AMQ8021I; the listener object's port (0: 1414),
 *       IPADDR and BACKLOG; a port that cannot be listened on: AMQ9218E
 *   STOP LISTENER(name)    AMQ8706I; its channels go on
 *
 * Choices where MQ is silent or not followed: MODE(QUIESCE) ends a client
 * connection as FORCE does (at once, its unit of work backed out: a client
 * waiting in MQGET sees its connection end), because a SVRCONN instance here
 * is one conversation; a STOPPED status is not kept across a restart of the
 * queue manager.  CHSTATUS's SUBSTATE is RECEIVE (waiting for the client)
 * for every instance.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmqc.h"
#include "cmqcfc.h"
#include "cmqzc.h"
#include "qm/admin/mqsc_int.h"
#include "qm/home/msgcat.h"
#include "qm/store/objstore.h"

enum { CH_DISPLAY_CHSTATUS = 1, CH_STOP_CHANNEL, CH_START_CHANNEL, CH_DISPLAY_LSTATUS, CH_START_LISTENER,
       CH_STOP_LISTENER };

/* Which command cmdtext is, from its first two words (cheap: no parse). */
static int which(const char *s)
{
	char w[2][16];
	for (int i = 0; i < 2; i++) {
		while (*s == ' ' || *s == '\t')
			s++;
		size_t k = 0;
		while (*s && *s != ' ' && *s != '\t' && *s != '(' && k + 1 < sizeof w[i])
			w[i][k++] = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s), s++;
		w[i][k] = 0;
		if (*s && *s != ' ' && *s != '\t' && *s != '(')
			return 0;   /* a word too long to be ours */
	}
	int dis = !strcmp(w[0], "DISPLAY") || !strcmp(w[0], "DIS");
	if (dis && (!strcmp(w[1], "CHSTATUS") || !strcmp(w[1], "CHS")))
		return CH_DISPLAY_CHSTATUS;
	if (dis && (!strcmp(w[1], "LSSTATUS") || !strcmp(w[1], "LSTATUS") || !strcmp(w[1], "LS")))
		return CH_DISPLAY_LSTATUS;
	int chl = !strcmp(w[1], "CHANNEL") || !strcmp(w[1], "CHL");
	int lsr = !strcmp(w[1], "LISTENER") || !strcmp(w[1], "LSTR");
	if (!strcmp(w[0], "STOP"))
		return chl ? CH_STOP_CHANNEL : lsr ? CH_STOP_LISTENER : 0;
	if (!strcmp(w[0], "START") || !strcmp(w[0], "STA"))
		return chl ? CH_START_CHANNEL : lsr ? CH_START_LISTENER : 0;
	return 0;
}

static const char *const chst_kw[] = {
	"CHANNEL", "CHLTYPE", "CONNAME", "CURRENT", "STATUS", "SUBSTATE", "MCAUSER", "MSGS", "LSTMSGDA", "LSTMSGTI",
	"BYTSSENT", "BYTSRCVD", "HBINT", "MAXMSGL", "SHARECNV", "RAPPLTAG", "SSLPEER", "CHSTADA", "CHSTATI", NULL,
};
static int valid_chst_kw(const char *kw) { return mqsc_kw_in(kw, chst_kw); }

static const char *const lst_kw[] = {
	"LISTENER", "STATUS", "PID", "STARTDA", "STARTTI", "DESCR", "TRPTYPE", "CONTROL", "IPADDR", "PORT", "BACKLOG",
	"SESSIONS", NULL,
};
static int valid_lst_kw(const char *kw) { return mqsc_kw_in(kw, lst_kw); }

static int no_runtime(struct objstore *os, struct mqsc_out *o)
{
	mqsc_say(o, AMQ_QMGR_NOT_AVAILABLE, os->qmgr.name);
	return MQSC_FAILED;
}

static void chst_items(const struct mqsc_chst *s, struct items *it)
{
	char sd[16], st[16], ld[16], lt[16];
	items_add(it, "CHANNEL", "%s", s->channel);
	items_add(it, "CHLTYPE", "SVRCONN");
	items_add(it, "CONNAME", "%s", s->conname);
	items_bare(it, "CURRENT", "", "CURRENT");
	items_add(it, "STATUS", "%s", s->stopped ? "STOPPED" : "RUNNING");
	if (s->stopped)
		return;
	items_add(it, "SUBSTATE", "RECEIVE");
	mqsc_date_time(s->start_ms, sd, st);
	mqsc_date_time(s->last_msg_ms, ld, lt);
	items_add(it, "BYTSRCVD", "%llu", (unsigned long long)s->bytes_rcvd);
	items_add(it, "BYTSSENT", "%llu", (unsigned long long)s->bytes_sent);
	items_add(it, "CHSTADA", "%s", sd);
	items_add(it, "CHSTATI", "%s", st);
	items_add(it, "HBINT", "%d", (int)s->hbint);
	items_add(it, "LSTMSGDA", "%s", s->last_msg_ms ? ld : "");
	items_add(it, "LSTMSGTI", "%s", s->last_msg_ms ? lt : "");
	items_add(it, "MAXMSGL", "%d", (int)s->maxmsgl);
	items_add(it, "MCAUSER", "%s", s->mcauser);
	items_add(it, "MSGS", "%llu", (unsigned long long)s->msgs);
	items_add(it, "RAPPLTAG", "%s", s->appltag);
	items_add(it, "SHARECNV", "%d", (int)s->sharecnv);
	items_add(it, "SSLPEER", "%s", s->sslpeer);
}

static int display_chstatus(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *name,
			    struct mqsc_out *o)
{
	const char *conname = NULL;
	struct word *w = mqsc_find(c, "CONNAME");
	if (w && w->val) {   /* CONNAME(x): a filter, as MQ's */
		conname = w->val;
		w->used = 1;
	}
	struct display d;
	int rc = display_prepare(c, &d, 0, valid_chst_kw, o);
	if (rc)
		return rc;
	if (!os)
		return MQSC_OK;
	if (!rt || !rt->chstatus)
		return no_runtime(os, o);
	struct mqsc_chst *v = NULL;
	size_t n = 0;
	if (rt->chstatus(rt->arg, &v, &n))
		return mqsc_oom(o);
	struct items it = { 0 };
	int shown = 0;
	for (size_t i = 0; i < n && !it.oom; i++) {
		if (!mqsc_generic_match(name, v[i].channel) || (conname && strcmp(conname, v[i].conname)))
			continue;
		items_reset(&it);
		chst_items(&v[i], &it);
		if (it.oom || !display_match(&d, &it))
			continue;
		mqsc_say(o, AMQ_DISPLAY_CHSTATUS, NULL);
		display_show(&d, &it, v[i].stopped ? 5 : 6, o);
		shown++;
	}
	int oom = it.oom;
	items_free(&it);
	free(v);
	if (oom)
		return mqsc_oom(o);
	if (!shown) {
		mqsc_say(o, AMQ_CHSTATUS_NOT_FOUND, NULL);
		return strchr(name, '*') ? MQSC_OK : MQSC_FAILED;
	}
	return MQSC_OK;
}

static int stop_channel(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *name,
			struct mqsc_out *o)
{
	const char *conname = "";
	int stopped = -1;
	struct word *w;
	if ((w = mqsc_find(c, "CONNAME"))) {
		if (!w->val || !*w->val)
			return mqsc_syntax(o, "CONNAME needs an address in parentheses");
		conname = w->val;
		w->used = 1;
	}
	if ((w = mqsc_find(c, "MODE"))) {
		if (!w->val || (strcmp(w->val, "QUIESCE") && strcmp(w->val, "FORCE") && strcmp(w->val, "TERMINATE")))
			return mqsc_syntax(o, "STOP CHANNEL takes MODE(QUIESCE), MODE(FORCE) or MODE(TERMINATE)");
		w->used = 1;
	}
	if ((w = mqsc_find(c, "STATUS"))) {
		if (!w->val || (strcmp(w->val, "STOPPED") && strcmp(w->val, "INACTIVE")))
			return mqsc_syntax(o, "STOP CHANNEL takes STATUS(STOPPED) or STATUS(INACTIVE)");
		stopped = !strcmp(w->val, "STOPPED");
		w->used = 1;
	}
	if (stopped == 1 && *conname)
		return mqsc_syntax(o, "STOP CHANNEL with CONNAME takes STATUS(INACTIVE) only");
	if (stopped < 0)
		stopped = !*conname;
	int rc = mqsc_rest_unused(c, "STOP CHANNEL", o);
	if (rc || !os)
		return rc;
	if (!rt || !rt->chl_stop)
		return no_runtime(os, o);
	unsigned ended = 0;
	int id = rt->chl_stop(rt->arg, name, conname, stopped, &ended);
	if (id) {
		mqsc_say(o, id, name);
		return MQSC_FAILED;
	}
	mqsc_say(o, AMQ_CHANNEL_STOP_ACCEPTED, NULL);
	return MQSC_OK;
}

static int start_channel(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *name,
			 struct mqsc_out *o)
{
	int rc = mqsc_rest_unused(c, "START CHANNEL", o);
	if (rc || !os)
		return rc;
	if (!rt || !rt->chl_start)
		return no_runtime(os, o);
	int id = rt->chl_start(rt->arg, name);
	if (id) {
		mqsc_say(o, id, name);
		return MQSC_FAILED;
	}
	mqsc_say(o, AMQ_CHANNEL_START_ACCEPTED, NULL);
	return MQSC_OK;
}

static void lst_items(const struct mqsc_lstat *s, struct items *it)
{
	char sd[16], st[16];
	mqsc_date_time(s->start_ms, sd, st);
	items_add(it, "LISTENER", "%s", s->name);
	items_add(it, "STATUS", "RUNNING");
	items_add(it, "PID", "%ld", (long)s->pid);
	items_add(it, "STARTDA", "%s", sd);
	items_add(it, "STARTTI", "%s", st);
	items_add(it, "DESCR", "%s", s->descr);
	items_add(it, "TRPTYPE", "TCP");
	items_add(it, "CONTROL", "%s", s->control == MQSVC_CONTROL_Q_MGR ? "QMGR"
				      : s->control == MQSVC_CONTROL_Q_MGR_START ? "STARTONLY" : "MANUAL");
	items_add(it, "IPADDR", "%s", s->ipaddr[0] ? s->ipaddr : "*");
	items_add(it, "PORT", "%d", (int)s->port);
	items_add(it, "BACKLOG", "%d", (int)s->backlog);
	items_add(it, "SESSIONS", "%u", s->sessions);
}

static int display_lstatus(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *name,
			   struct mqsc_out *o)
{
	struct display d;
	int rc = display_prepare(c, &d, 0, valid_lst_kw, o);
	if (rc || !os)
		return rc;
	if (!rt || !rt->lstatus)
		return no_runtime(os, o);
	struct mqsc_lstat *v = NULL;
	size_t n = 0;
	if (rt->lstatus(rt->arg, &v, &n))
		return mqsc_oom(o);
	struct items it = { 0 };
	int shown = 0;
	for (size_t i = 0; i < n && !it.oom; i++) {
		if (!mqsc_generic_match(name, v[i].name))
			continue;
		items_reset(&it);
		lst_items(&v[i], &it);
		if (it.oom || !display_match(&d, &it))
			continue;
		mqsc_say(o, AMQ_DISPLAY_LSTATUS, NULL);
		display_show(&d, &it, 3, o);
		shown++;
	}
	int oom = it.oom;
	items_free(&it);
	free(v);
	if (oom)
		return mqsc_oom(o);
	if (!shown && !strchr(name, '*')) {
		mqsc_say(o, AMQ_LISTENER_NOT_RUNNING, name);
		return MQSC_FAILED;
	}
	return MQSC_OK;
}

static int start_stop_listener(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, int start,
			       const char *name, struct mqsc_out *o)
{
	int rc = mqsc_rest_unused(c, start ? "START LISTENER" : "STOP LISTENER", o);
	if (rc || !os)
		return rc;
	if (!rt || !rt->lsr_start || !rt->lsr_stop)
		return no_runtime(os, o);
	char err[300] = "";
	int id = start ? rt->lsr_start(rt->arg, name, err, sizeof err) : rt->lsr_stop(rt->arg, name);
	if (id) {
		mqsc_say(o, id, err[0] ? err : name);
		return MQSC_FAILED;
	}
	mqsc_say(o, start ? AMQ_LISTENER_START_ACCEPTED : AMQ_LISTENER_STOP_ACCEPTED, NULL);
	return MQSC_OK;
}

int mqsc_chst_exec(struct objstore *os, const struct mqsc_runtime *rt, const char *cmdtext, struct mqsc_out *o,
		   int32_t *mqcmd, int *inquire)
{
	int k = which(cmdtext);
	if (!k)
		return -1;
	static const int32_t cmds[] = { 0, MQCMD_INQUIRE_CHANNEL_STATUS, MQCMD_STOP_CHANNEL, MQCMD_START_CHANNEL,
					MQCMD_INQUIRE_LISTENER_STATUS, MQCMD_START_CHANNEL_LISTENER,
					MQCMD_STOP_CHANNEL_LISTENER };
	*mqcmd = cmds[k];
	*inquire = k == CH_DISPLAY_CHSTATUS || k == CH_DISPLAY_LSTATUS;
	size_t len = strlen(cmdtext);
	int rc = mqsc_check_text(cmdtext, len, o);
	if (rc)
		return rc;
	struct cmd *c = malloc(sizeof *c);
	if (!c)
		return mqsc_oom(o);
	if ((rc = mqsc_parse(cmdtext, len, c, o)))
		goto done;
	c->w[0].used = 1;
	const char *name = c->w[0].val;
	if (!name || !*name) {
		rc = mqsc_syntax(o, "%s needs a name in parentheses", c->w[0].kw);
		goto done;
	}
	if (!*inquire && (rc = mqsc_check_name(name, o)))
		goto done;
	if ((k == CH_STOP_CHANNEL || k == CH_START_CHANNEL || k == CH_DISPLAY_CHSTATUS) &&
	    strlen(name) > MQ_CHANNEL_NAME_LENGTH) {
		rc = mqsc_syntax(o, "a channel name has at most %d characters", MQ_CHANNEL_NAME_LENGTH);
		goto done;
	}
	if (os && rt && rt->authorize) {
		/* the command server for a user who is not an administrator (as
		 * mqsc.c authorized): the status displays dsp on the queue
		 * manager, START and STOP ctrl on the channel or listener */
		int32_t ot = *inquire ? MQOT_Q_MGR : k == CH_STOP_CHANNEL || k == CH_START_CHANNEL ? MQOT_CHANNEL
										       : MQOT_LISTENER;
		int id = rt->authorize(rt->arg, ot, *inquire ? os->qmgr.name : name,
				       *inquire ? MQZAO_DISPLAY : MQZAO_CONTROL, *mqcmd);
		if (id) {
			mqsc_say(o, id, NULL);
			rc = MQSC_FAILED;
			goto done;
		}
	}
	switch (k) {
	case CH_DISPLAY_CHSTATUS: rc = display_chstatus(os, rt, c, name, o); break;
	case CH_STOP_CHANNEL: rc = stop_channel(os, rt, c, name, o); break;
	case CH_START_CHANNEL: rc = start_channel(os, rt, c, name, o); break;
	case CH_DISPLAY_LSTATUS: rc = display_lstatus(os, rt, c, name, o); break;
	default: rc = start_stop_listener(os, rt, c, k == CH_START_LISTENER, name, o); break;
	}
done:
	free(c->buf);
	free(c);
	return rc;
}
