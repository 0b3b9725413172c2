#!/usr/bin/env bash
# Builds, without any registry, the images Mayfly's image and container-tests start from, each only when missing or
# made from another recipe (a label holds the hash of its directory under docker/images, and of the JDK for the
# runtime); --rebuild builds them again:
#   local/debian:bookworm   Debian's minimal base, by debootstrap from the machine's Debian mirror (needs root, ~2 min)
#   mayfly/java:25          that, with a Java runtime jlink-ed from $JAVA_HOME and the mayfly user (docker/images/java)
#   mayfly/postgres:15      that, with Debian's PostgreSQL 15 (docker/images/postgres)
# ./mayfly test runs it before building Mayfly's image with Jib; .ci/run too, through ./mayfly test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${JAVA_HOME:?JAVA_HOME must name the JDK whose runtime goes into mayfly/java}"
REBUILD=false
if [ "${1:-}" = "--rebuild" ]; then REBUILD=true; fi
missing() { $REBUILD || ! docker image inspect "$1" >/dev/null 2>&1; }
# the hash of a recipe: the files of its directory, and whatever else is given
recipe() { { (cd "$1" && find . -type f | sort | xargs sha256sum); shift; echo "$@"; } | sha256sum | cut -c1-16; }
stale() { missing "$1" || [ "$(docker image inspect -f '{{index .Config.Labels "mayfly.recipe"}}' "$1")" != "$2" ]; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if missing local/debian:bookworm; then
  MIRROR="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  echo "Building local/debian:bookworm with debootstrap (about two minutes)..." >&2
  debootstrap --variant=minbase bookworm "$WORK/rootfs" "${MIRROR:-http://deb.debian.org/debian}" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
  tar -C "$WORK/rootfs" -c . | docker import - local/debian:bookworm >/dev/null
  rm -rf "$WORK/rootfs"
fi

JAVA_RECIPE="$(recipe "$ROOT/docker/images/java" "$("$JAVA_HOME/bin/java" -version 2>&1)")"
if stale mayfly/java:25 "$JAVA_RECIPE"; then
  echo "Building mayfly/java:25 (a Java runtime linked from $JAVA_HOME)..." >&2
  # every module of the JDK but its development tools: the services, Kafka and Elasticsearch each need a few others
  MODULES="$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' \
    | grep -v -E '^jdk\.(jcmd|jconsole|jdeps|jdi|jdwp\.agent|jlink|jpackage|jshell|javadoc|compiler|editpad|internal\.ed|internal\.jvmstat|internal\.le|internal\.opt|jstatd|hotspot\.agent|jartool|random|jsobject|accessibility|graal\.compiler|graal\.compiler\.management|internal\.vm\.ci)$' \
    | paste -sd,)"
  cp -r "$ROOT/docker/images/java" "$WORK/java"
  "$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --output "$WORK/java/jre" 2>/dev/null
  docker build -q --label "mayfly.recipe=$JAVA_RECIPE" -t mayfly/java:25 "$WORK/java" >/dev/null
fi

POSTGRES_RECIPE="$(recipe "$ROOT/docker/images/postgres")"
if stale mayfly/postgres:15 "$POSTGRES_RECIPE"; then
  echo "Building mayfly/postgres:15 (Debian's PostgreSQL 15)..." >&2
  docker build -q --label "mayfly.recipe=$POSTGRES_RECIPE" -t mayfly/postgres:15 "$ROOT/docker/images/postgres" >/dev/null
fi
