package dev.eddy.torrent.tracker.server;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.AnnounceRequest;
import dev.eddy.torrent.tracker.ScrapeStats;
import dev.eddy.torrent.tracker.TrackerEvent;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Every torrent the tracker knows and its peers: the state behind both the HTTP and the UDP front
 * end, with the whitelist and the caps applied. Times are loop nanoseconds, passed in, so expiry
 * runs in virtual time in tests. Used on the loop thread only.
 */
final class Swarms {
    private final Map<InfoHash, Swarm> swarms = new HashMap<>();
    private final Whitelist whitelist;
    private final TrackerLimits limits;
    private final long lifetimeNanos;
    private final RandomGenerator random;
    private int peerCount;
    private Consumer<AnnounceSeen> listener = seen -> { };

    Swarms(Whitelist whitelist, TrackerLimits limits, Duration peerLifetime, RandomGenerator random) {
        this.whitelist = whitelist;
        this.limits = limits;
        this.lifetimeNanos = peerLifetime.toNanos();
        this.random = random;
    }

    /**
     * Registers, refreshes or removes the announcing peer and picks peers for it.
     *
     * @param from the address the peer is reached at (its connection's, normally)
     * @param now the loop time
     */
    Outcome<AnnounceResult> announce(AnnounceRequest request, InetAddress from, long now) {
        PeerAddress address = new PeerAddress(from, request.port());
        Outcome<AnnounceResult> outcome = decide(request, address, now);
        String refusal = outcome instanceof Outcome.Refused<AnnounceResult>(String reason) ? reason : null;
        listener.accept(new AnnounceSeen(request.infoHash(), address, request.peerId(), request.event(), request.left(),
                refusal));
        return outcome;
    }

    /** Sets who hears of every announce, on the loop thread, after it is decided and before it is answered. */
    void onAnnounce(Consumer<AnnounceSeen> newListener) {
        listener = Objects.requireNonNull(newListener, "listener");
    }

    private Outcome<AnnounceResult> decide(AnnounceRequest request, PeerAddress address, long now) {
        InfoHash infoHash = request.infoHash();
        if (!whitelist.allows(infoHash)) {
            return notListed(infoHash);
        }
        Swarm swarm = swarms.get(infoHash);
        if (request.event() == TrackerEvent.STOPPED) {
            if (swarm == null) {
                return new Outcome.Served<>(new AnnounceResult(List.of(), 0, 0, null));
            }
            if (swarm.remove(address)) {
                peerCount--;
            }
            return new Outcome.Served<>(new AnnounceResult(List.of(), swarm.seeders(), swarm.leechers(), null));
        }
        if (swarm == null) {
            if (swarms.size() >= limits.maxTorrents()) {
                return new Outcome.Refused<>("this tracker is full: it tracks at most " + limits.maxTorrents()
                        + " torrents");
            }
            swarm = new Swarm();
            swarms.put(infoHash, swarm);
        }
        SwarmPeer previous = swarm.get(address);
        boolean seeder = request.left() == 0;
        if (request.event() == TrackerEvent.COMPLETED && (previous == null || !previous.seeder())) {
            swarm.countCompleted();
        }
        String warning = null;
        if (previous == null && swarm.size() >= limits.maxPeersPerTorrent()) {
            warning = "this torrent has the most peers this tracker keeps (" + limits.maxPeersPerTorrent()
                    + "): you were not registered";
        } else if (previous == null && peerCount >= limits.maxPeers()) {
            warning = "this tracker keeps at most " + limits.maxPeers() + " peers: you were not registered";
        } else {
            swarm.put(new SwarmPeer(address, request.peerId(), seeder, now));
            peerCount += previous == null ? 1 : 0;
        }
        int wanted = request.numWant() < 0 ? limits.defaultNumWant() : Math.min(request.numWant(), limits.maxNumWant());
        return new Outcome.Served<>(new AnnounceResult(swarm.sample(wanted, address, random), swarm.seeders(),
                swarm.leechers(), warning));
    }

    /**
     * The counts for {@code infoHashes}, in their order; torrents with no peers and no record are
     * absent. Refused if any of them is not on the whitelist.
     */
    Outcome<Map<InfoHash, ScrapeStats>> scrape(List<InfoHash> infoHashes) {
        Map<InfoHash, ScrapeStats> counts = new LinkedHashMap<>();
        for (InfoHash infoHash : infoHashes) {
            if (!whitelist.allows(infoHash)) {
                return notListed(infoHash);
            }
            Swarm swarm = swarms.get(infoHash);
            if (swarm != null) {
                counts.put(infoHash, swarm.stats());
            }
        }
        return new Outcome.Served<>(counts);
    }

    private static <T> Outcome<T> notListed(InfoHash infoHash) {
        return new Outcome.Refused<>("torrent " + infoHash.hex() + " is not on this tracker's whitelist");
    }

    /**
     * Drops every peer whose last announce is a whole peer lifetime before {@code now}, and every
     * torrent left with no peers (its download count goes with it).
     *
     * @return how many peers were dropped
     */
    int expire(long now) {
        long cutoff = now - lifetimeNanos;
        int removed = 0;
        for (Iterator<Swarm> it = swarms.values().iterator(); it.hasNext(); ) {
            Swarm swarm = it.next();
            removed += swarm.expire(cutoff);
            if (swarm.isEmpty()) {
                it.remove();
            }
        }
        peerCount -= removed;
        return removed;
    }

    /** How many torrents are tracked. */
    int torrentCount() {
        return swarms.size();
    }

    /** How many peers are registered over all torrents. */
    int peerCount() {
        return peerCount;
    }
}
