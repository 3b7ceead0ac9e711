package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** An app protocol for TLS tests: records what it hears and lets a task await events. */
class TlsTestProtocol implements Protocol {
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final Future<Transport> made;
    final Future<Void> eof;
    final Future<Throwable> lost;
    private final EventLoop loop;
    Transport transport;
    boolean echo;
    int pauses;
    int resumes;
    private Future<Void> arrival;
    private int awaitedSize;

    TlsTestProtocol(EventLoop loop) {
        this.loop = loop;
        this.made = loop.createFuture();
        this.eof = loop.createFuture();
        this.lost = loop.createFuture();
    }

    static TlsTestProtocol echoing(EventLoop loop) {
        TlsTestProtocol protocol = new TlsTestProtocol(loop);
        protocol.echo = true;
        return protocol;
    }

    @Override
    public void connectionMade(Transport made) {
        transport = made;
        this.made.setResult(made);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (echo) {
            transport.writeCopy(data.duplicate());
        }
        received.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
        data.position(data.limit());
        arrived();
    }

    final void arrived() {
        if (arrival != null && received.size() >= awaitedSize) {
            arrival.setResult(null);
            arrival = null;
        }
    }

    /** A future done once at least {@code size} bytes have arrived in all. */
    Future<Void> untilReceived(int size) {
        Future<Void> future = loop.createFuture();
        if (received.size() >= size) {
            future.setResult(null);
        } else {
            awaitedSize = size;
            arrival = future;
        }
        return future;
    }

    String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public boolean eofReceived() {
        eof.setResult(null);
        return false;
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost.setResult(cause);
    }

    @Override
    public void pauseWriting() {
        pauses++;
    }

    @Override
    public void resumeWriting() {
        resumes++;
    }
}
