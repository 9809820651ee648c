package io.ameide.coderguard.idlereaper.webhook;

import java.util.Optional;
import java.util.regex.Pattern;

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

    /**
     * The worker pool that looks hints up in Coder, bounded in application.properties, apart from the HTTP workers: a
     * Coder that hangs then holds these threads only, the hints wait in the buffer, and probes, metrics, the API and the
     * webhook (which answers 503 once the buffer is full) go on answering.
     */
    public static final String POOL = "hint-lookups";

    /**
     * Coder's user and workspace names: letters and digits, with inner {@code -}, {@code _} or {@code .}, up to 64. A name
     * outside them names no workspace, and is never written to a log or a search.
     */
    private static final Pattern CODER_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?");

    /**
     * The hint a workspace notification gives, or empty when it identifies no workspace at all (no id, and no owner and
     * name that Coder could hold).
     */
    public static Optional<WorkspaceHint> of(CoderNotification notification) {
        String source = "webhook:" + notification.kind().tag();
        Optional<String> id = notification.workspaceId();
        if (id.isPresent()) {
            return Optional.of(new WorkspaceHint(id.get(), null, null, source));
        }
        Optional<String> owner = notification.workspaceOwner();
        Optional<String> name = notification.workspaceName();
        if (owner.filter(CODER_NAME.asMatchPredicate()).isPresent() && name.filter(CODER_NAME.asMatchPredicate()).isPresent()) {
            return Optional.of(new WorkspaceHint(null, owner.get(), name.get(), source));
        }
        return Optional.empty();
    }
}
