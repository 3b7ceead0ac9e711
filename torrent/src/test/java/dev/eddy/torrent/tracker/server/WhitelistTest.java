package dev.eddy.torrent.tracker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.metainfo.InfoHash;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whitelist files in opentracker's format. */
class WhitelistTest {
    @TempDir
    Path temp;

    @Test
    void readsHashesSkippingCommentsAndBlankLines() throws Exception {
        String a = "0123456789abcdef0123456789abcdef01234567";
        String b = "FEDCBA9876543210FEDCBA9876543210FEDCBA98";
        Path file = Files.writeString(temp.resolve("list"), "# torrents\n\n" + a + "\n  " + b + "  the demo\n");
        Whitelist list = Whitelist.read(file);
        assertEquals(2, list.size());
        assertTrue(list.allows(InfoHash.fromHex(a)));
        assertTrue(list.allows(InfoHash.fromHex(b.toLowerCase())));
        assertFalse(list.allows(InfoHash.fromHex("00".repeat(20))));
        assertTrue(Whitelist.ANY.allows(InfoHash.fromHex("00".repeat(20))));
    }

    @Test
    void aBadLineIsNamed() throws Exception {
        Path file = Files.writeString(temp.resolve("list"), "0123456789abcdef0123456789abcdef01234567\nnot-a-hash\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Whitelist.read(file));
        assertTrue(e.getMessage().contains(":2: not a 40-digit hex info hash"), e.getMessage());
    }
}
