package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.metainfo.Metainfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swarm commands as people run them: {@code java -jar eddy.jar}, a process of its own, stopped
 * with a real SIGINT. The peers it meets are a {@link TestSwarm} in this JVM.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SwarmJarIT {
    private static final Path JAR = Path.of(System.getProperty("eddy.jar", "target/eddy.jar"));
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    private final TestSwarm swarm = new TestSwarm();

    @AfterEach
    void stopSwarm() throws InterruptedException {
        swarm.close();
    }

    /** A running {@code eddy}, its stdout read line by line. */
    private record Eddy(Process process, BufferedReader out) {
        static Eddy start(Path workingFolder, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(workingFolder.toFile())
                    .redirectError(workingFolder.resolve("stderr.txt").toFile()).start();
            process.getOutputStream().close();
            return new Eddy(process, new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        }

        /** Reads lines until one parses as JSON and passes {@code test}; {@return that line} */
        Map<String, Object> awaitJson(Predicate<Map<String, Object>> test) throws IOException {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Map<String, Object> json = Json.object(line);
                if (test.test(json)) {
                    return json;
                }
            }
            throw new AssertionError("the output ended without the line looked for");
        }

        void signal(String name) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
        }

        int exit(long seconds) throws InterruptedException {
            assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "exited within " + seconds + " s");
            return process.exitValue();
        }
    }

    private static boolean event(Map<String, Object> json, String type) {
        return type.equals(json.get("event"));
    }

    @Test
    void sigintInMidDownloadExits130AndTheRerunResumesAndCompletes() throws Exception {
        Path torrent = dir.resolve("content.torrent");
        Metainfo metainfo = TestSwarm.content(dir.resolve("seed"), torrent, 4 << 20, 32 << 10);
        int port = swarm.seed(metainfo, dir.resolve("seed"));
        Path out = dir.resolve("out");
        String[] args = {"download", torrent.toString(), "-o", out.toString(), "-p", "0", "--peer", "127.0.0.1:" + port,
            "--json"};

        // 512 KiB/s makes the 4 MiB take about 8 s: time enough to interrupt it once some pieces are in.
        List<String> slow = new ArrayList<>(List.of(args));
        slow.addAll(List.of("--download-limit", "512k"));
        Eddy first = Eddy.start(dir, slow.toArray(String[]::new));
        first.awaitJson(json -> event(json, "progress") && (Long) json.get("completed") > 0);
        long signalled = System.nanoTime();
        first.signal("INT");
        Map<String, Object> stopped = first.awaitJson(json -> event(json, "summary"));
        assertEquals(ExitCodes.INTERRUPTED, first.exit(5));
        assertTrue(System.nanoTime() - signalled < TimeUnit.SECONDS.toNanos(5), "a clean stop within 5 s");
        assertEquals(true, stopped.get("interrupted"));
        assertEquals(false, stopped.get("complete"));
        long kept = (Long) stopped.get("verified");
        assertTrue(kept > 0 && kept < metainfo.totalLength(), stopped.toString());
        assertEquals("eddy: interrupted\n", Files.readString(dir.resolve("stderr.txt")));
        assertTrue(Files.exists(out.resolve(".eddy-" + metainfo.infoHash().hex() + ".resume")), "resume data saved");

        Eddy again = Eddy.start(dir, args);
        Map<String, Object> summary = again.awaitJson(json -> event(json, "summary"));
        assertEquals(0, again.exit(10));
        assertEquals(true, summary.get("complete"));
        assertEquals(kept, summary.get("resumed"), "what the first run verified is not fetched again");
        assertEquals(metainfo.totalLength() - kept, summary.get("downloaded"));
        assertTrue((Long) summary.get("downloaded") < metainfo.totalLength());
        DownloadCommandTest.assertSameContent(dir.resolve("seed/content"), out.resolve("content"));
    }

    @Test
    void downloadThroughTheTrackerThenSeedUntilSigterm() throws Exception {
        String announce = swarm.startTracker();
        Path torrent = dir.resolve("content.torrent");
        Metainfo metainfo = TestSwarm.content(dir.resolve("seed"), torrent, 1 << 20, 16 << 10, announce);
        swarm.seed(metainfo, dir.resolve("seed"));

        Eddy download = Eddy.start(dir, "download", torrent.toString(), "-o", "out", "-p", "0", "--json");
        Map<String, Object> summary = download.awaitJson(json -> event(json, "summary"));
        assertEquals(0, download.exit(10));
        assertEquals(metainfo.totalLength(), summary.get("downloaded"));

        Eddy seed = Eddy.start(dir, "seed", torrent.toString(), "out", "-p", "0", "--json");
        seed.awaitJson(json -> event(json, "tracker") && "announced".equals(json.get("action")));
        seed.signal("TERM");
        Map<String, Object> seeded = seed.awaitJson(json -> event(json, "summary"));
        assertEquals(ExitCodes.INTERRUPTED, seed.exit(5));
        assertEquals(true, seeded.get("complete"));
    }

    @Test
    void trackerStopsOnSigint() throws Exception {
        Eddy tracker = Eddy.start(dir, "tracker", "--http-port", "0", "--udp-port", "-1");
        String line = tracker.out().readLine();
        assertTrue(line.matches("tracker: HTTP on port \\d+, announce URL http://127\\.0\\.0\\.1:\\d+/announce .*"), line);
        tracker.signal("INT");
        assertEquals(ExitCodes.INTERRUPTED, tracker.exit(5));
    }

    @Test
    void demoCompletesThroughTheJar() throws Exception {
        Eddy demo = Eddy.start(dir, "demo", "--size", "2M", "--seeders", "2");
        List<String> lines = demo.out().lines().toList();
        assertEquals(0, demo.exit(30), String.join("\n", lines));
        assertTrue(lines.getLast().startsWith("demo: verified: all "), String.join("\n", lines));
    }
}
