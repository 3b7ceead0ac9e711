package dev.eddy.torrent.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A strict, linear-time check of bencoded bytes, run before they reach bt-bencoding.
 *
 * <p>bt-bencoding trusts its input in ways a hostile file can exploit: it allocates a string's
 * declared length before reading it (a 2 GiB prefix is an {@code OutOfMemoryError}), it recurses once
 * per nesting level (10,000 nested lists overflow the stack), it copies every byte once per enclosing
 * container, it parses integers of any length as {@code BigInteger} (quadratic), and it silently keeps
 * the last of two equal dictionary keys and ignores trailing bytes. This scan walks the bytes once
 * with an explicit stack and rejects all of that, so whatever it passes parses in linear time and
 * bounded memory.
 *
 * <p>The bounds: at most {@value #MAX_DEPTH} levels, {@value #MAX_VALUES} values, and parser copying of
 * at most {@value #MAX_COPY_FACTOR} times the input.
 */
public final class BencodeGuard {
    /**
     * The deepest nesting accepted. A v1 torrent needs five levels (root, info, files, file, path);
     * the rest leaves room for extensions without letting the parser's per-level copies add up.
     */
    public static final int MAX_DEPTH = 32;

    /**
     * bt-bencoding copies each byte into every container around it, so its work is the sum over
     * containers of their sizes. Real torrents come to two to five times the file size.
     */
    public static final int MAX_COPY_FACTOR = 16;

    /**
     * The most values (keys included) accepted. bt-bencoding allocates about 230 bytes per value
     * (measured), 75 to 110 times the input for the smallest values, so this caps its allocation near
     * 230 MB however the file is built. A torrent of about 150,000 files reaches it.
     */
    public static final int MAX_VALUES = 1_000_000;

    private static final int MAX_INTEGER_DIGITS = 19;

    private final byte[] data;
    private int pos;
    private int values;

    private BencodeGuard(byte[] data) {
        this.data = data;
    }

    /**
     * Checks that {@code data} is exactly one well-formed bencoded value within the limits above.
     *
     * @param data the bytes to check
     * @throws BencodeException naming the first problem and its byte offset
     */
    public static void check(byte[] data) {
        new BencodeGuard(data).scan();
    }

    private void scan() {
        if (data.length == 0) {
            throw new BencodeException("the data is empty");
        }
        Container[] stack = new Container[MAX_DEPTH];
        int depth = 0;
        long copied = 0;
        do {
            Container top = depth == 0 ? null : stack[depth - 1];
            if (top != null && peek() == 'e') {
                if (top.dictionary && !top.expectingKey) {
                    throw malformed("a dictionary key has no value");
                }
                pos++;
                copied += pos - top.start;
                depth--;
            } else if (top != null && top.dictionary && top.expectingKey) {
                if (!isDigit(peek())) {
                    throw malformed("a dictionary key must be a string");
                }
                countValue();
                int keyStart = pos;
                skipString();
                top.acceptKey(data, keyStart, pos);
                continue;
            } else {
                countValue();
                byte b = peek();
                switch (b) {
                    case 'i' -> skipInteger();
                    case 'l', 'd' -> {
                        if (depth == MAX_DEPTH) {
                            throw malformed("values nest more than " + MAX_DEPTH + " levels deep");
                        }
                        stack[depth++] = new Container(pos, b == 'd');
                        pos++;
                        continue;
                    }
                    default -> {
                        if (!isDigit(b)) {
                            throw malformed("unexpected byte 0x%02x where a value should start".formatted(b & 0xff));
                        }
                        skipString();
                    }
                }
            }
            if (depth > 0 && stack[depth - 1].dictionary) {
                stack[depth - 1].expectingKey = true;
            }
        } while (depth > 0);
        if (pos != data.length) {
            throw malformed((data.length - pos) + " bytes of trailing data after the end of the value");
        }
        if (copied > (long) MAX_COPY_FACTOR * data.length) {
            throw new BencodeException(
                    "the bencoded structure is nested too heavily for its size (parser work " + copied
                            + " bytes for a " + data.length + " bytes of data)");
        }
    }

    private void countValue() {
        if (++values > MAX_VALUES) {
            throw malformed("more than " + MAX_VALUES + " values; no real torrent has that many");
        }
    }

    private byte peek() {
        if (pos >= data.length) {
            throw new BencodeException(
                    "the data is truncated: it ends at byte " + data.length + " in the middle of a value");
        }
        return data[pos];
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private void skipInteger() {
        int start = pos++;
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        int digitsStart = pos;
        while (isDigit(peek())) {
            pos++;
        }
        int digits = pos - digitsStart;
        if (peek() != 'e' || digits == 0) {
            throw malformedAt(start, "an integer must be digits between 'i' and 'e'");
        }
        if (digits > 1 && data[digitsStart] == '0' || negative && data[digitsStart] == '0') {
            throw malformedAt(start, "an integer has a leading zero or is minus zero");
        }
        if (digits > MAX_INTEGER_DIGITS) {
            throw malformedAt(start, "an integer has " + digits + " digits, more than a 64-bit number holds");
        }
        pos++;
    }

    private void skipString() {
        int start = pos;
        long length = 0;
        while (isDigit(peek())) {
            length = length * 10 + (data[pos++] - '0');
            if (length > data.length) {
                throw malformedAt(start, "a string's length prefix is larger than the whole file");
            }
        }
        if (peek() != ':') {
            throw malformedAt(start, "a string length must be followed by ':'");
        }
        if (pos - start > 1 && data[start] == '0') {
            throw malformedAt(start, "a string length has a leading zero");
        }
        pos++;
        if (length > data.length - pos) {
            throw malformedAt(start, "a string claims " + length + " bytes but only " + (data.length - pos)
                    + " remain: the data is truncated or corrupt");
        }
        pos += (int) length;
    }

    private BencodeException malformed(String what) {
        return malformedAt(pos, what);
    }

    private static BencodeException malformedAt(int offset, String what) {
        return new BencodeException("malformed bencoding at byte " + offset + ": " + what);
    }

    /** One open list or dictionary on the scan's stack. */
    private static final class Container {
        final int start;
        final boolean dictionary;
        boolean expectingKey;
        private int lastKeyFrom = -1;
        private int lastKeyTo = -1;
        private Set<String> keysSeen;

        Container(int start, boolean dictionary) {
            this.start = start;
            this.dictionary = dictionary;
            this.expectingKey = dictionary;
        }

        /**
         * Rejects a repeated key. Keys normally arrive sorted, so comparing with the previous one is
         * enough; only a dictionary that breaks the order pays for a set of its keys.
         */
        void acceptKey(byte[] data, int from, int to) {
            int valueFrom = from;
            while (data[valueFrom] != ':') {
                valueFrom++;
            }
            valueFrom++;
            if (keysSeen == null && (lastKeyFrom < 0
                    || Arrays.compareUnsigned(data, lastKeyFrom, lastKeyTo, data, valueFrom, to) < 0)) {
                lastKeyFrom = valueFrom;
                lastKeyTo = to;
            } else {
                if (keysSeen == null) {
                    keysSeen = new HashSet<>();
                    keysSeen.add(latin1(data, lastKeyFrom, lastKeyTo));
                }
                if (!keysSeen.add(latin1(data, valueFrom, to))) {
                    throw malformedAt(from, "the dictionary repeats the key \""
                            + new String(data, valueFrom, to - valueFrom, StandardCharsets.UTF_8) + "\"");
                }
            }
            expectingKey = false;
        }

        private static String latin1(byte[] data, int from, int to) {
            return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }
}
