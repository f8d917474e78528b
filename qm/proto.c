/* proto.c: where a queue manager's socket is; frames sent and read whole (proto.h). */
#include "qm/proto.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include "log/qmerr.h"

int proto_sock_addr(const char *data_dir, struct sockaddr_un *sa, int *dirfd)
{
	char path[4200];
	*dirfd = -1;
	memset(sa, 0, sizeof *sa);
	sa->sun_family = AF_UNIX;
	snprintf(path, sizeof path, "%s/%s/%s", data_dir, PROTO_SOCK_DIR, PROTO_SOCK_NAME);
	if (strlen(path) < sizeof sa->sun_path) {
		memcpy(sa->sun_path, path, strlen(path) + 1);
		return QM_OK;
	}
	/* too long for sun_path: reach the folder through an fd of it */
	snprintf(path, sizeof path, "%s/%s", data_dir, PROTO_SOCK_DIR);
	*dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*dirfd < 0)
		return QM_ENOENT;
	snprintf(sa->sun_path, sizeof sa->sun_path, "/proc/self/fd/%d/%s", *dirfd, PROTO_SOCK_NAME);
	return QM_OK;
}

int proto_connect(const char *data_dir)
{
	struct sockaddr_un sa;
	int dirfd;
	if (proto_sock_addr(data_dir, &sa, &dirfd) != QM_OK)
		return -1;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int rc = fd < 0 ? -1 : connect(fd, (struct sockaddr *)&sa, sizeof sa);
	if (dirfd >= 0)
		close(dirfd);
	if (rc != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

int proto_send_all(int fd, struct iovec *v, int n)
{
	while (n > 0) {
		struct msghdr mh = { .msg_iov = v, .msg_iovlen = (size_t)n };
		ssize_t k = sendmsg(fd, &mh, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		size_t left = (size_t)k;
		while (n > 0 && left >= v->iov_len) {
			left -= v->iov_len;
			v++;
			n--;
		}
		if (n > 0) {
			if (k == 0)
				return -1;   /* nothing taken, bytes left: never loop for ever */
			v->iov_base = (char *)v->iov_base + left;
			v->iov_len -= left;
		}
	}
	return 0;
}

static int recv_all(int fd, void *b, size_t n)
{
	char *p = b;
	while (n) {
		ssize_t k = recv(fd, p, n, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

int proto_call(int fd, uint16_t op, uint32_t id, const void *body, size_t len, uint8_t **reply, size_t *rlen)
{
	uint8_t hdr[PROTO_HDR_SIZE];
	struct proto_hdr h = { .magic = PROTO_MAGIC, .len = (uint32_t)len, .op = op, .id = id }, r;
	*reply = NULL;
	*rlen = 0;
	if (len > PROTO_MAX_BODY)
		return -1;
	struct iovec v[2] = { { hdr, sizeof hdr }, { (void *)body, len } };
	proto_hdr_encode(hdr, &h);
	if (proto_send_all(fd, v, 2) || recv_all(fd, hdr, sizeof hdr) ||
	    proto_hdr_decode(hdr, &r) || !(r.flags & PROTO_F_REPLY) || r.op != op || r.id != id || r.len < 8)
		return -1;
	uint8_t *b = malloc(r.len + 1);
	if (!b || recv_all(fd, b, r.len)) {
		free(b);
		return -1;
	}
	b[r.len] = 0;
	*reply = b;
	*rlen = r.len;
	return 0;
}
