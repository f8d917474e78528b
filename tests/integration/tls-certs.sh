#!/bin/sh
# tls-certs.sh DIR: a test CA and the key repositories (PEM, qm/tlsctx.h) the
# TLS tests use, made with the openssl command in DIR.  Used by
# tests/unit/test_tls.c and tests/integration/t8500-tls.sh.
#
#   ca.crt / ca2.crt       the test CA, and a second CA nobody trusts
#   srv.*                  the queue manager: RSA, CN=QM1,OU=QM,O=Quire,C=GB, trusts ca
#   cli.*                  a good client: EC, CN=app1,OU=Apps,OU=Test,O=Quire,C=GB, trusts ca
#   old.*                  a client whose certificate expired (2020), trusts ca
#   bad.*                  a client whose certificate ca2 signed, trusts ca
#   anon.ca                a client with no certificate, trusts ca
#   wrongca.ca             a client that trusts only ca2 (the server's certificate is untrusted)
#   cli-alt.crt/.key       a second certificate in the cli repository, label "alt" (CN=alt1)
set -e
d=$1
[ -n "$d" ] || { echo "usage: tls-certs.sh DIR" >&2; exit 2; }
mkdir -p "$d"
cd "$d"
umask 077
ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
openssl req -x509 $ec -keyout ca.key -out ca.crt -days 30 -subj "/O=Quire/CN=Quire Test CA" 2>/dev/null
openssl req -x509 $ec -keyout ca2.key -out ca2.crt -days 30 -subj "/O=Other/CN=Untrusted CA" 2>/dev/null
sign() {   # name subject ca [openssl ca dates]
	openssl req $4 -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
	openssl x509 -req -in "$1.csr" -CA "$3.crt" -CAkey "$3.key" -CAcreateserial -out "$1.crt" -days 30 2>/dev/null
	rm -f "$1.csr"
}
sign srv "/C=GB/O=Quire/OU=QM/CN=QM1" ca "-newkey rsa:2048 -nodes"
sign cli "/C=GB/O=Quire/OU=Test/OU=Apps/CN=app1" ca "$ec"
sign bad "/C=GB/O=Quire/OU=Apps/CN=intruder" ca2 "$ec"
sign cli-alt "/C=GB/O=Quire/OU=Apps/CN=alt1" ca "$ec"

# an expired certificate: openssl ca can give past dates
mkdir -p oldca
: > oldca/index.txt
echo 1000 > oldca/serial
cat > oldca/ca.cnf <<EOF
[ ca ]
default_ca = test
[ test ]
dir = oldca
database = oldca/index.txt
new_certs_dir = oldca
serial = oldca/serial
default_md = sha256
policy = any
copy_extensions = none
[ any ]
commonName = supplied
organizationName = optional
organizationalUnitName = optional
countryName = optional
EOF
openssl req $ec -keyout old.key -out old.csr -subj "/C=GB/O=Quire/OU=Apps/CN=old1" 2>/dev/null
openssl ca -batch -config oldca/ca.cnf -cert ca.crt -keyfile ca.key -in old.csr -out old.crt \
	-startdate 20200101000000Z -enddate 20200201000000Z -notext 2>/dev/null
rm -f old.csr

for n in srv cli old bad; do cp ca.crt $n.ca; done
cp ca.crt anon.ca
cp ca2.crt wrongca.ca
chmod 600 ./*.key
