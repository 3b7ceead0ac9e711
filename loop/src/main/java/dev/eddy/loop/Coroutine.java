package dev.eddy.loop;

/**
 * The body of a {@link Task} that produces a value: ordinary sequential code that may call
 * {@link Future#await()} to suspend until a future is done.
 *
 * @param <T> the type of the task's result
 */
@FunctionalInterface
public interface Coroutine<T> {
    /** Runs the body inside a task and returns its result. Any exception fails the task. */
    T run() throws Exception;
}
