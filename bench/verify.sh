#!/bin/bash
# Piece verification throughput from the page cache, on one thread: Eddy's recheck against
# `openssl sha1` and `sha1sum` of the same file and libtorrent's recheck, in the same run.
#   bench/verify.sh [size_mib]      (default 1024; temporary files go to /tmp/eddy-bench-verify)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
size_mib=${1:-1024}
work=/tmp/eddy-bench-verify
payload=$work/payload/big.bin
torrent=$work/big.torrent
runs=${RUNS:-5}
mkdir -p "$work/payload"

if [ ! -f "$payload" ] || [ "$(stat -c %s "$payload")" -ne $((size_mib << 20)) ]; then
    echo "making a $size_mib MiB payload in $payload" >&2
    # Deterministic, incompressible bytes: AES-CTR over zeros with a fixed key.
    head -c $((size_mib << 20)) /dev/zero | openssl enc -aes-128-ctr -nosalt -pass pass:eddy -pbkdf2 2>/dev/null > "$payload"
    rm -f "$torrent"
fi
if [ ! -f "$torrent" ]; then
    "$repo/torrent/run-main.sh" dev.eddy.torrent.storage.VerifyBenchmark build "$payload" "$torrent" >&2
fi
cat "$payload" > /dev/null # into the page cache
load=$(cut -d " " -f 1-3 /proc/loadavg)

now() { date +%s.%N; }
best_of() { # best_of <runs> <command...>: the fastest wall time of the command, in seconds
    local n=$1 best="" start end t
    shift
    for _ in $(seq "$n"); do
        start=$(now); "$@" > /dev/null; end=$(now)
        t=$(echo "$end - $start" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    echo "$best"
}

openssl_s=$(best_of $runs openssl sha1 "$payload")
sha1sum_s=$(best_of $runs sha1sum "$payload")
eddy_s=$("$repo/torrent/run-main.sh" dev.eddy.torrent.storage.VerifyBenchmark verify "$torrent" "$work/payload" $((runs + 1)) | sed -n 's/^seconds //p')
# The same as ./eddy runs it: C1 only, and SHA-1 from OpenSSL through native access.
eddy_cli_s=$(JVM_FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED" \
    "$repo/torrent/run-main.sh" dev.eddy.torrent.storage.VerifyBenchmark verify "$torrent" "$work/payload" $((runs + 1)) | sed -n 's/^seconds //p')
lt_s=""
for _ in $(seq 2); do
    t=$(/usr/bin/python3 "$repo/torrent/src/test/resources/interop/lt.py" check "$torrent" "$work/payload" | sed -n 's/^seconds //p')
    if [ -z "$lt_s" ] || [ "$(echo "$t < $lt_s" | bc -l)" = 1 ]; then lt_s=$t; fi
done

pieces=$(/usr/bin/python3 "$repo/torrent/src/test/resources/interop/lt.py" info "$torrent" | sed -n 's/^piece_length //p')
echo "payload: $size_mib MiB, piece length $pieces bytes, page cache warm, best of $runs runs (libtorrent: 2)"
echo "cpu: $(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores; load average before: $load"
printf "%-26s %8s %10s %14s\n" "tool" "seconds" "MiB/s" "vs openssl"
for row in "openssl sha1:$openssl_s" "sha1sum:$sha1sum_s" "Eddy recheck (1 thread):$eddy_s" "Eddy, as ./eddy runs it:$eddy_cli_s" "libtorrent 2.0 recheck:$lt_s"; do
    name=${row%%:*}; s=${row#*:}
    printf "%-26s %8.3f %10.0f %13.2fx\n" "$name" "$s" "$(echo "$size_mib / $s" | bc -l)" "$(echo "$openssl_s / $s" | bc -l)"
done
