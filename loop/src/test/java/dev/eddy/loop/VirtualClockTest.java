package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.channels.Selector;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    void aWakeupMadeBeforeAnUnboundedWaitEndsIt() throws IOException {
        // The race this pins down: another thread's callSoonThreadsafe wakes the selector after the
        // loop has looked at its queue but before it waits; the wait must return, not block forever.
        VirtualClock clock = new VirtualClock();
        try (Selector selector = Selector.open()) {
            selector.wakeup();
            int ready = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> clock.select(selector, key -> { }, Long.MAX_VALUE));
            assertEquals(0, ready);
            assertEquals(0, clock.nanoTime());
        }
    }

    @Test
    void aBoundedWaitWithNothingReadyJumpsTime() throws IOException {
        VirtualClock clock = new VirtualClock(5);
        try (Selector selector = Selector.open()) {
            assertEquals(0, clock.select(selector, key -> { }, 1_000));
            assertEquals(1_005, clock.nanoTime());
        }
    }
}
