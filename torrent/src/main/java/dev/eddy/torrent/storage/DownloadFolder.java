package dev.eddy.torrent.storage;

import com.sun.nio.file.ExtendedOpenOption;
import dev.eddy.torrent.metainfo.PathComponents;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one folder a torrent's files go under, and the only way to open them.
 *
 * <p>Every path is built from components that pass {@link PathComponents}, and every folder on the
 * way is inspected without following links: a symbolic link that was already there, at any depth,
 * is refused rather than followed. The parent's real path is then checked to lie inside the real
 * download folder, and files are opened with {@code NOFOLLOW_LINKS}, so a link put in place after
 * the check fails the open instead of redirecting it.
 *
 * <p>Not final only so tests can stand in for the file system when it misbehaves (a full disk).
 */
class DownloadFolder {
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> READ_WRITE = Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
            StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> DIRECT_WRITE = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
            LinkOption.NOFOLLOW_LINKS, ExtendedOpenOption.DIRECT);

    private final Path root;

    DownloadFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /**
     * Resolves a torrent path below the folder, refusing unsafe components.
     *
     * @param components the path from the torrent
     * @return the path, not yet checked against links
     * @throws UnsafePathException if a component is unsafe
     */
    Path resolve(List<String> components) throws UnsafePathException {
        Path path = root;
        for (String component : components) {
            Optional<String> problem = PathComponents.problem(component);
            if (problem.isPresent()) {
                throw new UnsafePathException(root.resolve(String.join("/", components)), problem.get(), null);
            }
            path = path.resolve(component);
        }
        if (!path.startsWith(root) || path.equals(root)) {
            throw new UnsafePathException(path, "would leave the download folder " + root, null);
        }
        return path;
    }

    /**
     * Opens a file for reading.
     *
     * @param file a path from {@link #resolve}
     * @return the channel, or empty if the file (or a folder on the way) does not exist
     * @throws StorageException if a link is in the way or the file cannot be opened
     */
    Optional<FileChannel> openForRead(Path file) throws StorageException {
        if (!checkFolders(file, false)) {
            return Optional.empty();
        }
        try {
            checkNotLink(file);
            return Optional.of(FileChannel.open(file, READ));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw StorageException.classify(file, "open for reading", e);
        }
    }

    /**
     * Opens a file for reading and writing, creating it and the folders on the way.
     *
     * @param file a path from {@link #resolve}
     * @return the channel
     * @throws StorageException if a link is in the way or the file cannot be created or opened
     */
    FileChannel openForWrite(Path file) throws StorageException {
        return open(file, READ_WRITE, "open for writing");
    }

    /**
     * Opens a file for direct writes, which bypass the page cache ({@code O_DIRECT}); see
     * {@link DirectWrites}. Creates it and the folders on the way.
     *
     * @param file a path from {@link #resolve}
     * @return the channel
     * @throws StorageException if a link is in the way, or the file cannot be opened so, as on a file
     *     system without direct I/O
     */
    FileChannel openForDirectWrite(Path file) throws StorageException {
        return open(file, DIRECT_WRITE, "open for direct writing");
    }

    private FileChannel open(Path file, Set<OpenOption> options, String what) throws StorageException {
        checkFolders(file, true);
        try {
            checkNotLink(file);
            return FileChannel.open(file, options);
        } catch (IOException e) {
            throw StorageException.classify(file, what, e);
        }
    }

    /**
     * File status without following links.
     *
     * @param file a path from {@link #resolve}
     * @return its attributes, or empty if it does not exist
     * @throws StorageException if it cannot be inspected
     */
    Optional<BasicFileAttributes> attributes(Path file) throws StorageException {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw StorageException.classify(file, "inspect", e);
        }
    }

    /**
     * Walks the folders from the root down to the file's parent, creating them if asked, and refuses
     * any that is a link or not a folder.
     *
     * @return false if a folder is missing and {@code create} is false
     */
    private boolean checkFolders(Path file, boolean create) throws StorageException {
        Path folder = root;
        try {
            if (create) {
                Files.createDirectories(root);
            } else if (!Files.isDirectory(root)) {
                return false;
            }
            for (Path name : root.relativize(file.getParent())) {
                folder = folder.resolve(name);
                Optional<BasicFileAttributes> attributes = attributes(folder);
                if (attributes.isEmpty()) {
                    if (!create) {
                        return false;
                    }
                    try {
                        Files.createDirectory(folder);
                    } catch (FileAlreadyExistsException raced) {
                        // Someone made it between our look and our create; the next check inspects it.
                    }
                    attributes = attributes(folder);
                }
                if (attributes.isEmpty() || !attributes.get().isDirectory()) {
                    throw new UnsafePathException(folder, attributes.map(a -> a.isSymbolicLink()
                            ? "is a symbolic link; refusing to follow it out of the download folder"
                            : "is in the way: a folder is needed here").orElse("vanished"), null);
                }
            }
            Path realParent = file.getParent().toRealPath();
            if (!realParent.startsWith(root.toRealPath())) {
                throw new UnsafePathException(file, "resolves to " + realParent + ", outside the download folder", null);
            }
            return true;
        } catch (IOException e) {
            throw StorageException.classify(folder, "create folder", e);
        }
    }

    private void checkNotLink(Path file) throws StorageException {
        Optional<BasicFileAttributes> attributes = attributes(file);
        if (attributes.isPresent() && attributes.get().isSymbolicLink()) {
            throw new UnsafePathException(file, "is a symbolic link; refusing to follow it", null);
        }
        if (attributes.isPresent() && !attributes.get().isRegularFile()) {
            throw new UnsafePathException(file, "is not a regular file", null);
        }
    }
}
