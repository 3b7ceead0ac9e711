package dev.eddy.bench.swarm;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.session.Client;
import dev.eddy.torrent.session.SessionEvent;
import dev.eddy.torrent.session.TorrentOptions;
import dev.eddy.torrent.session.TorrentSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Eddy seeders in one process, for bench/swarm.sh: one feeding aria2, or 50 feeding one leecher:
 * separate
 * clients (each its own listening port, peer id and tracker announces, as separate processes
 * would have) on one loop, sharing the one copy of the data. One JVM instead of 50 keeps the
 * machine's two cores and memory for the leecher being measured, which runs in a process of its
 * own. Prints {@code READY <count>} once every seeder has checked the data and heard from the
 * tracker, then seeds until standard input closes, and prints how much each seeder sent.
 *
 * <p>usage: EddySeeders COUNT TORRENT SEED_FOLDER
 */
public final class EddySeeders {
    private EddySeeders() {
    }

    /**
     * Runs the seeders.
     *
     * @param args how many seeders, the torrent file, the folder with its data
     * @throws Exception if the torrent cannot be read
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EddySeeders COUNT TORRENT SEED_FOLDER");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        Metainfo metainfo = Metainfo.read(Path.of(args[1]));
        Path seedFolder = Path.of(args[2]);
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            List<Client> clients = new ArrayList<>();
            List<TorrentSession> seeders = new ArrayList<>();
            List<Future<Void>> ready = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Client client = Client.start(loop, BenchClients.LOOPBACK).await();
                TorrentSession seeder = client.addTorrent(metainfo, seedFolder, TorrentOptions.DEFAULTS);
                Future<Void> announced = loop.createFuture();
                seeder.addListener(event -> {
                    if (event instanceof SessionEvent.TrackerAnnounced && !announced.done()) {
                        announced.setResult(null);
                    }
                });
                clients.add(client);
                seeders.add(seeder);
                ready.add(seeder.complete());
                ready.add(announced);
            }
            Async.gather(ready).await();
            System.out.println("READY " + count);
            System.out.flush();
            loop.runInExecutor(EddySeeders::awaitEndOfInput).await();
            List<Long> sent = seeders.stream().map(seeder -> seeder.stats().uploaded()).toList();
            System.out.printf("uploaded %d bytes in all, by %d seeders; per seeder %s%n",
                    sent.stream().mapToLong(Long::longValue).sum(), sent.stream().filter(bytes -> bytes > 0).count(),
                    sent);
            for (Client client : clients) {
                client.close();
            }
        });
    }

    /** Blocks until standard input ends: the caller's way to stop the seeders. */
    private static Void awaitEndOfInput() throws IOException {
        while (System.in.read() != -1) {
            // discard
        }
        return null;
    }
}
