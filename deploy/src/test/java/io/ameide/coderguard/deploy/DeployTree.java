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

    /**
     * A chart's folder by name: a service chart under charts/, or a Coder template under coder-templates/, which is a
     * chart of its own so that its files live in one place (its ConfigMap takes them from the chart's folder).
     */
    static Path chart(String name) {
        Path template = root().resolve("coder-templates").resolve(name);
        return Files.isRegularFile(template.resolve("Chart.yaml")) ? template : root().resolve("charts").resolve(name);
    }

    /** Every chart under deploy/charts and deploy/coder-templates, by folder name. */
    static List<String> charts() {
        return Stream.of("charts", "coder-templates").flatMap(folder -> chartsIn(root().resolve(folder))).sorted().toList();
    }

    private static Stream<String> chartsIn(Path folder) {
        try (Stream<Path> dirs = Files.list(folder)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("Chart.yaml"))).map(dir -> dir.getFileName().toString())
                    .toList().stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path environmentValues(String environment, String chart) {
        return root().resolve("environments").resolve(environment).resolve(chart + ".yaml");
    }
}
