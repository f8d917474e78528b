# WILDCARD(BLOCK) on a topic object (tests/mqi/mqi_psblock): wildcard
# subscriptions less specific than the object's topic string get nothing
# published at or below it (publications and retained ones), more specific
# ones and those without a wildcard are not affected; with WILDCARD(PASSTHRU)
# every subscription gets what it matches.
. "$(dirname "$0")/lib.sh"
sanitizer_logs_here
T="$QUIRE_BUILD/tests/mqi"
trap 'endmqm -i QW >/dev/null 2>&1' EXIT
run 0 crtmqm QW
run 0 strmqm QW
printf "DEFINE TOPIC(SPORT.FB) TOPICSTR('Sport/Football') WILDCARD(BLOCK)\n" >def.mqsc
run_in 0 def.mqsc runmqsc QW
run 0 "$T/mqi_psblock" QW block
hasnt "not ok"
has "22 checks, 0 failed"
printf "ALTER TOPIC(SPORT.FB) WILDCARD(PASSTHRU)\nCLEAR QLOCAL(SYSTEM.RETAINED.PUB.QUEUE)\n" >alt.mqsc
run_in 0 alt.mqsc runmqsc QW
run 0 "$T/mqi_psblock" QW pass
hasnt "not ok"
has "22 checks, 0 failed"
run 0 endmqm -i QW
sanitizer_check
