package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.LoopDiagnostic;
import dev.eddy.loop.Task;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol under a stream pair: feeds what the transport receives into the {@link StreamReader},
 * and keeps the writing side's flow-control state for {@link StreamWriter#drain}. On a server it
 * also starts the connection's handler task.
 */
final class StreamProtocol implements Protocol {
    private final EventLoop loop;
    private final StreamReader reader;
    private final StreamHandler handler;
    private StreamWriter writer;
    private boolean writingPaused;
    private boolean lost;
    private Throwable lostCause;
    private List<Future<Void>> drainWaiters;
    private Future<Void> closed;

    /**
     * @param handler the server's handler to run once connected, or {@code null} on the client side
     */
    StreamProtocol(EventLoop loop, int limit, StreamHandler handler) {
        this.loop = loop;
        this.reader = new StreamReader(loop, limit);
        this.handler = handler;
    }

    StreamConnection connection() {
        return new StreamConnection(reader, writer);
    }

    @Override
    public void connectionMade(Transport transport) {
        reader.setTransport(transport);
        writer = new StreamWriter(transport, this, reader);
        if (handler != null) {
            Task<Void> task = loop.createTask("stream handler " + transport.peerAddress(),
                    () -> handler.handle(reader, writer));
            task.addDoneCallback(done -> {
                if (!done.cancelled() && done.exception() != null) {
                    loop.report(new LoopDiagnostic.CallbackFailed("stream handler for " + transport.peerAddress(),
                            done.exception()));
                    transport.abort();
                } else {
                    transport.close();
                }
            });
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        reader.feedData(data);
    }

    @Override
    public boolean eofReceived() {
        reader.feedEof();
        return true; // our side may still write; the writer closes it
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost = true;
        lostCause = cause;
        if (cause == null) {
            reader.feedEof();
        } else {
            reader.setException(cause);
        }
        if (writingPaused) {
            writingPaused = false;
            wakeDrainWaiters();
        }
        if (closed != null && !closed.done()) {
            closed.setResult(null);
        }
    }

    @Override
    public void pauseWriting() {
        writingPaused = true;
    }

    @Override
    public void resumeWriting() {
        writingPaused = false;
        wakeDrainWaiters();
    }

    private void wakeDrainWaiters() {
        List<Future<Void>> waiters = drainWaiters;
        drainWaiters = null;
        if (waiters != null) {
            for (Future<Void> waiter : waiters) {
                if (!waiter.done()) {
                    waiter.setResult(null);
                }
            }
        }
    }

    /** Suspends while the transport is paused for writing; fails if the connection was lost. */
    void drain() {
        if (lost) {
            throw lostCause == null ? new ConnectionException("the connection is closed", null)
                    : ConnectionException.unchecked(lostCause);
        }
        if (!writingPaused) {
            return;
        }
        Future<Void> waiter = loop.createFuture();
        if (drainWaiters == null) {
            drainWaiters = new ArrayList<>(1);
        }
        drainWaiters.add(waiter);
        waiter.await();
        if (lost && lostCause != null) {
            throw ConnectionException.unchecked(lostCause);
        }
    }

    /** A future done once the connection is gone. */
    Future<Void> closed() {
        if (closed == null) {
            closed = loop.createFuture();
            if (lost) {
                closed.setResult(null);
            }
        }
        return closed;
    }
}
