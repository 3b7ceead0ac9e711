package dev.eddy.loop.examples;

import dev.eddy.loop.Coroutine;
import dev.eddy.loop.EventLoop;
import java.util.function.Consumer;

/** How every example runs its main task: on a loop whose diagnostics it prints, closing the loop after. */
final class ExampleLoop {
    private ExampleLoop() {}

    /** Prints each of the loop's diagnostics to {@code out}, where the example's output can be read with it. */
    static void printDiagnostics(EventLoop loop, Consumer<String> out) {
        loop.setDiagnosticHandler(diagnostic -> out.accept("[loop] " + diagnostic.message()));
    }

    /**
     * Runs {@code main} as a task until it completes, then closes the loop. The garbage collector runs
     * first, so that a task dropped with an exception nobody retrieved is reported at once: CPython's
     * reference counting notices that as soon as the last reference goes, a JVM only when it collects.
     */
    static <T> T runAndClose(EventLoop loop, Consumer<String> out, Coroutine<T> main) {
        printDiagnostics(loop, out);
        try {
            return loop.runUntilComplete(loop.createTask("main", main));
        } finally {
            System.gc();
            loop.close();
        }
    }
}
