package dev.eddy.loop.examples;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Two tasks hand the loop to each other: each await is a point where the loop may switch to another
 * ready task, and {@code sleep(0)} is the smallest such point. The output is always the same four
 * lines, in the same order.
 *
 * <pre>loop/examples/run ContextSwitches</pre>
 */
public final class ContextSwitches {
    private ContextSwitches() {}

    /** Runs the example on {@code loop}, then closes it; the output goes to {@code out}. */
    public static void run(EventLoop loop, Consumer<String> out) {
        ExampleLoop.runAndClose(loop, out, () -> Async.gather(
                loop.createTask("foo", () -> {
                    out.accept("Running in foo");
                    Async.sleep(Duration.ZERO);
                    out.accept("Explicit context switch to foo again");
                }),
                loop.createTask("bar", () -> {
                    out.accept("Explicit context to bar");
                    Async.sleep(Duration.ZERO);
                    out.accept("Implicit context switch back to bar");
                })).await());
    }

    /** No arguments. */
    public static void main(String[] args) {
        run(new EventLoop(), System.out::println);
    }
}
