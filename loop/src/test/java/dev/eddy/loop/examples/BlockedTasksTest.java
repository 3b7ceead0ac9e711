package dev.eddy.loop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlockedTasksTest {

    @Test
    void theThirdTaskWorksWhileTheOtherTwoAreBlocked() {
        VirtualRun run = new VirtualRun();
        BlockedTasks.run(run.loop, run.out);
        assertEquals(List.of(
                "gr1 started work: at 0.0 seconds",
                "gr2 started work: at 0.0 seconds",
                "Let's do some stuff while the coroutines are blocked, at 0.0 seconds",
                "Done! at 1.0 seconds",
                "gr1 ended work: at 2.0 seconds",
                "gr2 ended work: at 2.0 seconds"), run.lines);
    }
}
