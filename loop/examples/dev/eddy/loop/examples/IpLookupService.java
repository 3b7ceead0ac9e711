package dev.eddy.loop.examples;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A simulated "what is my IP address" web API, standing in for the real ones the articles call: it
 * answers after a random latency, or fails as an unreachable host does.
 *
 * @param name what to call it in the output
 * @param ipField the field of its answer that should hold the address
 * @param response the fields it answers with, or {@code null} for a host that cannot be reached
 * @param maxLatency the longest it takes to answer; each call draws a latency up to this
 */
public record IpLookupService(String name, String ipField, Map<String, String> response, Duration maxLatency) {

    /** The address every simulated service reports (from a range reserved for documentation). */
    public static final String ADDRESS = "203.0.113.7";

    /** A service that answers {@code {ipField: ADDRESS}}. */
    public static IpLookupService answering(String name, String ipField, Duration maxLatency) {
        return new IpLookupService(name, ipField, Map.of(ipField, ADDRESS), maxLatency);
    }

    /** A service whose host never accepts the connection. */
    public static IpLookupService unreachable(String name, Duration maxLatency) {
        return new IpLookupService(name, "ip", null, maxLatency);
    }

    /**
     * Asks the service for the address; called from inside a task, which it suspends for a latency
     * drawn from {@code random}.
     *
     * @throws ConnectException if the host cannot be reached
     * @throws NoSuchElementException if the answer lacks {@link #ipField}
     */
    public String fetchIp(Random random) throws ConnectException {
        Async.sleep(Duration.ofMillis(random.nextLong(maxLatency.toMillis() + 1)));
        if (response == null) {
            throw new ConnectException("connection to " + name + " refused");
        }
        String ip = response.get(ipField);
        if (ip == null) {
            throw new NoSuchElementException("no field '" + ipField + "' in the answer of " + name + ": " + response);
        }
        return ip;
    }

    /**
     * {@link #fetchIp} that tells {@code out} when it starts and, if it gets an answer, what it got
     * and how long that took in loop time.
     */
    public String fetchIpReporting(Random random, Consumer<String> out) throws ConnectException {
        out.accept("Fetching IP from " + name);
        Elapsed took = Elapsed.since(EventLoop.current());
        String ip = fetchIp(random);
        out.accept(name + " finished with result: " + ip + ", took: " + took.seconds(2) + " seconds");
        return ip;
    }
}
