package dev.eddy.loop.examples;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Nine tasks that each take a random time, run twice: one after another, when they finish in the
 * order they were started, then all at once, when they finish in the order of their durations and
 * the whole batch takes only as long as the slowest.
 *
 * <pre>loop/examples/run TaskOrdering [--seed N]</pre>
 */
public final class TaskOrdering {
    static final int TASKS = 9;
    private static final int MAX_MILLIS = 2000;

    private TaskOrdering() {}

    /** Runs the example on {@code loop}, then closes it; the output goes to {@code out}. */
    public static void run(EventLoop loop, Random random, Consumer<String> out) {
        ExampleLoop.runAndClose(loop, out, () -> {
            out.accept("Synchronous:");
            Elapsed batch = Elapsed.since(loop);
            for (int id = 1; id <= TASKS; id++) {
                work(id, random, out);
            }
            out.accept("took " + batch.seconds(3) + " s");

            out.accept("Asynchronous:");
            batch = Elapsed.since(loop);
            List<Task<Void>> tasks = new ArrayList<>();
            for (int id = 1; id <= TASKS; id++) {
                int task = id;
                tasks.add(loop.createTask(() -> work(task, random, out)));
            }
            Async.gather(tasks).await();
            out.accept("took " + batch.seconds(3) + " s");
            return null;
        });
    }

    private static Void work(int id, Random random, Consumer<String> out) {
        long millis = random.nextLong(MAX_MILLIS + 1);
        Async.sleep(Duration.ofMillis(millis));
        out.accept("Task " + id + " done after " + millis + " ms");
        return null;
    }

    /** {@code [--seed N]} */
    public static void main(String[] args) {
        run(new EventLoop(), ExampleArgs.random(args), System.out::println);
    }
}
