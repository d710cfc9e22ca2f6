#!/usr/bin/env bash
# Builds the container images without a registry or a daemon and proves them:
#   1. the base from Debian packages (deploy/images/build-base.sh), twice: the same bytes;
#   2. the four service images and the launcher's (mvn -Pimages package: Jib buildTar), twice:
#      the same digests; names and tags are the ones the Kubernetes manifests deploy;
#   3. the identity image unpacked and run as its config says (entrypoint, user 10001, env), in
#      its own mount and PID namespace with the root file system read-only and a tmpfs on /tmp,
#      against the MariaDB server on 127.0.0.1:3306; then a gRPC health check answers SERVING.
# Prints each image's size, digest and SBOM component count. CUSTODY_IMAGES_KEEP_BASE=1 reuses an
# existing target/images/custody-base.tar instead of building (and comparing) the base again.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
log() { printf '== %s\n' "$*"; }
die() { printf 'check-images: %s\n' "$*" >&2; exit 1; }
MODULES=(identity-service billing-service analytics-service disclosure-service deploy)

if [ "${CUSTODY_IMAGES_KEEP_BASE:-}" = 1 ] && [ -f target/images/custody-base.tar ]; then
  log "base image: reusing target/images/custody-base.tar (CUSTODY_IMAGES_KEEP_BASE=1)"
else
  log "base image from Debian packages, built twice"
  deploy/images/build-base.sh target/images/custody-base.tar
  deploy/images/build-base.sh target/images/custody-base-again.tar
  a=$(sha256sum target/images/custody-base.tar | cut -d' ' -f1)
  b=$(sha256sum target/images/custody-base-again.tar | cut -d' ' -f1)
  [ "$a" = "$b" ] || die "the base image differs between two builds ($a, $b)"
  echo "   same bytes twice: sha256:$a"
  rm -f target/images/custody-base-again.tar
fi

build_images() {
  mvn -B -q -Pimages package -DskipTests -pl "$(IFS=,; echo "${MODULES[*]}")" -am >&2
  for m in "${MODULES[@]}"; do cat "$m/target/jib-image.digest"; echo; done
}
log "service and launcher images (Jib buildTar), built twice"
first=$(build_images)
for m in "${MODULES[@]}"; do rm -f "$m/target/jib-image.tar" "$m/target/jib-image.digest"; done
second=$(build_images)
[ "$first" = "$second" ] || die "image digests differ between two builds:
$first
---
$second"
TAG=$(sed -n 's:.*<custody.image.tag>\(.*\)</custody.image.tag>.*:\1:p' pom.xml)
printf '   %-34s %8s  %-73s %s\n' image size digest "SBOM components"
for m in "${MODULES[@]}"; do
  image=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["image"])' "$m/target/jib-image.json")
  case "$m" in deploy) want="custody/launcher:$TAG" ;; *) want="custody/${m%-service}:$TAG" ;; esac
  [ "$image" = "$want" ] || die "$m built $image, expected $want"
  [ "$m" = deploy ] || grep -rq "image: $image\$" deploy/k8s/base || die "no manifest deploys $image"
  components=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["components"]))' "$m/target/sbom/bom.json")
  printf '   %-34s %8s  %-73s %s\n' "$image" "$(du -h "$m/target/jib-image.tar" | cut -f1)" "$(cat "$m/target/jib-image.digest")" "$components"
done
echo "   same digests twice"

log "the identity image runs: read-only root, uid 10001, against MariaDB; grpc health answers"
RUN=$(mktemp -d)
DB="custody_image_check_$$"
cleanup() {
  # unshare --fork ignores SIGTERM and waits for its child, so stop the child (the service, PID 1 of
  # its namespace, which handles SIGTERM) and give it 30 s before SIGKILL.
  if [ -n "${PID:-}" ]; then
    pkill -TERM -P "$PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
    pkill -KILL -P "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  mysql -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
  rm -rf "$RUN"
}
trap cleanup EXIT
python3 deploy/images/unpack_image.py identity-service/target/jib-image.tar "$RUN/rootfs" > "$RUN/entry.env"
. "$RUN/entry.env"   # IMAGE_USER, IMAGE_ENTRYPOINT, IMAGE_ENV
[ "$IMAGE_USER" = "10001:10001" ] || die "the image runs as $IMAGE_USER, not 10001:10001"
mysql -uroot -h127.0.0.1 -e "CREATE DATABASE $DB"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
GRPC=$(free_port); METRICS=$(free_port)
eval "export $IMAGE_ENV"
export CUSTODY_DB_URL="jdbc:mysql://127.0.0.1:3306/$DB" CUSTODY_DB_USER=root CUSTODY_DB_PASSWORD= \
  CUSTODY_GRPC_PORT=$GRPC CUSTODY_METRICS_PORT=$METRICS CUSTODY_CALLER_TOKENS="operator=image-check-token-0123456789"
unshare --mount --pid --fork --propagation private sh -c '
  set -e
  root=$1; user=$2; shift 2
  mount --bind "$root" "$root" && mount -o remount,bind,ro "$root"
  mount -t proc proc "$root/proc"
  mount -t tmpfs -o size=256m,mode=1777 tmpfs "$root/tmp"
  exec chroot --userspec="$user" "$root" "$@"' sh "$RUN/rootfs" "$IMAGE_USER" $IMAGE_ENTRYPOINT > "$RUN/identity.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do
  if python3 deploy/images/health_check.py "127.0.0.1:$GRPC" 2>/dev/null; then ok=1; break; fi
  kill -0 "$PID" 2>/dev/null || break
  sleep 1
done
[ "${ok:-}" = 1 ] || { tail -40 "$RUN/identity.log"; die "the identity image did not answer grpc health SERVING"; }
grep -q "started service=identity" "$RUN/identity.log" || die "no start line in the image's log"
echo "   grpc health SERVING on 127.0.0.1:$GRPC from the unpacked identity image"
echo "images: 5 built twice with equal digests; identity ran and answered health"
