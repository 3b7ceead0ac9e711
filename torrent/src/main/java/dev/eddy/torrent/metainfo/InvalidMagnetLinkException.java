package dev.eddy.torrent.metainfo;

/** A magnet link is malformed; the message says which part and why. */
public final class InvalidMagnetLinkException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is wrong with the link
     */
    public InvalidMagnetLinkException(String message) {
        super(message);
    }
}
