#!/usr/bin/env bash
# Builds the images' base from Debian packages, without a registry or a container engine:
# mmdebstrap makes a minimal Debian root file system with a headless Java 17 runtime (and the
# libraries the embedded MariaDB of the launcher image needs), with the user 10001 the
# manifests run as; the script wraps it as a one-layer image tarball that Jib takes as
# `tar://` base (docker-save layout). SOURCE_DATE_EPOCH pins every timestamp, so the same
# packages give the same bytes.
#
# Usage: deploy/images/build-base.sh [OUTPUT.tar]   (default: target/images/custody-base.tar)
# Environment:
#   CUSTODY_BASE_SUITE     Debian suite (default bookworm, the suite of this machine's packages)
#   CUSTODY_BASE_SOURCES   apt sources to build from: a sources.list(.d) file (default: the host's
#                          Debian sources) or a mirror URL
#   SOURCE_DATE_EPOCH      timestamps inside the image (default: 2026-12-01T00:00:00Z, as the jars')
# A base from a registry works as well: set the Maven property custody.image.base (e.g.
# -Dcustody.image.base=registry.example/eclipse-temurin:17-jre) instead of running this.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/target/images/custody-base.tar}
SUITE=${CUSTODY_BASE_SUITE:-bookworm}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1796083200}
SOURCES=${CUSTODY_BASE_SOURCES:-}
if [ -z "$SOURCES" ]; then
  for candidate in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
    if [ -s "$candidate" ] && grep -qv '^\s*#' "$candidate"; then SOURCES=$candidate; break; fi
  done
fi
[ -n "$SOURCES" ] || { echo "build-base: no apt sources found; set CUSTODY_BASE_SOURCES" >&2; exit 1; }

command -v mmdebstrap >/dev/null 2>&1 || {
  echo "installing mmdebstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q mmdebstrap >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q mmdebstrap >/dev/null; }
}

# Downloaded packages are kept between builds (a second build needs no network and must give
# the same bytes: the reproducibility check builds twice).
CACHE=${CUSTODY_BASE_CACHE:-$ROOT/target/images/apt-cache}
mkdir -p "$CACHE"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$(dirname "$OUT")"

# openjdk-17-jre-headless: the services; libaio1, libncurses6, libxml2, libssl3, libpcre2-8-0:
# what the launcher's embedded mariadbd links against. No shell tools beyond minbase; apt's
# lists and caches, docs and man pages are left out.
mmdebstrap --variant=minbase --mode=root --format=tar \
  --include=openjdk-17-jre-headless,ca-certificates,libaio1,libncurses6,libxml2,libssl3,libpcre2-8-0,tzdata \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
  --skip=download/empty \
  --setup-hook='mkdir -p "$1"/var/cache/apt/archives' \
  --setup-hook='sync-in '"$CACHE"' /var/cache/apt/archives' \
  --customize-hook='sync-out /var/cache/apt/archives '"$CACHE" \
  --customize-hook='chroot "$1" groupadd --gid 10001 custody' \
  --customize-hook='chroot "$1" useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin custody' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/* "$1"/etc/machine-id; touch "$1"/etc/machine-id' \
  --customize-hook='python3 '"$ROOT"'/deploy/images/java_cacerts.py "$1" "$SOURCE_DATE_EPOCH"' \
  --customize-hook='chroot "$1" dpkg-query -W -f="\${Package} \${Version}\n" > "$1"/usr/share/custody-base-packages.txt' \
  "$SUITE" "$WORK/rootfs.tar" "$SOURCES"

python3 "$ROOT/deploy/images/wrap_layer.py" "$WORK/rootfs.tar" "$OUT" "$SOURCE_DATE_EPOCH"
echo "base image: $OUT ($(du -h "$OUT" | cut -f1)), $(sha256sum "$OUT" | cut -c1-16)..."
