package dev.eddy.loop.sync;

import static dev.eddy.loop.sync.VirtualLoop.run;
import static dev.eddy.loop.sync.VirtualLoop.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.CancelledException;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Task;
import dev.eddy.loop.TimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private final Condition condition = new Condition();
    private final Lock lock = condition.lock();
    private final List<String> log = new ArrayList<>();

    /** A task that waits on the condition once, logging how it came out and whether it held the lock then. */
    private Task<Void> awaitSignal(String name) {
        return EventLoop.current().createTask(name, () -> {
            try (var _ = condition.acquire()) {
                try {
                    condition.await();
                    log.add(name + " signalled, locked=" + lock.locked());
                } catch (CancelledException e) {
                    log.add(name + " cancelled, locked=" + lock.locked());
                    throw e;
                }
            }
        });
    }

    @Test
    void awaitReleasesTheLockWhileWaitingAndHoldsItAgainOnReturn() {
        run(() -> {
            Task<Void> waiter = awaitSignal("w");
            settle();
            assertFalse(lock.locked(), "the waiter released the lock while it waits");
            try (var _ = condition.acquire()) {
                condition.signal();
                settle();
                assertFalse(waiter.done(), "a signalled waiter cannot return before the signaller releases the lock");
            }
            waiter.await();
            assertFalse(lock.locked());
        });
        assertEquals(List.of("w signalled, locked=true"), log);
    }

    @Test
    void signalWakesWaitersInArrivalOrderAndOnlyAsManyAsAsked() {
        run(() -> {
            List<Task<Void>> waiters = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                waiters.add(awaitSignal(name));
                settle();
            }
            try (var _ = condition.acquire()) {
                condition.signal(2);
            }
            settle();
            assertEquals(List.of("a signalled, locked=true", "b signalled, locked=true"), log);
            assertFalse(waiters.get(2).done());
            try (var _ = condition.acquire()) {
                condition.signalAll();
            }
            waiters.get(2).await();
        });
        assertEquals(3, log.size());
    }

    @Test
    void awaitForReturnsOnceThePredicateHolds() {
        int[] value = {0};
        run(() -> {
            Task<Void> waiter = EventLoop.current().createTask(() -> {
                try (var _ = condition.acquire()) {
                    condition.awaitFor(() -> value[0] >= 3);
                    log.add("saw " + value[0]);
                }
            });
            for (int i = 0; i < 5; i++) {
                settle();
                try (var _ = condition.acquire()) {
                    value[0]++;
                    condition.signalAll();
                }
            }
            waiter.await();
        });
        assertEquals(List.of("saw 3"), log);
    }

    @Test
    void aWaiterCancelledWhileWaitingTakesTheLockBackBeforeItThrows() {
        run(() -> {
            Task<Void> cancelled = awaitSignal("cancelled");
            Task<Void> bystander = awaitSignal("bystander");
            settle();
            cancelled.cancel();
            settle();
            assertTrue(cancelled.cancelled());
            assertFalse(bystander.done(), "an unsignalled waiter's cancellation wakes nobody else");
            assertFalse(lock.locked());
            bystander.cancel();
            settle();
        });
        assertEquals(List.of("cancelled cancelled, locked=true", "bystander cancelled, locked=true"), log);
    }

    @Test
    void theLockIsReacquiredEvenWhenTheTaskIsCancelledWhileReacquiringIt() {
        run(() -> {
            Task<Void> waiter = awaitSignal("w");
            settle();
            condition.acquire();
            condition.signal();
            settle();
            // The waiter is now queued on the lock, which this task holds.
            waiter.cancel();
            settle();
            assertFalse(waiter.done(), "the waiter keeps waiting for the lock through the cancellation");
            lock.release();
            settle();
            assertTrue(waiter.cancelled(), "the cancellation is delivered once the lock is back");
            assertFalse(lock.locked(), "the waiter held the lock and released it as it unwound");
        });
        assertEquals(List.of("w cancelled, locked=true"), log);
    }

    @Test
    void aWaiterCancelledAfterItWasSignalledPassesTheSignalOn() {
        run(() -> {
            Task<Void> unlucky = awaitSignal("unlucky");
            Task<Void> next = awaitSignal("next");
            settle();
            try (var _ = condition.acquire()) {
                condition.signal();
                unlucky.cancel();
            }
            next.await();
            assertTrue(unlucky.cancelled());
        });
        assertEquals(List.of("unlucky cancelled, locked=true", "next signalled, locked=true"), log);
    }

    @Test
    void conditionsMayShareOneLock() {
        Lock shared = new Lock();
        Condition notEmpty = new Condition(shared);
        Condition notFull = new Condition(shared);
        assertSame(shared, notEmpty.lock());
        run(() -> {
            try (var _ = notFull.acquire()) {
                assertTrue(notEmpty.lock().locked());
                notEmpty.signalAll();
            }
        });
    }

    @Test
    void awaitingOrSignallingWithoutTheLockIsAnError() {
        run(() -> {
            assertThrows(IllegalStateException.class, condition::await);
            assertThrows(IllegalStateException.class, () -> condition.awaitFor(() -> false));
            assertThrows(IllegalStateException.class, condition::signal);
            assertThrows(IllegalStateException.class, condition::signalAll);
            try (var _ = condition.acquire()) {
                assertThrows(IllegalArgumentException.class, () -> condition.signal(-1));
            }
        });
    }

    @Test
    void awaitingOutsideATaskIsRefusedWithTheLockStillHeld() {
        condition.acquire();
        assertThrows(IllegalStateException.class, condition::await);
        assertTrue(lock.locked());
    }

    @Test
    void anAwaitThatTimesOutReturnsWithTheLockHeld() {
        run(() -> {
            try (var _ = condition.acquire()) {
                assertThrows(TimeoutException.class, () -> Async.timeout(Duration.ofSeconds(10), () -> {
                    condition.await();
                    return null;
                }));
                assertTrue(lock.locked());
            }
            assertFalse(lock.locked());
        });
    }
}
