package dev.eddy.torrent.tracker;

import static dev.eddy.torrent.tracker.HttpTrackerTest.ONE_PEER;
import static dev.eddy.torrent.tracker.HttpTrackerTest.THE_PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.net.TlsTestCertificates;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** HTTPS trackers over the loop's TLS, against a loopback server with a self-signed certificate. */
class HttpsTrackerTest {
    private static final TrackerOptions OPTIONS = TrackerOptions.DEFAULTS.withHttpTimeouts(Duration.ofSeconds(5));
    // Made here, off the loop thread: the first use runs keytool.
    private static final SSLContext SERVER = TlsTestCertificates.serverContext();
    private static final SSLContext CLIENT = TlsTestCertificates.clientContext();

    @Test
    void announcesAndScrapesOverTls() {
        EventLoop.run(() -> {
            try (var server = ScriptedHttpServer.startTls(ScriptedHttpServer.ok(ONE_PEER), SERVER)) {
                var tracker = new HttpTracker(server.uri("/announce"), OPTIONS, CLIENT);
                assertEquals(THE_PEER, tracker.announce(Requests.started()).peers());
                assertEquals(1, server.targets().size());
                assertTrue(server.targets().getFirst().startsWith("/announce?info_hash="));
            }
        });
    }

    @Test
    void anUntrustedCertificateIsUnreachableNotTrusted() {
        EventLoop.run(() -> {
            try (var server = ScriptedHttpServer.startTls(ScriptedHttpServer.ok(ONE_PEER), SERVER)) {
                var tracker = new HttpTracker(server.uri("/announce"), OPTIONS); // the JDK's CAs only
                var e = assertThrows(TrackerException.Unreachable.class, () -> tracker.announce(Requests.started()));
                assertTrue(e.getMessage().contains("TLS"), e.getMessage());
                assertEquals(List.of(), server.targets());
            }
        });
    }

    @Test
    void aPlainHttpServerOnAnHttpsUrlFailsWithinTheLimit() {
        EventLoop.run(() -> {
            try (var plain = ScriptedHttpServer.start((t, r, w) -> ScriptedHttpServer.holdUntilHangUp(r))) {
                var https = java.net.URI.create(plain.uri("/announce").toString().replace("http:", "https:"));
                var tracker = new HttpTracker(https, OPTIONS.withHttpTimeouts(Duration.ofMillis(300)), CLIENT);
                assertThrows(TrackerException.Unreachable.class, () -> tracker.announce(Requests.started()));
            }
        });
    }
}
