package dev.eddy.torrent.session;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import java.time.Duration;
import java.util.Objects;

/**
 * One direction's limit for one torrent: a transfer must fit both the client-wide bucket and the
 * torrent's own, and takes its size from both or from neither.
 *
 * <p>When both buckets are unlimited every call returns at once without reading the clock. Waiting
 * tasks are not queued: each wakes when the tokens it needs should be there and takes them if they
 * still are, so a task asking for the shared bucket often can get ahead of one that also waits on
 * its torrent's bucket. The long-run rates hold; the shares between torrents are not exactly fair.
 * Used on the loop thread; not thread-safe.
 */
public final class RateLimiter {
    private final TokenBucket global;
    private final TokenBucket torrent;

    /**
     * Combines two buckets.
     *
     * @param global the client-wide bucket, shared by every torrent's limiter for this direction
     * @param torrent this torrent's bucket
     */
    public RateLimiter(TokenBucket global, TokenBucket torrent) {
        this.global = Objects.requireNonNull(global);
        this.torrent = Objects.requireNonNull(torrent);
    }

    /** {@return a limiter that never limits} */
    public static RateLimiter unlimited() {
        return new RateLimiter(TokenBucket.unlimited(), TokenBucket.unlimited());
    }

    /**
     * Takes {@code n} bytes' worth from both buckets if both have it.
     *
     * @param n the bytes to move
     * @param now the loop time
     * @return whether they were taken
     */
    public boolean tryTake(long n, long now) {
        if (isUnlimited()) {
            return true;
        }
        if (nanosUntil(n, now) > 0) {
            return false;
        }
        global.tryTake(n, now);
        torrent.tryTake(n, now);
        return true;
    }

    /**
     * Tells how long until both buckets could give {@code n} bytes' worth.
     *
     * @param n the bytes to move
     * @param now the loop time
     * @return nanoseconds, 0 if {@link #tryTake(long, long)} would succeed now
     */
    public long nanosUntil(long n, long now) {
        return Math.max(global.nanosUntil(n, now), torrent.nanosUntil(n, now));
    }

    /**
     * Waits, inside a task on the loop, until {@code n} bytes' worth can be taken, and takes it.
     * Other tasks run while it waits. Returns at once when both buckets are unlimited.
     *
     * @param n the bytes to move
     */
    public void take(long n) {
        if (isUnlimited()) {
            return;
        }
        EventLoop loop = EventLoop.current();
        while (!tryTake(n, loop.time())) {
            Async.sleep(Duration.ofNanos(nanosUntil(n, loop.time())));
        }
    }

    /** {@return whether both buckets are unlimited} */
    public boolean isUnlimited() {
        return global.isUnlimited() && torrent.isUnlimited();
    }
}
