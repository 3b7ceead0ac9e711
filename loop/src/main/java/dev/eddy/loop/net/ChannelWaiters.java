package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.IoHandler;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The operations of {@link SocketOps} waiting on one channel: at most one waiting to receive (or
 * accept) and one waiting to send (or connect), so a reader task and a writer task can share a
 * socket. The channel's selection key carries it as its handler.
 */
final class ChannelWaiters implements IoHandler {
    /**
     * Per loop thread, each channel's waiters. Weak keys: the waiters never refer back to their
     * channel, so a channel dropped by its owner takes its entry with it.
     */
    private static final ThreadLocal<Map<SelectableChannel, ChannelWaiters>> PER_THREAD =
            ThreadLocal.withInitial(WeakHashMap::new);

    private Runnable inbound;
    private int inboundOp;
    private Runnable outbound;
    private int outboundOp;

    private ChannelWaiters() {}

    /** The waiters of {@code channel} on the calling loop thread, made on first use. */
    static ChannelWaiters of(SelectableChannel channel) {
        return PER_THREAD.get().computeIfAbsent(channel, c -> new ChannelWaiters());
    }

    /** Drops {@code channel}'s waiters, when a transport takes the channel over. */
    static void forget(SelectableChannel channel) {
        PER_THREAD.get().remove(channel);
    }

    /**
     * Runs {@code retry} once {@code channel} is ready for {@code op}.
     *
     * @throws IllegalStateException if another operation already waits in the same direction
     */
    void await(EventLoop loop, SelectableChannel channel, int op, Runnable retry) {
        boolean in = op == SelectionKey.OP_READ || op == SelectionKey.OP_ACCEPT;
        if (in ? inbound != null : outbound != null) {
            throw new IllegalStateException("another task is already waiting to "
                    + (in ? "receive from" : "send to") + " " + channel + "; one at a time in each direction");
        }
        if (in) {
            inbound = retry;
            inboundOp = op;
        } else {
            outbound = retry;
            outboundOp = op;
        }
        loop.register(channel, interest(), this);
    }

    /** Stops waiting with {@code retry} (its operation was cancelled). */
    void cancel(EventLoop loop, SelectableChannel channel, Runnable retry) {
        if (inbound == retry) {
            inbound = null;
        } else if (outbound == retry) {
            outbound = null;
        } else {
            return;
        }
        if (channel.isOpen()) {
            // Registering again with the same handler just updates the existing key's interest.
            loop.register(channel, interest(), this);
        }
    }

    private int interest() {
        return (inbound == null ? 0 : inboundOp) | (outbound == null ? 0 : outboundOp);
    }

    @Override
    public void ioReady(SelectionKey key) {
        int ready = key.readyOps();
        Runnable in = inbound;
        if (in != null && (ready & inboundOp) != 0) {
            inbound = null;
            in.run();
        }
        Runnable out = outbound;
        if (out != null && (ready & outboundOp) != 0) {
            outbound = null;
            out.run();
        }
        if (key.isValid()) {
            key.interestOps(interest());
        }
    }
}
