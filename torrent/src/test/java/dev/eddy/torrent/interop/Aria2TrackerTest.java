package dev.eddy.torrent.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eddy.torrent.ExternalTool;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentBuilder;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.ScrapeStats;
import dev.eddy.torrent.tracker.TrackerEvent;
import dev.eddy.torrent.tracker.server.AnnounceRecorder;
import dev.eddy.torrent.tracker.server.AnnounceSeen;
import dev.eddy.torrent.tracker.server.SwarmProbe;
import dev.eddy.torrent.tracker.server.TrackerFixture;
import dev.eddy.torrent.tracker.server.TrackerServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eddy's tracker with aria2 ({@code /usr/bin/aria2c}) as an HTTP client. aria2 checks the data it
 * is given, seeds for three seconds ({@code --seed-time=0.05} minutes) and exits: it announces
 * {@code started} as a seeder, then {@code stopped} on the way out. With {@code --seed-time=0} it
 * exits without announcing at all, and {@code --dry-run} never announces. (aria2 speaks UDP to
 * trackers only through its DHT socket, and the DHT stays off here: it would reach past loopback.)
 */
@Tag("interop")
@Timeout(120)
class Aria2TrackerTest {
    private static final Path ARIA2 = Path.of("/usr/bin/aria2c");
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final InetAddress LOCALHOST = InetAddress.ofLiteral("127.0.0.1");

    @TempDir
    Path temp;

    @Test
    void aria2AnnouncesAsASeederOverHttpAndStops() throws Exception {
        ExternalTool.require(ARIA2, "aria2");
        Path data = Files.createDirectories(temp.resolve("data"));
        byte[] payload = new byte[80_000];
        new Random(11).nextBytes(payload);
        Path file = Files.write(data.resolve("payload.bin"), payload);
        Path log = temp.resolve("aria2.out");
        int listenPort = freePort();
        PeerAddress aria2Peer = new PeerAddress(LOCALHOST, listenPort);
        TrackerFixture.run(TrackerServerOptions.loopback().withInterval(Duration.ofSeconds(60)), (loop, tracker) -> {
            AnnounceRecorder announces = AnnounceRecorder.attach(loop, tracker);
            String url = "http://127.0.0.1:" + tracker.httpPort() + "/announce";
            Path torrent = temp.resolve("http.torrent");
            Metainfo metainfo = TorrentBuilder.of(file).pieceLength(16 << 10).trackerTier(url).writeTo(torrent);
            Process aria2 = new ProcessBuilder(ARIA2.toString(), "--no-conf=true", "--enable-dht=false",
                    "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                    "--listen-port=" + listenPort, "--dir=" + data, "--check-integrity=true", "--seed-time=0.05",
                    "--summary-interval=0", "--console-log-level=warn", "--bt-tracker-connect-timeout=10",
                    "--bt-tracker-timeout=10", torrent.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                AnnounceSeen started = announces.await(seen -> seen.peer().equals(aria2Peer), STEP);
                assertEquals(TrackerEvent.STARTED, started.event(), () -> announces.all().toString());
                assertEquals(0, started.left(), "aria2 checked the data and seeds");
                assertEquals(metainfo.infoHash(), started.infoHash());
                assertTrue(new String(started.peerId().bytes(), StandardCharsets.ISO_8859_1).startsWith("A2-1-"),
                        started.peerId()::toString);

                SwarmProbe probe = SwarmProbe.overHttp(tracker, metainfo.infoHash());
                assertEquals(new ScrapeStats(1, 0, 0), probe.counts());
                assertEquals(List.of(aria2Peer), probe.peers());

                announces.await(seen -> seen.peer().equals(aria2Peer) && seen.event() == TrackerEvent.STOPPED, STEP);
                assertEquals(1, tracker.peerCount(), "aria2's stopped removed it; the probe's peer is left");
                boolean exited = loop.runInExecutor(() -> aria2.waitFor(STEP.toSeconds(), TimeUnit.SECONDS)).await();
                String output = Files.readString(log);
                if (!exited) {
                    fail("aria2 did not exit within " + STEP + ":\n" + output);
                }
                assertEquals(0, aria2.exitValue(), output);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\naria2 said:\n" + Files.readString(log), e);
            } finally {
                aria2.destroyForcibly();
            }
        });
    }

    /** A TCP port free on loopback a moment ago, for aria2 to listen on. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(LOCALHOST, 0));
            return probe.getLocalPort();
        }
    }
}
