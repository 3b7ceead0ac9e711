package dev.eddy.torrent.metainfo;

import java.util.List;

/**
 * One file of a torrent, in the order the info dictionary lists them.
 *
 * @param path the path components below the download folder; the first is the torrent's name in a
 *     multi-file torrent, and the only one in a single-file torrent
 * @param length the file's size in bytes, possibly zero
 * @param offset where the file starts within the torrent's concatenated data
 * @param padding whether this is a BEP 47 padding file: zeros that are never written to disk
 */
public record TorrentFile(List<String> path, long length, long offset, boolean padding) {
    /**
     * Copies the path and checks the numbers.
     *
     * @param path the path components
     * @param length the size
     * @param offset the start within the torrent's data
     * @param padding whether it is a padding file
     */
    public TorrentFile {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a file needs at least one path component");
        }
        if (length < 0 || offset < 0) {
            throw new IllegalArgumentException("negative length or offset");
        }
    }

    /** {@return the offset just past the file's last byte within the torrent's data} */
    public long end() {
        return offset + length;
    }

    /** {@return the path with '/' between components, for messages and comparisons} */
    public String displayPath() {
        return String.join("/", path);
    }
}
