package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import dev.eddy.loop.TimerHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * TLS over any stream {@link Transport}, like asyncio's {@code SSLProtocol}: this is the
 * {@link Protocol} of the raw (TCP) transport, and it offers an app-side {@link Transport} of
 * plaintext to the application's protocol, driving an {@link SSLEngine} in between.
 *
 * <p>Make one with {@link Tls#client} or {@link Tls#server}, or upgrade an open connection with
 * {@link Tls#startTls}. The handshake starts when the raw transport is connected; once it is done
 * the app protocol gets {@link Protocol#connectionMade} with the app-side transport and
 * {@link #handshake()} completes with it.
 *
 * <ul>
 *   <li>The engine's delegated tasks (certificate checks and the like, which may block) run through
 *       {@link EventLoop#runInExecutor}, never on the loop thread.
 *   <li>Flow control passes through: pausing the app transport's reading pauses the raw one, and
 *       the app protocol is paused for writing while the raw transport is, or while plaintext
 *       waits to be encrypted; {@link Transport#getWriteBufferSize()} counts both.
 *   <li>Closing sends close_notify, then half-closes the raw transport where it can and waits
 *       (at most {@link #SHUTDOWN_TIMEOUT}) for the peer's close_notify before closing it. A
 *       close_notify from the peer reaches the app as {@link Protocol#eofReceived()}, after which
 *       the connection closes whatever that returns, since TLS cannot half-close. So does a raw EOF
 *       without close_notify: whether that truncation matters is for the app protocol to judge
 *       (an HTTP body with a known length, say).
 *   <li>Failures are typed: {@link TlsHandshakeException} before the handshake completes
 *       ({@link #handshake()} fails with it), {@link TlsException} after (the app protocol's
 *       {@link Protocol#connectionLost} gets it).
 * </ul>
 *
 * <p>Used on the loop thread only.
 */
public final class TlsProtocol implements Protocol {
    /** How long a closing connection waits for the peer's close_notify before dropping it. */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Bounds the alert flush after a failure; an engine has at most an alert or two to send. */
    private static final int MAX_ALERT_WRAPS = 4;

    private enum State { UNSTARTED, HANDSHAKING, OPEN, SHUTTING_DOWN, CLOSED }

    private final EventLoop loop;
    private final SSLContext context;
    private final boolean serverSide;
    private final String serverHostname;
    private final boolean callConnectionMade;
    private final Future<Transport> handshake;
    private final TlsTransport appTransport = new TlsTransport(this);
    private final ArrayDeque<ByteBuffer> plaintextOut = new ArrayDeque<>();
    private Duration handshakeTimeout = Tls.DEFAULT_HANDSHAKE_TIMEOUT;
    private Protocol app;
    private Transport raw;
    private SSLEngine engine;
    private State state = State.UNSTARTED;
    /** Ciphertext from the peer not yet unwrapped, in write mode. */
    private ByteBuffer netIn;
    /** Plaintext unwrapped but not yet delivered, in write mode. */
    private ByteBuffer appIn;
    /** Scratch for one wrap's output. */
    private ByteBuffer netOut;
    private int plaintextOutBytes;
    private int highWater = Transport.DEFAULT_HIGH_WATER;
    private int lowWater = Transport.DEFAULT_LOW_WATER;
    private boolean pumping;
    private boolean pumpAgain;
    private boolean taskRunning;
    private boolean appConnected;
    private boolean appLostNotified;
    private boolean appClosed;
    private boolean appReadingPaused;
    private boolean appWritingPaused;
    private boolean rawWritingPaused;
    private boolean rawEof;
    private boolean closeNotifySent;
    private boolean closeNotifyReceived;
    private TimerHandle timer;
    private TlsException failure;

    TlsProtocol(EventLoop loop, Protocol app, SSLContext context, boolean serverSide, String serverHostname,
            boolean callConnectionMade) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.app = Objects.requireNonNull(app, "app");
        this.context = Objects.requireNonNull(context, "context");
        if (!serverSide && (serverHostname == null || serverHostname.isEmpty())) {
            throw new IllegalArgumentException("a TLS client needs the server's host name to verify its certificate");
        }
        this.serverSide = serverSide;
        this.serverHostname = serverHostname;
        this.callConnectionMade = callConnectionMade;
        this.handshake = loop.createFuture();
    }

    /**
     * Sets how long the handshake may take before it fails with a {@link TlsHandshakeException};
     * {@link Tls#DEFAULT_HANDSHAKE_TIMEOUT} unless changed. Call before the connection is made.
     *
     * @return this protocol
     */
    public TlsProtocol withHandshakeTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the handshake timeout must be positive, not " + timeout);
        }
        if (state != State.UNSTARTED) {
            throw new IllegalStateException("the handshake has already started");
        }
        this.handshakeTimeout = timeout;
        return this;
    }

    /**
     * Completes with the app-side transport once the handshake is done, or fails with a
     * {@link TlsHandshakeException}.
     */
    public Future<Transport> handshake() {
        return handshake;
    }

    /** The TLS session (protocol, cipher suite, peer certificates), or {@code null} before the connection is made. */
    public SSLSession session() {
        return engine == null ? null : engine.getSession();
    }

    // ---------------------------------------------------------------- the raw transport's callbacks

    @Override
    public void connectionMade(Transport transport) {
        if (state != State.UNSTARTED) {
            throw new IllegalStateException("a TlsProtocol serves one connection only");
        }
        this.raw = transport;
        state = State.HANDSHAKING;
        timer = loop.callLater(handshakeTimeout, this::handshakeTimedOut);
        try {
            engine = createEngine();
            SSLSession session = engine.getSession();
            netIn = ByteBuffer.allocate(session.getPacketBufferSize());
            netOut = ByteBuffer.allocate(session.getPacketBufferSize());
            appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
            engine.beginHandshake();
        } catch (SSLException | RuntimeException e) {
            fail(e);
            return;
        }
        pump();
    }

    private SSLEngine createEngine() {
        if (serverSide) {
            SSLEngine server = context.createSSLEngine();
            server.setUseClientMode(false);
            return server;
        }
        int port = raw.peerAddress() instanceof InetSocketAddress peer ? peer.getPort() : -1;
        SSLEngine client = context.createSSLEngine(serverHostname, port);
        client.setUseClientMode(true);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(serverHostname)) {
            parameters.setServerNames(List.of(new SNIHostName(serverHostname)));
        }
        client.setSSLParameters(parameters);
        return client;
    }

    /** SNI carries host names only; an address literal is verified against the certificate's IP names. */
    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (state == State.CLOSED) {
            return;
        }
        if (netIn.remaining() < data.remaining()) {
            netIn = grow(netIn, netIn.position() + data.remaining());
        }
        netIn.put(data);
        pump();
    }

    /** Always keeps the raw transport open: this protocol closes it itself, after the app has heard. */
    @Override
    public boolean eofReceived() {
        if (state == State.UNSTARTED || state == State.HANDSHAKING) {
            fail(new TlsHandshakeException("the peer closed the connection during the TLS handshake", null));
        } else if (state != State.CLOSED) {
            rawEof = true;
            pump();
        }
        return true;
    }

    @Override
    public void connectionLost(Throwable cause) {
        cancelTimer();
        boolean handshaking = state == State.UNSTARTED || state == State.HANDSHAKING;
        state = State.CLOSED;
        if (!handshake.done()) {
            TlsException lost = failure != null ? failure : new TlsHandshakeException(
                    "the connection was lost during the TLS handshake" + (cause != null ? ": " + cause : ""), cause);
            handshake.setException(lost);
        }
        if (appConnected && !appLostNotified && !handshaking) {
            appLostNotified = true;
            app.connectionLost(failure != null ? failure : cause);
        }
    }

    @Override
    public void pauseWriting() {
        rawWritingPaused = true;
        updateWritingPause();
    }

    @Override
    public void resumeWriting() {
        rawWritingPaused = false;
        updateWritingPause();
    }

    // ---------------------------------------------------------------- driving the engine

    /** Runs the engine as far as it can go; re-entrant calls (from app callbacks) just ask for another pass. */
    private void pump() {
        if (pumping) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        try {
            do {
                pumpAgain = false;
                pumpOnce();
            } while (pumpAgain && state != State.CLOSED);
        } catch (SSLException e) {
            fail(e);
        } finally {
            pumping = false;
        }
    }

    private void pumpOnce() throws SSLException {
        while (state != State.CLOSED && !taskRunning) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    runDelegatedTasks();
                    return;
                }
                case NEED_WRAP -> {
                    if (!wrap(EMPTY)) {
                        return;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (engine.isInboundDone() || !unwrap()) {
                        return;
                    }
                }
                case NOT_HANDSHAKING, FINISHED -> {
                    if (!pumpOpen()) {
                        return;
                    }
                }
            }
        }
    }

    /** One step with no handshake in progress; {@code false} once nothing more can happen now. */
    private boolean pumpOpen() throws SSLException {
        if (state == State.HANDSHAKING) {
            handshakeCompleted();
            return true;
        }
        boolean progress = flushPlaintext();
        if ((appClosed || closeNotifyReceived) && plaintextOut.isEmpty() && !closeNotifySent) {
            sendCloseNotify();
            return true;
        }
        if (!engine.isInboundDone() && !readingBlocked()) {
            progress |= unwrap();
        }
        if (!progress && rawEof && !closeNotifyReceived && !readingBlocked() && appIn.position() == 0) {
            truncatedByEof();
        }
        return progress;
    }

    private void handshakeCompleted() {
        cancelTimer();
        state = State.OPEN;
        appConnected = true;
        if (appReadingPaused) {
            raw.pauseReading();
        }
        if (callConnectionMade) {
            app.connectionMade(appTransport);
        }
        if (!handshake.done()) {
            handshake.setResult(appTransport);
        }
        deliverPlaintext();
    }

    /** Unwraps one record; {@code false} when it needs more ciphertext or is blocked on the app. */
    private boolean unwrap() throws SSLException {
        netIn.flip();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        switch (result.getStatus()) {
            case BUFFER_UNDERFLOW -> {
                return false;
            }
            case BUFFER_OVERFLOW -> {
                if (appIn.position() > 0) {
                    return deliverPlaintext();
                }
                appIn = grow(appIn, Math.max(appIn.capacity() * 2, engine.getSession().getApplicationBufferSize()));
                return true;
            }
            case CLOSED -> {
                deliverPlaintext();
                if (!closeNotifyReceived) {
                    closeNotifyReceived();
                }
                return result.bytesConsumed() > 0;
            }
            default -> {
                if (result.bytesProduced() > 0) {
                    deliverPlaintext();
                }
                return result.bytesConsumed() > 0 || result.bytesProduced() > 0;
            }
        }
    }

    private void closeNotifyReceived() {
        closeNotifyReceived = true;
        if (state == State.HANDSHAKING) {
            fail(new TlsHandshakeException("the peer closed the TLS connection during the handshake", null));
            return;
        }
        if (!appClosed && appConnected) {
            // TLS has no half-close: whatever eofReceived answers, our close_notify follows.
            app.eofReceived();
        }
        finishShutdownIfDone();
    }

    /** The raw stream ended without close_notify: an EOF to the app, then close. */
    private void truncatedByEof() {
        rawEof = false;
        if (!appClosed && appConnected) {
            app.eofReceived();
        }
        appClosed = true;
        state = State.SHUTTING_DOWN;
        raw.close();
    }

    /** Hands unwrapped plaintext to the app, unless it paused reading; {@code true} if any went. */
    private boolean deliverPlaintext() {
        if (appIn.position() == 0 || !appConnected || readingBlocked()) {
            return false;
        }
        appIn.flip();
        if (appClosed) {
            appIn.clear();
            return true;
        }
        if (app instanceof BufferedProtocol buffered) {
            try {
                while (appIn.hasRemaining() && !readingBlocked() && !appClosed) {
                    ByteBuffer target = buffered.getBuffer(appIn.remaining());
                    int count = Math.min(target.remaining(), appIn.remaining());
                    ByteBuffer slice = appIn.slice(appIn.position(), count);
                    target.put(slice);
                    appIn.position(appIn.position() + count);
                    buffered.bufferUpdated(count);
                }
            } finally {
                appIn.compact();
            }
        } else {
            try {
                app.dataReceived(appIn);
            } finally {
                appIn.clear();
            }
        }
        return true;
    }

    private boolean readingBlocked() {
        return appReadingPaused && appConnected && !appClosed;
    }

    /** Wraps the app's queued plaintext; {@code true} if any was consumed. */
    private boolean flushPlaintext() throws SSLException {
        boolean progress = false;
        while (!plaintextOut.isEmpty() && !engine.isOutboundDone()) {
            ByteBuffer head = plaintextOut.peek();
            int before = head.remaining();
            wrap(head);
            int used = before - head.remaining();
            plaintextOutBytes -= used;
            if (!head.hasRemaining()) {
                plaintextOut.poll();
            } else if (used == 0) {
                break;
            }
            progress = true;
        }
        updateWritingPause();
        return progress;
    }

    /** Wraps from {@code source} and sends what the engine produced; {@code true} if it did anything. */
    private boolean wrap(ByteBuffer source) throws SSLException {
        while (true) {
            SSLEngineResult result = engine.wrap(source, netOut);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = grow(netOut, Math.max(netOut.capacity() * 2, engine.getSession().getPacketBufferSize()));
                continue;
            }
            if (netOut.position() > 0) {
                netOut.flip();
                ByteBuffer record = ByteBuffer.allocate(netOut.remaining());
                record.put(netOut).flip();
                netOut.clear();
                if (!raw.isClosing()) {
                    raw.write(record);
                }
            }
            return result.bytesProduced() > 0 || result.bytesConsumed() > 0;
        }
    }

    private void sendCloseNotify() throws SSLException {
        engine.closeOutbound();
        while (!engine.isOutboundDone() && wrap(EMPTY)) {
            // each pass sends one record: close_notify, or a handshake message owed before it
        }
        closeNotifySent = true;
        state = State.SHUTTING_DOWN;
        if (closeNotifyReceived) {
            finishShutdownIfDone();
        } else if (raw.canWriteEof()) {
            raw.writeEof();
            timer = loop.callLater(SHUTDOWN_TIMEOUT, raw::abort);
        } else {
            raw.close();
        }
    }

    private void finishShutdownIfDone() {
        if (closeNotifySent && closeNotifyReceived && !raw.isClosing()) {
            cancelTimer();
            raw.close();
        }
    }

    private void runDelegatedTasks() {
        taskRunning = true;
        SSLEngine tasksOf = engine;
        loop.<Void>runInExecutor(() -> {
            Runnable task;
            while ((task = tasksOf.getDelegatedTask()) != null) {
                task.run();
            }
            return null;
        }).addDoneCallback(done -> {
            taskRunning = false;
            if (state == State.CLOSED) {
                return;
            }
            Throwable taskFailure = done.exception();
            if (taskFailure != null) {
                fail(taskFailure);
            } else {
                pump();
            }
        });
    }

    private void handshakeTimedOut() {
        if (state == State.UNSTARTED || state == State.HANDSHAKING) {
            fail(new TlsHandshakeException("the TLS handshake did not finish within " + handshakeTimeout, null));
            raw.abort();
        }
    }

    /**
     * Fails the connection with {@code cause}, as a typed exception: sends the alert the engine has
     * ready, if any, then closes the raw transport.
     */
    private void fail(Throwable cause) {
        if (state == State.CLOSED || failure != null) {
            return;
        }
        boolean handshaking = state == State.UNSTARTED || state == State.HANDSHAKING;
        failure = switch (cause) {
            case TlsException typed -> typed;
            default -> handshaking
                    ? new TlsHandshakeException("TLS handshake failed: " + cause.getMessage(), cause)
                    : new TlsException("TLS connection failed: " + cause.getMessage(), cause);
        };
        cancelTimer();
        if (engine != null) {
            try {
                engine.closeOutbound();
                for (int i = 0; i < MAX_ALERT_WRAPS && !engine.isOutboundDone() && wrap(EMPTY); i++) {
                    // flush the alert that tells the peer why
                }
            } catch (SSLException | RuntimeException alreadyFailing) {
                // The engine is broken; the failure being reported is the one that matters.
            }
        }
        state = State.CLOSED;
        if (!handshake.done()) {
            handshake.setException(failure);
        }
        raw.close();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private static ByteBuffer grow(ByteBuffer buffer, int capacity) {
        ByteBuffer bigger = ByteBuffer.allocate(capacity);
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }

    // ---------------------------------------------------------------- the app transport's operations

    Protocol app() {
        return app;
    }

    void setApp(Protocol protocol) {
        this.app = Objects.requireNonNull(protocol, "protocol");
    }

    Transport raw() {
        return raw;
    }

    void write(ByteBuffer data) {
        if (appClosed) {
            throw new IllegalStateException("write on a closed TLS transport");
        }
        if (state == State.CLOSED || !data.hasRemaining()) {
            return;
        }
        plaintextOut.add(data);
        plaintextOutBytes += data.remaining();
        pump();
        updateWritingPause();
    }

    void close() {
        if (appClosed) {
            return;
        }
        appClosed = true;
        if (state != State.CLOSED) {
            pump();
        }
    }

    void abort() {
        appClosed = true;
        plaintextOut.clear();
        plaintextOutBytes = 0;
        if (raw != null) {
            raw.abort();
        }
    }

    boolean isClosing() {
        return appClosed || state == State.SHUTTING_DOWN || state == State.CLOSED;
    }

    void pauseReading() {
        if (appReadingPaused) {
            return;
        }
        appReadingPaused = true;
        if (state == State.OPEN || state == State.SHUTTING_DOWN) {
            raw.pauseReading();
        }
    }

    void resumeReading() {
        if (!appReadingPaused) {
            return;
        }
        appReadingPaused = false;
        if (state != State.CLOSED) {
            raw.resumeReading();
            // What arrived before the pause is delivered from the loop, not inside the caller.
            loop.callSoon(() -> {
                if (state != State.CLOSED) {
                    pump();
                }
            });
        }
    }

    boolean isReading() {
        return !appReadingPaused && !isClosing();
    }

    void setWriteBufferLimits(int high, int low) {
        if (low < 0 || low > high) {
            throw new IllegalArgumentException("need 0 <= low <= high, not low=" + low + " high=" + high);
        }
        highWater = high;
        lowWater = low;
        raw.setWriteBufferLimits(high, low);
        updateWritingPause();
    }

    int writeBufferSize() {
        return plaintextOutBytes + (raw == null ? 0 : raw.getWriteBufferSize());
    }

    private void updateWritingPause() {
        if (!appConnected || appLostNotified) {
            return;
        }
        if (!appWritingPaused && (rawWritingPaused || plaintextOutBytes > highWater)) {
            appWritingPaused = true;
            app.pauseWriting();
        } else if (appWritingPaused && !rawWritingPaused && plaintextOutBytes <= lowWater) {
            appWritingPaused = false;
            app.resumeWriting();
        }
    }

    /** Test access: whether the peer's close_notify arrived. */
    boolean closeNotifyWasReceived() {
        return closeNotifyReceived;
    }

    @Override
    public String toString() {
        return "TlsProtocol[" + (serverSide ? "server" : "client to " + serverHostname) + ", " + state + "]";
    }
}
