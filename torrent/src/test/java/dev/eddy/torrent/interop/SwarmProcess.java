package dev.eddy.torrent.interop;

import static org.junit.jupiter.api.Assertions.fail;

import dev.eddy.torrent.ExternalTool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real BitTorrent client in a swarm interop test: libtorrent (through {@code interop/lt_seed.py}
 * and {@code interop/lt_download.py}) or aria2, on 127.0.0.1 with DHT, local discovery and peer
 * exchange off, so it finds peers only through the test's tracker. A thread of its own collects what
 * the process prints. Every wait is bounded and fails the test with all it said; {@link #close()}
 * stops it.
 *
 * <p>The waits block: call them from the test thread, or from a loop through
 * {@code runInExecutor}.
 */
final class SwarmProcess implements AutoCloseable {
    /** Debian's aria2. */
    static final Path ARIA2 = Path.of("/usr/bin/aria2c");
    private static final Path SCRIPTS = Path.of("src", "test", "resources", "interop").toAbsolutePath();
    private static final String END = "\u0000end";

    private final String name;
    private final boolean stopsAtEndOfInput;
    private final Process process;
    private final List<String> transcript = new ArrayList<>();
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private SwarmProcess(String name, boolean stopsAtEndOfInput, List<String> command) {
        this.name = name;
        this.stopsAtEndOfInput = stopsAtEndOfInput;
        try {
            this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
        Thread reader = new Thread(this::readOutput, name + " output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * A libtorrent seeder of {@code torrent}'s data in {@code folder}, returned once it has checked
     * the data and its tracker has answered (its {@code READY} line).
     */
    static SwarmProcess libtorrentSeeder(Path torrent, Path folder, Duration timeout) {
        ExternalTool.requireLibtorrent();
        SwarmProcess seeder = new SwarmProcess("libtorrent seeder", true, List.of(ExternalTool.PYTHON.toString(),
                SCRIPTS.resolve("lt_seed.py").toString(), "--timeout", Long.toString(timeout.toSeconds()),
                torrent.toString(), folder.toString()));
        seeder.expect("READY ", timeout);
        return seeder;
    }

    /**
     * A libtorrent leecher downloading {@code torrent} into {@code folder}. It prints {@code DONE}
     * once every piece is verified (see {@link #awaitDone}); with {@code stay} it then seeds until
     * closed, otherwise it exits.
     */
    static SwarmProcess libtorrentLeecher(Path torrent, Path folder, boolean stay, Duration timeout) {
        ExternalTool.requireLibtorrent();
        List<String> command = new ArrayList<>(List.of(ExternalTool.PYTHON.toString(),
                SCRIPTS.resolve("lt_download.py").toString(), "--timeout", Long.toString(timeout.toSeconds()),
                torrent.toString(), folder.toString()));
        if (stay) {
            command.add("--stay");
        }
        SwarmProcess leecher = new SwarmProcess("libtorrent leecher", true, command);
        leecher.expect("LISTEN ", timeout);
        return leecher;
    }

    /**
     * aria2 checking {@code torrent}'s data in {@code folder} and seeding it for {@code seedTime},
     * then exiting. It announces once its check is done, so wait for the tracker to count it
     * before starting a leecher.
     */
    static SwarmProcess aria2Seeder(Path torrent, Path folder, Duration seedTime) {
        return aria2("aria2 seeder", torrent, folder, seedTime, "--check-integrity=true");
    }

    /**
     * aria2 downloading {@code torrent} into {@code folder}; it exits {@code seedTime} after it
     * completes (at once for zero), with code 0 if the download is whole and verified.
     */
    static SwarmProcess aria2Leecher(Path torrent, Path folder, Duration seedTime) {
        return aria2("aria2 leecher", torrent, folder, seedTime, "--allow-overwrite=true");
    }

    private static SwarmProcess aria2(String name, Path torrent, Path folder, Duration seedTime, String mode) {
        ExternalTool.require(ARIA2, "aria2");
        // --seed-time is in minutes; fractions are allowed. --seed-ratio=0 lifts aria2's default
        // stop at a share ratio of 1.0, which would end a seeder after one leecher's worth, with
        // the leecher's last blocks perhaps still in flight. DHT, local discovery and peer
        // exchange would reach past loopback or find peers the tracker did not name.
        String minutes = Double.toString(seedTime.toMillis() / 60_000.0);
        return new SwarmProcess(name, false, List.of(ARIA2.toString(), "--no-conf=true", "--enable-dht=false",
                "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--listen-port=" + freePort(), "--dir=" + folder, mode, "--seed-time=" + minutes, "--seed-ratio=0.0",
                "--bt-tracker-connect-timeout=10", "--bt-tracker-timeout=10", "--summary-interval=0",
                "--console-log-level=notice", torrent.toString()));
    }

    /** Waits for the libtorrent leecher's {@code DONE} line; returns this process. */
    SwarmProcess awaitDone(Duration timeout) {
        expect("DONE ", timeout);
        return this;
    }

    /**
     * Reads lines until one starts with {@code prefix} and returns it; fails the test, with all
     * the process said, if its output ends first or after {@code timeout}.
     */
    String expect(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    return fail(name + " said no '" + prefix + "…' within " + timeout + "; it said:\n" + transcript());
                }
                if (line.equals(END)) {
                    lines.add(END);
                    return fail(name + " ended its output (exit " + exitCode() + ") before '" + prefix
                            + "…'; it said:\n" + transcript());
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for " + name);
        }
    }

    /**
     * Waits for the process to exit and fails the test unless it exits 0 within {@code timeout};
     * returns this process.
     */
    SwarmProcess awaitSuccess(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(name + " did not exit within " + timeout + "; it said:\n" + transcript());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for " + name);
        }
        if (process.exitValue() != 0) {
            fail(name + " exited with " + process.exitValue() + "; it said:\n" + transcript());
        }
        return this;
    }

    /** All the process printed so far. */
    synchronized String transcript() {
        return String.join("\n", transcript);
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Stops the process: the libtorrent scripts when their input closes, aria2 on SIGTERM (it
     * still tells the tracker it stopped); either is killed if it lingers.
     */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!stopsAtEndOfInput) {
                process.destroy();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    private void readOutput() {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = output.readLine()) != null; ) {
                synchronized (this) {
                    transcript.add(line);
                }
                lines.add(line);
            }
        } catch (IOException ended) {
            // the process died or was killed: its output ends here
        } finally {
            lines.add(END);
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "none yet";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** A TCP port free on loopback a moment ago, for aria2 to listen on. */
    private static int freePort() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
