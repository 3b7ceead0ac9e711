package dev.eddy.torrent.tracker;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Who Eddy says it is to trackers, fixed for a session: the peer id, the {@code key} that lets a
 * tracker recognise the client when its address changes, and the TCP port it accepts peers on.
 *
 * @param peerId the session's peer id
 * @param key a random number kept for the session
 * @param port the listening port, 0 to 65535
 */
public record ClientIdentity(PeerId peerId, int key, int port) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Checks the fields. */
    public ClientIdentity {
        Objects.requireNonNull(peerId, "peerId");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
    }

    /** A new session identity: a fresh Eddy peer id and a random key. */
    public static ClientIdentity generate(int port) {
        return new ClientIdentity(PeerId.generate(), RANDOM.nextInt(), port);
    }
}
