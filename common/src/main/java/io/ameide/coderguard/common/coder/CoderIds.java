package io.ameide.coderguard.common.coder;

import java.util.regex.Pattern;

/**
 * Coder's ids (workspaces, builds, users, templates, notification messages): UUIDs in the 36-character form Coder
 * writes, in either case.
 */
public final class CoderIds {

    private static final Pattern UUID = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CoderIds() {
    }

    /** True for a UUID in the 36-character form; false for anything else, null included. */
    public static boolean isUuid(String text) {
        return text != null && UUID.matcher(text).matches();
    }
}
