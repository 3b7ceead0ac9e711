package dev.eddy.torrent.tracker;

import java.time.Duration;
import java.util.Objects;

/**
 * How Eddy talks to trackers: a limit on every step, so that no tracker, however slow or hostile,
 * can hold a task or memory for long.
 *
 * @param connectTimeout how long a TCP connection (name lookup included) may take
 * @param headTimeout how long an HTTP reply's status line and headers may take after the request
 * @param bodyTimeout how long an HTTP reply's body may take after its headers
 * @param maxReplyBytes the largest HTTP body accepted, before and after gzip inflation; a larger one
 *     is cut off and rejected as {@link TrackerException.Malformed}
 * @param maxRedirects how many HTTP redirects are followed
 * @param udpFirstTimeout how long the first UDP request waits for its reply; each retransmission
 *     waits twice as long as the one before (BEP 15 says 15 s)
 * @param udpAttempts how many times a UDP request is sent before the tracker counts as unreachable
 *     (BEP 15 allows 9, which adds up to an hour; the default stops after two minutes)
 * @param udpConnectionIdLifetime how long a UDP connection id is reused (BEP 15 says 60 s)
 */
public record TrackerOptions(Duration connectTimeout, Duration headTimeout, Duration bodyTimeout, int maxReplyBytes,
                             int maxRedirects, Duration udpFirstTimeout, int udpAttempts,
                             Duration udpConnectionIdLifetime) {

    /** 10 s to connect, 15 s each for the head and the body, 1 MiB replies, 3 redirects; UDP 15 s × 3 tries. */
    public static final TrackerOptions DEFAULTS = new TrackerOptions(Duration.ofSeconds(10), Duration.ofSeconds(15),
            Duration.ofSeconds(15), 1 << 20, 3, Duration.ofSeconds(15), 3, Duration.ofSeconds(60));

    /** Checks that every limit is positive. */
    public TrackerOptions {
        positive(connectTimeout, "connectTimeout");
        positive(headTimeout, "headTimeout");
        positive(bodyTimeout, "bodyTimeout");
        positive(udpFirstTimeout, "udpFirstTimeout");
        positive(udpConnectionIdLifetime, "udpConnectionIdLifetime");
        if (maxReplyBytes < 1 || maxRedirects < 0 || udpAttempts < 1) {
            throw new IllegalArgumentException("maxReplyBytes and udpAttempts must be positive and maxRedirects"
                    + " not negative: " + maxReplyBytes + ", " + udpAttempts + ", " + maxRedirects);
        }
    }

    /** These options with every HTTP step limited to {@code timeout}. */
    public TrackerOptions withHttpTimeouts(Duration timeout) {
        return new TrackerOptions(timeout, timeout, timeout, maxReplyBytes, maxRedirects, udpFirstTimeout, udpAttempts,
                udpConnectionIdLifetime);
    }

    /** These options with replies capped at {@code bytes}. */
    public TrackerOptions withMaxReplyBytes(int bytes) {
        return new TrackerOptions(connectTimeout, headTimeout, bodyTimeout, bytes, maxRedirects, udpFirstTimeout,
                udpAttempts, udpConnectionIdLifetime);
    }

    /** These options following at most {@code redirects} HTTP redirects. */
    public TrackerOptions withMaxRedirects(int redirects) {
        return new TrackerOptions(connectTimeout, headTimeout, bodyTimeout, maxReplyBytes, redirects, udpFirstTimeout,
                udpAttempts, udpConnectionIdLifetime);
    }

    /** These options with the UDP retransmission schedule {@code firstTimeout × 2^n}, {@code attempts} sends. */
    public TrackerOptions withUdpSchedule(Duration firstTimeout, int attempts) {
        return new TrackerOptions(connectTimeout, headTimeout, bodyTimeout, maxReplyBytes, maxRedirects, firstTimeout,
                attempts, udpConnectionIdLifetime);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
