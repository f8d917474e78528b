/*
 * mqsc_status.c: MQSC on the running queue manager's state (see mqsc.h):
 * DISPLAY QMSTATUS, DISPLAY QSTATUS, DISPLAY CONN, STOP CONN, PING QMGR,
 * RESET QMGR TYPE(ADVANCELOG | ARCHLOG) and SET LOG ARCHIVED.
 *
 * The state comes from the runtime callbacks (struct mqsc_runtime) and, for
 * the log, from log/log.h directly.  What MQ shows and we do not have
 * (channels, the channel initiator, installations) is not shown at all
 * rather than shown made up.
 *
 * Identifiers as MQ shows them: CONN is the hex of the last 8 bytes of the
 * application's 24-byte ConnectionId and EXTCONN of the first 16; QMURID is
 * "0.n" with n the unit of work's number (a queue manager's local unit of
 * work has no high part here).
 */
#include "qm/admin/mqsc_int.h"
#include "cmqcfc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmqc.h"
#include "log/log.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/store/objstore.h"
#include "qm/store/qmlog.h"

void mqsc_conns_free(struct mqsc_conn *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].h);
	free(v);
}

/* The extent holding lsn, as MQ names it ("" for 0 or without a log). */
static void extent_of(const struct mqsc_runtime *rt, uint64_t lsn, char out[16])
{
	struct log_info li;
	out[0] = 0;
	if (!rt || !rt->log || log_info(rt->log, &li) != QM_OK || li.type != LOG_LINEAR)
		return;
	uint64_t extsz = (uint64_t)li.pages * 4096;
	if (!extsz)
		return;
	uint64_t seq = lsn ? lsn / extsz : li.medialog_seq;
	snprintf(out, 16, "S%07llu.LOG", (unsigned long long)(seq % 10000000));
}

static int no_runtime(struct objstore *os, struct mqsc_out *o)
{
	mqsc_say(o, AMQ_QMGR_NOT_AVAILABLE, os->qmgr.name);
	return MQSC_FAILED;
}

/* ---- PING QMGR --------------------------------------------------------------- */

static int exec_ping(struct cmd *c, struct mqsc_out *o)
{
	int rc = mqsc_rest_unused(c, "PING QMGR", o);
	if (rc)
		return rc;
	mqsc_say(o, AMQ_PING_DONE, NULL);
	return MQSC_OK;
}

/* ---- DISPLAY QMSTATUS ------------------------------------------------------- */

static const char *const qmstatus_log_kw[] = {
	"ARCHLOG", "ARCHSZ", "CURRLOG", "LOGEXTSZ", "LOGINUSE", "LOGPATH", "LOGPRIM", "LOGSEC", "LOGTYPE",
	"LOGUTIL", "MEDIALOG", "MEDIASZ", "RECLOG", "RECSZ", "REUSESZ", NULL,
};
static const char *const qmstatus_kw[] = {
	"QMNAME", "STATUS", "CHKPTCNT", "CHKPTOPS", "CHKPTSZ", "CONNS", "DATPATH", "STARTDA", "STARTTI", NULL,
};

static int valid_qmstatus_kw(const char *kw)
{
	return mqsc_kw_in(kw, qmstatus_kw) || mqsc_kw_in(kw, qmstatus_log_kw);
}

static long long mb(uint64_t bytes)
{
	return (long long)((bytes + (1u << 20) - 1) >> 20);
}

static int exec_qmstatus(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, struct mqsc_out *o)
{
	struct word *w = mqsc_find(c, "TYPE");
	if (w) {
		if (!w->val || strcmp(w->val, "QMGR"))
			return mqsc_syntax(o, "DISPLAY QMSTATUS takes TYPE(QMGR) only");
		w->used = 1;
	}
	int logs = mqsc_flag(c, "LOG", o);
	if (logs < 0)
		return MQSC_SYNTAX;
	struct display d;   /* ALL unless attributes (or LOG) are named */
	int rc = display_prepare(c, &d, !logs, valid_qmstatus_kw, o);
	if (rc)
		return rc;
	if (!rt || !rt->qmstat)
		return no_runtime(os, o);
	struct mqsc_qmstat st;
	memset(&st, 0, sizeof st);
	rt->qmstat(rt->arg, &st);
	struct log_info li;
	memset(&li, 0, sizeof li);
	if (rt->log)
		log_info(rt->log, &li);
	int linear = li.type == LOG_LINEAR;
	uint64_t extsz = li.extent_bytes;
	uint64_t prim = li.primary_bytes;
	char date[16], tm[16];
	struct items it = { 0 };
	items_add(&it, "QMNAME", "%s", os->qmgr.name);
	items_add(&it, "STATUS", "RUNNING");
	/* log attributes, in MQ's alphabetical order */
	items_add(&it, "ARCHLOG", "%s", li.archlog);
	items_add(&it, "ARCHSZ", "%lld", mb(li.arch_bytes));
	items_add(&it, "CHKPTCNT", "%llu", (unsigned long long)st.ckpt_count);
	items_add(&it, "CHKPTOPS", "%llu", (unsigned long long)st.ckpt_ops);
	items_add(&it, "CHKPTSZ", "%lld", mb(li.next_lsn > li.head_lsn ? li.next_lsn - li.head_lsn : 0));
	items_add(&it, "CONNS", "%d", (int)st.conns);
	items_add(&it, "CURRLOG", "%s", linear ? li.currlog : "");
	items_add(&it, "DATPATH", "%s", os->data_dir);
	items_add(&it, "LOGEXTSZ", "%llu", (unsigned long long)(extsz / 1024));
	items_add(&it, "LOGINUSE", "%lld", prim ? (long long)(li.rec_bytes * 100 / prim) : 0LL);
	items_add(&it, "LOGPATH", "%s", st.logpath);
	items_add(&it, "LOGPRIM", "%u", li.primary);
	items_add(&it, "LOGSEC", "%u", li.secondary);
	items_add(&it, "LOGTYPE", "%s", linear ? "LINEAR" : "CIRCULAR");
	items_add(&it, "LOGUTIL", "%lld", prim ? (long long)(st.peak_rec_bytes * 100 / prim) : 0LL);
	items_add(&it, "MEDIALOG", "%s", linear ? li.medialog : "");
	items_add(&it, "MEDIASZ", "%lld", linear ? mb(li.media_bytes) : 0LL);
	items_add(&it, "RECLOG", "%s", li.reclog);
	items_add(&it, "RECSZ", "%lld", mb(li.rec_bytes));
	items_add(&it, "REUSESZ", "%lld", mb(li.reuse_bytes));
	mqsc_date_time(st.start_ms, date, tm);
	items_add(&it, "STARTDA", "%s", date);
	items_add(&it, "STARTTI", "%s", tm);
	if (it.oom) {
		items_free(&it);
		return mqsc_oom(o);
	}
	if (logs)
		d.also = qmstatus_log_kw;   /* LOG: every log attribute */
	mqsc_say(o, AMQ_DISPLAY_QMSTATUS, NULL);
	display_show(&d, &it, 2, o);
	items_free(&it);
	return MQSC_OK;
}

/* ---- DISPLAY QSTATUS -------------------------------------------------------- */

static const char *const qstatus_q_kw[] = {
	"QUEUE", "TYPE", "CURDEPTH", "IPPROCS", "LGETDATE", "LGETTIME", "LPUTDATE", "LPUTTIME", "MEDIALOG",
	"MSGAGE", "OPPROCS", "QTIME", "UNCOM", NULL,
};
static const char *const handle_kw[] = {
	"APPLTAG", "APPLTYPE", "ASTATE", "BROWSE", "CONN", "EXTCONN", "HSTATE", "INPUT", "INQUIRE", "OUTPUT",
	"PID", "QMURID", "SET", "TID", "URTYPE", "USERID", NULL,
};

static int valid_qstatus_kw(const char *kw)
{
	return mqsc_kw_in(kw, qstatus_q_kw) || mqsc_kw_in(kw, handle_kw) || !strcmp(kw, "OPENTYPE");
}

static void conn_ids(const struct mqsc_conn *cn, char conn[17], char ext[33])
{
	qmlog_hex(cn->connid + 16, 8, conn);
	qmlog_hex(cn->connid, 16, ext);
}

static void handle_items(const struct mqsc_conn *cn, const struct mqsc_handle *h, struct items *it)
{
	char conn[17], ext[33];
	conn_ids(cn, conn, ext);
	int32_t oo = h->openopts;
	items_add(it, "APPLTAG", "%s", cn->appltag);
	items_add(it, "APPLTYPE", "USER");
	items_add(it, "ASTATE", "NONE");
	items_add(it, "BROWSE", "%s", oo & MQOO_BROWSE ? "YES" : "NO");
	items_add(it, "CONN", "%s", conn);
	items_add(it, "EXTCONN", "%s", ext);
	items_add(it, "HSTATE", "%s", h->active ? "ACTIVE" : "INACTIVE");
	items_add(it, "INPUT", "%s", h->input_mode == MQOO_INPUT_EXCLUSIVE ? "EXCL" :
		  h->input_mode == MQOO_INPUT_SHARED ? "SHARED" : "NO");
	items_add(it, "INQUIRE", "%s", oo & MQOO_INQUIRE ? "YES" : "NO");
	items_add(it, "OUTPUT", "%s", oo & MQOO_OUTPUT ? "YES" : "NO");
	items_add(it, "PID", "%ld", (long)cn->pid);
	items_add(it, "QMURID", "0.%llu", (unsigned long long)(cn->uow ? cn->uow_id : 0));
	items_add(it, "SET", "%s", oo & MQOO_SET ? "YES" : "NO");
	items_add(it, "TID", "%u", cn->tid);
	items_add(it, "URTYPE", "QMGR");
	items_add(it, "USERID", "%s", cn->user);
}

/* QTIME's text: two figures in microseconds, blank when unknown. */
static void qtime_text(const struct mqsc_qstat *st, char *buf, size_t n)
{
	if (st->qtime_short_us < 0)
		snprintf(buf, n, " , ");
	else
		snprintf(buf, n, "%lld, %lld", (long long)st->qtime_short_us, (long long)st->qtime_long_us);
}

static int exec_qstatus(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *name,
			struct mqsc_out *o)
{
	int handles = 0;
	struct word *w = mqsc_find(c, "TYPE");
	if (w) {
		if (!w->val || (strcmp(w->val, "QUEUE") && strcmp(w->val, "HANDLE")))
			return mqsc_syntax(o, "DISPLAY QSTATUS takes TYPE(QUEUE) or TYPE(HANDLE)");
		handles = !strcmp(w->val, "HANDLE");
		w->used = 1;
	}
	if ((w = mqsc_find(c, "OPENTYPE"))) {
		if (!w->val || (strcmp(w->val, "ALL") && strcmp(w->val, "INPUT") && strcmp(w->val, "OUTPUT")))
			return mqsc_syntax(o, "OPENTYPE must be ALL, INPUT or OUTPUT");
		w->used = 1;
	}
	const char *opentype = w ? w->val : "ALL";
	struct display d;
	int rc = display_prepare(c, &d, handles, valid_qstatus_kw, o);
	if (rc)
		return rc;
	if (!rt || !rt->qstatus || !rt->conns)
		return no_runtime(os, o);
	struct mqsc_conn *cv = NULL;
	size_t nc = 0;
	if (handles && rt->conns(rt->arg, &cv, &nc))
		return mqsc_oom(o);
	/* the running local queues (temporary dynamic ones too), or the catalog's */
	char *names = NULL;
	size_t nn = 0;
	if (rt->qnames && rt->qnames(rt->arg, &names, &nn)) {
		mqsc_conns_free(cv, nc);
		return mqsc_oom(o);
	}
	if (!rt->qnames) {
		if (!(names = calloc(os->cat.n ? os->cat.n : 1, OBJDEF_NAME_SIZE))) {
			mqsc_conns_free(cv, nc);
			return mqsc_oom(o);
		}
		for (size_t i = 0; i < os->cat.n; i++)
			if (os->cat.v[i].type == OBJDEF_QLOCAL)
				snprintf(names + OBJDEF_NAME_SIZE * nn++, OBJDEF_NAME_SIZE, "%s", os->cat.v[i].name);
	}
	struct items it = { 0 };
	int matched = 0, damaged = 0;
	for (size_t i = 0; i < nn; i++) {
		const char *qn = names + OBJDEF_NAME_SIZE * i;
		if (!mqsc_generic_match(name, qn))
			continue;
		matched++;
		struct mqsc_qstat st;
		int got = rt->qstatus(rt->arg, qn, &st);
		if (got == -2) {
			mqsc_say(o, AMQ_OBJECT_DAMAGED_CMD, qn);
			damaged++;
			continue;
		}
		if (got)
			continue;
		if (!handles) {
			if (!strcmp(opentype, "INPUT") ? !st.ipprocs : !strcmp(opentype, "OUTPUT") ? !st.opprocs : 0)
				continue;
			char ld[16], lt[16], pd[16], pt[16], ml[16], qt[64];
			mqsc_date_time(st.lget_ms, ld, lt);
			mqsc_date_time(st.lput_ms, pd, pt);
			extent_of(rt, st.media_lsn, ml);
			qtime_text(&st, qt, sizeof qt);
			items_reset(&it);
			items_add(&it, "QUEUE", "%s", qn);
			items_add(&it, "TYPE", "QUEUE");
			items_add(&it, "CURDEPTH", "%d", (int)st.curdepth);
			items_add(&it, "IPPROCS", "%d", (int)st.ipprocs);
			items_add(&it, "LGETDATE", "%s", ld);
			items_add(&it, "LGETTIME", "%s", lt);
			items_add(&it, "LPUTDATE", "%s", pd);
			items_add(&it, "LPUTTIME", "%s", pt);
			items_add(&it, "MEDIALOG", "%s", ml);
			if (st.oldest_ms > 0)
				items_add(&it, "MSGAGE", "%lld", (long long)((st.now_ms - st.oldest_ms) / 1000));
			else
				items_add(&it, "MSGAGE", "%s", "");
			items_add(&it, "OPPROCS", "%d", (int)st.opprocs);
			items_add(&it, "QTIME", "%s", qt);
			items_add(&it, "UNCOM", "%s", st.uncom ? "YES" : "NO");
			if (it.oom)
				break;
			if (!display_match(&d, &it))
				continue;
			mqsc_say(o, AMQ_DISPLAY_QSTATUS, NULL);
			display_show(&d, &it, 3, o);
			continue;
		}
		for (size_t k = 0; k < nc; k++)
			for (size_t j = 0; j < cv[k].nh; j++) {
				const struct mqsc_handle *h = &cv[k].h[j];
				if (strcmp(h->base, qn))
					continue;
				if ((!strcmp(opentype, "INPUT") && !h->input_mode) ||
				    (!strcmp(opentype, "OUTPUT") && !(h->openopts & MQOO_OUTPUT)))
					continue;
				items_reset(&it);
				items_add(&it, "QUEUE", "%s", qn);
				items_add(&it, "TYPE", "HANDLE");
				handle_items(&cv[k], h, &it);
				if (it.oom || !display_match(&d, &it))
					continue;
				mqsc_say(o, AMQ_DISPLAY_QSTATUS, NULL);
				display_show(&d, &it, 2, o);
			}
	}
	int oom = it.oom;
	items_free(&it);
	mqsc_conns_free(cv, nc);
	free(names);
	if (oom)
		return mqsc_oom(o);
	if (!matched) {
		mqsc_say(o, AMQ_OBJECT_NOT_FOUND, name);
		return MQSC_FAILED;
	}
	return damaged ? MQSC_FAILED : MQSC_OK;
}

/* ---- DISPLAY CONN, STOP CONN ------------------------------------------------ */

static const char *const conn_kw[] = {
	"CONN", "EXTCONN", "TYPE", "APPLTAG", "APPLTYPE", "ASTATE", "CHANNEL", "CONNAME", "CONNOPTS", "PID", "TID",
	"USERID", "UOWLOG", "UOWLOGDA", "UOWLOGTI", "UOWSTDA", "UOWSTTI", "UOWSTATE", "QMURID", "URTYPE", NULL,
};
static const char *const conn_handle_kw[] = { "OBJNAME", "OBJTYPE", "OPENOPTS", "HSTATE", "ASTATE", NULL };

static int valid_conn_kw(const char *kw)
{
	return mqsc_kw_in(kw, conn_kw) || mqsc_kw_in(kw, conn_handle_kw);
}

/* CONN(*), CONN(generic*) or CONN(16 hex digits). */
static int conn_name_ok(const char *name, struct mqsc_out *o)
{
	size_t n = strlen(name);
	int generic = n && name[n - 1] == '*';
	if (n > 16 || (!generic && n != 16))
		goto bad;
	for (size_t i = 0; i < n - (size_t)generic; i++)
		if (!isxdigit((unsigned char)name[i]))
			goto bad;
	return MQSC_OK;
bad:
	return mqsc_syntax(o, "CONN(%.40s) is not a connection identifier: give the 16 hexadecimal digits "
			   "DISPLAY CONN shows, or a generic value ending in '*'", name);
}

/* The names of MQOO_ options set in opts, joined by commas. */
static void openopts_text(int32_t opts, char *buf, size_t n)
{
	static const struct { int32_t v; const char *s; } names[] = {
		{ MQOO_INPUT_AS_Q_DEF, "MQOO_INPUT_AS_Q_DEF" }, { MQOO_INPUT_SHARED, "MQOO_INPUT_SHARED" },
		{ MQOO_INPUT_EXCLUSIVE, "MQOO_INPUT_EXCLUSIVE" }, { MQOO_BROWSE, "MQOO_BROWSE" },
		{ MQOO_OUTPUT, "MQOO_OUTPUT" }, { MQOO_INQUIRE, "MQOO_INQUIRE" }, { MQOO_SET, "MQOO_SET" },
		{ MQOO_SAVE_ALL_CONTEXT, "MQOO_SAVE_ALL_CONTEXT" },
		{ MQOO_PASS_IDENTITY_CONTEXT, "MQOO_PASS_IDENTITY_CONTEXT" },
		{ MQOO_PASS_ALL_CONTEXT, "MQOO_PASS_ALL_CONTEXT" },
		{ MQOO_SET_IDENTITY_CONTEXT, "MQOO_SET_IDENTITY_CONTEXT" },
		{ MQOO_SET_ALL_CONTEXT, "MQOO_SET_ALL_CONTEXT" },
		{ MQOO_ALTERNATE_USER_AUTHORITY, "MQOO_ALTERNATE_USER_AUTHORITY" },
		{ MQOO_FAIL_IF_QUIESCING, "MQOO_FAIL_IF_QUIESCING" },
	};
	size_t l = 0;
	buf[0] = 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0] && l < n; i++)
		if (opts & names[i].v)
			l += (size_t)snprintf(buf + l, n - l, "%s%s", l ? "," : "", names[i].s);
}

static void conn_items(const struct mqsc_runtime *rt, const struct mqsc_conn *cn, struct items *it)
{
	char conn[17], ext[33], sd[16], st[16], ld[16], lt[16], ul[16];
	conn_ids(cn, conn, ext);
	mqsc_date_time(cn->uow ? cn->uow_start_ms : 0, sd, st);
	mqsc_date_time(cn->uow ? cn->uow_log_ms : 0, ld, lt);
	ul[0] = 0;
	if (cn->uow && cn->uow_first_lsn)
		extent_of(rt, cn->uow_first_lsn, ul);
	items_add(it, "CONN", "%s", conn);
	items_add(it, "EXTCONN", "%s", ext);
	items_add(it, "TYPE", "CONN");
	items_add(it, "PID", "%ld", (long)cn->pid);
	items_add(it, "TID", "%u", cn->tid);
	items_add(it, "APPLTAG", "%s", cn->appltag);
	items_add(it, "APPLTYPE", "USER");
	items_add(it, "ASTATE", "NONE");
	items_add(it, "CHANNEL", "%s", cn->channel);   /* a client's SVRCONN channel and address (issue 15) */
	items_add(it, "CONNAME", "%s", cn->conname);
	items_add(it, "CONNOPTS", "%s", cn->channel[0] ? "MQCNO_SHARED_BINDING,MQCNO_CLIENT_BINDING"
							: "MQCNO_SHARED_BINDING");
	items_add(it, "USERID", "%s", cn->user);
	items_add(it, "UOWLOG", "%s", ul);
	items_add(it, "UOWSTDA", "%s", sd);
	items_add(it, "UOWSTTI", "%s", st);
	items_add(it, "UOWLOGDA", "%s", ld);
	items_add(it, "UOWLOGTI", "%s", lt);
	items_add(it, "URTYPE", "QMGR");
	items_add(it, "QMURID", "0.%llu", (unsigned long long)(cn->uow ? cn->uow_id : 0));
	items_add(it, "UOWSTATE", "%s", cn->uow ? "ACTIVE" : "NONE");
}

static int exec_conn(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *name,
		     struct mqsc_out *o)
{
	int rc = conn_name_ok(name, o);
	if (rc)
		return rc;
	int show_conn = 1, show_handles = 0;
	struct word *w = mqsc_find(c, "TYPE");
	if (w) {
		if (!w->val || (strcmp(w->val, "CONN") && strcmp(w->val, "HANDLE") && strcmp(w->val, "ALL")))
			return mqsc_syntax(o, "DISPLAY CONN takes TYPE(CONN), TYPE(HANDLE) or TYPE(ALL)");
		show_conn = strcmp(w->val, "HANDLE") != 0;
		show_handles = strcmp(w->val, "CONN") != 0;
		w->used = 1;
	}
	struct display d;
	if ((rc = display_prepare(c, &d, 0, valid_conn_kw, o)))
		return rc;
	if (!rt || !rt->conns)
		return no_runtime(os, o);
	struct mqsc_conn *cv = NULL;
	size_t nc = 0;
	if (rt->conns(rt->arg, &cv, &nc))
		return mqsc_oom(o);
	struct items it = { 0 };
	int matched = 0;
	for (size_t i = 0; i < nc && !it.oom; i++) {
		char conn[17], ext[33];
		conn_ids(&cv[i], conn, ext);
		if (!mqsc_generic_match(name, conn))
			continue;
		matched++;
		items_reset(&it);
		conn_items(rt, &cv[i], &it);
		if (show_conn && display_match(&d, &it)) {
			mqsc_say(o, AMQ_DISPLAY_CONN, NULL);
			display_show(&d, &it, 3, o);
		}
		for (size_t j = 0; show_handles && j < cv[i].nh; j++) {
			const struct mqsc_handle *h = &cv[i].h[j];
			char oo[600];
			openopts_text(h->openopts, oo, sizeof oo);
			items_reset(&it);
			items_add(&it, "CONN", "%s", conn);
			items_add(&it, "EXTCONN", "%s", ext);
			items_add(&it, "TYPE", "HANDLE");
			items_add(&it, "OBJNAME", "%s", h->qmgr ? os->qmgr.name : h->objname);
			items_add(&it, "OBJTYPE", "%s", h->qmgr ? "QMGR" : "QUEUE");
			items_add(&it, "ASTATE", "NONE");
			items_add(&it, "HSTATE", "%s", h->active ? "ACTIVE" : "INACTIVE");
			items_add(&it, "OPENOPTS", "%s", oo);
			if (it.oom || !display_match(&d, &it))
				continue;
			mqsc_say(o, AMQ_DISPLAY_CONN, NULL);
			display_show(&d, &it, 5, o);
		}
	}
	int oom = it.oom;
	items_free(&it);
	mqsc_conns_free(cv, nc);
	if (oom)
		return mqsc_oom(o);
	if (!matched && strcmp(name, "*")) {
		mqsc_say(o, AMQ_OBJECT_NOT_FOUND, name);
		return MQSC_FAILED;
	}
	return MQSC_OK;
}

static int exec_stop_conn(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *name,
			  struct mqsc_out *o)
{
	size_t n = strlen(name);
	int rc = mqsc_rest_unused(c, "STOP CONN", o);
	if (rc)
		return rc;
	if (n != 16 || strspn(name, "0123456789ABCDEF") != 16)
		return mqsc_syntax(o, "STOP CONN needs the 16 hexadecimal digits of one connection, as DISPLAY CONN "
				   "shows them; \"%.40s\" is not", name);
	if (!rt || !rt->stop_conn)
		return no_runtime(os, o);
	uint8_t tail[8];
	for (int i = 0; i < 8; i++) {
		unsigned v;
		sscanf(name + 2 * i, "%2x", &v);
		tail[i] = (uint8_t)v;
	}
	int id = rt->stop_conn(rt->arg, tail);
	if (id) {
		mqsc_say(o, id, name);
		return MQSC_FAILED;
	}
	mqsc_say(o, AMQ_CONN_STOPPED, name);
	return MQSC_OK;
}

/* ---- RESET QMGR, SET LOG -------------------------------------------------------- */

static int archived(struct objstore *os, const struct mqsc_runtime *rt, const char *name, int upto,
		    struct mqsc_out *o)
{
	if (!rt || !rt->log)
		return no_runtime(os, o);
	struct log_arch_report rep;
	memset(&rep, 0, sizeof rep);
	int res = log_archived(rt->log, name, upto ? LOG_ARCH_THROUGH : 0, &rep);
	if (res != LOG_ARCH_OK && res != LOG_ARCH_REPEAT) {
		const char *v[2] = { name, rep.why };
		char line[1024];
		msgcat_format(line, sizeof line, AMQ_LOG_ARCHIVE_REFUSED, v, 2);
		mqsc_out_put(o, "%s", line);
		return MQSC_FAILED;
	}
	if ((res == LOG_ARCH_REPEAT || rep.named_repeat) && rt->note)
		rt->note(rt->arg, AMQ_LOG_ARCHIVED_AGAIN, name);
	mqsc_say(o, AMQ_LOG_ARCHIVED, name);
	return MQSC_OK;
}

static int exec_reset_qmgr(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, struct mqsc_out *o)
{
	struct word *t = mqsc_find(c, "TYPE");
	if (!t || !t->val)
		return mqsc_syntax(o, "RESET QMGR needs TYPE(ADVANCELOG) or TYPE(ARCHLOG)");
	t->used = 1;
	if (!strcmp(t->val, "ADVANCELOG")) {
		int rc = mqsc_rest_unused(c, "RESET QMGR TYPE(ADVANCELOG)", o);
		if (rc)
			return rc;
		if (!rt || !rt->log)
			return no_runtime(os, o);
		char why[512];
		struct log_advance adv;
		if (log_advance_extent_ex(rt->log, &adv, why, sizeof why) != QM_OK) {
			mqsc_say(o, AMQ_LOG_ADVANCE_FAILED, why);
			return MQSC_FAILED;
		}
		const char *v[2] = { adv.done, adv.cur };
		char line[512];
		msgcat_format(line, sizeof line, AMQ_LOG_ADVANCED, v, 2);
		mqsc_out_put(o, "%s", line);
		return MQSC_OK;
	}
	if (!strcmp(t->val, "ARCHLOG")) {
		struct word *a = mqsc_find(c, "ARCHIVED");
		if (!a || !a->val || !*a->val)
			return mqsc_syntax(o, "RESET QMGR TYPE(ARCHLOG) needs ARCHIVED(extent name), as ARCHIVED(S0000001.LOG)");
		a->used = 1;
		int rc = mqsc_rest_unused(c, "RESET QMGR TYPE(ARCHLOG)", o);
		return rc ? rc : archived(os, rt, a->val, 1, o);
	}
	return mqsc_syntax(o, "RESET QMGR TYPE(%.20s) is not supported: TYPE is ADVANCELOG or ARCHLOG", t->val);
}

static int exec_set_log(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, struct mqsc_out *o)
{
	struct word *a = mqsc_find(c, "ARCHIVED");
	if (!a || !a->val || !*a->val)
		return mqsc_syntax(o, "SET LOG needs ARCHIVED(extent name), as ARCHIVED(S0000001.LOG)");
	a->used = 1;
	int rc = mqsc_rest_unused(c, "SET LOG", o);
	return rc ? rc : archived(os, rt, a->val, 0, o);
}

/* ---- REFRESH QMGR TYPE(CONFIGEV) ------------------------------------------------- */

/* Was def altered (ALTDATE, ALTTIME: local time) at or after since? */
static int altered_since(const struct objdef *def, time_t since)
{
	struct tm tm = { 0 };
	char when[32];
	snprintf(when, sizeof when, "%.10s %.8s", def->altdate, def->alttime);
	if (!strptime(when, "%Y-%m-%d %H.%M.%S", &tm))
		return 1;   /* no date: included, as MQ includes what it cannot tell */
	tm.tm_isdst = -1;
	return mktime(&tm) >= since;
}

int mqsc_refresh_config(struct objstore *os, const struct mqsc_runtime *rt, unsigned types, const char *generic,
			int inclint)
{
	if (!rt || !rt->config)
		return 0;
	time_t since = inclint > 0 ? time(NULL) - (time_t)inclint * 60 : 0;
	int n = 0;
	if ((types & (1u << OBJDEF_QMGR)) && mqsc_generic_match(generic, os->qmgr.name) &&
	    (!since || altered_since(&os->qmgr, since))) {
		rt->config(rt->arg, MQRC_CONFIG_REFRESH_OBJECT, NULL, &os->qmgr);
		n++;
	}
	for (size_t i = 0; i < os->cat.n; i++) {
		const struct objcat_entry *e = &os->cat.v[i];
		if (!(types & (1u << e->type)) || !mqsc_generic_match(generic, e->name))
			continue;
		struct objdef def;
		char err[512];
		const struct objdef *live = rt->qdef ? rt->qdef(rt->arg, e->type, e->name) : NULL;
		if (live)
			def = *live;
		else if (objstore_load(os, e->type, e->name, &def, err, sizeof err) != QM_OK || def.type != e->type)
			continue;   /* damaged (AMQ7472 said): nothing to report */
		if (since && !altered_since(&def, since))
			continue;
		rt->config(rt->arg, MQRC_CONFIG_REFRESH_OBJECT, NULL, &def);
		n++;
	}
	return n;
}

/* REFRESH QMGR TYPE(CONFIGEV) [OBJECT(type)] [NAME(generic)] [INCLINT(minutes)].
 * OBJECT: ALL (default), QUEUE, QLOCAL, QALIAS, QMODEL, PROCESS, TOPIC, QMGR;
 * MQ's other object types (AUTHINFO, AUTHREC, CHANNEL, CHLAUTH, LISTENER,
 * NAMELIST, QREMOTE, SERVICE) are accepted and select nothing, since Quire
 * has none.  TYPE(EARLY) and TYPE(EXPIRY) are z/OS's; TYPE(PROXYSUB) has no
 * hierarchy or cluster to act on: refused, saying so. */
static int exec_refresh_qmgr(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, struct mqsc_out *o)
{
	struct word *t = mqsc_find(c, "TYPE");
	if (!t || !t->val)
		return mqsc_syntax(o, "REFRESH QMGR needs TYPE(CONFIGEV)");
	t->used = 1;
	if (strcmp(t->val, "CONFIGEV")) {
		if (!strcmp(t->val, "EARLY") || !strcmp(t->val, "EXPIRY"))
			return mqsc_syntax(o, "REFRESH QMGR TYPE(%s) is valid only on z/OS", t->val);
		if (!strcmp(t->val, "PROXYSUB"))
			return mqsc_syntax(o, "REFRESH QMGR TYPE(PROXYSUB) is not supported: Quire has no publish/subscribe "
					      "hierarchies or clusters");
		return mqsc_syntax(o, "REFRESH QMGR TYPE(%.20s) is not valid: TYPE is CONFIGEV", t->val);
	}
	static const struct { const char *kw; unsigned types; } objs[] = {
		{ "ALL", (1u << OBJDEF_QMGR) | (1u << OBJDEF_QLOCAL) | (1u << OBJDEF_QALIAS) | (1u << OBJDEF_QMODEL) |
				 (1u << OBJDEF_PROCESS) | (1u << OBJDEF_TOPIC) | (1u << OBJDEF_CHANNEL) |
				 (1u << OBJDEF_LISTENER) | (1u << OBJDEF_AUTHINFO) },
		{ "QUEUE", (1u << OBJDEF_QLOCAL) | (1u << OBJDEF_QALIAS) | (1u << OBJDEF_QMODEL) },
		{ "QLOCAL", 1u << OBJDEF_QLOCAL }, { "QALIAS", 1u << OBJDEF_QALIAS }, { "QMODEL", 1u << OBJDEF_QMODEL },
		{ "PROCESS", 1u << OBJDEF_PROCESS }, { "TOPIC", 1u << OBJDEF_TOPIC }, { "QMGR", 1u << OBJDEF_QMGR },
		{ "AUTHINFO", 1u << OBJDEF_AUTHINFO }, { "AUTHREC", 0 }, { "CHANNEL", 1u << OBJDEF_CHANNEL },
		{ "CHLAUTH", 0 }, { "LISTENER", 1u << OBJDEF_LISTENER },
		{ "NAMELIST", 0 }, { "QREMOTE", 0 }, { "SERVICE", 0 },
	};
	unsigned types = objs[0].types;
	struct word *w = mqsc_find(c, "OBJECT");
	if (w) {
		w->used = 1;
		size_t i = 0;
		while (i < sizeof objs / sizeof objs[0] && (!w->val || strcmp(w->val, objs[i].kw)))
			i++;
		if (i == sizeof objs / sizeof objs[0])
			return mqsc_syntax(o, "OBJECT(%.20s) is not an object type REFRESH QMGR takes", w->val ? w->val : "");
		types = objs[i].types;
	}
	const char *name = "*";
	if ((w = mqsc_find(c, "NAME"))) {
		w->used = 1;
		if (!w->val || !*w->val || strlen(w->val) > OBJDEF_NAME_SIZE - 1)
			return mqsc_syntax(o, "NAME takes an object name or a generic name, at most %d characters",
					   OBJDEF_NAME_SIZE - 1);
		name = w->val;
	}
	long inclint = 0;
	if ((w = mqsc_find(c, "INCLINT"))) {
		w->used = 1;
		char *e;
		inclint = w->val ? strtol(w->val, &e, 10) : -1;
		if (!w->val || !*w->val || *e || inclint < 0 || inclint > 999999)
			return mqsc_syntax(o, "INCLINT takes minutes from 0 to 999999");
	}
	int rc = mqsc_rest_unused(c, "REFRESH QMGR", o);
	if (rc)
		return rc;
	mqsc_refresh_config(os, rt, types, name, (int)inclint);
	mqsc_say(o, AMQ_REFRESH_QMGR_DONE, NULL);
	return MQSC_OK;
}

/* REFRESH SECURITY [TYPE(AUTHSERV | CONNAUTH | SSL)]: MQ's default type is
 * AUTHSERV.  CONNAUTH takes the queue manager's CONNAUTH and its AUTHINFO
 * object again (server/authn.c: until then a changed AUTHINFO or CONNAUTH
 * is not in force, as MQ).  The running queue manager does the refresh. */
static int exec_refresh_security(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c,
				 struct mqsc_out *o)
{
	int32_t t = MQSECTYPE_AUTHSERV;
	struct word *w = mqsc_find(c, "TYPE");
	if (w) {
		w->used = 1;
		if (w->val && !strcmp(w->val, "AUTHSERV"))
			t = MQSECTYPE_AUTHSERV;
		else if (w->val && !strcmp(w->val, "CONNAUTH"))
			t = MQSECTYPE_CONNAUTH;
		else if (w->val && !strcmp(w->val, "SSL"))
			t = MQSECTYPE_SSL;
		else
			return mqsc_syntax(o, "REFRESH SECURITY TYPE(%.20s) is not valid: TYPE is AUTHSERV, CONNAUTH or SSL",
					   w->val ? w->val : "");
	}
	int rc = mqsc_rest_unused(c, "REFRESH SECURITY", o);
	if (rc)
		return rc;
	if (!rt || !rt->refresh_security)
		return no_runtime(os, o);
	char msg[1024];
	if (rt->refresh_security(rt->arg, t, msg, sizeof msg) != 0) {
		mqsc_out_put(o, "%s", msg);
		return MQSC_FAILED;
	}
	mqsc_say(o, AMQ_SECURITY_REFRESHED, NULL);
	return MQSC_OK;
}

int mqsc_exec_status(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *verb,
		     int type, const char *name, struct mqsc_out *o)
{
	if (!strcmp(verb, "REFRESH") && type == MO_SECURITY)
		return exec_refresh_security(os, rt, c, o);
	if (!strcmp(verb, "REFRESH"))
		return exec_refresh_qmgr(os, rt, c, o);
	if (!strcmp(verb, "PING"))
		return exec_ping(c, o);
	if (!strcmp(verb, "RESET"))
		return exec_reset_qmgr(os, rt, c, o);
	if (!strcmp(verb, "SET"))
		return exec_set_log(os, rt, c, o);
	if (!strcmp(verb, "STOP"))
		return exec_stop_conn(os, rt, c, name, o);
	if (type == MO_QMSTATUS)
		return exec_qmstatus(os, rt, c, o);
	if (type == MO_QSTATUS)
		return exec_qstatus(os, rt, c, name, o);
	return exec_conn(os, rt, c, name, o);
}
