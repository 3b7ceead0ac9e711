package dev.eddy.cli;

import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentFile;
import dev.eddy.torrent.pieces.Bitfield;
import dev.eddy.torrent.storage.FileSlice;
import dev.eddy.torrent.storage.FileStamp;
import dev.eddy.torrent.storage.PieceVerifier;
import dev.eddy.torrent.storage.Storage;
import dev.eddy.torrent.storage.StorageLayout;
import dev.eddy.torrent.storage.StorageOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is on disk of a torrent: each piece verified, missing (some of its bytes are not there:
 * a file is absent or too short) or bad (all there, but the hash is wrong), and each file's share of
 * verified bytes.
 *
 * @param verified pieces whose data is there and hashes right
 * @param missing pieces with bytes not on disk
 * @param bad pieces whose bytes are all there but hash wrong
 * @param files every file but padding files, in torrent order
 */
record DataCheck(Bitfield verified, Bitfield missing, Bitfield bad, List<FileState> files) {
    /**
     * One file's state.
     *
     * @param path the path below the data folder, with '/' between components
     * @param size the size the torrent gives it
     * @param verifiedBytes how many of its bytes lie in verified pieces
     * @param present whether it exists on disk
     */
    record FileState(String path, long size, long verifiedBytes, boolean present) {
        /** {@return whether the file exists and every byte of it is verified} */
        boolean complete() {
            return present && verifiedBytes == size;
        }
    }

    /** {@return whether every piece is verified and every file, empty ones too, exists} */
    boolean complete() {
        return verified.isComplete() && files.stream().allMatch(FileState::complete);
    }

    /**
     * Reads and hashes every piece. Blocking: run it off the loop thread.
     *
     * @param metainfo the torrent
     * @param dataPath the folder that holds the torrent's content
     * @return what is there
     * @throws IOException if reading fails for another reason than missing data, or a path is unsafe
     */
    static DataCheck of(Metainfo metainfo, Path dataPath) throws IOException {
        try (Storage storage = new Storage(metainfo, dataPath, StorageOptions.DEFAULTS)) {
            StorageLayout layout = storage.layout();
            List<TorrentFile> torrentFiles = layout.files();
            List<Optional<FileStamp>> stamps = new ArrayList<>(torrentFiles.size());
            for (int file = 0; file < torrentFiles.size(); file++) {
                stamps.add(torrentFiles.get(file).padding() ? Optional.empty() : storage.stamp(file));
            }
            Bitfield verified = new PieceVerifier(storage, metainfo.pieceHashes()).recheck();
            Bitfield missing = new Bitfield(layout.pieceCount());
            Bitfield bad = new Bitfield(layout.pieceCount());
            for (int piece = 0; piece < layout.pieceCount(); piece++) {
                if (!verified.get(piece)) {
                    (lacksBytes(layout, stamps, piece) ? missing : bad).set(piece);
                }
            }
            List<FileState> files = new ArrayList<>();
            for (int file = 0; file < torrentFiles.size(); file++) {
                TorrentFile f = torrentFiles.get(file);
                if (!f.padding()) {
                    files.add(new FileState(f.displayPath(), f.length(), verifiedBytes(f, verified, layout.pieceLength()),
                            stamps.get(file).isPresent()));
                }
            }
            return new DataCheck(verified, missing, bad, files);
        }
    }

    private static boolean lacksBytes(StorageLayout layout, List<Optional<FileStamp>> stamps, int piece) {
        for (FileSlice slice : layout.slices(piece, 0, layout.pieceSize(piece))) {
            if (layout.files().get(slice.fileIndex()).padding()) {
                continue;
            }
            Optional<FileStamp> stamp = stamps.get(slice.fileIndex());
            if (stamp.isEmpty() || stamp.get().size() < slice.fileOffset() + slice.length()) {
                return true;
            }
        }
        return false;
    }

    private static long verifiedBytes(TorrentFile file, Bitfield verified, int pieceLength) {
        if (file.length() == 0) {
            return 0;
        }
        long bytes = 0;
        for (long piece = file.offset() / pieceLength; piece <= (file.end() - 1) / pieceLength; piece++) {
            if (verified.get((int) piece)) {
                long start = Math.max(file.offset(), piece * pieceLength);
                long end = Math.min(file.end(), (piece + 1) * pieceLength);
                bytes += end - start;
            }
        }
        return bytes;
    }
}
