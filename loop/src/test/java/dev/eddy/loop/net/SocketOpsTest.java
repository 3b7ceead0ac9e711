package dev.eddy.loop.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SocketOpsTest {
    private final EventLoop loop = new EventLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private static ServerSocketChannel listener() throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        listener.configureBlocking(false);
        return listener;
    }

    private static SocketChannel nonBlocking() throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        return channel;
    }

    @Test
    void connectAcceptSendAndReceive() throws IOException {
        try (ServerSocketChannel listener = listener(); SocketChannel client = nonBlocking()) {
            loop.runUntilComplete(() -> {
                Future<SocketChannel> accepting = SocketOps.sockAccept(listener);
                SocketOps.sockConnect(client, listener.getLocalAddress()).await();
                try (SocketChannel server = accepting.await()) {
                    byte[] big = new byte[4 * 1024 * 1024];
                    big[big.length - 1] = 7;
                    Future<Void> sent = SocketOps.sockSendAll(client, ByteBuffer.wrap(big));
                    ByteBuffer into = ByteBuffer.allocate(big.length);
                    while (into.hasRemaining()) {
                        assertTrue(SocketOps.sockRecvInto(server, into).await() > 0);
                    }
                    sent.await();
                    assertEquals(7, into.get(big.length - 1));
                    SocketOps.sockSendAll(server, ByteBuffer.wrap("bye".getBytes(StandardCharsets.US_ASCII))).await();
                    server.shutdownOutput();
                    ByteBuffer reply = SocketOps.sockRecv(client, 100).await();
                    assertEquals("bye", StandardCharsets.US_ASCII.decode(reply).toString());
                    assertEquals(0, SocketOps.sockRecv(client, 100).await().remaining(), "empty at end of stream");
                }
                return null;
            });
        }
    }

    @Test
    void aReceiverAndASenderShareOneSocketAndACancelledReceiveLetsGo() throws IOException {
        try (ServerSocketChannel listener = listener(); SocketChannel client = nonBlocking()) {
            loop.runUntilComplete(() -> {
                Future<SocketChannel> accepting = SocketOps.sockAccept(listener);
                SocketOps.sockConnect(client, listener.getLocalAddress()).await();
                try (SocketChannel server = accepting.await()) {
                    Future<ByteBuffer> waiting = SocketOps.sockRecv(client, 10);
                    assertThrows(IllegalStateException.class, () -> SocketOps.sockRecv(client, 10).await(),
                            "one receiver at a time");
                    waiting.cancel();
                    Async.sleep(Duration.ZERO);
                    Future<ByteBuffer> receiving = SocketOps.sockRecv(client, 10);
                    SocketOps.sockSendAll(client, ByteBuffer.wrap(new byte[] {1})).await();
                    assertEquals(1, SocketOps.sockRecv(server, 10).await().remaining());
                    SocketOps.sockSendAll(server, ByteBuffer.wrap(new byte[] {2, 3})).await();
                    assertEquals(2, receiving.await().remaining());
                }
                return null;
            });
        }
    }

    @Test
    void connectingToAClosedPortIsRefused() throws IOException {
        InetSocketAddress closed;
        try (ServerSocketChannel probe = listener()) {
            closed = (InetSocketAddress) probe.getLocalAddress();
        }
        try (SocketChannel client = nonBlocking()) {
            assertThrows(ConnectionRefusedException.class,
                    () -> loop.runUntilComplete(() -> SocketOps.sockConnect(client, closed).await()));
        }
    }

    @Test
    void blockingChannelsAreRefused() throws IOException {
        try (SocketChannel blocking = SocketChannel.open()) {
            assertThrows(IllegalArgumentException.class,
                    () -> loop.runUntilComplete(() -> SocketOps.sockRecv(blocking, 1)));
        }
    }
}
