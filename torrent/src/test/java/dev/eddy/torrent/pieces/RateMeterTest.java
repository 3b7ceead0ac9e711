package dev.eddy.torrent.pieces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateMeterTest {
    private static final long MS = 1_000_000L;

    @Test
    void aSteadyFlowReadsAsItsRateAndAStoppedOneFades() {
        RateMeter meter = new RateMeter(Duration.ofSeconds(1));
        assertEquals(0.0, meter.rate(0));
        long now = 0;
        for (; now <= 10_000 * MS; now += 10 * MS) {
            meter.add(1000, now);
        }
        assertEquals(100_000, meter.rate(now), 1000, "1000 bytes every 10 ms");
        assertEquals(100_000 / Math.E, meter.rate(now + 1000 * MS), 1000, "one time constant later");
        long last = now - 10 * MS;
        assertEquals(meter.rate(last), meter.rate(last - 5 * MS), "a reading before the last sample does not grow it");
        assertThrows(IllegalArgumentException.class, () -> new RateMeter(Duration.ZERO));
    }

    @Test
    void aFlowReadsItsRateLongBeforeTheTimeConstantHasPassed() {
        RateMeter meter = new RateMeter(Duration.ofSeconds(5));
        long now = 0;
        for (; now <= 1_000 * MS; now += 10 * MS) {
            meter.add(1000, now);
        }
        assertEquals(100_000, meter.rate(now), 2_000, "after 1 s of a 5 s time constant, not a fifth of the rate");
    }
}
