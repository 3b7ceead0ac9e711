package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WakeupTest extends VirtualTimeTest {
    private final Wakeup wakeup = new Wakeup(loop);

    @Test
    void eachSignalWakesTheWaiterOnceAndItWaitsAgain() {
        List<String> order = new ArrayList<>();
        Task<Void> waiter = loop.createTask(() -> {
            for (int round = 1; round <= 3; round++) {
                wakeup.await();
                order.add("woken " + round);
            }
        });
        runBriefly();
        for (int round = 1; round <= 3; round++) {
            assertTrue(wakeup.isWaiting());
            assertTrue(wakeup.signal());
            order.add("signalled " + round);
            runBriefly();
        }
        assertTrue(waiter.done());
        assertFalse(wakeup.isWaiting());
        assertEquals(List.of("signalled 1", "woken 1", "signalled 2", "woken 2", "signalled 3", "woken 3"), order);
    }

    @Test
    void aSignalWithNobodyWaitingIsNotRemembered() {
        assertFalse(wakeup.signal());
        Task<Void> waiter = loop.createTask(wakeup::await);
        runBriefly();
        runBriefly();
        assertFalse(waiter.done(), "the earlier signal did not count");
        assertTrue(wakeup.signal());
        loop.runUntilComplete(waiter);
    }

    @Test
    void aSecondSignalBeforeTheWaiterRunsChangesNothing() {
        List<String> order = new ArrayList<>();
        Task<Void> waiter = loop.createTask(() -> {
            wakeup.await();
            order.add("woken");
            wakeup.await();
            order.add("woken again");
        });
        runBriefly();
        assertTrue(wakeup.signal());
        assertFalse(wakeup.signal());
        assertTrue(wakeup.isWaiting(), "woken but not yet run");
        runBriefly();
        assertEquals(List.of("woken"), order);
        assertFalse(waiter.done(), "the second signal was not kept for the second wait");
        wakeup.signal();
        loop.runUntilComplete(waiter);
        assertEquals(List.of("woken", "woken again"), order);
    }

    @Test
    void cancellingTheWaiterWakesItWithCancelledExceptionAndTheWakeupServesAgain() {
        Task<Void> first = loop.createTask(wakeup::await);
        runBriefly();
        first.cancel("stop");
        runBriefly();
        assertTrue(first.cancelled());
        assertFalse(wakeup.isWaiting());
        Task<String> second = loop.createTask(() -> {
            wakeup.await();
            return "woken";
        });
        runBriefly();
        assertTrue(wakeup.signal());
        assertEquals("woken", loop.runUntilComplete(second));
    }

    @Test
    void oneTaskWaitsAtATime() {
        Task<Void> first = loop.createTask(wakeup::await);
        Task<Void> second = loop.createTask(wakeup::await);
        runBriefly();
        assertInstanceOf(IllegalStateException.class, second.exception());
        assertFalse(first.done());
        wakeup.signal();
        loop.runUntilComplete(first);
    }

    @Test
    void waitingOutsideATaskIsRefusedAndLeavesNoWaiter() {
        assertThrows(IllegalStateException.class, wakeup::await);
        assertFalse(wakeup.isWaiting());
    }
}
