/*
 * authn.c: connection authentication (authn.h has the policy, the threads and
 * the calling sequence).
 *
 * A job: one MQCONN's user id and password, in a page of its own mapped with
 * MADV_DONTDUMP (so a core dump never shows it), queued to the workers.  A
 * worker checks it (check_os or check_pam), wipes the password, and puts the
 * job on the done list and writes the eventfd.  The loop (authn_poll) takes
 * the done jobs: a connection that went away meanwhile is let go; a proved
 * user is adopted (ADOPTCTX YES) and MQCONN answered; a failure is written to
 * the error log at once (AMQ5534E and AMQ5542I) and answered 2035 when its
 * FAILDLAY is over (authn_timer).
 *
 * Error log entries (MQ's numbers, our words; qm/home/msgcat.c):
 *   AMQ5534E  the user id and password given could not be proved (wrong
 *             password, unknown or locked user, PAM refusal)
 *   AMQ5540E  the application gave no user id and password and the policy
 *             requires them
 *   AMQ5541E  which setting required them: CHCKLOCL(REQUIRED) ...
 *   AMQ5542I  which setting checked the ones given: CHCKLOCL(OPTIONAL) ...
 * The user id in an insert has its control characters shown as '?' and is cut
 * to 64 bytes; the password never appears.
 */
#include "qm/server/authn.h"

#include <crypt.h>
#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <security/pam_appl.h>
#include <shadow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "cmqcfc.h"
#include "log/qmerr.h"
#include "objects/objdef.h"
#include "qm/home/msgcat.h"
#include "qm/proto.h"
#include "qm/qmrun.h"
#include "qm/server/channel.h"
#include "qm/server/conn.h"
#include "qm/store/objstore.h"

char authn_tag;

enum { CHK_OK = 0, CHK_BAD = 1 };

struct job {
	struct job *next;
	struct conn *c;
	int64_t due_ms;                  /* a failure's reply: when FAILDLAY is over */
	MQLONG method;                   /* MQAUTHENTICATE_* */
	int result;                      /* CHK_OK, CHK_BAD */
	uid_t uid;                       /* the proved user's */
	int checked_by;                  /* the MQCHK_* setting that asked for the check */
	int by_rule;                     /* ... a CHLAUTH mapping's CHCKCLNT, not the AUTHINFO's */
	char channel[MQ_CHANNEL_NAME_LENGTH + 1];
	int client;
	char rhost[MQ_CONN_NAME_LENGTH + 1];   /* a client's address, for PAM_RHOST ("" for local) */
	char user[PROTO_CSP_USER_MAX + 1];
	char password[MQ_CSP_PASSWORD_LENGTH + 1];
	struct crypt_data cd;            /* crypt_r's state: holds the password too */
};

struct authn {
	struct authn_policy pol;
	int bad_policy;                  /* CONNAUTH is not usable: refuse what it would check */
	char why[200];                   /* ... and why (AMQ7925E) */
	int64_t said_ms;                 /* when AMQ7925E was last written */
	int efd;                         /* workers -> loop */
	int in_epoll;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_cond_t ended;             /* a worker ended (authn_shutdown waits) */
	struct job *todo, **todo_tail;   /* queued for the workers */
	struct job *done;                /* checked, for the loop */
	unsigned nthreads, idle;
	int quit;
	struct job *delayed;             /* failures waiting for FAILDLAY (loop only) */
};

static struct authn *get(struct qm *qm)
{
	if (qm->authn)
		return qm->authn;
	struct authn *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->efd = -1;
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->cond, NULL);
	pthread_cond_init(&a->ended, NULL);
	a->todo_tail = &a->todo;
	qm->authn = a;
	return a;
}

const struct authn_policy *authn_policy(const struct qm *qm)
{
	static const struct authn_policy none;
	return qm->authn ? &qm->authn->pol : &none;
}

/* ---- jobs: pages that never go into a core dump ------------------------------------- */

static struct job *job_new(void)
{
	void *p = mmap(NULL, sizeof(struct job), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	madvise(p, sizeof(struct job), MADV_DONTDUMP);
	return p;
}

static void job_free(struct job *j)
{
	explicit_bzero(j, sizeof *j);
	munmap(j, sizeof *j);
}

/* ---- the checks (worker threads) ---------------------------------------------------- */

static void no_delay(int retval, unsigned usec_delay, void *appdata)
{
	(void)retval;
	(void)usec_delay;
	(void)appdata;
}

/* PAM's conversation: the password for a prompt that hides what is typed,
 * the user id for one that shows it; nothing else is answered. */
static int conv(int n, const struct pam_message **msg, struct pam_response **resp, void *appdata)
{
	struct job *j = appdata;
	if (n <= 0 || n > PAM_MAX_NUM_MSG)
		return PAM_CONV_ERR;
	struct pam_response *r = calloc((size_t)n, sizeof *r);
	if (!r)
		return PAM_BUF_ERR;
	for (int i = 0; i < n; i++) {
		const char *give = NULL;
		if (msg[i]->msg_style == PAM_PROMPT_ECHO_OFF)
			give = j->password;
		else if (msg[i]->msg_style == PAM_PROMPT_ECHO_ON)
			give = j->user;
		else if (msg[i]->msg_style == PAM_ERROR_MSG || msg[i]->msg_style == PAM_TEXT_INFO)
			continue;
		else
			give = NULL;
		if (!give || !(r[i].resp = strdup(give))) {
			for (int k = 0; k < i; k++)
				if (r[k].resp) {
					explicit_bzero(r[k].resp, strlen(r[k].resp));
					free(r[k].resp);
				}
			free(r);
			return PAM_CONV_ERR;
		}
	}
	*resp = r;   /* PAM frees the answers (its modules wipe the password first) */
	return PAM_SUCCESS;
}

static int check_pam(struct job *j)
{
	struct pam_conv pc = { conv, j };
	pam_handle_t *ph = NULL;
	int r = pam_start(AUTHN_PAM_SERVICE, j->user, &pc, &ph);
	if (r != PAM_SUCCESS)
		return CHK_BAD;
	pam_set_item(ph, PAM_FAIL_DELAY, (const void *)no_delay);   /* FAILDLAY is the delay */
	if (j->rhost[0])
		pam_set_item(ph, PAM_RHOST, j->rhost);   /* where a client came from, for PAM's modules */
	r = pam_authenticate(ph, PAM_SILENT | PAM_DISALLOW_NULL_AUTHTOK);
	if (r == PAM_SUCCESS)
		r = pam_acct_mgmt(ph, PAM_SILENT | PAM_DISALLOW_NULL_AUTHTOK);
	pam_end(ph, r);
	return r == PAM_SUCCESS ? CHK_OK : CHK_BAD;
}

/* Compare without stopping at the first difference. */
static int same(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char d = la != lb;
	for (size_t i = 0; i < la && i < lb; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

static int check_os(struct job *j)
{
	char buf[4096];
	struct spwd sp, *spp = NULL;
	const char *hash = NULL;
	if (getspnam_r(j->user, &sp, buf, sizeof buf, &spp) == 0 && spp) {
		hash = spp->sp_pwdp;
		if (spp->sp_expire > 0 && (long)(time(NULL) / 86400) >= spp->sp_expire)
			hash = NULL;   /* the account has expired */
	} else {
		struct passwd pw, *pwp = NULL;
		if (getpwnam_r(j->user, &pw, buf, sizeof buf, &pwp) == 0 && pwp && pwp->pw_passwd &&
		    strcmp(pwp->pw_passwd, "x") != 0)
			hash = pwp->pw_passwd;
	}
	/* no entry, no password set, or locked ('!' or '*'): nothing proves it */
	if (!hash || !hash[0] || hash[0] == '!' || hash[0] == '*' || !j->password[0])
		return CHK_BAD;
	const char *out = crypt_r(j->password, hash, &j->cd);
	int ok = out && out[0] != '*' && same(out, hash);
	explicit_bzero(buf, sizeof buf);
	return ok ? CHK_OK : CHK_BAD;
}

static void *worker(void *arg)
{
	struct authn *a = arg;
	pthread_mutex_lock(&a->lock);
	for (;;) {
		while (!a->todo && !a->quit) {
			a->idle++;
			pthread_cond_wait(&a->cond, &a->lock);
			a->idle--;
		}
		if (a->quit)
			break;
		struct job *j = a->todo;
		a->todo = j->next;
		if (!a->todo)
			a->todo_tail = &a->todo;
		pthread_mutex_unlock(&a->lock);

		j->result = j->method == MQAUTHENTICATE_PAM ? check_pam(j) : check_os(j);
		if (j->result == CHK_OK) {
			char buf[4096];
			struct passwd pw, *pwp = NULL;
			if (getpwnam_r(j->user, &pw, buf, sizeof buf, &pwp) == 0 && pwp)
				j->uid = pwp->pw_uid;
			else
				j->result = CHK_BAD;   /* PAM proved a name the system does not know */
		}
		explicit_bzero(j->password, sizeof j->password);
		explicit_bzero(&j->cd, sizeof j->cd);

		pthread_mutex_lock(&a->lock);
		j->next = a->done;
		a->done = j;
		uint64_t one = 1;
		if (write(a->efd, &one, sizeof one) < 0) {
			/* an eventfd's counter cannot overflow here; the loop reads it */
		}
	}
	a->nthreads--;
	pthread_cond_signal(&a->ended);
	pthread_mutex_unlock(&a->lock);
	return NULL;
}

/* Queue j; a worker is started when none is idle (up to AUTHN_THREADS). */
static int submit(struct qm *qm, struct authn *a, struct job *j)
{
	if (a->efd < 0) {
		a->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (a->efd < 0)
			return -1;
	}
	if (!a->in_epoll) {
		struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &authn_tag };
		if (epoll_ctl(qm->epfd, EPOLL_CTL_ADD, a->efd, &ev) != 0)
			return -1;
		a->in_epoll = 1;
	}
	pthread_mutex_lock(&a->lock);
	if (!a->idle && a->nthreads < AUTHN_THREADS) {
		pthread_t t;
		pthread_attr_t at;
		pthread_attr_init(&at);
		pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&t, &at, worker, a) == 0)
			a->nthreads++;
		pthread_attr_destroy(&at);
		if (!a->nthreads) {
			pthread_mutex_unlock(&a->lock);
			return -1;
		}
	}
	j->next = NULL;
	*a->todo_tail = j;
	a->todo_tail = &j->next;
	pthread_cond_signal(&a->cond);
	pthread_mutex_unlock(&a->lock);
	return 0;
}

/* ---- administrators --------------------------------------------------------------- */

static int in_group_mqm(const char *name, gid_t primary)
{
	char buf[4096];
	struct group g, *gp = NULL;
	if (getgrnam_r("mqm", &g, buf, sizeof buf, &gp) != 0 || !gp)
		return 0;
	gid_t mqm = gp->gr_gid;
	if (primary == mqm)
		return 1;
	gid_t groups[256];
	int n = 256;
	if (getgrouplist(name, primary, groups, &n) < 0)
		return 0;   /* more than 256 groups: only the first are looked at */
	for (int i = 0; i < n; i++)
		if (groups[i] == mqm)
			return 1;
	return 0;
}

int authn_is_admin_uid(const struct qm *qm, uid_t uid)
{
	if (uid == 0 || uid == qm->uid)
		return 1;
	char buf[4096];
	struct passwd pw, *pwp = NULL;
	if (getpwuid_r(uid, &pw, buf, sizeof buf, &pwp) != 0 || !pwp)
		return 0;
	return in_group_mqm(pwp->pw_name, pwp->pw_gid);
}

int authn_is_admin_name(const struct qm *qm, const char *user)
{
	char buf[4096];
	struct passwd pw, *pwp = NULL;
	if (!user[0] || getpwnam_r(user, &pw, buf, sizeof buf, &pwp) != 0 || !pwp)
		return 0;
	if (pwp->pw_uid == 0 || pwp->pw_uid == qm->uid)
		return 1;
	return in_group_mqm(pwp->pw_name, pwp->pw_gid);
}

/* ---- the policy ----------------------------------------------------------------------- */

/* The AUTHINFO object named, into p: 0, or -1 with err. */
static int load_authinfo(struct qm *qm, struct authn_policy *p, char *err, size_t n)
{
	struct objdef def;
	char why[256];
	int rc = objstore_load(&qm->os, OBJDEF_AUTHINFO, p->name, &def, why, sizeof why);
	if (rc == QM_OK) {
		if (def.auth_info_type != MQAIT_IDPW_OS) {
			snprintf(err, n, "it is not of AUTHTYPE(IDPWOS)");
			return -1;
		}
		p->chcklocl = def.check_local;
		p->chckclnt = def.check_client;
		p->adoptctx = def.adopt_context;
		p->faildlay = def.auth_fail_delay;
		p->method = def.authentication_method;
		return 0;
	}
	if (rc != QM_ENOTFOUND) {
		snprintf(err, n, "%s", why);
		return -1;
	}
	snprintf(err, n, "no authentication information object has that name");
	return -1;
}

static const char *chk_name(MQLONG v)
{
	switch (v) {
	case MQCHK_NONE: return "NONE";
	case MQCHK_OPTIONAL: return "OPTIONAL";
	case MQCHK_REQUIRED: return "REQUIRED";
	case MQCHK_REQUIRED_ADMIN: return "REQDADM";
	default: return "?";
	}
}

int authn_refresh(struct qm *qm, char *err, size_t n)
{
	struct authn *a = get(qm);
	if (!a) {
		snprintf(err, n, "out of memory");
		return -1;
	}
	char name[MQ_AUTH_INFO_NAME_LENGTH + 1] = "";
	snprintf(name, sizeof name, "%s", qm->os.qmgr.conn_auth);
	size_t l = strlen(name);
	while (l && name[l - 1] == ' ')
		name[--l] = 0;
	struct authn_policy p = { 0 };
	if (!name[0]) {
		a->pol = p;
		a->bad_policy = 0;
		return 0;
	}
	snprintf(p.name, sizeof p.name, "%s", name);
	if (load_authinfo(qm, &p, err, n) != 0) {
		/* as if every check were asked for and none could pass */
		a->pol = p;
		a->pol.active = 1;
		a->bad_policy = 1;
		snprintf(a->why, sizeof a->why, "%s", err);
		a->said_ms = qm_now_ms();
		ERRLOG(&qm->el, AMQ_AUTHN_CONNAUTH_BAD, p.name, a->why);
		return -1;
	}
	p.active = 1;
	a->pol = p;
	a->bad_policy = 0;
	return 0;
}

/* ---- MQCONN ------------------------------------------------------------------------------ */

/* A user id fit for an insert: control characters as '?', at most 64 bytes. */
static void shown(char *out, size_t n, const char *user)
{
	size_t i = 0;
	for (; user[i] && i + 1 < n && i < 64; i++)
		out[i] = (unsigned char)user[i] < 0x20 || user[i] == 0x7f ? '?' : user[i];
	out[i] = 0;
}

/* The setting named when a CHLAUTH record's CHCKCLNT asked for the check:
 * "CHLAUTH CHCKCLNT(x)" of the channel. */
static void say_rule(struct qm *qm, int msgid, MQLONG v, const char *channel)
{
	char setting[64];
	snprintf(setting, sizeof setting, "CHLAUTH CHCKCLNT(%s)", chk_name(v));
	ERRLOG(&qm->el, msgid, setting, channel);
}

static void say_setting(struct qm *qm, int msgid, int client, MQLONG v)
{
	char setting[64];
	snprintf(setting, sizeof setting, "%s(%s)", client ? "CHCKCLNT" : "CHCKLOCL", chk_name(v));
	ERRLOG(&qm->el, msgid, setting, authn_policy(qm)->name);
}

int authn_conn(struct qm *qm, struct conn *c, const struct authn_cred *cred)
{
	struct authn *a = qm->authn;   /* made by authn_refresh at the start: none, no policy */
	char user[PROTO_CSP_USER_MAX + 1];
	size_t ul = cred->ulen;
	/* the user id as given, without trailing blanks and NULs (a blank-padded field) */
	while (ul && (cred->user[ul - 1] == ' ' || cred->user[ul - 1] == 0))
		ul--;
	memcpy(user, cred->user, ul);
	user[ul] = 0;
	int given = cred->auth == PROTO_AUTH_USER_PWD && ul > 0;
	int rc = AUTHN_PASS;

	/* a CHLAUTH mapping's CHCKCLNT (REQUIRED, REQDADM; ASQMGR: none) for a
	 * client: stricter than the AUTHINFO's, never looser, and nothing to
	 * check it against without CONNAUTH (MQ: the connection fails) */
	MQLONG rule = c->client ? c->chl_chckclnt : MQCHK_AS_Q_MGR;
	if (rule != MQCHK_REQUIRED && rule != MQCHK_REQUIRED_ADMIN)
		rule = MQCHK_AS_Q_MGR;
	if ((!a || !a->pol.active) && rule != MQCHK_AS_Q_MGR && c->pid != qm->pid) {
		ERRLOG(&qm->el, AMQ_AUTHN_NO_CREDENTIALS, c->appname);
		say_rule(qm, AMQ_AUTHN_REQUIRED_BY, rule, c->channel);
		rc = AUTHN_REFUSE;
		goto out;
	}
	if (!a || !a->pol.active || c->pid == qm->pid) {
		/* no CONNAUTH, or the queue manager's own threads (its command server) */
		goto out;
	}
	MQLONG chk = c->client ? a->pol.chckclnt : a->pol.chcklocl;
	/* strictness: OPTIONAL < REQDADM < REQUIRED; NONE stays NONE */
	int by_rule = 0;
	if (rule != MQCHK_AS_Q_MGR && chk != MQCHK_NONE && (chk == MQCHK_OPTIONAL || rule == MQCHK_REQUIRED) &&
	    chk != rule) {
		chk = rule;
		by_rule = 1;
	}
	if (a->bad_policy) {
		int64_t now = qm_now_ms();
		if (now - a->said_ms >= 60000) {   /* once a minute at most */
			a->said_ms = now;
			ERRLOG(&qm->el, AMQ_AUTHN_CONNAUTH_BAD, a->pol.name, a->why);
		}
		rc = AUTHN_REFUSE;
		goto out;
	}
	if (chk == MQCHK_NONE)
		goto out;
	if (!given) {
		int need = chk == MQCHK_REQUIRED ||
			   (chk == MQCHK_REQUIRED_ADMIN &&
			    (c->client ? authn_is_admin_name(qm, c->user) : authn_is_admin_uid(qm, c->uid)));
		if (need) {
			ERRLOG(&qm->el, AMQ_AUTHN_NO_CREDENTIALS, c->appname);
			if (by_rule)
				say_rule(qm, AMQ_AUTHN_REQUIRED_BY, chk, c->channel);
			else
				say_setting(qm, AMQ_AUTHN_REQUIRED_BY, c->client, chk);
			rc = AUTHN_REFUSE;
		}
		goto out;
	}
	/* given: checked under OPTIONAL, REQUIRED and REQDADM alike */
	if (memchr(user, 0, ul)) {
		/* a NUL inside the user id: no system user has that name */
		char shown_user[80];
		shown(shown_user, sizeof shown_user, user);
		ERRLOG(&qm->el, AMQ_AUTHN_FAILED, shown_user, c->appname);
		if (by_rule)
			say_rule(qm, AMQ_AUTHN_CHECKED_BY, chk, c->channel);
		else
			say_setting(qm, AMQ_AUTHN_CHECKED_BY, c->client, chk);
		rc = AUTHN_REFUSE;
		goto out;
	}
	struct job *j = job_new();
	if (!j) {
		rc = AUTHN_REFUSE;
		goto out;
	}
	memcpy(j->user, user, ul + 1);
	size_t pl = cred->plen;
	memcpy(j->password, cred->password, pl);
	j->password[pl] = 0;   /* a password stops at its first NUL, as a C string does */
	j->method = a->pol.method;
	j->checked_by = (int)chk;
	j->by_rule = by_rule;
	snprintf(j->channel, sizeof j->channel, "%s", c->channel);
	j->client = c->client;
	snprintf(j->rhost, sizeof j->rhost, "%s", c->client ? c->conname : "");
	j->c = c;
	c->refs++;
	if (submit(qm, a, j) != 0) {
		conn_unref(qm, c);
		job_free(j);
		rc = AUTHN_REFUSE;
		goto out;
	}
	rc = AUTHN_PARKED;
out:
	explicit_bzero(cred->password, cred->plen);
	explicit_bzero(user, sizeof user);
	return rc;
}

static void answer(struct qm *qm, struct job *j)
{
	struct conn *c = j->c;
	if (!c->dead && !c->broken) {
		if (j->result == CHK_OK) {
			/* adopted, cut to the 12 characters of a UserIdentifier as MQ
			 * cuts an OS or PAM user id it adopts */
			/* (a CHLAUTH mapping's MCAUSER comes after ADOPTCTX in MQ's
			 * order: a mapped client keeps it) */
			MQLONG rc = MQRC_NONE;
			if (authn_policy(qm)->adoptctx == MQADPCTX_YES && !(c->client && c->chl_mapuser[0])) {
				snprintf(c->user, sizeof c->user, "%s", j->user);
				c->uid = j->uid;
				/* the channel's BLOCKUSER records see the adopted
				 * user too (an administrator proved on a channel
				 * that blocks them is refused, as MQ's) */
				if (c->client)
					rc = chl_auth_adopted(qm, c);
			}
			mqi_conn_finish(qm, c, rc);
		} else {
			mqi_conn_finish(qm, c, MQRC_NOT_AUTHORIZED);
		}
	}
	conn_unref(qm, c);
	job_free(j);
}

void authn_poll(struct qm *qm)
{
	struct authn *a = qm->authn;
	if (!a || a->efd < 0)
		return;
	uint64_t v;
	if (read(a->efd, &v, sizeof v) < 0 && errno != EAGAIN)
		return;
	pthread_mutex_lock(&a->lock);
	struct job *d = a->done;
	a->done = NULL;
	pthread_mutex_unlock(&a->lock);
	/* the list is newest first: answer in the order they were done */
	struct job *rev = NULL;
	while (d) {
		struct job *nx = d->next;
		d->next = rev;
		rev = d;
		d = nx;
	}
	int64_t now = qm_now_ms();
	for (struct job *j = rev, *nx; j; j = nx) {
		nx = j->next;
		if (j->result == CHK_OK) {
			answer(qm, j);
			continue;
		}
		char shown_user[80];
		shown(shown_user, sizeof shown_user, j->user);
		ERRLOG(&qm->el, AMQ_AUTHN_FAILED, shown_user, j->c->appname);
		if (j->by_rule)
			say_rule(qm, AMQ_AUTHN_CHECKED_BY, j->checked_by, j->channel);
		else
			say_setting(qm, AMQ_AUTHN_CHECKED_BY, j->client, j->checked_by);
		MQLONG dl = authn_policy(qm)->faildlay;
		if (dl <= 0) {
			answer(qm, j);
			continue;
		}
		j->due_ms = now + (int64_t)dl * 1000;
		j->next = a->delayed;
		a->delayed = j;
	}
}

int64_t authn_timer(struct qm *qm, int64_t now_ms)
{
	struct authn *a = qm->authn;
	int64_t next = INT64_MAX;
	if (!a)
		return next;
	for (struct job **pp = &a->delayed; *pp;) {
		struct job *j = *pp;
		if (j->due_ms <= now_ms || qm->state != QM_RUNNING) {
			*pp = j->next;
			answer(qm, j);
			continue;
		}
		if (j->due_ms < next)
			next = j->due_ms;
		pp = &j->next;
	}
	return next;
}

int authn_rt_refresh(void *arg, int32_t sectype, char *msg, size_t n)
{
	struct qm *qm = arg;
	if (sectype != MQSECTYPE_CONNAUTH)
		return 0;   /* no cache of authorities or TLS settings to read again */
	char err[256];
	if (authn_refresh(qm, err, sizeof err) != 0) {
		const char *ins[2] = { authn_policy(qm)->name, err };
		msgcat_format(msg, n, AMQ_AUTHN_CONNAUTH_BAD, ins, 2);
		return -1;
	}
	return 0;
}

void authn_shutdown(struct qm *qm)
{
	struct authn *a = qm->authn;
	if (!a)
		return;
	pthread_mutex_lock(&a->lock);
	a->quit = 1;
	struct job *t = a->todo;
	a->todo = NULL;
	a->todo_tail = &a->todo;
	pthread_cond_broadcast(&a->cond);
	/* the workers end once their check in hand is done: up to 5 s */
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	while (a->nthreads && pthread_cond_timedwait(&a->ended, &a->lock, &until) == 0)
		;
	int all_ended = a->nthreads == 0;
	struct job *d = a->done;
	a->done = NULL;
	pthread_mutex_unlock(&a->lock);
	for (struct job *nx; d; d = nx) {
		nx = d->next;
		conn_unref(qm, d->c);
		job_free(d);
	}
	for (struct job *nx; t; t = nx) {
		nx = t->next;
		conn_unref(qm, t->c);
		job_free(t);
	}
	for (struct job *j = a->delayed, *nx; j; j = nx) {
		nx = j->next;
		conn_unref(qm, j->c);
		job_free(j);
	}
	a->delayed = NULL;
	if (!all_ended)
		return;   /* a check still hangs (PAM): a stays for it; the process ends next */
	if (a->efd >= 0)
		close(a->efd);
	pthread_cond_destroy(&a->cond);
	pthread_cond_destroy(&a->ended);
	pthread_mutex_destroy(&a->lock);
	free(a);
	qm->authn = NULL;
}
