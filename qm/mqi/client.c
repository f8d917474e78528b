/*
 * client.c: libmqm's client connections (issue 15; the wire contract is
 * qm/proto.h's CHLOPEN and HEARTBEAT).
 *
 * Choosing the binding (mqm_client_choose), as MQ does:
 *   1. libmqic (this file compiled with -DMQM_IC): always a client.
 *   2. MQCNO_LOCAL_BINDING, FASTPATH, SHARED or ISOLATED: local (MQ_CONNECT_TYPE
 *      counts only for standard bindings, as MQ says).
 *   3. MQCNO_CLIENT_BINDING: a client.
 *   4. MQ_CONNECT_TYPE=CLIENT: a client; =LOCAL: local.
 *   5. Otherwise a client when any client channel is given (an MQCD by
 *      ClientConnPtr/ClientConnOffset, a CCDT URL in the MQCNO, MQSERVER,
 *      MQCCDTURL, MQCHLLIB or MQCHLTAB), else local.
 * The channel of a client connection, first found wins (IBM's order):
 *   the MQCNO's MQCD; the MQCNO's CCDT URL (Version 6+); MQSERVER;
 *   mqclient.ini's ServerConnectionParms; MQCCDTURL; MQCHLLIB + MQCHLTAB (either
 *   alone: MQCHLLIB /var/mqm, MQCHLTAB AMQCLCHL.TAB); mqclient.ini's
 *   ChannelDefinitionDirectory + ChannelDefinitionFile (clientini.c).  None of
 *   them: 2058 MQRC_Q_MGR_NAME_ERROR.  mqclient.ini alone never makes a
 *   connection a client one (rule 5 does not look at it).
 *
 * Reasons: both ClientConnPtr and ClientConnOffset set, or a CCDT that cannot
 * be read or is damaged, or a URL other than file:// or a path: 2278
 * MQRC_CLIENT_CONN_ERROR (a damaged table is also described on stderr,
 * naming the file and what is wrong).  An MQCD whose Version, ChannelType,
 * TransportType, ChannelName, ConnectionName, MaxMsgLength,
 * HeartbeatInterval or SharingConversations is not valid: 2277 MQRC_CD_ERROR.
 * MQSERVER that is not CHANNEL/TCP/conname: 2058 (IBM: a transport it does
 * not know gives 2058).  No channel of the CCDT for the name: 2058.  No
 * address answers (name not found, refused, unreachable): 2538
 * MQRC_HOST_NOT_AVAILABLE.  Something answers that is not a Quire listener
 * (a reply that is not a CHLOPEN frame): 2539 MQRC_CHANNEL_CONFIG_ERROR.  A
 * listener that closes before it answers: 2059.  The listener's refusals are
 * passed on (2540, 2537, 2035, 2058, 2059).  With several channels or
 * addresses each is tried in turn and the last failure is returned.
 *
 * The queue manager name: "QM" selects CCDT channels whose queueManager is QM
 * and the listener must serve QM (CHLOPEN sends it: 2058 otherwise); "*QM"
 * selects the same channels and accepts whatever queue manager answers;
 * blank or "*" selects channels with no queueManager and accepts any.  With an
 * MQCD or MQSERVER the name is only the check.  Channels of a CCDT are tried
 * in channel name order, those with clientWeight 0 first (Quire does not pick
 * among weighted channels at random: they follow in name order).
 *
 * Receiving (mqm_client_recv): a header is read whole first, so a HEARTBEAT
 * request (qm/proto.h) between requests is answered at once and never mixed
 * with a reply; with a negotiated heartbeat interval, nothing from the
 * queue manager for 2 x HBINT seconds breaks the connection (2009).  While no
 * call is in progress a thread of libmqm (one per process, running while
 * there are client connections) looks at each idle client socket every
 * second and answers heartbeats there, so an idle application is not dropped.
 */
#include "qm/mqi/mqm_int.h"
#include "qm/mqi/ccdt.h"
#include "qm/mqi/client_tls.h"

#include <cmqxc.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifdef MQM_IC
#define FORCE_CLIENT 1
#else
#define FORCE_CLIENT 0
#endif

#define CHLOPEN_REQ_FIXED (MQ_CHANNEL_NAME_LENGTH + 4 + 4 + 4 + 4 + MQ_Q_MGR_NAME_LENGTH + 4)
#define CHLOPEN_REP (8 + 12 + MQ_Q_MGR_NAME_LENGTH)
#define USER_HINT_MAX PROTO_CHLOPEN_HINT_MAX

void mqm_plan_free(struct mqm_plan *pl)
{
	free(pl->cds);
	pl->cds = NULL;
	pl->n = 0;
}

/* ------------------------------------------------------------------------ */
/* Sources of channels                                                      */

static MQLONG plan_one(struct mqm_plan *pl, const struct mqm_cd *cd)
{
	if (!(pl->cds = malloc(sizeof *cd)))
		return MQRC_STORAGE_NOT_AVAILABLE;
	pl->cds[0] = *cd;
	pl->n = 1;
	return MQRC_NONE;
}

/* A fixed-width MQCD field, trimmed of trailing blanks and NULs. */
static size_t field_len(const char *f, size_t width)
{
	size_t n = 0;
	while (n < width && f[n])
		n++;
	while (n > 0 && f[n - 1] == ' ')
		n--;
	return n;
}

static const size_t cd_len[13] = { 0, MQCD_LENGTH_1, MQCD_LENGTH_2, MQCD_LENGTH_3, MQCD_LENGTH_4,
				   MQCD_LENGTH_5, MQCD_LENGTH_6, MQCD_LENGTH_7, MQCD_LENGTH_8,
				   MQCD_LENGTH_9, MQCD_LENGTH_10, MQCD_LENGTH_11, MQCD_LENGTH_12 };

MQLONG mqm_cd_from_mqcd(const void *user, struct mqm_cd *cd)
{
	MQCD full = { MQCD_CLIENT_CONN_DEFAULT };
	MQLONG v;
	size_t n;
	memcpy(&v, (const char *)user + offsetof(MQCD, Version), sizeof v);
	if (v < MQCD_VERSION_1 || v > MQCD_VERSION_12)
		return MQRC_CD_ERROR;
	memcpy(&full, user, cd_len[v]);
	mqm_cd_defaults(cd);
	if (full.ChannelType != MQCHT_CLNTCONN || full.TransportType != MQXPT_TCP)
		return MQRC_CD_ERROR;
	n = field_len(full.ChannelName, sizeof full.ChannelName);
	if (!mqm_channel_name_ok(full.ChannelName, n))
		return MQRC_CD_ERROR;
	memcpy(cd->channel, full.ChannelName, n);
	cd->channel[n] = 0;
	if (v >= MQCD_VERSION_2) {
		n = field_len(full.ConnectionName, sizeof full.ConnectionName);
		if (mqm_conname_parse(full.ConnectionName, n, cd))
			return MQRC_CD_ERROR;
	} else {
		n = field_len(full.ShortConnectionName, sizeof full.ShortConnectionName);
		if (mqm_conname_parse(full.ShortConnectionName, n, cd))
			return MQRC_CD_ERROR;
	}
	if (full.MaxMsgLength < 0 || full.MaxMsgLength > 104857600)
		return MQRC_CD_ERROR;
	cd->maxmsgl = full.MaxMsgLength;
	if (v >= MQCD_VERSION_4) {
		if (full.HeartbeatInterval < 0 || full.HeartbeatInterval > 999999)
			return MQRC_CD_ERROR;
		cd->hbint = full.HeartbeatInterval;
	}
	if (v >= MQCD_VERSION_7) {
		n = field_len(full.SSLCipherSpec, sizeof full.SSLCipherSpec);
		memcpy(cd->cipher, full.SSLCipherSpec, n);
		cd->cipher[n] = 0;
		if (full.SSLPeerNameLength < 0 || full.SSLPeerNameLength > MQ_SSL_PEER_NAME_LENGTH ||
		    (full.SSLPeerNameLength > 0 && !full.SSLPeerNamePtr))
			return MQRC_CD_ERROR;
		n = full.SSLPeerNameLength ? field_len(full.SSLPeerNamePtr, (size_t)full.SSLPeerNameLength) : 0;
		if (n)
			memcpy(cd->peer, full.SSLPeerNamePtr, n);
		cd->peer[n] = 0;
	}
	if (v >= MQCD_VERSION_10) {
		if (full.DefReconnect < MQRCN_NO || full.DefReconnect > MQRCN_DISABLED)
			return MQRC_CD_ERROR;
		cd->defrecon = full.DefReconnect;
	}
	if (v >= MQCD_VERSION_11) {
		n = field_len(full.CertificateLabel, sizeof full.CertificateLabel);
		memcpy(cd->label, full.CertificateLabel, n);
		cd->label[n] = 0;
	}
	if (v >= MQCD_VERSION_9) {
		if (full.SharingConversations < 0)
			return MQRC_CD_ERROR;
		cd->sharecnv = full.SharingConversations;
	}
	return MQRC_NONE;
}

MQLONG mqm_mqserver_parse(const char *s, struct mqm_cd *cd)
{
	const char *a = strchr(s, '/'), *b = a ? strchr(a + 1, '/') : NULL;
	mqm_cd_defaults(cd);
	if (!a || !b)
		return MQRC_Q_MGR_NAME_ERROR;
	size_t cl = (size_t)(a - s);
	while (cl > 0 && s[cl - 1] == ' ')
		cl--;
	if (!mqm_channel_name_ok(s, cl))
		return MQRC_Q_MGR_NAME_ERROR;
	memcpy(cd->channel, s, cl);
	cd->channel[cl] = 0;
	if (b - a - 1 != 3 || strncasecmp(a + 1, "TCP", 3) != 0)
		return MQRC_Q_MGR_NAME_ERROR;
	if (mqm_conname_parse(b + 1, strlen(b + 1), cd))
		return MQRC_Q_MGR_NAME_ERROR;
	return MQRC_NONE;
}

/* A CCDT's text from a path or a file:// URL (2278 otherwise). */
static MQLONG ccdt_read(const char *url, char **text, size_t *len, char *path, size_t pathn)
{
	const char *p = url;
	if (strncmp(url, "file://", 7) == 0)
		p = url + 7;
	else if (strstr(url, "://"))
		return MQRC_CLIENT_CONN_ERROR;    /* http, https, ftp: not served */
	if (!*p || strlen(p) >= pathn)
		return MQRC_CLIENT_CONN_ERROR;
	snprintf(path, pathn, "%s", p);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return MQRC_CLIENT_CONN_ERROR;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (off_t)MQM_CCDT_MAX_BYTES) {
		close(fd);
		return MQRC_CLIENT_CONN_ERROR;
	}
	size_t n = (size_t)st.st_size, got = 0;
	char *t = malloc(n + 1);
	if (!t) {
		close(fd);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	while (got < n) {
		ssize_t k = read(fd, t + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	if (got != n) {
		free(t);
		return MQRC_CLIENT_CONN_ERROR;
	}
	*text = t;
	*len = n;
	return MQRC_NONE;
}

static int cd_order(const void *a, const void *b)
{
	const struct mqm_cd *x = a, *y = b;
	if ((x->weight == 0) != (y->weight == 0))
		return x->weight == 0 ? -1 : 1;
	return strcmp(x->channel, y->channel);
}

MQLONG mqm_ccdt_select(const char *text, size_t len, const char *what, const char *want, struct mqm_plan *pl)
{
	struct mqm_cd *all;
	size_t n, k = 0;
	char err[256];
	if (mqm_ccdt_parse(text, len, &all, &n, err, sizeof err) != 0) {
		fprintf(stderr, "libmqm: the client channel definition table '%s' is damaged: %s "
			"(MQRC_CLIENT_CONN_ERROR)\n", what, err);
		return MQRC_CLIENT_CONN_ERROR;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i].qmgr, want) == 0)
			all[k++] = all[i];
	if (!k) {
		free(all);
		return MQRC_Q_MGR_NAME_ERROR;
	}
	qsort(all, k, sizeof *all, cd_order);
	pl->cds = all;
	pl->n = k;
	return MQRC_NONE;
}

static MQLONG plan_ccdt(const char *url, const char *want, struct mqm_plan *pl)
{
	char *text = NULL, path[4096];
	size_t len = 0;
	MQLONG rc = ccdt_read(url, &text, &len, path, sizeof path);
	if (rc)
		return rc;
	rc = mqm_ccdt_select(text, len, path, want, pl);
	free(text);
	return rc;
}

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

static const size_t sco_len[8] = { 0, MQSCO_LENGTH_1, MQSCO_LENGTH_2, MQSCO_LENGTH_3, MQSCO_LENGTH_4,
				   MQSCO_LENGTH_5, MQSCO_LENGTH_6, MQSCO_LENGTH_7 };

MQLONG mqm_client_choose(const void *pcno, const struct mqm_cno *o, const char *name, struct mqm_plan *pl,
			 int *client)
{
	MQCNO cno = { MQCNO_DEFAULT };
	const void *cd = NULL;
	char ccdt_url[4096] = "";

	memset(pl, 0, sizeof *pl);
	*client = 0;
	memcpy(&cno, pcno, mqm_cno_len[o->version]);
	if (o->version >= MQCNO_VERSION_2) {
		if (cno.ClientConnOffset && cno.ClientConnPtr)
			return MQRC_CLIENT_CONN_ERROR;
		cd = cno.ClientConnPtr ? cno.ClientConnPtr :
		     cno.ClientConnOffset ? (const char *)pcno + cno.ClientConnOffset : NULL;
	}
	if (o->version >= MQCNO_VERSION_6 && cno.CCDTUrlLength) {
		const char *u = cno.CCDTUrlPtr ? cno.CCDTUrlPtr :
				cno.CCDTUrlOffset ? (const char *)pcno + cno.CCDTUrlOffset : NULL;
		if (cno.CCDTUrlPtr && cno.CCDTUrlOffset)
			return MQRC_CLIENT_CONN_ERROR;
		if (!u || cno.CCDTUrlLength < 0 || (size_t)cno.CCDTUrlLength >= sizeof ccdt_url)
			return MQRC_CLIENT_CONN_ERROR;
		memcpy(ccdt_url, u, (size_t)cno.CCDTUrlLength);
		ccdt_url[cno.CCDTUrlLength] = 0;
	}
	const char *server = env("MQSERVER"), *curl = env("MQCCDTURL");
	const char *lib = env("MQCHLLIB"), *tab = env("MQCHLTAB");
	const char *type = env("MQ_CONNECT_TYPE");

	if (FORCE_CLIENT)
		*client = 1;
	else if (o->options & (MQCNO_LOCAL_BINDING | MQCNO_FASTPATH_BINDING | MQCNO_SHARED_BINDING |
			       MQCNO_ISOLATED_BINDING))
		*client = 0;
	else if (o->options & MQCNO_CLIENT_BINDING)
		*client = 1;
	else if (type && strcasecmp(type, "CLIENT") == 0)
		*client = 1;
	else if (type && strcasecmp(type, "LOCAL") == 0)
		*client = 0;
	else
		*client = cd || ccdt_url[0] || server || curl || lib || tab;
	if (!*client)
		return MQRC_NONE;
	if (o->version >= MQCNO_VERSION_4 && (cno.SSLConfigPtr || cno.SSLConfigOffset)) {
		/* the MQSCO, kept for TLS (a copy: reconnection uses it after MQCONNX returns) */
		const char *u = cno.SSLConfigPtr ? (const char *)cno.SSLConfigPtr : (const char *)pcno + cno.SSLConfigOffset;
		MQLONG sv;
		if (cno.SSLConfigPtr && cno.SSLConfigOffset)
			return MQRC_SCO_ERROR;
		memcpy(&sv, u + offsetof(MQSCO, Version), sizeof sv);
		if (memcmp(u, MQSCO_STRUC_ID, 4) != 0 || sv < MQSCO_VERSION_1 || sv > MQSCO_CURRENT_VERSION)
			return MQRC_SCO_ERROR;
		MQSCO d = { MQSCO_DEFAULT };
		memcpy(&d, u, sco_len[sv]);
		d.AuthInfoRecPtr = NULL;
		d.KeyRepoPasswordPtr = NULL;
		d.HTTPSKeyStorePtr = NULL;
		pl->sco = d;
		pl->have_sco = 1;
	}

	struct mqm_clientini ini;
	mqm_clientini_read(&ini);    /* mqclient.ini (clientini.c) */
	pl->ini_defrecon = ini.defrecon;
	pl->recon_timeout = ini.recon_timeout;

	/* "*QM": any queue manager the channel reaches; QM: that one (CHLOPEN checks) */
	const char *want = name[0] == '*' ? name + 1 : name;
	if (mqm_check_qmgr_name(want) != MQRC_NONE)
		return MQRC_Q_MGR_NAME_ERROR;
	snprintf(pl->want, sizeof pl->want, "%s", want);
	pl->check_name = name[0] != '*' && name[0] != 0;

	struct mqm_cd one;
	MQLONG rc;
	if (cd) {
		if ((rc = mqm_cd_from_mqcd(cd, &one)) != 0)
			return rc;
		return plan_one(pl, &one);
	}
	if (ccdt_url[0])
		return plan_ccdt(ccdt_url, want, pl);
	if (server) {
		if ((rc = mqm_mqserver_parse(server, &one)) != 0)
			return rc;
		return plan_one(pl, &one);
	}
	if (ini.server[0]) {
		if ((rc = mqm_mqserver_parse(ini.server, &one)) != 0)
			return rc;
		return plan_one(pl, &one);
	}
	if (curl)
		return plan_ccdt(curl, want, pl);
	if (!lib && !tab && (ini.chldir[0] || ini.chlfile[0])) {
		lib = ini.chldir[0] ? ini.chldir : NULL;
		tab = ini.chlfile[0] ? ini.chlfile : NULL;
	}
	if (lib || tab) {
		char path[4096];
		if ((size_t)snprintf(path, sizeof path, "%s/%s", lib ? lib : "/var/mqm",
				     tab ? tab : "AMQCLCHL.TAB") >= sizeof path)
			return MQRC_CLIENT_CONN_ERROR;
		return plan_ccdt(path, want, pl);
	}
	return MQRC_Q_MGR_NAME_ERROR;     /* a client, and no channel anywhere */
}

int mqm_client_recon_mode(const struct mqm_plan *pl, MQLONG options)
{
	/* mqclient.ini's DefRecon over the channel's DEFRECON, as MQ */
	MQLONG def = pl->ini_defrecon >= 0 ? pl->ini_defrecon : pl->n ? pl->cds[0].defrecon : MQRCN_NO;
	if (def == MQRCN_DISABLED || (options & MQCNO_RECONNECT_DISABLED))
		return 0;
	if (options & MQCNO_RECONNECT)
		return 1;
	if (options & MQCNO_RECONNECT_Q_MGR)
		return 2;
	return def == MQRCN_YES ? 1 : def == MQRCN_Q_MGR ? 2 : 0;
}

/* ------------------------------------------------------------------------ */
/* Opening a channel                                                        */

static int handshake_seconds = MQM_HANDSHAKE_SECONDS;

void mqm_client_handshake_seconds(int s)
{
	handshake_seconds = s;
}

/* The transport seam (i15-wire.md): every byte of a client connection goes
 * through xp_send, xp_recv and xp_pending: plain TCP, or TLS (c->tls,
 * qm/mqi/client_tls.h) when the channel has a CipherSpec. */
static int xp_send(struct mqm_conn *c, struct iovec *v, int n)
{
	if (c->tls)
		return ctls_send_all(c->tls, v, n);
	return proto_send_all(c->fd, v, n);
}

static ssize_t xp_recv(struct mqm_conn *c, void *buf, size_t n)
{
	if (c->tls)
		return ctls_recv(c->tls, buf, n);
	return recv(c->fd, buf, n, 0);
}

static size_t xp_pending(struct mqm_conn *c)
{
	return c->tls ? ctls_pending(c->tls) : 0;
}

/* TLS on the connected socket, when the channel has a CipherSpec: the key
 * repository from the MQCNO's MQSCO, else MQSSLKEYR (MQ's CCDT names none);
 * the certificate label from the channel, else the MQSCO (Version 5+).  A
 * failure is said on stderr, as a damaged CCDT is (the client has no error
 * log of its own), and returned: 2381, 2393, 2398, 2399 (client_tls.h). */
static MQLONG tls_open(struct mqm_conn *c, const struct mqm_cd *cd, const struct mqm_plan *pl,
		       const struct mqm_addr *addr)
{
	char repo[MQ_SSL_KEY_REPOSITORY_LENGTH + 1], label[MQ_CERT_LABEL_LENGTH + 1], why[800];
	const MQSCO *sco = pl->have_sco ? &pl->sco : NULL;
	MQLONG rc = ctls_keyrepo(sco, NULL, repo, sizeof repo);
	if (rc != MQRC_NONE) {
		snprintf(why, sizeof why, "no key repository: set MQSSLKEYR or the MQSCO's KeyRepository");
	} else {
		snprintf(label, sizeof label, "%s", cd->label);
		if (!label[0] && sco && sco->Version >= MQSCO_VERSION_5) {
			size_t n = strnlen(sco->CertificateLabel, sizeof sco->CertificateLabel);
			while (n > 0 && sco->CertificateLabel[n - 1] == ' ')
				n--;
			memcpy(label, sco->CertificateLabel, n);
			label[n] = 0;
		}
		rc = ctls_connect(&c->tls, c->fd, cd->cipher, cd->peer, strlen(cd->peer), repo, label,
				  handshake_seconds * 1000, why, sizeof why);
	}
	if (rc != MQRC_NONE)
		fprintf(stderr, "libmqm: TLS on channel '%s' to %s(%d) failed (reason %d): %s\n", cd->channel,
			addr->host, addr->port, (int)rc, why);
	return rc;
}

int mqm_client_send(struct mqm_conn *c, struct iovec *v, int n)
{
	return c->fd >= 0 ? xp_send(c, v, n) : -1;
}

/* recv exactly n bytes, waiting at most ms for each part (-1: no limit). */
static int recv_full(struct mqm_conn *c, void *buf, size_t n, int ms)
{
	size_t got = 0;
	while (got < n) {
		if (ms >= 0 && !xp_pending(c)) {
			struct pollfd p = { .fd = c->fd, .events = POLLIN };
			int k = poll(&p, 1, ms);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				return -1;
		}
		ssize_t k = xp_recv(c, (char *)buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		got += (size_t)k;
	}
	return 0;
}

static int tcp_connect(const struct mqm_addr *a, MQLONG *rc)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *res, *ai;
	char port[8];
	int fd = -1;
	snprintf(port, sizeof port, "%d", a->port);
	if (getaddrinfo(a->host, port, &hints, &res) != 0) {
		*rc = MQRC_HOST_NOT_AVAILABLE;
		return -1;
	}
	*rc = MQRC_HOST_NOT_AVAILABLE;
	for (ai = res; ai && fd < 0; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0) {
			*rc = MQRC_RESOURCE_PROBLEM;
			continue;
		}
		struct timeval tv = { .tv_sec = handshake_seconds, .tv_usec = 0 };
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
		int r;
		do
			r = connect(fd, ai->ai_addr, ai->ai_addrlen);
		while (r < 0 && errno == EINTR);
		if (r < 0) {
			close(fd);
			fd = -1;
			*rc = MQRC_HOST_NOT_AVAILABLE;
		}
	}
	freeaddrinfo(res);
	if (fd >= 0) {
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
		struct timeval tv = { 0, 0 };
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	}
	return fd;
}

/* CHLOPEN on fd (qm/proto.h): the negotiated values and the real name. */
static MQLONG chlopen(struct mqm_conn *c, const struct mqm_cd *cd, const struct mqm_plan *pl)
{
	uint8_t req[PROTO_HDR_SIZE + CHLOPEN_REQ_FIXED + USER_HINT_MAX], rep[PROTO_HDR_SIZE + CHLOPEN_REP];
	char user[USER_HINT_MAX + 1] = "";
	struct passwd pw, *pp = NULL;
	char pwbuf[4096];
	if (getpwuid_r(geteuid(), &pw, pwbuf, sizeof pwbuf, &pp) == 0 && pp)
		snprintf(user, sizeof user, "%s", pp->pw_name);
	size_t un = strlen(user);
	uint8_t *p = req + PROTO_HDR_SIZE;
	mqm_name_put((char *)p, MQ_CHANNEL_NAME_LENGTH, cd->channel);
	p += MQ_CHANNEL_NAME_LENGTH;
	put_u32(p, PROTO_CHLOPEN_VERSION);
	put_u32(p + 4, (uint32_t)cd->maxmsgl);
	put_u32(p + 8, (uint32_t)cd->hbint);
	put_u32(p + 12, (uint32_t)cd->sharecnv);
	p += 16;
	mqm_name_put((char *)p, MQ_Q_MGR_NAME_LENGTH, pl->check_name ? pl->want : "");
	p += MQ_Q_MGR_NAME_LENGTH;
	put_u32(p, (uint32_t)un);
	p += 4;
	memcpy(p, user, un);
	p += un;
	struct proto_hdr h = { PROTO_MAGIC, (uint32_t)(p - req - PROTO_HDR_SIZE), MQM_OP_CHLOPEN, 0, 1 }, r;
	proto_hdr_encode(req, &h);
	struct iovec v = { req, (size_t)(p - req) };
	if (xp_send(c, &v, 1) != 0)
		return MQRC_Q_MGR_NOT_AVAILABLE;
	int ms = handshake_seconds * 1000;
	if (recv_full(c, rep, PROTO_HDR_SIZE, ms) != 0)
		return MQRC_Q_MGR_NOT_AVAILABLE;
	if (proto_hdr_decode(rep, &r) != 0 || r.op != MQM_OP_CHLOPEN || !(r.flags & PROTO_F_REPLY) ||
	    r.len < 8 || r.len > CHLOPEN_REP)
		return MQRC_CHANNEL_CONFIG_ERROR;
	if (recv_full(c, rep + PROTO_HDR_SIZE, r.len, ms) != 0)
		return MQRC_Q_MGR_NOT_AVAILABLE;
	const uint8_t *b = rep + PROTO_HDR_SIZE;
	MQLONG cc = (MQLONG)get_u32(b), rc = (MQLONG)get_u32(b + 4);
	if (cc == MQCC_FAILED)
		return rc ? rc : MQRC_CHANNEL_CONFIG_ERROR;
	if (r.len != CHLOPEN_REP)
		return MQRC_CHANNEL_CONFIG_ERROR;
	c->maxmsgl = (MQLONG)get_u32(b + 8);
	c->hbint = (MQLONG)get_u32(b + 12);
	if (c->hbint < 0)
		return MQRC_CHANNEL_CONFIG_ERROR;
	mqm_name_get((const char *)b + 20, MQ_Q_MGR_NAME_LENGTH, c->qmgr);
	if (pl->check_name && strcmp(c->qmgr, pl->want) != 0)
		return MQRC_Q_MGR_NAME_ERROR;
	snprintf(c->channel, sizeof c->channel, "%s", cd->channel);
	return MQRC_NONE;
}

MQLONG mqm_client_dial(struct mqm_conn *c, const struct mqm_plan *pl)
{
	MQLONG rc = MQRC_Q_MGR_NAME_ERROR;
	ctls_free(c->tls);   /* a reconnection: the broken connection's TLS (its socket is closed) */
	c->tls = NULL;
	for (size_t i = 0; i < pl->n; i++) {
		const struct mqm_cd *cd = &pl->cds[i];
		for (int a = 0; a < cd->naddr; a++) {
			int fd = tcp_connect(&cd->addr[a], &rc);
			if (fd < 0)
				continue;
			int was = c->client;
			c->fd = fd;
			c->client = 1;
			rc = cd->cipher[0] ? tls_open(c, cd, pl, &cd->addr[a]) : MQRC_NONE;
			if (rc == MQRC_NONE) {
				rc = chlopen(c, cd, pl);
				/* refused after TLS: the queue manager's TLS checks of the
				 * channel (SSLCIPH, SSLCAUTH, SSLPEER) answer 2393, or its
				 * alert ended the connection (TLS 1.3 refuses a client's
				 * certificate after the client's handshake) */
				if (rc != MQRC_NONE && c->tls && ctls_reason(c->tls))
					rc = ctls_reason(c->tls);
			}
			if (rc == MQRC_NONE)
				return MQRC_NONE;
			ctls_close(c->tls);
			c->tls = NULL;
			close(fd);
			c->fd = -1;
			c->client = was;
		}
	}
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Heartbeats                                                               */

/* The answer to a HEARTBEAT request. */
static int heartbeat_answer(struct mqm_conn *c)
{
	uint8_t hdr[PROTO_HDR_SIZE];
	struct proto_hdr h = { PROTO_MAGIC, 0, MQM_OP_HEARTBEAT, PROTO_F_REPLY, 0 };
	proto_hdr_encode(hdr, &h);
	struct iovec v = { hdr, sizeof hdr };
	pthread_mutex_lock(&c->send_lock);
	int r = c->fd >= 0 ? xp_send(c, &v, 1) : -1;
	pthread_mutex_unlock(&c->send_lock);
	return r;
}

/* How long a read may wait: 2 x the heartbeat interval (ms), or no limit. */
static int read_limit(const struct mqm_conn *c)
{
	return c->hbint > 0 ? (int)(c->hbint > 1000000 ? 2000000000 : c->hbint * 2000) : -1;
}

int mqm_client_recv(struct mqm_conn *c, uint8_t *hdr, struct mqm_rx *rx, struct proto_hdr *r)
{
	/* before MQCONNX has its handle (CONN's reply), the handshake's bound
	 * (SO_RCVTIMEO) holds, not the heartbeat rule: authentication may take
	 * its time */
	int ms = c->hconn ? read_limit(c) : -1;
	for (;;) {
		if (recv_full(c, hdr, PROTO_HDR_SIZE, ms) != 0 || proto_hdr_decode(hdr, r) != 0)
			return -1;
		if (r->op != MQM_OP_HEARTBEAT)
			break;
		if ((r->flags & PROTO_F_REPLY) || r->len != 0 || heartbeat_answer(c) != 0)
			return -1;
	}
	/* the body: fixed part, tail, the rest dropped */
	size_t left = r->len, k;
	k = left < rx->fixed_cap ? left : rx->fixed_cap;
	if (recv_full(c, rx->fixed, k, ms) != 0)
		return -1;
	left -= k;
	k = left < rx->tail_cap ? left : rx->tail_cap;
	if (k && recv_full(c, rx->tail, k, ms) != 0)
		return -1;
	left -= k;
	while (left) {
		char sink[4096];
		k = left < sizeof sink ? left : sizeof sink;
		if (recv_full(c, sink, k, ms) != 0)
			return -1;
		left -= k;
	}
	return 0;
}

/* The idle watcher: answers heartbeats on client connections no call uses. */
static pthread_mutex_t hb_lock = PTHREAD_MUTEX_INITIALIZER;
static pid_t hb_pid;            /* the process whose watcher runs, 0: none */

static void idle_one(struct mqm_conn *c, void *arg)
{
	int *count = arg;
	(*count)++;
	if (pthread_mutex_trylock(&c->call_lock) != 0)
		return;             /* a call reads the socket itself */
	for (;;) {
		if (c->fd < 0 || c->broken_rc)
			break;
		struct pollfd p = { .fd = c->fd, .events = POLLIN };
		if (!xp_pending(c) && poll(&p, 1, 0) != 1)
			break;
		uint8_t hdr[PROTO_HDR_SIZE];
		struct proto_hdr r;
		if (recv_full(c, hdr, sizeof hdr, 1000) != 0 || proto_hdr_decode(hdr, &r) != 0 ||
		    r.op != MQM_OP_HEARTBEAT || (r.flags & PROTO_F_REPLY) || r.len != 0 ||
		    heartbeat_answer(c) != 0) {
			mqm_conn_break(c);   /* closed, or not the protocol: every later call gets 2009 */
			break;
		}
	}
	pthread_mutex_unlock(&c->call_lock);
}

static void *watcher(void *arg)
{
	(void)arg;
	for (;;) {
		struct timespec ts = { 1, 0 };
		nanosleep(&ts, NULL);
		int count = 0;
		pthread_mutex_lock(&hb_lock);
		mqm_conn_each_client(idle_one, &count);
		if (!count) {
			hb_pid = 0;
			pthread_mutex_unlock(&hb_lock);
			return NULL;
		}
		pthread_mutex_unlock(&hb_lock);
	}
}

/* hb_lock is held across fork (taken before hconn.c's table lock, the order
 * the watcher takes them in), so a child never inherits it locked. */
static void hb_prepare(void) { pthread_mutex_lock(&hb_lock); }
static void hb_release(void) { pthread_mutex_unlock(&hb_lock); }
static pthread_once_t hb_once = PTHREAD_ONCE_INIT;
static void hb_setup(void) { pthread_atfork(hb_prepare, hb_release, hb_release); }

void mqm_client_watch(void)
{
	pid_t me = getpid();
	pthread_once(&hb_once, hb_setup);
	pthread_mutex_lock(&hb_lock);
	if (hb_pid != me) {     /* none yet, or its thread stayed in the parent of a fork */
		pthread_t t;
		pthread_attr_t at;
		pthread_attr_init(&at);
		pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&t, &at, watcher, NULL) == 0)
			hb_pid = me;
		pthread_attr_destroy(&at);
	}
	pthread_mutex_unlock(&hb_lock);
}
