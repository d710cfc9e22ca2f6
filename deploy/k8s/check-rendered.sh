#!/usr/bin/env bash
# Renders the Kustomize base and every overlay with `kubectl kustomize` and runs the manifest
# checks of deploy/src/test/java/org/custody/deploy/k8s on the output (the same checks the
# always-on KubernetesManifestsTest runs on the repository's own resolution), then compares the
# two. Fails when kubectl is installed and rendering or any check fails; prints
# "kubectl not installed: skipped" and succeeds when it is not.
#
# Needs a JDK and SnakeYAML in the local Maven repository (any `mvn` build of this project puts
# it there). Usage: deploy/k8s/check-rendered.sh
set -euo pipefail

k8s_dir="$(cd "$(dirname "$0")" && pwd)"
deploy_dir="$(dirname "$k8s_dir")"
repo_dir="$(dirname "$deploy_dir")"

if ! command -v kubectl >/dev/null 2>&1; then
  echo "kubectl not installed: skipped"
  exit 0
fi

version="$(sed -n 's:.*<snakeyaml.version>\(.*\)</snakeyaml.version>.*:\1:p' "$repo_dir/pom.xml" | head -n 1)"
maven_repo="${MAVEN_REPO:-$HOME/.m2/repository}"
snakeyaml="$maven_repo/org/yaml/snakeyaml/$version/snakeyaml-$version.jar"
if [[ -z "$version" || ! -f "$snakeyaml" ]]; then
  echo "SnakeYAML ${version:-?} not found at $snakeyaml; run a Maven build first (or set MAVEN_REPO)" >&2
  exit 1
fi

classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
sources=()
for source in "$deploy_dir"/src/test/java/org/custody/deploy/k8s/*.java; do
  [[ "$source" == *Test.java ]] || sources+=("$source")   # the checks, not the JUnit tests
done
javac -nowarn -d "$classes" -cp "$snakeyaml" "${sources[@]}"

kubectl version --client 2>/dev/null | head -n 2 || true
java -cp "$classes:$snakeyaml" org.custody.deploy.k8s.RenderedManifestsCheck "$k8s_dir"
