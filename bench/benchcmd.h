/*
 * benchcmd.h: for a benchmark that drives queue managers with their commands
 * (recoverybench): running a command and timing the lines it prints, and
 * reading a process's counters in /proc (its I/O, its memory, its state),
 * and reaping it.  fail() says what broke and marks the run broken (broke:
 * the program then exits 1).  Header-only like benchutil.h.
 */
#ifndef QUIRE_BENCHCMD_H
#define QUIRE_BENCHCMD_H

#include "bench/benchutil.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int broke;   /* something failed: the exit status is 1 */

static inline void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s: ", program_invocation_short_name);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	broke = 1;
}

/* ---- commands ------------------------------------------------------------- */

#define MAXLINES 256

/* A command's output (stdout and stderr together) and when each line came. */
struct cmd {
	char out[32768];
	size_t len;
	int nlines;
	size_t line_off[MAXLINES];
	uint64_t line_ns[MAXLINES];
	uint64_t t0, t1;     /* fork, and its exit seen */
	int status;          /* exit code; 128 + signal; -1 not run */
};

/* Runs BIN/prog with the arguments that follow (NULL ends them), input (or
 * nothing) on its standard input.  Returns its exit code. */
static inline int run_in(const char *bin, struct cmd *c, const char *input, const char *prog, ...)
{
	char path[PATH_MAX + 64];
	const char *argv[16];
	int n = 0;
	va_list ap;
	snprintf(path, sizeof path, "%s/%s", bin, prog);
	argv[n++] = prog;
	va_start(ap, prog);
	const char *a;
	while (n < 15 && (a = va_arg(ap, const char *)) != NULL)
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	memset(c, 0, sizeof *c);
	c->status = -1;
	int out[2], in[2] = { -1, -1 };
	if (pipe(out) != 0 || (input && pipe(in) != 0)) {
		fail("pipe: %s", strerror(errno));
		return -1;
	}
	fflush(stdout);
	c->t0 = now_ns();
	pid_t pid = fork();
	if (pid < 0) {
		fail("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);
		dup2(input ? in[0] : nul, 0);
		dup2(out[1], 1);
		dup2(out[1], 2);
		close(out[0]);
		if (input)
			close(in[1]);
		execv(path, (char *const *)argv);
		dprintf(2, "cannot run %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(out[1]);
	if (input) {
		close(in[0]);
		size_t len = strlen(input), off = 0;
		while (off < len) {
			ssize_t k = write(in[1], input + off, len - off);
			if (k <= 0)
				break;
			off += (size_t)k;
		}
		close(in[1]);
	}
	size_t line_start = 0;
	int st = 0, exited = 0;
	for (;;) {
		struct pollfd p = { .fd = out[0], .events = POLLIN };
		int k = poll(&p, 1, exited ? 0 : 5);
		if (k > 0) {
			char buf[4096];
			ssize_t r = read(out[0], buf, sizeof buf);
			if (r <= 0)
				break;
			uint64_t t = now_ns();
			for (ssize_t i = 0; i < r; i++) {
				if (c->len + 1 < sizeof c->out)
					c->out[c->len++] = buf[i];
				if (buf[i] == '\n') {
					if (c->nlines < MAXLINES) {
						c->line_off[c->nlines] = line_start;
						c->line_ns[c->nlines++] = t;
					}
					line_start = c->len;
				}
			}
			continue;
		}
		if (exited)
			break;   /* drained what was there when it exited */
		/* the queue manager's process may hold the pipe: the exit ends it */
		if (waitpid(pid, &st, WNOHANG) == pid) {
			c->t1 = now_ns();
			exited = 1;
		}
	}
	close(out[0]);
	if (!exited) {
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		c->t1 = now_ns();
	}
	c->out[c->len] = '\0';
	c->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return c->status;
}

/* run() that must succeed (exit 0): otherwise the output is printed and the
 * run is marked broken.  Returns 0 or -1. */
static inline int must(const char *what, struct cmd *c, int rc)
{
	if (rc == 0)
		return 0;
	fail("%s failed (exit %d):", what, rc);
	printf("%s", c->out);
	return -1;
}

/* Seconds from the start of the command to the first line holding s (-1). */
static inline double line_at(const struct cmd *c, const char *s)
{
	for (int i = 0; i < c->nlines; i++) {
		size_t end = i + 1 < c->nlines ? c->line_off[i + 1] : c->len;
		const char *p = c->out + c->line_off[i];
		const char *f = memmem(p, end - c->line_off[i], s, strlen(s));
		if (f)
			return (double)(c->line_ns[i] - c->t0) / 1e9;
	}
	return -1;
}

/* The number that starts the line holding s (-1 when there is none). */
static inline long long number_of(const struct cmd *c, const char *s)
{
	const char *f = strstr(c->out, s);
	if (!f)
		return -1;
	const char *b = f;
	while (b > c->out && b[-1] != '\n')
		b--;
	long long v = 0;
	int any = 0;
	for (; b < f; b++) {
		if (*b >= '0' && *b <= '9') {
			v = v * 10 + (*b - '0');
			any = 1;
		} else if (*b != ',' && *b != '.' && *b != ' ')
			break;
	}
	return any ? v : -1;
}

/* ---- processes ------------------------------------------------------------ */

struct pio {
	uint64_t rchar, wchar, syscw, read_bytes, write_bytes;
	int ok;
};

static inline struct pio proc_io(pid_t pid)
{
	struct pio r = { 0 };
	char path[64], key[64];
	unsigned long long v;
	snprintf(path, sizeof path, "/proc/%d/io", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return r;
	while (fscanf(f, "%63[^:]: %llu\n", key, &v) == 2) {
		if (!strcmp(key, "rchar"))
			r.rchar = v;
		else if (!strcmp(key, "wchar"))
			r.wchar = v;
		else if (!strcmp(key, "syscw"))
			r.syscw = v;
		else if (!strcmp(key, "read_bytes"))
			r.read_bytes = v;
		else if (!strcmp(key, "write_bytes")) {
			r.write_bytes = v;
			r.ok = 1;
		}
	}
	fclose(f);
	return r;
}

struct pmem {
	uint64_t rss, hwm;   /* bytes */
	int ok;
};

static inline struct pmem proc_mem(pid_t pid)
{
	struct pmem m = { 0 };
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return m;
	unsigned long long kb;
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "VmRSS: %llu kB", &kb) == 1) {
			m.rss = kb * 1024;
			m.ok = 1;
		} else if (sscanf(line, "VmHWM: %llu kB", &kb) == 1)
			m.hwm = kb * 1024;
	}
	fclose(f);
	return m;
}

/* The state letter of /proc/PID/stat ('Z' a zombie), or 0 when gone. */
static inline char proc_state(pid_t pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/* Wait for the process to end and reap it when it is ours (this program is
 * the subreaper of the queue managers it starts).  0, or -1 after 120 s. */
static inline int reap(pid_t pid)
{
	int st;
	if (waitpid(pid, &st, 0) == pid)
		return 0;
	for (int i = 0; i < 12000; i++) {
		char s = proc_state(pid);
		if (!s || s == 'Z')
			return 0;
		usleep(10000);
	}
	return -1;
}

#endif
