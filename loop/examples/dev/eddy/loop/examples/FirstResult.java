package dev.eddy.loop.examples;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Task;
import dev.eddy.loop.WaitMode;
import dev.eddy.loop.WaitResult;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Asks two services for our address at once and takes whichever answers first. The slower request
 * is cancelled and allowed to wind down before the loop closes, so the loop has nothing to warn
 * about: no task is left pending, no exception unread.
 *
 * <pre>loop/examples/run FirstResult [--seed N]</pre>
 */
public final class FirstResult {
    static final List<IpLookupService> SERVICES = List.of(
            IpLookupService.answering("ip-api", "query", Duration.ofMillis(500)),
            IpLookupService.answering("ipify", "ip", Duration.ofMillis(500)));

    private FirstResult() {}

    /** Runs the example on {@code loop}, then closes it; the output goes to {@code out}. */
    public static void run(EventLoop loop, Random random, Consumer<String> out) {
        ExampleLoop.runAndClose(loop, out, () -> {
            List<Task<String>> requests = SERVICES.stream()
                    .map(service -> loop.createTask(service.name(), () -> service.fetchIpReporting(random, out)))
                    .toList();
            WaitResult<Task<String>> first = Async.wait(requests, WaitMode.FIRST_COMPLETED, null);
            for (Task<String> slower : first.pending()) {
                slower.cancel("another service answered first");
            }
            Async.wait(requests, WaitMode.ALL_COMPLETED, null);
            for (Task<String> slower : first.pending()) {
                out.accept(slower.name() + " was cancelled: " + slower.cancelled());
            }
            return first.done().iterator().next().result();
        });
    }

    /** {@code [--seed N]} */
    public static void main(String[] args) {
        run(new EventLoop(), ExampleArgs.random(args), System.out::println);
    }
}
