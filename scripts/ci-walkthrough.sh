#!/usr/bin/env bash
# The README's two-minute walkthrough, as CI runs it: starts ./mayfly dev in a fresh MAYFLY_HOME (embedded
# infrastructure, the platform's fixed ports), runs scripts/cli-walkthrough.sh against it with the AWS CLI on the PATH,
# and stops the platform whatever happened. Exit status: the walkthrough's.
set -euo pipefail
cd "$(dirname "$0")/.."
home=$(mktemp -d)
log="$home/dev.log"
MAYFLY_HOME="$home" ./mayfly dev >"$log" 2>&1 &
platform=$!
stop() {
  kill "$platform" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$platform" 2>/dev/null || return 0; sleep 1; done
  kill -9 "$platform" 2>/dev/null || true
}
trap stop EXIT
echo "Starting ./mayfly dev for the walkthrough (state in $home) ..." >&2
for _ in $(seq 1 300); do
  if grep -q "Mayfly is ready" "$log"; then break; fi
  if ! kill -0 "$platform" 2>/dev/null; then echo "./mayfly dev stopped before it was ready:" >&2; tail -50 "$log" >&2; exit 1; fi
  sleep 1
done
if ! grep -q "Mayfly is ready" "$log"; then echo "./mayfly dev was not ready within 5 minutes:" >&2; tail -50 "$log" >&2; exit 1; fi
AWS_PAGER="" MAYFLY_HOME="$home" bash scripts/cli-walkthrough.sh
