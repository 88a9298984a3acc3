#!/usr/bin/env bash
# client-compare.sh: Modbus TCP clients against the C limit server of the perf yardstick, in one run.
# Clients: loadgen (the C client), ours (asynchronous, window = depth, on reader threads and on the shared event
# loop; and the blocking facade at depth 1),
# digitalpetri 2.1.4 and j2mod 3.3.0. Cells: 1 connection depth 1, 16 connections depth 1, 1 connection depth 8;
# FC03 x 10 registers; every answer checked (loadgen -V 1; ClientLoad checks ids through the client, and values).
# The limit server is pinned to CPU 0, every client to CPU 1. Clients run back to back per cell, ROUNDS times in
# alternating order; one line per client per cell and round, ratio = requests/s / loadgen's in the same round.
# Env: SECS=5 (measured), WARMUP=2, ROUNDS=2, PERF=<dir of loadgen.c/limit_server.c>, JAVA=<java 21+>,
#      BUILD=1 (0: use benchmarks/target/benchmarks.jar as it is), PORT=15120,
#      BEFORE_CP=<classes dir or jar>: also run our client with these classes first on the class path (labelled
#      toolkit@before, toolkit-loop@before and toolkit-blocking@before), to measure a change against its base in
#      the same run.
set -u
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$HERE")
PERF=${PERF:-$ROOT/../shared/perf}; [ -f "$PERF/loadgen.c" ] || PERF=/work/shared/perf
SECS=${SECS:-5}; WARMUP=${WARMUP:-2}; ROUNDS=${ROUNDS:-2}; PORT=${PORT:-15120}; BUILD=${BUILD:-1}
BIN=${BIN:-/tmp/modbus-perf-bin}; mkdir -p "$BIN"
gcc -O2 -pthread -o "$BIN/loadgen" "$PERF/loadgen.c" -lm || exit 1
gcc -O2 -o "$BIN/limit_server" "$PERF/limit_server.c" || exit 1
if [ "$BUILD" = 1 ]; then
  (cd "$ROOT" && ./mvnw -B -o -q -pl benchmarks -am package -DskipTests) || exit 1
fi
JAR=$HERE/target/benchmarks.jar
if [ -z "${JAVA:-}" ]; then
  for j in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*/bin/java java; do
    v=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
    [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null && { JAVA=$j; break; }
  done
fi
[ -n "${JAVA:-}" ] || { echo "no java 21+ found (set JAVA)"; exit 1; }
taskset -c 0 "$BIN/limit_server" "$PORT" >/dev/null 2>&1 & REF_PID=$!
trap 'kill $REF_PID 2>/dev/null; wait 2>/dev/null' EXIT
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

run_loadgen() { # conns depth
  taskset -c 1 "$BIN/loadgen" -p "$PORT" -c "$1" -D "$2" -k fc3 -n 10 -d "$SECS" -w "$WARMUP" -T 1000 -V 1 \
    -l loadgen 2>&1 | grep 'target=main'
}
run_java() { # client[@before] conns depth
  cp=$JAR; [ "${1#*@}" = before ] && cp=$BEFORE_CP:$JAR
  taskset -c 1 "$JAVA" -XX:+UseSerialGC -cp "$cp" dev.modbustoolkit.client.ClientLoad --client "${1%@*}" --port "$PORT" \
    --conns "$2" --depth "$3" --qty 10 --secs "$SECS" --warmup "$WARMUP" 2>&1 | grep -E '^client=|^# '
}

printf '%-6s %-5s %-24s %10s %7s %9s %9s %6s\n' round cell client req/s errors p50_us p99_us ratio
for round in $(seq 1 "$ROUNDS"); do
  for cell in "1 1" "16 1" "1 8"; do
    set -- $cell; conns=$1; depth=$2; name="${conns}x${depth}"
    all="loadgen toolkit toolkit-loop toolkit-blocking digitalpetri j2mod"
    [ -n "${BEFORE_CP:-}" ] && all="loadgen toolkit@before toolkit toolkit-loop@before toolkit-loop toolkit-blocking@before toolkit-blocking digitalpetri j2mod"
    clients=$all
    [ $((round % 2)) = 0 ] && clients=$(echo $all | tr ' ' '\n' | tac | tr '\n' ' ')
    declare -A out=()
    for c in $clients; do
      if [ "$c" = loadgen ]; then out[$c]=$(run_loadgen "$conns" "$depth"); else out[$c]=$(run_java "$c" "$conns" "$depth"); fi
    done
    ref=$(echo "${out[loadgen]}" | field rps)
    for c in $all; do
      line=$(echo "${out[$c]}" | grep -v '^#')
      if echo "$line" | grep -q unsupported=; then
        printf '%-6s %-5s %-24s %s\n' "$round" "$name" "$c" "cannot: $(echo "$line" | field unsupported | tr _ ' ')"
        continue
      fi
      rps=$(echo "$line" | field rps); err=$(echo "$line" | field errors)
      ratio=$(awk -v a="${rps:-0}" -v b="${ref:-0}" 'BEGIN{ if (b>0) printf "%.2f", a/b; else print "n/a" }')
      printf '%-6s %-5s %-24s %10.0f %7s %9s %9s %6s\n' "$round" "$name" "$c" "${rps:-0}" "${err:-?}" \
        "$(echo "$line" | field p50_us)" "$(echo "$line" | field p99_us)" "$ratio"
      echo "${out[$c]}" | grep '^#' | sed "s/^/       $c /"
    done
    unset out
  done
done
