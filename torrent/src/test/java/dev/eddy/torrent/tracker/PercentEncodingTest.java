package dev.eddy.torrent.tracker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PercentEncodingTest {

    @Test
    void keepsUnreservedAndEncodesEverythingElse() {
        assertEquals("aZ09-._~%20%2F%FF%00", PercentEncoding.encode(new byte[] {'a', 'Z', '0', '9', '-', '.', '_', '~', ' ', '/', (byte) 0xFF, 0}));
    }

    @Test
    void roundTripsEveryByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertArrayEquals(all, PercentEncoding.decode(PercentEncoding.encode(all)));
        byte[] random = new byte[20];
        new Random(1).nextBytes(random);
        assertArrayEquals(random, PercentEncoding.decode(PercentEncoding.encode(random)));
    }

    @Test
    void decodesLowerCaseHexAndPlus() {
        assertArrayEquals(new byte[] {(byte) 0xAB, ' ', 'x'}, PercentEncoding.decode("%ab+x"));
    }

    @Test
    void rejectsBrokenEscapesAndNonAscii() {
        assertThrows(IllegalArgumentException.class, () -> PercentEncoding.decode("%4"));
        assertThrows(IllegalArgumentException.class, () -> PercentEncoding.decode("ab%"));
        assertThrows(IllegalArgumentException.class, () -> PercentEncoding.decode("%zz"));
        assertThrows(IllegalArgumentException.class, () -> PercentEncoding.decode("é"));
    }
}
