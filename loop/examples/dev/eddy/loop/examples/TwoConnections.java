package dev.eddy.loop.examples;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import java.time.Duration;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Two "connections" open at once on one thread. Each connects (a simulated handshake of up to
 * 50 ms), pretends to work for 0 to 5 seconds, and closes; run it a few times and the order in
 * which they close changes with the random work times.
 *
 * <pre>loop/examples/run TwoConnections [--seed N]</pre>
 */
public final class TwoConnections {
    private static final int MAX_WORK_SECONDS = 5;
    private static final Duration MAX_HANDSHAKE = Duration.ofMillis(50);

    private TwoConnections() {}

    /** Runs the example on {@code loop}, then closes it; the output goes to {@code out}. */
    public static void run(EventLoop loop, Random random, Consumer<String> out) {
        ExampleLoop.runAndClose(loop, out, () -> Async.gather(
                loop.createTask(() -> doStuff("192.0.2.53", random, out)),
                loop.createTask(() -> doStuff("198.51.100.53", random, out))).await());
    }

    private static Void doStuff(String host, Random random, Consumer<String> out) {
        out.accept("About to open a connection to " + host);
        Async.sleep(Duration.ofMillis(random.nextLong(MAX_HANDSHAKE.toMillis() + 1)));
        out.accept("Connection open to " + host);
        int work = random.nextInt(MAX_WORK_SECONDS + 1);
        Async.sleep(Duration.ofSeconds(work));
        out.accept("Closed connection to " + host + " after " + work + " s of work");
        return null;
    }

    /** {@code [--seed N]} */
    public static void main(String[] args) {
        run(new EventLoop(), ExampleArgs.random(args), System.out::println);
    }
}
