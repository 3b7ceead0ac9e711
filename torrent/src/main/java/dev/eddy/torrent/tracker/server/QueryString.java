package dev.eddy.torrent.tracker.server;

import dev.eddy.torrent.uri.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's query string as raw bytes per parameter: an info hash or peer id is binary, so values
 * are percent-decoded byte for byte, never through a charset. A parameter may repeat (scrape sends
 * {@code info_hash} once per torrent).
 */
final class QueryString {
    private final Map<String, List<byte[]>> values;

    private QueryString(Map<String, List<byte[]>> values) {
        this.values = values;
    }

    /**
     * Splits and decodes {@code query} ({@code a=1&b=%FF…}). A parameter without {@code =} has an
     * empty value; empty pieces ({@code a=1&&b=2}) are skipped.
     *
     * @throws IllegalArgumentException for a broken percent escape or a non-ASCII character
     */
    static QueryString parse(String query) {
        Map<String, List<byte[]>> values = new HashMap<>();
        for (String piece : query.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int equals = piece.indexOf('=');
            String name = new String(PercentEncoding.decode(equals < 0 ? piece : piece.substring(0, equals)),
                    StandardCharsets.ISO_8859_1);
            byte[] value = equals < 0 ? new byte[0] : PercentEncoding.decode(piece.substring(equals + 1));
            values.computeIfAbsent(name, unused -> new ArrayList<>(1)).add(value);
        }
        return new QueryString(values);
    }

    /** The first value of {@code name}, or {@code null} if it is absent. */
    byte[] bytes(String name) {
        List<byte[]> all = values.get(name);
        return all == null ? null : all.getFirst();
    }

    /** The first value of {@code name} as ASCII text, or {@code null} if it is absent. */
    String text(String name) {
        byte[] value = bytes(name);
        return value == null ? null : new String(value, StandardCharsets.ISO_8859_1);
    }

    /** Every value of {@code name}, in order; empty if it is absent. */
    List<byte[]> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /**
     * The first value of {@code name} as a decimal number from {@code min} to {@code max}.
     *
     * @param fallback what an absent parameter means
     * @throws IllegalArgumentException naming the parameter, for a value that is not such a number
     */
    long number(String name, long min, long max, long fallback) {
        String text = text(name);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' is not a number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("'" + name + "' must be " + min + " to " + max + ", not " + value);
        }
        return value;
    }
}
