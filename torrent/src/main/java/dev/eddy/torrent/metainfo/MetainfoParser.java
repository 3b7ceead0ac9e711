package dev.eddy.torrent.metainfo;

import bt.bencoding.BEType;
import dev.eddy.torrent.bencode.BencodeDict;
import dev.eddy.torrent.bencode.BencodeException;
import bt.bencoding.model.BEObject;
import bt.bencoding.types.BEMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns the bytes of a {@code .torrent} file into a validated {@link Metainfo}. */
final class MetainfoParser {
    /**
     * The largest torrent file accepted. A 16 MiB piece list covers about 800,000 pieces, which is
     * already far beyond sensible torrents; libtorrent's own default limit is 10 MB.
     */
    static final int MAX_TORRENT_BYTES = 32 << 20;

    /** The largest piece length accepted; a piece is buffered whole in memory while it downloads. */
    static final int MAX_PIECE_LENGTH = 256 << 20;

    private static final System.Logger LOG = System.getLogger(MetainfoParser.class.getName());

    private MetainfoParser() {
    }

    static Metainfo read(Path file) throws IOException, InvalidTorrentException {
        long size = Files.size(file);
        if (size > MAX_TORRENT_BYTES) {
            throw new InvalidTorrentException(file + " is " + size + " bytes, more than the "
                    + MAX_TORRENT_BYTES + " bytes a torrent file may have");
        }
        return parse(Files.readAllBytes(file));
    }

    static Metainfo parse(byte[] torrent) throws InvalidTorrentException {
        if (torrent.length > MAX_TORRENT_BYTES) {
            throw new InvalidTorrentException("the torrent is " + torrent.length + " bytes, more than the "
                    + MAX_TORRENT_BYTES + " bytes a torrent file may have");
        }
        try {
            return parse(BencodeDict.parse(torrent, "the torrent"));
        } catch (BencodeException e) {
            throw new InvalidTorrentException(e.getMessage());
        }
    }

    private static Metainfo parse(BencodeDict root) throws InvalidTorrentException {
        BEObject<?> infoValue = root.require("info");
        BencodeDict info = BencodeDict.of(infoValue, "info");
        byte[] infoBytes = ((BEMap) infoValue).getContent();

        String name = preferUtf8(info, "name");
        checkComponent(name, info.where("name"));
        int pieceLength = pieceLength(info);
        byte[] pieces = info.requireBytes("pieces");
        if (pieces.length % PieceHashes.HASH_LENGTH != 0) {
            throw new InvalidTorrentException("info.pieces is " + pieces.length
                    + " bytes long, not a multiple of 20 (one SHA-1 per piece)");
        }
        boolean multiFile = info.has("files");
        if (multiFile == info.has("length")) {
            throw new InvalidTorrentException(multiFile
                    ? "info has both length and files: a torrent is either single-file or multi-file"
                    : "info has neither length nor files, so it names no data");
        }
        List<TorrentFile> files = multiFile ? files(info, name) : List.of(singleFile(info, name));
        long totalLength = files.getLast().end();
        if (totalLength == 0) {
            throw new InvalidTorrentException("the torrent has no data: every file is empty");
        }
        long expectedPieces = (totalLength + pieceLength - 1) / pieceLength;
        if (expectedPieces != pieces.length / PieceHashes.HASH_LENGTH) {
            throw new InvalidTorrentException("info.pieces holds " + pieces.length / PieceHashes.HASH_LENGTH
                    + " hashes, but " + totalLength + " bytes in pieces of " + pieceLength + " make "
                    + expectedPieces + " pieces");
        }

        return new Metainfo(
                new InfoHash(Sha1.of(infoBytes)),
                name,
                pieceLength,
                PieceHashes.of(pieces),
                totalLength,
                files,
                multiFile,
                root.text("announce"),
                announceList(root),
                info.integer("private").orElse(0) == 1,
                root.integer("creation date").stream().mapToObj(Instant::ofEpochSecond).findFirst(),
                root.text("comment"),
                root.text("created by"),
                urlList(root),
                infoBytes);
    }

    private static int pieceLength(BencodeDict info) throws InvalidTorrentException {
        long pieceLength = info.requireLong("piece length");
        if (pieceLength <= 0 || pieceLength > MAX_PIECE_LENGTH) {
            throw new InvalidTorrentException("info.piece length is " + pieceLength + "; it must be between 1 and "
                    + MAX_PIECE_LENGTH);
        }
        if (Long.bitCount(pieceLength) != 1) {
            LOG.log(System.Logger.Level.WARNING,
                    "info.piece length {0} is not a power of two: legal, but unusual", pieceLength);
        }
        return (int) pieceLength;
    }

    private static TorrentFile singleFile(BencodeDict info, String name) throws InvalidTorrentException {
        long length = info.requireLong("length");
        checkLength(length, info.where("length"));
        return new TorrentFile(List.of(name), length, 0, false);
    }

    private static List<TorrentFile> files(BencodeDict info, String name) throws InvalidTorrentException {
        List<? extends BEObject<?>> entries = info.requireList("files");
        if (entries.isEmpty()) {
            throw new InvalidTorrentException("info.files is an empty list");
        }
        List<TorrentFile> files = new ArrayList<>(entries.size());
        PathConflicts conflicts = new PathConflicts();
        long offset = 0;
        for (int i = 0; i < entries.size(); i++) {
            BencodeDict entry = BencodeDict.of(entries.get(i), "info.files[" + i + "]");
            long length = entry.requireLong("length");
            checkLength(length, entry.where("length"));
            boolean padding = entry.text("attr").orElse("").indexOf('p') >= 0;
            List<String> path = new ArrayList<>();
            path.add(name);
            path.addAll(path(entry));
            if (!padding) {
                conflicts.add(path, entry.where("path"));
            }
            files.add(new TorrentFile(path, length, offset, padding));
            try {
                offset = Math.addExact(offset, length);
            } catch (ArithmeticException e) {
                throw new InvalidTorrentException("the file lengths add up to more than 2^63 bytes");
            }
        }
        return files;
    }

    private static List<String> path(BencodeDict entry) throws InvalidTorrentException {
        String key = entry.has("path.utf-8") ? "path.utf-8" : "path";
        List<? extends BEObject<?>> components = entry.requireList(key);
        if (components.isEmpty()) {
            throw new InvalidTorrentException(entry.where(key) + " is an empty list; a file needs a name");
        }
        List<String> path = new ArrayList<>(components.size());
        for (int i = 0; i < components.size(); i++) {
            String where = entry.where(key) + "[" + i + "]";
            String component = BencodeDict.text(components.get(i), where);
            checkComponent(component, where);
            path.add(component);
        }
        return path;
    }

    private static String preferUtf8(BencodeDict dict, String key) throws InvalidTorrentException {
        Optional<String> utf8 = dict.text(key + ".utf-8");
        return utf8.isPresent() ? utf8.get() : dict.requireText(key);
    }

    private static void checkComponent(String component, String where) throws InvalidTorrentException {
        Optional<String> problem = PathComponents.problem(component);
        if (problem.isPresent()) {
            throw new InvalidTorrentException(where + ": " + problem.get());
        }
    }

    private static void checkLength(long length, String where) throws InvalidTorrentException {
        if (length < 0) {
            throw new InvalidTorrentException(where + " is negative (" + length + ")");
        }
    }

    private static List<List<String>> announceList(BencodeDict root) throws InvalidTorrentException {
        Optional<List<? extends BEObject<?>>> tiers = root.list("announce-list");
        List<List<String>> result = new ArrayList<>();
        if (tiers.isEmpty()) {
            return result;
        }
        for (int t = 0; t < tiers.get().size(); t++) {
            String where = "announce-list[" + t + "]";
            List<String> tier = new ArrayList<>();
            for (BEObject<?> url : BencodeDict.list(tiers.get().get(t), where)) {
                String text = BencodeDict.text(url, where).strip();
                if (!text.isEmpty()) {
                    tier.add(text);
                }
            }
            if (!tier.isEmpty()) {
                result.add(tier);
            }
        }
        return result;
    }

    /** BEP 19 allows a single URL string or a list of them. */
    private static List<String> urlList(BencodeDict root) throws InvalidTorrentException {
        Optional<BEObject<?>> value = root.get("url-list");
        List<String> urls = new ArrayList<>();
        if (value.isEmpty()) {
            return urls;
        }
        List<? extends BEObject<?>> items = value.get().getType() == BEType.LIST
                ? BencodeDict.list(value.get(), "url-list")
                : List.of(value.get());
        for (BEObject<?> item : items) {
            String url = BencodeDict.text(item, "url-list").strip();
            if (!url.isEmpty()) {
                urls.add(url);
            }
        }
        return urls;
    }

    /**
     * Finds two files with the same path, or a file whose path is another file's folder, in time
     * linear in the total length of the paths: a tree of components, one node per folder or file.
     */
    private static final class PathConflicts {
        private final Node root = new Node();

        void add(List<String> path, String where) throws InvalidTorrentException {
            Node node = root;
            for (int i = 0; i < path.size(); i++) {
                if (node.isFile) {
                    throw new InvalidTorrentException(where + ": \"" + String.join("/", path.subList(0, i))
                            + "\" is both a file and a folder");
                }
                node = node.children.computeIfAbsent(path.get(i), k -> new Node());
            }
            if (node.isFile) {
                throw new InvalidTorrentException(where + ": \"" + String.join("/", path) + "\" appears twice");
            }
            if (!node.children.isEmpty()) {
                throw new InvalidTorrentException(where + ": \"" + String.join("/", path)
                        + "\" is both a file and a folder");
            }
            node.isFile = true;
        }

        private static final class Node {
            final Map<String, Node> children = new HashMap<>(4);
            boolean isFile;
        }
    }
}
