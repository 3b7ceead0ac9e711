package dev.eddy.torrent.tracker.server;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.PeerId;
import dev.eddy.torrent.tracker.TrackerEvent;

/**
 * One announce the tracker answered, as {@link TrackerServer#onAnnounce} reports it: for a log
 * line per announce, and for tests that wait for a client to announce.
 *
 * @param infoHash the torrent
 * @param peer the address the peer was registered (or would have been registered) under
 * @param peerId the id it announced with
 * @param event its lifecycle event
 * @param left the bytes it still misses
 * @param refusal the failure reason the tracker gave, or {@code null} if it served the announce
 */
public record AnnounceSeen(InfoHash infoHash, PeerAddress peer, PeerId peerId, TrackerEvent event, long left,
                           String refusal) {}
