package dev.eddy.torrent.peer;

import dev.eddy.torrent.pieces.Block;
import java.nio.ByteBuffer;

/**
 * Reads a connection's PIECE data straight into piece buffers. One scattering read takes the frames
 * the peer should send next: each frame's 13-byte header into a small buffer of this class, each
 * block's data into its place in its piece buffer. The data skips the read buffer and the copy out
 * of it, which was 7% of a 1 GiB download's CPU (perf, {@code bench/swarm.sh}).
 *
 * <p>A peer answers requests in the order they were made, so the next frames can be foretold from
 * the outstanding requests ({@link PeerHandler#landings}). Each header is checked once it has
 * arrived; whatever did not match the forecast (a HAVE between two blocks, a block out of order, a
 * read that ended inside a frame) is moved to the read buffer in stream order, where the decoder
 * takes it as usual. A connection whose first frame misses read after read is read the usual way
 * from then on.
 *
 * <p>The reads never take more than the read buffer could hold, so that there is always room to
 * move a missed forecast there. Used on the loop thread only.
 */
final class BlockLandings {
    /** The most blocks one read is foretold: two buffers each, within {@link dev.eddy.loop.net.BufferedProtocol#MAX_SCATTER}. */
    static final int MAX_BLOCKS = 7;
    /**
     * Reads in a row whose first frame was not the one foretold, before giving up on a connection.
     * Not fewer: libtorrent reads blocks from disk on several threads and sends each when its read
     * is done, so its order slips now and then, a few reads in a row, while five in six of its
     * blocks still land (measured with {@code bench/swarm.sh}).
     */
    static final int MISSES_TO_GIVE_UP = 64;
    private static final int HEADER = MessageCodec.PIECE_HEADER_LENGTH;
    private static final byte PIECE = 7;

    private final ByteBuffer[] headers = new ByteBuffer[MAX_BLOCKS];
    private final Block[] blocks = new Block[MAX_BLOCKS];
    private final ByteBuffer[] targets = new ByteBuffer[MAX_BLOCKS];
    /** Blocks foretold for the read in flight; 0 between reads. */
    private int foretold;
    /** Whether the first block's header, and some of its data, had arrived before the read. */
    private boolean continued;
    /** Blocks of the last read that are in place and not yet delivered: {@code blocks[0, landed)}. */
    private int landed;
    private int misses;

    BlockLandings() {
        ByteBuffer area = ByteBuffer.allocateDirect(MAX_BLOCKS * HEADER);
        for (int i = 0; i < MAX_BLOCKS; i++) {
            headers[i] = area.slice(i * HEADER, HEADER);
        }
    }

    /** {@return whether a read may be foretold now: the last one's blocks are delivered, and the peer keeps to its order} */
    boolean ready() {
        return landed == 0 && misses < MISSES_TO_GIVE_UP;
    }

    /**
     * Foretells the next read. The read buffer must hold nothing undecoded but, at most, the start
     * of the first foretold block's frame; that start is taken out of it (its data copied into
     * place) and the buffer is cleared.
     *
     * @param into receives the buffers to read into, in order
     * @param readBuffer the connection's read buffer, filled up to its position
     * @param unreadFrom where its undecoded bytes start
     * @param handler names the landings
     * @param connection the connection, for the handler
     * @return how many buffers were put in {@code into}; 0 for a plain read, with nothing changed
     */
    int prepare(ByteBuffer[] into, ByteBuffer readBuffer, int unreadFrom, PeerHandler handler, PeerConnection connection) {
        int unread = readBuffer.position() - unreadFrom;
        int named = handler.landings(connection, blocks, targets);
        if (named == 0 || unread > 0 && !startsFirstFrame(readBuffer, unreadFrom, unread)) {
            clear(0, named);
            return 0;
        }
        int room = readBuffer.capacity();
        int buffers = 0;
        foretold = 0;
        continued = unread > 0;
        while (foretold < named && HEADER + blocks[foretold].length() <= room) {
            room -= HEADER + blocks[foretold].length();
            if (foretold > 0 || !continued) {
                into[buffers++] = headers[foretold].clear();
            }
            into[buffers++] = targets[foretold];
            foretold++;
        }
        clear(foretold, named);
        if (foretold == 0) {
            return 0; // a read buffer smaller than one frame: read plainly
        }
        if (continued) {
            targets[0].put(readBuffer.slice(unreadFrom + HEADER, unread - HEADER));
        }
        readBuffer.clear();
        return buffers;
    }

    /**
     * Settles the read: counts the foretold blocks that arrived whole and as foretold, and moves
     * every byte after them to the read buffer, which {@link #prepare} cleared and left room for.
     *
     * @param readBuffer the connection's read buffer
     */
    void settle(ByteBuffer readBuffer) {
        int whole = 0;
        boolean missed = false;
        while (whole < foretold) {
            if (whole > 0 || !continued) {
                ByteBuffer header = headers[whole];
                if (header.hasRemaining() || !matches(header, blocks[whole])) {
                    missed = !header.hasRemaining();
                    break;
                }
            }
            if (targets[whole].hasRemaining()) {
                break;
            }
            whole++;
        }
        for (int k = whole; k < foretold; k++) {
            spill(k, readBuffer);
        }
        if (whole > 0) {
            misses = 0;
        } else if (missed) {
            misses++;
        }
        for (int k = 0; k < foretold; k++) {
            targets[k] = null;
        }
        clear(whole, foretold);
        landed = whole;
        foretold = 0;
    }

    /**
     * Hands the blocks that landed to the connection, oldest first.
     *
     * @param sink where each goes
     */
    void deliver(Sink sink) {
        int count = landed;
        landed = 0;
        for (int k = 0; k < count; k++) {
            Block block = blocks[k];
            blocks[k] = null;
            sink.onBlockLanded(block.piece(), block.offset(), block.length());
        }
    }

    /** Whether the undecoded bytes are the start of the first foretold block's frame, header whole, data not. */
    private boolean startsFirstFrame(ByteBuffer readBuffer, int from, int unread) {
        return unread >= HEADER && unread < HEADER + blocks[0].length()
                && matches(readBuffer.slice(from, HEADER), blocks[0]);
    }

    private static boolean matches(ByteBuffer header, Block block) {
        return header.getInt(0) == 9 + block.length() && header.get(4) == PIECE
                && header.getInt(5) == block.piece() && header.getInt(9) == block.offset();
    }

    /** Moves what arrived of block {@code k}'s frame, header and data, to the read buffer. */
    private void spill(int k, ByteBuffer readBuffer) {
        if (k > 0 || !continued) {
            readBuffer.put(headers[k].flip());
        } else {
            Block block = blocks[0]; // its header was taken from the read buffer: put it back as it was
            readBuffer.putInt(9 + block.length()).put(PIECE).putInt(block.piece()).putInt(block.offset());
        }
        readBuffer.put(targets[k].flip());
    }

    private void clear(int from, int to) {
        for (int k = from; k < to; k++) {
            blocks[k] = null;
            targets[k] = null;
        }
    }

    /** Where landed blocks are delivered. */
    interface Sink {
        /**
         * A block's data is in place.
         *
         * @param piece its piece
         * @param offset its offset in the piece
         * @param length its length
         */
        void onBlockLanded(int piece, int offset, int length);
    }

    /** {@return how many reads in a row missed at their first frame; for tests} */
    int misses() {
        return misses;
    }
}
