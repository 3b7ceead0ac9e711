package dev.eddy.torrent.bencode;

import java.io.Serial;

/**
 * Bencoded bytes are malformed or hostile, or a decoded value is not of the expected shape. The
 * message says what is wrong and where (a byte offset, or a key path such as
 * {@code info.files[2].length}). Unchecked, like the loop's errors; each reader of untrusted
 * bencode turns it into its own typed error (an invalid torrent, a malformed tracker reply).
 */
public final class BencodeException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the error with {@code message}: what is wrong, and where. */
    public BencodeException(String message) {
        super(message);
    }
}
