package dev.eddy.torrent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.torrent.peer.PeerAddress;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class KnownPeersTest {
    private static final long SECOND = 1_000_000_000L;
    private static final PeerAddress A = new PeerAddress(InetAddress.getLoopbackAddress(), 1001);
    private static final PeerAddress B = new PeerAddress(InetAddress.getLoopbackAddress(), 1002);

    @Test
    void eachAddressIsDialledOnceAtATimeAndRetriedAfterADoublingBackoff() {
        KnownPeers known = new KnownPeers();
        long now = -5 * SECOND; // loop time may be negative
        assertTrue(known.add(A));
        assertFalse(known.add(A));
        assertEquals(A, known.next(now, a -> false));
        assertNull(known.next(now, a -> false), "busy while dialled");
        known.ended(A, false, now);
        assertNull(known.next(now + 14 * SECOND, a -> false));
        assertEquals(A, known.next(now + 15 * SECOND, a -> false));
        known.ended(A, false, now + 15 * SECOND);
        assertNull(known.next(now + 44 * SECOND, a -> false));
        assertEquals(A, known.next(now + 45 * SECOND, a -> false));
        known.ended(A, true, now + 45 * SECOND);
        assertNull(known.next(now + 74 * SECOND, a -> false));
        assertEquals(A, known.next(now + 75 * SECOND, a -> false));
    }

    @Test
    void skippedAndSelfAddressesAreNotDialled() {
        KnownPeers known = new KnownPeers();
        known.add(A);
        known.add(B);
        assertEquals(B, known.next(0, a -> a.equals(A)));
        known.never(A);
        assertNull(known.next(0, a -> false));
        assertEquals(2, known.size());
    }

    @Test
    void theListIsBounded() throws Exception {
        KnownPeers known = new KnownPeers();
        for (int i = 0; i < KnownPeers.CAPACITY + 10; i++) {
            known.add(new PeerAddress(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}), 6881));
        }
        assertEquals(KnownPeers.CAPACITY, known.size());
    }
}
