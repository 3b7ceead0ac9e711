package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A protocol for tests that records what its transport tells it, with futures to await each event. */
class RecordingProtocol implements Protocol {
    final Future<Transport> made;
    final Future<Void> eof;
    final Future<Throwable> lost;
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    int pauses;
    int resumes;
    boolean keepOpenOnEof;
    Transport transport;
    private Future<Void> dataWaiter;
    private int dataWanted;

    RecordingProtocol(EventLoop loop) {
        made = loop.createFuture();
        eof = loop.createFuture();
        lost = loop.createFuture();
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        made.setResult(t);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        received.writeBytes(bytes);
        if (dataWaiter != null && received.size() >= dataWanted) {
            dataWaiter.setResult(null);
            dataWaiter = null;
        }
    }

    /** A future done once at least {@code total} bytes have arrived in all. */
    Future<Void> receivedAtLeast(int total) {
        Future<Void> waiter = made.loop().createFuture();
        if (received.size() >= total) {
            waiter.setResult(null);
        } else {
            dataWanted = total;
            dataWaiter = waiter;
        }
        return waiter;
    }

    String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public boolean eofReceived() {
        eof.setResult(null);
        return keepOpenOnEof;
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
