package dev.eddy.loop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallLaterAndStopTest {

    @Test
    void theCallbackReschedulesItselfUntilTheLoopIsStopped() {
        VirtualRun run = new VirtualRun();
        CallLaterAndStop.run(run.loop, run.out);
        assertEquals(List.of(
                "hello, and stop",
                "hello at 0.0 s",
                "starting event loop",
                "hello at 1.0 s",
                "hello at 2.0 s",
                "loop stopped at 2.5 s"), run.lines);
        assertTrue(run.loop.isClosed());
    }
}
