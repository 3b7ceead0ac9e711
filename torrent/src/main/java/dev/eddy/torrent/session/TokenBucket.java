package dev.eddy.torrent.session;

/**
 * A token bucket: tokens (bytes) accrue at a steady rate up to a burst size, and each transfer
 * takes its size in tokens.
 *
 * <p>A transfer larger than the burst may go when the bucket is full, leaving it in debt: the
 * tokens go negative and the refill pays the debt first. So any size passes eventually, and the
 * long-run rate still holds.
 *
 * <p>Times are loop time in nanoseconds ({@code EventLoop.time()}). A new bucket is full. An
 * {@linkplain #unlimited() unlimited} bucket grants everything at once and does no arithmetic.
 * Used on one thread; not thread-safe.
 */
public final class TokenBucket {
    private static final long UNSET = Long.MIN_VALUE;

    private boolean unlimited;
    private double rate;
    private double burst;
    private double tokens;
    private long last = UNSET;

    /**
     * Creates a full bucket.
     *
     * @param bytesPerSecond the refill rate, at least 1
     * @param burst the most tokens it holds, at least 1
     */
    public TokenBucket(long bytesPerSecond, long burst) {
        setRate(bytesPerSecond, burst);
    }

    private TokenBucket() {
        unlimited = true;
    }

    /** {@return a bucket that never limits} */
    public static TokenBucket unlimited() {
        return new TokenBucket();
    }

    /**
     * Changes the rate and burst, keeping the tokens it has (up to the new burst). Turns an
     * unlimited bucket into a limited, full one.
     *
     * @param bytesPerSecond the refill rate, at least 1
     * @param burst the most tokens it holds, at least 1
     */
    public void setRate(long bytesPerSecond, long burst) {
        if (bytesPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive: " + bytesPerSecond + ", " + burst);
        }
        if (unlimited || last == UNSET) {
            tokens = burst;
        }
        this.unlimited = false;
        this.rate = bytesPerSecond;
        this.burst = burst;
        this.tokens = Math.min(tokens, burst);
    }

    /** Makes the bucket unlimited. */
    public void setUnlimited() {
        unlimited = true;
        last = UNSET;
    }

    /** {@return whether the bucket never limits} */
    public boolean isUnlimited() {
        return unlimited;
    }

    /**
     * Takes tokens if there are enough: {@code n}, or a full bucket when {@code n} is over the burst.
     *
     * @param n the bytes to move
     * @param now the loop time
     * @return whether they were taken; if not, nothing was
     */
    public boolean tryTake(long n, long now) {
        if (unlimited) {
            return true;
        }
        if (nanosUntil(n, now) > 0) {
            return false;
        }
        tokens -= n;
        return true;
    }

    /**
     * Tells how long until {@link #tryTake(long, long)} of {@code n} would succeed, if nothing else
     * takes tokens meanwhile.
     *
     * @param n the bytes to move
     * @param now the loop time
     * @return nanoseconds to wait, 0 if it would succeed now
     */
    public long nanosUntil(long n, long now) {
        if (unlimited) {
            return 0;
        }
        if (n < 0) {
            throw new IllegalArgumentException("negative size " + n);
        }
        refill(now);
        double missing = Math.min(n, burst) - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing * 1e9 / rate);
    }

    /**
     * Reads the tokens available.
     *
     * @param now the loop time
     * @return the tokens, negative while in debt; {@link Double#POSITIVE_INFINITY} when unlimited
     */
    public double available(long now) {
        if (unlimited) {
            return Double.POSITIVE_INFINITY;
        }
        refill(now);
        return tokens;
    }

    private void refill(long now) {
        if (last != UNSET && now > last) {
            tokens = Math.min(burst, tokens + (now - last) * rate / 1e9);
        }
        if (last == UNSET || now > last) {
            last = now;
        }
    }
}
