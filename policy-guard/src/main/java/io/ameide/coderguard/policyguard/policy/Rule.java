package io.ameide.coderguard.policyguard.policy;

/**
 * Every rule policy-guard knows: its id (stable, in reports and exemptions), its default severity and what to do about a
 * finding. Whether a rule is in force is up to the policy document.
 */
public enum Rule {

    NETWORK_DEFAULT_DENY("network.default-deny", Severity.HIGH,
            "Add a NetworkPolicy with podSelector: {} that lists the direction in policyTypes."),
    NETWORK_EGRESS_BEYOND_ALLOWLIST(
            "network.egress-beyond-allowlist", Severity.HIGH,
            "Narrow the egress rule to the peers and ports of the policy's egress allowlist."),
    NETWORK_INGRESS_BEYOND_ALLOWLIST(
            "network.ingress-beyond-allowlist", Severity.HIGH,
            "Remove the ingress rule, or narrow it to the policy's ingress allowlist."),
    NETWORK_DNS(
            "network.dns", Severity.MEDIUM,
            "Allow egress to the cluster DNS on both UDP/53 and TCP/53 (TCP carries large answers)."),
    NETWORK_EGRESS_ALLOWLIST_INCOMPLETE(
            "network.egress-allowlist-incomplete", Severity.LOW,
            "Add the missing allowlist entry to the namespace's egress NetworkPolicy."),
    QUOTA_RESOURCE_QUOTA_MISSING(
            "quota.resource-quota-missing", Severity.MEDIUM,
            "Create the namespace's ResourceQuota from the workspace namespace baseline."),
    QUOTA_RESOURCE_QUOTA_BOUNDS(
            "quota.resource-quota-bounds", Severity.MEDIUM,
            "Set the ResourceQuota's hard limits within the policy's bounds."),
    QUOTA_LIMIT_RANGE_MISSING(
            "quota.limit-range-missing", Severity.MEDIUM,
            "Create the namespace's LimitRange (type Container, default and defaultRequest) from the baseline."),
    QUOTA_CONTAINER_RESOURCES(
            "quota.container-resources", Severity.LOW,
            "Give the container cpu and memory requests and limits, or a LimitRange default that supplies them."),
    IDENTITY_CLUSTER_ADMIN(
            "identity.cluster-admin", Severity.CRITICAL,
            "Remove the binding; a workspace ServiceAccount needs no wildcard rights."),
    IDENTITY_TOKEN_AUTOMOUNT(
            "identity.token-automount",
            Severity.MEDIUM,
            "Set automountServiceAccountToken: false on the pod or its ServiceAccount."),
    CREDENTIALS_QUEUE_SECRET(
            "credentials.queue-secret",
            Severity.CRITICAL,
            "Stop mounting the queue credential; workspaces reach queues through the developer's own identity."),
    CREDENTIALS_OTHER_ENVIRONMENT(
            "credentials.other-environment",
            Severity.HIGH,
            "Stop using a Secret of another environment; use one labelled with the namespace's environment."),
    IMAGE_DIGEST(
            "image.digest",
            Severity.HIGH,
            "Pin the image by digest: name[:tag]@sha256:<64 hex digits>."),
    PRIVILEGE_PRIVILEGED(
            "privilege.privileged",
            Severity.CRITICAL,
            "Remove securityContext.privileged; use rootless tooling (e.g. envbuilder, sysbox) instead."),
    PRIVILEGE_HOST_NAMESPACES(
            "privilege.host-namespaces",
            Severity.HIGH,
            "Remove hostNetwork, hostPID and hostIPC from the pod."),
    PRIVILEGE_HOST_PATH(
            "privilege.host-path",
            Severity.CRITICAL,
            "Remove the hostPath volume; a container runtime socket gives root on the node."),
    PRIVILEGE_ESCALATION(
            "privilege.escalation",
            Severity.HIGH,
            "Set securityContext.allowPrivilegeEscalation: false on the container."),
    PRIVILEGE_CAPABILITIES(
            "privilege.capabilities",
            Severity.HIGH,
            "Drop the capability from securityContext.capabilities.add."),
    PRIVILEGE_TELEPRESENCE(
            "privilege.telepresence",
            Severity.HIGH,
            "Remove the Telepresence traffic agent; intercepts are not allowed in workspace namespaces."),
    ORPHAN_POD(
            "orphan.pod",
            Severity.MEDIUM,
            "Delete the pod's Deployment, or find out why Coder no longer knows its workspace."),
    ORPHAN_PVC(
            "orphan.pvc",
            Severity.LOW,
            "Delete the volume once its data is no longer needed; its workspace is gone from Coder."),
    EXEMPTION_EXPIRED(
            "exemption.expired",
            Severity.LOW,
            "Remove the expired exemption from the policy, or renew it with a new expiry and reason.");

    private final String id;
    private final Severity severity;
    private final String remediation;

    Rule(String id, Severity severity, String remediation) {
        this.id = id;
        this.severity = severity;
        this.remediation = remediation;
    }

    public String id() {
        return id;
    }

    public Severity defaultSeverity() {
        return severity;
    }

    public String remediation() {
        return remediation;
    }

    /** The rule with this id, or null. */
    public static Rule ofId(String id) {
        for (Rule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        return null;
    }
}
