#!/usr/bin/env bash
# The README's two-minute walkthrough, as CI runs it, against the distribution: extracts mayfly-VERSION.tar.gz (made
# by ./mvnw package, which ./mayfly test runs) into an empty directory, starts its bin/mayfly dev from there (no
# source tree, no Maven; embedded infrastructure on the platform's fixed ports), checks ./mayfly status, runs
# scripts/cli-walkthrough.sh and scripts/cli-service-models.sh with the AWS CLI on the PATH, and stops the platform
# whatever happened.
# Exit status: 0 when all of it passed.
set -euo pipefail
cd "$(dirname "$0")/.."
tarball=$(ls mayfly-dist/target/mayfly-*.tar.gz 2>/dev/null | head -1 || true)
if [ -z "$tarball" ]; then
  echo "No distribution in mayfly-dist/target: build it with ./mvnw -DskipTests package (./mayfly test builds it too)." >&2
  exit 1
fi
walkthrough="$PWD/scripts/cli-walkthrough.sh"
service_models="$PWD/scripts/cli-service-models.sh"
place=$(mktemp -d)
tar -xzf "$tarball" -C "$place"
installed=$(echo "$place"/mayfly-*)
empty="$place/empty"
mkdir "$empty"
log="$place/dev.log"
(cd "$empty" && exec "$installed/bin/mayfly" dev) >"$log" 2>&1 &
platform=$!
stop() {
  kill "$platform" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$platform" 2>/dev/null || return 0; sleep 1; done
  kill -9 "$platform" 2>/dev/null || true
}
trap stop EXIT
echo "Starting $installed/bin/mayfly dev from an empty directory for the walkthrough ..." >&2
for _ in $(seq 1 300); do
  if grep -q "Mayfly is ready" "$log"; then break; fi
  if ! kill -0 "$platform" 2>/dev/null; then echo "bin/mayfly dev stopped before it was ready:" >&2; tail -50 "$log" >&2; exit 1; fi
  sleep 1
done
if ! grep -q "Mayfly is ready" "$log"; then echo "bin/mayfly dev was not ready within 5 minutes:" >&2; tail -50 "$log" >&2; exit 1; fi
(cd "$empty" && "$installed/bin/mayfly" status)
# the installation keeps its state in its own .mayfly, wherever it was started from
(cd "$empty" && AWS_PAGER="" MAYFLY_HOME="$installed/.mayfly" bash "$walkthrough")
# Mayfly's own APIs through the service models the archive ships, as README.md shows them
(cd "$empty" && MAYFLY_HOME="$installed/.mayfly" MAYFLY_SERVICE_MODELS="$installed/service-models" bash "$service_models")
