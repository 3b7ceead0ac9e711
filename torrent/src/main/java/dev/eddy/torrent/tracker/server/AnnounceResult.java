package dev.eddy.torrent.tracker.server;

import java.util.List;

/**
 * The tracker's answer to an announce, before a front end encodes it for HTTP or UDP.
 *
 * @param peers other peers of the torrent, picked at random
 * @param seeders the torrent's seeder count
 * @param leechers its leecher count
 * @param warning a {@code warning message} for HTTP clients, or {@code null}
 */
record AnnounceResult(List<SwarmPeer> peers, int seeders, int leechers, String warning) {}
