package dev.eddy.torrent.tracker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.torrent.peer.PeerAddress;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactPeersTest {

    @Test
    void decodesIpv4EntriesAddressThenBigEndianPort() throws Exception {
        byte[] raw = {10, 0, 0, 1, 0x1A, (byte) 0xE1, (byte) 192, (byte) 168, 1, 2, (byte) 0xFF, (byte) 0xFF};
        List<PeerAddress> peers = CompactPeers.decodeIpv4(ByteBuffer.wrap(raw));
        assertEquals(List.of(new PeerAddress(InetAddress.getByName("10.0.0.1"), 6881),
                new PeerAddress(InetAddress.getByName("192.168.1.2"), 65535)), peers);
    }

    @Test
    void roundTripsBothFamiliesAndSkipsTheOtherFamily() throws Exception {
        List<PeerAddress> peers = List.of(new PeerAddress(InetAddress.getByName("127.0.0.1"), 1),
                new PeerAddress(InetAddress.getByName("::1"), 2),
                new PeerAddress(InetAddress.getByName("1.2.3.4"), 0));
        byte[] v4 = CompactPeers.encodeIpv4(peers);
        byte[] v6 = CompactPeers.encodeIpv6(peers);
        assertEquals(12, v4.length);
        assertEquals(18, v6.length);
        assertEquals(List.of(peers.get(0), peers.get(2)), CompactPeers.decodeIpv4(ByteBuffer.wrap(v4)));
        assertEquals(List.of(peers.get(1)), CompactPeers.decodeIpv6(ByteBuffer.wrap(v6)));
        assertArrayEquals(new byte[0], CompactPeers.encodeIpv6(List.of(peers.get(0))));
    }

    @Test
    void rejectsALengthThatIsNotWholeEntries() {
        assertThrows(IllegalArgumentException.class, () -> CompactPeers.decodeIpv4(ByteBuffer.allocate(7)));
        assertThrows(IllegalArgumentException.class, () -> CompactPeers.decodeIpv6(ByteBuffer.allocate(12)));
        assertEquals(List.of(), CompactPeers.decodeIpv4(ByteBuffer.allocate(0)));
    }
}
