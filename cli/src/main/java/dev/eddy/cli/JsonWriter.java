package dev.eddy.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Writes one JSON value on one line, for {@code --json} output (one value per line, "JSON lines").
 * Commas and nesting are tracked here, so callers only say what comes next; misuse, such as a value
 * without a name inside an object, fails at once.
 */
public final class JsonWriter {
    private enum Scope { OBJECT, ARRAY }

    private final StringBuilder text = new StringBuilder();
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private boolean first = true;
    private boolean named;

    /** Starts an empty document. */
    public JsonWriter() {
    }

    /** {@return a writer whose document is an object, already opened} */
    public static JsonWriter object() {
        return new JsonWriter().beginObject();
    }

    /**
     * Starts one line of {@code --json} output: an object whose first member says what it reports.
     *
     * @param type what the line reports, such as {@code progress}, {@code peer} or {@code summary}
     * @return the writer, with the object open
     */
    public static JsonWriter event(String type) {
        return object().field("event", type);
    }

    /** {@return this writer, inside a new object} */
    public JsonWriter beginObject() {
        open('{', Scope.OBJECT);
        return this;
    }

    /** {@return this writer, after closing the current object} */
    public JsonWriter endObject() {
        close('}', Scope.OBJECT);
        return this;
    }

    /** {@return this writer, inside a new array} */
    public JsonWriter beginArray() {
        open('[', Scope.ARRAY);
        return this;
    }

    /** {@return this writer, after closing the current array} */
    public JsonWriter endArray() {
        close(']', Scope.ARRAY);
        return this;
    }

    /**
     * Names the next member of the current object.
     *
     * @param name the member's name
     * @return this writer
     */
    public JsonWriter name(String name) {
        if (scopes.peek() != Scope.OBJECT || named) {
            throw new IllegalStateException("a name belongs directly inside an object, before its value");
        }
        separate();
        quote(name);
        text.append(':');
        named = true;
        return this;
    }

    /**
     * Writes a string, or null.
     *
     * @param value the string, or null
     * @return this writer
     */
    public JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            text.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    /**
     * Writes an integer.
     *
     * @param value the number
     * @return this writer
     */
    public JsonWriter value(long value) {
        beforeValue();
        text.append(value);
        return this;
    }

    /**
     * Writes a finite number; JSON has no infinities, so those and NaN become null.
     *
     * @param value the number
     * @return this writer
     */
    public JsonWriter value(double value) {
        beforeValue();
        text.append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null");
        return this;
    }

    /**
     * Writes a boolean.
     *
     * @param value the boolean
     * @return this writer
     */
    public JsonWriter value(boolean value) {
        beforeValue();
        text.append(value);
        return this;
    }

    /**
     * Writes an array of strings.
     *
     * @param values the strings
     * @return this writer
     */
    public JsonWriter strings(List<String> values) {
        beginArray();
        values.forEach(this::value);
        return endArray();
    }

    /**
     * Writes a named string member.
     *
     * @param name the member's name
     * @param value the string, or null
     * @return this writer
     */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    /**
     * Writes a named integer member.
     *
     * @param name the member's name
     * @param value the number
     * @return this writer
     */
    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    /**
     * Writes a named boolean member.
     *
     * @param name the member's name
     * @param value the boolean
     * @return this writer
     */
    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    /**
     * Closes whatever is still open and returns the document.
     *
     * @return the JSON text, without a line break
     */
    public String finish() {
        while (!scopes.isEmpty()) {
            close(scopes.peek() == Scope.OBJECT ? '}' : ']', scopes.peek());
        }
        return text.toString();
    }

    private void open(char bracket, Scope scope) {
        beforeValue();
        text.append(bracket);
        scopes.push(scope);
        first = true;
    }

    private void close(char bracket, Scope scope) {
        if (scopes.peek() != scope || named) {
            throw new IllegalStateException("nothing to close with " + bracket + " here");
        }
        scopes.pop();
        text.append(bracket);
        first = false;
    }

    private void beforeValue() {
        if (scopes.peek() == Scope.OBJECT) {
            if (!named) {
                throw new IllegalStateException("a value inside an object needs a name first");
            }
            named = false;
        } else if (scopes.isEmpty() && !text.isEmpty()) {
            throw new IllegalStateException("a JSON document holds one value");
        } else {
            separate();
        }
    }

    private void separate() {
        if (!first) {
            text.append(',');
        }
        first = false;
    }

    private void quote(String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                default -> {
                    // Control characters must be escaped; U+2028/9 too, as JavaScript reads them as line breaks.
                    // A lone surrogate is not valid Unicode text, so it goes out as an escape rather than as '?'.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c) && !pairedSurrogate(value, i)) {
                        text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }

    private static boolean pairedSurrogate(String value, int i) {
        char c = value.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
