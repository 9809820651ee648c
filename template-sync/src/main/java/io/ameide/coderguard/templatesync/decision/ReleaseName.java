package io.ameide.coderguard.templatesync.decision;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Coder's rules for a template version name: letters and digits, separated by single {@code .}, {@code _} or
 * {@code -}, at most 64 characters. Coder answers 400 to any other name, so a release named against them is refused
 * before anything reaches Coder.
 */
public final class ReleaseName {

    public static final int MAX_LENGTH = 64;

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9]+(?:[_.-][a-zA-Z0-9]+)*");

    private ReleaseName() {
    }

    /** Why Coder would refuse this name, or empty when it is a valid version name. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the release names no version");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("version name \"" + abbreviate(name) + "\" is " + name.length()
                    + " characters long; Coder allows at most " + MAX_LENGTH);
        }
        if (!VALID.matcher(name).matches()) {
            return Optional.of("version name \"" + name + "\" breaks Coder's rules: letters and digits separated by"
                    + " single '.', '_' or '-'");
        }
        return Optional.empty();
    }

    private static String abbreviate(String name) {
        return name.substring(0, 20) + "…";
    }
}
