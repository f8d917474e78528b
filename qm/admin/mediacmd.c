/*
 * mediacmd.c: rcdmqimg and rcrmqobj (mediacmd.h): the command's side (flags,
 * the request, printing) and the queue manager's (which objects, then
 * store/media.c for each).
 *
 * Each line of the reply's text starts with a tag byte: 'O' for standard
 * output, 'E' for standard error (dropped with -z).
 */
#include "qm/admin/mediacmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmqc.h"
#include "log/byteorder.h"
#include "log/log.h"
#include "log/logrec.h"
#include "log/qmerr.h"
#include "objects/names.h"
#include "qm/home/cmdout.h"
#include "qm/home/msgcat.h"
#include "qm/home/qmgr.h"
#include "qm/proto.h"
#include "qm/qmrun.h"
#include "qm/store/store.h"

enum {
	RC_OK = 0, RC_ARGS = 36, RC_NOT_RUNNING = 40, RC_NO_IMAGE = 66, RC_NOT_SUPPORTED = 68, RC_UNEXPECTED = 71,
	RC_NOT_AUTHORIZED = 119, RC_NONE_MATCHED = 128, RC_DAMAGED = 132, RC_TEMPORARY = 135, RC_IN_USE = 136,
};

/* ---- the queue manager's side ---- */

/* A line of the catalog: with its "AMQnnnnX: " for errors and for 'I'
 * (AMQ7467I and AMQ7468I), the text alone for 'O' (MQ's "Media image for
 * object ... recorded." lines). */
static void line4(struct mqsc_out *out, char tag, int id, const char *a, const char *b, const char *c, const char *d)
{
	char buf[2048];
	const char *v[4] = { a, b, c, d };
	int n = d ? 4 : c ? 3 : b ? 2 : a ? 1 : 0;
	if (tag == 'O')
		msgcat_format_part(buf, sizeof buf, id, MSGCAT_TEXT, v, n, 0);
	else
		msgcat_format(buf, sizeof buf, id, v, n);
	mqsc_out_put(out, "%c%s", tag == 'I' ? 'O' : tag, buf);
}

#define line(out, tag, id, a, b, c) line4((out), (tag), (id), (a), (b), (c), NULL)

static int type_match(uint32_t t, int type)
{
	switch (t) {
	case MEDIA_T_ALL:    return 1;   /* (the queue manager object is added apart) */
	case MEDIA_T_QUEUE:  return objdef_is_queue(type);
	case MEDIA_T_QLOCAL: return type == OBJDEF_QLOCAL;
	case MEDIA_T_QALIAS: return type == OBJDEF_QALIAS;
	case MEDIA_T_QMODEL: return type == OBJDEF_QMODEL;
	case MEDIA_T_QMGR:   return type == OBJDEF_QMGR;
	case MEDIA_T_PROCESS: return type == OBJDEF_PROCESS;
	case MEDIA_T_TOPIC:  return type == OBJDEF_TOPIC;
	case MEDIA_T_CHANNEL: return type == OBJDEF_CHANNEL;
	case MEDIA_T_LISTENER: return type == OBJDEF_LISTENER;
	case MEDIA_T_AUTHINFO: return type == OBJDEF_AUTHINFO;
	default:             return 0;   /* qremote: this queue manager has none */
	}
}

/* A name against a generic one: a trailing '*' matches any ending. */
static int name_match(const char *pat, const char *name)
{
	size_t n = strlen(pat);
	if (n && pat[n - 1] == '*')
		return strncmp(pat, name, n - 1) == 0;
	return strcmp(pat, name) == 0;
}

static const char *type_word(uint32_t t)
{
	static const char *w[] = { "", "all", "queue", "qlocal", "qalias", "qmodel", "qremote", "qmgr", "process", "topic",
				   "channel", "listener", "authinfo" };
	return t < sizeof w / sizeof w[0] ? w[t] : "";
}

static const char *obj_type(int type)
{
	return objdef_type_name(type);
}

/* v[i]'s object now: *o NULL for the queue manager object; 0 when gone. */
static int find(struct qm *qm, const struct media_cmd *j, size_t i, struct qobj **o)
{
	*o = NULL;
	if (j->v[i].type == OBJDEF_QMGR)
		return 1;
	*o = qm_ofind(qm, j->v[i].type, j->v[i].name);
	return *o && (*o)->def.type == j->v[i].type && !(*o)->deleted;
}

static void record_failed(struct qm *qm, struct media_cmd *j, const char *name, const char *type, int rc,
			  const char *why, int temp)
{
	if (!j->quiet)
		line(&j->out, 'E', AMQ_MEDIA_IMAGE_NOT_RECORDED, name, type, why);
	ERRLOG(&qm->el, AMQ_MEDIA_IMAGE_NOT_RECORDED, name, type, why);
	int c = rc == QM_EDAMAGED ? RC_DAMAGED : temp ? RC_TEMPORARY : RC_UNEXPECTED;
	if (!j->code)
		j->code = c;
}

/* Start the image of v[next]; 0 when it is under way, else its result is
 * said and next moved on. */
static int record_start(struct qm *qm, struct media_cmd *j)
{
	struct qobj *o;
	const char *name = j->v[j->next].name, *type = obj_type(j->v[j->next].type);
	char why[1024] = "";
	int rc;
	if (!find(qm, j, j->next, &o)) {
		snprintf(why, sizeof why, "it no longer exists");
		rc = QM_ENOTFOUND;
	} else if (!store_media_recoverable(qm, o)) {
		snprintf(why, sizeof why, "%s", o && o->temp ? "a temporary dynamic queue is never recoverable" :
			 o && o->def.type == OBJDEF_QLOCAL ? "the object is not recoverable (IMGRCOVQ(NO))" :
			 "the object is not recoverable (IMGRCOVO(NO))");
		rc = QM_EINVAL;
	} else if ((rc = store_media_begin(qm, o, j->floor, why, sizeof why)) == QM_OK) {
		j->imaging = 1;
		return 0;
	}
	record_failed(qm, j, name, type, rc, why, o && o->temp);
	j->next++;
	return 1;
}

/* The image under way, a part more; its end said once it is durable. */
static void record_step(struct qm *qm, struct media_cmd *j)
{
	uint64_t msgs, bytes;
	char why[1024] = "";
	if (store_media_step(qm))
		return;
	int rc = store_media_poll(qm, &msgs, &bytes, why, sizeof why);
	if (rc == 1)
		return;   /* its END is not durable yet */
	const char *name = j->v[j->next].name, *type = obj_type(j->v[j->next].type);
	if (!rc) {
		if (!j->quiet)
			line(&j->out, 'O', AMQ_MEDIA_IMAGE_RECORDED, name, type, NULL);
	} else {
		record_failed(qm, j, name, type, rc, why, 0);
	}
	j->imaging = 0;
	j->next++;
}

/* Re-create v[i] (blocks the loop while it is rebuilt), or with
 * MEDIA_F_COPY copy it as it was into a new queue. */
static void recreate_one(struct qm *qm, struct media_cmd *j, size_t i, media_recreated_fn fn, void *arg)
{
	struct qobj *o, *made = NULL;
	const char *name = j->v[i].name, *type = obj_type(j->v[i].type);
	char why[1024] = "", missing[64] = "";
	int rc = QM_ENOTFOUND;
	uint64_t count = 0, at = 0;
	if (!find(qm, j, i, &o))
		snprintf(why, sizeof why, "it no longer exists");
	else if (j->req.flags & MEDIA_F_COPY)
		rc = store_media_copy(qm, o, j->req.end_lsn, j->req.end_ms, j->req.newname, &made, &count, &at, missing,
				      sizeof missing, why, sizeof why);
	else
		rc = store_media_recreate(qm, o, missing, sizeof missing, why, sizeof why);
	if (!rc && (j->req.flags & MEDIA_F_COPY)) {
		char n1[24], l1[24];
		snprintf(n1, sizeof n1, "%llu", (unsigned long long)count);
		line(&j->out, 'O', AMQ_OBJECT_RECREATED, j->req.newname, type, NULL);
		line4(&j->out, 'I', AMQ_MEDIA_COPY_MADE, j->req.newname, n1, name, log_lsn_str(at, l1));
		if (fn && made)
			fn(arg, made);
		return;
	}
	if (!rc) {
		line(&j->out, 'O', AMQ_OBJECT_RECREATED, name, type, NULL);
		if (fn && o)
			fn(arg, o);
		return;
	}
	if (missing[0]) {   /* AMQ6767 only for a log file missing or not openable */
		line(&j->out, 'E', AMQ_LOG_FILE_NOT_OPENED, missing, why, NULL);
		ERRLOG(&qm->el, AMQ_LOG_FILE_NOT_OPENED, missing, why);
	}
	line(&j->out, 'E', AMQ_OBJECT_NOT_RECREATED, name, type, why);
	ERRLOG(&qm->el, AMQ_OBJECT_NOT_RECREATED, name, type, why);
	int c = rc == QM_EBUSY ? RC_IN_USE : missing[0] || rc == QM_ENOENT ? RC_NO_IMAGE :
		o && o->temp ? RC_TEMPORARY : RC_UNEXPECTED;
	if (!j->code)
		j->code = c;
}

static int add(struct media_cmd *j, size_t cap, const char *name, int type)
{
	if (j->n == cap)
		return QM_ENOMEM;
	snprintf(j->v[j->n].name, sizeof j->v[j->n].name, "%s", name);
	j->v[j->n].type = type;
	j->n++;
	return QM_OK;
}

static int by_entry(const void *a, const void *b)
{
	return strcmp(((const char *)a), ((const char *)b));
}

int mediacmd_start(struct qm *qm, const struct media_req *req, uint64_t floor, struct media_cmd **out)
{
	*out = NULL;
	struct media_cmd *j = calloc(1, sizeof *j);
	if (!j)
		return QM_ENOMEM;
	j->req = *req;
	j->floor = floor;
	*out = j;
	struct log_info li;
	if (log_info(qm->lg, &li) != QM_OK) {
		j->code = RC_UNEXPECTED;
		return QM_OK;
	}
	if (li.type != LOG_LINEAR) {
		line(&j->out, 'E', AMQ_MEDIA_NEEDS_LINEAR, qm->paths.name, NULL, NULL);
		j->code = RC_NOT_SUPPORTED;
		return QM_OK;
	}
	/* the queue manager object first, then the queues by name */
	size_t cap = qm->nqueues + 1;
	if (!(j->v = calloc(cap, sizeof *j->v))) {
		free(j);
		*out = NULL;
		return QM_ENOMEM;
	}
	if (req->flags & MEDIA_F_COPY) {
		/* one local queue, named exactly */
		struct qobj *o = qm_qfind(qm, req->name);
		if (o && o->def.type == OBJDEF_QLOCAL && !o->temp && !o->deleted)
			add(j, cap, o->def.name, o->def.type);
		else
			line(&j->out, 'E', AMQ_MEDIA_NO_OBJECTS, req->name, "qlocal", NULL);
		j->code = j->n ? RC_OK : RC_NONE_MATCHED;
		return QM_OK;
	}
	if (req->type == MEDIA_T_QMGR || (req->type == MEDIA_T_ALL && name_match(req->name, qm->paths.name)))
		add(j, cap, qm->paths.name, OBJDEF_QMGR);
	size_t first = j->n;
	if (req->type != MEDIA_T_QMGR)
		for (unsigned i = 0; i < QM_QHASH; i++)
			for (struct qobj *o = qm->qhash[i]; o; o = o->hnext)
				if (!o->temp && !o->deleted && type_match(req->type, o->def.type) &&
				    name_match(req->name, o->def.name))
					add(j, cap, o->def.name, o->def.type);
	qsort(j->v + first, j->n - first, sizeof *j->v, by_entry);
	if (!j->n) {
		line(&j->out, 'E', AMQ_MEDIA_NO_OBJECTS, req->name, type_word(req->type), NULL);
		j->code = RC_NONE_MATCHED;
	}
	return QM_OK;
}

int mediacmd_schedule(struct qm *qm, int type, const char *name, struct media_cmd **out)
{
	(void)qm;
	struct media_cmd *j = *out = calloc(1, sizeof *j);
	if (!j || !(j->v = calloc(1, sizeof *j->v))) {
		free(j);
		*out = NULL;
		return QM_ENOMEM;
	}
	j->req.action = MEDIA_RECORD;
	j->floor = UINT64_MAX;
	j->quiet = 1;
	add(j, 1, name, type);
	return QM_OK;
}

int mediacmd_step(struct qm *qm, struct media_cmd *j, media_recreated_fn fn, void *arg)
{
	if (j->req.action == MEDIA_RECREATE) {
		for (; j->next < j->n; j->next++)
			recreate_one(qm, j, j->next, fn, arg);
	}
	/* images: a part at a time, the next object once one is durable */
	while (j->next < j->n) {
		if (!j->imaging && record_start(qm, j))
			continue;
		record_step(qm, j);
		if (j->imaging)
			return 0;
	}
	if (j->req.flags & MEDIA_F_LOGPAIR) {
		struct log_info li;
		store_say_oldest(qm);
		if (log_info(qm->lg, &li) == QM_OK) {
			line(&j->out, 'I', AMQ_LOG_OLDEST_RESTART, qm->paths.name, li.reclog, NULL);
			line(&j->out, 'I', AMQ_LOG_OLDEST_MEDIA, qm->paths.name, li.medialog, NULL);
		}
		j->req.flags &= ~(uint32_t)MEDIA_F_LOGPAIR;
	}
	return 1;
}

void mediacmd_free(struct media_cmd *j)
{
	if (!j)
		return;
	mqsc_out_free(&j->out);
	free(j->v);
	free(j);
}

/* ---- the command's side ---- */

static const struct {
	const char *word;
	uint32_t type;       /* 0: a type of MQ's this queue manager has no objects of */
} types[] = {
	{ "*", MEDIA_T_ALL }, { "all", MEDIA_T_ALL }, { "queue", MEDIA_T_QUEUE }, { "q", MEDIA_T_QUEUE },
	{ "qlocal", MEDIA_T_QLOCAL }, { "ql", MEDIA_T_QLOCAL }, { "qalias", MEDIA_T_QALIAS }, { "qa", MEDIA_T_QALIAS },
	{ "qmodel", MEDIA_T_QMODEL }, { "qm", MEDIA_T_QMODEL }, { "qremote", MEDIA_T_QREMOTE },
	{ "qr", MEDIA_T_QREMOTE }, { "qmgr", MEDIA_T_QMGR },
	{ "authinfo", MEDIA_T_AUTHINFO }, { "channel", MEDIA_T_CHANNEL }, { "chl", MEDIA_T_CHANNEL }, { "clntconn", 0 },
	{ "clcn", 0 }, { "catalog", 0 }, { "ctlg", 0 }, { "listener", MEDIA_T_LISTENER }, { "lstr", MEDIA_T_LISTENER }, { "namelist", 0 }, { "nl", 0 }, { "process", MEDIA_T_PROCESS },
	{ "prcs", MEDIA_T_PROCESS }, { "service", 0 }, { "srvc", 0 }, { "syncfile", 0 }, { "topic", MEDIA_T_TOPIC },
	{ "top", MEDIA_T_TOPIC },
	{ "comminfo", 0 },
};

/* -e: a log position as dmpmqlog prints it (or a number), or a local time
 * YYYY-MM-DDTHH:MM[:SS] (a space for the T too). */
static int parse_point(const char *s, uint64_t *lsn, int64_t *ms)
{
	*lsn = 0;
	*ms = 0;
	if (log_lsn_parse(s, lsn) == QM_OK && *lsn)
		return 0;
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	const char *f[] = { "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M" };
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		memset(&tm, 0, sizeof tm);
		const char *e = strptime(s, f[i], &tm);
		if (e && !*e) {
			tm.tm_isdst = -1;
			time_t t = mktime(&tm);
			if (t == (time_t)-1)
				return -1;
			*ms = (int64_t)t * 1000;
			return 0;
		}
	}
	return -1;
}

static void usage(const char *cmd, int action)
{
	if (action == MEDIA_RECORD)
		fprintf(stderr, "Usage: %s [-m QMgrName] [-z] [-l] -t ObjectType [GenericObjName]\n", cmd);
	else
		fprintf(stderr, "Usage: %s [-m QMgrName] [-z] -t ObjectType GenericObjName\n"
				"       %s [-m QMgrName] [-z] -t qlocal [-e LogPosition|Time] -n NewQueueName QueueName\n",
			cmd, cmd);
	fprintf(stderr, "ObjectType: * all queue q qlocal ql qalias qa qmodel qm qremote qr qmgr process prcs topic top\n"
			"            channel chl listener lstr authinfo\n");
}

int mediacmd_main(int argc, char **argv, int action)
{
	const char *cmd = action == MEDIA_RECORD ? "rcdmqimg" : "rcrmqobj";
	const char *qmname = NULL, *tword = NULL, *point = NULL, *newname = NULL;
	int quiet = 0, logpair = 0, opt;
	opterr = 0;
	while ((opt = getopt(argc, argv, action == MEDIA_RECORD ? ":m:zlt:" : ":m:zt:e:n:")) != -1) {
		switch (opt) {
		case 'm': qmname = optarg; break;
		case 'e': point = optarg; break;
		case 'n': newname = optarg; break;
		case 'z': quiet = 1; break;
		case 'l': logpair = 1; break;
		case 't': tword = optarg; break;
		case ':':
			cmd_usage_error(cmd, "flag -%c needs a value", optopt);
			usage(cmd, action);
			return RC_ARGS;
		default:
			cmd_usage_error(cmd, "flag -%c is not valid", optopt);
			usage(cmd, action);
			return RC_ARGS;
		}
	}
	if (!tword) {
		cmd_usage_error(cmd, "the object type (-t) is required");
		usage(cmd, action);
		return RC_ARGS;
	}
	int ti = -1;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcasecmp(tword, types[i].word) == 0)
			ti = (int)i;
	if (ti < 0) {
		cmd_usage_error(cmd, "object type '%s' is not valid", tword);
		usage(cmd, action);
		return RC_ARGS;
	}
	struct media_req req = { .action = (uint32_t)action, .flags = logpair ? MEDIA_F_LOGPAIR : 0,
				 .type = types[ti].type };
	const char *name = optind < argc ? argv[optind++] : NULL;
	if (optind < argc) {
		cmd_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
		usage(cmd, action);
		return RC_ARGS;
	}
	if (!name && req.type != MEDIA_T_QMGR) {
		cmd_usage_error(cmd, "an object name (or a generic name ending in *) is required for type %s", tword);
		usage(cmd, action);
		return RC_ARGS;
	}
	if (name && strlen(name) > 48) {
		cmd_usage_error(cmd, "object name '%.48s...' is longer than 48 characters", name);
		return RC_ARGS;
	}
	snprintf(req.name, sizeof req.name, "%s", req.type == MEDIA_T_QMGR || !name ? "" : name);
	if (point || newname) {
		/* beyond MQ: a local queue as it was, copied into a new one */
		if (!newname) {
			cmd_usage_error(cmd, "-e needs -n NewQueueName: the queue as it was goes into a new queue");
			return RC_ARGS;
		}
		if (req.type != MEDIA_T_QLOCAL && req.type != MEDIA_T_QUEUE) {
			cmd_usage_error(cmd, "-e and -n copy a local queue: use -t qlocal");
			return RC_ARGS;
		}
		if (!name || strchr(name, '*')) {
			cmd_usage_error(cmd, "-e and -n need one queue's name, not a generic one");
			return RC_ARGS;
		}
		char err[256];
		if (strlen(newname) > 48 || names_check(newname, err, sizeof err) != QM_OK) {
			cmd_usage_error(cmd, "new queue name '%.48s' is not valid", newname);
			return RC_ARGS;
		}
		if (point && parse_point(point, &req.end_lsn, &req.end_ms) != 0) {
			cmd_usage_error(cmd, "-e '%s' is neither a log position (as dmpmqlog shows it, 0000:0000:0002:a000) "
					"nor a local time (2026-12-06T14:30:00)", point);
			return RC_ARGS;
		}
		req.flags |= MEDIA_F_COPY;
		req.type = MEDIA_T_QLOCAL;
		snprintf(req.newname, sizeof req.newname, "%s", newname);
	}
	struct qm_paths p;
	int rc = cmd_locate(cmd, qmname, quiet, &p);
	if (rc)
		return rc == 16 ? 72 : rc;
	if (!types[ti].type) {
		if (!quiet)
			cmd_error(NULL, AMQ_MEDIA_NO_OBJECTS, name ? name : "*", tword, NULL);
		return RC_NONE_MATCHED;
	}
	int fd = proto_connect(p.data_dir);
	if (fd < 0) {
		if (!quiet)
			cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
		return RC_NOT_RUNNING;
	}
	size_t nl = strlen(req.name), nn = strlen(req.newname), blen = 16 + nl;
	uint8_t body[16 + 48 + 20 + 48];
	put_u32(body, req.action);
	put_u32(body + 4, req.flags);
	put_u32(body + 8, req.type);
	put_u32(body + 12, (uint32_t)nl);
	memcpy(body + 16, req.name, nl);
	if (req.flags & MEDIA_F_COPY) {
		put_u64(body + blen, req.end_lsn);
		put_u64(body + blen + 8, (uint64_t)req.end_ms);
		put_u32(body + blen + 16, (uint32_t)nn);
		memcpy(body + blen + 20, req.newname, nn);
		blen += 20 + nn;
	}
	uint8_t *rep = NULL;
	size_t rlen = 0;
	if (proto_call(fd, PROTO_ADMIN_MEDIA, 1, body, blen, &rep, &rlen) != 0) {
		close(fd);
		if (!quiet)
			cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
		return RC_NOT_RUNNING;
	}
	close(fd);
	int32_t mqrc = (int32_t)get_u32(rep + 4);
	int code = RC_UNEXPECTED;
	if (mqrc == MQRC_NOT_AUTHORIZED) {
		if (!quiet)
			fprintf(stderr, "%s: only the queue manager's user may run it on queue manager %s\n", cmd, p.name);
		code = RC_NOT_AUTHORIZED;
	} else if (mqrc != MQRC_NONE || rlen < 16 || get_u32(rep + 12) > rlen - 16) {
		if (!quiet)
			fprintf(stderr, "%s: the queue manager refused the request (reason %d)\n", cmd, (int)mqrc);
	} else {
		code = (int)get_u32(rep + 8);
		const char *t = (const char *)rep + 16, *end = t + get_u32(rep + 12);
		while (t < end) {
			const char *nlp = memchr(t, '\n', (size_t)(end - t));
			size_t len = nlp ? (size_t)(nlp - t) : (size_t)(end - t);
			if (len && t[0] == 'E' && !quiet)
				fprintf(stderr, "%.*s\n", (int)len - 1, t + 1);
			else if (len && t[0] == 'O')
				printf("%.*s\n", (int)len - 1, t + 1);
			t += len + 1;
		}
	}
	free(rep);
	return code;
}
