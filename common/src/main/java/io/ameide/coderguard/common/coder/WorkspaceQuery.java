package io.ameide.coderguard.common.coder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A workspace search for Coder's {@code q} parameter: space-separated {@code key:value} terms.
 * <p>
 * Timestamps are written in double quotes, because Coder's parser allows a single {@code :} per term and answers 400
 * to {@code last_used_before:2026-12-04T14:00:00Z}. Values are lower-cased by Coder anyway; they are sent as given.
 */
public final class WorkspaceQuery {

    private final List<String> terms = new ArrayList<>();

    private WorkspaceQuery() {
    }

    public static WorkspaceQuery create() {
        return new WorkspaceQuery();
    }

    /** Workspaces whose latest build is a succeeded start (Coder's own definition of running). */
    public static WorkspaceQuery running() {
        return create().status("running");
    }

    public WorkspaceQuery status(String status) {
        return term("status", plain(status));
    }

    public WorkspaceQuery owner(String owner) {
        return term("owner", plain(owner));
    }

    /** Workspaces whose name contains {@code name}: Coder matches names by substring, so filter for the exact one. */
    public WorkspaceQuery name(String name) {
        return term("name", plain(name));
    }

    public WorkspaceQuery template(String template) {
        return term("template", plain(template));
    }

    /** Workspaces whose latest build is (true) or is not (false) on their template's active version. */
    public WorkspaceQuery outdated(boolean outdated) {
        return term("outdated", Boolean.toString(outdated));
    }

    public WorkspaceQuery lastUsedBefore(Instant instant) {
        return term("last_used_before", "\"" + instant + "\"");
    }

    public WorkspaceQuery lastUsedAfter(Instant instant) {
        return term("last_used_after", "\"" + instant + "\"");
    }

    private WorkspaceQuery term(String key, String value) {
        terms.add(key + ":" + value);
        return this;
    }

    private static String plain(String value) {
        if (value == null || value.isBlank()
                || value.chars().anyMatch(c -> Character.isWhitespace(c) || c == ':' || c == '"')) {
            throw new IllegalArgumentException("a search value must be one word without ':' or quotes, was \"" + value + "\"");
        }
        return value;
    }

    @Override
    public String toString() {
        return String.join(" ", terms);
    }
}
