/*
 * gen_seeds: writes the seed corpora of tests/fuzz/ from the real encoders.
 *
 *   build/fuzz/gen_seeds tests/fuzz/corpus     (make fuzz-seeds)
 *
 * mqsc/    MQSC scripts: every verb and object type (topics and DISPLAY TPSTATUS
 *          too), continuations, comments, quoted values, generic names
 * mqscexec/ the same scripts, and one that defines, alters, displays and
 *          deletes every kind of object (fuzz_mqscexec)
 * logrec/  one record each as the log writes it (logrec_encode): a put with
 *          random (incompressible) and with repeating (lz4) data, a get, a
 *          clear, a backout count, a checkpoint begin, a queue definition
 * logread/ records appended by the log itself (log_append, log_flush) to a
 *          log made as fuzz_logread makes its own (fuzz_log_create), cut out
 *          with the fuzz_logread offset word in front: from the start of the
 *          log (read record by record, and logically with PADs), and across
 *          the end of the first extent into the second; some with the bit
 *          that makes fuzz_logread fix LSNs and checksums
 * frames/  application sessions as libmqm sends them (qm/proto.h): CONN,
 *          OPEN of FUZZ.Q1, PUT under syncpoint, CMIT, GET, INQ, SET, CLOSE,
 *          DISC; a PUT1 session; a browse session; runmqsc's and endmqm's
 *          frames
 * chlopen/ a TCP client's bytes (fuzz_chlopen): CHLOPEN then an MQI session,
 *          the small channel's put over MAXMSGL and a waiting get, CHLOPEN's
 *          refusals, a frame before CHLOPEN, an administrative request,
 *          and first bytes not ours (TSH, a TLS ClientHello, text)
 * mqai/    PCF messages as mqBufferToBag reads them (fuzz_mqai): an MQCFH alone,
 *          one of every parameter structure (MQCFIN, MQCFST, MQCFIL, MQCFSL,
 *          MQCFBS, MQCFIN64, MQCFIL64, MQCFIF, MQCFSF, MQCFBF) and groups
 *          (MQCFGR) nested in groups, written field by field (cmqcfc.h)
 * convert/ messages of MQ's own formats as fuzz_convert reads them (four
 *          bytes: format, CCSIDs and encodings, then the data): MQDLH and a
 *          string, MQXQH with MQMDE and MQWIH, MQRFH2 with MQRFH, MQCIH,
 *          MQIIH with IMS variable strings, MQDH with its records, MQRMH, a
 *          PCF event of every parameter type, MQTM
 * The same program always writes the same files (fixed seeds; the log's
 * random epoch is set to 1 in the records cut out, checksums made again).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmqc.h"
#include "cmqcfc.h"
#include "log/log.h"
#include "log/logrec.h"
#include "objects/objdef.h"
#include "qm/proto.h"
#include "qm/store/qmlog.h"
#include "tests/fuzz/fuzz.h"
/* libmqm's MQRFH2 encoder (only libc), for the rfh2 seeds */
#include "qm/mqi/proplist.c"
#include "qm/mqi/rfh2.c"

static const char *root;

static void out(const char *dir, const char *name, const void *p, size_t n)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", root, dir);
	mkdir(path, 0777);
	snprintf(path, sizeof path, "%s/%s/%s", root, dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		perror(path);
		exit(1);
	}
}

/* ---- mqsc ---- */

static void mqsc(void)
{
	static const char *const s[][2] = {
		{ "define", "DEFINE QLOCAL(APP.Q) DESCR('An application''s queue') MAXDEPTH(5000) DEFPSIST(YES)\n" },
		{ "alter", "ALTER QLOCAL(APP.Q) PUT(DISABLED) TRIGGER TRIGTYPE(DEPTH) TRIGDPTH(10) -\n  TRIGDATA('x')\n" },
		{ "alias", "DEF QA(APP.ALIAS) TARGET(APP.Q) REPLACE\nDEF QM(APP.MODEL) DEFTYPE(PERMDYN) +\n   LIKE(SYSTEM.DEFAULT.MODEL.QUEUE)\n" },
		{ "display", "* comment line\nDISPLAY QUEUE(APP.*) TYPE(QLOCAL) CURDEPTH MAXDEPTH\nDIS QMGR ALL\nDIS Q(*) ALL\n" },
		{ "delete", "DELETE QLOCAL(APP.Q) PURGE\nDELETE QALIAS(APP.ALIAS)\nEND\n" },
		{ "qmgr", "ALTER QMGR DESCR('test') DEADQ(SYSTEM.DEAD.LETTER.QUEUE) MAXMSGL(4194304)\r\n" },
		{ "topic", "DEFINE TOPIC(SPORTS) TOPICSTR('sports') DEFPRTY(5) PUB(DISABLED)\n"
			   "DEFINE TOPIC(FB) TOPICSTR('sports/football/#/+') LIKE(SPORTS) DURSUB(NO) CAPEXPRY(60)\n"
			   "DEFINE TOPIC(DUP) TOPICSTR('sports')\nALTER TOPIC(SPORTS) TOPICSTR('x')\n"
			   "DEFINE TOPIC(SPORTS) REPLACE MDURMDL(SYSTEM.DURABLE.MODEL.QUEUE)\n"
			   "DISPLAY TOPIC(*) TYPE(LOCAL) ALL\nDIS TPSTATUS('sports/+') DEFPRTY WHERE(DURSUB EQ NO)\n"
			   "DISPLAY TPSTATUS('#') TYPE(TOPIC)\nDELETE TOPIC(FB)\nDELETE TOPIC(SYSTEM.BASE.TOPIC)\n"
			   "DIS TPS('#')\n" },
	};
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		out("mqsc", s[i][0], s[i][1], strlen(s[i][1]));
		out("mqscexec", s[i][0], s[i][1], strlen(s[i][1]));
	}
	/* a whole life on the object store: the runtime of fuzz_mqscexec says a
	 * queue named ..BUSY.. is open and one named ..FULL.. holds messages */
	static const char life[] =
		"DEFINE QLOCAL(APP.Q) MAXDEPTH(10) DESCR('first')\n"
		"DEFINE QLOCAL(APP.Q) REPLACE MAXDEPTH(20)\n"
		"DEFINE QL(APP.BUSY) LIKE(APP.Q)\nDEFINE QL(APP.FULL)\n"
		"DEFINE QALIAS(APP.A) TARGET(APP.Q)\nDEFINE QMODEL(APP.M) DEFTYPE(TEMPDYN)\n"
		"DISPLAY QLOCAL(APP.*) ALL\nDISPLAY Q(*) CURDEPTH IPPROCS OPPROCS\n"
		"ALTER QL(APP.Q) GET(DISABLED) DESCR('second')\nALTER QMGR DESCR('fuzz') MAXMSGL(1048576)\n"
		"DELETE QL(APP.BUSY)\nDELETE QL(APP.FULL)\nDELETE QL(APP.FULL) PURGE\nDELETE QA(APP.A)\n"
		"DELETE QLOCAL(SYSTEM.DEFAULT.LOCAL.QUEUE)\nDIS QMGR\n";
	out("mqscexec", "life", life, sizeof life - 1);
}

/* ---- logrec ---- */

static uint64_t rnd = 88172645463325252ull;
static uint8_t next_byte(void)
{
	rnd ^= rnd << 13;
	rnd ^= rnd >> 7;
	rnd ^= rnd << 17;
	return (uint8_t)rnd;
}

static void record(const char *name, uint16_t type, const void *payload, size_t len)
{
	static uint8_t rec[LOG_REC_MAX];
	struct log_rec_hdr h = { .type = type, .lsn = 4096, .prev = 0, .uow = 0, .obj = 0 };
	int n = logrec_encode(rec, &h, payload, (uint32_t)len);
	if (n < 0) {
		fprintf(stderr, "logrec_encode %s: %d\n", name, n);
		exit(1);
	}
	out("logrec", name, rec, (size_t)n);
}

static void logrec(void)
{
	static uint8_t buf[LOG_PART_MAX], data[2000];
	struct objfile_msg m = { .seq = 7, .put_lsn = 4096, .put_time_ms = 1700000000000, .expiry_ms = -1,
				 .priority = 4, .persistence = 1, .data_len = sizeof data };
	memset(m.msgid, 0x41, sizeof m.msgid);
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = next_byte();
	int n = qmlog_enc_put(buf, sizeof buf, "DEV.QUEUE.1", &m, data);
	record("put-random", LOG_REC_MSG_PUT, buf, (size_t)n);
	memset(data, 'z', sizeof data);
	n = qmlog_enc_put(buf, sizeof buf, "DEV.QUEUE.1", &m, data);
	record("put-lz4", LOG_REC_MSG_PUT, buf, (size_t)n);
	n = qmlog_enc_get(buf, sizeof buf, "DEV.QUEUE.1", 4096);
	record("get", LOG_REC_MSG_GET, buf, (size_t)n);
	n = qmlog_enc_clear(buf, sizeof buf, "DEV.QUEUE.1");
	record("clear", LOG_REC_Q_CLEAR, buf, (size_t)n);
	n = qmlog_enc_bocnt(buf, sizeof buf, "DEV.QUEUE.1", 4096, 2);
	record("bocnt", LOG_REC_BACKOUT_CNT, buf, (size_t)n);
	n = qmlog_enc_ckpt_begin(buf, sizeof buf, 1700000000000);
	record("ckpt-begin", LOG_REC_CKPT_BEGIN, buf, (size_t)n);
	struct objdef def;
	char err[256];
	size_t len;
	if (objdef_init_default(OBJDEF_QLOCAL, &def) || objdef_set_name(&def, "DEV.QUEUE.1", err, sizeof err) ||
	    objdef_encode(&def, buf, sizeof buf, &len)) {
		fprintf(stderr, "objdef\n");
		exit(1);
	}
	record("obj-create", LOG_REC_OBJ_CREATE, buf, len);
}

/* ---- logread ---- */

#define SPAN (2u * FUZZ_LOG_BODY)
static uint8_t span[SPAN];

static uint64_t span_at(uint64_t lsn)
{
	return lsn / FUZZ_LOG_EXT * FUZZ_LOG_BODY + lsn % FUZZ_LOG_EXT - 4096u;
}

static void die(const char *what)
{
	fprintf(stderr, "gen_seeds: %s\n", what);
	exit(1);
}

static uint64_t append(struct log *lg, uint16_t type, uint64_t uow, const void *p, size_t n)
{
	struct log_rec r = { .type = type, .uow = uow, .obj = 0, .data = p, .len = n };
	uint64_t lsn;
	if (log_append(lg, &r, &lsn, NULL))
		die("log_append");
	return lsn;
}

/* The records of the log in dir from LSN from, with the offset word w in front. */
static void cut(const char *dir, const char *name, uint64_t from, uint32_t w)
{
	for (int e = 0; e < 2; e++) {
		char path[4200];
		snprintf(path, sizeof path, "%s/active/S%07d.LOG", dir, e);
		FILE *f = fopen(path, "rb");
		if (!f || fseek(f, 4096, SEEK_SET) || fread(span + e * FUZZ_LOG_BODY, 1, FUZZ_LOG_BODY, f) != FUZZ_LOG_BODY)
			die(path);
		fclose(f);
	}
	/* the epoch drawn at log_open, made 1 */
	for (uint64_t pos = from; span_at(pos) + LOG_HDR_SIZE <= SPAN;) {
		uint8_t *rec = span + span_at(pos);
		struct log_rec_hdr h;
		logrec_hdr_decode(rec, &h);
		if (h.type == 0 || h.lsn != pos || h.length < LOG_HDR_SIZE)
			break;
		h.epoch = 1;
		logrec_hdr_encode(rec, &h);
		h.checksum = logrec_checksum(rec, rec + LOG_HDR_SIZE, h.length - LOG_HDR_SIZE);
		logrec_hdr_encode(rec, &h);
		pos = log_norm_pos(FUZZ_LOG_EXT, pos + log_align8(h.length));
	}
	uint64_t a = span_at(from), end = SPAN;
	while (end > a && span[end - 1] == 0)
		end--;
	end = log_align8(end);
	static uint8_t seed[4 + SPAN];
	put_u32(seed, w | (uint32_t)a);
	memcpy(seed + 4, span + a, end - a);
	out("logread", name, seed, 4 + end - a);
}

static struct log *new_log(const char *dir)
{
	char why[512];
	struct log *lg;
	struct log_open_report rep;
	if (fuzz_log_create(dir, why, sizeof why))
		die(why);
	if (log_open(dir, LOG_OPEN_WRITE, 0, &lg, &rep))
		die(rep.why);
	return lg;
}

static void logread(void)
{
	static uint8_t buf[LOG_PART_MAX], big[130000];
	char dir[4200];
	int n;

	/* a queue manager's life from the start of the log */
	snprintf(dir, sizeof dir, "%s/log1", fuzz_scratch_dir());
	struct log *lg = new_log(dir);
	struct qmlog_start st = { .time_ms = 1700000000000, .pid = 42, .version = "9.4.0.0" };
	n = qmlog_enc_start(buf, sizeof buf, &st);
	uint64_t first = append(lg, LOG_REC_QMGR_START, 0, buf, (size_t)n);
	struct objdef def;
	char err[256];
	size_t len;
	if (objdef_init_default(OBJDEF_QLOCAL, &def) || objdef_set_name(&def, "APP.Q", err, sizeof err) ||
	    objdef_encode(&def, buf, sizeof buf, &len))
		die("objdef");
	log_flush(lg, append(lg, LOG_REC_OBJ_CREATE, 0, buf, len));
	struct objfile_msg m = { .seq = 1, .put_lsn = 0, .put_time_ms = 1700000000000, .expiry_ms = -1,
				 .priority = 4, .persistence = 1, .data_len = 5 };
	n = qmlog_enc_put(buf, sizeof buf, "APP.Q", &m, "hello");
	uint64_t put = append(lg, LOG_REC_MSG_PUT, 77, buf, (size_t)n);
	struct qmlog_uow u = { .time_ms = 1700000000001, .ops = 1 };
	n = qmlog_enc_uow(buf, sizeof buf, &u);
	log_flush(lg, append(lg, LOG_REC_UOW_COMMIT, 77, buf, (size_t)n));
	n = qmlog_enc_get(buf, sizeof buf, "APP.Q", put);
	append(lg, LOG_REC_MSG_GET, 78, buf, (size_t)n);
	n = qmlog_enc_ckpt_begin(buf, sizeof buf, 1700000000002);
	uint64_t ck = append(lg, LOG_REC_CKPT_BEGIN, 0, buf, (size_t)n);
	struct qmlog_ckpt_uow cu = { .id = 78, .first_lsn = put };
	struct qmlog_ckpt_queue cq = { "SEED.Q", ck };
	struct qmlog_ckpt_media cm = { OBJDEF_QLOCAL, "SEED.Q", put, put };
	n = qmlog_enc_ckpt_end(buf, sizeof buf, ck, &cu, 1, &cq, 1, &cm, 1);
	log_flush(lg, append(lg, LOG_REC_CKPT_END, 0, buf, (size_t)n));
	for (size_t i = 0; i < sizeof big; i++)   /* three parts, each compressed */
		big[i] = (uint8_t)("quire"[i % 5] + i / 4096);
	append(lg, LOG_REC_TEST, 0, big, sizeof big);
	n = qmlog_enc_uow(buf, sizeof buf, &u);
	append(lg, LOG_REC_UOW_BACKOUT, 78, buf, (size_t)n);
	struct qmlog_stop sp = { .time_ms = 1700000000003, .mode = 1 };
	n = qmlog_enc_stop(buf, sizeof buf, &sp);
	append(lg, LOG_REC_QMGR_STOP, 0, buf, (size_t)n);
	if (log_close(lg))
		die("log_close");
	cut(dir, "life", first, 0);
	cut(dir, "life-logical-pad", first, 3u << 30 | 1u << 28);
	cut(dir, "life-from-base", first, 1u << 29 | 1u << 28);

	/* across the end of extent 0: random records (not in the seed) fill it */
	snprintf(dir, sizeof dir, "%s/log2", fuzz_scratch_dir());
	lg = new_log(dir);
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = next_byte();
	for (int i = 0; i < 4; i++)
		log_flush(lg, append(lg, LOG_REC_TEST, 0, buf, 60000));
	n = qmlog_enc_clear(big, sizeof big, "APP.Q");
	uint64_t from = append(lg, LOG_REC_Q_CLEAR, 0, big, (size_t)n);
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (uint8_t)("extent"[i % 6]);
	append(lg, LOG_REC_TEST, 0, buf, 13000);   /* random: does not fit, goes to extent 1 (P2) */
	log_flush(lg, append(lg, LOG_REC_TEST, 0, big, sizeof big));
	n = qmlog_enc_bocnt(buf, sizeof buf, "APP.Q", from, 3);
	append(lg, LOG_REC_BACKOUT_CNT, 0, buf, (size_t)n);
	if (log_close(lg))
		die("log_close");
	cut(dir, "extent-end", from, 1u << 28);
	cut(dir, "extent-end-logical", from, 1u << 31);
}

/* ---- frames ---- */

static uint8_t sess[1 << 16];
static size_t slen;
static uint32_t reqid;

static void u32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void frame(uint16_t op, const void *a, size_t an, const void *b, size_t bn, const void *c, size_t cn)
{
	struct proto_hdr h = { .magic = PROTO_MAGIC, .len = (uint32_t)(an + bn + cn), .op = op, .id = ++reqid };
	proto_hdr_encode(sess + slen, &h);
	slen += PROTO_HDR_SIZE;
	memcpy(sess + slen, a, an);
	slen += an;
	if (bn)
		memcpy(sess + slen, b, bn);
	slen += bn;
	if (cn)
		memcpy(sess + slen, c, cn);
	slen += cn;
}

static void conn_frame(void)
{
	/* qm/proto.h CONN: no MQCSP (auth 0, ulen 0, plen 0) */
	uint8_t b[48 + 4 + 28 + 8 + 12];
	memset(b, ' ', sizeof b);
	memcpy(b, "QF", 2);
	u32(b + 48, 0);
	u32(b + 80, 1234);
	u32(b + 84, 1234);
	u32(b + 88, 0);
	u32(b + 92, 0);
	u32(b + 96, 0);
	frame(PROTO_CONN, b, sizeof b, NULL, 0, NULL, 0);
}

static void open_frame(const char *q, int32_t options)
{
	MQOD od = { MQOD_DEFAULT };
	memset(od.ObjectName, ' ', sizeof od.ObjectName);
	memcpy(od.ObjectName, q, strlen(q));
	uint8_t o[4];
	u32(o, (uint32_t)options);
	frame(PROTO_OPEN, o, 4, &od, sizeof od, NULL, 0);
}

static void put_frame(uint32_t hobj, int32_t pmo_options, const char *text)
{
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	md.Persistence = MQPER_PERSISTENT;
	memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	pmo.Options = pmo_options;
	uint8_t h[4], body[sizeof md + sizeof pmo + 4 + 256];
	u32(h, hobj);
	size_t n = strlen(text);
	memcpy(body, &md, sizeof md);
	memcpy(body + sizeof md, &pmo, sizeof pmo);
	u32(body + sizeof md + sizeof pmo, (uint32_t)n);
	memcpy(body + sizeof md + sizeof pmo + 4, text, n);
	frame(PROTO_PUT, h, 4, body, sizeof md + sizeof pmo + 4 + n, NULL, 0);
}

static void get_frame(uint32_t hobj, int32_t gmo_options)
{
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	gmo.Options = gmo_options;
	uint8_t h[4], t[4];
	u32(h, hobj);
	u32(t, 1024);
	uint8_t body[sizeof md + sizeof gmo];
	memcpy(body, &md, sizeof md);
	memcpy(body + sizeof md, &gmo, sizeof gmo);
	frame(PROTO_GET, h, 4, body, sizeof body, t, 4);
}

static void inq_frame(uint32_t hobj, int set)
{
	uint8_t b[16 + 8 + 4 + 48];
	u32(b, hobj);
	u32(b + 4, set ? 1 : 2);
	u32(b + 8, 1);
	u32(b + 12, set ? 0 : 48);
	if (set) {
		u32(b + 16, (uint32_t)MQIA_INHIBIT_PUT);
		u32(b + 20, MQQA_PUT_ALLOWED);
		frame(PROTO_SET, b, 24, NULL, 0, NULL, 0);
	} else {
		u32(b + 16, (uint32_t)MQIA_CURRENT_Q_DEPTH);
		u32(b + 20, (uint32_t)MQCA_Q_NAME);
		frame(PROTO_INQ, b, 24, NULL, 0, NULL, 0);
	}
}

static void empty_frame(uint16_t op)
{
	frame(op, NULL, 0, NULL, 0, NULL, 0);
}

static void frames(void)
{
	/* put under syncpoint, commit, get, inquire, set, close, disconnect */
	slen = 0;
	reqid = 0;
	conn_frame();
	open_frame("FUZZ.Q1", MQOO_OUTPUT | MQOO_INPUT_SHARED | MQOO_INQUIRE | MQOO_SET | MQOO_BROWSE);
	put_frame(1, MQPMO_SYNCPOINT, "hello");
	put_frame(1, MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID, "world");
	empty_frame(PROTO_CMIT);
	get_frame(1, MQGMO_SYNCPOINT);
	empty_frame(PROTO_BACK);
	get_frame(1, MQGMO_BROWSE_FIRST);
	get_frame(1, MQGMO_NO_SYNCPOINT | MQGMO_ACCEPT_TRUNCATED_MSG);
	inq_frame(1, 0);
	inq_frame(1, 1);
	uint8_t cl[8];
	u32(cl, 1);
	u32(cl + 4, MQCO_NONE);
	frame(PROTO_CLOSE, cl, 8, NULL, 0, NULL, 0);
	empty_frame(PROTO_DISC);
	out("frames", "session", sess, slen);

	/* MQPUT1 to the second queue, then a get with a wait */
	slen = 0;
	reqid = 0;
	conn_frame();
	MQOD od = { MQOD_DEFAULT };
	memset(od.ObjectName, ' ', sizeof od.ObjectName);
	memcpy(od.ObjectName, "FUZZ.Q2", 7);
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	uint8_t tail[4 + 3];
	u32(tail, 3);
	memcpy(tail + 4, "abc", 3);
	uint8_t body[sizeof od + sizeof md + sizeof pmo];
	memcpy(body, &od, sizeof od);
	memcpy(body + sizeof od, &md, sizeof md);
	memcpy(body + sizeof od + sizeof md, &pmo, sizeof pmo);
	frame(PROTO_PUT1, body, sizeof body, tail, sizeof tail, NULL, 0);
	open_frame("FUZZ.Q2", MQOO_INPUT_EXCLUSIVE);
	get_frame(1, MQGMO_WAIT);
	out("frames", "put1", sess, slen);

	/* the queue manager object, inquired */
	slen = 0;
	reqid = 0;
	conn_frame();
	MQOD qd = { MQOD_DEFAULT };
	qd.ObjectType = MQOT_Q_MGR;
	uint8_t o[4];
	u32(o, MQOO_INQUIRE);
	frame(PROTO_OPEN, o, 4, &qd, sizeof qd, NULL, 0);
	uint8_t b[24];
	u32(b, 1);
	u32(b + 4, 1);
	u32(b + 8, 0);
	u32(b + 12, 48);
	u32(b + 16, (uint32_t)MQCA_Q_MGR_NAME);
	frame(PROTO_INQ, b, 20, NULL, 0, NULL, 0);
	out("frames", "qmgr-inq", sess, slen);

	/* runmqsc's commands (ADMIN_MQSC, no CONN first, as runmqsc sends them),
	 * then endmqm's (ADMIN_STOP controlled; fuzz_frames carries on) */
	slen = 0;
	reqid = 0;
	static const char *const cmds[] = { "DEFINE QLOCAL(FUZZ.Q3) MAXDEPTH(5)", "DISPLAY QUEUE(FUZZ.*) CURDEPTH",
					    "ALTER QLOCAL(FUZZ.Q3) PUT(DISABLED)", "DELETE QLOCAL(FUZZ.Q3)" };
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		uint8_t l[4];
		u32(l, (uint32_t)strlen(cmds[i]));
		frame(PROTO_ADMIN_MQSC, l, 4, cmds[i], strlen(cmds[i]), NULL, 0);
	}
	uint8_t mode[4];
	u32(mode, PROTO_STOP_CONTROLLED);
	frame(PROTO_ADMIN_STOP, mode, 4, NULL, 0, NULL, 0);
	out("frames", "admin", sess, slen);
}

/* ---- chlopen: a TCP peer's bytes (fuzz_chlopen) ---- */

static void chlopen_frame(const char *channel, uint32_t version, int32_t maxmsgl, int32_t hbint, const char *qmgr,
			  const char *hint)
{
	/* qm/proto.h CHLOPEN: channel[20]; u32 version; i32 maxmsgl, hbint, sharecnv; qmgr[48]; u32 n; hint[n] */
	uint8_t b[20 + 16 + 48 + 4 + 64];
	size_t hn = strlen(hint);
	memset(b, ' ', 20);
	memcpy(b, channel, strlen(channel));
	u32(b + 20, version);
	u32(b + 24, (uint32_t)maxmsgl);
	u32(b + 28, (uint32_t)hbint);
	u32(b + 32, 10);
	memset(b + 36, ' ', 48);
	memcpy(b + 36, qmgr, strlen(qmgr));
	u32(b + 84, (uint32_t)hn);
	memcpy(b + 88, hint, hn);
	frame(PROTO_CHLOPEN, b, 88 + hn, NULL, 0, NULL, 0);
}

static void chlopen(void)
{
	/* a client's whole session: CHLOPEN, then the MQI as fuzz_frames' session */
	slen = 0;
	reqid = 0;
	chlopen_frame("FUZZ.SVRCONN", PROTO_CHLOPEN_VERSION, 4194304, 300, "QF", "app");
	conn_frame();
	open_frame("FUZZ.Q1", MQOO_OUTPUT | MQOO_INPUT_SHARED | MQOO_INQUIRE | MQOO_SET | MQOO_BROWSE);
	put_frame(1, MQPMO_SYNCPOINT, "hello");
	put_frame(1, MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID, "world");
	empty_frame(PROTO_CMIT);
	get_frame(1, MQGMO_SYNCPOINT);
	empty_frame(PROTO_BACK);
	get_frame(1, MQGMO_NO_SYNCPOINT | MQGMO_ACCEPT_TRUNCATED_MSG);
	inq_frame(1, 0);
	empty_frame(PROTO_HEARTBEAT);
	empty_frame(PROTO_DISC);
	out("chlopen", "session", sess, slen);

	/* the small channel: a put over its MAXMSGL (2010), one within it, and a
	 * get that waits (the connection then goes: backed out) */
	slen = 0;
	reqid = 0;
	chlopen_frame("FUZZ.SMALL", PROTO_CHLOPEN_VERSION, 0, 1, "", "");
	conn_frame();
	open_frame("FUZZ.Q2", MQOO_OUTPUT | MQOO_INPUT_SHARED);
	put_frame(1, MQPMO_SYNCPOINT, "within");
	static uint8_t over[4 + sizeof(MQMD) + sizeof(MQPMO) + 4 + 1001];
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	u32(over, 1);
	memcpy(over + 4, &md, sizeof md);
	memcpy(over + 4 + sizeof md, &pmo, sizeof pmo);
	u32(over + 4 + sizeof md + sizeof pmo, 1001);
	memset(over + 8 + sizeof md + sizeof pmo, 'b', 1001);
	frame(PROTO_PUT, over, sizeof over, NULL, 0, NULL, 0);
	get_frame(1, MQGMO_SYNCPOINT | MQGMO_WAIT);
	out("chlopen", "small", sess, slen);

	/* refusals: an unknown channel, another queue manager's name, a frame
	 * before CHLOPEN, a second CHLOPEN, an administrative request */
	slen = 0;
	reqid = 0;
	chlopen_frame("NO.SUCH.CHANNEL", PROTO_CHLOPEN_VERSION, 0, 0, "", "app");
	out("chlopen", "unknown-channel", sess, slen);
	slen = 0;
	reqid = 0;
	chlopen_frame("FUZZ.SVRCONN", PROTO_CHLOPEN_VERSION, 0, 0, "OTHER", "app");
	out("chlopen", "other-qmgr", sess, slen);
	slen = 0;
	reqid = 0;
	conn_frame();
	out("chlopen", "conn-first", sess, slen);
	slen = 0;
	reqid = 0;
	chlopen_frame("FUZZ.SVRCONN", PROTO_CHLOPEN_VERSION, 0, 0, "", "app");
	uint8_t l[4];
	u32(l, 12);
	frame(PROTO_ADMIN_MQSC, l, 4, "DISPLAY QMGR", 12, NULL, 0);
	chlopen_frame("FUZZ.SVRCONN", PROTO_CHLOPEN_VERSION, 0, 0, "", "app");
	out("chlopen", "admin-then-chlopen", sess, slen);

	/* first bytes that are not ours: IBM MQ's TSH, a TLS ClientHello's
	 * start, text */
	out("chlopen", "tsh", "TSH \0\0\1\14\1\0\0\0", 12);
	out("chlopen", "tls", "\x16\x03\x01\x00\x40\x01\x00\x00\x3c\x03\x03", 11);
	out("chlopen", "http", "GET / HTTP/1.0\r\n\r\n", 18);
}

/* ---- mqai ---- */

static uint8_t pcf[4096];
static size_t plen;

static void p32(int32_t v)
{
	memcpy(pcf + plen, &v, 4);    /* native encoding, as the MQAI reads it */
	plen += 4;
}

static void pstr(const char *s, size_t width)
{
	size_t n = strlen(s);
	memcpy(pcf + plen, s, n);
	memset(pcf + plen + n, 0, width - n);
	plen += width;
}

static void cfh(int32_t type, int32_t version, int32_t cmd, int32_t count)
{
	plen = 0;
	p32(type); p32(36); p32(version); p32(cmd); p32(1); p32(1); p32(0); p32(0); p32(count);
}

static void mqai(void)
{
	cfh(1, 1, 13, 0);                                     /* MQCFT_COMMAND, INQUIRE_Q */
	out("mqai", "header", pcf, plen);

	cfh(2, 3, 13, 11);                                    /* a response with everything */
	p32(3); p32(16); p32(20); p32(1);                     /* MQCFIN MQIA_Q_TYPE */
	p32(4); p32(28); p32(2016); p32(819); p32(6); pstr("MQAI.Q", 8);     /* MQCFST */
	p32(5); p32(24); p32(1002); p32(2); p32(2016); p32(3);               /* MQCFIL */
	p32(6); p32(32); p32(3025); p32(0); p32(2); p32(4); pstr("ab  cd  ", 8);  /* MQCFSL */
	p32(9); p32(20); p32(7002); p32(3); pstr("\x01\x02\x03", 4);        /* MQCFBS */
	p32(23); p32(24); p32(703); p32(0); p32(5); p32(1);                   /* MQCFIN64 */
	p32(25); p32(32); p32(703); p32(2); p32(7); p32(0); p32(8); p32(0);   /* MQCFIL64 */
	p32(13); p32(20); p32(3); p32(4); p32(10);                             /* MQCFIF */
	p32(14); p32(28); p32(2002); p32(18); p32(0); p32(2); pstr("Q*", 4);  /* MQCFSF */
	p32(15); p32(24); p32(7003); p32(2); p32(1); pstr("x", 4);            /* MQCFBF */
	p32(20); p32(16); p32(8001); p32(2);                                   /* MQCFGR, two inside */
	p32(3); p32(16); p32(1); p32(-1);
	p32(20); p32(16); p32(8002); p32(1);                                   /* a group in the group */
	p32(4); p32(24); p32(2001); p32(1208); p32(1); pstr("z", 4);
	out("mqai", "every-parameter", pcf, plen);

	cfh(1, 1, 13, 3);                                     /* mqAddInquiry's list, as mqExecute sends it */
	p32(4); p32(24); p32(2016); p32(0); p32(1); pstr("*", 4);
	p32(5); p32(24); p32(1002); p32(2); p32(2016); p32(3);
	p32(3); p32(16); p32(20); p32(1);
	out("mqai", "inquire-q", pcf, plen);
}

/* ---- rfh2: byte 0 the encoding (0 native, 1 normal), then the MQRFH2 ---- */

static void rfh2_add(struct mqm_props *p, const char *name, MQLONG type, const void *v, size_t n)
{
	struct mqm_prop x;
	memset(&x, 0, sizeof x);
	x.name = (char *)name;
	x.namelen = strlen(name);
	x.type = type;
	x.val = (uint8_t *)v;
	x.vlen = n;
	if (mqm_props_insert(p, p->n, &x)) {
		fprintf(stderr, "gen_seeds: out of memory\n");
		exit(1);
	}
}

static void rfh2_out(const char *name, MQLONG enc, const uint8_t *b, size_t n)
{
	uint8_t buf[4096];
	buf[0] = enc == MQENC_NATIVE ? 0 : 1;
	memcpy(buf + 1, b, n);
	memcpy(buf + 1 + n, "body", 4);    /* the message data after it */
	out("rfh2", name, buf, n + 5);
}

static void rfh2(void)
{
	struct mqm_props p = { NULL, 0, 0 };
	uint8_t t = 1, *b;
	int8_t i1 = -7;
	int16_t i2 = 300;
	int32_t i4 = 123456;
	int64_t i8 = -5000000000LL;
	float r4 = 1.5f;
	double r8 = 2.25e-10;
	const uint8_t bs[3] = { 0, 0x7f, 0xff };
	size_t n, count;
	rfh2_add(&p, "usr.colour", MQTYPE_STRING, "red & <blue>", 12);
	rfh2_add(&p, "usr.t", MQTYPE_BOOLEAN, &t, 1);
	rfh2_add(&p, "usr.i1", MQTYPE_INT8, &i1, 1);
	rfh2_add(&p, "usr.i2", MQTYPE_INT16, &i2, 2);
	rfh2_add(&p, "usr.i4", MQTYPE_INT32, &i4, 4);
	rfh2_add(&p, "usr.i8", MQTYPE_INT64, &i8, 8);
	rfh2_add(&p, "usr.r4", MQTYPE_FLOAT32, &r4, 4);
	rfh2_add(&p, "usr.r8", MQTYPE_FLOAT64, &r8, 8);
	rfh2_add(&p, "usr.bs", MQTYPE_BYTE_STRING, bs, 3);
	rfh2_add(&p, "usr.nil", MQTYPE_NULL, "", 0);
	rfh2_add(&p, "usr.a.b.c", MQTYPE_STRING, "deep", 4);
	rfh2_add(&p, "mcd.Msd", MQTYPE_STRING, "jms_text", 8);
	rfh2_add(&p, "jms.Dst", MQTYPE_STRING, "queue:///Q1", 11);
	if (mqm_rfh2_encode(&p, NULL, MQENC_NATIVE, MQENC_NATIVE, 1208, MQFMT_STRING, &b, &n, &count))
		exit(1);
	rfh2_out("all-types", MQENC_NATIVE, b, n);
	free(b);
	if (mqm_rfh2_encode(&p, "usr.%", MQENC_INTEGER_NORMAL, 273, 819, MQFMT_STRING, &b, &n, &count))
		exit(1);
	rfh2_out("usr-big-endian", MQENC_INTEGER_NORMAL, b, n);
	free(b);
	mqm_props_clear(&p);
	{
		/* MQ's own forms, by hand: single quotes, padding, a psc folder, an unknown dt */
		static const char f1[] = "<psc><Command>RegSub</Command><Topic>a/b</Topic></psc>";
		static const char f2[] = "<usr><when dt='date'>2020-01-01</when><e/><k dt=\"boolean\">true</k>"
					 "<ent>&#65;&#x42;&amp;</ent></usr>  ";
		uint8_t h[512];
		size_t pos = 36, l;
		uint32_t v;
		memset(h, 0, sizeof h);
		memcpy(h, "RFH ", 4);
		l = (sizeof f1 - 1 + 3) / 4 * 4;
		v = (uint32_t)l; memcpy(h + pos, &v, 4);
		memset(h + pos + 4, ' ', l); memcpy(h + pos + 4, f1, sizeof f1 - 1);
		pos += 4 + l;
		l = (sizeof f2 - 1 + 3) / 4 * 4;
		v = (uint32_t)l; memcpy(h + pos, &v, 4);
		memset(h + pos + 4, ' ', l); memcpy(h + pos + 4, f2, sizeof f2 - 1);
		pos += 4 + l;
		v = 2; memcpy(h + 4, &v, 4);
		v = (uint32_t)pos; memcpy(h + 8, &v, 4);
		v = MQENC_NATIVE; memcpy(h + 12, &v, 4);
		v = 1208; memcpy(h + 16, &v, 4);
		memcpy(h + 20, MQFMT_NONE, 8);
		v = 1208; memcpy(h + 32, &v, 4);
		rfh2_out("mq-forms", MQENC_NATIVE, h, pos);
	}
}

/* ---- convert: byte 0 the format, 1 and 2 the CCSIDs, 3 the encodings ---- */

static void conv_out(const char *name, uint8_t fmt, uint8_t from, uint8_t to, uint8_t enc, const void *m, size_t n)
{
	uint8_t buf[4096];
	buf[0] = fmt;
	buf[1] = from;
	buf[2] = to;
	buf[3] = enc;
	memcpy(buf + 4, m, n);
	out("convert", name, buf, n + 4);
}

static void blank(MQCHAR *f, size_t n, const char *s)
{
	memset(f, ' ', n);
	memcpy(f, s, strlen(s) < n ? strlen(s) : n);
}

/* fuzz_convert's indexes: formats DLH 0, XQH 1, RFH 2, RFH2 3, CIH 4, IIH 5,
 * DH 6, MDE 7, RMH 8, WIH 9, ADMIN 10, EVENT 11, PCF 12, TRIGGER 13, IMSVS 14;
 * CCSIDs 819 0, 1208 1, 37 2, 500 3, 1047 4 */
static void convert(void)
{
	uint8_t m[2048];
	size_t n;
	MQDLH d = { MQDLH_DEFAULT };
	d.Encoding = MQENC_NATIVE;
	d.CodedCharSetId = MQCCSI_INHERIT;
	memcpy(d.Format, MQFMT_STRING, 8);
	blank(d.DestQName, 48, "APP.Q");
	blank(d.PutApplName, 28, "amqsput");
	memcpy(m, &d, sizeof d);
	memcpy(m + sizeof d, "Hello, world", 12);
	conv_out("dlh", 0, 0, 2, 2, m, sizeof d + 12);

	MQXQH x = { MQXQH_DEFAULT };
	blank(x.RemoteQName, 48, "R.Q");
	x.MsgDesc.Encoding = MQENC_NATIVE;
	x.MsgDesc.CodedCharSetId = 819;
	memcpy(x.MsgDesc.Format, MQFMT_MD_EXTENSION, 8);
	memcpy(m, &x, sizeof x);
	n = sizeof x;
	MQLONG mde[18] = { 0 };
	memcpy(mde, MQMDE_STRUC_ID, 4);
	mde[1] = MQMDE_VERSION_2;
	mde[2] = MQMDE_LENGTH_2;
	mde[3] = MQENC_NATIVE;
	mde[4] = 819;
	memcpy(&mde[5], MQFMT_WORK_INFO_HEADER, 8);
	memcpy(m + n, mde, 72);
	n += 72;
	MQWIH w = { MQWIH_DEFAULT };
	w.Encoding = MQENC_NATIVE;
	w.CodedCharSetId = 819;
	memcpy(w.Format, MQFMT_STRING, 8);
	memcpy(m + n, &w, sizeof w);
	n += sizeof w;
	memcpy(m + n, "data", 4);
	conv_out("xqh", 1, 0, 3, 2, m, n + 4);

	MQRFH2 r2 = { MQRFH2_DEFAULT };
	r2.StrucLength = 36 + 4 + 16;
	r2.Encoding = MQENC_NATIVE;
	r2.CodedCharSetId = 1208;
	memcpy(r2.Format, MQFMT_RF_HEADER_1, 8);
	memcpy(m, &r2, sizeof r2);
	MQLONG l = 16;
	memcpy(m + 36, &l, 4);
	memcpy(m + 40, "<usr><a>1</a>   ", 16);
	n = 56;
	MQRFH r = { MQRFH_DEFAULT };
	r.StrucLength = 32 + 8;
	r.Encoding = MQENC_NATIVE;
	r.CodedCharSetId = 1208;
	memcpy(r.Format, MQFMT_STRING, 8);
	memcpy(m + n, &r, sizeof r);
	memcpy(m + n + 32, "a=b c=d ", 8);
	n += 40;
	memcpy(m + n, "text", 4);
	conv_out("rfh2", 3, 1, 4, 2, m, n + 4);

	MQCIH c = { MQCIH_DEFAULT };
	c.Encoding = MQENC_NATIVE;
	c.CodedCharSetId = 819;
	memcpy(c.Format, MQFMT_STRING, 8);
	memcpy(c.TransactionId, "TRN1", 4);
	memcpy(m, &c, sizeof c);
	memcpy(m + sizeof c, "CICS", 4);
	conv_out("cih", 4, 0, 2, 2, m, sizeof c + 4);

	MQIIH ii = { MQIIH_DEFAULT };
	ii.Encoding = MQENC_NATIVE;
	ii.CodedCharSetId = 819;
	memcpy(ii.Format, MQFMT_IMS_VAR_STRING, 8);
	memcpy(m, &ii, sizeof ii);
	memcpy(m + sizeof ii, "\x07\0\0\0abc\x05\0\0\0z", 12);
	conv_out("iih", 5, 0, 2, 2, m, sizeof ii + 12);

	MQDH dh = { MQDH_DEFAULT };
	dh.Encoding = MQENC_NATIVE;
	dh.CodedCharSetId = 819;
	memcpy(dh.Format, MQFMT_STRING, 8);
	dh.PutMsgRecFields = MQPMRF_MSG_ID | MQPMRF_FEEDBACK;
	dh.RecsPresent = 2;
	dh.ObjectRecOffset = sizeof dh;
	dh.PutMsgRecOffset = sizeof dh + 192;
	dh.StrucLength = sizeof dh + 192 + 56;
	memset(m, 0, sizeof m);
	memcpy(m, &dh, sizeof dh);
	for (int i = 0; i < 2; i++) {
		blank((MQCHAR *)m + sizeof dh + i * 96, 48, i ? "Q2" : "Q1");
		blank((MQCHAR *)m + sizeof dh + i * 96 + 48, 48, "QM1");
		MQLONG fb = 300 + i;
		memcpy(m + dh.PutMsgRecOffset + i * 28 + 24, &fb, 4);
	}
	memcpy(m + dh.StrucLength, "dist", 4);
	conv_out("dh", 6, 0, 2, 2, m, (size_t)dh.StrucLength + 4);

	MQRMH rm = { MQRMH_DEFAULT };
	rm.Encoding = MQENC_NATIVE;
	rm.CodedCharSetId = 819;
	memcpy(rm.Format, MQFMT_NONE, 8);
	rm.SrcNameLength = 6;
	rm.SrcNameOffset = sizeof rm;
	rm.DestNameLength = 5;
	rm.DestNameOffset = sizeof rm + 8;
	rm.StrucLength = sizeof rm + 16;
	memcpy(m, &rm, sizeof rm);
	memcpy(m + sizeof rm, "file.a  dest.   ", 16);
	conv_out("rmh", 8, 0, 2, 2, m, (size_t)rm.StrucLength);

	uint8_t *p = m;
	MQCFH h = { MQCFH_DEFAULT };
	h.Type = MQCFT_EVENT;
	h.ParameterCount = 8;
	memcpy(p, &h, sizeof h);
	p += sizeof h;
	MQLONG in[4] = { MQCFT_INTEGER, 16, MQIA_HIGH_Q_DEPTH, 80 };
	memcpy(p, in, 16);
	p += 16;
	MQLONG st[5] = { MQCFT_STRING, 28, MQCA_Q_NAME, 0, 8 };
	memcpy(p, st, 20);
	memcpy(p + 20, "APP.Q   ", 8);
	p += 28;
	MQLONG sl[6] = { MQCFT_STRING_LIST, 32, MQCACF_Q_NAMES, 819, 2, 4 };
	memcpy(p, sl, 24);
	memcpy(p + 24, "AB  CD  ", 8);
	p += 32;
	MQLONG il[6] = { MQCFT_INTEGER_LIST, 24, MQIACF_Q_ATTRS, 2, 11, -12 };
	memcpy(p, il, 24);
	p += 24;
	MQLONG i64[6] = { MQCFT_INTEGER64, 24, MQIAMO64_BROWSE_BYTES, 0, 5, 0 };
	memcpy(p, i64, 24);
	p += 24;
	MQLONG bs[5] = { MQCFT_BYTE_STRING, 20, MQBACF_CONNECTION_ID, 3, 0x030201 };
	memcpy(p, bs, 20);
	p += 20;
	MQLONG sf[8] = { MQCFT_STRING_FILTER, 32, MQCA_Q_NAME, MQCFOP_EQUAL, 0, 4, 0, 0 };
	memcpy(p, sf, 32);
	memcpy(p + 24, "AB* ", 4);
	p += 32;
	MQLONG gr[4] = { MQCFT_GROUP, 16, MQGACF_Q_STATISTICS_DATA, 1 };
	memcpy(p, gr, 16);
	p += 16;
	MQLONG iff[5] = { MQCFT_INTEGER_FILTER, 20, MQIA_CURRENT_Q_DEPTH, MQCFOP_GREATER, 3 };
	memcpy(p, iff, 20);
	p += 20;
	conv_out("pcf", 11, 0, 2, 2, m, (size_t)(p - m));

	MQTM t = { MQTM_DEFAULT };
	blank(t.QName, 48, "APP.Q");
	blank(t.ApplId, 256, "/bin/true");
	conv_out("tm", 13, 0, 3, 2, &t, sizeof t);
}

/* ---- selector: the selection string, a NUL, byte 0 the encoding, then a
 * message whose data starts with an MQRFH2 (libmqm's encoder) ---- */

static void selector(void)
{
	static const char *const texts[][2] = {
		{ "cmp", "colour = 'red & <blue>' AND i4 >= 123456 AND i8 < 0 AND r8 <> 1.5 AND t" },
		{ "arith", "(i4 + 4) * 2 / 8 - -i1 BETWEEN 30000 AND 40000 OR r4 * 2.0E0 = 3" },
		{ "like-in", "colour LIKE 'red!_%' ESCAPE '!' OR colour NOT LIKE '_ed%' OR Msd IN ('jms_text', 'x')" },
		{ "null", "nil IS NULL AND missing IS NULL AND NOT (missing = 1) AND usr.a.b.c IS NOT NULL" },
		{ "mqmd", "Root.MQMD.Priority > 0 OR Root.MQMD.Format = 'MQHRF2' OR bs = \"0x007FFF\"" },
		{ "literals", "i4 = 0x1E240 OR i4 = 0361100 OR i4 = 123456L OR r8 = 2.25e-10 OR TRUE = FALSE" },
		{ "bad-op", "colour == 'red' && i4 != 3" },
	};
	struct mqm_props p = { NULL, 0, 0 };
	uint8_t t = 1, *b, buf[8192];
	int8_t i1 = -7;
	int32_t i4 = 123456;
	int64_t i8 = -5000000000LL;
	float r4 = 1.5f;
	double r8 = 2.25e-10;
	const uint8_t bs[3] = { 0, 0x7f, 0xff };
	size_t n, count;
	rfh2_add(&p, "usr.colour", MQTYPE_STRING, "red & <blue>", 12);
	rfh2_add(&p, "usr.t", MQTYPE_BOOLEAN, &t, 1);
	rfh2_add(&p, "usr.i1", MQTYPE_INT8, &i1, 1);
	rfh2_add(&p, "usr.i4", MQTYPE_INT32, &i4, 4);
	rfh2_add(&p, "usr.i8", MQTYPE_INT64, &i8, 8);
	rfh2_add(&p, "usr.r4", MQTYPE_FLOAT32, &r4, 4);
	rfh2_add(&p, "usr.r8", MQTYPE_FLOAT64, &r8, 8);
	rfh2_add(&p, "usr.bs", MQTYPE_BYTE_STRING, bs, 3);
	rfh2_add(&p, "usr.nil", MQTYPE_NULL, "", 0);
	rfh2_add(&p, "usr.a.b.c", MQTYPE_STRING, "deep", 4);
	rfh2_add(&p, "mcd.Msd", MQTYPE_STRING, "jms_text", 8);
	for (int big = 0; big < 2; big++) {
		if (mqm_rfh2_encode(&p, NULL, big ? MQENC_INTEGER_NORMAL : MQENC_NATIVE, MQENC_NATIVE, 1208,
				    MQFMT_STRING, &b, &n, &count))
			exit(1);
		for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
			char name[64];
			size_t tl = strlen(texts[i][1]);
			if (big && i)
				break;   /* one big-endian seed */
			memcpy(buf, texts[i][1], tl);
			buf[tl] = 0;
			buf[tl + 1] = (uint8_t)big;
			memcpy(buf + tl + 2, b, n);
			memcpy(buf + tl + 2 + n, "body", 4);
			snprintf(name, sizeof name, "%s%s", texts[i][0], big ? "-big-endian" : "");
			out("selector", name, buf, tl + 2 + n + 4);
		}
		free(b);
	}
	/* frames: a message with properties put, then got through a handle opened
	 * with a SelectionString (OPEN's extension, qm/proto.h) */
	if (mqm_rfh2_encode(&p, NULL, MQENC_NATIVE, MQENC_NATIVE, 1208, MQFMT_STRING, &b, &n, &count))
		exit(1);
	mqm_props_clear(&p);
	slen = 0;
	reqid = 0;
	conn_frame();
	open_frame("FUZZ.Q1", MQOO_OUTPUT);
	{
		MQMD md = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		memcpy(md.Format, MQFMT_RF_HEADER_2, MQ_FORMAT_LENGTH);
		pmo.Options = MQPMO_NO_SYNCPOINT;
		uint8_t h[4], body[sizeof md + sizeof pmo + 4];
		u32(h, 1);
		memcpy(body, &md, sizeof md);
		memcpy(body + sizeof md, &pmo, sizeof pmo);
		u32(body + sizeof md + sizeof pmo, (uint32_t)n + 4);
		memcpy(buf, b, n);
		memcpy(buf + n, "body", 4);
		frame(PROTO_PUT, h, 4, body, sizeof body, buf, n + 4);
	}
	free(b);
	for (int k = 0; k < 2; k++) {
		static const char *const sel[] = { "colour LIKE 'red%' AND i4 > 5", "colour = 'none'" };
		MQOD od = { MQOD_DEFAULT };
		uint8_t o[4], ext[8 + 64];
		size_t l = strlen(sel[k]);
		od.Version = MQOD_VERSION_4;
		memset(od.ObjectName, ' ', sizeof od.ObjectName);
		memcpy(od.ObjectName, "FUZZ.Q1", 7);
		u32(o, MQOO_INPUT_SHARED | MQOO_BROWSE);
		u32(ext, PROTO_OPEN_SELECTION);
		u32(ext + 4, (uint32_t)l);
		memcpy(ext + 8, sel[k], l);
		frame(PROTO_OPEN, o, 4, &od, sizeof od, ext, 8 + l);
	}
	get_frame(3, MQGMO_BROWSE_FIRST);
	get_frame(2, MQGMO_BROWSE_FIRST);
	get_frame(2, MQGMO_NO_SYNCPOINT);
	empty_frame(PROTO_DISC);
	out("frames", "selection", sess, slen);
	out("selector", "text-only", "NOT (a > 1 OR b IS NULL)", 24);
	out("selector", "always-false", "FALSE OR 1 = 2", 14);
	out("selector", "always-true", "TRUE <> FALSE\0\0RFH ", 20);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gen_seeds CORPUS_FOLDER\n");
		return 2;
	}
	root = argv[1];
	mkdir(root, 0777);
	mqsc();
	logrec();
	logread();
	frames();
	chlopen();
	mqai();
	rfh2();
	convert();
	selector();
	return 0;
}
