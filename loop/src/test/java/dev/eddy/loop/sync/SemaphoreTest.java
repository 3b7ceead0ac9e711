package dev.eddy.loop.sync;

import static dev.eddy.loop.sync.VirtualLoop.run;
import static dev.eddy.loop.sync.VirtualLoop.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemaphoreTest {
    private final List<String> log = new ArrayList<>();

    /** A task that takes a permit from {@code semaphore}, logs, and keeps it. */
    private Task<Void> takeOne(Semaphore semaphore, String name) {
        return EventLoop.current().createTask(name, () -> {
            semaphore.acquire();
            log.add(name);
        });
    }

    @Test
    void permitsAreTakenWithoutWaitingWhileAvailable() {
        Semaphore semaphore = new Semaphore(2);
        run(() -> {
            try (var _ = semaphore.acquire(); var _ = semaphore.acquire()) {
                assertTrue(semaphore.locked());
                assertEquals(0, semaphore.available());
            }
            assertEquals(2, semaphore.available());
        });
    }

    @Test
    void waitersGetPermitsInArrivalOrder() {
        Semaphore semaphore = new Semaphore(0);
        run(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(takeOne(semaphore, name));
                settle();
            }
            semaphore.release();
            settle();
            assertEquals(List.of("a"), log);
            semaphore.release();
            semaphore.release();
            for (Task<Void> task : tasks) {
                task.await();
            }
        });
        assertEquals(List.of("a", "b", "c"), log);
    }

    @Test
    void aReleasedPermitGoesToTheWaiterNotToANewcomerThatRunsFirst() {
        Semaphore semaphore = new Semaphore(0);
        run(() -> {
            Task<Void> waiter = takeOne(semaphore, "waiter");
            settle();
            Task<Void> newcomer = takeOne(semaphore, "newcomer");
            semaphore.release();
            assertTrue(semaphore.locked(), "the permit belongs to the woken waiter already");
            settle();
            assertTrue(waiter.done());
            assertFalse(newcomer.done(), "the newcomer must wait for the next release");
            semaphore.release();
            newcomer.await();
        });
        assertEquals(List.of("waiter", "newcomer"), log);
    }

    @Test
    void aWaiterCancelledWhileWaitingTakesNoPermit() {
        Semaphore semaphore = new Semaphore(0);
        run(() -> {
            Task<Void> cancelled = takeOne(semaphore, "cancelled");
            Task<Void> next = takeOne(semaphore, "next");
            settle();
            cancelled.cancel();
            settle();
            semaphore.release();
            next.await();
            assertTrue(cancelled.cancelled());
            assertEquals(0, semaphore.available());
        });
        assertEquals(List.of("next"), log);
    }

    @Test
    void aPermitHandedToAWaiterCancelledInTheSameIterationPassesOn() {
        Semaphore semaphore = new Semaphore(0);
        run(() -> {
            Task<Void> unlucky = takeOne(semaphore, "unlucky");
            Task<Void> next = takeOne(semaphore, "next");
            settle();
            semaphore.release();
            unlucky.cancel();
            next.await();
            assertTrue(unlucky.cancelled());
            assertEquals(0, semaphore.available());
            semaphore.release();
            assertEquals(1, semaphore.available(), "no permit leaked or vanished");
        });
        assertEquals(List.of("next"), log);
    }

    @Test
    void aPlainSemaphoreMayBeReleasedPastItsInitialCount() {
        Semaphore semaphore = new Semaphore(1);
        semaphore.release();
        assertEquals(2, semaphore.available());
    }

    @Test
    void aBoundedSemaphoreRefusesARelease() {
        BoundedSemaphore semaphore = new BoundedSemaphore(2);
        run(() -> {
            semaphore.acquire();
            semaphore.release();
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, semaphore::release);
        assertTrue(e.getMessage().contains("released more times"), e.getMessage());
        assertEquals(2, semaphore.available());
    }

    @Test
    void aBoundedSemaphoreHandsPermitsToWaitersBeforeCheckingItsBound() {
        BoundedSemaphore semaphore = new BoundedSemaphore(1);
        run(() -> {
            semaphore.acquire();
            Task<Void> waiter = takeOne(semaphore, "waiter");
            settle();
            semaphore.release();
            waiter.await();
            semaphore.release();
            assertThrows(IllegalStateException.class, semaphore::release);
        });
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
    }
}
