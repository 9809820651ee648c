package io.ameide.coderguard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the tests read from Markdown: table keys in backticks, headings as GitHub anchors. */
final class Readmes {

    private static final Pattern TABLE_KEY = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|", Pattern.MULTILINE);
    /** Fenced code blocks, whose comment lines would otherwise read as headings. */
    private static final Pattern FENCED = Pattern.compile("^```.*?^```", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$", Pattern.MULTILINE);

    private Readmes() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first column of every Markdown table row whose first cell is code: config keys, metric names, values. */
    static Set<String> tableKeys(String markdown) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher matcher = TABLE_KEY.matcher(markdown);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }

    /** The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Matcher matcher = HEADING.matcher(FENCED.matcher(markdown).replaceAll(""));
        while (matcher.find()) {
            anchors.add(matcher.group(1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    /** Whitespace runs as one space, so that a sentence can be found whatever its line breaks. */
    static String flattened(String markdown) {
        return markdown.replaceAll("\\s+", " ");
    }

    static Path idleReaperReadme() {
        return DeployTree.root().resolve("../idle-reaper/README.md").normalize();
    }

    static Path policyGuardReadme() {
        return DeployTree.root().resolve("../policy-guard/README.md").normalize();
    }

    static Path templateSyncReadme() {
        return DeployTree.root().resolve("../template-sync/README.md").normalize();
    }

    static Path runbook() {
        return DeployTree.root().resolve("README.md");
    }
}
