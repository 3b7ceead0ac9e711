package dev.eddy.torrent.storage;

import java.nio.file.Path;

/** The disk (or the user's quota) is full: free space, then resume. */
public final class DiskFullException extends StorageException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param file the file concerned
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public DiskFullException(Path file, String message, Throwable cause) {
        super(file, message, cause);
    }
}
