#!/usr/bin/env python3
"""Generate the MQI constant tables of Quire from the reference facts.

Inputs, beside this script (the project's reference facts, never IBM's headers; copies of
../shared/reference/, kept here so that a fresh checkout can regenerate include/):
    include/gen/mqi-constants.tsv   name <TAB> value, one constant a line
    include/gen/mqi-structs.txt     x86-64 field offsets and struct sizes
    include/gen/mqi-structs-more.txt  the same for more structures; only its PCF ones
                                    (MQCF*, MQEPH: cmqcfc.h) are read here

Outputs:
    tests/unit/mqi_consts_check.h   what test_mqi_layout.c checks: a table of every
                                    constant placed in cmqc.h/cmqxc.h with its tsv value,
                                    the MQFMT_* strings, one _Static_assert per size and
                                    offset in mqi-structs.txt, and a table for cmqstrc.h;
                                    with MQI_CHECK_MORE_HEADERS defined (test_mqi_pcf.c)
                                    instead the constants of cmqcfc.h, cmqbc.h, cmqzc.h
                                    and the PCF layouts of mqi-structs-more.txt
    include/cmqstrc.h               the value -> name functions (whole file)
    include/cmqc.h, cmqxc.h,        only the part between the "generated constants"
    cmqcfc.h, cmqbc.h, cmqzc.h      markers; the rest of those headers is written by hand

Usage (from the top of the work tree; `make headers` runs the first form, and
tests/check-headers.sh, run by `make test`, the second):
    python3 include/gen/gen_mqi_consts.py            write all outputs
    python3 include/gen/gen_mqi_consts.py --check    exit 1 when an output is stale
    python3 include/gen/gen_mqi_consts.py --ref DIR  read the facts from DIR instead

Which header a family of constants belongs to is decided here (header_of() below): the
tsv mixes the families of IBM's cmqc.h, cmqxc.h, cmqcfc.h (PCF), cmqbc.h (MQAI) and
cmqzc.h (installable services); each name goes to exactly one header, so a header that
includes cmqc.h never defines one of its constants again. cmqstrc.h uses plain numbers
as case labels and so needs none of these macros.
"""

import argparse
import collections
import os
import re
import sys

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_REF = os.path.dirname(os.path.abspath(__file__))

BEGIN_MARK = "/* ---- generated constants: begin (include/gen/gen_mqi_consts.py) ---- */"
END_MARK = "/* ---- generated constants: end ---- */"

# ---------------------------------------------------------------------------------------
# Where each family goes. A family is the name up to its first underscore (MQOO, MQ, ...).

CMQXC = set("""
MQCD MQCDC MQCHT MQXPT MQCXP MQXR MQXR2 MQXCC MQXT MQXE MQDXP MQDCC MQXDR MQAXP MQAXC
MQXF MQXACT MQXEPO MQACH MQWXP MQWXP1 MQWXP2 MQWXP3 MQWXP4 MQWQR MQWQR1 MQWQR2 MQWQR3
MQWQR4 MQWDR MQWDR1 MQWDR2 MQQMF MQQF MQNXP MQPBC MQPSXP MQSBC MQXWD MQXP MQXC
MQCOMPRESS MQSCA MQKAI MQMCAT MQNPMS MQPA MQCAFTY MQRCN MQSPL
""".split())

# Programmable Command Format families: they belong to cmqcfc.h (as in IBM's headers,
# MQEPH's values and structure included).
CMQCFC = set("""
MQCMD MQCFH MQCFT MQCFC MQCFOP MQCFBF MQCFBS MQCFGR MQCFIF MQCFIL MQCFIL64 MQCFIN
MQCFIN64 MQCFSF MQCFSL MQCFST MQRCCF MQIACF MQIACH MQIAMO MQIAMO64 MQCACF MQCACH MQCAMO
MQBACF MQGACF MQEPH MQACT MQAUTH MQAUTHOPT MQCAUT MQCFSTATUS MQCFTYPE MQCFO MQCHIDS
MQCHLD MQCHS MQCHSSTATE MQCHSR MQCHSH MQCHTAB MQCMDI MQDELO MQEVO MQFC MQHSTATE MQIDO
MQMODE MQOPER MQPO MQPSST MQPS MQQMDT MQQMFAC MQQMSTA MQQO MQQSGS MQQSO MQQSOT MQQSUM
MQRP MQRQ MQRT MQSECITEM MQSECSW MQSECTYPE MQSELTYPE MQSUBTYPE MQSUS MQSYNCPOINT
MQSYSP MQTIME MQUOWST MQUOWT MQUSAGE
""".split())

# MQ Administration Interface (cmqbc.h). IBM's cmqbc.h also has MQOA_FIRST/LAST and
# MQIND_NONE/ALL; they stay in cmqc.h here (cmqbc.h includes it), as they were before
# cmqbc.h existed.
CMQBC = set("MQCBO MQHA MQHB MQIASY MQIT MQITEM MQSEL MQBL".split())


def family(name):
    return re.match(r"(MQ[A-Z0-9]*)_", name).group(1)


# MQIT_ is two families in one prefix: the queue index types of cmqc.h and the
# MQAI item types of cmqbc.h.
CMQC_INDEX_TYPES = set("MQIT_NONE MQIT_MSG_ID MQIT_CORREL_ID MQIT_MSG_TOKEN MQIT_GROUP_ID".split())


def header_of(name):
    f = family(name)
    if name in CMQC_INDEX_TYPES:
        return "cmqc.h"
    if f in CMQXC:
        return "cmqxc.h"
    if f in CMQCFC:
        return "cmqcfc.h"
    if f in CMQBC:
        return "cmqbc.h"
    if f.startswith("MQZ"):
        return "cmqzc.h"
    return "cmqc.h"


# Constants that mqi-facts.md gives but the tsv lacks: (name, value, note).
EXTRA = [("MQPL_NATIVE", 3, "mqi-facts.md section 3 (Linux reports MQPL_UNIX); not in the tsv")]

# Families whose option values are bit flags: written in hex in the headers.
HEX_FAMILIES = set("""
MQOO MQCO MQPMO MQGMO MQMO MQCNO MQRO MQMF MQSO MQCBDO MQCTLO MQIMPO MQSMPO MQDMPO MQCMHO
MQDMHO MQMHBO MQBMHO MQPD MQREGO MQPUBO MQSRO MQDHF MQPMRF MQRMHF MQCIH MQIIH MQEPH MQRFH
MQDCC MQXR2 MQCADSD MQCBCF MQCBO MQZAO MQAUTHOPT MQCOMPRESS MQQMF MQQF MQENC MQBNO MQADOPT
""".split())

META = re.compile(r"_(CURRENT_VERSION|CURRENT_LENGTH|VERSION_\d+|LENGTH_\d+)$")

DESCRIPTIONS = {
    "MQ": "lengths of names, fields and buffers (MQ_*_LENGTH) and a few TLS settings",
    "MQAT": "application types (MQMD.PutApplType)",
    "MQBO": "MQBEGIN options",
    "MQCA": "character attribute selectors for MQINQ and MQSET",
    "MQCC": "completion codes",
    "MQCCSI": "coded character set identifiers with a special meaning",
    "MQCI": "correlation id values",
    "MQCMDL": "command levels",
    "MQCNO": "MQCONNX options",
    "MQCO": "MQCLOSE options",
    "MQCSP": "security parameters for MQCONNX",
    "MQEI": "expiry interval",
    "MQENC": "encodings",
    "MQFB": "feedback codes",
    "MQFMT": "format names (MQMD.Format), blank-padded to MQ_FORMAT_LENGTH",
    "MQGMO": "MQGET options",
    "MQHC": "connection handles",
    "MQHM": "message handles",
    "MQHO": "object handles",
    "MQIA": "integer attribute selectors for MQINQ and MQSET",
    "MQMD": "message descriptor versions and lengths",
    "MQMF": "message flags",
    "MQMO": "match options (MQGMO.MatchOptions)",
    "MQMT": "message types",
    "MQOD": "object descriptor versions and lengths",
    "MQOL": "original length",
    "MQOO": "MQOPEN options",
    "MQOT": "object types",
    "MQPER": "persistence",
    "MQPL": "platforms",
    "MQPMO": "MQPUT and MQPUT1 options",
    "MQPRI": "priority",
    "MQQA": "queue attribute values (inhibit, shareability, backout)",
    "MQQDT": "queue definition types",
    "MQQT": "queue types",
    "MQRC": "reason codes",
    "MQRL": "returned length",
    "MQRO": "report options",
    "MQSCO": "TLS configuration options",
    "MQSD": "subscription descriptor versions and lengths",
    "MQSO": "subscription options",
    "MQSTS": "status structure versions and lengths",
    "MQWI": "wait interval",
    "MQCD": "channel definition versions and lengths",
    "MQCHT": "channel types",
    "MQXPT": "transport types",
    "MQCXP": "channel exit parameter versions and lengths",
    "MQXR": "exit reasons",
    "MQXCC": "exit responses",
    "MQXT": "exit types",
    "MQXF": "API exit function identifiers",
    # cmqcfc.h
    "MQCMD": "command identifiers (MQCFH.Command)",
    "MQCFH": "PCF header version and length",
    "MQCFC": "MQCFH.Control: whether more messages of the same reply follow",
    "MQCFT": "structure types (the Type field every PCF structure begins with)",
    "MQCFOP": "filter operators (MQCFIF, MQCFSF, MQCFBF Operator)",
    "MQRCCF": "reason codes of PCF replies",
    "MQIACF": "integer parameter identifiers of PCF commands and replies",
    "MQIACH": "integer channel parameter identifiers",
    "MQIAMO": "integer monitoring parameter identifiers (statistics, accounting)",
    "MQIAMO64": "64-bit integer monitoring parameter identifiers",
    "MQCACF": "character parameter identifiers of PCF commands and replies",
    "MQCACH": "character channel parameter identifiers",
    "MQCAMO": "character monitoring parameter identifiers",
    "MQBACF": "byte string parameter identifiers",
    "MQGACF": "group parameter identifiers (MQCFGR)",
    "MQEPH": "embedded PCF header versions, lengths and flags",
    # cmqbc.h
    "MQCBO": "mqCreateBag options",
    "MQBL": "buffer length meaning a NUL-terminated string",
    "MQITEM": "item types returned by mqInquireItemInfo",
    "MQHA": "handle selectors",
    "MQIASY": "integer system selectors",
    "MQSEL": "selectors meaning any or all items",
    "MQHB": "bag handles with a special meaning",
    # cmqzc.h
    "MQZAO": "authorizations of the authorization service",
    "MQZID": "function identifiers of the installable services",
    "MQZCI": "continuation indicators",
    "MQZAET": "entity types",
}

# ---------------------------------------------------------------------------------------
# cmqstrc.h: one function per family, or per sub-family where one family holds several
# independent enumerations whose values overlap.

SPLITS = {
    "MQADOPT": [("MQADOPT_CHECK", ["MQADOPT_CHECK_"]), ("MQADOPT_TYPE", ["MQADOPT_TYPE_"])],
    "MQBNO": [("MQBNO_BALTYPE", ["MQBNO_BALTYPE_"]), ("MQBNO_OPTIONS", ["MQBNO_OPTIONS_"]),
              ("MQBNO_TIMEOUT", ["MQBNO_TIMEOUT_"])],
    "MQCFO": [("MQCFO_REFRESH", ["MQCFO_REFRESH_"]), ("MQCFO_REMOVE", ["MQCFO_REMOVE_"])],
    "MQCSRV": [("MQCSRV_CONVERT", ["MQCSRV_CONVERT_"]), ("MQCSRV_DLQ", ["MQCSRV_DLQ_"])],
    "MQLDAP": [("MQLDAP_AUTHORMD", ["MQLDAP_AUTHORMD_"]), ("MQLDAP_NESTGRP", ["MQLDAP_NESTGRP_"])],
    "MQMLP": [("MQMLP_ENCRYPTION", ["MQMLP_ENCRYPTION_"]), ("MQMLP_SIGN", ["MQMLP_SIGN_"]),
              ("MQMLP_TOLERATE", ["MQMLP_TOLERATE_"])],
    "MQOTEL": [("MQOTEL_PCTL", ["MQOTEL_PCTL_"]), ("MQOTEL_TRACE", ["MQOTEL_TRACE_"])],
    "MQPD": [("MQPD_SUPPORT", ["MQPD_SUPPORT_"]),
             ("MQPD_CONTEXT", ["MQPD_NO_CONTEXT", "MQPD_USER_CONTEXT"])],
    "MQQA": [("MQQA_GET", ["MQQA_GET_"]), ("MQQA_PUT", ["MQQA_PUT_"]),
             ("MQQA_BACKOUT", ["MQQA_BACKOUT_"]),
             ("MQQA_SHAREABLE", ["MQQA_SHAREABLE", "MQQA_NOT_SHAREABLE"])],
    "MQS": [("MQS_AVAIL", ["MQS_AVAIL_"]), ("MQS_EXPANDST", ["MQS_EXPANDST_"]),
            ("MQS_OPENMODE", ["MQS_OPENMODE_"]), ("MQS_STATUS", ["MQS_STATUS_"])],
    "MQSVC": [("MQSVC_CONTROL", ["MQSVC_CONTROL_"]), ("MQSVC_STATUS", ["MQSVC_STATUS_"]),
              ("MQSVC_TYPE", ["MQSVC_TYPE_"])],
    "MQTA": [("MQTA_PROXY", ["MQTA_PROXY_"]), ("MQTA_PUB", ["MQTA_PUB_"]),
             ("MQTA_SUB", ["MQTA_SUB_"])],
    "MQUSAGE": [("MQUSAGE_EXPAND", ["MQUSAGE_EXPAND_"]), ("MQUSAGE_PS", ["MQUSAGE_PS_"]),
                ("MQUSAGE_SMDS", ["MQUSAGE_SMDS_"]), ("MQUSAGE_DS", ["MQUSAGE_DS_"])],
}

# Families that get no *_STR function: the MQ_*_LENGTH sizes are not an enumeration.
NO_STR = {"MQ"}
# ... except two enumerations inside it, which MQ's cmqstrc.h names MQ_CERT_STR
# and MQ_SUITE_STR (MQ_SUITE_B_SIZE is the length of an array, not a value).
STR_IN_MQ = {"MQ_CERT": "MQ_CERT_VAL_POLICY_", "MQ_SUITE": "MQ_SUITE_B_"}
STR_IN_MQ_NOT = {"MQ_SUITE_B_SIZE"}


def no_str(name):
    if family(name) not in NO_STR:
        return False
    return name in STR_IN_MQ_NOT or not any(name.startswith(p) for p in STR_IN_MQ.values())

# Where several names share a value, the one the function returns. Names not listed
# here are chosen by pick_name().
PREFERRED = {"MQAT_UNIX", "MQAT_ZOS", "MQPL_UNIX", "MQPL_ZOS"}


def str_group(name):
    f = family(name)
    for group, prefix in STR_IN_MQ.items():
        if name.startswith(prefix):
            return group
    for sub, prefixes in SPLITS.get(f, []):
        if any(name.startswith(p) for p in prefixes):
            return sub
    return f


def pick_name(names):
    for n in names:
        if n in PREFERRED:
            return n
    nones = [n for n in names if n.endswith("_NONE")]
    if nones:
        return sorted(nones)[0]
    weak = re.compile(r"_(FIRST|LAST|LAST_USED|DEFAULT|CURRENT_LEVEL|MASK)$")
    return sorted(names, key=lambda n: (bool(weak.search(n)), n))[0]


# ---------------------------------------------------------------------------------------


def read_tsv(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, value = line.split("\t")
            if value.startswith('"'):
                out.append((name, value.strip('"')))
            else:
                out.append((name, int(value)))
    return out


def read_structs(path):
    structs = collections.OrderedDict()
    cur = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            m = re.match(r"struct (\w+)\s+\(sizeof (\d+)\)", line)
            if m:
                cur = (m.group(1), int(m.group(2)), [])
                structs[cur[0]] = cur
                continue
            m = re.match(r"\s+(\d+)\s+(\w+)\s+(.+?)\s*$", line)
            if not m:
                raise SystemExit("mqi-structs.txt: cannot read line: %r" % line)
            cur[2].append((int(m.group(1)), m.group(2), m.group(3)))
    return structs


def c_type(t):
    m = re.match(r"\[(\w+); (\d+)usize\]", t)
    if m:
        return "%s[%s]" % (m.group(1), m.group(2))
    return t


def c_value(name, value):
    if isinstance(value, str):
        return '"%s"' % value.ljust(8)
    if value < 0:
        return "(%d)" % value
    if family(name) in HEX_FAMILIES and not META.search(name):
        return "0x%08X" % value
    return "%d" % value


def define(name, text):
    return "#define %-40s %s" % (name, text) if len(name) <= 40 else "#define %s %s" % (name, text)


def family_sort_key(item):
    name, value = item
    m = META.search(name)
    if not m:
        if family(name) == "MQ":   # sizes read best in name order
            return (0, 0, 0, name)
        return (0, 0, value if isinstance(value, int) else 0, name)
    kind = m.group(1)
    order = {"VERSION": 1, "CURRENT_VERSION": 2, "LENGTH": 3, "CURRENT_LENGTH": 4}
    k = kind.split("_")[0] if kind.startswith(("VERSION", "LENGTH")) else kind
    num = int(kind.rsplit("_", 1)[1]) if kind[-1].isdigit() else 0
    return (1, order[k], num, name)


def gen_defines(consts, header):
    fams = collections.OrderedDict()
    for name, value in sorted(consts, key=lambda c: (family(c[0]), c[0])):
        if header_of(name) == header:
            fams.setdefault(family(name), []).append((name, value))
    lines = [BEGIN_MARK]
    for fam, items in fams.items():
        desc = DESCRIPTIONS.get(fam)
        lines.append("")
        lines.append("/* %s_*%s */" % (fam, ": " + desc if desc else ""))
        for name, value in sorted(items, key=family_sort_key):
            if name == "MQCCSI_APPL":
                # an application may choose its own value before including cmqc.h
                lines.append("#ifndef MQCCSI_APPL")
                lines.append(define(name, c_value(name, value)))
                lines.append("#endif")
                continue
            lines.append(define(name, c_value(name, value)))
            if isinstance(value, str):
                chars = ",".join("'%s'" % ch for ch in value.ljust(8))
                lines.append(define(name + "_ARRAY", chars))
        for name, value, note in EXTRA:
            if family(name) == fam and header_of(name) == header:
                lines.append(define(name, c_value(name, value)) + "  /* %s */" % note)
    lines.append("")
    lines.append(END_MARK)
    return "\n".join(lines) + "\n"


# The headers whose constant block the generator writes, in this order.
GENERATED_HEADERS = ["cmqc.h", "cmqxc.h", "cmqcfc.h", "cmqbc.h", "cmqzc.h"]
# The headers of the second check table (MQI_CHECK_MORE_HEADERS).
MORE_HEADERS = ["cmqcfc.h", "cmqbc.h", "cmqzc.h"]


def splice(path, block):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # the begin marker is found without the generator's path, which may have changed
    b = text.find(BEGIN_MARK.split(" (")[0])
    e = text.find(END_MARK)
    if b < 0 or e < 0:
        raise SystemExit("%s: generated-constants markers not found" % path)
    return text[:b] + block + text[e + len(END_MARK) + 1:]


def gen_cmqstrc(consts):
    groups = collections.OrderedDict()
    for name, value in consts:
        if isinstance(value, str) or META.search(name) or no_str(name):
            continue
        groups.setdefault(str_group(name), collections.defaultdict(list))[value].append(name)
    all_names = {n for n, _ in consts}
    out = []
    w = out.append
    w("/*")
    w(" * cmqstrc.h -- the names of MQI constant values, for messages and traces.")
    w(" *")
    w(" * Generated by include/gen/gen_mqi_consts.py from include/gen/mqi-constants.tsv; do")
    w(" * not edit by hand, run `make headers` again.")
    w(" *")
    w(" * Calling sequence: include cmqc.h (this header includes it too), then call the")
    w(" * function of the family a value belongs to, for example")
    w(" *     printf(\"MQGET failed: %s\\n\", MQRC_STR(reason));")
    w(" * Each function is named after its family (MQRC_STR, MQCC_STR, MQOT_STR, ...); a")
    w(" * family holding several independent enumerations has one function for each of them")
    w(" * (MQSVC_CONTROL_STR, MQSVC_STATUS_STR, ...).")
    w(" *")
    w(" * Error handling: a value the family does not know gives \"\" (an empty string, never")
    w(" * NULL). Where several names share one value, one of them is returned, always the")
    w(" * same one. The string is static and must not be written to; the return type is")
    w(" * char * only because programs written for IBM MQ store it in a char *.")
    w(" *")
    w(" * Case labels are plain numbers, so the functions for PCF and MQAI families work")
    w(" * without those families' headers.")
    w(" */")
    w("#ifndef CMQSTRC_INCLUDED")
    w("#define CMQSTRC_INCLUDED")
    w("")
    w('#include "cmqc.h"')
    w("")
    w("#if defined(__cplusplus) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L)")
    w("#define MQSTRC_FUNC static inline")
    w("#elif defined(__GNUC__)")
    w("#define MQSTRC_FUNC static __inline__")
    w("#else")
    w("#define MQSTRC_FUNC static")
    w("#endif")
    w("")
    w("#if defined(__cplusplus)")
    w('extern "C" {')
    w("#endif")
    w("")
    w("/* Gives a name back as the char * the functions return, without a cast that drops")
    w(" * const (so programs built with -Wcast-qual or -Wwrite-strings stay quiet). */")
    w("#if defined(__cplusplus)")
    w("#define MQSTRC_NAME_(c) const_cast<char *>(c)")
    w("#else")
    w("MQSTRC_FUNC char *mqstrc_name_(const char *c)")
    w("{")
    w("  union { const char *in; char *out; } u;")
    w("  u.in = c;")
    w("  return u.out;")
    w("}")
    w("#define MQSTRC_NAME_(c) mqstrc_name_(c)")
    w("#endif")
    nfunc = 0
    for g in sorted(groups):
        fn = g + "_STR"
        if fn in all_names:
            raise SystemExit("function name %s clashes with a constant" % fn)
        w("")
        w("MQSTRC_FUNC char *%s(MQLONG v)" % fn)
        w("{")
        w("  const char *c;")
        w("  switch (v) {")
        for value in sorted(groups[g]):
            w('  case %d: c = "%s"; break;' % (value, pick_name(groups[g][value])))
        w('  default: c = ""; break;')
        w("  }")
        w("  return MQSTRC_NAME_(c);")
        w("}")
        nfunc += 1
    w("")
    w("#if defined(__cplusplus)")
    w("}")
    w("#endif")
    w("")
    w("#endif /* CMQSTRC_INCLUDED */")
    return "\n".join(out) + "\n", groups


# Structures of mqi-structs.txt that no header the check file sees declares (name: where
# they are to go). MQCFH is in cmqcfc.h, which test_mqi_layout.c includes.
DECLARED_ELSEWHERE = {}


def layout_asserts(w, structs):
    nsize = noff = 0
    for s, (sname, size, fields) in structs.items():
        w('_Static_assert(sizeof(%s) == %d, "sizeof(%s)");' % (s, size, s))
        nsize += 1
        for off, fname, ftype in fields:
            w('_Static_assert(offsetof(%s, %s) == %d, "offsetof(%s, %s)");' % (s, fname, off, s, fname))
            w('_Static_assert(sizeof(((%s *)0)->%s) == sizeof(%s), "sizeof %s.%s");'
              % (s, fname, c_type(ftype), s, fname))
            noff += 1
    return nsize, noff


def gen_check_more(consts, pcf_structs):
    """The part test_mqi_pcf.c sees: cmqcfc.h, cmqbc.h, cmqzc.h and the PCF layouts."""
    out = []
    w = out.append
    nums = [(n, v) for n, v in consts if isinstance(v, int) and header_of(n) in MORE_HEADERS]
    w("/* every numeric constant of the tsv that cmqcfc.h, cmqbc.h or cmqzc.h defines: %d */"
      % len(nums))
    w("static const struct mqi_const_check mqi_more_const_checks[] = {")
    for n, v in nums:
        w('  { "%s", (long long)(%s), %dLL },' % (n, n, v))
    w("};")
    w("#define MQI_MORE_CONST_CHECK_COUNT %d" % len(nums))
    for h in MORE_HEADERS:
        w("#define MQI_MORE_CONST_COUNT_%s %d" % (h.split(".")[0].upper(),
                                                  sum(1 for n, _ in nums if header_of(n) == h)))
    w("")
    w("/* sizes and offsets of the PCF structures of mqi-structs-more.txt */")
    nsize, noff = layout_asserts(w, pcf_structs)
    w("#define MQI_PCF_LAYOUT_SIZE_ASSERTS %d" % nsize)
    w("#define MQI_PCF_LAYOUT_OFFSET_ASSERTS %d" % noff)
    return out


def gen_check(consts, structs, groups, pcf_structs):
    out = []
    w = out.append
    w("/*")
    w(" * mqi_consts_check.h -- what test_mqi_layout.c checks, generated by")
    w(" * include/gen/gen_mqi_consts.py from include/gen/mqi-constants.tsv and")
    w(" * include/gen/mqi-structs.txt. Do not edit; run `make headers` again.")
    w(" * With MQI_CHECK_MORE_HEADERS defined before it is included (test_mqi_pcf.c), it")
    w(" * holds instead what test_mqi_pcf.c checks: cmqcfc.h, cmqbc.h, cmqzc.h and the PCF")
    w(" * layouts of include/gen/mqi-structs-more.txt.")
    w(" */")
    w("#ifndef MQI_CONSTS_CHECK_H")
    w("#define MQI_CONSTS_CHECK_H")
    w("")
    w("struct mqi_const_check { const char *name; long long got; long long want; };")
    w("")
    w("#if defined(MQI_CHECK_MORE_HEADERS)")
    w("")
    out.extend(gen_check_more(consts, pcf_structs))
    w("")
    w("#else /* the headers test_mqi_layout.c checks */")
    w("")
    # 1. numeric constants in cmqc.h / cmqxc.h
    nums = [(n, v) for n, v in consts if isinstance(v, int) and header_of(n) in ("cmqc.h", "cmqxc.h")]
    nums += [(n, v) for n, v, _ in EXTRA]
    w("/* every numeric constant of the tsv that cmqc.h or cmqxc.h defines: %d */" % len(nums))
    w("static const struct mqi_const_check mqi_const_checks[] = {")
    for n, v in nums:
        w('  { "%s", (long long)(%s), %dLL },' % (n, n, v))
    w("};")
    w("#define MQI_CONST_CHECK_COUNT %d" % len(nums))
    w("")
    # 2. strings
    strs = [(n, v) for n, v in consts if isinstance(v, str)]
    w("struct mqi_str_check { const char *name; const char *got; const char got_array[8]; const char *want; };")
    w("")
    w("/* the MQFMT_* names (tsv shows them unpadded; C pads them with blanks to 8): %d */" % len(strs))
    w("static const struct mqi_str_check mqi_str_checks[] = {")
    for n, v in strs:
        w('  { "%s", %s, {%s_ARRAY}, "%s" },' % (n, n, n, v))
    w("};")
    w("#define MQI_STR_CHECK_COUNT %d" % len(strs))
    w("")
    # 3. cmqstrc.h: every value of every family, with the name the tsv gives it
    w("typedef char *(*mqi_str_fn)(MQLONG);")
    w("struct mqi_name_check { mqi_str_fn fn; const char *fn_name; MQLONG value; const char *name; };")
    rows = []
    for n, v in consts:
        if isinstance(v, str) or META.search(n) or no_str(n):
            continue
        g = str_group(n)
        rows.append((g, v, n))
    w("")
    w("/* every value cmqstrc.h names: %d */" % len(rows))
    w("static const struct mqi_name_check mqi_name_checks[] = {")
    for g, v, n in rows:
        w('  { %s_STR, "%s_STR", %d, "%s" },' % (g, g, v, n))
    w("};")
    w("#define MQI_NAME_CHECK_COUNT %d" % len(rows))
    w("#define MQI_STR_FUNCTION_COUNT %d" % len(groups))
    w("")
    # 4. layouts
    nsize = noff = 0
    w("/* sizes and offsets from mqi-structs.txt */")
    for s, (sname, size, fields) in structs.items():
        if s in DECLARED_ELSEWHERE:
            w("/* %s: declared in %s, not checked here */" % (s, DECLARED_ELSEWHERE[s]))
            continue
        w('_Static_assert(sizeof(%s) == %d, "sizeof(%s)");' % (s, size, s))
        nsize += 1
        for off, fname, ftype in fields:
            w('_Static_assert(offsetof(%s, %s) == %d, "offsetof(%s, %s)");' % (s, fname, off, s, fname))
            w('_Static_assert(sizeof(((%s *)0)->%s) == sizeof(%s), "sizeof %s.%s");'
              % (s, fname, c_type(ftype), s, fname))
            noff += 1
    w("#define MQI_LAYOUT_SIZE_ASSERTS %d" % nsize)
    w("#define MQI_LAYOUT_OFFSET_ASSERTS %d" % noff)
    w("")
    w("#endif /* MQI_CHECK_MORE_HEADERS */")
    w("")
    w("#endif /* MQI_CONSTS_CHECK_H */")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ref", default=DEFAULT_REF, help="folder holding the reference facts")
    ap.add_argument("--check", action="store_true", help="only report stale outputs")
    args = ap.parse_args()

    consts = read_tsv(os.path.join(args.ref, "mqi-constants.tsv"))
    structs = read_structs(os.path.join(args.ref, "mqi-structs.txt"))
    more = read_structs(os.path.join(args.ref, "mqi-structs-more.txt"))
    pcf_structs = collections.OrderedDict(
        (k, v) for k, v in more.items() if k.startswith("MQCF") or k == "MQEPH")

    names = [n for n, _ in consts]
    dup = [n for n, c in collections.Counter(names).items() if c > 1]
    if dup:
        raise SystemExit("mqi-constants.tsv: names given twice: %s" % ", ".join(dup))

    cmqstrc, groups = gen_cmqstrc(consts)
    outputs = collections.OrderedDict()
    for h in GENERATED_HEADERS:
        path = os.path.join(TOP, "include", h)
        outputs[path] = splice(path, gen_defines(consts, h))
    outputs[os.path.join(TOP, "include", "cmqstrc.h")] = cmqstrc
    outputs[os.path.join(TOP, "tests", "unit", "mqi_consts_check.h")] = gen_check(
        consts, structs, groups, pcf_structs)
    stale = 0
    for path, text in outputs.items():
        try:
            with open(path, encoding="utf-8") as f:
                old = f.read()
        except FileNotFoundError:
            old = None
        if old == text:
            continue
        if args.check:
            print("stale: %s" % os.path.relpath(path, TOP))
            stale += 1
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            print("wrote %s" % os.path.relpath(path, TOP))

    placed = collections.Counter(header_of(n) for n in names)
    print("constants: %s" % ", ".join("%s %d" % kv for kv in sorted(placed.items())))
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
