package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A test protocol that keeps what it hears and lets a task await the next datagram or error. */
final class DatagramRecorder implements DatagramProtocol {
    /** A datagram as received: a copy of its bytes and its sender. */
    record Received(byte[] bytes, SocketAddress sender) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Everything of one kind that arrived, handed out in order to whoever asks next. */
    static final class Inbox<T> {
        final List<T> all = new ArrayList<>();
        private final EventLoop loop;
        private final ArrayDeque<Future<T>> waiters = new ArrayDeque<>();
        private int handedOut;

        Inbox(EventLoop loop) {
            this.loop = loop;
        }

        void add(T item) {
            all.add(item);
            if (!waiters.isEmpty()) {
                waiters.poll().setResult(all.get(handedOut++));
            }
        }

        /** The next item not yet handed out, now or once it arrives. */
        Future<T> next() {
            Future<T> future = loop.createFuture();
            if (handedOut < all.size()) {
                future.setResult(all.get(handedOut++));
            } else {
                waiters.add(future);
            }
            return future;
        }
    }

    final Inbox<Received> received;
    final Inbox<Exception> failures;
    final List<Received> datagrams;
    final List<Exception> errors;
    final Future<Throwable> lost;
    DatagramTransport transport;
    boolean echo;

    DatagramRecorder(EventLoop loop) {
        this.lost = loop.createFuture();
        this.received = new Inbox<>(loop);
        this.failures = new Inbox<>(loop);
        this.datagrams = received.all;
        this.errors = failures.all;
    }

    /** A recorder that also sends each datagram straight back to its sender. */
    static DatagramRecorder echoing(EventLoop loop) {
        DatagramRecorder recorder = new DatagramRecorder(loop);
        recorder.echo = true;
        return recorder;
    }

    @Override
    public void connectionMade(DatagramTransport made) {
        transport = made;
    }

    @Override
    public void datagramReceived(ByteBuffer data, SocketAddress sender) {
        if (echo) {
            transport.sendTo(data.duplicate(), transport.peerAddress() != null ? null : sender);
        }
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        received.add(new Received(bytes, sender));
    }

    @Override
    public void errorReceived(Exception error) {
        failures.add(error);
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost.setResult(cause);
    }

    /** The next datagram not yet handed out. */
    Future<Received> next() {
        return received.next();
    }

    /** The next error not yet handed out. */
    Future<Exception> nextError() {
        return failures.next();
    }

    static ByteBuffer text(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
