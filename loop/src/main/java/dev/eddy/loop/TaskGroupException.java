package dev.eddy.loop;

import java.io.Serial;
import java.util.List;

/**
 * Thrown by {@link TaskGroup#run} when one or more of the group's tasks (or its body) failed: every
 * failure, in the order they happened. Each is also attached as a suppressed exception, so stack
 * traces show them all.
 */
public class TaskGroupException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<Throwable> exceptions;

    /** A group failure carrying {@code exceptions}, which must not be empty. */
    public TaskGroupException(List<Throwable> exceptions) {
        super(summary(exceptions), exceptions.getFirst());
        this.exceptions = List.copyOf(exceptions);
        exceptions.forEach(this::addSuppressed);
    }

    /** Every failure, in the order they happened. */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    private static String summary(List<Throwable> exceptions) {
        return exceptions.size() == 1
                ? "a task in the group failed: " + exceptions.getFirst()
                : exceptions.size() + " tasks in the group failed; the first: " + exceptions.getFirst();
    }
}
