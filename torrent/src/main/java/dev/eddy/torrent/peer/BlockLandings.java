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
 * move a missed forecast there. Nothing is allocated per block: each of the read's slots keeps a
 * view of the piece buffer it last pointed into and only moves it, making a new view only when the
 * slot moves to another piece. Used on the loop thread only.
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
    /** The piece buffer of each foretold block, as the handler named it. */
    private final ByteBuffer[] pieceBuffers = new ByteBuffer[MAX_BLOCKS];
    /** Each slot's view of a piece buffer, set around its block's bytes for the read in flight. */
    private final ByteBuffer[] targets = new ByteBuffer[MAX_BLOCKS];
    /** The piece buffer each slot's view is of. */
    private final ByteBuffer[] viewed = new ByteBuffer[MAX_BLOCKS];
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
        int named = handler.landings(connection, blocks, pieceBuffers);
        if (named == 0 || unread > 0 && !startsFirstFrame(readBuffer, unreadFrom, unread)) {
            clear(0, named);
            forgetViews(0);
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
            into[buffers++] = aim(foretold);
            foretold++;
        }
        clear(foretold, named);
        forgetViews(foretold);
        if (foretold == 0) {
            return 0; // a read buffer smaller than one frame: read plainly
        }
        if (continued) {
            copy(readBuffer, unreadFrom + HEADER, unread - HEADER, targets[0]);
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
                && matches(readBuffer, from, blocks[0]);
    }

    private static boolean matches(ByteBuffer header, Block block) {
        return matches(header, 0, block);
    }

    /** Whether the 13 bytes at {@code at} are the header of {@code block}'s PIECE frame. */
    private static boolean matches(ByteBuffer bytes, int at, Block block) {
        return bytes.getInt(at) == 9 + block.length() && bytes.get(at + 4) == PIECE
                && bytes.getInt(at + 5) == block.piece() && bytes.getInt(at + 9) == block.offset();
    }

    /** Points slot {@code k}'s view at its block's bytes, making a view only for a new piece buffer. */
    private ByteBuffer aim(int k) {
        if (viewed[k] != pieceBuffers[k]) {
            viewed[k] = pieceBuffers[k];
            targets[k] = pieceBuffers[k].duplicate();
        }
        Block block = blocks[k];
        return targets[k].clear().limit(block.offset() + block.length()).position(block.offset());
    }

    /** Lets go of the views of slots from {@code from} on, so no view holds a piece buffer nobody uses. */
    private void forgetViews(int from) {
        for (int k = from; k < MAX_BLOCKS; k++) {
            targets[k] = null;
            viewed[k] = null;
        }
    }

    /** Appends {@code count} bytes of {@code from}, starting at {@code at}, to {@code to}. */
    private static void copy(ByteBuffer from, int at, int count, ByteBuffer to) {
        to.put(to.position(), from, at, count).position(to.position() + count);
    }

    /** Moves what arrived of block {@code k}'s frame, header and data, to the read buffer. */
    private void spill(int k, ByteBuffer readBuffer) {
        if (k > 0 || !continued) {
            readBuffer.put(headers[k].flip());
        } else {
            Block block = blocks[0]; // its header was taken from the read buffer: put it back as it was
            readBuffer.putInt(9 + block.length()).put(PIECE).putInt(block.piece()).putInt(block.offset());
        }
        int start = blocks[k].offset();
        copy(targets[k], start, targets[k].position() - start, readBuffer);
    }

    private void clear(int from, int to) {
        for (int k = from; k < to; k++) {
            blocks[k] = null;
            pieceBuffers[k] = null;
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
