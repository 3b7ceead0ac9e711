package dev.eddy.torrent.session;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Block bytes accepted per peer IP address, for the stats. Keyed by address, not address and
 * port, so that a peer reconnecting from new ephemeral ports stays one entry; an address enters
 * only when it has sent accepted data. It holds at most {@link #CAPACITY} addresses: a new one
 * arriving when it is full takes the place of the one that has sent the least, so the big sources
 * stay exact and the long tail, whose bytes still count in the torrent's totals, is left out.
 * Used on the loop thread only.
 */
final class SourceTally {
    /** The most addresses kept. */
    static final int CAPACITY = 256;

    private final Map<InetAddress, long[]> bytes = new HashMap<>();

    /** Counts {@code accepted} bytes from {@code address}. */
    void add(InetAddress address, long accepted) {
        long[] total = bytes.get(address);
        if (total == null) {
            if (bytes.size() >= CAPACITY) {
                evictSmallest();
            }
            total = new long[1];
            bytes.put(address, total);
        }
        total[0] += accepted;
    }

    private void evictSmallest() {
        InetAddress smallest = null;
        long least = Long.MAX_VALUE;
        for (Map.Entry<InetAddress, long[]> entry : bytes.entrySet()) {
            if (entry.getValue()[0] < least) {
                least = entry.getValue()[0];
                smallest = entry.getKey();
            }
        }
        bytes.remove(smallest);
    }

    /** {@return a copy: bytes accepted from each address kept} */
    Map<InetAddress, Long> snapshot() {
        Map<InetAddress, Long> copy = new LinkedHashMap<>();
        bytes.forEach((address, total) -> copy.put(address, total[0]));
        return copy;
    }
}
