package dev.eddy.loop;

/**
 * A {@link Future} driven by a coroutine: sequential code that suspends at each
 * {@link Future#await()} and is resumed by the loop when the awaited future is done.
 *
 * <p>Create tasks with {@link EventLoop#createTask}. A task starts on the loop's next iteration.
 * Its body runs only on the loop thread, one step at a time, so tasks never race one another
 * between awaits; a critical section that spans an await needs {@link dev.eddy.loop.sync.Lock}.
 *
 * <p>{@link #cancel(String)} delivers a {@link CancelledException} at the task's current or next
 * await, and {@code finally} blocks run as the exception unwinds. A task that catches the
 * exception and carries on is allowed, as in asyncio.
 *
 * @param <T> the type of the task's result
 */
public final class Task<T> extends Future<T> {
    private final String name;
    private final TaskContinuation continuation;
    /** Scheduled whenever the task should take its next step; allocated once. */
    final Runnable stepper = new Step();
    final StackTraceElement[] createdAt;
    /** The registry's record of this task, while it is tracked. */
    TaskRegistry.Entry registryEntry;

    private Future<?> waitingOn;
    private boolean mustCancel;
    private int cancelRequests;
    private String pendingCancelMessage;
    private boolean started;

    Task(EventLoop loop, String name, Coroutine<T> body, StackTraceElement[] createdAt) {
        super(loop);
        ContinuationAccess.check();
        this.name = name;
        this.createdAt = createdAt;
        this.continuation = TaskContinuation.create(this, () -> runBody(body));
    }

    /** The task's name, for diagnostics and stack dumps. */
    public String name() {
        return name;
    }

    /**
     * The task running on the current thread, if any.
     *
     * @return the task, or {@code null} when called outside every task
     */
    public static Task<?> current() {
        return TaskContinuation.currentTask();
    }

    /**
     * Requests cancellation: if the task awaits a future, that future is cancelled, which wakes
     * the task with a {@link CancelledException}; otherwise the exception arrives at its next await.
     *
     * @param message carried by the {@link CancelledException}; may be {@code null}
     * @return {@code false} if the task is already done
     */
    @Override
    public boolean cancel(String message) {
        if (done()) {
            return false;
        }
        cancelRequests++;
        if (waitingOn != null && waitingOn.cancel(message)) {
            return true;
        }
        mustCancel = true;
        pendingCancelMessage = message;
        return true;
    }

    /** How many cancellation requests are outstanding; {@link #uncancel()} takes one back. */
    public int cancelling() {
        return cancelRequests;
    }

    /**
     * Takes back one cancellation request, for code such as {@link Timeout} that cancelled the task
     * itself and has now handled it. When none are left, a pending delivery is called off too.
     *
     * @return the requests still outstanding
     */
    public int uncancel() {
        if (cancelRequests > 0) {
            cancelRequests--;
            if (cancelRequests == 0) {
                mustCancel = false;
            }
        }
        return cancelRequests;
    }

    /**
     * Where the task is suspended, innermost frame first: the await it is parked at, and how it got
     * there. Empty for a task that has not started or has finished.
     */
    public StackTraceElement[] stackTrace() {
        return started ? continuation.stackTrace() : new StackTraceElement[0];
    }

    /** Tasks are completed by their bodies; completing one from outside is refused. */
    @Override
    public void setResult(T value) {
        throw new UnsupportedOperationException("a task's result comes from its body; setResult is not allowed");
    }

    /** Tasks are completed by their bodies; completing one from outside is refused. */
    @Override
    public void setException(Throwable failure) {
        throw new UnsupportedOperationException("a task's exception comes from its body; setException is not allowed");
    }

    @Override
    void exceptionRetrieved() {
        loop.tasks.retrieved(this);
    }

    /** Called by {@link Future#await()}: parks the current task until {@code future} is done. */
    static void suspendCurrentOn(Future<?> future) {
        Task<?> task = current();
        if (task == null) {
            throw new IllegalStateException("await() called outside a task: only a task can be suspended; "
                    + "start one with loop.createTask(...) or run the future with loop.runUntilComplete(...)");
        }
        if (future.loop != task.loop) {
            throw new IllegalStateException("task '" + task.name + "' awaited a future that belongs to another loop");
        }
        task.park(future);
    }

    /** Called by {@link Async#sleep} with zero delay: lets every other ready callback run, then resumes. */
    static void yieldCurrent() {
        Task<?> task = current();
        if (task == null) {
            throw new IllegalStateException("sleep() called outside a task: only a task can be suspended");
        }
        task.deliverPendingCancellation();
        task.loop.schedule(task.stepper);
        TaskContinuation.suspend();
        task.deliverPendingCancellation();
    }

    private void park(Future<?> future) {
        // A cancel() that arrived while this step ran is delivered here, before anything could wake us later.
        deliverPendingCancellation();
        waitingOn = future;
        future.addCallbackEntry(this);
        try {
            TaskContinuation.suspend();
            deliverPendingCancellation();
        } finally {
            waitingOn = null;
        }
    }

    private void deliverPendingCancellation() {
        if (mustCancel) {
            deliverCancellation();
        }
    }

    private void deliverCancellation() {
        mustCancel = false;
        if (waitingOn != null) {
            waitingOn.removeCallbackEntry(this);
        }
        throw new CancelledException(pendingCancelMessage);
    }

    private void step() {
        if (done()) {
            return;
        }
        if (!started && mustCancel) {
            // Cancelled before its first step: the body never runs, as in asyncio.
            finishCancelled(pendingCancelMessage);
            loop.tasks.finished(this, null);
            return;
        }
        started = true;
        continuation.resume();
    }

    /** The task's next step as a callback; named so that slow-callback reports name the task. */
    private final class Step implements Runnable {
        @Override
        public void run() {
            step();
        }

        @Override
        public String toString() {
            return "step of task '" + name + "'";
        }
    }

    private void runBody(Coroutine<T> body) {
        T value;
        try {
            value = body.run();
        } catch (CancelledException e) {
            finishCancelled(e.getMessage());
            loop.tasks.finished(this, null);
            return;
        } catch (Throwable failure) {
            finish(null, failure);
            loop.tasks.finished(this, failure);
            return;
        }
        if (mustCancel) {
            // Cancelled while on its last step, with no await left to deliver it at.
            finishCancelled(pendingCancelMessage);
            loop.tasks.finished(this, null);
        } else {
            finish(value, null);
            loop.tasks.finished(this, null);
        }
    }

    @Override
    public String toString() {
        return "Task[" + name + ", " + describeState() + "]";
    }
}
