package dev.eddy.torrent.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.eddy.loop.Async;
import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.ExternalTool;
import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentBuilder;
import dev.eddy.torrent.tracker.PeerId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eddy's peer wire against a real libtorrent seeder (Debian's python3-libtorrent, driven by
 * {@code interop/lt_seed.py}): handshake, its bitfield, interested, unchoke, and one block checked
 * byte for byte. A missing python or libtorrent fails the test; it never skips.
 */
@Tag("interop")
class PeerWireInteropTest {
    private static final Duration STARTUP = Duration.ofSeconds(45);
    private static final Duration EXCHANGE = Duration.ofSeconds(30);
    private static final int PIECE_LENGTH = 32 * 1024;

    @TempDir
    Path temp;

    @Test
    void handshakeBitfieldAndOneBlockFromLibtorrent() throws Exception {
        ExternalTool.requireLibtorrent();
        byte[] payload = new byte[3 * PIECE_LENGTH + 5000];
        new Random(42).nextBytes(payload);
        Path data = temp.resolve("payload.bin");
        Files.write(data, payload);
        Path torrentFile = temp.resolve("payload.torrent");
        Metainfo metainfo = TorrentBuilder.of(data).pieceLength(PIECE_LENGTH).writeTo(torrentFile);
        Path script = Path.of("src", "test", "resources", "interop", "lt_seed.py").toAbsolutePath();

        Process seeder = new ProcessBuilder(ExternalTool.PYTHON.toString(), script.toString(), torrentFile.toString(),
                temp.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            int port = awaitReady(seeder);
            try (EventLoop loop = new EventLoop()) {
                loop.runUntilComplete(() -> Async.timeout(EXCHANGE, () -> {
                    exchange(loop, metainfo, port, payload);
                    return null;
                }));
            }
        } finally {
            seeder.getOutputStream().close(); // lt_seed.py seeds until its stdin closes
            if (!seeder.waitFor(10, TimeUnit.SECONDS)) {
                seeder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void exchange(EventLoop loop, Metainfo metainfo, int port, byte[] payload) {
        RecordingHandler handler = new RecordingHandler(loop);
        PeerTorrent torrent = new PeerTorrent(metainfo.infoHash(), PeerId.generate(), metainfo.pieceCount(), handler);
        PeerAddress address;
        try {
            address = new PeerAddress(InetAddress.getByName("127.0.0.1"), port);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        PeerConnection connection = PeerConnection.connect(loop, address, torrent, PeerOptions.DEFAULTS);
        assertEquals(connection, handler.handshake.await(), "handshake with libtorrent: " + connection.closeReason());
        System.out.println("libtorrent handshake: " + connection.remoteHandshake() + ", peer id "
                + new String(connection.remotePeerId().bytes(), 0, 8, StandardCharsets.US_ASCII));

        Message first = handler.next();
        assertInstanceOf(Message.BitfieldMessage.class, first, "libtorrent's first message");
        assertTrue(connection.peerBitfield().isComplete(), "the seeder has every piece: " + connection.peerBitfield());

        assertTrue(connection.trySend(Message.INTERESTED));
        Message reply;
        do {
            reply = handler.next();
        } while (!(reply instanceof Message.Unchoke));
        assertEquals(false, connection.peerChoking());

        int piece = 1;
        int offset = MessageCodec.BLOCK_LENGTH;
        assertTrue(connection.trySend(new Message.Request(piece, offset, MessageCodec.BLOCK_LENGTH)));
        Message answer;
        do {
            answer = handler.next();
        } while (!(answer instanceof Message.Piece));
        Message.Piece block = (Message.Piece) answer;
        assertEquals(piece, block.piece());
        assertEquals(offset, block.offset());
        byte[] received = new byte[block.length()];
        block.block().duplicate().get(received);
        int start = piece * PIECE_LENGTH + offset;
        assertArrayEquals(Arrays.copyOfRange(payload, start, start + MessageCodec.BLOCK_LENGTH), received);
        assertEquals(MessageCodec.BLOCK_LENGTH, connection.downloaded());

        connection.close();
        assertInstanceOf(CloseReason.LocalStop.class, connection.closed().await());
    }

    /** Reads the seeder's stdout on a thread of its own, with a deadline, until its READY line. */
    private static int awaitReady(Process seeder) throws InterruptedException {
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(seeder.getInputStream(), StandardCharsets.UTF_8));
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("READY ")) {
                        return line;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String line = ready.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
            if (line == null) {
                int exit = seeder.waitFor(5, TimeUnit.SECONDS) ? seeder.exitValue() : -1;
                return fail("lt_seed.py ended before seeding (exit " + exit + "); its stderr is above");
            }
            return Integer.parseInt(line.substring("READY ".length()).trim());
        } catch (TimeoutException e) {
            return fail("lt_seed.py did not report READY within " + STARTUP);
        } catch (ExecutionException e) {
            return fail("reading lt_seed.py's output failed", e);
        }
    }
}
