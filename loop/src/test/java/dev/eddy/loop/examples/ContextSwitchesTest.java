package dev.eddy.loop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContextSwitchesTest {

    @Test
    void theTasksTakeTurnsAtEachYield() {
        VirtualRun run = new VirtualRun();
        ContextSwitches.run(run.loop, run.out);
        assertEquals(List.of(
                "Running in foo",
                "Explicit context to bar",
                "Explicit context switch to foo again",
                "Implicit context switch back to bar"), run.lines);
        assertEquals(0, run.clock.nanoTime(), "yielding takes no time");
    }
}
