#!/usr/bin/env bash
# What shipping Custody needs proved, after `mvn -B verify` built deploy/target/custody.jar:
#   stubs in four languages generated and compiled, and buf breaking guarding them (check-stubs.sh);
#   the Python client's scenario on a launcher started by its test kit (check-python-client.sh);
#   the Node.js client's scenario on a launcher started by its test kit (lib/testkit.js);
#   the images built twice with equal digests, and one run from its unpacked root (check-images.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
log() { printf '\n== %s\n' "$*"; }

log "stubs: buf generate (Java, Go, Python, TypeScript) and compile"
"$ROOT/deploy/ci/check-stubs.sh"

log "Python client: scenario on a suite its test kit starts on free ports"
"$ROOT/deploy/ci/check-python-client.sh"

log "Node.js client: scenario on a suite its test kit starts on free ports"
(cd "$ROOT/deploy/contract-node" && npm ci --no-audit --no-fund --loglevel=error && node lib/testkit.js -- node --test test/)

log "images: base from Debian packages, Jib images twice, one run read-only against MariaDB"
"$ROOT/deploy/ci/check-images.sh"
