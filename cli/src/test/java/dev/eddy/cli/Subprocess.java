package dev.eddy.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command run to completion for the jar and launcher tests, with its exit code and output. */
record Subprocess(int code, String out, String err) {

    /**
     * Runs a command with no input and waits for it.
     *
     * @param workingFolder where it runs
     * @param environment variables to set on top of this process's
     * @param command the program and its arguments
     * @param limit how long it may take before it is killed and the test fails
     * @return how it ended
     */
    static Subprocess run(Path workingFolder, Map<String, String> environment, List<String> command, Duration limit)
            throws IOException, InterruptedException {
        // Output goes to files, so a child that fills one pipe can never stall it while we read the other.
        Path out = Files.createTempFile("eddy-out", ".txt");
        Path err = Files.createTempFile("eddy-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + limit.toSeconds() + " s");
            }
            return new Subprocess(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
