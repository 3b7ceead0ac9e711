package dev.eddy.loop.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eddy.loop.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AddressResolverTest {
    private final EventLoop loop = new EventLoop();
    private final List<String> lookupThreads = new CopyOnWriteArrayList<>();
    private long now;
    private final AddressResolver resolver = new AddressResolver(Duration.ofSeconds(60), 2, host -> {
        lookupThreads.add(Thread.currentThread().getName());
        return switch (host) {
            case "tracker.test" -> new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {127, 0, 0, 9}),
                InetAddress.getByAddress(host, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})};
            case "a.test", "b.test" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 2})};
            default -> throw new UnknownHostException(host);
        };
    }, () -> now);

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private List<InetSocketAddress> resolve(String host, AddressFamily family) {
        return loop.runUntilComplete(resolver.getAddrInfo(loop, host, 80, family));
    }

    @Test
    void namesAreLookedUpOnAnExecutorThreadNeverTheLoops() {
        String loopThread = Thread.currentThread().getName();
        List<InetSocketAddress> addresses = resolve("tracker.test", AddressFamily.ANY);
        assertEquals(2, addresses.size());
        assertEquals(80, addresses.getFirst().getPort());
        assertEquals(1, lookupThreads.size());
        assertNotEquals(loopThread, lookupThreads.getFirst());
        assertTrue(lookupThreads.getFirst().startsWith("eddy-loop-executor"), lookupThreads.getFirst());
    }

    @Test
    void answersAreCachedForTheirTimeToLive() {
        resolve("tracker.test", AddressFamily.ANY);
        now += Duration.ofSeconds(59).toNanos();
        resolve("tracker.test", AddressFamily.ANY);
        assertEquals(1, lookupThreads.size(), "served from the cache");
        now += Duration.ofSeconds(1).toNanos();
        resolve("tracker.test", AddressFamily.ANY);
        assertEquals(2, lookupThreads.size(), "expired, looked up again");
    }

    @Test
    void theCacheIsBounded() {
        resolve("tracker.test", AddressFamily.ANY);
        resolve("a.test", AddressFamily.ANY);
        resolve("b.test", AddressFamily.ANY); // evicts tracker.test, the least recently used
        resolve("a.test", AddressFamily.ANY);
        assertEquals(3, lookupThreads.size());
        resolve("tracker.test", AddressFamily.ANY);
        assertEquals(4, lookupThreads.size());
    }

    @Test
    void ipLiteralsNeedNoLookup() {
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 80)), resolve("127.0.0.1", AddressFamily.ANY));
        assertEquals(List.of(new InetSocketAddress("::1", 80)), resolve("::1", AddressFamily.ANY));
        assertEquals(List.of(new InetSocketAddress("::1", 80)), resolve("[::1]", AddressFamily.ANY));
        assertEquals(0, lookupThreads.size());
    }

    @Test
    void theFamilyFiltersTheAnswer() {
        assertEquals(1, resolve("tracker.test", AddressFamily.IPV6).size());
        assertTrue(resolve("tracker.test", AddressFamily.IPV4).getFirst().getAddress() instanceof java.net.Inet4Address);
        NameResolutionException none = assertThrows(NameResolutionException.class, () -> resolve("a.test", AddressFamily.IPV6));
        assertTrue(none.getMessage().contains("a.test"), none.getMessage());
    }

    @Test
    void anUnknownNameIsATypedError() {
        NameResolutionException unknown = assertThrows(NameResolutionException.class, () -> resolve("nowhere.test", AddressFamily.ANY));
        assertTrue(unknown.getMessage().contains("nowhere.test"), unknown.getMessage());
    }
}
