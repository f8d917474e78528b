/*
 * dmpmqlog: format and print the recovery log of a queue manager.
 *
 *   dmpmqlog [-b | -s StartLSN | -n ExtentNumber] [-e EndLSN] [-f LogFilePath] [-m QMgrName]
 *
 *   -b   start at the base LSN (the start of the extent holding the head)
 *   -s   start at an LSN nnnn:nnnn:nnnn:nnnn
 *   -n   start at extent number 0-9999999 (linear logs only)
 *   -e   stop before the record at this LSN
 *   -f   the log folder (holding amqhlctl.lfh and active/)
 *   -m   the queue manager whose log to dump (its qm.ini Log stanza gives the path)
 * With no start option it starts at the head: the oldest record needed for restart.
 *
 * Exit status: 0 the log was printed to its end; 1 bad arguments; 2 the log
 * could not be read or is damaged (the message names the extent, offset and LSN).
 * It reads the files directly and takes no lock; run it while the queue
 * manager is stopped for a consistent picture.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log/logread.h"
#include "log/qmerr.h"
#include "objects/names.h"
#include "objects/objdef.h"
#include "qm/home/cmdout.h"
#include "qm/store/qmlog.h"
#include "qm/home/qmgr.h"

static void usage(void)
{
	fprintf(stderr, "Usage: dmpmqlog [-b | -s StartLSN | -n ExtentNumber] [-e EndLSN] [-f LogFilePath] [-m QMgrName]\n");
}

static void hexdump(const uint8_t *d, size_t n, size_t max)
{
	size_t shown = n < max ? n : max;
	for (size_t off = 0; off < shown; off += 16) {
		printf("  %08zx  ", off);
		for (size_t i = 0; i < 16; i++) {
			if (off + i < shown)
				printf("%02x%s", d[off + i], i == 7 ? "  " : " ");
			else
				printf("   %s", i == 7 ? " " : "");
		}
		printf(" |");
		for (size_t i = 0; i < 16 && off + i < shown; i++)
			putchar(d[off + i] >= 0x20 && d[off + i] < 0x7f ? d[off + i] : '.');
		printf("|\n");
	}
	if (shown < n)
		printf("  ... %zu more bytes\n", n - shown);
}

static void print_header(const struct logctl *c, const struct log_reader_end *end)
{
	char b1[20], b2[20], name[16];
	uint64_t extsz = (uint64_t)c->pages * LOG_PAGE;
	uint64_t base = c->head_seq * extsz + LOG_PAGE;
	long head = logctl_fileno(c, c->head_seq);
	printf("LOG FILE HEADER\n");
	printf("***************\n\n");
	printf("logactive ...... %u\n", c->primary);
	printf("loginactive .... %u\n", c->secondary);
	printf("logsize ........ %u pages (4 KB each)\n", c->pages);
	printf("baselsn ........ <%s>\n", log_lsn_str(base, b1));
	printf("headlsn ........ <%s>\n", log_lsn_str(c->restart_lsn ? c->restart_lsn : base, b1));
	printf("tailsn ......... <%s>\n", log_lsn_str(end->last_lsn, b1));
	printf("nextlsn ........ <%s>\n", log_lsn_str(end->end_lsn, b2));
	printf("hflag1 ......... %s\n", c->type == LOG_CIRCULAR ? "CIRCULAR" : "LOG RETAIN");
	if (c->type == LOG_LINEAR) {
		static const char *mg[] = { "Manual", "Automatic", "Archive" };
		printf("LogManagement .. %s\n", mg[c->mgmt]);
		printf("medialsn ....... <%s>\n", log_lsn_str(c->media_lsn, b1));
	}
	log_extent_name(head < 0 ? 0 : (uint32_t)head, name);
	printf("HeadExtentID ... %ld (%s)\n", head, name);
	printf("Extents ........ %llu in use, %llu created, %llu reused, %llu deleted\n",
	       (unsigned long long)(c->cur_seq - c->head_seq + 1), (unsigned long long)c->n_created,
	       (unsigned long long)c->n_reused, (unsigned long long)c->n_deleted);
	if (end->cut_lsn)
		printf("Incomplete tail  %llu bytes at <%s> will be cut off at the next start: %s\n",
		       (unsigned long long)end->cut_bytes, log_lsn_str(end->cut_lsn, b1), end->cut_why);
	printf("\n");
}

/* The definition in MQSC form, wrapped under the record (the constants of
 * features Quire lacks are in no record: not shown). */
static void print_attrs(const struct objdef *def)
{
	char val[1100], item[1200];
	int col = 0;
	for (size_t i = 0; i < objdef_attr_count(); i++) {
		const struct objdef_attr *a = objdef_attr_at(i);
		if (!objdef_attr_has(a, def->type) || (a->flags & OBJDEF_F_CONST) ||
		    objdef_attr_text(def, a, val, sizeof val) < 0)
			continue;
		if (a->kw_off)
			snprintf(item, sizeof item, "%s", val);
		else
			snprintf(item, sizeof item, "%s(%s)", a->kw, val);
		int len = (int)strlen(item);
		if (col && col + 1 + len > 100) {
			printf("\n");
			col = 0;
		}
		printf("%s%s", col ? " " : "  ", item);
		col += len + (col ? 1 : 2);
	}
	if (col)
		printf("\n");
}

static void print_record(const struct log_record *r)
{
	char b[20], name[16];
	const struct log_rec_hdr *h = &r->hdr;
	printf("LOG RECORD - LSN <%s>\n", log_lsn_str(h->lsn, b));
	printf("**********\n");
	printf("LogRecdType . . : %s (%u)\n", log_rec_type_name(h->type), h->type);
	printf("PrevLSN . . . . : <%s>\n", log_lsn_str(h->prev, b));
	if (h->uow)
		printf("XTranid . . . . : TranType: MQI  UOW 0x%016llx\n", (unsigned long long)h->uow);
	else
		printf("XTranid . . . . : NULL\n");
	printf("ObjectId  . . . : 0x%016llx\n", (unsigned long long)h->obj);
	log_extent_name(r->fileno, name);
	printf("Extent  . . . . : %s offset %llu\n", name, (unsigned long long)r->offset);
	printf("Length  . . . . : %zu bytes in %u part%s%s\n", r->len, r->parts, r->parts == 1 ? "" : "s",
	       h->flags & LOG_F_LZ4 ? " (lz4)" : "");
	if (h->type == LOG_REC_OBJ_CREATE || h->type == LOG_REC_OBJ_ALTER) {
		struct objdef def;
		char err[256];
		if (objdef_decode(r->data, r->len, &def, err, sizeof err) == 0) {
			printf("Object  . . . . : %s %s\n", objdef_type_name(def.type), def.name);
			print_attrs(&def);
			printf("\n");
			return;
		} else
			printf("Object  . . . . : (definition does not decode: %s)\n", err);
	}
	char what[512];
	int drc = qmlog_describe(h->type, r->data, r->len, what, sizeof what);
	if (what[0])
		printf("Summary . . . . : %s%s\n", what, drc ? " (payload does not decode)" : "");
	if (r->len)
		hexdump(r->data, r->len, 64);
	printf("\n");
}

int main(int argc, char **argv)
{
	struct log_reader_opts o = { .start = LOG_START_HEAD, .logical = 1 };
	const char *path = NULL, *qm = NULL;
	int starts = 0, c;
	opterr = 0;
	while ((c = getopt(argc, argv, "bs:n:e:f:m:")) != -1) {
		switch (c) {
		case 'b':
			o.start = LOG_START_BASE;
			starts++;
			break;
		case 's':
			if (log_lsn_parse(optarg, &o.lsn)) {
				fprintf(stderr, "dmpmqlog: start LSN '%s' is not of the form nnnn:nnnn:nnnn:nnnn\n", optarg);
				return 1;
			}
			o.start = LOG_START_LSN;
			starts++;
			break;
		case 'n': {
			char *end;
			errno = 0;
			unsigned long n = strtoul(optarg, &end, 10);
			if (*optarg == 0 || *end || errno || n > 9999999) {
				fprintf(stderr, "dmpmqlog: extent number '%s' must be 0-9999999\n", optarg);
				return 1;
			}
			o.start = LOG_START_EXTENT;
			o.extent = (uint32_t)n;
			starts++;
			break;
		}
		case 'e':
			if (log_lsn_parse(optarg, &o.end_lsn)) {
				fprintf(stderr, "dmpmqlog: end LSN '%s' is not of the form nnnn:nnnn:nnnn:nnnn\n", optarg);
				return 1;
			}
			break;
		case 'f':
			path = optarg;
			break;
		case 'm':
			qm = optarg;
			break;
		default:
			if (optopt && strchr("snefm", optopt))
				fprintf(stderr, "dmpmqlog: flag -%c needs a value\n", optopt);
			else
				fprintf(stderr, "dmpmqlog: unknown flag -%c\n", optopt ? optopt : '?');
			usage();
			return 1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "dmpmqlog: unexpected argument '%s'\n", argv[optind]);
		usage();
		return 1;
	}
	if (starts > 1) {
		fprintf(stderr, "dmpmqlog: give only one of -b, -s and -n\n");
		usage();
		return 1;
	}
	struct qm_paths qp;
	if (!path && qm) {
		char err[1024];
		int rc = qmgr_locate(qm, &qp, err, sizeof err);
		if (rc == QM_ENOTFOUND) {
			/* AMQ7048, then which naming rule the name breaks or, for
			 * a valid name, why it is not known (not in mqs.ini) */
			cmd_qmgr_unknown("dmpmqlog", qm);
			if (names_check(qm, NULL, 0) == QM_OK)
				fprintf(stderr, "dmpmqlog: %s\n", err);
			return 2;
		}
		if (rc) {
			fprintf(stderr, "dmpmqlog: %s\n", err);
			return 2;
		}
		path = qp.log_dir;
	}
	if (!path) {
		fprintf(stderr, "dmpmqlog: give the log with -f LogFilePath or the queue manager with -m QMgrName\n");
		usage();
		return 1;
	}
	char why[512];
	struct log_reader *r;
	/* the header needs the end of the log: a first pass finds it */
	struct log_reader_opts ho = { .start = LOG_START_HEAD };
	int rc = log_reader_open(path, &ho, &r, why, sizeof why);
	if (rc) {
		fprintf(stderr, "dmpmqlog: %s\n", why);
		return 2;
	}
	struct log_reader_end end;
	rc = log_reader_end(r, &end);
	if (rc) {
		fprintf(stderr, "dmpmqlog: %s\n", log_reader_error(r));
		log_reader_close(r);
		return 2;
	}
	print_header(log_reader_ctl(r), &end);
	log_reader_close(r);
	rc = log_reader_open(path, &o, &r, why, sizeof why);
	if (rc) {
		fprintf(stderr, "dmpmqlog: %s\n", why);
		return 2;
	}
	struct log_record rec;
	unsigned long n = 0;
	while ((rc = log_reader_next(r, &rec)) == 1) {
		print_record(&rec);
		n++;
	}
	if (rc < 0) {
		fflush(stdout);
		fprintf(stderr, "dmpmqlog: %s\n", log_reader_error(r));
		log_reader_close(r);
		return 2;
	}
	log_reader_end(r, &end);
	char b[20];
	printf("%lu log records formatted; next LSN <%s>\n", n, log_lsn_str(end.end_lsn, b));
	log_reader_close(r);
	return 0;
}
