package dev.eddy.torrent.uri;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Byte-exact percent-encoding (RFC 3986) for tracker URLs and magnet links. An info hash or peer id
 * is raw bytes, not text, so {@link java.net.URLEncoder} (which encodes characters of a charset)
 * cannot be used for them. Decoding reads {@code +} as a space, as form encoding does.
 */
public final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {}

    /**
     * Encodes {@code bytes}: RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) stay as
     * they are and every other byte becomes {@code %XX}.
     *
     * @param bytes what to encode
     * @return the encoded text
     */
    public static String encode(byte[] bytes) {
        return encode(bytes, "");
    }

    /**
     * Encodes the UTF-8 bytes of {@code text} like {@link #encode(byte[])}, but also leaves the
     * ASCII characters in {@code literal} as they are (a magnet link keeps {@code :} and {@code /}
     * of its URLs readable).
     *
     * @param text what to encode
     * @param literal ASCII characters, besides the unreserved ones, to leave unencoded
     * @return the encoded text
     */
    public static String encodeText(String text, String literal) {
        return encode(text.getBytes(StandardCharsets.UTF_8), literal);
    }

    /**
     * Decodes a query-string value back to bytes: {@code %XX} to its byte, {@code +} to a space,
     * anything else to its own (ASCII) byte.
     *
     * @param text the encoded value
     * @return the bytes it stands for
     * @throws IllegalArgumentException for a {@code %} not followed by two hex digits, or a
     *     character outside ASCII
     */
    public static byte[] decode(CharSequence text) {
        return decode(text, false);
    }

    /**
     * Decodes a value that stands for text: as {@link #decode(CharSequence)}, except that a
     * character outside ASCII stands for its own UTF-8 bytes (links pasted from a browser carry
     * them unencoded), and the bytes must then be valid UTF-8.
     *
     * @param text the encoded value
     * @return the decoded text
     * @throws IllegalArgumentException for a {@code %} not followed by two hex digits, an unpaired
     *     surrogate, or bytes that are not UTF-8
     */
    public static String decodeText(CharSequence text) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decode(text, true)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("bytes that are not valid UTF-8");
        }
    }

    private static String encode(byte[] bytes, String literal) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c) || c < 0x80 && literal.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static byte[] decode(CharSequence text, boolean nonAsciiAllowed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || !HexFormat.isHexDigit(text.charAt(i + 1))
                        || !HexFormat.isHexDigit(text.charAt(i + 2))) {
                    throw new IllegalArgumentException("a bad percent escape \""
                            + text.subSequence(i, Math.min(text.length(), i + 3)) + "\" at offset " + i
                            + " (a '%' takes two hex digits)");
                }
                out.write(HexFormat.fromHexDigit(text.charAt(i + 1)) << 4 | HexFormat.fromHexDigit(text.charAt(i + 2)));
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else if (!nonAsciiAllowed) {
                throw new IllegalArgumentException("a non-ASCII character at offset " + i + " in a query string");
            } else {
                int codePoint = Character.codePointAt(text, i);
                if (Character.getType(codePoint) == Character.SURROGATE) {
                    throw new IllegalArgumentException("an unpaired surrogate at offset " + i);
                }
                out.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        return out.toByteArray();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
