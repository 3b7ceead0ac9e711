package dev.eddy.torrent.tracker.server;

/**
 * What the tracker makes of one announce or scrape: served, or refused with a reason the client
 * shows its user (an HTTP {@code failure reason}, a UDP error action).
 *
 * @param <T> what a served request yields
 */
sealed interface Outcome<T> {

    /** The request was served. */
    record Served<T>(T value) implements Outcome<T> {}

    /** The request was refused for {@code reason}. */
    record Refused<T>(String reason) implements Outcome<T> {}
}
