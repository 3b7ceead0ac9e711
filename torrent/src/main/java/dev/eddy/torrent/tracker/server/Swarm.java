package dev.eddy.torrent.tracker.server;

import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.ScrapeStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The peers of one torrent, keyed by their address and port, with its seeder and download counts.
 * The peers sit in an array with an index beside it, so adding, replacing and removing are O(1)
 * and a random sample costs O(sample size), however large the swarm.
 */
final class Swarm {
    private final List<SwarmPeer> peers = new ArrayList<>();
    private final Map<PeerAddress, Integer> positions = new HashMap<>();
    private int seeders;
    private int completed;

    /** The peer registered at {@code address}, or {@code null}. */
    SwarmPeer get(PeerAddress address) {
        Integer at = positions.get(address);
        return at == null ? null : peers.get(at);
    }

    /** Registers {@code peer}, replacing the one at its address if there is one. */
    void put(SwarmPeer peer) {
        Integer at = positions.get(peer.address());
        if (at == null) {
            positions.put(peer.address(), peers.size());
            peers.add(peer);
        } else {
            seeders -= peers.get(at).seeder() ? 1 : 0;
            peers.set(at, peer);
        }
        seeders += peer.seeder() ? 1 : 0;
    }

    /** Removes the peer at {@code address}; returns whether there was one. */
    boolean remove(PeerAddress address) {
        Integer at = positions.remove(address);
        if (at == null) {
            return false;
        }
        removeAt(at);
        return true;
    }

    /** Moves the last peer into the hole, so the array stays dense. */
    private void removeAt(int at) {
        SwarmPeer gone = peers.get(at);
        seeders -= gone.seeder() ? 1 : 0;
        SwarmPeer last = peers.removeLast();
        if (at < peers.size()) {
            peers.set(at, last);
            positions.put(last.address(), at);
        }
    }

    /**
     * Removes every peer last seen before {@code cutoff}.
     *
     * @return how many were removed
     */
    int expire(long cutoff) {
        int removed = 0;
        for (int i = peers.size() - 1; i >= 0; i--) {
            SwarmPeer peer = peers.get(i);
            if (peer.lastSeen() - cutoff < 0) {
                positions.remove(peer.address());
                removeAt(i);
                removed++;
            }
        }
        return removed;
    }

    /**
     * Up to {@code wanted} peers picked uniformly at random, never the one at {@code excluded}.
     * Floyd's algorithm draws {@code wanted} distinct positions among the others in O(wanted): the
     * positions skip over the excluded peer's slot.
     */
    List<SwarmPeer> sample(int wanted, PeerAddress excluded, RandomGenerator random) {
        Integer skipped = positions.get(excluded);
        int skip = skipped == null ? peers.size() : skipped;
        int available = peers.size() - (skipped == null ? 0 : 1);
        List<SwarmPeer> picked = new ArrayList<>(Math.min(wanted, available));
        if (available <= wanted) {
            for (int i = 0; i < available; i++) {
                picked.add(peers.get(i < skip ? i : i + 1));
            }
            return picked;
        }
        Set<Integer> chosen = new HashSet<>();
        for (int bound = available - wanted; bound < available; bound++) {
            int candidate = random.nextInt(bound + 1);
            int position = chosen.add(candidate) ? candidate : bound;
            chosen.add(position);
            picked.add(peers.get(position < skip ? position : position + 1));
        }
        return picked;
    }

    /** Counts one finished download. */
    void countCompleted() {
        completed++;
    }

    /** How many peers are registered. */
    int size() {
        return peers.size();
    }

    /** Whether no peer is registered. */
    boolean isEmpty() {
        return peers.isEmpty();
    }

    /** How many registered peers are seeders. */
    int seeders() {
        return seeders;
    }

    /** How many registered peers are still downloading. */
    int leechers() {
        return peers.size() - seeders;
    }

    /** The counts a scrape reports. */
    ScrapeStats stats() {
        return new ScrapeStats(seeders, completed, leechers());
    }
}
