package dev.eddy.torrent.peer;

import java.time.Duration;

/**
 * Bytes per second over a sliding window of loop time, kept in a ring of buckets so that adding
 * costs no allocation. Feeds the choker (who gives us most) and the request pipeline (how much to
 * ask for). Before a whole window has passed, the rate is taken over the time since the meter
 * started, so a new fast peer does not look slow.
 */
public final class RateMeter {
    private static final int BUCKETS = 20;

    private final long bucketNanos;
    private final long[] buckets = new long[BUCKETS];
    private final long startedAt;
    /** The bucket number (time / bucketNanos) of the newest bucket. */
    private long current;
    private long total;

    /**
     * A meter that starts now.
     *
     * @param window how far back the rate looks
     * @param now the loop time now, in nanoseconds
     */
    public RateMeter(Duration window, long now) {
        this.bucketNanos = Math.max(1, window.toNanos() / BUCKETS);
        this.startedAt = now;
        this.current = Math.floorDiv(now, bucketNanos);
    }

    /**
     * Counts bytes moved.
     *
     * @param now the loop time now
     * @param bytes how many
     */
    public void add(long now, long bytes) {
        advance(now);
        buckets[(int) Math.floorMod(current, BUCKETS)] += bytes;
        total += bytes;
    }

    /**
     * The rate over the window.
     *
     * @param now the loop time now
     * @return bytes per second
     */
    public double rate(long now) {
        advance(now);
        long sum = 0;
        for (long bucket : buckets) {
            sum += bucket;
        }
        // The window covers the BUCKETS - 1 full buckets before the current one, and the current one so far.
        long windowNanos = (BUCKETS - 1) * bucketNanos + (now - current * bucketNanos);
        long span = Math.max(1, Math.min(windowNanos, now - startedAt));
        return sum * 1e9 / span;
    }

    /** {@return every byte counted since the meter started} */
    public long total() {
        return total;
    }

    private void advance(long now) {
        long bucket = Math.floorDiv(now, bucketNanos);
        if (bucket <= current) {
            return;
        }
        long stale = Math.min(bucket - current, BUCKETS);
        for (long i = 1; i <= stale; i++) {
            buckets[(int) Math.floorMod(current + i, BUCKETS)] = 0;
        }
        current = bucket;
    }
}
