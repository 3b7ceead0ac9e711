package dev.eddy.loop.examples;

import dev.eddy.loop.EventLoop;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The loop with callbacks alone, no tasks. First a callback that stops the loop it runs on; then
 * one that reschedules itself every second, with {@code stop} scheduled for 2.5 seconds in: it
 * says hello at 0, 1 and 2 seconds, and the loop stops before the fourth.
 *
 * <pre>loop/examples/run CallLaterAndStop</pre>
 */
public final class CallLaterAndStop {
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration STOP_AFTER = Duration.ofMillis(2500);

    private CallLaterAndStop() {}

    /** Runs the example on {@code loop}, then closes it; the output goes to {@code out}. */
    public static void run(EventLoop loop, Consumer<String> out) {
        ExampleLoop.printDiagnostics(loop, out);
        try (loop) {
            loop.callSoon(() -> {
                out.accept("hello, and stop");
                loop.stop();
            });
            loop.runForever();

            Elapsed clock = Elapsed.since(loop);
            helloEverySecond(loop, clock, out);
            loop.callLater(STOP_AFTER, loop::stop);
            out.accept("starting event loop");
            loop.runForever();
            out.accept("loop stopped at " + clock.seconds(1) + " s");
        }
    }

    private static void helloEverySecond(EventLoop loop, Elapsed clock, Consumer<String> out) {
        out.accept("hello at " + clock.seconds(1) + " s");
        loop.callLater(PERIOD, () -> helloEverySecond(loop, clock, out));
    }

    /** No arguments. */
    public static void main(String[] args) {
        run(new EventLoop(), System.out::println);
    }
}
