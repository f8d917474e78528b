/*
 * strintern.c: the intern table (see strintern.h for what it keeps and for how
 * long).  An open-addressing hash table (FNV-1a, linear probing) of pointers
 * to heap copies; it doubles when half full.  Entries are never removed.
 */
#include "objects/strintern.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char **slots;        /* cap entries, NULL where free */
static size_t cap, used;

static uint64_t hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

/* The slot holding s, or the free slot where it belongs. */
static size_t find(char **tab, size_t n, const char *s, size_t len)
{
	size_t i = (size_t)hash(s, len) & (n - 1);
	while (tab[i] && !(strncmp(tab[i], s, len) == 0 && tab[i][len] == 0))
		i = (i + 1) & (n - 1);
	return i;
}

static int grow(void)
{
	size_t n = cap ? cap * 2 : 64;
	char **tab = calloc(n, sizeof *tab);
	if (!tab)
		return -1;
	for (size_t i = 0; i < cap; i++)
		if (slots[i])
			tab[find(tab, n, slots[i], strlen(slots[i]))] = slots[i];
	free(slots);
	slots = tab;
	cap = n;
	return 0;
}

const char *strintern(const char *s, size_t len)
{
	if (len == 0)
		return "";
	const char *out = NULL;
	pthread_mutex_lock(&lock);
	if ((used + 1) * 2 > cap && grow() != 0)
		goto done;
	size_t i = find(slots, cap, s, len);
	if (!slots[i]) {
		char *c = malloc(len + 1);
		if (!c)
			goto done;
		memcpy(c, s, len);
		c[len] = 0;
		slots[i] = c;
		used++;
	}
	out = slots[i];
done:
	pthread_mutex_unlock(&lock);
	return out;
}

size_t strintern_count(void)
{
	pthread_mutex_lock(&lock);
	size_t n = used;
	pthread_mutex_unlock(&lock);
	return n;
}
