package dev.eddy.torrent.peer;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.tracker.PeerId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The 68 bytes each side sends first: the protocol string, 8 reserved bytes, the info hash and the
 * peer id. Eddy keeps every reserved bit clear, since it speaks no extension yet.
 *
 * @param protocol the protocol string, {@value #PROTOCOL} for BitTorrent
 * @param reserved the 8 reserved bytes (extension flags); the record keeps its own copy
 * @param infoHash the torrent
 * @param peerId the sender's peer id
 */
public record Handshake(String protocol, byte[] reserved, InfoHash infoHash, PeerId peerId) {
    /** The protocol string of BitTorrent's handshake. */
    public static final String PROTOCOL = "BitTorrent protocol";
    /** The length of a BitTorrent handshake in bytes. */
    public static final int LENGTH = 1 + 19 + 8 + InfoHash.LENGTH + PeerId.LENGTH;
    /** The length of the part up to and including the info hash: enough to tell which torrent. */
    public static final int PREFIX_LENGTH = LENGTH - PeerId.LENGTH;

    private static final byte[] PROTOCOL_BYTES = PROTOCOL.getBytes(StandardCharsets.US_ASCII);
    private static final int RESERVED_OFFSET = 1 + PROTOCOL_BYTES.length;
    private static final int INFO_HASH_OFFSET = RESERVED_OFFSET + 8;

    /** Checks the fields and copies the reserved bytes. */
    public Handshake {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        if (!PROTOCOL.equals(protocol)) {
            throw new IllegalArgumentException("Eddy speaks \"" + PROTOCOL + "\", not \"" + protocol + "\"");
        }
        if (reserved.length != 8) {
            throw new IllegalArgumentException("the handshake has 8 reserved bytes, not " + reserved.length);
        }
        reserved = reserved.clone();
    }

    /**
     * Eddy's handshake: the BitTorrent protocol string and every reserved bit clear.
     *
     * @param infoHash the torrent
     * @param peerId our peer id
     * @return the handshake
     */
    public static Handshake of(InfoHash infoHash, PeerId peerId) {
        return new Handshake(PROTOCOL, new byte[8], infoHash, peerId);
    }

    /** {@return a copy of the 8 reserved bytes} */
    @Override
    public byte[] reserved() {
        return reserved.clone();
    }

    /** {@return the 68-byte wire form, ready to write} */
    public ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        out.put((byte) PROTOCOL_BYTES.length).put(PROTOCOL_BYTES).put(reserved).put(infoHash.bytes()).put(peerId.bytes());
        return out.flip();
    }

    /**
     * Reads the info hash from the first {@value #PREFIX_LENGTH} bytes of a handshake, checking the
     * protocol string on the way; the listening side needs no more to pick the torrent.
     *
     * @param in at least {@value #PREFIX_LENGTH} bytes from its position, which is not moved
     * @return the info hash
     * @throws PeerProtocolException if the protocol string is not BitTorrent's
     */
    public static InfoHash infoHashOf(ByteBuffer in) {
        int start = in.position();
        int length = in.get(start) & 0xff;
        if (length != PROTOCOL_BYTES.length
                || !Arrays.equals(PROTOCOL_BYTES, bytesAt(in, start + 1, PROTOCOL_BYTES.length))) {
            String shown = HexFormat.of().formatHex(bytesAt(in, start, Math.min(in.remaining(), 20)));
            throw new PeerProtocolException(PeerProtocolException.Violation.BAD_HANDSHAKE,
                    "not a BitTorrent handshake: it starts with " + shown + " (encrypted connections are not supported)");
        }
        return new InfoHash(bytesAt(in, start + INFO_HASH_OFFSET, InfoHash.LENGTH));
    }

    /**
     * Decodes a whole handshake.
     *
     * @param in at least {@value #LENGTH} bytes from its position, which moves past them
     * @return the handshake
     * @throws PeerProtocolException if the protocol string is not BitTorrent's
     */
    public static Handshake decode(ByteBuffer in) {
        int start = in.position();
        InfoHash infoHash = infoHashOf(in);
        Handshake handshake = new Handshake(PROTOCOL, bytesAt(in, start + RESERVED_OFFSET, 8), infoHash,
                new PeerId(bytesAt(in, start + PREFIX_LENGTH, PeerId.LENGTH)));
        in.position(start + LENGTH);
        return handshake;
    }

    private static byte[] bytesAt(ByteBuffer in, int index, int length) {
        byte[] bytes = new byte[length];
        in.get(index, bytes);
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Handshake that && protocol.equals(that.protocol) && Arrays.equals(reserved, that.reserved)
                && infoHash.equals(that.infoHash) && peerId.equals(that.peerId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, Arrays.hashCode(reserved), infoHash, peerId);
    }

    @Override
    public String toString() {
        return "Handshake[" + infoHash + ", peer " + peerId + ", reserved " + HexFormat.of().formatHex(reserved) + "]";
    }
}
