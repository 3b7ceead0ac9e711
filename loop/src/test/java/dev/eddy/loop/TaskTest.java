package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskTest extends VirtualTimeTest {
    @Test
    void taskStartsOnTheNextIterationNotInline() {
        List<String> order = new ArrayList<>();
        Task<Void> task = loop.createTask(() -> {
            order.add("task");
        });
        order.add("created");
        loop.runUntilComplete(task);
        assertEquals(List.of("created", "task"), order);
    }

    @Test
    void awaitSuspendsOnlyTheAwaitingTask() {
        Future<String> gate = loop.createFuture();
        List<String> order = new ArrayList<>();
        Task<String> waiter = loop.createTask("waiter", () -> {
            order.add("waiter parked");
            String value = gate.await();
            order.add("waiter got " + value);
            return value;
        });
        loop.createTask("other", () -> {
            order.add("other runs meanwhile");
            gate.setResult("open");
        });
        assertEquals("open", loop.runUntilComplete(waiter));
        assertEquals(List.of("waiter parked", "other runs meanwhile", "waiter got open"), order);
    }

    @Test
    void awaitingADoneFutureReturnsWithoutATripThroughTheLoop() {
        Future<String> done = loop.createFuture();
        done.setResult("ready");
        List<String> order = new ArrayList<>();
        Task<Void> task = loop.createTask(() -> {
            loop.callSoon(() -> order.add("callback"));
            order.add(done.await());
            order.add("still in the same step");
        });
        loop.runUntilComplete(task);
        assertEquals(List.of("ready", "still in the same step"), order.subList(0, 2));
    }

    @Test
    void awaitRethrowsTheFailureAsItWas() {
        Future<String> failing = loop.createFuture();
        IOException io = new IOException("no route");
        failing.setException(io);
        Task<Throwable> task = loop.createTask(() -> {
            try {
                failing.await();
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        assertSame(io, loop.runUntilComplete(task));
    }

    @Test
    void cancelDeliversCancelledExceptionAtTheAwaitAndFinallyRuns() {
        List<String> events = new ArrayList<>();
        Task<String> task = loop.createTask(() -> {
            try {
                Async.sleep(Duration.ofHours(1));
                return "slept";
            } catch (CancelledException e) {
                events.add("caught: " + e.getMessage());
                throw e;
            } finally {
                events.add("finally");
            }
        });
        loop.callLater(Duration.ofSeconds(1), () -> task.cancel("shutting down"));
        CancelledException e = assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        assertEquals("shutting down", e.getMessage());
        assertTrue(task.cancelled());
        assertEquals(List.of("caught: shutting down", "finally"), events);
        assertEquals(1_000_000_000L, loop.time(), "cancelled at 1 s, not after the hour");
    }

    @Test
    void cancellingATaskCancelsTheFutureItAwaits() {
        Future<String> awaited = loop.createFuture();
        Task<String> task = loop.createTask(awaited::await);
        loop.callSoon(() -> task.cancel());
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        assertTrue(awaited.cancelled());
    }

    @Test
    void cancelBeforeTheFirstStepMeansTheBodyNeverRuns() {
        List<String> ran = new ArrayList<>();
        Task<Void> task = loop.createTask(() -> {
            ran.add("body");
        });
        assertTrue(task.cancel());
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        assertEquals(List.of(), ran);
    }

    @Test
    void cancellingADoneTaskReturnsFalse() {
        Task<Integer> task = loop.createTask(() -> 1);
        loop.runUntilComplete(task);
        assertFalse(task.cancel());
        assertEquals(1, task.result());
    }

    @Test
    void cancelWhileRunningIsDeliveredAtTheNextAwait() {
        List<String> events = new ArrayList<>();
        Task<Void> task = loop.createTask(() -> {
            Task.current().cancel("self");
            events.add("still running after cancel()");
            try {
                Async.sleep(Duration.ZERO);
                events.add("not reached");
            } catch (CancelledException e) {
                events.add("cancelled at the await");
                throw e;
            }
        });
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        assertEquals(List.of("still running after cancel()", "cancelled at the await"), events);
    }

    @Test
    void aCancellationDeliveredAtAYieldLeavesNoStaleWakeUp() {
        Future<String> later = loop.createFuture();
        loop.callLater(Duration.ofSeconds(5), () -> later.setResult("on time"));
        Task<String> task = loop.createTask(() -> {
            Task.current().cancel();
            try {
                Async.sleep(Duration.ZERO);
            } catch (CancelledException e) {
                Task.current().uncancel();
            }
            return later.await() + " at " + loop.time() / 1_000_000_000 + " s";
        });
        assertEquals("on time at 5 s", loop.runUntilComplete(task));
    }

    @Test
    void aCancellationDeliveredAtAnAwaitLeavesNoStaleWakeUp() {
        Future<String> never = loop.createFuture();
        Future<String> later = loop.createFuture();
        loop.callLater(Duration.ofSeconds(5), () -> later.setResult("on time"));
        Task<String> task = loop.createTask(() -> {
            Task.current().cancel();
            try {
                never.await();
            } catch (CancelledException e) {
                Task.current().uncancel();
            }
            never.setResult("too late to matter");
            return later.await() + " at " + loop.time() / 1_000_000_000 + " s";
        });
        assertEquals("on time at 5 s", loop.runUntilComplete(task));
    }

    @Test
    void aTaskMaySwallowItsCancellationAndCarryOn() {
        Task<String> task = loop.createTask(() -> {
            try {
                Async.sleep(Duration.ofHours(1));
            } catch (CancelledException e) {
                Task.current().uncancel();
            }
            Async.sleep(Duration.ofSeconds(1));
            return "carried on";
        });
        loop.callLater(Duration.ofSeconds(1), task::cancel);
        assertEquals("carried on", loop.runUntilComplete(task));
        assertFalse(task.cancelled());
        assertEquals(0, task.cancelling());
    }

    @Test
    void cancellingCountsRequestsAndUncancelTakesThemBack() {
        Task<Void> task = loop.createTask(() -> {
            Async.sleep(Duration.ofHours(1));
        });
        task.cancel();
        task.cancel();
        assertEquals(2, task.cancelling());
        assertEquals(1, task.uncancel());
        loop.callSoon(loop::stop);
        loop.runForever();
        assertTrue(task.cancelled());
    }

    @Test
    void awaitingATaskGivesItsResult() {
        Task<Integer> inner = loop.createTask(() -> {
            Async.sleep(Duration.ofMillis(5));
            return 21;
        });
        Task<Integer> outer = loop.createTask(() -> inner.await() * 2);
        assertEquals(42, loop.runUntilComplete(outer));
    }

    @Test
    void tasksHaveNamesAndAStackWhileSuspended() {
        Future<Void> gate = loop.createFuture();
        Task<Void> task = loop.createTask("named-task", () -> {
            parkHere(gate);
        });
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals("named-task", task.name());
        assertTrue(task.toString().contains("named-task"));
        StackTraceElement[] stack = task.stackTrace();
        assertTrue(Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals("parkHere")), Arrays.toString(stack));
        gate.setResult(null);
        loop.runUntilComplete(task);
        assertEquals(0, task.stackTrace().length);
    }

    private static void parkHere(Future<Void> gate) {
        gate.await();
    }

    @Test
    void currentIsTheRunningTaskAndNullOutside() {
        assertNull(Task.current());
        List<Task<?>> seen = new ArrayList<>();
        Task<Void> task = loop.createTask(() -> {
            seen.add(Task.current());
            Async.sleep(Duration.ZERO);
            seen.add(Task.current());
        });
        loop.runUntilComplete(task);
        assertEquals(List.of(task, task), seen);
    }

    @Test
    void tasksRefuseOutsideCompletion() {
        Task<String> task = loop.createTask(() -> "x");
        assertThrows(UnsupportedOperationException.class, () -> task.setResult("y"));
        assertThrows(UnsupportedOperationException.class, () -> task.setException(new RuntimeException()));
        assertEquals("x", loop.runUntilComplete(task));
    }

    @Test
    void sleepZeroLetsReadyCallbacksRunFirst() {
        List<String> order = new ArrayList<>();
        Task<Void> task = loop.createTask(() -> {
            loop.callSoon(() -> order.add("callback"));
            Async.sleep(Duration.ZERO);
            order.add("task resumed");
        });
        loop.runUntilComplete(task);
        assertEquals(List.of("callback", "task resumed"), order);
    }

    @Test
    void unretrievedTaskExceptionIsReportedWhenTheTaskIsCollected() {
        failAndForget();
        System.gc();
        loop.close();
        LoopDiagnostic.TaskExceptionNeverRetrieved report = diagnostics.stream()
                .filter(LoopDiagnostic.TaskExceptionNeverRetrieved.class::isInstance)
                .map(LoopDiagnostic.TaskExceptionNeverRetrieved.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no report in " + diagnostics));
        assertEquals("doomed", report.taskName());
        assertEquals("nobody asked", report.exception().getMessage());
    }

    private void failAndForget() {
        loop.createTask("doomed", () -> {
            throw new IllegalStateException("nobody asked");
        });
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    @Test
    void retrievedTaskExceptionIsNotReported() {
        Task<Object> task = loop.createTask("seen", () -> {
            throw new IllegalStateException("looked at");
        });
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(task));
        System.gc();
        loop.close();
        assertEquals(List.of(), diagnostics);
    }

    @Test
    void pendingTaskDroppedIsReported() {
        parkForever();
        System.gc();
        loop.close();
        LoopDiagnostic.PendingTaskDropped report = assertInstanceOf(LoopDiagnostic.PendingTaskDropped.class,
                diagnostics.stream().filter(LoopDiagnostic.PendingTaskDropped.class::isInstance).findFirst()
                        .orElseThrow(() -> new AssertionError("no report in " + diagnostics)));
        assertEquals("orphan", report.taskName());
    }

    private void parkForever() {
        loop.createTask("orphan", () -> {
            Future<Void> nobodyElseHasThis = loop.createFuture();
            nobodyElseHasThis.await();
        });
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    @Test
    void allTasksListsThePendingOnes() {
        Future<Void> gate = loop.createFuture();
        Task<Void> waiting = loop.createTask(() -> {
            gate.await();
        });
        Task<Integer> quick = loop.createTask(() -> 1);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of(waiting), loop.allTasks());
        assertTrue(quick.done());
        gate.setResult(null);
        loop.runUntilComplete(waiting);
        assertEquals(List.of(), loop.allTasks());
    }

    @Test
    void oneHundredThousandTasksAwaitingOneFutureAllComplete() {
        Future<Integer> gate = loop.createFuture();
        int[] woke = {0};
        for (int i = 0; i < 100_000; i++) {
            loop.createTask(() -> {
                gate.await();
                woke[0]++;
            });
        }
        loop.callSoon(() -> gate.setResult(1));
        Task<Void> last = loop.createTask(() -> {
            gate.await();
            Async.sleep(Duration.ZERO);
        });
        loop.runUntilComplete(last);
        assertEquals(100_000, woke[0]);
    }
}
