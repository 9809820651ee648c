package io.ameide.coderguard.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the checked folder lives: the module's base directory, deploy/, as the build passes it. */
final class DeployTree {

    private DeployTree() {
    }

    static Path root() {
        String dir = System.getProperty("deploy.dir");
        Path root = dir == null ? Path.of("").toAbsolutePath() : Path.of(dir);
        if (!Files.isDirectory(root.resolve("charts"))) {
            throw new IllegalStateException("deploy.dir does not point at deploy/ (no charts/ in " + root + ")");
        }
        return root;
    }

    static Path chart(String name) {
        return root().resolve("charts").resolve(name);
    }

    /** Every chart under deploy/charts, by folder name. */
    static List<String> charts() {
        try (Stream<Path> dirs = Files.list(root().resolve("charts"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("Chart.yaml"))).map(dir -> dir.getFileName().toString())
                    .sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path environmentValues(String environment, String chart) {
        return root().resolve("environments").resolve(environment).resolve(chart + ".yaml");
    }
}
