package dev.eddy.loop.examples;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Two tasks, gr1 and gr2, wait two seconds on slow "requests"; while they are blocked, a third task
 * gets its work done. Everything starts at 0.0 seconds and the blocked pair ends at 2.0, not 4.0.
 *
 * <pre>loop/examples/run BlockedTasks</pre>
 */
public final class BlockedTasks {
    private static final Duration REQUEST = Duration.ofSeconds(2);
    private static final Duration OTHER_WORK = Duration.ofSeconds(1);

    private BlockedTasks() {}

    /** Runs the example on {@code loop}, then closes it; the output goes to {@code out}. */
    public static void run(EventLoop loop, Consumer<String> out) {
        ExampleLoop.runAndClose(loop, out, () -> {
            Elapsed clock = Elapsed.since(loop);
            return Async.gather(
                    loop.createTask("gr1", () -> blockedRequest("gr1", clock, out)),
                    loop.createTask("gr2", () -> blockedRequest("gr2", clock, out)),
                    loop.createTask("gr3", () -> {
                        out.accept("Let's do some stuff while the coroutines are blocked, at " + clock.seconds(1) + " seconds");
                        Async.sleep(OTHER_WORK);
                        out.accept("Done! at " + clock.seconds(1) + " seconds");
                    })).await();
        });
    }

    private static void blockedRequest(String name, Elapsed clock, Consumer<String> out) {
        out.accept(name + " started work: at " + clock.seconds(1) + " seconds");
        Async.sleep(REQUEST);
        out.accept(name + " ended work: at " + clock.seconds(1) + " seconds");
    }

    /** No arguments. */
    public static void main(String[] args) {
        run(new EventLoop(), System.out::println);
    }
}
