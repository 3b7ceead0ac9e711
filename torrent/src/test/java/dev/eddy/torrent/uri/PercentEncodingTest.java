package dev.eddy.torrent.uri;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void hexDigitsAreAsciiOnly() {
        // Character.digit would read fullwidth digits as hex; an escape is two ASCII hex digits.
        var e = assertThrows(IllegalArgumentException.class, () -> PercentEncoding.decode("a%\uFF10\uFF10"));
        assertTrue(e.getMessage().contains("bad percent escape \"%\uFF10\uFF10\" at offset 1"), e.getMessage());
    }

    @Test
    void encodesTextAsUtf8KeepingTheGivenCharacters() {
        assertEquals("http://t/a%3Fx%3D1%20%C3%BC", PercentEncoding.encodeText("http://t/a?x=1 ü", ":/"));
        assertEquals("http%3A%2F%2Ft", PercentEncoding.encodeText("http://t", ""));
    }

    @Test
    void decodesTextWhereRawNonAsciiStandsForItsUtf8() {
        assertEquals("Some File é ü 😀", PercentEncoding.decodeText("Some+File%20%C3%A9 ü 😀"));
        String text = "a & b = ü 😀 /:?";
        assertEquals(text, PercentEncoding.decodeText(PercentEncoding.encodeText(text, ":/")));
    }

    @Test
    void textMustBeUtf8AndWellFormed() {
        var truncated = assertThrows(IllegalArgumentException.class, () -> PercentEncoding.decodeText("%C3"));
        assertTrue(truncated.getMessage().contains("not valid UTF-8"), truncated.getMessage());
        var escape = assertThrows(IllegalArgumentException.class, () -> PercentEncoding.decodeText("é%4"));
        assertTrue(escape.getMessage().contains("bad percent escape \"%4\" at offset 1"), escape.getMessage());
        var surrogate = assertThrows(IllegalArgumentException.class, () -> PercentEncoding.decodeText("x\uD83D"));
        assertTrue(surrogate.getMessage().contains("unpaired surrogate at offset 1"), surrogate.getMessage());
    }
}
