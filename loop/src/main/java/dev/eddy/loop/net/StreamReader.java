package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The receiving side of a stream connection, at coroutine level: each read suspends the calling
 * task until enough bytes have arrived. Works over any {@link Transport} (TCP, TLS) through
 * {@link Streams}.
 *
 * <p>Holds at most about {@link #limit()} bytes: past it the transport stops reading until the
 * task catches up, so a fast sender never grows memory without bound. An idle reader holds no
 * buffer at all.
 *
 * <p>One task reads at a time; a second task that reads while the first waits gets an
 * {@link IllegalStateException}. Used on the loop thread only.
 */
public final class StreamReader {
    /** The default limit: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    /** A buffer this small is kept when it empties; a larger one is dropped so idle readers hold little. */
    private static final int KEEP_WHEN_EMPTY = 2 * 1024;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};

    private final EventLoop loop;
    private final int limit;
    private byte[] buffer;
    private int start;
    private int end;
    private boolean eof;
    private Throwable failure;
    private Transport transport;
    private boolean paused;
    private Future<Void> waiter;

    StreamReader(EventLoop loop, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be positive, not " + limit);
        }
        this.loop = loop;
        this.limit = limit;
    }

    // ---------------------------------------------------------------- fed by the protocol

    void setTransport(Transport source) {
        this.transport = source;
    }

    void feedData(ByteBuffer data) {
        int count = data.remaining();
        if (count == 0) {
            return;
        }
        makeRoom(count);
        data.get(buffer, end, count);
        end += count;
        wakeWaiter();
        if (!paused && transport != null && size() > limit) {
            paused = true;
            transport.pauseReading();
        }
    }

    void feedEof() {
        eof = true;
        wakeWaiter();
    }

    void setException(Throwable error) {
        failure = error;
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.done()) {
                w.setException(error);
            }
        }
    }

    private void wakeWaiter() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    private void makeRoom(int count) {
        if (buffer == null) {
            buffer = new byte[Math.max(count, 512)];
            return;
        }
        if (buffer.length - end >= count) {
            return;
        }
        int size = size();
        if (buffer.length - size >= count) {
            System.arraycopy(buffer, start, buffer, 0, size);
        } else {
            byte[] bigger = new byte[Math.max(buffer.length * 2, size + count)];
            System.arraycopy(buffer, start, bigger, 0, size);
            buffer = bigger;
        }
        start = 0;
        end = size;
    }

    // ---------------------------------------------------------------- read by the task

    /** The most bytes the reader holds before it pauses the transport. */
    public int limit() {
        return limit;
    }

    /** Whether the stream has ended and every byte was read. */
    public boolean atEof() {
        return eof && size() == 0;
    }

    /** The error the connection failed with, or {@code null}. */
    public Throwable exception() {
        return failure;
    }

    /**
     * Reads up to {@code n} bytes: whatever has arrived, waiting only if nothing has.
     *
     * @return the bytes, empty at the end of the stream (or if {@code n} is 0)
     */
    public byte[] read(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, not " + n);
        }
        if (n == 0) {
            return EMPTY;
        }
        while (size() == 0 && !eof) {
            waitForData("read");
        }
        return take(Math.min(n, size()));
    }

    /**
     * Reads exactly {@code n} bytes, waiting as long as it takes.
     *
     * @throws IncompleteReadException if the stream ends first; it carries the bytes that came
     */
    public byte[] readExactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, not " + n);
        }
        while (size() < n) {
            if (eof) {
                throw new IncompleteReadException(take(size()), n);
            }
            waitForData("readExactly");
        }
        return take(n);
    }

    /**
     * Reads one line, up to and including {@code '\n'}. At the end of the stream, returns what is
     * left (without a newline), and then empty arrays.
     *
     * @throws LimitOverrunException if no newline comes within the limit; the bytes stay in the reader
     */
    public byte[] readLine() {
        return readUntil(NEWLINE, true);
    }

    /**
     * Reads up to and including {@code separator}.
     *
     * @throws LimitOverrunException if the separator does not end within the limit; the bytes stay
     *     in the reader
     * @throws IncompleteReadException if the stream ends first; it carries the bytes that came
     */
    public byte[] readUntil(byte[] separator) {
        return readUntil(separator, false);
    }

    private byte[] readUntil(byte[] separator, boolean restAtEof) {
        if (separator.length == 0) {
            throw new IllegalArgumentException("the separator must not be empty");
        }
        int searched = 0;
        while (true) {
            int found = indexOf(separator, searched);
            if (found >= 0) {
                int length = found + separator.length;
                if (length > limit) {
                    throw overrun(separator);
                }
                return take(length);
            }
            if (size() > limit) {
                throw overrun(separator);
            }
            if (eof) {
                if (restAtEof) {
                    return take(size());
                }
                throw new IncompleteReadException(take(size()), -1);
            }
            // Only the bytes that arrive next can complete the separator; don't scan the rest again.
            searched = Math.max(0, size() - separator.length + 1);
            waitForData("readUntil");
        }
    }

    private LimitOverrunException overrun(byte[] separator) {
        return new LimitOverrunException("no separator " + Arrays.toString(separator) + " within the limit of "
                + limit + " bytes (" + size() + " buffered)", size());
    }

    private int indexOf(byte[] separator, int from) {
        byte first = separator[0];
        int last = end - separator.length;
        outer:
        for (int i = start + from; i <= last; i++) {
            if (buffer[i] != first) {
                continue;
            }
            for (int j = 1; j < separator.length; j++) {
                if (buffer[i + j] != separator[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    private int size() {
        return end - start;
    }

    /** The transport it reads from; for tests. */
    Transport transport() {
        return transport;
    }

    /** How many bytes are waiting to be read; for tests. */
    int buffered() {
        return size();
    }

    /** How many bytes of heap the reader holds for its buffer; for tests. */
    int bufferCapacity() {
        return buffer == null ? 0 : buffer.length;
    }

    private byte[] take(int n) {
        if (n == 0) {
            return EMPTY;
        }
        byte[] out = Arrays.copyOfRange(buffer, start, start + n);
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
            if (buffer.length > KEEP_WHEN_EMPTY) {
                buffer = null;
            }
        }
        if (paused && size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
        return out;
    }

    private void waitForData(String operation) {
        if (failure != null) {
            throw ConnectionException.unchecked(failure);
        }
        if (waiter != null) {
            throw new IllegalStateException(operation + "() called while another task is already waiting on this reader");
        }
        if (paused) {
            // Waiting for more than the limit holds (a long readExactly): let bytes in again.
            paused = false;
            transport.resumeReading();
        }
        Future<Void> w = loop.createFuture();
        waiter = w;
        try {
            w.await();
        } finally {
            if (waiter == w) {
                waiter = null;
            }
        }
    }
}
