package io.ameide.coderguard.templatesync.decision;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hash of packed template files, as {@code sha256:<64 hex digits>}; recorded in a version's message. */
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

    /** The version message: the release, the Git revision when known, and the content hash. */
    public static String message(String versionName, String gitRevision, String contentHash) {
        String revision = gitRevision == null || gitRevision.isBlank() ? "" : " (git " + gitRevision + ")";
        return "release " + versionName + revision + " by template-sync, files " + contentHash;
    }
}
