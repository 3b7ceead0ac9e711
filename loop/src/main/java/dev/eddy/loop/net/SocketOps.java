package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Low-level socket operations on non-blocking NIO channels, for code that wants sockets rather
 * than transports, like asyncio's {@code loop.sock_*}. Each returns a future on the current loop
 * (await it inside a task). Each first tries the operation at once, and waits for readiness only
 * if the socket is not ready. At most one operation per direction may wait on a channel at a time.
 *
 * <p>Failures arrive as {@link ConnectionException}s. Cancelling the returned future stops the
 * operation; it never leaves the channel half-used except for {@link #sockSendAll}, which may have
 * sent part of the data.
 */
public final class SocketOps {
    private SocketOps() {}

    /** One try at an operation: completes {@code result} and says {@code true}, or says {@code false} when the socket is not ready. */
    @FunctionalInterface
    private interface Attempt<T> {
        boolean tryOnce(Future<T> result) throws IOException;
    }

    /**
     * Connects {@code channel} to {@code address}.
     *
     * @return a future done when connected; failed with {@link ConnectionRefusedException} if
     *     nothing listens there
     */
    public static Future<Void> sockConnect(SocketChannel channel, SocketAddress address) {
        EventLoop loop = EventLoop.current();
        requireNonBlocking(channel);
        try {
            if (channel.connect(address)) {
                Future<Void> connected = loop.createFuture();
                connected.setResult(null);
                return connected;
            }
        } catch (IOException | RuntimeException e) {
            Future<Void> failed = loop.createFuture();
            failed.setException(ConnectionException.from(e, address));
            return failed;
        }
        return attempt(loop, channel, SelectionKey.OP_CONNECT, address, result -> {
            if (!channel.finishConnect()) {
                return false;
            }
            result.setResult(null);
            return true;
        });
    }

    /**
     * Accepts a connection on {@code listener}.
     *
     * @return a future with the accepted channel, already non-blocking
     */
    public static Future<SocketChannel> sockAccept(ServerSocketChannel listener) {
        EventLoop loop = EventLoop.current();
        requireNonBlocking(listener);
        return attempt(loop, listener, SelectionKey.OP_ACCEPT, null, result -> {
            SocketChannel accepted = listener.accept();
            if (accepted == null) {
                return false;
            }
            accepted.configureBlocking(false);
            result.setResult(accepted);
            return true;
        });
    }

    /**
     * Receives up to {@code maxBytes} bytes from {@code channel}.
     *
     * @return a future with a new buffer of the bytes received, ready to read; empty at end of stream
     */
    public static Future<ByteBuffer> sockRecv(SocketChannel channel, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
        }
        EventLoop loop = EventLoop.current();
        requireNonBlocking(channel);
        return attempt(loop, channel, SelectionKey.OP_READ, remote(channel), result -> {
            ByteBuffer shared = SharedReadBuffer.get().target;
            shared.clear().limit(Math.min(maxBytes, shared.capacity()));
            int count = channel.read(shared);
            if (count == 0) {
                return false;
            }
            ByteBuffer received = ByteBuffer.allocate(Math.max(count, 0));
            if (count > 0) {
                received.put(shared.flip()).flip();
            }
            result.setResult(received);
            return true;
        });
    }

    /**
     * Receives bytes from {@code channel} into {@code buffer}'s remaining space, without a copy.
     *
     * @return a future with how many bytes arrived; {@code 0} at end of stream
     * @throws IllegalArgumentException if the buffer has no room
     */
    public static Future<Integer> sockRecvInto(SocketChannel channel, ByteBuffer buffer) {
        if (!buffer.hasRemaining()) {
            throw new IllegalArgumentException("the buffer has no room to receive into: " + buffer);
        }
        EventLoop loop = EventLoop.current();
        requireNonBlocking(channel);
        return attempt(loop, channel, SelectionKey.OP_READ, remote(channel), result -> {
            int count = channel.read(buffer);
            if (count == 0) {
                return false;
            }
            result.setResult(Math.max(count, 0));
            return true;
        });
    }

    /**
     * Sends all of {@code data}'s remaining bytes, waiting for room in the socket as often as needed.
     *
     * @return a future done once everything was handed to the system
     */
    public static Future<Void> sockSendAll(SocketChannel channel, ByteBuffer data) {
        EventLoop loop = EventLoop.current();
        requireNonBlocking(channel);
        return attempt(loop, channel, SelectionKey.OP_WRITE, remote(channel), result -> {
            channel.write(data);
            if (data.hasRemaining()) {
                return false;
            }
            result.setResult(null);
            return true;
        });
    }

    private static <T> Future<T> attempt(EventLoop loop, SelectableChannel channel, int op, SocketAddress address,
            Attempt<T> attempt) {
        Future<T> result = loop.createFuture();
        new Retry<>(loop, channel, op, address, attempt, result).run();
        return result;
    }

    /** Tries the operation, and again each time the channel is ready, until it completes or fails. */
    private static final class Retry<T> implements Runnable {
        private final EventLoop loop;
        private final SelectableChannel channel;
        private final int op;
        private final SocketAddress address;
        private final Attempt<T> attempt;
        private final Future<T> result;
        private boolean watchingCancel;

        Retry(EventLoop loop, SelectableChannel channel, int op, SocketAddress address, Attempt<T> attempt,
                Future<T> result) {
            this.loop = loop;
            this.channel = channel;
            this.op = op;
            this.address = address;
            this.attempt = attempt;
            this.result = result;
        }

        @Override
        public void run() {
            if (result.done()) {
                return;
            }
            try {
                if (attempt.tryOnce(result)) {
                    return;
                }
                ChannelWaiters.of(channel).await(loop, channel, op, this);
                if (!watchingCancel) {
                    watchingCancel = true;
                    result.addDoneCallback(done -> {
                        if (done.cancelled()) {
                            ChannelWaiters.of(channel).cancel(loop, channel, this);
                        }
                    });
                }
            } catch (IOException | RuntimeException e) {
                result.setException(ConnectionException.from(e, address));
            }
        }
    }

    private static SocketAddress remote(SocketChannel channel) {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static void requireNonBlocking(SelectableChannel channel) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the channel must be in non-blocking mode: " + channel);
        }
    }
}
