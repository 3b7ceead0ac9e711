package dev.eddy.loop.examples;

import java.util.Random;

/** The examples' few command-line options, each given as a flag followed by its value. */
final class ExampleArgs {
    private ExampleArgs() {}

    /** The value after {@code flag}, or {@code fallback} if the flag is absent. */
    static String option(String[] args, String flag, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(flag)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /**
     * A random source seeded from {@code --seed N}, or from the time of day (and then the seed is
     * printed, so that a run worth seeing again can be replayed).
     */
    static Random random(String[] args) {
        String given = option(args, "--seed", null);
        long seed = given != null ? Long.parseLong(given) : System.nanoTime() % 100_000;
        if (given == null) {
            System.out.println("(seed " + seed + "; pass --seed " + seed + " to replay this run)");
        }
        return new Random(seed);
    }
}
