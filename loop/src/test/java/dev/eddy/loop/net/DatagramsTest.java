package dev.eddy.loop.net;

import static dev.eddy.loop.net.DatagramRecorder.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.EventLoop;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatagramsTest {
    private static final InetSocketAddress LOOPBACK4 = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final EventLoop loop = new EventLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private DatagramEndpoint<DatagramRecorder> open(SocketAddress local, SocketAddress remote, boolean echo) {
        return Datagrams.createEndpoint(loop, local, remote,
                () -> echo ? DatagramRecorder.echoing(loop) : new DatagramRecorder(loop)).await();
    }

    @Test
    void unconnectedEndpointsExchangeDatagramsOverIpv4() {
        loop.runUntilComplete(() -> {
            var server = open(LOOPBACK4, null, true);
            var client = open(LOOPBACK4, null, false);
            SocketAddress serverAddress = server.transport().localAddress();

            client.transport().sendTo(text("ping"), serverAddress);
            DatagramRecorder.Received reply = client.protocol().next().await();

            assertEquals("ping", reply.text());
            assertEquals(serverAddress, reply.sender());
            assertEquals(client.transport().localAddress(), server.protocol().datagrams.getFirst().sender());
            assertNull(client.transport().peerAddress());
            return null;
        });
    }

    @Test
    void connectedEndpointSendsToItsPeerWithoutATarget() {
        loop.runUntilComplete(() -> {
            var server = open(LOOPBACK4, null, true);
            SocketAddress serverAddress = server.transport().localAddress();
            var client = open(null, serverAddress, false);

            assertEquals(serverAddress, client.transport().peerAddress());
            client.transport().sendTo(text("hello"), null);
            client.transport().sendTo(text("again"), serverAddress);

            assertEquals("hello", client.protocol().next().await().text());
            assertEquals("again", client.protocol().next().await().text());
            return null;
        });
    }

    @Test
    void ipv6LoopbackRoundTrip() {
        loop.runUntilComplete(() -> {
            var local6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
            var server = open(local6, null, true);
            var client = open(local6, null, false);

            client.transport().sendTo(text("over six"), server.transport().localAddress());
            DatagramRecorder.Received reply = client.protocol().next().await();

            assertEquals("over six", reply.text());
            assertEquals(InetAddress.getByName("::1"), ((InetSocketAddress) reply.sender()).getAddress());
            return null;
        });
    }

    @Test
    void manyDatagramsOfEverySizeUpToTheLargestArriveIntact() {
        loop.runUntilComplete(() -> {
            var server = open(LOOPBACK4, null, true);
            var client = open(LOOPBACK4, null, false);
            SocketAddress serverAddress = server.transport().localAddress();
            int count = 1000;
            int window = 16;
            Set<Integer> echoed = new HashSet<>();
            int sent = 0;
            for (; sent < window; sent++) {
                client.transport().sendTo(numbered(sent), serverAddress);
            }
            while (echoed.size() < count) {
                byte[] bytes = client.protocol().next().await().bytes();
                int number = ByteBuffer.wrap(bytes).getInt();
                assertEquals(sizeOf(number), bytes.length);
                assertTrue(echoed.add(number), "echoed twice: " + number);
                if (sent < count) {
                    client.transport().sendTo(numbered(sent++), serverAddress);
                }
            }

            byte[] largest = new byte[65_507];
            largest[65_506] = 42;
            client.transport().sendTo(ByteBuffer.wrap(largest), serverAddress);
            assertArrayEquals(largest, client.protocol().next().await().bytes());
            assertTrue(client.protocol().errors.isEmpty(), () -> "errors: " + client.protocol().errors);
            return null;
        });
    }

    private static int sizeOf(int number) {
        return 4 + (number * 37) % 1400;
    }

    private static ByteBuffer numbered(int number) {
        ByteBuffer datagram = ByteBuffer.allocate(sizeOf(number));
        datagram.putInt(number).position(0);
        return datagram;
    }

    @Test
    void icmpPortUnreachableOnAConnectedEndpointReachesErrorReceivedAndTheEndpointStaysOpen() {
        loop.runUntilComplete(() -> {
            SocketAddress closedPort;
            try (DatagramChannel probe = DatagramChannel.open()) {
                probe.bind(LOOPBACK4);
                closedPort = probe.getLocalAddress();
            }
            var client = open(null, closedPort, false);

            client.transport().sendTo(text("anyone?"), null);
            Exception error = client.protocol().nextError().await();

            assertInstanceOf(PortUnreachableException.class, error);
            assertTrue(!client.transport().isClosing());
            client.transport().sendTo(text("still there?"), null);
            assertInstanceOf(PortUnreachableException.class, client.protocol().nextError().await());
            return null;
        });
    }

    @Test
    void closeEndsWithConnectionLostAndRefusesLaterSends() {
        loop.runUntilComplete(() -> {
            var endpoint = open(LOOPBACK4, null, false);
            endpoint.transport().close();
            endpoint.transport().close();

            assertTrue(endpoint.transport().isClosing());
            assertNull(endpoint.protocol().lost.await());
            assertThrows(IllegalStateException.class,
                    () -> endpoint.transport().sendTo(text("late"), endpoint.transport().localAddress()));
            var aborted = open(LOOPBACK4, null, false);
            aborted.transport().abort();
            assertNull(aborted.protocol().lost.await());
            return null;
        });
    }

    @Test
    void targetsThatCannotBeUsedAreRefused() {
        loop.runUntilComplete(() -> {
            var unconnected = open(LOOPBACK4, null, false);
            var connected = open(null, unconnected.transport().localAddress(), false);

            assertThrows(IllegalArgumentException.class, () -> unconnected.transport().sendTo(text("x"), null));
            assertThrows(IllegalArgumentException.class, () -> unconnected.transport()
                    .sendTo(text("x"), InetSocketAddress.createUnresolved("localhost", 9)));
            assertThrows(IllegalArgumentException.class, () -> connected.transport()
                    .sendTo(text("x"), new InetSocketAddress(InetAddress.getLoopbackAddress(), 9)));
            return null;
        });
    }

    @Test
    void unresolvedAddressesAreResolvedOffTheLoopThread() {
        loop.runUntilComplete(() -> {
            var endpoint = open(InetSocketAddress.createUnresolved("127.0.0.1", 0), null, false);
            InetSocketAddress local = (InetSocketAddress) endpoint.transport().localAddress();
            assertEquals(InetAddress.getByName("127.0.0.1"), local.getAddress());
            return null;
        });
    }

    @Test
    void aPortInUseFailsTheFutureWithTheBindError() {
        loop.runUntilComplete(() -> {
            var first = open(LOOPBACK4, null, false);
            var second = Datagrams.createEndpoint(loop, first.transport().localAddress(), null,
                    () -> new DatagramRecorder(loop));
            UncheckedIOException failure = assertThrows(UncheckedIOException.class, second::await);
            assertInstanceOf(BindException.class, failure.getCause());
            return null;
        });
    }
}
