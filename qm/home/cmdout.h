/*
 * cmdout.h: how the commands in cmds/ speak: MQ's lines from the message
 * catalog, on the console and, for errors, in the error log too.
 *
 *   cmd_say(quiet, AMQ_QMGR_CREATED, "QM1", NULL)    the text alone, to stdout
 *   cmd_error(el, AMQ_QMGR_EXISTS, "QM1", NULL)      "AMQ7008E: ..." to stderr and,
 *                                                    when el is not NULL, the error log
 * The insert lists end with NULL.
 */
#ifndef QUIRE_CMDOUT_H
#define QUIRE_CMDOUT_H

#include <stddef.h>

struct errlog;

void cmd_say(int quiet, int msgid, ...);
void cmd_error(const struct errlog *el, int msgid, ...);
/* A free-form problem with a command's use: "crtmqm: <text>" to stderr. */
void cmd_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A queue manager name the user gave, fit to print: at most its first 48
 * characters (NAMES_MAX_LEN) then "..." when longer, control characters as
 * '?'.  buf holds NAMES_MAX_LEN + 4 bytes.  Returns buf.  cmd_error shows
 * AMQ7048's insert this way. */
const char *cmd_show_name(char *buf, size_t n, const char *name);

/* "AMQ7048E: Queue manager name '...' is not valid or not known." and, when
 * the name breaks MQ's rules (more than 48 characters, a character outside
 * A-Z a-z 0-9 . _ / %), a second line saying which rule: "strmqm: the queue
 * manager name '...' is 5000 characters long, more than 48". */
void cmd_qmgr_unknown(const char *cmd, const char *name);

/* Find queue manager name ("" the default) for a control command: 0, or the
 * exit status after saying why (unless quiet): 16 it does not exist or its
 * name is not valid (cmd_qmgr_unknown), 71 its configuration cannot be read. */
struct qm_paths;
int cmd_locate(const char *cmd, const char *name, int quiet, struct qm_paths *p);

#endif
