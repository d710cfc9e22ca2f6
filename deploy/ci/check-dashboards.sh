#!/usr/bin/env bash
# Proves the Grafana dashboards and the recording rules against a real Prometheus:
#   1. the dashboard JSON is what deploy/grafana/generate.js makes (when node is installed);
#   2. starts Prometheus (Debian's binary) with a temporary configuration that scrapes the four
#      metrics ports every 2 s, evaluates every 2 s and loads deploy/prometheus/rules/*.yml;
#   3. runs the scenario command (default: the launcher's demo, which starts the suite, exercises
#      every service, prints "DEMO FINISHED" and keeps running) and waits for that line;
#   4. optionally runs more traffic against the running suite (CUSTODY_EXTRA_TRAFFIC_CMD);
#   5. waits a few scrape intervals, then evaluates through /api/v1/query every target of every
#      panel of every dashboard (Grafana variables substituted) and every recording rule, and
#      checks that no rule failed to evaluate;
#   6. stops both processes and removes its temporary files.
# Fails if any query errors or returns no series.
#
# Run from anywhere, after `mvn -B -q install -DskipTests` (it builds the launcher if missing):
#   deploy/ci/check-dashboards.sh
# Environment:
#   CUSTODY_SCENARIO_CMD      the scenario (default: java -jar deploy/target/custody.jar demo --stay),
#                             run from the repository root in its own process group
#   CUSTODY_SCENARIO_READY    the line that says the scenario is done (default: DEMO FINISHED)
#   CUSTODY_SCENARIO_TIMEOUT  seconds to wait for it (default 600)
#   CUSTODY_EXTRA_TRAFFIC_CMD run after the scenario is done, before querying (e.g.
#                             deploy/ci/check-node-client.sh); must succeed
#   CUSTODY_DB_URL            passed to the launcher (e.g. jdbc:mysql://127.0.0.1:3306/); without
#                             it the launcher starts an embedded MariaDB
#   CUSTODY_HOME              passed to the launcher (default ./.custody, the launcher's own)
#   CUSTODY_FRESH_DATABASES=1 drop the suite's databases (custody_identity, custody_billing,
#                             custody_analytics, custody_disclosure) on the CUSTODY_DB_URL server
#                             first, and use a temporary CUSTODY_HOME unless one is given: a run
#                             that does not depend on what earlier runs left (what CI wants)
#   CUSTODY_PROMETHEUS_PORT   port of the temporary Prometheus (default 19090)
#   CUSTODY_METRICS_PORTS     the four metrics ports (default "9401 9402 9403 9404")
#   CUSTODY_SETTLE_SECONDS    wait after the scenario before querying (default 8: 4 scrapes)
#   CUSTODY_KEEP_WORKDIR=1    keep the temporary directory (logs, Prometheus data)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

SCENARIO_CMD=${CUSTODY_SCENARIO_CMD:-"java -jar deploy/target/custody.jar demo --stay"}
READY=${CUSTODY_SCENARIO_READY:-"DEMO FINISHED"}
TIMEOUT=${CUSTODY_SCENARIO_TIMEOUT:-600}
PROM_PORT=${CUSTODY_PROMETHEUS_PORT:-19090}
METRICS_PORTS=${CUSTODY_METRICS_PORTS:-"9401 9402 9403 9404"}
SETTLE=${CUSTODY_SETTLE_SECONDS:-8}
PROM="http://127.0.0.1:$PROM_PORT"
SERVICES=(identity billing analytics disclosure)

log() { printf '== %s\n' "$*"; }
die() { printf 'check-dashboards: %s\n' "$*" >&2; exit 1; }

# --- tools ------------------------------------------------------------------------------------
install_debian() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "$@" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$@" >/dev/null; }
}
command -v prometheus >/dev/null 2>&1 || { echo "prometheus not found; installing Debian's package"; install_debian prometheus; }
command -v jq >/dev/null 2>&1 || { echo "jq not found; installing it"; install_debian jq; }
command -v curl >/dev/null 2>&1 || install_debian curl

if command -v node >/dev/null 2>&1; then
  log "dashboards are what deploy/grafana/generate.js makes"
  node deploy/grafana/generate.js --check
fi

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in $METRICS_PORTS $PROM_PORT; do
  if port_open "$port"; then
    die "port $port is already in use: stop whatever listens there (a running suite?) first"
  fi
done

if [ -z "${CUSTODY_SCENARIO_CMD:-}" ] && [ ! -f deploy/target/custody.jar ]; then
  log "deploy/target/custody.jar missing: mvn -B -q install -DskipTests"
  mvn -B -q install -DskipTests
fi

# --- processes and cleanup ----------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/custody-dashboards.XXXXXX")
PROM_PID=""
SCENARIO_PID=""

stop_group() {  # stop_group PID: TERM its process group, then KILL what is left after 30 s
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  set +e
  [ -n "$SCENARIO_PID" ] && stop_group "$SCENARIO_PID"
  [ -n "$PROM_PID" ] && stop_group "$PROM_PID"
  wait 2>/dev/null
  if [ "$status" -ne 0 ]; then
    for f in scenario.log extra.log prometheus.log; do
      if [ -s "$WORK/$f" ]; then
        echo "---- last lines of $f" >&2
        tail -n 40 "$WORK/$f" >&2
      fi
    done
  fi
  if [ "${CUSTODY_KEEP_WORKDIR:-0}" = 1 ]; then
    echo "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- fresh databases (opt-in) -----------------------------------------------------------------
if [ "${CUSTODY_FRESH_DATABASES:-0}" = 1 ]; then
  [ -n "${CUSTODY_DB_URL:-}" ] || die "CUSTODY_FRESH_DATABASES=1 needs CUSTODY_DB_URL"
  hostport=${CUSTODY_DB_URL#*://}
  hostport=${hostport%%/*}
  db_host=${hostport%%:*}
  db_port=${hostport##*:}
  [ "$db_port" = "$hostport" ] && db_port=3306
  command -v mysql >/dev/null 2>&1 || install_debian mariadb-client
  log "dropping the suite's databases on $db_host:$db_port"
  for service in "${SERVICES[@]}"; do
    MYSQL_PWD=${CUSTODY_DB_PASSWORD:-} mysql --protocol=TCP -h "$db_host" -P "$db_port" -u "${CUSTODY_DB_USER:-root}" \
      -e "DROP DATABASE IF EXISTS \`custody_$service\`"
  done
  export CUSTODY_HOME=${CUSTODY_HOME:-$WORK/home}
fi

# --- Prometheus ---------------------------------------------------------------------------------
log "Prometheus on 127.0.0.1:$PROM_PORT, scraping every 2s, with deploy/prometheus/rules"
{
  cat <<EOF
global:
  scrape_interval: 2s
  scrape_timeout: 2s
  evaluation_interval: 2s
rule_files:
  - $ROOT/deploy/prometheus/rules/recording.yml
  - $ROOT/deploy/prometheus/rules/alerts.yml
scrape_configs:
EOF
  i=0
  for port in $METRICS_PORTS; do
    printf '  - job_name: custody-%s\n    static_configs:\n      - targets: ["127.0.0.1:%s"]\n' "${SERVICES[$i]}" "$port"
    i=$((i + 1))
  done
} >"$WORK/prometheus.yml"
promtool check config "$WORK/prometheus.yml" >/dev/null

setsid prometheus \
  --config.file="$WORK/prometheus.yml" \
  --storage.tsdb.path="$WORK/data" \
  --storage.tsdb.retention.time=1h \
  --web.listen-address="127.0.0.1:$PROM_PORT" \
  >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
for _ in $(seq 1 60); do
  curl -fsS "$PROM/-/ready" >/dev/null 2>&1 && break
  kill -0 "$PROM_PID" 2>/dev/null || die "prometheus exited"
  sleep 0.5
done
curl -fsS "$PROM/-/ready" >/dev/null 2>&1 || die "prometheus did not become ready"

# --- the scenario -------------------------------------------------------------------------------
log "scenario: $SCENARIO_CMD (waiting up to ${TIMEOUT}s for \"$READY\")"
setsid bash -c "exec $SCENARIO_CMD" >"$WORK/scenario.log" 2>&1 </dev/null &
SCENARIO_PID=$!
deadline=$((SECONDS + TIMEOUT))
until grep -q -- "$READY" "$WORK/scenario.log"; do
  kill -0 "$SCENARIO_PID" 2>/dev/null || die "the scenario exited before printing \"$READY\""
  [ "$SECONDS" -lt "$deadline" ] || die "no \"$READY\" after ${TIMEOUT}s"
  sleep 1
done
echo "scenario done after ${SECONDS}s"

if [ -n "${CUSTODY_EXTRA_TRAFFIC_CMD:-}" ]; then
  log "extra traffic: $CUSTODY_EXTRA_TRAFFIC_CMD"
  bash -c "$CUSTODY_EXTRA_TRAFFIC_CMD" >"$WORK/extra.log" 2>&1 || die "the extra traffic command failed"
  tail -n 5 "$WORK/extra.log"
fi

query() {  # query EXPR -> the API's JSON answer
  curl -sS -G --max-time 20 --data-urlencode "query=$1" "$PROM/api/v1/query"
}

log "every target is up"
for _ in $(seq 1 30); do
  up=$(query 'count(up == 1)' | jq -r '.data.result[0].value[1] // "0"')
  [ "$up" = "${#SERVICES[@]}" ] && break
  sleep 1
done
[ "$up" = "${#SERVICES[@]}" ] || { query 'up' | jq -c '.data.result[] | {job: .metric.job, up: .value[1]}' >&2; die "only $up of ${#SERVICES[@]} metrics targets are up"; }
echo "waiting ${SETTLE}s for the last scrapes and rule evaluations"
sleep "$SETTLE"

# --- evaluation ---------------------------------------------------------------------------------
passed=0
failed=0
check() {  # check LABEL EXPR
  local label=$1 expr=$2 answer status count error
  answer=$(query "$expr") || answer='{"status":"error","error":"no answer from Prometheus"}'
  status=$(jq -r '.status // "error"' <<<"$answer" 2>/dev/null || echo error)
  if [ "$status" != success ]; then
    error=$(jq -r '.error // .' <<<"$answer" 2>/dev/null || echo "$answer")
    printf 'FAIL %s: error: %s\n     %s\n' "$label" "$error" "$expr"
    failed=$((failed + 1))
    return
  fi
  count=$(jq -r '.data.result | length' <<<"$answer")
  if [ "$count" -eq 0 ]; then
    printf 'FAIL %s: no series\n     %s\n' "$label" "$expr"
    failed=$((failed + 1))
    return
  fi
  printf 'ok   %s: %s series\n' "$label" "$count"
  passed=$((passed + 1))
}

# Grafana variables: the built-in intervals get fixed values, every dashboard variable its
# "All" value (a regular expression) or else its current value.
SUBSTITUTE='
  def vars: [.templating.list[]? | select(.type == "query" or .type == "custom" or .type == "constant" or .type == "textbox")
             | {name, value: (.allValue // (.current.value | if type == "array" then .[0] else . end) // ".*")}];
  def subst($vars):
    reduce ($vars[]) as $v (.;
      gsub("\\$\\{" + $v.name + "(:[a-z]+)?\\}|\\[\\[" + $v.name + "\\]\\]|\\$" + $v.name + "\\b"; $v.value))
    | gsub("\\$\\{?__rate_interval\\}?"; "1m")
    | gsub("\\$\\{?__interval\\}?"; "30s")
    | gsub("\\$\\{?__range\\}?"; "5m");
  vars as $vars
  | [.panels[]? | ., (.panels[]?)] | .[] | select(.targets)
  | . as $panel | .targets[] | select((.expr // "") != "" and (.hide // false) == false)
  | {title: $panel.title, refId, expr: (.expr | subst($vars))}'

log "dashboard panels"
for file in deploy/grafana/dashboards/*.json; do
  name=$(basename "$file" .json)
  while IFS= read -r line; do
    title=$(jq -r '.title' <<<"$line")
    ref=$(jq -r '.refId' <<<"$line")
    expr=$(jq -r '.expr' <<<"$line")
    check "$name / $title [$ref]" "$expr"
  done < <(jq -c "$SUBSTITUTE" "$file")
done

log "recording rules"
rules=$(curl -sS "$PROM/api/v1/rules")
[ "$(jq -r '.status' <<<"$rules")" = success ] || die "cannot list rules: $rules"
[ "$(jq '[.data.groups[].rules[] | select(.type == "recording")] | length' <<<"$rules")" -gt 0 ] || die "Prometheus loaded no recording rule"
while IFS= read -r line; do
  name=$(jq -r '.name' <<<"$line")
  expr=$(jq -r '.query' <<<"$line")
  check "rule $name (expression)" "$expr"
  check "rule $name (recorded series)" "$name"
done < <(jq -c '.data.groups[].rules[] | select(.type == "recording") | {name, query}' <<<"$rules")

log "no rule failed to evaluate"
while IFS= read -r line; do
  printf 'FAIL rule %s: %s\n' "$(jq -r '.name' <<<"$line")" "$(jq -r '.lastError' <<<"$line")"
  failed=$((failed + 1))
done < <(jq -c '.data.groups[].rules[] | select(.health != "ok" and .health != "unknown") | {name, lastError}' <<<"$rules")

echo
echo "dashboards: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
