package dev.eddy.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The folders commands read from and write into, checked up front so a failure is one clear line. */
final class Folders {
    private Folders() {
    }

    /**
     * Checks a DATA_PATH argument: the folder that holds a torrent's content.
     *
     * @param dataPath the folder
     * @throws CliException if it is missing or a file
     */
    static void requireDataPath(Path dataPath) {
        if (!Files.isDirectory(dataPath)) {
            throw new CliException(Files.exists(dataPath)
                    ? dataPath + " is a file; DATA_PATH is the folder that holds the torrent's content (its parent, if this file is it)"
                    : dataPath + ": no such folder; DATA_PATH is the folder that holds the torrent's content");
        }
    }

    /**
     * Makes sure a download folder exists and takes files: creates it if need be, then creates and
     * deletes a probe file in it (permission bits alone do not tell, on a read-only file system or
     * when running as root).
     *
     * @param dir the folder given with {@code -o}
     * @return the folder
     * @throws CliException if it cannot be created or written
     */
    static Path prepareOutput(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliException(dir + " is a file; give -o a folder to download into");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new CliException("cannot create the folder " + dir + ": " + e.getFile()
                    + " is a file; choose another folder with -o", e);
        } catch (IOException e) {
            throw new CliException("cannot create the folder " + dir + " (" + reason(e)
                    + "); choose a writable folder with -o", e);
        }
        try {
            Files.delete(Files.createTempFile(dir, ".eddy-probe-", ".tmp"));
        } catch (IOException e) {
            throw new CliException("cannot write in " + dir + " (" + reason(e)
                    + "); choose a writable folder with -o, or fix its permissions", e);
        }
        return dir;
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        return reason == null ? e.getClass().getSimpleName() : reason;
    }
}
