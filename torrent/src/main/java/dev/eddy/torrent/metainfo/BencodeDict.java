package dev.eddy.torrent.metainfo;

import bt.bencoding.model.BEObject;
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
 * place in the file, such as {@code info.files[2].length}.
 */
final class BencodeDict {
    private final Map<String, BEObject<?>> entries;
    private final String where;

    private BencodeDict(Map<String, BEObject<?>> entries, String where) {
        this.entries = entries;
        this.where = where;
    }

    /**
     * Views a value as a dictionary.
     *
     * @param value the parsed value
     * @param where its place in the file, for messages
     * @return the dictionary
     * @throws InvalidTorrentException if it is not a dictionary
     */
    static BencodeDict of(BEObject<?> value, String where) throws InvalidTorrentException {
        if (value instanceof BEMap map) {
            return new BencodeDict(map.getValue(), where);
        }
        throw new InvalidTorrentException(where + " must be a dictionary, but is " + describe(value));
    }

    /** {@return this dictionary's place in the file} */
    String where() {
        return where;
    }

    /** {@return the place of one key of this dictionary} */
    String where(String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** {@return the raw value of a required key} */
    BEObject<?> require(String key) throws InvalidTorrentException {
        BEObject<?> value = entries.get(key);
        if (value == null) {
            throw new InvalidTorrentException(where(key) + " is missing");
        }
        return value;
    }

    BencodeDict requireDict(String key) throws InvalidTorrentException {
        return of(require(key), where(key));
    }

    byte[] requireBytes(String key) throws InvalidTorrentException {
        return bytes(require(key), where(key));
    }

    String requireText(String key) throws InvalidTorrentException {
        return text(require(key), where(key));
    }

    long requireLong(String key) throws InvalidTorrentException {
        return integer(require(key), where(key));
    }

    List<? extends BEObject<?>> requireList(String key) throws InvalidTorrentException {
        return list(require(key), where(key));
    }

    Optional<String> text(String key) throws InvalidTorrentException {
        BEObject<?> value = entries.get(key);
        return value == null ? Optional.empty() : Optional.of(text(value, where(key)));
    }

    OptionalLong integer(String key) throws InvalidTorrentException {
        BEObject<?> value = entries.get(key);
        return value == null ? OptionalLong.empty() : OptionalLong.of(integer(value, where(key)));
    }

    Optional<List<? extends BEObject<?>>> list(String key) throws InvalidTorrentException {
        BEObject<?> value = entries.get(key);
        return value == null ? Optional.empty() : Optional.of(list(value, where(key)));
    }

    /** {@return the value of a key, of any type, if present} */
    Optional<BEObject<?>> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    static byte[] bytes(BEObject<?> value, String where) throws InvalidTorrentException {
        if (value instanceof BEString string) {
            return string.getValue();
        }
        throw new InvalidTorrentException(where + " must be a string, but is " + describe(value));
    }

    /** Decodes a string as UTF-8; invalid sequences become U+FFFD, as other clients do. */
    static String text(BEObject<?> value, String where) throws InvalidTorrentException {
        return new String(bytes(value, where), StandardCharsets.UTF_8);
    }

    static long integer(BEObject<?> value, String where) throws InvalidTorrentException {
        if (value instanceof BEInteger integer) {
            try {
                return integer.longValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidTorrentException(where + " is " + integer.getValue() + ", too large for 64 bits");
            }
        }
        throw new InvalidTorrentException(where + " must be an integer, but is " + describe(value));
    }

    static List<? extends BEObject<?>> list(BEObject<?> value, String where) throws InvalidTorrentException {
        if (value instanceof BEList list) {
            return list.getValue();
        }
        throw new InvalidTorrentException(where + " must be a list, but is " + describe(value));
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
