package dev.eddy.torrent.metainfo;

import java.nio.ByteBuffer;

/**
 * A running SHA-1 computation that can be reused: feed it bytes, take the digest, and it is ready
 * for the next message. Get one from {@link Sha1#newHasher()}. One thread at a time.
 */
public sealed interface Sha1Hasher permits JdkSha1Hasher, NativeSha1Hasher {

    /**
     * Adds the bytes from a buffer's position to its limit; the position ends at the limit.
     *
     * @param data heap or direct bytes
     */
    void update(ByteBuffer data);

    /**
     * Finishes the hash of everything added since the last digest, and starts afresh.
     *
     * @param into where the 20 bytes go
     */
    void digest(byte[] into);

    /** Drops whatever was added since the last digest. */
    void reset();
}
