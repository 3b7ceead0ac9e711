package dev.eddy.torrent.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathComponentsTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "file.txt", ".hidden", "...", "Title: Subtitle", "ñandú", "CONSOLE", "aux_file", "con1"})
    void acceptsOrdinaryNames(String name) {
        assertEquals(Optional.empty(), PathComponents.problem(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "/", "a\\b", "C:", "c:x", "x\0y", "tab\there", "CON", "con.txt",
            "Lpt1", "NUL.tar.gz"})
    void rejectsHostileNames(String name) {
        assertTrue(PathComponents.problem(name).isPresent(), name);
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 256})
    void limitsNamesTo255Utf8Bytes(int bytes) {
        String name = "é".repeat(bytes / 2) + "x".repeat(bytes % 2);
        assertEquals(bytes > 255, PathComponents.problem(name).isPresent());
    }
}
