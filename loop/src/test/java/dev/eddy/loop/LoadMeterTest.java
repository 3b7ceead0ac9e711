package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoadMeterTest {
    private long now;
    private final LoadMeter meter = new LoadMeter(() -> now);

    /** Runs for {@code runMillis}, then waits {@code waitMillis}. */
    private void turn(long runMillis, long waitMillis) {
        now += runMillis * 1_000_000;
        meter.waitBegins();
        now += waitMillis * 1_000_000;
        meter.waitEnds();
    }

    @Test
    void readsTheShareOfTheLastWholeWindowSpentRunning() {
        assertEquals(0, meter.load(), "nothing before a window is complete");
        for (int i = 0; i < 10; i++) {
            turn(3, 7);
        }
        assertEquals(0.3, meter.load(), 1e-9);
        for (int i = 0; i < 10; i++) {
            turn(9, 1);
        }
        assertEquals(0.9, meter.load(), 1e-9);
        turn(0, 500);
        assertEquals(0, meter.load(), 1e-9, "a long wait is an idle window");
    }

    @Test
    void aWaitEndsOnceThoughHandlersRunInsideIt() {
        for (int i = 0; i < 11; i++) {
            now += 4_000_000; // callbacks
            meter.waitBegins();
            now += 5_000_000; // the wait
            meter.waitEnds(); // the first I/O handler
            now += 1_000_000; // the handlers, inside the poll: running, not waiting
            meter.waitEnds(); // the poll returns
        }
        assertEquals(0.5, meter.load(), 0.01, "the window closed at the eleventh wait's end: 54 of 109 ms running");
    }
}
