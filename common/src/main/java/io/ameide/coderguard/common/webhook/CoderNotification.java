package io.ameide.coderguard.common.webhook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the services read of one delivery of Coder's notification webhook. Coder sends one delivery per recipient
 * and retries failed ones, so the same {@code msgId} can arrive more than once.
 *
 * @param msgId the message id ({@code msg_id}, also in the {@code X-Message-Id} header)
 * @param templateId Coder's notification template id
 * @param recipient the username of the user the delivery is for, not necessarily the one who acted
 * @param labels the notification's labels: names, never ids
 * @param targets ids whose order depends on the kind; for workspace notifications the first is the workspace
 */
public record CoderNotification(String msgId, NotificationKind kind, String name, String templateId, String recipient,
        Map<String, String> labels, List<String> targets) {

    private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

    public CoderNotification {
        labels = Map.copyOf(labels);
        targets = List.copyOf(targets);
    }

    /** The workspace id, for workspace notifications that carry one that is not the nil UUID. */
    public Optional<String> workspaceId() {
        if (!kind.aboutWorkspace() || targets.isEmpty() || NIL_UUID.equals(targets.get(0))) {
            return Optional.empty();
        }
        return Optional.of(targets.get(0));
    }

    /** The workspace name from the labels ({@code name} or {@code workspace}, as the kind writes it). */
    public Optional<String> workspaceName() {
        return Optional.ofNullable(labels.get("name")).or(() -> Optional.ofNullable(labels.get("workspace")));
    }

    /** The workspace owner's username: a label where the kind has one, else the recipient (owners get their own). */
    public Optional<String> workspaceOwner() {
        return Optional.ofNullable(labels.get("workspace_owner_username")).or(() -> Optional.ofNullable(recipient));
    }
}
