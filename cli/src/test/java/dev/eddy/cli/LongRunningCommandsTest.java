package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.metainfo.Metainfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that run until Ctrl-C ({@code seed}, {@code tracker}) and {@code demo}, in this JVM:
 * each long-running one on a thread of its own, its output read line by line as it comes, and
 * stopped through its {@link MainTask} as the signal handler would.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LongRunningCommandsTest {
    @TempDir
    Path dir;

    /** A command running on its own thread, with its stdout as a queue of lines. */
    private static final class Background {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final MainTask mainTask = new MainTask(() -> {
            throw new AssertionError("a hard exit was asked for");
        });
        final CompletableFuture<Integer> code = new CompletableFuture<>();
        /** The line the last {@link #await} matched. */
        String matchedLine;

        Background(String... args) {
            Writer sink = new Writer() {
                private final StringBuilder line = new StringBuilder();

                @Override
                public synchronized void write(char[] chars, int offset, int length) {
                    for (int i = offset; i < offset + length; i++) {
                        if (chars[i] == '\n') {
                            lines.add(line.toString());
                            line.setLength(0);
                        } else {
                            line.append(chars[i]);
                        }
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            Thread.ofPlatform().name("eddy " + args[0]).daemon().start(() ->
                    code.complete(Main.execute(args, new PrintWriter(sink), new PrintWriter(Writer.nullWriter()), mainTask)));
        }

        /** Waits for a line matching {@code pattern}, skipping the others. */
        Matcher await(String pattern) throws InterruptedException {
            Pattern wanted = Pattern.compile(pattern);
            while (true) {
                String line = lines.poll(20, TimeUnit.SECONDS);
                if (line == null) {
                    throw new AssertionError("no line matching " + pattern);
                }
                Matcher matcher = wanted.matcher(line);
                if (matcher.find()) {
                    matchedLine = line;
                    return matcher;
                }
            }
        }

        int interrupt() throws Exception {
            mainTask.interrupt();
            return code.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void seedServesADownloadAndCtrlCStopsItWith130() throws Exception {
        Path torrent = dir.resolve("content.torrent");
        Metainfo metainfo = TestSwarm.content(dir.resolve("seed"), torrent, 2 << 20, 32 << 10);
        Background seed = new Background("seed", torrent.toString(), dir.resolve("seed").toString(), "-p", "0", "--json");
        int port = Integer.parseInt(seed.await("\"event\":\"started\".*\"port\":(\\d+)").group(1));

        CliRun download = CliRun.of("download", torrent.toString(), "-o", dir.resolve("out").toString(), "-p", "0",
                "--peer", "127.0.0.1:" + port);
        assertEquals(0, download.code(), download.err());
        DownloadCommandTest.assertSameContent(dir.resolve("seed/content"), dir.resolve("out/content"));

        assertEquals(ExitCodes.INTERRUPTED, seed.interrupt());
        seed.await("\"event\":\"summary\"");
        Map<String, Object> summary = Json.object(seed.matchedLine);
        assertEquals(true, summary.get("interrupted"));
        assertEquals(true, summary.get("complete"));
        assertEquals(metainfo.totalLength(), summary.get("uploaded"));
        assertEquals(0L, summary.get("downloaded"));
    }

    @Test
    void trackerAnswersAnAnnounceAndPrintsItWithVerbose() throws Exception {
        Background tracker = new Background("tracker", "--http-port", "0", "--udp-port", "0", "--verbose");
        int http = Integer.parseInt(tracker.await("^tracker: HTTP on port (\\d+), announce URL http://127\\.0\\.0\\.1:\\d+/announce").group(1));
        tracker.await("^tracker: UDP on port \\d+");
        tracker.await("^tracker: serving any torrent; Ctrl-C stops it$");

        String infoHash = "%01%23%45%67%89%ab%cd%ef%01%23%45%67%89%ab%cd%ef%01%23%45%67";
        URI announce = URI.create("http://127.0.0.1:" + http + "/announce?info_hash=" + infoHash
                + "&peer_id=-XX0001-abcdefghijkl&port=6881&uploaded=0&downloaded=0&left=1000&event=started&compact=1");
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> reply = client.send(HttpRequest.newBuilder(announce).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
            assertEquals(200, reply.statusCode());
            assertTrue(reply.body().contains("8:interval"), reply.body());
        }
        tracker.await("^announce 0123456789abcdef0123456789abcdef01234567 from 127\\.0\\.0\\.1:6881: started, 1000 bytes left$");
        assertEquals(ExitCodes.INTERRUPTED, tracker.interrupt());
    }

    @Test
    void trackerRefusesAWhitelistItCannotRead() {
        CliRun run = CliRun.of("tracker", "--whitelist", dir.resolve("missing.txt").toString(), "--http-port", "0",
                "--udp-port", "0");
        assertEquals(1, run.code());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.errLines()[0].startsWith("eddy: cannot read the whitelist "), run.err());
    }

    @Test
    void demoDownloadsFromItsSwarmVerifiesAndCleansUp() throws IOException {
        CliRun run = CliRun.of("demo", "--size", "3M", "--seeders", "2");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        String out = run.out();
        assertTrue(out.startsWith("demo: writing 3.00 MiB of seeded random bytes in "), out);
        assertTrue(out.contains("demo: 2 seeders checked their copies and announced, on ports "), out);
        assertTrue(out.contains("complete: eddy-demo, "), out);
        assertTrue(out.contains("3.00 MiB from 1 address, 0 B already on disk"), out);
        assertTrue(out.contains("demo: verified: all "), out);
        Matcher folder = Pattern.compile("seeded random bytes in (\\S+)").matcher(out);
        assertTrue(folder.find());
        assertTrue(!java.nio.file.Files.exists(Path.of(folder.group(1))), "the demo's folder is gone");
    }
}
