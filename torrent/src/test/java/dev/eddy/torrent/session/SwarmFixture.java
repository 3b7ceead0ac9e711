package dev.eddy.torrent.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Task;
import dev.eddy.loop.VoidCoroutine;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentBuilder;
import dev.eddy.torrent.metainfo.TorrentFile;
import dev.eddy.torrent.peer.PeerAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Payloads, torrents and clients for in-process swarms on loopback. */
final class SwarmFixture {
    static final int PIECE = 32 << 10;

    private SwarmFixture() {}

    /** Random bytes from a seed, so every run uses the same payload. */
    static byte[] payload(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Writes {@code data} as {@code dir/name} and makes a single-file torrent of it. */
    static Metainfo singleFile(Path dir, String name, byte[] data, int pieceLength, String... trackers) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.write(file, data);
            TorrentBuilder builder = TorrentBuilder.of(file).pieceLength(pieceLength);
            if (trackers.length > 0) {
                builder.trackerTier(trackers);
            }
            return builder.buildMetainfo();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a client listening on 127.0.0.1, on a free port. */
    static Client client(EventLoop loop) {
        return client(loop, "127.0.0.1", ClientOptions.DEFAULTS);
    }

    /**
     * Starts a client for a loop on a {@link dev.eddy.loop.VirtualClock}: it hashes and writes pieces
     * on the loop thread, since work on a disk thread takes real time that a virtual clock would jump
     * over (firing request timeouts meanwhile).
     */
    static Client virtualTimeClient(EventLoop loop) {
        return client(loop, "127.0.0.1", ClientOptions.DEFAULTS.withDiskThread(false));
    }

    /** Starts a client listening on a loopback address, on a free port. */
    static Client client(EventLoop loop, String host, ClientOptions options) {
        return Client.start(loop, options.withListen(host, 0)).await();
    }

    /** Starts a client on 127.0.0.1 that seeds {@code metainfo} from {@code dir}. */
    static Client seeder(EventLoop loop, Metainfo metainfo, Path dir) {
        Client seeder = client(loop);
        seeder.addTorrent(metainfo, dir, TorrentOptions.DEFAULTS);
        return seeder;
    }

    /** Where a client accepts peers. */
    static PeerAddress address(Client client) {
        String host = client.options().listenHost() == null ? "127.0.0.1" : client.options().listenHost();
        try {
            return new PeerAddress(InetAddress.getByName(host), client.listenPort());
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs a test body as a task on a fresh loop with the system clock, and closes the loop. */
    static void run(VoidCoroutine body) {
        try (EventLoop loop = new EventLoop()) {
            Task<Void> task = loop.createTask(body);
            loop.runUntilComplete(task);
        }
    }

    /** Compares every file of a torrent under {@code downloadDir} with the one under {@code originalDir}. */
    static void assertSameFiles(Metainfo metainfo, Path originalDir, Path downloadDir) {
        for (TorrentFile file : metainfo.files()) {
            if (file.padding()) {
                continue;
            }
            Path relative = Path.of("", file.path().toArray(String[]::new));
            try {
                assertArrayEquals(Files.readAllBytes(originalDir.resolve(relative)),
                        Files.readAllBytes(downloadDir.resolve(relative)), "contents of " + relative);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
