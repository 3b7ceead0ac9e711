package dev.eddy.torrent.pieces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class BanListTest {
    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    @Test
    void sharedFailuresBanAtTheThreshold() throws Exception {
        BanList bans = new BanList();
        InetAddress liar = ip(1);
        assertEquals(List.of(), bans.pieceFailed(List.of(liar, ip(2))));
        assertEquals(List.of(), bans.pieceFailed(List.of(liar, ip(3))));
        assertEquals(2, bans.strikes(liar));
        assertEquals(1, bans.strikes(ip(2)));
        assertFalse(bans.isBanned(liar));
        assertEquals(List.of(liar), bans.pieceFailed(List.of(liar, ip(4))));
        assertTrue(bans.isBanned(liar));
        assertFalse(bans.isBanned(ip(4)), "honest peers that shared one bad piece are not banned");
        assertEquals(List.of(), bans.pieceFailed(List.of(liar, ip(5))), "reported once");
        assertEquals(1, bans.bannedCount());
    }

    @Test
    void aSoleContributorIsBannedAtOnceByDefault() throws Exception {
        BanList bans = new BanList();
        assertEquals(List.of(ip(9)), bans.pieceFailed(List.of(ip(9), ip(9))), "the same address twice is one peer");
        BanList lenient = new BanList(4, 2);
        assertEquals(List.of(), lenient.pieceFailed(List.of(ip(9))));
        assertEquals(List.of(ip(9)), lenient.pieceFailed(List.of(ip(9))));
        assertThrows(IllegalArgumentException.class, () -> new BanList(0, 1));
    }

    @Test
    void worksWithThePickersContributors() throws Exception {
        PiecePicker<InetAddress> picker = new PiecePicker<>(new PieceGeometry(Block.SIZE * 2L, Block.SIZE * 2),
                new Bitfield(1), new PieceBufferPool(1 << 20), new java.util.Random(1), PickerSettings.DEFAULTS);
        Bitfield one = new Bitfield(1);
        one.set(0);
        picker.addPeer(ip(1), one);
        picker.peerUnchoked(ip(1), 0);
        for (Block block : picker.pick(ip(1), 2, 0)) {
            picker.blockReceived(ip(1), 0, block.offset(), java.nio.ByteBuffer.allocate(block.length()), 0);
        }
        BanList bans = new BanList();
        assertEquals(List.of(ip(1)), bans.pieceFailed(picker.pieceFailed(0)));
    }
}
