package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.TimeoutException;
import dev.eddy.loop.TimerHandle;
import java.io.UncheckedIOException;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Request and reply over one UDP endpoint: send a datagram, await the datagram that answers it,
 * with a timeout and optional retransmission. Many requests may be outstanding at once, as in a
 * DHT or a UDP tracker client (BEP 15).
 *
 * <p>This is the endpoint's {@link DatagramProtocol}. Each incoming datagram goes through the
 * {@code replyKey} function, which reads the key that ties a reply to its request (a transaction
 * id, say) or returns {@code null} for a datagram that is not a reply. A datagram whose key names
 * an outstanding request, and which comes from that request's target, completes it; looking it up
 * is one hash lookup, however many requests are outstanding. Every other datagram (garbage, an
 * unknown or late key, a reply from the wrong address) goes to the {@code others} protocol, which
 * by default ignores it; a DHT node answers incoming queries there.
 *
 * <pre>{@code
 * var requests = new DatagramRequests<Integer>((datagram, sender) ->
 *         datagram.remaining() >= 8 ? datagram.getInt(datagram.position() + 4) : null);
 * Datagrams.createEndpoint(loop, null, null, () -> requests).await();
 * ByteBuffer reply = requests.request(tracker, connectRequest, transactionId, Duration.ofSeconds(15), 9);
 * }</pre>
 *
 * @param <K> the type of the key that matches a reply to its request; it needs {@code equals} and
 *     {@code hashCode}
 */
public final class DatagramRequests<K> implements DatagramProtocol {
    private final BiFunction<ByteBuffer, SocketAddress, K> replyKey;
    private final DatagramProtocol others;
    private final Map<K, Outstanding> outstanding = new HashMap<>();
    private DatagramTransport transport;
    private EventLoop loop;

    /**
     * Requests whose replies carry a key read by {@code replyKey}; datagrams that are not replies
     * are ignored.
     *
     * @param replyKey reads the key from a datagram and its sender, or returns {@code null} if it
     *     is not a reply. It may read the buffer freely (its position and limit are restored), but
     *     must not throw on malformed input: every datagram is untrusted.
     */
    public DatagramRequests(BiFunction<ByteBuffer, SocketAddress, K> replyKey) {
        this(replyKey, new DatagramProtocol() {});
    }

    /**
     * Requests as above, handing every datagram that is not a reply to an outstanding request,
     * and every event of the endpoint, to {@code others}.
     */
    public DatagramRequests(BiFunction<ByteBuffer, SocketAddress, K> replyKey, DatagramProtocol others) {
        this.replyKey = Objects.requireNonNull(replyKey, "replyKey");
        this.others = Objects.requireNonNull(others, "others");
    }

    /** The endpoint's transport, or {@code null} before it is open. */
    public DatagramTransport transport() {
        return transport;
    }

    /** How many requests await their replies. */
    public int outstanding() {
        return outstanding.size();
    }

    /**
     * Sends {@code payload} to {@code target} and suspends the current task until the reply keyed
     * {@code key} arrives, trying once.
     *
     * @return {@code request(target, payload, key, timeout, 1)}
     */
    public ByteBuffer request(SocketAddress target, ByteBuffer payload, K key, Duration timeout) {
        return request(target, payload, key, timeout, 1);
    }

    /**
     * Sends {@code payload} to {@code target} and suspends the current task until the reply keyed
     * {@code key} arrives. If none comes within {@code firstTimeout}, sends the same payload again
     * and waits twice as long, up to {@code attempts} sends in all: BEP 15's schedule is a first
     * timeout of 15 s and 9 attempts. Cancelling the task withdraws the request.
     *
     * @param target where to send; {@code null} on a connected endpoint for its peer
     * @param payload the request; read again for each retransmission, so leave it alone meanwhile
     * @return a copy of the reply, which the caller owns
     * @throws TimeoutException if no reply came after the last attempt
     * @throws UncheckedIOException if the endpoint closed meanwhile, or reported the peer's port
     *     unreachable (connected endpoints only)
     * @throws IllegalStateException if a request with the same key is already outstanding
     */
    public ByteBuffer request(SocketAddress target, ByteBuffer payload, K key, Duration firstTimeout, int attempts) {
        Outstanding request = start(target, payload, key, firstTimeout, attempts);
        try {
            return request.reply.await();
        } finally {
            request.withdraw();
        }
    }

    /**
     * The callback-level form of {@link #request(SocketAddress, ByteBuffer, K, Duration, int)}: sends
     * the request now and returns a future of the reply. Cancelling the future withdraws the request.
     */
    public Future<ByteBuffer> send(SocketAddress target, ByteBuffer payload, K key, Duration firstTimeout, int attempts) {
        Outstanding request = start(target, payload, key, firstTimeout, attempts);
        request.reply.addDoneCallback(done -> request.withdraw());
        return request.reply;
    }

    private Outstanding start(SocketAddress target, ByteBuffer payload, K key, Duration firstTimeout, int attempts) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(key, "key");
        if (attempts < 1) {
            throw new IllegalArgumentException("a request needs at least one attempt, not " + attempts);
        }
        if (firstTimeout.isNegative() || firstTimeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + firstTimeout);
        }
        if (transport == null) {
            throw new IllegalStateException("the datagram endpoint is not open yet");
        }
        Outstanding previous = outstanding.get(key);
        if (previous != null && !previous.reply.done()) {
            throw new IllegalStateException("a request keyed " + key + " is already outstanding");
        }
        Outstanding request = new Outstanding(key, target != null ? target : transport.peerAddress(),
                payload, firstTimeout, attempts);
        outstanding.put(key, request);
        try {
            request.transmit();
        } catch (RuntimeException sendRefused) {
            request.withdraw();
            throw sendRefused;
        }
        return request;
    }

    @Override
    public void connectionMade(DatagramTransport madeTransport) {
        this.transport = madeTransport;
        this.loop = EventLoop.current();
        others.connectionMade(madeTransport);
    }

    @Override
    public void datagramReceived(ByteBuffer data, SocketAddress sender) {
        K key = keyOf(data, sender);
        Outstanding request = key != null ? outstanding.get(key) : null;
        if (request == null || !sender.equals(request.target)) {
            others.datagramReceived(data, sender);
            return;
        }
        request.withdraw();
        if (!request.reply.done()) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data.duplicate()).flip();
            request.reply.setResult(copy);
        }
    }

    private K keyOf(ByteBuffer data, SocketAddress sender) {
        int position = data.position();
        int limit = data.limit();
        try {
            return replyKey.apply(data, sender);
        } finally {
            data.limit(limit).position(position);
        }
    }

    /**
     * {@inheritDoc} On a connected endpoint a port-unreachable error means the one peer is not
     * listening, so every outstanding request fails with it at once instead of timing out.
     */
    @Override
    public void errorReceived(Exception error) {
        if (error instanceof PortUnreachableException unreachable && transport.peerAddress() != null) {
            failAll(new UncheckedIOException("no reply: " + transport.peerAddress() + " is not listening", unreachable));
        }
        others.errorReceived(error);
    }

    @Override
    public void connectionLost(Throwable cause) {
        ClosedChannelException closed = new ClosedChannelException();
        if (cause != null) {
            closed.initCause(cause);
        }
        failAll(new UncheckedIOException("the datagram endpoint closed before the reply came", closed));
        others.connectionLost(cause);
    }

    private void failAll(RuntimeException failure) {
        for (Outstanding request : new ArrayList<>(outstanding.values())) {
            request.withdraw();
            if (!request.reply.done()) {
                request.reply.setException(failure);
            }
        }
    }

    /** One request awaiting its reply: its retransmission timer and the future of the reply. */
    private final class Outstanding {
        final K key;
        final SocketAddress target;
        final ByteBuffer payload;
        final Future<ByteBuffer> reply;
        Duration timeout;
        int attemptsLeft;
        TimerHandle timer;

        Outstanding(K key, SocketAddress target, ByteBuffer payload, Duration timeout, int attempts) {
            this.key = key;
            this.target = target;
            this.payload = payload;
            this.timeout = timeout;
            this.attemptsLeft = attempts;
            this.reply = loop.createFuture();
        }

        void transmit() {
            attemptsLeft--;
            transport.sendTo(payload.duplicate(), target);
            timer = loop.callLater(timeout, this::expired);
        }

        private void expired() {
            if (reply.done()) {
                return;
            }
            if (attemptsLeft == 0) {
                withdraw();
                reply.setException(new TimeoutException("no reply keyed " + key + " from " + target
                        + " after the last attempt waited " + timeout));
                return;
            }
            timeout = timeout.multipliedBy(2);
            try {
                transmit();
            } catch (RuntimeException sendFailed) {
                withdraw();
                reply.setException(sendFailed);
            }
        }

        /** Forgets the request; idempotent. */
        void withdraw() {
            if (outstanding.get(key) == this) {
                outstanding.remove(key);
            }
            if (timer != null) {
                timer.cancel();
            }
        }
    }
}
