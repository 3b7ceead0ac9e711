package dev.eddy.torrent.storage;

import dev.eddy.torrent.metainfo.Metainfo;
import dev.eddy.torrent.metainfo.TorrentBuilder;
import dev.eddy.torrent.pieces.Bitfield;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The Eddy side of {@code bench/verify.sh}: a full recheck on one thread, timed.
 *
 * <pre>
 *   VerifyBenchmark build &lt;payload&gt; &lt;torrent&gt;         make the torrent (automatic piece length)
 *   VerifyBenchmark verify &lt;torrent&gt; &lt;root&gt; &lt;runs&gt;    recheck runs times, print the best time
 * </pre>
 */
public final class VerifyBenchmark {
    private VerifyBenchmark() {
    }

    /**
     * Runs the benchmark step named by the first argument.
     *
     * @param args see the class comment
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "build" -> {
                Metainfo m = TorrentBuilder.of(Path.of(args[1])).creationDate(null).writeTo(Path.of(args[2]));
                System.out.println("torrent " + m);
            }
            case "verify" -> verify(Metainfo.read(Path.of(args[1])), Path.of(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown step " + args[0]);
        }
    }

    private static void verify(Metainfo metainfo, Path root, int runs) throws Exception {
        double best = Double.MAX_VALUE;
        try (Storage storage = new Storage(metainfo, root, StorageOptions.DEFAULTS)) {
            PieceVerifier verifier = new PieceVerifier(storage, metainfo.pieceHashes());
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                Bitfield verified = verifier.recheck();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!verified.isComplete()) {
                    throw new IllegalStateException("only " + verified + " verified");
                }
                System.err.printf(Locale.ROOT, "eddy run %d: %.3f s%n", run + 1, seconds);
                best = Math.min(best, seconds);
            }
        }
        System.out.printf(Locale.ROOT, "seconds %.3f%n", best);
    }
}
