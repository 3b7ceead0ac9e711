package dev.eddy.torrent.metainfo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes bencoding from plain Java values for tests, including shapes the builder never makes:
 * maps become dictionaries (keys sorted), lists lists, numbers integers, strings and byte arrays
 * strings.
 */
public final class Bencode {
    private Bencode() {
    }

    /**
     * Encodes a value.
     *
     * @param value a Map, List, Number, String or byte[]
     * @return its bencoding
     */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    /**
     * Builds a dictionary from alternating keys and values, keeping insertion order irrelevant.
     *
     * @param keysAndValues key, value, key, value...
     * @return a sorted map
     */
    public static Map<String, Object> dict(Object... keysAndValues) {
        Map<String, Object> map = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * A list of values.
     *
     * @param values the items
     * @return a mutable list
     */
    public static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    private static void write(Object value, ByteArrayOutputStream out) {
        switch (value) {
            case Map<?, ?> map -> {
                out.write('d');
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    write(e.getKey(), out);
                    write(e.getValue(), out);
                }
                out.write('e');
            }
            case List<?> list -> {
                out.write('l');
                list.forEach(item -> write(item, out));
                out.write('e');
            }
            case Number number -> out.writeBytes(("i" + number.longValue() + "e").getBytes(StandardCharsets.US_ASCII));
            case String text -> write(text.getBytes(StandardCharsets.UTF_8), out);
            case byte[] bytes -> {
                out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(bytes);
            }
            default -> throw new IllegalArgumentException("cannot bencode " + value.getClass());
        }
    }
}
