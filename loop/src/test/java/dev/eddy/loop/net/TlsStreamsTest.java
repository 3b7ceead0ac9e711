package dev.eddy.loop.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.loop.EventLoop;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The coroutine-level TLS entry points: streams over a TLS connection, both ends, on loopback. */
@Timeout(30)
class TlsStreamsTest {
    private final EventLoop loop = new EventLoop();

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    @Test
    void linesRoundTripOverATlsStreamPair() {
        String reply = loop.runUntilComplete(() -> {
            Server server = Streams.startTlsServer("127.0.0.1", 0, (reader, writer) -> {
                byte[] line = reader.readLine();
                writer.write(("echo: " + new String(line, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
                writer.drain();
            }, TlsTestCertificates.serverContext(), ServerOptions.DEFAULTS);
            StreamConnection connection = Streams.openTlsConnection("127.0.0.1", server.port(),
                    TlsTestCertificates.clientContext(), ConnectOptions.DEFAULTS);
            connection.writer().write("hello over tls\n");
            String answer = new String(connection.reader().readLine(), StandardCharsets.US_ASCII);
            connection.writer().close();
            server.close();
            return answer;
        });
        assertEquals("echo: hello over tls\n", reply);
    }

    @Test
    void aServerTheClientDoesNotTrustFailsTheHandshake() {
        loop.runUntilComplete(() -> {
            Server server = Streams.startTlsServer("127.0.0.1", 0, (reader, writer) -> reader.read(1),
                    TlsTestCertificates.serverContext(), ServerOptions.DEFAULTS);
            assertThrows(TlsHandshakeException.class, () -> Streams.openTlsConnection("127.0.0.1", server.port(),
                    Tls.clientContext(), ConnectOptions.DEFAULTS));
            server.close();
            return null;
        });
    }
}
