/* test_config.c: mqs.ini and qm.ini reading, validation and writing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "qm/home/config.h"
#include "qm/home/errlog.h"
#include "qm/home/qmgr.h"
#include "log/osio.h"
#include "log/qmerr.h"

static void fresh_dir(char *out, size_t n)
{
	const char *base = getenv("QUIRE_TEST_DIR");
	snprintf(out, n, "%s/config.XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(out));
}

static void write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static char *read_all(const char *path)
{
	char *buf;
	size_t n;
	assert_int_equal(os_read_file(path, &buf, &n), QM_OK);
	return buf;
}

/* Write text to <fresh dir>/qm.ini and load it. */
static int load_qm(struct qm_config *c, const char *text, char *path, size_t pn, char *err)
{
	char dir[256];
	fresh_dir(dir, sizeof dir);
	snprintf(path, pn, "%s/qm.ini", dir);
	write_text(path, text);
	return qm_config_load(c, path, err, CFG_ERR_MAX);
}

static void test_config__defaults(void **state)
{
	(void)state;
	struct qm_config c;
	qm_config_init(&c);
	assert_int_equal(c.log.primary_files, 3);
	assert_int_equal(c.log.secondary_files, 2);
	assert_int_equal(c.log.file_pages, 4096);
	assert_int_equal(c.log.type, CFG_LOG_CIRCULAR);
	assert_int_equal(c.log.buffer_pages, 0);
	assert_int_equal(c.log.write_integrity, CFG_LWI_TRIPLE);
	assert_int_equal(c.log.management, CFG_LOG_MANUAL);
	assert_string_equal(c.log.path, "");
	assert_int_equal(c.error_log_size, 2 * 1024 * 1024);
	assert_int_equal(c.tuning.checkpoint_ops, 50000);
	assert_int_equal(c.tuning.checkpoint_seconds, 30);
	assert_int_equal(c.tuning.queue_buffer_size, 1024 * 1024);
	assert_int_equal(c.warnings.n, 0);
	assert_int_equal(qm_config_validate(&c, NULL, 0), QM_OK);

	/* an empty file gives the defaults too */
	char path[300], err[CFG_ERR_MAX];
	struct qm_config d;
	assert_int_equal(load_qm(&d, "", path, sizeof path, err), QM_OK);
	assert_memory_equal(&c.log, &d.log, sizeof c.log);
	assert_int_equal(d.error_log_size, c.error_log_size);
	assert_memory_equal(&c.tuning, &d.tuning, sizeof c.tuning);
}

static void test_config__every_key_read(void **state)
{
	(void)state;
	const char *text =
		"#* a qm.ini with every key set away from its default\n"
		"Log:\n"
		"   LogPrimaryFiles=10\n"
		"   LogSecondaryFiles=20\n"
		"   LogFilePages=16384\n"
		"   LogType=LINEAR\n"
		"   LogBufferPages=1024\n"
		"   LogPath=/srv/mq/log/QM1/\n"
		"   LogWriteIntegrity=SingleWrite\n"
		"   LogManagement=Archive\n"
		"\n"
		"QMErrorLog:\n"
		"   ErrorLogSize=33554432\n"
		"Tuning:\n"
		"   CheckpointOps=500\n"
		"   CheckpointSeconds=120\n"
		"   QueueBufferSize=4194304\n";
	struct qm_config c;
	char path[300], err[CFG_ERR_MAX];
	assert_int_equal(load_qm(&c, text, path, sizeof path, err), QM_OK);
	assert_int_equal(c.log.primary_files, 10);
	assert_int_equal(c.log.secondary_files, 20);
	assert_int_equal(c.log.file_pages, 16384);
	assert_int_equal(c.log.type, CFG_LOG_LINEAR);
	assert_int_equal(c.log.buffer_pages, 1024);
	assert_string_equal(c.log.path, "/srv/mq/log/QM1/");
	assert_int_equal(c.log.write_integrity, CFG_LWI_SINGLE);
	assert_int_equal(c.log.management, CFG_LOG_ARCHIVE);
	assert_int_equal(c.error_log_size, 33554432);
	assert_int_equal(c.tuning.checkpoint_ops, 500);
	assert_int_equal(c.tuning.checkpoint_seconds, 120);
	assert_int_equal(c.tuning.queue_buffer_size, 4194304);
	assert_int_equal(c.warnings.n, 0);

	/* the other words of the enumerations */
	assert_int_equal(load_qm(&c, "Log:\n LogType=CIRCULAR\n LogWriteIntegrity=DoubleWrite\n"
				 " LogManagement=Automatic\n", path, sizeof path, err), QM_OK);
	assert_int_equal(c.log.type, CFG_LOG_CIRCULAR);
	assert_int_equal(c.log.write_integrity, CFG_LWI_DOUBLE);
	assert_int_equal(c.log.management, CFG_LOG_AUTOMATIC);
	assert_int_equal(load_qm(&c, "Log:\n LogWriteIntegrity=TripleWrite\n LogManagement=Manual\n",
				 path, sizeof path, err), QM_OK);
	assert_int_equal(c.log.write_integrity, CFG_LWI_TRIPLE);
	assert_int_equal(c.log.management, CFG_LOG_MANUAL);
}

static void test_config__case_insensitive(void **state)
{
	(void)state;
	const char *text =
		"log:\n"
		"   logprimaryfiles=7\n"
		"   LOGSECONDARYFILES=5\n"
		"   LogType=linear\n"
		"   logwriteintegrity=SINGLEWRITE\n"
		"   LOGMANAGEMENT=automatic\n"
		"QMERRORLOG:\n"
		"   errorlogsize=1048576\n"
		"tuning:\n"
		"   checkpointops=200\n";
	struct qm_config c;
	char path[300], err[CFG_ERR_MAX];
	assert_int_equal(load_qm(&c, text, path, sizeof path, err), QM_OK);
	assert_int_equal(c.log.primary_files, 7);
	assert_int_equal(c.log.secondary_files, 5);
	assert_int_equal(c.log.type, CFG_LOG_LINEAR);
	assert_int_equal(c.log.write_integrity, CFG_LWI_SINGLE);
	assert_int_equal(c.log.management, CFG_LOG_AUTOMATIC);
	assert_int_equal(c.error_log_size, 1048576);
	assert_int_equal(c.tuning.checkpoint_ops, 200);
	assert_int_equal(c.warnings.n, 0);
}

static void test_config__lenient_layout(void **state)
{
	(void)state;
	/* blanks around '=', tabs, CRLF, inline ';' comments, '#' and ';' comment
	 * lines, a comment after the stanza name, a repeated key (last wins) */
	const char *text =
		"; leading comment\r\n"
		"Log:   # the log\r\n"
		"\tLogPrimaryFiles = 4 ; four\r\n"
		"LogPrimaryFiles=6\r\n"
		"   LogPath =  /var/mqm/log/QM!1/   \r\n"
		"#LogType=LINEAR\r\n";
	struct qm_config c;
	char path[300], err[CFG_ERR_MAX];
	assert_int_equal(load_qm(&c, text, path, sizeof path, err), QM_OK);
	assert_int_equal(c.log.primary_files, 6);
	assert_string_equal(c.log.path, "/var/mqm/log/QM!1/");
	assert_int_equal(c.log.type, CFG_LOG_CIRCULAR);
	assert_int_equal(c.warnings.n, 0);
}

struct bad {
	const char *stanza, *key, *value, *allowed;
};

static void test_config__bad_values(void **state)
{
	(void)state;
	static const struct bad bad[] = {
		{ "Log", "LogPrimaryFiles", "1", "2 to 510" },
		{ "Log", "LogPrimaryFiles", "511", "2 to 510" },
		{ "Log", "LogPrimaryFiles", "abc", "2 to 510" },
		{ "Log", "LogPrimaryFiles", "-3", "2 to 510" },
		{ "Log", "LogPrimaryFiles", "3x", "2 to 510" },
		{ "Log", "LogPrimaryFiles", "", "2 to 510" },
		{ "Log", "LogPrimaryFiles", "99999999999999999999999", "2 to 510" },
		{ "Log", "LogSecondaryFiles", "0", "1 to 509" },
		{ "Log", "LogSecondaryFiles", "510", "1 to 509" },
		{ "Log", "LogFilePages", "63", "64 to 65535" },
		{ "Log", "LogFilePages", "65536", "64 to 65535" },
		{ "Log", "LogType", "CIRC", "CIRCULAR or LINEAR" },
		{ "Log", "LogType", "REPLICATED", "CIRCULAR or LINEAR" },
		{ "Log", "LogBufferPages", "4097", "0 to 4096" },
		{ "Log", "LogBufferPages", "-1", "0 to 4096" },
		{ "Log", "LogPath", "relative/log", "an absolute path of at most 4095 bytes" },
		{ "Log", "LogWriteIntegrity", "QuadWrite", "SingleWrite, DoubleWrite or TripleWrite" },
		{ "Log", "LogManagement", "Auto", "Manual, Automatic or Archive" },
		{ "QMErrorLog", "ErrorLogSize", "1048575", "1048576 to 2147483648" },
		{ "QMErrorLog", "ErrorLogSize", "2147483649", "1048576 to 2147483648" },
		{ "QMErrorLog", "ErrorLogSize", "2M", "1048576 to 2147483648" },
		{ "Tuning", "CheckpointOps", "99", "100 to 10000000" },
		{ "Tuning", "CheckpointOps", "10000001", "100 to 10000000" },
		{ "Tuning", "CheckpointSeconds", "0", "1 to 86400" },
		{ "Tuning", "CheckpointSeconds", "86401", "1 to 86400" },
		{ "Tuning", "QueueBufferSize", "65535", "65536 to 1073741824" },
		{ "Tuning", "QueueBufferSize", "1073741825", "65536 to 1073741824" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[512], path[300], err[CFG_ERR_MAX], want[CFG_ERR_MAX + 400];
		/* the bad value is on line 4, after a valid key */
		snprintf(text, sizeof text, "#* test %zu\n%s:\n   %s\n   %s=%s\n   LogType=LINEAR\n",
			 i, bad[i].stanza, strcmp(bad[i].stanza, "Log") ? "Unknown1=1" : "LogFilePages=128",
			 bad[i].key, bad[i].value);
		struct qm_config c;
		int rc = load_qm(&c, text, path, sizeof path, err);
		snprintf(want, sizeof want, "%s line 4: bad value '%s' for %s in the %s stanza (allowed: %s)",
			 path, bad[i].value, bad[i].key, bad[i].stanza, bad[i].allowed);
		if (rc != QM_EINVAL || strcmp(err, want) != 0)
			fail_msg("case %zu: rc %d\n got: %s\nwant: %s", i, rc, err, want);
	}
}

static void test_config__range_edges_accepted(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"Log:\n LogPrimaryFiles=2\n LogSecondaryFiles=1\n",
		"Log:\n LogPrimaryFiles=510\n LogSecondaryFiles=1\n",
		"Log:\n LogPrimaryFiles=2\n LogSecondaryFiles=509\n",
		"Log:\n LogFilePages=64\n LogBufferPages=0\n",
		"Log:\n LogFilePages=65535\n LogBufferPages=4096\n",
		"QMErrorLog:\n ErrorLogSize=1048576\n",
		"QMErrorLog:\n ErrorLogSize=2147483648\n",
		"Tuning:\n CheckpointOps=100\n CheckpointSeconds=1\n QueueBufferSize=65536\n",
		"Tuning:\n CheckpointOps=10000000\n CheckpointSeconds=86400\n QueueBufferSize=1073741824\n",
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct qm_config c;
		char path[300], err[CFG_ERR_MAX];
		int rc = load_qm(&c, ok[i], path, sizeof path, err);
		if (rc != QM_OK)
			fail_msg("case %zu: rc %d: %s", i, rc, err);
	}
	struct qm_config c;
	char path[300], err[CFG_ERR_MAX];
	assert_int_equal(load_qm(&c, ok[8], path, sizeof path, err), QM_OK);
	assert_int_equal(c.tuning.queue_buffer_size, 1073741824);
	assert_int_equal(load_qm(&c, ok[6], path, sizeof path, err), QM_OK);
	assert_true(c.error_log_size == 2147483648LL);
}

static void test_config__cross_field(void **state)
{
	(void)state;
	struct qm_config c;
	char path[300], err[CFG_ERR_MAX], want[CFG_ERR_MAX + 300];

	/* 500 + 12 = 512 > 511: named at the later of the two lines */
	int rc = load_qm(&c, "Log:\n   LogSecondaryFiles=12\n   LogType=LINEAR\n   LogPrimaryFiles=500\n",
			 path, sizeof path, err);
	assert_int_equal(rc, QM_EINVAL);
	snprintf(want, sizeof want, "%s line 4: LogPrimaryFiles=500 plus LogSecondaryFiles=12 makes 512 "
		 "log files in the Log stanza (allowed: 3 to 511 in total)", path);
	assert_string_equal(err, want);

	/* one key alone, the other from its default: 510 + 2 = 512 */
	rc = load_qm(&c, "Log:\n   LogPrimaryFiles=510\n", path, sizeof path, err);
	assert_int_equal(rc, QM_EINVAL);
	snprintf(want, sizeof want, "%s line 2: LogPrimaryFiles=510 plus LogSecondaryFiles=2 makes 512 "
		 "log files in the Log stanza (allowed: 3 to 511 in total)", path);
	assert_string_equal(err, want);

	/* 2 + 1 = 3 and 510 + 1 = 511 are the edges */
	assert_int_equal(load_qm(&c, "Log:\n LogPrimaryFiles=2\n LogSecondaryFiles=1\n", path, sizeof path, err), QM_OK);
	assert_int_equal(load_qm(&c, "Log:\n LogPrimaryFiles=510\n LogSecondaryFiles=1\n", path, sizeof path, err), QM_OK);

	/* validate() applies the same rules to a struct, without file or line */
	qm_config_init(&c);
	c.log.primary_files = 300;
	c.log.secondary_files = 300;
	assert_int_equal(qm_config_validate(&c, err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "LogPrimaryFiles=300 plus LogSecondaryFiles=300 makes 600 log files in "
			    "the Log stanza (allowed: 3 to 511 in total)");
	qm_config_init(&c);
	c.log.file_pages = 10;
	assert_int_equal(qm_config_validate(&c, err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "bad value '10' for LogFilePages in the Log stanza (allowed: 64 to 65535)");
	qm_config_init(&c);
	c.log.type = 7;
	assert_int_equal(qm_config_validate(&c, err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "bad value '7' for LogType in the Log stanza (allowed: CIRCULAR or LINEAR)");
	qm_config_init(&c);
	c.error_log_size = 5;
	assert_int_equal(qm_config_validate(&c, err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "bad value '5' for ErrorLogSize in the QMErrorLog stanza "
			    "(allowed: 1048576 to 2147483648)");
	qm_config_init(&c);
	c.tuning.checkpoint_seconds = 0;
	assert_int_equal(qm_config_validate(&c, err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "bad value '0' for CheckpointSeconds in the Tuning stanza (allowed: 1 to 86400)");
	qm_config_init(&c);
	snprintf(c.log.path, sizeof c.log.path, "log/QM1");
	assert_int_equal(qm_config_validate(&c, err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "bad value 'log/QM1' for LogPath in the Log stanza "
			    "(allowed: an absolute path of at most 4095 bytes)");
}

static void test_config__unknown_warned(void **state)
{
	(void)state;
	const char *text =
		"Stray=1\n"                  /* line 1: before any stanza */
		"Log:\n"
		"   LogPrimaryFiles=4\n"
		"   LogSpeed=fast\n"         /* line 4: unknown key in a known stanza */
		"Channels:\n"                /* line 5: unknown stanza (its keys are not listed) */
		"   MaxChannels=200\n"
		"   MaxActiveChannels=100\n"
		"TuningParameters:\n"        /* line 8: MQ's, not ours */
		"   DefaultQBufferSize=1000\n"
		"Tuning:\n"
		"   checkpointops=300\n"
		"   CheckpointMinutes=5\n";  /* line 12 */
	struct qm_config c;
	char path[300], err[CFG_ERR_MAX], line[600], want[600];
	assert_int_equal(load_qm(&c, text, path, sizeof path, err), QM_OK);
	assert_int_equal(c.log.primary_files, 4);
	assert_int_equal(c.tuning.checkpoint_ops, 300);
	assert_string_equal(c.warnings.file, path);
	assert_int_equal(c.warnings.n, 5);
	assert_int_equal(c.warnings.dropped, 0);

	static const struct { int line; const char *stanza, *key, *text; } w[] = {
		{ 1, "", "Stray", "unknown key Stray in the (none) stanza" },
		{ 4, "Log", "LogSpeed", "unknown key LogSpeed in the Log stanza" },
		{ 5, "Channels", "", "unknown stanza Channels" },
		{ 8, "TuningParameters", "", "unknown stanza TuningParameters" },
		{ 12, "Tuning", "CheckpointMinutes", "unknown key CheckpointMinutes in the Tuning stanza" },
	};
	for (int i = 0; i < 5; i++) {
		assert_int_equal(c.warnings.w[i].line, w[i].line);
		assert_string_equal(c.warnings.w[i].stanza, w[i].stanza);
		assert_string_equal(c.warnings.w[i].key, w[i].key);
		assert_int_equal(cfg_warning_text(&c.warnings, i, line, sizeof line), QM_OK);
		snprintf(want, sizeof want, "%s line %d: %s", path, w[i].line, w[i].text);
		assert_string_equal(line, want);
	}
	assert_int_equal(cfg_warning_text(&c.warnings, 5, line, sizeof line), QM_EINVAL);

	/* the warnings go to the error log as AMQ7889W / AMQ7890W */
	char dir[256];
	struct errlog el;
	fresh_dir(dir, sizeof dir);
	assert_int_equal(errlog_open(&el, dir, "QM1", 0), QM_OK);
	assert_int_equal(cfg_warnings_log(&c.warnings, &el), QM_OK);
	char lp[300];
	errlog_file_path(&el, 1, lp, sizeof lp);
	char *log = read_all(lp);
	int n7889 = 0, n7890 = 0;
	for (char *p = log; (p = strstr(p, "AMQ7889W: ")); p++)
		n7889++;
	for (char *p = log; (p = strstr(p, "AMQ7890W: ")); p++)
		n7890++;
	assert_int_equal(n7889, 3);
	assert_int_equal(n7890, 2);
	/* kinds "cacc": file, line, key, stanza -> Comment 1, Arith 1, Comment 2, Comment 3 */
	assert_non_null(strstr(log, "CommentInsert2(LogSpeed)"));
	assert_non_null(strstr(log, "CommentInsert3(Log)"));
	assert_non_null(strstr(log, "ArithInsert1(4)"));
	assert_non_null(strstr(log, "CommentInsert2(Channels)"));
	free(log);
}

static void test_config__many_warnings_counted(void **state)
{
	(void)state;
	char text[4096] = "Log:\n";
	for (int i = 0; i < CFG_MAX_WARNINGS + 5; i++) {
		char l[64];
		snprintf(l, sizeof l, "   Unknown%d=%d\n", i, i);
		strcat(text, l);
	}
	struct qm_config c;
	char path[300], err[CFG_ERR_MAX];
	assert_int_equal(load_qm(&c, text, path, sizeof path, err), QM_OK);
	assert_int_equal(c.warnings.n, CFG_MAX_WARNINGS);
	assert_int_equal(c.warnings.dropped, 5);
	assert_string_equal(c.warnings.w[CFG_MAX_WARNINGS - 1].key, "Unknown31");
}

static void test_config__syntax_and_long_lines(void **state)
{
	(void)state;
	struct qm_config c;
	char path[300], err[CFG_ERR_MAX], want[CFG_ERR_MAX + 300];

	int rc = load_qm(&c, "Log:\n   LogPrimaryFiles=4\n   this line has no equals sign\n",
			 path, sizeof path, err);
	assert_int_equal(rc, QM_EINVAL);
	snprintf(want, sizeof want, "%s line 3: expected 'Stanza:' or 'Key=Value'", path);
	assert_string_equal(err, want);

	/* a LogPath longer than inih's line buffer is still read whole */
	char text[4096], longpath[1100];
	memset(longpath, 'a', sizeof longpath);
	longpath[0] = '/';
	longpath[sizeof longpath - 1] = 0;
	snprintf(text, sizeof text, "#* %s\nLog:\n   LogPath=%s ; comment\n   LogPrimaryFiles=9\n",
		 longpath, longpath);
	assert_int_equal(load_qm(&c, text, path, sizeof path, err), QM_OK);
	assert_string_equal(c.log.path, longpath);
	assert_int_equal(c.log.primary_files, 9);

	/* a long line that is not Key=Value is an error naming its line */
	snprintf(text, sizeof text, "Log:\n   LogPrimaryFiles=4\n%s\n", longpath + 1);
	assert_int_equal(load_qm(&c, text, path, sizeof path, err), QM_EINVAL);
	snprintf(want, sizeof want, "%s line 3: line is too long", path);
	assert_memory_equal(err, want, strlen(want));
}

static void test_config__missing_file(void **state)
{
	(void)state;
	char dir[256], path[300], err[CFG_ERR_MAX], want[CFG_ERR_MAX + 300];
	struct qm_config c;
	fresh_dir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/qm.ini", dir);
	assert_int_equal(qm_config_load(&c, path, err, sizeof err), QM_ENOENT);
	snprintf(want, sizeof want, "cannot read %s: No such file or directory", path);
	assert_string_equal(err, want);
	struct mqs_ini m;
	assert_int_equal(mqs_load(&m, path, err, sizeof err), QM_ENOENT);
	assert_string_equal(err, want);
	mqs_release(&m);
}

static void test_config__qm_write_read(void **state)
{
	(void)state;
	char dir[256], path[300], err[CFG_ERR_MAX];
	struct qm_config c, d;
	fresh_dir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/qm.ini", dir);

	qm_config_init(&c);
	c.log.primary_files = 12;
	c.log.secondary_files = 8;
	c.log.file_pages = 1024;
	c.log.type = CFG_LOG_LINEAR;
	c.log.buffer_pages = 17;
	c.log.write_integrity = CFG_LWI_DOUBLE;
	c.log.management = CFG_LOG_AUTOMATIC;
	snprintf(c.log.path, sizeof c.log.path, "/var/mqm/log/QM!1/");
	c.error_log_size = 4 * 1024 * 1024;
	c.tuning.checkpoint_ops = 2500;
	c.tuning.checkpoint_seconds = 15;
	c.tuning.queue_buffer_size = 262144;
	assert_int_equal(qm_config_write(&c, path, "QM.1", err, sizeof err), QM_OK);

	/* MQ's layout exactly */
	char *text = read_all(path);
	assert_string_equal(text,
		"#* qm.ini of queue manager QM.1, written by Quire.\n"
		"#* Every key is described in samples/qm.ini.\n"
		"Log:\n"
		"   LogPrimaryFiles=12\n"
		"   LogSecondaryFiles=8\n"
		"   LogFilePages=1024\n"
		"   LogType=LINEAR\n"
		"   LogBufferPages=17\n"
		"   LogPath=/var/mqm/log/QM!1/\n"
		"   LogWriteIntegrity=DoubleWrite\n"
		"   LogManagement=Automatic\n"
		"\n"
		"QMErrorLog:\n"
		"   ErrorLogSize=4194304\n"
		"\n"
		"Tuning:\n"
		"   CheckpointOps=2500\n"
		"   CheckpointSeconds=15\n"
		"   QueueBufferSize=262144\n");
	free(text);

	assert_int_equal(qm_config_load(&d, path, err, sizeof err), QM_OK);
	assert_memory_equal(&c.log, &d.log, sizeof c.log);
	assert_int_equal(c.error_log_size, d.error_log_size);
	assert_memory_equal(&c.tuning, &d.tuning, sizeof c.tuning);
	assert_int_equal(d.warnings.n, 0);
	assert_int_equal(cfg_log_buffer_pages(d.log.buffer_pages), 18);

	/* a bad struct is refused and the file is left alone */
	c.log.secondary_files = 0;
	assert_int_equal(qm_config_write(&c, path, "QM.1", err, sizeof err), QM_EINVAL);
	assert_string_equal(err, "bad value '0' for LogSecondaryFiles in the Log stanza (allowed: 1 to 509)");
	assert_int_equal(qm_config_load(&d, path, err, sizeof err), QM_OK);
	assert_int_equal(d.log.secondary_files, 8);

	/* render into a too small buffer */
	char small[16];
	qm_config_init(&c);
	assert_int_equal(qm_config_render(&c, "QM1", small, sizeof small), QM_ETOOBIG);
	assert_int_equal(strlen(small), sizeof small - 1);
}

static void test_config__log_defaults_and_buffer_pages(void **state)
{
	(void)state;
	assert_int_equal(cfg_log_buffer_pages(0), 512);
	assert_int_equal(cfg_log_buffer_pages(1), 18);
	assert_int_equal(cfg_log_buffer_pages(17), 18);
	assert_int_equal(cfg_log_buffer_pages(18), 18);
	assert_int_equal(cfg_log_buffer_pages(4096), 4096);

	struct cfg_log def;
	struct qm_config c;
	cfg_log_init(&def);
	def.primary_files = 6;
	def.type = CFG_LOG_LINEAR;
	snprintf(def.path, sizeof def.path, "/var/mqm/log");
	qm_config_init(&c);
	snprintf(c.log.path, sizeof c.log.path, "/var/mqm/log/QM1/");
	qm_config_apply_log_defaults(&c, &def);
	assert_int_equal(c.log.primary_files, 6);
	assert_int_equal(c.log.type, CFG_LOG_LINEAR);
	assert_string_equal(c.log.path, "/var/mqm/log/QM1/");
}

static void test_config__data_root_and_paths(void **state)
{
	(void)state;
	char buf[PATH_MAX];
	char *old = getenv("MQ_DATA_PATH") ? strdup(getenv("MQ_DATA_PATH")) : NULL;

	unsetenv("MQ_DATA_PATH");
	assert_string_equal(cfg_data_root(), "/var/mqm");
	setenv("MQ_DATA_PATH", "", 1);
	assert_string_equal(cfg_data_root(), "/var/mqm");
	setenv("MQ_DATA_PATH", "/home/dev/mq", 1);
	assert_string_equal(cfg_data_root(), "/home/dev/mq");
	assert_int_equal(cfg_mqs_path(buf, sizeof buf), QM_OK);
	assert_string_equal(buf, "/home/dev/mq/mqs.ini");

	struct mqs_qmgr q = { 0 };
	snprintf(q.name, sizeof q.name, "QM.1");
	snprintf(q.prefix, sizeof q.prefix, "/home/dev/mq");
	snprintf(q.directory, sizeof q.directory, "QM!1");
	assert_int_equal(mqs_qmgr_data_dir(&q, buf, sizeof buf), QM_OK);
	assert_string_equal(buf, "/home/dev/mq/qmgrs/QM!1");
	snprintf(q.data_path, sizeof q.data_path, "/ha/qmgrs/QM!1");
	assert_int_equal(mqs_qmgr_data_dir(&q, buf, sizeof buf), QM_OK);
	assert_string_equal(buf, "/ha/qmgrs/QM!1");
	char ini[PATH_MAX];
	assert_int_equal(cfg_qm_ini_path(buf, ini, sizeof ini), QM_OK);
	assert_string_equal(ini, "/ha/qmgrs/QM!1/qm.ini");
	char tiny[8];
	assert_int_equal(cfg_qm_ini_path("/a/long/folder", tiny, sizeof tiny), QM_EINVAL);

	if (old) {
		setenv("MQ_DATA_PATH", old, 1);
		free(old);
	} else {
		unsetenv("MQ_DATA_PATH");
	}
}

static struct mqs_qmgr qm(const char *name, const char *prefix, const char *dir, const char *data)
{
	struct mqs_qmgr q;
	memset(&q, 0, sizeof q);
	snprintf(q.name, sizeof q.name, "%s", name);
	snprintf(q.prefix, sizeof q.prefix, "%s", prefix);
	snprintf(q.directory, sizeof q.directory, "%s", dir);
	snprintf(q.data_path, sizeof q.data_path, "%s", data);
	return q;
}

static void test_config__mqs_add_remove_default(void **state)
{
	(void)state;
	char root[256], path[300], err[CFG_ERR_MAX];
	struct mqs_ini m, r;
	fresh_dir(root, sizeof root);
	snprintf(path, sizeof path, "%s/mqs.ini", root);

	mqs_init(&m, root);
	struct mqs_qmgr a = qm("QM1", root, "QM1", "");
	struct mqs_qmgr b = qm("dev.qm", root, "dev!qm", "/srv/ha/qmgrs/dev!qm");
	assert_int_equal(mqs_add_qmgr(&m, &a), QM_OK);
	assert_int_equal(mqs_add_qmgr(&m, &b), QM_OK);
	assert_int_equal(mqs_add_qmgr(&m, &a), QM_EEXIST);
	struct mqs_qmgr bad = qm("QM3", "relative", "QM3", "");
	assert_int_equal(mqs_add_qmgr(&m, &bad), QM_EINVAL);
	bad = qm("QM3", root, "a/b", "");
	assert_int_equal(mqs_add_qmgr(&m, &bad), QM_EINVAL);
	bad = qm("", root, "x", "");
	assert_int_equal(mqs_add_qmgr(&m, &bad), QM_EINVAL);
	assert_int_equal(mqs_set_default(&m, "nope"), QM_ENOTFOUND);
	assert_int_equal(mqs_set_default(&m, "dev.qm"), QM_OK);
	m.log_defaults.primary_files = 5;
	m.log_defaults.type = CFG_LOG_LINEAR;
	assert_int_equal(mqs_save(&m, path, err, sizeof err), QM_OK);

	/* MQ's layout */
	char *text = read_all(path), want[4096];
	snprintf(want, sizeof want,
		 "#* mqs.ini: the queue managers of this machine, written by Quire.\n"
		 "#* Keys are described in samples/qm.ini.\n"
		 "AllQueueManagers:\n"
		 "   DefaultPrefix=%s\n"
		 "\n"
		 "LogDefaults:\n"
		 "   LogPrimaryFiles=5\n"
		 "   LogSecondaryFiles=2\n"
		 "   LogFilePages=4096\n"
		 "   LogType=LINEAR\n"
		 "   LogBufferPages=0\n"
		 "   LogDefaultPath=%s/log\n"
		 "   LogWriteIntegrity=TripleWrite\n"
		 "   LogManagement=Manual\n"
		 "\n"
		 "QueueManager:\n"
		 "   Name=QM1\n"
		 "   Prefix=%s\n"
		 "   Directory=QM1\n"
		 "\n"
		 "QueueManager:\n"
		 "   Name=dev.qm\n"
		 "   Prefix=%s\n"
		 "   Directory=dev!qm\n"
		 "   DataPath=/srv/ha/qmgrs/dev!qm\n"
		 "\n"
		 "DefaultQueueManager:\n"
		 "   Name=dev.qm\n", root, root, root, root);
	assert_string_equal(text, want);
	free(text);

	assert_int_equal(mqs_load(&r, path, err, sizeof err), QM_OK);
	assert_int_equal(r.nqmgrs, 2);
	assert_string_equal(r.default_prefix, root);
	assert_string_equal(r.default_qmgr, "dev.qm");
	assert_memory_equal(&r.log_defaults, &m.log_defaults, sizeof r.log_defaults);
	const struct mqs_qmgr *f = mqs_find(&r, "dev.qm");
	assert_non_null(f);
	assert_string_equal(f->prefix, root);
	assert_string_equal(f->directory, "dev!qm");
	assert_string_equal(f->data_path, "/srv/ha/qmgrs/dev!qm");
	assert_int_equal(f->line, 21);
	assert_null(mqs_find(&r, "DEV.QM"));   /* names are case-sensitive */
	assert_int_equal(r.warnings.n, 0);

	/* removing the default clears it */
	assert_int_equal(mqs_remove_qmgr(&r, "dev.qm"), QM_OK);
	assert_int_equal(mqs_remove_qmgr(&r, "dev.qm"), QM_ENOTFOUND);
	assert_string_equal(r.default_qmgr, "");
	assert_int_equal(mqs_save(&r, path, err, sizeof err), QM_OK);
	mqs_release(&r);
	assert_int_equal(mqs_load(&r, path, err, sizeof err), QM_OK);
	assert_int_equal(r.nqmgrs, 1);
	assert_string_equal(r.qmgrs[0].name, "QM1");
	assert_string_equal(r.default_qmgr, "");
	text = read_all(path);
	assert_null(strstr(text, "DefaultQueueManager"));
	assert_null(strstr(text, "dev.qm"));
	free(text);
	assert_int_equal(mqs_set_default(&r, "QM1"), QM_OK);
	assert_int_equal(mqs_set_default(&r, NULL), QM_OK);
	assert_string_equal(r.default_qmgr, "");
	mqs_release(&r);
	mqs_release(&m);
	mqs_release(&m);   /* twice is harmless */
}

static void test_config__mqs_foreign_content_kept(void **state)
{
	(void)state;
	/* an mqs.ini as MQ writes it, with stanzas and keys we do not use */
	const char *text =
		"#*******************************************************************#\n"
		"#* Module Name: mqs.ini                                            *#\n"
		"#*******************************************************************#\n"
		"AllQueueManagers:\n"
		"   DefaultPrefix=/var/mqm\n"
		"   ConvEBCDICNewline=NL_TO_LF\n"
		"\n"
		"ClientExitPath:\n"
		"   ExitsDefaultPath=/var/mqm/exits\n"
		"   ExitsDefaultPath64=/var/mqm/exits64\n"
		"\n"
		"LogDefaults:\n"
		"   LogDefaultPath=/var/mqm/log\n"
		"\n"
		"QueueManager:\n"
		"   Name=QMA\n"
		"   Prefix=/var/mqm\n"
		"   Directory=QMA\n"
		"   InstallationName=Installation1\n"
		"\n"
		"DefaultQueueManager:\n"
		"   Name=QMA\n";
	char root[256], path[300], err[CFG_ERR_MAX];
	struct mqs_ini m, r;
	fresh_dir(root, sizeof root);
	snprintf(path, sizeof path, "%s/mqs.ini", root);
	write_text(path, text);
	assert_int_equal(mqs_load(&m, path, err, sizeof err), QM_OK);
	assert_string_equal(m.default_prefix, "/var/mqm");
	assert_string_equal(m.log_defaults.path, "/var/mqm/log");
	assert_int_equal(m.log_defaults.primary_files, 3);
	assert_int_equal(m.nqmgrs, 1);
	assert_string_equal(m.default_qmgr, "QMA");
	assert_int_equal(m.warnings.n, 3);
	assert_int_equal(m.warnings.w[0].line, 6);
	assert_string_equal(m.warnings.w[0].key, "ConvEBCDICNewline");
	assert_int_equal(m.warnings.w[1].line, 8);
	assert_string_equal(m.warnings.w[1].stanza, "ClientExitPath");
	assert_string_equal(m.warnings.w[1].key, "");
	assert_int_equal(m.warnings.w[2].line, 19);
	assert_string_equal(m.warnings.w[2].key, "InstallationName");

	/* add a queue manager and write back: the foreign lines survive */
	struct mqs_qmgr b = qm("QMB", "/var/mqm", "QMB", "");
	assert_int_equal(mqs_add_qmgr(&m, &b), QM_OK);
	assert_int_equal(mqs_save(&m, path, err, sizeof err), QM_OK);
	char *out = read_all(path);
	assert_non_null(strstr(out, "   DefaultPrefix=/var/mqm\n   ConvEBCDICNewline=NL_TO_LF\n"));
	assert_non_null(strstr(out, "\nClientExitPath:\n   ExitsDefaultPath=/var/mqm/exits\n"
			       "   ExitsDefaultPath64=/var/mqm/exits64\n"));
	assert_non_null(strstr(out, "   Directory=QMA\n   InstallationName=Installation1\n"));
	free(out);
	assert_int_equal(mqs_load(&r, path, err, sizeof err), QM_OK);
	assert_int_equal(r.nqmgrs, 2);
	assert_int_equal(r.warnings.n, 3);
	assert_string_equal(r.qmgrs[0].extra, "   InstallationName=Installation1\n");
	assert_null(r.qmgrs[1].extra);
	mqs_release(&r);
	mqs_release(&m);
}

static void test_config__mqs_errors(void **state)
{
	(void)state;
	static const struct { const char *text, *msg; } cases[] = {
		{ "QueueManager:\n   Name=QM1\n   Prefix=/var/mqm\n",
		  "line 1: the QueueManager stanza has no Directory key" },
		{ "QueueManager:\n   Prefix=/var/mqm\n   Directory=QM1\n",
		  "line 1: the QueueManager stanza has no Name key" },
		{ "LogDefaults:\n   LogType=LINEAR\nQueueManager:\n   Name=QM1\n   Directory=QM1\n",
		  "line 3: the QueueManager stanza has no Prefix key" },
		{ "QueueManager:\n   Name=QM1\n   Prefix=/a\n   Directory=QM1\n"
		  "QueueManager:\n   Name=QM1\n   Prefix=/a\n   Directory=QM1.000\n",
		  "line 5: queue manager QM1 is listed twice (first at line 1)" },
		{ "QueueManager:\n   Name=QM1\n   Prefix=var/mqm\n",
		  "line 3: bad value 'var/mqm' for Prefix in the QueueManager stanza (allowed: an absolute path)" },
		{ "QueueManager:\n   Name=QM1\n   DataPath=here\n",
		  "line 3: bad value 'here' for DataPath in the QueueManager stanza (allowed: an absolute path)" },
		{ "QueueManager:\n   Directory=../x\n",
		  "line 2: bad value '../x' for Directory in the QueueManager stanza "
		  "(allowed: a folder name of 1 to 63 characters without '/')" },
		{ "QueueManager:\n   Name=A23456789012345678901234567890123456789012345678X\n",
		  "line 2: bad value 'A23456789012345678901234567890123456789012345678X' for Name in the "
		  "QueueManager stanza (allowed: 1 to 48 characters)" },
		{ "DefaultQueueManager:\n   Name=\n",
		  "line 2: bad value '' for Name in the DefaultQueueManager stanza (allowed: 1 to 48 characters)" },
		{ "AllQueueManagers:\n   DefaultPrefix=mq\n",
		  "line 2: bad value 'mq' for DefaultPrefix in the AllQueueManagers stanza (allowed: an absolute path)" },
		{ "LogDefaults:\n   LogFilePages=1\n",
		  "line 2: bad value '1' for LogFilePages in the LogDefaults stanza (allowed: 64 to 65535)" },
		{ "LogDefaults:\n   LogDefaultPath=log\n",
		  "line 2: bad value 'log' for LogDefaultPath in the LogDefaults stanza "
		  "(allowed: an absolute path of at most 4095 bytes)" },
		{ "LogDefaults:\n   LogSecondaryFiles=1\n   logprimaryfiles=2\n   LogType=LINEAR\n"
		  "   LogSecondaryFiles=509\n",
		  "line 5: LogPrimaryFiles=2 plus LogSecondaryFiles=509 makes 511 log files" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char root[256], path[300], err[CFG_ERR_MAX], want[CFG_ERR_MAX + 300];
		struct mqs_ini m;
		fresh_dir(root, sizeof root);
		snprintf(path, sizeof path, "%s/mqs.ini", root);
		write_text(path, cases[i].text);
		int rc = mqs_load(&m, path, err, sizeof err);
		if (i == sizeof cases / sizeof cases[0] - 1) {
			/* 2 + 509 = 511 is allowed */
			assert_int_equal(rc, QM_OK);
			mqs_release(&m);
			continue;
		}
		snprintf(want, sizeof want, "%s %s", path, cases[i].msg);
		if (rc != QM_EINVAL || strcmp(err, want) != 0)
			fail_msg("case %zu: rc %d\n got: %s\nwant: %s", i, rc, err, want);
		assert_int_equal(m.nqmgrs, 0);
		assert_null(m.qmgrs);
		mqs_release(&m);
	}

	/* the cross-field rule in LogDefaults, with its line */
	char root[256], path[300], err[CFG_ERR_MAX], want[CFG_ERR_MAX + 300];
	struct mqs_ini m;
	fresh_dir(root, sizeof root);
	snprintf(path, sizeof path, "%s/mqs.ini", root);
	write_text(path, "LogDefaults:\n   LogPrimaryFiles=400\n   LogSecondaryFiles=200\n");
	assert_int_equal(mqs_load(&m, path, err, sizeof err), QM_EINVAL);
	snprintf(want, sizeof want, "%s line 3: LogPrimaryFiles=400 plus LogSecondaryFiles=200 makes 600 "
		 "log files in the LogDefaults stanza (allowed: 3 to 511 in total)", path);
	assert_string_equal(err, want);
	mqs_release(&m);
}

static void test_config__mqs_defaults_from_root(void **state)
{
	(void)state;
	char root[256], path[300], err[CFG_ERR_MAX], want[400];
	struct mqs_ini m;
	fresh_dir(root, sizeof root);
	snprintf(path, sizeof path, "%s/mqs.ini", root);
	write_text(path, "QueueManager:\n   Name=QM1\n   Prefix=/x\n   Directory=QM1\n");
	assert_int_equal(mqs_load(&m, path, err, sizeof err), QM_OK);
	assert_string_equal(m.default_prefix, root);
	snprintf(want, sizeof want, "%s/log", root);
	assert_string_equal(m.log_defaults.path, want);
	assert_int_equal(m.log_defaults.file_pages, 4096);
	mqs_release(&m);
}

static void test_config__mqs_lock(void **state)
{
	(void)state;
	char root[256];
	int a, b;
	fresh_dir(root, sizeof root);
	assert_int_equal(mqs_lock(root, &a), QM_OK);
	/* a second open file description cannot take it while the first holds it */
	char lk[300];
	snprintf(lk, sizeof lk, "%s/mqs.ini.lck", root);
	int fd = open(lk, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), -1);
	mqs_unlock(a);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	close(fd);
	assert_int_equal(mqs_lock(root, &b), QM_OK);
	mqs_unlock(b);
	char missing[300];
	snprintf(missing, sizeof missing, "%s/no/such", root);
	assert_int_equal(mqs_lock(missing, &b), QM_ENOENT);
}

/* A process that holds the data folder's lock the way a probe does (dspmq's
 * qmgr_is_running: shared, for an instant) or the way a queue manager does
 * (exclusive, for good), until it is told to let go or for ms; the parent
 * returns once it holds it. */
static pid_t hold_lock(const char *dir, int how, int ms)
{
	int pf[2];
	assert_int_equal(pipe(pf), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(dir, O_RDONLY | O_DIRECTORY);
		if (fd < 0 || flock(fd, how | LOCK_NB) != 0)
			_exit(1);
		char b = 'L';
		if (write(pf[1], &b, 1) != 1)
			_exit(1);
		struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
		nanosleep(&t, NULL);
		_exit(0);
	}
	close(pf[1]);
	char b;
	assert_int_equal(read(pf[0], &b, 1), 1);
	close(pf[0]);
	return pid;
}

static long since_ms(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* strmqm meeting dspmq's probe must not say "running" (AMQ7005E) of a queue
 * manager that is not: qmgr_lock waits out a shared lock held for a moment;
 * a queue manager's exclusive lock still refuses it, within its 250 ms. */
static void test_config__qmgr_lock_waits_out_a_probe(void **state)
{
	(void)state;
	struct qm_paths p;
	memset(&p, 0, sizeof p);
	fresh_dir(p.data_dir, sizeof p.data_dir);
	int fd, st;
	pid_t probe = hold_lock(p.data_dir, LOCK_SH, 60);
	assert_int_equal(qmgr_lock(&p, &fd), QM_OK);
	assert_int_equal(waitpid(probe, &st, 0), probe);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	qmgr_unlock(fd);
	pid_t qmgr = hold_lock(p.data_dir, LOCK_EX, 2000);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(qmgr_lock(&p, &fd), QM_ELOCKED);
	assert_true(since_ms(&t0) < 1000);
	assert_true(qmgr_is_running(&p));   /* what dspmq and strmqm see of it */
	kill(qmgr, SIGKILL);
	waitpid(qmgr, &st, 0);
	assert_int_equal(qmgr_lock(&p, &fd), QM_OK);
	qmgr_unlock(fd);
}

/* samples/qm.ini, the commented reference, reads cleanly and shows the defaults. */
static void test_config__sample_file(void **state)
{
	(void)state;
	char path[PATH_MAX], err[CFG_ERR_MAX];
	const char *me = __FILE__;        /* "<repo>/tests/unit/test_config.c" */
	const char *tail = strstr(me, "tests/unit/test_config.c");
	assert_non_null(tail);
	snprintf(path, sizeof path, "%.*ssamples/qm.ini", (int)(tail - me), me);
	struct qm_config c, d;
	int rc = qm_config_load(&c, path, err, sizeof err);
	if (rc)
		fail_msg("%s", err);
	assert_int_equal(c.warnings.n, 0);
	qm_config_init(&d);
	snprintf(d.log.path, sizeof d.log.path, "/var/mqm/log/QM1/");
	assert_memory_equal(&c.log, &d.log, sizeof c.log);
	assert_int_equal(c.error_log_size, d.error_log_size);
	assert_memory_equal(&c.tuning, &d.tuning, sizeof c.tuning);
}

/* inih's "[QueueManager]" is no stanza of ours: its keys are refused, not
 * written before the first queue manager (there was none: qmgrs[-1]). */
static void test_config__bracket_stanza_refused(void **state)
{
	(void)state;
	char dir[4096], path[4200], err[1024];
	fresh_dir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/mqs.ini", dir);
	write_text(path, "[QueueManager]\nName=X\nDirectory=X\n");
	struct mqs_ini m;
	assert_int_equal(mqs_load(&m, path, err, sizeof err), QM_EINVAL);
	assert_non_null(strstr(err, "line 2: key 'Name' is not in a 'QueueManager:' stanza"));
	mqs_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config__defaults),
		cmocka_unit_test(test_config__every_key_read),
		cmocka_unit_test(test_config__case_insensitive),
		cmocka_unit_test(test_config__lenient_layout),
		cmocka_unit_test(test_config__bad_values),
		cmocka_unit_test(test_config__range_edges_accepted),
		cmocka_unit_test(test_config__cross_field),
		cmocka_unit_test(test_config__unknown_warned),
		cmocka_unit_test(test_config__many_warnings_counted),
		cmocka_unit_test(test_config__syntax_and_long_lines),
		cmocka_unit_test(test_config__missing_file),
		cmocka_unit_test(test_config__qm_write_read),
		cmocka_unit_test(test_config__log_defaults_and_buffer_pages),
		cmocka_unit_test(test_config__data_root_and_paths),
		cmocka_unit_test(test_config__mqs_add_remove_default),
		cmocka_unit_test(test_config__mqs_foreign_content_kept),
		cmocka_unit_test(test_config__mqs_errors),
		cmocka_unit_test(test_config__mqs_defaults_from_root),
		cmocka_unit_test(test_config__mqs_lock),
		cmocka_unit_test(test_config__qmgr_lock_waits_out_a_probe),
		cmocka_unit_test(test_config__sample_file),
		cmocka_unit_test(test_config__bracket_stanza_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
