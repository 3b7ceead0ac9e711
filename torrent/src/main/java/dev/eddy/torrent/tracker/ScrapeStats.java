package dev.eddy.torrent.tracker;

/**
 * A tracker's counts for one torrent, as a scrape reports them.
 *
 * @param seeders peers with the whole torrent ({@code complete})
 * @param completed how many times a download finished ({@code downloaded})
 * @param leechers peers still downloading ({@code incomplete})
 */
public record ScrapeStats(int seeders, int completed, int leechers) {}
