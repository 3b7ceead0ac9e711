package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SizesTest {
    @Test
    void parsesBinarySuffixesInAnyCase() {
        assertEquals(100, Sizes.parse("100"));
        assertEquals(256 << 10, Sizes.parse("256k"));
        assertEquals(500 << 10, Sizes.parse("500K"));
        assertEquals(500 << 10, Sizes.parse("500kb"));
        assertEquals(1 << 20, Sizes.parse("1M"));
        assertEquals(10L << 20, Sizes.parse("10MiB"));
        assertEquals(3L << 19, Sizes.parse("1.5m"));
        assertEquals(2L << 30, Sizes.parse(" 2 G "));
        assertEquals(1L << 40, Sizes.parse("1t"));
        assertEquals(10L << 20, Sizes.parse("10M/s"));
    }

    @Test
    void rejectsWhatIsNotASize() {
        for (String bad : new String[] {"", "k", "-1", "1x", "1.", "ten", "1 2", "99999999T"}) {
            assertThrows(IllegalArgumentException.class, () -> Sizes.parse(bad), bad);
        }
        assertThrows(CommandLine.TypeConversionException.class, () -> new SizeConverter().convert("lots"));
    }

    @Test
    void formatsWithThreeSignificantDigits() {
        assertEquals("0 B", Sizes.format(0));
        assertEquals("1023 B", Sizes.format(1023));
        assertEquals("1.00 KiB", Sizes.format(1024));
        assertEquals("1.50 KiB", Sizes.format(1536));
        assertEquals("16.0 KiB", Sizes.format(16 << 10));
        assertEquals("256 KiB", Sizes.format(256 << 10));
        assertEquals("1.00 MiB", Sizes.format(1023 << 10));
        assertEquals("10.0 GiB", Sizes.format(10L << 30));
        assertEquals("8.00 EiB", Sizes.format(Long.MAX_VALUE));
        assertEquals("1.20 MiB/s", Sizes.formatRate(1_258_291));
    }
}
