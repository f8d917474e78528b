#!/bin/sh
# Every structure initializer of include/ (each MQ<name>_DEFAULT of a structure, and
# MQCD_CLIENT_CONN_DEFAULT) used the way programs use it, "MQMD md = {MQMD_DEFAULT};",
# in one program built as C11 and, with a C++ compiler, as C++11, with -Wall -Wextra
# -Werror (so a list with too few or too many values fails); the program then checks
# fields of each: StrucId is the structure's identifier, Version the version MQ's
# default sets (1 unless the table below says otherwise), and for the PCF structures
# Type and StrucLength; the few structures with none of these get a field of their own.
# The list of initializers is read from the headers, the fields of each structure from
# the preprocessed headers, so a new _DEFAULT is checked without editing this test.
# Run by tests/run-unit.sh.
cd "$(dirname "$0")/../.." || exit 1
CC=${CC:-cc}
command -v python3 >/dev/null 2>&1 || { echo "test_defaults: python3 missing (make deps)"; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/quire-dflt.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
headers="cmqc.h cmqxc.h cmqcfc.h cmqbc.h cmqzc.h cmqec.h cmqpsc.h"
for h in $headers; do echo "#include <$h>"; done >"$dir/all.h"
$CC -E -P -Iinclude -x c "$dir/all.h" >"$dir/pp.h" || exit 1
cat include/*.h >"$dir/raw.h"
python3 - "$dir" <<'PY' || exit 1
import re, sys
d = sys.argv[1]
pp = open(d + "/pp.h").read()
raw = open(d + "/raw.h").read()
structs = {}
for m in re.finditer(r"struct tag(\w+)\s*\{(.*?)\};", pp, re.S):
    structs[m.group(1)] = set(re.findall(r"(\w+)\s*(?:\[[^\]]*\])?\s*;", m.group(2)))
defined = set(re.findall(r"#define\s+(\w+)", raw))
# the version MQ's default sets where it is not 1 (IBM's documentation of each structure;
# reference/mqi-structs-more.txt "default" lines)
version = {"MQCD_DEFAULT": "MQCD_VERSION_6", "MQCD_CLIENT_CONN_DEFAULT": "MQCD_VERSION_6",
           "MQCIH_DEFAULT": "2", "MQRFH2_DEFAULT": "2", "MQCXP_DEFAULT": "5",
           "MQMD2_DEFAULT": "2", "MQWXP_DEFAULT": "2", "MQWXP2_DEFAULT": "2",
           "MQWXP3_DEFAULT": "3", "MQWXP4_DEFAULT": "4", "MQWDR2_DEFAULT": "2",
           "MQWQR2_DEFAULT": "2", "MQWQR3_DEFAULT": "3", "MQWQR4_DEFAULT": "4",
           "MQMDE_DEFAULT": "2"}
pcf_type = {"MQCFH": "MQCFT_COMMAND", "MQCFIN": "MQCFT_INTEGER", "MQCFIN64": "MQCFT_INTEGER64",
            "MQCFST": "MQCFT_STRING", "MQCFIL": "MQCFT_INTEGER_LIST",
            "MQCFIL64": "MQCFT_INTEGER64_LIST", "MQCFSL": "MQCFT_STRING_LIST",
            "MQCFBS": "MQCFT_BYTE_STRING", "MQCFGR": "MQCFT_GROUP",
            "MQCFIF": "MQCFT_INTEGER_FILTER", "MQCFSF": "MQCFT_STRING_FILTER",
            "MQCFBF": "MQCFT_BYTE_STRING_FILTER"}
# structures with no identifier, version or type: one field each
special = {"MQOR": 'v->ObjectName[0] == 0 && v->ObjectQMgrName[0] == 0',
           "MQRR": 'v->CompCode == MQCC_OK && v->Reason == MQRC_NONE',
           "MQWCR": 'v->ClusterName[0] == 0 && v->ClusterRecOffset == 0',
           "MQCHARV": 'v->VSPtr == NULL && v->VSLength == 0 && v->VSCCSID == MQCCSI_APPL'}
macros = sorted(set(re.findall(r"#define\s+(MQ\w+?)_DEFAULT\b", raw)))
todo = [(n + "_DEFAULT", n) for n in macros if n in structs]
todo.append(("MQCD_CLIENT_CONN_DEFAULT", "MQCD"))
out = ['#include <stdio.h>', '#include <string.h>']
out += ['#include <%s>' % h for h in "cmqc.h cmqxc.h cmqcfc.h cmqbc.h cmqzc.h cmqec.h cmqpsc.h".split()]
out += ['static int fails, checks;',
        '#define CHECK(name, cond) do { checks++; if (!(cond)) { fails++; '
        'printf("FAIL %s: %s\\n", name, #cond); } } while (0)']
body = []
for i, (mac, st) in enumerate(todo):
    f = structs[st]
    fn = "d%d" % i
    out.append("static void %s(void) {" % fn)
    out.append("  static %s x = {%s};" % (st, mac))
    out.append("  %s *v = &x;" % st)
    n = 0
    if "StrucId" in f:
        base = st
        while base + "_STRUC_ID" not in defined and base[-1:].isdigit():
            base = base[:-1]
        if base + "_STRUC_ID" not in defined:
            print("test_defaults: no structure identifier for %s" % st); sys.exit(1)
        out.append('  CHECK("%s", memcmp(v->StrucId, %s_STRUC_ID, 4) == 0);' % (mac, base)); n += 1
    if "Version" in f:
        if st == "MQTMC2":
            out.append('  CHECK("%s", memcmp(v->Version, "   2", 4) == 0);' % mac)
        else:
            out.append('  CHECK("%s", v->Version == %s);' % (mac, version.get(mac, "1")))
        n += 1
    if st in pcf_type:
        ln = st + "_STRUC_LENGTH" if st + "_STRUC_LENGTH" in defined else st + "_STRUC_LENGTH_FIXED"
        out.append('  CHECK("%s", v->Type == %s && v->StrucLength == %s);' % (mac, pcf_type[st], ln)); n += 1
    if st in special:
        out.append('  CHECK("%s", %s);' % (mac, special[st])); n += 1
    if n == 0:
        print("test_defaults: nothing to check in %s (add it to the table)" % mac); sys.exit(1)
    out.append("}")
    body.append(fn)
out.append("int main(void) {")
out += ["  %s();" % b for b in body]
out.append('  printf("test_defaults: %%d initializers, %%d checks, %%d failed\\n", %d, checks, fails);' % len(todo))
if len(todo) < 80:
    print("test_defaults: only %d initializers found in include/" % len(todo)); sys.exit(1)
out.append("  return fails != 0;")
out.append("}")
open(d + "/defaults.c", "w").write("\n".join(out) + "\n")
PY
$CC -std=c11 -Wall -Wextra -Werror -Iinclude -o "$dir/dc" "$dir/defaults.c" || exit 1
"$dir/dc" || exit 1
if command -v c++ >/dev/null 2>&1; then
	c++ -x c++ -std=c++11 -Wall -Wextra -Werror -Iinclude -o "$dir/dcxx" "$dir/defaults.c" || exit 1
	"$dir/dcxx" >"$dir/out"; rc=$?
	sed 's/^test_defaults:/test_defaults (C++):/' "$dir/out"
	[ $rc -eq 0 ] || exit 1
else
	echo "test_defaults: no c++ compiler, the C++ build is skipped"
fi
