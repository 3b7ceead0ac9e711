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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventLoopTest extends VirtualTimeTest {
    @Test
    void callbacksRunInFifoOrderWithinAnIteration() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            loop.callSoon(() -> order.add(n));
        }
        runBriefly();
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    @Test
    void callbackScheduledByACallbackRunsOnTheNextIteration() {
        List<String> order = new ArrayList<>();
        loop.callSoon(() -> {
            order.add("a");
            loop.callSoon(() -> order.add("c"));
        });
        loop.callSoon(() -> order.add("b"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("a", "b"), order, "stop ends the loop after the iteration that was ready");
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("a", "b", "c"), order);
    }

    @Test
    void timerForNowRunsAfterCallbacksAlreadyReady() {
        List<String> order = new ArrayList<>();
        loop.callAt(loop.time(), () -> order.add("timer"));
        loop.callSoon(() -> order.add("soon"));
        loop.callLater(Duration.ofSeconds(1), loop::stop);
        loop.runForever();
        assertEquals(List.of("soon", "timer"), order);
    }

    @Test
    void timersFireInDeadlineOrderInVirtualTime() {
        List<Long> fired = new ArrayList<>();
        loop.callLater(Duration.ofSeconds(30), () -> fired.add(loop.time()));
        loop.callLater(Duration.ofSeconds(10), () -> fired.add(loop.time()));
        loop.callLater(Duration.ofSeconds(20), () -> fired.add(loop.time()));
        loop.callLater(Duration.ofSeconds(31), loop::stop);
        long realStart = System.nanoTime();
        loop.runForever();
        assertEquals(List.of(10_000_000_000L, 20_000_000_000L, 30_000_000_000L), fired);
        assertTrue(System.nanoTime() - realStart < Duration.ofSeconds(5).toNanos(), "virtual time never sleeps");
    }

    @Test
    void equalDeadlinesFireInSchedulingOrder() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            loop.callLater(Duration.ofMillis(5), () -> order.add(n));
        }
        loop.callLater(Duration.ofMillis(6), loop::stop);
        loop.runForever();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order);
    }

    @Test
    void cancelledCallbacksAndTimersNeverRun() {
        List<String> ran = new ArrayList<>();
        Handle soon = loop.callSoon(() -> ran.add("soon"));
        TimerHandle later = loop.callLater(Duration.ofSeconds(1), () -> ran.add("later"));
        soon.cancel();
        later.cancel();
        assertTrue(soon.cancelled());
        loop.callLater(Duration.ofSeconds(2), loop::stop);
        loop.runForever();
        assertEquals(List.of(), ran);
    }

    @Test
    void exceptionFromACallbackGoesToTheHandlerAndTheLoopSurvives() {
        List<String> ran = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        loop.callSoon(() -> {
            throw boom;
        });
        loop.callSoon(() -> ran.add("after"));
        runBriefly();
        assertEquals(List.of("after"), ran);
        assertEquals(1, diagnostics.size());
        LoopDiagnostic.CallbackFailed failed = assertInstanceOf(LoopDiagnostic.CallbackFailed.class, diagnostics.getFirst());
        assertSame(boom, failed.exception());
    }

    @Test
    void threadSafeCallWakesALoopBlockedInSelect() throws Exception {
        EventLoop realLoop = new EventLoop();
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        realLoop.callSoon(running::countDown);
        Thread other = new Thread(() -> {
            try {
                running.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            realLoop.callSoonThreadsafe(() -> {
                ranOn.set(Thread.currentThread());
                realLoop.stop();
            });
        });
        other.start();
        realLoop.runForever(); // no timers, nothing ready: only the wake-up can end this
        other.join();
        assertSame(Thread.currentThread(), ranOn.get());
        realLoop.close();
    }

    @Test
    void runUntilCompleteDoesNotNest() {
        Future<String> outer = loop.createFuture();
        loop.callSoon(() -> {
            IllegalStateException nested = assertThrows(IllegalStateException.class,
                    () -> loop.runUntilComplete(loop.<String>createFuture()));
            outer.setResult(nested.getMessage());
        });
        assertTrue(loop.runUntilComplete(outer).contains("already running"));
    }

    @Test
    void runUntilCompleteReturnsTheResultOrRethrows() {
        assertEquals(42, loop.runUntilComplete(loop.createTask(() -> 42)));
        IllegalArgumentException failure = new IllegalArgumentException("bad");
        Task<Object> failing = loop.createTask(() -> {
            throw failure;
        });
        assertSame(failure, assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(failing)));
    }

    @Test
    void runUntilCompleteFailsIfTheLoopStopsFirst() {
        Future<String> never = loop.createFuture();
        loop.callSoon(loop::stop);
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(never));
    }

    @Test
    void currentIsTheRunningLoopOnlyWhileItRuns() {
        assertThrows(IllegalStateException.class, EventLoop::current);
        AtomicReference<EventLoop> seen = new AtomicReference<>();
        loop.callSoon(() -> seen.set(EventLoop.current()));
        runBriefly();
        assertSame(loop, seen.get());
        assertEquals(null, EventLoop.currentOrNull());
    }

    @Test
    void isRunningAndIsClosedTrackTheLifecycle() {
        AtomicReference<Boolean> runningInside = new AtomicReference<>();
        loop.callSoon(() -> runningInside.set(loop.isRunning()));
        runBriefly();
        assertTrue(runningInside.get());
        assertFalse(loop.isRunning());
        loop.close();
        assertTrue(loop.isClosed());
        assertThrows(IllegalStateException.class, loop::runForever);
        assertThrows(IllegalStateException.class, () -> loop.createTask(() -> 1));
    }

    @Test
    void runExecutesMainAndCancelsLeftoverTasks() {
        AtomicReference<Task<?>> leftover = new AtomicReference<>();
        List<String> cleanedUp = new ArrayList<>();
        String result = EventLoop.run(() -> {
            leftover.set(EventLoop.current().createTask("leftover", () -> {
                try {
                    Async.sleep(Duration.ofHours(1));
                } finally {
                    cleanedUp.add("leftover cleaned up");
                }
            }));
            Async.sleep(Duration.ZERO);
            return "done";
        });
        assertEquals("done", result);
        assertTrue(leftover.get().cancelled());
        assertEquals(List.of("leftover cleaned up"), cleanedUp);
    }

    @Test
    void runInExecutorCompletesOnTheLoopThread() {
        Thread loopThread = Thread.currentThread();
        AtomicReference<Thread> workedOn = new AtomicReference<>();
        Future<String> result = loop.runInExecutor(() -> {
            workedOn.set(Thread.currentThread());
            return "worked";
        });
        AtomicReference<Thread> completedOn = new AtomicReference<>();
        result.addDoneCallback(f -> completedOn.set(Thread.currentThread()));
        assertEquals("worked", loop.runUntilComplete(result));
        runBriefly();
        assertFalse(workedOn.get() == loopThread, "the work ran off the loop thread");
        assertSame(loopThread, completedOn.get());
    }

    @Test
    void runInExecutorCarriesTheFailure() {
        java.io.IOException io = new java.io.IOException("disk on fire");
        Future<String> result = loop.runInExecutor(() -> {
            throw io;
        });
        Task<String> awaiting = loop.createTask(() -> {
            try {
                return result.await();
            } catch (Exception e) {
                return "caught " + e.getMessage();
            }
        });
        assertEquals("caught disk on fire", loop.runUntilComplete(awaiting));
    }

    @Test
    void cancelledTimersLeaveTheHeapAtOnce() {
        for (int i = 0; i < 10_000; i++) {
            loop.callLater(Duration.ofSeconds(i + 1), () -> {}).cancel();
        }
        AtomicReference<Long> firedAt = new AtomicReference<>();
        loop.callLater(Duration.ofMillis(1), () -> {
            firedAt.set(loop.time());
            loop.stop();
        });
        loop.runForever();
        assertEquals(1_000_000L, firedAt.get());
    }

    @Test
    void deadlineSaturatesInsteadOfOverflowing() {
        assertEquals(Long.MAX_VALUE, loop.deadline(Duration.ofSeconds(Long.MAX_VALUE)));
        assertEquals(loop.time(), loop.deadline(Duration.ofSeconds(-5)));
    }
}
