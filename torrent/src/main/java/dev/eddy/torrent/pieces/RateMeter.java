package dev.eddy.torrent.pieces;

import java.time.Duration;

/**
 * A transfer rate, smoothed by exponential decay: every byte counts toward the rate with a weight
 * that falls by a factor e every time constant. A steady flow of r bytes per second reads as r
 * after a few time constants; a stopped flow fades toward zero over the same span.
 *
 * <p>A meter that started from nothing would under-read for its first few time constants, since the
 * decayed sum still carries the zero it began with; the reading divides that start out, so a steady
 * flow reads right from its first second (a download's progress line would otherwise show a fraction
 * of the real rate for as long as a short download lasts).
 *
 * <p>O(1) per sample and no allocation. Times are loop time in nanoseconds. Used on one thread;
 * not thread-safe.
 */
public final class RateMeter {
    private final double timeConstantNanos;
    /** The decayed sum of bytes, divided by the time constant in seconds: bytes per second at {@link #at}. */
    private double rate;
    private long at;
    /** When the first bytes were counted. */
    private long since;
    private boolean started;

    /**
     * Creates a meter reading zero.
     *
     * @param timeConstant how fast old bytes stop counting: short reacts fast, long reads steadier
     */
    public RateMeter(Duration timeConstant) {
        if (timeConstant.isNegative() || timeConstant.isZero()) {
            throw new IllegalArgumentException("time constant " + timeConstant);
        }
        this.timeConstantNanos = timeConstant.toNanos();
    }

    /**
     * Counts bytes moved now.
     *
     * @param bytes how many
     * @param now the loop time
     */
    public void add(long bytes, long now) {
        if (!started) {
            since = now;
            started = true;
        }
        rate = decayed(now) + bytes * (1e9 / timeConstantNanos);
        at = now;
    }

    /**
     * Reads the rate.
     *
     * @param now the loop time
     * @return bytes per second
     */
    public double rate(long now) {
        if (!started) {
            return 0;
        }
        // The share of a steady flow's full reading that has built up since the first sample; a tenth of
        // a time constant at least, so that the very first sample does not read as an infinite rate.
        double elapsed = Math.max(Math.max(now, at) - since, timeConstantNanos / 10);
        return decayed(now) / -Math.expm1(-elapsed / timeConstantNanos);
    }

    private double decayed(long now) {
        if (now <= at) {
            return rate;
        }
        return rate * Math.exp(-(now - at) / timeConstantNanos);
    }
}
