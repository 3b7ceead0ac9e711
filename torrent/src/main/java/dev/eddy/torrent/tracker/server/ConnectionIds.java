package dev.eddy.torrent.tracker.server;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * BEP 15 connection ids that need no per-client state. An id is the first 8 bytes of
 * HMAC-SHA256, under a random key drawn at start, of the epoch number and the client's IP address;
 * the epoch advances every {@link #EPOCH}, so in effect the secret rotates each minute. An id from
 * this epoch or the previous one is accepted, so an id lives 1 to 2 minutes: BEP 15 lets clients
 * use one for a minute and asks servers to accept it for two. A client that cannot receive at its
 * source address (a spoofed announce) never learns the id, so cannot make the tracker send replies
 * to someone else.
 *
 * <p>Times are loop nanoseconds, so expiry follows virtual time in tests.
 */
final class ConnectionIds {
    /** How long an epoch lasts. */
    static final Duration EPOCH = Duration.ofMinutes(1);

    private static final String ALGORITHM = "HmacSHA256";

    private final Mac mac;
    private final long epochNanos = EPOCH.toNanos();
    private final ByteBuffer input = ByteBuffer.allocate(Long.BYTES + 16);

    ConnectionIds(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }

    /** A connection id for {@code client} at loop time {@code now}. */
    long issue(InetAddress client, long now) {
        return id(Math.floorDiv(now, epochNanos), client);
    }

    /** Whether {@code id} is one this tracker issued to {@code client} in this epoch or the last. */
    boolean isValid(long id, InetAddress client, long now) {
        long epoch = Math.floorDiv(now, epochNanos);
        return id == id(epoch, client) || id == id(epoch - 1, client);
    }

    private long id(long epoch, InetAddress client) {
        input.clear();
        input.putLong(epoch).put(client.getAddress()).flip();
        mac.update(input);
        return ByteBuffer.wrap(mac.doFinal()).getLong();
    }
}
