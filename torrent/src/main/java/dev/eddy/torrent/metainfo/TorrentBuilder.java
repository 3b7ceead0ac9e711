package dev.eddy.torrent.metainfo;

import bt.bencoding.model.BEObject;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEList;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Makes a {@code .torrent} file from a file or a folder.
 *
 * <p>The output follows mktorrent's conventions, so with the same inputs the bytes are identical:
 * a folder's files are every regular file below it (hidden ones too, symbolic links followed), in
 * byte order of their relative paths; {@code announce} is the first tracker and {@code announce-list}
 * appears only when there is more than one tracker; {@code url-list} is a string for one web seed and
 * a list for several. mktorrent always uses 256 KiB pieces unless told otherwise; this builder picks
 * a size from the total unless given one (see {@link #autoPieceLength(long)}).
 */
public final class TorrentBuilder {
    /** The smallest piece length the builder uses or accepts: the peer wire's block size. */
    public static final int MIN_PIECE_LENGTH = 16 << 10;

    /** The largest piece length the automatic choice picks. */
    public static final int MAX_AUTO_PIECE_LENGTH = 16 << 20;

    /** The piece count the automatic choice aims to stay under. */
    public static final int TARGET_PIECES = 2048;

    /** What {@code created by} says unless {@link #createdBy(String)} changes it. */
    public static final String DEFAULT_CREATED_BY = "Eddy 0.1.0";

    private static final int READ_CHUNK = 1 << 20;

    private final Path source;
    private String name;
    private OptionalInt pieceLength = OptionalInt.empty();
    private final List<List<String>> tiers = new ArrayList<>();
    private final List<String> webSeeds = new ArrayList<>();
    private boolean isPrivate;
    private Optional<String> comment = Optional.empty();
    private Optional<String> createdBy = Optional.of(DEFAULT_CREATED_BY);
    private Optional<Instant> creationDate = Optional.empty();
    private boolean stampCreationDate = true;

    private TorrentBuilder(Path source) {
        this.source = source;
        Path fileName = source.toAbsolutePath().normalize().getFileName();
        this.name = fileName == null ? "" : fileName.toString();
    }

    /**
     * Starts a torrent of one file, or of every file in a folder.
     *
     * @param source the file or folder
     * @return the builder
     */
    public static TorrentBuilder of(Path source) {
        return new TorrentBuilder(source);
    }

    /**
     * Names the torrent; by default the source's file name.
     *
     * @param name the name
     * @return this builder
     */
    public TorrentBuilder name(String name) {
        this.name = name;
        return this;
    }

    /**
     * Fixes the piece length instead of choosing it from the size.
     *
     * @param bytes a power of two, at least {@value #MIN_PIECE_LENGTH}
     * @return this builder
     */
    public TorrentBuilder pieceLength(int bytes) {
        if (bytes < MIN_PIECE_LENGTH || bytes > MetainfoParser.MAX_PIECE_LENGTH || Integer.bitCount(bytes) != 1) {
            throw new IllegalArgumentException("a piece length must be a power of two from " + MIN_PIECE_LENGTH
                    + " to " + MetainfoParser.MAX_PIECE_LENGTH + ", not " + bytes);
        }
        this.pieceLength = OptionalInt.of(bytes);
        return this;
    }

    /**
     * Adds a tier of trackers (BEP 12): the client tries them in order before the next tier.
     *
     * @param urls the tier's announce URLs
     * @return this builder
     */
    public TorrentBuilder trackerTier(String... urls) {
        if (urls.length == 0) {
            throw new IllegalArgumentException("a tracker tier needs at least one URL");
        }
        tiers.add(List.of(urls));
        return this;
    }

    /**
     * Adds a BEP 19 web seed.
     *
     * @param url the URL
     * @return this builder
     */
    public TorrentBuilder webSeed(String url) {
        webSeeds.add(url);
        return this;
    }

    /**
     * Sets the BEP 27 private flag, which is part of the info hash.
     *
     * @param isPrivate whether peers may come only from the trackers
     * @return this builder
     */
    public TorrentBuilder privateFlag(boolean isPrivate) {
        this.isPrivate = isPrivate;
        return this;
    }

    /**
     * Adds a comment.
     *
     * @param comment the text
     * @return this builder
     */
    public TorrentBuilder comment(String comment) {
        this.comment = Optional.of(comment);
        return this;
    }

    /**
     * Sets {@code created by}, or leaves it out when null.
     *
     * @param program the creating program's name and version, or null
     * @return this builder
     */
    public TorrentBuilder createdBy(String program) {
        this.createdBy = Optional.ofNullable(program);
        return this;
    }

    /**
     * Sets {@code creation date}, or leaves it out when null; by default it is the time of
     * {@link #build()}.
     *
     * @param date the date, or null for none
     * @return this builder
     */
    public TorrentBuilder creationDate(Instant date) {
        this.creationDate = Optional.ofNullable(date);
        this.stampCreationDate = false;
        return this;
    }

    /**
     * Picks the piece length for a total size: the smallest power of two from
     * {@value #MIN_PIECE_LENGTH} that keeps the count at or under {@value #TARGET_PIECES}, but no more
     * than {@value #MAX_AUTO_PIECE_LENGTH}.
     *
     * @param totalLength the size of all files together
     * @return the piece length
     */
    public static int autoPieceLength(long totalLength) {
        int length = MIN_PIECE_LENGTH;
        while (length < MAX_AUTO_PIECE_LENGTH && (totalLength + length - 1) / length > TARGET_PIECES) {
            length <<= 1;
        }
        return length;
    }

    /**
     * Reads and hashes the files and returns the {@code .torrent} file's bytes.
     *
     * @return the bencoded torrent
     * @throws IOException if a file cannot be read, or the source holds no data or a name that
     *     a torrent cannot carry safely
     */
    public byte[] build() throws IOException {
        checkName(name, "the torrent name");
        boolean multiFile = Files.isDirectory(source);
        List<SourceFile> files = multiFile ? listFolder() : List.of(new SourceFile(source, List.of(), Files.size(source)));
        long total = files.stream().mapToLong(SourceFile::length).sum();
        if (total == 0) {
            throw new IOException(source + " holds no data to share");
        }
        int length = pieceLength.orElse(autoPieceLength(total));

        Map<String, BEObject<?>> info = new HashMap<>();
        if (multiFile) {
            List<BEObject<?>> entries = new ArrayList<>(files.size());
            for (SourceFile file : files) {
                List<BEObject<?>> path = file.components().stream().<BEObject<?>>map(TorrentBuilder::string).toList();
                entries.add(new BEMap(Map.of("length", new BEInteger(file.length()), "path", new BEList(path))));
            }
            info.put("files", new BEList(entries));
        } else {
            info.put("length", new BEInteger(total));
        }
        info.put("name", string(name));
        info.put("piece length", new BEInteger(length));
        info.put("pieces", new BEString(hashPieces(files, length)));
        if (isPrivate) {
            info.put("private", new BEInteger(1));
        }

        Map<String, BEObject<?>> root = new HashMap<>();
        root.put("info", new BEMap(info));
        List<String> allTrackers = tiers.stream().flatMap(List::stream).toList();
        if (!allTrackers.isEmpty()) {
            root.put("announce", string(allTrackers.getFirst()));
        }
        if (allTrackers.size() > 1) {
            root.put("announce-list", new BEList(tiers.stream()
                    .<BEObject<?>>map(tier -> new BEList(tier.stream().<BEObject<?>>map(TorrentBuilder::string).toList()))
                    .toList()));
        }
        comment.ifPresent(text -> root.put("comment", string(text)));
        createdBy.ifPresent(text -> root.put("created by", string(text)));
        Optional<Instant> date = stampCreationDate ? Optional.of(Instant.now()) : creationDate;
        date.ifPresent(instant -> root.put("creation date", new BEInteger(instant.getEpochSecond())));
        if (webSeeds.size() == 1) {
            root.put("url-list", string(webSeeds.getFirst()));
        } else if (webSeeds.size() > 1) {
            root.put("url-list", new BEList(webSeeds.stream().<BEObject<?>>map(TorrentBuilder::string).toList()));
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BEMap(root).writeTo(out); // BEMap writes its keys sorted, as bencoding requires
        return out.toByteArray();
    }

    /**
     * Builds the torrent and parses it back.
     *
     * @return the metainfo of the built torrent
     * @throws IOException if building fails
     */
    public Metainfo buildMetainfo() throws IOException {
        try {
            return Metainfo.parse(build());
        } catch (InvalidTorrentException e) {
            throw new IllegalStateException("the builder made a torrent its own parser rejects", e);
        }
    }

    /**
     * Builds the torrent and writes it to a file.
     *
     * @param torrentFile where to write
     * @return the metainfo of the built torrent
     * @throws IOException if building or writing fails
     */
    public Metainfo writeTo(Path torrentFile) throws IOException {
        byte[] torrent = build();
        Files.write(torrentFile, torrent);
        try {
            return Metainfo.parse(torrent);
        } catch (InvalidTorrentException e) {
            throw new IllegalStateException("the builder made a torrent its own parser rejects", e);
        }
    }

    private record SourceFile(Path file, List<String> components, long length) {
    }

    private List<SourceFile> listFolder() throws IOException {
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(source, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                List<String> components = new ArrayList<>();
                for (Path part : source.relativize(file)) {
                    checkName(part.toString(), "the file " + file);
                    components.add(part.toString());
                }
                files.add(new SourceFile(file, components, Files.size(file)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        // mktorrent's order: strcmp over the relative path with '/' between components.
        Comparator<SourceFile> byPathBytes = (a, b) -> Arrays.compareUnsigned(pathBytes(a), pathBytes(b));
        files.sort(byPathBytes);
        return files;
    }

    private static byte[] pathBytes(SourceFile file) {
        return String.join("/", file.components()).getBytes(StandardCharsets.UTF_8);
    }

    private static void checkName(String name, String what) throws IOException {
        Optional<String> problem = PathComponents.problem(name);
        if (problem.isPresent()) {
            throw new IOException(what + " cannot go in a torrent: " + problem.get());
        }
    }

    /** Hashes the files as one stream cut into pieces, reading in large chunks into one buffer. */
    private static byte[] hashPieces(List<SourceFile> files, int pieceLength) throws IOException {
        Sha1Hasher sha1 = Sha1.newHasher();
        byte[] digest = new byte[PieceHashes.HASH_LENGTH];
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(READ_CHUNK, pieceLength));
        ByteArrayOutputStream hashes = new ByteArrayOutputStream();
        long inPiece = 0;
        for (SourceFile file : files) {
            long left = file.length();
            try (FileChannel channel = FileChannel.open(file.file(), StandardOpenOption.READ)) {
                while (left > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                    int read = channel.read(buffer);
                    if (read < 0) {
                        throw new IOException(file.file() + " shrank while it was being hashed");
                    }
                    left -= read;
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        int take = (int) Math.min(buffer.remaining(), pieceLength - inPiece);
                        int end = buffer.position() + take;
                        int limit = buffer.limit();
                        sha1.update(buffer.limit(end));
                        buffer.limit(limit);
                        inPiece += take;
                        if (inPiece == pieceLength) {
                            sha1.digest(digest);
                            hashes.writeBytes(digest);
                            inPiece = 0;
                        }
                    }
                }
            }
        }
        if (inPiece > 0) {
            sha1.digest(digest);
            hashes.writeBytes(digest);
        }
        return hashes.toByteArray();
    }

    private static BEString string(String text) {
        return new BEString(text.getBytes(StandardCharsets.UTF_8));
    }
}
