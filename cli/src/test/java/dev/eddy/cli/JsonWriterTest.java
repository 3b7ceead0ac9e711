package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void nestsWithCommasInTheRightPlaces() {
        String json = JsonWriter.event("summary")
                .field("n", 3)
                .field("ok", true)
                .name("list").beginArray().value(1).value("two").beginObject().endObject().beginArray().endArray().endArray()
                .name("rate").value(1.5)
                .name("none").value((String) null)
                .finish();
        assertEquals("{\"event\":\"summary\",\"n\":3,\"ok\":true,\"list\":[1,\"two\",{},[]],\"rate\":1.500,\"none\":null}", json);
    }

    @Test
    void escapesWhatJsonRequiresAndRoundTrips() {
        String hostile = "quote\" backslash\\ newline\n tab\t nul\u0000 bell\u0007 del\u007f sep\u2028 é 🚀 lone\ud800 end";
        String json = JsonWriter.object().field("s", hostile).finish();
        assertEquals("{\"s\":\"quote\\\" backslash\\\\ newline\\n tab\\t nul\\u0000 bell\\u0007 del\u007f sep\\u2028 é 🚀"
                + " lone\\ud800 end\"}", json);
        assertEquals(Map.of("s", hostile), Json.parse(json));
        assertEquals(-1, json.indexOf('\n'), "one line");
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertEquals("[null,null]", new JsonWriter().beginArray().value(Double.NaN).value(Double.POSITIVE_INFINITY).finish());
    }

    @Test
    void misuseFailsAtOnce() {
        assertThrows(IllegalStateException.class, () -> JsonWriter.object().value(1));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> JsonWriter.object().name("a").name("b"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
        assertThrows(IllegalStateException.class, () -> JsonWriter.object().endArray());
    }
}
