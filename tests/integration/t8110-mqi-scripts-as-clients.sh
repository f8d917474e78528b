# The MQI integration scripts run again with every MQI program as a client
# over TCP (issue 15: "the same tests run both ways"): QUIRE_CLIENT=1 makes
# lib.sh give each queue manager a listener and a JSON CCDT entry (MQCCDTURL),
# so the programs of t6100 (the verbs), t6110 (selectors), t7000 (IBM's samples
# rebuilt here) and t7200 (publish/subscribe) reach the queue manager they name
# through a SVRCONN channel, and their checks must pass as they do locally.
. "$(dirname "$0")/lib.sh"
command -v runmqlsr >/dev/null 2>&1 || { echo "# skipped: this build has no runmqlsr (the TCP listener)"; exit 0; }
here=$(dirname "$0")
case $here in /*) ;; *) here="$PWD/$here" ;; esac
for t in t6100-mqi-verbs t6110-selector t7000-samples t7200-pubsub; do
	[ -f "$here/$t.sh" ] || fail "no script $t.sh"
	mkdir -p "$t" || fail "mkdir $t"
	if (cd "$t" && MQ_DATA_PATH="$PWD/data" QUIRE_CLIENT=1 sh "$here/$t.sh") >"$t.out" 2>&1; then
		note "$t as clients: $(tail -1 "$t.out")"
	else
		fail "$t as clients failed:
$(tail -30 "$t.out")"
	fi
	# the clients went through the listener: the CCDT names the queue managers
	[ -s "$t/client-ccdt.json" ] || fail "$t: no client CCDT was made (not run as clients?)"
done
echo "t8110 ok"
