package dev.eddy.cli;

import sun.misc.Signal;

/**
 * Hooks SIGINT and SIGTERM to {@link MainTask#interrupt()}. Only the real command does this; the
 * in-process tests call {@code interrupt()} themselves. {@code sun.misc.Signal} (module
 * jdk.unsupported, kept for exactly this use) is the only JDK way to see a second Ctrl-C: a shutdown
 * hook runs once and cannot tell the first from the second.
 */
final class Signals {
    private Signals() {
    }

    /**
     * Installs the handlers.
     *
     * @param mainTask where the interrupts go
     */
    static void forward(MainTask mainTask) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> mainTask.interrupt());
            } catch (IllegalArgumentException e) {
                // The platform lacks this signal, or the JVM reserves it (-Xrs): keep the default.
            }
        }
    }
}
