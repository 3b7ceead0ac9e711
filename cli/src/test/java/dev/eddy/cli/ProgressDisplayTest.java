package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    private static final String REDRAW = "\r\033[K";

    private final StringWriter out = new StringWriter();
    private long now = 1_000;
    private int width = 200;

    private ProgressDisplay display(ProgressDisplay.Mode mode) {
        return new ProgressDisplay(new PrintWriter(out), mode, () -> width, () -> now);
    }

    private static ProgressSnapshot at(long completed) {
        return new ProgressSnapshot(completed, 1000, 10, 0, 1, 2, "");
    }

    private String take() {
        String text = out.toString();
        out.getBuffer().setLength(0);
        return text;
    }

    private void advance(Duration duration) {
        now += duration.toNanos();
    }

    @Test
    void aTerminalGetsOneLineRedrawnInPlace() {
        ProgressDisplay display = display(ProgressDisplay.Mode.TERMINAL);
        display.update(at(100));
        assertEquals(REDRAW + ProgressRenderer.terminalLine(at(100), 200), take());
        display.update(at(100));
        assertEquals("", take(), "nothing changed, nothing drawn");
        display.update(at(200));
        assertEquals(REDRAW + ProgressRenderer.terminalLine(at(200), 200), take());
        width = 40;
        display.update(at(200));
        String narrow = take();
        assertEquals(REDRAW + ProgressRenderer.terminalLine(at(200), 40), narrow);
        assertTrue(narrow.length() - REDRAW.length() <= 39, "fits the resized terminal");
        display.finish(at(1000));
        String last = take();
        assertEquals(REDRAW + ProgressRenderer.terminalLine(at(1000), 40) + System.lineSeparator(), last);
    }

    @Test
    void clearingLetsAMessageThroughAndTheLineComesBack() {
        ProgressDisplay display = display(ProgressDisplay.Mode.TERMINAL);
        display.update(at(100));
        take();
        display.clear();
        assertEquals(REDRAW, take());
        display.clear();
        assertEquals("", take(), "nothing shown, nothing to clear");
        display.update(at(100));
        assertEquals(REDRAW + ProgressRenderer.terminalLine(at(100), 200), take());
    }

    @Test
    void aPipeGetsAPlainLineEveryFiveSeconds() {
        ProgressDisplay display = display(ProgressDisplay.Mode.PLAIN);
        display.update(at(100));
        assertEquals(ProgressRenderer.plainLine(at(100)) + System.lineSeparator(), take());
        for (int second = 1; second < 5; second++) {
            advance(Duration.ofSeconds(1));
            display.update(at(100 + second));
            assertEquals("", take(), "second " + second);
        }
        advance(Duration.ofSeconds(1));
        display.update(at(150));
        assertEquals(ProgressRenderer.plainLine(at(150)) + System.lineSeparator(), take());
        advance(Duration.ofMillis(10));
        display.finish(at(1000));
        assertEquals(ProgressRenderer.plainLine(at(1000)) + System.lineSeparator(), take());
        assertTrue(!out.toString().contains("\r"));
    }

    @Test
    void jsonGetsAProgressLineEverySecond() {
        ProgressDisplay display = display(ProgressDisplay.Mode.JSON);
        display.update(new ProgressSnapshot(100, 1000, 10, 5, 1, 2, "trackers failing"));
        advance(Duration.ofMillis(999));
        display.update(at(200));
        advance(Duration.ofMillis(1));
        display.update(at(300));
        List<String> lines = take().lines().toList();
        assertEquals(2, lines.size());
        assertEquals(Map.of("event", "progress", "completed", 100L, "total", 1000L, "download_rate", 10L,
                "upload_rate", 5L, "peers_connected", 1L, "peers_known", 2L, "eta_seconds", 90L,
                "status", "trackers failing"), Json.parse(lines.get(0)));
        assertEquals(300L, Json.object(lines.get(1)).get("completed"));
        assertEquals(false, Json.object(lines.get(1)).containsKey("status"));
    }

    @Test
    void quietPrintsNothing() {
        ProgressDisplay display = display(ProgressDisplay.Mode.QUIET);
        display.update(at(1));
        display.finish(at(1000));
        assertEquals("", take());
    }

    @Test
    void theModeFollowsTheOptionsAndTheOutput() {
        assertEquals(ProgressDisplay.Mode.JSON, ProgressDisplay.Mode.choose(true, true, true));
        assertEquals(ProgressDisplay.Mode.QUIET, ProgressDisplay.Mode.choose(false, true, true));
        assertEquals(ProgressDisplay.Mode.TERMINAL, ProgressDisplay.Mode.choose(false, false, true));
        assertEquals(ProgressDisplay.Mode.PLAIN, ProgressDisplay.Mode.choose(false, false, false));
    }

    @Test
    void terminalWidthIsAskedAgainOnlyAfterAWhile() {
        int[] measurements = {0};
        TerminalWidth terminal = new TerminalWidth(() -> now, () -> 100 + ++measurements[0], Runnable::run);
        assertEquals(101, terminal.getAsInt());
        now += java.time.Duration.ofSeconds(TerminalWidth.RECHECK_SECONDS).toNanos() - 1;
        assertEquals(101, terminal.getAsInt(), "still within the recheck interval");
        assertEquals(1, measurements[0]);
        now += 1;
        assertEquals(102, terminal.getAsInt());
        assertEquals(2, measurements[0]);
        assertEquals(0, TerminalWidth.parse("abc"));
        assertEquals(132, TerminalWidth.parse(" 132 "));
        assertEquals(0, TerminalWidth.parse(null));
    }

    @Test
    void terminalWidthNeverWaitsForTheMeasurement() {
        java.util.List<Runnable> pending = new java.util.ArrayList<>();
        TerminalWidth terminal = new TerminalWidth(() -> now, () -> 57, pending::add);
        int before = terminal.getAsInt();
        assertTrue(before > 0, "an answer at once, before any measurement ran");
        assertEquals(1, pending.size(), "the measurement was handed to the other thread, not run here");
        pending.getFirst().run();
        assertEquals(57, terminal.getAsInt());
    }
}
