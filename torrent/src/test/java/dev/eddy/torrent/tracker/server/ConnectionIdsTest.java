package dev.eddy.torrent.tracker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Stateless BEP 15 connection ids: bound to an address, alive for one to two epochs. */
class ConnectionIdsTest {
    private static final long MINUTE = ConnectionIds.EPOCH.toNanos();
    private static final InetAddress A = InetAddress.ofLiteral("192.0.2.1");
    private static final InetAddress B = InetAddress.ofLiteral("2001:db8::1");

    @Test
    void anIdIsValidForItsAddressUntilTheEndOfTheNextEpoch() {
        ConnectionIds ids = new ConnectionIds(new SecureRandom());
        long start = 5 * MINUTE + MINUTE / 2;
        long id = ids.issue(A, start);
        assertEquals(id, ids.issue(A, start + MINUTE / 4), "the same within an epoch");
        assertTrue(ids.isValid(id, A, start));
        assertTrue(ids.isValid(id, A, 7 * MINUTE - 1));
        assertFalse(ids.isValid(id, A, 7 * MINUTE));
        assertFalse(ids.isValid(id, A, start - MINUTE), "not before it was issued's epoch");
        assertFalse(ids.isValid(id, B, start));
        assertNotEquals(id, ids.issue(B, start));
        assertTrue(ids.isValid(ids.issue(B, -3), B, -3), "negative loop times work too");
    }

    @Test
    void anotherTrackerInstanceDoesNotAcceptTheIds() {
        long id = new ConnectionIds(new SecureRandom()).issue(A, 0);
        assertFalse(new ConnectionIds(new SecureRandom()).isValid(id, A, 0));
    }
}
