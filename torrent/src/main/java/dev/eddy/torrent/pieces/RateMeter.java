package dev.eddy.torrent.pieces;

import java.time.Duration;

/**
 * A transfer rate, smoothed by exponential decay: every byte counts toward the rate with a weight
 * that falls by a factor e every time constant. A steady flow of r bytes per second reads as r
 * after a few time constants; a stopped flow fades toward zero over the same span.
 *
 * <p>O(1) per sample and no allocation. Times are loop time in nanoseconds. Used on one thread;
 * not thread-safe.
 */
public final class RateMeter {
    private final double timeConstantNanos;
    /** The decayed sum of bytes, divided by the time constant in seconds: bytes per second at {@link #at}. */
    private double rate;
    private long at;
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
        rate = rate(now) + bytes * (1e9 / timeConstantNanos);
        at = now;
        started = true;
    }

    /**
     * Reads the rate.
     *
     * @param now the loop time
     * @return bytes per second
     */
    public double rate(long now) {
        if (!started || now <= at) {
            return rate;
        }
        return rate * Math.exp(-(now - at) / timeConstantNanos);
    }
}
