package dev.eddy.loop.examples;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** An example run in virtual time, its output captured line by line. */
final class VirtualRun {
    final VirtualClock clock = new VirtualClock();
    final EventLoop loop = new EventLoop(clock);
    final List<String> lines = new ArrayList<>();
    final Consumer<String> out = lines::add;

    /** The lines that start with {@code prefix}, in order. */
    List<String> linesStartingWith(String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).toList();
    }

    /** Virtual seconds since the loop's clock started. */
    double seconds() {
        return clock.nanoTime() / 1e9;
    }
}
