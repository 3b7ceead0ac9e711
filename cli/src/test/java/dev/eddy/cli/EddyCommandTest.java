package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.CancelledException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EddyCommandTest {
    @Test
    void helpListsTheCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.code());
        for (String word : new String[] {"info", "create", "verify", "--verbose", "--quiet", "--log-file",
                "Exit codes: 0 success, 1 failure, 2 usage error, 130 interrupted."}) {
            assertTrue(run.out().contains(word), word + " in\n" + run.out());
        }
        CliRun subcommand = CliRun.of("create", "--help");
        assertEquals(0, subcommand.code());
        assertTrue(subcommand.out().contains("--piece-size=SIZE"), subcommand.out());
    }

    @Test
    void versionNamesEddyAndJava() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("eddy "), run.out());
        assertTrue(run.out().contains("Java " + Runtime.version()), run.out());
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        for (String[] args : new String[][] {{}, {"frobnicate"}, {"info", "--bogus", "x.torrent"}, {"--verbose"}}) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.code(), String.join(" ", args));
            assertEquals(1, run.errLines().length, run.err());
            assertTrue(run.err().contains("(see 'eddy"), run.err());
        }
        assertEquals("eddy: name a command: download, seed, info, create, verify, tracker, demo (see 'eddy --help')", CliRun.of().err().strip());
    }

    @Test
    void sharedOptionsWorkBeforeAndAfterTheCommand() {
        String torrent = CliRun.testdata("torrents/single.torrent");
        String payloads = CliRun.testdata("payloads");
        assertEquals("", CliRun.of("--quiet", "verify", torrent, payloads).out());
        assertEquals("", CliRun.of("verify", torrent, payloads, "-q").out());
    }

    @Test
    void verboseAddsTheStackTraceAfterTheOneLine() {
        CliRun plain = CliRun.of("info", "/nonexistent.torrent");
        CliRun verbose = CliRun.of("--verbose", "info", "/nonexistent.torrent");
        assertEquals(1, verbose.code());
        assertEquals(plain.errLines()[0], verbose.errLines()[0]);
        assertTrue(verbose.errLines().length > 3, verbose.err());
        assertTrue(verbose.err().contains("\tat dev.eddy.cli.TorrentFiles.read"), verbose.err());
    }

    @Test
    void completionScriptForBash() {
        CliRun run = CliRun.of("generate-completion");
        assertEquals(0, run.code());
        assertTrue(run.out().contains("complete -F _complete_eddy"), run.out().lines().limit(5).toList().toString());
    }

    @Test
    void anUnwritableLogFileIsAFailure(@TempDir Path dir) {
        CliRun run = CliRun.of("--log-file", dir.resolve("no/such/folder/eddy.log").toString(), "--version");
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("eddy: cannot open the log file "), run.err());
        assertEquals(1, run.errLines().length);
    }

    @Test
    void anInterruptedCommandExitsOneThirty() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new EddyCommand(new MainTask(() -> { })));
        commandLine.setErr(new PrintWriter(err));
        int code = new ErrorReporter(new EddyCommand(new MainTask(() -> { })))
                .handleExecutionException(new CancelledException("interrupted"), commandLine, null);
        assertEquals(130, code);
        assertEquals("eddy: interrupted", err.toString().strip());
    }

    @Test
    void failuresAreDescribedWithWhatToDo() {
        assertEquals("x: no such file or folder",
                ErrorReporter.describe(new java.nio.file.NoSuchFileException("x")));
        assertTrue(ErrorReporter.describe(new IllegalStateException("boom"))
                .endsWith("(run again with --verbose for the stack trace, and report it)"));
    }
}
