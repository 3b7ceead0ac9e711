package dev.eddy.torrent.tracker;

/**
 * The lifecycle event an announce reports (BEP 3), with its spelling over HTTP and its number over
 * UDP (BEP 15).
 */
public enum TrackerEvent {
    /** A regular re-announce. */
    NONE("", 0),
    /** The download finished; sent once. */
    COMPLETED("completed", 1),
    /** The first announce of a session. */
    STARTED("started", 2),
    /** The client is leaving the swarm. */
    STOPPED("stopped", 3);

    private final String httpName;
    private final int udpCode;

    TrackerEvent(String httpName, int udpCode) {
        this.httpName = httpName;
        this.udpCode = udpCode;
    }

    /** The value of the HTTP {@code event} parameter; empty for {@link #NONE}, which omits it. */
    public String httpName() {
        return httpName;
    }

    /** The event number in a UDP announce. */
    public int udpCode() {
        return udpCode;
    }

    /**
     * The event an HTTP announce names; a missing or empty parameter is {@link #NONE}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static TrackerEvent fromHttpName(String name) {
        if (name == null || name.isEmpty() || name.equals("empty")) {
            return NONE;
        }
        for (TrackerEvent event : values()) {
            if (event.httpName.equals(name)) {
                return event;
            }
        }
        throw new IllegalArgumentException("unknown announce event '" + name + "'");
    }

    /**
     * The event a UDP announce numbers.
     *
     * @throws IllegalArgumentException for an unknown number
     */
    public static TrackerEvent fromUdpCode(int code) {
        for (TrackerEvent event : values()) {
            if (event.udpCode == code) {
                return event;
            }
        }
        throw new IllegalArgumentException("unknown announce event number " + code);
    }
}
