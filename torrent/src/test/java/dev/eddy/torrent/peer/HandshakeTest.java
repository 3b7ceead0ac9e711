package dev.eddy.torrent.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.tracker.PeerId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");

    @Test
    void roundTripsWithEveryReservedBitClear() {
        Handshake ours = Handshake.of(HASH, PeerId.generate());
        ByteBuffer wire = ours.encode();
        assertEquals(Handshake.LENGTH, wire.remaining());
        assertEquals(19, wire.get(0));
        assertEquals(Handshake.PROTOCOL, StandardCharsets.US_ASCII.decode(wire.slice(1, 19)).toString());
        assertArrayEquals(new byte[8], ours.reserved());
        assertEquals(HASH, Handshake.infoHashOf(wire.slice(0, Handshake.PREFIX_LENGTH)));
        assertEquals(ours, Handshake.decode(wire));
        assertEquals(Handshake.LENGTH, wire.position());
    }

    @Test
    void somethingElseIsRejected() {
        ByteBuffer encrypted = ByteBuffer.allocate(Handshake.LENGTH);
        encrypted.put(0, (byte) 0x8f);
        PeerProtocolException e = assertThrows(PeerProtocolException.class, () -> Handshake.decode(encrypted));
        assertEquals(PeerProtocolException.Violation.BAD_HANDSHAKE, e.violation());
        ByteBuffer wrongString = Handshake.of(HASH, PeerId.generate()).encode();
        wrongString.put(5, (byte) 'X');
        assertThrows(PeerProtocolException.class, () -> Handshake.infoHashOf(wrongString));
    }
}
