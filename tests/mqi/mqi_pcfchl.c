/*
 * mqi_pcfchl.c: the command server's channel, listener and authentication
 * information commands (csrv/csrv_obj.c, issue 15) as a PCF client sees them
 * (t3051): CREATE/COPY/CHANGE/DELETE/INQUIRE_CHANNEL(_NAMES),
 * CREATE/COPY/CHANGE/DELETE/INQUIRE_LISTENER,
 * CREATE/COPY/CHANGE/DELETE/INQUIRE_AUTH_INFO(_NAMES), each compared with
 * MQSC's DISPLAY of the same object (sent as MQCMD_ESCAPE); the type
 * parameters (required, not served, filters) and error reasons.
 *
 * usage: mqi_pcfchl QMGR   (needs the local queue CSRV.REPLY)
 * Prints "ok N - what" lines; exits 1 if any check failed.
 */
#include <stdint.h>
#include <unistd.h>

#include <cmqc.h>
#include <cmqcfc.h>
#include <cmqxc.h>

#include "pcft.h"

/* The reply's string parameter id with its full MQ length: 1 if it is
 * exactly len bytes long. */
static int parm_len(const struct buf *r, MQLONG id, MQLONG len)
{
	MQLONG t = 0, sl;
	const unsigned char *p = find_parm(r, id, &t);
	if (!p || t != MQCFT_STRING)
		return 0;
	memcpy(&sl, p + 16, 4);
	return sl == len;
}

static void channels(void)
{
	struct buf b;
	struct replies rs;
	char text[8192], v[512], s[512];
	MQLONG iv = 0;

	cfh(&b, MQCMD_CREATE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.SVRCONN");
	cfin(&b, MQIACH_CHANNEL_TYPE, MQCHT_SVRCONN);
	cfst(&b, MQCACH_MCA_USER_ID, "app");
	cfin(&b, MQIACH_MAX_INSTANCES, 40);
	cfin(&b, MQIACH_HB_INTERVAL, 45);
	cfin(&b, MQIACH_SSL_CLIENT_AUTH, MQSCA_OPTIONAL);
	cfst(&b, MQCACH_SSL_CIPHER_SPEC, "ANY_TLS12_OR_HIGHER");
	cfst(&b, MQCACH_DESC, "made by PCF");
	expect(&b, 0, "CREATE_CHANNEL SVRCONN");
	mqsc("DISPLAY CHANNEL(PCF.SVRCONN) ALL", text, sizeof text);
	CHECK(strstr(text, "MCAUSER(app)") && strstr(text, "MAXINST(40)") && strstr(text, "HBINT(45)") &&
	      strstr(text, "SSLCAUTH(OPTIONAL)") && strstr(text, "SSLCIPH(ANY_TLS12_OR_HIGHER)") &&
	      strstr(text, "DESCR(made by PCF)"), "CREATE_CHANNEL: MQSC shows the attributes given");

	/* refusals */
	cfh(&b, MQCMD_CREATE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.NOTYPE");
	expect(&b, MQRCCF_PARM_COUNT_TOO_SMALL, "CREATE_CHANNEL without ChannelType");
	cfh(&b, MQCMD_CREATE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.SDR");
	cfin(&b, MQIACH_CHANNEL_TYPE, MQCHT_SENDER);
	expect(&b, MQRCCF_CHANNEL_TYPE_ERROR, "CREATE_CHANNEL of a sender (not served)");
	cfh(&b, MQCMD_CREATE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.SVRCONN");
	cfin(&b, MQIACH_CHANNEL_TYPE, MQCHT_SVRCONN);
	expect(&b, MQRCCF_CHANNEL_ALREADY_EXISTS, "CREATE_CHANNEL of an existing name");
	cfh(&b, MQCMD_CREATE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.BAD");
	cfin(&b, MQIACH_CHANNEL_TYPE, MQCHT_SVRCONN);
	cfin(&b, MQIACH_HB_INTERVAL, 1000000);
	expect(&b, MQRCCF_ATTR_VALUE_ERROR, "CREATE_CHANNEL HeartbeatInterval 1000000");
	cfh(&b, MQCMD_CREATE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.BAD");
	cfin(&b, MQIACH_CHANNEL_TYPE, MQCHT_SVRCONN);
	cfst(&b, MQCACH_SSL_CIPHER_SPEC, "RC4_MD5_US");
	expect(&b, MQRCCF_SSL_CIPHER_SPEC_ERROR, "CREATE_CHANNEL SSLCipherSpec RC4_MD5_US (deprecated)");
	cfh(&b, MQCMD_CREATE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.BAD");
	cfin(&b, MQIACH_CHANNEL_TYPE, MQCHT_SVRCONN);
	cfst(&b, MQCACH_SSL_PEER_NAME, "cn=lower");
	expect(&b, MQRCCF_SSL_PEER_NAME_ERROR, "CREATE_CHANNEL SSLPeerName cn=lower");
	cfh(&b, MQCMD_CREATE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.NAME.TOO.LONG.12345");
	cfin(&b, MQIACH_CHANNEL_TYPE, MQCHT_SVRCONN);
	expect(&b, MQRCCF_CFST_STRING_LENGTH_ERR, "CREATE_CHANNEL with a 23-character name");
	cfh(&b, MQCMD_CREATE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.BAD");
	cfin(&b, MQIACH_CHANNEL_TYPE, MQCHT_SVRCONN);
	cfin(&b, MQIA_MAX_Q_DEPTH, 5);
	expect(&b, MQRCCF_CFIN_PARM_ID_ERROR, "CREATE_CHANNEL with a queue's attribute");
	mqsc("DISPLAY CHANNEL(PCF.BAD)", text, sizeof text);
	CHECK(strstr(text, "AMQ8147E") != NULL, "the refused channels were not made");

	/* INQUIRE_CHANNEL: name and type always, the rest as asked */
	cfh(&b, MQCMD_INQUIRE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.SVRCONN");
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1 && head(&rs.r[0]).CompCode == MQCC_OK, "INQUIRE_CHANNEL: one reply (%d)", rs.n);
	if (rs.n == 1) {
		const struct buf *r = &rs.r[0];
		CHECK(parm_str(r, MQCACH_CHANNEL_NAME, s, sizeof s) && !strcmp(s, "PCF.SVRCONN") &&
		      parm_len(r, MQCACH_CHANNEL_NAME, MQ_CHANNEL_NAME_LENGTH), "ChannelName, 20 characters");
		CHECK(parm_int(r, MQIACH_CHANNEL_TYPE, &iv) && iv == MQCHT_SVRCONN, "ChannelType SVRCONN");
		CHECK(parm_int(r, MQIACH_MAX_INSTANCES, &iv) && iv == 40, "MaxInstances 40");
		CHECK(parm_int(r, MQIACH_SSL_CLIENT_AUTH, &iv) && iv == MQSCA_OPTIONAL, "SSLClientAuth OPTIONAL");
		CHECK(parm_int(r, MQIACH_SHARING_CONVERSATIONS, &iv) && iv == 10, "SharingConversations 10");
		CHECK(parm_int(r, MQIACH_MAX_MSG_LENGTH, &iv) && iv == 4194304, "MaxMsgLength 4194304");
		CHECK(parm_int(r, MQIACH_XMIT_PROTOCOL_TYPE, &iv) && iv == MQXPT_TCP, "TransportType TCP");
		CHECK(parm_str(r, MQCACH_MCA_USER_ID, s, sizeof s) && !strcmp(s, "app") &&
		      parm_len(r, MQCACH_MCA_USER_ID, 12), "MCAUserIdentifier app, 12 characters");
		CHECK(parm_str(r, MQCACH_SSL_CIPHER_SPEC, s, sizeof s) && !strcmp(s, "ANY_TLS12_OR_HIGHER"),
		      "SSLCipherSpec");
		mqsc("DISPLAY CHANNEL(PCF.SVRCONN) ALL", text, sizeof text);
		CHECK(mqsc_val(text, "HBINT", v, sizeof v) && parm_int(r, MQIACH_HB_INTERVAL, &iv) && atoi(v) == iv,
		      "HeartbeatInterval as MQSC shows it (%s)", v);
	}
	MQLONG only[] = { MQIACH_HB_INTERVAL };
	cfh(&b, MQCMD_INQUIRE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.*");
	cfil(&b, MQIACF_CHANNEL_ATTRS, 1, only);
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1 && parm_int(&rs.r[0], MQIACH_HB_INTERVAL, &iv) &&
	      parm_int(&rs.r[0], MQIACH_CHANNEL_TYPE, &iv) && !parm_int(&rs.r[0], MQIACH_MAX_INSTANCES, &iv),
	      "INQUIRE_CHANNEL with ChannelAttrs: the name, the type and what was asked");
	cfh(&b, MQCMD_INQUIRE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.*");
	cfin(&b, MQIACH_CHANNEL_TYPE, MQCHT_RECEIVER);
	expect(&b, MQRCCF_CHANNEL_NOT_FOUND, "INQUIRE_CHANNEL ChannelType RECEIVER: none");
	cfh(&b, MQCMD_INQUIRE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.*");
	cfin(&b, MQIACH_CHANNEL_TYPE, MQCHT_ALL);
	expect(&b, 0, "INQUIRE_CHANNEL ChannelType ALL");
	cfh(&b, MQCMD_INQUIRE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "NO.SUCH.*");
	expect(&b, MQRCCF_CHANNEL_NOT_FOUND, "INQUIRE_CHANNEL of nothing");

	/* INQUIRE_CHANNEL_NAMES: crtmqm's three and ours, 20 characters each */
	cfh(&b, MQCMD_INQUIRE_CHANNEL_NAMES);
	cfst(&b, MQCACH_CHANNEL_NAME, "*");
	call(&b, &rs);
	MQLONG t = 0;
	const unsigned char *p = rs.n == 1 ? find_parm(&rs.r[0], MQCACH_CHANNEL_NAMES, &t) : NULL;
	MQLONG cnt = -1, len = -1;
	if (p && t == MQCFT_STRING_LIST) {
		memcpy(&cnt, p + 16, 4);
		memcpy(&len, p + 20, 4);
	}
	CHECK(cnt == 4 && len == MQ_CHANNEL_NAME_LENGTH, "INQUIRE_CHANNEL_NAMES: 4 names of 20 characters (%d, %d)",
	      (int)cnt, (int)len);
	CHECK(p && cnt == 4 && !memcmp(p + 24, "PCF.SVRCONN         ", 20),
	      "INQUIRE_CHANNEL_NAMES: PCF.SVRCONN first (sorted)");

	/* CHANGE and COPY */
	cfh(&b, MQCMD_CHANGE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.SVRCONN");
	cfin(&b, MQIACH_SHARING_CONVERSATIONS, 1);
	expect(&b, MQRCCF_PARM_COUNT_TOO_SMALL, "CHANGE_CHANNEL without ChannelType");
	cfh(&b, MQCMD_CHANGE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.SVRCONN");
	cfin(&b, MQIACH_CHANNEL_TYPE, MQCHT_SVRCONN);
	cfin(&b, MQIACH_SHARING_CONVERSATIONS, 1);
	cfst(&b, MQCACH_SSL_PEER_NAME, "CN=pcf");
	expect(&b, 0, "CHANGE_CHANNEL");
	cfh(&b, MQCMD_CHANGE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "NO.SUCH");
	cfin(&b, MQIACH_CHANNEL_TYPE, MQCHT_SVRCONN);
	expect(&b, MQRCCF_CHANNEL_NOT_FOUND, "CHANGE_CHANNEL of nothing");
	cfh(&b, MQCMD_COPY_CHANNEL);
	cfst(&b, MQCACF_FROM_CHANNEL_NAME, "PCF.SVRCONN");
	cfst(&b, MQCACF_TO_CHANNEL_NAME, "PCF.COPY");
	cfin(&b, MQIACH_CHANNEL_TYPE, MQCHT_SVRCONN);
	cfin(&b, MQIACH_MAX_INSTS_PER_CLIENT, 2);
	expect(&b, 0, "COPY_CHANNEL");
	mqsc("DISPLAY CHANNEL(PCF.COPY) ALL", text, sizeof text);
	CHECK(strstr(text, "SHARECNV(1)") && strstr(text, "SSLPEER(CN=pcf)") && strstr(text, "MAXINSTC(2)") &&
	      strstr(text, "MCAUSER(app)"), "COPY_CHANNEL: the source's attributes and the request's");
	cfh(&b, MQCMD_DELETE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.COPY");
	expect(&b, 0, "DELETE_CHANNEL");
	cfh(&b, MQCMD_DELETE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.COPY");
	expect(&b, MQRCCF_CHANNEL_NOT_FOUND, "DELETE_CHANNEL again");
	cfh(&b, MQCMD_DELETE_CHANNEL);
	cfst(&b, MQCACH_CHANNEL_NAME, "PCF.SVRCONN");
	cfin(&b, MQIACF_PURGE, MQPO_YES);
	expect(&b, MQRCCF_CFIN_PARM_ID_ERROR, "DELETE_CHANNEL with Purge");
}

static void listeners(void)
{
	struct buf b;
	struct replies rs;
	char text[8192], s[512];
	MQLONG iv = 0;
	cfh(&b, MQCMD_CREATE_LISTENER);
	cfst(&b, MQCACH_LISTENER_NAME, "PCF.LSTR");
	cfin(&b, MQIACH_XMIT_PROTOCOL_TYPE, MQXPT_TCP);
	cfin(&b, MQIACH_PORT, 1499);
	cfin(&b, MQIACH_LISTENER_CONTROL, MQSVC_CONTROL_Q_MGR);
	cfst(&b, MQCACH_IP_ADDRESS, "127.0.0.1");
	expect(&b, 0, "CREATE_LISTENER");
	mqsc("DISPLAY LISTENER(PCF.LSTR) ALL", text, sizeof text);
	CHECK(strstr(text, "PORT(1499)") && strstr(text, "CONTROL(QMGR)") && strstr(text, "IPADDR(127.0.0.1)"),
	      "CREATE_LISTENER: MQSC shows the attributes given");
	cfh(&b, MQCMD_CREATE_LISTENER);
	cfst(&b, MQCACH_LISTENER_NAME, "PCF.LSTR");
	expect(&b, MQRCCF_OBJECT_ALREADY_EXISTS, "CREATE_LISTENER of an existing name");
	cfh(&b, MQCMD_CREATE_LISTENER);
	cfst(&b, MQCACH_LISTENER_NAME, "PCF.LU62");
	cfin(&b, MQIACH_XMIT_PROTOCOL_TYPE, MQXPT_LU62);
	expect(&b, MQRCCF_XMIT_PROTOCOL_TYPE_ERR, "CREATE_LISTENER LU62 (not served)");
	cfh(&b, MQCMD_CREATE_LISTENER);
	cfst(&b, MQCACH_LISTENER_NAME, "PCF.BADPORT");
	cfin(&b, MQIACH_PORT, 70000);
	expect(&b, MQRCCF_ATTR_VALUE_ERROR, "CREATE_LISTENER Port 70000");
	cfh(&b, MQCMD_INQUIRE_LISTENER);
	cfst(&b, MQCACH_LISTENER_NAME, "PCF.*");
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1, "INQUIRE_LISTENER: one reply (%d)", rs.n);
	if (rs.n == 1) {
		const struct buf *r = &rs.r[0];
		CHECK(parm_str(r, MQCACH_LISTENER_NAME, s, sizeof s) && !strcmp(s, "PCF.LSTR") &&
		      parm_len(r, MQCACH_LISTENER_NAME, MQ_LISTENER_NAME_LENGTH), "ListenerName, 48 characters");
		CHECK(parm_int(r, MQIACH_PORT, &iv) && iv == 1499, "Port 1499");
		CHECK(parm_int(r, MQIACH_LISTENER_CONTROL, &iv) && iv == MQSVC_CONTROL_Q_MGR, "StartMode QMGR");
		CHECK(parm_int(r, MQIACH_BACKLOG, &iv) && iv == 0, "Backlog 0");
		CHECK(parm_str(r, MQCACH_IP_ADDRESS, s, sizeof s) && !strcmp(s, "127.0.0.1"), "IPAddress");
	}
	cfh(&b, MQCMD_INQUIRE_LISTENER);
	cfst(&b, MQCACH_LISTENER_NAME, "PCF.*");
	cfin(&b, MQIACH_XMIT_PROTOCOL_TYPE, MQXPT_NETBIOS);
	expect(&b, MQRC_UNKNOWN_OBJECT_NAME, "INQUIRE_LISTENER TransportType NETBIOS: none");
	cfh(&b, MQCMD_CHANGE_LISTENER);
	cfst(&b, MQCACH_LISTENER_NAME, "PCF.LSTR");
	cfin(&b, MQIACH_BACKLOG, 20);
	expect(&b, 0, "CHANGE_LISTENER");
	cfh(&b, MQCMD_COPY_LISTENER);
	cfst(&b, MQCACF_FROM_LISTENER_NAME, "PCF.LSTR");
	cfst(&b, MQCACF_TO_LISTENER_NAME, "PCF.LSTR2");
	cfin(&b, MQIACH_PORT, 1500);
	expect(&b, 0, "COPY_LISTENER");
	mqsc("DISPLAY LISTENER(PCF.LSTR2) ALL", text, sizeof text);
	CHECK(strstr(text, "PORT(1500)") && strstr(text, "BACKLOG(20)") && strstr(text, "CONTROL(QMGR)"),
	      "COPY_LISTENER: the source's attributes and the request's");
	cfh(&b, MQCMD_DELETE_LISTENER);
	cfst(&b, MQCACH_LISTENER_NAME, "PCF.LSTR2");
	expect(&b, 0, "DELETE_LISTENER");
	mqsc("DISPLAY LISTENER(PCF.LSTR2)", text, sizeof text);
	CHECK(strstr(text, "AMQ8147E") != NULL, "the deleted listener is gone");
}

static void authinfo(void)
{
	struct buf b;
	struct replies rs;
	char text[8192], s[512];
	MQLONG iv = 0;
	cfh(&b, MQCMD_CREATE_AUTH_INFO);
	cfst(&b, MQCA_AUTH_INFO_NAME, "PCF.AUTH");
	cfin(&b, MQIA_AUTH_INFO_TYPE, MQAIT_IDPW_OS);
	cfin(&b, MQIA_CHECK_CLIENT_BINDING, MQCHK_REQUIRED);
	cfin(&b, MQIA_AUTHENTICATION_FAIL_DELAY, 3);
	expect(&b, 0, "CREATE_AUTH_INFO IDPWOS");
	mqsc("DISPLAY AUTHINFO(PCF.AUTH) ALL", text, sizeof text);
	CHECK(strstr(text, "CHCKCLNT(REQUIRED)") && strstr(text, "FAILDLAY(3)") && strstr(text, "CHCKLOCL(OPTIONAL)"),
	      "CREATE_AUTH_INFO: MQSC shows the attributes given and the defaults");
	cfh(&b, MQCMD_CREATE_AUTH_INFO);
	cfst(&b, MQCA_AUTH_INFO_NAME, "PCF.LDAP");
	cfin(&b, MQIA_AUTH_INFO_TYPE, MQAIT_IDPW_LDAP);
	expect(&b, MQRC_AUTH_INFO_TYPE_ERROR, "CREATE_AUTH_INFO IDPWLDAP (not served)");
	cfh(&b, MQCMD_CREATE_AUTH_INFO);
	cfst(&b, MQCA_AUTH_INFO_NAME, "PCF.NOTYPE");
	expect(&b, MQRCCF_PARM_COUNT_TOO_SMALL, "CREATE_AUTH_INFO without AuthInfoType");
	cfh(&b, MQCMD_CREATE_AUTH_INFO);
	cfst(&b, MQCA_AUTH_INFO_NAME, "PCF.BAD");
	cfin(&b, MQIA_AUTH_INFO_TYPE, MQAIT_IDPW_OS);
	cfin(&b, MQIA_CHECK_LOCAL_BINDING, 99);
	expect(&b, MQRCCF_ATTR_VALUE_ERROR, "CREATE_AUTH_INFO CheckLocalBinding 99");
	cfh(&b, MQCMD_INQUIRE_AUTH_INFO);
	cfst(&b, MQCA_AUTH_INFO_NAME, "PCF.AUTH");
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1, "INQUIRE_AUTH_INFO: one reply (%d)", rs.n);
	if (rs.n == 1) {
		const struct buf *r = &rs.r[0];
		CHECK(parm_str(r, MQCA_AUTH_INFO_NAME, s, sizeof s) && !strcmp(s, "PCF.AUTH"), "AuthInfoName");
		CHECK(parm_int(r, MQIA_AUTH_INFO_TYPE, &iv) && iv == MQAIT_IDPW_OS, "AuthInfoType IDPWOS");
		CHECK(parm_int(r, MQIA_CHECK_CLIENT_BINDING, &iv) && iv == MQCHK_REQUIRED, "CheckClient REQUIRED");
		CHECK(parm_int(r, MQIA_CHECK_LOCAL_BINDING, &iv) && iv == MQCHK_OPTIONAL, "CheckLocal OPTIONAL");
		CHECK(parm_int(r, MQIA_ADOPT_CONTEXT, &iv) && iv == MQADPCTX_YES, "AdoptContext YES");
		CHECK(parm_int(r, MQIA_AUTHENTICATION_FAIL_DELAY, &iv) && iv == 3, "FailureDelay 3");
		CHECK(parm_int(r, MQIA_AUTHENTICATION_METHOD, &iv) && iv == MQAUTHENTICATE_OS, "AuthenticationMethod OS");
	}
	cfh(&b, MQCMD_INQUIRE_AUTH_INFO_NAMES);
	cfst(&b, MQCA_AUTH_INFO_NAME, "*");
	call(&b, &rs);
	MQLONG t = 0, cnt = -1;
	const unsigned char *p = rs.n == 1 ? find_parm(&rs.r[0], MQCACF_AUTH_INFO_NAMES, &t) : NULL;
	if (p && t == MQCFT_STRING_LIST)
		memcpy(&cnt, p + 16, 4);
	CHECK(cnt == 2, "INQUIRE_AUTH_INFO_NAMES: ours and SYSTEM.DEFAULT.AUTHINFO.IDPWOS (%d)", (int)cnt);
	cfh(&b, MQCMD_INQUIRE_AUTH_INFO_NAMES);
	cfst(&b, MQCA_AUTH_INFO_NAME, "*");
	cfin(&b, MQIA_AUTH_INFO_TYPE, MQAIT_OCSP);
	call(&b, &rs);
	cnt = -1;
	p = rs.n == 1 ? find_parm(&rs.r[0], MQCACF_AUTH_INFO_NAMES, &t) : NULL;
	if (p && t == MQCFT_STRING_LIST)
		memcpy(&cnt, p + 16, 4);
	CHECK(rs.ok && cnt == 0, "INQUIRE_AUTH_INFO_NAMES AuthInfoType OCSP: an empty list (%d)", (int)cnt);
	cfh(&b, MQCMD_CHANGE_AUTH_INFO);
	cfst(&b, MQCA_AUTH_INFO_NAME, "PCF.AUTH");
	cfin(&b, MQIA_AUTH_INFO_TYPE, MQAIT_IDPW_OS);
	cfin(&b, MQIA_ADOPT_CONTEXT, MQADPCTX_NO);
	expect(&b, 0, "CHANGE_AUTH_INFO");
	cfh(&b, MQCMD_COPY_AUTH_INFO);
	cfst(&b, MQCACF_FROM_AUTH_INFO_NAME, "PCF.AUTH");
	cfst(&b, MQCACF_TO_AUTH_INFO_NAME, "PCF.AUTH2");
	cfin(&b, MQIA_AUTH_INFO_TYPE, MQAIT_IDPW_OS);
	expect(&b, 0, "COPY_AUTH_INFO");
	mqsc("DISPLAY AUTHINFO(PCF.AUTH2) ALL", text, sizeof text);
	CHECK(strstr(text, "ADOPTCTX(NO)") && strstr(text, "FAILDLAY(3)"), "COPY_AUTH_INFO: the source's attributes");
	cfh(&b, MQCMD_DELETE_AUTH_INFO);
	cfst(&b, MQCA_AUTH_INFO_NAME, "PCF.AUTH2");
	expect(&b, 0, "DELETE_AUTH_INFO");
	cfh(&b, MQCMD_DELETE_AUTH_INFO);
	cfst(&b, MQCA_AUTH_INFO_NAME, "PCF.AUTH2");
	expect(&b, MQRC_UNKNOWN_OBJECT_NAME, "DELETE_AUTH_INFO again");
	/* the queue manager's: CHANGE_Q_MGR ConnAuth, ChlauthRecords */
	cfh(&b, MQCMD_CHANGE_Q_MGR);
	cfst(&b, MQCA_CONN_AUTH, "PCF.AUTH");
	cfin(&b, MQIA_CHLAUTH_RECORDS, MQCHLA_DISABLED);
	expect(&b, 0, "CHANGE_Q_MGR ConnAuth, ChlauthRecords");
	mqsc("DISPLAY QMGR CONNAUTH CHLAUTH", text, sizeof text);
	CHECK(strstr(text, "CONNAUTH(PCF.AUTH)") && strstr(text, "CHLAUTH(DISABLED)"), "MQSC shows them");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mqi_pcfchl QMGR\n");
		return 2;
	}
	if (pcft_open(argv[1]))
		return 2;
	channels();
	listeners();
	authinfo();
	return pcft_close();
}
