/*
 * amqsbcg: browse every message on a queue and print its whole message
 * descriptor and its data, in hexadecimal and as text.
 *
 *   amqsbcg QName [QMgrName]
 *
 * Opens the queue for browse and reads it with MQGMO_BROWSE_NEXT from the
 * first message to the last, leaving every message where it is.  For each it
 * prints every MQMD field (version 2: the group fields too), with MsgId,
 * CorrelId, AccountingToken and GroupId in hexadecimal, then the data as rows
 * of 16 bytes: the offset, the bytes in groups of two, and the same bytes as
 * text between quotes (a byte that is not printable ASCII shows as '.').
 * The layout follows the output of IBM MQ's sample of the same name, so that
 * people and scripts used to it read ours the same way.  A message longer
 * than the buffer is shown whole: the buffer grows and the browse is
 * repeated.  A failed call prints its reason code and the program exits 1.
 *
 * Written for Quire; it uses only <cmqc.h> and the C library:
 *   cc -Iinclude samples/amqsbcg.c -Lbuild/lib -lmqm_r -o amqsbcg
 */
#include <cmqc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW 16

static void set_name(MQCHAR *field, size_t size, const char *name)
{
	size_t n = strlen(name);
	memset(field, 0, size);
	memcpy(field, name, n < size ? n : size);
}

/* A fixed-length character field between quotes, exactly as stored (a NUL
 * shows as a blank, so every field keeps its width). */
static void put_chars(const MQCHAR *field, size_t size)
{
	size_t i;
	putchar('\'');
	for (i = 0; i < size; i++)
		putchar(field[i] ? field[i] : ' ');
	putchar('\'');
}

/* A byte field as X'0123...' in upper-case hexadecimal. */
static void put_hex(const MQBYTE *field, size_t size)
{
	size_t i;
	printf("X'");
	for (i = 0; i < size; i++)
		printf("%02X", field[i]);
	putchar('\'');
}

static void print_md(const MQMD *md)
{
	printf("****Message descriptor****\n\n");
	printf("  StrucId  : ");
	put_chars(md->StrucId, sizeof md->StrucId);
	printf("  Version : %d\n", (int)md->Version);
	printf("  Report   : %d  MsgType : %d\n", (int)md->Report, (int)md->MsgType);
	printf("  Expiry   : %d  Feedback : %d\n", (int)md->Expiry, (int)md->Feedback);
	printf("  Encoding : %d  CodedCharSetId : %d\n", (int)md->Encoding, (int)md->CodedCharSetId);
	printf("  Format : ");
	put_chars(md->Format, sizeof md->Format);
	printf("\n  Priority : %d  Persistence : %d\n", (int)md->Priority, (int)md->Persistence);
	printf("  MsgId : ");
	put_hex(md->MsgId, sizeof md->MsgId);
	printf("\n  CorrelId : ");
	put_hex(md->CorrelId, sizeof md->CorrelId);
	printf("\n  BackoutCount : %d\n", (int)md->BackoutCount);
	printf("  ReplyToQ       : ");
	put_chars(md->ReplyToQ, sizeof md->ReplyToQ);
	printf("\n  ReplyToQMgr    : ");
	put_chars(md->ReplyToQMgr, sizeof md->ReplyToQMgr);
	printf("\n  ** Identity Context\n");
	printf("  UserIdentifier : ");
	put_chars(md->UserIdentifier, sizeof md->UserIdentifier);
	printf("\n  AccountingToken : \n   ");
	put_hex(md->AccountingToken, sizeof md->AccountingToken);
	printf("\n  ApplIdentityData : ");
	put_chars(md->ApplIdentityData, sizeof md->ApplIdentityData);
	printf("\n  ** Origin Context\n");
	printf("  PutApplType    : '%d'\n", (int)md->PutApplType);
	printf("  PutApplName    : ");
	put_chars(md->PutApplName, sizeof md->PutApplName);
	printf("\n  PutDate  : ");
	put_chars(md->PutDate, sizeof md->PutDate);
	printf("    PutTime  : ");
	put_chars(md->PutTime, sizeof md->PutTime);
	printf("\n  ApplOriginData : ");
	put_chars(md->ApplOriginData, sizeof md->ApplOriginData);
	printf("\n\n");
	if (md->Version >= MQMD_VERSION_2) {
		printf("  GroupId : ");
		put_hex(md->GroupId, sizeof md->GroupId);
		printf("\n  MsgSeqNumber   : '%d'\n", (int)md->MsgSeqNumber);
		printf("  Offset         : '%d'\n", (int)md->Offset);
		printf("  MsgFlags       : '%d'\n", (int)md->MsgFlags);
		printf("  OriginalLength : '%d'\n", (int)md->OriginalLength);
	}
}

/* The data in rows of 16 bytes: offset, eight groups of two bytes in hex,
 * then the text between quotes. */
static void print_data(const unsigned char *data, MQLONG shown, MQLONG total)
{
	MQLONG off;
	printf("\n****   Message      ****\n\n");
	printf(" length - %d of %d bytes\n\n", (int)shown, (int)total);
	for (off = 0; off < shown; off += ROW) {
		int i;
		printf("%08X:  ", (unsigned)off);
		for (i = 0; i < ROW; i++) {
			if (off + i < shown)
				printf("%02X", data[off + i]);
			else
				printf("  ");
			if (i % 2 == 1)
				putchar(' ');
		}
		putchar('\'');
		for (i = 0; i < ROW; i++) {
			int c = off + i < shown ? data[off + i] : ' ';
			putchar(c >= 0x20 && c < 0x7f ? c : '.');
		}
		printf("'\n");
	}
	printf("\n\n");
}

int main(int argc, char **argv)
{
	MQCHAR48 qmname;
	MQHCONN hconn = MQHC_UNUSABLE_HCONN;
	MQHOBJ hobj = MQHO_UNUSABLE_HOBJ;
	MQOD od = {MQOD_DEFAULT};
	MQMD md = {MQMD_DEFAULT};
	MQGMO gmo = {MQGMO_DEFAULT};
	MQLONG cc, reason, conn_reason, datalen;
	MQLONG buflen = 65536;
	unsigned char *buf;
	int failed = 0, n = 0;

	printf("AMQSBCG0 - starts here\n");
	printf("**********************\n\n");
	if (argc < 2 || argc > 3) {
		printf("usage: amqsbcg QName [QMgrName]\n");
		return 1;
	}
	buf = malloc((size_t)buflen);
	if (!buf) {
		printf("out of memory\n");
		return 1;
	}

	set_name(qmname, sizeof qmname, argc > 2 ? argv[2] : "");
	MQCONN(qmname, &hconn, &cc, &conn_reason);
	if (cc == MQCC_FAILED) {
		printf("MQCONN ended with reason code %d\n", (int)conn_reason);
		free(buf);
		return 1;
	}

	set_name(od.ObjectName, sizeof od.ObjectName, argv[1]);
	MQOPEN(hconn, &od, MQOO_BROWSE | MQOO_FAIL_IF_QUIESCING, &hobj, &cc, &reason);
	if (cc == MQCC_FAILED) {
		printf("MQOPEN ended with reason code %d\n", (int)reason);
		failed = 1;
	} else {
		printf(" MQOPEN - '%s'\n\n\n", argv[1]);
	}

	/* A version 2 MQGMO with MQMO_NONE browses every message whatever its ids. */
	gmo.Version = MQGMO_VERSION_2;
	gmo.MatchOptions = MQMO_NONE;
	gmo.Options = MQGMO_BROWSE_NEXT | MQGMO_NO_WAIT | MQGMO_FAIL_IF_QUIESCING;

	while (!failed) {
		md.Version = MQMD_VERSION_2;
		memcpy(md.MsgId, MQMI_NONE, sizeof md.MsgId);
		memcpy(md.CorrelId, MQCI_NONE, sizeof md.CorrelId);
		md.Encoding = MQENC_NATIVE;
		md.CodedCharSetId = MQCCSI_Q_MGR;
		MQGET(hconn, hobj, &md, &gmo, buflen, buf, &datalen, &cc, &reason);
		if (reason == MQRC_TRUNCATED_MSG_FAILED && datalen > buflen) {
			unsigned char *nb = realloc(buf, (size_t)datalen);
			if (!nb) {
				printf("out of memory for a message of %d bytes\n", (int)datalen);
				failed = 1;
				break;
			}
			buf = nb;
			buflen = datalen;
			continue; /* the browse cursor did not move */
		}
		if (reason == MQRC_NO_MSG_AVAILABLE) {
			printf(" No more messages \n");
			break;
		}
		if (cc == MQCC_FAILED) {
			printf(" MQGET ended with reason code %d\n", (int)reason);
			failed = 1;
			break;
		}
		n++;
		printf(" MQGET of message number %d, CompCode:%d Reason:%d\n", n, (int)cc, (int)reason);
		print_md(&md);
		print_data(buf, datalen < buflen ? datalen : buflen, datalen);
	}
	free(buf);

	if (hobj != MQHO_UNUSABLE_HOBJ) {
		MQCLOSE(hconn, &hobj, MQCO_NONE, &cc, &reason);
		if (cc == MQCC_FAILED) {
			printf(" MQCLOSE ended with reason code %d\n", (int)reason);
			failed = 1;
		} else {
			printf(" MQCLOSE\n");
		}
	}
	if (conn_reason != MQRC_ALREADY_CONNECTED) {
		MQDISC(&hconn, &cc, &reason);
		if (cc == MQCC_FAILED) {
			printf(" MQDISC ended with reason code %d\n", (int)reason);
			failed = 1;
		} else {
			printf(" MQDISC\n");
		}
	}
	return failed;
}
