package io.ameide.coderguard.idlereaper.kubernetes;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The labels and names by which Coder's Kubernetes templates tie objects to a workspace. They are template conventions,
 * not something Coder enforces: the {@code kubernetes} template labels the Deployment and its pods, the envbuilder
 * ({@code kubernetes-devcontainer}) template labels only the Deployment, and both name the Deployment
 * {@code coder-<workspace id>}.
 */
final class WorkspaceLabels {

    static final String WORKSPACE_ID = "com.coder.workspace.id";
    static final String WORKSPACE_NAME = "com.coder.workspace.name";
    static final String OWNER_NAME = "com.coder.user.username";

    /** On the Events the reaper writes, so that {@code kubectl get events -l} finds them. */
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String REAPER = "idle-reaper";

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern ID = Pattern.compile(UUID);
    /** {@code coder-<id>}, alone (a Deployment) or followed by a hash (its ReplicaSet, its pod). */
    private static final Pattern NAMED = Pattern.compile("coder-(" + UUID + ")(-.*)?");

    private WorkspaceLabels() {
    }

    /** The workspace id an object's {@code com.coder.workspace.id} label names, if it is one. */
    static Optional<String> idLabel(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return Optional.ofNullable(labels == null ? null : labels.get(WORKSPACE_ID)).flatMap(WorkspaceLabels::workspaceId);
    }

    /** The workspace id in a name of the form {@code coder-<id>} or {@code coder-<id>-<suffix>}. */
    static Optional<String> idInName(String name) {
        Matcher matcher = NAMED.matcher(name == null ? "" : name.toLowerCase(Locale.ROOT));
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** A workspace id as Coder writes it (a UUID, in lower case), or empty when the value is not one. */
    static Optional<String> workspaceId(String value) {
        String id = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /** The value of one label, or null. */
    static String label(HasMetadata object, String key) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
