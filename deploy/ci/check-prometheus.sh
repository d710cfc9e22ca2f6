#!/usr/bin/env bash
# Checks the Prometheus configuration of Custody with promtool (Debian's `prometheus` package):
#   - promtool check config  deploy/prometheus/prometheus.yml (and the rule files it names)
#   - promtool check rules   deploy/prometheus/rules/*.yml
#   - promtool test rules    deploy/prometheus/tests/*.yml
# and that every alert has a `for:`, a severity, a summary and a description, and is unit-tested
# both firing and quiet. Installs the package when promtool is missing. Exits non-zero on any error.
set -euo pipefail
cd "$(dirname "$0")/../prometheus"

if ! command -v promtool >/dev/null 2>&1; then
  echo "promtool not found; installing Debian's prometheus package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q prometheus >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q prometheus >/dev/null; }
fi
promtool --version 2>&1 | head -1

echo "== promtool check config"
promtool check config prometheus.yml

echo "== promtool check rules"
promtool check rules rules/*.yml

echo "== promtool test rules"
promtool test rules tests/*.yml

echo "== every alert: for, severity, summary, description; a firing and a quiet test"
failures=0
alerts=$(sed -n 's/^ *- alert: *\([A-Za-z0-9_]*\).*/\1/p' rules/alerts.yml)
[ -n "$alerts" ] || { echo "no alert found in rules/alerts.yml" >&2; exit 1; }
for alert in $alerts; do
  # The rule's block: from its `- alert:` line to the next rule or group.
  block=$(awk -v name="$alert" '
    $0 ~ "^ *- alert: *" name "$" { inside = 1; print; next }
    inside && ($0 ~ /^ *- (alert|record):/ || $0 ~ /^ *- name:/) { inside = 0 }
    inside { print }' rules/alerts.yml)
  for field in 'for:' 'severity:' 'summary:' 'description:'; do
    if ! grep -q "^ *$field" <<<"$block"; then
      echo "FAIL $alert has no $field" >&2
      failures=$((failures + 1))
    fi
  done
  # In the tests: the exp_alerts that follows each `alertname: <alert>`.
  outcomes=$(awk -v name="$alert" '
    $0 ~ "^ *alertname: *" name "$" { want = 1; next }
    want && /^ *exp_alerts:/ { print ($0 ~ /\[\]/ ? "quiet" : "fires"); want = 0 }' tests/*.yml | sort -u | tr '\n' ' ')
  for outcome in fires quiet; do
    if [[ " $outcomes " != *" $outcome "* ]]; then
      echo "FAIL $alert has no unit test where it $([ $outcome = fires ] && echo fires || echo stays quiet)" >&2
      failures=$((failures + 1))
    fi
  done
  echo "ok   $alert: tested ${outcomes% }"
done
if [ "$failures" -gt 0 ]; then
  echo "check-prometheus: $failures problem(s)" >&2
  exit 1
fi
echo "check-prometheus: config, rules and rule tests pass"
