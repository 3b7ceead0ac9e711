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

class EventTest {
    private final Event event = new Event();
    private final List<String> log = new ArrayList<>();

    private Task<Void> awaitEvent(String name) {
        return EventLoop.current().createTask(name, () -> {
            event.await();
            log.add(name);
        });
    }

    @Test
    void startsClearAndFollowsSetAndClear() {
        assertFalse(event.isSet());
        event.set();
        assertTrue(event.isSet());
        event.clear();
        assertFalse(event.isSet());
    }

    @Test
    void awaitReturnsAtOnceWhileSet() {
        event.set();
        run(event::await);
    }

    @Test
    void setWakesEveryWaiterInArrivalOrder() {
        run(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(awaitEvent(name));
            }
            settle();
            assertTrue(log.isEmpty());
            event.set();
            for (Task<Void> task : tasks) {
                task.await();
            }
        });
        assertEquals(List.of("a", "b", "c"), log);
    }

    @Test
    void aWaiterWokenBySetReturnsEvenIfTheEventIsClearedBeforeItRuns() {
        run(() -> {
            Task<Void> waiter = awaitEvent("waiter");
            settle();
            event.set();
            event.clear();
            waiter.await();
        });
        assertEquals(List.of("waiter"), log);
    }

    @Test
    void afterClearAwaitWaitsForTheNextSet() {
        run(() -> {
            event.set();
            event.clear();
            Task<Void> waiter = awaitEvent("waiter");
            settle();
            assertFalse(waiter.done());
            event.set();
            waiter.await();
        });
    }

    @Test
    void aCancelledWaiterLeavesAndTheOthersAreStillWoken() {
        run(() -> {
            Task<Void> first = awaitEvent("first");
            Task<Void> cancelled = awaitEvent("cancelled");
            Task<Void> last = awaitEvent("last");
            settle();
            cancelled.cancel();
            settle();
            assertTrue(cancelled.cancelled());
            assertTrue(event.toString().contains("2 waiting"), event.toString());
            event.set();
            first.await();
            last.await();
        });
        assertEquals(List.of("first", "last"), log);
    }

    @Test
    void aWaiterCancelledInTheIterationOfTheSetIsCancelled() {
        run(() -> {
            Task<Void> unlucky = awaitEvent("unlucky");
            Task<Void> other = awaitEvent("other");
            settle();
            event.set();
            unlucky.cancel();
            other.await();
            settle();
            assertTrue(unlucky.cancelled());
        });
        assertEquals(List.of("other"), log);
    }

    @Test
    void aHundredThousandTasksAwaitingOneEventAreAllReleased() {
        int count = 100_000;
        int[] completed = {0};
        run(() -> {
            EventLoop loop = EventLoop.current();
            List<Task<Void>> tasks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                tasks.add(loop.createTask(() -> {
                    event.await();
                    completed[0]++;
                }));
            }
            settle();
            assertEquals(0, completed[0]);
            assertTrue(event.toString().contains(count + " waiting"), event.toString());
            event.set();
            for (Task<Void> task : tasks) {
                task.await();
            }
        });
        assertEquals(count, completed[0]);
    }

    @Test
    void anAwaitThatTimesOutInVirtualTimeLeavesTheEvent() {
        run(() -> {
            assertThrows(TimeoutException.class, () -> Async.timeout(Duration.ofMinutes(5), () -> {
                event.await();
                return null;
            }));
            assertTrue(event.toString().contains("0 waiting"), event.toString());
            Task<Void> later = awaitEvent("later");
            settle();
            event.set();
            later.await();
        });
        assertEquals(List.of("later"), log);
    }
}
