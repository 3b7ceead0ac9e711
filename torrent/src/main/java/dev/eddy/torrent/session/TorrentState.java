package dev.eddy.torrent.session;

/**
 * Where a {@link TorrentSession} is in its life. It moves forward only: CHECKING, then DOWNLOADING
 * (skipped when the check finds every piece), then SEEDING, and STOPPED from any of them. Each
 * change is announced as a {@link SessionEvent.StateChanged}.
 */
public enum TorrentState {
    /** Opening the files and hashing the pieces the resume data does not vouch for. */
    CHECKING,
    /** Fetching missing pieces from peers (and uploading the ones we have). */
    DOWNLOADING,
    /** Every piece is verified: uploading only. */
    SEEDING,
    /** Stopped by the caller, after a download-only finish, or by an error ({@link TorrentSession#error()}). */
    STOPPED
}
