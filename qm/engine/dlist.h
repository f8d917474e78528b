/*
 * dlist.h: a doubly-linked list whose nodes live inside the things listed
 * (struct dnode as a member), in the order they were appended.  A unit of
 * work's messages, a queue's parked getters and its browse cursors use it.
 *
 *   struct dlist l = { 0 };                  empty
 *   dlist_append(&l, &m->unode);
 *   for (struct dnode *n = l.head; n; n = n->next)
 *           ... DLIST_ENTRY(n, struct qmsg, unode) ...
 *   dlist_remove(&l, &m->unode);             the node must be on l
 */
#ifndef QUIRE_DLIST_H
#define QUIRE_DLIST_H

#include <stddef.h>

struct dnode {
	struct dnode *prev, *next;
};

struct dlist {
	struct dnode *head, *tail;
};

#define DLIST_ENTRY(node, type, member) ((type *)(void *)((char *)(node) - offsetof(type, member)))

static inline void dlist_append(struct dlist *l, struct dnode *n)
{
	n->next = NULL;
	n->prev = l->tail;
	if (l->tail)
		l->tail->next = n;
	else
		l->head = n;
	l->tail = n;
}

static inline void dlist_remove(struct dlist *l, struct dnode *n)
{
	if (n->prev)
		n->prev->next = n->next;
	else
		l->head = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		l->tail = n->prev;
	n->prev = n->next = NULL;
}

#endif
