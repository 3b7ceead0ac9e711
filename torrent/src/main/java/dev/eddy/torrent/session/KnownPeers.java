package dev.eddy.torrent.session;

import dev.eddy.torrent.peer.PeerAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The addresses a torrent may dial, from trackers and {@link TorrentSession#addPeer}, and when each
 * may be tried again. An address is dialled by one connection at a time; one that failed waits a
 * doubling while (15 s up to 10 minutes), and one whose connection ended after its handshake waits
 * {@link #RECONNECT_DELAY}. Bounded, since trackers are untrusted. Used on the loop thread only.
 */
final class KnownPeers {
    /** The most addresses kept; later ones are ignored until some are forgotten. */
    static final int CAPACITY = 2000;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(15);
    static final Duration LONGEST_BACKOFF = Duration.ofMinutes(10);
    static final Duration RECONNECT_DELAY = Duration.ofSeconds(30);

    private static final class Entry {
        boolean busy;
        boolean never;
        int failures;
        /** Whether {@link #retryAt} applies: the address has been tried. */
        boolean tried;
        long retryAt;
    }

    private final Map<PeerAddress, Entry> entries = new LinkedHashMap<>();

    /**
     * Adds an address, if it is new and there is room.
     *
     * @return whether it was added
     */
    boolean add(PeerAddress address) {
        if (entries.size() >= CAPACITY || entries.containsKey(address)) {
            return false;
        }
        entries.put(address, new Entry());
        return true;
    }

    /**
     * The next address to dial now, marked busy.
     *
     * @param now the loop time
     * @param skip addresses not to dial (banned ones)
     * @return the address, or {@code null} if none is due
     */
    PeerAddress next(long now, Predicate<PeerAddress> skip) {
        for (Map.Entry<PeerAddress, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            if (!entry.busy && !entry.never && (!entry.tried || now - entry.retryAt >= 0) && !skip.test(e.getKey())) {
                entry.busy = true;
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * A connection to a dialled address ended.
     *
     * @param address the address
     * @param reached whether the handshake completed
     * @param now the loop time
     */
    void ended(PeerAddress address, boolean reached, long now) {
        Entry entry = entries.get(address);
        if (entry == null) {
            return;
        }
        entry.busy = false;
        entry.tried = true;
        if (reached) {
            entry.failures = 0;
            entry.retryAt = now + RECONNECT_DELAY.toNanos();
        } else {
            entry.failures++;
            long backoff = FIRST_BACKOFF.toNanos() << Math.min(entry.failures - 1, 10);
            entry.retryAt = now + Math.min(backoff, LONGEST_BACKOFF.toNanos());
        }
    }

    /** Never dials an address again: it is ourselves. */
    void never(PeerAddress address) {
        Entry entry = entries.get(address);
        if (entry != null) {
            entry.never = true;
        }
    }

    /** {@return how many addresses are known} */
    int size() {
        return entries.size();
    }
}
