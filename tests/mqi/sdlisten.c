/*
 * sdlisten: the service manager's side of the sd_notify protocol, for the
 * tests that run a systemd unit's Exec lines without systemd
 * (t9000-systemd-unit.sh): it binds the datagram socket NOTIFY_SOCKET names
 * and writes down every datagram sent to it, with the sender's pid as the
 * kernel gives it (SO_PASSCRED), as systemd learns it.
 *
 *   sdlisten ADDR LOG
 *
 * ADDR: a path, or @name for an abstract socket (as NOTIFY_SOCKET writes it).
 * LOG: one line per KEY=VALUE line received, "<pid> <line>", flushed at once;
 * the file is made (empty) once the socket is bound, so a script waits for it
 * before it starts anything.  Runs until SIGTERM or SIGINT; exit 0, or 2 when
 * the socket cannot be bound.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: sdlisten ADDR LOG\n");
		return 2;
	}
	const char *addr = argv[1];
	struct sockaddr_un sa;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	size_t len = strlen(addr);
	if (len == 0 || len >= sizeof sa.sun_path) {
		fprintf(stderr, "sdlisten: address too long\n");
		return 2;
	}
	memcpy(sa.sun_path, addr, len);
	socklen_t alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + 1);
	if (addr[0] == '@') {
		sa.sun_path[0] = 0;
		alen--;
	} else {
		unlink(addr);
	}
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof one) != 0 ||
	    bind(fd, (struct sockaddr *)&sa, alen) != 0) {
		fprintf(stderr, "sdlisten: %s: %s\n", addr, strerror(errno));
		return 2;
	}
	FILE *log = fopen(argv[2], "w");
	if (!log) {
		fprintf(stderr, "sdlisten: %s: %s\n", argv[2], strerror(errno));
		return 2;
	}
	struct sigaction act;
	memset(&act, 0, sizeof act);
	act.sa_handler = on_signal;   /* no SA_RESTART: recvmsg returns EINTR */
	sigaction(SIGTERM, &act, NULL);
	sigaction(SIGINT, &act, NULL);
	while (!stop) {
		char buf[4097];
		union {
			struct cmsghdr h;
			char space[CMSG_SPACE(sizeof(struct ucred))];
		} ctl;
		struct iovec iov = { buf, sizeof buf - 1 };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = &ctl, .msg_controllen = sizeof ctl };
		ssize_t n = recvmsg(fd, &mh, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "sdlisten: recvmsg: %s\n", strerror(errno));
			break;
		}
		buf[n] = 0;
		long pid = 0;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
			if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
				struct ucred u;
				memcpy(&u, CMSG_DATA(c), sizeof u);
				pid = (long)u.pid;
			}
		for (char *line = buf, *nl; *line; line = nl) {
			nl = strchr(line, '\n');
			if (nl)
				*nl++ = 0;
			else
				nl = line + strlen(line);
			if (*line)
				fprintf(log, "%ld %s\n", pid, line);
		}
		fflush(log);
	}
	fclose(log);
	if (addr[0] != '@')
		unlink(addr);
	return 0;
}
