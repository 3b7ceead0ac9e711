package dev.eddy.loop;

/**
 * The body of a {@link Task} that produces no value; the task's result is {@code null}.
 *
 * @see Coroutine
 */
@FunctionalInterface
public interface VoidCoroutine {
    /** Runs the body inside a task. Any exception fails the task. */
    void run() throws Exception;

    /** This body as a {@link Coroutine} whose result is {@code null}. */
    default Coroutine<Void> asCoroutine() {
        return () -> {
            run();
            return null;
        };
    }
}
