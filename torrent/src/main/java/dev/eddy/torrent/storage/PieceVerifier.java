package dev.eddy.torrent.storage;

import dev.eddy.torrent.metainfo.PieceHashes;
import dev.eddy.torrent.metainfo.Sha1;
import dev.eddy.torrent.metainfo.Sha1Hasher;
import dev.eddy.torrent.metainfo.TorrentFile;
import dev.eddy.torrent.pieces.Bitfield;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Checks data on disk against the torrent's piece hashes: the recheck, and the basis of resume.
 *
 * <p>It keeps one {@linkplain Sha1#newHasher() hasher}, one 20-byte result array and one direct
 * read buffer, so hashing a piece allocates nothing. A full recheck reads several pieces per system
 * call where it can, since large reads from the page cache are what let the hash run at full speed.
 * The read buffer (up to 256 KiB) is made at the first read from disk and can be let go with
 * {@link #releaseReadBuffer()}: a running torrent only hashes pieces already in memory, and a client
 * seeding many torrents would otherwise hold one such buffer per torrent.
 *
 * <p>Not thread-safe: one thread at a time may use it (a running torrent's verifier is used by the
 * loop thread, for the start-up check and then for each piece that completes); another thread
 * checks pieces with {@link #verify(int, ByteBuffer, Sha1Hasher)} and a hasher of its own.
 */
public final class PieceVerifier {
    /**
     * The most the verifier reads in one go: large enough that system calls cost little, small
     * enough that the data is still in the CPU's L2 cache when the hash reaches it (measured with
     * bench/verify.sh: 256 KiB beat 1 and 4 MiB by about 10%).
     */
    static final int READ_SIZE = 256 << 10;

    private final Storage storage;
    private final PieceHashes hashes;
    private final Sha1Hasher sha1 = Sha1.newHasher();
    private final byte[] digest = new byte[PieceHashes.HASH_LENGTH];
    private final int readBufferSize;
    private final int piecesPerRead;
    private ByteBuffer buffer;

    /**
     * Creates a verifier.
     *
     * @param storage the files to check
     * @param hashes the expected hashes, one per piece of the storage's layout
     */
    public PieceVerifier(Storage storage, PieceHashes hashes) {
        if (hashes.count() != storage.layout().pieceCount()) {
            throw new IllegalArgumentException(hashes.count() + " hashes for " + storage.layout().pieceCount() + " pieces");
        }
        this.storage = storage;
        this.hashes = hashes;
        int pieceLength = storage.layout().pieceLength();
        this.piecesPerRead = Math.max(1, READ_SIZE / pieceLength);
        long wanted = piecesPerRead > 1 ? (long) piecesPerRead * pieceLength : Math.min(pieceLength, READ_SIZE);
        this.readBufferSize = (int) Math.max(1, Math.min(wanted, storage.layout().totalLength()));
    }

    /**
     * Lets go of the direct read buffer until the next read from disk needs it again; the memory
     * returns when the garbage collector finds the buffer unreachable.
     */
    public void releaseReadBuffer() {
        buffer = null;
    }

    private ByteBuffer readBuffer() {
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(readBufferSize);
        }
        return buffer;
    }

    /**
     * Checks one piece against its hash.
     *
     * @param piece the piece
     * @return whether its data is all on disk and hashes right
     * @throws StorageException if reading fails for a reason other than missing data
     */
    public boolean verify(int piece) throws StorageException {
        int size = storage.layout().pieceSize(piece);
        for (int offset = 0; offset < size; ) {
            ByteBuffer buffer = readBuffer();
            int chunk = Math.min(buffer.capacity(), size - offset);
            buffer.clear().limit(chunk);
            if (!storage.readIfPresent(piece, offset, buffer)) {
                sha1.reset();
                return false;
            }
            sha1.update(buffer.flip());
            offset += chunk;
        }
        return finish(piece);
    }

    /**
     * Checks a piece whose data is already in memory, such as one just downloaded.
     *
     * @param piece the piece
     * @param data the whole piece, from position to limit; the position is left unchanged
     * @return whether it hashes right
     */
    public boolean verify(int piece, ByteBuffer data) {
        return verify(piece, data, sha1, digest);
    }

    /**
     * Checks a piece in memory with a hasher of the caller's own: this verifier's state is not
     * touched, so another thread may check pieces so while the verifier's owner goes on using it.
     *
     * @param piece the piece
     * @param data the whole piece, from position to limit; the position is left unchanged
     * @param with a hasher no other thread uses meanwhile
     * @return whether it hashes right
     */
    public boolean verify(int piece, ByteBuffer data, Sha1Hasher with) {
        return verify(piece, data, with, new byte[PieceHashes.HASH_LENGTH]);
    }

    private boolean verify(int piece, ByteBuffer data, Sha1Hasher with, byte[] into) {
        if (data.remaining() != storage.layout().pieceSize(piece)) {
            return false;
        }
        int position = data.position();
        with.update(data);
        data.position(position);
        return finish(piece, with, into);
    }

    /**
     * Checks every piece.
     *
     * @return the pieces whose data is on disk and correct; missing or short files just leave their
     *     pieces out
     * @throws StorageException if reading fails for a reason other than missing data
     */
    public Bitfield recheck() throws StorageException {
        return recheck(new Bitfield(storage.layout().pieceCount()));
    }

    /**
     * Checks every piece except those already known good.
     *
     * @param known pieces trusted without hashing, for instance because a resume file vouches for
     *     them and their files are unchanged
     * @return the known pieces plus those that hash right now
     * @throws StorageException if reading fails for a reason other than missing data
     */
    public Bitfield recheck(Bitfield known) throws StorageException {
        return recheck(known, Long.MAX_VALUE, () -> { });
    }

    /**
     * Like {@link #recheck(Bitfield)}, but calls {@code betweenSlices} each time about
     * {@code sliceBytes} more have been hashed, so a caller on an event loop can let other work run
     * (for instance by yielding its task there).
     *
     * @param known pieces trusted without hashing
     * @param sliceBytes how many bytes to hash between two calls of {@code betweenSlices}
     * @param betweenSlices what to do between slices
     * @return the known pieces plus those that hash right now
     * @throws StorageException if reading fails for a reason other than missing data
     */
    public Bitfield recheck(Bitfield known, long sliceBytes, Runnable betweenSlices) throws StorageException {
        StorageLayout layout = storage.layout();
        Bitfield verified = known.copy();
        // Pieces known good, or touching a file that is not there at all, are not read: a new
        // download would otherwise try, and fail, to open its files once per piece.
        Bitfield skip = known.copy();
        skipPiecesOfMissingFiles(skip);
        long hashedInSlice = 0;
        int piece = 0;
        while (piece < layout.pieceCount()) {
            if (skip.get(piece)) {
                piece++;
                continue;
            }
            int run = 1;
            while (run < piecesPerRead && piece + run < layout.pieceCount() && !skip.get(piece + run)) {
                run++;
            }
            if (run == 1 || !readRun(piece, run)) {
                // One piece, or a run with data missing somewhere: piece by piece, in chunks.
                for (int p = piece; p < piece + run; p++) {
                    if (verify(p)) {
                        verified.set(p);
                    }
                }
            } else {
                hashRun(piece, run, verified);
            }
            for (int p = piece; p < piece + run; p++) {
                hashedInSlice += layout.pieceSize(p);
            }
            piece += run;
            if (hashedInSlice >= sliceBytes) {
                hashedInSlice = 0;
                betweenSlices.run();
            }
        }
        return verified;
    }

    /**
     * Recheck with a resume file: pieces it vouches for are trusted only if every file they touch
     * has the size and modification time the resume file recorded; everything else is hashed.
     *
     * @param resume what the last run recorded, if anything
     * @return the verified pieces
     * @throws StorageException if reading fails for a reason other than missing data
     */
    public Bitfield recheck(Optional<ResumeData> resume) throws StorageException {
        Bitfield trusted = new Bitfield(storage.layout().pieceCount());
        if (resume.isPresent()) {
            trusted = resume.get().trustedPieces(storage);
        }
        return recheck(trusted);
    }

    /** Adds to {@code skip} every piece that touches a file with data that does not exist. */
    private void skipPiecesOfMissingFiles(Bitfield skip) throws StorageException {
        StorageLayout layout = storage.layout();
        boolean[] missing = new boolean[layout.files().size()];
        boolean any = false;
        for (int file = 0; file < missing.length; file++) {
            TorrentFile f = layout.files().get(file);
            missing[file] = f.length() > 0 && !f.padding() && storage.stamp(file).isEmpty();
            any |= missing[file];
        }
        if (!any) {
            return;
        }
        for (int piece = 0; piece < layout.pieceCount(); piece++) {
            int[] files = layout.filesOfPiece(piece);
            for (int file = files[0]; file <= files[1]; file++) {
                if (missing[file]) {
                    skip.set(piece);
                    break;
                }
            }
        }
    }

    /** Reads a run of whole pieces, which fits the buffer by construction, in one go. */
    private boolean readRun(int first, int run) throws StorageException {
        StorageLayout layout = storage.layout();
        long start = (long) first * layout.pieceLength();
        ByteBuffer buffer = readBuffer();
        buffer.clear().limit((int) Math.min((long) run * layout.pieceLength(), layout.totalLength() - start));
        return storage.readRangeIfPresent(start, buffer);
    }

    private void hashRun(int first, int run, Bitfield verified) {
        int pieceLength = storage.layout().pieceLength();
        ByteBuffer buffer = readBuffer();
        for (int i = 0; i < run; i++) {
            int start = i * pieceLength;
            buffer.limit(start + storage.layout().pieceSize(first + i)).position(start);
            sha1.update(buffer);
            if (finish(first + i)) {
                verified.set(first + i);
            }
        }
    }

    private boolean finish(int piece) {
        return finish(piece, sha1, digest);
    }

    /** Ends the hash of what {@code with} was fed and compares it with the piece's. */
    private boolean finish(int piece, Sha1Hasher with, byte[] into) {
        with.digest(into);
        return hashes.matches(piece, into);
    }
}
