/*
 * strintern.h: interned strings, the one shared, never-changed copy of each
 * distinct string (a topic object's TOPICSTR, up to 10240 characters, is held
 * this way so that struct objdef stays a small plain value: it carries a
 * pointer, and copying a definition by assignment copies the pointer).
 *
 *   const char *s = strintern(text, len);   the copy of text[0..len), NUL-ended;
 *                                            the same pointer for the same bytes
 *   strintern_count()                        distinct strings held (tests)
 *
 * Lifetime: an interned string is never changed and never freed (until the
 * process ends), so a pointer to one stays valid in every copy of every
 * definition, however long it lives.  What the table holds is therefore bounded
 * by the distinct strings interned in this process: for TOPICSTR, the topic
 * strings an administrator defined (DEFINE TOPIC) and those read back from the
 * queue manager's files and log (restart, rcrmqobj), never the strings an
 * application or DISPLAY TPSTATUS names (objects/topictree.c's resolution
 * points at its caller's string instead).  Reference counts were not chosen:
 * definitions are copied by plain assignment everywhere and nobody frees one,
 * so no count could be kept exact.
 *
 * The empty string (len 0) is a static "" and takes no entry.
 * Thread safety: strintern() may be called from any thread (one mutex).
 * Errors: NULL when memory runs out (nothing was added).
 */
#ifndef QUIRE_STRINTERN_H
#define QUIRE_STRINTERN_H

#include <stddef.h>

/* s need not be NUL-terminated; it must hold no NUL within len. */
const char *strintern(const char *s, size_t len);
size_t strintern_count(void);

#endif
