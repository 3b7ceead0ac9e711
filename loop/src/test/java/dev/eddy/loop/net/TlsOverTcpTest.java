package dev.eddy.loop.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.loop.EventLoop;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TLS over real TCP connections on loopback: the wiring a lead's {@code ssl} option will use. */
@Timeout(30)
class TlsOverTcpTest {
    private final EventLoop loop = new EventLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    @Test
    void aClientEchoesAMegabyteThroughATlsServerAndClosesCleanly() {
        byte[] payload = new byte[1024 * 1024];
        new Random(3).nextBytes(payload);
        loop.runUntilComplete(() -> {
            TlsTestProtocol serverApp = TlsTestProtocol.echoing(loop);
            Server server = Net.createServer(loop, "127.0.0.1", 0,
                    () -> Tls.server(loop, serverApp, TlsTestCertificates.serverContext())).await();
            TlsTestProtocol clientApp = new TlsTestProtocol(loop);
            TlsProtocol tls = Tls.client(loop, clientApp, TlsTestCertificates.clientContext(), TlsTestCertificates.HOST);

            Net.createConnection(loop, "127.0.0.1", server.port(), () -> tls).await();
            Transport secure = tls.handshake().await();
            secure.write(payload);
            clientApp.receivedAtLeast(payload.length).await();

            assertArrayEquals(payload, clientApp.received.toByteArray());
            assertEquals("TLSv1.3", tls.session().getProtocol());
            secure.close();
            assertNull(clientApp.lost.await());
            assertNull(serverApp.lost.await());
            server.close();
            return null;
        });
    }

    @Test
    void aWrongHostNameFailsOverTcpToo() {
        loop.runUntilComplete(() -> {
            Server server = Net.createServer(loop, "127.0.0.1", 0,
                    () -> Tls.server(loop, new TlsTestProtocol(loop), TlsTestCertificates.serverContext())).await();
            TlsProtocol tls = Tls.client(loop, new TlsTestProtocol(loop), TlsTestCertificates.clientContext(),
                    "not-localhost.example");

            Net.createConnection(loop, "127.0.0.1", server.port(), () -> tls).await();

            assertThrows(TlsHandshakeException.class, () -> tls.handshake().await());
            server.close();
            return null;
        });
    }
}
