package dev.eddy.torrent.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.VirtualClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChokerTest {
    private static final long SECOND = 1_000_000_000L;

    /** A peer as the engine would show it to the choker; applies the decisions to itself. */
    static final class FakePeer implements ChokerPeer {
        final String name;
        double down;
        double up;
        boolean interested = true;
        boolean choking = true;
        long connectedAt;

        FakePeer(String name, double down, double up) {
            this.name = name;
            this.down = down;
            this.up = up;
        }

        @Override
        public double downloadRate() {
            return down;
        }

        @Override
        public double uploadRate() {
            return up;
        }

        @Override
        public boolean isInterested() {
            return interested;
        }

        @Override
        public boolean amChoking() {
            return choking;
        }

        @Override
        public long connectedAt() {
            return connectedAt;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static void apply(ChokeDecision<FakePeer> decision) {
        decision.toUnchoke().forEach(p -> p.choking = false);
        decision.toChoke().forEach(p -> p.choking = true);
    }

    private static List<FakePeer> swarm(int n) {
        List<FakePeer> peers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            peers.add(new FakePeer("p" + i, 1000 * i, 10_000 - 1000 * i));
            peers.getLast().connectedAt = -3600 * SECOND;
        }
        return peers;
    }

    @Test
    void leechingRanksByDownloadRate() {
        List<FakePeer> peers = swarm(8);
        ChokeDecision<FakePeer> decision = new Choker(new Random(1)).evaluate(peers, false, 0);
        assertEquals(List.of(peers.get(7), peers.get(6), peers.get(5), peers.get(4)), decision.regular());
        FakePeer optimistic = decision.optimistic().orElseThrow();
        assertFalse(decision.regular().contains(optimistic));
        assertEquals(5, decision.toUnchoke().size());
        assertTrue(decision.toChoke().isEmpty());
    }

    @Test
    void seedingRanksByUploadRate() {
        List<FakePeer> peers = swarm(8);
        ChokeDecision<FakePeer> decision = new Choker(new Random(1)).evaluate(peers, true, 0);
        assertEquals(List.of(peers.get(0), peers.get(1), peers.get(2), peers.get(3)), decision.regular());
    }

    @Test
    void onlyInterestedPeersTakeSlotsAndTheRestAreChoked() {
        List<FakePeer> peers = swarm(8);
        Choker choker = new Choker(new Random(1));
        apply(choker.evaluate(peers, false, 0));
        peers.get(7).interested = false;
        peers.get(6).interested = false;
        peers.get(5).interested = false;
        peers.get(4).interested = false;
        peers.get(3).interested = false;
        ChokeDecision<FakePeer> decision = choker.evaluate(peers, false, 10 * SECOND);
        List<FakePeer> unchoked = new ArrayList<>(decision.regular());
        decision.optimistic().ifPresent(unchoked::add);
        assertEquals(java.util.Set.of(peers.get(0), peers.get(1), peers.get(2)), java.util.Set.copyOf(unchoked));
        assertEquals(3, unchoked.size());
        assertTrue(decision.toChoke().containsAll(List.of(peers.get(7), peers.get(6), peers.get(5), peers.get(4))));
        for (FakePeer peer : decision.toChoke()) {
            assertFalse(peer.interested);
        }
    }

    @Test
    void fewerPeersThanSlotsAreAllUnchoked() {
        List<FakePeer> peers = swarm(3);
        ChokeDecision<FakePeer> decision = new Choker(new Random(1)).evaluate(peers, false, 0);
        assertEquals(3, decision.regular().size());
        assertEquals(3, decision.toUnchoke().size());
    }

    @Test
    void theOptimisticSlotRotatesEvery30SecondsInVirtualTime() {
        List<FakePeer> peers = swarm(10);
        Choker choker = new Choker(new Random(5));
        List<Long> rotations = new ArrayList<>();
        List<Integer> unchokedCounts = new ArrayList<>();
        FakePeer[] current = {null};
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            Runnable[] evaluate = new Runnable[1];
            evaluate[0] = () -> {
                ChokeDecision<FakePeer> decision = choker.evaluate(peers, false, loop.time());
                apply(decision);
                unchokedCounts.add((int) peers.stream().filter(p -> !p.choking).count());
                FakePeer optimistic = decision.optimistic().orElseThrow();
                if (optimistic != current[0]) {
                    rotations.add(loop.time() / SECOND);
                    current[0] = optimistic;
                }
                if (loop.time() < 120 * SECOND) {
                    loop.callLater(Choker.INTERVAL, evaluate[0]);
                } else {
                    loop.stop();
                }
            };
            loop.callSoon(evaluate[0]);
            loop.runForever();
        }
        assertEquals(List.of(0L, 30L, 60L, 90L, 120L), rotations, "a new optimistic peer every 30 s, not every 10 s");
        assertTrue(unchokedCounts.stream().allMatch(n -> n == 5), "4 regular + 1 optimistic at every evaluation");
    }

    @Test
    void aLostOptimisticPeerIsReplacedAtOnce() {
        List<FakePeer> peers = swarm(8);
        Choker choker = new Choker(new Random(2));
        FakePeer first = choker.evaluate(peers, false, 0).optimistic().orElseThrow();
        first.interested = false;
        FakePeer second = choker.evaluate(peers, false, 10 * SECOND).optimistic().orElseThrow();
        assertTrue(second != first);
        assertEquals(second, choker.evaluate(peers, false, 20 * SECOND).optimistic().orElseThrow(),
                "the replacement keeps its 30 s");
    }

    @Test
    void newPeersAreThreeTimesAsLikelyToBeOptimisticallyUnchoked() {
        List<FakePeer> peers = swarm(6);
        long now = 1000 * SECOND;
        FakePeer newcomer = peers.get(0);
        newcomer.connectedAt = now - 10 * SECOND;
        Map<FakePeer, Integer> wins = new HashMap<>();
        Random random = new Random(9);
        for (int trial = 0; trial < 6000; trial++) {
            Choker choker = new Choker(random);
            wins.merge(choker.evaluate(peers, false, now).optimistic().orElseThrow(), 1, Integer::sum);
        }
        // candidates: p0 (new, weight 3) and p1 (weight 1): p0 should win about 3/4 of the time
        assertEquals(2, wins.size());
        int newWins = wins.get(newcomer);
        assertTrue(newWins > 4300 && newWins < 4700, "newcomer won " + newWins + " of 6000");
    }

    @Test
    void tiesFavourPeersAlreadyUnchoked() {
        List<FakePeer> peers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            peers.add(new FakePeer("t" + i, 500, 0));
        }
        peers.get(5).choking = false;
        ChokeDecision<FakePeer> decision = new Choker(new Random(1)).evaluate(peers, false, 0);
        assertEquals(peers.get(5), decision.regular().getFirst());
    }
}
