package dev.eddy.torrent.tracker;

import dev.eddy.torrent.metainfo.InfoHash;
import java.util.HexFormat;

/** Announce requests for tests. */
final class Requests {
    /** An info hash with bytes that need percent-encoding and some that do not. */
    static final InfoHash HASH = InfoHash.fromHex("00ff2041617a2d2e5f7e7f80c3a9e282ac0102ab");
    static final PeerId PEER_ID = new PeerId(HexFormat.of().parseHex("2d4544303030312d" + "000102030405060708090a0b"));

    private Requests() {}

    /** A started announce from {@link #PEER_ID} on port 6881, 1000 bytes left. */
    static AnnounceRequest started() {
        return request(HASH, PEER_ID, 6881);
    }

    static AnnounceRequest request(InfoHash hash, PeerId peerId, int port) {
        return new AnnounceRequest(hash, peerId, port, 0, 0, 1000, TrackerEvent.STARTED, 50, 0x1234abcd, null);
    }
}
