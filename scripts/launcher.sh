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
# 1.5 GB of heap: dev mode's JVM (the three services, Kafka, Elasticsearch) held 226 MB after a full collection at
# 2,000 AssumeRole a second, and ran there without one (docs/benchmarks.md, issue 24); 3 GB before.
# The parallel collector: young collections are stop-the-world, and the serial one's took twice as long (every
# thread of every service waits through them); see docs/benchmarks.md, audit freshness.
# JDK 24+ warns about sun.misc.Unsafe, which Netty and Lucene still use.
# SweeperThreshold: the JVM otherwise runs a full collection (half a second, with the parallel collector) each time
# 15 % of the code cache has been compiled since the last one, twice in the first minutes under load.
mayfly_jvm_flags() {
  MAYFLY_JVM_FLAGS=(-Xmx1536m -XX:+UseParallelGC -XX:SweeperThreshold=50 --enable-native-access=ALL-UNNAMED)
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

# The JDK's AOT cache of dev mode (JDK 25+; ./mayfly aot makes it): the classes a training run loaded and linked, and the
# profiles of its hot methods, so that dev mode starts in about half the time and its JIT has less to do in the first
# minutes (docs/benchmarks.md). Kept in MAYFLY_HOME.
mayfly_aot_cache() {
  echo "$MAYFLY_HOME/aot/dev.aot"
}

# Whether a jar of the class path ($1, as java's -cp: entries separated by ':', 'dir/*' for a directory's jars) is newer
# than the file $2.
mayfly_newer_jar() {
  local entry
  local IFS=:
  for entry in $1; do
    if [ "${entry%/\*}" != "$entry" ]; then
      [ -n "$(find "${entry%/\*}" -maxdepth 1 -name '*.jar' -newer "$2" -print -quit 2>/dev/null)" ] && return 0
    elif [ "$entry" -nt "$2" ]; then
      return 0
    fi
  done
  return 1
}

# MAYFLY_AOT_FLAGS: the JVM flags that start from the AOT cache, when there is one, the JDK reads it (25+) and no jar of the
# class path ($1) changed since it was made: the JVM would refuse it anyway, with warnings at every start.
mayfly_aot_flags() {
  local cache
  cache="$(mayfly_aot_cache)"
  MAYFLY_AOT_FLAGS=()
  if [ ! -f "$cache" ] || [ "$(mayfly_java_major "$JAVA_HOME/bin/java")" -lt 25 ]; then
    return 0
  fi
  if mayfly_newer_jar "$1" "$cache"; then
    echo "The AOT cache $cache is older than this build: starting without it (./mayfly aot makes it again)." >&2
    return 0
  fi
  # its warnings are about code it could not reuse, which the JIT then compiles as it would without a cache
  MAYFLY_AOT_FLAGS=("-XX:AOTCache=$cache" "-Xlog:aot*=off" "-Xlog:cds*=off")
}

# ./mayfly aot [--seconds N]: makes the AOT cache. Dev mode runs in a scratch MAYFLY_HOME (on the ports MAYFLY_*_PORT
# say, so not beside another dev mode), under ./mayfly bench's AssumeRole load for N seconds (60), and is stopped; the JDK
# then writes what it recorded (a minute or two, about 250 MB). $1: the class path, as java's -cp.
mayfly_aot_train() {
  local classpath="$1" seconds=60 cache scratch dev status
  shift
  case "${1:-}" in
    --seconds) seconds="${2:?--seconds needs a number}" ;;
    -h|--help) echo "Usage: ./mayfly aot [--seconds N]: make the JDK's AOT cache that ./mayfly dev starts from (JDK 25+)"; return 0 ;;
    "") ;;
    *) echo "./mayfly aot takes --seconds N only, not '$1'" >&2; return 2 ;;
  esac
  if [ "$(mayfly_java_major "$JAVA_HOME/bin/java")" -lt 25 ]; then
    echo "./mayfly aot needs Java 25 or newer (JAVA_HOME=$JAVA_HOME is Java $(mayfly_java_major "$JAVA_HOME/bin/java"))." >&2
    return 2
  fi
  cache="$(mayfly_aot_cache)"
  scratch="$(mktemp -d)"
  # owner-only: what the JVM maps from the cache runs as its code
  (umask 077 && mkdir -p "$(dirname "$cache")")
  rm -f "$cache.new"
  echo "Training run: dev mode in $scratch under AssumeRole load for $seconds s (log: $scratch/dev.log) ..."
  MAYFLY_HOME="$scratch/home" "$JAVA_HOME/bin/java" "${MAYFLY_JVM_FLAGS[@]}" "-XX:AOTCacheOutput=$cache.new" -Xlog:aot*=off \
    -Xlog:cds*=off -cp "$classpath" dev.mayfly.dev.MayflyCli dev > "$scratch/dev.log" 2>&1 &
  dev=$!
  until grep -q "Mayfly is ready" "$scratch/dev.log"; do
    if ! kill -0 "$dev" 2>/dev/null; then
      echo "Dev mode did not start for the training run:" >&2
      tail -5 "$scratch/dev.log" >&2
      return 1
    fi
    sleep 1
  done
  status=0
  MAYFLY_HOME="$scratch/home" "$JAVA_HOME/bin/java" "${MAYFLY_JVM_FLAGS[@]}" -cp "$classpath" dev.mayfly.dev.MayflyCli \
    bench --seconds "$seconds" --concurrency 16 || status=$?
  echo "Stopping dev mode; the JDK writes the cache as it exits ..."
  kill -TERM "$dev"
  wait "$dev" || true
  if [ "$status" -ne 0 ] || [ ! -s "$cache.new" ]; then
    echo "No AOT cache was made (log: $scratch/dev.log)." >&2
    return 1
  fi
  mv "$cache.new" "$cache"
  rm -rf "$scratch"
  echo "AOT cache: $cache ($(du -h "$cache" | cut -f1)). ./mayfly dev starts from it until the next build."
}
