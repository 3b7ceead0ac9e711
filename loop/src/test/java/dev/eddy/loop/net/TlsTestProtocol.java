package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import java.nio.ByteBuffer;

/** The TCP tests' {@link RecordingProtocol}, able to echo: the app protocol for TLS tests. */
class TlsTestProtocol extends RecordingProtocol {
    boolean echo;

    TlsTestProtocol(EventLoop loop) {
        super(loop);
    }

    static TlsTestProtocol echoing(EventLoop loop) {
        TlsTestProtocol protocol = new TlsTestProtocol(loop);
        protocol.echo = true;
        return protocol;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (echo) {
            transport.writeCopy(data.duplicate());
        }
        super.dataReceived(data);
    }
}
