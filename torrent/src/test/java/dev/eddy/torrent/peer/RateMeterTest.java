package dev.eddy.torrent.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateMeterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aNewMeterMeasuresOverItsAge() {
        RateMeter meter = new RateMeter(Duration.ofSeconds(20), 5 * SECOND);
        meter.add(6 * SECOND, 1000);
        assertEquals(500.0, meter.rate(7 * SECOND), 1e-9); // 1000 bytes in the 2 s since it started
    }

    @Test
    void aSteadyRateReadsTheSameOverTheWholeWindow() {
        long start = -3 * SECOND; // loop time may be negative, like System.nanoTime
        RateMeter meter = new RateMeter(Duration.ofSeconds(20), start);
        for (int second = 1; second <= 60; second++) {
            meter.add(start + second * SECOND, 50_000);
        }
        assertEquals(50_000.0, meter.rate(start + 60 * SECOND), 3_000.0); // within one bucket
        assertEquals(60 * 50_000L, meter.total());
    }

    @Test
    void oldBytesLeaveTheWindow() {
        RateMeter meter = new RateMeter(Duration.ofSeconds(20), 0);
        meter.add(SECOND, 1_000_000);
        assertEquals(0.0, meter.rate(30 * SECOND), 1e-9);
        assertEquals(0.0, meter.rate(500 * SECOND), 1e-9);
        meter.add(501 * SECOND, 20_000);
        assertEquals(1_000.0, meter.rate(520 * SECOND), 60.0);
    }
}
