#!/usr/bin/env bash
# Loop networking benchmarks: Eddy against asyncio, uvloop and Netty (one NIO thread), each server
# pinned to core 0 and its load generator to core 1, on 127.0.0.1 only. Results are in
# docs/benchmarks.md, "Loop networking".
#
# usage: bench/net.sh [--runs N] [--servers "eddy asyncio uvloop netty"] [http] [idle] [echo]
#   (no part named: all three). Logs go to bench/out/net/.
#   http  wrk, 100 keep-alive connections, 5 s warm-up then 10 s measured: requests/s, p99,
#         server CPU µs per request (utime+stime of the whole process from /proc/PID/stat)
#   idle  10,000 idle connections each with a parked stream task: RSS (and Eddy heap) per connection
#   echo  1 KiB and 100 KiB messages at 10 and 1,000 connections: messages/s, MB/s, CPU µs/message
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$here/out/net"
mkdir -p "$out"

runs=1
servers="eddy asyncio uvloop netty"
parts=()
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --servers) servers=$2; shift 2 ;;
        http|idle|echo) parts+=("$1"); shift ;;
        *) echo "usage: $0 [--runs N] [--servers LIST] [http] [idle] [echo]" >&2; exit 2 ;;
    esac
done
[ ${#parts[@]} -gt 0 ] || parts=(http idle echo)

# The Eddy and Netty servers run with the same flags in every part: one core, one loop thread, so
# the serial collector (no GC threads competing for core 0) and a heap bounded well above need.
JVM_FLAGS=(-XX:+UseSerialGC -Xmx256m)
ECHO_WARMUP=${ECHO_WARMUP:-3}
ECHO_MEASURE=${ECHO_MEASURE:-5}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
PYTHON=/usr/bin/python3
CLK_TCK=$(getconf CLK_TCK)

ulimit -n "$(ulimit -Hn)"

# ------------------------------------------------------------------ toolchain and builds

java=""
for candidate in /usr/lib/jvm/*/bin/java; do
    version=$("$candidate" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
    if [ -n "$version" ] && [ "$version" -ge 25 ]; then java=$candidate; break; fi
done
[ -n "$java" ] || { echo "$0: no JDK 25 or newer under /usr/lib/jvm" >&2; exit 1; }
jdk=$(dirname "$(dirname "$java")")

build() {
    local classes="$root/loop/target/test-classes/dev/eddy/loop/examples"
    if [ ! -d "$classes" ] || [ -n "$(find "$root/loop/examples" "$root/loop/src/main" -name '*.java' -newer "$classes" -print -quit)" ]; then
        (cd "$root" && mvn -B -q -o -pl loop test-compile) >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
        touch "$classes"
    fi
    rm -rf "$out/eddy-classes"
    "$jdk/bin/javac" -d "$out/eddy-classes" -cp "$root/loop/target/classes" \
        $(find "$here/net/eddy/src" -name '*.java')
    if [[ " $servers " == *" netty "* ]]; then
        (cd "$here/net/netty" && JAVA_HOME=$jdk mvn -B -q package -DskipTests) >"$out/netty-build.log" 2>&1 || { cat "$out/netty-build.log" >&2; exit 1; }
    fi
    gcc -O2 -Wall -o "$out/echo_client" "$here/net/echo_client.c"
}

# ------------------------------------------------------------------ servers

server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
    if [ -n "${client_pid:-}" ]; then kill "$client_pid" 2>/dev/null || true; fi
    if [ -n "${control_fd_open:-}" ]; then exec 7>&-; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

next_port=$((20000 + RANDOM % 20000))

# start_server NAME MODE [STDIN]: starts NAME's MODE server on core 0 and waits until it listens.
start_server() {
    local name=$1 mode=$2 input=${3:-/dev/null}
    port=$next_port
    next_port=$((next_port + 1))
    local log="$out/$name-$mode.log"
    local cmd
    case "$name/$mode" in
        eddy/http) cmd=("$java" "${JVM_FLAGS[@]}" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED
                    -cp "$root/loop/target/classes:$root/loop/target/test-classes" dev.eddy.loop.examples.HttpHelloServer "$port") ;;
        eddy/echo) cmd=("$java" "${JVM_FLAGS[@]}" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED
                    -cp "$root/loop/target/classes:$out/eddy-classes" dev.eddy.bench.EchoBenchServer "$port") ;;
        eddy/idle) cmd=("$java" "${JVM_FLAGS[@]}" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED
                    -cp "$root/loop/target/classes:$out/eddy-classes" dev.eddy.bench.IdleBenchServer "$port") ;;
        asyncio/*|uvloop/*) cmd=("$PYTHON" "$here/net/py_servers.py" "$mode" "$port" "$name") ;;
        netty/http|netty/echo) cmd=("$java" "${JVM_FLAGS[@]}"
                    -cp "$here/net/netty/target/classes:$here/net/netty/target/dependency/*" dev.eddy.bench.netty.NettyServers "$mode" "$port") ;;
        *) echo "no $mode server for $name" >&2; return 1 ;;
    esac
    : >"$log" # emptied here, so the wait below never sees an earlier run's "listening"
    taskset -c 0 "${cmd[@]}" <"$input" >>"$log" 2>&1 &
    server_pid=$!
    for _ in $(seq 300); do
        grep -q listening "$log" 2>/dev/null && return 0
        kill -0 "$server_pid" 2>/dev/null || { echo "$name $mode server died:" >&2; cat "$log" >&2; return 1; }
        sleep 0.1
    done
    echo "$name $mode server did not start in 30 s" >&2
    return 1
}

stop_server() {
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

# utime+stime of the whole process, in clock ticks (fields 14 and 15, counted after the command name).
cpu_ticks() {
    sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

rss_kib() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

fd_count() {
    ls "/proc/$1/fd" | wc -l
}

note_load() {
    echo "load before $1: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# ------------------------------------------------------------------ http

# wrk's latency as milliseconds: "1.23ms", "456.00us", "1.02s".
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
        else print v }'
}

run_http() {
    local run=$1
    note_load "http run $run"
    printf '%-8s %12s %10s %14s\n' server "requests/s" "p99 ms" "CPU µs/req"
    for name in $servers; do
        start_server "$name" http
        local url="http://127.0.0.1:$port/"
        timeout 30 taskset -c 1 wrk -t1 -c100 -d5s "$url" >"$out/wrk-warmup-$name.log"
        local before after
        before=$(cpu_ticks "$server_pid")
        timeout 40 taskset -c 1 wrk -t1 -c100 -d10s --latency "$url" >"$out/wrk-$name.log"
        after=$(cpu_ticks "$server_pid")
        stop_server
        local requests rps p99 cpu
        requests=$(awk '/requests in/ { print $1 }' "$out/wrk-$name.log")
        rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out/wrk-$name.log")
        p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out/wrk-$name.log")")
        cpu=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.2f", t * 1e6 / hz / n }')
        if grep -q "Socket errors\|Non-2xx" "$out/wrk-$name.log"; then
            echo "  $name: $(grep 'Socket errors\|Non-2xx' "$out/wrk-$name.log")"
        fi
        printf '%-8s %12s %10s %14s\n' "$name" "$rps" "$p99" "$cpu"
        eval "http_cpu_$name=$cpu"
    done
    if [[ " $servers " == *" eddy "* ]]; then
        local best=""
        for peer in uvloop netty; do
            local v
            v=$(eval "echo \${http_cpu_$peer:-}")
            [ -n "$v" ] || continue
            if [ -z "$best" ] || awk -v a="$v" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$v; fi
        done
        [ -n "$best" ] && awk -v e="$http_cpu_eddy" -v b="$best" \
            'BEGIN { printf "Eddy CPU/request / best of (uvloop, Netty) = %.2f (target <= 0.80)\n", e / b }'
    fi
}

# ------------------------------------------------------------------ idle

# wait_fds PID COUNT: waits (at most 60 s) until PID holds at least COUNT file descriptors.
wait_fds() {
    for _ in $(seq 600); do
        [ "$(fd_count "$1")" -ge "$2" ] && return 0
        sleep 0.1
    done
    echo "server $1 holds $(fd_count "$1") descriptors, expected $2" >&2
    return 1
}

wait_fds_below() {
    for _ in $(seq 600); do
        [ "$(fd_count "$1")" -le "$2" ] && return 0
        sleep 0.1
    done
    return 1
}

# eddy_heap: the Eddy idle server's used heap after a full GC, in bytes, through its control input.
eddy_heap() {
    local seen
    seen=$(grep -c '^heap ' "$out/eddy-idle.log" || true)
    echo heap >&7
    for _ in $(seq 300); do
        if [ "$(grep -c '^heap ' "$out/eddy-idle.log" || true)" -gt "$seen" ]; then
            grep '^heap ' "$out/eddy-idle.log" | tail -n 1 | cut -d' ' -f2
            return 0
        fi
        sleep 0.1
    done
    echo "no heap answer" >&2
    return 1
}

# hold_connections N: a client process on core 1 holding N idle connections to $port, until killed.
hold_connections() {
    timeout 300 taskset -c 1 "$PYTHON" "$here/net/idle_client.py" "$port" "$1" 240 >"$out/idle-client.log" 2>&1 &
    client_pid=$!
}

release_connections() {
    kill "$client_pid" 2>/dev/null || true
    wait "$client_pid" 2>/dev/null || true
    client_pid=""
}

run_idle() {
    local run=$1 n=$IDLE_CONNECTIONS
    note_load "idle run $run"
    printf '%-8s %14s %16s %16s\n' server "RSS growth MiB" "RSS B/conn" "heap B/conn"
    for name in $servers; do
        [ "$name" = netty ] && continue
        if [ "$name" = eddy ]; then
            rm -f "$out/control"
            mkfifo "$out/control"
            # Opened read-write, so neither end waits for the other; the server reads commands from it.
            exec 7<>"$out/control"
            control_fd_open=1
            start_server "$name" idle "$out/control"
        else
            start_server "$name" idle
        fi
        local base_fds
        base_fds=$(fd_count "$server_pid")
        # Warm-up: 1,000 connections made and dropped, so accept paths are compiled and pools primed.
        hold_connections 1000
        wait_fds "$server_pid" $((base_fds + 1000))
        release_connections
        wait_fds_below "$server_pid" "$base_fds"
        sleep 1
        local rss0 rss1 heap0="" heap1=""
        rss0=$(rss_kib "$server_pid")
        [ "$name" = eddy ] && heap0=$(eddy_heap)
        hold_connections "$n"
        wait_fds "$server_pid" $((base_fds + n))
        sleep 2
        rss1=$(rss_kib "$server_pid")
        [ "$name" = eddy ] && heap1=$(eddy_heap)
        release_connections
        stop_server
        if [ "$name" = eddy ]; then exec 7>&-; control_fd_open=""; rm -f "$out/control"; fi
        local heap_per="-"
        [ -n "$heap1" ] && heap_per=$(( (heap1 - heap0) / n ))
        printf '%-8s %14s %16s %16s\n' "$name" \
            "$(awk -v a="$rss0" -v b="$rss1" 'BEGIN { printf "%.1f", (b - a) / 1024 }')" \
            "$(( (rss1 - rss0) * 1024 / n ))" "$heap_per"
    done
}

# ------------------------------------------------------------------ echo

run_echo() {
    local run=$1
    note_load "echo run $run"
    printf '%-8s %8s %6s %12s %10s %14s\n' server size conns "messages/s" "MB/s" "CPU µs/msg"
    for name in $servers; do
        start_server "$name" echo
        for size in 1024 102400; do
            for conns in 10 1000; do
                local line
                line=$(timeout 60 taskset -c 1 "$out/echo_client" "$port" "$conns" "$size" \
                    "$ECHO_WARMUP" "$ECHO_MEASURE" "$server_pid")
                echo "$name $size $conns $line" >>"$out/echo.log"
                printf '%-8s %8s %6s %12s %10s %14s\n' "$name" "$size" "$conns" \
                    "$(sed 's/.*msgs_per_s=\([^ ]*\).*/\1/' <<<"$line")" \
                    "$(sed 's/.*mb_per_s=\([^ ]*\).*/\1/' <<<"$line")" \
                    "$(sed 's/.*cpu_us_per_msg=\([^ ]*\).*/\1/' <<<"$line")"
            done
        done
        stop_server
    done
}

# ------------------------------------------------------------------ main

build
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $("$java" -version 2>&1 | head -n 1); $("$PYTHON" --version);" \
    "uvloop $("$PYTHON" -c 'import uvloop; print(uvloop.__version__)'); Netty $(sed -n 's:.*<netty.version>\(.*\)</netty.version>.*:\1:p' "$here/net/netty/pom.xml");" \
    "JVM flags ${JVM_FLAGS[*]}; $(nproc) cores"
for part in "${parts[@]}"; do
    for run in $(seq "$runs"); do
        echo "== $part, run $run"
        "run_$part" "$run"
    done
done
