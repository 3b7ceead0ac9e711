package dev.eddy.torrent.peer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Decides whom to upload to: tit-for-tat with an optimistic unchoke, as BEP 3 describes.
 *
 * <p>Only interested peers take slots. The {@link #regularSlots() regular slots} (4 by default) go
 * to the interested peers with the best rate: the rate they send to us while we are leeching, so
 * that we reciprocate, and the rate we send to them while seeding, so that our upload goes where it
 * moves fastest. One more slot, the optimistic unchoke, goes to a random other interested peer and
 * moves every {@link #OPTIMISTIC_INTERVAL} (30 s), so that newcomers get a chance to prove
 * themselves; a peer connected less than {@link #NEW_PEER_AGE} ago is three times as likely to get
 * it, as the reference clients do, since it has nothing to trade yet. Ties in rate favour a peer
 * already unchoked, to avoid churn.
 *
 * <p>The engine calls {@link #evaluate} every {@link #INTERVAL} (10 s), and may call it sooner when
 * a peer leaves or changes its interest; rotation goes by the {@code now} it is given, so extra
 * calls never rotate early. Used on one thread; not thread-safe.
 */
public final class Choker {
    /** How often the engine should re-evaluate. */
    public static final Duration INTERVAL = Duration.ofSeconds(10);
    /** How long one peer keeps the optimistic slot. */
    public static final Duration OPTIMISTIC_INTERVAL = Duration.ofSeconds(30);
    /** A peer connected for less than this counts as new for the optimistic slot. */
    public static final Duration NEW_PEER_AGE = Duration.ofSeconds(60);
    /** How much likelier a new peer is to get the optimistic slot. */
    public static final int NEW_PEER_WEIGHT = 3;

    private final int regularSlots;
    private final RandomGenerator random;
    private ChokerPeer optimistic;
    private long optimisticSince;

    /**
     * A choker with 4 regular slots.
     *
     * @param random picks the optimistic unchoke (seed it in tests)
     */
    public Choker(RandomGenerator random) {
        this(4, random);
    }

    /**
     * Creates a choker.
     *
     * @param regularSlots the number of regular unchoke slots, at least 0
     * @param random picks the optimistic unchoke
     */
    public Choker(int regularSlots, RandomGenerator random) {
        if (regularSlots < 0) {
            throw new IllegalArgumentException("slots " + regularSlots);
        }
        this.regularSlots = regularSlots;
        this.random = random;
    }

    /** {@return the number of regular unchoke slots} */
    public int regularSlots() {
        return regularSlots;
    }

    /**
     * Chooses the peers to unchoke.
     *
     * @param peers every connected peer of the torrent
     * @param seeding whether we have the whole torrent (rank by upload rate, not download rate)
     * @param now the loop time
     * @param <P> the engine's peer type
     * @return the slots, and the CHOKE and UNCHOKE messages to send
     */
    public <P extends ChokerPeer> ChokeDecision<P> evaluate(Collection<P> peers, boolean seeding, long now) {
        List<P> interested = new ArrayList<>();
        P keptOptimistic = null;
        for (P peer : peers) {
            if (peer.isInterested()) {
                interested.add(peer);
                if (peer == optimistic) {
                    keptOptimistic = peer;
                }
            }
        }
        boolean rotate = keptOptimistic == null || now - optimisticSince >= OPTIMISTIC_INTERVAL.toNanos();
        Comparator<P> byRate = Comparator.comparingDouble(p -> seeding ? p.uploadRate() : p.downloadRate());
        List<P> ranked = new ArrayList<>(interested);
        ranked.sort(byRate.reversed().thenComparing(ChokerPeer::amChoking));
        if (!rotate) {
            ranked.remove(keptOptimistic);
        }
        List<P> regular = List.copyOf(ranked.subList(0, Math.min(regularSlots, ranked.size())));
        P chosen = keptOptimistic;
        if (rotate) {
            List<P> candidates = new ArrayList<>(ranked.subList(regular.size(), ranked.size()));
            if (candidates.size() > 1) {
                candidates.remove(keptOptimistic);
            }
            chosen = pickWeighted(candidates, now);
            optimistic = chosen;
            optimisticSince = now;
        }
        Set<P> unchoked = new HashSet<>(regular);
        if (chosen != null) {
            unchoked.add(chosen);
        }
        List<P> toUnchoke = new ArrayList<>();
        List<P> toChoke = new ArrayList<>();
        for (P peer : peers) {
            boolean wanted = unchoked.contains(peer);
            if (wanted && peer.amChoking()) {
                toUnchoke.add(peer);
            } else if (!wanted && !peer.amChoking()) {
                toChoke.add(peer);
            }
        }
        return new ChokeDecision<>(regular, Optional.ofNullable(chosen), toUnchoke, toChoke);
    }

    private <P extends ChokerPeer> P pickWeighted(List<P> candidates, long now) {
        if (candidates.isEmpty()) {
            return null;
        }
        int total = 0;
        for (P peer : candidates) {
            total += weight(peer, now);
        }
        int ticket = random.nextInt(total);
        for (P peer : candidates) {
            ticket -= weight(peer, now);
            if (ticket < 0) {
                return peer;
            }
        }
        throw new AssertionError("ticket beyond the total weight");
    }

    private static int weight(ChokerPeer peer, long now) {
        return now - peer.connectedAt() < NEW_PEER_AGE.toNanos() ? NEW_PEER_WEIGHT : 1;
    }
}
