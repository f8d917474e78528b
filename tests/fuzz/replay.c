/*
 * replay.c: runs a fuzz target over files, without libFuzzer.
 *
 *   build/fuzz/<target> NAME PATH...    every file of each folder PATH (or PATH
 *                                       itself when it is a file), once each
 *
 * Prints "ok   fuzz-NAME (N inputs)" and exits 0, or exits non-zero when a
 * file cannot be read.  An input that breaks the target crashes it, naming
 * the file on stderr first.  make test and make check run every target over
 * its corpus/ and regress/ folders this way (tests/fuzz/README.md).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/fuzz/fuzz.h"

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static int one(const char *path, long *n)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 4096, len = 0;
	uint8_t *b = malloc(cap);
	for (size_t k; b && (k = fread(b + len, 1, cap - len, f)) > 0;) {
		len += k;
		if (len == cap) {
			uint8_t *t = realloc(b, cap *= 2);
			if (!t) {
				free(b);
				b = NULL;
			}
			b = t;
		}
	}
	fclose(f);
	if (!b)
		return -1;
	fprintf(stderr, "replay %s\n", path);
	/* a copy of exactly len bytes, so reads past the end are caught */
	uint8_t *exact = malloc(len ? len : 1);
	memcpy(exact, b, len);
	free(b);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	(*n)++;
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s NAME PATH...\n", argv[0]);
		return 2;
	}
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	long n = 0;
	for (int i = 2; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0)
			continue;   /* an empty regress folder is not kept by git */
		if (!S_ISDIR(st.st_mode)) {
			if (one(argv[i], &n))
				return 1;
			continue;
		}
		DIR *d = opendir(argv[i]);
		if (!d)
			return 1;
		char **names = NULL;
		size_t nn = 0;
		for (struct dirent *e; (e = readdir(d));) {
			if (e->d_name[0] == '.')
				continue;
			char **t = realloc(names, (nn + 1) * sizeof *names);
			if (!t)
				return 1;
			names = t;
			names[nn] = malloc(strlen(argv[i]) + strlen(e->d_name) + 2);
			sprintf(names[nn++], "%s/%s", argv[i], e->d_name);
		}
		closedir(d);
		if (nn)
			qsort(names, nn, sizeof *names, cmp);
		for (size_t k = 0; k < nn; k++) {
			if (one(names[k], &n))
				return 1;
			free(names[k]);
		}
		free(names);
	}
	printf("ok   fuzz-%s (%ld inputs)\n", argv[1], n);
	return 0;
}
