package dev.eddy.loop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The combinators, all in one place, in the shape of asyncio's: {@code sleep}, {@code gather},
 * {@code wait}, {@code asCompleted}, {@code waitFor}, {@code timeout} and {@code shield}. Each is
 * called from inside a task unless it says otherwise.
 */
public final class Async {
    private Async() {}

    /**
     * Suspends the current task for {@code delay}. A zero or negative delay yields to the loop
     * once: every callback already ready runs, then the task resumes.
     *
     * @throws CancelledException if the task is cancelled while asleep
     */
    public static void sleep(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            Task.yieldCurrent();
            return;
        }
        Task<?> task = currentTask("sleep");
        EventLoop loop = task.loop;
        Future<Void> wakeUp = loop.createFuture();
        TimerHandle timer = loop.callLater(delay, () -> {
            if (!wakeUp.done()) {
                wakeUp.setResult(null);
            }
        });
        try {
            wakeUp.await();
        } finally {
            timer.cancel();
        }
    }

    /**
     * A future of all the futures' results, in input order; awaiting it awaits them all. The first
     * failure fails it at once (the other futures keep running). Cancelling it cancels every future
     * still pending. Callable outside a task.
     *
     * @throws IllegalArgumentException if the futures belong to different loops
     */
    public static <T> Future<List<T>> gather(List<? extends Future<? extends T>> futures) {
        return new GatheringFuture<T, T>(loopOf(futures), futures, false);
    }

    /** {@link #gather(List)} for a fixed set of futures. */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Future<? extends T>... futures) {
        return gather(List.of(futures));
    }

    /**
     * Like {@link #gather(List)}, but never fails because a future did: every future's
     * {@link Outcome}, success or failure, in input order (asyncio's {@code return_exceptions=True}).
     */
    public static <T> Future<List<Outcome<T>>> gatherOutcomes(List<? extends Future<? extends T>> futures) {
        return new GatheringFuture<T, Outcome<T>>(loopOf(futures), futures, true);
    }

    /**
     * Suspends the current task until {@code mode} is satisfied or {@code timeout} passes, and says
     * which futures are done. Nothing is cancelled, on timeout or otherwise.
     *
     * @param timeout how long to wait at most; {@code null} for no limit
     * @throws IllegalArgumentException if {@code futures} is empty
     */
    public static <F extends Future<?>> WaitResult<F> wait(Collection<F> futures, WaitMode mode, Duration timeout) {
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("wait() needs at least one future");
        }
        Task<?> task = currentTask("wait");
        Set<F> unique = new LinkedHashSet<>(futures);
        if (!satisfied(unique, mode)) {
            Future<Void> wakeUp = task.loop.createFuture();
            int[] pending = {(int) unique.stream().filter(f -> !f.done()).count()};
            Consumer<Future<?>> onDone = f -> {
                pending[0]--;
                boolean failed = mode == WaitMode.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null;
                if ((pending[0] == 0 || mode == WaitMode.FIRST_COMPLETED || failed) && !wakeUp.done()) {
                    wakeUp.setResult(null);
                }
            };
            for (F future : unique) {
                future.addCallbackEntry(onDone);
            }
            TimerHandle timer = timeout == null ? null : task.loop.callLater(timeout, () -> {
                if (!wakeUp.done()) {
                    wakeUp.setResult(null);
                }
            });
            try {
                wakeUp.await();
            } finally {
                if (timer != null) {
                    timer.cancel();
                }
                for (F future : unique) {
                    future.removeCallbackEntry(onDone);
                }
            }
        }
        Set<F> done = new LinkedHashSet<>();
        Set<F> notDone = new LinkedHashSet<>();
        for (F future : unique) {
            (future.done() ? done : notDone).add(future);
        }
        return new WaitResult<>(done, notDone);
    }

    /**
     * The futures' outcomes in the order they finish: the first future returned completes like
     * whichever input finishes first, the second like the next, and so on. Await them in order.
     * When {@code timeout} passes, the ones not yet completed fail with {@link TimeoutException};
     * the inputs are not cancelled. Callable outside a task.
     *
     * @param timeout how long to wait at most; {@code null} for no limit
     */
    public static <T> List<Future<T>> asCompleted(List<? extends Future<? extends T>> futures, Duration timeout) {
        EventLoop loop = loopOf(futures);
        List<Future<T>> inOrder = new ArrayList<>(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            inOrder.add(loop.createFuture());
        }
        int[] finished = {0};
        Consumer<Future<? extends T>> onDone = f -> {
            if (finished[0] < inOrder.size() && !inOrder.get(finished[0]).done()) {
                Outcome.copyInto(f, inOrder.get(finished[0]));
            }
            finished[0]++;
        };
        for (Future<? extends T> future : futures) {
            future.addCallbackEntry(onDone);
        }
        if (timeout != null && !futures.isEmpty()) {
            TimerHandle timer = loop.callLater(timeout, () -> {
                for (Future<? extends T> future : futures) {
                    future.removeCallbackEntry(onDone);
                }
                for (Future<T> slot : inOrder) {
                    if (!slot.done()) {
                        slot.setException(new TimeoutException("asCompleted: timed out after " + timeout.toMillis() + " ms"));
                    }
                }
            });
            inOrder.getLast().addDoneCallback(last -> timer.cancel());
        }
        return inOrder;
    }

    /**
     * Awaits {@code future} for at most {@code timeout}; past it, cancels the future, waits for it
     * to wind down, and throws {@link TimeoutException}. Cancelling the calling task cancels the
     * future too.
     *
     * @param timeout {@code null} for no limit
     */
    public static <T> T waitFor(Future<T> future, Duration timeout) {
        if (timeout == null) {
            return future.await();
        }
        return timeout(timeout, future::await);
    }

    /**
     * Runs {@code body} in the current task with a deadline {@code delay} from now; see {@link Timeout}.
     *
     * @param delay {@code null} for no deadline (one can still be set with {@link Timeout#reschedule})
     * @throws TimeoutException if the deadline passed before the body finished
     */
    public static <T> T timeout(Duration delay, Timeout.Body<T> body) {
        Task<?> task = currentTask("timeout");
        return timeoutAt(delay == null ? Long.MAX_VALUE : task.loop.deadline(delay), body);
    }

    /** {@link #timeout(Duration, Timeout.Body)} for a body that does not need its scope. */
    public static <T> T timeout(Duration delay, Coroutine<T> body) {
        return timeout(delay, scope -> body.run());
    }

    /**
     * Runs {@code body} in the current task with a deadline at loop time {@code when}
     * ({@link Long#MAX_VALUE} for none).
     *
     * @throws TimeoutException if the deadline passed before the body finished
     */
    public static <T> T timeoutAt(long when, Timeout.Body<T> body) {
        try {
            return Timeout.run(when, body);
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        }
    }

    /**
     * A future that completes like {@code inner} but whose cancellation does not reach it: the
     * awaiting task can be cancelled while the operation it started runs on to completion.
     * Callable outside a task.
     */
    public static <T> Future<T> shield(Future<T> inner) {
        if (inner.done()) {
            return inner;
        }
        Future<T> outer = inner.loop.createFuture();
        Consumer<Future<T>> forward = f -> {
            if (!outer.done()) {
                Outcome.copyInto(f, outer);
            } else if (!f.cancelled()) {
                f.exception(); // nobody awaits the result any more; don't report it as unretrieved
            }
        };
        inner.addDoneCallback(forward);
        outer.addDoneCallback(o -> {
            if (o.cancelled()) {
                inner.removeDoneCallback(forward);
            }
        });
        return outer;
    }

    private static EventLoop loopOf(List<? extends Future<?>> futures) {
        if (futures.isEmpty()) {
            return EventLoop.current();
        }
        EventLoop loop = futures.getFirst().loop;
        for (Future<?> future : futures) {
            if (future.loop != loop) {
                throw new IllegalArgumentException("the futures belong to different loops");
            }
        }
        return loop;
    }

    private static boolean satisfied(Set<? extends Future<?>> futures, WaitMode mode) {
        return switch (mode) {
            case ALL_COMPLETED -> futures.stream().allMatch(Future::done);
            case FIRST_COMPLETED -> futures.stream().anyMatch(Future::done);
            case FIRST_EXCEPTION -> futures.stream().allMatch(Future::done)
                    || futures.stream().anyMatch(f -> f.done() && !f.cancelled() && f.exception() != null);
        };
    }

    static Task<?> currentTask(String operation) {
        Task<?> task = Task.current();
        if (task == null) {
            throw new IllegalStateException(operation + "() called outside a task: only a task can be suspended");
        }
        return task;
    }
}
