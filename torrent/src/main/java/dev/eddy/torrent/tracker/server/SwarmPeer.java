package dev.eddy.torrent.tracker.server;

import dev.eddy.torrent.peer.PeerAddress;
import dev.eddy.torrent.tracker.PeerId;

/**
 * One peer as the tracker remembers it.
 *
 * @param address where other peers reach it: the address it announced from and the port it gave
 * @param peerId the id it announced with
 * @param seeder whether it said it has the whole torrent ({@code left} = 0)
 * @param lastSeen the loop time of its last announce, in nanoseconds
 */
record SwarmPeer(PeerAddress address, PeerId peerId, boolean seeder, long lastSeen) {}
