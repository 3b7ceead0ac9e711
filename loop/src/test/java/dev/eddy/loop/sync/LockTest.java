package dev.eddy.loop.sync;

import static dev.eddy.loop.sync.VirtualLoop.run;
import static dev.eddy.loop.sync.VirtualLoop.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Task;
import dev.eddy.loop.TimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockTest {
    private final Lock lock = new Lock();
    private final List<String> log = new ArrayList<>();

    private Task<Void> holdBriefly(String name) {
        return EventLoop.current().createTask(name, () -> {
            try (var _ = lock.acquire()) {
                log.add(name);
                Async.sleep(Duration.ofMillis(1));
            }
        });
    }

    @Test
    void freeLockIsTakenWithoutWaitingAndReleasedByThePermit() {
        run(() -> {
            try (var _ = lock.acquire()) {
                assertTrue(lock.locked());
            }
            assertFalse(lock.locked());
        });
    }

    @Test
    void keepsOtherTasksOutAcrossAwaits() {
        int[] counter = {0};
        run(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                tasks.add(EventLoop.current().createTask(() -> {
                    try (var _ = lock.acquire()) {
                        int seen = counter[0];
                        Async.sleep(Duration.ZERO);
                        counter[0] = seen + 1;
                    }
                }));
            }
            for (Task<Void> task : tasks) {
                task.await();
            }
        });
        assertEquals(20, counter[0]);
    }

    @Test
    void waitersGetTheLockInArrivalOrder() {
        run(() -> {
            lock.acquire();
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d")) {
                tasks.add(holdBriefly(name));
                settle();
            }
            lock.release();
            for (Task<Void> task : tasks) {
                task.await();
            }
        });
        assertEquals(List.of("a", "b", "c", "d"), log);
    }

    @Test
    void releasingHandsTheLockToTheFirstWaiterSoTheReleaserCannotBargeBackIn() {
        run(() -> {
            lock.acquire();
            Task<Void> waiter = holdBriefly("waiter");
            settle();
            lock.release();
            assertTrue(lock.locked(), "the lock belongs to the woken waiter before it has even run");
            try (var _ = lock.acquire()) {
                log.add("releaser");
            }
            waiter.await();
        });
        assertEquals(List.of("waiter", "releaser"), log);
    }

    @Test
    void aNewcomerThatRunsBeforeTheWokenWaiterQueuesBehindIt() {
        run(() -> {
            lock.acquire();
            Task<Void> waiter = holdBriefly("waiter");
            settle();
            // Scheduled before the release, so its first step runs before the woken waiter's.
            Task<Void> newcomer = holdBriefly("newcomer");
            lock.release();
            newcomer.await();
            waiter.await();
        });
        assertEquals(List.of("waiter", "newcomer"), log);
    }

    @Test
    void aWaiterCancelledWhileWaitingLeavesTheQueueAndHoldsNothing() {
        run(() -> {
            lock.acquire();
            Task<Void> first = holdBriefly("first");
            Task<Void> cancelled = holdBriefly("cancelled");
            Task<Void> last = holdBriefly("last");
            settle();
            cancelled.cancel();
            settle();
            assertTrue(cancelled.cancelled());
            lock.release();
            first.await();
            last.await();
            assertFalse(lock.locked());
        });
        assertEquals(List.of("first", "last"), log);
    }

    @Test
    void aLockHandedToAWaiterCancelledInTheSameIterationPassesToTheNextWaiter() {
        run(() -> {
            lock.acquire();
            Task<Void> unlucky = holdBriefly("unlucky");
            Task<Void> next = holdBriefly("next");
            settle();
            lock.release();
            unlucky.cancel();
            next.await();
            assertTrue(unlucky.cancelled());
            assertFalse(lock.locked(), "the cancelled waiter must not keep the lock it was handed");
        });
        assertEquals(List.of("next"), log);
    }

    @Test
    void aLockHandedToTheOnlyWaiterWhichIsThenCancelledEndsUpFree() {
        run(() -> {
            lock.acquire();
            Task<Void> unlucky = holdBriefly("unlucky");
            settle();
            lock.release();
            unlucky.cancel();
            settle();
            assertTrue(unlucky.cancelled());
            assertFalse(lock.locked());
        });
    }

    @Test
    void manyCancelledWaitersLeaveNothingBehind() {
        run(() -> {
            lock.acquire();
            List<Task<Void>> waiters = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                waiters.add(holdBriefly("w" + i));
            }
            settle();
            waiters.forEach(Task::cancel);
            settle();
            assertTrue(lock.toString().contains("0 waiting"), lock.toString());
            lock.release();
            assertFalse(lock.locked());
        });
        assertTrue(log.isEmpty());
    }

    @Test
    void releasingAnUnlockedLockIsAnError() {
        assertThrows(IllegalStateException.class, lock::release);
    }

    @Test
    void aPermitReleasesOnlyOnce() {
        run(() -> {
            Permit permit = lock.acquire();
            permit.close();
            lock.acquire();
            assertThrows(IllegalStateException.class, permit::close);
            assertTrue(lock.locked(), "the failed second close must not release the new holder's lock");
        });
    }

    @Test
    void waitingOutsideATaskIsRefused() {
        run(lock::acquire);
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::acquire);
        assertTrue(e.getMessage().contains("outside a task"), e.getMessage());
    }

    @Test
    void aLockBelongsToTheLoopOfItsFirstWaiter() {
        run(() -> {
            lock.acquire();
            holdBriefly("waiter");
            settle();
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(lock::acquire));
        assertTrue(e.getMessage().contains("another loop"), e.getMessage());
    }

    @Test
    void anAcquireThatTimesOutInVirtualTimeHoldsNothing() {
        run(() -> {
            EventLoop loop = EventLoop.current();
            lock.acquire();
            long start = loop.time();
            assertThrows(TimeoutException.class, () -> Async.timeout(Duration.ofSeconds(30), () -> lock.acquire()));
            assertEquals(Duration.ofSeconds(30).toNanos(), loop.time() - start);
            lock.release();
            assertFalse(lock.locked(), "the timed-out waiter left the queue");
        });
    }
}
