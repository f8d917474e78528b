/*
 * errlog.c: writing and rotating AMQERR0n.LOG.
 *
 * Entry format (text, one entry per message; MQ's layout, mq-admin-facts.md
 * section 7.1).  Lines end in "\n"; "_" marks a space where it matters.
 *
 *   MM/DD/YY HH:MM:SS - Process(<pid>.<tid>) User(<user>) Program(<program>)
 *   ____________________Host(<host>) Installation(Quire)
 *   ____________________VRMF(0.1.0.0) QMgr(<qm>)          (" QMgr(..)" left out
 *   ____________________Time(YYYY-MM-DDTHH:MM:SS.mmmZ)      for no queue manager)
 *   ____________________CommentInsert1(<text>)             one line per string insert,
 *   ____________________ArithInsert1(<number>)             then per number insert
 *   ____________________                                   (20 spaces)
 *   AMQnnnnX: <message text, wrapped at 79 columns>
 *   (blank)
 *   EXPLANATION:
 *   <explanation, wrapped at 79 columns>
 *   (blank)
 *   ACTION:
 *   <action, wrapped at 79 columns>
 *   ----- <source file> : <line> ---------...------------  (dashes to column 79)
 *
 * The first line has the local date and time; Time() is UTC with
 * milliseconds.  <tid> is the kernel thread id.  Inserts are numbered within
 * their kind (the catalog entry's `kinds`, see msgcat.h): a message whose
 * inserts are "ac" shows ArithInsert1 for %1 and CommentInsert1 for %2.
 * Each entry ends with the separator naming the source line that issued it,
 * so in a file every entry but the first follows a separator, as in the MQ
 * sample of the facts (which starts mid-file with a separator).
 *
 * Files: AMQERR01.LOG (newest), AMQERR02.LOG, AMQERR03.LOG (oldest) and the
 * lock file AMQERR.LCK in one folder.  Validity: none is checked; the files
 * are for people, never read back by Quire.
 */
#include "qm/home/errlog.h"
#include "qm/home/msgcat.h"
#include "log/osio.h"
#include "log/qmerr.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define ENTRY_MAX 16384
#define MAX_INSERTS 9

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

int errlog_open(struct errlog *el, const char *dir, const char *qmname, long long max_size)
{
	if (!el || !dir || !*dir)
		return QM_EINVAL;
	memset(el, 0, sizeof *el);
	if (snprintf(el->dir, sizeof el->dir, "%s", dir) >= (int)sizeof el->dir) {
		errno = ENAMETOOLONG;
		return QM_EINVAL;
	}
	copy(el->qmname, sizeof el->qmname, qmname);
	el->max_size = max_size > 0 ? max_size : ERRLOG_DEFAULT_SIZE;
	copy(el->program, sizeof el->program, program_invocation_short_name);

	char pwbuf[1024];
	struct passwd pw, *res = NULL;
	if (getpwuid_r(geteuid(), &pw, pwbuf, sizeof pwbuf, &res) == 0 && res)
		copy(el->user, sizeof el->user, pw.pw_name);
	else
		snprintf(el->user, sizeof el->user, "%u", (unsigned)geteuid());
	if (gethostname(el->host, sizeof el->host) != 0)
		copy(el->host, sizeof el->host, "localhost");
	el->host[sizeof el->host - 1] = 0;
	return os_mkdir_p(el->dir, 0770);
}

static int join(char *buf, size_t n, const char *a, const char *b)
{
	if (snprintf(buf, n, "%s/%s", a, b) >= (int)n) {
		errno = ENAMETOOLONG;
		return QM_EINVAL;
	}
	return QM_OK;
}

int errlog_open_qm(struct errlog *el, const char *qm_data_dir, const char *qmname, long long max_size)
{
	char dir[PATH_MAX];
	int rc = join(dir, sizeof dir, qm_data_dir, "errors");
	return rc ? rc : errlog_open(el, dir, qmname, max_size);
}

int errlog_open_system(struct errlog *el, const char *data_root)
{
	char dir[PATH_MAX];
	int rc = join(dir, sizeof dir, data_root, "errors");
	return rc ? rc : errlog_open(el, dir, "", ERRLOG_DEFAULT_SIZE);
}

int errlog_file_path(const struct errlog *el, int k, char *buf, size_t n)
{
	char name[16];
	snprintf(name, sizeof name, "AMQERR0%d.LOG", k);
	return join(buf, n, el->dir, name);
}

int errlog_console(char *buf, size_t n, int msgid, const char *const inserts[], int ninserts)
{
	return msgcat_format(buf, n, msgid, inserts, ninserts);
}

/* A growing text in a fixed buffer; `cut` remembers truncation. */
struct out {
	char *buf;
	size_t n, at;
	int cut;
};

static void outf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void outf(struct out *o, const char *fmt, ...)
{
	if (o->at + 1 >= o->n) {
		o->cut = 1;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(o->buf + o->at, o->n - o->at, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	if ((size_t)k >= o->n - o->at) {
		o->cut = 1;
		o->at = o->n - 1;
	} else {
		o->at += (size_t)k;
	}
}

static const char *base_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;
	return s ? s + 1 : (path ? path : "?");
}

static void stamp_now(struct errlog_stamp *st)
{
	clock_gettime(CLOCK_REALTIME, &st->when);
	st->pid = (long)getpid();
	st->tid = (long)gettid();
}

int errlog_format(char *buf, size_t n, const struct errlog *el, const struct errlog_stamp *st,
		  int msgid, const char *const inserts[], int ninserts, const char *srcfile, int line)
{
	struct errlog_stamp now;
	struct out o = { buf, n, 0, 0 };
	const struct amq_msg *m = msgcat_find(msgid);
	char text[4096];
	struct tm lt, ut;

	if (!buf || n == 0 || !el)
		return QM_EINVAL;
	buf[0] = 0;
	if (!st) {
		stamp_now(&now);
		st = &now;
	}
	if (ninserts > MAX_INSERTS)
		ninserts = MAX_INSERTS;
	localtime_r(&st->when.tv_sec, &lt);
	gmtime_r(&st->when.tv_sec, &ut);

	outf(&o, "%02d/%02d/%02d %02d:%02d:%02d - Process(%ld.%ld) User(%s) Program(%s)\n",
	     lt.tm_mon + 1, lt.tm_mday, lt.tm_year % 100, lt.tm_hour, lt.tm_min, lt.tm_sec,
	     st->pid, st->tid, el->user, el->program);
	outf(&o, "%*sHost(%s) Installation(%s)\n", ERRLOG_INDENT, "", el->host, ERRLOG_INSTALLATION);
	if (el->qmname[0])
		outf(&o, "%*sVRMF(%s) QMgr(%s)\n", ERRLOG_INDENT, "", ERRLOG_VRMF, el->qmname);
	else
		outf(&o, "%*sVRMF(%s)\n", ERRLOG_INDENT, "", ERRLOG_VRMF);
	outf(&o, "%*sTime(%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ)\n", ERRLOG_INDENT, "",
	     ut.tm_year + 1900, ut.tm_mon + 1, ut.tm_mday, ut.tm_hour, ut.tm_min, ut.tm_sec,
	     st->when.tv_nsec / 1000000);

	/* string inserts first, then numbers, each numbered within its kind */
	const char *kinds = m ? m->kinds : "";
	for (int pass = 0; pass < 2; pass++) {
		int k = 0;
		for (int i = 0; inserts && i < ninserts; i++) {
			int arith = i < (int)strlen(kinds) && kinds[i] == 'a';
			if (arith != pass)
				continue;
			k++;
			if (inserts[i])
				outf(&o, "%*s%s%d(%s)\n", ERRLOG_INDENT, "",
				     arith ? "ArithInsert" : "CommentInsert", k, inserts[i]);
		}
	}
	outf(&o, "%*s\n", ERRLOG_INDENT, "");

	char head[16];
	snprintf(head, sizeof head, "AMQ%04d%c: ", msgid, m ? m->severity : 'E');
	char body[4096];
	int rc = msgcat_format_part(body, sizeof body, msgid, MSGCAT_TEXT, inserts, ninserts, 0);
	char joined[4200];
	snprintf(joined, sizeof joined, "%s%s", head, body);
	msgcat_wrap(text, sizeof text, joined, ERRLOG_WIDTH);
	outf(&o, "%s\n\n", text);
	msgcat_format_part(text, sizeof text, msgid, MSGCAT_EXPLANATION, inserts, ninserts, ERRLOG_WIDTH);
	outf(&o, "EXPLANATION:\n%s\n\n", text);
	msgcat_format_part(text, sizeof text, msgid, MSGCAT_ACTION, inserts, ninserts, ERRLOG_WIDTH);
	outf(&o, "ACTION:\n%s\n", text);

	char sep[ERRLOG_WIDTH + 1];
	int k = snprintf(sep, sizeof sep, "----- %s : %d ", base_name(srcfile), line);
	if (k < 0 || k > ERRLOG_WIDTH - 1)
		k = ERRLOG_WIDTH - 1;
	memset(sep + k, '-', (size_t)(ERRLOG_WIDTH - k));
	sep[ERRLOG_WIDTH] = 0;
	outf(&o, "%s\n", sep);

	if (o.cut) {
		/* keep the entry's shape: end the cut text with a newline */
		buf[n >= 2 ? n - 2 : 0] = '\n';
		buf[n - 1] = 0;
		return QM_ETOOBIG;
	}
	return rc == QM_ENOTFOUND ? QM_ENOTFOUND : QM_OK;
}

/* Drop 03, move 02 to 03 and 01 to 02; the caller holds the lock. */
static int rotate(const struct errlog *el)
{
	char p1[PATH_MAX], p2[PATH_MAX], p3[PATH_MAX];
	errlog_file_path(el, 1, p1, sizeof p1);
	errlog_file_path(el, 2, p2, sizeof p2);
	errlog_file_path(el, 3, p3, sizeof p3);
	if (osio->unlink(p3) != 0 && errno != ENOENT)
		return os_errno_rc();
	if (osio->rename(p2, p3) != 0 && errno != ENOENT)
		return os_errno_rc();
	if (osio->rename(p1, p2) != 0 && errno != ENOENT)
		return os_errno_rc();
	return QM_OK;
}

static int open_lock(const struct errlog *el, int *fdp)
{
	char lk[PATH_MAX];
	int rc = join(lk, sizeof lk, el->dir, "AMQERR.LCK");
	if (rc)
		return rc;
	rc = os_lock_file(lk, fdp);
	if (rc == QM_ENOENT) {
		/* the folder was removed: make it again */
		rc = os_mkdir_p(el->dir, 0770);
		if (rc)
			return rc;
		rc = os_lock_file(lk, fdp);
	}
	return rc;
}

static int append(const struct errlog *el, const char *buf, size_t len)
{
	char p1[PATH_MAX];
	int lock = -1, fd = -1, rc, e;
	struct stat st;

	rc = errlog_file_path(el, 1, p1, sizeof p1);
	if (rc)
		return rc;
	rc = open_lock(el, &lock);
	if (rc)
		return rc;
	for (int attempt = 0; attempt < 2; attempt++) {
		fd = osio->open(p1, O_WRONLY | O_APPEND | O_CREAT, 0660);
		if (fd < 0) {
			rc = os_errno_rc();
			goto done;
		}
		if (fstat(fd, &st) != 0) {
			rc = os_errno_rc();
			goto done;
		}
		if (attempt == 0 && st.st_size > 0 && (long long)st.st_size + (long long)len > el->max_size) {
			osio->close(fd);
			fd = -1;
			rc = rotate(el);
			if (rc)
				goto done;
			continue;
		}
		break;
	}
	/* one write per entry, at the end (O_APPEND; we also hold the lock) */
	rc = os_pwrite_full(fd, buf, len, st.st_size);
done:
	e = errno;
	if (fd >= 0)
		osio->close(fd);
	osio->close(lock);  /* releases the flock */
	errno = e;
	return rc;
}

static int echo_fd = -1;

void errlog_echo(int fd)
{
	echo_fd = fd;
}

/* The entry as one line for the journal (errlog_echo). */
static void echo(int msgid, const char *const inserts[], int ninserts)
{
	char line[2048];
	const struct amq_msg *m = msgcat_find(msgid);
	int pri = !m ? 5 : m->severity == 'S' ? 2 : m->severity == 'E' ? 3 : m->severity == 'W' ? 4 : 6;
	int k = snprintf(line, sizeof line, "<%d>", pri);
	msgcat_format(line + k, sizeof line - (size_t)k - 1, msgid, inserts, ninserts);
	size_t len = strlen(line);
	for (size_t i = 0; i < len; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	line[len++] = '\n';
	ssize_t w = send(echo_fd, line, len, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (w < 0 && errno == ENOTSOCK)   /* a file or a pipe, not the journal's socket */
		w = write(echo_fd, line, len);
	(void)w;
}

int errlog_write(const struct errlog *el, int msgid, const char *const inserts[], int ninserts,
		 const char *srcfile, int line)
{
	char entry[ENTRY_MAX];
	if (!el || !el->dir[0])
		return QM_EINVAL;
	int frc = errlog_format(entry, sizeof entry, el, NULL, msgid, inserts, ninserts, srcfile, line);
	if (frc == QM_EINVAL)
		return frc;
	if (echo_fd >= 0)   /* (first: the file may be what fails) */
		echo(msgid, inserts, ninserts);
	int rc = append(el, entry, strlen(entry));
	if (rc)
		return rc;
	return frc == QM_ENOTFOUND ? QM_ENOTFOUND : QM_OK;
}

int errlog_writel(const char *srcfile, int line, const struct errlog *el, int msgid, ...)
{
	const char *ins[MAX_INSERTS];
	int n = 0;
	va_list ap;
	va_start(ap, msgid);
	for (const char *s; (s = va_arg(ap, const char *)) != NULL; )
		if (n < MAX_INSERTS)
			ins[n++] = s;
	va_end(ap);
	return errlog_write(el, msgid, ins, n, srcfile, line);
}
