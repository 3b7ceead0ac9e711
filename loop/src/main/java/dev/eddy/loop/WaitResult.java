package dev.eddy.loop;

import java.util.Set;

/**
 * What {@link Async#wait} returns: the futures that were done and those still pending, each in
 * the order they were given.
 */
public record WaitResult<F extends Future<?>>(Set<F> done, Set<F> pending) {}
