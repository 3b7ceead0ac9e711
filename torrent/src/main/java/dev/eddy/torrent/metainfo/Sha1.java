package dev.eddy.torrent.metainfo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1, the hash of v1 torrents' pieces and info dictionaries. */
public final class Sha1 {
    private Sha1() {
    }

    /**
     * Makes a digest. Callers on a hot path keep and reuse theirs: creating one costs a provider
     * lookup.
     *
     * @return a fresh SHA-1 digest
     */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-1", e);
        }
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
        return new JdkSha1Hasher(newDigest());
    }

    /**
     * Hashes bytes in one go.
     *
     * @param data the bytes
     * @return their 20-byte SHA-1
     */
    public static byte[] of(byte[] data) {
        return newDigest().digest(data);
    }
}
