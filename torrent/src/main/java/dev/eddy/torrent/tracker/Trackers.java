package dev.eddy.torrent.tracker;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Makes {@link Tracker}s from announce URLs, by scheme. */
public final class Trackers {
    private static final System.Logger LOG = System.getLogger(Trackers.class.getName());

    private Trackers() {}

    /**
     * The tracker at {@code url}: {@link HttpTracker} for http and https, {@link UdpTracker} for udp.
     *
     * @throws IllegalArgumentException if the URL is invalid or its scheme is none of those
     */
    public static Tracker open(String url, TrackerOptions options) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid tracker URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> new HttpTracker(uri, options);
            case "udp" -> new UdpTracker(uri, options);
            default -> throw new IllegalArgumentException("unsupported tracker scheme '" + scheme + "' in " + url);
        };
    }

    /**
     * Trackers for a torrent's tiers of announce URLs ({@code Metainfo.trackerTiers()}), skipping
     * URLs that are invalid, of an unsupported scheme or repeated; tiers left empty are dropped.
     */
    public static List<List<Tracker>> openTiers(List<List<String>> tiers, TrackerOptions options) {
        List<List<Tracker>> result = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (List<String> tier : tiers) {
            List<Tracker> trackers = new ArrayList<>();
            for (String url : tier) {
                if (seen.contains(url)) {
                    continue;
                }
                seen.add(url);
                try {
                    trackers.add(open(url, options));
                } catch (IllegalArgumentException skipped) {
                    LOG.log(System.Logger.Level.INFO, "skipping tracker: " + skipped.getMessage());
                }
            }
            if (!trackers.isEmpty()) {
                result.add(trackers);
            }
        }
        return result;
    }
}
