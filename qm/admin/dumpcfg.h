/*
 * dumpcfg.h: dmpmqcfg's text: the queue manager's and its objects'
 * definitions as MQSC commands that runmqsc carries out on another queue
 * manager to re-create them.
 *
 * The running queue manager builds the text (server/admincfg.c, request
 * PROTO_ADMIN_DUMPCFG), a page at a time; cmds/dmpmqcfg.c prints MQ's header
 * and the pages.
 *
 *   struct dumpcfg_req req = { .flags = DUMPCFG_F_ALL, .types = DUMPCFG_T_ALL, .name = "*" };
 *   struct dumpcfg_res res;
 *   struct mqsc_out out = { 0 };
 *   do {
 *           dumpcfg_page(&os, &req, live, arg, &out, &res);   (QM_OK or QM_ENOMEM)
 *           req.cursor = res.next;                            (res.more: call again)
 *   } while (res.more);
 *
 * What is written, in this order (MQ's shape, our choices where it is unclear):
 *   - ALTER QMGR with the queue manager's attributes (when the type filter
 *     takes the queue manager and -n matches its name);
 *   - DEFINE QLOCAL/QALIAS/QMODEL('NAME') ... REPLACE for every queue of the
 *     catalog that the filters take, by name;
 *   - the default objects SYSTEM.DEFAULT.LOCAL/ALIAS/MODEL.QUEUE last, so that
 *     every other DEFINE of a restore onto a new queue manager inherits from
 *     the built-in defaults it was compared with.
 * mqsc form: the command, then MQ's comment lines "*  ALTDATE(...) +" and
 * "*  ALTTIME(...) +" (when the object was last altered; runmqsc skips a '*'
 * line inside a continued command), then one attribute a line, each line but
 * the last ending in " +" (runmqsc's continuation), attributes by keyword,
 * and ALTER QMGR ending with FORCE as MQ's dump does; 1line form: the whole
 * command on one line, without the comment lines.  Every string value is quoted ('...', an
 * embedded quote doubled; blank as ' '), so any DESCR round-trips.
 *
 * Which attributes: only those DEFINE/ALTER can set (never CRDATE, CRTIME,
 * ALTDATE, ALTTIME, QMID, CMDLEVEL, ...: objdef's read-only, stamp and hidden
 * attributes).  With DUMPCFG_F_ALL every one of them; otherwise those whose
 * value differs from the type's built-in default (objdef_init_default, as MQ
 * compares with the type's defaults) and also those where this queue
 * manager's default object of the type (SYSTEM.DEFAULT.*) was altered from
 * the built-in default: an object that keeps the built-in value there says
 * so, so the dump means the same whether it is replayed onto a queue manager
 * whose default object is still built-in or already altered the same way
 * (this dump run again).  ALTER QMGR compares with the built-in queue
 * manager defaults.  An exact copy onto a queue manager whose default objects
 * were altered otherwise still needs -a, as MQ says.
 *
 * An object whose definition cannot be read (objstore_load fails: damaged)
 * is written as a comment line naming it and why, and counted in
 * res->damaged; nothing of it is guessed.
 *
 * Paging: a page ends after the object that takes its text to page_max bytes
 * or more (at least one object a page; one object's text is a few KiB), and
 * res->next says where the next page starts (the order is the one above, by
 * name, so objects defined or deleted between pages never repeat or shift
 * others).
 */
#ifndef QUIRE_DUMPCFG_H
#define QUIRE_DUMPCFG_H

#include <stddef.h>
#include <stdint.h>

#include "objects/objdef.h"
#include "qm/admin/mqsc.h"

struct objstore;

/* flags */
#define DUMPCFG_F_ALL   0x1u    /* -a: every settable attribute */
#define DUMPCFG_F_1LINE 0x2u    /* -o 1line: a command a line */
#define DUMPCFG_F_SETMQAUT 0x4u /* -o setmqaut: authority records as setmqaut commands */

/* type filter: OBJDEF_M(type) bits; a new object type adds its bit */
#define DUMPCFG_T_QUEUES (OBJDEF_M(OBJDEF_QLOCAL) | OBJDEF_M(OBJDEF_QALIAS) | OBJDEF_M(OBJDEF_QMODEL))
/* durable subscriptions (no object type: DEFINE SUB lines the server adds
 * after the last page's objects, qm/server/pubsub_admin.c) */
#define DUMPCFG_T_SUB    (1u << 15)
/* authority records (SET AUTHREC lines the server adds after them,
 * qm/server/oam_srv.c oam_dump; -x all or -x authrec) */
#define DUMPCFG_T_AUTHREC (1u << 16)
/* channel authentication records (no object type: SET CHLAUTH lines the
 * server adds after the last page's objects, qm/server/chlauth_srv.c) */
#define DUMPCFG_T_CHLAUTH (1u << 14)
#define DUMPCFG_T_ALL    (OBJDEF_M(OBJDEF_QMGR) | DUMPCFG_T_QUEUES | OBJDEF_M(OBJDEF_PROCESS) | OBJDEF_M(OBJDEF_TOPIC) | \
			  OBJDEF_M(OBJDEF_CHANNEL) | OBJDEF_M(OBJDEF_LISTENER) | OBJDEF_M(OBJDEF_AUTHINFO) | DUMPCFG_T_SUB | DUMPCFG_T_CHLAUTH)

/* Where a page starts: after the object (group, name); group 0 with an
 * empty name is the start. */
enum { DUMPCFG_G_START = 0, DUMPCFG_G_QMGR = 1, DUMPCFG_G_OBJECT = 2, DUMPCFG_G_DEFAULT = 3 };
struct dumpcfg_cursor {
	uint32_t group;
	char name[OBJDEF_NAME_SIZE];
};

#define DUMPCFG_PAGE_MAX (1024u * 1024u)   /* the largest page text the server builds */

struct dumpcfg_req {
	uint32_t flags;                 /* DUMPCFG_F_* */
	uint32_t types;                 /* OBJDEF_M bits; 0 matches nothing */
	char name[OBJDEF_NAME_SIZE];    /* "*", "APP.*" or one name */
	struct dumpcfg_cursor cursor;   /* where this page starts */
	uint32_t page_max;              /* text bytes a page (0 or more than DUMPCFG_PAGE_MAX: the max) */
};

struct dumpcfg_res {
	uint32_t objects;               /* commands written on this page */
	uint32_t damaged;               /* objects left out as damaged on this page */
	int more;                       /* another page follows: ask again from next */
	struct dumpcfg_cursor next;
};

/* The definition the running queue manager holds for an object (it may be
 * newer than its file: MQSET), or NULL to use the file's.  May be NULL. */
typedef const struct objdef *(*dumpcfg_live_fn)(void *arg, int type, const char *name);

/* One page of the dump appended to out.  QM_OK, or QM_ENOMEM. */
int dumpcfg_page(struct objstore *os, const struct dumpcfg_req *req, dumpcfg_live_fn live, void *arg,
		 struct mqsc_out *out, struct dumpcfg_res *res);

/* One object's command, appended to out: def compared with the built-in
 * defaults of its type and, when tmpl is not NULL, written also where tmpl
 * (this queue manager's default object of the type) differs from them.
 * QM_OK or QM_ENOMEM. */
int dumpcfg_object(const struct objdef *def, const struct objdef *tmpl, uint32_t flags, struct mqsc_out *out);

/* May DEFINE/ALTER set this attribute of this type (what a dump writes)? */
int dumpcfg_settable(const struct objdef_attr *a, int type);

/* MQSC's keyword of a type: QMGR, QLOCAL, QALIAS, QMODEL (NULL if none). */
const char *dumpcfg_type_word(int type);

/* A generic name: '*' alone or at the end matches any ending. */
int dumpcfg_name_match(const char *pat, const char *name);

#endif
