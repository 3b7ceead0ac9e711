package dev.eddy.torrent.metainfo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@code .torrent} file says: the content (name, files, pieces) and where to find peers.
 *
 * <p>Only {@link #parse(byte[])} and {@link #read(Path)} make a Metainfo from outside data, and they
 * validate everything first, so a Metainfo in hand is always consistent: the files tile the data
 * without gaps, the piece count matches the total length, and every path component is safe.
 *
 * @param infoHash the SHA-1 of {@link #infoBytes()}, exactly as they appear in the file
 * @param name the suggested name of the file or top folder ({@code name.utf-8} when present)
 * @param pieceLength the size of every piece but the last
 * @param pieceHashes the expected SHA-1 of every piece
 * @param totalLength the sum of all file lengths, padding files included
 * @param files the files in order, with their offsets into the concatenated data
 * @param multiFile whether the info dictionary has a {@code files} list (the files then live in a
 *     folder named {@link #name()})
 * @param announce the {@code announce} tracker URL, if any
 * @param announceList the BEP 12 {@code announce-list} tiers, empty tiers dropped
 * @param isPrivate the BEP 27 private flag: peers only from the torrent's trackers
 * @param creationDate the {@code creation date}, if any
 * @param comment the {@code comment}, if any
 * @param createdBy the {@code created by}, if any
 * @param urlList the BEP 19 web seed URLs
 * @param infoBytes the exact bencoded bytes of the info dictionary; the accessor returns a copy
 */
public record Metainfo(
        InfoHash infoHash,
        String name,
        int pieceLength,
        PieceHashes pieceHashes,
        long totalLength,
        List<TorrentFile> files,
        boolean multiFile,
        Optional<String> announce,
        List<List<String>> announceList,
        boolean isPrivate,
        Optional<Instant> creationDate,
        Optional<String> comment,
        Optional<String> createdBy,
        List<String> urlList,
        byte[] infoBytes) {

    /**
     * Copies the collections and the info bytes, so the record stays immutable.
     *
     * @param infoHash the info hash
     * @param name the name
     * @param pieceLength the piece length
     * @param pieceHashes the piece hashes
     * @param totalLength the total length
     * @param files the files
     * @param multiFile whether it is a multi-file torrent
     * @param announce the announce URL
     * @param announceList the tracker tiers
     * @param isPrivate the private flag
     * @param creationDate the creation date
     * @param comment the comment
     * @param createdBy the creating program
     * @param urlList the web seeds
     * @param infoBytes the raw info dictionary
     */
    public Metainfo {
        Objects.requireNonNull(infoHash);
        Objects.requireNonNull(name);
        Objects.requireNonNull(pieceHashes);
        files = List.copyOf(files);
        announceList = announceList.stream().map(List::copyOf).toList();
        urlList = List.copyOf(urlList);
        infoBytes = infoBytes.clone();
    }

    /**
     * Parses and validates a {@code .torrent} file's bytes.
     *
     * @param torrent the whole file
     * @return the validated metainfo
     * @throws InvalidTorrentException if the file is malformed, inconsistent or hostile
     */
    public static Metainfo parse(byte[] torrent) throws InvalidTorrentException {
        return MetainfoParser.parse(torrent);
    }

    /**
     * Reads and validates a {@code .torrent} file, refusing files over
     * {@link MetainfoParser#MAX_TORRENT_BYTES} before reading them.
     *
     * @param file the file to read
     * @return the validated metainfo
     * @throws IOException if the file cannot be read
     * @throws InvalidTorrentException if the file is malformed, inconsistent or hostile
     */
    public static Metainfo read(Path file) throws IOException, InvalidTorrentException {
        return MetainfoParser.read(file);
    }

    /** {@return the raw info dictionary (a copy)} */
    @Override
    public byte[] infoBytes() {
        return infoBytes.clone();
    }

    /** {@return how many pieces the torrent has} */
    public int pieceCount() {
        return pieceHashes.count();
    }

    /**
     * Returns the size of one piece: the piece length, except for a shorter last piece.
     *
     * @param piece the piece index
     * @return its size in bytes
     */
    public int pieceSize(int piece) {
        Objects.checkIndex(piece, pieceCount());
        return (int) Math.min(pieceLength, totalLength - (long) piece * pieceLength);
    }

    /**
     * The tracker tiers to use: the announce-list when present (BEP 12 says it then replaces
     * announce), otherwise a single tier holding announce, otherwise none.
     *
     * @return the tiers, in order of preference
     */
    public List<List<String>> trackerTiers() {
        if (!announceList.isEmpty()) {
            return announceList;
        }
        return announce.map(url -> List.of(List.of(url))).orElse(List.of());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Metainfo that
                && infoHash.equals(that.infoHash)
                && name.equals(that.name)
                && announce.equals(that.announce)
                && announceList.equals(that.announceList)
                && creationDate.equals(that.creationDate)
                && comment.equals(that.comment)
                && createdBy.equals(that.createdBy)
                && urlList.equals(that.urlList);
    }

    @Override
    public int hashCode() {
        return infoHash.hashCode();
    }

    @Override
    public String toString() {
        return "Metainfo[" + infoHash + " \"" + name + "\", " + files.size() + " files, " + totalLength
                + " bytes, " + pieceCount() + " pieces of " + pieceLength + "]";
    }
}
