package dev.eddy.cli;

import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentBuilder;
import dev.eddy.torrent.session.Client;
import dev.eddy.torrent.session.ClientOptions;
import dev.eddy.torrent.session.TorrentOptions;
import dev.eddy.torrent.tracker.server.TrackerServer;
import dev.eddy.torrent.tracker.server.TrackerServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Peers for the commands under test to talk to: Eddy's tracker and Eddy seeders on a loop of their
 * own, in a thread of the test JVM, on loopback. The command under test runs elsewhere (the test
 * thread, or a subprocess), so it meets them over real sockets.
 */
final class TestSwarm implements AutoCloseable {
    private final EventLoop loop = new EventLoop();
    private final Thread thread = Thread.ofPlatform().name("test swarm").daemon().start(loop::runForever);
    private final List<Client> seeders = new ArrayList<>();
    private TrackerServer tracker;

    /** Starts Eddy's tracker on free loopback ports; {@return its HTTP announce URL} */
    String startTracker() {
        tracker = onLoop(() -> TrackerServer.start(loop, TrackerServerOptions.loopback()).await());
        return "http://127.0.0.1:" + tracker.httpPort() + "/announce";
    }

    /**
     * Starts a seeder of complete data.
     *
     * @param metainfo the torrent
     * @param dataPath the folder holding its content
     * @return the seeder's port
     */
    int seed(Metainfo metainfo, Path dataPath) {
        return onLoop(() -> {
            Client client = Client.start(loop, ClientOptions.DEFAULTS.withListen("127.0.0.1", 0)).await();
            seeders.add(client);
            client.addTorrent(metainfo, dataPath, TorrentOptions.DEFAULTS);
            return client.listenPort();
        });
    }

    @Override
    public void close() throws InterruptedException {
        onLoop(() -> {
            for (Client seeder : seeders) {
                seeder.close();
            }
            if (tracker != null) {
                tracker.close();
            }
            return null;
        });
        loop.callSoonThreadsafe(loop::stop);
        thread.join(5_000);
    }

    private <T> T onLoop(dev.eddy.loop.Coroutine<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> loop.createTask("test swarm", body).addDoneCallback(done -> {
            if (done.exception() != null) {
                result.completeExceptionally(done.exception());
            } else {
                result.complete(done.result());
            }
        }));
        try {
            return result.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the test swarm failed", e);
        }
    }

    /**
     * Writes a folder of random files and a torrent of it.
     *
     * @param parent where the content folder goes
     * @param torrentFile where the torrent goes
     * @param size the total size
     * @param pieceLength the piece size
     * @param trackers announce URLs, one tier each
     * @return the torrent
     */
    static Metainfo content(Path parent, Path torrentFile, int size, int pieceLength, String... trackers) throws IOException {
        Path folder = Files.createDirectories(parent.resolve("content"));
        Random random = new Random(size);
        byte[] first = new byte[size * 3 / 4];
        byte[] second = new byte[size - first.length];
        random.nextBytes(first);
        random.nextBytes(second);
        Files.write(folder.resolve("first.bin"), first);
        Files.createDirectories(folder.resolve("sub"));
        Files.write(folder.resolve("sub").resolve("second.bin"), second);
        TorrentBuilder builder = TorrentBuilder.of(folder).pieceLength(pieceLength);
        for (String tracker : trackers) {
            builder.trackerTier(tracker);
        }
        return builder.writeTo(torrentFile);
    }
}
