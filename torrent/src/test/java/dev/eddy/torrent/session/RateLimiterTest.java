package dev.eddy.torrent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long MS = 1_000_000L;

    @Test
    void aTransferNeedsBothBucketsAndTakesFromBothOrNeither() {
        TokenBucket global = new TokenBucket(1000, 1000);
        TokenBucket torrent = new TokenBucket(100, 500);
        RateLimiter limiter = new RateLimiter(global, torrent);
        assertTrue(limiter.tryTake(400, 0));
        assertFalse(limiter.tryTake(200, 0), "the torrent's bucket has 100");
        assertEquals(600, global.available(0), 1e-6, "nothing taken from the global bucket on refusal");
        assertEquals(1000 * MS, limiter.nanosUntil(200, 0), "the torrent's 100 B/s decides");
        global.tryTake(600, 0);
        assertEquals(1000 * MS, limiter.nanosUntil(200, 0));
        global.tryTake(0, 0);
        assertEquals(200 * MS, new RateLimiter(global, TokenBucket.unlimited()).nanosUntil(200, 0));
    }

    @Test
    void torrentsShareTheGlobalBucket() {
        TokenBucket global = new TokenBucket(1000, 1000);
        RateLimits one = RateLimits.of(global, TokenBucket.unlimited(), TokenBucket.unlimited(), TokenBucket.unlimited());
        RateLimits two = RateLimits.of(global, TokenBucket.unlimited(), new TokenBucket(10_000, 10_000),
                TokenBucket.unlimited());
        assertTrue(one.download().tryTake(800, 0));
        assertFalse(two.download().tryTake(800, 0));
        assertTrue(two.upload().tryTake(1 << 30, 0), "upload is unlimited");
        assertTrue(two.upload().isUnlimited());
        assertFalse(two.download().isUnlimited());
    }

    @Test
    void unlimitedCostsNothingEvenOutsideALoop() {
        RateLimits limits = RateLimits.unlimited();
        limits.download().take(1 << 30);
        assertTrue(limits.upload().tryTake(Long.MAX_VALUE, 123));
        assertEquals(0, limits.upload().nanosUntil(Long.MAX_VALUE, 0));
    }

    @Test
    void tasksAwaitTheirTokensInVirtualTime() {
        TokenBucket global = new TokenBucket(100_000, 16_384);
        RateLimiter a = new RateLimiter(global, TokenBucket.unlimited());
        RateLimiter b = new RateLimiter(global, new TokenBucket(16_384, 16_384));
        List<String> log = new ArrayList<>();
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.createTask(() -> {
                for (int i = 0; i < 20; i++) {
                    a.take(16_384);
                }
                log.add("a " + loop.time() / MS);
            });
            loop.createTask(() -> {
                for (int i = 0; i < 5; i++) {
                    b.take(16_384);
                }
                log.add("b " + loop.time() / MS);
            });
            loop.runUntilComplete(loop.createTask(() -> {
                while (log.size() < 2) {
                    dev.eddy.loop.Async.sleep(java.time.Duration.ofMillis(100));
                }
            }));
        }
        long aMs = Long.parseLong(log.stream().filter(s -> s.startsWith("a")).findFirst().orElseThrow().substring(2));
        long bMs = Long.parseLong(log.stream().filter(s -> s.startsWith("b")).findFirst().orElseThrow().substring(2));
        // a's 20 blocks of 16 KiB through the 100 kB/s global bucket, the first from the burst: 19 × 16384 / 100000 s
        assertTrue(aMs >= 3112 && aMs <= 3200, log.toString());
        assertTrue(bMs >= 4000, "b's own 16 KiB/s bucket allows its 5 blocks no sooner than 4 s: " + log);
    }
}
