package dev.eddy.torrent.pieces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitfieldTest {
    @Test
    void setGetClearAndCardinality() {
        Bitfield b = new Bitfield(130);
        b.set(0);
        b.set(64);
        b.set(129);
        b.set(129);
        assertEquals(3, b.cardinality());
        assertTrue(b.get(64));
        assertFalse(b.get(63));
        b.clear(64);
        b.clear(64);
        assertEquals(2, b.cardinality());
        assertEquals(0, b.nextSetBit(0));
        assertEquals(129, b.nextSetBit(1));
        assertEquals(-1, new Bitfield(130).nextSetBit(0));
        assertThrows(IndexOutOfBoundsException.class, () -> b.get(130));
    }

    @Test
    void wireFormIsHighBitFirst() {
        Bitfield b = new Bitfield(10);
        b.set(0);
        b.set(9);
        assertArrayEquals(new byte[] {(byte) 0x80, 0x40}, b.toBytes());
        assertEquals(b, Bitfield.fromBytes(new byte[] {(byte) 0x80, 0x40}, 10));
    }

    @Test
    void fromBytesRejectsSpareBitsAndWrongLengths() {
        assertThrows(IllegalArgumentException.class, () -> Bitfield.fromBytes(new byte[] {0, 0x20}, 10));
        assertThrows(IllegalArgumentException.class, () -> Bitfield.fromBytes(new byte[] {0}, 10));
        assertThrows(IllegalArgumentException.class, () -> Bitfield.fromBytes(new byte[3], 10));
    }

    @Test
    void roundTripsRandomBitfields() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int size = random.nextInt(300);
            Bitfield b = new Bitfield(size);
            for (int i = 0; i < size; i++) {
                if (random.nextBoolean()) {
                    b.set(i);
                }
            }
            Bitfield back = Bitfield.fromBytes(b.toBytes(), size);
            assertEquals(b, back);
            assertEquals(b.cardinality(), back.cardinality());
            assertEquals(size == b.cardinality(), back.isComplete());
        }
    }

    @Test
    void copyIsIndependent() {
        Bitfield b = new Bitfield(5);
        Bitfield copy = b.copy();
        copy.set(1);
        assertFalse(b.get(1));
    }

    @Test
    void nextClearBitSkipsSetBitsAndStopsAtTheSize() {
        Bitfield b = new Bitfield(130);
        assertEquals(0, b.nextClearBit(0));
        for (int i = 0; i < 129; i++) {
            b.set(i);
        }
        assertEquals(129, b.nextClearBit(0));
        assertEquals(129, b.nextClearBit(129));
        b.set(129);
        assertEquals(-1, b.nextClearBit(0));
        assertEquals(-1, b.nextClearBit(200));
        b.clear(64);
        assertEquals(64, b.nextClearBit(3));
        assertEquals(-1, new Bitfield(64).copy().nextClearBit(64));
        assertThrows(IndexOutOfBoundsException.class, () -> b.nextClearBit(-1));
    }
}
