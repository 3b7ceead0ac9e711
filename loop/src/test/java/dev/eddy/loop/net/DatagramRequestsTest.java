package dev.eddy.loop.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.CancelledException;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.Task;
import dev.eddy.loop.TimeoutException;
import dev.eddy.loop.VirtualClock;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatagramRequestsTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final Duration PATIENT = Duration.ofSeconds(30);

    private EventLoop loop = new EventLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    /** Requests and replies start with a 4-byte transaction id. */
    private static Integer transactionId(ByteBuffer datagram, SocketAddress sender) {
        return datagram.remaining() >= 4 ? datagram.getInt(datagram.position()) : null;
    }

    private static ByteBuffer message(int transactionId, int body) {
        return ByteBuffer.allocate(8).putInt(transactionId).putInt(body).flip();
    }

    /** A server that hands each request and its sender to {@code answer}; it counts what it got. */
    private static final class Server implements DatagramProtocol {
        final BiConsumer<ByteBuffer, SocketAddress> answer;
        DatagramTransport transport;
        int received;

        Server(BiConsumer<ByteBuffer, SocketAddress> answer) {
            this.answer = answer;
        }

        @Override
        public void connectionMade(DatagramTransport made) {
            transport = made;
        }

        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress sender) {
            received++;
            answer.accept(data, sender);
        }
    }

    private Server server(BiConsumer<ByteBuffer, SocketAddress> answer) {
        Server server = new Server(answer);
        Datagrams.createEndpoint(loop, LOOPBACK, null, () -> server).await();
        return server;
    }

    /** A server that replies to each request with its transaction id and its body plus one. */
    private Server answeringServer() {
        Server[] self = new Server[1];
        self[0] = server((data, sender) ->
                self[0].transport.sendTo(message(data.getInt(0), data.getInt(4) + 1), sender));
        return self[0];
    }

    private DatagramRequests<Integer> client(DatagramProtocol others) {
        var requests = new DatagramRequests<Integer>(DatagramRequestsTest::transactionId, others);
        Datagrams.createEndpoint(loop, LOOPBACK, null, () -> requests).await();
        return requests;
    }

    @Test
    void aRequestGetsItsReply() {
        loop.runUntilComplete(() -> {
            Server server = answeringServer();
            var requests = client(new DatagramProtocol() {});

            ByteBuffer reply = requests.request(server.transport.localAddress(), message(7, 41), 7, PATIENT);

            assertEquals(7, reply.getInt());
            assertEquals(42, reply.getInt());
            assertEquals(0, requests.outstanding());
            return null;
        });
    }

    @Test
    void manyOutstandingRequestsAreMatchedByKeyWhateverTheOrderOfReplies() {
        int count = 100;
        loop.runUntilComplete(() -> {
            List<ByteBuffer> held = new ArrayList<>();
            List<SocketAddress> senders = new ArrayList<>();
            Server[] self = new Server[1];
            self[0] = server((data, sender) -> {
                held.add(message(data.getInt(0), data.getInt(4) * 2));
                senders.add(sender);
                if (held.size() == count) {
                    for (int i = count - 1; i >= 0; i--) {
                        self[0].transport.sendTo(held.get(i), senders.get(i));
                    }
                }
            });
            var requests = client(new DatagramProtocol() {});
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int id = 1000 + i;
                int body = i;
                tasks.add(loop.createTask(() ->
                        requests.request(self[0].transport.localAddress(), message(id, body), id, PATIENT).getInt(4)));
            }
            for (int i = 0; i < count; i++) {
                assertEquals(2 * i, tasks.get(i).await());
            }
            assertEquals(0, requests.outstanding());
            return null;
        });
    }

    @Test
    void garbageMismatchedIdsAndWrongSendersGoToTheOtherProtocol() {
        loop.runUntilComplete(() -> {
            DatagramRecorder others = new DatagramRecorder(loop);
            var requests = client(others);
            Server impostor = server((data, sender) -> { });
            Server[] self = new Server[1];
            self[0] = server((data, sender) -> {
                int id = data.getInt(0);
                self[0].transport.sendTo(ByteBuffer.wrap(new byte[] {1, 2}), sender);
                self[0].transport.sendTo(message(id + 1, 0), sender);
                impostor.transport.sendTo(message(id, 666), sender);
                self[0].transport.sendTo(message(id, 99), sender);
            });

            ByteBuffer reply = requests.request(self[0].transport.localAddress(), message(5, 0), 5, PATIENT);

            assertEquals(99, reply.getInt(4));
            others.next().await();
            others.next().await();
            others.next().await();
            assertEquals(List.of(2, 8, 8), others.datagrams.stream().map(d -> d.bytes().length).toList());
            assertEquals(impostor.transport.localAddress(), others.datagrams.get(2).sender());
            return null;
        });
    }

    @Test
    void aReplyThatNeverComesTimesOutAfterEveryRetransmissionInVirtualTime() {
        loop = new EventLoop(new VirtualClock());
        loop.runUntilComplete(() -> {
            Server silent = server((data, sender) -> { });
            var requests = client(new DatagramProtocol() {});
            long start = loop.time();

            assertThrows(TimeoutException.class, () -> requests.request(
                    silent.transport.localAddress(), message(1, 0), 1, Duration.ofSeconds(15), 4));

            assertEquals(Duration.ofSeconds(15 + 30 + 60 + 120), Duration.ofNanos(loop.time() - start));
            assertEquals(4, silent.received);
            assertEquals(0, requests.outstanding());
            return null;
        });
    }

    @Test
    void aRetransmissionThatIsAnsweredCompletesTheRequest() {
        loop = new EventLoop(new VirtualClock());
        loop.runUntilComplete(() -> {
            Server[] self = new Server[1];
            self[0] = server((data, sender) -> {
                if (self[0].received == 3) {
                    self[0].transport.sendTo(message(data.getInt(0), 3), sender);
                }
            });
            var requests = client(new DatagramProtocol() {});
            long start = loop.time();

            ByteBuffer reply = requests.request(self[0].transport.localAddress(), message(9, 0), 9, Duration.ofSeconds(2), 5);

            assertEquals(3, reply.getInt(4));
            assertEquals(Duration.ofSeconds(2 + 4), Duration.ofNanos(loop.time() - start));
            return null;
        });
    }

    @Test
    void cancellingTheWaitingTaskWithdrawsTheRequest() {
        loop.runUntilComplete(() -> {
            Server silent = server((data, sender) -> { });
            var requests = client(new DatagramProtocol() {});
            Task<ByteBuffer> waiting = loop.createTask(
                    () -> requests.request(silent.transport.localAddress(), message(3, 0), 3, PATIENT));
            Async.sleep(Duration.ZERO);
            assertEquals(1, requests.outstanding());

            waiting.cancel();
            assertThrows(CancelledException.class, waiting::await);

            assertEquals(0, requests.outstanding());
            Future<ByteBuffer> again = requests.send(silent.transport.localAddress(), message(3, 0), 3, PATIENT, 1);
            again.cancel();
            Async.sleep(Duration.ZERO);
            assertEquals(0, requests.outstanding());
            return null;
        });
    }

    @Test
    void aSecondRequestWithAnOutstandingKeyIsRefused() {
        loop.runUntilComplete(() -> {
            Server silent = server((data, sender) -> { });
            var requests = client(new DatagramProtocol() {});
            Future<ByteBuffer> first = requests.send(silent.transport.localAddress(), message(4, 0), 4, PATIENT, 1);

            assertThrows(IllegalStateException.class,
                    () -> requests.send(silent.transport.localAddress(), message(4, 0), 4, PATIENT, 1));
            first.cancel();
            return null;
        });
    }

    @Test
    void aClosedPortFailsRequestsOnAConnectedEndpointAtOnce() {
        loop.runUntilComplete(() -> {
            SocketAddress closedPort;
            try (DatagramChannel probe = DatagramChannel.open()) {
                probe.bind(LOOPBACK);
                closedPort = probe.getLocalAddress();
            }
            DatagramRecorder others = new DatagramRecorder(loop);
            var requests = new DatagramRequests<Integer>(DatagramRequestsTest::transactionId, others);
            Datagrams.createEndpoint(loop, null, closedPort, () -> requests).await();

            UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                    () -> requests.request(null, message(2, 0), 2, PATIENT));

            assertInstanceOf(PortUnreachableException.class, failure.getCause());
            assertInstanceOf(PortUnreachableException.class, others.errors.getFirst());
            return null;
        });
    }

    @Test
    void closingTheEndpointFailsOutstandingRequests() {
        loop.runUntilComplete(() -> {
            Server silent = server((data, sender) -> { });
            var requests = client(new DatagramProtocol() {});
            Future<ByteBuffer> pending = requests.send(silent.transport.localAddress(), message(6, 0), 6, PATIENT, 1);

            requests.transport().close();

            assertThrows(UncheckedIOException.class, pending::await);
            assertEquals(0, requests.outstanding());
            assertThrows(IllegalStateException.class,
                    () -> requests.send(silent.transport.localAddress(), message(8, 0), 8, PATIENT, 1));
            assertEquals(0, requests.outstanding());
            return null;
        });
    }
}
