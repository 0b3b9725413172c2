# Sourced by ./mayfly (the source checkout's) and by bin/mayfly (the distribution's): finds a Java 21 or newer, and
# sets what every Mayfly command takes by default. Not a command of its own.

# The major version of a java executable (8 for 1.8), or nothing when it does not run.
mayfly_java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

mayfly_java_fits() {
  local major
  major=$(mayfly_java_major "$1" 2>/dev/null || true)
  [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null
}

# Exports JAVA_HOME as a Java 21+ home: $JAVA_HOME when it is one, else the java on the PATH, else macOS's
# java_home, else one under /usr/lib/jvm (by name, newest first). Exits with what it found when there is none.
mayfly_find_java() {
  local tried=() candidate
  if [ -n "${JAVA_HOME:-}" ]; then
    if mayfly_java_fits "$JAVA_HOME/bin/java"; then return 0; fi
    tried+=("JAVA_HOME=$JAVA_HOME (Java $(mayfly_java_major "$JAVA_HOME/bin/java" 2>/dev/null || echo '?'))")
  fi
  if candidate=$(command -v java 2>/dev/null); then
    candidate=$(readlink -f "$candidate" 2>/dev/null || echo "$candidate")
    if mayfly_java_fits "$candidate"; then export JAVA_HOME="${candidate%/bin/java}"; return 0; fi
    tried+=("java on the PATH, $candidate (Java $(mayfly_java_major "$candidate" 2>/dev/null || echo '?'))")
  fi
  if [ -x /usr/libexec/java_home ] && candidate=$(/usr/libexec/java_home -v 21+ 2>/dev/null); then
    export JAVA_HOME="$candidate"; return 0
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    if mayfly_java_fits "${candidate%/}/bin/java"; then export JAVA_HOME="${candidate%/}"; return 0; fi
  done
  echo "Mayfly needs Java 21 or newer, and found none${tried:+: ${tried[*]}}." >&2
  echo "Install a JDK or JRE 21+ (for example: apt install openjdk-21-jre-headless), then put its java on the PATH" \
       "or set JAVA_HOME to it." >&2
  exit 1
}

# Exports MAYFLY_HOME (unless set): ROOT/.mayfly, the same wherever the command is run from, or the XDG state
# directory when ROOT cannot be written (an installation owned by root); and MAYFLY_LAUNCHER, the script the user
# runs, which ./mayfly workload create writes into credential_process lines.
mayfly_defaults() {
  local root="$1" launcher="$2"
  if [ -z "${MAYFLY_HOME:-}" ]; then
    if [ -w "$root" ] || [ -w "$root/.mayfly" ]; then
      export MAYFLY_HOME="$root/.mayfly"
    else
      export MAYFLY_HOME="${XDG_STATE_HOME:-$HOME/.local/state}/mayfly"
    fi
  fi
  export MAYFLY_LAUNCHER="$launcher"
}

# The JVM's flags for Mayfly's commands, in the array MAYFLY_JVM_FLAGS; MAYFLY_JAVA_OPTS (words) come last, so that
# an operator's -Xmx, for example, wins.
# The parallel collector: young collections are stop-the-world, and the serial one's took twice as long (every
# thread of every service waits through them); see docs/benchmarks.md, audit freshness.
# JDK 24+ warns about sun.misc.Unsafe, which Netty and Lucene still use.
# SweeperThreshold: the JVM otherwise runs a full collection (half a second, with the parallel collector) each time
# 15 % of the code cache has been compiled since the last one, twice in the first minutes under load.
mayfly_jvm_flags() {
  MAYFLY_JVM_FLAGS=(-Xmx3g -XX:+UseParallelGC -XX:SweeperThreshold=50 --enable-native-access=ALL-UNNAMED)
  if [ "$(mayfly_java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
    MAYFLY_JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow)
  fi
  # shellcheck disable=SC2206 # words, as JAVA_OPTS are
  MAYFLY_JVM_FLAGS+=(${MAYFLY_JAVA_OPTS:-})
}

# Whether ./mayfly test can run the container tests (the containers profile): a Docker engine answers, and the images
# they start from are there or can be built (docker/build-base-images.sh, which needs root for debootstrap the first
# time). Under CI=true it must: a missing engine or image fails the tests rather than leaving them out.
mayfly_containers_testable() {
  local root="$1"
  if [ "${CI:-}" = "true" ]; then
    "$root/docker/build-base-images.sh" >&2
    return 0
  fi
  if ! docker info >/dev/null 2>&1; then
    echo "No Docker engine answers: the container tests (container-tests) are left out." >&2
    return 1
  fi
  if [ "$(id -u)" -ne 0 ] && ! docker image inspect local/debian:bookworm >/dev/null 2>&1; then
    echo "No local/debian:bookworm image: run docker/build-base-images.sh as root once to include the container tests." >&2
    return 1
  fi
  "$root/docker/build-base-images.sh" >&2
}
