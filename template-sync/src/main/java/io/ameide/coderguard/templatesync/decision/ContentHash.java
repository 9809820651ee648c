package io.ameide.coderguard.templatesync.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content hash of a release, as {@code sha256:<64 hex digits>}; recorded in a version's message. It covers the
 * packed files and the values given to the template's variables, since either changes what Coder builds.
 */
public final class ContentHash {

    public static final String PREFIX = "sha256:";

    private ContentHash() {
    }

    public static String of(byte[] bytes) {
        try {
            return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * The hash of the packed files and the variable values: the files' own hash when there are none, so that versions
     * pushed before variables existed keep theirs; otherwise the tar's bytes followed by each name and value in name
     * order, each prefixed with its length so that no two sets of values read alike.
     */
    public static String of(TarPack.Packed packed, Map<String, String> variables) {
        if (variables.isEmpty()) {
            return packed.contentHash();
        }
        StringBuilder lines = new StringBuilder("\0variables\0");
        new TreeMap<>(variables).forEach((name, value) -> lines.append(name.length()).append(':').append(name)
                .append(value.length()).append(':').append(value));
        byte[] suffix = lines.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(packed.tar(), packed.tar().length + suffix.length);
        System.arraycopy(suffix, 0, all, packed.tar().length, suffix.length);
        return of(all);
    }

    /** The version message: the release, the Git revision when known, and the content hash. */
    public static String message(String versionName, String gitRevision, String contentHash) {
        String revision = gitRevision == null || gitRevision.isBlank() ? "" : " (git " + gitRevision + ")";
        return "release " + versionName + revision + " by template-sync, files " + contentHash;
    }
}
