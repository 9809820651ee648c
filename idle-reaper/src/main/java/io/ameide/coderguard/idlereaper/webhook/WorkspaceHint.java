package io.ameide.coderguard.idlereaper.webhook;

import java.util.Optional;

import io.ameide.coderguard.common.webhook.CoderNotification;

/**
 * A reason to look at one workspace again now, rather than at the next sweep. It carries only how to find the
 * workspace: the decision is always made on Coder's current view of it.
 *
 * @param workspaceId the workspace's id, when the notification named it
 * @param owner the owner's username, used with {@code name} when there is no id
 * @param name the workspace name, used with {@code owner} when there is no id
 * @param source what sent the hint, e.g. {@code webhook:workspace_deleted}
 */
public record WorkspaceHint(String workspaceId, String owner, String name, String source) {

    /** The in-process channel hints travel on, from the webhook and the pod watch to {@link HintConsumer}. */
    public static final String CHANNEL = "workspace-hints";

    /**
     * How many hints may wait: every emitter of the channel must declare the same buffer. When it is full, the webhook
     * answers 503 so that Coder delivers again later.
     */
    public static final int BUFFER = 10_000;

    /** The hint a workspace notification gives, or empty when it identifies no workspace at all. */
    public static Optional<WorkspaceHint> of(CoderNotification notification) {
        String source = "webhook:" + notification.kind().tag();
        Optional<String> id = notification.workspaceId();
        if (id.isPresent()) {
            return Optional.of(new WorkspaceHint(id.get(), null, null, source));
        }
        Optional<String> owner = notification.workspaceOwner();
        Optional<String> name = notification.workspaceName();
        if (owner.isPresent() && name.isPresent()) {
            return Optional.of(new WorkspaceHint(null, owner.get(), name.get(), source));
        }
        return Optional.empty();
    }
}
