package dev.eddy.torrent.storage;

/**
 * What a file looked like on disk: enough to tell whether it changed since.
 *
 * @param size its size in bytes
 * @param modifiedNanos its last-modified time, in nanoseconds since the epoch
 */
public record FileStamp(long size, long modifiedNanos) {
}
