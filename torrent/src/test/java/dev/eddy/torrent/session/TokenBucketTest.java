package dev.eddy.torrent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long MS = 1_000_000L;

    @Test
    void startsFullAndAllowsTheBurst() {
        TokenBucket bucket = new TokenBucket(1000, 5000);
        assertTrue(bucket.tryTake(3000, 0));
        assertTrue(bucket.tryTake(2000, 0));
        assertFalse(bucket.tryTake(1, 0));
        assertEquals(0, bucket.available(0), 1e-9);
    }

    @Test
    void refillsAtTheRateUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(1000, 5000);
        bucket.tryTake(5000, 0);
        assertEquals(500, bucket.available(500 * MS), 1e-6);
        assertFalse(bucket.tryTake(600, 500 * MS));
        assertTrue(bucket.tryTake(500, 500 * MS));
        assertEquals(5000, bucket.available(3600_000 * MS), 1e-6, "never more than the burst");
    }

    @Test
    void nanosUntilSaysExactlyWhenTheTokensWillBeThere() {
        TokenBucket bucket = new TokenBucket(1000, 5000);
        bucket.tryTake(5000, 0);
        assertEquals(250 * MS, bucket.nanosUntil(250, 0));
        assertEquals(0, bucket.nanosUntil(250, 250 * MS));
        assertTrue(bucket.tryTake(250, 250 * MS));
        assertEquals(1000 * MS, bucket.nanosUntil(1000, 250 * MS));
        assertThrows(IllegalArgumentException.class, () -> bucket.nanosUntil(-1, 0));
    }

    @Test
    void aTransferLargerThanTheBurstWaitsForAFullBucketThenLeavesDebt() {
        TokenBucket bucket = new TokenBucket(1000, 1000);
        bucket.tryTake(500, 0);
        assertEquals(500 * MS, bucket.nanosUntil(16384, 0), "waits for a full bucket, not for 16384 tokens");
        assertTrue(bucket.tryTake(16384, 500 * MS));
        assertEquals(-15384, bucket.available(500 * MS), 1e-6);
        assertEquals(16384 * MS, bucket.nanosUntil(1000, 500 * MS), "the debt is repaid before the next transfer");
    }

    @Test
    void unlimitedGrantsEverythingAndCanBeLimitedLater() {
        TokenBucket bucket = TokenBucket.unlimited();
        assertTrue(bucket.isUnlimited());
        assertTrue(bucket.tryTake(Long.MAX_VALUE, 0));
        assertEquals(0, bucket.nanosUntil(Long.MAX_VALUE, 0));
        bucket.setRate(100, 100);
        assertFalse(bucket.isUnlimited());
        assertTrue(bucket.tryTake(100, 0), "a newly limited bucket starts full");
        assertFalse(bucket.tryTake(1, 0));
        bucket.setUnlimited();
        assertTrue(bucket.tryTake(1, 0));
    }

    @Test
    void changingTheRateKeepsTheTokensUpToTheNewBurst() {
        TokenBucket bucket = new TokenBucket(1000, 5000);
        bucket.tryTake(1000, 0);
        bucket.setRate(10, 2000);
        assertEquals(2000, bucket.available(0), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> bucket.setRate(0, 10));
    }
}
