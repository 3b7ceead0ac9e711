package dev.eddy.torrent.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackerTiersTest {

    @Test
    void keepsTierOrderAndShufflesWithinEachTier() {
        Set<List<String>> firstTiers = new HashSet<>();
        for (int seed = 0; seed < 50; seed++) {
            TrackerTiers<String> tiers = new TrackerTiers<>(List.of(List.of("a", "b", "c"), List.of(), List.of("d", "e")),
                    new Random(seed));
            List<String> order = tiers.inOrder();
            assertEquals(Set.of("a", "b", "c"), Set.copyOf(order.subList(0, 3)));
            assertEquals(Set.of("d", "e"), Set.copyOf(order.subList(3, 5)));
            assertEquals(2, tiers.tiers().size());
            firstTiers.add(order.subList(0, 3));
        }
        assertEquals(6, firstTiers.size(), "every order of the first tier occurs");
    }

    @Test
    void sameSeedSameOrder() {
        var one = new TrackerTiers<>(List.of(List.of(1, 2, 3, 4, 5)), new Random(7));
        var two = new TrackerTiers<>(List.of(List.of(1, 2, 3, 4, 5)), new Random(7));
        assertEquals(one.inOrder(), two.inOrder());
    }

    @Test
    void promoteMovesATrackerToTheFrontOfItsOwnTier() {
        TrackerTiers<String> tiers = new TrackerTiers<>(List.of(List.of("a"), List.of("b", "c", "d")), new Random(1));
        String last = tiers.tiers().get(1).getLast();
        tiers.promote(last);
        assertEquals("a", tiers.inOrder().getFirst());
        assertEquals(last, tiers.tiers().get(1).getFirst());
        assertEquals(1, tiers.tierOf(last));
        assertThrows(IllegalArgumentException.class, () -> tiers.promote("z"));
    }

    @Test
    void aTrackerListedTwiceIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TrackerTiers<>(List.of(List.of("a"), List.of("a")), new Random()));
        assertTrue(e.getMessage().contains("twice"));
    }
}
