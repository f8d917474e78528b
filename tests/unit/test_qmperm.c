/* test_qmperm.c: a queue manager's files closed to other users (qm/store/qmperm.c):
 * folders 02770, files and sockets 0660, symbolic links never followed, the
 * log folder too, and a file outside the tree untouched. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "log/qmerr.h"
#include "qm/home/qmgr.h"
#include "qm/store/qmcreate.h"
#include "tests/unit/scratch.h"

static void make_file(const char *path, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "x", 1), 1);
	close(fd);
	assert_int_equal(chmod(path, mode), 0);
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	return st.st_mode & 07777;
}

static void test_qmperm__modes(void **state)
{
	(void)state;
	char root[256], p[512];
	ut_scratch_dir("qmperm", root, sizeof root);
	struct qm_paths qp;
	memset(&qp, 0, sizeof qp);
	snprintf(qp.data_dir, sizeof qp.data_dir, "%s/qmgrs/QP", root);
	snprintf(qp.log_dir, sizeof qp.log_dir, "%s/log/QP", root);
	snprintf(p, sizeof p, "%s/qmgrs", root);
	assert_int_equal(mkdir(p, 0755), 0);
	assert_int_equal(mkdir(qp.data_dir, 0755), 0);
	snprintf(p, sizeof p, "%s/log", root);
	assert_int_equal(mkdir(p, 0755), 0);
	assert_int_equal(mkdir(qp.log_dir, 0777), 0);
	assert_int_equal(chmod(qp.log_dir, 0777), 0);

	/* inside: a folder open to all, files readable by all, a socket */
	char sub[600], f1[700], f2[700], lf[700], sock[700], outside[512], link[700];
	snprintf(sub, sizeof sub, "%s/queues", qp.data_dir);
	assert_int_equal(mkdir(sub, 0777), 0);
	assert_int_equal(chmod(sub, 0777), 0);
	snprintf(f1, sizeof f1, "%s/q", sub);
	make_file(f1, 0644);
	snprintf(f2, sizeof f2, "%s/qm.ini", qp.data_dir);
	make_file(f2, 0666);
	snprintf(lf, sizeof lf, "%s/S0000000.LOG", qp.log_dir);
	make_file(lf, 0604);
	snprintf(sock, sizeof sock, "%s/s.sock", qp.data_dir);
	int sfd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int have_sock = strlen(sock) < sizeof sa.sun_path;
	if (have_sock) {
		snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock);
		assert_int_equal(bind(sfd, (struct sockaddr *)&sa, sizeof sa), 0);
		assert_int_equal(chmod(sock, 0777), 0);
	}
	close(sfd);
	/* a link inside pointing at a file outside: neither followed nor changed */
	snprintf(outside, sizeof outside, "%s/outside", root);
	make_file(outside, 0644);
	snprintf(link, sizeof link, "%s/evil", qp.data_dir);
	assert_int_equal(symlink(outside, link), 0);

	char err[512];
	qmgr_umask();
	assert_int_equal(qmgr_secure(&qp, err, sizeof err), QM_OK);
	assert_int_equal(mode_of(qp.data_dir), 02770);
	assert_int_equal(mode_of(sub), 02770);
	assert_int_equal(mode_of(qp.log_dir), 02770);
	assert_int_equal(mode_of(f1), 0660);
	assert_int_equal(mode_of(f2), 0660);
	assert_int_equal(mode_of(lf), 0660);
	if (have_sock)
		assert_int_equal(mode_of(sock), 0660);
	assert_int_equal(mode_of(outside), 0644);   /* the link was not followed */
	/* what is made now has the modes asked for, whatever the umask was */
	char nf[700];
	snprintf(nf, sizeof nf, "%s/new", qp.data_dir);
	int fd = open(nf, O_WRONLY | O_CREAT, 0660);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(mode_of(nf), 0660);
	umask(022);
}

static void test_qmperm__missing_log(void **state)
{
	(void)state;
	char root[256];
	ut_scratch_dir("qmperm", root, sizeof root);
	struct qm_paths qp;
	memset(&qp, 0, sizeof qp);
	snprintf(qp.data_dir, sizeof qp.data_dir, "%s", root);
	snprintf(qp.log_dir, sizeof qp.log_dir, "%s/no/such/log", root);
	char err[512];
	/* a log folder that is not there is nothing to close */
	assert_int_equal(qmgr_secure(&qp, err, sizeof err), QM_OK);
	assert_int_equal(mode_of(root), 02770);
	umask(022);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qmperm__modes),
		cmocka_unit_test(test_qmperm__missing_log),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
