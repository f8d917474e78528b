/*
 * mqiserv_props.c: message properties on the queue manager's side of MQGET.
 *
 * Quire keeps a message's properties where MQ puts them on the wire: in
 * MQRFH2 headers at the front of its data (libmqm writes them there when a
 * message is put with a message handle, qm/mqi/props.c).  So they are logged,
 * recovered and imaged with the message and no store format changes.  What a
 * getter sees of them is decided here, per message, from its MQGMO property
 * options and the PROPCTL of the queue it opened (an alias's own):
 *
 *   apart  the leading MQRFH2s go back to libmqm separately from the body
 *          (the GET reply, qm/proto.h), which reads them into the getter's
 *          message handle; DataLength, BufferLength and truncation are the
 *          body's alone;
 *   strip  they are removed: the getter sees the body only;
 *   keep   the data as it was put, MQRFH2s included.
 *
 *   MQGMO option           handle given (v4)      no handle
 *   PROPERTIES_IN_HANDLE   apart                  (libmqm: MQRC_HMSG_ERROR)
 *   NO_PROPERTIES          strip                  strip
 *   FORCE_MQRFH2           keep                   keep
 *   COMPATIBILITY          keep if a folder is mcd, jms, usr or mqext, else strip
 *   AS_Q_DEF, PROPCTL ALL, V6COMPAT   apart      keep
 *                 COMPAT               apart      keep if mcd/jms/usr/mqext, else strip
 *                 FORCE                keep       keep
 *                 NONE                 strip      strip
 *
 * Only MQRFH2s whose every folder holds properties are taken (a folder named
 * psc or pscr, publish/subscribe commands, stops the walk: it and what
 * follows stay in the data), and only a well-formed chain: StrucId "RFH ",
 * Version 2, StrucLength and each NameValueLength inside the data and
 * multiples of 4, the integers in the byte order the MQMD (then each header)
 * says.  The XML inside is read by libmqm, not here.
 */
#include "qm/server/mqiserv.h"

#include <string.h>

static uint32_t get32(const uint8_t *p, int rev)
{
	return rev ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
		   : (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}

static int enc_reversed(MQLONG enc)
{
	MQLONG i = enc & MQENC_INTEGER_MASK;
	if (i == MQENC_INTEGER_NORMAL)
		return 0;
	if (i == MQENC_INTEGER_REVERSED)
		return 1;
	return (MQENC_NATIVE & MQENC_INTEGER_MASK) == MQENC_INTEGER_REVERSED;
}

/* The folder name a NameValueData starts with: 1 if it is one of names. */
static int folder_is(const uint8_t *p, uint32_t n, const char *const *names)
{
	uint32_t i = 0, k;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i >= n || p[i] != '<')
		return 0;
	i++;
	for (k = 0; names[k]; k++) {
		size_t l = strlen(names[k]);
		if (n - i > l && !memcmp(p + i, names[k], l) &&
		    (p[i + l] == '>' || p[i + l] == ' ' || p[i + l] == '/'))
			return 1;
	}
	return 0;
}

void mqi_props_split(const MQMD *mmd, const uint8_t *data, uint32_t len, struct mqi_props_split *s)
{
	static const char *const cmd[] = { "psc", "pscr", NULL };
	static const char *const compat[] = { "mcd", "jms", "usr", "mqext", NULL };
	uint32_t pos = 0;
	MQLONG enc = mmd->Encoding, ccsid = mmd->CodedCharSetId;
	char fmt[MQ_FORMAT_LENGTH];

	memset(s, 0, sizeof *s);
	s->md = *mmd;
	memcpy(fmt, mmd->Format, sizeof fmt);
	while (!memcmp(fmt, MQFMT_RF_HEADER_2, MQ_FORMAT_LENGTH) && len - pos >= MQRFH_STRUC_LENGTH_FIXED_2) {
		const uint8_t *h = data + pos;
		int rev = enc_reversed(enc), compat_here = 0;
		uint32_t sl, f;
		if (memcmp(h, MQRFH_STRUC_ID, 4) != 0 || get32(h + 4, rev) != MQRFH_VERSION_2)
			return;
		sl = get32(h + 8, rev);
		if (sl < MQRFH_STRUC_LENGTH_FIXED_2 || sl > len - pos || sl % 4)
			return;
		for (f = MQRFH_STRUC_LENGTH_FIXED_2; f < sl;) {
			uint32_t n;
			if (sl - f < 4)
				return;
			n = get32(h + f, rev);
			f += 4;
			if (n > sl - f || n % 4)
				return;
			if (folder_is(h + f, n, cmd))
				return;   /* not properties: it and what follows stay */
			if (folder_is(h + f, n, compat))
				compat_here = 1;
			f += n;
		}
		pos += sl;
		s->skip = pos;
		s->compat |= compat_here;
		enc = (MQLONG)get32(h + 12, rev);
		if ((MQLONG)get32(h + 16, rev) != MQCCSI_INHERIT)
			ccsid = (MQLONG)get32(h + 16, rev);
		memcpy(fmt, h + 20, MQ_FORMAT_LENGTH);
		s->md.Encoding = enc;
		s->md.CodedCharSetId = ccsid;
		memcpy(s->md.Format, fmt, MQ_FORMAT_LENGTH);
	}
}

int mqi_props_mode(const struct hobj *h, const MQGMO *gmo, const struct mqi_props_split *s)
{
	MQLONG o = gmo->Options;
	int handle = gmo->Version >= MQGMO_VERSION_4 && gmo->MsgHandle != MQHM_NONE && gmo->Reserved2 > 0;
	MQLONG ctl = h->obj ? h->obj->def.property_control : MQPROP_COMPATIBILITY;
	if (!s->skip)
		return MQI_PROPS_KEEP;
	if (o & MQGMO_PROPERTIES_IN_HANDLE)
		return handle ? MQI_PROPS_APART : MQI_PROPS_STRIP;
	if (o & MQGMO_NO_PROPERTIES)
		return MQI_PROPS_STRIP;
	if (o & MQGMO_PROPERTIES_FORCE_MQRFH2)
		return MQI_PROPS_KEEP;
	if (o & MQGMO_PROPERTIES_COMPATIBILITY)
		return s->compat ? MQI_PROPS_KEEP : MQI_PROPS_STRIP;
	switch (ctl) {
	case MQPROP_FORCE_MQRFH2:
		return MQI_PROPS_KEEP;
	case MQPROP_NONE:
		return MQI_PROPS_STRIP;
	case MQPROP_ALL:
	case MQPROP_V6COMPAT:
		return handle ? MQI_PROPS_APART : MQI_PROPS_KEEP;
	default:
		return handle ? MQI_PROPS_APART : s->compat ? MQI_PROPS_KEEP : MQI_PROPS_STRIP;
	}
}
