package dev.eddy.torrent.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentBuilder;
import dev.eddy.torrent.tracker.ScrapeStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * One swarm on loopback for an interop test: a random single-file payload in a seed folder, its
 * torrent announcing to a real opentracker that whitelists it, fresh folders for the leechers, and
 * the byte-for-byte check of what they downloaded. Closing it closes every peer it was handed
 * (last first), then the tracker.
 */
final class SwarmFixture implements AutoCloseable {
    /** The payload's file name, in the seed folder and in every leecher's folder. */
    static final String FILE_NAME = "payload.bin";

    private final Path temp;
    private final Path seedFolder;
    private final Path torrent;
    private final Metainfo metainfo;
    private final OpenTracker tracker;
    private final Deque<AutoCloseable> peers = new ArrayDeque<>();

    private SwarmFixture(Path temp, Path seedFolder, Path torrent, Metainfo metainfo, OpenTracker tracker) {
        this.temp = temp;
        this.seedFolder = seedFolder;
        this.torrent = torrent;
        this.metainfo = metainfo;
        this.tracker = tracker;
    }

    /**
     * Writes {@code size} random bytes (from {@code seed}) under {@code temp}, starts opentracker
     * whitelisting their torrent, and writes the torrent with the tracker's HTTP announce URL.
     */
    static SwarmFixture create(Path temp, int size, int pieceLength, long seed) throws IOException {
        Path seedFolder = Files.createDirectories(temp.resolve("seed"));
        byte[] payload = new byte[size];
        new Random(seed).nextBytes(payload);
        Path file = Files.write(seedFolder.resolve(FILE_NAME), payload);
        // The info hash leaves out the announce URL, so the tracker can whitelist the torrent
        // before its port, and so the URL, is known.
        Metainfo untracked = TorrentBuilder.of(file).pieceLength(pieceLength).buildMetainfo();
        OpenTracker tracker = OpenTracker.start(List.of(untracked.infoHash()));
        Path torrent = temp.resolve("payload.torrent");
        Metainfo metainfo = TorrentBuilder.of(file).pieceLength(pieceLength)
                .trackerTier(tracker.httpAnnounce().toString()).writeTo(torrent);
        assertEquals(untracked.infoHash(), metainfo.infoHash());
        return new SwarmFixture(temp, seedFolder, torrent, metainfo, tracker);
    }

    /** The folder that holds the whole payload. */
    Path seedFolder() {
        return seedFolder;
    }

    /** The torrent file. */
    Path torrent() {
        return torrent;
    }

    /** The torrent. */
    Metainfo metainfo() {
        return metainfo;
    }

    /** A new, empty folder named {@code name} for a leecher. */
    Path folder(String name) throws IOException {
        return Files.createDirectory(temp.resolve(name));
    }

    /** Hands {@code peer} to the fixture, which closes it on {@link #close()}; returns it. */
    <T extends AutoCloseable> T track(T peer) {
        peers.push(peer);
        return peer;
    }

    /**
     * Waits until the tracker counts at least {@code seeders} seeders, so a leecher that announces
     * next is told about them.
     */
    ScrapeStats awaitSeeders(int seeders, Duration timeout) {
        return tracker.awaitCounts(metainfo.infoHash(), counts -> counts.seeders() >= seeders, timeout);
    }

    /** The tracker's counts for the torrent, once {@code until} holds for them. */
    ScrapeStats awaitCounts(Predicate<ScrapeStats> until, Duration timeout) {
        return tracker.awaitCounts(metainfo.infoHash(), until, timeout);
    }

    /** Fails unless {@code folder} holds the payload, byte for byte; {@code who} names the downloader. */
    void assertWhole(Path folder, String who) throws IOException {
        Path copy = folder.resolve(FILE_NAME);
        if (!Files.exists(copy)) {
            fail(who + " wrote no " + copy);
        }
        long mismatch = Files.mismatch(seedFolder.resolve(FILE_NAME), copy);
        if (mismatch != -1) {
            fail(who + "'s copy differs from the payload from byte " + mismatch + " (its size "
                    + Files.size(copy) + ", the payload's " + metainfo.totalLength() + ")");
        }
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!peers.isEmpty()) {
            try {
                peers.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        tracker.close();
        if (first != null) {
            throw first;
        }
    }
}
