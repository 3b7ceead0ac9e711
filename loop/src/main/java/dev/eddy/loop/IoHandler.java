package dev.eddy.loop;

import java.nio.channels.SelectionKey;

/**
 * Receives I/O readiness for a channel registered with {@link EventLoop#register}. Called on the
 * loop thread, inline in the iteration that saw the readiness.
 */
@FunctionalInterface
public interface IoHandler {
    /** {@code key} is ready for some of its interest operations; {@link SelectionKey#readyOps()} says which. */
    void ioReady(SelectionKey key);
}
