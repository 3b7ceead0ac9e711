package dev.eddy.loop;

/** Where a task was created, kept in debug mode so reports about the task can point at its origin. */
final class CreationSite {
    private static final StackTraceElement[] NONE = new StackTraceElement[0];

    /** The loop's own frames between the user's call and the capture. */
    private static final java.util.Set<String> LOOP_FRAMES = java.util.Set.of(
            CreationSite.class.getName(), EventLoop.class.getName(), Task.class.getName(),
            Async.class.getName(), TaskGroup.class.getName(), Timeout.class.getName());

    private CreationSite() {}

    /** The caller's stack without the loop's own frames, or nothing when not in debug mode. */
    static StackTraceElement[] capture(boolean debug) {
        if (!debug) {
            return NONE;
        }
        return StackWalker.getInstance().walk(frames -> frames
                .dropWhile(f -> LOOP_FRAMES.contains(f.getClassName()))
                .limit(16)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .toArray(StackTraceElement[]::new));
    }

    static String describe(StackTraceElement[] site) {
        return site.length == 0 ? "" : "; created at " + site[0];
    }
}
