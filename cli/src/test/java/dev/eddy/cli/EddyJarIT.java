package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    record Result(int code, String out, String err) {
    }

    private static Result eddy(Path workingFolder, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        // Output goes to files, so a child that fills one pipe can never stall it while we read the other.
        Path out = Files.createTempFile("eddy-out", ".txt");
        Path err = Files.createTempFile("eddy-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(workingFolder.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("eddy " + String.join(" ", args) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theManifestNamesTheMainClassAndTheExport() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("dev.eddy.cli.Main", main.getValue("Main-Class"));
            assertEquals("java.base/jdk.internal.vm", main.getValue("Add-Exports"));
        }
    }

    @Test
    void infoThenCreateThenVerifyThroughTheJar(@TempDir Path dir) throws Exception {
        Result info = eddy(dir, "info", "--json", CliRun.testdata("torrents/single.torrent"));
        assertEquals(0, info.code(), info.err());
        assertEquals("3c752fe28b242052c16d208d69677fc4e76073ae", Json.object(info.out()).get("info_hash"));

        Result create = eddy(dir, "create", CliRun.testdata("payloads/folder"), "-t", "http://127.0.0.1:6969/announce");
        assertEquals(0, create.code(), create.err());
        Path torrent = dir.resolve("folder.torrent");
        assertTrue(Files.isRegularFile(torrent), "written here by default");
        assertTrue(create.out().matches("[0-9a-f]{40}\\n"), create.out());

        Result verify = eddy(dir, "verify", "--json", torrent.toString(), CliRun.testdata("payloads"));
        assertEquals("", verify.err());
        assertEquals(0, verify.code());
        Map<String, Object> report = Json.object(verify.out());
        assertEquals(true, report.get("complete"));
        assertEquals(create.out().strip(), report.get("info_hash"));

        Result incomplete = eddy(dir, "verify", torrent.toString(), dir.toString());
        assertEquals(1, incomplete.code());
        assertTrue(incomplete.out().strip().endsWith("incomplete"), incomplete.out());
    }

    @Test
    void aHostileTorrentIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
        Result run = eddy(dir, "info", CliRun.testdata("hostile/traversal-dotdot.torrent"));
        assertEquals(1, run.code());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("eddy: "), run.err());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
