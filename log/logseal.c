/* logseal.c: reading and writing the seal file (format and rules in logseal.h). */
#include "log/logseal.h"
#include "log/byteorder.h"
#include "log/osio.h"
#include "log/qmerr.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

void logseal_encode(uint8_t out[LOG_SEAL_SIZE], const struct log_seal *s)
{
	memset(out, 0, LOG_SEAL_SIZE);
	put_u64(out, LOG_SEAL_MAGIC);
	put_u32(out + 8, LOG_SEAL_VERSION);
	put_u32(out + 12, LOG_SEAL_SIZE);
	memcpy(out + 16, s->qmid, 16);
	put_u32(out + 32, s->epoch);
	put_u64(out + 40, s->sealed_lsn);
	put_u64(out + 56, XXH64(out, 56, 0));
}

int logseal_decode(const uint8_t *in, size_t n, struct log_seal *s, const char **why)
{
	if (n != LOG_SEAL_SIZE) {
		*why = "wrong size";
		return QM_ECORRUPT;
	}
	if (get_u64(in) != LOG_SEAL_MAGIC) {
		*why = "bad magic";
		return QM_ECORRUPT;
	}
	if (XXH64(in, 56, 0) != get_u64(in + 56)) {
		*why = "checksum mismatch";
		return QM_ECORRUPT;
	}
	if (get_u32(in + 8) != LOG_SEAL_VERSION || get_u32(in + 12) != LOG_SEAL_SIZE) {
		*why = "unsupported version";
		return QM_EVERSION;
	}
	memcpy(s->qmid, in + 16, 16);
	s->epoch = get_u32(in + 32);
	s->sealed_lsn = get_u64(in + 40);
	return QM_OK;
}

int logseal_read(const char *logpath, const uint8_t qmid[16], struct log_seal *s, char *why, size_t whylen)
{
	char path[PATH_MAX];
	char *buf = NULL;
	size_t n = 0;
	const char *w = NULL;
	snprintf(path, sizeof path, "%s/%s", logpath, LOG_SEAL_NAME);
	memset(s, 0, sizeof *s);
	int rc = os_read_file(path, &buf, &n);
	if (rc) {
		snprintf(why, whylen, "seal file \"%s\" could not be read: %s", path, strerror(errno));
		return rc;
	}
	rc = logseal_decode((const uint8_t *)buf, n, s, &w);
	free(buf);
	if (rc) {
		snprintf(why, whylen, "seal file \"%s\" is damaged (%s)", path, w);
		memset(s, 0, sizeof *s);
		return rc;
	}
	if (memcmp(s->qmid, qmid, 16) != 0) {
		snprintf(why, whylen, "seal file \"%s\" belongs to another queue manager", path);
		memset(s, 0, sizeof *s);
		return QM_EFOREIGN;
	}
	return QM_OK;
}

int logseal_create(const char *logpath, const struct log_seal *s)
{
	char path[PATH_MAX];
	uint8_t b[LOG_SEAL_SIZE];
	if (snprintf(path, sizeof path, "%s/%s", logpath, LOG_SEAL_NAME) >= (int)sizeof path) {
		errno = ENAMETOOLONG;
		return QM_EINVAL;
	}
	logseal_encode(b, s);
	return os_replace_file(path, b, sizeof b);
}

int logseal_update(int fd, const struct log_seal *s)
{
	uint8_t b[LOG_SEAL_SIZE];
	logseal_encode(b, s);
	return os_pwrite_full(fd, b, sizeof b, 0);
}
