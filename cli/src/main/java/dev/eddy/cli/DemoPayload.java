package dev.eddy.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo's content: a folder of a few files of seeded random bytes, the same bytes on every run
 * of the same size, so nothing needs downloading from outside and a compressing file system cannot
 * make the numbers look better than they are.
 */
final class DemoPayload {
    /** The folder's name, which is also the torrent's name. */
    static final String NAME = "eddy-demo";
    /** The seed of the bytes; fixed, so a given size always makes the same torrent. */
    private static final long SEED = 0x0EDD7L;
    /** How the size is shared among the files, in parts of 16: a big file, two middling ones and a small one. */
    private static final int[] SHARES = {8, 4, 3, 1};
    private static final int CHUNK = 1 << 20;

    private DemoPayload() {
    }

    /**
     * Writes the payload. Blocking: call it off the loop thread.
     *
     * @param parent the folder to create {@value #NAME} in
     * @param size the total size in bytes, at least 1
     * @return the files written, in order
     * @throws IOException if writing fails
     */
    static List<Path> write(Path parent, long size) throws IOException {
        Path folder = Files.createDirectories(parent.resolve(NAME));
        SplittableRandom random = new SplittableRandom(SEED);
        List<Path> files = new ArrayList<>();
        long left = size;
        for (int i = 0; i < SHARES.length && left > 0; i++) {
            long share = i == SHARES.length - 1 ? left : Math.max(1, size * SHARES[i] / 16);
            long length = Math.min(left, share);
            Path file = folder.resolve(String.format("part-%d.bin", i + 1));
            fill(file, length, random);
            files.add(file);
            left -= length;
        }
        return files;
    }

    private static void fill(Path file, long length, SplittableRandom random) throws IOException {
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < length; written += CHUNK) {
                int n = (int) Math.min(CHUNK, length - written);
                for (int i = 0; i < n; i += 8) {
                    long word = random.nextLong();
                    for (int b = 0; b < 8 && i + b < n; b++) {
                        chunk[i + b] = (byte) (word >>> (8 * b));
                    }
                }
                out.write(chunk, 0, n);
            }
        }
    }

    /**
     * Gives a seeder its own copy of the payload: hard links where the file system allows (no
     * bytes copied), a copy otherwise. Blocking: call it off the loop thread.
     *
     * @param files the payload's files
     * @param source the folder holding {@value #NAME}
     * @param target the seeder's folder, to hold its own {@value #NAME}
     * @throws IOException if neither linking nor copying works
     */
    static void linkInto(List<Path> files, Path source, Path target) throws IOException {
        for (Path file : files) {
            Path copy = target.resolve(source.relativize(file));
            Files.createDirectories(copy.getParent());
            try {
                Files.createLink(copy, file);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(file, copy);
            }
        }
    }
}
