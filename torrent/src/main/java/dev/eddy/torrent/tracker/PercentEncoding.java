package dev.eddy.torrent.tracker;

import java.io.ByteArrayOutputStream;

/**
 * Byte-exact percent-encoding for tracker URLs. An info hash or peer id is raw bytes, not text, so
 * {@link java.net.URLEncoder} (which encodes characters of a charset) cannot be used for them.
 */
public final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {}

    /**
     * Encodes {@code bytes}: RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) stay as
     * they are and every other byte becomes {@code %XX}.
     */
    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes a query-string value back to bytes: {@code %XX} to its byte, {@code +} to a space,
     * anything else to its own (ASCII) byte.
     *
     * @throws IllegalArgumentException for a {@code %} not followed by two hex digits, or a
     *     character outside ASCII
     */
    public static byte[] decode(CharSequence text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("a '%' at offset " + i + " is not followed by two hex digits");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("'%" + text.charAt(i + 1) + text.charAt(i + 2)
                            + "' at offset " + i + " is not a percent-encoded byte");
                }
                out.write(high << 4 | low);
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                throw new IllegalArgumentException("a non-ASCII character at offset " + i + " in a query string");
            }
        }
        return out.toByteArray();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
