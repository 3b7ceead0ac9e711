package dev.eddy.loop.examples;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Outcome;
import dev.eddy.loop.Task;
import dev.eddy.loop.WaitMode;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Exceptions from tasks run together. Three services are asked for our address: one answers, one
 * cannot be reached (an expected failure, handled inside the task), and one answers without the
 * field we read (an unexpected failure, which escapes the task).
 *
 * <p>With {@code retrieved} (the default), the results are gathered as outcomes and the unexpected
 * error is printed where the results are read. With {@code ignored}, the tasks are only waited for
 * and their results never read; the loop then reports "Task exception was never retrieved".
 *
 * <pre>loop/examples/run GatheredExceptions [retrieved|ignored] [--seed N]</pre>
 */
public final class GatheredExceptions {
    static final List<IpLookupService> SERVICES = List.of(
            IpLookupService.answering("ip-api", "query", Duration.ofMillis(800)),
            IpLookupService.unreachable("borken", Duration.ofMillis(800)),
            new IpLookupService("ipify", "this-is-not-a-field", Map.of("ip", IpLookupService.ADDRESS),
                    Duration.ofMillis(800)));

    /** Whether the example reads what the tasks ended with. */
    public enum Mode {
        /** Read every outcome, failures included. */
        RETRIEVED,
        /** Wait for the tasks but never look at them. */
        IGNORED
    }

    private GatheredExceptions() {}

    /** Runs the example on {@code loop}, then closes it; the output goes to {@code out}. */
    public static void run(EventLoop loop, Mode mode, Random random, Consumer<String> out) {
        ExampleLoop.runAndClose(loop, out, () -> {
            switch (mode) {
                case RETRIEVED -> {
                    for (Outcome<String> outcome : Async.gatherOutcomes(startRequests(loop, random, out)).await()) {
                        switch (outcome) {
                            case Outcome.Success<String> success -> out.accept("Result: " + success.value());
                            case Outcome.Failure<String> failure -> out.accept("Unexpected error: " + failure.exception());
                        }
                    }
                }
                case IGNORED -> Async.wait(startRequests(loop, random, out), WaitMode.ALL_COMPLETED, null);
            }
            return null;
        });
    }

    private static List<Task<String>> startRequests(EventLoop loop, Random random, Consumer<String> out) {
        return SERVICES.stream()
                .map(service -> loop.createTask(service.name(), () -> fetchIp(service, random, out)))
                .toList();
    }

    private static String fetchIp(IpLookupService service, Random random, Consumer<String> out) {
        try {
            return service.fetchIpReporting(random, out);
        } catch (ConnectException expected) {
            out.accept(service.name() + " is unresponsive");
            return "not available";
        }
    }

    /** {@code [retrieved|ignored] [--seed N]} */
    public static void main(String[] args) {
        Mode mode = args.length > 0 && !args[0].startsWith("--") ? Mode.valueOf(args[0].toUpperCase(Locale.ROOT))
                : Mode.RETRIEVED;
        run(new EventLoop(), mode, ExampleArgs.random(args), System.out::println);
    }
}
