package dev.eddy.loop.net;

import java.io.IOException;
import java.io.Serial;

/**
 * Handed to {@link DatagramProtocol#errorReceived} when a datagram was dropped because the
 * socket could not take it and the endpoint's send queue was already full. UDP may lose any
 * datagram anyway, so a full queue drops rather than grows or blocks.
 */
public class DatagramQueueFullException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A drop described by {@code message}. */
    public DatagramQueueFullException(String message) {
        super(message);
    }
}
