package dev.eddy.loop;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * The one place Eddy touches the JDK's internal {@code jdk.internal.vm.Continuation}: a body that
 * can suspend itself and be resumed later, on the same thread, where it left off.
 *
 * <p>The class is internal to the JDK, so the JVM must be started with
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}. Without it, the first task fails at
 * once with a message naming that flag rather than with an obscure linkage error.
 */
final class TaskContinuation extends Continuation {
    private static final ContinuationScope SCOPE = new ContinuationScope("dev.eddy.loop.Task");

    final Task<?> task;

    private TaskContinuation(Task<?> task, Runnable body) {
        super(SCOPE, body);
        this.task = task;
    }

    /**
     * A continuation for {@code task}. Callers first check {@link ContinuationAccess#check()}: without
     * the export, merely linking this class fails.
     */
    static TaskContinuation create(Task<?> task, Runnable body) {
        return new TaskContinuation(task, body);
    }

    /** The task whose body is running on this thread right now, or {@code null} outside any task. */
    static Task<?> currentTask() {
        return Continuation.getCurrentContinuation(SCOPE) instanceof TaskContinuation c ? c.task : null;
    }

    /** Runs the body until it suspends or ends. */
    void resume() {
        run();
    }

    /** Suspends the body running on this thread; {@link #resume()} carries on from here. */
    static void suspend() {
        Continuation.yield(SCOPE);
    }

    /** Where the suspended body is, innermost frame first. */
    StackTraceElement[] stackTrace() {
        return isDone() ? new StackTraceElement[0] : getStackTrace();
    }

    @Override
    protected void onPinned(Continuation.Pinned reason) {
        throw new IllegalStateException("task '" + task.name() + "' cannot suspend here (" + reason
                + "): await() was called from inside native code or a critical section");
    }
}
