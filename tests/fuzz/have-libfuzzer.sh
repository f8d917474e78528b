#!/bin/sh
# have-libfuzzer.sh: exits 0 when clang can build a libFuzzer target, or says
# what is missing (make fuzz, make fuzz-merge).
if ! command -v clang >/dev/null 2>&1; then
	echo "make fuzz needs clang with libFuzzer, and clang is not installed (apt-get install clang)" >&2
	exit 1
fi
t=$(mktemp -d "${TMPDIR:-/tmp}/quire-lf.XXXXXX")
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >"$t/t.c"
if ! clang -fsanitize=fuzzer,address,undefined -o "$t/t" "$t/t.c" >"$t/err" 2>&1; then
	echo "make fuzz needs clang with libFuzzer: clang cannot link -fsanitize=fuzzer here:" >&2
	head -5 "$t/err" >&2
	rm -rf "$t"
	exit 1
fi
rm -rf "$t"
