package dev.eddy.loop.examples;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Task;
import dev.eddy.loop.WaitMode;
import dev.eddy.loop.WaitResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A response that would be nicer with our address in it, but must not wait long for it: the
 * lookups get {@code -t} seconds (0.01 by default) through {@code wait}'s timeout, and whatever has
 * not answered by then is cancelled. With the default the answer says "not available"; with
 * {@code -t 5} it carries the address from the quickest service.
 *
 * <pre>loop/examples/run WaitTimeout [-t SECONDS] [--seed N]</pre>
 */
public final class WaitTimeout {
    static final List<IpLookupService> SERVICES = List.of(
            IpLookupService.answering("ip-api", "query", Duration.ofMillis(1500)),
            IpLookupService.answering("ipify", "ip", Duration.ofMillis(1500)));

    private WaitTimeout() {}

    /** Runs the example on {@code loop}, then closes it; the output goes to {@code out}. */
    public static void run(EventLoop loop, Duration timeout, Random random, Consumer<String> out) {
        out.accept("Using a " + timeout.toMillis() / 1000.0 + " s timeout");
        ExampleLoop.runAndClose(loop, out, () -> {
            List<Task<String>> lookups = SERVICES.stream()
                    .map(service -> loop.createTask(service.name(), () -> service.fetchIpReporting(random, out)))
                    .toList();
            WaitResult<Task<String>> answered = Async.wait(lookups, WaitMode.FIRST_COMPLETED, timeout);
            for (Task<String> late : answered.pending()) {
                late.cancel("timed out");
            }
            Map<String, String> response = new LinkedHashMap<>();
            response.put("message", "Result from asynchronous.");
            response.put("ip", answered.done().isEmpty() ? "not available" : answered.done().iterator().next().result());
            out.accept(response.toString());
            Async.wait(lookups, WaitMode.ALL_COMPLETED, null);
            return response;
        });
    }

    /** {@code [-t SECONDS] [--seed N]} */
    public static void main(String[] args) {
        Duration timeout = Duration.ofMillis(Math.round(Double.parseDouble(ExampleArgs.option(args, "-t", "0.01")) * 1000));
        run(new EventLoop(), timeout, ExampleArgs.random(args), System.out::println);
    }
}
