package io.ameide.coderguard.templatesync.decision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The template settings a release makes hold. A null field is not managed: whatever Coder has is kept.
 *
 * @param defaultTtl the autostop TTL Coder gives new workspaces
 * @param activityBump how far activity pushes a workspace's autostop deadline
 */
public record TemplateSettings(String displayName, String description, String icon, Duration defaultTtl,
        Duration activityBump) {

    public static final TemplateSettings UNMANAGED = new TemplateSettings(null, null, null, null, null);

    /** The names of the managed settings whose observed value differs, in a fixed order; empty when all hold. */
    public List<String> differencesFrom(TemplateSettings observed) {
        List<String> differing = new ArrayList<>();
        compare("displayName", displayName, observed.displayName, differing);
        compare("description", description, observed.description, differing);
        compare("icon", icon, observed.icon, differing);
        compare("defaultTtl", defaultTtl, observed.defaultTtl, differing);
        compare("activityBump", activityBump, observed.activityBump, differing);
        return differing;
    }

    private static void compare(String name, Object desired, Object observed, List<String> differing) {
        if (desired != null && !Objects.equals(desired, observed)) {
            differing.add(name);
        }
    }
}
