package io.ameide.coderguard.idlereaper.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The results as people read them: printed as each part finishes, so a long run shows progress, and written
 * whole to {@code target/benchmark-results.txt} at the end.
 */
final class BenchmarkReport {

    private final StringBuilder text = new StringBuilder();

    BenchmarkReport() {
        add("idle-reaper benchmark, " + Instant.now() + "\n" + Jvm.machine() + "\n");
    }

    void section(String title, String body) {
        add("\n== " + title + " ==\n" + body);
    }

    /** Writes the whole report under the module's {@code target} directory and returns where. */
    Path write() {
        Path file = Path.of(System.getProperty("basedir", "."), "target", "benchmark-results.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private void add(String part) {
        text.append(part);
        System.out.print(part);
        System.out.flush();
    }
}
