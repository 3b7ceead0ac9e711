package dev.eddy.torrent.storage;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentFile;
import dev.eddy.torrent.pieces.Bitfield;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * What a run knew when it stopped: which pieces were verified, and what each file looked like on
 * disk at that moment. A later run trusts a piece without hashing it only if every file the piece
 * touches still looks the same.
 *
 * <p>The file format is binary and self-checking: a magic string, the info hash, the piece count and
 * bitfield, the file count and one size and modification time per file (-1 for a missing file), and
 * a CRC-32C of all of that. Anything that does not match exactly is ignored, which means a full
 * recheck: never a wrong answer.
 *
 * @param infoHash the torrent it belongs to
 * @param verified the pieces verified and written when it was captured
 * @param files each file's stamp at that time, or empty where the file did not exist
 */
public record ResumeData(InfoHash infoHash, Bitfield verified, List<Optional<FileStamp>> files) {
    private static final byte[] MAGIC = {'E', 'D', 'D', 'Y', 'R', 'S', 'M', '1'};
    private static final long MISSING = -1;

    /**
     * Copies the bitfield and the list.
     *
     * @param infoHash the torrent
     * @param verified the verified pieces
     * @param files the file stamps
     */
    public ResumeData {
        verified = verified.copy();
        files = List.copyOf(files);
    }

    /** {@return a copy of the verified pieces} */
    @Override
    public Bitfield verified() {
        return verified.copy();
    }

    /**
     * Records the verified pieces of a torrent. It first syncs the storage, then reads the file
     * stamps, so the stamps describe data that is on the disk, and a piece written after this call
     * changes a stamp and so withdraws the trust.
     *
     * @param infoHash the torrent
     * @param storage its files
     * @param verified the pieces verified and already written to the storage
     * @return the data to save
     * @throws StorageException if syncing or inspecting a file fails
     */
    public static ResumeData capture(InfoHash infoHash, Storage storage, Bitfield verified) throws StorageException {
        storage.flush();
        return stamped(infoHash, storage, verified);
    }

    /** The verified pieces with the files' stamps as they are now; safe on any thread (see {@link Storage#stamp}). */
    static ResumeData stamped(InfoHash infoHash, Storage storage, Bitfield verified) throws StorageException {
        List<Optional<FileStamp>> stamps = new ArrayList<>();
        for (int file = 0; file < storage.layout().files().size(); file++) {
            stamps.add(storage.stamp(file));
        }
        return new ResumeData(infoHash, verified, stamps);
    }

    /**
     * The conventional place of a torrent's resume file: a hidden file in the download folder,
     * named after the info hash.
     *
     * @param root the download folder
     * @param infoHash the torrent
     * @return the path
     */
    public static Path defaultPath(Path root, InfoHash infoHash) {
        return root.resolve(".eddy-" + infoHash.hex() + ".resume");
    }

    /**
     * Decides which pieces to trust without hashing: those this data vouches for whose files all
     * still have the recorded stamp. Padding files are never on disk, so they never disqualify.
     *
     * @param storage the files as they are now
     * @return the trusted pieces, possibly none
     * @throws StorageException if a file cannot be inspected
     */
    public Bitfield trustedPieces(Storage storage) throws StorageException {
        StorageLayout layout = storage.layout();
        Bitfield trusted = new Bitfield(layout.pieceCount());
        if (verified.size() != layout.pieceCount() || files.size() != layout.files().size()) {
            return trusted;
        }
        boolean[] unchanged = new boolean[files.size()];
        for (int file = 0; file < files.size(); file++) {
            TorrentFile f = layout.files().get(file);
            unchanged[file] = f.padding() || f.length() == 0
                    || files.get(file).isPresent() && files.get(file).equals(storage.stamp(file))
                    && files.get(file).get().size() >= f.length();
        }
        for (int piece = verified.nextSetBit(0); piece >= 0; piece = nextPiece(piece)) {
            int[] range = layout.filesOfPiece(piece);
            boolean trust = true;
            for (int file = range[0]; file <= range[1] && trust; file++) {
                trust = unchanged[file];
            }
            if (trust) {
                trusted.set(piece);
            }
        }
        return trusted;
    }

    private int nextPiece(int piece) {
        return piece + 1 < verified.size() ? verified.nextSetBit(piece + 1) : -1;
    }

    private static long encodedLength(int pieces, int fileCount) {
        return MAGIC.length + InfoHash.LENGTH + 4L + Bitfield.byteLength(pieces) + 4 + 16L * fileCount + 4;
    }

    /** {@return the binary form described above} */
    public byte[] encode() {
        byte[] bits = verified.toBytes();
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + InfoHash.LENGTH + 4 + bits.length + 4 + 16 * files.size() + 4);
        out.put(MAGIC).put(infoHash.bytes()).putInt(verified.size()).put(bits).putInt(files.size());
        for (Optional<FileStamp> stamp : files) {
            out.putLong(stamp.map(FileStamp::size).orElse(MISSING));
            out.putLong(stamp.map(FileStamp::modifiedNanos).orElse(0L));
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /**
     * Decodes the binary form, accepting it only if it is intact and belongs to this torrent.
     *
     * @param data the bytes of a resume file
     * @param metainfo the torrent it should belong to
     * @return the data, or empty if it is damaged or for another torrent
     */
    public static Optional<ResumeData> decode(byte[] data, Metainfo metainfo) {
        int pieces = metainfo.pieceCount();
        int fileCount = metainfo.files().size();
        int bitBytes = Bitfield.byteLength(pieces);
        if (data.length != encodedLength(pieces, fileCount)) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length - 4);
        if ((int) crc.getValue() != in.getInt(data.length - 4)) {
            return Optional.empty();
        }
        byte[] magic = new byte[MAGIC.length];
        byte[] hash = new byte[InfoHash.LENGTH];
        in.get(magic).get(hash);
        if (!Arrays.equals(magic, MAGIC) || !new InfoHash(hash).equals(metainfo.infoHash())
                || in.getInt() != pieces) {
            return Optional.empty();
        }
        byte[] bits = new byte[bitBytes];
        in.get(bits);
        Bitfield verified;
        try {
            verified = Bitfield.fromBytes(bits, pieces);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (in.getInt() != fileCount) {
            return Optional.empty();
        }
        List<Optional<FileStamp>> stamps = new ArrayList<>(fileCount);
        for (int i = 0; i < fileCount; i++) {
            long size = in.getLong();
            long modified = in.getLong();
            stamps.add(size == MISSING ? Optional.empty() : Optional.of(new FileStamp(size, modified)));
        }
        return Optional.of(new ResumeData(metainfo.infoHash(), verified, stamps));
    }

    /**
     * Writes the resume file atomically: to a temporary file beside it, synced, then renamed over
     * the old one, and the folder synced. A kill at any moment leaves either the old file or the new
     * one, never a mixture.
     *
     * @param file where the resume file goes
     * @throws StorageException naming the file, if writing fails
     */
    public void write(Path file) throws StorageException {
        Path folder = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(encode());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            throw StorageException.classify(file, "write the resume file", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The rename did not happen, so the old resume file stands; a stray temp file is harmless.
                }
            }
        }
    }

    /**
     * Reads a resume file, if there is a usable one.
     *
     * @param file the resume file
     * @param metainfo the torrent it should belong to
     * @return the data, or empty if the file is missing, damaged or for another torrent
     * @throws StorageException if the file exists but cannot be read
     */
    public static Optional<ResumeData> read(Path file, Metainfo metainfo) throws StorageException {
        try {
            if (Files.size(file) != encodedLength(metainfo.pieceCount(), metainfo.files().size())) {
                return Optional.empty();
            }
            return decode(Files.readAllBytes(file), metainfo);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw StorageException.classify(file, "read the resume file", e);
        }
    }
}
