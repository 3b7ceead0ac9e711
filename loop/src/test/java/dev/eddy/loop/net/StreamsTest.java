package dev.eddy.loop.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.Task;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamsTest {
    private final EventLoop loop = new EventLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void aLineEchoServerAnswersEachLineAndClosesWhenTheHandlerReturns() {
        loop.runUntilComplete(() -> {
            Server server = Streams.startServer("127.0.0.1", 0, (reader, writer) -> {
                byte[] line;
                while ((line = reader.readLine()).length > 0) {
                    writer.write(line);
                    writer.drain();
                }
            });
            StreamConnection client = Streams.openConnection("127.0.0.1", server.port());
            client.writer().write("one\ntwo\n");
            assertEquals("one\n", text(client.reader().readLine()));
            assertEquals("two\n", text(client.reader().readLine()));
            client.writer().writeEof();
            assertEquals(0, client.reader().read(10).length, "the server closes once its handler returns");
            assertTrue(client.reader().atEof());
            client.writer().close();
            client.writer().waitClosed();
            server.close();
            server.waitClosed().await();
            return null;
        });
    }

    @Test
    void aFloodingPeerPausesOurReadingAndMemoryStaysBounded() {
        int total = 8 * 1024 * 1024;
        loop.runUntilComplete(() -> {
            Future<StreamReader> serverReader = loop.createFuture();
            Future<Void> release = loop.createFuture();
            Future<Integer> counted = loop.createFuture();
            Server server = Streams.startServer("127.0.0.1", 0, (reader, writer) -> {
                serverReader.setResult(reader);
                release.await();
                int count = 0;
                while (!reader.atEof()) {
                    count += reader.read(100_000).length;
                }
                counted.setResult(count);
            });
            StreamConnection client = Streams.openConnection("127.0.0.1", server.port());
            StreamReader reader = serverReader.await();
            client.writer().write(new byte[total]);
            // Let the bytes flow until the server's transport pauses: its reader passes its limit, no further.
            while (reader.transport().isReading()) {
                Async.sleep(Duration.ZERO);
            }
            int held = reader.buffered();
            assertTrue(held > reader.limit(), "paused only past the limit, at " + held);
            assertTrue(held <= reader.limit() + SharedReadBuffer.SIZE, "one read at most past the limit, not " + held);
            assertTrue(client.writer().transport().getWriteBufferSize() > 0, "the rest waits on the sending side");
            release.setResult(null);
            client.writer().writeEof();
            assertEquals(total, counted.await());
            client.writer().close();
            server.close();
            return null;
        });
    }

    @Test
    void drainSuspendsWhileThePeerDoesNotReadAndResumesWhenItDoes() {
        loop.runUntilComplete(() -> {
            Future<Void> startReading = loop.createFuture();
            Server server = Streams.startServer("127.0.0.1", 0, (reader, writer) -> {
                startReading.await();
                while (reader.read(65536).length > 0) {
                    // discard
                }
            });
            StreamConnection client = Streams.openConnection("127.0.0.1", server.port());
            byte[] chunk = new byte[1024 * 1024];
            Task<Integer> writer = loop.createTask(() -> {
                int drains = 0;
                for (int i = 0; i < 32; i++) {
                    client.writer().write(chunk);
                    client.writer().drain();
                    drains++;
                }
                return drains;
            });
            while (client.writer().transport().getWriteBufferSize() <= Transport.DEFAULT_HIGH_WATER && !writer.done()) {
                Async.sleep(Duration.ZERO);
            }
            for (int i = 0; i < 10; i++) {
                Async.sleep(Duration.ZERO);
            }
            assertFalse(writer.done(), "drain waits while the peer reads nothing");
            startReading.setResult(null);
            assertEquals(32, writer.await());
            client.writer().close();
            server.close();
            return null;
        });
    }

    @Test
    void serverCloseThenWaitClosedWaitsForTheHandlers() {
        loop.runUntilComplete(() -> {
            List<StreamWriter> writers = new ArrayList<>();
            Server server = Streams.startServer("127.0.0.1", 0, (reader, writer) -> {
                writers.add(writer);
                reader.read(1); // until the client goes
            });
            StreamConnection a = Streams.openConnection("127.0.0.1", server.port());
            StreamConnection b = Streams.openConnection("127.0.0.1", server.port());
            a.writer().write("x");
            assertEquals(0, a.reader().read(1).length, "the handler returned and closed");
            server.close();
            Future<Void> closed = server.waitClosed();
            Async.sleep(Duration.ZERO);
            assertFalse(closed.done());
            b.writer().close();
            closed.await();
            assertEquals(2, writers.size());
            return null;
        });
    }

    @Test
    void aConnectToAClosedPortRaisesRefusedInTheTask() {
        assertThrows(ConnectionRefusedException.class, () -> loop.runUntilComplete(() -> {
            Server server = Streams.startServer("127.0.0.1", 0, (r, w) -> { });
            int port = server.port();
            server.close();
            return Streams.openConnection("127.0.0.1", port);
        }));
    }

    @Test
    void streamsAttachToAnyTransport() {
        loop.runUntilComplete(() -> {
            Server server = Streams.startServer("127.0.0.1", 0, (reader, writer) -> {
                writer.write(reader.readLine());
            });
            Transport plain = Net.createConnection(loop, "127.0.0.1", server.port(), () -> new Protocol() { }).await();
            StreamConnection streams = Streams.attach(loop, plain, 1024);
            streams.writer().write("over any transport\n");
            assertEquals("over any transport\n", text(streams.reader().readLine()));
            assertEquals(1024, streams.reader().limit());
            streams.writer().close();
            server.close();
            return null;
        });
    }
}
