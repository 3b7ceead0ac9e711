package dev.eddy.torrent.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class PeerAddressTest {

    @Test
    void printsBothFamiliesTheWayPeopleWriteThem() throws Exception {
        assertEquals("127.0.0.1:6881", new PeerAddress(InetAddress.getByName("127.0.0.1"), 6881).toString());
        assertEquals("[0:0:0:0:0:0:0:1]:6881", new PeerAddress(InetAddress.getByName("::1"), 6881).toString());
    }

    @Test
    void portZeroAndWildcardsAreKeptButNotDialable() throws Exception {
        assertFalse(new PeerAddress(InetAddress.getByName("10.0.0.1"), 0).isDialable());
        assertFalse(new PeerAddress(InetAddress.getByName("0.0.0.0"), 80).isDialable());
        assertTrue(new PeerAddress(InetAddress.getByName("10.0.0.1"), 80).isDialable());
        assertThrows(IllegalArgumentException.class, () -> new PeerAddress(InetAddress.getByName("10.0.0.1"), 65536));
    }
}
