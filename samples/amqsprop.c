/*
 * amqsprop: set message properties, put a message carrying them, get it back
 * and print its properties.
 *
 *   amqsprop [QName [QMgrName]]        (QName defaults to DEV.QUEUE.1)
 *
 * As IBM MQ's sample of the same name: it makes one message handle for the
 * put and one for the get (MQCRTMH), sets a property of each type on the
 * first (MQSETMP: a string, a boolean, 8-, 16-, 32- and 64-bit integers, a
 * byte string, 32- and 64-bit floats) and deletes one again (MQDLTMP), puts a
 * text message with that handle as the MQPMO's OriginalMsgHandle, gets the
 * same message back by its MsgId with MQGMO_PROPERTIES_IN_HANDLE, then lists
 * every property of the get handle (MQINQMP of "%", INQ_FIRST then INQ_NEXT)
 * as "Name: 'x' Value 'v'", and "All properties read" at the end.  A failed
 * call prints its reason code and the program exits 1.
 *
 * Written for Quire from the behaviour of IBM MQ's sample; it uses only
 * <cmqc.h> and the C library:
 *   cc -Iinclude samples/amqsprop.c -Lbuild/lib -lmqm_r -o amqsprop
 */
#include <cmqc.h>

#include <stdio.h>
#include <string.h>

static MQHCONN hconn = MQHC_UNUSABLE_HCONN;

static void set_name(MQCHAR *field, size_t size, const char *name)
{
	size_t n = strlen(name);
	memset(field, 0, size);
	memcpy(field, name, n < size ? n : size);
}

static int said(const char *call, MQLONG cc, MQLONG reason)
{
	if (reason != MQRC_NONE)
		printf("%s ended with reason code %d\n", call, (int)reason);
	return cc == MQCC_FAILED;
}

static int set_prop(MQHMSG h, const char *name, MQLONG type, MQLONG len, const void *value)
{
	MQSMPO smpo = {MQSMPO_DEFAULT};
	MQPD pd = {MQPD_DEFAULT};
	MQCHARV n = {MQCHARV_DEFAULT};
	MQLONG cc, reason;
	n.VSPtr = (MQPTR)name;
	n.VSLength = MQVS_NULL_TERMINATED;
	MQSETMP(hconn, h, &smpo, &n, &pd, type, len, (MQPTR)value, &cc, &reason);
	return said("MQSETMP", cc, reason);
}

static int set_properties(MQHMSG h)
{
	MQBOOL yes = 1;
	MQINT8 i8 = 8;
	MQINT16 i16 = 1616;
	MQLONG i32 = 323232, gone = 10101;
	MQINT64 i64 = 646464646464LL;
	MQBYTE bytes[4] = {0xCA, 0xFE, 0x00, 0x01};
	MQFLOAT32 f32 = 3.14159f;
	MQFLOAT64 f64 = 3.14159265358979;
	MQDMPO dmpo = {MQDMPO_DEFAULT};
	MQCHARV n = {MQCHARV_DEFAULT};
	MQLONG cc, reason;

	if (set_prop(h, "PROP1STRING", MQTYPE_STRING, MQVL_NULL_TERMINATED, "helloworld") ||
	    set_prop(h, "PROP2BOOLEAN", MQTYPE_BOOLEAN, sizeof yes, &yes) ||
	    set_prop(h, "PROP3INT8", MQTYPE_INT8, sizeof i8, &i8) ||
	    set_prop(h, "PROP4INT16", MQTYPE_INT16, sizeof i16, &i16) ||
	    set_prop(h, "PROP5INT32", MQTYPE_INT32, sizeof i32, &i32) ||
	    set_prop(h, "PROP6INT64", MQTYPE_INT64, sizeof i64, &i64) ||
	    set_prop(h, "PROP7DELETED", MQTYPE_INT32, sizeof gone, &gone) ||
	    set_prop(h, "PROP8BYTES", MQTYPE_BYTE_STRING, sizeof bytes, bytes) ||
	    set_prop(h, "PROP9FLOAT32", MQTYPE_FLOAT32, sizeof f32, &f32) ||
	    set_prop(h, "PROP10FLOAT64", MQTYPE_FLOAT64, sizeof f64, &f64))
		return 1;
	/* one fewer property on the message */
	n.VSPtr = "PROP7DELETED";
	n.VSLength = MQVS_NULL_TERMINATED;
	MQDLTMP(hconn, h, &dmpo, &n, &cc, &reason);
	return said("MQDLTMP", cc, reason);
}

static void print_value(MQLONG type, const MQBYTE *v, MQLONG len)
{
	MQLONG i;
	switch (type) {
	case MQTYPE_BOOLEAN: { MQBOOL b; memcpy(&b, v, sizeof b); printf("%s", b ? "TRUE" : "FALSE"); break; }
	case MQTYPE_INT8: { MQINT8 x; memcpy(&x, v, 1); printf("%d", x); break; }
	case MQTYPE_INT16: { MQINT16 x; memcpy(&x, v, 2); printf("%d", x); break; }
	case MQTYPE_INT32: { MQLONG x; memcpy(&x, v, 4); printf("%d", (int)x); break; }
	case MQTYPE_INT64: { MQINT64 x; memcpy(&x, v, 8); printf("%lld", (long long)x); break; }
	case MQTYPE_FLOAT32: { MQFLOAT32 x; memcpy(&x, v, 4); printf("%g", (double)x); break; }
	case MQTYPE_FLOAT64: { MQFLOAT64 x; memcpy(&x, v, 8); printf("%g", x); break; }
	case MQTYPE_STRING: printf("%.*s", (int)len, (const char *)v); break;
	case MQTYPE_BYTE_STRING:
		printf("X'");
		for (i = 0; i < len; i++)
			printf("%02X", v[i]);
		printf("'");
		break;
	case MQTYPE_NULL: printf("NULL"); break;
	default: printf("(type %d)", (int)type); break;
	}
}

static int print_properties(MQHMSG h)
{
	MQIMPO impo = {MQIMPO_DEFAULT};
	MQPD pd = {MQPD_DEFAULT};
	MQCHARV all = {MQPROP_INQUIRE_ALL};
	MQCHAR name[256];
	MQBYTE value[1024];
	MQLONG type, len, cc, reason;

	impo.Options = MQIMPO_CONVERT_VALUE | MQIMPO_INQ_FIRST;
	impo.ReturnedName.VSPtr = name;
	impo.ReturnedName.VSBufSize = sizeof name;
	for (;;) {
		type = MQTYPE_AS_SET;
		MQINQMP(hconn, h, &impo, &all, &pd, &type, sizeof value, value, &len, &cc, &reason);
		if (reason == MQRC_PROPERTY_NOT_AVAILABLE) {
			printf("All properties read\n");
			return 0;
		}
		if (cc == MQCC_FAILED) {
			printf("MQINQMP ended with reason code %d\n", (int)reason);
			return 1;
		}
		printf("Name: '%.*s' Value '", (int)impo.ReturnedName.VSLength, name);
		print_value(type, value, len < (MQLONG)sizeof value ? len : (MQLONG)sizeof value);
		printf("'\n");
		impo.Options = MQIMPO_CONVERT_VALUE | MQIMPO_INQ_NEXT;
	}
}

int main(int argc, char **argv)
{
	MQCHAR48 qmname;
	MQHOBJ hobj = MQHO_UNUSABLE_HOBJ;
	MQOD od = {MQOD_DEFAULT};
	MQMD md = {MQMD_DEFAULT};
	MQPMO pmo = {MQPMO_DEFAULT};
	MQGMO gmo = {MQGMO_DEFAULT};
	MQCMHO cmho = {MQCMHO_DEFAULT};
	MQDMHO dmho = {MQDMHO_DEFAULT};
	MQHMSG put_h = MQHM_UNUSABLE_HMSG, get_h = MQHM_UNUSABLE_HMSG;
	MQLONG cc, reason, conn_reason, datalen;
	const char *qname = argc > 1 ? argv[1] : "DEV.QUEUE.1";
	const char *text = "Hello from amqsprop";
	char buf[1024];
	int failed = 0;

	printf("Sample AMQSPROP start\n");
	if (argc > 3) {
		printf("usage: amqsprop [QName [QMgrName]]\n");
		printf("Sample AMQSPROP end\n");
		return 1;
	}
	set_name(qmname, sizeof qmname, argc > 2 ? argv[2] : "");
	MQCONN(qmname, &hconn, &cc, &conn_reason);
	if (said("MQCONN", cc, conn_reason)) {
		printf("Sample AMQSPROP end\n");
		return 1;
	}
	set_name(od.ObjectName, sizeof od.ObjectName, qname);
	MQOPEN(hconn, &od, MQOO_OUTPUT | MQOO_INPUT_AS_Q_DEF | MQOO_FAIL_IF_QUIESCING, &hobj, &cc, &reason);
	failed = said("MQOPEN", cc, reason);
	if (!failed) {
		MQCRTMH(hconn, &cmho, &put_h, &cc, &reason);
		failed = said("MQCRTMH", cc, reason);
	}
	if (!failed) {
		MQCRTMH(hconn, &cmho, &get_h, &cc, &reason);
		failed = said("MQCRTMH", cc, reason);
	}
	if (!failed)
		failed = set_properties(put_h);
	if (!failed) {
		pmo.Version = MQPMO_VERSION_3;
		pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID | MQPMO_FAIL_IF_QUIESCING;
		pmo.OriginalMsgHandle = put_h;
		memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
		MQPUT(hconn, hobj, &md, &pmo, (MQLONG)strlen(text), (MQPTR)text, &cc, &reason);
		failed = said("MQPUT", cc, reason);
	}
	if (!failed) {
		/* the same message back, by its MsgId, its properties into get_h */
		gmo.Version = MQGMO_VERSION_4;
		gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_NO_WAIT | MQGMO_PROPERTIES_IN_HANDLE | MQGMO_FAIL_IF_QUIESCING;
		gmo.MatchOptions = MQMO_MATCH_MSG_ID;
		gmo.MsgHandle = get_h;
		memcpy(md.CorrelId, MQCI_NONE, sizeof md.CorrelId);
		MQGET(hconn, hobj, &md, &gmo, (MQLONG)sizeof buf, buf, &datalen, &cc, &reason);
		failed = said("MQGET", cc, reason);
		if (!failed) {
			printf("Message <%.*s>\n", (int)(datalen < (MQLONG)sizeof buf ? datalen : (MQLONG)sizeof buf), buf);
			failed = print_properties(get_h);
		}
	}
	if (put_h != MQHM_UNUSABLE_HMSG) {
		MQDLTMH(hconn, &put_h, &dmho, &cc, &reason);
		failed |= said("MQDLTMH", cc, reason);
	}
	if (get_h != MQHM_UNUSABLE_HMSG) {
		MQDLTMH(hconn, &get_h, &dmho, &cc, &reason);
		failed |= said("MQDLTMH", cc, reason);
	}
	if (hobj != MQHO_UNUSABLE_HOBJ) {
		MQCLOSE(hconn, &hobj, MQCO_NONE, &cc, &reason);
		failed |= said("MQCLOSE", cc, reason);
	}
	if (conn_reason != MQRC_ALREADY_CONNECTED) {
		MQDISC(&hconn, &cc, &reason);
		failed |= said("MQDISC", cc, reason);
	}
	printf("Sample AMQSPROP end\n");
	return failed;
}
