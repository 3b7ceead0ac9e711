package dev.eddy.loop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FirstResultTest {

    @Test
    void theFirstAnswerWinsTheOtherRequestIsCancelledAndTheLoopHasNothingToReport() {
        for (long seed = 0; seed < 10; seed++) {
            VirtualRun run = new VirtualRun();
            FirstResult.run(run.loop, new Random(seed), run.out);

            List<String> finished = run.linesStartingWith("ip");
            assertEquals(2, run.linesStartingWith("Fetching IP from").size(), run.lines.toString());
            List<String> answers = finished.stream().filter(line -> line.contains("finished with result")).toList();
            List<String> cancelled = finished.stream().filter(line -> line.endsWith("was cancelled: true")).toList();
            assertEquals(1, answers.size(), run.lines.toString());
            assertEquals(1, cancelled.size(), run.lines.toString());
            assertTrue(!answers.getFirst().startsWith(cancelled.getFirst().split(" ")[0] + " "), run.lines.toString());
            assertEquals(List.of(), run.linesStartingWith("[loop]"), "no pending-task or unretrieved-exception reports");
            assertTrue(run.seconds() <= 0.5, "the run ends when the first answer arrives");
        }
    }
}
