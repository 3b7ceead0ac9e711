package dev.eddy.torrent.bencode;

import bt.bencoding.model.BEObject;
import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEList;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed bencoded dictionary with typed, located accessors: each failure names the key by its
 * place in the data, such as {@code info.files[2].length}. Torrent files and tracker replies are
 * read through it.
 */
public final class BencodeDict {
    private final Map<String, BEObject<?>> entries;
    private final String where;

    private BencodeDict(Map<String, BEObject<?>> entries, String where) {
        this.entries = entries;
        this.where = where;
    }

    /**
     * Checks untrusted bytes with {@link BencodeGuard} and parses them as one dictionary.
     *
     * @param data exactly one bencoded value, a dictionary
     * @param where what the data is, for messages ({@code "the torrent"}, {@code "the reply"})
     * @return the dictionary
     * @throws BencodeException if the bytes are malformed or hostile, or not a dictionary
     */
    public static BencodeDict parse(byte[] data, String where) {
        BencodeGuard.check(data);
        if (data[0] != 'd') {
            throw new BencodeException(where + " must be a bencoded dictionary");
        }
        try (BEParser parser = new BEParser(data)) {
            return new BencodeDict(parser.readMap().getValue(), where);
        } catch (RuntimeException e) {
            // The guard already proved the bytes well formed, so this is a parser disagreement.
            throw new BencodeException(where + " could not be decoded: " + e.getMessage());
        }
    }

    /**
     * Views a value as a dictionary.
     *
     * @param value the parsed value
     * @param where its place in the file, for messages
     * @return the dictionary
     * @throws BencodeException if it is not a dictionary
     */
    public static BencodeDict of(BEObject<?> value, String where) {
        if (value instanceof BEMap map) {
            return new BencodeDict(map.getValue(), where);
        }
        throw new BencodeException(where + " must be a dictionary, but is " + describe(value));
    }

    /** {@return this dictionary's place in the file} */
    public String where() {
        return where;
    }

    /** {@return the place of one key of this dictionary} */
    public String where(String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    /** {@return whether the dictionary has {@code key}} */
    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** {@return the raw value of a required key} */
    public BEObject<?> require(String key) {
        BEObject<?> value = entries.get(key);
        if (value == null) {
            throw new BencodeException(where(key) + " is missing");
        }
        return value;
    }

    /** {@return the dictionary under a required key} */
    public BencodeDict requireDict(String key) {
        return of(require(key), where(key));
    }

    /** {@return the bytes of a required string} */
    public byte[] requireBytes(String key) {
        return bytes(require(key), where(key));
    }

    /** {@return a required string, decoded as UTF-8} */
    public String requireText(String key) {
        return text(require(key), where(key));
    }

    /** {@return a required integer} */
    public long requireLong(String key) {
        return integer(require(key), where(key));
    }

    /** {@return the items of a required list} */
    public List<? extends BEObject<?>> requireList(String key) {
        return list(require(key), where(key));
    }

    /** {@return an optional string, decoded as UTF-8} */
    public Optional<String> text(String key) {
        BEObject<?> value = entries.get(key);
        return value == null ? Optional.empty() : Optional.of(text(value, where(key)));
    }

    /** {@return an optional integer} */
    public OptionalLong integer(String key) {
        BEObject<?> value = entries.get(key);
        return value == null ? OptionalLong.empty() : OptionalLong.of(integer(value, where(key)));
    }

    /** {@return the items of an optional list} */
    public Optional<List<? extends BEObject<?>>> list(String key) {
        BEObject<?> value = entries.get(key);
        return value == null ? Optional.empty() : Optional.of(list(value, where(key)));
    }

    /** {@return the value of a key, of any type, if present} */
    public Optional<BEObject<?>> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** {@return the bytes of {@code value}, which must be a string at {@code where}} */
    public static byte[] bytes(BEObject<?> value, String where) {
        if (value instanceof BEString string) {
            return string.getValue();
        }
        throw new BencodeException(where + " must be a string, but is " + describe(value));
    }

    /** Decodes a string as UTF-8; invalid sequences become U+FFFD, as other clients do. */
    public static String text(BEObject<?> value, String where) {
        return new String(bytes(value, where), StandardCharsets.UTF_8);
    }

    /** {@return {@code value}, which must be a 64-bit integer at {@code where}} */
    public static long integer(BEObject<?> value, String where) {
        if (value instanceof BEInteger integer) {
            try {
                return integer.longValueExact();
            } catch (ArithmeticException e) {
                throw new BencodeException(where + " is " + integer.getValue() + ", too large for 64 bits");
            }
        }
        throw new BencodeException(where + " must be an integer, but is " + describe(value));
    }

    /** {@return the items of {@code value}, which must be a list at {@code where}} */
    public static List<? extends BEObject<?>> list(BEObject<?> value, String where) {
        if (value instanceof BEList list) {
            return list.getValue();
        }
        throw new BencodeException(where + " must be a list, but is " + describe(value));
    }

    private static String describe(BEObject<?> value) {
        return switch (value.getType()) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case LIST -> "a list";
            case MAP -> "a dictionary";
        };
    }
}
