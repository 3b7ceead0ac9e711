package dev.eddy.torrent.pieces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PiecePickerTest {
    private static final int PIECE = 4 * Block.SIZE;
    private static final long SECOND = 1_000_000_000L;

    private static PiecePicker<String> picker(long totalLength, int pieceLength) {
        PieceGeometry geometry = new PieceGeometry(totalLength, pieceLength);
        return new PiecePicker<>(geometry, new Bitfield(geometry.pieceCount()),
                new PieceBufferPool(1L << 30), new Random(1), PickerSettings.DEFAULTS);
    }

    private static Bitfield all(int size) {
        Bitfield b = new Bitfield(size);
        for (int i = 0; i < size; i++) {
            b.set(i);
        }
        return b;
    }

    private static Bitfield bits(int size, int... pieces) {
        Bitfield b = new Bitfield(size);
        for (int p : pieces) {
            b.set(p);
        }
        return b;
    }

    private static void join(PiecePicker<String> picker, String peer, Bitfield pieces) {
        picker.addPeer(peer, pieces);
        picker.peerUnchoked(peer, 0);
    }

    /** A picker of whole pieces in sequential mode, with seeders that unchoke us. */
    private static PiecePicker<String> sequentialFromSeeders(int pieces, String... seeders) {
        PiecePicker<String> picker = picker((long) pieces * PIECE, PIECE);
        for (String seeder : seeders) {
            join(picker, seeder, all(pieces));
        }
        picker.setSequential(true);
        return picker;
    }

    private static BlockOutcome<String> deliver(PiecePicker<String> picker, String peer, Block block, long now) {
        return picker.blockReceived(peer, block.piece(), block.offset(), ByteBuffer.allocate(block.length()), now);
    }

    private static BlockOutcome.Accepted<String> accept(PiecePicker<String> picker, String peer, Block block) {
        return assertInstanceOf(BlockOutcome.Accepted.class, deliver(picker, peer, block, 0));
    }

    @Test
    void startsTheRarestPieceThePeerHas() {
        PiecePicker<String> picker = picker(4L * PIECE, PIECE);
        picker.addPeer("a", all(4));
        picker.addPeer("b", bits(4, 0, 1, 3));
        picker.addPeer("c", bits(4, 0, 3));
        join(picker, "d", bits(4, 0, 1, 2, 3));
        // counts: 0→4, 1→3, 2→2, 3→3
        assertEquals(2, picker.pick("d", 1, 0).getFirst().piece());
        assertEquals(2, picker.pick("d", 3, 0).getFirst().piece(), "the piece in progress is finished first");
        List<Block> next = picker.pick("d", 4, 0);
        assertTrue(Set.of(1, 3).contains(next.getFirst().piece()));
        assertEquals(4, next.size());
        assertEquals(List.of(0, 1, 2, 3), next.stream().map(Block::index).toList());
    }

    @Test
    void neverPicksAPieceWeHaveOrThePeerLacks() {
        PieceGeometry geometry = new PieceGeometry(4L * PIECE, PIECE);
        PiecePicker<String> picker = new PiecePicker<>(geometry, bits(4, 0, 1), new PieceBufferPool(1L << 30),
                new Random(1), PickerSettings.DEFAULTS);
        join(picker, "a", bits(4, 0, 1, 2));
        assertTrue(picker.isInteresting("a"));
        List<Block> picked = picker.pick("a", 100, 0);
        assertEquals(4, picked.size());
        assertTrue(picked.stream().allMatch(b -> b.piece() == 2));
        assertTrue(picker.pick("a", 100, 0).isEmpty(), "no block is requested twice outside endgame");
        assertFalse(picker.isEndgame(), "piece 3 is not requested yet");
    }

    @Test
    void nothingIsPickedFromAPeerThatChokesUs() {
        PiecePicker<String> picker = picker(4L * PIECE, PIECE);
        picker.addPeer("a", all(4));
        assertTrue(picker.pick("a", 10, 0).isEmpty());
        picker.peerUnchoked("a", 0);
        List<Block> picked = picker.pick("a", 16, 0);
        assertEquals(16, picked.size());
        assertEquals(picked, picker.peerChoked("a"));
        assertEquals(0, picker.outstanding("a"));
        assertTrue(picker.pick("a", 16, 0).isEmpty());
        picker.peerUnchoked("a", 0);
        assertEquals(Set.copyOf(picked), Set.copyOf(picker.pick("a", 16, 0)), "released blocks are picked again");
    }

    @Test
    void prefersPiecesInProgressThatThePeerContributesTo() {
        PiecePicker<String> picker = sequentialFromSeeders(8, "a", "b");
        Block first = picker.pick("a", 1, 0).getFirst();
        assertEquals(first.piece(), picker.pick("b", 1, 0).getFirst().piece(),
                "b joins the piece in progress instead of starting one");
        picker.pick("a", 2, 0);
        List<Block> piece1 = picker.pick("b", 4, 0);
        assertEquals(List.of(1, 1, 1, 1), piece1.stream().map(Block::piece).toList());
        accept(picker, "b", piece1.get(0));
        picker.pick("b", 4, 0);
        picker.requestCancelled("a", new Block(0, 2 * Block.SIZE, Block.SIZE));
        picker.requestCancelled("b", piece1.get(3));
        assertEquals(piece1.get(3), picker.pick("b", 1, 0).getFirst(),
                "b finishes the piece it contributes to before the older piece 0");
        assertEquals(new Block(0, 2 * Block.SIZE, Block.SIZE), picker.pick("b", 1, 0).getFirst());
        assertEquals(3, picker.piecesInProgress());
    }

    @Test
    void sequentialModeStartsPiecesInIndexOrder() {
        PiecePicker<String> picker = picker(6L * PIECE, PIECE);
        picker.addPeer("x", bits(6, 5));
        join(picker, "a", all(6));
        picker.setSequential(true);
        assertTrue(picker.isSequential());
        List<Block> picked = picker.pick("a", 24, 0);
        assertEquals(List.of(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5),
                picked.stream().map(Block::piece).toList());
    }

    @Test
    void theLastBlockOfTheLastPieceIsShorter() {
        long total = 2L * PIECE + Block.SIZE + 100;
        PiecePicker<String> picker = picker(total, PIECE);
        join(picker, "a", all(3));
        picker.setSequential(true);
        List<Block> picked = picker.pick("a", 100, 0);
        assertEquals(10, picked.size());
        assertEquals(new Block(2, 0, Block.SIZE), picked.get(8));
        assertEquals(new Block(2, Block.SIZE, 100), picked.get(9));
        for (Block block : picked) {
            accept(picker, "a", block);
        }
        assertEquals(Block.SIZE + 100, picker.pieceData(2).remaining());
        assertEquals(PIECE, picker.pieceData(0).remaining());
    }

    @Test
    void blocksLandInThePieceBufferAndCompleteThePiece() {
        PiecePicker<String> picker = sequentialFromSeeders(2, "a");
        List<Block> blocks = picker.pick("a", 4, 0);
        for (Block block : blocks) {
            byte[] data = new byte[block.length()];
            java.util.Arrays.fill(data, (byte) (block.index() + 1));
            BlockOutcome<String> outcome = picker.blockReceived("a", 0, block.offset(), ByteBuffer.wrap(data), 5);
            BlockOutcome.Accepted<String> accepted = assertInstanceOf(BlockOutcome.Accepted.class, outcome);
            assertEquals(block.index() == 3, accepted.pieceComplete());
            assertEquals(0, accepted.requestedAt());
        }
        ByteBuffer piece = picker.pieceData(0);
        assertEquals(1, piece.get(0));
        assertEquals(4, piece.get(PIECE - 1));
        assertTrue(picker.isInteresting("a"));
        picker.pieceVerified(0);
        assertTrue(picker.has(0));
        assertThrows(IllegalStateException.class, () -> picker.pieceData(0));
        assertTrue(picker.isInteresting("a"));
        picker.pieceVerified(completeAll(picker, "a", 1));
        assertFalse(picker.isInteresting("a"));
        assertTrue(picker.have().isComplete());
        assertFalse(picker.isEndgame());
    }

    private static int completeAll(PiecePicker<String> picker, String peer, int piece) {
        for (Block block : picker.pick(peer, 100, 0)) {
            assertEquals(piece, block.piece());
            accept(picker, peer, block);
        }
        return piece;
    }

    @Test
    void duplicateAndUnrequestedBlocksAreIgnoredAndCounted() {
        PiecePicker<String> picker = picker(2L * PIECE, PIECE);
        join(picker, "a", all(2));
        join(picker, "b", all(2));
        Block block = picker.pick("a", 1, 0).getFirst();
        assertInstanceOf(BlockOutcome.Unrequested.class, deliver(picker, "b", block, 0), "asked a, not b");
        accept(picker, "a", block);
        assertInstanceOf(BlockOutcome.Duplicate.class, deliver(picker, "a", block, 0));
        assertInstanceOf(BlockOutcome.Unrequested.class,
                picker.blockReceived("a", 0, 5, ByteBuffer.allocate(10), 0), "misaligned");
        assertInstanceOf(BlockOutcome.Unrequested.class,
                picker.blockReceived("a", 9, 0, ByteBuffer.allocate(Block.SIZE), 0), "no such piece");
        assertInstanceOf(BlockOutcome.Unrequested.class,
                picker.blockReceived("a", 1, 0, ByteBuffer.allocate(Block.SIZE - 1), 0), "wrong length");
        ByteBuffer unaskedData = ByteBuffer.allocate(Block.SIZE);
        assertInstanceOf(BlockOutcome.Unrequested.class, picker.blockReceived("a", 1, 0, unaskedData, 0));
        assertEquals(Block.SIZE, unaskedData.remaining(), "ignored data is not consumed");
        assertEquals(1, picker.duplicateBlocks());
        assertEquals(5, picker.unrequestedBlocks());
    }

    @Test
    void endgameDoublesOutstandingRequestsAndCancelsTheLosers() {
        PiecePicker<String> picker = picker(2L * PIECE, PIECE);
        join(picker, "a", all(2));
        join(picker, "b", all(2));
        join(picker, "c", bits(2, 0));
        List<Block> toA = picker.pick("a", 6, 0);
        assertFalse(picker.isEndgame());
        List<Block> toB = picker.pick("b", 2, 0);
        assertTrue(picker.isEndgame(), "every block is requested now");
        Set<Block> doubled = new HashSet<>(picker.pick("b", 10, 0));
        assertEquals(new HashSet<>(toA), doubled, "in endgame b is also asked for everything a has outstanding");
        List<Block> toC = picker.pick("c", 10, 0);
        assertEquals(4, toC.size());
        assertTrue(toC.stream().allMatch(b -> b.piece() == 0), "c only gets blocks of pieces it has");
        assertEquals(Set.copyOf(toB), Set.copyOf(toC.subList(0, 2)), "blocks asked of one peer come first");
        BlockOutcome.Accepted<String> once = accept(picker, "c", toB.getFirst());
        assertEquals(List.of(new PeerBlock<>("b", toB.getFirst())), once.cancels());
        Block contested = toC.get(2);
        BlockOutcome.Accepted<String> twice = accept(picker, "c", contested);
        assertEquals(Set.of(new PeerBlock<>("a", contested), new PeerBlock<>("b", contested)),
                Set.copyOf(twice.cancels()));
        assertInstanceOf(BlockOutcome.Duplicate.class, deliver(picker, "a", contested, 0), "arrived despite the cancel");
        assertEquals(5, picker.outstanding("a"));
        assertEquals(6, picker.outstanding("b"));
        assertEquals(2, picker.outstanding("c"));
    }

    @Test
    void blocksThatLandAreThePiecesBytesWithoutACopy() {
        PiecePicker<String> picker = picker(PIECE, PIECE);
        join(picker, "a", all(1));
        List<Block> asked = picker.pick("a", 4, 0);
        Block[] blocks = new Block[8];
        ByteBuffer[] buffers = new ByteBuffer[8];
        assertEquals(4, picker.landings("a", blocks, buffers));
        assertEquals(asked, java.util.Arrays.asList(blocks).subList(0, 4), "oldest request first");
        for (int i = 0; i < 4; i++) {
            assertSame(buffers[0], buffers[i], "one piece, one buffer");
            buffers[i].put(asked.get(i).offset(), (byte) (i + 1)); // what a scattering read does
        }
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(BlockOutcome.Accepted.class, picker.blockLanded("a", 0, asked.get(i).offset(), asked.get(i).length(), 0));
        }
        assertInstanceOf(BlockOutcome.Duplicate.class, picker.blockLanded("a", 0, asked.get(0).offset(), asked.get(0).length(), 0));
        assertEquals(1, picker.landings("a", blocks, buffers), "only the one not yet in");
        BlockOutcome.Accepted<String> last = assertInstanceOf(BlockOutcome.Accepted.class,
                picker.blockLanded("a", 0, asked.get(3).offset(), asked.get(3).length(), 0));
        assertTrue(last.pieceComplete());
        ByteBuffer piece = picker.pieceData(0);
        for (int i = 0; i < 4; i++) {
            assertEquals(i + 1, piece.get(asked.get(i).offset()));
        }
    }

    @Test
    void noBlockThatAnotherPeerMayAnswerLands() {
        PiecePicker<String> picker = picker(2L * PIECE, PIECE);
        join(picker, "a", all(2));
        join(picker, "b", all(2));
        List<Block> toA = picker.pick("a", 6, 0);
        Block[] blocks = new Block[8];
        ByteBuffer[] buffers = new ByteBuffer[8];
        assertEquals(6, picker.landings("a", blocks, buffers));
        picker.pick("b", 2, 0);
        picker.pick("b", 10, 0); // endgame: b is asked for a's blocks too
        assertTrue(picker.isEndgame());
        assertEquals(0, picker.landings("a", blocks, buffers));
        assertEquals(0, picker.landings("nobody", blocks, buffers), "an unknown peer has none");
        assertEquals(6, toA.size());
    }

    @Test
    void endgameGivesTheLeastRequestedBlocksFirst() {
        PiecePicker<String> picker = picker(PIECE, PIECE);
        join(picker, "a", all(1));
        join(picker, "b", all(1));
        join(picker, "c", all(1));
        picker.pick("a", 4, 0);
        List<Block> toB = picker.pick("b", 2, 0);
        List<Block> toC = picker.pick("c", 4, 0);
        assertEquals(4, toC.size());
        assertFalse(toC.subList(0, 2).stream().anyMatch(toB::contains), "blocks only a has come before ones b has too");
    }

    @Test
    void timedOutRequestsGoBackToThePicker() {
        PiecePicker<String> picker = picker(2L * PIECE, PIECE);
        join(picker, "a", all(2));
        join(picker, "b", all(2));
        List<Block> old = picker.pick("a", 2, 0);
        assertInstanceOf(BlockOutcome.Accepted.class, deliver(picker, "a", old.get(0), 30 * SECOND));
        List<Block> young = picker.pick("a", 2, 30 * SECOND);
        assertTrue(picker.tick(59 * SECOND).isEmpty());
        Expired<String> expired = picker.tick(60 * SECOND);
        assertEquals(List.of(new PeerBlock<>("a", old.get(1))), expired.released());
        assertTrue(expired.snubbed().isEmpty(), "a delivered a block at 30 s");
        assertEquals(2, picker.outstanding("a"));
        assertEquals(List.of(old.get(1)), picker.pick("b", 1, 60 * SECOND), "the timed-out block is free again");
        assertEquals(young.size(), picker.outstanding("a"));
    }

    @Test
    void aSilentUnchokingPeerIsSnubbedAndItsRequestsReleased() {
        PiecePicker<String> picker = picker(2L * PIECE, PIECE);
        join(picker, "a", all(2));
        join(picker, "b", all(2));
        List<Block> toA = picker.pick("a", 5, 10 * SECOND);
        assertTrue(picker.tick(69 * SECOND).isEmpty());
        Expired<String> expired = picker.tick(70 * SECOND);
        assertEquals(List.of("a"), expired.snubbed());
        assertEquals(toA, expired.released().stream().map(PeerBlock::block).toList());
        assertTrue(picker.isSnubbed("a"));
        assertEquals(1, picker.pick("a", 10, 70 * SECOND).size(), "a snubbed peer gets one request at a time");
        assertEquals(0, picker.pick("a", 10, 70 * SECOND).size());
        assertEquals(8, picker.pick("b", 10, 70 * SECOND).size(), "7 free blocks, then endgame doubles a's one");
        assertEquals(List.of("b"), picker.tick(200 * SECOND).snubbed(), "a is snubbed once, not again");
    }

    @Test
    void aSnubbedPeerThatDeliversIsForgiven() {
        PiecePicker<String> picker = picker(2L * PIECE, PIECE);
        join(picker, "a", all(2));
        picker.pick("a", 5, 0);
        picker.tick(60 * SECOND);
        Block one = picker.pick("a", 5, 60 * SECOND).getFirst();
        accept(picker, "a", one);
        assertFalse(picker.isSnubbed("a"));
        assertEquals(5, picker.pick("a", 5, 61 * SECOND).size());
    }

    @Test
    void aPeerIdleBecauseWeAskedNothingIsNotSnubbed() {
        PiecePicker<String> picker = picker(2L * PIECE, PIECE);
        join(picker, "a", all(2));
        assertTrue(picker.tick(300 * SECOND).isEmpty());
        picker.pick("a", 1, 300 * SECOND);
        assertTrue(picker.tick(359 * SECOND).isEmpty(), "the snub clock starts with the first request");
        assertEquals(List.of("a"), picker.tick(360 * SECOND).snubbed());
    }

    @Test
    void aFailedPieceIsDownloadedAgainAndItsContributorsReported() {
        PiecePicker<String> picker = sequentialFromSeeders(2, "a", "b");
        List<Block> toA = picker.pick("a", 3, 0);
        List<Block> toB = picker.pick("b", 1, 0);
        assertEquals(0, toB.getFirst().piece());
        toA.forEach(b -> accept(picker, "a", b));
        assertTrue(accept(picker, "b", toB.getFirst()).pieceComplete());
        assertEquals(Set.of("a", "b"), picker.pieceFailed(0));
        assertFalse(picker.has(0));
        List<Block> again = picker.pick("b", 4, 0);
        assertEquals(List.of(0, 0, 0, 0), again.stream().map(Block::piece).toList(), "the failed piece comes first");
        again.forEach(b -> accept(picker, "b", b));
        assertEquals(Set.of("b"), picker.pieceFailed(0));
        assertThrows(IllegalStateException.class, () -> picker.pieceVerified(0), "not complete any more");
    }

    @Test
    void aDepartingPeerReleasesItsRequestsAndItsPieces() {
        PiecePicker<String> picker = picker(2L * PIECE, PIECE);
        join(picker, "a", all(2));
        join(picker, "b", bits(2, 1));
        List<Block> toA = picker.pick("a", 8, 0);
        assertEquals(toA, picker.removePeer("a"));
        assertEquals(1, picker.availability().count(1));
        assertEquals(0, picker.availability().count(0));
        assertEquals(4, picker.pick("b", 8, 0).size());
        assertThrows(IllegalStateException.class, () -> picker.outstanding("a"));
    }

    @Test
    void requestsCancelledByTheEngineAreFreeAgain() {
        PiecePicker<String> picker = picker(PIECE, PIECE);
        join(picker, "a", all(1));
        join(picker, "b", all(1));
        Block block = picker.pick("a", 1, 0).getFirst();
        assertTrue(picker.requestCancelled("a", block));
        assertFalse(picker.requestCancelled("a", block));
        assertEquals(block, picker.pick("b", 1, 0).getFirst());
    }

    @Test
    void havesMakePeersInteresting() {
        PiecePicker<String> picker = picker(2L * PIECE, PIECE);
        picker.addPeer("a", new Bitfield(2));
        assertFalse(picker.isInteresting("a"));
        assertTrue(picker.peerHas("a", 1));
        assertFalse(picker.peerHas("a", 1));
        assertTrue(picker.isInteresting("a"));
        assertEquals(1, picker.availability().count(1));
        assertThrows(IllegalStateException.class, () -> picker.addPeer("a", new Bitfield(2)));
        assertThrows(IllegalArgumentException.class, () -> picker.addPeer("z", new Bitfield(3)));
    }

    @Test
    void noBlockIsEverOutstandingTwiceOutsideEndgame() {
        Random random = new Random(11);
        PiecePicker<String> picker = new PiecePicker<>(new PieceGeometry(40L * PIECE - 7, PIECE), new Bitfield(40),
                new PieceBufferPool(6L * PIECE), new Random(5), PickerSettings.DEFAULTS);
        String[] peers = {"a", "b", "c", "d"};
        for (String peer : peers) {
            Bitfield has = new Bitfield(40);
            for (int i = 0; i < 40; i++) {
                if (random.nextInt(3) > 0) {
                    has.set(i);
                }
            }
            join(picker, peer, has);
        }
        for (int i = 0; i < 40; i++) {
            picker.peerHas("d", i);
        }
        java.util.Map<String, java.util.List<Block>> outstanding = new java.util.HashMap<>();
        long now = 0;
        while (!picker.have().isComplete()) {
            now += SECOND / 10;
            Set<Block> seen = new HashSet<>();
            for (String peer : peers) {
                List<Block> mine = outstanding.computeIfAbsent(peer, k -> new java.util.ArrayList<>());
                List<Block> picked = picker.pick(peer, 1 + random.nextInt(6), now);
                mine.addAll(picked);
                if (!picker.isEndgame()) {
                    for (List<Block> list : outstanding.values()) {
                        list.forEach(b -> assertTrue(seen.add(b) || picker.isEndgame(), "twice: " + b));
                    }
                    seen.clear();
                }
                if (!mine.isEmpty()) {
                    Block block = mine.remove(random.nextInt(mine.size()));
                    if (deliver(picker, peer, block, now) instanceof BlockOutcome.Accepted<String> a) {
                        for (PeerBlock<String> cancel : a.cancels()) {
                            outstanding.get(cancel.peer()).remove(cancel.block());
                        }
                        if (a.pieceComplete()) {
                            picker.pieceVerified(block.piece());
                        }
                    }
                }
            }
        }
        assertEquals(0, picker.piecesInProgress());
        assertEquals(0, picker.duplicateBlocks());
    }

    @Test
    void theAcceptedOutcomeIsOneRecordRefilledForEachBlock() {
        PiecePicker<String> picker = picker(PIECE, PIECE);
        join(picker, "a", all(1));
        join(picker, "b", all(1));
        List<Block> toA = picker.pick("a", 3, 1);
        Block toB = picker.pick("b", 1, 2).getFirst();
        Block doubled = picker.pick("b", 1, 3).getFirst();
        assertEquals(toA.getFirst(), doubled, "endgame: b is also asked for a's oldest block");
        BlockOutcome.Accepted<String> first = accept(picker, "a", toA.get(1));
        assertEquals(toA.get(1), first.block());
        assertEquals(1, first.requestedAt());
        assertEquals(List.of(), first.cancels());
        assertFalse(first.pieceComplete());
        BlockOutcome.Accepted<String> second = accept(picker, "b", toB);
        assertSame(first, second, "one record, refilled");
        assertEquals(toB, second.block());
        assertEquals(2, second.requestedAt());
        BlockOutcome.Accepted<String> third = accept(picker, "a", doubled);
        assertEquals(List.of(new PeerBlock<>("b", doubled)), third.cancels());
        assertThrows(UnsupportedOperationException.class, () -> third.cancels().clear());
        BlockOutcome.Accepted<String> fourth = accept(picker, "a", toA.get(2));
        assertEquals(List.of(), fourth.cancels(), "no CANCELs left over from the block before");
        assertEquals(toA.get(2), fourth.block());
        assertTrue(fourth.pieceComplete());
    }

    @Test
    void pickingIntoTheCallersListAppendsAndGivesTheSameBlocks() {
        PiecePicker<String> fresh = picker(8L * PIECE, PIECE);
        PiecePicker<String> reusing = picker(8L * PIECE, PIECE);
        for (PiecePicker<String> picker : List.of(fresh, reusing)) {
            join(picker, "a", all(8));
        }
        List<Block> into = new java.util.ArrayList<>();
        Block marker = new Block(7, 0, Block.SIZE);
        for (int refill = 0; refill < 5; refill++) {
            into.clear();
            into.add(marker);
            List<Block> expected = fresh.pick("a", 3, refill);
            assertEquals(expected.size(), reusing.pick("a", 3, refill, into), "refill " + refill);
            assertEquals(marker, into.getFirst(), "what the list held stays");
            assertEquals(expected, into.subList(1, into.size()));
        }
        into.clear();
        assertEquals(0, reusing.pick("a", 0, 9, into));
        assertTrue(into.isEmpty());
    }

    @Test
    void aVerifiedPiecesRecordServesTheNextPieceWithNothingLeftOver() {
        PiecePicker<String> picker = sequentialFromSeeders(2, "a", "b");
        picker.pick("a", 2, 0).forEach(block -> accept(picker, "a", block));
        picker.pick("b", 2, 0).forEach(block -> accept(picker, "b", block));
        picker.pieceVerified(0);
        List<Block> piece1 = picker.pick("b", 4, 0);
        assertEquals(List.of(1, 1, 1, 1), piece1.stream().map(Block::piece).toList(), "every block of the new piece is free");
        for (Block block : piece1) {
            byte[] data = new byte[block.length()];
            java.util.Arrays.fill(data, (byte) (10 + block.index()));
            picker.blockReceived("b", 1, block.offset(), ByteBuffer.wrap(data), 0);
        }
        ByteBuffer data = picker.pieceData(1);
        for (int index = 0; index < 4; index++) {
            assertEquals(10 + index, data.get(index * Block.SIZE));
        }
        assertEquals(Set.of("b"), picker.pieceFailed(1), "a contributed to piece 0, not to piece 1");
    }

    @Test
    void timeoutsAreMeasuredFromTheRequest() {
        PiecePicker<String> picker = new PiecePicker<>(new PieceGeometry(PIECE, PIECE), new Bitfield(1),
                new PieceBufferPool(PIECE), new Random(1),
                new PickerSettings(Duration.ofSeconds(100), Duration.ofSeconds(5)));
        join(picker, "a", all(1));
        picker.pick("a", 1, 0);
        picker.pick("a", 1, 3 * SECOND);
        assertEquals(1, picker.tick(5 * SECOND).released().size());
        assertEquals(1, picker.tick(8 * SECOND).released().size());
    }
}
