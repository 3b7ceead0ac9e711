package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AsyncTest extends VirtualTimeTest {
    private Task<String> after(long millis, String value) {
        return loop.createTask(value, () -> {
            Async.sleep(Duration.ofMillis(millis));
            return value;
        });
    }

    private Task<String> failingAfter(long millis, RuntimeException failure) {
        return loop.createTask(() -> {
            Async.sleep(Duration.ofMillis(millis));
            throw failure;
        });
    }


    @Test
    void sleepTakesItsDelayInLoopTime() {
        loop.runUntilComplete(loop.createTask(() -> {
            Async.sleep(Duration.ofMinutes(10));
        }));
        assertEquals(600_000, millis());
    }

    @Test
    void gatherKeepsInputOrderWhateverTheFinishingOrder() {
        Future<List<String>> all = Async.gather(after(30, "a"), after(10, "b"), after(20, "c"));
        assertEquals(List.of("a", "b", "c"), loop.runUntilComplete(all));
        assertEquals(30, millis());
    }

    @Test
    void gatherOfNothingIsDoneAtOnce() {
        Task<List<Object>> task = loop.createTask(() -> Async.gather(List.<Future<Object>>of()).await());
        assertEquals(List.of(), loop.runUntilComplete(task));
    }

    @Test
    void gatherFailsWithTheFirstFailureAndLeavesTheOthersRunning() {
        IllegalStateException failure = new IllegalStateException("first");
        Task<String> slow = after(50, "slow");
        Future<List<String>> all = Async.gather(slow, failingAfter(10, failure));
        assertSame(failure, assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(all)));
        assertFalse(slow.done());
        assertEquals("slow", loop.runUntilComplete(slow));
    }

    @Test
    void gatherOutcomesCollectsResultsAndFailures() {
        IllegalStateException failure = new IllegalStateException("bad");
        Task<String> cancelled = after(100, "never");
        loop.callLater(Duration.ofMillis(5), cancelled::cancel);
        Future<List<Outcome<String>>> all = Async.gatherOutcomes(List.of(after(10, "ok"), failingAfter(20, failure), cancelled));
        List<Outcome<String>> outcomes = loop.runUntilComplete(all);
        assertEquals(new Outcome.Success<>("ok"), outcomes.get(0));
        assertSame(failure, assertInstanceOf(Outcome.Failure.class, outcomes.get(1)).exception());
        assertInstanceOf(CancelledException.class, assertInstanceOf(Outcome.Failure.class, outcomes.get(2)).exception());
        assertEquals("ok", outcomes.get(0).get());
    }

    @Test
    void cancellingAGatherCancelsItsChildren() {
        Task<String> a = after(100, "a");
        Task<String> b = after(100, "b");
        Future<List<String>> all = Async.gather(a, b);
        loop.callLater(Duration.ofMillis(10), () -> assertTrue(all.cancel()));
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(all));
        assertTrue(a.cancelled());
        assertTrue(b.cancelled());
        assertEquals(10, millis());
    }

    @Test
    void waitFirstCompletedReturnsTheFirstDone() {
        Task<String> fast = after(10, "fast");
        Task<String> slow = after(50, "slow");
        WaitResult<Task<String>> result = loop.runUntilComplete(loop.createTask(
                () -> Async.wait(List.of(slow, fast), WaitMode.FIRST_COMPLETED, null)));
        assertEquals(Set.of(fast), result.done());
        assertEquals(Set.of(slow), result.pending());
        assertEquals(10, millis());
    }

    @Test
    void waitFirstExceptionStopsAtTheFirstFailure() {
        Task<String> ok = after(5, "ok");
        Task<String> failing = failingAfter(20, new IllegalStateException("x"));
        Task<String> slow = after(100, "slow");
        WaitResult<Task<String>> result = loop.runUntilComplete(loop.createTask(
                () -> Async.wait(List.of(ok, failing, slow), WaitMode.FIRST_EXCEPTION, null)));
        assertEquals(Set.of(ok, failing), result.done());
        assertEquals(Set.of(slow), result.pending());
        assertEquals(20, millis());
    }

    @Test
    void waitFirstExceptionWithoutFailuresWaitsForAll() {
        WaitResult<Task<String>> result = loop.runUntilComplete(loop.createTask(
                () -> Async.wait(List.of(after(5, "a"), after(15, "b")), WaitMode.FIRST_EXCEPTION, null)));
        assertEquals(2, result.done().size());
        assertEquals(15, millis());
    }

    @Test
    void waitAllCompletedWithATimeoutReturnsWhatIsDoneAndCancelsNothing() {
        Task<String> fast = after(10, "fast");
        Task<String> slow = after(500, "slow");
        WaitResult<Task<String>> result = loop.runUntilComplete(loop.createTask(
                () -> Async.wait(List.of(fast, slow), WaitMode.ALL_COMPLETED, Duration.ofMillis(100))));
        assertEquals(Set.of(fast), result.done());
        assertEquals(Set.of(slow), result.pending());
        assertEquals(100, millis());
        assertFalse(slow.cancelled());
    }

    @Test
    void waitOnNothingIsAnError() {
        Task<Object> task = loop.createTask(() -> Async.wait(List.<Future<?>>of(), WaitMode.ALL_COMPLETED, null));
        assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(task));
    }

    @Test
    void asCompletedYieldsInFinishingOrder() {
        List<Future<String>> inOrder = Async.asCompleted(List.of(after(30, "c"), after(10, "a"), after(20, "b")), null);
        Task<List<String>> task = loop.createTask(() -> {
            List<String> seen = new ArrayList<>();
            for (Future<String> next : inOrder) {
                seen.add(next.await() + "@" + millis());
            }
            return seen;
        });
        assertEquals(List.of("a@10", "b@20", "c@30"), loop.runUntilComplete(task));
    }

    @Test
    void asCompletedTimesOutTheRest() {
        List<Future<String>> inOrder = Async.asCompleted(List.of(after(10, "a"), after(1_000, "late")), Duration.ofMillis(50));
        Task<List<String>> task = loop.createTask(() -> {
            List<String> seen = new ArrayList<>();
            for (Future<String> next : inOrder) {
                try {
                    seen.add(next.await());
                } catch (TimeoutException e) {
                    seen.add("timeout@" + millis());
                }
            }
            return seen;
        });
        assertEquals(List.of("a", "timeout@50"), loop.runUntilComplete(task));
    }

    @Test
    void waitForReturnsInTime() {
        Task<String> inner = after(10, "in time");
        assertEquals("in time", loop.runUntilComplete(loop.createTask(() -> Async.waitFor(inner, Duration.ofSeconds(1)))));
    }

    @Test
    void waitForCancelsTheFutureAndThrowsTimeout() {
        List<String> events = new ArrayList<>();
        Task<String> inner = loop.createTask(() -> {
            try {
                Async.sleep(Duration.ofHours(1));
                return "never";
            } finally {
                events.add("inner wound down at " + millis());
            }
        });
        Task<String> outer = loop.createTask(() -> Async.waitFor(inner, Duration.ofMillis(200)));
        TimeoutException e = assertThrows(TimeoutException.class, () -> loop.runUntilComplete(outer));
        assertTrue(inner.cancelled());
        assertEquals(List.of("inner wound down at 200"), events);
        assertInstanceOf(CancelledException.class, e.getCause());
    }

    @Test
    void waitForPassesOutsideCancellationThrough() {
        Task<String> inner = after(10_000, "x");
        Task<String> outer = loop.createTask(() -> Async.waitFor(inner, Duration.ofSeconds(60)));
        loop.callLater(Duration.ofSeconds(1), outer::cancel);
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(outer));
        assertTrue(inner.cancelled());
    }

    @Test
    void shieldKeepsTheInnerOperationRunningWhenTheAwaiterIsCancelled() {
        Task<String> inner = after(100, "finished anyway");
        Task<String> outer = loop.createTask(() -> Async.shield(inner).await());
        loop.callLater(Duration.ofMillis(10), outer::cancel);
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(outer));
        assertFalse(inner.cancelled());
        assertEquals("finished anyway", loop.runUntilComplete(inner));
    }

    @Test
    void shieldPassesTheResultThrough() {
        Task<String> inner = after(5, "value");
        assertEquals("value", loop.runUntilComplete(loop.createTask(() -> Async.shield(inner).await())));
    }

    @Test
    void fetchFirstResultThenCancelTheRestLeavesNoWarnings() {
        List<Task<String>> services = List.of(after(30, "slow"), after(10, "fast"), after(20, "medium"));
        Task<String> first = loop.createTask(() -> {
            WaitResult<Task<String>> result = Async.wait(services, WaitMode.FIRST_COMPLETED, null);
            result.pending().forEach(Task::cancel);
            Async.gatherOutcomes(List.copyOf(result.pending())).await();
            return result.done().iterator().next().result();
        });
        assertEquals("fast", loop.runUntilComplete(first));
        System.gc();
        loop.close();
        assertEquals(List.of(), diagnostics);
    }
}
