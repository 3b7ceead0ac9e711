package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the repository's {@code ./eddy} launcher as a person would, on the jar this build made (so it
 * need not rebuild): it finds the JDK it is given, records the JVM's AOT cache beside the jar once,
 * and runs with its JVM flags while stdout stays clean enough for {@code --json}.
 */
class LauncherIT {
    private static final Path JAR = Path.of(System.getProperty("eddy.jar", "target/eddy.jar")).toAbsolutePath();
    private static final Path ROOT = JAR.getParent().getParent().getParent();
    private static final Path CACHE = JAR.resolveSibling("eddy.aot");

    private static Subprocess launcher(Path workingFolder, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("eddy").toString()));
        command.addAll(List.of(args));
        return Subprocess.run(workingFolder, Map.of("JAVA_HOME", System.getProperty("java.home")), command,
                Duration.ofSeconds(120));
    }

    @Test
    void theLauncherRecordsItsAotCacheOnceThenRunsWithItAndKeepsStdoutForJson(@TempDir Path dir) throws Exception {
        Files.deleteIfExists(CACHE);
        Subprocess first = launcher(dir, "--version");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().startsWith("eddy "), first.out());
        assertTrue(first.err().contains("preparing the JVM's AOT cache"), first.err());
        assertTrue(Files.isRegularFile(CACHE), "the AOT cache is beside the jar");

        Subprocess info = launcher(dir, "info", "--json", CliRun.testdata("torrents/single.torrent"));
        assertEquals(0, info.code(), info.err());
        assertEquals("", info.err(), "nothing more to prepare, and no JVM message");
        assertEquals("3c752fe28b242052c16d208d69677fc4e76073ae", Json.object(info.out()).get("info_hash"));
    }
}
