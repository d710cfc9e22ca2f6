#!/usr/bin/env bash
# The Python client's contract check: generates the Python stubs from the contracts with
# proto/buf.gen.yaml (when missing), starts the launcher on free ports with its embedded database
# (deploy/contract-python/custody_testkit.py) and runs the scenario against it (unittest).
# Needs deploy/target/custody.jar, proto/node_modules (npm ci in proto/) and Debian's
# python3-grpcio and python3-protobuf plus protoc and grpc_python_plugin (installed when missing).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3

need=()
$PY -c 'import grpc' 2>/dev/null || need+=(python3-grpcio python3-protobuf)
command -v protoc >/dev/null 2>&1 || need+=(protobuf-compiler)
command -v grpc_python_plugin >/dev/null 2>&1 || need+=(protobuf-compiler-grpc)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${need[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${need[@]}" >/dev/null; }
fi

if [ ! -d "$ROOT/proto/target/gen/python/custody" ]; then
  "$ROOT/deploy/ci/generate-stubs.sh" python
fi
[ -f "$ROOT/deploy/target/custody.jar" ] || (cd "$ROOT" && mvn -B -q -pl deploy -am package -DskipTests)

cd "$ROOT/deploy/contract-python"
out=$(mktemp)
status=0
$PY custody_testkit.py -- $PY -m unittest -v test_scenario 2>&1 | tee "$out" || status=$?
ran=$(sed -n 's/^Ran \([0-9]*\) tests\{0,1\} in .*/\1/p' "$out" | tail -1)
failed=$(sed -n 's/^FAILED (\(.*\))$/\1/p' "$out" | grep -o '[0-9]\+' | paste -sd+ | bc 2>/dev/null || true)
rm -f "$out"
ran=${ran:-0}; failed=${failed:-0}
echo "python: $((ran - failed)) passed, $failed failed"
[ "$status" -eq 0 ] && [ "$ran" -gt 0 ]
