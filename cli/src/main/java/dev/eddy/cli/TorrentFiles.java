package dev.eddy.cli;

import dev.eddy.torrent.metainfo.InvalidTorrentException;
import dev.eddy.torrent.metainfo.Metainfo;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads the TORRENT argument of a command, turning every way it can fail into a one-line {@link CliException}. */
public final class TorrentFiles {
    private TorrentFiles() {
    }

    /**
     * Reads and validates a {@code .torrent} file.
     *
     * @param argument the TORRENT argument as typed
     * @return the metainfo
     * @throws CliException if it is a magnet link, missing, unreadable or not a valid torrent
     */
    public static Metainfo read(String argument) {
        if (argument.toLowerCase(Locale.ROOT).startsWith("magnet:")) {
            throw new CliException("magnet links are not supported yet; give the path of a .torrent file");
        }
        Path file = Path.of(argument);
        if (Files.isDirectory(file)) {
            throw new CliException(file + " is a folder; give the path of a .torrent file");
        }
        try {
            return Metainfo.read(file);
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": no such file; give the path of a .torrent file", e);
        } catch (AccessDeniedException e) {
            throw new CliException(file + ": permission denied; check the file's permissions", e);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (InvalidTorrentException e) {
            throw new CliException(file + " is not a valid torrent (" + e.getMessage()
                    + "); it is damaged or hostile, so get the torrent again from its source", e);
        }
    }
}
