/*
 * clientini.c: the client configuration file, mqclient.ini: its CHANNELS
 * stanza, for client connections (client.c, reconn.c).
 *
 * Found as MQ finds it, the first that can be read: the file MQCLNTCF names
 * (a path or a file: URL), mqclient.ini in the working directory,
 * mqclient.ini in the data directory ($MQ_DATA_PATH, else /var/mqm), and
 * .mqclient.ini in $HOME.  A file that cannot be read is passed over, as MQ
 * does.
 *
 * Format (as qm.ini): a stanza starts with a line "NAME:", its attributes are
 * "Name=Value" lines below it; blanks around names and values are dropped,
 * names and stanza names are matched without regard to case; lines starting
 * with '#' or ';' and blank lines are comments.  Read from CHANNELS:
 *   ServerConnectionParms        CHANNEL/TCP/conname, as MQSERVER (used after
 *                                MQSERVER, before MQCCDTURL and MQCHLLIB)
 *   ChannelDefinitionDirectory   as MQCHLLIB  } used after MQCCDTURL and
 *   ChannelDefinitionFile        as MQCHLTAB  } MQCHLLIB/MQCHLTAB
 *   DefRecon                     NO, YES, QMGR or DISABLED: the reconnection
 *                                of a connection whose MQCNO asks for none;
 *                                over the channel's DEFRECON (DISABLED turns
 *                                a request off, as MQ)
 *   MQReconnectTimeout           seconds (0..999999999): how long a
 *                                reconnection goes on (default 1800)
 * Anything else is not used.  A value Quire cannot take is said on stderr
 * (the file, line and what is wrong) and not used.  The file alone never
 * makes a connection a client one: libmqm chooses local or client as
 * client.c says, and the file supplies channels and settings once it is a
 * client (MQ's server library would also try a local connection first).
 */
#include "qm/mqi/mqm_int.h"

#include <cmqxc.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = 0;
	return s;
}

static void bad(const char *path, int line, const char *what)
{
	fprintf(stderr, "libmqm: %s line %d: %s; not used\n", path, line, what);
}

static void copy(char *out, size_t n, const char *v, const char *path, int line, const char *name)
{
	if (strlen(v) >= n) {
		char msg[160];
		snprintf(msg, sizeof msg, "%s is longer than %zu characters", name, n - 1);
		bad(path, line, msg);
		return;
	}
	snprintf(out, n, "%s", v);
}

int mqm_clientini_parse(FILE *f, const char *path, struct mqm_clientini *ci)
{
	char buf[4200];
	int line = 0, in_channels = 0;
	while (fgets(buf, sizeof buf, f)) {
		line++;
		char *s = trim(buf);
		if (!*s || *s == '#' || *s == ';')
			continue;
		size_t n = strlen(s);
		if (s[n - 1] == ':' && !strchr(s, '=')) {
			s[n - 1] = 0;
			in_channels = strcasecmp(trim(s), "CHANNELS") == 0;
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq) {
			bad(path, line, "a line that is neither a stanza nor Name=Value");
			continue;
		}
		if (!in_channels)
			continue;
		*eq = 0;
		char *k = trim(s), *v = trim(eq + 1);
		if (!strcasecmp(k, "ServerConnectionParms")) {
			copy(ci->server, sizeof ci->server, v, path, line, k);
		} else if (!strcasecmp(k, "ChannelDefinitionDirectory")) {
			copy(ci->chldir, sizeof ci->chldir, v, path, line, k);
		} else if (!strcasecmp(k, "ChannelDefinitionFile")) {
			copy(ci->chlfile, sizeof ci->chlfile, v, path, line, k);
		} else if (!strcasecmp(k, "DefRecon")) {
			if (!strcasecmp(v, "NO"))
				ci->defrecon = MQRCN_NO;
			else if (!strcasecmp(v, "YES"))
				ci->defrecon = MQRCN_YES;
			else if (!strcasecmp(v, "QMGR"))
				ci->defrecon = MQRCN_Q_MGR;
			else if (!strcasecmp(v, "DISABLED"))
				ci->defrecon = MQRCN_DISABLED;
			else
				bad(path, line, "DefRecon must be NO, YES, QMGR or DISABLED");
		} else if (!strcasecmp(k, "MQReconnectTimeout")) {
			char *e;
			long t = strtol(v, &e, 10);
			if (!*v || *e || t < 0 || t > 999999999)
				bad(path, line, "MQReconnectTimeout must be a number of seconds from 0 to 999999999");
			else
				ci->recon_timeout = t;
		}
	}
	return 0;
}

void mqm_clientini_read(struct mqm_clientini *ci)
{
	char cand[4][4200];
	int nc = 0;
	memset(ci, 0, sizeof *ci);
	ci->defrecon = -1;
	ci->recon_timeout = -1;
	const char *e = getenv("MQCLNTCF");
	if (e && *e)
		snprintf(cand[nc++], sizeof cand[0], "%s", strncmp(e, "file:", 5) == 0 ?
			 (strncmp(e, "file://", 7) == 0 ? e + 7 : e + 5) : e);
	snprintf(cand[nc++], sizeof cand[0], "mqclient.ini");
	const char *d = getenv("MQ_DATA_PATH");
	snprintf(cand[nc++], sizeof cand[0], "%s/mqclient.ini", d && *d ? d : "/var/mqm");
	const char *h = getenv("HOME");
	if (h && *h)
		snprintf(cand[nc++], sizeof cand[0], "%s/.mqclient.ini", h);
	for (int i = 0; i < nc; i++) {
		FILE *f = fopen(cand[i], "re");
		if (!f)
			continue;           /* not there, or not readable: the next, as MQ */
		snprintf(ci->path, sizeof ci->path, "%s", cand[i]);
		ci->found = 1;
		mqm_clientini_parse(f, cand[i], ci);
		fclose(f);
		return;
	}
}
