package dev.eddy.cli;

/**
 * Makes text from a torrent safe to print on a terminal: a name or comment could carry escape
 * sequences that move the cursor or retitle the window, so control characters become {@code ?}.
 */
final class Printable {
    private Printable() {
    }

    /**
     * Replaces control characters.
     *
     * @param text text from outside
     * @return the text with every control character replaced by {@code ?}
     */
    static String of(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c));
        return safe.toString();
    }
}
