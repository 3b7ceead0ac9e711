package dev.eddy.loop.sync;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.VirtualClock;
import dev.eddy.loop.VoidCoroutine;
import java.time.Duration;

/** Runs test scenarios as a main task on a fresh loop in virtual time. */
final class VirtualLoop {
    private VirtualLoop() {}

    /** Runs {@code main} as a task on a new virtual-time loop until it completes, then closes the loop. */
    static void run(VoidCoroutine main) {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.runUntilComplete(loop.createTask("main", main));
        }
    }

    /**
     * Inside a task: lets every other ready task run until all of them are parked again. Virtual
     * time only jumps once nothing is ready, so one virtual second covers any chain of wake-ups.
     */
    static void settle() {
        Async.sleep(Duration.ofSeconds(1));
    }
}
