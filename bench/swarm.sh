#!/usr/bin/env bash
# Swarm download benchmark: Eddy, aria2 and libtorrent each download the same 1 GiB torrent (1 MiB
# pieces) in turn from one tuned libtorrent seeder, announced through a real opentracker, all on
# 127.0.0.1. Then two Eddy-only swarms: one leecher fed by 50 Eddy seeders, and an Eddy seeder
# feeding aria2. Results are in docs/benchmarks.md, "Swarm: downloading 1 GiB".
#
# usage: bench/swarm.sh [--size MIB] [--runs N] [--clients "eddy aria2 libtorrent"] [PART...]
#   --clients may also name eddy-1thread: Eddy with pieces hashed and written on its loop thread.
#   PART: download (the three clients from libtorrent), seeders50 (1 Eddy leecher, 50 Eddy seeders),
#   eddy-aria2 (an Eddy seeder feeding aria2); none named: all three.
# The payload, its torrent and the downloads live under $SWARM_WORK (default /tmp/eddy-swarm), logs
# under bench/out/swarm/. Each download is timed by /usr/bin/time (wall, user+sys CPU, max RSS of
# the whole process tree it waits for) and compared byte for byte with the payload.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$here/out/swarm"
work=${SWARM_WORK:-/tmp/eddy-swarm}
mkdir -p "$out" "$work"

size_mib=1024
runs=1
clients="eddy aria2 libtorrent"
parts=()
while [ $# -gt 0 ]; do
    case "$1" in
        --size) size_mib=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --clients) clients=$2; shift 2 ;;
        download|seeders50|eddy-aria2) parts+=("$1"); shift ;;
        *) echo "usage: $0 [--size MIB] [--runs N] [--clients LIST] [download] [seeders50] [eddy-aria2]" >&2; exit 2 ;;
    esac
done
[ ${#parts[@]} -gt 0 ] || parts=(download seeders50 eddy-aria2)

PYTHON=/usr/bin/python3
INTEROP="$root/torrent/src/test/resources/interop"
DOWNLOAD_TIMEOUT=${DOWNLOAD_TIMEOUT:-300}
# Eddy's JVM, as ./eddy starts it: C1 only and the serial collector (see there why), native access
# as the jar's manifest grants it (pieces are hashed by OpenSSL's SHA-1); and a heap cap that keeps
# the whole process within the 256 MiB RSS target.
EDDY_JVM_FLAGS=(${EDDY_JVM_FLAGS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx96m -XX:MaxDirectMemorySize=128m --enable-native-access=ALL-UNNAMED})
# EDDY_AOT=0 runs Eddy without the AOT cache that ./eddy makes once per build (see train_eddy_aot).
EDDY_AOT=${EDDY_AOT:-1}

for tool in /usr/bin/opentracker /usr/bin/aria2c /usr/bin/mktorrent /usr/bin/time /usr/bin/cmp; do
    [ -x "$tool" ] || { echo "$0: $tool is missing (apt-get install opentracker aria2 mktorrent time diffutils)" >&2; exit 1; }
done
"$PYTHON" -c 'import libtorrent' || { echo "$0: python3-libtorrent is missing" >&2; exit 1; }

# ------------------------------------------------------------------ processes

pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ -n "${tracker_dir:-}" ]; then rm -rf "$tracker_dir"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits (at most $3 seconds) until file $1 has a line starting with $2, and prints that line.
await_line() {
    local file=$1 prefix=$2 deadline=$((SECONDS + $3)) pid=$4
    while ! grep -q "^$prefix" "$file" 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then echo "$0: process $pid ended before '$prefix':" >&2; cat "$file" >&2; exit 1; fi
        if [ $SECONDS -ge $deadline ]; then echo "$0: no '$prefix' in $file within $3 s:" >&2; cat "$file" >&2; exit 1; fi
        sleep 0.1
    done
    grep -m1 "^$prefix" "$file"
}

# ------------------------------------------------------------------ payload, torrent, tracker

payload_dir="$work/seed"
payload="$payload_dir/payload.bin"
if [ ! -f "$payload" ] || [ "$(stat -c %s "$payload")" -ne $((size_mib * 1024 * 1024)) ]; then
    mkdir -p "$payload_dir"
    echo "making a $size_mib MiB random payload in $payload"
    head -c $((size_mib * 1024 * 1024)) /dev/urandom >"$payload"
fi

tracker_port=$(free_port)
tracker_udp=$(free_port)
announce="http://127.0.0.1:$tracker_port/announce"
torrent="$work/payload.torrent"
rm -f "$torrent"
mktorrent -l 20 -a "$announce" -o "$torrent" "$payload" >"$out/mktorrent.log"
info_hash=$("$PYTHON" "$INTEROP/lt.py" info "$torrent" | sed -n 's/^infohash //p')

# Debian's opentracker serves whitelisted torrents only, refuses to run as root, and reads its
# whitelist after chrooting into -d: so a world-readable folder of its own, with /whitelist in it.
tracker_dir=$(mktemp -d /tmp/eddy-swarm-tracker.XXXXXX)
chmod 755 "$tracker_dir"
echo "$info_hash" >"$tracker_dir/whitelist"
chmod 644 "$tracker_dir/whitelist"
/usr/bin/opentracker -i 127.0.0.1 -p "$tracker_port" -P "$tracker_udp" -d "$tracker_dir" -u nobody \
    -w /whitelist >"$out/opentracker.log" 2>&1 &
pids+=($!)

# ------------------------------------------------------------------ Eddy

# The JDK the build's toolchain uses: 25 or newer, under /usr/lib/jvm.
java=$(ls -d /usr/lib/jvm/*/bin/java | while read -r candidate; do
    "$candidate" -version 2>&1 | grep -q 'version "\(2[5-9]\|[3-9][0-9]\)' && echo "$candidate"
done | head -n 1)
[ -n "$java" ] || { echo "$0: no JDK 25 or newer under /usr/lib/jvm" >&2; exit 1; }
jdk=$(dirname "$(dirname "$java")")

# Eddy's classes and the command that runs them (set by build_eddy).
eddy=()
build_eddy() {
    # Built in this worktree, nothing installed: the loop's and torrent's classes come from their
    # target folders, the third-party jars from the local repository.
    # (One reactor for both, so the loop resolves from it, its test jar included, which torrent's
    # tests use; torrent, built last, writes the file last.)
    (cd "$root" && mvn -B -q -o -pl loop,torrent test-compile dependency:build-classpath -DincludeScope=runtime \
            -DexcludeGroupIds=dev.eddy -Dmdep.outputFile="$out/torrent.classpath") \
        >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
    local classes="$out/eddy-classes"
    rm -rf "$classes"
    local cp="$root/loop/target/classes:$root/torrent/target/classes:$(cat "$out/torrent.classpath")"
    "$jdk/bin/javac" -d "$classes" -cp "$cp" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED \
        $(find "$here/swarm" -name '*.java')
    # Jars rather than folders, as a deployed client runs, and as the JVM's AOT cache requires.
    local jars="$out/eddy-jars"
    rm -rf "$jars" && mkdir -p "$jars"
    "$jdk/bin/jar" cf "$jars/loop.jar" -C "$root/loop/target/classes" .
    "$jdk/bin/jar" cf "$jars/torrent.jar" -C "$root/torrent/target/classes" .
    "$jdk/bin/jar" cf "$jars/bench.jar" -C "$classes" .
    cp="$jars/bench.jar:$jars/loop.jar:$jars/torrent.jar:$(cat "$out/torrent.classpath")"
    eddy=("$java" "${EDDY_JVM_FLAGS[@]}" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -cp "$cp")
}

# train_eddy_aot: as ./eddy does once per build, one untimed Eddy download (from the seeder running
# now) records the JVM's AOT cache, which every timed Eddy process then starts with.
train_eddy_aot() {
    [ "$EDDY_AOT" = 1 ] || return 0
    local cache="$out/eddy.aot" dir
    rm -f "$cache"
    dir=$(fresh "dl-aot-training")
    "${eddy[@]:0:1}" -XX:AOTCacheOutput="$cache" -Xlog:aot=off -Xlog:aot*=off "${eddy[@]:1}" \
        dev.eddy.bench.swarm.SwarmDownload "$torrent" "$dir" >"$out/eddy-aot-training.log" 2>&1 \
        || { cat "$out/eddy-aot-training.log" >&2; exit 1; }
    rm -rf "$dir"
    eddy=("${eddy[0]}" -XX:AOTCache="$cache" "${eddy[@]:1}")
    echo "  Eddy AOT cache: $cache (trained on one untimed download)"
}

# ------------------------------------------------------------------ measuring

results="$out/results.txt"
: >"$results"
host_load() { cut -d' ' -f1-3 /proc/loadavg; }

# measure NAME DIR COMMAND...: runs COMMAND under /usr/bin/time, checks DIR/payload.bin, records a row.
measure() {
    local name=$1 dir=$2; shift 2
    local timing="$out/time-$name.txt" log="$out/$name.log"
    local load seeder_before
    load=$(host_load)
    seeder_before=$(seeder_cpu)
    if ! /usr/bin/time -f '%e %U %S %M' -o "$timing" timeout "$DOWNLOAD_TIMEOUT" "$@" >"$log" 2>&1; then
        echo "$0: $name failed; its log:" >&2; tail -n 40 "$log" >&2; cat "$timing" >&2; exit 1
    fi
    if ! cmp -s "$payload" "$dir/payload.bin"; then
        echo "$0: $name's download differs from the payload" >&2; exit 1
    fi
    local wall user sys rss cpu mbs
    read -r wall user sys rss <<<"$(tail -n 1 "$timing")"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    mbs=$(awk -v m="$size_mib" -v w="$wall" 'BEGIN { printf "%.1f", m * 1.048576 / w }')
    printf '%s %s %.1f %.2f %.2f %.2f %d %s\n' "$name" "$wall" "$mbs" "$cpu" "$user" "$sys" $((rss / 1024)) \
        "$load" >>"$results"
    printf '  %-22s %6.2f s  %7.1f MB/s  cpu %6.2f s (user %.2f, sys %.2f)  max RSS %5d MiB  load %s  seeder cpu %s s  [same bytes]\n' \
        "$name" "$wall" "$mbs" "$cpu" "$user" "$sys" $((rss / 1024)) "$load" \
        "$(awk -v a="$seeder_before" -v b="$(seeder_cpu)" 'BEGIN { printf "%.2f", b - a }')"
}

# The CPU seconds the running seeder process has used so far (0 when none runs): what it spent on
# one leecher is the difference across that download.
seeder_cpu() {
    local ticks
    ticks=$(awk '{ print $14 + $15 }' "/proc/${seeder_pid:-0}/stat" 2>/dev/null || echo 0)
    awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'
}

# On this VM, writing into page-cache pages the guest has not touched lately costs up to 7x more
# system time than reusing freed ones (dd of 1 GiB: 0.35 s to 2.7 s). One throwaway 1 GiB write
# before the first download, then each download's folder deleted before the next, gives every
# client freed pages alike.
warm_page_cache() {
    dd if="$payload" of="$work/warm.bin" bs=1M status=none
    rm -f "$work/warm.bin"
}

fresh() {
    rm -rf "$work/$1"
    mkdir -p "$work/$1"
    echo "$work/$1"
}

aria2_common=(--no-conf=true --enable-dht=false --enable-dht6=false --bt-enable-lpd=false
    --enable-peer-exchange=false --summary-interval=0 --console-log-level=warn --check-certificate=false
    --bt-tracker-connect-timeout=10 --bt-tracker-timeout=10 --allow-overwrite=true --seed-ratio=0.0)

# download_with CLIENT RUN [LABEL]: one timed, checked download by CLIENT into a fresh folder.
download_with() {
    local client=$1 run=$2 label=${3:-$1}
    local dir
    dir=$(fresh "dl-$label")
    case "$client" in
        aria2)
            measure "$label-$run" "$dir" /usr/bin/aria2c "${aria2_common[@]}" --seed-time=0 \
                --listen-port="$(free_port)" --dir="$dir" "$torrent" ;;
        libtorrent)
            measure "$label-$run" "$dir" "$PYTHON" "$INTEROP/lt_download.py" --tuned \
                --timeout "$DOWNLOAD_TIMEOUT" "$torrent" "$dir" ;;
        eddy)
            measure "$label-$run" "$dir" "${eddy[@]}" dev.eddy.bench.swarm.SwarmDownload "$torrent" "$dir" ;;
        eddy-1thread)
            measure "$label-$run" "$dir" "${eddy[@]}" dev.eddy.bench.swarm.SwarmDownload "$torrent" "$dir" --one-thread ;;
    esac
    rm -rf "$dir"
}

# start_seeders LOG COMMAND...: runs seeders and waits for their READY line. Their standard input is
# a pipe held open on fd 8: they seed until stop_seeders closes it.
start_seeders() {
    local log=$1; shift
    exec 8> >("$@" >"$log" 2>&1)
    seeder_pid=$!
    pids+=($seeder_pid)
    await_line "$log" READY 300 "$seeder_pid" >/dev/null
}

stop_seeders() {
    exec 8>&-
    wait "$seeder_pid" 2>/dev/null || true
}

# from_eddy_seeders COUNT CLIENT LABEL: COUNT Eddy seeders (one JVM), then $runs downloads by CLIENT.
from_eddy_seeders() {
    local count=$1 client=$2 label=$3
    cat "$payload" >/dev/null
    warm_page_cache
    start_seeders "$out/eddy-seeders-$count.log" "${eddy[@]}" dev.eddy.bench.swarm.EddySeeders "$count" \
        "$torrent" "$payload_dir"
    for run in $(seq 1 "$runs"); do
        download_with "$client" "$run" "$label"
    done
    stop_seeders
}

echo "swarm benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(host_load)"
echo "  aria2 $(/usr/bin/aria2c --version | sed -n '1s/aria2 version //p'), libtorrent $("$PYTHON" -c 'import libtorrent; print(libtorrent.__version__)'), opentracker (Debian $(dpkg-query -W -f '${Version}' opentracker 2>/dev/null || echo '?')), $("$java" -version 2>&1 | head -n 1)"
echo "  payload $size_mib MiB, 1 MiB pieces, tracker $announce, info hash $info_hash"
if [[ " $clients " == *" eddy"* ]] || [[ " ${parts[*]} " == *" seeders50 "* ]] || [[ " ${parts[*]} " == *" eddy-aria2 "* ]]; then
    build_eddy
    echo "  Eddy JVM flags: ${EDDY_JVM_FLAGS[*]}"
fi

for part in "${parts[@]}"; do
    case "$part" in
        download)
            echo "download from one tuned libtorrent seeder:"
            start_seeders "$out/lt-seed.log" "$PYTHON" "$INTEROP/lt_seed.py" --tuned --timeout 120 "$torrent" "$payload_dir"
            if [[ " $clients " == *" eddy"* ]]; then
                train_eddy_aot
            fi
            cat "$payload" >/dev/null # the seeder's data in the page cache, for every leecher alike
            warm_page_cache
            read -r -a order <<<"$clients"
            for run in $(seq 1 "$runs"); do
                # Each run starts with the next client, so none is always first after the warm-up.
                for i in "${!order[@]}"; do
                    download_with "${order[$(((i + run - 1) % ${#order[@]}))]}" "$run"
                done
            done
            stop_seeders
            "$PYTHON" "$here/swarm/report.py" "$results"
            ;;
        seeders50)
            echo "one Eddy leecher, 50 Eddy seeders (the seeders in one JVM, one loop; the leecher in its own):"
            from_eddy_seeders 50 eddy eddy-from-50-eddy
            ;;
        eddy-aria2)
            echo "an Eddy seeder feeding aria2:"
            from_eddy_seeders 1 aria2 aria2-from-eddy
            ;;
    esac
done
echo "results: $results"
