/*
 * test_mqsini.c: libmqm's mqs.ini reader (qm/mqi/mqsini.c) answers as the
 * queue manager's (qm/home/config.c) does.
 *
 * The reference is MQCONN's lookup as it was before libmqm had a reader of
 * its own: access(), then mqs_load + mqs_find + mqs_qmgr_data_dir.  Every case
 * runs both and wants the same reason, name and folder: chosen files (the
 * default, a name, DataPath, names with '.' and '/', missing names, refused
 * files, an unreadable or missing mqs.ini), every rule of config.c's reading
 * one by one, then texts generated from a valid file by random edits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmqc.h>

#include "log/qmerr.h"
#include "qm/home/config.h"
#include "qm/mqi/mqm_int.h"
#include "qm/mqi/mqsini.h"

/* ------------------------------------------------------------------------ */
/* The reference: config.c                                                  */

/* MQCONN's lookup before libmqm had its own reader. */
static MQLONG old_locate(const char *name, char *real, size_t realn, char *data_dir, size_t n)
{
	char path[PATH_MAX], err[CFG_ERR_MAX];
	struct mqs_ini *m = malloc(sizeof *m);
	MQLONG rc = MQRC_Q_MGR_NAME_ERROR;
	if (!m)
		return MQRC_STORAGE_NOT_AVAILABLE;
	int have_path = cfg_mqs_path(path, sizeof path) == 0;
	if (have_path && access(path, R_OK) != 0 && errno == EACCES) {
		free(m);
		return MQRC_NOT_AUTHORIZED;
	}
	if (have_path && mqs_load(m, path, err, sizeof err) == 0) {
		const char *want = *name ? name : m->default_qmgr;
		const struct mqs_qmgr *q = *want ? mqs_find(m, want) : NULL;
		if (q && mqs_qmgr_data_dir(q, data_dir, n) == 0) {
			snprintf(real, realn, "%s", q->name);
			rc = MQRC_NONE;
		}
		mqs_release(m);
	}
	free(m);
	return rc;
}

/* The same over a text. */
static MQLONG old_find(const char *text, const char *name, char *real, size_t realn, char *dir, size_t n)
{
	static struct mqs_ini m;
	char err[CFG_ERR_MAX];
	int rc = mqs_parse(&m, "/t/mqs.ini", text, err, sizeof err);
	if (rc)
		return rc == QM_ENOMEM ? MQRC_STORAGE_NOT_AVAILABLE : MQRC_Q_MGR_NAME_ERROR;
	const char *want = *name ? name : m.default_qmgr;
	const struct mqs_qmgr *q = *want ? mqs_find(&m, want) : NULL;
	MQLONG r = MQRC_Q_MGR_NAME_ERROR;
	if (q && mqs_qmgr_data_dir(q, dir, n) == 0) {
		snprintf(real, realn, "%s", q->name);
		r = MQRC_NONE;
	}
	mqs_release(&m);
	return r;
}

/* ------------------------------------------------------------------------ */
/* Comparing                                                                */

struct answer {
	MQLONG rc;
	char real[MQ_Q_MGR_NAME_LENGTH + 1];
	char dir[PATH_MAX];
};

static void show(const char *what, const char *text, const char *name, const struct answer *a,
		 const struct answer *b)
{
	fprintf(stderr, "%s differ for name '%s' in:\n---\n", what, name);
	for (const char *p = text; *p; p++)
		fprintf(stderr, (*p == '\n' || (*p >= 32 && *p < 127)) ? "%c" : "\\x%02x",
			(unsigned char)*p);
	fprintf(stderr, "\n---\nconfig.c: %d '%s' '%s'\nmqsini.c: %d '%s' '%s'\n", (int)a->rc, a->real,
		a->dir, (int)b->rc, b->real, b->dir);
}

/* Both readers on text and name: they must agree; the answer is returned. */
static MQLONG agree(const char *text, const char *name, struct answer *out)
{
	struct answer a = { 0 }, b = { 0 };
	char *copy = strdup(text);
	assert_non_null(copy);
	a.rc = old_find(text, name, a.real, sizeof a.real, a.dir, sizeof a.dir);
	b.rc = mqm_mqsini_find(copy, name, b.real, sizeof b.real, b.dir, sizeof b.dir);
	free(copy);
	if (a.rc != b.rc || (a.rc == 0 && (strcmp(a.real, b.real) || strcmp(a.dir, b.dir)))) {
		show("answers", text, name, &a, &b);
		fail();
	}
	if (out)
		*out = b;
	return b.rc;
}

/* Both lookups of MQCONN through $MQ_DATA_PATH/mqs.ini. */
static MQLONG agree_file(const char *name, struct answer *out)
{
	struct answer a = { 0 }, b = { 0 };
	a.rc = old_locate(name, a.real, sizeof a.real, a.dir, sizeof a.dir);
	b.rc = mqm_locate(name, b.real, sizeof b.real, b.dir, sizeof b.dir);
	if (a.rc != b.rc || (a.rc == 0 && (strcmp(a.real, b.real) || strcmp(a.dir, b.dir)))) {
		show("file answers", "", name, &a, &b);
		fail();
	}
	if (out)
		*out = b;
	return b.rc;
}

static void expect(const char *text, const char *name, const char *real, const char *dir)
{
	struct answer a;
	assert_int_equal(agree(text, name, &a), MQRC_NONE);
	assert_string_equal(a.real, real);
	assert_string_equal(a.dir, dir);
}

static void expect_fail(const char *text, const char *name, MQLONG rc)
{
	assert_int_equal(agree(text, name, NULL), rc);
}

/* ------------------------------------------------------------------------ */
/* Files                                                                    */

static void fresh_root(char *out, size_t n)
{
	const char *base = getenv("QUIRE_TEST_DIR");
	snprintf(out, n, "%s/mqsini.XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(out));
	assert_int_equal(setenv("MQ_DATA_PATH", out, 1), 0);
}

static void write_mqs(const char *root, const char *text)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/mqs.ini", root);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static const char base_ini[] =
	"#* mqs.ini\n"
	"AllQueueManagers:\n"
	"   DefaultPrefix=/var/mqm\n"
	"LogDefaults:\n"
	"   LogPrimaryFiles=3\n"
	"   LogSecondaryFiles=2\n"
	"   LogFilePages=4096\n"
	"   LogType=CIRCULAR\n"
	"   LogDefaultPath=/var/mqm/log\n"
	"QueueManager:\n"
	"   Name=QM1\n"
	"   Prefix=/var/mqm\n"
	"   Directory=QM1\n"
	"QueueManager:\n"
	"   Name=A.B/C\n"
	"   Prefix=/srv/mq\n"
	"   Directory=A!B&C\n"
	"QueueManager:\n"
	"   Name=QM2\n"
	"   Prefix=/var/mqm\n"
	"   Directory=QM2\n"
	"   DataPath=/data/qm2\n"
	"DefaultQueueManager:\n"
	"   Name=QM1\n";

/* ------------------------------------------------------------------------ */
/* Chosen files                                                             */

static void test_mqsini__default_named_datapath(void **state)
{
	(void)state;
	expect(base_ini, "", "QM1", "/var/mqm/qmgrs/QM1");
	expect(base_ini, "QM1", "QM1", "/var/mqm/qmgrs/QM1");
	expect(base_ini, "QM2", "QM2", "/data/qm2");
	expect(base_ini, "A.B/C", "A.B/C", "/srv/mq/qmgrs/A!B&C");
	/* names are case-sensitive, keys and stanza names are not */
	expect_fail(base_ini, "qm1", MQRC_Q_MGR_NAME_ERROR);
	expect("queuemanager:\n NAME=my.qm\n prefix=/p\n DIRECTORY=my!qm\n"
	       "defaultqueuemanager:\n name=my.qm\n", "", "my.qm", "/p/qmgrs/my!qm");
	expect("QueueManager:\nName=a/b\nPrefix=/p\nDirectory=a&b\n", "a/b", "a/b", "/p/qmgrs/a&b");
	/* the last of a repeated key wins */
	expect("QueueManager:\nName=X\nName=QM1\nPrefix=/a\nPrefix=/b\nDirectory=d\n", "QM1", "QM1",
	       "/b/qmgrs/d");
}

static void test_mqsini__not_found(void **state)
{
	(void)state;
	expect_fail(base_ini, "QM9", MQRC_Q_MGR_NAME_ERROR);
	/* blank name, no default */
	expect_fail("QueueManager:\nName=QM1\nPrefix=/p\nDirectory=QM1\n", "", MQRC_Q_MGR_NAME_ERROR);
	/* a default that is not listed */
	expect_fail("QueueManager:\nName=QM1\nPrefix=/p\nDirectory=QM1\n"
		    "DefaultQueueManager:\nName=QM2\n", "", MQRC_Q_MGR_NAME_ERROR);
	expect_fail("", "", MQRC_Q_MGR_NAME_ERROR);
	expect_fail("", "QM1", MQRC_Q_MGR_NAME_ERROR);
	/* the folder does not fit in PATH_MAX */
	char *t = malloc(PATH_MAX + 200);
	assert_non_null(t);
	snprintf(t, PATH_MAX + 200, "QueueManager:\nName=L\nDirectory=%060d\nPrefix=/%04080d\n", 0, 0);
	expect_fail(t, "L", MQRC_Q_MGR_NAME_ERROR);
	free(t);
}

static void test_mqsini__refused_files(void **state)
{
	(void)state;
	const char *bad[] = {
		"QueueManager:\nName=QM1\nDirectory=QM1\n",                     /* no Prefix */
		"QueueManager:\nName=QM1\nPrefix=/p\n",                         /* no Directory */
		"QueueManager:\nPrefix=/p\nDirectory=QM1\n",                    /* no Name */
		"QueueManager:\nName=QM1\nPrefix=/p\nDirectory=a\n"
		"QueueManager:\nName=QM1\nPrefix=/p\nDirectory=b\n",            /* listed twice */
		"QueueManager:\nName=QM1\nPrefix=p\nDirectory=QM1\n",           /* relative */
		"QueueManager:\nName=QM1\nPrefix=/p\nDirectory=a/b\n",
		"QueueManager:\nName=QM1\nPrefix=/p\nDirectory=..\n",
		"QueueManager:\nName=QM1\nPrefix=/p\nDirectory=QM1\nDataPath=x\n",
		"QueueManager:\nName=\nPrefix=/p\nDirectory=QM1\n",
		"QueueManager:\nName=123456789012345678901234567890123456789012345678X\nPrefix=/p\nDirectory=d\n",
		"LogDefaults:\nLogPrimaryFiles=511\n",                         /* out of range */
		"LogDefaults:\nLogPrimaryFiles=500\nLogSecondaryFiles=100\n",  /* 600 files */
		"LogDefaults:\nLogType=SPIRAL\n",
		"LogDefaults:\nLogDefaultPath=log\n",
		"AllQueueManagers:\nDefaultPrefix=\n",
		"DefaultQueueManager:\nName=\n",
		"garbage\n",                                                    /* no '=' */
		"[QueueManager\n",                                              /* no ']' */
		"Name ;c=QM1\n",                                                /* comment before '=' */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char t[1024];
		snprintf(t, sizeof t, "%s%s", base_ini, bad[i]);
		expect_fail(t, "QM1", MQRC_Q_MGR_NAME_ERROR);
		expect_fail(t, "", MQRC_Q_MGR_NAME_ERROR);
	}
}

/* config.c reads through inih, with its quirks: the same ones here. */
static void test_mqsini__reading_rules(void **state)
{
	(void)state;
	const char *q = "QueueManager:\nName=QM1\nPrefix=/p\nDirectory=QM1\n";
	char t[8192];
	/* comments, blanks, CRLF, a BOM, a comment after a stanza name */
	expect("\xEF\xBB\xBF# c\r\n; c\r\n\r\n  QueueManager: ;x\r\n\tName = QM1 \r\n Prefix=/p ;c\r\n"
	       "Directory=QM1\t\r\n", "QM1", "QM1", "/p/qmgrs/QM1");
	/* "Key:Value" is a pair too; a ';' is a comment only after a blank */
	expect("QueueManager:\nName: QM1\nPrefix=/p;q\nDirectory=QM1\n", "QM1", "QM1", "/p;q/qmgrs/QM1");
	/* a line indented by '\f' or '\v' continues the last key */
	expect("QueueManager:\nName=X\n\fQM1\nPrefix=/p\nDirectory=QM1\n", "QM1", "QM1", "/p/qmgrs/QM1");
	expect_fail("QueueManager:\nPrefix=/p\n\vrel\nName=QM1\nDirectory=QM1\n", "QM1",
		    MQRC_Q_MGR_NAME_ERROR);
	/* "[Name]" switches stanza without starting one */
	snprintf(t, sizeof t, "%s[Other]\nName=zzz\n[queuemanager]\nDataPath=/dp\n", q);
	expect(t, "QM1", "QM1", "/dp");
	expect_fail("[QueueManager] junk\n", "QM1", MQRC_Q_MGR_NAME_ERROR);
	/* not a stanza line: "QueueManager: x" is the key QueueManager, outside any stanza */
	snprintf(t, sizeof t, "QueueManager: x\n%s", q);
	expect(t, "QM1", "QM1", "/p/qmgrs/QM1");
	/* over-long lines: a comment; a value kept aside; no '=' near the start */
	snprintf(t, sizeof t, "#%0300d\n%sDataPath=/%0300d ;c\n", 0, q, 0);
	struct answer a;
	assert_int_equal(agree(t, "QM1", &a), MQRC_NONE);
	assert_int_equal(strlen(a.dir), 301);
	snprintf(t, sizeof t, "%s%0300d\n", q, 0);
	expect_fail(t, "QM1", MQRC_Q_MGR_NAME_ERROR);
	snprintf(t, sizeof t, "%s%0196d=/v%0100d\n", q, 0, 0);
	expect_fail(t, "QM1", MQRC_Q_MGR_NAME_ERROR);
	snprintf(t, sizeof t, "%s%0195d=/v%0100d\n", q, 0, 0);
	expect(t, "QM1", "QM1", "/p/qmgrs/QM1");
	/* an over-long line indented by '\f' gives the last key "Key=\x01" */
	snprintf(t, sizeof t, "QueueManager:\nName=QM1\nPrefix=/p\nDirectory=x\n\fD=/%0300d\n", 0);
	expect(t, "QM1", "QM1", "/p/qmgrs/D=\x01");
	/* a value "\x01" is the last over-long line's value */
	snprintf(t, sizeof t, "QueueManager:\nName=QM1\nDirectory=QM1\nX=/%0300d\nPrefix=\x01\n", 0);
	assert_int_equal(agree(t, "QM1", NULL), MQRC_NONE);
	expect_fail("QueueManager:\nName=QM1\nDirectory=QM1\nPrefix=\x01\n", "QM1", MQRC_Q_MGR_NAME_ERROR);
	/* the text ends at a NUL (here: before Directory) */
	expect_fail("QueueManager:\nName=QM1\nPrefix=/p\n\0Directory=QM1\n", "QM1", MQRC_Q_MGR_NAME_ERROR);
	/* keys before any stanza and unknown stanzas and keys are allowed */
	snprintf(t, sizeof t, "Name=zz\nOther.Stanza-1:\nName=\n%sColour=red\nLogDefaults:\nX=1\n", q);
	expect(t, "QM1", "QM1", "/p/qmgrs/QM1");
	/* a long stanza name is cut, and is then not QueueManager */
	snprintf(t, sizeof t, "%sQueueManager%060d:\nName=QM2\nPrefix=/p\nDirectory=QM2\n", q, 0);
	expect_fail(t, "QM2", MQRC_Q_MGR_NAME_ERROR);
	/* the edges of every LogDefaults range */
	expect("LogDefaults:\nLogPrimaryFiles=2\nLogSecondaryFiles=1\nLogFilePages=64\nLogBufferPages=0\n"
	       "LogType=linear\nLogWriteIntegrity=doublewrite\nLogManagement=ARCHIVE\nLogDefaultPath=/l\n"
	       "QueueManager:\nName=QM1\nPrefix=/p\nDirectory=QM1\n", "QM1", "QM1", "/p/qmgrs/QM1");
	expect("LogDefaults:\nLogPrimaryFiles=510\nLogSecondaryFiles=1\nLogFilePages=65535\n"
	       "LogBufferPages=4096\nQueueManager:\nName=QM1\nPrefix=/p\nDirectory=QM1\n", "QM1", "QM1",
	       "/p/qmgrs/QM1");
	expect_fail("LogDefaults:\nLogFilePages=99999999999999999999999999\n", "", MQRC_Q_MGR_NAME_ERROR);
	expect_fail("LogDefaults:\nLogFilePages=+64\n", "", MQRC_Q_MGR_NAME_ERROR);
}

/* ------------------------------------------------------------------------ */
/* The file itself                                                          */

static void test_mqsini__file(void **state)
{
	(void)state;
	char root[PATH_MAX], path[PATH_MAX];
	struct answer a;
	fresh_root(root, sizeof root);
	/* no mqs.ini */
	assert_int_equal(agree_file("QM1", NULL), MQRC_Q_MGR_NAME_ERROR);
	assert_int_equal(agree_file("", NULL), MQRC_Q_MGR_NAME_ERROR);
	/* mqs.ini is a folder */
	snprintf(path, sizeof path, "%s/mqs.ini", root);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(agree_file("QM1", NULL), MQRC_Q_MGR_NAME_ERROR);
	assert_int_equal(rmdir(path), 0);
	/* found */
	write_mqs(root, base_ini);
	assert_int_equal(agree_file("", &a), MQRC_NONE);
	assert_string_equal(a.dir, "/var/mqm/qmgrs/QM1");
	assert_int_equal(agree_file("QM2", &a), MQRC_NONE);
	assert_string_equal(a.dir, "/data/qm2");
	assert_int_equal(agree_file("QM3", NULL), MQRC_Q_MGR_NAME_ERROR);
	write_mqs(root, "QueueManager:\nName=QM1\n");
	assert_int_equal(agree_file("QM1", NULL), MQRC_Q_MGR_NAME_ERROR);
	/* $MQ_DATA_PATH too long for a path */
	char *longroot = malloc(PATH_MAX + 10);
	assert_non_null(longroot);
	memset(longroot, 'r', PATH_MAX + 9);
	longroot[0] = '/';
	longroot[PATH_MAX + 9] = 0;
	assert_int_equal(setenv("MQ_DATA_PATH", longroot, 1), 0);
	assert_int_equal(agree_file("QM1", NULL), MQRC_Q_MGR_NAME_ERROR);
	free(longroot);
	assert_int_equal(setenv("MQ_DATA_PATH", root, 1), 0);
}

/* mqs.ini there but not readable by this user: 2035 for any name. */
static void test_mqsini__unreadable(void **state)
{
	(void)state;
	char root[PATH_MAX], path[PATH_MAX];
	fresh_root(root, sizeof root);
	write_mqs(root, base_ini);
	snprintf(path, sizeof path, "%s/mqs.ini", root);
	assert_int_equal(chmod(path, 0), 0);
	if (geteuid() != 0) {
		assert_int_equal(agree_file("QM1", NULL), MQRC_NOT_AUTHORIZED);
		assert_int_equal(agree_file("", NULL), MQRC_NOT_AUTHORIZED);
		assert_int_equal(agree_file("QM9", NULL), MQRC_NOT_AUTHORIZED);
		return;
	}
	/* root reads anything: look as nobody, in a child */
	assert_int_equal(chmod(root, 0755), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int ok = setgid(65534) == 0 && setuid(65534) == 0;
		struct answer a = { 0 }, b = { 0 };
		const char *names[] = { "QM1", "", "QM9" };
		for (int i = 0; ok && i < 3; i++) {
			a.rc = old_locate(names[i], a.real, sizeof a.real, a.dir, sizeof a.dir);
			b.rc = mqm_locate(names[i], b.real, sizeof b.real, b.dir, sizeof b.dir);
			ok = a.rc == MQRC_NOT_AUTHORIZED && b.rc == MQRC_NOT_AUTHORIZED;
			if (!ok)
				fprintf(stderr, "as nobody, '%s': config.c %d, mqsini.c %d\n", names[i],
					(int)a.rc, (int)b.rc);
		}
		_exit(ok ? 0 : 1);
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

/* ------------------------------------------------------------------------ */
/* Generated texts                                                          */

static uint64_t rnd_state = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (unsigned)(rnd_state % n);
}

#define NFRAG 128
static char *frag[NFRAG];
static int nfrag;

static void frag_add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void frag_add(const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	assert_true(vasprintf(&s, fmt, ap) >= 0);
	va_end(ap);
	assert_true(nfrag < NFRAG);
	frag[nfrag++] = s;
}

static void frags_make(void)
{
	const char *lines[] = {
		"QueueManager:", "queuemanager:", "QueueManager: ;c", "QueueManager:#c", "QueueManager: x",
		"QueueManager :", "DefaultQueueManager:", "AllQueueManagers:", "LogDefaults:", "Other.1-x_y:",
		"[Other]", "[LogDefaults]", "[DefaultQueueManager]", "[AllQueueManagers", "[x ;c]", "[y] z",
		"Name=QM1", "Name=QM2", "Name=A.B/C", "Name=QM7", "Name= QM2 ", "Name:QM1", "NAME=QM7",
		"Name=QM1 ;c", "Name=QM1;c", "Name=;x", "Name ;x=QM1", "Name", "=QM1", ": x", "Name=",
		"Name=\x01", "Prefix=\x01", "Prefix=/var/mqm", "Prefix=/srv/mq", "Prefix=rel", "Prefix=",
		"Prefix=/p ;c", "prefix = /p", "Directory=QM1", "Directory=QM2", "Directory=QM7",
		"Directory=A!B&C", "Directory=a/b", "Directory=.", "Directory=..", "Directory=",
		"DataPath=/data/x", "DataPath=/d ;c", "DataPath=x", "DataPath=", "\fName=QM7", "\v/cont",
		"\rDirectory=QM7", "\f", "LogPrimaryFiles=2", "LogPrimaryFiles=510", "LogPrimaryFiles=511",
		"LogPrimaryFiles=+3", "LogPrimaryFiles= 3", "LogSecondaryFiles=1", "LogSecondaryFiles=509",
		"LogSecondaryFiles=0", "LogFilePages=63", "LogFilePages=65535",
		"LogFilePages=99999999999999999999999", "LogBufferPages=0", "LogBufferPages=4097",
		"LogType=linear", "LogType=LINEAR ;x", "LogType=foo", "LogWriteIntegrity=doublewrite",
		"LogWriteIntegrity=x", "LogManagement=Archive", "LogManagement=none",
		"LogDefaultPath=/var/mqm/log", "LogDefaultPath=rel", "DefaultPrefix=", "DefaultPrefix=/x",
		"DefaultPrefix=x", "Other=1", "garbage", "", "# c", "; c", "\t", "\xEF\xBB\xBF" "LogDefaults:",
		"Name=123456789012345678901234567890123456789012345678",
		"Name=1234567890123456789012345678901234567890123456789",
		"Directory=123456789012345678901234567890123456789012345678901234567890123",
		"Directory=1234567890123456789012345678901234567890123456789012345678901234",
	};
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		frag_add("%s", lines[i]);
	frag_add("Prefix=/%0300d", 0);
	frag_add("   DataPath=/%0250d ;c", 0);
	frag_add("Name=%0250d", 0);
	frag_add("Directory=%0250d", 0);
	frag_add("#%0300d", 0);
	frag_add("%0300d", 0);
	frag_add("%0197d=v", 0);
	frag_add("%0194d=/v%0100d", 0, 0);
	frag_add("LogDefaultPath=/%05000d", 0);
	frag_add("Prefix=/%04200d", 0);
	frag_add("Prefix=/%04090d", 0);
	frag_add("QueueManager%060d:", 0);
	frag_add("[QM%060d]", 0);
	frag_add("\fPrefix=/%0300d", 0);
	frag_add("Pre:fix=/%0300d", 0);
	frag_add("DataPath:/d=/%0300d", 0);
}

static const char *const decorations[] = { "", " ", "\t", "  \t", "\r", " \r", " ;c", "\v", "\f", ";" };

/* A text from base_ini by a few random edits, or from fragments alone. */
static char *gen_text(void)
{
	const char *ln[64];
	char *pre[64], *post[64];
	int n = 0;
	if (rnd(8) == 0) {
		for (int k = (int)rnd(14); k > 0; k--)
			ln[n++] = frag[rnd((unsigned)nfrag)];
	} else {
		static char base[sizeof base_ini];
		memcpy(base, base_ini, sizeof base);
		for (char *p = strtok(base, "\n"); p && n < 40; p = strtok(NULL, "\n"))
			ln[n++] = p;
		for (int k = (int)rnd(4); k > 0; k--) {
			int at = (int)rnd((unsigned)n + 1), op = (int)rnd(4);
			if (op == 0 && n < 60) {            /* insert */
				memmove(&ln[at + 1], &ln[at], sizeof ln[0] * (size_t)(n - at));
				ln[at] = frag[rnd((unsigned)nfrag)];
				n++;
			} else if (op == 1 && at < n) {     /* delete */
				memmove(&ln[at], &ln[at + 1], sizeof ln[0] * (size_t)(n - at - 1));
				n--;
			} else if (op == 2 && at < n) {     /* replace */
				ln[at] = frag[rnd((unsigned)nfrag)];
			} else if (at < n && n < 60) {      /* repeat */
				memmove(&ln[at + 1], &ln[at], sizeof ln[0] * (size_t)(n - at));
				n++;
			}
		}
	}
	size_t len = 1;
	for (int i = 0; i < n; i++) {
		int d = rnd(4) == 0;
		pre[i] = (char *)(d ? decorations[rnd(5)] : "");
		post[i] = (char *)(d ? decorations[rnd(10)] : "");
		len += strlen(pre[i]) + strlen(ln[i]) + strlen(post[i]) + 2;
	}
	char *t = malloc(len + 3 + 3), *p = t;
	assert_non_null(t);
	if (rnd(20) == 0)
		p += sprintf(p, "\xEF\xBB\xBF");
	for (int i = 0; i < n; i++)
		p += sprintf(p, "%s%s%s%s", pre[i], ln[i], post[i], i == n - 1 && rnd(3) == 0 ? "" :
			     rnd(6) == 0 ? "\r\n" : "\n");
	*p = 0;
	/* and sometimes a few bytes changed or put in */
	static const char bytes[] = " \t\r\n\f\v=:;#[]/.\x01Q";
	for (int k = rnd(3) == 0 ? 1 + (int)rnd(3) : 0; k > 0; k--) {
		size_t n = strlen(t), at = rnd((unsigned)n + 1);
		char c = bytes[rnd(sizeof bytes - 1)];
		if (at < n && rnd(2)) {
			t[at] = c;
		} else {
			memmove(t + at + 1, t + at, n - at + 1);
			t[at] = c;
		}
	}
	return t;
}

static void test_mqsini__generated_texts_agree(void **state)
{
	(void)state;
	const char *names[] = { "", "QM1", "QM2", "A.B/C", "QM7", "qm1",
				"123456789012345678901234567890123456789012345678" };
	int found = 0, refused = 0, skipped = 0, runs = 20000;
	frags_make();
	for (int i = 0; i < runs; i++) {
		char *t = gen_text();
		/* a key under "[QueueManager]" before any QueueManager stanza: config.c
		 * would write before its array (undefined); mqsini.c refuses it */
		if (strcasestr(t, "[queuemanager")) {
			skipped++;
			free(t);
			continue;
		}
		for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
			if (agree(t, names[k], NULL) == MQRC_NONE)
				found++;
			else
				refused++;
		}
		free(t);
	}
	fprintf(stderr, "generated: %d texts, %d lookups found, %d refused, %d skipped\n", runs, found,
		refused, skipped);
	/* both outcomes well represented */
	assert_true(found > runs / 2);
	assert_true(refused > runs / 2);
	for (int i = 0; i < nfrag; i++)
		free(frag[i]);
	nfrag = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mqsini__default_named_datapath),
		cmocka_unit_test(test_mqsini__not_found),
		cmocka_unit_test(test_mqsini__refused_files),
		cmocka_unit_test(test_mqsini__reading_rules),
		cmocka_unit_test(test_mqsini__file),
		cmocka_unit_test(test_mqsini__unreadable),
		cmocka_unit_test(test_mqsini__generated_texts_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
