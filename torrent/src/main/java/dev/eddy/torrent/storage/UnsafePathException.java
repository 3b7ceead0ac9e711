package dev.eddy.torrent.storage;

import java.nio.file.Path;

/** A path would leave the download folder, for instance through a symbolic link that was already there; nothing was written. */
public final class UnsafePathException extends StorageException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param file the file concerned
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public UnsafePathException(Path file, String message, Throwable cause) {
        super(file, message, cause);
    }
}
