package dev.eddy.bench.swarm;

import dev.eddy.torrent.session.ClientOptions;
import dev.eddy.torrent.session.TorrentOptions;

/** The client and torrent settings every Eddy process of bench/swarm.sh uses. */
final class BenchClients {
    /** Listens on 127.0.0.1, on a port the system picks; otherwise Eddy's defaults. */
    static final ClientOptions LOOPBACK = ClientOptions.DEFAULTS.withListen("127.0.0.1", 0);
    /** Stops once the download completes, as aria2 does with {@code --seed-time=0}. */
    static final TorrentOptions DOWNLOAD_ONLY = TorrentOptions.DEFAULTS.withSeedWhenDone(false);

    private BenchClients() {
    }
}
