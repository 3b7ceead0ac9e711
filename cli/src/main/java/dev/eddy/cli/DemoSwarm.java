package dev.eddy.cli;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.session.Client;
import dev.eddy.torrent.session.ClientOptions;
import dev.eddy.torrent.session.SessionEvent;
import dev.eddy.torrent.session.TorrentOptions;
import dev.eddy.torrent.session.TorrentSession;
import dev.eddy.torrent.session.TorrentState;
import dev.eddy.torrent.tracker.TrackerEvent;
import dev.eddy.torrent.tracker.server.TrackerServer;
import dev.eddy.torrent.tracker.server.TrackerServerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's local swarm on loopback: Eddy's tracker and N Eddy seeders, each a {@link Client} of
 * its own with its own port and its own folder, all on the calling task's loop. Used in the main
 * task; {@link #close()} stops the seeders (they announce {@code stopped}) and then the tracker.
 */
final class DemoSwarm {
    private final TrackerServer tracker;
    private final List<Client> seeders = new ArrayList<>();

    private DemoSwarm(TrackerServer tracker) {
        this.tracker = tracker;
    }

    /**
     * Starts the tracker, on free loopback ports.
     *
     * @return the swarm, with no seeders yet
     */
    static DemoSwarm startTracker() {
        return new DemoSwarm(TrackerServer.start(EventLoop.current(), TrackerServerOptions.loopback()).await());
    }

    /** {@return the tracker's HTTP announce URL} */
    String announceUrl() {
        return "http://127.0.0.1:" + tracker.httpPort() + "/announce";
    }

    /**
     * Starts the seeders and waits until every one has checked its data and told the tracker it
     * has it all, so the downloader's first announce already lists them.
     *
     * @param metainfo the torrent
     * @param folders one folder per seeder, each holding a complete copy of the content
     * @return the seeders' listening ports
     */
    List<Integer> startSeeders(Metainfo metainfo, List<Path> folders) {
        EventLoop loop = EventLoop.current();
        Future<Void> allAnnounced = loop.createFuture();
        int[] seeding = {0};
        tracker.onAnnounce(seen -> {
            if (seen.left() == 0 && seen.event() != TrackerEvent.STOPPED && ++seeding[0] == folders.size()
                    && !allAnnounced.done()) {
                allAnnounced.setResult(null);
            }
        });
        List<Integer> ports = new ArrayList<>();
        for (Path folder : folders) {
            Client client = Client.start(loop, ClientOptions.DEFAULTS.withListen("127.0.0.1", 0)).await();
            seeders.add(client);
            ports.add(client.listenPort());
            TorrentSession session = client.addTorrent(metainfo, folder, TorrentOptions.DEFAULTS);
            session.addListener(event -> {
                if (event instanceof SessionEvent.StateChanged(TorrentState from, TorrentState to)
                        && from == TorrentState.CHECKING && to != TorrentState.SEEDING && !allAnnounced.done()) {
                    allAnnounced.setException(new CliException("a demo seeder found its copy incomplete ("
                            + session.error().map(Exception::getMessage).orElse(to.toString())
                            + "); is the temporary folder's disk full?"));
                }
            });
        }
        allAnnounced.await();
        return ports;
    }

    /** Stops the seeders, each announcing {@code stopped}, then the tracker. Suspends the calling task. */
    void close() {
        try {
            for (Client seeder : seeders) {
                seeder.close();
            }
        } finally {
            tracker.close();
        }
    }
}
