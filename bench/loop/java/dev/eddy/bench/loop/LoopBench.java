package dev.eddy.bench.loop;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.Task;
import dev.eddy.loop.TimerHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Measures the loop core: callback throughput, task-switch cost, heap per parked task and timer
 * churn. Each figure is taken over several rounds after warm-up rounds, and printed as one JSON
 * line (median, min, max) for {@code bench/loop/report.py} to set beside asyncio's. The same
 * workloads, sizes and round counts are in {@code asyncio_bench.py}.
 *
 * <p>Run through {@code bench/loop.sh}. {@code --quick} runs fewer, smaller rounds, to check the
 * benchmark itself rather than to measure.
 */
public final class LoopBench {
    private static final Runnable NOTHING = () -> {};

    private final int scale;
    private final int warmups;
    private final int rounds;
    private final String only;

    private LoopBench(boolean quick, String only) {
        this.scale = quick ? 10 : 1;
        this.warmups = quick ? 1 : 5;
        this.rounds = quick ? 3 : 10;
        this.only = only;
    }

    /** {@code [--quick] [--only TEXT]}: {@code --only} runs just the figures whose names contain TEXT, to profile one. */
    public static void main(String[] args) {
        List<String> options = Arrays.asList(args);
        int onlyAt = options.indexOf("--only");
        LoopBench bench = new LoopBench(options.contains("--quick"), onlyAt >= 0 ? options.get(onlyAt + 1) : "");
        bench.measure("callSoon, 1M scheduled at once", "callbacks/s", "throughput", bench::callSoonBatch);
        bench.measure("callSoon, chained (one per iteration)", "callbacks/s", "throughput", bench::callSoonChain);
        bench.measure("task switch, sleep(0) in 1 task", "ns/switch", "time", bench::switchOneTask);
        bench.measure("task switch, sleep(0) in 1,000 tasks", "ns/switch", "time", bench::switchManyTasks);
        bench.measure("timer churn, callLater + cancel, 10k live", "timers/s", "throughput", bench::timerChurn);
        bench.measure("heap per task parked on one future, 100k tasks", "bytes/task", "memory", bench::parkedTaskHeap);
    }

    private void measure(String name, String unit, String kind, DoubleSupplier round) {
        if (!name.contains(only)) {
            return;
        }
        int warm = kind.equals("memory") ? 1 : warmups;
        int measured = kind.equals("memory") ? Math.max(3, rounds / 3) : rounds;
        for (int i = 0; i < warm; i++) {
            round.getAsDouble();
        }
        double[] values = new double[measured];
        for (int i = 0; i < measured; i++) {
            values[i] = round.getAsDouble();
        }
        Arrays.sort(values);
        double median = measured % 2 == 1 ? values[measured / 2] : (values[measured / 2 - 1] + values[measured / 2]) / 2;
        System.out.println(String.format(Locale.ROOT,
                "{\"impl\": \"eddy\", \"name\": \"%s\", \"unit\": \"%s\", \"kind\": \"%s\", "
                        + "\"median\": %.1f, \"min\": %.1f, \"max\": %.1f, \"rounds\": %d}",
                name, unit, kind, median, values[0], values[measured - 1], measured));
    }

    /** One callback schedules n no-op callbacks and a last one that stops; all run in the next iteration. */
    private double callSoonBatch() {
        int n = 1_000_000 / scale;
        try (EventLoop loop = new EventLoop()) {
            long[] span = new long[2];
            int[] ran = {0};
            Runnable count = () -> ran[0]++;
            loop.callSoon(() -> {
                span[0] = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    loop.callSoon(count);
                }
                loop.callSoon(() -> {
                    span[1] = System.nanoTime();
                    loop.stop();
                });
            });
            loop.runForever();
            check(ran[0] == n, "ran " + ran[0] + " of " + n + " callbacks");
            return n / seconds(span);
        }
    }

    /** Each callback schedules the next, so every callback costs a whole loop iteration (and a poll). */
    private double callSoonChain() {
        int n = 200_000 / scale;
        try (EventLoop loop = new EventLoop()) {
            int[] left = {n};
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                if (--left[0] > 0) {
                    loop.callSoon(next[0]);
                } else {
                    loop.stop();
                }
            };
            long start = System.nanoTime();
            loop.callSoon(next[0]);
            loop.runForever();
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** One task yields n times: each yield is a suspend, a loop iteration and a resume. */
    private double switchOneTask() {
        int n = 200_000 / scale;
        try (EventLoop loop = new EventLoop()) {
            long elapsed = loop.runUntilComplete(loop.createTask(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    Async.sleep(Duration.ZERO);
                }
                return System.nanoTime() - start;
            }));
            return (double) elapsed / n;
        }
    }

    /** 1,000 tasks yield 200 times each, so one loop iteration resumes many tasks. */
    private double switchManyTasks() {
        int tasks = 1_000;
        int yields = 200 / scale;
        try (EventLoop loop = new EventLoop()) {
            long elapsed = loop.runUntilComplete(loop.createTask(() -> {
                long start = System.nanoTime();
                List<Task<Void>> all = new ArrayList<>(tasks);
                for (int t = 0; t < tasks; t++) {
                    all.add(loop.createTask(() -> {
                        for (int i = 0; i < yields; i++) {
                            Async.sleep(Duration.ZERO);
                        }
                    }));
                }
                Async.gather(all).await();
                return System.nanoTime() - start;
            }));
            return (double) elapsed / ((long) tasks * yields);
        }
    }

    /**
     * n timers, 1 s to 100 s out, with a window of 10k live: each new timer cancels the one
     * scheduled 10k before it, as per-request timeouts that are cancelled when the reply comes do.
     */
    private double timerChurn() {
        int n = 1_000_000 / scale;
        int window = 10_000;
        Random random = new Random(42);
        Duration[] delays = new Duration[n];
        for (int i = 0; i < n; i++) {
            delays[i] = Duration.ofMillis(1_000 + random.nextInt(99_000));
        }
        try (EventLoop loop = new EventLoop()) {
            TimerHandle[] live = new TimerHandle[window];
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int slot = i % window;
                if (live[slot] != null) {
                    live[slot].cancel();
                }
                live[slot] = loop.callLater(delays[i], NOTHING);
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Heap in use after a full collection, before and after 100k tasks have started and parked on
     * one future; the tasks are then released and must all finish.
     */
    private double parkedTaskHeap() {
        int n = 100_000;
        try (EventLoop loop = new EventLoop()) {
            Future<Void> gate = loop.createFuture();
            List<Task<Void>> tasks = new ArrayList<>(n);
            long before = heapUsedAfterGc();
            for (int i = 0; i < n; i++) {
                tasks.add(loop.createTask(() -> gate.await()));
            }
            loop.callSoon(loop::stop);
            loop.runForever();
            check(!tasks.getLast().done(), "the tasks should be parked");
            long after = heapUsedAfterGc();
            gate.setResult(null);
            loop.runUntilComplete(Async.gather(tasks));
            check(tasks.stream().allMatch(Future::done), "every task should finish once released");
            return (double) (after - before) / n;
        }
    }

    private static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Collect until the figure settles: a second collection can still free what the first queued.
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(now - used) < 64 * 1024) {
                return now;
            }
            used = now;
        }
        return used;
    }

    private static double seconds(long[] span) {
        return (span[1] - span[0]) / 1e9;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("benchmark went wrong: " + message);
        }
    }
}
