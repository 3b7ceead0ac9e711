package dev.eddy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eddy.loop.CancelledException;
import dev.eddy.loop.EventLoop;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MainTaskTest {
    @Test
    void returnsTheBodysResultAndRunsBlockingWorkOffTheLoop() {
        MainTask mainTask = new MainTask(() -> { });
        String loopThread = mainTask.run(() -> {
            String worker = MainTask.offLoop(() -> Thread.currentThread().getName());
            return Thread.currentThread().getName() + "|" + worker;
        });
        String[] threads = loopThread.split("\\|");
        assertEquals(false, threads[0].equals(threads[1]));
    }

    @Test
    void theFirstInterruptCancelsTheTaskAndTheSecondExitsHard() {
        AtomicInteger hardExits = new AtomicInteger();
        MainTask mainTask = new MainTask(hardExits::incrementAndGet);
        AtomicInteger cleanedUp = new AtomicInteger();
        assertThrows(CancelledException.class, () -> mainTask.run(() -> {
            mainTask.interrupt();
            try {
                return EventLoop.current().createFuture().await();
            } finally {
                cleanedUp.incrementAndGet();
            }
        }));
        assertEquals(1, cleanedUp.get(), "the task's finally ran: a clean stop");
        assertEquals(0, hardExits.get());
        mainTask.interrupt();
        assertEquals(1, hardExits.get());
    }

    @Test
    void anInterruptWithNoTaskRunningExitsHard() {
        AtomicInteger hardExits = new AtomicInteger();
        new MainTask(hardExits::incrementAndGet).interrupt();
        assertEquals(1, hardExits.get());
    }
}
