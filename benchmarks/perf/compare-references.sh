#!/usr/bin/env bash
# compare-references.sh: runs the load yardstick compare.sh (outside this repository) once per Modbus TCP server,
# this project's and the reference ones, and writes each run's output plus one markdown table of the ratios to the
# C limit server.
#
#   benchmarks/perf/compare-references.sh
#   WORKLOADS=W1 SECS=1 VALIDATE=1 SERVERS="libmodbus j2mod" benchmarks/perf/compare-references.sh
#
# Servers (SERVERS, in this order by default):
#   toolkit          modbus-simulator.jar --fill pattern (modbus-toolkit, default event-loop I/O)
#   toolkit-threads  modbus-simulator.jar --fill pattern --io threads (one virtual thread per connection)
#   libmodbus        benchmarks/references/libmodbus_server.c (select() loop, as libmodbus documents)
#   digitalpetri     LoadTarget DIGITALPETRI (benchmarks.jar)
#   j2mod            LoadTarget J2MOD (benchmarks.jar)
#
# Env:
#   COMPARE     compare.sh (default ../shared/perf/compare.sh, relative to the repository root)
#   WORKLOADS, SECS, VALIDATE, REF_PORT   passed to compare.sh (defaults: all five, 5 s, 1 here, compare.sh's)
#   PORT        first server port; server k (0-based, in SERVERS order) listens on PORT + k (default 15040)
#   OUT         results directory (default benchmarks/results/compare-<date>-<time>)
#   BIN         where compare.sh builds loadgen/limit_server and this script the libmodbus server
#               (default a private directory under /tmp, so concurrent compare.sh users are not disturbed)
#   JAVA        a java 21+ to use (default: $JAVA_HOME, PATH, /usr/lib/jvm/*, SDKMAN, newest first)
#   SKIP_BUILD  1: use the jars and binaries already built
set -u

die() { echo "compare-references: $*" >&2; exit 1; }

# Paths given in the environment are relative to where the script is called from; the defaults to the repository.
CALLER=$PWD
absolute() { case $1 in /*) echo "$1" ;; *) echo "$CALLER/$1" ;; esac; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd) || die "cannot find the repository root"
cd "$ROOT" || die "cannot cd to $ROOT"

if [ -n "${COMPARE:-}" ]; then COMPARE=$(absolute "$COMPARE"); else COMPARE=$ROOT/../shared/perf/compare.sh; fi
[ -f "$COMPARE" ] || die "compare.sh not found at $COMPARE (set COMPARE=/path/to/compare.sh)"

export WORKLOADS=${WORKLOADS:-"W1 W2 W3 W4 W5"}
export SECS=${SECS:-5}
# Validation on by default: every server here holds what loadgen -V 1 checks, and a wrong answer is not a speed.
export VALIDATE=${VALIDATE:-1}
if [ -n "${BIN:-}" ]; then BIN=$(absolute "$BIN"); else BIN=${TMPDIR:-/tmp}/modbus-compare-references-$(id -u); fi
export BIN
PORT=${PORT:-15040}
SERVERS=${SERVERS:-"toolkit toolkit-threads libmodbus digitalpetri j2mod"}
if [ -n "${OUT:-}" ]; then OUT=$(absolute "$OUT"); else OUT=benchmarks/results/compare-$(date +%Y-%m-%d-%H%M%S); fi
SKIP_BUILD=${SKIP_BUILD:-0}

case $PORT in '' | *[!0-9]*) die "PORT '$PORT' is not a number" ;; esac
for s in $SERVERS; do
  case $s in toolkit | toolkit-threads | libmodbus | digitalpetri | j2mod) ;; *) die "unknown server '$s' in SERVERS" ;; esac
done

# --- a JDK 21+ -----------------------------------------------------------------------------------------------
java_major() { # the feature version of a java binary ("1.8.0_x" -> 1, "21.0.2" -> 21), empty if it does not run
  "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1
}
find_java() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  c=$(command -v java 2>/dev/null) && candidates+=("$c")
  # Newest first, so a machine with several JDKs uses the newest one.
  while IFS= read -r c; do candidates+=("$c"); done < <(ls -d /usr/lib/jvm/*/bin/java \
    "$HOME"/.sdkman/candidates/java/*/bin/java 2>/dev/null | sort -V -r)
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    major=$(java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$c"; return 0; fi
  done
  return 1
}
if [ -n "${JAVA:-}" ]; then
  case $JAVA in */*) JAVA=$(absolute "$JAVA") ;; esac
  major=$(java_major "$JAVA")
  { [ -n "$major" ] && [ "$major" -ge 21 ]; } || die "JAVA=$JAVA is not a Java 21+ (version '${major:-?}')"
else
  JAVA=$(find_java) || die "no Java 21+ found (looked at JAVA_HOME, PATH, /usr/lib/jvm, SDKMAN); set JAVA or JAVA_HOME"
fi

# --- build ---------------------------------------------------------------------------------------------------
SIMULATOR_JAR=modbus-simulator/target/modbus-simulator.jar
BENCHMARKS_JAR=benchmarks/target/benchmarks.jar
LIBMODBUS_SERVER=$BIN/libmodbus_server
mkdir -p "$BIN" || die "cannot create $BIN"
needs() { case " $SERVERS " in *" $1 "*) return 0 ;; esac; return 1; }
if [ "$SKIP_BUILD" != 1 ]; then
  # The C prerequisites first: a missing package should not cost a Maven build to find out.
  if needs libmodbus; then
    command -v gcc >/dev/null 2>&1 || die "gcc is missing (Debian/Ubuntu: apt-get install gcc)"
    command -v pkg-config >/dev/null 2>&1 || die "pkg-config is missing (Debian/Ubuntu: apt-get install pkg-config)"
    pkg-config --exists libmodbus ||
      die "libmodbus is missing (Debian/Ubuntu: apt-get install libmodbus-dev), or leave libmodbus out of SERVERS"
  fi
  echo "building the simulator and benchmarks jars ..."
  ./mvnw -q -B -pl modbus-simulator,benchmarks -am package -DskipTests || die "maven build failed"
  if needs libmodbus; then
    # shellcheck disable=SC2046 # pkg-config's flags are meant to be split
    gcc -O2 -o "$LIBMODBUS_SERVER" benchmarks/references/libmodbus_server.c $(pkg-config --cflags --libs libmodbus) ||
      die "gcc failed on benchmarks/references/libmodbus_server.c"
  fi
fi
{ needs toolkit || needs toolkit-threads; } && { [ -f "$SIMULATOR_JAR" ] || die "$SIMULATOR_JAR missing (run without SKIP_BUILD)"; }
{ needs digitalpetri || needs j2mod; } && { [ -f "$BENCHMARKS_JAR" ] || die "$BENCHMARKS_JAR missing (run without SKIP_BUILD)"; }
needs libmodbus && { [ -x "$LIBMODBUS_SERVER" ] || die "$LIBMODBUS_SERVER missing (run without SKIP_BUILD)"; }

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -n 1; }
libmodbus_version=$(pkg-config --modversion libmodbus 2>/dev/null || echo "?")
label() {
  case $1 in
    toolkit) echo "modbus-toolkit (event loop)" ;;
    toolkit-threads) echo "modbus-toolkit (threads)" ;;
    libmodbus) echo "libmodbus $libmodbus_version" ;;
    digitalpetri) echo "digitalpetri $(pom_property digitalpetri.version)" ;;
    j2mod) echo "j2mod $(pom_property j2mod.version)" ;;
  esac
}
server_command() { # sets CMD to the command of server $1 listening on port $2
  case $1 in
    toolkit) CMD=("$JAVA" -jar "$SIMULATOR_JAR" --port "$2" --fill pattern) ;;
    toolkit-threads) CMD=("$JAVA" -jar "$SIMULATOR_JAR" --port "$2" --fill pattern --io threads) ;;
    libmodbus) CMD=("$LIBMODBUS_SERVER" "$2") ;;
    digitalpetri) CMD=("$JAVA" -cp "$BENCHMARKS_JAR" dev.modbustoolkit.server.tcp.LoadTarget DIGITALPETRI "$2") ;;
    j2mod) CMD=("$JAVA" -cp "$BENCHMARKS_JAR" dev.modbustoolkit.server.tcp.LoadTarget J2MOD "$2") ;;
  esac
}

# --- run -----------------------------------------------------------------------------------------------------
mkdir -p "$OUT" || die "cannot create $OUT"
echo "java: $JAVA ($("$JAVA" -version 2>&1 | head -n 1))"
echo "compare.sh: $COMPARE; WORKLOADS=\"$WORKLOADS\" SECS=$SECS VALIDATE=$VALIDATE; results in $OUT"
k=0
for s in $SERVERS; do
  port=$((PORT + k)); k=$((k + 1))
  server_command "$s" "$port"
  echo "== $(label "$s"): ${CMD[*]}"
  {
    echo "# $(label "$s")"
    echo "# command: ${CMD[*]}"
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) WORKLOADS=\"$WORKLOADS\" SECS=$SECS VALIDATE=$VALIDATE"
  } >"$OUT/$s.txt"
  touch "$BIN/started"
  bash "$COMPARE" "$port" -- "${CMD[@]}" 2>&1 | tee -a "$OUT/$s.txt"
  echo "# exit status ${PIPESTATUS[0]}" >>"$OUT/$s.txt"
  # compare.sh sends the server's output there; keep it next to the result (fd limit messages, exceptions).
  [ /tmp/compare-server.log -nt "$BIN/started" ] && cp /tmp/compare-server.log "$OUT/$s.server.log"
done

# --- table ---------------------------------------------------------------------------------------------------
cell() { # ratio of workload $2 in server $1's output, with its errors in parentheses if there were any
  awk -v w="$2" '
    $1 == w { found = 1; ratio = $4; errors = $7 }
    END {
      if (!found) { print "failed"; exit }
      if (errors == "") errors = "?"
      if (errors != "0") printf "%s (%s errors)\n", ratio, errors; else print ratio
    }' "$OUT/$1.txt"
}
{
  echo "Requests/s as a ratio to the C limit server in the same run (compare.sh; server and limit server share"
  echo "CPU 0, the load generator has CPU 1), WORKLOADS=\"$WORKLOADS\" SECS=$SECS VALIDATE=$VALIDATE, $(date -u +%Y-%m-%d)."
  echo "Java: $("$JAVA" -version 2>&1 | head -n 1); CPU: $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores."
  echo
  header="| workload |"; rule="|---|"
  for s in $SERVERS; do header="$header $(label "$s") |"; rule="$rule---|"; done
  echo "$header"; echo "$rule"
  for w in $WORKLOADS; do
    row="| $w |"
    for s in $SERVERS; do row="$row $(cell "$s" "$w") |"; done
    echo "$row"
  done
} >"$OUT/table.md"
echo
cat "$OUT/table.md"
echo
echo "wrote $OUT/table.md and one <server>.txt per server"
