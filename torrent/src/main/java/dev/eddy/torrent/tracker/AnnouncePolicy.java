package dev.eddy.torrent.tracker;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When an {@link AnnounceScheduler} announces: bounds on the interval a tracker asks for, the
 * backoff after failures, and how long the {@code stopped} announce may delay shutdown.
 *
 * @param shortestInterval the least time between regular announces, whatever a tracker says
 *     (a hostile {@code interval} of 0 must not become a busy loop)
 * @param longestInterval the most time between regular announces
 * @param firstBackoff the wait after a tracker's first failure; it doubles with each further one
 * @param longestBackoff the most a tracker is left alone after failures
 * @param jitter the fraction, 0 to 1, by which each backoff is randomly shortened, so that many
 *     clients do not retry a recovering tracker in step
 * @param stopTimeout how long the {@code stopped} announces may take at shutdown, all together
 * @param numWant how many peers to ask for; -1 for the tracker's default
 */
public record AnnouncePolicy(Duration shortestInterval, Duration longestInterval, Duration firstBackoff,
                             Duration longestBackoff, double jitter, Duration stopTimeout, int numWant) {

    /** 60 s to 2 h between announces; backoff from 15 s doubling to 30 min with 25 % jitter; 5 s to stop; 50 peers. */
    public static final AnnouncePolicy DEFAULTS = new AnnouncePolicy(Duration.ofSeconds(60), Duration.ofHours(2),
            Duration.ofSeconds(15), Duration.ofMinutes(30), 0.25, Duration.ofSeconds(5), 50);

    /** Checks the bounds. */
    public AnnouncePolicy {
        Objects.requireNonNull(shortestInterval, "shortestInterval");
        Objects.requireNonNull(longestInterval, "longestInterval");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(longestBackoff, "longestBackoff");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (shortestInterval.isNegative() || longestInterval.compareTo(shortestInterval) < 0
                || firstBackoff.isNegative() || firstBackoff.isZero() || longestBackoff.compareTo(firstBackoff) < 0
                || !(jitter >= 0 && jitter <= 1) || stopTimeout.isNegative() || stopTimeout.isZero()) {
            throw new IllegalArgumentException("inconsistent announce policy: intervals " + shortestInterval + " to "
                    + longestInterval + ", backoff " + firstBackoff + " to " + longestBackoff + ", jitter " + jitter
                    + ", stop timeout " + stopTimeout);
        }
    }

    /** The wait before the next announce, from what the tracker asked, within the bounds. */
    public Duration interval(AnnounceResponse response) {
        Duration asked = response.minInterval() != null && response.minInterval().compareTo(response.interval()) > 0
                ? response.minInterval() : response.interval();
        return clamp(asked, shortestInterval, longestInterval);
    }

    /**
     * The wait after the {@code failures}-th failure in a row: {@code firstBackoff × 2^(failures-1)},
     * at most {@code longestBackoff}, shortened by up to {@code jitter} of itself at random.
     */
    public Duration backoff(int failures, RandomGenerator random) {
        if (failures < 1) {
            throw new IllegalArgumentException("backoff is for one failure or more, not " + failures);
        }
        long longest = longestBackoff.toNanos();
        long nanos = firstBackoff.toNanos();
        for (int i = 1; i < failures && nanos < longest; i++) {
            nanos = nanos > longest / 2 ? longest : nanos * 2;
        }
        nanos = Math.min(nanos, longest);
        return Duration.ofNanos(nanos - (long) (nanos * jitter * random.nextDouble()));
    }

    private static Duration clamp(Duration value, Duration low, Duration high) {
        return value.compareTo(low) < 0 ? low : value.compareTo(high) > 0 ? high : value;
    }
}
