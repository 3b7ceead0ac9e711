package dev.eddy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * Runs the {@code eddy} command in this JVM with captured output, as the tests' way in.
 *
 * @param code the exit code
 * @param out what went to stdout
 * @param err what went to stderr
 */
record CliRun(int code, String out, String err) {
    /** The committed test torrents and payloads. */
    static final Path TESTDATA = Path.of(System.getProperty("eddy.testdata", "../testdata")).toAbsolutePath().normalize();

    static CliRun of(String... args) {
        return with(new MainTask(() -> {
            throw new AssertionError("a hard exit was asked for");
        }), args);
    }

    static CliRun with(MainTask mainTask, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err), mainTask);
        return new CliRun(code, out.toString(), err.toString());
    }

    static String testdata(String relative) {
        return TESTDATA.resolve(relative).toString();
    }

    /** {@return stderr's lines, which for a failure must be exactly one} */
    String[] errLines() {
        return err.isEmpty() ? new String[0] : err.split("\\R");
    }
}
