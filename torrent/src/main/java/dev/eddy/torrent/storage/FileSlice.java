package dev.eddy.torrent.storage;

/**
 * The part of one file that a range of torrent data covers.
 *
 * @param fileIndex the file's index in the torrent's file list
 * @param fileOffset where the part starts within the file
 * @param length how many bytes it covers
 */
public record FileSlice(int fileIndex, long fileOffset, int length) {
}
