#!/usr/bin/env bash
# Stubs for other languages from the contracts: runs `buf generate` with proto/buf.gen.yaml (Java,
# Go, Python, TypeScript; every plugin local) and proves that what it generated compiles:
#   TypeScript  tsc --noEmit over proto/target/gen/ts (proto/tsconfig.stubs.json)
#   Go          go build in GOPATH mode against Debian's protobuf-go and grpc-go packages
#   Python      every module imports under Debian's python3-protobuf and python3-grpcio
# Installs what is missing (Debian packages; protoc-gen-grpc-java from Maven Central through mvn).
# Usage: deploy/ci/check-stubs.sh            (generate and compile all)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT/proto"
log() { printf '== %s\n' "$*"; }

need=()
command -v protoc >/dev/null 2>&1 || need+=(protobuf-compiler)
command -v grpc_python_plugin >/dev/null 2>&1 || need+=(protobuf-compiler-grpc)
command -v go >/dev/null 2>&1 || need+=(golang-go)
command -v protoc-gen-go >/dev/null 2>&1 || need+=(protoc-gen-go)
command -v protoc-gen-go-grpc >/dev/null 2>&1 || need+=(protoc-gen-go-grpc)
[ -d /usr/share/gocode/src/google.golang.org/grpc ] || need+=(golang-google-grpc-dev)
[ -d /usr/share/gocode/src/google.golang.org/protobuf ] || need+=(golang-google-protobuf-dev)
/usr/bin/python3 -c 'import grpc' 2>/dev/null || need+=(python3-grpcio python3-protobuf)
if [ ${#need[@]} -gt 0 ]; then
  log "installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${need[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${need[@]}" >/dev/null; }
fi
[ -f target/buf-deps/buf/validate/validate.proto ] && [ -f target/buf-deps/google/rpc/status.proto ] \
  || (cd "$ROOT" && mvn -B -q -pl proto generate-resources)
[ -x node_modules/.bin/protoc-gen-es ] || npm ci --no-audit --no-fund --loglevel=error

# protoc-gen-grpc-java is a Maven artifact (an executable) of the gRPC version the build uses.
GRPC_VERSION=$(sed -n 's:.*<grpc.version>\(.*\)</grpc.version>.*:\1:p' "$ROOT/pom.xml")
BIN=$(mktemp -d)
trap 'rm -rf "$BIN"' EXIT
EXE="$HOME/.m2/repository/io/grpc/protoc-gen-grpc-java/$GRPC_VERSION/protoc-gen-grpc-java-$GRPC_VERSION-linux-x86_64.exe"
[ -f "$EXE" ] || mvn -B -q dependency:get -Dartifact="io.grpc:protoc-gen-grpc-java:$GRPC_VERSION:exe:linux-x86_64" -Dtransitive=false
cp "$EXE" "$BIN/protoc-gen-grpc-java" && chmod +x "$BIN/protoc-gen-grpc-java"

log "buf breaking guards stubs (FILE): a renamed RPC on a copy of the contracts must fail it"
COPY="$BIN/contracts"
mkdir -p "$COPY/src/main" "$COPY/target"
cp -r src/main/proto "$COPY/src/main/" && cp -r target/buf-deps "$COPY/target/" && cp buf.yaml buf-baseline.binpb "$COPY/"
breaking() { (cd "$COPY" && npx --prefix "$ROOT/proto" buf breaking src/main/proto --against buf-baseline.binpb); }
breaking >/dev/null || { echo "the unchanged copy does not pass buf breaking" >&2; exit 1; }
sed -i '0,/^  rpc GetSignedTreeHead(/s//  rpc GetSignedTreeHeadRenamed(/' "$COPY/src/main/proto/custody/disclosure/v1/ledger.proto"
if out=$(breaking 2>&1); then
  echo "buf breaking accepted a renamed RPC" >&2; exit 1
fi
grep -q 'RPC "GetSignedTreeHead" on service "LedgerService" was deleted' <<<"$out" || { echo "unexpected: $out" >&2; exit 1; }
echo "   refused: $out"

log "buf generate (proto/buf.gen.yaml)"
PATH="$BIN:$PATH" npx buf generate
for language in java go python ts; do
  printf '   %-7s %s files\n' "$language" "$(find "target/gen/$language" -type f | wc -l)"
done

log "TypeScript: tsc --noEmit"
npx tsc -p tsconfig.stubs.json

log "Go: go build (GOPATH mode, Debian's google.golang.org/protobuf and grpc)"
GOWORK_DIR="$BIN/go"
mkdir -p "$GOWORK_DIR/src/custody.org/proto/gen/go" "$GOWORK_DIR/src/buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf"
cp -r target/gen/go/custody "$GOWORK_DIR/src/custody.org/proto/gen/go/"
cp -r target/gen/go/buf/validate "$GOWORK_DIR/src/buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/"
(cd "$GOWORK_DIR/src" && GO111MODULE=off GOFLAGS= GOPATH="$GOWORK_DIR:/usr/share/gocode" GOCACHE="$GOWORK_DIR/cache" \
  go build custody.org/proto/gen/go/...)

log "Python: every generated module imports"
(cd target/gen/python && find custody -name '*.py' | sed 's:/:.:g; s:\.py$::' | sort \
  | /usr/bin/python3 -c 'import importlib, sys
names = [n.strip() for n in sys.stdin if n.strip()]
for n in names: importlib.import_module(n)
print(f"   {len(names)} modules imported")')
log "stubs generated and compiled: Java, Go, Python, TypeScript"
