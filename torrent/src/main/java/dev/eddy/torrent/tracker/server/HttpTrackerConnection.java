package dev.eddy.torrent.tracker.server;

import dev.eddy.loop.LoopDiagnostic;
import dev.eddy.loop.TimerHandle;
import dev.eddy.loop.net.Protocol;
import dev.eddy.loop.net.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One HTTP/1.1 connection to the tracker, at Protocol level: it frames request heads out of the
 * byte stream, answers each in order (pipelining and keep-alive included) and guards itself.
 * <ul>
 *   <li>A head larger than {@link TrackerLimits#maxRequestHead()} gets {@code 431} and the close.
 *   <li>A connection that completes no request for {@link TrackerLimits#idleTimeout()} is closed,
 *       which also cuts off a client that sends its request a byte at a time.
 *   <li>A client that stops reading its replies stops being read (flow control), so its replies
 *       cannot pile up.
 * </ul>
 * Bytes are copied only when a head spans two reads; an idle connection holds no buffer.
 */
final class HttpTrackerConnection implements Protocol {
    private final HttpTrackerService service;
    private Transport transport;
    private InetAddress remote;
    /** Bytes of a head not yet complete, or of requests held back while writing is paused. */
    private byte[] pending;
    private int pendingLength;
    private boolean writingPaused;
    private boolean closing;
    private long idleDeadline;
    private TimerHandle idleTimer;

    HttpTrackerConnection(HttpTrackerService service) {
        this.service = service;
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        if (!(t.peerAddress() instanceof InetSocketAddress address) || !service.admit(this)) {
            closing = true;
            t.abort();
            return;
        }
        remote = address.getAddress();
        touch();
        idleTimer = service.loop().callAt(idleDeadline, this::checkIdle);
    }

    /** Starts a new idle period: called on connect and after each request is answered. */
    private void touch() {
        idleDeadline = service.loop().time() + service.limits().idleTimeout().toNanos();
    }

    /** The idle timer is not moved on every request; when it fires it checks, and re-arms if the deadline moved. */
    private void checkIdle() {
        if (closing) {
            return;
        }
        if (service.loop().time() - idleDeadline >= 0) {
            abort();
        } else {
            idleTimer = service.loop().callAt(idleDeadline, this::checkIdle);
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (closing) {
            return;
        }
        if (pendingLength == 0) {
            consume(data);
            return;
        }
        // Grow past the head cap if need be: this read may also hold the next pipelined request.
        int total = pendingLength + data.remaining();
        if (pending.length < total) {
            byte[] grown = new byte[Math.max(total, Math.min(2 * pending.length, service.limits().maxRequestHead()))];
            System.arraycopy(pending, 0, grown, 0, pendingLength);
            pending = grown;
        }
        data.get(pending, pendingLength, data.remaining());
        ByteBuffer all = ByteBuffer.wrap(pending, 0, total);
        pendingLength = 0;
        consume(all);
    }

    /** Answers every complete head in {@code data}, then keeps what is left for the next read. */
    private void consume(ByteBuffer data) {
        while (!closing && data.hasRemaining()) {
            skipBlankLines(data);
            if (!data.hasRemaining()) {
                break;
            }
            if (writingPaused) {
                keep(data);
                return;
            }
            int end = headEnd(data);
            int cap = service.limits().maxRequestHead();
            if (end < 0 ? data.remaining() > cap : end - data.position() > cap) {
                reply(HttpResponse.error(431, "a request head over " + cap + " bytes"), false);
                return;
            }
            if (end < 0) {
                keep(data);
                return;
            }
            int start = data.position();
            data.position(end);
            answer(data, start, end);
        }
        if (!data.hasRemaining()) {
            release();
        }
    }

    private void answer(ByteBuffer data, int start, int end) {
        HttpRequestHead head;
        try {
            head = data.hasArray()
                    ? HttpRequestHead.parse(data.array(), data.arrayOffset() + start, end - start)
                    : HttpRequestHead.parse(copy(data, start, end), 0, end - start);
        } catch (IllegalArgumentException e) {
            reply(HttpResponse.error(400, "not an HTTP/1.x request: " + e.getMessage()), false);
            return;
        }
        HttpResponse response;
        try {
            response = service.respond(head, remote);
        } catch (RuntimeException bug) {
            service.loop().report(new LoopDiagnostic.CallbackFailed("the tracker answering " + remote, bug));
            response = HttpResponse.error(503, "the tracker failed on this request");
        }
        reply(response, head.keepAlive());
        touch();
    }

    private void reply(HttpResponse response, boolean keepAlive) {
        boolean stayOpen = keepAlive && !response.mustClose();
        transport.write(response.toBytes(stayOpen));
        if (!stayOpen) {
            closing = true;
            release();
            transport.close();
        }
    }

    private static byte[] copy(ByteBuffer data, int start, int end) {
        byte[] bytes = new byte[end - start];
        data.get(start, bytes);
        return bytes;
    }

    /** Skips the CRLFs some clients send between pipelined requests. */
    private static void skipBlankLines(ByteBuffer data) {
        while (data.hasRemaining() && (data.get(data.position()) == '\r' || data.get(data.position()) == '\n')) {
            data.position(data.position() + 1);
        }
    }

    /** The index just past the head's blank line ({@code \n\r\n} or {@code \n\n}), or -1. */
    private static int headEnd(ByteBuffer data) {
        for (int i = data.position(), limit = data.limit(); i < limit; i++) {
            if (data.get(i) != '\n') {
                continue;
            }
            if (i + 1 < limit && data.get(i + 1) == '\n') {
                return i + 2;
            }
            if (i + 2 < limit && data.get(i + 1) == '\r' && data.get(i + 2) == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    /** Keeps {@code data}'s remaining bytes for later; they may lie in {@link #pending} itself. */
    private void keep(ByteBuffer data) {
        int length = data.remaining();
        if (data.hasArray() && data.array() == pending) {
            System.arraycopy(pending, data.arrayOffset() + data.position(), pending, 0, length); // overlap-safe
            data.position(data.limit());
        } else if (pending != null && pending.length >= length) {
            data.get(pending, 0, length);
        } else {
            pending = new byte[Math.max(length, 512)];
            data.get(pending, 0, length);
        }
        pendingLength = length;
    }

    /** Drops the buffer once nothing is pending, so idle keep-alive connections cost no buffer. */
    private void release() {
        if (pendingLength == 0) {
            pending = null;
        }
    }

    @Override
    public void pauseWriting() {
        writingPaused = true;
        transport.pauseReading();
    }

    @Override
    public void resumeWriting() {
        writingPaused = false;
        if (closing) {
            return;
        }
        transport.resumeReading();
        if (pendingLength > 0) {
            ByteBuffer held = ByteBuffer.wrap(pending, 0, pendingLength);
            pendingLength = 0;
            consume(held);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        closing = true;
        pending = null;
        pendingLength = 0;
        if (idleTimer != null) {
            idleTimer.cancel();
        }
        service.forget(this);
    }

    /** Closes the connection at once, dropping whatever is unsent. */
    void abort() {
        closing = true;
        transport.abort();
    }
}
