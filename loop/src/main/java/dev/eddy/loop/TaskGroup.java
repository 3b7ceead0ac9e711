package dev.eddy.loop;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Structured concurrency, like asyncio's {@code TaskGroup}: tasks started in a group cannot outlive
 * it. {@link #run} returns only when every task of the group is done. The first failure cancels
 * the other tasks and the body, and the group then throws every failure together.
 *
 * <pre>{@code
 * TaskGroup.run(group -> {
 *     for (Peer peer : peers) {
 *         group.createTask(peer.name(), () -> peer.serve());
 *     }
 *     return null;
 * });
 * }</pre>
 */
public final class TaskGroup {

    /** The body of a group: it starts the group's tasks and may do work of its own. */
    @FunctionalInterface
    public interface Body<T> {
        /** Runs with {@code group} open for new tasks. */
        T run(TaskGroup group) throws Exception;
    }

    private final Task<?> parent;
    private final Set<Task<?>> running = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private boolean aborting;
    private boolean exiting;
    private boolean finished;
    private boolean parentCancelRequested;
    private Future<Void> allDone;

    private TaskGroup(Task<?> parent) {
        this.parent = parent;
    }

    /**
     * Runs {@code body} with a new group, then waits for every task it started.
     *
     * @return the body's result, once all the group's tasks are done
     * @throws TaskGroupException if the body or any task failed (cancellations are not failures)
     * @throws CancelledException if the calling task was cancelled from outside
     */
    public static <T> T run(Body<T> body) {
        Task<?> parent = Async.currentTask("TaskGroup.run");
        TaskGroup group = new TaskGroup(parent);
        int cancellingBefore = parent.cancelling();
        T result = null;
        Throwable bodyFailure = null;
        try {
            result = body.run(group);
        } catch (Throwable t) {
            bodyFailure = t;
        }
        return group.exit(result, bodyFailure, cancellingBefore);
    }

    /**
     * Starts a task in the group.
     *
     * @throws IllegalStateException if the group has finished, or is shutting down after a failure
     */
    public <T> Task<T> createTask(String name, Coroutine<T> body) {
        if (finished) {
            throw new IllegalStateException("this task group has finished; it takes no new tasks");
        }
        if (exiting && running.isEmpty()) {
            throw new IllegalStateException("this task group is finishing; it takes no new tasks");
        }
        if (aborting) {
            throw new IllegalStateException("this task group is shutting down after a failure; it takes no new tasks");
        }
        Task<T> task = parent.loop.createTask(name, body);
        running.add(task);
        task.addDoneCallback(this::childDone);
        return task;
    }

    /** {@link #createTask(String, Coroutine)} with a generated name. */
    public <T> Task<T> createTask(Coroutine<T> body) {
        return createTask("TaskGroup-child-" + (running.size() + 1) + "-of-" + parent.name(), body);
    }

    /** {@link #createTask(String, Coroutine)} for a body without a result. */
    public Task<Void> createTask(String name, VoidCoroutine body) {
        return createTask(name, body.asCoroutine());
    }

    private <T> T exit(T result, Throwable bodyFailure, int cancellingBefore) {
        exiting = true;
        boolean cancelledFromOutside = false;
        if (bodyFailure instanceof CancelledException) {
            if (parentCancelRequested && parent.uncancel() <= cancellingBefore) {
                parentCancelRequested = false; // our own abort cancelled the body: not a cancellation from outside
            } else {
                cancelledFromOutside = true;
            }
            bodyFailure = null;
        }
        if (bodyFailure != null) {
            errors.add(bodyFailure);
            abort();
        }
        while (!running.isEmpty()) {
            allDone = parent.loop.createFuture();
            try {
                allDone.await();
            } catch (CancelledException e) {
                // Cancelled from outside while waiting for the children: stop them, and keep waiting.
                if (!parentCancelRequested || parent.uncancel() > cancellingBefore) {
                    cancelledFromOutside = true;
                }
                parentCancelRequested = false;
                abort();
            }
        }
        finished = true;
        if (parentCancelRequested) {
            // A child failed after the body returned; the cancel meant for the body found nothing to wake.
            parent.uncancel();
        }
        if (cancelledFromOutside && errors.isEmpty()) {
            throw new CancelledException("the task group's parent was cancelled");
        }
        if (!errors.isEmpty()) {
            throw new TaskGroupException(errors);
        }
        return result;
    }

    private void childDone(Future<?> child) {
        running.remove((Task<?>) child);
        if (allDone != null && running.isEmpty() && !allDone.done()) {
            allDone.setResult(null);
        }
        if (child.cancelled()) {
            return;
        }
        Throwable failure = child.exception();
        if (failure == null) {
            return;
        }
        errors.add(failure);
        if (!aborting) {
            abort();
            if (!exiting && !parentCancelRequested) {
                // Wake the body out of whatever it awaits, so the group can wind down.
                parentCancelRequested = true;
                parent.cancel("a task in its group failed");
            }
        }
    }

    private void abort() {
        aborting = true;
        for (Task<?> task : List.copyOf(running)) {
            task.cancel("another task in the group failed");
        }
    }
}
