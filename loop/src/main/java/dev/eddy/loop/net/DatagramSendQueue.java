package dev.eddy.loop.net;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The datagrams a {@link DatagramChannelTransport} could not send at once, in order, bounded both
 * in bytes and in count (so that a flood of empty datagrams is bounded too).
 */
final class DatagramSendQueue {
    /** One queued datagram: a private copy of its bytes and where it goes. */
    record Pending(ByteBuffer data, SocketAddress target) {}

    private final ArrayDeque<Pending> entries = new ArrayDeque<>();
    private final int maxBytes;
    private final int maxDatagrams;
    private int bytes;

    DatagramSendQueue(int maxBytes, int maxDatagrams) {
        this.maxBytes = maxBytes;
        this.maxDatagrams = maxDatagrams;
    }

    /**
     * Queues a copy of {@code data}'s remaining bytes, leaving {@code data} untouched.
     *
     * @return {@code false}, queueing nothing, if the datagram would overrun either bound
     */
    boolean offer(ByteBuffer data, SocketAddress target) {
        int size = data.remaining();
        if (entries.size() >= maxDatagrams || size > maxBytes - bytes) {
            return false;
        }
        ByteBuffer copy = ByteBuffer.allocate(size);
        copy.put(data.duplicate()).flip();
        entries.add(new Pending(copy, target));
        bytes += size;
        return true;
    }

    /** The oldest datagram, or {@code null}. */
    Pending peek() {
        return entries.peek();
    }

    /** Drops the oldest datagram (sent, or failed for good). */
    void removeFirst() {
        bytes -= entries.remove().data().capacity();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The bytes of payload queued. */
    int bytes() {
        return bytes;
    }

    /** How many datagrams are queued. */
    int size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
        bytes = 0;
    }

    /** A sentence for the drop error. */
    String describeLimits() {
        return maxDatagrams + " datagrams or " + maxBytes + " bytes";
    }
}
