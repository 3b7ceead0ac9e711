package dev.eddy.loop.net;

import dev.eddy.loop.EventLoop;
import dev.eddy.loop.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Turns host names into addresses without blocking the loop: each lookup runs on the loop's
 * executor ({@link EventLoop#runInExecutor}), and answers are cached for a short while. IP literals
 * are parsed on the spot, without a lookup.
 *
 * <p>Thread-safe: one resolver may serve several loops.
 */
public final class AddressResolver {
    /** How long an answer is reused by default. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    /** How many host names the default resolver remembers. */
    public static final int DEFAULT_CAPACITY = 512;

    private static final AddressResolver SYSTEM =
            new AddressResolver(DEFAULT_TTL, DEFAULT_CAPACITY, InetAddress::getAllByName, System::nanoTime);

    /** A blocking name lookup, such as {@link InetAddress#getAllByName}. */
    @FunctionalInterface
    public interface Lookup {
        /** All addresses of {@code host}, blocking as long as it takes. */
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    private record Answer(List<InetAddress> addresses, long expiresAt) {}

    private final long ttlNanos;
    private final Lookup lookup;
    private final LongSupplier clock;
    private final Map<String, Answer> cache;

    /**
     * A resolver with its own cache.
     *
     * @param ttl how long an answer is reused
     * @param capacity how many names are remembered; the least recently used goes first
     * @param lookup the blocking lookup, run on an executor thread
     * @param clock nanoseconds for the cache's expiry, like {@link System#nanoTime}
     */
    public AddressResolver(Duration ttl, int capacity, Lookup lookup, LongSupplier clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the cache needs room for at least one name, not " + capacity);
        }
        this.ttlNanos = ttl.toNanos();
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The shared resolver: the system's lookup, answers kept {@link #DEFAULT_TTL}. */
    public static AddressResolver system() {
        return SYSTEM;
    }

    /**
     * The socket addresses for {@code host} and {@code port} in {@code family}, in the order the
     * system prefers; like {@code getaddrinfo}.
     *
     * @return a future on {@code loop}, failed with {@link NameResolutionException} if the name has
     *     no address of the family
     */
    public Future<List<InetSocketAddress>> getAddrInfo(EventLoop loop, String host, int port, AddressFamily family) {
        Future<List<InetSocketAddress>> result = loop.createFuture();
        InetAddress literal = literal(host);
        if (literal != null) {
            complete(result, List.of(literal), host, port, family);
            return result;
        }
        List<InetAddress> cached = cached(host);
        if (cached != null) {
            complete(result, cached, host, port, family);
            return result;
        }
        Future<InetAddress[]> lookedUp = loop.runInExecutor(() -> lookup.lookup(host));
        lookedUp.addDoneCallback(done -> {
            if (result.done()) {
                return; // the caller gave up (cancelled)
            }
            if (done.cancelled()) {
                result.cancel();
            } else if (done.exception() != null) {
                result.setException(new NameResolutionException("cannot resolve host '" + host + "': "
                        + done.exception().getMessage(), done.exception()));
            } else {
                List<InetAddress> addresses = List.of(done.result());
                remember(host, addresses);
                complete(result, addresses, host, port, family);
            }
        });
        result.addDoneCallback(f -> {
            if (f.cancelled()) {
                lookedUp.cancel();
            }
        });
        return result;
    }

    /** {@link #getAddrInfo(EventLoop, String, int, AddressFamily)} for either IP version. */
    public Future<List<InetSocketAddress>> getAddrInfo(EventLoop loop, String host, int port) {
        return getAddrInfo(loop, host, port, AddressFamily.ANY);
    }

    /** Forgets every cached answer. */
    public synchronized void clear() {
        cache.clear();
    }

    private synchronized List<InetAddress> cached(String host) {
        Answer answer = cache.get(host);
        if (answer == null) {
            return null;
        }
        if (clock.getAsLong() - answer.expiresAt >= 0) {
            cache.remove(host);
            return null;
        }
        return answer.addresses;
    }

    private synchronized void remember(String host, List<InetAddress> addresses) {
        cache.put(host, new Answer(addresses, clock.getAsLong() + ttlNanos));
    }

    /** The address {@code host} spells out, or {@code null} if it is a name. */
    static InetAddress literal(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        char first = bare.charAt(0);
        if (!(Character.digit(first, 16) >= 0 || first == ':')) {
            return null; // cannot start an IP literal; spares the parse for most names
        }
        try {
            return InetAddress.ofLiteral(bare);
        } catch (IllegalArgumentException notALiteral) {
            return null;
        }
    }

    private static void complete(Future<List<InetSocketAddress>> result, List<InetAddress> addresses, String host,
            int port, AddressFamily family) {
        List<InetSocketAddress> matching = new ArrayList<>(addresses.size());
        for (InetAddress address : addresses) {
            if (family.accepts(address)) {
                matching.add(new InetSocketAddress(address, port));
            }
        }
        if (matching.isEmpty()) {
            result.setException(new NameResolutionException("host '" + host + "' has no " + family
                    + " address (it has " + addresses + ")", null));
        } else {
            result.setResult(List.copyOf(matching));
        }
    }
}
