package dev.eddy.torrent.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StorageLayoutTest {
    @Test
    void mapsAPieceAcrossSeveralFilesSkippingEmptyOnes() {
        StorageLayout layout = Layouts.of(10, 4, 0, 3, 0, 0, 8, 5);
        assertEquals(20, layout.totalLength());
        assertEquals(2, layout.pieceCount());
        assertEquals(10, layout.pieceSize(1));
        assertEquals(List.of(new FileSlice(0, 0, 4), new FileSlice(2, 0, 3), new FileSlice(5, 0, 3)),
                layout.slices(0, 0, 10));
        assertEquals(List.of(new FileSlice(5, 3, 5), new FileSlice(6, 0, 5)), layout.slices(1, 0, 10));
        assertEquals(List.of(new FileSlice(2, 1, 2), new FileSlice(5, 0, 1)), layout.slices(0, 5, 3));
        assertEquals(List.of(), layout.slices(1, 4, 0));
    }

    @Test
    void findsTheFileHoldingAByte() {
        StorageLayout layout = Layouts.of(10, 0, 4, 0, 0, 3);
        assertEquals(1, layout.fileAt(0));
        assertEquals(1, layout.fileAt(3));
        assertEquals(4, layout.fileAt(4));
        assertEquals(4, layout.fileAt(6));
        assertThrows(IndexOutOfBoundsException.class, () -> layout.fileAt(7));
        assertArrayEquals(new int[] {1, 4}, layout.filesOfPiece(0));
    }

    @Test
    void lastPieceIsShortAndRangesAreChecked() {
        StorageLayout layout = Layouts.of(16, 40);
        assertEquals(3, layout.pieceCount());
        assertEquals(8, layout.pieceSize(2));
        assertThrows(IndexOutOfBoundsException.class, () -> layout.slices(2, 4, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> layout.slices(3, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> layout.slices(0, -1, 1));
    }
}
