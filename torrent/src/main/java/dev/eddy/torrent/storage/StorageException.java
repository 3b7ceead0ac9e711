package dev.eddy.torrent.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A failure to read or write a torrent's files, naming the file. The subtypes tell apart the
 * failures a user fixes differently: free some space, fix permissions, or remove a link that points
 * out of the download folder.
 */
public abstract sealed class StorageException extends IOException
        permits DiskFullException, PermissionDeniedException, UnsafePathException, MissingDataException,
                StorageIOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    StorageException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** {@return the file the failure concerns} */
    public Path file() {
        return file;
    }

    /**
     * Classifies an I/O failure on a file. Java reports a full disk only through the operating
     * system's message, so that is what the classification reads.
     *
     * @param file the file being read or written
     * @param action what was being done, such as "write"
     * @param e the failure
     * @return the typed error
     */
    static StorageException classify(Path file, String action, IOException e) {
        if (e instanceof StorageException typed) {
            return typed;
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
        String lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left") || lower.contains("disk quota exceeded") || lower.contains("file too large")) {
            return new DiskFullException(file, "cannot " + action + ": the disk is full (" + reason + ")", e);
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied")
                || lower.contains("read-only file system") || lower.contains("operation not permitted")) {
            return new PermissionDeniedException(file, "cannot " + action + ": permission denied (" + reason + ")", e);
        }
        if (lower.contains("too many levels of symbolic links")) {
            return new UnsafePathException(file, "cannot " + action + ": it is a symbolic link", e);
        }
        return new StorageIOException(file, "cannot " + action + ": " + reason, e);
    }
}
