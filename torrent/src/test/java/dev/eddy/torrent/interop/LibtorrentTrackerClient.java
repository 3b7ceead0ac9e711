package dev.eddy.torrent.interop;

import static org.junit.jupiter.api.Assertions.fail;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.TimeoutException;
import dev.eddy.torrent.ExternalTool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * libtorrent (Debian's python3-libtorrent) as a tracker client, driven through
 * {@code interop/lt_tracker_client.py} one line at a time. Used from a task on the loop: the
 * blocking pipe reads and writes go through {@link EventLoop#runInExecutor}, so the loop (and the
 * tracker on it) keeps running. Every wait is bounded, and {@link #close()} kills the process.
 */
final class LibtorrentTrackerClient implements AutoCloseable {
    private static final Path SCRIPT =
            Path.of("src", "test", "resources", "interop", "lt_tracker_client.py").toAbsolutePath();

    private final EventLoop loop;
    private final Process process;
    private final BufferedReader output;
    private final Writer commands;
    private final List<String> transcript = new ArrayList<>();

    private LibtorrentTrackerClient(EventLoop loop, Process process) {
        this.loop = loop;
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
    }

    /**
     * Starts libtorrent on {@code torrent}, seeding if {@code savePath} holds its data. Call
     * {@link ExternalTool#requireLibtorrent()} first, before the loop runs: it blocks.
     */
    static LibtorrentTrackerClient start(EventLoop loop, Path torrent, Path savePath) {
        try {
            Process process = new ProcessBuilder(ExternalTool.PYTHON.toString(), SCRIPT.toString(), torrent.toString(),
                    savePath.toString()).redirectErrorStream(true).start();
            return new LibtorrentTrackerClient(loop, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + SCRIPT, e);
        }
    }

    /**
     * Reads lines until one starts with {@code prefix} and returns it. Fails the test, with all
     * that libtorrent said, on an {@code error} line, at the end of its output, or after {@code timeout}.
     */
    String expect(String prefix, Duration timeout) {
        long deadline = loop.deadline(timeout);
        while (true) {
            Future<String> next = loop.runInExecutor(output::readLine);
            String line;
            try {
                line = Async.waitFor(next, Duration.ofNanos(Math.max(1, deadline - loop.time())));
            } catch (TimeoutException e) {
                return fail("libtorrent said no '" + prefix + "…' within " + timeout + "; it said:\n" + transcript());
            }
            if (line == null) {
                return fail("libtorrent ended its output (exit code " + exitCode() + ") before saying '" + prefix
                        + "…'; it said:\n" + transcript());
            }
            transcript.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("error ") || line.startsWith("Traceback")) {
                return fail("libtorrent reported a problem while we waited for '" + prefix + "…':\n" + transcript());
            }
        }
    }

    /** Sends one command line. */
    void send(String command) {
        loop.runInExecutor(() -> {
            commands.write(command + "\n");
            commands.flush();
            return null;
        }).await();
    }

    /** Waits for the process to exit and returns its exit code; fails the test after {@code timeout}. */
    int waitForExit(Duration timeout) {
        boolean exited = loop.runInExecutor(() -> process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).await();
        if (!exited) {
            fail("libtorrent did not exit within " + timeout + "; it said:\n" + transcript());
        }
        return process.exitValue();
    }

    /** The exit code, waiting a little for the exit, or "none" if it is still running. */
    private String exitCode() {
        boolean exited = loop.runInExecutor(() -> process.waitFor(5, TimeUnit.SECONDS)).await();
        return exited ? Integer.toString(process.exitValue()) : "none";
    }

    /** All that libtorrent said so far. */
    String transcript() {
        return String.join("\n", transcript);
    }

    /** Kills the process if it is still running. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
