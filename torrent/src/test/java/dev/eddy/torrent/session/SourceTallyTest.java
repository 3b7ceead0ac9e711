package dev.eddy.torrent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bytes per source address: one entry per address, and a bounded number of them. */
class SourceTallyTest {

    @Test
    void bytesFromOneAddressAddUpInOneEntry() throws UnknownHostException {
        SourceTally tally = new SourceTally();
        InetAddress peer = InetAddress.getByName("192.0.2.7");
        for (int connection = 0; connection < 1000; connection++) {
            tally.add(peer, 16384);
        }
        assertEquals(Map.of(peer, 1000L * 16384), tally.snapshot());
    }

    @Test
    void whenFullANewAddressReplacesTheOneThatSentLeast() throws UnknownHostException {
        SourceTally tally = new SourceTally();
        for (int i = 0; i < SourceTally.CAPACITY; i++) {
            tally.add(address(i), 1000 + i);
        }
        InetAddress late = address(SourceTally.CAPACITY);
        tally.add(late, 5);

        Map<InetAddress, Long> snapshot = tally.snapshot();
        assertEquals(SourceTally.CAPACITY, snapshot.size());
        assertFalse(snapshot.containsKey(address(0)), "the smallest source was left out");
        assertEquals(5L, snapshot.get(late));
        assertEquals(1001L, snapshot.get(address(1)));
        assertTrue(snapshot.values().stream().allMatch(bytes -> bytes > 0));
    }

    private static InetAddress address(int i) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i});
    }
}
