package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FutureTest extends VirtualTimeTest {
    @Test
    void pendingFutureRefusesResultAndException() {
        Future<String> f = loop.createFuture();
        assertFalse(f.done());
        assertThrows(InvalidStateException.class, f::result);
        assertThrows(InvalidStateException.class, f::exception);
    }

    @Test
    void resultIsKeptAndCompletingTwiceIsAnError() {
        Future<String> f = loop.createFuture();
        f.setResult("x");
        assertTrue(f.done());
        assertEquals("x", f.result());
        assertNull(f.exception());
        assertThrows(InvalidStateException.class, () -> f.setResult("y"));
        assertThrows(InvalidStateException.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
    }

    @Test
    void exceptionIsRethrownAsItWasEvenWhenChecked() {
        Future<String> f = loop.createFuture();
        IOException io = new IOException("gone");
        f.setException(io);
        assertSame(io, f.exception());
        Exception thrown = assertThrows(Exception.class, f::result);
        assertSame(io, thrown);
    }

    @Test
    void cancelledFutureThrowsCancelledWithItsMessage() {
        Future<String> f = loop.createFuture();
        assertTrue(f.cancel("no longer needed"));
        assertTrue(f.cancelled());
        assertTrue(f.done());
        assertEquals("no longer needed", assertThrows(CancelledException.class, f::result).getMessage());
        assertThrows(CancelledException.class, f::exception);
        assertFalse(f.cancel());
        assertThrows(InvalidStateException.class, () -> f.setResult("late"));
    }

    @Test
    void setExceptionRefusesCancellation() {
        Future<String> f = loop.createFuture();
        assertThrows(IllegalArgumentException.class, () -> f.setException(new CancelledException("no")));
    }

    @Test
    void doneCallbacksGoThroughTheLoopNeverInline() {
        Future<String> f = loop.createFuture();
        List<String> seen = new ArrayList<>();
        f.addDoneCallback(done -> seen.add("first " + done.result()));
        f.addDoneCallback(done -> seen.add("second " + done.result()));
        f.setResult("v");
        assertEquals(List.of(), seen, "not run inline by setResult");
        runBriefly();
        assertEquals(List.of("first v", "second v"), seen);
    }

    @Test
    void callbackAddedAfterDoneIsScheduledAtOnce() {
        Future<String> f = loop.createFuture();
        f.setResult("v");
        List<String> seen = new ArrayList<>();
        f.addDoneCallback(done -> seen.add(done.result()));
        assertEquals(List.of(), seen);
        runBriefly();
        assertEquals(List.of("v"), seen);
    }

    @Test
    void removeDoneCallbackRemovesEveryRegistration() {
        Future<String> f = loop.createFuture();
        List<String> seen = new ArrayList<>();
        Consumer<Future<String>> callback = done -> seen.add("removed one ran");
        f.addDoneCallback(callback);
        f.addDoneCallback(done -> seen.add("kept"));
        f.addDoneCallback(callback);
        assertEquals(2, f.removeDoneCallback(callback));
        assertEquals(0, f.removeDoneCallback(callback));
        f.cancel();
        runBriefly();
        assertEquals(List.of("kept"), seen);
    }

    @Test
    void awaitOutsideATaskFailsWithAClearMessage() {
        Future<String> f = loop.createFuture();
        IllegalStateException e = assertThrows(IllegalStateException.class, f::await);
        assertTrue(e.getMessage().contains("outside a task"), e.getMessage());
    }
}
