package dev.eddy.torrent.metainfo;

import dev.eddy.torrent.uri.HostPort;
import dev.eddy.torrent.uri.PercentEncoding;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.codec.DecoderException;
import org.apache.commons.codec.binary.Base32;
import org.apache.commons.codec.binary.Hex;

/**
 * A BEP 9 magnet link: {@code magnet:?xt=urn:btih:…}, with the info hash in hex (40 digits) or
 * base32 (32 letters), and optionally a display name ({@code dn}), trackers ({@code tr}), peers
 * ({@code x.pe}) and web seeds ({@code ws}). Unknown parameters are ignored, as BEP 9 asks.
 *
 * @param infoHash the torrent's info hash
 * @param displayName the name to show until the metadata arrives
 * @param trackers tracker URLs, in the link's order
 * @param peers peer addresses to try directly, unresolved
 * @param webSeeds web seed URLs
 */
public record MagnetLink(InfoHash infoHash, Optional<String> displayName, List<String> trackers,
        List<InetSocketAddress> peers, List<String> webSeeds) {
    private static final String PREFIX = "magnet:?";
    private static final String BTIH = "urn:btih:";

    /**
     * Copies the lists.
     *
     * @param infoHash the info hash
     * @param displayName the display name
     * @param trackers the trackers
     * @param peers the peers
     * @param webSeeds the web seeds
     */
    public MagnetLink {
        trackers = List.copyOf(trackers);
        peers = List.copyOf(peers);
        webSeeds = List.copyOf(webSeeds);
    }

    /**
     * The magnet link of a torrent: its info hash, name, every tracker of every tier and its web
     * seeds.
     *
     * @param metainfo the torrent
     * @return the link
     */
    public static MagnetLink of(Metainfo metainfo) {
        return new MagnetLink(metainfo.infoHash(), Optional.of(metainfo.name()),
                metainfo.trackerTiers().stream().flatMap(List::stream).toList(), List.of(), metainfo.urlList());
    }

    /**
     * Parses a magnet link.
     *
     * @param link the link text
     * @return the parsed link
     * @throws InvalidMagnetLinkException naming what is malformed
     */
    public static MagnetLink parse(String link) throws InvalidMagnetLinkException {
        if (!link.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new InvalidMagnetLinkException("a magnet link starts with \"magnet:?\"");
        }
        InfoHash infoHash = null;
        Optional<String> name = Optional.empty();
        List<String> trackers = new ArrayList<>();
        List<InetSocketAddress> peers = new ArrayList<>();
        List<String> webSeeds = new ArrayList<>();
        for (String parameter : link.substring(PREFIX.length()).split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                throw new InvalidMagnetLinkException("parameter \"" + parameter + "\" has no name=value form");
            }
            String key = parameter.substring(0, equals);
            String value = decode(parameter.substring(equals + 1), key);
            switch (key) {
                case "xt" -> {
                    if (value.regionMatches(true, 0, BTIH, 0, BTIH.length())) {
                        InfoHash parsed = parseHash(value.substring(BTIH.length()));
                        if (infoHash != null && !infoHash.equals(parsed)) {
                            throw new InvalidMagnetLinkException("the link names two different info hashes");
                        }
                        infoHash = parsed;
                    }
                }
                case "dn" -> name = Optional.of(value);
                case "tr" -> trackers.add(value);
                case "ws" -> webSeeds.add(value);
                case "x.pe" -> peers.add(parsePeer(value));
                default -> {
                    // BEP 9: other parameters are for other uses; ignore them.
                }
            }
        }
        if (infoHash == null) {
            throw new InvalidMagnetLinkException("the link has no xt=urn:btih: parameter, so it names no torrent");
        }
        return new MagnetLink(infoHash, name, trackers, peers, webSeeds);
    }

    /** {@return the link as text, with the info hash in hex and every value percent-encoded} */
    public String format() {
        StringBuilder out = new StringBuilder(PREFIX).append("xt=").append(BTIH).append(infoHash.hex());
        displayName.ifPresent(name -> appendParameter(out, "dn", name));
        trackers.forEach(url -> appendParameter(out, "tr", url));
        webSeeds.forEach(url -> appendParameter(out, "ws", url));
        peers.forEach(peer -> appendParameter(out, "x.pe",
                new HostPort(peer.getHostString(), peer.getPort()).toString()));
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    private static InfoHash parseHash(String text) throws InvalidMagnetLinkException {
        try {
            if (text.length() == 40) {
                return new InfoHash(Hex.decodeHex(text));
            }
            String upper = text.toUpperCase(Locale.ROOT);
            if (text.length() == 32 && upper.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '2' && c <= '7')) {
                return new InfoHash(new Base32().decode(upper));
            }
        } catch (DecoderException e) {
            throw new InvalidMagnetLinkException("the info hash \"" + text + "\" is not 40 hex digits: " + e.getMessage());
        }
        throw new InvalidMagnetLinkException("the info hash \"" + text
                + "\" is neither 40 hex digits nor 32 base32 letters (A-Z, 2-7)");
    }

    private static InetSocketAddress parsePeer(String text) throws InvalidMagnetLinkException {
        try {
            return HostPort.parse(text).toUnresolved();
        } catch (IllegalArgumentException e) {
            throw new InvalidMagnetLinkException("x.pe \"" + text + "\" is not host:port: " + e.getMessage());
        }
    }

    /** Percent-decodes the value of {@code key} ('+' is a space, as in form encoding) as UTF-8. */
    private static String decode(String text, String key) throws InvalidMagnetLinkException {
        try {
            return PercentEncoding.decodeText(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidMagnetLinkException("parameter " + key + " has " + e.getMessage());
        }
    }

    private static void appendParameter(StringBuilder out, String key, String value) {
        out.append('&').append(key).append('=').append(PercentEncoding.encodeText(value, ":/"));
    }
}
