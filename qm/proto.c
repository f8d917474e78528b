/* proto.c: where a queue manager's socket is (see proto.h). */
#include "qm/proto.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
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
