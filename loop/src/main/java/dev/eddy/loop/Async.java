package dev.eddy.loop;

import java.time.Duration;

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

    static Task<?> currentTask(String operation) {
        Task<?> task = Task.current();
        if (task == null) {
            throw new IllegalStateException(operation + "() called outside a task: only a task can be suspended");
        }
        return task;
    }
}
