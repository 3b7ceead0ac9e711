package dev.eddy.torrent.bencode;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BencodeGuardTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"i0e", "i-5e", "0:", "3:abc", "le", "de", "d1:ai1e1:bl1:xee", "l1:al1:bee",
            "d1:bi1e1:ai2ee", "i9223372036854775807e"})
    void acceptsWellFormedValues(String input) {
        assertDoesNotThrow(() -> BencodeGuard.check(ascii(input)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "i03e|leading zero",
        "i-0e|minus zero",
        "ie|digits between",
        "i12|truncated",
        "03:abc|leading zero",
        "5:abc|only 3 remain",
        "2147483648:abc|larger than the whole file",
        "l|truncated",
        "d1:ae|has no value",
        "di1ei2ee|must be a string",
        "d1:ai1e1:ai2ee|repeats the key \"a\"",
        "d1:bi1e1:ai2e1:bi3ee|repeats the key \"b\"",
        "i1ei2e|trailing data",
        "x|unexpected byte 0x78",
        "i12345678901234567890e|more than a 64-bit number",
    })
    void rejectsMalformedValuesWithAReason(String input, String reason) {
        BencodeException e = assertThrows(BencodeException.class, () -> BencodeGuard.check(ascii(input)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void rejectsEmptyInput() {
        assertThrows(BencodeException.class, () -> BencodeGuard.check(new byte[0]));
    }

    @Test
    void rejectsTenThousandNestedListsWithoutRecursion() {
        byte[] nested = ascii("l".repeat(10_000) + "e".repeat(10_000));
        BencodeException e = assertThrows(BencodeException.class, () -> BencodeGuard.check(nested));
        assertTrue(e.getMessage().contains("nest more than 32 levels"), e.getMessage());
    }

    @Test
    void capsTheNumberOfValues() {
        BencodeGuard.check(ascii("l" + "0:".repeat(BencodeGuard.MAX_VALUES - 1) + "e"));
        byte[] tooMany = ascii("l" + "0:".repeat(BencodeGuard.MAX_VALUES) + "e");
        BencodeException e = assertThrows(BencodeException.class, () -> BencodeGuard.check(tooMany));
        assertTrue(e.getMessage().contains("more than 1000000 values"), e.getMessage());
    }

    @Test
    void rejectsHeavyNestingWithinTheDepthLimit() {
        // 31 levels around a large string: within the depth limit, but bt-bencoding would copy the
        // string once per level.
        byte[] heavy = ascii("l".repeat(31) + "100000:" + "x".repeat(100_000) + "e".repeat(31));
        BencodeException e = assertThrows(BencodeException.class, () -> BencodeGuard.check(heavy));
        assertTrue(e.getMessage().contains("nested too heavily"), e.getMessage());
    }
}
