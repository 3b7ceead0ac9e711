#!/usr/bin/env bash
# Loop-core benchmarks, Eddy against Python's asyncio on the same machine, back to back:
#   bench/loop.sh [--quick] [--only TEXT]   (--quick: small rounds, to check the benchmark itself)
#   bench/loop.sh --breakdown                (where one task switch's time goes; Eddy only)
# Prints each figure (median and range over the measured rounds) and the ratio in Eddy's favour.
# Raw results go to bench/out/loop/. See docs/benchmarks.md, section "Loop core".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out/loop"
export_flag="java.base/jdk.internal.vm=ALL-UNNAMED"

java_home=""
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  version=$([ -x "$candidate/bin/java" ] && "$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = //p' || true)
  if [ -n "$candidate" ] && [ "${version:-0}" -ge 25 ] 2>/dev/null; then
    java_home=$candidate
    break
  fi
done
[ -n "$java_home" ] || { echo "no JDK 25 or later found in JAVA_HOME or under /usr/lib/jvm" >&2; exit 1; }
python=/usr/bin/python3

classes="$root/loop/target/classes"
if [ ! -f "$classes/dev/eddy/loop/EventLoop.class" ] \
   || [ -n "$(find "$root/loop/src/main" -name '*.java' -newer "$classes/dev/eddy/loop/EventLoop.class" -print -quit)" ]; then
  (cd "$root" && mvn -q -o -pl loop compile)
fi
mkdir -p "$out/classes"
"$java_home/bin/javac" -nowarn --add-exports "$export_flag" -cp "$classes" -d "$out/classes" \
  "$root"/bench/loop/java/dev/eddy/bench/loop/*.java

if [ "${1:-}" = "--breakdown" ]; then
  exec "$java_home/bin/java" --add-exports "$export_flag" -cp "$classes:$out/classes" dev.eddy.bench.loop.SwitchCostBreakdown
fi

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit:  $(git -C "$root" rev-parse --short HEAD)"
echo "JDK:     $("$java_home/bin/java" -version 2>&1 | head -1) ($java_home)"
echo "Python:  $($python --version 2>&1) ($python)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) before"

"$java_home/bin/java" --add-exports "$export_flag" -Xms1g -Xmx1g -cp "$classes:$out/classes" \
  dev.eddy.bench.loop.LoopBench "$@" > "$out/eddy.jsonl"
"$python" "$root/bench/loop/asyncio_bench.py" "$@" > "$out/asyncio.jsonl"

echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) after"
echo
"$python" "$root/bench/loop/report.py" "$out/eddy.jsonl" "$out/asyncio.jsonl"
