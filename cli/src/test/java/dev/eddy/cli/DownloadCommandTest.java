package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.metainfo.Metainfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DownloadCommandTest {
    private static final int SIZE = 3 << 20;

    @TempDir
    Path dir;

    private final TestSwarm swarm = new TestSwarm();
    private Path torrent;
    private Metainfo metainfo;

    @BeforeEach
    void content() throws IOException {
        torrent = dir.resolve("content.torrent");
    }

    @AfterEach
    void stopSwarm() throws InterruptedException {
        swarm.close();
    }

    @Test
    void downloadsFromAPeerGivenDirectlyThenResumesWithoutFetchingAgain() throws IOException {
        metainfo = TestSwarm.content(dir.resolve("seed"), torrent, SIZE, 64 << 10);
        int port = swarm.seed(metainfo, dir.resolve("seed"));
        Path out = dir.resolve("out");

        CliRun first = CliRun.of("download", torrent.toString(), "-o", out.toString(), "-p", "0",
                "--peer", "127.0.0.1:" + port, "--json");
        assertEquals(0, first.code(), first.err());
        assertEquals("", first.err());
        assertSameContent(dir.resolve("seed/content"), out.resolve("content"));
        List<Map<String, Object>> lines = jsonLines(first.out());
        Map<String, Object> started = lines.getFirst();
        assertEquals("started", started.get("event"));
        assertEquals(metainfo.infoHash().hex(), started.get("info_hash"));
        assertTrue((Long) started.get("port") > 0, "the port -p 0 picked");
        Map<String, Object> summary = lines.getLast();
        assertEquals(Set.of("event", "name", "info_hash", "complete", "interrupted", "pieces", "piece_count",
                "verified", "total", "downloaded", "uploaded", "resumed", "elapsed_seconds", "average_rate", "sources"),
                summary.keySet());
        assertEquals("summary", summary.get("event"));
        assertEquals(true, summary.get("complete"));
        assertEquals(false, summary.get("interrupted"));
        assertEquals((long) SIZE, summary.get("total"));
        assertEquals((long) SIZE, summary.get("downloaded"));
        assertEquals(0L, summary.get("resumed"));
        assertEquals(List.of(Map.of("peer", "127.0.0.1", "bytes", (long) SIZE)), summary.get("sources"));
        assertTrue(lines.stream().anyMatch(line -> line.get("event").equals("peer")
                && line.get("action").equals("connected") && line.get("peer").equals("127.0.0.1:" + port)), first.out());
        for (Map<String, Object> progress : lines.stream().filter(line -> line.get("event").equals("progress")).toList()) {
            assertEquals(Set.of("event", "completed", "total", "download_rate", "upload_rate", "peers_connected",
                    "peers_known", "eta_seconds", "status"), progress.keySet(), progress.toString());
        }

        CliRun again = CliRun.of("download", torrent.toString(), "-o", out.toString(), "-p", "0",
                "--peer", "127.0.0.1:" + port, "--json");
        assertEquals(0, again.code(), again.err());
        Map<String, Object> resumed = jsonLines(again.out()).getLast();
        assertEquals(0L, resumed.get("downloaded"), "nothing fetched again");
        assertEquals((long) SIZE, resumed.get("resumed"));
        assertEquals(true, resumed.get("complete"));
    }

    @Test
    void downloadsThroughEddysTrackerWithTheTextView() throws IOException {
        String announce = swarm.startTracker();
        metainfo = TestSwarm.content(dir.resolve("seed"), torrent, SIZE, 32 << 10, announce);
        swarm.seed(metainfo, dir.resolve("seed"));
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("download", torrent.toString(), "-o", out.toString(), "-p", "0", "--sequential");
        assertEquals(0, run.code(), run.err());
        assertSameContent(dir.resolve("seed/content"), out.resolve("content"));
        String[] lines = run.out().split("\\R");
        assertTrue(lines[0].startsWith("downloading content (3.00 MiB, 96 pieces) into " + out + "; listening on port "),
                lines[0]);
        assertTrue(run.out().contains("complete: content, 96 of 96 pieces verified (3.00 MiB of 3.00 MiB)\n"), run.out());
        assertTrue(run.out().contains("3.00 MiB from 1 address, 0 B already on disk"), run.out());
        assertFalse(run.out().contains("\r"), "no redrawing off a terminal");
    }

    @Test
    void quietPrintsNothing() throws IOException {
        metainfo = TestSwarm.content(dir.resolve("seed"), torrent, SIZE, 64 << 10);
        int port = swarm.seed(metainfo, dir.resolve("seed"));
        CliRun run = CliRun.of("download", torrent.toString(), "-o", dir.resolve("out").toString(), "-p", "0",
                "--peer", "127.0.0.1:" + port, "--quiet", "--max-peers", "4", "--download-limit", "100M", "--upload-limit", "1M");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.out());
        assertEquals("", run.err());
    }

    @Test
    void usageErrorsExitTwo() {
        for (String[] args : List.of(
                new String[] {"download"},
                new String[] {"download", "x.torrent", "--seed", "--seed-ratio", "2"},
                new String[] {"download", "x.torrent", "--seed-ratio", "0"},
                new String[] {"download", "x.torrent", "-p", "70000"},
                new String[] {"download", "x.torrent", "--max-peers", "0"},
                new String[] {"download", "x.torrent", "--peer", "nowhere"},
                new String[] {"download", "x.torrent", "--peer", "127.0.0.1:0"},
                new String[] {"download", "x.torrent", "--download-limit", "fast"},
                new String[] {"seed", "x.torrent"},
                new String[] {"tracker", "--http-port", "-1", "--udp-port", "-1"},
                new String[] {"tracker", "--http-port", "65536"},
                new String[] {"demo", "--seeders", "0"},
                new String[] {"demo", "--size", "0"})) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.code(), String.join(" ", args) + ": " + run.err());
            assertEquals(1, run.errLines().length, run.err());
        }
    }

    @Test
    void failuresAreOneLineSayingWhatToDo() throws IOException {
        metainfo = TestSwarm.content(dir.resolve("seed"), torrent, 64 << 10, 16 << 10);
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFails("magnet links are not supported yet; give the path of a .torrent file",
                    "download", "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567");
            assertFails(dir.resolve("missing.torrent") + ": no such file; give the path of a .torrent file",
                    "download", dir.resolve("missing.torrent").toString());
            assertFails(torrent + " lists no trackers, so there is nobody to download from; give peers with --peer HOST:PORT",
                    "download", torrent.toString(), "-o", dir.resolve("out").toString());
            assertFails(file + " is a file; give -o a folder to download into",
                    "download", torrent.toString(), "-o", file.toString(), "--peer", "127.0.0.1:1");
            assertFails("cannot create the folder " + file.resolve("sub") + " (Not a directory); choose a writable folder with -o",
                    "download", torrent.toString(), "-o", file.resolve("sub").toString(), "--peer", "127.0.0.1:1");
            assertFails("port " + taken.getLocalPort() + " is in use (or not allowed); choose another with -p PORT, or -p 0 for any free port",
                    "download", torrent.toString(), "-o", dir.resolve("out").toString(), "--peer", "127.0.0.1:1",
                    "-p", String.valueOf(taken.getLocalPort()));
            Path empty = Files.createDirectories(dir.resolve("empty"));
            assertFails(empty + " holds only 0 of 4 pieces of content; seed needs the complete data:"
                    + " check DATA_PATH, or fetch the rest with download", "seed", torrent.toString(), empty.toString(), "-p", "0");
            assertFails(dir.resolve("nope") + ": no such folder; DATA_PATH is the folder that holds the torrent's content",
                    "seed", torrent.toString(), dir.resolve("nope").toString());
        }
    }

    @Test
    void aFailedWriteStopsTheDownloadWithOneLine() throws IOException {
        Path full = Path.of("/dev/full");
        if (!Files.exists(full)) {
            return;
        }
        metainfo = TestSwarm.content(dir.resolve("seed"), torrent, SIZE, 64 << 10);
        int port = swarm.seed(metainfo, dir.resolve("seed"));
        Path out = Files.createDirectories(dir.resolve("out").resolve("content"));
        Files.createSymbolicLink(out.resolve("first.bin"), full);
        CliRun run = CliRun.of("download", torrent.toString(), "-o", dir.resolve("out").toString(), "-p", "0",
                "--peer", "127.0.0.1:" + port);
        assertEquals(1, run.code(), run.out());
        assertEquals(1, run.errLines().length, run.err());
        assertEquals("eddy: " + out.resolve("first.bin") + ": is a symbolic link; refusing to follow it; fix that and run"
                + " the same command again (verified pieces are kept)", run.errLines()[0]);
    }

    private static void assertFails(String message, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(1, run.code(), String.join(" ", args) + ": " + run.err());
        assertEquals(List.of("eddy: " + message), List.of(run.errLines()));
    }

    static List<Map<String, Object>> jsonLines(String out) {
        return out.lines().map(Json::object).toList();
    }

    static void assertSameContent(Path expected, Path actual) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(expected)) {
            files = walk.filter(Files::isRegularFile).map(expected::relativize).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(file)), Files.readAllBytes(actual.resolve(file)),
                    file.toString());
        }
    }
}
