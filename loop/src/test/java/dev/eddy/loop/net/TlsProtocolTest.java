package dev.eddy.loop.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.VirtualClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class TlsProtocolTest {
    private EventLoop loop = new EventLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    /** A TLS client and server joined by an in-memory pipe. */
    private record Pair(TlsProtocol client, TlsTestProtocol clientApp, TlsProtocol server, TlsTestProtocol serverApp,
            TlsPipeTransport[] pipe) {}

    private Pair pair(SSLContext clientContext, String hostname, int maxChunk) {
        TlsTestProtocol clientApp = new TlsTestProtocol(loop);
        TlsTestProtocol serverApp = TlsTestProtocol.echoing(loop);
        TlsProtocol client = Tls.client(loop, clientApp, clientContext, hostname);
        TlsProtocol server = Tls.server(loop, serverApp, TlsTestCertificates.serverContext());
        return new Pair(client, clientApp, server, serverApp, TlsPipeTransport.connect(loop, client, server, maxChunk));
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void roundTripWithASelfSignedCertificate(String version) {
        loop.runUntilComplete(() -> {
            Pair p = pair(TlsTestCertificates.clientContext(version), TlsTestCertificates.HOST, 1000);

            Transport secure = p.client().handshake().await();
            assertEquals(secure, p.clientApp().made.await());
            assertEquals(version, p.client().session().getProtocol());
            assertFalse(secure.canWriteEof());
            assertEquals(p.pipe()[1].localAddress(), secure.peerAddress());

            secure.write(ascii("hello over TLS"));
            p.clientApp().receivedAtLeast(14).await();
            assertEquals("hello over TLS", p.clientApp().text());
            assertEquals("hello over TLS", p.serverApp().text());
            return null;
        });
    }

    @Test
    void aCertificateForAnotherHostFailsTheHandshakeOnBothSides() {
        loop.runUntilComplete(() -> {
            Pair p = pair(TlsTestCertificates.clientContext(), "wrong.example", 16 * 1024);

            TlsHandshakeException failure = assertThrows(TlsHandshakeException.class, () -> p.client().handshake().await());

            assertTrue(failure.getMessage().contains("wrong.example"), failure.getMessage());
            assertThrows(TlsHandshakeException.class, () -> p.server().handshake().await());
            assertFalse(p.clientApp().made.done());
            return null;
        });
    }

    @Test
    void theJdkTrustStoreDoesNotTrustASelfSignedCertificate() {
        loop.runUntilComplete(() -> {
            Pair p = pair(Tls.clientContext(), TlsTestCertificates.HOST, 16 * 1024);
            assertThrows(TlsHandshakeException.class, () -> p.client().handshake().await());
            return null;
        });
    }

    @Test
    void aPeerThatClosesMidHandshakeFailsItWithATypedError() {
        loop.runUntilComplete(() -> {
            TlsProtocol client = Tls.client(loop, new TlsTestProtocol(loop), TlsTestCertificates.clientContext(),
                    TlsTestCertificates.HOST);
            Protocol hangsUp = new Protocol() {
                Transport transport;

                @Override
                public void connectionMade(Transport made) {
                    transport = made;
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    transport.close();
                }
            };
            TlsPipeTransport.connect(loop, client, hangsUp, 100);

            TlsHandshakeException failure = assertThrows(TlsHandshakeException.class, () -> client.handshake().await());
            assertTrue(failure.getMessage().contains("closed"), failure.getMessage());
            return null;
        });
    }

    @Test
    void aPeerThatSpeaksSomethingElseFailsTheHandshake() {
        loop.runUntilComplete(() -> {
            TlsProtocol server = Tls.server(loop, new TlsTestProtocol(loop), TlsTestCertificates.serverContext());
            Protocol speaksHttp = new Protocol() {
                @Override
                public void connectionMade(Transport made) {
                    made.write(ascii("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
                }
            };
            TlsPipeTransport.connect(loop, speaksHttp, server, 16 * 1024);

            assertThrows(TlsHandshakeException.class, () -> server.handshake().await());
            return null;
        });
    }

    @Test
    void aSilentPeerTimesTheHandshakeOutInVirtualTime() {
        loop = new EventLoop(new VirtualClock());
        loop.runUntilComplete(() -> {
            TlsProtocol client = Tls.client(loop, new TlsTestProtocol(loop), TlsTestCertificates.clientContext(),
                    TlsTestCertificates.HOST).withHandshakeTimeout(Duration.ofSeconds(10));
            TlsPipeTransport[] pipe = TlsPipeTransport.connect(loop, client, new Protocol() {}, 16 * 1024);
            long start = loop.time();

            TlsHandshakeException failure = assertThrows(TlsHandshakeException.class, () -> client.handshake().await());

            assertTrue(failure.getMessage().contains("did not finish"), failure.getMessage());
            assertEquals(Duration.ofSeconds(10), Duration.ofNanos(loop.time() - start));
            assertTrue(pipe[0].isClosing());
            return null;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void closeSendsCloseNotifyAndThePeerAnswersInKind(String version) {
        loop.runUntilComplete(() -> {
            Pair p = pair(TlsTestCertificates.clientContext(version), TlsTestCertificates.HOST, 16 * 1024);
            Transport secure = p.client().handshake().await();
            secure.write(ascii("last words"));

            secure.close();
            assertTrue(secure.isClosing());
            assertThrows(IllegalStateException.class, () -> secure.write(ascii("too late")));

            p.serverApp().eof.await();
            assertEquals("last words", p.serverApp().text());
            assertNull(p.serverApp().lost.await());
            assertNull(p.clientApp().lost.await());
            assertTrue(p.server().closeNotifyWasReceived(), "the server got the client's close_notify");
            assertTrue(p.client().closeNotifyWasReceived(), "the client got the server's close_notify");
            assertFalse(p.clientApp().eof.done(), "a closing app hears no EOF");
            return null;
        });
    }

    @Test
    void aRawEofWithoutCloseNotifyReachesTheAppAsEof() {
        loop.runUntilComplete(() -> {
            Pair p = pair(TlsTestCertificates.clientContext(), TlsTestCertificates.HOST, 16 * 1024);
            p.client().handshake().await();
            p.server().handshake().await();

            p.pipe()[1].close();

            p.clientApp().eof.await();
            assertNull(p.clientApp().lost.await());
            assertFalse(p.client().closeNotifyWasReceived());
            return null;
        });
    }

    @Test
    void abortDropsTheConnectionAtOnce() {
        loop.runUntilComplete(() -> {
            Pair p = pair(TlsTestCertificates.clientContext(), TlsTestCertificates.HOST, 16 * 1024);
            p.client().handshake().await().abort();

            assertNull(p.clientApp().lost.await());
            assertInstanceOf(IOException.class, p.serverApp().lost.await());
            return null;
        });
    }

    @Test
    void largeTransfersFlowControlBothWays() {
        int total = 4 * 1024 * 1024;
        byte[] payload = new byte[total];
        new Random(7).nextBytes(payload);
        loop.runUntilComplete(() -> {
            TlsTestProtocol sender = new TlsTestProtocol(loop);
            TlsTestProtocol receiver = new TlsTestProtocol(loop) {
                @Override
                public void dataReceived(ByteBuffer data) {
                    super.dataReceived(data);
                    // A slow reader: it stops after each piece and looks again on a later iteration.
                    transport.pauseReading();
                    loop.callSoon(transport::resumeReading);
                }
            };
            TlsProtocol client = Tls.client(loop, sender, TlsTestCertificates.clientContext(), TlsTestCertificates.HOST);
            TlsProtocol server = Tls.server(loop, receiver, TlsTestCertificates.serverContext());
            TlsPipeTransport.connect(loop, client, server, 4096);
            Transport secure = client.handshake().await();
            server.handshake().await();

            int[] offset = {0};
            int[] largestBuffer = {0};
            Runnable writeWhileAllowed = () -> {
                while (offset[0] < total && sender.pauses == sender.resumes) {
                    int size = Math.min(8192, total - offset[0]);
                    secure.write(ByteBuffer.wrap(payload, offset[0], size).slice());
                    offset[0] += size;
                    largestBuffer[0] = Math.max(largestBuffer[0], secure.getWriteBufferSize());
                }
            };
            writeWhileAllowed.run();
            while (offset[0] < total) {
                Async.sleep(Duration.ZERO);
                writeWhileAllowed.run();
            }
            receiver.receivedAtLeast(total).await();

            assertArrayEquals(payload, receiver.received.toByteArray());
            assertTrue(sender.pauses > 0, "the sender was paused");
            assertEquals(sender.pauses, sender.resumes);
            assertTrue(largestBuffer[0] <= Transport.DEFAULT_HIGH_WATER + 2 * 8192 + 1024,
                    "the write buffer stayed near its high-water mark: " + largestBuffer[0]);
            return null;
        });
    }

    @Test
    void startTlsUpgradesAPlaintextConnection() {
        loop.runUntilComplete(() -> {
            TlsTestProtocol clientApp = new TlsTestProtocol(loop);
            TlsTestProtocol serverApp = new TlsTestProtocol(loop) {
                @Override
                public void dataReceived(ByteBuffer data) {
                    super.dataReceived(data);
                    if (text().equals("STARTTLS\n")) {
                        transport.write(ascii("GO\n"));
                        Tls.startTls(transport, this, TlsTestCertificates.serverContext(), true, null)
                                .addDoneCallback(f -> {
                                    transport = f.result();
                                    echo = true;
                                    received.reset();
                                });
                    }
                }
            };
            TlsPipeTransport[] pipe = TlsPipeTransport.connect(loop, clientApp, serverApp, 512);
            Transport plain = clientApp.made.await();
            plain.write(ascii("STARTTLS\n"));
            clientApp.receivedAtLeast(3).await();
            assertEquals("GO\n", clientApp.text());

            Transport secure = Tls.startTls(plain, clientApp, TlsTestCertificates.clientContext(), false,
                    TlsTestCertificates.HOST).await();
            clientApp.received.reset();
            secure.write(ascii("secret"));
            clientApp.receivedAtLeast(6).await();

            assertEquals("secret", clientApp.text());
            assertFalse(pipe[0].wire.toString(StandardCharsets.ISO_8859_1).contains("secret"),
                    "nothing went over the wire in plaintext after the upgrade");
            assertTrue(pipe[0].protocol() instanceof TlsProtocol);
            return null;
        });
    }

    @Test
    void aBufferedProtocolReadsIntoItsOwnBuffer() {
        loop.runUntilComplete(() -> {
            ByteBuffer own = ByteBuffer.allocate(10);
            StringBuilder got = new StringBuilder();
            Future<Void> done = loop.createFuture();
            BufferedProtocol buffered = new BufferedProtocol() {
                @Override
                public ByteBuffer getBuffer(int sizeHint) {
                    own.clear();
                    return own;
                }

                @Override
                public void bufferUpdated(int count) {
                    got.append(new String(own.array(), 0, count, StandardCharsets.UTF_8));
                    if (got.length() == 26) {
                        done.setResult(null);
                    }
                }
            };
            TlsProtocol client = Tls.client(loop, buffered, TlsTestCertificates.clientContext(), TlsTestCertificates.HOST);
            TlsProtocol server = Tls.server(loop, new TlsTestProtocol(loop), TlsTestCertificates.serverContext());
            TlsPipeTransport.connect(loop, client, server, 16 * 1024);
            client.handshake().await();
            server.handshake().await().write(ascii("abcdefghijklmnopqrstuvwxyz"));

            done.await();
            assertEquals("abcdefghijklmnopqrstuvwxyz", got.toString());
            return null;
        });
    }
}
