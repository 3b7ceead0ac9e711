package dev.eddy.loop;

/**
 * Checks that the JVM exports the JDK's continuation package to Eddy, before anything links
 * {@link TaskContinuation}, whose supertype is in that package.
 */
final class ContinuationAccess {
    /** The JVM option every launcher of Eddy code must pass. */
    static final String REQUIRED_FLAG = "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED";

    private static volatile boolean verified;

    private ContinuationAccess() {}

    /** Returns quietly if tasks can run, or throws an error that names the missing flag. */
    static void check() {
        if (verified) {
            return;
        }
        if (!Object.class.getModule().isExported("jdk.internal.vm", ContinuationAccess.class.getModule())) {
            throw new IllegalStateException("Eddy tasks run on the JDK's internal continuations, so the JVM needs "
                    + REQUIRED_FLAG + " (the eddy launcher, the jar's manifest and the test runner all set it)");
        }
        verified = true;
    }
}
