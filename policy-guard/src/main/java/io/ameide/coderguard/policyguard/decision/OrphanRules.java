package io.ameide.coderguard.policyguard.decision;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ameide.coderguard.policyguard.policy.Rule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * A running workspace pod whose workspace Coder does not run, and a volume claim whose workspace Coder does not have.
 * Coder's templates label the Deployment and the PVC ({@code com.coder.workspace.id}), not always the pod, and name them
 * {@code coder-<id>}; a pod is tied to its workspace through its ReplicaSet's Deployment. A pod tied to nothing is not
 * judged: it may not be a workspace at all.
 */
final class OrphanRules {

    static final String WORKSPACE_ID = "com.coder.workspace.id";
    private static final Pattern NAMED = Pattern
            .compile("coder-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(-.*)?");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private OrphanRules() {
    }

    static void judge(NamespaceSnapshot namespace, WorkspaceDirectory coder, Findings findings) {
        for (Pod pod : namespace.pods()) {
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                continue;
            }
            workspaceOf(namespace, pod).filter(id -> !coder.running().contains(id))
                    .ifPresent(id -> findings.add(Rule.ORPHAN_POD, ObjectRef.of(pod), "workspace " + id,
                            "The pod belongs to workspace " + id + ", which Coder "
                                    + (coder.known().contains(id) ? "does not run." : "does not have.")));
        }
        for (PersistentVolumeClaim claim : namespace.volumeClaims()) {
            idOf(claim).filter(id -> !coder.known().contains(id))
                    .ifPresent(id -> findings.add(Rule.ORPHAN_PVC, ObjectRef.of(claim), "workspace " + id,
                            "The volume claim belongs to workspace " + id + ", which Coder does not have."));
        }
    }

    private static Optional<String> workspaceOf(NamespaceSnapshot namespace, Pod pod) {
        Optional<String> own = idOf(pod);
        if (own.isPresent()) {
            return own;
        }
        for (OwnerReference owner : PodContainer.nonNull(pod.getMetadata().getOwnerReferences())) {
            if ("ReplicaSet".equals(owner.getKind())) {
                Optional<String> viaDeployment = namespace.deployments()
                        .stream()
                        .filter(deployment -> owner.getName().startsWith(deployment.getMetadata().getName() + "-"))
                        .map(deployment -> idOf((HasMetadata) deployment))
                        .flatMap(Optional::stream)
                        .findFirst();
                if (viaDeployment.isPresent()) {
                    return viaDeployment;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> idOf(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        String label = labels == null ? null : labels.get(WORKSPACE_ID);
        if (label != null && UUID.matcher(label.strip().toLowerCase(Locale.ROOT)).matches()) {
            return Optional.of(label.strip().toLowerCase(Locale.ROOT));
        }
        Matcher named = NAMED.matcher(object.getMetadata().getName().toLowerCase(Locale.ROOT));
        return named.matches() ? Optional.of(named.group(1)) : Optional.empty();
    }
}
