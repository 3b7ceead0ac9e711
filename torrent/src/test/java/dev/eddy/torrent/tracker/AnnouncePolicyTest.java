package dev.eddy.torrent.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnnouncePolicyTest {
    private static final AnnouncePolicy POLICY = AnnouncePolicy.DEFAULTS;

    @Test
    void backoffDoublesUpToTheCeilingAndJitterOnlyShortensIt() {
        Random random = new Random(3);
        for (int failures = 1; failures < 80; failures++) {
            long full = Math.min(Duration.ofMinutes(30).toSeconds(), 15L << Math.min(failures - 1, 20));
            for (int i = 0; i < 20; i++) {
                long seconds = POLICY.backoff(failures, random).toMillis();
                assertTrue(seconds <= full * 1000 && seconds >= full * 750, failures + ": " + seconds);
            }
        }
        assertEquals(Duration.ofSeconds(60), new AnnouncePolicy(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(15),
                Duration.ofHours(1), 0, Duration.ofSeconds(1), 1).backoff(3, random));
    }

    @Test
    void intervalsAreClampedAndRespectMinInterval() {
        assertEquals(Duration.ofSeconds(60), POLICY.interval(FakeTracker.reply(Duration.ZERO, null, 1)));
        assertEquals(Duration.ofHours(2), POLICY.interval(FakeTracker.reply(Duration.ofDays(400), null, 1)));
        assertEquals(Duration.ofSeconds(900), POLICY.interval(FakeTracker.reply(Duration.ofSeconds(300), Duration.ofSeconds(900), 1)));
        assertEquals(Duration.ofSeconds(1800), POLICY.interval(FakeTracker.reply(Duration.ofSeconds(1800), Duration.ofSeconds(900), 1)));
    }

    @Test
    void refusesInconsistentBounds() {
        assertThrows(IllegalArgumentException.class, () -> new AnnouncePolicy(Duration.ofHours(2), Duration.ofHours(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new AnnouncePolicy(Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class, () -> POLICY.backoff(0, new Random()));
    }
}
