package dev.eddy.torrent.storage;

import com.sun.nio.file.ExtendedOpenOption;
import dev.eddy.torrent.metainfo.PieceHashes;
import dev.eddy.torrent.metainfo.Sha1;
import dev.eddy.torrent.metainfo.Sha1Hasher;
import dev.eddy.torrent.metainfo.TorrentFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: layouts from file sizes, and the piece hashes of some data. */
final class Layouts {
    private Layouts() {
    }

    /** Files named f0, f1... in a folder "t"; a negative size marks a padding file of that size. */
    static StorageLayout of(int pieceLength, long... sizes) {
        List<TorrentFile> files = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            long size = Math.abs(sizes[i]);
            boolean padding = sizes[i] < 0;
            files.add(new TorrentFile(padding ? List.of("t", ".pad", "p" + i) : List.of("t", "f" + i), size, offset, padding));
            offset += size;
        }
        return new StorageLayout(files, pieceLength);
    }

    static PieceHashes hashes(byte[] data, int pieceLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Sha1Hasher sha1 = Sha1.newHasher();
        byte[] hash = new byte[PieceHashes.HASH_LENGTH];
        for (int from = 0; from < data.length; from += pieceLength) {
            sha1.update(ByteBuffer.wrap(data, from, Math.min(pieceLength, data.length - from)));
            sha1.digest(hash);
            out.writeBytes(hash);
        }
        return PieceHashes.of(out.toByteArray());
    }

    /**
     * Whether a folder is on a file system that takes the direct writes {@link DirectWrites} makes
     * ({@code O_DIRECT}, 4 KiB aligned): tmpfs refuses the open, a file system with larger blocks
     * the write.
     */
    static boolean directIoWorksIn(Path folder) throws IOException {
        Path probe = Files.createTempFile(folder, "probe", "");
        try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)) {
            channel.write(DirectWrites.allocate(DirectWrites.ALIGNMENT), 0);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            Files.delete(probe);
        }
    }
}
