package dev.eddy.torrent.interop;

import static org.junit.jupiter.api.Assertions.fail;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.ExternalTool;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.tracker.ScrapeStats;
import dev.eddy.torrent.tracker.Tracker;
import dev.eddy.torrent.tracker.TrackerOptions;
import dev.eddy.torrent.tracker.Trackers;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real opentracker (Debian's {@code opentracker}) on 127.0.0.1 for interop tests: HTTP and UDP
 * on free ports, whitelisting the given torrents (Debian's build accepts only whitelisted ones).
 * It refuses to run as root, so it drops to {@code nobody} inside a world-readable folder of its
 * own, which it also uses as its chroot. A missing binary fails the test; it never skips.
 */
public final class OpenTracker implements AutoCloseable {
    /** Where Debian installs it. */
    public static final Path BINARY = Path.of("/usr/bin/opentracker");
    private static final Duration STARTUP = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Path folder;
    private final Process process;
    private final int httpPort;
    private final int udpPort;

    private OpenTracker(Path folder, Process process, int httpPort, int udpPort) {
        this.folder = folder;
        this.process = process;
        this.httpPort = httpPort;
        this.udpPort = udpPort;
    }

    /**
     * Starts opentracker whitelisting {@code torrents} and returns once it accepts connections.
     * Blocking: call it from the test thread, not from a loop.
     */
    public static OpenTracker start(List<InfoHash> torrents) throws IOException {
        ExternalTool.require(BINARY, "opentracker");
        Path folder = Files.createTempDirectory(Path.of("/tmp"), "eddy-opentracker");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path whitelist = folder.resolve("whitelist");
        Files.writeString(whitelist, torrents.stream().map(InfoHash::hex).collect(Collectors.joining("\n", "", "\n")));
        Files.setPosixFilePermissions(whitelist, PosixFilePermissions.fromString("rw-r--r--"));
        int httpPort = freeTcpPort();
        int udpPort = freeUdpPort();
        // -w is read after the chroot into -d, so it names the file relative to the folder.
        Process process = new ProcessBuilder(BINARY.toString(), "-i", "127.0.0.1", "-p", Integer.toString(httpPort),
                "-P", Integer.toString(udpPort), "-d", folder.toString(), "-u", "nobody", "-w", "/whitelist")
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("opentracker.log").toFile())
                .start();
        OpenTracker tracker = new OpenTracker(folder, process, httpPort, udpPort);
        tracker.awaitListening();
        return tracker;
    }

    /** {@code http://127.0.0.1:PORT/announce}. */
    public URI httpAnnounce() {
        return URI.create("http://127.0.0.1:" + httpPort + "/announce");
    }

    /** {@code udp://127.0.0.1:PORT/announce}. */
    public URI udpAnnounce() {
        return URI.create("udp://127.0.0.1:" + udpPort + "/announce");
    }

    /**
     * Scrapes the tracker over HTTP, with Eddy's tracker client on a loop of its own, until
     * {@code until} holds for the counts of {@code torrent}, and returns them; fails the test after
     * {@code timeout}. Blocking: for the test thread, or a loop's executor.
     */
    public ScrapeStats awaitCounts(InfoHash torrent, Predicate<ScrapeStats> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TrackerOptions options = TrackerOptions.DEFAULTS.withHttpTimeouts(Duration.ofSeconds(5));
        return EventLoop.run(() -> {
            try (Tracker tracker = Trackers.open(httpAnnounce().toString(), options)) {
                while (true) {
                    ScrapeStats counts = tracker.scrape(List.of(torrent)).getOrDefault(torrent, new ScrapeStats(0, 0, 0));
                    if (until.test(counts)) {
                        return counts;
                    }
                    if (System.nanoTime() - deadline > 0) {
                        return fail("opentracker's counts for " + torrent + " are still " + counts + " after " + timeout);
                    }
                    Async.sleep(POLL);
                }
            }
        });
    }

    /** Stops the tracker and removes its folder. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Polls a TCP connect until it succeeds, within {@link #STARTUP}; fails with the log if the process dies. */
    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            if (!process.isAlive()) {
                String log = log();
                close();
                fail("opentracker exited with " + process.exitValue() + " at startup:\n" + log);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() - deadline > 0) {
                    String log = log();
                    close();
                    fail("opentracker did not listen on 127.0.0.1:" + httpPort + " within " + STARTUP + ":\n" + log);
                }
                try {
                    process.waitFor(20, TimeUnit.MILLISECONDS); // returns early if it dies
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for opentracker", e);
                }
            }
        }
    }

    private String log() {
        try {
            return Files.readString(folder.resolve("opentracker.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }
}
