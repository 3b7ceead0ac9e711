package dev.eddy.torrent;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an outside program for the interop tests and benchmarks. A missing program fails the test
 * with the package to install; it never skips.
 */
public final class ExternalTool {
    /** Debian's python, the one with {@code python3-libtorrent}. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private ExternalTool() {
    }

    /**
     * Fails unless an executable exists.
     *
     * @param program the program's path
     * @param debianPackage the package that provides it
     */
    public static void require(Path program, String debianPackage) {
        if (!Files.isExecutable(program)) {
            fail(program + " is missing: install the Debian package " + debianPackage + " (apt-get install "
                    + debianPackage + "); interop tests never skip");
        }
    }

    /** Fails unless Debian's python can import libtorrent. */
    public static void requireLibtorrent() {
        require(PYTHON, "python3");
        String out = run(Duration.ofSeconds(30), null, false, PYTHON.toString(), "-c", "import libtorrent");
        if (!out.isEmpty()) {
            fail("python3 cannot import libtorrent: install the Debian package python3-libtorrent\n" + out);
        }
    }

    /**
     * The path of the libtorrent helper script in the test resources.
     *
     * @return the script
     */
    public static Path libtorrentScript() {
        return Path.of("src", "test", "resources", "interop", "lt.py").toAbsolutePath();
    }

    /**
     * Runs a command and returns its output, failing the test if it does not exit 0 in time.
     *
     * @param timeout how long it may take
     * @param workDir the working folder, or null for the current one
     * @param command the program and its arguments
     * @return standard output and standard error, interleaved
     */
    public static String run(Duration timeout, Path workDir, String... command) {
        return run(timeout, workDir, true, command);
    }

    private static String run(Duration timeout, Path workDir, boolean failOnExit, String... command) {
        Path output = null;
        try {
            output = Files.createTempFile("eddy-tool", ".out");
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (failOnExit && process.exitValue() != 0) {
                fail(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text);
            }
            return process.exitValue() == 0 && !failOnExit ? "" : text;
        } catch (IOException e) {
            return fail("could not run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + command[0]);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
