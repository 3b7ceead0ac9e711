package dev.eddy.torrent.peer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Collects what a codec decodes; blocks are copied into {@link Message.Piece}s. */
final class RecordingSink implements MessageCodec.Sink {
    final List<Message> messages = new ArrayList<>();

    @Override
    public void onMessage(Message message) {
        messages.add(message);
    }

    @Override
    public void onBlock(int piece, int offset, ByteBuffer block) {
        ByteBuffer copy = ByteBuffer.allocate(block.remaining());
        copy.put(block).flip();
        messages.add(new Message.Piece(piece, offset, copy));
    }
}
