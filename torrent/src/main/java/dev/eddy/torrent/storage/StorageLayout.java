package dev.eddy.torrent.storage;

import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where the bytes of each piece live: a torrent's data is its files laid end to end and cut into
 * pieces, so one piece may span several files, and a file of zero length holds no byte of any piece.
 */
public final class StorageLayout {
    private final List<TorrentFile> files;
    private final long[] starts;
    private final int pieceLength;
    private final long totalLength;
    private final int pieceCount;

    /**
     * Lays out files one after another.
     *
     * @param files the files in torrent order; their offsets must tile the data without gaps
     * @param pieceLength the size of every piece but the last
     */
    public StorageLayout(List<TorrentFile> files, int pieceLength) {
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("piece length must be positive: " + pieceLength);
        }
        this.files = List.copyOf(files);
        this.starts = new long[files.size()];
        long offset = 0;
        for (int i = 0; i < files.size(); i++) {
            TorrentFile file = files.get(i);
            if (file.offset() != offset) {
                throw new IllegalArgumentException("file " + i + " starts at " + file.offset() + ", not " + offset);
            }
            starts[i] = offset;
            offset += file.length();
        }
        this.pieceLength = pieceLength;
        this.totalLength = offset;
        long pieces = (totalLength + pieceLength - 1) / pieceLength;
        if (pieces > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many pieces: " + pieces);
        }
        this.pieceCount = (int) pieces;
    }

    /**
     * Lays out a torrent's files.
     *
     * @param metainfo the torrent
     * @return its layout
     */
    public static StorageLayout of(Metainfo metainfo) {
        return new StorageLayout(metainfo.files(), metainfo.pieceLength());
    }

    /** {@return the files, in torrent order} */
    public List<TorrentFile> files() {
        return files;
    }

    /** {@return the size of every piece but the last} */
    public int pieceLength() {
        return pieceLength;
    }

    /** {@return the size of all files together} */
    public long totalLength() {
        return totalLength;
    }

    /** {@return the number of pieces} */
    public int pieceCount() {
        return pieceCount;
    }

    /**
     * Returns a piece's size: the piece length, except for a shorter last piece.
     *
     * @param piece the piece index
     * @return its size in bytes
     */
    public int pieceSize(int piece) {
        Objects.checkIndex(piece, pieceCount);
        return (int) Math.min(pieceLength, totalLength - (long) piece * pieceLength);
    }

    /**
     * Checks a range within a piece and returns where it starts in the torrent's data.
     *
     * @param piece the piece
     * @param offset the offset within the piece
     * @param length the number of bytes
     * @return the torrent offset of the range's first byte
     * @throws IndexOutOfBoundsException if the range is not inside the piece
     */
    public long torrentOffset(int piece, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pieceSize(piece));
        return (long) piece * pieceLength + offset;
    }

    /**
     * Finds the file holding a byte. Zero-length files hold no byte, so they are never the answer.
     *
     * @param torrentOffset an offset into the torrent's data, below {@link #totalLength()}
     * @return the index of the file that holds it
     */
    public int fileAt(long torrentOffset) {
        Objects.checkIndex(torrentOffset, totalLength);
        int found = Arrays.binarySearch(starts, torrentOffset);
        if (found < 0) {
            return -found - 2;
        }
        // Several files start here when some are empty; the last of them is the one with data.
        while (found + 1 < starts.length && starts[found + 1] == torrentOffset) {
            found++;
        }
        return found;
    }

    /**
     * Returns the range of files a piece touches, empty files inside it included.
     *
     * @param piece the piece
     * @return {@code {first, last}} file indices, inclusive
     */
    public int[] filesOfPiece(int piece) {
        long start = torrentOffset(piece, 0, 0);
        int first = fileAt(start);
        int last = fileAt(start + pieceSize(piece) - 1);
        return new int[] {first, last};
    }

    /**
     * Maps a range within a piece onto the files that hold it. Allocates a list; the storage's own
     * read and write paths walk the files without it.
     *
     * @param piece the piece
     * @param offset the offset within the piece
     * @param length the number of bytes
     * @return the file slices, in order, none of zero length
     */
    public List<FileSlice> slices(int piece, int offset, int length) {
        long position = torrentOffset(piece, offset, length);
        List<FileSlice> slices = new ArrayList<>();
        int file = length == 0 ? 0 : fileAt(position);
        int done = 0;
        while (done < length) {
            TorrentFile f = files.get(file);
            long inFile = position + done - f.offset();
            int take = (int) Math.min(length - done, f.length() - inFile);
            if (take > 0) {
                slices.add(new FileSlice(file, inFile, take));
                done += take;
            }
            file++;
        }
        return slices;
    }
}
