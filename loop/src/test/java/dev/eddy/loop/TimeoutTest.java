package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeoutTest extends VirtualTimeTest {
    @Test
    void bodyThatFinishesInTimeReturnsItsValue() {
        Task<String> task = loop.createTask(() -> Async.timeout(Duration.ofSeconds(1), () -> {
            Async.sleep(Duration.ofMillis(10));
            return "in time";
        }));
        assertEquals("in time", loop.runUntilComplete(task));
        assertEquals(0, task.cancelling());
    }

    @Test
    void expiredDeadlineThrowsTimeoutAndTheTaskIsNotLeftCancelled() {
        List<String> events = new ArrayList<>();
        Task<String> task = loop.createTask(() -> {
            try {
                Async.timeout(Duration.ofMillis(100), () -> {
                    try {
                        Async.sleep(Duration.ofHours(1));
                    } finally {
                        events.add("body unwound at " + millis());
                    }
                    return "never";
                });
            } catch (TimeoutException e) {
                events.add("timeout");
            }
            Async.sleep(Duration.ofMillis(5));
            return "went on, cancelling=" + Task.current().cancelling();
        });
        assertEquals("went on, cancelling=0", loop.runUntilComplete(task));
        assertEquals(List.of("body unwound at 100", "timeout"), events);
    }

    @Test
    void rescheduleMovesTheDeadline() {
        Task<String> task = loop.createTask(() -> Async.timeout(Duration.ofMillis(100), scope -> {
            Async.sleep(Duration.ofMillis(50));
            scope.reschedule(loop.deadline(Duration.ofMillis(500)));
            Async.sleep(Duration.ofMillis(300));
            assertFalse(scope.expired());
            return "extended";
        }));
        assertEquals("extended", loop.runUntilComplete(task));
        assertEquals(350, millis());
    }

    @Test
    void rescheduleIntoThePastExpiresAtOnce() {
        Task<Long> task = loop.createTask(() -> {
            try {
                return Async.timeout(Duration.ofSeconds(10), scope -> {
                    scope.reschedule(loop.time() - 1);
                    Async.sleep(Duration.ofSeconds(5));
                    return -1L;
                });
            } catch (TimeoutException e) {
                return millis();
            }
        });
        assertEquals(0L, loop.runUntilComplete(task));
    }

    @Test
    void noDeadlineUntilOneIsSet() {
        Task<String> task = loop.createTask(() -> Async.timeout(null, scope -> {
            assertEquals(Long.MAX_VALUE, scope.when());
            Async.sleep(Duration.ofHours(2));
            return "unbounded";
        }));
        assertEquals("unbounded", loop.runUntilComplete(task));
    }

    @Test
    void outsideCancellationIsNotTurnedIntoATimeout() {
        Task<String> task = loop.createTask(() -> Async.timeout(Duration.ofSeconds(10), () -> {
            Async.sleep(Duration.ofHours(1));
            return "never";
        }));
        loop.callLater(Duration.ofSeconds(1), () -> task.cancel("from outside"));
        assertEquals("from outside", assertThrows(CancelledException.class, () -> loop.runUntilComplete(task)).getMessage());
    }

    @Test
    void outsideCancellationRacingTheDeadlineStaysACancellation() {
        Task<String> task = loop.createTask(() -> Async.timeout(Duration.ofSeconds(1), () -> {
            Async.sleep(Duration.ofHours(1));
            return "never";
        }));
        loop.callLater(Duration.ofSeconds(1), task::cancel); // same instant as the deadline, scheduled earlier
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        assertTrue(task.cancelled());
    }

    @Test
    void nestedTimeoutsEachReportTheirOwn() {
        Task<String> task = loop.createTask(() -> Async.timeout(Duration.ofSeconds(10), () -> {
            try {
                Async.timeout(Duration.ofSeconds(1), () -> {
                    Async.sleep(Duration.ofHours(1));
                    return null;
                });
                return "inner did not time out";
            } catch (TimeoutException inner) {
                long timedOutAt = millis();
                Async.sleep(Duration.ofSeconds(2)); // the outer scope is still live and not expired
                return "inner timed out at " + timedOutAt + ", outer still running at " + millis();
            }
        }));
        assertEquals("inner timed out at 1000, outer still running at 3000", loop.runUntilComplete(task));
    }
}
