package dev.eddy.torrent.metainfo;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;

/** SHA-1 from the JDK's provider: its intrinsic makes it as fast as OpenSSL once C2 has compiled it. */
record JdkSha1Hasher(MessageDigest digest) implements Sha1Hasher {

    @Override
    public void update(ByteBuffer data) {
        digest.update(data);
    }

    @Override
    public void digest(byte[] into) {
        try {
            digest.digest(into, 0, PieceHashes.HASH_LENGTH);
        } catch (DigestException e) {
            throw new IllegalArgumentException("a SHA-1 digest takes 20 bytes, not " + into.length, e);
        }
    }

    @Override
    public void reset() {
        digest.reset();
    }
}
