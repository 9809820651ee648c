package io.ameide.coderguard.policyguard.decision;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** The object a finding is about, as PolicyReport's {@code resources} entries name it. uid may be null. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name, String uid) {

    public static ObjectRef of(HasMetadata object) {
        return new ObjectRef(object.getApiVersion(), object.getKind(), object.getMetadata().getNamespace(),
                object.getMetadata().getName(), object.getMetadata().getUid());
    }

    public static ObjectRef namespace(String name, String uid) {
        return new ObjectRef("v1", "Namespace", null, name, uid);
    }

    /** {@code Pod ws-a/coder-x}, or {@code Namespace ws-a} for cluster-scoped objects. */
    @Override
    public String toString() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }
}
