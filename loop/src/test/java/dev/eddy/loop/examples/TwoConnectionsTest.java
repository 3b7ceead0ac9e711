package dev.eddy.loop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TwoConnectionsTest {
    private static final Pattern CLOSED = Pattern.compile("Closed connection to (\\S+) after (\\d) s of work");

    @Test
    void bothStartAtOnceAndCloseInOrderOfTheirWork() {
        VirtualRun run = new VirtualRun();
        TwoConnections.run(run.loop, new Random(1), run.out);

        assertEquals(List.of("About to open a connection to 192.0.2.53", "About to open a connection to 198.51.100.53"),
                run.lines.subList(0, 2));
        assertEquals(2, run.linesStartingWith("Connection open").size());
        List<String> closed = run.linesStartingWith("Closed");
        int first = workSeconds(closed.get(0));
        int second = workSeconds(closed.get(1));
        assertTrue(first <= second, closed.toString());
        assertTrue(run.seconds() < second + 0.2, "the work overlapped, so the run lasts as long as the longer one");
    }

    @Test
    void theClosingOrderVariesFromRunToRun() {
        Set<String> firstToClose = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            VirtualRun run = new VirtualRun();
            TwoConnections.run(run.loop, new Random(seed), run.out);
            String firstClosed = run.linesStartingWith("Closed").getFirst();
            Matcher m = CLOSED.matcher(firstClosed);
            assertTrue(m.matches(), firstClosed);
            firstToClose.add(m.group(1));
        }
        assertEquals(Set.of("192.0.2.53", "198.51.100.53"), firstToClose);
    }

    private static int workSeconds(String line) {
        Matcher m = CLOSED.matcher(line);
        assertTrue(m.matches(), line);
        return Integer.parseInt(m.group(2));
    }
}
