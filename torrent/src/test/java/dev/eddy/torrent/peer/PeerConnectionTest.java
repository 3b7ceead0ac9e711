package dev.eddy.torrent.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.Task;
import dev.eddy.loop.VirtualClock;
import dev.eddy.loop.VoidCoroutine;
import dev.eddy.loop.net.ConnectTimeoutException;
import dev.eddy.loop.net.ConnectionRefusedException;
import dev.eddy.loop.net.Server;
import dev.eddy.loop.net.StreamHandler;
import dev.eddy.loop.net.Streams;
import dev.eddy.loop.sync.Event;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerProtocolException.Violation;
import dev.eddy.torrent.pieces.Bitfield;
import dev.eddy.torrent.pieces.Block;
import dev.eddy.torrent.tracker.PeerId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two Eddy endpoints, or Eddy and a scripted raw peer, on loopback in virtual time. */
class PeerConnectionTest {
    private static final InfoHash HASH_A = InfoHash.fromHex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static final InfoHash HASH_B = InfoHash.fromHex("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    private static final int PIECES = 10;
    private static final long SECOND = 1_000_000_000L;

    private final VirtualClock clock = new VirtualClock();
    private final EventLoop loop = new EventLoop(clock);

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private void run(VoidCoroutine body) {
        Task<Void> task = loop.createTask(body);
        loop.runUntilComplete(task);
    }

    private static PeerAddress loopback(int port) {
        try {
            return new PeerAddress(InetAddress.getByName("127.0.0.1"), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static PeerTorrent torrent(InfoHash hash, PeerId id, PeerHandler handler) {
        return new PeerTorrent(hash, id, PIECES, handler);
    }

    private IncomingDispatcher listening(PeerTorrent... torrents) {
        IncomingDispatcher dispatcher = new IncomingDispatcher(loop, new ConnectionLimits(50, 10), PeerOptions.DEFAULTS);
        for (PeerTorrent torrent : torrents) {
            dispatcher.register(torrent);
        }
        dispatcher.listen("127.0.0.1", 0).await();
        return dispatcher;
    }

    private static PeerAddress addressOf(IncomingDispatcher dispatcher) {
        return loopback(dispatcher.server().port());
    }

    private PeerConnection dial(PeerAddress address, PeerTorrent torrent) {
        return PeerConnection.connect(loop, address, torrent, PeerOptions.DEFAULTS);
    }

    @Test
    void handshakeThenMessagesBothWays() {
        run(() -> {
            RecordingHandler seeder = new RecordingHandler(loop);
            PeerId seederId = PeerId.generate();
            byte[] block = new byte[MessageCodec.BLOCK_LENGTH];
            new Random(5).nextBytes(block);
            seeder.onHandshake = c -> c.trySend(new Message.BitfieldMessage(new byte[] {(byte) 0xff, (byte) 0xc0}));
            IncomingDispatcher dispatcher = listening(torrent(HASH_A, seederId, seeder));
            RecordingHandler leecher = new RecordingHandler(loop);
            PeerId leecherId = PeerId.generate();
            PeerConnection out = dial(addressOf(dispatcher), torrent(HASH_A, leecherId, leecher));

            assertEquals(out, leecher.handshake.await());
            assertTrue(out.connected().await());
            PeerConnection in = seeder.handshake.await();
            assertEquals(PeerConnection.State.OPEN, out.state());
            assertEquals(seederId, out.remotePeerId());
            assertEquals(leecherId, in.remotePeerId());
            assertArrayEquals(new byte[8], in.remoteHandshake().reserved());
            assertTrue(out.isOutgoing());
            assertFalse(in.isOutgoing());

            assertInstanceOf(Message.BitfieldMessage.class, leecher.next());
            assertTrue(out.peerBitfield().isComplete());
            assertTrue(out.trySend(Message.INTERESTED));
            assertTrue(out.amInterested());
            assertEquals(Message.INTERESTED, seeder.next());
            assertTrue(in.peerInterested());
            ChokerPeer forTheChoker = in;
            assertTrue(forTheChoker.isInterested());
            assertTrue(forTheChoker.amChoking());
            assertTrue(in.trySend(Message.UNCHOKE));
            assertFalse(in.amChoking());
            assertEquals(Message.UNCHOKE, leecher.next());
            assertFalse(out.peerChoking());
            assertEquals(PeerConnection.FIRST_READ_BUFFER, out.readBufferCapacity(), "small until a PIECE comes");
            assertTrue(out.send(new Message.Request(9, 0, block.length)));
            assertEquals(new Message.Request(9, 0, block.length), seeder.next());
            assertTrue(in.send(new Message.Piece(9, 0, ByteBuffer.wrap(block))));
            assertEquals(new Message.Piece(9, 0, ByteBuffer.wrap(block)), leecher.next());
            assertEquals(PeerOptions.DEFAULTS.readBufferSize(), out.readBufferCapacity(), "full size for blocks");
            assertEquals(PeerConnection.FIRST_READ_BUFFER, in.readBufferCapacity(), "the uploading side never needed more");
            assertEquals(block.length, out.downloaded());
            assertEquals(block.length, in.uploaded());
            assertTrue(out.downloadRate() > 0);
            assertTrue(in.trySend(new Message.Have(3)));
            assertEquals(new Message.Have(3), leecher.next());

            out.close();
            assertInstanceOf(CloseReason.LocalStop.class, leecher.closed.await());
            assertInstanceOf(CloseReason.RemoteClosed.class, seeder.closed.await());
            assertFalse(out.trySend(Message.CHOKE));
            dispatcher.close();
        });
    }

    /**
     * One buffer encodes every batch of REQUESTs and every PIECE header: frames that wait in the queue
     * (here, before the handshake) are copies, and the caller's list may be refilled between batches.
     */
    @Test
    void requestsAndBlocksArriveWholeAndInOrderWhetherQueuedOrSentAtOnce() {
        run(() -> {
            RecordingHandler seeder = new RecordingHandler(loop);
            IncomingDispatcher dispatcher = listening(torrent(HASH_A, PeerId.generate(), seeder));
            RecordingHandler leecher = new RecordingHandler(loop);
            PeerConnection out = dial(addressOf(dispatcher), torrent(HASH_A, PeerId.generate(), leecher));
            List<Block> batch = new ArrayList<>();
            List<Message> expected = new ArrayList<>();
            int[] sizes = {3, 5, 40, 2};
            for (int round = 0; round < sizes.length; round++) {
                if (round == 2) {
                    assertEquals(8 * 17, out.queuedBytes(), "the first two batches waited for the handshake");
                    leecher.handshake.await();
                }
                batch.clear();
                for (int i = 0; i < sizes[round]; i++) {
                    Block block = new Block(i % PIECES, (round * 64 + i) * Block.SIZE, Block.SIZE - round);
                    batch.add(block);
                    expected.add(new Message.Request(block.piece(), block.offset(), block.length()));
                }
                assertTrue(out.trySendRequests(batch));
            }
            for (Message request : expected) {
                assertEquals(request, seeder.next());
            }
            PeerConnection in = seeder.handshake.await();
            Random random = new Random(9);
            List<Message.Piece> blocks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                byte[] data = new byte[MessageCodec.BLOCK_LENGTH - i];
                random.nextBytes(data);
                blocks.add(new Message.Piece(i, i * Block.SIZE, ByteBuffer.wrap(data)));
                assertTrue(in.trySend(new Message.Piece(i, i * Block.SIZE, ByteBuffer.wrap(data))));
            }
            for (Message.Piece piece : blocks) {
                assertEquals(piece, leecher.next());
            }
            out.close();
            dispatcher.close();
        });
    }

    /**
     * Blocks the handler foretells land straight in its piece buffer; a HAVE between them, and two
     * blocks sent out of order, are decoded from the read buffer as usual, all in the order sent.
     */
    @Test
    void foretoldBlocksLandInPlaceAndTheRestIsDecodedInOrder() {
        run(() -> {
            RecordingHandler seeder = new RecordingHandler(loop);
            IncomingDispatcher dispatcher = listening(torrent(HASH_A, PeerId.generate(), seeder));
            int count = 24;
            LandingRecorder leecher = new LandingRecorder(loop, count);
            PeerConnection out = dial(addressOf(dispatcher), torrent(HASH_A, PeerId.generate(), leecher));
            leecher.recorder.handshake.await();
            PeerConnection in = seeder.handshake.await();
            Random random = new Random(3);
            List<Message> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i == 12 ? 13 : i == 13 ? 12 : i; // 12 and 13 swapped
                byte[] data = new byte[Block.SIZE];
                random.nextBytes(data);
                sent.add(new Message.Piece(0, n * Block.SIZE, ByteBuffer.wrap(data)));
                assertTrue(in.send(new Message.Piece(0, n * Block.SIZE, ByteBuffer.wrap(data))));
                if (i == 7) {
                    sent.add(new Message.Have(5));
                    assertTrue(in.send(new Message.Have(5)));
                }
            }
            for (Message message : sent) {
                assertEquals(message, leecher.recorder.next());
            }
            assertTrue(leecher.landed > count / 2, "most blocks landed: " + leecher.landed);
            assertTrue(leecher.copied >= 1, "the block that came early was copied");
            assertEquals(count * Block.SIZE, out.downloaded());
            out.close();
            dispatcher.close();
        });
    }

    /** Foretells blocks 0, 1, 2... of piece 0, in that order, and records every block as a PIECE message. */
    private static final class LandingRecorder implements PeerHandler {
        final RecordingHandler recorder;
        final ByteBuffer pieceBuffer;
        final List<Block> outstanding = new ArrayList<>();
        int landed;
        int copied;

        LandingRecorder(EventLoop loop, int blocks) {
            recorder = new RecordingHandler(loop);
            pieceBuffer = ByteBuffer.allocateDirect(blocks * Block.SIZE);
            for (int i = 0; i < blocks; i++) {
                outstanding.add(new Block(0, i * Block.SIZE, Block.SIZE));
            }
        }

        @Override
        public void onHandshake(PeerConnection connection) {
            recorder.onHandshake(connection);
        }

        @Override
        public void onMessage(PeerConnection connection, Message message) {
            recorder.onMessage(connection, message);
        }

        @Override
        public int landings(PeerConnection connection, Block[] blocks, ByteBuffer[] pieceBuffers) {
            int named = Math.min(blocks.length, outstanding.size());
            for (int i = 0; i < named; i++) {
                blocks[i] = outstanding.get(i);
                pieceBuffers[i] = pieceBuffer;
            }
            return named;
        }

        @Override
        public void onBlock(PeerConnection connection, int piece, int offset, ByteBuffer block) {
            copied++;
            outstanding.remove(new Block(piece, offset, block.remaining()));
            recorder.onBlock(connection, piece, offset, block);
        }

        @Override
        public void onBlockLanded(PeerConnection connection, int piece, int offset, int length) {
            landed++;
            outstanding.remove(new Block(piece, offset, length));
            recorder.onBlock(connection, piece, offset, pieceBuffer.slice(offset, length));
        }

        @Override
        public void onClosed(PeerConnection connection, CloseReason reason) {
            recorder.onClosed(connection, reason);
        }
    }

    /** The n-th request of a long stream, each different. */
    private static Block nthRequest(int n) {
        return new Block(n % PIECES, (n / PIECES % 100_000) * Block.SIZE, 1 + n % Block.SIZE);
    }

    @Test
    void requestsTheSocketCannotTakeAtOnceArriveIntact() {
        int perBatch = 30;
        run(() -> {
            Event startReading = new Event();
            long[] expectedBytes = new long[1];
            IdleReader peer = connectToIdleReader(startReading, expectedBytes, 64 * 1024);
            PeerConnection out = peer.out();
            // The peer reads nothing yet: the socket fills, then the transport's buffer, then the queue.
            List<Block> batch = new ArrayList<>();
            int batches = 0;
            while (batches < 200_000 && out.queuedBytes() < 64 * 1024) {
                batch.clear();
                for (int i = 0; i < perBatch; i++) {
                    batch.add(nthRequest(batches * perBatch + i));
                }
                assertTrue(out.trySendRequests(batch));
                batches++;
            }
            assertTrue(out.queuedBytes() > 0, "the queue filled");
            expectedBytes[0] = (long) batches * perBatch * 17;
            startReading.set();
            peer.allReceived().await();
            ByteBuffer frames = ByteBuffer.wrap(peer.received().toByteArray());
            assertEquals(expectedBytes[0], frames.remaining());
            for (int n = 0; n < batches * perBatch; n++) {
                Block block = nthRequest(n);
                assertEquals(13, frames.getInt());
                assertEquals(6, frames.get());
                assertEquals(List.of(block.piece(), block.offset(), block.length()),
                        List.of(frames.getInt(), frames.getInt(), frames.getInt()), "request " + n);
            }
            out.close();
            peer.server().close();
        });
    }

    @Test
    void incomingConnectionsGoToTheTorrentTheyName() {
        run(() -> {
            RecordingHandler a = new RecordingHandler(loop);
            RecordingHandler b = new RecordingHandler(loop);
            IncomingDispatcher dispatcher = listening(torrent(HASH_A, PeerId.generate(), a), torrent(HASH_B, PeerId.generate(), b));
            RecordingHandler dialler = new RecordingHandler(loop);
            dial(addressOf(dispatcher), torrent(HASH_B, PeerId.generate(), dialler));
            PeerConnection in = b.handshake.await();
            assertEquals(HASH_B, in.torrent().infoHash());
            assertFalse(a.handshake.done());

            InfoHash unknown = InfoHash.fromHex("cccccccccccccccccccccccccccccccccccccccc");
            PeerConnection stray = dial(addressOf(dispatcher), torrent(unknown, PeerId.generate(), new RecordingHandler(loop)));
            assertInstanceOf(CloseReason.RemoteClosed.class, stray.closed().await());
            assertNull(stray.remotePeerId());
            assertEquals(1, dispatcher.rejected());
            dispatcher.close();
        });
    }

    @Test
    void theTorrentLimitTurnsAwayTheNextPeer() {
        run(() -> {
            RecordingHandler seeder = new RecordingHandler(loop);
            IncomingDispatcher dispatcher = new IncomingDispatcher(loop, new ConnectionLimits(50, 1), PeerOptions.DEFAULTS);
            dispatcher.register(torrent(HASH_A, PeerId.generate(), seeder));
            dispatcher.listen("127.0.0.1", 0).await();
            PeerConnection first = dial(addressOf(dispatcher), torrent(HASH_A, PeerId.generate(), new RecordingHandler(loop)));
            seeder.handshake.await();
            PeerConnection second = dial(addressOf(dispatcher), torrent(HASH_A, PeerId.generate(), new RecordingHandler(loop)));
            assertInstanceOf(CloseReason.RemoteClosed.class, second.closed().await());
            assertEquals(PeerConnection.State.OPEN, first.state());
            first.close();
            assertInstanceOf(CloseReason.RemoteClosed.class, seeder.closed.await());
            // The slot came back with the close.
            PeerConnection third = dial(addressOf(dispatcher), torrent(HASH_A, PeerId.generate(), new RecordingHandler(loop)));
            Async.sleep(Duration.ofSeconds(1));
            assertEquals(PeerConnection.State.OPEN, third.state());
            dispatcher.close();
        });
    }

    @Test
    void theClientLimitTurnsPeersAwayAsTheyAreAccepted() {
        run(() -> {
            RecordingHandler seeder = new RecordingHandler(loop);
            IncomingDispatcher dispatcher = new IncomingDispatcher(loop, new ConnectionLimits(1, 1), PeerOptions.DEFAULTS);
            dispatcher.register(torrent(HASH_A, PeerId.generate(), seeder));
            dispatcher.listen("127.0.0.1", 0).await();
            dial(addressOf(dispatcher), torrent(HASH_A, PeerId.generate(), new RecordingHandler(loop)));
            seeder.handshake.await();
            PeerConnection second = dial(addressOf(dispatcher), torrent(HASH_A, PeerId.generate(), new RecordingHandler(loop)));
            CloseReason reason = second.closed().await();
            assertTrue(reason instanceof CloseReason.RemoteClosed || reason instanceof CloseReason.IoError, reason.toString());
            assertEquals(1, dispatcher.rejected());
            dispatcher.close();
        });
    }

    @Test
    void aBitfieldLargerThanTheReadBufferArrivesWhole() {
        int pieces = 2_000_000; // a 250,000-byte BITFIELD against a 128 KiB read buffer
        run(() -> {
            Bitfield all = new Bitfield(pieces);
            for (int i = 0; i < pieces; i++) {
                all.set(i);
            }
            RecordingHandler seeder = new RecordingHandler(loop);
            seeder.onHandshake = c -> {
                c.trySend(Message.BitfieldMessage.of(all));
                c.trySend(new Message.Piece(pieces - 1, 0, ByteBuffer.wrap(new byte[] {1, 2, 3})));
            };
            IncomingDispatcher dispatcher = listening(new PeerTorrent(HASH_A, PeerId.generate(), pieces, seeder));
            RecordingHandler leecher = new RecordingHandler(loop);
            PeerConnection out = dial(addressOf(dispatcher), new PeerTorrent(HASH_A, PeerId.generate(), pieces, leecher));
            assertInstanceOf(Message.BitfieldMessage.class, leecher.next());
            assertEquals(all, out.peerBitfield());
            assertEquals(new Message.Piece(pieces - 1, 0, ByteBuffer.wrap(new byte[] {1, 2, 3})), leecher.next());
            out.close();
            dispatcher.close();
        });
    }

    @Test
    void aConnectThatHangsTimesOut() throws Exception {
        // A listener that never accepts and whose accept queue is full: the kernel drops further SYNs.
        try (ServerSocketChannel blackHole = ServerSocketChannel.open()) {
            blackHole.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            int port = ((InetSocketAddress) blackHole.getLocalAddress()).getPort();
            List<SocketChannel> fillers = new ArrayList<>();
            try {
                run(() -> {
                    for (int i = 0; i < 2; i++) {
                        SocketChannel filler = SocketChannel.open();
                        fillers.add(filler);
                        filler.configureBlocking(false);
                        filler.connect(new InetSocketAddress("127.0.0.1", port));
                    }
                    long start = loop.time();
                    PeerConnection out = PeerConnection.connect(loop, loopback(port),
                            torrent(HASH_A, PeerId.generate(), new RecordingHandler(loop)),
                            PeerOptions.DEFAULTS.withConnectTimeout(Duration.ofSeconds(15)));
                    CloseReason reason = out.closed().await();
                    assertInstanceOf(ConnectTimeoutException.class, assertInstanceOf(CloseReason.ConnectFailed.class, reason).cause());
                    assertTrue(Math.abs(loop.time() - start - 15 * SECOND) < SECOND / 10);
                    assertFalse(out.connected().await());
                });
            } finally {
                for (SocketChannel filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void aConnectionToOurselvesIsDropped() {
        run(() -> {
            PeerId us = PeerId.generate();
            RecordingHandler listener = new RecordingHandler(loop);
            IncomingDispatcher dispatcher = listening(torrent(HASH_A, us, listener));
            PeerConnection out = dial(addressOf(dispatcher), torrent(HASH_A, us, new RecordingHandler(loop)));
            CloseReason reason = out.closed().await();
            assertInstanceOf(CloseReason.SelfConnection.class, reason);
            assertFalse(listener.handshake.done());
            dispatcher.close();
        });
    }

    @Test
    void duplicatePeerIdsAreTheTorrentsToRefuse() {
        run(() -> {
            Set<PeerId> connected = new HashSet<>();
            RecordingHandler seeder = new RecordingHandler(loop);
            seeder.onHandshake = c -> {
                if (!connected.add(c.remotePeerId())) {
                    c.close(new CloseReason.Duplicate(c.remotePeerId()));
                }
            };
            IncomingDispatcher dispatcher = listening(torrent(HASH_A, PeerId.generate(), seeder));
            PeerId twin = PeerId.generate();
            PeerConnection first = dial(addressOf(dispatcher), torrent(HASH_A, twin, new RecordingHandler(loop)));
            seeder.handshake.await();
            RecordingHandler second = new RecordingHandler(loop);
            PeerConnection again = dial(addressOf(dispatcher), torrent(HASH_A, twin, second));
            assertInstanceOf(CloseReason.RemoteClosed.class, second.closed.await());
            assertEquals(PeerConnection.State.OPEN, first.state());
            assertEquals(PeerConnection.State.CLOSED, again.state());
            dispatcher.close();
        });
    }

    /** Starts a scripted peer on loopback. */
    private static Server rawPeer(StreamHandler handler) {
        return Streams.startServer("127.0.0.1", 0, handler);
    }

    private static byte[] handshakeBytes(InfoHash hash) {
        ByteBuffer wire = Handshake.of(hash, PeerId.generate()).encode();
        byte[] bytes = new byte[wire.remaining()];
        wire.get(bytes);
        return bytes;
    }

    @Test
    void aPeerAnsweringForAnotherTorrentIsDropped() {
        run(() -> {
            Server server = rawPeer((reader, writer) -> {
                reader.readExactly(Handshake.LENGTH);
                writer.write(handshakeBytes(HASH_B));
                reader.read(1);
            });
            PeerConnection out = dial(loopback(server.port()), torrent(HASH_A, PeerId.generate(), new RecordingHandler(loop)));
            CloseReason reason = out.closed().await();
            assertEquals(new CloseReason.InfoHashMismatch(HASH_A, HASH_B), reason);
            assertTrue(reason.blamesPeer());
            server.close();
        });
    }

    @Test
    void keepAlivesGoOutAfterTwoIdleMinutesAndKeepTheConnection() {
        run(() -> {
            RecordingHandler seeder = new RecordingHandler(loop);
            IncomingDispatcher dispatcher = listening(torrent(HASH_A, PeerId.generate(), seeder));
            PeerConnection out = dial(addressOf(dispatcher), torrent(HASH_A, PeerId.generate(), new RecordingHandler(loop)));
            seeder.handshake.await();
            long start = loop.time();
            assertEquals(Message.KEEP_ALIVE, seeder.messages.get());
            long after = loop.time() - start;
            assertTrue(Math.abs(after - 120 * SECOND) < SECOND / 10, "first keep-alive after " + after + " ns");
            Async.sleep(Duration.ofMinutes(9));
            assertEquals(PeerConnection.State.OPEN, out.state());
            assertEquals(4, seeder.messages.size(), "one keep-alive every 2 minutes");
            dispatcher.close();
        });
    }

    @Test
    void aSilentPeerIsDroppedAfterThreeMinutes() {
        run(() -> {
            Server server = rawPeer((reader, writer) -> {
                writer.write(handshakeBytes(HASH_A));
                while (reader.read(65536).length > 0) {
                    // swallow our keep-alives and say nothing
                }
            });
            RecordingHandler recorder = new RecordingHandler(loop);
            PeerConnection out = dial(loopback(server.port()), torrent(HASH_A, PeerId.generate(), recorder));
            recorder.handshake.await();
            long start = loop.time();
            CloseReason reason = out.closed().await();
            long after = loop.time() - start;
            assertInstanceOf(CloseReason.IdleTimeout.class, reason);
            assertTrue(Math.abs(after - 180 * SECOND) < SECOND / 10, "dropped after " + after + " ns");
            server.close();
        });
    }

    @Test
    void aPeerThatNeverHandshakesTimesOut() {
        run(() -> {
            Event never = new Event();
            Server server = rawPeer((reader, writer) -> never.await());
            long start = loop.time();
            PeerConnection out = dial(loopback(server.port()), torrent(HASH_A, PeerId.generate(), new RecordingHandler(loop)));
            assertEquals(new CloseReason.HandshakeTimeout(PeerOptions.DEFAULTS.handshakeTimeout()), out.closed().await());
            assertTrue(Math.abs(loop.time() - start - 20 * SECOND) < SECOND / 10);
            never.set();
            server.close();
        });
    }

    @Test
    void aRefusedConnectIsReported() {
        run(() -> {
            Server server = rawPeer((reader, writer) -> { });
            int port = server.port();
            server.close();
            server.waitClosed().await();
            PeerConnection out = dial(loopback(port), torrent(HASH_A, PeerId.generate(), new RecordingHandler(loop)));
            CloseReason reason = out.closed().await();
            assertInstanceOf(ConnectionRefusedException.class, assertInstanceOf(CloseReason.ConnectFailed.class, reason).cause());
            assertFalse(out.connected().await());
        });
    }

    private CloseReason afterHandshakeThePeerSends(ByteBuffer bytes, RecordingHandler recorder) {
        byte[] frames = new byte[bytes.remaining()];
        bytes.get(frames);
        Server server = rawPeer((reader, writer) -> {
            writer.write(handshakeBytes(HASH_A));
            writer.write(frames);
            reader.read(1 << 16);
        });
        PeerConnection out = dial(loopback(server.port()), torrent(HASH_A, PeerId.generate(), recorder));
        CloseReason reason = out.closed().await();
        server.close();
        return reason;
    }

    @Test
    void aHostileFrameEndsTheConnection() {
        run(() -> {
            CloseReason reason = afterHandshakeThePeerSends(ByteBuffer.allocate(5).putInt(Integer.MIN_VALUE).put((byte) 7).flip(),
                    new RecordingHandler(loop));
            PeerProtocolException error = assertInstanceOf(CloseReason.ProtocolError.class, reason).error();
            assertEquals(Violation.FRAME_TOO_LONG, error.violation());
        });
    }

    /** aria2 1.36 sends a BITFIELD in place of many HAVEs once pieces pile up; it adds to the peer's pieces. */
    @Test
    void aBitfieldAfterOtherMessagesAddsToThePeersPieces() {
        run(() -> {
            RecordingHandler recorder = new RecordingHandler(loop);
            // pieces 2 and 3
            PeerConnection out = dialAPeerThatSendsAndCloses(recorder, new Message.Have(1),
                    new Message.BitfieldMessage(new byte[] {0x30, 0}));
            assertEquals(new Message.Have(1), recorder.next());
            assertInstanceOf(Message.BitfieldMessage.class, recorder.next());
            assertEquals(3, out.peerBitfield().cardinality(), out.peerBitfield()::toString);
            assertTrue(out.peerBitfield().get(1) && out.peerBitfield().get(2) && out.peerBitfield().get(3));
        });
    }

    @Test
    void messagesSentBeforeTheEndAreDelivered() {
        run(() -> {
            RecordingHandler recorder = new RecordingHandler(loop);
            PeerConnection out = dialAPeerThatSendsAndCloses(recorder, new Message.Have(3), Message.UNCHOKE);
            assertEquals(new Message.Have(3), recorder.next());
            assertEquals(Message.UNCHOKE, recorder.next());
            assertTrue(out.peerBitfield().get(3));
            assertFalse(out.peerChoking());
            assertInstanceOf(CloseReason.RemoteClosed.class, recorder.closed.await());
        });
    }

    /** Dials a raw peer that handshakes, sends {@code messages} and hangs up; returns once the connection has ended. */
    private PeerConnection dialAPeerThatSendsAndCloses(RecordingHandler recorder, Message... messages) throws Exception {
        ByteBuffer frames = ByteBuffer.allocate(64);
        for (Message message : messages) {
            MessageCodec.encode(message, frames);
        }
        frames.flip();
        byte[] bytes = new byte[frames.remaining()];
        frames.get(bytes);
        Server server = rawPeer((reader, writer) -> {
            writer.write(handshakeBytes(HASH_A));
            writer.write(bytes);
        });
        PeerConnection out = dial(loopback(server.port()), torrent(HASH_A, PeerId.generate(), recorder));
        assertInstanceOf(CloseReason.RemoteClosed.class, out.closed().await());
        server.close();
        return out;
    }

    @Test
    void aPeerThatStopsReadingBlocksTheSenderWithinBoundedMemory() {
        int maxQueued = 256 * 1024;
        int blocks = 2048; // 32 MiB: more than loopback's socket buffers hold
        long total = (long) blocks * (MessageCodec.PIECE_HEADER_LENGTH + MessageCodec.BLOCK_LENGTH);
        run(() -> {
            Event startReading = new Event();
            long[] received = new long[1];
            Future<Void> allReceived = loop.createFuture();
            Server server = rawPeer((reader, writer) -> {
                reader.readExactly(Handshake.LENGTH);
                writer.write(handshakeBytes(HASH_A));
                startReading.await();
                while (received[0] < total) {
                    received[0] += reader.read(1 << 16).length;
                }
                allReceived.setResult(null);
            });
            RecordingHandler recorder = new RecordingHandler(loop);
            PeerConnection out = PeerConnection.connect(loop, loopback(server.port()),
                    torrent(HASH_A, PeerId.generate(), recorder), PeerOptions.DEFAULTS.withMaxQueuedBytes(maxQueued));
            recorder.handshake.await();
            int[] sent = new int[1];
            int[] peakQueued = new int[1];
            Task<Void> sender = loop.createTask(() -> {
                byte[] data = new byte[MessageCodec.BLOCK_LENGTH];
                for (int i = 0; i < blocks; i++) {
                    out.send(new Message.Piece(i % PIECES, 0, ByteBuffer.wrap(data)));
                    sent[0]++;
                    peakQueued[0] = Math.max(peakQueued[0], out.queuedBytes());
                }
            });
            // Virtual time only moves once nothing is ready: the sender is parked and the sockets are full.
            Async.sleep(Duration.ofSeconds(30));
            assertFalse(sender.done(), "the sender should be waiting for the peer to read");
            assertTrue(sent[0] < blocks);
            int frame = MessageCodec.PIECE_HEADER_LENGTH + MessageCodec.BLOCK_LENGTH;
            assertTrue(peakQueued[0] <= maxQueued + frame, "queued " + peakQueued[0]);
            assertTrue(out.transportBufferedBytes() <= 64 * 1024 + frame, "transport holds " + out.transportBufferedBytes());
            startReading.set();
            sender.await();
            assertEquals(blocks, sent[0]);
            allReceived.await();
            assertEquals(total, received[0]);
            assertEquals(PeerConnection.State.OPEN, out.state());
            out.close();
            server.close();
        });
    }

    /**
     * A raw peer that handshakes, reads nothing until {@code startReading} is set, then collects what
     * it is sent until it has {@code expected[0]} bytes (set before reading starts) or the end.
     */
    private record IdleReader(PeerConnection out, Server server, java.io.ByteArrayOutputStream received,
            Future<Void> allReceived) {
    }

    private IdleReader connectToIdleReader(Event startReading, long[] expected, int maxQueued) {
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        Future<Void> allReceived = loop.createFuture();
        Server server = rawPeer((reader, writer) -> {
            reader.readExactly(Handshake.LENGTH);
            writer.write(handshakeBytes(HASH_A));
            startReading.await();
            while (received.size() < expected[0]) {
                byte[] chunk = reader.read(1 << 16);
                if (chunk.length == 0) {
                    break;
                }
                received.writeBytes(chunk);
            }
            allReceived.setResult(null);
        });
        RecordingHandler recorder = new RecordingHandler(loop);
        PeerConnection out = PeerConnection.connect(loop, loopback(server.port()),
                torrent(HASH_A, PeerId.generate(), recorder), PeerOptions.DEFAULTS.withMaxQueuedBytes(maxQueued));
        recorder.handshake.await();
        return new IdleReader(out, server, received, allReceived);
    }

    /** Sends PIECEs until the queue is past its cap, as an upload to a peer that does not read does. */
    private static void fillWithBlocks(PeerConnection out, int maxQueued) {
        byte[] data = new byte[MessageCodec.BLOCK_LENGTH];
        while (out.queuedBytes() < maxQueued) {
            assertTrue(out.trySend(new Message.Piece(0, 0, ByteBuffer.wrap(data))));
            if (out.queuedBytes() == 0) {
                Async.sleep(Duration.ZERO); // the socket still takes it: let the loop write
            }
        }
    }

    @Test
    void aBlockBufferIsTheSendersAgainAsSoonAsTheSendReturns() {
        int blocks = 600; // about 10 MiB: the socket takes the first ones at once, the rest wait in the queue
        long frameLength = MessageCodec.PIECE_HEADER_LENGTH + MessageCodec.BLOCK_LENGTH;
        run(() -> {
            Event startReading = new Event();
            IdleReader peer = connectToIdleReader(startReading, new long[] {blocks * frameLength}, 64 << 20);
            PeerConnection out = peer.out();
            ByteBuffer reused = ByteBuffer.allocateDirect(MessageCodec.BLOCK_LENGTH);
            for (int i = 0; i < blocks; i++) {
                reused.clear();
                while (reused.hasRemaining()) {
                    reused.put((byte) i);
                }
                assertTrue(out.trySend(new Message.Piece(i % PIECES, 0, reused.flip())));
            }
            assertTrue(out.queuedBytes() > 0, "some blocks had to wait");
            startReading.set();
            peer.allReceived().await();
            ByteBuffer frames = ByteBuffer.wrap(peer.received().toByteArray());
            for (int i = 0; i < blocks; i++) {
                frames.position((int) (i * frameLength + MessageCodec.PIECE_HEADER_LENGTH));
                assertEquals((byte) i, frames.get(), "block " + i + " kept its own bytes");
                frames.position((int) ((i + 1) * frameLength - 1));
                assertEquals((byte) i, frames.get(), "to its last byte");
            }
            out.close();
            peer.server().close();
        });
    }

    @Test
    void smallMessagesGetThroughWhileBlocksFillTheQueue() {
        int maxQueued = 64 * 1024;
        run(() -> {
            Event startReading = new Event();
            PeerConnection out = connectToIdleReader(startReading, new long[] {Long.MAX_VALUE}, maxQueued).out();
            fillWithBlocks(out, maxQueued);

            assertFalse(out.trySend(new Message.Piece(0, 0, ByteBuffer.wrap(new byte[16]))), "blocks wait for room");
            int queued = out.queuedBytes();
            assertTrue(out.trySend(new Message.Have(3)), "a HAVE is not dropped");
            assertTrue(out.trySend(Message.CHOKE), "nor is a CHOKE");
            assertTrue(out.amChoking());
            assertTrue(out.trySendRequests(List.of(new Block(1, 0, MessageCodec.BLOCK_LENGTH))), "nor are REQUESTs");
            assertEquals(queued + 9 + 5 + MessageCodec.REQUEST_FRAME_LENGTH, out.queuedBytes());
            assertEquals(PeerConnection.State.OPEN, out.state());

            startReading.set();
            while (out.queuedBytes() > 0) {
                Async.sleep(Duration.ofMillis(10));
            }
            assertEquals(PeerConnection.State.OPEN, out.state());
            out.close();
        });
    }

    @Test
    void aPeerThatReadsNothingIsDroppedOnceSmallMessagesFillTheirAllowance() {
        int maxQueued = 64 * 1024;
        run(() -> {
            PeerConnection out = connectToIdleReader(new Event(), new long[] {Long.MAX_VALUE}, maxQueued).out();
            fillWithBlocks(out, maxQueued);
            int room = maxQueued + PeerConnection.CONTROL_ALLOWANCE - out.queuedBytes();
            int haves = 0;
            while (out.trySend(new Message.Have(haves % PIECES))) {
                haves++;
            }
            assertEquals((room + 8) / 9, haves, "the allowance held HAVEs, then no more");
            assertInstanceOf(CloseReason.NotReading.class, out.closed().await());
            assertFalse(out.trySendRequests(List.of(new Block(1, 0, MessageCodec.BLOCK_LENGTH))));
        });
    }
}
