package io.ameide.coderguard.common.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Coder notifications the services act on, known by the id of Coder's built-in notification template and, as a
 * fallback, by its name (Coder's own test fixtures zero every id). Anything else is {@link #OTHER}: accepted and
 * ignored, because Coder adds notification types between releases.
 */
public enum NotificationKind {

    WORKSPACE_CREATED("281fdf73-c6d6-4cbb-8ff5-888baf8a2fff", "Workspace Created", true),
    WORKSPACE_MANUALLY_UPDATED("d089fe7b-d5c5-4c0c-aaf5-689859f7d392", "Workspace Manually Updated", true),
    WORKSPACE_AUTOMATICALLY_UPDATED("c34a0c09-0704-4cac-bd1c-0c0146811c2b", "Workspace Updated Automatically", true),
    WORKSPACE_AUTOBUILD_FAILED("381df2a9-c0c0-4749-420f-80a9280c66f9", "Workspace Autobuild Failed", true),
    WORKSPACE_DELETED("f517da0b-cdc9-410f-ab89-a86107c420ed", "Workspace Deleted", true),
    WORKSPACE_DORMANT("0ea69165-ec14-4314-91f1-69566ac3c5a0", "Workspace Marked as Dormant", true),
    WORKSPACE_MARKED_FOR_DELETION("51ce2fdf-c9ca-4be1-8d70-628674f9bc42", "Workspace Marked for Deletion", true),
    TEMPLATE_DELETED("29a09665-2a4c-403f-9648-54301670e7be", "Template Deleted", false),
    TEMPLATE_DEPRECATED("f40fae84-55a2-42cd-99fa-b41c1ca64894", "Template Deprecated", false),
    OTHER(null, null, false);

    private final String templateId;
    private final String title;
    private final boolean aboutWorkspace;

    NotificationKind(String templateId, String title, boolean aboutWorkspace) {
        this.templateId = templateId;
        this.title = title;
        this.aboutWorkspace = aboutWorkspace;
    }

    /** True for the notifications whose first target is a workspace that may have changed. */
    public boolean aboutWorkspace() {
        return aboutWorkspace;
    }

    /** The kind of a notification: by template id, else by name, else {@link #OTHER}. */
    public static NotificationKind of(String notificationTemplateId, String notificationName) {
        return find(k -> k.templateId.equalsIgnoreCase(notificationTemplateId == null ? "" : notificationTemplateId))
                .or(() -> find(k -> k.title.equalsIgnoreCase(notificationName == null ? "" : notificationName.strip())))
                .orElse(OTHER);
    }

    /** The lower-case name used in metric labels. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static Optional<NotificationKind> find(Predicate<NotificationKind> test) {
        return Arrays.stream(values()).filter(k -> k != OTHER).filter(test).findFirst();
    }
}
