package dev.eddy.torrent.peer;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.sync.Queue;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** A handler that queues everything it hears (blocks copied into {@link Message.Piece}s) for a test to await. */
final class RecordingHandler implements PeerHandler {
    final Queue<Message> messages = new Queue<>();
    final Future<PeerConnection> handshake;
    final Future<CloseReason> closed;
    /** What to do on the handshake, before the test hears of it. */
    Consumer<PeerConnection> onHandshake = connection -> { };

    RecordingHandler(EventLoop loop) {
        handshake = loop.createFuture();
        closed = loop.createFuture();
    }

    @Override
    public void onHandshake(PeerConnection connection) {
        onHandshake.accept(connection);
        if (!handshake.done()) {
            handshake.setResult(connection);
        }
    }

    @Override
    public void onMessage(PeerConnection connection, Message message) {
        messages.putNowait(message);
    }

    @Override
    public void onBlock(PeerConnection connection, int piece, int offset, ByteBuffer block) {
        ByteBuffer copy = ByteBuffer.allocate(block.remaining()).put(block).flip();
        messages.putNowait(new Message.Piece(piece, offset, copy));
    }

    @Override
    public void onClosed(PeerConnection connection, CloseReason reason) {
        closed.setResult(reason);
    }

    /** Awaits the next message that is not a keep-alive. */
    Message next() {
        while (true) {
            Message message = messages.get();
            if (!(message instanceof Message.KeepAlive)) {
                return message;
            }
        }
    }
}
