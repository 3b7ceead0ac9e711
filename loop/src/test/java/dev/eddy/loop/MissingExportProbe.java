package dev.eddy.loop;

/** Run in a JVM started without the export flag by {@link DiagnosticsTest}: creating a task must fail clearly. */
public final class MissingExportProbe {
    private MissingExportProbe() {}

    public static void main(String[] args) {
        try (EventLoop loop = new EventLoop()) {
            loop.createTask(() -> 1);
            System.out.println("a task was created without the export flag");
            System.exit(1);
        } catch (IllegalStateException expected) {
            System.out.println(expected.getMessage());
            System.exit(3);
        }
    }
}
