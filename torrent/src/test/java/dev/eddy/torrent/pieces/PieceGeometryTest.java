package dev.eddy.torrent.pieces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PieceGeometryTest {
    @Test
    void lastPieceAndLastBlockAreShorter() {
        PieceGeometry g = new PieceGeometry(3L * 65536 + 20000, 65536);
        assertEquals(4, g.pieceCount());
        assertEquals(65536, g.pieceSize(2));
        assertEquals(20000, g.pieceSize(3));
        assertEquals(4, g.blockCount(0));
        assertEquals(2, g.blockCount(3));
        assertEquals(new Block(3, 16384, 20000 - 16384), g.block(3, 1));
        assertEquals(new Block(0, 49152, 16384), g.block(0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> g.block(3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> g.pieceSize(4));
    }

    @Test
    void piecesSmallerThanABlockAreOneBlock() {
        PieceGeometry g = new PieceGeometry(10000, 4096);
        assertEquals(3, g.pieceCount());
        assertEquals(1, g.blockCount(2));
        assertEquals(new Block(2, 0, 10000 - 8192), g.block(2, 0));
    }

    @Test
    void blocksAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Block(0, 100, 10));
        assertThrows(IllegalArgumentException.class, () -> new Block(0, 0, Block.SIZE + 1));
        assertThrows(IllegalArgumentException.class, () -> new PieceGeometry(0, 16384));
        assertThrows(IllegalArgumentException.class, () -> new PieceGeometry(Long.MAX_VALUE, 1));
        assertEquals(2, new Block(1, 2 * Block.SIZE, 5).index());
    }
}
