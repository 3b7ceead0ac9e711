package dev.eddy.torrent.metainfo;

/**
 * A {@code .torrent} file (or a bencoded value inside one) is malformed, inconsistent or hostile.
 *
 * <p>The message says what is wrong and where, in terms a person can act on, for example
 * {@code info.files[3].path[1]: ".." would leave the download folder}. Parsing never throws anything
 * else for bad input.
 */
public final class InvalidTorrentException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is wrong, and where in the file
     */
    public InvalidTorrentException(String message) {
        super(message);
    }
}
