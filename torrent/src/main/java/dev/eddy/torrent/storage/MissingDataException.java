package dev.eddy.torrent.storage;

import java.nio.file.Path;

/** Data that should be on disk is not: the file is missing or shorter than the torrent says. */
public final class MissingDataException extends StorageException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param file the file concerned
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public MissingDataException(Path file, String message, Throwable cause) {
        super(file, message, cause);
    }
}
