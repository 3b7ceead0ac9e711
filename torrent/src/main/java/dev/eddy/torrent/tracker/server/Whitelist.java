package dev.eddy.torrent.tracker.server;

import dev.eddy.torrent.metainfo.InfoHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Which torrents Eddy's tracker serves: every one ({@link #ANY}), or only the info hashes listed.
 * An announce or scrape for an unlisted torrent gets a failure reason.
 */
public final class Whitelist {
    /** Serves every torrent. */
    public static final Whitelist ANY = new Whitelist(null);

    private final Set<InfoHash> allowed;

    private Whitelist(Set<InfoHash> allowed) {
        this.allowed = allowed;
    }

    /** Serves only {@code infoHashes}. */
    public static Whitelist of(Set<InfoHash> infoHashes) {
        return new Whitelist(Set.copyOf(infoHashes));
    }

    /**
     * Reads a whitelist file: one info hash a line as 40 hex digits (the format opentracker reads);
     * blank lines and lines starting with {@code #} are skipped, and anything after the 40 digits
     * and a space is a comment.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the line, for a line that is not an info hash
     */
    public static Whitelist read(Path file) throws IOException {
        Set<InfoHash> hashes = new HashSet<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String hex = text.split("\\s+", 2)[0];
            try {
                hashes.add(InfoHash.fromHex(hex));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + number + ": not a 40-digit hex info hash: " + hex, e);
            }
        }
        return of(hashes);
    }

    /** Whether the tracker serves {@code infoHash}. */
    public boolean allows(InfoHash infoHash) {
        return allowed == null || allowed.contains(infoHash);
    }

    /** Whether every torrent is served. */
    public boolean isOpen() {
        return allowed == null;
    }

    /** The number of torrents listed; 0 for {@link #ANY}. */
    public int size() {
        return allowed == null ? 0 : allowed.size();
    }

    @Override
    public String toString() {
        return allowed == null ? "Whitelist[any]" : "Whitelist[" + allowed.size() + " torrents]";
    }
}
