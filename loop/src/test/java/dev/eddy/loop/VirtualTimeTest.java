package dev.eddy.loop;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The fixture most loop tests share: a fresh loop on a virtual clock, its diagnostics collected, closed after each test. */
abstract class VirtualTimeTest {
    protected final VirtualClock clock = new VirtualClock();
    protected final EventLoop loop = new EventLoop(clock);
    protected final List<LoopDiagnostic> diagnostics = new ArrayList<>();

    {
        loop.setDiagnosticHandler(diagnostics::add);
    }

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    /** Loop time in whole milliseconds. */
    protected long millis() {
        return loop.time() / 1_000_000;
    }

    /** Runs the loop for one pass over what is ready now. */
    protected void runBriefly() {
        loop.callSoon(loop::stop);
        loop.runForever();
    }
}
