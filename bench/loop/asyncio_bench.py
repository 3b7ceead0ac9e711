"""The loop-core benchmarks of LoopBench.java, on Python's asyncio, as the reference.

Same workloads, sizes, warm-up and measured rounds; each figure is printed as one JSON line for
report.py. Run through bench/loop.sh; --quick runs fewer, smaller rounds, and --only TEXT
only the figures whose names contain TEXT.

Memory is measured two ways: with tracemalloc (the bytes Python allocated and still holds, the
closest match to the JVM's heap-after-GC) and as the growth of the process's resident set.
"""
import asyncio
import gc
import json
import random
import statistics
import sys
import time
import tracemalloc

QUICK = "--quick" in sys.argv
SCALE = 10 if QUICK else 1
WARMUPS = 1 if QUICK else 5
ROUNDS = 3 if QUICK else 10
ONLY = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""


def measure(name, unit, kind, one_round, warmups=WARMUPS, rounds=ROUNDS):
    if ONLY not in name:
        return
    for _ in range(warmups):
        one_round()
    values = sorted(one_round() for _ in range(rounds))
    print(json.dumps({"impl": "asyncio", "name": name, "unit": unit, "kind": kind,
                      "median": round(statistics.median(values), 1), "min": round(values[0], 1),
                      "max": round(values[-1], 1), "rounds": rounds}), flush=True)


def call_soon_batch():
    n = 1_000_000 // SCALE
    loop = asyncio.new_event_loop()
    ran = 0
    span = [0, 0]

    def count():
        nonlocal ran
        ran += 1

    def finish():
        span[1] = time.perf_counter_ns()
        loop.stop()

    def start():
        span[0] = time.perf_counter_ns()
        for _ in range(n):
            loop.call_soon(count)
        loop.call_soon(finish)

    loop.call_soon(start)
    loop.run_forever()
    loop.close()
    assert ran == n
    return n / ((span[1] - span[0]) / 1e9)


def call_soon_chain():
    n = 200_000 // SCALE
    loop = asyncio.new_event_loop()
    left = n

    def step():
        nonlocal left
        left -= 1
        if left > 0:
            loop.call_soon(step)
        else:
            loop.stop()

    start = time.perf_counter_ns()
    loop.call_soon(step)
    loop.run_forever()
    elapsed = time.perf_counter_ns() - start
    loop.close()
    return n / (elapsed / 1e9)


def switch_one_task():
    n = 200_000 // SCALE

    async def yielder():
        start = time.perf_counter_ns()
        for _ in range(n):
            await asyncio.sleep(0)
        return time.perf_counter_ns() - start

    loop = asyncio.new_event_loop()
    elapsed = loop.run_until_complete(yielder())
    loop.close()
    return elapsed / n


def switch_many_tasks():
    tasks, yields = 1_000, 200 // SCALE

    async def yielder():
        for _ in range(yields):
            await asyncio.sleep(0)

    async def main():
        start = time.perf_counter_ns()
        await asyncio.gather(*[asyncio.ensure_future(yielder()) for _ in range(tasks)])
        return time.perf_counter_ns() - start

    loop = asyncio.new_event_loop()
    elapsed = loop.run_until_complete(main())
    loop.close()
    return elapsed / (tasks * yields)


def timer_churn():
    n, window = 1_000_000 // SCALE, 10_000
    rng = random.Random(42)
    delays = [(1_000 + rng.randrange(99_000)) / 1000 for _ in range(n)]
    loop = asyncio.new_event_loop()
    live = [None] * window
    nothing = lambda: None  # noqa: E731
    start = time.perf_counter_ns()
    for i in range(n):
        slot = i % window
        if live[slot] is not None:
            live[slot].cancel()
        live[slot] = loop.call_later(delays[i], nothing)
    elapsed = time.perf_counter_ns() - start
    loop.close()
    return n / (elapsed / 1e9)


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096  # resident pages; 4 KiB pages on this machine


def parked_task_memory(traced):
    n = 100_000
    loop = asyncio.new_event_loop()
    gate = loop.create_future()

    async def parked():
        await gate

    gc.collect()
    if traced:
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
    else:
        before = rss_bytes()
    tasks = [loop.create_task(parked()) for _ in range(n)]
    loop.call_soon(loop.stop)
    loop.run_forever()
    assert not tasks[-1].done()
    gc.collect()
    if traced:
        after = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
    else:
        after = rss_bytes()
    gate.set_result(None)
    loop.run_until_complete(asyncio.gather(*tasks))
    assert all(t.done() for t in tasks)
    loop.close()
    return (after - before) / n


def main():
    measure("callSoon, 1M scheduled at once", "callbacks/s", "throughput", call_soon_batch)
    measure("callSoon, chained (one per iteration)", "callbacks/s", "throughput", call_soon_chain)
    measure("task switch, sleep(0) in 1 task", "ns/switch", "time", switch_one_task)
    measure("task switch, sleep(0) in 1,000 tasks", "ns/switch", "time", switch_many_tasks)
    measure("timer churn, callLater + cancel, 10k live", "timers/s", "throughput", timer_churn)
    memory_rounds = max(3, ROUNDS // 3)
    measure("heap per task parked on one future, 100k tasks", "bytes/task", "memory",
            lambda: parked_task_memory(traced=True), warmups=1, rounds=memory_rounds)
    measure("RSS growth per task parked on one future, 100k tasks", "bytes/task", "memory",
            lambda: parked_task_memory(traced=False), warmups=1, rounds=memory_rounds)


if __name__ == "__main__":
    main()
