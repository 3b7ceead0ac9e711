package dev.eddy.loop.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class DatagramSendQueueTest {
    private static final SocketAddress TARGET = new InetSocketAddress("127.0.0.1", 9);

    @Test
    void keepsPrivateCopiesInOrderAndCountsTheirBytes() {
        DatagramSendQueue queue = new DatagramSendQueue(100, 10);
        ByteBuffer first = ByteBuffer.wrap(new byte[] {1, 2, 3});
        assertTrue(queue.offer(first, TARGET));
        first.put(0, (byte) 9);
        assertTrue(queue.offer(ByteBuffer.wrap(new byte[] {4}), TARGET));

        assertEquals(0, first.position(), "the caller's buffer is left as it was");
        assertEquals(4, queue.bytes());
        assertEquals(1, queue.peek().data().get(0));
        assertEquals(TARGET, queue.peek().target());
        queue.removeFirst();
        assertEquals(4, queue.peek().data().get(0));
        assertEquals(1, queue.bytes());
    }

    @Test
    void refusesWhatWouldOverrunTheByteBound() {
        DatagramSendQueue queue = new DatagramSendQueue(10, 10);
        assertTrue(queue.offer(ByteBuffer.allocate(8), TARGET));
        assertFalse(queue.offer(ByteBuffer.allocate(3), TARGET));
        assertTrue(queue.offer(ByteBuffer.allocate(2), TARGET));
        assertEquals(10, queue.bytes());
        assertEquals(2, queue.size());
    }

    @Test
    void boundsEmptyDatagramsByCount() {
        DatagramSendQueue queue = new DatagramSendQueue(10, 2);
        assertTrue(queue.offer(ByteBuffer.allocate(0), TARGET));
        assertTrue(queue.offer(ByteBuffer.allocate(0), TARGET));
        assertFalse(queue.offer(ByteBuffer.allocate(0), TARGET));
        queue.clear();
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.bytes());
    }
}
