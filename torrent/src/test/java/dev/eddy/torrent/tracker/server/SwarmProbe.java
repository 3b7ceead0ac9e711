package dev.eddy.torrent.tracker.server;

import bt.bencoding.types.BEMap;
import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.CompactPeers;
import dev.eddy.torrent.tracker.ScrapeStats;
import dev.eddy.torrent.tracker.TrackerEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * What a tracker says about a torrent to a newcomer: it scrapes, then announces as a leecher and
 * keeps the peers it is given. How the interop tests see that an outside client registered.
 *
 * @param counts the scrape's counts, taken before the newcomer announced
 * @param peers the peers its announce returned
 */
public record SwarmProbe(ScrapeStats counts, List<PeerAddress> peers) {
    /** The port the newcomer announces: nothing listens there, so a client that dials it is refused. */
    public static final int NEWCOMER_PORT = 9;

    private static final InetAddress LOCALHOST = InetAddress.ofLiteral("127.0.0.1");

    /** Probes over HTTP from 127.0.0.1. Call inside a task. */
    public static SwarmProbe overHttp(TrackerServer tracker, InfoHash infoHash) {
        try (HttpTestClient client = HttpTestClient.connect(tracker.httpPort())) {
            BEMap files = (BEMap) client.get(AnnounceQuery.scrape(infoHash)).dictionary().getValue().get("files");
            BEMap counts = (BEMap) files.getValue().values().iterator().next();
            ScrapeStats stats = new ScrapeStats((int) TrackerReplies.integer(counts, "complete"),
                    (int) TrackerReplies.integer(counts, "downloaded"), (int) TrackerReplies.integer(counts, "incomplete"));
            List<PeerAddress> peers = TrackerReplies.compactPeers(client.get(
                    AnnounceQuery.of(infoHash, TrackerFixture.peerId(1), NEWCOMER_PORT).target()).dictionary());
            return new SwarmProbe(stats, peers);
        }
    }

    /** Probes over UDP from 127.0.0.1. Call inside a task. */
    public static SwarmProbe overUdp(EventLoop loop, TrackerServer tracker, InfoHash infoHash) throws IOException {
        try (UdpTestClient client = new UdpTestClient(loop, new InetSocketAddress(LOCALHOST, tracker.udpPort()))) {
            long id = client.connect();
            ByteBuffer counts = client.scrape(id, infoHash);
            ScrapeStats stats = new ScrapeStats(counts.getInt(), counts.getInt(), counts.getInt());
            ByteBuffer reply = client.announce(id, infoHash, TrackerFixture.peerId(1), 1000, TrackerEvent.STARTED, -1,
                    NEWCOMER_PORT);
            reply.position(reply.position() + 12);
            return new SwarmProbe(stats, CompactPeers.decodeIpv4(reply));
        }
    }
}
