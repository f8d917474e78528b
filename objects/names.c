/* names.c: MQ name rules and the name-to-file-name transformation. */
#include "objects/names.h"
#include "objects/errbuf.h"
#include "log/qmerr.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define ALLOWED "A-Z a-z 0-9 . / _ %%"

int names_char_ok(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '/' || c == '_' || c == '%';
}

/* Show a character readably in a message: 'x', or \xNN for control bytes. */
static void show_char(unsigned char c, char out[8])
{
	if (c >= 0x20 && c < 0x7f)
		snprintf(out, 8, "'%c'", c);
	else
		snprintf(out, 8, "\\x%02x", c);
}

int names_check(const char *name, char *why, size_t whylen)
{
	if (!name) {
		errbuf_set(why, whylen, "no name given");
		return QM_EINVAL;
	}
	size_t len = strlen(name), i;
	for (i = 0; i < len && name[i] == ' '; i++)
		;
	if (i == len) {
		errbuf_set(why, whylen, len ? "name is all blanks" : "name is empty");
		return QM_EINVAL;
	}
	if (len > NAMES_MAX_LEN) {
		errbuf_set(why, whylen, "name '%.60s%s' is %zu characters long, more than %d", name,
		    len > 60 ? "..." : "", len, NAMES_MAX_LEN);
		return QM_EINVAL;
	}
	if (name[0] == ' ') {
		errbuf_set(why, whylen, "name '%s' starts with a blank", name);
		return QM_EINVAL;
	}
	if (name[len - 1] == ' ') {
		errbuf_set(why, whylen, "name '%s' ends with a blank", name);
		return QM_EINVAL;
	}
	for (i = 0; i < len; i++) {
		if (!names_char_ok((unsigned char)name[i])) {
			char c[8];
			show_char((unsigned char)name[i], c);
			errbuf_set(why, whylen, "name '%s' contains %s at position %zu; allowed are " ALLOWED,
			    name, c, i + 1);
			return QM_EINVAL;
		}
	}
	return QM_OK;
}

size_t names_from_field(const char *field, size_t width, char *out)
{
	size_t n = 0;
	while (n < width && field[n] != 0)
		n++;
	while (n > 0 && field[n - 1] == ' ')
		n--;
	memcpy(out, field, n);
	out[n] = 0;
	return n;
}

int names_to_file(const char *name, char *out, size_t n)
{
	int rc = names_check(name, NULL, 0);
	if (rc)
		return rc;
	size_t len = strlen(name);
	if (len + 1 > n)
		return QM_EINVAL;
	for (size_t i = 0; i <= len; i++)
		out[i] = name[i] == '.' ? '!' : name[i] == '/' ? '&' : name[i];
	return QM_OK;
}

int names_from_file(const char *file, char *out, size_t n)
{
	size_t len = strlen(file);
	/* a .NNN suffix can only be ours: '.' never survives the transformation */
	if (len > 4 && file[len - 4] == '.' && file[len - 3] >= '0' && file[len - 3] <= '9' &&
	    file[len - 2] >= '0' && file[len - 2] <= '9' && file[len - 1] >= '0' && file[len - 1] <= '9')
		len -= 4;
	if (len + 1 > n || len == 0 || len > NAMES_MAX_LEN)
		return QM_EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (file[i] == '.' || file[i] == '/')
			return QM_EINVAL;   /* never produced by names_to_file() */
		out[i] = file[i] == '!' ? '.' : file[i] == '&' ? '/' : file[i];
	}
	out[len] = 0;
	return names_check(out, NULL, 0);
}

/* Which of base, base.000 ... base.999 are taken (ignoring case) in dir d:
 * used[0] for base itself, used[1 + i] for base.i. */
static void scan_taken(DIR *d, const char *base, unsigned char used[1001])
{
	size_t blen = strlen(base);
	struct dirent *e;
	memset(used, 0, 1001);
	while ((e = readdir(d)) != NULL) {
		const char *s = e->d_name;
		if (strncasecmp(s, base, blen) != 0)
			continue;
		s += blen;
		if (*s == 0)
			used[0] = 1;
		else if (s[0] == '.' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' &&
			 s[3] >= '0' && s[3] <= '9' && s[4] == 0)
			used[1 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0')] = 1;
	}
}

int names_unique_dir(const char *parent, const char *name, char *out, size_t n)
{
	char base[NAMES_FILE_SIZE], cand[NAMES_FILE_SIZE + 8];
	unsigned char used[1001];
	int rc = names_to_file(name, base, sizeof base);
	if (rc)
		return rc;
	DIR *d = opendir(parent);
	if (!d) {
		if (errno != ENOENT)
			return errno == EACCES || errno == EPERM ? QM_EPERM : QM_EIO;
		memset(used, 0, sizeof used);
	} else {
		scan_taken(d, base, used);
		closedir(d);
	}
	for (int i = 0; i < 1001; i++) {
		if (used[i])
			continue;
		if (i == 0)
			snprintf(cand, sizeof cand, "%s", base);
		else
			snprintf(cand, sizeof cand, "%s.%03d", base, i - 1);
		if (strlen(cand) + 1 > n)
			return QM_EINVAL;
		strcpy(out, cand);
		return QM_OK;
	}
	return QM_EEXIST;
}
