"""Sets Eddy's loop-core figures beside asyncio's: report.py EDDY.jsonl ASYNCIO.jsonl

Prints one row per figure with the ratio in Eddy's favour (Eddy/asyncio for throughput,
asyncio/Eddy for times and memory) and checks the targets: at least 10x asyncio's throughput for
callbacks and task switches, at most 1 KiB of heap per parked task.
"""
import json
import sys

SPEED_TARGET = 10.0
HEAP_TARGET = 1024


def load(path):
    with open(path) as lines:
        return {row["name"]: row for row in map(json.loads, lines) if row}


def figure(row):
    return f'{row["median"]:>12,.0f} ({row["min"]:,.0f}–{row["max"]:,.0f})' if row else f'{"—":>12}'


def advantage(eddy, ref):
    if not eddy or not ref:
        return None
    if eddy["kind"] == "throughput":
        return eddy["median"] / ref["median"]
    return ref["median"] / eddy["median"]


def main(eddy_path, asyncio_path):
    eddy, ref = load(eddy_path), load(asyncio_path)
    names = list(eddy) + [name for name in ref if name not in eddy]
    print(f'{"figure":<56} {"unit":<12} {"Eddy median (min–max)":>32} {"asyncio median (min–max)":>32} {"Eddy ×":>8}')
    verdicts = []
    for name in names:
        e, r = eddy.get(name), ref.get(name)
        unit = (e or r)["unit"]
        ratio = advantage(e, r)
        print(f'{name:<56} {unit:<12} {figure(e):>32} {figure(r):>32} {f"{ratio:.2f}" if ratio else "—":>8}')
        if e and r and (name.startswith("callSoon, 1M") or name.startswith("task switch")):
            verdicts.append(f'{"met" if ratio >= SPEED_TARGET else "MISSED"}: {name}: {ratio:.2f}x asyncio (target ≥{SPEED_TARGET:.0f}x)')
        if e and name.startswith("heap per task"):
            verdicts.append(f'{"met" if e["median"] <= HEAP_TARGET else "MISSED"}: {name}: '
                            f'{e["median"]:.0f} B/task (target ≤{HEAP_TARGET} B)')
    print()
    print("\n".join(verdicts))


if __name__ == "__main__":
    main(*sys.argv[1:3])
