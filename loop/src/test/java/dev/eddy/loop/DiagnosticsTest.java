package dev.eddy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {
    private final EventLoop loop = new EventLoop();
    private final List<LoopDiagnostic> diagnostics = Collections.synchronizedList(new ArrayList<>());

    {
        loop.setDiagnosticHandler(diagnostics::add);
    }

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void debugModeReportsASlowCallbackWithTheStackItWasAt() {
        loop.setDebug(true);
        loop.setSlowCallbackDuration(Duration.ofMillis(20));
        loop.callSoon(DiagnosticsTest::holdTheLoop);
        loop.callSoon(loop::stop);
        loop.runForever();
        LoopDiagnostic.SlowCallback slow = assertInstanceOf(LoopDiagnostic.SlowCallback.class, diagnostics.getFirst());
        assertTrue(slow.duration().toMillis() >= 20, slow.message());
        assertTrue(Arrays.stream(slow.stack()).anyMatch(f -> f.getMethodName().equals("holdTheLoop")), slow.message());
        assertEquals(1, diagnostics.size(), "the quick stop callback is not reported");
    }

    /** Blocks the loop thread: the very mistake the diagnostic exists to catch. */
    private static void holdTheLoop() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void slowTaskStepsNameTheTask() {
        loop.setDebug(true);
        loop.setSlowCallbackDuration(Duration.ofMillis(20));
        loop.runUntilComplete(loop.createTask("hog", () -> {
            holdTheLoop();
        }));
        LoopDiagnostic.SlowCallback slow = assertInstanceOf(LoopDiagnostic.SlowCallback.class, diagnostics.getFirst());
        assertTrue(slow.culprit().contains("hog"), slow.culprit());
    }

    @Test
    void withoutDebugModeNothingIsTimed() {
        loop.setSlowCallbackDuration(Duration.ofMillis(1));
        loop.callSoon(DiagnosticsTest::holdTheLoop);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of(), diagnostics);
    }

    @Test
    void debugModeReportsAndRefusesCallsFromAnotherThread() throws Exception {
        loop.setDebug(true);
        List<Throwable> refused = new ArrayList<>();
        loop.callSoon(() -> {
            Thread intruder = new Thread(() -> {
                try {
                    loop.callSoon(() -> {});
                } catch (IllegalStateException e) {
                    refused.add(e);
                }
            }, "intruder");
            intruder.start();
            try {
                intruder.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop.stop();
        });
        loop.runForever();
        assertEquals(1, refused.size());
        LoopDiagnostic.WrongThread wrong = assertInstanceOf(LoopDiagnostic.WrongThread.class, diagnostics.getFirst());
        assertEquals("intruder", wrong.callerThread());
        assertEquals("callSoon", wrong.operation());
    }

    @Test
    void callSoonThreadsafeIsAllowedFromAnotherThreadInDebugMode() throws Exception {
        loop.setDebug(true);
        loop.callSoon(() -> {
            Thread helper = new Thread(() -> loop.callSoonThreadsafe(loop::stop));
            helper.start();
        });
        loop.runForever();
        assertEquals(List.of(), diagnostics);
    }

    @Test
    void debugModeRecordsWhereATaskWasCreated() {
        loop.setDebug(true);
        createDoomedTask();
        loop.callSoon(loop::stop);
        loop.runForever();
        System.gc();
        loop.close();
        LoopDiagnostic.TaskExceptionNeverRetrieved report =
                assertInstanceOf(LoopDiagnostic.TaskExceptionNeverRetrieved.class, diagnostics.getFirst());
        assertEquals("createDoomedTask", report.createdAt()[0].getMethodName());
        assertTrue(report.message().contains("createDoomedTask"), report.message());
    }

    private void createDoomedTask() {
        loop.createTask("doomed", () -> {
            throw new IllegalStateException("unseen");
        });
    }

    @Test
    void handlerThatThrowsDoesNotBreakTheLoop() {
        loop.setDiagnosticHandler(d -> {
            throw new IllegalStateException("handler broke");
        });
        List<String> ran = new ArrayList<>();
        loop.callSoon(() -> {
            throw new IllegalArgumentException("callback broke");
        });
        loop.callSoon(() -> ran.add("next"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("next"), ran);
    }

    @Test
    void withoutTheExportFlagTheFirstTaskFailsNamingTheFlag() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MissingExportProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM finished");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, process.exitValue(), output);
        assertTrue(output.contains("--add-exports java.base/jdk.internal.vm=ALL-UNNAMED"), output);
    }

    @Test
    void invalidSlowThresholdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> loop.setSlowCallbackDuration(Duration.ZERO));
    }
}
