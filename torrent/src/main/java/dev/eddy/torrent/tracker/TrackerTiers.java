package dev.eddy.torrent.tracker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The BEP 12 order of a torrent's trackers: tiers in the order the torrent lists them, each tier
 * shuffled once, and a tracker that answers moved to the front of its tier so it is tried first
 * next time.
 *
 * @param <T> what stands for a tracker
 */
public final class TrackerTiers<T> {
    private final List<List<T>> tiers;

    /**
     * Tiers of {@code tiers}, each shuffled with {@code random}; empty tiers are dropped.
     *
     * @throws IllegalArgumentException if a tracker appears twice
     */
    public TrackerTiers(List<? extends List<? extends T>> tiers, RandomGenerator random) {
        this.tiers = new ArrayList<>();
        List<T> seen = new ArrayList<>();
        for (List<? extends T> tier : tiers) {
            if (tier.isEmpty()) {
                continue;
            }
            List<T> shuffled = new ArrayList<>(tier);
            Collections.shuffle(shuffled, random);
            for (T tracker : shuffled) {
                if (seen.contains(tracker)) {
                    throw new IllegalArgumentException("tracker " + tracker + " appears twice");
                }
                seen.add(tracker);
            }
            this.tiers.add(shuffled);
        }
    }

    /** Every tracker in the order to try them: tier by tier, each tier front first. */
    public List<T> inOrder() {
        return tiers.stream().flatMap(List::stream).toList();
    }

    /** The tiers as they stand, front of each first. */
    public List<List<T>> tiers() {
        return tiers.stream().map(List::copyOf).toList();
    }

    /** The tier (0 first) that holds {@code tracker}, or -1. */
    public int tierOf(T tracker) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).contains(tracker)) {
                return i;
            }
        }
        return -1;
    }

    /** Moves {@code tracker}, which answered, to the front of its tier. */
    public void promote(T tracker) {
        int tier = tierOf(tracker);
        if (tier < 0) {
            throw new IllegalArgumentException("tracker " + tracker + " is in no tier");
        }
        List<T> list = tiers.get(tier);
        list.remove(tracker);
        list.addFirst(tracker);
    }
}
