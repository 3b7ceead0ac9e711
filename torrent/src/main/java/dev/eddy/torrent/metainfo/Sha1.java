package dev.eddy.torrent.metainfo;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1, the hash of v1 torrents' pieces and info dictionaries. */
public final class Sha1 {
    private Sha1() {
    }

    /**
     * Makes a reusable hasher for bulk data such as pieces: OpenSSL's where the application has
     * enabled native access ({@code --enable-native-access}, or {@code Enable-Native-Access} in a
     * jar's manifest) and {@code libcrypto.so.3} is present, else the JDK's.
     *
     * @return a fresh hasher
     */
    public static Sha1Hasher newHasher() {
        return NativeSha1Hasher.create().orElseGet(Sha1::jdkHasher);
    }

    /** {@return a hasher on the JDK's SHA-1, whatever native access allows} */
    static Sha1Hasher jdkHasher() {
        try {
            return new JdkSha1Hasher(MessageDigest.getInstance("SHA-1"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-1", e);
        }
    }

    /**
     * Hashes bytes in one go, with a hasher from {@link #newHasher()}: where OpenSSL's is chosen, the
     * JDK's security providers are not even looked up (that lookup costs a starting JVM about 10 ms).
     *
     * @param data the bytes
     * @return their 20-byte SHA-1
     */
    public static byte[] of(byte[] data) {
        Sha1Hasher hasher = newHasher();
        hasher.update(ByteBuffer.wrap(data));
        byte[] digest = new byte[PieceHashes.HASH_LENGTH];
        hasher.digest(digest);
        return digest;
    }
}
