package dev.eddy.torrent.tracker;

import dev.eddy.torrent.metainfo.InfoHash;
import java.util.Objects;

/**
 * One announce, as a client sends it to a tracker over HTTP (BEP 3, 23) or UDP (BEP 15), and as
 * Eddy's own tracker receives it.
 *
 * @param infoHash the torrent
 * @param peerId the announcing client
 * @param port the TCP port it accepts peers on
 * @param uploaded bytes sent to peers since the {@link TrackerEvent#STARTED started} event
 * @param downloaded bytes received from peers since then
 * @param left bytes still missing; 0 for a seeder
 * @param event the lifecycle event, {@link TrackerEvent#NONE} for a regular re-announce
 * @param numWant how many peers the client would like; -1 for the tracker's default
 * @param key a number stable for the session, so a tracker can recognise the client across IP changes
 * @param trackerId the id this tracker gave in an earlier reply, or {@code null}
 */
public record AnnounceRequest(InfoHash infoHash, PeerId peerId, int port, long uploaded, long downloaded, long left,
                              TrackerEvent event, int numWant, int key, String trackerId) {

    /** Checks the fields that a tracker would reject. */
    public AnnounceRequest {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(event, "event");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("uploaded, downloaded and left cannot be negative");
        }
    }

    /** This request with another event. */
    public AnnounceRequest withEvent(TrackerEvent newEvent) {
        return new AnnounceRequest(infoHash, peerId, port, uploaded, downloaded, left, newEvent, numWant, key, trackerId);
    }
}
