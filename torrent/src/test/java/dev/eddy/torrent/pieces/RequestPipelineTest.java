package dev.eddy.torrent.pieces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestPipelineTest {
    private static final long MS = 1_000_000L;

    /** Feeds blocks at a steady rate for a while and returns the target at the end. */
    private static int steady(RequestPipeline pipeline, double bytesPerSecond, long latency, long seconds) {
        long interval = (long) (Block.SIZE / bytesPerSecond * 1e9);
        long now = 0;
        for (; now < seconds * 1000 * MS; now += interval) {
            pipeline.blockReceived(Block.SIZE, latency, now);
        }
        return pipeline.target(now);
    }

    @Test
    void aNewPeerGetsTheFloor() {
        RequestPipeline pipeline = new RequestPipeline();
        assertEquals(RequestPipeline.MIN, pipeline.target(0));
        assertEquals(-1, pipeline.roundTripNanos());
    }

    @Test
    void aSlowPeerStaysAtTheFloor() {
        assertEquals(RequestPipeline.MIN, steady(new RequestPipeline(), 8 * 1024, 50 * MS, 10));
    }

    @Test
    void theTargetFollowsRateTimesWindow() {
        // 1 MiB/s for 10 s with a 100 ms round trip: 1 MiB/s × 1.1 s / 16 KiB ≈ 70.4 → 71
        int target = steady(new RequestPipeline(), 1 << 20, 100 * MS, 10);
        assertTrue(target >= 70 && target <= 72, "target " + target);
        // six times the rate, six times the requests: 422.4 → 423
        int faster = steady(new RequestPipeline(), 6 << 20, 100 * MS, 10);
        assertTrue(faster >= 421 && faster <= 425, "faster " + faster);
        assertEquals(RequestPipeline.MAX, steady(new RequestPipeline(), 10 << 20, 100 * MS, 10), "704 is capped");
        int midway = steady(new RequestPipeline(), 4 << 20, 100 * MS, 10);
        assertTrue(midway > target && midway >= 280 && midway <= 284, "midway " + midway);
    }

    @Test
    void aFastPeerReachesTheCeiling() {
        assertEquals(RequestPipeline.MAX, steady(new RequestPipeline(), 1e9, MS / 10, 1));
    }

    @Test
    void theRoundTripIsTheSmallestRecentLatencyAndWidensTheWindow() {
        RequestPipeline pipeline = new RequestPipeline(Duration.ofMillis(100));
        pipeline.blockReceived(Block.SIZE, 900 * MS, 0);
        pipeline.blockReceived(Block.SIZE, 400 * MS, MS);
        pipeline.blockReceived(Block.SIZE, 700 * MS, 2 * MS);
        assertEquals(400 * MS, pipeline.roundTripNanos(), "later samples carry queueing delay");
        // 1 MiB/s with a 400 ms round trip and 100 ms of queue: 1 MiB/s × 0.5 s / 16 KiB = 32
        RequestPipeline measured = new RequestPipeline(Duration.ofMillis(100));
        int target = steady(measured, 1 << 20, 400 * MS, 10);
        assertTrue(target >= 31 && target <= 33, "target " + target);
        measured.blockReceived(Block.SIZE, 50 * MS, 10_001 * MS);
        assertEquals(50 * MS, measured.roundTripNanos());
    }

    @Test
    void theTargetGrowsWithTheRateAndShrinksSmoothlyWhenItStops() {
        RequestPipeline pipeline = new RequestPipeline();
        int previous = RequestPipeline.MIN;
        long now = 0;
        // a peer that answers every full pipeline in one round trip of 1 ms: slow start
        for (int round = 0; round < 50; round++) {
            int target = pipeline.target(now);
            assertTrue(target >= previous, "never shrinks while data flows");
            previous = target;
            now += MS;
            for (int i = 0; i < target; i++) {
                pipeline.blockReceived(Block.SIZE, MS, now);
            }
        }
        assertEquals(RequestPipeline.MAX, previous, "filled within 50 ms");
        boolean passedBetween = false;
        for (int second = 1; second <= 12; second++) {
            int target = pipeline.target(now + second * 1000 * MS);
            assertTrue(target <= previous, "decays without jumps");
            passedBetween |= target > RequestPipeline.MIN && target < RequestPipeline.MAX;
            previous = target;
        }
        assertTrue(passedBetween, "steps down through the range rather than dropping to the floor");
        assertEquals(RequestPipeline.MIN, previous);
    }
}
