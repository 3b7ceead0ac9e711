package dev.eddy.torrent.tracker;

import dev.eddy.loop.EventLoop;
import dev.eddy.torrent.metainfo.InfoHash;
import dev.eddy.torrent.peer.PeerAddress;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tracker in memory for scheduler tests: answers as its behaviour says and records each announce. */
final class FakeTracker implements Tracker {

    /** How the tracker answers one announce. */
    @FunctionalInterface
    interface Behaviour {
        /** The reply to {@code request}, or a thrown {@link TrackerException}. */
        AnnounceResponse answer(AnnounceRequest request);
    }

    /** One announce the tracker received, at loop time {@code at}. */
    record Call(long at, AnnounceRequest request) {
        TrackerEvent event() {
            return request.event();
        }

        long seconds() {
            return at / 1_000_000_000L;
        }
    }

    final List<Call> calls = new ArrayList<>();
    Behaviour behaviour;
    boolean closed;
    private final URI uri;

    FakeTracker(String name, Behaviour behaviour) {
        this.uri = URI.create("http://" + name + "/announce");
        this.behaviour = behaviour;
    }

    /** A tracker that always answers with {@code interval} and one peer, 10.0.0.{@code n}:6881. */
    static FakeTracker answering(String name, Duration interval, int n) {
        return new FakeTracker(name, request -> reply(interval, null, n));
    }

    /** A tracker that always fails. */
    static FakeTracker failing(String name) {
        return new FakeTracker(name, request -> {
            throw new TrackerException.Unreachable(name, "down", null);
        });
    }

    static AnnounceResponse reply(Duration interval, Duration minInterval, int n) {
        PeerAddress peer = new PeerAddress(InetAddress.ofLiteral("10.0.0." + n), 6881);
        return new AnnounceResponse(interval, minInterval, 1, 2, List.of(peer), null, null);
    }

    List<TrackerEvent> events() {
        return calls.stream().map(Call::event).toList();
    }

    List<Long> seconds() {
        return calls.stream().map(Call::seconds).toList();
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public AnnounceResponse announce(AnnounceRequest request) {
        calls.add(new Call(EventLoop.current().time(), request));
        return behaviour.answer(request);
    }

    @Override
    public Map<InfoHash, ScrapeStats> scrape(List<InfoHash> infoHashes) {
        return Map.of();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return uri.getHost();
    }
}
