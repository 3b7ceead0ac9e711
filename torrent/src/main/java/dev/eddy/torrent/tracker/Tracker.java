package dev.eddy.torrent.tracker;

import dev.eddy.torrent.metainfo.InfoHash;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One tracker, reached over HTTP, HTTPS or UDP. Its methods suspend the calling task (they must be
 * called inside a {@link dev.eddy.loop.Task}) and run entirely on the loop's thread.
 */
public interface Tracker extends AutoCloseable {

    /** The tracker's announce URL. */
    URI uri();

    /**
     * Announces and returns the tracker's reply.
     *
     * @throws TrackerException if the tracker refused, was unreachable or timed out, or answered
     *     with something malformed
     */
    AnnounceResponse announce(AnnounceRequest request);

    /**
     * Scrapes the counts for {@code infoHashes}.
     *
     * @return the counts the tracker gave, by torrent; torrents it does not know are absent
     * @throws TrackerException as for {@link #announce}, and when the tracker has no scrape support
     */
    Map<InfoHash, ScrapeStats> scrape(List<InfoHash> infoHashes);

    /** Releases what the tracker holds (sockets, cached connection ids). */
    @Override
    void close();
}
