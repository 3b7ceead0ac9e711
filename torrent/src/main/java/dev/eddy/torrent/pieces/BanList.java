package dev.eddy.torrent.pieces;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strikes against the addresses of peers that sent pieces failing their hash check, and the
 * addresses banned for the rest of the session.
 *
 * <p>Each failed piece gives every peer that contributed a block one strike. A peer that sent a
 * failed piece alone is certainly the culprit, so it gets {@link #soleContributorStrikes()} at once
 * (by default the whole threshold: one bad piece of its own bans it). A peer that shared bad
 * pieces with others is banned once its strikes reach {@link #threshold()} (by default 3): an honest
 * peer that happens to share pieces with a liar collects strikes too, so the threshold must allow a
 * few. Bans are by IP address, so reconnecting from another port does not help.
 *
 * <p>Used on one thread; not thread-safe.
 */
public final class BanList {
    private final int threshold;
    private final int soleContributorStrikes;
    private final Map<InetAddress, Integer> strikes = new HashMap<>();
    private final Set<InetAddress> banned = new HashSet<>();

    /** A ban list with a threshold of 3 strikes, a sole contributor banned at once. */
    public BanList() {
        this(3, 3);
    }

    /**
     * Creates a ban list.
     *
     * @param threshold the strikes that ban an address, at least 1
     * @param soleContributorStrikes the strikes for sending a failed piece alone, at least 1
     */
    public BanList(int threshold, int soleContributorStrikes) {
        if (threshold < 1 || soleContributorStrikes < 1) {
            throw new IllegalArgumentException("strikes must be positive: " + threshold + ", "
                    + soleContributorStrikes);
        }
        this.threshold = threshold;
        this.soleContributorStrikes = soleContributorStrikes;
    }

    /**
     * Records a piece that failed its hash check.
     *
     * @param contributors the addresses of the peers that sent its blocks (from
     *     {@link PiecePicker#pieceFailed(int)}, mapped by the engine)
     * @return the addresses this failure banned: disconnect their peers
     */
    public List<InetAddress> pieceFailed(Collection<InetAddress> contributors) {
        Set<InetAddress> distinct = new HashSet<>(contributors);
        int weight = distinct.size() == 1 ? soleContributorStrikes : 1;
        List<InetAddress> newlyBanned = new ArrayList<>();
        for (InetAddress address : distinct) {
            int total = strikes.merge(address, weight, Integer::sum);
            if (total >= threshold && banned.add(address)) {
                newlyBanned.add(address);
            }
        }
        return newlyBanned;
    }

    /**
     * Tells whether an address is banned: refuse its connections and do not dial it.
     *
     * @param address the IP address
     * @return whether it is banned
     */
    public boolean isBanned(InetAddress address) {
        return banned.contains(address);
    }

    /**
     * Returns the strikes against an address.
     *
     * @param address the IP address
     * @return its strikes, 0 if none
     */
    public int strikes(InetAddress address) {
        return strikes.getOrDefault(address, 0);
    }

    /** {@return the strikes that ban an address} */
    public int threshold() {
        return threshold;
    }

    /** {@return the strikes for sending a failed piece alone} */
    public int soleContributorStrikes() {
        return soleContributorStrikes;
    }

    /** {@return how many addresses are banned} */
    public int bannedCount() {
        return banned.size();
    }
}
