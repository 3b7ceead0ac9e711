package dev.eddy.bench.loop;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import java.io.IOException;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * Where the time of one task switch goes: the same yield measured with less and less of the loop
 * around it. Not part of the comparison with asyncio; run it when a switch gets slower, with
 * {@code bench/loop.sh --breakdown}.
 *
 * <ul>
 *   <li>a bare JDK continuation yielding and being resumed, from a shallow stack and from a stack
 *       as deep as a task's at its await;
 *   <li>one {@code selectNow}, which every loop iteration makes to poll for I/O;
 *   <li>an Eddy task's {@code sleep(0)}, alone on its loop.
 * </ul>
 */
public final class SwitchCostBreakdown {
    private static final ContinuationScope SCOPE = new ContinuationScope("breakdown");
    private static final int N = 200_000;

    private SwitchCostBreakdown() {}

    /** No arguments. */
    public static void main(String[] args) throws IOException {
        report("bare continuation yield + resume, shallow stack", () -> bareContinuation(0));
        report("bare continuation yield + resume, 8 frames deeper", () -> bareContinuation(8));
        try (Selector selector = Selector.open()) {
            report("Selector.selectNow() with nothing registered", () -> {
                long start = System.nanoTime();
                for (int i = 0; i < N; i++) {
                    try {
                        selector.selectNow();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return System.nanoTime() - start;
            });
        }
        report("Eddy task sleep(0), one task", () -> {
            try (EventLoop loop = new EventLoop()) {
                return loop.runUntilComplete(loop.createTask(() -> {
                    long start = System.nanoTime();
                    for (int i = 0; i < N; i++) {
                        Async.sleep(Duration.ZERO);
                    }
                    return System.nanoTime() - start;
                }));
            }
        });
    }

    private static long bareContinuation(int extraFrames) {
        Continuation continuation = new Continuation(SCOPE, () -> {
            for (int i = 0; i < N; i++) {
                yieldFrom(extraFrames);
            }
        });
        long start = System.nanoTime();
        while (!continuation.isDone()) {
            continuation.run();
        }
        return System.nanoTime() - start;
    }

    private static void yieldFrom(int depth) {
        if (depth == 0) {
            Continuation.yield(SCOPE);
        } else {
            yieldFrom(depth - 1);
        }
    }

    private static void report(String what, LongSupplier round) {
        for (int i = 0; i < 5; i++) {
            round.getAsLong();
        }
        double[] perOp = new double[9];
        for (int i = 0; i < perOp.length; i++) {
            perOp[i] = (double) round.getAsLong() / N;
        }
        Arrays.sort(perOp);
        System.out.println(String.format(Locale.ROOT, "%-55s %7.0f ns (%.0f–%.0f)", what, perOp[4], perOp[0], perOp[8]));
    }
}
