package dev.eddy.loop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GatheredExceptionsTest {
    private static final String MISSING_FIELD = "java.util.NoSuchElementException: no field 'this-is-not-a-field'";

    @Test
    void retrievedOutcomesShowTheUnexpectedErrorInInputOrderAndNothingIsReported() {
        VirtualRun run = new VirtualRun();
        GatheredExceptions.run(run.loop, GatheredExceptions.Mode.RETRIEVED, new Random(5), run.out);

        assertEquals(List.of("borken is unresponsive"), run.linesStartingWith("borken"));
        List<String> results = run.lines.subList(run.lines.size() - 3, run.lines.size());
        assertEquals("Result: " + IpLookupService.ADDRESS, results.get(0));
        assertEquals("Result: not available", results.get(1));
        assertTrue(results.get(2).startsWith("Unexpected error: " + MISSING_FIELD), results.get(2));
        assertEquals(List.of(), run.linesStartingWith("[loop]"));
    }

    @Test
    void ignoredOutcomesLeaveTheLoopToReportTheExceptionNobodyRetrieved() {
        VirtualRun run = new VirtualRun();
        GatheredExceptions.run(run.loop, GatheredExceptions.Mode.IGNORED, new Random(5), run.out);

        assertEquals(List.of(), run.linesStartingWith("Unexpected error"));
        List<String> reports = run.linesStartingWith("[loop]");
        assertEquals(1, reports.size(), run.lines.toString());
        assertTrue(reports.getFirst().startsWith(
                "[loop] Task exception was never retrieved: task 'ipify' failed with " + MISSING_FIELD), reports.getFirst());
    }
}
