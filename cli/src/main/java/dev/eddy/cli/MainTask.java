package dev.eddy.cli;

import dev.eddy.loop.CancelledException;
import dev.eddy.loop.Coroutine;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Task;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a command's work as the main task of a fresh event loop, and turns Ctrl-C into a clean stop.
 *
 * <p>The first interrupt cancels the main task: its current {@code await} throws
 * {@link CancelledException}, its {@code finally} blocks run (saving state, announcing
 * {@code stopped}), and the command exits {@link ExitCodes#INTERRUPTED}. A second interrupt, or one
 * that arrives while no task runs, exits at once through the hard-exit action. Blocking work (hashing
 * files, say) goes through {@code runInExecutor}, so the loop stays free to take the cancellation.
 */
public final class MainTask {
    private final Runnable hardExit;
    private final AtomicInteger interrupts = new AtomicInteger();
    private volatile Runnable cancelRunning;

    /**
     * Creates a runner.
     *
     * @param hardExit what a second interrupt does: in the real command, halt the JVM with exit
     *     code 130
     */
    public MainTask(Runnable hardExit) {
        this.hardExit = hardExit;
    }

    /**
     * Runs a body as the main task of a new loop until it completes, like {@code asyncio.run}.
     *
     * @param body the command's work
     * @param <T> its result type
     * @return its result
     * @throws CancelledException if an interrupt stopped it
     */
    public <T> T run(Coroutine<T> body) {
        return EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Task<?> self = Task.current();
            cancelRunning = () -> loop.callSoonThreadsafe(() -> self.cancel("interrupted"));
            try {
                return body.run();
            } finally {
                cancelRunning = null;
            }
        });
    }

    /**
     * Runs blocking work (hashing, rechecking) on the loop's executor and waits for it, so the loop
     * thread stays free and an interrupt cancels the wait at once. Call it inside the main task.
     *
     * @param work the blocking work
     * @param <T> its result type
     * @return its result
     */
    public static <T> T offLoop(Callable<T> work) {
        return EventLoop.current().runInExecutor(work).await();
    }

    /**
     * Delivers an interrupt, from any thread: the signal handler calls this on SIGINT and SIGTERM.
     */
    public void interrupt() {
        Runnable cancel = cancelRunning;
        if (interrupts.incrementAndGet() > 1 || cancel == null) {
            hardExit.run();
        } else {
            cancel.run();
        }
    }
}
