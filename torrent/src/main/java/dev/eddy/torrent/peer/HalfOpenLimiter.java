package dev.eddy.torrent.peer;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.sync.Semaphore;

/**
 * Caps outgoing TCP connects in flight ("half-open" connections), which operating systems and home
 * routers punish when there are too many. Waiters are served in order. Used on the loop thread only.
 */
public final class HalfOpenLimiter {
    private final int max;
    private final Semaphore permits;
    private int inFlight;

    /**
     * Creates the limiter.
     *
     * @param max the most connects in flight at once
     */
    public HalfOpenLimiter(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the half-open limit must be positive, not " + max);
        }
        this.max = max;
        this.permits = new Semaphore(max);
    }

    /**
     * Dials a peer once a connect slot is free, suspending the calling task until then; the slot is
     * given back as soon as the TCP connect succeeds or fails.
     *
     * @param loop the loop
     * @param address where the peer listens
     * @param torrent the torrent we want from it
     * @param options timeouts and limits for the connection
     * @return the connection, dialling
     * @throws dev.eddy.loop.CancelledException if the task is cancelled while waiting for a slot
     */
    public PeerConnection connect(EventLoop loop, PeerAddress address, PeerTorrent torrent, PeerOptions options) {
        acquire();
        PeerConnection connection;
        try {
            connection = PeerConnection.connect(loop, address, torrent, options);
        } catch (RuntimeException e) {
            release();
            throw e;
        }
        connection.connected().addDoneCallback(done -> release());
        return connection;
    }

    /**
     * Takes a connect slot, suspending the calling task while none is free.
     *
     * @throws dev.eddy.loop.CancelledException if the task is cancelled while waiting
     */
    public void acquire() {
        permits.acquire();
        inFlight++;
    }

    /**
     * Takes a connect slot if one is free; never waits.
     *
     * @return whether a slot was taken
     */
    public boolean tryAcquire() {
        if (permits.locked()) {
            return false;
        }
        acquire();
        return true;
    }

    /**
     * Gives a connect slot back.
     *
     * @throws IllegalStateException if no slot is taken
     */
    public void release() {
        if (inFlight == 0) {
            throw new IllegalStateException("released more connect slots than were taken (limit " + max + ")");
        }
        inFlight--;
        permits.release();
    }

    /** {@return how many connects are in flight} */
    public int inFlight() {
        return inFlight;
    }
}
