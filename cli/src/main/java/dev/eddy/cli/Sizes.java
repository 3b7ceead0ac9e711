package dev.eddy.cli;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and rates as people type and read them. Suffixes are binary, as in most BitTorrent
 * clients: {@code 256k} is 256 KiB (262,144 bytes), {@code 10M} is 10 MiB. Case does not matter, and
 * {@code k}, {@code kb}, {@code kib} mean the same.
 */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?(?:/s)?");
    private static final String UNITS = "KMGTPE";

    private Sizes() {
    }

    /**
     * Parses a size such as {@code 1048576}, {@code 256k}, {@code 1.5M} or {@code 2GiB}; a rate may
     * end in {@code /s}.
     *
     * @param text what was typed
     * @return the number of bytes, rounded down
     * @throws IllegalArgumentException if the text is not a size, or too large
     */
    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write a number with an optional"
                    + " suffix k, M, G or T, such as 256k or 10M");
        }
        int shift = 10 * "_kmgt".indexOf(matcher.group(2).isEmpty() ? "_" : matcher.group(2));
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(2).pow(shift));
        try {
            return bytes.toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size", e);
        }
    }

    /**
     * Formats a byte count for people: {@code 512 B}, {@code 16.0 KiB}, {@code 1.50 GiB}; always
     * three significant digits or fewer, so the width stays steady as numbers change.
     *
     * @param bytes the count, not negative
     * @return the formatted size
     */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length() - 1) {
            value /= 1024;
            unit++;
        }
        if (value >= 999.5 && unit < UNITS.length() - 1) {
            value /= 1024;
            unit++;
        }
        String pattern = value < 9.995 ? "%.2f" : value < 99.95 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, pattern, value) + " " + UNITS.charAt(unit) + "iB";
    }

    /**
     * Formats a rate in bytes per second.
     *
     * @param bytesPerSecond the rate, not negative
     * @return the formatted rate, such as {@code 1.20 MiB/s}
     */
    public static String formatRate(long bytesPerSecond) {
        return format(bytesPerSecond) + "/s";
    }
}
