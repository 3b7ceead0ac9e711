package dev.eddy.torrent.session;

import dev.eddy.loop.CancelledException;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.tracker.AnnounceRequest;
import dev.eddy.torrent.tracker.AnnounceResponse;
import dev.eddy.torrent.tracker.ScrapeStats;
import dev.eddy.torrent.tracker.Tracker;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A tracker that reports each announce's outcome as a {@link SessionEvent}. */
final class ObservedTracker implements Tracker {
    private final Tracker tracker;
    private final Consumer<SessionEvent> events;

    ObservedTracker(Tracker tracker, Consumer<SessionEvent> events) {
        this.tracker = tracker;
        this.events = events;
    }

    @Override
    public URI uri() {
        return tracker.uri();
    }

    @Override
    public AnnounceResponse announce(AnnounceRequest request) {
        AnnounceResponse response;
        try {
            response = tracker.announce(request);
        } catch (CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            events.accept(new SessionEvent.TrackerFailed(uri(), String.valueOf(e.getMessage())));
            throw e;
        }
        events.accept(new SessionEvent.TrackerAnnounced(uri(), response.peers().size()));
        return response;
    }

    @Override
    public Map<InfoHash, ScrapeStats> scrape(List<InfoHash> infoHashes) {
        return tracker.scrape(infoHashes);
    }

    @Override
    public void close() {
        tracker.close();
    }
}
