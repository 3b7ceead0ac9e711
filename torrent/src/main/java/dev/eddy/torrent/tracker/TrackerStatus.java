package dev.eddy.torrent.tracker;

import java.net.URI;

/**
 * One tracker as an {@link AnnounceScheduler} last saw it, for a progress line or a status page.
 *
 * @param uri the announce URL
 * @param tier its BEP 12 tier, 0 first
 * @param working whether its last announce succeeded
 * @param lastError why its last announce failed, or {@code null}
 * @param warning the warning its last reply carried, or {@code null}
 * @param failures failures in a row
 * @param retryAt loop time (nanoseconds) before which it is left alone after failures; 0 if none
 * @param seeders its last count of seeders, or -1
 * @param leechers its last count of leechers, or -1
 * @param peers how many peers its last reply listed
 */
public record TrackerStatus(URI uri, int tier, boolean working, String lastError, String warning, int failures,
                            long retryAt, int seeders, int leechers, int peers) {}
