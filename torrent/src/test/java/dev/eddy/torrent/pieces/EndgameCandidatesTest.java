package dev.eddy.torrent.pieces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndgameCandidatesTest {
    /** A piece of {@code blocks} blocks, each requested by as many peers as {@code requesters} says. */
    private static PieceProgress<String> piece(int index, int... requesters) {
        PieceProgress<String> progress = new PieceProgress<>(index, requesters.length, ByteBuffer.allocate(0));
        for (int block = 0; block < requesters.length; block++) {
            progress.requestFree();
            for (int more = 1; more < requesters[block]; more++) {
                progress.requestAgain(block);
            }
        }
        return progress;
    }

    private static List<String> sorted(EndgameCandidates<String> candidates) {
        candidates.sort();
        List<String> order = new ArrayList<>();
        for (int rank = 0; rank < candidates.size(); rank++) {
            order.add(candidates.progress(rank).piece + "/" + candidates.block(rank));
        }
        return order;
    }

    @Test
    void fewestRequestersFirstAndTiesInTheOrderAdded() {
        PieceProgress<String> seven = piece(7, 2, 1, 3, 1);
        PieceProgress<String> two = piece(2, 1, 2);
        EndgameCandidates<String> candidates = new EndgameCandidates<>();
        for (int block = 0; block < 4; block++) {
            candidates.add(seven, block);
        }
        candidates.add(two, 0);
        candidates.add(two, 1);
        assertEquals(List.of("7/1", "7/3", "2/0", "7/0", "2/1", "7/2"), sorted(candidates));
        assertSame(two, candidates.progress(2));
    }

    @Test
    void aClearedListServesTheNextPickWithNothingLeftOver() {
        EndgameCandidates<String> candidates = new EndgameCandidates<>();
        int[] ones = new int[40];
        java.util.Arrays.fill(ones, 1);
        PieceProgress<String> big = piece(1, ones);
        for (int block = 0; block < 40; block++) {
            candidates.add(big, block);
        }
        assertEquals(40, sorted(candidates).size());
        candidates.clear();
        PieceProgress<String> small = piece(4, 3, 1);
        candidates.add(small, 0);
        candidates.add(small, 1);
        assertEquals(List.of("4/1", "4/0"), sorted(candidates));
    }
}
