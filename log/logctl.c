/* logctl.c: reading and writing the log control file (format in logctl.h). */
#include "log/logctl.h"
#include "log/logrec.h"
#include "log/osio.h"
#include "log/qmerr.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

int logctl_read(const char *logpath, struct logctl *c, char *why, size_t whylen)
{
	char path[PATH_MAX];
	char *buf = NULL;
	size_t n = 0;
	snprintf(path, sizeof path, "%s/%s", logpath, LOG_CTL_NAME);
	int rc = os_read_file(path, &buf, &n);
	if (rc) {
		snprintf(why, whylen, "could not read log control file \"%s\": %s", path, strerror(errno));
		return rc == QM_ENOENT ? QM_ENOENT : rc;
	}
	const uint8_t *p = (const uint8_t *)buf;
	const char *w = NULL;
	if (n != LOG_CTL_SIZE)
		w = "wrong size";
	else if (get_u64(p) != LOG_CTL_MAGIC)
		w = "bad magic";
	else if (XXH64(p, LOG_CTL_SIZE - 8, 0) != get_u64(p + LOG_CTL_SIZE - 8))
		w = "checksum mismatch";
	else if (get_u32(p + 8) != 1)
		w = "unsupported version";
	if (w) {
		snprintf(why, whylen, "log control file \"%s\" is damaged: %s", path, w);
		free(buf);
		return QM_ECORRUPT;
	}
	memcpy(c->qmid, p + 16, 16);
	c->type = get_u32(p + 32);
	c->mgmt = get_u32(p + 36);
	c->pages = get_u32(p + 40);
	c->primary = get_u32(p + 44);
	c->secondary = get_u32(p + 48);
	c->nring = get_u32(p + 52);
	c->head_seq = get_u64(p + 56);
	c->cur_seq = get_u64(p + 64);
	c->restart_lsn = get_u64(p + 72);
	c->media_lsn = get_u64(p + 80);
	c->updates = get_u64(p + 88);
	c->n_created = get_u64(p + 96);
	c->n_reused = get_u64(p + 104);
	c->n_deleted = get_u64(p + 112);
	c->arch_base = get_u64(p + 120);
	for (unsigned i = 0; i < LOG_MAX_FILES; i++)
		c->ring[i] = get_u32(p + 128 + 4 * i);
	memcpy(c->archived, p + LOG_ARCH_OFF, LOG_ARCH_BYTES);
	free(buf);
	if ((c->type != LOG_CIRCULAR && c->type != LOG_LINEAR) || c->mgmt > LOG_ARCHIVE ||
	    c->pages < 16 || c->nring > LOG_MAX_FILES || c->cur_seq < c->head_seq ||
	    (c->type == LOG_CIRCULAR && c->cur_seq - c->head_seq >= c->nring)) {
		snprintf(why, whylen, "log control file \"%s\" is damaged: inconsistent fields", path);
		return QM_ECORRUPT;
	}
	return QM_OK;
}

int logctl_write(const char *logpath, struct logctl *c)
{
	return logctl_write_step(logpath, c, NULL);
}

int logctl_write_step(const char *logpath, struct logctl *c, enum os_step *step)
{
	char path[PATH_MAX];
	uint8_t p[LOG_CTL_SIZE];
	snprintf(path, sizeof path, "%s/%s", logpath, LOG_CTL_NAME);
	c->updates++;
	memset(p, 0, sizeof p);
	put_u64(p, LOG_CTL_MAGIC);
	put_u32(p + 8, 1);
	put_u32(p + 12, LOG_CTL_SIZE);
	memcpy(p + 16, c->qmid, 16);
	put_u32(p + 32, c->type);
	put_u32(p + 36, c->mgmt);
	put_u32(p + 40, c->pages);
	put_u32(p + 44, c->primary);
	put_u32(p + 48, c->secondary);
	put_u32(p + 52, c->nring);
	put_u64(p + 56, c->head_seq);
	put_u64(p + 64, c->cur_seq);
	put_u64(p + 72, c->restart_lsn);
	put_u64(p + 80, c->media_lsn);
	put_u64(p + 88, c->updates);
	put_u64(p + 96, c->n_created);
	put_u64(p + 104, c->n_reused);
	put_u64(p + 112, c->n_deleted);
	put_u64(p + 120, c->arch_base);
	for (unsigned i = 0; i < LOG_MAX_FILES; i++)
		put_u32(p + 128 + 4 * i, c->ring[i]);
	memcpy(p + LOG_ARCH_OFF, c->archived, LOG_ARCH_BYTES);
	put_u64(p + LOG_CTL_SIZE - 8, XXH64(p, LOG_CTL_SIZE - 8, 0));
	return os_replace_file_step(path, p, sizeof p, step);
}
