package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eddy.torrent.pieces.Bitfield;
import org.junit.jupiter.api.Test;

class PieceRangesTest {
    @Test
    void runsOfConsecutivePieces() {
        Bitfield pieces = new Bitfield(10);
        for (int piece : new int[] {0, 1, 2, 5, 8, 9}) {
            pieces.set(piece);
        }
        PieceRanges ranges = PieceRanges.of(pieces);
        assertEquals("0-2, 5, 8-9", ranges.toString());
        JsonWriter json = new JsonWriter();
        ranges.writeTo(json);
        assertEquals("[[0,2],[5,5],[8,9]]", json.finish());
    }

    @Test
    void noneAndAll() {
        assertEquals("", PieceRanges.of(new Bitfield(7)).toString());
        Bitfield all = new Bitfield(1);
        all.set(0);
        assertEquals("0", PieceRanges.of(all).toString());
        Bitfield many = new Bitfield(130);
        for (int i = 0; i < 130; i++) {
            many.set(i);
        }
        assertEquals("0-129", PieceRanges.of(many).toString());
    }
}
