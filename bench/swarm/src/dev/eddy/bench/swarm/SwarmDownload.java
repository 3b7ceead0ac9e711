package dev.eddy.bench.swarm;

import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.session.Client;
import dev.eddy.torrent.session.ClientOptions;
import dev.eddy.torrent.session.SessionEvent;
import dev.eddy.torrent.session.TorrentSession;
import dev.eddy.torrent.session.TorrentState;
import dev.eddy.torrent.session.TorrentStats;
import java.nio.file.Path;

/**
 * Eddy's side of bench/swarm.sh: downloads one torrent into a folder, from the peers its tracker
 * names, and exits once every piece is verified and the client has stopped (trackers told).
 *
 * <p>usage: SwarmDownload TORRENT FOLDER [--one-thread]
 *
 * <p>{@code --one-thread} hashes and writes pieces on the loop thread instead of the client's disk
 * thread, for the comparison of the two that the design asks the benchmark to decide.
 */
public final class SwarmDownload {
    private SwarmDownload() {
    }

    /**
     * Runs the download.
     *
     * @param args the torrent file, the download folder, and optionally {@code --one-thread}
     * @throws Exception if the torrent cannot be read
     */
    public static void main(String[] args) throws Exception {
        boolean oneThread = args.length == 3 && args[2].equals("--one-thread");
        if (args.length != 2 && !oneThread) {
            System.err.println("usage: SwarmDownload TORRENT FOLDER [--one-thread]");
            System.exit(2);
        }
        ClientOptions options = BenchClients.LOOPBACK.withDiskThread(!oneThread);
        Metainfo metainfo = Metainfo.read(Path.of(args[0]));
        Path folder = Path.of(args[1]);
        long start = System.nanoTime();
        EventLoop.run(() -> {
            Client client = Client.start(EventLoop.current(), options).await();
            TorrentSession session = client.addTorrent(metainfo, folder, BenchClients.DOWNLOAD_ONLY);
            long[] firstPiece = {0};
            long[] downloading = {0};
            long[] announced = {0};
            long[] connected = {0};
            session.addListener(event -> {
                long now = System.nanoTime();
                switch (event) {
                    case SessionEvent.PieceVerified v when firstPiece[0] == 0 -> firstPiece[0] = now;
                    case SessionEvent.StateChanged(var from, var to) when to == TorrentState.DOWNLOADING -> downloading[0] = now;
                    case SessionEvent.TrackerAnnounced a when announced[0] == 0 -> announced[0] = now;
                    case SessionEvent.PeerConnected c when connected[0] == 0 -> connected[0] = now;
                    default -> { }
                }
            });
            session.complete().await();
            double seconds = (System.nanoTime() - start) / 1e9;
            TorrentStats stats = session.stats();
            client.close();
            double closed = (System.nanoTime() - start) / 1e9;
            System.out.printf("DONE %.3f s, first piece at %.3f s, closed at %.3f s, %d bytes, %d fetched,"
                    + " %d peers known, piece buffers high water %d MiB%n", seconds, (firstPiece[0] - start) / 1e9,
                    closed, stats.verifiedBytes(), stats.fetched(), stats.peersKnown(),
                    client.pieceBufferHighWater() >> 20);
            System.out.printf("START downloading at %.3f s, announced at %.3f s, first peer at %.3f s%n",
                    (downloading[0] - start) / 1e9, (announced[0] - start) / 1e9, (connected[0] - start) / 1e9);
        });
    }
}
