/*
 * objstore.h: the queue manager's objects as the log and the files hold them.
 *
 * Creating, replacing and deleting an object follows WAL rule 1: the log
 * record (OBJ_CREATE / OBJ_ALTER with the whole definition, objdef_encode,
 * or OBJ_DELETE with none) is appended and flushed first, then the object's
 * file and the catalog are replaced.  So the create records are each object's
 * first media image, and a crash between the two leaves the log ahead of the
 * files, never behind.
 *
 * Calling sequence:
 *   objstore_create_qmgr(&os, data_dir, lg, &qmdef, err, n)   crtmqm, once
 *   objstore_open(&os, data_dir, lg, err, n)                   the queue manager object + catalog
 *   objstore_define(&os, &def, OBJSTORE_REPLACE?, err, n)
 *   objstore_load(&os, type, name, &def, err, n)               QM_EDAMAGED (AMQ7472 to os.el)
 *   objstore_delete(&os, type, name, err, n)
 *   objstore_close(&os)
 * lg may be NULL for read-only use (dspmqfls); defining then fails.
 *
 * Object ids in log records: objstore_obj_id(type, name), a hash of the type
 * and the name, stable for the object's life and across restarts.
 */
#ifndef QUIRE_OBJSTORE_H
#define QUIRE_OBJSTORE_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "objects/objdef.h"
#include "objects/objfile.h"

struct log;

struct errlog;

struct objstore {
	char data_dir[PATH_MAX];
	struct log *lg;
	const struct errlog *el;     /* when set, a damaged object is reported there (AMQ7472) */
	struct objdef qmgr;          /* the queue manager object */
	struct objcat cat;
	uint64_t last_lsn;           /* LSN of the last record this store appended */
};

#define OBJSTORE_REPLACE 1

uint64_t objstore_obj_id(int type, const char *name);
int objstore_create_qmgr(struct objstore *os, const char *data_dir, struct log *lg, const struct objdef *qm,
			 char *err, size_t n);
int objstore_open(struct objstore *os, const char *data_dir, struct log *lg, char *err, size_t n);
void objstore_close(struct objstore *os);
/* Create (or with OBJSTORE_REPLACE, replace) an object.  *replaced tells
 * which happened (may be NULL).  QM_EEXIST when it exists and no REPLACE. */
int objstore_define(struct objstore *os, const struct objdef *def, int flags, int *replaced, char *err, size_t n);
int objstore_load(struct objstore *os, int type, const char *name, struct objdef *def, char *err, size_t n);
int objstore_delete(struct objstore *os, int type, const char *name, char *err, size_t n);
/* The file halves of objstore_define (a new queue) and objstore_delete, for
 * a record already in the log (a backup queue manager applying its
 * original's definitions, backup.c): a new queue's folder (its name in
 * folder), definition file and, for a local queue, an empty queue store
 * reflecting lsn (left open in *store when store is not NULL), then the
 * catalog; or the catalog entry, then the store and the folder (its name in
 * folder, which may be NULL).  Each durable before the next. */
struct qstore;
int objstore_create_files(struct objstore *os, const struct objdef *def, uint64_t lsn, struct qstore **store,
			  char *folder, size_t fsize, char *err, size_t n);
int objstore_remove_files(struct objstore *os, int type, const char *name, uint64_t lsn, char *folder, size_t fsize,
			  char *err, size_t n);
/* ALTER QMGR: log the whole new definition, then replace the object file. */
int objstore_alter_qmgr(struct objstore *os, const struct objdef *qm, char *err, size_t n);

#endif
