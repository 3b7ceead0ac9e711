package dev.eddy.torrent.pieces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutstandingRequestsTest {
    private static Block block(int piece, int index) {
        return new Block(piece, index * Block.SIZE, Block.SIZE);
    }

    /** Removes every request, oldest first, and returns the blocks in that order. */
    private static List<Block> drain(OutstandingRequests requests) {
        List<Block> order = new ArrayList<>();
        for (int slot = requests.oldest(); slot != OutstandingRequests.NONE; slot = requests.oldest()) {
            order.add(requests.block(slot));
            requests.remove(slot);
        }
        return order;
    }

    @Test
    void keepsRequestsInRequestOrderWithTheirTimes() {
        OutstandingRequests requests = new OutstandingRequests();
        assertTrue(requests.isEmpty());
        assertEquals(OutstandingRequests.NONE, requests.oldest());
        requests.add(block(3, 0), 10);
        requests.add(block(1, 2), 20);
        requests.add(block(3, 1), 30);
        assertEquals(3, requests.size());
        int middle = requests.find(1, 2 * Block.SIZE, Block.SIZE);
        assertEquals(block(1, 2), requests.block(middle));
        assertEquals(20, requests.time(middle));
        requests.remove(middle);
        assertFalse(requests.contains(block(1, 2)));
        assertEquals(10, requests.time(requests.oldest()));
        requests.add(block(1, 2), 40);
        assertEquals(List.of(block(3, 0), block(3, 1), block(1, 2)), drain(requests), "a request made again is the newest");
        assertTrue(requests.isEmpty());
    }

    @Test
    void aBlockIsFoundOnlyByItsPieceOffsetAndLength() {
        OutstandingRequests requests = new OutstandingRequests();
        requests.add(new Block(2, Block.SIZE, 100), 0);
        assertNotEquals(OutstandingRequests.NONE, requests.find(2, Block.SIZE, 100));
        assertEquals(OutstandingRequests.NONE, requests.find(2, Block.SIZE, Block.SIZE));
        assertEquals(OutstandingRequests.NONE, requests.find(2, 0, 100));
        assertEquals(OutstandingRequests.NONE, requests.find(3, Block.SIZE, 100));
    }

    @Test
    void clearForgetsEverythingAndTheSetServesAgain() {
        OutstandingRequests requests = new OutstandingRequests();
        for (int i = 0; i < 20; i++) {
            requests.add(block(i, 0), i);
        }
        requests.clear();
        assertTrue(requests.isEmpty());
        assertFalse(requests.contains(block(5, 0)));
        requests.add(block(5, 0), 7);
        requests.add(block(6, 0), 8);
        assertEquals(List.of(block(5, 0), block(6, 0)), drain(requests));
    }

    /** Against a LinkedHashMap, through growth, removals anywhere and slots reused, with blocks that collide. */
    @Test
    void agreesWithALinkedHashMapOverALongRandomHistory() {
        Random random = new Random(42);
        OutstandingRequests requests = new OutstandingRequests();
        Map<Block, Long> expected = new LinkedHashMap<>();
        for (int step = 0; step < 20_000; step++) {
            // Few pieces and many blocks each, so that probe runs overlap and wrap around the table.
            Block block = block(random.nextInt(8), random.nextInt(128));
            int slot = requests.find(block.piece(), block.offset(), block.length());
            assertEquals(expected.containsKey(block), slot != OutstandingRequests.NONE, "step " + step);
            if (slot != OutstandingRequests.NONE) {
                assertEquals(expected.get(block), requests.time(slot));
                if (random.nextInt(3) > 0) {
                    requests.remove(slot);
                    expected.remove(block);
                }
            } else if (expected.size() < 600 || random.nextBoolean()) {
                requests.add(block, step);
                expected.put(block, (long) step);
            }
            if (!expected.isEmpty() && random.nextInt(10) == 0) {
                Block oldest = expected.keySet().iterator().next();
                assertEquals(oldest, requests.block(requests.oldest()));
                requests.remove(requests.oldest());
                expected.remove(oldest);
            }
            assertEquals(expected.size(), requests.size());
        }
        assertEquals(new ArrayList<>(expected.keySet()), drain(requests));
    }
}
