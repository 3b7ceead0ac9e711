package dev.eddy.loop.net;

/**
 * The two ends of a stream connection, from {@link Streams#openConnection}.
 *
 * @param reader what the peer sends
 * @param writer what we send
 */
public record StreamConnection(StreamReader reader, StreamWriter writer) {}
