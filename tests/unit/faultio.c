/*
 * faultio.c: the fault-injecting, crash-simulating osio table (see faultio.h).
 *
 * How a crash is simulated: the layer works on the real files and keeps, for
 * every change not yet durable, what is needed to take it back.
 *
 *   files    one entry per inode (device + inode) with pending changes: an undo
 *            list, oldest first.  Each undo record holds the file size before
 *            the change and the old bytes of the range the change overwrote or
 *            cut off (NULL when they were all zero, as in a preallocated log
 *            extent).  A private O_RDWR fd (reopened through /proc/self/fd)
 *            reads the old bytes and writes them back, whatever happens to the
 *            names.  An fsync or fdatasync of the inode drops its undo list.
 *   entries  one list, oldest first, of folder-entry changes not yet durable:
 *            create, mkdir, rename, unlink, rmdir, with absolute paths and the
 *            device + inode of each folder involved.  An fsync on a folder fd
 *            marks that folder synced in each change; a change whose folders
 *            are all synced is durable and leaves the list.  unlink and a
 *            rename over an existing file first hard-link the victim to a
 *            hidden name in its folder, reached through an O_PATH fd of the
 *            folder so that renaming the folder does not lose it; the link is
 *            removed once durable, and moved to the parent folder when its
 *            folder is removed (rmdir would otherwise find it not empty).
 *
 * faultio_crash: undo every file's list newest first (truncate to the old
 * size, write the old bytes back), then undo the entry list newest first
 * (remove what was created, rename back, put hidden links back, recreate
 * removed folders), then turn every fd opened through the layer into a dead
 * placeholder (dup3 of /dev/null) and forget all pending state.  For a torn
 * crash the new bytes of the chosen write are read just before that write is
 * undone, and the kept pieces are written again once the file is durable.
 *
 * A torn crash keeps part of one write on top of the durable state with every
 * earlier pending write to the file dropped: a disk may persist sectors in any
 * order, so this is a state a real power loss can leave.
 */
#include "tests/unit/faultio.h"
#include "tests/unit/scratch.h"
#include "log/osio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#define SECTOR 512
#define MAX_RULES 16

struct fdent {                  /* what the layer knows of one fd number */
	bool used;
	bool ours;              /* opened through the layer: dies at a crash */
	bool dead;              /* a placeholder left by a crash */
	bool is_dir;
	bool append;            /* O_APPEND: every write lands at the end */
	bool dsync;             /* O_DSYNC or O_SYNC: every write is synced */
	dev_t dev;
	ino_t ino;
	char *path;             /* as given to open, or from /proc */
};

struct undo {                   /* one pending change to a file's bytes or size */
	unsigned long long seq;
	bool is_write;
	off_t old_size;
	off_t off;              /* start of the range changed */
	size_t len;             /* bytes the pwrite wrote (is_write) */
	size_t saved;           /* old bytes kept from off (all inside old_size) */
	unsigned char *old;     /* NULL: the saved bytes were zeros */
};

struct fileent {                /* one inode with pending changes */
	dev_t dev;
	ino_t ino;
	char *path;
	int pfd;
	struct undo *u;
	size_t nu, cap;
};

enum ns_kind { NS_CREATE, NS_MKDIR, NS_RENAME, NS_UNLINK, NS_RMDIR };

struct nsop {                   /* one pending folder-entry change */
	enum ns_kind kind;
	char *path;             /* absolute; rename: the source */
	char *path2;            /* rename: the target */
	int hfd;                /* folder of the victim kept aside, or -1 */
	char *hidden;           /* its name there (unlink, rename over a file) */
	int nparents;
	dev_t pdev[2];
	ino_t pino[2];
	bool synced[2];
	dev_t dev;              /* create, mkdir: what was made */
	ino_t ino;
	mode_t mode;            /* rmdir, rename over a folder: to recreate it */
	bool replaced_dir;
};

struct rule {
	unsigned ops;
	int nth, count;
	int err;
	bool persistent;
	bool short_write;
	size_t keep;
	bool crash;
	char *substr;
};

struct pathstat {
	char *path;
	struct faultio_stats s;
};

struct torn {
	bool want;
	const char *substr;
	bool prefix;            /* keep exactly `keep` bytes */
	size_t keep;
	unsigned seed;
	long long kept;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct fdent *fds;
static size_t nfds;
static struct fileent *files;
static size_t nfiles, capfiles;
static struct nsop *ns;
static size_t nns, capns;
static struct rule rules[MAX_RULES];
static size_t nrules;
static long long budget = -1, budget_used;
static struct faultio_stats st;
static struct pathstat *pstats;
static size_t npstats, cappstats;
static bool down;
static int deadfd = -1;
static unsigned long long seqno;
static unsigned long hidden_no;

static const unsigned char zeros[65536];

/* faultio_stats_path adds the counters up as an array. */
_Static_assert(sizeof(struct faultio_stats) % sizeof(unsigned long long) == 0,
	       "struct faultio_stats holds only unsigned long long counters");

/* ---- small helpers ---------------------------------------------------- */

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t n = *cap ? *cap * 2 : 16;
	while (n < need)
		n *= 2;
	void *q = realloc(p, n * size);
	if (!q)
		return NULL;
	*cap = n;
	return q;
}

static bool matches(const char *substr, const char *a, const char *b)
{
	if (!substr)
		return true;
	return (a && strstr(a, substr)) || (b && strstr(b, substr));
}

static ssize_t pread_all(int fd, void *buf, size_t n, off_t off)
{
	size_t done = 0;
	while (done < n) {
		ssize_t r = pread(fd, (char *)buf + done, n - done, off + (off_t)done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		done += (size_t)r;
	}
	return (ssize_t)done;
}

static int pwrite_all(int fd, const void *buf, size_t n, off_t off)
{
	size_t done = 0;
	while (done < n) {
		ssize_t w = pwrite(fd, buf ? (const char *)buf + done : (const char *)zeros,
				   buf ? n - done : (n - done < sizeof zeros ? n - done : sizeof zeros),
				   off + (off_t)done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		done += (size_t)w;
	}
	return 0;
}

/* Absolute form of path, resolving its folder (which must exist) but not its
 * last component.  Falls back to a copy of path. */
static char *abs_path(const char *path)
{
	char buf[PATH_MAX], real[PATH_MAX];
	size_t n = strlen(path);
	if (n == 0 || n >= sizeof buf)
		return strdup(path);
	memcpy(buf, path, n + 1);
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = 0;
	char *slash = strrchr(buf, '/');
	const char *dir, *base;
	if (!slash) {
		dir = ".";
		base = buf;
	} else if (slash == buf) {
		dir = "/";
		base = buf + 1;
	} else {
		*slash = 0;
		dir = buf;
		base = slash + 1;
	}
	if (!realpath(dir, real))
		return strdup(path);
	size_t rl = strlen(real), bl = strlen(base);
	char *out = malloc(rl + bl + 2);
	if (!out)
		return NULL;
	memcpy(out, real, rl);
	if (rl > 1)
		out[rl++] = '/';
	memcpy(out + rl, base, bl + 1);
	return out;
}

/* The folder part of the absolute path abs into dir (PATH_MAX bytes). */
static int dir_of(const char *abs, char *dir)
{
	const char *slash = strrchr(abs, '/');
	size_t n = slash ? (size_t)(slash - abs) : 0;
	if (!slash) {
		strcpy(dir, ".");
		return 0;
	}
	if (n == 0)
		n = 1;
	if (n >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(dir, abs, n);
	dir[n] = 0;
	return 0;
}

/* Device and inode of the folder holding the absolute path abs. */
static int parent_id(const char *abs, dev_t *dev, ino_t *ino)
{
	char dir[PATH_MAX];
	struct stat sb;
	if (dir_of(abs, dir) != 0 || stat(dir, &sb) != 0)
		return -1;
	*dev = sb.st_dev;
	*ino = sb.st_ino;
	return 0;
}

/* Keep the file at path (absolute form abs) aside: hard-link it to a fresh
 * hidden name in its folder, returned as a folder fd and a name. */
static int keep_aside(const char *path, const char *abs, int *hfd, char **hidden)
{
	char dir[PATH_MAX], name[64];
	if (dir_of(abs, dir) != 0)
		return -1;
	snprintf(name, sizeof name, ".faultio-%ld-%lu", (long)getpid(), ++hidden_no);
	int dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -1;
	if (linkat(AT_FDCWD, path, dfd, name, 0) != 0) {
		int e = errno;
		close(dfd);
		errno = e;
		return -1;
	}
	*hidden = strdup(name);
	if (!*hidden) {
		unlinkat(dfd, name, 0);
		close(dfd);
		errno = ENOMEM;
		return -1;
	}
	*hfd = dfd;
	return 0;
}

/* ---- counters ----------------------------------------------------------- */

static struct faultio_stats *path_stats(const char *path)
{
	if (!path)
		return NULL;
	for (size_t i = 0; i < npstats; i++)
		if (strcmp(pstats[i].path, path) == 0)
			return &pstats[i].s;
	struct pathstat *p = grow(pstats, &cappstats, npstats + 1, sizeof *pstats);
	if (!p)
		return NULL;
	pstats = p;
	char *copy = strdup(path);
	if (!copy)
		return NULL;
	memset(&pstats[npstats], 0, sizeof pstats[npstats]);
	pstats[npstats].path = copy;
	return &pstats[npstats++].s;
}

#define COUNT(path, field, n) do {                                  \
		st.field += (n);                                    \
		struct faultio_stats *ps_ = path_stats(path);       \
		if (ps_)                                            \
			ps_->field += (n);                          \
	} while (0)

/* ---- fds ---------------------------------------------------------------- */

static struct fdent *fd_slot(int fd)
{
	if (fd < 0)
		return NULL;
	if ((size_t)fd >= nfds) {
		size_t n = nfds ? nfds : 64;
		while (n <= (size_t)fd)
			n *= 2;
		struct fdent *p = realloc(fds, n * sizeof *p);
		if (!p)
			return NULL;
		memset(p + nfds, 0, (n - nfds) * sizeof *p);
		fds = p;
		nfds = n;
	}
	return &fds[fd];
}

static void fd_forget(int fd)
{
	if (fd >= 0 && (size_t)fd < nfds) {
		free(fds[fd].path);
		memset(&fds[fd], 0, sizeof fds[fd]);
	}
}

static void fd_track(int fd, const struct stat *sb, const char *path, bool ours)
{
	struct fdent *e = fd_slot(fd);
	if (!e)
		return;
	free(e->path);
	e->used = true;
	e->ours = ours;
	e->dead = false;
	e->is_dir = S_ISDIR(sb->st_mode);
	int fl = fcntl(fd, F_GETFL);
	e->append = fl >= 0 && (fl & O_APPEND);
	e->dsync = fl >= 0 && (fl & (O_DSYNC | O_SYNC));
	e->dev = sb->st_dev;
	e->ino = sb->st_ino;
	e->path = path ? strdup(path) : NULL;
}

/* The entry for fd; an fd the layer has not seen (or whose number was reused
 * behind its back) is tracked from now on.  NULL: not an open fd. */
static struct fdent *fd_get(int fd)
{
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) != 0)
		return NULL;
	if ((size_t)fd < nfds && fds[fd].used && fds[fd].dev == sb.st_dev && fds[fd].ino == sb.st_ino)
		return &fds[fd];
	char link[64], target[PATH_MAX];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, target, sizeof target - 1);
	target[n > 0 ? n : 0] = 0;
	fd_track(fd, &sb, n > 0 ? target : NULL, false);
	return (size_t)fd < nfds && fds[fd].used ? &fds[fd] : NULL;
}

/* ---- file undo lists ---------------------------------------------------- */

static struct fileent *file_find(dev_t dev, ino_t ino)
{
	for (size_t i = 0; i < nfiles; i++)
		if (files[i].dev == dev && files[i].ino == ino)
			return &files[i];
	return NULL;
}

static void file_free(struct fileent *f)
{
	for (size_t i = 0; i < f->nu; i++)
		free(f->u[i].old);
	free(f->u);
	free(f->path);
	if (f->pfd >= 0)
		close(f->pfd);
}

/* The changes of (dev, ino) are durable: drop its undo list. */
static void file_synced(dev_t dev, ino_t ino)
{
	struct fileent *f = file_find(dev, ino);
	if (!f)
		return;
	file_free(f);
	*f = files[--nfiles];
}

/* The entry for the inode of fd (or of path when fd < 0), with its private fd open. */
static struct fileent *file_get(int fd, const char *path, dev_t dev, ino_t ino)
{
	struct fileent *f = file_find(dev, ino);
	if (f)
		return f;
	int pfd;
	if (fd >= 0) {
		char link[64];
		snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
		pfd = open(link, O_RDWR | O_CLOEXEC);
	} else {
		pfd = open(path, O_RDWR | O_CLOEXEC);
	}
	if (pfd < 0)
		return NULL;
	struct fileent *p = grow(files, &capfiles, nfiles + 1, sizeof *files);
	if (!p) {
		close(pfd);
		errno = ENOMEM;
		return NULL;
	}
	files = p;
	f = &files[nfiles++];
	memset(f, 0, sizeof *f);
	f->dev = dev;
	f->ino = ino;
	f->pfd = pfd;
	f->path = path ? strdup(path) : NULL;
	return f;
}

/* Remember what a change to [off, off+len) and the size takes away
 * (off < 0: at the end of the file, as for O_APPEND). */
static struct undo *file_record(struct fileent *f, off_t off, size_t len, bool is_write)
{
	struct stat sb;
	if (fstat(f->pfd, &sb) != 0)
		return NULL;
	if (off < 0)
		off = sb.st_size;
	struct undo *p = grow(f->u, &f->cap, f->nu + 1, sizeof *f->u);
	if (!p) {
		errno = ENOMEM;
		return NULL;
	}
	f->u = p;
	struct undo u = { .seq = ++seqno, .is_write = is_write, .old_size = sb.st_size,
			  .off = off, .len = is_write ? len : 0 };
	if (off < sb.st_size && len > 0) {
		size_t n = (size_t)(sb.st_size - off) < len ? (size_t)(sb.st_size - off) : len;
		unsigned char *old = malloc(n);
		if (!old) {
			errno = ENOMEM;
			return NULL;
		}
		ssize_t got = pread_all(f->pfd, old, n, off);
		if (got < 0) {
			free(old);
			return NULL;
		}
		u.saved = (size_t)got;
		bool all_zero = true;
		for (size_t i = 0; i < u.saved && all_zero; i++)
			all_zero = old[i] == 0;
		if (all_zero) {
			free(old);
			old = NULL;
		}
		u.old = old;
	}
	f->u[f->nu] = u;
	return &f->u[f->nu++];
}

static bool undo_apply(int pfd, const struct undo *u)
{
	bool ok = ftruncate(pfd, u->old_size) == 0;
	if (u->saved > 0 && pwrite_all(pfd, u->old, u->saved, u->off) != 0)
		ok = false;
	return ok;
}

/* ---- folder-entry changes ----------------------------------------------- */

static struct nsop *ns_add(enum ns_kind kind, char *path, char *path2)
{
	struct nsop *p = grow(ns, &capns, nns + 1, sizeof *ns);
	if (!p)
		return NULL;
	ns = p;
	struct nsop *o = &ns[nns];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	o->hfd = -1;
	o->path = path;
	o->path2 = path2;
	const char *ps[2] = { path, path2 };
	for (int i = 0; i < 2; i++) {
		if (!ps[i])
			continue;
		dev_t d;
		ino_t n;
		if (parent_id(ps[i], &d, &n) != 0)
			continue;
		if (o->nparents == 1 && o->pdev[0] == d && o->pino[0] == n)
			continue;
		o->pdev[o->nparents] = d;
		o->pino[o->nparents] = n;
		o->nparents++;
	}
	nns++;
	return o;
}

static void ns_free(struct nsop *o)
{
	free(o->path);
	free(o->path2);
	free(o->hidden);
	if (o->hfd >= 0)
		close(o->hfd);
}

/* The folder (dev, ino) was fsynced: entry changes in it are durable. */
static void dir_synced(dev_t dev, ino_t ino)
{
	size_t j = 0;
	for (size_t i = 0; i < nns; i++) {
		struct nsop *o = &ns[i];
		bool all = true;
		for (int k = 0; k < o->nparents; k++) {
			if (o->pdev[k] == dev && o->pino[k] == ino)
				o->synced[k] = true;
			all = all && o->synced[k];
		}
		if (all) {
			if (o->hidden)
				unlinkat(o->hfd, o->hidden, 0);
			ns_free(o);
		} else {
			ns[j++] = *o;
		}
	}
	nns = j;
}

static bool same_inode(const char *path, dev_t dev, ino_t ino)
{
	struct stat sb;
	return lstat(path, &sb) == 0 && sb.st_dev == dev && sb.st_ino == ino;
}

static bool ns_undo(const struct nsop *o)
{
	switch (o->kind) {
	case NS_CREATE:
		if (!same_inode(o->path, o->dev, o->ino))
			return false;
		return unlink(o->path) == 0;
	case NS_MKDIR:
		if (!same_inode(o->path, o->dev, o->ino))
			return false;
		return ut_rm_tree(o->path) == 0;
	case NS_RENAME: {
		bool ok = rename(o->path2, o->path) == 0;
		if (ok && o->replaced_dir)
			ok = mkdir(o->path2, o->mode) == 0;
		if (ok && o->hidden)
			ok = renameat(o->hfd, o->hidden, AT_FDCWD, o->path2) == 0;
		return ok;
	}
	case NS_UNLINK:
		return renameat(o->hfd, o->hidden, AT_FDCWD, o->path) == 0;
	case NS_RMDIR:
		return mkdir(o->path, o->mode) == 0;
	}
	return false;
}

/* The folder (dev, ino) is about to be removed: move the victims kept aside
 * in it to its parent, so that only real entries can keep it from going. */
static void move_aside_out(dev_t dev, ino_t ino)
{
	int pfd = -1;
	for (size_t i = 0; i < nns; i++) {
		struct nsop *o = &ns[i];
		struct stat sb;
		if (o->hfd < 0 || fstat(o->hfd, &sb) != 0 || sb.st_dev != dev || sb.st_ino != ino)
			continue;
		if (pfd < 0 && (pfd = openat(o->hfd, "..", O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
			return;
		int nfd = fcntl(pfd, F_DUPFD_CLOEXEC, 0);
		if (nfd < 0)
			break;
		if (renameat(o->hfd, o->hidden, pfd, o->hidden) != 0) {
			close(nfd);
			continue;
		}
		close(o->hfd);
		o->hfd = nfd;
	}
	if (pfd >= 0)
		close(pfd);
}

/* A file or folder was renamed: keep the names the layer reports current. */
static void renamed(const char *from, const char *to)
{
	for (size_t i = 0; i < nfds; i++)
		if (fds[i].used && fds[i].path && strcmp(fds[i].path, from) == 0) {
			char *p = strdup(to);
			if (p) {
				free(fds[i].path);
				fds[i].path = p;
			}
		}
	for (size_t i = 0; i < nfiles; i++)
		if (files[i].path && strcmp(files[i].path, from) == 0) {
			char *p = strdup(to);
			if (p) {
				free(files[i].path);
				files[i].path = p;
			}
		}
}

/* ---- state: reset and crash --------------------------------------------- */

static void rules_clear(void)
{
	for (size_t i = 0; i < nrules; i++)
		free(rules[i].substr);
	nrules = 0;
}

/* Forget every pending change as if it had become durable. */
static void pending_forget(void)
{
	for (size_t i = 0; i < nfiles; i++)
		file_free(&files[i]);
	nfiles = 0;
	for (size_t i = 0; i < nns; i++) {
		if (ns[i].hidden)
			unlinkat(ns[i].hfd, ns[i].hidden, 0);
		ns_free(&ns[i]);
	}
	nns = 0;
}

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Write back the pieces of a torn write (new bytes buf of [off, off+len)). */
static long long tear(int pfd, const unsigned char *buf, off_t off, size_t len, struct torn *t)
{
	uint64_t s = t->seed;
	int mode = t->prefix ? 0 : (int)(splitmix(&s) % 3);
	size_t keep = 0;
	if (t->prefix) {
		keep = t->keep < len ? t->keep : len;
	} else if (mode == 0) {
		keep = len > 1 ? 1 + (size_t)(splitmix(&s) % (len - 1)) : 0;
	} else if (mode == 1) {
		/* whole sectors: cut at a sector boundary of the file inside the write */
		off_t first = (off / SECTOR + 1) * SECTOR;
		size_t cuts = first < off + (off_t)len ? (size_t)((off + (off_t)len - first - 1) / SECTOR) + 1 : 0;
		keep = cuts ? (size_t)(first - off) + SECTOR * (size_t)(splitmix(&s) % cuts) : 0;
	}
	long long kept = 0;
	if (mode != 2) {
		if (keep > 0 && pwrite_all(pfd, buf, keep, off) != 0)
			st.undo_failures++;
		return (long long)keep;
	}
	/* random sectors, each kept with probability one half */
	off_t end = off + (off_t)len;
	for (off_t a = off; a < end; ) {
		off_t b = (a / SECTOR + 1) * SECTOR;
		if (b > end)
			b = end;
		if (splitmix(&s) & 1) {
			if (pwrite_all(pfd, buf + (a - off), (size_t)(b - a), a) != 0)
				st.undo_failures++;
			kept += b - a;
		}
		a = b;
	}
	return kept;
}

static void do_crash(struct torn *t)
{
	st.crashes++;
	/* the write to tear: the newest pending pwrite to a matching file */
	struct fileent *tf = NULL;
	size_t ti = 0;
	if (t && t->want) {
		unsigned long long best = 0;
		for (size_t i = 0; i < nfiles; i++) {
			if (!matches(t->substr, files[i].path, NULL))
				continue;
			for (size_t k = 0; k < files[i].nu; k++)
				if (files[i].u[k].is_write && files[i].u[k].len > 0 && files[i].u[k].seq > best) {
					best = files[i].u[k].seq;
					tf = &files[i];
					ti = k;
				}
		}
	}
	for (size_t i = 0; i < nfiles; i++) {
		struct fileent *f = &files[i];
		unsigned char *newbuf = NULL;
		for (size_t k = f->nu; k-- > 0; ) {
			if (f == tf && k == ti) {
				newbuf = malloc(f->u[k].len);
				if (!newbuf || pread_all(f->pfd, newbuf, f->u[k].len, f->u[k].off) != (ssize_t)f->u[k].len) {
					st.undo_failures++;
					free(newbuf);
					newbuf = NULL;
				}
			}
			if (!undo_apply(f->pfd, &f->u[k]))
				st.undo_failures++;
		}
		if (newbuf) {
			t->kept = tear(f->pfd, newbuf, f->u[ti].off, f->u[ti].len, t);
			free(newbuf);
		}
		file_free(f);
	}
	nfiles = 0;
	for (size_t i = nns; i-- > 0; ) {
		if (!ns_undo(&ns[i]))
			st.undo_failures++;
		ns_free(&ns[i]);
	}
	nns = 0;
	/* every fd opened through the layer dies; its number stays taken */
	if (deadfd < 0)
		deadfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	struct stat dsb;
	bool have_dead = deadfd >= 0 && fstat(deadfd, &dsb) == 0;
	for (size_t i = 0; i < nfds; i++) {
		struct fdent *e = &fds[i];
		if (!e->used || (int)i == deadfd)
			continue;
		if (!e->ours || e->dead) {
			if (!e->dead)
				fd_forget((int)i);
			continue;
		}
		if (have_dead && dup3(deadfd, (int)i, O_CLOEXEC) >= 0) {
			e->dead = true;
			e->dev = dsb.st_dev;
			e->ino = dsb.st_ino;
		} else {
			close((int)i);
			fd_forget((int)i);
		}
	}
	rules_clear();
	budget = -1;
	budget_used = 0;
}

/* ---- rules --------------------------------------------------------------- */

enum verdict { GO, FAIL, SHORT, CRASH };

/* Advance the counters of the rules that match this call and say what to do. */
static enum verdict judge(unsigned op, const char *p1, const char *p2, int *err, size_t *keep)
{
	enum verdict v = GO;
	size_t j = 0;
	for (size_t i = 0; i < nrules; i++) {
		struct rule *r = &rules[i];
		bool keep_rule = true;
		if ((r->ops & op) && matches(r->substr, p1, p2)) {
			r->count++;
			bool fire = r->persistent ? r->count >= r->nth : r->count == r->nth;
			if (fire && v == GO) {
				v = r->crash ? CRASH : r->short_write ? SHORT : FAIL;
				*err = r->err;
				*keep = r->keep;
			}
			if (fire && !r->persistent)
				keep_rule = false;
		}
		if (keep_rule)
			rules[j++] = *r;
		else
			free(r->substr);
	}
	nrules = j;
	if (v == FAIL || v == SHORT)
		st.faults++;
	if (v == CRASH) {
		do_crash(NULL);
		down = true;
		*err = EIO;
	}
	return v;
}

static void rule_add(struct rule r, const char *substr)
{
	if (r.nth < 1)
		r.nth = 1;
	pthread_mutex_lock(&mu);
	if (nrules < MAX_RULES) {
		r.substr = substr ? strdup(substr) : NULL;
		rules[nrules++] = r;
	}
	pthread_mutex_unlock(&mu);
}

/* ---- the wrapped calls ---------------------------------------------------- */

#define FAIL_WITH(e) do { errno = (e); pthread_mutex_unlock(&mu); return -1; } while (0)

static int f_open(const char *path, int flags, mode_t mode)
{
	int err = 0;
	size_t keep;
	pthread_mutex_lock(&mu);
	COUNT(path, opens, 1);
	if (down)
		FAIL_WITH(EIO);
	if (judge(FAULTIO_OPEN, path, NULL, &err, &keep) != GO)
		FAIL_WITH(err);
	struct stat sb;
	bool existed = lstat(path, &sb) == 0;
	if ((flags & O_TRUNC) && existed && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
	    (flags & O_ACCMODE) != O_RDONLY) {
		struct fileent *f = file_get(-1, path, sb.st_dev, sb.st_ino);
		if (!f || !file_record(f, 0, (size_t)sb.st_size, false))
			FAIL_WITH(errno ? errno : EIO);
	}
	int fd = osio_real.open(path, flags, mode);
	if (fd < 0) {
		int e = errno;
		pthread_mutex_unlock(&mu);
		errno = e;
		return -1;
	}
	if (fstat(fd, &sb) == 0) {
		fd_track(fd, &sb, path, true);
		if (!existed && (flags & O_CREAT)) {
			char *abs = abs_path(path);
			struct nsop *o = abs ? ns_add(NS_CREATE, abs, NULL) : NULL;
			if (o) {
				o->dev = sb.st_dev;
				o->ino = sb.st_ino;
			} else {
				free(abs);
			}
		}
	}
	pthread_mutex_unlock(&mu);
	return fd;
}

/* An injected close failure still releases the fd, as Linux close does. */
static int f_close(int fd)
{
	enum verdict v = GO;
	int jerr = 0;
	size_t keep;
	pthread_mutex_lock(&mu);
	struct fdent *e = fd_get(fd);
	COUNT(e ? e->path : NULL, closes, 1);
	bool dead = e && e->dead;
	if (!dead && !down)
		v = judge(FAULTIO_CLOSE, e ? e->path : NULL, NULL, &jerr, &keep);
	int rc = osio_real.close(fd);
	int err = errno;
	fd_forget(fd);
	pthread_mutex_unlock(&mu);
	if (v != GO) {
		errno = jerr;
		return -1;
	}
	if (dead)
		return 0;
	errno = err;
	return rc;
}

/* Common entry of the calls on an fd: counts, the dead and down checks, rules. */
static struct fdent *fd_enter(int fd, unsigned op, enum verdict *v, int *err, size_t *keep)
{
	struct fdent *e = fd_get(fd);
	const char *path = e ? e->path : NULL;
	switch (op) {
	case FAULTIO_PWRITE:    COUNT(path, pwrites, 1); break;
	case FAULTIO_PREAD:     COUNT(path, preads, 1); break;
	case FAULTIO_FSYNC:
		COUNT(path, fsyncs, 1);
		if (e && e->is_dir && !e->dead)
			COUNT(path, dir_fsyncs, 1);
		break;
	case FAULTIO_FDATASYNC: COUNT(path, fdatasyncs, 1); break;
	case FAULTIO_FALLOCATE: COUNT(path, fallocates, 1); break;
	case FAULTIO_FTRUNCATE: COUNT(path, ftruncates, 1); break;
	}
	*v = GO;
	if (e && e->dead) {
		*v = FAIL;
		*err = EBADF;
	} else if (down) {
		*v = FAIL;
		*err = EIO;
	} else {
		*v = judge(op, path, NULL, err, keep);
	}
	return e;
}

static ssize_t f_pwrite(int fd, const void *buf, size_t n, off_t off)
{
	enum verdict v;
	int err = 0;
	size_t keep = 0;
	pthread_mutex_lock(&mu);
	struct fdent *e = fd_enter(fd, FAULTIO_PWRITE, &v, &err, &keep);
	if (v == FAIL || v == CRASH)
		FAIL_WITH(err);
	if (v == SHORT && keep < n)
		n = keep;
	if (budget >= 0 && n > 0) {
		long long left = budget - budget_used;
		if (left <= 0)
			FAIL_WITH(ENOSPC);
		if ((unsigned long long)left < n)
			n = (size_t)left;
	}
	struct undo *u = NULL;
	if (e && !e->is_dir && n > 0) {
		struct fileent *f = file_get(fd, e->path, e->dev, e->ino);
		if (!f || !(u = file_record(f, e->append ? -1 : off, n, true)))
			FAIL_WITH(errno ? errno : EIO);
	}
	ssize_t w = n > 0 ? osio_real.pwrite(fd, buf, n, off) : 0;
	int saved_errno = errno;
	if (u)
		u->len = w > 0 ? (size_t)w : 0;
	if (w > 0) {
		budget_used += w;
		COUNT(e ? e->path : NULL, bytes_written, (unsigned long long)w);
		/* O_DSYNC: taken as a write plus an fdatasync of the whole file */
		if (e && e->dsync)
			file_synced(e->dev, e->ino);
	}
	pthread_mutex_unlock(&mu);
	errno = saved_errno;
	return w;
}

static ssize_t f_pread(int fd, void *buf, size_t n, off_t off)
{
	enum verdict v;
	int err = 0;
	size_t keep = 0;
	pthread_mutex_lock(&mu);
	fd_enter(fd, FAULTIO_PREAD, &v, &err, &keep);
	if (v == FAIL || v == CRASH)
		FAIL_WITH(err);
	if (v == SHORT && keep < n)
		n = keep;
	pthread_mutex_unlock(&mu);
	return osio_real.pread(fd, buf, n, off);
}

/* faultio_hold_syncs: syncs of matching paths wait here (mu released). */
static char *hold_path;
static int hold_on, hold_n;
static pthread_cond_t hold_cv = PTHREAD_COND_INITIALIZER;

static void hold_wait(int fd)
{
	struct fdent *e = fd_get(fd);
	if (!hold_on || !e || !e->path || (hold_path && !strstr(e->path, hold_path)))
		return;
	hold_n++;
	pthread_cond_broadcast(&hold_cv);
	/* at most 20 s: a test whose own thread is held fails rather than hangs */
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 20;
	while (hold_on && pthread_cond_timedwait(&hold_cv, &mu, &until) == 0)
		;
	hold_n--;
}

void faultio_hold_syncs(const char *path_substr)
{
	pthread_mutex_lock(&mu);
	free(hold_path);
	hold_path = path_substr ? strdup(path_substr) : NULL;
	hold_on = 1;
	pthread_mutex_unlock(&mu);
}

int faultio_held(int want, int timeout_ms)
{
	pthread_mutex_lock(&mu);
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	while (hold_n < want && pthread_cond_timedwait(&hold_cv, &mu, &until) == 0)
		;
	int n = hold_n;
	pthread_mutex_unlock(&mu);
	return n;
}

void faultio_release_syncs(void)
{
	pthread_mutex_lock(&mu);
	hold_on = 0;
	pthread_cond_broadcast(&hold_cv);
	pthread_mutex_unlock(&mu);
}

static int do_sync(int fd, unsigned op)
{
	enum verdict v;
	int err = 0;
	size_t keep = 0;
	pthread_mutex_lock(&mu);
	hold_wait(fd);
	struct fdent *e = fd_enter(fd, op, &v, &err, &keep);
	if (v != GO)
		FAIL_WITH(err);
	int rc = op == FAULTIO_FSYNC ? osio_real.fsync(fd) : osio_real.fdatasync(fd);
	int saved_errno = errno;
	if (rc == 0 && e) {
		if (e->is_dir)
			dir_synced(e->dev, e->ino);
		else
			file_synced(e->dev, e->ino);
	}
	pthread_mutex_unlock(&mu);
	errno = saved_errno;
	return rc;
}

static int f_fsync(int fd) { return do_sync(fd, FAULTIO_FSYNC); }
static int f_fdatasync(int fd) { return do_sync(fd, FAULTIO_FDATASYNC); }

static int f_fallocate(int fd, off_t off, off_t len)
{
	enum verdict v;
	int err = 0;
	size_t keep = 0;
	pthread_mutex_lock(&mu);
	struct fdent *e = fd_enter(fd, FAULTIO_FALLOCATE, &v, &err, &keep);
	if (v != GO)
		FAIL_WITH(err);
	if (budget >= 0 && len > 0 && budget - budget_used < (long long)len)
		FAIL_WITH(ENOSPC);
	if (e && !e->is_dir) {
		struct fileent *f = file_get(fd, e->path, e->dev, e->ino);
		if (!f || !file_record(f, 0, 0, false))
			FAIL_WITH(errno ? errno : EIO);
	}
	int rc = osio_real.fallocate(fd, off, len);
	int saved_errno = errno;
	if (rc == 0 && len > 0) {
		budget_used += len;
		COUNT(e ? e->path : NULL, bytes_allocated, (unsigned long long)len);
	}
	pthread_mutex_unlock(&mu);
	errno = saved_errno;
	return rc;
}

static int f_ftruncate(int fd, off_t len)
{
	enum verdict v;
	int err = 0;
	size_t keep = 0;
	pthread_mutex_lock(&mu);
	struct fdent *e = fd_enter(fd, FAULTIO_FTRUNCATE, &v, &err, &keep);
	if (v != GO)
		FAIL_WITH(err);
	if (e && !e->is_dir && len >= 0) {
		struct stat sb;
		struct fileent *f = file_get(fd, e->path, e->dev, e->ino);
		if (!f || fstat(f->pfd, &sb) != 0)
			FAIL_WITH(errno ? errno : EIO);
		size_t cut = len < sb.st_size ? (size_t)(sb.st_size - len) : 0;
		if (!file_record(f, len, cut, false))
			FAIL_WITH(errno ? errno : EIO);
	}
	int rc = osio_real.ftruncate(fd, len);
	int saved_errno = errno;
	pthread_mutex_unlock(&mu);
	errno = saved_errno;
	return rc;
}

/* Entry for the calls on paths: counts, down check, rules. */
static bool path_enter(unsigned op, const char *p1, const char *p2, int *err)
{
	size_t keep;
	switch (op) {
	case FAULTIO_RENAME: COUNT(p2, renames, 1); break;
	case FAULTIO_UNLINK: COUNT(p1, unlinks, 1); break;
	case FAULTIO_MKDIR:  COUNT(p1, mkdirs, 1); break;
	case FAULTIO_RMDIR:  COUNT(p1, rmdirs, 1); break;
	}
	if (down) {
		*err = EIO;
		return false;
	}
	return judge(op, p1, p2, err, &keep) == GO;
}

static int f_rename(const char *from, const char *to)
{
	int err = 0;
	pthread_mutex_lock(&mu);
	if (!path_enter(FAULTIO_RENAME, from, to, &err))
		FAIL_WITH(err);
	struct stat sf, stt;
	if (lstat(from, &sf) != 0) {
		pthread_mutex_unlock(&mu);
		return osio_real.rename(from, to);
	}
	bool to_exists = lstat(to, &stt) == 0;
	if (to_exists && sf.st_dev == stt.st_dev && sf.st_ino == stt.st_ino) {
		pthread_mutex_unlock(&mu);
		return osio_real.rename(from, to);
	}
	char *afrom = abs_path(from), *ato = abs_path(to), *hidden = NULL;
	int hfd = -1;
	if (!afrom || !ato) {
		free(afrom);
		free(ato);
		FAIL_WITH(ENOMEM);
	}
	if (to_exists && !S_ISDIR(stt.st_mode)) {
		if (keep_aside(to, ato, &hfd, &hidden) != 0) {
			int e = errno;
			free(afrom);
			free(ato);
			FAIL_WITH(e);
		}
	}
	int rc = osio_real.rename(from, to);
	int saved_errno = errno;
	if (rc != 0) {
		if (hidden) {
			unlinkat(hfd, hidden, 0);
			close(hfd);
		}
		free(hidden);
		free(afrom);
		free(ato);
		pthread_mutex_unlock(&mu);
		errno = saved_errno;
		return rc;
	}
	struct nsop *o = ns_add(NS_RENAME, afrom, ato);
	if (o) {
		o->hfd = hfd;
		o->hidden = hidden;
		if (to_exists && S_ISDIR(stt.st_mode)) {
			o->replaced_dir = true;
			o->mode = stt.st_mode & 07777;
		}
	} else {
		if (hidden) {
			unlinkat(hfd, hidden, 0);
			close(hfd);
		}
		free(afrom);
		free(ato);
		free(hidden);
		st.undo_failures++;
	}
	renamed(from, to);
	pthread_mutex_unlock(&mu);
	return 0;
}

static int f_unlink(const char *path)
{
	int err = 0;
	pthread_mutex_lock(&mu);
	if (!path_enter(FAULTIO_UNLINK, path, NULL, &err))
		FAIL_WITH(err);
	struct stat sb;
	if (lstat(path, &sb) != 0 || S_ISDIR(sb.st_mode)) {
		pthread_mutex_unlock(&mu);
		return osio_real.unlink(path);
	}
	char *abs = abs_path(path), *hidden = NULL;
	int hfd = -1;
	if (!abs || keep_aside(path, abs, &hfd, &hidden) != 0) {
		int e = abs ? errno : ENOMEM;
		free(abs);
		FAIL_WITH(e);
	}
	int rc = osio_real.unlink(path);
	int saved_errno = errno;
	if (rc != 0) {
		unlinkat(hfd, hidden, 0);
		close(hfd);
		free(hidden);
		free(abs);
		pthread_mutex_unlock(&mu);
		errno = saved_errno;
		return rc;
	}
	struct nsop *o = ns_add(NS_UNLINK, abs, NULL);
	if (o) {
		o->hfd = hfd;
		o->hidden = hidden;
	} else {
		unlinkat(hfd, hidden, 0);
		close(hfd);
		free(hidden);
		free(abs);
		st.undo_failures++;
	}
	pthread_mutex_unlock(&mu);
	return 0;
}

static int f_mkdir(const char *path, mode_t mode)
{
	int err = 0;
	pthread_mutex_lock(&mu);
	if (!path_enter(FAULTIO_MKDIR, path, NULL, &err))
		FAIL_WITH(err);
	int rc = osio_real.mkdir(path, mode);
	int saved_errno = errno;
	struct stat sb;
	if (rc == 0 && lstat(path, &sb) == 0) {
		char *abs = abs_path(path);
		struct nsop *o = abs ? ns_add(NS_MKDIR, abs, NULL) : NULL;
		if (o) {
			o->dev = sb.st_dev;
			o->ino = sb.st_ino;
		} else {
			free(abs);
			st.undo_failures++;
		}
	}
	pthread_mutex_unlock(&mu);
	errno = saved_errno;
	return rc;
}

static int f_rmdir(const char *path)
{
	int err = 0;
	pthread_mutex_lock(&mu);
	if (!path_enter(FAULTIO_RMDIR, path, NULL, &err))
		FAIL_WITH(err);
	struct stat sb;
	bool had = lstat(path, &sb) == 0;
	char *abs = had ? abs_path(path) : NULL;
	if (had && S_ISDIR(sb.st_mode))
		move_aside_out(sb.st_dev, sb.st_ino);
	int rc = osio_real.rmdir(path);
	int saved_errno = errno;
	if (rc == 0 && abs) {
		struct nsop *o = ns_add(NS_RMDIR, abs, NULL);
		if (o) {
			o->mode = sb.st_mode & 07777;
			abs = NULL;
		} else {
			st.undo_failures++;
		}
	}
	free(abs);
	pthread_mutex_unlock(&mu);
	errno = saved_errno;
	return rc;
}

static const struct osio_ops faultio_ops = {
	.open = f_open, .close = f_close, .pwrite = f_pwrite, .pread = f_pread,
	.fdatasync = f_fdatasync, .fsync = f_fsync, .rename = f_rename, .unlink = f_unlink,
	.fallocate = f_fallocate, .ftruncate = f_ftruncate, .mkdir = f_mkdir, .rmdir = f_rmdir,
};

/* ---- the public functions ------------------------------------------------ */

static void reset_locked(void)
{
	hold_on = 0;   /* faultio_hold_syncs ends too */
	pthread_cond_broadcast(&hold_cv);
	pending_forget();
	rules_clear();
	budget = -1;
	budget_used = 0;
	down = false;
	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < npstats; i++)
		free(pstats[i].path);
	free(pstats);
	pstats = NULL;
	npstats = cappstats = 0;
}

/* Forget what the layer knew of fds, except the dead placeholders, which stay
 * reserved until closed through the layer. */
static void fds_forget_live(void)
{
	for (size_t i = 0; i < nfds; i++)
		if (fds[i].used && !fds[i].dead)
			fd_forget((int)i);
}

void faultio_install(void)
{
	pthread_mutex_lock(&mu);
	reset_locked();
	fds_forget_live();
	osio_set(&faultio_ops);
	pthread_mutex_unlock(&mu);
}

void faultio_uninstall(void)
{
	pthread_mutex_lock(&mu);
	osio_set(NULL);
	reset_locked();
	fds_forget_live();
	pthread_mutex_unlock(&mu);
}

void faultio_reset(void)
{
	pthread_mutex_lock(&mu);
	reset_locked();
	pthread_mutex_unlock(&mu);
}

void faultio_fail_op(unsigned ops, int nth, int err, const char *path_substr, bool persistent)
{
	rule_add((struct rule){ .ops = ops, .nth = nth, .err = err, .persistent = persistent }, path_substr);
}

void faultio_fail_sync(int nth, int err, const char *path_substr)
{
	faultio_fail_op(FAULTIO_SYNC, nth, err, path_substr, false);
}

void faultio_fail_write(int nth, int err, const char *path_substr)
{
	faultio_fail_op(FAULTIO_PWRITE, nth, err, path_substr, false);
}

void faultio_short_write_path(int nth, size_t keep, const char *path_substr)
{
	rule_add((struct rule){ .ops = FAULTIO_PWRITE, .nth = nth, .short_write = true, .keep = keep },
		 path_substr);
}

void faultio_short_write(int nth, size_t keep)
{
	faultio_short_write_path(nth, keep, NULL);
}

void faultio_crash_at(unsigned ops, int nth, const char *path_substr)
{
	rule_add((struct rule){ .ops = ops, .nth = nth, .crash = true }, path_substr);
}

void faultio_space_budget(long long bytes)
{
	pthread_mutex_lock(&mu);
	budget = bytes < 0 ? -1 : bytes;
	budget_used = 0;
	pthread_mutex_unlock(&mu);
}

void faultio_crash(void)
{
	pthread_mutex_lock(&mu);
	do_crash(NULL);
	down = false;
	pthread_mutex_unlock(&mu);
}

static long long crash_torn(struct torn t)
{
	t.want = true;
	t.kept = -1;
	pthread_mutex_lock(&mu);
	do_crash(&t);
	down = false;
	pthread_mutex_unlock(&mu);
	return t.kept;
}

long long faultio_crash_torn_path(unsigned seed, const char *path_substr)
{
	return crash_torn((struct torn){ .seed = seed, .substr = path_substr });
}

long long faultio_crash_torn(unsigned seed)
{
	return faultio_crash_torn_path(seed, NULL);
}

long long faultio_crash_torn_prefix(const char *path_substr, size_t keep)
{
	return crash_torn((struct torn){ .substr = path_substr, .prefix = true, .keep = keep });
}

bool faultio_crashed(void)
{
	pthread_mutex_lock(&mu);
	bool d = down;
	pthread_mutex_unlock(&mu);
	return d;
}

void faultio_restart(void)
{
	pthread_mutex_lock(&mu);
	down = false;
	pthread_mutex_unlock(&mu);
}

unsigned faultio_pending(const char *path_substr)
{
	unsigned n = 0;
	pthread_mutex_lock(&mu);
	for (size_t i = 0; i < nfiles; i++)
		if (matches(path_substr, files[i].path, NULL))
			n += (unsigned)files[i].nu;
	for (size_t i = 0; i < nns; i++)
		if (matches(path_substr, ns[i].path, ns[i].path2))
			n++;
	pthread_mutex_unlock(&mu);
	return n;
}

struct faultio_stats faultio_stats(void)
{
	pthread_mutex_lock(&mu);
	struct faultio_stats s = st;
	pthread_mutex_unlock(&mu);
	return s;
}

struct faultio_stats faultio_stats_path(const char *path_substr)
{
	struct faultio_stats s;
	memset(&s, 0, sizeof s);
	pthread_mutex_lock(&mu);
	for (size_t i = 0; i < npstats; i++) {
		if (!matches(path_substr, pstats[i].path, NULL))
			continue;
		const unsigned long long *a = (const unsigned long long *)&pstats[i].s;
		unsigned long long *b = (unsigned long long *)&s;
		for (size_t k = 0; k < sizeof s / sizeof *b; k++)
			b[k] += a[k];
	}
	pthread_mutex_unlock(&mu);
	return s;
}

void faultio_stats_clear(void)
{
	pthread_mutex_lock(&mu);
	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < npstats; i++)
		memset(&pstats[i].s, 0, sizeof pstats[i].s);
	pthread_mutex_unlock(&mu);
}
