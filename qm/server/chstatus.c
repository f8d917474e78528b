/*
 * chstatus.c: what MQSC asks of channels and listeners at run time (the
 * mqsc_runtime callbacks of qm/admin/mqsc.h that qm/admin/mqsc_chst.c
 * calls; adminrt.c hands them over): DISPLAY CHSTATUS, STOP/START CHANNEL,
 * DISPLAY LSTATUS, START/STOP LISTENER.
 *
 * STOP CHANNEL ends an instance the way STOP CONN ends a connection: it is
 * dropped at the top of the loop (conn_reap), its unit of work backed out,
 * its handles closed, as when an application ends without MQDISC.
 */
#include "qm/server/chstatus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmqc.h"
#include "log/qmerr.h"
#include "qm/engine/qtable.h"
#include "qm/home/msgcat.h"
#include "qm/qmrun.h"
#include "qm/server/channel.h"
#include "qm/server/conn.h"
#include "qm/server/listen.h"

static int live_client(const struct conn *c)
{
	return c->client && c->chl_open && !c->dead && !c->broken;
}

int chs_rt_chstatus(void *arg, struct mqsc_chst **vp, size_t *np)
{
	struct qm *qm = arg;
	size_t n = 0, k = 0;
	for (struct conn *c = qm->conns; c; c = c->next)
		n += live_client(c);
	for (int i = 0; chl_stopped_at(i); i++)
		n += chl_stopped_at(i)[0] != 0;
	struct mqsc_chst *v = calloc(n ? n : 1, sizeof *v);
	if (!v)
		return -1;
	for (struct conn *c = qm->conns; c; c = c->next) {
		if (!live_client(c))
			continue;
		struct mqsc_chst *x = &v[k++];
		snprintf(x->channel, sizeof x->channel, "%s", c->channel);
		snprintf(x->conname, sizeof x->conname, "%s", c->conname);
		snprintf(x->mcauser, sizeof x->mcauser, "%s", c->user);
		snprintf(x->appltag, sizeof x->appltag, "%s", c->appname);
		snprintf(x->sslpeer, sizeof x->sslpeer, "%s", c->sslpeer);
		x->start_ms = c->start_ms;
		x->last_msg_ms = c->last_msg_ms;
		x->msgs = c->msgs;
		x->bytes_sent = c->bytes_out;
		x->bytes_rcvd = c->bytes_in;
		x->hbint = c->hbint;
		x->maxmsgl = c->maxmsgl;
		x->sharecnv = c->sharecnv;
	}
	/* a stopped channel shows STATUS(STOPPED) while it has no instance */
	for (int i = 0; chl_stopped_at(i); i++) {
		const char *nm = chl_stopped_at(i);
		if (!nm[0] || chl_instances(qm, nm, NULL))
			continue;
		struct mqsc_chst *x = &v[k++];
		snprintf(x->channel, sizeof x->channel, "%s", nm);
		x->stopped = 1;
	}
	*vp = v;
	*np = k;
	return 0;
}

int chs_rt_chl_stop(void *arg, const char *name, const char *conname, int stopped, unsigned *ended)
{
	struct qm *qm = arg;
	struct chl_attrs a;
	unsigned k = 0;
	for (struct conn *c = qm->conns; c; c = c->next)
		if (live_client(c) && !strcmp(c->channel, name) && (!*conname || !strcmp(c->conname, conname))) {
			conn_fail(qm, c);
			k++;
		}
	*ended = k;
	if (stopped) {
		if (!k && chl_find(qm, name, &a) != QM_OK)
			return AMQ_OBJECT_NOT_FOUND;
		if (chl_set_stopped(name, 1) != 0)
			return AMQ_CHANNEL_NOT_ACTIVE;
		return 0;
	}
	return k ? 0 : AMQ_CHANNEL_NOT_ACTIVE;
}

int chs_rt_chl_start(void *arg, const char *name)
{
	struct qm *qm = arg;
	struct chl_attrs a;
	if (!chl_is_stopped(name) && chl_find(qm, name, &a) != QM_OK)
		return AMQ_OBJECT_NOT_FOUND;
	chl_set_stopped(name, 0);
	return 0;
}

int chs_rt_lstatus(void *arg, struct mqsc_lstat **vp, size_t *np)
{
	struct qm *qm = arg;
	size_t n = 0, k = 0;
	for (struct listener *l = qm->listeners; l; l = l->next)
		n += l->is_tcp;
	struct mqsc_lstat *v = calloc(n ? n : 1, sizeof *v);
	if (!v)
		return -1;
	for (struct listener *l = qm->listeners; l; l = l->next) {
		if (!l->is_tcp)
			continue;
		struct mqsc_lstat *x = &v[k++];
		if (l->name[0]) {
			snprintf(x->name, sizeof x->name, "%s", l->name);
			struct qobj *o = qm_ofind(qm, OBJDEF_LISTENER, l->name);
			if (o) {
				size_t d = strnlen(o->def.descr, sizeof o->def.descr);
				while (d > 0 && o->def.descr[d - 1] == ' ')
					d--;
				snprintf(x->descr, sizeof x->descr, "%.*s", (int)d, o->def.descr);
			}
		} else {
			snprintf(x->name, sizeof x->name, "SYSTEM.LISTENER.TCP.%u", l->seq);
		}
		snprintf(x->ipaddr, sizeof x->ipaddr, "%s", l->ipaddr);
		x->port = l->port;
		x->backlog = l->backlog;
		x->control = l->control;
		x->pid = l->pid;
		x->start_ms = l->start_ms;
		x->sessions = l->sessions;
	}
	*vp = v;
	*np = k;
	return 0;
}

int chs_rt_lsr_start(void *arg, const char *name, char *err, size_t n)
{
	return listen_start_object(arg, &chl_handler, name, err, n);
}

int chs_rt_lsr_stop(void *arg, const char *name)
{
	struct qm *qm = arg;
	struct listener *l = listen_by_name(qm, name);
	if (!l)
		return AMQ_LISTENER_NOT_RUNNING;
	listen_close(qm, l);
	return 0;
}
