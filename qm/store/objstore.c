/* objstore.c: objects through the log, then their files (see objstore.h). */
#include "qm/store/objstore.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "log/osio.h"
#include "objects/qstore.h"
#include "qm/home/errlog.h"
#include "qm/home/msgcat.h"

uint64_t objstore_obj_id(int type, const char *name)
{
	char key[OBJDEF_NAME_SIZE + 8];
	int n = snprintf(key, sizeof key, "%d:%s", objdef_is_queue(type) ? OBJDEF_QLOCAL : type, name);
	return XXH64(key, (size_t)n, 0);
}

/* Append one record and wait until it is durable (WAL rule 1). */
static int log_object(struct objstore *os, uint16_t type, const struct objdef *def, int objtype, const char *name,
		      char *err, size_t n)
{
	uint8_t buf[65536];
	size_t len = 0;
	if (!os->lg) {
		snprintf(err, n, "the object store is open read-only");
		return QM_EINVAL;
	}
	if (def) {
		int rc = objdef_encode(def, buf, sizeof buf, &len);
		if (rc) {
			snprintf(err, n, "could not encode the definition of %s", name);
			return rc;
		}
	}
	struct log_rec r = { .type = type, .obj = objstore_obj_id(objtype, name), .data = buf, .len = len };
	int rc = log_append(os->lg, &r, NULL, &os->last_lsn);
	if (!rc)
		rc = log_flush(os->lg, os->last_lsn);
	if (rc)
		snprintf(err, n, "could not log the change to %s: %s", name, qm_strerror(rc));
	return rc;
}

int objstore_create_qmgr(struct objstore *os, const char *data_dir, struct log *lg, const struct objdef *qm,
			 char *err, size_t n)
{
	memset(os, 0, sizeof *os);
	snprintf(os->data_dir, sizeof os->data_dir, "%s", data_dir);
	os->lg = lg;
	os->qmgr = *qm;
	objcat_init(&os->cat);
	int rc = log_object(os, LOG_REC_OBJ_CREATE, qm, OBJDEF_QMGR, qm->name, err, n);
	if (!rc)
		rc = objfile_write_qmgr(data_dir, qm, os->last_lsn, err, n);
	if (!rc)
		rc = objfile_write_catalog(data_dir, qm->identity, &os->cat, os->last_lsn, err, n);
	return rc;
}

int objstore_open(struct objstore *os, const char *data_dir, struct log *lg, char *err, size_t n)
{
	memset(os, 0, sizeof *os);
	snprintf(os->data_dir, sizeof os->data_dir, "%s", data_dir);
	os->lg = lg;
	objcat_init(&os->cat);
	int rc = objfile_read_qmgr(data_dir, NULL, &os->qmgr, NULL, err, n);
	if (!rc)
		rc = objfile_read_catalog(data_dir, os->qmgr.identity, &os->cat, NULL, err, n);
	return rc;
}

void objstore_close(struct objstore *os)
{
	objcat_free(&os->cat);
}

int objstore_define(struct objstore *os, const struct objdef *def, int flags, int *replaced, char *err, size_t n)
{
	char folder[NAMES_FILE_SIZE];
	int rc;
	if (replaced)
		*replaced = 0;
	if (!objdef_is_catalogued(def->type)) {
		snprintf(err, n, "only queues, processes, topics, channels, listeners and authentication information objects can be defined");
		return QM_EINVAL;
	}
	if ((rc = objdef_validate(def, err, n)))
		return rc;
	const struct objcat_entry *e = objcat_find(&os->cat, def->type, def->name);
	if (e && (!(flags & OBJSTORE_REPLACE) || e->type != def->type)) {
		snprintf(err, n, "%s %s already exists", e->type == def->type ? "object" : "a queue named", def->name);
		return QM_EEXIST;
	}
	if (e) {
		/* a new definition: the messages stay in the queue store, which
		 * the definition file q does not touch (a process has only its file) */
		snprintf(folder, sizeof folder, "%s", e->folder);
		rc = log_object(os, LOG_REC_OBJ_ALTER, def, def->type, def->name, err, n);
		if (!rc)
			rc = objfile_write_queue(os->data_dir, folder, os->qmgr.identity, def, os->last_lsn, 0, NULL, NULL,
						 err, n);
		if (!rc && replaced)
			*replaced = 1;
		return rc;
	}
	rc = log_object(os, LOG_REC_OBJ_CREATE, def, def->type, def->name, err, n);
	return rc ? rc : objstore_create_files(os, def, os->last_lsn, NULL, folder, sizeof folder, err, n);
}

int objstore_create_files(struct objstore *os, const struct objdef *def, uint64_t lsn, struct qstore **store,
			  char *folder, size_t fsize, char *err, size_t n)
{
	int rc = objfile_obj_dir_new(os->data_dir, def->type, def->name, folder, fsize, err, n);
	if (!rc)
		rc = objfile_write_queue(os->data_dir, folder, os->qmgr.identity, def, lsn, 0, NULL, NULL, err, n);
	if (!rc && def->type == OBJDEF_QLOCAL) {
		/* its queue store, empty, reflecting the create record (durable) */
		char dir[PATH_MAX + 64];
		struct qstore *s = NULL;
		rc = objfile_queue_dir(os->data_dir, folder, dir, sizeof dir);
		if (!rc)
			rc = qstore_create(dir, os->qmgr.identity, def->name, lsn, NULL, &s, err, n);
		if (store && !rc)
			*store = s;
		else
			qstore_close(s);
	}
	if (!rc && (rc = objcat_add(&os->cat, def->type, def->name, folder)) != QM_OK)
		snprintf(err, n, "the catalog already names %s", def->name);
	if (!rc)
		rc = objfile_write_catalog(os->data_dir, os->qmgr.identity, &os->cat, lsn, err, n);
	return rc;
}

int objstore_load(struct objstore *os, int type, const char *name, struct objdef *def, char *err, size_t n)
{
	const struct objcat_entry *e = objcat_find(&os->cat, type, name);
	if (!e) {
		snprintf(err, n, "object %s not found", name);
		return QM_ENOTFOUND;
	}
	int rc = objfile_read_queue(os->data_dir, e->folder, os->qmgr.identity, objdef_is_queue(type) ? 0 : type,
				    e->name, def, NULL, NULL, NULL, NULL, err, n);
	if (rc == QM_EDAMAGED && os->el)
		ERRLOG(os->el, AMQ_OBJECT_DAMAGED, e->name, objdef_type_name(e->type));
	return rc;
}

int objstore_delete(struct objstore *os, int type, const char *name, char *err, size_t n)
{
	const struct objcat_entry *e = objcat_find(&os->cat, type, name);
	if (!e) {
		snprintf(err, n, "object %s not found", name);
		return QM_ENOTFOUND;
	}
	int rc = log_object(os, LOG_REC_OBJ_DELETE, NULL, e->type, name, err, n);
	return rc ? rc : objstore_remove_files(os, e->type, name, os->last_lsn, NULL, 0, err, n);
}

int objstore_remove_files(struct objstore *os, int type, const char *name, uint64_t lsn, char *folder, size_t fsize,
			  char *err, size_t n)
{
	const struct objcat_entry *e = objcat_find(&os->cat, type, name);
	if (!e) {
		snprintf(err, n, "object %s not found", name);
		return QM_ENOTFOUND;
	}
	char f[NAMES_FILE_SIZE];
	int etype = e->type;
	snprintf(f, sizeof f, "%s", e->folder);
	if (folder)
		snprintf(folder, fsize, "%s", f);
	int rc = objcat_remove(&os->cat, etype, name);
	if (!rc)
		rc = objfile_write_catalog(os->data_dir, os->qmgr.identity, &os->cat, lsn, err, n);
	if (!rc && etype == OBJDEF_QLOCAL) {
		char dir[PATH_MAX + 64];
		rc = objfile_queue_dir(os->data_dir, f, dir, sizeof dir);
		if (!rc)
			rc = qstore_destroy(dir, err, n);
	}
	if (!rc)
		rc = objfile_obj_remove(os->data_dir, etype, f, err, n);
	return rc;
}

int objstore_alter_qmgr(struct objstore *os, const struct objdef *qm, char *err, size_t n)
{
	int rc = objdef_validate(qm, err, n);
	if (!rc)
		rc = log_object(os, LOG_REC_OBJ_ALTER, qm, OBJDEF_QMGR, qm->name, err, n);
	if (!rc)
		rc = objfile_write_qmgr(os->data_dir, qm, os->last_lsn, err, n);
	if (!rc)
		os->qmgr = *qm;
	return rc;
}
