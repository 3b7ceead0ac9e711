package dev.eddy.loop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskOrderingTest {

    @Test
    void inSequenceTheyFinishInOrderTogetherInOrderOfDuration() {
        VirtualRun run = new VirtualRun();
        TaskOrdering.run(run.loop, new Random(3), run.out);

        int asyncHeader = run.lines.indexOf("Asynchronous:");
        List<String> sequential = run.lines.subList(1, 1 + TaskOrdering.TASKS);
        List<String> together = run.lines.subList(asyncHeader + 1, asyncHeader + 1 + TaskOrdering.TASKS);

        assertEquals(IntStream.rangeClosed(1, TaskOrdering.TASKS).boxed().toList(), ids(sequential));
        assertEquals(together.stream().sorted(Comparator.comparingLong(TaskOrderingTest::millis)).toList(), together);
        assertNotEquals(ids(sequential), ids(together), "with this seed the durations are not in start order");

        long sum = sequential.stream().mapToLong(TaskOrderingTest::millis).sum();
        long max = together.stream().mapToLong(TaskOrderingTest::millis).max().orElseThrow();
        assertEquals(String.format("took %.3f s", sum / 1000.0), run.lines.get(asyncHeader - 1));
        assertEquals(String.format("took %.3f s", max / 1000.0), run.lines.getLast());
    }

    private static List<Integer> ids(List<String> lines) {
        return lines.stream().map(line -> Integer.parseInt(line.split(" ")[1])).toList();
    }

    private static long millis(String line) {
        String[] words = line.split(" ");
        return Long.parseLong(words[words.length - 2]);
    }
}
