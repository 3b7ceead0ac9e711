package dev.eddy.torrent.tracker;

import java.io.Serial;

/**
 * Why talking to a tracker failed, with a message a person can act on. The subtype says whose
 * fault it was; in every case the client carries on with its other trackers and peers.
 */
public sealed class TrackerException extends RuntimeException
        permits TrackerException.Rejected, TrackerException.Unreachable, TrackerException.Malformed {
    @Serial
    private static final long serialVersionUID = 1L;

    private TrackerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The tracker answered with a {@code failure reason} (or a UDP error action). */
    public static final class Rejected extends TrackerException {
        @Serial
        private static final long serialVersionUID = 1L;

        /** The tracker at {@code tracker} refused with {@code reason}. */
        public Rejected(String tracker, String reason) {
            super("tracker " + tracker + " refused: " + reason, null);
        }
    }

    /** The tracker could not be reached, or did not answer in time. */
    public static final class Unreachable extends TrackerException {
        @Serial
        private static final long serialVersionUID = 1L;

        /** {@code tracker} could not be reached: {@code why}. */
        public Unreachable(String tracker, String why, Throwable cause) {
            super("tracker " + tracker + " unreachable: " + why, cause);
        }
    }

    /** The tracker's reply broke the protocol: bad bencoding, bad lengths, too large, and so on. */
    public static final class Malformed extends TrackerException {
        @Serial
        private static final long serialVersionUID = 1L;

        /** {@code tracker} sent a reply that is wrong in the way {@code why} says. */
        public Malformed(String tracker, String why, Throwable cause) {
            super("tracker " + tracker + " sent a malformed reply: " + why, cause);
        }
    }
}
