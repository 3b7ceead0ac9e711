package dev.eddy.torrent.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.metainfo.InfoHash;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {
    private static final InfoHash A = InfoHash.fromHex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static final InfoHash B = InfoHash.fromHex("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

    @Test
    void perTorrentAndGlobalCapsBothApply() {
        ConnectionLimits limits = new ConnectionLimits(3, 2);
        ConnectionLimits.Slot a1 = limits.tryOpen(A).orElseThrow();
        limits.tryOpen(A).orElseThrow();
        assertTrue(limits.tryOpen(A).isEmpty(), "torrent A is at 2");
        assertTrue(limits.limitReached(A).contains("for torrent"));
        Optional<ConnectionLimits.Slot> b1 = limits.tryOpen(B);
        assertTrue(b1.isPresent());
        assertTrue(limits.isFull());
        assertTrue(limits.tryOpen(B).isEmpty(), "the client is at 3");
        assertTrue(limits.limitReached(B).contains("in all"));
        a1.release();
        a1.release(); // twice does nothing
        assertEquals(2, limits.connections());
        assertEquals(1, limits.connections(A));
        assertFalse(limits.isFull());
        assertNull(limits.limitReached(B));
        assertTrue(limits.tryOpen(B).isPresent());
        assertEquals(2, limits.connections(B));
    }
}
