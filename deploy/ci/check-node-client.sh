#!/usr/bin/env bash
# The second-language contract check: installs the Node.js client's locked dependencies
# (npm ci; the lock file has no download addresses) and runs its tests (node --test) against an
# ALREADY RUNNING suite, e.g. `java -jar deploy/target/custody.jar` or the demo.
# Needs proto/target/buf-deps (made by any Maven build of proto/, e.g. mvn -B -q -pl proto
# generate-resources), Node.js 20+ and npm.
# Environment (all optional):
#   CUSTODY_HOST                 host of the services (default 127.0.0.1)
#   CUSTODY_<SERVICE>_GRPC_PORT  per service, defaults 7001-7004 (SERVICE = IDENTITY, BILLING, ANALYTICS, DISCLOSURE)
#   CUSTODY_<SERVICE>_TARGET     host:port per service, overrides both
#   CUSTODY_CALLER_TOKENS_FILE   the launcher's token file (default CUSTODY_HOME/callers.tokens,
#                                CUSTODY_HOME defaulting to the repository's .custody)
#   CUSTODY_NODE_TEST_ONLY       a name pattern passed to node --test-name-pattern
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT/deploy/contract-node"

command -v node >/dev/null 2>&1 || { echo "check-node-client: node is not installed" >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || { echo "check-node-client: Node.js 20+ needed, found $(node --version)" >&2; exit 1; }

if grep -q '"resolved"' package-lock.json; then
  echo "check-node-client: package-lock.json has \"resolved\" entries (download addresses); regenerate it with omit-lockfile-registry-resolved" >&2
  exit 1
fi

if [ ! -f "$ROOT/proto/target/buf-deps/buf/validate/validate.proto" ] && [ -z "${CUSTODY_PROTO_DEPS:-}" ]; then
  echo "proto/target/buf-deps missing: mvn -B -q -pl proto generate-resources"
  (cd "$ROOT" && mvn -B -q -pl proto generate-resources)
fi

npm ci --no-audit --no-fund --loglevel=error
args=()
[ -n "${CUSTODY_NODE_TEST_ONLY:-}" ] && args+=(--test-name-pattern "$CUSTODY_NODE_TEST_ONLY")
node --test "${args[@]}" test/
