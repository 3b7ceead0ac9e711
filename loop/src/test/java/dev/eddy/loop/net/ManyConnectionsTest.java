package dev.eddy.loop.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.EventLoop;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 concurrent connections served by one loop. The clients run in a child process: with both
 * ends in one process the test would need 20,000 descriptors and more, and this machine's hard
 * limit ({@code ulimit -Hn}) is 20,000, which no fork may exceed; each process has its own limit.
 */
class ManyConnectionsTest {
    private static final int CONNECTIONS = 10_000;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void tenThousandConcurrentConnectionsOnOneLoop() throws Exception {
        int[] open = {0};
        int[] peak = {0};
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Net.createServer(loop, "127.0.0.1", 0, () -> new Protocol() {
                private Transport transport;

                @Override
                public void connectionMade(Transport t) {
                    transport = t;
                    peak[0] = Math.max(peak[0], ++open[0]);
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    transport.writeCopy(data);
                }

                @Override
                public void connectionLost(Throwable cause) {
                    open[0]--;
                }
            }, ServerOptions.DEFAULTS.withBacklog(4096)));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process clients = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xss256k",
                    "-cp", System.getProperty("java.class.path"), ManyClients.class.getName(),
                    "127.0.0.1", String.valueOf(server.port()), String.valueOf(CONNECTIONS))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try {
                BufferedReader report = new BufferedReader(
                        new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8));
                // Blocking read on an executor thread while the loop serves the connections.
                String line = loop.runUntilComplete(loop.runInExecutor(report::readLine));
                assertEquals("connected " + CONNECTIONS, line);
                assertEquals(CONNECTIONS, server.connectionCount());
                assertEquals(CONNECTIONS, peak[0]);
                clients.getOutputStream().close();
                server.close();
                loop.runUntilComplete(server.waitClosed());
                assertEquals(0, open[0]);
                assertTrue(clients.waitFor(30, TimeUnit.SECONDS));
            } finally {
                clients.destroyForcibly();
            }
        }
    }
}
