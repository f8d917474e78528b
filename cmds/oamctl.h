/*
 * oamctl.h: what setmqaut, dspmqaut and dmpmqaut share.  Each builds the
 * MQSC command that does its work (SET AUTHREC, DELETE AUTHREC, DISPLAY
 * ENTAUTH, DISPLAY AUTHREC: qm/admin/mqsc_auth.c) and has the running queue
 * manager carry it out, as runmqsc does: one processor for the records.  A
 * DISPLAY goes as PROTO_ADMIN_PCF so that its items come back as records
 * (keyword, length, value: qm/admin/mqsc.h) that are read exactly.
 *
 * A command's flags go into a struct oamctl_args (oamctl_slot: -m -t -n -p
 * -g -s, the rest its own); oamctl_usage says why a command line is refused
 * and shows the command's synopsis; oamctl_target checks the object type,
 * name and entity as setmqaut and dspmqaut take them; oamctl_kw and
 * oamctl_entity add KW('value') to the MQSC command; oamctl_run carries it
 * out (a refusal printed and its exit code answered).
 *
 * Exit codes (MQ's for the three commands): 0 done; 36 a bad command line;
 * 40 the queue manager is not available; 69 out of memory; 71 unexpected
 * (the queue manager refused: its AMQ message printed; also a user who is
 * not an administrator, AMQ7077E); 72 the queue manager name is not known;
 * 133 no record (DELETE of one that does not exist, a display of nothing), or
 * no object of a plain profile's name (SET AUTHREC);
 * 145 a name given where none is taken; 146 the object name missing; 147 the
 * object type missing; 148 an object type not valid; 149 no entity (-p or
 * -g); 150 no authority given; 151 an authority not valid.
 */
#ifndef QUIRE_CMDS_OAMCTL_H
#define QUIRE_CMDS_OAMCTL_H

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmqc.h"
#include "log/byteorder.h"
#include "qm/admin/mqsc.h"
#include "qm/home/cmdout.h"
#include "qm/home/msgcat.h"
#include "qm/home/qmgr.h"
#include "qm/proto.h"

enum {
	OAMCTL_OK = 0, OAMCTL_BADCMD = 36, OAMCTL_NOTAVAIL = 40, OAMCTL_NOMEM = 69, OAMCTL_UNEXPECTED = 71,
	OAMCTL_QMNAME = 72, OAMCTL_NOTFOUND = 133, OAMCTL_NAME_UNEXPECTED = 145, OAMCTL_NAME_MISSING = 146,
	OAMCTL_TYPE_MISSING = 147, OAMCTL_TYPE_BAD = 148, OAMCTL_ENTITY_MISSING = 149, OAMCTL_AUTH_MISSING = 150,
	OAMCTL_AUTH_BAD = 151,
};

/* The exit code for a failed command's response text (its AMQ message printed). */
static inline int oamctl_failed(const char *text)
{
	fputs(text, stderr);
	if (strstr(text, "AMQ7097E"))
		return OAMCTL_AUTH_BAD;
	if (strstr(text, "AMQ7026E"))
		return OAMCTL_ENTITY_MISSING;
	if (strstr(text, "AMQ8866E") || strstr(text, "AMQ8147E"))
		return OAMCTL_NOTFOUND;
	if (strstr(text, "AMQ8405E"))
		return OAMCTL_BADCMD;
	return OAMCTL_UNEXPECTED;
}

/* Carry out one MQSC command on the running queue manager: 0 with the
 * response text (malloc'd) when it was done, or an exit code after saying why
 * not (the queue manager's refusal printed: oamctl_failed). */
static inline int oamctl_run(const char *cmd, const char *qmname, const char *mqsc, int fields, char **text,
			     size_t *tlen)
{
	struct qm_paths p;
	char err[1024];
	if (qmgr_locate(qmname, &p, err, sizeof err)) {
		cmd_qmgr_unknown(cmd, qmname ? qmname : "");
		return OAMCTL_QMNAME;
	}
	int fd = proto_connect(p.data_dir);
	if (fd < 0) {
		cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
		return OAMCTL_NOTAVAIL;
	}
	size_t len = strlen(mqsc), rlen = 0;
	uint8_t *body = malloc(4 + len), *rep = NULL;
	if (!body) {
		close(fd);
		return OAMCTL_NOMEM;
	}
	put_u32(body, (uint32_t)len);
	memcpy(body + 4, mqsc, len);
	int rc = proto_call(fd, fields ? PROTO_ADMIN_PCF : PROTO_ADMIN_MQSC, 1, body, 4 + len, &rep, &rlen);
	free(body);
	close(fd);
	if (rc || rlen < 8) {
		free(rep);
		cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
		return OAMCTL_NOTAVAIL;
	}
	int32_t cc = (int32_t)get_u32(rep), reason = (int32_t)get_u32(rep + 4);
	if (cc != MQCC_OK || rlen < 16) {
		free(rep);
		if (reason == MQRC_NOT_AUTHORIZED)
			cmd_error(NULL, AMQ_OAM_NOT_AUTHORIZED, NULL);
		else
			cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p.name, NULL);
		return reason == MQRC_NOT_AUTHORIZED ? OAMCTL_UNEXPECTED : OAMCTL_NOTAVAIL;
	}
	uint32_t st = get_u32(rep + 8), tl = get_u32(rep + 12);
	if (16 + (size_t)tl > rlen || !(*text = malloc((size_t)tl + 1))) {
		free(rep);
		return OAMCTL_UNEXPECTED;
	}
	memcpy(*text, rep + 16, tl);
	(*text)[tl] = 0;
	*tlen = tl;
	free(rep);
	if (st != MQSC_OK) {
		int rc = oamctl_failed(*text);
		free(*text);
		*text = NULL;
		return rc;
	}
	return 0;
}

/* Object type words, MQ's for the three commands, to MQSC's OBJTYPE. */
static inline const char *oamctl_type(const char *w)
{
	static const char *const map[][2] = {
		{ "queue", "QUEUE" }, { "q", "QUEUE" }, { "qmgr", "QMGR" }, { "process", "PROCESS" }, { "prcs", "PROCESS" },
		{ "topic", "TOPIC" }, { "top", "TOPIC" }, { "namelist", "NAMELIST" }, { "nl", "NAMELIST" },
		{ "channel", "CHANNEL" }, { "chl", "CHANNEL" }, { "clntconn", "CLNTCONN" }, { "clcn", "CLNTCONN" },
		{ "listener", "LISTENER" }, { "lstr", "LISTENER" }, { "service", "SERVICE" }, { "srvc", "SERVICE" },
		{ "authinfo", "AUTHINFO" }, { "comminfo", "COMMINFO" }, { "rqmname", "RQMNAME" }, { "rqmn", "RQMNAME" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(w, map[i][0]))
			return map[i][1];
	return NULL;
}

/* MQSC's OBJTYPE value to the word the commands print ("queue", ...). */
static inline const char *oamctl_type_word(const char *mqsc)
{
	static const char *const map[][2] = {
		{ "QUEUE", "queue" }, { "QMGR", "qmgr" }, { "PROCESS", "process" }, { "TOPIC", "topic" },
		{ "NAMELIST", "namelist" }, { "CHANNEL", "channel" }, { "CLNTCONN", "clntconn" },
		{ "LISTENER", "listener" }, { "SERVICE", "service" }, { "AUTHINFO", "authinfo" },
		{ "COMMINFO", "comminfo" }, { "RQMNAME", "rqmname" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(mqsc, map[i][0]))
			return map[i][1];
	return mqsc;
}

/* One record of a DISPLAY answered as records (PROTO_ADMIN_PCF): the items
 * of each object between 0x1e lines; returns the next position, or NULL at
 * the end.  get(kw) finds an item of the current record. */
struct oamctl_rec {
	char kw[8][16];
	char val[8][1024];
	int n;
};

static inline const char *oamctl_next(const char *p, const char *end, struct oamctl_rec *r)
{
	memset(r, 0, sizeof *r);
	while (p < end && *p != 0x1e) {   /* skip message lines */
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	if (p >= end)
		return NULL;
	p += 2;   /* the 0x1e and its newline */
	while (p < end && *p == 0x1f) {
		const char *k = p + 1, *k2 = memchr(k, 0x1f, (size_t)(end - k));
		if (!k2)
			return NULL;
		const char *l2 = memchr(k2 + 1, 0x1f, (size_t)(end - k2 - 1));
		if (!l2)
			return NULL;
		size_t vl = (size_t)strtoul(k2 + 1, NULL, 10);
		const char *v = l2 + 1;
		if (v + vl > end)
			return NULL;
		if (r->n < 8) {
			snprintf(r->kw[r->n], sizeof r->kw[0], "%.*s", (int)(k2 - k), k);
			snprintf(r->val[r->n], sizeof r->val[0], "%.*s", (int)vl, v);
			r->n++;
		}
		p = v + vl + 1;   /* the value and its newline */
	}
	return p;
}

static inline const char *oamctl_get(const struct oamctl_rec *r, const char *kw)
{
	for (int i = 0; i < r->n; i++)
		if (!strcmp(r->kw[i], kw))
			return r->val[i];
	return "";
}

/* "GET,PUT" to "get put" (sep between, lower case). */
static inline void oamctl_words(const char *list, const char *sep, char *out, size_t n)
{
	size_t k = 0;
	out[0] = 0;
	for (const char *p = list; *p && k + 8 < n; p++) {
		if (*p == ',') {
			k += (size_t)snprintf(out + k, n - k, "%s", sep);
			continue;
		}
		out[k++] = (char)tolower((unsigned char)*p);
		out[k] = 0;
	}
}

/* A command line: the command's name and synopsis, the flags every command
 * takes (NULL: not given; -s, the one authorization service, is taken and
 * not used). */
struct oamctl_args {
	const char *cmd, *synopsis;
	const char *qm, *type, *name, *prin, *grp, *svc;
};

/* A refused command line: why, then the synopsis; the exit code. */
static inline int oamctl_usage(const struct oamctl_args *a, const char *why)
{
	cmd_usage_error(a->cmd, "%s", why);
	fprintf(stderr, "usage: %s\n", a->synopsis);
	return OAMCTL_BADCMD;
}

/* Where the value of flag -f goes, or NULL when it is not one of these. */
static inline const char **oamctl_slot(struct oamctl_args *a, int f)
{
	switch (f) {
	case 'm': return &a->qm;
	case 't': return &a->type;
	case 'n': return &a->name;
	case 'p': return &a->prin;
	case 'g': return &a->grp;
	case 's': return &a->svc;
	default: return NULL;
	}
}

/* The object (-t, and -n but for qmgr: nflag names it in the message) and
 * the entity (-p or -g) of setmqaut and dspmqaut: 0 with *t MQSC's OBJTYPE,
 * or the exit code after saying why. */
static inline int oamctl_target(const struct oamctl_args *a, const char *nflag, const char **t)
{
	if (!a->type) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "-t ObjectType is required", NULL);
		return OAMCTL_TYPE_MISSING;
	}
	if (!(*t = oamctl_type(a->type))) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "the object type is not valid", NULL);
		return OAMCTL_TYPE_BAD;
	}
	if (!strcmp(*t, "QMGR") && a->name) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "-n is not taken with -t qmgr", NULL);
		return OAMCTL_NAME_UNEXPECTED;
	}
	if (strcmp(*t, "QMGR") && !a->name) {
		char why[80];
		snprintf(why, sizeof why, "%s is required", nflag);
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, why, NULL);
		return OAMCTL_NAME_MISSING;
	}
	if (a->prin && a->grp)
		return oamctl_usage(a, "-p and -g cannot both be given");
	if (!a->prin && !a->grp) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "give -p Principal or -g Group", NULL);
		return OAMCTL_ENTITY_MISSING;
	}
	return OAMCTL_OK;
}

/* " KW('value')" added at out[*k] (nothing when v is NULL): MQSC's quoting,
 * '' for a quote inside; cut where out ends. */
static inline void oamctl_kw(char *out, size_t n, size_t *k, const char *kw, const char *v)
{
	if (!v || *k >= n)
		return;
	int w = snprintf(out + *k, n - *k, " %s('", kw);
	if (w < 0 || *k + (size_t)w >= n) {
		*k = n - 1;
		return;
	}
	size_t i = *k + (size_t)w;
	for (const char *p = v; *p && i + 4 < n; p++) {
		if (*p == '\'')
			out[i++] = '\'';
		out[i++] = *p;
	}
	if (i + 3 <= n) {
		out[i++] = '\'';
		out[i++] = ')';
		out[i] = 0;
	} else {
		i = n - 1;
	}
	*k = i;
}

/* The entity: " PRINCIPAL('p')" or " GROUP('g')". */
static inline void oamctl_entity(char *out, size_t n, size_t *k, const struct oamctl_args *a)
{
	oamctl_kw(out, n, k, a->prin ? "PRINCIPAL" : "GROUP", a->prin ? a->prin : a->grp);
}

#endif
