#!/bin/sh
# t9100: the man pages (docs/man) against the code.
#  - every page is clean for `mandoc -T lint` (all levels) and `groff -ww -man -z`,
#    and `man -l` renders it without a word on standard error;
#  - every command in cmds/*.c has its page with NAME, SYNOPSIS, DESCRIPTION,
#    OPTIONS, EXIT STATUS, FILES, EXAMPLES and SEE ALSO; each command is run with a
#    bad flag, and every flag of the usage it prints has its own entry in the
#    page's OPTIONS, every flag's value name ("-m QMgrName") is in the
#    SYNOPSIS, and the exit status it gave is listed in EXIT STATUS;
#  - every sample in samples/amqs*.c is in amqsput(1) (its page a symlink to
#    it), with the flags of its usage;
#  - quire(7) names every command, every environment variable the code reads
#    (getenv, outside #ifdef QUIRE_TEST_HOOKS) and every mqs.ini, qm.ini and
#    mqclient.ini word the configuration readers know;
#  - every reference to one of our pages (crtmqm(1) ...) names a page that exists.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
M=$top/docs/man
B=${QUIRE_BUILD:?QUIRE_BUILD names the build folder}
for t in mandoc groff man; do
	command -v $t >/dev/null 2>&1 || fail "$t is not installed (tests/deps.sh installs it: make deps)"
done
BS=$(printf '\b')

# the page as plain text, one long line per paragraph (no wrapping)
text() { mandoc -T ascii -O width=400 "$1" | sed "s/.$BS//g"; }
# section SECTION FILE-OF-TEXT: the lines of that section
section() { awk -v s="$1" '/^[A-Z]/ { in_s = ($0 == s); next } in_s' "$2"; }

# 1. every page lints clean and renders
npages=0
for p in "$M"/*.[1-8]; do
	[ -L "$p" ] && continue
	npages=$((npages + 1))
	OUT=$(mandoc -T lint -W style "$p" 2>&1) || fail "mandoc -T lint $p: $OUT"
	[ -z "$OUT" ] || fail "mandoc -T lint $p:
$OUT"
	OUT=$(groff -ww -man -z "$p" 2>&1) || fail "groff $p: $OUT"
	[ -z "$OUT" ] || fail "groff -ww -man -z $p:
$OUT"
	OUT=$(MANWIDTH=80 man -l "$p" 2>&1 >/dev/null)
	[ -z "$OUT" ] || fail "man -l $p says:
$OUT"
	name=$(basename "$p"); name=${name%.*}
	OUT=$(MANWIDTH=80 man -l "$p" 2>/dev/null)
	has "NAME"
	has "$name"
done
[ $npages -ge 22 ] || fail "only $npages pages in $M"
note "$npages pages lint clean with mandoc and groff and render with man -l"

# 2. every command: its page, its sections, its flags and exit status
ncmd=0 nflags=0
for src in "$top"/cmds/*.c; do
	c=$(basename "$src" .c)
	p=$M/$c.1
	[ -f "$p" ] && [ ! -L "$p" ] || fail "cmds/$c.c has no page docs/man/$c.1"
	text "$p" >page.txt
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" FILES EXAMPLES "SEE ALSO"; do
		grep -qx "$s" page.txt || fail "$c.1 has no $s section"
	done
	section NAME page.txt | grep -q "^ *$c - " || fail "$c.1's NAME does not start with '$c - '"
	# the usage the command prints for a bad flag (setmqaut reads "-#" as an
	# authority: an argument that is neither a flag nor one shows its usage)
	[ -x "$B/bin/$c" ] || fail "$B/bin/$c is not built"
	for arg in -# not-a-flag; do
		"$B/bin/$c" "$arg" </dev/null >usage.raw 2>&1
		rc=$?
		grep -q 'sage: ' usage.raw && break
	done
	grep -q 'sage: ' usage.raw || fail "$c printed no usage for a bad flag: $(cat usage.raw)"
	[ $rc -ne 0 ] || fail "$c exited 0 for a bad flag"
	sed -n '/sage: /,$p' usage.raw >usage.txt
	section "EXIT STATUS" page.txt | grep -Eq "^ +$rc( |\$)" ||
		fail "$c exits $rc for a bad flag; its page's EXIT STATUS does not list $rc"
	section OPTIONS page.txt >options.txt
	section SYNOPSIS page.txt | tr -s ' \n' '  ' >synopsis.txt
	flags=$(grep -oE '(^|[][ (|])[-+][A-Za-z][A-Za-z0-9]*' usage.txt | sed 's/^[][ (|]//' | sort -u)
	[ -n "$flags" ] || [ "$c" = dspmqcsv ] || fail "no flags found in $c's usage: $(cat usage.txt)"
	for f in $flags; do
		re=$(printf '%s' "$f" | sed 's/+/[+]/g')
		# an entry of its own: a tag line (7 blanks) starting with the flag,
		# or naming it in a list of flags ("-c, -u, -r")
		grep -Eq "^       ([-+][^ ]*, )*$re([ ,]|\$)" options.txt ||
			fail "$c's usage has $f; its page's OPTIONS has no entry for it"
		nflags=$((nflags + 1))
	done
	# each flag's value name as the usage shows it is in the SYNOPSIS
	grep -oE '(^|[][ (|])-[A-Za-z][A-Za-z0-9]* [A-Z][A-Za-z|]*' usage.txt | sed 's/^[][ (|]//' | sort -u >pairs.txt
	while read -r f v; do
		grep -qF -- "$f $v" synopsis.txt || fail "$c's usage has '$f $v'; its SYNOPSIS does not: $(cat synopsis.txt)"
	done <pairs.txt
	ncmd=$((ncmd + 1))
done
[ $ncmd -ge 20 ] || fail "only $ncmd commands in cmds/"
note "$ncmd commands each have a page; $nflags flags of their usage each have an OPTIONS entry"

# 3. the samples: one page, amqsput(1), and a symlink to it for each other
text "$M/amqsput.1" >samples.txt
section NAME samples.txt >sname.txt
section SYNOPSIS samples.txt >ssyn.txt
section OPTIONS samples.txt >sopt.txt
nsamp=0
for src in "$top"/samples/amqs*.c; do
	s=$(basename "$src" .c)
	[ -f "$M/$s.1" ] || fail "samples/$s.c has no page docs/man/$s.1"
	if [ "$s" != amqsput ]; then
		[ "$(readlink "$M/$s.1")" = amqsput.1 ] || fail "docs/man/$s.1 is not a symlink to amqsput.1"
	fi
	grep -qw "$s" sname.txt || fail "amqsput(1)'s NAME does not list $s"
	grep -qw "$s" ssyn.txt || fail "amqsput(1)'s SYNOPSIS does not show $s"
	for f in $(grep -ho '[Uu]sage: amqs[^"\\]*' "$src" | grep -oE '(^|[][ (|])-[A-Za-z]+' | sed 's/^[][ (|]//' | sort -u); do
		grep -Eq "^       $f( |\$)" sopt.txt || fail "$s's usage has $f; amqsput(1)'s OPTIONS does not"
	done
	nsamp=$((nsamp + 1))
done
note "$nsamp samples in amqsput(1)"

# 4. quire(7): the commands, the environment, the configuration words
text "$M/quire.7" >quire.txt
for src in "$top"/cmds/*.c; do
	c=$(basename "$src" .c)
	grep -q "$c(1)" quire.txt || fail "quire(7) does not name $c(1)"
done
section ENVIRONMENT quire.txt >env.txt
# the variables read outside #ifdef QUIRE_TEST_HOOKS blocks
nenv=0
for v in $(find "$top/qm" "$top/cmds" "$top/csrv" "$top/samples" -name '*.c' | sort | xargs awk '
	FNR == 1 { d = 0; hook = 0 }
	/^[ \t]*#[ \t]*if/ { d++; h[d] = ($0 ~ /ifdef[ \t]+QUIRE_TEST_HOOKS/ || $0 ~ /if[ \t]+defined\(QUIRE_TEST_HOOKS\)/) }
	/^[ \t]*#[ \t]*else/ { if (d) h[d] = 0 }
	/^[ \t]*#[ \t]*endif/ { if (d) d-- }
	{ inhook = 0; for (i = 1; i <= d; i++) if (h[i]) inhook = 1 }
	!inhook {
		s = $0
		while (match(s, /(getenv|env|env_num)\("[A-Za-z_][A-Za-z0-9_]*"/)) {
			t = substr(s, RSTART, RLENGTH); sub(/^[a-z_]*\("/, "", t); sub(/"$/, "", t); print t
			s = substr(s, RSTART + RLENGTH)
		}
	}' | sort -u); do
	grep -qw "$v" env.txt || fail "the code reads \$$v; quire(7)'s ENVIRONMENT does not explain it"
	nenv=$((nenv + 1))
done
[ $nenv -ge 10 ] || fail "only $nenv environment variables found in the code"
grep -qw QUIRE_TEST_MQM_GROUP env.txt && fail "quire(7) documents a test hook's variable"
# the words the configuration readers match (stanzas, keys, values)
nword=0
for w in $(grep -hoE '"[A-Z][A-Za-z]+"' "$top/qm/home/config.c" "$top/qm/mqi/clientini.c" | tr -d '"' | sort -u); do
	grep -qw "$w" quire.txt || fail "the configuration reader knows '$w'; quire(7) does not say it"
	nword=$((nword + 1))
done
note "quire(7) names every command, $nenv environment variables and $nword configuration words"

# 5. references to our own pages resolve
for p in "$M"/*.[1-8]; do
	[ -L "$p" ] && continue
	for ref in $(text "$p" | grep -oE '\b(crtmq|strmq|endmq|dltmq|dspmq|runmq|dmpmq|rcdmq|rcrmq|setmq|amqs|quire)[a-z]*\([1-8]\)' | sort -u); do
		n=${ref%(*}; s=${ref#*(}; s=${s%)}
		[ -e "$M/$n.$s" ] || fail "$(basename "$p") refers to $ref, which has no page"
	done
done
note "every reference to a Quire page resolves"
echo "t9100: ok"
