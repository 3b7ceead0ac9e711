package dev.eddy.loop;

/**
 * Rethrows any throwable unchanged, checked ones included, so that {@code await()} surfaces the
 * exact failure without checked-exception plumbing in coroutine code.
 */
final class Sneaky {
    private Sneaky() {}

    /** Throws {@code t}; the declared return type lets callers write {@code throw Sneaky.rethrow(t)}. */
    static RuntimeException rethrow(Throwable t) {
        Sneaky.<RuntimeException>throwAs(t);
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void throwAs(Throwable t) throws E {
        throw (E) t;
    }
}
