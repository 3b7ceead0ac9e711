package dev.eddy.torrent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A peer's reading is held until every block it sent is paid for, in virtual time. */
class DownloadThrottleTest {
    private static final int BLOCK = 16 << 10;
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void readingResumesOnlyOnceEveryOwedBlockIsPaidForWithOneTimer() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            // One block a second, and a bucket that holds one block.
            RateLimiter limiter = new RateLimiter(new TokenBucket(BLOCK, BLOCK), TokenBucket.unlimited());
            List<Long> holds = new ArrayList<>();
            List<Long> releases = new ArrayList<>();
            DownloadThrottle throttle = new DownloadThrottle(loop, limiter, () -> holds.add(loop.time()),
                    () -> releases.add(loop.time()));
            loop.callSoon(() -> {
                for (int block = 0; block < 4; block++) {
                    throttle.received(BLOCK); // the first is paid from the full bucket; three are owed
                }
                assertTrue(throttle.isHolding());
            });
            loop.callLater(Duration.ofSeconds(10), loop::stop);
            loop.runForever();

            assertEquals(1, holds.size(), "held once");
            assertEquals(1, releases.size(), "released once");
            long released = releases.getFirst();
            assertEquals(SECOND, released, "released once the bucket could pay (more than a full bucket puts it in debt)");
            // All three owed blocks were paid at once: two blocks of debt plus the next block's own wait.
            assertEquals(3 * SECOND, limiter.nanosUntil(BLOCK, released));
            assertFalse(throttle.isHolding());
        }
    }

    @Test
    void aCancelledThrottleNeverReleases() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            RateLimiter limiter = new RateLimiter(new TokenBucket(BLOCK, BLOCK), TokenBucket.unlimited());
            List<Long> releases = new ArrayList<>();
            DownloadThrottle throttle = new DownloadThrottle(loop, limiter, () -> { }, () -> releases.add(loop.time()));
            loop.callSoon(() -> {
                throttle.received(BLOCK);
                throttle.received(BLOCK);
                throttle.cancel();
            });
            loop.callLater(Duration.ofSeconds(5), loop::stop);
            loop.runForever();
            assertEquals(List.of(), releases);
            assertFalse(throttle.isHolding());
        }
    }
}
