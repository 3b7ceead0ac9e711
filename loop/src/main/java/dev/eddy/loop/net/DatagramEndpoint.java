package dev.eddy.loop.net;

/**
 * An open UDP endpoint: the transport to send with, and the protocol that hears what arrives.
 * Returned by {@link Datagrams#createEndpoint}.
 *
 * @param transport the endpoint's transport
 * @param protocol the protocol the factory made for it
 * @param <P> the protocol's type
 */
public record DatagramEndpoint<P extends DatagramProtocol>(DatagramTransport transport, P protocol) {}
