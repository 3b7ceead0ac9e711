package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the shaded jar as {@code java -jar}, with no JVM flags, on the JDK running the tests: the
 * manifest alone must carry the continuation export, since create and verify run on the event loop.
 */
class EddyJarIT {
    private static final Path JAR = Path.of(System.getProperty("eddy.jar", "target/eddy.jar"));
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private static Subprocess eddy(Path workingFolder, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return Subprocess.run(workingFolder, Map.of(), command, Duration.ofSeconds(60));
    }

    @Test
    void theManifestNamesTheMainClassAndTheExport() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("dev.eddy.cli.Main", main.getValue("Main-Class"));
            assertEquals("java.base/jdk.internal.vm", main.getValue("Add-Exports"));
            assertEquals("ALL-UNNAMED", main.getValue("Enable-Native-Access"), "OpenSSL's SHA-1, without a warning");
        }
    }

    @Test
    void infoThenCreateThenVerifyThroughTheJar(@TempDir Path dir) throws Exception {
        Subprocess info = eddy(dir, "info", "--json", CliRun.testdata("torrents/single.torrent"));
        assertEquals(0, info.code(), info.err());
        assertEquals("3c752fe28b242052c16d208d69677fc4e76073ae", Json.object(info.out()).get("info_hash"));

        Subprocess create = eddy(dir, "create", CliRun.testdata("payloads/folder"), "-t", "http://127.0.0.1:6969/announce");
        assertEquals(0, create.code(), create.err());
        Path torrent = dir.resolve("folder.torrent");
        assertTrue(Files.isRegularFile(torrent), "written here by default");
        assertTrue(create.out().matches("[0-9a-f]{40}\\n"), create.out());

        Subprocess verify = eddy(dir, "verify", "--json", torrent.toString(), CliRun.testdata("payloads"));
        assertEquals("", verify.err());
        assertEquals(0, verify.code());
        Map<String, Object> report = Json.object(verify.out());
        assertEquals(true, report.get("complete"));
        assertEquals(create.out().strip(), report.get("info_hash"));

        Subprocess incomplete = eddy(dir, "verify", torrent.toString(), dir.toString());
        assertEquals(1, incomplete.code());
        assertTrue(incomplete.out().strip().endsWith("incomplete"), incomplete.out());
    }

    @Test
    void aHostileTorrentIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
        Subprocess run = eddy(dir, "info", CliRun.testdata("hostile/traversal-dotdot.torrent"));
        assertEquals(1, run.code());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("eddy: "), run.err());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
