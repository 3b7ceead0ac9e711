package dev.eddy.torrent.pieces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

    private static Bitfield bits(int size, int... pieces) {
        Bitfield b = new Bitfield(size);
        for (int p : pieces) {
            b.set(p);
        }
        return b;
    }

    private static List<Integer> order(Availability a, Random random) {
        List<Integer> order = new ArrayList<>();
        a.visitRarestFirst(random, order::add);
        return order;
    }

    @Test
    void visitsRarestFirstAfterBitfieldsHavesAndDepartures() {
        Availability a = new Availability(5);
        Bitfield seed = bits(5, 0, 1, 2, 3, 4);
        a.addPeer(seed);
        a.addPeer(bits(5, 1, 2, 3, 4));
        a.addPeer(bits(5, 2, 3, 4));
        a.increment(4);
        // counts: 0→1, 1→2, 2→3, 3→3, 4→4
        assertEquals(List.of(1, 2, 3, 3, 4), List.of(a.count(0), a.count(1), a.count(2), a.count(3), a.count(4)));
        List<Integer> order = order(a, new Random(1));
        assertEquals(0, order.get(0));
        assertEquals(1, order.get(1));
        assertEquals(4, order.get(4));
        a.removePeer(seed);
        a.decrement(4);
        a.decrement(4);
        // counts: 0→0, 1→1, 2→2, 3→2, 4→1
        order = order(a, new Random(1));
        assertEquals(0, order.get(0));
        assertEquals(List.of(1, 4), order.subList(1, 3).stream().sorted().toList());
        assertEquals(List.of(2, 3), order.subList(3, 5).stream().sorted().toList());
        assertThrows(IllegalStateException.class, () -> a.decrement(0));
    }

    @Test
    void everyCountChangeKeepsTheOrderSortedAgainstAModel() {
        Random random = new Random(42);
        int size = 200;
        Availability a = new Availability(size);
        int[] model = new int[size];
        for (int step = 0; step < 20_000; step++) {
            int piece = random.nextInt(size);
            if (model[piece] > 0 && random.nextInt(3) == 0) {
                a.decrement(piece);
                model[piece]--;
            } else {
                a.increment(piece);
                model[piece]++;
            }
            if (step % 500 == 0 && !a.isRetired(piece)) {
                a.retire(piece);
            }
        }
        List<Integer> order = order(a, random);
        int previous = -1;
        for (int piece : order) {
            assertEquals(model[piece], a.count(piece));
            assertTrue(model[piece] >= previous, "sorted by count");
            assertFalse(a.isRetired(piece));
            previous = model[piece];
        }
        long retired = java.util.stream.IntStream.range(0, size).filter(a::isRetired).count();
        assertEquals(size, order.size() + retired);
    }

    @Test
    void retiredPiecesKeepTheirCountsButAreNotVisited() {
        Availability a = new Availability(4);
        a.addPeer(bits(4, 0, 1, 2, 3));
        a.addPeer(bits(4, 1, 2));
        a.retire(1);
        a.increment(1);
        a.decrement(1);
        assertEquals(2, a.count(1));
        assertTrue(a.isRetired(1));
        List<Integer> order = order(a, new Random(3));
        assertEquals(3, order.size());
        assertFalse(order.contains(1));
        assertEquals(2, order.get(2));
    }

    @Test
    void tiesAreBrokenUniformlyAtRandom() {
        Availability a = new Availability(10);
        a.addPeer(bits(10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        a.increment(9);
        Random random = new Random(7);
        int[] firsts = new int[10];
        for (int trial = 0; trial < 9000; trial++) {
            int[] first = {-1};
            a.visitRarestFirst(random, piece -> {
                first[0] = piece;
                return false;
            });
            firsts[first[0]]++;
        }
        assertEquals(0, firsts[9], "the commoner piece never comes first");
        for (int piece = 0; piece < 9; piece++) {
            assertTrue(firsts[piece] > 850 && firsts[piece] < 1150, "piece " + piece + " first " + firsts[piece] + " times");
        }
    }

    @Test
    void distributedCopies() {
        Availability a = new Availability(4);
        assertEquals(0.0, a.distributedCopies());
        a.addPeer(bits(4, 0, 1, 2, 3));
        a.addPeer(bits(4, 0, 1, 2, 3));
        a.increment(0);
        assertEquals(2.25, a.distributedCopies());
    }
}
