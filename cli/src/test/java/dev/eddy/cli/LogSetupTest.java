package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSetupTest {
    private static final System.Logger LOG = System.getLogger("dev.eddy.test.Component");

    @Test
    void normalShowsWarningsOnStderrAsOneLine() throws Exception {
        StringWriter err = new StringWriter();
        try (LogSetup ignored = LogSetup.install(new PrintWriter(err), Verbosity.NORMAL, null)) {
            LOG.log(Level.WARNING, "tracker {0} failed", "http://t");
            LOG.log(Level.INFO, "not shown");
            LOG.log(Level.DEBUG, "not shown either");
        }
        assertEquals("eddy: warning: [Component] tracker http://t failed" + System.lineSeparator(), err.toString());
    }

    @Test
    void quietShowsOnlyErrorsAndVerboseShowsDebugWithStackTraces() throws Exception {
        StringWriter quiet = new StringWriter();
        try (LogSetup ignored = LogSetup.install(new PrintWriter(quiet), Verbosity.QUIET, null)) {
            LOG.log(Level.WARNING, "hidden");
            LOG.log(Level.ERROR, "shown");
        }
        assertEquals("eddy: error: [Component] shown" + System.lineSeparator(), quiet.toString());

        StringWriter verbose = new StringWriter();
        try (LogSetup ignored = LogSetup.install(new PrintWriter(verbose), Verbosity.VERBOSE, null)) {
            LOG.log(Level.DEBUG, "detail");
            LOG.log(Level.WARNING, "with cause", new IllegalStateException("why"));
        }
        List<String> lines = verbose.toString().lines().toList();
        assertEquals("eddy: debug: [Component] detail", lines.get(0));
        assertEquals("eddy: warning: [Component] with cause", lines.get(1));
        assertEquals("java.lang.IllegalStateException: why", lines.get(2));
    }

    @Test
    void theLogFileGetsEverythingDownToDebugAndHandlersAreRestored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("eddy.log");
        var before = List.of(Logger.getLogger("").getHandlers());
        StringWriter err = new StringWriter();
        try (LogSetup ignored = LogSetup.install(new PrintWriter(err), Verbosity.NORMAL, file)) {
            LOG.log(Level.DEBUG, "for the file");
        }
        assertEquals("", err.toString());
        String logged = Files.readString(file);
        assertTrue(logged.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG dev.eddy.test.Component: for the file\\R"), logged);
        assertEquals(before, List.of(Logger.getLogger("").getHandlers()));
    }
}
