#!/usr/bin/env bash
# Fuzzes every Jazzer target of Custody for a while, one target per run (Jazzer fuzzes one target per
# JVM), and prints each target's executions per second as libFuzzer counted them ("Done N runs in S
# second(s)": the corpus replay and the JVM's warm-up included, so a lower bound).
#   deploy/ci/fuzz-rates.sh [SECONDS [parsers|services]]   (default: 30 s per target, all targets;
#                                                           the services need the README's MariaDB)
# The parser targets run through surefire, the service targets through failsafe's "fuzz" execution.
# Exits non-zero when a run fails (a finding, or a service target that fuzzed too few inputs).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
which="${2:-all}"
export CUSTODY_TEST_DB_URL="${CUSTODY_TEST_DB_URL:-jdbc:mysql://127.0.0.1:3306/}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

# Prints "target  runs  seconds  runs/s" from the libFuzzer summary in the run's log.
report() {
  local target="$1" done_line runs secs
  done_line="$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)"
  [[ -n "$done_line" ]] || { echo "$target: no libFuzzer summary (did it fuzz?)" >&2; return 1; }
  runs="$(awk '{print $2}' <<<"$done_line")"
  secs="$(awk '{print $5}' <<<"$done_line")"
  printf '%-70s %9s runs %4s s %8s/s\n' "$target" "$runs" "$secs" "$(( runs / (secs > 0 ? secs : 1) ))"
}

fuzz_parser() {
  local module="$1" target="$2"
  JAZZER_FUZZ=1 mvn -B -o -pl "$module" -am test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$seconds" >"$log" 2>&1 \
    || { tail -50 "$log" >&2; return 1; }
  report "$target"
}

fuzz_service() {
  local module="$1" target="$2"
  mvn -B -o -pl "$module" -am verify -Dtest=NONE -Dit.test=NONE -Dcustody.fuzz.skip=false \
    -Dcustody.fuzz.seconds="$seconds" -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    >"$log" 2>&1 || { tail -50 "$log" >&2; return 1; }
  report "$target"
}

if [[ "$which" != services ]]; then
fuzz_parser platform 'ApiParsersFuzzTest#resourceNames_parseOrRefuseWithAFieldViolation'
fuzz_parser platform 'ApiParsersFuzzTest#pageTokens_onlyEverYieldWhatWasSealed'
fuzz_parser platform 'AccessPolicyFuzzTest#policyLoader_loadsOrSaysWhatIsWrong'
fuzz_parser platform 'AccessPolicyFuzzTest#purposeHeader_parsesToAKnownPurposeOrNothing'
fuzz_parser platform 'EnvReaderFuzzTest#duration_isInRangeOrAProblem'
fuzz_parser identity-service 'PhcStringFuzzTest#parse_roundTripsOrIsEmpty'
fuzz_parser analytics-service 'PathNormaliserFuzzTest#normalise_yieldsABoundedPathOrRefuses'
fuzz_parser disclosure-service 'CanonicalJsonFuzzTest#encode_isCanonicalAndWellFormed'
fi
if [[ "$which" != parsers ]]; then
fuzz_service identity-service 'IdentityFuzzIT#requests'
fuzz_service billing-service 'BillingFuzzIT#requests'
fuzz_service analytics-service 'AnalyticsFuzzIT#requests'
fuzz_service disclosure-service 'DisclosureFuzzIT#requests'
fi
