package dev.eddy.loop.net;

import java.nio.ByteBuffer;

/**
 * The one read buffer that every plain-protocol transport on a loop thread reads into, so an idle
 * connection holds no buffer of its own. Safe because the loop runs one callback at a time and a
 * transport hands the bytes to its protocol before the next read.
 */
final class SharedReadBuffer {
    /**
     * The size of one read, and so the most one {@code dataReceived} call sees. As large as asyncio's
     * reads: a 100 KiB message then takes one read system call instead of two, which cut the echo
     * benchmark's server CPU per 100 KiB message by about a quarter (bench/net.sh echo). One buffer
     * per loop thread, so the size costs no memory per connection.
     */
    static final int SIZE = 256 * 1024;

    private static final ThreadLocal<SharedReadBuffer> PER_THREAD = ThreadLocal.withInitial(SharedReadBuffer::new);

    /** Direct, so the socket reads straight into it instead of through a JDK-internal temporary. */
    final ByteBuffer target = ByteBuffer.allocateDirect(SIZE);
    /** What protocols see: read-only over {@link #target}, reset for each read. */
    private final ByteBuffer view = target.asReadOnlyBuffer();

    private SharedReadBuffer() {}

    /** The buffer of the calling (loop) thread. */
    static SharedReadBuffer get() {
        return PER_THREAD.get();
    }

    /** A read-only view of the first {@code count} bytes of {@link #target}, valid until the next read. */
    ByteBuffer received(int count) {
        view.limit(count).position(0);
        return view;
    }
}
