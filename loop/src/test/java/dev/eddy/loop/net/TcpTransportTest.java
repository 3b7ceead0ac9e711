package dev.eddy.loop.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.VirtualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpTransportTest {
    private final EventLoop loop = new EventLoop();
    private final List<RecordingProtocol> accepted = new ArrayList<>();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private Server recordingServer(String host) {
        return loop.runUntilComplete(Net.createServer(loop, host, 0, () -> {
            RecordingProtocol p = new RecordingProtocol(loop);
            accepted.add(p);
            return p;
        }));
    }

    private RecordingProtocol connect(Server server) {
        RecordingProtocol client = new RecordingProtocol(loop);
        loop.runUntilComplete(Net.createConnection(loop, server.address().getHostString(), server.port(), () -> client));
        return client;
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void bytesGoBothWaysAndACleanCloseReportsNoCause() {
        Server server = recordingServer("127.0.0.1");
        RecordingProtocol client = connect(server);
        loop.runUntilComplete(() -> {
            client.transport.write(ascii("ping"));
            // A small write goes to the socket at once: nothing is left buffered.
            assertEquals(0, client.transport.getWriteBufferSize());
            accepted.getFirst().receivedAtLeast(4).await();
            accepted.getFirst().transport.write(ascii("pong"));
            client.receivedAtLeast(4).await();
            assertEquals(server.address(), client.transport.peerAddress());
            assertEquals(client.transport.localAddress(), accepted.getFirst().transport.peerAddress());
            client.transport.close();
            assertTrue(client.transport.isClosing());
            assertNull(client.lost.await());
            accepted.getFirst().eof.await();
            assertNull(accepted.getFirst().lost.await());
            return null;
        });
        assertEquals("ping", accepted.getFirst().text());
        assertEquals("pong", client.text());
        server.close();
    }

    @Test
    void worksOverIpv6Loopback() {
        Server server = recordingServer("::1");
        RecordingProtocol client = connect(server);
        loop.runUntilComplete(() -> {
            client.transport.write(ascii("six"));
            accepted.getFirst().receivedAtLeast(3).await();
            return null;
        });
        assertEquals("six", accepted.getFirst().text());
        assertInstanceOf(java.net.Inet6Address.class, ((InetSocketAddress) client.transport.peerAddress()).getAddress());
        client.transport.abort();
        server.close();
    }

    @Test
    void aPeerThatStopsReadingPausesTheWriterAndDrainingResumesIt() {
        Server server = recordingServer("127.0.0.1");
        RecordingProtocol client = connect(server);
        loop.runUntilComplete(() -> {
            RecordingProtocol peer = accepted.getFirst();
            peer.made.await();
            peer.transport.pauseReading();
            assertFalse(peer.transport.isReading());
            byte[] chunk = new byte[256 * 1024];
            int sent = 0;
            while (client.pauses == 0 && sent < 64 * 1024 * 1024) {
                client.transport.write(ByteBuffer.wrap(chunk));
                sent += chunk.length;
            }
            assertEquals(1, client.pauses, "the writer is paused once the buffer passes 64 KiB");
            assertTrue(client.transport.getWriteBufferSize() > Transport.DEFAULT_HIGH_WATER);
            peer.transport.resumeReading();
            peer.receivedAtLeast(sent).await();
            assertEquals(1, client.resumes, "and resumed once it drained");
            assertEquals(0, client.transport.getWriteBufferSize());
            client.transport.close();
            peer.lost.await();
            return null;
        });
        server.close();
    }

    @Test
    void writeCopyLetsTheCallerReuseTheBufferEvenWhenPartOfItWasQueued() {
        Server server = recordingServer("127.0.0.1");
        RecordingProtocol client = connect(server);
        loop.runUntilComplete(() -> {
            RecordingProtocol peer = accepted.getFirst();
            peer.made.await();
            peer.transport.pauseReading();
            byte[] chunk = new byte[1024 * 1024];
            ByteBuffer reused = ByteBuffer.wrap(chunk);
            int sent = 0;
            int round = 0;
            while (client.transport.getWriteBufferSize() == 0 && sent < 64 * 1024 * 1024) {
                java.util.Arrays.fill(chunk, (byte) ('a' + round++ % 26));
                reused.clear();
                client.transport.writeCopy(reused);
                sent += chunk.length;
            }
            assertTrue(client.transport.getWriteBufferSize() > 0, "the last write was only partly sent");
            java.util.Arrays.fill(chunk, (byte) '!'); // must not reach the peer
            peer.transport.resumeReading();
            peer.receivedAtLeast(sent).await();
            byte[] got = peer.received.toByteArray();
            assertEquals(sent, got.length);
            for (int i = 0; i < got.length; i++) {
                assertEquals((byte) ('a' + i / chunk.length % 26), got[i], "byte " + i);
            }
            client.transport.close();
            peer.lost.await();
            return null;
        });
        server.close();
    }

    @Test
    void halfCloseLetsThePeerAnswerAfterOurEof() {
        Server server = loop.runUntilComplete(Net.createServer(loop, "127.0.0.1", 0, () -> new Protocol() {
            private Transport transport;
            private int count;

            @Override
            public void connectionMade(Transport t) {
                transport = t;
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                count += data.remaining();
            }

            @Override
            public boolean eofReceived() {
                transport.write(ascii("got " + count));
                transport.close();
                return true;
            }
        }));
        RecordingProtocol client = connect(server);
        client.keepOpenOnEof = true;
        loop.runUntilComplete(() -> {
            assertTrue(client.transport.canWriteEof());
            client.transport.write(ascii("hello"));
            client.transport.writeEof();
            client.eof.await();
            assertNull(client.lost.await());
            return null;
        });
        assertEquals("got 5", client.text());
        server.close();
    }

    @Test
    void aResetInTheMiddleOfAWriteIsATypedErrorAndTheLoopCarriesOn() {
        // On the first bytes the server closes with more unread in its receive buffer: the kernel sends a reset.
        Server server = loop.runUntilComplete(Net.createServer(loop, "127.0.0.1", 0, () -> new Protocol() {
            private Transport transport;

            @Override
            public void connectionMade(Transport t) {
                transport = t;
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                transport.abort();
            }
        }));
        RecordingProtocol client = connect(server);
        Throwable cause = loop.runUntilComplete(() -> {
            byte[] chunk = new byte[1024 * 1024];
            for (int i = 0; i < 16; i++) {
                client.transport.write(ByteBuffer.wrap(chunk));
            }
            return client.lost.await();
        });
        assertInstanceOf(ConnectionResetException.class, cause);
        assertTrue(cause.getMessage().contains("127.0.0.1"), cause.getMessage());
        assertTrue(client.transport.isClosing());
        // The loop still works after the error.
        assertEquals(42, loop.runUntilComplete(() -> 42));
        server.close();
    }

    @Test
    void connectingToAClosedPortIsRefused() throws IOException {
        int port;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        Future<Transport> attempt = Net.createConnection(loop, "127.0.0.1", port, () -> new RecordingProtocol(loop));
        ConnectionRefusedException refused =
                assertThrows(ConnectionRefusedException.class, () -> loop.runUntilComplete(attempt));
        assertTrue(refused.getMessage().contains(":" + port), refused.getMessage());
    }

    @Test
    void aConnectToABlackHoleTimesOutInVirtualTime() throws IOException {
        // A loopback black hole: a listener with a backlog of one that never accepts. Once its queue is
        // full the kernel drops further SYNs, so the next connect hangs as it would on a dead network.
        try (EventLoop virtual = new EventLoop(new VirtualClock());
                ServerSocketChannel hole = ServerSocketChannel.open()) {
            hole.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            InetSocketAddress address = (InetSocketAddress) hole.getLocalAddress();
            List<SocketChannel> fillers = fillAcceptQueue(address);
            try {
                Future<Transport> attempt = Net.createConnection(virtual, "127.0.0.1", address.getPort(),
                        () -> new RecordingProtocol(virtual),
                        ConnectOptions.DEFAULTS.withConnectTimeout(Duration.ofSeconds(30)));
                long start = virtual.time();
                ConnectTimeoutException timedOut =
                        assertThrows(ConnectTimeoutException.class, () -> virtual.runUntilComplete(attempt));
                assertEquals(Duration.ofSeconds(30).toNanos(), virtual.time() - start);
                assertTrue(timedOut.getMessage().contains("127.0.0.1:" + address.getPort()), timedOut.getMessage());
            } finally {
                for (SocketChannel filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    /**
     * Fills the accept queue of a listener with a backlog of one. Linux queues backlog + 1
     * connections; these two complete at once, and every connect after them finds the queue full.
     */
    private static List<SocketChannel> fillAcceptQueue(InetSocketAddress address) throws IOException {
        List<SocketChannel> fillers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            fillers.add(SocketChannel.open(address));
        }
        return fillers;
    }

    @Test
    void aClosedServerStopsAcceptingAndWaitClosedWaitsForItsConnections() {
        Server server = recordingServer("127.0.0.1");
        RecordingProtocol first = connect(server);
        RecordingProtocol second = connect(server);
        loop.runUntilComplete(() -> {
            accepted.get(1).made.await();
            assertEquals(2, server.connectionCount());
            server.close();
            assertFalse(server.isServing());
            Future<Void> closed = server.waitClosed();
            assertThrows(ConnectionRefusedException.class,
                    () -> Net.createConnection(loop, "127.0.0.1", server.port(), () -> new RecordingProtocol(loop)).await());
            first.transport.close();
            accepted.get(0).lost.await();
            assertFalse(closed.done(), "one connection is still open");
            second.transport.close();
            closed.await();
            assertEquals(0, server.connectionCount());
            return null;
        });
    }

    @Test
    void aBufferedProtocolReceivesIntoItsOwnBuffer() {
        Server server = recordingServer("127.0.0.1");
        ByteBuffer own = ByteBuffer.allocate(10);
        Future<Void> full = loop.createFuture();
        BufferedProtocol buffered = new BufferedProtocol() {
            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                return own;
            }

            @Override
            public void bufferUpdated(int count) {
                if (!own.hasRemaining()) {
                    full.setResult(null);
                }
            }
        };
        Transport transport = loop.runUntilComplete(
                Net.createConnection(loop, "127.0.0.1", server.port(), () -> buffered));
        loop.runUntilComplete(() -> {
            while (accepted.isEmpty()) {
                dev.eddy.loop.Async.sleep(Duration.ZERO);
            }
            accepted.getFirst().made.await().write(ascii("0123456789"));
            full.await();
            return null;
        });
        assertEquals("0123456789", new String(own.array(), StandardCharsets.US_ASCII));
        transport.abort();
        server.close();
    }

    @Test
    void aBufferedProtocolCanScatterOneReadOverSeveralBuffers() {
        Server server = recordingServer("127.0.0.1");
        ByteBuffer head = ByteBuffer.allocateDirect(3);
        ByteBuffer body = ByteBuffer.allocateDirect(4);
        ByteBuffer rest = ByteBuffer.allocate(16);
        List<Long> filled = new ArrayList<>();
        Future<Void> ended = loop.createFuture();
        BufferedProtocol scattering = new BufferedProtocol() {
            @Override
            public int getBuffers(ByteBuffer[] into) {
                if (head.hasRemaining() || body.hasRemaining()) {
                    into[0] = head;
                    into[1] = body;
                    return 2;
                }
                return 0; // once both are full, plain reads into getBuffer
            }

            @Override
            public void buffersFilled(long count) {
                filled.add(count);
            }

            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                return rest;
            }

            @Override
            public void bufferUpdated(int count) {
            }

            @Override
            public boolean eofReceived() {
                ended.setResult(null);
                return false;
            }
        };
        Transport transport = loop.runUntilComplete(
                Net.createConnection(loop, "127.0.0.1", server.port(), () -> scattering));
        loop.runUntilComplete(() -> {
            while (accepted.isEmpty()) {
                dev.eddy.loop.Async.sleep(Duration.ZERO);
            }
            Transport peer = accepted.getFirst().made.await();
            peer.write(ascii("abcdefgXYZ"));
            peer.writeEof();
            ended.await();
            return null;
        });
        assertEquals("abc", StandardCharsets.US_ASCII.decode(head.flip()).toString());
        assertEquals("defg", StandardCharsets.US_ASCII.decode(body.flip()).toString());
        assertEquals("XYZ", StandardCharsets.US_ASCII.decode(rest.flip()).toString());
        assertEquals(7L, filled.stream().mapToLong(Long::longValue).sum(), "the scattered reads brought 7 bytes: " + filled);
        transport.abort();
        server.close();
    }

    @Test
    void writeBufferLimitsAreChecked() {
        Server server = recordingServer("127.0.0.1");
        RecordingProtocol client = connect(server);
        assertThrows(IllegalArgumentException.class, () -> client.transport.setWriteBufferLimits(10, 20));
        client.transport.setWriteBufferLimits(0, 0);
        client.transport.abort();
        server.close();
    }
}
