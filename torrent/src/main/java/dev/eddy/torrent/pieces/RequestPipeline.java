package dev.eddy.torrent.pieces;

import java.time.Duration;

/**
 * How many block requests to keep outstanding at one peer, from its measured rate and round trip.
 *
 * <p>The target is
 * <pre>
 *   target = clamp(ceil(rate × (queueTime + rtt) / 16 KiB), 4, 500)
 * </pre>
 * where {@code rate} is the peer's download rate ({@link RateMeter}, time constant 1 s, which is
 * the smoothing), {@code rtt} the smallest request-to-block latency seen in the last 10 s (the
 * smallest, because every other sample includes time queued behind earlier requests), and
 * {@code queueTime} the time's worth of data to keep asked for beyond one round trip (1 s by
 * default; libtorrent keeps 3 s). Keeping {@code rate × rtt} bytes in flight keeps the link busy;
 * the extra {@code queueTime} lets the rate, and so the target, grow: each full pipeline returns
 * blocks faster than the last, so a fast loopback peer goes from 4 to 500 within milliseconds.
 * The floor of 4 keeps a new or slow peer busy; the cap of 500 (8 MiB) bounds what one peer holds.
 *
 * <p>Used on one thread; not thread-safe.
 */
public final class RequestPipeline {
    /** The fewest requests kept outstanding. */
    public static final int MIN = 4;
    /** The most requests kept outstanding. */
    public static final int MAX = 500;

    private static final long RTT_WINDOW_NANOS = 10_000_000_000L;

    private final long queueTimeNanos;
    private final RateMeter rate = new RateMeter(Duration.ofSeconds(1));
    private long rttNanos = -1;
    private long previousWindowRtt = -1;
    private long windowStart;

    /** A pipeline keeping 1 s of data queued beyond the round trip. */
    public RequestPipeline() {
        this(Duration.ofSeconds(1));
    }

    /**
     * Creates a pipeline.
     *
     * @param queueTime the time's worth of data to keep requested beyond one round trip
     */
    public RequestPipeline(Duration queueTime) {
        if (queueTime.isNegative() || queueTime.isZero()) {
            throw new IllegalArgumentException("queue time " + queueTime);
        }
        this.queueTimeNanos = queueTime.toNanos();
    }

    /**
     * Counts a block that arrived.
     *
     * @param bytes its length
     * @param latencyNanos how long after its request it came ({@code now - requestedAt})
     * @param now the loop time
     */
    public void blockReceived(int bytes, long latencyNanos, long now) {
        rate.add(bytes, now);
        if (now - windowStart >= RTT_WINDOW_NANOS) {
            previousWindowRtt = rttNanos;
            rttNanos = -1;
            windowStart = now;
        }
        if (latencyNanos >= 0 && (rttNanos < 0 || latencyNanos < rttNanos)) {
            rttNanos = latencyNanos;
        }
    }

    /**
     * Returns how many requests to keep outstanding now.
     *
     * @param now the loop time
     * @return 4 to 500
     */
    public int target(long now) {
        double seconds = (queueTimeNanos + Math.max(roundTripNanos(), 0)) / 1e9;
        double blocks = Math.ceil(rate.rate(now) * seconds / Block.SIZE);
        return (int) Math.max(MIN, Math.min(MAX, blocks));
    }

    /** {@return the round-trip estimate in nanoseconds, or -1 before the first block} */
    public long roundTripNanos() {
        if (rttNanos < 0) {
            return previousWindowRtt;
        }
        return previousWindowRtt < 0 ? rttNanos : Math.min(rttNanos, previousWindowRtt);
    }

    /**
     * Reads the measured download rate.
     *
     * @param now the loop time
     * @return bytes per second
     */
    public double rate(long now) {
        return rate.rate(now);
    }
}
