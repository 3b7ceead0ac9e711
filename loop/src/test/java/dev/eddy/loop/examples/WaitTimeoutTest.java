package dev.eddy.loop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WaitTimeoutTest {

    @Test
    void aShortTimeoutGivesUpOnTheAddressAndCancelsBothLookups() {
        VirtualRun run = new VirtualRun();
        WaitTimeout.run(run.loop, Duration.ofMillis(10), new Random(6), run.out);

        assertEquals("{message=Result from asynchronous., ip=not available}", run.lines.getLast());
        assertEquals(List.of(), run.linesStartingWith("ip-api finished"));
        assertEquals(List.of(), run.linesStartingWith("ipify finished"));
        assertEquals(0.01, run.seconds(), 1e-9, "cancelled lookups end at once");
        assertEquals(List.of(), run.linesStartingWith("[loop]"));
    }

    @Test
    void aLongTimeoutWaitsForTheQuickestAnswerOnly() {
        VirtualRun run = new VirtualRun();
        WaitTimeout.run(run.loop, Duration.ofSeconds(5), new Random(6), run.out);

        assertEquals("{message=Result from asynchronous., ip=" + IpLookupService.ADDRESS + "}", run.lines.getLast());
        List<String> answers = run.lines.stream().filter(line -> line.contains("finished with result")).toList();
        assertEquals(1, answers.size(), run.lines.toString());
        assertEquals(List.of(), run.linesStartingWith("[loop]"));
    }
}
