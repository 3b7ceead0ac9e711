package dev.eddy.loop.net;

/**
 * What {@link Streams#startServer} runs for each connection, as a task of its own: ordinary
 * sequential code that reads and writes, suspending at each await.
 */
@FunctionalInterface
public interface StreamHandler {
    /**
     * Serves one connection. When this returns the connection is closed; when it throws, the
     * connection is aborted and the failure reported to the loop.
     */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
