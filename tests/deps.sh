#!/bin/sh
# Installs the Debian packages the build and tests need, when any is missing.
# Run by `make deps` (and so by `make test` and `make check`).
need=""
have_hdr() { [ -f "/usr/include/$1" ]; }
have_hdr lz4.h     || need="$need liblz4-dev"
have_hdr xxhash.h  || need="$need libxxhash-dev"
have_hdr cmocka.h  || need="$need libcmocka-dev"
have_hdr ini.h     || need="$need libinih-dev"
have_hdr security/pam_appl.h || need="$need libpam0g-dev"   # AUTHENMD(PAM) (qm/server/authn.c)
have_hdr crypt.h   || need="$need libcrypt-dev"             # AUTHENMD(OS)
have_hdr openssl/ssl.h || need="$need libssl-dev"   # TLS on client channels (OpenSSL 3)
command -v openssl >/dev/null 2>&1 || need="$need openssl"   # the TLS tests make their certificates
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
command -v c++ >/dev/null 2>&1 || need="$need g++"   # the headers are checked as C++ too
command -v python3 >/dev/null 2>&1 || need="$need python3"   # include/gen (tests/unit/test_headers.sh)
command -v mandoc >/dev/null 2>&1 || need="$need mandoc"     # the man pages: mandoc -T lint (t9100)
command -v groff >/dev/null 2>&1 || need="$need groff-base"  # ... groff -ww -man -z (t9100)
command -v man >/dev/null 2>&1 || need="$need man-db"        # ... man -l (t9100)
command -v systemd-analyze >/dev/null 2>&1 || need="$need systemd"   # t9000 verifies the unit (no systemd as PID 1 needed)
# the sanitizer run (make check) needs the compiler's ASan/UBSan runtime
if ! echo 'int main(void){return 0;}' | cc -x c -fsanitize=address,undefined -o /dev/null - >/dev/null 2>&1; then
	need="$need libasan8 libubsan1"
fi
[ -z "$need" ] && exit 0
echo "make deps: missing:$need"
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo -n"
else
	echo "make deps: not root and no password-less sudo; as root run:" >&2
	echo "    apt-get update && apt-get install -y$need" >&2
	exit 1
fi
$SUDO apt-get update -qq || exit 1
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need || {
	echo "make deps: apt-get install$need failed" >&2; exit 1; }
