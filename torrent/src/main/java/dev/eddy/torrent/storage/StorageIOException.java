package dev.eddy.torrent.storage;

import java.nio.file.Path;

/** Any other I/O failure on a torrent's file. */
public final class StorageIOException extends StorageException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param file the file concerned
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public StorageIOException(Path file, String message, Throwable cause) {
        super(file, message, cause);
    }
}
