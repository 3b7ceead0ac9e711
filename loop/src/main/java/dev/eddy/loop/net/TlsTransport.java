package dev.eddy.loop.net;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * The app side of a {@link TlsProtocol}: plaintext in and out, flow control passed through to the
 * raw transport underneath. No half-close: {@link #canWriteEof()} is {@code false}.
 */
final class TlsTransport implements Transport {
    private final TlsProtocol tls;

    TlsTransport(TlsProtocol tls) {
        this.tls = tls;
    }

    @Override
    public void write(ByteBuffer data) {
        tls.write(data);
    }

    /** TLS cannot half-close (close_notify ends both directions); use {@link #close()}. */
    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("TLS cannot half-close a connection; close() sends close_notify");
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    /** Sends the buffered plaintext, then close_notify; {@link Protocol#connectionLost} follows. */
    @Override
    public void close() {
        tls.close();
    }

    @Override
    public void abort() {
        tls.abort();
    }

    @Override
    public boolean isClosing() {
        return tls.isClosing();
    }

    @Override
    public void pauseReading() {
        tls.pauseReading();
    }

    @Override
    public void resumeReading() {
        tls.resumeReading();
    }

    @Override
    public boolean isReading() {
        return tls.isReading();
    }

    /** Sets the marks for the plaintext waiting to be encrypted and for the raw transport's buffer. */
    @Override
    public void setWriteBufferLimits(int high, int low) {
        tls.setWriteBufferLimits(high, low);
    }

    /** The plaintext waiting to be encrypted plus the ciphertext the raw transport holds. */
    @Override
    public int getWriteBufferSize() {
        return tls.writeBufferSize();
    }

    @Override
    public SocketAddress peerAddress() {
        return tls.raw().peerAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return tls.raw().localAddress();
    }

    @Override
    public Protocol protocol() {
        return tls.app();
    }

    @Override
    public void setProtocol(Protocol protocol) {
        tls.setApp(protocol);
    }

    @Override
    public String toString() {
        return "TlsTransport[" + tls + "]";
    }
}
