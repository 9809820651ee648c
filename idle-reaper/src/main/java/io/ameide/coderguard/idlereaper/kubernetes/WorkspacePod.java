package io.ameide.coderguard.idlereaper.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectReference;

/**
 * A pod and the workspace it belongs to.
 *
 * @param workspaceId the Coder workspace id, a lower-case UUID
 * @param mappedBy how the pod was tied to the workspace
 * @param pod the pod itself
 * @param deployment the workspace's Deployment, or null when the pod has none the reaper can see
 */
public record WorkspacePod(String workspaceId, MappedBy mappedBy, ObjectReference pod, ObjectReference deployment) {

    /** How a pod was tied to its workspace, in the order they are tried. */
    public enum MappedBy {
        /** The pod's own {@code com.coder.workspace.id} label: Coder's {@code kubernetes} template. */
        POD_LABEL,
        /** The {@code com.coder.workspace.id} label of the Deployment that owns the pod: the envbuilder template. */
        DEPLOYMENT_LABEL,
        /** The {@code coder-<id>} name of the Deployment or ReplicaSet that owns the pod, when neither carries the label. */
        OWNER_NAME
    }

    /** Where an Event about this pod's workspace goes: the Deployment, or the pod when it has none. */
    public ObjectReference eventTarget() {
        return deployment != null ? deployment : pod;
    }

    /** {@code namespace/name} of the pod, for log lines. */
    public String podName() {
        return pod.getNamespace() + "/" + pod.getName();
    }
}
