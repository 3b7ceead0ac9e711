package dev.eddy.torrent.storage;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.pieces.Bitfield;
import java.nio.file.Path;
import java.util.List;

/**
 * A resume file saved in two halves, so that the slow half can leave the storage's thread:
 * {@link #begin} notes, on the storage's thread, the verified pieces and the files written since the
 * last sync; {@link #save} then, on any thread, syncs those files through channels of its own, reads
 * the stamps, and writes the resume file. As with {@link ResumeData#capture}, the file never vouches
 * for a piece that is not on the disk. If saving fails, {@link #abandon} (on the storage's thread
 * again) gives the files back so that the next save syncs them.
 */
public final class ResumeCapture {
    private final InfoHash infoHash;
    private final Storage storage;
    private final Bitfield verified;
    private final List<Integer> toSync;

    private ResumeCapture(InfoHash infoHash, Storage storage, Bitfield verified, List<Integer> toSync) {
        this.infoHash = infoHash;
        this.storage = storage;
        this.verified = verified;
        this.toSync = toSync;
    }

    /**
     * Notes what to save, on the storage's thread.
     *
     * @param infoHash the torrent
     * @param storage its files
     * @param verified the pieces verified and already written to the storage
     * @return the capture, to {@link #save} anywhere
     */
    public static ResumeCapture begin(InfoHash infoHash, Storage storage, Bitfield verified) {
        return new ResumeCapture(infoHash, storage, verified.copy(), storage.takeUnsynced());
    }

    /**
     * Syncs the files, then stamps them and writes the resume file atomically; it blocks for as long
     * as the disk takes, and may run on any thread.
     *
     * @param file where the resume file goes
     * @return what was written
     * @throws StorageException if a sync, an inspection or the write fails
     */
    public ResumeData save(Path file) throws StorageException {
        storage.syncSeparately(toSync);
        ResumeData data = ResumeData.stamped(infoHash, storage, verified);
        data.write(file);
        return data;
    }

    /** After a failed {@link #save}, on the storage's thread: the next sync or capture covers these files again. */
    public void abandon() {
        storage.markUnsynced(toSync);
    }
}
