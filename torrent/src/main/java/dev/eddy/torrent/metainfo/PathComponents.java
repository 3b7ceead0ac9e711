package dev.eddy.torrent.metainfo;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rule for one name in a path that comes from a torrent: a single, ordinary file or folder name
 * that cannot climb out of the download folder or upset a file system.
 */
public final class PathComponents {
    /** The longest name most file systems (ext4, NTFS, APFS) allow, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 255;

    private static final Set<String> WINDOWS_RESERVED = Set.of(
            "CON", "PRN", "AUX", "NUL",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private PathComponents() {
    }

    /**
     * Says what, if anything, makes a name unsafe to use as one component of a download path.
     *
     * @param name one file or folder name, as the torrent gives it
     * @return a description of the problem, or empty if the name is safe
     */
    public static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("an empty name");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("\"" + name + "\" would leave the download folder");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of("\"" + printable(name) + "\" contains a path separator");
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            return Optional.of("\"" + printable(name) + "\" starts like a Windows drive, an absolute path");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                return Optional.of("\"" + printable(name) + "\" contains a NUL byte");
            }
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("\"" + printable(name) + "\" contains a control character");
            }
        }
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
        if (WINDOWS_RESERVED.contains(stem)) {
            return Optional.of("\"" + name + "\" is a reserved device name on Windows");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            return Optional.of("a name of " + bytes + " bytes is longer than the " + MAX_NAME_BYTES
                    + " bytes file systems allow");
        }
        return Optional.empty();
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), 80));
        for (int i = 0; i < name.length() && out.length() < 80; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append("\\x%02x".formatted((int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
