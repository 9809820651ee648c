package io.ameide.coderguard.common.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK that can run Keycloak, which needs Java 21 or newer while the project builds with 17: the one named by
 * {@code KEYCLOAK_JAVA_HOME}, else the JVM running the tests if it is new enough, else the newest under
 * {@code /usr/lib/jvm}. Finding none is an error with the way out in it, never a skipped test.
 */
final class KeycloakJava {

    static final String ENVIRONMENT_VARIABLE = "KEYCLOAK_JAVA_HOME";
    static final int MINIMUM_FEATURE = 21;

    private static final Path INSTALLED = Path.of("/usr/lib/jvm");
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)");

    private KeycloakJava() {
    }

    static Path home() {
        String named = System.getenv(ENVIRONMENT_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path home = Path.of(named);
            if (feature(home).orElse(0) < MINIMUM_FEATURE) {
                throw new IllegalStateException(ENVIRONMENT_VARIABLE + "=" + named + " is not a JDK " + MINIMUM_FEATURE
                        + " or newer (no bin/java, or its release file names an older version)");
            }
            return home;
        }
        if (Runtime.version().feature() >= MINIMUM_FEATURE) {
            return Path.of(System.getProperty("java.home"));
        }
        return newestInstalled().orElseThrow(() -> new IllegalStateException("Keycloak, which the security tests start,"
                + " needs Java " + MINIMUM_FEATURE + " or newer; the tests run on " + Runtime.version().feature()
                + " and none was found under " + INSTALLED + ". Install one there, or set " + ENVIRONMENT_VARIABLE
                + " to its home."));
    }

    private static Optional<Path> newestInstalled() {
        if (!Files.isDirectory(INSTALLED)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(INSTALLED)) {
            return homes.filter(home -> feature(home).orElse(0) >= MINIMUM_FEATURE)
                    .max(Comparator.comparingInt((Path home) -> feature(home).orElse(0)).thenComparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + INSTALLED, e);
        }
    }

    /** The feature release (21, 25, …) from the JDK's {@code release} file, if it is a JDK with a runnable java. */
    private static Optional<Integer> feature(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher matcher = VERSION.matcher(Files.readString(release));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
