package dev.eddy.torrent.storage;

import java.nio.file.Path;

/** The operating system refused access: fix the file's or folder's permissions. */
public final class PermissionDeniedException extends StorageException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param file the file concerned
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public PermissionDeniedException(Path file, String message, Throwable cause) {
        super(file, message, cause);
    }
}
